"""The story family's timeline chart: a well-formed SVG with one mark per member."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from unspun.provenance.records import FamilyMember, Layer, StoryFamily
from unspun.web.timeline import COLOURS, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _member(aid: str, when: str, words: int, layer: Layer, title: str = "") -> FamilyMember:
    return FamilyMember(
        article_id=aid,
        title=title or f"Story {aid}",
        site="example.org",
        when=when,
        words=words,
        layer=layer,
        relation="original" if layer == Layer.ORIGINAL else "verbatim copy",
        parent="" if layer == Layer.ORIGINAL else "a1",
        reuse_share=0.0 if layer == Layer.ORIGINAL else 0.9,
        clock="published",
    )


def _family(*members: FamilyMember, title: str = "Ferry aground") -> StoryFamily:
    return StoryFamily(
        id=7,
        title=title,
        original=members[0].article_id if members else "",
        original_label="original",
        wire=(),
        members=members,
    )


def _marks(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # well-formed, or this raises
    return [a for a in root.iter(f"{SVG}a") if a.get("class") == "mark"]


def _circle(mark: ET.Element) -> ET.Element:
    circle = mark.find(f"{SVG}circle")
    assert circle is not None
    return circle


def test_one_mark_per_member_in_time_order_sized_by_words() -> None:
    family = _family(
        _member("a1", "2026-03-01T08:00:00+00:00", 800, Layer.ORIGINAL),
        _member("b2", "2026-03-01T09:30:00+01:00", 400, Layer.EXACT),  # 08:30 UTC
        _member("c3", "2026-03-01T12:00:00", 200, Layer.REUSE),
    )
    svg = timeline_svg(family)
    marks = _marks(svg)
    assert [m.get("data-article") for m in marks] == ["a1", "b2", "c3"]
    xs = [float(_circle(m).get("cx", "0")) for m in marks]
    assert xs[0] < xs[1] < xs[2]
    radii = [float(_circle(m).get("r", "0")) for m in marks]
    assert radii[0] > radii[1] > radii[2]
    assert _circle(marks[0]).get("fill") == COLOURS[Layer.ORIGINAL]
    assert _circle(marks[1]).get("fill") == COLOURS[Layer.EXACT]
    assert marks[0].get("href") == "/articles/a1"


def test_titled_described_and_a_legend_of_the_layers_present() -> None:
    family = _family(
        _member("a1", "2026-03-01T08:00:00", 800, Layer.ORIGINAL),
        _member("b2", "2026-03-02T08:00:00", 400, Layer.NEAR),
    )
    root = ET.fromstring(timeline_svg(family))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    title = root.find(f"{SVG}title")
    assert title is not None and "Ferry aground" in (title.text or "")
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "2 versions" in (desc.text or "")
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    words = [t.text for t in legend.iter(f"{SVG}text")]
    assert "original" in words and "near-duplicate" in words and "reuse" not in words
    axis = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "2026-03-01 08:00" in axis and "1 d 0 h from first to last" in axis


def test_titles_are_escaped() -> None:
    hostile = 'Pool <script>alert(1)</script> & "quotes"'
    family = _family(
        _member("a1", "2026-03-01T08:00:00", 100, Layer.ORIGINAL, title=hostile),
        _member('b"><x', "2026-03-01T09:00:00", 100, Layer.REUSE, title=hostile),
        title=hostile,
    )
    svg = timeline_svg(family)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'b"><x' not in svg
    marks = _marks(svg)
    assert marks[1].get("data-article") == 'b"><x'
    tip = _circle(marks[0]).find(f"{SVG}title")
    assert tip is not None and hostile in (tip.text or "")


def test_an_empty_family_says_so() -> None:
    svg = timeline_svg(_family())
    assert _marks(svg) == []
    root = ET.fromstring(svg)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "No versions" in (desc.text or "")


def test_one_member_sits_in_the_middle() -> None:
    svg = timeline_svg(_family(_member("a1", "2026-03-01T08:00:00", 500, Layer.ORIGINAL)))
    [mark] = _marks(svg)
    root = ET.fromstring(svg)
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    assert abs(float(_circle(mark).get("cx", "0")) - width / 2) < 1


def test_undated_members_get_their_own_column() -> None:
    family = _family(
        _member("a1", "2026-03-01T08:00:00", 500, Layer.ORIGINAL),
        _member("b2", "2026-03-01T10:00:00", 500, Layer.EXACT),
        _member("c3", "", 500, Layer.EVENT),
    )
    marks = _marks(timeline_svg(family))
    xs = [float(_circle(m).get("cx", "0")) for m in marks]
    assert xs[2] > xs[1] > xs[0]
    assert "undated" in timeline_svg(family)


def test_a_large_family_stays_a_bounded_height() -> None:
    members = [
        _member(f"m{i}", f"2026-03-01T{i % 24:02d}:00:00", 100 + i, Layer.REUSE) for i in range(300)
    ]
    svg = timeline_svg(_family(*members))
    assert len(_marks(svg)) == 300
    height = float(ET.fromstring(svg).get("viewBox", "0 0 0 0").split()[3])
    assert height <= 44 + 360 + 40 + 1
