"""The pages across all journeys: touchpoints, opportunities (the backlog), pain points,
moments of truth, metrics, checklists, health and sources, in this order (the overview links
them, the navigation lists them). The metrics page exists only when the handbook has metrics."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import insights, lint
from ..handbook import Handbook, is_builtin
from .backlog import BacklogContext, MetricsContext, backlog_data, metrics_data
from .base import NavEntry, Page
from .checklists import ChecklistContext
from .context import PageContext
from .health import HealthContext
from .sources import SourcesContext

if TYPE_CHECKING:
    from .site import SiteBuilder


def _always(hb: Handbook) -> bool:
    return True


class Catalog(NamedTuple):
    context: type[PageContext]  # the template's ``c``
    data: Callable[[SiteBuilder], dict[str, Any]]  # the template's data
    shown: Callable[[Handbook], bool] = _always  # whether the handbook gets the page


# name → its catalog; each has the template "<name>.md.j2"
CATALOGS: dict[str, Catalog] = {
    "touchpoints": Catalog(PageContext, lambda site: {"stats": insights.touchpoint_stats(site.hb)}),
    "opportunities": Catalog(BacklogContext, backlog_data),
    "pain-points": Catalog(PageContext, lambda site: {"register": insights.pain_point_register(site.hb, site.lang)}),
    "moments-of-truth": Catalog(PageContext, lambda site: {"moments": insights.moments_of_truth(site.hb)}),
    "metrics": Catalog(MetricsContext, metrics_data, lambda hb: bool(hb.metrics)),
    "checklists": Catalog(ChecklistContext, lambda site: {}),
    "health": Catalog(HealthContext, lambda site: {"groups": lint.health(site.hb, site.findings), "rules": lint.RULES}),
}
NAMES = (*(name for name, catalog in CATALOGS.items() if catalog.shown is _always), "sources")  # every handbook's


def names(hb: Handbook) -> tuple[str, ...]:
    """The catalog pages ``hb`` gets, in order (the sources page last)."""
    return (*(name for name, catalog in CATALOGS.items() if catalog.shown(hb)), "sources")


def build(site: SiteBuilder) -> tuple[list[Page], list[NavEntry]]:
    """The catalog pages and their navigation entries; call it after every other page.

    The sources page comes last: it lists the handbook's own sources and the built-in ones
    that the pages before it cited.
    """
    pages: list[Page] = []
    nav: list[NavEntry] = []
    for name, (context, data, shown) in CATALOGS.items():
        if not shown(site.hb):
            continue
        title = site.label(name)
        pages.append(site.page(context, f"{name}.md.j2", site.urls.catalog(name), title, worked_out=partial(data, site)))
        nav.append(NavEntry(title, site.urls.catalog(name)))
    own = {key for key, source in site.hb.sources.items() if not is_builtin(source)}
    listed = [k for k in site.bib.keys_sorted() if k in own or k in site.cited]
    title = site.label("sources")
    pages.append(site.page(SourcesContext, "sources.md.j2", site.urls.catalog("sources"), title, keys=listed))
    nav.append(NavEntry(title, site.urls.catalog("sources")))
    return pages, nav
