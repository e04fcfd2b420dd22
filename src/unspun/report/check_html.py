"""The HTML report of a check: one self-contained page (inline CSS and JS, no assets).

The verdict and the ranked sources on top; then, for each source of the cover, the compare
page's side-by-side view of the article and that source (matched sentences linked and
highlighted, word differences inside each pair, the changes listed). All text is escaped.
"""

from __future__ import annotations

import re

from unspun.pipeline.check import CheckResult, SourceMatch
from unspun.report.common import folded_line, listed_sources, pct
from unspun.report.html import (
    _PAGE,
    _change_list,
    _e,
    _hits,
    _legend,
    _marks,
    _pair_list,
    _provenance,
    _side,
)

_PAIR_ATTR = re.compile(r'data-pair="([^"]*)"')


def render_check_html(result: CheckResult) -> str:
    """The whole page as a string."""
    body = [
        "<header>",
        "<h1>unspun check</h1>",
        f'<p class="verdict {"clean" if not result.cover else "reuse"}">{_e(result.verdict)}</p>',
        '<ul class="shares">',
        f"<li>article: <b>{_e(result.article.title or result.article.id)}</b></li>",
        f"<li><b>{pct(result.explained_share)}</b> explained by its sources together</li>"
        if result.cover
        else "",
        f"<li>{len(result.candidates)} candidates, {len(result.sources)} aligned</li>",
        f"<li>matcher: {_e('sentence model ' + result.model) if result.model else 'lexical only'}"
        "</li>",
        "</ul>",
        _legend(),
        "</header>",
        _sources_table(result),
    ]
    body.extend(_source_section(result, m) for m in result.cover)
    title = _e("unspun check: " + (result.article.title or result.article.id))
    return _PAGE.format(title=title, body="\n".join(body))


def _sources_table(result: CheckResult) -> str:
    if not result.sources:
        return "<p>No candidate source was found in the library.</p>"
    listed, folded = listed_sources(result.sources)
    table = (
        "<table><tr><th>#</th><th>role</th><th>explains</th><th>new</th><th>verbatim</th>"
        "<th>paraphrase</th><th>article</th></tr>" + "".join(map(_source_row, listed)) + "</table>"
        if listed
        else "<p>No candidate shares text with the article.</p>"
    )
    fold = f'<p class="meta">{folded_line(folded)}</p>' if folded else ""
    return f'<section class="sources"><h2>Sources, best first</h2>{table}{fold}</section>'


def _source_row(m: SourceMatch) -> str:
    s = m.source
    facts = " · ".join(_e(f) for f in (s.site, s.published[:10], ", ".join(s.wire)) if f)
    link = f'<a href="#source-{m.rank}">' if m.role == "source" else ""
    return (
        f'<tr class="role-{_e(m.role)}"><td>{m.rank}</td><td>{_e(m.role)}</td>'
        f"<td>{pct(m.share)}</td><td>{pct(m.new_share) if m.role == 'source' else ''}</td>"
        f"<td>{pct(m.verbatim_share)}</td><td>{pct(m.paraphrase_share)}</td>"
        f"<td>{link}{_e(s.title or s.id)}{'</a>' if link else ''}"
        f'<div class="meta">{facts} · id <code>{_e(s.id)}</code></div></td></tr>'
    )


def _source_section(result: CheckResult, match: SourceMatch) -> str:
    article, source, alignment = result.article, match.source, match.alignment
    copy_marks, source_marks = _marks(article, source, alignment)
    copy_hits, source_hits = _hits(match.changes)
    html = "\n".join(
        [
            f'<section class="source" id="source-{match.rank}">',
            f"<h2>Source {match.rank}: {_e(source.title or source.id)} — explains "
            f"{pct(match.share)} of the article ({pct(match.verbatim_share)} verbatim, "
            f"{pct(match.paraphrase_share)} paraphrased)</h2>",
            _provenance(match.provenance),
            '<div class="sides">',
            _side("copy", article, copy_marks, copy_hits),
            _side("source", source, source_marks, source_hits),
            "</div>",
            _change_list(match.changes),
            _pair_list(article, source, alignment),
            "</section>",
        ]
    )
    prefix = f"s{match.rank}-"
    return _PAIR_ATTR.sub(
        lambda m: 'data-pair="' + " ".join(prefix + p for p in m.group(1).split()) + '"', html
    )
