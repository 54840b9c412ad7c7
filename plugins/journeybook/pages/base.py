"""What every page kind shares: pages, navigation entries, URLs, front matter.

No MkDocs here: the builders return plain :class:`Page` objects (a docs-relative path,
Markdown text, the YAML file it came from) and a :class:`NavEntry` tree. The MkDocs plugin
turns them into ``File.generated`` objects; ``journeybook render`` writes them to disk.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic
from ..model import LocalizedText

# The Markdown extensions the generated pages need (the plugin adds missing ones;
# `journeybook render` writes exactly these into the standalone mkdocs.yml).
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "toc": {"permalink": True},
}

TextLike = LocalizedText | str | None


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str  # docs-relative posix path, e.g. "playbook/journeys/new-boots/index.md"
    title: str
    content: str
    source: Path | None = None  # the YAML file the page is made from (for edit links)


@dataclass
class NavEntry:
    """A navigation item: a page (``path``) and/or a section (``children``)."""

    title: str
    path: str | None = None
    children: list[NavEntry] = field(default_factory=list)


@dataclass
class Site:
    pages: list[Page]
    nav: NavEntry
    diagnostics: list[Diagnostic]


class Urls:
    """Where every generated page lives, under the ``url`` prefix."""

    def __init__(self, prefix: str, directory_urls: bool = True):
        self.prefix = prefix.strip("/") or "playbook"
        self.directory_urls = directory_urls  # MkDocs' use_directory_urls

    def _p(self, *parts: str) -> str:
        return posixpath.join(self.prefix, *parts, "index.md")

    def overview(self) -> str:
        return self._p()

    def journey(self, journey_id: str) -> str:
        return self._p("journeys", journey_id)

    def phase(self, journey_id: str, phase_id: str) -> str:
        return self._p("journeys", journey_id, phase_id)

    def persona(self, persona_id: str) -> str:
        return self._p("personas", persona_id)

    def catalog(self, name: str) -> str:
        return self._p(name)

    def research(self, research_id: str) -> str:
        return self._p("research", research_id)

    @staticmethod
    def finding_anchor(finding_id: str) -> str:
        """The anchor of a finding on its research page (prefixed: a finding id may be any slug)."""
        return f"finding-{finding_id}"

    def folder(self, page: str) -> str:
        """The folder a page is served from: ``a/index.md`` from ``a/``; ``a/b.md`` from ``a/b/``
        with directory URLs (MkDocs serves it as ``a/b/index.html``), else from ``a/``."""
        name = posixpath.basename(page)
        if self.directory_urls and name.endswith(".md") and name not in ("index.md", "README.md"):
            return page[: -len(".md")]
        return posixpath.dirname(page)

    def href(self, here: str, target: str, anchor: str = "") -> str:
        """The URL of page ``target`` (a generated ``.../index.md``) as seen from page ``here``
        (a generated page, or a hand-written one with a live view)."""
        rel = posixpath.relpath(posixpath.dirname(target), self.folder(here))
        url = (rel + "/" if rel != "." else "./") if self.directory_urls else posixpath.join(rel, "index.html")
        return url + (f"#{anchor}" if anchor else "")



def nav_title(text: str) -> str:
    """A title for the site navigation (MkDocs' page and section objects, ``nav`` in mkdocs.yml).

    Themes print navigation titles as HTML (Material's navigation, header, tabs, breadcrumbs),
    so our plain-text titles are given to them HTML-escaped. Where Material would decode them
    again (``page.title | striptags`` in ``<title>``), the page's own front-matter ``title``
    (:func:`front_matter`, escaped the same way) is printed instead.
    """
    return html.escape(text, quote=True)


def front_matter(title: str, tags: Sequence[str] = ()) -> str:
    """YAML front matter: the page title, HTML-escaped, and the journey's tags.

    Themes print both as HTML. Material shows ``title`` in ``<title>`` as it is (where it would
    pass the navigation title through ``striptags``, which decodes entities again), so it is
    escaped here once. Tags are listed by Material's tags plugin and its search as they are:
    characters that could form HTML are dropped from them.
    """
    meta: dict[str, Any] = {"title": nav_title(title)}
    kept = [t for t in (re.sub(r"[<>&\"'`]", "", tag).strip() for tag in tags) if t]
    if kept:
        meta["tags"] = kept
    body = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False, sort_keys=False, width=10**6)
    return f"---\n{body}---\n\n"


def tidy(text: str) -> str:
    """At most one blank line in a row and exactly one newline at the end (stable output)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and lines and not lines[-1]:
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"

