from __future__ import annotations

import re
from html.parser import HTMLParser

from unspun.report.html import render_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    return parser


def test_page_is_self_contained(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        for key in ("src", "href"):
            assert key not in attrs, f"<{tag} {key}=...> loads something"
        assert tag not in ("link", "img", "iframe")
    assert "http://" not in page and "https://" not in page
    assert "@import" not in page and "url(" not in page
    assert "<style>" in page and parsed.scripts == 1


def test_article_text_is_escaped(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    parsed = _parse(page)
    assert parsed.scripts == 1  # only the page's own script, none from the article
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Riverton <b>" not in page and "Riverton &lt;b&gt;" in page
    assert "opens &amp; traffic" in page
    assert "alert(1)" in "".join(parsed.text)


def test_matched_spans_share_a_pair_id_on_both_sides(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    copy_side, source_side = page.split('<section class="side source">')
    copy_side = copy_side.split('<section class="side copy">')[1]
    source_side = source_side.split("</section>")[0]
    for pid in ("p1", "p2", "p3"):
        assert f'data-pair="{pid}"' in copy_side
        assert f'data-pair="{pid}"' in source_side
    # the paraphrase merging two source sentences links both of them
    assert source_side.count('data-pair="p3"') == 2
    assert 'class="u l-new"' in copy_side
    assert 'class="u l-dropped"' in source_side
    assert "The bridge at dusk." in source_side


def test_word_differences_are_marked_inside_pairs(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    assert "bridge <ins>on Monday.</ins>" in page
    assert "<del>new</del>" in page
    assert "<ins>dollars, will ease traffic,</ins>" in page


def test_every_copy_sentence_is_listed(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    items = re.findall(r'<li class="row l-([a-z-]+)"', page)
    assert items == ["paraphrase", "near-verbatim", "paraphrase", "new", "dropped"]


def test_page_adapts_to_narrow_screens(compared):
    page = render_html(compared.copy, compared.source, compared.alignment)
    assert 'name="viewport"' in page
    assert "@media (max-width" in page
