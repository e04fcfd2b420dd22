"""Request dependencies: the app state, and the token that guards write endpoints."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from unspun.api.state import AppState


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.unspun
    return state


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>`` when a token is set or off loopback."""
    settings = app_state(request).settings
    if not settings.writes_need_token:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = settings.token or ""
    if (
        not expected
        or scheme.lower() != "bearer"
        or not secrets.compare_digest(given.strip().encode(), expected.encode())
    ):
        raise HTTPException(401, "this endpoint needs the header 'Authorization: Bearer <token>'")


def require_json(example: str) -> Callable[[Request], None]:
    """A dependency refusing (415) a body not sent as JSON, with a hint built on ``example``."""

    def json_body(request: Request) -> None:
        media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media and media != "application/json" and not media.endswith("+json"):
            raise HTTPException(
                415,
                f"the body was sent as {media}, and this endpoint reads JSON: send {example} "
                "with the header 'Content-Type: application/json'",
            )

    return json_body


State = Annotated[AppState, Depends(app_state)]
