"""The generated pages of the last build, kept until one of their inputs changes.

Making the pages is most of the core's time (templates, author Markdown, the figures around
cached diagrams). When nothing they are made from has changed since the last build, the
pages are the same bytes, so :func:`journeybook.pipeline.generate` takes them from here,
the way Sphinx keeps its environment between builds. The handbook is still loaded, checked
and linted on every build: problems are always reported afresh, and their texts are part of
the key (the health page lists them).

The key (:func:`site_key`) is the sha256 of everything the pages depend on:

- every file of the handbook (each YAML file below the source folder and each CSV file a
  metrics document names): path and bytes, read before and after the build; when they
  differ the build is not stored;
- the settings (url, phase model, language, built-in guidance, lint settings, review days,
  the build date, ``use_directory_urls``) and the text of the hand-written pages that hold
  ``journeybook`` blocks;
- the problems and lint findings of the check, as text in the site's language;
- journeybook itself (every file of the package: code, templates, built-in YAML, fonts,
  CSL), the Python version, the versions of the libraries the pages are made with, and the
  diagram renderer's identity (Graphviz and font versions).

An entry is one file, ``site-<key>.jsonl.gz`` in the diagram cache folder: a header with
the length and checksum of its body, then the body, gzip-packed JSON with one line per page
(written and read a page at a time). A corrupt, truncated or foreign file is deleted and the
pages are made anew; it is written atomically, and only the newest entry is kept. JSON holds
only data, so a cache file (which CI may restore from shared storage) can never make a
build run code. A build whose diagrams failed or warned is not kept (its problems are
reported again by the next build). Like the diagram cache, this one only touches files with
its own names, is switched off with ``diagrams.cache: false``, and deleting the folder is
always safe.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .cache_folder import CacheFolder, feed
from .diagnostics import Diagnostic
from .pages.base import NavEntry, Page

MAGIC = b"journeybook-site-cache 2"
_ENTRY = re.compile(r"site-[0-9a-f]{64}\.jsonl\.gz")
_TEMPORARY = re.compile(r"\.site-[0-9a-f]{64}\.jsonl\.gz\.[A-Za-z0-9_]+\.tmp")
# The libraries whose output ends up in the pages (Markdown and its sanitiser, templates,
# citations and the YAML and model layers that read the handbook).
LIBRARIES = (
    "markdown",
    "nh3",
    "jinja2",
    "markupsafe",
    "citeproc-py",
    "lxml",
    "pyyaml",
    "pydantic",
    "pydantic-core",
    "graphviz",
    "pygraphviz",
)


@dataclass
class Entry:
    """What a build made that the next one can reuse (a build whose diagrams failed or warned is not kept)."""

    pages: list[Page]
    nav: NavEntry
    views: dict[str, list[str | None]]  # the Markdown of each journeybook block, by hand-written page
    diagram_keys: set[str] = field(default_factory=set)  # the diagram cache entries the pages hold
    diagrams: int = 0  # how many diagrams the pages hold


@lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 of every file of the journeybook package, the Python version and the libraries' versions."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(name for name in subdirs if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(directory, name)
            feed(digest, path.relative_to(root).as_posix(), path.read_bytes())
    feed(digest, "journeybook", __version__, "python", sys.version)
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        feed(digest, library, version)
    return digest.hexdigest()


def files_digest(files: Iterable[Path]) -> str | None:
    """sha256 of the paths and bytes of ``files``; None when one cannot be read."""
    digest = hashlib.sha256()
    for path in files:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        feed(digest, Path(path).absolute().as_posix(), data)
    return digest.hexdigest()


def site_key(
    *,
    files: str,
    settings: Mapping[str, object],
    pages: Sequence[tuple[str, Path, str]],
    diagnostics: Sequence[Diagnostic],
    lang: str,
    renderer: str,
) -> str:
    """The key of the pages made from ``files`` (a :func:`files_digest`) and the rest (see the module)."""
    digest = hashlib.sha256()
    feed(digest, MAGIC.decode(), code_digest(), files, renderer)
    feed(digest, json.dumps(settings, sort_keys=True, default=_plain))
    for path, file, text in pages:
        feed(digest, path, file.absolute().as_posix(), text)
    for d in diagnostics:
        where = (d.location.path.absolute().as_posix(), d.location.line, d.location.column) if d.location else None
        feed(digest, json.dumps([where, d.code, d.severity, d.message(lang)]))
    return digest.hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.absolute().as_posix()
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"not a setting: {value!r}")


class SiteCache(CacheFolder):
    """The pages of the last build, by :func:`site_key`, in ``directory`` (None: nothing is kept)."""

    prefix = "site-"
    suffix = ".jsonl.gz"
    what = "page cache"

    def __init__(self, directory: Path | None) -> None:
        super().__init__(directory)
        self.hit = False  # whether the last generate() took its pages from here

    def get(self, key: str) -> Entry | None:
        """The entry stored under ``key``, or None (a bad entry is deleted)."""
        return self._load(key, _decode)

    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry`` under ``key`` and delete every other entry."""
        packed = io.BytesIO()
        with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=1, mtime=0) as stream:  # packed as it is written
            for line in _lines(entry):
                stream.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
        body = packed.getvalue()
        header = json.dumps({"length": len(body), "sha256": hashlib.sha256(body).hexdigest()}, sort_keys=True)
        if not self._write(key, MAGIC + b"\n" + header.encode() + b"\n" + body):
            return
        assert self.directory is not None
        kept = self._path(key).name
        for other in self.directory.iterdir():
            stale = (_ENTRY.fullmatch(other.name) and other.name != kept) or _TEMPORARY.fullmatch(other.name)
            if stale and other.is_file() and not other.is_symlink():
                other.unlink(missing_ok=True)


# An entry is JSON, one line each: first the navigation, the views and the diagrams, then one
# line per page, so that it is written and read a page at a time. JSON holds only data: a
# cache file (which CI may restore from shared storage) can never make the build run code.


def _lines(entry: Entry) -> Iterator[dict[str, Any]]:
    yield {"nav": _nav_data(entry.nav), "views": entry.views, "diagram_keys": sorted(entry.diagram_keys), "diagrams": entry.diagrams}
    for page in entry.pages:
        source = page.source.as_posix() if page.source is not None else None
        yield {"path": page.path, "title": page.title, "content": page.content, "source": source}


def _nav_data(entry: NavEntry) -> dict[str, Any]:
    return {"title": entry.title, "path": entry.path, "children": [_nav_data(child) for child in entry.children]}


def _nav(data: dict[str, Any]) -> NavEntry:
    return NavEntry(str(data["title"]), _text_or_none(data["path"]), [_nav(child) for child in data["children"]])


def _text_or_none(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(value)
    return value


def _decode(data: bytes) -> Entry | None:
    try:
        magic, header_line, body = data.split(b"\n", 2)
        if magic != MAGIC:
            return None
        header = json.loads(header_line)
        if len(body) != header["length"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            return None
        with gzip.GzipFile(fileobj=io.BytesIO(body), mode="rb") as stream:  # unpacked a line at a time
            head = json.loads(stream.readline())
            views = {str(path): [_text_or_none(md) for md in blocks] for path, blocks in head["views"].items()}
            entry = Entry([], _nav(head["nav"]), views, {str(k) for k in head["diagram_keys"]}, int(head["diagrams"]))
            for line in stream:
                page = json.loads(line)
                source = _text_or_none(page["source"])
                entry.pages.append(
                    Page(str(page["path"]), str(page["title"]), str(page["content"]), Path(source) if source else None)
                )
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, zlib.error):  # damaged or foreign: a miss
        return None
    return entry
