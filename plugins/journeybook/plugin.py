"""The MkDocs adapter: configuration, generated files, navigation, watching and logging.

All real work happens in the core (:func:`journeybook.pipeline.generate`); this module
only translates between it and MkDocs. The options are in :mod:`journeybook.config`.

- ``mkdocs build``: any error in the handbook stops the build with a ``PluginError``
  listing every problem as ``path:line:column: message``.
- ``mkdocs serve``: problems are logged, and every playbook page the last good build had
  shows them (:mod:`journeybook.error_page`), so a page the author has open stays there and
  reloads itself; the server keeps running and recovers when the files are fixed.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage

from .config import JourneybookConfig, option_location
from .diagnostics import Diagnostic, Msg, display_path, has_errors
from .diagram_cache import DiagramCache, DiagramMaker
from .diagrams import DiagramError, Engine, engine_for
from .dirty import DirtyBuilds
from .error_page import error_page
from .i18n import label, site_language
from .memo import Memo
from .pages import MARKDOWN_EXTENSIONS, NavEntry, Page, Urls, finished, nav_title
from .pages.views import expand, show_problems
from .pipeline import generate
from .site_cache import SiteCache
from .site_files import assets
from .views import PageViews

log = logging.getLogger("mkdocs.plugins.journeybook")

M_HANDBOOK = Msg(
    "journeybook: the handbook in {folder}/ has problems:\n{problems}",
    "journeybook: het handboek in {folder}/ heeft problemen:\n{problems}",
)
M_ERROR_PAGE = Msg(
    "journeybook: the playbook shows an error page until these are fixed",
    "journeybook: het playbook toont een foutpagina tot deze zijn opgelost",
)
M_COUNT = Msg("journeybook: {count} problem(s) in {folder}", "journeybook: {count} probleem/problemen in {folder}")
M_IN_THE_WAY = Msg(
    "journeybook: {path} already exists and would be replaced by a generated page; "
    "remove it or choose another 'url' for the plugin (now {url!r})",
    "journeybook: {path} bestaat al en zou worden vervangen door een gegenereerde pagina; "
    "verwijder het of kies een andere 'url' voor de plugin (nu {url!r})",
)
M_NO_CACHE = Msg("journeybook: diagram cache not used: {reason}", "journeybook: diagramcache niet gebruikt: {reason}")
M_DIRTY = Msg(
    "journeybook: {rendered} of {total} pages rendered again (mkdocs serve --dirty)",
    "journeybook: {rendered} van {total} pagina's opnieuw opgebouwd (mkdocs serve --dirty)",
)
M_NO_SITE_CACHE = Msg("journeybook: page cache not used: {reason}", "journeybook: paginacache niet gebruikt: {reason}")


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.source_dir: Path | None = None
        self.project_dir: Path = Path.cwd()
        self.config_file: str | None = None
        self.lang = "en"
        self.urls = Urls("playbook")
        self.nav_tree: NavEntry | None = None
        self.engine: Engine | None = None
        self.renderer: DiagramMaker | None = None
        self.site_cache: SiteCache | None = None
        self.good_pages: list[str] = []  # page paths of the last build without errors in this serve session
        # journeybook blocks in hand-written pages: their views, or (in serve, with errors) their problems
        self.views: dict[str, tuple[PageViews, list[str | None]]] = {}
        self.view_problems: dict[str, list[str]] = {}
        # finished HTML blocks (diagram figures) of generated pages, by docs path: see pages.finished
        self.blocks: dict[str, list[str]] = {}
        self.dirty: DirtyBuilds | None = None  # under `mkdocs serve --dirty`: see journeybook.dirty
        self.memo: Memo | None = None  # under `mkdocs serve`: what one build read, for the next

    # -- configuration ----------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Once per ``mkdocs`` command; under ``mkdocs serve`` the plugin then lives through every rebuild."""
        self.is_serve = command == "serve"
        self.good_pages = []
        self.dirty = DirtyBuilds() if self.is_serve and dirty else None
        self.memo = Memo() if self.is_serve else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.config_file = config.config_file_path or None
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.source_dir = Path(self.config.source).resolve()
        self.lang = site_language(self.config.language, config.theme.get("language") if config.theme else None)
        self.urls = Urls(self.config.url)
        try:
            self.engine = engine_for(self.config.diagrams.engine)
        except DiagramError as exc:
            raise PluginError(f"journeybook: {exc}") from None
        _add_markdown_extensions(config)
        scripts = [str(script) for script in config.extra_javascript]
        for asset in assets():
            if asset.is_stylesheet and asset.url not in config.extra_css:
                config.extra_css.append(asset.url)
            elif asset.is_script and asset.url not in scripts:
                config.extra_javascript.append(asset.url)
        return config

    # -- files --------------------------------------------------------------------------------
    # Early (50): other plugins' on_files (Material's blog, tags, i18n or nav plugins) then see
    # the generated pages like any page of docs/.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.source_dir is None:
            return files
        cache_dir = Path(self.config.diagrams.cache_dir) if self.config.diagrams.cache else None
        if self.memo is not None:
            self.memo.start()
        self.renderer = DiagramMaker(self.engine, DiagramCache(cache_dir), self.memo)
        self.site_cache = SiteCache(cache_dir)
        result = generate(
            self.source_dir,
            diagrams=self.renderer,
            url=self.config.url,
            framework=self.config.framework,
            lang=self.lang,
            builtin_guidance=self.config.builtin_guidance,
            lint_settings=self.config.lint,
            review_days=self.config.review_days,
            directory_urls=config.use_directory_urls,
            pages=_hand_written(files),
            # under mkdocs serve the page cache is read and written by the first build only: after
            # that, the memo keeps the pages, and writing them all after each save would cost more
            site_cache=self.site_cache if self.memo is None or not self.memo.pages_seen else None,
            memo=self.memo,
        )
        self.views = result.views
        diagnostics = self._placed(result.diagnostics)
        self.view_problems = {}
        for d in diagnostics:
            if d.severity == "error" and d.location is not None and d.location.path.suffix.lower() == ".md":
                self.view_problems.setdefault(d.location.path.as_posix(), []).append(d.format(self.project_dir, self.lang))
        self._log_diagnostics(diagnostics)
        if result.site is None:
            self.renderer = None  # nothing to count or prune for an unfinished site
            problems = self._format(diagnostics)
            if not self.is_serve:
                folder = display_path(self.source_dir, self.project_dir)
                raise PluginError(M_HANDBOOK.format(self.lang, folder=folder, problems=problems))
            log.error(M_ERROR_PAGE.format(self.lang))
            pages = [error_page(path, self.lang, problems) for path in self._open_pages()]
            self.nav_tree = NavEntry(label("playbook", self.lang), self.urls.overview())
        else:
            pages = result.site.pages
            self.nav_tree = result.site.nav
            self.good_pages = [page.path for page in pages]
        self.blocks = {}
        for page in pages:
            self._add(files, config, page)
        for asset in assets():
            files.append(File.generated(config, asset.url, content=asset.path.read_bytes()))
        if self.dirty is not None:
            self.dirty.files(files, config, self._inputs(files, pages), generated={page.path for page in pages})
        return files

    def _inputs(self, files: Files, pages: list[Page]) -> dict[str, str]:
        """What decides each page besides its file (for ``--dirty``): a generated page's
        Markdown, the Markdown or problems of a hand-written page's views."""
        inputs = {page.path: page.content for page in pages}
        for path, (_views, markdown) in self.views.items():
            inputs[path] = repr(markdown)
        for file in files.documentation_pages():
            problems = self.view_problems.get(Path(file.abs_src_path or "").as_posix())
            if problems:
                inputs[file.src_uri] = repr(problems)
        return inputs

    # -- views in hand-written pages ----------------------------------------------------------
    # Early (90): the blocks are replaced before other plugins (macros, snippets) see the page,
    # so they never act on the inert HTML of a view, and the page text is the one that was read.
    @event_priority(90)
    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        found = self.views.get(page.file.src_uri)
        if found is not None:
            return expand(markdown, *found)
        problems = self.view_problems.get(Path(page.file.abs_src_path or "").as_posix())
        if problems and "journeybook" in markdown:
            return show_problems(markdown, problems, self.lang)
        return markdown

    # First (100): the figures are back before any other plugin sees the page's HTML.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        blocks = self.blocks.pop(page.file.src_uri, None)  # once per build: held no longer than needed
        if not blocks:
            return html
        if page.present_anchor_ids is not None:  # for MkDocs' check of links to anchors
            page.present_anchor_ids |= finished.anchor_ids(blocks)
        return finished.join(html, blocks)

    def _open_pages(self) -> list[str]:
        """Where the error page goes: the overview and every page of the last good build (one of
        them may be open in the author's browser), as far as they are under the current ``url``
        (after a change of ``url`` the old pages are gone, and docs/ may now use their place)."""
        below = [path for path in self.good_pages if path.startswith(f"{self.urls.prefix}/")]
        return list(dict.fromkeys([self.urls.overview(), *below]))

    def _add(self, files: Files, config: MkDocsConfig, page: Page) -> None:
        existing = files.get_file_from_path(page.path)
        if existing is not None and existing.generated_by is None:
            where = display_path(Path(config.docs_dir) / page.path, self.project_dir)
            raise PluginError(M_IN_THE_WAY.format(self.lang, path=where, url=self.config.url))
        content, blocks = finished.split(page.content)
        if blocks:
            self.blocks[page.path] = blocks
        file = File.generated(config, page.path, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        if page.source is not None:
            file.edit_uri = Path(os.path.relpath(page.source, config.docs_dir)).as_posix()
        files.append(file)

    # -- mkdocs serve --dirty (see journeybook.dirty) -----------------------------------------
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.memo is not None and getattr(env, "bytecode_cache", None) is None:
            env.bytecode_cache = self.memo.templates  # the theme's templates compiled once per serve session
        if self.dirty is not None:
            from mkdocs.commands.build import _populate_page

            self.dirty.settle(files, config, _populate_page)
        return env

    def on_page_context(self, context: Any, *, page: MkPage, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.dirty is not None:
            self.dirty.rendering(page)
            log.debug("journeybook: rendering %s", page.file.src_uri)
        return context

    # Before (10) Material's search plugin writes its index.
    @event_priority(10)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Complete the search index of a dirty build; prune diagrams this build did not use
        and say, once, what was drawn."""
        if self.dirty is not None:
            self.dirty.search_index(config.plugins.values())
            log.info(M_DIRTY.format(self.lang, rendered=len(self.dirty.rendered), total=len(self.dirty.order)))
        if self.renderer is None:
            return
        if self.renderer.cache.problem:
            log.warning(M_NO_CACHE.format(self.lang, reason=self.renderer.cache.problem))
        if self.site_cache is not None and self.site_cache.problem:
            log.warning(M_NO_SITE_CACHE.format(self.lang, reason=self.site_cache.problem))
        self.renderer.finish()
        if self.memo is not None:
            self.memo.finish()
        log.info(self.renderer.summary())
        self.renderer = None

    # -- navigation --------------------------------------------------------------------------
    # Early (50): plugins that rework the navigation afterwards (section indexes, Material's
    # blog, awesome-nav) see the playbook section in place, like a section of the user's own.
    @event_priority(50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Put the playbook section where the user placed ``playbook/index.md`` in ``nav``, else last."""
        if not self.config.enabled or self.nav_tree is None:
            return nav
        slot = _find_page(nav.items, self.urls.overview())
        user_title = slot[0][slot[1]].title if slot else None
        section = _to_section(self.nav_tree, files)
        if section is None:
            return nav
        if user_title and isinstance(section, Section):
            section.title = user_title
        if slot:
            slot[0][slot[1]] = section
        else:
            nav.items.append(section)
        _relink(nav)
        return nav

    # -- serve -------------------------------------------------------------------------------
    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.source_dir is not None and self.source_dir.is_dir():
            server.watch(str(self.source_dir))
        return server

    # -- output ------------------------------------------------------------------------------
    def _placed(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The core reports an unknown ``framework`` option without a place; it is written in mkdocs.yml."""
        return [
            replace(d, location=option_location(self.config_file, "framework"))
            if d.location is None and d.code == "unknown-framework"
            else d
            for d in diagnostics
        ]

    def _format(self, diagnostics: list[Diagnostic]) -> str:
        return "\n".join(d.format(self.project_dir, self.lang) for d in diagnostics if d.severity == "error")

    def _log_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            if d.severity == "error":
                if self.is_serve:  # in a build, the PluginError lists them
                    log.error(d.format(self.project_dir, self.lang))
            elif d.severity == "warning" and self.config.strict:
                log.warning(d.format(self.project_dir, self.lang))
            else:  # visible, but not failing `mkdocs build --strict` unless configured
                log.info(d.format(self.project_dir, self.lang, with_severity=True))
        if self.is_serve and has_errors(diagnostics):
            folder = display_path(self.source_dir or Path("."), self.project_dir)
            log.error(M_COUNT.format(self.lang, count=len(diagnostics), folder=folder))


def _hand_written(files: Files) -> list[tuple[str, Path, str]]:
    """The site's own Markdown pages that may hold journeybook blocks: (docs path, file, text)."""
    pages = []
    for file in files.documentation_pages():
        if file.generated_by is not None or file.abs_src_path is None:
            continue
        try:
            text = file.content_string
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports an unreadable page itself
        if "journeybook" in text:
            pages.append((file.src_uri, Path(file.abs_src_path), text))
    return pages


def _add_markdown_extensions(config: MkDocsConfig) -> None:
    """Enable the Markdown extensions generated pages need, keeping the user's own settings."""
    present = {_extension_name(e) for e in config.markdown_extensions}
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in present:
            config.markdown_extensions.append(name)
            if options:
                config.mdx_configs.setdefault(name, dict(options))


def _extension_name(ext: Any) -> str:
    name = ext if isinstance(ext, str) else type(ext).__module__
    return name.removeprefix("markdown.extensions.")


def _to_section(entry: NavEntry, files: Files) -> Section | None:
    """Our nav tree as MkDocs objects; a section with a page gets it as its first child."""
    children: list[Any] = []
    if entry.path is not None:
        page = _page(files, entry.path)
        if page is None:
            return None
        page.title = nav_title(entry.title)  # the short nav title ("Overview", a phase name)
        if not entry.children:
            return page  # type: ignore[return-value]
        children.append(page)
    for child in entry.children:
        item = _to_section(child, files)
        if item is not None and item not in children:
            children.append(item)
    return Section(nav_title(entry.title), children)


def _page(files: Files, path: str) -> MkPage | None:
    file = files.get_file_from_path(path)
    return file.page if file is not None else None


def _find_page(items: list, path: str) -> tuple[list, int] | None:
    """(list, index) of the nav entry pointing at ``path``, searching sections too."""
    for i, item in enumerate(items):
        if isinstance(item, MkPage) and item.file.src_uri == path:
            return items, i
        if isinstance(item, Section):
            found = _find_page(item.children, path)
            if found:
                return found
    return None


def _relink(nav: Navigation) -> None:
    """Recompute page order, previous/next and parents after changing ``nav.items``."""
    from mkdocs.structure.nav import _add_parent_links, _add_previous_and_next_links, _get_by_type

    nav.pages = _get_by_type(nav.items, MkPage)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
