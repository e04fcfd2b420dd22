"""Words of a sentence with their offsets, normalised so that rewording compares equal.

Each :class:`Word` keeps its characters (``start``/``end`` in the field text) and a ``norm``:
case folded, typographic quotes made plain, possessives dropped, "U.S." / "US" / "United
States" / "America" read as one word, demonyms read as their country ("Russian" → "russia"),
a light stem, and synonyms of reporting verbs and common news paraphrase mapped to one word
("criticized" / "chastised", "said" / "stated"). Numbers written as words or digits get a
value ("a dozen" = 12, "ten" = 10, "1,500" = 1500).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


def _split(text: str) -> list[str]:
    return text.split()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
# a word: letters/digits with inner apostrophes, dots (U.S.), commas or points in numbers
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:[.,][0-9]{3})*(?:\.[0-9]+)?(?:['’][A-Za-z]+)*"
)

STOPWORDS = frozenset(
    _split(
        """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself nor now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves mr mrs ms also s t re ve ll d m o y am pm its it's well even just
    still yet already whether however including amid among across per via upon onto within
        """
    )
)
NEGATIONS = frozenset(
    {
        "not",
        "n't",
        "no",
        "never",
        "without",
        "nor",
        "neither",
        "none",
        "nothing",
        "nobody",
        "cannot",
    }
)

# synonym groups: every member reads as the first
_SYNONYMS = [
    "say said says saying stated stating told telling added adds "
    "noted remarked explained declared asserted "
    "commented acknowledged acknowledge indicated indicate insisted insist "
    "maintained maintain affirmed affirm mentioned mention",
    "announce announced announces announcing unveiled unveil revealed reveal disclosed",
    "criticize criticized criticizes criticised criticise criticizing chastised chastise "
    "chastises slammed slam blasted blast condemned condemn rebuked rebuke denounced denounce "
    "lambasted lambaste castigated castigate faulted scolded scold censured censure",
    "propose proposed proposes suggested suggest suggests floated",
    "impose imposed imposes imposing levy levied levies levying slap slapped",
    "jail jailed jailing imprison imprisoned imprisonment incarceration incarcerated "
    "incarcerate detention detained detain",
    "finalize finalizing finalized finalise ironing hammering",
    "confirm confirmed confirms confirming verified verify",
    "meet meeting met meets summit talks",
    "seek seeking seeks sought want wants wanted",
    "arrest arrested arrests",
    "big biggest large largest major",
    "help helped helps helping aid aided assist assisted",
    "show showed shows shown demonstrate demonstrated",
    "call called calls phone phoned",
    "attack attacks attacked assault",
    "official officials",
    "country nation",
    "week weeks",
    "hold held holds holding host hosted",
    "try tried tries attempt attempted",
    "urge urged urges",
    "warn warned warns caution cautioned",
    "deny denied denies",
    "allow allowed allows let permit permitted",
    "plan planned plans intend intended",
    "ask asked asks request requested",
    "happen happened occur occurred",
    "accuse accused accuses",
    "interfere interfered meddling meddle meddled interference",
    "hacking hack hacked hackers hacker",
    "agree agreed agrees",
    "discuss discussed discusses",
]
SYNONYM = {w: g.split()[0] for g in _SYNONYMS for w in g.split()}

COUNTRY = {
    "u.s.": "usa",
    "us": "usa",
    "usa": "usa",
    "america": "usa",
    "american": "usa",
    "americans": "usa",
    "u.s.a.": "usa",
    "russian": "russia",
    "russians": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "british": "britain",
    "uk": "britain",
    "u.k.": "britain",
    "chinese": "china",
    "finnish": "finland",
    "german": "germany",
    "germans": "germany",
    "french": "france",
    "syrian": "syria",
    "iranian": "iran",
    "israeli": "israel",
    "european": "europe",
    "soviet": "ussr",
    "korean": "korea",
    "japanese": "japan",
    "turkish": "turkey",
    "canadian": "canada",
    "mexican": "mexico",
    "italian": "italy",
    "spanish": "spain",
}
# A capital stands for its country's government in news ("Moscow said" = "Russia said"; "the
# Finnish capital" = "Helsinki"): the capitals of the countries named above.
CAPITALS = {
    "washington": "usa", "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine",
    "london": "britain", "beijing": "china", "helsinki": "finland", "berlin": "germany",
    "paris": "france", "damascus": "syria", "tehran": "iran", "jerusalem": "israel",
    "brussels": "europe", "seoul": "korea", "pyongyang": "korea", "tokyo": "japan",
    "ankara": "turkey", "ottawa": "canada", "rome": "italy", "madrid": "spain",
}  # fmt: skip
_MULTI = [
    (re.compile(r"\bUnited States(?: of America)?\b"), "US"),
    (re.compile(r"\bUnited Kingdom\b"), "UK"),
    (re.compile(r"\bSoviet Union\b"), "USSR"),
]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "twice": 2,
    "thrice": 3,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    norm: str
    start: int
    end: int
    position: int  # index among the sentence's words

    @property
    def content(self) -> bool:
        return self.norm not in STOPWORDS and self.norm not in NEGATIONS


def stem(word: str) -> str:
    """A light suffix stripper: enough to equate 'confirms' / 'confirmed' / 'confirming' and
    'approve' / 'approved' (a final 'e' is dropped too)."""
    base = _strip_suffix(word)
    return base[:-1] if len(base) > 4 and base.endswith("e") else base


def _strip_suffix(word: str) -> str:
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 4 and base[-1] == base[-2]:
                base = base[:-1]  # "planned" -> "plan"
            return base
    return word


@lru_cache(maxsize=65536)
def normalize_word(raw: str) -> str:
    word = raw.translate(_QUOTES).lower()
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if word.endswith("n't"):
        return "n't"
    if raw in ("US", "U.S.", "U.S", "USA") or (word in COUNTRY and raw[:1].isupper()):
        return COUNTRY.get(word, "usa")
    if word in SYNONYM:
        return SYNONYM[word]
    base = stem(word)
    return SYNONYM.get(base, base)


def _padded(repl: str) -> Callable[[re.Match[str]], str]:
    return lambda m: repl + " " * (len(m.group()) - len(repl))


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of ``text`` (offsets shifted by ``offset``), normalised."""
    plain = text
    for pattern, repl in _MULTI:  # keep offsets: pad the replacement to the same length
        plain = pattern.sub(_padded(repl), plain)
    out: list[Word] = []
    for m in _TOKEN.finditer(plain):
        raw = m.group()
        shown = text[m.start() : m.start() + len(raw)]
        norm = "us" if raw.lower() == "us" and raw != "US" else normalize_word(raw)
        out.append(Word(shown, norm, offset + m.start(), offset + m.start() + len(raw), len(out)))
    return out


def number_value(tokens: list[str]) -> float | None:
    """The value of a run of number words or a digit string ("a dozen" = 12)."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        t = tok.lower().replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", t):
            current += float(t)
            seen = True
        elif t in _SCALES and (seen or t == "dozen"):
            current = (current or 1) * _SCALES[t]
            if _SCALES[t] >= 1000:
                total += current
                current = 0
            seen = True
        elif t in _UNITS:
            current += _UNITS[t]
            seen = True
        elif (t in ("a", "and", "-") and seen is False and t == "a") or (t == "and" and seen):
            continue
        else:
            return None
    return total + current if seen else None


def fold(text: str) -> str:
    """Case, quotes and whitespace made uniform."""
    if len(text) < 40:
        return _fold_short(text)
    return " ".join(text.translate(_QUOTES).casefold().split())


@lru_cache(maxsize=65536)
def _fold_short(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())
