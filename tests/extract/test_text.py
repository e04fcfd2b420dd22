"""Plain text to Article: roles, verbatim paragraphs, exact offsets into the input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from unspun.config import ExtractConfig
from unspun.errors import EmptyDocument
from unspun.extract.decode import decode_bytes
from unspun.extract.text import extract_text, split_units
from unspun.model import Article, content_id, raw_hash

CFG = ExtractConfig()


def _read(text: str, origin: str = "t.txt") -> Article:
    return extract_text(text, origin=origin, raw=text.encode(), cfg=CFG)


def _assert_traceable(article: Article, text: str) -> None:
    """Every paragraph, caption and the title sit verbatim at their origin in the input."""
    assert article.text == "\n\n".join(article.text[p.start : p.end] for p in article.paragraphs)
    for p in article.paragraphs:
        assert p.origin >= 0
        assert article.text[p.start : p.end] == text[p.origin : p.origin + p.end - p.start]
    for c in article.captions:
        assert text[c.origin : c.origin + len(c.text)] == c.text
    if article.title:
        assert text[article.title_origin :].startswith(article.title)


def test_wire_story(fixtures_dir: Path) -> None:
    path = fixtures_dir / "extract" / "wire_story.txt"
    raw = path.read_bytes()
    text = decode_bytes(raw, str(path))
    article = extract_text(text, origin=str(path), raw=raw, cfg=CFG)
    _assert_traceable(article, text)
    assert article.title == "Harbour town votes to rebuild its old pier after winter storms"
    assert article.byline == "By MARTA LINDQVIST, Associated Press"
    assert article.text.startswith("PORTVALE, Maine (AP) — Residents")
    assert article.text.endswith("contributed to this report.")
    # a block of two lines stays one paragraph, its newline kept
    assert "jetty, but a packed meeting" in article.text
    assert any("\n" in article.text[p.start : p.end] for p in article.paragraphs)
    assert [c.text.endswith("(AP Photo/Daniel Okafor)") for c in article.captions] == [True]
    assert "AP Photo" not in article.text
    for line in ("Menu", "Coastal towns", "Leave a Reply", "Share this:", "Facebook Twitter Email"):
        assert line in article.boilerplate
        assert line not in article.text.splitlines()
    assert "newsletter" not in article.text
    assert {c.where for c in article.credits} == {
        "byline",
        "dateline",
        "credit-line",
        "caption",
        "copyright",
    }
    assert article.wire == ("AP",)
    assert article.id == content_id(article.title, article.text)
    assert article.raw_hash == raw_hash(raw)
    assert (article.format, article.origin, article.language) == ("text", str(path), "en")


def test_hard_wrapped_essay_keeps_everything(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "extract" / "essay_wrapped.txt").read_text("utf-8")
    article = _read(text)
    _assert_traceable(article, text)
    assert article.title == ""
    assert len(article.paragraphs) == 2  # wrapped lines joined, a short last line ends one
    assert "".join(article.text.split()) == "".join(text.split())


def test_text_without_blank_lines_gives_a_paragraph_per_line() -> None:
    text = (
        "Ferry service resumes on the lake\r\n"
        "The lake ferry carried its first passengers of the season on Saturday morning.\r\n"
        "Tickets cost the same as last year, the operator said in a statement.\r\n"
    )
    article = _read(text)
    _assert_traceable(article, text)
    assert article.title == "Ferry service resumes on the lake"
    assert len(article.paragraphs) == 2
    assert "\r" not in article.text


def test_offsets_survive_indentation_and_odd_spacing() -> None:
    text = (
        "  Title line for a short story  \n\n\n   First  paragraph  has   odd spacing.\t\n\n"
        " \u00a0Second one follows it here, as usual.\n"
    )
    article = _read(text)
    _assert_traceable(article, text)
    assert "First  paragraph  has   odd spacing." in article.text


def test_random_documents_stay_traceable() -> None:
    rng = random.Random(7)
    words = [
        "the",
        "council",
        "voted",
        "on",
        "a",
        "plan",
        "to",
        "build",
        "new",
        "homes",
        "near",
        "river",
        "said",
        "officials",
    ]
    for _ in range(50):
        lines = []
        for _ in range(rng.randint(1, 12)):
            kind = rng.random()
            if kind < 0.15:
                lines.append("")
            elif kind < 0.25:
                lines.append(
                    rng.choice(["Share", "Advertisement", "Read more", "Photo: Jo Lee, AP"])
                )
            else:
                n = rng.randint(3, 30)
                lines.append(" ".join(rng.choice(words) for _ in range(n)).capitalize() + ".")
        text = "\n".join(lines)
        try:
            article = _read(text)
        except EmptyDocument:
            continue
        _assert_traceable(article, text)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Share\nAdvertisement\nLeave a Reply\n"])
def test_nothing_left_is_an_empty_document(text: str) -> None:
    with pytest.raises(EmptyDocument) as info:
        _read(text, origin="empty.txt")
    assert info.value.origin == "empty.txt"


def test_a_one_line_note_is_its_own_body() -> None:
    article = _read("Meeting moved to Thursday afternoon")
    assert article.text == "Meeting moved to Thursday afternoon"


def test_split_units_groups_blocks() -> None:
    text = "a line\nanother\n\nthird"
    units = split_units(text)
    assert [(text[u.start : u.end], u.block) for u in units] == [
        ("a line", 0),
        ("another", 0),
        ("third", 1),
    ]


def test_seeds_are_traceable(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("0*.txt")):
        raw = path.read_bytes()
        text = decode_bytes(raw, str(path))
        article = extract_text(text, origin=str(path), raw=raw, cfg=CFG)
        _assert_traceable(article, text)
        assert article.wire == ("AP",)


def test_pan_essays_pass_through_whole(shared_data: Path) -> None:
    """Plain essays lose (almost) nothing: PAN offsets are scored through the body."""
    paths = sorted((shared_data / "pan13" / "susp").glob("*.txt"))[:60]
    paths += sorted((shared_data / "pan13" / "src").glob("*.txt"))[:60]
    if not paths:
        pytest.skip("no PAN documents in the shared data")
    kept = total = 0
    for path in paths:
        raw = path.read_bytes()
        text = decode_bytes(raw, str(path))
        article = extract_text(text, origin=str(path), raw=raw, cfg=CFG)
        _assert_traceable(article, text)
        total += sum(1 for c in text if not c.isspace())
        kept += sum(1 for c in article.title + article.text if not c.isspace())
    assert kept / total >= 0.995


def test_a_page_that_is_only_a_photo_keeps_its_caption_as_body() -> None:
    text = "share\n\nCrowds gather by the harbour on Sunday. (Photo by Ana Lee / AFP)\n"
    article = _read(text)
    _assert_traceable(article, text)
    assert article.text == "Crowds gather by the harbour on Sunday. (Photo by Ana Lee / AFP)"
    assert article.captions == ()
    assert article.wire == ("AFP",)
