"""Sentence splitting for news text: character spans, never rewritten text.

nupunkt (an unsupervised Punkt model trained on legal and news text) does the work; it already
keeps abbreviations such as "U.S.", "Jan. 20", "a.m." and "Mr." inside their sentence and a
dateline ("WASHINGTON (AP) —") with the sentence it opens. Two fixes on top of it:

* blank lines always end a sentence (paragraphs are never merged);
* a full stop glued to the next sentence ("in 2011.The talks") is a boundary, as it is in
  captions and in text pasted from web pages.

Spans exclude surrounding whitespace, so ``text[start:end]`` is the sentence itself.
"""

from __future__ import annotations

import itertools
import re

import nupunkt

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# "2011.The", "said.But", "over.”The": a lower-case letter or digit, an end mark, an optional
# closing quote, then a capitalised word with no space in between.
_GLUED = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z][a-z])|(?<=[a-z0-9][.!?][\"”’)])(?=[A-Z][a-z])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` character spans, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_split_block(text, pos, brk.start()))
        pos = brk.end()
    spans.extend(_split_block(text, pos, len(text)))
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    if not block.strip():
        return []
    out: list[tuple[int, int]] = []
    for s, e in nupunkt.sent_spans(block):
        for gs, ge in _split_glued(block, s, e):
            span = _strip(text, start + gs, start + ge)
            if span:
                out.append(span)
    return out


def _split_glued(block: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start + m.start() for m in _GLUED.finditer(block[start:end])]
    bounds = [start, *cuts, end]
    return list(itertools.pairwise(bounds))


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
