"""Markdown pages (and their navigation) generated from a validated handbook.

No MkDocs here: :func:`render_site` returns plain :class:`Page` objects (a docs-relative
path, Markdown text, the YAML file it came from) and a :class:`NavEntry` tree. The MkDocs
plugin turns them into ``File.generated`` objects; ``journeybook render`` writes them to disk.

Templates live in ``templates/*.md.j2``. Every value a template prints passes through
:meth:`PageContext.finalize`: author text is sanitized (see :mod:`journeybook.markup`)
unless a filter already made it safe Markdown.
"""

from __future__ import annotations

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
from .diagnostics import Diagnostic, Location, Msg, diagnostic
from .handbook import Handbook, is_builtin
from .i18n import emotion_text, label
from .model import Framework, Journey, LocalizedText, Persona, slugify

# The Markdown extensions the generated pages need (the plugin adds missing ones;
# `journeybook render` writes exactly these into the standalone mkdocs.yml).
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
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

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/") or "playbook"

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
        """Plain words, for titles and captions."""
        return markup.plain(self.text(value))

    def md(self, value: TextLike, indent: int = 0) -> Markup:
        """Author Markdown as a safe block with citations linked."""
        return Markup(markup.block(self.text(value), indent=indent, cite=self._cite))

    def inline(self, value: TextLike) -> Markup:
        """Author Markdown on one line (table cells, list items, headings)."""
        return Markup(markup.inline(self.text(value), cite=self._cite))

    def label(self, key: str, **args: object) -> str:
        return label(key, self.lang, **args)

    def value(self, key: Optional[str]) -> str:
        """A translated enum value ('high' → 'hoog'), or 'not set'."""
        return label(key, self.lang) if key else label("unset", self.lang)

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
    def emotion(value: Optional[int]) -> str:
        return emotion_text(value)

    def where(self, d: Diagnostic) -> str:
        """A finding's place, relative to the folder that holds the source folder."""
        return d.location.display(self.hb.source_dir.parent) if d.location else ""

    def message(self, d: Diagnostic) -> str:
        return d.message(self.lang)

    def msg(self, message: Msg) -> str:
        return message.format(self.lang)

    @staticmethod
    def front_matter(journey: Journey) -> Markup:
        """YAML front matter with the journey's tags (Material's tags plugin lists them).

        Tags are author text that the theme prints as they are: characters that could form
        HTML are dropped.
        """
        tags = [re.sub(r"[<>&\"'`]", "", t).strip() for t in journey.tags]
        tags = [t for t in tags if t]
        if not tags:
            return Markup("")
        body = yaml.safe_dump({"tags": tags}, allow_unicode=True, default_flow_style=False, sort_keys=False)
        return Markup(f"---\n{body}---\n")

    def sentiment(self, average: Optional[float]) -> str:
        """An average sentiment as a word and a number: 'positive (+0.67)'."""
        if average is None:
            return label("unset", self.lang)
        word = "positive" if average > 0.33 else "negative" if average < -0.33 else "neutral"
        return f"{label(word, self.lang)} ({average:+.2f})".replace("-", "−")

    def step_link(self, at: Any) -> Markup:
        """'Journey → Phase, step N' with links to the journey and to the step."""
        step = f"{self.label('step')} {at.number}"
        return Markup(f"{self.journey_link(at.journey)} → {self.phase_link(at.journey, at.phase.phase, at.anchor)}, {step}")

    @staticmethod
    def br() -> Markup:
        return Markup("<br>")

    @staticmethod
    def anchor(anchor_id: str, *classes: str) -> Markup:
        """An attribute list giving the heading or paragraph a stable id (ids are slugs) and classes."""
        return Markup("{#" + " .".join((anchor_id, *classes)) + "}")

    @staticmethod
    def slug(text: str) -> str:
        return slugify(text)

    def entry(self, key: str) -> Markup:
        """One bibliography entry as a paragraph with the source id as its anchor."""
        return Markup(f"{self.r.bib.entry(key)}\n{{: #{key} }}")

    # -- links ----------------------------------------------------------------------------
    def link(self, target: str, anchor: str = "") -> str:
        rel = posixpath.relpath(target, posixpath.dirname(self.here))
        return rel + (f"#{anchor}" if anchor else "")

    def journey_link(self, journey: Journey) -> Markup:
        return Markup(f"[{markup.inline(self.journey_title(journey))}]({self.link(self.urls.journey(journey.id))})")

    def persona_link(self, persona_id: str) -> Markup:
        persona = self.hb.personas.get(persona_id)
        name = self.persona_name(persona) if persona else persona_id
        return Markup(f"[{markup.inline(name)}]({self.link(self.urls.persona(persona_id))})")

    def phase_link(self, journey: Journey, phase_id: str, anchor: str = "") -> Markup:
        name = self.phase_name(self.hb.framework_of(journey), phase_id)
        return Markup(f"[{markup.inline(name)}]({self.link(self.urls.phase(journey.id, phase_id), anchor)})")

    def touchpoint_link(self, touchpoint_id: str) -> Markup:
        name = markup.inline(self.touchpoint_name(touchpoint_id))
        return Markup(f"[{name}]({self.link(self.urls.catalog('touchpoints'), 'tp-' + touchpoint_id)})")

    # -- the journey grid ---------------------------------------------------------------------
    def grid(self, journey: Journey) -> list[tuple[str, list[Markup]]]:
        """The classic journey-map table: one row per aspect, one cell per phase."""
        rows: list[tuple[str, list[Markup]]] = [("goal", [self.inline(ph.goal) for ph in journey.phases])]
        numbered = len(max((ph.steps for ph in journey.phases), key=len, default=[])) > 1

        def cell(phase: JourneyPhase, render: Any) -> Markup:
            parts = []
            for n, step in enumerate(phase.steps, 1):
                for item in render(step):
                    parts.append(f"{n}. {item}" if numbered else item)
            return Markup("<br>".join(parts))

        def touchpoint(use: Any) -> str:
            mark = f" ({self.value(use.sentiment)})" if use.sentiment else ""
            return f"{self.touchpoint_link(use.ref)}{mark}"

        def level(text: Any, value: Optional[str]) -> str:
            return f"{self.inline(text)}" + (f" ({self.value(value)})" if value else "")

        aspects: list[tuple[str, Any]] = [
            ("action", lambda s: [self.inline(s.action)]),
            ("thinking", lambda s: [f"*{self.inline(s.thinking)}*"] if s.thinking else []),
            ("emotion", lambda s: [self.emotion(s.emotion)]),
            ("touchpoints", lambda s: [", ".join(touchpoint(u) for u in s.touchpoints)] if s.touchpoints else []),
            ("pain_points", lambda s: [level(p.text, p.severity) for p in s.pain_points]),
            ("opportunities", lambda s: [level(o.text, o.priority) for o in s.opportunities]),
        ]
        for key, render in aspects:
            rows.append((key, [cell(ph, render) for ph in journey.phases]))
        return rows

    # -- citations ------------------------------------------------------------------------
    def _cite(self, text: str) -> str:
        """Replace ``[@key, p. 3]`` groups in already-sanitized Markdown by links to the sources page."""
        out, pos = [], 0
        for citation in find_citations(text):
            out.append(text[pos : citation.start])
            out.append(self._citation_markdown(citation.items))
            pos = citation.end
        out.append(text[pos:])
        return "".join(out)

    def _citation_markdown(self, items: Sequence[CiteItem]) -> str:
        sources = self.link(self.urls.catalog("sources"))
        order = self.r.bib_order
        parts = []
        for item in sorted(items, key=lambda i: order.get(i.key, len(order))):  # APA: reference-list order
            if item.key not in self.cited:
                self.cited.append(item.key)
            inner = self.r.bib.cite([item]).strip()
            if inner.startswith("(") and inner.endswith(")"):
                inner = inner[1:-1]
            parts.append(f"[{inner}]({sources}#{item.key})")
        return "(" + "; ".join(parts) + ")"

    def references(self) -> Markup:
        """The "References" section listing what this page cited (empty when nothing)."""
        if not self.cited:
            return Markup("")
        sources = self.link(self.urls.catalog("sources"))
        keys = sorted(self.cited, key=lambda k: self.r.bib_order.get(k, len(self.r.bib_order)))
        lines = ["", f"## {self.label('references')} {{#references}}", ""]
        lines += [f"- {self.r.bib.entry(k)} [↩]({sources}#{k})" for k in keys]
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
        return markup.inline(str(value))


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
    ):
        self.hb = hb
        self.findings = list(findings)
        self.lang = lang
        self.urls = Urls(url)
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

    def page(self, template: str, path: str, title: str, source: Optional[Path] = None, **data: Any) -> Page:
        ctx = PageContext(self, path)
        text = self.env.get_template(template).render(c=ctx, hb=self.hb, title=title, **data)
        self._cited_so_far.update(ctx.cited)
        return Page(path=path, title=title, content=_tidy(text), source=source)

    def render(self) -> Site:
        hb, urls = self.hb, self.urls
        ctx = PageContext(self, urls.overview())
        pages: list[Page] = [
            self.page("overview.md.j2", urls.overview(), label("playbook", self.lang), lowest=_lowest)
        ]
        nav = NavEntry(label("playbook", self.lang), urls.overview())
        journeys_nav = NavEntry(label("journeys", self.lang))
        for journey in hb.journeys.values():
            framework = hb.framework_of(journey)
            title = ctx.journey_title(journey)
            source = journey.doc.path if journey.doc else None
            pages.append(
                self.page(
                    "journey.md.j2", urls.journey(journey.id), title, source,
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
        items = insights.opportunities(hb)
        catalogs: list[tuple[str, dict[str, Any]]] = [
            ("touchpoints", {"stats": insights.touchpoint_stats(hb)}),
            ("opportunities", {"groups": insights.by_priority_and_status(items), "owners": insights.by_owner(items)}),
            ("pain-points", {"register": insights.pain_point_register(hb, self.lang)}),
            ("moments-of-truth", {"moments": insights.moments_of_truth(hb)}),
            ("checklists", {}),
            ("health", {"groups": lint.health(hb, self.findings), "rules": lint.RULES}),
        ]
        catalog_nav = []
        for name, data in catalogs:
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
) -> Site:
    """Every page of the handbook, in a stable order, with the navigation tree.

    ``findings`` (warnings and notes from lint and the checks) fill the health page.
    """
    return Renderer(hb, url=url, lang=lang, diagrams=diagrams, findings=findings).render()


def _lowest(journey: Journey) -> Optional[int]:
    scores = [s.emotion for _p, s in journey.steps() if s.emotion is not None]
    return min(scores) if scores else None


def error_page(urls: Urls, lang: str, problems: str) -> Page:
    """The page `mkdocs serve` shows in place of the playbook while the YAML has errors."""
    fence = "`" * max(3, max((len(run) for run in re.findall("`+", problems)), default=0) + 1)
    content = "\n".join(
        [
            f"# {label('playbook', lang)}",
            "",
            label("errors_intro", lang),
            "",
            f"{fence}text",
            problems,
            fence,
            "",
        ]
    )
    return Page(path=urls.overview(), title=label("playbook", lang), content=content)


def _tidy(text: str) -> str:
    """At most one blank line in a row and exactly one newline at the end (stable output)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and lines and not lines[-1]:
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"

