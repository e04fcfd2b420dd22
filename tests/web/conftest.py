"""Fixtures of the page tests: a demo library, an app client, a live server and a browser.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/install-browser.sh``) through Playwright for Python; they skip with the reason when
either is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.web_serving import CHROMIUM, CHROMIUM_ARGS, DEMO, OUTPUT, make_library
from unspun.api import Settings, create_app


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (skipped without it)")


@pytest.fixture
def demo_library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "demo.db", [str(DEMO)])


@pytest.fixture
def client(demo_library: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=str(demo_library), use_model=False))) as c:
        yield c


@pytest.fixture
def demo_text() -> Callable[[str], str]:
    return lambda name: (DEMO / name).read_text("utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright, or skip saying what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: run scripts/install-browser.sh (as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright==1.65.2)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (its own profile) at a laptop's width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
