"""Research pages: one per research document (FORMAT 1.1), its findings linked both ways.

Each finding has an anchor (``finding-<id>``) that steps, pain points and opportunities link
to; the page lists, under each finding, every place that rests on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import evidence
from ..evidence import Use
from ..model import Finding, Opportunity, PainPoint, Research
from .base import NavEntry, Page
from .context import PageContext

if TYPE_CHECKING:
    from .site import SiteBuilder


class ResearchContext(PageContext):
    """A research page: its findings and where they are used."""

    def method(self, research: Research) -> Markup:
        return self.label("method_" + research.method)

    def finding_level(self, finding: Finding) -> Markup:
        return self.evidence(evidence.finding_level(self.hb, finding.id))

    def uses(self, finding: Finding) -> list[Use]:
        return self.site.finding_uses.get(finding.id, [])

    def use_line(self, use: Use) -> Markup:
        """Where a finding is used: "Journey → Phase, step 2 — pain point: Does not know …" (linked)."""
        item = use.item
        if isinstance(item, Opportunity):
            text = self.inline(self.hb.opportunity(item).text) if self.hb.opportunity(item).text else self.code(item.ref or "")
        elif isinstance(item, PainPoint):
            text = self.inline(item.text)
        else:
            text = self.inline(use.at.step.action)
        return Markup(f"{self.step_link(use.at)} — {self.label('use_' + use.what)}: {text}")


def build(site: SiteBuilder) -> tuple[list[Page], NavEntry]:
    """A page per research document, and their navigation section (empty without research)."""
    hb, urls = site.hb, site.urls
    names = PageContext(site, urls.overview())
    pages: list[Page] = []
    # the section's own page, listing them (with navigation.indexes it is the section's index)
    section = NavEntry(site.label("research"), urls.catalog("research") if hb.research else None)
    if hb.research:
        pages.append(site.page(ResearchContext, "research-index.md.j2", urls.catalog("research"), site.label("research")))
    for research in hb.research.values():
        title = names.research_title(research)
        source = research.doc.path if research.doc else None
        path = urls.research(research.id)
        pages.append(site.page(ResearchContext, "research.md.j2", path, title, source, research=research))
        section.children.append(NavEntry(title, path))
    return pages, section
