"""One rule for the evaluation data: --data and $UNSPUN_DATA name the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.evaluate.data import data_path, data_root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "seeds").mkdir(parents=True)
    (tmp_path / "data" / "news").mkdir()
    (tmp_path / "data" / "news" / "helsinki_articles.csv").write_text("id,text\n")
    return tmp_path / "data"


def test_a_data_set_is_found_in_the_shared_folder(root: Path) -> None:
    assert data_path(root, "seeds") == root / "seeds"
    assert data_path(root, "news/helsinki_articles.csv") == root / "news/helsinki_articles.csv"


def test_the_environment_names_the_same_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSPUN_DATA", str(root))
    assert data_path(None, "seeds") == root / "seeds"
    assert data_root(None) == root


def test_a_data_set_named_itself_is_taken_as_it_is(root: Path) -> None:
    assert data_path(root / "seeds", "seeds") == root / "seeds"
    csv = root / "news" / "helsinki_articles.csv"
    assert data_path(csv, "news/helsinki_articles.csv") == csv


def test_a_missing_folder_names_the_path_and_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        data_path(tmp_path / "nope", "seeds")
    assert raised.value.origin == str(tmp_path / "nope")
    assert "--data" in raised.value.reason and "$UNSPUN_DATA" in raised.value.reason


def test_a_data_set_missing_from_the_shared_folder_is_named(root: Path) -> None:
    with pytest.raises(InputError) as raised:
        data_path(root, "pan13")
    assert raised.value.origin == str(root / "pan13")
    assert "not found in the shared data folder" in raised.value.reason
