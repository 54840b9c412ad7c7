"""Pandoc-style citations in author Markdown: ``[@key]``, ``[@key, p. 369]``, ``[see @a; -@b]``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A bracketed group that is not a link or image: no "!" before it, no "(" or "[" after it.
_GROUP = re.compile(r"(?<![!\]\\])\[([^\[\]\n]*@[^\[\]]*)\](?![(\[:])")
# One item: optional prefix that ends in a space, optional "-" (suppress author), "@key", rest.
_ITEM = re.compile(r"^(?P<prefix>(?:.*\s)?)(?P<suppress>-)?@(?P<key>[\w][\w:.#$%&+?<>~/-]*)(?P<rest>.*)$", re.S)


@dataclass(frozen=True)
class CiteItem:
    key: str
    prefix: str = ""
    locator: str = ""  # what follows the key, e.g. "p. 369"
    suppress_author: bool = False
    offset: int = 0  # where "@key" starts in the text


@dataclass(frozen=True)
class Citation:
    start: int  # span of the whole "[...]" in the text
    end: int
    items: tuple[CiteItem, ...]


def find_citations(text: str) -> Iterator[Citation]:
    """Every citation group in ``text``, in order; groups with an item lacking a key are not citations."""
    for match in _GROUP.finditer(text):
        items = []
        pos = match.start(1)
        for part in match.group(1).split(";"):
            item = _ITEM.match(part.strip())
            if item is None:
                break
            key = item["key"].rstrip(":.#$%&+?<>~/-")
            rest = item["key"][len(key):] + item["rest"]
            lead = len(part) - len(part.lstrip())
            items.append(
                CiteItem(
                    key=key,
                    prefix=item["prefix"].strip(),
                    locator=rest.strip().lstrip(",").strip(),
                    suppress_author=bool(item["suppress"]),
                    offset=pos + lead + item.start("key") - 1,
                )
            )
            pos += len(part) + 1
        else:
            yield Citation(match.start(), match.end(), tuple(items))


def cited_keys(text: str) -> Iterator[tuple[str, int]]:
    """(key, offset of its "@") for every cited key in ``text``."""
    for citation in find_citations(text):
        for item in citation.items:
            yield item.key, item.offset
