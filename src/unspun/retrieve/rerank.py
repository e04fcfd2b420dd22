"""Where did this article come from: library candidates re-ranked by alignment.

A first ``check`` core: the source index proposes candidates (shingles, BM25, vectors fused,
see :class:`unspun.retrieve.index.SourceIndex`), the best few are aligned with the article
(the compare engine), and the sources are ranked by the share of the article each explains.
The faces (api, web, cli) call :func:`find_sources`; they only lay the result out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from unspun.align import AlignConfig, Embedder, align_articles
from unspun.errors import NotFound
from unspun.model import Alignment, Article
from unspun.retrieve.candidates import Candidate
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.index import SourceIndex
from unspun.store import SqliteStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """How many candidates are fetched and aligned, and what counts as a source."""

    candidates: int = 20  # candidates asked of the source index
    align_top: int = 5  # of those, this many are aligned with the article
    retrieve: RetrieveConfig = field(default_factory=RetrieveConfig)
    align: AlignConfig = field(default_factory=AlignConfig)


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """A library article aligned with the checked article, and how it was found."""

    rank: int  # 1 = the source that explains most of the article
    source: Article
    alignment: Alignment
    candidate: Candidate


def sync_index(store: SqliteStore, index: SourceIndex) -> int:
    """Bring the source index in step with the library; returns how many articles it indexed.

    Libraries filled (or pruned) by a tool that does not keep the index catch up here, in one
    transaction: articles missing from the index are added, entries of removed ones dropped.
    """
    index.ensure_schema()
    conn = store.conn
    stale = [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM idx_docs WHERE article_id NOT IN (SELECT id FROM articles)"
        )
    ]
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM idx_docs)"
        )
    ]
    if not stale and not missing:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for article_id in stale:
            index.remove(article_id)
        added = index.add_many(store.get(article_id) for article_id in missing)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    log.info("%s: source index: %d added, %d dropped", store.name, added, len(stale))
    return added


def find_sources(
    article: Article,
    store: SqliteStore,
    index: SourceIndex,
    cfg: CheckConfig,
    embedder: Embedder | None = None,
) -> list[SourceMatch]:
    """The library articles ``article`` draws on, best first (sources with reuse lead).

    The article itself, when it is in the library, is never its own source.
    """
    candidates = index.candidates(article, cfg.candidates)
    aligned = []
    for candidate in candidates[: cfg.align_top]:
        try:
            source = store.get(candidate.article_id)
        except NotFound:  # removed since it was indexed
            log.warning("%s: indexed but not in the library", candidate.article_id)
            continue
        if source.id == article.id:
            continue
        aligned.append((source, align_articles(article, source, cfg.align, embedder), candidate))
    aligned.sort(key=lambda m: (not m[1].summary.reuse, -m[1].summary.copy_share, -m[2].score))
    return [SourceMatch(rank, *m) for rank, m in enumerate(aligned, start=1)]


def check_verdict(matches: Iterable[SourceMatch]) -> str:
    """The answer in words: original, verbatim or spun copy of X, or partly derived from X, Y."""
    reused = [m for m in matches if m.alignment.summary.reuse]
    if not reused:
        return "no source found in the library: an original, or its source is not in the library"
    best = reused[0].alignment.summary
    name = _name(reused[0].source)
    if best.copy_share >= 0.8:
        kind = "spun copy" if best.paraphrase_share > best.verbatim_share else "verbatim copy"
        return f"{kind} of {name} ({round(100 * best.copy_share)}% of the article)"
    names = ", ".join(_name(m.source) for m in reused[:3])
    return f"partly derived from {names}"


def _name(article: Article) -> str:
    title = article.title or article.id
    return f"“{title}”" + (f" ({article.site})" if article.site else "")
