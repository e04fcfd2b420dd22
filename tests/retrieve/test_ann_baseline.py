"""The approximate vector index keeps to brute force on a synth library (pinned figures in
tests/baselines/vectors.json; needs ../shared/data for the synth sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.evaluate.vectors import measure_synth
from unspun.retrieve.ann import load_usearch

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "vectors.json"

try:
    load_usearch()  # onnxruntime first: see load_usearch
except ImportError:
    pytest.skip("usearch is not installed", allow_module_level=True)


@pytest.mark.slow
@pytest.mark.shared
def test_ann_agrees_with_brute_force_on_synth(shared_data: Path, tmp_path: Path) -> None:
    pinned = json.loads(BASELINE.read_text("utf-8"))
    got = measure_synth(shared_data, tmp_path, pinned["articles"], pinned["queries"])
    assert got["ann_same_top5"] >= pinned["floor_same_top5"], got
    for key in ("ann_same_top5", "ann_same_top10", "parent_top5_ann", "parent_top5_exact"):
        assert got[key] >= pinned[key] - pinned["tolerance"], (key, got)
