"""A bounded load test of `unspun serve`: concurrent clients checking articles for a while.

    python scripts/load_serve.py --db library.db --article copy.txt --clients 20 --seconds 60

starts `unspun serve` over the library in a second process on a free loopback port, runs
``--clients`` threads that each POST ``/api/check`` (or ``/api/compare``) in a loop until the
time is up, stops the server, and prints one JSON line: requests, errors by status, requests
per second, latency p50/p95/max in ms. With ``--url`` it loads a server already running.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx


def main() -> None:
    args = _parse()
    body = {"text": Path(args.article).read_text("utf-8")}
    server = None
    url = args.url
    if url is None:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        server = _start(args.db, port, args.no_model)
    try:
        _wait_ready(url, server)
        if args.warmup:
            httpx.post(f"{url}/api/check", json=body, timeout=120).raise_for_status()
        result = _load(url, body, args.clients, args.seconds)
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    print(json.dumps(result))


def _parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", help="library to serve (starts `unspun serve` on a free port)")
    p.add_argument("--url", help="load a server already running at this URL instead")
    p.add_argument("--article", required=True, help="text file to check")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--no-model", action="store_true", help="serve without the sentence model")
    p.add_argument("--no-warmup", dest="warmup", action="store_false")
    args = p.parse_args()
    if (args.db is None) == (args.url is None):
        p.error("give exactly one of --db and --url")
    return args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: str, port: int, no_model: bool) -> subprocess.Popen[bytes]:
    unspun = Path(sys.executable).with_name("unspun")
    cmd = [str(unspun), "--db", db, "serve", "--port", str(port)]
    if no_model:
        cmd.append("--no-model")
    return subprocess.Popen(cmd, env=os.environ.copy())


def _wait_ready(url: str, server: subprocess.Popen[bytes] | None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{url}/api/library", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no server answered at {url}")


def _load(url: str, body: dict[str, str], clients: int, seconds: float) -> dict[str, object]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    status = str(http.post("/api/check", json=body).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    ms = sorted(1000 * x for x in latencies)
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(ms),
        "errors": {k: v for k, v in statuses.items() if k != "200"},
        "rps": round(len(ms) / wall, 2) if wall else 0.0,
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else None,
        "max_ms": round(ms[-1], 1) if ms else None,
    }


if __name__ == "__main__":
    main()
