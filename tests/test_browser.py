"""The built site in a real Chromium (Debian's, driven by playwright): the journey map is really shown."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def served(format_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(format_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield instance
        instance.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_journey_map_is_visible_inside_the_content(served: str, browser, scheme: str, tmp_path_factory) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served + "playbook/journeys/new-boots/")
    figures = page.locator("figure.jb-diagram")
    assert figures.count() == 2  # the journey map and the emotion curve
    content = page.locator("article").bounding_box()
    for i in range(figures.count()):
        svg = figures.nth(i).locator("svg")
        svg.scroll_into_view_if_needed()
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 200 and box["height"] > 50
        assert box["x"] >= content["x"] - 1  # starts inside the article column
        figure_box = figures.nth(i).bounding_box()
        assert figure_box["x"] + figure_box["width"] <= content["x"] + content["width"] + 1  # scrolls, never spills
    # the phase clusters and step labels are real text in the picture
    texts = page.eval_on_selector_all("figure.jb-diagram svg text", "els => els.map(e => e.textContent)")
    assert "Awareness" in texts and "Purchase" in texts
    assert any("Notices the sole" in t for t in texts)
    out = tmp_path_factory.mktemp("screens") / f"journey-{scheme}.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
    assert errors == []
    page.close()


def test_checklist_checkboxes_and_citation_links_work(served: str, browser) -> None:
    page = browser.new_page()
    page.goto(served + "playbook/journeys/new-boots/awareness/")
    assert page.locator(".jb-checklist input[type=checkbox]").count() >= 1
    page.locator("a[href$='sources/#uxmastery2014']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("playbook/sources/#uxmastery2014")
    assert page.locator("#uxmastery2014").is_visible()
    page.close()
