"""Markdown pages (and their navigation) generated from a validated handbook.

No MkDocs here: :func:`render_site` returns plain :class:`Page` objects (a docs-relative
path, Markdown text, the YAML file it came from) and a :class:`NavEntry` tree. The MkDocs
plugin turns them into ``File.generated`` objects; ``journeybook render`` writes them to disk.

Templates live in ``templates/*.md.j2``. Every value a template prints passes through
:meth:`PageContext.finalize`: it is escaped as text unless a helper already made it safe
(author Markdown through :mod:`journeybook.markup`, our own links and anchors).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import jinja2
import yaml
from markupsafe import Markup

from . import insights, lint, markup
from .bibliography import Bibliography
from .citations import CiteItem, find_citations
from .diagram_cache import DiagramRenderer
from .diagrams import DiagramError, DiagramWarning
from .diagnostics import Count, Diagnostic, Location, Msg, diagnostic
from .handbook import Handbook, is_builtin
from .i18n import count, emotion_text, label
from .model import Framework, Journey, JourneyPhase, LocalizedText, Persona, slugify

# The Markdown extensions the generated pages need (the plugin adds missing ones;
# `journeybook render` writes exactly these into the standalone mkdocs.yml).
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "toc": {"permalink": True},
}


M_DIAGRAM = Msg("could not draw a diagram ({kind}): {detail}", "kon een diagram niet tekenen ({kind}): {detail}")
M_DIAGRAM_WARNING = Msg(
    "Graphviz warned while drawing a diagram ({kind}): {detail}",
    "Graphviz waarschuwde bij het tekenen van een diagram ({kind}): {detail}",
)

TextLike = Union[LocalizedText, str, None]


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str  # docs-relative posix path, e.g. "playbook/journeys/new-boots/index.md"
    title: str
    content: str
    source: Optional[Path] = None  # the YAML file the page is made from (for edit links)


@dataclass
class NavEntry:
    """A navigation item: a page (``path``) and/or a section (``children``)."""

    title: str
    path: Optional[str] = None
    children: list["NavEntry"] = field(default_factory=list)


@dataclass
class Site:
    pages: list[Page]
    nav: NavEntry
    diagnostics: list[Diagnostic]


# What pages need from the diagram module: one object per build that makes (and caches) every figure.
DiagramMaker = DiagramRenderer


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

    def href(self, here: str, target: str, anchor: str = "") -> str:
        """The URL of page ``target`` as seen from page ``here`` (both ``.../index.md``)."""
        rel = posixpath.relpath(posixpath.dirname(target), posixpath.dirname(here))
        url = (rel + "/" if rel != "." else "./") if self.directory_urls else posixpath.join(rel, "index.html")
        return url + (f"#{anchor}" if anchor else "")


class PageContext:
    """The helpers a template calls while rendering one page (``c`` in templates)."""

    def __init__(self, renderer: "Renderer", here: str):
        self.r = renderer
        self.hb = renderer.hb
        self.lang = renderer.lang
        self.urls = renderer.urls
        self.here = here
        self.cited: list[str] = []

    # -- text ---------------------------------------------------------------------------
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

    def value(self, key: Optional[str]) -> Markup:
        """A translated enum value ('high' → 'hoog'), or 'not set'."""
        return self.label(key) if key else self.label("unset")

    # -- names of things ------------------------------------------------------------------
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
    def emotion(value: Optional[int]) -> Markup:
        return Markup(emotion_text(value))  # a number and a face, never author text

    def where(self, d: Diagnostic) -> Markup:
        """A finding's place, relative to the folder that holds the source folder, as code."""
        return self.code(d.location.display(self.hb.source_dir.parent)) if d.location else Markup("")

    def message(self, d: Diagnostic) -> Markup:
        return self.escape(d.message(self.lang))

    def msg(self, message: Msg) -> str:
        return message.format(self.lang)

    def sentiment(self, average: Optional[float]) -> Markup:
        """An average sentiment as a word and a number: 'positive (+0.67)'."""
        if average is None:
            return self.label("unset")
        word = "positive" if average > 0.33 else "negative" if average < -0.33 else "neutral"
        return Markup(f"{self.label(word)} ({average:+.2f})".replace("-", "−"))

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

    def entry(self, key: str) -> Markup:
        """One bibliography entry as a paragraph with the source id (a slug) as its anchor."""
        return Markup(f'<p id="{slugify(key)}">{markup.render_inline(self.r.bib.entry(key))}</p>')

    # -- links ----------------------------------------------------------------------------
    def link(self, target: str, anchor: str = "") -> Markup:
        """A Markdown link destination to a generated page (MkDocs turns it into a URL)."""
        rel = posixpath.relpath(target, posixpath.dirname(self.here))
        return Markup(rel + (f"#{anchor}" if anchor else ""))  # paths and anchors are slugs

    def href(self, target: str, anchor: str = "") -> str:
        """The final URL of a generated page, for links inside HTML (which MkDocs does not rewrite)."""
        return self.urls.href(self.here, target, anchor)

    def _link(self, name: str, target: str, anchor: str = "") -> Markup:
        return Markup(f"[{markup.escape_text(name)}]({self.link(target, anchor)})")

    def journey_link(self, journey: Journey) -> Markup:
        return self._link(self.journey_title(journey), self.urls.journey(journey.id))

    def persona_link(self, persona_id: str) -> Markup:
        persona = self.hb.personas.get(persona_id)
        return self._link(self.persona_name(persona) if persona else persona_id, self.urls.persona(persona_id))

    def phase_link(self, journey: Journey, phase_id: str, anchor: str = "") -> Markup:
        name = self.phase_name(self.hb.framework_of(journey), phase_id)
        return self._link(name, self.urls.phase(journey.id, phase_id), anchor)

    def touchpoint_link(self, touchpoint_id: str) -> Markup:
        return self._link(self.touchpoint_name(touchpoint_id), self.urls.catalog("touchpoints"), "tp-" + touchpoint_id)

    @staticmethod
    def count(n: int, noun: str) -> Count:
        return count(n, noun)

    # -- checklists -------------------------------------------------------------------------
    def checklist_items(self, journey: Journey, phase_id: str) -> list[TextLike]:
        """The phase model's checklist for this phase, then the journey's own items."""
        fphase = self.hb.framework_of(journey).phase(phase_id)
        phase = next(p for p in journey.phases if p.phase == phase_id)
        return [*(fphase.checklist if fphase else []), *phase.checklist]

    def checklist_keys(self, journey: Journey, phase_id: Optional[str] = None) -> list[str]:
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
        for item, key in zip(items, keys):
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

    # -- the journey grid ---------------------------------------------------------------------
    @staticmethod
    def step_numbers(journey: Journey) -> dict[int, int]:
        """Steps numbered through the whole journey (1, 2, 3 … across phases), by ``id(step)``."""
        return {id(step): n for n, (_phase, step) in enumerate(journey.steps(), 1)}

    def step_number(self, journey: Journey, step: Any) -> int:
        return self.step_numbers(journey)[id(step)]

    def grid(self, journey: Journey) -> list[tuple[str, list[Markup]]]:
        """The classic journey-map table: one row per aspect, one cell per phase."""
        rows: list[tuple[str, list[Markup]]] = [("goal", [self.inline(ph.goal) for ph in journey.phases])]
        numbers = self.step_numbers(journey)
        numbered = len(numbers) > 1

        def cell(phase: JourneyPhase, render: Any) -> Markup:
            parts = []
            for step in phase.steps:
                for item in render(step):
                    parts.append(f"{numbers[id(step)]}. {item}" if numbered else item)
            return Markup("<br>".join(parts))

        def touchpoint(use: Any) -> str:
            mark = f" ({self.value(use.sentiment)})" if use.sentiment else ""
            return f"{self.touchpoint_link(use.ref)}{mark}"

        def level(text: Any, value: Optional[str]) -> str:
            return f"{self.inline(text)}" + (f" ({self.value(value)})" if value else "")

        aspects: list[tuple[str, Any]] = [
            ("action", lambda s: [self.inline(s.action)]),
            ("thinking", lambda s: [f"<em>{self.inline(s.thinking)}</em>"] if s.thinking else []),
            ("emotion", lambda s: [self.emotion(s.emotion)]),
            ("touchpoints", lambda s: [", ".join(touchpoint(u) for u in s.touchpoints)] if s.touchpoints else []),
            ("pain_points", lambda s: [level(p.text, p.severity) for p in s.pain_points]),
            ("opportunities", lambda s: [level(o.text, o.priority) for o in s.opportunities]),
        ]
        for key, render in aspects:
            rows.append((key, [cell(ph, render) for ph in journey.phases]))
        return rows

    # -- citations ------------------------------------------------------------------------
    def _cite(self, items: Sequence[CiteItem]) -> str:
        """A citation group ``[@a, p. 3; @b]`` as HTML: each item links to its source entry."""
        sources = self.urls.catalog("sources")
        order = self.r.bib_order
        parts = []
        for item in sorted(items, key=lambda i: order.get(i.key, len(order))):  # APA: reference-list order
            if item.key not in self.cited:
                self.cited.append(item.key)
            inner = self.r.bib.cite([item]).strip()
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
        keys = sorted(self.cited, key=lambda k: self.r.bib_order.get(k, len(self.r.bib_order)))
        lines = ["", f"## {self.label('references')} {{#references}}", ""]
        lines += [f"- {markup.render_inline(self.r.bib.entry(k))} [↩]({sources}#{slugify(k)})" for k in keys]
        return Markup("\n".join(lines))

    # -- diagrams -------------------------------------------------------------------------
    def _diagram(self, where: Location, kind: str, *args: Any, **kwargs: Any) -> Markup:
        """One figure from the diagram maker; Graphviz problems become diagnostics, never a crash."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DiagramWarning)
            try:
                svg = getattr(self.r.diagrams, kind)(self.hb, *args, **kwargs)
            except DiagramError as exc:
                self.r.diagnostics.append(diagnostic(where, "diagram-failed", M_DIAGRAM, kind=kind, detail=str(exc)))
                svg = ""
        for warning in caught:
            if issubclass(warning.category, DiagramWarning):
                detail = str(warning.message)
                self.r.diagnostics.append(
                    diagnostic(where, "diagram-warning", M_DIAGRAM_WARNING, "warning", kind=kind, detail=detail)
                )
        return Markup(svg)

    def journey_map(self, journey: Journey) -> Markup:
        return self._diagram(journey.loc(), "journey_map", journey, self.lang, f"jb-{journey.id}-map")

    def emotion_curve(self, journey: Journey, phase: Optional[str] = None) -> Markup:
        prefix = f"jb-{journey.id}-{phase}-curve" if phase else f"jb-{journey.id}-curve"
        return self._diagram(journey.loc(), "emotion_curve", journey, self.lang, prefix, highlight_phase=phase)

    def persona_map(self, persona: Persona) -> Markup:
        return self._diagram(persona.loc(), "persona_map", persona, self.lang, f"jb-persona-{persona.id}-map")

    def overview_map(self) -> Markup:
        return self._diagram(Location(self.hb.source_dir), "overview_map", self.lang, "jb-overview-map")

    def touchpoint_heatmap(self) -> Markup:
        return self._diagram(Location(self.hb.source_dir), "touchpoint_heatmap", self.lang, "jb-touchpoint-heatmap")

    # -- template finalize ----------------------------------------------------------------
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


class Renderer:
    """Renders all pages of one handbook in one language."""

    def __init__(
        self,
        hb: Handbook,
        *,
        url: str = "playbook",
        lang: str = "en",
        diagrams: Optional[DiagramMaker] = None,
        findings: Sequence[Diagnostic] = (),
        directory_urls: bool = True,
    ):
        self.hb = hb
        self.findings = list(findings)
        self.lang = lang
        self.urls = Urls(url, directory_urls)
        self.bib = Bibliography(hb.sources, lang)
        self.bib_order = {key: n for n, key in enumerate(self.bib.keys_sorted())}
        self.diagrams = diagrams or DiagramRenderer()
        self.diagnostics: list[Diagnostic] = []
        self._cited_so_far: set[str] = set()
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("journeybook", "templates"),
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=PageContext.finalize,
            extensions=["jinja2.ext.do"],
        )

    def page(
        self, template: str, path: str, title: str, source: Optional[Path] = None, tags: Sequence[str] = (), **data: Any
    ) -> Page:
        ctx = PageContext(self, path)
        text = self.env.get_template(template).render(c=ctx, hb=self.hb, title=title, **data)
        self._cited_so_far.update(ctx.cited)
        return Page(path=path, title=title, content=front_matter(title, tags) + _tidy(text), source=source)

    def render(self) -> Site:
        hb, urls = self.hb, self.urls
        ctx = PageContext(self, urls.overview())
        items = insights.opportunities(hb)
        # the pages across all journeys, in navigation order; the sources page comes last
        catalogs: dict[str, dict[str, Any]] = {
            "touchpoints": {"stats": insights.touchpoint_stats(hb)},
            "opportunities": {"groups": insights.by_priority_and_status(items), "owners": insights.by_owner(items)},
            "pain-points": {"register": insights.pain_point_register(hb, self.lang)},
            "moments-of-truth": {"moments": insights.moments_of_truth(hb)},
            "checklists": {},
            "health": {"groups": lint.health(hb, self.findings), "rules": lint.RULES},
        }
        pages: list[Page] = [
            self.page("overview.md.j2", urls.overview(), label("playbook", self.lang), lowest=_lowest, catalogs=[*catalogs, "sources"])
        ]
        nav = NavEntry(label("playbook", self.lang), urls.overview())
        journeys_nav = NavEntry(label("journeys", self.lang))
        for journey in hb.journeys.values():
            framework = hb.framework_of(journey)
            title = ctx.journey_title(journey)
            source = journey.doc.path if journey.doc else None
            pages.append(
                self.page(
                    "journey.md.j2", urls.journey(journey.id), title, source, journey.tags,
                    journey=journey, framework=framework, lowest=_lowest,
                )
            )  # fmt: skip
            entry = NavEntry(title, urls.journey(journey.id))
            present = [p.phase for p in journey.phases]
            for i, phase in enumerate(journey.phases):
                name = ctx.phase_name(framework, phase.phase)
                pages.append(
                    self.page(
                        "phase.md.j2", urls.phase(journey.id, phase.phase), f"{name} · {title}", source,
                        journey=journey, framework=framework, phase=phase,
                        fphase=framework.phase(phase.phase), number=framework.phase_ids().index(phase.phase) + 1,
                        previous=present[i - 1] if i > 0 else None,
                        next=present[i + 1] if i + 1 < len(present) else None,
                    )
                )  # fmt: skip
                entry.children.append(NavEntry(name, urls.phase(journey.id, phase.phase)))
            journeys_nav.children.append(entry)
        personas_nav = NavEntry(label("personas", self.lang))
        for persona in hb.personas.values():
            name = ctx.persona_name(persona)
            source = persona.doc.path if persona.doc else None
            pages.append(self.page("persona.md.j2", urls.persona(persona.id), name, source, persona=persona))
            personas_nav.children.append(NavEntry(name, urls.persona(persona.id)))
        cited_by_pages = self._cited_so_far
        catalog_nav = []
        for name, data in catalogs.items():
            title = label(name, self.lang)
            pages.append(self.page(f"{name}.md.j2", urls.catalog(name), title, **data))
            catalog_nav.append(NavEntry(title, urls.catalog(name)))
        # last: the bibliography lists what the pages above cited, and the handbook's own sources
        own = {key for key, source in hb.sources.items() if not is_builtin(source)}
        listed = [k for k in self.bib.keys_sorted() if k in own or k in cited_by_pages]
        title = label("sources", self.lang)
        pages.append(self.page("sources.md.j2", urls.catalog("sources"), title, keys=listed))
        catalog_nav.append(NavEntry(title, urls.catalog("sources")))
        nav.children = [
            NavEntry(label("overview", self.lang), urls.overview()),
            *([journeys_nav] if journeys_nav.children else []),
            *([personas_nav] if personas_nav.children else []),
            *catalog_nav,
        ]
        return Site(pages=pages, nav=nav, diagnostics=self.diagnostics)


def render_site(
    hb: Handbook,
    *,
    url: str = "playbook",
    lang: str = "en",
    diagrams: Optional[DiagramMaker] = None,
    findings: Sequence[Diagnostic] = (),
    directory_urls: bool = True,
) -> Site:
    """Every page of the handbook, in a stable order, with the navigation tree.

    ``findings`` (warnings and notes from lint and the checks) fill the health page;
    ``directory_urls`` is MkDocs' ``use_directory_urls`` (for links inside HTML).
    """
    renderer = Renderer(hb, url=url, lang=lang, diagrams=diagrams, findings=findings, directory_urls=directory_urls)
    return renderer.render()


def _lowest(journey: Journey) -> Optional[int]:
    scores = [s.emotion for _p, s in journey.steps() if s.emotion is not None]
    return min(scores) if scores else None


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


def _tidy(text: str) -> str:
    """At most one blank line in a row and exactly one newline at the end (stable output)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and lines and not lines[-1]:
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"

