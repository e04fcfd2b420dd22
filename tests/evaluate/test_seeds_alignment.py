import json
from pathlib import Path

import pytest

from unspun.evaluate.seeds_alignment import check_alignment

BASELINE = Path(__file__).parents[1] / "baselines" / "seeds_alignment.json"


@pytest.mark.slow
def test_seed_alignment_meets_the_gold(seeds_dir: Path):
    pytest.importorskip("unspun.extract.text")
    gold = json.loads((seeds_dir / "gold.json").read_text("utf-8"))
    result = check_alignment(seeds_dir, gold)
    baseline = json.loads(BASELINE.read_text())
    assert result["total"] == 7
    assert result["correct"] >= baseline["correct"]
    assert result["false_matches"] <= baseline["false_matches"]
    assert result["headline_ok"], result["headline"]
    assert result["unmatched_new"] == result["unmatched_total"] > 0
    assert result["boilerplate_aligned"] == 0
    assert result["reuse"]
