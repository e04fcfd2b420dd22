"""``/api/check``: the sources of an article in the library, ranked, each with its alignment.

A check runs in the check pool (:mod:`unspun.api.pool`), never on the event loop or its
threads: 429 when the pool's queue is full, 504 past its time limit, 413 past the word limit.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile

from unspun.api import jobs
from unspun.api.deps import State, require_json
from unspun.api.schemas import CheckIn, errors

router = APIRouter(prefix="/api", tags=["check"])
TICKET = Query(
    default="",
    max_length=64,
    pattern=r"^[A-Za-z0-9_-]*$",
    description="A name of your choosing for this check, to follow it at /api/jobs/{ticket}",
)


@router.post(
    "/check",
    dependencies=[Depends(require_json('{"text": "..."} or {"id": "..."}'))],
    summary="Check an article",
    responses=errors(400, 404, 409, 413, 415, 422, 429, 500, 504),
)
async def check_article(body: CheckIn, state: State, ticket: str = TICKET) -> dict[str, Any]:
    """Find the library articles this one draws on (inline text/HTML, or a library id):
    the ``unspun.check/1`` report of ``unspun check --json``."""
    if body.text is not None:  # refused here, before it takes a worker's time
        jobs.limit_words(body.text, state.settings.max_check_words, "<article>")
    report: dict[str, Any] = await state.run(jobs.check_json, body, ticket=ticket)
    return report


@router.post(
    "/check/upload",
    summary="Check an uploaded file",
    responses=errors(413, 422, 429, 500, 504),
)
async def check_upload(
    file: Annotated[UploadFile, File(description="A text or HTML file, optionally gzipped")],
    state: State,
    ticket: str = TICKET,
) -> dict[str, Any]:
    data = await file.read(state.settings.max_upload_bytes + 1)
    name = file.filename or "upload"
    report: dict[str, Any] = await state.run(jobs.check_file, data, name, ticket=ticket)
    return report


@router.get("/jobs/{ticket}", summary="Follow a check", responses=errors(404))
async def job_status(ticket: str, state: State) -> dict[str, Any]:
    """Where the check (or compare) sent with ``?ticket=`` is: ``queued`` (with its
    ``position``), ``running`` (its ``stage`` and ``running_s`` of ``limit_s``), ``done``
    or ``failed``. (On the event loop, as the pool's own bookkeeping is.)"""
    found = state.job_progress(ticket)
    if found is None:
        raise HTTPException(404, f"no check with the ticket {ticket!r} (it may be long done)")
    return found


@router.get("/pool", summary="The check pool's size, limits and load")
async def pool_status(state: State) -> dict[str, Any]:
    return state.pool_summary()
