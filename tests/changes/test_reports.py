"""Changes in the three reports: terminal, JSON (the ``changes`` list) and HTML."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from tests.changes.changes_build import article, one_pair
from unspun.changes import ChangeConfig, detect_changes
from unspun.report.html import render_html
from unspun.report.json import compare_report, dumps
from unspun.report.terminal import print_compare

COPY = "Rescuers pulled ten people from the water near <Turku> on Tuesday."
SOURCE = "Rescuers pulled a dozen people from the water near <Turku>."


@pytest.fixture
def case():
    copy, source = article(COPY, title="Ten Rescued"), article(SOURCE, title="Boat capsizes")
    alignment = one_pair(copy, source)
    changes = detect_changes(copy, source, alignment, ChangeConfig())
    assert {c.kind for c in changes} == {
        "number changed",
        "detail added",
        "unsupported in headline",
    }
    return copy, source, alignment, changes


def test_json_lists_changes_with_spans(case) -> None:
    copy, source, alignment, changes = case
    report = compare_report(copy, source, alignment, changes=changes)
    assert report["summary"]["changes"] == {"high": 2, "medium": 1, "low": 0}
    number = next(c for c in report["changes"] if c["kind"] == "number changed")
    assert number["copy"]["text"] == "ten" and number["source"]["text"] == "a dozen"
    assert number["severity"] == "high" and number["explanation"]
    assert json.loads(dumps(report)) == report
    assert "changes" not in compare_report(copy, source, alignment)


def test_terminal_lists_changes(case) -> None:
    copy, source, alignment, changes = case
    out = io.StringIO()
    print_compare(Console(file=out, width=100), copy, source, alignment, changes=changes)
    text = " ".join(out.getvalue().split())
    assert "What the copy changed (3: 2 high, 1 medium)" in text
    assert "number changed" in text and "on Tuesday" in text


def test_html_highlights_changes_escaped(case) -> None:
    copy, source, alignment, changes = case
    page = render_html(copy, source, alignment, changes=changes)
    assert '<mark class="chg sev-high' in page
    assert ">ten</mark>" in page and ">a dozen</mark>" in page
    assert "What the copy changed (3" in page
    assert "<Turku>" not in page and "&lt;Turku&gt;" in page
