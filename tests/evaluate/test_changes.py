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
)
from unspun.model import Change

BASELINE = json.loads((Path(__file__).parents[1] / "baselines" / "changes.json").read_text())
KINDS = {
    "entity changed", "title changed", "number changed", "date changed", "quote altered",
    "negation flipped", "attribution changed", "hedge removed", "detail added",
    "detail dropped", "claim added",
}  # fmt: skip


def test_devset_is_well_formed() -> None:
    items = load_devset(DEFAULT_DEVSET)
    spun = [i for i in items if not i["faithful"]]
    faithful = [i for i in items if i["faithful"]]
    assert len(spun) >= 12 and len(faithful) >= 3
    assert len({i["source_id"] for i in items}) == len(items)  # different articles
    assert {i["agency"] for i in items} <= {"AP", "Reuters"}
    planted = [c for i in spun for c in i["changes"]]
    assert {c["kind"] for c in planted} == KINDS
    for item in items:
        text = copy_article(item).text
        for change in item["changes"]:
            assert change["copy"] in text or not change["copy"], (item["name"], change)
    assert all(not i["changes"] for i in faithful)


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
def test_devset_recall_and_false_flags(news_csv: Path) -> None:
    result = evaluate_changes(DEFAULT_DEVSET, news_csv)
    base = BASELINE["devset"]
    tol = base["tolerance"]
    details = [a for a in result["per_article"] if a["missed"] or a["false_flags"]]
    assert result["recall"]["overall"] >= max(0.90, base["recall_overall"] - tol), details
    per_kind = [v for k, v in result["recall"].items() if k != "overall"]
    assert min(per_kind) >= base["recall_min_per_kind"] - 0.2, result["recall"]
    assert result["false_flags_per_article"] <= min(0.5, base["false_flags_per_article"] + tol)
    assert result["faithful_max_false_flags"] <= max(1, base["faithful_max_false_flags"])


@pytest.mark.slow
@pytest.mark.shared
def test_devset_without_the_model(news_csv: Path) -> None:
    result = evaluate_changes(DEFAULT_DEVSET, news_csv, AlignConfig(model="none"))
    base = BASELINE["devset_lexical"]
    assert result["recall"]["overall"] >= base["recall_overall"] - base["tolerance"]
    assert result["false_flags_per_article"] <= base["false_flags_per_article"] + base["tolerance"]
