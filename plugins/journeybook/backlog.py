"""The improvement backlog: one item per opportunity, however many steps it serves.

An opportunity is defined once, at a step (with an ``id`` when others use it); another
step that needs the same improvement names it with ``ref`` (FORMAT.md, version 1.1). The
backlog has one item per definition, listing every step and journey it serves, the
definition's step first. Pure data, in a stable order (journeys by id, steps in order).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .handbook import Handbook
from .insights import StepRef, step_refs
from .model import Journey, Opportunity, PainPoint

RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass
class BacklogItem:
    opportunity: Opportunity  # the definition
    uses: list[StepRef] = field(default_factory=list)  # where it is defined, then every step that refers to it

    @property
    def at(self) -> StepRef:
        """The step where it is defined."""
        return self.uses[0]

    @property
    def journeys(self) -> list[Journey]:
        seen: dict[str, Journey] = {}
        for ref in self.uses:
            seen.setdefault(ref.journey.id, ref.journey)
        return list(seen.values())

    @property
    def shared(self) -> bool:
        return len(self.uses) > 1

    @property
    def pain_points(self) -> list[PainPoint]:
        """The pain points of every step it serves: what it answers to."""
        return [pain for ref in self.uses for pain in ref.step.pain_points]

    @property
    def rated(self) -> bool:
        return self.opportunity.impact is not None and self.opportunity.effort is not None

    @property
    def quick_win(self) -> bool:
        """Rated, and its impact is higher than its effort (high/low, high/medium, medium/low)."""
        opp = self.opportunity
        return self.rated and RANK[opp.impact or "low"] > RANK[opp.effort or "high"]


def backlog(hb: Handbook) -> list[BacklogItem]:
    """Every opportunity once, in the order of its definition; ``ref`` uses join their item
    (worked out once per handbook)."""
    return list(hb.derived("backlog.backlog", lambda: _backlog(hb)))


def _backlog(hb: Handbook) -> list[BacklogItem]:
    items: list[BacklogItem] = []
    by_id: dict[str, BacklogItem] = {}
    refs: list[tuple[StepRef, str]] = []
    for ref in step_refs(hb):
        for opp in ref.step.opportunities:
            if opp.ref:
                refs.append((ref, opp.ref))
                continue
            item = BacklogItem(opp, [ref])
            items.append(item)
            if opp.id and hb.opportunities.get(opp.id) is opp:
                by_id[opp.id] = item
    for ref, target in refs:
        if target in by_id and ref not in by_id[target].uses:
            by_id[target].uses.append(ref)
    return items


def ranked(items: list[BacklogItem]) -> list[BacklogItem]:
    """The rated items, quick wins first; within each, highest impact first, then lowest effort
    (then backlog order)."""
    rated = [i for i in items if i.rated]
    return sorted(
        rated,
        key=lambda i: (not i.quick_win, -RANK[i.opportunity.impact or "low"], RANK[i.opportunity.effort or "high"]),
    )


def quick_wins(items: list[BacklogItem]) -> list[BacklogItem]:
    """The quick wins, highest impact first, then lowest effort."""
    return [i for i in ranked(items) if i.quick_win]


def unrated(items: list[BacklogItem]) -> list[BacklogItem]:
    """The items that lack impact or effort (or both), in backlog order."""
    return [i for i in items if not i.rated]
