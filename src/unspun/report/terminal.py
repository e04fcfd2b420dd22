"""The terminal report of a comparison, laid out with rich.

Colour marks each label; without a terminal (a pipe, a file) the same text prints plain.
Inside a near-verbatim or paraphrase pair the words that differ are underlined: in the copy
the words the source lacks, in the source the words the copy dropped or replaced.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unspun.model import Alignment, Article, Change, Label, Span
from unspun.provenance import Direction
from unspun.report.common import (
    CopyRow,
    Word,
    change_counts,
    changes_in_order,
    copy_rows,
    dropped_spans,
    pct,
    span_key,
    verdict,
    word_diff,
)

LABEL_STYLE = {
    Label.VERBATIM: "bold red",
    Label.NEAR_VERBATIM: "bold dark_orange",
    Label.PARAPHRASE: "bold magenta",
    Label.NEW: "bold green",
    Label.DROPPED: "dim",
}
_CHANGED = "underline bold"
SEVERITY_STYLE = {"high": "bold red", "medium": "bold dark_orange", "low": "bold blue"}


def print_compare(
    console: Console,
    copy: Article,
    source: Article,
    alignment: Alignment,
    *,
    model: str | None = None,
    changes: tuple[Change, ...] | None = None,
    provenance: Direction | None = None,
) -> None:
    """Print the header, the changes (when given), every copy sentence with its match, then
    the dropped sentences."""
    console.print(header(copy, source, alignment, model=model, provenance=provenance))
    if changes is not None:
        print_changes(console, changes)
    rows = copy_rows(alignment)
    console.print(Text(f"\nThe copy, sentence by sentence ({len(rows)})", style="bold"))
    for row in rows:
        console.print(row_table(copy, source, row))
    dropped = dropped_spans(alignment)
    console.print(Text(f"\nSource sentences the copy does not use ({len(dropped)})", style="bold"))
    if not dropped:
        console.print(Text("  none", style="dim"))
    for span in dropped:
        console.print(_dropped_table(source, span))


def header(
    copy: Article,
    source: Article,
    alignment: Alignment,
    *,
    model: str | None = None,
    provenance: Direction | None = None,
) -> Panel:
    """Both articles and the summary in one panel."""
    s = alignment.summary
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("copy", _describe(copy))
    grid.add_row("source", _describe(source))
    grid.add_row("", "")
    grid.add_row(
        "verdict",
        Text(verdict(s), style="bold red" if s.reuse else "bold green"),
    )
    grid.add_row(
        "shares",
        f"{pct(s.copy_share)} of the copy explained by the source "
        f"({pct(s.verbatim_share)} verbatim or near-verbatim, "
        f"{pct(s.paraphrase_share)} paraphrased); "
        f"{pct(s.source_share)} of the source reused",
    )
    grid.add_row(
        "sentences",
        f"{len(alignment.pairs)} pairs, {len(alignment.new)} new, "
        f"{len(alignment.dropped)} of the source's dropped",
    )
    if provenance is not None:
        grid.add_row("provenance", Text(provenance.verdict, style="bold"))
        for reason in provenance.reasons:
            grid.add_row("", Text(f"· {reason}", style="dim"))
    grid.add_row("matcher", f"sentence model {model}" if model else "lexical only (no model)")
    return Panel(grid, title="unspun compare", title_align="left")


def _describe(article: Article) -> Text:
    text = Text(article.title or "(no title)", style="bold")
    facts = [article.site, article.published, "wire: " + ", ".join(article.wire)]
    facts = [f for f in facts if f and f != "wire: "]
    facts.append(f"id {article.id}")
    if article.origin:
        facts.append(article.origin)
    text.append("\n" + " · ".join(facts), style="dim")
    return text


def row_table(copy: Article, source: Article, row: CopyRow) -> Group:
    """One copy unit: its label and score, the copy text and the source text it matches."""
    head = Text(f"{row.number:>4} ", style="dim")
    head.append(row.label.value, style=LABEL_STYLE[row.label])
    if row.pair is not None:
        head.append(f"  score {row.pair.score:.2f}", style="dim")
    where = _where(row.copy, row.source)
    if where:
        head.append(f"  {where}", style="dim")
    copy_words: dict[Span, list[Word]] = {}
    source_words: dict[Span, list[Word]] = {}
    if row.pair is not None and row.label in (Label.NEAR_VERBATIM, Label.PARAPHRASE):
        copy_words, source_words = word_diff(copy, source, row.pair)
    table = _grid()
    table.add_row("", "copy", _spans(copy, row.copy, copy_words))
    if row.source:
        table.add_row("", "source", _spans(source, row.source, source_words))
    else:
        table.add_row("", "source", Text("(no source sentence)", style="dim"))
    return Group(head, table)


def _where(copy: tuple[Span, ...], source: tuple[Span, ...]) -> str:
    """Which fields, when not body to body: 'headline', 'caption -> body', ..."""
    names = {"title": "headline", "body": "body", "caption": "caption"}
    sides = [", ".join(sorted({names[s.field] for s in spans})) for spans in (copy, source)]
    sides = [side for side in sides if side]
    if all(side == "body" for side in sides):
        return ""
    return sides[0] if len(set(sides)) == 1 else " -> ".join(sides)


def _grid() -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, width=4)
    table.add_column(no_wrap=True, width=7)
    table.add_column(overflow="fold", ratio=1)
    return table


def _dropped_table(source: Article, span: Span) -> Group:
    head = Text("     ")
    head.append("dropped", style=LABEL_STYLE[Label.DROPPED])
    if span.field != "body":
        head.append(f"  {_where((span,), ())}", style="dim")
    table = _grid()
    table.add_row("", "source", _spans(source, (span,), {}))
    return Group(head, table)


def _spans(article: Article, spans: tuple[Span, ...], words: dict[Span, list[Word]]) -> Text:
    out = Text()
    for span in sorted(spans, key=span_key):
        field = article.field_text(span.field, span.index)
        if out:
            out.append(" ")
        pos = span.start
        part = Text()
        for word in words.get(span, []):
            if word.changed:
                part.append(field[pos : word.start])
                part.append(field[word.start : word.end], style=_CHANGED)
                pos = word.end
        part.append(field[pos : span.end])
        out.append_text(_squeeze(part))
    return out


def _squeeze(text: Text) -> Text:
    """Line breaks inside a span (a headline over two lines) shown as spaces."""
    plain = text.plain
    if "\n" not in plain:
        return text.copy()
    fixed = text.copy()
    fixed.plain = plain.replace("\n", " ")
    return fixed


def print_changes(console: Console, changes: tuple[Change, ...]) -> None:
    """What the copy changed, most important first within the copy's reading order."""
    counts = change_counts(changes)
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n) or "none found"
    console.print(Text(f"\nWhat the copy changed ({len(changes)}: {summary})", style="bold"))
    for number, change in enumerate(changes_in_order(changes), start=1):
        console.print(change_table(change, number))


def change_table(change: Change, number: int) -> Group:
    head = Text(f"{number:>4} ", style="dim")
    head.append(change.severity, style=SEVERITY_STYLE.get(change.severity, "bold"))
    head.append(f"  {change.kind}", style="bold")
    if change.copy_span is not None and change.copy_span.field == "title":
        head.append("  headline", style="dim")
    table = _grid()
    if change.copy_text:
        table.add_row("", "copy", Text(_one_line(change.copy_text), style=_CHANGED))
    if change.source_text:
        table.add_row("", "source", Text(_one_line(change.source_text)))
    table.add_row("", "why", Text(change.explanation, style="italic"))
    return Group(head, table)


def _one_line(text: str) -> str:
    return " ".join(text.split())
