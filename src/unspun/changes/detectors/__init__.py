"""The detectors of one aligned pair, in the one order they run.

Each is a plain function over the pair's :class:`~unspun.changes.context.Findings`; a finding
that overlaps an earlier one on either side is refused, so the most specific detectors come
first: quotations, negation, attribution, titles, then names, numbers and dates replaced by
others, hedges, clauses added or left out, and last the names, numbers and dates added or left
out that no earlier finding explains. Sentences with no partner are judged in
:mod:`unspun.changes.detectors.claims`, the headline in :mod:`unspun.changes.headline`.
"""

from __future__ import annotations

from collections.abc import Callable

from unspun.changes.context import Findings
from unspun.changes.detectors.attribution import attribution_changed
from unspun.changes.detectors.clauses import clauses_added_or_dropped
from unspun.changes.detectors.dates import dates_added_or_dropped, dates_changed
from unspun.changes.detectors.hedges import hedges_removed
from unspun.changes.detectors.names import names_added, names_changed
from unspun.changes.detectors.negation import negation_flipped
from unspun.changes.detectors.numbers import numbers_added_or_dropped, numbers_changed
from unspun.changes.detectors.quotes import quotes_altered
from unspun.changes.detectors.titles import titles_changed

Detector = Callable[[Findings], None]

PAIR_DETECTORS: tuple[Detector, ...] = (
    quotes_altered,
    negation_flipped,
    attribution_changed,
    titles_changed,
    names_changed,
    numbers_changed,
    dates_changed,
    hedges_removed,
    clauses_added_or_dropped,
    numbers_added_or_dropped,
    dates_added_or_dropped,
    names_added,
)

__all__ = ["PAIR_DETECTORS", "Detector"]
