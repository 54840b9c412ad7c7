"""Checklists that can be ticked: on phase pages and on the checklists page."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence

from markupsafe import Markup

from .. import markup
from ..i18n import label
from ..model import Journey
from .base import TextLike
from .context import PageContext


class ChecklistContext(PageContext):
    """Pages with checklists: the items of a phase, their storage keys, progress lines."""

    def checklist_items(self, journey: Journey, phase_id: str) -> list[TextLike]:
        """The phase model's checklist for this phase, then the journey's own items."""
        fphase = self.hb.framework_of(journey).phase(phase_id)
        phase = next(p for p in journey.phases if p.phase == phase_id)
        return [*(fphase.checklist if fphase else []), *phase.checklist]

    def checklist_keys(self, journey: Journey, phase_id: str | None = None) -> list[str]:
        """Storage keys of the items of one phase, or of the whole journey: journey/phase/hash of the text.

        The text is part of the key, so an edited item starts unticked."""
        phases = [phase_id] if phase_id else [p.phase for p in journey.phases]
        keys = []
        for pid in phases:
            for item in self.checklist_items(journey, pid):
                digest = hashlib.sha256(self.text(item).encode("utf-8")).hexdigest()[:16]
                keys.append(f"{journey.id}/{pid}/{digest}")
        return keys

    def checklist(self, journey: Journey, phase_id: str) -> Markup:
        """A phase's checklist as items that can be ticked (kept in the reader's browser).

        Without JavaScript it is a plain list of checkboxes; the script (journeybook-reader.js)
        remembers ticks in localStorage and fills in the progress lines, which stay hidden until then.
        """
        items = self.checklist_items(journey, phase_id)
        if not items:
            return Markup("")
        keys = self.checklist_keys(journey, phase_id)
        lines = ['<div class="jb-checklist">']
        lines.append(self.progress(keys, "progress_phase"))
        lines.append('<ul class="jb-checklist__items">')
        for item, key in zip(items, keys, strict=False):
            content = markup.unwrap_paragraph(markup.render_block(self.text(item), cite=self._cite))
            lines.append(
                f'<li><label class="jb-checklist__item"><input type="checkbox" class="jb-checklist__box" '
                f'data-jb-key="{key}"> <span>{content}</span></label></li>'
            )
        lines += ["</ul>", "</div>"]
        return Markup("\n".join(lines))

    def progress(self, keys: Sequence[str], which: str) -> Markup:
        """A progress line ("3 of 7 ticked") with a reset button, for the given item keys; hidden without JavaScript."""
        if not keys:
            return Markup("")
        text = html.escape(label(which, self.lang, done="{done}", total="{total}"))
        return Markup(
            f'<p class="jb-progress" data-jb-keys="{" ".join(keys)}" data-jb-text="{text}" hidden>'
            f'<span class="jb-progress__text" aria-live="polite"></span> '
            f'<button type="button" class="jb-progress__reset">{html.escape(label("reset_ticks", self.lang))}</button></p>'
        )

    def journey_progress(self, journey: Journey) -> Markup:
        return self.progress(self.checklist_keys(journey), "progress_journey")
