from __future__ import annotations

from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.fts import bm25_search, distinctive_terms
from unspun.retrieve.index import SourceIndex


def test_distinctive_terms_skip_common_and_unknown_words(
    index: SourceIndex, stories: list[Article]
) -> None:
    index.add_many(stories)
    cfg = RetrieveConfig(bm25_terms=5, bm25_max_df=0.5)
    terms = distinctive_terms(index.conn, "the the the orchid orchid xyzzy embankment", 6, cfg)
    assert terms[0] == "orchid"
    assert "embankment" in terms
    assert "the" not in terms and "xyzzy" not in terms


def test_bm25_ranks_the_matching_story_first(index: SourceIndex, stories: list[Article]) -> None:
    index.add_many(stories)
    hits = bm25_search(index.conn, ["cellos", "orchestra", "nonexistent"], 3)
    assert hits[0][0] == 2 and hits[0][1] > 0
    assert bm25_search(index.conn, [], 3) == []
    assert bm25_search(index.conn, ['quo"te'], 3) == []
