"""The JSON report of a check: the verdict and a ``sources`` list (schema ``unspun.check/1``).

Each source carries what identifies it (id, title, site, date, wire credit), its role (a
``source`` of the cover, a ``duplicate`` of one, or ``related`` without reuse), the share of
the article it explains (and the share no higher-ranked source explains), the verbatim and
paraphrase shares, its aligned pairs and its changes, laid out as in ``unspun.compare/1``.
Within one version keys are only ever added.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from unspun.pipeline.check import CheckResult, SourceMatch
from unspun.pipeline.search_groups import HitGroup
from unspun.report.json import article_block, compare_report

SCHEMA = "unspun.check/1"


def check_report(result: CheckResult, *, candidates: bool = False) -> dict[str, Any]:
    """The whole check as plain JSON-ready values; ``candidates`` adds retrieval's list."""
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "model": result.model,
        "article": article_block(result.article),
        "verdict": {
            "kind": result.kind,
            "text": result.verdict,
            "explained_share": round(result.explained_share, 4),
            "sources": [m.source.id for m in result.cover],
        },
        "sources": [source_block(result, m) for m in result.sources],
    }
    if candidates:
        report["candidates"] = [
            {"id": c.article_id, "score": c.score, "ranks": dict(c.ranks)}
            for c in result.candidates
        ]
    return report


def source_block(result: CheckResult, match: SourceMatch) -> dict[str, Any]:
    """One source: identity, role, shares, aligned pairs and (for the cover) changes."""
    source = match.source
    compared = compare_report(
        result.article,
        source,
        match.alignment,
        model=result.model,
        changes=match.changes if match.role == "source" else None,
        provenance=match.provenance,
    )
    summary = match.alignment.summary
    c = match.candidate
    block: dict[str, Any] = {
        "rank": match.rank,
        "role": match.role,
        "reuse": match.reuse,
        "id": source.id,
        "title": source.title,
        "site": source.site,
        "url": source.url,
        "published": source.published or None,
        "wire": list(source.wire),
        "share": round(match.share, 4),
        "new_share": round(match.new_share, 4),
        "verbatim_share": round(summary.verbatim_share, 4),
        "paraphrase_share": round(summary.paraphrase_share, 4),
        "source_share": round(summary.source_share, 4),
        "summary": compared["summary"],
        "pairs": compared["pairs"],
        "changes": compared.get("changes", []),
        "provenance": compared.get("provenance"),
        "retrieval": {"score": c.score, "ranks": dict(c.ranks), "scores": dict(c.scores)},
    }
    block["source"] = compared["source"]  # the full article block (its text, if not plain)
    return block


def search_row(group: HitGroup) -> dict[str, Any]:
    """One row of ``unspun.search/1``: the best hit of a story, its family (or null) and the
    story's other copies found (``more_copies``, and each in ``more``)."""
    more = [
        {"article_id": h.article_id, "title": h.title, "site": h.site, "date": h.date}
        for h in group.more
    ]
    return {**asdict(group.hit), "family": group.family, "more_copies": len(more), "more": more}
