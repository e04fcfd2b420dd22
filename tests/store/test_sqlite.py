"""The library: idempotent adds, lookups, listing, removal, transactions."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unspun.errors import NotFound, StoreError
from unspun.model import Article, Rejected, WireCredit
from unspun.store import SqliteStore, open_store


def _stories(make_article, n: int, site: str = "", **fields) -> list[Article]:
    return [
        make_article(
            f"Story number {i}",
            [f"Paragraph one of story {i} tells what happened.", f"Story {i} goes on here."],
            site=site,
            **fields,
        )
        for i in range(n)
    ]


def test_every_field_survives_the_round_trip(store: SqliteStore, full_article: Article) -> None:
    assert store.add(full_article) is True
    assert store.get(full_article.id) == full_article
    assert list(store.iter_articles()) == [full_article]


def test_an_article_without_paragraph_spans_round_trips(store: SqliteStore) -> None:
    bare = Article(id="0123456789abcdef", text="Just a body.", title="Bare")
    store.add(bare)
    assert store.get(bare.id) == bare


def test_same_content_is_stored_once(store: SqliteStore, make_article) -> None:
    article = make_article("Title", ["Body text."], origin="a.txt")
    assert store.add(article) is True
    assert store.add(article) is False
    again = dataclasses.replace(article, origin="copy/a.txt", site="other.example")
    assert store.add(again) is False
    assert store.count() == 1
    assert store.sightings(article.id) == [
        {
            "site": "other.example",
            "url": "",
            "origin": "copy/a.txt",
            "external_id": "",
            "published": "",
            "fetched": "",
        }
    ]


def test_same_raw_bytes_count_as_present(store: SqliteStore, make_article) -> None:
    first = make_article("Title", ["Body as extracted by an older version."], raw_hash="9" * 64)
    later = make_article("Title", ["Body as extracted by a newer version."], raw_hash="9" * 64)
    assert store.add(first) is True
    assert store.add(later) is False
    assert store.count() == 1


def test_get_by_prefix_and_clear_errors(store: SqliteStore, make_article) -> None:
    articles = _stories(make_article, 40)
    store.add_many(articles)
    target = articles[0]
    assert store.get(target.id[:10]) == target
    assert store.get(target.id.upper()) == target
    with pytest.raises(NotFound, match="no article"):
        store.get("zzzz")
    with pytest.raises(NotFound, match="several articles"):
        store.get(_shared_prefix(articles))


def _shared_prefix(articles: list[Article]) -> str:
    ids = sorted(a.id for a in articles)
    for a, b in itertools.pairwise(ids):
        if a[0] == b[0]:
            return a[0]
    raise AssertionError("40 random ids always share a first digit")


def test_remove(store: SqliteStore, make_article) -> None:
    articles = _stories(make_article, 3, site="example.com")
    store.add_many(articles)
    removed = store.remove(articles[1].id[:8])
    assert removed == articles[1]
    assert store.count() == 2
    with pytest.raises(NotFound):
        store.get(articles[1].id)
    assert store.add(articles[1]) is True  # can come back
    assert store.summary()["top_sites"] == {"example.com": 3}


def test_list_by_site_and_date(store: SqliteStore, make_article) -> None:
    store.add_many(
        [
            make_article("Old", ["a"], site="a.example", published="2026-01-01"),
            make_article("New", ["b"], site="a.example", published="2026-03-01"),
            make_article("Undated", ["c"], site="b.example"),
            make_article("Fetched", ["d"], site="b.example", fetched="2026-02-01T10:00:00Z"),
        ]
    )
    assert [r.title for r in store.list()] == ["New", "Fetched", "Old", "Undated"]
    assert [r.title for r in store.list(site="a.example")] == ["New", "Old"]
    assert [r.title for r in store.list(limit=2, offset=1)] == ["Fetched", "Old"]
    assert store.count("b.example") == 2


def test_summary(store: SqliteStore, make_article) -> None:
    ap = (WireCredit("AP", "(AP)", "dateline"),)
    both = (*ap, WireCredit("Reuters", "Reuters", "byline"))
    store.add_many(
        [
            make_article("A", ["a a"], site="x.example", credits=ap, format="html"),
            make_article("B", ["b b b"], site="x.example", credits=both, format="text"),
            make_article("C", ["c"], site="y.example", format="text", published="2026-05-02"),
        ]
    )
    summary = store.summary()
    assert summary["articles"] == 3
    assert summary["sites"] == 2
    assert summary["words"] == 6
    assert summary["wire"] == {"AP": 2, "Reuters": 1}
    assert summary["wire_credited"] == 2
    assert summary["formats"] == {"text": 2, "html": 1}
    assert (summary["first_date"], summary["dated"]) == ("2026-05-02", 1)


def test_batch_counts_failures_and_goes_on(store: SqliteStore, make_article) -> None:
    good = _stories(make_article, 3)
    broken = dataclasses.replace(good[0], id="", origin="broken.txt")
    items = [good[0], Rejected("empty.txt", "empty file", "empty"), broken, *good[1:], good[0]]
    summary = store.add_many(items)
    assert (summary.added, summary.present, summary.repeats) == (3, 1, 1)
    assert [(r.origin, r.kind) for r in summary.failed] == [
        ("empty.txt", "empty"),
        ("broken.txt", "store"),
    ]
    assert "no id" in summary.failed[1].reason
    assert not summary.ok
    again = store.add_many(good)
    assert (again.added, again.present, again.repeats) == (0, 3, 0)


class _FlakyIndex:
    """An index that refuses one article, to show the article is rolled back whole."""

    def __init__(self, refuse: str) -> None:
        self.refuse = refuse
        self.ids: list[str] = []

    def add(self, article: Article) -> None:
        if article.id == self.refuse:
            raise ValueError("index refused it")
        self.ids.append(article.id)

    def remove(self, article_id: str) -> None:
        self.ids.remove(article_id)


def test_a_failing_index_rolls_back_the_whole_article(store, make_article) -> None:
    articles = _stories(make_article, 3, site="example.com")
    index = _FlakyIndex(refuse=articles[1].id)
    store.attach(index)
    summary = store.add_many(articles)
    assert summary.added == 2 and len(summary.failed) == 1
    assert articles[1].id not in store
    assert index.ids == [articles[0].id, articles[2].id]
    assert store.summary()["top_sites"] == {"example.com": 2}  # site count rolled back too
    store.remove(articles[0].id)
    assert index.ids == [articles[2].id]


def test_ctrl_c_keeps_what_was_added_whole(tmp_path: Path, make_article) -> None:
    articles = _stories(make_article, 10)

    def interrupted() -> Iterator[Article]:
        yield from articles[:4]
        raise KeyboardInterrupt

    path = tmp_path / "lib.db"
    with open_store(path) as store:
        summary = store.add_many(interrupted(), chunk=3)
    assert summary.interrupted and summary.added == 4
    with open_store(path) as store:
        assert store.count() == 4


def test_an_error_in_the_input_stream_keeps_earlier_articles(store, make_article) -> None:
    def broken() -> Iterator[Article]:
        yield from _stories(make_article, 2)
        raise RuntimeError("reader bug")

    with pytest.raises(RuntimeError):
        store.add_many(broken())
    assert store.count() == 2
    assert not store.conn.in_transaction


_CRASH = """
import os, sys
from unspun.model import Article, content_id
from unspun.store import open_store

def articles():
    for i in range(1000):
        if i == 700:
            os._exit(3)  # the process dies mid-chunk, without any clean-up
        text = f"Body of article {i}." * 20
        yield Article(id=content_id(str(i), text), text=text, title=str(i), site="s.example")

open_store(sys.argv[1]).add_many(articles(), chunk=250, chunk_seconds=1e9)
"""


def test_a_crash_mid_batch_leaves_only_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    done = subprocess.run([sys.executable, "-c", _CRASH, str(path)], check=False)
    assert done.returncode == 3
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count() == 500  # two whole chunks; the third was never committed
        assert store.summary()["top_sites"] == {"s.example": 500}
        assert len(list(store.iter_articles())) == 500


def test_a_locked_library_is_a_store_error(tmp_path: Path, make_article) -> None:
    path = tmp_path / "lib.db"
    open_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store = open_store(path)
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="could not write"):
            store.add_many(_stories(make_article, 1))
        store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_commits_by_time_so_other_readers_see_progress(tmp_path: Path, make_article) -> None:
    path = tmp_path / "lib.db"
    articles = _stories(make_article, 3)
    seen: list[int] = []

    def slow_reader() -> Iterator[Article]:
        for article in articles:
            with open_store(path) as other:
                seen.append(other.count())
            yield article

    with open_store(path) as store:
        store.add_many(slow_reader(), chunk=1000, chunk_seconds=0.0)
    assert seen == [0, 1, 2]
