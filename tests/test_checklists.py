"""Onboarding checklists that remember: ticks kept in the reader's browser, with progress.

Driven in Debian's Chromium through playwright, on a site with Material's instant navigation.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from conftest import FIXTURES, build, serve_folder, write_project

INSTANT_MKDOCS = """\
site_name: Checklist handbook
theme:
  name: material
  features: [navigation.instant]
plugins:
  - search
  - journeybook
"""


def test_item_keys_follow_the_text(tmp_path: Path) -> None:
    """An edited item gets a new key (so it starts unticked); the other items keep theirs."""
    from journeybook.handbook import build_handbook
    from journeybook.pages import SiteBuilder
    from journeybook.pages.checklists import ChecklistContext

    def keys(text: str) -> list[str]:
        journeys = tmp_path / str(abs(hash(text))) / "journeys"
        shutil.copytree(FIXTURES / "format-handbook" / "journeys", journeys)
        path = journeys / "new-boots.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Is the leaflet offer in the webshop?", text), encoding="utf-8")
        hb, diags = build_handbook(journeys, "five-phases", True)
        assert not [d for d in diags if d.severity == "error"]
        ctx = ChecklistContext(SiteBuilder(hb), "playbook/index.md")
        return ctx.checklist_keys(hb.journeys["new-boots"])

    before, after = keys("Is the leaflet offer in the webshop?"), keys("Is the folder offer in the webshop?")
    assert len(before) == len(after) >= 2
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 1
    assert all(re.fullmatch(r"new-boots/[a-z0-9-]+/[0-9a-f]{16}", k) for k in before + after)


def test_checklist_html_without_javascript_is_a_readable_list(format_site: Path) -> None:
    html = (format_site / "playbook/journeys/new-boots/awareness/index.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<label class="jb-checklist__item"><input type="checkbox" class="jb-checklist__box" data-jb-key="([^"]+)">', html)
    assert len(boxes) >= 2 and "disabled" not in html.split('class="jb-checklist"')[1].split("</ul>")[0]
    assert "Is the leaflet offer in the webshop?" in html
    assert re.search(r'<p class="jb-progress" data-jb-keys="[^"]+" data-jb-text="[^"]+" hidden>', html)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = write_project(tmp_path_factory.mktemp("checklists"), FIXTURES / "format-handbook" / "journeys", INSTANT_MKDOCS)
    with serve_folder(build(project)) as url:
        yield url


def _progress(page, index: int = 0) -> str:  # type: ignore[no-untyped-def]
    return page.locator("p.jb-progress .jb-progress__text").nth(index).inner_text()


@pytest.mark.browser
def test_ticks_survive_reload_and_instant_navigation_and_reset(served: str, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served + "playbook/journeys/new-boots/awareness/")
    boxes = page.locator(".jb-checklist input.jb-checklist__box")
    total = boxes.count()
    assert total >= 2
    assert _progress(page) == f"This phase: 0 of {total} ticked"
    journey_total = int(re.search(r"of (\d+)", _progress(page, 1)).group(1))
    assert journey_total >= total

    # every checkbox is named by its item (axe: label), and can be ticked by that name
    item = page.get_by_role("checkbox", name="Is the leaflet offer in the webshop?")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    item.check()
    assert requests == []  # nothing leaves the browser
    assert _progress(page) == f"This phase: 1 of {total} ticked"
    assert _progress(page, 1) == f"Whole journey: 1 of {journey_total} ticked"

    page.reload()
    assert page.get_by_role("checkbox", name="Is the leaflet offer in the webshop?").is_checked()
    assert _progress(page) == f"This phase: 1 of {total} ticked"

    # Material's instant navigation: the checklists page, reached by a link, shows the same tick
    page.locator("a[href$='checklists/']").first.click()
    page.wait_for_url(re.compile(r".*/playbook/checklists/$"))
    page.wait_for_function("document.querySelector('p.jb-progress:not([hidden])') !== null")
    assert page.get_by_role("checkbox", name="Is the leaflet offer in the webshop?").is_checked()
    assert _progress(page) == f"Whole journey: 1 of {journey_total} ticked"

    # untick all for the journey
    page.locator("p.jb-progress .jb-progress__reset").first.click()
    assert not page.get_by_role("checkbox", name="Is the leaflet offer in the webshop?").is_checked()
    assert _progress(page) == f"Whole journey: 0 of {journey_total} ticked"
    page.reload()
    assert not page.get_by_role("checkbox", name="Is the leaflet offer in the webshop?").is_checked()
    assert errors == []


@pytest.mark.browser
def test_without_javascript_the_list_stays_readable(served: str, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(java_script_enabled=False)
    page.goto(served + "playbook/journeys/new-boots/awareness/")
    assert page.locator(".jb-checklist input.jb-checklist__box").count() >= 2
    assert page.get_by_text("Is the leaflet offer in the webshop?").is_visible()
    assert not page.locator("p.jb-progress").first.is_visible()  # no progress without the script
