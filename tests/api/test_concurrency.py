"""Concurrent requests on a live server: no errors while the index catches up and writes go on."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.web.web_serving import DEMO, live_server
from unspun.api import Settings

SPUN = "trendpulse_ferry_spun.txt"


def test_concurrent_checks_and_writes_all_succeed(library: Path) -> None:
    text = (DEMO / SPUN).read_text("utf-8")

    def check(_: int) -> int:
        return httpx.post(f"{base}/api/check", json={"text": text}, timeout=120).status_code

    def add(i: int) -> int:
        body = {"text": f"Bake sale {i}\n\nThe school bake sale number {i} raised money on Friday."}
        return httpx.post(f"{base}/api/articles", json=body, timeout=120).status_code

    with live_server(Settings(db_path=str(library), use_model=False)) as base:
        with ThreadPoolExecutor(8) as pool:
            checks = [pool.submit(check, i) for i in range(8)]
            adds = [pool.submit(add, i) for i in range(4)]
            statuses = [f.result() for f in checks + adds]
        listed = httpx.get(f"{base}/api/search", params={"q": "bake sale"}, timeout=60).json()
    assert statuses == [200] * 8 + [201] * 4
    assert len(listed["hits"]) == 4
