"""Real MkDocs builds (Material, --strict) of temporary handbooks, asserting on the HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import FIXTURES, MINIMAL_MKDOCS, ROOT, build, read, write_project


def text_of(page: str) -> str:
    """The visible text of the article, tags removed and entities decoded, whitespace folded."""
    article = re.search(r"<article.*?</article>", page, re.S)
    body = article.group(0) if article else page
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    body = re.sub(r"</?(a|em|strong|code|span|sup|del|mark)\b[^>]*>", "", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def nav_titles(page: str) -> list[str]:
    """Titles of the primary navigation links, in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', page, re.S)
    assert nav, "no primary nav"
    labels = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in labels]


# --------------------------------------------------------------------------- layout


def test_every_page_of_the_layout_is_built(format_site: Path) -> None:
    expected = [
        "playbook/index.html",
        "playbook/journeys/new-boots/index.html",
        "playbook/journeys/new-boots/awareness/index.html",
        "playbook/journeys/new-boots/purchase/index.html",
        "playbook/journeys/tractor/index.html",
        "playbook/journeys/tractor/need/index.html",
        "playbook/journeys/tractor/buy/index.html",
        "playbook/personas/daan/index.html",
        "playbook/touchpoints/index.html",
        "playbook/opportunities/index.html",
        "playbook/checklists/index.html",
        "playbook/sources/index.html",
    ]
    for rel in expected:
        assert (format_site / rel).is_file(), rel
    # phases left out of a journey get no page
    assert not (format_site / "playbook/journeys/new-boots/consideration").exists()
    assert not (format_site / "playbook/journeys/tractor/knowledge").exists()


def test_overview_lists_journeys_personas_and_lowest_emotion(format_site: Path) -> None:
    page = read(format_site, "playbook/index.html")
    text = text_of(page)
    assert "New football boots before Saturday" in text and "Tractor part" in text
    assert "Daan" in text and "Amateur footballer, 24" in text
    assert 'href="journeys/new-boots/"' in page and 'href="personas/daan/"' in page
    listing = page[page.index('id="journeys"') :]  # the table under the heading, not the map's data table
    row = re.search(r"<tr>(?:(?!</tr>).)*New football boots(?:(?!</tr>).)*</tr>", listing, re.S).group(0)
    assert "−1" in html.unescape(row)  # lowest emotion of new-boots
    assert 'href="journeys/new-boots/awareness/"' in row and 'href="journeys/new-boots/purchase/"' in row


def test_journey_page_shows_every_journey_field(format_site: Path) -> None:
    page = read(format_site, "playbook/journeys/new-boots/index.html")
    text = text_of(page)
    for visible in [
        "Daan needs new boots before the derby",
        "(Visser & Sikkenga, 2015)",
        "Thursday evening the sole comes loose.",
        "Stock per store is visible",
        "Webshop team",
        "webshop",
        "sport",
        "Five phases",
    ]:
        assert visible in text, visible
    # the journey grid: phases as columns, one row per aspect
    grid = page[page.index('id="journey-at-a-glance"') :]
    table = re.search(r"<table>.*?</table>", grid, re.S).group(0)
    headers = [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    assert headers[1:] == ["Awareness", "Purchase"]
    rows = [text_of(r) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert [r.split(" ")[0] for r in rows] == ["Goal", "Doing", "Thinking", "Feeling", "Touchpoints", "Pain", "Opportunities"]
    assert "Notices the sole is coming loose" in rows[1] and "Orders in the webshop" in rows[1]
    assert "Door-to-door leaflet (negative)" in rows[4]
    assert "Delivery time unclear (high)" in rows[5]
    # the journey map diagram, inline and accessible
    figure = re.search(r'<figure class="jb-diagram[^"]*".*?</figure>', page, re.S)
    assert figure, "journey map missing"
    assert "<svg" in figure.group(0) and "<figcaption" in figure.group(0) and "<title" in figure.group(0)
    # citation links to the reference on the sources page
    assert 'href="../../sources/#visser2015"' in page


def test_phase_page_shows_steps_in_detail(format_site: Path) -> None:
    page = read(format_site, "playbook/journeys/new-boots/awareness/index.html")
    text = text_of(page)
    for visible in [
        "Be found when the need arises",
        "Notices the sole is coming loose",
        "Saturday is the derby.",
        "−1",
        "Search engine",
        "Door-to-door leaflet — Sentiment: negative — The leaflet offer is not in the webshop",
        "Does not know which shop has his size",
        "Delivery time unclear — Severity: high",
        "Show stock per store in search ads — Owner: Marketing, Priority: high, Status: idea",
        "Is the leaflet offer in the webshop?",
        "Map every touchpoint in order",
        "(UX Mastery, 2014)",
        "Next phase: Purchase",
        "References",
    ]:
        assert visible in text, visible
    assert 'id="step-1"' in page
    boxes = re.findall(r"<input [^>]*>", page.split('class="jb-checklist"')[1].split("</ul>")[0])
    assert boxes and all('type="checkbox"' in b and "disabled" not in b for b in boxes), "checklist items cannot be ticked"
    assert 'href="../purchase/"' in page
    assert 'href="../../../touchpoints/#tp-leaflet"' in page


def test_framework_guidance_and_checklist_reach_the_phase_page(format_site: Path) -> None:
    page = read(format_site, "playbook/journeys/tractor/need/index.html")
    text = text_of(page)
    assert "Do we know what triggers the need?" in text
    assert "Direct contact weighs most for emotion" in text and "p. 369" in text
    assert "Notice a need" in text and "Phase 1/3" in text


def test_persona_page_shows_profile_value_map_and_journeys(format_site: Path) -> None:
    text = text_of(read(format_site, "playbook/personas/daan/index.html"))
    for visible in [
        "Amateur footballer, 24",
        "Urgency: high",
        "If I can't play on Saturday",
        "hates",
        "Play the derby on Saturday",
        "Replace broken boots fast",
        "Sole came loose two days before the match",
        "Boots that fit first time",
        "Value map",
        "Football boots",
        "Same-day pickup in store",
        "Size advice by chat",
        "Webshop",
        "Store",
        "New football boots before Saturday",
        "Tractor part",
    ]:
        assert visible in text, visible


def test_catalog_pages(format_site: Path) -> None:
    touchpoints = read(format_site, "playbook/touchpoints/index.html")
    text = text_of(touchpoints)
    assert "E-commerce team" in text and "The online shop." in text
    assert 'id="tp-leaflet"' in touchpoints and "not used in any journey" in text  # the store is unused
    opportunities = text_of(read(format_site, "playbook/opportunities/index.html"))
    assert "Priority: high" in opportunities and "Show stock per store in search ads" in opportunities
    checklists = text_of(read(format_site, "playbook/checklists/index.html"))
    assert "Is the leaflet offer in the webshop?" in checklists
    assert "Do we know what triggers the need?" in checklists
    sources = read(format_site, "playbook/sources/index.html")
    assert 'id="visser2015"' in sources and 'id="uxmastery2014"' in sources
    assert "Basisboek online marketing" in text_of(sources)


# --------------------------------------------------------------------------- navigation


def test_nav_without_explicit_nav_orders_the_playbook(format_site: Path) -> None:
    titles = nav_titles(read(format_site, "index.html"))
    assert titles[0] == "Home"
    section = titles[1:]
    assert section[:3] == ["Playbook", "Overview", "Journeys"]
    assert section.index("Journeys") < section.index("Personas") < section.index("Touchpoints")
    assert section[-7:] == [
        "Touchpoints", "Opportunities", "Pain points", "Moments of truth", "Checklists", "Health", "Sources"
    ]


def test_explicit_nav_places_the_section_where_the_overview_is_listed(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS + "nav:\n  - Home: index.md\n  - Our playbook: playbook/index.md\n  - About: about.md\n"
    project = write_project(
        tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml, {"index.md": "# Home\n", "about.md": "# About\n"}
    )
    titles = nav_titles(read(build(project), "index.html"))
    assert titles.index("Home") < titles.index("Our playbook") < titles.index("About")
    assert titles.index("Our playbook") < titles.index("Journeys") < titles.index("About")


def test_explicit_nav_without_the_playbook_gets_it_appended(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS + "nav:\n  - Home: index.md\n"
    project = write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml)
    titles = nav_titles(read(build(project), "index.html"))
    assert titles[0] == "Home" and "Playbook" in titles[1:]


# --------------------------------------------------------------------------- options


def test_language_from_theme_gives_dutch_labels(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS.replace("name: material", "name: material\n  language: nl")
    project = write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml)
    site = build(project)
    text = text_of(read(site, "playbook/journeys/new-boots/index.html"))
    assert "Journey in één oogopslag" in text and "Doen" in text and "Voelen" in text
    assert "Bekendheid" in text  # the framework's Dutch phase name
    assert "Journey at a glance" not in text


def test_options_url_framework_language_and_disable(tmp_path: Path) -> None:
    journeys = {
        "p.yml": "kind: persona\nname: P\n",
        "j.yml": "kind: journey\npersona: p\nphases:\n  - phase: use\n    steps:\n      - action: Uses it\n",
    }
    mkdocs_yml = MINIMAL_MKDOCS.replace(
        "  - journeybook\n", "  - journeybook:\n      url: cx\n      framework: orientation\n      language: nl\n"
    )
    site = build(write_project(tmp_path / "a", journeys, mkdocs_yml))
    assert "Gebruik" in text_of(read(site, "cx/journeys/j/use/index.html"))
    assert not (site / "playbook").exists()
    disabled = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      enabled: false\n")
    site = build(write_project(tmp_path / "b", journeys, disabled))
    assert not (site / "playbook").exists() and (site / "index.html").is_file()


def test_edit_link_points_at_the_yaml_file(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS.replace("name: material", "name: material\n  features: [content.action.edit]")
    mkdocs_yml += "repo_url: https://github.com/acme/cx\nedit_uri: edit/main/docs/\n"
    site = build(write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml))
    page = read(site, "playbook/journeys/new-boots/index.html")
    assert 'href="https://github.com/acme/cx/edit/main/journeys/new-boots.yml"' in page
    persona = read(site, "playbook/personas/daan/index.html")
    assert 'href="https://github.com/acme/cx/edit/main/journeys/daan.yml"' in persona


def test_a_docs_page_in_the_way_is_a_clear_error(tmp_path: Path, mkdocs_log) -> None:
    project = write_project(
        tmp_path, FIXTURES / "format-handbook" / "journeys", docs={"index.md": "# Home\n", "playbook/index.md": "# Mine\n"}
    )
    with pytest.raises(Abort):
        build(project)
    assert "docs/playbook/index.md already exists" in mkdocs_log()


# --------------------------------------------------------------------------- safety


HOSTILE = {
    "p.yml": """\
        kind: persona
        id: mallory
        name: "<img src=x onerror=alert(1)>Mallory"
        summary: |
          Hello <script>alert('x')</script> and [click](javascript:alert(1)) and
          [entity](&#106;avascript:alert(2)) and {{ config.site_name }} and {% raw %}
          Para {: onclick="alert(3)" }

          --8<-- "/etc/passwd"
        quote: "| broken | table |"
        goals: ["`<b>code stays code</b>`"]
        """,
    "t.yml": "kind: touchpoints\ntouchpoints:\n  - id: web\n    name: '<b>Web</b>'\n",
    "j.yml": """\
        kind: journey
        title: "Evil \\" ] } { <svg onload=alert(1)>"
        persona: mallory
        phases:
          - phase: awareness
            steps:
              - action: "<script>x</script> label \\"quoted\\" \\\\ back"
                touchpoints: [web]
        """,
}


def test_author_text_is_shown_never_executed(tmp_path: Path) -> None:
    site = build(write_project(tmp_path, HOSTILE))
    for rel in ["playbook/personas/mallory/index.html", "playbook/journeys/j/index.html", "playbook/index.html"]:
        page = read(site, rel)
        article = re.search(r"<article.*?</article>", page, re.S).group(0)
        assert "<script" not in article.lower()
        assert "javascript:" not in article.lower().replace("&amp;", "&")
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", article, re.I)  # no live event handlers
        assert "root:" not in article  # no snippet include
    persona = text_of(read(site, "playbook/personas/mallory/index.html"))
    assert "<script>alert('x')</script>" in persona  # shown as text
    assert "{{ config.site_name }}" in persona and "{% raw %}" in persona
    assert "<b>code stays code</b>" in persona
    assert "| broken | table |" in persona


def test_no_files_written_outside_the_site_folder(tmp_path: Path) -> None:
    project = write_project(tmp_path, FIXTURES / "format-handbook" / "journeys")
    before = {p for p in project.rglob("*")}
    build(project)
    after = {p for p in project.rglob("*")}
    new = {p.relative_to(project).parts[0] for p in after - before}
    assert new <= {"site", ".cache"}, new


def test_same_input_same_bytes(tmp_path: Path) -> None:
    sites = [build(write_project(tmp_path / name, FIXTURES / "format-handbook" / "journeys")) for name in "ab"]
    pages = sorted(p.relative_to(sites[0]) for p in (sites[0] / "playbook").rglob("*.html"))
    assert len(pages) >= 10
    for rel in pages:
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel


# --------------------------------------------------------------------------- the example handbook


def test_the_example_handbook_builds_strict_in_dutch(tmp_path: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    mkdocs_build(cfg)
    site = tmp_path / "site"
    journeys = sorted(p.parent.name for p in (site / "playbook" / "journeys").glob("*/index.html"))
    assert len(journeys) >= 3
    personas = list((site / "playbook" / "personas").glob("*/index.html"))
    assert len(personas) >= 3
    overview = text_of(read(site, "playbook/index.html"))
    assert "Persona's" in overview and "Laagste gevoel" in overview
    for journey in journeys:
        page = read(site, f"playbook/journeys/{journey}/index.html")
        assert 'class="jb-diagram' in page
        assert "Journey at a glance" not in page


# --------------------------------------------------------------------------- warnings and options


def test_warnings_fail_strict_builds_only_when_configured(tmp_path: Path, mkdocs_log) -> None:
    journeys = {"p.yml": "kind: persona\nid: p\nname: {nl: Piet, en: Pete}\nrole: {nl: Boer}\n"}
    site = build(write_project(tmp_path / "a", journeys))  # --strict: the warning is only reported
    assert (site / "playbook/personas/p/index.html").is_file()
    assert "journeys/p.yml:4:7: warning: no en text here" in mkdocs_log()
    strict = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      strict: true\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path / "b", journeys, strict))


def test_builtin_guidance_can_be_switched_off(tmp_path: Path) -> None:
    journeys = {"j.yml": "kind: journey\nphases:\n  - phase: awareness\n    steps:\n      - action: Looks\n"}
    with_guidance = text_of(read(build(write_project(tmp_path / "a", journeys)), "playbook/journeys/j/awareness/index.html"))
    off = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      builtin_guidance: false\n")
    without = text_of(read(build(write_project(tmp_path / "b", journeys, off)), "playbook/journeys/j/awareness/index.html"))
    assert "Checklist" in with_guidance and "Guidance" in with_guidance
    assert "Checklist" not in without and "Guidance" not in without


# --------------------------------------------------------------------------- lint and the health page

LINTED = {
    "p.yml": "kind: persona\nid: p\nname: P\nurgency: low\n",
    "t.yml": "kind: touchpoints\ntouchpoints:\n  - {id: web, name: Web, channel: online}\n",
    "j.yml": "kind: journey\nid: j\npersona: p\nphases:\n  - phase: awareness\n    steps:\n"
    "      - action: Gets lost\n        emotion: -2\n        touchpoints: [web]\n",
}


def test_health_page_lists_findings_per_journey_with_the_rules(tmp_path: Path) -> None:
    site = build(write_project(tmp_path, LINTED))
    page = read(site, "playbook/health/index.html")
    text = text_of(page)
    assert "negative-without-opportunity" in text and "journeys/j.yml:8:18" in text  # the emotion value
    assert "no-direct-contact" in text
    assert 'id="rule-no-direct-contact"' in page and "(Visser & Sikkenga, 2015, p. 369)" in text
    assert 'href="#rule-negative-without-opportunity"' in page


def test_lint_option_switches_rules_off_or_makes_them_errors(tmp_path: Path, mkdocs_log) -> None:
    quiet = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      lint: false\n")
    text = text_of(read(build(write_project(tmp_path / "a", LINTED, quiet)), "playbook/health/index.html"))
    assert "Nothing to report." in text and "no-direct-contact" not in text
    blocking = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      lint: {no-direct-contact: error}\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path / "b", LINTED, blocking))
    assert "journeys/j.yml:4:1: no step of this journey brings the customer in direct contact" in mkdocs_log()
    typo = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      lint: {no-direct-contacts: off}\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path / "c", LINTED, typo))
    assert "did you mean 'no-direct-contact'" in mkdocs_log()


def test_rebuild_renders_no_diagram_again_and_says_so_once(tmp_path: Path, mkdocs_log) -> None:
    project = write_project(tmp_path, FIXTURES / "format-handbook" / "journeys")
    build(project)
    build(project)
    lines = [l for l in mkdocs_log().splitlines() if l.startswith("journeybook: diagrams:")]
    assert len(lines) == 2
    total = int(lines[0].split()[2])
    assert total >= 8 and lines[0] == f"journeybook: diagrams: {total} total, {total} rendered, 0 from cache"
    assert lines[1] == f"journeybook: diagrams: {total} total, 0 rendered, {total} from cache"
    assert (project / ".cache" / "journeybook").is_dir()


def test_dot_engine_without_dot_is_a_clear_error(tmp_path: Path, mkdocs_log, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    dot = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n      diagrams: {engine: dot}\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", dot))
    assert "apt-get install graphviz" in mkdocs_log()


ENGLISH_ONLY_LABELS = [
    "Journey at a glance", "Phase by phase", "Pain points", "Opportunities", "References", "Feeling",
    "Doing", "Thinking", "Severity", "Priority", "Owner", "Next phase", "Previous phase", "Moments of truth",
    "Across all journeys", "Average sentiment", "Nothing to report", "not set", "Emotion curve", "Journey map",
]


def test_the_dutch_site_has_no_english_labels(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS.replace("name: material", "name: material\n  language: nl")
    site = build(write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml))
    found = []
    for page in sorted((site / "playbook").rglob("index.html")):
        html_text = read(site, str(page.relative_to(site)))
        # labels only: drop the author's own (English) text and the bibliography
        text = text_of(html_text)
        for label_text in ENGLISH_ONLY_LABELS:
            if re.search(rf"\b{re.escape(label_text)}\b", text):
                found.append((page.relative_to(site).as_posix(), label_text))
    assert found == []


def test_journey_tags_reach_materials_tags_plugin(tmp_path: Path) -> None:
    mkdocs_yml = MINIMAL_MKDOCS.replace("  - search\n", "  - search\n  - tags\n")
    site = build(write_project(tmp_path, FIXTURES / "format-handbook" / "journeys", mkdocs_yml))
    page = read(site, "playbook/journeys/new-boots/index.html")
    assert re.search(r'class="md-tag[^"]*"[^>]*>\s*webshop', page) and re.search(r'class="md-tag[^"]*"[^>]*>\s*sport', page)
