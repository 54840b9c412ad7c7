"""FORMAT.md version 1.1, part 1: step ids, research and findings, metrics with CSV files,
opportunity ids, ``ref``, impact and effort — validated, cross-checked and derived.

Every mistake is reported at its place (``file:line:column`` in YAML, ``file.csv:ROW:COLUMN``
in CSV, the line and the column where the cell starts), all in one run, with "did you mean".
The expected places are read off the text of each case (comments give the columns).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeybook import backlog, evidence, metrics
from journeybook.cli import main
from journeybook.diagnostics import has_errors
from journeybook.handbook import build_handbook

FIXTURE = Path(__file__).parent / "fixtures" / "format11-handbook" / "journeys"


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    shutil.copytree(FIXTURE, folder)
    return folder


def problems(folder: Path) -> list[tuple[str, int, int, str, str]]:
    _hb, diags = build_handbook(folder)
    return [
        (d.location.path.relative_to(folder).as_posix(), d.location.line, d.location.column, d.code, d.message())
        for d in diags
        if d.severity == "error" and d.location is not None
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- the valid handbook


def test_the_format11_handbook_is_valid_and_read_completely() -> None:
    hb, diags = build_handbook(FIXTURE)
    assert not has_errors(diags), [d.format() for d in diags]
    assert list(hb.research) == ["webshop-analytics", "interviews-2026"] or set(hb.research) == {"interviews-2026", "webshop-analytics"}
    assert set(hb.findings) == {"size-unknown", "derby-deadline", "checkout-drop"}
    assert hb.research_of("checkout-drop").method == "analytics"
    assert list(hb.metrics) == ["csat", "drop-off"]
    # 3 inline + 4 CSV rows, each with its own place
    assert len(hb.measurements) == 7
    csv_rows = [m for m in hb.measurements if m.doc is not None and m.doc.path.suffix == ".csv"]
    assert [(m.metric, m.at, m.value, m.loc().line) for m in csv_rows] == [
        ("drop-off", "new-boots/checkout", 22, 2),
        ("drop-off", "new-boots/checkout", 18, 3),
        ("drop-off", "new-boots/checkout", 14.5, 4),
        ("csat", "new-boots/checkout", 3.1, 5),
    ]
    assert hb.data_files == [FIXTURE / "data" / "drop-off.csv"]
    assert set(hb.opportunities) == {"stock-per-store", "size-chart-on-page"}
    assert hb.journeys["new-boots"].step("checkout") is not None


def test_version_1_files_stay_valid() -> None:
    _hb, diags = build_handbook(FIXTURE.parent.parent / "format-handbook" / "journeys")
    assert not has_errors(diags)


# --------------------------------------------------------------------------- derived data


def test_evidence_levels_are_derived_from_the_methods_of_the_findings() -> None:
    hb, _ = build_handbook(FIXTURE)
    boots = hb.journeys["new-boots"]
    notice = boots.step("notice")[1]  # type: ignore[index]
    compare = boots.step("compare")[1]  # type: ignore[index]
    checkout = boots.step("checkout")[1]  # type: ignore[index]
    assert evidence.step_level(hb, notice) == "reported"  # interviews only
    assert evidence.step_findings(notice) == ["derby-deadline", "size-unknown"]  # its own, then its pain points'
    assert evidence.step_level(hb, checkout) == "observed"  # analytics
    assert evidence.step_level(hb, compare) == "assumed"
    assert [evidence.pain_level(hb, p) for p in notice.pain_points] == ["reported", "assumed"]
    shared_use = compare.opportunities[0]
    assert shared_use.ref == "stock-per-store"
    assert evidence.opportunity_level(hb, shared_use) == "reported"  # the definition's findings
    # steps notice (reported), compare (assumed), checkout (observed); pain points reported, assumed, assumed
    assert evidence.coverage(hb, boots) == evidence.Coverage(covered=3, total=6)
    assert evidence.coverage(hb, boots).percent == 50
    ranked = [j.id for j, _c in evidence.ranked_by_coverage(hb)]
    assert ranked == ["new-boots", "tractor"]
    uses = evidence.uses(hb)
    assert [(u.at.step.id, u.what) for u in uses["size-unknown"]] == [("notice", "pain-point"), ("notice", "opportunity")]


def test_metric_series_have_the_latest_value_against_its_target() -> None:
    hb, _ = build_handbook(FIXTURE)
    series = {(s.metric.id, s.place): s for s in metrics.all_series(hb)}
    drop = series[("drop-off", "new-boots/checkout")]
    assert [p.value for p in drop.points] == [22, 18, 14.5]
    assert (drop.latest.value, drop.target, drop.on_target) == (14.5, 12, False)  # lower is better, 14.5 > 12
    assert drop.change == -3.5
    csat = series[("csat", "new-boots/checkout")]
    assert [p.value for p in csat.points] == [3.1, 3.4]  # CSV (March) and YAML (September), by date
    assert (csat.target, csat.on_target) == (4.2, False)
    phase = series[("csat", "new-boots#purchase")]
    assert (phase.target, phase.on_target) == (4.5, False)  # the measurement's own target
    assert [s.place for s in metrics.series_at(hb, "new-boots", step="checkout")] == ["new-boots/checkout"] * 2
    assert [s.place for s in metrics.series_at(hb, "new-boots")] == ["new-boots"]


def test_a_shared_opportunity_is_one_backlog_item_serving_every_step() -> None:
    hb, _ = build_handbook(FIXTURE)
    items = backlog.backlog(hb)
    shared = next(i for i in items if i.opportunity.id == "stock-per-store")
    assert [(u.journey.id, u.step.id) for u in shared.uses] == [("new-boots", "notice"), ("new-boots", "compare"), ("tractor", "breakdown")]
    assert [j.id for j in shared.journeys] == ["new-boots", "tractor"]
    assert shared.quick_win and shared.rated
    assert all(i.opportunity.ref is None for i in items)  # a ref is never an item of its own
    assert len(items) == 4
    hotline = next(i for i in items if i.opportunity.text and "hotline" in i.opportunity.text.get("en"))
    assert hotline.rated and not hotline.quick_win  # high impact, high effort
    assert [i.rated for i in items].count(False) == 1  # pickup in store: no impact or effort


# --------------------------------------------------------------------------- mistakes, at their place

J = "new-boots.yml"
M = "metrics.yml"
R = "interviews.yml"
C = "data/drop-off.csv"

CASES = [
    # (file, old, new, expected (file, line, column, code, message part))
    (J, "evidence: [derby-deadline]", "evidence: [derby-deadlin]",
     (J, 18, 20, "unknown-finding", "unknown finding 'derby-deadlin' (did you mean 'derby-deadline'?)")),
    (J, "            evidence: [size-unknown]\n          - Delivery", "            evidence: size-unknwn\n          - Delivery",
     (J, 27, 23, "unknown-finding", "(did you mean 'size-unknown'?)")),
    (J, "          - ref: stock-per-store\n          - id: size", "          - ref: stock-per-stor\n          - id: size",
     (J, 47, 18, "unknown-opportunity", "unknown opportunity 'stock-per-stor' (did you mean 'stock-per-store'?)")),
    (J, "          - ref: stock-per-store\n          - id: size", "          - ref: stock-per-store\n            owner: Me\n          - id: size",
     (J, 48, 13, "ref-with-fields", "an opportunity with 'ref' is the one defined at")),
    (J, "      - id: compare", "      - id: notice",
     (J, 40, 13, "duplicate-id", "step id 'notice' appears twice in this journey (first at line 14)")),
    (J, "      - id: compare", "      - id: Compare",
     (J, 40, 13, "bad-id", "'Compare' is not a valid id")),
    (J, "            impact: high", "            impact: huge",
     (J, 35, 21, "bad-choice", "'huge' is not allowed for 'impact'")),
    (J, "            effort: low", "            efort: low",
     (J, 36, 13, "unknown-key", "unknown key 'efort' (did you mean 'effort'?)")),
    (J, "          - id: size-chart-on-page", "          - id: stock-per-store",
     (J, 48, 17, "duplicate-id", "duplicate opportunity id 'stock-per-store'")),
    (M, "at: new-boots/checkout, value: 3.4", "at: new-boots/chekout, value: 3.4",
     (M, 19, 24, "unknown-step", "journey 'new-boots' has no step 'chekout' (did you mean 'checkout'?)")),
    (M, "at: new-boots#purchase", "at: new-boots#purchse",
     (M, 20, 24, "unknown-phase", "journey 'new-boots' has no phase 'purchse' (did you mean 'purchase'?)")),
    (M, "{metric: csat, at: new-boots, value: 3.7", "{metric: csat, at: new-boot, value: 3.7",
     (M, 21, 24, "unknown-journey", "unknown journey 'new-boot' (did you mean 'new-boots'?)")),
    (M, "{metric: csat, at: new-boots, value: 3.7", "{metric: cast, at: new-boots, value: 3.7",
     (M, 21, 14, "unknown-metric", "unknown metric 'cast' (did you mean 'csat'?)")),
    (M, "at: new-boots, value: 3.7", "at: new-boots, value: 7",
     (M, 21, 42, "out-of-scale", "7 is outside the scale of metric 'csat' (1 to 5)")),
    (M, "at: new-boots, value: 3.7", "at: new-boots, value: '3,7'",
     (M, 21, 42, "bad-type", "expected a number, got '3,7'; write the decimal with a point (3.4)")),
    (M, "at: new-boots, value: 3.7", "at: 'new boots', value: 3.7",
     (M, 21, 24, "bad-place", "'new boots' is not a place in the handbook")),
    (M, "    better: lower", "    better: lowr",
     (M, 16, 13, "bad-choice", "(did you mean 'lower'?)")),
    (M, "files: [data/drop-off.csv]", "files: [data/dropoff.csv]",
     (M, 22, 9, "csv-missing", "CSV file 'data/dropoff.csv' does not exist (did you mean 'drop-off.csv'?)")),
    (M, "files: [data/drop-off.csv]", "files: [../../outside.csv]",
     (M, 22, 9, "csv-outside", "is outside the source folder")),
    (R, "method: interview", "method: interviews",
     (R, 4, 9, "bad-choice", "(did you mean 'interview'?)")),
    (R, "source: visser2015", "source: visser2016",
     (R, 6, 9, "unknown-source", "unknown source 'visser2016' (did you mean 'visser2015'?)")),
    (R, "    participants: 3", "    participants: three",
     (R, 12, 19, "bad-type", "expected a whole number, 0 or more, got 'three'")),
    (R, "date: 2026-03-12", "date: March 2026",
     (R, 5, 7, "bad-date", "'March 2026' is not a date; write it as 2026-03-12")),
    (R, "  - id: derby-deadline\n", "  - id: size-unknown\n    text: Again\n  - id: derby-deadline\n",
     (R, 13, 9, "duplicate-id", "duplicate finding id 'size-unknown'")),
    # CSV: line of the row, column where the cell starts
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/chekout,18,2026-06-30,",
     (C, 3, 10, "unknown-step", "journey 'new-boots' has no step 'chekout' (did you mean 'checkout'?)")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", 'drop-off,new-boots/checkout,"18,5",2026-06-30,',
     (C, 3, 29, "bad-type", "expected a number, got '18,5'; write the decimal with a point (3.4)")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/checkout,18,30-06-2026,",
     (C, 3, 32, "bad-date", "'30-06-2026' is not a date")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-of,new-boots/checkout,18,2026-06-30,",
     (C, 3, 1, "unknown-metric", "unknown metric 'drop-of' (did you mean 'drop-off'?)")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/checkout,180,2026-06-30,",
     (C, 3, 29, "out-of-scale", "180 is outside the scale of metric 'drop-off' (0 to 100)")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/checkout,18",
     (C, 3, 31, "csv-row", "this row has 3 values where the header has 5")),  # at the end of the short row
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/checkout,18,2026-06-30,,5",
     (C, 3, 44, "csv-row", "this row has 6 values where the header has 5")),  # at the first value too many
    (C, "metric,at,value,date,target", "metric,at,value,date,targte",
     (C, 1, 22, "csv-column", "unknown column 'targte' (did you mean 'target'?)")),
    (C, "metric,at,value,date,target", "metric,place,value,date,target",
     (C, 1, 8, "csv-column", "unknown column 'place'; expected one of: at")),
    (C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/checkout,18,2026-06-30,twelve",
     (C, 3, 43, "bad-type", "expected a number, got 'twelve'")),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in CASES])
def test_each_mistake_is_reported_at_its_place(source: Path, case: tuple) -> None:
    file, old, new, expected = case
    edit(source / file, old, new)
    found = problems(source)
    place = expected[:4]
    assert any(p[:4] == place and expected[4] in p[4] for p in found), found
    assert len(found) == 1, found  # one mistake, one error: no cascade


def test_every_mistake_at_once_in_the_cli(source: Path) -> None:
    for file, old, new, _expected in (CASES[0], CASES[9], CASES[19], CASES[24], CASES[31]):
        edit(source / file, old, new)
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 5, result.output
    assert any(f"{C}:3:10: error: journey 'new-boots' has no step 'chekout'" in line for line in lines)
    assert any(f"{J}:18:20: error: unknown finding 'derby-deadlin'" in line for line in lines)
    assert "Traceback" not in result.output


def test_dutch_messages(source: Path) -> None:
    edit(source / C, "drop-off,new-boots/checkout,18,2026-06-30,", "drop-off,new-boots/chekout,18,2026-06-30,")
    result = CliRunner().invoke(main, ["validate", "--lang", "nl", str(source)])
    assert "heeft geen stap 'chekout' (bedoelde je 'checkout'?)" in result.output


def test_an_opportunity_needs_text_or_ref(source: Path) -> None:
    edit(source / J, "          - text: Offer pickup in store at checkout\n", "          - owner: Nobody\n")
    assert problems(source) == [(J, 64, 13, "missing-key", "missing required key 'text' (or 'ref' to an opportunity defined at another step)")]


def test_refs_to_an_opportunity_of_a_broken_journey_are_not_reported_again(source: Path) -> None:
    edit(source / J, "title: New football boots before Saturday", "title: [unclosed")
    found = problems(source)
    assert {p[3] for p in found} == {"yaml-syntax"}, found


def test_csv_files_may_have_a_bom_quotes_and_blank_lines(source: Path) -> None:
    (source / C).write_text(
        '\ufeffmetric,at,value,date\n\n"drop-off","new-boots/checkout", 9 ,2026-10-31\r\n\n', encoding="utf-8"
    )
    hb, diags = build_handbook(source)
    assert not has_errors(diags), [d.format() for d in diags]
    rows = [m for m in hb.measurements if m.metric == "drop-off"]
    assert [(m.value, m.loc().line) for m in rows] == [(9, 3)]


def test_a_csv_that_is_not_utf8_or_empty_is_one_error(source: Path) -> None:
    (source / C).write_bytes(b"metric,at,value,date\ndrop-off,new-boots/checkout,9,2026-10-31,caf\xe9\n")
    assert [p[3] for p in problems(source)] == ["csv-encoding"]
    assert problems(source)[0][1:3] == (2, 45)  # the é of "café"
    (source / C).write_text("\n\n", encoding="utf-8")
    assert [p[3] for p in problems(source)] == ["csv-empty"]


def test_a_header_without_a_required_column_names_it(source: Path) -> None:
    (source / C).write_text("metric,at,value\ndrop-off,new-boots/checkout,9\n", encoding="utf-8")
    assert problems(source) == [(C, 1, 1, "csv-column", "the header lacks column 'date'; it is: metric,at,value,date (and optionally target)")]
