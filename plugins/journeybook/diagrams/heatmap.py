"""The touchpoint heatmap (touchpoints page): touchpoint × phase across all journeys.

A cell counts the steps that use the touchpoint in that phase; it is darker the more
steps there are (three levels, relative to the busiest cell) and coloured by the average
sentiment of those uses (red negative, grey neutral, green positive, blue none recorded),
with the count and ▼/●/▲ written in it. Journeys with different phase models get one
column group per model; groups that do not fit next to each other wrap into blocks, one
below the other, each with the touchpoint names.

Drawn directly as SVG from plain data (:func:`heatmap_data`), text measured in the shipped font.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from ..i18n import label
from .common import MAX_WIDTH, Drawing, canonical_json, pack_rows, sentence, text
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .palette import BAND, BAND_LINE, INK, light
from .svg import Canvas, empty_panel

if TYPE_CHECKING:
    from ..handbook import Handbook

FONT_SIZE = 10
LINE = 12.5
ROW = 28
MAX_HEADER = 170  # the touchpoint names' column, at most
MIN_COLUMN, MAX_COLUMN = 60, 120
MARK = {"negative": "▼", "neutral": "●", "positive": "▲", "unrated": ""}
BLOCK_GAP = 14  # between two blocks of a wrapped heatmap
CONTINUED = "… "  # before the name of a phase model continued from the block above


def sentiment_bucket(average: float | None) -> str:
    """An average of −1 … +1 (None: nothing recorded) as negative / neutral / positive / unrated."""
    if average is None:
        return "unrated"
    if average < -1 / 3:
        return "negative"
    if average > 1 / 3:
        return "positive"
    return "neutral"


def heatmap_data(handbook: Handbook, lang: str) -> dict[str, Any]:
    """Rows (touchpoints, catalog order) × column groups (phase models in journey order)."""
    score = {"negative": -1, "neutral": 0, "positive": 1}
    frameworks: list[str] = []
    for journey in handbook.journeys.values():
        framework_id = journey.framework or handbook.default_framework
        if framework_id in handbook.frameworks and framework_id not in frameworks:
            frameworks.append(framework_id)
    columns: list[tuple[str, str]] = []  # (framework id, phase id)
    groups = []
    for framework_id in frameworks:
        framework = handbook.frameworks[framework_id]
        phase_ids = framework.phase_ids()
        columns += [(framework_id, phase_id) for phase_id in phase_ids]
        names = [(text(p.name, lang) or p.id) for p in framework.phases]
        groups.append({"name": text(framework.name, lang) or framework.id, "phases": names})
    index = {column: i for i, column in enumerate(columns)}
    counts: dict[str, list[list[int]]] = {}  # touchpoint → per column: [uses, rated uses, score sum]
    order = list(handbook.touchpoints)
    for journey in handbook.journeys.values():
        framework_id = journey.framework or handbook.default_framework
        for phase in journey.phases:
            column = index.get((framework_id, phase.phase))
            if column is None:
                continue
            for step in phase.steps:
                for use in step.touchpoints:
                    if use.ref not in counts:
                        counts[use.ref] = [[0, 0, 0] for _ in columns]
                        if use.ref not in order:
                            order.append(use.ref)
                    cell = counts[use.ref][column]
                    cell[0] += 1
                    if use.sentiment:
                        cell[1] += 1
                        cell[2] += score[use.sentiment]
    rows = []
    for ref in order:
        touchpoint = handbook.touchpoints.get(ref)
        cells = []
        for uses, rated, total in counts.get(ref, [[0, 0, 0] for _ in columns]):
            cells.append([uses, round(total / rated, 2) if rated else None])
        rows.append(
            {
                "name": (text(touchpoint.name, lang) if touchpoint is not None else "") or ref,
                "direct": bool(touchpoint is not None and touchpoint.direct),
                "cells": cells,
            }
        )
    return {
        "groups": groups,
        "rows": rows,
        "direct": label("dg_direct_mark", lang),
        "empty": label("dg_no_touchpoints", lang),
    }


def build_heatmap(source: str) -> str:
    """The SVG of the heatmap described by ``source`` (the JSON of :func:`heatmap_data`).

    When the phase columns do not fit :data:`~.common.MAX_WIDTH` next to the touchpoint
    names, they wrap into blocks stacked top to bottom, each with the names again; a phase
    model starts a new block when it fits one, and one too wide is split ("… name").
    """
    data = json.loads(source)
    groups, rows = data["groups"], data["rows"]
    phase_names = [name for group in groups for name in group["phases"]]
    names = [row["name"] + (f" {data['direct']}" if row["direct"] else "") for row in rows]
    if not rows or not phase_names:
        return empty_panel(data["empty"], "jb-heatmap-svg")
    widest_word = max((text_width(w, FONT_SIZE) for n in phase_names for w in n.split()), default=0)
    column = min(MAX_COLUMN, max(MIN_COLUMN, math.ceil(widest_word) + 14))
    heads = [wrap_to_width(name, FONT_SIZE, column - 8, 2) for name in phase_names]
    show_groups = len(groups) > 1
    group_height = 20 if show_groups else 0
    head_height = max((len(h) for h in heads), default=1) * LINE + 10
    header = min(MAX_HEADER, max([60.0, *(text_width(n, FONT_SIZE) + 16 for n in names)]))
    labels = [wrap_to_width(name, FONT_SIZE, header - 12, 2) for name in names]
    row_heights = [max(ROW, len(lines) * LINE + 8) for lines in labels]
    blocks = pack_rows([[column] * len(g["phases"]) for g in groups], MAX_WIDTH - header - 8, gap=0, overhead=0)
    # the index (in phase_names) of each group's first phase
    first_column: list[int] = [sum(len(g["phases"]) for g in groups[:k]) for k in range(len(groups))]
    # A block shows the touchpoints used by its phase models (all of a model's, even when the
    # model is split over blocks); the first also those that no journey uses.
    def used_in(row: dict[str, Any], g: int) -> bool:
        return any(uses for uses, _average in row["cells"][first_column[g] : first_column[g] + len(groups[g]["phases"])])

    block_rows = []
    for b, block in enumerate(blocks):
        models = {seg.group for seg in block}
        block_rows.append(
            [
                r for r, row in enumerate(rows)
                if any(used_in(row, g) for g in models) or (b == 0 and not any(cell[0] for cell in row["cells"]))
            ]
        )  # fmt: skip
    heights = [6 + group_height + head_height + (sum(row_heights[r] for r in shown) if shown else ROW) for shown in block_rows]
    width = header + column * max(sum(len(seg.items) for seg in block) for block in blocks) + 8
    height = sum(heights) + (len(blocks) - 1) * BLOCK_GAP + 6
    busiest = max((cell[0] for row in rows for cell in row["cells"]), default=0)

    canvas = Canvas(width, height, "jb-heatmap-svg", FONT_SIZE)
    for b, block in enumerate(blocks):
        offset = sum(heights[:b]) + b * BLOCK_GAP
        top = offset + 6 + group_height + head_height
        shown = [first_column[seg.group] + i for seg in block for i in seg.items]  # the block's columns
        head = canvas.group("jb-heads")
        x = header
        for segment in block:
            group_width = column * len(segment.items)
            if show_groups:
                title = groups[segment.group]["name"]
                title = wrap_to_width(title if segment.first else CONTINUED + title, FONT_SIZE, group_width - 8, 1)[0]
                canvas.text(head, x + group_width / 2, offset + 18, title, "jb-group-name", text_anchor="middle", fill=INK)
                canvas.add(
                    head, "line", "jb-group-line", x1=x + 4, y1=offset + 22, x2=x + group_width - 4, y2=offset + 22,
                    stroke=BAND_LINE, stroke_width=1,
                )  # fmt: skip
            x += group_width
        for i, c in enumerate(shown):
            cx = header + column * (i + 0.5)
            base = top - 6 - (len(heads[c]) - 1) * LINE
            for j, line in enumerate(heads[c]):
                canvas.text(head, cx, base + j * LINE, line, "jb-phase-name", text_anchor="middle", fill=INK)

        body = canvas.group("jb-cells")
        y = top
        for r in block_rows[b]:
            row, lines, row_height = rows[r], labels[r], row_heights[r]
            group = canvas.group("jb-row", body)
            first = y + row_height / 2 + 3.5 - (len(lines) - 1) * LINE / 2
            for j, line in enumerate(lines):
                canvas.text(group, 6, first + j * LINE, line, "jb-row-name", fill=INK)
            for i, c in enumerate(shown):
                uses, average = row["cells"][c]
                cx = header + column * i
                if not uses:
                    canvas.add(
                        group, "rect", "jb-cell-empty", x=cx + 2, y=y + 2, width=column - 4, height=row_height - 4, rx=3,
                        fill=BAND, stroke="none",
                    )  # fmt: skip
                    continue
                bucket = sentiment_bucket(average)
                level = max(1, math.ceil(3 * uses / busiest))
                key = f"heat-{bucket}-{level}"
                cell = canvas.group(f"jb-cell jb-{key}", group)
                canvas.add(cell, "rect", x=cx + 2, y=y + 2, width=column - 4, height=row_height - 4, rx=3, fill=light(key), stroke="none")
                caption = f"{uses} {MARK[bucket]}".strip()
                canvas.text(cell, cx + column / 2, y + row_height / 2 + 3.5, caption, text_anchor="middle", fill=light(f"{key}-ink"))
            y += row_height
    return canvas.source()


def _alternative(data: dict[str, Any], lang: str) -> str:
    phase_names = [(group["name"], name) for group in data["groups"] for name in group["phases"]]
    several = len(data["groups"]) > 1
    rows = []
    for row in data["rows"]:
        for (framework, phase), (uses, average) in zip(phase_names, row["cells"], strict=False):
            if not uses:
                continue
            bucket = sentiment_bucket(average)
            if bucket == "unrated":
                feeling = label("dg_not_recorded", lang)
            else:
                feeling = f"{MARK[bucket]} {label(bucket, lang)} ({average:+.2f})".replace("-", "−")
            name = row["name"] + (f" {data['direct']}" if row["direct"] else "")
            rows.append([name, f"{phase} ({framework})" if several else phase, str(uses), feeling])
    headers = [label("touchpoint", lang), label("phase", lang), label("dg_uses", lang), label("dg_average", lang)]
    return data_table(label("dg_data", lang), headers, rows, empty=label("dg_no_touchpoints", lang))


def _description(data: dict[str, Any], lang: str) -> str:
    used = []
    for row in data["rows"]:
        total = sum(cell[0] for cell in row["cells"])
        if total:
            used.append((total, row["name"]))
    parts = [label("dg_heatmap_desc", lang)]
    if used:
        parts.append(", ".join(f"{name}: {total}" for total, name in sorted(used, key=lambda u: (-u[0], u[1]))))
    else:
        parts.append(label("dg_no_touchpoints", lang))
    return sentence(*parts)


def plan_touchpoint_heatmap(handbook: Handbook, lang: str, id_prefix: str | None = None) -> Drawing:
    data = heatmap_data(handbook, lang)
    return Drawing(
        kind="touchpoint-heatmap",
        source=canonical_json(data),
        builder=build_heatmap,
        title=label("dg_heatmap_title", lang),
        description=_description(data, lang),
        caption=label("dg_heatmap_legend", lang),
        css_class="jb-touchpoint-heatmap",
        alternative=_alternative(data, lang),
        id_prefix=id_prefix or "jb-touchpoint-heatmap",
    )
