from __future__ import annotations

import sqlite3
from collections.abc import Callable

import numpy as np
import pytest

from unspun.errors import SchemaError
from unspun.model import Article
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.shingles import word_hash, words


class BagOfWordsEmbedder:
    """A stand-in for the sentence model: hashed bag of words, L2-normalised."""

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(sentences), 384), dtype=np.float32)
        for i, sentence in enumerate(sentences):
            for w in words(sentence):
                if len(w) > 3:
                    out[i, word_hash(w[:5]) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def top(index: SourceIndex, article: Article, k: int = 3) -> list[str]:
    return [c.article_id for c in index.candidates(article, k)]


def test_verbatim_copy_finds_its_source_first(
    make_article: Callable[..., Article], index: SourceIndex, stories: list[Article]
) -> None:
    index.add_many(stories)
    copy = make_article("Copied", stories[1].text)
    found = index.candidates(copy, 3)
    assert found[0].article_id == stories[1].id
    assert found[0].scores["shingles"] > 0.95
    assert {"shingles", "bm25"} <= set(found[0].ranks)


def test_truncated_copy_and_copy_inside_a_long_page(
    make_article: Callable[..., Article], index: SourceIndex, stories: list[Article]
) -> None:
    index.add_many(stories)
    first_paragraph = stories[0].text.split("\n\n")[0]
    assert top(index, make_article("", first_paragraph))[0] == stories[0].id
    others = "\n\n".join(s.text for s in stories[2:])
    page = make_article("Digest", others + "\n\n" + first_paragraph)
    assert stories[0].id in top(index, page, 5)


def test_the_query_article_itself_is_left_out(index: SourceIndex, stories: list[Article]) -> None:
    index.add_many(stories)
    assert stories[2].id not in top(index, stories[2], 10)


def test_add_is_idempotent_and_remove_takes_everything_out(
    make_article: Callable[..., Article], index: SourceIndex, stories: list[Article]
) -> None:
    assert index.add_many(stories) == len(stories)
    assert index.add_many(stories) == 0
    assert len(index) == len(stories)
    assert index.remove(stories[3].id)
    assert not index.remove(stories[3].id)
    assert stories[3].id not in index
    assert stories[3].id not in top(index, make_article("", stories[3].text), 10)
    left = index.conn.execute("SELECT count(*) FROM idx_shingles").fetchone()[0]
    index.add(stories[3])
    assert index.conn.execute("SELECT count(*) FROM idx_shingles").fetchone()[0] > left
    assert top(index, make_article("", stories[3].text))[0] == stories[3].id


def test_index_survives_reopening(
    make_article: Callable[..., Article], tmp_path, stories: list[Article]
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lib.db"
    with sqlite3.connect(path) as conn:
        first = SourceIndex(conn, RetrieveConfig())
        first.ensure_schema()
        first.add_many(stories)
    conn = sqlite3.connect(path)
    again = SourceIndex(conn, RetrieveConfig())
    again.ensure_schema()
    assert len(again) == len(stories)
    assert top(again, make_article("", stories[4].text))[0] == stories[4].id
    conn.close()


def test_settings_that_shape_the_index_must_match() -> None:
    conn = sqlite3.connect(":memory:")
    SourceIndex(conn, RetrieveConfig(shingle_size=4)).ensure_schema()
    with pytest.raises(SchemaError, match="rebuild"):
        SourceIndex(conn, RetrieveConfig(shingle_size=5)).ensure_schema()
    SourceIndex(conn, RetrieveConfig(shingle_size=4, bm25_terms=10)).ensure_schema()


def test_unrelated_text_finds_no_shingle_evidence(
    index: SourceIndex, stories: list[Article]
) -> None:
    index.add_many(stories)
    assert index.search_shingles("Completely different words about nothing in particular") == []


def test_vectors_find_a_paraphrase_and_may_be_deferred(
    make_article: Callable[..., Article],
    stories: list[Article],
) -> None:
    conn = sqlite3.connect(":memory:")
    embedder = BagOfWordsEmbedder()
    cfg = RetrieveConfig(vector_min_cosine=0.3, vectors_at_add=False)
    index = SourceIndex(conn, cfg, embedder)
    index.ensure_schema()
    index.add_many(stories)
    assert embedder.calls == 0
    assert index.index_vectors() == len(stories)
    assert index.index_vectors() == 0
    spun = make_article(
        "",
        "Botanical experts confirmed the ghostly orchid, leafless and lacking chlorophyll, "
        "blooming beside railway tracks near Thornbury.",
    )
    assert index.search_vectors(spun.title, spun.text)[0][0] == 3
    found = index.candidates(spun, 3)
    assert found[0].article_id == stories[2].id and "vectors" in found[0].scores
    index.remove(stories[2].id)
    assert all(doc != 3 for doc, _ in index.search_vectors(spun.title, spun.text))


def test_vectors_at_add(stories: list[Article]) -> None:
    conn = sqlite3.connect(":memory:")
    embedder = BagOfWordsEmbedder()
    index = SourceIndex(conn, RetrieveConfig(), embedder)  # vectors at add by default
    index.ensure_schema()
    index.add(stories[0])
    assert embedder.calls == 1
    assert index.index_vectors() == 0


def test_version_1_index_is_migrated(stories: list[Article]) -> None:
    conn = sqlite3.connect(":memory:")
    index = SourceIndex(conn, RetrieveConfig())
    index.ensure_schema()
    index.add_many(stories)
    conn.execute("DELETE FROM idx_terms")
    conn.execute("UPDATE idx_meta SET value = '1' WHERE key = 'schema_version'")
    assert index.search_bm25(stories[1].text) == []
    index.ensure_schema()
    assert index.search_bm25(stories[1].text)[0][0] == 2
    conn.execute("UPDATE idx_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(SchemaError, match="version 99"):
        index.ensure_schema()


# A page of its own on a subject the library does not hold (written for these tests).
FILLER = (
    "The regional ferry company will add a second crossing on weekday evenings from March, "
    "after commuters complained that the last boat left too early. Ticket prices stay the "
    "same for season holders, while day fares rise by a small amount.\n\n"
    "A new playground opened beside the town hall on Saturday, paid for by a neighbourhood "
    "fund and built by volunteers over six weekends. Parents asked for more benches and a "
    "shaded corner, which the council promised to consider next year.\n\n"
    "The public library extends its opening hours during the exam season, and students may "
    "book quiet rooms online. Staff said the reading room was full most afternoons last June, "
    "and that the extra evenings had been requested by schools."
)


def test_rare_names_left_in_a_page_on_another_subject_find_their_source(
    make_article: Callable[..., Article], stories: list[Article]
) -> None:
    conn = sqlite3.connect(":memory:")
    index = SourceIndex(conn, RetrieveConfig(shingle_sample=1, rare_max_df_floor=1))
    index.ensure_schema()
    index.add_many(stories)
    # notices of the week: the page's everyday words are common in this library
    index.add_many(make_article(f"Notice {k}", f"{FILLER} Notice {k}.") for k in range(12))
    # the page borrows two names of the orchestra story, and nothing else of it
    page = make_article(
        "Town news",
        FILLER + "\n\nA spokesman in Lindau said the Valmont players return in May.",
    )
    assert index.search_rare(index._text(page.title, page.text))[0][0] == 2
    found = {c.article_id: c for c in index.candidates(page, 6)}
    assert found[stories[1].id].ranks["rare"] == 1


def test_full_names_left_in_a_page_on_another_subject_find_their_source(
    make_article: Callable[..., Article], stories: list[Article]
) -> None:
    conn = sqlite3.connect(":memory:")
    index = SourceIndex(conn, RetrieveConfig(shingle_sample=1))
    index.ensure_schema()
    index.add_many(stories)
    people = make_article(
        "Council notes",
        "Councillor Ada Brennigan opened the session. Ada Brennigan and Tomas Ekwall of the "
        "Harbour Trust then spoke about the sea wall.",
    )
    index.add(people)
    # a page on another subject that names the same two people, and nothing else of theirs
    page = make_article("Town news", FILLER + "\n\nAda Brennigan thanked Tomas Ekwall.")
    ranking = index.search_names(index._text(page.title, page.text))
    assert ranking and index._doc_of(people.id) == ranking[0][0]
    found = {c.article_id: c for c in index.candidates(page, 6)}
    assert found[people.id].ranks["names"] == 1
    assert index.search_names("nobody is named here.") == []


def test_a_reworded_passage_of_a_long_page_is_searched_on_its_own(
    make_article: Callable[..., Article], stories: list[Article]
) -> None:
    conn = sqlite3.connect(":memory:")
    cfg = RetrieveConfig(shingle_sample=1, bm25_max_df=1.0, passage_min_words=100)
    index = SourceIndex(conn, cfg)
    index.ensure_schema()
    index.add_many(stories)
    passage = (
        "In Port Elling the councillors agreed to pay for a new sea wall, after engineers "
        "blamed tidal scouring for the collapse; the granite will face the concrete."
    )
    page = make_article("Week in review", FILLER + "\n\n" + passage)
    ranking = index.search_passages(index._text(page.title, page.text))
    assert ranking[0][0] == 1  # the storm wall story, indexed first
    short = make_article("Brief", passage)
    assert index.search_passages(index._text(short.title, short.text)) == []  # one passage
