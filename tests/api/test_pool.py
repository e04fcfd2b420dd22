"""The check pool: time limit, full queue, word limit, cheap requests beside a busy pool,
and workers replaced when they die. Checks are made slow or crash by a job hook
(tests/api/pool_hooks.py), not by timing: every wait here is for a state, not a duration."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.pool_hooks import misbehave
from unspun.api import Settings, create_app
from unspun.api.pool import WorkerPool

SPUN = "trendpulse_ferry_spun.txt"


@pytest.fixture
def one_worker(settings: Settings) -> Settings:
    return replace(settings, workers=1, queue=1, check_seconds=30)


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, job_hook=misbehave))


def _pool(client: TestClient) -> WorkerPool:
    pool = client.app.state.unspun.pool  # type: ignore[attr-defined]
    assert isinstance(pool, WorkerPool)
    return pool


def _until(what: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for a state (not a duration): fail only if it never comes."""
    deadline = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0.02)


@pytest.fixture
def held(tmp_path: Path, one_worker: Settings) -> Iterator[tuple[TestClient, Future, Path]]:
    """A client whose one worker is busy with a check that waits for the release file."""
    release = tmp_path / "release"
    with _client(one_worker) as client, ThreadPoolExecutor(4) as threads:
        body = {"text": f"Held check\n\nA check that waits. HOLD {release} until released."}
        future = threads.submit(client.post, "/api/check?ticket=held", json=body)
        _until(lambda: client.get("/api/jobs/held").json().get("state") == "running")
        try:
            yield client, future, release
        finally:
            release.touch()
            future.result(timeout=60)


def test_time_limit_answers_504_and_the_pool_serves_the_next(
    settings: Settings, demo_text: Callable[[str], str]
) -> None:
    with _client(replace(settings, workers=1, check_seconds=1.5)) as client:
        slow = client.post("/api/check", json={"text": "Slow\n\nThis check will SLEEP long."})
        assert slow.status_code == 504
        error = slow.json()["error"]
        assert error["kind"] == "time-limit" and error["limit_s"] == 1.5
        assert "time limit of 1.5 s" in error["message"]
        after = client.post("/api/check", json={"text": demo_text(SPUN)})
        assert after.status_code == 200
        assert after.json()["sources"]


def test_the_timed_out_worker_is_killed(settings: Settings) -> None:
    with _client(replace(settings, workers=1, check_seconds=1.5)) as client:
        assert client.post("/api/check", json={"text": "A\n\nA first check."}).status_code == 200
        (before,) = _pool(client).pids
        assert client.post("/api/check", json={"text": "B\n\nSLEEP now."}).status_code == 504
        (after,) = _pool(client).pids
        assert after != before
        with pytest.raises(ProcessLookupError):  # stopped, not left burning CPU
            _until(lambda: not _alive(before))
            os.kill(before, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_full_queue_answers_429_at_once(
    held: tuple[TestClient, Future, Path], demo_text: Callable[[str], str]
) -> None:
    client, first, release = held
    with ThreadPoolExecutor(1) as threads:
        queued = threads.submit(client.post, "/api/check", json={"text": demo_text(SPUN)})
        _until(lambda: client.get("/api/pool").json()["waiting"] == 1)
        refused = client.post("/api/check", json={"text": demo_text(SPUN)})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        error = refused.json()["error"]
        assert error["kind"] == "busy" and error["retry_after"] >= 1
        assert "1 waiting" in error["message"]
        release.touch()
        assert queued.result(timeout=60).status_code == 200
    assert first.result(timeout=60).status_code == 200


def test_the_word_limit_answers_413_naming_limit_and_count(settings: Settings) -> None:
    text = " ".join(f"word{i}" for i in range(60))  # no headline: every path counts 60
    with _client(replace(settings, max_check_words=50)) as client:
        inline = client.post("/api/check", json={"text": text})
        page = client.post("/check", data={"text": text})
        compare = client.post("/api/compare", json={"copy": {"text": text}, "source": {"id": "x"}})
        assert _pool(client).pids == []  # inline text is refused before it takes a worker
        upload = client.post("/api/check/upload", files={"file": ("long.txt", text.encode())})
    for answer in (inline, upload, compare):
        assert answer.status_code == 413, answer.text
        error = answer.json()["error"]
        assert error["kind"] == "too-large"
        assert "60 words" in error["message"] and "limit of 50 words" in error["message"]
    assert page.status_code == 413 and "limit of 50 words" in page.text


def test_pages_search_and_reads_answer_while_the_pool_is_busy(
    held: tuple[TestClient, Future, Path],
) -> None:
    client, first, _ = held
    for path in ("/check", "/search?q=ferry", "/articles", "/api/articles", "/api/search?q=ferry"):
        assert client.get(path).status_code == 200, path
    listed = client.get("/api/articles").json()["articles"]
    assert client.get(f"/api/articles/{listed[0]['id']}").status_code == 200
    assert client.get("/api/jobs/held").json()["state"] == "running"  # still held meanwhile
    assert not first.done()


def test_a_check_is_followed_by_its_ticket(held: tuple[TestClient, Future, Path]) -> None:
    client, first, release = held
    running = client.get("/api/jobs/held").json()
    assert running["state"] == "running" and running["limit_s"] == 30
    release.touch()
    assert first.result(timeout=60).status_code == 200
    assert client.get("/api/jobs/held").json()["state"] == "done"
    assert client.get("/api/jobs/nobody").status_code == 404


def test_a_killed_worker_is_replaced(settings: Settings, demo_text: Callable[[str], str]) -> None:
    with _client(replace(settings, workers=1)) as client:
        assert client.post("/api/check", json={"text": demo_text(SPUN)}).status_code == 200
        (pid,) = _pool(client).pids
        os.kill(pid, signal.SIGKILL)
        _until(lambda: not _alive(pid) or _zombie(pid))
        again = client.post("/api/check", json={"text": demo_text(SPUN)})
        assert again.status_code == 200
        assert _pool(client).pids != [pid]


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return False


def test_a_worker_dying_mid_check_answers_500_and_is_replaced(
    settings: Settings, demo_text: Callable[[str], str]
) -> None:
    with _client(replace(settings, workers=1)) as client:
        crashed = client.post("/api/check", json={"text": "Crash\n\nThis one will CRASH."})
        assert crashed.status_code == 500
        error = crashed.json()["error"]
        assert error["kind"] == "worker-lost" and "exit code 3" in error["message"]
        assert client.post("/api/check", json={"text": demo_text(SPUN)}).status_code == 200


def test_settings_size_the_pool(settings: Settings) -> None:
    pool = create_app(replace(settings, workers=3)).state.unspun.pool
    assert (pool.size, pool.queue, pool.seconds) == (3, 48, 30.0)
    with pytest.raises(ValueError, match="check_seconds"):
        create_app(replace(settings, check_seconds=0))


def test_the_check_page_shows_the_queue_while_it_waits(
    held: tuple[TestClient, Future, Path], demo_text: Callable[[str], str]
) -> None:
    client, _, release = held
    with ThreadPoolExecutor(1) as threads:
        form = {"text": demo_text(SPUN), "ticket": "page-1"}
        page = threads.submit(client.post, "/check", data=form)
        _until(lambda: client.get("/api/jobs/page-1").json().get("state") == "queued")
        assert client.get("/api/jobs/page-1").json()["position"] == 1
        release.touch()
        answer = page.result(timeout=60)
    assert answer.status_code == 200 and 'id="verdict"' in answer.text
    assert client.get("/api/jobs/page-1").json()["state"] == "done"
    assert "/api/jobs/" in client.get("/static/app.js").text  # the page's script follows it
