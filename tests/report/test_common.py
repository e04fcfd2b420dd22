from __future__ import annotations

from unspun.model import AlignmentSummary, Label
from unspun.report.common import copy_rows, diff_ops, dropped_spans, verdict, word_diff


def test_copy_rows_follow_reading_order_and_include_new(compared):
    rows = copy_rows(compared.alignment)
    assert [r.number for r in rows] == [1, 2, 3, 4]
    assert [r.label for r in rows] == [
        Label.PARAPHRASE,
        Label.NEAR_VERBATIM,
        Label.PARAPHRASE,
        Label.NEW,
    ]
    assert rows[0].copy[0].field == "title"
    assert rows[3].pair is None and rows[3].source == ()


def test_dropped_spans_are_the_alignments(compared):
    assert dropped_spans(compared.alignment) == list(compared.alignment.dropped)


def test_word_diff_marks_only_the_words_that_differ(compared):
    pair = compared.alignment.pairs[1]
    copy_words, source_words = word_diff(compared.copy, compared.source, pair)
    field = compared.copy.text
    changed_copy = [field[w.start : w.end] for ws in copy_words.values() for w in ws if w.changed]
    changed_src = [
        compared.source.text[w.start : w.end]
        for ws in source_words.values()
        for w in ws
        if w.changed
    ]
    # punctuation and case do not count: "bridge." matches "bridge"
    assert changed_copy == ["on", "Monday."]
    assert changed_src == ["new"]


def test_diff_ops_rebuild_both_texts():
    source = "The White House confirms details of the summit."
    copy = "The White House confirmed the summit details on Tuesday."
    ops = diff_ops(copy, source)
    assert " ".join(t for op, t in ops if op != "del") == copy
    # equal runs show the copy's words; the source's differ only in punctuation there
    assert " ".join(t for op, t in ops if op != "ins").rstrip(".") == source.rstrip(".")
    assert ops == [
        ("same", "The White House"),
        ("del", "confirms details of"),
        ("ins", "confirmed"),
        ("same", "the summit"),
        ("ins", "details on Tuesday."),
    ]


def test_verdict_words():
    assert verdict(AlignmentSummary(0.9, 0.8, 0.1, 0.8, True)).startswith("spun copy")
    assert verdict(AlignmentSummary(0.95, 0.9, 0.9, 0.05, True)).startswith("verbatim copy")
    assert "cut short" not in verdict(AlignmentSummary(0.95, 0.9, 0.9, 0.05, True))
    assert "cut short" in verdict(AlignmentSummary(0.95, 0.4, 0.9, 0.05, True))
    assert verdict(AlignmentSummary(0.3, 0.2, 0.25, 0.05, True)).startswith("partly derived")
    assert verdict(AlignmentSummary(0.0, 0.0, 0.0, 0.0, False, "unrelated")).startswith("unrelated")
    same = verdict(AlignmentSummary(0.05, 0.02, 0.0, 0.05, False, "same event"))
    assert same.startswith("the same event reported independently")
