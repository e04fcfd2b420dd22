"""From sentence pairs to reused passages: the exact stretch two matched texts share.

A copied passage rarely starts and ends on sentence boundaries: the copy may glue its own words
to the front of a copied sentence, or stop copying mid-sentence. For a verbatim or
near-verbatim pair, :func:`shared_stretch` trims both sides to the words they have in common
(from the first to the last run of at least ``min_run`` equal words).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+")


def shared_stretch(a: str, b: str, min_run: int = 3) -> tuple[int, int, int, int] | None:
    """``(a_start, a_end, b_start, b_end)`` of the stretch shared by ``a`` and ``b``, or None."""
    wa = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(a)]
    wb = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(b)]
    matcher = SequenceMatcher(None, [w[2] for w in wa], [w[2] for w in wb], autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size >= min_run]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    return (
        wa[first.a][0],
        wa[last.a + last.size - 1][1],
        wb[first.b][0],
        wb[last.b + last.size - 1][1],
    )
