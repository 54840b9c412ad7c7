"""What a long-lived process keeps from one build to the next.

``mkdocs serve`` builds the site again after every save, and most of what a build works out
is what the last build worked out. A :class:`Memo` holds the results of pure steps, looked up
by their whole input, so a result is never stale:

- the documents and problems read from each YAML file, by the file's bytes (only a changed
  file is parsed again);
- the finished figure of each diagram, by its cache key (kind, renderer, source) and the
  words around the picture (the SVG is neither read from the cache folder nor post-processed
  again).

It keeps only what the last build used. The plugin holds one for a ``mkdocs serve`` session; a
single build has none, as each result would be used once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .diagrams import Drawing
    from .loader import Document

Loaded = tuple[list["Document"], list["Diagnostic"]]
Figure = tuple[str, tuple[str, ...]]  # the figure's HTML, the renderer's warnings


class Memo:
    def __init__(self) -> None:
        self._files: dict[Path, tuple[bytes, Loaded]] = {}
        self._figures: dict[tuple[str, ...], Figure] = {}
        self._seen_files: set[Path] = set()
        self._seen_figures: set[tuple[str, ...]] = set()

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

    def start(self) -> None:
        """A build begins: what it does not use is let go at :meth:`finish`."""
        self._seen_files = set()
        self._seen_figures = set()

    def finish(self) -> None:
        """A build that made its pages ended: keep only what it used."""
        self._files = {path: entry for path, entry in self._files.items() if path in self._seen_files}
        self._figures = {name: entry for name, entry in self._figures.items() if name in self._seen_figures}

    def __len__(self) -> int:
        return len(self._files) + len(self._figures)


def _figure_name(key: str, drawing: Drawing) -> tuple[str, ...]:
    return (key, drawing.title, drawing.description, drawing.caption, drawing.id_prefix, drawing.css_class, drawing.alternative)
