"""The JSON report of a comparison: a plain dict with a versioned schema.

The schema (``unspun.compare/1``) is documented in ``docs/json-schema.md``. Within one
version keys are only ever added (``changes`` came with the change detector; later work
adds ``sources``, ``provenance``), never renamed or removed; readers should ignore keys
they do not know.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from unspun.codec import to_dict
from unspun.model import Alignment, Article, Change, SentencePair, Span
from unspun.provenance import Direction
from unspun.report.common import (
    change_counts,
    changes_in_order,
    copy_rows,
    dropped_spans,
    span_key,
    span_text,
    verdict,
)

SCHEMA = "unspun.compare/1"


def compare_report(
    copy: Article,
    source: Article,
    alignment: Alignment,
    *,
    model: str | None = None,
    changes: tuple[Change, ...] | None = None,
    provenance: Direction | None = None,
) -> dict[str, Any]:
    """The whole comparison as plain JSON-ready values.

    ``model`` names the sentence-embedding model the alignment used (None: lexical only);
    ``changes``, when given, adds the ``changes`` list and ``summary.changes`` counts;
    ``provenance``, the direction of reuse (who derives from whom, and why).
    """
    summary = alignment.summary
    rows = copy_rows(alignment)
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "model": model,
        "copy": article_block(copy),
        "source": article_block(source),
        "summary": {
            "reuse": summary.reuse,
            "outcome": summary.outcome,
            "verdict": verdict(summary),
            "copy_share": round(summary.copy_share, 4),
            "source_share": round(summary.source_share, 4),
            "verbatim_share": round(summary.verbatim_share, 4),
            "paraphrase_share": round(summary.paraphrase_share, 4),
            "pairs": len(alignment.pairs),
            "new": len(alignment.new),
            "dropped": len(alignment.dropped),
        },
        "pairs": [
            pair_block(copy, source, row.pair, row.number) for row in rows if row.pair is not None
        ],
        "new": [
            span_block(copy, span) | {"row": row.number}
            for row in rows
            if row.pair is None
            for span in row.copy
        ],
        "dropped": [span_block(source, span) for span in dropped_spans(alignment)],
    }
    if changes is not None:
        report["summary"]["changes"] = change_counts(changes)
        report["changes"] = [change_block(copy, source, c) for c in changes_in_order(changes)]
    if provenance is not None:
        report["provenance"] = provenance_block(provenance)
    return report


def provenance_block(direction: Direction) -> dict[str, Any]:
    """The direction of reuse: relation, verdict in words, reasons, the common source."""
    block = to_dict(direction)
    block["confidence"] = round(direction.confidence, 3)
    return block


def change_block(copy: Article, source: Article, change: Change) -> dict[str, Any]:
    """One change: kind, severity, the changed words on each side, evidence and explanation."""
    return {
        "kind": change.kind,
        "severity": change.severity,
        "copy": span_block(copy, change.copy_span) if change.copy_span else None,
        "source": span_block(source, change.source_span) if change.source_span else None,
        "copy_text": change.copy_text,
        "source_text": change.source_text,
        "evidence": list(change.evidence),
        "explanation": change.explanation,
    }


def article_block(article: Article) -> dict[str, Any]:
    """What identifies an article; the text itself when the input was not plain text."""
    block: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "site": article.site,
        "url": article.url,
        "byline": article.byline,
        "published": article.published or None,
        "wire": list(article.wire),
        "format": article.format,
        "origin": article.origin,
    }
    if article.format != "text":
        # Offsets of HTML (or library) input refer to the extracted text: include it.
        block["text"] = article.text
        block["captions"] = [c.text for c in article.captions]
    return block


def pair_block(
    copy: Article, source: Article, pair: SentencePair, row: int | None = None
) -> dict[str, Any]:
    """One aligned pair: label, score, evidence and both sides' spans."""
    block: dict[str, Any] = {
        "label": pair.label.value,
        "score": round(pair.score, 4),
        "evidence": {k: _round(v) for k, v in asdict(pair.evidence).items()},
        "copy": [span_block(copy, s) for s in sorted(pair.copy, key=span_key)],
        "source": [span_block(source, s) for s in sorted(pair.source, key=span_key)],
    }
    if row is not None:
        block["row"] = row
    return block


def span_block(article: Article, span: Span) -> dict[str, Any]:
    """A span in both coordinate systems, with its text.

    ``start``/``end`` are offsets in the input the article was read from (for plain text,
    the decoded file), or null where they cannot be traced; ``field_start``/``field_end``
    are offsets in the field (title, body, caption ``index``) as unspun cleaned it.
    """
    start = article.origin_offset(span)
    end = -1
    if start >= 0:
        last = article.origin_offset(Span(span.field, span.end - 1, span.end - 1, span.index))
        end = last + 1 if span.end > span.start and last >= 0 else start
    block: dict[str, Any] = {
        "field": span.field,
        "start": start if start >= 0 and end >= 0 else None,
        "end": end if start >= 0 and end >= 0 else None,
        "field_start": span.start,
        "field_end": span.end,
        "text": span_text(article, span),
    }
    if span.field == "caption":
        block["index"] = span.index
    return block


def _round(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def dumps(report: dict[str, Any]) -> str:
    """The report as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(report, indent=2, ensure_ascii=False)
