"""The built site in a real Chromium (Debian's, driven by playwright): the journey map is really shown."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import serve_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(format_site: Path) -> Iterator[str]:
    with serve_folder(format_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_journey_map_is_visible_inside_the_content(served: str, new_page, scheme: str, tmp_path_factory) -> None:
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
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


def test_checklist_checkboxes_and_citation_links_work(served: str, new_page) -> None:
    page = new_page()
    page.goto(served + "playbook/journeys/new-boots/awareness/")
    assert page.locator(".jb-checklist input[type=checkbox]").count() >= 1
    page.locator("a[href$='sources/#uxmastery2014']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("playbook/sources/#uxmastery2014")
    assert page.locator("#uxmastery2014").is_visible()
