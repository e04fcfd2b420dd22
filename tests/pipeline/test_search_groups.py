"""Search hits grouped by story: one row per family (or per identical text), best first."""

from __future__ import annotations

from dataclasses import replace

from tests.pipeline.conftest import demo
from unspun.config import ExtractConfig
from unspun.extract import read_bytes
from unspun.pipeline import SearchQuery
from unspun.pipeline.search_groups import search_grouped
from unspun.provenance.families import FamilyConfig, sync_families


def _copies(store) -> list[str]:
    """Three sites running the AP ferry story word for word (each its own article)."""
    ap = demo("ap_ferry_aground.txt")
    ids = []
    for site in ("coast.example", "valley.example", "harbor.example"):
        raw = f"{ap.title} ({site})\n\n{ap.text}".encode()
        copy = replace(read_bytes(raw, site, ExtractConfig(), fmt="text"), site=site)
        assert copy.text == ap.text and store.add(copy)
        ids.append(copy.id)
    return ids


def test_identical_texts_are_one_row_when_families_were_never_built(library) -> None:
    store, _ = library
    copies = _copies(store)
    groups = search_grouped(store.conn, SearchQuery("ferry sandbar"))
    ap_rows = [g for g in groups if g.hit.article_id in copies or g.more_ids & set(copies)]
    assert len(ap_rows) == 1
    row = ap_rows[0]
    assert row.family is None
    assert {row.hit.article_id, *row.more_ids} >= set(copies)
    assert len(row.more) == len(row.more_ids) >= 3  # the AP original's text is the same
    assert [g.hit.rank for g in groups] == sorted(g.hit.rank for g in groups)
    assert len({g.hit.article_id for g in groups}) == len(groups)


def test_a_story_family_is_one_row(library) -> None:
    store, index = library
    store.add(demo("valleyherald_ferry_aground.txt"))
    sync_families(store, index, FamilyConfig())
    groups = search_grouped(store.conn, SearchQuery("ferry"))
    families = [g.family for g in groups if g.family is not None]
    assert families and len(families) == len(set(families))
    ferry = next(g for g in groups if g.more)
    assert ferry.family is not None and len(ferry.more) >= 1


def test_the_limit_counts_rows_not_copies(library) -> None:
    store, _ = library
    _copies(store)
    assert len(search_grouped(store.conn, SearchQuery("ferry", limit=1))) == 1


def test_ungrouped_is_one_row_per_article(library) -> None:
    store, _ = library
    copies = _copies(store)
    groups = search_grouped(store.conn, SearchQuery("ferry sandbar"), grouped=False)
    assert {g.hit.article_id for g in groups} >= set(copies)
    assert all(not g.more for g in groups)
