"""What every report of a comparison shows, computed once: rows in reading order, the
verdict in words, and word-level differences inside a pair.

The report modules (terminal, json, html) only lay these out; ``check`` and the change
detector reuse them for their own reports.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unspun.model import (
    Alignment,
    AlignmentSummary,
    Article,
    Change,
    Label,
    SentencePair,
    Span,
)

if TYPE_CHECKING:
    from unspun.pipeline.check import SourceMatch

# Reading order of an article's fields: the headline, then the body, then captions.
_FIELD_ORDER = {"title": 0, "body": 1, "caption": 2}
_WORD = re.compile(r"\S+")
_STRIP = re.compile(r"^[\W_]+|[\W_]+$")


def span_key(span: Span) -> tuple[int, int, int, int]:
    """Sort key putting spans in reading order: title, body, captions; then by offset."""
    return (_FIELD_ORDER.get(span.field, 3), span.index, span.start, span.end)


def span_text(article: Article, span: Span) -> str:
    """The characters a span covers."""
    return article.field_text(span.field, span.index)[span.start : span.end]


def spans_text(article: Article, spans: Iterable[Span]) -> str:
    """The texts of several spans, joined by a space."""
    return " ".join(span_text(article, s).strip() for s in spans)


@dataclass(frozen=True, slots=True)
class CopyRow:
    """One unit of the copy in reading order: an aligned pair, or a sentence with no source."""

    number: int  # 1-based position in the copy's reading order
    label: Label
    copy: tuple[Span, ...]
    source: tuple[Span, ...]  # empty for a new sentence
    pair: SentencePair | None  # None for a new sentence


def copy_rows(alignment: Alignment) -> list[CopyRow]:
    """Every copy unit (pairs and new sentences) in the copy's reading order."""
    units: list[tuple[tuple[int, int, int, int], SentencePair | Span]] = []
    for pair in alignment.pairs:
        first = min(pair.copy, key=span_key) if pair.copy else Span("body", 0, 0)
        units.append((span_key(first), pair))
    units.extend((span_key(span), span) for span in alignment.new)
    units.sort(key=lambda unit: unit[0])
    rows = []
    for number, (_, unit) in enumerate(units, start=1):
        if isinstance(unit, SentencePair):
            rows.append(CopyRow(number, unit.label, unit.copy, unit.source, unit))
        else:
            rows.append(CopyRow(number, Label.NEW, (unit,), (), None))
    return rows


def dropped_spans(alignment: Alignment) -> list[Span]:
    """The source sentences the copy does not use, in the source's reading order."""
    return sorted(alignment.dropped, key=span_key)


def verdict(summary: AlignmentSummary) -> str:
    """The engine's judgement in a few words."""
    if summary.outcome == "same event":
        return (
            "the same event reported independently: shared facts or quotes, but none of the "
            "source's narration in order"
        )
    if not summary.reuse:
        return "unrelated: no sentence of the copy's body matches the source"
    mostly_reworded = summary.paraphrase_share > summary.verbatim_share
    if summary.copy_share >= 0.8:
        whole = "spun copy: the source reworded" if mostly_reworded else "verbatim copy"
        words = f"{whole} (the source explains {pct(summary.copy_share)} of the copy)"
        if summary.source_share < 0.6:
            words += f"; only {pct(summary.source_share)} of the source used (cut short)"
        return words
    how = "mostly reworded" if mostly_reworded else "mostly word for word"
    return f"partly derived from the source, {how} ({pct(summary.copy_share)} of the copy)"


def pct(share: float) -> str:
    """A share as a whole percentage: 0.625 -> '62%'."""
    return f"{round(100 * share)}%"


def listed_sources(matches: Sequence[SourceMatch]) -> tuple[list[SourceMatch], int]:
    """The aligned candidates a check report lists, and how many it folds away: the related
    ones that explain nothing of the article (they would read "related 0%")."""
    listed = [m for m in matches if m.reuse or pct(m.share) != "0%"]
    return listed, len(matches) - len(listed)


def folded_line(folded: int) -> str:
    """The one line said instead of the folded candidates ('' when none were folded)."""
    if not folded:
        return ""
    return f"and {folded} related candidate{'s' if folded > 1 else ''} without reuse"


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a span's text: offsets inside the field, and whether the partner lacks it."""

    start: int  # offset in the field
    end: int
    changed: bool


def _words(article: Article, spans: Iterable[Span]) -> list[tuple[int, int, str, Span]]:
    out = []
    for span in spans:
        text = article.field_text(span.field, span.index)[span.start : span.end]
        for m in _WORD.finditer(text):
            norm = _STRIP.sub("", m.group().lower().replace("’", "'"))
            out.append((span.start + m.start(), span.start + m.end(), norm or m.group(), span))
    return out


def word_diff(
    copy: Article, source: Article, pair: SentencePair
) -> tuple[dict[Span, list[Word]], dict[Span, list[Word]]]:
    """Words of each copy span and each source span of a pair, marked where they differ.

    Words compare case-insensitively, ignoring punctuation around them; a copy word is
    ``changed`` when the source has no counterpart for it, and a source word when the copy
    dropped or replaced it.
    """
    cw = _words(copy, pair.copy)
    sw = _words(source, pair.source)
    matcher = difflib.SequenceMatcher(a=[w[2] for w in sw], b=[w[2] for w in cw], autojunk=False)
    s_changed = [True] * len(sw)
    c_changed = [True] * len(cw)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            s_changed[block.a + k] = False
            c_changed[block.b + k] = False
    return _group(cw, c_changed), _group(sw, s_changed)


def _group(words: list[tuple[int, int, str, Span]], changed: list[bool]) -> dict[Span, list[Word]]:
    grouped: dict[Span, list[Word]] = {}
    for (start, end, _, span), flag in zip(words, changed, strict=True):
        grouped.setdefault(span, []).append(Word(start, end, flag))
    return grouped


def diff_ops(copy_text: str, source_text: str) -> list[tuple[str, str]]:
    """An inline word diff from source to copy: (op, text) with op in 'same', 'del', 'ins'."""
    src = source_text.split()
    cpy = copy_text.split()
    norm_src = [_STRIP.sub("", w.lower().replace("’", "'")) or w for w in src]
    norm_cpy = [_STRIP.sub("", w.lower().replace("’", "'")) or w for w in cpy]
    matcher = difflib.SequenceMatcher(a=norm_src, b=norm_cpy, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(cpy[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("del", " ".join(src[i1:i2])))
        if j2 > j1:
            ops.append(("ins", " ".join(cpy[j1:j2])))
    return ops


SEVERITIES = ("high", "medium", "low")


def changes_in_order(changes: Iterable[Change]) -> list[Change]:
    """Changes in the copy's reading order (headline first); source-only ones by source order."""

    def key(change: Change) -> tuple:
        span = change.copy_span or change.source_span
        side = 0 if change.copy_span is not None else 1
        return (span_key(span) if span else (9, 0, 0, 0), side)

    return sorted(changes, key=key)


def change_counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many changes of each severity: {"high": n, "medium": n, "low": n}."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for change in changes:
        counts[change.severity] = counts.get(change.severity, 0) + 1
    return counts
