"""What the app holds while it runs: its settings, and the sentence model once loaded.

The library is opened per request (:meth:`AppState.store`): an SQLite connection belongs to
the thread that opened it, and FastAPI runs each request's handler in a worker thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from unspun.align import AlignConfig, Embedder
from unspun.api.settings import Settings
from unspun.config import ExtractConfig, StoreConfig
from unspun.pipeline import CheckConfig, CheckResources, load_resources
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.vectors import VectorMatrix
from unspun.store import SqliteStore, open_store

if TYPE_CHECKING:
    from unspun.api.pool import WorkerPool

log = logging.getLogger(__name__)


class LockedEmbedder:
    """One model shared by the request threads, called by one thread at a time."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._lock = threading.Lock()

    def encode(self, sentences: list[str]) -> np.ndarray:
        with self._lock:
            return self.inner.encode(sentences)


class SharedMatrix(VectorMatrix):
    """The library's sentence vectors, loaded once and shared by the request threads.

    A source index made per request would reload every vector per check; this one keeps
    them in memory and only reads the rows added since (or everything after a removal).
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def refresh(self, conn: sqlite3.Connection, generation: int) -> None:
        with self._lock:
            super().refresh(conn, generation)

    def search(self, queries: np.ndarray, cfg: RetrieveConfig) -> list[tuple[int, float]]:
        with self._lock:
            return super().search(queries, cfg)


@dataclass(slots=True)
class AppState:
    settings: Settings
    # The check pool (the app's; None in a worker process, which runs the jobs itself).
    pool: WorkerPool | None = None
    _resources: CheckResources | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    matrix: SharedMatrix = field(default_factory=SharedMatrix)
    # One request at a time brings the index up to date (the others wait here, not on
    # SQLite's write lock, which would time out behind a long catch-up).
    sync_lock: threading.Lock = field(default_factory=threading.Lock)

    async def run(self, job: Callable[..., Any], *args: Any, ticket: str = "") -> Any:
        """Run a CPU-heavy ``job`` (see :mod:`unspun.api.jobs`) in the check pool."""
        if self.pool is None:
            raise RuntimeError("this app state has no check pool (a worker's state)")
        return await self.pool.run(job, *args, ticket=ticket)

    def job_progress(self, ticket: str) -> dict[str, Any] | None:
        return self.pool.progress(ticket) if self.pool is not None else None

    def pool_summary(self) -> dict[str, Any]:
        return self.pool.summary() if self.pool is not None else {}

    @contextmanager
    def store(self, write: bool = False) -> Iterator[SqliteStore]:
        """The library, opened for this request and closed after it (made if missing).

        To ``write``, the source index is attached, so that it changes with the articles.
        """
        path = self.settings.db_path
        store = open_store(path, StoreConfig(path=path))
        try:
            if write:
                index = SourceIndex(store.conn, self.check_config().retrieve)
                index.ensure_schema()
                store.attach(index)
            yield store
        finally:
            store.close()

    @property
    def extract_config(self) -> ExtractConfig:
        return ExtractConfig(max_bytes=self.settings.max_upload_bytes)

    def resources(self) -> CheckResources:
        """The sentence model, loaded on first use (none when off or not installed)."""
        with self._lock:
            if self._resources is None:
                loaded = load_resources(self.check_config(), use_model=self.settings.use_model)
                embedder = LockedEmbedder(loaded.embedder) if loaded.embedder else None
                self._resources = replace(loaded, embedder=embedder)
            return self._resources

    def embedder(self) -> Embedder | None:
        return self.resources().embedder

    def align_config(self, embedder: Embedder | None) -> AlignConfig:
        cfg = AlignConfig()
        return cfg if embedder is not None else replace(cfg, model="none")

    def check_config(self) -> CheckConfig:
        return CheckConfig(
            candidates=self.settings.check_candidates, align_top=self.settings.check_align
        )
