from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli


@pytest.mark.parametrize("command", ["pan13", "retrieval", "msrp", "seeds", "extraction"])
def test_eval_on_a_missing_data_folder_is_one_clear_line(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    result = CliRunner().invoke(cli, ["eval", command, "--data", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output and "not found" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def shared_root(tmp_path: Path) -> Path:
    """A shared data folder laid out as ../shared/data (only the parts these tests look at)."""
    root = tmp_path / "data"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "gold.json").write_text("{}")
    (root / "news").mkdir()
    (root / "news" / "helsinki_articles.csv").write_text("id,text\n")
    return root


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The seeds folder each `eval seeds` was given (the evaluation itself takes minutes)."""
    import unspun.evaluate.seeds

    paths: list[Path] = []
    monkeypatch.setattr(
        unspun.evaluate.seeds, "evaluate_seeds", lambda path: paths.append(path) or {}
    )
    return paths


def test_data_and_the_environment_name_the_same_folder(
    shared_root: Path, seen: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_option = CliRunner().invoke(cli, ["eval", "seeds", "--data", str(shared_root)])
    assert by_option.exit_code == 0, by_option.output
    monkeypatch.setenv("UNSPUN_DATA", str(shared_root))
    by_env = CliRunner().invoke(cli, ["eval", "seeds"])
    assert by_env.exit_code == 0, by_env.output
    assert seen == [shared_root / "seeds", shared_root / "seeds"]


def test_data_may_still_name_the_seeds_folder_itself(shared_root: Path, seen: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["eval", "seeds", "--data", str(shared_root / "seeds")])
    assert result.exit_code == 0, result.output
    assert seen == [shared_root / "seeds"]


def test_a_missing_shared_folder_says_what_to_pass(
    tmp_path: Path, seen: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "fresh-clone" / "shared" / "data"
    monkeypatch.setenv("UNSPUN_DATA", str(missing))
    result = CliRunner().invoke(cli, ["eval", "seeds"])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert str(missing) in result.output
    assert "--data" in result.output and "$UNSPUN_DATA" in result.output
    assert "seeds/" in result.output
    assert seen == []


def test_a_shared_folder_without_the_data_set_names_it(shared_root: Path, seen: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["eval", "extraction", "--data", str(shared_root)])
    assert result.exit_code == 1
    assert str(shared_root / "extraction") in result.output
    assert "not found" in result.output
