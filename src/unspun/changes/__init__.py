"""Changes stage: where a copy departs from its source.

``detect_changes(copy, source, alignment, cfg)`` compares every aligned pair and reports
:class:`unspun.model.Change` records (names, titles, numbers, dates, quotes, negation,
attribution, hedges, details added or dropped, claims added), ordered by severity then
position; ``check_headline`` checks the copy's headline against the source sentences that share
most of its words: claims they do not support, and claims they contradict.

Layout: ``context`` (the pair's sides, both articles, a pair's findings), ``detectors/`` (one
module per detector; ``PAIR_DETECTORS`` is the order they run in), ``detect`` (runs them),
``headline`` with ``support`` and ``contradict``, and the word-level helpers ``normalize``,
``entities``, ``numbers``.

Patterns only: spaCy's small English model (NER at about 8,000 words/s) would alone spend
~175 ms of the 200 ms budget on a 700-word pair, and titles need patterns anyway; the
``nlp`` argument is kept in the signatures for a pipeline a caller may pass in later.
"""

from unspun.changes.config import ChangeConfig
from unspun.changes.detect import detect_changes
from unspun.changes.headline import check_headline
from unspun.changes.kinds import ChangeKind, Severity

__all__ = [
    "ChangeConfig",
    "ChangeKind",
    "Severity",
    "check_headline",
    "detect_changes",
]
