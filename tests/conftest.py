"""Shared helpers: write a temporary MkDocs project around a handbook and build it for real."""

from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path
from typing import Callable

import pytest

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


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


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
