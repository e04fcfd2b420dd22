"""Wire credits: which news agencies an article credits, and the words that say so.

An agency is credited by a dateline (``WASHINGTON (AP) —``), a byline (``By Reuters``,
``By JILL COLVIN, Associated Press``), a contribution line (``Associated Press writer Matthew Lee
contributed reporting``), a copyright line (``© Copyright 2018 The Associated Press``), a photo
credit in a caption (``(AP Photo/Evan Vucci)``) or Reuters' ``Reporting by …; Editing by …``.

A mention alone is not a credit: ``told The Associated Press`` or ``Reuters reported`` cite the
agency as a source, and ``AP`` inside a word or a sentence means nothing. Every pattern therefore
needs the agency's name in a position that only a credit takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from unspun.model import WireCredit

# Canonical short name -> the ways its name is written (longest first within an agency; the
# whole alternation is ordered so that "Australian Associated Press" wins over "Associated Press").
_AGENCIES: dict[str, tuple[str, ...]] = {
    "AAP": ("Australian Associated Press", "AAP"),
    "AP": ("The Associated Press", "Associated Press", "AP"),
    "Reuters": ("Thomson Reuters", "Thomson/Reuters", "Reuters", "REUTERS"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "UPI": ("United Press International", "UPI"),
    "dpa": ("Deutsche Presse-Agentur", "dpa", "DPA"),
    "ANI": ("Asian News International", "ANI"),
    "PTI": ("Press Trust of India", "PTI"),
    "IANS": ("Indo-Asian News Service", "IANS"),
    "Xinhua": ("Xinhua News Agency", "Xinhua"),
    "TASS": ("TASS",),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti",),
    "Sputnik": ("Sputnik",),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "CP": ("The Canadian Press", "Canadian Press"),
    "PA": ("PA Media", "Press Association"),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
}
_CANONICAL = {name: agency for agency, names in _AGENCIES.items() for name in names}
_NAMES = sorted(_CANONICAL, key=len, reverse=True)
_ALT = "|".join(re.escape(n) for n in _NAMES)


class _Names:
    """Numbered named groups for the agency name (one regex may name it several times)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, bounded: bool = True) -> str:
        self.count += 1
        group = f"(?P<agency{self.count}>{_ALT})"
        return rf"(?<![\w-]){group}(?![\w-])" if bounded else group


_n = _Names()
# Names that are also ordinary words or people: only credited in strict positions.
_AMBIGUOUS = frozenset({"Bloomberg", "Bloomberg News", "Sputnik", "Anadolu", "ANSA", "EFE"})

# Datelines: "WASHINGTON (AP) —", "MOSCOW, July 15 (Reuters) -", "Helsinki (AFP) -": a short
# lead-in at the start of a line, the agency in brackets, then a dash (or, loosely, an all-caps
# place and the sentence right after: "WASHINGTON (AP) President Trump ...").
_PAREN = re.compile(rf"\({_n(False)}\)")
_AFTER_PAREN = re.compile(r"[^\S\n]*(?P<dash>[-—–―]{1,2}|:)?(?(dash)|\s+(?=[A-Z]))")
_LOOSE_LEAD = re.compile(r"\s*[A-Z][A-Z .,'’/-]{1,40}\s*")
# "By Reuters", "By JILL COLVIN, Associated Press", "By ROBERT BURNS AP National Security Writer"
_BYLINE = re.compile(rf"(?m)^[^\S\n]*By\b[^\n]{{0,120}}?{_n()}")
# A short line that is nothing but the agency ("Associated Press", "Reuters", "Credit: AP",
# "Jill Colvin, The Associated Press", "Posted 9:47 pm, July 15, 2018, by Associated Press").
_BARE = re.compile(
    rf"(?m)^[^\S\n]*(?:(?:Credit|Source|Media|Posted)\b[^\n]{{0,40}}?[:\s]\s*|[^\n]{{0,60}}?(?:[,|•]|\bby)\s*|"
    rf"[A-Z][\w.'’ -]{{0,60}}?(?<=[a-z.])\s*)?{_n(False)}[^\S\n]*"
    rf"(?:[|•—-][^\n]{{0,60}}|,?\s+\w+day,?\s+[A-Z][a-z]+\.?\s+\d{{1,2}},?\s+\d{{4}})?[^\S\n]*$"
)
# "Associated Press writer Matthew Lee contributed reporting", "Reuters contributed to this
# report", "Contributing: The Associated Press", "Material from Reuters was used".
_CONTRIB = (
    (
        "contributed",
        re.compile(
            rf"(?:^|(?<=[.!?\n(])\s*|(?<=\band )|(?<=, ))(?:The\s+)?{_n(False)}(?![\w-])"
            r"(?:\s+(?:writers?|reporters?|correspondents?|staff|journalists?|photographers?)\b)?"
            r"[^.!?\n]{0,160}?\bcontributed\b",
            re.MULTILINE,
        ),
    ),
    ("Contributing:", re.compile(rf"\bContributing:[^\n]{{0,80}}?{_n()}")),
    (
        "was used",
        re.compile(
            rf"\b(?:Material|Information|Reporting)\s+(?:from|by)\s+(?:the\s+)?{_n(False)}"
            r"(?![\w-])[^.!?\n]{0,40}?\bwas\s+used"
        ),
    ),
    (
        "",
        re.compile(
            rf"[Ww]ith\s+(?:the\s+)?{_n(False)}(?![\w-])\s*(?:\)|$|\.)"
            rf"|[Aa]dditional reporting by\s+(?:the\s+)?{_n(False)}(?![\w-])",
            re.MULTILINE,
        ),
    ),
)
# "© Copyright 2018 The Associated Press. All rights reserved.", "(c) Copyright Thomson Reuters"
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|&copy;|\bCopyright\b)[^\n]{{0,40}}?{_n()}[^\n]{{0,160}}", re.IGNORECASE
)
# Reuters' trailer: "(Reporting by X in Y; Editing by Z)".
_REUTERS_TRAILER = re.compile(
    r"\(?\b(?:Reporting|Writing|Additional reporting) by\b[^\n]{1,400}?\b(?:Editing|Writing) by\b"
    r"[^\n)]{0,200}\)?"
)
_BYLINE_NAME = re.compile(_n())
# Photo credits, in captions only: "(AP Photo/X)", "REUTERS/X", "X/AFP/Getty Images",
# "Photo: X, AP", "(Roni Rekomaa/Lehtikuva via AP)", "Credit: Reuters".
_PHOTO = re.compile(
    rf"{_n()}\s*(?:Photo|Images|Pictures|Video)?\s*/"
    rf"|/\s*{_n()}"
    rf"|\bvia\s+{_n()}"
    rf"|(?:[,|(]|\bby\b|\bPhoto:|\bCredit:?)\s*{_n()}\s*(?:Photo|/|\||\)|,|\.|$)"
    rf"|{_n()}\s+Photo\b"
    rf"|\({_n(False)}\)\s*$",
    re.MULTILINE,
)


def find_credits(
    *,
    title: str = "",
    body: str = "",
    captions: Sequence[str] = (),
    byline: str = "",
    extra: Sequence[str] = (),
) -> tuple[WireCredit, ...]:
    """Every agency credit in the article's parts, in reading order, each evidence once."""
    found: list[WireCredit] = []
    seen: set[tuple[str, str]] = set()

    def add(credits: Iterator[WireCredit]) -> None:
        for credit in credits:
            key = (credit.agency, credit.evidence)
            if key not in seen:
                seen.add(key)
                found.append(credit)

    if byline:
        add(_in_byline(byline))
    for text in (title, body):
        if text:
            add(_in_text(text))
    for caption in captions:
        add(_in_caption(caption))
    rest = []
    for item in extra:
        name = re.sub(r"^\s*By\s+", "", item).strip(" .")
        if name in _CANONICAL and name not in _AMBIGUOUS:
            add(iter([WireCredit(_CANONICAL[name], item.strip(), "metadata")]))
        else:
            rest.append(item)
    if rest:
        add(_in_text("\n".join(rest)))
    return tuple(found)


def is_credit_line(line: str) -> bool:
    """True for a short line that only credits an agency: "The Associated Press", "By Reuters"."""
    line = line.strip()
    if len(line) > 100:
        return False
    bare = _BARE.fullmatch(line)
    if bare:
        return _agency_in(bare) not in _AMBIGUOUS or line == _agency_in(bare)
    return bool(_BYLINE.match(line)) and len(line.split()) <= 15


def agency_of(name: str) -> str | None:
    """The canonical short name of an agency name as written, or None if it names none."""
    return _CANONICAL.get(name.strip())


def _agency_in(match: re.Match[str]) -> str:
    """The name as written by whichever agency group of the pattern matched."""
    return next(v for k, v in match.groupdict().items() if k.startswith("agency") and v)


def _credit(match: re.Match[str], where: str, evidence: str | None = None) -> WireCredit:
    text = evidence if evidence is not None else match.group(0)
    return WireCredit(_CANONICAL[_agency_in(match)], " ".join(text.split())[:240], where)


def _in_text(text: str) -> Iterator[WireCredit]:
    """Credits in running text (body, title, boilerplate), in the order they appear."""
    found = [
        *_datelines(text),
        *_bylines(text),
        *_contributions(text),
        *_copyrights(text),
        *_trailers(text),
    ]
    found.sort(key=lambda item: item[0])
    for _, credit in found:
        yield credit


_Found = Iterator[tuple[int, WireCredit]]


def _datelines(text: str) -> _Found:
    for m in _PAREN.finditer(text):
        dateline = _dateline_at(text, m)
        if dateline:
            yield text.rfind("\n", 0, m.start()) + 1, dateline


def _bylines(text: str) -> _Found:
    """ "By …" lines naming an agency, and short lines that are only a credit."""
    if "By" in text:
        for m in _BYLINE.finditer(text):
            if _agency_in(m) not in _AMBIGUOUS or _line_len(text, m.start()) < 80:
                yield m.start(), _credit(m, "byline", _line_at(text, m.start()))
    pos = 0
    for line in text.split("\n"):
        bare = _BARE.match(line) if len(line) <= 100 and line.strip() else None
        if bare and (_agency_in(bare) not in _AMBIGUOUS or line.strip() == _agency_in(bare)):
            yield pos, _credit(bare, "byline", line.strip())
        pos += len(line) + 1


def _contributions(text: str) -> _Found:
    for hint, pattern in _CONTRIB:
        if hint in text:  # each pattern only where its key word is: far cheaper
            for m in pattern.finditer(text):
                yield m.start(), _credit(m, "credit-line", m.group(0).strip())


def _copyrights(text: str) -> _Found:
    if not any(mark in text for mark in ("©", "opyright", "OPYRIGHT", "(c)", "&copy;")):
        return
    for m in _COPYRIGHT.finditer(text):
        agency = _CANONICAL.get(_agency_in(m)) or _canonical_ci(_agency_in(m))
        if agency:
            yield m.start(), WireCredit(agency, " ".join(m.group(0).split())[:240], "copyright")


def _trailers(text: str) -> _Found:
    if "diting by" in text or "riting by" in text:
        for m in _REUTERS_TRAILER.finditer(text):
            yield m.start(), WireCredit("Reuters", m.group(0).strip()[:240], "credit-line")


def _dateline_at(text: str, m: re.Match[str]) -> WireCredit | None:
    """A dateline credit when "(Agency)" follows a short place at a line's start."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    lead = text[line_start : m.start()]
    after = _AFTER_PAREN.match(text, m.end())
    if after is None or len(lead) > 80:
        return None
    if after.group("dash") is not None:
        if not _plausible_lead(lead):
            return None
    elif not _LOOSE_LEAD.fullmatch(lead):
        return None
    evidence = text[line_start : after.end("dash") if after.group("dash") else m.end()]
    return _credit(m, "dateline", evidence.strip())


def _in_byline(byline: str, where: str = "byline") -> Iterator[WireCredit]:
    for m in _BYLINE_NAME.finditer(byline):
        yield _credit(m, where, byline.strip())


def _in_caption(caption: str) -> Iterator[WireCredit]:
    for m in _PHOTO.finditer(caption):
        yield _credit(m, "caption", _photo_credit(caption, m.start(), m.end()))
    yield from (c for c in _in_text(caption) if c.where == "copyright")


def _photo_credit(caption: str, start: int, end: int) -> str:
    """The credit part of a caption: its bracketed group, else its last sentence or phrase."""
    open_at = caption.rfind("(", 0, start + 1)
    if open_at >= 0 and ")" not in caption[open_at:start]:
        close_at = caption.find(")", end - 1)
        return caption[open_at : close_at + 1 if close_at >= 0 else len(caption)]
    cut = max(caption.rfind(". ", 0, start) + 1, caption.rfind("\n", 0, start) + 1, 0)
    if start - cut > 80:
        cut = start
    line_end = caption.find("\n", end)
    return caption[cut : line_end if line_end >= 0 else len(caption)].strip()[:120]


def _plausible_lead(lead: str) -> bool:
    """A dateline's lead-in: empty, or a short place (and date) starting with a capital."""
    lead = lead.strip()
    if not lead:
        return True
    if lead.endswith(("...", "…")) or len(lead.split()) > 8:
        return False
    return lead[0].isupper() and not re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", lead)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)].strip()


def _line_len(text: str, pos: int) -> int:
    return len(_line_at(text, pos))


def _canonical_ci(name: str) -> str | None:
    lowered = name.lower()
    for written, agency in _CANONICAL.items():
        if written.lower() == lowered and len(written) > 3:
            return agency
    return None


__all__ = ["agency_of", "find_credits", "is_credit_line"]
