"""Core records: small frozen dataclasses that every stage takes and returns.

They hold plain values only (str, int, float, tuples of records), so they pickle cheaply into
worker processes (the Spark batch path) and serialise to JSON without custom code.

Text coordinates
----------------
An :class:`Article` keeps three texts apart: its ``title``, its clean ``text`` (the body, with
paragraphs separated by a blank line) and its ``captions``. A :class:`Span` names one of these
*fields* and a character range inside it. Where the article was read from plain text or HTML,
each paragraph, the title and each caption also records ``origin``: the offset of its first
character in the decoded input (for HTML, in the extracted text), so a span can be reported in
the coordinates of the file the user gave (see :meth:`Article.origin_offset`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Field = Literal["title", "body", "caption"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of :attr:`Article.text`: ``text[start:end]``.

    ``origin`` is the offset of the same characters in the decoded input, or -1 when the
    paragraph cannot be traced back character for character (e.g. text rebuilt from HTML).
    """

    start: int
    end: int
    origin: int = -1


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo or video caption, kept apart from the body."""

    text: str
    origin: int = -1


@dataclass(frozen=True, slots=True)
class WireCredit:
    """A news agency the article credits, and the words that say so."""

    agency: str  # canonical short name: "AP", "Reuters", "AFP", ...
    evidence: str  # the text that carries the credit, e.g. "WASHINGTON (AP) —"
    where: str  # "dateline", "byline", "copyright", "caption", "credit-line", "metadata"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned and ready for every later stage."""

    id: str  # content hash of title + body + where published (see content_id)
    text: str  # clean body text, paragraphs separated by "\n\n"
    title: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    captions: tuple[Caption, ...] = ()
    url: str = ""
    site: str = ""
    byline: str = ""
    published: str = ""  # ISO 8601 date or datetime, "" when unknown
    fetched: str = ""  # when it was scraped, if the input says so
    language: str = ""
    credits: tuple[WireCredit, ...] = ()
    boilerplate: tuple[str, ...] = ()  # lines removed as boilerplate, kept for audit
    format: str = ""  # "text", "html", "csv", "jsonl", "warc"
    raw_hash: str = ""  # sha256 of the raw input bytes (or row) this article came from
    origin: str = ""  # where it was read from: a path, "path#row", "path@offset", "<stdin>"
    external_id: str = ""  # the input's own id for it (a CSV id column, a WARC record id)
    title_origin: int = -1

    @property
    def wire(self) -> tuple[str, ...]:
        """The agencies credited, each once, in order of first mention."""
        return tuple(dict.fromkeys(c.agency for c in self.credits))

    def field_text(self, name: Field, index: int = 0) -> str:
        """The text of one field: the title, the body, or caption ``index``."""
        if name == "title":
            return self.title
        if name == "body":
            return self.text
        return self.captions[index].text

    def origin_offset(self, span: Span) -> int:
        """Where ``span.start`` lies in the decoded input, or -1 if it cannot be traced."""
        if span.field == "title":
            return self.title_origin + span.start if self.title_origin >= 0 else -1
        if span.field == "caption":
            cap = self.captions[span.index]
            return cap.origin + span.start if cap.origin >= 0 else -1
        for para in self.paragraphs:
            if para.start <= span.start < para.end or span.start == para.end:
                if para.origin < 0:
                    return -1
                return para.origin + span.start - para.start
        return -1


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read, with the reason; batch readers yield it and go on."""

    origin: str
    reason: str
    kind: str = "input"  # the InputError kind: "empty", "unsupported", "too-large", ...


@dataclass(frozen=True, slots=True)
class Span:
    """A character range in one field of an article (``caption`` fields carry an index)."""

    field: Field
    start: int
    end: int
    index: int = 0

    def __len__(self) -> int:
        return self.end - self.start


class Label(StrEnum):
    """How a copy sentence relates to the source."""

    VERBATIM = "verbatim"  # identical after normalising case, quotes and whitespace
    NEAR_VERBATIM = "near-verbatim"  # small edits
    PARAPHRASE = "paraphrase"  # same content, reworded
    NEW = "new"  # copy sentence with no source
    DROPPED = "dropped"  # source sentence the copy does not use


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two sentences were matched: the signals the matcher combined."""

    containment: float = 0.0  # share of the copy's word n-grams found in the source
    jaccard: float = 0.0  # word-set Jaccard similarity
    rare_shared: float = 0.0  # idf-weighted share of rare words in common
    names_numbers: float = 0.0  # share of names and numbers in common
    cosine: float | None = None  # embedding similarity; None without a model or when word
    # evidence alone settled the pair (it was not embedded)


@dataclass(frozen=True, slots=True)
class SentencePair:
    """One or more consecutive copy sentences matched to one or more source sentences."""

    copy: tuple[Span, ...]
    source: tuple[Span, ...]
    label: Label
    score: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AlignmentSummary:
    copy_share: float  # share of the copy's characters explained by the source
    source_share: float  # share of the source's characters reused by the copy
    verbatim_share: float  # share of the copy's characters copied verbatim or near-verbatim
    paraphrase_share: float  # share of the copy's characters that paraphrase the source
    reuse: bool  # the engine's judgement: does the copy reuse the source?
    # ... in one of three words: "reuse", "same event" (sentences align, but no narration
    # is shared in order: an independent report), "unrelated" (no body sentence aligns)
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentence-by-sentence alignment of a copy with a candidate source."""

    copy_id: str
    source_id: str
    pairs: tuple[SentencePair, ...]
    new: tuple[Span, ...]  # copy sentences with no source
    dropped: tuple[Span, ...]  # source sentences the copy does not use
    summary: AlignmentSummary


@dataclass(frozen=True, slots=True)
class Change:
    """One place where a copy departs from its source (see :mod:`unspun.changes`).

    ``kind`` says what changed ("entity changed", "number changed", "detail added", ...),
    ``severity`` how much it matters: "high" (the copy contradicts the source), "medium" (it
    adds what the source does not support) or "low" (it leaves out a detail). The spans point at
    the changed words on each side (None where one side has nothing); ``evidence`` holds the
    copy sentence(s) and the source sentence(s) compared.
    """

    kind: str
    severity: str
    copy_span: Span | None
    source_span: Span | None
    copy_text: str
    source_text: str
    evidence: tuple[str, ...]
    explanation: str


def normalize_for_hash(text: str) -> str:
    """Unicode NFC, whitespace collapsed: two inputs differing only there get one id."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_id(title: str, text: str, *where: str) -> str:
    """The stable id of an article: a hash of its normalised title and body (16 hex digits).

    ``where`` names the publication (site, url, the input's own id): the same wire story
    published by two sites is two articles (an exact-duplicate family), while the same
    input read twice gets the same id and is stored once.
    """
    digest = hashlib.sha256()
    digest.update(normalize_for_hash(title).encode())
    digest.update(b"\x00")
    digest.update(normalize_for_hash(text).encode())
    if any(where):
        for part in where:
            digest.update(b"\x01" + part.encode())
    return digest.hexdigest()[:16]


def raw_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def paragraphs_of(text: str) -> tuple[Paragraph, ...]:
    """Paragraph spans of a body whose paragraphs are separated by blank lines (no origin)."""
    spans = []
    pos = 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            spans.append(Paragraph(pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return tuple(spans)


__all__ = [
    "Alignment",
    "AlignmentSummary",
    "Article",
    "Caption",
    "Change",
    "Evidence",
    "Field",
    "Label",
    "Paragraph",
    "Rejected",
    "SentencePair",
    "Span",
    "WireCredit",
    "content_id",
    "normalize_for_hash",
    "paragraphs_of",
    "raw_hash",
]
