"""Numbers and dates in a sentence, with their values and character spans.

Numbers are read from digits and words alike ("a dozen" = 12, "ten" = 10, "1.5 million");
dates are weekdays, months (with day and year when given), years and the relative words news
uses ("yesterday", "next month", "earlier this week"). Each mention carries a class and a
normalised value, so two texts can be compared by value whatever their wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspun.changes.normalize import number_value

_MONTHS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "may": "may",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_YEAR = re.compile(r"(?<![\d,.$])\b(1[89]\d\d|20\d\d)\b(?!\d|,\d|\s*(?:%|percent|people))")
_RELATIVE = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|(?:earlier |later )?(?:this past|this|last|next|past) "
    r"(?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|fall|autumn|winter))\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?!\s*[ap]\.?m\.?)", re.I)
_TIME = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?(?=\W|$)", re.IGNORECASE)
_NUMWORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|trillion)"
)
# Counts said as idioms, with their values ("half a dozen" = 6); "a couple of" is loose, so weak
IDIOMS = {
    "half a dozen": 6.0,
    "a dozen": 12.0,
    "the dozen": 12.0,
    "a couple of": 2.0,
    "a pair of": 2.0,
    "a score of": 20.0,
}
_IDIOM = re.compile(
    r"(?<![\w.,])(?:half\s+a\s+dozen|(?:a|the)\s+dozen|a\s+(?:couple|pair|score)\s+of)\b"
    r"(?![\s-]+(?:and\s+)?(?:dozen|hundred|thousand|million|billion)\b)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
_SECONDS = {
    "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
    "fortnight": 1209600.0, "month": 2629800.0, "year": 31557600.0, "decade": 315576000.0,
}  # fmt: skip
_UNIT = re.compile(
    r"[\s-]*(second|minute|hour|day|week|fortnight|month|year|decade)s?\b", re.IGNORECASE
)
# shares said in words: "half of", "a third of", "two-thirds", "three quarters of"
_SHARE = re.compile(
    r"(?<![\w-])(?:(?P<count>a|an|one|two|three)[\s-]+(?P<part>halves|half|thirds?|quarters?)"
    r"|(?P<half>half)(?=\s+(?:of|the|their|its|his|her|all)\b))(?![\w-])",
    re.IGNORECASE,
)
# counts said vaguely: "dozens", "thousands", "tens of thousands", "several hundred"
_VAGUE = re.compile(
    r"(?<![\w-])(?:(?P<times>tens|hundreds)\s+of\s+)?"
    r"(?P<plural>dozens|scores|hundreds|thousands|millions|billions)\b"
    r"|(?<![\w-])(?:several|a\s+few)\s+(?P<scale>dozen|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_BASES = {"dozen": 12.0, "score": 20.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6,
          "billion": 1e9}  # fmt: skip
_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
# a span of time said with "a": "a week", "an hour"
_ONE_SPAN = re.compile(
    r"(?<![\w-])(?:a|an)\s+(second|minute|hour|day|week|fortnight|month|year|decade)\b(?!-)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:twice\b|thrice\b"
    rf"|(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_NUMWORD})\b(?:[\s-]+(?:and\s+)?(?:{_NUMWORD}|dozen)\b)*)"
    rf"(?![\w,]*\.\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number or a date: its class, its normalised value and where it is."""

    cls: str  # "number", "date" (month, day, year), "weekday", "year", "relative", "time"
    value: str
    start: int
    end: int
    text: str
    weak: bool = False  # "one": often a pronoun, never reported as added or dropped
    # what the number measures, in a base unit: ("share", 0.5) for "half", "50%" and "fifty
    # percent" alike; ("seconds", 7200.0) for "two hours" and "120 minutes"
    amount: tuple[str, float] | None = None
    upto: float | None = None  # a vague count's range: from amount[1] up to this

    def span_of(self) -> tuple[float, float] | None:
        """The values a count may have: a range for a vague count, else its one value."""
        if self.upto is not None and self.amount is not None:
            return self.amount[1], self.upto
        if self.amount is not None:
            return None
        try:
            value = float(self.value)
        except ValueError:
            return None
        return value, value

    def same_amount(self, other: Mention) -> bool:
        """Two wordings of one quantity: a share within half a point ("two-thirds" and
        "67%"), a duration within 1 % ("a year" and "12 months"), a count inside a vague
        count's range ("more than 30" and "dozens")."""
        if self.upto is not None or other.upto is not None:
            mine, theirs = self.span_of(), other.span_of()
            if mine is None or theirs is None:
                return False
            if mine[0] == mine[1]:
                return theirs[0] <= mine[0] < theirs[1]
            if theirs[0] == theirs[1]:
                return mine[0] <= theirs[0] < mine[1]
            return mine[0] < theirs[1] and theirs[0] < mine[1]  # [low, high) ranges meet
        if self.amount is None or other.amount is None or self.amount[0] != other.amount[0]:
            return False
        (kind, a), (_, b) = self.amount, other.amount
        if kind == "share":
            return abs(a - b) <= 0.005 + 1e-9
        return abs(a - b) <= 0.01 * max(a, b)

    def compatible(self, other: Mention) -> bool:
        """The same value, or a date the other states more or less precisely ("1998" and
        "December 1998"; "yesterday" and "Monday" name a day from different vantage points)."""
        if self.cls != other.cls:
            pair = {self.cls, other.cls}
            if pair == {"year", "date"}:
                year = self if self.cls == "year" else other
                date = other if year is self else self
                return date.value.split("|")[2] in ("", year.value)
            days = {"today", "yesterday", "tomorrow", "tonight"}
            return pair == {"weekday", "relative"} and (self.value in days or other.value in days)
        if self.cls != "date":
            return self.value == other.value
        a, b = self.value.split("|"), other.value.split("|")
        return a[0] == b[0] and all(
            x == y or not x or not y for x, y in zip(a[1:], b[1:], strict=True)
        )


def dates(text: str, offset: int = 0) -> list[Mention]:
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        month = m.group("month").lower().rstrip(".")
        month = _MONTHS.get(month[:4] if month.startswith("sept") else month[:3], month)
        if month == "may" and not (m.group("day") or m.group("year")):
            continue  # the modal verb, far more often than the month
        if month == "march" and not (m.group("day") or m.group("year")) and m.group()[0] == "m":
            continue
        value = f"{month}|{m.group('day') or ''}|{m.group('year') or ''}"
        out.append(_mention("date", value, m, offset))
        taken.append(m.span())
    for m in _WEEKDAY.finditer(text):
        out.append(_mention("weekday", m.group().lower(), m, offset))
    for m in _YEAR.finditer(text):
        if not _inside(m.span(), taken):
            out.append(_mention("year", m.group(), m, offset))
    for m in _RELATIVE.finditer(text):
        value = " ".join(m.group().lower().split()).replace("earlier ", "").replace("later ", "")
        value = value.replace("this past ", "last ").replace("past ", "last ")
        out.append(_mention("relative", value, m, offset))
    for m in _TIME.finditer(text):
        hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
        out.append(_mention("time", f"{hour}:{m.group(2) or '00'}", m, offset))
        taken.append(m.span())
    for m in _CLOCK.finditer(text):  # "13:00", "09:30 GMT"
        if not _inside(m.span(), taken):
            out.append(_mention("time", f"{int(m.group(1))}:{m.group(2)}", m, offset))
    return sorted(out, key=lambda x: x.start)


def numbers(text: str, offset: int = 0, skip: list[Mention] | None = None) -> list[Mention]:
    """Number mentions outside the given (date) mentions."""
    taken = [(d.start - offset, d.end - offset) for d in skip or ()]
    out: list[Mention] = []
    for m in _IDIOM.finditer(text):
        if _inside(m.span(), taken):
            continue
        said = IDIOMS[" ".join(m.group().lower().split())]
        out.append(
            Mention(
                "number", _fmt(said), offset + m.start(), offset + m.end(), m.group(), said == 2
            )
        )
        taken.append(m.span())
    out.extend(_shares(text, offset, taken))
    out.extend(_vague(text, offset, taken))
    for m in _NUMBER.finditer(text):
        if _inside(m.span(), taken):
            continue
        raw = m.group()
        after = text[m.end() : m.end() + 12]
        if re.match(r"\s*(?:st|nd|rd|th)\b", after) or re.match(r"-(?:year|time)\b", after):
            pass
        value = number_value(re.split(r"[\s-]+", raw))
        if value is None:
            continue
        weak = raw.lower() in ("one", "two") and not re.match(r"\s*(?:%|percent)", after)
        amount, unit = _amount(value, text[m.end() : m.end() + 16])
        end = m.end() + unit  # "50%", "two hours": the unit belongs to what is said
        out.append(Mention("number", _fmt(value), offset + m.start(), offset + end,
                           text[m.start() : end], weak, amount))  # fmt: skip
        taken.append((m.start(), end))
    out.extend(_spans(text, offset, taken))
    return sorted(out, key=lambda x: x.start)


def _amount(value: float, after: str) -> tuple[tuple[str, float] | None, int]:
    """What a number measures, from the words after it (a percentage or a span of time), and
    the length of those words."""
    if m := _PERCENT.match(after):
        return ("share", value / 100), m.end()
    if m := _UNIT.match(after):
        return ("seconds", value * _SECONDS[m.group(1).lower()]), m.end()
    return None, 0


def _shares(text: str, offset: int, taken: list[tuple[int, int]]) -> list[Mention]:
    """Shares said in words: "half of", "two-thirds". Like "a week" (:func:`_spans`) they are
    weak: compared with other wordings of a quantity, never reported as added or dropped."""
    out = []
    for m in _SHARE.finditer(text):
        if _inside(m.span(), taken):
            continue
        if m.group("half"):
            share = 0.5
        else:
            share = _COUNTS[m.group("count").lower()] / _PARTS[m.group("part").lower()]
        out.append(Mention("number", f"{share:.3g}", offset + m.start(), offset + m.end(),
                           m.group(), True, ("share", share)))  # fmt: skip
        taken.append(m.span())
    return out


def _vague(text: str, offset: int, taken: list[tuple[int, int]]) -> list[Mention]:
    """Counts said vaguely, each a range [low, high): "dozens" 24 to 100, "thousands" 2,000 to
    20,000, "tens of thousands" 20,000 to 100,000, "several hundred" 200 to 1,000. Weak: a
    number of the other side inside the range says the same."""
    out = []
    for m in _VAGUE.finditer(text):
        if _inside(m.span(), taken):
            continue
        if m.group("scale"):
            base = _BASES[m.group("scale").lower()]
            low, high = 2 * base, 10 * base
        else:
            base = _BASES[m.group("plural").lower().rstrip("s")]
            low, high = 2 * base, (100 / 12 if base == 12 else 20) * base
            if m.group("times"):
                times = 10.0 if m.group("times").lower() == "tens" else 100.0
                low, high = 2 * times * base, 10 * times * base
        out.append(Mention("number", f"{_fmt(low)}-{_fmt(high)}", offset + m.start(),
                           offset + m.end(), m.group(), True, ("count", low), high))  # fmt: skip
        taken.append(m.span())
    return out


def _spans(text: str, offset: int, taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in _ONE_SPAN.finditer(text):
        if _inside(m.span(), taken):
            continue
        seconds = _SECONDS[m.group(1).lower()]
        out.append(Mention("number", "1", offset + m.start(), offset + m.end(), m.group(), True,
                           ("seconds", seconds)))  # fmt: skip
    return out


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _mention(cls: str, value: str, m: re.Match[str], offset: int) -> Mention:
    return Mention(cls, value, offset + m.start(), offset + m.end(), m.group())


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b or a < span[1] <= b for a, b in taken)
