"""The lint rules of FORMAT 1.1 (issue 11): evidence, metrics and priorities; and how the older
rules treat an opportunity used at several steps through ``ref``."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from journeybook.cli import main
from journeybook.handbook import build_handbook
from journeybook.lint import RULES, lint
from journeybook.lint_docs import builtin_sources, rules_markdown
from test_lint import found, journey, make, messages, written_at

FORMAT11 = FIXTURES / "format11-handbook" / "journeys"

RESEARCH = """\
kind: research
id: interviews
method: interview
findings:
  - id: told
    text: Customers told us.
---
kind: research
id: watching
method: observation
findings:
  - id: seen
    text: We saw it happen.
"""


def test_the_new_rules_are_documented_with_sources() -> None:
    new = {"assumed-pain-point": "warning", "off-target-without-opportunity": "warning", "high-impact-idle": "info"}
    assert {rule_id: RULES[rule_id].severity for rule_id in new} == new
    assert RULES["assumed-pain-point"].source_keys[0] == "rosenbaum2017"
    assert "kaplan1996" in RULES["off-target-without-opportunity"].source_keys
    assert "reinertsen2009" in RULES["high-impact-idle"].source_keys
    sources = builtin_sources()
    rosenbaum = sources["rosenbaum2017"].csl()
    assert rosenbaum["DOI"] == "10.1016/j.bushor.2016.09.010" and rosenbaum["container-title"] == "Business Horizons"
    assert rosenbaum["type"] == "article-journal" and rosenbaum["page"] == "143-150"
    assert [a["family"] for a in rosenbaum["author"]] == ["Rosenbaum", "Otalora", "Ramírez"]
    for lang, cited in (("en", "(Rosenbaum et al., 2017)"), ("nl", "(Rosenbaum et al., 2017)")):
        page = rules_markdown(lang)
        for rule_id in new:
            assert f"## {rule_id}\n" in page
        assert cited in page and "https://doi.org/10.1016/j.bushor.2016.09.010" in page


# --------------------------------------------------------------------------- assumed-pain-point

ASSUMED = """\
  - phase: awareness
    steps:
      - action: Sole breaks
        emotion: -2
        pain_points:
          - Nobody checked this
      - action: Searches
        emotion: -1
        evidence: [told]
        pain_points:
          - text: Backed by a finding
            evidence: [seen]
          - Only a hunch
      - action: Reads a review
        emotion: 1
        pain_points:
          - Another hunch
        opportunities:
          - text: Fix it
            owner: Webshop
"""


def test_assumed_pain_point_fires_at_a_negative_step_once_and_at_each_bare_pain(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(ASSUMED), "research.yml": RESEARCH})
    assert found(hb, "assumed-pain-point") == [
        ("trip.yml", 9, 16, "assumed-pain-point"),  # the negative step, at its emotion (not its pain point too)
        ("trip.yml", 18, 11, "assumed-pain-point"),  # a pain point at a step that rests on findings itself
        ("trip.yml", 22, 11, "assumed-pain-point"),  # a pain point at a positive step
    ]
    assert written_at(hb, "assumed-pain-point") == ["-2", "Only a hunch", "Another hunch"]
    english = messages(hb, "assumed-pain-point")
    assert english[0].startswith("at “Sole breaks” the customer feels bad (emotion -2)")
    assert "the pain point “Only a hunch” rests on no research finding" in english[1]
    dutch = messages(hb, "assumed-pain-point", "nl")
    assert dutch[0].startswith("bij “Sole breaks” voelt de klant zich slecht (emotie -2)")
    assert "het pijnpunt “Only a hunch” rust op geen enkele onderzoeksbevinding" in dutch[1]


def test_assumed_pain_point_is_quiet_without_research_and_when_everything_rests_on_findings(tmp_path: Path) -> None:
    bare = ASSUMED.replace("        evidence: [told]\n", "").replace("            evidence: [seen]\n", "")
    without = make(tmp_path / "v1", {"trip.yml": journey(bare)})
    assert found(without, "assumed-pain-point") == []  # a version-1 handbook: no research, no warning
    backed = journey(
        """\
          - phase: awareness
            steps:
              - action: Sole breaks
                emotion: -2
                pain_points:
                  - text: Seen in the store
                    evidence: [seen]
              - action: Searches
                emotion: -1
                evidence: [told]
        """
    )
    hb = make(tmp_path / "v11", {"trip.yml": backed, "research.yml": RESEARCH})
    assert found(hb, "assumed-pain-point") == []  # a pain point's finding is evidence of its step too


# --------------------------------------------------------------------------- off-target-without-opportunity

METRICS = """\
kind: metrics
metrics:
  - id: csat
    name: {en: Satisfaction, nl: Tevredenheid}
    unit: "/5"
    better: higher
    target: 4.2
  - id: drop
    name: Drop-off
    unit: "%"
    better: lower
    target: 10
  - id: visits
    better: higher
measurements:
MEASURED
"""

STEPS = """\
  - phase: awareness
    steps:
      - id: search
        action: Searches
      - id: pay
        action: Pays
      - id: shared
        action: Uses the shared fix
        opportunities:
          - ref: fix
      - id: fixed
        action: Has its own fix
        opportunities:
          - id: fix
            text: The fix
            owner: Webshop
"""


def metrics_handbook(tmp_path: Path, measured: str, csv: str | None = None):
    files = {"trip.yml": journey(STEPS), "metrics.yml": METRICS.replace("MEASURED", measured)}
    if csv is not None:
        files["metrics.yml"] += "files: [data/m.csv]\n"
        files["data/m.csv"] = csv
    return make(tmp_path, files)


def test_off_target_without_opportunity_fires_at_the_step_with_the_latest_value(tmp_path: Path) -> None:
    hb = metrics_handbook(
        tmp_path,
        "  - {metric: csat, at: trip/search, value: 4.5, date: 2026-01-31}\n"
        "  - {metric: csat, at: trip/search, value: 3.4, date: 2026-09-30}\n",
    )
    assert found(hb, "off-target-without-opportunity") == [("trip.yml", 8, 11, "off-target-without-opportunity")]
    assert written_at(hb, "off-target-without-opportunity") == ["search"]
    assert messages(hb, "off-target-without-opportunity") == [
        "at “Searches” Satisfaction misses its target (3.4/5 on 2026-09-30, target 4.2/5) and no opportunity says "
        "how to close the gap; add an opportunity to this step"
    ]
    assert messages(hb, "off-target-without-opportunity", "nl") == [
        "bij “Searches” haalt Tevredenheid het doel niet (3,4/5 op 2026-09-30, doel 4,2/5) en geen kans zegt hoe we "
        "dat verschil goedmaken; voeg een kans toe aan deze stap"
    ]


def test_off_target_names_every_metric_once_per_step_and_reads_csv_files(tmp_path: Path) -> None:
    hb = metrics_handbook(
        tmp_path,
        "  - {metric: csat, at: trip/pay, value: 3.9, date: 2026-06-30, target: 4.5}\n",
        csv="metric,at,value,date,target\ndrop,trip/pay,9,2026-03-31,\ndrop,trip/pay,14.5,2026-09-30,12\n",
    )
    assert found(hb, "off-target-without-opportunity") == [("trip.yml", 10, 11, "off-target-without-opportunity")]
    (message,) = messages(hb, "off-target-without-opportunity")
    assert message.startswith("at “Pays” 2 metrics miss their target (")
    assert "Satisfaction 3.9/5 on 2026-06-30, target 4.5/5; Drop-off 14.5% on 2026-09-30, target 12%" in message
    assert "bij “Pays” halen 2 meetwaarden hun doel niet (Tevredenheid 3,9/5 op 2026-06-30" in messages(hb, "off-target-without-opportunity", "nl")[0]


def test_off_target_is_quiet_when_on_target_with_an_opportunity_or_without_a_target(tmp_path: Path) -> None:
    hb = metrics_handbook(
        tmp_path,
        "  - {metric: csat, at: trip/search, value: 3.0, date: 2026-01-31}\n"
        "  - {metric: csat, at: trip/search, value: 4.2, date: 2026-09-30}\n"  # the latest meets the target
        "  - {metric: drop, at: trip/pay, value: 8, date: 2026-09-30}\n"  # lower is better: 8 <= 10
        "  - {metric: visits, at: trip/pay, value: 1, date: 2026-09-30}\n"  # no target at all
        "  - {metric: csat, at: trip/shared, value: 2.0, date: 2026-09-30}\n"  # a ref opportunity counts
        "  - {metric: csat, at: trip/fixed, value: 2.0, date: 2026-09-30}\n"  # its own opportunity
        "  - {metric: csat, at: 'trip#awareness', value: 2.0, date: 2026-09-30}\n"  # a phase: not a step
        "  - {metric: csat, at: trip, value: 2.0, date: 2026-09-30}\n",  # the journey: not a step
    )
    assert found(hb, "off-target-without-opportunity") == []


# --------------------------------------------------------------------------- high-impact-idle

BACKLOG = """\
  - phase: awareness
    steps:
      - action: One
        opportunities:
          - id: big
            text: Big idea
            owner: A
            impact: high
          - text: Small work
            owner: B
            impact: low
            status: doing
      - action: Two
        opportunities:
          - ref: big
          - text: Medium work
            owner: C
            impact: medium
            status: doing
          - text: Planned big one
            owner: D
            impact: high
            status: planned
          - text: Big and busy
            owner: E
            impact: high
            status: doing
      - action: Three
        opportunities:
          - ref: big
"""


def test_high_impact_idle_reports_the_definition_once_naming_the_lowest_doing(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(BACKLOG)})
    assert found(hb, "high-impact-idle") == [("trip.yml", 13, 19, "high-impact-idle")]  # not per ref
    assert written_at(hb, "high-impact-idle") == ["high"]
    assert messages(hb, "high-impact-idle") == [
        "the opportunity “Big idea” has 'impact: high' but is still an idea, while “Small work” ('impact: low') is "
        "being worked on, as is one more of lower impact; plan or start it ('status: planned' or 'doing'), or lower "
        "its impact if it is worth less than thought"
    ]
    assert messages(hb, "high-impact-idle", "nl")[0].startswith(
        "de kans “Big idea” heeft 'impact: high' maar is nog een idee, terwijl aan “Small work” ('impact: low') al "
        "wordt gewerkt, net als aan nog één met minder impact;"
    )
    assert [d.severity for d in lint(hb) if d.code == "high-impact-idle"] == ["info"]


def test_high_impact_idle_is_quiet_without_lower_work_in_progress(tmp_path: Path) -> None:
    only_high = BACKLOG.replace("            status: doing\n", "            status: planned\n")
    hb = make(tmp_path / "a", {"trip.yml": journey(only_high)})
    assert found(hb, "high-impact-idle") == []  # nothing of lower impact is being done
    started = BACKLOG.replace("            impact: high\n      - action", "            impact: high\n            status: planned\n      - action", 1)
    started = started.replace("            text: Big idea\n            owner: A\n            impact: high\n",
                              "            text: Big idea\n            owner: A\n            impact: high\n            status: doing\n")  # fmt: skip
    hb = make(tmp_path / "b", {"trip.yml": journey(started)})
    assert found(hb, "high-impact-idle") == []  # the high one is under way


# --------------------------------------------------------------------------- older rules and ref

REFS = """\
  - phase: awareness
    steps:
      - action: Defines it
        emotion: -1
        opportunities:
          - id: shared
            text: The shared fix
      - action: Uses it
        emotion: -2
        pain_points: [It hurts]
        opportunities:
          - ref: shared
      - action: Uses it again
        opportunities:
          - ref: shared
"""


def test_older_rules_judge_the_definition_not_the_reference(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(REFS)})
    assert found(hb, "opportunity-without-owner") == [("trip.yml", 11, 11, "opportunity-without-owner")]  # once
    assert messages(hb, "opportunity-without-owner") == [
        "nobody owns the opportunity “The shared fix”; add 'owner:' with the team or person who will pick it up"
    ]
    assert found(hb, "negative-without-opportunity") == []  # a ref is an opportunity at that step
    assert found(hb, "pain-without-opportunity") == []


def test_the_format11_fixture_lints_without_empty_quotes() -> None:
    hb, diags = build_handbook(FORMAT11)
    assert not [d for d in diags if d.severity == "error"]
    findings = lint(hb)
    assert not [d for d in findings if "“”" in d.message("en") or "“”" in d.message("nl")]
    owners = [d.location.line for d in findings if d.code == "opportunity-without-owner"]
    assert owners == [64, 80]  # the refs at lines 47 and 79 are not reported
    assert {d.code for d in findings} >= {"assumed-pain-point", "high-impact-idle"}


# --------------------------------------------------------------------------- validate's summary


def test_validate_counts_research_documents_metrics_and_csv_files() -> None:
    result = CliRunner().invoke(main, ["validate", str(FORMAT11)])
    assert result.exit_code == 0, result.output
    assert re.search(r"\(9 files: 1 persona, 2 journeys, 4 touchpoints, 2 sources, 2 research documents, 2 metrics\)", result.stderr)
    dutch = CliRunner().invoke(main, ["validate", "--lang", "nl", str(FORMAT11)])
    assert "(9 bestanden: 1 persona, 2 journeys, 4 touchpoints, 2 bronnen, 2 onderzoeken, 2 meetwaarden)" in dutch.stderr
