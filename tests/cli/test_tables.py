"""Tables that keep their key columns when the terminal is narrow."""

from __future__ import annotations

import io

from rich.console import Console

from unspun.cli.tables import Column, fitted_table

COLUMNS = (
    Column("key", right=True),
    Column("name", flex=True, least=10, cap=80),
    Column("extra", drop=1),
    Column("detail", drop=2),
)
ROWS = [("17", "a rather long name that will not fit in a narrow table", "extra-1", "detail-1")]


def _render(width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO())
    console.print(fitted_table(width, COLUMNS, ROWS))
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_wide_enough_shows_every_column_whole() -> None:
    header, row = _render(120)
    assert header.split() == ["key", "name", "extra", "detail"]
    assert ROWS[0][1] in row


def test_narrow_drops_the_least_important_column_first() -> None:
    header, row = _render(30)
    assert header.split() == ["key", "name", "extra"]
    assert row.split()[0] == "17" and "extra-1" in row and "…" in row
    assert len(row) <= 30


def test_too_narrow_keeps_the_columns_that_are_never_dropped() -> None:
    header, _row = _render(20)
    assert header.split() == ["key", "name"]
