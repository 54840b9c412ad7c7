"""The overview map (overview page): personas × journeys, and journeys × phases with their worst feeling.

Left to right: every persona → the journeys it takes → each journey's phases, one below the
other in order (so the map's width does not grow with the number of phases), each phase
coloured by the lowest feeling recorded in it (▼/▲ and the number written too). A journey
without persona, or a persona without journey, still gets its node.

A designed future state (``state: to-be``) follows right after the as-is journey it improves,
in a dashed box with "(to-be)" under its title, and a dashed arrow labelled "improves" leads
from it to that as-is journey. A handbook without to-be journeys gets the same map as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..future import as_is_of
from ..i18n import emotion_text, label
from .common import (
    Drawing,
    dot_label,
    journey_title,
    ordered_phases,
    phase_name,
    sentence,
    text,
    wrap,
)
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .journey_map import EMOTION_STYLE, new_graph
from .palette import BORDER, ROUTE, SURFACE, emotion_key

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey

NAME_WIDTH = 24  # characters per line of a persona's name or a journey's title
PHASE_SIZE = 10
PHASE_TEXT = 120  # points per line of a phase's name


def _persona_name(handbook: Handbook, persona_id: str, lang: str) -> str:
    persona = handbook.personas.get(persona_id)
    return (text(persona.name, lang) if persona is not None else "") or persona_id


def _feeling(value: int | None, lang: str) -> str:
    return emotion_text(value) if value is not None else "?"


def paired(handbook: Handbook) -> list[Journey]:
    """The journeys in handbook order, each to-be journey moved right after the as-is journey it
    improves (in their own order); one that improves no known as-is journey keeps its place."""
    journeys = list(handbook.journeys.values())
    futures = {j.id: as_is_of(handbook, j) for j in journeys}
    out: list[Journey] = []
    for journey in journeys:
        if futures[journey.id] is not None:
            continue
        out.append(journey)
        out += [j for j in journeys if (a := futures[j.id]) is not None and a.id == journey.id]
    return out


def _phase_lines(name: str, feeling: str) -> list[str]:
    """A phase's name and its lowest feeling on one line when they fit, else the name wrapped above it."""
    one = f"{name} {feeling}"
    if text_width(one, PHASE_SIZE) <= PHASE_TEXT:
        return [one]
    return [*wrap_to_width(name, PHASE_SIZE, PHASE_TEXT, 2), feeling]


def overview_map_dot(handbook: Handbook, lang: str) -> str:
    graph = new_graph("overview_map", rankdir="LR")
    graph.attr(nodesep="0.12", ranksep="0.35")
    if not handbook.journeys and not handbook.personas:
        graph.node("empty", dot_label(label("none", lang)), shape="box", style="rounded,dashed", color=BORDER, **{"class": "jb-empty"})
        return graph.source
    persona_nodes = {}
    for i, persona_id in enumerate(handbook.personas):
        persona_nodes[persona_id] = f"p{i}"
        graph.node(
            f"p{i}", dot_label(*wrap(_persona_name(handbook, persona_id, lang), NAME_WIDTH, 2)), shape="box",
            style="rounded,filled,bold", fillcolor=SURFACE, fontsize="12", margin="0.14,0.08", **{"class": "jb-persona"},
        )  # fmt: skip
    journeys = paired(handbook)
    node_of = {journey.id: f"j{j}" for j, journey in enumerate(journeys)}
    for j, journey in enumerate(journeys):
        framework = handbook.framework_of(journey)
        if journey.state == "to-be":  # a future state: dashed, and said in words
            graph.node(
                f"j{j}", dot_label(*wrap(journey_title(journey, lang), NAME_WIDTH, 3), label("dg_to_be_mark", lang)),
                shape="box", style="rounded,filled,dashed", fillcolor=SURFACE, margin="0.14,0.08",
                **{"class": "jb-journey jb-to-be"},
            )  # fmt: skip
        else:
            graph.node(
                f"j{j}", dot_label(*wrap(journey_title(journey, lang), NAME_WIDTH, 3)), shape="box", style="rounded,filled",
                fillcolor=SURFACE, margin="0.14,0.08", **{"class": "jb-journey"},
            )  # fmt: skip
        for persona_id in journey.persona:
            if persona_id in persona_nodes:
                graph.edge(persona_nodes[persona_id], f"j{j}", color=ROUTE, **{"class": "jb-route"})
        names = [f"j{j}p{k}" for k in range(len(journey.phases))]
        with graph.subgraph() as column:  # the journey's phases one below the other, in order
            column.attr(rank="same")
            for k, phase in enumerate(ordered_phases(journey, framework)):
                worst = journey.lowest_emotion(phase)
                fill, ink = EMOTION_STYLE[worst]
                column.node(
                    names[k], dot_label(*_phase_lines(phase_name(phase.phase, framework, lang), _feeling(worst, lang))),
                    shape="box", style="rounded,filled" + (",dashed" if worst is None else ""), fillcolor=fill, fontcolor=ink,
                    fontsize=str(PHASE_SIZE), margin="0.1,0.04", height="0.3", **{"class": f"jb-step jb-emo-{emotion_key(worst)}"},
                )  # fmt: skip
            for tail, head in zip(names, names[1:], strict=False):
                column.edge(tail, head, color=ROUTE, **{"class": "jb-route"})
        if names:
            graph.edge(f"j{j}", names[0], color=ROUTE, **{"class": "jb-route"})
    for j, journey in enumerate(journeys):
        as_is = as_is_of(handbook, journey)
        if as_is is None or as_is.id not in node_of:
            continue
        with graph.subgraph() as pair:  # side by side in one column, whatever personas they have
            pair.attr(rank="same")
            pair.node(node_of[as_is.id])
            pair.node(f"j{j}")
        # the future state points at what it improves; the word is an xlabel: an edge 'label' on a
        # constraint=false edge between nodes of one rank makes Graphviz abort the process
        # (mincross.c fixLabelOrder) in larger handbooks
        graph.edge(
            f"j{j}", node_of[as_is.id], xlabel=dot_label(label("dg_improves", lang)), style="dashed", color=ROUTE,
            fontsize="10", constraint="false", **{"class": "jb-route jb-improves"},
        )  # fmt: skip
    return graph.source


def _title(handbook: Handbook, journey: Journey, lang: str) -> str:
    """The journey's title; a future state's says so, and what it improves."""
    title = journey_title(journey, lang)
    if journey.state != "to-be":
        return title
    as_is = as_is_of(handbook, journey)
    improves = f"; {label('dg_improves', lang)} {journey_title(as_is, lang)}" if as_is is not None else ""
    return f"{title} ({label('dg_to_be', lang)}{improves})"


def _rows(handbook: Handbook, lang: str) -> list[list[str]]:
    rows = []
    for journey in paired(handbook):
        framework = handbook.framework_of(journey)
        personas = ", ".join(_persona_name(handbook, p, lang) for p in journey.persona) or label("dg_no_persona", lang)
        phases = " → ".join(
            f"{phase_name(phase.phase, framework, lang)} ({_feeling(journey.lowest_emotion(phase), lang)})"
            for phase in ordered_phases(journey, framework)
        )
        rows.append([_title(handbook, journey, lang), personas, phases or label("no_steps", lang), _feeling(journey.lowest_emotion(), lang)])
    for persona_id in handbook.personas:
        if not handbook.journeys_of(persona_id):
            rows.append(["—", _persona_name(handbook, persona_id, lang), "", ""])
    return rows


def _description(handbook: Handbook, lang: str) -> str:
    parts = [label("dg_overview_desc", lang)]
    for title, personas, phases, _lowest in _rows(handbook, lang):
        parts.append(f"{title} ({personas}): {phases}" if phases else f"{personas}: {label('none', lang)}")
    if len(parts) == 1:
        parts.append(label("none", lang))
    return sentence(*parts)


def plan_overview_map(handbook: Handbook, lang: str, id_prefix: str | None = None) -> Drawing:
    headers = [label("journey", lang), label("personas", lang), label("phases", lang), label("lowest_emotion", lang)]
    return Drawing(
        kind="overview-map",
        source=overview_map_dot(handbook, lang),
        builder=None,
        title=label("dg_overview_title", lang),
        description=_description(handbook, lang),
        caption=label("dg_overview_legend", lang) + (
            " " + label("dg_overview_to_be", lang) if any(j.state == "to-be" for j in handbook.journeys.values()) else ""
        ),
        css_class="jb-overview-map",
        alternative=data_table(label("dg_data", lang), headers, _rows(handbook, lang), empty=label("none", lang)),
        id_prefix=id_prefix or "jb-overview-map",
    )
