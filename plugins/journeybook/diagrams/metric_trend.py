"""The metric trend (step, phase and journey pages): one metric's values at one place over time.

A small chart, drawn beside the step it belongs to: the measurements as dots on a line,
placed by their dates (a time-proportional axis, so a gap of half a year looks like one);
the target as a dashed line, named with its value; the latest value named beside its dot
with ✓ on target or ✗ off target (a symbol and a word, never colour alone). The header
names the metric and which way is better (↑ higher, ↓ lower).

The value axis follows the metric's scale (``min``/``max``) when the values use a fair part
of it (a quarter or more); otherwise it shows a rounded range around the values and the
target, reaching to a bound of the scale when that is near. One measurement is one dot in
the middle. Without measurements the chart is a framed message.

Drawn directly as SVG from plain data (:func:`trend_data`), text measured in the shipped font.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import TYPE_CHECKING, Any

from ..i18n import label
from ..metrics import Series, all_series, meets
from .common import Drawing, canonical_json, sentence
from .engines import DiagramError
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .measures import (
    OFF_MARK,
    ON_MARK,
    better_text,
    metric_name,
    number,
    place_name,
    scale_value,
    status_text,
    unit_of,
    value_text,
)
from .palette import BORDER, GRID, INK, INK_LIGHT, ROUTE, light
from .svg import Canvas, empty_panel

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Metric

WIDTH = 300  # points (400 CSS px): a small chart beside a step
FONT_SIZE = 10  # the header, the latest value
SMALL = 9  # axis labels, the status and target words
HEADER = 14  # baseline of the header line
PLOT_TOP = 30
PLOT_HEIGHT = 96
DATE_ROOM = 18  # below the plot: the dates
PAD = 12  # inside the plot, left and right of the first and last dot
DOT, LATEST_DOT = 3.5, 5.5
GUTTER_GAP = 6  # between the plot and the labels on its right
GUTTER_TEXT = 110  # the widest label on the right (a long unit is cut with "…")
SCALE_SHARE = 0.25  # the values use at least this share of the scale: show the whole scale


def find_series(handbook: Handbook, metric_id: str, place: str) -> Series | None:
    """The series of ``metric_id`` measured at ``place`` (``JOURNEY``, ``JOURNEY/STEP`` or ``JOURNEY#PHASE``)."""
    return next((s for s in all_series(handbook) if s.metric.id == metric_id and s.place == place), None)


def trend_data(handbook: Handbook, metric: Metric, place: str, lang: str) -> dict[str, Any]:
    """What the chart shows, as plain data (its JSON is the cache key and the builder's input)."""
    series = find_series(handbook, metric.id, place)
    points: list[dict[str, Any]] = []
    for point in series.points if series is not None else []:
        on = meets(metric, point.value, point.target)
        points.append(
            {
                "date": point.date.isoformat(),
                "value": point.value,
                "target": point.target,
                "on": on,
                "shown": value_text(point.value, metric, lang),
                "target_shown": value_text(point.target, metric, lang) if point.target is not None else "",
            }
        )
    return {
        "name": metric_name(metric, lang),
        "unit": unit_of(metric),
        "place": place_name(handbook, place, lang),
        "better": metric.better,
        "better_text": better_text(metric, lang),
        "min": metric.min,
        "max": metric.max,
        "points": points,
        "lang": lang,
        "words": {
            "target": label("target", lang),
            "status": status_text(points[-1]["on"], lang) if points else "",
        },
        "empty": label("dg_no_measurements", lang, metric=metric_name(metric, lang)),
    }


# --------------------------------------------------------------------------- the value axis


def nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into about ``count`` parts."""
    raw = span / count if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude * (1 + 1e-9))


def value_range(values: list[float], low: float | None, high: float | None) -> tuple[float, float]:
    """The value axis: the metric's whole scale, or a rounded range around ``values`` (see the module)."""
    least, most = min(values), max(values)
    if low is not None and high is not None and high > low and most - least >= (high - low) * SCALE_SHARE:
        return min(low, least), max(high, most)
    span = most - least or (abs(most) * 0.2 or 1.0)
    step = nice_step(span)
    bottom = math.floor((least - span * 0.1) / step) * step
    top = math.ceil((most + span * 0.1) / step) * step
    if low is not None:
        bottom = max(bottom, low) if least >= low else bottom
        if bottom - low <= (top - bottom) / 2:
            bottom = min(low, least)
    if high is not None:
        top = min(top, high) if most <= high else top
        if high - top <= (top - bottom) / 2:
            top = max(high, most)
    if top <= bottom:
        bottom, top = bottom - step, top + step
    # both ends on a round value of the final step (or on a bound of the scale)
    step = nice_step(top - bottom)
    bottom = max(math.floor(bottom / step + 1e-9) * step, low if low is not None and low <= least else -math.inf)
    top = min(math.ceil(top / step - 1e-9) * step, high if high is not None and high >= most else math.inf)
    return bottom, top


def ticks(bottom: float, top: float) -> list[float]:
    step = nice_step(top - bottom)
    first, last = math.ceil(bottom / step - 1e-9), math.floor(top / step + 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


# --------------------------------------------------------------------------- drawing


def build_trend(source: str) -> str:
    """The SVG of the chart described by ``source`` (the JSON of :func:`trend_data`)."""
    data = json.loads(source)
    points = data["points"]
    if not points:
        return empty_panel(data["empty"], "jb-trend-svg")
    lang = data["lang"]
    values = [p["value"] for p in points] + [p["target"] for p in points if p["target"] is not None]
    bottom, top = value_range(values, data["min"], data["max"])
    marks = ticks(bottom, top)
    tick_text = [number(v, lang) for v in marks]
    left = max([text_width(t, SMALL) for t in tick_text] + [12.0]) + 10
    latest = points[-1]

    def fit(words: str, size: float) -> str:  # one line, at most GUTTER_TEXT wide ("…" when cut)
        return wrap_to_width(words, size, GUTTER_TEXT, 1)[0] if words else ""

    latest_text, status = fit(latest["shown"], FONT_SIZE), fit(data["words"]["status"], SMALL)
    target_text = fit(f"{data['words']['target']} {latest['target_shown']}", SMALL) if latest["target"] is not None else ""
    gutter = max(text_width(latest_text, FONT_SIZE), text_width(status, SMALL), text_width(target_text, SMALL)) + GUTTER_GAP + 4
    plot_left, plot_right = left, WIDTH - gutter
    plot_bottom = PLOT_TOP + PLOT_HEIGHT
    height = plot_bottom + DATE_ROOM + 4

    days = [dt.date.fromisoformat(p["date"]).toordinal() for p in points]
    first_day, span = days[0], days[-1] - days[0]

    def x_at(day: int) -> float:
        if span == 0:
            return (plot_left + plot_right) / 2
        return plot_left + PAD + (day - first_day) / span * (plot_right - plot_left - 2 * PAD)

    def y_at(value: float) -> float:
        return plot_bottom - (value - bottom) / (top - bottom) * PLOT_HEIGHT

    canvas = Canvas(WIDTH, height, "jb-trend-svg", SMALL)

    # the header: the metric, and which way is better
    head = canvas.group("jb-trend-head")
    better = data["better_text"]
    name = wrap_to_width(data["name"], FONT_SIZE, WIDTH - text_width(better, SMALL) - 16, 1)[0]
    canvas.text(head, 2, HEADER, name, "jb-trend-name", font_size=FONT_SIZE, fill=INK)
    canvas.text(head, WIDTH - 2, HEADER, better, "jb-axis-label", text_anchor="end", fill=INK_LIGHT)

    # the value axis: a line per round value, the lowest one solid
    axis = canvas.group("jb-axis")
    for value, shown in zip(marks, tick_text, strict=False):
        y = y_at(value)
        canvas.add(axis, "line", "jb-grid", x1=plot_left - 3, y1=y, x2=plot_right, y2=y, stroke=GRID, stroke_width=1)
        canvas.text(axis, plot_left - 6, y + 3.2, shown, "jb-axis-label", text_anchor="end", fill=INK_LIGHT)
    canvas.add(
        axis, "line", "jb-zero", x1=plot_left, y1=plot_bottom, x2=plot_right, y2=plot_bottom, stroke=ROUTE, stroke_width=1
    )  # fmt: skip

    # the dates: a tick per measurement, named where there is room (the last always, then the first)
    dates = canvas.group("jb-dates")
    xs = [x_at(day) for day in days]
    placed: list[tuple[float, float]] = []
    for i in [len(points) - 1, *range(len(points) - 1)]:
        half = text_width(points[i]["date"], SMALL) / 2
        centre = min(max(xs[i], half + 1), WIDTH - half - 1)
        if all(centre + half + 6 < a or centre - half - 6 > b for a, b in placed):
            placed.append((centre - half, centre + half))
            canvas.text(dates, centre, plot_bottom + 14, points[i]["date"], "jb-axis-label", text_anchor="middle", fill=INK_LIGHT)
    for x in xs:
        canvas.add(dates, "line", "jb-grid", x1=x, y1=plot_bottom, x2=x, y2=plot_bottom + 3, stroke=GRID, stroke_width=1)

    # the target: dashed, each measurement's target until the next one
    target = canvas.group("jb-target-line")
    runs: list[list[tuple[float, float]]] = []
    for i, point in enumerate(points):
        if point["target"] is None:
            continue
        start = plot_left if i == 0 else xs[i]
        end = plot_right if i == len(points) - 1 else xs[i + 1]
        y = y_at(point["target"])
        if runs and i > 0 and points[i - 1]["target"] is not None:
            runs[-1] += [(start, y), (end, y)] if runs[-1][-1] != (start, y) else [(end, y)]
        else:
            runs.append([(start, y), (end, y)])
    for run in runs:
        canvas.add(
            target, "polyline", "jb-target", points=" ".join(f"{x:.2f},{y:.2f}" for x, y in run), fill="none",
            stroke=ROUTE, stroke_width=1.5, stroke_dasharray="5 3",
        )  # fmt: skip

    # the values: a line through the dots, the latest larger
    line = canvas.group("jb-trend")
    if len(points) > 1:
        canvas.add(
            line, "polyline", "jb-curve-line", points=" ".join(f"{x:.2f},{y_at(p['value']):.2f}" for x, p in zip(xs, points, strict=False)),
            fill="none", stroke=INK_LIGHT, stroke_width=2, stroke_linejoin="round",
        )  # fmt: skip
    for i, (x, point) in enumerate(zip(xs, points, strict=False)):
        key = {True: "p2", False: "m2", None: "none"}[point["on"]]
        group = canvas.group(f"jb-point jb-emo-{key}", line)
        radius = LATEST_DOT if i == len(points) - 1 else DOT
        canvas.add(group, "circle", "jb-dot", cx=x, cy=y_at(point["value"]), r=radius, fill=light(f"emo-{key}"), stroke=BORDER, stroke_width=1)

    # on the right: the latest value with ✓/✗, and the target's name and value
    names = canvas.group("jb-trend-labels")
    gutter_x = plot_right + GUTTER_GAP
    latest_y = y_at(latest["value"]) + 3.5
    block = (latest_y - FONT_SIZE, latest_y + (12 if status else 2))  # the latest label's extent
    canvas.text(names, gutter_x, latest_y, latest_text, "jb-trend-latest", font_size=FONT_SIZE, fill=INK)
    if status:
        canvas.text(names, gutter_x, latest_y + 12, status, "jb-trend-status", fill=INK)
    if target_text:
        target_y = y_at(latest["target"]) + 3.2
        if block[0] - 2 < target_y < block[1] + SMALL + 2:  # would overlap: above or below the latest label
            above = latest["target"] > latest["value"] if data["better"] == "higher" else latest["target"] >= latest["value"]
            target_y = block[0] - 3 if above else block[1] + SMALL + 2
        target_y = min(max(target_y, PLOT_TOP), height - 3)
        canvas.text(names, gutter_x, target_y, target_text, "jb-axis-label jb-target-label", fill=INK_LIGHT)
    return canvas.source()


# --------------------------------------------------------------------------- words


def _description(data: dict[str, Any], lang: str) -> str:
    scale = ""
    if data["min"] is not None and data["max"] is not None:
        scale = label("dg_scale", lang, low=scale_value(data["min"], data["unit"], lang), high=scale_value(data["max"], data["unit"], lang))
    better = data["better_text"].lstrip("↑↓ ")
    parts = [f"{data['name']} — {data['place']}", better[:1].upper() + better[1:] + (f", {scale}" if scale else "")]
    points = data["points"]
    if not points:
        return sentence(*parts, data["empty"])
    measured = ", ".join(f"{p['shown']} ({p['date']})" for p in points)
    parts.append(label("dg_trend_values", lang, values=measured))
    latest = points[-1]
    if latest["target"] is not None:
        parts.append(
            label("dg_trend_latest", lang, value=latest["shown"], target=latest["target_shown"])
            + f": {data['words']['status'].lstrip(ON_MARK + OFF_MARK + ' ')}"
        )
    else:
        parts.append(label("dg_trend_latest_only", lang, value=latest["shown"]))
    return sentence(*parts)


def _alternative(data: dict[str, Any], lang: str) -> str:
    rows = []
    for point in data["points"]:
        on = {True: f"{ON_MARK} {label('yes', lang)}", False: f"{OFF_MARK} {label('no', lang)}", None: "—"}[point["on"]]
        rows.append([point["date"], point["shown"], point["target_shown"] or "—", on])
    headers = [label("dg_date", lang), label("dg_value", lang), label("target", lang), label("dg_on_target", lang)]
    return data_table(label("dg_data", lang), headers, rows, empty=data["empty"])


def _prefix(metric_id: str, place: str) -> str:
    """``jb-csat_new-boots_checkout-trend``: ids are slugs, so ``_`` keeps metric and place apart."""
    return f"jb-{metric_id}_" + re.sub(r"[^a-z0-9-]", "_", place.replace("#", "__")) + "-trend"


def plan_metric_trend(
    handbook: Handbook, metric: Metric | str, lang: str, *, place: str, id_prefix: str | None = None, **_: Any
) -> Drawing:
    """The trend of ``metric`` (a metric or its id) at ``place`` (``JOURNEY``, ``JOURNEY/STEP``, ``JOURNEY#PHASE``)."""
    if isinstance(metric, str):
        if metric not in handbook.metrics:
            raise DiagramError(f"unknown metric {metric!r}")
        metric = handbook.metrics[metric]
    data = trend_data(handbook, metric, place, lang)
    return Drawing(
        kind="metric-trend",
        source=canonical_json(data),
        builder=build_trend,
        title=label("dg_trend_of", lang, metric=data["name"], place=data["place"]),
        description=_description(data, lang),
        caption=label("dg_trend_legend", lang) if data["points"] else label("dg_trend_of", lang, metric=data["name"], place=data["place"]),
        css_class="jb-metric-trend",
        alternative=_alternative(data, lang),
        id_prefix=id_prefix or _prefix(metric.id, place),
    )
