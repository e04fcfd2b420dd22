"""Story families: articles that share text, grouped, with the likely original and a timeline.

Families are built one article at a time, so adding articles never rebuilds them: a new article
asks the shingle index for candidates among the articles already placed (:func:`rank_hits`),
screens the best few by the share of their rare words it holds (a
set intersection, far cheaper than an alignment), aligns those that pass with the cheap
(lexical) aligner, and records a *link* for each pair with reuse, carrying the direction of
reuse (:func:`unspun.provenance.direction.infer_direction`). It joins the family of
its strongest link; when it strongly links two families (it contains most of an article of
each) they merge. Weak reuse (a shared quote) and close reports with little shared text are
kept as *same event* links between families, never as membership.

Layers, from closest to loosest: exact duplicate ⊂ near-duplicate ⊂ reuse ⊂ same event. Each
member's layer is its closeness to its parent (the member, or the wire story, it derives from).

Tables (prefix ``fam_``, beside the library's own, written inside the caller's transaction)::

    fam_meta     key -> value: schema version
    fam_members  article id -> family number, and the order it was placed in
    fam_links    (a, b): the newer and the older article of a pair with reuse, both shares,
                 verbatim share, the direction verdict and its confidence
    fam_events   (a, b): same-event links (close reports, little shared text)
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from unspun.align import AlignConfig, Embedder
from unspun.align.features import STOPWORDS
from unspun.align.matcher import Unit, align_units, article_units
from unspun.errors import NotFound, StoreError
from unspun.model import Alignment, Article, Span
from unspun.provenance.direction import DirectionConfig, infer_direction
from unspun.provenance.records import Direction
from unspun.retrieve.candidates import fuse
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.retrieve.shingles import as_signed, overlap, shingle_hashes, word_hash, words
from unspun.store import SqliteStore

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 2  # 2: links keep the character range each side covers
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS fam_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS fam_members (article_id TEXT PRIMARY KEY, "
    "family INTEGER NOT NULL, placed INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS fam_members_family ON fam_members (family)",
    "CREATE INDEX IF NOT EXISTS fam_members_placed ON fam_members (placed)",
    "CREATE TABLE IF NOT EXISTS fam_links (a TEXT NOT NULL, b TEXT NOT NULL, "
    "share_a REAL NOT NULL, share_b REAL NOT NULL, verbatim REAL NOT NULL, "
    "relation TEXT NOT NULL, confidence REAL NOT NULL, source TEXT NOT NULL, "
    "cut_short TEXT NOT NULL, earlier TEXT NOT NULL, verdict TEXT NOT NULL, "
    "reasons TEXT NOT NULL, a_lo INTEGER NOT NULL, a_hi INTEGER NOT NULL, "
    "b_lo INTEGER NOT NULL, b_hi INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS fam_links_b ON fam_links (b)",
    "CREATE TABLE IF NOT EXISTS fam_events (a TEXT NOT NULL, b TEXT NOT NULL, "
    "share REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS fam_events_b ON fam_events (b)",
    "CREATE TABLE IF NOT EXISTS fam_compiles (article_id TEXT NOT NULL, family INTEGER NOT NULL, "
    "PRIMARY KEY (article_id, family)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS fam_compiles_family ON fam_compiles (family)",
)
TABLES = ("fam_members", "fam_links", "fam_events", "fam_compiles")


@dataclass(frozen=True, slots=True)
class FamilyConfig:
    """How families are built."""

    candidates: int = 20  # candidates asked of the source index
    align_top: int = 4  # of those already placed, this many are aligned
    join_share: float = 0.5  # a link joins a family: this share of the shorter article ...
    min_shared_words: int = 60  # ... and at least this many words are shared
    # Mostly paraphrased material, or articles crediting different agencies, is as often two
    # reports of the same event as a rewrite: such a link needs more of the shorter article
    # and some of the longer one.
    loose_share: float = 0.5
    loose_long_share: float = 0.2
    # Versions of one agency's story (both credit it) rewritten at the top over the same
    # body: a third of the shorter, and this many words, copied (mostly verbatim).
    version_share: float = 1 / 3
    version_words: int = 200
    # A page compiling several stories (a digest, a live blog) shares text with articles of
    # different stories in parts of it that overlap this little (a share of the shorter
    # part): it joins none of their families and merges none.
    compile_overlap: float = 0.1
    # Too little shared text for a family, but this many sentence pairs (close rewordings of
    # the same facts) covering this share of the new article: the same event, reported
    # independently. Two sentences alone are no evidence in a large library: stock phrases
    # and quotes recur (on a 100k synth corpus, whose sentences recur by design, links on
    # any two pairs chained nearly every family into one event; from a fifth of the text on,
    # the same-event layer held pairwise precision 0.88).
    event_min_pairs: int = 2
    event_min_share: float = 0.2
    # Candidates are screened before they are aligned: the share of the smaller article's
    # rare words (not function words, 3 letters or more) that the other holds. A family link
    # needs half the shorter article aligned, which holds far more of its words (0.47 the
    # least seen on synth corpora); same-event reports share 0.1-0.3; unrelated articles less.
    screen_share: float = 0.15
    shingle_max_df: int = 100  # shingles in more articles than this are not looked up
    shingle_hits: int = 200  # articles sharing the most shingles that are ranked
    align: AlignConfig = field(default_factory=lambda: AlignConfig(model="none"))
    direction: DirectionConfig = field(default_factory=DirectionConfig)


@dataclass(frozen=True, slots=True)
class Link:
    """A pair with reuse: ``a`` the article placed later, ``b`` the earlier one."""

    a: str
    b: str
    share_a: float  # share of a's text found in b
    share_b: float  # share of b's text found in a
    verbatim: float  # share of the copy side's text copied verbatim or near-verbatim
    direction: Direction
    a_range: tuple[int, int]  # the characters of a's body the shared text spans
    b_range: tuple[int, int]  # ... and of b's


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the family tables; families of an older schema are dropped, to be placed again
    (they are derived from the library, which is untouched)."""
    conn.execute(SCHEMA[0])
    row = conn.execute("SELECT value FROM fam_meta WHERE key = 'schema_version'").fetchone()
    if row is not None and int(row[0]) < SCHEMA_VERSION:
        log.warning("story families have schema version %s: they are built again", row[0])
        for table in TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("DELETE FROM fam_meta WHERE key = 'schema_version'")
        row = None
    for statement in SCHEMA[1:]:
        conn.execute(statement)
    if row is None:
        conn.execute("INSERT INTO fam_meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif int(row[0]) != SCHEMA_VERSION:
        raise StoreError(
            f"story families have schema version {row[0]}, this unspun reads "
            f"{SCHEMA_VERSION}: rebuild them with `unspun stories --rebuild`"
        )


class FamilyIndex:
    """Keeps the story families in step with the library (an :class:`ArticleIndex`).

    Attach it to the store after the source index, which it asks for candidates::

        index = SourceIndex(store.conn, retrieve_cfg)
        store.attach(index)
        store.attach(FamilyIndex(store, index, FamilyConfig()))
    """

    def __init__(
        self,
        store: SqliteStore,
        index: SourceIndex,
        cfg: FamilyConfig | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.store = store
        self.index = index
        self.cfg = cfg or FamilyConfig()
        self.embedder = embedder
        self.memo = PairMemo()
        ensure_schema(store.conn)

    def add(self, article: Article) -> None:
        place(article, self.store, self.index, self.cfg, self.embedder, self.memo)

    def remove(self, article_id: str) -> bool:
        return forget(self.store.conn, article_id, self.cfg)


# -- placing one article -------------------------------------------------------------------


def place(
    article: Article,
    store: SqliteStore,
    index: SourceIndex,
    cfg: FamilyConfig,
    embedder: Embedder | None = None,
    memo: PairMemo | None = None,
) -> int:
    """Put one article (already in the store and the source index) in a family; its number."""
    conn = store.conn
    found = conn.execute(
        "SELECT family FROM fam_members WHERE article_id = ?", (article.id,)
    ).fetchone()
    if found is not None:
        return int(found[0])
    links, events = _links(article, store, index, cfg, embedder, memo)
    placed = int(conn.execute("SELECT COALESCE(MAX(placed), 0) + 1 FROM fam_members").fetchone()[0])
    conn.execute("INSERT INTO fam_members VALUES (?, ?, ?)", (article.id, placed, placed))
    for link in links:
        _write_link(conn, link)
    for other, score in events:
        conn.execute(
            "INSERT OR REPLACE INTO fam_events VALUES (?, ?, ?)", (article.id, other, score)
        )
    regroup(conn, [article.id], cfg)
    return _family_of(conn, article.id)


def _links(
    article: Article,
    store: SqliteStore,
    index: SourceIndex,
    cfg: FamilyConfig,
    embedder: Embedder | None,
    memo: PairMemo | None = None,
) -> tuple[list[Link], list[tuple[str, float]]]:
    links: list[Link] = []
    events: list[tuple[str, float]] = []
    for other_id in _candidates(article, store.conn, index, cfg):
        try:
            other = store.get(other_id)
        except NotFound:
            continue
        link, event = link_pair(article, other, cfg, embedder, memo)
        if link is not None:
            links.append(link)
        elif event is not None:
            events.append((other.id, event))
    return links, events


def link_pair(
    article: Article,
    other: Article,
    cfg: FamilyConfig,
    embedder: Embedder | None = None,
    memo: PairMemo | None = None,
) -> tuple[Link | None, float | None]:
    """The family stage's judgement of one candidate pair (``article`` placed after
    ``other``): (a family link or None, the share of a same-event link or None).

    A pure function of the two articles and the settings: the local library and the Spark
    batch both call it. Pairs whose rare words barely overlap are not aligned (the screen);
    ``memo`` keeps the sentence units and word sets of articles met before (a family's
    members recur), nothing else.
    """
    memo = memo if memo is not None else PairMemo()
    if _shared_words(memo.rare_words(article), memo.rare_words(other)) < cfg.screen_share:
        return None, None
    alignment = align_units(
        article.id,
        memo.units(article, cfg),
        other.id,
        memo.units(other, cfg),
        cfg.align,
        embedder,
    )
    link = _link(article, other, alignment, cfg)
    if link is not None:
        return link, None
    if _same_event(alignment, cfg):
        return None, round(alignment.summary.copy_share, 4)
    return None, None


def _candidates(
    article: Article, conn: sqlite3.Connection, index: SourceIndex, cfg: FamilyConfig
) -> list[str]:
    """The ``cfg.align_top`` placed articles most likely to share text with ``article``:
    those sharing the most sampled word 5-grams with it, ranked by :func:`rank_hits`.

    Shingles find copies, near-copies and rewrites (every planted copy on synth corpora,
    paraphrases included). A BM25 look-up, where no shingle hit, once added here, linked no
    pair on the synth corpus nor on the Helsinki corpus (two same-event links of 614
    articles), and has no equivalent as a join of postings: the family stage is shingle
    postings only, in the library and in the Spark batch alike.
    """
    text = family_text(article)
    rcfg = index.cfg
    query = [
        int(h) for h in as_signed(shingle_hashes(text, rcfg.shingle_size, rcfg.shingle_sample))
    ]
    if not query:
        return []
    return rank_hits(_shingle_hits(conn, query, rcfg, cfg), len(query), article.id, rcfg, cfg)


def family_text(article: Article) -> str:
    """The text whose shingles find an article's family partners: title and body."""
    return f"{article.title}\n\n{article.text}" if article.title else article.text


def rank_hits(
    hits: Iterable[tuple[str, int, int]],
    query_size: int,
    own: str,
    rcfg: RetrieveConfig,
    cfg: FamilyConfig,
) -> list[str]:
    """The partners to align, best first, from ``(article id, its shingles, shared)`` hits.

    Scored like the source index's shingle retriever (shared x containment of the smaller in
    the larger); the ``rcfg.k_per_retriever`` best are ranked by reciprocal rank as the
    source index fuses rankings, and the ``cfg.align_top`` first kept. Ties go to the
    article id, so the order is total: the library and the batch find the same partners.
    """
    floor = rcfg.shingle_min_shared * 2
    scored = [
        (a, overlap(n, query_size, size, floor), n)
        for a, size, n in hits
        if a != own and n >= rcfg.shingle_min_shared
    ]
    scored.sort(key=lambda x: (-x[1] * x[2], -x[2], x[0]))
    best = [(a, round(score, 4)) for a, score, _ in scored[: rcfg.k_per_retriever]]
    ranked = fuse({"shingles": best}, {"shingles": rcfg.weight_shingles}, rcfg.rrf_k, cfg.align_top)
    return [c.article_id for c in ranked]


def _shingle_hits(
    conn: sqlite3.Connection, query: list[int], rcfg: RetrieveConfig, cfg: FamilyConfig
) -> list[tuple[str, int, int]]:
    """Placed articles sharing sampled shingles with the query: (id, shingles, shared).

    SQLite counts; shingles in more than ``cfg.shingle_max_df`` articles of the library are
    left out (a family is smaller; the rest is boilerplate and stock phrases), and only
    articles already in a family count, the ``cfg.shingle_hits`` sharing the most.
    """
    marks = ",".join("?" * len(query))
    sql = (
        f"WITH q(h) AS (SELECT h FROM idx_shingles WHERE h IN ({marks}) GROUP BY h "
        "HAVING COUNT(*) <= ?), "
        "hits(doc, n) AS (SELECT s.doc, COUNT(*) FROM idx_shingles s JOIN q ON s.h = q.h "
        "JOIN idx_docs d ON d.doc = s.doc JOIN fam_members m ON m.article_id = d.article_id "
        "GROUP BY s.doc HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, s.doc LIMIT ?) "
        "SELECT d.article_id, d.n_shingles, hits.n FROM hits JOIN idx_docs d ON d.doc = hits.doc"
    )
    rows = conn.execute(
        sql, (*query, cfg.shingle_max_df, rcfg.shingle_min_shared, cfg.shingle_hits)
    ).fetchall()
    return [(a, int(size), int(n)) for a, size, n in rows]


def _same_event(alignment: Alignment, cfg: FamilyConfig) -> bool:
    pairs = sum(p.copy[0].field == "body" for p in alignment.pairs)
    return pairs >= cfg.event_min_pairs and alignment.summary.copy_share >= cfg.event_min_share


def _link(article: Article, other: Article, alignment: Alignment, cfg: FamilyConfig) -> Link | None:
    """A family link when most of the shorter article is in the longer, else None."""
    s = alignment.summary
    if not s.reuse:
        return None
    words_a, words_b = len(article.text.split()), len(other.text.split())
    share, words = (s.copy_share, words_a) if words_a <= words_b else (s.source_share, words_b)
    long_share = s.source_share if words_a <= words_b else s.copy_share
    verbatim = s.verbatim_share / s.copy_share if s.copy_share else 0.0
    loose = verbatim < 0.5 or _other_agencies(article, other)
    if share * words < cfg.min_shared_words:
        return None
    if share < (cfg.loose_share if loose else cfg.join_share) and not _versions(
        article, other, share, share * words, loose, cfg
    ):
        return None
    if loose and long_share < cfg.loose_long_share:
        return None
    direction = infer_direction(article, other, alignment, cfg.direction)
    return Link(
        article.id,
        other.id,
        s.copy_share,
        s.source_share,
        round(verbatim, 4),
        direction,
        _extent(p.copy for p in alignment.pairs),
        _extent(p.source for p in alignment.pairs),
    )


def _extent(sides: Iterable[tuple[Span, ...]]) -> tuple[int, int]:
    """The first and last body character the spans cover ((0, 0) for none)."""
    body = [span for spans in sides for span in spans if span.field == "body"]
    if not body:
        return 0, 0
    return min(b.start for b in body), max(b.end for b in body)


class PairMemo:
    """What :func:`link_pair` computes of an article once and may need again: its sentence
    units and its rare words, for the ``kept`` articles met last. One per placing run (or
    Spark task), never shared between processes."""

    def __init__(self, kept: int = 2048) -> None:
        self.kept = kept
        self._units: OrderedDict[tuple[str, int], list[Unit]] = OrderedDict()
        self._words: OrderedDict[tuple[str, int], np.ndarray] = OrderedDict()

    def units(self, article: Article, cfg: FamilyConfig) -> list[Unit]:
        """The article's sentence units for the aligner, split and tokenised once."""
        return self._get(
            self._units, article, lambda: article_units(article, cfg.align.max_unit_chars)
        )

    def rare_words(self, article: Article) -> np.ndarray:
        return self._get(self._words, article, lambda: _rare_words(article))

    def _get(
        self, cache: OrderedDict[tuple[str, int], T], article: Article, make: Callable[[], T]
    ) -> T:
        key = (article.id, len(article.text))
        value = cache.get(key)
        if value is None:
            value = cache[key] = make()
            if len(cache) > self.kept:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return value


def _rare_words(article: Article) -> np.ndarray:
    """The article's distinct words that are not function words (3 letters or more), hashed
    (stable across processes) and sorted: the screen before an alignment."""
    found = {w for w in words(f"{article.title} {article.text}") if len(w) > 2} - STOPWORDS
    return np.unique(np.fromiter((word_hash(w) for w in found), dtype=np.uint64, count=len(found)))


def _shared_words(a: np.ndarray, b: np.ndarray) -> float:
    """The share of the smaller word set found in the larger."""
    smaller = min(len(a), len(b))
    if not smaller:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / smaller


def _versions(
    a: Article, b: Article, share: float, shared: float, loose: bool, cfg: FamilyConfig
) -> bool:
    """Two versions of one agency's story through a day: a rewritten top over the same
    body shares less than half, but a long block copied word for word."""
    common = bool(set(a.wire) & set(b.wire))
    return common and not loose and share >= cfg.version_share and shared >= cfg.version_words


def _other_agencies(a: Article, b: Article) -> bool:
    """Both credit agencies, but none in common (two wire reports of one event)."""
    return bool(a.wire and b.wire and not set(a.wire) & set(b.wire))


def _family_of(conn: sqlite3.Connection, article_id: str) -> int:
    row = conn.execute(
        "SELECT family FROM fam_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0])


def _write_link(conn: sqlite3.Connection, link: Link) -> None:
    d = link.direction
    conn.execute(
        "INSERT OR REPLACE INTO fam_links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (link.a, link.b, link.share_a, link.share_b, link.verbatim, d.relation.value,
         d.confidence, d.source, d.cut_short, d.earlier_version, d.verdict,
         "\n".join(d.reasons), *link.a_range, *link.b_range),
    )  # fmt: skip


# -- removing ------------------------------------------------------------------------------


def forget(conn: sqlite3.Connection, article_id: str, cfg: FamilyConfig | None = None) -> bool:
    """Take an article out of its family; the rest may split into several families."""
    row = conn.execute(
        "SELECT family FROM fam_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return False
    family = int(row[0])
    partners = [r[0] for r in conn.execute(
        "SELECT b FROM fam_links WHERE a = ? UNION SELECT a FROM fam_links WHERE b = ?",
        (article_id, article_id),
    )]  # fmt: skip
    for table, where in (
        ("fam_members", "article_id = ?"),
        ("fam_compiles", "article_id = ?"),
        ("fam_links", "a = ?1 OR b = ?1"),
        ("fam_events", "a = ?1 OR b = ?1"),
    ):
        conn.execute(f"DELETE FROM {table} WHERE {where}", (article_id,))  # fmt: skip
    rest = [
        r[0] for r in conn.execute("SELECT article_id FROM fam_members WHERE family = ?", (family,))
    ]
    regroup(conn, [*rest, *partners], cfg or FamilyConfig())
    return True


# -- families from links ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edge:
    """A stored link seen from one of its articles: the partner, the share of each article
    found in the other, and the range of this article's body the shared text spans."""

    partner: str
    own_share: float
    partner_share: float
    own_range: tuple[int, int]


def _edges(conn: sqlite3.Connection, article_id: str) -> list[_Edge]:
    rows = conn.execute(
        "SELECT b, share_a, share_b, a_lo, a_hi FROM fam_links WHERE a = ?1 "
        "UNION ALL SELECT a, share_b, share_a, b_lo, b_hi FROM fam_links WHERE b = ?1",
        (article_id,),
    )
    return [_Edge(r[0], r[1], r[2], (r[3], r[4])) for r in rows]


def compiles(edges: list[_Edge], linked: Callable[[str, str], bool], cfg: FamilyConfig) -> bool:
    """Whether an article compiles passages of several stories (a digest, a live blog, a
    roundup): it shares text with two articles in parts of it that barely overlap, and the
    two are not linked to each other (not versions of one story)."""
    for i, x in enumerate(edges):
        for y in edges[i + 1 :]:
            if _range_overlap(x.own_range, y.own_range) <= cfg.compile_overlap and not linked(
                x.partner, y.partner
            ):
                return True
    return False


def compiles_ranges(
    ranges: list[tuple[str, tuple[int, int]]],
    linked: Callable[[str, str], bool],
    cfg: FamilyConfig,
) -> bool:
    """:func:`compiles`, given each link as (partner, the range of the article it spans)."""
    return compiles([_Edge(p, 0.0, 0.0, r) for p, r in ranges], linked, cfg)


def _range_overlap(x: tuple[int, int], y: tuple[int, int]) -> float:
    """The overlap of two character ranges, as a share of the shorter."""
    shorter = min(x[1] - x[0], y[1] - y[0])
    return max(0, min(x[1], y[1]) - max(x[0], y[0])) / shorter if shorter > 0 else 0.0


def regroup(conn: sqlite3.Connection, seeds: Iterable[str], cfg: FamilyConfig) -> None:
    """Recompute the families of ``seeds`` from the stored links: the connected components
    of the links, where a compilation's links to what it compiles do not count (it joins
    none of those families, and merges none: it is recorded as compiling each of them).

    Each family is numbered by the placing order of its first-placed member, so numbers
    stay put as articles are added. Only the families of the seeds and of their linked
    partners, and those they reach through links, are touched.
    """
    edges: dict[str, list[_Edge]] = {}

    def edges_of(x: str) -> list[_Edge]:
        if x not in edges:
            edges[x] = _edges(conn, x)
        return edges[x]

    def linked(x: str, y: str) -> bool:
        return any(e.partner == y for e in edges_of(x))

    compiling: dict[str, bool] = {}

    def is_compilation(x: str) -> bool:
        if x not in compiling:
            compiling[x] = compiles(edges_of(x), linked, cfg)
        return compiling[x]

    def joins(x: str, e: _Edge) -> bool:
        return not (is_compilation(x) or is_compilation(e.partner))

    start = set(seeds)
    start.update(e.partner for x in list(start) for e in edges_of(x))  # a partner may now be
    # found to compile several stories, and leave its family
    for family in {_family_of(conn, x) for x in start if _placed(conn, x) is not None}:
        start.update(r[0] for r in conn.execute(
            "SELECT article_id FROM fam_members WHERE family = ?", (family,)
        ))  # fmt: skip
    start = {x for x in start if _placed(conn, x) is not None}
    component: dict[str, str] = {}
    for root in sorted(start):
        if root in component:
            continue
        todo, component[root] = [root], root
        while todo:
            x = todo.pop()
            for e in edges_of(x):
                if e.partner not in component and joins(x, e):
                    component[e.partner] = root
                    todo.append(e.partner)
    groups: dict[str, list[str]] = {}
    for x, root in component.items():
        groups.setdefault(root, []).append(x)
    for group in groups.values():
        number = min(_placed(conn, x) or 0 for x in group)
        conn.executemany(
            "UPDATE fam_members SET family = ? WHERE article_id = ?", [(number, x) for x in group]
        )
    near = {e.partner for x in component for e in edges_of(x)}
    for y in sorted(near | set(component)):
        if _placed(conn, y) is not None and is_compilation(y):
            _record_compiled(conn, y, edges_of(y), cfg)


def _placed(conn: sqlite3.Connection, article_id: str) -> int | None:
    row = conn.execute(
        "SELECT placed FROM fam_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else None


def _record_compiled(
    conn: sqlite3.Connection, article_id: str, edges: list[_Edge], cfg: FamilyConfig
) -> None:
    """The families a compilation carries passages of (its own excepted)."""
    own = _family_of(conn, article_id)
    held = {_family_of(conn, e.partner) for e in edges} - {own}
    conn.execute("DELETE FROM fam_compiles WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO fam_compiles VALUES (?, ?)", [(article_id, f) for f in sorted(held)]
    )


def read_links(conn: sqlite3.Connection, members: Iterable[str]) -> list[tuple[str, str]]:
    ids = list(members)
    found: list[tuple[str, str]] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        found += conn.execute(f"SELECT a, b FROM fam_links WHERE a IN ({marks})", chunk).fetchall()
    return found


# -- catching up ---------------------------------------------------------------------------


def sync_families(
    store: SqliteStore,
    index: SourceIndex,
    cfg: FamilyConfig | None = None,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Place every library article not yet in a family (in the order added); how many.

    Families of removed articles are pruned. Commits in chunks, so a long catch-up can be
    interrupted without losing what was placed; ``progress(done, total)`` is told after each.
    """
    from unspun.retrieve.sync import sync_index

    cfg = cfg or FamilyConfig()
    conn = store.conn
    sync_index(store, index)
    conn.execute("BEGIN IMMEDIATE")
    try:
        ensure_schema(conn)
        if rebuild:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")
        stale = [r[0] for r in conn.execute(
            "SELECT article_id FROM fam_members WHERE article_id NOT IN (SELECT id FROM articles)"
        )]  # fmt: skip
        for article_id in stale:
            forget(conn, article_id, cfg)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    missing = [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fam_members) ORDER BY seq"
    )]  # fmt: skip
    done = 0
    memo = PairMemo()
    if progress is not None and missing:
        progress(0, len(missing))
    for start in range(0, len(missing), 200):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for article_id in missing[start : start + 200]:
                place(store.get(article_id), store, index, cfg, embedder, memo)
                done += 1
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if progress is not None:
            progress(done, len(missing))
    if done:
        log.info("%s: %d articles placed in story families", store.name, done)
    return done
