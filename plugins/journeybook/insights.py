"""Views across all journeys: what a CX lead uses to decide what to fix first, and who owns it.

Pure data from a :class:`~journeybook.handbook.Handbook`, in a stable order; the pages
module renders them (touchpoint catalog, opportunity backlog, pain-point register,
moments of truth). The backlog's items themselves (one per opportunity, however many
steps share it) come from :mod:`journeybook.backlog`; the views here group them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from .handbook import Handbook
from .model import Journey, JourneyPhase, LocalizedText, Opportunity, PainPoint, Step, Touchpoint

LEVELS = ("high", "medium", "low")  # most urgent first
STATUSES = ("doing", "planned", "idea", "done")  # work in progress first, finished last
SENTIMENT_SCORE = {"positive": 1, "neutral": 0, "negative": -1}


@dataclass(frozen=True)
class StepRef:
    """One step of one journey, numbered within its phase (the anchor ``step-N`` on the phase page)."""

    journey: Journey
    phase: JourneyPhase
    step: Step
    number: int

    @property
    def anchor(self) -> str:
        return f"step-{self.number}"


def step_refs(hb: Handbook) -> Iterator[StepRef]:
    for journey in hb.journeys.values():
        for phase in journey.phases:
            for number, step in enumerate(phase.steps, 1):
                yield StepRef(journey, phase, step, number)


# --------------------------------------------------------------------------- touchpoints


@dataclass(frozen=True)
class Usage:
    at: StepRef
    sentiment: str | None
    note: LocalizedText | None


@dataclass
class TouchpointStats:
    touchpoint: Touchpoint
    uses: list[Usage] = field(default_factory=list)

    @property
    def journeys(self) -> list[Journey]:
        seen: dict[str, Journey] = {}
        for use in self.uses:
            seen.setdefault(use.at.journey.id, use.at.journey)
        return list(seen.values())

    @property
    def average_sentiment(self) -> float | None:
        """Mean of the given sentiments (positive +1, neutral 0, negative −1); None when none given."""
        scores = [SENTIMENT_SCORE[u.sentiment] for u in self.uses if u.sentiment]
        return round(sum(scores) / len(scores), 2) if scores else None


def touchpoint_stats(hb: Handbook) -> dict[str, TouchpointStats]:
    """For every catalog touchpoint (catalog order): where journeys use it, and how it felt."""
    stats = {tp_id: TouchpointStats(tp) for tp_id, tp in hb.touchpoints.items()}
    for ref in step_refs(hb):
        for use in ref.step.touchpoints:
            if use.ref in stats:
                stats[use.ref].uses.append(Usage(ref, use.sentiment, use.note))
    return stats


# --------------------------------------------------------------------------- opportunities


@dataclass(frozen=True)
class OpportunityItem:
    """One opportunity as written at one step; a ``ref`` is resolved to the opportunity it names.

    The backlog has one item per opportunity instead (:func:`journeybook.backlog.backlog`).
    """

    at: StepRef
    opportunity: Opportunity

    @property
    def pain_points(self) -> list[PainPoint]:
        """The pain points of the same step: what the opportunity answers to."""
        return self.at.step.pain_points


def opportunities(hb: Handbook) -> list[OpportunityItem]:
    """Every opportunity at every step, in journey order; a ``ref`` stands for the opportunity it
    names (its text, owner, priority and status), so no item lacks a text."""
    return [OpportunityItem(ref, hb.opportunity(opp)) for ref in step_refs(hb) for opp in ref.step.opportunities]


class _HasOpportunity(Protocol):
    @property
    def opportunity(self) -> Opportunity: ...


Item = TypeVar("Item", bound=_HasOpportunity)


def by_priority_and_status(items: Sequence[Item]) -> list[tuple[str | None, list[tuple[str, list[Item]]]]]:
    """Priority high → low (unset last), within it status doing → planned → idea → done.

    ``items`` are backlog items (:mod:`journeybook.backlog`) or :class:`OpportunityItem` objects."""
    groups = []
    for priority in (*LEVELS, None):
        in_priority = [i for i in items if i.opportunity.priority == priority]
        by_status = [(s, [i for i in in_priority if i.opportunity.status == s]) for s in STATUSES]
        by_status = [(s, group) for s, group in by_status if group]
        if by_status:
            groups.append((priority, by_status))
    return groups


def by_owner(items: Sequence[Item]) -> list[tuple[str | None, list[Item]]]:
    """Owners alphabetically (no owner last); within an owner by priority, then status."""
    rank = {p: n for n, p in enumerate((*LEVELS, None))}
    status_rank = {s: n for n, s in enumerate(STATUSES)}
    owners = sorted({i.opportunity.owner for i in items if i.opportunity.owner}, key=str.casefold)
    out = []
    for owner in [*owners, None]:
        mine = [i for i in items if i.opportunity.owner == owner]
        mine.sort(key=lambda i: (rank[i.opportunity.priority], status_rank[i.opportunity.status]))
        if mine:
            out.append((owner, mine))
    return out


# --------------------------------------------------------------------------- pain points


@dataclass
class PainPointGroup:
    """One pain point, however often it is written down: where it occurs and how bad it is."""

    text: LocalizedText
    occurrences: list[tuple[StepRef, PainPoint]] = field(default_factory=list)

    @property
    def severity(self) -> str | None:
        given = [p.severity for _ref, p in self.occurrences if p.severity]
        return min(given, key=LEVELS.index) if given else None

    @property
    def journeys(self) -> list[Journey]:
        seen: dict[str, Journey] = {}
        for ref, _p in self.occurrences:
            seen.setdefault(ref.journey.id, ref.journey)
        return list(seen.values())


def _normalized(text: str) -> str:
    return re.sub(r"[\s.!?;:,]+$", "", " ".join(text.casefold().split()))


def pain_point_register(hb: Handbook, lang: str) -> list[PainPointGroup]:
    """Pain points grouped by their text; most severe first, then the most widespread."""
    groups: dict[str, PainPointGroup] = {}
    for ref in step_refs(hb):
        for pain in ref.step.pain_points:
            key = _normalized(pain.text.get(lang))
            groups.setdefault(key, PainPointGroup(pain.text)).occurrences.append((ref, pain))
    rank = {p: n for n, p in enumerate((*LEVELS, None))}
    return sorted(
        groups.values(),
        key=lambda g: (rank[g.severity], -len(g.journeys), -len(g.occurrences), _normalized(g.text.get(lang))),
    )


# --------------------------------------------------------------------------- moments of truth


def moments_of_truth(hb: Handbook, threshold: int = -1) -> list[StepRef]:
    """Steps where the customer feels bad (emotion ≤ threshold): lowest first, then journey order."""
    low = [ref for ref in step_refs(hb) if ref.step.emotion is not None and ref.step.emotion <= threshold]
    return sorted(low, key=lambda ref: ref.step.emotion or 0)  # stable: keeps journey and step order
