"""Diagrams: handbook data → SVG → an accessible inline ``<figure>``.

The suite, one module each:

===================  ==================  ================================================
diagram              page                drawn by
===================  ==================  ================================================
journey map          journey             Graphviz (:mod:`.journey_map`)
emotion curve        journey, phase      journeybook's own SVG (:mod:`.emotion_curve`)
persona map          persona             Graphviz (:mod:`.persona_map`)
overview map         overview            Graphviz (:mod:`.overview_map`)
touchpoint heatmap   touchpoints         journeybook's own SVG (:mod:`.heatmap`)
metric trend         step, phase,        journeybook's own SVG (:mod:`.metric_trend`)
                     journey, metrics
impact × effort      opportunities       journeybook's own SVG (:mod:`.impact_effort`)
service blueprint    journey (with       journeybook's own SVG (:mod:`.blueprint`)
                     lanes)
===================  ==================  ================================================

Every diagram is made in three steps:

1. its plan (the :data:`KINDS` registry: name → ``plan_*()``) turns the model into a
   :class:`~.common.Drawing`: DOT (for Graphviz) or plain JSON (for the SVG builders), plus
   the words around it;
2. an :class:`~.engines.Engine` renders the DOT (:class:`PygraphvizEngine` in the process,
   no ``dot`` needed; :class:`DotEngine` only when configured), or the builder draws the SVG;
3. :func:`~.figure.figure` makes the SVG embeddable: comments and tooltips removed, every
   id prefixed, title/desc/role for assistive technology, a ``<details>`` table with the
   data (the text alternative), responsive size, and no blank or indented lines.

Fitting the screen: every diagram is laid out at most :data:`~.common.MAX_WIDTH` (620 pt)
wide, whatever the journey's length: the journey map wraps its steps into rows (a phase
that does not fit goes on in the next row, "… name"), the emotion curve wraps into panels,
the heatmap into blocks of phase models, the overview map stacks each journey's phases,
the persona map keeps its three columns narrow; a metric trend is small (300 pt, it sits
beside a step) and the impact × effort matrix cuts long items and full cells ("+n more"). On screen a diagram shrinks with the
column until its smallest text (9 pt) is 9 CSS px, then its picture box scrolls sideways
(:func:`~.figure.figure`); ``assets/journeybook-figures.js`` opens any diagram full size
with zoom, and ``assets/print.css`` prints each on one page. A journey without steps gets
a framed message instead of an empty picture.

Same input, same bytes, on every machine: node names come from positions, nothing random
or time-based is written, Graphviz's comments are dropped, and every text is measured in
the one shipped font (:mod:`.fonts`). Colours: the SVG carries light-scheme colours and
classes; ``assets/journeybook.css`` restyles the classes for Material's light and dark
scheme (:mod:`.palette`).

:class:`journeybook.diagram_cache.DiagramMaker` is what pages call (``draw(kind, ...)``):
it caches the SVG of step 2 and counts what it rendered; :func:`draw` does the same without
a cache. A new diagram is one module with a ``plan_*()`` function and one line in
:data:`KINDS`. No MkDocs here. Failures raise :class:`DiagramError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .blueprint import blueprint_data, build_blueprint, plan_blueprint
from .common import Drawing
from .emotion_curve import build_curve, curve_data, plan_emotion_curve
from .engines import (
    DEFAULT_ENGINE,
    ENGINES,
    DiagramError,
    DiagramWarning,
    DotEngine,
    Engine,
    PygraphvizEngine,
    default_engine,
    engine_for,
)
from .figure import data_table, figure
from .fonts import CSS_FAMILY, FONT_FAMILY, FONT_FILE, FONT_LICENSE, font_hash
from .heatmap import build_heatmap, heatmap_data, plan_touchpoint_heatmap
from .impact_effort import build_matrix, matrix_data, matrix_items, plan_impact_effort
from .journey_map import EMOTION_STYLE, journey_map_dot, plan_journey_map
from .metric_trend import build_trend, plan_metric_trend, trend_data
from .overview_map import overview_map_dot, plan_overview_map
from .palette import palette_css
from .persona_map import persona_map_dot, plan_persona_map

# The diagram kinds: name → plan(handbook, *subjects, lang, id_prefix=None, **options) → Drawing.
KINDS: dict[str, Callable[..., Drawing]] = {
    "journey_map": plan_journey_map,
    "emotion_curve": plan_emotion_curve,
    "persona_map": plan_persona_map,
    "overview_map": plan_overview_map,
    "touchpoint_heatmap": plan_touchpoint_heatmap,
    "metric_trend": plan_metric_trend,
    "impact_effort": plan_impact_effort,
    "blueprint": plan_blueprint,
}


def plan(kind: str, handbook: Any, *subjects: Any, lang: str, **options: Any) -> Drawing:
    """The :class:`Drawing` of diagram ``kind`` for ``subjects`` (a journey, a persona, or none)."""
    if kind not in KINDS:
        raise ValueError(f"unknown diagram kind {kind!r}; known: {', '.join(KINDS)}")
    return KINDS[kind](handbook, *subjects, lang, **options)


def draw(kind: str, handbook: Any, *subjects: Any, lang: str, engine: Engine | None = None, **options: Any) -> str:
    """The finished ``<figure>`` HTML of diagram ``kind``, drawn without a cache."""
    return plan(kind, handbook, *subjects, lang=lang, **options).make(engine or default_engine())


__all__ = [
    "CSS_FAMILY",
    "DEFAULT_ENGINE",
    "ENGINES",
    "EMOTION_STYLE",
    "FONT_FAMILY",
    "FONT_FILE",
    "FONT_LICENSE",
    "DiagramError",
    "DiagramWarning",
    "DotEngine",
    "Drawing",
    "Engine",
    "PygraphvizEngine",
    "blueprint_data",
    "build_blueprint",
    "build_curve",
    "build_heatmap",
    "build_matrix",
    "build_trend",
    "curve_data",
    "data_table",
    "default_engine",
    "draw",
    "engine_for",
    "figure",
    "font_hash",
    "heatmap_data",
    "KINDS",
    "plan",
    "journey_map_dot",
    "overview_map_dot",
    "palette_css",
    "matrix_data",
    "matrix_items",
    "persona_map_dot",
    "trend_data",
    "plan_blueprint",
    "plan_emotion_curve",
    "plan_impact_effort",
    "plan_journey_map",
    "plan_metric_trend",
    "plan_overview_map",
    "plan_persona_map",
    "plan_touchpoint_heatmap",
]
