"""Plain text to an :class:`Article`: headline, byline, captions and body, boilerplate set apart.

The text is cut into *units*: single lines, or the lines of one hard-wrapped paragraph.
:func:`unspun.extract.clean.layout` gives each unit its role. Body paragraphs are copied
verbatim from the input (consecutive body units of one blank-line-separated block stay one
paragraph, inner newlines included), so every paragraph, the title and each caption keep
their exact offset in the decoded input: ``article.text[p.start:p.end] ==
text[p.origin:p.origin + p.end - p.start]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument
from unspun.extract.clean import Role, find_date, guess_language, layout
from unspun.extract.credits import find_credits
from unspun.extract.limits import within
from unspun.model import Article, Caption, Paragraph, content_id, raw_hash

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_TERMINAL = tuple('.!?…"”’:;')


@dataclass(frozen=True, slots=True)
class Unit:
    """``text[start:end]`` (no surrounding whitespace), in blank-line-separated block ``block``."""

    start: int
    end: int
    block: int


def extract_text(
    text: str,
    *,
    origin: str,
    raw: bytes,
    cfg: ExtractConfig,
    fmt: str = "text",
    meta: Mapping[str, str] | None = None,
) -> Article:
    """One article from decoded plain text; EmptyDocument when nothing is left of it."""
    return article_from_units(
        text, split_units(text), origin=origin, raw=raw, cfg=cfg, fmt=fmt, meta=meta
    )


def split_units(text: str) -> list[Unit]:
    """Lines (or hard-wrapped paragraphs) of ``text``, grouped by blank-line-separated block."""
    lines: list[tuple[int, int, int]] = []  # start, end (stripped), block
    block, pos, blank_before = 0, 0, False
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line:
            break
        stripped = line.strip()
        if stripped:
            if blank_before and lines:
                block += 1
            start = pos + (len(line) - len(line.lstrip()))
            lines.append((start, start + len(stripped), block))
            blank_before = False
        else:
            blank_before = True
        pos += len(line)
    if not lines:
        return []
    if block == 0:  # no blank lines: every line is its own block
        lines = [(s, e, i) for i, (s, e, _) in enumerate(lines)]
    width = _wrap_width(text, lines)
    units: list[Unit] = []
    for start, end, blk in lines:
        prev = units[-1] if units else None
        if width and prev and _continues(text, prev, start, width):
            units[-1] = Unit(prev.start, end, prev.block)
        else:
            units.append(Unit(start, end, blk))
    return units


def _wrap_width(text: str, lines: Sequence[tuple[int, int, int]]) -> int:
    """The width a hard-wrapped text was filled to, or 0 when its lines are not wrapped."""
    if len(lines) < 3:
        return 0
    lengths = sorted(e - s for s, e, _ in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 250:
        return 0
    full = [(s, e) for s, e, _ in lines if e - s >= 0.6 * width]
    if len(full) < 0.5 * len(lines):
        return 0
    open_ended = sum(1 for s, e in full if not text[s:e].endswith(_TERMINAL))
    return width if open_ended >= 0.5 * len(full) else 0


def _continues(text: str, prev: Unit, start: int, width: int) -> bool:
    """Whether the line at ``start`` continues the wrapped paragraph ``prev``."""
    gap = text[prev.end : start]
    if gap.count("\n") != 1:
        return False
    last_line = text[text.rfind("\n", 0, prev.end) + 1 : prev.end]
    return len(last_line) >= 0.6 * width


def article_from_units(
    text: str,
    units: Sequence[Unit],
    *,
    origin: str,
    raw: bytes,
    cfg: ExtractConfig,
    fmt: str,
    meta: Mapping[str, str] | None = None,
) -> Article:
    """The article that ``units`` of ``text`` make, each unit given its role by ``layout``;
    stopped as TooSlow past ``cfg.page_seconds``."""
    return within(
        cfg.page_seconds,
        origin,
        lambda: _article(text, units, origin=origin, raw=raw, cfg=cfg, fmt=fmt, meta=meta or {}),
    )


def _article(
    text: str,
    units: Sequence[Unit],
    *,
    origin: str,
    raw: bytes,
    cfg: ExtractConfig,
    fmt: str,
    meta: Mapping[str, str],
) -> Article:
    texts = [text[u.start : u.end] for u in units]
    roles, promoted, title_span = _roles(texts, meta.get("title", ""))
    parts = _sort(units, roles, texts, title_span)
    title = meta.get("title", "") or parts.title
    byline = meta.get("byline", "") or parts.byline
    body, paragraphs = _body(text, parts.groups)
    if not body.strip() or len(body) < cfg.min_body_chars:
        reason = "no article text left after removing boilerplate"
        raise EmptyDocument(origin, reason if units else "no text in it")
    credits = find_credits(
        title=title,
        body=body,
        captions=[c.text for c in parts.captions] + promoted,
        byline=byline,
        extra=parts.boilerplate,
    )
    return Article(
        id=content_id(
            title, body, meta.get("site", ""), meta.get("url", ""), meta.get("external_id", "")
        ),
        text=body,
        title=title,
        paragraphs=paragraphs,
        captions=tuple(parts.captions),
        url=meta.get("url", ""),
        site=meta.get("site", ""),
        byline=byline,
        published=meta.get("published", "") or _head_date(texts, roles),
        fetched=meta.get("fetched", ""),
        language=meta.get("language", "") or guess_language(body),
        credits=credits,
        boilerplate=tuple(parts.boilerplate),
        format=fmt,
        raw_hash=raw_hash(raw),
        origin=origin,
        external_id=meta.get("external_id", ""),
        title_origin=parts.title_origin if title == parts.title else -1,
    )


def _roles(
    texts: Sequence[str], title: str
) -> tuple[list[Role], list[str], tuple[int, int] | None]:
    """Each unit's role; a page with no body keeps its captions (or its one line) as body.

    The captions so promoted are returned too: their photo credits still count. Last, the
    headline's range inside the title unit.
    """
    found = layout(texts, title=title)
    roles = list(found.roles)
    if Role.BODY in roles:
        return roles, [], found.title_span
    if Role.CAPTION in roles:
        promoted = [t for t, r in zip(texts, roles, strict=True) if r is Role.CAPTION]
        return [Role.BODY if r is Role.CAPTION else r for r in roles], promoted, found.title_span
    if Role.TITLE in roles:
        roles[roles.index(Role.TITLE)] = Role.BODY
    return roles, [], None


@dataclass(slots=True)
class _Parts:
    """What the units of one input hold, sorted by role (a builder, never returned)."""

    title: str = ""
    title_origin: int = -1
    byline: str = ""
    captions: list[Caption] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    groups: list[tuple[int, int]] = field(default_factory=list)  # body paragraphs in the input


def _sort(
    units: Sequence[Unit],
    roles: Sequence[Role],
    texts: Sequence[str],
    title_span: tuple[int, int] | None = None,
) -> _Parts:
    """Consecutive body units of one block make one paragraph; the rest go to their field."""
    parts = _Parts()
    prev_body: Unit | None = None
    for unit, role, unit_text in zip(units, roles, texts, strict=True):
        if role is Role.BODY:
            if prev_body is not None and prev_body.block == unit.block:
                parts.groups[-1] = (parts.groups[-1][0], unit.end)
            else:
                parts.groups.append((unit.start, unit.end))
            prev_body = unit
            continue
        prev_body = None
        if role is Role.TITLE:
            a, b = title_span or (0, len(unit_text))
            parts.title, parts.title_origin = unit_text[a:b], unit.start + a
            cut = (p.strip(" |•:-–—") for p in (unit_text[:a], unit_text[b:]))
            parts.boilerplate.extend(p for p in cut if p)
        elif role is Role.BYLINE and not parts.byline:
            parts.byline = unit_text
        elif role is Role.CAPTION:
            parts.captions.append(Caption(unit_text, unit.start))
        else:
            parts.boilerplate.extend(ln.strip() for ln in unit_text.splitlines() if ln.strip())
    return parts


def _body(text: str, groups: Sequence[tuple[int, int]]) -> tuple[str, tuple[Paragraph, ...]]:
    """The body (paragraphs copied verbatim, joined by a blank line) and its paragraph spans."""
    paragraphs, pos = [], 0
    for start, end in groups:
        paragraphs.append(Paragraph(pos, pos + end - start, start))
        pos += end - start + 2
    return "\n\n".join(text[start:end] for start, end in groups), tuple(paragraphs)


def _head_date(texts: Sequence[str], roles: Sequence[Role]) -> str:
    """The date a line before the body gives (a dateline, "Updated: July 15, 2018"), or ""."""
    for text, role in zip(texts, roles, strict=True):
        if role is Role.BODY:
            return ""
        if role in (Role.BOILERPLATE, Role.BYLINE) and len(text) <= 120:
            found = find_date(text)
            if found:
                return found
    return ""


__all__ = ["Unit", "article_from_units", "extract_text", "split_units"]
