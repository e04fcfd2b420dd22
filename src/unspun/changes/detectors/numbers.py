"""Numbers: one replaced by another, or a number added or left out."""

from __future__ import annotations

from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind
from unspun.changes.numbers import Mention, numbers


def _extras(f: Findings) -> tuple[list[Mention], list[Mention]]:
    """Numbers of each side whose value the other side of the pair lacks."""
    cn = numbers(f.c.text, f.c.offset, f.c_dates)
    sn = numbers(f.s.text, f.s.offset, f.s_dates)
    c_extra = [n for n in cn if not _said(n, sn) and n.start >= f.c.first()]
    s_extra = [n for n in sn if not _said(n, cn)]
    return c_extra, s_extra


def _said(n: Mention, others: list[Mention]) -> bool:
    """The other side gives this number, or the same quantity in other words."""
    return any(
        n.same_amount(o) if (n.amount and o.amount) or n.upto or o.upto else n.value == o.value
        for o in others
    )


def _pairs(c_extra: list[Mention], s_extra: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Unmatched numbers paired in order, first each with one measuring the same kind of thing
    (a share with a share, a span of time with a span of time), then the rest as they come
    ("four hours" where the source says "two and a half hours")."""
    pairs, left, rest = [], list(s_extra), []
    for a in c_extra:
        kind = a.amount[0] if a.amount else None
        b = next((x for x in left if (x.amount[0] if x.amount else None) == kind), None)
        if b is None:
            rest.append(a)
            continue
        left.remove(b)
        pairs.append((a, b))
    pairs.extend(zip(rest, left, strict=False))
    return sorted(pairs, key=lambda p: p[0].start)


def numbers_changed(f: Findings) -> None:
    """Unmatched numbers of the two sides paired in order."""
    c_extra, s_extra = _extras(f)
    for a, b in _pairs(c_extra, s_extra):
        f.add(
            ChangeKind.NUMBER,
            (a.start, a.end),
            (b.start, b.end),
            f"the copy says '{a.text}' ({a.value}) where the source says '{b.text}' ({b.value})",
        )


def numbers_added_or_dropped(f: Findings) -> None:
    """Unmatched numbers left over on one side, that the other article nowhere gives."""
    c_extra, s_extra = _extras(f)
    paired = _pairs(c_extra, s_extra)
    c_extra = [a for a in c_extra if all(a is not x for x, _ in paired)]
    s_extra = [b for b in s_extra if all(b is not y for _, y in paired)]
    for a in c_extra:
        if not a.weak and a.value not in f.ctx.source_numbers:
            f.add(
                ChangeKind.ADDED,
                (a.start, a.end),
                None,
                f"the copy adds the number '{a.text}', which the source does not give",
            )
    for b in s_extra:
        if not b.weak and b.value not in f.ctx.copy_numbers:
            f.add(
                ChangeKind.DROPPED,
                None,
                (b.start, b.end),
                f"the copy leaves out the number '{b.text}'",
            )
