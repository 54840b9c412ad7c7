"""axe-core (from npm, tests/axe/) in Debian's Chromium on every kind of generated page, light and dark.

No critical or serious violation may be found inside the page content (the article). The
theme's own chrome (header, navigation) is Material's and outside what we generate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import FIXTURES, build, serve_folder, write_project

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed: npm ci --prefix tests/axe (.ci/run does)"),
]

def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The critical and serious axe-core violations inside the page's article, one line each."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document.querySelector("article"), {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "critical" || v.impact === "serious")
                .map(v => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0].html.slice(0, 160)}`);
        }"""
    )


PALETTE_MKDOCS = """\
site_name: Accessible handbook
theme:
  name: material
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/weather-night, name: Dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/weather-sunny, name: Light mode}
plugins:
  - search
  - journeybook
"""

# One page of every kind the plugin generates.
PAGES = [
    "playbook/",
    "playbook/journeys/new-boots/",
    "playbook/journeys/new-boots/awareness/",
    "playbook/personas/daan/",
    "playbook/touchpoints/",
    "playbook/opportunities/",
    "playbook/pain-points/",
    "playbook/moments-of-truth/",
    "playbook/checklists/",
    "playbook/health/",
    "playbook/sources/",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = write_project(tmp_path_factory.mktemp("a11y"), FIXTURES / "format-handbook" / "journeys", PALETTE_MKDOCS)
    with serve_folder(build(project)) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_critical_or_serious_violation_in_the_content(served: str, new_page, scheme: str) -> None:  # type: ignore[no-untyped-def]
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    found: list[str] = []
    for path in PAGES:
        page.goto(served + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        found += [f"{path} [{scheme}] {v}" for v in axe_violations(page)]
    assert found == []
