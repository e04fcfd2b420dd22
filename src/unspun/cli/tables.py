"""Terminal tables that keep their key columns when the terminal is narrow.

Each column says how soon it may go (``drop``: 0 never, else the highest goes first) and
whether it is the one that gives way (``flex``: cut with an ellipsis, or wrapped when
``wrap``). The others are shown whole, up to their ``cap``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

PADDING = 2  # between two columns of a table without a box


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    drop: int = 0  # 0: always shown; otherwise dropped when narrow, highest first
    right: bool = False  # right-aligned (numbers)
    cap: int = 40  # never wider than this; the rest is cut with an ellipsis
    flex: bool = False  # takes what the others leave, down to ``least``
    least: int = 16
    wrap: bool = False  # a flex column that wraps rather than being cut


def fitted_table(width: int, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> Table:
    """A table of ``rows`` (plain text, one cell per column) at most ``width`` wide."""
    natural = [_natural(c, [row[i] for row in rows]) for i, c in enumerate(columns)]
    need = [min(n, c.least) if c.flex else n for c, n in zip(columns, natural, strict=True)]
    kept = _keep(width, columns, need)
    spare = width - _total(kept, need)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for i in kept:
        c = columns[i]
        size = need[i]
        if c.flex:
            size, spare = _grow(need[i], natural[i], spare)
        table.add_column(
            c.header,
            justify="right" if c.right else "left",
            no_wrap=not c.wrap,
            overflow="fold" if c.wrap else "ellipsis",
            min_width=size,
            max_width=size,
        )
    for row in rows:
        table.add_row(*(Text(row[i]) for i in kept))
    return table


def _natural(column: Column, cells: list[str]) -> int:
    return min(max([len(column.header), *map(len, cells)]), column.cap)


def _keep(width: int, columns: Sequence[Column], need: list[int]) -> list[int]:
    kept = list(range(len(columns)))
    while _total(kept, need) > width:
        droppable = [i for i in kept if columns[i].drop]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda i: columns[i].drop))
    return kept


def _total(kept: list[int], need: list[int]) -> int:
    return sum(need[i] for i in kept) + PADDING * max(len(kept) - 1, 0)


def _grow(least: int, natural: int, spare: int) -> tuple[int, int]:
    """(the width of a flex column, the spare width left for the next one)."""
    extra = max(min(natural - least, spare), 0)
    return least + extra, spare - extra
