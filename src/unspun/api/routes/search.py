"""``/api/search``: full-text search of the library, ranked, with snippets."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from unspun.api.deps import State
from unspun.api.schemas import errors
from unspun.api.service import search
from unspun.pipeline import SearchQuery

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
) -> dict[str, Any]:
    """Articles holding every word and "quoted phrase" of ``q`` (``OR`` between two terms
    makes either enough, ``word*`` matches a prefix), best BM25 first; ``marks`` are the
    offsets of the query words inside each ``snippet``."""
    query = SearchQuery(q, site=site or "", since=date_from, until=date_to, limit=limit)
    with state.store() as store:
        hits = search(state, store, query)
    return {"query": q, "hits": [asdict(h) for h in hits]}
