"""Navigation of bounded size: no level of the playbook's navigation lists more than
:data:`LIMIT` entries.

A theme prints, on every page, the entries of each section the page lies in (Material does so
even with ``navigation.prune``, which leaves out only what lies in other sections). A flat
section of 1,000 journeys would put 1,000 links in each of its 6,000 journey and phase pages:
a site that grows with the square of the handbook, in bytes and in build time. So a level
with more entries than :data:`LIMIT` is folded into consecutive groups, in the order the
entries already have, each labelled with its first and last entry ("Boiler repair – Moving
house"); when there are more groups than :data:`LIMIT`, the groups are grouped in turn. A page
then shows about ``LIMIT`` entries per level, whatever the size of the handbook. Small
handbooks (up to :data:`LIMIT` journeys, personas, research documents) are not changed.

Pure data (:class:`~.base.NavEntry` in, :class:`~.base.NavEntry` out): the MkDocs plugin and
``journeybook render`` write the same navigation.
"""

from __future__ import annotations

from .base import NavEntry

LIMIT = 30
"""The most entries a level of the navigation lists (a screenful in Material's sidebar)."""

_LABEL_CHARS = 28  # each end of a group's label is shortened to about this many characters


def bounded(entry: NavEntry, limit: int = LIMIT) -> NavEntry:
    """``entry`` with every level of more than ``limit`` children folded into groups (a new tree)."""
    if limit < 2:
        raise ValueError("a navigation level holds at least two entries")
    children = [bounded(child, limit) for child in entry.children]
    return NavEntry(entry.title, entry.path, _fold([(child, child.title, child.title) for child in children], limit))


def _fold(items: list[tuple[NavEntry, str, str]], limit: int) -> list[NavEntry]:
    """Group ``(entry, first title, last title)`` items until at most ``limit`` remain."""
    while len(items) > limit:
        items = [_group(part) for part in _split(items, limit)]
    return [entry for entry, _first, _last in items]


def _split(items: list[tuple[NavEntry, str, str]], limit: int) -> list[list[tuple[NavEntry, str, str]]]:
    """As few consecutive parts of at most ``limit`` items as will do, of sizes differing by one at most."""
    count = -(-len(items) // limit)
    size, extra = divmod(len(items), count)
    parts, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        parts.append(items[start:end])
        start = end
    return parts


def _group(part: list[tuple[NavEntry, str, str]]) -> tuple[NavEntry, str, str]:
    first, last = part[0][1], part[-1][2]
    entry = NavEntry(f"{_short(first)} – {_short(last)}", None, [entry for entry, _first, _last in part])
    return entry, first, last


def _short(title: str) -> str:
    """A title of at most about :data:`_LABEL_CHARS` characters, cut between words where it can be."""
    title = " ".join(title.split())
    if len(title) <= _LABEL_CHARS:
        return title
    space = title.rfind(" ", 0, _LABEL_CHARS)  # the last word that ends within the length, if any
    cut = title[:space] if space >= _LABEL_CHARS // 2 else title[: _LABEL_CHARS - 1]
    return cut.rstrip(" ,;:–-") + "…"
