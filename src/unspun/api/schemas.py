"""Request bodies of the REST API (pydantic, at the edge only)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ArticleIn(BaseModel):
    """One article given inline: plain ``text`` or a page's ``html`` (one of the two)."""

    text: str | None = Field(
        default=None, description="Plain text; a short first line is the headline."
    )
    html: str | None = Field(
        default=None, description="An HTML page; its main content is extracted."
    )
    title: str | None = Field(
        default=None, description="Headline, when the text does not start with it."
    )
    url: str = Field(default="", description="Where it was published (stored, never fetched).")
    site: str = ""
    published: str = Field(default="", description="ISO 8601 date of publication.")


class ArticleRef(ArticleIn):
    """An article given inline, or the ``id`` (or unique id prefix) of a library article."""

    id: str | None = Field(default=None, description="A library article id or unique prefix.")


class BatchIn(BaseModel):
    articles: list[ArticleIn]


class CompareIn(BaseModel):
    copy_: ArticleRef = Field(alias="copy", description="The article suspected of copying.")
    source: ArticleRef = Field(description="The article it may copy.")

    model_config = {"populate_by_name": True}


class CheckIn(ArticleRef):
    """The article to check, inline or by library id."""


class ErrorBody(BaseModel):
    status: int
    kind: str = Field(description="e.g. not-found, too-large, empty, unsupported, bad-request")
    message: str = Field(description="What was wrong, naming the input, and what to do")
    matches: list[str] | None = Field(
        default=None, description="For an ambiguous id prefix (409): the ids it matches"
    )
    retry_after: int | None = Field(
        default=None, description="For a busy server (429): seconds to wait (as Retry-After)"
    )
    limit_s: float | None = Field(
        default=None, description="For a check past its time limit (504): the limit"
    )


class ErrorOut(BaseModel):
    """Every error answer."""

    error: ErrorBody


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: these statuses answer an :class:`ErrorOut`."""
    return {status: {"model": ErrorOut, "description": _WHY[status]} for status in statuses}


_WHY = {
    400: "The request asks for something impossible",
    401: "A write without the right bearer token",
    404: "No such article (or family)",
    409: "An id prefix that several articles share (their ids are listed)",
    413: "The body or upload is over the size limit",
    415: "A body that is not JSON (send Content-Type: application/json)",
    422: "A malformed request, or an input that cannot be read as an article",
    429: "Every worker is busy and the queue is full: try again after Retry-After seconds",
    500: "An internal error, or the worker running the check died (it has been replaced)",
    504: "The check ran past the time limit (limit_s) and was stopped",
}
