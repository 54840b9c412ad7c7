"""What journeybook's caches share: a folder of files named by sha256 keys, written atomically.

:class:`~journeybook.diagram_cache.DiagramCache` (one SVG per diagram) and
:class:`~journeybook.site_cache.SiteCache` (the pages of the last build) are both a
:class:`CacheFolder`: a lookup that cannot read is a miss, a file is written to a temporary
name and renamed (readers never see half a file), and a folder that cannot be written
switches the cache off for the build, saying why in :attr:`CacheFolder.problem`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_KEY = re.compile(r"[0-9a-f]{64}")


def feed(digest: hashlib._Hash, *parts: str | bytes) -> None:
    """Add ``parts`` to ``digest``, each with its length (so no two lists of parts collide)."""
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)


class CacheFolder:
    """Files ``<prefix><key><suffix>`` in ``directory`` (None: no cache; every lookup misses)."""

    prefix = ""
    suffix = ""
    what = "cache"  # named in the problem: "cannot write the <what> in <folder> (...)"

    def __init__(self, directory: Path | None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.problem: str | None = None  # why the cache was switched off, if it was

    @property
    def enabled(self) -> bool:
        return self.directory is not None and self.problem is None

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        assert self.directory is not None
        return self.directory / f"{self.prefix}{key}{self.suffix}"

    def _read(self, key: str) -> bytes | None:
        if not self.enabled:
            return None
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def _load(self, key: str, decode: Callable[[bytes], T | None]) -> T | None:
        """The decoded file of ``key``; None on a miss, or when ``decode`` rejects it (then deleted)."""
        data = self._read(key)
        if data is None:
            return None
        entry = decode(data)
        if entry is None:
            self._drop(key)
        return entry

    def _drop(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except OSError:
            pass

    def _write(self, key: str, data: bytes, consequence: str = "") -> bool:
        """Write the file of ``key`` atomically; False (and the cache off) when the folder cannot be written."""
        if not self.enabled:
            return False
        path = self._path(key)
        assert self.directory is not None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{path.name}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.problem = f"cannot write the {self.what} in {self.directory} ({exc.strerror or exc}){consequence}"
            return False
        return True

    def _prepare(self) -> None:
        """Called before each write, in an existing folder."""
