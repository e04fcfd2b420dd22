"""Faults while adding: ``kill -9`` at random points, two writers at once, a full disk.

Each test adds a few thousand small generated articles with the real ``unspun add`` (a
subprocess) and then asks :func:`check_library` for a sound library of whole articles.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.store.library_checks import (
    check_library,
    committed,
    run_unspun,
    unspun_command,
    unspun_env,
    write_articles,
)
from unspun.config import ExtractConfig
from unspun.errors import StoreError
from unspun.extract.sources import read_inputs
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import open_store

N_KILL = 4000


def _wait_for_progress(db: Path, proc: subprocess.Popen[bytes], before: int) -> None:
    """Until the running add has committed articles of its own (or has ended)."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and committed(db) <= before and time.monotonic() < deadline:
        time.sleep(0.02)


def test_kill_9_at_random_points_never_costs_a_whole_article(tmp_path: Path) -> None:
    data = tmp_path / "articles.jsonl"
    expected = write_articles(data, N_KILL)
    db = tmp_path / "lib.db"
    rng = random.Random(1818)
    mid_add = 0  # kills that left some, but not all, of the articles in the library
    for round_no in range(6):
        before = committed(db)
        proc = subprocess.Popen(
            unspun_command(db, "add", "-q", str(data)),
            env=unspun_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if round_no == 0:  # anywhere from start-up and making the schema onwards
            time.sleep(rng.uniform(0.05, 1.5))
        else:  # while it writes: after its first commit of this run
            _wait_for_progress(db, proc, before)
            time.sleep(rng.uniform(0.0, 0.6))
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait(timeout=30)
        held = check_library(db, expected) if db.exists() else []
        mid_add += 0 < len(held) < N_KILL
    assert mid_add >= 2, "the kills all landed before or after the adding: no fault tested"
    rerun = run_unspun(db, "add", "--json", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(check_library(db, expected)) == sorted(expected)
    again = json.loads(run_unspun(db, "add", "--json", str(data)).stdout)
    assert (again["added"], again["present"], again["failed"]) == (0, N_KILL, [])


def test_cli_add_while_the_api_adds(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from unspun.api import Settings, create_app

    data = tmp_path / "articles.jsonl"
    expected = write_articles(data, 4000)
    db = tmp_path / "lib.db"
    proc = subprocess.Popen(
        unspun_command(db, "add", "--json", str(data)),
        env=unspun_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    def post(i: int) -> tuple[int, str, bool, float]:
        text = f"Story b{i} part 0: the ferry ran aground at dawn, number {i}."
        started = time.monotonic()
        answer = client.post("/api/articles", json={"text": text, "title": expected[f"b{i}"]})
        waited = time.monotonic() - started
        return answer.status_code, answer.text[:200], proc.poll() is None, waited

    expected |= {f"b{i}": f"Story b{i} about the ferry" for i in range(40)}
    with TestClient(create_app(Settings(db_path=str(db), use_model=False))) as client:
        _wait_for_progress(db, proc, 0)
        with ThreadPoolExecutor(4) as pool:  # four API clients at once
            answers = list(pool.map(post, range(40)))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert "locked" not in err.decode()
    assert [a[0] for a in answers] == [201] * 40, answers
    during = sum(a[2] for a in answers)
    assert during >= 30, "the API's writes did not overlap the CLI's add: no contention tested"
    assert max(a[3] for a in answers) < 5  # a write waits for a chunk, not for the batch
    summary = json.loads(out)
    assert summary["added"] == 4000 and summary["failed"] == []
    with open_store(db) as store:
        assert store.count() == 4040
        api_ids = store.conn.execute("SELECT title FROM articles WHERE external_id = ''")
        assert {r[0] for r in api_ids} == {expected[f"b{i}"] for i in range(40)}


def test_a_full_disk_mid_batch_is_a_clear_error_and_keeps_whole_articles(
    tmp_path: Path,
) -> None:
    data = tmp_path / "articles.jsonl"
    expected = write_articles(data, 3000)
    db = tmp_path / "lib.db"
    with open_store(db) as store:
        index = SourceIndex(store.conn, RetrieveConfig())
        index.ensure_schema()
        store.attach(index)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 600}")
        with pytest.raises(StoreError) as failure:
            store.add_many(read_inputs([str(data)], ExtractConfig()), chunk=100)
    message = str(failure.value)
    assert message.startswith(f"{db}: could not write the library (database or disk is full)")
    held = check_library(db, expected)
    assert 0 < len(held) < 3000  # the chunks committed before the disk filled stay, whole
    assert f"; {len(held)} article(s) of this batch are in the library, each whole" in message
    rerun = run_unspun(db, "add", "-q", str(data))  # room again: the rest goes in
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(check_library(db, expected)) == sorted(expected)


def test_a_file_size_limit_stops_cli_add_with_the_library_intact(tmp_path: Path) -> None:
    """The real command under RLIMIT_FSIZE: each write past the limit fails (EFBIG), as
    writes fail on a full disk; no root, no loop device needed."""
    data = tmp_path / "articles.jsonl"
    expected = write_articles(data, 3000)
    first = tmp_path / "first.jsonl"
    first.write_text("".join(data.read_text().splitlines(keepends=True)[:500]))
    db = tmp_path / "lib.db"
    assert run_unspun(db, "add", "-q", str(first)).returncode == 0
    size = sum(p.stat().st_size for p in tmp_path.glob("lib.db*"))

    def small_disk() -> None:
        limit = size + 1_000_000
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = run_unspun(db, "add", str(data), preexec_fn=small_disk)
    assert full.returncode == 1
    assert f"Error: {db}: could not write the library (disk I/O error)" in full.stderr
    assert "Traceback" not in full.stderr
    held = check_library(db, expected)
    assert len(held) >= 500  # what was there before is all there
    rerun = run_unspun(db, "add", "-q", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(check_library(db, expected)) == sorted(expected)
