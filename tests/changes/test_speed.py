"""Speed: the changes of a 700-word pair in at most 200 ms on one core (alignment excluded).

Timed in CPU seconds of this process (``time.process_time``): the test machines are shared,
and wall-clock time there measures the neighbours as much as the code."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from unspun.align import AlignConfig, align_articles
from unspun.changes import ChangeConfig, detect_changes, entities
from unspun.changes.normalize import _fold_short, normalize_word
from unspun.evaluate.changes import speed_pair

BASELINE = json.loads((Path(__file__).parents[1] / "baselines" / "changes.json").read_text())


@pytest.mark.shared
def test_700_word_pair_within_budget(shared_data: Path) -> None:
    news = shared_data / "news" / "helsinki_articles.csv"
    if not news.exists():
        pytest.skip(f"{news} not found")
    copy, source = speed_pair(news)
    assert len(source.text.split()) >= 700
    alignment = align_articles(copy, source, AlignConfig(model="none"), None)
    timings = []
    for _ in range(3):
        for cached in (normalize_word, _fold_short, entities._low, entities._name_shape):
            cached.cache_clear()  # cold caches: a single pair in a fresh process
        started = time.process_time()
        changes = detect_changes(copy, source, alignment, ChangeConfig())
        timings.append(time.process_time() - started)
    assert changes  # the edits are found
    assert min(timings) * 1000 <= BASELINE["speed"]["ms_per_700_word_pair"], timings
