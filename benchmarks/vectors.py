"""``make bench``: sentence vectors and the approximate (HNSW) vector index.

Writes the section "Sentence vectors and the ANN index" of docs/benchmarks.md. Each
measurement runs in a fresh process on one core (``taskset``), as benchmarks/run.py does:

- ``add``: `unspun add` of 700-word synth articles, with the sentence vectors (the static
  embedding, and the index file beside the library) and with ``--no-vectors``;
- ``recall``: for paraphrased copies, the parent among the vector retriever's first 5
  candidates, with the static embedding and with MiniLM itself, and the approximate index
  against brute force (tests/baselines/vectors.json pins this figure);
- ``million``: a vector index of 1M articles (8 sentences each, all distinct: synthetic
  clustered vectors, no text), built, written, loaded and queried;
- ``check``: `unspun check` against a synth library with the vectors on: p50/p95 and the
  paraphrased copies' parents in the top 5.

    python benchmarks/vectors.py [--articles 3000] [--library 10000] [--million 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import one_core, run_fn  # noqa: E402

from unspun.evaluate.data import shared_data_dir  # noqa: E402

PY = sys.executable
TITLE = "Sentence vectors and the ANN index"


def child(name: str, *args: str, threads: int = 1) -> dict:
    """Run ``vectors.<name>(*args)`` in a fresh process (one core unless ``threads`` > 1)."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), PYTHONPATH=str(ROOT / "src"))
    code = (
        "import json, resource, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        f"from vectors import {name} as main\n"
        "out = main(*sys.argv[1:])\n"
        "use = resource.getrusage(resource.RUSAGE_SELF)\n"
        "out['peak_rss_mb'] = use.ru_maxrss / 1024\n"
        "out['cpu_s'] = use.ru_utime + use.ru_stime\n"
        "print(json.dumps(out))\n"
    )
    pin = one_core() if threads == 1 else []
    proc = subprocess.run([*pin, PY, "-c", code, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- children ----------------------------------------------------------------------------


def make_synth(data: str, out_dir: str, n: str, words: str) -> dict:
    """A synth corpus; ``words`` "700" makes articles of 28-42 sentences (about 700 words)."""
    from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus

    long = words == "700"
    cfg = SynthConfig(
        articles=int(n), seed=1, min_sentences=28 if long else 12, max_sentences=42 if long else 30
    )
    meta = write_corpus(Path(out_dir), cfg, load_pool(Path(data)))
    with (Path(out_dir) / "articles.jsonl").open(encoding="utf-8") as fh:
        counts = [len(json.loads(line)["text"].split()) for line in fh]
    return {"counts": meta["counts"], "mean_words": sum(counts) / len(counts)}


def add_library(jsonl: str, db: str, vectors: str) -> dict:
    """What `unspun add` does (cli.library.add), timed: store, index, embed, index file."""
    from unspun.config import ExtractConfig
    from unspun.extract import read_inputs
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.retrieve.static import load_static
    from unspun.store import open_store

    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig(), load_static() if vectors == "1" else None)
        index.ensure_schema()
        store.attach(index)
        summary = store.add_many(read_inputs([jsonl], ExtractConfig()))
        t1, c1 = time.perf_counter(), time.process_time()
        index.sync_ann()
        rows = store.conn.execute("SELECT count(*), count(DISTINCT h) FROM idx_vectors")
        sentences, distinct = rows.fetchone()
    ann = Path(db + ".vectors.usearch")
    return {
        "added": summary.added,
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "ann_seconds": time.perf_counter() - t1,
        "ann_cpu_seconds": time.process_time() - c1,
        "sentences": sentences,
        "distinct": distinct,
        "db_mb": Path(db).stat().st_size / 1e6,
        "ann_mb": ann.stat().st_size / 1e6 if ann.exists() else 0.0,
    }


def recall(db: str, synth_dir: str, n: str, model: str) -> dict:
    """Vector retriever alone: paraphrased copies' parents in its top 5, and (static) the
    approximate index against brute force."""
    from unspun.align import AlignConfig, load_embedder
    from unspun.evaluate.vectors import ann_agreement, parent_in_top
    from unspun.retrieve.config import RetrieveConfig
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    with Path(synth_dir, "truth.jsonl").open(encoding="utf-8") as fh:
        truth = [json.loads(line) for line in fh]
    cfg = RetrieveConfig(vector_model=model)
    out: dict = {"model": model}
    with open_store(db) as store:
        ids = {e: a for a, e in store.conn.execute("SELECT id, external_id FROM articles")}
        pool = [t for t in truth if t["kind"] == "paraphrased" and t["parent"] in ids]
        picked = random.Random(0).sample(pool, min(int(n), len(pool)))
        queries = [(store.get(ids[t["id"]]), ids[t["parent"]]) for t in picked]
        index = SourceIndex(store.conn, cfg, load_embedder(AlignConfig()))
        if model != "static":  # embed the library again with MiniLM, timed
            index.ensure_schema()
            t0 = time.process_time()
            while index.index_vectors(limit=256):
                pass
            out["embed_cpu_s"] = time.process_time() - t0
        index.sync_ann()
        t0 = time.perf_counter()
        out["parent_top5"] = parent_in_top(index, queries)
        out["query_ms"] = (time.perf_counter() - t0) / max(1, len(queries)) * 1000
        if model == "static":
            t0 = time.perf_counter()
            exact = parent_in_top(index, queries, exact=True)
            out["exact_query_ms"] = (time.perf_counter() - t0) / max(1, len(queries)) * 1000
            out["parent_top5_exact"] = exact
            for top in (5, 10):
                agree = ann_agreement(index, [q for q, _ in queries], top)
                out[f"same_top{top}"] = agree.same_top
                out[f"overlap_top{top}"] = agree.overlap
        out["queries"] = len(queries)
    return out


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def million(n_articles: str, folder: str, threads: str, budget_s: str = "0") -> dict:
    """A vector index of ``n_articles`` x 8 distinct sentence vectors, built, written, read
    back and queried; with a ``budget_s``, the build stops when it is spent and the figures
    are those of the vectors in by then. The vectors are the static model's for synthetic
    sentences (8 to 40 tokens drawn from a Zipf law over the vocabulary, each vector the
    normalised mean of its tokens' rows, as the model embeds a real sentence): no text."""
    import numpy as np

    from unspun.retrieve.ann import VectorAnn
    from unspun.retrieve.static import load_static

    table = load_static().table
    n = int(n_articles) * 8
    dim = table.shape[1]
    rng = np.random.default_rng(0)
    vocab = rng.permutation(np.arange(1000, len(table)))  # past [unused] and special tokens
    zipf = 1.0 / np.arange(1, len(vocab) + 1)
    zipf /= zipf.sum()
    path = Path(folder) / "million.vectors.usearch"
    ann = VectorAnn(dim, path, threads=int(threads))
    ann.loaded = True
    t0 = time.perf_counter()
    part = 5_000
    budget = float(budget_s) or float("inf")
    for first in range(0, n, part):
        if time.perf_counter() - t0 > budget:
            break
        size = min(part, n - first)
        lengths = rng.integers(8, 41, size)
        tokens = vocab[rng.choice(len(vocab), int(lengths.sum()), p=zipf)]
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        v = np.add.reduceat(table[tokens], starts, axis=0)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        keys = np.arange(first + 1, first + size + 1, dtype=np.uint64)
        ann.index.add(keys, v.astype(np.float16), threads=int(threads))
        if first % 250_000 == 0:
            Path(folder, "progress").write_text(f"{first} {time.perf_counter() - t0:.0f}\n")
    build = time.perf_counter() - t0
    built = len(ann)
    ann.last_id, ann.generation, ann.dirty = built, 0, True
    t0 = time.perf_counter()
    ann.save()
    save = time.perf_counter() - t0
    del ann
    before = _rss_mb()
    fresh = VectorAnn(dim, path)
    t0 = time.perf_counter()
    fresh.load()
    load = time.perf_counter() - t0
    loaded = _rss_mb() - before
    queries = rng.normal(size=(32 * 50, dim)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    t0 = time.perf_counter()
    for i in range(50):
        fresh.search(queries[32 * i : 32 * (i + 1)], 40)
    per_check = (time.perf_counter() - t0) / 50
    return {
        "wanted": n,
        "vectors": len(fresh),
        "build_s": build,
        "save_s": save,
        "load_s": load,
        "file_mb": path.stat().st_size / 1e6,
        "memory_mb": fresh.index.memory_usage / 1e6,
        "rss_of_loaded_mb": loaded,
        "query_ms": per_check * 1000,
    }


# -- the section ---------------------------------------------------------------------------

BEGIN = "<!-- vectors: begin (written by benchmarks/vectors.py) -->"
END = "<!-- vectors: end -->"


def per_cpu(n: float, out: dict, key: str = "cpu_seconds") -> str:
    return f"{n / out['seconds']:,.0f}/s wall, {n / out[key]:,.0f} per CPU-second"


def bench_add(work: Path, data: Path, args: argparse.Namespace) -> list[str]:
    syn = child("make_synth", str(data), str(work / "s700"), str(args.articles), "700")
    jsonl = str(work / "s700" / "articles.jsonl")
    plain = child("add_library", jsonl, str(work / "plain.db"), "0")
    vec = child("add_library", jsonl, str(work / "vec.db"), "1")
    extra = (vec["cpu_seconds"] - plain["cpu_seconds"]) / vec["added"] * 1000
    return [
        f"- **`unspun add` of {vec['added']:,} synth articles of {syn['mean_words']:.0f} words "
        f"on average, with sentence vectors** (store, shingle and full-text index, 8 sentences "
        f"embedded with the static model, the HNSW index file written): "
        f"{per_cpu(vec['added'], vec)}; peak memory {vec['peak_rss_mb']:.0f} MB; "
        f"{vec['sentences']:,} sentences, {vec['distinct']:,} distinct "
        f"({1 - vec['distinct'] / vec['sentences']:.0%} repeats); library file "
        f"{vec['db_mb']:.0f} MB, vector index file {vec['ann_mb']:.1f} MB (its update after "
        f"the add: {vec['ann_cpu_seconds']:.1f} CPU-s). Target ≥ 100 articles/s per core. "
        "Replaces: `unspun index` with MiniLM, about 17 articles/s.",
        f"- **the same with `--no-vectors`**: {per_cpu(plain['added'], plain)}; the vectors "
        f"cost {extra:.1f} ms of CPU an article.",
    ]


def bench_recall(work: Path, args: argparse.Namespace) -> list[str]:
    db, synth = str(work / "vec.db"), str(work / "s700")
    static = child("recall", db, synth, str(args.queries), "static")
    minilm_db = work / "minilm.db"
    minilm_db.write_bytes(Path(db).read_bytes())
    minilm = child("recall", str(minilm_db), synth, str(args.queries), "minilm")
    return [
        f"- **paraphrased copies' parents among the vector retriever's first 5** "
        f"({static['queries']} copies, the library above): static embedding "
        f"{static['parent_top5']:.1%} ({static['query_ms']:.0f} ms a query, through the index), "
        f"MiniLM {minilm['parent_top5']:.1%} ({minilm['query_ms']:.0f} ms a query; embedding "
        f"the library with MiniLM took {minilm['embed_cpu_s']:.0f} CPU-s, "
        f"{minilm['queries'] and args.articles / minilm['embed_cpu_s']:.0f} articles per "
        "CPU-second). The static model costs the retriever this much recall; the alignment "
        "still decides with MiniLM.",
        f"- **the HNSW index against brute force** (same queries): the same first 5 documents "
        f"for {static['same_top5']:.1%} of queries, the same first 10 for "
        f"{static['same_top10']:.1%} (mean overlap of the first 5: {static['overlap_top5']:.1%}); "
        f"parents in the first 5 by brute force {static['parent_top5_exact']:.1%}; brute force "
        f"takes {static['exact_query_ms']:.0f} ms a query here. Target ≥ 98 %; "
        "tests/baselines/vectors.json pins it on a smaller library.",
    ]


def bench_million(work: Path, args: argparse.Namespace) -> list[str]:
    out = child(
        "million", str(args.million), str(work), str(args.threads), str(args.budget),
        threads=args.threads,
    )  # fmt: skip
    per_vector = out["memory_mb"] / max(1, out["vectors"])
    whole = out["vectors"] == out["wanted"]
    rest_min = (out["wanted"] - out["vectors"]) / max(1, out["vectors"]) * out["build_s"] / 60
    reached = (
        f"built in {out['build_s']:.0f} s"
        if whole
        else f"not built whole: {out['vectors']:,} of the {out['wanted']:,} vectors went in "
        f"within the {args.budget} s allowed ({out['vectors'] / out['build_s']:,.0f} a second; "
        f"the rest would take about {rest_min:.0f} min more at that rate, and "
        f"{per_vector * out['wanted']:,.0f} MB in memory at "
        f"{per_vector * 1e6:.0f} bytes a vector)"
    )  # fmt: skip
    return [
        f"- **a vector index of {args.million:,} articles** (8 sentence vectors an article, "
        "all distinct; the static model's vectors of synthetic sentences, Zipf-drawn tokens, "
        f"not text): {reached}, on {args.threads} threads; written in {out['save_s']:.1f} s; "
        f"file {out['file_mb']:,.0f} MB; in memory {out['memory_mb']:,.0f} MB (usearch's "
        f"count; the process grew by {out['rss_of_loaded_mb']:,.0f} MB loading it, in "
        f"{out['load_s']:.1f} s with the digest check); a check's vector query (32 sentences, "
        f"40 neighbours each, ef 512) {out['query_ms']:.0f} ms. Target ≤ 4 GB in memory. "
        "Replaces: brute force over float16 MiniLM vectors, about 6 GB a process and seconds "
        "a query at 1M articles.",
    ]


def bench_check(work: Path, data: Path, args: argparse.Namespace) -> list[str]:
    from run import choose_queries, recall_rows

    child("make_synth", str(data), str(work / "lib"), str(args.library), "400")
    db = work / "lib.db"
    add = child("add_library", str(work / "lib" / "articles.jsonl"), str(db), "1")
    queries = choose_queries(work / "lib" / "truth.jsonl", args.check_queries, limit=args.library)
    qpath = work / "queries.json"
    qpath.write_text(json.dumps(queries), "utf-8")
    chk = run_fn("check_queries", str(db), str(qpath), str(work / "found.json"), "0")
    truth = {
        r["id"]: r for r in (json.loads(line) for line in (work / "lib" / "truth.jsonl").open())
    }
    found = {r["id"]: r for r in json.loads((work / "found.json").read_text("utf-8"))}
    rows = recall_rows(queries, truth, found, None)
    para = next((r["figure"] for r in rows if r["what"].startswith("paraphrased")), "")
    return [
        f"- **`unspun check` against a {args.library:,}-article synth library with sentence "
        f"vectors on** (added in {add['cpu_seconds']:.0f} CPU-s, "
        f"{per_cpu(add['added'], add)}; {chk['checks']} planted articles): "
        f"p50 {chk['p50_ms']:.0f} ms, p95 {chk['p95_ms']:.0f} ms (CPU p50 "
        f"{chk['cpu_p50_ms']:.0f} ms, p95 {chk['cpu_p95_ms']:.0f} ms); first check (loads the "
        f"model and the vector index) {chk['first_check_s']:.1f} s; peak memory "
        f"{chk['peak_rss_mb']:.0f} MB. Paraphrased copies: {para}. Targets at 100k: p50 ≤ "
        "150 ms, p95 ≤ 500 ms, parent in the top 5 ≥ 99 %.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--articles", type=int, default=3000, help="700-word articles added")
    parser.add_argument("--queries", type=int, default=200, help="paraphrased copies queried")
    parser.add_argument("--million", type=int, default=1_000_000, help="articles in the index")
    parser.add_argument("--threads", type=int, default=2, help="threads building it")
    parser.add_argument("--budget", type=int, default=0, help="stop building after S seconds")
    parser.add_argument("--library", type=int, default=10_000, help="synth library checked")
    parser.add_argument("--check-queries", type=int, default=100)
    parser.add_argument("--only", default="add,recall,million,check")
    args = parser.parse_args()
    data = shared_data_dir()
    started = time.time()
    parts = set(args.only.split(","))
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if data.is_dir() and parts & {"add", "recall"}:
            lines += bench_add(work, data, args)
            if "recall" in parts:
                lines += bench_recall(work, args)
        if "million" in parts:
            lines += bench_million(work, args)
        if data.is_dir() and "check" in parts:
            lines += bench_check(work, data, args)
    if not data.is_dir():
        lines.append(f"- synth figures skipped: no shared data at {data}")
    command = " ".join(["benchmarks/vectors.py", *sys.argv[1:]])
    text = "\n".join(
        [
            BEGIN,
            f"## {TITLE}",
            "",
            f"_Measured {dt.date.today().isoformat()} by `{command}`, machine: "
            f"{platform.machine()}, {os.cpu_count()} cores (shared), "
            f"{platform.python_implementation()} {platform.python_version()}; "
            f"{time.time() - started:.0f} s._",
            "",
            *lines,
            "",
            END,
        ]
    )
    from sections import write_section

    write_section(args.out, text + "\n", BEGIN, END)
    print(text)


if __name__ == "__main__":
    main()
