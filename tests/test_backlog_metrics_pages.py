"""The backlog (opportunities page) and the metrics page of a FORMAT 1.1 handbook, built for real.

One backlog item per opportunity however many steps share it (``ref``), the impact × effort
view with quick wins first and the unrated items listed, and a metrics page of metric ×
journey with the latest value against its target (CSV measurements included). A version 1
handbook keeps the pages it had, without empty sections.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL_MKDOCS, build, read, serve_folder, write_project
from journeybook.backlog import backlog, quick_wins, ranked, unrated
from journeybook.handbook import build_handbook
from journeybook.pages import catalogs

FORMAT11 = FIXTURES / "format11-handbook" / "journeys"
DUTCH = MINIMAL_MKDOCS.replace("name: material", "name: material\n  language: nl")


def text_of(fragment: str) -> str:
    """The visible text: inline tags removed, block tags a space, entities decoded, whitespace folded."""
    fragment = re.sub(r"<svg.*?</svg>", " ", fragment, flags=re.S)
    fragment = re.sub(r"</?(a|em|strong|code|span|sup|del|mark)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def article(page: str) -> str:
    found = re.search(r"<article.*?</article>", page, re.S)
    assert found, "no article"
    return found.group(0)


def section(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next heading of the same or a higher level."""
    start = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', page)
    assert start, f"no heading #{anchor}"
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][ >]").search(page, start.end())
    return page[start.start() : end.start() if end else len(page)]


def rows(html_text: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", html_text, re.S)


def column(table: str, header: str) -> list[str]:
    """The text of every cell under the header ``header``."""
    heads = [text_of(h) for h in re.findall(r"<th.*?</th>", rows(table)[0], re.S)]
    n = heads.index(header)
    return [text_of(re.findall(r"<td.*?</td>", r, re.S)[n]) for r in rows(table)[1:]]


def row_with(html_text: str, words: str) -> str:
    found = [r for r in rows(html_text) if words in text_of(r)]
    assert len(found) == 1, f"{len(found)} rows with {words!r}"
    return found[0]


@pytest.fixture(scope="module")
def site11(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format11"), FORMAT11))


@pytest.fixture(scope="module")
def site11_nl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format11-nl"), FORMAT11, DUTCH))


# --------------------------------------------------------------------------- the data


def test_backlog_has_one_item_per_definition_and_ranks_quick_wins_first() -> None:
    hb, diagnostics = build_handbook(FORMAT11)
    assert not [d for d in diagnostics if d.severity == "error"]
    items = backlog(hb)
    texts = [i.opportunity.text.get("en") for i in items if i.opportunity.text]
    assert len(items) == len(texts) == 4  # two refs to stock-per-store join its item
    shared = next(i for i in items if i.opportunity.id == "stock-per-store")
    assert [(at.journey.id, at.step.id) for at in shared.uses] == [
        ("new-boots", "notice"), ("new-boots", "compare"), ("tractor", "breakdown")
    ]  # fmt: skip
    assert [i.opportunity.text.get("en") for i in quick_wins(items)] == ["Show stock per store in search ads"]
    assert [i.opportunity.text.get("en") for i in ranked(items)] == [
        "Show stock per store in search ads",  # quick win: high impact, low effort
        "A spare-part hotline",  # high, high
        "Put the size chart next to the size picker",  # medium, medium
    ]
    assert [i.opportunity.text.get("en") for i in unrated(items)] == ["Offer pickup in store at checkout"]


# --------------------------------------------------------------------------- the backlog page


def test_a_shared_opportunity_is_one_backlog_item_listing_its_steps_and_journeys(site11: Path) -> None:
    page = article(read(site11, "playbook/opportunities/index.html"))
    high = section(page, "priority-high")
    row = row_with(high, "Show stock per store in search ads")
    assert "3 steps in 2 journeys" in text_of(row)
    for href in (
        "../journeys/new-boots/awareness/#step-1",
        "../journeys/new-boots/consideration/#step-1",
        "../journeys/tractor/need/#step-1",
    ):
        assert f'href="{href}"' in row, href
    assert 'href="../journeys/new-boots/"' in row and 'href="../journeys/tractor/"' in row
    # impact, effort, owner, status and the derived evidence level (symbol and word), its finding linked
    cells = [text_of(c) for c in re.findall(r"<td.*?</td>", row, re.S)]
    assert cells[0] == "idea" and cells[2] == "Marketing" and cells[5] == "high / low"
    assert cells[1] == "Show stock per store in search ads ★ Quick win Evidence: ◐ reported (Three of eight interviewees could not tell which shop had their size.)"
    assert 'href="../research/interviews-2026/#finding-size-unknown"' in row
    # one item across the whole page: one row per view (priority, owner, impact and effort)
    tables = re.sub(r"<figure.*?</figure>", "", page, flags=re.S)  # not the matrix's own data table
    assert sum("Show stock per store" in text_of(r) for r in rows(tables)) == 3
    assert "None" not in text_of(page)  # a ref has no text of its own: nothing prints "None"


def test_quick_wins_first_and_unrated_items_are_listed(site11: Path) -> None:
    page = article(read(site11, "playbook/opportunities/index.html"))
    quick = section(page, "quick-wins")
    assert column(quick, "Opportunity") == [
        "Show stock per store in search ads ★ Quick win Evidence: ◐ reported (Three of eight interviewees could not tell which shop had their size.)",
        "A spare-part hotline Evidence: ○ assumed",
        "Put the size chart next to the size picker Evidence: ○ assumed",
    ]
    assert column(quick, "Impact / effort") == ["high / low", "high / high", "medium / medium"]
    if "No." in text_of(rows(quick)[0]):  # with the matrix: each item's number in it
        assert column(quick, "No.") == ["1", "2", "3"]
    unrated_part = section(page, "unrated")
    assert "Not yet rated for impact and effort" in text_of(unrated_part)
    row = row_with(unrated_part, "Offer pickup in store at checkout")
    assert "not set / not set" in text_of(row) and 'href="../journeys/new-boots/purchase/#step-1"' in row
    assert "Offer pickup" not in text_of(quick)
    # the other views keep working over backlog items
    assert 'id="by-owner"' in page and 'id="owner-marketing"' in page and 'id="owner-none"' in page
    assert text_of(section(page, "owner-webshop-team")).count("Put the size chart") == 1


def test_the_impact_effort_matrix_is_drawn_when_the_diagram_kind_exists(site11: Path) -> None:
    from journeybook.diagrams import KINDS

    page = article(read(site11, "playbook/opportunities/index.html"))
    matrix = section(page, "impact-effort")
    if "impact_effort" not in KINDS:
        pytest.skip("the impact_effort diagram kind is not there yet")
    assert "<svg" in matrix and "<figure" in matrix


def test_dutch_backlog_words(site11_nl: Path) -> None:
    text = text_of(article(read(site11_nl, "playbook/opportunities/index.html")))
    for words in ("Snelle resultaten eerst", "Nog niet beoordeeld op impact en inspanning", "3 stappen in 2 journeys",
                  "Snel resultaat", "gerapporteerd", "Impact / inspanning", "hoog / laag"):  # fmt: skip
        assert words in text, words


def test_a_version_1_backlog_has_no_rating_or_evidence_columns_and_no_metrics_page(format_site: Path) -> None:
    page = article(read(format_site, "playbook/opportunities/index.html"))
    text = text_of(page)
    assert "Show stock per store in search ads" in text and "Priority: high" in text
    for absent in ("Impact", "Effort", "Quick win", "Not yet rated", "Evidence", "assumed"):
        assert absent not in text, absent
    assert not (format_site / "playbook/metrics").exists()
    assert "metrics" not in catalogs.NAMES


# --------------------------------------------------------------------------- the metrics page


def test_metrics_page_shows_metric_by_journey_with_latest_value_and_target(site11: Path) -> None:
    page = article(read(site11, "playbook/metrics/index.html"))
    table = section(page, "by-journey")
    header = text_of(rows(table)[0])
    assert "Customer satisfaction" in header and "Drop-off at payment" in header
    row = row_with(table, "New football boots before Saturday")
    cells = [c for c in re.findall(r"<td.*?</td>", row, re.S)]
    csat, drop = text_of(cells[1]), text_of(cells[2])
    # the journey's own series: 3.7/5 against the metric's target 4.2, higher is better
    assert csat == "3.7/5 · target 4.2/5 · ✗ off target"
    # no journey-level drop-off: the step's series from the CSV, 14.5 % against its own target 12
    assert drop == "Purchase, Step 3: 14.5% · target 12% · ✗ off target"
    assert 'href="../journeys/new-boots/purchase/#step-1"' in cells[2]
    assert 'href="#metric-csat"' in rows(table)[0]
    # the tractor journey is not measured: no row
    assert "Tractor part" not in text_of(table)


def test_metrics_page_describes_each_metric_and_lists_every_series(site11: Path) -> None:
    page = article(read(site11, "playbook/metrics/index.html"))
    csat = section(page, "metric-csat")
    text = text_of(csat)
    assert "Scale: 1 to 5" in text and "Target: 4.2/5, higher is better" in text and "Owner: CX team" in text
    step_row = text_of(row_with(csat, "Step 3"))
    assert "2026-09-30" in step_row and "3.4/5" in step_row and "+0.3 (better)" in step_row  # 3.1 in the CSV before
    phase_row = text_of(row_with(csat, "3.9/5"))
    assert "4.5/5" in phase_row and "✗ off target" in phase_row  # the measurement's own target
    drop = text_of(section(page, "metric-drop-off"))
    assert "Scale: 0% to 100%" in drop and "lower is better" in drop and "Owner: No owner yet" in drop
    assert "14.5%" in drop and "12%" in drop and "−3.5% (better)" in drop


def test_dutch_metrics_page_uses_a_decimal_comma(site11_nl: Path) -> None:
    page = article(read(site11_nl, "playbook/metrics/index.html"))
    row = text_of(row_with(section(page, "by-journey"), "New football boots"))
    assert "3,7/5 · doel 4,2/5 · ✗ niet op doel" in row and "14,5% · doel 12% · ✗ niet op doel" in row
    assert "Klanttevredenheid" in text_of(page) and "hoger is beter" in text_of(page)


def test_metrics_page_is_in_the_navigation_when_the_handbook_has_metrics(site11: Path) -> None:
    home = read(site11, "playbook/index.html")
    assert 'href="metrics/"' in home or 'href="./metrics/"' in home
    hb, _ = build_handbook(FORMAT11)
    assert catalogs.names(hb).index("metrics") == catalogs.names(hb).index("moments-of-truth") + 1


def test_metrics_without_measurements_say_so(tmp_path: Path) -> None:
    journeys = {
        "p.yml": "kind: persona\nid: p\nname: P\n",
        "j.yml": "kind: journey\nid: j\npersona: p\nphases:\n  - phase: awareness\n    steps:\n      - action: Looks\n",
        "m.yml": "kind: metrics\nmetrics:\n  - {id: nps, name: Net promoter score, min: -100, max: 100}\n",
    }
    site = build(write_project(tmp_path, journeys))
    text = text_of(article(read(site, "playbook/metrics/index.html")))
    assert "No measurements yet." in text and "Net promoter score" in text
    assert "Scale: −100 to 100" in text and "Target: no target, higher is better" in text


# --------------------------------------------------------------------------- in the browser


@pytest.mark.browser
@pytest.mark.parametrize("path", ["playbook/opportunities/", "playbook/metrics/"])
def test_backlog_and_metrics_pages_do_not_scroll_sideways_on_a_phone(site11: Path, new_page, path: str) -> None:  # type: ignore[no-untyped-def]
    with serve_folder(site11) as url:
        for scheme in ("light", "dark"):
            page = new_page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
            page.goto(url + path)
            width, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
            assert width <= inner, f"{path} [{scheme}] scrolls sideways: {width} > {inner}"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_backlog_and_metrics_pages(tmp_path: Path, new_page, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import AXE, PALETTE_MKDOCS, axe_violations

    if not AXE.is_file():
        pytest.skip("axe-core is not installed: npm ci --prefix tests/axe")
    site = build(write_project(tmp_path, FORMAT11, PALETTE_MKDOCS))
    found: list[str] = []
    with serve_folder(site) as url:
        page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        for path in ("playbook/opportunities/", "playbook/metrics/"):
            page.goto(url + path)
            found += [f"{path} [{scheme}] {v}" for v in axe_violations(page)]
    assert found == []
