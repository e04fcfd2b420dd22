"""Hand-labelled dev sets on the real Helsinki corpus: titles, junk paragraphs, story families.

The labels (``devsets/helsinki/*.json``) hold ids, paragraph indices and character offsets
only, never article text: they point into ``news/helsinki_articles.csv`` of the shared data,
whose ``text`` cells separate paragraphs with `` ### ``. Each labelled id falls in one of two
parts by a hash of the id: ``tune`` (rules may be fitted to it) and ``heldout`` (only ever
scored). A figure counts when it holds on ``heldout``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

from unspun.config import ExtractConfig
from unspun.evaluate.data import require
from unspun.extract.tabular import read_csv
from unspun.model import Article
from unspun.provenance.stories import time_key

DEVSET = Path(__file__).resolve().parents[3] / "devsets" / "helsinki"
SEPARATOR = " ### "
PARTS = ("tune", "heldout")


def part_of(item_id: str) -> str:
    """``tune`` or ``heldout``, fixed by a hash of the id (half each, whatever the sample)."""
    return PARTS[hashlib.sha1(item_id.encode()).digest()[0] % 2]


def load_labels(name: str, devset: Path = DEVSET) -> dict[str, Any]:
    return json.loads(require(devset / name, f"dev set {name}").read_text("utf-8"))


def read_rows(news: Path) -> dict[str, dict[str, str]]:
    """The corpus rows by id."""
    csv.field_size_limit(2**31 - 1)
    with require(news, "the Helsinki corpus").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def read_articles(news: Path, cfg: ExtractConfig | None = None) -> dict[str, Article]:
    """Every article of the corpus as unspun reads it, by the corpus id."""
    found = read_csv(require(news, "the Helsinki corpus"), cfg or ExtractConfig())
    return {a.external_id: a for a in found if isinstance(a, Article)}


_FOLD = str.maketrans("’‘“”–—", "''\"\"--")


def fold(text: str) -> str:
    """Case, quotes, dashes and spacing made uniform for comparing titles."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_FOLD)
    return " ".join(text.split()).strip(" .:;|•-")


def true_title(row: dict[str, str], item: dict[str, Any]) -> str:
    if item.get("para") is None:
        return ""
    paragraph = row["text"].split(SEPARATOR)[item["para"]]
    return paragraph[item["start"] : item["end"]]


def evaluate_titles(news: Path, devset: Path = DEVSET) -> dict[str, Any]:
    """Title accuracy: the title a library of the corpus stores (as `unspun ls` shows it)
    equals the labelled headline ("" for none)."""
    import tempfile

    labels = load_labels("titles.json", devset)["items"]
    rows = read_rows(news)
    with tempfile.TemporaryDirectory(prefix="unspun-titles-") as tmp:
        articles = library_articles(news, Path(tmp))
    result: dict[str, Any] = {}
    for part in PARTS:
        items = [i for i in labels if part_of(i["id"]) == part]
        misses = []
        for item in items:
            got = articles[item["id"]].title if item["id"] in articles else ""
            want = true_title(rows[item["id"]], item)
            if fold(got) != fold(want):
                misses.append({"id": item["id"], "got": got, "want": want})
        result[part] = {
            "articles": len(items),
            "accuracy": round(1 - len(misses) / len(items), 4) if items else 0.0,
            "no_title_labelled": sum(1 for i in items if i.get("para") is None),
            "misses": misses,
        }
    return result


# -- story families -------------------------------------------------------------------------


def library_families(news: Path, workdir: Path) -> tuple[dict[str, int], list[Any]]:
    """Build a library of the corpus in ``workdir``: corpus id -> family, and every family."""
    from unspun.extract.sources import read_inputs
    from unspun.provenance.families import FamilyConfig, sync_families
    from unspun.provenance.stories import family_ids, load_family
    from unspun.retrieve.index import SourceIndex
    from unspun.store import open_store

    with open_store(workdir / "helsinki.db") as store:
        store.add_many(read_inputs([str(news)], ExtractConfig()))
        sync_families(store, SourceIndex(store.conn), FamilyConfig())
        families = [load_family(store, f) for f in family_ids(store.conn)]
        family_of = dict(
            store.conn.execute(
                "SELECT a.external_id, m.family FROM fam_members m JOIN articles a "
                "ON a.id = m.article_id"
            ).fetchall()
        )
    return family_of, families


def score_families(labels: list[dict[str, Any]], family_of: dict[str, int]) -> dict[str, Any]:
    """Pairwise precision and recall of the labelled families' membership.

    A labelled family's membership is complete: an article outside its members and its
    borderline pages is known not to belong. Recall: the share of member pairs put in one
    family. Precision: of the pairs a member forms with the articles unspun puts beside it,
    the share that are members too (borderline pages left out).
    """
    together = tp = fp = 0
    split = []
    by_family: dict[int, list[str]] = {}
    for article, fam in family_of.items():
        by_family.setdefault(fam, []).append(article)
    for item in labels:
        members, borderline = set(item["members"]), set(item.get("borderline", ()))
        placed = [m for m in item["members"] if m in family_of]
        if len({family_of[m] for m in placed}) > 1:
            split.append(item["name"])
        pairs = [(a, b) for i, a in enumerate(placed) for b in placed[i + 1 :]]
        together += sum(family_of[a] == family_of[b] for a, b in pairs)
        for m in placed:
            for other in by_family[family_of[m]]:
                if other == m or other in borderline:
                    continue
                if other in members:
                    tp += 1
                else:
                    fp += 1
        item_pairs = len(item["members"]) * (len(item["members"]) - 1) // 2
        item["_pairs"] = item_pairs
    all_pairs = sum(i.pop("_pairs") for i in labels)
    return {
        "families": len(labels),
        "members": sum(len(i["members"]) for i in labels),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(together / all_pairs, 4) if all_pairs else 1.0,
        "split": split,
    }


def check_relations(families: list[Any]) -> dict[str, Any]:
    """Whether the families' relations hold together: parent links form a forest, and each
    "earlier" or "shorter" in a relation's words is true by the dates and word counts."""
    cycles = wrong = 0
    examples: list[str] = []
    for f in families:
        by_id = {m.article_id: m for m in f.members}
        for m in f.members:
            seen, node = set(), m
            while node is not None and node.parent in by_id:
                if node.article_id in seen:
                    cycles += 1
                    examples.append(f"family {f.id}: {m.article_id} is its own ancestor")
                    break
                seen.add(node.article_id)
                node = by_id[node.parent]
            parent = by_id.get(m.parent)
            if parent is None:
                continue
            text = m.relation
            late = time_key(m.when) > time_key(parent.when)
            bad = ("earlier" in text and m.when and parent.when and late) or (
                "shorter" in text and m.words >= parent.words
            )
            if bad:
                wrong += 1
                examples.append(f"family {f.id}: {m.article_id} '{text}' of {parent.article_id}")
    return {"parent_cycles": cycles, "false_relations": wrong, "examples": examples[:10]}


def evaluate_stories(news: Path, devset: Path = DEVSET) -> dict[str, Any]:
    """Story families of the Helsinki corpus against the hand-labelled wire-story families."""
    import tempfile

    labels = load_labels("families.json", devset)["families"]
    with tempfile.TemporaryDirectory(prefix="unspun-stories-") as tmp:
        family_of, families = library_families(news, Path(tmp))
    result: dict[str, Any] = {
        part: score_families([f for f in labels if part_of(f["name"]) == part], family_of)
        for part in PARTS
    }
    result["all"] = score_families(labels, family_of)
    result["consistency"] = check_relations(families)
    result["library_families"] = len(families)
    return result


# -- junk paragraphs ------------------------------------------------------------------------


def library_articles(news: Path, workdir: Path) -> dict[str, Article]:
    """The corpus added to a library in ``workdir`` (so boilerplate learnt across the library
    is removed), each stored article by its corpus id."""
    from unspun.extract.sources import read_inputs
    from unspun.store import open_store

    with open_store(workdir / "helsinki.db") as store:
        store.add_many(read_inputs([str(news)], ExtractConfig()))
        return {a.external_id: a for a in store.iter_articles()}


def kept_paragraphs(row_text: str, article: Article) -> list[bool]:
    """For each `` ### ``-separated paragraph of a corpus cell, whether the stored body holds
    it (a body paragraph starts inside it, by its offset in the cell)."""
    starts = sorted(p.origin for p in article.paragraphs if p.origin >= 0)
    kept, pos = [], 0
    for piece in row_text.split(SEPARATOR):
        end = pos + len(piece)
        kept.append(any(pos <= s < end for s in starts) if piece.strip() else False)
        pos = end + len(SEPARATOR)
    return kept


def score_junk(
    items: list[dict[str, Any]], rows: dict[str, dict[str, str]], stored: dict[str, Article]
) -> dict[str, Any]:
    """Of the paragraphs labelled junk, the share gone from the stored bodies; of those
    labelled body, the share kept (paragraphs pooled over the articles)."""
    counts = {"junk": [0, 0], "body": [0, 0], "meta": [0, 0], "caption": [0, 0], "headline": [0, 0]}
    missing = []
    for item in items:
        if item["id"] not in stored:
            missing.append(item["id"])
            continue
        kept = kept_paragraphs(rows[item["id"]]["text"], stored[item["id"]])
        for role, in_body in zip(item["roles"], kept, strict=True):
            if role in counts:
                counts[role][0] += 1
                counts[role][1] += in_body
    share = {role: (n - k) / n if n else 1.0 for role, (n, k) in counts.items()}
    return {
        "articles": len(items),
        "junk_paragraphs": counts["junk"][0],
        "junk_removed": round(share["junk"], 4),
        "body_paragraphs": counts["body"][0],
        "body_kept": round(1 - share["body"], 4),
        "meta_removed": round(share["meta"], 4),
        "caption_removed": round(share["caption"], 4),
        "headline_removed": round(share["headline"], 4),
        "not_stored": missing,
    }


def evaluate_junk(news: Path, devset: Path = DEVSET) -> dict[str, Any]:
    """Site furniture in the stored bodies of a Helsinki library, against hand-labelled
    paragraph roles: the share of junk paragraphs removed and of body paragraphs kept."""
    import tempfile

    items = load_labels("junk.json", devset)["items"]
    rows = read_rows(news)
    with tempfile.TemporaryDirectory(prefix="unspun-junk-") as tmp:
        stored = library_articles(news, Path(tmp))
    return {
        part: score_junk([i for i in items if part_of(i["id"]) == part], rows, stored)
        for part in PARTS
    }


# -- copied or the same news ---------------------------------------------------------------


def evaluate_pairs(news: Path, devset: Path = DEVSET, use_model: bool = True) -> dict[str, Any]:
    """The document-level reuse decision on hand-labelled Helsinki pairs: independent
    reports of one event (never reuse) and copies (always reuse), each compared shorter
    against longer as `unspun compare` does."""
    from unspun.align import AlignConfig, load_embedder
    from unspun.pipeline.compare import CompareConfig, compare_articles

    items = load_labels("same_event.json", devset)["items"]
    articles = read_articles(news)
    embedder = load_embedder(AlignConfig()) if use_model else None
    found: dict[str, list[dict[str, Any]]] = {part: [] for part in PARTS}
    for item in items:
        a, b = articles[item["a"]], articles[item["b"]]
        copy, source = (a, b) if len(a.text) <= len(b.text) else (b, a)
        outcome = compare_articles(copy, source, CompareConfig(), embedder).alignment.summary
        found[part_of(f"{item['a']}-{item['b']}")].append(
            {"a": item["a"], "b": item["b"], "label": item["label"], "outcome": outcome.outcome}
        )
    result: dict[str, Any] = {}
    for part, rows in found.items():
        independent = [r for r in rows if r["label"] == "independent"]
        copies = [r for r in rows if r["label"] == "copy"]
        result[part] = {
            "independent": len(independent),
            "independent_judged_reuse": _share(independent, "reuse"),
            "copies": len(copies),
            "copies_judged_reuse": _share(copies, "reuse"),
            "wrong": [r for r in rows if (r["outcome"] == "reuse") != (r["label"] == "copy")],
        }
    return result


def _share(rows: list[dict[str, Any]], outcome: str) -> float:
    return round(sum(r["outcome"] == outcome for r in rows) / len(rows), 4) if rows else 0.0


__all__ = [
    "DEVSET",
    "PARTS",
    "check_relations",
    "evaluate_junk",
    "evaluate_pairs",
    "evaluate_stories",
    "evaluate_titles",
    "fold",
    "kept_paragraphs",
    "library_articles",
    "library_families",
    "load_labels",
    "part_of",
    "read_articles",
    "read_rows",
    "score_families",
    "score_junk",
]
