from __future__ import annotations

import pytest

from tests.pipeline.conftest import demo
from unspun.errors import UnspunError
from unspun.pipeline import SearchQuery, search
from unspun.pipeline.search import fts_query, make_snippet


@pytest.fixture
def dated(library):
    store, _ = library
    store.add(
        demo("valleyherald_ferry_aground.txt", site="valleyherald.example", published="2026-03-14")
    )
    store.add(demo("trendpulse_ferry_spun.txt", site="trendpulse.example", published="2026-03-16"))
    return store


def test_words_are_all_required_and_ranked(dated) -> None:
    hits = search(dated.conn, SearchQuery("ferry sandbar"))
    assert len(hits) >= 3
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all("heat" not in h.title.lower() for h in hits)
    assert not search(dated.conn, SearchQuery("ferry taproom"))


def test_site_and_date_filters(dated) -> None:
    by_site = search(dated.conn, SearchQuery("ferry", site="TrendPulse.example"))
    assert [h.site for h in by_site] == ["trendpulse.example"]
    since = search(dated.conn, SearchQuery("ferry", since="2026-03-15"))
    assert [h.date[:10] for h in since] == ["2026-03-16"]
    until = search(dated.conn, SearchQuery("ferry", since="2026-03-01", until="2026-03-15"))
    assert [h.site for h in until] == ["valleyherald.example"]


def test_phrase_prefix_and_or(dated) -> None:
    phrase = search(dated.conn, SearchQuery('"paid leave"'))
    assert phrase and all("paid leave" in h.snippet.lower() for h in phrase)
    prefix = search(dated.conn, SearchQuery("taproo*"))
    assert [h.title for h in prefix] == [demo("brewery_rail_depot.txt").title]
    either = search(dated.conn, SearchQuery("taproom OR robotics"))
    assert len(either) == 2


def test_snippet_marks_the_query_words(dated) -> None:
    hit = search(dated.conn, SearchQuery("Tillick refunds"))[0]
    marked = {hit.snippet[a:b].lower() for a, b in hit.marks}
    assert marked == {"tillick", "refunds"}


def test_snippet_of_a_long_text_is_a_window() -> None:
    text = " ".join(["filler"] * 200 + ["the", "harbor", "master", "spoke"] + ["tail"] * 200)
    snippet, marks = make_snippet(text, ["harbor", "master"], 10)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert [snippet[a:b] for a, b in marks] == ["harbor", "master"]


def test_query_syntax_is_escaped() -> None:
    match, words = fts_query('ferry" OR (NEAR "Marlow Bay" -x*')
    assert '"marlow bay"' in match
    assert words[0] == "ferry"
    with pytest.raises(UnspunError, match="no word"):
        search(None, SearchQuery("?? !!"))  # type: ignore[arg-type]


def test_hostile_query_does_not_break_the_sql(dated) -> None:
    assert search(dated.conn, SearchQuery("'; DROP TABLE articles; --")) == []
    assert dated.count() > 0
