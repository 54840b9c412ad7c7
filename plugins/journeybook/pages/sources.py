"""The sources page: the reference list."""

from __future__ import annotations

from markupsafe import Markup

from .. import markup
from ..model import slugify
from .context import PageContext


class SourcesContext(PageContext):
    """Reference-list entries, each with its source id as anchor."""

    def entry(self, key: str) -> Markup:
        """One bibliography entry as a paragraph with the source id (a slug) as its anchor."""
        return Markup(f'<p id="{slugify(key)}">{markup.render_inline(self.site.bib.entry(key))}</p>')
