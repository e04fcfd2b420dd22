"""Contradiction of a claim by source sentences, and the sentences a headline is checked on."""

from __future__ import annotations

from tests.changes.changes_build import article
from unspun.changes.contradict import contradiction
from unspun.changes.normalize import words
from unspun.changes.support import source_sentences, supporting

SOURCE = article(
    "Talks on the canal resumed on Tuesday.\n\nNo agreement is expected this week, a "
    "negotiator said.\n\nWater levels could rise by June.",
    title="Canal talks resume",
)


def _contradicts(claim: str) -> str | None:
    every = source_sentences(SOURCE)
    near = supporting(words(claim), every, set(), 3)
    found = contradiction(claim, words(claim), near, every, 3)
    return claim[found.start : found.end] if found else None


def test_supporting_sentences_share_the_claims_words() -> None:
    every = source_sentences(SOURCE)
    assert every[0].span.field == "title"
    (best, *_) = supporting(words("Canal Water Levels To Rise"), every, set(), 3)
    assert best.text.startswith("Water levels")


def test_each_way_of_contradicting() -> None:
    assert _contradicts("Canal Agreement Reached") == "Agreement Reached"
    assert _contradicts("Water Levels Will Rise By June") == "Will Rise"
    assert _contradicts("Water Levels Could Rise By June") is None
    assert _contradicts("Water Levels Could Fall By June") == "Fall"
    assert _contradicts("Canal Talks Resume") is None


def test_an_aim_or_a_prospect_is_no_direction_to_contradict() -> None:
    source = article(
        "Officials have stressed the path to improving canal ties runs through honest talks."
        "\n\nThe prospect of improving canal ties is in the council's hands.",
        title="Canal ties",
    )
    claim = "Canal ties have never been worse"
    every = source_sentences(source)
    near = supporting(words(claim), every, set(), 3)
    assert contradiction(claim, words(claim), near, every, 3) is None
