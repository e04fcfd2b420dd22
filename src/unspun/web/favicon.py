"""``/favicon.ico``: a small inline SVG icon, so that no browser's request for it is a 404."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)

ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#1f3a5f"/>'
    '<path d="M9 8v10a7 7 0 0 0 14 0V8h-4v10a3 3 0 0 1-6 0V8z" fill="#fff"/>'
    "</svg>"
)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(
        ICON, media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"}
    )
