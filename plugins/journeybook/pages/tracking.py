"""What each page is made from, so that a long-lived process makes again only the pages whose
inputs changed (``mkdocs serve``: see :class:`journeybook.memo.Memo`).

A page is made by :meth:`~journeybook.pages.site.SiteBuilder.page` from its arguments (the
objects handed to its template) and from whatever its template and helpers read from the
handbook and the builder while it renders. While the pages are made with a memo, the builder
holds a :class:`TrackedHandbook` instead of the handbook: every collection read through it
(``hb.journeys["x"]`` is one entry, ``hb.journeys.values()`` the whole collection) and every
other field is noted for the page being made, and so is what the builder works out once for
all pages (:meth:`Tracker.derived`: the backlog, metric series, the bibliography …), with
everything read to work it out.

A page is reused when its arguments and everything it read digest to what they did when it
was made. Digests are of the data itself (:func:`dump`), never of object identities, so an
unchanged journey in a newly read handbook is the same input. A value that cannot be dumped
makes its page unmemoisable: it is made on every build.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import types
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, TypeVar

from pydantic import BaseModel

from ..diagnostics import Diagnostic
from ..handbook import Handbook
from ..model import LocalizedText

T = TypeVar("T")
Dep = tuple[Any, ...]  # ("key", collection, id) | ("all", collection) | ("field", name) | ("findings",) | ("entry", table, key) | ("table", name)

# The handbook's collections by id: a read of one entry depends on that entry only.
COLLECTIONS = frozenset(
    {"personas", "journeys", "touchpoints", "sources", "frameworks", "research", "findings", "metrics", "opportunities", "research_by_finding"}
)


class Unmemoisable(Exception):
    """A value :func:`dump` cannot write down: the page that depends on it is always made."""


class Tracker:
    """Notes what is read while a page is made, and digests it."""

    def __init__(self, hb: Handbook, findings: list[Diagnostic], tables: Mapping[str, Callable[[], Mapping[Any, Any]]] = {}) -> None:
        """``tables`` make what the builder looks up by key for many pages (see :meth:`table`)."""
        self.hb = hb
        self.findings = findings
        self.proxy = TrackedHandbook(hb, self)
        self._open: list[set[Dep]] = []  # the reads of the page (and the derived values) being made
        self._derived: dict[str, tuple[Any, frozenset[Dep]]] = {}
        self._makers = dict(tables)
        self._tables: dict[str, Mapping[Any, Any]] = {}
        self._values: dict[str, Any] = {}
        self._value_makers: dict[str, Callable[[], Any]] = {}
        self._digests: dict[Dep, str] = {}
        self.dumper = Dumper()

    def dump(self, value: Any) -> str:
        return self.dumper.dump(value)

    # -- noting -------------------------------------------------------------------------------
    def read(self, dep: Dep) -> None:
        if self._open:
            self._open[-1].add(dep)

    def recording(self) -> _Recording:
        return _Recording(self)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per build; a page that uses it depends on what it read."""
        found = self._derived.get(name)
        if found is None:
            with self.recording() as reads:
                value = make()
            found = (value, frozenset(reads))
            self._derived[name] = found
        for dep in found[1]:
            self.read(dep)
        return found[0]

    def expect(self, name: str, make: Callable[[], Any]) -> None:
        """How to work out the value ``name`` of :meth:`value` when a page's check needs it first."""
        self._value_makers[name] = make

    def value(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per build from the whole handbook; a page that uses it
        depends on the value itself (not on all it was made from)."""
        if name not in self._values:
            self._open.append(set())  # what making it reads is no page's dependency
            try:
                self._values[name] = make()
            finally:
                self._open.pop()
        self.read(("value", name))
        return self._values[name]

    def table(self, name: str) -> Mapping[Any, Any]:
        """The table ``name``, worked out once per build from the whole handbook; a page that
        looks an entry up depends on that entry's value only (not on all the table was made from)."""
        return TrackedMapping(self._table(name), name, self, entry="entry", whole="table")

    def _table(self, name: str) -> Mapping[Any, Any]:
        found = self._tables.get(name)
        if found is None:
            self._open.append(set())  # what making it reads is no page's dependency
            try:
                found = self._makers[name]()
            finally:
                self._open.pop()
            self._tables[name] = found
        return found

    # -- digesting ----------------------------------------------------------------------------
    def digest(self, dep: Dep) -> str:
        """What ``dep`` is in this build, as a digest (cached for the build)."""
        found = self._digests.get(dep)
        if found is None:
            found = _hash(self._value(dep))  # Unmemoisable passes up: the page is made
            self._digests[dep] = found
        return found

    def _value(self, dep: Dep) -> str:
        kind = dep[0]
        if kind == "key":
            collection: Mapping[str, Any] = getattr(self.hb, dep[1])
            return self.dump(collection.get(dep[2], _MISSING))
        if kind == "all":
            return self.dump(list(getattr(self.hb, dep[1]).items()))
        if kind == "field":
            return self.dump(getattr(self.hb, dep[1]))
        if kind == "findings":
            return self.dump([(d.severity, d.code, d.format(), d.location.display(self.hb.source_dir.parent) if d.location else "") for d in self.findings])
        if kind == "entry":
            return self.dump(self._table(dep[1]).get(dep[2], _MISSING))
        if kind == "table":
            return self.dump(list(self._table(dep[1]).items()))
        if kind == "value":
            if dep[1] not in self._values:
                make = self._value_makers.get(dep[1])
                if make is None:
                    raise Unmemoisable(f"nothing makes {dep[1]!r}")
                self.value(dep[1], make)
            return self.dump(self._values[dep[1]])
        raise Unmemoisable(f"unknown dependency {dep!r}")


class _Recording:
    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.reads: set[Dep] = set()

    def __enter__(self) -> set[Dep]:
        self.tracker._open.append(self.reads)
        return self.reads

    def __exit__(self, *exc: object) -> None:
        self.tracker._open.pop()
        if self.tracker._open:  # what a derived value read, the page that asked for it read too
            self.tracker._open[-1].update(self.reads)


class TrackedHandbook:
    """The handbook, read-only, noting every read for the page being made."""

    def __init__(self, hb: Handbook, tracker: Tracker) -> None:
        self._hb = hb
        self._tracker = tracker
        self._maps: dict[str, TrackedMapping] = {}

    def __getattr__(self, name: str) -> Any:
        if name in COLLECTIONS:
            found = self._maps.get(name)
            if found is None:
                found = self._maps[name] = TrackedMapping(getattr(self._hb, name), name, self._tracker)
            return found
        if name == "derived":
            return self._derived
        if name.startswith("_"):
            raise AttributeError(f"the tracked handbook does not hand out {name!r}")
        method = getattr(Handbook, name, None)
        if callable(method):  # a method of Handbook runs on the tracked handbook: what it reads is noted
            return types.MethodType(method, self)
        value = getattr(self._hb, name)
        self._tracker.read(("field", name))
        return value

    def _derived(self, name: str, make: Callable[[], T]) -> T:
        return self._tracker.value(f"hb.{name}", make)


class TrackedMapping(Mapping[Any, Any]):
    """A mapping read for the page being made: looking an entry up notes ``(entry, name, key)``,
    going through them all notes ``(whole, name)``. For the handbook's collections these are
    ``key`` and ``all``; for the builder's tables (:meth:`Tracker.table`), ``entry`` and ``table``."""

    def __init__(self, data: Mapping[Any, Any], name: str, tracker: Tracker, entry: str = "key", whole: str = "all") -> None:
        self._data = data
        self._name = name
        self._tracker = tracker
        self._entry = entry
        self._whole = whole

    def __getitem__(self, key: Any) -> Any:
        self._tracker.read((self._entry, self._name, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._tracker.read((self._entry, self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._tracker.read((self._entry, self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._tracker.read((self._whole, self._name))
        return iter(self._data)

    def __len__(self) -> int:
        self._tracker.read((self._whole, self._name))
        return len(self._data)

    def __bool__(self) -> bool:
        return len(self) > 0


def origin(record: Any) -> tuple[Any, ...]:
    """A name for a handbook object that stays the same from build to build while it stays
    where it is written: its file, document and place in it (else its identity: never equal
    in another build, so whatever depends on it is made again)."""
    doc = getattr(record, "doc", None)
    if doc is None:
        return ("object", id(record))
    return (str(doc.path), doc.index, tuple(getattr(record, "_path", ())))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def dump(value: Any) -> str:
    """``value`` written down in full, the same for equal data in any process; raises
    :class:`Unmemoisable` for what it cannot write down faithfully."""
    return Dumper().dump(value)


class Dumper:
    """:func:`dump`, writing each handbook object down once (a build's objects live as long
    as the build; each is held here, so its identity is not reused while it is remembered)."""

    def __init__(self) -> None:
        self._models: dict[int, tuple[BaseModel, str]] = {}

    def dump(self, value: Any) -> str:
        out: list[str] = []
        self._dump(value, out)
        return "".join(out)

    def _model(self, value: BaseModel) -> str:
        found = self._models.get(id(value))
        if found is None or found[0] is not value:
            parts = [type(value).__qualname__, value.model_dump_json(serialize_as_any=True, warnings=False, fallback=_fallback)]
            doc = getattr(value, "doc", None)
            if doc is not None:  # where it is written: a page may link to its file
                parts.append(repr((str(doc.path), doc.index)))
            found = (value, "".join(parts))
            self._models[id(value)] = found
        return found[1]

    def _dump(self, value: Any, out: list[str]) -> None:
        _dump(value, out, self)


def _fallback(value: Any) -> Any:
    """What pydantic's JSON writer cannot write itself: author text in several languages."""
    if isinstance(value, LocalizedText):
        return {"localized": value.values}
    raise Unmemoisable(f"cannot write down a {type(value).__qualname__}")


def _dump(value: Any, out: list[str], dumper: Dumper) -> None:
    if value is None or isinstance(value, (bool, int, float, str, bytes, _Missing)):
        out.append(repr(value))
    elif isinstance(value, LocalizedText):
        out.append("T")
        _dump(value.values, out, dumper)
    elif isinstance(value, BaseModel):
        out.append(dumper._model(value))
    elif isinstance(value, (date, datetime, PurePath, enum.Enum)):
        out.append(repr(value))
    elif isinstance(value, Mapping):
        out.append("{")
        for key, item in value.items():
            _dump(key, out, dumper)
            out.append(":")
            _dump(item, out, dumper)
            out.append(",")
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _dump(item, out, dumper)
            out.append(",")
        out.append("]")
    elif isinstance(value, (set, frozenset)):
        out.append("{")
        for text in sorted(dumper.dump(item) for item in value):
            out.append(text)
            out.append(",")
        out.append("}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out.append(type(value).__qualname__)
        _dump([getattr(value, f.name) for f in dataclasses.fields(value)], out, dumper)
    else:
        raise Unmemoisable(f"cannot write down a {type(value).__qualname__}")


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def digest_of(*values: Any, dumper: Dumper | None = None) -> str:
    return _hash((dumper or Dumper()).dump(list(values)))
