"""Measurements as series: per metric and place, the values over time and the latest against its target.

Pure data from a :class:`~journeybook.handbook.Handbook` (whose measurements are checked:
metric and place exist, values fit the scale), in a stable order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .handbook import Handbook
from .model import Metric, parse_place


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: float
    target: float | None  # the measurement's own target, else the metric's


@dataclass
class Series:
    """The measurements of one metric at one place (a journey, a phase of it, or one of its steps)."""

    metric: Metric
    journey: str
    phase: str | None = None
    step: str | None = None
    points: list[Point] = field(default_factory=list)  # by date; on one date, the last one written counts

    @property
    def place(self) -> str:
        return self.journey + (f"/{self.step}" if self.step else "") + (f"#{self.phase}" if self.phase else "")

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def target(self) -> float | None:
        return self.latest.target

    @property
    def on_target(self) -> bool | None:
        """Whether the latest value meets its target (by the metric's ``better``); None without a target."""
        return meets(self.metric, self.latest.value, self.latest.target)

    @property
    def change(self) -> float | None:
        """Latest minus the value before it; None with one point."""
        return self.points[-1].value - self.points[-2].value if len(self.points) > 1 else None


def meets(metric: Metric, value: float, target: float | None) -> bool | None:
    if target is None:
        return None
    return value >= target if metric.better == "higher" else value <= target


def all_series(hb: Handbook) -> list[Series]:
    """One series per metric and place: metrics in handbook order, then journeys by id, then
    the journey itself, its phases and its steps in journey order."""
    by_key: dict[tuple[str, str], Series] = {}
    for m in hb.measurements:
        journey, step, phase = parse_place(m.at)
        key = (m.metric, m.at)
        if key not in by_key:
            by_key[key] = Series(hb.metrics[m.metric], journey, phase, step)
        target = m.target if m.target is not None else hb.metrics[m.metric].target
        by_key[key].points.append(Point(m.date, m.value, target))
    for series in by_key.values():
        dated: dict[dt.date, Point] = {}
        for point in series.points:
            dated.pop(point.date, None)
            dated[point.date] = point
        series.points = sorted(dated.values(), key=lambda p: p.date)
    metric_rank = {metric_id: n for n, metric_id in enumerate(hb.metrics)}
    return sorted(by_key.values(), key=lambda s: (metric_rank[s.metric.id], s.journey, _place_rank(hb, s)))


def _place_rank(hb: Handbook, series: Series) -> tuple[int, int]:
    journey = hb.journeys[series.journey]
    if series.phase:
        return (1, [str(p.phase) for p in journey.phases].index(series.phase))
    if series.step:
        return (2, [str(s.id) for _p, s in journey.steps()].index(series.step))
    return (0, 0)


def series_at(hb: Handbook, journey: str, *, phase: str | None = None, step: str | None = None) -> list[Series]:
    """The series measured exactly at a journey (neither phase nor step), a phase, or a step."""
    return [s for s in all_series(hb) if s.journey == journey and s.phase == phase and s.step == step]


def series_in(hb: Handbook, journey: str) -> list[Series]:
    """Every series measured anywhere in a journey."""
    return [s for s in all_series(hb) if s.journey == journey]
