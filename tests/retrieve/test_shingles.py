from __future__ import annotations

import subprocess
import sys

import numpy as np

from unspun.retrieve.shingles import containment, overlap, shingle_array, shingle_hashes, words

TEXT = (
    "The council voted on Tuesday to spend fourteen million crowns rebuilding the sea wall "
    "that collapsed during the January storm, after engineers warned of tidal scouring."
)


def test_words_lowercase_and_split_on_punctuation() -> None:
    assert words("Sea-wall, SEA wall!") == ["sea", "wall", "sea", "wall"]


def test_one_hash_per_window_in_text_order() -> None:
    h = shingle_array(words(TEXT), 4)
    assert h.dtype == np.uint64
    assert len(h) == len(words(TEXT)) - 3
    again = shingle_array(words(TEXT)[1:], 4)
    assert np.array_equal(h[1:], again)


def test_hashes_are_stable_across_processes() -> None:
    code = (
        "from unspun.retrieve.shingles import shingle_hashes;"
        f"print(shingle_hashes({TEXT!r}, 4).tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(shingle_hashes(TEXT, 4).tolist())


def test_word_order_matters() -> None:
    assert shingle_hashes("a b c d", 4)[0] != shingle_hashes("d c b a", 4)[0]


def test_sampling_keeps_the_same_subset_in_both_texts() -> None:
    full = shingle_hashes(TEXT * 5 + " tail words here now", 3)
    sampled = shingle_hashes(TEXT, 3, sample=4)
    assert set(sampled.tolist()) <= set(full.tolist())
    assert all(int(h) % 4 == 0 for h in sampled)


def test_containment_is_asymmetric() -> None:
    part = shingle_hashes(TEXT[:80], 3)
    whole = shingle_hashes(TEXT + " And then something else entirely happened.", 3)
    assert containment(part, whole) == 1.0
    assert containment(whole, part) < 0.5
    assert containment(np.zeros(0, np.uint64), whole) == 0.0


def test_overlap_uses_the_smaller_set_with_a_floor() -> None:
    assert overlap(10, 10, 1000) == 1.0
    assert overlap(10, 1000, 10) == 1.0
    assert overlap(1, 1, 500, floor=4) == 0.25
