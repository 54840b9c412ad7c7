"""``mkdocs serve --dirty`` with a journeybook site: only what changed is rendered again, and
the site served is the one a full build makes.

Under ``--dirty``, MkDocs 1.6 skips every page whose file is not "modified"
(:meth:`mkdocs.structure.files.File.is_modified`: its source is newer than the page it
built). On its own that goes wrong four ways for a journeybook site; :class:`DirtyBuilds`
(used by the plugin only under ``mkdocs serve --dirty``) mends each:

- **Every playbook page is rendered again**: MkDocs counts a generated file as always
  modified. Here a generated page counts as modified only when its Markdown differs from the
  last build's, or its HTML is missing; a hand-written page with journeybook views also when
  the Markdown of its views changed (else MkDocs' own rule holds).
- **Stale navigation**: a page that is not rendered again keeps the navigation it was
  rendered with, and MkDocs knows no title for a page it did not read (the navigation of the
  pages it renders would show none). Here the unread pages keep the titles of the last build,
  and when the navigation differs from the last build's (a title, a page added, removed or
  moved) every page is read and rendered again, as in a full build.
- **A doubled search index**: Material's search plugin keeps the previous build's entries and
  drops only those of the first page rendered again. Here the entries of every page rendered
  again or gone are dropped first, and the index is put in the order a full build writes it.
- **Pages that are gone stay**: the HTML of a page no longer in the site (a journey removed)
  is deleted from the site folder.

A change of ``mkdocs.yml`` or of the theme's ``custom_dir`` renders every page again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

Populate = Callable[[Page, MkDocsConfig, Files], None]


class DirtyBuilds:
    """What one ``mkdocs serve --dirty`` session remembers from build to build."""

    def __init__(self) -> None:
        self.inputs: dict[str, str] = {}  # docs path → what decides the page (see files())
        self.titles: dict[str, str | None] = {}  # docs path → the page's title in the last build
        self.dests: dict[str, str] = {}  # docs path → the HTML file the last build wrote for it
        self.nav: str | None = None  # the last build's navigation (see _navigation)
        self.settings: str | None = None  # mkdocs.yml and the theme's custom_dir, last build
        self.rendered: set[str] = set()  # URLs of the pages rendered in this build
        self.order: dict[str, int] = {}  # URL → place of the page in this build

    # -- before MkDocs reads the pages: which ones changed -------------------------------------
    def files(self, files: Files, config: MkDocsConfig, inputs: Mapping[str, str], generated: set[str]) -> None:
        """Decide, for every page, whether MkDocs renders it again.

        ``inputs`` holds, by docs path, what decides a page besides its file: the Markdown of a
        generated page, the Markdown (or the problems) of a hand-written page's views.
        ``generated`` are the docs paths of journeybook's own pages.
        """
        settings = _settings_digest(config)
        everything = settings != self.settings
        self.settings = settings
        texts: dict[str, str] = {}
        dests: dict[str, str] = {}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            text = inputs.get(file.src_uri)
            if text is not None:
                texts[file.src_uri] = text  # kept whole: a page taken from the memo is the same string, compared at once
            dests[file.src_uri] = file.abs_dest_path
            if everything or texts.get(file.src_uri) != self.inputs.get(file.src_uri):
                _modified(file, True)
            elif file.src_uri in generated:
                _modified(file, not os.path.isfile(file.abs_dest_path))
            # else MkDocs' own rule: the file is newer than its HTML
        written = set(dests.values())
        for path, dest in self.dests.items():
            if path not in dests and dest not in written:
                _remove(dest, config.site_dir)
        self.inputs = texts
        self.dests = dests

    # -- after MkDocs read the changed pages: the navigation ------------------------------------
    def settle(self, files: Files, config: MkDocsConfig, populate: Populate) -> None:
        """Give unread pages their last titles; when the navigation changed, read them all."""
        self.rendered = set()
        pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if file.page is not None]
        unread = [page for page in pages if page.markdown is None]
        lent = set()
        for page in unread:  # a generated page has its title from the navigation already
            if page.title is None and self.titles.get(page.file.src_uri) is not None:
                page.title = self.titles[page.file.src_uri]  # MkDocs lets a title be set
                lent.add(page.file.src_uri)
        navigation = _navigation(pages)
        if self.nav is not None and navigation != self.nav:
            for page in unread:
                if page.file.src_uri in lent:
                    vars(page).pop("title", None)  # MkDocs works it out again from the page
                _modified(page.file, True)
                populate(page, config, files)
            navigation = _navigation(pages)
        self.nav = navigation
        self.titles = {page.file.src_uri: page.title for page in pages}
        self.order = {page.url: n for n, page in enumerate(pages)}

    def rendering(self, page: Page) -> None:
        """Note that ``page`` is rendered in this build (for the search index)."""
        self.rendered.add(page.url)

    # -- after the build: Material's search index -----------------------------------------------
    def search_index(self, plugins: Iterable[Any]) -> None:
        """Put the entries of the pages not rendered again into Material's search index, in the
        order of a full build, before Material writes it (other search plugins are left alone)."""
        for plugin in plugins:
            previous = getattr(plugin, "search_index_prev", None)
            current = getattr(plugin, "search_index", None)
            if previous is None or current is None:
                continue
            old, new = getattr(previous, "entries", None), getattr(current, "entries", None)
            if not isinstance(old, list) or not isinstance(new, list):
                continue
            kept = [e for e in old if _page_of(e) in self.order and _page_of(e) not in self.rendered]
            end = len(self.order)
            current.entries = sorted(kept + new, key=lambda e: self.order.get(_page_of(e), end))  # stable: a page's own order stays
            plugin.search_index_prev = None  # Material would merge it again


def _page_of(entry: Any) -> str:
    location = entry.get("location", "") if isinstance(entry, dict) else ""
    return str(location).split("#", 1)[0]


def _modified(file: File, value: bool) -> None:
    """Make MkDocs see ``file`` as modified (rendered again) or not, in this build."""
    file.is_modified = (lambda: value)  # type: ignore[method-assign]


def _navigation(pages: list[Page]) -> str:
    """A digest of everything the navigation shows: every page's place, title, sections, neighbours."""
    digest = hashlib.sha256()
    for page in pages:
        sections = []
        parent = page.parent
        while parent is not None:
            sections.append(str(parent.title))
            parent = parent.parent
        neighbours = [p.url if p is not None else None for p in (page.previous_page, page.next_page)]
        digest.update(repr((page.url, page.title, page.is_homepage, sections, neighbours)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _settings_digest(config: MkDocsConfig) -> str:
    """A digest of mkdocs.yml and the theme's custom_dir (names, sizes and times of its files)."""
    digest = hashlib.sha256()
    if config.config_file_path:
        try:
            digest.update(Path(config.config_file_path).read_bytes())
        except OSError:
            digest.update(b"unreadable")
    custom = config.theme.custom_dir if config.theme else None
    if custom and os.path.isdir(custom):
        for directory, _subdirs, names in sorted(os.walk(custom)):
            for name in sorted(names):
                try:
                    stat = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                digest.update(repr((directory, name, stat.st_size, stat.st_mtime_ns)).encode())
    return digest.hexdigest()


def _remove(dest: str, site_dir: str) -> None:
    """Delete the HTML of a page that is gone, and the folders it leaves empty (inside the site only)."""
    site = os.path.realpath(site_dir)
    path = os.path.realpath(dest)
    if not path.startswith(site + os.sep) or not os.path.isfile(path):
        return
    try:
        os.remove(path)
        folder = os.path.dirname(path)
        while folder != site and folder.startswith(site + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    except OSError:
        pass
