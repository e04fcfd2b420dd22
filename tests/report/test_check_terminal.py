"""The terminal report of a check: candidates without reuse folded into one line."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from unspun.report.check_terminal import print_check


def _text(result: Any) -> str:
    console = Console(width=120, file=io.StringIO(), color_system=None)
    print_check(console, result, details=False)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_candidates_without_reuse_are_folded_into_one_line(checked: Any) -> None:
    out = _text(checked)
    assert "Unrelated" not in out
    assert out.count("and 5 related candidates without reuse") == 1
    assert "Riverton weekly digest" in out  # related, but sharing 4 %: still listed
    assert "Riverton bridge opens" in out


def test_nothing_is_said_when_every_candidate_is_listed(checked: Any) -> None:
    listed = [m for m in checked.sources if m.share > 0]
    out = _text(_with_sources(checked, listed))
    assert "without reuse" not in out


def _with_sources(result: Any, sources: list[Any]) -> Any:
    import dataclasses

    return dataclasses.replace(result, sources=tuple(sources))
