"""The document-level judgement: reuse, the same event reported independently, or unrelated."""

from __future__ import annotations

from unspun.align import AlignConfig
from unspun.align.decision import (
    REUSE,
    SAME_EVENT,
    UNRELATED,
    decide,
    ordered_runs,
    quoted_share,
    same_subject,
)
from unspun.model import Evidence, Label, SentencePair, Span

CFG = AlignConfig()


def _units(sentences: list[str], title: str = "") -> list[tuple[Span, str]]:
    units, pos = [], 0
    if title:
        units.append((Span("title", 0, len(title)), title))
    for s in sentences:
        units.append((Span("body", pos, pos + len(s)), s))
        pos += len(s) + 1
    return units


def _pair(copy: tuple[Span, str], source: tuple[Span, str], score: float, label=Label.PARAPHRASE):
    return SentencePair((copy[0],), (source[0],), label, score, Evidence())


REPORT_A = [
    "President Hale and Premier Voss met in Norrvik on Monday for their first summit.",
    '"We have a lot to talk about," Hale told reporters before the talks began in the palace.',
    "The two leaders spoke alone for two hours, with only interpreters in the room.",
    "Protesters gathered outside the palace, waving flags and banners about press freedom.",
    "Voss arrived forty minutes late, as he often does at such meetings.",
]
REPORT_B = [
    "Hale and Voss sat down in Norrvik on Monday, the first summit between the two.",
    '"We have a lot to talk about," Hale told reporters before the talks began in the palace.',
    "Officials said arms control and the war in the south would top the agenda.",
    "Only interpreters joined the two leaders for their two-hour private meeting.",
    "Several hundred people rallied near the palace in support of a free press.",
]


def test_quotations_in_double_and_single_quotes() -> None:
    assert quoted_share('"We have a lot to talk about," Hale said.') > 0.6
    assert quoted_share("He said there was 'very little doubt in my mind' about it.") > 0.4
    assert quoted_share("The president's aides said the talks went well.") == 0.0


def test_ordered_runs_follow_both_texts() -> None:
    a, b = _units(REPORT_A), _units(REPORT_B)
    pairs = [_pair(a[0], b[0], 0.8), _pair(a[2], b[3], 0.8), _pair(a[3], b[1], 0.8)]
    assert [len(r) for r in ordered_runs(pairs)] == [2, 1]


def _own(words: str, n: int) -> list[str]:
    """``n`` sentences of a report's own, shared with no other text."""
    return [
        f"Sentence {k} of the {words} report tells what only its reporter saw." for k in range(n)
    ]


def test_two_reports_of_one_event_sharing_facts_and_a_quote_are_the_same_event() -> None:
    a = _units(REPORT_A + _own("first", 8), "Hale and Voss meet in Norrvik")
    b = _units(REPORT_B + _own("second", 8), "Hale, Voss talk")
    pairs = [
        _pair(a[1], b[1], 0.8),  # the lede, reworded: same facts
        _pair(a[2], b[2], 1.0, Label.VERBATIM),  # the same quote
        _pair(a[3], b[4], 0.75),  # the private meeting, told apart
    ]
    assert same_subject(a, b, CFG)
    assert decide(pairs, a, b, True, CFG) == SAME_EVENT


def test_a_spun_copy_keeps_the_narration_in_order() -> None:
    a, b = _units(REPORT_A), _units(REPORT_B)
    pairs = [_pair(a[i], b[i], 0.8) for i in (0, 2, 3, 4)]
    assert decide(pairs, a, b, True, CFG) == REUSE


def test_a_passage_lifted_into_a_text_about_something_else_is_reuse() -> None:
    other = _units(["The Kestrel Valley vineyard harvested its first grapes on Friday."] * 6,
                   "Kestrel Valley wine")  # fmt: skip
    a = _units(REPORT_A, "Hale and Voss meet in Norrvik")
    assert not same_subject(other, a, CFG)
    pairs = [_pair(other[2], a[3], 0.75)]
    assert decide(pairs, other, a, True, CFG) == REUSE
    assert decide(pairs, other, a, False, CFG) == SAME_EVENT


def test_nothing_aligned_in_the_body_is_unrelated() -> None:
    a, b = _units(REPORT_A, "A"), _units(REPORT_B, "B")
    title_only = [SentencePair((a[0][0],), (b[0][0],), Label.PARAPHRASE, 0.9, Evidence())]
    assert decide(title_only, a, b, True, CFG) == UNRELATED
