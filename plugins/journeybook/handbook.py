"""A whole handbook: every validated document of the source folder, with ids resolved.

``build_handbook(source)`` runs load → model → cross references and returns the
:class:`Handbook` together with every diagnostic found, sorted. The handbook is only
usable when there are no errors (``has_errors(diagnostics)`` is False).

Documents are read leniently: one with errors still takes part with what is valid in it,
so the cross references of every document are checked in the same run as its own
problems, and one mistake gives one error (an id that is missing or invalid is neither
defined nor looked up; references to ids of documents with errors are not reported).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .citations import cited_keys
from .csvdata import M_MISSING_FILE, M_NOT_CSV, M_OUTSIDE, load_csv
from .diagnostics import Diagnostic, Msg, Text, closest, diagnostic, sort_diagnostics, suggestion
from .loader import Document, load_file, load_source
from .model import (
    ID_FROM_STEM,
    KINDS,
    SLUG_RE,
    Finding,
    Framework,
    Journey,
    JourneyPhase,
    Measurement,
    Metric,
    MetricSet,
    Opportunity,
    Persona,
    Record,
    Research,
    Source,
    SourceList,
    Step,
    Touchpoint,
    TouchpointCatalog,
    iter_texts,
    parse_place,
    slugify,
    validate_document,
    validate_rows,
)

if TYPE_CHECKING:
    from .memo import Memo

T = TypeVar("T")
BUILTIN_DIR = Path(__file__).parent / "builtin"
DEFAULT_FRAMEWORK = "five-phases"

M_DUPLICATE = Msg(
    "duplicate {kind} id {id!r}: also defined at {other}",
    "dubbele {kind}-id {id!r}: ook gedefinieerd op {other}",
)
M_UNKNOWN_REF = Msg("unknown {kind} {id!r}{hint}", "onbekende {kind} {id!r}{hint}")
M_UNKNOWN_PHASE = Msg(
    "phase {id!r} is not part of framework {framework!r}{hint}",
    "fase {id!r} hoort niet bij framework {framework!r}{hint}",
)
M_REPEATED_PHASE = Msg(
    "phase {id!r} appears twice in this journey (first at line {line}); a phase may be left out, not repeated",
    "fase {id!r} staat twee keer in deze journey (eerst op regel {line}); een fase mag ontbreken, niet herhaald worden",
)
M_PHASE_ORDER = Msg(
    "phase {id!r} comes before {previous!r} in framework {framework!r}; keep the framework's order: {order}",
    "fase {id!r} komt vóór {previous!r} in framework {framework!r}; houd de volgorde van het framework aan: {order}",
)
M_UNKNOWN_CITATION = Msg(
    "unknown source {key!r} in citation{hint}",
    "onbekende bron {key!r} in citaat{hint}",
)
M_ADD_SOURCE = Msg("; add it to a 'kind: sources' file", "; voeg hem toe aan een bestand met 'kind: sources'")
M_MISSING_TRANSLATION = Msg(
    "no {missing} text here; pages in {missing} show the {shown} text instead",
    "hier staat geen {missing} tekst; pagina's in het {missing} tonen de {shown} tekst",
)
M_DUPLICATE_PHASE = Msg(
    "phase id '{id}' appears twice in this framework; each phase needs its own id",
    "fase-id '{id}' staat twee keer in dit framework; elke fase heeft een eigen id nodig",
)
M_DEFAULT_FRAMEWORK = Msg(
    "the configured framework {id!r} does not exist{hint}",
    "het ingestelde framework {id!r} bestaat niet{hint}",
)

M_DUPLICATE_STEP = Msg(
    "step id {id!r} appears twice in this journey (first at line {line}); each step needs its own id",
    "stap-id {id!r} staat twee keer in deze journey (eerst op regel {line}); elke stap heeft een eigen id nodig",
)
M_UNKNOWN_STEP = Msg("journey {journey!r} has no step {id!r}{hint}", "journey {journey!r} heeft geen stap {id!r}{hint}")
M_NO_STEP_IDS = Msg(
    "; give the step an 'id:' in that journey to refer to it",
    "; geef de stap een 'id:' in die journey om ernaar te verwijzen",
)
M_UNKNOWN_JOURNEY_PHASE = Msg(
    "journey {journey!r} has no phase {id!r}{hint}",
    "journey {journey!r} heeft geen fase {id!r}{hint}",
)
M_REF_WITH_FIELDS = Msg(
    "an opportunity with 'ref' is the one defined at {other}; write {key!r} there, or leave out 'ref'",
    "een kans met 'ref' is de kans die op {other} staat; schrijf {key!r} daar, of laat 'ref' weg",
)
M_REF_UNKNOWN = Msg("unknown opportunity {id!r}{hint}", "onbekende kans {id!r}{hint}")
M_REF_NO_IDS = Msg(
    "; give the opportunity an 'id:' where it is defined, and use that id here",
    "; geef de kans een 'id:' waar hij staat, en gebruik die id hier",
)
M_OPPORTUNITY_TEXT = Msg(
    "missing required key 'text' (or 'ref' to an opportunity defined at another step)",
    "verplichte sleutel 'text' ontbreekt (of 'ref' naar een kans die bij een andere stap staat)",
)
M_OUT_OF_SCALE = Msg(
    "{value} is outside the scale of metric {metric!r} ({low} to {high})",
    "{value} valt buiten de schaal van meetwaarde {metric!r} ({low} tot {high})",
)
M_IMPROVES_AS_IS = Msg(
    "'improves' belongs to a future state; add 'state: to-be' to this journey, or leave out 'improves'",
    "'improves' hoort bij een toekomstbeeld; zet 'state: to-be' bij deze journey, of laat 'improves' weg",
)
M_IMPROVES_SELF = Msg("a journey cannot improve itself", "een journey kan zichzelf niet verbeteren")
M_IMPROVES_TO_BE = Msg(
    "{id!r} is itself a to-be journey; 'improves' names the as-is journey that customers live now",
    "{id!r} is zelf een to-be-journey; 'improves' noemt de as-is-journey die klanten nu beleven",
)
M_IMPROVES_FRAMEWORK = Msg(
    "{id!r} follows framework {theirs!r} and this journey {ours!r}; a future state uses the phase model of its as-is journey, "
    "so that both can be compared phase by phase",
    "{id!r} volgt framework {theirs!r} en deze journey {ours!r}; een toekomstbeeld gebruikt het fasemodel van zijn as-is-journey, "
    "zodat ze fase voor fase te vergelijken zijn",
)
M_SCALE_ORDER = Msg("'min' ({low}) is above 'max' ({high})", "'min' ({low}) is groter dan 'max' ({high})")

KIND_NAMES = {
    "persona": Msg("persona", "persona"),
    "journey": Msg("journey", "journey"),
    "touchpoint": Msg("touchpoint", "touchpoint"),
    "source": Msg("source", "bron"),
    "framework": Msg("framework", "framework"),
    "research": Msg("research", "onderzoek"),
    "finding": Msg("finding", "bevinding"),
    "metric": Msg("metric", "meetwaarde"),
    "opportunity": Msg("opportunity", "kans"),
}


@dataclass
class Handbook:
    """Everything the pages and diagrams are made from, keyed by id in a stable order."""

    source_dir: Path
    default_framework: str = DEFAULT_FRAMEWORK
    personas: dict[str, Persona] = field(default_factory=dict)
    journeys: dict[str, Journey] = field(default_factory=dict)
    touchpoints: dict[str, Touchpoint] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    research: dict[str, Research] = field(default_factory=dict)
    findings: dict[str, Finding] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    # Every measurement whose metric and place exist, from YAML and CSV, in file order.
    measurements: list[Measurement] = field(default_factory=list)
    # Opportunities that have an id (the ones 'ref' can name), across all journeys.
    opportunities: dict[str, Opportunity] = field(default_factory=dict)
    research_by_finding: dict[str, Research] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # the YAML files
    data_files: list[Path] = field(default_factory=list)  # the CSV files they name
    # The object of every document of the handbook's own files, in file order; of documents
    # with errors, what is valid in them. The cross references are checked on these.
    documents: list[Record] = field(default_factory=list)
    # Ids defined by documents that have errors of their own: references to them are not
    # reported again (one typo should give one error, not one per use).
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    # What is worked out from the handbook once (metric series, the backlog): see derived().
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per handbook under ``name``: a handbook is read-only once
        :func:`build_handbook` returned it, so what is derived from it stays true."""
        if name not in self._derived:
            self._derived[name] = make()
        return cast(T, self._derived[name])

    def framework_of(self, journey: Journey) -> Framework:
        return self.frameworks[journey.framework or self.default_framework]

    def journeys_of(self, persona_id: str) -> list[Journey]:
        return [j for j in self.journeys.values() if persona_id in j.persona]

    def steps(self) -> Iterator[tuple[Journey, JourneyPhase, Step]]:
        for journey in self.journeys.values():
            for phase, step in journey.steps():
                yield journey, phase, step

    def nodes(self) -> Iterator[Record]:
        """Every top-level object the handbook's own files define (not the built-ins)."""
        for group in (self.personas, self.journeys, self.touchpoints, self.sources, self.frameworks, self.research, self.metrics):
            yield from (n for n in group.values() if not is_builtin(n))

    def research_of(self, finding_id: str) -> Research:
        """The research document a finding comes from."""
        return self.research_by_finding[finding_id]

    def opportunity(self, opportunity: Opportunity) -> Opportunity:
        """The opportunity itself: for a ``ref``, the one defined elsewhere under that id."""
        if opportunity.ref:
            return self.opportunities.get(opportunity.ref, opportunity)
        return opportunity


def is_builtin(node: Record) -> bool:
    """True for what journeybook ships (built-in frameworks and sources), False for the handbook's own."""
    return node.doc is not None and node.doc.path in _builtin_paths()


def build_handbook(
    source: Path, default_framework: str = DEFAULT_FRAMEWORK, builtin_guidance: bool = True, memo: Memo | None = None
) -> tuple[Handbook, list[Diagnostic]]:
    """Load, validate and cross-check every YAML file under ``source``.

    ``builtin_guidance=False`` keeps the built-in phase models but drops their summaries,
    checklists and guidance (a handbook that brings its own method).

    A value the loader could not read as written (a bad date, a tag) is reported by the
    loader; what the later stages would say about that same value is left out. With a
    ``memo`` (:mod:`journeybook.memo`), only files changed since its last build are parsed again.
    """
    source = Path(source).resolve()
    documents, read_problems = load_source(source, memo)
    diags: list[Diagnostic] = []
    handbook = Handbook(source_dir=source, default_framework=default_framework)
    for path in sorted({d.location.path for d in read_problems if d.location and d.code in UNREADABLE}):
        for kind, node_id in _ids_in_text(path):
            handbook.broken_ids.setdefault(kind, set()).add(node_id)
    handbook.files = sorted({d.path for d in documents})
    _add_builtins(handbook, builtin_guidance)
    builtin_frameworks = dict(handbook.frameworks)
    own_frameworks: dict[str, Framework] = {}
    for doc in documents:
        node, problems = validate_document(doc, lenient=True)
        diags.extend(problems)
        if problems:
            for kind, node_id in _ids_in(doc):
                handbook.broken_ids.setdefault(kind, set()).add(node_id)
        if node is not None:
            handbook.documents.append(node)
            diags.extend(_register(handbook, node, own_frameworks))
    diags.extend(_resolve_extends(handbook, own_frameworks, builtin_frameworks))
    handbook.personas = dict(sorted(handbook.personas.items()))
    handbook.journeys = dict(sorted(handbook.journeys.items()))
    diags.extend(check_references(handbook))
    diags.extend(_add_measurements(handbook))
    unread = {d.location for d in read_problems if d.location is not None}
    return handbook, sort_diagnostics([*read_problems, *(d for d in diags if d.location not in unread)])


@lru_cache(maxsize=1)
def _builtin_documents() -> tuple[Document, ...]:
    docs: list[Document] = []
    for path in sorted(BUILTIN_DIR.glob("*.yml")):
        loaded, problems = load_file(path)
        assert not problems, problems  # the shipped files are checked by the tests
        docs.extend(loaded)
    return tuple(docs)


def _builtin_paths() -> set[Path]:
    return {d.path for d in _builtin_documents()}


def _add_builtins(handbook: Handbook, guidance: bool) -> None:
    for doc in _builtin_documents():
        node, problems = validate_document(doc)
        assert node is not None and not problems, problems
        if isinstance(node, Framework):
            if not guidance:
                bare = [p.model_copy(update={"summary": None, "checklist": [], "guidance": []}) for p in node.phases]
                node = node.model_copy(update={"phases": bare})
            handbook.frameworks[node.id] = node
        elif isinstance(node, SourceList):
            handbook.sources.update((s.id, s) for s in node.sources)


def _register(handbook: Handbook, node: Record, own_frameworks: dict[str, Framework]) -> list[Diagnostic]:
    """Put one validated document into the handbook; duplicate ids are reported at the second."""
    if isinstance(node, Persona):
        return _put(handbook.personas, node, "persona")
    if isinstance(node, Journey):
        problems = _put(handbook.journeys, node, "journey")
        for _phase, step in node.steps():
            for opp in step.opportunities:
                if opp.id and not opp.ref:
                    problems += _put(handbook.opportunities, opp, "opportunity")
        return problems
    if isinstance(node, Research):
        problems = _put(handbook.research, node, "research")
        for finding in node.findings:
            problems += _put(handbook.findings, finding, "finding")
            if handbook.findings.get(finding.id) is finding:
                handbook.research_by_finding[finding.id] = node
        return problems
    if isinstance(node, MetricSet):
        return [p for metric in node.metrics for p in _put(handbook.metrics, metric, "metric")]
    if isinstance(node, Framework):
        problems = _put(own_frameworks, node, "framework")
        if own_frameworks.get(node.id) is node:
            handbook.frameworks[node.id] = node  # a handbook's framework overrides a built-in one
        return problems
    if isinstance(node, TouchpointCatalog):
        return [p for tp in node.touchpoints for p in _put(handbook.touchpoints, tp, "touchpoint")]
    if isinstance(node, SourceList):
        problems = []
        for src in node.sources:
            first = handbook.sources.get(src.id)
            if first is not None and is_builtin(first):
                handbook.sources[src.id] = src  # a handbook entry wins over a built-in one
            else:
                problems += _put(handbook.sources, src, "source")
        return problems
    raise TypeError(f"unexpected model {type(node).__name__}")  # pragma: no cover - MODELS is closed


def _resolve_extends(hb: Handbook, own: dict[str, Framework], builtins: dict[str, Framework]) -> list[Diagnostic]:
    """Merge every handbook framework that ``extends`` another into the phases of its base.

    The base is the handbook's own framework of that id as written, else the built-in one
    (so ``id: five-phases`` with ``extends: five-phases`` adds to the built-in model).
    Extensions do not chain: the base is taken as defined, not as extended itself. The
    base of every framework document is checked, also of one that is not registered (its
    own id is a duplicate or invalid).
    """
    diags: list[Diagnostic] = []
    for framework in (n for n in hb.documents if isinstance(n, Framework)):
        if not framework.extends:
            continue
        candidates = {**builtins, **{k: v for k, v in own.items() if k != framework.id}}
        base = candidates.get(framework.extends)
        if base is None:
            diags += _ref(hb, framework, ("extends",), "framework", framework.extends, candidates)
            continue
        if own.get(framework.id) is not framework:
            continue
        merged = {p.id: p for p in base.phases}
        for phase in framework.phases:
            first = merged.get(phase.id)
            if first is None:
                merged[phase.id] = phase
                continue
            merged[phase.id] = first.model_copy(
                update={
                    "name": phase.name or first.name,
                    "summary": phase.summary or first.summary,
                    "checklist": [*first.checklist, *phase.checklist],
                    "guidance": [*first.guidance, *phase.guidance],
                }
            )
        hb.frameworks[framework.id] = framework.model_copy(
            update={"phases": list(merged.values()), "name": framework.name or base.name, "summary": framework.summary or base.summary}
        )
    return diags


def check_translations(hb: Handbook, site_language: str | None = None) -> list[Diagnostic]:
    """Warn where a text given per language lacks a language the handbook (or the site) uses.

    Plain strings are language-neutral and never reported. Built-in texts have both languages.
    """
    texts = [(owner, path, text) for top in hb.nodes() for owner, path, text in iter_texts(top)]
    languages = {lang for _o, _p, text in texts for lang in text.languages()}
    if site_language and languages:
        languages.add(site_language)
    diags = []
    for owner, path, text in texts:
        given = text.languages()
        if not given:
            continue
        for missing in sorted(languages - set(given)):
            shown = given[0]
            diags.append(
                diagnostic(owner.loc(*path), "missing-translation", M_MISSING_TRANSLATION, "warning", missing=missing, shown=shown)
            )
    return diags


def _ids_in(doc: Document) -> Iterator[tuple[str, str]]:
    """The ids a document with errors defines or meant to define, as far as they can be read.

    An invalid id counts as the ids it was meant to be (see :func:`_meant`). A catalog item
    written as a bare string (``- webshop``) counts as that id. A document whose kind is
    missing or unknown may have meant any kind.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    kind = data.get("kind")
    for meant_kind in [kind] if kind in KINDS else KINDS:
        if meant_kind in ID_FROM_STEM:
            yield from _meant(meant_kind, data.get("id"), slugify(doc.path.stem))
        list_key, item_kind = _ITEMS.get(meant_kind, (None, None))
        if list_key is not None and item_kind is not None and isinstance(data.get(list_key), list):
            for item in data[list_key]:
                yield from _meant(item_kind, item.get("id") if isinstance(item, dict) else item)
        if meant_kind == "journey":
            for opp in _journey_opportunities(data):
                yield from _meant("opportunity", opp.get("id"))


_ITEMS = {  # kind → (key of its list, kind of the ids its items define)
    "touchpoints": ("touchpoints", "touchpoint"),
    "sources": ("sources", "source"),
    "research": ("findings", "finding"),
    "metrics": ("metrics", "metric"),
}


def _journey_opportunities(data: dict) -> Iterator[dict]:
    """The opportunity mappings with an id in a journey's data, however broken the rest is."""
    phases = data.get("phases")
    for phase in phases if isinstance(phases, list) else []:
        steps = phase.get("steps") if isinstance(phase, dict) else None
        for step in steps if isinstance(steps, list) else []:
            opps = step.get("opportunities") if isinstance(step, dict) else None
            for opp in opps if isinstance(opps, list) else []:
                if isinstance(opp, dict) and "id" in opp and "ref" not in opp:
                    yield opp


def _meant(kind: str, written: object, default: str | None = None) -> Iterator[tuple[str, str]]:
    """A valid id as written; else its slug (``Web Shop`` as ``web-shop``, as its error message
    proposes) and the ``default`` id it would have had without it (the file's stem)."""
    if isinstance(written, str) and SLUG_RE.fullmatch(written):
        yield kind, written
        return
    if isinstance(written, str) and written.strip():
        yield kind, slugify(written)
    if default is not None:
        yield kind, default


# Loader problems that leave (part of) a file unread, so its ids are only known from its text.
UNREADABLE = {"yaml-syntax", "yaml-tab", "yaml-encoding", "yaml-bomb", "yaml-too-deep", "file-too-large"}
_KIND_LINE = re.compile(r"^kind:\s*['\"]?([a-z]+)", re.M)
_ID_LINE = re.compile(r"^(\s*)(?:-\s+)?id:\s*['\"]?([a-z0-9][a-z0-9-]*)", re.M)


def _ids_in_text(path: Path) -> Iterator[tuple[str, str]]:
    """Best-effort ids of a file YAML could not read, from its lines (``kind:`` and ``id:``)."""
    try:
        text = path.read_bytes()[: 2 * 2**20].decode("utf-8", errors="replace")
    except OSError:
        return
    for part in re.split(r"^---\s*$", text, flags=re.M):
        kind = _KIND_LINE.search(part)
        if kind is None:
            continue
        if kind.group(1) in ID_FROM_STEM:
            top = next((m.group(2) for m in _ID_LINE.finditer(part) if not m.group(1)), None)
            yield kind.group(1), top or slugify(path.stem)
        if kind.group(1) in _ITEMS or kind.group(1) == "journey":
            item_kind = _ITEMS[kind.group(1)][1] if kind.group(1) in _ITEMS else "opportunity"
            yield from ((item_kind, m.group(2)) for m in _ID_LINE.finditer(part) if m.group(1))


def _put(table: dict, node: Record, kind: str) -> list[Diagnostic]:
    """Register ``node`` under its id, unless that is a stand-in for an invalid one (empty)."""
    node_id = node.id  # type: ignore[attr-defined]
    if not node_id:
        return []
    first = table.get(node_id)
    if first is None:
        table[node_id] = node
        return []
    other = first.loc("id")
    return [diagnostic(node.loc("id"), "duplicate-id", M_DUPLICATE, kind=KIND_NAMES[kind], id=node_id, other=other)]


# --------------------------------------------------------------------------- cross references


def check_references(hb: Handbook) -> list[Diagnostic]:
    """Every id a document mentions must exist; phases must fit their framework.

    Checked on every document (:attr:`Handbook.documents`), also on the valid rest of one
    with errors, and on one that is not registered because its own id is a duplicate.
    """
    diags: list[Diagnostic] = []
    if hb.default_framework not in hb.frameworks:
        diags.append(
            diagnostic(
                None,
                "unknown-framework",
                M_DEFAULT_FRAMEWORK,
                id=hb.default_framework,
                hint=suggestion(hb.default_framework, hb.frameworks),
            )
        )
    for node in hb.documents:
        if isinstance(node, Persona):
            for i, channel in enumerate(node.channels):
                diags += _ref(hb, node, ("channels", i), "touchpoint", channel, hb.touchpoints)
        elif isinstance(node, Journey):
            diags += _check_journey(hb, node)
        elif isinstance(node, Framework):
            diags += _unique_phase_ids(node)
        elif isinstance(node, Research):
            if node.source:
                diags += _ref(hb, node, ("source",), "source", node.source, hb.sources)
        elif isinstance(node, MetricSet):
            for metric in node.metrics:
                if metric.min is not None and metric.max is not None and metric.min > metric.max:
                    diags.append(diagnostic(metric.loc("min"), "bad-scale", M_SCALE_ORDER, low=metric.min, high=metric.max))
    diags += _check_citations(hb, hb.documents)
    return diags


def _evidence(hb: Handbook, node: Record, ids: Sequence[str]) -> list[Diagnostic]:
    return [d for i, finding in enumerate(ids) for d in _ref(hb, node, ("evidence", i), "finding", finding, hb.findings)]


def _check_steps(hb: Handbook, journey: Journey) -> list[Diagnostic]:
    """Step ids once per journey; evidence names findings; an opportunity is text, or a ``ref`` alone."""
    diags: list[Diagnostic] = []
    seen: dict[str, Step] = {}
    for _phase, step in journey.steps():
        if step.id:
            if step.id in seen:
                line = seen[step.id].loc("id").line
                diags.append(diagnostic(step.loc("id"), "duplicate-id", M_DUPLICATE_STEP, id=step.id, line=line))
            else:
                seen[step.id] = step
        diags += _evidence(hb, step, step.evidence)
        for pain in step.pain_points:
            diags += _evidence(hb, pain, pain.evidence)
        for opp in step.opportunities:
            diags += _evidence(hb, opp, opp.evidence)
            diags += _check_opportunity(hb, opp)
    return diags


def _check_opportunity(hb: Handbook, opp: Opportunity) -> list[Diagnostic]:
    if not opp.ref:
        return [] if opp.text is not None else [diagnostic(opp.loc(), "missing-key", M_OPPORTUNITY_TEXT)]
    target = hb.opportunities.get(opp.ref)
    if target is None:
        broken = hb.broken_ids.get("opportunity", set())
        if opp.ref in broken:
            return []
        known = [*hb.opportunities, *broken]
        hint = suggestion(opp.ref, known) if known else Text(M_REF_NO_IDS)
        return [diagnostic(opp.loc("ref"), "unknown-opportunity", M_REF_UNKNOWN, id=opp.ref, hint=hint)]
    extra = [name for name in opp.model_fields_set if name != "ref"]
    if not extra:
        return []
    key = min(extra, key=lambda name: opp.loc(name, key=True))
    return [diagnostic(opp.loc(key, key=True), "ref-with-fields", M_REF_WITH_FIELDS, other=target.loc(), key=key)]


def place_problems(hb: Handbook, node: Record, path: tuple, place: str) -> list[Diagnostic]:
    """``place`` (a journey, ``JOURNEY/STEP`` or ``JOURNEY#PHASE``) must exist; else one error at ``path``."""
    journey_id, step_id, phase_id = parse_place(place)
    journey = hb.journeys.get(journey_id)
    if journey is None:
        return _ref(hb, node, path, "journey", journey_id, hb.journeys)
    where = node.loc(*path)
    if step_id is not None and journey.step(step_id) is None:
        ids = [s.id for _p, s in journey.steps() if s.id]
        hint = suggestion(step_id, ids) if ids else Text(M_NO_STEP_IDS)
        return [diagnostic(where, "unknown-step", M_UNKNOWN_STEP, journey=journey_id, id=step_id, hint=hint)]
    if phase_id is not None and journey.phase(phase_id) is None:
        hint = suggestion(phase_id, [p.phase for p in journey.phases if p.phase])
        return [diagnostic(where, "unknown-phase", M_UNKNOWN_JOURNEY_PHASE, journey=journey_id, id=phase_id, hint=hint)]
    return []


def _add_measurements(hb: Handbook) -> list[Diagnostic]:
    """Read the measurements of every metrics document (inline, then its CSV files) into ``hb``.

    A measurement is kept when its metric and place exist; its value must fit the
    metric's scale. CSV rows are reported at ``file.csv:ROW:COLUMN``.
    """
    diags: list[Diagnostic] = []
    for node in hb.documents:
        if not isinstance(node, MetricSet):
            continue
        rows: list[Record] = list(node.measurements)
        for i, name in enumerate(node.files):
            found, problems = _read_csv(hb, node, i, name)
            rows += found
            diags += problems
        for row in rows:
            assert isinstance(row, Measurement)
            problems = _ref(hb, row, ("metric",), "metric", row.metric, hb.metrics)
            problems += place_problems(hb, row, ("at",), row.at)
            metric = hb.metrics.get(row.metric)
            if metric is not None:
                for key in ("value", "target"):
                    value = getattr(row, key)
                    if value is not None and not _in_scale(metric, value):
                        low, high = metric.min if metric.min is not None else "…", metric.max if metric.max is not None else "…"
                        problems.append(diagnostic(row.loc(key), "out-of-scale", M_OUT_OF_SCALE, value=value, metric=metric.id, low=low, high=high))
            diags += problems
            if not problems and metric is not None:
                hb.measurements.append(row)
    return diags


def _in_scale(metric: Metric, value: float) -> bool:
    return (metric.min is None or value >= metric.min) and (metric.max is None or value <= metric.max)


def _read_csv(hb: Handbook, node: MetricSet, index: int, name: str) -> tuple[list[Record], list[Diagnostic]]:
    where = node.loc("files", index)
    base = node.doc.path.parent if node.doc is not None else hb.source_dir
    path = (base / name).resolve()
    if not path.is_relative_to(hb.source_dir):
        return [], [diagnostic(where, "csv-outside", M_OUTSIDE, file=name)]
    if path.suffix.lower() != ".csv":
        return [], [diagnostic(where, "csv-not-csv", M_NOT_CSV, file=name)]
    if not path.is_file():
        nearby = [p.name for p in path.parent.glob("*.csv")] if path.parent.is_dir() else []
        return [], [diagnostic(where, "csv-missing", M_MISSING_FILE, file=name, hint=suggestion(path.name, nearby, list_choices=False))]
    if path not in hb.data_files:
        hb.data_files.append(path)
    doc, problems = load_csv(path)
    if doc is None:
        return [], problems
    rows, invalid = validate_rows(Measurement, doc)
    return rows, problems + invalid


def _ref(hb: Handbook, node: Record, path: tuple, kind: str, ref_id: str, table: dict) -> list[Diagnostic]:
    """An unknown id is an error; an empty one stands in for an invalid id, reported already."""
    broken = hb.broken_ids.get(kind, set())
    if not ref_id or ref_id in table or ref_id in broken:
        return []
    return [
        diagnostic(
            node.loc(*path), f"unknown-{kind}", M_UNKNOWN_REF, kind=KIND_NAMES[kind], id=ref_id,
            hint=suggestion(ref_id, [*table, *broken]),
        )
    ]  # fmt: skip


def _check_journey(hb: Handbook, journey: Journey) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for i, persona_id in enumerate(journey.persona):
        diags += _ref(hb, journey, ("persona", i), "persona", persona_id, hb.personas)
    framework_id = hb.default_framework if journey.framework is None else journey.framework
    if journey.framework is not None:
        diags += _ref(hb, journey, ("framework",), "framework", journey.framework, hb.frameworks)
    framework = hb.frameworks.get(framework_id)  # none for an invalid id: its phases are not checked
    if framework is not None:
        diags += _check_phases(journey, framework)
    for _phase, step in journey.steps():
        for use in step.touchpoints:
            diags += _ref(hb, use, ("ref",), "touchpoint", use.ref, hb.touchpoints)
    return diags + _check_steps(hb, journey) + _check_improves(hb, journey)


def _check_improves(hb: Handbook, journey: Journey) -> list[Diagnostic]:
    """``improves`` names another, as-is journey on the same phase model, from a to-be journey."""
    if not journey.improves:
        return []
    where = journey.loc("improves")
    if journey.state != "to-be":
        return [diagnostic(journey.loc("improves", key=True), "improves-as-is", M_IMPROVES_AS_IS)]
    if journey.improves == journey.id:
        return [diagnostic(where, "improves-self", M_IMPROVES_SELF)]
    other = hb.journeys.get(journey.improves)
    if other is None:
        return _ref(hb, journey, ("improves",), "journey", journey.improves, {k: v for k, v in hb.journeys.items() if v.state == "as-is"})
    if other.state == "to-be":
        return [diagnostic(where, "improves-to-be", M_IMPROVES_TO_BE, id=other.id)]
    ours = journey.framework or hb.default_framework
    theirs = other.framework or hb.default_framework
    if ours != theirs:
        return [diagnostic(where, "improves-framework", M_IMPROVES_FRAMEWORK, id=other.id, theirs=theirs, ours=ours)]
    return []


def _check_phases(journey: Journey, framework: Framework) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    order = [p for p in framework.phase_ids() if p]
    complete = len(order) == len(framework.phases)  # else a phase's id is invalid (reported there)
    seen: dict[str, JourneyPhase] = {}
    last_index, last_id = -1, ""
    for phase in journey.phases:
        where = phase.loc("phase")
        if not phase.phase:  # an invalid id, reported already
            continue
        if phase.phase not in order:
            if complete:  # else it may be meant for the phase with the invalid id
                diags.append(
                    diagnostic(
                        where, "unknown-phase", M_UNKNOWN_PHASE, id=phase.phase, framework=framework.id,
                        hint=suggestion(phase.phase, order),
                    )
                )  # fmt: skip
            continue
        if phase.phase in seen:
            line = seen[phase.phase].loc("phase").line
            diags.append(diagnostic(where, "repeated-phase", M_REPEATED_PHASE, id=phase.phase, line=line))
            continue
        seen[phase.phase] = phase
        index = order.index(phase.phase)
        if index < last_index:
            diags.append(
                diagnostic(
                    where, "phase-order", M_PHASE_ORDER, id=phase.phase, previous=last_id,
                    framework=framework.id, order=", ".join(order),
                )
            )  # fmt: skip
        else:
            last_index, last_id = index, phase.phase
    return diags


def _unique_phase_ids(framework: Framework) -> list[Diagnostic]:
    """Each phase id of a framework document once (a repeat is reported where it is written)."""
    seen: set[str] = set()
    diags = []
    for phase in framework.phases:
        if phase.id in seen:
            diags.append(diagnostic(phase.loc("id"), "duplicate-id", M_DUPLICATE_PHASE, id=phase.id))
        elif phase.id:
            seen.add(phase.id)
    return diags


def _check_citations(hb: Handbook, nodes: Iterable[Record]) -> list[Diagnostic]:
    diags = []
    for top in nodes:
        for owner, path, text in iter_texts(top):
            for lang_path, variant in text.variants():
                for key, offset in cited_keys(variant):
                    if key in hb.sources or key in hb.broken_ids.get("source", ()):
                        continue
                    needle = "@" + key
                    where = owner.loc_text(path + lang_path, needle, variant[:offset].count(needle))
                    diags.append(
                        diagnostic(
                            where, "unknown-citation", M_UNKNOWN_CITATION, key=key,
                            hint=closest(key, hb.sources) and suggestion(key, hb.sources) or Text(M_ADD_SOURCE),
                        )
                    )  # fmt: skip
    return diags

