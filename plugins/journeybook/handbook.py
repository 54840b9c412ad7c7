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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .citations import cited_keys
from .diagnostics import Diagnostic, Msg, Text, closest, diagnostic, sort_diagnostics, suggestion
from .loader import Document, load_file, load_source
from .model import (
    ID_FROM_STEM,
    KINDS,
    SLUG_RE,
    Framework,
    Journey,
    JourneyPhase,
    Persona,
    Record,
    Source,
    SourceList,
    Step,
    Touchpoint,
    TouchpointCatalog,
    iter_texts,
    slugify,
    validate_document,
)

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

KIND_NAMES = {
    "persona": Msg("persona", "persona"),
    "journey": Msg("journey", "journey"),
    "touchpoint": Msg("touchpoint", "touchpoint"),
    "source": Msg("source", "bron"),
    "framework": Msg("framework", "framework"),
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
    files: list[Path] = field(default_factory=list)
    # The object of every document of the handbook's own files, in file order; of documents
    # with errors, what is valid in them. The cross references are checked on these.
    documents: list[Record] = field(default_factory=list)
    # Ids defined by documents that have errors of their own: references to them are not
    # reported again (one typo should give one error, not one per use).
    broken_ids: dict[str, set[str]] = field(default_factory=dict)

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
        for group in (self.personas, self.journeys, self.touchpoints, self.sources, self.frameworks):
            yield from (n for n in group.values() if not is_builtin(n))


def is_builtin(node: Record) -> bool:
    """True for what journeybook ships (built-in frameworks and sources), False for the handbook's own."""
    return node.doc is not None and node.doc.path in _builtin_paths()


def build_handbook(
    source: Path, default_framework: str = DEFAULT_FRAMEWORK, builtin_guidance: bool = True
) -> tuple[Handbook, list[Diagnostic]]:
    """Load, validate and cross-check every YAML file under ``source``.

    ``builtin_guidance=False`` keeps the built-in phase models but drops their summaries,
    checklists and guidance (a handbook that brings its own method).

    A value the loader could not read as written (a bad date, a tag) is reported by the
    loader; what the later stages would say about that same value is left out.
    """
    source = Path(source).resolve()
    documents, read_problems = load_source(source)
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
        return _put(handbook.journeys, node, "journey")
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
        item_kind = {"touchpoints": "touchpoint", "sources": "source"}.get(meant_kind)
        if item_kind is not None and isinstance(data.get(meant_kind), list):
            for item in data[meant_kind]:
                yield from _meant(item_kind, item.get("id") if isinstance(item, dict) else item)


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
        elif kind.group(1) in ("touchpoints", "sources"):
            item_kind = kind.group(1).rstrip("s")
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
    diags += _check_citations(hb, hb.documents)
    return diags


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
    return diags


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

