"""``/api/search``: full-text search of the library, ranked, with snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from unspun.api.deps import State
from unspun.api.schemas import errors
from unspun.api.service import search
from unspun.pipeline import SearchQuery
from unspun.report.check_json import search_row

router = APIRouter(prefix="/api", tags=["search"])
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@router.get("/search", summary="Search the library", responses=errors(400, 422))
def search_articles(
    state: State,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to look for")],
    site: Annotated[str | None, Query(description="Only articles of this site")] = None,
    date_from: Annotated[str, Query(pattern=ISO_DATE, description="YYYY-MM-DD")] = "",
    date_to: Annotated[str, Query(pattern=ISO_DATE, description="YYYY-MM-DD")] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    group: Annotated[bool, Query(description="One row per story (false: per article)")] = True,
) -> dict[str, Any]:
    """Articles holding every word and "quoted phrase" of ``q`` (``OR`` between two terms
    makes either enough, ``word*`` matches a prefix), best BM25 first; ``marks`` are the
    offsets of the query words inside each ``snippet``. One row per story: the other copies
    of its story family (or of its text) found are in ``more`` (``more_copies``)."""
    query = SearchQuery(q, site=site or "", since=date_from, until=date_to, limit=limit)
    with state.store() as store:
        rows = search(state, store, query, grouped=group)
    return {"query": q, "hits": [search_row(r) for r in rows]}
