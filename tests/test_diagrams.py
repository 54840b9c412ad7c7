"""The journey map: DOT built safely, rendered in-process, post-processed into an accessible figure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from journeybook import diagrams, markup
from journeybook.diagrams import EMOTION_STYLE, DiagramError, DiagramWarning, PygraphvizEngine, draw, figure
from journeybook.handbook import Handbook, build_handbook

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
SVG = "{http://www.w3.org/2000/svg}"

TOUCHPOINTS = [
    {"id": "webshop", "name": "Webshop", "channel": "online"},
    {"id": "store", "name": {"en": "Store", "nl": "Winkel"}, "channel": "offline", "direct": True},
    {"id": "leaflet", "name": "Leaflet"},
]

JOURNEY = {
    "id": "new-boots",
    "title": {"en": "New boots before Saturday", "nl": "Nieuwe schoenen vóór zaterdag"},
    "framework": "five-phases",
    "phases": [
        {
            "phase": "awareness",
            "steps": [
                {
                    "action": "Notices the sole is loose",
                    "emotion": -2,
                    "touchpoints": [{"ref": "leaflet", "sentiment": "negative"}],
                    "pain_points": [{"text": "Match on Saturday"}, {"text": "No time"}],
                },
                {"action": "Searches for boots", "emotion": -1, "touchpoints": [{"ref": "webshop"}]},
            ],
        },
        {
            "phase": "purchase",
            "steps": [
                {
                    "action": "Buys in the store",
                    "emotion": 0,
                    "touchpoints": [{"ref": "store", "sentiment": "positive"}],
                    "opportunities": [{"text": "Reserve online"}],
                },
                {"action": "Pays", "emotion": 1},
            ],
        },
        {"phase": "loyalty", "steps": [{"action": "Scores the winning goal", "emotion": 2}]},
    ],
}


def make_handbook(
    folder: Path, journey: dict = JOURNEY, extra: tuple = (), touchpoints: list = TOUCHPOINTS
) -> tuple[Handbook, list]:
    """A handbook folder with a touchpoint catalog, ``extra`` documents and ``journey``, loaded for real."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = [{"kind": "touchpoints", "touchpoints": touchpoints}, *extra]
    (folder / "catalog.yml").write_text(yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False), "utf-8")
    doc = {"kind": "journey", **journey}
    (folder / "journey.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return build_handbook(folder)


def valid_handbook(folder: Path, journey: dict = JOURNEY, **kwargs) -> Handbook:
    handbook, diags = make_handbook(folder, journey, **kwargs)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def render(handbook: Handbook, journey_id: str = "new-boots", lang: str = "en", **kwargs) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DiagramWarning)  # our DOT must not make Graphviz warn
        return draw("journey_map", handbook, handbook.journeys[journey_id], lang=lang, **kwargs)


def parse(figure_html: str) -> ET.Element:
    """The figure as XML (it is well-formed: the SVG and an escaped caption)."""
    return ET.fromstring(figure_html)


def svg_of(root: ET.Element) -> ET.Element:
    """The figure's picture: the one <svg>, inside the picture box (the figure's scroll container)."""
    picture = root.find("div")
    assert picture is not None and picture.get("class") == "jb-diagram-picture"
    svg = picture.find(SVG + "svg")
    assert svg is not None and len(root.findall(f".//{SVG}svg")) == 1
    return svg


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def node_texts(root: ET.Element, cls: str = "node") -> list[tuple[str, ET.Element]]:
    """(text lines joined by newlines, group) for every Graphviz node (or cluster) group."""
    out = []
    for group in root.iter(SVG + "g"):
        if cls in (group.get("class") or "").split():
            lines = [t.text or "" for t in group.iter(SVG + "text")]
            out.append(("\n".join(lines), group))
    return out


def shape_of(group: ET.Element) -> ET.Element:
    return next(el for el in group if local(el.tag) in ("path", "polygon", "ellipse"))


def ids_of(root: ET.Element) -> list[str]:
    return [el.get("id") for el in root.iter() if el.get("id")]


# --------------------------------------------------------------------------- structure


def test_figure_is_well_formed_and_accessible(tmp_path):
    html = render(valid_handbook(tmp_path))
    root = parse(html)
    assert root.tag == "figure" and root.get("class") == "jb-diagram jb-journey-map"
    svg = svg_of(root)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "jb-new-boots-map-title jb-new-boots-map-desc"
    title, desc = list(svg)[:2]
    assert (local(title.tag), title.get("id")) == ("title", "jb-new-boots-map-title")
    assert (local(desc.tag), desc.get("id")) == ("desc", "jb-new-boots-map-desc")
    assert title.text == "Journey map of New boots before Saturday"
    # the description tells the route in words: phases, steps, feelings, touchpoints
    for part in ("Awareness:", "Notices the sole is loose (Feeling −2", "Touchpoints: Leaflet", "Loyalty:"):
        assert part in desc.text
    # Graphviz's own tooltips (internal node names) are gone: only our title is left
    assert [el for el in svg.iter() if local(el.tag) == "title"] == [title]
    assert root.find("figcaption").text.startswith("Each box is a step")
    assert svg.get("viewBox") and svg.get("height") is None
    assert "max-width:100%" in svg.get("style")


def test_labels_follow_the_language(tmp_path):
    root = parse(render(valid_handbook(tmp_path), lang="nl"))
    texts = "\n".join(text for text, _ in node_texts(root) + node_texts(root, "cluster"))
    assert "Winkel" in texts and "Bewustzijn" not in texts  # five-phases calls it "Bekendheid"
    assert "Bekendheid" in texts
    assert svg_of(root).find(SVG + "title").text == "Journeymap van Nieuwe schoenen vóór zaterdag"
    assert root.find("figcaption").text.startswith("Elk vak is een stap")


def test_html_has_no_blank_or_indented_lines(tmp_path):
    steps = [{"action": "Line one\n\n    indented\n\nthree"}]
    journey = {**JOURNEY, "phases": [{"phase": "awareness", "steps": steps}]}
    for html in (render(valid_handbook(tmp_path / "a")), render(valid_handbook(tmp_path / "b", journey))):
        lines = html.split("\n")
        assert lines[0].startswith("<figure") and lines[-1] == "</figure>"
        assert all(line.strip() for line in lines), "a blank line would end the raw HTML block"
        assert not [line for line in lines if line[:1].isspace()], "indented lines would become code"


# --------------------------------------------------------------------------- ids


def test_every_id_is_prefixed_and_references_follow(tmp_path):
    root = parse(render(valid_handbook(tmp_path), id_prefix="map1"))
    ids = ids_of(root)
    assert len(ids) > 10 and len(ids) == len(set(ids))
    assert all(i == "map1" or i.startswith("map1-") for i in ids)
    for el in root.iter():
        for name, value in el.attrib.items():
            refs = re.findall(r"url\(#([^)]+)\)", value)
            if name in ("href", "{http://www.w3.org/1999/xlink}href") and value.startswith("#"):
                refs.append(value[1:])
            assert all(ref in ids for ref in refs)


def test_two_diagrams_on_one_page_share_no_id(tmp_path):
    other = {**JOURNEY, "id": "other-boots"}
    handbook = valid_handbook(tmp_path / "a")
    handbook.journeys.update(valid_handbook(tmp_path / "b", other).journeys)
    first, second = (set(ids_of(parse(render(handbook, jid)))) for jid in ("new-boots", "other-boots"))
    assert first and second and not first & second


# --------------------------------------------------------------------------- safety

HOSTILE = '<script>alert(1)</script> "q" \\N \\G \\ {{ config }} {a|b} <b>x</b> AT&T'


def test_hostile_text_comes_out_as_literal_text(tmp_path):
    hostile_framework = {
        "kind": "framework",
        "id": "hostile",
        "phases": [{"id": "one", "name": "<b>phase</b> \\G"}],
    }
    journey = {
        "id": "evil",
        "title": "<img src=x onerror=alert(1)>",
        "framework": "hostile",
        "phases": [
            {
                "phase": "one",
                "steps": [
                    {"action": HOSTILE, "emotion": -1, "touchpoints": [{"ref": "webshop"}]},
                    {"action": "[click me](javascript:alert) &lt;i&gt; end\\", "emotion": 1},
                ],
            }
        ],
    }
    touchpoints = [{"id": "webshop", "name": "<i>shop</i> | }"}]
    handbook = valid_handbook(tmp_path, journey, extra=(hostile_framework,), touchpoints=touchpoints)
    html = render(handbook, "evil")
    root = parse(html)  # still well-formed
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>" not in html
    assert not [v for el in root.iter() for v in el.attrib.values() if "javascript" in v.lower()]
    assert "{{" not in html and "&#123;&#123; config }}" in html  # no template plugin sees code
    texts = [text for text, _ in node_texts(root)]
    action = next(t for t in texts if "alert" in t)
    # e.g. \N stays \N, not the node's name (a word too long for a line is cut with "-")
    assert action.replace("-\n", "").replace("\n", " ") == "▼ −1 " + HOSTILE
    assert "▲ +1\nclick me <i> end\\" in texts  # link text kept; entity decoded once, as Markdown does
    assert "<i>shop</i> | }" in texts
    cluster = node_texts(root, "cluster")[0][0]
    assert cluster == "<b>phase</b> \\G"
    assert svg_of(root).find(SVG + "title").text == "Journey map of <img src=x onerror=alert(1)>"


def test_dot_has_no_html_labels_and_escapes_backslashes(tmp_path):
    journey = {**JOURNEY, "phases": [{"phase": "awareness", "steps": [{"action": "<b>x</b> \\N"}]}]}
    handbook = valid_handbook(tmp_path, journey)
    dot = diagrams.journey_map_dot(handbook, handbook.journeys["new-boots"], "en")
    assert "label=<" not in dot
    assert '"?\\n<b>x</b> \\\\N"' in dot  # one label line per "\n"; the author's backslash doubled


def test_markdown_is_reduced_to_plain_words(tmp_path):
    sources = {"kind": "sources", "sources": [{"id": "visser2015", "type": "book", "title": "Basisboek"}]}
    action = "Reads **bold**, _it_ and `code` in [the docs](https://example.org) [@visser2015, p. 3]."
    journey = {**JOURNEY, "phases": [{"phase": "awareness", "steps": [{"action": action, "emotion": 0}]}]}
    root = parse(render(valid_handbook(tmp_path, journey, extra=(sources,))))
    text = node_texts(root)[0][0]
    assert text.replace("\n", " ") == "● 0 Reads bold, it and code in the docs."


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Bold**, *it*, _it_ and `code`", "Bold, it, it and code"),
        ("Read [the guide](https://x.org/a_(b)) and ![a chart](c.png)", "Read the guide and a chart"),
        ("Known [@visser2015, p. 369]. Also [see @a; @b] here", "Known. Also here"),
        ("snake_case, C# and a > b stay", "snake_case, C# and a > b stay"),
        ("<b>x</b> &amp; &lt;tag&gt; \\*not emphasis\\*", "<b>x</b> & <tag> *not emphasis*"),
        ("# Heading\n> quoted\n- item\n2. second", "Heading quoted item second"),
        ("Mail <me@example.org> or <https://example.org>", "Mail me@example.org or https://example.org"),
        ("bidi \u202eoverride\u202c and\x00 nul\ttab", "bidi override and nul tab"),
    ],
)
def test_plain_text(markdown, plain):
    assert markup.plain(markdown) == plain


def test_figure_removes_scripts_handlers_and_unsafe_links():
    svg = (
        '<?xml version="1.0"?><!-- secret --><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="5pt" viewBox="0 0 10 5" onload="x()">'
        '<defs><linearGradient id="g"/></defs><script>alert(1)</script>'
        '<a xlink:href="javascript:alert(1)"><rect fill="url(#g)" onclick="x()"/></a>'
        '<a href=" JaVa\tScript:alert(1)"><text>t</text></a>'
        '<a xlink:href="https://example.org"><use href="#g"/></a><a href="#elsewhere"/>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>'
    )
    html = figure(svg, title="T", description="D", caption="C & <c>", id_prefix="p", css_class="x")
    low = html.lower()
    assert "script" not in low and "onload" not in low and "onclick" not in low and "foreignobject" not in low
    assert "secret" not in html and "<?xml" not in html
    root = parse(html)
    assert root.find("figcaption").text == "C & <c>"
    assert 'fill="url(#p-g)"' in html and 'href="#p-g"' in html and 'id="p-g"' in html
    assert 'xlink:href="https://example.org"' in html
    assert 'href="#elsewhere"' in html  # not an id of this SVG: left alone


def test_figure_rejects_bad_input():
    with pytest.raises(DiagramError):
        figure("<svg", title="t", description="d", caption="c", id_prefix="p", css_class="x")
    with pytest.raises(DiagramError):
        figure("<html/>", title="t", description="d", caption="c", id_prefix="p", css_class="x")
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    with pytest.raises(ValueError):
        figure(svg, title="t", description="d", caption="c", id_prefix='x" onload="y', css_class="x")


# --------------------------------------------------------------------------- determinism


def test_same_input_same_bytes(tmp_path):
    handbook = valid_handbook(tmp_path / "one")
    first = render(handbook)
    assert render(handbook) == first
    # a fresh engine, another folder (other paths in the model): still the same bytes
    moved = valid_handbook(tmp_path / "elsewhere" / "two")
    assert render(moved, engine=PygraphvizEngine()) == first
    for leak in ("<!--", "<?xml", "DOCTYPE", "graphviz version", str(tmp_path)):
        assert leak not in first


def test_same_bytes_in_other_processes(tmp_path):
    """No hash(), set order or memory address leaks into the output (hash seeds differ per process)."""
    valid_handbook(tmp_path)
    script = (
        "import sys\n"
        "from journeybook.diagrams import draw\n"
        "from journeybook.handbook import build_handbook\n"
        "handbook, _ = build_handbook(sys.argv[1])\n"
        "sys.stdout.buffer.write(draw('journey_map', handbook, handbook.journeys['new-boots'], lang='en').encode())\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, env=env)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout.decode())
    assert outputs == {render(build_handbook(tmp_path)[0])}


# --------------------------------------------------------------------------- design


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_emotion_colours_are_distinct_and_readable(tmp_path):
    root = parse(render(valid_handbook(tmp_path)))
    fills = {}
    for text, group in node_texts(root):
        mark = text.split("\n")[0]
        if mark.endswith(("2", "1", "0")):
            fills[mark] = shape_of(group).get("fill")
    assert set(fills) == {"▼▼ −2", "▼ −1", "● 0", "▲ +1", "▲▲ +2"}
    assert len(set(fills.values())) == 5
    assert fills["▼▼ −2"] == EMOTION_STYLE[-2][0] and fills["▲▲ +2"] == EMOTION_STYLE[2][0]
    for fill, ink in EMOTION_STYLE.values():
        assert contrast(fill, ink) >= 4.5  # WCAG AA for the step text


def test_touchpoints_show_channel_contact_and_sentiment(tmp_path):
    root = parse(render(valid_handbook(tmp_path)))
    nodes = dict(node_texts(root))
    assert local(shape_of(nodes["Leaflet"]).tag) == "ellipse"  # channel not set
    store_shapes = [el for el in nodes["Store"] if local(el.tag) == "polygon"]
    assert len(store_shapes) == 2  # offline house, double border for direct contact
    edges = [shape_of(g) for g in root.iter(SVG + "g") if "edge" in g.get("class", "").split()]
    negative = [e for e in edges if e.get("stroke") == "#b2182b"]
    assert len(negative) == 1 and negative[0].get("stroke-dasharray")
    assert [e for e in edges if e.get("stroke") == "#1b7837" and e.get("stroke-width") == "2"]


def test_pain_points_and_opportunities_are_counted(tmp_path):
    texts = [text for text, _ in node_texts(parse(render(valid_handbook(tmp_path))))]
    assert "▼▼ −2\nNotices the sole is\nloose\n⚠ 2" in texts
    assert "● 0\nBuys in the store\n★ 1" in texts


def reading_order(groups: list[ET.Element]) -> list[tuple[float, float]]:
    """(row, x) of each node or cluster: the middle of its text lines (a step's label is centred
    on its row) and their x; a map is read row by row (SVG y grows downwards)."""
    places = []
    for group in groups:
        ys = [float(t.get("y")) for t in group.findall(SVG + "text")]
        places.append((round(sum(ys) / len(ys)), float(group.find(SVG + "text").get("x"))))
    return places


def test_phases_follow_the_framework_order(tmp_path):
    shuffled = {**JOURNEY, "phases": [JOURNEY["phases"][2], JOURNEY["phases"][0], JOURNEY["phases"][1]]}
    handbook, diags = make_handbook(tmp_path, shuffled)
    assert {d.code for d in diags} == {"phase-order"}  # reported, and the map still reads in order
    clusters = node_texts(parse(render(handbook)), "cluster")
    names = [text for text, _ in clusters]
    assert names == ["Awareness", "Purchase", "Loyalty"]
    places = reading_order([group for _, group in clusters])
    assert places == sorted(places) and len(set(places)) == 3  # in reading order


def test_route_reads_left_to_right_row_by_row(tmp_path):
    places = {}  # step action → (row, x) of its first text line
    root = parse(render(valid_handbook(tmp_path)))
    for text, group in node_texts(root):
        if "jb-step" in group.get("class", "").split():
            places[text.split("\n")[1]] = reading_order([group])[0]
    order = ["Notices the sole is", "Searches for boots", "Buys in the store", "Pays", "Scores the winning goal"]
    assert list(places) == order  # document order
    assert [places[s] for s in order] == sorted(places.values())  # and reading order
    # every step is chained to the next: within a row by a route edge, from a row's end to
    # the next row's start by one that wraps around
    routes = [g for g in root.iter(SVG + "g") if "jb-route" in g.get("class", "").split()]
    assert len(routes) == len(order) - 1


def test_long_journeys_wrap_into_rows_within_the_width(tmp_path):
    """Twelve steps over five phases, with long actions and two touchpoints each: the map
    stays within MAX_WIDTH, phases start new rows, a phase too long for a row continues."""
    from journeybook.diagrams.common import MAX_WIDTH

    touchpoints = [*TOUCHPOINTS, {"id": "phone", "name": "Customer service (telephone)", "channel": "offline", "direct": True}]
    step = {"action": "A rather long action that needs several lines to say what happens", "emotion": 1,
            "touchpoints": [{"ref": "store", "sentiment": "positive"}, {"ref": "phone", "sentiment": "negative"}]}  # fmt: skip
    phases = [{"phase": p, "steps": [step] * n} for p, n in (("awareness", 2), ("consideration", 3), ("purchase", 3), ("retention", 2), ("loyalty", 2))]
    long = {**JOURNEY, "phases": phases}
    root = parse(render(valid_handbook(tmp_path / "long", long, touchpoints=touchpoints)))
    svg = svg_of(root)
    assert float(svg.get("width").removesuffix("pt")) <= MAX_WIDTH
    steps = [g for g in root.iter(SVG + "g") if "jb-step" in g.get("class", "").split()]
    assert len(steps) == 12
    rows = {place[0] for place in reading_order(steps)}
    assert len(rows) >= 4
    clusters = node_texts(root, "cluster")
    assert [t for t, _ in clusters][:2] == ["Awareness", "Consideration"]
    # a phase of six wide steps is split over rows: its later rows are named "… Phase"
    many = {**JOURNEY, "phases": [{"phase": "awareness", "steps": [step] * 6}]}
    names = [t for t, _ in node_texts(parse(render(valid_handbook(tmp_path / "many", many, touchpoints=touchpoints))), "cluster")]
    assert names[0] == "Awareness" and len(names) >= 2 and all(n == "… Awareness" for n in names[1:])


def test_long_actions_are_wrapped_and_cut(tmp_path):
    action = "word " * 40 + "Supercalifragilisticexpialidocious-and-then-some"
    journey = {**JOURNEY, "phases": [{"phase": "awareness", "steps": [{"action": action, "emotion": 1}]}]}
    text = node_texts(parse(render(valid_handbook(tmp_path, journey))))[0][0]
    lines = text.split("\n")[1:]
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(len(line) <= 28 for line in lines)


def test_journey_without_steps(tmp_path):
    no_phases = {"id": "empty", "title": "Still empty"}
    empty_phase = {"id": "empty", "phases": [{"phase": "awareness"}]}
    for i, journey in enumerate((no_phases, empty_phase)):
        handbook = valid_handbook(tmp_path / str(i), journey)
        root = parse(render(handbook, "empty"))
        title = "Still empty" if "title" in journey else "empty"
        (text, group), = node_texts(root)
        assert text == f"{title}\nNo steps described yet." and "jb-empty" in group.get("class")
        assert all(float(t.get("font-size")) >= 12 for t in group.iter(SVG + "text"))  # a message, not small print
        assert svg_of(root).find(SVG + "desc").text.endswith("No steps described yet.")
        nl = parse(render(handbook, "empty", lang="nl"))
        assert node_texts(nl)[0][0].endswith("Nog geen stappen beschreven.")


def test_empty_phase_keeps_its_place(tmp_path):
    journey = {**JOURNEY, "phases": [*JOURNEY["phases"][:1], {"phase": "consideration"}, *JOURNEY["phases"][1:]]}
    clusters = node_texts(parse(render(valid_handbook(tmp_path, journey))), "cluster")
    assert [text for text, _ in clusters] == ["Awareness", "Consideration", "Purchase", "Loyalty"]


def test_step_without_emotion_is_neutral_with_a_question_mark(tmp_path):
    journey = {**JOURNEY, "phases": [{"phase": "awareness", "steps": [{"action": "Wonders"}]}]}
    (text, group), *_ = node_texts(parse(render(valid_handbook(tmp_path, journey))))
    assert text == "?\nWonders"
    shape = shape_of(group)
    assert shape.get("fill") == EMOTION_STYLE[0][0] and shape.get("stroke-dasharray")


# --------------------------------------------------------------------------- engine


def test_no_dot_executable_needed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no dot, no gvpr, nothing
    assert shutil.which("dot") is None
    handbook = valid_handbook(tmp_path / "hb")
    html = render(handbook, engine=PygraphvizEngine())
    assert "<svg" in html and "Notices the sole is loose" in html


def test_engine_identifies_itself():
    engine = diagrams.default_engine()
    assert engine is diagrams.default_engine()
    assert engine.name == "pygraphviz"
    assert re.fullmatch(r"graphviz \d+\.\d+\.\d+ \(pygraphviz \S+\); font DejaVu Sans sha256:[0-9a-f]{16}", engine.version())


def test_graphviz_errors_become_diagram_errors():
    engine = PygraphvizEngine()
    with pytest.raises(DiagramError, match="syntax error"):
        engine.render_svg("digraph { a -> }")
    with pytest.raises(DiagramError, match="mismatched tag"):
        engine.render_svg("digraph { a [label=<<b>x</i>>] }")  # Graphviz draws it anyway; we do not


def test_graphviz_warnings_become_python_warnings():
    with pytest.warns(DiagramWarning, match="unknown shape nosuch"):
        svg = PygraphvizEngine().render_svg("digraph { a [shape=nosuch] }")
    assert "<svg" in svg


def test_journey_map_uses_the_given_engine(tmp_path):
    class Recorder:
        name = "recorder"

        def __init__(self):
            self.dots: list[str] = []

        def version(self) -> str:
            return "1"

        def render_svg(self, dot: str) -> str:
            self.dots.append(dot)
            return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g id="x"/></svg>'

    engine = Recorder()
    html = render(valid_handbook(tmp_path), engine=engine, id_prefix="rec")
    assert engine.dots and engine.dots[0].startswith("digraph journey_map {")
    assert 'id="rec-x"' in html


def test_first_render_prints_nothing_to_stderr(tmp_path):
    # A fresh process: fontconfig is set up once per process, on the first render.
    script = (
        "import warnings; warnings.simplefilter('error')\n"
        "from journeybook.diagrams import default_engine\n"
        "svg = default_engine().render_svg('digraph { a [label=\"Hello\" fontname=Helvetica] }')\n"
        "assert 'Hello' in svg\n"
        "print('rendered')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PLUGINS)}
    env.pop("FONTCONFIG_FILE", None)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "rendered"
    assert done.stderr == ""  # no 'Fontconfig warning: ... unknown element "reset-dirs"'

