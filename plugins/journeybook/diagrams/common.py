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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import graphviz

from ..markup import plain
from .engines import Engine
from .figure import figure
from .fonts import FONT_FAMILY, font_hash

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Framework, Journey, JourneyPhase

FONT = FONT_FAMILY  # every Graphviz label: the shipped font (see .fonts)


@dataclass(frozen=True)
class Drawing:
    """One planned figure."""

    kind: str  # "journey-map", "emotion-curve", "persona-map", "overview-map", "touchpoint-heatmap"
    source: str  # DOT, or the JSON the builder draws from
    builder: Optional[Callable[[str], str]]  # None: an Engine renders the DOT
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


@lru_cache(maxsize=None)
def _code_hash(module: str) -> str:
    """sha256 of a builder's source and the SVG helpers it uses: new code, new cache entries."""
    digest = hashlib.sha256()
    for name in (module, f"{__package__}.svg", f"{__package__}.palette"):
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


# --------------------------------------------------------------------------- model helpers


def framework_of(handbook: "Handbook", journey: "Journey") -> Optional["Framework"]:
    """The journey's phase model; None when it is unknown (then phases keep their ids and order)."""
    return handbook.frameworks.get(journey.framework or handbook.default_framework)


def ordered_phases(journey: "Journey", framework: Optional["Framework"]) -> list["JourneyPhase"]:
    """The journey's phases in framework order; phases the framework lacks keep their place at the end."""
    order = framework.phase_ids() if framework is not None else []
    rank = {phase_id: i for i, phase_id in enumerate(order)}
    return sorted(journey.phases, key=lambda p: rank.get(p.phase, len(order)))


def phase_name(phase_id: str, framework: Optional["Framework"], lang: str) -> str:
    spec = framework.phase(phase_id) if framework is not None else None
    return (text(spec.name, lang) if spec is not None else "") or phase_id


def touchpoint_name(handbook: "Handbook", ref: str, lang: str) -> str:
    touchpoint = handbook.touchpoints.get(ref)
    return (text(touchpoint.name, lang) if touchpoint is not None else "") or ref


def journey_title(journey: "Journey", lang: str) -> str:
    return text(journey.title, lang) or journey.id


def lowest_emotion(journey: "Journey", phase: Optional["JourneyPhase"] = None) -> Optional[int]:
    """The worst feeling of a journey (or of one of its phases); None when none is recorded."""
    steps = phase.steps if phase is not None else [s for _p, s in journey.steps()]
    scores = [s.emotion for s in steps if s.emotion is not None]
    return min(scores) if scores else None
