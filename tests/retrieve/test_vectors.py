from __future__ import annotations

import numpy as np

from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.vectors import VectorMatrix, index_sentences, pick, rough_sentences


def test_rough_sentences_split_on_stops_and_paragraphs() -> None:
    text = "First one is here. Second one is here too!\n\nThird one has no stop"
    assert rough_sentences(text) == [
        "First one is here.",
        "Second one is here too!",
        "Third one has no stop",
    ]


def test_pick_keeps_the_lede_and_samples_evenly() -> None:
    items = [str(i) for i in range(20)]
    chosen = pick(items, 6)
    assert chosen[:2] == ["0", "1"] and chosen[-1] == "19" and len(chosen) == 6
    assert pick(items[:3], 6) == items[:3]


def test_index_sentences_are_title_lede_and_a_sample() -> None:
    cfg = RetrieveConfig(vector_sentences=4)
    text = "One two three four. Five six seven eight. Nine ten eleven twelve."
    assert index_sentences("A title", text, cfg) == [
        "A title",
        "One two three four.",
        "Five six seven eight.",
        "Nine ten eleven twelve.",
    ]
    text += " Thirteen fourteen fifteen sixteen. Seventeen eighteen nineteen twenty."
    picked = index_sentences("A title", text, RetrieveConfig(vector_sentences=5))
    assert picked[-1] == "Seventeen eighteen nineteen twenty."
    assert "Thirteen fourteen fifteen sixteen." not in picked


def test_search_sums_best_cosines_per_document() -> None:
    m = VectorMatrix()
    rng = np.random.default_rng(0)
    base = rng.normal(size=(4, 384)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    m.vectors = base.astype(np.float16)
    m.keys = np.array([10, 11, 12, 13])
    m.docs_of = {10: [1], 11: [1, 4], 12: [2], 13: [3]}  # sentence 11 is in two documents
    ranked = m.search(base[:2], RetrieveConfig(vector_neighbours=3, vector_min_cosine=0.5))
    assert ranked[0][0] == 1 and abs(ranked[0][1] - 2.0) < 0.01
    assert ranked[1][0] == 4 and abs(ranked[1][1] - 1.0) < 0.01
    assert all(doc != 3 for doc, _ in ranked)
