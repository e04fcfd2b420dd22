import numpy as np
import pytest

from unspun.align import AlignConfig, CachedEmbedder, load_embedder
from unspun.errors import ModelUnavailable


def test_vectors_are_normalised_and_paraphrases_are_close(embedder):
    vecs = embedder.encode(
        [
            "The White House confirmed the summit details on Tuesday.",
            "The White House confirms details of the summit.",
            "Shipping companies welcomed the harbour decision.",
        ]
    )
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > 0.85
    assert vecs[0] @ vecs[2] < 0.4


def test_batching_does_not_change_vectors(embedder):
    sentences = ["A short one.", "A much longer sentence about the port council and its vote."]
    together = embedder.encode(sentences)
    alone = np.stack([embedder.encode([s])[0] for s in sentences])
    assert np.allclose(together, alone, atol=2e-3)


def test_empty_input(embedder):
    assert embedder.encode([]).shape == (0, 384)


def test_cache_returns_the_same_vectors(embedder):
    cached = CachedEmbedder(embedder)
    first = cached.encode(["One sentence.", "Another sentence."])
    again = cached.encode(["Another sentence.", "One sentence."])
    assert np.array_equal(first[::-1], again)


def test_unknown_model_names_the_choices():
    with pytest.raises(ModelUnavailable, match="minilm-int8"):
        load_embedder(AlignConfig(model="no-such-model"))
