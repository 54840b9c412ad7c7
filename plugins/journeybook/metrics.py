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
    the journey itself, its phases and its steps in journey order (worked out once per handbook)."""
    return list(hb.derived("metrics.all_series", lambda: _all_series(hb)))


def _all_series(hb: Handbook) -> list[Series]:
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
    ranks: dict[str, dict[tuple[str | None, str | None], tuple[int, int]]] = {}

    def place_rank(series: Series) -> tuple[int, int]:
        if series.journey not in ranks:
            journey = hb.journeys[series.journey]
            rank: dict[tuple[str | None, str | None], tuple[int, int]] = {}
            for n, p in enumerate(journey.phases):
                rank.setdefault((str(p.phase), None), (1, n))
            for n, (_p, s) in enumerate(journey.steps()):
                rank.setdefault((None, str(s.id)), (2, n))
            ranks[series.journey] = rank
        if not series.phase and not series.step:
            return (0, 0)
        return ranks[series.journey][(series.phase or None, None if series.phase else series.step)]

    return sorted(by_key.values(), key=lambda s: (metric_rank[s.metric.id], s.journey, place_rank(s)))


def series_at(hb: Handbook, journey: str, *, phase: str | None = None, step: str | None = None) -> list[Series]:
    """The series measured exactly at a journey (neither phase nor step), a phase, or a step."""
    return [s for s in all_series(hb) if s.journey == journey and s.phase == phase and s.step == step]


def series_in(hb: Handbook, journey: str) -> list[Series]:
    """Every series measured anywhere in a journey."""
    return [s for s in all_series(hb) if s.journey == journey]
