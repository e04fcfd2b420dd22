"""Where a copy departs from its source: a plain function over an alignment.

For every aligned pair the two sides are compared after normalisation (see
:mod:`unspun.changes.normalize`), one detector per kind, most specific first: quotes,
negation, attribution, titles, names, numbers, dates, hedges, then clauses added or dropped.
A later finding that overlaps an earlier one on the same side is not reported again. Copy
sentences with no source become *claims added* (boilerplate, credit lines and the tail of a
fuller version of the story excepted); source sentences the copy skips inside the copied
region become *details dropped*. The headline is checked by :func:`check_headline`.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from unspun.changes import entities as ent
from unspun.changes.config import ChangeConfig
from unspun.changes.kinds import SEVERITY, ChangeKind
from unspun.changes.normalize import (
    COUNTRY,
    NEGATIONS,
    STOPWORDS,
    Word,
    fold,
    number_value,
    words,
)
from unspun.changes.numbers import Mention, dates, numbers
from unspun.model import Alignment, Article, Change, SentencePair, Span

log = logging.getLogger(__name__)

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.]*)*\s*)?(?:\((?:AP|Reuters|AFP)\)\s*)?[—–-]+\s*"
)
_CREDIT = re.compile(
    r"(contributed (?:to )?(?:this )?report|writers? .{0,40}contributed|©|copyright|all rights "
    r"reserved|click here|sign up|subscribe|read more|follow (?:us|him|her)|newsletter"
    r"|follow .{0,60} on (?:twitter|facebook|instagram)|https?://|www\.|@\w|file photo"
    r"|^\s*file\s*[-—–]|\(ap photo|\bphoto\b|, (?:left|right|center|centre),)",
    re.IGNORECASE,
)
_POLARITY = ("declin", "refus", "deni", "deny", "fail", "reject", "unable")


@dataclass
class Side:
    """One side of a pair: the text region it covers and its words."""

    article: Article
    spans: tuple[Span, ...]
    text: str = ""
    offset: int = 0
    words: list[Word] = field(default_factory=list)

    def __post_init__(self) -> None:
        first, last = self.spans[0], self.spans[-1]
        same = all(s.field == first.field and s.index == first.index for s in self.spans)
        end = last.end if same else first.end
        full = self.article.field_text(first.field, first.index)
        self.offset = first.start
        self.text = full[first.start : end]
        skip = 0
        m = _DATELINE.match(self.text)
        if m and first.field == "body" and m.end() < len(self.text) // 2:
            skip = m.end()
        kept = [w for w in words(self.text, self.offset) if w.start >= self.offset + skip]
        self.words = [replace(w, position=k) for k, w in enumerate(kept)]

    @property
    def field(self) -> str:
        return self.spans[0].field

    def span(self, start: int, end: int) -> Span:
        return Span(self.spans[0].field, start, end, self.spans[0].index)

    def chars(self, start: int, end: int) -> str:
        return self.text[start - self.offset : end - self.offset]

    def norms(self) -> set[str]:
        return {w.norm for w in self.words}


@dataclass
class Context:
    """What the whole of each article says, for 'is this anywhere in the other text?'."""

    vocab: set[str]
    source_norms: set[str]
    copy_norms: set[str]
    source_names: set[str]
    copy_names: set[str]
    source_numbers: set[str]
    copy_numbers: set[str]
    source_dates: list[Mention]
    copy_dates: list[Mention]
    source_roles: dict[str, list[ent.Title]]  # a person's titles in the source, by last name


def build_context(copy: Article, source: Article) -> Context:
    vocab = ent.proper_vocabulary(
        [
            copy.text,
            source.text,
            *(c.text for c in copy.captions),
            *(c.text for c in source.captions),
        ]
    )
    s_text = source.title + "\n\n" + source.text
    c_text = copy.title + "\n\n" + copy.text
    s_words, c_words = words(s_text), words(c_text)
    s_dates, c_dates = dates(s_text), dates(c_text)
    roles: dict[str, list[ent.Title]] = {}
    for t in ent.titles(s_text):
        if t.person:
            roles.setdefault(t.person, []).append(t)
    return Context(
        vocab,
        {w.norm for w in s_words},
        {w.norm for w in c_words},
        {ent.name_key(w) for w in s_words if ent.is_name(w, vocab)},
        {ent.name_key(w) for w in c_words if ent.is_name(w, vocab)},
        {n.value for n in numbers(s_text, 0, s_dates)},
        {n.value for n in numbers(c_text, 0, c_dates)},
        s_dates,
        c_dates,
        roles,
    )


def detect_changes(
    copy: Article,
    source: Article,
    alignment: Alignment,
    cfg: ChangeConfig,
    nlp: object | None = None,
) -> tuple[Change, ...]:
    """Every change the copy makes to its source, headline first, then in the copy's order.

    ``nlp`` is reserved for a loaded NLP pipeline; the detectors use patterns only.
    """
    ctx = build_context(copy, source)
    out: list[Change] = []
    if cfg.headline:
        from unspun.changes.headline import check_headline

        out.extend(check_headline(copy, source, alignment, cfg, nlp, ctx=ctx))
    for pair in alignment.pairs:
        if pair.copy[0].field == "title":
            continue
        whole = replace(
            pair,
            copy=_with_fragments(copy, pair.copy, alignment.new),
            source=_with_fragments(source, pair.source, alignment.dropped),
        )
        out.extend(compare_pair(copy, source, whole, ctx, cfg))
    out.extend(claims_added(copy, source, alignment, ctx, cfg))
    if cfg.report_dropped_sentences:
        out.extend(sentences_dropped(copy, source, alignment, ctx, cfg))
    return tuple(out)


# -- one pair ---------------------------------------------------------------------------


class Findings:
    """Changes of one pair, refusing a finding that overlaps an earlier one on either side."""

    def __init__(self, c: Side, s: Side) -> None:
        self.c, self.s = c, s
        self.items: list[Change] = []
        self.c_taken: list[tuple[int, int]] = []
        self.s_taken: list[tuple[int, int]] = []
        self.evidence = (c.text.strip(), s.text.strip())

    def add(
        self, kind: ChangeKind, cr: tuple[int, int] | None, sr: tuple[int, int] | None, why: str
    ) -> bool:
        if (cr and _overlaps(cr, self.c_taken)) or (sr and _overlaps(sr, self.s_taken)):
            return False
        self.items.append(
            Change(
                kind=kind.value,
                severity=SEVERITY[kind].value,
                copy_span=self.c.span(*cr) if cr else None,
                source_span=self.s.span(*sr) if sr else None,
                copy_text=self.c.chars(*cr) if cr else "",
                source_text=self.s.chars(*sr) if sr else "",
                evidence=self.evidence,
                explanation=why,
            )
        )
        if cr:
            self.c_taken.append(cr)
        if sr:
            self.s_taken.append(sr)
        return True


def _overlaps(r: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(r[0] < b and a < r[1] for a, b in taken)


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


def _with_fragments(
    article: Article, spans: tuple[Span, ...], loose: tuple[Span, ...]
) -> tuple[Span, ...]:
    """A pair's spans with the unpaired pieces of the same sentences next to them.

    The aligner may cut a long sentence into pieces and pair only some: "…malicious code," is
    paired, "enabling them to access … agencies." is left over. The leftover piece is part of
    what the source said in that sentence, so it is compared too."""
    out = sorted(spans, key=lambda s: (s.field, s.index, s.start))
    grown = True
    while grown:
        grown = False
        for piece in loose:
            if piece in out or piece.field != out[0].field or piece.index != out[0].index:
                continue
            text = article.field_text(piece.field, piece.index)
            first, last = out[0], out[-1]
            after = (
                0 <= piece.start - last.end <= 3
                and "\n" not in text[last.end : piece.start]
                and not _SENTENCE_END.search(text[last.start : last.end])
            )
            before = (
                0 <= first.start - piece.end <= 3
                and "\n" not in text[piece.end : first.start]
                and not _SENTENCE_END.search(text[piece.start : piece.end])
            )
            if after or before:
                out = sorted([*out, piece], key=lambda s: s.start)
                grown = True
    return tuple(out)


def compare_pair(
    copy: Article, source: Article, pair: SentencePair, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    c, s = Side(copy, pair.copy), Side(source, pair.source)
    f = Findings(c, s)
    _quotes(f)
    _negation(f)
    _attribution(f, ctx)
    _titles(f, ctx)
    _names(f, ctx, changed_only=True)
    c_dates, s_dates = dates(c.text, c.offset), dates(s.text, s.offset)
    _numbers(f, ctx, c_dates, s_dates, changed_only=True)
    _dates(f, ctx, c_dates, s_dates, changed_only=True)
    _hedges(f)
    _runs(f, ctx, cfg)
    _numbers(f, ctx, c_dates, s_dates, changed_only=False)
    _dates(f, ctx, c_dates, s_dates, changed_only=False)
    _names(f, ctx, changed_only=False)
    return f.items


def _quotes(f: Findings) -> None:
    """Quotations whose words differ: paired by shared words, then leftovers in order."""
    s_quotes = [q for q in ent.quotes(f.s.text, f.s.offset) if not _work_title(q[0])]
    c_quotes = [q for q in ent.quotes(f.c.text, f.c.offset) if not _work_title(q[0])]
    used: set[int] = set()
    left: list[tuple[str, int, int]] = []
    for text, start, end in c_quotes:
        cw = _quote_words(text)
        best, best_sim = -1, 0.0
        for k, (stext, _, _) in enumerate(s_quotes):
            sw = _quote_words(stext)
            sim = len(set(cw) & set(sw)) / max(1, len(set(cw) | set(sw)))
            if k not in used and sim > best_sim:
                best, best_sim = k, sim
        if best < 0 or best_sim < 0.3:
            left.append((text, start, end))
            continue
        used.add(best)
        sw = _quote_words(s_quotes[best][0])
        if _quote_altered(cw, sw):
            _quote_change(f, (start, end), s_quotes[best])
    s_left = [q for k, q in enumerate(s_quotes) if k not in used]
    if len(left) == len(s_left):  # the same number of quotations unpaired: read them in order
        for (text, start, end), other in zip(left, s_left, strict=True):
            if _quote_altered(_quote_words(text), _quote_words(other[0])):
                _quote_change(f, (start, end), other)


def _quote_change(f: Findings, copy_range: tuple[int, int], source: tuple[str, int, int]) -> None:
    f.add(
        ChangeKind.QUOTE,
        copy_range,
        (source[1], source[2]),
        "the words inside the quotation marks differ from the source's quotation",
    )


def _work_title(text: str) -> bool:
    """A quoted name ("Meet the Press", "Face the Nation"), not a quotation: every word but
    the small ones starts with a capital, and there are few of them."""
    ws = text.split()
    big = [w for w in ws if fold(w) not in STOPWORDS]
    return 1 < len(ws) <= 6 and bool(big) and all(w[:1].isupper() for w in big)


def _quote_altered(cw: list[str], sw: list[str]) -> bool:
    """Do two quotations differ in words that matter? Not when one quotes a fragment of the
    other, nor for spelling ("behaviour"), digits for number words, or a lone "the"/"that"."""
    if _GAP in cw or _GAP in sw:
        if _pieces_in_order(cw, sw) or _pieces_in_order(sw, cw):
            return False  # "nothing bad … maybe some good": the quote cut, not changed
        cw, sw = [w for w in cw if w != _GAP], [w for w in sw if w != _GAP]
    if "".join(cw) == "".join(sw) or _inside_words(cw, sw) or _inside_words(sw, cw):
        return False
    matcher = difflib.SequenceMatcher(a=sw, b=cw, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone = [w for w in sw[i1:i2] if w not in STOPWORDS]
        added = [w for w in cw[j1:j2] if w not in STOPWORDS]
        if len(gone) == len(added) and all(
            fuzz.ratio(a, b) >= 85 for a, b in zip(gone, added, strict=True)
        ):
            continue
        if gone or added:
            return True
    return False


def _pieces_in_order(cut: list[str], whole: list[str]) -> bool:
    """Every piece of a quotation cut with ellipses appears, word for word, in order."""
    pieces: list[list[str]] = [[]]
    for w in cut:
        if w == _GAP:
            pieces.append([])
        else:
            pieces[-1].append(w)
    rest = [w for w in whole if w != _GAP]
    pos = 0
    for piece in (p for p in pieces if p):
        n = len(piece)
        hit = next((k for k in range(pos, len(rest) - n + 1) if rest[k : k + n] == piece), -1)
        if hit < 0:
            return False
        pos = hit + n
    return True


def _inside_words(part: list[str], whole: list[str]) -> bool:
    """The copy quotes a fragment of the source's quotation, word for word."""
    n = len(part)
    return 0 < n < len(whole) and any(whole[k : k + n] == part for k in range(len(whole) - n + 1))


_GAP = "\u2026"


def _quote_words(text: str) -> list[str]:
    """The words of a quotation; editorial insertions ("[Helsinki]", "(news - web sites)")
    left out, an ellipsis kept as one gap token."""
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", fold(text).replace("'", ""))
    text = text.replace("...", _GAP)
    out = []
    for word in re.findall(rf"[a-z0-9]+(?:\.[0-9]+)?|{_GAP}", text):
        value = number_value([word]) if word.isalpha() else None
        out.append(str(int(value)) if value is not None and value == int(value) else word)
    return out


def _negatives(side: Side) -> list[Word]:
    out = []
    quoted = [(a, b) for _, a, b in ent.quotes(side.text, side.offset)]
    for k, w in enumerate(side.words):
        if any(a <= w.start < b for a, b in quoted):
            continue  # inside a quotation: the quote detector compares those words
        if w.norm in NEGATIONS or fold(w.text).startswith(_POLARITY):
            nxt = side.words[k + 1].norm if k + 1 < len(side.words) else ""
            if (w.norm == "not" and nxt == "only") or (w.norm == "no" and nxt in ("longer", "one")):
                continue
            out.append(w)
    return out


def _negation(f: Findings) -> None:
    cn, sn = _negatives(f.c), _negatives(f.s)
    if len(cn) == len(sn):
        return
    more, other = (f.c, f.s) if len(cn) > len(sn) else (f.s, f.c)
    negs = cn if more is f.c else sn
    other_norms = other.norms()
    other_negs = {w.norm for w in (sn if more is f.c else cn)}
    for w in negs:
        if w.norm in other_negs:
            continue
        after = [x for x in more.words[w.position + 1 : w.position + 5] if x.content]
        hit = after[0] if after and after[0].norm in other_norms else None
        if hit is None:
            continue
        r = (w.start, hit.end)
        partner = next((x for x in other.words if x.norm == hit.norm), None)
        pr = (partner.start, partner.end) if partner else None
        if more is f.c:
            f.add(ChangeKind.NEGATION, r, pr, f"the copy negates '{hit.text}'; the source does not")
        else:
            f.add(
                ChangeKind.NEGATION,
                pr,
                r,
                f"the source says '{more.chars(*r)}'; the copy drops the negation",
            )
        return


def _attribution(f: Findings, ctx: Context) -> None:
    ca = ent.attributions(f.c.text, f.c.offset)
    sa = ent.attributions(f.s.text, f.s.offset)
    s_keys = {k for k, *_ in sa}
    c_keys = {k for k, *_ in ca}
    s_text = fold(f.s.text)
    c_text = fold(f.c.text)
    for key, start, end, shown in ca:
        if key in s_keys or key in s_text or _variant(key, s_keys):
            continue
        for skey, ss, se, sshown in sa:
            if skey in c_keys or skey in c_text or _variant(skey, c_keys):
                continue
            f.add(
                ChangeKind.ATTRIBUTION,
                (start, end),
                (ss, se),
                f"the copy credits {shown}; the source credits {sshown}",
            )
            return


def _variant(key: str, keys: set[str]) -> bool:
    """ "AP" and "Associated Press", "Biden" and "Joe Biden" are one source."""
    alias = {"ap": "associated press", "afp": "agence france-presse"}
    key = alias.get(key, key)
    return any(
        alias.get(k, k) == key or key.split()[-1] == alias.get(k, k).split()[-1] for k in keys
    )


def _titles(f: Findings, ctx: Context) -> None:
    ct, st = ent.titles(f.c.text, f.c.offset), ent.titles(f.s.text, f.s.offset)
    done: set[str] = set()
    for t in ct:
        if not t.person or not ent.specific_role(t.role):
            continue
        here = [x for x in st if x.person == t.person and _specific(x.role)]
        theirs = here or [x for x in ctx.source_roles.get(t.person, []) if _specific(x.role)]
        if ent.title_change(t, theirs):
            sr = (here[0].start, here[0].end) if here else None
            other = theirs[0].text
            if f.add(
                ChangeKind.TITLE,
                (t.start, t.end),
                sr,
                f"the copy calls {t.person.title()} '{t.text}'; the source says '{other}'",
            ):
                done.add(t.role)
    c_roles = {t.role for t in ct if _specific(t.role)}
    s_roles = {t.role for t in st if _specific(t.role)}
    extra = [
        t
        for t in ct
        if _specific(t.role)
        and t.role not in s_roles
        and t.role not in done
        and not (t.person and t.person not in {x.person for x in st})
    ]
    missing = [t for t in st if _specific(t.role) and t.role not in c_roles]
    if extra and missing:
        t, m = extra[0], missing[0]
        f.add(
            ChangeKind.TITLE,
            (t.start, t.end),
            (m.start, m.end),
            f"the copy says '{t.text}' where the source says '{m.text}'",
        )


def _specific(role: str) -> bool:
    return ent.specific_role(role)


def _name_groups(side: Side, vocab: set[str]) -> list[list[Word]]:
    """Runs of name words; "of" and "of the" may join two ("Bureau of Investigation")."""
    groups: list[list[Word]] = []
    last = -2
    ws = side.words
    for w in ws:
        if not ent.is_name(w, vocab) or fold(w.text) in ent.ROLES:
            continue
        between = [x.text for x in ws[last + 1 : w.position]] if last >= 0 else []
        joined = between in (["of"], ["of", "the"]) or (
            len(between) == 1 and len(between[0]) == 1 and between[0].isupper()  # "George W. Bush"
        )
        prev = ws[last] if last >= 0 else None
        plain_gap = prev is not None and not side.chars(prev.end, w.start).strip()
        if groups and ((w.position == last + 1 and plain_gap) or joined):
            groups[-1].append(w)
        else:
            groups.append([w])
        last = w.position
    return groups


def _neighbours(g: list[Word], side: Side) -> tuple[str, str]:
    """The words just before and after a name (articles skipped): the name's slot."""
    skip = {"the", "a", "an"}
    before = [w.norm for w in side.words[: g[0].position] if w.norm not in skip]
    after = [w.norm for w in side.words[g[-1].position + 1 :] if w.norm not in skip]
    return (before[-1] if before else "^", after[0] if after else "$")


def _same_slot(a: list[Word], side_a: Side, b: list[Word], side_b: Side) -> bool:
    """Two names stand in the same place when a neighbouring word is the same on either side
    ("near Turku" / "near Naantali", "Izvestia dismissed" / "Pravda dismissed")."""
    pa, na = _neighbours(a, side_a)
    pb, nb = _neighbours(b, side_b)
    return pa == pb or na == nb


def _one_entity(a: list[Word], b: list[Word]) -> bool:
    """ "Biden" and "Joe Biden" (one name inside the other), "GBI" and "Georgia Bureau of
    Investigation", "Fallujah" and "Falluja" name one entity; "European Commission" and
    "European Council" do not."""
    ka, kb = {ent.name_key(w) for w in a}, {ent.name_key(w) for w in b}
    small, large = sorted((ka, kb), key=len)
    return all(any(_prefixed(x, y) for y in large) for x in small) or _same_name(a, b)


def _prefixed(x: str, y: str) -> bool:
    """One word the start of the other ("Corp" / "Corporation", "Ron" / "Ronald")."""
    return x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))


def _initials(g: list[Word]) -> str:
    return "".join(w.text[0].lower() for w in g if w.text[:1].isupper())


def _same_name(a: list[Word], b: list[Word]) -> bool:
    """Spellings of one name: an acronym and its expansion, or a small spelling difference."""
    ka = " ".join(ent.name_key(w) for w in a)
    kb = " ".join(ent.name_key(w) for w in b)
    for x, y in ((a, b), (b, a)):
        if len(x) == 1 and x[0].text.isupper() and len(x[0].text) > 1:
            acronym, initials = fold(x[0].text), _initials(y)
            if initials in (acronym, acronym[1:]) or acronym == initials[1:]:
                return True
    short, long_ = sorted((ka, kb), key=len)
    if (
        " " not in short
        and len(short) >= 5
        and long_.startswith(short[:5])
        and fuzz.ratio(ka, kb) >= 60
    ):
        return True
    return fuzz.ratio(ka, kb) >= 85


def _names(f: Findings, ctx: Context, changed_only: bool) -> None:
    cg, sg = _name_groups(f.c, ctx.vocab), _name_groups(f.s, ctx.vocab)
    c_new = [g for g in cg if not any(_one_entity(g, o) for o in sg)]
    s_gone = [g for g in sg if not any(_one_entity(g, o) for o in cg)]
    if changed_only:
        for g in c_new:
            keys = {ent.name_key(w) for w in g}
            partner = _nearest(g, [o for o in s_gone if _same_slot(g, f.c, o, f.s)], f)
            if partner is None:
                continue
            pkeys = {ent.name_key(w) for w in partner}
            if keys <= ctx.source_names and pkeys <= ctx.copy_names:
                continue  # both names are elsewhere in the other text: moved, not changed
            s_gone.remove(partner)
            f.add(
                ChangeKind.ENTITY,
                (g[0].start, g[-1].end),
                (partner[0].start, partner[-1].end),
                f"the copy names {_kind_of(g, f.c)} '{_shown(g, f.c)}' where the source has "
                f"'{_shown(partner, f.s)}'",
            )
        return
    for g in c_new:
        keys = {ent.name_key(w) for w in g}
        if keys <= set(COUNTRY.values()):
            continue  # "U.S. President Bush" for "President Bush": a nationality, not a detail
        if not keys & ctx.source_names:
            f.add(
                ChangeKind.ADDED,
                (g[0].start, g[-1].end),
                None,
                f"the copy adds '{_shown(g, f.c)}', which the source never mentions",
            )


def _nearest(g: list[Word], others: list[list[Word]], f: Findings) -> list[Word] | None:
    if not others:
        return None
    pos = (g[0].start - f.c.offset) / max(1, len(f.c.text))
    return min(others, key=lambda o: abs((o[0].start - f.s.offset) / max(1, len(f.s.text)) - pos))


def _shown(g: list[Word], side: Side) -> str:
    return side.chars(g[0].start, g[-1].end)


_ORG_WORDS = re.compile(
    r"(?i)\b(party|ministry|agency|bank|council|house|kremlin|company|corp|"
    r"inc|group|committee|department|union|nato|congress|senate|court)\b"
)


def _kind_of(g: list[Word], side: Side) -> str:
    text = _shown(g, side)
    before = side.text[: g[0].start - side.offset].rstrip().split()[-1:]
    if _ORG_WORDS.search(text) or text.isupper():
        return "the organisation"
    if before and before[0].lower() in ("in", "at", "from", "to", "near", "outside"):
        return "the place"
    if before and before[0].lower() in ent.ROLES:
        return "the person"
    return "the name"


def _numbers(
    f: Findings, ctx: Context, c_dates: list[Mention], s_dates: list[Mention], changed_only: bool
) -> None:
    cn = numbers(f.c.text, f.c.offset, c_dates)
    sn = numbers(f.s.text, f.s.offset, s_dates)
    s_vals, c_vals = {n.value for n in sn}, {n.value for n in cn}
    c_extra = [n for n in cn if n.value not in s_vals and n.start >= _first(f.c)]
    s_extra = [n for n in sn if n.value not in c_vals]
    if changed_only:
        for a, b in zip(c_extra, s_extra, strict=False):
            f.add(
                ChangeKind.NUMBER,
                (a.start, a.end),
                (b.start, b.end),
                f"the copy says '{a.text}' ({a.value}) where the source says '{b.text}' "
                f"({b.value})",
            )
        return
    for a in c_extra[len(s_extra) :]:
        if not a.weak and a.value not in ctx.source_numbers:
            f.add(
                ChangeKind.ADDED,
                (a.start, a.end),
                None,
                f"the copy adds the number '{a.text}', which the source does not give",
            )
    for b in s_extra[len(c_extra) :]:
        if not b.weak and b.value not in ctx.copy_numbers:
            f.add(
                ChangeKind.DROPPED,
                None,
                (b.start, b.end),
                f"the copy leaves out the number '{b.text}'",
            )


def _first(side: Side) -> int:
    return side.words[0].start if side.words else side.offset


def _dates(
    f: Findings, ctx: Context, cd: list[Mention], sd: list[Mention], changed_only: bool
) -> None:
    c_extra = [d for d in cd if not any(d.compatible(x) for x in sd) and d.start >= _first(f.c)]
    s_extra = [d for d in sd if not any(d.compatible(x) for x in cd)]
    for d in list(c_extra):
        partner = next((x for x in s_extra if x.cls == d.cls), None)
        if partner is None:
            continue
        c_extra.remove(d)
        s_extra.remove(partner)
        if changed_only:
            f.add(
                ChangeKind.DATE,
                (d.start, d.end),
                (partner.start, partner.end),
                f"the copy says '{d.text}' where the source says '{partner.text}'",
            )
    if changed_only:
        return
    for d in c_extra:
        if not any(d.compatible(x) for x in ctx.source_dates):
            start = _with_preposition(f.c, d.start)
            f.add(
                ChangeKind.ADDED,
                (start, d.end),
                None,
                f"the copy adds '{f.c.chars(start, d.end)}'; the source gives no such time",
            )
    for d in s_extra:
        if not any(d.compatible(x) for x in ctx.copy_dates):
            f.add(ChangeKind.DROPPED, None, (d.start, d.end), f"the copy leaves out '{d.text}'")


def _with_preposition(side: Side, start: int) -> int:
    m = re.search(
        r"\b(?:on|in|at|by|since|until|last|this|next)\s+$", side.text[: start - side.offset]
    )
    return side.offset + m.start() if m else start


def _hedges(f: Findings) -> None:
    ch, sh = ent.hedges(f.c.words), ent.hedges(f.s.words)
    c_cls = [c for c, _ in ch]
    s_cls = {c for c, _ in sh}
    if any(c not in s_cls for c in c_cls):
        return  # the copy hedges differently: a rewording
    for cls, w in sh:
        if sh.count((cls, w)) and [c for c, _ in sh].count(cls) > c_cls.count(cls):
            nxt = next((x for x in f.s.words[w.position + 1 : w.position + 4] if x.content), None)
            hit = next((x for x in f.c.words if nxt and x.norm == nxt.norm), None)
            cr = (hit.start, hit.end) if hit else None
            f.add(
                ChangeKind.HEDGE,
                cr,
                (w.start, w.end),
                f"the source hedges with '{w.text}'; the copy states it as fact",
            )
            return


def _runs(f: Findings, ctx: Context, cfg: ChangeConfig) -> None:
    """Clauses of content words on one side that the other side lacks altogether.

    Words already explained by an earlier finding (a changed name, a quote) neither start a
    run nor count as rewording."""
    c_norms, s_norms = f.c.norms(), f.s.norms()
    c_unmatched = [w for w in f.c.words if w.content and w.norm not in s_norms]
    s_unmatched = [w for w in f.s.words if w.content and w.norm not in c_norms]
    c_unmatched = _free(c_unmatched, f.c_taken)
    s_unmatched = _free(s_unmatched, f.s_taken)
    for run in _split(_unmatched_runs(f.s, c_norms), f.s_taken):
        novel = [w for w in run if w.norm not in ctx.copy_norms]
        if (
            len(novel) >= cfg.dropped_min_words
            and len(run) >= cfg.run_min_words
            and len(c_unmatched) < cfg.reword_share * len(run)
        ):
            r = (run[0].start, run[-1].end)
            f.add(ChangeKind.DROPPED, None, r, f"the copy leaves out '{f.s.chars(*r)}'")
    for run in _split(_unmatched_runs(f.c, s_norms), f.c_taken):
        novel = [w for w in run if w.norm not in ctx.source_norms]
        if (
            len(novel) >= cfg.added_min_words
            and len(run) >= cfg.run_min_words
            and len(s_unmatched) < cfg.reword_share * len(run)
        ):
            r = (run[0].start, run[-1].end)
            f.add(
                ChangeKind.ADDED,
                r,
                None,
                f"the copy adds '{f.c.chars(*r)}', which the source does not say",
            )


def _free(ws: list[Word], taken: list[tuple[int, int]]) -> list[Word]:
    return [w for w in ws if not _overlaps((w.start, w.end), taken)]


def _split(runs: list[list[Word]], taken: list[tuple[int, int]]) -> list[list[Word]]:
    """Runs cut where they cross a range an earlier finding explains."""
    out: list[list[Word]] = []
    for run in runs:
        part: list[Word] = []
        for w in run:
            if _overlaps((w.start, w.end), taken):
                if part:
                    out.append(part)
                part = []
            else:
                part.append(w)
        if part:
            out.append(part)
    return out


def _unmatched_runs(side: Side, other: set[str]) -> list[list[Word]]:
    """Runs of content words absent from ``other``; one matched word may sit inside a run."""
    content = [w for w in side.words if w.content]
    runs: list[list[Word]] = []
    current: list[Word] = []
    k = 0
    while k < len(content):
        w = content[k]
        if w.norm not in other:
            current.append(w)
        elif current and k + 1 < len(content) and content[k + 1].norm not in other:
            pass  # bridge a single matched word
        elif current:
            runs.append(current)
            current = []
        k += 1
    if current:
        runs.append(current)
    return runs


# -- sentences with no partner ----------------------------------------------------------


def claims_added(
    copy: Article, source: Article, alignment: Alignment, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    """Copy body sentences with no source that say something the source does not."""
    body = sorted(
        (s for p in alignment.pairs for s in p.copy if s.field == "body"), key=lambda s: s.start
    )
    new = sorted((s for s in alignment.new if s.field == "body"), key=lambda s: s.start)
    if not body:
        return []
    first, last = body[0].start, body[-1].start
    before = [s for s in new if s.start < first]
    after = [s for s in new if s.start > last]
    inside = [s for s in new if first < s.start < last]
    chosen = inside + [
        s for group in (before, after) if len(group) <= cfg.max_edge_claims for s in group
    ]
    out = []
    for span in sorted(chosen, key=lambda s: s.start):
        text = copy.text[span.start : span.end]
        ws = [w for w in words(text) if w.content]
        if len(text.split()) < cfg.claim_min_words or _CREDIT.search(text) or not ws:
            continue
        novel = [w for w in ws if w.norm not in ctx.source_norms]
        if len(novel) / len(ws) < cfg.claim_min_novel:
            continue
        out.append(
            Change(
                ChangeKind.CLAIM.value,
                SEVERITY[ChangeKind.CLAIM].value,
                span,
                None,
                text,
                "",
                (text,),
                "the copy says this and the source has no sentence like it",
            )
        )
    return out


def sentences_dropped(
    copy: Article, source: Article, alignment: Alignment, ctx: Context, cfg: ChangeConfig
) -> list[Change]:
    """Source body sentences the copy skips between sentences it does use."""
    used = sorted(
        (s for p in alignment.pairs for s in p.source if s.field == "body"), key=lambda s: s.start
    )
    if len(used) < 2:
        return []
    first, last = used[0].start, used[-1].start
    out = []
    for span in sorted(alignment.dropped, key=lambda s: s.start):
        if span.field != "body" or not first < span.start < last:
            continue
        text = source.text[span.start : span.end]
        ws = [w for w in words(text) if w.content]
        if len(text.split()) < cfg.dropped_sentence_min_words or _CREDIT.search(text) or not ws:
            continue
        novel = [w for w in ws if w.norm not in ctx.copy_norms]
        if len(novel) / len(ws) < cfg.claim_min_novel:
            continue
        out.append(
            Change(
                ChangeKind.DROPPED.value,
                SEVERITY[ChangeKind.DROPPED].value,
                None,
                span,
                "",
                text,
                (text,),
                "the copy leaves out this sentence of the source",
            )
        )
    return out
