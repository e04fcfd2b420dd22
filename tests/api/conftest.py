"""An app over a temporary library holding the bundled demo articles (lexical alignment)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspun.api import Settings, create_app
from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"


@pytest.fixture
def demo_dir() -> Path:
    return DEMO


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library file holding the demo corpus."""
    path = tmp_path / "library.db"
    with open_store(path) as store:
        summary = store.add_many(read_inputs([str(DEMO)], ExtractConfig()))
    assert summary.ok and summary.added > 5
    return path


@pytest.fixture
def library_size(library: Path) -> int:
    with open_store(library) as store:
        return store.count()


@pytest.fixture
def settings(library: Path) -> Settings:
    return Settings(db_path=str(library), use_model=False)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def demo_text() -> Callable[[str], str]:
    """The text of a bundled demo article, by file name."""
    return lambda name: (DEMO / name).read_text("utf-8")
