"""The static embedding's token table: distilled once, cached whole, distilled again if torn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from unspun.retrieve import static


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """An empty cache folder and a distillation that counts its calls (a tiny table)."""
    monkeypatch.setenv("UNSPUN_CACHE", str(tmp_path))
    calls: list[int] = []

    def distil(dim: int = static.DIM) -> tuple[np.ndarray, np.ndarray]:
        calls.append(dim)
        rng = np.random.default_rng(0)
        return rng.integers(-127, 127, (30522, 8)).astype(np.int8), np.ones(30522, np.float32)

    monkeypatch.setattr(static, "distil", distil)
    static.load_static.cache_clear()
    yield calls
    static.load_static.cache_clear()


def test_the_table_is_distilled_once_and_cached(fresh: list[int]) -> None:
    first = static.load_static()
    static.load_static.cache_clear()
    second = static.load_static()
    assert len(fresh) == 1
    assert np.array_equal(first.table, second.table)
    vectors = second.encode(["Harbour fees rise.", ""])
    assert vectors.shape == (2, 8) and np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1].any()


def test_a_torn_cache_file_is_distilled_again(fresh: list[int]) -> None:
    path = static.cache_dir() / static._FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 torn")
    static.load_static()
    assert len(fresh) == 1
    with np.load(path) as data:  # written again, whole
        assert data["vectors"].shape == (30522, 8)
    assert [p.name for p in path.parent.iterdir()] == [static._FILE]  # no temporary left
