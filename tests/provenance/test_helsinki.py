"""The Helsinki corpus: the AP "Trump sets expectations low" story family (shared data).

Every article carrying that headline must be in one family, whose original is the AP wire
story (not in the library); the family must not balloon (a chained family swallowing other
stories). The figures are pinned in tests/baselines/families.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.extract.sources import read_inputs
from unspun.provenance.families import FamilyConfig, sync_families
from unspun.provenance.stories import family_of, load_family
from unspun.retrieve.index import SourceIndex
from unspun.store import open_store

BASELINE = Path(__file__).parents[1] / "baselines" / "families.json"
HEADLINE = "trump sets expectations low for helsinki summit with putin"


@pytest.mark.slow
def test_expectations_low_family(shared_data: Path, tmp_path: Path) -> None:
    pinned = json.loads(BASELINE.read_text("utf-8"))["helsinki"]
    csv = shared_data / "news" / "helsinki_articles.csv"
    with open_store(tmp_path / "lib.db") as store:
        store.add_many(read_inputs([str(csv)], ExtractConfig()))
        sync_families(store, SourceIndex(store.conn), FamilyConfig())
        titled = [
            r[0]
            for r in store.conn.execute("SELECT id, title FROM articles")
            if " ".join(r[1].lower().split()).startswith(HEADLINE)
        ]
        families = {family_of(store.conn, a) for a in titled}
        assert len(families) == 1, "the headline's copies are split over several families"
        family = load_family(store, families.pop())
    assert len(titled) == pinned["titled"]
    assert family.original_label == "wire story, not in the library: AP"
    assert len(family) <= pinned["family_size"] + pinned["size_tolerance"]
    words = sorted(m.words for m in family.members if m.article_id in titled)
    assert words[0] <= 130 and words[-1] >= 1000  # the first version and the long updates
    whens = [m.when for m in family.members if m.when]
    assert whens == sorted(whens)
