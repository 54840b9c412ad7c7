"""The `journeybook` command on good input, wrong usage and a missing folder (bad input: test_errors.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from journeybook.cli import main


def test_validate_clean_handbook_exits_0_with_a_summary() -> None:
    result = CliRunner().invoke(main, ["validate", str(FIXTURES / "format-handbook" / "journeys")])
    assert result.exit_code == 0, result.output
    assert "no errors (5 files: 1 personas, 2 journeys, 4 touchpoints, 2 sources)" in result.output


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
