"""End to end in a real headless Chromium: what a person sees on the pages.

The server runs in a thread (uvicorn on a free loopback port) over a library made for the
test; screenshots go to test-output/web/ for a person to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.pool_hooks import misbehave
from tests.web.web_serving import DEMO, OUTPUT, live_server, make_library
from unspun.api import Settings
from unspun.config import ExtractConfig
from unspun.extract import read_bytes, read_inputs
from unspun.store import open_store

pytestmark = pytest.mark.browser

SPUN = "trendpulse_ferry_spun.txt"
AP = "ap_ferry_aground.txt"
HOSTILE = (
    "Council <script>window.__pwned = 1</script> votes to close the old pool\n\n"
    'The council voted <img src=x onerror="window.__pwned = 2"> on Monday to close the '
    "old pool, a spokesman said."
)


def screenshot_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


def _title_of(path: Path) -> str:
    return read_bytes(path.read_bytes(), str(path), ExtractConfig()).title


def _check(page: Any, base: str, text: str) -> None:
    page.goto(f"{base}/check")
    page.fill("#text", text)
    page.click("form.entry button[type=submit]")
    page.wait_for_selector("#verdict")


def _first_source(page: Any) -> str:
    return str(page.inner_text("table.sources tbody tr:first-child td:nth-child(2) a"))


def test_demo_check_and_compare(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    library = make_library(tmp_path / "demo.db", [str(DEMO)])
    with live_server(Settings(db_path=str(library))) as base:
        _check(page, base, (DEMO / SPUN).read_text("utf-8"))
        assert _first_source(page) == _title_of(DEMO / AP) or "ferry" in _first_source(page).lower()
        assert "spun copy" in page.inner_text("#verdict")
        report = page.locator("#report")
        assert report.locator(".side.copy .l-paraphrase").count() >= 3
        assert report.locator(".side.source .l-paraphrase").first.is_visible()
        # Hovering a copy sentence lights up its partner in the source.
        report.locator(".side.copy [data-pair]").first.hover()
        assert report.locator(".side.source .u.hl").count() >= 1
        screenshot(page, "demo-check")

        page.goto(f"{base}/compare")
        page.fill("#copy_text", (DEMO / SPUN).read_text("utf-8"))
        page.fill("#source_text", (DEMO / AP).read_text("utf-8"))
        page.click("form.entry button[type=submit]")
        page.wait_for_selector("#report .sides")
        assert "spun copy" in page.inner_text("#report .verdict")
        screenshot(page, "demo-compare")


def test_a_queued_check_shows_its_place_in_the_queue(
    page: Any, demo_library: Path, tmp_path: Path
) -> None:
    release = tmp_path / "release"
    settings = Settings(db_path=str(demo_library), use_model=False, workers=1)
    with live_server(settings, job_hook=misbehave) as base, ThreadPoolExecutor(2) as threads:
        held = {"text": f"Held\n\nThis check waits: HOLD {release} until released."}
        first = threads.submit(httpx.post, f"{base}/api/check", json=held, timeout=60)
        deadline = time.monotonic() + 60
        while httpx.get(f"{base}/api/pool").json()["running"] < 1:  # the one worker is held
            assert time.monotonic() < deadline
            time.sleep(0.05)
        page.goto(f"{base}/check")
        text = (DEMO / SPUN).read_text("utf-8")
        page.fill("#text", text)
        # The browser sees nothing of a page while it navigates: the form's script runs and
        # names the check, and the test sends the form in its place, with that name.
        page.evaluate(
            "document.querySelector('form.entry')"
            ".addEventListener('submit', e => e.preventDefault())"
        )
        page.click("form.entry button[type=submit]")
        ticket = page.input_value("form.entry input[name=ticket]")
        form = {"text": text, "ticket": ticket}
        second = threads.submit(httpx.post, f"{base}/check", data=form, timeout=60)
        waiting = page.locator("form.entry .status", has_text="Waiting for a free worker")
        try:
            waiting.wait_for(timeout=20_000)
        finally:
            release.touch()
        assert first.result(timeout=60).status_code == 200
        assert second.result(timeout=60).status_code == 200
        page.locator("form.entry .status", has_text="Checking").wait_for(timeout=20_000)


def test_a_long_check_shows_progress(page: Any, demo_library: Path) -> None:
    with live_server(Settings(db_path=str(demo_library), use_model=False)) as base:
        page.goto(f"{base}/check")
        page.fill("#text", "A few words to check against the library.")
        # Hold the submission in the page, to look at the state while the server works.
        page.evaluate(
            "document.querySelector('form.entry')"
            ".addEventListener('submit', e => e.preventDefault())"
        )
        page.click("form.entry button[type=submit]")
        status = page.locator("form.entry .status")
        status.wait_for(state="visible")
        assert "Checking" in status.inner_text()
        page.wait_for_function("document.querySelector('form.entry button').disabled")


def test_script_in_an_article_renders_as_text(page: Any, demo_library: Path) -> None:
    with live_server(Settings(db_path=str(demo_library), use_model=False)) as base:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        added = page.request.post(f"{base}/api/articles", data={"text": HOSTILE}).json()
        page.goto(f"{base}/articles/{added['id']}")
        assert "<script>" in page.inner_text("h1")
        assert "<img src=x" in page.inner_text("article")
        _check(page, base, HOSTILE)
        assert "<script>" in page.input_value("#text")
        assert page.evaluate("window.__pwned") is None and dialogs == []


def test_pages_fit_a_phone(
    page: Any, demo_library: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    with live_server(Settings(db_path=str(demo_library), use_model=False)) as base:
        _check(page, base, (DEMO / SPUN).read_text("utf-8"))
        for path in (None, "/articles", "/compare", "/stories", "/stories/1", "/search?q=ferry"):
            if path:
                page.goto(base + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 392, f"{path or '/check result'} is {width}px wide on a 390px phone"
        page.goto(f"{base}/check")
        _check(page, base, (DEMO / SPUN).read_text("utf-8"))
        screenshot(page, "demo-check-phone")


@pytest.mark.slow
def test_seed_check_finds_its_source_and_the_changes(
    page: Any, seeds_dir: Path, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    source = next(seeds_dir.glob("000_*.txt"))
    copy = next(seeds_dir.glob("001_*.txt"))
    library = make_library(tmp_path / "seeds.db", [str(DEMO), str(source)])
    with live_server(Settings(db_path=str(library))) as base:
        _check(page, base, copy.read_text("utf-8"))
        assert _first_source(page) == _title_of(source)
        report = page.locator("#report")
        assert report.locator(".side.copy .l-paraphrase").count() >= 3
        changes = page.inner_text("#report .changes")
        assert "Vice President" in changes and "G20" in changes
        assert report.locator(".side.copy :text('Vice President')").first.is_visible()
        screenshot(page, "seed-check")


def _dated_library(path: Path) -> Path:
    """The demo corpus with a publication time given to each article, hours apart."""
    articles = sorted(read_inputs([str(DEMO)], ExtractConfig()), key=lambda a: a.origin)
    with open_store(path) as store:
        store.add_many(
            replace(a, published=f"2026-03-0{1 + i // 5}T{7 + 2 * (i % 5):02d}:15:00+00:00")
            for i, a in enumerate(articles)
        )
    return path


def test_story_family_timeline(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    library = _dated_library(tmp_path / "dated.db")
    with live_server(Settings(db_path=str(library), use_model=False)) as base:
        page.goto(f"{base}/stories")
        page.click("table.families tbody tr:first-child a")
        page.wait_for_selector("ol.timeline")
        assert "ferry" in page.inner_text("h1").lower()
        assert page.locator("ol.timeline li").count() >= 2
        assert page.inner_text("#original").startswith("Original:")
        chart = page.locator("#timeline-chart svg.timeline-chart")
        assert chart.is_visible()
        members = page.locator("ol.timeline li").count()
        marks = chart.locator("a.mark circle")
        assert marks.count() == members
        for i in range(members):
            box = marks.nth(i).bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
        assert chart.get_attribute("role") == "img"
        assert "Timeline of story family" in (chart.locator("title").first.text_content() or "")
        screenshot(page, "demo-story")
        chart.screenshot(path=str(screenshot_dir() / "demo-story-timeline.png"))


def test_check_an_uploaded_page(page: Any, demo_library: Path, tmp_path: Path) -> None:
    spun = (DEMO / SPUN).read_text("utf-8")
    title, _, body = spun.partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    upload = tmp_path / "spun.html"
    upload.write_text(
        f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>",
        "utf-8",
    )
    with live_server(Settings(db_path=str(demo_library), use_model=False)) as base:
        page.goto(f"{base}/check")
        page.set_input_files("#file", str(upload))
        page.click("form.entry button[type=submit]")
        page.wait_for_selector("#verdict")
        assert "ferry" in _first_source(page).lower()
        assert page.locator("#report .side.copy").is_visible()
