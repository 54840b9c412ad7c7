"""`journeybook new journey|persona|research|metrics`: files that are valid at once and never replace another."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from journeybook.cli import main
from journeybook.future import compare
from journeybook.handbook import build_handbook
from journeybook.scaffold import review_date


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
    assert run("new", "research", "shop-visits", "--method", "observation", "--source", str(handbook), "--lang", lang).exit_code == 0
    assert run("new", "metrics", "--source", str(handbook), "--lang", lang).exit_code == 0
    for rel in ("journeys/full.yml", "personas/alex.yml", "research/shop-visits.yml", "metrics/csat.yml"):
        path = handbook / rel
        path.write_text(uncomment(path.read_text(encoding="utf-8")), encoding="utf-8")
    validate(handbook)
    hb, _ = build_handbook(handbook)
    assert [p.phase for p in hb.journeys["full"].phases] == ["awareness", "consideration", "purchase", "retention", "loyalty"]
    step = hb.journeys["full"].phases[0].steps[0]
    assert step.touchpoints[0].ref == "search-engine"  # from the catalog
    assert step.id == ("eerste-stap" if lang == "nl" else "first-step") and step.evidence == [next(iter(hb.findings))]
    assert step.frontstage and step.backstage and step.support and step.fail_point is not None  # a service blueprint
    assert step.opportunities  # a fail point with an opportunity, as lint asks
    assert hb.journeys["full"].state == "as-is" and hb.journeys["full"].reviewed == review_date()
    assert hb.personas["alex"].urgency == "medium" and hb.personas["alex"].value_map is not None
    assert hb.personas["alex"].reviewed == review_date()
    research = hb.research["shop-visits"]
    assert research.method == "observation" and research.date is not None and research.source in hb.sources
    assert [f.id for f in research.findings] == ["shop-visits-1"] and research.findings[0].participants == 3
    csat = hb.metrics["csat"]
    assert (csat.min, csat.max, csat.better, csat.target) == (1, 5, "higher", 4.2)
    new = [m for m in hb.measurements if m.metric == "csat"]
    assert [m.at for m in new] == ["repair-before-monday/search", "repair-before-monday#awareness"]


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


# --------------------------------------------------------------------------- research and metrics


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_new_research_is_valid_at_once(handbook: Path, lang: str) -> None:
    result = run("new", "research", "phone-survey", "--method", "survey", "--source", str(handbook), "--lang", lang)
    assert result.exit_code == 0, result.output
    path = handbook / "research" / "phone-survey.yml"
    assert "journeys/research/phone-survey.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "\nkind: research\nid: phone-survey\ntitle: Phone survey\nmethod: survey " in text
    assert "# findings:" in text and "evidence: [phone-survey-1]" in text
    assert ("gerapporteerd" if lang == "nl" else "reported") in text  # what a survey's findings count as
    validate(handbook)
    hb, _ = build_handbook(handbook)
    assert hb.research["phone-survey"].method == "survey" and hb.research["phone-survey"].findings == []


def test_new_research_defaults_to_interviews_and_refuses_a_bad_method(handbook: Path) -> None:
    assert run("new", "research", "talks", "--source", str(handbook)).exit_code == 0
    assert "\nmethod: interview " in (handbook / "research" / "talks.yml").read_text(encoding="utf-8")
    bad = run("new", "research", "focus", "--method", "focus-group", "--source", str(handbook))
    assert bad.exit_code == 2 and "usability-test" in bad.output
    assert not (handbook / "research" / "focus.yml").exists()


def test_new_research_never_overwrites_and_ids_stay_unique(handbook: Path) -> None:
    path = handbook / "research" / "repair-interviews.yml"
    before = path.read_bytes()
    again = run("new", "research", "repair-interviews", "--source", str(handbook))
    assert again.exit_code == 1 and "never overwrites" in again.stderr
    assert path.read_bytes() == before
    # the id of a research document elsewhere (here: in another file name)
    (handbook / "research" / "spring.yml").write_text("kind: research\nid: spring-talks\nmethod: interview\n", encoding="utf-8")
    taken = run("new", "research", "spring-talks", "--source", str(handbook), "--lang", "nl")
    assert taken.exit_code == 1 and "onderzoek-id 'spring-talks' wordt al gebruikt op" in taken.stderr
    assert not (handbook / "research" / "spring-talks.yml").exists()
    # a finding id in the example that is taken gets a number
    (handbook / "research" / "x.yml").write_text("kind: research\nmethod: survey\nfindings: [{id: y-1, text: t}]\n", encoding="utf-8")
    assert run("new", "research", "y", "--source", str(handbook)).exit_code == 0
    assert "evidence: [y-1-2]" in (handbook / "research" / "y.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_new_metrics_writes_a_yaml_and_a_csv_file_valid_at_once(handbook: Path, lang: str) -> None:
    result = run("new", "metrics", "--source", str(handbook), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert "journeys/metrics/csat.yml" in result.stdout and "journeys/metrics/csat.csv" in result.stdout
    text = (handbook / "metrics" / "csat.yml").read_text(encoding="utf-8")
    assert "\nkind: metrics\nmetrics:\n  - id: csat\n" in text
    assert ("name: Klanttevredenheid" if lang == "nl" else "name: Customer satisfaction") in text
    assert "# files: [csat.csv]" in text and "at: repair-before-monday/search" in text  # a real step of the handbook
    assert (handbook / "metrics" / "csat.csv").read_text(encoding="utf-8") == "metric,at,value,date,target\n"
    validate(handbook)
    hb, _ = build_handbook(handbook)
    assert "csat" in hb.metrics and not [m for m in hb.measurements if m.metric == "csat"]


def test_new_metrics_with_an_id_and_its_csv_file_in_use(handbook: Path) -> None:
    assert run("new", "metrics", "nps", "--source", str(handbook)).exit_code == 0
    yml, csv = handbook / "metrics" / "nps.yml", handbook / "metrics" / "nps.csv"
    assert "  - id: nps\n    name: Nps\n" in yml.read_text(encoding="utf-8")
    # the author uses the CSV file: its rows are read and checked
    yml.write_text(yml.read_text(encoding="utf-8").replace("# files: [nps.csv]", "files: [nps.csv]"), encoding="utf-8")
    csv.write_text(csv.read_text(encoding="utf-8") + "nps,repair-before-monday/book,31,2026-03-31,\n", encoding="utf-8")
    validate(handbook)
    hb, _ = build_handbook(handbook)
    assert [(m.at, m.value) for m in hb.measurements if m.metric == "nps"] == [("repair-before-monday/book", 31)]


def test_new_metrics_never_overwrites_and_metric_ids_stay_unique(handbook: Path) -> None:
    assert run("new", "metrics", "--source", str(handbook)).exit_code == 0
    again = run("new", "metrics", "--source", str(handbook))
    assert again.exit_code == 1 and "csat.yml already exists" in again.stderr
    # the metric id is taken (in the example's workshop.yml), though no file of that name exists
    taken = run("new", "metrics", "satisfaction", "--source", str(handbook))
    assert taken.exit_code == 1 and "metric id 'satisfaction' is already used at" in taken.stderr and "workshop.yml" in taken.stderr
    assert not (handbook / "metrics" / "satisfaction.yml").exists() and not (handbook / "metrics" / "satisfaction.csv").exists()
    # a CSV file of that name alone is enough to refuse: neither file is written
    (handbook / "metrics" / "nps.csv").write_text("mine\n", encoding="utf-8")
    refused = run("new", "metrics", "nps", "--source", str(handbook), "--lang", "nl")
    assert refused.exit_code == 1 and "nps.csv bestaat al" in refused.stderr
    assert not (handbook / "metrics" / "nps.yml").exists()
    assert (handbook / "metrics" / "nps.csv").read_text(encoding="utf-8") == "mine\n"


def test_new_metrics_and_research_start_a_handbook_from_nothing(tmp_path: Path) -> None:
    source = tmp_path / "journeys"
    assert run("new", "metrics", "--source", str(source)).exit_code == 0
    assert run("new", "research", "first", "--source", str(source)).exit_code == 0
    validate(source)
    text = (source / "metrics" / "csat.yml").read_text(encoding="utf-8")
    assert "at: journey-id/step-id" in text  # no journey yet: a placeholder, in a comment


def test_new_journey_shows_step_ids_and_evidence(handbook: Path, tmp_path: Path) -> None:
    assert run("new", "journey", "order-online", "--source", str(handbook)).exit_code == 0
    text = (handbook / "journeys" / "order-online.yml").read_text(encoding="utf-8")
    assert "#   - id: first-step " in text and "order-online/first-step" in text
    hb, _ = build_handbook(handbook)
    assert f"#     evidence: [{next(iter(hb.findings))}] " in text  # a finding of the handbook
    assert "impact: high, effort: low" in text and "{ref: an-opportunity-id}" in text
    empty = tmp_path / "empty"
    assert run("new", "journey", "first", "--source", str(empty)).exit_code == 0
    assert "#     evidence: [] " in (empty / "journeys" / "first.yml").read_text(encoding="utf-8")  # no findings yet


def test_help_names_every_kind() -> None:
    text = run("new", "--help").output
    assert "SOURCE/research/ID.yml" in text and "SOURCE/metrics/ID.csv" in text
    assert "--method" in run("new", "research", "--help").output


# --------------------------------------------------------------------------- future states: new journey --to-be


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_new_to_be_journey_starts_as_a_copy_of_its_as_is_journey(handbook: Path, lang: str) -> None:
    result = run("new", "journey", "repair-2028", "--to-be", "repair-before-monday", "--source", str(handbook), "--lang", lang)
    assert result.exit_code == 0, result.output
    text = (handbook / "journeys" / "repair-2028.yml").read_text(encoding="utf-8")
    assert "\nstate: to-be " in text and "\nimproves: repair-before-monday " in text
    assert "\npersona: sam\n" in text and "\nframework: five-phases\n" in text  # both from the as-is journey
    assert "      - id: drop-off\n" in text and "        fail_point: " in text and "        pain_points:\n" in text
    assert ("een toekomstbeeld van repair-before-monday" if lang == "nl" else "a future state of repair-before-monday") in text
    validate(handbook)
    hb, _ = build_handbook(handbook)
    to_be, as_is = hb.journeys["repair-2028"], hb.journeys["repair-before-monday"]
    assert (to_be.state, to_be.improves) == ("to-be", "repair-before-monday")
    assert [s.id for _p, s in to_be.steps()] == [s.id for _p, s in as_is.steps()]
    comparison = compare(hb, to_be)
    assert comparison is not None and comparison.steps == []  # nothing differs until the author changes it
    assert not comparison.better_somewhere  # so lint's to-be-not-better asks for the design
    # the author designs: a step improves, and the comparison shows it
    path = handbook / "journeys" / "repair-2028.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("emotion: -2", "emotion: 1"), encoding="utf-8")
    hb, _ = build_handbook(handbook)
    comparison = compare(hb, hb.journeys["repair-2028"])
    assert comparison is not None and [(c.step_id, c.aspects) for c in comparison.steps] == [("drop-off", ("emotion",))]
    assert comparison.better_somewhere


def test_new_to_be_journey_keeps_a_framework_left_out_and_takes_other_personas(fixture_handbook: Path) -> None:
    (fixture_handbook / "plain.yml").write_text(
        "kind: journey\npersona: daan\nphases: [{phase: awareness, steps: [{action: Looks around}]}]\n", encoding="utf-8"
    )
    result = run("new", "journey", "plain-2027", "--to-be", "plain", "--persona", "daan", "--source", str(fixture_handbook))
    assert result.exit_code == 0, result.output
    text = (fixture_handbook / "journeys" / "plain-2027.yml").read_text(encoding="utf-8")
    assert "\nframework:" not in text and "# framework: left out, as in plain" in text  # both follow the site's
    assert "      - action: Looks around\n" in text  # a step without an id is copied too
    validate(fixture_handbook)


def test_new_to_be_journey_refuses_what_cannot_be_a_future_state(handbook: Path) -> None:
    assert run("new", "journey", "later", "--to-be", "repair-before-monday", "--source", str(handbook)).exit_code == 0
    unknown = run("new", "journey", "x", "--to-be", "repair-befre-monday", "--source", str(handbook), "--lang", "nl")
    assert unknown.exit_code == 1
    assert "onbekende journey 'repair-befre-monday' (bedoelde je 'repair-before-monday'?)" in unknown.stderr
    to_be = run("new", "journey", "x", "--to-be", "later", "--source", str(handbook))
    assert to_be.exit_code == 1 and "'later' is itself a to-be journey" in to_be.stderr
    other = run("new", "journey", "x", "--to-be", "repair-before-monday", "--framework", "four-phases", "--source", str(handbook))
    assert other.exit_code == 1 and "follows framework 'five-phases', not 'four-phases'" in other.stderr
    bad = run("new", "journey", "x", "--to-be", "Repair Before Monday", "--source", str(handbook))
    assert bad.exit_code == 2 and "'repair-before-monday'" in bad.output
    assert not (handbook / "journeys" / "x.yml").exists()
    assert "--to-be" in run("new", "journey", "--help").output
