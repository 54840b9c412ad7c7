"""Diagrams and tables fit the reader's screen (issue 9), in a real Chromium (Debian's, driven by playwright).

A handbook with a 12-step journey over 5 phases (and an empty one) is built for real and
every generated page is checked:

- at 1280×900 (Material's 688 px content column, both sidebars shown) every diagram and
  every visible table ends inside the content column, and all diagram text is at least
  9 CSS px (font size × the SVG's scale on screen);
- at 390×844 (a phone) no page scrolls sideways: a diagram that is wider than the column
  scrolls inside its own picture box, which shows a scroll bar, and its text stays ≥ 9 px;
- a click on a diagram opens it full size with zoom; Escape closes it and gives the focus back;
- printed on A4 (Chromium's PDF), the journey's whole map is on one page and every page is
  A4; the page count stays small.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from conftest import build, serve_folder, write_project

pytestmark = pytest.mark.browser

MKDOCS_YML = """\
site_name: Passend handboek
theme:
  name: material
  language: nl
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - search
  - journeybook
# journeybook's plugin lists its own scripts too; named here so this test does not depend on it
extra_javascript:
  - assets/journeybook/journeybook-figures.js
"""

TOUCHPOINTS = """\
kind: touchpoints
touchpoints:
  - {id: search, name: Zoekmachine, type: supporting, channel: online}
  - {id: reviews, name: Reviewsites en vergelijkers, type: supporting, channel: online}
  - {id: webshop, name: Webshop, type: primary, channel: online}
  - {id: payment, name: Betaalpagina, type: primary, channel: online}
  - {id: store, name: Fysieke winkel, type: primary, channel: offline}
  - {id: staff, name: Winkelpersoneel, type: primary, channel: offline, direct: true}
  - {id: phone, name: Klantenservice (telefoon), type: supporting, channel: offline, direct: true}
  - {id: chat, name: Chat, type: supporting, channel: online, direct: true}
  - {id: leaflet, name: Huis-aan-huisfolder, type: supporting, channel: offline}
  - {id: parcel, name: Verpakking en levering, type: supporting}
  - {id: email, name: E-mail, type: supporting, channel: online}
"""

PERSONA = """\
kind: persona
id: daan
name: Daan
role: Amateurvoetballer, 24, speelt zaterdag de derby
urgency: high
quote: "Als ik zaterdag niet kan spelen, laat ik mijn team in de steek."
goals: [Zaterdag de derby spelen, Niet te veel betalen]
jobs: [Schoenen vinden die meteen goed zitten, Op tijd geleverd krijgen voor de wedstrijd]
pains: [Onduidelijke levertijd, Maat niet op voorraad, Lang wachten aan de telefoon]
gains: [Korting uit de folder ook online, Snel antwoord in de chat]
value_map:
  products: [Webshop met voorraad per winkel, Ophalen in de winkel dezelfde dag]
  pain_relievers: [Levertijd zichtbaar bij elk product, Terugbelafspraak in plaats van wachtrij]
  gain_creators: [Foldercode werkt ook in de webshop]
channels: [webshop, chat]
"""

# Twelve steps over the five phases of the five-phase model, with long actions, one to two
# touchpoints per step (all three channels, direct contact), pain points and opportunities.
# Only the map writes ⚠ (pain points) and ★ (opportunities): the first step has one, the
# last step the other, so a PDF page that has both holds the whole map.
JOURNEY = """\
kind: journey
id: twaalf-stappen
title: Nieuwe voetbalschoenen vóór de derby van zaterdag, in twaalf stappen
persona: daan
framework: five-phases
phases:
  - phase: awareness
    steps:
      - action: Ziet na de training dat de zool van zijn linkerschoen losgescheurd is
        emotion: -1
        touchpoints: [{ref: leaflet, sentiment: negative}, search]
        pain_points: [{text: Zaterdag is de derby, severity: high}]
      - action: Vindt in de huis-aan-huisfolder twintig procent korting op kunstgrasschoenen
        emotion: 1
        touchpoints: [{ref: leaflet, sentiment: positive}]
  - phase: consideration
    steps:
      - action: Vergelijkt drie modellen op reviewsites en leest ervaringen van andere spelers
        emotion: 0
        touchpoints: [reviews, {ref: search, sentiment: neutral}]
      - action: Zoekt zijn maat (44,5) in de webshop en ziet geen levertijd staan
        emotion: -2
        touchpoints: [{ref: webshop, sentiment: negative}]
        pain_points: [Levertijd onduidelijk, Maat misschien uitverkocht]
      - action: Stelt in de chat de vraag of de schoen vrijdag binnen is
        emotion: 1
        touchpoints: [{ref: chat, sentiment: positive}, webshop]
  - phase: purchase
    steps:
      - action: Bestelt met de foldercode, maar de korting wordt niet verrekend
        emotion: -1
        touchpoints: [{ref: webshop, sentiment: negative}, {ref: payment, sentiment: negative}]
        pain_points: [Foldercode werkt niet online]
      - action: Belt de klantenservice en wacht twaalf minuten in de wachtrij
        emotion: -2
        touchpoints: [{ref: phone, sentiment: negative}]
      - action: Krijgt de korting alsnog en betaalt met iDEAL
        emotion: 1
        touchpoints: [{ref: payment, sentiment: positive}, email]
  - phase: retention
    steps:
      - action: Volgt het pakket en ziet dat het donderdag al bezorgd wordt
        emotion: 2
        touchpoints: [{ref: parcel, sentiment: positive}, email]
      - action: Past de schoenen thuis; de linker knelt een beetje bij de hiel
        emotion: 0
        touchpoints: [parcel]
  - phase: loyalty
    steps:
      - action: Ruilt in de winkel om voor een halve maat groter
        emotion: 1
        touchpoints: [{ref: store, sentiment: positive}, {ref: staff, sentiment: positive}]
      - action: Scoort zaterdag het winnende doelpunt en raadt de winkel aan in de teamapp
        emotion: 2
        touchpoints: [{ref: staff, sentiment: positive}]
        opportunities: [{text: Vraag om een review na de wedstrijd, priority: medium}]
"""

EMPTY = """\
kind: journey
id: leeg
title: Nog in te vullen
persona: daan
"""

JOURNEY_PAGE = "playbook/journeys/twaalf-stappen/"
EMPTY_PAGE = "playbook/journeys/leeg/"
PICTURES = "figure.jb-diagram .jb-diagram-picture > svg"
A4_PRINT_WIDTH_PX = round((210 - 22) / 25.4 * 96)  # print.css: 11 mm side margins
A4_PRINT_HEIGHT_PX = round((297 - 26) / 25.4 * 96)  # 12 mm top, 14 mm bottom

# Everything that does not fit, on the current page: diagrams or tables past the column's
# right edge, diagram text under 9 px. Text size on screen = computed font size × the
# scale of its user space on screen (viewBox to rendered size, and any group transform).
MISFITS_JS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const column = article.getBoundingClientRect();
  const out = [];
  const svgs = [...document.querySelectorAll('%s')];
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const name = svg.closest('figure').id;
    if (box.right > column.right + 1 || box.left < column.left - 1)
      out.push(`${name}: ${box.left}..${box.right} outside the column ${column.left}..${column.right}`);
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const m = text.getScreenCTM();
      const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
      if (size < 9) out.push(`${name}: "${text.textContent}" at ${size.toFixed(2)} px`);
    }
  }
  for (const table of article.querySelectorAll('table')) {
    if (table.checkVisibility && !table.checkVisibility()) continue;  // in a closed <details>
    const box = table.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.right > column.right + 1) out.push(`table ${table.rows[0].textContent.trim().slice(0, 40)}: right ${box.right} > ${column.right}`);
  }
  return {misfits: out, diagrams: svgs.length, column: column.width};
}""" % PICTURES


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(
        tmp_path_factory.mktemp("fit"),
        {"touchpoints.yml": TOUCHPOINTS, "personas/daan.yml": PERSONA, "journeys/twaalf.yml": JOURNEY, "journeys/leeg.yml": EMPTY},
        mkdocs_yml=MKDOCS_YML,
    )
    return build(project)


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    """Every generated page, as a URL path."""
    found = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "playbook").rglob("index.html"))
    assert JOURNEY_PAGE in found and EMPTY_PAGE in found and len(found) >= 12
    return found


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve_folder(site) as url:
        yield url


def _open(new_page, url: str, width: int, height: int, scheme: str = "light"):
    """A page in a fresh context (conftest's browser draws scroll bars, as a desktop browser does)."""
    page = new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return page, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_and_table_fits_the_column_at_1280(served: str, pages: list[str], new_page, scheme: str) -> None:
    page, errors = _open(new_page, served, 1280, 900, scheme)
    counted = 0
    problems = []
    for path in pages:
        page.goto(served + path)
        page.evaluate("document.fonts.ready")
        found = page.evaluate(MISFITS_JS)
        assert 680 <= found["column"] <= 700, path  # Material's column with both sidebars
        problems += [f"{path}: {m}" for m in found["misfits"]]
        counted += found["diagrams"]
    assert problems == []
    assert counted >= 10  # overview, journey map and curve ×2, 5 phase curves, persona, heatmap
    assert errors == []


def test_the_journey_page_at_1280(served: str, new_page) -> None:
    """The 12-step map wraps into rows: it fits the column at a comfortable scale and reads
    left to right, row by row; the curve wraps into panels."""
    page, _errors = _open(new_page, served + JOURNEY_PAGE, 1280, 900)
    column = page.locator("article.md-content__inner").bounding_box()
    map_box = page.locator("#jb-twaalf-stappen-map .jb-diagram-picture > svg").bounding_box()
    assert map_box["width"] >= 0.8 * column["width"]  # not shrunk to a strip
    rows = page.eval_on_selector_all("#jb-twaalf-stappen-map g.jb-phase", "gs => gs.map(g => g.getBoundingClientRect().top)")
    assert len(rows) >= 2 and len({round(y) for y in rows}) >= 2  # phases on more than one row
    scale = page.evaluate(
        "() => { const s = document.querySelector('#jb-twaalf-stappen-map svg'); return s.getBoundingClientRect().width / s.viewBox.baseVal.width; }"
    )
    assert scale >= 0.85  # 11 pt step text ≥ 12.4 px
    bands = page.eval_on_selector_all("#jb-twaalf-stappen-curve rect.jb-band", "rs => rs.map(r => r.getBoundingClientRect().top)")
    assert len({round(y) for y in bands}) == 2  # two panels


def test_phone_pages_never_scroll_sideways(served: str, pages: list[str], new_page) -> None:
    page, errors = _open(new_page, served, 390, 844)
    problems = []
    for path in pages:
        page.goto(served + path)
        page.evaluate("document.fonts.ready")
        wide = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        if wide[0] > wide[1]:
            problems.append(f"{path}: the page is {wide[0]} px wide in a {wide[1]} px window")
        found = page.evaluate(MISFITS_JS.replace("box.right > column.right + 1 || ", "false && "))
        problems += [f"{path}: {m}" for m in found["misfits"] if " px" in m and "table" not in m]
        # a picture wider than the column scrolls inside its own box, with a scroll bar under it
        for picture in page.evaluate(
            """() => [...document.querySelectorAll('.jb-diagram-picture')].map(d => ({
                 id: d.closest('figure').id, scroll: d.scrollWidth, client: d.clientWidth,
                 bar: d.offsetHeight - d.clientHeight, overflow: getComputedStyle(d).overflowX,
                 inside: d.getBoundingClientRect().right <= document.documentElement.clientWidth + 1}))"""
        ):
            assert picture["inside"], (path, picture)
            if picture["scroll"] > picture["client"] + 1:
                assert picture["overflow"] == "auto" and picture["bar"] > 0, (path, picture)
    assert problems == []
    # the 12-step map is one of those that scroll, and scrolling it moves the picture
    page.goto(served + JOURNEY_PAGE)
    picture = page.locator("#jb-twaalf-stappen-map .jb-diagram-picture")
    assert picture.evaluate("d => d.scrollWidth > d.clientWidth")
    assert picture.evaluate("d => { d.scrollLeft = 100; return d.scrollLeft; }") > 0
    # it takes the keyboard focus (arrow keys scroll it), named after its diagram
    assert picture.get_attribute("tabindex") == "0" and picture.get_attribute("aria-labelledby") == "jb-twaalf-stappen-map-title"
    picture.evaluate("d => { d.scrollLeft = 0; }")
    picture.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('#jb-twaalf-stappen-map .jb-diagram-picture').scrollLeft > 0")
    page.set_viewport_size({"width": 1280, "height": 900})  # room enough: no scrolling, no tab stop
    page.wait_for_function("!document.querySelector('#jb-twaalf-stappen-map .jb-diagram-picture').hasAttribute('tabindex')")
    assert errors == []


def test_a_click_opens_the_diagram_full_size_and_escape_closes_it(served: str, new_page) -> None:
    page, errors = _open(new_page, served + JOURNEY_PAGE, 1280, 900)
    page.locator("#jb-twaalf-stappen-map .jb-diagram-picture > svg").click()
    dialog = page.locator("dialog.jb-zoom[open]")
    dialog.wait_for()
    assert dialog.locator("svg[role=img]").count() == 1
    box = dialog.bounding_box()
    assert box["width"] >= 1270 and box["height"] >= 890  # the whole window
    assert page.evaluate("document.activeElement.classList.contains('jb-zoom-stage')")
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))  # the copy has ids of its own

    def level() -> int:
        return int(re.sub(r"\D", "", dialog.locator(".jb-zoom-level").text_content()))

    start = level()
    dialog.locator(".jb-zoom-in").click()
    assert level() > start
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert level() < start
    page.keyboard.press("0")
    assert level() == start
    width = dialog.locator(".jb-zoom-stage > svg").bounding_box()["width"]
    page.keyboard.press("+")
    assert dialog.locator(".jb-zoom-stage > svg").bounding_box()["width"] > width * 1.2
    page.keyboard.press("Escape")
    assert page.locator("dialog.jb-zoom").count() == 0
    # by keyboard: the button in the figure's corner, Enter, Escape; the focus comes back
    trigger = page.locator("#jb-twaalf-stappen-curve .jb-zoom-open")
    assert "Emotiecurve" in trigger.get_attribute("aria-label")
    trigger.focus()
    page.keyboard.press("Enter")
    page.locator("dialog.jb-zoom[open]").wait_for()
    page.keyboard.press("Escape")
    assert page.locator("dialog.jb-zoom").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('jb-zoom-open')")
    assert errors == []


def test_without_the_script_a_diagram_is_just_a_picture(served: str, new_page) -> None:
    page = new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page.goto(served + JOURNEY_PAGE)
    assert page.locator(".jb-zoom-open").count() == 0
    assert page.locator(PICTURES).count() == 2


def test_an_empty_journey_says_so_at_a_readable_size(served: str, new_page) -> None:
    page, _errors = _open(new_page, served + EMPTY_PAGE, 1280, 900)
    found = page.evaluate(MISFITS_JS)
    assert found["misfits"] == [] and found["diagrams"] == 2
    for figure in ("#jb-leeg-map", "#jb-leeg-curve"):
        svg = page.locator(f"{figure} .jb-diagram-picture > svg")
        message = svg.locator("text", has_text="Nog geen stappen beschreven.")
        assert message.count() == 1
        text_box, svg_box = message.bounding_box(), svg.bounding_box()
        assert svg_box["x"] <= text_box["x"] and text_box["x"] + text_box["width"] <= svg_box["x"] + svg_box["width"]
        assert text_box["height"] >= 12  # the message is not small print


def test_a_journey_prints_on_a4_with_its_whole_map_on_one_page(served: str, new_page, tmp_path: Path) -> None:
    page, _errors = _open(new_page, served + JOURNEY_PAGE, A4_PRINT_WIDTH_PX, A4_PRINT_HEIGHT_PX)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-footer', '.jb-zoom-open']"
        ".map(s => document.querySelector(s)).filter(e => e && e.getClientRects().length > 0).map(e => e.className)"
    )
    assert hidden == []  # nothing but the content prints
    for figure in ("#jb-twaalf-stappen-map", "#jb-twaalf-stappen-curve"):
        svg = page.locator(f"{figure} .jb-diagram-picture > svg").bounding_box()
        whole = page.locator(figure).bounding_box()
        assert svg["width"] <= A4_PRINT_WIDTH_PX + 1
        assert whole["height"] <= A4_PRINT_HEIGHT_PX  # picture and caption fit one page
    for table in page.eval_on_selector_all("article table", "ts => ts.map(t => t.getBoundingClientRect().right)"):
        assert table <= A4_PRINT_WIDTH_PX + 1  # no table is cut off at the right
    pdf = tmp_path / "journey.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) are not installed")
    info = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert 2 <= count <= 8 and len(sizes) == count
    assert all(round(float(w)) == 596 and round(float(h)) == 843 for w, h in sizes)  # A4 portrait
    with_marks = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if "⚠" in text or "★" in text:
            with_marks.append((number, "⚠" in text, "★" in text))
    assert len(with_marks) == 1 and with_marks[0][1:] == (True, True), with_marks  # first and last row together


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_critical_or_serious_on_the_long_journey(served: str, pages: list[str], new_page, scheme: str) -> None:
    """The 12-step journey, its phases and the empty journey: axe-core inside the content, light and dark."""
    from test_accessibility import AXE, axe_violations

    if not AXE.is_file():
        pytest.skip("axe-core is not installed: npm ci --prefix tests/axe (.ci/run does)")
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    checked = [p for p in pages if "/journeys/" in p]
    assert JOURNEY_PAGE in checked and EMPTY_PAGE in checked
    found: list[str] = []
    for path in checked:
        page.goto(served + path)
        found += [f"{path} [{scheme}] {v}" for v in axe_violations(page)]
    assert found == []
