"""`mkdocs serve` survives bad input, shows the problems, and recovers when the files are fixed."""

from __future__ import annotations

from pathlib import Path

from conftest import http_get, mkdocs_serve, wait_for, write_project

PERSONA = "kind: persona\nid: daan\nname: Daan\n"
BROKEN = "kind: journey\nid: j\ntitle: Recovered journey\npersona: dann\n"
FIXED = "kind: journey\nid: j\ntitle: Recovered journey\npersona: daan\n"
SYNTAX_ERROR = "kind: journey\nid: j\ntitle: [unclosed\n"


def _get(url: str) -> str:
    return http_get(url)[1]


def test_serve_shows_errors_survives_and_recovers(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"daan.yml": PERSONA, "j.yml": BROKEN})
    log = project / "serve.log"
    # mkdocs_serve checks, on the way out, that the server still runs and logged no traceback
    with mkdocs_serve(project) as url:
        # 1. the first build has an error: the server still starts and the playbook shows it
        assert wait_for(lambda: "journeys/j.yml:4:10" in _get(url)), log.read_text()
        page = _get(url)
        assert "unknown persona" in page and "did you mean" in page and "daan" in page
        # 2. fixing the file rebuilds the real pages
        (project / "journeys" / "j.yml").write_text(FIXED, encoding="utf-8")
        assert wait_for(lambda: "Recovered journey" in _get(url)), log.read_text()
        assert "journeys/j.yml:4:10" not in _get(url)
        # 3. a syntax error on a later save: the error page comes back, the server lives on
        (project / "journeys" / "j.yml").write_text(SYNTAX_ERROR, encoding="utf-8")
        # the "[" that is never closed: line 3, column 8
        assert wait_for(lambda: "journeys/j.yml:3:8" in _get(url)), log.read_text()
    assert "journeys/j.yml:4:10: unknown persona 'dann'" in log.read_text()
