"""Rendering pages: the Jinja2 environment (autoescape on), and the compare report embedded.

The side-by-side report comes whole from :func:`unspun.report.html.render_html` (so a page
shows exactly what ``unspun compare --html`` writes); :func:`report_fragment` takes that page
apart into its style, its body and its script for a page of the app to place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from unspun.provenance.records import StoryFamily
from unspun.report.common import pct
from unspun.web.timeline import timeline_svg

ROLE_HELP = {
    "source": "explains part of the article that no source above it explains",
    "duplicate": "reused, but explains nothing the sources above it do not",
    "related": "compared, but no text of it is reused",
}
STATIC_DIR = Path(str(files("unspun.web") / "static"))
TEMPLATE_DIR = Path(str(files("unspun.web") / "templates"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {
        "pct": pct,
        "role_help": ROLE_HELP,
        "original_of": original_of,
        "timeline_chart": lambda family: Markup(timeline_svg(family)),  # escaped as it is built
        "first_seen": lambda f: next((m.when for m in f.members if m.when), ""),
        "last_seen": lambda f: next((m.when for m in reversed(f.members) if m.when), ""),
    }
    return env


def original_of(family: StoryFamily) -> str:
    """The family's original as a reader knows it, or why there is none in the library."""
    if not family.original:
        return family.original_label
    member = next((m for m in family.members if m.article_id == family.original), None)
    if member is None:
        return family.original
    return f"“{member.title or member.article_id}”" + (f" ({member.site})" if member.site else "")


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def error_page(status: int, message: str) -> str:
    try:
        heading = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        heading = f"Error {status}"
    return render("error.html", status=status, heading=heading, message=message, report=None)


@dataclass(frozen=True, slots=True)
class ReportFragment:
    css: Markup
    body: Markup
    script: Markup


_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_BODY_RULE = re.compile(r"(?<![\w.#-])body\s*\{[^}]*\}")
_BODY = re.compile(r"<body>(.*?)<script>(.*?)</script>\s*</body>", re.S)


def report_fragment(page: str) -> ReportFragment:
    """The parts of a report page (already escaped by the report) to embed in an app page."""
    style = _STYLE.search(page)
    body = _BODY.search(page)
    if style is None or body is None:
        raise ValueError("the HTML report no longer has the <style>/<body>/<script> layout")
    css = _BODY_RULE.sub("", style.group(1))  # the app lays out <body> itself
    return ReportFragment(Markup(css), Markup(body.group(1)), Markup(body.group(2)))
