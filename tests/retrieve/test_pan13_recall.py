"""Source retrieval quality on PAN13, pinned: fails when recall drops below the baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.retrieve.pan13_recall import measure
from unspun.retrieve.config import RetrieveConfig

BASELINE = Path(__file__).parents[1] / "baselines" / "retrieve_pan13.json"


@pytest.mark.slow
def test_pan13_recall_holds_its_baseline(shared_data: Path) -> None:
    baseline = json.loads(BASELINE.read_text("utf-8"))
    result = measure(shared_data / "pan13", RetrieveConfig(), every=baseline["every"])
    tolerance = baseline["tolerance"]
    for key in ("recall_at_5", "filtered_at_5", "recall_at_20"):
        for category, share in baseline[key].items():
            assert result[key][category] >= share - tolerance, (key, category, result[key])
