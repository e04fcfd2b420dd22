"""The batch's work on plain records, one partition at a time: no Spark in here.

Each function takes an iterator of rows (dicts) and the settings, calls the same stage
functions as the local library (the readers, the store's cleaning, :func:`link_pair`,
:func:`judge`, :func:`build_family`), and yields rows. :mod:`unspun.batch.spark` only moves
rows between these functions; a test can call them directly.

Every failure is counted with its reason and the work goes on: a bad input, an article the
store refuses, a pair or a check that raises, each becomes a ``rejected`` row.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.codec import article_from_dict, to_dict
from unspun.config import ExtractConfig, StoreConfig
from unspun.errors import InputError
from unspun.extract.sources import format_of, read_inputs
from unspun.extract.tabular import jsonl_parts, parquet_parts, read_jsonl_part, read_parquet
from unspun.model import Alignment, Article, Rejected
from unspun.pipeline.check import (
    CheckConfig,
    CheckResources,
    CheckResult,
    judge,
    load_resources,
)
from unspun.provenance.families import (
    FamilyConfig,
    Link,
    PairMemo,
    compiles_ranges,
    family_text,
    link_pair,
)
from unspun.provenance.families import rank_hits as _rank_hits
from unspun.provenance.records import FamilyMember, StoryFamily
from unspun.provenance.stories import FamilyLink, build_family, compiler_member, member_meta
from unspun.retrieve.candidates import Candidate
from unspun.retrieve.config import RetrieveConfig
from unspun.retrieve.shingles import as_signed, shingle_hashes
from unspun.store import open_store

log = logging.getLogger(__name__)

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Every stage's settings, passed to the workers (pickled with the functions)."""

    extract: ExtractConfig = field(default_factory=ExtractConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    retrieve: RetrieveConfig = field(default_factory=RetrieveConfig)
    family: FamilyConfig = field(default_factory=FamilyConfig)
    check: CheckConfig = field(default_factory=CheckConfig)
    model: bool = True  # the sentence model in the checks (where it is installed)
    lines_per_part: int = 2_000  # a larger JSONL input is read by several workers


# -- records <-> rows -----------------------------------------------------------------------


def article_row(article: Article, seq: int) -> Row:
    """An article as a row of the ``articles`` table (the whole record kept as JSON)."""
    return {
        "seq": seq,
        "id": article.id,
        "site": article.site,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "fetched": article.fetched,
        "words": len(article.text.split()),
        "wire": list(article.wire),
        "text": article.text,
        "boilerplate": list(article.boilerplate),
        "credits": json.dumps([to_dict(c) for c in article.credits]),
        "origin": article.origin,
        "record": json.dumps(to_dict(article), ensure_ascii=False),
    }


def article_of(row: Row) -> Article:
    return article_from_dict(json.loads(row["record"]))


def rejected_row(origin: str, reason: str, kind: str, stage: str) -> Row:
    return {"origin": origin, "reason": reason, "kind": kind, "stage": stage}


def failed(column: str, stage: str, origin: str, reason: str, kind: str, **keys: Any) -> Row:
    """The output row of a failure: ``column`` empty, the ``rejected`` row as JSON."""
    return {**keys, column: None, "rejected": json.dumps(rejected_row(origin, reason, kind, stage))}


def crashed(column: str, stage: str, origin: str, exc: Exception) -> Row:
    """The output row of an unexpected error while working on ``origin``."""
    return failed(column, stage, origin, f"{type(exc).__name__}: {exc}", "error")


# -- read -----------------------------------------------------------------------------------


def read_files(files: Iterable[tuple[Any, ...]], cfg: BatchConfig) -> Iterator[Row]:
    """Each input's articles, keyed by (file number, record number): the order in which
    ``unspun add`` would read them. An input is ``(number, path)``, or, for a part of a large
    JSONL file, ``(number, path, part, start byte, end byte, first line)``, or for a part of a
    large Parquet file ``(number, path, part, first row group, end row group)``. A bad input
    is a rejected row."""
    for number, path, *part in files:
        base = part[0] << 32 if part else 0
        for k, item in enumerate(_read(path, part, cfg)):
            if isinstance(item, Rejected):
                yield failed("article", "read", item.origin, item.reason, item.kind,
                             file=number, rec=base + k)  # fmt: skip
            else:
                record = json.dumps(to_dict(item), ensure_ascii=False)
                yield {"file": number, "rec": base + k, "article": record, "rejected": None}


def _read(path: str, part: list[int], cfg: BatchConfig) -> Iterator[Article | Rejected]:
    if not part:
        yield from read_inputs([path], cfg.extract)
        return
    try:
        if len(part) == 3:  # row groups of a Parquet file
            yield from read_parquet(Path(path), cfg.extract, (part[1], part[2]))
            return
        _, start, end, first_line = part
        yield from read_jsonl_part(Path(path), cfg.extract, start, end, first_line)
    except InputError as exc:
        yield Rejected(exc.origin, exc.reason, exc.kind)
    except OSError as exc:
        yield Rejected(path, exc.strerror or str(exc), "os")


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_uri(name: str) -> bool:
    """A name Spark resolves (``s3a://…``, ``hdfs://…``, ``file:///…``), not a local path."""
    return bool(_URI.match(name))


def read_blobs(
    blobs: Iterable[tuple[str, bytes]], numbers: dict[str, int], cfg: BatchConfig
) -> Iterator[Row]:
    """Each file Spark fetched from a URI, ``(uri, bytes)``, read as ``add`` reads a local file
    of that name (a JSONL, CSV or Parquet file gives many records); origins name the URI."""
    with tempfile.TemporaryDirectory(prefix="unspun-blob-") as tmp:
        for uri, data in blobs:
            local = Path(tmp) / uri.rstrip("/").rsplit("/", 1)[-1]
            local.write_bytes(data)
            try:
                rows = read_files([(numbers[uri], str(local))], cfg)
                for row in rows:
                    column = "rejected" if row["rejected"] is not None else "article"
                    record = json.loads(row[column])
                    record["origin"] = str(record["origin"]).replace(str(local), uri)
                    row[column] = json.dumps(record, ensure_ascii=False)
                    yield row
            finally:
                local.unlink(missing_ok=True)


def spark_file(uri: str) -> bool:
    """Spark's own marker files (``_SUCCESS``) and hidden files are no input."""
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    return not name.startswith(("_", "."))


def _parquet_parts(path: Path, rows_per_part: int) -> list[tuple[int, int]]:
    try:
        return parquet_parts(path, rows_per_part)
    except Exception:  # not readable as Parquet: the read stage rejects it with the reason
        return []


def input_parts(paths: Iterable[str | Path], lines_per_part: int) -> list[tuple[Any, ...]]:
    """The read stage's tasks: each input file, a large JSONL file cut into parts of
    ``lines_per_part`` lines (so several workers read it)."""
    tasks: list[tuple[Any, ...]] = []
    for number, path in enumerate(paths):
        p = Path(path)
        fmt = format_of(p) if p.is_file() else None
        if fmt in ("jsonl", "parquet"):
            parts: list[tuple[int, ...]] = (
                list(jsonl_parts(p, lines_per_part))
                if fmt == "jsonl"
                else list(_parquet_parts(p, lines_per_part))
            )
            if len(parts) > 1:
                tasks += [(number, str(p), k, *part) for k, part in enumerate(parts)]
                continue
        tasks.append((number, str(p)))
    return tasks


# -- clean ----------------------------------------------------------------------------------


def replay_clean(rows: Iterable[Row], cfg: BatchConfig) -> Iterator[Row]:
    """The articles as the library keeps them: ``rows`` (read records, in input order) added
    to a scratch library with the store's own rules, so duplicates are dropped and the
    boilerplate each site (and the whole library) repeats is learnt and stripped exactly as
    ``unspun add`` does; then every stored article, in the order added (``seq`` 1, 2, ...).

    The learning is sequential by nature (what is furniture depends on what came before):
    this runs in one task, over compact records, with no index beside the articles.
    """
    with tempfile.TemporaryDirectory(prefix="unspun-clean-") as scratch:
        store = open_store(Path(scratch) / "clean.db", cfg.store)
        try:

            def articles() -> Iterator[Article | Rejected]:
                for row in rows:
                    if row["article"] is not None:
                        yield article_from_dict(json.loads(row["article"]))

            summary = store.add_many(articles())
            for bad in summary.failed:
                yield failed("article", "clean", bad.origin, bad.reason, bad.kind)
            for seq, article in enumerate(store.iter_articles(), start=1):
                yield {"article": json.dumps(article_row(article, seq)), "rejected": None}
        finally:
            store.close()


# -- candidates -----------------------------------------------------------------------------


def postings(rows: Iterable[Row], cfg: BatchConfig) -> Iterator[Row]:
    """The sampled word shingles of each article, as the source index keeps them: one row
    per (shingle, article), with the article's shingle count."""
    rcfg = cfg.retrieve
    for row in rows:
        text = family_text(article_of(row))
        hashes = as_signed(shingle_hashes(text, rcfg.shingle_size, rcfg.shingle_sample))
        size = len(hashes)
        for h in hashes.tolist():
            yield {"h": h, "seq": row["seq"], "size": size}


def rank_partners(groups: Iterable[tuple[int, list[Row]]], cfg: BatchConfig) -> Iterator[Row]:
    """For each article (its seq and hits: earlier articles sharing shingles with it), the
    partners to align, ranked as the library ranks them (:func:`rank_hits`)."""
    for seq, hits in groups:
        query = hits[0]["query_size"] if hits else 0
        by_id = {h["b_id"]: h["b_seq"] for h in hits}
        found = [(h["b_id"], h["b_size"], h["n"]) for h in hits]
        for rank, partner in enumerate(_rank_hits(found, query, "", cfg.retrieve, cfg.family)):
            yield {"a_seq": seq, "b_seq": by_id[partner], "rank": rank}


# -- pairs ----------------------------------------------------------------------------------


def judge_pairs(rows: Iterable[Row], cfg: BatchConfig) -> Iterator[Row]:
    """Each candidate pair (``a`` placed after ``b``) judged by :func:`link_pair`: a
    ``link`` (reuse: same family), an ``event`` (same event, little shared text) or nothing."""
    memo = PairMemo(kept=256)
    for row in rows:
        a, b = article_of(row["a"]), article_of(row["b"])
        try:
            link, event = link_pair(a, b, cfg.family, None, memo)
        except Exception as exc:  # one pair must not cost the batch
            log.exception("pair %s %s", a.id, b.id)
            yield crashed("pair", "pairs", f"{a.id} {b.id}", exc)
            continue
        if link is not None:
            yield {"pair": json.dumps(pair_row(link, row["a"]["seq"], row["b"]["seq"])),
                   "rejected": None}  # fmt: skip
        elif event is not None:
            yield {"pair": json.dumps(event_row(a.id, b.id, event, row)), "rejected": None}


def pair_row(link: Link, a_seq: int, b_seq: int) -> Row:
    d = link.direction
    return {
        "a": link.a, "b": link.b, "a_seq": a_seq, "b_seq": b_seq, "kind": "link",
        "share_a": link.share_a, "share_b": link.share_b, "verbatim": link.verbatim,
        "relation": d.relation.value, "confidence": d.confidence, "source": d.source,
        "cut_short": d.cut_short, "earlier": d.earlier_version, "verdict": d.verdict,
        "reasons": list(d.reasons), "a_lo": link.a_range[0], "a_hi": link.a_range[1],
        "b_lo": link.b_range[0], "b_hi": link.b_range[1],
    }  # fmt: skip


def event_row(a: str, b: str, share: float, row: Row) -> Row:
    return {
        "a": a, "b": b, "a_seq": row["a"]["seq"], "b_seq": row["b"]["seq"], "kind": "event",
        "share_a": share, "share_b": 0.0, "verbatim": 0.0, "relation": "", "confidence": 0.0,
        "source": "", "cut_short": "", "earlier": "", "verdict": "", "reasons": [],
        "a_lo": 0, "a_hi": 0, "b_lo": 0, "b_hi": 0,
    }  # fmt: skip


# -- checks ---------------------------------------------------------------------------------


def check_articles(rows: Iterable[Row], cfg: BatchConfig) -> Iterator[Row]:
    """Each article that has partners, checked against them by :func:`judge` (the check
    ``unspun check`` makes, given these candidates): the verdict, and for each source of the
    cover its sentence pairs and its changes."""
    resources: CheckResources | None = None
    for row in rows:
        if resources is None:  # loaded once per partition, only where there is work
            resources = load_resources(cfg.check, use_model=cfg.model)
        article = article_of(row["article"])
        partners = [article_of(p) for p in row["partners"]]
        sources = [(p, Candidate(p.id, 1.0 / (k + 1), ranks={"pairs": k + 1}))
                   for k, p in enumerate(partners)]  # fmt: skip
        try:
            result = judge(article, sources, resources, cfg.check)
        except Exception as exc:
            log.exception("check %s", article.id)
            yield crashed("check", "checks", article.id, exc)
            continue
        yield {"check": json.dumps(check_row(result, row["article"]["seq"])), "rejected": None}


def check_row(result: CheckResult, seq: int) -> Row:
    sources = []
    for m in result.sources:
        sources.append({
            "source": m.source.id, "rank": m.rank, "role": m.role, "share": m.share,
            "new_share": m.new_share, "verbatim": m.verbatim_share,
            "paraphrase": m.paraphrase_share,
            "direction": m.provenance.verdict if m.provenance else "",
            "alignment": _pairs(m.alignment),
            "changes": [to_dict(c) for c in m.changes],
        })  # fmt: skip
    return {"id": result.article.id, "seq": seq, "kind": result.kind, "verdict": result.verdict,
            "explained": result.explained_share, "model": result.model or "",
            "sources": sources}  # fmt: skip


def _pairs(alignment: Alignment) -> list[Row]:
    return [
        {
            "copy": [to_dict(s) for s in p.copy],
            "source": [to_dict(s) for s in p.source],
            "label": p.label.value,
            "score": p.score,
        }
        for p in alignment.pairs
    ]


# -- families -------------------------------------------------------------------------------


def compiled(edges: list[Row], linked: set[tuple[str, str]], cfg: FamilyConfig) -> bool:
    """Whether an article (its links as edges: partner and own range) compiles several
    stories, by the library's rule (:func:`unspun.provenance.families.compiles`)."""
    ranges = [(e["partner"], (e["lo"], e["hi"])) for e in edges]
    return compiles_ranges(ranges, lambda x, y: (x, y) in linked or (y, x) in linked, cfg)


def family_rows(
    number: int,
    members: list[Row],
    links: list[Row],
    compilers: list[tuple[Row, int]],
) -> Iterator[Row]:
    """The rows of one family's table: each member (and each compilation carrying its story)
    with its layer, relation, parent and place in the timeline (:func:`build_family`)."""
    metas = [member_meta(article_of(m)) for m in sorted(members, key=lambda m: m["seq"])]
    flinks = [_family_link(k) for k in links]
    extra: list[FamilyMember] = [
        compiler_member(member_meta(article_of(r)), n) for r, n in compilers
    ]
    family = build_family(number, metas, flinks, extra)
    yield from story_rows(family, {m.article_id for m in extra})


def story_rows(family: StoryFamily, compilers: AbstractSet[str] = frozenset()) -> Iterator[Row]:
    """One row per member; ``compilers``: the ids shown as compiling the family's story."""
    for position, m in enumerate(family.members):
        yield {
            "family": family.id, "family_title": family.title, "original": family.original,
            "original_label": family.original_label, "wire": list(family.wire),
            "article_id": m.article_id, "position": position, "title": m.title,
            "site": m.site, "when": m.when, "clock": m.clock, "words": m.words,
            "layer": m.layer.value, "relation": m.relation, "parent": m.parent,
            "reuse_share": m.reuse_share, "compiles": m.article_id in compilers,
        }  # fmt: skip


def _family_link(row: Row) -> FamilyLink:
    from unspun.provenance.records import Relation

    return FamilyLink(
        row["a"], row["b"], row["share_a"], row["share_b"], row["verbatim"],
        Relation(row["relation"]), row["confidence"], row["source"], row["cut_short"],
        row["earlier"],
    )  # fmt: skip
