"""Word-level text rules that every stage shares: words, function words, content words.

The stages used to each define their own word pattern and stopword list; they now take them
from here, so "a content word" means the same thing to the title finder, the aligner and the
family screen.
"""

from __future__ import annotations

import re

# Function words (and the reporting verbs every news sentence carries): they say nothing
# about what a text is about.
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said says say told according would could may might must shall
    one two us mr mrs ms new also s t re ve ll d m o y
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Datelines, the place (and agency) that opens a wire story: "HELSINKI (AP) —".
# DATELINE: any place in capitals or not, as scraped text has them ("Washington (CNN) -");
# DATELINE_CAPS: the place in capitals, perhaps a region ("TURNBERRY, Scotland —"), so that a
# headline with a dash in it is not taken for one; DATELINE_PREFIX: what the change detector
# strips from a sentence before comparing it (the place may be gone, "(AP) —" left).
DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’/-]{1,60}\s*(?:\([^()\n]{1,30}\))?\s*[—–-]{1,2}\s")
DATELINE_CAPS = re.compile(
    r"^[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)*\s*(?:\([^()\n]{1,30}\))?"
    r"\s*[—–-]{1,2}\s"
)
DATELINE_PREFIX = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.]*)*\s*)?(?:\((?:AP|Reuters|AFP)\)\s*)?[—–-]+\s*"
)
STEM_CHARS = 5  # a crude stem: "meddling" and "meddle" share "meddl"


def content_words(text: str, min_len: int = 3) -> list[str]:
    """The words of ``text`` that are not function words, lower-cased, in order."""
    found = (w.lower() for w in WORD.findall(text))
    return [w for w in found if len(w) >= min_len and w not in FUNCTION_WORDS]


def stems(text: str) -> set[str]:
    """The crude stems of the content words of ``text`` (possessives folded)."""
    return {w.split("'")[0].split("’")[0][:STEM_CHARS] for w in content_words(text)}


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


def name_stems(text: str) -> set[str]:
    """The stems of the capitalised words of running text that do not start a sentence:
    the names it mentions ("Putin", "Helsinki", "NATO")."""
    found = set()
    for m in WORD.finditer(text):
        word = m.group()
        capital = word[0].isupper() and word.lower() not in FUNCTION_WORDS and len(word) >= 3
        if capital and not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            found.add(word.lower().split("'")[0].split("’")[0][:STEM_CHARS])
    return found


def relevance(part: str, whole_stems: set[str]) -> float:
    """The share of the content words of ``part`` whose stems stand in ``whole_stems``.

    A headline summarises its article: most of its words recur in the body. A site name, a
    prompt or a weather box shares none with it. One word more is counted than ``part`` has,
    so that a two-word prompt needs more luck than a ten-word headline to score high.
    """
    own = stems(part)
    return len(own & whole_stems) / (len(own) + 1)


__all__ = [
    "DATELINE",
    "DATELINE_CAPS",
    "DATELINE_PREFIX",
    "FUNCTION_WORDS",
    "STEM_CHARS",
    "WORD",
    "content_words",
    "name_stems",
    "relevance",
    "stems",
]
