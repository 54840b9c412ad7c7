"""Persona pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import NavEntry, Page
from .context import PageContext

if TYPE_CHECKING:
    from .site import SiteBuilder


def build(site: SiteBuilder) -> tuple[list[Page], NavEntry]:
    """A page per persona, and their navigation section."""
    names = PageContext(site, site.urls.overview())
    pages: list[Page] = []
    # the section's own page, listing them (with navigation.indexes it is the section's index)
    section = NavEntry(site.label("personas"), site.urls.catalog("personas") if site.hb.personas else None)
    if site.hb.personas:
        pages.append(site.page(PageContext, "personas.md.j2", site.urls.catalog("personas"), site.label("personas")))
    for persona in site.hb.personas.values():
        name = names.persona_name(persona)
        source = persona.doc.path if persona.doc else None
        pages.append(site.page(PageContext, "persona.md.j2", site.urls.persona(persona.id), name, source, persona=persona))
        section.children.append(NavEntry(name, site.urls.persona(persona.id)))
    return pages, section
