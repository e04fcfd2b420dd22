"""Clauses added or left out: runs of content words one side of a pair lacks altogether."""

from __future__ import annotations

from unspun.changes.context import Findings, Side, overlaps
from unspun.changes.kinds import ChangeKind
from unspun.changes.normalize import Word


def clauses_added_or_dropped(f: Findings) -> None:
    """Runs of content words on one side that the other side lacks altogether.

    Words already explained by an earlier finding (a changed name, a quote) neither start a
    run nor count as rewording."""
    cfg, ctx = f.cfg, f.ctx
    c_norms, s_norms = f.c.norms(), f.s.norms()
    c_unmatched = [w for w in f.c.words if w.content and w.norm not in s_norms]
    s_unmatched = [w for w in f.s.words if w.content and w.norm not in c_norms]
    c_unmatched = _free(c_unmatched, f.c_taken)
    s_unmatched = _free(s_unmatched, f.s_taken)
    for run in _split(_unmatched_runs(f.s, c_norms), f.s_taken):
        novel = [w for w in run if w.norm not in ctx.copy_norms]
        if (
            len(novel) >= cfg.dropped_min_words
            and len(run) >= cfg.run_min_words
            and len(c_unmatched) < cfg.reword_share * len(run)
        ):
            r = (run[0].start, run[-1].end)
            f.add(ChangeKind.DROPPED, None, r, f"the copy leaves out '{f.s.chars(*r)}'")
    for run in _split(_unmatched_runs(f.c, s_norms), f.c_taken):
        novel = [w for w in run if w.norm not in ctx.source_norms]
        if (
            len(novel) >= cfg.added_min_words
            and len(run) >= cfg.run_min_words
            and len(s_unmatched) < cfg.reword_share * len(run)
        ):
            r = (run[0].start, run[-1].end)
            f.add(
                ChangeKind.ADDED,
                r,
                None,
                f"the copy adds '{f.c.chars(*r)}', which the source does not say",
            )


def _free(ws: list[Word], taken: list[tuple[int, int]]) -> list[Word]:
    return [w for w in ws if not overlaps((w.start, w.end), taken)]


def _split(runs: list[list[Word]], taken: list[tuple[int, int]]) -> list[list[Word]]:
    """Runs cut where they cross a range an earlier finding explains."""
    out: list[list[Word]] = []
    for run in runs:
        part: list[Word] = []
        for w in run:
            if overlaps((w.start, w.end), taken):
                if part:
                    out.append(part)
                part = []
            else:
                part.append(w)
        if part:
            out.append(part)
    return out


def _unmatched_runs(side: Side, other: set[str]) -> list[list[Word]]:
    """Runs of content words absent from ``other``; one matched word may sit inside a run."""
    content = [w for w in side.words if w.content]
    runs: list[list[Word]] = []
    current: list[Word] = []
    k = 0
    while k < len(content):
        w = content[k]
        if w.norm not in other:
            current.append(w)
        elif current and k + 1 < len(content) and content[k + 1].norm not in other:
            pass  # bridge a single matched word
        elif current:
            runs.append(current)
            current = []
        k += 1
    if current:
        runs.append(current)
    return runs
