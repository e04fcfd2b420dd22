"""Every error the server answers with, mapped in one place.

An :class:`unspun.errors.UnspunError` becomes a status code by its class (:data:`STATUS`);
API paths (``/api/...``) answer JSON::

    {"error": {"status": 404, "kind": "not-found", "message": "no article 'abc' in ..."}}

(an ambiguous id prefix, 409, also lists the ``matches``; a busy server, 429, gives
``retry_after`` and the ``Retry-After`` header; a check past its time limit, 504, ``limit_s``)

and pages answer an HTML page carrying the same message (escaped).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from unspun.errors import (
    AmbiguousId,
    InputError,
    ModelUnavailable,
    NotFound,
    SchemaError,
    StoreError,
    TooLarge,
    UnspunError,
)

log = logging.getLogger(__name__)

PageRenderer = Callable[[int, str], str]  # (status, message) -> an HTML page


class RequestError(UnspunError):
    """A request that asks for something impossible (no text given, both text and id...)."""


class PoolBusy(UnspunError):
    """Every worker is busy and the queue is full: try again in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class JobTimedOut(UnspunError):
    """A check (or compare) ran past the time limit; its worker was stopped."""

    def __init__(self, message: str, limit: float) -> None:
        super().__init__(message)
        self.limit = limit


class WorkerLost(UnspunError):
    """The worker process running a job died (it has been replaced)."""


class JobFailed(UnspunError):
    """An error a job raised in a worker process, as the server answers it."""

    def __init__(self, status: int, kind: str, message: str, extra: dict[str, Any]) -> None:
        super().__init__(message)
        self.status, self.kind, self.message, self.extra = status, kind, message, extra


# Most specific first: the first class an error is an instance of decides.
STATUS: tuple[tuple[type[UnspunError], int, str], ...] = (
    (RequestError, 400, "bad-request"),
    (PoolBusy, 429, "busy"),
    (JobTimedOut, 504, "time-limit"),
    (WorkerLost, 500, "worker-lost"),
    (TooLarge, 413, "too-large"),
    (AmbiguousId, 409, "ambiguous-id"),
    (NotFound, 404, "not-found"),
    (InputError, 422, "unreadable-input"),
    (SchemaError, 500, "library-schema"),
    (StoreError, 500, "library"),
    (ModelUnavailable, 503, "model-unavailable"),
    (UnspunError, 500, "error"),
)
_HTTP_KINDS = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-request",
}


def status_of(exc: UnspunError) -> tuple[int, str]:
    """The HTTP status and error kind of an unspun error."""
    if isinstance(exc, JobFailed):
        return exc.status, exc.kind
    for cls, status, kind in STATUS:
        if isinstance(exc, cls):
            if isinstance(exc, InputError) and status == 422 and exc.kind != "input":
                return status, exc.kind
            return status, kind
    return 500, "error"


def message_of(exc: UnspunError) -> str:
    if isinstance(exc, InputError):
        return f"{exc.origin}: {exc.reason}"
    return str(exc)


def failure_of(exc: Exception) -> dict[str, Any]:
    """What a worker sends back for an error: :class:`JobFailed`'s arguments (an exception
    of the tree does not always survive pickling, its answer does)."""
    if not isinstance(exc, UnspunError):
        log.error("unexpected error in a worker", exc_info=exc)
        message = f"internal error ({type(exc).__name__}); see the server log"
        return {"status": 500, "kind": "internal", "message": message, "extra": {}}
    status, kind = status_of(exc)
    extra = {"matches": exc.matches} if isinstance(exc, AmbiguousId) else {}
    return {"status": status, "kind": kind, "message": message_of(exc), "extra": extra}


def install(app: FastAPI, render_page: PageRenderer | None = None) -> None:
    """Register the handlers: unspun errors, HTTP errors and request validation errors."""

    def answer(
        request: Request,
        status: int,
        kind: str,
        message: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> Response:
        state = getattr(request.app.state, "unspun", None)
        if state is not None:  # the library's path on the server is not the client's business
            message = message.replace(state.settings.db_path, "the library")
        if status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        if render_page is not None and not request.url.path.startswith("/api"):
            return HTMLResponse(render_page(status, message), status, headers=headers)
        body = {"error": {"status": status, "kind": kind, "message": message, **extra}}
        return JSONResponse(body, status, headers=headers)

    @app.exception_handler(UnspunError)
    async def unspun_error(request: Request, exc: UnspunError) -> Response:
        status, kind = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        extra: dict[str, Any] = {"matches": exc.matches} if isinstance(exc, AmbiguousId) else {}
        headers = None
        if isinstance(exc, JobFailed):
            extra = exc.extra
        elif isinstance(exc, PoolBusy):
            extra, headers = {"retry_after": exc.retry_after}, {"Retry-After": str(exc.retry_after)}
        elif isinstance(exc, JobTimedOut):
            extra = {"limit_s": exc.limit}
        return answer(request, status, kind, message_of(exc), headers, **extra)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        kind = _HTTP_KINDS.get(exc.status_code, "error")
        return answer(request, exc.status_code, kind, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s: unexpected error", request.method, request.url.path)
        return answer(
            request, 500, "internal", f"internal error ({type(exc).__name__}); see the server log"
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return answer(request, 422, "invalid-request", validation_message(exc))


def validation_message(exc: RequestValidationError) -> str:
    """Pydantic's complaints as one line: 'body.text: Field required; query.limit: ...'."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
