"""The health page: lint findings by journey, and the rules that fired."""

from __future__ import annotations

from markupsafe import Markup

from ..diagnostics import Diagnostic, Msg
from .context import PageContext


class HealthContext(PageContext):
    """Findings: where they are, what they say."""

    def where(self, d: Diagnostic) -> Markup:
        """A finding's place, relative to the folder that holds the source folder, as code."""
        return self.code(d.location.display(self.hb.source_dir.parent)) if d.location else Markup("")

    def message(self, d: Diagnostic) -> Markup:
        return self.escape(d.message(self.lang))

    def msg(self, message: Msg) -> str:
        return message.format(self.lang)
