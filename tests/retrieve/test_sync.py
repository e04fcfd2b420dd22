"""sync_index: the source index catches up with articles added or removed behind its back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.sync import sync_index
from unspun.store import SqliteStore, open_store


@pytest.fixture
def store(stories: list[Article]) -> Iterator[SqliteStore]:
    with open_store(":memory:") as s:
        s.add_many(stories)
        yield s


def test_sync_index_adds_missing_and_drops_removed(
    store: SqliteStore, stories: list[Article]
) -> None:
    index = SourceIndex(store.conn, RetrieveConfig(shingle_sample=1))
    assert sync_index(store, index) == len(stories)
    assert sync_index(store, index) == 0
    store.remove(stories[0].id)
    assert stories[0].id in index
    assert sync_index(store, index) == 0
    assert stories[0].id not in index
    assert len(index) == len(stories) - 1
    hits = index.candidates(stories[1], k=3)
    assert stories[1].id not in {c.article_id for c in hits}
