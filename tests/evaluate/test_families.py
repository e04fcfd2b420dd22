"""``unspun eval families``: scoring on a small synth corpus, and the pinned baseline."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from unspun.config import ExtractConfig, StoreConfig
from unspun.evaluate.families import _directions, _pairwise, evaluate_families, make_corpus
from unspun.evaluate.synth import SentencePool, SynthConfig, read_truth, write_corpus
from unspun.extract.sources import read_inputs
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.retrieve.index import SourceIndex
from unspun.store import open_store

BASELINE = Path(__file__).parents[1] / "baselines" / "families.json"


def test_pairwise_counts_pairs_by_cell() -> None:
    truth = {e: {"family": f} for e, f in [("a", "x"), ("b", "x"), ("c", "x"), ("d", "y")]}
    ids = {e: e.upper() for e in truth}
    # predicted: {A, B} {C, D}: one true pair of three found, one false pair
    scores = _pairwise(truth, ids, {"A": 1, "B": 1, "C": 2, "D": 2})
    assert scores["precision"] == 0.5
    assert scores["recall"] == round(1 / 3, 4)


def _made_up_pool(n: int = 1500, seed: int = 7) -> SentencePool:
    """Sentences of invented words: no real text, plenty of rare words to align on."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvw"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    sentences = []
    for _ in range(n):
        words = rng.sample(vocab, rng.randint(9, 18))
        sentences.append(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
    return SentencePool.from_sentences(sentences)


def test_families_on_a_small_made_up_corpus(tmp_path: Path) -> None:
    cfg = SynthConfig(articles=60, seed=3, open_families=8, mean_gap_seconds=600)
    write_corpus(tmp_path, cfg, _made_up_pool())
    result = evaluate_families(tmp_path)
    assert result["articles"] == 60 and result["failed"] == 0
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9
    assert result["direction_pairs"] > 10
    assert result["direction_accuracy"] >= 0.8
    assert result["direction_accuracy"] >= result["direction_strict"]


@pytest.mark.slow
def test_families_baseline_on_synth_from_real_sentences(shared_data: Path, tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text("utf-8"))
    pinned = baseline["synth"]
    corpus = make_corpus(tmp_path, pinned["articles"], shared_data, seed=pinned["seed"])
    result = evaluate_families(corpus)
    tolerance = baseline["tolerance"]
    for key in ("precision", "recall", "direction_accuracy"):
        assert result[key] >= pinned[key] - tolerance, (key, result[key])


def test_directions_read_from_links_match_a_fresh_alignment(tmp_path: Path) -> None:
    write_corpus(tmp_path, SynthConfig(articles=60, seed=5, open_families=8), _made_up_pool())
    truth = {str(r["id"]): r for r in read_truth(tmp_path / "truth.jsonl")}
    with open_store(tmp_path / "lib.db", StoreConfig()) as store:
        store.add_many(read_inputs([str(tmp_path / "articles.jsonl")], ExtractConfig()))
        sync_families(store, SourceIndex(store.conn), FamilyConfig())
        ids = dict(store.conn.execute("SELECT external_id, id FROM articles"))
        from_links = _directions(store, truth, ids, FamilyConfig(), None)
        store.conn.execute("DELETE FROM fam_links")
        fresh = _directions(store, truth, ids, FamilyConfig(), None)
    assert from_links["direction_from_links"] > 10 and fresh["direction_from_links"] == 0
    for key in ("direction_pairs", "direction_accuracy", "direction_strict", "direction_verdicts"):
        assert from_links[key] == fresh[key], key


def test_event_pairs_score_independent_reports_and_paraphrased_copies(tmp_path) -> None:
    import json

    from unspun.evaluate.families import evaluate_event_pairs

    story = [
        "The harbour council in Port Alder voted on Monday to rebuild the north pier.",
        "Work will start in the spring and cost about 4 million euros, the council said.",
        "Fishermen have used a temporary jetty since winter storms wrecked the old pier.",
    ]
    rows = [
        ("o", "\n\n".join(story), {"kind": "original", "parent": None, "event": "o"}),
        ("p", "\n\n".join(story[:2]), {"kind": "paraphrased", "parent": "o", "event": "o"}),
    ]
    with (tmp_path / "articles.jsonl").open("w") as art, (tmp_path / "truth.jsonl").open("w") as tr:
        for rid, text, truth in rows:
            art.write(json.dumps({"id": rid, "title": f"Pier {rid}", "text": text}) + "\n")
            tr.write(json.dumps({"id": rid, "family": "o", **truth}) + "\n")
    result = evaluate_event_pairs(tmp_path, use_model=False)
    assert result["paraphrased"] == {"pairs": 1, "judged_reuse": 1.0, "outcomes": {"reuse": 1}}
