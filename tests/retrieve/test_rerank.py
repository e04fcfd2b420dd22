"""The first check core: candidates from the source index, re-ranked by alignment."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest

from unspun.align import AlignConfig
from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.rerank import CheckConfig, check_verdict, find_sources, sync_index
from unspun.store import SqliteStore, open_store

LEXICAL = CheckConfig(align=AlignConfig(model="none"))


@pytest.fixture
def store(stories: list[Article]) -> Iterator[SqliteStore]:
    with open_store(":memory:") as s:
        s.add_many(stories)
        yield s


@pytest.fixture
def source_index(store: SqliteStore) -> SourceIndex:
    return SourceIndex(store.conn, RetrieveConfig(shingle_sample=1))


def _copy_of(story: Article, make_article: Callable[..., Article], keep: float = 1.0) -> Article:
    paragraphs = story.text.split("\n\n")
    kept = paragraphs[: max(1, round(len(paragraphs) * keep))]
    extra = "A reader wrote in to say the whole affair had been a long time coming."
    return make_article(story.title, "\n\n".join([*kept, extra]))


def test_sync_index_adds_missing_and_drops_removed(
    store: SqliteStore, source_index: SourceIndex, stories: list[Article]
) -> None:
    assert sync_index(store, source_index) == len(stories)
    assert sync_index(store, source_index) == 0
    store.remove(stories[0].id)
    sync_index(store, source_index)
    assert stories[0].id not in source_index
    assert len(source_index) == len(stories) - 1


def test_the_copied_story_ranks_first(
    store: SqliteStore,
    source_index: SourceIndex,
    stories: list[Article],
    make_article: Callable[..., Article],
) -> None:
    sync_index(store, source_index)
    for story in stories[:4]:
        copy = _copy_of(story, make_article)
        matches = find_sources(copy, store, source_index, LEXICAL)
        assert matches[0].source.id == story.id
        assert matches[0].rank == 1 and matches[0].alignment.summary.reuse
        assert all(not m.alignment.summary.reuse for m in matches[1:])
        assert check_verdict(matches).startswith("verbatim copy of “" + story.title)


def test_a_library_article_is_never_its_own_source(
    store: SqliteStore, source_index: SourceIndex, stories: list[Article]
) -> None:
    sync_index(store, source_index)
    matches = find_sources(stories[1], store, source_index, LEXICAL)
    assert stories[1].id not in {m.source.id for m in matches}
    assert check_verdict(matches).startswith("no source found")


def test_a_partial_copy_is_partly_derived(
    store: SqliteStore,
    source_index: SourceIndex,
    stories: list[Article],
    make_article: Callable[..., Article],
) -> None:
    sync_index(store, source_index)
    story = stories[2]
    first = story.text.split("\n\n")[0]
    own = (
        "The mayor's office declined to comment on the matter when asked on Friday. "
        "Local residents have organised three public meetings to discuss what comes next. "
        "A petition with more than two thousand signatures was handed in last week. "
        "Several shopkeepers said the uncertainty had already hurt their trade this season. "
        "The regional newspaper has asked for the full minutes of every meeting held so far."
    )
    copy = make_article("A different headline entirely", f"{first}\n\n{own}")
    matches = find_sources(copy, store, source_index, LEXICAL)
    assert matches[0].source.id == story.id
    assert check_verdict(matches).startswith("partly derived from “" + story.title)


def test_align_top_bounds_the_work(
    store: SqliteStore,
    source_index: SourceIndex,
    stories: list[Article],
    make_article: Callable[..., Article],
) -> None:
    sync_index(store, source_index)
    copy = _copy_of(stories[0], make_article)
    matches = find_sources(copy, store, source_index, dataclasses.replace(LEXICAL, align_top=2))
    assert 1 <= len(matches) <= 2
