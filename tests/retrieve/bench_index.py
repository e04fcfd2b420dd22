"""Scale benchmark of the source index on a synthetic library.

Articles are mixtures of real sentences (the Helsinki news CSV and PAN13 source documents);
planted among them are verbatim copies, truncated copies (the first third), copies buried in
a longer page, and light rewrites (every fourth word dropped) of library articles. Measures the
add rate with indexing, candidate retrieval latency, whether the planted source comes first /
in the top 5, and peak memory.

Run: .venv/bin/python tests/retrieve/bench_index.py --articles 100000 [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from unspun.model import Article, content_id, paragraphs_of
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.vectors import rough_sentences


def sentence_pool(data: Path) -> list[str]:
    csv.field_size_limit(1 << 24)
    pool: list[str] = []
    with (data / "news" / "helsinki_articles.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pool += rough_sentences(row["text"].replace(" ### ", "\n\n"))
    for path in sorted((data / "pan13" / "src").iterdir()):
        pool += rough_sentences(path.read_text(errors="replace"))
    return [s for s in pool if 6 <= len(s.split()) <= 60]


def make(title: str, sentences: list[str]) -> Article:
    paras = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    text = "\n\n".join(paras)
    return Article(
        id=content_id(title, text), title=title, text=text, paragraphs=paragraphs_of(text)
    )


def synth(pool: list[str], n: int, rng: random.Random) -> list[list[str]]:
    return [rng.sample(pool, rng.randint(8, 30)) for _ in range(n)]


def planted(
    bodies: list[list[str]], n: int, pool: list[str], rng: random.Random
) -> list[tuple[str, int, Article]]:
    kinds = ["verbatim", "truncated", "buried", "rewrite"]
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        src = rng.randrange(len(bodies))
        body = bodies[src]
        if kind == "verbatim":
            copy = list(body)
        elif kind == "truncated":
            copy = body[: max(3, len(body) // 3)]
        elif kind == "buried":
            copy = rng.sample(pool, 40) + body[:6] + rng.sample(pool, 20)
        else:
            copy = [" ".join(w for j, w in enumerate(s.split()) if j % 4 != 3) for s in body]
        out.append((kind, src, make(f"Copy {i}", copy)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--reuse", action="store_true", help="query the index --db holds")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    pool = sentence_pool(args.data)
    bodies = synth(pool, args.articles, rng)
    queries = planted(bodies, args.queries, pool, rng)
    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "bench.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    index = SourceIndex(conn, RetrieveConfig())
    index.ensure_schema()
    ids: list[str] = []
    if args.reuse and len(index) == len(bodies):  # an index built by an earlier run
        ids = [make(f"Article {i}", body).id for i, body in enumerate(bodies)]
        bodies = []
    start, cpu = time.perf_counter(), time.process_time()
    for b in range(0, len(bodies), args.batch):
        conn.execute("BEGIN")
        for i in range(b, min(b + args.batch, len(bodies))):
            article = make(f"Article {i}", bodies[i])
            ids.append(article.id)
            index.add(article)
        conn.execute("COMMIT")
    add_s, add_cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_add = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.close()
    conn = sqlite3.connect(path)
    index = SourceIndex(conn, RetrieveConfig())
    times: list[float] = []
    cpu_times: list[float] = []
    first: dict[str, list[bool]] = {}
    top5: dict[str, list[bool]] = {}
    for kind, src, query in queries:
        t, cpu0 = time.perf_counter(), time.process_time()
        found = [c.article_id for c in index.candidates(query, 20)]
        times.append(1000 * (time.perf_counter() - t))
        cpu_times.append(1000 * (time.process_time() - cpu0))
        first.setdefault(kind, []).append(bool(found) and found[0] == ids[src])
        top5.setdefault(kind, []).append(ids[src] in found[:5])
    times.sort()
    cpu_times.sort()
    result = {
        "articles": args.articles,
        "add_per_s": round(len(bodies) / add_s, 1) if bodies else None,
        "add_per_cpu_s": round(len(bodies) / add_cpu, 1) if bodies else None,
        "query_ms_p50": round(statistics.median(times), 1),
        "query_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "query_cpu_ms_p50": round(statistics.median(cpu_times), 1),
        "query_cpu_ms_p95": round(cpu_times[int(0.95 * (len(cpu_times) - 1))], 1),
        "recall_at_1": {k: round(sum(v) / len(v), 3) for k, v in first.items()},
        "recall_at_5": {k: round(sum(v) / len(v), 3) for k, v in top5.items()},
        "db_mb": round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20),
        "peak_rss_mb_adding": round(rss_add),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
