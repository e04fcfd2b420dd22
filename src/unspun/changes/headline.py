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
from unspun.changes.detect import Context, build_context
from unspun.changes.kinds import SEVERITY, ChangeKind
from unspun.changes.normalize import STOPWORDS, Word, fold, words
from unspun.changes.numbers import dates, numbers
from unspun.model import Alignment, Article, Change, Span

_EVENT = re.compile(
    r"(?i)^(summit|meeting|conference|talks|forum|games|olympics|election|war|visit|"
    r"treaty|deal|agreement|accord|session)$"
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
    evidence = tuple(t for t in (head, source.title) if t)
    out: list[Change] = []
    taken: list[tuple[int, int]] = []
    for change in _titles(head, source, support, captions, ctx, evidence):
        out.append(change)
        taken.append((change.copy_span.start, change.copy_span.end))  # type: ignore[union-attr]
    for change in _names(head, support, captions, ctx, evidence, copy, source):
        span = change.copy_span
        if span and not any(span.start < b and a < span.end for a, b in taken):
            out.append(change)
            taken.append((span.start, span.end))
    out.extend(_numbers(head, support, ctx, evidence, taken))
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
    out = []
    for t in ent.titles(head, 0, ctx.vocab | ctx.source_names | ctx.copy_names):
        if not t.person or not ent.specific_role(t.role):
            continue
        known = {r for r in ctx.source_roles.get(t.person, ()) if ent.specific_role(r)}
        if not known or t.role in known:
            continue
        body_title = next((x for x in ent.titles(source.text) if x.person == t.person), None)
        span = Span("body", body_title.start, body_title.end) if body_title else None
        why = (
            f"the headline calls {t.person.title()} '{t.text}'; the source's title and body "
            f"say '{sorted(known)[0]}'"
        )
        for k, cap in enumerate(captions):
            hit = next(
                (x for x in ent.titles(cap) if x.person == t.person and x.role == t.role), None
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
