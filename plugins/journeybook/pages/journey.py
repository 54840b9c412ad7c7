"""Journey pages and their phase pages.

Besides the map, the curve and the grid, a journey page shows how much of it rests on research
(its evidence coverage) and the metrics measured in it; a phase page shows, at each step, the
derived evidence level of the step, its pain points and opportunities with links to their
findings, and the metrics measured at that step or phase (FORMAT 1.1).

A journey with service-blueprint lanes gets the blueprint and its fail points; each phase page
lists the lanes of its steps. A future state (``state: to-be``) links to the as-is journey it
improves (which links back), draws its curve over the as-is curve, and lists what changes
(:mod:`journeybook.future`): steps added, removed or changed, the feeling per phase, and the
opportunities that make the difference (FORMAT 1.1, part 2).
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..backlog import BacklogItem
from ..diagrams import KINDS
from ..evidence import step_findings
from ..future import Comparison, PhaseDelta, StepChange
from ..insights import StepRef
from ..metrics import Series
from ..model import Journey, JourneyPhase, Opportunity, Step, slugify
from .base import NavEntry, Page
from .checklists import ChecklistContext
from .context import PageContext
from .tracking import origin

if TYPE_CHECKING:
    from .site import SiteBuilder

# Section headings of a phase page: a step id equal to their anchor gets no anchor of its own.
_PHASE_SECTIONS = ("steps", "metrics", "checklist", "guidance", "references")
_STEP_N = re.compile(r"step-\d+")
# Whether this build's emotion curve can draw a future state over its as-is curve.
_CURVE_COMPARES = "compare_with" in inspect.signature(KINDS["emotion_curve"]).parameters
FAIL_SYMBOL = "⚠"
CHANGE_SYMBOLS = {"added": "+", "changed": "~", "removed": "−"}


class JourneyContext(PageContext):
    """A journey page: the journey grid, evidence coverage and metrics; what phase pages share."""

    # ------------------------------------------------------------------ opportunities

    def definition(self, opportunity: Opportunity) -> Opportunity:
        """The opportunity itself, or for a ``ref`` the one it names (itself when that is unknown)."""
        return self.hb.opportunity(opportunity)

    def opportunity_text(self, opportunity: Opportunity) -> Markup:
        """The opportunity's words (a ``ref``: the definition's); an unknown ``ref`` says so, never crashes."""
        found = self.definition(opportunity)
        if found.text is not None:
            return self.inline(found.text)
        return Markup(f"{self.code(opportunity.ref or '')} ({self.label('unknown_opportunity')})")

    def shared_with(self, opportunity: Opportunity, step: Step) -> list[StepRef]:
        """The other steps an opportunity serves (through ``ref``): empty when it serves only this one."""
        item = self.site.backlog_items.get(origin(self.definition(opportunity)))
        if item is None or not item.shared:
            return []
        return [ref for ref in item.uses if ref.step is not step]

    # ------------------------------------------------------------------ metrics

    def series_at(self, journey: Journey, phase: str | None = None, step: str | None = None) -> list[Series]:
        """The metric series measured exactly at the journey, one of its phases, or one of its steps."""
        return [s for s in self.site.series.get(journey.id, []) if s.phase == phase and s.step == step]

    def series_in(self, journey: Journey) -> list[Series]:
        return list(self.site.series.get(journey.id, []))

    def series_where(self, journey: Journey, series: Series) -> Markup:
        """Where a series is measured: the whole journey, a phase, or a step (linked)."""
        if series.step:
            found = journey.step(series.step)
            if found is not None:
                phase, step = found
                ref = StepRef(journey, phase, step, phase.steps.index(step) + 1)
                number = f"{self.label('step')} {self.step_number(journey, step)}"
                return Markup(f"{self.phase_link(journey, phase.phase, ref.anchor)}, {number}: {self.inline(step.action)}")
            return self.code(series.step)
        if series.phase:
            return self.phase_link(journey, series.phase)
        return self.label("whole_journey")

    def trend(self, series: Series) -> Markup:
        """The small trend diagram of a series, when this build can draw it."""
        if "metric_trend" not in self.diagram_kinds:
            return Markup("")
        return self.diagram("metric_trend", series.metric, place=series.place)

    def curve_options(self, journey: Journey) -> dict[str, Any]:
        """The emotion curve's options: the first metric measured at a step of the journey, beside the felt
        emotion; for a future state, the as-is curve under its own."""
        options: dict[str, Any] = {}
        for series in self.series_in(journey):
            if series.step:
                options["metric"] = series.metric.id
                break
        as_is = self.as_is_of(journey)
        if as_is is not None and _CURVE_COMPARES:
            options["compare_with"] = as_is.id
        return options

    # ------------------------------------------------------------------ service blueprint

    @staticmethod
    def step_ref(journey: Journey, phase: JourneyPhase, step: Step) -> StepRef:
        """The step numbered within its phase (its anchor ``step-N`` on the phase page)."""
        return StepRef(journey, phase, step, next(n for n, s in enumerate(phase.steps, 1) if s is step))

    def step_place(self, ref: StepRef) -> Markup:
        """Where a step is, linked, and what the customer does there: "Purchase, Step 3: Pays in the webshop"."""
        number = f"{self.label('step')} {self.step_number(ref.journey, ref.step)}"
        return Markup(f"{self.phase_link(ref.journey, ref.phase.phase, ref.anchor)}, {number}: {self.inline(ref.step.action)}")

    def fail_points(self, journey: Journey) -> list[tuple[StepRef, Markup]]:
        """Every fail point of the journey, with the step it belongs to."""
        return [
            (self.step_ref(journey, phase, step), self.inline(step.fail_point))
            for phase, step in journey.steps()
            if step.fail_point is not None
        ]

    def fail_point(self, text: Markup) -> Markup:
        """A fail point as symbol, word and text ("⚠ Fail point: …"), framed: never colour alone."""
        return Markup(
            f'<p class="jb-fail-point"><span aria-hidden="true">{FAIL_SYMBOL}</span> '
            f"<strong>{self.label('fail_point')}:</strong> {text}</p>"
        )

    def lanes(self, step: Step) -> list[tuple[str, list[Markup]]]:
        """The step's service-blueprint lanes that have entries: (label key, items)."""
        found = [("frontstage", step.frontstage), ("backstage", step.backstage), ("support", step.support)]
        return [(key, [self.item(text) for text in items]) for key, items in found if items]

    # ------------------------------------------------------------------ future states

    def phase_cell(self, comparison: Comparison, delta: PhaseDelta) -> Markup:
        """The phase of a row of the comparison, linked to its page in the future state (else in the as-is journey)."""
        for journey in (comparison.to_be, comparison.as_is):
            if journey.phase(delta.phase) is not None:
                return self.phase_link(journey, delta.phase)
        return self.escape(self.phase_name(self.hb.framework_of(comparison.to_be), delta.phase))

    def mean_cell(self, journey: Journey, phase_id: str, value: float | None) -> Markup:
        """A phase's mean feeling (+1, −1.5), or why there is none."""
        if journey.phase(phase_id) is None:
            return self.label("not_in_journey")
        return self.label("unset") if value is None else self.escape(self.number(value, sign=True))

    def change_mark(self, change: str) -> Markup:
        """A step's change as a symbol and a word: "+ Added", "~ Changed", "− Removed"."""
        return Markup(
            f'<span class="jb-step-change jb-step-change--{change}"><span aria-hidden="true">{CHANGE_SYMBOLS[change]}</span> '
            f"{self.label('step_' + change)}</span>"
        )

    def aspect_words(self, comparison: Comparison, change: StepChange) -> Markup:
        """What differs in a changed step, in words: "feeling (▼▼ −2 → ▲ +1), action (was: …)"."""
        if change.before is None or change.after is None:
            return Markup("")
        (old_phase, old), (new_phase, new) = change.before, change.after
        framework = self.hb.framework_of(comparison.to_be)
        words = []
        for aspect in change.aspects:
            word = str(self.label("aspect_" + aspect))
            if aspect == "emotion":
                word += f" ({self.emotion(old.emotion)} → {self.emotion(new.emotion)})"
            elif aspect == "phase":
                word += f" ({self.escape(self.phase_name(framework, old_phase.phase))} → {self.escape(self.phase_name(framework, new_phase.phase))})"
            elif aspect == "action":
                word += f" ({self.label('was')}: {self.inline(old.action)})"
            words.append(word)
        return Markup(", ".join(words))

    def step_change(self, comparison: Comparison, change: StepChange) -> Markup:
        """One line of the step changes: mark, where (linked), the step's action, and what changes."""
        if change.after is not None:
            ref = self.step_ref(comparison.to_be, *change.after)
        elif change.before is not None:
            ref = self.step_ref(comparison.as_is, *change.before)
        else:
            return Markup("")
        line = Markup(f"{self.change_mark(change.change)}: {self.step_place(ref)}")
        if change.change == "removed":
            line += Markup(f" ({self.journey_link(comparison.as_is)})")
        if change.aspects:
            line += Markup(f" — {self.label('changed_aspects')}: {self.aspect_words(comparison, change)}")
        return line

    def step_change_of(self, journey: Journey, step: Step) -> StepChange | None:
        """How a step of a future state differs from the as-is journey (None: unchanged, or not a future state)."""
        comparison = self.comparison(journey)
        if comparison is None:
            return None
        return next((c for c in comparison.steps if c.after is not None and c.after[1] is step), None)

    def opportunity_line(self, item: BacklogItem) -> Markup:
        """An opportunity that makes the difference: its words linked to its place in the backlog, then its rating."""
        opp = item.opportunity
        name = self.plain(opp.text) or opp.id or ""
        link = self._link(name, self.urls.catalog("opportunities"), "priority-" + (opp.priority or "unset"))
        parts = [f"{self.label('owner')}: {self.escape(opp.owner) if opp.owner else self.value(None)}"]
        parts.append(f"{self.label('status')}: {self.value(opp.status)}")
        if opp.impact or opp.effort:
            parts.append(f"{self.label('impact')}: {self.value(opp.impact)}, {self.label('effort')}: {self.value(opp.effort)}")
        return Markup(f"{link} — " + ", ".join(parts))

    # ------------------------------------------------------------------ the grid

    def grid(self, journey: Journey) -> list[tuple[str, list[Markup]]]:
        """The classic journey-map table: one row per aspect, one cell per phase."""
        rows: list[tuple[str, list[Markup]]] = [("goal", [self.inline(ph.goal) for ph in journey.phases])]
        numbers = self.step_numbers(journey)
        numbered = len(numbers) > 1
        shown = self.evidence_in_use

        def cell(phase: JourneyPhase, render: Any) -> Markup:
            parts = []
            for step in phase.steps:
                for item in render(step):
                    parts.append(f"{numbers[id(step)]}. {item}" if numbered else item)
            return Markup("<br>".join(parts))

        def touchpoint(use: Any) -> str:
            mark = f" ({self.value(use.sentiment)})" if use.sentiment else ""
            return f"{self.touchpoint_link(use.ref)}{mark}"

        def level(text: Any, value: str | None) -> str:
            return f"{text}" + (f" ({self.value(value)})" if value else "")

        def badge(level: str) -> str:
            return f" {self.evidence(level)}" if shown else ""

        def opportunity(step: Step, o: Opportunity) -> str:
            found = self.definition(o)
            marks = [str(self.value(found.priority))] if found.priority else []
            marks += [str(self.label("shared_opportunity"))] if self.shared_with(o, step) else []
            return f"{self.opportunity_text(o)}" + (f" ({', '.join(marks)})" if marks else "") + badge(self.opportunity_level(o))

        aspects: list[tuple[str, Any]] = [
            ("action", lambda s: [self.inline(s.action)]),
            ("thinking", lambda s: [f"<em>{self.inline(s.thinking)}</em>"] if s.thinking else []),
            ("emotion", lambda s: [self.emotion(s.emotion)]),
            *([("evidence", lambda s: [str(self.evidence(self.step_level(s)))])] if shown else []),
            ("touchpoints", lambda s: [", ".join(touchpoint(u) for u in s.touchpoints)] if s.touchpoints else []),
            ("pain_points", lambda s: [level(self.inline(p.text), p.severity) + badge(self.pain_level(p)) for p in s.pain_points]),
            ("opportunities", lambda s: [opportunity(s, o) for o in s.opportunities]),
        ]
        for key, render in aspects:
            rows.append((key, [cell(ph, render) for ph in journey.phases]))
        return rows

    def research_used(self, journey: Journey) -> list[Any]:
        """The research documents whose findings this journey's steps, pain points or opportunities use."""
        ids: list[str] = []
        for _phase, step in journey.steps():
            ids += step.evidence
            ids += [f for pain in step.pain_points for f in pain.evidence]
            ids += [f for o in step.opportunities for f in self.definition(o).evidence]
        used = {self.hb.research_of(f).id for f in ids if f in self.hb.findings}
        return [r for r in self.hb.research.values() if r.id in used]


class PhaseContext(ChecklistContext, JourneyContext):
    """A phase page: checklists, and each step with its evidence and metrics."""

    def step_anchor(self, journey: Journey, step: Step) -> str:
        """The step's own id as a second anchor, unless it would clash with one the page already has."""
        if not step.id or _STEP_N.fullmatch(step.id):
            return ""
        taken = {slugify(self.site.label(key)) for key in _PHASE_SECTIONS} | set(_PHASE_SECTIONS)
        return "" if step.id in taken else step.id

    def anchor_span(self, anchor_id: str) -> Markup:
        return Markup(f'<span id="{anchor_id}"></span>') if anchor_id else Markup("")  # a slug

    def finding_items(self, step: Step) -> list[tuple[Markup, Markup]]:
        """The findings a step rests on, as (finding text, link to it on its research page)."""
        out = []
        for finding_id in step_findings(step):
            if finding_id not in self.hb.findings:
                continue
            finding = self.hb.findings[finding_id]
            research = self.hb.research_of(finding_id)
            out.append((self.inline(finding.text), self.research_link(research, self.urls.finding_anchor(finding_id))))
        return out


def build(site: SiteBuilder) -> tuple[list[Page], NavEntry]:
    """A page per journey and per phase, and their navigation section."""
    hb, urls = site.hb, site.urls
    names = PageContext(site, urls.overview())
    pages: list[Page] = []
    section = NavEntry(site.label("journeys"))
    for journey in hb.journeys.values():
        framework = hb.framework_of(journey)
        title = names.journey_title(journey)
        source = journey.doc.path if journey.doc else None
        pages.append(
            site.page(
                JourneyContext, "journey.md.j2", urls.journey(journey.id), title, source, journey.tags,
                journey=journey, framework=framework,
            )
        )  # fmt: skip
        # a future state says so in the navigation too, in plain words ("… (to-be)")
        nav = f"{title} ({site.label('to_be')})" if journey.state == "to-be" else title
        entry = NavEntry(nav, urls.journey(journey.id))
        present = [p.phase for p in journey.phases]
        for i, phase in enumerate(journey.phases):
            name = names.phase_name(framework, phase.phase)
            pages.append(
                site.page(
                    PhaseContext, "phase.md.j2", urls.phase(journey.id, phase.phase), f"{name} · {title}", source,
                    journey=journey, framework=framework, phase=phase,
                    fphase=framework.phase(phase.phase), number=framework.phase_ids().index(phase.phase) + 1,
                    previous=present[i - 1] if i > 0 else None,
                    next=present[i + 1] if i + 1 < len(present) else None,
                )
            )  # fmt: skip
            entry.children.append(NavEntry(name, urls.phase(journey.id, phase.phase)))
        section.children.append(entry)
    return pages, section
