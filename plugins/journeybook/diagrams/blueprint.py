"""The service blueprint (journey page of a journey with lanes): what the organisation does behind each step.

After Shostack (1984) and Bitner, Ostrom & Morgan (2008). One column per step, grouped by
phase (a band with the phase's name behind its columns); top to bottom the lanes:

===================  ================================================================
lane                 what it holds
===================  ================================================================
touchpoints          the touchpoints the customer meets (the physical evidence)
customer actions     the step's action
— line of interaction (solid) —
frontstage           what employees do in sight of the customer
— line of visibility (dashed) —
backstage            what employees do out of sight
— line of internal interaction (dotted) —
support              the systems and processes behind it
fail points          ⚠ in a circle and the fail point's text (only when there is one)
===================  ================================================================

A step with a fail point also carries the ⚠ circle on its customer action. The steps wrap
into blocks one below the other, like the journey map's rows, so the blueprint is never
wider than :data:`BUDGET`; a phase starts a new block when it does not fit after the
previous one, and one too long for a block goes on in the next ("… name"). Long texts are
wrapped and cut ("…"), a crowded cell shows its first :data:`MAX_ITEMS` items and "+n more";
the data table under the picture holds every text in full.

Drawn directly as SVG from plain data (:func:`blueprint_data`); author text is plain text,
written as XML text (never markup). Colours: shapes carry the classes the stylesheet
already restyles for the dark scheme (``jb-band``, ``jb-tp``, ``jb-zero``, ``jb-grid``,
``jb-moment-ring``) next to their own ``jb-bp-*`` classes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import label
from .common import (
    MAX_WIDTH,
    Drawing,
    Segment,
    canonical_json,
    journey_title,
    ordered_phases,
    pack_rows,
    phase_name,
    sentence,
    text,
    touchpoint_name,
)
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .palette import BAND, BAND_LINE, BORDER, GRID, INK, INK_LIGHT, SURFACE, light
from .svg import Canvas, Number, empty_panel, num

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey, Step

# The widest the blueprint is drawn (points). A little under MAX_WIDTH: at a 1280 px window
# (a 688 px column) its smallest text, 9 pt, is then still 10 CSS px.
BUDGET = MAX_WIDTH - 12
FAIL_MARK = "⚠"
CONTINUED = "… "  # before the name of a phase continued from the block above

LEFT = 84  # the lane names' column
RIGHT = 4
COLUMN = 118  # one step (four fit a block)
GAP = 6  # between two columns
BAND_PAD = 4  # inside a phase band, left and right of its columns
EMPTY_COLUMN = 44  # a phase without steps, at least
BLOCK_GAP = 14  # between two blocks

PHASE_SIZE = 11
PHASE_LINE = 14
PHASE_LINES = 2
SIZE = 10  # lane names, actions, lane items
LINE = 12.5
SMALL = 9  # touchpoints, fail points, the lines' names, "+n more"
SMALL_LINE = 11
CARD_PAD = 5  # inside a card, left and right
ACTION_LINES = 4
ITEM_LINES = 3
TOUCHPOINT_LINES = 2
FAIL_LINES = 4
MAX_ITEMS = 4  # items shown per cell; more: "+n more"
ITEM_GAP = 4
LANE_PAD = 6  # above and below a lane's cards
MIN_LANE = 24  # an empty lane
STRIP = 18  # the band of a line: its name, then the line
RING = 8  # radius of the ⚠ circle

LANES = ("touchpoints", "customer", "frontstage", "backstage", "support")
# The line drawn above each of these lanes: (its name's label, its class, its dashes).
LINES: dict[str, tuple[str, str, str | None]] = {
    "frontstage": ("dg_line_interaction", "jb-bp-interaction", None),
    "backstage": ("dg_line_visibility", "jb-bp-visibility", "7 4"),
    "support": ("dg_line_internal", "jb-bp-internal", "2 3"),
}


def _step_data(handbook: Handbook, step: Step, lang: str) -> dict[str, Any]:
    return {
        "action": text(step.action, lang),
        "touchpoints": [touchpoint_name(handbook, use.ref, lang) for use in step.touchpoints],
        "frontstage": [text(item, lang) for item in step.frontstage],
        "backstage": [text(item, lang) for item in step.backstage],
        "support": [text(item, lang) for item in step.support],
        "fail": text(step.fail_point, lang),
    }


def blueprint_data(handbook: Handbook, journey: Journey, lang: str) -> dict[str, Any]:
    """What the blueprint shows, as plain data (its JSON is the cache key and the builder's input)."""
    framework = handbook.framework_of(journey)
    phases = [
        {"name": phase_name(phase.phase, framework, lang), "steps": [_step_data(handbook, s, lang) for s in phase.steps]}
        for phase in ordered_phases(journey, framework)
    ]
    return {
        "phases": phases,
        "lanes": {lane: label(f"dg_lane_{lane}", lang) for lane in (*LANES, "fail")},
        "lines": {lane: label(key, lang) for lane, (key, _c, _d) in LINES.items()},
        "more": label("dg_more", lang, n="{n}"),
        "empty": label("no_steps", lang),
    }


# --------------------------------------------------------------------------- drawing


@dataclass(frozen=True)
class Item:
    """One box in a lane cell (or the "+n more" under the last one)."""

    lines: tuple[str, ...]
    small: bool = False  # 9 pt (touchpoints) rather than 10 pt
    more: bool = False  # "+n more": text without a box

    @property
    def height(self) -> float:
        return len(self.lines) * (SMALL_LINE if self.small else LINE) + 7


def _items(texts: list[str], more: str, small: bool = False) -> list[Item]:
    """A lane cell's items, each wrapped and cut; past MAX_ITEMS the last place says "+n more"."""
    shown = texts if len(texts) <= MAX_ITEMS else texts[: MAX_ITEMS - 1]
    size, lines = (SMALL, TOUCHPOINT_LINES) if small else (SIZE, ITEM_LINES)
    out = [Item(tuple(wrap_to_width(t, size, COLUMN - 2 * CARD_PAD, lines)), small) for t in shown]
    if len(shown) < len(texts):
        out.append(Item((more.replace("{n}", str(len(texts) - len(shown))),), small, more=True))
    return out


def _cell(step: dict[str, Any], lane: str, more: str) -> list[Item]:
    """What a step shows in a lane."""
    if lane == "touchpoints":
        return _items(step["touchpoints"], more, small=True)
    if lane == "customer":  # the ⚠ circle of a fail point sits top right, beside the text
        room = COLUMN - 2 * CARD_PAD - (2 * RING if step["fail"] else 0)
        return [Item(tuple(wrap_to_width(step["action"] or "—", SIZE, room, ACTION_LINES)))]
    return _items(step[lane], more)


def _cell_height(items: list[Item]) -> float:
    return sum(item.height for item in items) + ITEM_GAP * max(len(items) - 1, 0)


def _fail_lines(step: dict[str, Any]) -> list[str]:
    return wrap_to_width(step["fail"], SMALL, COLUMN - 2 * RING - 6, FAIL_LINES) if step["fail"] else []


def _rounded(x: Number, y: Number, width: Number, height: Number, r: Number = 4) -> str:
    """A rounded rectangle as path data (a path, so the stylesheet's card rules apply in dark mode)."""
    return (
        f"M{num(x + r)},{num(y)}H{num(x + width - r)}Q{num(x + width)},{num(y)} {num(x + width)},{num(y + r)}"
        f"V{num(y + height - r)}Q{num(x + width)},{num(y + height)} {num(x + width - r)},{num(y + height)}"
        f"H{num(x + r)}Q{num(x)},{num(y + height)} {num(x)},{num(y + height - r)}V{num(y + r)}"
        f"Q{num(x)},{num(y)} {num(x + r)},{num(y)}Z"
    )


@dataclass
class Block:
    """One block of the blueprint: a row of phase segments and the height of each of its lanes."""

    segments: list[Segment]
    headings: list[list[str]]  # each segment's phase name, wrapped
    width: float  # of the segments, without the lane names' column
    header: float
    lanes: dict[str, float]  # lane → height ("fail" only when the journey has a fail point)

    @property
    def height(self) -> float:
        return self.header + sum(self.lanes.values()) + STRIP * len(LINES) + 4


def build_blueprint(source: str) -> str:
    """The SVG of the blueprint described by ``source`` (the JSON of :func:`blueprint_data`).

    The steps are packed into blocks (:func:`~.common.pack_rows`, a phase kept whole when it
    fits a block); each block's lanes are as high as their fullest cell in that block.
    """
    data = json.loads(source)
    phases = data["phases"]
    if not any(p["steps"] for p in phases):
        return empty_panel(data["empty"], "jb-blueprint-svg")
    more = data["more"]
    lanes = [*LANES, "fail"] if any(step["fail"] for p in phases for step in p["steps"]) else list(LANES)

    def floor(phase: dict[str, Any]) -> float:
        """The least width inside a phase's band: its longest word (a phase without steps a little more)."""
        longest = max((text_width(word, PHASE_SIZE) for word in phase["name"].split()), default=0)
        return min(COLUMN, math.ceil(longest) + (8 if phase["steps"] else 14))

    floors = [floor(p) for p in phases]
    rows = pack_rows(
        [[COLUMN] * len(p["steps"]) for p in phases], BUDGET - LEFT - RIGHT, gap=GAP, overhead=2 * BAND_PAD,
        empty=EMPTY_COLUMN, minimum=floors,
    )  # fmt: skip

    def band_width(segment: Segment) -> float:
        """As :func:`~.common.pack_rows` counts it: the columns (or EMPTY_COLUMN), at least the floor, plus padding."""
        inner = len(segment.items) * COLUMN + GAP * (len(segment.items) - 1) if segment.items else EMPTY_COLUMN
        return max(inner, floors[segment.group]) + 2 * BAND_PAD

    names = {lane: wrap_to_width(data["lanes"][lane], SIZE, LEFT - 8, 3) for lane in lanes}
    blocks = []
    for row in rows:
        headings = [
            wrap_to_width(("" if seg.first else CONTINUED) + phases[seg.group]["name"], PHASE_SIZE, band_width(seg) - 8, PHASE_LINES)
            for seg in row
        ]  # fmt: skip
        steps = [phases[seg.group]["steps"][i] for seg in row for i in seg.items]
        heights: dict[str, float] = {}
        for lane in lanes:
            content: list[float]
            if lane == "fail":
                content = [len(_fail_lines(s)) * SMALL_LINE + 4 for s in steps]
            else:
                content = [_cell_height(_cell(s, lane, more)) for s in steps]
            heights[lane] = max([MIN_LANE, *(h + 2 * LANE_PAD for h in content), len(names[lane]) * LINE + 2 * LANE_PAD])
        width = sum(band_width(seg) for seg in row) + GAP * (len(row) - 1)
        blocks.append(Block(row, headings, width, max(len(h) for h in headings) * PHASE_LINE + 8, heights))

    width = LEFT + max(b.width for b in blocks) + RIGHT
    canvas = Canvas(width, sum(b.height for b in blocks) + BLOCK_GAP * (len(blocks) - 1) + 2, "jb-blueprint-svg", SIZE)
    top = 1.0
    for block in blocks:
        _draw_block(canvas, data, block, top, names, band_width)
        top += block.height + BLOCK_GAP
    return canvas.source()


def _draw_block(
    canvas: Canvas, data: dict[str, Any], block: Block, top: float, names: dict[str, list[str]], band_width: Any
) -> None:
    """One block, from ``top`` down: its phase bands, the lane names, the three lines, the steps."""
    phases, more = data["phases"], data["more"]
    group = canvas.group("jb-bp-block")
    bands = canvas.group("jb-bands", group)
    columns: list[tuple[float, dict[str, Any] | None]] = []  # (left edge, step); None: a phase without steps (its middle)
    x = float(LEFT)
    for segment, heading in zip(block.segments, block.headings, strict=True):
        band = band_width(segment)
        canvas.add(
            bands, "rect", "jb-band jb-bp-phase" + ("" if segment.first else " jb-continued"), x=x, y=top,
            width=band, height=block.height, rx=6, fill=BAND, stroke=BAND_LINE, stroke_width=1,
        )  # fmt: skip
        for i, line in enumerate(heading):
            canvas.text(bands, x + band / 2, top + 16 + i * PHASE_LINE, line, "jb-band-name", text_anchor="middle", font_size=PHASE_SIZE, fill=INK)
        steps = phases[segment.group]["steps"]
        columns += [(x + BAND_PAD + n * (COLUMN + GAP), steps[i]) for n, i in enumerate(segment.items)] or [(x + band / 2, None)]
        x += band + GAP

    # the lanes top to bottom, each named on the left; a line with its name above three of them
    right = LEFT + block.width + 2
    lines = canvas.group("jb-bp-lines", group)
    lane_names = canvas.group("jb-bp-lane-names", group)
    lane_top: dict[str, float] = {}
    y = top + block.header
    for lane, height in block.lanes.items():
        if lane in LINES:
            _key, css, dashes = LINES[lane]
            canvas.text(lines, 6, y + STRIP - 8, data["lines"][lane], f"jb-bp-line-name {css}", font_size=SMALL, fill=INK)
            canvas.add(
                lines, "line", f"jb-zero jb-bp-line {css}", x1=2, y1=y + STRIP - 4, x2=right, y2=y + STRIP - 4,
                stroke=INK_LIGHT, stroke_width=1.5, **({"stroke_dasharray": dashes} if dashes else {}),
            )  # fmt: skip
            y += STRIP
        elif lane == "fail":  # fail points: under a thin line of their own
            canvas.add(lines, "line", "jb-grid jb-bp-fail-line", x1=2, y1=y, x2=right, y2=y, stroke=GRID, stroke_width=1, stroke_dasharray="3 3")
        lane_top[lane] = y
        name = canvas.group(f"jb-bp-lane-name jb-bp-{lane}", lane_names)
        for i, line in enumerate(names[lane]):
            canvas.text(name, 6, y + LANE_PAD + 9 + i * LINE, line, fill=INK)
        y += height

    cells = canvas.group("jb-bp-steps", group)
    for left, step in columns:
        if step is None:  # a phase without steps keeps its place
            canvas.text(cells, left, lane_top["customer"] + LANE_PAD + 13, "—", "jb-bp-empty", text_anchor="middle", fill=INK_LIGHT)
            continue
        column = canvas.group("jb-bp-step" + (" jb-bp-has-fail" if step["fail"] else ""), cells)
        for lane in LANES:
            y = lane_top[lane] + LANE_PAD
            for item in _cell(step, lane, more):
                css = "jb-bp-action" if lane == "customer" else "jb-bp-touchpoint" if lane == "touchpoints" else f"jb-bp-item jb-bp-{lane}"
                _draw_item(canvas, column, css, item, left, y)
                y += item.height + ITEM_GAP
        if step["fail"]:
            _ring(canvas, column, left + COLUMN - RING - 2, lane_top["customer"] + LANE_PAD + RING + 2)
            y = lane_top["fail"] + LANE_PAD + 2
            _ring(canvas, column, left + RING + 1, y + RING)
            for i, line in enumerate(_fail_lines(step)):
                canvas.text(column, left + 2 * RING + 6, y + 11 + i * SMALL_LINE, line, "jb-bp-fail-text", font_size=SMALL, fill=INK)


def _draw_item(canvas: Canvas, parent: Any, css: str, item: Item, left: float, y: float) -> None:
    """A box with its text left-aligned (class ``jb-tp``: surface fill and border in both schemes),
    or the words "+n more"."""
    if item.more:
        canvas.text(parent, left + CARD_PAD, y + 10, item.lines[0], "jb-bp-more", font_size=SMALL, fill=INK)
        return
    group = canvas.group(f"jb-tp {css}", parent)
    if item.small:  # small print: the group's size, inherited by its text
        group.set("font-size", num(SMALL))
    strong = css == "jb-bp-action"  # the customer's own actions: a heavier border
    canvas.add(
        group, "path", d=_rounded(left, y, COLUMN, item.height), fill=SURFACE, stroke=BORDER, stroke_width=1.5 if strong else 1
    )  # fmt: skip
    line, lift = (SMALL_LINE, 2) if item.small else (LINE, 3)
    for i, part in enumerate(item.lines):
        canvas.text(group, left + CARD_PAD, y + 3.5 + (i + 1) * line - lift, part, fill=INK)


def _ring(canvas: Canvas, parent: Any, cx: float, cy: float) -> None:
    """⚠ in a circle: the mark of a fail point (red ring, the symbol in the page's ink)."""
    group = canvas.group("jb-bp-fail-mark", parent)
    canvas.add(
        group, "circle", "jb-moment-ring jb-bp-fail-ring", cx=cx, cy=cy, r=RING, fill="none",
        stroke=light("sent-negative"), stroke_width=1.5,
    )  # fmt: skip
    canvas.text(group, cx, cy + 3.3, FAIL_MARK, "jb-bp-fail-symbol", text_anchor="middle", font_size=SMALL, fill=INK)


# --------------------------------------------------------------------------- words


def _joined(items: list[str]) -> str:
    return "; ".join(item for item in items if item)


def _description(data: dict[str, Any], lang: str) -> str:
    parts = [label("dg_blueprint_desc", lang)]
    lanes = data["lanes"]
    for phase in data["phases"]:
        steps = []
        for step in phase["steps"]:
            details = [f"{lanes[lane]}: {_joined(step[lane])}" for lane in ("touchpoints", *LANES[2:]) if step[lane]]
            if step["fail"]:
                details.append(label("dg_fail_at", lang, text=step["fail"]))
            action = step["action"].rstrip(".") or "—"
            steps.append(f"{action} ({'; '.join(details)})" if details else action)
        parts.append(f"{phase['name']}: {'; '.join(steps) or label('no_steps', lang)}")
    if not any(p["steps"] for p in data["phases"]):
        parts.append(label("no_steps", lang))
    return sentence(*parts)


def _alternative(handbook: Handbook, journey: Journey, lang: str) -> str:
    """Every step as a table row, every text in full: step, phase, customer action, touchpoints,
    frontstage, backstage, support, fail point."""
    framework = handbook.framework_of(journey)
    rows = []
    number = 0
    for phase in ordered_phases(journey, framework):
        for step in phase.steps:
            number += 1
            uses = []
            for use in step.touchpoints:
                mark = f" ({label(use.sentiment, lang)})" if use.sentiment else ""
                uses.append(touchpoint_name(handbook, use.ref, lang) + mark)
            fail = text(step.fail_point, lang)
            rows.append(
                [
                    f"{number} ({step.id})" if step.id else str(number),
                    phase_name(phase.phase, framework, lang),
                    text(step.action, lang),
                    ", ".join(uses),
                    _joined([text(item, lang) for item in step.frontstage]),
                    _joined([text(item, lang) for item in step.backstage]),
                    _joined([text(item, lang) for item in step.support]),
                    f"{FAIL_MARK} {fail}" if fail else "",
                ]
            )
    headers = [label("step", lang), label("phase", lang), label("dg_customer_action", lang), label("touchpoints", lang)]
    headers += [label(f"dg_lane_{lane}", lang) for lane in LANES[2:]] + [label("dg_fail_point", lang)]
    return data_table(label("dg_data", lang), headers, rows, empty=label("no_steps", lang))


def plan_blueprint(handbook: Handbook, journey: Journey, lang: str, *, id_prefix: str | None = None, **_: Any) -> Drawing:
    """The service blueprint of ``journey`` (see the module's description)."""
    data = blueprint_data(handbook, journey, lang)
    title = label("dg_blueprint_of", lang, title=journey_title(journey, lang))
    steps = any(p["steps"] for p in data["phases"])
    return Drawing(
        kind="blueprint",
        source=canonical_json(data),
        builder=build_blueprint,
        title=title,
        description=_description(data, lang),
        caption=label("dg_blueprint_legend", lang) if steps else title,  # no legend for a picture without steps
        css_class="jb-blueprint",
        alternative=_alternative(handbook, journey, lang),
        id_prefix=id_prefix or f"jb-{journey.id}-blueprint",
    )
