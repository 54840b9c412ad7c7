"""Numbers as the metric diagrams write them (trend chart, the metric row of the emotion curve).

Plain text only, the same in every process: a value with at most four decimals, a decimal
comma in Dutch, a real minus sign, and the metric's unit right after it (``3.4/5``,
``14.5%``, ``12 min`` for a unit written as ``" min"``).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..i18n import label
from ..model import parse_place
from .common import journey_title, phase_name, text

if TYPE_CHECKING:
    from ..handbook import Handbook
    from ..model import Metric

ON_MARK, OFF_MARK = "✓", "✗"  # on target, off target: a symbol beside the word, never colour alone
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def number(value: float, lang: str) -> str:
    """``3.4`` (``3,4`` in Dutch), ``22``, ``−1.25``: at most four decimals."""
    shown = f"{value:.4f}".rstrip("0").rstrip(".")
    if shown in ("-0", ""):
        shown = "0"
    if lang == "nl":
        shown = shown.replace(".", ",")
    return shown.replace("-", "−")


def unit_of(metric: Metric) -> str:
    """The metric's unit as written (a leading space kept), without control or format characters."""
    unit = metric.unit or ""
    return "".join(ch for ch in unit if ch == " " or unicodedata.category(ch) not in _UNPRINTABLE and not ch.isspace())


def value_text(value: float, metric: Metric, lang: str) -> str:
    return number(value, lang) + unit_of(metric)


def metric_name(metric: Metric, lang: str) -> str:
    return text(metric.name, lang) or metric.id


def status_text(on_target: bool | None, lang: str) -> str:
    """``✓ on target``, ``✗ off target``, or "" without a target."""
    if on_target is None:
        return ""
    return f"{ON_MARK} {label('on_target', lang)}" if on_target else f"{OFF_MARK} {label('off_target', lang)}"


def better_text(metric: Metric, lang: str) -> str:
    """``↑ higher is better`` or ``↓ lower is better``."""
    return label("dg_better_higher", lang) if metric.better == "higher" else label("dg_better_lower", lang)


def place_name(handbook: Handbook, place: str, lang: str) -> str:
    """A place (``JOURNEY``, ``JOURNEY/STEP``, ``JOURNEY#PHASE``) in words: a step's action or a
    phase's name with the journey's title in brackets, or the journey's title."""
    journey_id, step_id, phase_id = parse_place(place)
    journey = handbook.journeys.get(journey_id)
    if journey is None:
        return place
    title = journey_title(journey, lang)
    if step_id:
        step = next((s for _p, s in journey.steps() if s.id == step_id), None)
        action = text(step.action, lang) if step is not None else step_id
        return f"{action.rstrip('.')} ({title})"
    if phase_id:
        framework = handbook.frameworks.get(journey.framework or handbook.default_framework)
        return f"{phase_name(phase_id, framework, lang)} ({title})"
    return title


def scale_value(value: float, metric_unit: str, lang: str) -> str:
    """A bound of the scale: ``0%`` … ``100%``, but ``1`` … ``5`` for a unit like ``/5``."""
    return number(value, lang) + ("" if metric_unit.startswith("/") else metric_unit)
