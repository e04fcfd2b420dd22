"""``make bench``: speed and memory of unspun's stages, written to docs/benchmarks.md.

Figures come from real runs on this machine, each in a fresh subprocess pinned to one core
(``taskset -c 0`` where available), with peak memory read from the child's rusage. Where a
peer tool does the same job (trafilatura alone for HTML), it runs in the same session and the
figure is also given as a ratio, since these machines are shared and noisy.

Data: ../shared/data when present (real articles); otherwise the bundled demo articles,
multiplied with small edits, so the benchmark still runs on a user's clone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unspun.evaluate.data import shared_data_dir  # noqa: E402

PY = sys.executable
SECTIONS: list[tuple[str, Callable[[Path, argparse.Namespace], list[dict]]]] = []


def section(name: str) -> Callable:
    def wrap(fn: Callable) -> Callable:
        SECTIONS.append((name, fn))
        return fn

    return wrap


def one_core() -> list[str]:
    core = os.environ.get("UNSPUN_BENCH_CORE", "0")
    return ["taskset", "-c", core] if shutil.which("taskset") else []


def run_child(code: str, *args: str) -> dict:
    """Run Python ``code`` in a fresh process on one core; it prints one JSON object."""
    env = dict(os.environ, OMP_NUM_THREADS="1", HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT / "src"))
    wrapper = (
        "import json, resource, sys\n"
        f"{code}\n"
        "out = main(*sys.argv[1:])\n"
        "use = resource.getrusage(resource.RUSAGE_SELF)\n"
        "out['peak_rss_mb'] = use.ru_maxrss / 1024\n"
        "out['cpu_s'] = use.ru_utime + use.ru_stime\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [*one_core(), PY, "-c", wrapper, *args], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_fn(name: str, *args: str) -> dict:
    """Run ``children.<name>(*args)`` in a fresh process on one core (see run_child)."""
    bench = str(Path(__file__).resolve().parent)
    return run_child(
        f"import sys\nsys.path.insert(0, {bench!r})\nfrom children import {name} as main", *args
    )


def helsinki_texts(data: Path) -> list[str]:
    import csv

    path = data / "news" / "helsinki_articles.csv"
    if not path.exists():
        return []
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as fh:
        return [row["text"].replace(" ### ", "\n\n") for row in csv.DictReader(fh)]


def demo_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted((ROOT / "src/unspun/demo").glob("*.txt"))]


def write_text_corpus(folder: Path, n: int, texts: list[str]) -> None:
    """n distinct plain-text articles made from real ones (a numbered line keeps them apart)."""
    rnd = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        base = texts[i % len(texts)]
        folder.joinpath(f"{i:06d}.txt").write_text(
            f"{base}\n\nBenchmark copy number {i} ({rnd.random():.6f}).\n", "utf-8"
        )


ADD_CODE = """
import time
from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.store import open_store

def main(folder, db):
    t0, c0 = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        summary = store.add_many(read_inputs([folder], ExtractConfig()))
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    added = summary.added
    return {"articles": added, "seconds": secs, "per_second": added / secs, "cpu": cpu}
"""


@section("Adding plain-text articles to the library")
def bench_add_text(data: Path, args: argparse.Namespace) -> list[dict]:
    texts = helsinki_texts(data) or demo_texts()
    rows = []
    for n in (args.text_n, args.memory_n):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            write_text_corpus(folder, n, texts)
            out = run_child(ADD_CODE, str(folder), str(Path(tmp) / "lib.db"))
        rows.append(
            {
                "what": f"add {n:,} plain-text articles (read, clean, store)",
                "figure": rate(out["articles"], out["seconds"], out["cpu"], "articles"),
                "peak memory": f"{out['peak_rss_mb']:.0f} MB",
                "target": "≥ 300 articles/s; ≤ 1 GB while adding 10,000",
            }
        )
    return rows


HTML_CODE = """
import gzip, time
from pathlib import Path
from unspun.config import ExtractConfig
from unspun.extract.html import extract_html

def main(folder, which):
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(Path(folder).glob("*.html.gz"))]
    cfg = ExtractConfig()
    t0, c0 = time.perf_counter(), time.process_time()
    for i, page in enumerate(pages):
        if which == "unspun":
            extract_html(page, origin=str(i), cfg=cfg)
        else:
            import trafilatura
            trafilatura.bare_extraction(page.decode("utf-8", "replace"), with_metadata=True)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"pages": len(pages), "seconds": secs, "per_second": len(pages) / secs, "cpu": cpu}
"""


@section("Extracting HTML pages")
def bench_html(data: Path, args: argparse.Namespace) -> list[dict]:
    folder = data / "extraction" / "html"
    if not folder.is_dir():
        return [{"what": "HTML extraction", "figure": "skipped: no ../shared/data/extraction"}]
    ours = run_child(HTML_CODE, str(folder), "unspun")
    peer = run_child(HTML_CODE, str(folder), "trafilatura")
    return [
        {
            "what": f"extract {ours['pages']} real article pages (unspun: body, metadata, "
            "date, captions, credits)",
            "figure": rate(ours["pages"], ours["seconds"], ours["cpu"], "pages"),
            "peer": "trafilatura.bare_extraction alone: "
            + rate(peer["pages"], peer["seconds"], peer["cpu"], "pages")
            + f" (unspun takes {ours['cpu'] / peer['cpu']:.2f}× its CPU time)",
            "target": "≥ 40 pages/s",
        }
    ]


def cached(args: argparse.Namespace, name: str, *fn_args: str) -> dict | None:
    """``run_fn(name, ...)``, its result kept in the work folder; with ``--resume`` a result
    kept by an earlier run is used again (None for an add that never finished)."""
    path = args.workdir / f"{name}.json"
    if args.resume and path.exists():
        return json.loads(path.read_text("utf-8"))
    if args.resume and name == "add_indexed" and Path(fn_args[1]).exists():
        return None
    out = run_fn(name, *fn_args)
    path.write_text(json.dumps(out), "utf-8")
    return out


def rate(n: float, wall: float, cpu: float, unit: str) -> str:
    """A rate by the wall clock and by the process's own CPU time (the machine is shared:
    waiting for the core shows in the first, not in the second)."""
    return f"{n / wall:,.1f} {unit}/s ({n / cpu:,.1f} per CPU-second)"


def _skip_reason(exc: Exception) -> str:
    lines = [ln for ln in str(exc).strip().splitlines() if ln.strip()]
    return lines[-1] if lines else type(exc).__name__


@section("Aligning a copy with its source (compare)")
def bench_align(data: Path, args: argparse.Namespace) -> list[dict]:
    try:
        load = run_fn("model_load")
    except RuntimeError as exc:
        return [{"what": "sentence model", "figure": f"skipped: {_skip_reason(exc)}"}]
    out = run_fn("align_pair", str(data))
    rows = [
        {
            "what": f"load the sentence model ({load['model']})",
            "figure": f"{load['load_s']:.2f} s ({load['load_cpu_s']:.2f} s CPU)",
            "also": f"importing unspun.align {load['import_s']:.2f} s, first sentence encoded "
            f"{1000 * load['first_encode_s']:.0f} ms",
            "target": "≤ 2 s",
        }
    ]
    for name, label in (("edited", "lightly edited copy"), ("spun", "rule-spun copy")):
        r = out[name]
        rows.append(
            {
                "what": f"align a {out['words']}-word pair, {label} (embeddings included, model "
                "load excluded)",
                "figure": f"{r['median_ms']:.0f} ms ({r['cpu_ms']:.0f} ms CPU; median of 6, "
                f"the first run {r['first_ms']:.0f} ms)",
                "also": f"{r['pairs']} sentence pairs, copy share {r['copy_share']:.2f}; "
                f"pair: {out['pair']}"
                + ("" if name == "edited" else "; this row aligns the source's rule-spun copy"),
                "peak memory": f"{out['peak_rss_mb']:.0f} MB",
                "target": "≤ 150 ms",
            }
        )
    return rows


@section("What the copy changed (changes)")
def bench_changes(data: Path, args: argparse.Namespace) -> list[dict]:
    try:
        import unspun.changes  # noqa: F401
    except ImportError as exc:
        return [{"what": "changes", "figure": f"skipped: {exc}"}]
    try:
        out = run_fn("changes_pair", str(data))
    except RuntimeError as exc:
        return [{"what": "changes", "figure": f"skipped: {_skip_reason(exc)}"}]
    return [
        {
            "what": "changes for a 700-word pair (alignment given)",
            "figure": f"{out['median_ms']:.0f} ms ({out['cpu_ms']:.0f} ms CPU; median of 6, "
            f"the first run {out['first_ms']:.0f} ms)",
            "also": f"{out['changes']} changes; pair: {out['pair']}",
            "target": "≤ 200 ms",
        }
    ]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(pred: dict[str, object], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true one (shared items)."""
    from collections import Counter

    items = [i for i in pred if i in truth]
    cells = Counter((pred[i], truth[i]) for i in items)
    tp = sum(_pairs(n) for n in cells.values())
    pp = sum(_pairs(n) for n in Counter(pred[i] for i in items).values())
    tt = sum(_pairs(n) for n in Counter(truth[i] for i in items).values())
    return (tp / pp if pp else 1.0), (tp / tt if tt else 1.0)


def choose_queries(truth_path: Path, n: int, seed: int = 0, limit: int | None = None) -> list[dict]:
    """About ``n`` planted articles to check (of the first ``limit``): half paraphrased (spun)
    copies, the rest verbatim, truncated and near-verbatim copies and independent same-event
    reports."""
    with truth_path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(limit or 10**12), fh, strict=False)]
    rnd = random.Random(seed)
    share = {"paraphrased": 0.5, "verbatim": 0.1, "truncated": 0.1, "near-verbatim": 0.15,
             "independent": 0.15}  # fmt: skip
    out = []
    for kind, part in share.items():
        pool = [r for r in rows if r["kind"] == kind]
        out += rnd.sample(pool, min(len(pool), round(n * part)))
    return out


def recall_rows(queries: list[dict], truth: dict[str, dict], found: dict[str, dict],
                lsh: dict[str, dict] | None) -> list[dict]:  # fmt: skip
    rows = []
    for kind in ("paraphrased", "near-verbatim", "truncated", "verbatim"):
        qs = [q for q in queries if q["kind"] == kind]
        if not qs:
            continue

        def fam_hit(sources: list[str], q: dict) -> bool:
            return any(truth.get(s, {}).get("family") == q["family"] for s in sources)

        ours_f = sum(fam_hit(found[q["id"]]["sources"], q) for q in qs) / len(qs)
        ours_p = sum(q["parent"] in found[q["id"]]["top5"] for q in qs) / len(qs)
        row = {
            "what": f"{kind} copies ({len(qs)} checked)",
            "figure": f"unspun finds a source of its family {ours_f:.0%}, its parent in the "
            f"top 5 {ours_p:.0%}",
        }
        if lsh is not None:
            lsh_f = sum(fam_hit(lsh[q["id"]]["sources"], q) for q in qs) / len(qs)
            lsh_p = sum(q["parent"] in lsh[q["id"]]["sources"] for q in qs) / len(qs)
            row["peer"] = (
                f"MinHashLSH (threshold 0.5, 128 permutations, word 5-grams): family {lsh_f:.0%}, "
                f"parent {lsh_p:.0%}"
            )
        rows.append(row)
    ind = [q for q in queries if q["kind"] == "independent"]
    if ind:
        reused = sum(
            any(truth.get(s, {}).get("family") != q["family"] for s in found[q["id"]]["sources"])
            for q in ind
        )
        same = sum(found[q["id"]]["kind"] == "same event" for q in ind)
        rows.append(
            {
                "what": f"independent same-event reports ({len(ind)} checked)",
                "figure": "reported as reusing an article of another family (partly derived) "
                f"{reused / len(ind):.0%}, as the same event {same / len(ind):.0%}",
                "also": "each tells up to 5 of its event original's stories in other sentences: "
                "MSRP pairs labelled not-paraphrase, which were chosen for high word overlap "
                "and often differ in one detail, so a sentence matcher finds them close",
            }
        )
    return rows


@section("Finding sources in a synth library (check)")
def bench_scale(data: Path, args: argparse.Namespace) -> list[dict]:
    if not (data / "msrp").is_dir() and not (data / "news").is_dir():
        return [{"what": "synth library", "figure": f"skipped: no shared data at {data}"}]
    work = args.workdir
    n = args.scale
    syn = cached(args, "synth", str(data), str(work / "synth"), str(n), "0")
    jsonl, db = work / "synth" / "articles.jsonl", work / "synth.db"
    args.synth_dir = work / "synth"
    counts = ", ".join(f"{v:,} {k}" for k, v in syn["counts"].items())
    rows = [
        {
            "what": f"synth corpus of {n:,} articles",
            "figure": f"written in {syn['seconds']:.0f} s",
            "also": f"{counts}; from {syn['pool']['sentences']:,} real sentences and "
            f"{syn['pool']['with_paraphrase']:,} MSRP sentences with a human paraphrase",
        }
    ]
    add = cached(args, "add_indexed", str(jsonl), str(db))
    if add is None:  # resumed after an interrupted add: go on with the articles it stored
        import sqlite3

        with sqlite3.connect(db) as conn:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows.append(
            {
                "what": "add synth articles with indexing",
                "figure": f"interrupted: the library holds the first {n:,} articles; "
                "the rate was not recorded by this run",
            }
        )
    else:
        rows.append(
            {
                "what": f"add {add['added']:,} synth articles with indexing (read, clean, "
                "store, shingle and full-text index; as `unspun add`)",
                "figure": rate(add["added"], add["seconds"], add["cpu_seconds"], "articles"),
                "peak memory": f"{add['peak_rss_mb']:.0f} MB",
                "also": f"library file {add['db_mb']:,.0f} MB; {add['failed']} failed",
                "target": "≥ 100 articles/s",
            }
        )
    lexical = args.no_vectors
    if lexical:
        rows.append(
            {
                "what": "sentence vectors",
                "figure": "not indexed (--no-vectors); `unspun add` now embeds them as it adds "
                "(see Sentence vectors and the ANN index, below)",
            }
        )
    else:
        try:
            vec = cached(args, "index_vectors", str(db))
        except RuntimeError as exc:
            lexical = True
            rows.append({"what": "sentence vectors", "figure": f"skipped: {_skip_reason(exc)}"})
        else:
            rows.append(
                {
                    "what": f"sentence vectors for {vec['articles']:,} articles (as `unspun "
                    "index`, deferred from add)",
                    "figure": rate(
                        vec["sentences"], vec["seconds"], vec["cpu_seconds"], "sentences"
                    ),
                    "also": f"{vec['articles'] / vec['cpu_seconds']:.1f} articles per "
                    "CPU-second"
                    + (
                        ""
                        if add is None
                        else "; add and vectors together "
                        f"{vec['articles'] / (add['cpu_seconds'] + vec['cpu_seconds']):.0f} "
                        "articles per CPU-second"
                    ),
                    "peak memory": f"{vec['peak_rss_mb']:.0f} MB",
                }
            )
    queries = choose_queries(work / "synth" / "truth.jsonl", args.queries, limit=n)
    qpath = work / "queries.json"
    qpath.write_text(json.dumps(queries), "utf-8")
    chk = run_fn("check_queries", str(db), str(qpath), str(work / "found.json"),
                 "1" if lexical else "0")  # fmt: skip
    if not chk["model"]:
        how = "lexical evidence only: no sentence model installed"
    elif chk["vectors"]:
        how = "all the retrievers, sentence vectors included; alignment with the sentence model"
    else:
        how = (
            "shingle, BM25, rare-term, passage and name retrievers, no sentence vectors indexed "
            "(run with --no-vectors); alignment with the sentence model"
        )
    rows.append(
        {
            "what": f"check {chk['checks']} planted articles against the {n:,}-article library "
            f"(unspun.pipeline.check_article: candidates, alignment of the top 6 and on while they add sources, changes; {how})",
            "figure": f"p50 {chk['p50_ms']:.0f} ms, p95 {chk['p95_ms']:.0f} ms (CPU time: "
            f"p50 {chk['cpu_p50_ms']:.0f} ms, p95 {chk['cpu_p95_ms']:.0f} ms)",
            "also": f"the first check, which loads the vector index, {chk['first_check_s']:.1f} s",
            "target": "p50 ≤ 300 ms, p95 ≤ 1 s (at 100k articles)",
        }
    )
    rows.append(
        {
            "what": "memory while serving checks (the checking process's peak, sentence model "
            + ("and vector index loaded)" if chk["vectors"] else "loaded, no vector index)"),
            "figure": f"{chk['peak_rss_mb']:.0f} MB",
            "target": "≤ 2 GB",
        }
    )
    lsh = None
    try:
        import datasketch  # noqa: F401
    except ImportError:
        rows.append({"what": "MinHashLSH peer", "figure": "skipped: datasketch not installed "
                     "(pip install datasketch==2.0.0)"})  # fmt: skip
    else:
        peer = run_fn("minhash_lsh", str(jsonl), str(qpath), str(work / "lsh.json"), str(n))
        rows.append(
            {
                "what": f"peer: datasketch MinHashLSH over the same {peer['articles']:,} articles",
                "figure": f"built in {peer['build_s']:.0f} s, {peer['query_ms']:.1f} ms a query",
                "peak memory": f"{peer['peak_rss_mb']:.0f} MB",
            }
        )
        lsh = {r["id"]: r for r in json.loads((work / "lsh.json").read_text("utf-8"))}
    truth = {
        r["id"]: r for r in (json.loads(line) for line in (work / "synth" / "truth.jsonl").open())
    }
    found = {r["id"]: r for r in json.loads((work / "found.json").read_text("utf-8"))}
    rows += recall_rows(queries, truth, found, lsh)
    return rows


@section("Story families (provenance)")
def bench_families(data: Path, args: argparse.Namespace) -> list[dict]:
    try:
        from unspun.provenance.families import sync_families  # noqa: F401
    except ImportError:
        return [{"what": "story families", "figure": "not yet: unspun.provenance has no "
                 "family builder"}]  # fmt: skip
    synth_dir = getattr(args, "synth_dir", None)
    if synth_dir is None or not (synth_dir / "articles.jsonl").exists():
        return [{"what": "story families", "figure": "skipped: no synth corpus (the check "
                 "section makes it)"}]  # fmt: skip
    n = args.families_n
    small = args.workdir / "families.jsonl"
    with (synth_dir / "articles.jsonl").open(encoding="utf-8") as src, small.open("w") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)  # parents come before their children: the head is whole
    db = args.workdir / "families.db"
    run_fn("add_indexed", str(small), str(db))
    try:
        out = run_fn("families", str(db), str(n))
    except RuntimeError as exc:
        return [{"what": "story families", "figure": f"FAILED: {_skip_reason(exc)}"}]
    truth = {r["id"]: r for r in (json.loads(line) for line in (synth_dir / "truth.jsonl").open())}
    pred = {ext: fam for ext, fam in out["members"]}
    p_fam, r_fam = pairwise(pred, {k: v["family"] for k, v in truth.items()})
    p_evt, r_evt = pairwise(pred, {k: v["event"] for k, v in truth.items()})
    cpu = out.get("cpu_seconds") or 0.0
    rows = [
        {
            "what": f"build story families over a {n:,}-article synth library "
            "(unspun.provenance.families.sync_families)",
            "figure": f"{out['placed'] / out['seconds']:.1f} articles/s ({out['seconds']:.0f} s)"
            + (f"; {out['placed'] / cpu:.1f} articles per CPU-second" if cpu else ""),
            "peak memory": f"{out['peak_rss_mb']:.0f} MB",
            "also": f"pairwise membership against the planted families (reuse layer): "
            f"precision {p_fam:.3f}, recall {r_fam:.3f}; against the events (independent "
            f"reports included): precision {p_evt:.3f}, recall {r_evt:.3f}",
            "target": "precision and recall ≥ 0.95 at 100k (issue 6); direction accuracy is "
            "`unspun eval families`",
        }
    ]
    # The large sizes take too long for every bench run: their recorded figures (each says how
    # it was measured, see the baseline's "about") are shown as such.
    baseline = json.loads((ROOT / "tests" / "baselines" / "families.json").read_text("utf-8"))
    for key, m in baseline.items():
        if not key.startswith("measured_synth_") or "family_seconds" not in m:
            continue
        size = int(key.rsplit("_", 1)[1])
        if "articles_per_cpu_second" not in m:
            continue  # measured before CPU time was: wall clock on a loaded machine only
        rows.append({
            "what": f"recorded: story families over a {size:,}-article synth library "
            f"({m['measured']})",
            "figure": f"{m['articles_per_cpu_second']} articles per CPU-second "
            f"({m['family_cpu_seconds']:.0f} CPU s; wall {m['family_seconds']:.0f} s on a "
            "shared machine)",
            "peak memory": f"{m['peak_memory_mb']:.0f} MB",
            "also": f"precision {m['precision']}, recall {m['recall']}, direction accuracy "
            f"{m['direction_accuracy']} (strict {m['direction_strict']}); same-event layer: "
            f"precision {m['event_precision']}, recall {m['event_recall']}",
            "target": "precision and recall ≥ 0.95, direction accuracy ≥ 0.90 at 100k",
        })  # fmt: skip
    return rows


@section("Serving checks under load (unspun serve)")
def bench_serve(data: Path, args: argparse.Namespace) -> list[dict]:
    """A bounded load test from a second process on loopback (scripts/load_serve.py)."""
    db = args.workdir / "synth.db"
    if not db.exists():
        return [{"what": "serve under load", "figure": "skipped: no synth library (the check "
                 "section makes it)"}]  # fmt: skip
    article = args.workdir / "serve-article.txt"
    texts = [t for t in helsinki_texts(data) if 600 <= len(t.split()) <= 900] or demo_texts()
    article.write_text(texts[0], "utf-8")
    command = [
        PY, str(ROOT / "scripts" / "load_serve.py"), "--db", str(db), "--article", str(article),
        "--clients", str(args.serve_clients), "--seconds", str(args.serve_seconds),
    ]  # fmt: skip
    if args.no_vectors:
        command.append("--no-model")
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        return [{"what": "serve under load", "figure": f"FAILED: {proc.stderr[-500:]}"}]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    errors = sum(out["errors"].values())
    return [
        {
            "what": f"{out['clients']} concurrent clients for {out['seconds']:.0f} s, each "
            f"POSTing /api/check with a {len(texts[0].split())}-word article, against the "
            f"{args.scale:,}-article synth library",
            "figure": f"p50 {out['p50_ms']:.0f} ms, p95 {out['p95_ms']:.0f} ms, "
            f"max {out['max_ms']:.0f} ms",
            "also": f"{out['requests']} requests, {out['rps']} requests/s, "
            f"{errors} error responses {out['errors'] or ''}; server and clients share the "
            "machine's 2 cores",
            "target": "no error responses; p95 reported (issue 7)",
        }
    ]


def markdown(
    results: list[tuple[str, list[dict]]], started: float, args: argparse.Namespace
) -> str:
    command = " ".join(["benchmarks/run.py", *sys.argv[1:]])
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()}, "
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.platform()}. Each figure comes from a fresh process pinned to one core; "
        "these machines are shared (other work ran beside the benchmark), so each rate is "
        "given by the wall clock and per CPU-second of the process's own time: the second "
        "is what one free core would do. Read single figures as ±20 % and compare ratios.",
        "",
        f"Command: `{command}`.",
        "",
    ]
    scale = args.out.parent / "benchmarks-100k.md"
    if scale.exists() and args.out.resolve() != scale.resolve():
        lines += [
            "The check figures at issue 4's scale (a 100k-article library) are in "
            "[benchmarks-100k.md](benchmarks-100k.md) (`make bench` runs a smaller library "
            "to stay within about 20 minutes).",
            "",
        ]
    earlier = _sections(args.out) if args.only and args.out.exists() else {}
    fresh = dict(results)
    stamp = f"_Measured {dt.date.today().isoformat()} by `{command}`._"
    for name, _ in SECTIONS:
        if name in fresh:
            lines += [f"## {name}", "", stamp, ""]
            for row in fresh[name]:
                lines.append(
                    f"- **{row.pop('what')}**: "
                    + "; ".join(f"{k}: {v}" if k != "figure" else v for k, v in row.items())
                )
            lines.append("")
        elif name in earlier:  # --only: the sections not rerun keep their earlier figures
            lines += [f"## {name}", "", *earlier[name], ""]
    lines.append(f"Benchmark time of this run: {time.time() - started:.0f} s.")
    kept = (_kept_section(args.out, name) for name in ("serve", "peers", "batch", "vectors"))
    return "\n".join(lines) + "\n" + "".join(kept)


def _kept_section(path: Path, name: str) -> str:
    """The section benchmarks/{name}.py wrote into ``path`` (kept as it is), or ''."""
    begin, end = f"<!-- {name}: begin", f"<!-- {name}: end -->"
    page = path.read_text("utf-8") if path.exists() else ""
    if begin not in page or end not in page:
        return ""
    return "\n" + begin + page.split(begin, 1)[1].split(end, 1)[0] + end + "\n"


def _sections(path: Path) -> dict[str, list[str]]:
    """The sections of an earlier benchmarks.md: heading -> its lines (blank edges trimmed)."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            current = out.setdefault(line[3:].strip(), [])
        elif line.startswith(("Total benchmark time", "Benchmark time of this run")):
            current = None
        elif current is not None:
            current.append(line)
    for body in out.values():
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        if body and not body[0].startswith("_Measured"):
            body.insert(0, "_Measured by an earlier run; this run did not repeat it._")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--text-n", type=int, default=2000)
    parser.add_argument("--memory-n", type=int, default=10000)
    parser.add_argument(
        "--only",
        help="run only the sections whose name contains one of these comma-separated words; "
        "the other sections of --out keep their earlier figures",
    )
    parser.add_argument(
        "--scale", type=int, default=2_000, help="synth library size for check (issue 4: 100k)"
    )
    parser.add_argument("--queries", type=int, default=100, help="planted articles checked")
    parser.add_argument("--families-n", type=int, default=400, help="articles for families")
    parser.add_argument("--serve-clients", type=int, default=20, help="load test clients")
    parser.add_argument("--serve-seconds", type=float, default=60, help="load test length")
    parser.add_argument("--no-vectors", action="store_true", help="check on lexical evidence")
    parser.add_argument("--workdir", type=Path, help="keep the synth corpus and libraries here")
    parser.add_argument(
        "--resume", action="store_true", help="reuse what an earlier run left in --workdir"
    )
    args = parser.parse_args()
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="unspun-bench-")
        args.workdir = Path(tmp.name)
    args.workdir.mkdir(parents=True, exist_ok=True)
    data = shared_data_dir()
    started = time.time()
    results = []
    for name, fn in SECTIONS:
        if args.only and not any(o.strip().lower() in name.lower() for o in args.only.split(",")):
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            rows = fn(data, args)
        except Exception as exc:  # a failing section is reported, the others still run
            rows = [{"what": name, "figure": f"FAILED: {exc}"}]
        for row in rows:
            print("   ", row, file=sys.stderr, flush=True)
        results.append((name, rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(results, started, args), "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
