"""Retrieval quality: recall@k of known sources, per category of reuse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from unspun.model import Article
from unspun.retrieve.candidates import Candidate


@dataclass(frozen=True, slots=True)
class Query:
    """A query article, the ids of its true sources and the category of its reuse."""

    article: Article
    sources: Collection[str]
    category: str


def recall_at_k(
    search: Callable[[Article, int], Sequence[Candidate]],
    queries: Iterable[Query],
    ks: Sequence[int] = (5, 20),
) -> dict[str, dict[str, float]]:
    """Per category, the share of (query, source) pairs whose source is in the top k.

    Returns ``{"recall_at_<k>": {category: share}, ..., "filtered_at_<k>": ...,
    "ceiling_at_<k>": ..., "pairs": {category: n}}``. The ceiling is the best plain recall a
    perfect ranking could reach at that k: a query with more true sources than k cannot have
    them all in its top k. The filtered recall counts a source's rank with the query's other
    true sources left out (as in link-prediction evaluation), so that the other sources of a
    page built from several are not counted as mistakes.
    """
    found: dict[int, dict[str, int]] = {k: defaultdict(int) for k in ks}
    filtered: dict[int, dict[str, int]] = {k: defaultdict(int) for k in ks}
    ceiling: dict[int, dict[str, float]] = {k: defaultdict(float) for k in ks}
    pairs: dict[str, int] = defaultdict(int)
    depth = max(ks)
    for query in queries:
        deeper = depth + len(query.sources) - 1  # room for the filtered ranks
        ranked = [c.article_id for c in search(query.article, deeper)]
        pairs[query.category] += len(query.sources)
        truth = set(query.sources)
        for k in ks:
            top = set(ranked[:k])
            found[k][query.category] += sum(s in top for s in truth)
            ceiling[k][query.category] += min(k, len(truth))
            for s in truth:
                others = truth - {s}
                filtered[k][query.category] += s in [a for a in ranked if a not in others][:k]
    result: dict[str, dict[str, float]] = {}
    for k in ks:
        result[f"recall_at_{k}"] = {c: round(found[k][c] / n, 4) for c, n in sorted(pairs.items())}
    for k in ks:
        result[f"filtered_at_{k}"] = {
            c: round(filtered[k][c] / n, 4) for c, n in sorted(pairs.items())
        }
    for k in ks:
        result[f"ceiling_at_{k}"] = {
            c: round(ceiling[k][c] / n, 4) for c, n in sorted(pairs.items())
        }
    result["pairs"] = {c: float(n) for c, n in sorted(pairs.items())}
    return result
