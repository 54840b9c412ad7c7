"""``mkdocs serve --dirty`` renders only what changed, yet serves the site a full build makes.

After each kind of edit an author makes, every page the server serves is compared, byte for
byte, with the same page of a full ``mkdocs build`` of the same files, and the search index
with the full build's: a step's text, a journey's title (the navigation changes), a
hand-written page's text and its title, a journey removed, and a YAML mistake made and fixed.
See ``journeybook.dirty``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import FIXTURES, build, free_port, http_get, mkdocs_serve, wait_for, write_project

LIVERELOAD = re.compile(r"<script>\nvar livereload = function.*?livereload\(\d+, \d+\);\n</script>(?=</body>)", re.S)

MKDOCS_YML = """\
site_name: Dirty handbook
site_url: http://127.0.0.1:{port}/
theme:
  name: material
  font: false
  features:
    - navigation.indexes
    - navigation.prune
plugins:
  - search
  - journeybook:
      framework: five-phases
"""

DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "other.md": "# Another page\n\nWritten by hand.\n",
    "views.md": "# Opportunities\n\n```journeybook\nview: opportunities\njourney: new-boots\n```\n",
}


def _served(url: str) -> str:
    status, body = http_get(url)
    assert status == 200, url
    return LIVERELOAD.sub("", body)


def _same_site(project: Path, base: str) -> None:
    """Every page served is the page of a full build; the search index has the same entries, in the same order."""
    reference = build(project / "reference-project", strict=False)
    pages = sorted(p.relative_to(reference).as_posix() for p in reference.rglob("*.html"))
    assert len(pages) > 20
    for rel in pages:
        expected = (reference / rel).read_text(encoding="utf-8")
        assert _served(base + rel) == expected, f"{rel} differs from a full build"
    index = json.loads(_served(base + "search/search_index.json"))
    assert index == json.loads((reference / "search" / "search_index.json").read_text(encoding="utf-8"))


def _mirror(project: Path) -> None:
    """The same files in a second folder, for the full build to compare with."""
    target = project / "reference-project"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for name in ("mkdocs.yml", "docs", "journeys"):
        source = project / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)


def _rendered(log: Path, since: int) -> set[str]:
    """The pages MkDocs rendered since ``since`` characters of the (verbose) serve log."""
    return set(re.findall(r"journeybook: rendering (\S+)", log.read_text()[since:]))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dirty_serve_shows_what_a_full_build_shows(tmp_path: Path) -> None:
    port = free_port()
    project = write_project(tmp_path / "p", FIXTURES / "format12-handbook" / "journeys", MKDOCS_YML.format(port=port), DOCS)
    base = f"http://127.0.0.1:{port}/"
    journeys = project / "journeys"
    log = project / "serve.log"
    with mkdocs_serve(project, "--dirty", "--verbose", port=port) as playbook:
        page = playbook + "journeys/new-boots/"
        assert wait_for(lambda: http_get(page)[0] == 200 and "New football boots" in _served(page), 120), log.read_text()
        every = _rendered(log, 0)
        assert {"index.md", "other.md", "views.md", "playbook/journeys/new-boots/index.md"} <= every
        _mirror(project)
        _same_site(project, base)

        # a step's text: the pages that show it are rendered again, no others
        since = len(log.read_text())
        _edit(journeys / "new-boots.yml", "Notices the sole is coming loose", "Notices the sole is flapping loose")
        assert wait_for(lambda: "flapping" in _served(page), 120), log.read_text()
        again = _rendered(log, since)
        assert "playbook/journeys/new-boots/index.md" in again
        assert not again & {"index.md", "other.md", "playbook/personas/daan/index.md"}
        assert len(again) < len(every) / 2, sorted(again)
        _mirror(project)
        _same_site(project, base)

        # a journey's title: the navigation changes, so every page is rendered again
        since = len(log.read_text())
        _edit(journeys / "new-boots.yml", "title: New football boots before Saturday", "title: Football boots, derby edition")
        assert wait_for(lambda: "derby edition" in _served(page), 120), log.read_text()
        assert _rendered(log, since) == every
        _mirror(project)
        _same_site(project, base)

        # a hand-written page's text: only that page; then its title: every page
        since = len(log.read_text())
        _edit(project / "docs" / "other.md", "Written by hand.", "Written by hand, and edited.")
        assert wait_for(lambda: "and edited" in _served(base + "other/"), 120), log.read_text()
        assert _rendered(log, since) == {"other.md"}
        _mirror(project)
        _same_site(project, base)
        since = len(log.read_text())
        _edit(project / "docs" / "other.md", "# Another page", "# A renamed page")
        assert wait_for(lambda: "A renamed page" in _served(base + "other/"), 120), log.read_text()
        assert _rendered(log, since) == every
        _mirror(project)
        _same_site(project, base)

        # a journey removed: its pages go, from the site and from the search index
        gone = playbook + "journeys/new-boots-2027/"
        assert http_get(gone)[0] == 200
        (journeys / "new-boots-2027.yml").unlink()
        assert wait_for(lambda: http_get(gone)[0] == 404, 120), log.read_text()
        _mirror(project)
        _same_site(project, base)

        # a mistake: the open page shows it, and the site comes back whole when it is fixed
        good = (journeys / "new-boots.yml").read_text(encoding="utf-8")
        (journeys / "new-boots.yml").write_text(good.replace("title: Football boots, derby edition", "title: [unclosed", 1), encoding="utf-8")
        assert wait_for(lambda: ".yml:3:8: the list" in http_get(page)[1], 120), log.read_text()  # "new-boots" is written new&#45;boots
        (journeys / "new-boots.yml").write_text(good, encoding="utf-8")
        assert wait_for(lambda: "derby edition" in http_get(page)[1] and ".yml:3:8" not in http_get(page)[1], 120), log.read_text()
        _mirror(project)
        _same_site(project, base)
    assert "Aborted" not in log.read_text()
