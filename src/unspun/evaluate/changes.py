"""``unspun eval changes``: recall of planted changes and false flags on a hand-written dev set.

Each file of the dev set (``devsets/changes/*.json``) is a copy written in our own words of one
AP or Reuters article of ``news/helsinki_articles.csv`` (named by its CSV ``id``, never copied):
``title``, ``paragraphs``, ``faithful`` (a paraphrase that changes nothing) and ``changes``,
the planted ones: ``kind``, the phrase in the copy and the phrase in the source.

A planted change is *found* when the detector reports a change of the same kind whose copy
text overlaps the planted copy phrase, or whose source text overlaps the planted source phrase.
Every reported change that matches no planted change is a *false flag*.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from unspun.align import AlignConfig, align_articles, load_embedder
from unspun.align.embed import Embedder
from unspun.changes import ChangeConfig, detect_changes
from unspun.config import ExtractConfig
from unspun.errors import ModelUnavailable
from unspun.evaluate.data import require
from unspun.evaluate.seeds_changes import phrase_overlap
from unspun.model import Article, Change, content_id

log = logging.getLogger(__name__)

DEFAULT_DEVSET = Path(__file__).resolve().parents[3] / "devsets" / "changes"


def load_devset(folder: Path) -> list[dict[str, Any]]:
    items = []
    for path in sorted(require(folder, "changes dev set").glob("*.json")):
        item = json.loads(path.read_text("utf-8"))
        item["name"] = path.stem
        items.append(item)
    return items


def copy_article(item: dict[str, Any]) -> Article:
    body = "\n\n".join(item["paragraphs"])
    from unspun.model import paragraphs_of

    title = item.get("title", "")
    return Article(
        content_id(title, body),
        body,
        title,
        paragraphs_of(body),
        format="text",
        origin=item.get("name", ""),
    )


def load_sources(news_csv: Path, ids: set[str]) -> dict[str, Article]:
    from unspun.extract import read_inputs

    found: dict[str, Article] = {}
    for item in read_inputs([str(require(news_csv, "news articles CSV"))], ExtractConfig()):
        if isinstance(item, Article) and item.external_id in ids:
            found[item.external_id] = item
    missing = ids - set(found)
    if missing:
        raise ValueError(f"{news_csv}: no article with id {', '.join(sorted(missing))}")
    return found


def matches(planted: dict[str, Any], change: Change) -> bool:
    if change.kind != planted["kind"]:
        return False
    if planted.get("copy") and phrase_overlap(planted["copy"], change.copy_text):
        return True
    return bool(planted.get("source")) and phrase_overlap(planted["source"], change.source_text)


def evaluate_changes(
    devset: Path,
    news_csv: Path,
    align_cfg: AlignConfig | None = None,
    cfg: ChangeConfig | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    align_cfg, cfg = align_cfg or AlignConfig(), cfg or ChangeConfig()
    items = load_devset(devset)
    sources = load_sources(news_csv, {str(i["source_id"]) for i in items})
    if embedder is None and align_cfg.model != "none":
        try:
            embedder = load_embedder(align_cfg)
        except ModelUnavailable as exc:
            log.warning("changes eval: aligning on lexical evidence only (%s)", exc)
    per_kind_total: dict[str, int] = defaultdict(int)
    per_kind_found: dict[str, int] = defaultdict(int)
    spun_false = faithful_false = 0
    faithful_counts: list[int] = []
    articles = []
    seconds = 0.0
    for item in items:
        copy, source = copy_article(item), sources[str(item["source_id"])]
        alignment = align_articles(copy, source, align_cfg, embedder)
        started = time.perf_counter()
        changes = detect_changes(copy, source, alignment, cfg)
        seconds += time.perf_counter() - started
        planted = item.get("changes", [])
        missed = []
        for p in planted:
            per_kind_total[p["kind"]] += 1
            if any(matches(p, c) for c in changes):
                per_kind_found[p["kind"]] += 1
            else:
                missed.append(p)
        false = [c for c in changes if not any(matches(p, c) for p in planted)]
        if item.get("faithful"):
            faithful_false += len(false)
            faithful_counts.append(len(false))
        else:
            spun_false += len(false)
        articles.append(
            {
                "name": item["name"],
                "source_id": str(item["source_id"]),
                "faithful": bool(item.get("faithful")),
                "planted": len(planted),
                "found": len(planted) - len(missed),
                "missed": [f"{p['kind']}: {p.get('copy') or p.get('source')}" for p in missed],
                "false_flags": [f"{c.kind}: {c.copy_text or c.source_text}" for c in false],
            }
        )
    total = sum(per_kind_total.values())
    found = sum(per_kind_found.values())
    spun = sum(1 for i in items if not i.get("faithful"))
    recall: dict[str, float] = {"overall": round(found / total, 4) if total else 0.0}
    recall.update({k: round(per_kind_found[k] / n, 4) for k, n in sorted(per_kind_total.items())})
    return {
        "articles": spun,
        "faithful_articles": len(faithful_counts),
        "planted": total,
        "found": found,
        "recall": recall,
        "false_flags": spun_false,
        "false_flags_per_article": round(spun_false / spun, 4) if spun else 0.0,
        "faithful_false_flags_per_article": (
            round(faithful_false / len(faithful_counts), 4) if faithful_counts else 0.0
        ),
        "faithful_max_false_flags": max(faithful_counts, default=0),
        "model": getattr(embedder, "name", None),
        "detect_seconds_per_pair": round(seconds / max(1, len(items)), 4),
        "per_article": articles,
    }


def speed_pair(
    news_csv: Path, source_id: str = "1197", words: int = 700
) -> tuple[Article, Article]:
    """A realistic pair for timing: a news article cut to ``words`` words, and a lightly
    edited copy of it (numbers moved, reporting verbs swapped, a clause cut)."""
    import re

    source = load_sources(news_csv, {source_id})[source_id]
    kept, count = [], 0
    for para in source.text.split("\n\n"):
        if count >= words:
            break
        kept.append(para)
        count += len(para.split())
    from unspun.model import paragraphs_of

    body = "\n\n".join(kept)
    source = Article(content_id(source.title, body), body, source.title, paragraphs_of(body))
    edited = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), body)
    edited = edited.replace(" said ", " stated ").replace(" not ", " ")
    edited = re.sub(r", which [^,.]*", "", edited)
    title = source.title + " Now"
    copy = Article(content_id(title, edited), edited, title, paragraphs_of(edited))
    return copy, source
