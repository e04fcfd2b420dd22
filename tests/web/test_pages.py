"""The pages, rendered by the app (no browser): content, escaping, the embedded report."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from unspun.report.html import render_html
from unspun.web.render import report_fragment

SPUN = "trendpulse_ferry_spun.txt"
AP = "ap_ferry_aground.txt"
HOSTILE = (
    "Council <script>alert('x')</script> vote\n\n"
    "The council voted <img src=x onerror=alert(1)> on Monday to close the "
    '<b>old</b> pool, a spokesman said. Residents & swimmers objected "loudly".'
)


def test_root_leads_to_the_check_page(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.url.path == "/check"
    assert "Where did this article come from?" in r.text
    assert '<textarea id="text" name="text"' in r.text


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    added = client.post("/api/articles", json={"text": HOSTILE}).json()
    pages = [
        client.get(f"/articles/{added['id']}").text,
        client.get("/articles").text,
        client.post("/compare", data={"copy_text": HOSTILE, "source_id": added["id"]}).text,
        client.post("/check", data={"text": HOSTILE}).text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert" in html or "&lt;img src=x" in html
    assert "&lt;b&gt;old&lt;/b&gt;" in pages[0]


def test_library_listing_pages_and_filters(client: TestClient) -> None:
    total = client.get("/api/articles").json()["total"]
    html = client.get("/articles").text
    assert f"{total:,} articles" in html
    assert len(re.findall(r'<a href="/articles/[0-9a-f]{16}">', html)) == total
    site = client.get("/api/articles").json()["articles"][0]["site"]
    if site:
        filtered = client.get("/articles", params={"site": site}).text
        assert "all sites" in filtered


def test_compare_page_shows_the_side_by_side_report(
    client: TestClient, demo_text: Callable[[str], str]
) -> None:
    r = client.post("/compare", data={"copy_text": demo_text(SPUN), "source_text": demo_text(AP)})
    assert r.status_code == 200
    assert 'class="side copy"' in r.text and 'class="side source"' in r.text
    assert "l-paraphrase" in r.text and "spun copy" in r.text
    assert r.text.count("<nav") == 1  # the report sits inside the app's page


def test_compare_page_by_ids_and_a_missing_side(client: TestClient) -> None:
    rows = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    ids = [r["id"] for r in rows[:2]]
    r = client.post("/compare", data={"copy_id": ids[0], "source_id": ids[1][:8]})
    assert r.status_code == 200 and 'class="side copy"' in r.text
    r = client.post("/compare", data={"copy_text": "Some words here."})
    assert r.status_code == 400 and "source: paste its text or give a library id" in r.text


def test_check_page_ranks_the_sources(client: TestClient, demo_text: Callable[[str], str]) -> None:
    r = client.post("/check", data={"text": demo_text(SPUN)})
    assert r.status_code == 200
    table = r.text[r.text.index('<table class="sources">') : r.text.index("</table>")]
    first = re.search(
        r"<tr class=\"reuse role-source\">\s*<td>1</td>\s*<td><a href=\"/articles/(\w+)\">", table
    )
    assert first is not None
    source = client.get(f"/api/articles/{first.group(1)}").json()
    assert "ferry" in source["title"].lower()
    assert 'id="report"' in r.text and "Side by side with source 1" in r.text


def test_check_page_by_upload_and_by_library_id(
    client: TestClient, demo_text: Callable[[str], str]
) -> None:
    files = {"file": ("spun.txt", demo_text(SPUN).encode(), "text/plain")}
    assert 'id="verdict"' in client.post("/check", files=files).text
    rows = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    spun = next(r["id"] for r in rows if r["origin"].endswith(SPUN))
    r = client.post("/check", data={"article_id": spun})
    assert r.status_code == 200 and 'class="sources"' in r.text
    assert client.post("/check", data={}).status_code == 400


def test_article_page(client: TestClient) -> None:
    rows = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    article = client.get(f"/api/articles/{rows[0]['id']}").json()
    html = client.get(f"/articles/{rows[0]['id']}").text
    assert f"<code>{article['id']}</code>" in html
    first_paragraph = article["text"].split("\n\n")[0]
    assert first_paragraph.replace("'", "&#39;").replace('"', "&#34;")[:60] in html


def test_report_fragment_takes_the_report_apart(demo_text: Callable[[str], str]) -> None:
    from unspun.align import AlignConfig, align_articles
    from unspun.config import ExtractConfig
    from unspun.extract import read_bytes

    cfg = ExtractConfig()
    copy = read_bytes(demo_text(SPUN).encode(), "copy", cfg)
    source = read_bytes(demo_text(AP).encode(), "source", cfg)
    alignment = align_articles(copy, source, AlignConfig(model="none"))
    fragment = report_fragment(render_html(copy, source, alignment))
    assert 'class="sides"' in fragment.body and "<script" not in fragment.body
    assert ".l-paraphrase" in fragment.css and "body {" not in fragment.css
    assert "querySelectorAll" in fragment.script


def test_search_page_marks_the_query_words(client: TestClient) -> None:
    html = client.get("/search", params={"q": "ferry"}).text
    assert 'id="hit-count"' in html
    assert "<mark>ferry</mark>" in html.lower()
    hostile = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in hostile and "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert client.get("/search").status_code == 200


def test_search_page_shows_one_row_per_story(client: TestClient) -> None:
    body_text = "A grey heron nested at the old mill pond again, the warden said."
    for site in ("north.example", "south.example", "east.example"):
        body = {"text": f"Heron is back ({site})\n\n{body_text}", "site": site}
        assert client.post("/api/articles", json=body).status_code == 201
    html = client.get("/search", params={"q": "heron"}).text
    assert html.count('<li class="hit">') == 1
    assert "and 2 more copies" in html


def test_story_pages_show_the_family_and_its_timeline(client: TestClient) -> None:
    families = client.get("/api/stories").json()["families"]
    listing = client.get("/stories").text
    assert f'<a href="/stories/{families[0]["id"]}">' in listing
    family = client.get(f"/stories/{families[0]['id']}").text
    assert 'id="original"' in family and '<ol class="timeline">' in family
    assert family.count('class="mark"') == len(families[0]["members"])
    assert '<svg class="timeline-chart"' in family and "<script" not in family.split("<svg")[1]
    for member in families[0]["members"]:
        assert f'href="/articles/{member["article_id"]}"' in family
    member = families[0]["members"][0]["article_id"]
    assert (
        f'href="/stories/{families[0]["id"]}">story family'
        in client.get(f"/articles/{member}").text
    )
    assert client.get("/stories/999999").status_code == 404
