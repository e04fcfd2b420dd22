"""Measuring how fast the library adds articles, and how much memory that takes.

``make bench`` can call :func:`measure_add_paths` on a corpus (end to end: read, extract,
store), or :func:`measure_add` on :func:`synthetic_articles`, a reproducible stream of
articles of many sites with site boilerplate and wire stories republished across sites, to
measure the store on its own. :func:`write_text_corpus` writes that stream as plain-text
files.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unspun.config import ExtractConfig, StoreConfig
from unspun.extract import read_inputs
from unspun.model import Article, Rejected, content_id, paragraphs_of
from unspun.store.sqlite import open_store

_VOCABULARY = (
    "the of and to in a is that for on with as was by at from his are an be said has have it "
    "not were which this but they had their been who its after two more new year first would "
    "also over president minister government officials summit talks meeting leaders state "
    "election police court report city people week million percent country economy market "
    "trade security military forces border council vote law policy energy oil gas prices "
    "sanctions agreement deal statement press conference analysts expected according told "
    "monday tuesday wednesday thursday friday saturday sunday morning evening spokesman"
)
_WORDS = _VOCABULARY.split()
_BOILERPLATE = (
    "Click Here to comment on this article",
    "Sign up for our newsletter and get the day's top stories.",
    "Copyright 2026 The Example Press. All rights reserved. This material may not be published.",
    "Share this story",
    "Advertisement",
)


@dataclass(frozen=True, slots=True)
class AddMeasure:
    """One timed batch add."""

    articles: int  # items handled (added, present or failed)
    added: int
    seconds: float  # wall-clock
    cpu_seconds: float
    rate: float  # items per wall-clock second
    peak_rss_mb: float  # the process's peak resident memory after the batch


def measure_add(
    items: Iterable[Article | Rejected], db_path: str | Path, cfg: StoreConfig | None = None
) -> AddMeasure:
    """Add ``items`` to the library at ``db_path`` (streamed) and time it.

    The timing covers whatever ``items`` does lazily (e.g. reading and extracting files) as well
    as the store's work, so pass ``read_inputs(...)`` for an end-to-end figure.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    with open_store(db_path, cfg) as store:
        summary = store.add_many(items)
    seconds = time.perf_counter() - wall
    done = summary.added + summary.present + len(summary.failed)
    return AddMeasure(
        articles=done,
        added=summary.added,
        seconds=seconds,
        cpu_seconds=time.process_time() - cpu,
        rate=done / seconds if seconds else 0.0,
        peak_rss_mb=peak_rss_mb(),
    )


def measure_add_paths(
    paths: Iterable[str],
    db_path: str | Path,
    extract_cfg: ExtractConfig | None = None,
    store_cfg: StoreConfig | None = None,
) -> AddMeasure:
    """End to end, as ``unspun add PATH...`` does it: read, extract and store, streamed."""
    return measure_add(read_inputs(list(paths), extract_cfg or ExtractConfig()), db_path, store_cfg)


def write_text_corpus(directory: str | Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` plain-text articles (title, blank line, body) as ``directory/NNNNNN.txt``.

    For a separate process to add and measure: peak memory is per process, so measure the
    10,000-article add in a fresh one (e.g. ``/usr/bin/time -v unspun add DIR``).
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(synthetic_articles(n, seed)):
        (folder / f"{i:06d}.txt").write_text(f"{article.title}\n\n{article.text}\n", "utf-8")
    return folder


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, else KiB


def synthetic_articles(n: int, seed: int = 0, sites: int = 50) -> Iterator[Article]:
    """``n`` reproducible articles of ~400 words over ``sites`` sites, made lazily.

    Each site puts two or three of its own boilerplate lines under every story, and one story
    in ten is a wire story that another site already ran.
    """
    rng = random.Random(seed)
    wire: list[tuple[str, list[str]]] = []
    for i in range(n):
        site = f"site{i % sites}.example"
        if wire and rng.random() < 0.1:
            title, paragraphs = rng.choice(wire)
        else:
            title = _sentence(rng, 8).rstrip(".")
            paragraphs = [_paragraph(rng) for _ in range(rng.randint(6, 14))]
            if len(wire) < 200:
                wire.append((title, paragraphs))
        lines = _BOILERPLATE[i % sites % 3 : i % sites % 3 + 3]
        text = "\n\n".join([*paragraphs, *lines])
        yield Article(
            id=content_id(title, text),
            text=text,
            title=title,
            paragraphs=paragraphs_of(text),
            site=site,
            url=f"https://{site}/story/{i}",
            published=f"2026-01-{1 + i % 28:02d}",
            format="text",
            origin=f"synthetic#{i}",
        )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(12, 25)) for _ in range(rng.randint(1, 3)))
