"""Cross-article boilerplate: paragraphs that recur across many *different* articles of one site.

A page template repeats its lines ("Click Here to comment on this article", a copyright notice,
a subscription pitch) under every story of a site. The library counts, per site, how many
articles hold each paragraph (see :class:`unspun.store.sqlite.SqliteStore`); these functions
are the pure parts of that work: the key of a line, a small sketch of an article's wording, and
the cleaning of an article once some of its lines are known to be boilerplate, and the rules
of this version applied to an article an earlier version stored (:func:`reclean_article`).

Two traps the rules avoid:

- a wire story republished by many sites is not boilerplate: lines are counted per site;
- a site that runs several versions of one story (updated through the day) repeats its
  paragraphs in each version: only holders that are *different stories* count, judged by
  the containment of their sampled word 5-grams (:func:`same_story`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from array import array
from collections.abc import Iterable

import numpy as np

from unspun.extract.clean import boilerplate_reason, recheck_title
from unspun.model import Article, Paragraph, normalize_for_hash, paragraphs_of

SHINGLE = 5  # words per shingle
SAMPLE = 4  # keep shingles whose hash is divisible by this (a fixed-rate sample)
MIN_SKETCH = 3  # sketches smaller than this are too short to call two articles one story
SAME_STORY = 0.5  # containment at or above which two articles are versions of one story
RELATED = 0.1  # containment at or above which two articles share more than furniture


def line_key(text: str) -> int:
    """A signed 64-bit key of a line's normalised text (SQLite INTEGER)."""
    digest = hashlib.blake2b(normalize_for_hash(text).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def body_paragraphs(article: Article) -> tuple[Paragraph, ...]:
    """The article's paragraph spans, derived from the text when the reader gave none."""
    return article.paragraphs or paragraphs_of(article.text)


def paragraph_keys(article: Article) -> list[int]:
    """The line key of each body paragraph, in order."""
    return [line_key(article.text[p.start : p.end]) for p in body_paragraphs(article)]


def sketch(article: Article) -> frozenset[int]:
    """A fixed-rate sample of the body's word 5-gram hashes (shingles never cross paragraphs).

    Sampling by hash value keeps containment estimates fair between a short and a long article.
    """
    hashes: list[int] = []
    paragraph: list[int] = []
    for k, para in enumerate(body_paragraphs(article)):
        before = len(hashes)
        hashes.extend(map(zlib.crc32, article.text[para.start : para.end].lower().encode().split()))
        paragraph.extend([k] * (len(hashes) - before))
    windows = len(hashes) - SHINGLE + 1
    if windows <= 0:
        return frozenset()
    words_h = np.array(hashes, dtype=np.uint64)
    acc = np.zeros(windows, dtype=np.uint64)
    for j in range(SHINGLE):  # a polynomial hash of each window, wrapping at 2**64
        acc = acc * _PRIME + words_h[j : j + windows]
    para_of = np.array(paragraph)
    acc = acc[para_of[:windows] == para_of[SHINGLE - 1 :]]
    acc ^= acc >> np.uint64(31)  # mix the bits before sampling
    acc *= _MIX
    acc ^= acc >> np.uint64(29)
    top = (acc >> np.uint64(32)).astype(np.uint32)
    return frozenset(top[top % SAMPLE == 0].tolist())


_PRIME = np.uint64(1_000_003)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def pack_sketch(values: Iterable[int]) -> bytes:
    return array("I", sorted(values)).tobytes()


def unpack_sketch(data: bytes) -> frozenset[int]:
    values = array("I")
    values.frombytes(data)
    return frozenset(values)


def same_story(a: frozenset[int], b: frozenset[int], at: float = SAME_STORY) -> bool:
    """Whether two sketches look like versions of one story (most of the shorter in the
    longer); with ``at=RELATED``, whether they share anything beyond a line or two."""
    small = min(len(a), len(b))
    if small < MIN_SKETCH:
        return a == b and small > 0
    return len(a & b) / small >= at


def strip_lines(article: Article, keys: set[int], para_keys: list[int] | None = None) -> Article:
    """The article with every body paragraph whose key is in ``keys`` moved to its boilerplate.

    The id stays the one it was added under; the remaining paragraphs keep their origin and get
    new spans. A paragraph is kept when removing it would leave the body empty. ``para_keys``
    (from :func:`paragraph_keys`) saves hashing the paragraphs again.
    """
    paras = body_paragraphs(article)
    text = article.text
    para_keys = para_keys if para_keys is not None else paragraph_keys(article)
    drop = [i for i, key in enumerate(para_keys) if key in keys]
    if not drop or len(drop) == len(paras):
        return article
    dropped = set(drop)
    cuts = []  # character ranges of the old text to leave out
    for first, last in _runs(drop):
        if last + 1 < len(paras):  # the run with the separator after it
            cuts.append((paras[first].start, paras[last + 1].start))
        else:  # the final run with the separator before it
            cuts.append((paras[first - 1].end, paras[last].end))
    new_text = "".join(text[a:b] for a, b in _complement(cuts, len(text)))
    kept = []
    for i, para in enumerate(paras):
        if i not in dropped:
            shift = _cut_before(para.start, cuts)
            kept.append(Paragraph(para.start - shift, para.end - shift, para.origin))
    removed = tuple(text[paras[i].start : paras[i].end] for i in drop)
    return dataclasses.replace(
        article,
        text=new_text,
        paragraphs=tuple(kept),
        boilerplate=article.boilerplate + removed,
    )


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive indices, as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _complement(cuts: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    pieces, cursor = [], 0
    for a, b in cuts:
        pieces.append((cursor, a))
        cursor = b
    pieces.append((cursor, length))
    return pieces


def _cut_before(pos: int, cuts: list[tuple[int, int]]) -> int:
    """How many characters before ``pos`` the cuts leave out."""
    return sum(min(b, pos) - a for a, b in cuts if a < pos)


# -- the rules of this version, applied to what an earlier one stored ---------------------


def strip_furniture(
    article: Article, keys: set[int], para_keys: list[int] | None = None
) -> Article:
    """:func:`strip_lines`, and a title that is known furniture too ("Analysis Interpretation
    of the news…" on every page of a site) goes: a headline heading the body takes its place."""
    stripped = strip_lines(article, keys, para_keys)
    if not stripped.title or line_key(stripped.title) not in keys:
        return stripped
    untitled = dataclasses.replace(
        stripped, title="", title_origin=-1, boilerplate=(stripped.title, *stripped.boilerplate)
    )
    return reclean_article(untitled)


def reclean_article(article: Article) -> Article:
    """An article stored by an earlier version, with this version's rules for the look of
    boilerplate paragraphs and for the headline applied: a stored title that is no headline
    goes (a site name glued to it is cut off), and a leading body paragraph that is the
    headline becomes the title. The id and the paragraphs' origins are kept."""
    paras = body_paragraphs(article)
    texts = [article.text[p.start : p.end] for p in paras]
    drop = {line_key(t) for t in texts if boilerplate_reason(t)}
    cleaned = strip_lines(article, drop) if drop else article
    kept = [t for t in texts if line_key(t) not in drop]
    found = recheck_title(article.title, kept) if article.title else recheck_title("", kept)
    index, a, b = found or (0, 0, 0)
    if index > 0 and len(kept) > 1:  # a body paragraph is the headline
        para = cleaned.paragraphs[index - 1]
        head = cleaned.text[para.start : para.end]
        cleaned = strip_lines(cleaned, {line_key(head)})
        title = head[a:b]
        origin = para.origin + a if para.origin >= 0 else -1
        removed = (article.title,) if article.title else ()
        return dataclasses.replace(
            cleaned,
            title=title,
            title_origin=origin,
            boilerplate=tuple(x for x in cleaned.boilerplate if x != head) + removed,
        )
    if (index, a, b) == (0, 0, len(article.title)):
        return cleaned
    cut = [p.strip(" |•:-–—") for p in (article.title[:a], article.title[b:])]
    return dataclasses.replace(
        cleaned,
        title=article.title[a:b],
        title_origin=article.title_origin + a if b and article.title_origin >= 0 else -1,
        boilerplate=tuple(p for p in cut if p) + cleaned.boilerplate,
    )
