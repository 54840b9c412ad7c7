"""`mkdocs serve` survives bad input, shows the problems, and recovers when the files are fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from conftest import write_project

PERSONA = "kind: persona\nid: daan\nname: Daan\n"
BROKEN = "kind: journey\nid: j\ntitle: Recovered journey\npersona: dann\n"
FIXED = "kind: journey\nid: j\ntitle: Recovered journey\npersona: daan\n"
SYNTAX_ERROR = "kind: journey\nid: j\ntitle: [unclosed\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_shows_errors_survives_and_recovers(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"daan.yml": PERSONA, "j.yml": BROKEN})
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/playbook/"
    try:
        # 1. the first build has an error: the server still starts and the playbook shows it
        assert _wait_for(lambda: "journeys/j.yml:4:10" in _get(url)), (tmp_path / "serve.log").read_text()
        page = _get(url)
        assert "unknown persona" in page and "did you mean" in page and "daan" in page
        # 2. fixing the file rebuilds the real pages
        (project / "journeys" / "j.yml").write_text(FIXED, encoding="utf-8")
        assert _wait_for(lambda: "Recovered journey" in _get(url)), (tmp_path / "serve.log").read_text()
        assert "journeys/j.yml:4:10" not in _get(url)
        # 3. a syntax error on a later save: the error page comes back, the server lives on
        (project / "journeys" / "j.yml").write_text(SYNTAX_ERROR, encoding="utf-8")
        # the "[" that is never closed: line 3, column 8
        assert _wait_for(lambda: "journeys/j.yml:3:8" in _get(url)), (tmp_path / "serve.log").read_text()
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in output
    assert "journeys/j.yml:4:10: unknown persona 'dann'" in output
