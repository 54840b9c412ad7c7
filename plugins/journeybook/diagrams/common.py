"""What all diagrams share: the :class:`Drawing` they are planned as, and text helpers.

A diagram function first *plans* a :class:`Drawing`: its ``source`` (DOT for Graphviz, or
the canonical JSON an SVG builder draws from) plus the words around the picture (title,
description, caption, text alternative). ``source`` alone decides the picture, so it is
what caches key on; :meth:`Drawing.render` makes the SVG from it and :meth:`Drawing.finish`
wraps that into the figure.
"""

from __future__ import annotations

import hashlib
import json
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import graphviz

from ..markup import plain
from .engines import Engine
from .figure import figure
from .fonts import FONT_FAMILY, font_hash

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Framework, Journey, JourneyPhase

FONT = FONT_FAMILY  # every Graphviz label: the shipped font (see .fonts)

# How wide a diagram may be drawn, in points (SVG user units; 1 pt = 4/3 CSS px). Material's
# content column is 688 CSS px at a 1280 px window (with both sidebars), and a diagram may
# be shrunk until its smallest text (9 pt) is 9 CSS px, i.e. to 3/4: 688 px / (4/3 × 3/4) =
# 688 pt. Drawing at most MAX_WIDTH leaves room for rounding and keeps the usual text
# (10–11 pt) at 11–12 px on such a screen. Diagrams that would be wider wrap into rows.
MAX_WIDTH = 620.0


@dataclass(frozen=True)
class Drawing:
    """One planned figure."""

    kind: str  # "journey-map", "emotion-curve", …, "metric-trend", "impact-effort"
    source: str  # DOT, or the JSON the builder draws from
    builder: Callable[[str], str] | None  # None: an Engine renders the DOT
    title: str
    description: str
    caption: str
    css_class: str
    alternative: str  # the <details> text alternative (HTML)
    id_prefix: str

    def renderer_id(self, engine: Engine) -> str:
        """Names what turns ``source`` into SVG, with every version the bytes depend on."""
        if self.builder is None:
            return f"engine {engine.name}: {engine.version()}"
        return f"builder {self.kind}: code sha256:{_code_hash(self.builder.__module__)}; font sha256:{font_hash()[:16]}"

    def render(self, engine: Engine) -> str:
        """The bare SVG (what a cache stores)."""
        return engine.render_svg(self.source) if self.builder is None else self.builder(self.source)

    def finish(self, svg: str) -> str:
        """The figure HTML around ``svg`` (cheap; done on every build, cached or not)."""
        return figure(
            svg, title=self.title, description=self.description, caption=self.caption,
            id_prefix=self.id_prefix, css_class=self.css_class, alternative=self.alternative,
        )  # fmt: skip

    def make(self, engine: Engine) -> str:
        return self.finish(self.render(engine))


@cache
def _code_hash(module: str) -> str:
    """sha256 of a builder's source and the helpers it uses (SVG, palette, text wrapping, row
    packing, numbers): new code, new cache entries."""
    digest = hashlib.sha256()
    helpers = ("svg", "palette", "fonts", "measures")
    for name in (module, *(f"{__package__}.{helper}" for helper in helpers), __name__):
        path = getattr(sys.modules.get(name), "__file__", None)
        digest.update(Path(path).read_bytes() if path else name.encode())
    return digest.hexdigest()[:16]


def canonical_json(data: Any) -> str:
    """The one JSON text of ``data`` (sorted keys, no spaces): a builder's ``source``."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- text


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Lines of at most ``width`` characters; beyond ``max_lines`` the last one ends in "…"."""
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [lines[max_lines - 1][: width - 1].rstrip() + "…"]
    return lines


def dot_label(*lines: str, align: str = "center") -> str:
    """Plain-text lines as one DOT label, every character literal.

    Doubling backslashes stops escStrings (``\\N`` is the node name, ``\\G`` the graph);
    ``&`` → ``&amp;`` stops Graphviz from decoding entities a second time; ``nohtml`` stops
    the ``graphviz`` package from passing ``<...>`` through as an HTML-like label. Quotes are
    escaped by the package when it quotes the attribute. ``align="left"`` ends every line
    with ``\\l`` (left-justified) instead of ``\\n`` (centred).
    """
    literal = [line.replace("\\", "\\\\").replace("&", "&amp;") for line in lines]
    if align == "left":
        return graphviz.nohtml("".join(line + "\\l" for line in literal))
    return graphviz.nohtml("\\n".join(literal))


def text(value: Any, lang: str) -> str:
    """A LocalizedText (or None) in ``lang``, as plain text ("" for None)."""
    return plain(value.get(lang)) if value is not None else ""


def sentence(*parts: str) -> str:
    """Parts joined into sentences, each ending in a full stop."""
    return " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in parts if p)


# --------------------------------------------------------------------------- wrapping into rows


@dataclass(frozen=True)
class Segment:
    """A run of one group's items on one row (a phase's steps, a framework's phase columns)."""

    group: int
    items: tuple[int, ...]  # indices into the group's items; empty for a group without items
    first: bool  # the group's first segment (a later one is a continuation: "… name")


def pack_rows(
    groups: list[list[float]], budget: float, *, gap: float, overhead: float, empty: float = 0.0,
    minimum: list[float] | None = None, keep_together: bool = True,
) -> list[list[Segment]]:
    """Groups of items, in order, packed into rows no wider than ``budget`` (like words into lines).

    ``groups[g]`` holds the widths of group ``g``'s items. Items in a row are ``gap`` apart;
    each segment of a group adds ``overhead`` (its frame) and is at least ``minimum[g]`` wide
    (its name); a group without items takes ``empty``. With ``keep_together`` a group starts
    a new row when it does not fit after the others but fits a row of its own; otherwise it
    fills the row and goes on in the next (a group without items is never split). A group
    too wide for any row is split over rows, at least one item per row, so a single item
    wider than ``budget`` gets a row of its own. Deterministic: widths in, the same rows out.
    """
    floor = minimum or [0.0] * len(groups)

    def width_of(g: int, items: list[int]) -> float:
        inner = sum(groups[g][i] for i in items) + gap * max(len(items) - 1, 0) if items else empty
        return max(inner, floor[g]) + overhead

    rows: list[list[Segment]] = []
    row: list[Segment] = []
    used = 0.0

    def room() -> float:
        return budget - used - (gap if row else 0.0)

    for g, items in enumerate(groups):
        left = list(range(len(items)))
        first = True
        if (keep_together or not left) and width_of(g, left) > room() and row and width_of(g, left) <= budget:
            rows.append(row)
            row, used = [], 0.0
        while True:
            take: list[int] = []
            for i in left:
                if width_of(g, take + [i]) <= room() or (not take and not row):
                    take.append(i)
                else:
                    break
            if not take and left:  # nothing fits after the others: a new row
                rows.append(row)
                row, used = [], 0.0
                continue
            used += (gap if row else 0.0) + width_of(g, take)
            row.append(Segment(g, tuple(take), first))
            first = False
            left = left[len(take):]
            if not left:
                break
            rows.append(row)
            row, used = [], 0.0
    if row:
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- model helpers


def ordered_phases(journey: Journey, framework: Framework | None) -> list[JourneyPhase]:
    """The journey's phases in framework order; phases the framework lacks keep their place at the end."""
    order = framework.phase_ids() if framework is not None else []
    rank = {phase_id: i for i, phase_id in enumerate(order)}
    return sorted(journey.phases, key=lambda p: rank.get(p.phase, len(order)))


def phase_name(phase_id: str, framework: Framework | None, lang: str) -> str:
    spec = framework.phase(phase_id) if framework is not None else None
    return (text(spec.name, lang) if spec is not None else "") or phase_id


def touchpoint_name(handbook: Handbook, ref: str, lang: str) -> str:
    touchpoint = handbook.touchpoints.get(ref)
    return (text(touchpoint.name, lang) if touchpoint is not None else "") or ref


def journey_title(journey: Journey, lang: str) -> str:
    return text(journey.title, lang) or journey.id

