"""Markdown pages (and their navigation) generated from a validated handbook.

No MkDocs here: :meth:`SiteBuilder.build` returns plain :class:`Page` objects and a
:class:`NavEntry` tree (:mod:`.base`). One module per page kind builds its pages
(:mod:`.journey` with the phase pages, :mod:`.persona`, :mod:`.catalogs`; the overview in
:mod:`.site`), with its template in ``templates/`` and, where it needs them, helpers of its
own on a :class:`~.context.PageContext` subclass (:mod:`.checklists`, :mod:`.health`,
:mod:`.sources`). Author text reaches the Markdown only through :mod:`journeybook.markup`.
"""

from __future__ import annotations

from .base import MARKDOWN_EXTENSIONS, NavEntry, Page, Site, TextLike, Urls, front_matter, nav_title
from .context import PageContext
from .site import SiteBuilder

__all__ = [
    "MARKDOWN_EXTENSIONS",
    "NavEntry",
    "Page",
    "PageContext",
    "SiteBuilder",
    "Site",
    "TextLike",
    "Urls",
    "front_matter",
    "nav_title",
]
