"""Sentence vectors for paraphrase retrieval: which sentences, a cache, and exact search.

Each article contributes a few sentences (its title, its lede, and an even sample of the rest:
``cfg.vector_sentences`` in all), stored as float16 BLOBs in ``idx_vectors``. They are
embedded with the static embedding distilled from MiniLM (:mod:`unspun.retrieve.static`,
some 20 µs a sentence) as articles are added; wire copies repeat sentences across many
articles, so :class:`SentenceCache` remembers the vectors of sentences already seen, by a
64-bit hash. Checks search them through the approximate index (:mod:`unspun.retrieve.ann`);
:class:`VectorMatrix` is the exact, brute-force search it is measured against (and the
fallback when usearch is not installed): every row in a float16 matrix, scanned in blocks.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import OrderedDict
from typing import Protocol

import numpy as np

from unspun.retrieve.config import RetrieveConfig

DIM = 384  # MiniLM's; the static embedding's is 128: a matrix takes the stored rows' width
BLOCK = 32768
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n\s*\n")


class Embedder(Protocol):
    def encode(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per sentence."""
        ...


def rough_sentences(text: str, min_words: int = 4) -> list[str]:
    """A quick sentence split, good enough to choose which sentences to embed."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p.split()) >= min_words]


def pick(items: list[str], n: int, lead: int = 2) -> list[str]:
    """The first ``lead`` items, then an even sample of the rest: ``n`` items at most."""
    if len(items) <= n:
        return items
    rest = items[lead:]
    take = n - lead
    idx = np.linspace(0, len(rest) - 1, take).round().astype(int)
    return items[:lead] + [rest[i] for i in sorted(set(idx.tolist()))]


def index_sentences(title: str, text: str, cfg: RetrieveConfig) -> list[str]:
    """The sentences of a library article that get embedded."""
    sentences = rough_sentences(text)
    head = [title] if title.strip() else []
    return head + pick(sentences, cfg.vector_sentences - len(head))


def query_sentences(title: str, text: str, cfg: RetrieveConfig) -> list[str]:
    sentences = rough_sentences(text)
    head = [title] if title.strip() else []
    return head + pick(sentences, cfg.vector_query_sentences - len(head))


def to_blob(vectors: np.ndarray) -> list[bytes]:
    return [row.astype(np.float16).tobytes() for row in vectors]


def sentence_key(sentence: str) -> int:
    """A sentence's 64-bit hash (signed, for SQLite): the same sentence, the same key."""
    return int.from_bytes(
        hashlib.blake2b(sentence.encode(), digest_size=8).digest(), "big", signed=True
    )


class SentenceCache:
    """Wraps an embedder; remembers the vector of each sentence seen, by its 64-bit hash.

    Wire copies repeat the same sentences across many articles. Up to ``max_items`` vectors
    are kept (float16), the least recently used dropped first.
    """

    def __init__(self, inner: Embedder, max_items: int = 100_000) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self.max_items = max_items
        self.hits = 0
        self.misses = 0
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()

    def encode(self, sentences: list[str]) -> np.ndarray:
        keys = [sentence_key(s) for s in sentences]
        rows: list[np.ndarray | None] = []
        for key in keys:
            row = self._cache.get(key)
            if row is not None:
                self._cache.move_to_end(key)
            rows.append(row)
        missing = list(dict.fromkeys(k for k, r in zip(keys, rows, strict=True) if r is None))
        self.hits += len(keys) - sum(r is None for r in rows)
        self.misses += len(missing)
        if missing:
            first = {k: i for i, k in reversed(list(enumerate(keys)))}
            fresh = self.inner.encode([sentences[first[k]] for k in missing])
            new = {k: v.astype(np.float16) for k, v in zip(missing, fresh, strict=True)}
            self._cache.update(new)
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)
            rows = [new[k] if r is None else r for k, r in zip(keys, rows, strict=True)]
        if not rows:
            return self.inner.encode([])
        return np.stack([r for r in rows if r is not None]).astype(np.float32)


Neighbours = list[list[tuple[float, int]]]  # per query sentence: (cosine, sentence key)


def rank_documents(
    neighbours: Neighbours, docs_of: dict[int, list[int]], cfg: RetrieveConfig
) -> list[tuple[int, float]]:
    """Documents ranked by the summed best cosine of the query sentences they answer.

    ``neighbours``: each query sentence's nearest distinct stored sentences; ``docs_of``:
    the documents holding each stored sentence (every copy of a sentence counts, however
    many articles repeat it)."""
    totals: dict[int, dict[int, float]] = {}
    for qi, near in enumerate(neighbours):
        for sim, key in near:
            if sim < cfg.vector_min_cosine:
                continue
            for doc in docs_of.get(key, ()):
                per_query = totals.setdefault(doc, {})
                per_query[qi] = max(per_query.get(qi, 0.0), sim)
    ranked = [(doc, sum(per.values())) for doc, per in totals.items()]
    ranked.sort(key=lambda x: (-x[1], x[0]))
    return ranked


class VectorMatrix:
    """The stored sentence vectors, one row per distinct sentence, for exact search; loaded
    incrementally (rows added since the last load)."""

    def __init__(self) -> None:
        self.vectors = np.zeros((0, DIM), dtype=np.float16)
        self.keys = np.zeros(0, dtype=np.int64)  # each row's sentence key
        self.docs_of: dict[int, list[int]] = {}
        self.last_id = 0
        self.generation = -1

    def refresh(self, conn: sqlite3.Connection, generation: int) -> None:
        """Reload everything after a removal (``generation`` moved), else append new rows."""
        if generation != self.generation:
            self.__init__()  # type: ignore[misc]
            self.generation = generation
        rows = conn.execute(
            "SELECT id, doc, h, vec FROM idx_vectors WHERE id > ? ORDER BY id", (self.last_id,)
        ).fetchall()
        if not rows:
            return
        fresh: dict[int, bytes] = {}
        for _, doc, key, blob in rows:
            if key not in self.docs_of:
                self.docs_of[key] = []
                fresh[key] = blob
            self.docs_of[key].append(doc)
        if fresh:
            dim = len(rows[0][3]) // 2
            new = np.frombuffer(b"".join(fresh.values()), dtype=np.float16).reshape(-1, dim)
            self.vectors = np.concatenate([self.vectors, new]) if len(self.keys) else new
            self.keys = np.concatenate([self.keys, np.fromiter(fresh, dtype=np.int64)])
        self.last_id = rows[-1][0]

    def search(self, queries: np.ndarray, cfg: RetrieveConfig) -> list[tuple[int, float]]:
        """Documents ranked by the summed best cosine of the query sentences they answer."""
        if len(self.keys) == 0 or len(queries) == 0:
            return []
        return rank_documents(self.nearest(queries, cfg.vector_neighbours), self.docs_of, cfg)

    def nearest(self, queries: np.ndarray, count: int) -> Neighbours:
        """The ``count`` nearest distinct sentences of each query, exactly, best first."""
        q = queries.astype(np.float32)
        h = min(count, len(self.keys))
        best_sim = np.full((len(q), h), -1.0, dtype=np.float32)
        best_row = np.zeros((len(q), h), dtype=np.int64)
        for start in range(0, len(self.keys), BLOCK):
            block = self.vectors[start : start + BLOCK].astype(np.float32)
            sims = np.concatenate([best_sim, q @ block.T], axis=1)
            rows = np.concatenate(
                [best_row, np.arange(start, start + len(block))[None, :].repeat(len(q), axis=0)],
                axis=1,
            )
            top = np.argpartition(-sims, h - 1, axis=1)[:, :h]
            best_sim = np.take_along_axis(sims, top, axis=1)
            best_row = np.take_along_axis(rows, top, axis=1)
        order = np.argsort(-best_sim, axis=1, kind="stable")
        best_sim = np.take_along_axis(best_sim, order, axis=1)
        best_row = np.take_along_axis(best_row, order, axis=1)
        return [
            [(float(s), int(self.keys[r])) for s, r in zip(sims, rows, strict=True) if s > -1.0]
            for sims, rows in zip(best_sim, best_row, strict=True)
        ]
