"""The journey map (journey page): the steps in reading order, phases as frames, touchpoints below.

Drawn by Graphviz from DOT made with the ``graphviz`` package. Author text is reduced to
plain text and escaped (:func:`~.common.dot_label`), so it is never read as DOT,
escString (``\\N``), HTML-like label, record field or entity.

The steps run left to right and wrap into rows, like words into lines, so the map is never
wider than :data:`~.common.MAX_WIDTH`: a phase starts a new row when it does not fit after
the previous one, and a phase too long for one row continues on the next ("… name").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import graphviz

from ..i18n import emotion_number, emotion_text, label
from .common import (
    FONT,
    MAX_WIDTH,
    Drawing,
    dot_label,
    journey_title,
    ordered_phases,
    pack_rows,
    phase_name,
    sentence,
    text,
    touchpoint_name,
    wrap,
)
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .palette import BAND, BAND_LINE, BORDER, EMOTION_FILL, ROUTE, SENTIMENT_LINE, emotion_key, ink_on

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey, Step, TouchpointUse

STEP_SIZE = 11  # points: a step's text
STEP_TEXT = 132  # points: the widest line of a step's action (about 22 characters)
STEP_LINES = 4
TOUCHPOINT_SIZE = 9  # the smallest text of the map
TOUCHPOINT_TEXT = 84  # points per line of a touchpoint's name (about 16 characters)
TOUCHPOINT_LINES = 2
PHASE_SIZE = 13
EMPTY_WIDTH = 22  # characters per line of the message of a journey without steps

# Graphviz's geometry, in points (see new_graph and the node attributes below)
PAD = 10.8  # pad="0.15"
NODESEP = 13  # nodesep="0.18"
CLUSTER_MARGIN = 10  # cluster margin="10"
MIN_NODE = 54  # a node is at least 0.75 in wide
STEP_MARGIN = 8.64  # margin="0.12,…"
TOUCHPOINT_MARGIN = 4.32  # margin="0.06,…"
MEASURE = 1.04  # pango's widths run up to 3 % over the font's advance widths
SHAPE_GROWTH = {"box": 1.0, "house": 1.8, "ellipse": 1.45}  # outline width / label box width
PERIPHERY = 8  # a double border

# Fill and text colour per feeling (the light scheme; the stylesheet has both). Every pair
# has a text contrast of at least 4.5:1, and the feeling is also written in the node
# (▼/▲ and the number), so colour is never the only cue.
EMOTION_STYLE: dict[int | None, tuple[str, str]] = {
    emotion: (fills[0], ink_on(fills[0])) for emotion, fills in EMOTION_FILL.items()
}
PAIN_MARK = "⚠"
OPPORTUNITY_MARK = "★"
CONTINUED = "… "  # before the name of a phase continued from the row above

# Touchpoint links by sentiment; negative is also dashed, positive also thicker.
SENTIMENT_EDGE: dict[str | None, dict[str, str]] = {
    "negative": {"color": SENTIMENT_LINE["negative"][0], "style": "dashed", "penwidth": "1.5"},
    "positive": {"color": SENTIMENT_LINE["positive"][0], "style": "solid", "penwidth": "2"},
    "neutral": {"color": SENTIMENT_LINE["neutral"][0], "style": "solid", "penwidth": "1"},
    None: {"color": SENTIMENT_LINE["neutral"][0], "style": "solid", "penwidth": "1"},
}
SENTIMENT_CLASS = {"negative": "jb-sent-negative", "positive": "jb-sent-positive", "neutral": "jb-sent-neutral", None: ""}
# Touchpoint shapes by channel; direct human contact gets a double border.
CHANNEL_SHAPE: dict[str | None, dict[str, str]] = {
    "online": {"shape": "box", "style": "rounded,filled"},
    "offline": {"shape": "house", "style": "filled"},
    None: {"shape": "ellipse", "style": "filled"},
}


def new_graph(name: str, rankdir: str = "TB") -> graphviz.Digraph:
    """A digraph with journeybook's defaults: the shipped font, a transparent ground."""
    graph = graphviz.Digraph(name)
    graph.attr(
        rankdir=rankdir, newrank="true", bgcolor="transparent", pad="0.15", nodesep="0.18", ranksep="0.3",
        fontname=FONT, fontsize="12",
    )  # fmt: skip
    graph.attr("node", fontname=FONT, fontsize="11", color=BORDER, penwidth="1")
    graph.attr("edge", fontname=FONT, arrowsize="0.6")
    return graph


def label_width(lines: list[str], size: float, margin: float, shape: str = "box", peripheries: int = 1) -> float:
    """How wide Graphviz draws a node with these label lines (an upper estimate, in points)."""
    widest = max((text_width(line, size) for line in lines), default=0.0)
    width = max(MIN_NODE, (widest * MEASURE + 2 * margin) * SHAPE_GROWTH[shape] + 2)
    return math.ceil(width + PERIPHERY * (peripheries - 1))


def _step_lines(step: Step, lang: str) -> list[str]:
    lines = [emotion_text(step.emotion), *wrap_to_width(text(step.action, lang), STEP_SIZE, STEP_TEXT, STEP_LINES)]
    marks = []
    if step.pain_points:
        marks.append(f"{PAIN_MARK} {len(step.pain_points)}")
    if step.opportunities:
        marks.append(f"{OPPORTUNITY_MARK} {len(step.opportunities)}")
    if marks:
        lines.append("   ".join(marks))
    return lines


def _touchpoint(handbook: Handbook, use: TouchpointUse, lang: str) -> tuple[list[str], dict[str, str], bool]:
    """A touchpoint use's label lines, shape attributes and whether it is direct contact."""
    touchpoint = handbook.touchpoints.get(use.ref)
    channel = touchpoint.channel if touchpoint is not None else None
    direct = touchpoint is not None and touchpoint.direct
    name = wrap_to_width(touchpoint_name(handbook, use.ref, lang), TOUCHPOINT_SIZE, TOUCHPOINT_TEXT, TOUCHPOINT_LINES)
    return name, CHANNEL_SHAPE[channel], direct


def _column_width(step: Step, handbook: Handbook, lang: str) -> float:
    """How wide a step and the touchpoints hanging below it are drawn."""
    box = label_width(_step_lines(step, lang), STEP_SIZE, STEP_MARGIN)
    below = []
    for use in step.touchpoints:
        name, shape, direct = _touchpoint(handbook, use, lang)
        below.append(label_width(name, TOUCHPOINT_SIZE, TOUCHPOINT_MARGIN, shape["shape"], 2 if direct else 1))
    return max(box, sum(below) + NODESEP * max(len(below) - 1, 0))


def journey_map_dot(handbook: Handbook, journey: Journey, lang: str) -> str:
    """The DOT source of a journey's map (see :func:`journey_map`).

    Layout: the steps are packed into rows (:func:`~.common.pack_rows`, widths estimated
    from the shipped font's metrics and Graphviz's shape geometry) no wider than
    :data:`~.common.MAX_WIDTH`; each row is one rank, its steps chained left to right by
    route edges, and each phase's part of a row is a cluster (its frame and name). The
    touchpoints of a step sit one rank lower, each with a straight line up to its step. The
    next row starts two ranks lower; hidden posts in each row's first frame, chained by heavy
    invisible edges, line the rows up on the left, and a route edge that moves nothing
    (``constraint=false``, ``weight=0``) leads from the end of a row to the start of the
    next. A touchpoint used at several steps appears under each.
    """
    framework = handbook.framework_of(journey)
    graph = new_graph("journey_map")
    if not any(phase.steps for phase in journey.phases):
        graph.node(
            "empty", dot_label(*wrap(journey_title(journey, lang), EMPTY_WIDTH, 2), label("no_steps", lang)),
            shape="box", style="rounded,dashed", color=BORDER, fontsize="13", margin="0.3,0.2", **{"class": "jb-empty"},
        )  # fmt: skip
        return graph.source

    phases = ordered_phases(journey, framework)
    names = [wrap_to_width(phase_name(p.phase, framework, lang), PHASE_SIZE, STEP_TEXT, 2) for p in phases]
    widths = [[_column_width(step, handbook, lang) for step in phase.steps] for phase in phases]
    minimum = [max(text_width(line, PHASE_SIZE) * MEASURE for line in lines) + 4 for lines in names]
    rows = pack_rows(
        widths, MAX_WIDTH - 2 * PAD, gap=NODESEP, overhead=2 * CLUSTER_MARGIN + 4, empty=MIN_NODE, minimum=minimum
    )
    number: dict[tuple[int, int], str] = {}  # (phase, step) → node name, numbered along the route
    for k, phase in enumerate(phases):
        for i in range(len(phase.steps)):
            number[(k, i)] = f"s{len(number)}"

    route: list[list[str]] = []  # every node on the customer's route, row by row
    for r, row in enumerate(rows):
        route.append([])
        below: list[str] = []  # the row's touchpoints, left to right
        for n, segment in enumerate(row):
            k = segment.group
            phase = phases[k]
            with graph.subgraph(name=f"cluster_{r}_{k}") as cluster:
                heading = names[k] if segment.first else [CONTINUED + names[k][0], *names[k][1:]]
                cluster.attr(
                    label=dot_label(*heading), labeljust="l", fontname=FONT, fontsize=str(PHASE_SIZE), style="rounded,filled",
                    fillcolor=BAND, color=BAND_LINE, margin=str(CLUSTER_MARGIN),
                    **{"class": "jb-phase" + ("" if segment.first else " jb-continued")},
                )  # fmt: skip
                if n == 0:  # the row's left edge: hidden posts on its two ranks (see below)
                    _post(cluster, f"L{r}a", f"L{r}b")
                if not phase.steps:  # keeps the phase visible, in its place
                    cluster.node(f"p{k}", dot_label("—"), shape="plaintext")
                    route[-1].append(f"p{k}")
                for i in segment.items:
                    name = number[(k, i)]
                    below += _add_step(cluster, name, phase.steps[i], handbook, lang)
                    route[-1].append(name)
        with graph.subgraph() as line:
            line.attr(rank="same")
            for name in (f"L{r}a", *route[-1]):
                line.node(name)
            line.edge(f"L{r}a", route[-1][0], style="invis")
            for tail, head in zip(route[-1], route[-1][1:], strict=False):
                line.edge(tail, head, color=ROUTE, **{"class": "jb-route"})
        with graph.subgraph() as line:
            line.attr(rank="same")
            for name in (f"L{r}b", *below):
                line.node(name)
            if below:  # the post left of the touchpoints, without pulling them off their step
                line.edge(f"L{r}b", below[0], style="invis", weight="0")
    # Rows are stacked with their hidden posts in one straight vertical line, so every row
    # starts at the same left edge: read like lines of text. (Posts on the right edge as well
    # would make dot misplace a frame now and then; the right edge stays ragged.)
    for r in range(len(rows) - 1):
        graph.edge(f"L{r}b", f"L{r + 1}a", style="invis", weight="100")
    for above, after in zip(route, route[1:], strict=False):
        graph.edge(above[-1], after[0], color=ROUTE, constraint="false", weight="0", **{"class": "jb-route jb-route-wrap"})
    return graph.source


def _post(cluster: graphviz.Digraph, top: str, bottom: str) -> None:
    """Two hidden points, one above the other, that hold a row's left edge in place (the group
    keeps all of them in one straight line)."""
    for name in (top, bottom):
        cluster.node(name, "", shape="point", width="0", style="invis", group="left")
    cluster.edge(top, bottom, style="invis", weight="100")


def _add_step(cluster: graphviz.Digraph, name: str, step: Step, handbook: Handbook, lang: str) -> list[str]:
    """The step's node and, below it, one small node per touchpoint use (their names are returned)."""
    fill, ink = EMOTION_STYLE[step.emotion]
    cluster.node(
        name, dot_label(*_step_lines(step, lang)), shape="box",
        style="rounded,filled" + (",dashed" if step.emotion is None else ""), fillcolor=fill, fontcolor=ink,
        fontsize=str(STEP_SIZE), margin="0.12,0.06", **{"class": f"jb-step jb-emo-{emotion_key(step.emotion)}"},
    )  # fmt: skip
    for j, use in enumerate(step.touchpoints):
        _add_touchpoint(cluster, f"{name}t{j}", name, use, handbook, lang)
    return [f"{name}t{j}" for j in range(len(step.touchpoints))]


def _add_touchpoint(
    cluster: graphviz.Digraph, name: str, step_name: str, use: TouchpointUse, handbook: Handbook, lang: str
) -> None:
    lines, shape, direct = _touchpoint(handbook, use, lang)
    cluster.node(
        name, dot_label(*lines), fontsize=str(TOUCHPOINT_SIZE), fillcolor="white", margin="0.06,0.03", height="0.3",
        peripheries="2" if direct else "1", **shape, **{"class": "jb-tp" + (" jb-direct" if direct else "")},
    )  # fmt: skip
    cluster.edge(step_name, name, dir="none", **SENTIMENT_EDGE[use.sentiment], **{"class": f"jb-link {SENTIMENT_CLASS[use.sentiment]}".strip()})


def _description(handbook: Handbook, journey: Journey, lang: str) -> str:
    """The map as text for assistive technology: each phase with its steps and feelings."""
    framework = handbook.framework_of(journey)
    parts = [label("diagram_desc", lang)]
    for phase in ordered_phases(journey, framework):
        steps = []
        for step in phase.steps:
            details = [f"{label('emotion', lang)} {emotion_number(step.emotion)}"]
            names = [touchpoint_name(handbook, use.ref, lang) for use in step.touchpoints]
            if names:
                details.append(f"{label('touchpoints', lang)}: {', '.join(names)}")
            if step.pain_points:
                details.append(f"{label('pain_points', lang)}: {len(step.pain_points)}")
            if step.opportunities:
                details.append(f"{label('opportunities', lang)}: {len(step.opportunities)}")
            steps.append(f"{text(step.action, lang).rstrip('.')} ({'; '.join(details)})")
        parts.append(f"{phase_name(phase.phase, framework, lang)}: {'; '.join(steps) or label('no_steps', lang)}")
    if len(parts) == 1:
        parts.append(label("no_steps", lang))
    return sentence(*parts)


def _alternative(handbook: Handbook, journey: Journey, lang: str) -> str:
    """Every step as a table row: phase, step, feeling, touchpoints, pain points, opportunities."""
    framework = handbook.framework_of(journey)
    rows = []
    for phase in ordered_phases(journey, framework):
        for step in phase.steps:
            uses = []
            for use in step.touchpoints:
                mark = f" ({label(use.sentiment, lang)})" if use.sentiment else ""
                touchpoint = handbook.touchpoints.get(use.ref)
                direct = f" [{label('direct', lang).lower()}]" if touchpoint is not None and touchpoint.direct else ""
                uses.append(f"{touchpoint_name(handbook, use.ref, lang)}{direct}{mark}")
            rows.append(
                [
                    phase_name(phase.phase, framework, lang),
                    text(step.action, lang),
                    emotion_text(step.emotion) if step.emotion is not None else label("dg_not_recorded", lang),
                    ", ".join(uses),
                    "; ".join(text(p.text, lang) for p in step.pain_points),
                    "; ".join(text(handbook.opportunity(o).text, lang) for o in step.opportunities),
                ]
            )
    headers = [label(key, lang) for key in ("phase", "step", "emotion")]
    headers += [label("dg_touchpoint_uses", lang), label("pain_points", lang), label("opportunities", lang)]
    return data_table(label("dg_data", lang), headers, rows, empty=label("no_steps", lang))


def plan_journey_map(handbook: Handbook, journey: Journey, lang: str, id_prefix: str | None = None) -> Drawing:
    title = label("diagram_of", lang, title=journey_title(journey, lang))
    steps = any(phase.steps for phase in journey.phases)
    return Drawing(
        kind="journey-map",
        source=journey_map_dot(handbook, journey, lang),
        builder=None,
        title=title,
        description=_description(handbook, journey, lang),
        caption=label("map_legend", lang) if steps else title,  # no legend for a picture without steps
        css_class="jb-journey-map",
        alternative=_alternative(handbook, journey, lang),
        id_prefix=id_prefix or f"jb-{journey.id}-map",
    )
