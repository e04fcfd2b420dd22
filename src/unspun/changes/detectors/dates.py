"""Dates and times: one replaced by another of the same class, or added or left out."""

from __future__ import annotations

import re

from unspun.changes.context import Findings, Side
from unspun.changes.kinds import ChangeKind
from unspun.changes.numbers import Mention


def _unpaired(f: Findings) -> tuple[list[Mention], list[Mention], list[tuple[Mention, Mention]]]:
    """Dates of each side no date of the other side is compatible with, and those of them
    that pair up by class (a weekday with a weekday, a year with a year)."""
    cd, sd = f.c_dates, f.s_dates
    c_extra = [d for d in cd if not any(d.compatible(x) for x in sd) and d.start >= f.c.first()]
    s_extra = [d for d in sd if not any(d.compatible(x) for x in cd)]
    pairs = []
    for d in list(c_extra):
        partner = next((x for x in s_extra if x.cls == d.cls), None)
        if partner is None:
            continue
        c_extra.remove(d)
        s_extra.remove(partner)
        pairs.append((d, partner))
    return c_extra, s_extra, pairs


def dates_changed(f: Findings) -> None:
    for d, partner in _unpaired(f)[2]:
        f.add(
            ChangeKind.DATE,
            (d.start, d.end),
            (partner.start, partner.end),
            f"the copy says '{d.text}' where the source says '{partner.text}'",
        )


def dates_added_or_dropped(f: Findings) -> None:
    c_extra, s_extra, _ = _unpaired(f)
    for d in c_extra:
        if not any(d.compatible(x) for x in f.ctx.source_dates):
            start = _with_preposition(f.c, d.start)
            f.add(
                ChangeKind.ADDED,
                (start, d.end),
                None,
                f"the copy adds '{f.c.chars(start, d.end)}'; the source gives no such time",
            )
    for d in s_extra:
        if d.cls == "weekday" and _same_day(f.c_dates, f.s_dates):
            continue  # "on Monday, July 16" told as "on July 16": the date says the day
        if not any(d.compatible(x) for x in f.ctx.copy_dates):
            f.add(ChangeKind.DROPPED, None, (d.start, d.end), f"the copy leaves out '{d.text}'")


def _same_day(copy: list[Mention], source: list[Mention]) -> bool:
    """Both sides give one calendar day (a month with its day)."""
    return any(
        c.cls == "date" and c.value.split("|")[1] and any(c.compatible(s) for s in source)
        for c in copy
    )


def _with_preposition(side: Side, start: int) -> int:
    m = re.search(
        r"\b(?:on|in|at|by|since|until|last|this|next)\s+$", side.text[: start - side.offset]
    )
    return side.offset + m.start() if m else start
