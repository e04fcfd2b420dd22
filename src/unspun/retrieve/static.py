"""A static sentence embedding for the vector retriever, distilled from the packaged MiniLM.

Each WordPiece token of all-MiniLM-L6-v2 has one vector (the model's output for that token
alone, reduced by PCA to 128 dimensions and weighted by a Zipf estimate of its frequency:
model2vec's recipe without torch). The table is distilled from the int8 ONNX model the first
time it is needed (some 15 s on one core; the same inputs give the same bytes) and kept in the
cache folder (``$UNSPUN_CACHE``, else ``$XDG_CACHE_HOME/unspun``, else ``~/.cache/unspun``):
derived from the packaged model, never shipped. A sentence's vector is the mean of its tokens'
vectors, L2-normalised: some 20 µs a sentence against MiniLM's 3 ms, so every article can be
embedded as it is added. It finds a paraphrase's source less surely than MiniLM does; the
vector retriever only proposes candidates, and the alignment still decides with MiniLM.
"""

from __future__ import annotations

import logging
import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from unspun.align.embed import TOKENIZER, package_file
from unspun.errors import ModelUnavailable

log = logging.getLogger(__name__)

NAME = "static-minilm-128"
DIM = 128
_FILE = f"{NAME}-v1.npz"


def cache_dir() -> Path:
    """Where unspun keeps what it derives and may derive again (models, eval libraries)."""
    base = os.environ.get("UNSPUN_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "unspun" if base else Path.home() / ".cache" / "unspun"


class StaticEmbedder:
    """Mean of per-token vectors: tokenise (MiniLM's WordPiece), look up, average, normalise."""

    def __init__(self, table: np.ndarray, tokenizer_path: Path, max_tokens: int = 128) -> None:
        from tokenizers import Tokenizer

        self.table = table
        self.dim = int(table.shape[1])
        self.name = NAME
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per sentence (zeros for a sentence of no tokens)."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        if not sentences:
            return out
        encodings = self.tokenizer.encode_batch(sentences, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(sentences))
        ids = np.fromiter(
            (i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum())
        )
        filled = lengths > 0
        if ids.size:
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[filled]
            out[filled] = np.add.reduceat(self.table[ids], starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


@cache
def load_static() -> StaticEmbedder:
    """The static embedding (loaded once a process): from the cache, else distilled now and
    cached; ModelUnavailable when MiniLM itself is not installed."""
    path = cache_dir() / _FILE
    try:
        with np.load(path) as data:
            quant, scale = data["vectors"], data["scale"]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):  # absent or torn: distil again
        quant, scale = distil()
        _save(path, quant, scale)
    table = quant.astype(np.float32) * scale[:, None]
    return StaticEmbedder(table, package_file(*TOKENIZER))


def distil(dim: int = DIM) -> tuple[np.ndarray, np.ndarray]:
    """The int8 token table and its per-row scales, from the packaged int8 MiniLM."""
    from unspun.align.config import AlignConfig
    from unspun.align.embed import MODELS, OnnxEmbedder

    log.warning("distilling the static sentence embedding from MiniLM (once, some 15 s)")
    package, relative = MODELS["minilm-int8"]
    try:
        embedder = OnnxEmbedder(
            package_file(package, relative), package_file(*TOKENIZER), AlignConfig()
        )
    except (OSError, ImportError) as exc:
        raise ModelUnavailable(f"the static embedding needs the packaged MiniLM ({exc})") from exc
    size = embedder.tokenizer.get_vocab_size()
    vectors = _token_vectors(embedder, size)
    vectors -= vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(vectors, full_matrices=False)
    reduced = vectors @ vt[:dim].T
    # Zipf: a token's frequency is taken to fall as 1/rank; weight = log(1 + rank) (model2vec)
    reduced *= np.log1p(np.arange(1, size + 1, dtype=np.float32))[:, None]
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quant = np.round(reduced / scale[:, None]).astype(np.int8)
    return quant, scale.astype(np.float32)


def _token_vectors(embedder: Any, size: int, batch: int = 512) -> np.ndarray:
    """Each token alone through the model (``[CLS] token [SEP]``), mean-pooled."""
    cls, sep = embedder.tokenizer.token_to_id("[CLS]"), embedder.tokenizer.token_to_id("[SEP]")
    out = np.zeros((size, 384), dtype=np.float32)
    for first in range(0, size, batch):
        ids = np.arange(first, min(size, first + batch))
        feeds = {
            "input_ids": np.stack([np.full(len(ids), cls), ids, np.full(len(ids), sep)], 1),
            "attention_mask": np.ones((len(ids), 3), dtype=np.int64),
        }
        if "token_type_ids" in embedder._inputs:
            feeds["token_type_ids"] = np.zeros((len(ids), 3), dtype=np.int64)
        states = embedder.session.run(None, {k: v.astype(np.int64) for k, v in feeds.items()})[0]
        out[ids] = states.mean(axis=1) if states.ndim == 3 else states
    return out


def _save(path: Path, quant: np.ndarray, scale: np.ndarray) -> None:
    """Write the table whole or not at all (a temporary file renamed); a cache that cannot be
    written costs only the next process the distillation again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".static-", suffix=".npz", dir=path.parent)
        with os.fdopen(fd, "wb") as stream:
            np.savez_compressed(stream, vectors=quant, scale=scale)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not cache the static embedding in %s (%s)", path.parent, exc)
