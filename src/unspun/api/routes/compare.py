"""``/api/compare``: align two articles (inline or library ids), as ``unspun compare --json``.

A compare runs in the check pool, as a check does (429, 504, 413 past the word limit).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from unspun.api import jobs
from unspun.api.deps import State, require_json
from unspun.api.routes.check import TICKET
from unspun.api.schemas import CompareIn, errors

router = APIRouter(prefix="/api", tags=["compare"])


@router.post(
    "/compare",
    dependencies=[Depends(require_json('{"copy": {"text": "..."}, "source": {"id": "..."}}'))],
    summary="Compare two articles",
    responses=errors(400, 404, 409, 413, 415, 422, 429, 500, 504),
)
async def compare_articles(body: CompareIn, state: State, ticket: str = TICKET) -> dict[str, Any]:
    """The ``unspun.compare/1`` report: every copy sentence, where it comes from, the shares."""
    limit = state.settings.max_check_words
    for side, ref in (("copy", body.copy_), ("source", body.source)):
        if ref.text is not None:
            jobs.limit_words(ref.text, limit, f"<{side}>")
    report: dict[str, Any] = await state.run(
        jobs.compare_json, body.copy_, body.source, ticket=ticket
    )
    return report
