"""Align stage: a copy against a candidate source, sentence by sentence.

``align_articles(copy, source, cfg, embedder)`` is the one entry point; ``load_embedder(cfg)``
loads the sentence-embedding model once, for the caller to keep and pass in.
"""

from unspun.align.config import AlignConfig
from unspun.align.embed import CachedEmbedder, Embedder, load_embedder
from unspun.align.matcher import align_articles
from unspun.align.sentences import split_sentences

__all__ = [
    "AlignConfig",
    "CachedEmbedder",
    "Embedder",
    "align_articles",
    "load_embedder",
    "split_sentences",
]
