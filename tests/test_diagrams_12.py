"""Diagrams of FORMAT 1.1, part 2 (issue 12): the service blueprint, the emotion curve drawn over
the as-is curve, and future states on the overview map.

The blueprint: every lane and the three lines with their names, in Shostack's order; one
column per step, grouped by phase; fail points marked with ⚠ in a circle and their text; a
long journey wrapping into blocks within the column; the data table with every text in full.
The curve: the as-is curve only when asked for (dashed, diamonds, "as-is"/"to-be" in words),
steps matched by id within a phase, the change per phase, both in the data table. The
overview: to-be journeys marked and linked to their as-is journey. And for all three: both
languages, the same bytes every time, hostile text kept as text, nothing changed for
handbooks that do not use the new fields, and (in Chromium) text inside its boxes in both
colour schemes on a desktop and a phone.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import serve_folder
from figure_page import MKDOCS_YML, TEXT_JS
from figure_parts import SVG, assert_accessible_figure, by_class, classes, parse, svg_of, table, texts
from journeybook import diagrams, site_files
from journeybook.diagram_cache import DiagramCache, DiagramMaker
from journeybook.diagrams import DiagramError, emotion_curve
from journeybook.diagrams.blueprint import BUDGET, MAX_ITEMS
from journeybook.diagrams.emotion_curve import _aligned
from journeybook.diagrams.figure import smallest_text_px
from journeybook.future import compare
from journeybook.handbook import Handbook, build_handbook
from journeybook.model import Step

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE = FIXTURES / "format12-handbook" / "journeys"
EVIL = '<script>alert(1)</script> {{ x }} \\N "q" & <b>'
LANE_NAMES = ["Touchpoints", "Customer actions", "Frontstage", "Backstage", "Support processes"]
LINE_NAMES = ["Line of interaction", "Line of visibility", "Line of internal interaction"]


@pytest.fixture(scope="module")
def hb() -> Handbook:
    handbook, diags = build_handbook(FIXTURE)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def write(tmp_path: Path, *documents: dict, base: Path | None = FIXTURE) -> Handbook:
    """A handbook: the fixture (unless ``base`` is None) plus these documents."""
    folder = tmp_path / "journeys"
    if base is not None:
        shutil.copytree(base, folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "extra.yml").write_text(yaml.safe_dump_all(documents, allow_unicode=True, sort_keys=False), "utf-8")
    handbook, diags = build_handbook(folder)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def width_of(svg: ET.Element) -> float:
    return float(svg.get("width").removesuffix("pt"))


def blueprint(hb: Handbook, journey: str = "new-boots", lang: str = "en", **options: object) -> str:
    return diagrams.draw("blueprint", hb, hb.journeys[journey], lang=lang, **options)


def curve(hb: Handbook, journey: str = "new-boots-2027", lang: str = "en", **options: object) -> str:
    return diagrams.draw("emotion_curve", hb, hb.journeys[journey], lang=lang, **options)


def lane_names(root: ET.Element) -> list[str]:
    return [" ".join(texts(g)) for g in by_class(root, "jb-bp-lane-name")]


def step_columns(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(SVG + "g") if "jb-bp-step" in classes(g)]


def left_of(path: ET.Element) -> float:
    return float(re.match(r"M([-\d.]+),", path.get("d")).group(1)) - 4  # the rounded corner starts 4 in


def card_texts(group: ET.Element, css: str) -> list[str]:
    """The texts of the cards of one class in a column, each card's lines joined."""
    return [" ".join(texts(card)) for card in group if css in classes(card)]


# --------------------------------------------------------------------------- blueprint


def test_blueprint_is_registered_and_accessible(hb: Handbook) -> None:
    assert diagrams.KINDS["blueprint"] is diagrams.plan_blueprint
    html = blueprint(hb)
    assert_accessible_figure(html)
    root = parse(html)
    assert root.get("id") == "jb-new-boots-blueprint" and "jb-blueprint" in classes(root)
    assert svg_of(root).find(SVG + "title").text == "Service blueprint of New football boots before Saturday"
    assert "line of visibility" in svg_of(root).find(SVG + "desc").text
    assert "Shostack" in root.find("figcaption").text and "⚠" in root.find("figcaption").text
    assert parse(blueprint(hb, id_prefix="bp", highlight_phase="purchase")).get("id") == "bp"  # other options are ignored


def test_every_lane_and_the_three_lines_in_order(hb: Handbook) -> None:
    svg = svg_of(parse(blueprint(hb)))
    lanes = [(" ".join(texts(g)), float(next(g.iter(SVG + "text")).get("y"))) for g in by_class(svg, "jb-bp-lane-name")]
    lines = {t.text: float(t.get("y")) for t in by_class(svg, "jb-bp-line-name")}
    assert [name for name, _y in lanes] == [*LANE_NAMES, "Fail points"]  # top to bottom, each once
    assert list(lines) == LINE_NAMES
    y = dict(lanes)
    # touchpoints, customer actions | interaction | frontstage | visibility | backstage | internal | support
    order = [y["Touchpoints"], y["Customer actions"], lines[LINE_NAMES[0]], y["Frontstage"], lines[LINE_NAMES[1]]]
    order += [y["Backstage"], lines[LINE_NAMES[2]], y["Support processes"], y["Fail points"]]
    assert order == sorted(order)
    # each name sits right above its line; the lines are told apart by their dashes as well
    drawn = [e for e in svg.iter(SVG + "line") if "jb-bp-line" in classes(e)]
    assert len(drawn) == 3
    for name, line in zip(LINE_NAMES, drawn, strict=True):
        assert 0 < float(line.get("y1")) - lines[name] < 8 and line.get("y1") == line.get("y2")
    assert [line.get("stroke-dasharray") for line in drawn] == [None, "7 4", "2 3"]
    assert [c for c in classes(drawn[1]) if c.startswith("jb-bp-")] == ["jb-bp-line", "jb-bp-visibility"]


def test_blueprint_in_dutch(hb: Handbook) -> None:
    root = parse(blueprint(hb, lang="nl"))
    svg = svg_of(root)
    assert [t.text for t in by_class(svg, "jb-bp-line-name")] == ["Lijn van interactie", "Lijn van zichtbaarheid", "Lijn van interne interactie"]
    assert lane_names(svg) == ["Touchpoints", "Klantacties", "Frontstage", "Backstage", "Ondersteuning", "Faalpunten"]
    assert svg.find(SVG + "title").text.startswith("Service blueprint van")
    assert table(root)[0] == ["Stap", "Fase", "Klantactie", "Touchpoints", "Frontstage", "Backstage", "Ondersteuning", "Faalpunt"]
    assert "faalpunt" in root.find("figcaption").text


def test_one_column_per_step_grouped_by_phase(hb: Handbook) -> None:
    svg = svg_of(parse(blueprint(hb)))
    columns = step_columns(svg)
    assert len(columns) == 3  # notice, compare, checkout
    lefts = []
    for column in columns:
        edges = {left_of(p) for card in column if "jb-tp" in classes(card) for p in card.iter(SVG + "path")}
        assert len(edges) == 1  # every card of a step in one column
        lefts.append(edges.pop())
    assert lefts == sorted(lefts) and len(set(lefts)) == 3
    actions = [card_texts(c, "jb-bp-action")[0] for c in columns]
    assert actions == ["Notices the sole is coming loose", "Compares two shops on his phone", "Pays in the webshop"]
    notice, compare, checkout = columns
    assert card_texts(notice, "jb-bp-touchpoint") == ["Search engine", "Door-to-door leaflet"]
    assert card_texts(compare, "jb-bp-support") == ["Product information system"]
    assert card_texts(compare, "jb-bp-frontstage") == []
    assert card_texts(checkout, "jb-bp-frontstage") == ["Chat agent answers questions about delivery"]
    assert card_texts(checkout, "jb-bp-backstage") == ["Warehouse reserves the pair"]
    assert card_texts(checkout, "jb-bp-support") == ["Order management system", "Payment provider"]
    # each card in its lane: between the lines that bound it
    lines = [float(e.get("y1")) for e in svg.iter(SVG + "line") if "jb-bp-line" in classes(e)]
    def top_of(css: str) -> float:
        card = next(c for c in checkout if css in classes(c))
        return float(re.match(r"M[-\d.]+,([-\d.]+)", next(card.iter(SVG + "path")).get("d")).group(1))

    tops = {css: top_of(css) for css in ("jb-bp-action", "jb-bp-frontstage", "jb-bp-backstage", "jb-bp-support")}
    assert tops["jb-bp-action"] < lines[0] < tops["jb-bp-frontstage"] < lines[1] < tops["jb-bp-backstage"] < lines[2] < tops["jb-bp-support"]
    # the phases: a band each, named, behind their steps
    bands = by_class(svg, "jb-bp-phase")
    assert [t.text for t in by_class(svg, "jb-band-name")] == ["Awareness", "Consideration", "Purchase"]
    for band, left in zip(bands, lefts, strict=True):
        assert float(band.get("x")) < left < left + 118 < float(band.get("x")) + float(band.get("width"))


def test_fail_points_are_marked_with_a_symbol_and_their_text(hb: Handbook) -> None:
    svg = svg_of(parse(blueprint(hb)))
    columns = step_columns(svg)
    failing = [c for c in columns if "jb-bp-has-fail" in classes(c)]
    assert len(failing) == 1 and card_texts(failing[0], "jb-bp-action") == ["Pays in the webshop"]
    marks = by_class(failing[0], "jb-bp-fail-mark")
    assert len(marks) == 2  # on the customer's action and in the row of fail points
    for mark in marks:
        (ring,) = mark.iter(SVG + "circle")
        assert texts(mark) == ["⚠"] and ring.get("fill") == "none" and float(ring.get("r")) >= 7
    assert " ".join(t.text for t in by_class(failing[0], "jb-bp-fail-text")) == "Payment provider times out at peak hours"
    assert not [m for c in columns if c is not failing[0] for m in by_class(c, "jb-bp-fail-mark")]
    # the mark on the action sits inside its card, beside the text
    card = next(c for c in failing[0] if "jb-bp-action" in classes(c))
    left = left_of(next(card.iter(SVG + "path")))
    ring = next(marks[0].iter(SVG + "circle"))
    assert left < float(ring.get("cx")) - 8 and float(ring.get("cx")) + 8 <= left + 118


def test_no_row_of_fail_points_without_one(tmp_path: Path) -> None:
    steps = [{"id": "a", "action": "Asks", "frontstage": ["Answers"]}]
    hb = write(tmp_path, {"kind": "journey", "id": "calm", "phases": [{"phase": "awareness", "steps": steps}]}, base=None)
    svg = svg_of(parse(blueprint(hb, "calm")))
    assert lane_names(svg) == LANE_NAMES
    assert not by_class(svg, "jb-bp-fail-mark") and "⚠" not in texts(svg)
    assert len([e for e in svg.iter(SVG + "line") if "jb-bp-line" in classes(e)]) == 3  # empty lanes still under their lines


def test_data_table_has_every_text_in_full(tmp_path: Path) -> None:
    long = "The payment provider times out at peak hours and the customer has to start again from scratch, " * 2
    steps = [
        {"id": "pay", "action": "Pays", "touchpoints": [{"ref": "webshop", "sentiment": "negative"}], "frontstage": ["A", "B"],
         "backstage": ["C"], "support": ["D", "E"], "fail_point": long.strip()},
        {"action": "Waits"},
    ]  # fmt: skip
    hb = write(tmp_path, {"kind": "journey", "id": "pay", "phases": [{"phase": "purchase", "steps": steps}]})
    root = parse(blueprint(hb, "pay"))
    assert table(root) == [
        ["Step", "Phase", "Customer action", "Touchpoints", "Frontstage", "Backstage", "Support processes", "Fail point"],
        ["1 (pay)", "Purchase", "Pays", "Webshop (negative)", "A; B", "C", "D; E", "⚠ " + long.strip()],
        ["2", "Purchase", "Waits", "", "", "", "", ""],
    ]
    shown = " ".join(t.text for t in by_class(svg_of(root), "jb-bp-fail-text"))
    assert shown.endswith("…") and len(shown) < len(long) / 2  # cut in the picture, whole in the table


def test_a_crowded_cell_shows_its_first_items_and_counts_the_rest(tmp_path: Path) -> None:
    steps = [{"action": "Pays", "support": [f"System {n}" for n in range(7)], "touchpoints": ["webshop", "store", "leaflet", "search-engine", "webshop"]}]
    hb = write(tmp_path, {"kind": "journey", "id": "busy", "phases": [{"phase": "purchase", "steps": steps}]})
    (column,) = step_columns(svg_of(parse(blueprint(hb, "busy"))))
    assert card_texts(column, "jb-bp-support") == [f"System {n}" for n in range(MAX_ITEMS - 1)]
    assert [t.text for t in by_class(column, "jb-bp-more")] == ["+2 more", "+4 more"]


LONG = "Compares three models on review sites and reads what other players say about them"


def long_journey(counts: tuple[int, ...] = (2, 3, 3, 2, 2)) -> dict:
    """Twelve steps with long texts in every lane and a fail point now and then."""
    phases, n = [], 0
    for phase, count in zip(("awareness", "consideration", "purchase", "retention", "loyalty"), counts, strict=False):
        steps = []
        for _ in range(count):
            n += 1
            steps.append(
                {
                    "id": f"s{n}", "action": f"Step {n}: {LONG}", "emotion": n % 5 - 2,
                    "touchpoints": ["webshop", "store", "leaflet"], "frontstage": [f"Shop assistant {n} explains {LONG}"] * 2,
                    "backstage": ["Warehouse staff check the stock of every store in the region"] * (n % 4),
                    "support": ["Enterprise resource planning system with a long name"] * (n % 3),
                    **({"fail_point": f"Fail {n}: the payment provider times out at peak hours"} if n % 4 == 1 else {}),
                }
            )  # fmt: skip
        phases.append({"phase": phase, "steps": steps})
    return {"kind": "journey", "id": "long", "title": "A crowded journey", "phases": phases}


def test_a_long_journey_wraps_into_blocks_within_the_column(tmp_path: Path) -> None:
    hb = write(tmp_path, long_journey())
    root = parse(blueprint(hb, "long"))
    svg = svg_of(root)
    assert width_of(svg) <= BUDGET
    blocks = by_class(svg, "jb-bp-block")
    assert len(blocks) >= 3
    for block in blocks:  # every block has every lane and the three lines
        assert lane_names(block) == [*LANE_NAMES, "Fail points"]
        assert [t.text for t in by_class(block, "jb-bp-line-name")] == LINE_NAMES
    assert len(step_columns(svg)) == 12
    tops = [float(next(b.iter(SVG + "rect")).get("y")) for b in blocks]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one below the other
    # a phase starts a new block when it does not fit after the one before (as in the journey map)
    assert [t.text for t in by_class(svg, "jb-band-name")] == ["Awareness", "Consideration", "Purchase", "Retention", "Loyalty"]
    assert [len(by_class(b, "jb-bp-phase")) for b in blocks] == [1, 1, 1, 2]
    # readable: the smallest text 9 pt, shown at least 9 CSS px wide in a 688 px column (10 px at 1280)
    smallest = smallest_text_px(svg)
    assert smallest is not None and smallest >= 12
    least = int(re.search(r"min-width:(\d+)px", svg.get("style")).group(1))
    assert least <= 688 and 688 / (width_of(svg) * 4 / 3) * smallest >= 10
    # long texts are cut in the picture, every text is whole in the table
    assert any(t.endswith("…") for t in texts(svg))
    assert max(len(t) for t in texts(svg)) < len(LONG)
    rows = table(root)[1:]
    assert len(rows) == 12 and rows[0][2] == f"Step 1: {LONG}" and rows[0][7] == "⚠ Fail 1: the payment provider times out at peak hours"


def test_a_phase_too_long_for_a_block_goes_on_in_the_next(tmp_path: Path) -> None:
    hb = write(tmp_path, long_journey((12, 0, 0, 0, 1)))
    svg = svg_of(parse(blueprint(hb, "long")))
    names = [t.text for t in by_class(svg, "jb-band-name")]
    assert names[0] == "Awareness" and names.count("… Awareness") >= 2 and names[-1] == "Loyalty"
    assert {"Consideration", "Purchase", "Retention"} <= set(names)  # phases without steps keep their place
    assert texts(svg).count("—") == 3
    assert len(by_class(svg, "jb-continued")) == names.count("… Awareness")
    assert width_of(svg) <= BUDGET


def test_blueprint_without_steps_says_so(tmp_path: Path) -> None:
    hb = write(tmp_path, {"kind": "journey", "id": "empty", "title": "Nothing yet"}, base=None)
    root = parse(blueprint(hb, "empty"))
    assert by_class(svg_of(root), "jb-empty") and "No steps described yet." in texts(svg_of(root))
    assert root.find("figcaption").text == "Service blueprint of Nothing yet"


def test_hostile_text_stays_text_in_the_blueprint(tmp_path: Path) -> None:
    steps = [{"id": "x", "action": EVIL, "frontstage": [EVIL], "backstage": [EVIL], "support": [EVIL], "fail_point": EVIL, "touchpoints": ["evil"]}]
    hb = write(
        tmp_path,
        {"kind": "touchpoints", "touchpoints": [{"id": "evil", "name": EVIL}]},
        {"kind": "framework", "id": "f", "name": EVIL, "phases": [{"id": "one", "name": EVIL}]},
        {"kind": "journey", "id": "j", "title": EVIL, "framework": "f", "phases": [{"phase": "one", "steps": steps}]},
        base=None,
    )
    html = blueprint(hb, "j")
    root = parse(html)
    assert "<script" not in html.lower() and "<b>" not in html and "{{" not in html
    shown = " ".join(texts(svg_of(root)))
    assert "<script>alert(1)</script>" in shown or "<script>alert(1)</" in shown
    assert "<script>alert(1)</script>" in table(root)[1][2] and "<script>alert(1)</script>" in table(root)[1][7]


# --------------------------------------------------------------------------- the curve over the as-is curve


def test_the_as_is_curve_only_when_asked_for(hb: Handbook) -> None:
    plain = curve(hb)
    assert curve(hb, compare_with=None) == plain
    assert "jb-as-is" not in plain and "as-is" not in plain.split("<figcaption>")[0]
    source = diagrams.plan_emotion_curve(hb, hb.journeys["new-boots-2027"], "en").source
    assert '"compare"' not in source and '"was"' not in source
    assert "jb-as-is" in curve(hb, compare_with="new-boots")


def test_without_the_option_the_curve_is_the_same_as_before() -> None:
    """The data, words and picture of a curve without ``compare_with``, pinned (made before issue 12)."""
    hb, _diags = build_handbook(FIXTURES / "format11-handbook" / "journeys")
    drawing = diagrams.plan_emotion_curve(hb, hb.journeys["new-boots"], "en", metric="csat", highlight_phase="purchase")
    assert digest(drawing, drawing.render(diagrams.default_engine())) == "e70188730ff84ea4"


def digest(drawing: diagrams.Drawing, svg: str) -> str:
    parts = [drawing.source, drawing.title, drawing.description, drawing.caption, drawing.alternative, drawing.id_prefix, svg]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def point_of(group: ET.Element) -> tuple[float, float]:
    path = next(group.iter(SVG + "path"))
    x, y = re.match(r"M([-\d.]+),([-\d.]+)", path.get("d")).groups()
    return float(x), float(y) + 12  # the diamond's top corner, 12 above its middle


def test_both_curves_dashed_diamonds_for_the_as_is_one(hb: Handbook) -> None:
    html = curve(hb, compare_with="new-boots")
    assert_accessible_figure(html)
    root = parse(html)
    svg = svg_of(root)
    dots = [g for g in svg.iter(SVG + "g") if "jb-point" in classes(g)]
    assert [g.find(SVG + "text").text for g in dots] == ["−1", "+1", "+1", "+1"]  # the to-be journey's four steps
    diamonds = by_class(svg, "jb-as-is-point")
    assert len(diamonds) == 3  # the as-is journey's three steps, each with a feeling
    (dashed,) = [p for p in by_class(svg, "jb-as-is-line") if p.tag == SVG + "polyline"]
    assert dashed.get("stroke-dasharray") and len(dashed.get("points").split()) == 3
    solid = [p for p in by_class(svg, "jb-curve-line") if "jb-as-is-line" not in classes(p) and p.tag == SVG + "polyline"]
    assert solid and not solid[0].get("stroke-dasharray")
    # matched by step id: notice, compare and checkout share their column; sees-stock is new
    dot_x = [float(g.find(SVG + "circle[@class='jb-dot']").get("cx")) for g in dots]
    diamond_x = [point_of(d)[0] for d in diamonds]
    assert diamond_x == [dot_x[0], dot_x[2], dot_x[3]]
    # the diamond's number: only where it differs from the dot in its column (compare: −2 under +1)
    assert [texts(d) for d in diamonds] == [[], ["−2"], []]
    dot_y = {t: float(g.find(SVG + "circle[@class='jb-dot']").get("cy")) for t, g in zip(["a", "b", "c", "d"], dots, strict=True)}
    assert point_of(diamonds[1])[1] > dot_y["c"]  # −2 before, +1 now: lower on the page
    assert "+ new" in [t.text for t in by_class(svg, "jb-step-tag")]
    # the change of each phase's mean, as symbol and number
    assert [t.text for t in by_class(svg, "jb-phase-change")] == ["▲ +1", "▲ +3", "● 0"]
    legend = [t.text for t in by_class(svg, "jb-legend-text")]
    assert legend == ["to-be (designed): New football boots before Saturday, 2027", "as-is (today): New football boots before Saturday"]
    assert "dashed line" in root.find("figcaption").text
    desc = svg.find(SVG + "desc").text
    assert "Drawn over the as-is journey New football boots before Saturday" in desc and "Consideration ▲ +3" in desc


def test_the_change_per_phase_is_the_one_the_pages_show(hb: Handbook) -> None:
    """The picture's ▲/▼ per phase is :func:`journeybook.future.compare`'s mean-emotion delta."""
    data = emotion_curve.curve_data(hb, hb.journeys["new-boots-2027"], "en", compare_with="new-boots")
    deltas = {d.phase: d.delta for d in compare(hb, hb.journeys["new-boots-2027"]).phases}
    framework = hb.framework_of(hb.journeys["new-boots-2027"])
    names = {(framework.phase(p).name.get("en")): d for p, d in deltas.items()}
    assert {phase["name"]: phase["delta"] for phase in data["phases"]} == names == {"Awareness": 1.0, "Consideration": 3.0, "Purchase": 0.0}


def test_curve_comparison_table_has_both_journeys(hb: Handbook) -> None:
    rows = table(parse(curve(hb, compare_with="new-boots")))
    assert rows[0] == ["Phase", "Step", "Feeling (to-be)", "Feeling (as-is)", "Change"]
    assert rows[1:] == [
        ["Awareness", "Notices the sole is coming loose", "▼ −1 — Moment of truth", "▼ −1", "● 0"],
        ["Awareness", "Sees in the search ad which store has his size (+ new)", "▲ +1", "—", ""],
        ["Awareness", "Mean of the phase", "0", "−1", "▲ +1"],
        ["Consideration", "Checks the size chart next to the size picker", "▲ +1", "▼▼ −2", "▲ +3"],
        ["Consideration", "Mean of the phase", "1", "−2", "▲ +3"],
        ["Purchase", "Pays in the webshop", "▲ +1", "▲ +1", "● 0"],
        ["Purchase", "Mean of the phase", "1", "1", "● 0"],
    ]
    nl = parse(curve(hb, lang="nl", compare_with="new-boots"))
    assert table(nl)[0] == ["Fase", "Stap", "Voelen (to-be)", "Voelen (as-is)", "Verandering"]
    assert "Gemiddelde van de fase" in [row[1] for row in table(nl)]
    assert "as-is (nu): New football boots before Saturday" in texts(svg_of(nl))
    assert "+ nieuw" in texts(svg_of(nl))


def test_steps_are_matched_by_id_within_a_phase_in_order(tmp_path: Path) -> None:
    def step(id_: str | None, emotion: int) -> dict:
        return {"action": f"Step {id_}", "emotion": emotion, **({"id": id_} if id_ else {})}

    as_is = {"kind": "journey", "id": "old", "phases": [
        {"phase": "awareness", "steps": [step("a", -2), step("b", -1), step(None, 0), step("moved", -1)]},
        {"phase": "purchase", "steps": [step("c", -2)]},
    ]}  # fmt: skip
    to_be = {"kind": "journey", "id": "new", "state": "to-be", "improves": "old", "phases": [
        {"phase": "awareness", "steps": [step("a", 0), step("x", 1), step("b", 1)]},
        {"phase": "consideration", "steps": [step("moved", 2)]},
        {"phase": "purchase", "steps": [step("c", -1), step(None, 1)]},
    ]}  # fmt: skip
    hb = write(tmp_path, as_is, to_be, base=None)
    rows = [row[:4] for row in table(parse(curve(hb, "new", compare_with="old")))[1:] if row[1] != "Mean of the phase"]
    assert rows == [
        ["Awareness", "Step a", "● 0", "▼▼ −2"],
        ["Awareness", "Step x (+ new)", "▲ +1", "—"],
        ["Awareness", "Step b", "▲ +1", "▼ −1"],
        ["Awareness", "Step None (− removed)", "—", "● 0"],  # no id: never matched
        ["Awareness", "Step moved (− removed)", "—", "▼ −1"],  # moved to another phase: not matched across phases
        ["Consideration", "Step moved (+ new)", "▲▲ +2", "—"],
        ["Purchase", "Step c", "▼ −1 — Moment of truth", "▼▼ −2"],  # the to-be journey's lowest point
        ["Purchase", "Step None (+ new)", "▲ +1", "—"],
    ]
    svg = svg_of(parse(curve(hb, "new", compare_with="old")))
    assert [t.text for t in by_class(svg, "jb-phase-change")] == ["▲ +1.67", "▲ +2"]  # awareness 0.67 vs −1; purchase 0 vs −2
    assert len(by_class(svg, "jb-as-is-point")) == 5 and len([g for g in svg.iter(SVG + "g") if "jb-point" in classes(g)]) == 6


def test_alignment_keeps_both_orders() -> None:
    def steps(*ids: str | None) -> list[Step]:
        return [Step.model_validate({"action": "x", **({"id": i} if i else {})}) for i in ids]

    assert _aligned(steps("a", "b", "c"), steps("a", "b", "c")) == [(0, 0), (1, 1), (2, 2)]
    assert _aligned(steps("a", "b"), steps("b", "a")) == [(None, 0), (0, 1), (1, None)]  # lines never cross: one match
    assert _aligned(steps("a", None), steps(None, "a")) == [(None, 0), (0, 1), (1, None)]
    assert _aligned([], steps("a")) == [(None, 0)]


def test_a_long_comparison_wraps_into_panels(tmp_path: Path) -> None:
    old = long_journey()
    new = {**long_journey(), "id": "long-2027", "state": "to-be", "improves": "long"}
    for phase in new["phases"]:
        for s in phase["steps"]:
            s["emotion"] = min(2, s["emotion"] + 1)
    hb = write(tmp_path, old, new)
    svg = svg_of(parse(curve(hb, "long-2027", compare_with="long")))
    assert width_of(svg) <= 620
    assert len({b.get("y") for b in svg.iter(SVG + "rect") if "jb-band" in classes(b)}) >= 2  # panels
    assert len(by_class(svg, "jb-as-is-point")) == 12
    lines = by_class(svg, "jb-as-is-line")
    assert len([p for p in lines if p.tag == SVG + "polyline"]) >= 2  # leaves one panel, comes back in the next


def test_an_unknown_journey_to_compare_with_is_a_diagram_error(hb: Handbook) -> None:
    with pytest.raises(DiagramError, match="no journey 'nope'"):
        curve(hb, compare_with="nope")


def test_the_compared_curve_with_a_metric_keeps_values_at_their_steps(tmp_path: Path) -> None:
    hb = write(tmp_path, {"kind": "metrics", "measurements": [{"metric": "csat", "at": "new-boots-2027/sees-stock", "value": 4.5, "date": "2027-01-01"}]})
    rows = table(parse(curve(hb, compare_with="new-boots", metric="csat")))
    assert rows[0][-1] == "◆ Customer satisfaction"
    assert [row[-1] for row in rows[1:3]] == ["—", "4.5/5 (target 4.2/5, ✓ on target)"]


# --------------------------------------------------------------------------- overview map


def test_overview_marks_to_be_journeys_and_links_them(hb: Handbook) -> None:
    html = diagrams.draw("overview_map", hb, lang="en")
    root = parse(html)
    svg = svg_of(root)
    (future,) = by_class(svg, "jb-to-be")
    assert "(to-be)" in texts(future) and next(future.iter(SVG + "path")).get("stroke-dasharray")
    (edge,) = by_class(svg, "jb-improves")
    assert texts(edge) == ["improves"] and next(edge.iter(SVG + "path")).get("stroke-dasharray")
    assert "(to-be)" in root.find("figcaption").text
    titles = [row[0] for row in table(root)[1:]]
    assert titles[:3] == [
        "New football boots before Saturday",
        "New football boots before Saturday, 2027 (to-be; improves New football boots before Saturday)",
        "Tractor part",
    ]  # paired: the future state right after its as-is journey
    nl = parse(diagrams.draw("overview_map", hb, lang="nl"))
    assert "verbetert" in texts(svg_of(nl)) and "(to-be)" in texts(svg_of(nl))


def test_overview_without_to_be_journeys_is_the_same_as_before() -> None:
    """Pinned: the overview of handbooks without future states, as made before issue 12."""
    for fixture, pinned in (("format-handbook", "7f505ed15216dcdf"), ("format11-handbook", "7dbcbb8362d0fa4f")):
        hb, _diags = build_handbook(FIXTURES / fixture / "journeys")
        assert digest(diagrams.plan_overview_map(hb, "en"), "") == pinned, fixture


def test_a_future_state_listed_before_its_as_is_journey_still_follows_it(tmp_path: Path) -> None:
    to_be = {"kind": "journey", "id": "aaa-future", "title": "Future", "state": "to-be", "improves": "zzz-now"}
    as_is = {"kind": "journey", "id": "zzz-now", "title": "Now"}
    hb = write(tmp_path, to_be, as_is, base=None)
    root = parse(diagrams.draw("overview_map", hb, lang="en"))
    assert [row[0] for row in table(root)[1:]] == ["Now", "Future (to-be; improves Now)"]
    assert len(by_class(svg_of(root), "jb-improves")) == 1


# --------------------------------------------------------------------------- same bytes, cache, hostile text


def every_new_figure(hb: Handbook, lang: str = "en", maker: DiagramMaker | None = None) -> list[str]:
    r = maker or DiagramMaker()
    return [
        r.draw("blueprint", hb, hb.journeys["new-boots"], lang=lang),
        r.draw("emotion_curve", hb, hb.journeys["new-boots-2027"], lang=lang, compare_with="new-boots"),
        r.draw("emotion_curve", hb, hb.journeys["new-boots-2027"], lang=lang, compare_with="new-boots", highlight_phase="purchase", id_prefix="p"),
        r.draw("overview_map", hb, lang=lang),
    ]


def test_same_bytes_every_time_from_the_cache_and_in_another_process(hb: Handbook, tmp_path: Path) -> None:
    first = every_new_figure(hb)
    assert every_new_figure(hb) == first
    cached = DiagramMaker(cache=DiagramCache(tmp_path / "cache"))
    assert every_new_figure(hb, maker=cached) == first and cached.rendered == 4
    again = DiagramMaker(cache=DiagramCache(tmp_path / "cache"))
    assert every_new_figure(hb, maker=again) == first and again.rendered == 0 and again.from_cache == 4
    script = textwrap.dedent(f"""
        import hashlib, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
        from test_diagrams_12 import every_new_figure, FIXTURE
        from journeybook.handbook import build_handbook
        hb, _ = build_handbook(FIXTURE)
        print(hashlib.sha256("".join(every_new_figure(hb)).encode()).hexdigest())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert done.stdout.strip() == hashlib.sha256("".join(first).encode()).hexdigest()


def test_hostile_text_stays_text_in_the_curve_and_the_overview(tmp_path: Path) -> None:
    as_is = {"kind": "journey", "id": "now", "title": EVIL, "phases": [{"phase": "awareness", "steps": [{"id": "a", "action": EVIL, "emotion": -1}]}]}
    to_be = {"kind": "journey", "id": "later", "title": EVIL, "state": "to-be", "improves": "now",
             "phases": [{"phase": "awareness", "steps": [{"id": "b", "action": EVIL, "emotion": 1}]}]}  # fmt: skip
    hb = write(tmp_path, as_is, to_be, base=None)
    for html in (curve(hb, "later", compare_with="now"), diagrams.draw("overview_map", hb, lang="en")):
        root = parse(html)
        assert "<script" not in html.lower() and "<b>" not in html and "{{" not in html
        assert any("<script>" in t for t in texts(svg_of(root)))


# --------------------------------------------------------------------------- in the browser

@pytest.mark.browser
def test_the_new_diagrams_in_chromium(tmp_path: Path, hb: Handbook, new_page) -> None:  # type: ignore[no-untyped-def]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    crowded = write(tmp_path / "crowded", long_journey())
    project = tmp_path / "site-src"
    assets = project / "docs" / "assets" / "journeybook"
    assets.mkdir(parents=True)
    for asset in site_files.assets():
        shutil.copy(asset.path, assets / asset.path.name)
    figures = every_new_figure(hb) + every_new_figure(hb, "nl")
    figures.append(diagrams.draw("blueprint", crowded, crowded.journeys["long"], lang="en", id_prefix="crowded"))
    body = "\n\n".join(f"## Figure {i}\n\n{html}" for i, html in enumerate(figures))
    (project / "docs" / "index.md").write_text(f"# Diagrams\n\n{body}\n", "utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent(MKDOCS_YML))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    artifacts = Path(__file__).resolve().parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    with serve_folder(project / "site") as url:
        for scheme in ("light", "dark"):
            for width, height in ((1280, 900), (390, 844)):
                page = new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.goto(url)
                page.evaluate("document.fonts.ready")
                assert page.evaluate("[...document.fonts].every(f => f.status === 'loaded')")
                assert page.locator("figure.jb-diagram").count() == len(figures)
                assert page.evaluate(TEXT_JS) == [], (scheme, width)
                # the page never scrolls sideways; a wide picture scrolls in its own box
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
                if width == 1280:  # the crowded blueprint fits the column, its smallest text at least 10 px
                    shown = page.locator("#crowded svg").evaluate(
                        "s => [s.getBoundingClientRect().width, s.parentElement.scrollWidth <= s.parentElement.clientWidth]"
                    )
                    assert shown[1] and shown[0] / (float(svg_of(parse(figures[-1])).get("width")[:-2]) * 4 / 3) * 12 >= 10
                if scheme == "dark":  # cards and diamonds follow the scheme: not the light surface
                    for selector in (".jb-bp-action > path", ".jb-as-is-point > path"):
                        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fill") != "rgb(255, 255, 255)"
                page.screenshot(path=str(artifacts / f"diagrams-12-{scheme}-{width}.png"), full_page=True)
                page.close()


def test_the_persona_map_marks_a_future_state() -> None:
    from journeybook.handbook import build_handbook

    fixture = Path(__file__).parent / "fixtures" / "format12-handbook" / "journeys"
    handbook, _ = build_handbook(fixture)
    html = diagrams.draw("persona_map", handbook, handbook.personas["daan"], lang="en")
    assert "New football boots before Saturday, 2027 (to-be)" in html  # in the text alternative
    assert html.count("jb-to-be") == 1  # the one to-be box, drawn dashed
    v1 = Path(__file__).parent / "fixtures" / "format-handbook" / "journeys"
    plain, _ = build_handbook(v1)
    assert "to-be" not in diagrams.draw("persona_map", plain, plain.personas["daan"], lang="en")


def test_many_future_states_do_not_bring_graphviz_down() -> None:
    """100 journeys, every tenth a future state: the overview map's "improves" edges once made
    Graphviz abort the whole process (an assertion in mincross.c); drawn in a child process so
    that a crash fails this test instead of the suite."""
    import subprocess
    import sys

    script = textwrap.dedent(
        f"""
        import sys, tempfile
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent / "bench")!r})
        import synthetic
        synthetic.is_to_be = lambda i, n: i % 10 == 9
        from journeybook import diagrams
        from journeybook.handbook import build_handbook
        root = Path(tempfile.mkdtemp())
        synthetic.write(root, 100)
        source = next(p for p in root.rglob("journeys") if p.is_dir())
        hb, _ = build_handbook(source)
        assert sum(j.state == "to-be" for j in hb.journeys.values()) >= 10
        html = diagrams.draw("overview_map", hb, lang="en")
        print(html.count("jb-improves"))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout.split()[-1]) >= 10  # every "improves" edge drawn
