"""Reading mkdocs.yml for the CLI: the plugin's options become the core's settings, as the plugin would use them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journeybook.handbook import DEFAULT_FRAMEWORK
from journeybook.lint import default_settings
from journeybook.pipeline import Settings
from journeybook.project import read_project


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_mkdocs_tags_are_tolerated_and_lint_settings_are_located(tmp_path: Path) -> None:
    project = read_project(
        write(
            tmp_path,
            """\
            site_name: !ENV [SITE_NAME, "Handbook"]
            markdown_extensions:
              - pymdownx.emoji:
                  emoji_index: !!python/name:material.extensions.emoji.twemoji
            plugins:
              - search
              - journeybook:
                  source: cx
                  lint:
                    no-direct-contact: off
                    channel-mismatch: error
                    no-direct-contacts: off
            """,
        )
    )
    assert project.source == tmp_path / "cx"
    lint = project.settings.lint
    assert lint is not None and lint["no-direct-contact"] is None and lint["channel-mismatch"] == "error"
    assert [(p.code, p.location.line, p.location.column) for p in project.problems if p.location] == [("unknown-lint-rule", 12, 9)]


def test_every_setting_the_core_uses(tmp_path: Path) -> None:
    project = read_project(
        write(
            tmp_path,
            """\
            site_name: t
            theme: {name: material, language: nl_BE}
            plugins:
              journeybook: {framework: sales-funnel, builtin_guidance: false}
            """,
        )
    )
    assert project.problems == ()
    assert project.source == tmp_path / "journeys"
    assert project.settings == Settings(framework="sales-funnel", lang="nl", builtin_guidance=False, lint=default_settings())


@pytest.mark.parametrize(
    ("plugin", "theme", "lang"),
    [
        ("journeybook", "{name: material}", "en"),  # neither: English, as the plugin
        ("journeybook", "{name: material, language: nl}", "nl"),  # the site's language
        ("journeybook: {language: en}", "{name: material, language: nl}", "en"),  # the plugin's own wins
        ("journeybook", "{name: material, language: de}", "en"),  # unsupported: English
        ("journeybook: {language: fr}", "{name: material, language: nl}", "nl"),  # not a choice: MkDocs refuses it
    ],
)
def test_site_language_as_the_plugin_takes_it(tmp_path: Path, plugin: str, theme: str, lang: str) -> None:
    project = read_project(write(tmp_path, f"site_name: t\ntheme: {theme}\nplugins:\n  - search\n  - {plugin}\n"))
    assert project.settings.lang == lang


def test_without_the_plugin_or_without_mkdocs_yml(tmp_path: Path) -> None:
    plain = read_project(write(tmp_path, "site_name: x\nplugins: [search]\n"))
    assert plain.source == tmp_path / "journeys" and plain.problems == ()
    assert plain.settings == Settings(lint=default_settings())
    nothing = read_project(None)
    assert nothing.source == Path("journeys") and nothing.problems == ()
    assert nothing.settings == Settings() and nothing.settings.framework == DEFAULT_FRAMEWORK
    missing = read_project(tmp_path / "missing.yml")
    assert [p.code for p in missing.problems] == ["config-unreadable"]
    assert missing.source == tmp_path / "journeys"


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    project = read_project(write(tmp_path, "site_name: [unclosed\nplugins:\n  - journeybook: {source: cx}\n"))
    assert [p.code for p in project.problems] == ["yaml-syntax"]
    assert project.source == tmp_path / "journeys"  # nothing could be read: the defaults
