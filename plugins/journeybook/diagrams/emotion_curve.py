"""The emotion curve (journey page, and each phase page with its phase highlighted).

Every step's feeling, −2 … +2, as a dot on a line from left to right, over bands that are
the phases, with the zero line drawn solid and the lowest points ("moments of truth")
marked. Scores outside −2 … +2 cannot occur: the model rejects them. A long journey wraps
into panels, one below the other, so the curve is never wider than the content column.
A journey without steps gets a framed message instead of an empty scale.

Drawn over an as-is journey (``compare_with``, for a to-be journey's page): the steps of both
are aligned phase by phase, matched by step id (:func:`compare_data`); the as-is feelings are
hollow diamonds on a dashed line under the to-be dots and solid line, a step only one journey
has is labelled "+ new" or "− removed", each phase names the change of its mean feeling
(▲ +1.5, ▼ −0.5, ● 0), and a legend under the curve says in words which line is which. Without
``compare_with`` nothing of this is drawn and the bytes are those of the plain curve.

Drawn directly as SVG (precise geometry matters more than graph layout here), with text
measured in the shipped font (:func:`~.fonts.wrap_to_width`) so labels fit their column.
The drawing is planned as JSON (:func:`curve_data`); :func:`build_curve` draws only from it.
"""

from __future__ import annotations

import difflib
import json
import math
from typing import TYPE_CHECKING, Any

from ..future import mean_emotion
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
from .engines import DiagramError
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .measures import metric_name, number, status_text, value_text
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
from .svg import Canvas, empty_panel, num

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Journey, JourneyPhase, Step

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
# Drawn over an as-is journey (compare_with): its feelings as hollow diamonds on a dashed line.
WAS = 12  # half the diagonal of an as-is diamond (a dot of the same score sits inside it)
WAS_DASH = "6 4"
UP, DOWN, SAME = "▲", "▼", "●"  # the change of a phase's mean feeling, beside the number
NEW_MARK, REMOVED_MARK = "+", "−"  # before "new" / "removed" above a step's label


def curve_data(
    handbook: Handbook, journey: Journey, lang: str, highlight_phase: str | None = None, metric: str | None = None,
    compare_with: str | None = None,
) -> dict[str, Any]:
    """What the curve shows, as plain data (its JSON is the cache key and the builder's input).

    With ``metric`` (a metric id) and step-level measurements of it in this journey, the
    data gains a ``metric`` entry: the latest value at each step (:func:`metric_row`). With
    ``compare_with`` (the id of an as-is journey) the steps of both journeys are aligned
    (:func:`compare_data`).
    """
    if compare_with is not None:
        return compare_data(handbook, journey, lang, compare_with, highlight_phase, metric)
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


def _aligned(before: list[Step], after: list[Step]) -> list[tuple[int | None, int | None]]:
    """One phase's as-is and to-be steps side by side: (as-is index, to-be index) in reading order.

    Steps are matched by id, keeping both journeys' order (the longest run of common ids, as a
    diff does); a step without an id, or whose id the other journey lacks in this phase, stands
    alone (None on the other side). Where steps were replaced, the removed ones come first.
    """
    old = [("id", s.id) if s.id else ("as-is", i) for i, s in enumerate(before)]
    new = [("id", s.id) if s.id else ("to-be", i) for i, s in enumerate(after)]
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        pairs += [(i, None) for i in range(i1, i2)]
        pairs += [(None, j) for j in range(j1, j2)]
    return pairs


def change_text(delta: float | None, lang: str) -> str:
    """``▲ +1.5``, ``▼ −0.5``, ``● 0`` (a decimal comma in Dutch); "" when a side has no feeling."""
    if delta is None:
        return ""
    mark = UP if delta > 0 else DOWN if delta < 0 else SAME
    return f"{mark} {'+' if delta > 0 else ''}{number(delta, lang)}"


def compare_data(
    handbook: Handbook, journey: Journey, lang: str, as_is_id: str, highlight_phase: str | None = None,
    metric: str | None = None,
) -> dict[str, Any]:
    """The curve of ``journey`` (a to-be journey) over that of the as-is journey ``as_is_id``.

    The phases of both, in the framework's order; in each, one column per step of either
    journey, aligned by :func:`_aligned`: ``score`` is the to-be feeling (None in a column only
    the as-is journey has, ``only: "as-is"``), ``was`` the as-is feeling (None in a column only
    the to-be journey has, ``only: "to-be"``). Each phase also gets its mean feeling in both
    and the change (``delta``, as :class:`journeybook.future.PhaseDelta` computes it). Raises
    :class:`DiagramError` when there is no journey ``as_is_id``.
    """
    as_is = handbook.journeys.get(as_is_id)
    if as_is is None:
        raise DiagramError(f"no journey {as_is_id!r} to draw the emotion curve of {journey.id!r} over")
    framework = handbook.framework_of(journey)
    order = [p.phase for p in ordered_phases(journey, framework)]
    order += [p.phase for p in ordered_phases(as_is, framework) if p.phase not in order]
    rank = {phase_id: i for i, phase_id in enumerate(framework.phase_ids() if framework is not None else [])}
    order.sort(key=lambda phase_id: rank.get(phase_id, len(rank)))  # stable: unknown phases keep their place
    to_be_phases = ordered_phases(journey, framework)
    phases = []
    sources: list[list[tuple[int, int] | None]] = []  # per column: (phase, step) in the to-be journey
    for phase_id in order:
        after: JourneyPhase | None = journey.phase(phase_id)
        before: JourneyPhase | None = as_is.phase(phase_id)
        steps = []
        sources.append([])
        k = next((i for i, p in enumerate(to_be_phases) if p.phase == phase_id), -1)
        old_steps, new_steps = (before.steps if before else []), (after.steps if after else [])
        for i, j in _aligned(old_steps, new_steps):
            old = old_steps[i] if i is not None else None
            new = new_steps[j] if j is not None else None
            shown = new or old
            steps.append(
                {
                    "action": text(shown.action, lang) if shown is not None else "",
                    "score": new.emotion if new is not None else None,
                    "was": old.emotion if old is not None else None,
                    "only": "" if old is not None and new is not None else "to-be" if new is not None else "as-is",
                }
            )
            sources[-1].append((k, j) if j is not None else None)
        means = mean_emotion(before), mean_emotion(after)
        delta = None if None in means else round(means[1] - means[0], 2)  # type: ignore[operator]
        phases.append(
            {
                "name": phase_name(phase_id, framework, lang),
                "current": phase_id == highlight_phase,
                "steps": steps,
                "means": [means[1], means[0]],
                "change": change_text(delta, lang),
                "delta": delta,
            }
        )
    data: dict[str, Any] = {
        "phases": phases,
        "moment": label("dg_moment", lang),
        "empty": label("no_steps", lang),
        "title": journey_title(journey, lang),
        "compare": {
            "title": journey_title(as_is, lang),
            "to_be": label("dg_curve_to_be", lang, title=journey_title(journey, lang)),
            "as_is": label("dg_curve_as_is", lang, title=journey_title(as_is, lang)),
            "new": f"{NEW_MARK} {label('dg_step_new', lang)}",
            "removed": f"{REMOVED_MARK} {label('dg_step_removed', lang)}",
        },
    }
    row = metric_row(handbook, journey, lang, metric) if metric else None
    if row is not None:  # the to-be journey's values, moved to the aligned columns
        values = row["values"]
        row["values"] = [[values[at[0]][at[1]] if at is not None else None for at in phase] for phase in sources]
        data["metric"] = row
    return data


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
    compare = data.get("compare")  # drawn over an as-is journey: a line more under the names, for the change
    name_height = max(len(n) for row in names for n in row) * 14 + 10 + (14 if compare else 0)
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
    if compare:  # "+ new" / "− removed" above the label of a step only one journey has
        tags = {"to-be": compare["new"], "as-is": compare["removed"]}
        step_labels = [
            [[tags[step["only"]], *lines] if step["only"] else lines for step, lines in zip(p["steps"], labels, strict=True)]
            for p, labels in zip(phases, step_labels, strict=True)
        ]
    label_lines = max((len(lines) for p in step_labels for lines in p), default=0)
    panel_height = labels_top + label_lines * LINE + 8
    panel_widths = [sum(band_width(seg) for seg in row) for row in rows]
    width = AXIS + max(panel_widths) + RIGHT
    height = len(rows) * panel_height + (len(rows) - 1) * PANEL_GAP
    legend_lines = wrap_to_width(metric["legend"], LABEL_SIZE, width - 8, 3) if metric else []
    height += len(legend_lines) * LINE + 8 if metric else 0
    legend_top = height
    compare_legend = [wrap_to_width(compare[key], LABEL_SIZE, width - 44, 2) for key in ("to_be", "as_is")] if compare else []
    height += sum(len(lines) * LINE + 6 for lines in compare_legend) + 4 if compare else 0

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
            change = phases[segment.group].get("change") if segment.first else ""
            if change:
                canvas.text(
                    bands, x + band / 2, top + 20 + len(name) * 14, change, "jb-phase-change", text_anchor="middle",
                    font_size=LABEL_SIZE, fill=INK,
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

    if compare:
        _draw_as_is(canvas, data, points, panel_widths, y_at)
    # the line: solid between recorded neighbours, dashed across steps without a feeling; a
    # stretch from one panel to the next leaves at the right edge and comes in at the left
    # (over an as-is journey: only the to-be journey's steps)
    ours = [point for point in points if phases[point[3]]["steps"][point[4]].get("only") != "as-is"]
    curve = canvas.group("jb-curve")
    recorded = [(i, panel, px, score) for i, (panel, px, score, _p, _s) in enumerate(ours) if score is not None]
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
    for panel, px, felt, p, s in ours:
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
        tagged = bool(compare and phases[p]["steps"][s]["only"])
        for i, part in enumerate(step_labels[p][s]):
            css = "jb-step-tag" if tagged and i == 0 else "jb-step-label"
            canvas.text(names_group, px, top + labels_top + 10 + i * LINE, part, css, text_anchor="middle", fill=INK)
    if metric:
        _draw_metric_row(canvas, metric, points, rows, metric_top, panel_height, panel_widths, legend_lines)
    if compare:
        _draw_compare_legend(canvas, compare_legend, legend_top)
    return canvas.source()


def _diamond(x: float, y: float, r: float) -> str:
    return f"M{num(x)},{num(y - r)}L{num(x + r)},{num(y)}L{num(x)},{num(y + r)}L{num(x - r)},{num(y)}Z"


def _draw_as_is(
    canvas: Canvas, data: dict[str, Any], points: list[tuple[int, float, int | None, int, int]], panel_widths: list[float],
    y_at: Any,
) -> None:
    """The as-is journey's feelings: a dashed line through hollow diamonds with the number, under
    the to-be curve (a to-be dot of the same score sits inside its diamond). A step without a
    feeling gets no diamond; the line goes on to the next one."""
    group = canvas.group("jb-as-is")
    felt = [
        (panel, px, data["phases"][p]["steps"][s]["was"]) for panel, px, _score, p, s in points
        if data["phases"][p]["steps"][s]["was"] is not None
    ]  # fmt: skip
    same = {  # where the to-be dot has the same score it covers the diamond's middle: its number is the dot's
        (panel, px) for panel, px, score, p, s in points
        if not data["phases"][p]["steps"][s]["only"] and score == data["phases"][p]["steps"][s]["was"]
    }  # fmt: skip
    runs: list[list[tuple[float, float]]] = []
    for n, (panel, px, score) in enumerate(felt):
        here = (px, y_at(panel, score))
        if n == 0:
            runs.append([here])
            continue
        last_panel, last_x, last_score = felt[n - 1]
        if last_panel != panel:  # leave one panel, enter the next, at the height halfway
            middle = (last_score + score) / 2
            runs[-1].append((AXIS + panel_widths[last_panel], y_at(last_panel, middle)))
            runs.append([(AXIS, y_at(panel, middle))])
        runs[-1].append(here)
    for run in runs:
        if len(run) > 1:
            canvas.add(
                group, "polyline", "jb-curve-line jb-as-is-line", points=" ".join(f"{x:.2f},{y:.2f}" for x, y in run),
                fill="none", stroke=INK_LIGHT, stroke_width=1.5, stroke_dasharray=WAS_DASH, stroke_linejoin="round",
            )  # fmt: skip
    for panel, px, score in felt:
        y = y_at(panel, score)
        mark = canvas.group("jb-tp jb-as-is-point", group)
        canvas.add(mark, "path", d=_diamond(px, y, WAS), fill=SURFACE, stroke=BORDER, stroke_width=1.5)
        if (panel, px) not in same:
            canvas.text(mark, px, y + 3.2, emotion_number(score), "jb-as-is-label", text_anchor="middle", font_size=DOT_SIZE, fill=INK)


def _draw_compare_legend(canvas: Canvas, entries: list[list[str]], top: float) -> None:
    """Under the curve, in words: the solid line with dots is the to-be journey, the dashed one
    with diamonds the as-is journey (each with its title)."""
    legend = canvas.group("jb-compare-legend")
    y = top + 4
    for n, lines in enumerate(entries):
        middle = y + LINE / 2 + 1
        if n == 0:
            sample = canvas.group("jb-legend-to-be jb-emo-0", legend)
            canvas.add(sample, "line", "jb-curve-line", x1=4, y1=middle, x2=34, y2=middle, stroke=INK_LIGHT, stroke_width=2)
            canvas.add(sample, "circle", "jb-dot", cx=19, cy=middle, r=5, fill=light("emo-0"), stroke=BORDER, stroke_width=1)
        else:
            sample = canvas.group("jb-legend-as-is", legend)
            canvas.add(
                sample, "line", "jb-curve-line jb-as-is-line", x1=4, y1=middle, x2=34, y2=middle, stroke=INK_LIGHT,
                stroke_width=1.5, stroke_dasharray=WAS_DASH,
            )  # fmt: skip
            mark = canvas.group("jb-tp", sample)
            canvas.add(mark, "path", d=_diamond(19, middle, 6), fill=SURFACE, stroke=BORDER, stroke_width=1.5)
        for i, line in enumerate(lines):
            canvas.text(legend, 42, y + 10 + i * LINE, line, "jb-legend-text", fill=INK)
        y += len(lines) * LINE + 6


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
        steps = [
            f"{step['action'].rstrip('.')} ({emotion_number(step['score'])})" for step in phase["steps"] if step.get("only") != "as-is"
        ]  # fmt: skip
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
    compare = data.get("compare")
    if compare:
        changes = "; ".join(f"{phase['name']} {phase['change'] or '—'}" for phase in data["phases"])
        parts.append(label("dg_curve_compare_desc", lang, title=compare["title"], changes=changes))
    return sentence(*parts)


def _metric_cell(value: dict[str, Any], lang: str) -> str:
    """``3.4/5 (target 4.2/5, ✗ off target)``."""
    extra = [f"{label('target', lang).lower()} {value['target']}"] if value["target"] else []
    extra += [value["status"]] if value["status"] else []
    return value["shown"] + (f" ({', '.join(extra)})" if extra else "")


def _feeling(score: int | None, lang: str) -> str:
    return emotion_text(score) if score is not None else label("dg_not_recorded", lang)


def _compare_alternative(data: dict[str, Any], lang: str) -> str:
    """Both journeys side by side: every aligned step (to-be feeling, as-is feeling, the change),
    then each phase's mean feelings and their change."""
    _lowest, at = moments(data)
    compare, metric = data["compare"], data.get("metric")
    rows = []
    for p, phase in enumerate(data["phases"]):
        for s, step in enumerate(phase["steps"]):
            only = step["only"]
            after = "—" if only == "as-is" else _feeling(step["score"], lang)
            if (p, s) in at:
                after += f" — {data['moment']}"
            before = "—" if only == "to-be" else _feeling(step["was"], lang)
            known = not only and step["score"] is not None and step["was"] is not None
            change = change_text(step["score"] - step["was"], lang) if known else ""
            action = step["action"] + (f" ({compare['new' if only == 'to-be' else 'removed']})" if only else "")
            rows.append([phase["name"], action, after, before, change])
            if metric:
                value = metric["values"][p][s]
                rows[-1].append(_metric_cell(value, lang) if value is not None else "—")
        means = [number(mean, lang) if mean is not None else "—" for mean in phase["means"]]
        rows.append([phase["name"], label("dg_phase_mean", lang), *means, phase["change"] or "—"] + (["—"] if metric else []))
    headers = [label("phase", lang), label("step", lang), f"{label('emotion', lang)} ({label('dg_to_be', lang)})"]
    headers += [f"{label('emotion', lang)} ({label('dg_as_is', lang)})", label("dg_change", lang)]
    if metric:
        headers.append(f"{METRIC_MARK} {metric['name']}")
    return data_table(label("dg_data", lang), headers, rows, empty=label("no_steps", lang))


def _alternative(data: dict[str, Any], lang: str) -> str:
    if "compare" in data:
        return _compare_alternative(data, lang)
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
    compare_with: str | None = None,
) -> Drawing:
    """The emotion curve of ``journey``; ``highlight_phase`` frames one phase; ``metric`` (a
    metric id) adds a row with its latest value at each step where it is measured;
    ``compare_with`` (the id of an as-is journey) draws that journey's curve under this one,
    dashed with diamonds, with the change of each phase's mean feeling (:func:`compare_data`;
    a :class:`DiagramError` when there is no such journey)."""
    data = curve_data(handbook, journey, lang, highlight_phase, metric, compare_with)
    caption = label("dg_curve_legend", lang)
    if any(p["current"] for p in data["phases"]):
        caption += " " + label("dg_curve_highlight", lang)
    if "metric" in data:
        caption += " " + data["metric"]["legend"]
    if "compare" in data:
        caption += " " + label("dg_curve_compare_legend", lang)
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
