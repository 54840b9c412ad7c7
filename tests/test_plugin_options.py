"""The plugin's options (journeybook.config) and what MkDocs gets from the plugin.

- A wrong option value is a MkDocs configuration error reading ``mkdocs.yml:line:column:
  message``, in the site's language, with "did you mean" for near misses; never a traceback.
- The build writes into the site folder and the diagram cache, nowhere else.
- Other plugins see the generated pages (event priorities).
- Titles handed to MkDocs are escaped so that no theme template turns author text into
  markup; checked over every HTML file of a real Material site, and in the search index.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import lxml.html
import material
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import MINIMAL_MKDOCS, build, write_project

JOURNEYS = {
    "p.yml": "kind: persona\nid: p\nname: Pat\nurgency: low\n",
    "j.yml": "kind: journey\nid: j\ntitle: Joins\npersona: p\nphases:\n  - phase: awareness\n    steps:\n"
    "      - action: Looks around\n",
}


def with_options(options: str, theme: str = "") -> str:
    """MINIMAL_MKDOCS with the plugin's options; the first option is on line 7, its key at column 7."""
    text = MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n" + textwrap.indent(options, " " * 6))
    return text.replace("  name: material\n", f"  name: material\n{theme}")


# --------------------------------------------------------------------------- wrong values

BAD_OPTIONS = [
    ("url: ../escaped\n",
     "mkdocs.yml:7:12: 'url' must be a folder inside the site, such as 'playbook' or 'docs/cx', not '../escaped': "
     "'.' and '..' would point outside the site or nowhere (did you mean 'escaped'?)"),
    ("url: cx/../../up\n", "not 'cx/../../up': '.' and '..' would point outside the site or nowhere (did you mean 'cx/up'?)"),
    ("url: /cx/\n", "mkdocs.yml:7:12: 'url' must be a folder inside the site, such as 'playbook' or 'docs/cx', not "
     "'/cx/': it starts with '/' (did you mean 'cx'?)"),
    ("url: //evil.example/cx\n", "not '//evil.example/cx': that is a web address or a drive\n"),
    ("url: 'https://evil.example/'\n", "not 'https://evil.example/': that is a web address or a drive\n"),
    ("url: 'C:/site'\n", "not 'C:/site': that is a web address or a drive\n"),
    ("url: 'cx\\sub'\n", "folders are separated by '/', not by '\\' (did you mean 'cx/sub'?)"),
    ("url: cx//sub\n", "not 'cx//sub': it has an empty folder name ('//') (did you mean 'cx/sub'?)"),
    ("url: ./cx\n", "not './cx': '.' and '..' would point outside the site or nowhere (did you mean 'cx'?)"),
    ('url: "cx\\u0000"\n', "a folder name in a web address cannot hold '\\x00' (did you mean 'cx'?)"),
    ("url: 'cx?x=1'\n", "a folder name in a web address cannot hold '?'"),
    ("url: '%2e%2e'\n", "a folder name in a web address cannot hold '%'"),
    ("url: ''\n", "not '': it is empty"),
    ("url: [a]\n", "mkdocs.yml:7:12: 'url' must be text, got [a]"),
    ("framework: Five Phases\n",
     "mkdocs.yml:7:18: 'framework' 'Five Phases' is not a framework id: ids are lowercase letters, digits and "
     "hyphens (did you mean 'five-phases'?)"),
    ("source: mkdocs.yml\n", "mkdocs.yml:7:15: 'source' must be a folder, but 'mkdocs.yml' is a file"),
    ("source: ' '\n", "mkdocs.yml:7:15: 'source' must name a folder, got an empty value"),
    ('source: "cx\\u0000"\n', "mkdocs.yml:7:15: 'source' must name a folder, and a folder name cannot hold '\\x00'"),
    ("diagrams:\n  cache_dir: mkdocs.yml\n",
     "option 'diagrams': Sub-option 'cache_dir': mkdocs.yml:8:20: 'cache_dir' must be a folder, but 'mkdocs.yml' is a file"),
    ("diagrams: 5\n", "mkdocs.yml:7:17: 'diagrams' must be a group of options (a mapping), got 5"),
    ("diagrams:\n  engine: graphviz\n", "mkdocs.yml:8:17: 'engine' cannot be 'graphviz' (did you mean 'pygraphviz'?)"),
    ("lint:\n  no-direct-contacts: off\n",
     "mkdocs.yml:8:9: unknown lint rule 'no-direct-contacts' (did you mean 'no-direct-contact'?)"),
    ("lint:\n  channel-mismatch: loud\n",
     "mkdocs.yml:8:9: 'loud' is not a setting for lint rule 'channel-mismatch'; expected one of: error, info, off, warning"),
    ("lint: [no-direct-contact]\n", "mkdocs.yml:7:13: 'lint' must be a mapping of rule ids to off, info, warning or error"),
    ("language: dutch\n", "mkdocs.yml:7:17: 'language' cannot be 'dutch'; expected one of: en, nl"),
    ("strict: 'no'\n", "mkdocs.yml:7:15: 'strict' must be true or false, got 'no'"),
    ("review_days: 0\n", "mkdocs.yml:7:20: 'review_days' must be a whole number of days, 1 or more, got 0"),
    ("review_days: a year\n", "mkdocs.yml:7:20: 'review_days' must be a whole number of days, 1 or more, got 'a year'"),
]  # fmt: skip


@pytest.mark.parametrize("options, expected", BAD_OPTIONS, ids=[o.strip() for o, _ in BAD_OPTIONS])
def test_a_wrong_option_is_a_config_error_at_its_place(tmp_path: Path, mkdocs_log, options: str, expected: str) -> None:
    project = write_project(tmp_path, JOURNEYS, with_options(options))
    with pytest.raises(Abort, match="configuration error"):
        build(project)
    log = mkdocs_log()
    assert "Plugin 'journeybook' option" in log
    assert expected in log + "\n", log
    assert "Traceback" not in log
    assert not (project / "site").exists()


def test_config_errors_follow_the_site_language(tmp_path: Path, mkdocs_log) -> None:
    dutch = with_options("url: ../escaped\n", theme="  language: nl\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path / "nl", JOURNEYS, dutch))
    assert (
        "mkdocs.yml:8:12: 'url' moet een map binnen de site zijn, zoals 'playbook' of 'docs/cx', niet '../escaped': "
        "'.' en '..' wijzen buiten de site of nergens heen (bedoelde je 'escaped'?)"
    ) in mkdocs_log()
    # the plugin's own language wins over the theme's
    english = with_options("language: en\nframework: Five Phases\n", theme="  language: nl\n")
    with pytest.raises(Abort):
        build(write_project(tmp_path / "en", JOURNEYS, english))
    assert "mkdocs.yml:9:18: 'framework' 'Five Phases' is not a framework id" in mkdocs_log()


def test_an_unknown_option_is_a_warning_with_did_you_mean(tmp_path: Path, mkdocs_log) -> None:
    project = write_project(tmp_path, JOURNEYS, with_options("sorce: elsewhere\ndiagrams:\n  cashe: false\n"))
    site = build(project, strict=False)
    assert (site / "playbook/journeys/j/index.html").is_file()
    log = mkdocs_log()
    assert "mkdocs.yml:7:7: unknown option 'sorce' of the journeybook plugin, ignored (did you mean 'source'?)" in log
    assert "mkdocs.yml:9:9: unknown option 'cashe' of the journeybook plugin, ignored (did you mean 'cache'?)" in log
    with pytest.raises(Abort):
        build(project, strict=True)


# --------------------------------------------------------------------------- the framework option

OWN_FRAMEWORK = {
    **JOURNEYS,
    "mine.yml": "kind: framework\nid: mine\nphases:\n  - {id: look, name: Look}\n  - {id: buy, name: Buy}\n",
    "j.yml": "kind: journey\nid: j\npersona: p\nphases:\n  - phase: look\n    steps:\n      - action: Looks\n",
}


def test_framework_may_be_the_handbooks_own_and_an_unknown_one_is_placed_in_mkdocs_yml(tmp_path: Path, mkdocs_log) -> None:
    site = build(write_project(tmp_path / "own", OWN_FRAMEWORK, with_options("framework: mine\n")))
    assert (site / "playbook/journeys/j/look/index.html").is_file()
    with pytest.raises(Abort):
        build(write_project(tmp_path / "typo", OWN_FRAMEWORK, with_options("framework: mines\n")))
    log = mkdocs_log()
    assert "journeybook: the handbook in journeys/ has problems:" in log
    assert "mkdocs.yml:7:18: the configured framework 'mines' does not exist (did you mean 'mine'?)" in log


# --------------------------------------------------------------------------- accepted values


def test_values_are_normalised_and_the_build_writes_only_site_and_cache(tmp_path: Path) -> None:
    project = tmp_path / "project"
    options = f"url: cx/handbook/\nsource: {project / 'journeys'}\ndiagrams:\n  cache_dir: build/diagram-cache\n"
    write_project(project, JOURNEYS, with_options(options))
    before = set(project.rglob("*"))
    site = build(project)
    assert (site / "cx/handbook/journeys/j/index.html").is_file()
    written = {p.relative_to(project).as_posix() for p in set(project.rglob("*")) - before}
    folders = {"site", "build", "build/diagram-cache"}
    assert {p for p in written if p not in folders and not p.startswith(("site/", "build/diagram-cache/"))} == set()
    assert any(p.endswith(".svg") for p in written if p.startswith("build/diagram-cache/"))
    assert not (tmp_path / "site").exists() and not (project / ".cache").exists()


HOOK = """\
from mkdocs.plugins import event_priority


@event_priority(25)  # earlier than a default plugin, later than journeybook's 50
def on_files(files, config):
    config.extra["seen_files"] = sorted(f.src_uri for f in files if f.src_uri.startswith("playbook/"))


@event_priority(25)
def on_nav(nav, config, files):
    config.extra["seen_nav"] = [item.title for item in nav.items if item.is_section]
"""


def test_plugins_after_journeybook_see_the_generated_pages_and_section(tmp_path: Path) -> None:
    project = write_project(tmp_path, JOURNEYS, MINIMAL_MKDOCS + "hooks:\n  - hook.py\n")
    (project / "hook.py").write_text(HOOK, encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert "playbook/journeys/j/index.md" in config.extra["seen_files"]
    assert config.extra["seen_nav"] == ["Playbook"]


# --------------------------------------------------------------------------- titles

EVIL = "</title><script>alert({n})</script><img src=x onerror=alert({m})>"
EVIL_JOURNEY, EVIL_PERSONA, EVIL_PHASE = (EVIL.format(n=n, m=n + 1) for n in (1, 3, 5))
HOSTILE_TITLES = {
    "p.yml": f"kind: persona\nid: p\nname: {json.dumps(EVIL_PERSONA)}\nurgency: low\n",
    "f.yml": f"kind: framework\nid: mine\nphases:\n  - id: look\n    name: {json.dumps(EVIL_PHASE)}\n",
    "j.yml": f"kind: journey\nid: j\ntitle: {json.dumps(EVIL_JOURNEY)}\npersona: p\nframework: mine\n"
    "phases:\n  - phase: look\n    steps:\n      - action: Looks\n",
}
MATERIAL = Path(material.__file__).parent / "templates"


def _material_inline_scripts() -> list[re.Pattern[str]]:
    """Every inline script Material's templates write, as a pattern (template expressions match any value)."""
    patterns = []
    for partial in sorted((MATERIAL / "partials" / "javascripts").glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", partial.read_text("utf-8"), re.S):
            parts = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile('[^"]*'.join(re.escape(p) for p in parts)))
    assert len(patterns) >= 5
    return patterns


def read_bytes(site: Path, rel: str) -> bytes:
    return (site / rel).read_bytes()


def _visible(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_titles_reach_every_page_as_text_never_as_markup(tmp_path: Path) -> None:
    site = build(write_project(tmp_path, HOSTILE_TITLES))
    inline_scripts = _material_inline_scripts()
    # Material's bundle, and journeybook's own scripts
    shipped = re.compile(r"(\.\./)*/?assets/(javascripts/bundle\.[0-9a-f]{8}\.min|journeybook/[a-z-]+)\.js")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        for script in doc.iter("script"):
            src, text = script.get("src"), script.text or ""
            if src is not None:
                assert shipped.fullmatch(src) and not text.strip(), (path, src)
            elif script.get("id") == "__config":
                assert script.get("type") == "application/json", path
                json.loads(text)
            else:
                assert any(p.fullmatch(text) for p in inline_scripts), (path, text[:200])
        elements = [el for el in doc.iter() if isinstance(el.tag, str)]
        assert [(el.tag, a) for el in elements for a in el.attrib if a.lower().startswith("on")] == [], path
        assert not doc.xpath("//img[@src='x']"), path
    # the titles are shown as written: browser tab, heading, navigation
    journey = lxml.html.fromstring(read_bytes(site, "playbook/journeys/j/index.html"))
    assert _visible(journey.find(".//title")) == f"{EVIL_JOURNEY} - Test handbook"
    assert _visible(journey.find(".//article//h1")) == EVIL_JOURNEY
    nav = [_visible(s) for s in journey.xpath("//nav[contains(@class, 'md-nav--primary')]//span[@class='md-ellipsis']")]
    assert {EVIL_JOURNEY, EVIL_PERSONA, EVIL_PHASE} <= set(nav)
    phase = lxml.html.fromstring(read_bytes(site, "playbook/journeys/j/look/index.html"))
    assert _visible(phase.find(".//title")) == f"{EVIL_PHASE} · {EVIL_JOURNEY} - Test handbook"  # the page title
    persona = lxml.html.fromstring(read_bytes(site, "playbook/personas/p/index.html"))
    assert _visible(persona.find(".//title")) == f"{EVIL_PERSONA} - Test handbook"


# Material's search plugin keeps these tags (without attributes) in the index; its search
# results insert titles and texts as HTML (innerHTML), with <mark> around the hits.
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def test_the_search_index_holds_titles_as_escaped_text(tmp_path: Path) -> None:
    site = build(write_project(tmp_path, HOSTILE_TITLES))
    docs = json.loads(read_bytes(site, "search/search_index.json"))["docs"]
    titles = []
    for entry in docs:
        for field in ("title", "text"):
            fragment = lxml.html.fragment_fromstring(entry[field] or " ", create_parent="div")
            assert {el.tag for el in fragment.iterdescendants()} <= SEARCH_TAGS, entry
            assert all(not el.attrib for el in fragment.iterdescendants()), entry
        titles.append(_visible(lxml.html.fragment_fromstring(entry["title"] or " ", create_parent="div")))
    assert {EVIL_JOURNEY, EVIL_PERSONA, EVIL_PHASE} <= set(titles)
