"""The library on disk: articles in one SQLite file (WAL mode), added idempotently.

Adding is safe to interrupt: a batch is written in transactions of ``chunk`` articles, each
article inside its own savepoint, so a failure (or Ctrl-C) rolls back at most the article being
written; the articles before it are committed whole and the file is never left half-written.

Adding also keeps, per site, a count of the articles that hold each paragraph. When a paragraph
is held by enough different stories of one site it is recognised as that site's boilerplate:
it is moved out of the body of every article of the site that holds it (now and when later
articles are added). See :mod:`unspun.store.boilerplate`.
"""

from __future__ import annotations

import builtins
import json
import logging
import sqlite3
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from unspun.config import StoreConfig
from unspun.errors import AmbiguousId, NotFound, StoreError, UnspunError
from unspun.extract.clean import quotes_a_post
from unspun.lexicon import name_stems, relevance, stems
from unspun.model import Article, Caption, Paragraph, Rejected, WireCredit, content_id
from unspun.store import schema
from unspun.store.boilerplate import (
    RELATED,
    SAME_STORY,
    body_paragraphs,
    line_key,
    pack_sketch,
    paragraph_keys,
    reclean_article,
    same_story,
    sketch,
    strip_furniture,
    strip_lines,
    unpack_sketch,
)

log = logging.getLogger(__name__)

Progress = Callable[[Article | Rejected, str], None]  # item, "added" | "present" | "failed"
_SKETCH_CACHE = 4096
_IN_CHUNK = 500  # SQLite host parameters per IN (...) query
_HOLDERS_CAP = 200  # holders of one line looked at for links to other stories
_HEADING_WORDS = 20  # a headline standing in a body as a link is this short
_RECLEAN_CHUNK = 200  # articles re-cleaned per transaction
# The name under which lines are counted for the whole library, whatever their site, and
# the words that show it.
LIBRARY = "*"
ALL_SITES = "all sites"
_STORED = (
    "id clean_id raw_hash site_id site url title byline published date fetched language "
    "format origin external_id title_origin text paragraphs captions credits boilerplate wire "
    "words sketch added"
)
_INSERT = (
    f"INSERT INTO articles({', '.join(_STORED.split())}) "
    f"VALUES ({', '.join(':' + c for c in _STORED.split())})"
)
# The columns an Article is rebuilt from, in the order _article_of expects.
_LOAD = (
    "id, text, title, paragraphs, captions, url, site, byline, published, fetched, language, "
    "credits, boilerplate, format, raw_hash, origin, external_id, title_origin"
)


class ArticleIndex(Protocol):
    """An index kept beside the articles (shingles, full text, vectors), told of every change.

    It shares the store's connection (``store.conn``) and is called inside the transaction
    that changes the article, so it never commits: an article and its index entries are
    written, or rolled back, together. When site boilerplate is removed from a stored article
    the index is given ``remove(id)`` then ``add(cleaned article)``.
    """

    def add(self, article: Article) -> None: ...

    def remove(self, article_id: str) -> object: ...


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of a listing: what ``unspun ls`` shows of an article."""

    id: str
    site: str
    date: str  # published, else fetched (the listing order)
    title: str
    words: int
    wire: tuple[str, ...]
    format: str
    url: str
    origin: str


@dataclass(slots=True)
class RecleanSummary:
    """What :meth:`SqliteStore.reclean` did."""

    articles: int = 0  # articles looked at
    changed: int = 0  # articles whose stored text or title changed
    titles: int = 0  # of those, titles removed or cut
    library_lines: int = 0  # lines recognised as furniture across the library


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What a batch add did: counts, and each failed input with its reason."""

    added: int = 0
    present: int = 0  # already in the library (or repeating an earlier input of the batch)
    failed: tuple[Rejected, ...] = ()
    repeats: int = 0  # of ``present``: the same content as an input earlier in this batch
    cleaned: int = 0  # stored articles cleaned of newly recognised site boilerplate
    new_boilerplate: int = 0  # site boilerplate lines recognised during this batch
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    @property
    def rate(self) -> float:
        """Articles handled per second."""
        done = self.added + self.present + len(self.failed)
        return done / self.seconds if self.seconds > 0 else 0.0


@dataclass(slots=True)
class _Tally:
    added: int = 0
    present: int = 0
    repeats: int = 0
    failed: list[Rejected] = field(default_factory=list)
    cleaned: int = 0
    new_boilerplate: int = 0


# A writer that waits for the library (another `unspun add`, the server) asks SQLite again
# every 100 ms; a batch that commits and at once begins again would leave it no chance, and
# it fails after its timeout ("database is locked"). So a batch that has written for
# _HOLD seconds without a pause leaves the library alone for _LET_IN seconds after its next
# commit, reading its next inputs meanwhile (no time lost while there is input to read).
_HOLD = 0.5
_LET_IN = 0.15


@dataclass(slots=True)
class _Turns:
    """When a batch commits, and when it leaves other writers their turn."""

    chunk: int
    chunk_seconds: float
    written: int = 0  # articles in the open transaction
    opened: float = 0.0  # when it began
    holding: float = 0.0  # since when the batch has written without a pause
    closed: float = float("-inf")  # the last commit
    resume: float = 0.0  # no new transaction before this

    def waiting(self) -> bool:
        """Whether other writers still have their turn."""
        return time.perf_counter() < self.resume

    def begun(self) -> None:
        now = time.perf_counter()
        if now - self.closed >= _LET_IN:
            self.holding = now
        self.written, self.opened = 0, now

    def full(self) -> bool:
        """Count one more article; whether the transaction should commit now."""
        self.written += 1
        return self.written >= self.chunk or time.perf_counter() - self.opened >= self.chunk_seconds

    def committed(self) -> None:
        self.closed = time.perf_counter()
        if self.closed - self.holding >= _HOLD:
            self.resume = self.closed + _LET_IN


class SqliteStore:
    """The library: one SQLite file. Open it with :func:`unspun.store.open_store`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        name: str,
        cfg: StoreConfig,
        indexes: Sequence[ArticleIndex] = (),
    ) -> None:
        self.conn = conn
        self.name = name
        self.cfg = cfg
        self.indexes = list(indexes)
        self._site_ids: dict[str, int] = {}
        self._site_bp: dict[int, set[int]] = {}
        self._sketches: OrderedDict[int, frozenset[int]] = OrderedDict()
        self._open_article = False  # inside the savepoint of one article
        self._batch_floor = 0  # articles with a higher seq were added by the running batch

    # -- opening and closing -------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def attach(self, index: ArticleIndex) -> None:
        """Keep ``index`` in step with every later add, boilerplate clean-up and removal."""
        self.indexes.append(index)

    # -- adding --------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Add one article; False when the same content is already in the library."""
        summary = self.add_many([article])
        if summary.failed:
            raise StoreError(f"{self.name}: {summary.failed[0].reason}")
        return summary.added == 1

    def add_many(
        self,
        items: Iterable[Article | Rejected],
        progress: Progress | None = None,
        chunk: int = 500,
        chunk_seconds: float = 2.0,
    ) -> AddSummary:
        """Add a stream of articles; a Rejected item (a reader failure) is counted as failed.

        Commits every ``chunk`` articles or ``chunk_seconds`` (so a slow reader does not keep
        other writers waiting). Never stops for one bad article. Ctrl-C stops the batch with
        every article before it committed, and returns the summary with ``interrupted`` set.
        """
        tally = _Tally()
        started = time.perf_counter()
        self._batch_floor = self._max_seq()
        turns = _Turns(chunk, chunk_seconds)
        pending: list[Article | Rejected] = []  # read while another writer has its turn
        interrupted = False
        try:
            for item in items:
                pending.append(item)
                if self.conn.in_transaction or not turns.waiting():
                    self._write(pending, tally, turns, progress)
            self._write(pending, tally, turns, progress)
        except KeyboardInterrupt:
            interrupted = True
            log.warning("%s: interrupted; %d articles added before it", self.name, tally.added)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.name}: could not write the library ({exc}); {self._kept()}"
            ) from exc
        except BaseException:
            self._finish()  # what was written before is whole: keep it
            raise
        self._finish()
        return AddSummary(
            added=tally.added,
            present=tally.present,
            repeats=tally.repeats,
            failed=tuple(tally.failed),
            cleaned=tally.cleaned,
            new_boilerplate=tally.new_boilerplate,
            interrupted=interrupted,
            seconds=time.perf_counter() - started,
        )

    def _write(
        self,
        items: list[Article | Rejected],
        tally: _Tally,
        turns: _Turns,
        progress: Progress | None,
    ) -> None:
        """Write ``items`` (and empty the list), committing as ``turns`` says."""
        for item in items:
            if not self.conn.in_transaction:
                self.conn.execute("BEGIN IMMEDIATE")
                turns.begun()
            outcome = self._add_item(item, tally)
            if progress is not None:
                progress(item, outcome)
            if turns.full():
                self.conn.execute("COMMIT")
                turns.committed()
        items.clear()

    def _finish(self) -> None:
        """Commit the open transaction (every article in it is whole), or roll it back."""
        if not self.conn.in_transaction:
            return
        try:
            if self._open_article:  # interrupted while undoing an article: finish undoing it
                self._undo()
            self.conn.execute("COMMIT")
        except sqlite3.Error:
            self.conn.execute("ROLLBACK")
            self._forget()
            raise

    def _kept(self) -> str:
        """After a failed write: keep what is whole, and say how much of the batch stands."""
        try:
            self._finish()
            kept = self.conn.execute(
                "SELECT COUNT(*) FROM articles WHERE seq > ?", (self._batch_floor,)
            ).fetchone()[0]
        except sqlite3.Error:
            return "the articles of this batch committed before it are kept whole"
        return (
            f"{kept} article(s) of this batch are in the library, each whole; "
            "run the same command again to add the rest"
        )

    def _add_item(self, item: Article | Rejected, tally: _Tally) -> str:
        if isinstance(item, Rejected):
            tally.failed.append(item)
            return "failed"
        self.conn.execute("SAVEPOINT article")
        self._open_article = True
        try:
            outcome, cleaned, new_lines = self._add_one(item)
        except (sqlite3.IntegrityError, sqlite3.DataError, ValueError, UnspunError) as exc:
            self._undo()
            log.debug("%s: could not store %s", self.name, item.origin, exc_info=True)
            tally.failed.append(Rejected(item.origin or item.id, f"not stored: {exc}", "store"))
            return "failed"
        except BaseException:
            self._undo()
            raise
        self.conn.execute("RELEASE article")
        self._open_article = False
        if outcome == "added":
            tally.added += 1
            tally.cleaned += cleaned
            tally.new_boilerplate += new_lines
            return outcome
        tally.present += 1
        tally.repeats += outcome == "repeat"
        return "present"

    def _undo(self) -> None:
        # After some errors (a full disk, an I/O error) SQLite has already rolled the whole
        # transaction back: there is no savepoint left to return to.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
        self._open_article = False
        self._forget()

    def _forget(self) -> None:
        """Drop the caches: a rollback may have undone what they remember."""
        self._site_ids.clear()
        self._site_bp.clear()
        self._sketches.clear()

    def _add_one(self, article: Article) -> tuple[str, int, int]:
        """Write one article (inside a savepoint): (outcome, articles cleaned, new lines)."""
        if not article.id:
            raise ValueError("the article has no id")
        if (found := self._existing(article)) is not None:
            return self._sighted(found, article), 0, 0
        site_id = self._site_id(article.site) if article.site else None
        library_id = self._site_id(LIBRARY)
        keys = paragraph_keys(article)
        known = self._known(article, keys, library_id, site_id)
        if known:
            article = strip_furniture(article, known, keys)
            keys = paragraph_keys(article)
        clean_id = _clean_id(article)
        same = self.conn.execute(
            "SELECT seq, id, site, url, origin FROM articles WHERE clean_id = ? LIMIT 1",
            (clean_id,),
        ).fetchone()
        if same is not None:
            log.info("%s: same text as %s once boilerplate is removed", article.origin, same[1])
            return self._sighted(same, article), 0, 0
        seq = self._insert(article, clean_id, site_id)
        for index in self.indexes:
            index.add(article)
        cleaned: set[int] = set()
        new_lines = 0
        for scope in (site_id, library_id if self.cfg.library_min_stories > 0 else None):
            if scope is None:
                continue
            scope_n = self.conn.execute(
                "UPDATE sites SET n_articles = n_articles + 1 WHERE site_id = ? "
                "RETURNING n_articles",
                (scope,),
            ).fetchone()[0]
            lines = self._track_lines(scope, seq, article, keys, scope_n, scope == library_id)
            if lines:
                cleaned |= self._recognise(scope, lines) - {seq}
                new_lines += len(lines)
        if self.cfg.library_min_stories > 0:
            cleaned |= self._unlink(seq, library_id) - {seq}
        return "added", len(cleaned), new_lines

    # -- links: the headline of another stored story standing alone in a body ---------------

    def _unlink(self, seq: int, library_id: int) -> set[int]:
        """Take out of bodies the headlines of other stored stories that stand alone there
        ("Related: …" lists, "Read more" teasers): this article's headline in the bodies of
        others, and others' headlines in its body. A digest section headed by a story's
        headline, and a version of the same story, keep it. Returns the seqs rewritten."""
        article = self._load(seq)
        keys = paragraph_keys(article)
        title_key = line_key(article.title) if article.title else None
        heads = [k for k, t in zip(keys, _texts(article), strict=True) if _heading_shaped(t)]
        wanted = sorted({*heads, *([title_key] if title_key is not None else [])})
        links: dict[int, set[int]] = {}
        for key, holder, title in self._holders(library_id, wanted, seq):
            theirs = line_key(title) if title else None
            if key == title_key and theirs != key:  # this headline in their body
                if self._is_link(self._load(holder), key, article, seq, holder):
                    links.setdefault(holder, set()).add(key)
            elif (
                key in heads
                and theirs == key
                and self._is_link(article, key, self._load(holder), holder, seq)
            ):  # their headline in this body
                links.setdefault(seq, set()).add(key)
        for holder, found in sorted(links.items()):
            stored = self._load(holder)
            stripped = strip_lines(stored, found)
            if stripped is not stored:
                self._rewrite(holder, stripped)
                log.info("%s: link to another story left out: %.80r", stored.id, found)
        return set(links)

    def _holders(
        self, library_id: int, keys: list[int], seq: int
    ) -> Iterator[tuple[int, int, str]]:
        """(line, holder, holder's title) of other articles holding one of ``keys``, a few
        hundred a line at most (a wire headline held by thousands of copies is no link)."""
        for key in keys:
            rows = self.conn.execute(
                "SELECT s.article, a.title FROM site_lines s JOIN articles a ON a.seq = s.article "
                "WHERE s.site_id = ? AND s.line = ? AND s.article != ? LIMIT ?",
                (library_id, key, seq, _HOLDERS_CAP),
            )
            for holder, title in rows:
                yield key, holder, title

    def _is_link(
        self, holder: Article, key: int, linked: Article, linked_seq: int, holder_seq: int
    ) -> bool:
        """Whether the body paragraph ``key`` of ``holder`` is a link to ``linked``: it is
        not the holder's own headline, the holder is another story, and what follows it is
        not the linked story's text (a digest section)."""
        if holder.title and line_key(holder.title) == key:
            return False
        keys = paragraph_keys(holder)
        if key not in keys:
            return False
        memo: dict[int, bool] = {}
        if self._same(holder_seq, linked_seq, holder, memo, SAME_STORY):
            return False
        after = keys.index(key) + 1
        linked_keys = set(paragraph_keys(linked))
        return after >= len(keys) or keys[after] not in linked_keys

    def _existing(self, article: Article) -> tuple[Any, ...] | None:
        """(seq, id, site, url, origin) of the stored article with this id or these raw bytes."""
        query = "SELECT seq, id, site, url, origin FROM articles WHERE "
        row = self.conn.execute(query + "id = ?", (article.id,)).fetchone()
        if row is None and article.raw_hash:
            row = self.conn.execute(
                query + "raw_hash = ? AND raw_hash != '' LIMIT 1", (article.raw_hash,)
            ).fetchone()
            if row is not None:
                log.info("%s: same input bytes as %s", article.origin, row[1])
        return row

    def _sighted(self, stored: tuple[Any, ...], article: Article) -> str:
        """Remember another input that gave a stored article, unless it is the same input.

        Returns "repeat" when the stored article came earlier in this batch, else "present".
        """
        seq, _, site, url, origin = stored
        outcome = "repeat" if seq > self._batch_floor else "present"
        if (article.site, article.url, article.origin) == (site, url, origin):
            return outcome
        self.conn.execute(
            "INSERT OR IGNORE INTO sightings VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, article.site, article.url, article.origin, article.external_id,
             article.published, article.fetched),
        )  # fmt: skip
        return outcome

    def _known(self, article: Article, keys: list[int], *scopes: int | None) -> set[int]:
        """The keys of the article's paragraphs (``keys``) and title that are known
        boilerplate of any of ``scopes`` (site ids; None is skipped)."""
        own = {*keys, line_key(article.title)} if article.title else set(keys)
        known: set[int] = set()
        for scope in scopes:
            if scope is not None:
                known |= self._boilerplate_keys(scope) & own
        return known

    def _max_seq(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])

    def _site_id(self, name: str) -> int:
        if (site_id := self._site_ids.get(name)) is None:
            self.conn.execute("INSERT OR IGNORE INTO sites(name) VALUES (?)", (name,))
            site_id = self.conn.execute(
                "SELECT site_id FROM sites WHERE name = ?", (name,)
            ).fetchone()[0]
            self._site_ids[name] = site_id
        return site_id

    def _boilerplate_keys(self, site_id: int) -> set[int]:
        if (keys := self._site_bp.get(site_id)) is None:
            rows = self.conn.execute(
                "SELECT line FROM site_boilerplate WHERE site_id = ?", (site_id,)
            )
            keys = self._site_bp[site_id] = {r[0] for r in rows}
        return keys

    def _insert(self, article: Article, clean_id: str, site_id: int | None) -> int:
        values = {
            **_article_values(article),
            "clean_id": clean_id,
            "site_id": site_id,
            "date": article.published or article.fetched,
            "wire": ",".join(article.wire),
            "words": len(article.text.split()),
            "sketch": None,  # computed when first needed (_sketch)
            "added": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        cursor = self.conn.execute(_INSERT, values)
        seq = cursor.lastrowid
        assert seq is not None
        return seq

    # -- cross-article boilerplate --------------------------------------------------------

    def _track_lines(
        self,
        site_id: int,
        seq: int,
        article: Article,
        keys: list[int],
        site_n: int,
        library: bool = False,
    ) -> list[tuple[int, str]]:
        """Count the article's paragraphs and its title for its site (or, with ``library``,
        its short ones for the whole library); return the lines now recognised as
        boilerplate. A title counts like a paragraph: different stories share no headline,
        so one that recurs over them is a widget or a label read as the headline."""
        texts: dict[int, str] = {}
        lines = [article.text[p.start : p.end] for p in body_paragraphs(article)]
        if article.title:
            keys, lines = [*keys, line_key(article.title)], [*lines, article.title]
        for key, text in zip(keys, lines, strict=True):
            if not library or len(text.split()) <= self.cfg.library_max_words:
                texts.setdefault(key, text)
        stats = self._line_stats(site_id, list(texts))
        same_as: dict[int, bool] = {}  # holder seq -> is it the same story as this article
        need = self.cfg.library_min_stories if library else self.cfg.boilerplate_min_articles
        share = 0.0 if library else self.cfg.boilerplate_min_share
        rows, recognised = [], []
        for key, text in texts.items():
            n, reps, since = stats.get(key, (0, [], site_n - 1))
            if len(reps) < need and self._apart(seq, reps, article, text, library, same_as):
                reps = [*reps, seq]
            n += 1
            rows.append((site_id, key, n, ",".join(map(str, reps)), since))
            # The share counts the site's articles since the line first appeared, so a line
            # that a site's template gains late is still recognised.
            enough = len(reps) >= need and n >= share * (site_n - since)
            if enough and not (library and self._about_any(text, reps)):
                recognised.append((key, text))
        self.conn.executemany("INSERT OR REPLACE INTO line_stats VALUES (?, ?, ?, ?, ?)", rows)
        self.conn.executemany(
            "INSERT OR IGNORE INTO site_lines VALUES (?, ?, ?)",
            [(site_id, key, seq) for key in texts],
        )
        return recognised

    def _about_any(self, line: str, holders: list[int]) -> bool:
        """Whether ``line`` is about one of the stored articles ``holders``: their bodies
        (the line left out) repeat enough of its content words, two at least (one word in
        common, "Congratulations!" in a story that congratulates, is chance), and a name
        they use unless nearly all of them."""
        if quotes_a_post(line):
            return True
        own = stems(line)
        for seq in holders:
            text = self._load(seq).text.replace(line, " ")
            body = stems(text)
            if len(own & body) < 2:
                continue
            score = relevance(line, body)
            named = bool(own & name_stems(text))
            if score >= self.cfg.library_about_unnamed or (
                named and score >= self.cfg.library_about
            ):
                return True
        return False

    def _line_stats(self, site_id: int, keys: list[int]) -> dict[int, tuple[int, list[int], int]]:
        """(holders, holders that are different stories, site articles before) of each line."""
        found = {}
        for i in range(0, len(keys), _IN_CHUNK):
            part = keys[i : i + _IN_CHUNK]
            rows = self.conn.execute(
                "SELECT line, n, reps, since FROM line_stats "
                f"WHERE site_id = ? AND line IN ({', '.join('?' * len(part))})",
                (site_id, *part),
            )
            for line, n, reps, since in rows:
                found[line] = (n, [int(r) for r in reps.split(",") if r], since)
        return found

    def _apart(
        self,
        seq: int,
        reps: list[int],
        article: Article,
        line: str,
        library: bool,
        memo: dict[int, bool],
    ) -> bool:
        """Whether the article being added as ``seq`` is another story than every holder in
        ``reps`` (for the whole library: shares nothing with them but ``line``)."""
        if not reps:
            return True
        if library:
            own = sketch(Article(id="", text=line))  # what holders share is not this line
            return not any(self._related(seq, r, article, own) for r in reps)
        return not any(self._same(seq, r, article, memo, SAME_STORY) for r in reps)

    def _same(
        self, seq: int, other: int, article: Article, memo: dict[int, bool], at: float
    ) -> bool:
        """Whether stored article ``other`` is a version of the story being added as ``seq``."""
        if other not in memo:
            if seq not in self._sketches:
                self._remember_sketch(seq, sketch(article))
            memo[other] = other == seq or same_story(self._sketch(seq), self._sketch(other), at)
        return memo[other]

    def _related(self, seq: int, other: int, article: Article, line: frozenset[int]) -> bool:
        """Whether stored article ``other`` shares more than ``line`` (its sketch) with the
        article being added as ``seq``."""
        if seq not in self._sketches:
            self._remember_sketch(seq, sketch(article))
        if other == seq:
            return True
        return same_story(self._sketch(seq) - line, self._sketch(other) - line, RELATED)

    def _sketch(self, seq: int) -> frozenset[int]:
        if (found := self._sketches.get(seq)) is not None:
            self._sketches.move_to_end(seq)
            return found
        row = self.conn.execute("SELECT sketch FROM articles WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            found = frozenset()
        elif row[0] is None:
            found = sketch(self._load(seq))
            self.conn.execute(
                "UPDATE articles SET sketch = ? WHERE seq = ?", (pack_sketch(found), seq)
            )
        else:
            found = unpack_sketch(row[0])
        self._remember_sketch(seq, found)
        return found

    def _remember_sketch(self, seq: int, shingles: frozenset[int]) -> None:
        self._sketches[seq] = shingles
        if len(self._sketches) > _SKETCH_CACHE:
            self._sketches.popitem(last=False)

    def _recognise(self, site_id: int, lines: list[tuple[int, str]]) -> set[int]:
        """Record newly recognised boilerplate lines; clean the articles holding them (seqs)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        holders: set[int] = set()
        for key, text in lines:
            found = [
                r[0]
                for r in self.conn.execute(
                    "SELECT article FROM site_lines WHERE site_id = ? AND line = ?", (site_id, key)
                )
            ]
            holders.update(found)
            self.conn.execute(
                "INSERT OR REPLACE INTO site_boilerplate VALUES (?, ?, ?, ?, ?)",
                (site_id, key, text, len(found), now),
            )
            self.conn.execute(
                "DELETE FROM site_lines WHERE site_id = ? AND line = ?", (site_id, key)
            )
            self.conn.execute(
                "DELETE FROM line_stats WHERE site_id = ? AND line = ?", (site_id, key)
            )
            log.info("site boilerplate recognised (%d articles): %.80r", len(found), text)
        keys = self._boilerplate_keys(site_id)
        keys.update(key for key, _ in lines)
        return {seq for seq in sorted(holders) if self._clean(seq, keys)}

    def _clean(self, seq: int, keys: set[int]) -> bool:
        article = self._load(seq)
        stripped = strip_furniture(article, keys)
        if stripped is article:
            return False
        self._rewrite(seq, stripped)
        return True

    def _rewrite(self, seq: int, cleaned: Article) -> None:
        """Store a cleaner version of article ``seq`` (same id) and re-index it."""
        self.conn.execute(
            "UPDATE articles SET title = ?, title_origin = ?, text = ?, paragraphs = ?, "
            "boilerplate = ?, words = ?, clean_id = ?, sketch = ? WHERE seq = ?",
            (
                cleaned.title,
                cleaned.title_origin,
                cleaned.text,
                _dump([[p.start, p.end, p.origin] for p in cleaned.paragraphs]),
                _dump(list(cleaned.boilerplate)),
                len(cleaned.text.split()),
                _clean_id(cleaned),
                None,  # the sketch of the old text no longer holds
                seq,
            ),
        )
        self._sketches.pop(seq, None)
        for index in self.indexes:
            index.remove(cleaned.id)
            index.add(cleaned)

    # -- applying new rules to what is stored ---------------------------------------------

    def reclean(self, progress: Callable[[int, int], None] | None = None) -> RecleanSummary:
        """Apply the cleaning rules of this version to every stored article, in the order
        they were added: paragraphs that are boilerplate by their look go, a title that is
        no headline (a site name, a prompt) goes or loses what is glued to it, and the
        furniture of the whole library is learnt again. Ids stay; removed text stays kept
        for audit. Commits after each chunk, so it can be interrupted and run again."""
        seqs = [r[0] for r in self.conn.execute("SELECT seq FROM articles ORDER BY seq")]
        library_id = self._site_id(LIBRARY)
        tally = RecleanSummary(articles=len(seqs))
        with self._transaction():
            for table in ("line_stats", "site_lines"):
                self.conn.execute(f"DELETE FROM {table} WHERE site_id = ?", (library_id,))
            self.conn.execute("UPDATE sites SET n_articles = 0 WHERE site_id = ?", (library_id,))
        for start in range(0, len(seqs), _RECLEAN_CHUNK):
            with self._transaction():
                for seq in seqs[start : start + _RECLEAN_CHUNK]:
                    self._reclean_one(seq, library_id, tally)
            if progress is not None:
                progress(min(start + _RECLEAN_CHUNK, len(seqs)), len(seqs))
        return tally

    def _reclean_one(self, seq: int, library_id: int, tally: RecleanSummary) -> None:
        article = self._load(seq)
        cleaned = reclean_article(article)
        keys = paragraph_keys(cleaned)
        if known := self._known(cleaned, keys, library_id):
            cleaned = strip_furniture(cleaned, known, keys)
            keys = paragraph_keys(cleaned)
        if cleaned != article:
            tally.changed += 1
            tally.titles += cleaned.title != article.title
            self._rewrite(seq, cleaned)
        if self.cfg.library_min_stories <= 0:
            return
        n = self.conn.execute(
            "UPDATE sites SET n_articles = n_articles + 1 WHERE site_id = ? RETURNING n_articles",
            (library_id,),
        ).fetchone()[0]
        lines = self._track_lines(library_id, seq, cleaned, keys, n, library=True)
        if lines:
            tally.changed += len(self._recognise(library_id, lines) - {seq})
            tally.library_lines += len(lines)
        tally.changed += len(self._unlink(seq, library_id) - {seq})

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._forget()
            raise
        self.conn.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------

    def get(self, ref: str) -> Article:
        """The article with this id, or with this unique id prefix."""
        return self._load(self._resolve(ref))

    def __contains__(self, article_id: object) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def _resolve(self, ref: str) -> int:
        ref = ref.strip().lower()
        row = self.conn.execute("SELECT seq FROM articles WHERE id = ?", (ref,)).fetchone()
        if row is not None:
            return int(row[0])
        if not ref:
            raise NotFound("no article id given")
        rows = self.conn.execute(
            "SELECT seq, id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
            (ref, ref + "\U0010ffff"),
        ).fetchall()
        if not rows:
            raise NotFound(f"no article {ref!r} in {self.name} (see `unspun ls` for the ids)")
        if len(rows) > 1:
            matches = [r[1] for r in rows[:10]]
            more = ", ..." if len(rows) > 10 else ""
            raise AmbiguousId(
                f"id prefix {ref!r} matches several articles in {self.name} "
                f"({', '.join(matches)}{more}); give more digits",
                matches,
            )
        return int(rows[0][0])

    def _load(self, seq: int) -> Article:
        row = self.conn.execute(f"SELECT {_LOAD} FROM articles WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            raise NotFound(f"no article #{seq} in {self.name}")
        return _article_of(row)

    def iter_articles(self, site: str | None = None, batch: int = 256) -> Iterator[Article]:
        """Every article (of one site), in the order added, read a batch at a time."""
        last = 0
        where = "seq > ?" + (" AND site = ?" if site is not None else "")
        while True:
            params: tuple[Any, ...] = (last,) if site is None else (last, site)
            rows = self.conn.execute(
                f"SELECT seq, {_LOAD} FROM articles WHERE {where} ORDER BY seq LIMIT {int(batch)}",
                params,
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article_of(row[1:])
            last = rows[-1][0]

    def list(
        self, site: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ArticleRow]:
        """Articles newest first by date published (else fetched), optionally of one site."""
        where, params = ("WHERE site = ?", [site]) if site is not None else ("", [])
        rows = self.conn.execute(
            "SELECT id, site, date, title, words, wire, format, url, origin FROM articles "
            f"{where} ORDER BY date DESC, seq DESC LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        return [
            ArticleRow(r[0], r[1], r[2], r[3], r[4], tuple(filter(None, r[5].split(","))), *r[6:])
            for r in rows
        ]

    def count(self, site: str | None = None) -> int:
        if site is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        row = self.conn.execute("SELECT COUNT(*) FROM articles WHERE site = ?", (site,))
        return int(row.fetchone()[0])

    def sightings(self, ref: str) -> builtins.list[dict[str, str]]:
        """Other inputs that gave this article (site, url, origin, external_id, dates)."""
        rows = self.conn.execute(
            "SELECT site, url, origin, external_id, published, fetched FROM sightings "
            "WHERE seq = ? ORDER BY site, origin",
            (self._resolve(ref),),
        )
        keys = ("site", "url", "origin", "external_id", "published", "fetched")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def site_boilerplate(self, site: str | None = None) -> builtins.list[tuple[str, str, int]]:
        """Recognised boilerplate lines as (site, line, articles holding it when recognised);
        a line recognised across the whole library has the site "all sites"."""
        rows = self.conn.execute(
            "SELECT s.name, b.text, b.articles FROM site_boilerplate b JOIN sites s USING (site_id)"
            + (" WHERE s.name = ?" if site is not None else "")
            + " ORDER BY s.name, b.articles DESC",
            (site,) if site is not None else (),
        )
        return [(ALL_SITES if r[0] == LIBRARY else r[0], r[1], r[2]) for r in rows]

    def summary(self) -> dict[str, Any]:
        """What the library holds: counts by site, wire credit, format and language, dates."""
        one = self.conn.execute
        wire: Counter[str] = Counter()
        for credits, n in one("SELECT wire, COUNT(*) FROM articles GROUP BY wire"):
            for agency in filter(None, credits.split(",")):
                wire[agency] += n
        first, last, dated = one(
            "SELECT MIN(date), MAX(date), COUNT(*) FROM articles WHERE date != ''"
        ).fetchone()
        return {
            "library": self.name,
            "schema_version": one("PRAGMA user_version").fetchone()[0],
            "articles": self.count(),
            "words": one("SELECT COALESCE(SUM(words), 0) FROM articles").fetchone()[0],
            "sites": one("SELECT COUNT(DISTINCT site) FROM articles WHERE site != ''").fetchone()[
                0
            ],
            "top_sites": dict(
                one(
                    "SELECT site, COUNT(*) AS n FROM articles WHERE site != '' GROUP BY site "
                    "ORDER BY n DESC, site LIMIT 10"
                ).fetchall()
            ),
            "wire": dict(wire.most_common()),
            "wire_credited": one("SELECT COUNT(*) FROM articles WHERE wire != ''").fetchone()[0],
            "formats": _counts(one, "format"),
            "languages": _counts(one, "language"),
            "dated": dated,
            "first_date": first or "",
            "last_date": last or "",
            "boilerplate_lines": one("SELECT COUNT(*) FROM site_boilerplate").fetchone()[0],
        }

    # -- removing ------------------------------------------------------------------------

    def remove(self, ref: str) -> Article:
        """Remove the article with this id (or unique id prefix); return what was removed."""
        seq = self._resolve(ref)
        article = self._load(seq)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._remove(seq, article.id)
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._forget()
            raise
        self.conn.execute("COMMIT")
        self._sketches.pop(seq, None)
        return article

    def _remove(self, seq: int, article_id: str) -> None:
        site_id = self.conn.execute(
            "SELECT site_id FROM articles WHERE seq = ?", (seq,)
        ).fetchone()[0]
        for scope in {site_id, self._site_id(LIBRARY)} - {None}:
            self._untrack(seq, scope)
        self.conn.execute("DELETE FROM site_lines WHERE article = ?", (seq,))
        self.conn.execute("DELETE FROM sightings WHERE seq = ?", (seq,))
        for index in self.indexes:
            index.remove(article_id)
        self.conn.execute("DELETE FROM articles WHERE seq = ?", (seq,))

    def _untrack(self, seq: int, site_id: int) -> None:
        """Take article ``seq`` out of the line counts of one scope (a site, or the library)."""
        lines = [
            r[0]
            for r in self.conn.execute(
                "SELECT line FROM site_lines WHERE article = ? AND site_id = ?", (seq, site_id)
            )
        ]
        for key, (n, reps, _) in self._line_stats(site_id, lines).items():
            if n <= 1:
                self.conn.execute(
                    "DELETE FROM line_stats WHERE site_id = ? AND line = ?", (site_id, key)
                )
                continue
            left = ",".join(str(r) for r in reps if r != seq)
            self.conn.execute(
                "UPDATE line_stats SET n = ?, reps = ? WHERE site_id = ? AND line = ?",
                (n - 1, left, site_id, key),
            )
        self.conn.execute(
            "UPDATE sites SET n_articles = MAX(n_articles - 1, 0) WHERE site_id = ?", (site_id,)
        )


def _texts(article: Article) -> list[str]:
    return [article.text[p.start : p.end] for p in body_paragraphs(article)]


def _heading_shaped(text: str) -> bool:
    """A paragraph that could be a headline: one short line that is no sentence."""
    short = 3 <= len(text.split()) <= _HEADING_WORDS
    return short and "\n" not in text and not text.rstrip().endswith(".")


def open_store(
    path: str | Path,
    cfg: StoreConfig | None = None,
    *,
    create: bool = True,
    indexes: Sequence[ArticleIndex] = (),
) -> SqliteStore:
    """Open (and, with ``create``, make) the library at ``path``; ``":memory:"`` for a test.

    Raises StoreError when the file cannot be opened, SchemaError when it is not an unspun
    library or is newer than this code.
    """
    cfg = cfg or StoreConfig()
    name = str(path)
    memory = name == ":memory:"
    if not memory:
        file = Path(path)
        if not create and not file.exists():
            raise StoreError(f"{name}: no library here (create one with `unspun add PATH`)")
        if file.is_dir():
            raise StoreError(f"{name}: is a directory, not a library file")
        if not file.parent.is_dir():
            raise StoreError(f"{name}: the folder {file.parent} does not exist")
    try:
        conn = sqlite3.connect(name, isolation_level=None, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError(f"{name}: cannot open the library ({exc})") from exc
    try:
        schema.check(conn, name)
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        schema.migrate(conn, name)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{name}: cannot open the library ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return SqliteStore(conn, name, cfg, indexes)


def _clean_id(article: Article) -> str:
    """The id the article would have with its site boilerplate removed (same publication)."""
    return content_id(article.title, article.text, article.site, article.url, article.external_id)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _article_values(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "raw_hash": article.raw_hash,
        "site": article.site,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "fetched": article.fetched,
        "language": article.language,
        "format": article.format,
        "origin": article.origin,
        "external_id": article.external_id,
        "title_origin": article.title_origin,
        "text": article.text,
        "paragraphs": _dump([[p.start, p.end, p.origin] for p in article.paragraphs]),
        "captions": _dump([[c.text, c.origin] for c in article.captions]),
        "credits": _dump([[c.agency, c.evidence, c.where] for c in article.credits]),
        "boilerplate": _dump(list(article.boilerplate)),
    }


def _article_of(row: Sequence[Any]) -> Article:
    (aid, text, title, paras, captions, url, site, byline, published, fetched, language,
     credits, boilerplate, fmt, raw, origin, external_id, title_origin) = row  # fmt: skip
    return Article(
        id=aid,
        text=text,
        title=title,
        paragraphs=tuple(Paragraph(*p) for p in json.loads(paras)),
        captions=tuple(Caption(*c) for c in json.loads(captions)),
        url=url,
        site=site,
        byline=byline,
        published=published,
        fetched=fetched,
        language=language,
        credits=tuple(WireCredit(*c) for c in json.loads(credits)),
        boilerplate=tuple(json.loads(boilerplate)),
        format=fmt,
        raw_hash=raw,
        origin=origin,
        external_id=external_id,
        title_origin=title_origin,
    )


def _counts(execute: Callable[..., sqlite3.Cursor], column: str) -> dict[str, int]:
    rows = execute(
        f"SELECT {column}, COUNT(*) AS n FROM articles GROUP BY {column} ORDER BY n DESC"
    ).fetchall()
    return {value or "unknown": n for value, n in rows}
