"""The `journeybook` command on good input, wrong usage and a missing folder (bad input: test_errors.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from journeybook.cli import main


def test_validate_clean_handbook_exits_0_with_a_summary() -> None:
    result = CliRunner().invoke(main, ["validate", str(FIXTURES / "format-handbook" / "journeys")])
    assert result.exit_code == 0, result.output
    assert "no errors, " in result.output and "(5 files: 1 persona, 2 journeys, 4 touchpoints, 2 sources)" in result.output


def test_validate_defaults_to_journeys_in_the_current_folder(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "journeys: geen fouten" in result.output


def test_missing_source_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope" in result.output and "Traceback" not in result.output


def test_usage_errors_exit_2_and_help_lists_the_command() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--lang", "fr"]).exit_code == 2
    help_text = runner.invoke(main, ["--help"]).output
    assert "validate" in help_text
    assert "path:line:column" in runner.invoke(main, ["validate", "--help"]).output


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "journeybook"
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "journeybook" in result.stdout


LINTED = {
    "mkdocs.yml": "site_name: t\nplugins:\n  - search\n  - journeybook:\n      source: cx\n      lint:\n"
    "        no-direct-contact: error\n        missing-phase: off\n",
    "cx/j.yml": "kind: journey\nid: j\nphases:\n  - phase: awareness\n    steps:\n      - action: Lost\n        emotion: -2\n",
}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_validate_reads_source_and_lint_settings_from_mkdocs_yml(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(_project(tmp_path, LINTED))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1  # no-direct-contact is raised to an error in mkdocs.yml
    lines = result.output.splitlines()
    assert any(l.startswith("cx/j.yml:3:1: error: ") and l.endswith("[no-direct-contact]") for l in lines), lines
    assert any(l.startswith("cx/j.yml:7:18: warning: ") and l.endswith("[negative-without-opportunity]") for l in lines)
    assert "missing-phase" not in result.output  # switched off


def test_validate_json_and_strict(tmp_path: Path, monkeypatch) -> None:
    files = dict(LINTED, **{"mkdocs.yml": LINTED["mkdocs.yml"].replace("error", "warning")})
    monkeypatch.chdir(_project(tmp_path, files))
    runner = CliRunner()
    plain = runner.invoke(main, ["validate", "--format", "json"])
    assert plain.exit_code == 0  # warnings alone pass
    records = json.loads(plain.stdout)
    assert {"file", "line", "column", "severity", "rule", "message"} == set(records[0])
    assert {(r["rule"], r["severity"], r["line"]) for r in records} == {
        ("no-persona", "info", 2),  # at the id
        ("no-direct-contact", "warning", 3),  # at the phases
        ("negative-without-opportunity", "warning", 7),
    }
    assert runner.invoke(main, ["validate", "--strict"]).exit_code == 1
    notes_only = files["mkdocs.yml"].replace("warning", "info") + "        negative-without-opportunity: info\n"
    (tmp_path / "mkdocs.yml").write_text(notes_only, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--strict"])
    assert result.exit_code == 0 and "no errors, 0 warnings" in result.output  # notes never fail
    assert "cx/j.yml:2:5: info: this journey names no persona; " in result.output


def test_validate_reports_a_bad_lint_setting_in_mkdocs_yml(tmp_path: Path, monkeypatch) -> None:
    files = dict(LINTED, **{"mkdocs.yml": LINTED["mkdocs.yml"].replace("no-direct-contact:", "no-direct-contacts:")})
    monkeypatch.chdir(_project(tmp_path, files))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "mkdocs.yml:7:9: error: unknown lint rule 'no-direct-contacts' (did you mean 'no-direct-contact'?)" in result.output


PER_LANGUAGE = {"cx/p.yml": "kind: persona\nid: p\nname: {nl: Piet}\nurgency: low\n"}


def test_validate_checks_translations_for_the_sites_language_as_the_plugin_does(tmp_path: Path, monkeypatch) -> None:
    """The site's language is the plugin's 'language', else theme.language, else English: texts must have it."""
    monkeypatch.chdir(_project(tmp_path, PER_LANGUAGE))
    runner = CliRunner()
    for theme, plugin, missing in [
        ("{name: material, language: nl}", "journeybook: {source: cx}", False),
        ("{name: material}", "journeybook: {source: cx}", True),  # English by default
        ("{name: material, language: nl}", "journeybook: {source: cx, language: en}", True),
    ]:
        (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ntheme: {theme}\nplugins:\n  - {plugin}\n", encoding="utf-8")
        result = runner.invoke(main, ["validate"])
        assert result.exit_code == 0, result.output
        assert ("cx/p.yml:3:7: warning: no en text here" in result.output) is missing, (theme, plugin, result.output)
