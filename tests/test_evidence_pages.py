"""FORMAT 1.1 on the pages a reader expects (issue 11): evidence levels and findings on steps,
pain points and opportunities; research pages linked both ways; evidence coverage per journey
and ranked on the overview; the latest metric against its target (CSV values included); shared
opportunities shown through ``ref``. Real MkDocs builds (Material, --strict) of the format11 fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL_MKDOCS, build, read, write_project
from test_site import nav_titles, text_of

FORMAT11 = FIXTURES / "format11-handbook" / "journeys"
NL_MKDOCS = MINIMAL_MKDOCS.replace("name: material", "name: material\n  language: nl")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format11"), FORMAT11))


@pytest.fixture(scope="module")
def site_nl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("format11-nl"), FORMAT11, NL_MKDOCS))


def step_section(page: str, anchor: str) -> str:
    """The text of one step on a phase page: from its heading to the next heading of its level or above."""
    start = page.index(f'id="{anchor}"')
    end = re.search(r"<h[1-3][ >]", page[start + 10 :])
    return text_of(page[start : start + 10 + end.start()] if end else page[start:])


def item_with(page: str, words: str) -> str:
    """The list item of a page that contains ``words`` (visible text)."""
    for item in re.findall(r"<li>(?:(?!</li>).)*</li>", page, re.S):
        if words in text_of(item):
            return item
    raise AssertionError(f"no list item with {words!r}")


# --------------------------------------------------------------------------- evidence levels


def test_each_step_shows_its_derived_level_as_symbol_and_word(site: Path) -> None:
    awareness = read(site, "playbook/journeys/new-boots/awareness/index.html")
    consideration = read(site, "playbook/journeys/new-boots/consideration/index.html")
    purchase = read(site, "playbook/journeys/new-boots/purchase/index.html")
    # reported: interview findings only (its own and its pain point's)
    assert "Evidence: ◐ reported" in step_section(awareness, "step-1")
    # assumed: no finding at all
    assert "Evidence: ○ assumed" in step_section(consideration, "step-1")
    # observed: a finding from analytics
    assert "Evidence: ● observed" in step_section(purchase, "step-1")
    # the symbol is not read out; the word is
    assert '<span aria-hidden="true">●</span> observed' in purchase


def test_step_evidence_lists_its_findings_linked_to_the_research_page(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/awareness/index.html")
    section = step_section(page, "step-1")
    assert "Most purchases are triggered by a match within days." in section
    assert "Three of eight interviewees could not tell which shop had their size." in section  # from its pain point
    assert 'href="../../../research/interviews-2026/#finding-derby-deadline"' in page
    assert 'href="../../../research/interviews-2026/#finding-size-unknown"' in page


def test_pain_points_and_opportunities_show_their_level_and_findings(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/awareness/index.html")
    pain = item_with(page, "Does not know which shop has his size")
    assert "◐ reported" in text_of(pain) and "Three of eight interviewees" in text_of(pain)
    assert 'href="../../../research/interviews-2026/#finding-size-unknown"' in pain
    assert "○ assumed" in text_of(item_with(page, "Delivery time unclear"))
    opportunity = text_of(item_with(page, "Show stock per store in search ads"))
    assert "◐ reported" in opportunity
    assert "Impact: high" in opportunity and "Effort: low" in opportunity


def test_the_journey_grid_carries_the_levels(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/index.html")
    grid = page[page.index('id="journey-at-a-glance"') :]
    grid = grid[: grid.index("</table>")]
    row = re.search(r"<tr>(?:(?!</tr>).)*<strong>Evidence</strong>(?:(?!</tr>).)*</tr>", grid, re.S)
    assert row is not None
    assert text_of(row.group(0)).split() == "Evidence 1. ◐ reported 2. ○ assumed 3. ● observed".split()
    assert "Delivery time unclear ○ assumed" in text_of(grid)


def test_a_version_1_handbook_shows_no_evidence(tmp_path: Path) -> None:
    """Without research, nothing is 'assumed' on every line: the pages stay as they were."""
    site = build(write_project(tmp_path, FIXTURES / "format-handbook" / "journeys"))
    for rel in ["playbook/index.html", "playbook/journeys/new-boots/index.html", "playbook/journeys/new-boots/awareness/index.html"]:
        page = read(site, rel)
        assert "jb-evidence" not in page and "Evidence coverage" not in text_of(page), rel
    assert not (site / "playbook" / "research").exists()
    assert "Research" not in nav_titles(read(site, "index.html"))


# --------------------------------------------------------------------------- research pages


def test_a_research_page_shows_method_date_source_and_findings(site: Path) -> None:
    page = read(site, "playbook/research/interviews-2026/index.html")
    text = text_of(page)
    assert "<h1" in page and "Customer interviews, spring 2026" in text
    assert "Method: interviews" in text and "Date: 2026-03-12" in text
    assert "Report: (Visser & Sikkenga, 2015)" in text  # the sources id, cited like every page cites
    assert 'href="../../sources/#visser2015"' in page
    assert "Eight amateur players talked us through their last boot purchase." in text
    assert 'id="finding-size-unknown"' in page and 'id="finding-derby-deadline"' in page
    assert "Three of eight interviewees could not tell which shop had their size." in text
    assert re.search(r"<blockquote>\s*<p>“Where do I see if it fits\?”</p>\s*</blockquote>", page)
    assert "Participants: 3" in text
    assert "Evidence: ◐ reported (interviews)" in text
    assert "References" in text  # the cited source listed at the end
    analytics = text_of(read(site, "playbook/research/webshop-analytics/index.html"))
    assert "Method: analytics" in analytics and "Evidence: ● observed (analytics)" in analytics


def test_a_finding_links_back_to_every_place_that_uses_it(site: Path) -> None:
    page = read(site, "playbook/research/interviews-2026/index.html")
    size = page[page.index('id="finding-size-unknown"') : page.index('id="finding-derby-deadline"')]
    assert "pain point: Does not know which shop has his size" in text_of(size)
    assert "opportunity: Show stock per store in search ads" in text_of(size)
    assert 'href="../../journeys/new-boots/awareness/#step-1"' in size
    derby = page[page.index('id="finding-derby-deadline"') :]
    assert "step: Notices the sole is coming loose" in text_of(derby)
    analytics = read(site, "playbook/research/webshop-analytics/index.html")
    assert 'href="../../journeys/new-boots/purchase/#step-1"' in analytics
    assert "step: Pays in the webshop" in text_of(analytics)


def test_research_pages_are_in_the_navigation(site: Path) -> None:
    titles = nav_titles(read(site, "index.html"))
    assert "Research" in titles
    research = titles.index("Research")
    assert titles.index("Personas") < research < titles.index("Touchpoints")
    # the section's own page (a list of the research) first, then one page per document
    assert titles[research + 1] == "Research"
    assert set(titles[research + 2 : research + 4]) == {"Webshop analytics Q2", "Customer interviews, spring 2026"}


# --------------------------------------------------------------------------- coverage


def test_each_journey_shows_its_evidence_coverage(site: Path) -> None:
    boots = text_of(read(site, "playbook/journeys/new-boots/index.html"))
    # steps: notice (reported), compare (assumed), checkout (observed); pain points: size (reported), 2 assumed
    assert "Evidence coverage: 3 of 6 (50%)" in boots
    assert "Evidence coverage: 3 of 6 steps and pain points rest on a finding (50%)" in boots
    assert "● observed: 1 · ◐ reported: 2 · ○ assumed: 3" in boots
    assert "Research behind this journey: Webshop analytics Q2 (analytics), Customer interviews, spring 2026 (interviews)" in boots
    tractor = text_of(read(site, "playbook/journeys/tractor/index.html"))
    assert "Evidence coverage: 0 of 2 (0%)" in tractor
    # no step or pain point rests on a finding, but the shared opportunity does (through its definition)
    assert "Research behind this journey: Customer interviews, spring 2026 (interviews)" in tractor


def test_the_overview_ranks_journeys_by_coverage_and_links_the_research(site: Path) -> None:
    page = read(site, "playbook/index.html")
    section = page[page.index('id="evidence-coverage"') :]
    table = section[: section.index("</table>")]
    rows = [text_of(r) for r in re.findall(r"<tr>.*?</tr>", table, re.S)]
    assert rows[0].split() == "Journey Evidence coverage ● observed ◐ reported ○ assumed".split()
    assert rows[1] == "New football boots before Saturday 3 of 6 (50%) 1 2 3"
    assert rows[2] == "Tractor part 0 of 2 (0%) 0 0 2"
    research = text_of(page[page.index('id="research"') :])
    assert "Customer interviews, spring 2026 — interviews, 2026-03-12 · Findings: 2" in research
    assert 'href="research/interviews-2026/"' in page and 'href="research/webshop-analytics/"' in page


# --------------------------------------------------------------------------- metrics


def test_the_latest_value_at_a_step_comes_from_the_csv_and_meets_its_target_by_better(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/purchase/index.html")
    step = step_section(page, "step-1")
    # drop-off: only in the CSV; latest 14.5 against its own target 12, lower is better
    assert "Drop-off at payment: 14.5% on 2026-09-30 · Target: 12% · ✗ off target · −3.5% since 2026-06-30" in step
    # csat: the CSV's March value and the YAML's September value make one series
    assert "Customer satisfaction: 3.4/5 on 2026-09-30 · Target: 4.2/5 · ✗ off target · +0.3 since 2026-03-31" in step


def test_phase_and_journey_measurements_show_on_their_pages(site: Path) -> None:
    purchase = text_of(read(site, "playbook/journeys/new-boots/purchase/index.html"))
    assert "Metrics Customer satisfaction: 3.9/5 on 2026-06-30 · Target: 4.5/5 · ✗ off target" in purchase
    journey = read(site, "playbook/journeys/new-boots/index.html")
    text = text_of(journey)
    assert "Customer satisfaction: 3.7/5 on 2026-06-30 · Target: 4.2/5 · ✗ off target" in text
    table = journey[journey.index('id="metrics"') :]
    rows = [text_of(r) for r in re.findall(r"<tr>.*?</tr>", table[: table.index("</table>")], re.S)]
    assert rows[1:] == [
        "Customer satisfaction whole journey 3.7/5 (2026-06-30) 4.2/5 ✗ off target",
        "Customer satisfaction Purchase 3.9/5 (2026-06-30) 4.5/5 ✗ off target",
        "Customer satisfaction Purchase, Step 3: Pays in the webshop 3.4/5 (2026-09-30) 4.2/5 ✗ off target",
        "Drop-off at payment Purchase, Step 3: Pays in the webshop 14.5% (2026-09-30) 12% ✗ off target",
    ]
    assert 'href="purchase/#step-1"' in table


def test_metrics_have_their_trend_diagram_where_they_are_shown(site: Path) -> None:
    from journeybook.diagrams import KINDS

    if "metric_trend" not in KINDS:
        pytest.skip("the metric_trend diagram is not in this build")
    purchase = read(site, "playbook/journeys/new-boots/purchase/index.html")
    assert purchase.count('class="jb-diagram') >= 4  # emotion curve, the phase's csat, the step's csat and drop-off
    journey = read(site, "playbook/journeys/new-boots/index.html")
    assert journey.count('class="jb-diagram') >= 3  # map, curve, the journey's csat


def test_the_journey_curve_shows_the_first_step_metric_beside_the_feeling(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/index.html")
    curve = re.search(r'<figure[^>]*id="jb-new-boots-curve".*?</figure>', page, re.S)
    assert curve is not None
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", curve.group(0)))
    assert "3.4/5" in texts  # csat, the first metric measured at a step, at checkout


# --------------------------------------------------------------------------- shared opportunities and anchors


def test_a_ref_shows_the_definition_and_says_it_is_shared(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/consideration/index.html")
    item = text_of(item_with(page, "Show stock per store in search ads"))
    assert "Owner: Marketing, Priority: high, Status: idea, Impact: high, Effort: low" in item
    assert "◐ reported: Three of eight interviewees" in item  # the definition's findings
    assert "Shared, also serves: New football boots before Saturday → Awareness, Step 1; Tractor part → Notice a need, Step 1" in item
    assert 'href="../../../opportunities/"' in item_with(page, "Show stock per store in search ads")
    tractor = text_of(read(site, "playbook/journeys/tractor/need/index.html"))
    assert "Show stock per store in search ads — Owner: Marketing" in tractor
    grid = text_of(read(site, "playbook/journeys/tractor/index.html"))
    assert "Show stock per store in search ads (high, shared opportunity) ◐ reported" in grid


def test_an_opportunity_used_once_is_not_marked_shared(site: Path) -> None:
    page = read(site, "playbook/journeys/new-boots/consideration/index.html")
    assert "Shared" not in text_of(item_with(page, "Put the size chart next to the size picker"))


def test_steps_with_an_id_get_that_anchor_too(site: Path) -> None:
    purchase = read(site, "playbook/journeys/new-boots/purchase/index.html")
    assert 'id="step-1"' in purchase and purchase.count('id="checkout"') == 1
    assert read(site, "playbook/journeys/new-boots/awareness/index.html").count('id="notice"') == 1
    # a step without an id keeps only its number
    buy = read(site, "playbook/journeys/tractor/buy/index.html")
    assert 'id="step-1"' in buy


def test_a_step_id_that_would_clash_gets_no_second_anchor(tmp_path: Path) -> None:
    journey = """\
        kind: journey
        id: j
        title: J
        phases:
          - phase: awareness
            steps:
              - {id: step-2, action: First}
              - {id: references, action: Second, evidence: [f]}
        ---
        kind: research
        id: r
        method: survey
        findings: [{id: f, text: Something}]
    """
    site = build(write_project(tmp_path, {"j.yml": journey}))
    page = read(site, "playbook/journeys/j/awareness/index.html")
    assert page.count('id="step-2"') == 1 and page.count('id="references"') == 1


# --------------------------------------------------------------------------- Dutch, hostile text, same bytes


def test_the_dutch_site_says_it_in_dutch(site_nl: Path) -> None:
    purchase = text_of(read(site_nl, "playbook/journeys/new-boots/purchase/index.html"))
    assert "Onderbouwing: ● waargenomen" in purchase
    assert "Drop-off at payment: 14,5% op 2026-09-30 · Doel: 12% · ✗ niet op doel · −3,5% sinds 2026-06-30" in purchase
    research = text_of(read(site_nl, "playbook/research/webshop-analytics/index.html"))
    assert "Webshopanalyse K2" in research and "Methode: data-analyse" in research and "Gebruikt bij" in research
    overview = text_of(read(site_nl, "playbook/index.html"))
    assert "3 van 6 (50%)" in overview and "Onderzoek" in overview
    journey = text_of(read(site_nl, "playbook/journeys/new-boots/index.html"))
    assert "3 van 6 stappen en pijnpunten steunen op een bevinding (50%)" in journey
    assert "Gedeeld, helpt ook bij" in text_of(read(site_nl, "playbook/journeys/new-boots/consideration/index.html"))


NEW_ENGLISH_LABELS = [
    "Evidence", "observed", "reported", "assumed", "Rests on", "Findings", "Participants", "Used at", "Method",
    "Report", "Research behind", "Shared", "also serves", "whole journey", "on target", "off target", "since",
    "Metrics", "Latest", "Target", "steps and pain points", "Evidence coverage",
]


def test_the_dutch_evidence_pages_have_no_english_labels(site_nl: Path) -> None:
    pages = [
        "playbook/index.html",
        "playbook/journeys/new-boots/index.html",
        "playbook/journeys/new-boots/awareness/index.html",
        "playbook/journeys/new-boots/consideration/index.html",
        "playbook/journeys/new-boots/purchase/index.html",
        "playbook/research/interviews-2026/index.html",
        "playbook/research/webshop-analytics/index.html",
    ]
    found = []
    for rel in pages:
        text = text_of(read(site_nl, rel))
        # the author's own (English) words and titles are not labels
        for author in ["Customer interviews, spring 2026", "Drop-off at payment", "Webshop analytics Q2"]:
            text = text.replace(author, "")
        found += [(rel, word) for word in NEW_ENGLISH_LABELS if re.search(rf"\b{re.escape(word)}\b", text)]
    assert found == []


def test_author_text_in_research_is_shown_never_executed(tmp_path: Path) -> None:
    files = {
        "j.yml": """\
            kind: journey
            id: j
            title: J
            phases:
              - phase: awareness
                steps:
                  - id: s
                    action: Looks
                    evidence: [f]
                    opportunities:
                      - ref: nowhere-yet
        """,
        "r.yml": """\
            kind: research
            id: r
            title: "<script>alert('t')</script> title"
            method: observation
            summary: "<img src=x onerror=alert(1)> summary"
            findings:
              - id: f
                text: "<b onclick=alert(2)>found</b>"
                quote: "<script>alert(3)</script>"
        """,
    }
    project = write_project(tmp_path, files)
    from journeybook.handbook import build_handbook
    from journeybook.pages.site import SiteBuilder

    hb, _problems = build_handbook(project / "journeys")  # the unknown ref is an error; the pages still render
    pages = {p.path: p.content for p in SiteBuilder(hb).build().pages}
    phase = pages["playbook/journeys/j/awareness/index.md"]
    assert "<code>nowhere&#45;yet</code> (unknown opportunity)" in phase
    research = pages["playbook/research/r/index.md"]
    assert "<script" not in research and "<img" not in research and "<b " not in research  # shown as text
    assert "&lt;script&gt;alert&#40;3&#41;&lt;/script&gt;" in research


def test_same_input_same_bytes(tmp_path: Path) -> None:
    sites = [build(write_project(tmp_path / name, FORMAT11)) for name in "ab"]
    pages = sorted(p.relative_to(sites[0]) for p in (sites[0] / "playbook").rglob("*.html"))
    for rel in pages:
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel


# --------------------------------------------------------------------------- in the browser

NEW_PAGES = [
    "playbook/",
    "playbook/journeys/new-boots/",
    "playbook/journeys/new-boots/awareness/",
    "playbook/journeys/new-boots/purchase/",
    "playbook/research/interviews-2026/",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from conftest import serve_folder
    from test_accessibility import PALETTE_MKDOCS

    site = build(write_project(tmp_path_factory.mktemp("format11-browser"), FORMAT11, PALETTE_MKDOCS))
    with serve_folder(site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_evidence_pages(served: str, new_page, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import AXE, axe_violations

    if not AXE.is_file():
        pytest.skip("axe-core is not installed: npm ci --prefix tests/axe")
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    found: list[str] = []
    for path in NEW_PAGES:
        page.goto(served + path)
        found += [f"{path} [{scheme}] {v}" for v in axe_violations(page)]
    assert found == []


@pytest.mark.browser
def test_the_evidence_pages_never_scroll_sideways_on_a_phone(served: str, new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page(viewport={"width": 390, "height": 844})
    wide = []
    for path in NEW_PAGES:
        page.goto(served + path)
        page.evaluate("document.fonts.ready")
        width, window = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        if width > window:
            wide.append(f"{path}: {width} px in a {window} px window")
    assert wide == []
