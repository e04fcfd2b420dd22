"""The seed pair's extraction against gold.json: titles, body start, boilerplate, caption, credits.

Both seeds are read through :func:`unspun.extract.read_inputs`, the path every user input
takes, so this checks the real pipeline and not a helper of it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.model import Article, Rejected


def check_extraction(seeds_dir: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """``{"ok": bool, "problems": [...], "articles": {name: summary}}`` for the gold seeds."""
    problems: list[str] = []
    articles: dict[str, Any] = {}
    cfg = ExtractConfig()
    for name, expected in gold.get("articles", {}).items():
        path = seeds_dir / name
        if not path.exists():
            problems.append(f"{name}: seed file not found in {seeds_dir}")
            continue
        results = list(read_inputs([str(path)], cfg))
        rejected = [r for r in results if isinstance(r, Rejected)]
        read = [r for r in results if isinstance(r, Article)]
        if rejected or len(read) != 1:
            reasons = "; ".join(r.reason for r in rejected) or f"{len(read)} articles read"
            problems.append(f"{name}: not read as one article ({reasons})")
            continue
        article = read[0]
        problems.extend(f"{name}: {p}" for p in _check_article(article, expected))
        articles[name] = {
            "title": article.title,
            "paragraphs": len(article.paragraphs),
            "captions": len(article.captions),
            "boilerplate_lines": len(article.boilerplate),
            "wire": list(article.wire),
        }
    return {"ok": not problems, "problems": problems, "articles": articles}


def _check_article(article: Article, expected: dict[str, Any]) -> list[str]:
    problems = []
    if "title" in expected and article.title != expected["title"]:
        problems.append(f"title is {article.title!r}, expected {expected['title']!r}")
    first = expected.get("first_body_sentence")
    if first and not article.text.startswith(first):
        problems.append(f"body starts {article.text[:80]!r}, expected {first[:80]!r}")
    body_lines = [line.strip() for line in article.text.splitlines()]
    for entry in expected.get("boilerplate_lines", []):
        left = [line for line in body_lines if line.startswith(entry)]
        if left:
            problems.append(f"boilerplate line {entry!r} left in the body")
    caption = expected.get("photo_caption")
    if caption:
        if caption in article.text:
            problems.append("photo caption left in the body")
        if not any(caption in c.text for c in article.captions):
            problems.append("photo caption not among the captions")
    credit = expected.get("wire_credit")
    if credit:
        agency = re.match(r"\s*([\w.-]+)", credit)
        if agency and agency.group(1) not in article.wire:
            problems.append(f"wire credit {agency.group(1)} not found (found {list(article.wire)})")
    return problems


__all__ = ["check_extraction"]
