"""Issue 12: live views of the handbook in any Markdown page (```journeybook blocks).

A block names a view and filters (a list means any of); the page shows exactly the
filtered items, rendered and sanitised like the generated pages. Every mistake in a block
is reported at ``docs/page.md:LINE:COLUMN`` with the handbook's other problems; the views
follow the YAML under ``mkdocs serve``; ``journeybook render --docs`` writes them out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, build
from journeybook import views
from journeybook.cli import main
from journeybook.handbook import build_handbook
from journeybook.pages.views import expand, show_problems

HANDBOOK = FIXTURES / "format12-handbook" / "journeys"
MKDOCS = """\
site_name: Views
theme: {name: material}
plugins:
  - search
  - journeybook: {source: journeys}
"""


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(HANDBOOK, root / "journeys")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def article(site: Path, page: str) -> lxml.html.HtmlElement:
    root = lxml.html.parse(str(site / page)).getroot()
    return root.xpath("//article")[0]


def view_tables(site: Path, page: str) -> list[list[str]]:
    """The first-column texts of each view table of a page."""
    out = []
    for div in article(site, page).xpath(".//div[contains(@class, 'jb-view')]"):
        rows = div.xpath(".//tbody/tr")
        out.append([" ".join(r.xpath("./td[1]")[0].text_content().split()) for r in rows])
    return out


# --------------------------------------------------------------------------- finding blocks


def test_blocks_are_found_and_examples_in_longer_fences_are_not() -> None:
    text = "# T\n\n````markdown\n```journeybook\nview: journeys\n```\n````\n\n~~~journeybook\nview: journeys\n~~~\n\n```python\nx\n```\n"
    blocks, unclosed = views.find_blocks(text)
    assert [(b.line, b.body) for b in blocks] == [(9, "view: journeys\n")]
    assert not unclosed
    blocks, unclosed = views.find_blocks("```journeybook\nview: journeys\n")
    assert not blocks and unclosed == [(1, "```")]


def test_expand_replaces_only_the_blocks_that_rendered() -> None:
    text = "a\n```journeybook\nview: journeys\n```\nb\n```journeybook\nview: nope\n```\nc\n"
    page, _problems = views.read_page("p.md", Path("/x/p.md"), text)
    assert expand(text, page, ["VIEW\n", None]) == "a\nVIEW\nb\n```journeybook\nview: nope\n```\nc\n"
    assert expand("changed\n", page, ["VIEW\n", None]) == "changed\n"  # another text: left alone
    shown = show_problems(text, ["docs/p.md:7:7: unknown view 'nope'"], "en")
    assert shown.count("jb-view-problems") == 2 and "```journeybook" not in shown
    assert "<script" not in shown and "unknown view" in shown


# --------------------------------------------------------------------------- exactly the filtered items


def test_each_view_shows_exactly_the_filtered_items(tmp_path: Path) -> None:
    root = project(tmp_path, {"index.md": """\
        # Onboarding

        ```journeybook
        view: opportunities
        journey: new-boots
        status: [planned, doing]
        ```

        ```journeybook
        view: opportunities
        owner: Marketing
        ```

        ```journeybook
        view: pain-points
        severity: high
        ```

        ```journeybook
        view: moments-of-truth
        state: as-is
        ```

        ```journeybook
        view: journeys
        state: to-be
        ```

        ```journeybook
        view: metrics
        phase: purchase
        ```

        ```journeybook
        view: touchpoints
        journey: new-boots-2027
        ```
        """})
    site = build(root)
    tables = view_tables(site, "index.html")
    def texts(rows: list[str]) -> list[str]:
        return [re.split("Evidence|★", row)[0].strip() for row in rows]

    assert texts(tables[0]) == ["Put the size chart next to the size picker", "Offer pickup in store at checkout"]
    assert texts(tables[1]) == ["Show stock per store in search ads"]
    assert tables[2] == ["Does not know which shop has his size"]
    assert tables[3] == ["▼▼ −2", "▼▼ −2", "▼ −1"]  # the to-be journey's moment is left out
    assert len(tables[4]) == 1 and tables[4][0].startswith("New football boots before Saturday, 2027")
    assert tables[5] == ["Customer satisfaction", "Customer satisfaction", "Drop-off at payment"]
    assert tables[6] == ["Webshop", "Search engine"]  # catalog order
    text = article(site, "index.html").text_content()
    assert "```journeybook" not in text and "view:" not in text


def test_diagram_and_checklist_views(tmp_path: Path) -> None:
    root = project(tmp_path, {"team/checks.md": """\
        # Checks

        ```journeybook
        view: checklist
        journey: new-boots
        phase: awareness
        ```

        ```journeybook
        view: emotion-curve
        journey: new-boots
        ```

        ```journeybook
        view: journey-map
        journey: new-boots
        ```

        ```journeybook
        view: blueprint
        journey: new-boots
        ```
        """})
    site = build(root)
    page = article(site, "team/checks/index.html")
    assert len(page.xpath(".//input[@type='checkbox']")) >= 1  # can be ticked, as on the phase page
    figures = page.xpath(".//figure")
    assert len(figures) == 3
    ids = [el.get("id") for el in page.xpath(".//*[@id]")]
    assert len(ids) == len(set(ids)), "two views on one page share an id"
    links = [a.get("href") for a in page.xpath(".//a[@href]")]
    assert any(h.startswith("../../playbook/journeys/new-boots/") for h in links)  # relative to this page


# --------------------------------------------------------------------------- mistakes at their place

BAD = """\
# Bad

```journeybook
view: oportunities
```

```journeybook
view: opportunities
jorney: new-boots
```

```journeybook
view: opportunities
journey: [new-boots, new-boot]
status: plannd
severity: high
```

```journeybook
view: journey-map
```

```journeybook
view: blueprint
journey: tractor
```

```journeybook
- a list
```
"""
EXPECTED = [
    "docs/bad.md:4:7: unknown view 'oportunities' (did you mean 'opportunities'?)",
    "docs/bad.md:9:1: unknown filter 'jorney' (did you mean 'journey'?)",
    "docs/bad.md:14:22: 'new-boot' is not a journey in this handbook (did you mean 'new-boots'?)",
    "docs/bad.md:15:9: 'plannd' is not a status (did you mean 'planned'?)",
    "docs/bad.md:16:1: the view 'opportunities' cannot be filtered by 'severity'",
    "docs/bad.md:20:7: the view 'journey-map' shows one journey",
    "docs/bad.md:25:10: journey 'tractor' has no service-blueprint lanes",
    "docs/bad.md:29:1: a journeybook block holds a YAML mapping",
]


def test_every_mistake_in_a_page_is_reported_at_its_place_with_the_handbooks_own(tmp_path: Path) -> None:
    root = project(tmp_path, {"bad.md": BAD})
    yml = root / "journeys" / "new-boots.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("evidence: [derby-deadline]", "evidence: [derby-deadlin]"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True)
    assert run.returncode == 1
    message = run.stderr + run.stdout
    assert "Traceback" not in message
    for line in EXPECTED:
        assert line in message, message
    assert "journeys/new-boots.yml:19:20: unknown finding 'derby-deadlin'" in message  # with the handbook's own
    assert message.count("\ndocs/bad.md:") == len(EXPECTED)


def test_the_cli_reports_them_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, {"bad.md": BAD})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    for line in EXPECTED:
        assert line.replace(": ", ": error: ", 1) in result.output, result.output
    nl = CliRunner().invoke(main, ["validate", "--lang", "nl"])
    assert "docs/bad.md:4:7: fout: onbekende view 'oportunities' (bedoelde je 'opportunities'?)" in nl.output


def test_check_spec_directly() -> None:
    hb, _ = build_handbook(HANDBOOK)
    page, problems = views.read_page("p.md", Path("/d/p.md"), "```journeybook\nview: metrics\nowner: CX tem\n```\n")
    assert not problems
    found = views.check(hb, [page])
    assert [d.message() for d in found] == ["'CX tem' is not an owner in this handbook (did you mean 'CX team'?)"]
    assert page.blocks[0].spec is None


# --------------------------------------------------------------------------- render --docs


def test_render_writes_the_views_out_for_a_standalone_site(tmp_path: Path) -> None:
    root = project(tmp_path, {"index.md": "# Start\n\n```journeybook\nview: journeys\nstate: to-be\n```\n"})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(root / "journeys"), "--out", str(out), "--docs", str(root / "docs")])
    assert result.exit_code == 0, result.output
    written = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert "```journeybook" not in written and "jb-view" in written
    site = build(out)
    assert view_tables(site, "index.html")[0][0].startswith("New football boots before Saturday, 2027")


def test_a_view_in_an_admonition_and_links_from_a_page_not_named_index(tmp_path: Path) -> None:
    root = project(tmp_path, {"guide/start.md": """\
        # Start

        !!! note "Checklist"

            ```journeybook
            view: checklist
            journey: new-boots
            phase: awareness
            ```
        """})
    (root / "mkdocs.yml").write_text(MKDOCS + "markdown_extensions: [admonition, attr_list, md_in_html, tables]\n", encoding="utf-8")
    site = build(root)
    page = article(site, "guide/start/index.html")
    note = page.xpath(".//div[contains(@class, 'admonition')]")[0]
    assert note.xpath(".//input[@type='checkbox']"), "the view stays inside its admonition"
    assert "view:" not in page.text_content()
    # every link of the view resolves from /guide/start/ (citations are HTML links, not checked by MkDocs)
    for href in page.xpath(".//a/@href"):
        if href.startswith(("http", "#")):
            continue
        target = (site / "guide" / "start" / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_a_phase_must_be_one_of_the_named_journeys(tmp_path: Path) -> None:
    hb, _ = build_handbook(HANDBOOK)
    text = "```journeybook\nview: checklist\njourney: tractor\nphase: awareness\n```\n"
    page, problems = views.read_page("p.md", Path("/d/p.md"), text)
    found = views.check(hb, [page])
    assert [(d.location.line, d.location.column, d.message()) for d in found] == [
        (4, 8, "'awareness' is not a phase of tractor; expected one of: buy, need")
    ]
