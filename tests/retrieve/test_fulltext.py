"""Full-text search over the library: every word, else any; filters; snippets."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.fulltext import SearchConfig, search_text, snippet_of
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.rerank import sync_index
from unspun.store import SqliteStore, open_store


@pytest.fixture
def store(stories: list[Article]) -> Iterator[SqliteStore]:
    dated = [
        dataclasses.replace(a, site=f"site{i % 2}.example", published=f"2026-03-{i + 1:02d}")
        for i, a in enumerate(stories)
    ]
    with open_store(":memory:") as s:
        s.add_many(dated)
        sync_index(s, SourceIndex(s.conn, RetrieveConfig()))
        yield s


def test_every_word_must_match(store: SqliteStore) -> None:
    hits = search_text(store.conn, "granite wall", SearchConfig())
    assert [h.title for h in hits] == ["Harbour town votes to rebuild its storm wall"]
    hit = hits[0]
    assert "granite" in hit.snippet.lower()
    marked = {hit.snippet[a:b].lower() for a, b in hit.marks}
    assert marked <= {"granite", "wall"} and "granite" in marked


def test_words_never_together_fall_back_to_any(store: SqliteStore) -> None:
    hits = search_text(store.conn, "granite orchestra", SearchConfig())
    titles = {h.title for h in hits}
    assert "Harbour town votes to rebuild its storm wall" in titles
    assert any("Orchestra" in t for t in titles)


def test_filters_by_site_and_date(store: SqliteStore) -> None:
    both = search_text(store.conn, "granite orchestra", SearchConfig())
    one_site = search_text(store.conn, "granite orchestra", SearchConfig(site=both[0].site))
    assert {h.site for h in one_site} == {both[0].site}
    day = both[0].date[:10]
    dated = search_text(store.conn, "granite orchestra", SearchConfig(date_from=day, date_to=day))
    assert [h.article_id for h in dated] == [both[0].article_id]


def test_nothing_to_search_for(store: SqliteStore) -> None:
    assert search_text(store.conn, "  ,;  ", SearchConfig()) == []
    assert search_text(store.conn, "xylophonic", SearchConfig()) == []


def test_snippet_is_cut_at_words_around_the_first_match() -> None:
    text = " ".join(f"w{i}" for i in range(200)) + " needle " + " ".join("z" * 3 for _ in range(80))
    snippet, marks = snippet_of(text, ["needle"], 120)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in marks] == ["needle"]
    assert len(snippet) <= 122
    assert all(not w.startswith("w1") or w[1:].isdigit() for w in snippet.strip("…").split())
