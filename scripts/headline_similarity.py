"""How close a real headline is to the nearest sentence of its own body, by MiniLM cosine.

Issue 14 asks for headline claims no source sentence supports ("Finland Joins NATO"). This
measures whether sentence similarity could tell them apart: over the unique titles of the
Helsinki corpus, each title against its own body's sentences (the first 60), it prints the
quantiles of the best cosine and the lowest titles. On 2026-12-05: 360 titles, quantiles
1/2/5/10/25/50 % = 0.335/0.363/0.434/0.506/0.608/0.683, so a threshold that catches invented
events (0.50-0.69 on hand-made ones) would flag a quarter of real headlines.

    python scripts/headline_similarity.py [path/to/helsinki_articles.csv]
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from unspun.align.config import AlignConfig
from unspun.align.embed import load_embedder
from unspun.changes.support import source_sentences
from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.model import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "helsinki_articles.csv"


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT)
    embedder = load_embedder(AlignConfig())
    seen: set[str] = set()
    best: list[tuple[float, str]] = []
    for item in read_inputs([path], ExtractConfig()):
        if not isinstance(item, Article) or not item.title.strip() or item.title in seen:
            continue
        seen.add(item.title)
        sentences = [s.text for s in source_sentences(replace(item, title=""))][:60]
        if sentences:
            vectors = embedder.encode([item.title, *sentences])
            best.append((float((vectors[1:] @ vectors[0]).max()), item.title))
    best.sort()
    values = np.array([b for b, _ in best])
    quantiles = [
        round(float(np.quantile(values, q)), 3) for q in (0.01, 0.02, 0.05, 0.1, 0.25, 0.5)
    ]
    print(f"{len(best)} titles; quantiles 1/2/5/10/25/50 %: {quantiles}")
    for score, title in best[:15]:
        print(f"{score:.3f}  {title[:100]}")


if __name__ == "__main__":
    main()
