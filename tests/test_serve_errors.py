"""`mkdocs serve` never strands the author: while the handbook is broken, every playbook page of
the last good build shows the problems (status 200, the theme, MkDocs' live-reload script), and
the page comes back by itself when the YAML is fixed. The problems are shown as text only."""

from __future__ import annotations

import html
from pathlib import Path

import lxml.html
import pytest

from conftest import build, http_get, mkdocs_serve, wait_for, write_project
from journeybook.error_page import as_text

PERSONA = "kind: persona\nid: daan\nname: Daan\nurgency: high\n"
JOURNEY = """\
kind: journey
id: j
title: {title}
persona: daan
phases:
  - phase: awareness
    steps:
      - action: Notices the sole is loose
  - phase: purchase
    steps:
      - action: Buys new boots
"""
HOSTILE = '<img src=x onerror=alert(1)>{: onclick=x} --8<-- "/etc/passwd"'
BROKEN = JOURNEY.format(title="Boots").replace("persona: daan", f"persona: '{HOSTILE}'")
PAGES = ["", "journeys/j/", "journeys/j/purchase/", "personas/daan/", "health/"]
LIVE_RELOAD = "var livereload = function(epoch, requestId)"


def _errors(page: str) -> lxml.html.HtmlElement:
    """The article of an error page: it has exactly one list of problems."""
    article = lxml.html.fromstring(page).find(".//article")
    assert article is not None and len(article.xpath(".//pre[@class='jb-errors']")) == 1
    return article


def _shows_text_only(article: lxml.html.HtmlElement) -> str:
    """The problems as the reader sees them; nothing in them became an element or attribute."""
    assert [el.tag for el in article.iter("img", "script", "iframe")] == []
    assert [name for el in article.iter() for name in el.attrib if name.startswith("on")] == []
    assert "root:" not in article.text_content()  # no snippet include
    return article.xpath(".//pre[@class='jb-errors']")[0].text_content()


def test_open_pages_show_the_problems_and_come_back(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"daan.yml": PERSONA, "j.yml": JOURNEY.format(title="Boots")})
    journey = project / "journeys" / "j.yml"
    with mkdocs_serve(project) as playbook:
        assert wait_for(lambda: "Boots" in http_get(playbook + "journeys/j/")[1]), (project / "serve.log").read_text()
        # the author breaks the YAML: every page of the last good build shows the problems
        journey.write_text(BROKEN, encoding="utf-8")
        assert wait_for(lambda: "jb-errors" in http_get(playbook + "journeys/j/")[1]), (project / "serve.log").read_text()
        for rel in PAGES:
            status, page = http_get(playbook + rel)
            assert status == 200, rel
            assert LIVE_RELOAD in page and "assets/javascripts/bundle." in page, rel
            shown = _shows_text_only(_errors(page))
            assert f"journeys/j.yml:4:10: '{HOSTILE}' is not a valid id" in shown, rel
        assert http_get(playbook + "journeys/other/")[0] == 404  # only pages that existed
        # fixed: the real pages are back at the same addresses
        journey.write_text(JOURNEY.format(title="Boots again"), encoding="utf-8")
        assert wait_for(lambda: "Boots again" in http_get(playbook + "journeys/j/")[1]), (project / "serve.log").read_text()
        for rel in PAGES:
            status, page = http_get(playbook + rel)
            assert status == 200 and "jb-errors" not in page, rel
        assert "Buys new boots" in http_get(playbook + "journeys/j/purchase/")[1]


def test_a_first_build_with_errors_shows_them_on_the_overview(tmp_path: Path) -> None:
    """No good build yet: the overview has the error page, built in-process as `mkdocs serve` does."""
    project = write_project(tmp_path, {"daan.yml": PERSONA, "j.yml": BROKEN})
    site = build(project, strict=False, command="serve")
    overview = (site / "playbook" / "index.html").read_text("utf-8")
    assert [p.relative_to(site).as_posix() for p in (site / "playbook").rglob("*.html")] == ["playbook/index.html"]
    shown = _shows_text_only(_errors(overview))
    assert shown == (
        f"journeys/j.yml:4:10: '{HOSTILE}' is not a valid id: use lowercase letters, digits and hyphens "
        "(e.g. 'img-src-x-onerror-alert-1-onclick-x-8-etc-passwd')"
    )
    assert "assets/journeybook/journeybook-errors.css" in overview
    title = lxml.html.fromstring(overview).findtext(".//title")
    assert title == "Playbook - Test handbook"


def test_problems_become_inert_text_on_one_line() -> None:
    every_ascii = "".join(chr(i) for i in range(32, 127))
    problems = f"a.yml:1:2: {every_ascii}\nb.yml:3:4: {HOSTILE} \u202e\u2028 end\ttab"
    text = as_text(problems)
    assert "\n" not in text and "\u2028" not in text and "\u202e" not in text
    assert not set(text) & set("<>\"'{}[]*_\\`~|!-+=^$%")
    assert html.unescape(text) == problems
    assert as_text("a\r\nb\x00\x1bc") == "a&#10;bc"


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_the_open_tab_reloads_to_the_problems_and_back(tmp_path: Path, new_page) -> None:  # type: ignore[no-untyped-def]
    project = write_project(tmp_path, {"daan.yml": PERSONA, "j.yml": JOURNEY.format(title="Boots")})
    journey = project / "journeys" / "j.yml"
    long_id = "x" * 300  # one long word in a message: the list wraps instead of widening the page
    broken = BROKEN.replace("phase: purchase", f"phase: {long_id}")
    with mkdocs_serve(project) as playbook:
        assert wait_for(lambda: "Boots" in http_get(playbook + "journeys/j/purchase/")[1])
        tab = new_page(viewport={"width": 900, "height": 800})
        try:
            dialogs: list[str] = []
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            tab.goto(playbook + "journeys/j/purchase/")
            assert tab.locator("article h1").inner_text().startswith("Purchase")
            journey.write_text(broken, encoding="utf-8")
            errors = tab.locator("pre.jb-errors")
            errors.wait_for(timeout=60_000)  # the tab reloaded itself
            assert HOSTILE in errors.inner_text() and long_id in errors.inner_text()
            assert tab.locator("article img").count() == 0
            style = errors.evaluate("e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).overflowWrap]")
            assert style == ["pre-wrap", "anywhere"]
            for box in (errors, errors.locator("code")):  # Material makes the code block the scroller
                assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
            journey.write_text(JOURNEY.format(title="Boots"), encoding="utf-8")
            tab.locator("article h1", has_text="Purchase").wait_for(timeout=60_000)  # and back
            assert tab.url == playbook + "journeys/j/purchase/"
            assert dialogs == []
        finally:
            tab.context.close()  # before the server stops, as a reader closes the tab
