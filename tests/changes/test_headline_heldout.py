"""Held-out headline cases (tests/fixtures/changes/headlines.json): every expected change is
reported, and faithful headlines carry no flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.changes.changes_build import article
from unspun.changes import ChangeConfig, check_headline
from unspun.evaluate.seeds_changes import phrase_overlap
from unspun.model import Alignment, AlignmentSummary, Article, Caption

FIXTURES = Path(__file__).parents[1] / "fixtures" / "changes"
CASES = [
    case
    for path in sorted(FIXTURES.glob("headlines*.json"))
    for case in json.loads(path.read_text("utf-8"))["cases"]
]


def headline_changes(case: dict) -> list:
    copy = article("The copy's body is not checked here.", title=case["headline"])
    source = article(case["source_body"], title=case["source_title"])
    source = Article(
        source.id,
        source.text,
        source.title,
        source.paragraphs,
        tuple(Caption(c) for c in case["captions"]),
    )
    empty = Alignment(copy.id, source.id, (), (), (), AlignmentSummary(0, 0, 0, 0, False))
    return list(check_headline(copy, source, empty, ChangeConfig()))


def score(case: dict) -> tuple[int, int]:
    """(expected changes found, false flags)."""
    changes = headline_changes(case)
    found = sum(
        any(c.kind == e["kind"] and phrase_overlap(e["copy"], c.copy_text) for c in changes)
        for e in case["expected"]
    )
    false = sum(
        not any(
            c.kind == e["kind"] and phrase_overlap(e["copy"], c.copy_text) for e in case["expected"]
        )
        for c in changes
    )
    return found, false


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_heldout_headline(case: dict) -> None:
    changes = headline_changes(case)
    found, false = score(case)
    assert (found, false) == (len(case["expected"]), 0), [
        (c.kind, c.copy_text, c.explanation) for c in changes
    ]
