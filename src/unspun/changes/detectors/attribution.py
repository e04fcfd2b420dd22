"""Who a statement is credited to ("said Peskov", "according to Reuters")."""

from __future__ import annotations

from unspun.changes import entities as ent
from unspun.changes.context import Findings
from unspun.changes.kinds import ChangeKind
from unspun.changes.normalize import CAPITALS, COUNTRY, fold

_ALIAS = {"ap": "associated press", "afp": "agence france-presse"}


def attribution_changed(f: Findings) -> None:
    # "told Haiti's Senate": a possessive names an addressee or outlet by its owner; a swap
    # there is an entity swap, which the names detector reports with the entity's kind
    ca = [a for a in ent.attributions(f.c.text, f.c.offset) if not _owner(a, f.c.text, f.c.offset)]
    sa = [a for a in ent.attributions(f.s.text, f.s.offset) if not _owner(a, f.s.text, f.s.offset)]
    s_keys = {k for k, *_ in sa}
    c_keys = {k for k, *_ in ca}
    s_text = fold(f.s.text)
    c_text = fold(f.c.text)
    for key, start, end, shown in ca:
        if key in s_keys or key in s_text or variant(key, s_keys):
            continue
        for skey, ss, se, sshown in sa:
            if skey in c_keys or skey in c_text or variant(skey, c_keys):
                continue
            f.add(
                ChangeKind.ATTRIBUTION,
                (start, end),
                (ss, se),
                f"the copy credits {shown}; the source credits {sshown}",
            )
            return


def _owner(found: tuple[str, int, int, str], text: str, offset: int) -> bool:
    """The credited name owns what follows ("told CBS's Face the Nation")."""
    key, _, end, _ = found
    return "'s " in key or "’s " in key or text[end - offset : end - offset + 2] in ("'s", "’s")


def variant(key: str, keys: set[str]) -> bool:
    """ "AP" and "Associated Press", "Biden" and "Joe Biden", "Moscow" and "Russia" are one
    source."""
    key = _ALIAS.get(key, key)
    if CAPITALS.get(key) in {COUNTRY.get(k, k) for k in keys} or any(
        CAPITALS.get(k) == COUNTRY.get(key, key) for k in keys
    ):
        return True
    return any(
        _ALIAS.get(k, k) == key or key.split()[-1] == _ALIAS.get(k, k).split()[-1] for k in keys
    )
