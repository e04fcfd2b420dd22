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
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def run_child(code: str, *args: str) -> dict:
    """Run Python ``code`` in a fresh process on one core; it prints one JSON object."""
    env = dict(os.environ, OMP_NUM_THREADS="1", HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT / "src"))
    wrapper = (
        "import json, resource, sys\n"
        f"{code}\n"
        "out = main(*sys.argv[1:])\n"
        "out['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [*one_core(), PY, "-c", wrapper, *args], capture_output=True, text=True, env=env
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


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
    t0 = time.perf_counter()
    with open_store(db) as store:
        summary = store.add_many(read_inputs([folder], ExtractConfig()))
    secs = time.perf_counter() - t0
    added = summary.added
    return {"articles": added, "seconds": secs, "per_second": added / secs}
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
                "figure": f"{out['per_second']:.0f} articles/s",
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
    t0 = time.perf_counter()
    for i, page in enumerate(pages):
        if which == "unspun":
            extract_html(page, origin=str(i), cfg=cfg)
        else:
            import trafilatura
            trafilatura.bare_extraction(page.decode("utf-8", "replace"), with_metadata=True)
    secs = time.perf_counter() - t0
    return {"pages": len(pages), "seconds": secs, "per_second": len(pages) / secs}
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
            "figure": f"{ours['per_second']:.1f} pages/s",
            "peer": f"trafilatura.bare_extraction alone: {peer['per_second']:.1f} pages/s "
            f"(unspun takes {peer['per_second'] / ours['per_second']:.2f}× its time)",
            "target": "≥ 40 pages/s",
        }
    ]


def markdown(results: list[tuple[str, list[dict]]], started: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()}, "
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.platform()}. Each figure comes from a fresh process pinned to one core; "
        "these machines are shared, so read single figures as ±20 % and compare ratios.",
        "",
    ]
    for name, rows in results:
        lines += [f"## {name}", ""]
        for row in rows:
            lines.append(f"- **{row.pop('what')}**: " + "; ".join(f"{k}: {v}" if k != "figure" else v for k, v in row.items()))
        lines.append("")
    lines.append(f"Total benchmark time: {time.time() - started:.0f} s.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--text-n", type=int, default=2000)
    parser.add_argument("--memory-n", type=int, default=10000)
    parser.add_argument("--only", help="run only sections whose name contains this")
    args = parser.parse_args()
    data = shared_data_dir()
    started = time.time()
    results = []
    for name, fn in SECTIONS:
        if args.only and args.only.lower() not in name.lower():
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
    args.out.write_text(markdown(results, started), "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
