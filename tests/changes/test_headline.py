"""The headline check on hand-made articles."""

from __future__ import annotations

from pathlib import Path

from tests.changes.changes_build import article
from unspun.changes import ChangeConfig, ChangeKind, check_headline
from unspun.config import ExtractConfig
from unspun.extract import read_inputs
from unspun.model import Alignment, AlignmentSummary, Article, Caption

DEMO = Path(__file__).parents[2] / "src" / "unspun" / "demo"

BODY = (
    "Prime Minister Eva Berg will visit Oslo next week for talks with Nordic leaders, her "
    "office said.\n\nBerg is expected to attend the Arctic Council meeting in Tromso."
)


def _check(headline: str, body: str = BODY, captions: tuple[str, ...] = ()) -> list:
    copy = article("Some copy text about the trip.", title=headline)
    source = article(body, title="Berg to visit Oslo")
    if captions:
        source = Article(
            source.id,
            source.text,
            source.title,
            source.paragraphs,
            tuple(Caption(c) for c in captions),
        )
    empty = Alignment(copy.id, source.id, (), (), (), AlignmentSummary(0, 0, 0, 0, False))
    return list(check_headline(copy, source, empty, ChangeConfig()))


def test_supported_headline_is_clean() -> None:
    assert _check("Prime Minister Eva Berg To Visit Oslo For Nordic Talks") == []


def test_unsupported_event_names_what_the_source_mentions() -> None:
    (change,) = _check("Berg To Attend G7 Summit In Oslo")
    assert change.kind == ChangeKind.UNSUPPORTED.value
    assert change.severity == "high"
    assert change.copy_text == "G7 Summit"
    assert "Arctic Council meeting" in change.explanation


def test_title_change_with_caption_note() -> None:
    changes = _check(
        "Foreign Minister Eva Berg Visits Oslo",
        captions=("Foreign Minister Eva Berg speaks in Bergen in 2009.",),
    )
    (change,) = changes
    assert change.kind == ChangeKind.TITLE.value
    assert change.copy_text == "Foreign Minister"
    assert "caption" in change.explanation
    assert change.source_text == "Prime Minister"


def test_unsupported_number_in_headline() -> None:
    (change,) = _check("Berg To Meet 12 Nordic Leaders In Oslo")
    assert change.kind == ChangeKind.UNSUPPORTED.value
    assert change.copy_text == "12"


def test_no_headline_no_check() -> None:
    assert _check("") == []


def _demo(name: str) -> Article:
    (item,) = read_inputs([str(DEMO / name)], ExtractConfig())
    assert isinstance(item, Article), item
    return item


def test_demo_pair_headline() -> None:
    """The bundled spun copy: a caption's old title and an invented regatta in its headline."""
    copy, source = _demo("trendpulse_ferry_spun.txt"), _demo("ap_ferry_aground.txt")
    empty = Alignment(copy.id, source.id, (), (), (), AlignmentSummary(0, 0, 0, 0, False))
    changes = check_headline(copy, source, empty, ChangeConfig())
    by_kind = {c.kind: c for c in changes}
    assert len(changes) == 2, [(c.kind, c.copy_text) for c in changes]
    title = by_kind[ChangeKind.TITLE.value]
    assert title.copy_text == "Deputy Harbor Master"
    assert title.source_text == "Harbor Master"
    assert title.severity == "high"
    assert "photo caption" in title.explanation
    event = by_kind[ChangeKind.UNSUPPORTED.value]
    assert event.copy_text == "Marlow Bay Regatta"
    assert event.severity == "high"


def test_title_case_verbs_and_short_names_are_not_flagged() -> None:
    assert _check("Berg Heads To Oslo, Meets Nordic Leaders In Talks On Arctic Council") == []


def test_new_place_after_a_known_name_is_flagged() -> None:
    (change,) = _check("Berg Meets Nordic Leaders At Oslo Airport")
    assert change.kind == ChangeKind.UNSUPPORTED.value
    assert change.copy_text == "Oslo Airport"


def test_invented_occasion_is_flagged() -> None:
    (change,) = _check("Berg To Visit Oslo For Midsummer Festival")
    assert change.copy_text == "Midsummer Festival"


def test_descriptions_and_verb_forms_are_not_names() -> None:
    body = BODY + " Russian officials were not invited."
    assert _check("Berg To Visit Oslo For Talks On Russian Threat", body=body) == []
    assert _check("Berg Visits Oslo Ahead Of Arctic Council Delayed By Storm") == []


def test_added_rank_and_dropped_rank_are_title_changes() -> None:
    (added,) = _check("Acting Prime Minister Eva Berg Visits Oslo")
    assert added.kind == ChangeKind.TITLE.value
    assert added.copy_text == "Acting Prime Minister"
    body = BODY.replace("Prime Minister Eva Berg", "Deputy Prime Minister Eva Berg")
    (dropped,) = _check("Prime Minister Eva Berg Visits Oslo", body=body)
    assert dropped.kind == ChangeKind.TITLE.value
    assert _check("Deputy Prime Minister Berg Visits Oslo", body=body) == []


TALKS = (
    "Harbour officials and the ferry union met on Monday in Turku.\n\n"
    "Neither side expects a breakthrough, and a deal on wages is unlikely before autumn, the "
    "union said.\n\n"
    "The strike may spread to Naantali, officials said.\n\n"
    "The union criticized the port's new safety plan, which it called rushed.\n\n"
    "Police said the driver was armed when he was stopped.\n\n"
    "Port officials said the ferry service was doing a better job this summer.\n\n"
    "Reporters asked about the strike, but Lindgren refused to answer."
)


def _against(headline: str, body: str = TALKS) -> list:
    return _check(headline, body)


def test_outcome_reported_as_done_where_the_source_doubts_it() -> None:
    (change,) = _against("Ferry Union And Port Seal Wage Deal")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text == "Seal Wage Deal"
    assert "unlikely" in change.source_text


def test_certainty_inflated() -> None:
    (change,) = _against("Ferry Strike Will Spread To Naantali")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text.startswith("Will")
    assert "may" in change.explanation


def test_opposite_stance() -> None:
    (change,) = _against("Union Praises Port's New Safety Plan")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text == "Praises"


def test_negated_verb_of_the_same_person() -> None:
    (change,) = _against("Lindgren Answers Reporters On Ferry Strike")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text == "Answers"
    assert "refused to answer" in change.explanation
    assert _against("Why Lindgren Answers No Questions On The Strike") == []


def test_opposite_direction() -> None:
    (change,) = _against("Port Officials Say Ferry Service Has Gotten Worse")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text == "Worse"


def test_negating_affix() -> None:
    (change,) = _against("Police Stop Unarmed Driver")
    assert change.kind == ChangeKind.CONTRADICTED.value
    assert change.copy_text == "Unarmed"


def test_hedged_or_matching_headlines_are_not_contradictions() -> None:
    assert _against("Ferry Strike May Spread To Naantali") == []
    assert _against("Union Criticizes Port's New Safety Plan") == []
    assert _against("Ferry Union Hopes For Wage Deal") == []


def test_superlative_and_speaker_the_source_never_uses() -> None:
    (change,) = _against("Biggest Ferry Strike Hits Turku")
    assert change.kind == ChangeKind.UNSUPPORTED.value
    assert change.copy_text == "Biggest Ferry"
    (change,) = _against("Mayor Lindqvist Says Ferry Strike May Spread")
    assert change.kind == ChangeKind.UNSUPPORTED.value
    assert "Lindqvist" in change.copy_text


def test_headline_changes_carry_the_sentences_they_were_checked_against() -> None:
    (change,) = _against("Ferry Strike Will Spread To Naantali")
    assert change.evidence[0] == "Ferry Strike Will Spread To Naantali"
    assert any("may spread to Naantali" in e for e in change.evidence)
