import json
from pathlib import Path

import numpy as np
import pytest

from unspun.evaluate.msrp import (
    cross_validate,
    evaluate_msrp,
    fit_logistic,
    read_msrp,
    scores,
)

BASELINE = Path(__file__).parents[1] / "baselines" / "msrp.json"

LINES = [
    "1\t1\t2\tThe council approved the plan on Monday.\tOn Monday the council approved the plan.",
    "0\t3\t4\tThe council approved the plan on Monday.\tShips dock at the terminal in 2027.",
    "1\t5\t6\tSales rose 5 percent in March.\tIn March, sales were up 5 percent.",
    "0\t7\t8\tSales rose 5 percent in March.\tSales fell 9 percent in April.",
]


def write_pairs(path: Path, lines: list[str]) -> Path:
    path.write_text("\ufeff" + "\n".join(lines) + "\n", "utf-8")
    return path


def test_read_msrp_skips_bom_and_header(tmp_path: Path):
    header = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"
    pairs = read_msrp(write_pairs(tmp_path / "m.txt", [header, *LINES]))
    assert pairs.labels.tolist() == [1, 0, 1, 0]
    assert pairs.first[0] == "The council approved the plan on Monday."


def test_logistic_learns_a_separable_rule():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int8)
    model = fit_logistic(x[:300], y[:300])
    assert scores(y[300:], model.predict(x[300:]))["accuracy"] > 0.85
    assert scores(y, cross_validate(x, y, folds=5))["accuracy"] > 0.85


def test_scores():
    y = np.array([1, 1, 0, 0])
    result = scores(y, np.array([1, 0, 1, 0]))
    assert result["accuracy"] == 0.5 and result["f1"] == 0.5


def test_scoring_another_file_writes_predictions(tmp_path: Path):
    train = write_pairs(tmp_path / "train.txt", LINES * 10)
    test = write_pairs(tmp_path / "test.txt", LINES)
    out = tmp_path / "pred.txt"
    result = evaluate_msrp(train, test, out, use_model=False)
    assert result["pairs"] == 4
    assert out.read_text().split() == ["1", "0", "1", "0"]


@pytest.mark.slow
def test_msrp_cross_validation_does_not_regress(shared_data: Path):
    baseline = json.loads(BASELINE.read_text())
    result = evaluate_msrp(shared_data / "msrp" / "msr_paraphrase_train.txt")
    assert result["accuracy"] >= baseline["accuracy"] - baseline["tolerance"]
    assert result["f1"] >= baseline["f1"] - baseline["tolerance"]
