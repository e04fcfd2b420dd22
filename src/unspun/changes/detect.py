"""Where a copy departs from its source: a plain function over an alignment.

For every aligned pair the two sides are compared after normalisation (see
:mod:`unspun.changes.normalize`) by the detectors of
:data:`unspun.changes.detectors.PAIR_DETECTORS`, most specific first; a later finding that
overlaps an earlier one on the same side is not reported again. Copy sentences with no source
become *claims added* (boilerplate, credit lines and the tail of a fuller version of the story
excepted); source sentences the copy skips inside the copied region may become *details
dropped*. The headline is checked by :func:`unspun.changes.headline.check_headline`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from unspun.changes.config import ChangeConfig
from unspun.changes.context import Context, Findings, Side, build_context
from unspun.changes.detectors import PAIR_DETECTORS
from unspun.changes.detectors.claims import claims_added, sentences_dropped
from unspun.changes.headline import check_headline
from unspun.changes.kinds import RANK, Severity
from unspun.model import Alignment, Article, Change, SentencePair, Span


def detect_changes(
    copy: Article,
    source: Article,
    alignment: Alignment,
    cfg: ChangeConfig,
    nlp: object | None = None,
) -> tuple[Change, ...]:
    """Every change the copy makes to its source, by severity (high, medium, low), then by
    position: the headline first, then the copy's order.

    ``nlp`` is reserved for a loaded NLP pipeline; the detectors use patterns only.
    """
    ctx = build_context(copy, source)
    out: list[Change] = []
    if cfg.headline:
        out.extend(check_headline(copy, source, alignment, cfg, nlp, ctx=ctx))
    for pair in alignment.pairs:
        if pair.copy[0].field == "title":
            continue
        gap = cfg.fragment_max_gap
        whole = replace(
            pair,
            copy=_with_fragments(copy, pair.copy, alignment.new, gap),
            source=_with_fragments(source, pair.source, alignment.dropped, gap),
        )
        out.extend(compare_pair(copy, source, whole, ctx, cfg))
    out.extend(claims_added(copy, source, alignment, ctx, cfg))
    if cfg.report_dropped_sentences:
        out.extend(sentences_dropped(copy, source, alignment, ctx, cfg))
    return by_severity(out)


def by_severity(changes: list[Change]) -> tuple[Change, ...]:
    """Changes ordered by severity, then position: the headline first, then the copy's order
    (a change with no copy words, a detail dropped, stands where its pair stands)."""
    keyed = []
    where = -1
    for k, c in enumerate(changes):
        span = c.copy_span
        if span is not None and span.field != "title":
            where = span.start
        headline = span is not None and span.field == "title"
        keyed.append((RANK[Severity(c.severity)], not headline, where, k, c))
    return tuple(item[-1] for item in sorted(keyed, key=lambda x: x[:4]))


def compare_pair(
    copy: Article, source: Article, pair: SentencePair, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    """The changes of one aligned pair: every detector of the list, in its order."""
    f = Findings(Side(copy, pair.copy), Side(source, pair.source), ctx, cfg)
    for detector in PAIR_DETECTORS:
        detector(f)
    return f.items


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


def _with_fragments(
    article: Article, spans: tuple[Span, ...], loose: tuple[Span, ...], gap: int
) -> tuple[Span, ...]:
    """A pair's spans with the unpaired pieces of the same sentences next to them.

    The aligner may cut a long sentence into pieces and pair only some: "…malicious code," is
    paired, "enabling them to access … agencies." is left over. The leftover piece is part of
    what the source said in that sentence, so it is compared too."""
    out = sorted(spans, key=lambda s: (s.field, s.index, s.start))
    grown = True
    while grown:
        grown = False
        for piece in loose:
            if piece in out or piece.field != out[0].field or piece.index != out[0].index:
                continue
            text = article.field_text(piece.field, piece.index)
            first, last = out[0], out[-1]
            after = (
                0 <= piece.start - last.end <= gap
                and "\n" not in text[last.end : piece.start]
                and not _SENTENCE_END.search(text[last.start : last.end])
            )
            before = (
                0 <= first.start - piece.end <= gap
                and "\n" not in text[piece.end : first.start]
                and not _SENTENCE_END.search(text[piece.start : piece.end])
            )
            if after or before:
                out = sorted([*out, piece], key=lambda s: s.start)
                grown = True
    return tuple(out)
