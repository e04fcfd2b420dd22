"""A story family's timeline as an inline SVG chart: one mark per version.

x is the time each member is placed at on the family's clock (its publication time, else the
time it was fetched: :func:`unspun.provenance.stories.when`); each member has its own row, in
timeline order, so versions published together do not hide each other. A mark's area grows
with the member's words and its colour says its layer (original, exact duplicate, ...).
Undated members sit in a column of their own at the right. Everything is drawn here, with no
script and no asset from outside; every text from an article is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from math import sqrt

from unspun.provenance.records import FamilyMember, Layer, StoryFamily

COLOURS = {
    Layer.ORIGINAL: "#1b7f3b",
    Layer.EXACT: "#c0392b",
    Layer.NEAR: "#e67e22",
    Layer.REUSE: "#8e44ad",
    Layer.EVENT: "#2980b9",
}


@dataclass(frozen=True, slots=True)
class ChartConfig:
    """The chart's geometry in SVG units (the chart scales to its box's width)."""

    width: int = 720
    left: int = 16
    right: int = 16
    top: int = 44  # room for the legend
    bottom: int = 40  # room for the time axis
    row: float = 26.0  # height of a member's row, shrunk for large families
    max_plot_height: float = 360.0
    min_radius: float = 3.0
    max_radius: float = 12.0
    undated_width: int = 70  # the column for members without a time


def timeline_svg(family: StoryFamily, cfg: ChartConfig | None = None) -> str:
    """The family's timeline as an ``<svg>`` element, titled and described for screen readers."""
    cfg = cfg or ChartConfig()
    n = len(family.members)
    label = f"Timeline of story family {family.id}: {family.title or 'no headline'}"
    if n == 0:
        return _svg(cfg, cfg.top + cfg.bottom, label, "No versions to place on a timeline.", "")
    row = min(cfg.row, cfg.max_plot_height / n)
    height = round(cfg.top + row * n + cfg.bottom)
    times = [_moment(m.when) for m in family.members]
    x_of = _x_scale(times, cfg)
    biggest = max((m.words for m in family.members), default=0)
    marks = []
    for i, (member, moment) in enumerate(zip(family.members, times, strict=True)):
        y = cfg.top + row * (i + 0.5)
        r = _radius(member.words, biggest, cfg, row)
        marks.append(_mark(member, x_of(moment), y, r, family.original))
    body = (
        _legend(family, cfg)
        + _axis(times, x_of, cfg, height)
        + f'<g class="marks">{"".join(marks)}</g>'
    )
    return _svg(cfg, height, label, _description(family, times), body)


def _svg(cfg: ChartConfig, height: int, label: str, desc: str, body: str) -> str:
    return (
        f'<svg class="timeline-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {cfg.width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="timeline-title timeline-desc">'
        f'<title id="timeline-title">{escape(label)}</title>'
        f'<desc id="timeline-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _moment(value: str) -> datetime | None:
    """A member's time as naive UTC (offsets folded), or None when it has none."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


XScale = Callable[[datetime | None], float]


def _x_scale(times: list[datetime | None], cfg: ChartConfig) -> XScale:
    dated = [t for t in times if t is not None]
    undated = len(dated) < len(times)
    x0 = cfg.left + cfg.max_radius
    x1 = cfg.width - cfg.right - cfg.max_radius - (cfg.undated_width if undated else 0)
    first, last = (min(dated), max(dated)) if dated else (None, None)
    span = (last - first).total_seconds() if first and last else 0.0

    def x_of(moment: datetime | None) -> float:
        if moment is None:
            return cfg.width - cfg.right - cfg.undated_width / 2
        if first is None or span <= 0:
            return (x0 + x1) / 2
        return x0 + (x1 - x0) * (moment - first).total_seconds() / span

    return x_of


def _radius(words: int, biggest: int, cfg: ChartConfig, row: float) -> float:
    top = min(cfg.max_radius, max(cfg.min_radius, row / 2 - 1))
    if biggest <= 0:
        return cfg.min_radius
    return cfg.min_radius + (top - cfg.min_radius) * sqrt(max(words, 0) / biggest)


def _mark(member: FamilyMember, x: float, y: float, r: float, original: str) -> str:
    layer = Layer.ORIGINAL if member.article_id == original else member.layer
    when = member.when[:16].replace("T", " ") if member.when else "undated"
    tip = (
        f"{member.title or member.article_id} · {member.site or 'unknown site'} · {when} · "
        f"{member.words} words · {layer.value}: {member.relation}"
    )
    return (
        f'<a href="/articles/{escape(member.article_id)}" class="mark" '
        f'data-article="{escape(member.article_id)}" data-layer="{escape(layer.value)}">'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{COLOURS[layer]}" '
        f'fill-opacity="0.85" stroke="#1b1b1b" stroke-width="0.6">'
        f"<title>{escape(tip)}</title></circle></a>"
    )


def _legend(family: StoryFamily, cfg: ChartConfig) -> str:
    present = {
        Layer.ORIGINAL if m.article_id == family.original else m.layer for m in family.members
    }
    items, x = [], float(cfg.left)
    for layer in Layer:
        if layer not in present:
            continue
        items.append(
            f'<circle cx="{x + 6:.1f}" cy="14" r="6" fill="{COLOURS[layer]}"/>'
            f'<text x="{x + 16:.1f}" y="18">{escape(layer.value)}</text>'
        )
        x += 24 + 7.2 * len(layer.value)
    items.append(f'<text x="{x:.1f}" y="18" fill="#5f5f5f">· mark area: words</text>')
    return f'<g class="legend" font-size="12">{"".join(items)}</g>'


def _axis(times: list[datetime | None], x_of: XScale, cfg: ChartConfig, height: int) -> str:
    dated = [t for t in times if t is not None]
    y = height - cfg.bottom + 8
    parts = [
        f'<line x1="{cfg.left}" y1="{y}" x2="{cfg.width - cfg.right}" y2="{y}" stroke="#ddd"/>'
    ]
    if dated:
        first, last = min(dated), max(dated)
        ticks = [(first, "start")] if first == last else [(first, "start"), (last, "end")]
        for moment, anchor in ticks:
            parts.append(
                f'<text x="{x_of(moment):.1f}" y="{y + 18}" text-anchor="{anchor}">'
                f"{moment:%Y-%m-%d %H:%M}</text>"
            )
        if first != last:
            parts.append(
                f'<text x="{cfg.width / 2:.1f}" y="{y + 18}" text-anchor="middle" '
                f'fill="#5f5f5f">{_span(last - first)} from first to last</text>'
            )
    if len(dated) < len(times):
        parts.append(f'<text x="{x_of(None):.1f}" y="{y + 18}" text-anchor="middle">undated</text>')
    return f'<g class="axis" font-size="12">{"".join(parts)}</g>'


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min"


def _description(family: StoryFamily, times: list[datetime | None]) -> str:
    n = len(family.members)
    dated = sum(t is not None for t in times)
    clocks = sorted({m.clock for m in family.members if m.clock})
    on = f" (time: {', '.join(clocks)})" if clocks else ""
    return (
        f"{n} version{'s' if n != 1 else ''} in time order{on}, {n - dated} undated; "
        "each mark is one article, its area by words and its colour by its layer."
    )
