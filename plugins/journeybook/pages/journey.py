"""Journey pages and their phase pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model import Journey, JourneyPhase
from .base import NavEntry, Page
from .checklists import ChecklistContext
from .context import PageContext

if TYPE_CHECKING:
    from .site import SiteBuilder


class JourneyContext(PageContext):
    """A journey page: the journey grid."""

    def grid(self, journey: Journey) -> list[tuple[str, list[Markup]]]:
        """The classic journey-map table: one row per aspect, one cell per phase."""
        rows: list[tuple[str, list[Markup]]] = [("goal", [self.inline(ph.goal) for ph in journey.phases])]
        numbers = self.step_numbers(journey)
        numbered = len(numbers) > 1

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
            return f"{self.inline(text)}" + (f" ({self.value(value)})" if value else "")

        aspects: list[tuple[str, Any]] = [
            ("action", lambda s: [self.inline(s.action)]),
            ("thinking", lambda s: [f"<em>{self.inline(s.thinking)}</em>"] if s.thinking else []),
            ("emotion", lambda s: [self.emotion(s.emotion)]),
            ("touchpoints", lambda s: [", ".join(touchpoint(u) for u in s.touchpoints)] if s.touchpoints else []),
            ("pain_points", lambda s: [level(p.text, p.severity) for p in s.pain_points]),
            ("opportunities", lambda s: [level(o.text, o.priority) for o in s.opportunities]),
        ]
        for key, render in aspects:
            rows.append((key, [cell(ph, render) for ph in journey.phases]))
        return rows


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
        entry = NavEntry(title, urls.journey(journey.id))
        present = [p.phase for p in journey.phases]
        for i, phase in enumerate(journey.phases):
            name = names.phase_name(framework, phase.phase)
            pages.append(
                site.page(
                    ChecklistContext, "phase.md.j2", urls.phase(journey.id, phase.phase), f"{name} · {title}", source,
                    journey=journey, framework=framework, phase=phase,
                    fphase=framework.phase(phase.phase), number=framework.phase_ids().index(phase.phase) + 1,
                    previous=present[i - 1] if i > 0 else None,
                    next=present[i + 1] if i + 1 < len(present) else None,
                )
            )  # fmt: skip
            entry.children.append(NavEntry(name, urls.phase(journey.id, phase.phase)))
        section.children.append(entry)
    return pages, section
