"""The kinds of change and their severities."""

from __future__ import annotations

from enum import StrEnum


class ChangeKind(StrEnum):
    ENTITY = "entity changed"
    TITLE = "title changed"
    NUMBER = "number changed"
    DATE = "date changed"
    QUOTE = "quote altered"
    NEGATION = "negation flipped"
    ATTRIBUTION = "attribution changed"
    HEDGE = "hedge removed"
    ADDED = "detail added"
    DROPPED = "detail dropped"
    CLAIM = "claim added"
    UNSUPPORTED = "unsupported in headline"
    CONTRADICTED = "contradicted in headline"


class Severity(StrEnum):
    HIGH = "high"  # the copy contradicts the source
    MEDIUM = "medium"  # the copy adds what the source does not support
    LOW = "low"  # the copy leaves out a detail


SEVERITY = {
    ChangeKind.ENTITY: Severity.HIGH,
    ChangeKind.TITLE: Severity.HIGH,
    ChangeKind.NUMBER: Severity.HIGH,
    ChangeKind.DATE: Severity.HIGH,
    ChangeKind.QUOTE: Severity.HIGH,
    ChangeKind.NEGATION: Severity.HIGH,
    ChangeKind.ATTRIBUTION: Severity.HIGH,
    ChangeKind.HEDGE: Severity.MEDIUM,
    ChangeKind.ADDED: Severity.MEDIUM,
    ChangeKind.DROPPED: Severity.LOW,
    ChangeKind.CLAIM: Severity.MEDIUM,
    ChangeKind.UNSUPPORTED: Severity.HIGH,
    ChangeKind.CONTRADICTED: Severity.HIGH,
}
RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
