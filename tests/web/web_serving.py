"""Helpers of the page tests: the demo corpus, a library made from inputs, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unspun.api import Settings, create_app
from unspun.api.pool import Hook
from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "web"


def make_library(path: Path, inputs: list[str]) -> Path:
    with open_store(path) as store:
        summary = store.add_many(read_inputs(inputs, ExtractConfig()))
    assert summary.ok and summary.added > 0, summary
    return path


# -- a live server and a real browser ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(settings: Settings, job_hook: Hook | None = None) -> Iterator[str]:
    """Serve ``settings`` with uvicorn in a thread on a free loopback port; yields the URL."""
    import uvicorn

    port = _free_port()
    app = create_app(settings, job_hook=job_hook)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.unspun.pool.close()  # the lifespan is off: stop the check workers here
