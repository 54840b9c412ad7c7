"""The Dutch example handbook (``journeys/``) uses FORMAT 1.1 part 1 (issue 11, item 7).

A research document per method kind, findings that steps rest on, a metrics file with a
CSV whose measurements load, and shared opportunities (``ref``) rated for impact and effort;
the whole handbook validates without errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybook import backlog, evidence, metrics
from journeybook.diagnostics import has_errors
from journeybook.handbook import Handbook, build_handbook
from journeybook.model import METHODS
from journeybook.pipeline import Settings, check

EXAMPLE = Path(__file__).resolve().parent.parent / "journeys"


@pytest.fixture(scope="module")
def hb() -> Handbook:
    handbook, diags = build_handbook(EXAMPLE, "five-phases")
    assert not has_errors(diags), [d.format(EXAMPLE) for d in diags]
    return handbook


def test_validates_without_errors() -> None:
    _hb, diags = check(EXAMPLE, Settings(framework="five-phases", lang="nl"))
    errors = [d.format(EXAMPLE) for d in diags if d.severity == "error"]
    assert errors == []


def test_every_method_kind_has_research_with_findings(hb: Handbook) -> None:
    methods = {r.method for r in hb.research.values()}
    assert methods == set(METHODS)
    for research in hb.research.values():
        assert research.title is not None and research.date is not None and research.summary is not None
        assert 2 <= len(research.findings) <= 4, research.id
    assert any(f.quote is not None for f in hb.findings.values())
    assert any(f.participants is not None for f in hb.findings.values())
    desk = [r for r in hb.research.values() if r.method == "desk-research"]
    assert all(r.source in hb.sources for r in desk if r.source)


def test_every_step_has_an_id(hb: Handbook) -> None:
    for journey, _phase, step in hb.steps():
        assert step.id, f"{journey.id}: {step.action}"


def test_every_finding_is_used(hb: Handbook) -> None:
    unused = [f for f, uses in evidence.uses(hb).items() if not uses]
    assert unused == []


def test_coverage_differs_per_journey(hb: Handbook) -> None:
    shares = {j.id: evidence.coverage(hb, j).share for j in hb.journeys.values()}
    assert all(s is not None and 0 < s < 1 for s in shares.values()), shares  # realistic: none fully covered
    assert max(shares.values()) >= 0.7 and min(shares.values()) <= 0.4, shares
    levels = {evidence.step_level(hb, step) for _j, _p, step in hb.steps()}
    assert levels == {"observed", "reported", "assumed"}


def test_csv_measurements_load(hb: Handbook) -> None:
    assert [p.relative_to(EXAMPLE).as_posix() for p in hb.data_files] == ["data/metingen-2026.csv"]
    from_csv = [m for m in hb.measurements if m.doc is not None and m.doc.path.suffix == ".csv"]
    inline = [m for m in hb.measurements if m.doc is not None and m.doc.path.suffix != ".csv"]
    assert len(from_csv) >= 30 and inline
    assert any("/" in m.at for m in from_csv)  # at steps
    assert any("#" in m.at for m in inline) and any(m.at in hb.journeys for m in inline)  # at a phase and a journey
    assert 2 <= len(hb.metrics) <= 4
    latest = {
        (s.metric.id, s.journey, s.phase, s.step): metrics.meets(s.metric, s.points[-1].value, s.points[-1].target)
        for s in metrics.all_series(hb)
    }
    assert True in latest.values() and False in latest.values()  # some on target, some off


def test_shared_opportunities_are_rated(hb: Handbook) -> None:
    items = backlog.backlog(hb)
    shared = [i for i in items if i.shared]
    assert len(shared) >= 3
    assert any(len(i.journeys) > 1 for i in shared)  # also across journeys
    assert backlog.quick_wins(items)
    assert any(i.opportunity.impact == "high" and i.opportunity.effort == "high" for i in items)  # a big bet
    assert backlog.unrated(items)  # some left unrated on purpose
