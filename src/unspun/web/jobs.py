"""The pages' CPU-heavy work, as jobs for the check pool (see :mod:`unspun.api.jobs`).

Each returns what its template needs, the side-by-side report already rendered in the
worker: the event loop only fills the page in.
"""

from __future__ import annotations

from typing import Any

from unspun.api.errors import RequestError
from unspun.api.jobs import Note, checked_article, limit_article
from unspun.api.schemas import ArticleRef
from unspun.api.service import check, compare, read_upload, resolve, with_metadata
from unspun.api.state import AppState
from unspun.pipeline import CheckResult
from unspun.web.render import ReportFragment, report_fragment


def check_page(
    state: AppState,
    note: Note,
    text: str,
    article_id: str,
    upload: tuple[bytes, str] | None,
) -> dict[str, Any]:
    """The check page's result: the check, the words checked, the report of source 1."""
    note("reading the article")
    with state.store() as store:
        if upload is not None:
            article = read_upload(upload[0], upload[1], state.extract_config)
        elif article_id.strip():
            article = store.get(article_id)
        elif text.strip():
            article = resolve(state, store, ArticleRef(text=text), "article")
        else:
            raise RequestError("paste an article or choose a file to check")
        article = checked_article(state, note, article)
        result = check(state, store, article)
        size = store.count()
    note("drawing the report")
    return {
        "library_size": size,
        "result": result,
        "words": len(article.text.split()),
        "report": check_fragment(result),
    }


def check_fragment(result: CheckResult) -> ReportFragment | None:
    if not result.sources or not result.sources[0].reuse:
        return None
    from unspun.report.html import render_html

    top = result.sources[0]
    page = render_html(
        result.article,
        top.source,
        top.alignment,
        model=result.model,
        changes=top.changes,
        provenance=top.provenance,
    )
    return report_fragment(page)


def compare_page(
    state: AppState, note: Note, copy_ref: ArticleRef, source_ref: ArticleRef, copy_title: str
) -> ReportFragment:
    """The compare page's side-by-side report."""
    from unspun.report.html import render_html

    note("reading the articles")
    with state.store() as store:
        copy = resolve(state, store, copy_ref, "copy")
        source = resolve(state, store, source_ref, "source")
    copy = with_metadata(copy, copy_title or None)
    for side in (copy, source):
        limit_article(side, state.settings.max_check_words, "<article>")
    note("aligning")
    c = compare(state, copy, source)
    page = render_html(
        c.copy, c.source, c.alignment, model=c.model, changes=c.changes, provenance=c.provenance
    )
    return report_fragment(page)
