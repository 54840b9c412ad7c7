"""The diagram suite: journey map, emotion curve, persona map, overview map, touchpoint heatmap.

Structure (well-formed, accessible, no id collisions, nothing executable), what each diagram
shows, the pinned font and palette, byte-identical output whatever fonts the machine has, a
golden file pinned to the reference engine, and screenshots of both colour schemes in
Chromium (kept under tests/artifacts/).
"""

from __future__ import annotations

import importlib
import math
import os
import re
import shutil
import subprocess
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import serve_folder
from journeybook import diagrams, site_files
from journeybook.diagram_cache import DiagramMaker
from journeybook.diagrams import DiagramError, DiagramWarning, DotEngine, engine_for, palette
from journeybook.diagrams.common import MAX_WIDTH, pack_rows
from journeybook.diagrams.emotion_curve import AXIS, COLUMN
from journeybook.diagrams.fonts import FONT_FILE, FONT_LICENSE, text_width
from journeybook.handbook import Handbook, build_handbook

figure_module = importlib.import_module("journeybook.diagrams.figure")  # (the package's `figure` is the function)

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"
FORMAT_HANDBOOK = Path(__file__).resolve().parent / "fixtures" / "format-handbook" / "journeys"
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SVG = "{http://www.w3.org/2000/svg}"
KINDS = ("journey_map", "emotion_curve", "phase_curve", "persona_map", "overview_map", "touchpoint_heatmap")


def write_handbook(folder: Path, *documents: dict) -> Handbook:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "handbook.yml").write_text(yaml.safe_dump_all(documents, allow_unicode=True, sort_keys=False), "utf-8")
    handbook, diags = build_handbook(folder)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def figures(handbook: Handbook, lang: str = "en", renderer: DiagramMaker | None = None) -> dict[str, str]:
    """One of each diagram, as the pages would ask for them."""
    r = renderer or DiagramMaker()
    journey = next(iter(handbook.journeys.values()), None)
    persona = next(iter(handbook.personas.values()), None)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", DiagramWarning)  # our DOT must not make Graphviz warn
        if journey is not None:
            out["journey_map"] = r.draw("journey_map", handbook, journey, lang=lang, id_prefix=f"jb-{journey.id}-map")
            out["emotion_curve"] = r.draw("emotion_curve", handbook, journey, lang=lang, id_prefix=f"jb-{journey.id}-curve")
            phase = journey.phases[0].phase if journey.phases else None
            out["phase_curve"] = r.draw("emotion_curve", handbook, journey, lang=lang, id_prefix=f"jb-{journey.id}-{phase}-curve", highlight_phase=phase)
        if persona is not None:
            out["persona_map"] = r.draw("persona_map", handbook, persona, lang=lang, id_prefix=f"jb-persona-{persona.id}-map")
        out["overview_map"] = r.draw("overview_map", handbook, lang=lang, id_prefix="jb-overview-map")
        out["touchpoint_heatmap"] = r.draw("touchpoint_heatmap", handbook, lang=lang, id_prefix="jb-touchpoint-heatmap")
    return out


@pytest.fixture(scope="module")
def format_handbook() -> Handbook:
    handbook, diags = build_handbook(FORMAT_HANDBOOK)
    assert not [d for d in diags if d.severity == "error"]
    return handbook


@pytest.fixture(scope="module")
def suite(format_handbook: Handbook) -> dict[str, str]:
    return figures(format_handbook)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(SVG + "text")]


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_is_well_formed_and_accessible(suite: dict[str, str], kind: str) -> None:
    html = suite[kind]
    root = ET.fromstring(html)  # well-formed XML, as a whole
    assert root.tag == "figure" and classes(root)[0] == "jb-diagram"
    picture, *rest = list(root)  # the picture box (the figure's scroll container), then the rest
    assert picture.tag == "div" and classes(picture) == ["jb-diagram-picture"] and "overflow-x:auto" in picture.get("style")
    (svg,) = list(picture)
    assert svg.tag == SVG + "svg" and svg.get("role") == "img"
    assert len(root.findall(f".//{SVG}svg")) == 1
    prefix = root.get("id")
    assert svg.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    title, desc = list(svg)[:2]
    assert (local(title.tag), local(desc.tag)) == ("title", "desc") and title.text and len(desc.text) > 40
    assert [local(e.tag) for e in svg.iter() if local(e.tag) == "title"] == ["title"]  # no tooltips with node names
    # the text alternative: a <details> with the data, then the caption last
    details, caption = rest
    assert details.tag == "details" and details.find("summary").text
    assert details.find("table") is not None or details.find("p") is not None
    assert caption.tag == "figcaption" and caption.text
    # embeddable in Markdown: no blank lines, no indented lines
    lines = html.split("\n")
    assert all(line.strip() for line in lines) and not [line for line in lines if line[:1].isspace()]
    # nothing executable, no unsafe links
    low = html.lower()
    assert "javascript:" not in low and "<script" not in low
    assert not [name for e in root.iter() for name in e.attrib if name.lower().startswith("on")]
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i == prefix or i.startswith(prefix + "-") for i in ids)
    # every piece of text in the shipped font's family
    assert svg.get("font-family") is None or svg.get("font-family").startswith("DejaVu Sans")
    assert all((t.get("font-family") or "DejaVu Sans").startswith("DejaVu Sans") for t in svg.iter(SVG + "text"))


def test_figures_on_one_page_never_share_ids(suite: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    for kind, html in suite.items():
        for element in ET.fromstring(html).iter():
            if element.get("id"):
                assert element.get("id") not in seen, (kind, seen.get(element.get("id")))
                seen[element.get("id")] = kind


def test_hostile_text_stays_text_in_every_diagram(tmp_path: Path) -> None:
    evil = '<script>alert(1)</script> {{ x }} \\N "q" & <b>'
    handbook = write_handbook(
        tmp_path,
        {"kind": "touchpoints", "touchpoints": [{"id": "tp", "name": evil, "direct": True}]},
        {
            "kind": "persona", "id": "p", "name": evil, "role": evil, "pains": [evil], "gains": [evil], "jobs": [evil],
            "value_map": {"products": [evil], "pain_relievers": [evil], "gain_creators": [evil]},
        },
        {"kind": "framework", "id": "f", "name": evil, "phases": [{"id": "one", "name": evil}, {"id": "two", "name": "Two"}]},
        {
            "kind": "journey", "id": "j", "title": evil, "persona": "p", "framework": "f",
            "phases": [{"phase": "one", "steps": [{"action": evil, "emotion": -2, "touchpoints": [{"ref": "tp", "sentiment": "negative"}]}]}],
        },
    )  # fmt: skip
    for kind, html in figures(handbook).items():
        root = ET.fromstring(html)
        low = html.lower()
        assert "<script" not in low and "<b>" not in html and "{{" not in html, kind
        shown = " ".join(texts(root)) + " ".join(e.text or "" for e in root.iter() if e.tag in ("td", "title", "desc"))
        assert "<script>" in shown or "<script…" in shown or "<script>alert" in shown.replace("\n", " "), kind


def test_labels_follow_the_language(format_handbook: Handbook) -> None:
    nl = figures(format_handbook, "nl")
    assert "Emotiecurve van" in nl["emotion_curve"] and "Moment van de" in nl["emotion_curve"]
    assert "Waardekaart" in nl["persona_map"] and "Klantprofiel" in nl["persona_map"]
    assert "De gegevens in deze figuur" in nl["overview_map"]
    assert "Touchpoints per fase" in nl["touchpoint_heatmap"]


# --------------------------------------------------------------------------- emotion curve

CURVE_JOURNEY = {
    "kind": "journey", "id": "ride", "title": "A bumpy ride", "framework": "five-phases",
    "phases": [
        {"phase": "awareness", "steps": [
            {"action": "Sees an advert", "emotion": 1},
            {"action": "A very long action " * 6 + "that must wrap", "emotion": -2},
        ]},
        {"phase": "consideration"},
        {"phase": "purchase", "steps": [{"action": "Pays"}, {"action": "Gets the box", "emotion": -2}, {"action": "Smiles", "emotion": 2}]},
    ],
}  # fmt: skip


def test_emotion_curve_puts_each_step_at_its_score(tmp_path: Path) -> None:
    handbook = write_handbook(tmp_path, CURVE_JOURNEY)
    html = DiagramMaker().draw("emotion_curve", handbook, handbook.journeys["ride"], lang="en", id_prefix="c", highlight_phase="purchase")
    root = ET.fromstring(html)
    dots = [g for g in root.iter(SVG + "g") if "jb-point" in classes(g)]
    labels = [g.find(SVG + "text").text for g in dots]
    assert labels == ["+1", "−2", "?", "−2", "+2"]  # document order, left to right
    ys = {label: float(g.find(SVG + "circle[@class='jb-dot']").get("cy")) for label, g in zip(labels, dots)}
    assert ys["+2"] < ys["+1"] < ys["?"] < ys["−2"]  # higher feeling, higher on the page
    xs = [float(g.find(SVG + "circle[@class='jb-dot']").get("cx")) for g in dots]
    assert xs == sorted(xs) and len(set(xs)) == 5
    zero = [e for e in root.iter(SVG + "line") if "jb-zero" in classes(e)]
    assert len(zero) == 1 and float(zero[0].get("y1")) == ys["?"]  # unknown feelings sit on the zero line, dashed
    unknown = dots[2].find(SVG + "circle[@class='jb-dot']")
    assert unknown.get("stroke-dasharray")
    # both lowest points (−2) are the moments of truth; nothing else is
    moments = [g for g in dots if g.find(SVG + "circle[@class='jb-moment-ring']") is not None]
    assert [g.find(SVG + "text").text for g in moments] == ["−2", "−2"]
    assert sum(1 for t in root.iter(SVG + "text") if "jb-moment" in classes(t)) == 2
    # three phase bands (the empty one keeps its place); the purchase band is highlighted
    bands = [e for e in root.iter(SVG + "rect") if "jb-band" in classes(e)]
    assert len(bands) == 3 and ["jb-current" in classes(b) for b in bands] == [False, False, True]
    names = [t.text for t in root.iter(SVG + "text") if "jb-band-name" in classes(t)]
    assert names == ["Awareness", "Consideration", "Purchase"]
    assert "phase of this page" in root.find("figcaption").text
    # long labels wrap inside their column, at most three lines, the last cut with "…"
    step_labels = [t.text for t in root.iter(SVG + "text") if "jb-step-label" in classes(t)]
    long = [t for t in step_labels if t.startswith("A very") or "long" in t or "…" in t]
    assert 1 < len(long) <= 3 and long[-1].endswith("…")
    assert max(text_width(t, 10) for t in step_labels) <= COLUMN - 10
    # the text alternative names every step and the moments of truth
    rows = [[td.text for td in tr.findall("td")] for tr in root.iter("tr") if tr.findall("td")]
    assert len(rows) == 5 and rows[1][2] == "▼▼ −2 — Moment of truth" and rows[2][2] == "not recorded"


def test_no_moment_of_truth_without_a_bad_feeling(tmp_path: Path) -> None:
    journey = {"kind": "journey", "id": "fine", "phases": [{"phase": "awareness", "steps": [{"action": "a", "emotion": 0}, {"action": "b", "emotion": 1}]}]}
    handbook = write_handbook(tmp_path, journey)
    html = diagrams.draw("emotion_curve", handbook, handbook.journeys["fine"], lang="en")
    assert "jb-moment" not in html and "Moment of truth" not in html.split("<figcaption>")[0]


def test_scores_outside_the_scale_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "j.yml").write_text("kind: journey\nphases:\n  - phase: awareness\n    steps:\n      - action: x\n        emotion: 3\n")
    _handbook, diags = build_handbook(tmp_path)
    assert [d.code for d in diags if d.severity == "error"] == ["bad-emotion"]


def test_empty_diagrams_say_so_in_a_framed_message(tmp_path: Path) -> None:
    """A journey without steps (and a handbook without touchpoints): no empty scale or grid,
    but a dashed frame around the message, at 12 pt, sized so the message fits."""
    handbook = write_handbook(tmp_path, {"kind": "journey", "id": "empty", "title": "Nothing yet"})
    made = figures(handbook)
    for html in made.values():
        ET.fromstring(html)
    for kind, message in (("emotion_curve", "No steps described yet."), ("touchpoint_heatmap", "No touchpoints used yet.")):
        svg = ET.fromstring(made[kind]).find(f"div/{SVG}svg")
        (empty,) = [g for g in svg.iter(SVG + "g") if "jb-empty" in classes(g)]
        (line,) = [t for t in empty.iter(SVG + "text")]
        assert line.text == message and float(svg.get("font-size")) >= 12
        assert text_width(message, 12) + 40 <= float(svg.get("width").removesuffix("pt")) <= text_width(message, 12) + 60
        assert not [e for e in svg.iter() if "jb-axis" in classes(e) or "jb-band" in classes(e) or "jb-heads" in classes(e)]
        assert figure_module.smallest_text_px(svg) == pytest.approx(16)


# --------------------------------------------------------------------------- fitting the column

LONG_STEP = "Compares three models on review sites and reads what other players say about them"


def long_journey(steps_per_phase: tuple[int, ...] = (2, 3, 3, 2, 2)) -> list[dict]:
    """A touchpoint catalog, a persona with a long value map and a journey of twelve long steps
    over the five phases, each step with two touchpoints (the widest shapes: offline houses
    with a double border), pain points and opportunities."""
    touchpoints = [
        {"id": "phone", "name": "Customer service (telephone)", "channel": "offline", "direct": True},
        {"id": "leaflet", "name": "Door-to-door leaflet", "channel": "offline"},
        {"id": "reviews", "name": "Review sites and comparison sites", "channel": "online"},
    ]
    phases = ("awareness", "consideration", "purchase", "retention", "loyalty")
    journey = {
        "kind": "journey", "id": "long", "title": "A very long journey " * 4, "framework": "five-phases", "persona": "p",
        "phases": [
            {"phase": phase, "steps": [
                {"action": f"{n}. {LONG_STEP}", "emotion": (n % 5) - 2, "pain_points": ["x"], "opportunities": ["y"],
                 "touchpoints": [{"ref": "phone", "sentiment": "negative"}, {"ref": "leaflet"}]}
                for n in range(count)
            ]}
            for phase, count in zip(phases, steps_per_phase)
        ],
    }  # fmt: skip
    items = [LONG_STEP] * 6
    persona = {
        "kind": "persona", "id": "p", "name": "A persona with a long name", "role": "A role that takes a few words to tell",
        "jobs": items, "pains": items, "gains": items,
        "value_map": {"products": items, "pain_relievers": items, "gain_creators": items},
    }  # fmt: skip
    return [{"kind": "touchpoints", "touchpoints": touchpoints}, persona, journey]


@pytest.mark.parametrize("kind", KINDS)
def test_every_diagram_of_a_long_journey_fits_the_column(tmp_path: Path, kind: str) -> None:
    """At most MAX_WIDTH wide, text at least 9 pt, and the inline min-width (the narrowest a
    diagram may be shown, its smallest text then 9 px) within Material's 688 px column."""
    handbook = write_handbook(tmp_path, *long_journey())
    svg = ET.fromstring(figures(handbook)[kind]).find(f"div/{SVG}svg")
    width = float(svg.get("width").removesuffix("pt"))
    assert width <= MAX_WIDTH + 5, f"{kind} is {width} pt wide"
    smallest = figure_module.smallest_text_px(svg)
    assert smallest is not None and smallest >= 12  # 9 pt
    least = int(re.search(r"min-width:(\d+)px", svg.get("style")).group(1))
    assert least <= 688 and least == math.ceil(width * 4 / 3 * 9 / smallest)


def test_a_phase_too_long_for_one_row_continues_on_the_next(tmp_path: Path) -> None:
    handbook = write_handbook(tmp_path, *long_journey((12, 0, 0, 0, 0)))
    journey = handbook.journeys["long"]
    root = ET.fromstring(diagrams.draw("journey_map", handbook, journey, lang="en"))
    names = [" ".join(texts(g)) for g in root.iter(SVG + "g") if "jb-phase" in classes(g)]
    awareness = [n for n in names if n.endswith("Awareness")]
    assert awareness[0] == "Awareness" and len(awareness) >= 4 and set(awareness[1:]) == {"… Awareness"}
    assert names[len(awareness):] == ["Consideration", "Purchase", "Retention", "Loyalty"]  # empty phases keep their place
    continued = [g for g in root.iter(SVG + "g") if "jb-continued" in classes(g)]
    assert len(continued) == len(awareness) - 1


def test_a_long_curve_wraps_into_panels_and_its_line_goes_on(tmp_path: Path) -> None:
    handbook = write_handbook(tmp_path, *long_journey())
    root = ET.fromstring(diagrams.draw("emotion_curve", handbook, handbook.journeys["long"], lang="en", highlight_phase="purchase"))
    svg = root.find(f"div/{SVG}svg")
    bands = [e for e in svg.iter(SVG + "rect") if "jb-band" in classes(e)]
    tops = sorted({float(b.get("y")) for b in bands})
    assert len(tops) == 2  # two panels, one below the other
    names = [t.text for t in svg.iter(SVG + "text") if "jb-band-name" in classes(t)]
    assert names[0] == "Awareness" and any(n.startswith("… ") for n in names)  # a phase split over the panels
    current = [b for b in bands if "jb-current" in classes(b)]
    assert current and all("jb-current" in classes(b) for b in current)  # both parts of the phase framed
    zero = [e for e in svg.iter(SVG + "line") if "jb-zero" in classes(e)]
    assert len(zero) == 2  # each panel its own scale
    # the line leaves the first panel at its right edge and comes back at the left of the second
    ends = []
    for line in svg.iter(SVG + "polyline"):
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        ends += [points[0], points[-1]]
    right = max(float(b.get("x")) + float(b.get("width")) for b in bands if float(b.get("y")) == tops[0]) + 2
    assert any(x == pytest.approx(right) and y < tops[1] for x, y in ends)
    assert any(x == pytest.approx(AXIS) and y > tops[1] for x, y in ends)
    assert len([g for g in svg.iter(SVG + "g") if "jb-point" in classes(g)]) == 12


def test_heatmap_blocks_when_the_phase_models_do_not_fit_side_by_side(tmp_path: Path) -> None:
    """Three phase models (14 phase columns): blocks one below the other, each with its model's
    name, its phases and the touchpoints its journeys use; one used by none stays in the first."""
    touchpoints = [{"id": f"t{i}", "name": f"Touchpoint {i}"} for i in range(4)]
    frameworks = write_handbook(tmp_path / "probe", {"kind": "touchpoints", "touchpoints": touchpoints}).frameworks
    journeys = []
    for n, framework in enumerate(("five-phases", "orientation", "sales-funnel")):
        phase = frameworks[framework].phase_ids()[0]
        steps = [{"action": "a", "touchpoints": [f"t{n}"]}]
        journeys.append({"kind": "journey", "id": f"j{n}", "framework": framework, "phases": [{"phase": phase, "steps": steps}]})
    handbook = write_handbook(tmp_path / "hb", {"kind": "touchpoints", "touchpoints": touchpoints}, *journeys)
    svg = ET.fromstring(diagrams.draw("touchpoint_heatmap", handbook, lang="en")).find(f"div/{SVG}svg")
    assert float(svg.get("width").removesuffix("pt")) <= MAX_WIDTH
    groups = [t.text for t in svg.iter(SVG + "text") if "jb-group-name" in classes(t)]
    assert len(groups) == 3
    tops = sorted({round(float(t.get("y"))) for t in svg.iter(SVG + "text") if "jb-group-name" in classes(t)})
    assert len(tops) >= 2  # not all side by side
    rows = [t.text for t in svg.iter(SVG + "text") if "jb-row-name" in classes(t)]
    assert sorted(rows) == ["Touchpoint 0", "Touchpoint 1", "Touchpoint 2", "Touchpoint 3"]  # each where it is used; t3 once
    cells = [g for g in svg.iter(SVG + "g") if "jb-cell" in classes(g)]
    assert len(cells) == 3


def test_rows_are_packed_like_words_into_lines() -> None:
    # groups that fit side by side share a row; one that does not starts the next row
    rows = pack_rows([[100, 100], [100], [100, 100, 100]], 330, gap=10, overhead=0)
    assert [[(s.group, s.items, s.first) for s in row] for row in rows] == [
        [(0, (0, 1), True), (1, (0,), True)],
        [(2, (0, 1, 2), True)],
    ]
    # a group wider than a row is split, its later parts marked as continuations
    rows = pack_rows([[100] * 5], 230, gap=10, overhead=0)
    assert [[(s.items, s.first) for s in row] for row in rows] == [[((0, 1), True)], [((2, 3), False)], [((4,), False)]]
    # without keep_together a group fills the rest of a row first
    rows = pack_rows([[100], [100, 100]], 230, gap=10, overhead=0, keep_together=False)
    assert [[(s.group, s.items) for s in row] for row in rows] == [[(0, (0,)), (1, (0,))], [(1, (1,))]]
    # an item wider than the budget gets a row of its own; an empty group takes its minimum
    rows = pack_rows([[500], [], [50]], 300, gap=10, overhead=20, empty=30, minimum=[0, 80, 0])
    assert [[(s.group, s.items) for s in row] for row in rows] == [[(0, (0,))], [(1, ()), (2, (0,))]]


def test_min_width_follows_the_smallest_text() -> None:
    def styled(font: str, group: str = "") -> str:
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="600pt" viewBox="0 0 600 100" font-size="12">'
            f'<g {group}><text font-size="{font}">a</text></g><text>b</text></svg>'
        )
        html = figure_module.figure(svg, title="t", description="d", caption="c", id_prefix="p", css_class="x")
        return ET.fromstring(html).find(f"div/{SVG}svg").get("style")

    assert styled("9") == "max-width:100%;min-width:600px;height:auto"  # 9 pt = 12 px: down to 3/4 of 800 px
    assert styled("18") == "max-width:100%;min-width:450px;height:auto"  # smallest is now the 12 pt "b"
    assert styled("9", 'transform="scale(0.5 0.5)"') == "max-width:100%;min-width:800px;height:auto"  # 6 px: never shrinks
    assert "min-width" not in figure_module.figure(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', title="t", description="d", caption="c", id_prefix="p", css_class="x"
    )


# --------------------------------------------------------------------------- maps


def test_persona_map_shows_the_value_map_against_the_profile_and_the_journeys(suite: dict[str, str]) -> None:
    root = ET.fromstring(suite["persona_map"])
    nodes = {" ".join(" ".join(texts(g)).split()): classes(g) for g in root.iter(SVG + "g") if "node" in classes(g)}
    joined = "\n".join(nodes)
    for part in ("Products and services", "Pain relievers", "Gain creators", "Jobs to be done", "Pains", "Gains"):
        assert part in joined
    assert "Same-day pickup in store" in joined and "Boots that fit first time" in joined
    fits = [g for g in root.iter(SVG + "g") if "jb-fit" in classes(g)]
    assert len(fits) == 3  # products → jobs, relievers → pains, creators → gains
    journeys = [(text, c) for text, c in nodes.items() if "Lowest feeling" in text]
    assert {text.split(" Lowest")[0] for text, _ in journeys} == {"New football boots before Saturday", "Tractor part"}
    assert ["jb-emo-m2" in c for text, c in journeys if text.startswith("Tractor")] == [True]


def test_persona_map_without_value_map_or_journeys(tmp_path: Path) -> None:
    handbook = write_handbook(tmp_path, {"kind": "persona", "id": "solo", "name": "Solo", "pains": ["Waiting"]})
    html = diagrams.draw("persona_map", handbook, handbook.personas["solo"], lang="en")
    assert "Value map" not in html.split("<details")[0] and "Waiting" in html and "None yet." in html


def test_overview_map_links_personas_journeys_and_phases(suite: dict[str, str]) -> None:
    root = ET.fromstring(suite["overview_map"])
    routes = [g for g in root.iter(SVG + "g") if "jb-route" in classes(g)]
    assert len(routes) == 2 + 2 + 2  # Daan → 2 journeys; each journey → its 2 phases (chained)
    phases = {" ".join(texts(g)): classes(g) for g in root.iter(SVG + "g") if "jb-step" in classes(g)}
    assert "jb-emo-m1" in phases["Awareness ▼ −1"] and "jb-emo-p2" in phases["Purchase ▲▲ +2"]
    assert "jb-emo-none" in phases["Buy ?"]  # a phase without recorded feeling
    rows = [[td.text for td in tr.findall("td")] for tr in root.iter("tr") if tr.findall("td")]
    assert rows[0][:2] == ["New football boots before Saturday", "Daan"]


def test_heatmap_counts_uses_and_colours_by_sentiment(suite: dict[str, str], tmp_path: Path) -> None:
    root = ET.fromstring(suite["touchpoint_heatmap"])
    cells = [g for g in root.iter(SVG + "g") if "jb-cell" in classes(g)]
    shown = {g.find(SVG + "text").text: [c for c in classes(g) if c.startswith("jb-heat-")] for g in cells}
    assert shown["1 ▼"] == ["jb-heat-negative-3"]  # the leaflet, felt negative
    rows = [t.text for t in root.iter(SVG + "text") if "jb-row-name" in classes(t)]
    assert rows == ["Webshop", "Store (direct)", "Search engine", "Door-to-door leaflet"]  # unused rows stay
    groups = [t.text for t in root.iter(SVG + "text") if "jb-group-name" in classes(t)]
    assert len(groups) == 2  # two phase models: a column group each
    # more uses: a stronger shade; mixed sentiment averages out
    touchpoints = [{"id": "shop", "name": "Shop"}, {"id": "mail", "name": "Mail"}]
    steps = [{"action": f"s{i}", "touchpoints": [{"ref": "shop", "sentiment": "positive"}]} for i in range(3)]
    steps += [{"action": "m", "touchpoints": [{"ref": "mail", "sentiment": "positive"}, {"ref": "mail", "sentiment": "negative"}]}]
    journey = {"kind": "journey", "id": "j", "phases": [{"phase": "awareness", "steps": steps}]}
    handbook = write_handbook(tmp_path, {"kind": "touchpoints", "touchpoints": touchpoints}, journey)
    root = ET.fromstring(diagrams.draw("touchpoint_heatmap", handbook, lang="en"))
    cells = {g.find(SVG + "text").text: classes(g) for g in root.iter(SVG + "g") if "jb-cell" in classes(g)}
    assert cells == {"3 ▲": ["jb-cell", "jb-heat-positive-3"], "2 ●": ["jb-cell", "jb-heat-neutral-2"]}


# --------------------------------------------------------------------------- font and palette


def test_the_font_and_its_licence_are_shipped() -> None:
    assert FONT_FILE.stat().st_size > 500_000 and FONT_FILE.read_bytes()[:4] == b"\x00\x01\x00\x00"
    licence = FONT_LICENSE.read_text("utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence
    css = (FONT_FILE.parent / "journeybook.css").read_text("utf-8")
    assert f'url("{FONT_FILE.name}")' in css and diagrams.CSS_FAMILY in css
    assert diagrams.font_hash()[:16] in diagrams.default_engine().version()


def test_text_widths_come_from_the_font() -> None:
    assert text_width("iiii", 10) < text_width("MMMM", 10)
    assert text_width("Hello", 10) == pytest.approx((1540 + 1260 + 569 + 569 + 1253) / 2048 * 10)  # DejaVu Sans hmtx
    assert text_width("▲▼●", 10) > 0


def test_stylesheet_palette_block_is_up_to_date() -> None:
    css = (FONT_FILE.parent / "journeybook.css").read_text("utf-8")
    assert palette.palette_css() in css, "regenerate: python -m journeybook.diagrams.palette"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_coloured_fill_keeps_text_readable(dark: bool) -> None:
    colours = palette.scheme_colours(dark)
    pairs = [(name, colours[name], colours[name + "-ink"]) for name in colours if name + "-ink" in colours]
    assert len(pairs) == 6 + 12
    for name, fill, ink in pairs:
        assert palette.contrast(fill, ink) >= 4.5, name
    ground = palette.DARK_BG if dark else palette.LIGHT_BG
    for sentiment in ("negative", "positive", "neutral"):
        assert palette.contrast(colours[f"sent-{sentiment}"], ground) >= 3  # lines against the page
    fills = [colours[f"emo-{palette.emotion_key(e)}"] for e in (-2, -1, 0, 1, 2)]
    assert len(set(fills)) == 5


def test_svg_fallback_colours_are_the_light_scheme(suite: dict[str, str]) -> None:
    root = ET.fromstring(suite["journey_map"])
    for group in root.iter(SVG + "g"):
        emotion = [c for c in classes(group) if c.startswith("jb-emo-")]
        if "jb-step" in classes(group) and emotion:
            shape = next(e for e in group if local(e.tag) in ("path", "polygon"))
            assert shape.get("fill") == palette.light(emotion[0][3:])


# --------------------------------------------------------------------------- determinism

SCRIPT = """
import sys
from journeybook.handbook import build_handbook
sys.path.insert(0, sys.argv[2])
from test_diagram_suite import figures
handbook, _ = build_handbook(sys.argv[1])
sys.stdout.buffer.write("\\n=====\\n".join(figures(handbook).values()).encode())
"""


def test_same_bytes_whatever_fonts_the_machine_has(tmp_path: Path, suite: dict[str, str]) -> None:
    """A fresh process that sees no fonts at all, and one that sees only other fonts: same bytes."""
    empty = tmp_path / "empty.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    others = tmp_path / "others"
    others.mkdir()
    serif = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if serif.exists():
        shutil.copy(serif, others / serif.name)
    other_conf = tmp_path / "other.conf"
    other_conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{others}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir>'
        "<alias><family>DejaVu Sans</family><prefer><family>DejaVu Serif</family></prefer></alias></fontconfig>\n"
    )
    expected = "\n=====\n".join(suite.values())
    for conf, seed in ((empty, "1"), (other_conf, "2")):
        env = {**os.environ, "PYTHONPATH": str(PLUGINS), "FONTCONFIG_FILE": str(conf), "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(FORMAT_HANDBOOK), str(Path(__file__).parent)],
            capture_output=True, env=env, cwd=tmp_path, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.decode() == expected, f"different output with FONTCONFIG_FILE={conf.name}"
        assert done.stderr.decode() == ""


def test_same_bytes_in_another_folder(tmp_path: Path, suite: dict[str, str]) -> None:
    copy = tmp_path / "some" / "other" / "place"
    shutil.copytree(FORMAT_HANDBOOK, copy)
    handbook, _ = build_handbook(copy)
    assert figures(handbook) == suite
    assert str(FORMAT_HANDBOOK) not in "".join(suite.values())


GOLDEN_JOURNEY = {
    "kind": "journey", "id": "golden", "title": "Golden", "framework": "five-phases",
    "phases": [
        {"phase": "awareness", "steps": [{"action": "Sees the ad", "emotion": -1, "touchpoints": [{"ref": "ad", "sentiment": "negative"}]}]},
        {"phase": "purchase", "steps": [{"action": "Buys", "emotion": 2, "pain_points": ["Slow"], "touchpoints": ["desk"]}]},
    ],
}  # fmt: skip
GOLDEN_TOUCHPOINTS = {
    "kind": "touchpoints",
    "touchpoints": [{"id": "ad", "name": "Advert", "channel": "online"}, {"id": "desk", "name": "Desk", "channel": "offline", "direct": True}],
}


def test_golden_journey_map_and_curve(tmp_path: Path) -> None:
    """Byte-for-byte against files made by the reference engine (bundled Graphviz, shipped font).

    Regenerate on purpose with JOURNEYBOOK_UPDATE_GOLDEN=1 after a deliberate change.
    """
    handbook = write_handbook(tmp_path, GOLDEN_TOUCHPOINTS, GOLDEN_JOURNEY)
    engine = diagrams.default_engine()
    journey = handbook.journeys["golden"]
    made = {
        "journey-map.svg": diagrams.plan_journey_map(handbook, journey, "en").render(engine),
        "emotion-curve.svg": diagrams.plan_emotion_curve(handbook, journey, "en").render(engine),
    }
    version_file = GOLDEN / "engine.txt"
    if os.environ.get("JOURNEYBOOK_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        version_file.write_text(engine.version() + "\n")
        for name, svg in made.items():
            (GOLDEN / name).write_text(svg, "utf-8")
    reference = version_file.read_text().strip()
    if engine.version() != reference:
        pytest.skip(f"golden files come from {reference!r}; this engine is {engine.version()!r}")
    for name, svg in made.items():
        assert svg == (GOLDEN / name).read_text("utf-8"), f"{name} changed; JOURNEYBOOK_UPDATE_GOLDEN=1 to accept"


# --------------------------------------------------------------------------- engines


def test_dot_engine_names_the_fix_when_dot_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DiagramError, match=r"install Graphviz \(apt-get install graphviz\) or remove diagrams.engine: dot"):
        engine_for("dot")
    assert engine_for(None) is diagrams.default_engine() and engine_for("pygraphviz") is diagrams.default_engine()
    with pytest.raises(DiagramError, match="unknown diagrams.engine 'neato'"):
        engine_for("neato")


@pytest.mark.skipif(shutil.which("dot") is None, reason="no system Graphviz (dot) installed")
def test_system_dot_renders_with_the_shipped_font(format_handbook: Handbook) -> None:
    engine = DotEngine()
    assert engine.version().startswith("graphviz ") and "(system dot)" in engine.version()
    html = DiagramMaker(engine).draw("journey_map", format_handbook, format_handbook.journeys["new-boots"], lang="en", id_prefix="m")
    assert "Notices the sole" in html and 'font-family="DejaVu Sans' in html
    with pytest.raises(DiagramError, match="syntax error"):
        engine.render_svg("digraph { a -> }")


# --------------------------------------------------------------------------- in the browser

MKDOCS_YML = """\
site_name: Diagram suite
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
extra_css: [assets/journeybook/journeybook.css, assets/journeybook/print.css]
extra_javascript: [assets/journeybook/journeybook-figures.js]
markdown_extensions: [tables, attr_list, md_in_html]
"""

# For every Graphviz node and every cell/dot we draw: is its text inside its shape?
OVERFLOW_JS = """(scope) => {
  const out = [];
  const boxes = 'svg g.node, svg g.jb-cell, svg g.jb-point';
  for (const g of (scope || document).querySelectorAll(boxes)) {
    const shape = g.querySelector(':scope > path, :scope > polygon, :scope > ellipse, :scope > rect, :scope > circle.jb-dot');
    const s = shape.getBoundingClientRect();
    for (const t of g.querySelectorAll(':scope > text:not(.jb-moment)')) {
      const r = t.getBoundingClientRect();
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5)
        out.push(t.textContent);
    }
  }
  return out;
}"""


@pytest.mark.browser
def test_both_colour_schemes_in_chromium(tmp_path: Path, suite: dict[str, str], new_page) -> None:  # type: ignore[no-untyped-def]
    """A Material site with every diagram: the font loads, text stays in its boxes, dark mode
    restyles the shapes; screenshots of both schemes go to tests/artifacts/ (git-ignored)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "site-src"
    assets = project / "docs" / "assets" / "journeybook"
    assets.mkdir(parents=True)
    for asset in site_files.assets():  # every file journeybook ships into a site
        shutil.copy(asset.path, assets / asset.path.name)
    body = "\n\n".join(f"## {kind}\n\n{html}" for kind, html in suite.items())
    (project / "docs" / "index.md").write_text(f"# Diagrams\n\n{body}\n", "utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent(MKDOCS_YML))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))

    ARTIFACTS.mkdir(exist_ok=True)
    fills = {}
    with serve_folder(project / "site") as url:
        for scheme in ("light", "dark"):
            page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(url)
            page.evaluate("document.fonts.ready")
            assert page.evaluate("document.fonts.check('11px journeybook-dejavu-sans')")
            assert page.evaluate("[...document.fonts].every(f => f.status === 'loaded')")
            assert page.locator("figure.jb-diagram").count() == len(suite)
            assert page.evaluate(OVERFLOW_JS) == []
            assert page.locator("figure.jb-diagram .jb-zoom-open").count() == len(suite)  # each opens full size
            page.locator("figure.jb-persona-map .jb-zoom-open").click()
            zoomed = page.locator("dialog.jb-zoom[open] .jb-zoom-stage")
            assert zoomed.evaluate(OVERFLOW_JS) == []  # text in its boxes there too
            fills[scheme + " zoomed"] = zoomed.evaluate("s => getComputedStyle(s.querySelector('g.jb-step.jb-emo-m1 > path, g.jb-step.jb-emo-m1 > polygon')).fill")
            page.keyboard.press("Escape")
            fills[scheme] = page.evaluate(
                "getComputedStyle(document.querySelector('g.jb-step.jb-emo-m1 > path, g.jb-step.jb-emo-m1 > polygon')).fill"
            )
            page.screenshot(path=str(ARTIFACTS / f"diagrams-{scheme}.png"), full_page=True)
            assert errors == []
            page.close()
    assert fills["light"] == fills["light zoomed"] == "rgb(244, 165, 130)"
    assert fills["dark"] == fills["dark zoomed"] == "rgb(122, 59, 48)"  # the copy follows the scheme
    assert (ARTIFACTS / "diagrams-dark.png").stat().st_size > 50_000
