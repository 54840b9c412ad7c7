"""A designed future state against the journey customers live now (``state: to-be``, ``improves``).

Pure data from a :class:`~journeybook.handbook.Handbook`: which steps a to-be journey adds,
removes or changes (matched by step id; a step without an id cannot be matched, so it
counts as added or removed), how the feeling changes per phase (the mean emotion of the
phase's steps), and the opportunities that make the difference (those at the to-be
journey's steps, each once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .backlog import BacklogItem, backlog
from .handbook import Handbook
from .model import Journey, JourneyPhase, Step

Change = Literal["added", "removed", "changed"]
# What makes a step changed; its opportunities are not in it: they have their own list
# (the opportunities that make the difference).
ASPECTS = ("phase", "action", "thinking", "emotion", "touchpoints", "pain_points", "frontstage", "backstage", "support", "fail_point")


@dataclass(frozen=True)
class StepChange:
    change: Change
    step_id: str | None
    before: tuple[JourneyPhase, Step] | None  # in the as-is journey
    after: tuple[JourneyPhase, Step] | None  # in the to-be journey
    aspects: tuple[str, ...] = ()  # for "changed": what differs (see ASPECTS)


@dataclass(frozen=True)
class PhaseDelta:
    phase: str
    before: float | None  # mean emotion in the as-is journey
    after: float | None  # and in the to-be journey

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 2)


@dataclass
class Comparison:
    to_be: Journey
    as_is: Journey
    steps: list[StepChange] = field(default_factory=list)  # only what differs, in to-be order, removals last
    phases: list[PhaseDelta] = field(default_factory=list)  # in the framework's order
    opportunities: list[BacklogItem] = field(default_factory=list)

    @property
    def better_somewhere(self) -> bool:
        """True when the feeling is higher in at least one phase both journeys record."""
        return any((d.delta or 0) > 0 for d in self.phases)


def futures_of(hb: Handbook, journey: Journey) -> list[Journey]:
    """The to-be journeys that improve ``journey``, by id."""
    return [j for j in hb.journeys.values() if j.state == "to-be" and j.improves == journey.id]


def all_futures(hb: Handbook) -> dict[str, list[Journey]]:
    """:func:`futures_of` every as-is journey, by id, in one pass over the journeys (not one per journey)."""
    found: dict[str, list[Journey]] = {j.id: [] for j in hb.journeys.values() if j.state == "as-is"}
    for j in hb.journeys.values():
        if j.state == "to-be" and j.improves in found:
            found[j.improves].append(j)
    return found


def as_is_of(hb: Handbook, journey: Journey) -> Journey | None:
    if journey.state != "to-be" or not journey.improves:
        return None
    other = hb.journeys.get(journey.improves)
    return other if other is not None and other.state == "as-is" else None


def mean_emotion(phase: JourneyPhase | None) -> float | None:
    scores = [s.emotion for s in phase.steps if s.emotion is not None] if phase else []
    return round(sum(scores) / len(scores), 2) if scores else None


def compare(hb: Handbook, to_be: Journey) -> Comparison | None:
    """What changes from the as-is journey to ``to_be``; None when it improves no (valid) as-is journey."""
    as_is = as_is_of(hb, to_be)
    if as_is is None:
        return None
    out = Comparison(to_be, as_is)
    before = {s.id: (p, s) for p, s in as_is.steps() if s.id}
    after_ids = {s.id for _p, s in to_be.steps() if s.id}
    for phase, step in to_be.steps():
        old = before.get(step.id) if step.id else None
        if old is None:
            out.steps.append(StepChange("added", step.id, None, (phase, step)))
            continue
        aspects = _differences(old, (phase, step))
        if aspects:
            out.steps.append(StepChange("changed", step.id, old, (phase, step), aspects))
    for phase, step in as_is.steps():
        if not step.id or step.id not in after_ids:
            out.steps.append(StepChange("removed", step.id, (phase, step), None))
    framework = hb.framework_of(to_be)
    for phase_id in framework.phase_ids():
        a, b = as_is.phase(phase_id), to_be.phase(phase_id)
        if a is not None or b is not None:
            out.phases.append(PhaseDelta(phase_id, mean_emotion(a), mean_emotion(b)))
    items = backlog(hb)
    serving = {id(item.opportunity): item for item in items}
    seen: set[int] = set()
    for _phase, step in to_be.steps():
        for opp in step.opportunities:
            definition = hb.opportunity(opp)
            item = serving.get(id(definition))
            if item is not None and id(definition) not in seen:
                seen.add(id(definition))
                out.opportunities.append(item)
    return out


def _differences(old: tuple[JourneyPhase, Step], new: tuple[JourneyPhase, Step]) -> tuple[str, ...]:
    (op, os_), (np_, ns) = old, new
    found = []
    if op.phase != np_.phase:
        found.append("phase")
    if os_.action != ns.action:
        found.append("action")
    if os_.emotion != ns.emotion:
        found.append("emotion")
    if [u.ref for u in os_.touchpoints] != [u.ref for u in ns.touchpoints]:
        found.append("touchpoints")
    if os_.thinking != ns.thinking:
        found.append("thinking")
    if [p.text for p in os_.pain_points] != [p.text for p in ns.pain_points]:
        found.append("pain_points")
    for lane in ("frontstage", "backstage", "support"):
        if getattr(os_, lane) != getattr(ns, lane):
            found.append(lane)
    if os_.fail_point != ns.fail_point:
        found.append("fail_point")
    return tuple(a for a in ASPECTS if a in found)
