"""The backlog (the opportunities page) and the metrics page: their data and their helpers.

The backlog has one item per opportunity, however many steps share it
(:mod:`journeybook.backlog`), viewed by impact and effort (the matrix, quick wins first,
the unrated ones), by priority and status, and by owner. The metrics page shows every
metric × journey with the latest value against its target (:mod:`journeybook.metrics`).
Every verdict is a symbol and a word, never colour alone; numbers and evidence levels are
written by the helpers every page shares (:class:`~.context.PageContext`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import backlog, insights, metrics
from ..diagnostics import Count
from ..diagrams import KINDS
from ..diagrams.measures import unit_of
from ..handbook import Handbook
from ..insights import StepRef
from ..model import Journey, Metric
from .context import PageContext

if TYPE_CHECKING:
    from .site import SiteBuilder

QUICK_WIN = "★"  # beside the words "Quick win": readable without colour
STEPS = (("step", "steps"), ("stap", "stappen"))
JOURNEYS = (("journey", "journeys"), ("journey", "journeys"))


class _StepsContext(PageContext):
    def step_in_journey(self, at: StepRef) -> Markup:
        """'Phase, Step N' linked to the step on its phase page (for a line that names the journey)."""
        step = f"{self.label('step')}&nbsp;{self.step_number(at.journey, at.step)}"
        return Markup(f"{self.phase_link(at.journey, at.phase.phase, at.anchor)}, {step}")


# --------------------------------------------------------------------------- the backlog


def backlog_data(site: SiteBuilder) -> dict[str, Any]:
    """What ``opportunities.md.j2`` shows."""
    items = backlog.backlog(site.hb)
    numbers = _matrix_numbers(site.hb)
    return {
        "items": items,
        "groups": insights.by_priority_and_status(items),
        "owners": insights.by_owner(items),
        # quick wins first, each with its number in the matrix (None without the matrix)
        "ranked": [(numbers.get(id(i.opportunity)), i) for i in backlog.ranked(items)],
        "numbered": bool(numbers),
        "unrated": backlog.unrated(items),
        "rated": any(i.rated for i in items),  # a handbook that rates nothing gets no rating columns
    }


def _matrix_numbers(hb: Handbook) -> dict[int, int]:
    """The number each rated item has in the impact × effort matrix, by ``id()`` of its opportunity."""
    if "impact_effort" not in KINDS:
        return {}
    from ..diagrams.impact_effort import matrix_items

    return {id(item.opportunity): n for n, item in matrix_items(hb)}


class BacklogContext(_StepsContext):
    """Backlog items: their text, rating, evidence and the steps they serve."""

    def opportunity(self, item: backlog.BacklogItem) -> Markup:
        """The item's text, the quick-win mark when it is one, and (when the handbook has research)
        its evidence level on a line of its own."""
        opp = item.opportunity
        text = Markup((self.inline(opp.text) if opp.text else self.code(opp.id or "")) + self.quick_win(item))
        if not self.evidence_in_use:
            return text
        return Markup(f'{text}{self.br()}{self.label("evidence")}: {self.item_evidence(item)}')

    def quick_win(self, item: backlog.BacklogItem) -> Markup:
        if not item.quick_win:
            return Markup("")
        return Markup(f' <span class="jb-quick-win"><span aria-hidden="true">{QUICK_WIN}</span> {self.label("quick_win")}</span>')

    def rating(self, item: backlog.BacklogItem) -> Markup:
        """Impact and effort in one cell: 'high / low' (each 'not set' when missing)."""
        return Markup(f"{self.value(item.opportunity.impact)} / {self.value(item.opportunity.effort)}")

    def owner(self, item: backlog.BacklogItem) -> Markup:
        return self.escape(item.opportunity.owner) if item.opportunity.owner else Markup("")

    def item_evidence(self, item: backlog.BacklogItem) -> Markup:
        """The derived evidence level ('● observed') and the findings it rests on, linked."""
        level = Markup(self.evidence(self.opportunity_level(item.opportunity)))
        findings = [f for f in item.opportunity.evidence if f in self.hb.findings]
        return Markup(f"{level} ({self.finding_links(findings)})") if findings else level

    def serves(self, item: backlog.BacklogItem) -> Markup:
        """Every step the item serves, by journey (the definition's journey first, steps in journey order);
        a shared item says how many."""
        if not item.shared:
            return self.step_link(item.at)
        steps, journeys = Count(len(item.uses), *STEPS), Count(len(item.journeys), *JOURNEYS)
        lines = [Markup(f"<em>{self.label('serves', steps=steps, journeys=journeys)}:</em>")]
        for journey in item.journeys:
            order = {id(step): n for n, (_phase, step) in enumerate(journey.steps())}
            uses = sorted((at for at in item.uses if at.journey is journey), key=lambda at: order[id(at.step)])
            places = [self.step_in_journey(at) for at in uses]
            lines.append(Markup(f"{self.journey_link(journey)} → ") + Markup("&nbsp;· ").join(places))
        return self.br().join(lines)

    def answers(self, item: backlog.BacklogItem) -> Markup:
        """The pain points of the steps it serves, each text once; several as a list ('• …' a line)."""
        seen: dict[str, Markup] = {}
        for pain in item.pain_points:
            seen.setdefault(" ".join(self.text(pain.text).casefold().split()), self.inline(pain.text))
        if len(seen) < 2:
            return Markup("").join(seen.values())
        return self.br().join(Markup("•&nbsp;") + pain for pain in seen.values())


# --------------------------------------------------------------------------- metrics


def metrics_data(site: SiteBuilder) -> dict[str, Any]:
    """What ``metrics.md.j2`` shows: the journeys measured anywhere, what the table shows for each
    journey and metric (the journey's own series if it has one, else those of its phases and
    steps), and every series of each metric."""
    by_metric: dict[str, list[metrics.Series]] = {metric_id: [] for metric_id in site.hb.metrics}
    by_journey: dict[str, dict[str, list[metrics.Series]]] = {}
    for series in metrics.all_series(site.hb):
        by_metric[series.metric.id].append(series)
        by_journey.setdefault(series.journey, {}).setdefault(series.metric.id, []).append(series)
    cells = {
        journey_id: {metric_id: [s for s in found if s.phase is None and s.step is None] or found for metric_id, found in mine.items()}
        for journey_id, mine in by_journey.items()
    }
    return {
        "metrics": list(site.hb.metrics.values()),
        "journeys": [j for j in site.hb.journeys.values() if j.id in cells],
        "cells": cells,
        "by_metric": by_metric,
    }


class MetricsContext(_StepsContext):
    """Places as links, values with their unit, verdicts as a symbol and a word."""

    def amount(self, value: float, metric: Metric, sign: bool = False) -> str:
        """A bound of the scale or a change: with the unit, unless it is a denominator ('/5'):
        '0%' to '100%', but '1' to '5'; '+0.3', '−3.5%'."""
        unit = unit_of(metric)
        return self.number(value, sign) + ("" if unit.startswith("/") else unit)

    def reading(self, value: float | None, metric: Metric) -> Markup:
        """A value with its unit, kept on one line ('3 min'); 'not set' for none."""
        if value is None:
            return self.label("unset")
        return self.escape(self.measured(value, metric).replace(" ", "\u00a0"))

    def scale(self, metric: Metric) -> Markup:
        low = self.amount(metric.min, metric) if metric.min is not None else ""
        high = self.amount(metric.max, metric) if metric.max is not None else ""
        if low and high:
            return self.label("scale_range", min=low, max=high)
        return self.label("scale_min", min=low) if low else self.label("scale_max", max=high)

    def better(self, metric: Metric) -> Markup:
        return self.label("better_" + metric.better)

    def change(self, series: metrics.Series) -> Markup:
        """Latest minus the value before it, and whether that is better or worse; nothing with one value."""
        if series.change is None:
            return Markup("")
        delta = round(series.change, 6)
        up_is_good = series.metric.better == "higher"
        word = "unchanged" if delta == 0 else "improved" if (delta > 0) == up_is_good else "worsened"
        return Markup(f'<span class="jb-change">{self.escape(self.amount(delta, series.metric, sign=True))} ({self.label(word)})</span>')

    def summary(self, series: metrics.Series) -> Markup:
        """The latest value, its target and the verdict on one line: '14.5% · target 12% · ✗ off target'."""
        metric = series.metric
        parts = [Markup(f"<strong>{self.reading(series.latest.value, metric)}</strong>")]
        if series.target is not None:
            parts.append(self.label("target_of", value=self.measured(series.target, metric).replace(" ", "\u00a0")))
            parts.append(self.target_status(series))
        return Markup("&nbsp;· ").join(parts)  # a line may break after a dot, never before it

    def place(self, series: metrics.Series, *, with_journey: bool = True) -> Markup:
        """Where a series is measured, linked: 'Journey', 'Journey → Phase' or 'Journey → Phase, Step N';
        without the journey: 'whole journey', 'Phase', 'Phase, Step N'."""
        journey = self.hb.journeys[series.journey]
        prefix = Markup(f"{self.journey_link(journey)} → ") if with_journey else Markup("")
        if series.phase:
            return Markup(prefix + self.phase_link(journey, series.phase))
        at = self.step_ref(journey, series.step) if series.step else None
        if at is not None:
            return Markup(prefix + self.step_in_journey(at))
        return self.journey_link(journey) if with_journey else self.label("whole_journey")

    @staticmethod
    def step_ref(journey: Journey, step_id: str) -> StepRef | None:
        for phase in journey.phases:
            for number, step in enumerate(phase.steps, 1):
                if step.id == step_id:
                    return StepRef(journey, phase, step, number)
        return None
