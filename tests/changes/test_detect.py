"""Each detector on hand-made sentence pairs, and rewording that must not be flagged."""

from __future__ import annotations

import pytest

from tests.changes.changes_build import article
from unspun.align import AlignConfig, align_articles
from unspun.changes import ChangeConfig, ChangeKind, detect_changes
from unspun.model import Alignment, AlignmentSummary, Evidence, Label, SentencePair, Span

SOURCE = (
    "Finnish President Sauli Niinisto told The Associated Press on Monday that the ferry "
    "operator had hired a dozen new engineers after the accident in Turku."
)

CASES = [
    # (kind, copy sentence, source sentence, words the change must cover in the copy)
    (
        ChangeKind.ENTITY,
        "The ferry ran aground near Turku, officials said.",
        "The ferry ran aground near Naantali, officials said.",
        "Turku",
    ),
    (
        ChangeKind.TITLE,
        "Caretaker Prime Minister Anna Lind opened the new bridge in the capital on Friday.",
        "President Anna Lind opened the new bridge in the capital on Friday.",
        "Prime Minister",
    ),
    (
        ChangeKind.TITLE,
        "The company's brewmaster, Tom Hale, said the plant would reopen.",
        "The company's CEO, Tom Hale, said the plant would reopen.",
        "brewmaster",
    ),
    (
        ChangeKind.TITLE,
        "Deputy Harbor Master Denise Okafor said the channel would reopen on Monday.",
        "Harbor Master Denise Okafor said the channel would reopen on Monday.",
        "Deputy Harbor Master",
    ),
    (
        ChangeKind.TITLE,
        "Fire Chief Ray Dunn said the blaze was out by midnight.",
        "Assistant Fire Chief Ray Dunn said the blaze was out by midnight.",
        "Fire Chief",
    ),
    (
        ChangeKind.TITLE,
        "Mayor-elect Jane Doe said the plan would go ahead.",
        "Mayor Jane Doe said the plan would go ahead.",
        "Mayor-elect",
    ),
    (
        ChangeKind.TITLE,
        "Minority Whip Tom Reyes said the bill would pass.",
        "Majority Whip Tom Reyes said the bill would pass.",
        "Minority Whip",
    ),
    (
        ChangeKind.TITLE,
        "Undersheriff Dale Ortiz said two men had been charged.",
        "Sheriff Dale Ortiz said two men had been charged.",
        "Undersheriff",
    ),
    (
        ChangeKind.NUMBER,
        "Rescuers pulled ten people from the water after the boat capsized.",
        "Rescuers pulled a dozen people from the water after the boat capsized.",
        "ten",
    ),
    (
        ChangeKind.NUMBER,
        "The council approved a budget of 4.5 million euros for the library.",
        "The council approved a budget of 3 million euros for the library.",
        "4.5 million",
    ),
    (
        ChangeKind.DATE,
        "The talks will resume on Thursday in the capital.",
        "The talks will resume on Wednesday in the capital.",
        "Thursday",
    ),
    (
        ChangeKind.DATE,
        "The museum first opened its doors in March 1998.",
        "The museum first opened its doors in May 1998.",
        "March",
    ),
    (
        ChangeKind.QUOTE,
        "“We will never accept these terms,” the minister said of the offer.",
        "“We cannot accept these terms yet,” the minister said of the offer.",
        "never",
    ),
    (
        ChangeKind.NEGATION,
        "The mayor did not approve the plan to close the harbour bridge.",
        "The mayor approved the plan to close the harbour bridge.",
        "not",
    ),
    (
        ChangeKind.NEGATION,
        "The prosecutor confirmed that charges would be filed against the captain.",
        "The prosecutor did not confirm that charges would be filed against the captain.",
        "confirmed",
    ),
    (
        ChangeKind.ATTRIBUTION,
        "The senator told Reuters that the bill would pass before the summer recess.",
        "The senator told The Associated Press that the bill would pass before the summer recess.",
        "Reuters",
    ),
    (
        ChangeKind.HEDGE,
        "Investigators say the hackers stole the voter files from the state server.",
        "Investigators say the hackers allegedly stole the voter files from the state server.",
        "stole",
    ),
    (
        ChangeKind.HEDGE,
        "The merger will close by the end of the year, the bank said.",
        "The merger may close by the end of the year, the bank said.",
        "close",
    ),
    (
        ChangeKind.TITLE,
        "Senate Majority Leader Chuck Schumer urged the president to cancel the summit.",
        "Senate Minority Leader Chuck Schumer urged the president to cancel the summit.",
        "Majority",
    ),
    (
        ChangeKind.TITLE,
        "John Bolton, Trump's chief of staff, said the meeting would be unstructured.",
        "John Bolton, Trump's national security adviser, said the meeting would be unstructured.",
        "chief of staff",
    ),
    (
        ChangeKind.ATTRIBUTION,
        "Trump was upbeat, telling Fox News he had low expectations for the talks.",
        "Trump was upbeat, telling CBS he had low expectations for the talks.",
        "Fox News",
    ),
    (
        ChangeKind.ENTITY,
        "Donald Tusk, president of the European Commission, replied on Twitter.",
        "Donald Tusk, president of the European Council, replied on Twitter.",
        "Commission",
    ),
    (
        ChangeKind.HEDGE,
        "Both sides hope for a deal to start talks on arms control.",
        "Both sides hope for maybe a deal to start talks on arms control.",
        "deal",
    ),
    (
        ChangeKind.ADDED,
        "The bridge reopened on Tuesday after repairs.",
        "The bridge reopened after repairs.",
        "on Tuesday",
    ),
    (
        ChangeKind.ADDED,
        "The crew left the vessel in the harbour after a fire, which witnesses said had burned "
        "for several hours before firefighters arrived from the neighbouring island.",
        "The crew left the vessel in the harbour after a fire.",
        "witnesses",
    ),
    (
        ChangeKind.DROPPED,
        "Hackers entered the ministry's network last year.",
        "Hackers entered the ministry's network last year, stealing payroll records of nearly "
        "four thousand employees.",
        "payroll records",
    ),
    (
        ChangeKind.NUMBER,
        "At least half a dozen miners were hurt when the tunnel flooded.",
        "At least seven miners were hurt when the tunnel flooded.",
        "half a dozen",
    ),
    (
        ChangeKind.QUOTE,
        'The mayor said the storm was "inaccurately forecast by the weather service."',
        'The mayor said the storm was "accurately forecast by the weather service."',
        "inaccurately",
    ),
    (
        ChangeKind.ENTITY,
        "The minister told Norway's Storting that she had resigned.",
        "The minister told Norway's Folketing that she had resigned.",
        "Storting",
    ),
    (
        ChangeKind.ENTITY,
        "European Commission President Anna Lind urged both sides to trade freely with Europe.",
        "European Council President Anna Lind urged both sides to trade freely with Europe.",
        "European Commission",
    ),
    (
        ChangeKind.ENTITY,
        "The BBC's correspondent in Tallinn said the ferry talks had stalled.",
        "Sky's correspondent in Tallinn said the ferry talks had stalled.",
        "BBC's",
    ),
    (
        ChangeKind.ENTITY,
        "Sen. Anna Lind of Ohio says the ferry bill is dead.",
        "Sen. Anna Lind of Iowa says the ferry bill is dead.",
        "Ohio",
    ),
    (
        ChangeKind.ENTITY,
        "Officials in Tallinn said the ferry was late.",
        "Officials in Riga said the ferry was late.",
        "Tallinn",
    ),
    (
        ChangeKind.ATTRIBUTION,
        '"We will rebuild the pier," said harbour worker Lena Ek, 41.',
        '"We will rebuild the pier," said harbour worker Mia Berg, 41.',
        "Lena Ek",
    ),
]


@pytest.mark.parametrize(
    ("kind", "copy", "source", "phrase"),
    CASES,
    ids=[f"{c[0].name}-{k}" for k, c in enumerate(CASES)],
)
def test_detects_planted_change(pair_changes, kind, copy, source, phrase) -> None:
    changes = pair_changes(copy, source)
    kinds = [c.kind for c in changes]
    assert kind.value in kinds, (kinds, [c.explanation for c in changes])
    hit = next(c for c in changes if c.kind == kind.value)
    shown = hit.copy_text or hit.source_text
    assert phrase.split()[0].lower() in (hit.copy_text + " " + hit.source_text).lower(), shown


PARAPHRASES = [
    (
        "The White House has repeatedly stated that it seeks a stable relationship with Russia.",
        "The White House has repeatedly said it is seeking a stable relationship with the "
        "Russians.",
    ),
    (
        "The administration has also chastised Moscow for the imprisonment of the activist.",
        "The administration has also criticized Moscow for the jailing of the activist.",
    ),
    (
        "Officials in the U.S. said the meeting was productive.",
        "US officials said the meeting was productive.",
    ),
    (
        "President Joe Biden will meet Putin next month.",
        "US President Joe Biden will meet Vladimir Putin next month.",
    ),
    (
        "Biden first suggested a summit during a phone call with Putin in April.",
        "Biden first proposed a summit in a call with Putin in April.",
    ),
    (
        "The meeting, scheduled for June 16, follows a trip to Britain.",
        "The two leaders' scheduled meeting, set for June 16, follows a trip to Britain.",
    ),
    (
        "The mayor declined to comment on the report on Monday.",
        "The mayor did not comment on the report on Monday.",
    ),
    ("Twelve people were hurt, police said.", "A dozen people were hurt, police said."),
    (
        "In 1998, a worker died when he was hit by a metal cleat.",
        "In December 1998, a worker died when he was hit by a metal cleat.",
    ),
    (
        "Georgia Bureau of Investigation spokesman John Bankhead said the scene was methodical.",
        "GBI spokesman John Bankhead said the scene was methodical.",
    ),
    (
        'He called it "atrociously bad behaviour from a company."',
        'He called it "atrociously bad behavior from a company."',
    ),
    (
        'The council is "the enemy of the people," she said on "Meet the Press."',
        'The council is "the enemy of the people," she said on "Meet the Press."',
    ),
    (
        'Trump said "nothing bad … maybe some good" would come of the meeting [in Helsinki].',
        'Trump said "nothing bad is going to come out of it, and maybe some good will come out" '
        "of the meeting in Helsinki.",
    ),
    (
        'He said "nothing bad is going to come out of it [Helsinki], and maybe some good."',
        'He said "nothing bad is going to come out of it, and maybe some good."',
    ),
    (
        "Russia's top leader arrived in Helsinki on Monday.",
        "Russian President Vladimir Putin arrived in Helsinki on Monday.",
    ),
    (
        "Harbor Master Denise Okafor said the channel would reopen on Monday.",
        "Marlow Bay Harbor Master Denise Okafor said the channel would reopen on Monday.",
    ),
    (
        "Lt. Gov. Dana Ruiz toured the flooded farms on Thursday.",
        "Lt. Gov. Dana Ruiz visited the flooded farms on Thursday.",
    ),
    (
        "Cascade Ferries CEO Paul Brandt said service would resume on Wednesday.",
        "Paul Brandt, the chief executive of Cascade Ferries, said service would resume on "
        "Wednesday.",
    ),
    (
        "Half a dozen ferries and a couple of tugboats were stuck in the ice for a dozen days.",
        "Six ferries and two tugboats were stuck in the ice for 12 days.",
    ),
    (
        "The ferry talks ran longer than planned on Friday.",
        "The ferry talks ran longer than expected on Friday.",
    ),
    (
        "The court charged the dozen sailors on Friday.",
        "The court charged the 12 sailors on Friday.",
    ),
]


@pytest.mark.parametrize(("copy", "source"), PARAPHRASES)
def test_rewording_is_not_a_change(pair_changes, copy, source) -> None:
    changes = pair_changes(copy, source)
    assert changes == (), [(c.kind, c.copy_text, c.source_text) for c in changes]


def test_change_records_point_at_the_words(pair_changes) -> None:
    copy = "Rescuers pulled ten people from the water."
    source = "Rescuers pulled a dozen people from the water."
    (change,) = pair_changes(copy, source)
    assert change.severity == "high"
    assert copy[change.copy_span.start : change.copy_span.end] == "ten"
    assert source[change.source_span.start : change.source_span.end] == "a dozen"
    assert change.evidence == (copy, source)


def test_claim_added_between_aligned_sentences() -> None:
    source = article(
        "The ferry ran aground near the harbour on Sunday morning.\n\n"
        "All passengers were taken ashore by the coast guard within two hours.\n\n"
        "The operator said an inquiry into the grounding would begin next week."
    )
    copy = article(
        "The ferry ran aground near the harbour on Sunday morning.\n\n"
        "Locals blamed the captain, a former smuggler with a drinking habit.\n\n"
        "All passengers were taken ashore by the coast guard within two hours.\n\n"
        "The operator said an inquiry into the grounding would begin next week."
    )
    alignment = align_articles(copy, source, AlignConfig(model="none"), None)
    changes = detect_changes(copy, source, alignment, ChangeConfig())
    assert [c.kind for c in changes] == [ChangeKind.CLAIM.value]
    assert "smuggler" in changes[0].copy_text


def test_captions_and_credits_left_in_the_body_are_not_claims() -> None:
    source = article(
        "The ferry ran aground near the harbour on Sunday morning.\n\n"
        "The operator said an inquiry into the grounding would begin next week."
    )
    copy = article(
        "The ferry ran aground near the harbour on Sunday morning.\n\n"
        "FILE - In this June 12 file photo, the ferry Aurora leaves the harbour at dawn.\n\n"
        "Follow the Coast Daily on Facebook for the latest harbour news.\n\n"
        "The operator said an inquiry into the grounding would begin next week."
    )
    alignment = align_articles(copy, source, AlignConfig(model="none"), None)
    assert detect_changes(copy, source, alignment, ChangeConfig()) == ()


def test_long_tail_of_new_sentences_is_not_a_claim() -> None:
    source = article("The ferry ran aground near the harbour on Sunday morning.")
    tail = "\n\n".join(
        f"Extra paragraph number {k} describes the harbour history at length." for k in range(5)
    )
    copy = article("The ferry ran aground near the harbour on Sunday morning.\n\n" + tail)
    alignment = align_articles(copy, source, AlignConfig(model="none"), None)
    assert detect_changes(copy, source, alignment, ChangeConfig()) == ()


def test_piece_of_a_cut_sentence_is_compared_with_its_pair() -> None:
    """The aligner may pair only the first piece of a long sentence; the rest still counts."""
    source = article(
        "Hackers entered the network of the ministry last year, stealing payroll records of "
        "nearly four thousand employees."
    )
    copy = article("Hackers entered the network of the ministry last year.")
    cut = source.text.index(" stealing")
    pair = SentencePair(
        (Span("body", 0, len(copy.text)),),
        (Span("body", 0, cut),),
        Label.PARAPHRASE,
        0.8,
        Evidence(),
    )
    rest = (Span("body", cut + 1, len(source.text)),)
    alignment = Alignment(
        copy.id, source.id, (pair,), (), rest, AlignmentSummary(1.0, 0.5, 0.0, 1.0, True)
    )
    changes = detect_changes(copy, source, alignment, ChangeConfig())
    assert [c.kind for c in changes] == [ChangeKind.DROPPED.value]
    assert "payroll records" in changes[0].source_text


def test_no_pairs_no_changes() -> None:
    copy, source = article("Something else entirely."), article("Nothing alike here at all.")
    empty = Alignment(copy.id, source.id, (), (), (), AlignmentSummary(0, 0, 0, 0, False))
    assert detect_changes(copy, source, empty, ChangeConfig()) == ()


def test_changes_are_ordered_by_severity_then_position(pair_changes) -> None:
    changes = pair_changes(
        "The crew left the vessel in the harbour after a fire, which witnesses said had burned "
        "for several hours. The ferry ran aground near Turku, officials said.",
        "The crew left the vessel in the harbour after a fire. The ferry ran aground near "
        "Naantali, officials said.",
    )
    severities = [c.severity for c in changes]
    assert severities == sorted(severities, key=["high", "medium", "low"].index), severities
    assert changes[0].kind == ChangeKind.ENTITY.value  # high, though later in the copy


def test_an_outlet_swapped_as_an_owner_is_an_entity_change() -> None:
    from tests.changes.changes_build import one_pair

    copy = article("The mayor told NBC's morning show that the quay would reopen in May.")
    source = article("The mayor told CBS's morning show that the quay would reopen in May.")
    found = detect_changes(copy, source, one_pair(copy, source), ChangeConfig())
    assert [(c.kind, c.copy_text) for c in found] == [(ChangeKind.ENTITY, "NBC's")]


def _changes_between(copy_text: str, source_text: str) -> list[tuple[str, str, str]]:
    from tests.changes.changes_build import one_pair

    copy, source = article(copy_text), article(source_text)
    found = detect_changes(copy, source, one_pair(copy, source), ChangeConfig())
    return [(c.kind, c.copy_text, c.source_text) for c in found]


@pytest.mark.parametrize(
    ("copy", "source"),
    [
        ("About 50% of voters backed the plan.", "Half of voters backed the plan."),
        ("Two-thirds of the members voted yes.", "Some 67% of the members voted yes."),
        ("The talks lasted two hours, aides said.", "The talks lasted 120 minutes, aides said."),
        ("The vote was put off for a week.", "The vote was put off for seven days."),
        ("He left a year later, aides said.", "He left 12 months later, aides said."),
        (
            "The summit opened on July 16 in Helsinki.",
            "The summit opened on Monday, July 16, in Helsinki.",
        ),
        ("Thousands marched in Helsinki.", "Several thousand protesters marched in Helsinki."),
        ("Dozens were arrested at the palace.", "More than 30 people were arrested at the palace."),
        ("The meeting began at 1 p.m.", "The meeting began at 13:00."),
        ("Moscow said the talks could help.", "Russia said the talks could help."),
        ("Washington and Moscow agreed to talk.", "The United States and Russia agreed to talk."),
        ("Trump met Putin in the Finnish capital.", "Trump met Putin in Helsinki."),
    ],
)
def test_one_quantity_in_other_words_is_no_change(copy: str, source: str) -> None:
    assert _changes_between(copy, source) == []


@pytest.mark.parametrize(
    ("copy", "source", "said"),
    [
        ("Half of the voters backed it.", "A third of the voters backed it.", ("Half", "A third")),
        ("About 50% of voters backed it.", "About 40% of voters backed it.", ("50%", "40%")),
        (
            "The talks lasted two hours.",
            "The talks lasted three hours.",
            ("two hours", "three hours"),
        ),
        (
            "The vote was put off for a week.",
            "The vote was put off for a month.",
            ("a week", "a month"),
        ),
        (
            "He served 20 years in prison.",
            "He served 20 months in prison.",
            ("20 years", "20 months"),
        ),
        ("Thousands marched on Sunday.", "Hundreds marched on Sunday.", ("Thousands", "Hundreds")),
        ("Dozens were arrested.", "Five people were arrested.", ("Dozens", "Five")),
        ("The talks began at 14:00.", "The talks began at 1 p.m.", ("14:00", "1 p.m.")),
    ],
)
def test_another_quantity_is_a_number_change(copy: str, source: str, said: tuple[str, str]) -> None:
    kind = ChangeKind.DATE if ":" in said[0] else ChangeKind.NUMBER  # a time of day is a date
    assert _changes_between(copy, source) == [(kind.value, *said)]


def test_a_capital_for_another_country_is_still_a_change() -> None:
    found = _changes_between("Kyiv said the talks could help.", "Moscow said the talks could help.")
    assert [(k, c) for k, c, _ in found] == [(ChangeKind.ATTRIBUTION.value, "Kyiv")]


def test_a_capital_beside_its_country_is_a_place_not_the_country() -> None:
    found = _changes_between(
        "Tusk spoke in Tokyo at a summit between China and the EU.",
        "Tusk spoke in Beijing at a summit between China and the EU.",
    )
    assert [(k, c, s) for k, c, s in found] == [(ChangeKind.ENTITY.value, "Tokyo", "Beijing")]
