"""The seed pair's provenance: both from the same AP story, 000 cut short (gold.json)."""

from __future__ import annotations

from pathlib import Path

from unspun.align import AlignConfig
from unspun.evaluate.seeds_provenance import check_provenance


def test_seed_pair_derives_from_one_ap_story(seeds_dir: Path) -> None:
    result = check_provenance(seeds_dir)
    assert result["ok"], result["problems"]
    assert result["extra_sentences"] == 11
    assert "does not copy" in result["verdict"] and "cut short" in result["verdict"]


def test_lexical_alignment_reaches_the_same_verdict(seeds_dir: Path) -> None:
    result = check_provenance(seeds_dir, AlignConfig(model="none"))
    assert result["ok"], result["problems"]
