from __future__ import annotations

import json

from unspun.model import Span
from unspun.report.json import SCHEMA, compare_report, dumps, span_block


def test_report_has_the_versioned_top_level_keys(compared):
    report = compare_report(compared.copy, compared.source, compared.alignment, model="m")
    assert report["schema"] == SCHEMA == "unspun.compare/1"
    assert {"schema", "model", "copy", "source", "summary", "pairs", "new", "dropped"} <= set(
        report
    )
    assert report["model"] == "m"
    assert json.loads(dumps(report)) == report


def test_summary_carries_reuse_and_shares(compared):
    summary = compare_report(compared.copy, compared.source, compared.alignment)["summary"]
    assert summary["reuse"] is True
    assert summary["copy_share"] == 0.72
    assert summary["source_share"] == 0.81
    assert summary["verbatim_share"] == 0.35
    assert summary["paraphrase_share"] == 0.37
    assert (summary["pairs"], summary["new"], summary["dropped"]) == (3, 1, 1)
    assert summary["verdict"]


def test_article_blocks(compared):
    report = compare_report(compared.copy, compared.source, compared.alignment)
    block = report["copy"]
    assert block["id"] == compared.copy.id
    assert block["title"] == compared.copy.title
    assert block["site"] == "copysite"
    assert block["wire"] == ["AP"]
    assert block["published"] == "2026-03-02"
    assert "text" not in block  # plain text input: offsets refer to the file itself


def test_html_input_includes_the_extracted_text(compared):
    from dataclasses import replace

    html_copy = replace(compared.copy, format="html")
    block = compare_report(html_copy, compared.source, compared.alignment)["copy"]
    assert block["text"] == compared.copy.text
    assert block["captions"] == []


def test_span_offsets_point_into_the_input_files(compared):
    report = compare_report(compared.copy, compared.source, compared.alignment)
    for pair in report["pairs"]:
        for side, raw in (("copy", compared.copy_input), ("source", compared.source_input)):
            for span in pair[side]:
                assert raw[span["start"] : span["end"]] == span["text"]
    for span in report["new"]:
        assert compared.copy_input[span["start"] : span["end"]] == span["text"]
    for span in report["dropped"]:
        assert compared.source_input[span["start"] : span["end"]] == span["text"]
        assert span["field"] == "caption" and span["index"] == 0


def test_field_offsets_point_into_the_fields(compared):
    report = compare_report(compared.copy, compared.source, compared.alignment)
    pair = report["pairs"][2]
    assert pair["label"] == "paraphrase"
    assert [s["text"] for s in pair["source"]] == [
        "The bridge cost $12 million.",
        "Officials said traffic would ease.",
    ]
    for span in pair["source"]:
        assert compared.source.text[span["field_start"] : span["field_end"]] == span["text"]
    assert pair["evidence"]["cosine"] == 0.82
    assert pair["score"] == 0.7
    assert report["new"][0]["row"] == 4


def test_untraceable_span_has_null_input_offsets(compared):
    from dataclasses import replace

    copy = replace(compared.copy, title_origin=-1)
    block = span_block(copy, Span("title", 0, 5))
    assert block["start"] is None and block["end"] is None
    assert (block["field_start"], block["field_end"]) == (0, 5)
