"""The changes dev set: recall of planted changes and false flags, pinned in a baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.align import AlignConfig
from unspun.evaluate.changes import (
    DEFAULT_DEVSET,
    copy_article,
    evaluate_changes,
    load_devset,
    matches,
    part_of,
)
from unspun.model import Change

BASELINE = json.loads((Path(__file__).parents[1] / "baselines" / "changes.json").read_text())
KINDS = {
    "entity changed", "title changed", "number changed", "date changed", "quote altered",
    "negation flipped", "attribution changed", "hedge removed", "detail added",
    "detail dropped", "claim added", "unsupported in headline", "contradicted in headline",
}  # fmt: skip


def test_devset_is_well_formed() -> None:
    items = load_devset(DEFAULT_DEVSET)
    spun = [i for i in items if not i["faithful"]]
    faithful = [i for i in items if i["faithful"]]
    assert len(spun) >= 12 and len(faithful) >= 3
    assert len({i["source_id"] for i in items}) == len(items)  # different articles
    assert all(i["agency"].strip() for i in items)  # whose story it is: a wire or a paper
    planted = [c for i in spun for c in i["changes"]]
    assert {c["kind"] for c in planted} == KINDS
    for item in items:
        copy = copy_article(item)
        text = copy.title + "\n" + copy.text
        for change in item["changes"]:
            assert change["copy"] in text or not change["copy"], (item["name"], change)
    assert all(not i["changes"] for i in faithful)


def test_held_out_part_is_fixed_by_file_number() -> None:
    items = load_devset(DEFAULT_DEVSET)
    heldout = [i for i in items if part_of(i["name"]) == "heldout"]
    assert part_of("23_x") == "heldout" and part_of("24_x") == "tune" and part_of("21_x") == "tune"
    assert sum(len(i["changes"]) for i in heldout) >= 20
    assert sum(1 for i in heldout if i["faithful"]) >= 2


def test_match_needs_kind_and_overlapping_words() -> None:
    planted = {"kind": "number changed", "copy": "three times", "source": "twice"}
    hit = Change("number changed", "high", None, None, "three", "twice", (), "")
    assert matches(planted, hit)
    assert not matches(planted, Change("detail added", "medium", None, None, "three", "", (), ""))
    assert not matches(planted, Change("number changed", "high", None, None, "ten", "", (), ""))


@pytest.fixture(scope="module")
def news_csv(shared_data: Path) -> Path:
    path = shared_data / "news" / "helsinki_articles.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("part", ["tune", "heldout"])
def test_devset_recall_and_false_flags(news_csv: Path, part: str) -> None:
    """Each part of the dev set keeps its pinned recall (overall and per kind) and false flags."""
    result = evaluate_changes(DEFAULT_DEVSET, news_csv)
    base = BASELINE["devset"][part]
    tol = BASELINE["devset"]["tolerance"]
    got = result["parts"][part]
    details = [
        a for a in result["per_article"] if a["part"] == part and (a["missed"] or a["false_flags"])
    ]
    assert got["recall"]["overall"] >= base["recall"]["overall"] - tol, details
    for kind, pinned in base["recall"].items():
        assert got["recall"].get(kind, 0.0) >= pinned - tol - 1e-9, (kind, got["recall"], details)
    assert got["false_flags_per_article"] <= base["false_flags_per_article"] + tol, details
    assert got["faithful_max_false_flags"] <= base["faithful_max_false_flags"], details


@pytest.mark.slow
@pytest.mark.shared
def test_devset_without_the_model(news_csv: Path) -> None:
    result = evaluate_changes(DEFAULT_DEVSET, news_csv, AlignConfig(model="none"))
    base = BASELINE["devset_lexical"]
    assert result["recall"]["overall"] >= base["recall_overall"] - base["tolerance"]
    assert result["false_flags_per_article"] <= base["false_flags_per_article"] + base["tolerance"]
