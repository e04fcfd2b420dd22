"""Quotations whose words differ from the source's quotation."""

from __future__ import annotations

import difflib
import re

from rapidfuzz import fuzz

from unspun.changes import entities as ent
from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind
from unspun.changes.normalize import STOPWORDS, fold, number_value

_GAP = "\u2026"


def quotes_altered(f: Findings) -> None:
    """Quotations whose words differ: paired by shared words, then leftovers in order."""
    most = f.cfg.work_title_max_words
    s_quotes = [q for q in ent.quotes(f.s.text, f.s.offset) if not _work_title(q[0], most)]
    c_quotes = [q for q in ent.quotes(f.c.text, f.c.offset) if not _work_title(q[0], most)]
    spelling = f.cfg.quote_spelling_ratio
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
        if best < 0 or best_sim < f.cfg.quote_pair_min_overlap:
            left.append((text, start, end))
            continue
        used.add(best)
        sw = _quote_words(s_quotes[best][0])
        if _quote_altered(cw, sw, spelling):
            _quote_change(f, (start, end), s_quotes[best])
    s_left = [q for k, q in enumerate(s_quotes) if k not in used]
    if len(left) == len(s_left):  # the same number of quotations unpaired: read them in order
        for (text, start, end), other in zip(left, s_left, strict=True):
            if _quote_altered(_quote_words(text), _quote_words(other[0]), spelling):
                _quote_change(f, (start, end), other)


def _quote_change(f: Findings, copy_range: tuple[int, int], source: tuple[str, int, int]) -> None:
    f.add(
        ChangeKind.QUOTE,
        copy_range,
        (source[1], source[2]),
        "the words inside the quotation marks differ from the source's quotation",
    )


def _work_title(text: str, most: int) -> bool:
    """A quoted name ("Meet the Press", "Face the Nation"), not a quotation: every word but
    the small ones starts with a capital, and there are few of them."""
    ws = text.split()
    big = [w for w in ws if fold(w) not in STOPWORDS]
    return 1 < len(ws) <= most and bool(big) and all(w[:1].isupper() for w in big)


def _quote_altered(cw: list[str], sw: list[str], spelling: int) -> bool:
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
            fuzz.ratio(a, b) >= spelling and not negated_form(a, b)
            for a, b in zip(gone, added, strict=True)
        ):
            continue
        if gone or added:
            return True
    return False


NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")


def negated_form(a: str, b: str) -> bool:
    """One word is the other with a negating prefix ("inaccurately" / "accurately"): close in
    spelling, opposite in meaning."""
    short, long_ = sorted((a, b), key=len)
    return any(long_ == p + short or long_ == p + "-" + short for p in NEGATING_PREFIXES)


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
