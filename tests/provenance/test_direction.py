from __future__ import annotations

from tests.provenance.story_build import OTHER, STORY, make_article
from unspun.align import AlignConfig, align_articles
from unspun.model import Article
from unspun.provenance.direction import dated_first, infer_direction
from unspun.provenance.records import Relation

LEXICAL = AlignConfig(model="none")


def _direction(a: Article, b: Article, copy_is_a: bool = True):
    alignment = align_articles(a, b, LEXICAL) if copy_is_a else align_articles(b, a, LEXICAL)
    return infer_direction(a, b, alignment)


def test_cut_short_wire_copies_share_the_wire_story() -> None:
    full = make_article(STORY, "longpost.example", agency="AP")
    short = make_article(STORY[:5], "shortpost.example", agency="AP")
    found = _direction(full, short)
    assert found.relation == Relation.COMMON_SOURCE
    assert found.source == "AP"
    assert found.cut_short == short.id
    assert "does not copy" in found.verdict
    assert any("7 sentences" in r for r in found.reasons)


def test_the_verdict_does_not_depend_on_which_side_was_the_copy() -> None:
    full = make_article(STORY, "longpost.example", agency="AP")
    short = make_article(STORY[:5], "shortpost.example", agency="AP")
    one, two = _direction(full, short), _direction(full, short, copy_is_a=False)
    assert (one.relation, one.cut_short) == (two.relation, two.cut_short)


def test_a_later_truncated_copy_derives_from_the_full_article() -> None:
    full = make_article(STORY, "first.example", published="2024-03-04T08:00:00")
    short = make_article(STORY[:6], "second.example", published="2024-03-04T11:00:00")
    found = _direction(short, full)
    assert found.relation == Relation.A_FROM_B
    assert found.cut_short == short.id
    assert found.first == full.id
    mirrored = _direction(full, short, copy_is_a=False)
    assert mirrored.relation == Relation.B_FROM_A


def test_an_earlier_shorter_version_is_updated_by_the_longer() -> None:
    first = make_article(STORY[:4], "early.example", published="2024-03-04T07:00:00")
    update = make_article(STORY, "late.example", published="2024-03-04T12:00:00")
    found = _direction(update, first)
    assert found.relation == Relation.A_FROM_B  # the update builds on the first version
    assert found.earlier_version == first.id
    wire_first = make_article(STORY[:4], "early.example", "2024-03-04T07:00:00", agency="AP")
    wire_update = make_article(STORY, "late.example", "2024-03-04T12:00:00", agency="AP")
    found = _direction(wire_update, wire_first)
    assert found.relation == Relation.COMMON_SOURCE
    assert found.earlier_version == wire_first.id


def test_identical_texts_are_ordered_by_date() -> None:
    older = make_article(STORY, "a.example", published="2024-03-04")
    newer = make_article(STORY, "b.example", published="2024-03-06")
    assert _direction(newer, older).relation == Relation.A_FROM_B
    assert _direction(older, newer).relation == Relation.B_FROM_A


def test_each_holding_material_the_other_lacks_means_a_common_source() -> None:
    head = make_article(STORY[:8], "head.example", published="2024-03-04T08:00:00")
    tail = make_article(STORY[3:], "tail.example", published="2024-03-04T09:00:00")
    found = _direction(tail, head)
    assert found.relation == Relation.COMMON_SOURCE
    assert any("each holds material the other lacks" in r for r in found.reasons)


def test_the_agencys_own_site_is_the_original() -> None:
    own = make_article(STORY, "apnews.com", agency="AP")
    copy = make_article(STORY, "herald.example", agency="AP")
    assert _direction(copy, own).relation == Relation.A_FROM_B


def test_no_shared_text_is_unrelated() -> None:
    found = _direction(make_article(OTHER, "bakery.example", title="Sourdough prize"),
                       make_article(STORY, "ferry.example"))  # fmt: skip
    assert found.relation == Relation.UNRELATED


def test_dated_first_names_the_earlier_article() -> None:
    early = make_article(STORY, "first.example", published="2024-03-04T08:00:00")
    late = make_article(STORY, "second.example", published="2024-03-04T11:00:00")
    undated = make_article(STORY, "third.example")
    assert dated_first(late, early) == early.id == dated_first(early, late)
    assert dated_first(early, undated) == ""
