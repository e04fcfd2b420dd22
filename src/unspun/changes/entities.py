"""Names, titles, attributions, quotes, hedges and negations found with patterns.

* **Names**: words written with a capital where they are not opening a sentence and never in
  lower case anywhere in the two articles ("Geneva", "Navalny", "NATO"), read at any position
  once known; demonyms count as their country, "U.S." as "US".
* **Titles**: a role word with its modifiers ("Vice President", "Caretaker Prime Minister",
  "national security adviser", "CEO") before a name, or after it as an apposition; tied to the
  person's last name so the two texts can be compared per person.
* **Attributions**: who a statement is credited to ("told The Associated Press", "according to
  Reuters", "Peskov said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unspun.changes.normalize import COUNTRY, STOPWORDS, Word, fold

ROLES = {
    "president": "president",
    "minister": "minister",
    "secretary": "secretary",
    "chancellor": "chancellor",
    "senator": "senator",
    "sen.": "senator",
    "representative": "representative",
    "rep.": "representative",
    "governor": "governor",
    "gov.": "governor",
    "mayor": "mayor",
    "ambassador": "ambassador",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chair": "chair",
    "ceo": "ceo",
    "cfo": "cfo",
    "director": "director",
    "adviser": "adviser",
    "advisor": "adviser",
    "gen.": "general",
    "commander": "commander",
    "king": "king",
    "queen": "queen",
    "prince": "prince",
    "pope": "pope",
    "premier": "premier",
    "judge": "judge",
    "prosecutor": "prosecutor",
    "attorney": "attorney",
    "envoy": "envoy",
    "brewmaster": "brewmaster",
    "founder": "founder",
    "coach": "coach",
    "captain": "captain",
    "speaker": "speaker",
    "lawmaker": "lawmaker",
    "congressman": "congressman",
    "congresswoman": "congresswoman",
    "counsel": "counsel",
    "leader": "leader",
    "head": "head",
    "dictator": "dictator",
    "officer": "officer",
    "deputy": "deputy",
    "capt.": "captain",
    "lt.": "lieutenant",
    "sgt.": "sergeant",
    "col.": "colonel",
    "maj.": "major",
    "det.": "detective",
    "lieutenant": "lieutenant",
    "sergeant": "sergeant",
    "colonel": "colonel",
    "detective": "detective",
    "manager": "manager",
    "editor": "editor",
    "correspondent": "correspondent",
    "master": "master",
    "chief": "chief",
    "executive": "executive",
    "sheriff": "sheriff",
    "marshal": "marshal",
    "warden": "warden",
    "inspector": "inspector",
    "superintendent": "superintendent",
    "commissioner": "commissioner",
    "administrator": "administrator",
    "treasurer": "treasurer",
    "councilman": "council member",
    "councilwoman": "council member",
    "councillor": "council member",
    "councilor": "council member",
    "alderman": "alderman",
    "magistrate": "magistrate",
    "bishop": "bishop",
    "dean": "dean",
    "whip": "whip",
    "brewer": "brewer",
    "nominee": "nominee",
}
MODIFIERS = (
    "former|acting|caretaker|interim|deputy|vice|prime|chief|executive|foreign|defense|defence|"
    "interior|finance|justice|senior|assistant|national|security|press|attorney|homeland|state|"
    "opposition|majority|minority|house|senate|supreme|top|general|special|lead|"
    "intelligence|trade|energy|health|treasury|commerce|labor|agriculture|education|military|"
    r"associate|lt\.|lieutenant|ex"
)
# modifiers that make a different office: dropping one ("Vice President" -> "President") or
# adding one is a title change; "Harbor" or "U.S." before a role only says where
RANK_MODIFIERS = frozenset(
    [
        "former",
        "acting",
        "caretaker",
        "interim",
        "deputy",
        "vice",
        "assistant",
        "associate",
        "lieutenant",
        "lt.",
        "ex",
        "elect",
    ]
)
MULTI_ROLES = {
    "chief of staff": "chief of staff",
    "attorney general": "attorney general",
    "secretary general": "secretary general",
    "secretary-general": "secretary general",
    "press secretary": "press secretary",
    "foreign minister": "foreign minister",
    "prime minister": "prime minister",
}
# a role with a rank prefix written as one word: "Undersheriff", "Co-founder", "Archbishop"
_COMPOUND = (
    r"(?:under|sub|co-?|vice-?|arch|head)(?:"
    + "|".join(sorted((r for r in ROLES if r.isalpha() and len(r) > 3), key=len, reverse=True))
    + ")"
)
_ROLE_RE = (
    "|".join(
        re.escape(r).replace(r"\ ", r"\s+")
        for r in sorted({*ROLES, *MULTI_ROLES}, key=len, reverse=True)
    )
    + r"|[a-z]{3,}master|"
    + _COMPOUND
)
_TITLE = re.compile(
    rf"\b(?P<title>(?:(?:{MODIFIERS})\s+)*(?:{_ROLE_RE})(?!\w)(?:-elect(?!\w))?"
    rf"(?:\s+of\s+(?:the\s+)?(?:state|defense|United States|United Kingdom|[A-Z][\w.]*))?)",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r"^\s+((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)")
_NAME_BEFORE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+),\s+(?:the\s+|a\s+|[A-Z][\w.-]*['’]s\s+)?$"
)
GENERIC_ROLES = {"leader", "head", "officer", "official"}
_DEFINING = {"majority", "minority", "opposition", "deputy", "house", "senate", "party"}


def specific_role(role: str) -> bool:
    """ "president", "minority leader": a title to compare; "leader", "top leader": loose words."""
    words = role.split()
    return words[-1] not in GENERIC_ROLES or bool(_DEFINING & set(words[:-1]))


MONTHS_DAYS = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)
MEDIA = (
    "Associated Press|AP|Reuters|AFP|Agence France-Presse|CNN|Fox News|NBC(?: News)?|"
    "CBS(?: News)?|ABC(?: News)?|BBC|MSNBC|NPR|PBS|Bloomberg|Politico|Axios|Interfax|TASS|Tass|"
    "RIA Novosti|RIA|Al Jazeera|Sky News|The Guardian|Guardian|The New York Times|"
    "New York Times|The Washington Post|Washington Post|The Wall Street Journal|"
    "Wall Street Journal|Financial Times|The Times|Der Spiegel|Le Monde|Xinhua|Kommersant|"
    "RT|Yle|Helsingin Sanomat|The Hill|USA Today|Breitbart|Newsmax|Daily Mail"
)
_ATTRIB = [
    re.compile(
        rf"\b(?:told|telling|tells)\s+(?:the\s+|The\s+)?(?P<who>{MEDIA}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
    ),
    re.compile(
        rf"\baccording to\s+(?:the\s+|The\s+|a\s+)?"
        rf"(?P<who>{MEDIA}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
    ),
    re.compile(
        rf"\b(?:interview|speaking|spoke)\s+(?:\w+\s+){{0,3}}?(?:with|to)\s+(?:the\s+|The\s+)?(?P<who>{MEDIA})\b"
    ),
    re.compile(rf"\b(?:reported|quoted|cited)\s+by\s+(?:the\s+|The\s+)?(?P<who>{MEDIA})\b"),
    re.compile(rf"(?P<who>\b(?:{MEDIA}))\s+(?:reported|quoted|said|cited)\b"),
    re.compile(r"(?P<who>\b[A-Z][\w'’-]+)\s+(?:said|says|told|added|stated|wrote)\b"),
    re.compile(
        r"\b(?:said|says|added|stated)\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)(?=\s*[,.;]|$)"
    ),
    # a speaker described before the name: "said Helsinki protester Anna Virtanen, 43"
    re.compile(
        r"\b(?:said|says|added|stated)\s+(?:[A-Z][\w'’-]+\s+)?(?:[a-z][\w-]+\s+){1,3}"
        r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)(?=\s*[,.;]|$)"
    ),
]
_QUOTE = re.compile(r"[“\"]([^”\"]{2,400})[”\"]")
HEDGES = {
    "alleged": "allege",
    "allegedly": "allege",
    "allegation": "allege",
    "allegations": "allege",
    "accused": "allege",
    "accusing": "allege",
    "accusation": "allege",
    "accusations": "allege",
    "possible": "modal",
    "reportedly": "report",
    "purportedly": "report",
    "purported": "report",
    "may": "modal",
    "might": "modal",
    "could": "modal",
    "possibly": "modal",
    "perhaps": "modal",
    "maybe": "modal",
    "supposedly": "report",
    "presumably": "modal",
    "probably": "modal",
    "likely": "modal",
    "unlikely": "modal",
    "potentially": "modal",
    "potential": "modal",
    "suspected": "suspect",
    "suspect": "suspect",
    "apparently": "appear",
    "appears": "appear",
    "appeared": "appear",
    "seems": "appear",
    "seemed": "appear",
    "seemingly": "appear",
    "claimed": "claim",
    "claims": "claim",
    "believed": "believe",
    "expected": "expect",
    "unconfirmed": "report",
    "rumored": "report",
}


@dataclass(frozen=True, slots=True)
class Title:
    """A title or role, with the person it belongs to (their last name) when given."""

    role: str  # normalised: "vice president", "prime minister", "ceo"
    person: str  # lower-cased last name, "" when the title stands alone
    start: int
    end: int
    text: str
    # capitalised words just before the title that belong to it ("Harbor" in "Harbor Master
    # Denise Okafor", "Deputy" in "Deputy Harbor Master ..."), lower-cased; start is theirs
    qualifiers: tuple[str, ...] = ()

    @property
    def words(self) -> frozenset[str]:
        """The title's words, abbreviations read in full ("Lt. Gov." = lieutenant governor)."""
        return frozenset(ROLES.get(w, w) for w in (*self.qualifiers, *self.role.split()))


def role_word(word: str) -> bool:
    """A word of the role lexicon: a role ("mayor", "brewmaster") or a modifier ("deputy")."""
    return (
        word in ROLES
        or word in RANK_MODIFIERS
        or word.endswith("master")
        or re.fullmatch(MODIFIERS, word) is not None
        or re.fullmatch(_COMPOUND, word) is not None
    )


_RANKS = frozenset(ROLES.get(w, w) for w in RANK_MODIFIERS)


def title_change(title: Title, theirs: list[Title]) -> bool:
    """Whether ``title`` gives its person another office than ``theirs`` (the other text's
    titles for the same person) do.

    Titles compare as sets of words, so "Harbor Master" and "Deputy Harbor Master" differ by
    "deputy" and "CEO" matches "Microsoft CEO". A change is a role word or modifier none of
    ``theirs`` attaches to the person ("Foreign" Minister, "Acting" Attorney General), or a
    rank all of them carry and ``title`` drops ("Vice" Chancellor -> Chancellor). Qualifiers
    that only say where ("Harbor", "White House") count only when they are ranks."""
    if not theirs:
        return False
    known = frozenset().union(*(x.words for x in theirs))
    own = frozenset(ROLES.get(w, w) for w in title.role.split()) | {
        ROLES.get(q, q) for q in title.qualifiers if q in RANK_MODIFIERS
    }
    if any(role_word(w) for w in own - known):
        return True
    return bool(frozenset.intersection(*(x.words for x in theirs)) & _RANKS - title.words)


def proper_vocabulary(texts: list[str]) -> set[str]:
    """Lower-cased words the texts only ever write with a capital, seen inside a sentence."""
    capital: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for m in re.finditer(r"(?<=[\w,;'’)\]] )([A-Za-z][\w'’-]*)", text):
            word = m.group(1).lower().removesuffix("'s").removesuffix("’s")
            (capital if m.group(1)[0].isupper() else lower).add(word)
        for m in re.finditer(r"\b[a-z][\w'’-]*", text):
            lower.add(m.group().removesuffix("'s").removesuffix("’s"))
        # a sentence may open with a possessive name: "Sky's correspondent said ..."
        for m in _OPENING_POSSESSIVE.finditer(text):
            capital.add(m.group(1).lower())
    return {
        w
        for w in capital - lower
        if w not in STOPWORDS and w not in MONTHS_DAYS and w not in ROLES and len(w) > 1
    }


_OPENING_POSSESSIVE = re.compile(r"(?:^|[.!?][\"”’)]?\s+)([A-Z][\w-]*)['’]s\s+[a-z]")


def name_key(word: Word) -> str:
    """How a name word compares: lower case, demonyms as countries, "U.S." as "usa"."""
    return _name_key(word.text, word.norm)


@lru_cache(maxsize=65536)
def _name_key(text: str, norm: str) -> str:
    low = _low(text)
    if norm == "usa":
        return "usa"
    low = COUNTRY.get(low, low)
    if low.endswith("s") and low[:-1] in COUNTRY.values():
        low = low[:-1]
    return low


_MONTH_ABBREV = frozenset(re.findall(r"\w+", "jan feb mar apr jun jul aug sep sept oct nov dec"))


def is_name(word: Word, vocab: set[str]) -> bool:
    verdict = _name_shape(word.text, word.norm)
    return verdict if verdict is not None else _low(word.text) in vocab


@lru_cache(maxsize=65536)
def _low(text: str) -> str:
    return fold(text).replace("'s", "").rstrip("'")


@lru_cache(maxsize=65536)
def _name_shape(text: str, norm: str) -> bool | None:
    """Whether a word is a name whatever the texts say (True/False), or None: ask the vocabulary."""
    if norm == "usa":
        return True
    low = _low(text)
    if low in _MONTH_ABBREV or low in ROLES or low + "." in ROLES:
        return False
    if low in COUNTRY and text[:1].isupper():
        return True
    if text.isupper() and len(text) > 1 and text.isalpha():
        return True
    return None


_ROLE_WORD = re.compile(rf"(?i)\b(?:{_ROLE_RE})(?!\w)")
_ATTRIB_HINT = re.compile(
    r"(?i)\b(?:told|telling|tells|according|interview|speaking|spoke|reported|quoted|cited|said|says|added|"
    r"stated|wrote)\b"
)


def titles(
    text: str,
    offset: int = 0,
    known: set[str] | None = None,
    qualifiers: set[str] | None = None,
) -> list[Title]:
    """Titles in ``text``: before a name, after one (apposition), or standing alone.

    ``known`` (lower-cased name words), when given, bounds a name: in a Title Case headline
    every word has a capital, so "Eva Berg Visits Oslo" must stop at "Berg".

    A capitalised title before a name takes up to three capitalised words before it as
    qualifiers ("Harbor" Master, "Deputy Harbor" Master). In running text any such word
    qualifies; ``qualifiers``, when given (a headline, where every word has a capital), limits
    them to words of the role lexicon and the words given (the source's own qualifiers).
    """
    out: list[Title] = []
    if not _ROLE_WORD.search(text):
        return out
    for m in _TITLE.finditer(text):
        role = _role(m.group("title"))
        if role is None:
            continue
        person = ""
        after = _NAME_AFTER.match(text[m.end() :])
        if after:
            person = _last_name(after.group(1), known)
        start = m.start()
        quals: tuple[str, ...] = ()
        if person and m.group("title")[:1].isupper():
            start, quals = _qualifiers(text, m.start(), qualifiers)
        if not person:
            before = _NAME_BEFORE.search(text[: m.start()])
            if before:
                person = _last_name(before.group(1))
        out.append(
            Title(role, person, offset + start, offset + m.end(), text[start : m.end()], quals)
        )
    return out


_WORD_BEFORE = re.compile(r"([A-Z][\w'’.-]*)\s+$")


def _qualifiers(text: str, start: int, allowed: set[str] | None) -> tuple[int, tuple[str, ...]]:
    """Capitalised words just before ``start`` that qualify the title (see :func:`titles`)."""
    quals: list[str] = []
    while len(quals) < 3:
        m = _WORD_BEFORE.search(text[:start])
        if not m:
            break
        low = fold(m.group(1)).removesuffix("'s").removesuffix("’s")
        if low in STOPWORDS or low in MONTHS_DAYS or low in COUNTRY or low == "u.s.":
            break
        if low in ROLES and low not in RANK_MODIFIERS and not re.fullmatch(MODIFIERS, low):
            break  # "Mayor Praises Fire Chief ...": another person's title
        if allowed is not None and not (role_word(low) or low in allowed):
            break
        quals.insert(0, low)
        start = m.start(1)
    return start, tuple(quals)


def _role(title: str) -> str | None:
    title = fold(title).replace("defence", "defense")
    if title.endswith("-elect"):  # "Mayor-elect": the role, not yet taken up
        role = _role(title.removesuffix("-elect"))
        return role + " elect" if role else None
    title = title.replace("-", " ")
    for key, role in sorted(MULTI_ROLES.items(), key=lambda kv: -len(kv[0])):
        key = key.replace("-", " ")
        if title == key or title.endswith(" " + key):
            mods = title[: len(title) - len(key)].split()
            return " ".join([*mods, role])
    parts = title.split(" of ")[0].split()
    if not parts:
        return None
    head = ROLES.get(parts[-1])
    if head is None and (parts[-1].endswith("master") or re.fullmatch(_COMPOUND, parts[-1])):
        head = parts[-1]
    if head is None:
        return None
    mods = [p for p in parts[:-1] if p not in ("the",)]
    if head == "officer" and not mods:
        return None
    role = " ".join([*mods, head])
    tail = fold(title).split(" of ", 1)
    if len(tail) == 2 and tail[1].removeprefix("the ") in ("state", "defense"):
        role += " of " + tail[1].removeprefix("the ")
    return {"chief executive": "ceo", "chief executive officer": "ceo"}.get(role, role)


def _last_name(name: str, known: set[str] | None = None) -> str:
    kept = []
    for part in name.split():
        low = fold(part).replace("'s", "").rstrip("'.,")
        if low in ROLES or low + "." in ROLES:
            return ""  # "Deputy Harbor Master Denise Okafor": the run is a title, not a name
        if low in STOPWORDS or not part[:1].isupper():
            break
        if known is not None and low not in known:
            break
        kept.append(low)
    return kept[-1] if kept else ""


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|outside|across|of)\s+(?:the\s+)?$")


def attributions(text: str, offset: int = 0) -> list[tuple[str, int, int, str]]:
    """Who statements are credited to: (key, start, end, shown words)."""
    out: list[tuple[str, int, int, str]] = []
    if not _ATTRIB_HINT.search(text):
        return out
    for pattern in _ATTRIB:
        for m in pattern.finditer(text):
            who = m.group("who")
            key = fold(who).removeprefix("the ")
            words = key.split()
            if not words or words[0] in STOPWORDS or words[0] in ROLES:
                continue
            if words[0] in ("it", "he", "she", "they", "officials", "sources"):
                continue
            s, e = m.span("who")
            if any(a <= s < b for _, a, b, _ in out):
                continue
            if _PLACE_BEFORE.search(text[:s]):
                continue  # "officials in Tallinn said", "Warner of Virginia says": not the speaker
            out.append((key, offset + s, offset + e, who))
    return out


def quotes(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Quoted passages: (words inside, start, end) — the span includes the quote marks.

    A stretch that starts or ends with a space lies *between* two quotations (a sentence that
    opens inside a quote): it is skipped."""
    return [
        (m.group(1), offset + m.start(), offset + m.end())
        for m in _QUOTE.finditer(text)
        if m.group(1) == m.group(1).strip()
    ]


def hedges(words: list[Word]) -> list[tuple[str, Word]]:
    """Hedging words ("alleged", "may", "reportedly") with their class; "May" the month is not,
    nor "expected" in a comparison ("longer than expected"). "Looks like" / "looks to be"
    hedge as "appears" does."""
    out = []
    for k, w in enumerate(words):
        low = fold(w.text)
        before = fold(words[k - 1].text) if k else ""
        after = fold(words[k + 1].text) if k + 1 < len(words) else ""
        if low in ("look", "looks", "looked") and after in ("like", "to"):
            out.append(("appear", w))
        elif low in HEDGES and not (w.text == "May" and w.position > 0):
            if low == "expected" and before in ("than", "as"):
                continue
            out.append((HEDGES[low], w))
    return out
