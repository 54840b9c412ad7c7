"""The MkDocs adapter: configuration, generated files, navigation, watching and logging.

All real work happens in the core (:func:`journeybook.pipeline.generate`); this module
only translates between it and MkDocs.

- ``mkdocs build``: any error in the handbook stops the build with a ``PluginError``
  listing every problem as ``path:line:column: message``.
- ``mkdocs serve``: problems are logged and shown on an error page in place of the
  playbook; the server keeps running and recovers when the files are fixed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage

from .diagnostics import Diagnostic, Location, display_path, has_errors
from .handbook import DEFAULT_FRAMEWORK
from .i18n import SUPPORTED, label, normalize_language
from .pages import MARKDOWN_EXTENSIONS, NavEntry, Page, Urls, error_page
from .diagram_cache import DiagramCache, DiagramRenderer
from .diagrams import ENGINES, DiagramError, Engine, engine_for
from .lint import parse_settings
from .pipeline import generate

log = logging.getLogger("mkdocs.plugins.journeybook")
ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/journeybook"  # where the package's stylesheets (and fonts) land in the site


def asset_names() -> list[str]:
    """The files journeybook ships for the site (stylesheets, fonts), in a stable order."""
    return sorted(p.name for p in ASSETS.iterdir() if p.is_file() and not p.name.startswith("."))


class DiagramsConfig(Config):
    """``diagrams:`` — how the pictures are made."""

    engine = c.Choice(ENGINES, default="pygraphviz")
    """``pygraphviz``: the Graphviz bundled with journeybook (same output everywhere); ``dot``: the system's."""
    cache = c.Type(bool, default=True)
    """Keep rendered diagrams between builds, so unchanged ones are not drawn again."""
    cache_dir = c.Type(str, default=".cache/journeybook")
    """Where, relative to ``mkdocs.yml``; safe to delete."""


class JourneybookConfig(Config):
    """The options of ``plugins: - journeybook:`` in ``mkdocs.yml`` (all optional)."""

    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the playbook (e.g. for a quick draft)."""
    source = c.Type(str, default="journeys")
    """Folder with the YAML files, relative to ``mkdocs.yml``."""
    url = c.Type(str, default="playbook")
    """Where the generated section lives in the site (``/playbook/...``)."""
    framework = c.Type(str, default=DEFAULT_FRAMEWORK)
    """Phase model for journeys that do not name one."""
    language = c.Optional(c.Choice(SUPPORTED))
    """Language of the generated pages; default: ``theme.language``, else English."""
    builtin_guidance = c.Type(bool, default=True)
    """Show the built-in summaries, checklists and guidance of the phase models."""
    strict = c.Type(bool, default=False)
    """Log journeybook's warnings as MkDocs warnings, so that ``mkdocs build --strict`` fails on them."""
    diagrams = c.SubConfig(DiagramsConfig)
    """How the diagrams are rendered and cached (see :class:`DiagramsConfig`)."""
    lint = c.Type((dict, bool), default={})
    """Lint rules to switch off or change: ``{rule-id: off|info|warning|error}``; ``false`` = all off."""


class JourneybookPlugin(BasePlugin[JourneybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.source_dir: Optional[Path] = None
        self.project_dir: Path = Path.cwd()
        self.lang = "en"
        self.urls = Urls("playbook")
        self.nav_tree: Optional[NavEntry] = None
        self.lint_settings: dict = {}
        self.engine: Optional[Engine] = None
        self.renderer: Optional[DiagramRenderer] = None

    # -- configuration ----------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.source_dir = (self.project_dir / self.config.source).resolve()
        theme_lang = config.theme.get("language") if config.theme else None
        self.lang = self.config.language or normalize_language(theme_lang)
        self.urls = Urls(self.config.url)
        self.lint_settings, problems = parse_settings(self.config.lint, Location(Path(config.config_file_path or "mkdocs.yml")))
        if problems:
            message = "\n".join(d.format(self.project_dir, self.lang) for d in problems)
            raise PluginError(f"journeybook: the 'lint' option has problems:\n{message}")
        try:
            self.engine = engine_for(self.config.diagrams.engine)
        except DiagramError as exc:
            raise PluginError(f"journeybook: {exc}") from None
        _add_markdown_extensions(config)
        for name in asset_names():
            if name.endswith(".css") and f"{ASSET_DIR}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSET_DIR}/{name}")
        return config

    # -- files --------------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.source_dir is None:
            return files
        cache_dir = self.project_dir / self.config.diagrams.cache_dir if self.config.diagrams.cache else None
        self.renderer = DiagramRenderer(self.engine, DiagramCache(cache_dir))
        result = generate(
            self.source_dir,
            diagrams=self.renderer,
            url=self.config.url,
            framework=self.config.framework,
            lang=self.lang,
            builtin_guidance=self.config.builtin_guidance,
            lint_settings=self.lint_settings,
        )
        self._log_diagnostics(result.diagnostics)
        if result.site is None:
            self.renderer = None  # nothing to count or prune for an unfinished site
            problems = self._format(result.diagnostics)
            if not self.is_serve:
                raise PluginError(f"journeybook: the handbook in {self.config.source}/ has problems:\n{problems}")
            log.error("journeybook: the playbook shows an error page until these are fixed")
            pages = [error_page(self.urls, self.lang, problems)]
            self.nav_tree = NavEntry(label("playbook", self.lang), pages[0].path)
        else:
            pages = result.site.pages
            self.nav_tree = result.site.nav
        for page in pages:
            self._add(files, config, page)
        for name in asset_names():
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=(ASSETS / name).read_bytes()))
        return files

    def _add(self, files: Files, config: MkDocsConfig, page: Page) -> None:
        existing = files.get_file_from_path(page.path)
        if existing is not None and existing.generated_by is None:
            raise PluginError(
                f"journeybook: docs/{page.path} already exists and would be replaced by a generated page; "
                f"remove it or choose another 'url' for the plugin (now {self.config.url!r})"
            )
        file = File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
        if page.source is not None:
            file.edit_uri = Path(os.path.relpath(page.source, config.docs_dir)).as_posix()
        files.append(file)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Prune diagrams this build did not use and say, once, what was drawn."""
        if self.renderer is None:
            return
        if self.renderer.cache.problem:
            log.warning("journeybook: diagram cache not used: %s", self.renderer.cache.problem)
        self.renderer.finish()
        log.info(self.renderer.summary())
        self.renderer = None

    # -- navigation --------------------------------------------------------------------------
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
            log.error("journeybook: %d problem(s) in %s", len(diagnostics), display_path(self.source_dir or Path(".")))


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


def _to_section(entry: NavEntry, files: Files) -> Optional[Section]:
    """Our nav tree as MkDocs objects; a section with a page gets it as its first child."""
    children: list[Any] = []
    if entry.path is not None:
        page = _page(files, entry.path)
        if page is None:
            return None
        page.title = entry.title  # the short nav title ("Overview", a phase name)
        if not entry.children:
            return page  # type: ignore[return-value]
        children.append(page)
    for child in entry.children:
        item = _to_section(child, files)
        if item is not None and item not in children:
            children.append(item)
    return Section(entry.title, children)


def _page(files: Files, path: str) -> Optional[MkPage]:
    file = files.get_file_from_path(path)
    return file.page if file is not None else None


def _find_page(items: list, path: str) -> Optional[tuple[list, int]]:
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
