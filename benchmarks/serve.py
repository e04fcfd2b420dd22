"""``make bench``: `unspun serve` under load, with one client sending a huge article.

    benchmarks/serve.py                               # 10,000-article synth library
    benchmarks/serve.py --articles 2000 --seconds 30  # quicker

Builds (once, kept in ``--workdir``) a synth library (``unspun synth``, ``add``, ``index`` with
the sentence vectors), starts ``unspun serve`` over it on a free loopback port, and for
``--seconds`` runs ``--clients`` clients each checking ~700-word synth articles in a loop
(``POST /api/check``), while one more client sends a ``--big-mb`` MB article again and again
(every ``--big-every`` seconds) and another reads the cheap pages (search, an article, the
listing). Then a burst of
``--burst`` checks at once, past what the queue holds, to see the 429s come back quickly.
The figures go into the "Server under load" section of docs/benchmarks.md (between its
markers) and, with ``--json``, into a file. The first run builds the 10,000-article library
(synth 3 s, add 45 s, sentence vectors ~10 min on this 2-core machine); the load itself takes
about 3 minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from sections import write_section  # noqa: E402  (the benchmarks folder is no package)

BEGIN = "<!-- serve: begin (written by benchmarks/serve.py) -->"
END = "<!-- serve: end -->"
UNSPUN = [sys.executable, "-m", "unspun.cli.main"]
# What the server did before the check pool (docs/benchmarks.md, 2026-11-26, issue 16).
BEFORE = (
    "20 clients on a 2,000-article library: 1.64 checks/s, p50 11.8 s, p95 16.8 s; one "
    "3.7 MB check ran ~6 min and made the other checks time out"
)


def main() -> None:
    args = _parse()
    if args.from_json:  # the page again from an earlier run's figures
        write_section(args.out, markdown(json.loads(args.from_json.read_text("utf-8"))), BEGIN, END)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    db, corpus = library(args)
    articles = pick_articles(corpus, args.words)
    big = big_article(corpus, args.big_mb)
    runs = [
        run_mode(db, articles, big, args, mode, burst=i == 0) for i, mode in enumerate(args.modes)
    ]
    out = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "command": " ".join(["benchmarks/serve.py", *sys.argv[1:]]),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), "
        f"{platform.python_implementation()} {platform.python_version()}",
        "cores": os.cpu_count() or 1,
        "library": args.articles,
        "vectors": not args.no_vectors,
        "article_words": round(statistics.mean(len(a.split()) for a in articles)),
        "big_bytes": len(big.encode()),
        "big_words": len(big.split()),
        "runs": runs,
    }
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), "utf-8")
    print(json.dumps(out))
    if args.out:
        write_section(args.out, markdown(out), BEGIN, END)


def run_mode(
    db: Path, articles: list[str], big: str, args: argparse.Namespace, mode: str, burst: bool
) -> dict[str, Any]:
    """The loads against one server: ``model`` as served by default, ``lexical`` with
    ``serve --no-model``; the burst past the queue when ``burst``."""
    with server(db, args, no_model=mode == "lexical") as url:
        warm(url, articles, args)
        pool = httpx.get(f"{url}/api/pool", timeout=30).json()
        load = run_load(url, articles, big, args, args.clients, args.seconds)
        light_clients = args.light_clients or 2 * pool["workers"]
        light = run_load(url, articles, big, args, light_clients, args.light_seconds)
        return {
            "mode": mode,
            "pool": pool,
            "load": load,
            "light": light,
            "burst": run_burst(url, articles, args.burst) if burst else None,
        }


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10_000, help="synth library size")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/unspun-bench-serve"))
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--light-clients", type=int, default=0, help="then (0: 2 per worker)")
    p.add_argument("--light-seconds", type=float, default=30)
    p.add_argument("--words", type=int, default=700, help="length of the checked articles")
    p.add_argument("--big-mb", type=float, default=3.0, help="the huge article, in MB")
    p.add_argument("--big-every", type=float, default=2.0, help="seconds between its sends")
    p.add_argument("--burst", type=int, default=100, help="checks sent at once at the end")
    p.add_argument("--workers", type=int, default=0, help="serve --workers (0: its default)")
    p.add_argument("--no-vectors", action="store_true", help="library without sentence vectors")
    p.add_argument(
        "--modes",
        type=lambda v: v.split(","),
        default=["model", "lexical"],
        help="servers to load, in turn: model (as served by default), lexical (--no-model)",
    )
    p.add_argument("--out", type=Path, help="write the section into this page")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--from-json", type=Path, help="write the section from an earlier --json")
    args = p.parse_args()
    if args.from_json and not args.out:
        p.error("--from-json needs --out")
    return args


# -- the library and the articles --------------------------------------------------------


def library(args: argparse.Namespace) -> tuple[Path, Path]:
    """The synth corpus and its library (vectors computed unless --no-vectors), made once."""
    n = args.articles
    corpus = args.workdir / f"synth-{n}"
    db = args.workdir / f"library-{n}{'-novec' if args.no_vectors else ''}.db"
    if not (corpus / "articles.jsonl").exists():
        _run([*UNSPUN, "synth", str(corpus), "--articles", str(n)])
    if not db.exists():
        partial = db.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        _run([*UNSPUN, "--db", str(partial), "add", "-q", str(corpus / "articles.jsonl")])
        index = [*UNSPUN, "--db", str(partial), "index"]
        _run(index + (["--no-vectors"] if args.no_vectors else []))
        partial.rename(db)
    return db, corpus


def _run(command: list[str]) -> None:
    started = time.monotonic()
    print("$", " ".join(command[2:]), file=sys.stderr, flush=True)
    subprocess.run(command, check=True)
    print(f"  ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)


def _texts(corpus: Path) -> Iterator[str]:
    with (corpus / "articles.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            body = row["text"].replace(" ### ", "\n\n")
            yield f"{row.get('title', '')}\n\n{body}"


def pick_articles(corpus: Path, words: int, count: int = 60) -> list[str]:
    """``count`` synth articles of about ``words`` words (longer ones cut at a paragraph)."""
    picked = []
    for text in _texts(corpus):
        if len(text.split()) < words:
            continue
        kept, n = [], 0
        for paragraph in text.split("\n\n"):
            kept.append(paragraph)
            n += len(paragraph.split())
            if n >= words:
                break
        picked.append("\n\n".join(kept))
        if len(picked) == count:
            return picked
    if not picked:
        raise SystemExit(f"no synth article of {words} words or more in {corpus}")
    return picked


def big_article(corpus: Path, mb: float) -> str:
    """One article of ``mb`` MB: synth articles run together under one headline."""
    parts, size = ["A very long page"], 0
    for text in _texts(corpus):
        body = text.split("\n\n", 1)[-1]
        parts.append(body)
        size += len(body.encode()) + 2
        if size >= mb * 1_000_000:
            break
    return "\n\n".join(parts)


# -- the server --------------------------------------------------------------------------


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and its children (the check workers), from
    /proc (0.0 where there is none)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # itself, or a child
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


SERVER: dict[str, int] = {}  # the server's pid, for tree_cpu


@contextmanager
def server(db: Path, args: argparse.Namespace, no_model: bool) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [*UNSPUN, "--db", str(db), "serve", "--port", str(port), "--no-access-log"]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if no_model:
        command.append("--no-model")
    proc = subprocess.Popen(command)
    SERVER["pid"] = proc.pid
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited with status {proc.returncode}")
            try:
                if httpx.get(f"{url}/api/library", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 120 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def warm(url: str, articles: list[str], args: argparse.Namespace) -> None:
    """One check per worker at once, so that each has loaded its model and vectors."""
    workers = httpx.get(f"{url}/api/pool", timeout=30).json()["workers"]
    threads = [
        threading.Thread(target=_post, args=(url, articles[i % len(articles)], 600))
        for i in range(2 * workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _post(url: str, text: str, timeout: float) -> httpx.Response:
    return httpx.post(f"{url}/api/check", json={"text": text}, timeout=timeout)


# -- the load ----------------------------------------------------------------------------


class Tally:
    """Latencies and statuses of one kind of request, from many threads."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.lock = threading.Lock()

    def time(self, call: Callable[[], httpx.Response]) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            answer: httpx.Response | None = call()
            status = str(answer.status_code) if answer is not None else "none"
        except httpx.HTTPError as exc:
            answer, status = None, type(exc).__name__
        with self.lock:
            self.ms.append(1000 * (time.perf_counter() - started))
            self.statuses[status] += 1
        return answer

    def summary(self, wall: float) -> dict[str, Any]:
        ms = sorted(self.ms)
        return {
            "requests": len(ms),
            "per_s": round(len(ms) / wall, 2) if wall else 0.0,
            "statuses": dict(self.statuses),
            "p50_ms": round(statistics.median(ms), 1) if ms else None,
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else None,
            "max_ms": round(ms[-1], 1) if ms else None,
        }


def run_load(
    url: str, articles: list[str], big: str, args: argparse.Namespace, clients: int, seconds: float
) -> dict[str, Any]:
    checks, huge, cheap = Tally(), Tally(), Tally()
    stop = time.monotonic() + seconds
    big_body = json.dumps({"text": big})  # encoded once: the client's own cost is not timed
    messages: list[str] = []

    def checker(i: int) -> None:
        with httpx.Client(base_url=url, timeout=600) as http:
            k = i
            while time.monotonic() < stop:
                text = articles[k % len(articles)]
                checks.time(partial(http.post, "/api/check", json={"text": text}))
                k += clients

    def sender() -> None:
        headers = {"content-type": "application/json"}
        with httpx.Client(base_url=url, timeout=600) as http:
            while time.monotonic() < stop:
                answer = huge.time(
                    lambda: http.post("/api/check", content=big_body, headers=headers)
                )
                if answer is not None and not messages:
                    messages.append(answer.text[:400])
                time.sleep(args.big_every)

    def reader() -> None:
        with httpx.Client(base_url=url, timeout=600) as http:
            some = http.get("/api/articles", params={"limit": 1}).json()["articles"][0]["id"]
            paths = ["/search?q=minister", f"/api/articles/{some}", "/articles", "/check"]
            k = 0
            while time.monotonic() < stop:
                path = paths[k % len(paths)]
                cheap.time(partial(http.get, path))
                k += 1
                time.sleep(0.1)

    threads = [threading.Thread(target=checker, args=(i,)) for i in range(clients)]
    threads += [threading.Thread(target=sender), threading.Thread(target=reader)]
    cpu, mine = tree_cpu(SERVER["pid"]), time.process_time()
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    cpu, mine = tree_cpu(SERVER["pid"]) - cpu, time.process_time() - mine
    return {
        "seconds": round(wall, 1),
        "clients": clients,
        "server_cpu_s": round(cpu, 1),
        "client_cpu_s": round(mine, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "cpu_per_check_s": round(cpu / len(checks.ms), 3) if checks.ms else None,
        "checks": checks.summary(wall),
        "big": {**huge.summary(wall), "answer": messages[0] if messages else ""},
        "cheap": cheap.summary(wall),
    }


def run_burst(url: str, articles: list[str], n: int) -> dict[str, Any]:
    """``n`` checks at once, more than the queue holds; then, while the queue is full, ten
    more one after another from a client of their own: each should be refused (429) at once."""
    refused, served, probes = Tally(), Tally(), Tally()
    gate = threading.Barrier(n)
    retry: list[str] = []

    def one(i: int) -> None:
        gate.wait()
        answer = (refused if i % 2 else served).time(
            lambda: _post(url, articles[i % len(articles)], 600)
        )
        if answer is not None and answer.status_code == 429 and not retry:
            retry.append(answer.headers.get("retry-after", ""))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    began = time.monotonic()
    for t in threads:
        t.start()
    with httpx.Client(base_url=url, timeout=600) as http:
        queue = http.get("/api/pool").json()["queue"]
        deadline = time.monotonic() + 60
        while http.get("/api/pool").json()["waiting"] < queue and time.monotonic() < deadline:
            time.sleep(0.05)
        for i in range(10):
            probes.time(partial(http.post, "/api/check", json={"text": articles[i]}))
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    every = Tally()
    every.ms, every.statuses = refused.ms + served.ms, refused.statuses + served.statuses
    return {
        "sent": n,
        "answers": every.summary(wall),
        "probes": probes.summary(wall),
        "retry_after": retry[0] if retry else "",
    }


# -- the page ----------------------------------------------------------------------------


def markdown(out: dict[str, Any]) -> str:
    first = out["runs"][0]
    pool, big, cheap = first["pool"], first["load"]["big"], first["load"]["cheap"]
    lines = [
        BEGIN,
        "## Server under load (benchmarks/serve.py)",
        "",
        f"_Measured {out['date']} by `{out['command']}`, machine: {out['machine']}; the "
        f"server ({pool['workers']} check workers, queue {pool['queue']}, time limit "
        f"{pool['time_limit_s']:g} s) and the clients share the cores, with other work "
        "(the load average is given)._",
        "",
    ]
    for run in out["runs"]:
        lines += _load_rows(out, run)
    lines += [
        f"- **the {out['big_bytes'] / 1e6:.1f} MB article ({out['big_words']:,} words), sent "
        f"during the first load**: answered {big['statuses']} in p50 {big['p50_ms']:.0f} ms, "
        f"max {big['max_ms']:.0f} ms ({big['requests']} sends); the answer: "
        f"`{_error_message(big['answer'])}`",
        f"- **cheap requests during the first load (search page, an article, the listing, the "
        f"check form; one client, 10 a second)**: p50 {cheap['p50_ms']:.0f} ms, p95 "
        f"{cheap['p95_ms']:.0f} ms, max {cheap['max_ms']:.0f} ms; {cheap['requests']} "
        f"requests, statuses {cheap['statuses']}",
    ]
    burst = first["burst"]
    if burst:
        probes, answers = burst["probes"], burst["answers"]
        lines.append(
            f"- **a burst of {burst['sent']} checks at once, past the queue of {pool['queue']}; "
            f"then, the queue full, 10 checks in a row from one more client**: those 10 "
            f"answered {probes['statuses']} in p50 {_ms(probes['p50_ms'])}, max "
            f"{_ms(probes['max_ms'])}; the burst answered {answers['statuses']} (Retry-After "
            f"{burst['retry_after'] or '-'} s), the last after {answers['max_ms'] / 1000:.1f} s"
        )
    return "\n".join([*lines, "", END]) + "\n"


def _load_rows(out: dict[str, Any], run: dict[str, Any]) -> list[str]:
    load, light = run["load"], run["light"]
    checks = load["checks"]
    errors = {k: v for k, v in checks["statuses"].items() if k != "200"}
    if run["mode"] == "lexical":
        how = "serve --no-model: lexical evidence only"
    else:
        how = "sentence vectors on" if out["vectors"] else "no sentence vectors"
    cores, per_check = out["cores"], load["cpu_per_check_s"]
    # A closed loop of clients on cores doing nothing else: each check waits for the others.
    wait = load["clients"] * per_check / cores
    if checks["p95_ms"] <= 3000:
        verdict = "met"
    elif wait <= 3:
        verdict = (
            f"not met here, where other work held the cores: on {cores} free cores, "
            f"{load['clients']} clients in a loop would wait about {wait:.1f} s a check"
        )
    else:
        verdict = (
            f"not met: {load['clients']} clients in a loop wait about {wait:.1f} s a check "
            f"even on {cores} free cores; the queue keeps them all served (no error) and "
            "refuses at once what it cannot hold (429)"
        )
        if run["mode"] == "model":
            verdict += (
                ". About half of a check is the sentence vectors (encoding the article, "
                "brute-force search), the work of issue 16 parts 1-2"
            )
    return [
        f"- **{load['clients']} clients checking {out['article_words']}-word synth articles "
        f"for {load['seconds']:.0f} s while one more sends a {out['big_bytes'] / 1e6:.1f} MB "
        f"article, {out['library']:,}-article synth library ({how})**: "
        f"{checks['per_s']} checks/s, p50 {checks['p50_ms'] / 1000:.2f} s, p95 "
        f"{checks['p95_ms'] / 1000:.2f} s, max {checks['max_ms'] / 1000:.2f} s; "
        f"{checks['requests']} checks, errors: {sum(errors.values())} {errors or ''}; "
        f"the server (workers included) used {load['server_cpu_s']} CPU-s in the "
        f"{load['seconds']:.0f} s, the clients {load['client_cpu_s']} CPU-s (load average "
        f"{load['load_average']} on {cores} cores): {per_check} server CPU-s a check, so "
        f"{cores} free cores would do {cores / per_check:.1f} checks/s; "
        f"target: 0 errors, p95 ≤ 3 s (issue 16)"
        + (f"; before: {BEFORE}" if run["mode"] == "model" else ""),
        f"- **p95 ≤ 3 s with {load['clients']} clients ({run['mode']}): {verdict}**",
        f"- **the same with {light['clients']} clients for {light['seconds']:.0f} s "
        f"({run['mode']})**: {light['checks']['per_s']} checks/s, p50 "
        f"{light['checks']['p50_ms'] / 1000:.2f} s, p95 {light['checks']['p95_ms'] / 1000:.2f} "
        f"s; {light['checks']['requests']} checks, statuses {light['checks']['statuses']}",
    ]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def _error_message(body: str) -> str:
    try:
        return str(json.loads(body)["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return body[:200]


if __name__ == "__main__":
    main()
