"""Settings of the retrieve stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetrieveConfig:
    """How candidate sources are indexed and looked up.

    Changing a field marked *index* changes what is stored: an index built with other values
    must be rebuilt (:meth:`SourceIndex.ensure_schema` records them and refuses a mismatch).
    """

    # Shingle retriever (verbatim and near-verbatim reuse).
    shingle_size: int = 4  # index: words per shingle
    shingle_sample: int = 4  # index: keep the shingles whose hash is 0 modulo this (1 = all)
    shingle_max_df: int = 500  # a shingle in more articles than this is a stop-shingle
    shingle_min_shared: int = 2  # fewer shared (sampled) shingles is no evidence
    # BM25 retriever (full-text, FTS5).
    bm25_terms: int = 40  # the query's most distinctive terms, OR-ed
    bm25_window_terms: int = 40  # ... and a window's, for the windows of a long query
    bm25_max_df: float = 0.05  # terms in a larger share of the library are never query terms
    bm25_max_df_docs: int = 500  # ... nor terms in more articles than this (query cost)
    bm25_window_words: int = 400  # long queries are also searched window by window ...
    bm25_windows: int = 12  # ... at most this many windows
    # Rare-term retriever: the query's rarest words (names, odd terms), whatever their count.
    # A source whose passage was summarised or reworded into a long page on another subject
    # leaves few words behind, but they are its rarest: a tf x idf query drowns them in the
    # page's own subject, a query of the rarest terms alone does not.
    rare_terms: int = 30  # at most this many terms, rarest first
    rare_max_df: float = 0.002  # a term in a larger share of the library is not rare ...
    rare_max_df_floor: int = 3  # ... unless it is in this many articles or fewer
    # Name retriever: the query's names of two words or more ("Mark Zimmer", "Booker T.
    # Washington") searched as phrases, rarest first. A full name is more specific than its
    # words: a source whose passage was summarised keeps its people and places.
    name_phrases: int = 30  # at most this many names, those with the rarest word first
    # Passage retriever (long queries): each window of a few sentences is searched with its
    # own rarest terms, and a candidate scores by reciprocal rank summed over the windows, so
    # a source reused in one short passage of a long page ranks by that passage.
    passage_min_words: int = 600  # queries this long or longer (shorter: one passage)
    passage_words: int = 60  # words per window (whole sentences; windows overlap by half)
    passage_terms: int = 10  # terms per window query
    passage_hits: int = 10  # documents kept per window
    passage_windows: int = 48  # at most this many windows (an even sample of a long page)
    # Vector retriever (paraphrase): a few sentences per article, embedded.
    vector_model: str = "static"  # index: "static" (distilled from MiniLM) or "minilm" itself
    vector_sentences: int = 8  # index: sentences embedded per article (title + lede + sample)
    vector_query_sentences: int = 32  # query sentences embedded
    vector_neighbours: int = 20  # nearest sentences kept per query sentence
    vector_min_cosine: float = 0.5  # weaker neighbours are no evidence
    vectors_at_add: bool = True  # embed as articles are added, or later with index_vectors()
    vector_ann: bool = True  # search the approximate (HNSW) index, not every stored vector
    # Fusion.
    k_per_retriever: int = 50  # candidates each retriever hands to the fusion
    rrf_k: int = 10  # reciprocal-rank fusion constant (small: a top rank stays decisive)
    weight_shingles: float = 1.0
    weight_bm25: float = 1.0
    weight_vectors: float = 1.0
    weight_rare: float = 1.0
    weight_passages: float = 1.0
    weight_names: float = 1.0

    def index_key(self) -> str:
        """The settings that shape the stored index, as one string kept in ``idx_meta``."""
        return (
            f"shingles={self.shingle_size}/{self.shingle_sample};"
            f"vectors={self.vector_sentences}/{self.vector_model}"
        )
