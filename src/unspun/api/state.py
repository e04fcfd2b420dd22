"""What the app holds while it runs: its settings, and the sentence model once loaded.

The library is opened per request (:meth:`AppState.store`): an SQLite connection belongs to
the thread that opened it, and FastAPI runs each request's handler in a worker thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import numpy as np

from unspun.align import AlignConfig, Embedder, load_embedder
from unspun.api.settings import Settings
from unspun.config import ExtractConfig, StoreConfig
from unspun.errors import ModelUnavailable
from unspun.retrieve.rerank import CheckConfig
from unspun.store import SqliteStore, open_store

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


@dataclass(slots=True)
class AppState:
    settings: Settings
    _embedder: Embedder | None = None
    _model_tried: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def store(self) -> Iterator[SqliteStore]:
        """The library, opened for this request and closed after it (made if missing)."""
        path = self.settings.db_path
        store = open_store(path, StoreConfig(path=path))
        try:
            yield store
        finally:
            store.close()

    @property
    def extract_config(self) -> ExtractConfig:
        return ExtractConfig(max_bytes=self.settings.max_upload_bytes)

    def embedder(self) -> Embedder | None:
        """The sentence model, loaded on first use; None when off or not installed."""
        if not self.settings.use_model:
            return None
        with self._lock:
            if not self._model_tried:
                self._model_tried = True
                try:
                    self._embedder = LockedEmbedder(load_embedder(AlignConfig()))
                except ModelUnavailable as exc:
                    log.warning("%s; aligning on lexical evidence only", exc)
            return self._embedder

    def align_config(self, embedder: Embedder | None) -> AlignConfig:
        cfg = AlignConfig()
        return cfg if embedder is not None else replace(cfg, model="none")

    def check_config(self, embedder: Embedder | None) -> CheckConfig:
        return CheckConfig(
            candidates=self.settings.check_candidates,
            align_top=self.settings.check_align,
            align=self.align_config(embedder),
        )
