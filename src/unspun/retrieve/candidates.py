"""Candidate sources and how the retrievers' rankings are fused.

Fusion is weighted reciprocal-rank fusion (Cormack et al., 2009): a candidate scores
``sum(w_r / (rrf_k + rank_r))`` over the retrievers that returned it. The three retrievers
score on scales that cannot be compared (shingle containment in [0, 1], BM25 unbounded and
query-dependent, cosine sums), so combining raw scores would need per-corpus calibration;
ranks need none, and a source found by two retrievers rises above one found by a single
retriever. A small ``rrf_k`` keeps the top rank of one retriever decisive (a verbatim copy
that the shingles rank first is not buried under documents that every retriever ranks 20th).
The exact order among the top candidates matters little: ``check`` re-ranks them by alignment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Candidate:
    """A library article that may be a source of the query, with each retriever's say."""

    article_id: str
    score: float  # the fused score (higher is better)
    scores: Mapping[str, float] = field(default_factory=dict)  # retriever -> its raw score
    ranks: Mapping[str, int] = field(default_factory=dict)  # retriever -> rank (1 = best)


def fuse(
    rankings: Mapping[str, Sequence[tuple[str, float]]],
    weights: Mapping[str, float],
    rrf_k: int,
    k: int,
) -> list[Candidate]:
    """Weighted reciprocal-rank fusion of ranked ``(article_id, raw score)`` lists."""
    fused: dict[str, float] = {}
    scores: dict[str, dict[str, float]] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ranking in rankings.items():
        weight = weights.get(name, 1.0)
        for rank, (article_id, raw) in enumerate(ranking, start=1):
            fused[article_id] = fused.get(article_id, 0.0) + weight / (rrf_k + rank)
            scores.setdefault(article_id, {})[name] = raw
            ranks.setdefault(article_id, {})[name] = rank
    order = sorted(fused, key=lambda a: (-fused[a], a))[:k]
    return [Candidate(a, round(fused[a], 6), scores[a], ranks[a]) for a in order]
