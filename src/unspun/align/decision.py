"""The document-level judgement: is this reuse, the same event reported independently, or
nothing at all?

One similar sentence proves nothing: two agencies covering one press conference quote the same
speaker and state the same facts. What reuse leaves, and independent reporting does not, is
*shared narration in the same order*: the reporter's own sentences (not the words between
quotation marks) matched one after another, in the same order on both sides, over a good share
of the shorter text (a republication, a spun copy, an update) or over a long passage of it (a
page that borrows a few paragraphs). A single long narration sentence copied word for word
counts too: independent reporters do not write the same sentence.

- ``reuse``: pairs of narration in order (two or more in a run, each weighed by its
  strength, or one long sentence copied word for word) cover ``cfg.reuse_share`` of the
  shorter text, or one run of ``cfg.passage_pairs`` narration pairs (a passage reworded
  throughout) covers ``cfg.passage_chars`` characters, or ``cfg.verbatim_chars`` of
  narration are copied word for word;
- ``reuse`` too: sentences that show reuse one by one, in two texts that open on different
  subjects (a passage lifted into an unrelated text; nothing else explains it). Two reports
  of one event name the same people and places up top, and share facts and quotes sentence
  by sentence: for them, only ordered narration is reuse;
- ``same event``: some body sentences align (facts, quotes), but not that;
- ``unrelated``: no body sentence aligns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from unspun.align.config import AlignConfig
from unspun.lexicon import name_stems
from unspun.model import Label, SentencePair, Span

REUSE = "reuse"
SAME_EVENT = "same event"
UNRELATED = "unrelated"

# A quotation: in double quotes, or in single quotes (an apostrophe inside a word,
# "president's", does not close it).
_QUOTE = re.compile(r"[“\"][^”\"]{4,}[”\"]|(?<![\w'’])['‘](?:[^'’]|['’](?=\w))+?['’](?![\w'’])")
_VERBATIM = (Label.VERBATIM, Label.NEAR_VERBATIM)


def quoted_share(text: str) -> float:
    """The share of ``text`` inside quotation marks."""
    quoted = sum(len(m.group()) for m in _QUOTE.finditer(text))
    return quoted / len(text) if text else 0.0


def narration(pair: SentencePair, texts: Mapping[Span, str], cfg: AlignConfig) -> bool:
    """A body pair whose copy side is the reporter's own words, not mostly a quotation."""
    if pair.copy[0].field != "body":
        return False
    text = " ".join(texts.get(s, "") for s in pair.copy)
    return quoted_share(text) < cfg.quote_share


def ordered_runs(pairs: Sequence[SentencePair]) -> list[list[SentencePair]]:
    """Maximal runs of pairs, in the copy's order, whose source sentences also follow one
    another in order."""
    runs: list[list[SentencePair]] = []
    for pair in sorted(pairs, key=lambda p: p.copy[0].start):
        if runs and pair.source[0].start > runs[-1][-1].source[0].start:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def decide(
    pairs: Sequence[SentencePair],
    copy_units: Sequence[tuple[Span, str]],
    source_units: Sequence[tuple[Span, str]],
    evident: bool,
    cfg: AlignConfig,
) -> str:
    """``reuse``, ``same event`` or ``unrelated`` for an alignment (see the module's text).

    ``copy_units`` and ``source_units`` are the two texts' sentences (span, text);
    ``evident`` says whether the pairs, sentence by sentence, show reuse at all.
    """
    body = [p for p in pairs if p.copy[0].field == "body"]
    if not body:
        return UNRELATED
    if _ordered_narration(body, copy_units, source_units, cfg):
        return REUSE
    if evident and not same_subject(copy_units, source_units, cfg):
        return REUSE  # a passage set in an otherwise unrelated text: nothing else explains it
    return SAME_EVENT


def same_subject(
    copy_units: Sequence[tuple[Span, str]],
    source_units: Sequence[tuple[Span, str]],
    cfg: AlignConfig,
) -> bool:
    """Whether the two texts open on the same subject: their headlines and first sentences
    share ``cfg.subject_share`` of their names (Jaccard). Two reports of one event name the
    same people and places up top; a text a passage was lifted into is about something else.
    """
    a, b = _head_names(copy_units, cfg), _head_names(source_units, cfg)
    return bool(a and b) and len(a & b) / len(a | b) >= cfg.subject_share


def _head_names(units: Sequence[tuple[Span, str]], cfg: AlignConfig) -> set[str]:
    head, size = [], 0
    for span, text in units:
        if span.field == "title" or (span.field == "body" and size < cfg.subject_chars):
            head.append(text)
            size += len(text) if span.field == "body" else 0
    return name_stems("\n".join(head))


def _ordered_narration(
    body: Sequence[SentencePair],
    copy_units: Sequence[tuple[Span, str]],
    source_units: Sequence[tuple[Span, str]],
    cfg: AlignConfig,
) -> bool:
    """Whether narration matched in order covers enough of the shorter text, or a passage."""
    texts = dict(copy_units)
    copy_chars = sum(len(span) for span, _ in copy_units if span.field == "body")
    source_chars = sum(len(span) for span, _ in source_units if span.field == "body")
    told = [p for p in body if narration(p, texts, cfg)]
    shorter_is_copy = copy_chars <= source_chars
    shorter = max(1, min(copy_chars, source_chars))

    def size(pair: SentencePair) -> int:
        return sum(len(s) for s in (pair.copy if shorter_is_copy else pair.source))

    if sum(size(p) for p in told if p.label in _VERBATIM) >= cfg.verbatim_chars:
        return True  # independent reporters do not write the same sentences
    for run in ordered_runs(told):
        if len(run) >= cfg.passage_pairs and sum(size(p) for p in run) >= cfg.passage_chars:
            return True
    ordered = 0.0  # characters in runs, each weighed by its pair's strength
    for run in ordered_runs(told):
        if len(run) >= 2:
            ordered += sum(size(p) * p.score for p in run)
        else:
            ordered += sum(size(p) for p in run if _long_verbatim(p, cfg))
    return ordered / shorter >= cfg.reuse_share


def _long_verbatim(pair: SentencePair, cfg: AlignConfig) -> bool:
    return pair.label in _VERBATIM and sum(len(s) for s in pair.copy) >= cfg.verbatim_chars


__all__ = ["REUSE", "SAME_EVENT", "UNRELATED", "decide", "ordered_runs", "quoted_share"]
