"""The source sentences a headline is checked against.

A headline compresses the story into a few words; the sentences of the source that share most
of its content words (names count double) are where its claim must be supported, and they
travel with every headline change as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.align.sentences import split_sentences
from unspun.changes import entities as ent
from unspun.changes.normalize import Word, words
from unspun.model import Article, Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the source (its title counts as one) with its words."""

    span: Span
    text: str
    words: tuple[Word, ...]

    def norms(self) -> set[str]:
        return {w.norm for w in self.words}


def source_sentences(source: Article) -> list[Sentence]:
    out = []
    if source.title.strip():
        out.append(
            Sentence(Span("title", 0, len(source.title)), source.title, tuple(words(source.title)))
        )
    for start, end in split_sentences(source.text):
        text = source.text[start:end]
        out.append(Sentence(Span("body", start, end), text, tuple(words(text, start))))
    return out


def supporting(
    head: list[Word], sentences: list[Sentence], vocab: set[str], most: int
) -> list[Sentence]:
    """The ``most`` sentences sharing most of the headline's content words, best first."""
    weight = {w.norm: 2 if ent.is_name(w, vocab) else 1 for w in head if w.content}
    scored = []
    for k, s in enumerate(sentences):
        score = sum(weight[n] for n in s.norms() & weight.keys())
        if score:
            scored.append((-score, k, s))
    return [s for _, _, s in sorted(scored, key=lambda x: (x[0], x[1]))[:most]]
