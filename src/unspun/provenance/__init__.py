"""Provenance stage: which article derives from which, and story families.

``infer_direction(a, b, alignment, cfg)`` says whether ``a`` derives from ``b``, ``b`` from
``a``, both from a common source (a wire story), or neither, with the reasons in words.
:class:`FamilyIndex` keeps story families in step with the library as articles are added;
``sync_families`` catches up a library filled without it; ``load_family`` reads one back.
"""

from unspun.provenance.direction import DirectionConfig, infer_direction
from unspun.provenance.families import FamilyConfig, FamilyIndex, sync_families
from unspun.provenance.records import Direction, FamilyMember, Layer, Relation, StoryFamily
from unspun.provenance.stories import family_ids, family_of, load_family

__all__ = [
    "Direction",
    "DirectionConfig",
    "FamilyConfig",
    "FamilyIndex",
    "FamilyMember",
    "Layer",
    "Relation",
    "StoryFamily",
    "family_ids",
    "family_of",
    "infer_direction",
    "load_family",
    "sync_families",
]
