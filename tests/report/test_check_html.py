"""The HTML report of a check: candidates without reuse folded into one line."""

from __future__ import annotations

from typing import Any

from unspun.report.check_html import render_check_html


def test_candidates_without_reuse_are_folded_into_one_line(checked: Any) -> None:
    page = render_check_html(checked)
    assert "Unrelated" not in page
    assert page.count("and 5 related candidates without reuse") == 1
    assert "Riverton weekly digest" in page
