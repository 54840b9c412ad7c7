"""The persona map (persona page): the value map against the customer profile, and the journeys.

After Osterwalder's Value Proposition Canvas, left to right: what the offer does (products
and services, pain relievers, gain creators) → the customer profile it answers (jobs,
pains, gains; with the persona on top) → the journeys this persona takes, coloured by their
lowest feeling. Parts the persona file leaves out are left out of the picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import emotion_text, label
from .common import Drawing, dot_label, journey_title, sentence, text
from .figure import data_table
from .fonts import wrap_to_width
from .journey_map import EMOTION_STYLE, new_graph
from .palette import BAND, BAND_LINE, BORDER, ROUTE, SURFACE, emotion_key

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey, Persona

# Three columns of at most about 200 points, so the map stays within MAX_WIDTH (620 pt).
ITEM_SIZE = 11
ITEM_TEXT = 140  # points per line of a listed item (about 24 characters)
ITEM_LINES = 3
MAX_ITEMS = 6
TITLE_SIZE = 13
TITLE_TEXT = 130  # points per line of the persona's name and role, and of a journey's title

PROFILE = ("jobs", "pains", "gains")
VALUE = ("products", "pain_relievers", "gain_creators")
FITS = (("products", "jobs"), ("pain_relievers", "pains"), ("gain_creators", "gains"))


def _lines(heading: str, items: list[str], lang: str) -> list[str]:
    lines = [heading]
    for item in items[:MAX_ITEMS]:
        wrapped = wrap_to_width(item, ITEM_SIZE, ITEM_TEXT, ITEM_LINES)
        lines += ["• " + wrapped[0], *("  " + rest for rest in wrapped[1:])]
    if len(items) > MAX_ITEMS:
        lines.append(label("dg_more", lang, n=len(items) - MAX_ITEMS))
    return lines


def _parts(persona: Persona, lang: str) -> dict[str, list[str]]:
    """Every non-empty list of the canvas, as plain text."""
    parts = {key: [text(item, lang) for item in getattr(persona, key)] for key in PROFILE}
    value_map = persona.value_map
    for key in VALUE:
        parts[key] = [text(item, lang) for item in getattr(value_map, key)] if value_map is not None else []
    return {key: items for key, items in parts.items() if items}


def persona_name(persona: Persona, lang: str) -> str:
    return text(persona.name, lang) or persona.id


def persona_map_dot(handbook: Handbook, persona: Persona, lang: str) -> str:
    parts = _parts(persona, lang)
    graph = new_graph("persona_map", rankdir="LR")
    graph.attr(nodesep="0.25", ranksep="0.4")
    box: dict[str, Any] = {"shape": "box", "style": "rounded,filled", "fillcolor": SURFACE, "margin": "0.14,0.08"}

    if any(key in parts for key in VALUE):
        with graph.subgraph(name="cluster_value") as value:
            value.attr(
                label=dot_label(label("value_map", lang)), labeljust="l", fontsize="13", style="rounded,filled",
                fillcolor=BAND, color=BAND_LINE, margin="10", **{"class": "jb-phase"},
            )  # fmt: skip
            present = [key for key in VALUE if key in parts]
            with value.subgraph() as stack:  # one column, top to bottom
                stack.attr(rank="same")
                for key in present:
                    stack.node(key, dot_label(*_lines(label(key, lang), parts[key], lang), align="left"), **box, **{"class": "jb-item jb-value"})
                for upper, lower in zip(present, present[1:], strict=False):
                    stack.edge(lower, upper, style="invis")  # in LR a flat edge runs bottom to top

    name = persona_name(persona, lang)
    role = text(persona.role, lang)
    with graph.subgraph(name="cluster_profile") as profile:
        profile.attr(
            label=dot_label(label("dg_profile", lang)), labeljust="l", fontsize="13", style="rounded,filled",
            fillcolor=BAND, color=BAND_LINE, margin="10", **{"class": "jb-phase"},
        )  # fmt: skip
        with profile.subgraph() as stack:  # the persona above the profile's lists, in one column
            stack.attr(rank="same")
            stack.node(
                "persona",
                dot_label(*wrap_to_width(name, TITLE_SIZE, TITLE_TEXT, 2), *(wrap_to_width(role, TITLE_SIZE, TITLE_TEXT, 3) if role else [])),
                shape="box", style="rounded,filled,bold", fillcolor=SURFACE, fontsize=str(TITLE_SIZE), margin="0.16,0.1",
                **{"class": "jb-persona"},
            )  # fmt: skip
            below = [key for key in PROFILE if key in parts]
            for key in below:
                stack.node(key, dot_label(*_lines(label(key, lang), parts[key], lang), align="left"), **box, **{"class": "jb-item jb-profile"})
            for upper, lower in zip(["persona", *below], below, strict=False):
                stack.edge(lower, upper, style="invis")

    for left, right in FITS:
        if left in parts and right in parts:
            graph.edge(left, right, color=ROUTE, arrowhead="normal", **{"class": "jb-fit"})
    if any(key in parts for key in VALUE) and not any(left in parts and right in parts for left, right in FITS):
        # nothing to link: keep the value map left of the profile all the same
        first_value = next(key for key in VALUE if key in parts)
        graph.edge(first_value, "persona", style="invis")

    journeys = handbook.journeys_of(persona.id)
    with graph.subgraph(name="cluster_journeys") as column:
        column.attr(rank="same")
        column.attr(
            label=dot_label(label("appears_in", lang)), labeljust="l", fontsize="13", style="rounded,filled",
            fillcolor=BAND, color=BAND_LINE, margin="10", **{"class": "jb-phase"},
        )  # fmt: skip
        if not journeys:
            column.node("j_none", dot_label(label("none", lang)), shape="box", style="rounded,dashed", color=BORDER, **{"class": "jb-empty"})
        for i, journey in enumerate(journeys):
            lowest = journey.lowest_emotion()
            fill, ink = EMOTION_STYLE[lowest]
            feeling = f"{label('lowest_emotion', lang)}: {emotion_text(lowest) or '?'}"
            to_be = journey.state == "to-be"  # a future state: dashed, and said in words
            lines = [*wrap_to_width(journey_title(journey, lang), ITEM_SIZE, TITLE_TEXT, 3), *([label("dg_to_be_mark", lang)] if to_be else []), feeling]
            column.node(
                f"j{i}", dot_label(*lines),
                shape="box", style="rounded,filled" + (",dashed" if lowest is None or to_be else ""), fillcolor=fill, fontcolor=ink,
                margin="0.14,0.08", **{"class": f"jb-step jb-emo-{emotion_key(lowest)}" + (" jb-to-be" if to_be else "")},
            )  # fmt: skip
    for i in range(len(journeys) or 1):
        graph.edge("persona", f"j{i}" if journeys else "j_none", color=ROUTE, **{"class": "jb-route"}, **({} if journeys else {"style": "invis"}))
    return graph.source


def _named(journey: Journey, lang: str) -> str:
    """A journey's title, with the to-be mark for a future state."""
    mark = f" {label('dg_to_be_mark', lang)}" if journey.state == "to-be" else ""
    return journey_title(journey, lang) + mark


def _description(handbook: Handbook, persona: Persona, lang: str) -> str:
    name = persona_name(persona, lang)
    parts = [label("dg_persona_desc", lang, name=name)]
    for key, items in _parts(persona, lang).items():
        parts.append(f"{label(key, lang)}: {'; '.join(i.rstrip('.') for i in items)}")
    journeys = [
        f"{_named(j, lang)} ({label('lowest_emotion', lang)} {emotion_text(j.lowest_emotion()) or '?'})"
        for j in handbook.journeys_of(persona.id)
    ]
    parts.append(f"{label('appears_in', lang)}: {'; '.join(journeys) or label('none', lang)}")
    return sentence(*parts)


def _alternative(handbook: Handbook, persona: Persona, lang: str) -> str:
    rows = [[label(key, lang), "; ".join(items)] for key, items in _parts(persona, lang).items()]
    journeys = [
        f"{_named(j, lang)} ({label('lowest_emotion', lang)}: {emotion_text(j.lowest_emotion()) or '?'})"
        for j in handbook.journeys_of(persona.id)
    ]
    rows.append([label("appears_in", lang), "; ".join(journeys) or label("none", lang)])
    return data_table(label("dg_data", lang), [label("dg_part", lang), label("dg_items", lang)], rows)


def plan_persona_map(handbook: Handbook, persona: Persona, lang: str, id_prefix: str | None = None) -> Drawing:
    return Drawing(
        kind="persona-map",
        source=persona_map_dot(handbook, persona, lang),
        builder=None,
        title=label("dg_persona_map_of", lang, name=persona_name(persona, lang)),
        description=_description(handbook, persona, lang),
        caption=label("dg_persona_legend", lang),
        css_class="jb-persona-map",
        alternative=_alternative(handbook, persona, lang),
        id_prefix=id_prefix or f"jb-persona-{persona.id}-map",
    )
