from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.provenance.story_build import OTHER, STORY, make_article
from unspun.align import AlignConfig, align_articles
from unspun.provenance.families import (
    FamilyConfig,
    FamilyIndex,
    _rare_words,
    _same_event,
    _shared_words,
    sync_families,
)
from unspun.provenance.records import Layer
from unspun.provenance.stories import family_ids, family_of, load_family
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore, open_store

LEXICAL = AlignConfig(model="none")


@pytest.fixture()
def store() -> Iterator[SqliteStore]:
    with open_store(":memory:") as s:
        yield s


def _chain() -> list:
    """An original, a verbatim republication, a copy cut short, a spun-free update; and an
    unrelated story."""
    return [
        make_article(STORY, "origin.example", published="2024-03-04T08:00:00"),
        make_article(STORY, "mirror.example", published="2024-03-04T09:30:00"),
        make_article(STORY[:5], "brief.example", published="2024-03-04T12:00:00"),
        make_article(OTHER, "bakery.example", "2024-03-04T10:00:00", title="Sourdough prize"),
    ]


def _members(store: SqliteStore, article_id: str) -> set[str]:
    family = load_family(store, family_of(store.conn, article_id))
    return {m.article_id for m in family.members}


def test_sync_groups_copies_and_leaves_the_unrelated_alone(store: SqliteStore) -> None:
    arts = _chain()
    store.add_many(arts)
    placed = sync_families(store, SourceIndex(store.conn), FamilyConfig())
    assert placed == 4
    assert _members(store, arts[0].id) == {a.id for a in arts[:3]}
    assert _members(store, arts[3].id) == {arts[3].id}
    family = load_family(store, family_of(store.conn, arts[0].id), growth=True)
    assert family.original == arts[0].id
    by_id = {m.article_id: m for m in family.members}
    assert by_id[arts[1].id].layer == Layer.EXACT
    assert by_id[arts[1].id].parent == arts[0].id
    assert by_id[arts[2].id].relation == "republication cut short"
    assert [m.article_id for m in family.members] == [a.id for a in arts[:3]]  # by date
    assert family.members[0].growth == family.members[0].words
    assert family.members[2].growth == 0  # adds nothing to what came before
    assert sync_families(store, SourceIndex(store.conn), FamilyConfig()) == 0  # incremental


def test_attached_index_places_articles_as_they_are_added(store: SqliteStore) -> None:
    index = SourceIndex(store.conn)
    index.ensure_schema()
    store.attach(index)
    store.attach(FamilyIndex(store, index, FamilyConfig()))
    arts = _chain()
    for article in arts:
        store.add(article)
    assert _members(store, arts[2].id) == {a.id for a in arts[:3]}
    assert len(family_ids(store.conn, min_size=1)) == 2


def test_a_page_carrying_two_stories_whole_joins_neither_added_one_by_one(
    store: SqliteStore,
) -> None:
    index = SourceIndex(store.conn)
    index.ensure_schema()
    store.attach(index)
    store.attach(FamilyIndex(store, index, FamilyConfig()))
    ferry = make_article(STORY[:6], "ferry.example", published="2024-03-04T08:00:00")
    both = make_article(STORY[:6] + OTHER, "both.example", published="2024-03-04T09:00:00")
    bakery = make_article(OTHER, "bakery.example", "2024-03-04T10:00:00", title="Sourdough")
    for article in (ferry, both, bakery):
        store.add(article)
    # Placed before the bakery story, the page first joins the ferry family; once the bakery
    # story links to another part of it, it is a compilation and joins neither.
    assert family_of(store.conn, ferry.id) != family_of(store.conn, bakery.id)
    assert family_of(store.conn, both.id) not in {
        family_of(store.conn, ferry.id),
        family_of(store.conn, bakery.id),
    }
    compiled = store.conn.execute(
        "SELECT family FROM fam_compiles WHERE article_id = ?", (both.id,)
    ).fetchall()
    assert {r[0] for r in compiled} == {
        family_of(store.conn, ferry.id),
        family_of(store.conn, bakery.id),
    }
    store.remove(both.id)
    assert family_of(store.conn, ferry.id) != family_of(store.conn, bakery.id)
    assert store.conn.execute("SELECT COUNT(*) FROM fam_compiles").fetchone()[0] == 0


def test_a_page_compiling_two_stories_merges_neither(store: SqliteStore) -> None:
    ferry = make_article(STORY, "ferry.example", published="2024-03-04T08:00:00")
    bakery = make_article(OTHER, "bakery.example", "2024-03-04T08:30:00", title="Sourdough")
    digest = make_article(STORY[:6] + OTHER, "digest.example", "2024-03-04T12:00:00")
    store.add_many([ferry, bakery, digest])
    sync_families(store, SourceIndex(store.conn), FamilyConfig())
    assert family_of(store.conn, ferry.id) != family_of(store.conn, bakery.id)


def test_a_later_sync_places_only_the_new_articles(store: SqliteStore) -> None:
    arts = _chain()
    store.add_many(arts[:2])
    assert sync_families(store, SourceIndex(store.conn), FamilyConfig()) == 2
    before = dict(store.conn.execute("SELECT article_id, placed FROM fam_members"))
    links_before = store.conn.execute("SELECT COUNT(*) FROM fam_links").fetchone()[0]
    store.add_many(arts[2:])
    assert sync_families(store, SourceIndex(store.conn), FamilyConfig()) == 2
    after = dict(store.conn.execute("SELECT article_id, placed FROM fam_members"))
    assert {a: after[a] for a in before} == before  # the first two were not placed again
    assert sorted(set(after.values()) - set(before.values())) == [3, 4]
    assert _members(store, arts[0].id) == {a.id for a in arts[:3]}  # the copy joined them
    assert store.conn.execute("SELECT COUNT(*) FROM fam_links").fetchone()[0] > links_before


def test_the_screen_keeps_a_copy_cut_short_and_drops_an_unrelated_story() -> None:
    full = make_article(STORY, "origin.example")
    short = make_article(STORY[:5], "brief.example")
    bakery = make_article(OTHER, "bakery.example", title="Sourdough prize")
    cfg = FamilyConfig()
    assert _shared_words(_rare_words(short), _rare_words(full)) >= 0.9
    assert _shared_words(_rare_words(bakery), _rare_words(full)) < cfg.screen_share


def test_a_same_event_link_needs_enough_of_the_new_article() -> None:
    both = make_article(STORY[:2] + OTHER, "digest.example", title="Ferry and bread")
    alignment = align_articles(both, make_article(STORY, "origin.example"), LEXICAL)
    assert 0.2 <= alignment.summary.copy_share < 0.5  # two of six sentences
    assert _same_event(alignment, FamilyConfig())
    assert not _same_event(alignment, FamilyConfig(event_min_share=0.5))


def _filler(seed: int, n: int) -> list[str]:
    """``n`` sentences of their own, sharing no run of words with any other text here."""
    import random

    rng = random.Random(seed)
    pool = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
            for _ in range(60)]  # fmt: skip
    return [" ".join(rng.choice(pool) for _ in range(14)).capitalize() + "." for _ in range(n)]


def test_versions_of_one_agency_story_with_a_new_top_are_one_family(store: SqliteStore) -> None:
    # The evening version, and the morning rewrite: a new top over the same body, so the
    # two share less than half of either, but a long block word for word.
    evening = make_article(
        [*_filler(1, 26), *STORY], "a.example", "2024-03-04T20:00:00", agency="Reuters"
    )
    morning = make_article(
        [*_filler(2, 27), *STORY], "b.example", "2024-03-05T07:00:00", agency="Reuters"
    )
    other_agency = make_article(
        [*_filler(3, 27), *STORY], "c.example", "2024-03-05T08:00:00", agency="AFP"
    )
    store.add_many([evening, morning, other_agency])
    sync_families(store, SourceIndex(store.conn), FamilyConfig())
    assert family_of(store.conn, evening.id) == family_of(store.conn, morning.id)
    # another agency's report sharing the same block is held to the stricter rule
    assert family_of(store.conn, other_agency.id) != family_of(store.conn, evening.id)


def test_a_family_without_a_headline_is_named_by_its_opening(store: SqliteStore) -> None:
    arts = [
        make_article(STORY, "a.example", "2024-03-04T08:00:00", title=""),
        make_article(STORY, "b.example", "2024-03-04T09:00:00", title=""),
    ]
    store.add_many(arts)
    sync_families(store, SourceIndex(store.conn), FamilyConfig())
    family = load_family(store, family_of(store.conn, arts[0].id))
    opening = " ".join(STORY[0].split()[:12])
    assert family.title.startswith("“") and opening in family.title
