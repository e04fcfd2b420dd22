"""How the sentence-vector retriever's choices measure up: the approximate index against
brute force, and the parent of a paraphrased copy among the vector retriever's candidates.

:func:`ann_agreement` is what tests/baselines/vectors.json pins (and ``benchmarks/vectors.py``
reports): for each query article, the documents the vector retriever ranks first through
the approximate index and by brute force over every stored vector, compared as sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from unspun.model import Article
from unspun.retrieve.index import SourceIndex


@dataclass(frozen=True, slots=True)
class Agreement:
    queries: int
    same_top: float  # share of queries whose top ``top`` documents are the same set ...
    same_scores: float  # ... or score the same (ties: copies holding the same sentences)
    overlap: float  # mean share of brute force's top documents the index also ranks first
    top: int


def ann_agreement(index: SourceIndex, queries: Sequence[Article], top: int = 5) -> Agreement:
    """The approximate index's top ``top`` documents against brute force's, query by query.

    A query whose brute-force ranking has fewer than ``top`` documents is compared on what
    it has."""
    same = scores = 0
    shared = 0.0
    for article in queries:
        exact = index.search_vectors(article.title, article.text, exact=True)[:top]
        approx = index.search_vectors(article.title, article.text)[:top]
        want, got = {d for d, _ in exact}, {d for d, _ in approx}
        same += want == got
        scores += want == got or (
            len(exact) == len(approx)
            and all(abs(a[1] - b[1]) <= 1e-3 for a, b in zip(exact, approx, strict=True))
        )
        shared += len(want & got) / len(want) if want else 1.0
    n = max(1, len(queries))
    return Agreement(
        len(queries), round(same / n, 4), round(scores / n, 4), round(shared / n, 4), top
    )


def parent_in_top(
    index: SourceIndex,
    queries: Sequence[tuple[Article, str]],
    top: int = 5,
    exact: bool = False,
) -> float:
    """Share of (copy, parent's article id) whose parent the vector retriever alone ranks in
    its first ``top`` documents (the copy itself left out); by brute force when ``exact``."""
    if not queries:
        return 0.0
    found = 0
    for article, parent in queries:
        ranked = index.search_vectors(article.title, article.text, exact=exact)
        own = index._doc_of(article.id)
        docs = [d for d, _ in ranked if d != own][:top]
        found += parent in index._article_ids(set(docs)).values()
    return round(found / len(queries), 4)


def measure_synth(data: Path, work: Path, articles: int = 1500, queries: int = 150) -> dict:
    """Build a synth library of ``articles`` (seed 1) with the static vectors, and measure
    on ``queries`` paraphrased copies: the approximate index against brute force (top 5 and
    top 10) and the parent among the vector retriever's first 5 (both ways)."""
    import json
    import random

    from unspun.config import ExtractConfig
    from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus
    from unspun.extract import read_inputs
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.static import load_static
    from unspun.store import open_store

    write_corpus(work, SynthConfig(articles=articles, seed=1), load_pool(data))
    with open_store(str(work / "synth.db")) as store:
        index = SourceIndex(store.conn, RetrieveConfig(), load_static())
        index.ensure_schema()
        store.attach(index)
        store.add_many(read_inputs([str(work / "articles.jsonl")], ExtractConfig()))
        index.sync_ann()
        ids = {e: a for a, e in store.conn.execute("SELECT id, external_id FROM articles")}
        with (work / "truth.jsonl").open(encoding="utf-8") as fh:
            truth = [json.loads(line) for line in fh]
        pool = [t for t in truth if t["kind"] == "paraphrased" and t["parent"] in ids]
        picked = random.Random(0).sample(pool, min(queries, len(pool)))
        pairs = [(store.get(ids[t["id"]]), ids[t["parent"]]) for t in picked]
        top5 = ann_agreement(index, [a for a, _ in pairs], 5)
        top10 = ann_agreement(index, [a for a, _ in pairs], 10)
        return {
            "articles": articles,
            "queries": len(pairs),
            "ann_same_top5": top5.same_top,
            "ann_same_top10": top10.same_top,
            "ann_overlap_top5": top5.overlap,
            "parent_top5_ann": parent_in_top(index, pairs),
            "parent_top5_exact": parent_in_top(index, pairs, exact=True),
        }
