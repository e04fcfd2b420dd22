"""Sentence vectors for paraphrase retrieval: a flat matrix, searched by brute force.

Each article contributes a few sentences (its title, its lede, and an even sample of the rest:
``cfg.vector_sentences`` in all), stored as float16 BLOBs in ``idx_vectors``. Embedding costs
about 3 ms a sentence on one core, so embedding every sentence at ``add`` would cap adding at
a dozen articles a second; a few per article, embedded at add time or later in bulk
(:meth:`SourceIndex.index_vectors`), keep the vector index cheap. At serving time the rows are
loaded once into a float16 matrix (768 bytes a sentence: 800k sentences of 100k articles take
about 600 MB) and searched in float32 blocks.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Protocol

import numpy as np

from unspun.retrieve.config import RetrieveConfig

DIM = 384
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


class VectorMatrix:
    """The stored sentence vectors, loaded incrementally (rows added since the last load)."""

    def __init__(self) -> None:
        self.vectors = np.zeros((0, DIM), dtype=np.float16)
        self.docs = np.zeros(0, dtype=np.int64)
        self.last_id = 0
        self.generation = -1

    def refresh(self, conn: sqlite3.Connection, generation: int) -> None:
        """Reload everything after a removal (``generation`` moved), else append new rows."""
        if generation != self.generation:
            self.__init__()  # type: ignore[misc]
            self.generation = generation
        rows = conn.execute(
            "SELECT id, doc, vec FROM idx_vectors WHERE id > ? ORDER BY id", (self.last_id,)
        ).fetchall()
        if not rows:
            return
        new = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float16).reshape(-1, DIM)
        self.vectors = np.concatenate([self.vectors, new])
        self.docs = np.concatenate([self.docs, np.array([r[1] for r in rows], dtype=np.int64)])
        self.last_id = rows[-1][0]

    def search(self, queries: np.ndarray, cfg: RetrieveConfig) -> list[tuple[int, float]]:
        """Documents ranked by the summed best cosine of the query sentences they answer."""
        if len(self.docs) == 0 or len(queries) == 0:
            return []
        q = queries.astype(np.float32)
        h = min(cfg.vector_neighbours, len(self.docs))
        best_sim = np.full((len(q), h), -1.0, dtype=np.float32)
        best_row = np.zeros((len(q), h), dtype=np.int64)
        for start in range(0, len(self.docs), BLOCK):
            block = self.vectors[start : start + BLOCK].astype(np.float32)
            sims = q @ block.T
            sims = np.concatenate([best_sim, sims], axis=1)
            rows = np.concatenate(
                [best_row, np.arange(start, start + len(block))[None, :].repeat(len(q), axis=0)],
                axis=1,
            )
            top = np.argpartition(-sims, h - 1, axis=1)[:, :h]
            best_sim = np.take_along_axis(sims, top, axis=1)
            best_row = np.take_along_axis(rows, top, axis=1)
        totals: dict[int, dict[int, float]] = {}
        for qi in range(len(q)):
            for sim, row in zip(best_sim[qi], best_row[qi], strict=True):
                if sim < cfg.vector_min_cosine:
                    continue
                doc = int(self.docs[row])
                per_query = totals.setdefault(doc, {})
                per_query[qi] = max(per_query.get(qi, 0.0), float(sim))
        ranked = [(doc, sum(per.values())) for doc, per in totals.items()]
        ranked.sort(key=lambda x: -x[1])
        return ranked
