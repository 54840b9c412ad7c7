"""What a long-lived process keeps from one build to the next.

``mkdocs serve`` builds the site again after every save, and most of what a build works out
is what the last build worked out. A :class:`Memo` holds the results of pure steps, looked up
by their whole input, so a result is never stale:

- the documents and problems read from each YAML file, by the file's bytes (only a changed
  file is parsed again);
- the finished figure of each diagram, by its cache key (kind, renderer, source) and the
  words around the picture (the SVG is neither read from the cache folder nor post-processed
  again);
- every page, with the digests of what it was made from (:mod:`journeybook.pages.tracking`):
  a page is made again only when one of them changed;
- the bibliography, while the sources and the language are the same (it keeps the
  citations it formatted);
- the compiled theme templates MkDocs renders every page with (:attr:`Memo.templates`,
  looked up by the template's source).

It keeps only what the last build used. The plugin holds one for a ``mkdocs serve`` session; a
single build has none, as each result would be used once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import jinja2

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .diagrams import Drawing
    from .loader import Document
    from .pages import Page

T = TypeVar("T")
Loaded = tuple[list["Document"], list["Diagnostic"]]
Figure = tuple[str, tuple[str, ...]]  # the figure's HTML, the renderer's warnings


@dataclass(frozen=True)
class KeptPage:
    """A page of the last build and what it was made from."""

    path: str
    key: str  # digest of its arguments (see SiteBuilder.page)
    reads: tuple[tuple[tuple[str, ...], str], ...]  # what it read, and its digest then
    page: Page
    cited: tuple[str, ...]  # the sources it cited
    diagram_keys: frozenset[str]  # the diagram cache entries its figures are
    diagrams: int  # how many figures it has


class Memo:
    """What one ``mkdocs serve`` session keeps: call :meth:`start` before a build and
    :meth:`finish` after one that made its pages."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[bytes, Loaded]] = {}
        self._figures: dict[tuple[str, ...], Figure] = {}
        self._pages: dict[str, KeptPage] = {}
        self._settings: Any = None
        self._seen_files: set[Path] = set()
        self._seen_figures: set[tuple[str, ...]] = set()
        self._seen_pages: set[str] = set()
        self.pages_made = 0  # in the last build: pages made, and taken from the memo
        self.pages_kept = 0
        self.templates = TemplateCache()
        self._bibliography: tuple[Any, Any] | None = None

    def bibliography(self, key: Any, make: Callable[[], T]) -> T:
        """The bibliography of the last build when its sources and language (``key``) are the
        same (it keeps the citations it formatted), else ``make()``."""
        if self._bibliography is None or self._bibliography[0] != key:
            self._bibliography = (key, make())
        return cast(T, self._bibliography[1])

    def loaded(self, path: Path, raw: bytes, load: Callable[[], Loaded]) -> Loaded:
        """``load()``, the reading of the file at ``path`` whose bytes are ``raw``: done again
        only when the bytes differ from the last time."""
        self._seen_files.add(path)
        found = self._files.get(path)
        if found is None or found[0] != raw:
            found = (raw, load())
            self._files[path] = found
        documents, problems = found[1]
        return list(documents), list(problems)

    def figure(self, key: str, drawing: Drawing) -> Figure | None:
        """The finished figure of ``drawing`` (whose cache key is ``key``), if one was kept."""
        name = _figure_name(key, drawing)
        self._seen_figures.add(name)
        return self._figures.get(name)

    def keep_figure(self, key: str, drawing: Drawing, html: str, warned: list[str]) -> None:
        name = _figure_name(key, drawing)
        self._seen_figures.add(name)
        self._figures[name] = (html, tuple(warned))

    def settings(self, settings: Any) -> None:
        """The settings pages are made with: pages kept under other settings are dropped."""
        if settings != self._settings:
            self._pages = {}
            self._settings = settings

    def page(self, path: str) -> KeptPage | None:
        """The page kept under ``path``, if any (whether it can be used is the caller's question)."""
        self._seen_pages.add(path)
        return self._pages.get(path)

    def keep_page(self, kept: KeptPage) -> None:
        self._seen_pages.add(kept.path)
        self._pages[kept.path] = kept

    def made_page(self, reused: bool) -> None:
        if reused:
            self.pages_kept += 1
        else:
            self.pages_made += 1

    def start(self) -> None:
        """A build begins: what it does not use is let go at :meth:`finish`."""
        self._seen_files = set()
        self._seen_figures = set()
        self._seen_pages = set()
        self.pages_made = self.pages_kept = 0

    def finish(self) -> None:
        """A build that made its pages ended: keep only what it used."""
        self._files = {path: entry for path, entry in self._files.items() if path in self._seen_files}
        self._figures = {name: entry for name, entry in self._figures.items() if name in self._seen_figures}
        self._pages = {path: entry for path, entry in self._pages.items() if path in self._seen_pages}

    @property
    def pages_seen(self) -> bool:
        """Whether a build made its pages with this memo (and keeps them)."""
        return bool(self._pages)

    def __len__(self) -> int:
        return len(self._files) + len(self._figures) + len(self._pages)


def _figure_name(key: str, drawing: Drawing) -> tuple[str, ...]:
    return (key, drawing.title, drawing.description, drawing.caption, drawing.id_prefix, drawing.css_class, drawing.alternative)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory, by name and source checksum (Jinja checks it): a
    theme's templates are compiled once per process, not once per build."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
