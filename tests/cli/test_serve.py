"""``unspun serve``: settings built from the options, and no open library off loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `unspun serve` would hand to uvicorn (the server itself is not started)."""
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kw: Any) -> None:
        seen.update(kw, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_builds_the_app_over_the_library(served: dict[str, Any], tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    run = CliRunner().invoke(
        cli, ["--db", db, "serve", "--port", "8123", "--max-upload", "0.5", "--no-model"]
    )
    assert run.exit_code == 0, run.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    settings = served["app"].state.unspun.settings
    assert settings.db_path == db and settings.max_upload_bytes == 500_000
    assert settings.use_model is False and settings.writes_need_token is False


def test_serve_off_loopback_needs_a_token(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UNSPUN_TOKEN", raising=False)
    run = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert run.exit_code == 2 and "token" in run.output
    assert not served
    monkeypatch.setenv("UNSPUN_TOKEN", "s3cret")
    run = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert run.exit_code == 0, run.output
    assert served["app"].state.unspun.settings.token == "s3cret"


def test_serve_logs_each_request_through_unspun_access(
    served: dict[str, Any], tmp_path: Path
) -> None:
    import logging

    access = logging.getLogger("unspun.access")
    try:
        run = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib.db"), "serve"])
        assert run.exit_code == 0, run.output
        assert access.getEffectiveLevel() == logging.INFO
        assert served["access_log"] is False  # uvicorn's own log would carry query strings
        run = CliRunner().invoke(
            cli, ["--db", str(tmp_path / "lib.db"), "serve", "--no-access-log"]
        )
        assert run.exit_code == 0, run.output
        assert access.getEffectiveLevel() > logging.INFO
    finally:
        access.setLevel(logging.NOTSET)


def test_serve_sizes_and_limits_the_check_pool(served: dict[str, Any], tmp_path: Path) -> None:
    args = ["--workers", "3", "--queue", "5", "--check-seconds", "7.5", "--max-words", "900"]
    run = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib.db"), "serve", *args])
    assert run.exit_code == 0, run.output
    state = served["app"].state.unspun
    assert (state.pool.size, state.pool.queue, state.pool.seconds) == (3, 5, 7.5)
    assert state.settings.max_check_words == 900 and state.settings.start_workers
    assert "3 check workers" in run.output
