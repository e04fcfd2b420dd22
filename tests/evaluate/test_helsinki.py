"""The hand-labelled Helsinki dev sets: scoring rules on made-up cases, and the pinned figures
on the real corpus (skipped without ../shared/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.evaluate.helsinki import (
    PARTS,
    check_relations,
    evaluate_junk,
    evaluate_pairs,
    evaluate_stories,
    evaluate_titles,
    fold,
    kept_paragraphs,
    part_of,
    score_families,
)
from unspun.model import Article, Paragraph
from unspun.provenance.records import FamilyMember, Layer, StoryFamily

BASELINE = Path(__file__).parents[1] / "baselines" / "helsinki_devset.json"


def test_parts_are_fixed_by_the_id_and_split_about_evenly() -> None:
    parts = [part_of(str(i)) for i in range(1000)]
    assert parts == [part_of(str(i)) for i in range(1000)]
    assert 400 < parts.count("tune") < 600
    assert set(parts) == set(PARTS)


def test_titles_compare_after_folding_quotes_case_and_spacing() -> None:
    assert fold("Trump’s  “deal” — done.") == fold('trump\'s "deal" - done')
    assert fold("Headline |") == "headline"


def test_kept_paragraphs_follow_the_stored_offsets() -> None:
    cell = "Menu ### Ferry resumes ### The ferry ran again. ### Share this"
    start = cell.index("The ferry")
    stored = Article(id="x", text="The ferry ran again.", paragraphs=(Paragraph(0, 20, start),))
    assert kept_paragraphs(cell, stored) == [False, False, True, False]


def test_family_scores_leave_borderline_pages_out() -> None:
    labels = [{"name": "f", "members": ["1", "2", "3"], "borderline": ["9"]}]
    placed = {"1": 1, "2": 1, "3": 2, "9": 1, "7": 1}
    score = score_families(labels, placed)
    assert score["recall"] == pytest.approx(1 / 3, abs=1e-4)  # only 1-2 of three pairs
    assert score["precision"] == pytest.approx(0.5)  # 1-2, 2-1 right; 1-7, 2-7 wrong
    assert score["split"] == ["f"]


def _member(mid: str, when: str, words: int, relation: str, parent: str) -> FamilyMember:
    return FamilyMember(mid, "", "", when, words, Layer.REUSE, relation, parent, 1.0)


def test_relations_are_checked_against_dates_words_and_cycles() -> None:
    good = StoryFamily(1, "", "", "", (), (
        _member("a", "2018-07-15T08:00:00", 100, "original", ""),
        _member("b", "2018-07-15T09:00:00", 60, "shorter version of a", "a"),
    ))  # fmt: skip
    bad = StoryFamily(2, "", "", "", (), (
        _member("c", "2018-07-15T10:00:00", 100, "earlier, shorter version", "d"),
        _member("d", "2018-07-15T08:00:00", 50, "exact duplicate of c", "c"),
    ))  # fmt: skip
    assert check_relations([good]) == {"parent_cycles": 0, "false_relations": 0, "examples": []}
    found = check_relations([bad])
    assert found["parent_cycles"] == 2 and found["false_relations"] == 1


# -- the real corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def news(shared_data: Path) -> Path:
    path = shared_data / "news" / "helsinki_articles.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="module")
def pinned() -> dict:
    return json.loads(BASELINE.read_text("utf-8"))


@pytest.mark.shared
def test_titles_against_baseline(news: Path, pinned: dict) -> None:
    result = evaluate_titles(news)
    for part in PARTS:
        assert result[part]["accuracy"] >= pinned["titles"][part] - pinned["tolerance"], part


@pytest.mark.shared
def test_junk_against_baseline(news: Path, pinned: dict) -> None:
    result = evaluate_junk(news)
    for part in PARTS:
        for key, value in pinned["junk"][part].items():
            assert result[part][key] >= value - pinned["tolerance"], (part, key)


@pytest.mark.slow
@pytest.mark.shared
def test_stories_against_baseline(news: Path, pinned: dict) -> None:
    result = evaluate_stories(news)
    for part in PARTS:
        for key, value in pinned["stories"][part].items():
            assert result[part][key] >= value - pinned["tolerance"], (part, key)
    assert result["consistency"]["parent_cycles"] == 0
    assert result["consistency"]["false_relations"] == 0


@pytest.mark.slow
@pytest.mark.shared
def test_pairs_against_baseline(news: Path, pinned: dict) -> None:
    result = evaluate_pairs(news)
    for part in PARTS:
        want = pinned["pairs"][part]
        assert result[part]["independent_judged_reuse"] <= want["independent_judged_reuse"], part
        assert result[part]["copies_judged_reuse"] >= want["copies_judged_reuse"], part
