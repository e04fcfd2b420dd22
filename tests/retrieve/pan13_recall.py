"""Source retrieval on PAN13: index every source document, query with each suspicious one.

Run: .venv/bin/python tests/retrieve/pan13_recall.py [--data DIR] [--every N] [--vectors]
(also used by test_pan13_recall.py, on every third query).

PAN13's pairs.tsv here is a half-sample: a suspicious document often reuses more sources than
it lists, and those unlisted sources (verbatim or obfuscated passages of them are plainly in
the document) take top ranks. Plain recall@5 is therefore capped well below 1; the filtered
figures leave a query's other *listed* sources out of the ranking, not the unlisted ones.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path

from unspun.model import Article, content_id, paragraphs_of
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.recall import Query, recall_at_k


def read_article(path: Path) -> Article:
    data = path.read_bytes()
    try:
        from unspun.config import ExtractConfig
        from unspun.extract.sources import read_bytes

        return read_bytes(data, str(path), ExtractConfig(), fmt="text")
    except ImportError:  # the text reader is not there yet
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return Article(id=content_id("", text), text=text, paragraphs=paragraphs_of(text))


def pan13_queries(data: Path) -> tuple[dict[str, Article], list[Query]]:
    """The source articles by file name, and one query per suspicious document and category."""
    by_susp: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in (data / "pairs.tsv").read_text().splitlines():
        susp, src, category = line.split("\t")
        if category != "no-plagiarism":
            by_susp[(susp, category)].append(src)
    sources = {p.name: read_article(p) for p in sorted((data / "src").iterdir())}
    queries = [
        Query(read_article(data / "susp" / susp), [sources[s].id for s in srcs], category)
        for (susp, category), srcs in sorted(by_susp.items())
    ]
    return sources, queries


def measure(data: Path, cfg: RetrieveConfig, embedder: object = None, every: int = 1) -> dict:
    sources, queries = pan13_queries(data)
    queries = queries[::every]
    conn = sqlite3.connect(":memory:")
    index = SourceIndex(conn, cfg, embedder)  # type: ignore[arg-type]
    index.ensure_schema()
    start = time.perf_counter()
    index.add_many(sources.values())
    index.index_vectors()
    added = time.perf_counter() - start
    start = time.perf_counter()
    result: dict = recall_at_k(lambda a, k: index.candidates(a, k), queries)
    searched = time.perf_counter() - start
    result["timing"] = {
        "add_per_s": round(len(sources) / added, 1),
        "query_ms": round(1000 * searched / len(queries), 1),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/pan13"))
    parser.add_argument("--vectors", action="store_true", help="use sentence embeddings")
    parser.add_argument("--every", type=int, default=1, help="query every n-th document")
    args = parser.parse_args(argv)
    embedder = None
    if args.vectors:
        from unspun.align.config import AlignConfig
        from unspun.align.embed import load_embedder

        embedder = load_embedder(AlignConfig())
    result = measure(args.data, RetrieveConfig(), embedder, args.every)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
