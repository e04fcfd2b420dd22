"""The ``unspun`` group: its global options, before or after the command."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli


@pytest.fixture
def texts(fixtures_dir: Path) -> Path:
    return fixtures_dir / "store" / "texts"


def test_db_after_the_command(tmp_path: Path, texts: Path) -> None:
    db = tmp_path / "lib.db"
    result = CliRunner().invoke(cli, ["add", "--db", str(db), str(texts)])
    assert result.exit_code == 0, result.output
    assert "added 3" in result.output
    assert db.exists()
    listed = CliRunner().invoke(cli, ["ls", "--all", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    assert len(listed.output.splitlines()) == 3


def test_db_before_the_command_still_works(tmp_path: Path, texts: Path) -> None:
    db = tmp_path / "lib.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "add", str(texts)])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_db_after_the_command_wins(tmp_path: Path, texts: Path) -> None:
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    result = CliRunner().invoke(cli, ["--db", str(before), "add", "--db", str(after), str(texts)])
    assert result.exit_code == 0, result.output
    assert after.exists() and not before.exists()


def test_db_after_a_subcommand_of_a_group(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "seeds", "--help"])
    assert "--db" in result.output


def test_verbose_after_the_command(tmp_path: Path, texts: Path) -> None:
    db = tmp_path / "lib.db"
    root = logging.getLogger()
    saved = root.level
    try:
        result = CliRunner().invoke(cli, ["add", str(texts), "--db", str(db), "-vv"])
        assert result.exit_code == 0, result.output
        assert root.level == logging.DEBUG
    finally:
        root.setLevel(saved)
