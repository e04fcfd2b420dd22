"""``unspun eval changes``: recall of planted changes and false flags on a hand-written dev set.

Each file of the dev set (``devsets/changes/*.json``) is a copy written in our own words of one
AP or Reuters article of ``news/helsinki_articles.csv`` (named by its CSV ``id``, never copied):
``title``, ``paragraphs``, ``faithful`` (a paraphrase that changes nothing) and ``changes``,
the planted ones: ``kind``, the phrase in the copy and the phrase in the source.

A planted change is *found* when the detector reports a change of the same kind whose copy
text overlaps the planted copy phrase, or whose source text overlaps the planted source phrase.
Every reported change that matches no planted change is a *false flag*.

The dev set has two parts, fixed before any tuning on the newer copies: files numbered 23 and
up with an odd number are *held out* (scored, never tuned on); all others are the *tune* part.
Each part reports recall per kind, false flags per spun copy and per faithful copy, and the
false flags by reported kind.
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
FIRST_SPLIT_FILE = 23  # copies before this number were all used for tuning


def part_of(name: str) -> str:
    """``heldout`` for a file numbered 23 or more with an odd number, else ``tune``."""
    number = int(name.split("_", 1)[0])
    return "heldout" if number >= FIRST_SPLIT_FILE and number % 2 else "tune"


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
    articles = []
    seconds = 0.0
    for item in items:
        copy, source = copy_article(item), sources[str(item["source_id"])]
        alignment = align_articles(copy, source, align_cfg, embedder)
        started = time.perf_counter()
        changes = detect_changes(copy, source, alignment, cfg)
        seconds += time.perf_counter() - started
        articles.append(_score_article(item, changes))
    result = _figures(articles)
    result["parts"] = {
        part: _figures([a for a in articles if a["part"] == part]) for part in ("tune", "heldout")
    }
    result["model"] = getattr(embedder, "name", None)
    result["detect_seconds_per_pair"] = round(seconds / max(1, len(items)), 4)
    result["per_article"] = articles
    return result


def _score_article(item: dict[str, Any], changes: tuple[Change, ...]) -> dict[str, Any]:
    planted = item.get("changes", [])
    found = [p for p in planted if any(matches(p, c) for c in changes)]
    missed = [p for p in planted if p not in found]
    false = [c for c in changes if not any(matches(p, c) for p in planted)]
    return {
        "name": item["name"],
        "part": part_of(item["name"]),
        "source_id": str(item["source_id"]),
        "faithful": bool(item.get("faithful")),
        "planted": len(planted),
        "found": len(found),
        "planted_kinds": [p["kind"] for p in planted],
        "found_kinds": [p["kind"] for p in found],
        "false_kinds": [c.kind for c in false],
        "missed": [f"{p['kind']}: {p.get('copy') or p.get('source')}" for p in missed],
        "false_flags": [f"{c.kind}: {c.copy_text or c.source_text}" for c in false],
    }


def _figures(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall per kind and false flags of a set of scored copies."""
    total: dict[str, int] = defaultdict(int)
    hit: dict[str, int] = defaultdict(int)
    false_by_kind: dict[str, int] = defaultdict(int)
    for a in articles:
        for kind in a["planted_kinds"]:
            total[kind] += 1
        for kind in a["found_kinds"]:
            hit[kind] += 1
        for kind in a["false_kinds"]:
            false_by_kind[kind] += 1
    spun = [a for a in articles if not a["faithful"]]
    faithful = [len(a["false_flags"]) for a in articles if a["faithful"]]
    spun_false = sum(len(a["false_flags"]) for a in spun)
    planted, found = sum(total.values()), sum(hit.values())
    recall: dict[str, float] = {"overall": round(found / planted, 4) if planted else 0.0}
    recall.update({k: round(hit[k] / n, 4) for k, n in sorted(total.items())})
    return {
        "articles": len(spun),
        "faithful_articles": len(faithful),
        "planted": planted,
        "found": found,
        "recall": recall,
        "planted_per_kind": dict(sorted(total.items())),
        "false_flags": spun_false,
        "false_flags_per_article": round(spun_false / len(spun), 4) if spun else 0.0,
        "faithful_false_flags_per_article": (
            round(sum(faithful) / len(faithful), 4) if faithful else 0.0
        ),
        "faithful_max_false_flags": max(faithful, default=0),
        "false_flags_by_kind": dict(sorted(false_by_kind.items())),
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
