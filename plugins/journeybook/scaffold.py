"""New files for authors: a whole handbook (``journeybook init``), or one journey, persona,
research document or metrics file (``journeybook new``).

Nothing here ever overwrites a file: :func:`write_new` creates files exclusively and
reports what it left alone. Every path is checked to stay inside the target folder.

The handbook skeleton lives in ``skeleton/``: ``common/`` for every language, ``en/`` and
``nl/`` for the content. Names starting with ``dot-`` become dotfiles (``dot-gitignore`` →
``.gitignore``), because package data globs skip hidden files. Two files are made here
rather than copied: ``journeybook.schema.json`` and ``requirements.txt``, which pins the
journeybook version that wrote the handbook (the Pages workflow installs from it). The
``reviewed:`` dates of the example become the day ``init`` runs (see :func:`review_date`):
the example is as fresh as the handbook, and the review-date lint rule stays quiet until a
year later reminds the team to look again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .diagnostics import LANGUAGES, Msg, Text, suggestion
from .handbook import KIND_NAMES, Handbook, is_builtin
from .model import METHODS, OBSERVING_METHODS, SLUG_RE, Framework, Journey, LocalizedText, slugify
from .schema import schema_json

SKELETON_DIR = Path(__file__).parent / "skeleton"
SCHEMA_FILE = "journeybook.schema.json"
REQUIREMENTS_FILE = "requirements.txt"

# Where `journeybook new` puts files, below the source folder (the layout `init` creates).
KIND_FOLDERS = {"journey": "journeys", "persona": "personas", "research": "research", "metrics": "metrics"}
DEFAULT_METRIC = "csat"

M_NEW_EXISTS = Msg(
    "{path} already exists; journeybook never overwrites a file (choose another id, or edit that file)",
    "{path} bestaat al; journeybook overschrijft nooit een bestand (kies een andere id, of bewerk dat bestand)",
)
M_ID_TAKEN = Msg(
    "{kind} id {id!r} is already used at {where}; choose another id",
    "{kind}-id {id!r} wordt al gebruikt op {where}; kies een andere id",
)
M_UNKNOWN_FRAMEWORK = Msg("unknown framework {id!r}{hint}", "onbekend framework {id!r}{hint}")
M_UNKNOWN_PERSONA = Msg(
    "unknown persona {id!r}{hint}; create it first with: journeybook new persona {id}",
    "onbekende persona {id!r}{hint}; maak die eerst met: journeybook new persona {id}",
)
M_UNKNOWN_AS_IS = Msg(
    "unknown journey {id!r}{hint}; --to-be names the as-is journey the new one improves",
    "onbekende journey {id!r}{hint}; --to-be noemt de as-is-journey die de nieuwe verbetert",
)
M_AS_IS_IS_TO_BE = Msg(
    "{id!r} is itself a to-be journey; --to-be names an as-is journey, the one customers live now",
    "{id!r} is zelf een to-be-journey; --to-be noemt een as-is-journey, die klanten nu beleven",
)
M_TO_BE_FRAMEWORK = Msg(
    "{id!r} follows framework {theirs!r}, not {ours!r}; a future state uses the phase model of its as-is "
    "journey, so leave out --framework",
    "{id!r} volgt framework {theirs!r}, niet {ours!r}; een toekomstbeeld gebruikt het fasemodel van zijn "
    "as-is-journey, dus laat --framework weg",
)
M_OUTSIDE = Msg(
    "{path} would end up outside {folder} (through a symbolic link); not written",
    "{path} zou buiten {folder} terechtkomen (via een symbolische link); niet geschreven",
)
M_WRITE_FAILED = Msg("could not write {path}: {reason}", "kon {path} niet schrijven: {reason}")


class ScaffoldError(Exception):
    """A file cannot be made; ``text`` says why in both languages."""

    def __init__(self, text: Text):
        super().__init__(text.render())
        self.text = text


# --------------------------------------------------------------------------- writing


@dataclass
class WriteReport:
    """What :func:`write_new` did, as paths relative to the target folder."""

    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Text] = field(default_factory=list)


def write_new(target: Path, files: dict[str, bytes]) -> WriteReport:
    """Create every file of ``files`` (relative posix path → content) below ``target``; never overwrite."""
    report = WriteReport()
    root = Path(target).resolve()
    for rel in sorted(files):
        path = root / rel
        if not _inside(path, root):
            report.failed.append(Text(M_OUTSIDE, {"path": rel, "folder": str(target)}))
            continue
        if path.exists() or path.is_symlink():
            report.skipped.append(rel)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not _inside(path, root):  # a parent folder created meanwhile could be a link
                report.failed.append(Text(M_OUTSIDE, {"path": rel, "folder": str(target)}))
                continue
            with open(path, "xb") as handle:  # exclusive: fails instead of overwriting
                handle.write(files[rel])
        except FileExistsError:
            report.skipped.append(rel)
        except OSError as exc:
            report.failed.append(Text(M_WRITE_FAILED, {"path": rel, "reason": exc.strerror or str(exc)}))
        else:
            report.created.append(rel)
    return report


def _inside(path: Path, root: Path) -> bool:
    """True when ``path`` (following any links that exist) stays below ``root``."""
    real = Path(os.path.realpath(path))
    return real == root or root in real.parents


# --------------------------------------------------------------------------- init


def skeleton_files(language: str = "en", site_name: str | None = None) -> dict[str, bytes]:
    """Every file ``journeybook init`` writes, by path relative to the new handbook's folder."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    files: dict[str, bytes] = {}
    for part in ("common", language):
        base = SKELETON_DIR / part
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            rel = "/".join(_undot(name) for name in path.relative_to(base).parts)
            files[rel] = path.read_bytes()
    if site_name is not None:
        line = "site_name: " + json.dumps(site_name, ensure_ascii=False)
        config = files["mkdocs.yml"].decode("utf-8")
        files["mkdocs.yml"] = re.sub(r"(?m)^site_name: .*$", lambda _m: line, config, count=1).encode("utf-8")
    today = review_date().isoformat()
    for rel in files:
        if rel.startswith("journeys/") and rel.endswith(".yml"):
            text = files[rel].decode("utf-8")
            files[rel] = REVIEWED_RE.sub(lambda m: m.group(1) + today, text).encode("utf-8")
    files[SCHEMA_FILE] = schema_json(language).encode("utf-8")
    files[REQUIREMENTS_FILE] = requirements_text(language).encode("utf-8")
    return files


# ``reviewed: 2026-11-20`` at the start of a line of the example (the date alone).
REVIEWED_RE = re.compile(r"(?m)^(\s*reviewed: )\d{4}-\d{2}-\d{2}(?=\s|$)")


def review_date() -> dt.date:
    """The date a new example counts as reviewed: the build date the ``stale-review`` rule measures
    against (today, or the day of ``SOURCE_DATE_EPOCH``), so a new handbook starts fresh and
    ``init`` writes the same files for the same ``SOURCE_DATE_EPOCH``."""
    from .lint import build_date  # lint reads its rules when imported: only when init runs

    day, _problems = build_date()  # a bad SOURCE_DATE_EPOCH: today (validate and the build report it)
    return day


def requirements_text(language: str = "en", version: str = __version__) -> str:
    """``requirements.txt`` of a new handbook: exactly the journeybook that made it.

    The Pages workflow and every author install from it, so the site is built with the
    version it was tested with until someone changes the number on purpose.
    """
    comment = Msg("# The journeybook version this handbook was made with. The workflow that publishes the\n"
        "# site (.github/workflows/pages.yml) installs exactly this version; install it yourself with:\n"
        "#     pip install -r requirements.txt\n"
        "# To upgrade: change the number, run that command again and check with mkdocs build --strict.",
        "# De journeybook-versie waarmee dit handboek is gemaakt. De workflow die de site publiceert\n"
        "# (.github/workflows/pages.yml) installeert precies deze versie; installeer hem zelf met:\n"
        "#     pip install -r requirements.txt\n"
        "# Upgraden: verander het nummer, draai die opdracht opnieuw en controleer met mkdocs build --strict.",
    ).text(language)
    return f"{comment}\njourneybook=={version}\n"


def _undot(name: str) -> str:
    return "." + name[len("dot-") :] if name.startswith("dot-") else name


def init_handbook(target: Path, language: str = "en", site_name: str | None = None) -> WriteReport:
    """A new handbook in ``target``: only the files that do not exist yet are written."""
    return write_new(target, skeleton_files(language, site_name))


# --------------------------------------------------------------------------- new


@dataclass
class NewFile:
    """A file ``journeybook new`` is about to write."""

    path: Path  # relative to the current folder, as the user named the source
    content: str


def check_id(value: str) -> str | None:
    """None for a good id, else a suggestion for one."""
    return None if SLUG_RE.fullmatch(value) else slugify(value)


def new_file_path(source: Path, kind: str, item_id: str, suffix: str = ".yml") -> Path:
    return Path(source) / KIND_FOLDERS[kind] / f"{item_id}{suffix}"


def _refuse_file(path: Path, *alternatives: Path) -> None:
    for candidate in (path, *alternatives):
        if candidate.exists() or candidate.is_symlink():
            raise ScaffoldError(Text(M_NEW_EXISTS, {"path": candidate.as_posix()}))


def _refuse_id(hb: Handbook, kind: str, item_id: str, table: Mapping[str, Any]) -> None:
    """``item_id`` must not be a ``kind`` id yet (also not one of a document with errors)."""
    if item_id in table:
        where = table[item_id].loc("id") if table[item_id].doc is not None else item_id
        raise ScaffoldError(Text(M_ID_TAKEN, {"kind": KIND_NAMES[kind], "id": item_id, "where": where}))
    if item_id in hb.broken_ids.get(kind, set()):
        raise ScaffoldError(Text(M_ID_TAKEN, {"kind": KIND_NAMES[kind], "id": item_id, "where": hb.source_dir}))


def _refuse_existing(source: Path, kind: str, item_id: str, hb: Handbook) -> Path:
    path = new_file_path(source, kind, item_id)
    _refuse_file(path, path.with_suffix(".yaml"))
    tables: dict[str, dict[str, Any]] = {"journey": hb.journeys, "persona": hb.personas, "research": hb.research}
    _refuse_id(hb, kind, item_id, tables[kind])
    return path


def new_journey(
    source: Path,
    hb: Handbook,
    journey_id: str,
    personas: Sequence[str] = (),
    framework_id: str | None = None,
    lang: str = "en",
    to_be: str | None = None,
) -> NewFile:
    """A journey file with every phase of its framework: the first one open, the others as comments.

    With ``to_be`` (the id of an as-is journey) it is a future state of that journey: same
    framework, its personas unless ``personas`` are given, and a copy of its phases and steps
    (id, action, emotion, touchpoints) to change into the designed journey.
    """
    path = _refuse_existing(source, "journey", journey_id, hb)
    as_is = _as_is(hb, to_be, framework_id) if to_be else None
    if as_is is not None:
        framework_id = as_is.framework or hb.default_framework
        personas = personas or as_is.persona
    framework_id = framework_id or hb.default_framework
    framework = hb.frameworks.get(framework_id)
    if framework is None:
        raise ScaffoldError(
            Text(M_UNKNOWN_FRAMEWORK, {"id": framework_id, "hint": suggestion(framework_id, hb.frameworks)})
        )
    for persona_id in personas:
        if persona_id not in hb.personas:
            hint = suggestion(persona_id, hb.personas, list_choices=bool(hb.personas))
            raise ScaffoldError(Text(M_UNKNOWN_PERSONA, {"id": persona_id, "hint": hint}))
    return NewFile(path, journey_text(hb, journey_id, list(personas), framework_id, lang, as_is))


def _as_is(hb: Handbook, journey_id: str, framework_id: str | None) -> Journey:
    """The as-is journey ``--to-be`` names; refused when it is unknown, to-be or on another framework."""
    as_is = hb.journeys.get(journey_id)
    if as_is is None:
        hint = suggestion(journey_id, hb.journeys, list_choices=bool(hb.journeys))
        raise ScaffoldError(Text(M_UNKNOWN_AS_IS, {"id": journey_id, "hint": hint}))
    if as_is.state != "as-is":
        raise ScaffoldError(Text(M_AS_IS_IS_TO_BE, {"id": journey_id}))
    theirs = as_is.framework or hb.default_framework
    if framework_id is not None and framework_id != theirs:
        raise ScaffoldError(Text(M_TO_BE_FRAMEWORK, {"id": journey_id, "theirs": theirs, "ours": framework_id}))
    return as_is


def new_persona(source: Path, hb: Handbook, persona_id: str, lang: str = "en") -> NewFile:
    """A persona file: kind, id and name, with every other field as a comment."""
    path = _refuse_existing(source, "persona", persona_id, hb)
    return NewFile(path, persona_text(hb, persona_id, lang))


def new_research(source: Path, hb: Handbook, research_id: str, method: str = "interview", lang: str = "en") -> NewFile:
    """A research document: kind, id, title and method, with the rest and a finding as comments."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    path = _refuse_existing(source, "research", research_id, hb)
    return NewFile(path, research_text(hb, research_id, method, lang))


def new_metrics(source: Path, hb: Handbook, metric_id: str = DEFAULT_METRIC, lang: str = "en") -> list[NewFile]:
    """A metrics file defining the metric ``metric_id``, and a CSV file for its measurements (header only).

    Both are named after the metric: ``SOURCE/metrics/ID.yml`` and ``SOURCE/metrics/ID.csv``.
    """
    path = new_file_path(source, "metrics", metric_id)
    csv_path = new_file_path(source, "metrics", metric_id, ".csv")
    _refuse_file(path, path.with_suffix(".yaml"), csv_path)
    _refuse_id(hb, "metric", metric_id, hb.metrics)
    return [NewFile(path, metrics_text(hb, metric_id, lang)), NewFile(csv_path, CSV_HEADER)]


CSV_HEADER = "metric,at,value,date,target\n"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line (quoted only when needed)."""
    if re.fullmatch(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f ,.'()-]*", text) and not text.endswith(":"):
        lowered = text.lower()
        if lowered not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"):
            return text
    return json.dumps(text, ensure_ascii=False)


def _title(item_id: str, words: bool = False) -> str:
    parts = item_id.replace("-", " ").split()
    if words:
        return " ".join(p[:1].upper() + p[1:] for p in parts) or item_id
    text = " ".join(parts)
    return text[:1].upper() + text[1:] if text else item_id


def _name(value: LocalizedText | None, fallback: str, lang: str) -> str:
    return " ".join((value.get(lang) if value is not None else "").split()) or fallback


def journey_text(
    hb: Handbook, journey_id: str, personas: list[str], framework_id: str, lang: str = "en", as_is: Journey | None = None
) -> str:
    framework = hb.frameworks[framework_id]
    fw_name = _name(framework.name, framework_id, lang)
    phase_ids = framework.phase_ids()
    title = _title(journey_id)
    touchpoint = next(iter(hb.touchpoints), "touchpoint-id")
    source = _source_id(hb)
    finding = next(iter(hb.findings), None)
    evidence = f"[{finding}]" if finding else "[]"
    step_id = Msg("first-step", "eerste-stap").text(lang)
    id_pad = " " * max(1, 22 - len(step_id))  # the comments line up with those below
    today = review_date().isoformat()
    if as_is is not None and as_is.phases:
        head = Msg(f"# Journey: {title}, a future state of {as_is.id} (to-be): the journey as we design it.\n"
            f"# It starts as a copy of the phases and steps of {as_is.id}: change it into the design.\n"
            "# Steps are matched by id: keep the id of a step that stays, even when it changes; a\n"
            "# new step gets a new id. Remove the steps, pain points and fail points the design takes\n"
            "# away, raise the emotion where it helps, and name the opportunities that get it there\n"
            "# ({ref: ...}). Check with: journeybook validate",
            f"# Journey: {title}, een toekomstbeeld van {as_is.id} (to-be): de journey zoals we die ontwerpen.\n"
            f"# Ze begint als kopie van de fasen en stappen van {as_is.id}: verander haar in het ontwerp.\n"
            "# Stappen worden op id gekoppeld: houd de id van een stap die blijft, ook als hij verandert;\n"
            "# een nieuwe stap krijgt een nieuwe id. Haal de stappen, pijnpunten en faalpunten weg die het\n"
            "# ontwerp wegneemt, verhoog de emotion waar het helpt, en noem de kansen die dat bereiken\n"
            "# ({ref: ...}). Controleer met: journeybook validate",
        ).text(lang).split("\n")  # fmt: skip
    else:
        head = [
            Msg(f"# Journey: {title}.", f"# Journey: {title}.").text(lang),
            Msg(f"# Phases of framework {framework_id} ({fw_name}), in this order: {', '.join(phase_ids)}.",
                f"# Fasen van framework {framework_id} ({fw_name}), in deze volgorde: {', '.join(phase_ids)}.",
            ).text(lang),
            Msg("# The first phase is open; the others are comments: remove the \"# \" in front of a",
                "# De eerste fase staat open; de andere zijn commentaar: haal de \"# \" weg vóór een",
            ).text(lang),
            Msg("# phase to use it. Leave out phases that do not apply. Check with: journeybook validate",
                "# fase om hem te gebruiken. Laat fasen weg die niet van toepassing zijn. Controleer met: journeybook validate",
            ).text(lang),
        ]  # fmt: skip
    lines = [*head, "kind: journey", f"id: {journey_id}", f"title: {_scalar(title)}"]
    if len(personas) == 1:
        lines.append(f"persona: {personas[0]}")
    elif personas:
        lines.append(f"persona: [{', '.join(personas)}]")
    else:
        example = next(iter(hb.personas), "persona-id")
        lines.append(Msg(f"# persona: {example}              # a persona id, or a list of ids",
                        f"# persona: {example}              # een persona-id, of een lijst van id's").text(lang))  # fmt: skip
    if as_is is not None and as_is.framework is None:  # both follow the site's phase model, whichever it is
        lines.append(Msg(f"# framework: left out, as in {as_is.id}: both use the site's phase model",
                         f"# framework: weggelaten, zoals in {as_is.id}: beide gebruiken het fasemodel van de site").text(lang))  # fmt: skip
    else:
        lines.append(f"framework: {framework_id}")
    if as_is is not None:
        lines += [
            Msg("state: to-be                    # a designed future state", "state: to-be                    # een ontworpen toekomstbeeld").text(lang),
            f"improves: {as_is.id}" + " " * max(1, 22 - len(as_is.id)) + Msg(
                "# the as-is journey it replaces (same framework)", "# de as-is-journey die ze vervangt (zelfde framework)"
            ).text(lang),
        ]  # fmt: skip
    else:
        lines.append(Msg(f"# state: as-is                  # the default; a future state of it: journeybook new journey ID --to-be {journey_id}",
                         f"# state: as-is                  # de standaard; een toekomstbeeld ervan: journeybook new journey ID --to-be {journey_id}").text(lang))  # fmt: skip
    lines += Msg("# summary: What happens in this journey, in two or three sentences.\n"
        "# scenario: Where the customer is, and what just happened, when the journey starts.\n"
        "# expectations:\n"
        "#   - What the customer expects from us.\n"
        "# owner: The team responsible for this journey\n"
        "# tags: [a-tag]\n"
        f"# reviewed: {today}            # when the team last checked this journey against reality",
        "# summary: Wat er in deze journey gebeurt, in twee of drie zinnen.\n"
        "# scenario: Waar de klant is, en wat er net gebeurde, als de journey begint.\n"
        "# expectations:\n"
        "#   - Wat de klant van ons verwacht.\n"
        "# owner: Het team dat verantwoordelijk is voor deze journey\n"
        "# tags: [een-tag]\n"
        f"# reviewed: {today}            # wanneer het team deze journey voor het laatst aan de werkelijkheid toetste",
    ).text(lang).split("\n")
    lines += ["", "phases:"]
    if as_is is not None and as_is.phases:
        return "\n".join(lines + _copied_phases(as_is, framework, lang)) + "\n"
    for n, phase in enumerate(framework.phases):
        name = _name(phase.name, phase.id, lang)
        if n == 0:
            lines += [f"  - phase: {phase.id}" + " " * max(1, 24 - len(phase.id)) + f"# {name}"]
            lines += [
                "    " + line
                for line in Msg("# goal: What we want to reach in this phase.\n"
                    "# steps:\n"
                    f"#   - id: {step_id}{id_pad}# optional; other files name this step {journey_id}/{step_id}\n"
                    "#     action: What the customer does.\n"
                    "#     thinking: \"What the customer thinks.\"\n"
                    "#     emotion: 0                # -2 (very negative) .. +2 (very positive)\n"
                    f"#     touchpoints:\n"
                    f"#       - {touchpoint}          # or: {{ref: {touchpoint}, sentiment: negative, note: ...}}\n"
                    "#     pain_points:\n"
                    "#       - What goes wrong.      # or: {text: ..., severity: high, evidence: [...]}\n"
                    "#     opportunities:\n"
                    "#       - What we could improve.   # or: {text: ..., owner: ..., priority: high, status: idea,\n"
                    "#                                  #      impact: high, effort: low, id: ...} or {ref: an-opportunity-id}\n"
                    f"#     evidence: {evidence}{' ' * max(1, 16 - len(evidence))}# finding ids from research documents this step rests on\n"
                    "#     frontstage: [What staff do here that the customer sees.]   # service blueprint: three lanes\n"
                    "#     backstage: [What staff do here out of the customer's sight.]\n"
                    "#     support: [A system or process behind this step.]\n"
                    "#     fail_point: What can go wrong here.   # give it an opportunity too\n"
                    "# checklist:\n"
                    "#   - A question the team asks in this phase.\n"
                    "# guidance:\n"
                    f"#   - Advice for this phase, with the source it rests on [@{source}].",
                    "# goal: Wat we in deze fase willen bereiken.\n"
                    "# steps:\n"
                    f"#   - id: {step_id}{id_pad}# niet verplicht; andere bestanden noemen deze stap {journey_id}/{step_id}\n"
                    "#     action: Wat de klant doet.\n"
                    "#     thinking: \"Wat de klant denkt.\"\n"
                    "#     emotion: 0                # -2 (zeer negatief) .. +2 (zeer positief)\n"
                    f"#     touchpoints:\n"
                    f"#       - {touchpoint}          # of: {{ref: {touchpoint}, sentiment: negative, note: ...}}\n"
                    "#     pain_points:\n"
                    "#       - Wat er misgaat.       # of: {text: ..., severity: high, evidence: [...]}\n"
                    "#     opportunities:\n"
                    "#       - Wat we kunnen verbeteren.   # of: {text: ..., owner: ..., priority: high, status: idea,\n"
                    "#                                     #     impact: high, effort: low, id: ...} of {ref: een-kans-id}\n"
                    f"#     evidence: {evidence}{' ' * max(1, 16 - len(evidence))}# id's van bevindingen uit onderzoek waarop deze stap rust\n"
                    "#     frontstage: [Wat medewerkers hier doen dat de klant ziet.]   # service blueprint: drie banen\n"
                    "#     backstage: [Wat medewerkers hier buiten het zicht van de klant doen.]\n"
                    "#     support: [Een systeem of proces achter deze stap.]\n"
                    "#     fail_point: Wat hier mis kan gaan.   # geef het ook een kans\n"
                    "# checklist:\n"
                    "#   - Een vraag die het team zich in deze fase stelt.\n"
                    "# guidance:\n"
                    f"#   - Advies voor deze fase, met de bron waar het op rust [@{source}].",
                ).text(lang).split("\n")
            ]
        else:
            lines += [
                "",
                f"  # - phase: {phase.id}" + " " * max(1, 22 - len(phase.id)) + f"# {name}",
                "  #   " + Msg("goal: What we want to reach in this phase.", "goal: Wat we in deze fase willen bereiken.").text(lang),
                "  #   steps:",
                "  #     - action: " + Msg("What the customer does.", "Wat de klant doet.").text(lang),
                "  #       emotion: 0",
            ]
    return "\n".join(lines) + "\n"


def _copied_phases(as_is: Journey, framework: Framework, lang: str) -> list[str]:
    """The phases and steps of ``as_is`` for a future state to start from: what the comparison
    looks at (:data:`journeybook.future.ASPECTS`) and the step's findings, so that the copy differs
    in nothing until the author changes it. Opportunities are left out: the opportunities at a
    future state's steps are the ones that make the difference."""
    names = {p.id: _name(p.name, p.id, lang) for p in framework.phases}
    lines: list[str] = []
    for n, phase in enumerate(as_is.phases):
        lines += [""] if n else []
        lines += [f"  - phase: {phase.phase}" + " " * max(1, 24 - len(phase.phase)) + f"# {names.get(phase.phase, phase.phase)}"]
        if phase.steps:
            lines.append("    steps:")
        for step in phase.steps:
            fields = [("id", step.id), ("action", _scalar(" ".join(step.action.get(lang).split())))]
            if step.thinking is not None:
                fields.append(("thinking", _scalar(" ".join(step.thinking.get(lang).split()))))
            if step.emotion is not None:
                fields.append(("emotion", str(step.emotion)))
            if step.touchpoints:
                fields.append(("touchpoints", "[" + ", ".join(use.ref for use in step.touchpoints) + "]"))
            if step.evidence:
                fields.append(("evidence", "[" + ", ".join(step.evidence) + "]"))
            for lane in ("frontstage", "backstage", "support"):
                items = [json.dumps(" ".join(t.get(lang).split()), ensure_ascii=False) for t in getattr(step, lane)]
                if items:
                    fields.append((lane, "[" + ", ".join(items) + "]"))
            if step.fail_point is not None:
                fields.append(("fail_point", _scalar(" ".join(step.fail_point.get(lang).split()))))
            shown = [(key, value) for key, value in fields if value]
            lines += [("      - " if n == 0 else "        ") + f"{key}: {value}" for n, (key, value) in enumerate(shown)]
            if step.pain_points:
                lines.append("        pain_points:")
            for pain in step.pain_points:
                lines.append("          - text: " + _scalar(" ".join(pain.text.get(lang).split())))
                if pain.severity:
                    lines.append(f"            severity: {pain.severity}")
                if pain.evidence:
                    lines.append("            evidence: [" + ", ".join(pain.evidence) + "]")
    return lines


def persona_text(hb: Handbook, persona_id: str, lang: str = "en") -> str:
    name = _title(persona_id, words=True)
    channel = next(iter(hb.touchpoints), "touchpoint-id")
    today = review_date().isoformat()
    body = Msg(f"""# Persona: {name}. Fill in what you know; every field except kind is optional.
# Remove the "# " in front of a line to use it. Check with: journeybook validate
kind: persona
id: {persona_id}
name: {_scalar(name)}
# role: Who {name} is, in one line.
# summary: Who {name} is and what {name} needs, in a few sentences.
# urgency: medium               # low | medium | high
# quote: "Something {name} typically says."
# goals:
#   - What {name} wants to achieve.
# jobs:
#   - A task {name} wants to get done.
# pains:
#   - What bothers or blocks {name}.
# gains:
#   - What {name} would be glad to get.
# channels: [{channel}]            # touchpoint ids {name} prefers
# value_map:                    # what we offer against the pains and gains
#   products:
#     - A product or service.
#   pain_relievers:
#     - How the offer takes away a pain.
#   gain_creators:
#     - How the offer creates a gain.
# reviewed: {today}          # when the team last checked {name} against research
""",
        f"""# Persona: {name}. Vul in wat je weet; elk veld behalve kind is niet verplicht.
# Haal de "# " weg vóór een regel om hem te gebruiken. Controleer met: journeybook validate
kind: persona
id: {persona_id}
name: {_scalar(name)}
# role: Wie {name} is, in één regel.
# summary: Wie {name} is en wat {name} nodig heeft, in een paar zinnen.
# urgency: medium               # low | medium | high
# quote: "Iets wat {name} typisch zegt."
# goals:
#   - Wat {name} wil bereiken.
# jobs:
#   - Een taak die {name} gedaan wil krijgen.
# pains:
#   - Wat {name} hindert of tegenhoudt.
# gains:
#   - Waar {name} blij van zou worden.
# channels: [{channel}]            # touchpoint-id's die {name} het liefst gebruikt
# value_map:                    # wat we bieden tegenover de pijnen en winsten
#   products:
#     - Een product of dienst.
#   pain_relievers:
#     - Hoe het aanbod een pijn wegneemt.
#   gain_creators:
#     - Hoe het aanbod winst oplevert.
# reviewed: {today}          # wanneer het team {name} voor het laatst aan onderzoek toetste
""",
    ).text(lang)
    return body


def _source_id(hb: Handbook) -> str:
    """A source to show in examples: the handbook's own first, else a built-in one."""
    own_sources = [key for key, src in hb.sources.items() if not is_builtin(src)]
    return (own_sources or sorted(hb.sources) or ["source-id"])[0]


def _free_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... when it is taken."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def research_text(hb: Handbook, research_id: str, method: str = "interview", lang: str = "en") -> str:
    title = _title(research_id)
    level = "observed" if method in OBSERVING_METHODS else "reported"
    level_nl = {"observed": "waargenomen", "reported": "gerapporteerd"}[level]
    finding = _free_id(f"{research_id}-1", hb.findings)
    source = _source_id(hb)
    methods = " | ".join(METHODS)
    return Msg(f"""# Research: {title}: what was done, and what it found.
# Every field except kind and method is optional. A step, pain point or opportunity
# rests on a finding by naming it: evidence: [{finding}]. Its evidence level
# follows from the method: observed for observation, analytics, usability-test and
# support-tickets (what people do); reported for interview, survey and desk-research
# (what people say). The findings of this document are {level}.
# Remove the "# " in front of a line to use it. Check with: journeybook validate
kind: research
id: {research_id}
title: {_scalar(title)}
method: {method}{" " * max(1, 24 - len(method))}# {methods}
# date: 2026-03-12              # when the research was done
# source: {source}{" " * max(1, 22 - len(source))}# the report, as an id from the sources
# summary: What was done, with whom, and how many took part, in a few sentences.
# findings:
#   - id: {finding}{" " * max(1, 22 - len(finding))}# unique across all research documents
#     text: What was found, in a sentence or two.
#     quote: "What a participant said, word for word."
#     participants: 3           # how many participants this applies to
""",
        f"""# Onderzoek: {title}: wat er is gedaan, en wat het opleverde.
# Elk veld behalve kind en method is niet verplicht. Een stap, pijnpunt of kans rust op
# een bevinding door die te noemen: evidence: [{finding}]. De onderbouwing volgt
# uit de methode: waargenomen bij observation, analytics, usability-test en
# support-tickets (wat mensen doen); gerapporteerd bij interview, survey en desk-research
# (wat mensen zeggen). De bevindingen van dit document zijn {level_nl}.
# Haal de "# " weg vóór een regel om hem te gebruiken. Controleer met: journeybook validate
kind: research
id: {research_id}
title: {_scalar(title)}
method: {method}{" " * max(1, 24 - len(method))}# {methods}
# date: 2026-03-12              # wanneer het onderzoek is gedaan
# source: {source}{" " * max(1, 22 - len(source))}# het rapport, als id uit de bronnen
# summary: Wat er is gedaan, met wie, en hoeveel mensen meededen, in een paar zinnen.
# findings:
#   - id: {finding}{" " * max(1, 22 - len(finding))}# uniek in alle onderzoeksdocumenten samen
#     text: Wat er is gevonden, in een of twee zinnen.
#     quote: "Wat een deelnemer zei, woord voor woord."
#     participants: 3           # voor hoeveel deelnemers dit geldt
""",
    ).text(lang)


def _example_places(hb: Handbook) -> tuple[str, str]:
    """Two places for example measurements: a step (``JOURNEY/STEP``) and a phase (``JOURNEY#PHASE``)."""
    journeys = sorted(hb.journeys.values(), key=lambda j: not any(s.id for _p, s in j.steps()))
    if not journeys:
        return "journey-id/step-id", "journey-id#phase-id"
    journey = journeys[0]
    step = next((s.id for _p, s in journey.steps() if s.id), None)
    phase = next((p.phase for p in journey.phases), None)
    return (
        f"{journey.id}/{step}" if step else journey.id,
        f"{journey.id}#{phase}" if phase else journey.id,
    )


def metrics_text(hb: Handbook, metric_id: str = DEFAULT_METRIC, lang: str = "en") -> str:
    if metric_id == DEFAULT_METRIC:
        name = Msg("Customer satisfaction", "Klanttevredenheid").text(lang)
    else:
        name = _title(metric_id)
    step, phase = _example_places(hb)
    csv = f"{metric_id}.csv"
    pad = " " * max(1, 22 - len(csv))
    return Msg(f"""# Metrics: numbers we track at a journey, a phase or a step, each held against a target.
# A measurement names its place: a journey id, JOURNEY/STEP (a step with an id) or
# JOURNEY#PHASE; the page of that place shows the latest value against its target, and
# how it went over time. Metric ids are unique across the handbook.
# Remove the "# " in front of a line to use it. Check with: journeybook validate
kind: metrics
metrics:
  - id: {metric_id}
    name: {_scalar(name)}
    # description: What is measured, and how.
    # unit: "/5"                 # shown after every value
    # min: 1                     # the scale, if it has one
    # max: 5
    # better: higher             # higher | lower: which way is better
    # target: 4.2                # every measurement is held against it, unless it has its own
    # owner: The team responsible for this number
# measurements:                  # measurements written here, one per line ...
#   - {{metric: {metric_id}, at: {step}, value: 3.8, date: 2026-03-31}}
#   - {{metric: {metric_id}, at: {phase}, value: 4.1, date: 2026-06-30, target: 4.5}}
# files: [{csv}]{pad}# ... or in CSV files next to this one, one measurement per row:
#                                #   metric,at,value,date,target
#                                #   {metric_id},{step},3.8,2026-03-31,
""",
        f"""# Meetwaarden: getallen die we volgen bij een journey, een fase of een stap, elk met een doel.
# Een meting noemt zijn plek: een journey-id, JOURNEY/STAP (een stap met een id) of
# JOURNEY#FASE; de pagina van die plek toont de laatste waarde tegenover het doel, en hoe
# die zich in de tijd ontwikkelde. Id's van meetwaarden zijn uniek in het hele handboek.
# Haal de "# " weg vóór een regel om hem te gebruiken. Controleer met: journeybook validate
kind: metrics
metrics:
  - id: {metric_id}
    name: {_scalar(name)}
    # description: Wat er wordt gemeten, en hoe.
    # unit: "/5"                 # staat achter elke waarde
    # min: 1                     # de schaal, als die er is
    # max: 5
    # better: higher             # higher | lower: welke kant beter is
    # target: 4.2                # elke meting wordt eraan afgemeten, tenzij die een eigen doel heeft
    # owner: Het team dat verantwoordelijk is voor dit getal
# measurements:                  # metingen hier geschreven, één per regel ...
#   - {{metric: {metric_id}, at: {step}, value: 3.8, date: 2026-03-31}}
#   - {{metric: {metric_id}, at: {phase}, value: 4.1, date: 2026-06-30, target: 4.5}}
# files: [{csv}]{pad}# ... of in CSV-bestanden naast dit bestand, één meting per rij:
#                                #   metric,at,value,date,target
#                                #   {metric_id},{step},3.8,2026-03-31,
""",
    ).text(lang)


def write_new_file(new: NewFile) -> None:
    """Write a file made by one of the ``new_*`` functions (exclusively: never overwrites)."""
    new.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(new.path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(new.content)
    except FileExistsError:
        raise ScaffoldError(Text(M_NEW_EXISTS, {"path": new.path.as_posix()})) from None


def write_new_files(files: Sequence[NewFile]) -> None:
    """Write every file, or none when one of them exists already (checked first; never overwrites)."""
    for new in files:
        _refuse_file(new.path)
    for new in files:
        write_new_file(new)
