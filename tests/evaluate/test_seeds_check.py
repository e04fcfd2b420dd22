"""The ``check`` key of ``unspun eval seeds``: 001 checked against 000 among every Helsinki and
PAN13 document (slow the first time: the library is built, then cached)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.evaluate.seeds_check import check_seed_check


@pytest.mark.slow
def test_000_is_the_first_source_of_001(seeds_dir: Path) -> None:
    result = check_seed_check(seeds_dir)
    assert result["library_articles"] > 3000
    assert result["rank"] == 1, result
    assert result["ok"] and result["role"] == "source"
    # the whole of 001 is the AP story; the library's 000 is the copy cut short
    assert result["kind"] == "spun copy"
    assert result["verdict_names_the_wire_story"], result["verdict"]


def test_missing_distractors_are_reported_not_scored(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_a.txt").write_text("Title\n\nBody text of the source.", "utf-8")
    result = check_seed_check(seeds, shared=tmp_path)
    assert result["ok"] is None and "not found" in result["skipped"]
