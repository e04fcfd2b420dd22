"""The terminal report of a check, laid out with rich: the verdict, the sources ranked, then
for each source of the cover what the article changed and the sentences it took."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unspun.model import Article, Span
from unspun.pipeline.check import CheckResult, SourceMatch
from unspun.pipeline.search_groups import HitGroup
from unspun.report.common import copy_rows, folded_line, listed_sources, pct
from unspun.report.terminal import print_changes, row_table

ROLE_STYLE = {"source": "bold red", "duplicate": "dark_orange", "related": "dim"}
KIND_STYLE = {
    "original": "bold green",
    "same event": "bold green",
    "verbatim copy": "bold red",
    "spun copy": "bold red",
    "partly derived": "bold dark_orange",
}


FOLDED = 3  # unexplained sentences shown before the rest are counted


def print_check(
    console: Console, result: CheckResult, *, details: bool = True, unexplained: bool = False
) -> None:
    """The header, the table of sources, the sentences no source explains (the first few, or
    all with ``unexplained``) and, with ``details``, each cover source's pairs."""
    console.print(header(result))
    listed, folded = listed_sources(result.sources)
    if listed:
        console.print(sources_table(listed))
    if folded:
        console.print(Text(folded_line(folded), style="dim"))
    print_unexplained(console, result, None if unexplained else FOLDED)
    if not details:
        return
    for match in result.cover:
        print_source(console, result.article, match)


def unexplained_spans(result: CheckResult) -> list[Span]:
    """The article's body sentences that no source of the cover explains, in order."""
    if not result.cover:
        return []
    first = result.cover[0].alignment
    every = {s for p in first.pairs for s in p.copy} | set(first.new)
    explained = {s for m in result.cover for p in m.alignment.pairs for s in p.copy}
    return sorted((s for s in every - explained if s.field == "body"), key=lambda s: s.start)


def print_unexplained(console: Console, result: CheckResult, limit: int | None) -> None:
    spans = unexplained_spans(result)
    if not spans:
        return
    console.print(Text(f"\nSentences no source explains ({len(spans)})", style="bold"))
    for span in spans[:limit]:
        console.print(Text("  " + result.article.text[span.start : span.end]))
    if limit is not None and len(spans) > limit:
        more = len(spans) - limit
        console.print(Text(f"  … and {more} more (--unexplained lists them all)", style="dim"))


def header(result: CheckResult) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("article", describe(result.article))
    grid.add_row("", "")
    grid.add_row("verdict", Text(result.verdict, style=KIND_STYLE.get(result.kind, "bold")))
    if result.cover:
        grid.add_row(
            "explained", f"{pct(result.explained_share)} of the article by its sources together"
        )
    grid.add_row(
        "searched",
        f"{len(result.candidates)} candidates, {len(result.sources)} aligned",
    )
    grid.add_row("matcher", f"sentence model {result.model}" if result.model else "lexical only")
    return Panel(grid, title="unspun check", title_align="left")


def sources_table(matches: list[SourceMatch]) -> Table:
    table = Table(title="Sources, best first", title_justify="left", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("role")
    table.add_column("explains", justify="right")
    table.add_column("new", justify="right")
    table.add_column("verbatim", justify="right")
    table.add_column("paraphrase", justify="right")
    table.add_column("article", overflow="fold", ratio=1)
    for m in matches:
        table.add_row(
            str(m.rank),
            Text(m.role, style=ROLE_STYLE.get(m.role, "")),
            pct(m.share),
            pct(m.new_share) if m.role == "source" else "",
            pct(m.verbatim_share),
            pct(m.paraphrase_share),
            describe(m.source),
        )
    return table


def print_source(console: Console, article: Article, match: SourceMatch) -> None:
    """One source of the cover: its changes, then the article's sentences it explains."""
    console.print(Text(f"\nSource {match.rank}: ", style="bold").append(describe(match.source)))
    if match.provenance is not None:
        console.print(Text("provenance  ", style="bold").append(match.provenance.verdict))
    print_changes(console, match.changes)
    rows = [r for r in copy_rows(match.alignment) if r.pair is not None]
    console.print(Text(f"\nSentences it explains ({len(rows)})", style="bold"))
    for row in rows:
        console.print(row_table(article, match.source, row))


def describe(article: Article) -> Text:
    text = Text(article.title or "(no title)", style="bold")
    facts = [article.site, article.published[:10], "wire: " + ", ".join(article.wire)]
    facts = [f for f in facts if f and f != "wire: "]
    facts.append(f"id {article.id}")
    text.append("\n" + " · ".join(facts), style="dim")
    return text


def print_search(console: Console, query: str, rows: list[HitGroup]) -> None:
    """Search results, one story a row, best first: the best hit with its snippet (query
    words in bold), then how many more copies of the story were found."""
    if not rows:
        console.print(Text(f"no article matches {query!r}", style="dim"))
        return
    for row in rows:
        hit = row.hit
        head = Text(f"{hit.rank:>3}. ", style="dim")
        head.append(hit.title or "(no title)", style="bold")
        facts = [f for f in (hit.site, hit.date[:10]) if f] + [f"id {hit.article_id}"]
        head.append("  " + " · ".join(facts), style="dim")
        snippet = Text("     " + hit.snippet)
        for start, end in hit.marks:
            snippet.stylize("bold underline", start + 5, end + 5)
        console.print(head)
        console.print(snippet)
        if row.more:
            console.print(Text("     " + _more_copies(row), style="dim"))


def _more_copies(row: HitGroup) -> str:
    n = len(row.more)
    sites = list(dict.fromkeys(h.site for h in row.more if h.site))
    shown = ", ".join(sites[:4]) + (", …" if len(sites) > 4 else "")
    story = f" of story {row.family}" if row.family is not None else ""
    return f"and {n} more cop{'y' if n == 1 else 'ies'}{story}" + (f" ({shown})" if shown else "")
