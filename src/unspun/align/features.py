"""Lexical evidence between two sentences: shared word n-grams, rare words, names and numbers.

Words are compared after light normalisation: case folded, typographic quotes made plain,
"U.S." read as "us", possessives dropped and a plural "s" trimmed, so that "the leaders’" and
"the leader" or "U.S." and "US" count as the same word. How rare a word is comes from the pair
itself (idf over the sentences of both texts) with function words weighing nothing.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from unspun.lexicon import FUNCTION_WORDS

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_ABBREV = re.compile(r"\b([A-Za-z])\.([A-Za-z])\.(?:([A-Za-z])\.)?")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,][0-9]+)*")
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")

STOPWORDS = FUNCTION_WORDS  # one list for every stage (unspun.lexicon)


def normalize(text: str) -> str:
    """Case, quotes and whitespace made uniform: the test for a verbatim copy."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Tokens:
    """One sentence prepared for comparison."""

    words: tuple[str, ...]  # every word, normalised and stemmed, in order
    content: frozenset[str]  # words that are not function words
    names: frozenset[str]  # capitalised words not opening the sentence, and numbers
    bigrams: frozenset[tuple[str, str]]


def tokenize(text: str) -> Tokens:
    plain = _POSSESSIVE.sub("", text.translate(_QUOTES))
    plain = _ABBREV.sub(lambda m: "".join(g for g in m.groups() if g), plain)
    raw = _WORD.findall(plain)
    words = tuple(_stem(w.lower()) for w in raw)
    content = frozenset(w for w in words if (w not in STOPWORDS and not w.isdigit()) or _num(w))
    names = frozenset(
        w
        for k, (r, w) in enumerate(zip(raw, words, strict=True))
        if (_num(w) or (k > 0 and r[:1].isupper())) and w not in STOPWORDS
    )
    return Tokens(words, content, names, frozenset(itertools.pairwise(words)))


def _num(word: str) -> bool:
    return word[:1].isdigit()


def idf_weights(sentences: Iterable[Tokens]) -> dict[str, float]:
    """How rare each content word is among the given sentences (idf, at least 0.1)."""
    df: Counter[str] = Counter()
    n = 0
    for tokens in sentences:
        df.update(tokens.content)
        n += 1
    return {w: max(0.1, math.log((n + 1) / c)) for w, c in df.items()}


def weight(words: Iterable[str], idf: dict[str, float]) -> float:
    return sum(idf.get(w, 0.1) for w in words)


@dataclass(frozen=True, slots=True)
class PairFeatures:
    containment: float  # share of the copy's word bigrams found in the source
    containment_back: float  # share of the source's word bigrams found in the copy
    jaccard: float  # content-word Jaccard
    rare_shared: float  # idf-weighted overlap: shared / sqrt(copy * source)
    rare_cover: float  # idf-weighted share of the copy's words found in the source
    names_numbers: float  # Dice of names and numbers (1.0 when neither has any)
    names_missing: int  # names and numbers of the copy absent from the source
    longest_run: int = 0  # most consecutive words the two share (counted when bigrams overlap)
    copy_words: int = 0  # words in the copy sentence
    rest_shared: float = 0.0  # rare_shared of the words outside that run, on both sides


def pair_features(a: Tokens, b: Tokens, idf: dict[str, float]) -> PairFeatures:
    shared = a.content & b.content
    common_bigrams = len(a.bigrams & b.bigrams)
    union = a.content | b.content
    wa, wb, ws = weight(a.content, idf), weight(b.content, idf), weight(shared, idf)
    names = a.names | b.names
    run, rest = _run_and_rest(a, b, idf) if common_bigrams >= 4 else (0, 0.0)
    return PairFeatures(
        containment=common_bigrams / len(a.bigrams) if a.bigrams else 0.0,
        containment_back=common_bigrams / len(b.bigrams) if b.bigrams else 0.0,
        jaccard=len(shared) / len(union) if union else 0.0,
        rare_shared=ws / math.sqrt(wa * wb) if wa and wb else 0.0,
        rare_cover=ws / wa if wa else 0.0,
        names_numbers=2 * len(a.names & b.names) / (len(a.names) + len(b.names)) if names else 1.0,
        names_missing=len(a.names - b.names),
        longest_run=run,
        copy_words=len(a.words),
        rest_shared=rest,
    )


def _run_and_rest(a: Tokens, b: Tokens, idf: dict[str, float]) -> tuple[int, float]:
    """The longest run of words the two share, and how much the rest of them shares: the
    idf-weighted overlap of the content words outside the run."""
    match = SequenceMatcher(None, a.words, b.words, autojunk=False).find_longest_match(
        0, len(a.words), 0, len(b.words)
    )
    rest_a = set(a.words[: match.a] + a.words[match.a + match.size :]) & a.content
    rest_b = set(b.words[: match.b] + b.words[match.b + match.size :]) & b.content
    wa, wb = weight(rest_a, idf), weight(rest_b, idf)
    rest = weight(rest_a & rest_b, idf) / math.sqrt(wa * wb) if wa and wb else 0.0
    return match.size, rest


def merge(tokens: Iterable[Tokens]) -> Tokens:
    """Several consecutive sentences read as one."""
    parts = list(tokens)
    words = tuple(w for t in parts for w in t.words)
    return Tokens(
        words,
        frozenset().union(*(t.content for t in parts)),
        frozenset().union(*(t.names for t in parts)),
        frozenset().union(*(t.bigrams for t in parts)),
    )
