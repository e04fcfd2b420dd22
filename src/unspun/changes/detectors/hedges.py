"""A hedge of the source ("reportedly", "may", "expected to") the copy drops."""

from __future__ import annotations

from unspun.changes import entities as ent
from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind


def hedges_removed(f: Findings) -> None:
    ch, sh = ent.hedges(f.c.words), ent.hedges(f.s.words)
    c_cls = [c for c, _ in ch]
    s_cls = {c for c, _ in sh}
    if any(c not in s_cls for c in c_cls):
        return  # the copy hedges differently: a rewording
    window = f.cfg.hedge_window
    for cls, w in sh:
        if sh.count((cls, w)) and [c for c, _ in sh].count(cls) > c_cls.count(cls):
            ahead = f.s.words[w.position + 1 : w.position + 1 + window]
            nxt = next((x for x in ahead if x.content), None)
            hit = next((x for x in f.c.words if nxt and x.norm == nxt.norm), None)
            cr = (hit.start, hit.end) if hit else None
            f.add(
                ChangeKind.HEDGE,
                cr,
                (w.start, w.end),
                f"the source hedges with '{w.text}'; the copy states it as fact",
            )
            return
