"""Records of the provenance stage: the direction of reuse between two articles, and story
families (an original, its copies and versions, on a timeline).

Like the core records in :mod:`unspun.model` they are small frozen dataclasses holding plain
values, so they pickle cheaply and serialise with :func:`unspun.codec.to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Relation(StrEnum):
    """Which of two articles with reuse derives from which."""

    A_FROM_B = "a_from_b"  # a copies (or rewrites, or cuts short) b
    B_FROM_A = "b_from_a"
    COMMON_SOURCE = "common_source"  # both derive from a third text (often a wire story)
    UNRELATED = "unrelated"  # no reuse between them


class Layer(StrEnum):
    """How close a family member is to the family's original, from closest to loosest."""

    ORIGINAL = "original"  # the family's original itself
    EXACT = "exact duplicate"  # the same text
    NEAR = "near-duplicate"  # small edits
    REUSE = "reuse"  # shared passages, verbatim or paraphrased
    EVENT = "same event"  # an independent report of the same event, little shared text


@dataclass(frozen=True, slots=True)
class Direction:
    """The provenance verdict for articles ``a`` and ``b``, with the reasons in words.

    ``source`` names the common source when there is one to name (a wire agency: "AP");
    ``cut_short`` is the id of an article that is a republication cut short (a prefix-like
    subset of the other or of the common source), ``earlier_version`` the id of an article that
    is an earlier, shorter version of a story the other updates. ``roles`` says in words what
    each of ``a`` and ``b`` does with the material ("republishes it cut short"). ``first`` is
    the one dated earlier, whatever the relation (two sites running one wire story in turn).
    """

    a_id: str
    b_id: str
    relation: Relation
    confidence: float  # 0..1
    reasons: tuple[str, ...]
    verdict: str  # the whole answer in one sentence
    source: str = ""
    cut_short: str = ""
    earlier_version: str = ""
    roles: tuple[str, str] = ("", "")
    first: str = ""  # the id of the one dated earlier ('' when the dates cannot tell)

    def derived(self) -> str:
        """The id of the derived article ('' for a common source or no relation)."""
        if self.relation == Relation.A_FROM_B:
            return self.a_id
        if self.relation == Relation.B_FROM_A:
            return self.b_id
        return ""


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """One article of a story family and how it relates to the family's original."""

    article_id: str
    title: str
    site: str
    when: str  # publication time, else the time it was fetched ('' when unknown; see clock)
    words: int
    layer: Layer  # exact duplicate / near-duplicate / reuse / same event
    relation: str  # in words: "original", "verbatim copy of …", "version (update)", …
    parent: str  # the member (or "wire:AP") it most likely derives from; '' for the original
    reuse_share: float  # share of this member's text found in its parent / the family's text
    growth: int = 0  # words this version adds over the previous version on the timeline
    adds: str = ""  # the first sentence it adds, as a sample of what it adds
    clock: str = ""  # which clock ``when`` is on: "published", "fetched", ...


@dataclass(frozen=True, slots=True)
class StoryFamily:
    """Articles that share text: the original (or the wire story behind them) and its copies.

    ``original`` is a member id, or "" when the original is not in the library; then
    ``original_label`` says so ("wire story, not in the library: AP"). ``members`` are in
    timeline order (earliest first, undated last). ``events`` lists articles outside the family
    that report the same event with little shared text (the loosest layer).
    """

    id: int
    title: str
    original: str
    original_label: str
    wire: tuple[str, ...]
    members: tuple[FamilyMember, ...]
    events: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.members)
