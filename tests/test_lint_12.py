"""The lint rules of FORMAT 1.1, part 2 (issue 12): fail points, future states and review dates;
the ``review_days`` option (plugin and ``journeybook validate``) and the build date
(``SOURCE_DATE_EPOCH``). No test depends on the real clock: each passes a build date or sets
``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from conftest import FIXTURES, MINIMAL_MKDOCS, build, write_project
from journeybook.cli import main
from journeybook.diagnostics import has_errors
from journeybook.handbook import build_handbook
from journeybook.lint import DEFAULT_REVIEW_DAYS, RULES, LintContext, build_date, lint, parse_review_days
from journeybook.lint_docs import builtin_sources, rules_markdown
from journeybook.pipeline import Settings, check, generate
from journeybook.project import read_project
from test_lint import PERSONA, journey, make

FORMAT12 = FIXTURES / "format12-handbook" / "journeys"
DEC_1 = date(2026, 12, 1)
EPOCH_DEC_1 = str(int(datetime(2026, 12, 1, 12, tzinfo=timezone.utc).timestamp()))  # noon UTC, 2026-12-01
NEW = ("fail-point-without-opportunity", "to-be-not-better", "stale-review")


def findings(hb, rule: str, context: LintContext | None = None, settings=None):
    return [d for d in lint(hb, settings, context or LintContext(build_date=DEC_1)) if d.code == rule]


def places(hb, rule: str, context: LintContext | None = None, settings=None) -> list[tuple[str, int, int]]:
    return [(d.location.path.name, d.location.line, d.location.column) for d in findings(hb, rule, context, settings)]


# --------------------------------------------------------------------------- the rules' data


def test_the_new_rules_are_documented_with_their_sources() -> None:
    assert {rule_id: RULES[rule_id].severity for rule_id in NEW} == dict.fromkeys(NEW, "warning")
    assert RULES["fail-point-without-opportunity"].source_keys == ("shostack1984", "bitner2008")
    assert RULES["to-be-not-better"].source_keys == ("halvorsrud2016",)
    assert set(RULES["stale-review"].source_keys) == {"lemon2016", "halvorsrud2016"}
    assert RULES["fail-point-without-opportunity"].yields_to == ("negative-without-opportunity", "pain-without-opportunity")
    sources = {key: builtin_sources()[key].csl() for key in ("shostack1984", "bitner2008", "halvorsrud2016", "lemon2016")}
    shostack = sources["shostack1984"]
    assert shostack["container-title"] == "Harvard Business Review" and shostack["page"] == "133-139"
    assert (str(shostack["volume"]), str(shostack["issue"])) == ("62", "1")
    bitner = sources["bitner2008"]
    assert bitner["DOI"] == "10.2307/41166446" and bitner["container-title"] == "California Management Review"
    assert [a["family"] for a in bitner["author"]] == ["Bitner", "Ostrom", "Morgan"] and bitner["page"] == "66-94"
    halvorsrud = sources["halvorsrud2016"]
    assert halvorsrud["DOI"] == "10.1108/JSTP-05-2015-0111" and halvorsrud["page"] == "840-867"
    assert [a["family"] for a in halvorsrud["author"]] == ["Halvorsrud", "Kvale", "Følstad"]
    assert sources["lemon2016"]["DOI"] == "10.1509/jm.15.0420"
    for lang in ("en", "nl"):
        page = rules_markdown(lang)
        for rule_id in NEW:
            assert f"## {rule_id}\n" in page and f"`lint: {{{rule_id}: off}}`" in page
        for cited in ("(Shostack, 1984)", "(Bitner et al., 2008)", "(Halvorsrud et al., 2016)", "(Lemon & Verhoef, 2016)"):
            assert cited in page, (lang, cited)
        assert "https://doi.org/10.1108/JSTP-05-2015-0111" in page
        stale = page.split("## stale-review\n", 1)[1].split("\n## ", 1)[0]
        assert "`review_days`" in stale and "`SOURCE_DATE_EPOCH`" in stale and f"{DEFAULT_REVIEW_DAYS}" in stale


# --------------------------------------------------------------------------- fail-point-without-opportunity

FAIL_POINTS = """\
  - phase: purchase
    steps:
      - action: Pays
        emotion: 1
        fail_point: Payment provider times out
      - action: Pays again
        fail_point: Card declined
        opportunities:
          - id: retry
            text: Retry the payment with another provider
            owner: Webshop
      - action: Pays a third time
        fail_point: Card declined again
        opportunities:
          - ref: retry
      - action: Waits
        emotion: -2
        fail_point: Nobody answers the phone
      - action: Looks for help
        pain_points: [No phone number]
        fail_point: The page is down
"""


def test_fail_point_without_opportunity_fires_at_the_fail_point(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(FAIL_POINTS)})
    # Line 10 only: an opportunity (also through 'ref') answers the fail point; the negative step
    # (line 22) and the step with a pain point (line 26) are reported by their own rules already.
    assert places(hb, "fail-point-without-opportunity") == [("trip.yml", 10, 19)]
    [found] = findings(hb, "fail-point-without-opportunity")
    assert found.severity == "warning" and found.journey == "trip"
    assert found.message("en") == (
        "at “Pays” the fail point “Payment provider times out” has no opportunity that says how to prevent it or put "
        "it right for the customer; add an opportunity to this step"
    )
    assert found.message("nl") == (
        "bij “Pays” heeft het faalpunt “Payment provider times out” geen kans die zegt hoe we het voorkomen of voor de "
        "klant herstellen; voeg een kans toe aan deze stap"
    )
    assert [d.location.line for d in lint(hb) if d.code == "negative-without-opportunity"] == [22]
    # With the other rules off, the fail point is what tells.
    off = {"negative-without-opportunity": None, "pain-without-opportunity": None}
    assert [line for _f, line, _c in places(hb, "fail-point-without-opportunity", settings=off)] == [10, 23, 26]


def test_the_fixture_fail_point_has_an_opportunity(tmp_path: Path) -> None:
    hb, _diags = build_handbook(FORMAT12)
    assert findings(hb, "fail-point-without-opportunity") == []
    text = (FORMAT12 / "new-boots.yml").read_text(encoding="utf-8")
    without = text.replace("        opportunities:\n          - text: Offer pickup in store at checkout\n            status: planned\n", "")
    assert without != text
    folder = tmp_path / "journeys"
    folder.mkdir()
    for path in FORMAT12.iterdir():
        if path.is_file():
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "drop-off.csv").write_bytes((FORMAT12 / "data" / "drop-off.csv").read_bytes())
    (folder / "new-boots.yml").write_text(without, encoding="utf-8")
    hb, diags = build_handbook(folder)
    assert not has_errors(diags)
    assert [(d.location.line, d.message()) for d in findings(hb, "fail-point-without-opportunity")] == [
        (
            66,
            "at “Pays in the webshop” the fail point “Payment provider times out at peak hours” has no opportunity that "
            "says how to prevent it or put it right for the customer; add an opportunity to this step",
        )
    ]


# --------------------------------------------------------------------------- to-be-not-better

AS_IS = """\
  - phase: awareness
    steps:
      - id: notice
        action: Notices
        emotion: -1
      - id: search
        action: Searches
        emotion: 0
  - phase: purchase
    steps:
      - id: pay
        action: Pays
        emotion: 1
"""


def to_be(body: str, id: str = "next") -> str:
    """A to-be journey of 'now': 'improves' on line 6 (value at column 11), 'phases:' on line 7."""
    return (
        f"kind: journey\nid: {id}\ntitle: Next year\npersona: daan\nstate: to-be\nimproves: now\nframework: five-phases\n"
        "phases:\n" + textwrap.dedent(body)
    )


NOT_BETTER = """\
  - phase: awareness
    steps:
      - id: notice
        action: Notices
        emotion: 0
      - id: search
        action: Searches
        emotion: -1
  - phase: purchase
    steps:
      - id: pay
        action: Pays
        emotion: 0
"""


def test_a_to_be_journey_better_nowhere_is_reported_at_improves(tmp_path: Path) -> None:
    now = journey(AS_IS, id="now").replace("kind: journey\n", "kind: journey\ntitle: Today\n")
    hb = make(tmp_path, {"now.yml": now, "next.yml": to_be(NOT_BETTER)})
    [found] = findings(hb, "to-be-not-better")
    assert (found.location.path.name, found.location.line, found.location.column) == ("next.yml", 6, 11)
    assert found.severity == "warning" and found.journey == "next"
    assert found.message("en") == (
        "this future state is not better than “Today” in any phase (mean feeling per phase, now → designed: "
        "Awareness -0.5 → -0.5, Purchase 1 → 0); raise 'emotion' at the steps the design improves, or rethink the "
        "design until the customer feels better somewhere"
    )
    assert found.message("nl") == (
        "dit toekomstbeeld is in geen enkele fase beter dan “Today” (gemiddeld gevoel per fase, nu → ontwerp: "
        "Bekendheid -0,5 → -0,5, Aankoop 1 → 0); verhoog 'emotion' bij de stappen die het ontwerp verbetert, of "
        "herzie het ontwerp tot de klant zich ergens beter voelt"
    )


def test_a_to_be_journey_better_in_one_phase_and_the_fixture_are_quiet(tmp_path: Path) -> None:
    better_once = NOT_BETTER.replace("        emotion: 0\n      - id: search", "        emotion: 2\n      - id: search")
    hb = make(tmp_path, {"now.yml": journey(AS_IS, id="now"), "next.yml": to_be(better_once)})
    assert findings(hb, "to-be-not-better") == []  # awareness is better (0.5 > -0.5), purchase worse: fine
    fixture, _diags = build_handbook(FORMAT12)
    assert findings(fixture, "to-be-not-better") == []


def test_a_to_be_journey_without_feelings_to_compare_is_reported_too(tmp_path: Path) -> None:
    no_feelings = "\n".join(line for line in NOT_BETTER.splitlines() if "emotion" not in line) + "\n"
    hb = make(tmp_path, {"now.yml": journey(AS_IS, id="now"), "next.yml": to_be(no_feelings)})
    [found] = findings(hb, "to-be-not-better")
    assert found.location.line == 6
    assert found.message("en") == (
        "this future state records no feeling in any phase where “now” records one, so nothing shows that it is "
        "better; add the 'emotion' the design aims for at its steps"
    )
    assert "legt in geen enkele fase een gevoel vast" in found.message("nl")
    # An as-is journey on its own is never judged.
    alone = make(tmp_path / "alone", {"now.yml": journey(AS_IS, id="now")})
    assert findings(alone, "to-be-not-better") == []


# --------------------------------------------------------------------------- stale-review


def test_stale_review_in_the_fixture_against_a_given_build_date() -> None:
    hb, _diags = build_handbook(FORMAT12)
    # daan: 2024-05-01 is 944 days before 2026-12-01; the journeys (2026-10-01, 2026-11-15) are recent.
    [persona] = findings(hb, "stale-review")
    assert (persona.location.path.name, persona.location.line, persona.location.column) == ("daan.yml", 17, 11)
    assert persona.subject == ("persona", "daan") and persona.severity == "warning"
    assert persona.message("en") == (
        "persona Daan was last reviewed on 2024-05-01, 944 days before the build date (2026-12-01), more than the 365 "
        "days allowed; check it against what customers do and say now and update 'reviewed:'"
    )
    assert persona.message("nl") == (
        "persona Daan is voor het laatst beoordeeld op 2024-05-01, 944 dagen voor de builddatum (2026-12-01), meer dan "
        "de toegestane 365 dagen; toets de persona aan wat klanten nu doen en zeggen en werk 'reviewed:' bij"
    )
    # A shorter limit also catches the as-is journey (61 days), not the to-be one (16 days).
    month = findings(hb, "stale-review", LintContext(review_days=30, build_date=DEC_1))
    assert [(d.location.path.name, d.location.line, d.journey) for d in month] == [
        ("daan.yml", 17, None),
        ("new-boots.yml", 10, "new-boots"),
    ]
    assert month[1].message() == (
        "this journey was last reviewed on 2026-10-01, 61 days before the build date (2026-12-01), more than the 30 "
        "days allowed; walk it through again with what customers do now and update 'reviewed:'"
    )
    assert "deze journey is voor het laatst beoordeeld op 2026-10-01, 61 dagen voor de builddatum" in month[1].message("nl")
    # Exactly the limit is not too old; one day more is.
    assert places(hb, "stale-review", LintContext(61, DEC_1)) == [("daan.yml", 17, 11)]
    assert len(places(hb, "stale-review", LintContext(60, DEC_1))) == 2
    # An earlier build date: nothing is too old, and a review after the build date is not reported.
    assert places(hb, "stale-review", LintContext(build_date=date(2024, 6, 1))) == []
    assert "2 days before the build date (2024-05-03), more than the 1 day allowed" in findings(
        hb, "stale-review", LintContext(1, date(2024, 5, 3))
    )[0].message()


def test_without_reviewed_nothing_is_reported(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(AS_IS)})
    assert "reviewed" not in PERSONA
    assert findings(hb, "stale-review", LintContext(1, date(2100, 1, 1))) == []


def test_source_date_epoch_is_the_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": EPOCH_DEC_1}) == (DEC_1, [])
    assert build_date({"SOURCE_DATE_EPOCH": " 0 "}) == (date(1970, 1, 1), [])
    assert build_date({"SOURCE_DATE_EPOCH": ""})[1] == []  # empty: today
    today, [problem] = build_date({"SOURCE_DATE_EPOCH": "yesterday"})
    assert problem.severity == "error" and problem.code == "bad-source-date-epoch"
    assert problem.message() .startswith("the environment variable SOURCE_DATE_EPOCH must be a whole number of seconds")
    assert "'yesterday'" in problem.message() and "moet een geheel aantal seconden" in problem.message("nl")
    assert build_date({"SOURCE_DATE_EPOCH": "9" * 30})[1]  # far beyond any calendar: a problem, not a crash
    hb, _diags = build_handbook(FORMAT12)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DEC_1)
    assert [d.location.line for d in lint(hb, None, LintContext(review_days=30))] == [
        d.location.line for d in lint(hb, None, LintContext(30, DEC_1))
    ]
    assert "(2026-12-01)" in next(d for d in lint(hb) if d.code == "stale-review").message()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2024, 6, 1, tzinfo=timezone.utc).timestamp())))
    assert [d for d in lint(hb) if d.code == "stale-review"] == []


def test_the_pipeline_uses_the_settings_and_reports_a_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DEC_1)
    _hb, diags = check(FORMAT12, Settings(review_days=30))
    assert [d.location.path.name for d in diags if d.code == "stale-review"] == ["daan.yml", "new-boots.yml"]
    _hb, diags = check(FORMAT12, Settings(review_days=30, build_date=date(2026, 10, 15)))  # the settings win
    assert [d.location.path.name for d in diags if d.code == "stale-review"] == ["daan.yml"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1.5e9")
    _hb, diags = check(FORMAT12)
    assert [d.code for d in diags if d.severity == "error"] == ["bad-source-date-epoch"]
    assert not [d for d in diags if d.code in RULES]  # lint would measure against a wrong date
    result = generate(FORMAT12)
    assert result.site is None and not result.ok
    # With the rule off, the date does not matter.
    off = {rule_id: rule.severity for rule_id, rule in RULES.items()} | {"stale-review": None}
    _hb, diags = check(FORMAT12, Settings(lint=off))
    assert not has_errors(diags)


def test_review_days_values() -> None:
    assert parse_review_days(None) == (365, [])
    assert parse_review_days(30) == (30, [])
    for bad in (0, -5, True, "30", 1.5, [30]):
        days, [problem] = parse_review_days(bad)
        assert days == DEFAULT_REVIEW_DAYS and problem.severity == "error" and problem.code == "bad-review-days"
        assert problem.message().startswith("'review_days' must be a whole number of days, 1 or more, got ")
        assert problem.message("nl").startswith("'review_days' moet een geheel aantal dagen zijn, 1 of meer, niet ")


# --------------------------------------------------------------------------- review_days in mkdocs.yml

REVIEWED = {
    "p.yml": "kind: persona\nid: p\nname: Pat\nurgency: low\nreviewed: 2026-10-01\n",
    "j.yml": "kind: journey\nid: j\ntitle: Joins\npersona: p\nphases:\n  - phase: awareness\n    steps:\n"
    "      - action: Looks around\n",
}
STALE = (
    "journeys/p.yml:5:11: persona Pat was last reviewed on 2026-10-01, 61 days before the build date (2026-12-01), "
    "more than the 30 days allowed"
)


def with_options(options: str) -> str:
    """MINIMAL_MKDOCS with the plugin's options; the first option is on line 7, its value at column 7 + key."""
    return MINIMAL_MKDOCS.replace("  - journeybook\n", "  - journeybook:\n" + textwrap.indent(options, " " * 6))


def test_mkdocs_build_uses_review_days(tmp_path: Path, mkdocs_log, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DEC_1)
    blocking = "lint: {stale-review: error}\n"
    with pytest.raises(Abort):
        build(write_project(tmp_path / "month", REVIEWED, with_options(blocking + "review_days: 30\n")))
    assert STALE in mkdocs_log()
    site = build(write_project(tmp_path / "quarter", REVIEWED, with_options(blocking + "review_days: 90\n")))
    assert (site / "playbook/personas/p/index.html").is_file()
    site = build(write_project(tmp_path / "default", REVIEWED, with_options(blocking)))  # 365 days
    assert (site / "playbook/personas/p/index.html").is_file()


@pytest.mark.parametrize(
    ("value", "shown"), [("0", "0"), ("-1", "-1"), ("'30'", "'30'"), ("true", "true"), ("1.5", "1.5"), ("[30]", "[30]")]
)
def test_a_wrong_review_days_is_a_config_error_at_its_place(tmp_path: Path, mkdocs_log, value: str, shown: str) -> None:
    with pytest.raises(Abort, match="configuration error"):
        build(write_project(tmp_path, REVIEWED, with_options(f"review_days: {value}\n")))
    log = mkdocs_log()
    assert f"mkdocs.yml:7:20: 'review_days' must be a whole number of days, 1 or more, got {shown}" in log, log
    assert "Traceback" not in log


def test_a_wrong_review_days_in_dutch(tmp_path: Path, mkdocs_log) -> None:
    with pytest.raises(Abort):
        build(write_project(tmp_path, REVIEWED, with_options("language: nl\nreview_days: 0\n")))
    assert "mkdocs.yml:8:20: 'review_days' moet een geheel aantal dagen zijn, 1 of meer, niet 0" in mkdocs_log()


def _cli_project(tmp_path: Path, options: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(with_options(options), encoding="utf-8")
    for rel, text in REVIEWED.items():
        path = tmp_path / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_validate_reads_review_days_from_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DEC_1)
    monkeypatch.chdir(_cli_project(tmp_path, "review_days: 30\n"))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    stale = STALE.replace(": persona", ": warning: persona")
    assert any(line.startswith(stale) and line.endswith("[stale-review]") for line in result.output.splitlines()), result.output
    assert read_project(tmp_path / "mkdocs.yml").settings.review_days == 30
    (tmp_path / "mkdocs.yml").write_text(with_options("review_days: 90\n"), encoding="utf-8")
    assert "stale-review" not in CliRunner().invoke(main, ["validate"]).output
    (tmp_path / "mkdocs.yml").write_text(with_options("review_days: none\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "mkdocs.yml:7:20: error: 'review_days' must be a whole number of days, 1 or more, got 'none'" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_a_bad_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    monkeypatch.chdir(_cli_project(tmp_path, "review_days: 30\n"))
    result = CliRunner().invoke(main, ["validate", "--lang", "nl"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "de omgevingsvariabele SOURCE_DATE_EPOCH moet een geheel aantal seconden" in result.output


def test_project_settings_carry_review_days(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: t\nplugins:\n  - journeybook:\n      review_days: 200\n", encoding="utf-8")
    assert read_project(path).settings == Settings(lint=read_project(path).settings.lint, review_days=200)
    path.write_text("site_name: t\nplugins:\n  - journeybook:\n      review_days: 0\n", encoding="utf-8")
    project = read_project(path)
    assert project.settings.review_days == DEFAULT_REVIEW_DAYS
    assert [(p.code, p.location.line, p.location.column) for p in project.problems] == [("bad-review-days", 4, 20)]
