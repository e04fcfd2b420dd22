"""Settings of each stage: one small frozen dataclass per stage, passed in by the caller.

Nothing here reads the environment or the command line: the faces (cli, api, batch) build
these objects and hand them down, so the same stage functions run unchanged everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """How inputs are read into articles."""

    max_bytes: int = 20_000_000  # larger inputs are rejected as TooLarge
    # Reading one page (one document, one CSV/JSONL row) that takes longer is stopped and
    # rejected as TooSlow, so that one pathological page cannot stall a batch (0: no limit).
    # A 2.8 MB page of 200,000 <span>s takes 7 s here; the real pages of the benchmarks, 0.1 s
    # at most. See unspun.extract.limits for how the limit works in threads and processes.
    page_seconds: float = 10.0
    min_body_chars: int = 1  # a cleaned body shorter than this is an EmptyDocument
    html_favor_recall: bool = True  # trafilatura's recall mode: F1 0.967 vs 0.941 precision mode
    text_column: str = "text"  # CSV/JSONL column mapping
    id_column: str = "id"
    title_column: str = "title"
    url_column: str = "url"
    site_column: str = "publisher"
    date_column: str = "published"
    fetched_column: str = "scrape_time"
    paragraph_separator: str = " ### "  # how a CSV/JSONL text cell separates paragraphs


@dataclass(frozen=True, slots=True)
class StoreConfig:
    """The library on disk."""

    path: str = "unspun.db"
    boilerplate_min_articles: int = 5  # a line seen in this many articles of a site ...
    boilerplate_min_share: float = 0.3  # ... and in this share of them is site boilerplate
    # Across the whole library, whatever the site: a short paragraph held by this many
    # articles that share nothing else (not a tenth of their wording), and about none of
    # them, is furniture: "Enter City and State or Zip Code", "Loading comments…". A line is
    # about a story when its body repeats library_about of the line's content words and
    # one of the names the story uses, or library_about_unnamed of them without a name
    # (common words — "change", "location", "time" — meet by chance). A wire paragraph
    # recurs in articles that share more of the story, and a quoted tweet is about the
    # stories that quote it: both stay. (0: off)
    library_min_stories: int = 3
    library_max_words: int = 20
    library_about: float = 0.4
    library_about_unnamed: float = 0.6
