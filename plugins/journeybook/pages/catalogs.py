"""The pages across all journeys: touchpoints, opportunities, pain points, moments of truth,
checklists, health and sources, in this order (the overview links them, the navigation lists them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import insights, lint
from ..handbook import is_builtin
from .base import NavEntry, Page
from .checklists import ChecklistContext
from .context import PageContext
from .health import HealthContext
from .sources import SourcesContext

if TYPE_CHECKING:
    from .site import SiteBuilder


def _opportunities(site: SiteBuilder) -> dict[str, Any]:
    items = insights.opportunities(site.hb)
    return {"groups": insights.by_priority_and_status(items), "owners": insights.by_owner(items)}


# name → (context class, the template's data); each has the template "<name>.md.j2"
CATALOGS: dict[str, tuple[type[PageContext], Callable[[SiteBuilder], dict[str, Any]]]] = {
    "touchpoints": (PageContext, lambda site: {"stats": insights.touchpoint_stats(site.hb)}),
    "opportunities": (PageContext, _opportunities),
    "pain-points": (PageContext, lambda site: {"register": insights.pain_point_register(site.hb, site.lang)}),
    "moments-of-truth": (PageContext, lambda site: {"moments": insights.moments_of_truth(site.hb)}),
    "checklists": (ChecklistContext, lambda site: {}),
    "health": (HealthContext, lambda site: {"groups": lint.health(site.hb, site.findings), "rules": lint.RULES}),
}
NAMES = (*CATALOGS, "sources")


def build(site: SiteBuilder) -> tuple[list[Page], list[NavEntry]]:
    """The catalog pages and their navigation entries; call it after every other page.

    The sources page comes last: it lists the handbook's own sources and the built-in ones
    that the pages before it cited.
    """
    pages: list[Page] = []
    nav: list[NavEntry] = []
    for name, (context, data) in CATALOGS.items():
        title = site.label(name)
        pages.append(site.page(context, f"{name}.md.j2", site.urls.catalog(name), title, **data(site)))
        nav.append(NavEntry(title, site.urls.catalog(name)))
    own = {key for key, source in site.hb.sources.items() if not is_builtin(source)}
    listed = [k for k in site.bib.keys_sorted() if k in own or k in site.cited]
    title = site.label("sources")
    pages.append(site.page(SourcesContext, "sources.md.j2", site.urls.catalog("sources"), title, keys=listed))
    nav.append(NavEntry(title, site.urls.catalog("sources")))
    return pages, nav
