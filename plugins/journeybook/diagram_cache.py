"""Making every diagram of a build, fast: a content-hash cache and the counter the plugin logs.

:class:`DiagramMaker` is the object pages call for each diagram (``journey_map``,
``emotion_curve``, ``persona_map``, ``overview_map``, ``touchpoint_heatmap``). For each it
plans the drawing, looks its SVG up in the :class:`DiagramCache`, renders only on a miss,
and wraps the SVG into the figure. It counts what it did: :meth:`DiagramMaker.summary`
is the line ``journeybook: diagrams: N total, R rendered, C from cache``.

The cache (``.cache/journeybook/`` next to ``mkdocs.yml`` by default) holds one file per
rendered SVG, named by the sha256 of everything the SVG depends on: the diagram kind, the
renderer and its versions (Graphviz, the shipped font's hash, the builder's code), the DOT
or JSON drawn from, and journeybook's version. A file starts with a header holding the
checksum of its body: a corrupt or truncated file is detected, deleted and rendered anew,
never shown. Files are written atomically (temporary file + rename). After a build,
:meth:`DiagramMaker.finish` prunes the entries that build did not use, so the folder
never grows without bound. The cache only ever touches files in its own folder that match
its own names; deleting the folder is always safe. A cache that cannot be written (a
read-only folder) is switched off for the build and says why in :attr:`DiagramCache.problem`.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from . import __version__
from .cache_folder import CacheFolder, feed
from .diagrams import (
    DiagramError,
    DiagramWarning,
    Drawing,
    Engine,
    default_engine,
    plan,
)

if TYPE_CHECKING:
    from .handbook import Handbook
    from .memo import Memo

MAGIC = "journeybook-diagram-cache 1"
_ENTRY = re.compile(r"[0-9a-f]{64}\.svg")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.svg\.[A-Za-z0-9_]+\.tmp")
CACHEDIR_TAG = "CACHEDIR.TAG"
_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by journeybook (diagram SVGs).\n"
    "# It is safe to delete this folder; see https://bford.info/cachedir/\n"
)


def cache_key(drawing: Drawing, engine: Engine) -> str:
    """sha256 of everything the SVG of ``drawing`` depends on (hex)."""
    digest = hashlib.sha256()
    feed(digest, MAGIC, f"journeybook {__version__}", drawing.kind, drawing.renderer_id(engine), drawing.source)
    return digest.hexdigest()


class DiagramCache(CacheFolder):
    """SVGs by key in one folder (None: no cache; every lookup misses and nothing is written)."""

    suffix = ".svg"
    what = "diagram cache"

    def get(self, key: str) -> tuple[str, list[str]] | None:
        """(SVG, Graphviz warnings it was rendered with), or None on a miss or a bad entry (then deleted)."""
        return self._load(key, _decode)

    def put(self, key: str, svg: str, warned: list[str] | None = None) -> None:
        body = svg.encode("utf-8")
        header = {"length": len(body), "sha256": hashlib.sha256(body).hexdigest(), "warnings": warned or []}
        data = f"{MAGIC}\n{json.dumps(header, sort_keys=True)}\n".encode() + body
        self._write(key, data, "; rendering without it")

    def _prepare(self) -> None:
        self._tag()

    def _tag(self) -> None:
        assert self.directory is not None
        tag = self.directory / CACHEDIR_TAG
        if not tag.exists():
            tag.write_text(_TAG_TEXT, encoding="utf-8")

    def keys(self) -> set[str]:
        """The keys of the entries in the folder."""
        if self.directory is None or not self.directory.is_dir():
            return set()
        return {p.name[:-4] for p in self.directory.iterdir() if _ENTRY.fullmatch(p.name) and p.is_file()}

    def prune(self, keep: set[str]) -> int:
        """Delete the entries not in ``keep`` (and leftover temporary files); returns how many.

        Only files whose names the cache itself makes are ever deleted; anything else in the
        folder is left alone.
        """
        if self.directory is None or not self.directory.is_dir():
            return 0
        removed = 0
        for path in sorted(self.directory.iterdir()):
            name = path.name
            stale = (_ENTRY.fullmatch(name) and name[:-4] not in keep) or _TEMPORARY.fullmatch(name)
            if stale and path.is_file() and not path.is_symlink():
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


def _decode(data: bytes) -> tuple[str, list[str]] | None:
    """An entry's SVG and warnings if its header and checksum hold, else None."""
    try:
        magic, header_line, body = data.split(b"\n", 2)
        if magic.decode("utf-8") != MAGIC:
            return None
        header = json.loads(header_line)
        if len(body) != header["length"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            return None
        svg = body.decode("utf-8")
        warned = [str(w) for w in header.get("warnings", [])]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if not svg.lstrip().startswith(("<svg", "<?xml")):
        return None
    return svg, warned


class DiagramMaker:
    """Makes every diagram of one build (through the cache) and counts them.

    Create one per build; call :meth:`finish` after a build that rendered its pages (it
    prunes the cache), then log :meth:`summary`. ``engine`` defaults to the bundled Graphviz.
    """

    def __init__(self, engine: Engine | None = None, cache: DiagramCache | None = None, memo: Memo | None = None) -> None:
        self.engine = engine or default_engine()
        self.cache = cache or DiagramCache(None)
        self.memo = memo  # finished figures kept in memory from the last build (mkdocs serve)
        self._noting: list[set[str]] = []
        self.total = 0
        self.rendered = 0
        self.from_cache = 0
        self.used: set[str] = set()

    def draw(self, kind: str, handbook: Handbook, *subjects: object, lang: str, **options: object) -> str:
        """The figure HTML of diagram ``kind`` (see :data:`journeybook.diagrams.KINDS`), through the cache."""
        return self.make(plan(kind, handbook, *subjects, lang=lang, **options))

    # -- the machinery --------------------------------------------------------------------------
    def make(self, drawing: Drawing) -> str:
        """The figure HTML of ``drawing``: from the cache when it has it, else rendered (and stored).

        Graphviz warnings are raised as :class:`DiagramWarning` both times (the cache keeps them).
        """
        self.total += 1
        key = cache_key(drawing, self.engine)
        self.used.add(key)
        for keys in self._noting:
            keys.add(key)
        kept = self.memo.figure(key, drawing) if self.memo is not None else None
        if kept is not None:
            self.from_cache += 1
            for message in kept[1]:
                warnings.warn(message, DiagramWarning, stacklevel=3)
            return kept[0]
        hit = self.cache.get(key)
        if hit is not None:
            svg, warned = hit
            try:
                html = drawing.finish(svg)
            except DiagramError:  # passed the checksum yet is no SVG we can use: draw it again
                hit = None
            else:
                self.from_cache += 1
                for message in warned:
                    warnings.warn(message, DiagramWarning, stacklevel=3)
                if self.memo is not None:
                    self.memo.keep_figure(key, drawing, html, warned)
                return html
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DiagramWarning)
            svg = drawing.render(self.engine)
            html = drawing.finish(svg)  # a DiagramError here: nothing is stored
        messages = [str(w.message) for w in caught if issubclass(w.category, DiagramWarning)]
        for w in caught:  # hand every warning on, ours and others', as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        self.rendered += 1
        self.cache.put(key, svg, messages)
        if self.memo is not None:
            self.memo.keep_figure(key, drawing, html, messages)
        return html

    @contextmanager
    def noting(self) -> Iterator[set[str]]:
        """The cache keys of the diagrams made inside the ``with`` block (one page's figures)."""
        keys: set[str] = set()
        self._noting.append(keys)
        try:
            yield keys
        finally:
            self._noting.pop()

    def reuse(self, keys: set[str], total: int) -> None:
        """Count ``total`` diagrams of pages taken whole from the page cache, which hold the
        entries ``keys`` (kept when the cache is pruned)."""
        self.total += total
        self.from_cache += total
        self.used |= keys

    def finish(self) -> int:
        """Prune the cache down to the entries this build used; returns how many were removed."""
        return self.cache.prune(self.used) if self.cache.enabled else 0

    def summary(self) -> str:
        return f"journeybook: diagrams: {self.total} total, {self.rendered} rendered, {self.from_cache} from cache"
