"""What the detectors look at: one side of a pair, the whole of both articles, and the
findings of one pair so far.

:class:`Side` is the text region one side of an aligned pair covers, with its normalised words
(a dateline skipped); :class:`Context` is what each whole article says, for "is this anywhere
in the other text?"; :class:`Findings` collects one pair's changes, refusing a finding that
overlaps an earlier one on either side, so the detector list runs most specific first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from unspun.changes import entities as ent
from unspun.changes.config import ChangeConfig
from unspun.changes.kinds import SEVERITY, ChangeKind
from unspun.changes.normalize import Word, words
from unspun.changes.numbers import Mention, dates, numbers
from unspun.lexicon import DATELINE_PREFIX
from unspun.model import Article, Change, Span


@dataclass
class Side:
    """One side of a pair: the text region it covers and its words."""

    article: Article
    spans: tuple[Span, ...]
    text: str = ""
    offset: int = 0
    words: list[Word] = field(default_factory=list)

    def __post_init__(self) -> None:
        first, last = self.spans[0], self.spans[-1]
        same = all(s.field == first.field and s.index == first.index for s in self.spans)
        end = last.end if same else first.end
        full = self.article.field_text(first.field, first.index)
        self.offset = first.start
        self.text = full[first.start : end]
        skip = 0
        m = DATELINE_PREFIX.match(self.text)
        if m and first.field == "body" and m.end() < len(self.text) // 2:
            skip = m.end()
        kept = [w for w in words(self.text, self.offset) if w.start >= self.offset + skip]
        self.words = [replace(w, position=k) for k, w in enumerate(kept)]

    @property
    def field(self) -> str:
        return self.spans[0].field

    def span(self, start: int, end: int) -> Span:
        return Span(self.spans[0].field, start, end, self.spans[0].index)

    def chars(self, start: int, end: int) -> str:
        return self.text[start - self.offset : end - self.offset]

    def norms(self) -> set[str]:
        return {w.norm for w in self.words}

    def first(self) -> int:
        """Where the side's own words start (after a dateline)."""
        return self.words[0].start if self.words else self.offset


@dataclass
class Context:
    """What the whole of each article says, for 'is this anywhere in the other text?'."""

    vocab: set[str]
    source_norms: set[str]
    copy_norms: set[str]
    source_names: set[str]
    copy_names: set[str]
    source_numbers: set[str]
    copy_numbers: set[str]
    source_dates: list[Mention]
    copy_dates: list[Mention]
    source_roles: dict[str, list[ent.Title]]  # a person's titles in the source, by last name


def build_context(copy: Article, source: Article) -> Context:
    vocab = ent.proper_vocabulary(
        [
            copy.text,
            source.text,
            *(c.text for c in copy.captions),
            *(c.text for c in source.captions),
        ]
    )
    s_text = source.title + "\n\n" + source.text
    c_text = copy.title + "\n\n" + copy.text
    s_words, c_words = words(s_text), words(c_text)
    s_dates, c_dates = dates(s_text), dates(c_text)
    roles: dict[str, list[ent.Title]] = {}
    for t in ent.titles(s_text):
        if t.person:
            roles.setdefault(t.person, []).append(t)
    return Context(
        vocab,
        {w.norm for w in s_words},
        {w.norm for w in c_words},
        {ent.name_key(w) for w in s_words if ent.is_name(w, vocab)},
        {ent.name_key(w) for w in c_words if ent.is_name(w, vocab)},
        {n.value for n in numbers(s_text, 0, s_dates)},
        {n.value for n in numbers(c_text, 0, c_dates)},
        s_dates,
        c_dates,
        roles,
    )


class Findings:
    """Changes of one pair, refusing a finding that overlaps an earlier one on either side.

    A detector reads the pair (``c``, ``s``), the whole articles (``ctx``) and the settings
    (``cfg``) from here, and reports with :meth:`add`."""

    def __init__(self, c: Side, s: Side, ctx: Context, cfg: ChangeConfig) -> None:
        self.c, self.s = c, s
        self.ctx, self.cfg = ctx, cfg
        self.items: list[Change] = []
        self.c_taken: list[tuple[int, int]] = []
        self.s_taken: list[tuple[int, int]] = []
        self.evidence = (c.text.strip(), s.text.strip())
        self.c_dates = dates(c.text, c.offset)
        self.s_dates = dates(s.text, s.offset)

    def add(
        self, kind: ChangeKind, cr: tuple[int, int] | None, sr: tuple[int, int] | None, why: str
    ) -> bool:
        if (cr and overlaps(cr, self.c_taken)) or (sr and overlaps(sr, self.s_taken)):
            return False
        self.items.append(
            Change(
                kind=kind.value,
                severity=SEVERITY[kind].value,
                copy_span=self.c.span(*cr) if cr else None,
                source_span=self.s.span(*sr) if sr else None,
                copy_text=self.c.chars(*cr) if cr else "",
                source_text=self.s.chars(*sr) if sr else "",
                evidence=self.evidence,
                explanation=why,
            )
        )
        if cr:
            self.c_taken.append(cr)
        if sr:
            self.s_taken.append(sr)
        return True


def overlaps(r: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(r[0] < b and a < r[1] for a, b in taken)
