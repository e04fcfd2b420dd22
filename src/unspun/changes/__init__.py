"""Changes stage: where a copy departs from its source.

``detect_changes(copy, source, alignment, cfg)`` compares every aligned pair and reports
:class:`unspun.model.Change` records (names, titles, numbers, dates, quotes, negation,
attribution, hedges, details added or dropped, claims added); ``check_headline`` checks the
copy's headline against the source's title and body.
"""

from unspun.changes.config import ChangeConfig
from unspun.changes.detect import detect_changes
from unspun.changes.headline import check_headline
from unspun.changes.kinds import ChangeKind, Severity
from unspun.changes.nlp import load_nlp

__all__ = [
    "ChangeConfig",
    "ChangeKind",
    "Severity",
    "check_headline",
    "detect_changes",
    "load_nlp",
]
