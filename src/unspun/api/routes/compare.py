"""``/api/compare``: align two articles (inline or library ids), as ``unspun compare --json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from unspun.api.deps import State, require_json
from unspun.api.schemas import CompareIn, errors
from unspun.api.service import compare, resolve

router = APIRouter(prefix="/api", tags=["compare"])


@router.post(
    "/compare",
    dependencies=[Depends(require_json('{"copy": {"text": "..."}, "source": {"id": "..."}}'))],
    summary="Compare two articles",
    responses=errors(400, 404, 409, 413, 415, 422),
)
def compare_articles(body: CompareIn, state: State) -> dict[str, Any]:
    """The ``unspun.compare/1`` report: every copy sentence, where it comes from, the shares."""
    from unspun.report.json import compare_report

    with state.store() as store:
        copy = resolve(state, store, body.copy_, "copy")
        source = resolve(state, store, body.source, "source")
    c = compare(state, copy, source)
    return compare_report(
        c.copy, c.source, c.alignment, model=c.model, changes=c.changes, provenance=c.provenance
    )
