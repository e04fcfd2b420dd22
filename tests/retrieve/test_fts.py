from __future__ import annotations

from collections import Counter

from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.fts import (
    bm25_search,
    distinctive_terms,
    name_phrases,
    passage_windows,
    rarest_names,
    rarest_terms,
)
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


def test_rarest_terms_rank_by_document_frequency_then_count() -> None:
    tf = Counter({"storm": 3, "balcombe": 1, "curry": 2, "the": 9, "unknown": 1})
    df = {"storm": 40, "balcombe": 1, "curry": 1, "the": 900}
    assert rarest_terms(tf, df, max_df=50, limit=3) == ["curry", "balcombe", "storm"]
    assert rarest_terms(tf, df, max_df=1, limit=5) == ["curry", "balcombe"]


def test_passage_windows_are_whole_sentences_overlapping_by_half() -> None:
    text = " ".join(f"Sentence number {k} has exactly seven words." for k in range(20))
    windows = passage_windows(text, size=21, most=50)
    assert windows[0].count("Sentence") == 3
    assert windows[1].startswith("Sentence number 2 ")  # half a window (about 10 words) on
    assert windows[-1].endswith("number 19 has exactly seven words.")
    assert all(w.endswith(".") for w in windows)
    few = passage_windows(text, size=21, most=4)
    assert len(few) == 4 and few[0] == windows[0] and few[-1] == windows[-1]
    assert passage_windows("", size=21, most=4) == []


def test_name_phrases_are_capitalised_runs_of_two_words_or_more() -> None:
    text = (
        "The Clarence Thomas hearing opened. In Booker T. Washington's view, the "
        "Massachusetts Institute of Technology said Mark Zimmer was right; Mark Zimmer agreed. "
        "Officials met on Tuesday."
    )
    assert name_phrases(text) == Counter(
        {
            "clarence thomas": 1,
            "booker t washington": 1,
            "massachusetts institute of technology": 1,
            "mark zimmer": 2,
        }
    )
    assert name_phrases("no names here at all.") == Counter()
    assert name_phrases("met Joe\nBiden there\n\nPutin Said no") == Counter(
        {"joe biden": 1, "putin said": 1}  # a line break joins, a blank line does not
    )


def test_rarest_names_rank_by_their_rarest_word() -> None:
    names = Counter({"mark zimmer": 1, "white house": 3, "joe nobody": 1})
    df = {"mark": 50, "zimmer": 1, "white": 400, "house": 500, "joe": 30}
    assert rarest_names(names, df, 1000, limit=5) == ["mark zimmer", "white house"]
    assert rarest_names(names, df, 1000, limit=1) == ["mark zimmer"]
    assert rarest_names(names, df, max_df=100, limit=5) == ["mark zimmer"]
