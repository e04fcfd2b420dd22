"""Does a sentence of the source contradict a claim? Five general ways a copy turns a
statement around, each checked on words alone:

* **negation**: the source negates what the claim asserts ("refused to answer" / "Answers"),
  or asserts what the claim negates;
* **a negating affix**: the claim says "unarmed" where the source says "armed" (or back);
* **opposite stance or direction**: the claim's verb is the opposite of the source's
  ("approves" / "criticizes", "rises" / "falls") about the same thing;
* **certainty inflated**: the claim says "will X" where the source says "may X";
* **expectation reversed**: the claim reports an outcome achieved ("Seal ... Deal") where
  every source sentence about that outcome only expects, hopes for, doubts or denies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspun.changes.detectors.negation import POLARITY
from unspun.changes.detectors.quotes import negated_form
from unspun.changes.normalize import NEGATIONS, Word, fold, normalize_word, stem, words
from unspun.changes.support import Sentence

# verbs of opposite stance or direction, by stem
_OPPOSITES = [
    (
        "approve endorse praise welcome support hail applaud accept",
        "criticize criticise condemn reject oppose denounce slam blast block refuse "
        "disapprove deny",
    ),
    ("win lead", "lose trail"),
    ("rise increase grow climb gain jump soar", "fall decrease shrink drop decline slump plunge"),
    ("confirm", "deny"),
    ("better improve improvement", "worse worsen deteriorate"),
    ("higher", "lower"),
    ("agree", "disagree refuse"),
]
_STANCE: dict[str, tuple[int, int]] = {
    stem(w): (k, side) for k, pair in enumerate(_OPPOSITES) for side in (0, 1)
    for w in pair[side].split()
}  # fmt: skip
_MIN_AFFIXED = 6  # "unarmed", "illegal": shorter words ("an" / "iran") are not affixed forms
_CERTAIN = frozenset({"will", "won't", "must", "definitely", "certainly"})
_POSSIBLE = frozenset({"may", "might", "could", "possibly", "perhaps", "maybe"})
# outcomes a headline can report as achieved, and the verbs that report them so
_OUTCOME = frozenset(
    {"deal", "agreement", "accord", "pact", "breakthrough", "treaty", "truce", "ceasefire"}
)
_ACHIEVE = re.compile(
    r"(?i)^(seal|seals|sealed|strike|strikes|struck|reach|reaches|reached|sign|signs|signed|"
    r"clinch|clinches|clinched|secure|secures|secured|land|lands|landed|agree|agrees|agreed|"
    r"announce|announces|announced|forge|forges|forged|ink|inks|inked)$"
)
# words that make a mention of an outcome a hope, a doubt or a denial rather than a fact
_UNSURE = frozenset(
    {"expect", "expects", "expected", "expectations", "unlikely", "likely", "hope", "hopes",
     "hoped", "may", "might", "could", "maybe", "perhaps", "possible", "possibly", "would",
     "seek", "seeks", "aim", "aims", "want", "wants", "if", "whether", "potential", "begin",
     "start"}
)  # fmt: skip
_HEDGED_HEAD = re.compile(
    r"(?i)\?|\b(may|might|could|would|hopes?|seeks?|eyes?|aims?|pushes|push|expects?|expected|"
    r"possible|mulls?|considers?|weighs?)\b"
)


_QUESTION = re.compile(
    r"(?i)^\W*(?:why|how|what|who|where|when|which|is|are|can|could|should|will|would|does|do)\b"
)


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Which words of the claim the sentence contradicts, and why."""

    start: int
    end: int
    sentence: Sentence
    why: str


def contradiction(
    claim: str, cw: list[Word], support: list[Sentence], every: list[Sentence], window: int
) -> Contradiction | None:
    """The first way a supporting sentence contradicts the claim, or, for an outcome the
    claim reports as achieved, the way every sentence of the source mentioning it does."""
    if _QUESTION.match(claim):
        return None  # "Why Trump wants ...": a question asserts nothing
    found = _negated(cw, every, window)  # a denial is specific enough to look for anywhere
    if found:
        return found
    for check in (_affix, _stance, _certainty):
        for s in support:
            found = check(cw, s, window)
            if found:
                return found
    return _expectation(claim, cw, every)


def _negating(w: Word) -> bool:
    return w.norm in NEGATIONS or fold(w.text).startswith(POLARITY)


# a verb the sentence negates: "did not answer", "has never condemned", "refused to answer",
# "avoided mentioning", "stopped short of calling"; the negative implicative verbs (refuse,
# decline, fail, neglect, avoid) deny what follows them as "not" does
_NEGATED_VERB = re.compile(
    r"(?i)\b(?:(?:did|does|do|will|would|could|can|is|are|was|were|has|have|had|should)\s+not"
    r"|(?:did|does|do|would|could|ca|is|are|was|were|has|have|had|should)n['’]t|won['’]t|never"
    r"|no\s+longer"
    r"|(?:refused|refuses|refuse|declined|declines|decline|failed|fails|fail|neglected|"
    r"neglects)\s+to"
    r"|(?:avoided|avoids|avoid|stopped\s+short\s+of|stops\s+short\s+of))"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z][\w-]*)"
)
# what a negated verb is done to ends at a clause break
_CLAUSE_END = re.compile(r"[,;:—–()]|\s-\s|\b(?:but|despite|although|though|because|while)\b")
_PRONOUN = re.compile(r"(?i)^\W*(?:he|she|they)\b")
# a negated verb that is itself a denial says the opposite twice ("did not rule out")
_DENIALS = frozenset(
    stem(w) for w in ("rule", "deny", "hesitate", "reject", "refuse", "oppose", "object", "hide")
)
# verbs of saying report a claim; they are not the claim
_SAYING = frozenset(
    stem(w) for w in ("say", "said", "tell", "told", "note", "add", "claim", "suggest", "argue")
)


def _saying(verb: str) -> bool:
    return stem(fold(verb)) in _SAYING


_OBJECT_WORDS = 8
# headlines tell in the present: "Spells Out", "Raises", "Confronting"
_HEADLINE_VERB = re.compile(r"^[A-Za-z][a-z]+(?:[^s]s|ing)$")
_COPULA = re.compile(r"(?i)^(?:is|are|was|were)\b")


def _negated(cw: list[Word], every: list[Sentence], window: int) -> Contradiction | None:
    """A source sentence denies what the headline asserts of someone it names: the same verb
    ("Trump has never condemned Russia" under "Trump Condemns Russia"), or another verb the
    source never uses about the same thing ("Trump declined to discuss his goals" under "Trump
    Spells Out His Goals"). The denial must be about someone the headline names, by name or by
    a pronoun right after a sentence naming them."""
    if any(_negating(w) for w in cw):
        return None
    named = {fold(w.text) for w in cw if w.text[:1].isupper() and w.content}
    for k, s in enumerate(every):
        for m in _NEGATED_VERB.finditer(s.text):
            clause = _CLAUSE_END.split(s.text[: m.start()])[-1]
            subject = _subject(clause, named)
            if subject is None and _PRONOUN.match(clause) and k > 0:
                subject = _subject(every[k - 1].text, named, first=True)
            if subject is None:
                continue
            verb = normalize_word(m.group("verb"))
            if _saying(m.group("verb")) or stem(verb) in _DENIALS:
                continue
            found = _same_verb(cw, s, m, verb)
            if found is None and stem(verb) not in _STANCE:  # "never condemned" is no "backs"
                found = _same_object(cw, s, m, subject, every)
            if found is not None:
                return found
    return None


def _subject(text: str, named: set[str], first: bool = False) -> str | None:
    """The last word of ``text`` the headline names (with a capital), or with ``first`` the
    first (who a following "he" or "she" most likely is), if any."""
    tokens = re.findall(r"[A-Z][\w'’-]*", text)
    for token in tokens if first else reversed(tokens):
        low = fold(token.removesuffix("'s").removesuffix("’s"))
        if low in named:
            return low
    return None


def _same_verb(cw: list[Word], s: Sentence, m: re.Match[str], verb: str) -> Contradiction | None:
    shared = {w.norm for w in cw if w.content} & s.norms()
    if len(shared) < 2:
        return None
    hit = next((w for w in cw if w.content and w.norm == verb), None)
    if hit is None:
        return None
    why = f"the headline says '{hit.text}'; the source says '{m.group()}'"
    return Contradiction(hit.start, hit.end, s, why)


def _same_object(
    cw: list[Word], s: Sentence, m: re.Match[str], subject: str, every: list[Sentence]
) -> Contradiction | None:
    """The headline's verb, after the subject and its name, acts on what the source's denied
    verb acts on (its first common noun: "discuss his goals" / "Spells Out His Goals"), and no
    sentence of the source uses that verb at all."""
    if _COPULA.match(m.group()):
        return None  # "was not glamorous" denies a state, not an act
    tail = _CLAUSE_END.split(s.text[m.end() :])[0]
    obj = {w.norm for w in words(tail)[:_OBJECT_WORDS] if w.content and not w.text[:1].isupper()}
    at = next((j for j, w in enumerate(cw) if fold(w.text) == subject), None)
    if at is None:
        return None
    source = [w for x in every for w in x.words]
    capitals = {fold(w.text) for w in source if w.text[:1].isupper()}
    names = capitals - {fold(w.text) for w in source if not w.text[:1].isupper()}
    rest = [w for w in cw[at + 1 :] if w.content]
    while rest and rest[0].text[:1].isupper() and fold(rest[0].text) in names:
        rest = rest[1:]  # the rest of a name: "Mayor Rita Moss"
    if not rest:
        return None
    verb = rest[0]
    if not _HEADLINE_VERB.match(verb.text) or _saying(verb.text) or stem(verb.norm) in _STANCE:
        return None  # not a verb, or a stance verb: the stance check's to judge
    head = next((w for w in words(tail)[:_OBJECT_WORDS] if w.norm in obj), None)
    shared = [w for w in rest[1:3] if head is not None and w.norm == head.norm]
    if not shared:
        return None  # the headline's verb acts on something else
    vs = stem(verb.norm)
    if any(vs in {stem(n) for n in x.norms()} for x in every):
        return None  # the source uses the verb somewhere: not a paraphrase of the denial
    end = shared[-1].end
    why = f"the headline says '{verb.text} ... {shared[-1].text}'; the source says '{m.group()}'"
    return Contradiction(verb.start, end, s, why)


def _affix(cw: list[Word], s: Sentence, window: int) -> Contradiction | None:
    theirs = {fold(w.text) for w in s.words if w.content}
    for w in cw:
        mine = fold(w.text)
        if mine in theirs:
            continue
        if len(mine) < _MIN_AFFIXED or not w.content:
            continue
        other = next((t for t in theirs if negated_form(mine, t)), None)
        if other:
            return Contradiction(
                w.start, w.end, s, f"the headline says '{w.text}'; the source says '{other}'"
            )
    return None


def _stance(cw: list[Word], s: Sentence, window: int) -> Contradiction | None:
    shared = {w.norm for w in cw if w.content} & s.norms()
    if not shared:
        return None  # the sentence is about something else
    words = list(s.words)
    theirs = {
        _STANCE[stem(fold(w.text))]: w
        for k, w in enumerate(words)
        if stem(fold(w.text)) in _STANCE and not _aim(words, k)
    }
    for w in cw:
        mine = _STANCE.get(stem(fold(w.text)))
        if mine is None or mine in theirs:
            continue
        opposite = theirs.get((mine[0], 1 - mine[1]))
        if opposite is not None:
            return Contradiction(
                w.start,
                w.end,
                s,
                f"the headline says '{w.text}' where the source says '{opposite.text}'",
            )
    return None


def _certainty(cw: list[Word], s: Sentence, window: int) -> Contradiction | None:
    for k, w in enumerate(cw):
        if fold(w.text) not in _CERTAIN:
            continue
        claim = _next_content(cw, k, window)
        if claim is None:
            continue
        for j, x in enumerate(s.words):
            if fold(x.text) in _POSSIBLE:
                theirs = _next_content(list(s.words), j, window)
                if theirs is not None and theirs.norm == claim.norm:
                    return Contradiction(
                        w.start,
                        claim.end,
                        s,
                        f"the headline says '{w.text}' where the source says '{x.text}': "
                        "a possibility stated as a certainty",
                    )
    return None


_AIM = frozenset({"to", "of", "for", "toward", "towards", "about", "on"})


def _aim(words: list[Word], k: int) -> bool:
    """A verb after "to" (or a verb in -ing after a preposition) is an aim or a prospect, not
    a report: "the path to improving ties", "the prospect of improving ties"."""
    if k == 0:
        return False
    before = fold(words[k - 1].text)
    return before == "to" or (before in _AIM and fold(words[k].text).endswith("ing"))


def _next_content(ws: list[Word], k: int, window: int) -> Word | None:
    return next((x for x in ws[k + 1 : k + 1 + window] if x.content and x.norm != "go"), None)


def _expectation(claim: str, cw: list[Word], sentences: list[Sentence]) -> Contradiction | None:
    if _HEDGED_HEAD.search(claim) or any(w.norm in NEGATIONS for w in cw):
        return None
    verb = next((w for w in cw if _ACHIEVE.match(w.text)), None)
    outcome = next((w for w in cw if fold(w.text) in _OUTCOME), None)
    if verb is None or outcome is None:
        return None
    about = [s for s in sentences if {fold(w.text) for w in s.words} & _OUTCOME]
    if not about or not all(_unsure(s) for s in about):
        return None
    start, end = min(verb.start, outcome.start), max(verb.end, outcome.end)
    return Contradiction(
        start,
        end,
        about[0],
        f"the headline reports '{claim[start:end]}' as done; the source only expects, doubts "
        "or hopes for it",
    )


def _unsure(s: Sentence) -> bool:
    low = {fold(w.text) for w in s.words}
    return bool(low & _UNSURE or low & NEGATIONS)
