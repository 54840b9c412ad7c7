"""The whole core in two calls: :func:`check` (load → model → cross references → lint) and
:func:`generate` (the same, then pages + diagrams).

Both adapters call the core and do nothing but configuration, output and error reporting
around it: the MkDocs plugin calls :func:`generate`; the CLI calls :func:`check` for
``validate`` (with :class:`Settings` read from ``mkdocs.yml`` by :mod:`journeybook.project`)
and :func:`generate` for ``render``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .handbook import DEFAULT_FRAMEWORK, Handbook, build_handbook, check_translations
from .lint import DEFAULT_REVIEW_DAYS, LintContext, default_settings, lint
from .lint import build_date as read_build_date
from .views import PageViews, check_views

if TYPE_CHECKING:  # the pages (and what they import) are loaded by generate() only: `journeybook validate` starts without them
    from .diagram_cache import DiagramMaker
    from .memo import Memo
    from .pages import Site
    from .site_cache import SiteCache

LintSettings = Mapping[str, str | None]  # rule id → error, warning, info or None (off)


@dataclass(frozen=True)
class Settings:
    """How the core reads and checks a handbook: the plugin's options of the same names."""

    framework: str = DEFAULT_FRAMEWORK  # for journeys that do not name one
    lang: str = "en"  # the site's language: a text given per language should have it
    builtin_guidance: bool = True
    lint: LintSettings | None = None  # from journeybook.lint.parse_settings; None: every rule's default
    review_days: int = DEFAULT_REVIEW_DAYS  # stale-review: how old a 'reviewed' date may be
    build_date: date | None = None  # what stale-review measures against; None: today, or SOURCE_DATE_EPOCH


HandWritten = Sequence[tuple[str, Path, str]]  # pages of the site's own docs: (docs-relative path, file, text)


@dataclass
class Result:
    handbook: Handbook
    site: Site | None  # None when the input has errors
    diagnostics: list[Diagnostic]
    # the journeybook blocks of hand-written pages, and each block's Markdown (None: not shown)
    views: dict[str, tuple[PageViews, list[str | None]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check(
    source: Path,
    settings: Settings = Settings(),
    config_problems: Sequence[Diagnostic] = (),
    pages: HandWritten = (),
    memo: Memo | None = None,
) -> tuple[Handbook, list[Diagnostic]]:
    """Validate the handbook in ``source`` and, when nothing has errors, check its translations and lint it.

    ``config_problems`` are problems of the configuration ``settings`` come from (the CLI
    reads ``mkdocs.yml`` itself). They are reported with the handbook's own, and errors among
    them stop before lint as those do: lint with a misread ``lint`` option would report what
    the author switched off. A lint rule set to ``error`` makes its findings errors.
    ``stale-review`` measures against ``settings.build_date``, else today or
    ``SOURCE_DATE_EPOCH`` (a malformed value is an error). Returns the handbook and every
    diagnostic, sorted. A ``memo`` keeps what a long-lived process read (:mod:`journeybook.memo`).
    """
    handbook, diags = build_handbook(source, settings.framework, settings.builtin_guidance, memo)
    _views, view_problems = check_views(handbook, pages)
    diags = sort_diagnostics([*config_problems, *diags, *view_problems])
    if has_errors(diags):
        return handbook, diags
    today, date_problems = _build_date(settings)
    if date_problems:
        return handbook, sort_diagnostics([*diags, *date_problems])
    context = LintContext(settings.review_days, today)
    findings = lint(handbook, settings.lint, context)
    return handbook, sort_diagnostics([*diags, *check_translations(handbook, settings.lang), *findings])


def _build_date(settings: Settings) -> tuple[date | None, list[Diagnostic]]:
    """The build date lint measures ``reviewed`` against: ``settings.build_date``, else :func:`~journeybook.lint.build_date`.

    A malformed ``SOURCE_DATE_EPOCH`` is an error, but only while ``stale-review`` is on
    (nothing else of journeybook depends on the date).
    """
    if settings.build_date is not None:
        return settings.build_date, []
    if settings.lint is not None and settings.lint.get("stale-review", "warning") is None:
        return None, []
    return read_build_date()


def generate(
    source: Path,
    *,
    url: str = "playbook",
    framework: str = DEFAULT_FRAMEWORK,
    lang: str = "en",
    diagrams: DiagramMaker | None = None,
    builtin_guidance: bool = True,
    lint_settings: LintSettings | None = None,
    directory_urls: bool = True,
    pages: HandWritten = (),
    review_days: int = DEFAULT_REVIEW_DAYS,
    build_date: date | None = None,
    site_cache: SiteCache | None = None,
    memo: Memo | None = None,
) -> Result:
    """:func:`check` the handbook in ``source`` and, when it has no errors, render its pages.

    ``framework``, ``lang``, ``builtin_guidance``, ``lint_settings``, ``review_days`` and
    ``build_date`` are the :class:`Settings`; ``lang`` is also the language of the pages.
    ``directory_urls`` is MkDocs' ``use_directory_urls``. ``pages`` are the site's hand-written pages: their
    journeybook blocks are checked with the handbook and rendered (:attr:`Result.views`).
    With a ``site_cache`` (and ``diagrams``), pages whose inputs have not changed since the
    last build are taken from it (:mod:`journeybook.site_cache`); the result is the same.
    A ``memo`` (:mod:`journeybook.memo`) keeps what one build read for the next one in the
    same process (``mkdocs serve``); the result is the same.
    """
    from .pages import Site, SiteBuilder
    from .pages.views import render as render_views

    settings = Settings(framework, lang, builtin_guidance, lint_settings, review_days=review_days, build_date=build_date)
    if site_cache is not None:
        site_cache.hit = False
    inputs = _inputs(source) if site_cache is not None and site_cache.enabled and diagrams is not None else None
    handbook, diags = check(source, settings, pages=pages, memo=memo)
    if has_errors(diags):
        return Result(handbook, None, diags)
    found, _checked = check_views(handbook, pages)
    key = None
    if inputs is not None and site_cache is not None and diagrams is not None:
        key = _site_key(inputs, handbook, settings, url, directory_urls, pages, diags, diagrams)
        entry = site_cache.get(key) if key is not None else None
        if entry is not None and all(page.path in entry.views for page in found):
            site_cache.hit = True
            diagrams.reuse(entry.diagram_keys, entry.diagrams)
            site = Site(entry.pages, entry.nav, [])
            views = {page.path: (page, entry.views[page.path]) for page in found}
            return _result(handbook, site, diags, views)
    total = diagrams.total if diagrams is not None else 0
    if memo is not None:
        memo.settings((settings, url, directory_urls, Path(source).absolute()))
    builder = SiteBuilder(
        handbook, url=url, lang=lang, diagrams=diagrams, findings=diags, directory_urls=directory_urls, memo=memo
    )  # fmt: skip
    site = builder.build()
    views = {page.path: (page, render_views(builder, page)) for page in found}
    result = _result(handbook, site, diags, views)
    if key is not None and inputs is not None and site_cache is not None and diagrams is not None and not site.diagnostics:
        # stored only when no file was edited while it was read and the pages were made
        if _inputs(source) == inputs and _site_key(inputs, handbook, settings, url, directory_urls, pages, diags, diagrams) == key:
            from .site_cache import Entry

            rendered = {path: markdown for path, (_page, markdown) in views.items()}
            site_cache.put(key, Entry(site.pages, site.nav, rendered, set(diagrams.used), diagrams.total - total))
    return result


def _result(handbook: Handbook, site: Site, diags: list[Diagnostic], views: dict) -> Result:
    diags = sort_diagnostics(diags + site.diagnostics)
    return Result(handbook, site if not has_errors(diags) else None, diags, views)


def _inputs(source: Path) -> str | None:
    """A digest of every file below ``source`` the handbook may be read from: its YAML files
    and every ``.csv`` file (a metrics document may only name files inside the folder)."""
    from .loader import discover
    from .site_cache import files_digest

    folder = Path(source).absolute()
    if not folder.is_dir():
        return None
    tables = sorted(
        Path(directory, name)
        for directory, _subdirs, names in os.walk(folder)
        for name in names
        if name.lower().endswith(".csv")
    )
    return files_digest([*discover(folder), *tables])


def _site_key(
    inputs: str,
    handbook: Handbook,
    settings: Settings,
    url: str,
    directory_urls: bool,
    pages: HandWritten,
    diags: list[Diagnostic],
    diagrams: DiagramMaker,
) -> str | None:
    from .site_cache import files_digest, site_key

    data = files_digest(handbook.data_files)  # the files metrics documents name, whatever their names
    if data is None:
        return None
    today, _problems = _build_date(settings)
    values = {
        "source": Path(handbook.source_dir).absolute(),
        "url": url,
        "framework": settings.framework,
        "lang": settings.lang,
        "builtin_guidance": settings.builtin_guidance,
        "lint": {**default_settings(), **(settings.lint or {})},  # what each rule is, defaults included
        "review_days": settings.review_days,
        "build_date": today,
        "directory_urls": directory_urls,
    }
    try:
        renderer = f"{diagrams.engine.name}: {diagrams.engine.version()}"
    except Exception:  # an engine that cannot say what it is: make the pages
        return None
    return site_key(files=inputs + data, settings=values, pages=pages, diagnostics=diags, lang=settings.lang, renderer=renderer)
