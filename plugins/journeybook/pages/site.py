"""Every page of a handbook, in a stable order, with the navigation tree.

Each page kind has its builder (:mod:`.journey` with the phase pages, :mod:`.persona`,
:mod:`.research`, :mod:`.catalogs`; the overview is built here), its template in ``templates/`` and, where it needs
helpers of its own, a :class:`~.context.PageContext` subclass. The :class:`SiteBuilder` holds
what they share: the handbook, the language, the URLs, the bibliography and the diagrams.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import jinja2

from .. import backlog, evidence, future, metrics
from ..bibliography import Bibliography
from ..diagnostics import Diagnostic
from ..diagram_cache import DiagramMaker
from ..handbook import Handbook
from ..i18n import label
from ..model import Journey
from . import catalogs, journey, navigation, persona, research
from .base import NavEntry, Page, Site, Urls, front_matter, tidy
from .context import PageContext
from .tracking import Tracker, Unmemoisable, digest_of, origin

if TYPE_CHECKING:
    from ..memo import Memo

T = TypeVar("T")


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
        memo: Memo | None = None,
    ):
        """``findings`` (warnings and notes from lint and the checks) fill the health page;
        ``directory_urls`` is MkDocs' ``use_directory_urls`` (for links inside HTML). With a
        ``memo`` (``mkdocs serve``), a page whose inputs did not change since the memo's last
        build is taken from it (:mod:`.tracking`); the pages are the same."""
        self._findings: list[Diagnostic] = list(findings)
        self.memo = memo
        tables: dict[str, Callable[[], Mapping[Any, Any]]] = {
            "backlog_items": self._backlog_items, "comparisons": self._comparisons, "series": self._series,
            "futures": self._futures, "finding_uses": lambda: evidence.uses(self.hb),
        }  # fmt: skip
        self._makers = tables
        self.tracker = Tracker(hb, self._findings, tables) if memo is not None else None
        if self.tracker is not None:  # what the handbook works out once (Handbook.derived), by name
            self.tracker.expect("hb.metrics.all_series", lambda: metrics.all_series(self.hb))
            self.tracker.expect("hb.backlog.backlog", lambda: backlog.backlog(self.hb))
        self.hb: Handbook = cast(Handbook, self.tracker.proxy) if self.tracker is not None else hb
        self._handbook = hb
        self.lang: str = lang
        self.urls = Urls(url, directory_urls)
        self.diagrams = diagrams or DiagramMaker()
        self.diagnostics: list[Diagnostic] = []
        self.cited: set[str] = set()  # sources cited by the pages made so far
        self.env = _environment()
        self._worked_out: dict[str, Any] = {}

    def label(self, key: str) -> str:
        return label(key, self.lang)

    # What several page kinds look up, worked out once per build (with a memo, a page that
    # uses one depends on everything read to work it out).

    def _once(self, name: str, make: Callable[[], T]) -> T:
        if self.tracker is not None:
            return self.tracker.derived(name, make)
        if name not in self._worked_out:
            self._worked_out[name] = make()
        return cast(T, self._worked_out[name])

    @property
    def findings(self) -> list[Diagnostic]:
        if self.tracker is not None:
            self.tracker.read(("findings",))
        return self._findings

    @property
    def bib(self) -> Bibliography:
        if self.tracker is not None and self.memo is not None:  # kept from build to build while the sources stay the same
            self.tracker.read(("all", "sources"))
            key = (self.tracker.digest(("all", "sources")), self.lang)
            return self.memo.bibliography(key, lambda: Bibliography(self._handbook.sources, self.lang))
        return self._once("bib", lambda: Bibliography(self.hb.sources, self.lang))

    @property
    def bib_order(self) -> dict[str, int]:
        return self._once("bib_order", lambda: {key: n for n, key in enumerate(self.bib.keys_sorted())})

    def _table(self, name: str) -> Mapping[Any, Any]:
        if self.tracker is not None:
            return self.tracker.table(name)
        return self._once(name, self._makers[name])

    @property
    def finding_uses(self) -> Mapping[str, list[evidence.Use]]:
        """For every finding: the steps, pain points and opportunities that rest on it."""
        return self._table("finding_uses")

    @property
    def backlog_items(self) -> Mapping[tuple[Any, ...], backlog.BacklogItem]:
        """The backlog item of every opportunity definition, by :func:`~.tracking.origin` of the definition."""
        return self._table("backlog_items")

    @property
    def series(self) -> Mapping[str, list[metrics.Series]]:
        """The metric series of every journey (at the journey, its phases or steps), in a stable order."""
        return self._table("series")

    @property
    def comparisons(self) -> Mapping[str, future.Comparison]:
        """For every to-be journey that improves a (valid) as-is journey: what changes, by its id."""
        return self._table("comparisons")

    @property
    def futures(self) -> Mapping[str, list[Journey]]:
        """For every as-is journey: the to-be journeys that improve it, in handbook order."""
        return self._table("futures")

    def _backlog_items(self) -> dict[tuple[Any, ...], backlog.BacklogItem]:
        return {origin(item.opportunity): item for item in backlog.backlog(self.hb)}

    def _comparisons(self) -> dict[str, future.Comparison]:
        found = {j.id: future.compare(self.hb, j) for j in self.hb.journeys.values() if j.state == "to-be"}
        return {key: comparison for key, comparison in found.items() if comparison is not None}

    def _series(self) -> dict[str, list[metrics.Series]]:
        by_journey: dict[str, list[metrics.Series]] = {}
        for series in metrics.all_series(self.hb):
            by_journey.setdefault(series.journey, []).append(series)
        return by_journey

    def _futures(self) -> dict[str, list[Journey]]:
        return future.all_futures(self.hb)

    def page(
        self,
        context: type[PageContext],
        template: str,
        path: str,
        title: str,
        source: Path | None = None,
        tags: Sequence[str] = (),
        worked_out: Callable[[], dict[str, Any]] | None = None,
        **data: Any,
    ) -> Page:
        """One page from ``template``, with ``context`` (a :class:`PageContext`) as ``c``.

        ``data`` are the template's arguments; ``worked_out()`` gives more of them, worked out
        from the handbook while the page is made (with a memo, what it reads is noted like
        what the template reads, instead of its result being written down).
        """
        if self.memo is None or self.tracker is None:
            ctx = context(self, path)
            more = worked_out() if worked_out is not None else {}
            text = self.env.get_template(template).render(c=ctx, hb=self.hb, title=title, **data, **more)
            self.cited.update(ctx.cited)
            return Page(path=path, title=title, content=front_matter(title, tags) + tidy(text), source=source)
        try:
            key: str | None = digest_of(context.__module__, context.__qualname__, template, path, title, source, list(tags), data, dumper=self.tracker.dumper)
        except Unmemoisable:
            key = None
        kept = self.memo.page(path)
        if key is not None and kept is not None and kept.key == key and self._unchanged(kept.reads):
            self.cited.update(kept.cited)
            self.diagrams.reuse(set(kept.diagram_keys), kept.diagrams)
            self.memo.made_page(reused=True)
            return kept.page
        made_before, diagnostics_before = self.diagrams.total, len(self.diagnostics)
        with self.diagrams.noting() as keys, self.tracker.recording() as reads:
            ctx = context(self, path)
            more = worked_out() if worked_out is not None else {}
            text = self.env.get_template(template).render(c=ctx, hb=self.hb, title=title, **data, **more)
        page = Page(path=path, title=title, content=front_matter(title, tags) + tidy(text), source=source)
        self.memo.made_page(reused=False)
        if key is not None and len(self.diagnostics) == diagnostics_before:  # a page with a problem is made every time
            try:
                digests = tuple((d, self.tracker.digest(d)) for d in sorted(reads, key=repr))
            except Unmemoisable:
                digests = None
            if digests is not None:
                from ..memo import KeptPage

                self.memo.keep_page(KeptPage(path, key, digests, page, tuple(ctx.cited), frozenset(keys), self.diagrams.total - made_before))
        self.cited.update(ctx.cited)
        return page

    def _unchanged(self, reads: tuple[tuple[tuple[Any, ...], str], ...]) -> bool:
        """Whether everything a kept page read is what it was when the page was made."""
        assert self.tracker is not None
        try:
            return all(self.tracker.digest(dep) == digest for dep, digest in reads)
        except Unmemoisable:
            return False

    def build(self) -> Site:
        """Every page of the handbook, in a stable order, with the navigation tree."""
        overview = self.page(
            PageContext, "overview.md.j2", self.urls.overview(), self.label("playbook"),
            worked_out=lambda: {"catalogs": catalogs.names(self.hb), "ranked": evidence.ranked_by_coverage(self.hb)},
            levels=evidence.LEVELS,
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
        return Site(pages=pages, nav=navigation.bounded(nav), diagnostics=self.diagnostics)
