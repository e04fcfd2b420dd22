"""Numbers: one replaced by another, or a number added or left out."""

from __future__ import annotations

from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind
from unspun.changes.numbers import Mention, numbers


def _extras(f: Findings) -> tuple[list[Mention], list[Mention]]:
    """Numbers of each side whose value the other side of the pair lacks."""
    cn = numbers(f.c.text, f.c.offset, f.c_dates)
    sn = numbers(f.s.text, f.s.offset, f.s_dates)
    s_vals, c_vals = {n.value for n in sn}, {n.value for n in cn}
    c_extra = [n for n in cn if n.value not in s_vals and n.start >= f.c.first()]
    s_extra = [n for n in sn if n.value not in c_vals]
    return c_extra, s_extra


def numbers_changed(f: Findings) -> None:
    """Unmatched numbers of the two sides paired in order."""
    c_extra, s_extra = _extras(f)
    for a, b in zip(c_extra, s_extra, strict=False):
        f.add(
            ChangeKind.NUMBER,
            (a.start, a.end),
            (b.start, b.end),
            f"the copy says '{a.text}' ({a.value}) where the source says '{b.text}' ({b.value})",
        )


def numbers_added_or_dropped(f: Findings) -> None:
    """Unmatched numbers left over on one side, that the other article nowhere gives."""
    c_extra, s_extra = _extras(f)
    for a in c_extra[len(s_extra) :]:
        if not a.weak and a.value not in f.ctx.source_numbers:
            f.add(
                ChangeKind.ADDED,
                (a.start, a.end),
                None,
                f"the copy adds the number '{a.text}', which the source does not give",
            )
    for b in s_extra[len(c_extra) :]:
        if not b.weak and b.value not in f.ctx.copy_numbers:
            f.add(
                ChangeKind.DROPPED,
                None,
                (b.start, b.end),
                f"the copy leaves out the number '{b.text}'",
            )
