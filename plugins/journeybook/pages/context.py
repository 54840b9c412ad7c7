"""The helpers every page template calls (``c`` in templates): text, names, links, citations, diagrams.

Every value a template prints passes through :meth:`PageContext.finalize`: it is escaped as
text unless a helper already made it safe (author Markdown through :mod:`journeybook.markup`,
our own links and anchors). Page kinds with helpers of their own subclass it.
"""

from __future__ import annotations

import html
import posixpath
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import evidence, future, markup
from ..citations import CiteItem
from ..diagnostics import Count, Location, Msg, diagnostic
from ..diagrams import KINDS, DiagramError, DiagramWarning, measures
from ..evidence import Coverage
from ..i18n import count, emotion_text, label
from ..metrics import Series
from ..model import Framework, Journey, LocalizedText, Metric, Opportunity, PainPoint, Persona, Step, slugify
from .base import TextLike

if TYPE_CHECKING:
    from .site import SiteBuilder

TO_BE_SYMBOL = "◇"  # a future state, beside the word "to-be"
DELTA_WORDS = {"better": "improved", "worse": "worsened", "unchanged": "unchanged"}  # a change of feeling, in words

M_DIAGRAM = Msg("could not draw a diagram ({kind}): {detail}", "kon een diagram niet tekenen ({kind}): {detail}")
M_DIAGRAM_WARNING = Msg(
    "Graphviz warned while drawing a diagram ({kind}): {detail}",
    "Graphviz waarschuwde bij het tekenen van een diagram ({kind}): {detail}",
)


@lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> str:
    """``target`` relative to ``folder`` (both docs paths): the same pairs come up on every page."""
    return posixpath.relpath(target, folder)


class PageContext:
    """The helpers a template calls while rendering one page (``c`` in templates)."""

    def __init__(self, site: SiteBuilder, here: str):
        self.site = site
        self.hb = site.hb
        self.lang = site.lang
        self.urls = site.urls
        self.here = here
        self.cited: list[str] = []

    def text(self, value: TextLike) -> str:
        """The raw author string in the site language ('' for nothing)."""
        if value is None:
            return ""
        return value.get(self.lang) if isinstance(value, LocalizedText) else str(value)

    def plain(self, value: TextLike) -> str:
        """Plain words, for titles and captions (printed as escaped text)."""
        return markup.plain(self.text(value))

    def md(self, value: TextLike) -> Markup:
        """Author Markdown as safe HTML blocks, citations linked."""
        return Markup(markup.render_block(self.text(value), cite=self._cite))

    def item(self, value: TextLike) -> Markup:
        """Author Markdown for a list item: a single paragraph is unwrapped."""
        return Markup(markup.unwrap_paragraph(markup.render_block(self.text(value), cite=self._cite)))

    def inline(self, value: TextLike) -> Markup:
        """Author Markdown on one line (table cells, list items, headings)."""
        return Markup(markup.render_inline(self.text(value), cite=self._cite))

    @staticmethod
    def escape(value: object) -> Markup:
        """Plain text (a name, an owner, a tag) shown as text."""
        return Markup(markup.escape_text(str(value)))

    def code(self, value: object) -> Markup:
        """Plain text in a code span."""
        return Markup(f"<code>{self.escape(value)}</code>")

    def label(self, key: str, **args: object) -> Markup:
        """One of our own words (trusted Markdown); arguments are escaped as text."""
        safe = {name: markup.escape_text(value.render(self.lang) if isinstance(value, Count) else str(value)) for name, value in args.items()}
        return Markup(label(key, self.lang, **safe))

    def value(self, key: str | None) -> Markup:
        """A translated enum value ('high' → 'hoog'), or 'not set'."""
        return self.label(key) if key else self.label("unset")

    @staticmethod
    def count(n: int, noun: str) -> Count:
        return count(n, noun)

    def journey_title(self, journey: Journey) -> str:
        return self.plain(journey.title) or journey.id

    def persona_name(self, persona: Persona) -> str:
        return self.plain(persona.name) or persona.id

    def phase_name(self, framework: Framework, phase_id: str) -> str:
        phase = framework.phase(phase_id)
        return (self.plain(phase.name) if phase and phase.name else "") or phase_id

    def touchpoint_name(self, touchpoint_id: str) -> str:
        tp = self.hb.touchpoints.get(touchpoint_id)
        return (self.plain(tp.name) if tp and tp.name else "") or touchpoint_id

    @staticmethod
    def emotion(value: int | None) -> Markup:
        return Markup(emotion_text(value))  # a number and a face, never author text

    def sentiment(self, average: float | None) -> Markup:
        """An average sentiment as a word and a number: 'positive (+0.67)'."""
        if average is None:
            return self.label("unset")
        word = "positive" if average > 0.33 else "negative" if average < -0.33 else "neutral"
        return Markup(f"{self.label(word)} ({average:+.2f})".replace("-", "−"))

    @staticmethod
    def step_numbers(journey: Journey) -> dict[int, int]:
        """Steps numbered through the whole journey (1, 2, 3 … across phases), by ``id(step)``."""
        return {id(step): n for n, (_phase, step) in enumerate(journey.steps(), 1)}

    def step_number(self, journey: Journey, step: Any) -> int:
        return self.step_numbers(journey)[id(step)]

    def step_link(self, at: Any) -> Markup:
        """'Journey → Phase, step N' with links to the journey and to the step."""
        step = f"{self.label('step')} {self.step_number(at.journey, at.step)}"
        return Markup(f"{self.journey_link(at.journey)} → {self.phase_link(at.journey, at.phase.phase, at.anchor)}, {step}")

    @staticmethod
    def br() -> Markup:
        return Markup("<br>")

    @staticmethod
    def anchor(anchor_id: str, *classes: str) -> Markup:
        """An attribute list giving the heading or paragraph a stable id (ids are slugs) and classes."""
        return Markup("{#" + " .".join((anchor_id, *classes)) + "}")

    @staticmethod
    def slug(text: str) -> Markup:
        return Markup(slugify(text))  # [a-z0-9-] only

    def link(self, target: str, anchor: str = "") -> Markup:
        """A Markdown link destination to a generated page (MkDocs turns it into a URL)."""
        rel = _relative(target, posixpath.dirname(self.here))
        return Markup(rel + (f"#{anchor}" if anchor else ""))  # paths and anchors are slugs

    def href(self, target: str, anchor: str = "") -> str:
        """The final URL of a generated page, for links inside HTML (which MkDocs does not rewrite)."""
        return self.urls.href(self.here, target, anchor)

    def _link(self, name: str, target: str, anchor: str = "") -> Markup:
        return Markup(f"[{markup.escape_text(name)}]({self.link(target, anchor)})")

    def journey_link(self, journey: Journey) -> Markup:
        """The journey's title, linked; a future state (``state: to-be``) is marked after it."""
        return Markup(self._link(self.journey_title(journey), self.urls.journey(journey.id)) + self.state_badge(journey))

    def persona_link(self, persona_id: str) -> Markup:
        persona = self.hb.personas.get(persona_id)
        return self._link(self.persona_name(persona) if persona else persona_id, self.urls.persona(persona_id))

    def phase_link(self, journey: Journey, phase_id: str, anchor: str = "") -> Markup:
        name = self.phase_name(self.hb.framework_of(journey), phase_id)
        return self._link(name, self.urls.phase(journey.id, phase_id), anchor)

    def touchpoint_link(self, touchpoint_id: str) -> Markup:
        return self._link(self.touchpoint_name(touchpoint_id), self.urls.catalog("touchpoints"), "tp-" + touchpoint_id)

    def _cite(self, items: Sequence[CiteItem]) -> str:
        """A citation group ``[@a, p. 3; @b]`` as HTML: each item links to its source entry."""
        sources = self.urls.catalog("sources")
        order = self.site.bib_order
        parts = []
        for item in sorted(items, key=lambda i: order.get(i.key, len(order))):  # APA: reference-list order
            if item.key not in self.cited:
                self.cited.append(item.key)
            inner = self.site.bib.cite([item]).strip()
            if inner.startswith("(") and inner.endswith(")"):
                inner = inner[1:-1]
            href = html.escape(self.href(sources, slugify(item.key)))
            parts.append(f'<a href="{href}">{markup.render_inline(inner)}</a>')
        return "(" + "; ".join(parts) + ")"

    def references(self) -> Markup:
        """The "References" section listing what this page cited (empty when nothing)."""
        if not self.cited:
            return Markup("")
        sources = self.link(self.urls.catalog("sources"))
        keys = sorted(self.cited, key=lambda k: self.site.bib_order.get(k, len(self.site.bib_order)))
        lines = ["", f"## {self.label('references')} {{#references}}", ""]
        lines += [f"- {markup.render_inline(self.site.bib.entry(k))} [↩]({sources}#{slugify(k)})" for k in keys]
        return Markup("\n".join(lines))

    def diagram(self, kind: str, *subjects: Any, **options: Any) -> Markup:
        """Diagram ``kind`` (see :data:`journeybook.diagrams.KINDS`) of ``subjects`` as a figure.

        Graphviz problems become diagnostics at the subject's place, never a crash.
        """
        where = subjects[0].loc() if subjects else Location(self.hb.source_dir)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DiagramWarning)
            try:
                svg = self.site.diagrams.draw(kind, self.hb, *subjects, lang=self.lang, **options)
            except DiagramError as exc:
                self.site.diagnostics.append(diagnostic(where, "diagram-failed", M_DIAGRAM, kind=kind, detail=str(exc)))
                svg = ""
        for warning in caught:
            if issubclass(warning.category, DiagramWarning):
                detail = str(warning.message)
                self.site.diagnostics.append(
                    diagnostic(where, "diagram-warning", M_DIAGRAM_WARNING, "warning", kind=kind, detail=detail)
                )
        return Markup(svg)

    @property
    def diagram_kinds(self) -> frozenset[str]:
        """The diagram kinds this build can draw (templates guard kinds that may be missing)."""
        return frozenset(KINDS)

    # ---------------------------------------------------------------- future states, review dates (FORMAT 1.1)

    def state_badge(self, journey: Journey) -> Markup:
        """The mark after a future state's name ("◇ to-be": a symbol and a word, framed); nothing for an as-is journey."""
        if journey.state != "to-be":
            return Markup("")
        return Markup(
            f' <span class="jb-state jb-state--to-be"><span aria-hidden="true">{TO_BE_SYMBOL}</span> {self.label("to_be")}</span>'
        )

    def as_is_of(self, journey: Journey) -> Journey | None:
        """The as-is journey a to-be journey improves (None for an as-is journey, or when it names none)."""
        return future.as_is_of(self.hb, journey)

    def futures_of(self, journey: Journey) -> list[Journey]:
        """The to-be journeys that improve ``journey``."""
        return list(self.site.futures.get(journey.id, [])) if journey.state == "as-is" else []

    def comparison(self, journey: Journey) -> future.Comparison | None:
        """What changes from the as-is journey to the to-be ``journey`` (worked out once per build)."""
        return self.site.comparisons.get(journey.id)

    def future_pairs(self) -> list[tuple[Journey | None, list[Journey]]]:
        """Each as-is journey with the future states that improve it, then future states that name none."""
        pairs: list[tuple[Journey | None, list[Journey]]] = []
        for journey in self.hb.journeys.values():
            futures = self.futures_of(journey)
            if futures:
                pairs.append((journey, futures))
        alone = [j for j in self.hb.journeys.values() if j.state == "to-be" and self.as_is_of(j) is None]
        return pairs + ([(None, alone)] if alone else [])

    def delta(self, value: float | None) -> Markup:
        """A change of feeling as symbol, number and word: "▲ +1 better", "▼ −0.5 worse", "● 0 unchanged"."""
        if value is None:
            return self.label("not_comparable")
        key, symbol = ("better", "▲") if value > 0 else ("worse", "▼") if value < 0 else ("unchanged", "●")
        return Markup(
            f'<span class="jb-delta jb-delta--{key}"><span aria-hidden="true">{symbol}</span> '
            f"{self.number(value, sign=True)} {self.label(DELTA_WORDS[key])}</span>"
        )

    def delta_summary(self, comparison: future.Comparison) -> Markup:
        """How many phases feel better, the same or worse: "▲ 2 better · ● 1 unchanged"."""
        deltas = [d.delta for d in comparison.phases if d.delta is not None]
        parts = []
        for key, symbol, n in (
            ("better", "▲", sum(1 for d in deltas if d > 0)),
            ("unchanged", "●", sum(1 for d in deltas if d == 0)),
            ("worse", "▼", sum(1 for d in deltas if d < 0)),
        ):
            if n:
                parts.append(
                    f'<span class="jb-delta jb-delta--{key}"><span aria-hidden="true">{symbol}</span> {n} {self.label(DELTA_WORDS[key])}</span>'
                )
        return Markup(" · ".join(parts)) if parts else self.label("not_comparable")

    def long_date(self, value: Any) -> Markup:
        """A day in words, in the site's language: "1 October 2026", "1 oktober 2026" (never the clock or locale)."""
        if not value:
            return Markup("")
        month = label("months", self.lang).split()[value.month - 1]
        return Markup(f'<time class="jb-date" datetime="{value.isoformat()}">{value.day} {month} {value.year}</time>')

    def reviewed(self, value: Any) -> Markup:
        """The review date with its label ("Last reviewed: 1 October 2026"), or nothing when none is given."""
        if not value:
            return Markup("")
        return Markup(f"**{self.label('last_reviewed')}:** {self.long_date(value)}")

    # ---------------------------------------------------------------- evidence (FORMAT 1.1)

    @property
    def evidence_in_use(self) -> bool:
        """Whether the handbook has research: only then are evidence levels shown."""
        return bool(self.hb.research)

    def evidence(self, level: str) -> Markup:
        """A derived evidence level as symbol and word ("● observed"): never colour alone."""
        symbol = next((sym for lvl, sym in evidence.SYMBOLS.items() if lvl == level), "")
        return Markup(
            f'<span class="jb-evidence jb-evidence--{markup.escape_text(level)}">'
            f'<span aria-hidden="true">{symbol}</span> {self.label("ev_" + level)}</span>'
        )

    def step_level(self, step: Step) -> str:
        return evidence.step_level(self.hb, step)

    def pain_level(self, pain: PainPoint) -> str:
        return evidence.pain_level(self.hb, pain)

    def opportunity_level(self, opportunity: Opportunity) -> str:
        return evidence.opportunity_level(self.hb, opportunity)

    def finding_title(self, finding_id: str, limit: int = 70) -> str:
        """What a finding says, as plain words, shortened: how readers recognise it (its id is for authors)."""
        words = self.plain(self.hb.findings[finding_id].text)
        return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"

    def finding_link(self, finding_id: str) -> Markup:
        """A finding, by its words, linked to it on its research page (an unknown id as code)."""
        if finding_id not in self.hb.findings:
            return self.code(finding_id)
        research = self.hb.research_of(finding_id)
        name = self.finding_title(finding_id) or finding_id
        return self._link(name, self.urls.research(research.id), self.urls.finding_anchor(finding_id))

    def finding_links(self, finding_ids: Sequence[str]) -> Markup:
        return Markup(", ".join(self.finding_link(f) for f in dict.fromkeys(finding_ids)))

    def research_title(self, research: Any) -> str:
        return self.plain(research.title) or research.id

    def research_link(self, research: Any, anchor: str = "") -> Markup:
        return self._link(self.research_title(research), self.urls.research(research.id), anchor)

    def coverage(self, journey: Journey) -> Coverage:
        return evidence.coverage(self.hb, journey)

    def level_counts(self, journey: Journey) -> list[tuple[str, int]]:
        """How many of the journey's steps and pain points are observed, reported, assumed."""
        levels = []
        for _phase, step in journey.steps():
            levels.append(evidence.step_level(self.hb, step))
            levels += [evidence.pain_level(self.hb, pain) for pain in step.pain_points]
        return [(lvl, levels.count(lvl)) for lvl in evidence.LEVELS]

    def coverage_text(self, journey: Journey, short: bool = False) -> Markup:
        """The coverage in words: "4 of 6 steps and pain points rest on a finding (67%)", or "no steps yet"."""
        cov = self.coverage(journey)
        if cov.percent is None:
            return self.label("coverage_empty")
        key = "coverage_short" if short else "coverage_text"
        return self.label(key, covered=cov.covered, total=cov.total, percent=cov.percent)

    def coverage_bar(self, journey: Journey) -> Markup:
        """A bar drawn from the share (the text beside it says the same, so it is hidden from screen readers)."""
        percent = self.coverage(journey).percent
        if percent is None:
            return Markup("")
        return Markup(
            '<svg class="jb-coverage" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<rect class="jb-coverage__track" width="100" height="8"/><rect class="jb-coverage__fill" width="{percent}" height="8"/></svg>'
        )

    def cite_key(self, key: str) -> Markup:
        """A citation of one sources id, as the Markdown ``[@key]`` would give it."""
        if key not in self.hb.sources:
            return self.code(key)
        return Markup(self._cite([CiteItem(key)]))

    # ---------------------------------------------------------------- metrics (FORMAT 1.1)

    def metric_name(self, metric: Metric) -> str:
        return self.plain(metric.name) or metric.id

    def number(self, value: float, sign: bool = False) -> str:
        """A value as the metric diagrams write it (3.4, 3,4 in Dutch, a real minus); ``sign``: +0.3."""
        text = measures.number(value, self.lang)
        return "+" + text if sign and text != "0" and not text.startswith("−") else text

    def measured(self, value: float, metric: Metric, sign: bool = False) -> str:
        """A value with the metric's unit ("3.4/5", "14.5%"), as plain text."""
        return self.number(value, sign) + measures.unit_of(metric)

    @staticmethod
    def date(value: Any) -> Markup:
        """A date as ISO 8601 (2026-09-30), kept on one line."""
        return Markup(f'<span class="jb-date">{markup.escape_text(value.isoformat())}</span>') if value else Markup("")

    def measure(self, value: float | None, metric: Metric) -> Markup:
        """A value with its unit, shown as text; "not set" for none."""
        return self.label("unset") if value is None else self.escape(self.measured(value, metric))

    def target_status(self, series: Series) -> Markup:
        """Whether the latest value meets its target, as symbol and word (by the metric's ``better``)."""
        state = series.on_target
        if state is None:
            return Markup(f'<span class="jb-target jb-target--none">{self.label("no_target")}</span>')
        key, symbol = ("on_target", "✓") if state else ("off_target", "✗")
        state_class = "jb-target--on" if state else "jb-target--off"
        return Markup(f'<span class="jb-target {state_class}"><span aria-hidden="true">{symbol}</span> {self.label(key)}</span>')

    def series_line(self, series: Series, name: bool = True) -> Markup:
        """A series in one line: "Customer satisfaction: 3.4/5 on 2026-09-30 · Target: 4.2/5 · ✗ off target · +0.3 since …"."""
        metric, latest = series.metric, series.latest
        parts = [
            self.label("metric_latest", value=self.measured(latest.value, metric), date=latest.date.isoformat()),
            f"{self.label('target')}: {self.measure(series.target, metric)}",
            str(self.target_status(series)),
        ]
        if series.change is not None:
            before = series.points[-2].date.isoformat()
            unit = measures.unit_of(metric)
            change = self.number(series.change, sign=True) + ("" if unit.startswith("/") else unit)  # "+0.3", not "+0.3/5"
            parts.append(self.label("metric_change", change=change, date=before))
        head = f"**{self.escape(self.metric_name(metric))}:** " if name else ""
        return Markup(head + " · ".join(parts))

    @staticmethod
    def finalize(value: Any) -> Any:
        """Anything a template prints that no filter made safe is sanitized as one line."""
        if value is None:
            return ""
        if isinstance(value, Markup):
            return value
        if isinstance(value, LocalizedText):
            raise TypeError("template printed author text without c.md/c.inline")  # a template bug
        return markup.escape_text(str(value))

