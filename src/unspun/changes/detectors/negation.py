"""A statement the copy negates where the source does not, or the other way round."""

from __future__ import annotations

from unspun.changes import entities as ent
from unspun.changes.context import Findings, Side
from unspun.changes.kinds import ChangeKind
from unspun.changes.normalize import NEGATIONS, Word, fold

# verbs that negate what follows ("declined to comment", "denied meeting", "to avoid having
# confidence undermined" = "so that confidence is not undermined")
POLARITY = (
    "declin", "refus", "deni", "deny", "fail", "reject", "unable", "neglect", "avoid", "avert",
    "prevent", "forestall",
)  # fmt: skip
# phrasal verbs of prevention: "head off conflict" = "prevent conflict"
_WARDS_OFF = frozenset({"head", "stave", "ward", "fend"})


def negatives(side: Side) -> list[Word]:
    """Negating words outside quotations ("not only", "no longer", "no one" excepted)."""
    out = []
    quoted = [(a, b) for _, a, b in ent.quotes(side.text, side.offset)]
    for k, w in enumerate(side.words):
        if any(a <= w.start < b for a, b in quoted):
            continue  # inside a quotation: the quote detector compares those words
        nxt = side.words[k + 1].norm if k + 1 < len(side.words) else ""
        if fold(w.text) in _WARDS_OFF and nxt == "off":
            out.append(w)
        elif w.norm in NEGATIONS or fold(w.text).startswith(POLARITY):
            if (w.norm == "not" and nxt == "only") or (w.norm == "no" and nxt in ("longer", "one")):
                continue
            out.append(w)
    return out


def negation_flipped(f: Findings) -> None:
    cn, sn = negatives(f.c), negatives(f.s)
    if len(cn) == len(sn):
        return
    more, other = (f.c, f.s) if len(cn) > len(sn) else (f.s, f.c)
    negs = cn if more is f.c else sn
    other_norms = other.norms()
    other_negs = {w.norm for w in (sn if more is f.c else cn)}
    window = f.cfg.negation_window
    for w in negs:
        if w.norm in other_negs:
            continue
        after = [x for x in more.words[w.position + 1 : w.position + 1 + window] if x.content]
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
