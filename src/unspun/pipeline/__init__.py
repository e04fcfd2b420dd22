"""Pipeline: the stages chained for one question.

``check_article(article, store, index, resources, cfg)`` answers "where did this article come
from?": the source index proposes candidates, the best are aligned with the article (the
compare engine), a greedy cover picks the sources that each explain a part of it, and the
change detector says what each changed; ``judge(article, sources, resources, cfg)`` is that
check given the candidate sources, as the Spark batch calls it. ``search(conn, query, cfg)``
is the library's full-text search.
"""

from unspun.pipeline.check import (
    CheckConfig,
    CheckResources,
    CheckResult,
    SourceMatch,
    check_article,
    judge,
    load_resources,
)
from unspun.pipeline.search import SearchHit, SearchQuery, search
from unspun.retrieve.sync import sync_index

__all__ = [
    "CheckConfig",
    "CheckResources",
    "CheckResult",
    "SearchHit",
    "SearchQuery",
    "SourceMatch",
    "check_article",
    "judge",
    "load_resources",
    "search",
    "sync_index",
]
