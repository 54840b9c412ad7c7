"""Shared helpers: write a temporary MkDocs project around a handbook and build it for real;
serve a folder or run ``mkdocs serve`` on 127.0.0.1; one Debian Chromium (playwright) for the session."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINIMAL_MKDOCS = """\
site_name: Test handbook
theme:
  name: material
plugins:
  - search
  - journeybook
"""


BUILD_DATE_EPOCH = "1796126400"  # 2026-12-01 UTC: review dates are judged against a fixed build date


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)  # tests that need another date set their own


def write_project(
    root: Path,
    journeys: dict[str, str] | Path,
    mkdocs_yml: str = MINIMAL_MKDOCS,
    docs: dict[str, str] | None = None,
) -> Path:
    """A project folder: mkdocs.yml, docs/ and journeys/ (YAML given inline or copied from a folder)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(mkdocs_yml), encoding="utf-8")
    for rel, text in (docs or {"index.md": "# Home\n"}).items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if isinstance(journeys, Path):
        shutil.copytree(journeys, root / "journeys")
    else:
        for rel, text in journeys.items():
            path = root / "journeys" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build(project: Path, strict: bool = True, command: str = "build") -> Path:
    """Build ``project`` in-process like ``mkdocs build [--strict]``; returns the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = project / "site"
    cfg = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(site))
    cfg.plugins.on_startup(command=command, dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site


@pytest.fixture
def format_project(tmp_path: Path) -> Path:
    """The handbook written against FORMAT.md, in a minimal Material project."""
    return write_project(tmp_path / "format", FIXTURES / "format-handbook" / "journeys")


@pytest.fixture(scope="session")
def format_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("format-site"), FIXTURES / "format-handbook" / "journeys")
    return build(project)


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.fixture
def mkdocs_log(caplog: pytest.LogCaptureFixture) -> Callable[[], str]:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return lambda: "\n".join(r.getMessage() for r in caplog.records)


# --------------------------------------------------------------------------- local servers


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser leaving a page while a file is still being sent (a broken pipe)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A quiet static HTTP server for ``folder`` on 127.0.0.1 (a free port); yields its base URL (ending in /)."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """(status, body) of a GET; (0, "") when nothing answers (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@contextmanager
def mkdocs_serve(project: Path, *options: str, port: int | None = None) -> Iterator[str]:
    """``mkdocs serve [options]`` of ``project`` on a free local port (or ``port``), its output in
    ``project/serve.log``; yields the playbook's URL. Afterwards: the server was still running,
    and it logged no traceback."""
    port = port or free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}  # the log is read while it runs
    with (project / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}/playbook/"
            assert server.poll() is None, "the server stopped"
        finally:
            server.terminate()
            server.wait(timeout=20)
    assert "Traceback" not in (project / "serve.log").read_text()


# --------------------------------------------------------------------------- Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "Debian's chromium is not installed (.ci/run installs it)"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``browser`` drive Debian's Chromium: without it they are skipped."""
    if CHROMIUM is None:
        for item in items:
            if item.get_closest_marker("browser") is not None:
                item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for the whole session; each test opens its own context
    (``new_page``), so nothing (storage, routes, viewport) carries over from one test to the next.
    Scroll bars are drawn as in a desktop browser (headless mode hides them by default)."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, ignore_default_args=["--hide-scrollbars"])
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """``new_page(**context_options)``: a page in a fresh browser context of its own; every context
    opened this way is closed when the test ends, whether it passed or not."""
    contexts: list[Any] = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
