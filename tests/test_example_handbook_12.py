"""The Dutch example handbook (``journeys/``) uses FORMAT 1.1 part 2 (issue 12, item 6).

A service blueprint on one journey (frontstage, backstage and support lanes, fail points
each with an opportunity at their step), a to-be version of the football-boots journey
matched to it by step id, review dates on every journey and persona (one persona
deliberately older than a year), and the whole handbook still validates without errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeybook import future
from journeybook.diagnostics import has_errors
from journeybook.handbook import Handbook, build_handbook

EXAMPLE = Path(__file__).resolve().parent.parent / "journeys"
AS_IS, TO_BE = "nieuwe-voetbalschoenen", "nieuwe-voetbalschoenen-2027"


@pytest.fixture(scope="module")
def hb() -> Handbook:
    handbook, diags = build_handbook(EXAMPLE, "five-phases")
    assert not has_errors(diags), [d.format(EXAMPLE) for d in diags]
    return handbook


def test_a_journey_has_a_blueprint_with_fail_points(hb: Handbook) -> None:
    blueprints = [j for j in hb.journeys.values() if j.has_lanes()]
    assert blueprints, "no journey has service-blueprint lanes"
    journey = blueprints[0]
    steps = [step for _phase, step in journey.steps()]
    for lane in ("frontstage", "backstage", "support"):
        assert any(getattr(step, lane) for step in steps), lane
    assert sum(bool(step.frontstage or step.backstage or step.support) for step in steps) > len(steps) / 2
    failing = [step for step in steps if step.fail_point is not None]
    assert 2 <= len(failing) <= 3, [s.id for s in failing]
    for step in failing:  # the lint rule fail-point-without-opportunity has nothing to say here
        assert step.opportunities, step.id


def test_to_be_journey_improves_the_football_boots(hb: Handbook) -> None:
    as_is, to_be = hb.journeys[AS_IS], hb.journeys[TO_BE]
    assert as_is.state == "as-is" and to_be.state == "to-be" and to_be.improves == AS_IS
    assert to_be.persona == as_is.persona and to_be.framework == as_is.framework
    assert to_be.summary is not None
    assert [p.phase for p in to_be.phases] == [p.phase for p in as_is.phases]
    assert future.futures_of(hb, as_is) == [to_be]
    assert future.all_futures(hb) == {j.id: future.futures_of(hb, j) for j in hb.journeys.values() if j.state == "as-is"}
    assert future.as_is_of(hb, to_be) is as_is


def test_steps_matched_by_id_with_additions_and_removals(hb: Handbook) -> None:
    comparison = future.compare(hb, hb.journeys[TO_BE])
    assert comparison is not None
    by_change: dict[str, list[str | None]] = {}
    for change in comparison.steps:
        by_change.setdefault(change.change, []).append(change.step_id)
    assert by_change.get("added") and by_change.get("removed") and len(by_change.get("changed", [])) >= 3, by_change
    assert None not in [c.step_id for c in comparison.steps]  # every step is matched by its id
    as_is_ids = {s.id for _p, s in hb.journeys[AS_IS].steps()}
    to_be_ids = {s.id for _p, s in hb.journeys[TO_BE].steps()}
    kept = as_is_ids & to_be_ids
    assert len(kept) > len(as_is_ids) / 2  # most steps stay
    assert kept - set(by_change["changed"])  # and some stay as they are
    assert any("emotion" in c.aspects for c in comparison.steps if c.change == "changed")


def test_emotion_better_in_most_phases(hb: Handbook) -> None:
    comparison = future.compare(hb, hb.journeys[TO_BE])
    assert comparison is not None and comparison.better_somewhere
    deltas = [p.delta for p in comparison.phases]
    assert None not in deltas
    assert sum(d > 0 for d in deltas) > len(deltas) / 2, deltas
    assert all(d >= 0 for d in deltas), deltas


def test_to_be_refers_to_the_as_is_opportunities(hb: Handbook) -> None:
    as_is_ids = {o.id for _p, s in hb.journeys[AS_IS].steps() for o in s.opportunities if o.id}
    used = [o for _p, s in hb.journeys[TO_BE].steps() for o in s.opportunities]
    assert used and all(o.ref for o in used)  # the future state defines no opportunities of its own
    assert {o.ref for o in used} >= as_is_ids  # every as-is opportunity makes a difference somewhere
    comparison = future.compare(hb, hb.journeys[TO_BE])
    assert comparison is not None
    assert {i.opportunity.id for i in comparison.opportunities} == {o.ref for o in used}


def test_review_dates_on_every_journey_and_persona(hb: Handbook) -> None:
    records = [*hb.journeys.values(), *hb.personas.values()]
    assert all(isinstance(r.reviewed, dt.date) for r in records), [r.id for r in records if r.reviewed is None]
    assert sum(r.reviewed.year == 2026 for r in records) >= len(records) - 1
    old = [r.id for r in records if r.reviewed < dt.date(2025, 12, 1)]
    assert old == ["henk"]  # deliberately stale, for the stale-review rule on the health page
    assert old[0] in hb.personas
