from __future__ import annotations

import pytest

from unspun.retrieve.candidates import Candidate, fuse


def test_agreement_beats_a_single_retriever() -> None:
    rankings = {"a": [("x", 0.9), ("y", 0.5)], "b": [("y", 3.0), ("z", 1.0)]}
    fused = fuse(rankings, {}, rrf_k=10, k=10)
    assert [c.article_id for c in fused] == ["y", "x", "z"]
    assert fused[0].scores == {"a": 0.5, "b": 3.0}
    assert fused[0].ranks == {"a": 2, "b": 1}


def test_weights_and_k() -> None:
    rankings = {"a": [("x", 1.0)], "b": [("y", 1.0)]}
    assert fuse(rankings, {"a": 0.5}, 10, 10)[0].article_id == "y"
    assert len(fuse(rankings, {}, 10, 1)) == 1


def test_candidate_is_frozen() -> None:
    c = Candidate("x", 1.0)
    with pytest.raises(AttributeError):
        c.score = 2.0  # type: ignore[misc]
