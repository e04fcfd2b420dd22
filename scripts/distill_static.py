"""Distil the static sentence embedding of the vector retriever from the packaged MiniLM.

model2vec's recipe, without torch: every WordPiece token of all-MiniLM-L6-v2 is run through
the int8 ONNX model on its own (``[CLS] token [SEP]``, mean-pooled), the 30,522 token vectors
are reduced by PCA to ``--dim`` dimensions, and each is weighted by a Zipf estimate of its
token's frequency (rank in the vocabulary), so that common tokens count for less in the mean.
The result is written, int8 with one scale per row, to
``src/unspun/retrieve/resources/static-minilm.npz``; the same inputs give the same file.

    python scripts/distill_static.py [--dim 128]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unspun.align.config import AlignConfig  # noqa: E402
from unspun.align.embed import MODELS, TOKENIZER, OnnxEmbedder, package_file  # noqa: E402

OUT = ROOT / "src" / "unspun" / "retrieve" / "resources" / "static-minilm.npz"


def token_vectors(embedder: OnnxEmbedder, size: int, batch: int = 512) -> np.ndarray:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    package, relative = MODELS["minilm-int8"]
    embedder = OnnxEmbedder(
        package_file(package, relative), package_file(*TOKENIZER), AlignConfig()
    )
    size = embedder.tokenizer.get_vocab_size()
    t0 = time.perf_counter()
    vectors = token_vectors(embedder, size)
    vectors -= vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(vectors, full_matrices=False)
    reduced = vectors @ vt[: args.dim].T
    # Zipf: a token's frequency is taken to fall as 1/rank; weight = log(1 + rank) (model2vec)
    reduced *= np.log1p(np.arange(1, size + 1, dtype=np.float32))[:, None]
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quant = np.round(reduced / scale[:, None]).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vectors=quant, scale=scale.astype(np.float32))
    print(f"{size} tokens x {args.dim} in {time.perf_counter() - t0:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
