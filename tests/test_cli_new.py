"""`journeybook new journey|persona`: a file that is valid at once and never replaces another."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from journeybook.cli import main
from journeybook.handbook import build_handbook


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A fresh `journeybook init` handbook; returns its source folder."""
    assert run("init", str(tmp_path)).exit_code == 0
    return tmp_path / "journeys"


@pytest.fixture
def fixture_handbook(tmp_path: Path) -> Path:
    source = tmp_path / "fixture" / "journeys"
    shutil.copytree(FIXTURES / "format-handbook" / "journeys", source)
    return source


def validate(source: Path) -> None:
    result = run("validate", str(source))
    assert result.exit_code == 0, result.output


def uncomment(text: str) -> str:
    """Every commented stub line below `kind:` as an author would uncomment it."""
    head, _, body = text.partition("kind: ")
    return head + "kind: " + re.sub(r"(?m)^(\s*)# ", r"\1", body)


def test_new_journey_is_valid_at_once_and_lists_every_phase(handbook: Path) -> None:
    result = run("new", "journey", "order-online", "--persona", "sam", "--source", str(handbook))
    assert result.exit_code == 0, result.output
    path = handbook / "journeys" / "order-online.yml"
    assert path.is_file()
    assert "journeys/journeys/order-online.yml" in result.stdout
    assert "journeybook validate" in result.stderr
    validate(handbook)
    text = path.read_text(encoding="utf-8")
    assert "\npersona: sam\n" in text and "\nframework: five-phases\n" in text
    assert "\n  - phase: awareness " in text  # the first phase is real
    for phase in ("consideration", "purchase", "retention", "loyalty"):
        assert f"\n  # - phase: {phase} " in text  # the others are stubs
    hb, _ = build_handbook(handbook)
    assert [p.phase for p in hb.journeys["order-online"].phases] == ["awareness"]
    assert hb.journeys["order-online"].title.get("en") == "Order online"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_uncommented_stubs_are_valid_too(handbook: Path, lang: str) -> None:
    assert run("new", "journey", "full", "--persona", "sam", "--source", str(handbook), "--lang", lang).exit_code == 0
    assert run("new", "persona", "alex", "--source", str(handbook), "--lang", lang).exit_code == 0
    for rel in ("journeys/full.yml", "personas/alex.yml"):
        path = handbook / rel
        path.write_text(uncomment(path.read_text(encoding="utf-8")), encoding="utf-8")
    validate(handbook)
    hb, _ = build_handbook(handbook)
    assert [p.phase for p in hb.journeys["full"].phases] == ["awareness", "consideration", "purchase", "retention", "loyalty"]
    assert hb.journeys["full"].phases[0].steps[0].touchpoints[0].ref == "search-engine"  # from the catalog
    assert hb.personas["alex"].urgency == "medium" and hb.personas["alex"].value_map is not None


def test_the_handbooks_own_framework_and_several_personas(fixture_handbook: Path) -> None:
    result = run(
        "new", "journey", "repair", "--persona", "daan", "--persona", "daan",
        "--framework", "three-steps", "--source", str(fixture_handbook), "--lang", "nl",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (fixture_handbook / "journeys" / "repair.yml").read_text(encoding="utf-8")
    assert "\nframework: three-steps\n" in text
    assert "\npersona: daan\n" in text  # given twice, written once
    assert "  - phase: need" in text and "# - phase: knowledge" in text and "# - phase: buy" in text
    assert re.search(r"phase: need +# Behoefte\n", text)  # the phase names, in Dutch where given
    assert "Fasen van framework three-steps" in text
    validate(fixture_handbook)


def test_unknown_framework_or_persona_is_refused(handbook: Path) -> None:
    bad_framework = run("new", "journey", "x", "--framework", "sales-funel", "--source", str(handbook))
    assert bad_framework.exit_code == 1
    assert "unknown framework 'sales-funel' (did you mean 'sales-funnel'?)" in bad_framework.stderr
    bad_persona = run("new", "journey", "x", "--persona", "sma", "--source", str(handbook), "--lang", "nl")
    assert bad_persona.exit_code == 1
    assert "onbekende persona 'sma' (bedoelde je 'sam'?)" in bad_persona.stderr
    assert "journeybook new persona sma" in bad_persona.stderr
    assert not (handbook / "journeys" / "x.yml").exists()


def test_never_overwrites_and_ids_stay_unique(handbook: Path, fixture_handbook: Path) -> None:
    path = handbook / "journeys" / "repair-before-monday.yml"
    before = path.read_bytes()
    again = run("new", "journey", "repair-before-monday", "--source", str(handbook))
    assert again.exit_code == 1
    assert "already exists" in again.stderr and "never overwrites" in again.stderr
    assert path.read_bytes() == before
    persona = run("new", "persona", "sam", "--source", str(handbook), "--lang", "nl")
    assert persona.exit_code == 1 and "bestaat al" in persona.stderr
    # 'tractor' is defined inside new-boots.yml: a second file with that id would clash
    taken = run("new", "journey", "tractor", "--source", str(fixture_handbook))
    assert taken.exit_code == 1
    assert "journey id 'tractor' is already used at" in taken.stderr and "new-boots.yml" in taken.stderr
    assert not (fixture_handbook / "journeys" / "tractor.yml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["new", "journey", "Order Online"],
        ["new", "journey", "ok", "--persona", "Sam"],
        ["new", "persona", "-x"],
        ["new", "journey"],
        ["new", "customer", "x"],
        ["new", "journey", "x", "--lang", "de"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run(*args, "--source", str(tmp_path / "journeys")) if args[1] != "customer" else run(*args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "journeys").exists()


def test_bad_id_gets_a_suggestion() -> None:
    result = run("new", "journey", "Order Online")
    assert result.exit_code == 2
    assert "'Order Online' is not a valid id" in result.output and "'order-online'" in result.output


def test_new_persona_in_dutch(handbook: Path) -> None:
    result = run("new", "persona", "boer-henk", "--source", str(handbook), "--lang", "nl")
    assert result.exit_code == 0, result.output
    text = (handbook / "personas" / "boer-henk.yml").read_text(encoding="utf-8")
    assert "name: Boer Henk" in text and "# urgency: medium" in text and "Vul in wat je weet" in text
    assert "gemaakt  " in result.stdout
    validate(handbook)


def test_new_files_start_a_handbook_from_nothing(tmp_path: Path) -> None:
    source = tmp_path / "journeys"
    assert run("new", "persona", "eva", "--source", str(source)).exit_code == 0
    assert run("new", "journey", "first", "--persona", "eva", "--source", str(source), "--framework", "four-phases").exit_code == 0
    validate(source)
    assert sorted(p.relative_to(source).as_posix() for p in source.rglob("*.yml")) == ["journeys/first.yml", "personas/eva.yml"]


def test_help_explains_the_layout() -> None:
    text = run("new", "--help").output
    assert "SOURCE/journeys/ID.yml" in text and "SOURCE/personas/ID.yml" in text
    assert "--persona" in run("new", "journey", "--help").output
