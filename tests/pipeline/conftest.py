"""Fixtures for the pipeline tests: the bundled demo corpus (fictional articles written for
the project) in an in-memory library with its source index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.extract import read_bytes
from unspun.model import Article
from unspun.pipeline import CheckConfig, CheckResources, sync_index
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore, open_store

DEMO = Path(__file__).resolve().parents[2] / "src" / "unspun" / "demo"
# The demo library for these tests: the AP ferry story, its spun copy, an independent report
# of the same event and unrelated stories (the verbatim republications are the queries).
LIBRARY = (
    "ap_ferry_aground.txt",
    "ap_heat_wave.txt",
    "brewery_rail_depot.txt",
    "fairmont_library_budget.txt",
    "reuters_ferry_aground.txt",
    "robotics_state_title.txt",
)
# Small libraries: every shingle sampled, no term too common to search for.
RETRIEVE = RetrieveConfig(shingle_sample=1, bm25_max_df=1.0)
LEXICAL = CheckConfig(retrieve=RETRIEVE, changes=False)


def demo(name: str, **fields: str) -> Article:
    path = DEMO / name
    article = read_bytes(path.read_bytes(), str(path), ExtractConfig(), fmt="text")
    if fields:
        from dataclasses import replace

        article = replace(article, **fields)
    return article


@pytest.fixture(name="demo", scope="session")
def demo_fixture() -> Callable[..., Article]:
    return demo


@pytest.fixture
def library() -> Iterator[tuple[SqliteStore, SourceIndex]]:
    store = open_store(":memory:")
    index = SourceIndex(store.conn, RETRIEVE)
    index.ensure_schema()
    store.attach(index)
    for name in LIBRARY:
        store.add(demo(name))
    yield store, index
    store.close()


@pytest.fixture
def lexical() -> CheckResources:
    return CheckResources()


@pytest.fixture(scope="session")
def embedder() -> object:
    from unspun.align import AlignConfig, load_embedder
    from unspun.errors import ModelUnavailable

    try:
        return load_embedder(AlignConfig())
    except ModelUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def with_vectors(
    library: tuple[SqliteStore, SourceIndex], embedder: object
) -> tuple[SqliteStore, SourceIndex, CheckResources]:
    store, _ = library
    index = SourceIndex(store.conn, RETRIEVE, embedder)  # type: ignore[arg-type]
    sync_index(store, index, vectors=100)
    return store, index, CheckResources(embedder=embedder)  # type: ignore[arg-type]
