"""The journey map (journey page): phases as clusters, steps in order, touchpoints below them.

Drawn by Graphviz from DOT made with the ``graphviz`` package. Author text is reduced to
plain text and escaped (:func:`~.common.dot_label`), so it is never read as DOT,
escString (``\\N``), HTML-like label, record field or entity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import graphviz

from ..i18n import emotion_number, emotion_text, label
from .common import (
    FONT,
    Drawing,
    dot_label,
    framework_of,
    journey_title,
    ordered_phases,
    phase_name,
    sentence,
    text,
    touchpoint_name,
    wrap,
)
from .engines import Engine, default_engine
from .figure import data_table
from .palette import BAND, BAND_LINE, BORDER, EMOTION_FILL, ROUTE, SENTIMENT_LINE, emotion_key, ink_on

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey, Step, TouchpointUse

STEP_WIDTH = 28  # characters per line of a step's action
STEP_LINES = 4
TOUCHPOINT_WIDTH = 18
TOUCHPOINT_LINES = 2

# Fill and text colour per feeling (the light scheme; the stylesheet has both). Every pair
# has a text contrast of at least 4.5:1, and the feeling is also written in the node
# (▼/▲ and the number), so colour is never the only cue.
EMOTION_STYLE: dict[Optional[int], tuple[str, str]] = {
    emotion: (fills[0], ink_on(fills[0])) for emotion, fills in EMOTION_FILL.items()
}
PAIN_MARK = "⚠"
OPPORTUNITY_MARK = "★"

# Touchpoint links by sentiment; negative is also dashed, positive also thicker.
SENTIMENT_EDGE: dict[Optional[str], dict[str, str]] = {
    "negative": {"color": SENTIMENT_LINE["negative"][0], "style": "dashed", "penwidth": "1.5"},
    "positive": {"color": SENTIMENT_LINE["positive"][0], "style": "solid", "penwidth": "2"},
    "neutral": {"color": SENTIMENT_LINE["neutral"][0], "style": "solid", "penwidth": "1"},
    None: {"color": SENTIMENT_LINE["neutral"][0], "style": "solid", "penwidth": "1"},
}
SENTIMENT_CLASS = {"negative": "jb-sent-negative", "positive": "jb-sent-positive", "neutral": "jb-sent-neutral", None: ""}
# Touchpoint shapes by channel; direct human contact gets a double border.
CHANNEL_SHAPE: dict[Optional[str], dict[str, str]] = {
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


def journey_map_dot(handbook: "Handbook", journey: "Journey", lang: str) -> str:
    """The DOT source of a journey's map (see :func:`journey_map`).

    Layout: all steps form one rank (a row), chained by route edges, which dot always draws
    left to right; each phase is a cluster around its steps. Touchpoints sit one rank lower,
    each under its own step with a straight line to it (with rankdir=LR the touchpoints of a
    step would share its column, and every line after the first bends around the others).
    A touchpoint used at several steps appears under each of them.
    """
    framework = framework_of(handbook, journey)
    graph = new_graph("journey_map")
    if not any(phase.steps for phase in journey.phases):
        graph.node(
            "empty", dot_label(*wrap(journey_title(journey, lang), STEP_WIDTH, STEP_LINES), "", label("no_steps", lang)),
            shape="box", style="rounded,dashed", color=BORDER, **{"class": "jb-empty"},
        )  # fmt: skip
        return graph.source

    route: list[str] = []  # every node on the customer's route, left to right
    steps = 0
    for k, phase in enumerate(ordered_phases(journey, framework)):
        with graph.subgraph(name=f"cluster_{k}") as cluster:
            heading = wrap(phase_name(phase.phase, framework, lang), STEP_WIDTH, 2)
            cluster.attr(
                label=dot_label(*heading), labeljust="l", fontname=FONT, fontsize="13", style="rounded,filled",
                fillcolor=BAND, color=BAND_LINE, margin="10", **{"class": "jb-phase"},
            )  # fmt: skip
            if not phase.steps:  # keeps the phase visible, in its place
                cluster.node(f"p{k}", dot_label("—"), shape="plaintext")
                route.append(f"p{k}")
            for step in phase.steps:
                _add_step(cluster, f"s{steps}", step, handbook, lang)
                route.append(f"s{steps}")
                steps += 1
    with graph.subgraph() as row:
        row.attr(rank="same")
        for name in route:
            row.node(name)
        for tail, head in zip(route, route[1:]):
            row.edge(tail, head, color=ROUTE, **{"class": "jb-route"})
    return graph.source


def _add_step(cluster: graphviz.Digraph, name: str, step: "Step", handbook: "Handbook", lang: str) -> None:
    """The step's node and, below it, one small node per touchpoint use."""
    fill, ink = EMOTION_STYLE[step.emotion]
    lines = [emotion_text(step.emotion), *wrap(text(step.action, lang), STEP_WIDTH, STEP_LINES)]
    marks = []
    if step.pain_points:
        marks.append(f"{PAIN_MARK} {len(step.pain_points)}")
    if step.opportunities:
        marks.append(f"{OPPORTUNITY_MARK} {len(step.opportunities)}")
    if marks:
        lines.append("   ".join(marks))
    cluster.node(
        name, dot_label(*lines), shape="box", style="rounded,filled" + (",dashed" if step.emotion is None else ""),
        fillcolor=fill, fontcolor=ink, margin="0.12,0.06", **{"class": f"jb-step jb-emo-{emotion_key(step.emotion)}"},
    )  # fmt: skip
    for j, use in enumerate(step.touchpoints):
        _add_touchpoint(cluster, f"{name}t{j}", name, use, handbook, lang)


def _add_touchpoint(
    cluster: graphviz.Digraph, name: str, step_name: str, use: "TouchpointUse", handbook: "Handbook", lang: str
) -> None:
    touchpoint = handbook.touchpoints.get(use.ref)
    channel = touchpoint.channel if touchpoint is not None else None
    direct = touchpoint is not None and touchpoint.direct
    cluster.node(
        name, dot_label(*wrap(touchpoint_name(handbook, use.ref, lang), TOUCHPOINT_WIDTH, TOUCHPOINT_LINES)),
        fontsize="9", fillcolor="white", margin="0.06,0.03", height="0.3", peripheries="2" if direct else "1",
        **CHANNEL_SHAPE[channel], **{"class": "jb-tp" + (" jb-direct" if direct else "")},
    )  # fmt: skip
    cluster.edge(step_name, name, dir="none", **SENTIMENT_EDGE[use.sentiment], **{"class": f"jb-link {SENTIMENT_CLASS[use.sentiment]}".strip()})


def _description(handbook: "Handbook", journey: "Journey", lang: str) -> str:
    """The map as text for assistive technology: each phase with its steps and feelings."""
    framework = framework_of(handbook, journey)
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


def _alternative(handbook: "Handbook", journey: "Journey", lang: str) -> str:
    """Every step as a table row: phase, step, feeling, touchpoints, pain points, opportunities."""
    framework = framework_of(handbook, journey)
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
                    "; ".join(text(o.text, lang) for o in step.opportunities),
                ]
            )
    headers = [label(key, lang) for key in ("phase", "step", "emotion")]
    headers += [label("dg_touchpoint_uses", lang), label("pain_points", lang), label("opportunities", lang)]
    return data_table(label("dg_data", lang), headers, rows, empty=label("no_steps", lang))


def plan_journey_map(handbook: "Handbook", journey: "Journey", lang: str, id_prefix: Optional[str] = None) -> Drawing:
    return Drawing(
        kind="journey-map",
        source=journey_map_dot(handbook, journey, lang),
        builder=None,
        title=label("diagram_of", lang, title=journey_title(journey, lang)),
        description=_description(handbook, journey, lang),
        caption=label("map_legend", lang),
        css_class="jb-journey-map",
        alternative=_alternative(handbook, journey, lang),
        id_prefix=id_prefix or f"jb-{journey.id}-map",
    )


def journey_map(
    handbook: "Handbook",
    journey: "Journey",
    lang: str,
    engine: Optional[Engine] = None,
    id_prefix: Optional[str] = None,
) -> str:
    """The finished HTML of a journey's map, made by :func:`~.figure.figure`.

    ``<figure class="jb-diagram jb-journey-map" ...><svg ...>...</svg><details>...</details><figcaption>...</figcaption></figure>``

    Phases are clusters from left to right in framework order; each step is a box coloured
    by feeling with its action, ▲/▼ and number, ⚠ pain points and ★ opportunities; its
    touchpoints hang below it. ``id_prefix`` defaults to ``jb-<journey id>-map``.
    """
    return plan_journey_map(handbook, journey, lang, id_prefix).make(engine or default_engine())
