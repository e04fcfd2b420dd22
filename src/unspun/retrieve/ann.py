"""The approximate nearest-neighbour index of the sentence vectors (usearch HNSW, int8).

``idx_vectors`` in the library's SQLite file is the truth; this index is a copy of it, kept
in a file beside the library (``<library>.vectors.usearch``) so that a check does not load and
scan every stored vector. It holds each distinct sentence once, keyed by the sentence's 64-bit
hash (``idx_vectors.h``): a wire story repeated in 30 articles is one point of the graph,
and a query that finds it credits all 30. It catches up incrementally
(:meth:`VectorAnn.sync`): the rows with an id above the last one it has seen (ids never come
back: the table is ``AUTOINCREMENT``) are added; after a removal (the index's ``generation``
moved) the sentences no article holds any longer are taken out.

The file is usearch's, followed by a trailer (``MAGIC`` and a BLAKE2b digest of what comes
before it); it is written whole to a temporary name and moved over the old one
(``os.replace``), so no reader ever sees half a file. A missing, truncated, corrupt (digest
mismatch) or mismatched file is rebuilt from the vectors in SQLite, with a warning saying
so: it is never a reason to fail a check.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

SUFFIX = ".vectors.usearch"
CONNECTIVITY = 16  # HNSW "M": graph edges per vector
EXPANSION_ADD = 128  # "efConstruction"
EXPANSION_SEARCH = 512  # "ef": candidates kept while searching (0.98 of queries as brute force)
READ_ROWS = 100_000  # rows read from SQLite at a time while catching up
MAGIC = b"UNSPUNv1"
DIGEST = 16  # bytes of BLAKE2b
TRAILER = len(MAGIC) + 16 + DIGEST  # magic, last row id and generation, digest


class CorruptIndex(ValueError):
    """The vector index file is not one this module wrote whole."""


def _digest(path: Path, size: int) -> bytes:
    """BLAKE2b of the first ``size`` bytes of ``path``, read in parts."""
    h = hashlib.blake2b(digest_size=DIGEST)
    with path.open("rb") as fh:
        left = size
        while left:
            part = fh.read(min(left, 1 << 24))
            if not part:
                raise CorruptIndex("shorter than it says")
            h.update(part)
            left -= len(part)
    return h.digest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_file(path: Path) -> tuple[int, int]:
    """(last row id, generation) from the trailer; CorruptIndex unless its digest matches
    everything before it."""
    size = path.stat().st_size
    if size <= TRAILER:
        raise CorruptIndex(f"{size} bytes: too short")
    with path.open("rb") as fh:
        fh.seek(size - TRAILER)
        trailer = fh.read(TRAILER)
    if trailer[: len(MAGIC)] != MAGIC:
        raise CorruptIndex("no trailer: truncated, or not written by unspun")
    body = trailer[len(MAGIC) : len(MAGIC) + 16]
    if _digest(path, size - DIGEST) != trailer[-DIGEST:]:
        raise CorruptIndex("digest mismatch: the file is corrupt")
    return int.from_bytes(body[:8], "little"), int.from_bytes(body[8:], "little", signed=True)


def _keys(hashes: list[int] | np.ndarray) -> np.ndarray:
    """Sentence hashes (signed, as SQLite keeps them) as usearch keys (unsigned)."""
    return np.asarray(hashes, dtype=np.int64).view(np.uint64)


def load_usearch() -> Any:
    """usearch's Index class (ImportError when usearch is not installed).

    onnxruntime is imported first when it is installed: importing it after usearch 2.26.6
    crashes the process (a segmentation fault in onnxruntime 1.31.1's module init)."""
    with contextlib.suppress(ImportError):
        import onnxruntime  # noqa: F401
    from usearch.index import Index

    return Index


def ann_path(conn: sqlite3.Connection) -> Path | None:
    """Where the index of the library open on ``conn`` is kept (None for an in-memory one)."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file + SUFFIX) if file else None
    return None


class VectorAnn:
    """An HNSW index of the rows of ``idx_vectors``, persisted at ``path`` (if any)."""

    def __init__(self, dim: int, path: Path | None, threads: int = 1) -> None:
        self.dim = dim
        self.path = path
        self.threads = threads
        self.index = self._new()
        self.last_id = 0  # the last idx_vectors row taken in
        self.generation = -1  # the source index's generation when it was last reconciled
        self.dirty = False  # changed since it was loaded or saved
        self.loaded = False

    def _new(self) -> Any:  # usearch's Index (imported late: a check may never need it)
        return load_usearch()(
            ndim=self.dim,
            metric="cos",
            dtype="i8",
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )

    def __len__(self) -> int:
        return len(self.index)

    # -- keeping in step with SQLite -------------------------------------------------------

    def sync(self, conn: sqlite3.Connection, generation: int) -> int:
        """Bring the index in step with ``idx_vectors``; returns how many sentences it took
        in or out. ``generation``: the source index's, which moves when articles go."""
        if not self.loaded:
            self.load()
        changed = 0
        if generation != self.generation:
            changed += self._reconcile(conn)
            self.generation = generation
            self.dirty = True
        while True:
            rows = conn.execute(
                "SELECT id, h, vec FROM idx_vectors WHERE id > ? ORDER BY id LIMIT ?",
                (self.last_id, READ_ROWS),
            ).fetchall()
            if not rows:
                break
            changed += self._add([r[1] for r in rows], [r[2] for r in rows])
            self.last_id = int(rows[-1][0])
            self.dirty = True
        return changed

    def _add(self, hashes: list[int], blobs: list[bytes]) -> int:
        """Add the sentences the index does not hold yet; returns how many."""
        keys, first = np.unique(_keys(hashes), return_index=True)
        new = ~np.asarray(self.index.contains(keys), dtype=bool).reshape(-1)
        if not new.any():
            return 0
        picked = [blobs[i] for i in first[new]]
        vectors = np.frombuffer(b"".join(picked), dtype=np.float16)
        if vectors.size != len(picked) * self.dim:
            raise ValueError(
                f"stored sentence vectors are not of {self.dim} dimensions: "
                "rebuild them (unspun index --rebuild)"
            )
        self.index.add(keys[new], vectors.reshape(-1, self.dim), threads=self.threads)
        return int(new.sum())

    def _reconcile(self, conn: sqlite3.Connection) -> int:
        """After removals: drop the sentences no stored row holds, add any missing."""
        row = conn.execute("SELECT max(id) FROM idx_vectors").fetchone()
        top = int(row[0] or 0)
        stored = _keys([r[0] for r in conn.execute("SELECT DISTINCT h FROM idx_vectors")])
        held = np.asarray(self.index.keys, dtype=np.uint64)
        gone = np.setdiff1d(held, stored)
        if len(gone):
            self.index.remove(gone)
        missing = np.setdiff1d(stored, held).view(np.int64).tolist()
        added = 0
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT h, vec FROM idx_vectors WHERE h IN ({marks}) GROUP BY h"
            rows = conn.execute(sql, chunk).fetchall()
            added += self._add([r[0] for r in rows], [r[1] for r in rows])
        self.last_id = top
        return len(gone) + added

    def reset(self) -> None:
        self.index = self._new()
        self.last_id = 0
        self.generation = -1
        self.dirty = True

    # -- the file --------------------------------------------------------------------------

    def load(self) -> None:
        """Read the file; a missing or unreadable one leaves the index empty, to be rebuilt."""
        self.loaded = True
        if self.path is None or not self.path.exists():
            return
        try:
            last_id, generation = check_file(self.path)
            index = self._new()
            index.load(str(self.path))
            if index.ndim != self.dim:
                raise ValueError(f"{index.ndim} dimensions, expected {self.dim}")
        except Exception as exc:  # usearch raises RuntimeError, ValueError, ...: any is a bad file
            log.warning(
                "%s: cannot read the vector index (%s); rebuilding it from the library",
                self.path,
                exc,
            )
            self.reset()
            return
        self.index = index
        self.last_id, self.generation = last_id, generation

    def save(self) -> None:
        """Write the index whole to a temporary file, then move it over the old one."""
        if self.path is None or not self.dirty:
            return
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", dir=self.path.parent)
        os.close(fd)
        try:
            self.index.save(tmp)
            os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes 0600)
            with open(tmp, "ab") as fh:
                fh.write(MAGIC + self.last_id.to_bytes(8, "little"))
                fh.write(self.generation.to_bytes(8, "little", signed=True))
            digest = _digest(Path(tmp), Path(tmp).stat().st_size)
            with open(tmp, "ab") as fh:
                fh.write(digest)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.dirty = False

    # -- searching -------------------------------------------------------------------------

    def search(self, queries: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """(sentence hashes, cosines) of the ``count`` nearest sentences of each query, as
        int64; a cosine of -1 pads."""
        found = self.index.search(queries.astype(np.float32), count, threads=self.threads)
        keys = np.zeros((len(queries), count), dtype=np.int64)
        sims = np.full((len(queries), count), -1.0, dtype=np.float32)
        if not hasattr(found, "counts"):  # one query gives Matches, of its hits alone
            n = len(found.keys)
            keys[0, :n] = np.asarray(found.keys, dtype=np.uint64).view(np.int64)
            sims[0, :n] = 1.0 - np.asarray(found.distances, dtype=np.float32)
            return keys, sims
        for i, n in enumerate(np.asarray(found.counts).reshape(-1).tolist()):
            keys[i, :n] = np.asarray(found.keys[i, :n], dtype=np.uint64).view(np.int64)
            sims[i, :n] = 1.0 - found.distances[i, :n]
        return keys, sims
