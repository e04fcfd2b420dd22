"""The Spark batch measured: synth corpora end to end, and the seed pair among the Helsinki news.

    python benchmarks/batch.py synth --sizes 10000,100000 [--master local[2]]
    python benchmarks/batch.py seeds

``synth``: for each size, ``unspun synth`` writes a corpus with planted copies, then
``unspun batch`` runs it in a child process on ``--master`` (lexical checks, ``--no-model``):
wall time, CPU time of the whole process tree (driver, JVM and Python workers), the largest
resident memory of one process, seconds per stage; family precision and recall (pairwise,
against the planted families) and the recall of planted paraphrased copies (the copy and its
parent linked as a reuse pair, and in one family); the scaling ratio between sizes.

``seeds``: the Helsinki corpus and the two seed documents, through ``add`` + ``stories`` +
``check`` (the library) and through ``batch`` (with the sentence model): are the seed copy's
verdict, changes and family the same, and how does the whole batch compare with the library
(:mod:`unspun.batch.parity`)?

Results go to ``--json`` and, as a section between markers, into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sections

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- batch: begin (written by benchmarks/batch.py) -->", "<!-- batch: end -->"
UNSPUN = [sys.executable, "-m", "unspun.cli.main"]


def run_batch(
    inputs: list[str], out: Path, master: str, model: bool, stop_after: str | None = None
) -> dict[str, Any]:
    """``unspun batch`` in a child process: its JSON report, wall and CPU seconds, peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    args = [*UNSPUN, "batch", *inputs, "--out", str(out), "--master", master, "--json"]
    args += ["--stop-after", stop_after] if stop_after else []
    done = subprocess.run(
        [*args, *([] if model else ["--no-model"])], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"unspun batch failed:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    report["wall_seconds"] = round(wall, 1)
    report["cpu_seconds"] = round(
        (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1
    )
    report["peak_rss_mb"] = round(after.ru_maxrss / 1024)
    return report


def score_synth(corpus: Path, out: Path) -> dict[str, Any]:
    """Family precision/recall against the planted families; paraphrased-copy recall."""
    from unspun.batch.parity import read_table
    from unspun.evaluate.families import _pairwise
    from unspun.evaluate.synth import read_truth

    truth = {str(r["id"]): r for r in read_truth(corpus / "truth.jsonl")}
    ext: dict[str, str] = {}  # external id -> article id
    for row in read_table(out, "articles", ["id", "record"]):
        ext[json.loads(row["record"])["external_id"]] = row["id"]
    family = {
        r["article_id"]: r["family"]
        for r in read_table(out, "families", ["article_id", "family", "compiles"])
        if not r["compiles"]
    }
    scores = _pairwise(truth, ext, family)
    links = {
        frozenset((r["a"], r["b"]))
        for r in read_table(out, "pairs", ["a", "b", "kind"])
        if r["kind"] == "link"
    }
    by_kind: dict[str, list[int]] = {}
    for tid, row in truth.items():
        parent = row.get("parent")
        if not parent or row["kind"] == "independent":
            continue
        a, b = ext.get(tid), ext.get(str(parent))
        if a is None or b is None:
            continue
        got = by_kind.setdefault(str(row["kind"]), [0, 0, 0])
        got[0] += 1
        got[1] += frozenset((a, b)) in links
        got[2] += family.get(a) is not None and family.get(a) == family.get(b)
    scores["copies"] = {
        k: {"n": n, "pair_recall": round(p / n, 4), "family_recall": round(f / n, 4)}
        for k, (n, p, f) in sorted(by_kind.items())
    }
    return scores


def synth(args: argparse.Namespace) -> dict[str, Any]:
    from unspun.evaluate.data import shared_data_dir
    from unspun.evaluate.synth import SynthConfig, load_pool, write_corpus

    pool = load_pool(shared_data_dir())
    found: dict[str, Any] = {}
    for size in args.sizes:
        corpus = args.workdir / f"synth-{size}"
        if not (corpus / "truth.jsonl").exists():
            write_corpus(corpus, SynthConfig(articles=size, seed=0), pool)
        out = args.workdir / f"batch-{size}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        report = run_batch(
            [str(corpus / "articles.jsonl")], out, args.master, False, args.stop_after
        )
        report["stop_after"] = args.stop_after
        report.update(score_synth(corpus, out))
        found[f"{size}" + (f":{args.stop_after}" if args.stop_after else "")] = report
        print(json.dumps({size: report}, indent=1), flush=True)
    return found


def seeds(args: argparse.Namespace) -> dict[str, Any]:
    from unspun.batch.parity import compare, read_table
    from unspun.evaluate.data import shared_data_dir

    data = shared_data_dir()
    seed_files = sorted(str(p) for p in (data / "seeds").glob("0*.txt"))
    inputs = [str(data / "news" / "helsinki_articles.csv"), *seed_files]
    lib = args.workdir / "seeds-lib.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{lib}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "UNSPUN_DB": str(lib)}
    started = time.perf_counter()
    subprocess.run([*UNSPUN, "add", "-q", *inputs], env=env, check=True, capture_output=True)
    subprocess.run([*UNSPUN, "stories"], env=env, check=True, capture_output=True)
    local_seconds = time.perf_counter() - started
    checked = subprocess.run(
        [*UNSPUN, "check", "--json", seed_files[1]],
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    local = json.loads(checked.stdout)
    out = args.workdir / "seeds-batch"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    report = run_batch(inputs, out, args.master, model=True)
    copy_id = local["article"]["id"]
    verdicts = {r["id"]: r for r in read_table(out, "verdicts", ["id", "kind", "verdict"])}
    changes = [
        (r["source"], r["kind"], r["copy_text"], r["source_text"])
        for r in read_table(out, "changes", ["id", "source", "kind", "copy_text", "source_text"])
        if r["id"] == copy_id
    ]
    local_changes = [
        (s["id"], c["kind"], c["copy_text"], c["source_text"])
        for s in local["sources"]
        if s["role"] == "source"
        for c in s["changes"]
    ]
    parity = compare(lib, out)
    return {
        "batch": report,
        "library_seconds": round(local_seconds, 1),
        "verdict": {
            "library": local["verdict"]["text"],
            "batch": verdicts.get(copy_id, {}).get("verdict"),
        },
        "same_verdict": local["verdict"]["text"] == verdicts.get(copy_id, {}).get("verdict"),
        "changes": {"library": len(local_changes), "batch": len(changes)},
        "same_changes": Counter(local_changes) == Counter(changes),
        "flags": sorted({c[2] for c in changes}),
        "parity": parity.summary(),
    }


def section(results: dict[str, Any]) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}"
    )
    lines = [
        BEGIN,
        "",
        "## Batch on Spark (`benchmarks/batch.py`)",
        "",
        f"Measured {when} on {machine}; `unspun batch --master local[2]`.",
        "",
    ]
    synth = results.get("synth", {})
    if synth:
        lines += [
            "| articles | wall s | CPU s | peak RSS MB (one process) | family P | family R | "
            "paraphrased pair recall | paraphrased family recall | stages (s) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for key, r in synth.items():
            size, _, stop = key.partition(":")
            para = r["copies"].get("paraphrased", {})
            stages = ", ".join(f"{s['stage']} {s['seconds']}" for s in r["stages"])
            label = f"{int(size):,}" + (f" (to {stop})" if stop else "")
            lines.append(
                f"| {label} | {r['wall_seconds']} | {r['cpu_seconds'] or 'n/a'} | "
                f"{r['peak_rss_mb']} | {r['precision']} | {r['recall']} | "
                f"{para.get('pair_recall')} | {para.get('family_recall')} | {stages} |"
            )
        for stop in {k.partition(":")[2] for k in synth}:
            runs = sorted(
                (int(k.partition(":")[0]), r)
                for k, r in synth.items()
                if k.partition(":")[2] == stop
            )
            if len(runs) > 1:
                (n0, r0), (n1, r1) = runs[0], runs[-1]
                lines += [
                    "",
                    f"Scaling {n0:,} → {n1:,}{' (to ' + stop + ')' if stop else ''}: "
                    f"wall × {r1['wall_seconds'] / r0['wall_seconds']:.2f}.",
                ]
    if "seeds" in results:
        r = results["seeds"]
        lines += [
            "",
            "Seed pair among the 612 Helsinki articles: "
            f"same verdict as `check`: **{r['same_verdict']}**; same changes: "
            f"**{r['same_changes']}** ({r['changes']['batch']}); batch and library "
            f"tables the same: **{r['parity']['same']}** (batch {r['batch']['wall_seconds']} s "
            f"wall with the sentence model, library add + stories {r['library_seconds']} s).",
        ]
    notes = {r.get("note") for r in [*synth.values(), results.get("seeds", {}).get("batch", {})]}
    lines += ["", *(f"Note: {n}." for n in sorted(n for n in notes if isinstance(n, str)))]
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(out: Path, text: str) -> None:
    """Put this benchmark's section into ``out`` between its markers."""
    sections.write_section(out, text, BEGIN, END)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", nargs="+", choices=["synth", "seeds", "section"])
    parser.add_argument(
        "--sizes", default="10000,100000", type=lambda s: [int(x) for x in s.split(",")]
    )
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--stop-after", help="synth: stop the batch after this stage")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/unspun-batch-bench"))
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "batch-results.json")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.json.read_text()) if args.json.exists() else {}
    for what in args.what:
        if what == "section":  # only write the section again from --json
            continue
        if what == "synth":
            results.setdefault("synth", {}).update(synth(args))
            results["synth"].pop("scaling", None)
        else:
            results[what] = seeds(args)
        args.json.write_text(json.dumps(results, indent=2))
    write_section(args.out, section(results))


if __name__ == "__main__":
    main()
