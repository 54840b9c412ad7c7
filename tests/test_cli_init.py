"""`journeybook init`: a new handbook that builds at once, and a second run that changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from packaging.requirements import Requirement

from conftest import build, read
from journeybook import __version__
from journeybook.cli import main
from journeybook.future import compare
from journeybook.loader import load_source
from journeybook.model import (
    Finding,
    Journey,
    JourneyPhase,
    Measurement,
    Metric,
    MetricSet,
    Opportunity,
    PainPoint,
    Persona,
    Research,
    Source,
    Step,
    Touchpoint,
    TouchpointUse,
    ValueMap,
)
from journeybook.pipeline import generate
from journeybook.scaffold import SKELETON_DIR, review_date, skeleton_files
from journeybook.schema import schema_json

COMMON = [
    ".github/workflows/pages.yml",
    ".gitignore",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "docs/index.md",
    "journeybook.schema.json",
    "journeys/personas/sam.yml",
    "journeys/touchpoints.yml",
    "mkdocs.yml",
    "requirements.txt",
]
FILES = {
    "en": sorted(
        COMMON
        + ["journeys/sources.yml", "journeys/journeys/repair-before-monday.yml", "journeys/frameworks/own-framework.yml"]
        + ["journeys/journeys/repair-before-monday-2027.yml"]
        + ["journeys/research/repair-interviews.yml", "journeys/research/counter-observation.yml"]
        + ["journeys/metrics/workshop.yml", "journeys/metrics/wait-minutes.csv"]
    ),
    "nl": sorted(
        COMMON
        + ["journeys/bronnen.yml", "journeys/journeys/reparatie-voor-maandag.yml", "journeys/frameworks/eigen-fasemodel.yml"]
        + ["journeys/journeys/reparatie-voor-maandag-2027.yml"]
        + ["journeys/research/interviews-reparatieklanten.yml", "journeys/research/observatie-balie.yml"]
        + ["journeys/metrics/werkplaats.yml", "journeys/metrics/wachttijd.csv"]
    ),
}
JOURNEY = {"en": "repair-before-monday", "nl": "reparatie-voor-maandag"}
TO_BE = {lang: f"{journey}-2027" for lang, journey in JOURNEY.items()}


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and "site" not in p.relative_to(folder).parts)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {rel: ((folder / rel).read_bytes(), (folder / rel).stat().st_mtime_ns) for rel in files_in(folder)}


def init(*args: str) -> Result:
    return CliRunner().invoke(main, ["init", *args])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_init_creates_a_handbook_that_builds_strict(tmp_path: Path, lang: str) -> None:
    project = tmp_path / "handbook"
    result = init(str(project), "--language", lang)
    assert result.exit_code == 0, result.output
    assert files_in(project) == FILES[lang]
    for rel in FILES[lang]:
        assert rel in result.stdout
    site = build(project, strict=True)
    page = read(site, f"playbook/journeys/{JOURNEY[lang]}/index.html")
    assert ("A repair before Monday" if lang == "en" else "Een reparatie vóór maandag") in page
    assert f'<html lang="{lang}"' in read(site, "index.html")
    assert (site / "playbook" / "personas" / "sam" / "index.html").is_file()
    future = read(site, f"playbook/journeys/{TO_BE[lang]}/index.html")
    assert ("A repair before Monday, in 2027" if lang == "en" else "Een reparatie vóór maandag, in 2027") in future


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_example_is_clean_even_for_lint(lang: str, tmp_path: Path) -> None:
    assert init(str(tmp_path), "--language", lang).exit_code == 0
    result = generate(tmp_path / "journeys", lang=lang)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]


def test_second_init_skips_everything_and_changes_nothing(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    before = snapshot(tmp_path)
    again = init(str(tmp_path))
    assert again.exit_code == 0, again.output
    assert "created" not in again.stdout
    assert again.stdout.count("skipped") == len(FILES["en"])
    assert f"0 files created, {len(FILES['en'])} skipped" in again.stderr
    assert snapshot(tmp_path) == before


def test_existing_files_are_kept_and_reported(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\nplugins: [journeybook]\n", encoding="utf-8")
    result = init(str(tmp_path), "--language", "nl")
    assert result.exit_code == 0
    assert "overgeslagen  docs/index.md" in result.stdout and "overgeslagen  mkdocs.yml" in result.stdout
    assert "gemaakt  journeys/personas/sam.yml" in result.stdout
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == "# Mine\n"
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").startswith("site_name: Mine")
    assert "2 overgeslagen" in result.stderr


def test_init_defaults_to_the_current_folder_and_takes_a_site_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = init("--site-name", "Fietsen: onze klanten")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Fietsen: onze klanten"
    assert "mkdocs serve" in result.stderr and "cd " not in result.stderr


def test_generated_configuration(tmp_path: Path) -> None:
    assert init(str(tmp_path), "--language", "nl").exit_code == 0
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {
        "name": "material",
        "language": "nl",
        "font": False,
        "features": ["navigation.indexes", "content.action.edit"],
    }
    assert config["plugins"][0] == "search" and "journeybook" in config["plugins"][1]
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == {"yaml.schemas": {"./journeybook.schema.json": ["journeys/**/*.yml", "journeys/**/*.yaml"]}}
    extensions = json.loads((tmp_path / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    assert (tmp_path / "journeybook.schema.json").read_text(encoding="utf-8") == schema_json("nl")
    ignored = (tmp_path / ".gitignore").read_text(encoding="utf-8").split()
    assert "site/" in ignored and ".cache/" in ignored


def test_the_workflow_builds_strict_and_deploys_to_pages(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    text = (tmp_path / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in build_steps]
    runs = [s.get("run", "") for s in build_steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert "actions/upload-pages-artifact" in uses
    assert "pip install -r requirements.txt" in runs and "mkdocs build --strict" in runs
    assert runs.index("pip install -r requirements.txt") < runs.index("mkdocs build --strict")
    assert not [r for r in runs if re.search(r"pip install (?!-r requirements\.txt$)", r)], runs
    setup = next(s for s in build_steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"  # keyed on requirements.txt, which init writes
    assert "requirements.txt pins the journeybook version" in text
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_example_shows_every_field(tmp_path: Path, lang: str) -> None:
    """Persona (with value map), touchpoints, CSL sources, research, metrics (with a CSV file)
    and a journey with a service blueprint and its future state that use every field."""
    assert init(str(tmp_path), "--language", lang).exit_code == 0
    result = generate(tmp_path / "journeys", lang=lang)
    hb = result.handbook
    own_sources = [s for s in hb.sources.values() if s.doc is not None and s.doc.path.is_relative_to(tmp_path)]

    def used(model: type, nodes: list) -> set[str]:
        return {name for name in model.model_fields if any(getattr(n, name) not in (None, [], "") for n in nodes)}

    persona, journey = hb.personas["sam"], hb.journeys[JOURNEY[lang]]
    phases = journey.phases
    steps = [s for p in phases for s in p.steps]
    expected = {
        Persona: [persona],
        ValueMap: [persona.value_map],
        Touchpoint: list(hb.touchpoints.values()),
        Journey: [journey, hb.journeys[TO_BE[lang]]],
        JourneyPhase: phases,
        Step: steps,
        TouchpointUse: [u for s in steps for u in s.touchpoints],
        PainPoint: [p for s in steps for p in s.pain_points],
        Opportunity: [o for s in steps for o in s.opportunities],
        Research: list(hb.research.values()),
        Finding: list(hb.findings.values()),
        MetricSet: [n for n in hb.documents if isinstance(n, MetricSet)],
        Metric: list(hb.metrics.values()),
        Measurement: hb.measurements,
    }
    for model, nodes in expected.items():
        assert used(model, nodes) == set(model.model_fields), f"{model.__name__}: {set(model.model_fields) - used(model, nodes)}"
    assert {t.type for t in hb.touchpoints.values()} == {"primary", "supporting"}
    assert {t.direct for t in hb.touchpoints.values()} == {True, False}
    assert {t.channel for t in hb.touchpoints.values()} == {"online", "offline"}
    assert used(Source, own_sources) >= {"id", "type", "author", "issued", "title", "publisher", "page", "URL", "accessed"}
    assert any(a.literal for s in own_sources for a in s.author) and any(a.family for s in own_sources for a in s.author)
    assert any("[@" in g.get(lang) for p in phases for g in p.guidance)
    # both the short and the full form of touchpoints, as written; pain points in full, because
    # each rests on a finding (a bare text cannot, and lint would say it is assumed)
    docs, _ = load_source(tmp_path / "journeys")
    data = next(d.data for d in docs if d.data.get("kind") == "journey" and d.data.get("id") == JOURNEY[lang])
    raw = [s for p in data["phases"] for s in p.get("steps", [])]
    forms = {type(item).__name__ for s in raw for item in s.get("touchpoints", [])}
    assert forms == {"str", "LocatedDict"} or forms == {"str", "dict"}, forms
    assert all(isinstance(item, dict) and item.get("evidence") for s in raw for item in s.get("pain_points", []))
    assert isinstance(data["title"], dict)  # a text per language
    # evidence of both levels; an opportunity shared through ref; measurements from YAML and CSV
    assert {r.method for r in hb.research.values()} == {"interview", "observation"}
    assert any(o.ref for s in steps for o in s.opportunities)
    assert {m.doc.path.suffix for m in hb.measurements if m.doc is not None} == {".yml", ".csv"}
    assert any("/" in m.at for m in hb.measurements) and any("#" in m.at for m in hb.measurements)
    assert any("/" not in m.at and "#" not in m.at for m in hb.measurements)
    # a service blueprint: every lane, and a fail point with an opportunity at its step
    assert {lane for s in steps for lane in ("frontstage", "backstage", "support") if getattr(s, lane)} == {"frontstage", "backstage", "support"}
    assert [s.id for s in steps if s.fail_point] and all(s.opportunities for s in steps if s.fail_point)
    assert len([s for s in steps if s.has_lanes()]) >= 3
    # a future state of that journey, on the same framework and better in at least one phase
    to_be = hb.journeys[TO_BE[lang]]
    assert (journey.state, to_be.state, to_be.improves) == ("as-is", "to-be", journey.id)
    comparison = compare(hb, to_be)
    assert comparison is not None and comparison.better_somewhere and comparison.opportunities
    assert {c.change for c in comparison.steps} >= {"changed", "removed"}
    # review dates on every journey and persona: the day init ran
    assert {j.reviewed for j in hb.journeys.values()} == {p.reviewed for p in hb.personas.values()} == {review_date()}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_example_counts_as_reviewed_on_the_day_init_runs(lang: str, monkeypatch) -> None:
    """The review dates become the build date (SOURCE_DATE_EPOCH when set): a new handbook is fresh
    for the review-date rule, and init writes the same files for the same SOURCE_DATE_EPOCH."""
    written = SKELETON_DIR / lang / "journeys"
    stored = {p.relative_to(written.parent).as_posix(): p.read_text(encoding="utf-8") for p in written.rglob("*.yml")}
    assert sum(text.count("\nreviewed: ") for text in stored.values()) == 3  # the persona and both journeys
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    files = skeleton_files(lang)
    assert files == skeleton_files(lang)
    for rel, text in stored.items():
        expected = re.sub(r"(?m)^reviewed: \d{4}-\d{2}-\d{2}", "reviewed: 2027-01-15", text)
        assert files[rel].decode("utf-8") == expected, rel  # only the dates change, comments line up
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert review_date() == dt.datetime.now(dt.timezone.utc).date()  # a bad value: today, no traceback


def test_init_never_writes_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    try:
        os.symlink(outside, project / "journeys", target_is_directory=True)
    except (OSError, NotImplementedError):  # pragma: no cover - no symlinks on this system
        pytest.skip("symbolic links are not available")
    result = init(str(project))
    assert result.exit_code == 1
    assert list(outside.iterdir()) == []
    assert "journeys/personas/sam.yml" in result.stderr
    assert (project / "mkdocs.yml").is_file()  # the rest was written


def test_init_help_and_usage_errors() -> None:
    runner = CliRunner()
    help_text = runner.invoke(main, ["init", "--help"]).output
    assert "never overwritten" in help_text and "--language" in help_text
    assert runner.invoke(main, ["init", "--language", "fr"]).exit_code == 2
    assert "Exit codes" in runner.invoke(main, ["--help"]).output


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    assert init(str(target)).exit_code == 2


def test_the_skeleton_has_no_hidden_files() -> None:
    """Package data globs skip names starting with '.', so dotfiles are stored as dot-*."""
    from journeybook.scaffold import SKELETON_DIR

    names = [p.relative_to(SKELETON_DIR) for p in SKELETON_DIR.rglob("*")]
    assert names and not [n for n in names if any(part.startswith(".") for part in n.parts)]


# --------------------------------------------------------------------------- requirements.txt: the pinned version


def requirements(folder: Path) -> list[Requirement]:
    lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_requirements_pin_the_journeybook_that_made_the_handbook(tmp_path: Path, lang: str) -> None:
    assert init(str(tmp_path), "--language", lang).exit_code == 0
    [pin] = requirements(tmp_path)
    assert pin.name == "journeybook" and str(pin.specifier) == f"=={__version__}"
    assert not pin.extras and pin.marker is None and pin.url is None
    text = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
    assert text.endswith(f"\njourneybook=={__version__}\n")
    assert "pip install -r requirements.txt" in text
    assert ("De journeybook-versie" if lang == "nl" else "The journeybook version") in text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_hint_home_page_and_workflow_install_from_requirements(tmp_path: Path, lang: str) -> None:
    """No generated text tells anyone to install an unpinned journeybook."""
    result = init(str(tmp_path / "hb"), "--language", lang)
    assert result.exit_code == 0, result.output
    assert f"cd {tmp_path / 'hb'} && pip install -r requirements.txt && mkdocs serve" in result.stderr
    home = (tmp_path / "hb" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "`pip install -r requirements.txt`" in home
    assert ("## journeybook bijwerken" if lang == "nl" else "## Upgrading journeybook") in home
    assert "requirements.txt" in (tmp_path / "hb" / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    unpinned = re.compile(r"pip install (?:-U |--upgrade )?journeybook(?!==)")
    for rel in FILES[lang]:
        text = (tmp_path / "hb" / rel).read_text(encoding="utf-8")
        assert not unpinned.search(text), rel
    assert not unpinned.search(result.output)


def test_an_existing_requirements_file_is_kept_and_a_missing_pin_reported(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("mkdocs-glightbox==0.4.0\n", encoding="utf-8")
    result = init(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "skipped  requirements.txt" in result.stdout
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "mkdocs-glightbox==0.4.0\n"
    assert f"add the line: journeybook=={__version__}" in result.stderr
    dutch = init(str(tmp_path), "--language", "nl")
    assert f"voeg deze regel toe: journeybook=={__version__}" in dutch.stderr


@pytest.mark.parametrize(
    "line", ["journeybook==0.0.9", "journeybook", "  JourneyBook >= 0.1", "journeybook[extra]==1.0 ; python_version >= '3.10'"]
)
def test_an_existing_requirements_file_that_names_journeybook_is_fine(tmp_path: Path, line: str) -> None:
    (tmp_path / "requirements.txt").write_text(f"mkdocs-glightbox\n{line}\n", encoding="utf-8")
    result = init(str(tmp_path))
    assert result.exit_code == 0
    assert "skipped  requirements.txt" in result.stdout and "does not mention journeybook" not in result.stderr


@pytest.mark.parametrize("text", ["journeybook-extras==1.0\n", "# journeybook==0.1.0\n", "mkdocs  # needs journeybook\n"])
def test_other_lines_do_not_count_as_journeybook(tmp_path: Path, text: str) -> None:
    (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
    result = init(str(tmp_path))
    assert "does not mention journeybook" in result.stderr


# --------------------------------------------------------------------------- one language option


def test_init_has_one_language_option_for_files_and_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    help_text = runner.invoke(main, ["init", "--help"]).output
    assert "--language" in help_text and not re.search(r"--lang(?!uage)", help_text)
    wrong = runner.invoke(main, ["init", str(tmp_path), "--lang", "nl"])
    assert wrong.exit_code == 2 and "--language" in wrong.output
    assert list(tmp_path.iterdir()) == []
    dutch = init(str(tmp_path), "--language", "nl")
    assert dutch.exit_code == 0
    assert "gemaakt  requirements.txt" in dutch.stdout and "bestanden gemaakt" in dutch.stderr
    assert "verder: " in dutch.stderr
