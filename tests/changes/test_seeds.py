"""The seed pair: the four expected changes, and no other flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.evaluate.seeds_changes import check_changes


@pytest.fixture(scope="module")
def result(seeds_dir: Path) -> dict:
    gold = json.loads((seeds_dir / "gold.json").read_text("utf-8"))
    return check_changes(seeds_dir, gold)


def test_all_expected_changes_found(result: dict) -> None:
    assert result["found"] == result["total"] == 4, result["missed"]
    assert result["false_flags"] == 0, result["changes"]


def test_headline_problems_are_high_and_explained(result: dict) -> None:
    by_copy = {c["copy"]: c for c in result["changes"]}
    title = next(c for k, c in by_copy.items() if "Vice President" in k)
    assert title["severity"] == "high"
    assert "caption" in title["explanation"]
    g20 = next(c for k, c in by_copy.items() if "G20" in k)
    assert g20["severity"] == "high"
    assert "Group of Seven" in g20["explanation"]
    assert "NATO summit" in g20["explanation"]


def test_added_and_dropped_details(result: dict) -> None:
    kinds = {(c["kind"], c["copy"] or c["source"]) for c in result["changes"]}
    assert ("detail added", "on Tuesday") in kinds
    dropped = [text for kind, text in kinds if kind == "detail dropped"]
    assert any("at least nine US agencies" in t for t in dropped)
