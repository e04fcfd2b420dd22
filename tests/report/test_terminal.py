from __future__ import annotations

import io

from rich.console import Console

from unspun.report.terminal import print_compare


def _render(compared, color: bool, width: int = 100, model: str | None = None) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        highlight=False,
    )
    print_compare(console, compared.copy, compared.source, compared.alignment, model=model)
    return out.getvalue()


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_plain_output_names_every_label_and_text(compared):
    text = _render(compared, color=False)
    assert "\x1b[" not in text
    for label in ("paraphrase", "near-verbatim", "new", "dropped"):
        assert label in text
    flat = _squash(text)
    assert "The bridge cost $12 million. Officials said traffic would ease." in flat
    assert "Residents cheered <script>alert(1)</script> loudly." in flat
    assert "The bridge at dusk. (AP Photo/Jo Lee)" in flat
    assert "(no source sentence)" in flat
    assert "score 0.90" in flat


def test_header_shows_both_articles_and_the_summary(compared):
    flat = _squash(_render(compared, color=False))
    assert "Mayor Opens New Bridge In Riverton <b>" in flat
    assert "Riverton bridge opens & traffic eases" in flat
    assert compared.copy.id in flat and compared.source.id in flat
    assert "72% of the copy explained" in flat
    assert "81% of the source reused" in flat
    assert "lexical only" in flat


def test_copy_sentences_appear_in_reading_order(compared):
    flat = _squash(_render(compared, color=False))
    first = flat.index("Mayor Opens New Bridge In Riverton <b>", flat.index("sentence by sentence"))
    second = flat.index("opened the Elm Street bridge on Monday.")
    third = flat.index("will ease traffic")
    fourth = flat.index("Residents cheered")
    assert first < second < third < fourth


def test_colour_output_styles_labels(compared):
    text = _render(compared, color=True, model="minilm-int8")
    assert "\x1b[" in text
    assert "minilm-int8" in text


def test_narrow_terminal_wraps_without_losing_text(compared):
    flat = _squash(_render(compared, color=False, width=50))
    assert "Officials said traffic would ease." in flat
