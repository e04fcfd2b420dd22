import json
import math
from pathlib import Path

import pytest

from unspun.evaluate.pan13 import (
    Passage,
    evaluate_pan13,
    plagdet,
    read_truth,
    sample_pairs,
)

BASELINE = Path(__file__).parents[1] / "baselines" / "pan13.json"


def test_perfect_detection():
    case = Passage((100, 200), (10, 110))
    assert plagdet([[case]], [[case]]) == {
        "precision": 1.0,
        "recall": 1.0,
        "granularity": 1.0,
        "plagdet": 1.0,
    }


def test_half_detected_case_and_overshooting_detection():
    case = Passage((100, 200), (0, 100))
    half = Passage((100, 150), (0, 50))
    assert plagdet([[case]], [[half]])["recall"] == pytest.approx(0.5)
    assert plagdet([[case]], [[half]])["precision"] == pytest.approx(1.0)
    wide = Passage((100, 300), (0, 200))
    assert plagdet([[case]], [[wide]])["precision"] == pytest.approx(0.5)


def test_granularity_counts_detections_per_case():
    case = Passage((0, 100), (0, 100))
    parts = [Passage((0, 50), (0, 50)), Passage((50, 100), (50, 100))]
    result = plagdet([[case]], [parts])
    assert result["granularity"] == 2.0
    assert result["plagdet"] == pytest.approx(1.0 / math.log2(3))


def test_detection_must_overlap_on_both_sides():
    case = Passage((0, 100), (0, 100))
    elsewhere = Passage((0, 100), (500, 600))
    result = plagdet([[case]], [[elsewhere]])
    assert result["recall"] == 0.0 and result["precision"] == 0.0


def test_nothing_detected_scores_zero():
    assert plagdet([[Passage((0, 10), (0, 10))]], [[]])["plagdet"] == 0.0


def test_read_truth(tmp_path: Path):
    xml = tmp_path / "t.xml"
    xml.write_text(
        '<document reference="s.txt"><feature name="plagiarism" obfuscation="none" '
        'source_length="5" source_offset="7" source_reference="r.txt" this_length="5" '
        'this_offset="3"/><feature name="about" /></document>'
    )
    assert read_truth(xml) == [Passage((3, 8), (7, 12))]


def test_sample_is_seeded_and_per_category():
    pairs = [(f"s{k}", f"r{k}", "a" if k % 2 else "b") for k in range(20)]
    one, two = sample_pairs(pairs, 3, 5), sample_pairs(pairs, 3, 5)
    assert one == two and len(one) == 6
    assert sample_pairs(pairs, None, 5) == pairs


def write_corpus(root: Path) -> None:
    """A three-pair corpus in PAN's layout, text written for this test."""
    (root / "susp").mkdir()
    (root / "src").mkdir()
    (root / "truth").mkdir()
    reused = (
        "The lighthouse keeper logged every passing ship in a leather book. "
        "Storms in the winter of 1887 wrecked four schooners on the northern reef. "
        "After the last wreck the harbour board paid for a second lamp on the cliff."
    )
    own = "Our club meets on Thursdays to talk about local history and old maps. "
    other = "Bread rises faster in a warm kitchen than in a cold pantry, bakers say. "
    (root / "src" / "r1.txt").write_text("Preface of the keeper's diary. " + reused)
    (root / "src" / "r2.txt").write_text(other * 3)
    (root / "susp" / "s1.txt").write_text(own + reused + " " + own)
    (root / "pairs.tsv").write_text(
        "s1.txt\tr1.txt\tno-obfuscation\ns1.txt\tr2.txt\tno-plagiarism\n"
    )
    start_src = len("Preface of the keeper's diary. ")
    (root / "truth" / "s1-r1.xml").write_text(
        '<document reference="s1.txt"><feature name="plagiarism" obfuscation="none" '
        f'source_length="{len(reused)}" source_offset="{start_src}" source_reference="r1.txt" '
        f'this_length="{len(reused)}" this_offset="{len(own)}"/></document>'
    )


def test_end_to_end_on_a_tiny_corpus(tmp_path: Path):
    pytest.importorskip("unspun.extract.text")
    write_corpus(tmp_path)
    result = evaluate_pan13(tmp_path, use_model=False)
    assert result["pairs"] == 2 and result["scored_pairs"] == 1
    assert result["plagdet"] > 0.95
    assert result["detected"] == {"no-obfuscation": 1.0, "no-plagiarism": 0.0}
    assert not result["failed"]


@pytest.mark.slow
def test_pan13_sample_does_not_regress(shared_data: Path):
    """A seeded sample (20 pairs per category) against the pinned baseline."""
    baseline = json.loads(BASELINE.read_text())
    sample = baseline["sample"]
    result = evaluate_pan13(
        shared_data / "pan13", limit=sample["per_category"], seed=sample["seed"]
    )
    tolerance = baseline["tolerance"]
    assert result["plagdet"] >= sample["plagdet"] - tolerance
    for category, share in sample["detected"].items():
        if category == "no-plagiarism":
            assert result["detected"][category] <= share + tolerance
        else:
            assert result["detected"][category] >= share - tolerance


def test_short_shared_stretches_are_not_passages(tmp_path: Path):
    pytest.importorskip("unspun.extract.text")
    from unspun.align import AlignConfig, align_articles
    from unspun.evaluate.pan13 import passages, read_document

    shared = "Visit the museum shop at 12 Harbour Row, open daily from nine until five."
    (tmp_path / "a.txt").write_text("Tickets for the summer gala sold out in an hour. " + shared)
    (tmp_path / "b.txt").write_text(shared + " The new wing holds maps of the old coastline.")
    copy, source = read_document(tmp_path / "a.txt"), read_document(tmp_path / "b.txt")
    alignment = align_articles(copy, source, AlignConfig())
    assert alignment.pairs
    assert passages(alignment, copy, source, min_chars=0)
    assert passages(alignment, copy, source) == []
