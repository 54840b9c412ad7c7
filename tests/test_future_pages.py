"""FORMAT 1.1 part 2 on the pages (issue 12): service-blueprint lanes and fail points on phase
pages and the blueprint on the journey page; a future state (``state: to-be``) marked wherever it
appears, linked both ways with its as-is journey, with what changes (steps, the feeling per phase,
the opportunities that make the difference) and paired on the overview; review dates shown in
English and Dutch. Real MkDocs builds (Material, --strict) of the format12 fixture."""

from __future__ import annotations

import inspect
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL_MKDOCS, build, read, serve_folder, write_project
from journeybook.diagrams import KINDS
from test_accessibility import AXE, axe_violations
from test_evidence_pages import item_with, step_section
from test_site import nav_titles, text_of

FORMAT12 = FIXTURES / "format12-handbook" / "journeys"
NL_MKDOCS = MINIMAL_MKDOCS.replace("name: material", "name: material\n  language: nl")
TO_BE = "playbook/journeys/new-boots-2027/index.html"
AS_IS = "playbook/journeys/new-boots/index.html"
CURVE_COMPARES = "compare_with" in inspect.signature(KINDS["emotion_curve"]).parameters


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format12"), FORMAT12))


@pytest.fixture(scope="module")
def site_nl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format12-nl"), FORMAT12, NL_MKDOCS))


def section(page: str, anchor: str) -> str:
    """The HTML of a page from the heading with ``anchor`` to the next heading of level 2 (or the end)."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start : end if end > 0 else len(page)]


def rows(html: str) -> list[str]:
    """The visible text of each body row of the first table in ``html``."""
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    return [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table, re.S)]


# --------------------------------------------------------------------------- service blueprint


def test_a_phase_page_lists_each_steps_lanes_and_its_fail_point(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/purchase/index.html")
    step = step_section(page, "step-1")
    assert "Frontstage (seen by the customer) Chat agent answers questions about delivery" in step
    assert "Backstage (out of the customer's sight) Warehouse reserves the pair" in step
    assert "Support (systems and processes) Order management system Payment provider" in step
    # the fail point: a symbol and the word, framed; not colour alone
    assert "⚠ Fail point: Payment provider times out at peak hours" in step
    assert re.search(r'<p class="jb-fail-point"><span aria-hidden="true">⚠</span> <strong>Fail point:</strong> Payment provider', page)
    # each lane is a labelled list
    assert re.search(r"<strong>Support \(systems and processes\)</strong></p>\s*<ul>\s*<li>Order management system</li>\s*<li>Payment provider</li>", page)
    # a step with one lane shows that lane only; a step without lanes shows none
    consideration = step_section(read(site, "playbook/journeys/new-boots/consideration/index.html"), "step-1")
    assert "Support (systems and processes) Product information system" in consideration
    assert "Frontstage" not in consideration and "Fail point" not in consideration
    awareness = text_of(read(site, "playbook/journeys/new-boots/awareness/index.html"))
    assert "Frontstage" not in awareness and "Support (" not in awareness and "Fail point" not in awareness


def test_a_journey_with_lanes_shows_its_blueprint_and_fail_points(site: Path) -> None:
    page = read(site, AS_IS)
    blueprint = section(page, "blueprint")
    assert "Service blueprint" in text_of(blueprint)
    if "blueprint" in KINDS:
        assert '<figure class="jb-diagram jb-blueprint"' in blueprint
    fails = text_of(blueprint)
    assert "Fail points ⚠ Payment provider times out at peak hours — Purchase, Step 3: Pays in the webshop" in fails
    assert 'href="purchase/#step-1"' in blueprint
    for rel in [TO_BE, "playbook/journeys/tractor/index.html"]:  # no lanes, no blueprint
        other = read(site, rel)
        assert 'id="blueprint"' not in other and "jb-blueprint" not in other and "Service blueprint" not in text_of(other), rel


# --------------------------------------------------------------------------- future states


def test_a_future_state_is_marked_and_linked_to_its_as_is_journey(site: Path) -> None:
    page = read(site, TO_BE)
    note = re.search(r'<p class="jb-state-note" id="future-state">.*?</p>', page, re.S)
    assert note is not None
    assert text_of(note.group(0)) == "◇ Future state (to-be), improves New football boots before Saturday · What changes"
    assert '<a href="../new-boots/">New football boots before Saturday</a>' in note.group(0)
    assert '<a href="#what-changes">' in note.group(0)
    # the as-is journey links to its future states, each marked
    as_is = read(site, AS_IS)
    line = text_of(item_with(as_is, "Future states (to-be):"))
    assert line == "Future states (to-be): New football boots before Saturday, 2027 ◇ to-be"
    assert '<a href="../new-boots-2027/">New football boots before Saturday, 2027</a> <span class="jb-state jb-state--to-be">' in as_is
    assert "jb-state-note" not in as_is
    # the navigation says so in plain words
    assert "New football boots before Saturday, 2027 (to-be)" in nav_titles(page)
    assert "New football boots before Saturday (to-be)" not in nav_titles(page)


def test_a_future_state_is_marked_wherever_it_is_linked(site: Path) -> None:
    badge = '<span class="jb-state jb-state--to-be"><span aria-hidden="true">◇</span> to-be</span>'
    overview = read(site, "playbook/index.html")
    journeys = section(overview, "journeys")
    assert rows(journeys)[1].startswith("New football boots before Saturday, 2027 ◇ to-be Daan")
    assert journeys.count(badge) == 1
    phase = read(site, "playbook/journeys/new-boots-2027/consideration/index.html")
    assert "Phase 2/5 · New football boots before Saturday, 2027 ◇ to-be · Five phases" in text_of(phase)
    # the persona page puts each future state under the journey it improves
    persona = read(site, "playbook/personas/daan/index.html")
    assert re.search(
        r'<li><a href="../../journeys/new-boots/">New football boots before Saturday</a><ul>\s*'
        r'<li><a href="../../journeys/new-boots-2027/">New football boots before Saturday, 2027</a> ' + re.escape(badge),
        persona,
    )
    # catalogs that link journeys mark it too (the opportunity is shared with the to-be journey)
    assert badge in read(site, "playbook/opportunities/index.html")


def test_the_feeling_per_phase_is_compared_with_symbol_number_and_word(site: Path, site_nl: Path) -> None:
    changes = section(read(site, TO_BE), "what-changes")
    assert "Compared with: New football boots before Saturday, the journey as customers live it now." in text_of(changes)
    table = changes[changes.index('id="feeling-per-phase"') :]
    assert text_of(table[: table.index("</thead>")]).endswith("Phase As-is (now) To-be Change")
    assert rows(table) == [
        "Awareness −1 0 ▲ +1 better",
        "Consideration −2 +1 ▲ +3 better",
        "Purchase +1 +1 ● 0 unchanged",
    ]
    assert '<span class="jb-delta jb-delta--better"><span aria-hidden="true">▲</span> +3 better</span>' in table
    assert 'href="../new-boots-2027/consideration/"' not in table and 'href="consideration/"' in table  # the to-be phase page
    nl = section(read(site_nl, TO_BE), "what-changes")
    assert rows(nl[nl.index('id="feeling-per-phase"') :]) == [
        "Bekendheid −1 0 ▲ +1 beter",
        "Afweging −2 +1 ▲ +3 beter",
        "Aankoop +1 +1 ● 0 gelijk",
    ]


def test_steps_added_and_changed_are_listed_with_what_changes(site: Path) -> None:
    page = read(site, TO_BE)
    changes = section(page, "what-changes")
    listed = changes[changes.index('id="step-changes"') :]
    items = [text_of(li) for li in re.findall(r"<li>.*?</li>", listed[: listed.index("</ul>")], re.S)]
    assert items == [
        "~ Changed: Awareness, Step 1: Notices the sole is coming loose — what changes: thinking, touchpoints, pain points",
        "+ Added: Awareness, Step 2: Sees in the search ad which store has his size",
        "~ Changed: Consideration, Step 3: Checks the size chart next to the size picker — what changes: "
        "action (was: Compares two shops on his phone), feeling (▼▼ −2 → ▲ +1), pain points, support",
        "~ Changed: Purchase, Step 4: Pays in the webshop — what changes: frontstage, backstage, support, fail point",
    ]
    assert 'href="awareness/#step-2"' in listed
    # each step of the future state says how it differs, on its phase page
    phase = step_section(read(site, "playbook/journeys/new-boots-2027/awareness/index.html"), "step-2")
    assert "Compared with New football boots before Saturday: + Added" in phase
    purchase = step_section(read(site, "playbook/journeys/new-boots-2027/purchase/index.html"), "step-1")
    assert "Compared with New football boots before Saturday: ~ Changed — frontstage, backstage, support, fail point" in purchase


def test_a_removed_step_links_to_the_as_is_journey(tmp_path: Path) -> None:
    journeys = tmp_path / "journeys-src"
    shutil.copytree(FORMAT12, journeys)
    to_be = journeys / "new-boots-2027.yml"
    text = to_be.read_text(encoding="utf-8")
    to_be.write_text(text.replace("id: checkout\n        action: Pays in the webshop", "id: pickup\n        action: Pays at the till"), encoding="utf-8")
    site = build(write_project(tmp_path / "project", journeys))
    listed = text_of(section(read(site, TO_BE), "what-changes"))
    assert "+ Added: Purchase, Step 4: Pays at the till" in listed
    assert "− Removed: Purchase, Step 3: Pays in the webshop (New football boots before Saturday)" in listed
    assert 'href="../new-boots/purchase/#step-1"' in read(site, TO_BE)


def test_the_opportunities_that_make_the_difference_link_to_the_backlog(site: Path) -> None:
    changes = section(read(site, TO_BE), "what-changes")
    part = changes[changes.index('id="making-the-difference"') :]
    items = [text_of(li) for li in re.findall(r"<li>.*?</li>", part, re.S)]
    assert items == [
        "Show stock per store in search ads — Owner: Marketing, Status: idea, Impact: high, Effort: low",
        "Put the size chart next to the size picker — Owner: Webshop team, Status: doing, Impact: medium, Effort: medium",
    ]
    assert '<a href="../../opportunities/#priority-high">Show stock per store in search ads</a>' in part
    assert '<a href="../../opportunities/#priority-medium">Put the size chart next to the size picker</a>' in part
    assert 'id="priority-high"' in read(site, "playbook/opportunities/index.html")


def test_the_emotion_curve_of_a_future_state(site: Path) -> None:
    page = read(site, TO_BE)
    curve = section(page, "emotion-curve")
    assert '<figure class="jb-diagram jb-emotion-curve"' in curve
    if CURVE_COMPARES:  # drawn over the as-is curve once the diagram can
        assert curve != section(read(site, AS_IS), "emotion-curve")
        assert "as-is" in text_of(curve)  # the as-is values are in the figure's data table too
        assert "as-is" not in text_of(section(read(site, AS_IS), "emotion-curve"))


def test_the_overview_pairs_each_journey_with_its_future_states(site: Path, site_nl: Path) -> None:
    overview = read(site, "playbook/index.html")
    futures = section(overview, "future-states")
    assert "Each journey as customers live it now, beside the future states designed to improve it." in text_of(futures)
    assert rows(futures) == ["New football boots before Saturday New football boots before Saturday, 2027 ◇ to-be ▲ 2 better · ● 1 unchanged"]
    assert '<a href="journeys/new-boots/">' in futures and '<a href="journeys/new-boots-2027/">' in futures
    nl = section(read(site_nl, "playbook/index.html"), "future-states")
    assert "Toekomstbeelden (to-be)" in text_of(nl) and "▲ 2 beter · ● 1 gelijk" in text_of(nl)


def test_a_future_state_shows_no_evidence_coverage(site: Path) -> None:
    """A designed journey rests on no observation yet: '0% evidence' would say nothing about it."""
    page = read(site, TO_BE)
    assert "Evidence coverage" not in text_of(page) and 'id="evidence"' not in page
    ranked = section(read(site, "playbook/index.html"), "evidence-coverage")
    assert "New football boots before Saturday, 2027" not in text_of(ranked)
    assert "Evidence coverage" in text_of(read(site, AS_IS))


# --------------------------------------------------------------------------- review dates


def test_review_dates_are_shown_in_words_per_language(site: Path, site_nl: Path) -> None:
    assert "Last reviewed: 1 October 2026" in text_of(read(site, AS_IS))
    assert '<time class="jb-date" datetime="2026-10-01">1 October 2026</time>' in read(site, AS_IS)
    assert "Last reviewed: 15 November 2026" in text_of(read(site, TO_BE))
    assert "Last reviewed: 1 May 2024" in text_of(read(site, "playbook/personas/daan/index.html"))
    assert "Laatst beoordeeld: 1 oktober 2026" in text_of(read(site_nl, AS_IS))
    assert "Laatst beoordeeld: 15 november 2026" in text_of(read(site_nl, TO_BE))
    assert "Laatst beoordeeld: 1 mei 2024" in text_of(read(site_nl, "playbook/personas/daan/index.html"))
    assert "reviewed" not in text_of(read(site, "playbook/journeys/tractor/index.html"))


def test_dutch_lanes_and_fail_point(site_nl: Path) -> None:
    step = step_section(read(site_nl, "playbook/journeys/new-boots/purchase/index.html"), "step-1")
    assert "Frontstage (zichtbaar voor de klant) Chat agent answers questions about delivery" in step
    assert "Backstage (buiten het zicht van de klant) Warehouse reserves the pair" in step
    assert "Ondersteuning (systemen en processen) Order management system" in step
    assert "⚠ Faalpunt: Payment provider times out at peak hours" in step
    page = read(site_nl, TO_BE)
    assert "◇ Toekomstbeeld (to-be), verbetert New football boots before Saturday · Wat er verandert" in text_of(page)
    assert "~ Gewijzigd: Afweging, Stap 3" in text_of(page) and "actie (eerst: Compares two shops on his phone)" in text_of(page)


# --------------------------------------------------------------------------- unchanged without the fields


@pytest.mark.parametrize("fixture", ["format-handbook", "format11-handbook"])
def test_handbooks_without_the_new_fields_look_as_before(tmp_path: Path, fixture: str) -> None:
    site = build(write_project(tmp_path, FIXTURES / fixture / "journeys"))
    pages = [p for p in (site / "playbook").rglob("index.html")]
    assert len(pages) > 5
    for path in pages:
        page = path.read_text(encoding="utf-8")
        text = text_of(page)
        for absent in ("jb-state", "jb-fail-point", "jb-blueprint", "jb-delta", "Future state", "Service blueprint", "Last reviewed", "What changes", "Frontstage"):
            assert absent not in page and absent not in text, (path, absent)


def test_hostile_text_in_lanes_stays_text(tmp_path: Path) -> None:
    journeys = tmp_path / "journeys-src"
    shutil.copytree(FORMAT12, journeys)
    as_is = journeys / "new-boots.yml"
    text = as_is.read_text(encoding="utf-8")
    hostile = {
        "frontstage: [Chat agent answers questions about delivery]": 'frontstage: ["<script>alert(1)</script> agent", "{{ config.site_name }} *hm*"]',
        "backstage: [Warehouse reserves the pair]": "backstage: ['<img src=x onerror=alert(2)>', '[x](javascript:alert(3))']",
        "fail_point: Payment provider times out at peak hours": "fail_point: '</p><b>bold</b> {: .evil } & <!-- c -->'",
    }
    for old, new in hostile.items():
        assert old in text
        text = text.replace(old, new)
    as_is.write_text(text, encoding="utf-8")
    site = build(write_project(tmp_path / "project", journeys))
    page = read(site, "playbook/journeys/new-boots/purchase/index.html")
    article = page[page.index("<article") : page.index("</article>")]
    assert "<script" not in article and "<img" not in article and "<b>" not in article and "javascript:" not in article
    assert not re.search(r"<[^>]*\bon\w+=", article) and 'class="evil"' not in article
    step = step_section(page, "step-1")
    assert "<script>alert(1)</script> agent" in step
    assert "{{ config.site_name }} hm" in step  # Markdown emphasis works; the template syntax stays text
    assert "<img src=x onerror=alert(2)>" in step
    assert "⚠ Fail point: </p><b>bold</b> {: .evil } &" in step
    blueprint = read(site, AS_IS)
    assert "<script" not in blueprint[blueprint.index("<article") : blueprint.index("</article>")]


# --------------------------------------------------------------------------- in the browser

SCREEN_MKDOCS = """\
site_name: Future states
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - search
  - journeybook
"""
SCREEN_PAGES = [
    "playbook/",
    "playbook/journeys/new-boots/",
    "playbook/journeys/new-boots/purchase/",
    "playbook/journeys/new-boots-2027/",
    "playbook/journeys/new-boots-2027/consideration/",
    "playbook/personas/daan/",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = write_project(tmp_path_factory.mktemp("format12-screen"), FORMAT12, SCREEN_MKDOCS)
    with serve_folder(build(project)) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_parts_fit_a_phone_and_pass_axe(served: str, new_page, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """No sideways scroll at 390 px; no critical or serious axe-core violation in the content (contrast of
    the to-be mark, the fail point, the changes of feeling) in light and dark."""
    found: list[str] = []
    phone = new_page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    for path in SCREEN_PAGES:
        phone.goto(served + path)
        wide = phone.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        if wide[0] > wide[1]:
            found.append(f"{path}: scrolls sideways ({wide})")
    if AXE.is_file():
        desk = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        for path in SCREEN_PAGES:
            desk.goto(served + path)
            found += [f"{path} [{scheme}] {v}" for v in axe_violations(desk)]
    assert found == []


def test_a_future_state_that_names_no_as_is_journey(tmp_path: Path) -> None:
    """``state: to-be`` without ``improves``: marked, listed on the overview, nothing to compare."""
    journeys = tmp_path / "journeys-src"
    shutil.copytree(FORMAT12, journeys)
    to_be = journeys / "new-boots-2027.yml"
    to_be.write_text(to_be.read_text(encoding="utf-8").replace("improves: new-boots\n", ""), encoding="utf-8")
    site = build(write_project(tmp_path / "project", journeys), strict=False)
    page = read(site, TO_BE)
    assert "◇ Future state (to-be)" in text_of(page) and "improves" not in text_of(page)
    assert 'id="what-changes"' not in page
    assert rows(section(read(site, "playbook/index.html"), "future-states")) == [
        "no as-is journey named New football boots before Saturday, 2027 ◇ to-be cannot compare"
    ]
    assert "Future states (to-be)" not in text_of(read(site, AS_IS))


def test_the_health_page_names_and_links_a_persona_due_for_review(site: Path) -> None:
    page = read(site, "playbook/health/index.html")
    heading = re.search(r'<h2 id="health-persona-daan">(.*?)</h2>', page, re.S)
    assert heading is not None and "Persona: Daan" in re.sub(r"<[^>]+>", "", heading.group(1))
    assert "stale-review" in page and 'href="../personas/daan/"' in page
