"""Sentences with no partner: copy sentences that claim what the source does not say, and
(when asked) source sentences the copy skips inside the copied region."""

from __future__ import annotations

import re

from unspun.changes.config import ChangeConfig
from unspun.changes.context import Context
from unspun.changes.kinds import SEVERITY, ChangeKind
from unspun.changes.normalize import words
from unspun.model import Alignment, Article, Change

_CREDIT = re.compile(
    r"(contributed (?:to )?(?:this )?report|writers? .{0,40}contributed|©|copyright|all rights "
    r"reserved|click here|sign up|subscribe|read more|follow (?:us|him|her)|newsletter"
    r"|follow .{0,60} on (?:twitter|facebook|instagram)|https?://|www\.|@\w|file photo"
    r"|^\s*file\s*[-—–]|\(ap photo|\bphoto\b|, (?:left|right|center|centre),)",
    re.IGNORECASE,
)


def _news(text: str, other: set[str], min_words: int, cfg: ChangeConfig) -> bool:
    """Whether a sentence one side has and the other lacks tells something: long enough, no
    credit or site line, and enough of its content words absent from the other article."""
    ws = [w for w in words(text) if w.content]
    if len(text.split()) < min_words or _CREDIT.search(text) or not ws:
        return False
    novel = [w for w in ws if w.norm not in other]
    return len(novel) / len(ws) >= cfg.claim_min_novel


def claims_added(
    copy: Article, source: Article, alignment: Alignment, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    """Copy body sentences with no source that say something the source does not."""
    body = sorted(
        (s for p in alignment.pairs for s in p.copy if s.field == "body"), key=lambda s: s.start
    )
    new = sorted((s for s in alignment.new if s.field == "body"), key=lambda s: s.start)
    if not body:
        return []
    first, last = body[0].start, body[-1].start
    before = [s for s in new if s.start < first]
    after = [s for s in new if s.start > last]
    inside = [s for s in new if first < s.start < last]
    chosen = inside + [
        s for group in (before, after) if len(group) <= cfg.max_edge_claims for s in group
    ]
    out = []
    for span in sorted(chosen, key=lambda s: s.start):
        text = copy.text[span.start : span.end]
        if not _news(text, ctx.source_norms, cfg.claim_min_words, cfg):
            continue
        out.append(
            Change(
                ChangeKind.CLAIM.value,
                SEVERITY[ChangeKind.CLAIM].value,
                span,
                None,
                text,
                "",
                (text,),
                "the copy says this and the source has no sentence like it",
            )
        )
    return out


def sentences_dropped(
    copy: Article, source: Article, alignment: Alignment, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    """Source body sentences the copy skips between sentences it does use."""
    used = sorted(
        (s for p in alignment.pairs for s in p.source if s.field == "body"), key=lambda s: s.start
    )
    if len(used) < 2:
        return []
    first, last = used[0].start, used[-1].start
    out = []
    for span in sorted(alignment.dropped, key=lambda s: s.start):
        if span.field != "body" or not first < span.start < last:
            continue
        text = source.text[span.start : span.end]
        if not _news(text, ctx.copy_norms, cfg.dropped_sentence_min_words, cfg):
            continue
        out.append(
            Change(
                ChangeKind.DROPPED.value,
                SEVERITY[ChangeKind.DROPPED].value,
                None,
                span,
                "",
                text,
                (text,),
                "the copy leaves out this sentence of the source",
            )
        )
    return out
