"""A static sentence embedding for the vector retriever, distilled from the packaged MiniLM.

Each WordPiece token of all-MiniLM-L6-v2 has one vector (the model's output for that token
alone, reduced by PCA to 128 dimensions and weighted by a Zipf estimate of its frequency:
``scripts/distill_static.py`` makes ``resources/static-minilm.npz`` from the int8 ONNX model,
model2vec's recipe without torch). A sentence's vector is the mean of its tokens' vectors,
L2-normalised: some 20 µs a sentence against MiniLM's 3 ms, so every article can be
embedded as it is added. It finds a paraphrase's source less surely than MiniLM does; the
vector retriever only proposes candidates, and the alignment still decides with MiniLM.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import numpy as np

from unspun.align.embed import TOKENIZER, package_file
from unspun.errors import ModelUnavailable

log = logging.getLogger(__name__)

RESOURCE = Path(__file__).with_name("resources") / "static-minilm.npz"
NAME = "static-minilm-128"


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
    """The distilled static embedding (loaded once a process; ModelUnavailable if absent)."""
    if not RESOURCE.is_file():
        raise ModelUnavailable(
            f"{RESOURCE} is missing: run scripts/distill_static.py, or reinstall unspun"
        )
    with np.load(RESOURCE) as data:
        table = data["vectors"].astype(np.float32) * data["scale"][:, None]
    return StaticEmbedder(table, package_file(*TOKENIZER))
