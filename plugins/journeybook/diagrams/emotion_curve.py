"""The emotion curve (journey page, and each phase page with its phase highlighted).

Every step's feeling, −2 … +2, as a dot on a line from left to right, over bands that are
the phases, with the zero line drawn solid and the lowest points ("moments of truth")
marked. Scores outside −2 … +2 cannot occur: the model rejects them. A long journey wraps
into panels, one below the other, so the curve is never wider than the content column.
A journey without steps gets a framed message instead of an empty scale.

Drawn directly as SVG (precise geometry matters more than graph layout here), with text
measured in the shipped font (:func:`~.fonts.wrap_to_width`) so labels fit their column.
The drawing is planned as JSON (:func:`curve_data`); :func:`build_curve` draws only from it.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from ..i18n import emotion_number, emotion_text, label
from ..metrics import series_in
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
)
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .measures import metric_name, status_text, value_text
from .palette import (
    BAND,
    BAND_LINE,
    BORDER,
    GRID,
    HIGHLIGHT,
    HIGHLIGHT_LINE,
    INK,
    INK_LIGHT,
    ROUTE,
    SURFACE,
    emotion_key,
    light,
)
from .svg import Canvas, empty_panel

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey

SCORES = (2, 1, 0, -1, -2)
FONT_SIZE = 11  # phase names
LABEL_SIZE = 10  # axis and step labels
DOT_SIZE = 9  # the number in a dot, the moment-of-truth label
LINE = 12.5  # line height of 10-point text
COLUMN = 88  # width per step
EMPTY_COLUMN = 60  # width of a phase without steps
AXIS = 52  # left margin for the axis labels
RIGHT = 12
UNIT = 34  # height of one feeling step (+1)
DOT = 10  # radius of a dot
NAME_LINES = 2
STEP_LINES = 3
MOMENT_LINES = 2
PANEL_GAP = 10  # between two panels of a wrapped curve
METRIC_MARK = "◆"  # a metric's value beside the felt emotion: another shape than the round dots
METRIC_ROW = 34  # the row of a metric's values, under the curve
CONTINUED = "… "  # before the name of a phase continued from the panel above


def curve_data(
    handbook: Handbook, journey: Journey, lang: str, highlight_phase: str | None = None, metric: str | None = None
) -> dict[str, Any]:
    """What the curve shows, as plain data (its JSON is the cache key and the builder's input).

    With ``metric`` (a metric id) and step-level measurements of it in this journey, the
    data gains a ``metric`` entry: the latest value at each step (:func:`metric_row`).
    """
    framework = handbook.framework_of(journey)
    phases = []
    for phase in ordered_phases(journey, framework):
        phases.append(
            {
                "name": phase_name(phase.phase, framework, lang),
                "current": phase.phase == highlight_phase,
                "steps": [{"action": text(s.action, lang), "score": s.emotion} for s in phase.steps],
            }
        )
    data: dict[str, Any] = {
        "phases": phases,
        "moment": label("dg_moment", lang),
        "empty": label("no_steps", lang),
        "title": journey_title(journey, lang),
    }
    row = metric_row(handbook, journey, lang, metric) if metric else None
    if row is not None:
        data["metric"] = row
    return data


def metric_row(handbook: Handbook, journey: Journey, lang: str, metric_id: str) -> dict[str, Any] | None:
    """The latest value of ``metric_id`` at each step of ``journey`` (phases in curve order), or
    None when no step of the journey has a measurement of it."""
    metric = handbook.metrics.get(metric_id)
    if metric is None:
        return None
    latest = {s.step: s for s in series_in(handbook, journey.id) if s.metric.id == metric_id and s.step}
    values: list[list[dict[str, Any] | None]] = []
    for phase in ordered_phases(journey, handbook.framework_of(journey)):
        row: list[dict[str, Any] | None] = []
        for step in phase.steps:
            series = latest.get(step.id) if step.id else None
            if series is None:
                row.append(None)
                continue
            point = series.latest
            row.append(
                {
                    "shown": value_text(point.value, metric, lang),
                    "target": value_text(point.target, metric, lang) if point.target is not None else "",
                    "status": status_text(series.on_target, lang),
                }
            )
        values.append(row)
    if not any(v for row in values for v in row):
        return None
    name = metric_name(metric, lang)
    return {"name": name, "legend": label("dg_curve_metric", lang, metric=name), "values": values}


def moments(data: dict[str, Any]) -> tuple[int | None, set[tuple[int, int]]]:
    """The lowest score and the (phase, step) positions that have it; only scores ≤ −1 count."""
    scores = [(p, s, step["score"]) for p, phase in enumerate(data["phases"]) for s, step in enumerate(phase["steps"])]
    known = [score for _p, _s, score in scores if score is not None]
    lowest = min(known) if known else None
    if lowest is None or lowest > -1:
        return None, set()
    return lowest, {(p, s) for p, s, score in scores if score == lowest}


def build_curve(source: str) -> str:
    """The SVG of the curve described by ``source`` (the JSON of :func:`curve_data`).

    One column per step, a narrow band for a phase without steps. When the columns do not
    fit :data:`~.common.MAX_WIDTH` they wrap into panels stacked top to bottom, each with
    its own scale; the line leaves a panel at its right edge and comes back in at the left
    of the next one, and a phase split over two panels is named again ("… name").
    """
    data = json.loads(source)
    phases = data["phases"]
    if not any(p["steps"] for p in phases):
        return empty_panel(data["empty"], "jb-curve-svg")
    _lowest, lowest_at = moments(data)

    def empty_band(phase: dict[str, Any]) -> float:
        longest = max((text_width(word, FONT_SIZE) for word in phase["name"].split()), default=0)
        return min(COLUMN, max(EMPTY_COLUMN, math.ceil(longest) + 14))

    rows = pack_rows(
        [[COLUMN] * len(p["steps"]) for p in phases], MAX_WIDTH - AXIS - RIGHT, gap=0, overhead=0,
        empty=0, minimum=[0 if p["steps"] else empty_band(p) for p in phases], keep_together=False,
    )  # fmt: skip

    def band_width(segment: Segment) -> float:
        return len(segment.items) * COLUMN if segment.items else empty_band(phases[segment.group])

    def band_name(segment: Segment) -> list[str]:
        name = phases[segment.group]["name"] if segment.first else CONTINUED + phases[segment.group]["name"]
        return wrap_to_width(name, FONT_SIZE, band_width(segment) - 10, NAME_LINES)

    names = [[band_name(seg) for seg in row] for row in rows]
    name_height = max(len(n) for row in names for n in row) * 14 + 10
    plot_top = name_height + 8 + DOT + 4
    plot_bottom = plot_top + 4 * UNIT
    moment_room = (MOMENT_LINES * 11 + 8) if any(
        phases[p]["steps"][s]["score"] == -2 for p, s in lowest_at
    ) else 0  # fmt: skip
    metric = data.get("metric")  # the optional row of a metric's latest values
    metric_top = plot_bottom + DOT + 8 + moment_room
    labels_top = metric_top + (METRIC_ROW if metric else 0)
    step_labels = [
        [wrap_to_width(step["action"], LABEL_SIZE, COLUMN - 10, STEP_LINES) for step in p["steps"]] for p in phases
    ]
    label_lines = max((len(lines) for p in step_labels for lines in p), default=0)
    panel_height = labels_top + label_lines * LINE + 8
    panel_widths = [sum(band_width(seg) for seg in row) for row in rows]
    width = AXIS + max(panel_widths) + RIGHT
    height = len(rows) * panel_height + (len(rows) - 1) * PANEL_GAP
    legend_lines = wrap_to_width(metric["legend"], LABEL_SIZE, width - 8, 3) if metric else []
    height += len(legend_lines) * LINE + 8 if metric else 0

    def y_at(panel: int, score: float) -> float:
        return panel * (panel_height + PANEL_GAP) + plot_top + (2 - score) * UNIT

    canvas = Canvas(width, height, "jb-curve-svg", LABEL_SIZE)
    points: list[tuple[int, float, int | None, int, int]] = []  # (panel, x, score, phase, step)
    for r, (row, row_names) in enumerate(zip(rows, names, strict=False)):
        top = r * (panel_height + PANEL_GAP)
        right = AXIS + panel_widths[r]

        # phase bands with their names
        bands = canvas.group("jb-bands")
        x: float = AXIS
        for segment, name in zip(row, row_names, strict=False):
            current = phases[segment.group]["current"]
            band = band_width(segment)
            canvas.add(
                bands, "rect", "jb-band" + (" jb-current" if current else ""), x=x + 2, y=top + 4, width=band - 4,
                height=panel_height - 8, rx=6, fill=HIGHLIGHT if current else BAND,
                stroke=HIGHLIGHT_LINE if current else BAND_LINE, stroke_width=2 if current else 1,
            )  # fmt: skip
            for i, line in enumerate(name):
                canvas.text(
                    bands, x + band / 2, top + 20 + i * 14, line, "jb-band-name" + (" jb-current" if current else ""),
                    text_anchor="middle", font_size=FONT_SIZE, fill=INK,
                )  # fmt: skip
            for s in segment.items:
                points.append((r, x + COLUMN * (s - segment.items[0] + 0.5), phases[segment.group]["steps"][s]["score"], segment.group, s))
            x += band

        # the scale: a dashed line per feeling, the zero line solid
        axis = canvas.group("jb-axis")
        for score in SCORES:
            y = y_at(r, score)
            zero = score == 0
            canvas.add(
                axis, "line", "jb-zero" if zero else "jb-grid", x1=AXIS - 4, y1=y, x2=right, y2=y,
                stroke=ROUTE if zero else GRID, stroke_width=1.5 if zero else 1, **({} if zero else {"stroke_dasharray": "3 3"}),
            )  # fmt: skip
            canvas.text(axis, AXIS - 8, y + 3.5, emotion_text(score), "jb-axis-label", text_anchor="end", fill=INK_LIGHT)

    # the line: solid between recorded neighbours, dashed across steps without a feeling; a
    # stretch from one panel to the next leaves at the right edge and comes in at the left
    curve = canvas.group("jb-curve")
    recorded = [(i, panel, px, score) for i, (panel, px, score, _p, _s) in enumerate(points) if score is not None]
    runs: list[list[tuple[float, float]]] = []
    previous: tuple[int, int, float, int] | None = None
    for index, panel, px, score in recorded:
        here = (px, y_at(panel, score))
        if previous is None:
            runs.append([here])
        else:
            before, last_panel, last_x, last_score = previous
            there = (last_x, y_at(last_panel, last_score))
            solid = index == before + 1
            pieces = [(there, here)]
            if last_panel != panel:  # leave one panel, enter the next, at the height halfway
                middle = (last_score + score) / 2
                pieces = [
                    (there, (AXIS + panel_widths[last_panel], y_at(last_panel, middle))),
                    ((AXIS, y_at(panel, middle)), here),
                ]
            for start, end in pieces:
                if solid:
                    if runs and runs[-1][-1] == start:
                        runs[-1].append(end)
                    else:
                        runs.append([start, end])
                else:
                    canvas.add(
                        curve, "line", "jb-curve-gap", x1=start[0], y1=start[1], x2=end[0], y2=end[1],
                        stroke=ROUTE, stroke_width=1.5, stroke_dasharray="4 4",
                    )  # fmt: skip
            if not solid:
                runs.append([here])
        previous = (index, panel, px, score)
    for run in runs:
        if len(run) > 1:
            canvas.add(
                curve, "polyline", "jb-curve-line", points=" ".join(f"{x:.2f},{y:.2f}" for x, y in run),
                fill="none", stroke=INK_LIGHT, stroke_width=2, stroke_linejoin="round",
            )  # fmt: skip

    # the dots, with their number; moments of truth ringed and named below
    dots = canvas.group("jb-points")
    for panel, px, felt, p, s in points:
        key = emotion_key(felt)
        group = canvas.group(f"jb-point jb-emo-{key}", dots)
        y = y_at(panel, felt if felt is not None else 0)
        if (p, s) in lowest_at:
            canvas.add(group, "circle", "jb-moment-ring", cx=px, cy=y, r=DOT + 4, fill="none", stroke=light("sent-negative"), stroke_width=2)
        extra: dict[str, str] = {"stroke_dasharray": "3 2"} if felt is None else {}
        canvas.add(group, "circle", "jb-dot", cx=px, cy=y, r=DOT, fill=light(f"emo-{key}"), stroke=BORDER, stroke_width=1, **extra)
        canvas.text(
            group, px, y + 3.2, emotion_number(felt), "jb-dot-label", text_anchor="middle", font_size=DOT_SIZE,
            fill=light(f"emo-{key}-ink"),
        )  # fmt: skip
        if (p, s) in lowest_at:
            for i, part in enumerate(wrap_to_width(data["moment"], DOT_SIZE, COLUMN - 6, MOMENT_LINES)):
                canvas.text(
                    group, px, y + DOT + 15 + i * 11, part, "jb-moment", text_anchor="middle", font_size=DOT_SIZE, fill=INK,
                    stroke=SURFACE, stroke_width=3, stroke_linejoin="round", paint_order="stroke",
                )  # fmt: skip

    # what each step is, under its column
    names_group = canvas.group("jb-step-labels")
    for panel, px, _score, p, s in points:
        top = panel * (panel_height + PANEL_GAP)
        for i, part in enumerate(step_labels[p][s]):
            canvas.text(names_group, px, top + labels_top + 10 + i * LINE, part, "jb-step-label", text_anchor="middle", fill=INK)
    if metric:
        _draw_metric_row(canvas, metric, points, rows, metric_top, panel_height, panel_widths, legend_lines)
    return canvas.source()


def _draw_metric_row(
    canvas: Canvas, metric: dict[str, Any], points: list[tuple[int, float, int | None, int, int]], rows: list[list[Segment]],
    metric_top: float, panel_height: float, panel_widths: list[float], legend_lines: list[str],
) -> None:
    """A metric's latest values in a row of their own under the curve: ◆, the value, ✓/✗ and
    the word; the row is marked in the axis margin (◆) and named in a legend under the last panel."""
    group = canvas.group("jb-metric-row")
    measured = sorted({panel for panel, _x, _score, p, s in points if metric["values"][p][s] is not None})
    for panel in measured:  # the row, named ◆, in each panel that has a value
        top = panel * (panel_height + PANEL_GAP) + metric_top
        canvas.add(group, "line", "jb-grid", x1=AXIS - 4, y1=top, x2=AXIS + panel_widths[panel], y2=top, stroke=GRID, stroke_width=1)
        canvas.text(group, AXIS - 8, top + 14, METRIC_MARK, "jb-metric-mark", text_anchor="end", fill=INK)
    for panel, px, _score, p, s in points:
        value = metric["values"][p][s]
        if value is None:
            continue
        top = panel * (panel_height + PANEL_GAP) + metric_top
        shown = wrap_to_width(f"{METRIC_MARK} {value['shown']}", LABEL_SIZE, COLUMN - 8, 1)[0]
        canvas.text(group, px, top + 14, shown, "jb-metric-value", text_anchor="middle", fill=INK)
        if value["status"]:
            status = wrap_to_width(value["status"], DOT_SIZE, COLUMN - 8, 1)[0]
            canvas.text(group, px, top + 26, status, "jb-metric-status", text_anchor="middle", font_size=DOT_SIZE, fill=INK)
    legend = canvas.group("jb-metric-legend")
    bottom = len(rows) * panel_height + (len(rows) - 1) * PANEL_GAP
    for i, line in enumerate(legend_lines):
        canvas.text(legend, 4, bottom + 4 + (i + 1) * LINE - 2, line, "jb-metric-legend-text", fill=INK)


def _description(data: dict[str, Any], lang: str) -> str:
    parts = [label("dg_curve_desc", lang)]
    for phase in data["phases"]:
        steps = [f"{step['action'].rstrip('.')} ({emotion_number(step['score'])})" for step in phase["steps"]]
        parts.append(f"{phase['name']}: {'; '.join(steps) or label('no_steps', lang)}")
    lowest, at = moments(data)
    if lowest is not None:
        where = [data["phases"][p]["steps"][s]["action"].rstrip(".") for p, s in sorted(at)]
        parts.append(label("dg_lowest_at", lang, steps=", ".join(where)) + f" ({emotion_number(lowest)})")
    if len(parts) == 1:
        parts.append(label("no_steps", lang))
    metric = data.get("metric")
    if metric:
        shown = [
            f"{phase['steps'][s]['action'].rstrip('.')} {value['shown']}" + (f" ({value['status']})" if value["status"] else "")
            for phase, values in zip(data["phases"], metric["values"], strict=False)
            for s, value in enumerate(values)
            if value is not None
        ]
        parts.append(label("dg_curve_metric_desc", lang, metric=metric["name"], values="; ".join(shown)))
    return sentence(*parts)


def _metric_cell(value: dict[str, Any], lang: str) -> str:
    """``3.4/5 (target 4.2/5, ✗ off target)``."""
    extra = [f"{label('target', lang).lower()} {value['target']}"] if value["target"] else []
    extra += [value["status"]] if value["status"] else []
    return value["shown"] + (f" ({', '.join(extra)})" if extra else "")


def _alternative(data: dict[str, Any], lang: str) -> str:
    _lowest, at = moments(data)
    metric = data.get("metric")
    rows = []
    for p, phase in enumerate(data["phases"]):
        for s, step in enumerate(phase["steps"]):
            feeling = emotion_text(step["score"]) if step["score"] is not None else label("dg_not_recorded", lang)
            if (p, s) in at:
                feeling += f" — {data['moment']}"
            rows.append([phase["name"], step["action"], feeling])
            if metric:
                value = metric["values"][p][s]
                rows[-1].append(_metric_cell(value, lang) if value is not None else "—")
    headers = [label("phase", lang), label("step", lang), label("emotion", lang)]
    if metric:
        headers.append(f"{METRIC_MARK} {metric['name']}")
    return data_table(label("dg_data", lang), headers, rows, empty=label("no_steps", lang))


def plan_emotion_curve(
    handbook: Handbook,
    journey: Journey,
    lang: str,
    id_prefix: str | None = None,
    highlight_phase: str | None = None,
    metric: str | None = None,
) -> Drawing:
    """The emotion curve of ``journey``; ``highlight_phase`` frames one phase; ``metric`` (a
    metric id) adds a row with its latest value at each step where it is measured."""
    data = curve_data(handbook, journey, lang, highlight_phase, metric)
    caption = label("dg_curve_legend", lang)
    if any(p["current"] for p in data["phases"]):
        caption += " " + label("dg_curve_highlight", lang)
    if "metric" in data:
        caption += " " + data["metric"]["legend"]
    if not any(p["steps"] for p in data["phases"]):
        caption = label("dg_curve_of", lang, title=data["title"])  # no legend for a picture without steps
    return Drawing(
        kind="emotion-curve",
        source=canonical_json(data),
        builder=build_curve,
        title=label("dg_curve_of", lang, title=data["title"]),
        description=_description(data, lang),
        caption=caption,
        css_class="jb-emotion-curve",
        alternative=_alternative(data, lang),
        id_prefix=id_prefix or (f"jb-{journey.id}-{highlight_phase}-curve" if highlight_phase else f"jb-{journey.id}-curve"),
    )
