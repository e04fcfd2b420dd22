"""Word n-gram shingles, hashed to 64 bits, and containment between shingle sets.

Hashes are stable across processes and machines (blake2b of each word, combined with a
polynomial and a splitmix64 finaliser), so they can be stored. ``sample`` keeps only the
shingles whose hash is 0 modulo ``sample``: the choice depends on the shingle alone, so two
texts keep the same subset of the shingles they share, and containment estimated on the
samples is unbiased (Broder's "mod-m" sketch). Unlike a fixed-size MinHash sketch, a mod-m
sample grows with the text, which is what lets a short copy inside a long page be found.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

WORD = re.compile(r"\w+")
_PRIME = np.uint64(0x100000001B3)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, underscore runs)."""
    return WORD.findall(text.lower())


@lru_cache(maxsize=1 << 18)
def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def _mix(h: np.ndarray) -> np.ndarray:
    h = (h ^ (h >> np.uint64(30))) * _M1
    h = (h ^ (h >> np.uint64(27))) * _M2
    return h ^ (h >> np.uint64(31))


def shingle_array(tokens: list[str], n: int) -> np.ndarray:
    """The hash of every window of ``n`` consecutive tokens, in text order (uint64)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    t = np.fromiter((word_hash(w) for w in tokens), dtype=np.uint64, count=len(tokens))
    n = min(n, len(t))
    width = len(t) - n + 1
    h = np.zeros(width, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(n):
            h = h * _PRIME + t[i : i + width]
        return _mix(h)


def shingle_hashes(text: str, n: int, sample: int = 1) -> np.ndarray:
    """The distinct sampled shingle hashes of ``text`` (sorted uint64)."""
    h = shingle_array(words(text), n)
    if sample > 1:
        h = h[h % np.uint64(sample) == 0]
    return np.unique(h)


def as_signed(h: np.ndarray) -> np.ndarray:
    """uint64 hashes as the int64 values SQLite stores."""
    return h.view(np.int64)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """The share of ``a``'s shingles that ``b`` holds: |a ∩ b| / |a| (0 for an empty ``a``)."""
    if len(a) == 0:
        return 0.0
    return float(len(np.intersect1d(a, b, assume_unique=True)) / len(a))


def overlap(shared: int, a: int, b: int, floor: int = 1) -> float:
    """Containment of the smaller set in the larger: shared / min(|a|, |b|).

    This is the score of the shingle retriever: it is high both when the query is a short or
    truncated copy of a library article and when a library article is copied inside a longer
    query page. ``floor`` keeps a one-shingle stub from scoring 1 on a single shared shingle.
    """
    return shared / max(min(a, b), floor)
