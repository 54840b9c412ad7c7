"""Live views of the handbook in any Markdown page: fenced ```` ```journeybook ```` blocks.

A block holds a small YAML mapping (FORMAT.md, version 1.1, "Views in your own pages")::

    ```journeybook
    view: opportunities
    journey: new-boots
    status: [planned, doing]
    ```

This module finds the blocks in a page, reads them with the place of every value (so a
mistake is reported at ``docs/page.md:LINE:COLUMN``, with "did you mean"), checks the view,
its filters and their values against the handbook, and selects what a view shows. A filter
given as a list means any of its values; different filters must all hold. Rendering is
done by :mod:`journeybook.pages.views`, with the same helpers and sanitising as the
generated pages. No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from . import backlog, insights, metrics
from .diagnostics import Diagnostic, Location, Msg, diagnostic, suggestion
from .handbook import Handbook
from .insights import StepRef, step_refs
from .loader import load_text
from .model import PainPoint, PlainText, Record, validate_as

VIEWS = (
    "opportunities", "pain-points", "moments-of-truth", "touchpoints", "journeys", "metrics",
    "checklist", "journey-map", "emotion-curve", "blueprint",
)  # fmt: skip
FILTERS = ("journey", "persona", "phase", "owner", "status", "priority", "severity", "tag", "state")
_STEP_FILTERS = ("journey", "persona", "phase", "tag", "state")
# The filters each view takes; the views of one journey need exactly one 'journey'.
APPLIES: dict[str, tuple[str, ...]] = {
    "opportunities": (*_STEP_FILTERS, "owner", "status", "priority"),
    "pain-points": (*_STEP_FILTERS, "severity"),
    "moments-of-truth": _STEP_FILTERS,
    "touchpoints": (*_STEP_FILTERS, "owner"),
    "journeys": ("journey", "persona", "owner", "tag", "state"),
    "metrics": (*_STEP_FILTERS, "owner"),
    "checklist": ("journey", "phase"),
    "journey-map": ("journey",),
    "emotion-curve": ("journey", "phase"),
    "blueprint": ("journey",),
}
ONE_JOURNEY = ("checklist", "journey-map", "emotion-curve", "blueprint")
CHOICES = {
    "status": ("idea", "planned", "doing", "done"),
    "priority": ("low", "medium", "high"),
    "severity": ("low", "medium", "high"),
    "state": ("as-is", "to-be"),
}

M_VIEW = Msg("unknown view {value!r}{hint}", "onbekende view {value!r}{hint}")
M_FILTER_APPLIES = Msg(
    "the view {view!r} cannot be filtered by {key!r}; it takes: {allowed}",
    "de view {view!r} kan niet op {key!r} filteren; hij kent: {allowed}",
)
M_VALUE = Msg("{value!r} is not {key} in this handbook{hint}", "{value!r} is geen {key} in dit handboek{hint}")
M_CHOICE = Msg("{value!r} is not {key}{hint}", "{value!r} is geen {key}{hint}")
M_NOT_IN_JOURNEY = Msg(
    "{value!r} is not a phase of {journeys}{hint}", "{value!r} is geen fase van {journeys}{hint}"
)
# what a filter's values are, for messages ("'x' is not a status")
VALUE_NAMES = {
    "journey": Msg("a journey", "journey"),
    "persona": Msg("a persona", "persona"),
    "phase": Msg("a phase", "fase"),
    "owner": Msg("an owner", "eigenaar"),
    "status": Msg("a status", "status"),
    "priority": Msg("a priority", "prioriteit"),
    "severity": Msg("a severity", "ernst"),
    "tag": Msg("a tag", "tag"),
    "state": Msg("a state", "stand"),
}
M_ONE_JOURNEY = Msg(
    "the view {view!r} shows one journey: write 'journey: <id>' with one journey id",
    "de view {view!r} toont één journey: schrijf 'journey: <id>' met één journey-id",
)
M_ONE_PHASE = Msg("the view {view!r} takes one phase", "de view {view!r} neemt één fase")
M_NO_LANES = Msg(
    "journey {id!r} has no service-blueprint lanes (frontstage, backstage, support or fail_point) to show",
    "journey {id!r} heeft geen blueprint-banen (frontstage, backstage, support of fail_point) om te tonen",
)
M_NOT_A_MAPPING = Msg(
    "a journeybook block holds a YAML mapping such as 'view: opportunities'",
    "een journeybook-blok bevat een YAML-mapping zoals 'view: opportunities'",
)
M_UNCLOSED = Msg(
    "this journeybook block is not closed; end it with a line of {fence}",
    "dit journeybook-blok is niet afgesloten; sluit het af met een regel {fence}",
)
M_FILTER = Msg("unknown filter {key!r}{hint}", "onbekend filter {key!r}{hint}")


def _one_or_list(value: Any) -> Any:
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


class ViewSpec(Record):
    """One ```journeybook block: a view and its filters (a list means any of)."""

    view: PlainText = Field(description="What to show: " + ", ".join(VIEWS) + ".")
    journey: list[PlainText] = Field(default_factory=list, description="Journey ids.")
    persona: list[PlainText] = Field(default_factory=list, description="Persona ids.")
    phase: list[PlainText] = Field(default_factory=list, description="Phase ids.")
    owner: list[PlainText] = Field(default_factory=list, description="Owners, as written in the handbook.")
    status: list[PlainText] = Field(default_factory=list, description="idea, planned, doing, done.")
    priority: list[PlainText] = Field(default_factory=list, description="low, medium, high.")
    severity: list[PlainText] = Field(default_factory=list, description="low, medium, high.")
    tag: list[PlainText] = Field(default_factory=list, description="Journey tags.")
    state: list[PlainText] = Field(default_factory=list, description="as-is, to-be.")

    _lists = field_validator(*FILTERS, mode="before")(_one_or_list)

    def given(self) -> list[str]:
        """The filters written in the block, in the order of :data:`FILTERS`."""
        return [name for name in FILTERS if name in self.model_fields_set]


@dataclass
class Block:
    """One ```journeybook block of a page: where it is and what it says."""

    start: int  # offset of the opening fence in the page text
    end: int  # offset just after the closing fence line
    line: int  # line of the opening fence (from 1)
    body: str
    spec: ViewSpec | None = None  # None when it has errors
    indent: int = 0  # spaces before the fence (a block in a list item or an admonition)


@dataclass
class PageViews:
    """The blocks of one hand-written page (``path`` relative to the docs folder)."""

    path: str
    file: Path
    blocks: list[Block] = field(default_factory=list)


def find_blocks(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """The journeybook blocks of a Markdown ``text``, and (line, fence) of one left open.

    Only blocks whose info string is exactly ``journeybook``, at any indentation (inside a
    list item or an admonition too); other fenced code (where such a block may be shown as
    an example) is skipped whole.
    """
    blocks: list[Block] = []
    unclosed: list[tuple[int, str]] = []
    lines = text.splitlines(keepends=True)
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line)
    i = 0
    while i < len(lines):
        stripped = lines[i].rstrip("\r\n")
        opening = re.match(r"^([ ]*)(`{3,}|~{3,})(.*)$", stripped)
        if opening is None:
            i += 1
            continue
        indent, fence = opening.group(1), opening.group(2)
        mine = re.fullmatch(r"[ \t]*journeybook[ \t]*", opening.group(3)) is not None
        close = re.compile(rf"^[ ]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j].rstrip("\r\n")):
            j += 1
        if mine:
            if j >= len(lines):
                unclosed.append((i + 1, fence))
            else:
                body = "".join(lines[i + 1 : j])
                blocks.append(Block(starts[i], starts[j] + len(lines[j]), i + 1, body, indent=len(indent)))
        i = j + 1
    return blocks, unclosed


def read_page(path: str, file: Path, text: str) -> tuple[PageViews, list[Diagnostic]]:
    """The blocks of one page, each read and validated on its own; the problems at their places."""
    page = PageViews(path, file)
    blocks, unclosed = find_blocks(text)
    problems = [diagnostic(Location(file, line, 1), "view-unclosed", M_UNCLOSED, fence=fence) for line, fence in unclosed]
    for block in blocks:
        # blank lines in front keep the YAML's line numbers those of the page
        documents, read = load_text("\n" * block.line + block.body, file)
        read = [diagnostic(d.location, "view-not-a-mapping", M_NOT_A_MAPPING) if d.code == "not-a-mapping" else d for d in read]
        problems += read
        if read:
            page.blocks.append(block)
            continue
        doc = documents[0] if documents else None
        if doc is None or not isinstance(doc.data, dict):
            problems.append(diagnostic(Location(file, block.line + 1, 1), "view-not-a-mapping", M_NOT_A_MAPPING))
        else:
            spec, invalid = validate_as(ViewSpec, doc)
            problems += [_unknown_filter(d) for d in invalid]
            block.spec = spec if isinstance(spec, ViewSpec) and not invalid else None
        page.blocks.append(block)
    return page, problems


def _unknown_filter(d: Diagnostic) -> Diagnostic:
    """An unknown key in a block is a filter that does not exist: say which ones do."""
    if d.code != "unknown-key":
        return d
    key = d.text.args.get("key")
    return diagnostic(d.location, "view-unknown-filter", M_FILTER, key=key, hint=suggestion(str(key), ["view", *FILTERS]))


def check_views(hb: Handbook, pages: Iterable[tuple[str, Path, str]]) -> tuple[list[PageViews], list[Diagnostic]]:
    """The blocks of every hand-written page ((docs-relative path, file, text)) that has any,
    read and checked against ``hb``; and every problem, at its place in its page."""
    found: list[PageViews] = []
    problems: list[Diagnostic] = []
    for path, file, text in pages:
        if "journeybook" not in text:
            continue
        page, read = read_page(path, file, text)
        problems += read
        if page.blocks:
            found.append(page)
    return found, problems + check(hb, found)


def check(hb: Handbook, pages: Iterable[PageViews]) -> list[Diagnostic]:
    """Every view and filter value must exist in the handbook; blocks that fail lose their spec."""
    problems: list[Diagnostic] = []
    for page in pages:
        for block in page.blocks:
            if block.spec is None:
                continue
            found = check_spec(hb, block.spec)
            if found:
                block.spec = None
                problems += found
    return problems


def check_spec(hb: Handbook, spec: ViewSpec) -> list[Diagnostic]:
    if spec.view not in VIEWS:
        return [diagnostic(spec.loc("view"), "view-unknown", M_VIEW, value=spec.view, hint=suggestion(spec.view, VIEWS))]
    problems: list[Diagnostic] = []
    allowed = APPLIES[spec.view]
    known = known_values(hb)
    for key in spec.given():
        if key not in allowed:
            problems.append(
                diagnostic(spec.loc(key, key=True), "view-filter", M_FILTER_APPLIES, view=spec.view, key=key, allowed=", ".join(allowed))
            )
            continue
        choices = known[key]
        for i, value in enumerate(getattr(spec, key)):
            if value not in choices:
                problems.append(
                    diagnostic(
                        spec.loc(key, i), "view-value", M_CHOICE if key in CHOICES else M_VALUE,
                        value=value, key=VALUE_NAMES[key], hint=suggestion(value, choices),
                    )  # fmt: skip
                )
    if not problems and spec.journey and spec.phase:  # a phase of (one of) the journeys named
        journeys = [hb.journeys[j] for j in spec.journey]
        theirs = sorted({p.phase for j in journeys for p in j.phases if p.phase})
        for i, value in enumerate(spec.phase):
            if value not in theirs:
                named = ", ".join(spec.journey)
                problems.append(
                    diagnostic(spec.loc("phase", i), "view-value", M_NOT_IN_JOURNEY, value=value, journeys=named, hint=suggestion(value, theirs))
                )
    if problems:
        return problems
    if spec.view in ONE_JOURNEY and len(spec.journey) != 1:
        return [diagnostic(spec.loc("journey") if spec.journey else spec.loc("view"), "view-journey", M_ONE_JOURNEY, view=spec.view)]
    if spec.view == "emotion-curve" and len(spec.phase) > 1:
        return [diagnostic(spec.loc("phase"), "view-phase", M_ONE_PHASE, view=spec.view)]
    if spec.view == "blueprint" and not hb.journeys[spec.journey[0]].has_lanes():
        return [diagnostic(spec.loc("journey", 0), "view-no-lanes", M_NO_LANES, id=spec.journey[0])]
    return []


def known_values(hb: Handbook) -> dict[str, list[str]]:
    """What each filter can name in this handbook."""
    owners = {
        *(j.owner for j in hb.journeys.values() if j.owner),
        *(t.owner for t in hb.touchpoints.values() if t.owner),
        *(m.owner for m in hb.metrics.values() if m.owner),
        *(o.owner for _j, _p, s in hb.steps() for o in s.opportunities if o.owner),
    }
    phases = {p.phase for j in hb.journeys.values() for p in j.phases if p.phase}
    return {
        "journey": list(hb.journeys),
        "persona": list(hb.personas),
        "phase": sorted(phases),
        "owner": sorted(owners),
        "tag": sorted({t for j in hb.journeys.values() for t in j.tags}),
        **{key: list(values) for key, values in CHOICES.items()},
    }


# --------------------------------------------------------------------------- selecting


def _any(values: list[str], value: object) -> bool:
    return not values or value in values


def step_matches(spec: ViewSpec, at: StepRef) -> bool:
    """The journey, persona, phase, tag and state filters, for one step."""
    journey = at.journey
    return (
        _any(spec.journey, journey.id)
        and (not spec.persona or any(p in spec.persona for p in journey.persona))
        and _any(spec.phase, at.phase.phase)
        and (not spec.tag or any(t in spec.tag for t in journey.tags))
        and _any(spec.state, journey.state)
    )


def select(hb: Handbook, spec: ViewSpec) -> Any:
    """What the view of ``spec`` shows, filtered (see :data:`SELECTORS`)."""
    return SELECTORS[spec.view](hb, spec)


def _opportunities(hb: Handbook, spec: ViewSpec) -> list[backlog.BacklogItem]:
    out = []
    for item in backlog.backlog(hb):
        opp = item.opportunity
        if not (_any(spec.owner, opp.owner) and _any(spec.status, opp.status) and _any(spec.priority, opp.priority)):
            continue
        if any(step_matches(spec, at) for at in item.uses):
            out.append(item)
    return out


def _pain_points(hb: Handbook, spec: ViewSpec) -> list[tuple[StepRef, PainPoint]]:
    return [
        (at, pain)
        for at in step_refs(hb)
        if step_matches(spec, at)
        for pain in at.step.pain_points
        if _any(spec.severity, pain.severity)
    ]


def _moments(hb: Handbook, spec: ViewSpec) -> list[StepRef]:
    return [at for at in insights.moments_of_truth(hb) if step_matches(spec, at)]


def _touchpoints(hb: Handbook, spec: ViewSpec) -> list[insights.TouchpointStats]:
    """Catalog touchpoints (by owner); with a step filter, only those used at matching steps, with those uses."""
    by_step = bool(set(spec.given()) & set(_STEP_FILTERS))
    out = []
    for stat in insights.touchpoint_stats(hb).values():
        if not _any(spec.owner, stat.touchpoint.owner):
            continue
        stat.uses = [u for u in stat.uses if step_matches(spec, u.at)]
        if stat.uses or not by_step:
            out.append(stat)
    return out


def _journeys(hb: Handbook, spec: ViewSpec) -> list[Any]:
    return [
        j
        for j in hb.journeys.values()
        if _any(spec.journey, j.id)
        and (not spec.persona or any(p in spec.persona for p in j.persona))
        and _any(spec.owner, j.owner)
        and (not spec.tag or any(t in spec.tag for t in j.tags))
        and _any(spec.state, j.state)
    ]


def _metrics(hb: Handbook, spec: ViewSpec) -> list[metrics.Series]:
    """Series by metric owner and by their journey; with a phase filter, those measured at that
    phase or at one of its steps (a journey-wide value is no value of a phase)."""
    out = []
    for series in metrics.all_series(hb):
        journey = hb.journeys[series.journey]
        phase = series.phase
        if series.step:
            found = journey.step(series.step)
            phase = found[0].phase if found else None
        if (
            _any(spec.owner, series.metric.owner)
            and _any(spec.journey, journey.id)
            and (not spec.persona or any(p in spec.persona for p in journey.persona))
            and (not spec.phase or phase in spec.phase)
            and (not spec.tag or any(t in spec.tag for t in journey.tags))
            and _any(spec.state, journey.state)
        ):
            out.append(series)
    return out


def _one_journey(hb: Handbook, spec: ViewSpec) -> Any:
    return hb.journeys[spec.journey[0]]


SELECTORS: dict[str, Callable[[Handbook, ViewSpec], Any]] = {
    "opportunities": _opportunities,
    "pain-points": _pain_points,
    "moments-of-truth": _moments,
    "touchpoints": _touchpoints,
    "journeys": _journeys,
    "metrics": _metrics,
    "checklist": _one_journey,
    "journey-map": _one_journey,
    "emotion-curve": _one_journey,
    "blueprint": _one_journey,
}
