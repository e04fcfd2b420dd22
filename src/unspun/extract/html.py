"""HTML pages to articles: trafilatura for the main text and metadata, htmldate for the date.

The page is decoded (declared charset, then detection), parsed once, its figure captions are
taken out and kept apart, and trafilatura extracts the main content without comments. A light,
site-independent clean-up then removes what trafilatura lets through but no reader would call
article text: the headline repeated as the first paragraph, share and print buttons, reprint
notices, copyright lines. Everything removed that way is kept in ``Article.boilerplate``.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.etree import LxmlError, XPath
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing, load_html

from unspun import model
from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument, TooLarge, UnsupportedFormat
from unspun.extract.credits import find_credits
from unspun.extract.decode import decode_bytes
from unspun.extract.limits import within
from unspun.model import Article, Caption, Paragraph

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """trafilatura's knobs, as unspun sets them (measured with ``unspun eval extraction``)."""

    fast: bool = True  # no readability/justext fallback: as accurate here, twice as fast
    favor_precision: bool = False
    favor_recall: bool = True  # 0.965 F1 against 0.963 balanced, 0.941 precision; faster
    tables: bool = True
    captions_apart: bool = True  # figcaption text goes to Article.captions, not the body
    clean: bool = True  # site-independent clean-up of the extracted lines
    date_extensive: bool = False  # htmldate: also search the page text, not only its markup


def options_for(cfg: ExtractConfig) -> HtmlOptions:
    """The trafilatura options for ``cfg`` (recall mode unless the settings say otherwise)."""
    if cfg.html_favor_recall:
        return HtmlOptions()
    return HtmlOptions(favor_recall=False)


_CAPTIONS = "//figcaption"
_WS = re.compile(r"\s+")
# Lines that are page furniture wherever they appear (matched against the whole line).
_FURNITURE = re.compile(
    r"""^(?:
        (?:share|print|e-?mail|tweet|save|comment|copy\ link|order\ reprints?|reprints?)
            (?:\ (?:this|the))?(?:\ (?:article|story|page|link|post))?
        | (?:print|email|share)\ (?:article|story)
        | advertisement | ad | sponsored (?:content)? | related (?:articles|stories|content)?
        | read\ (?:more|next) | see\ also | continue\ reading
        | (?:click|tap)\ here\ to\ (?:comment|subscribe|share|print|sign\ up)\b.{0,40}
        | (?:sign\ up|subscribe)\b.{0,80}
        | this\ copy\ is\ for\ your\ personal,?\ non-?commercial\ use\ only\b.*
        | https?://\S+
        | (?:copyright\ *)?(?:©|\(c\)).{0,240}
        | copyright\ +(?:©\ *)?(?:\d{4}|\(c\)).{0,240}
        | .{0,120}\ball\ rights\ reserved\b.{0,120}
    )[.!:]?$""",
    re.I | re.X,
)


def extract_html(
    data: bytes,
    *,
    origin: str,
    cfg: ExtractConfig,
    url: str = "",
    charset: str = "",
    options: HtmlOptions | None = None,
) -> Article:
    """One article from an HTML page; raise an InputError subclass naming ``origin``.

    ``url`` is where the page was fetched (the page's canonical link wins); ``charset`` the
    encoding its transport declared, if any (an HTTP header); otherwise the page's own
    ``<meta charset>`` or detection decides. Stopped as TooSlow past ``cfg.page_seconds``.
    """
    return within(
        cfg.page_seconds,
        origin,
        lambda: _extract_html(data, origin, cfg, url, charset, options or options_for(cfg)),
    )


def _extract_html(
    data: bytes, origin: str, cfg: ExtractConfig, url: str, charset: str, opts: HtmlOptions
) -> Article:
    if len(data) > cfg.max_bytes:
        raise TooLarge(origin, f"{len(data):,} bytes, over the limit of {cfg.max_bytes:,}")
    tree = _parse(decode_bytes(data, origin, html=True, declared=charset), origin)
    try:
        captions = _take_captions(tree) if opts.captions_apart else []
        meta = page_metadata(tree, url, opts)
        body = _main_text(tree, meta.url, opts)
    except (LxmlError, ValueError, TypeError, RecursionError) as exc:
        # malformed markup that slipped through the parser's recovery
        raise UnsupportedFormat(origin, f"HTML page could not be processed ({exc})") from exc
    if not body.strip():
        raise EmptyDocument(origin, "no article body found in the HTML page")
    title = meta.title
    lines, removed = _clean_lines(body, title, captions, opts.clean)
    text = "\n\n".join(lines)
    if len(text) < cfg.min_body_chars:
        raise EmptyDocument(origin, f"article body too short ({len(text)} characters)")
    byline = meta.author
    caption_texts = tuple(captions)
    return Article(
        id=model.content_id(title, text, meta.site, meta.url),
        text=text,
        title=title,
        paragraphs=_spans(lines),
        captions=tuple(Caption(c) for c in caption_texts),
        url=meta.url,
        site=meta.site,
        byline=byline,
        published=meta.published,
        language=meta.language,
        credits=find_credits(
            title=title, body=text, captions=caption_texts, byline=byline, extra=tuple(removed)
        ),
        boilerplate=tuple(removed),
        format="html",
        raw_hash=model.raw_hash(data),
        origin=origin,
    )


def _main_text(tree: HtmlElement, url: str, opts: HtmlOptions) -> str:
    """trafilatura's main text of the page, one paragraph per line, comments left out."""
    doc = bare_extraction(
        tree,
        url=url or None,
        fast=opts.fast,
        favor_precision=opts.favor_precision,
        favor_recall=opts.favor_recall,
        include_comments=False,
        include_tables=opts.tables,
    )
    if doc is None:  # trafilatura found too little text to call it a document
        return ""
    text = doc["text"] if isinstance(doc, dict) else doc.text
    return str(text or "")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str = ""
    author: str = ""
    url: str = ""
    site: str = ""
    published: str = ""
    language: str = ""


def page_metadata(tree: HtmlElement, url: str, opts: HtmlOptions) -> PageMetadata:
    """Title, author, canonical url, site name, published date and language of a page.

    The same steps as trafilatura's ``extract_metadata`` (meta tags, then JSON-LD, then the
    page itself; htmldate for the date), without the categories, tags and licence unspun does
    not use, which cost a fifth of the extraction time.
    """
    meta = extract_meta_json(tree, examine_meta(tree))
    if meta.author and " " not in meta.author:
        meta.author = None  # a lone word is a handle or a section name more often than a name
    title = meta.title or extract_title(tree) or ""
    author = meta.author or _find_author(tree)
    page_url = meta.url or extract_url(tree, url or None) or url
    site = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or _host(page_url)
    date = find_date(
        tree, url=page_url or None, original_date=True, extensive_search=opts.date_extensive
    )
    return PageMetadata(
        title=_clean_meta(title),
        author=_clean_meta(author),
        url=page_url,
        site=_clean_meta(site),
        published=date or "",
        language=_page_language(tree),
    )


# Where pages name their authors, most specific first (plain XPath: no regex callbacks, which
# made trafilatura's own author search a sixth of the extraction time).
_AUTHOR_XPATHS = (
    XPath(
        "//*[@rel='author' or @itemprop='author' or @itemprop='author name' or @class='author'"
        " or contains(@class, 'author-name') or contains(@class, 'authorName')"
        " or contains(@class, 'AuthorName') or @data-testid='AuthorCard']|//author"
    ),
    XPath(
        "//*[self::a or self::div or self::p or self::span or self::h3 or self::h4]"
        "[contains(@class, 'byline') or contains(@class, 'author') or @class='byl'"
        " or contains(@itemprop, 'author') or contains(@id, 'author')]"
    ),
)
_NOT_AUTHOR = XPath(
    "ancestor-or-self::*[self::figure or self::time or self::footer or contains(@id, 'comment')"
    " or contains(@class, 'comment') or contains(@class, 'sidebar') or contains(@class, 'related')]"
)
_BY = re.compile(r"^(?:by|von|par|por|di|door)\s*:?\s+", re.I)


def _find_author(tree: HtmlElement) -> str:
    """The first plausible author name the page marks up, outside comments and captions."""
    for expression in _AUTHOR_XPATHS:
        for node in expression(tree):
            text = _BY.sub("", _one_line(" ".join(node.itertext())))
            if 2 < len(text) < 120 and not _NOT_AUTHOR(node):
                return _tidy_author(normalize_authors(None, text) or "")
    return ""


_MONTH = re.compile(
    r"(?:\s+(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
    r"|\s*\b(?:january|february|march|april|june|july|august|september|october|november"
    r"|december)\b)$",
    re.I,
)


def _tidy_author(author: str) -> str:
    """Drop the dates and times some bylines run on with ("Jane Roe; November 5")."""
    parts = [_MONTH.sub("", p).strip() for p in author.split(";")]
    return "; ".join(p for p in parts if p and not any(c.isdigit() for c in p))


def _clean_meta(value: str) -> str:
    return _one_line(line_processing(html_lib.unescape(value[:2000])) or "")


def _parse(html: str, origin: str) -> HtmlElement:
    """The document tree; a bare fragment ("<p>text</p>") is read as a page's body."""
    if not html.strip():
        raise EmptyDocument(origin, "empty HTML page")
    try:
        tree = load_html(html)
        if (tree is None or tree.tag != "html") and "<" in html:
            tree = load_html(f"<html><body>{html}</body></html>")
    except (TypeError, ValueError) as exc:
        raise UnsupportedFormat(origin, f"not parseable as HTML ({exc})") from exc
    if tree is None:
        raise UnsupportedFormat(origin, "not parseable as HTML (no document tree)")
    return tree


def _take_captions(tree: HtmlElement) -> list[str]:
    """Remove every <figcaption> from ``tree``; return their texts, each once, in order."""
    found: dict[str, None] = {}
    for node in tree.xpath(_CAPTIONS):
        text = _one_line(node.text_content())
        if text:
            found[text] = None
        node.drop_tree()
    return list(found)


def _clean_lines(
    text: str, title: str, captions: list[str], clean: bool
) -> tuple[list[str], list[str]]:
    """Body paragraphs (one per extracted line) and the lines removed as boilerplate."""
    kept: list[str] = []
    removed: list[str] = []
    caption_set = set(captions)
    head = _headline_key(title)
    for number, raw in enumerate(text.splitlines()):
        line = _one_line(raw)
        if not line:
            continue
        if clean and (
            line in caption_set
            or _is_furniture(line)
            or _is_headline(line, head, near_top=number < 3)
            or _is_date_line(line)
        ):
            removed.append(line)
            continue
        if clean and not kept and title:
            line = _strip_run_in_title(line, title, removed)
        kept.append(line)
    return kept, removed


def _strip_run_in_title(line: str, title: str, removed: list[str]) -> str:
    """The first paragraph without the headline some pages run into it ("| Title Text...")."""
    start = len(line) - len(line.lstrip("|-–—•:· "))
    if line.startswith(title, start) and len(line) > start + len(title) + 40:
        removed.append(line[: start + len(title)].strip())
        return line[start + len(title) :].lstrip(" |-–—:·")
    return line


_NON_WORD = re.compile(r"[\W_]+")


def _headline_key(title: str) -> str:
    return _NON_WORD.sub(" ", title.casefold()).strip()


def _is_headline(line: str, head: str, *, near_top: bool) -> bool:
    """The title again: anywhere verbatim, or at the top as part of it.

    Pages often title themselves "Headline | Site", or run a longer headline in the page than
    in their <title>; a line at the top that holds the title or is held by it is the headline.
    """
    if not head or len(line) > 2 * len(head) + 60:  # far longer than any variant of it
        return False
    key = _headline_key(line)
    if key == head:
        return True
    if not near_top or len(key) < 15:
        return False
    return key in head or (head in key and len(key) < len(head) + 40)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTHS_AND_DAYS = _wordset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december janeiro fevereiro março abril maio junho julho
    agosto setembro outubro novembro dezembro enero febrero marzo mayo junio julio septiembre
    octubre noviembre diciembre janvier février mars avril mai juin juillet août septembre
    octobre novembre décembre januar februar märz juni juli oktober dezember
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
    segunda terça quarta quinta sexta sábado domingo feira lunes martes miércoles jueves viernes
    lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag
    freitag samstag sonntag
    """
)
_DATE_WORDS = _MONTHS_AND_DAYS | _wordset(
    "de del à às a at on um le der am pm et est edt pst pdt gmt utc h"
    " updated published posted last modified"
)
_NUMERIC_DATE = re.compile(r"\b(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b")


def _is_date_line(line: str) -> bool:
    """A line that only dates the article ("October 12, 2017", "22/01/2018 às 0:13")."""
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return False
    words = [w for w in _NON_WORD.split(line.casefold()) if w and not w.isdigit()]
    if not all(w in _DATE_WORDS or w.rstrip("0123456789") in ("", "h") for w in words):
        return False
    return bool(set(words) & _MONTHS_AND_DAYS) or _NUMERIC_DATE.search(line) is not None


def _is_furniture(line: str) -> bool:
    return len(line) <= 300 and _FURNITURE.match(line.lstrip("-• ")) is not None


def _spans(lines: list[str]) -> tuple[Paragraph, ...]:
    spans = []
    pos = 0
    for line in lines:
        spans.append(Paragraph(pos, pos + len(line), pos))
        pos += len(line) + 2
    return tuple(spans)


def _one_line(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _page_language(tree: HtmlElement) -> str:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        found = tree.xpath("//meta[@http-equiv='content-language' or @property='og:locale']")
        lang = found[0].get("content", "") if found else ""
    return lang.replace("_", "-").split("-")[0].lower()
