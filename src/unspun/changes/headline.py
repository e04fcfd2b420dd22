"""The headline check: names, titles, events, numbers and dates in the copy's headline that
nothing in the source's title or body supports.

Headlines are often in Title Case, so a capital says little there: a headline word is checked
when it holds a digit ("G20"), when the articles only ever write it with a capital (a name), or
when it is a demonym or a title. A headline word supported only by a photo caption of the
source is still reported, with a note saying so: captions often describe old photos (the seed
copy's "Vice President Joe Biden" comes from a 2011 caption).
"""

from __future__ import annotations

import re

from unspun.changes import entities as ent
from unspun.changes.config import ChangeConfig
from unspun.changes.context import Context, build_context
from unspun.changes.contradict import contradiction
from unspun.changes.kinds import SEVERITY, ChangeKind
from unspun.changes.normalize import COUNTRY, STOPWORDS, Word, fold, words
from unspun.changes.numbers import dates, numbers
from unspun.changes.support import Sentence, source_sentences, supporting
from unspun.model import Alignment, Article, Change, Span

_EVENT = re.compile(
    r"(?i)^(summit|meeting|conference|talks|forum|games|olympics|election|war|visit|"
    r"treaty|deal|agreement|accord|session)$"
)
# nouns that name an occasion when a name or modifier comes before them ("Harvest Festival")
_OCCASION = re.compile(
    r"(?i)^(summit|conference|forum|games|olympics|festival|\w+fest|regatta|parade|marathon|"
    r"\w+athon|tournament|championships?|cup|fair|expo|exhibition|gala|concert|ceremony|rally|"
    r"convention|congress|carnival|jubilee|derby|pageant|procession|vigil|symposium|"
    r"fiesta|premiere|awards)$"
)
_PREPOSITION = frozenset(
    [
        "at",
        "in",
        "during",
        "for",
        "before",
        "after",
        "of",
        "on",
        "to",
        "from",
        "near",
        "ahead",
        "amid",
        "over",
        "the",
        "a",
        "an",
    ]
)
_SOURCE_EVENTS = [
    re.compile(
        r"\b((?:[A-Z][\w-]*\s+(?:of\s+)?)*[A-Z][\w-]*\s+"
        r"(?:summit|meeting|conference|talks|forum|leaders|election|treaty|deal))\b"
    ),
    re.compile(
        r"\b(?:summit|meeting|conference|talks) of\s+(?:the\s+)?"
        r"((?:[A-Z][\w-]*\s+(?:of\s+)?)*[A-Z][\w-]*)"
    ),
]


def check_headline(
    copy: Article,
    source: Article,
    alignment: Alignment,
    cfg: ChangeConfig,
    nlp: object | None = None,
    ctx: Context | None = None,
) -> tuple[Change, ...]:
    """What the copy's headline says that the source's title and body do not support."""
    head = copy.title
    if not head.strip():
        return ()
    ctx = ctx or build_context(copy, source)
    support = source.title + "\n\n" + source.text
    captions = [c.text for c in source.captions]
    every = source_sentences(source)
    hw = words(head)
    near = supporting(hw, every, ctx.vocab, cfg.headline_support_sentences)
    evidence = tuple(t for t in (head, source.title) if t)
    evidence += tuple(s.text for s in near if s.text != source.title)
    found = [
        *_titles(head, source, support, captions, ctx, evidence),
        *_names(head, support, captions, ctx, evidence, copy, source),
        *_events(head, support, captions, ctx, evidence),
    ]
    out: list[Change] = []
    taken: list[tuple[int, int]] = []
    for change in found:
        span = change.copy_span
        if span and not any(span.start < b and a < span.end for a, b in taken):
            out.append(change)
            taken.append((span.start, span.end))
    out.extend(_numbers(head, support, ctx, evidence, taken))
    taken.extend((c.copy_span.start, c.copy_span.end) for c in out if c.copy_span)
    for change in (
        *_speaker(head, ctx, support, _lower_words(copy.text + " " + support), evidence),
        *_superlatives(head, hw, ctx, support, evidence),
        *_contradicted(head, hw, near, every, evidence, cfg),
    ):
        span = change.copy_span
        if span and not any(span.start < b and a < span.end for a, b in taken):
            out.append(change)
            taken.append((span.start, span.end))
    return tuple(out)


def _change(
    kind: ChangeKind,
    head: str,
    start: int,
    end: int,
    source_span: Span | None,
    source_text: str,
    evidence: tuple[str, ...],
    why: str,
) -> Change:
    return Change(
        kind.value,
        SEVERITY[kind].value,
        Span("title", start, end),
        source_span,
        head[start:end],
        source_text,
        evidence,
        why,
    )


def _titles(head, source, support, captions, ctx, evidence) -> list[Change]:
    """Titles the headline gives a person of the source that the source's title and body do
    not give them (compared as word sets, see :func:`entities.title_change`)."""
    body_titles = [t for t in ent.titles(support) if t.person]
    allowed = {q for t in body_titles for q in t.qualifiers}
    out = []
    for t in ent.titles(head, 0, ctx.vocab | ctx.source_names | ctx.copy_names, allowed):
        if not t.person or not ent.specific_role(t.role):
            continue
        theirs = [x for x in body_titles if x.person == t.person and ent.specific_role(x.role)]
        if not theirs:
            continue
        if not ent.title_change(t, theirs):
            continue
        first = next((x for x in ent.titles(source.text) if x.person == t.person), None)
        span = Span("body", first.start, first.end) if first else None
        why = (
            f"the headline calls {t.person.title()} '{t.text}'; the source's title and body "
            f"say '{theirs[0].text}'"
        )
        for k, cap in enumerate(captions):
            hit = next(
                (x for x in ent.titles(cap) if x.person == t.person and x.words == t.words), None
            )
            if hit:
                why += (
                    f"; '{hit.text}' appears in the source only in a photo caption "
                    f'("{_clip(cap)}"), the likely origin of the error'
                )
                evidence = (*evidence, cap)
                if span is None:
                    span = Span("caption", hit.start, hit.end, k)
                break
        out.append(
            _change(
                ChangeKind.TITLE,
                head,
                t.start,
                t.end,
                span,
                source.field_text(span.field, span.index)[span.start : span.end] if span else "",
                evidence,
                why,
            )
        )
    return out


def _candidates(head: str, ctx: Context, lower_seen: set[str]) -> list[list[Word]]:
    """Runs of headline words that name something, each with a following event noun."""
    groups: list[list[Word]] = []
    hw = words(head)
    alpha = [w for w in hw if w.text[:1].isalpha() and fold(w.text) not in STOPWORDS]
    title_case = sum(w.text[:1].isupper() for w in alpha) >= 0.8 * max(1, len(alpha))
    last = -2
    for w in hw:
        low = fold(w.text).removesuffix("'s")
        is_cand = (
            (any(ch.isdigit() for ch in w.text) and not low.isdigit())
            or ent.is_name(w, ctx.vocab)
            or (
                not title_case
                and w.position > 0
                and w.text[:1].isupper()
                and low not in lower_seen
                and low not in STOPWORDS
                and low not in ent.ROLES
                and not re.fullmatch(ent.MODIFIERS, low)
                and low not in ent.MONTHS_DAYS
                and not low.isdigit()
            )
        )
        if is_cand:
            if w.position == last + 1 and groups:
                groups[-1].append(w)
            else:
                groups.append([w])
            last = w.position
        elif groups and w.position == last + 1 and _EVENT.match(w.text) and w.text[0].isupper():
            groups[-1].append(w)
            last = w.position
    return groups


def _names(head, support, captions, ctx, evidence, copy, source) -> list[Change]:
    lower_seen = set(re.findall(r"\b[a-z][\w'-]*", copy.text + " " + support))
    support_low = fold(support)
    out = []
    for group in _candidates(head, ctx, lower_seen):
        names = [w for w in group if not _EVENT.match(w.text)]
        missing = [w for w in names if not _supported(w, ctx, support_low)]
        if not missing:
            continue
        start, end = (
            missing[0].start,
            group[-1].end if _EVENT.match(group[-1].text) else missing[-1].end,
        )
        phrase = head[start:end]
        why = f"the source's title and body never mention '{phrase}'"
        event = group[-1].text if _EVENT.match(group[-1].text) else ""
        if event:
            named = _source_events(support, event)
            if named:
                why += f"; they name {', '.join(repr(n) for n in named)}"
        caption = next((c for c in captions if all(fold(w.text) in fold(c) for w in missing)), None)
        if caption:
            why += f'; it appears only in a photo caption ("{_clip(caption)}")'
        out.append(_change(ChangeKind.UNSUPPORTED, head, start, end, None, "", evidence, why))
    return out


def _events(head, support, captions, ctx: Context, evidence) -> list[Change]:
    """Named things in the headline whose head noun the source never uses.

    In a headline every word has a capital, so a new common word proves nothing ("Leads",
    "Crews"). A new word is reported when it names something: an occasion noun after a
    modifier ("Lantern Parade", "Harvest Festival"), or the last word of a run of the source's
    names after a preposition ("during Marlow Bay Regatta", "near Kelso Point Lighthouse").
    """
    hw = words(head)
    support_low = fold(support)
    people = {t.person for t in ent.titles(support) if t.person} | {
        key.split()[-1] for key, *_ in ent.attributions(support)
    }
    out = []
    for i, w in enumerate(hw):
        if not _new_word(w, ctx, support_low):
            continue
        run = _run_before(hw, i)
        if not run:
            continue
        before = hw[run[0].position - 1] if run[0].position > 0 else None
        after_prep = before is not None and fold(before.text) in _PREPOSITION
        at_end = i + 1 == len(hw) or not _joined(head, w, hw[i + 1])
        named = [x for x in run if ent.is_name(x, ctx.vocab) and _supported(x, ctx, support_low)]
        if _OCCASION.match(w.text):
            if not (after_prep or named):
                continue
        elif not (after_prep and at_end and named and len(named) == len(run)):
            continue
        elif any(ent.name_key(x) in people for x in run):
            continue  # "On Trump-Putin Agenda": a person's plan, not a named thing
        elif all(_country(x) for x in named):
            continue  # "the Russian Government": a description, not a name
        elif re.search(r"(?:ed|ing)$", w.text.lower()) and len(w.text) > 4:
            continue  # "the News Based on ...": a verb form
        elif w.text.lower().endswith("s") and not w.text.lower().endswith("ss"):
            continue  # "For Nordic Discussions": a plural is seldom a name
        start, end = run[0].start, w.end
        phrase = head[start:end]
        why = f"the source's title and body never mention '{phrase}' ('{w.text}' is new)"
        if _OCCASION.match(w.text):
            named_events = _source_events(support, w.text)
            if named_events:
                why += f"; they name {', '.join(repr(n) for n in named_events)}"
        caption = next((c for c in captions if fold(w.text) in fold(c)), None)
        if caption:
            why += f'; it appears only in a photo caption ("{_clip(caption)}")'
        out.append(_change(ChangeKind.UNSUPPORTED, head, start, end, None, "", evidence, why))
    return out


def _new_word(w: Word, ctx: Context, support_low: str) -> bool:
    """A capitalised headline word that the source's title and body never use, in any form."""
    low = fold(w.text).removesuffix("'s")
    if not w.text[:1].isupper() or low in STOPWORDS or not low.isalpha():
        return False
    if ent.role_word(low) or low in ent.MONTHS_DAYS:
        return False
    return w.norm not in ctx.source_norms and not _supported(w, ctx, support_low)


def _country(w: Word) -> bool:
    """A country, its demonym or "U.S.": a name, but one that describes ("Finnish Paper")."""
    key = ent.name_key(w)
    return key == "usa" or key in COUNTRY.values() or key in COUNTRY


def _run_before(hw: list[Word], i: int) -> list[Word]:
    """Up to three capitalised words (no stopwords or prepositions) right before word ``i``."""
    run: list[Word] = []
    k = i - 1
    while k >= 0 and len(run) < 3:
        x = hw[k]
        low = fold(x.text)
        if not x.text[:1].isupper() or low in STOPWORDS or low in _PREPOSITION:
            break
        if x.end + 1 < hw[k + 1].start:
            break
        run.insert(0, x)
        k -= 1
    return run


def _joined(head: str, a: Word, b: Word) -> bool:
    """Two words are in one phrase: only a space between them, and the second not a stopword."""
    return head[a.end : b.start] == " " and fold(b.text) not in STOPWORDS


def _supported(w: Word, ctx: Context, support_low: str) -> bool:
    key = ent.name_key(w)
    if key in ctx.source_names:
        return True
    low = fold(w.text).removesuffix("'s")
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", support_low) is not None


def _source_events(support: str, event: str) -> list[str]:
    found: list[str] = []
    for pattern in _SOURCE_EVENTS:
        for m in pattern.finditer(support):
            phrase = " ".join(m.group(1).split())
            first = phrase.split()[0]
            if first.lower() in STOPWORDS and len(phrase.split()) > 1:
                phrase = " ".join(phrase.split()[1:])
            if not any(phrase in f or f in phrase for f in found):
                found.append(phrase)
    return found[:4]


def _numbers(head, support, ctx: Context, evidence, taken) -> list[Change]:
    out = []
    hd = dates(head)
    for n in numbers(head, 0, hd):
        if n.value in ctx.source_numbers or n.weak:
            continue
        if any(n.start < b and a < n.end for a, b in taken):
            continue
        out.append(
            _change(
                ChangeKind.UNSUPPORTED,
                head,
                n.start,
                n.end,
                None,
                "",
                evidence,
                f"the source's title and body never give the number '{n.text}'",
            )
        )
    for d in hd:
        if any(d.compatible(x) for x in ctx.source_dates):
            continue
        out.append(
            _change(
                ChangeKind.UNSUPPORTED,
                head,
                d.start,
                d.end,
                None,
                "",
                evidence,
                f"the source's title and body never give the date '{d.text}'",
            )
        )
    return out


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SAY = r"(?:Says|Said|Warns|Tells|Claims|Urges|Insists|Vows|Admits|Denies|Predicts|Blames|Accuses)"
_WHO = r"(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*"
_HEAD_SPEAKER = [
    re.compile(rf"^(?P<who>{_WHO})\s+{_SAY}\b"),
    re.compile(rf"[,:]\s*(?P<who>{_WHO})\s+{_SAY}\s*$"),
    re.compile(r"^(?P<who>[A-Z][\w'’-]*):\s"),  # "Schumer: ..."; "Summit Fever: ..." is a label
]


def _speaker(head: str, ctx: Context, support: str, lower_seen: set[str], evidence) -> list[Change]:
    """Whom the headline credits ("Pence Says ...", "..., Minister Warns", "Schumer: ..."): a
    speaker the source never mentions is a claim of its own. Only name words count: a word
    the articles also write in lower case is a label ("Special Report:", "Summit Fever:")."""
    support_low = fold(support)
    out = []
    for pattern in _HEAD_SPEAKER:
        m = pattern.search(head)
        if not m:
            continue
        start = m.start("who")
        for w in words(m.group("who"), start):
            low = fold(w.text).removesuffix("'s")
            if low in STOPWORDS or low in lower_seen or ent.role_word(low) or _country(w):
                continue
            if _supported(w, ctx, support_low) or _acronym_of(w.text, support):
                continue
            why = f"the headline credits '{m.group('who')}'; the source never mentions '{w.text}'"
            out.append(
                _change(ChangeKind.UNSUPPORTED, head, start, m.end("who"), None, "", evidence, why)
            )
            break
        break
    return out


def _lower_words(text: str) -> set[str]:
    """Words the text writes in lower case: common words, not names."""
    return set(re.findall(r"\b[a-z][\w'-]*", text))


def _acronym_of(text: str, support: str) -> bool:
    """ "EU" stands for a run of capitalised words the source uses ("European Union")."""
    if not (text.isupper() and 2 <= len(text) <= 5):
        return False
    pattern = r"\b" + r"\s+(?:of\s+(?:the\s+)?)?".join(rf"{c}[a-z]+" for c in text) + r"\b"
    return re.search(pattern, support) is not None


_SUPERLATIVE = re.compile(
    r"(?i)^(?:\w{3,}iest|\w{3,}est|most|least|best|worst|first|record|unprecedented|historic)$"
)
_NOT_SUPERLATIVE = frozenset(
    [
        "protest",
        "interest",
        "latest",
        "west",
        "guest",
        "request",
        "arrest",
        "honest",
        "forest",
        "contest",
        "suggest",
        "invest",
        "digest",
        "harvest",
        "modest",
        "manifest",
        "test",
        "rest",
        "nest",
        "chest",
        "quest",
        "attest",
        "detest",
        "conquest",
        "inquest",
        "midwest",
        "southwest",
        "northwest",
        "earnest",
        "priest",
        "bequest",
        "unrest",
        "tempest",
        "everest",
    ]
)


def _superlatives(head: str, hw: list[Word], ctx: Context, support: str, evidence) -> list[Change]:
    """A superlative or a record ("Biggest Protest", "Record Turnout") the source never uses:
    the headline claims more than the story says."""
    support_low = fold(support)
    out = []
    for k, w in enumerate(hw):
        low = fold(w.text)
        if not _SUPERLATIVE.match(low) or low in _NOT_SUPERLATIVE:
            continue
        if w.norm in ctx.source_norms or _supported(w, ctx, support_low):
            continue
        end = hw[k + 1].end if k + 1 < len(hw) and hw[k + 1].content else w.end
        why = f"the source never says '{w.text}' or anything like it"
        out.append(_change(ChangeKind.UNSUPPORTED, head, w.start, end, None, "", evidence, why))
    return out


def _contradicted(
    head: str,
    hw: list[Word],
    near: list[Sentence],
    every: list[Sentence],
    evidence,
    cfg: ChangeConfig,
) -> list[Change]:
    """A headline the source's sentences contradict (see :mod:`unspun.changes.contradict`)."""
    found = contradiction(head, hw, near, every, cfg.contradiction_window)
    if found is None:
        return []
    s = found.sentence
    return [
        _change(
            ChangeKind.CONTRADICTED,
            head,
            found.start,
            found.end,
            s.span,
            s.text,
            (*evidence, s.text) if s.text not in evidence else evidence,
            found.why,
        )
    ]
