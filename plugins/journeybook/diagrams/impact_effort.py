"""The impact × effort matrix (opportunities page): the rated backlog items in a 3 × 3 grid.

Rows are impact, high at the top; columns are effort, low on the left. Each cell lists its
items, numbered in reading order (top row first, left to right, then backlog order within
a cell), so the quick wins come first and the data table and the page can refer to them by
number (:func:`matrix_items`). The cells where the impact is higher than the effort are the
quick wins (:attr:`~journeybook.backlog.BacklogItem.quick_win`): highlighted, and marked
with ★ and the words, never colour alone. Items without impact or effort are not drawn;
a line under the grid counts them (the page lists them). A full cell shows its first
:data:`MAX_ITEMS` and "+n more".

Drawn directly as SVG from plain data (:func:`matrix_data`); author text is plain text.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from ..backlog import RANK, BacklogItem, backlog, ranked
from ..i18n import label
from .common import MAX_WIDTH, Drawing, canonical_json, sentence, text
from .figure import data_table
from .fonts import text_width, wrap_to_width
from .palette import BAND, BAND_LINE, BORDER, HIGHLIGHT, HIGHLIGHT_LINE, INK, INK_LIGHT, SURFACE
from .svg import Canvas, empty_panel

if TYPE_CHECKING:
    from ..handbook import Handbook

IMPACT = ("high", "medium", "low")  # rows, top to bottom
EFFORT = ("low", "medium", "high")  # columns, left to right
QUICK_MARK = "★"
FONT_SIZE = 10  # items, level names
SMALL = 9  # numbers, "Impact"/"Effort", the quick-win mark
LINE = 12.5
ITEM_LINES = 2
ITEM_GAP = 5
MAX_ITEMS = 6
PAD = 8  # inside a cell
BADGE = 8  # radius of an item's number
HEAD_HEIGHT = 36  # the effort names above the columns
MIN_ROW = 52


def matrix_items(handbook: Handbook) -> list[tuple[int, BacklogItem]]:
    """The rated backlog items, numbered as the backlog ranks them (:func:`journeybook.backlog.ranked`:
    quick wins first, then by impact and effort), so the matrix and the page's table agree."""
    return list(enumerate(ranked(backlog(handbook)), 1))


def is_quick(impact: str, effort: str) -> bool:
    return RANK[impact] > RANK[effort]


def matrix_data(handbook: Handbook, lang: str) -> dict[str, Any]:
    """What the matrix shows, as plain data (its JSON is the cache key and the builder's input)."""
    numbered = matrix_items(handbook)
    cells: list[list[dict[str, Any]]] = []
    for impact in IMPACT:
        row = []
        for effort in EFFORT:
            items = [
                {
                    "number": n,
                    "text": text(item.opportunity.text, lang) or item.opportunity.id or "",
                    "status": item.opportunity.status,
                }
                for n, item in numbered
                if (item.opportunity.impact, item.opportunity.effort) == (impact, effort)
            ]
            more = len(items) - MAX_ITEMS if len(items) > MAX_ITEMS else 0
            row.append({"items": items, "quick": is_quick(impact, effort), "more": _more(items, more, lang)})
        cells.append(row)
    unrated = sum(1 for item in backlog(handbook) if not item.rated)
    return {
        "impact": label("impact", lang),
        "effort": label("effort", lang),
        "rows": [label(level, lang) for level in IMPACT],
        "columns": [label(level, lang) for level in EFFORT],
        "cells": cells,
        "quick": f"{QUICK_MARK} {label('quick_win', lang)}",
        "unrated": label("dg_matrix_unrated", lang, count=unrated) if unrated else "",
        "empty": label("dg_no_rated", lang),
    }


def _more(items: list[dict[str, Any]], more: int, lang: str) -> str:
    """``+3 more (7–9)``: the numbers of the items a full cell does not show."""
    if not more:
        return ""
    hidden = [item["number"] for item in items[MAX_ITEMS:]]
    numbers = f"{hidden[0]}–{hidden[-1]}" if hidden == list(range(hidden[0], hidden[-1] + 1)) else ", ".join(map(str, hidden))
    return f"{label('dg_more', lang, n=more)} ({numbers})"


def build_matrix(source: str) -> str:
    """The SVG of the matrix described by ``source`` (the JSON of :func:`matrix_data`)."""
    data = json.loads(source)
    cells = data["cells"]
    if not any(cell["items"] for row in cells for cell in row):
        return empty_panel(data["empty"], "jb-matrix-svg")
    head = math.ceil(max([text_width(data["impact"], SMALL)] + [text_width(w, FONT_SIZE) for w in data["rows"]])) + 16
    column = (MAX_WIDTH - head) / len(EFFORT)
    badge_room = 2 * BADGE + 6
    text_room = column - 2 * PAD - badge_room

    def badge_radius(number: int) -> float:
        return max(BADGE, text_width(str(number), SMALL) / 2 + 4)

    # every cell's content, laid out top down: (kind, y offset, lines, number)
    layouts: list[list[tuple[list[tuple[str, float, list[str], int]], float]]] = []
    for row in cells:
        laid: list[tuple[list[tuple[str, float, list[str], int]], float]] = []
        for cell in row:
            parts: list[tuple[str, float, list[str], int]] = []
            y: float = PAD
            if cell["quick"]:
                parts.append(("quick", y + 10, [data["quick"]], 0))
                y += 16
            for item in cell["items"][:MAX_ITEMS]:
                lines = wrap_to_width(item["text"], FONT_SIZE, text_room, ITEM_LINES)
                parts.append(("item", y, lines, item["number"]))
                y += max(2 * BADGE, len(lines) * LINE) + ITEM_GAP
            if cell["more"]:
                parts.append(("more", y + 9, [cell["more"]], 0))
                y += 14
            laid.append((parts, y + PAD - (ITEM_GAP if cell["items"] and not cell["more"] else 0)))
        layouts.append(laid)
    row_heights = [max(MIN_ROW, *(height for _parts, height in laid)) for laid in layouts]
    footer = 20 if data["unrated"] else 0
    height = HEAD_HEIGHT + sum(row_heights) + footer + 4
    canvas = Canvas(MAX_WIDTH, height, "jb-matrix-svg", FONT_SIZE)

    heads = canvas.group("jb-heads")
    for c, name in enumerate(data["columns"]):
        cx = head + column * (c + 0.5)
        canvas.text(heads, cx, 14, data["effort"], "jb-axis-label", text_anchor="middle", font_size=SMALL, fill=INK_LIGHT)
        canvas.text(heads, cx, 28, name, "jb-level", text_anchor="middle", fill=INK)
    y = float(HEAD_HEIGHT)
    for r, (row, laid) in enumerate(zip(cells, layouts, strict=False)):
        row_height = row_heights[r]
        middle = y + row_height / 2
        canvas.text(heads, 6, middle - 3, data["impact"], "jb-axis-label", font_size=SMALL, fill=INK_LIGHT)
        canvas.text(heads, 6, middle + 10, data["rows"][r], "jb-level", fill=INK)
        for c, (cell, (parts, _height)) in enumerate(zip(row, laid, strict=False)):
            x = head + column * c
            group = canvas.group("jb-matrix-cell" + (" jb-quick-win" if cell["quick"] else ""))
            canvas.add(
                group, "rect", "jb-band" + (" jb-current" if cell["quick"] else ""), x=x + 2, y=y + 2, width=column - 4,
                height=row_height - 4, rx=6, fill=HIGHLIGHT if cell["quick"] else BAND,
                stroke=HIGHLIGHT_LINE if cell["quick"] else BAND_LINE, stroke_width=2 if cell["quick"] else 1,
            )  # fmt: skip
            for kind, top, lines, number in parts:
                if kind == "quick":
                    canvas.text(group, x + PAD, y + top, lines[0], "jb-quick-win-mark", font_size=SMALL, fill=INK)
                elif kind == "more":
                    canvas.text(group, x + PAD + badge_room, y + top, lines[0], "jb-axis-label", font_size=SMALL, fill=INK_LIGHT)
                else:
                    item = canvas.group("jb-item", group)
                    radius = badge_radius(number)
                    cy = y + top + BADGE
                    canvas.add(item, "ellipse", cx=x + PAD + BADGE, cy=cy, rx=radius, ry=BADGE, fill=SURFACE, stroke=BORDER, stroke_width=1)
                    canvas.text(item, x + PAD + BADGE, cy + 3.2, str(number), "jb-number", text_anchor="middle", font_size=SMALL, fill=INK)
                    first = cy + 3.5 - (len(lines) - 1) * LINE / 2 if len(lines) * LINE <= 2 * BADGE else y + top + 9.5
                    for i, line in enumerate(lines):
                        canvas.text(group, x + PAD + badge_room, first + i * LINE, line, "jb-item-text", fill=INK)
        y += row_height
    if data["unrated"]:
        canvas.text(None, head + 2, y + 15, data["unrated"], "jb-axis-label", font_size=SMALL, fill=INK_LIGHT)
    return canvas.source()


def _status(status: str, lang: str) -> str:
    return label(status, lang) if status in ("idea", "planned", "doing", "done") else status


def _description(data: dict[str, Any], lang: str) -> str:
    parts = [label("dg_matrix_desc", lang)]
    for r, row in enumerate(data["cells"]):
        for c, cell in enumerate(row):
            if not cell["items"]:
                continue
            items = ", ".join(f"{item['number']} {item['text'].rstrip('.')}" for item in cell["items"])
            words = label("dg_matrix_cell", lang, impact=data["rows"][r], effort=data["columns"][c], items=items)
            parts.append(words + (f" ({data['quick']})" if cell["quick"] else ""))
    if not any(cell["items"] for row in data["cells"] for cell in row):
        parts.append(data["empty"])
    parts.append(data["unrated"])
    return sentence(*parts)


def _alternative(data: dict[str, Any], lang: str) -> str:
    numbered: list[tuple[int, list[str]]] = []
    for r, row in enumerate(data["cells"]):
        for c, cell in enumerate(row):
            quick = f"{QUICK_MARK} {label('yes', lang)}" if cell["quick"] else label("no", lang)
            for item in cell["items"]:
                shown = [str(item["number"]), item["text"], data["rows"][r], data["columns"][c], quick, _status(item["status"], lang)]
                numbered.append((item["number"], shown))
    headers = [
        label("dg_number", lang), label("opportunity", lang), label("impact", lang), label("effort", lang),
        label("quick_win", lang), label("status", lang),
    ]  # fmt: skip
    rows = [shown for _n, shown in sorted(numbered)]
    return data_table(label("dg_data", lang), headers, rows, empty=data["empty"])


def plan_impact_effort(handbook: Handbook, lang: str, *, id_prefix: str | None = None, **_: Any) -> Drawing:
    """The impact × effort matrix of the handbook's backlog."""
    data = matrix_data(handbook, lang)
    drawn = any(cell["items"] for row in data["cells"] for cell in row)
    return Drawing(
        kind="impact-effort",
        source=canonical_json(data),
        builder=build_matrix,
        title=label("dg_matrix_title", lang),
        description=_description(data, lang),
        caption=label("dg_matrix_legend", lang) if drawn else label("dg_matrix_title", lang),
        css_class="jb-impact-effort",
        alternative=_alternative(data, lang),
        id_prefix=id_prefix or "jb-impact-effort",
    )
