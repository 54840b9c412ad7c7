"""`journeybook export`: JSON, CSV and Mermaid, each read back and checked."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from journeybook.cli import main
from journeybook.export import CSV_COLUMNS, mermaid_text, score

SOURCE = FIXTURES / "format-handbook" / "journeys"
SOURCE_11 = FIXTURES / "format11-handbook" / "journeys"
SOURCE_12 = FIXTURES / "format12-handbook" / "journeys"
TASK = re.compile(r"^    ([^:#;\n]+): ([1-5])(?:: ([^:#;\n]+))?$")


def export(*args: str, source: Path = SOURCE):
    return CliRunner().invoke(main, ["export", str(source), *args])


# --------------------------------------------------------------------------- json


def test_json_is_the_validated_model_sorted_by_id() -> None:
    result = export()
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "format", "default_framework", "builtin",
        "personas", "touchpoints", "sources", "frameworks", "journeys",
    ]  # fmt: skip
    assert data["format"] == "journeybook-export/1" and data["default_framework"] == "five-phases"
    for key in ("personas", "touchpoints", "sources", "frameworks", "journeys"):
        ids = [item["id"] for item in data[key]]
        assert ids == sorted(ids), key
    assert [j["id"] for j in data["journeys"]] == ["new-boots", "tractor"]
    assert [t["id"] for t in data["touchpoints"]] == ["leaflet", "search-engine", "store", "webshop"]
    assert {"visser2015", "uxmastery2014"} <= {s["id"] for s in data["sources"]}
    assert {"three-steps", "five-phases"} <= {f["id"] for f in data["frameworks"]}
    assert "five-phases" in data["builtin"]["frameworks"] and "three-steps" not in data["builtin"]["frameworks"]
    daan = data["personas"][0]
    assert daan["value_map"]["pain_relievers"] == ["Same-day pickup in store"]
    step = data["journeys"][0]["phases"][0]["steps"][0]
    assert step["emotion"] == -1
    assert step["touchpoints"][0] == {"ref": "search-engine"}  # shorthands come out in full
    assert step["touchpoints"][1] == {"ref": "leaflet", "sentiment": "negative", "note": "The leaflet offer is not in the webshop"}
    assert step["pain_points"][0] == {"text": "Does not know which shop has his size"}
    assert step["opportunities"][0]["status"] == "idea"
    visser = next(s for s in data["sources"] if s["id"] == "visser2015")
    assert visser["author"][0] == {"family": "Visser", "given": "M."}
    ux = next(s for s in data["sources"] if s["id"] == "uxmastery2014")
    assert ux["issued"] == "2014-09-15" and ux["URL"].startswith("https://")
    assert "null" not in result.stdout  # unset fields are left out
    # Version 1 data exports as before: nothing of FORMAT 1.1 appears, not even empty lists.
    assert '"evidence"' not in result.stdout and '"research"' not in result.stdout
    assert '"measurements"' not in result.stdout and '"impact"' not in result.stdout
    for key in ("state", "improves", "reviewed", "frontstage", "backstage", "support", "fail_point"):
        assert f'"{key}"' not in result.stdout, key  # nor of its blueprint lanes, future states and review dates


def test_json_for_one_journey_and_stable_bytes(tmp_path: Path) -> None:
    one = json.loads(export("--journey", "tractor").stdout)
    assert [j["id"] for j in one["journeys"]] == ["tractor"]
    assert one["personas"] == json.loads(export().stdout)["personas"]  # the catalogs stay whole
    out = tmp_path / "data.json"
    result = export("--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == export().stdout == export().stdout
    assert "data.json" in result.stderr


def test_json_carries_research_metrics_measurements_step_ids_evidence_and_opportunities() -> None:
    result = export(source=SOURCE_11)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "format", "default_framework", "builtin", "personas", "touchpoints", "sources", "frameworks",
        "research", "metrics", "journeys", "measurements",
    ]  # fmt: skip
    assert data["format"] == "journeybook-export/1"
    assert [r["id"] for r in data["research"]] == ["interviews-2026", "webshop-analytics"]
    interviews = data["research"][0]
    assert interviews["method"] == "interview" and interviews["date"] == "2026-03-12" and interviews["source"] == "visser2015"
    assert interviews["findings"][0] == {
        "id": "size-unknown",
        "text": "Three of eight interviewees could not tell which shop had their size.",
        "quote": "Where do I see if it fits?",
        "participants": 3,
    }
    assert [m["id"] for m in data["metrics"]] == ["csat", "drop-off"]
    assert data["metrics"][0] == {
        "id": "csat", "name": {"en": "Customer satisfaction", "nl": "Klanttevredenheid"}, "unit": "/5",
        "min": 1, "max": 5, "better": "higher", "target": 4.2, "owner": "CX team",
    }  # fmt: skip
    # Every measurement, inline and from the CSV file, in the order read, with the file it came from.
    assert [(m["file"], m["metric"], m["at"], m["value"], m["date"], m.get("target")) for m in data["measurements"]] == [
        ("metrics.yml", "csat", "new-boots/checkout", 3.4, "2026-09-30", None),
        ("metrics.yml", "csat", "new-boots#purchase", 3.9, "2026-06-30", 4.5),
        ("metrics.yml", "csat", "new-boots", 3.7, "2026-06-30", None),
        ("data/drop-off.csv", "drop-off", "new-boots/checkout", 22, "2026-04-30", None),
        ("data/drop-off.csv", "drop-off", "new-boots/checkout", 18, "2026-06-30", None),
        ("data/drop-off.csv", "drop-off", "new-boots/checkout", 14.5, "2026-09-30", 12),
        ("data/drop-off.csv", "csat", "new-boots/checkout", 3.1, "2026-03-31", None),
    ]
    boots = data["journeys"][0]
    notice = boots["phases"][0]["steps"][0]
    assert notice["id"] == "notice" and notice["evidence"] == ["derby-deadline"]
    assert notice["pain_points"] == [
        {"text": "Does not know which shop has his size", "severity": "high", "evidence": ["size-unknown"]},
        {"text": "Delivery time unclear"},  # no evidence: left out like an unset field
    ]
    assert notice["opportunities"] == [
        {
            "id": "stock-per-store", "text": "Show stock per store in search ads", "owner": "Marketing",
            "priority": "high", "status": "idea", "impact": "high", "effort": "low", "evidence": ["size-unknown"],
        }
    ]  # fmt: skip
    compare = boots["phases"][1]["steps"][0]
    assert "evidence" not in compare
    assert compare["opportunities"][0] == {"ref": "stock-per-store"}  # the definition's fields are not repeated
    assert compare["opportunities"][1]["impact"] == "medium" and compare["opportunities"][1]["effort"] == "medium"
    assert "null" not in result.stdout


def test_json_carries_blueprint_lanes_future_states_and_review_dates() -> None:
    result = export(source=SOURCE_12)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "journeybook-export/1"
    assert data["personas"][0]["reviewed"] == "2024-05-01"  # a date as YYYY-MM-DD
    journeys = {j["id"]: j for j in data["journeys"]}
    assert [j["id"] for j in data["journeys"]] == ["new-boots", "new-boots-2027", "tractor"]
    boots, future, tractor = journeys["new-boots"], journeys["new-boots-2027"], journeys["tractor"]
    assert (future["state"], future["improves"], future["reviewed"]) == ("to-be", "new-boots", "2026-11-15")
    assert "state" not in boots and "improves" not in boots and boots["reviewed"] == "2026-10-01"  # as-is: the default
    assert not {"state", "improves", "reviewed"} & set(tractor)
    checkout = boots["phases"][2]["steps"][0]
    assert {key: checkout[key] for key in ("frontstage", "backstage", "support", "fail_point")} == {
        "frontstage": ["Chat agent answers questions about delivery"],
        "backstage": ["Warehouse reserves the pair"],
        "support": ["Order management system", "Payment provider"],
        "fail_point": "Payment provider times out at peak hours",
    }
    compare = boots["phases"][1]["steps"][0]
    assert compare["support"] == ["Product information system"]
    assert "frontstage" not in compare and "backstage" not in compare and "fail_point" not in compare  # empty: left out
    notice = boots["phases"][0]["steps"][0]
    assert not {"frontstage", "backstage", "support", "fail_point"} & set(notice)
    assert "null" not in result.stdout
    assert all(step.get(lane) != [] for j in data["journeys"] for p in j["phases"] for step in p["steps"] for lane in ("frontstage", "backstage", "support"))


def test_json_for_one_journey_keeps_its_measurements_only(tmp_path: Path) -> None:
    tractor = json.loads(export("--journey", "tractor", source=SOURCE_11).stdout)
    assert tractor["measurements"] == [] and [m["id"] for m in tractor["metrics"]] == ["csat", "drop-off"]
    assert [r["id"] for r in tractor["research"]] == ["interviews-2026", "webshop-analytics"]  # catalogs stay whole
    boots = json.loads(export("--journey", "new-boots", source=SOURCE_11).stdout)
    assert len(boots["measurements"]) == 7
    assert export(source=SOURCE_11).stdout == export(source=SOURCE_11).stdout


# --------------------------------------------------------------------------- csv


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_step() -> None:
    result = export("--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.reader(io.StringIO(result.stdout, newline=""))
    assert tuple(next(reader)) == CSV_COLUMNS
    table = rows(result.stdout)
    assert [(r["journey"], r["phase"], r["step"]) for r in table] == [
        ("new-boots", "awareness", "1"),
        ("new-boots", "purchase", "1"),
        ("tractor", "need", "1"),
        ("tractor", "buy", "1"),
    ]
    first = table[0]
    assert first["persona"] == "daan"
    assert first["action"] == "Notices the sole is coming loose"
    assert first["emotion"] == "-1"
    assert first["touchpoints"] == "search-engine; leaflet"
    assert first["pain_points"] == "Does not know which shop has his size; Delivery time unclear"
    assert first["opportunities"] == "Show stock per store in search ads"
    assert table[3]["emotion"] == ""  # not recorded



def test_csv_of_a_format_11_handbook_adds_evidence_findings_and_latest_metric_values() -> None:
    result = export("--format", "csv", source=SOURCE_11)
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(header) == (*CSV_COLUMNS, "step_id", "evidence", "findings", "metric:csat", "metric:drop-off")
    table = rows(result.stdout)
    assert [(r["journey"], r["step"], r["step_id"], r["evidence"], r["findings"]) for r in table] == [
        ("new-boots", "1", "notice", "reported", "derby-deadline; size-unknown"),  # its own, then its pain points'
        ("new-boots", "1", "compare", "assumed", ""),
        ("new-boots", "1", "checkout", "observed", "checkout-drop"),
        ("tractor", "1", "breakdown", "assumed", ""),
        ("tractor", "1", "", "assumed", ""),
    ]
    checkout = table[2]
    assert (checkout["metric:csat"], checkout["metric:drop-off"]) == ("3.4", "14.5")  # the latest, CSV included
    assert all(r["metric:csat"] == "" for r in table if r["step_id"] != "checkout")  # a phase's value is not a step's
    # An opportunity used through 'ref' shows the text of its definition.
    assert table[1]["opportunities"] == "Show stock per store in search ads; Put the size chart next to the size picker"
    assert table[3]["opportunities"] == "Show stock per store in search ads; A spare-part hotline"
    dutch = rows(export("--format", "csv", "--lang", "nl", source=SOURCE_11).stdout)
    assert dutch[2]["metric:csat"] == "3.4" and dutch[0]["evidence"] == "reported"  # data, not prose: never translated


def test_csv_of_a_handbook_with_lanes_and_future_states_adds_their_columns() -> None:
    result = export("--format", "csv", source=SOURCE_12)
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(header) == (
        *CSV_COLUMNS, "step_id", "evidence", "findings", "metric:csat", "metric:drop-off",
        "frontstage", "backstage", "support", "fail_point", "state", "improves",
    )  # fmt: skip
    table = rows(result.stdout)
    lanes = [(r["journey"], r["step_id"], r["frontstage"], r["backstage"], r["support"], r["fail_point"]) for r in table]
    assert lanes[1] == ("new-boots", "compare", "", "", "Product information system", "")
    assert lanes[2] == (
        "new-boots", "checkout", "Chat agent answers questions about delivery", "Warehouse reserves the pair",
        "Order management system; Payment provider", "Payment provider times out at peak hours",
    )  # fmt: skip
    assert all(not any(lane[2:]) for lane in lanes if lane[1] not in ("compare", "checkout"))
    states = {(r["journey"], r["state"], r["improves"]) for r in table}
    assert states == {("new-boots", "as-is", ""), ("new-boots-2027", "to-be", "new-boots"), ("tractor", "as-is", "")}


def test_csv_lane_and_state_columns_come_only_with_lanes_and_future_states(tmp_path: Path) -> None:
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    (journeys / "j.yml").write_text(
        "kind: journey\nid: j\nphases:\n  - phase: awareness\n    steps:\n      - action: Looks\n"
        "        fail_point: '=HYPERLINK(\"x\")'\n",
        encoding="utf-8",
    )
    result = export("--format", "csv", source=journeys)
    assert result.exit_code == 0, result.output
    assert next(csv.reader(io.StringIO(result.stdout, newline=""))) == [*CSV_COLUMNS, "frontstage", "backstage", "support", "fail_point"]
    assert rows(result.stdout)[0]["fail_point"] == "'=HYPERLINK(\"x\")"  # a formula stays text
    (journeys / "j.yml").write_text(
        "kind: journey\nid: j\nphases:\n  - phase: awareness\n    steps:\n      - action: Looks\n"
        "---\nkind: journey\nid: k\nstate: to-be\nimproves: j\nphases: []\n",
        encoding="utf-8",
    )
    result = export("--format", "csv", source=journeys)
    assert result.exit_code == 0, result.output
    assert next(csv.reader(io.StringIO(result.stdout, newline=""))) == [*CSV_COLUMNS, "state", "improves"]
    assert rows(result.stdout)[0]["state"] == "as-is"


def test_csv_file_has_rfc_4180_line_ends(tmp_path: Path) -> None:
    out = tmp_path / "steps.csv"
    assert export("--format", "csv", "--out", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"journey,persona,phase,step,") and data.count(b"\r\n") == 5
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_quotes_commas_quotes_and_line_breaks_and_picks_the_language(tmp_path: Path) -> None:
    source = tmp_path / "journeys"
    source.mkdir()
    (source / "j.yml").write_text(
        textwrap.dedent(
            """\
            kind: journey
            id: j
            persona: [a, b]
            phases:
              - phase: awareness
                steps:
                  - action: {en: "Says \\"hi\\", then leaves", nl: "Zegt \\"hoi\\", en gaat"}
                    pain_points: ["Line one\\nline two"]
            ---
            kind: persona
            id: a
            ---
            kind: persona
            id: b
            """
        ),
        encoding="utf-8",
    )
    english = rows(export("--format", "csv", source=source).stdout)
    assert english[0]["action"] == 'Says "hi", then leaves'
    assert english[0]["persona"] == "a; b"
    assert english[0]["pain_points"] == "Line one\nline two"
    dutch = rows(export("--format", "csv", "--lang", "nl", source=source).stdout)
    assert dutch[0]["action"] == 'Zegt "hoi", en gaat'


# --------------------------------------------------------------------------- mermaid


def test_mermaid_journey_syntax() -> None:
    result = export("--format", "mermaid", "--journey", "new-boots")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "journey"
    assert lines[1] == "  title New football boots before Saturday"
    assert lines[2] == "  section Awareness"
    first = TASK.match(lines[3])
    assert first and first.group(1) == "Notices the sole is coming loose"
    assert first.group(2) == "2"  # emotion -1
    assert first.group(3) == "Search engine, Door-to-door leaflet"
    assert lines[4] == "  section Purchase"
    assert lines[5] == "    Orders in the webshop: 5: Webshop"  # emotion +2
    assert len(lines) == 6


def test_mermaid_scores_and_missing_emotion() -> None:
    assert [score(e) for e in (-2, -1, 0, 1, 2, None)] == [1, 2, 3, 4, 5, 3]
    lines = export("--format", "mermaid", "--journey", "tractor", "--lang", "nl").stdout.splitlines()
    assert lines[2] == "  section Behoefte"
    assert lines[3] == "    Tractor breaks down: 1"  # no touchpoints: no actors
    assert lines[5] == "    Buys the part: 3"  # no emotion: neutral


def test_mermaid_needs_a_journey_when_there_are_several(tmp_path: Path) -> None:
    result = export("--format", "mermaid")
    assert result.exit_code == 2
    assert "--journey" in result.output and "new-boots, tractor" in result.output
    source = tmp_path / "journeys"
    shutil.copytree(SOURCE, source)
    (source / "new-boots.yml").write_text(
        (SOURCE / "new-boots.yml").read_text(encoding="utf-8").split("\n---\n")[0] + "\n", encoding="utf-8"
    )
    only = export("--format", "mermaid", source=source)
    assert only.exit_code == 0 and "title New football boots" in only.stdout


def test_mermaid_text_cannot_break_the_diagram(tmp_path: Path) -> None:
    nasty = "section Tip: run #1; fast\nthen %%stop"
    assert mermaid_text(nasty) == "section Tip∶ run ＃1, fast then %%stop"
    assert mermaid_text(nasty, task=True) == "“section Tip∶ run ＃1, fast then %%stop”"
    assert mermaid_text("%%{init: x}%%") == "{init∶ x}%%"
    assert mermaid_text("**Bold** [link](https://x.org) [@visser2015]") == "Bold link"
    source = tmp_path / "journeys"
    source.mkdir()
    (source / "j.yml").write_text(
        textwrap.dedent(
            """\
            kind: journey
            id: j
            title: "Title: with; #hash"
            phases:
              - phase: awareness
                steps:
                  - action: "title: not a title"
                    emotion: 1
                    touchpoints: [odd]
                  - action: "###"
            ---
            kind: touchpoints
            touchpoints: [{id: odd, name: "Chat, phone: and #more"}]
            """
        ),
        encoding="utf-8",
    )
    result = export("--format", "mermaid", source=source)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == ["journey", "  title Title∶ with, ＃hash", "  section Awareness"]
    assert TASK.match(lines[3]) and TASK.match(lines[4])
    assert lines[3] == "    “title∶ not a title”: 4: Chat phone∶ and ＃more"  # a comma would split the actor
    assert lines[4] == "    ＃＃＃: 3"


# --------------------------------------------------------------------------- errors and usage


def test_handbook_errors_go_to_stderr_and_nothing_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "journeys"
    shutil.copytree(SOURCE, source)
    path = source / "new-boots.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("emotion: 2", "emotion: 3"), encoding="utf-8")
    for fmt in ("json", "csv", "mermaid"):
        result = export("--format", fmt, "--journey", "new-boots", source=source)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "new-boots.yml:" in result.stderr and "emotion must be a whole number" in result.stderr


def test_usage_errors() -> None:
    assert export("--format", "xml").exit_code == 2
    unknown = export("--journey", "new-boot")
    assert unknown.exit_code == 2 and "did you mean 'new-boots'" in unknown.output
    assert "one row per step" in CliRunner().invoke(main, ["export", "--help"]).output


def test_csv_cells_that_look_like_formulas_stay_text(tmp_path) -> None:
    import csv as csv_module
    import io

    from journeybook.export import export_csv
    from journeybook.handbook import build_handbook

    (tmp_path / "j.yml").write_text(
        "kind: journey\nid: j\nphases:\n  - phase: awareness\n    steps:\n"
        "      - action: '=HYPERLINK(\"http://evil\",\"x\")'\n        emotion: -1\n"
        "        pain_points: ['@SUM(1+1)']\n",
        encoding="utf-8",
    )
    hb, diags = build_handbook(tmp_path)
    assert diags == []
    row = next(csv_module.DictReader(io.StringIO(export_csv(hb))))
    assert row["action"] == "'=HYPERLINK(\"http://evil\",\"x\")" and row["pain_points"] == "'@SUM(1+1)"
    assert row["emotion"] == "-1"  # numbers are numbers
