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


def _against(source_text: str, claim: str) -> str | None:
    every = source_sentences(article(source_text, title="Harbour council"))
    near = supporting(words(claim), every, set(), 3)
    found = contradiction(claim, words(claim), near, every, 3)
    return claim[found.start : found.end] if found else None


def test_a_denial_with_words_between_subject_and_negation() -> None:
    source = "The harbour council met on Friday.\n\nMayor Lind has never condemned the dredging."
    assert _against(source, "Lind Condemns Harbour Dredging") == "Condemns"
    assert _against(source, "Lind Backs Harbour Dredging") is None  # not a denial of backing


def test_a_denied_act_told_with_another_verb() -> None:
    source = (
        "Mayor Lind spoke to reporters on the quay.\n\nHe declined to discuss his plans for the "
        "harbour, saying only that talks would go on."
    )
    assert _against(source, "Lind Unveils His Plans For Harbour") == "Unveils His Plans"
    # the verb must act on what was denied, not on something met further on
    assert _against(source, "Lind Waves To Reporters Before Talks On His Plans") is None
    # a verb the source does use of those plans is not a paraphrase of the denial
    used = source + "\n\nLind unveils his plans for the harbour next month, aides said."
    assert _against(used, "Lind Unveils His Plans For Harbour") is None
    # "he" is the mayor only when the sentence before names him
    elsewhere = (
        "Harbour staff met on the quay.\n\nHe declined to discuss his plans for the harbour."
    )
    assert _against(elsewhere, "Lind Unveils His Plans For Harbour") is None


def test_a_double_denial_is_no_contradiction() -> None:
    source = "The harbour council met.\n\nMayor Lind did not rule out new harbour fees."
    assert _against(source, "Lind Threatens New Harbour Fees") is None
