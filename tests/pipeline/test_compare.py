"""compare_articles: one pair through alignment, changes and direction, as every face shows it."""

from __future__ import annotations

from collections.abc import Callable

from unspun.model import Article, Label
from unspun.pipeline.compare import CompareConfig, compare_articles
from unspun.provenance import Relation


def test_spun_copy_is_aligned_with_changes_and_direction(
    demo: Callable[..., Article],
) -> None:
    copy, source = demo("trendpulse_ferry_spun.txt"), demo("ap_ferry_aground.txt")
    c = compare_articles(copy, source, CompareConfig())
    assert c.model is None  # no embedder given: lexical evidence only
    assert c.alignment.summary.reuse
    assert any(p.label is Label.PARAPHRASE for p in c.alignment.pairs)
    assert c.changes, "the spun copy changes its source"
    assert c.provenance.relation is not Relation.UNRELATED


def test_unrelated_pair_has_no_reuse_and_no_direction(demo: Callable[..., Article]) -> None:
    c = compare_articles(demo("brewery_rail_depot.txt"), demo("ap_ferry_aground.txt"))
    assert not c.alignment.summary.reuse
    assert c.provenance.relation is Relation.UNRELATED
