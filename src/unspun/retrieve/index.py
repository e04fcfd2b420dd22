"""The persistent, incremental source index, kept in the library's SQLite file.

Its tables carry the prefix ``idx_`` and live beside the store's tables; the store calls
:meth:`SourceIndex.add` and :meth:`SourceIndex.remove` inside its own transactions, so an
article and its index entries are written (or rolled back) together. Nothing here commits.

Tables::

    idx_meta      key -> value: schema version, the settings the index was built with,
                  a generation counter that moves when documents are removed
    idx_docs      one row per indexed article: its integer ``doc`` number, article id,
                  sampled-shingle count, whether its vectors are in, its text (zlib)
    idx_shingles  (shingle hash, doc): the inverted index of sampled word n-gram shingles
    idx_fts       FTS5, contentless: title and body words for BM25
    idx_vectors   (doc, sentence hash h, float16 sentence vector): a few sentence embeddings
                  per article; its
                  ids are never reused (AUTOINCREMENT), so the approximate index beside the
                  library (:mod:`unspun.retrieve.ann`) can catch up with it incrementally

The zlib copy of the text lets :meth:`remove` take the words back out of the contentless FTS
table and the shingle index, and lets vectors be computed later, without asking the store.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable

import numpy as np

from unspun.errors import SchemaError
from unspun.model import Article
from unspun.retrieve.ann import VectorAnn, ann_path, load_usearch
from unspun.retrieve.candidates import Candidate, fuse
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.fts import SCHEMA as FTS_SCHEMA
from unspun.retrieve.fts import (
    bm25_search,
    distinctive_terms,
    document_frequencies,
    fts_add,
    fts_remove,
    name_phrases,
    passage_windows,
    query_max_df,
    query_terms,
    rarest_names,
    rarest_terms,
)
from unspun.retrieve.shingles import as_signed, overlap, shingle_hashes, words
from unspun.retrieve.vectors import (
    Embedder,
    SentenceCache,
    VectorMatrix,
    index_sentences,
    query_sentences,
    rank_documents,
    sentence_key,
    to_blob,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3  # bump, with a migration in _MIGRATIONS, when the tables change
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS idx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS idx_docs (doc INTEGER PRIMARY KEY, article_id TEXT NOT NULL "
    "UNIQUE, n_shingles INTEGER NOT NULL, vectors INTEGER NOT NULL DEFAULT 0, text BLOB)",
    "CREATE INDEX IF NOT EXISTS idx_docs_pending ON idx_docs (vectors) WHERE vectors = 0",
    "CREATE TABLE IF NOT EXISTS idx_shingles (h INTEGER NOT NULL, doc INTEGER NOT NULL, "
    "PRIMARY KEY (h, doc)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS idx_vectors (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "doc INTEGER NOT NULL, h INTEGER NOT NULL, vec BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS idx_vectors_doc ON idx_vectors (doc)",
    "CREATE INDEX IF NOT EXISTS idx_vectors_h ON idx_vectors (h)",
    *FTS_SCHEMA,
)
RETRIEVERS = ("shingles", "bm25", "rare", "passages", "vectors")


def _pack(title: str, text: str) -> bytes:
    return zlib.compress(f"{title}\x00{text}".encode(), 6)


def _unpack(blob: bytes) -> tuple[str, str]:
    title, _, text = zlib.decompress(blob).decode().partition("\x00")
    return title, text


def _count_terms(conn: sqlite3.Connection, cfg: RetrieveConfig) -> None:
    """Version 1 -> 2: document frequencies move from ``fts5vocab`` to ``idx_terms``."""
    df: Counter[str] = Counter()
    for (blob,) in conn.execute("SELECT text FROM idx_docs"):
        title, text = _unpack(blob)
        df.update(set(words(f"{title} {text}")))
    conn.execute("DELETE FROM idx_terms")
    conn.executemany("INSERT INTO idx_terms (term, df) VALUES (?, ?)", df.items())
    conn.execute("DROP TABLE IF EXISTS idx_fts_vocab")


def _drop_vectors(conn: sqlite3.Connection) -> None:
    """Forget every sentence vector: each article is embedded again (``index_vectors``)."""
    conn.execute("DROP TABLE IF EXISTS idx_vectors")
    for statement in SCHEMA:
        if "idx_vectors" in statement:
            conn.execute(statement)
    conn.execute("UPDATE idx_docs SET vectors = 0 WHERE vectors != 0")
    conn.execute("UPDATE idx_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    _new_epoch(conn)


def _new_epoch(conn: sqlite3.Connection) -> None:
    """Draw the random number that tells this library's vectors from any other's (an index
    file left beside a library that was replaced, or whose vectors were dropped)."""
    conn.execute(
        "INSERT OR REPLACE INTO idx_meta (key, value) VALUES ('vectors_epoch', ?)",
        (str(secrets.randbits(40)),),
    )


def _static_vectors(conn: sqlite3.Connection, cfg: RetrieveConfig) -> None:
    """Version 2 -> 3: the vectors are the static embedding's, in a table whose ids are never
    reused; MiniLM's vectors of version 2 are dropped, to be embedded again."""
    _drop_vectors(conn)
    row = conn.execute("SELECT value FROM idx_meta WHERE key = 'index_key'").fetchone()
    if row is not None and row[0].partition(";")[0] == cfg.index_key().partition(";")[0]:
        conn.execute("UPDATE idx_meta SET value = ? WHERE key = 'index_key'", (cfg.index_key(),))


_MIGRATIONS = {1: _count_terms, 2: _static_vectors}


def vector_encoder(cfg: RetrieveConfig, embedder: Embedder | None) -> Embedder | None:
    """What embeds the sentences the vector retriever indexes and looks up.

    ``embedder`` turns the vectors on. When it is the packaged MiniLM (the aligner's model,
    which callers hand over) and ``cfg.vector_model`` is ``"static"``, the static embedding
    distilled from it takes its place (150 times faster; MiniLM still decides the alignment).
    Any other embedder (a test's) is used as given.
    """
    if embedder is None:
        return None
    if cfg.vector_model == "static" and getattr(embedder, "name", "").startswith("minilm"):
        from unspun.retrieve.static import load_static

        embedder = load_static()
    return SentenceCache(embedder)


class SourceIndex:
    """Candidate-source retrieval over the library: shingles, BM25 and sentence vectors.

    ``embedder`` is optional: without one the vector retriever is skipped (see
    :func:`vector_encoder` for what embeds). With one, vectors are computed at :meth:`add`
    when ``cfg.vectors_at_add`` is set (the default); :meth:`index_vectors` embeds the
    articles still pending, in bulk. Vectors are searched through the approximate index
    beside the library (:meth:`sync_ann` keeps it in step), or exactly without usearch.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        cfg: RetrieveConfig | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.conn = conn
        self.cfg = cfg or RetrieveConfig()
        self.embedder = vector_encoder(self.cfg, embedder)
        self._matrix = VectorMatrix()
        self._ann: VectorAnn | None = None

    # -- schema -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the index tables if missing; refuse an index of another version or shape."""
        for statement in SCHEMA:
            self.conn.execute(statement)
        meta = dict(self.conn.execute("SELECT key, value FROM idx_meta"))
        if not meta:
            self.conn.executemany(
                "INSERT INTO idx_meta (key, value) VALUES (?, ?)",
                [
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("index_key", self.cfg.index_key()),
                    ("generation", "0"),
                ],
            )
            _new_epoch(self.conn)
            return
        if "vectors_epoch" not in meta:
            _new_epoch(self.conn)
        version = int(meta.get("schema_version", "0"))
        while version in _MIGRATIONS and version < SCHEMA_VERSION:
            _MIGRATIONS[version](self.conn, self.cfg)
            version += 1
            self.conn.execute(
                "UPDATE idx_meta SET value = ? WHERE key = 'schema_version'", (str(version),)
            )
            log.info("source index migrated to schema version %d", version)
        if version != SCHEMA_VERSION:
            raise SchemaError(
                f"source index has schema version {version}, this unspun "
                f"reads version {SCHEMA_VERSION}: rebuild the index (unspun index --rebuild)"
            )
        key = self.conn.execute("SELECT value FROM idx_meta WHERE key = 'index_key'").fetchone()
        stored = key[0] if key else ""
        wanted = self.cfg.index_key()
        if stored != wanted and stored.partition(";")[0] == wanted.partition(";")[0]:
            log.warning(
                "source index: sentence vectors were made with %s, the settings ask for %s: "
                "they are dropped, to be embedded again (unspun index)",
                stored.partition(";")[2],
                wanted.partition(";")[2],
            )
            _drop_vectors(self.conn)
            self.conn.execute("UPDATE idx_meta SET value = ? WHERE key = 'index_key'", (wanted,))
        elif stored != wanted:
            raise SchemaError(
                f"source index was built with {meta.get('index_key')}, the settings ask for "
                f"{self.cfg.index_key()}: rebuild the index or use the settings it was built with"
            )

    # -- writing ------------------------------------------------------------------------

    def add(self, article: Article) -> None:
        """Index one article (a no-op when it is already indexed)."""
        if self._doc_of(article.id) is not None:
            return
        hashes = shingle_hashes(self._text(article.title, article.text), *self._shingling())
        cur = self.conn.execute(
            "INSERT INTO idx_docs (article_id, n_shingles, text) VALUES (?, ?, ?)",
            (article.id, len(hashes), _pack(article.title, article.text)),
        )
        doc = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO idx_shingles (h, doc) VALUES (?, ?)",
            ((int(h), doc) for h in as_signed(hashes)),
        )
        fts_add(self.conn, doc, article.title, article.text)
        if self.embedder is not None and self.cfg.vectors_at_add:
            self._embed([(doc, article.title, article.text)])

    def add_many(self, articles: Iterable[Article]) -> int:
        """Index several articles; returns how many were new."""
        added = 0
        for article in articles:
            before = self.conn.total_changes
            self.add(article)
            added += self.conn.total_changes != before
        return added

    def remove(self, article_id: str) -> bool:
        """Take an article out of every index; False when it was not indexed."""
        row = self.conn.execute(
            "SELECT doc, text FROM idx_docs WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return False
        doc, blob = row
        title, text = _unpack(blob)
        hashes = shingle_hashes(self._text(title, text), *self._shingling())
        self.conn.executemany(
            "DELETE FROM idx_shingles WHERE h = ? AND doc = ?",
            ((int(h), doc) for h in as_signed(hashes)),
        )
        fts_remove(self.conn, doc, title, text)
        self.conn.execute("DELETE FROM idx_vectors WHERE doc = ?", (doc,))
        self.conn.execute("DELETE FROM idx_docs WHERE doc = ?", (doc,))
        self.conn.execute(
            "UPDATE idx_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
        )
        return True

    def index_vectors(self, limit: int | None = None, batch: int = 64) -> int:
        """Embed the sentences of articles indexed without vectors; returns how many."""
        if self.embedder is None:
            return 0
        done = 0
        while limit is None or done < limit:
            size = batch if limit is None else min(batch, limit - done)
            rows = self.conn.execute(
                "SELECT doc, text FROM idx_docs WHERE vectors = 0 LIMIT ?", (size,)
            ).fetchall()
            if not rows:
                break
            self._embed([(doc, *_unpack(blob)) for doc, blob in rows])
            done += len(rows)
        return done

    def _embed(self, docs: list[tuple[int, str, str]]) -> None:
        assert self.embedder is not None
        sentences = [index_sentences(title, text, self.cfg) for _, title, text in docs]
        flat = [s for group in sentences for s in group]
        vectors = self.embedder.encode(flat) if flat else np.zeros((0, 1), np.float32)
        blobs = iter(to_blob(vectors))
        self.conn.executemany(
            "INSERT INTO idx_vectors (doc, h, vec) VALUES (?, ?, ?)",
            ((doc, sentence_key(s), next(blobs))
             for (doc, _, _), group in zip(docs, sentences, strict=True) for s in group),
        )  # fmt: skip
        self.conn.executemany(
            "UPDATE idx_docs SET vectors = 1 WHERE doc = ?", ((doc,) for doc, _, _ in docs)
        )

    def sync_ann(self, save: bool = True) -> int:
        """Bring the approximate vector index in step with the committed vectors, and write
        it beside the library when it changed; returns how many vectors it took in or out.
        Call it after the transaction that added or removed articles has committed."""
        if self.embedder is None or not self.cfg.vector_ann:
            return 0
        ann = self._vector_ann()
        if ann is None:
            return 0
        changed = ann.sync(self.conn, self._generation())
        if save:
            ann.save()
        return changed

    def _vector_ann(self) -> VectorAnn | None:
        if self._ann is None:
            row = self.conn.execute("SELECT vec FROM idx_vectors LIMIT 1").fetchone()
            if row is None:
                return None
            try:
                load_usearch()
            except ImportError:
                log.warning("usearch is not installed: sentence vectors are searched exactly")
                self.cfg = dataclasses.replace(self.cfg, vector_ann=False)
                return None
            self._ann = VectorAnn(len(row[0]) // 2, ann_path(self.conn))
        return self._ann

    # -- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM idx_docs").fetchone()[0])

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._doc_of(article_id) is not None

    def candidates(self, article: Article, k: int = 20) -> list[Candidate]:
        """The ``k`` library articles most likely to be sources of ``article``, best first.

        The article itself, when it is in the library, is left out.
        """
        text = self._text(article.title, article.text)
        own = self._doc_of(article.id)
        df = document_frequencies(self.conn, sorted(set(words(text))))
        rankings: dict[str, list[tuple[int, float]]] = {
            "shingles": self.search_shingles(text),
            "bm25": self.search_bm25(text, df),
            "rare": self.search_rare(text, df),
            "passages": self.search_passages(text, df),
            "names": self.search_names(text, df),
        }
        if self.embedder is not None:
            rankings["vectors"] = self.search_vectors(article.title, article.text)
        limit = self.cfg.k_per_retriever
        named = self._article_ids({d for r in rankings.values() for d, _ in r[:limit]})
        by_id = {
            name: [(named[d], s) for d, s in ranking[:limit] if d != own]
            for name, ranking in rankings.items()
        }
        weights = {
            "shingles": self.cfg.weight_shingles,
            "bm25": self.cfg.weight_bm25,
            "vectors": self.cfg.weight_vectors,
            "rare": self.cfg.weight_rare,
            "passages": self.cfg.weight_passages,
            "names": self.cfg.weight_names,
        }
        return fuse(by_id, weights, self.cfg.rrf_k, k)

    def search_shingles(self, text: str) -> list[tuple[int, float]]:
        """Documents sharing sampled shingles with ``text``, best first, with the containment
        of the smaller in the larger (:func:`overlap`) as their score."""
        cfg = self.cfg
        query = [int(h) for h in as_signed(shingle_hashes(text, *self._shingling()))]
        postings: dict[int, list[int]] = {}
        for i in range(0, len(query), 500):
            chunk = query[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT h, doc FROM idx_shingles WHERE h IN ({marks})"
            for h, doc in self.conn.execute(sql, chunk):
                postings.setdefault(h, []).append(doc)
        shared: Counter[int] = Counter()
        for docs in postings.values():
            if len(docs) <= cfg.shingle_max_df:
                shared.update(docs)
        hits = [(d, n) for d, n in shared.most_common(20 * cfg.k_per_retriever)]
        hits = [(d, n) for d, n in hits if n >= cfg.shingle_min_shared]
        if not hits:
            return []
        sizes = self._sizes([d for d, _ in hits])
        floor = cfg.shingle_min_shared * 2
        scored = [(d, overlap(n, len(query), sizes[d], floor), n) for d, n in hits if d in sizes]
        # Ranked by shared x containment: containment alone lets a short article that shares
        # one common sentence outrank a source of which a long passage is copied; the shared
        # count alone lets a long page sharing boilerplate outrank a short source copied whole.
        scored.sort(key=lambda x: (-x[1] * x[2], -x[2]))
        return [(d, round(s, 4)) for d, s, _ in scored]

    def search_bm25(self, text: str, df: dict[str, int] | None = None) -> list[tuple[int, float]]:
        """BM25 over the library for the query's distinctive terms, and for each window of a
        long query (so that each source of a page built from several is looked for).
        ``df`` may hold the document frequencies of the query's words, already looked up."""
        cfg = self.cfg
        n_docs = len(self)
        limit = cfg.k_per_retriever
        tokens = text.split()
        windows = [text]
        if len(tokens) > cfg.bm25_window_words * 1.5:
            step = max(cfg.bm25_window_words, len(tokens) // cfg.bm25_windows + 1)
            windows += [
                " ".join(tokens[i : i + cfg.bm25_window_words]) for i in range(0, len(tokens), step)
            ]
        if df is None:
            df = document_frequencies(self.conn, sorted(set(words(text))))
        if len(windows) == 1:
            terms = distinctive_terms(self.conn, text, n_docs, cfg, df)
            return bm25_search(self.conn, terms, limit)
        best: dict[int, tuple[int, int]] = {}  # doc -> (best rank, -windows it is found in)
        raw: dict[int, float] = {}
        for i, window in enumerate(windows):
            limit = cfg.bm25_terms if i == 0 else cfg.bm25_window_terms
            terms = distinctive_terms(self.conn, window, n_docs, cfg, df, limit)
            for rank, (doc, score) in enumerate(bm25_search(self.conn, terms, limit), 1):
                r, n = best.get(doc, (rank, 0))
                best[doc] = (min(r, rank), n - 1)
                raw[doc] = max(raw.get(doc, 0.0), score)
        order = sorted(best, key=lambda d: best[d])
        return [(d, round(raw[d], 4)) for d in order]

    def search_rare(self, text: str, df: dict[str, int] | None = None) -> list[tuple[int, float]]:
        """BM25 for the query's rarest terms alone (``cfg.rare_terms``, in at most
        ``cfg.rare_max_df`` of the library): the names and odd words a reworded or summarised
        passage keeps from its source. Cheap: rare terms have short posting lists."""
        cfg = self.cfg
        n_docs = len(self)
        tf = query_terms(text)
        if not tf or n_docs == 0:
            return []
        if df is None:
            df = document_frequencies(self.conn, sorted(tf))
        max_df = max(cfg.rare_max_df_floor, int(cfg.rare_max_df * n_docs))
        terms = rarest_terms(tf, df, max_df, cfg.rare_terms)
        return bm25_search(self.conn, terms, cfg.k_per_retriever)

    def search_names(self, text: str, df: dict[str, int] | None = None) -> list[tuple[int, float]]:
        """BM25 for the query's names of two words or more, each searched as a phrase, those
        with the rarest word first (``cfg.name_phrases``; a name's rarest word must be as
        rare as a BM25 query term). ``df`` may hold the query words' document frequencies."""
        cfg = self.cfg
        n_docs = len(self)
        names = name_phrases(text) if n_docs else None
        if not names:
            return []
        if df is None:
            df = document_frequencies(self.conn, sorted({w for n in names for w in n.split()}))
        max_df = query_max_df(cfg, n_docs)
        phrases = rarest_names(names, df, max_df, cfg.name_phrases)
        return bm25_search(self.conn, phrases, cfg.k_per_retriever)

    def search_passages(
        self, text: str, df: dict[str, int] | None = None
    ) -> list[tuple[int, float]]:
        """For a long query (``cfg.passage_min_words`` or more), each window of a few
        sentences searched with its own rarest terms; documents ranked by their reciprocal
        ranks summed over the windows (a source of one short passage ranks by that passage,
        one reused across the page collects from each window)."""
        cfg = self.cfg
        n_docs = len(self)
        if n_docs == 0 or len(text.split()) < cfg.passage_min_words:
            return []
        if df is None:
            df = document_frequencies(self.conn, sorted(set(words(text))))
        max_df = query_max_df(cfg, n_docs)
        score: dict[int, float] = {}
        for window in passage_windows(text, cfg.passage_words, cfg.passage_windows):
            terms = rarest_terms(query_terms(window), df, max_df, cfg.passage_terms)
            if len(terms) < 3:  # a window of common words says nothing of its source
                continue
            for rank, (doc, _) in enumerate(bm25_search(self.conn, terms, cfg.passage_hits), 1):
                score[doc] = score.get(doc, 0.0) + 1.0 / (1 + rank)
        ranked = sorted(score.items(), key=lambda x: (-x[1], x[0]))
        return [(d, round(s, 4)) for d, s in ranked]

    def search_vectors(self, title: str, text: str, exact: bool = False) -> list[tuple[int, float]]:
        """Documents with sentences near the query's, best first (:func:`rank_documents`):
        through the approximate index, or by brute force when ``exact`` (or no usearch)."""
        if self.embedder is None:
            return []
        sentences = query_sentences(title, text, self.cfg)
        if not sentences:
            return []
        if not exact and self.cfg.vector_ann:
            self.sync_ann()
            if self._ann is not None and self.cfg.vector_ann:
                vectors = self.embedder.encode(sentences)
                ranked = self._search_ann(self._ann, sentences, vectors)
                return [(d, round(s, 4)) for d, s in ranked]
            if self.cfg.vector_ann:  # no vectors stored yet
                return []
        self._matrix.refresh(self.conn, self._generation())
        ranked = self._matrix.search(self.embedder.encode(sentences), self.cfg)
        return [(d, round(s, 4)) for d, s in ranked]

    def _search_ann(
        self, ann: VectorAnn, sentences: list[str], queries: np.ndarray
    ) -> list[tuple[int, float]]:
        """The index's nearest sentences (twice as many as kept) and the stored copies of
        each query sentence itself (by its hash: an HNSW graph leaves a few points out of
        reach), scored again with the stored float16 vectors (the index holds int8); the
        best ``cfg.vector_neighbours`` of each query sentence credit every document that
        holds them."""
        if not len(ann):
            return []
        keys, _ = ann.search(queries, 2 * self.cfg.vector_neighbours)
        own = [sentence_key(s) for s in sentences]
        wanted = sorted({int(k) for k in keys.ravel()} | set(own))
        docs_of: dict[int, list[int]] = {}
        vec_of: dict[int, bytes] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT h, doc, vec FROM idx_vectors WHERE h IN ({marks})"
            for key, doc, blob in self.conn.execute(sql, chunk):
                docs_of.setdefault(key, []).append(doc)
                vec_of.setdefault(key, blob)
        if not vec_of:
            return []
        order = list(vec_of)
        stored = np.frombuffer(b"".join(vec_of.values()), dtype=np.float16).reshape(len(order), -1)
        exact = queries.astype(np.float32) @ stored.astype(np.float32).T
        column = {key: j for j, key in enumerate(order)}
        neighbours = []
        for qi, row in enumerate(keys.tolist()):
            near = {(float(exact[qi, column[k]]), k) for k in (*row, own[qi]) if k in column}
            neighbours.append(sorted(near, reverse=True)[: self.cfg.vector_neighbours])
        return rank_documents(neighbours, docs_of, self.cfg)

    def _generation(self) -> int:
        """The generation (moves when articles go) combined with the vectors' epoch (drawn
        anew when they are dropped, different for every library): a vector index file with
        another value is reconciled with the library before it is used."""
        meta = dict(
            self.conn.execute(
                "SELECT key, value FROM idx_meta WHERE key IN ('generation', 'vectors_epoch')"
            )
        )
        return (int(meta.get("vectors_epoch", 0)) << 22) + int(meta.get("generation", 0))

    # -- helpers ------------------------------------------------------------------------

    def _shingling(self) -> tuple[int, int]:
        return self.cfg.shingle_size, self.cfg.shingle_sample

    @staticmethod
    def _text(title: str, text: str) -> str:
        return f"{title}\n\n{text}" if title else text

    def _doc_of(self, article_id: str) -> int | None:
        row = self.conn.execute(
            "SELECT doc FROM idx_docs WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def _select(self, column: str, docs: list[int]) -> dict[int, object]:
        found: dict[int, object] = {}
        for i in range(0, len(docs), 500):
            chunk = docs[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT doc, {column} FROM idx_docs WHERE doc IN ({marks})"
            found.update(self.conn.execute(sql, chunk))
        return found

    def _sizes(self, docs: list[int]) -> dict[int, int]:
        return {d: int(n) for d, n in self._select("n_shingles", docs).items()}  # type: ignore[call-overload]

    def _article_ids(self, docs: set[int]) -> dict[int, str]:
        return {d: str(a) for d, a in self._select("article_id", sorted(docs)).items()}
