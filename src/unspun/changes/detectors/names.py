"""Names: one replaced by another in the same slot, or a name the source never mentions."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from unspun.changes import entities as ent
from unspun.changes.config import ChangeConfig
from unspun.changes.context import Findings, Side
from unspun.changes.kinds import ChangeKind
from unspun.changes.normalize import CAPITALS, COUNTRY, Word, fold


def names_changed(f: Findings) -> None:
    """A copy name no source name covers, standing where a source name the copy lacks stood."""
    c_new, s_gone = _unpaired(f)
    for g in c_new:
        keys = {ent.name_key(w) for w in g}
        partner = _nearest(g, [o for o in s_gone if _same_slot(g, f.c, o, f.s)], f)
        if partner is None:
            continue
        pkeys = {ent.name_key(w) for w in partner}
        if keys <= f.ctx.source_names and pkeys <= f.ctx.copy_names:
            continue  # both names are elsewhere in the other text: moved, not changed
        s_gone.remove(partner)
        f.add(
            ChangeKind.ENTITY,
            (g[0].start, g[-1].end),
            (partner[0].start, partner[-1].end),
            f"the copy names {_kind_of(g, f.c)} '{_shown(g, f.c)}' where the source has "
            f"'{_shown(partner, f.s)}'",
        )


def names_added(f: Findings) -> None:
    """A copy name the source never mentions anywhere (a nationality excepted)."""
    c_new, _ = _unpaired(f)
    for g in c_new:
        keys = {ent.name_key(w) for w in g}
        if keys <= set(COUNTRY.values()):
            continue  # "U.S. President Bush" for "President Bush": a nationality, not a detail
        if not keys & f.ctx.source_names:
            f.add(
                ChangeKind.ADDED,
                (g[0].start, g[-1].end),
                None,
                f"the copy adds '{_shown(g, f.c)}', which the source never mentions",
            )


def _unpaired(f: Findings) -> tuple[list[list[Word]], list[list[Word]]]:
    cg, sg = name_groups(f.c, f.ctx.vocab), name_groups(f.s, f.ctx.vocab)
    # a capital stands for its country only in a text that does not name the country too
    # ("in Beijing ... between China and the EU" names a city and a country)
    c_stand = _standing(cg)
    s_stand = _standing(sg)
    c_new = [g for g in cg if not any(_one_entity(g, o, f.cfg, c_stand | s_stand) for o in sg)]
    s_gone = [g for g in sg if not any(_one_entity(g, o, f.cfg, c_stand | s_stand) for o in cg)]
    return c_new, s_gone


def name_groups(side: Side, vocab: set[str]) -> list[list[Word]]:
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
        owner = prev is not None and prev.text.endswith(("'s", "’s"))  # "Russia's | TASS"
        if groups and not owner and ((w.position == last + 1 and plain_gap) or joined):
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


def _standing(groups: list[list[Word]]) -> set[str]:
    """The capitals among ``groups`` that may stand for their country: those whose country
    the same text does not also name."""
    keys = {ent.name_key(w) for g in groups for w in g}
    return {k for k in keys if k in CAPITALS and CAPITALS[k] not in keys}


def _one_entity(
    a: list[Word], b: list[Word], cfg: ChangeConfig, standing: set[str] | None = None
) -> bool:
    """ "Biden" and "Joe Biden" (one name inside the other), "GBI" and "Georgia Bureau of
    Investigation", "Fallujah" and "Falluja" name one entity; "European Commission" and
    "European Council" do not."""
    ka, kb = {ent.name_key(w) for w in a}, {ent.name_key(w) for w in b}
    country = _country_of(ka, standing or set())
    if country is not None and country == _country_of(kb, standing or set()):
        return True  # "Moscow" for "Russia", "the Finnish capital" for "Helsinki"
    small, large = sorted((ka, kb), key=len)
    if small <= _PLACES and large - small:
        return False  # "Europe" is not the "European Commission", nor "Russia" "Russia Today"
    return all(any(_prefixed(x, y, cfg) for y in large) for x in small) or _same_name(a, b, cfg)


_PLACES = frozenset(COUNTRY.values()) | {"europe", "usa"}


def _country_of(keys: set[str], standing: set[str]) -> str | None:
    """The country a one-word name stands for: the country itself, or its capital where the
    capital stands for it."""
    if len(keys) != 1:
        return None
    (key,) = keys
    if key in _PLACES:
        return key
    return CAPITALS[key] if key in standing else None


def _prefixed(x: str, y: str, cfg: ChangeConfig) -> bool:
    """One word the start of the other ("Corp" / "Corporation", "Ron" / "Ronald")."""
    return x == y or (
        min(len(x), len(y)) >= cfg.name_prefix_min_chars and (x.startswith(y) or y.startswith(x))
    )


def _initials(g: list[Word]) -> str:
    return "".join(w.text[0].lower() for w in g if w.text[:1].isupper())


def _same_name(a: list[Word], b: list[Word], cfg: ChangeConfig) -> bool:
    """Spellings of one name: an acronym and its expansion, or a small spelling difference."""
    ka = " ".join(ent.name_key(w) for w in a)
    kb = " ".join(ent.name_key(w) for w in b)
    for x, y in ((a, b), (b, a)):
        if len(x) == 1 and x[0].text.isupper() and len(x[0].text) > 1:
            acronym, initials = fold(x[0].text), _initials(y)
            if initials in (acronym, acronym[1:]) or acronym == initials[1:]:
                return True
    short, long_ = sorted((ka, kb), key=len)
    stem = cfg.name_stem_chars
    if (
        " " not in short
        and len(short) >= stem
        and long_.startswith(short[:stem])
        and fuzz.ratio(ka, kb) >= cfg.name_stem_ratio
    ):
        return True
    return fuzz.ratio(ka, kb) >= cfg.name_spelling_ratio


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


_MEDIA = re.compile(rf"(?:{ent.MEDIA})")


def _kind_of(g: list[Word], side: Side) -> str:
    text = _shown(g, side).removesuffix("'s").removesuffix("’s")
    before = side.text[: g[0].start - side.offset].rstrip().split()[-1:]
    if _MEDIA.fullmatch(text):
        return "the news outlet"
    if _ORG_WORDS.search(text) or text.isupper():
        return "the organisation"
    if before and before[0].lower() in ("in", "at", "from", "to", "near", "outside"):
        return "the place"
    if before and before[0].lower() in ent.ROLES:
        return "the person"
    return "the name"
