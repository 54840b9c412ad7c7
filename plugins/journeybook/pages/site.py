"""Every page of a handbook, in a stable order, with the navigation tree.

Each page kind has its builder (:mod:`.journey` with the phase pages, :mod:`.persona`,
:mod:`.research`, :mod:`.catalogs`; the overview is built here), its template in ``templates/`` and, where it needs
helpers of its own, a :class:`~.context.PageContext` subclass. The :class:`SiteBuilder` holds
what they share: the handbook, the language, the URLs, the bibliography and the diagrams.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jinja2

from .. import backlog, evidence, future, metrics
from ..bibliography import Bibliography
from ..diagnostics import Diagnostic
from ..diagram_cache import DiagramMaker
from ..handbook import Handbook
from ..i18n import label
from . import catalogs, journey, persona, research
from .base import NavEntry, Page, Site, Urls, front_matter, tidy
from .context import PageContext


@cache
def _environment() -> jinja2.Environment:
    """The page templates, compiled once per process (``mkdocs serve`` builds many times)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("journeybook", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=PageContext.finalize,
        extensions=["jinja2.ext.do"],
    )


class SiteBuilder:
    """Builds the pages of one handbook in one language."""

    def __init__(
        self,
        hb: Handbook,
        *,
        url: str = "playbook",
        lang: str = "en",
        diagrams: DiagramMaker | None = None,
        findings: Sequence[Diagnostic] = (),
        directory_urls: bool = True,
    ):
        """``findings`` (warnings and notes from lint and the checks) fill the health page;
        ``directory_urls`` is MkDocs' ``use_directory_urls`` (for links inside HTML)."""
        self.hb: Handbook = hb
        self.findings: list[Diagnostic] = list(findings)
        self.lang: str = lang
        self.urls = Urls(url, directory_urls)
        self.bib = Bibliography(hb.sources, lang)
        self.bib_order = {key: n for n, key in enumerate(self.bib.keys_sorted())}
        self.diagrams = diagrams or DiagramMaker()
        self.diagnostics: list[Diagnostic] = []
        self.cited: set[str] = set()  # sources cited by the pages made so far
        self.env = _environment()

    def label(self, key: str) -> str:
        return label(key, self.lang)

    # What several page kinds look up, worked out once per build.

    @cached_property
    def finding_uses(self) -> dict[str, list[evidence.Use]]:
        """For every finding: the steps, pain points and opportunities that rest on it."""
        return evidence.uses(self.hb)

    @cached_property
    def backlog_items(self) -> dict[int, backlog.BacklogItem]:
        """The backlog item of every opportunity definition, by ``id()`` of the definition."""
        return {id(item.opportunity): item for item in backlog.backlog(self.hb)}

    @cached_property
    def series(self) -> list[metrics.Series]:
        """Every metric series, in a stable order."""
        return metrics.all_series(self.hb)

    @cached_property
    def comparisons(self) -> dict[str, future.Comparison]:
        """For every to-be journey that improves a (valid) as-is journey: what changes, by its id."""
        found = {j.id: future.compare(self.hb, j) for j in self.hb.journeys.values() if j.state == "to-be"}
        return {key: comparison for key, comparison in found.items() if comparison is not None}

    def page(
        self,
        context: type[PageContext],
        template: str,
        path: str,
        title: str,
        source: Path | None = None,
        tags: Sequence[str] = (),
        **data: Any,
    ) -> Page:
        """One page from ``template``, with ``context`` (a :class:`PageContext`) as ``c``."""
        ctx = context(self, path)
        text = self.env.get_template(template).render(c=ctx, hb=self.hb, title=title, **data)
        self.cited.update(ctx.cited)
        return Page(path=path, title=title, content=front_matter(title, tags) + tidy(text), source=source)

    def build(self) -> Site:
        """Every page of the handbook, in a stable order, with the navigation tree."""
        overview = self.page(
            PageContext, "overview.md.j2", self.urls.overview(), self.label("playbook"),
            catalogs=catalogs.names(self.hb), ranked=evidence.ranked_by_coverage(self.hb), levels=evidence.LEVELS,
        )  # fmt: skip
        journey_pages, journeys_nav = journey.build(self)
        persona_pages, personas_nav = persona.build(self)
        research_pages, research_nav = research.build(self)
        catalog_pages, catalog_nav = catalogs.build(self)
        nav = NavEntry(self.label("playbook"), self.urls.overview())
        nav.children = [
            NavEntry(self.label("overview"), self.urls.overview()),
            *([journeys_nav] if journeys_nav.children else []),
            *([personas_nav] if personas_nav.children else []),
            *([research_nav] if research_nav.children else []),
            *catalog_nav,
        ]
        pages = [overview, *journey_pages, *persona_pages, *research_pages, *catalog_pages]
        return Site(pages=pages, nav=nav, diagnostics=self.diagnostics)
