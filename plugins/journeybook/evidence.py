"""What each step, pain point and opportunity rests on: its derived evidence level.

The level is never written by the author (FORMAT.md, version 1.1). It follows from the
findings an item lists in ``evidence``: **observed** when one of them comes from research
that watched what people do (observation, analytics, usability test, support tickets),
**reported** when they only come from what people said or others wrote (interview, survey,
desk research), **assumed** when there are none. A step rests on its own findings and on
those of its pain points: a finding about a pain at that step is evidence of the step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .handbook import Handbook
from .insights import StepRef, step_refs
from .model import OBSERVING_METHODS, Journey, Opportunity, PainPoint, Step

Level = Literal["observed", "reported", "assumed"]
LEVELS: tuple[Level, ...] = ("observed", "reported", "assumed")  # strongest first
SYMBOLS: dict[Level, str] = {"observed": "●", "reported": "◐", "assumed": "○"}  # full, half, empty: readable without colour


def finding_level(hb: Handbook, finding_id: str) -> Level:
    return "observed" if hb.research_of(finding_id).method in OBSERVING_METHODS else "reported"


def level(hb: Handbook, finding_ids: Sequence[str]) -> Level:
    """The strongest level among ``finding_ids`` (ids of findings that exist); assumed when none."""
    found = {finding_level(hb, f) for f in finding_ids if f in hb.findings}
    return next((lvl for lvl in LEVELS if lvl in found), "assumed")


def step_findings(step: Step) -> list[str]:
    """The findings a step rests on: its own, then its pain points', each once."""
    ids = [*step.evidence, *(f for pain in step.pain_points for f in pain.evidence)]
    return list(dict.fromkeys(ids))


def step_level(hb: Handbook, step: Step) -> Level:
    return level(hb, step_findings(step))


def pain_level(hb: Handbook, pain: PainPoint) -> Level:
    return level(hb, pain.evidence)


def opportunity_findings(hb: Handbook, opportunity: Opportunity) -> list[str]:
    """The findings of an opportunity; for a ``ref``, those of the one it names."""
    return list(hb.opportunity(opportunity).evidence)


def opportunity_level(hb: Handbook, opportunity: Opportunity) -> Level:
    return level(hb, opportunity_findings(hb, opportunity))


@dataclass(frozen=True)
class Coverage:
    """How much of a journey rests on findings: its steps and pain points that are not assumed."""

    covered: int
    total: int

    @property
    def share(self) -> float | None:
        """Between 0 and 1; None for a journey without steps."""
        return self.covered / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def coverage(hb: Handbook, journey: Journey) -> Coverage:
    levels = []
    for _phase, step in journey.steps():
        levels.append(step_level(hb, step))
        levels.extend(pain_level(hb, pain) for pain in step.pain_points)
    return Coverage(sum(lvl != "assumed" for lvl in levels), len(levels))


def ranked_by_coverage(hb: Handbook) -> list[tuple[Journey, Coverage]]:
    """Every journey with its coverage, best covered first (journeys without steps last), then by id."""
    pairs = [(journey, coverage(hb, journey)) for journey in hb.journeys.values()]
    return sorted(pairs, key=lambda pair: (pair[1].share is None, -(pair[1].share or 0), pair[0].id))


@dataclass(frozen=True)
class Use:
    """One place that rests on a finding: a step itself, one of its pain points or opportunities."""

    at: StepRef
    what: Literal["step", "pain-point", "opportunity"]
    item: Step | PainPoint | Opportunity


def uses(hb: Handbook) -> dict[str, list[Use]]:
    """For every finding (in handbook order): the steps, pain points and opportunities that cite it."""
    out: dict[str, list[Use]] = {finding_id: [] for finding_id in hb.findings}
    for ref in step_refs(hb):
        step = ref.step
        cited: list[tuple[Sequence[str], Literal["step", "pain-point", "opportunity"], Step | PainPoint | Opportunity]] = [
            (step.evidence, "step", step),
            *((pain.evidence, "pain-point", pain) for pain in step.pain_points),
            *((opp.evidence, "opportunity", opp) for opp in step.opportunities),
        ]
        for ids, what, item in cited:
            for finding_id in dict.fromkeys(ids):
                if finding_id in out:
                    out[finding_id].append(Use(ref, what, item))
    return out
