"""``/api/check``: the sources of an article in the library, ranked, each with its alignment."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, UploadFile
from starlette.concurrency import run_in_threadpool

from unspun.api.deps import State, require_json
from unspun.api.schemas import CheckIn, errors
from unspun.api.service import check, read_upload, resolve
from unspun.api.state import AppState
from unspun.report.check_json import check_report

router = APIRouter(prefix="/api", tags=["check"])


@router.post(
    "/check",
    dependencies=[Depends(require_json('{"text": "..."} or {"id": "..."}'))],
    summary="Check an article",
    responses=errors(400, 404, 409, 413, 415, 422),
)
def check_article(body: CheckIn, state: State) -> dict[str, Any]:
    """Find the library articles this one draws on (inline text/HTML, or a library id):
    the ``unspun.check/1`` report of ``unspun check --json``."""
    with state.store() as store:
        article = resolve(state, store, body, "article")
        return check_report(check(state, store, article))


@router.post("/check/upload", summary="Check an uploaded file", responses=errors(413, 422))
async def check_upload(
    file: Annotated[UploadFile, File(description="A text or HTML file, optionally gzipped")],
    state: State,
) -> dict[str, Any]:
    data = await file.read(state.settings.max_upload_bytes + 1)
    return await run_in_threadpool(_check_bytes, state, data, file.filename or "upload")


def _check_bytes(state: AppState, data: bytes, filename: str) -> dict[str, Any]:
    article = read_upload(data, filename, state.extract_config)
    with state.store() as store:
        return check_report(check(state, store, article))
