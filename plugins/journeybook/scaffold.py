"""New files for authors: a whole handbook (``journeybook init``) or one journey or persona (``journeybook new``).

Nothing here ever overwrites a file: :func:`write_new` creates files exclusively and
reports what it left alone. Every path is checked to stay inside the target folder.

The handbook skeleton lives in ``skeleton/``: ``common/`` for every language, ``en/`` and
``nl/`` for the content. Names starting with ``dot-`` become dotfiles (``dot-gitignore`` →
``.gitignore``), because package data globs skip hidden files. Two files are made here
rather than copied: ``journeybook.schema.json`` and ``requirements.txt``, which pins the
journeybook version that wrote the handbook (the Pages workflow installs from it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .diagnostics import LANGUAGES, Msg, Text, suggestion
from .handbook import Handbook, is_builtin
from .model import SLUG_RE, LocalizedText, slugify
from .schema import schema_json

SKELETON_DIR = Path(__file__).parent / "skeleton"
SCHEMA_FILE = "journeybook.schema.json"
REQUIREMENTS_FILE = "requirements.txt"

# Where `journeybook new` puts files, below the source folder (the layout `init` creates).
KIND_FOLDERS = {"journey": "journeys", "persona": "personas"}

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
    files[SCHEMA_FILE] = schema_json(language).encode("utf-8")
    files[REQUIREMENTS_FILE] = requirements_text(language).encode("utf-8")
    return files


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


def new_file_path(source: Path, kind: str, item_id: str) -> Path:
    return Path(source) / KIND_FOLDERS[kind] / f"{item_id}.yml"


def _refuse_existing(source: Path, kind: str, item_id: str, hb: Handbook) -> Path:
    path = new_file_path(source, kind, item_id)
    for candidate in (path, path.with_suffix(".yaml")):
        if candidate.exists() or candidate.is_symlink():
            raise ScaffoldError(Text(M_NEW_EXISTS, {"path": candidate.as_posix()}))
    table = hb.journeys if kind == "journey" else hb.personas
    if item_id in table:
        where = table[item_id].loc("id") if table[item_id].doc is not None else item_id
        raise ScaffoldError(Text(M_ID_TAKEN, {"kind": kind, "id": item_id, "where": where}))
    if item_id in hb.broken_ids.get(kind, set()):
        raise ScaffoldError(Text(M_ID_TAKEN, {"kind": kind, "id": item_id, "where": hb.source_dir}))
    return path


def new_journey(
    source: Path,
    hb: Handbook,
    journey_id: str,
    personas: Sequence[str] = (),
    framework_id: str | None = None,
    lang: str = "en",
) -> NewFile:
    """A journey file with every phase of its framework: the first one open, the others as comments."""
    path = _refuse_existing(source, "journey", journey_id, hb)
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
    return NewFile(path, journey_text(hb, journey_id, list(personas), framework_id, lang))


def new_persona(source: Path, hb: Handbook, persona_id: str, lang: str = "en") -> NewFile:
    """A persona file: kind, id and name, with every other field as a comment."""
    path = _refuse_existing(source, "persona", persona_id, hb)
    return NewFile(path, persona_text(hb, persona_id, lang))


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


def journey_text(hb: Handbook, journey_id: str, personas: list[str], framework_id: str, lang: str = "en") -> str:
    framework = hb.frameworks[framework_id]
    fw_name = _name(framework.name, framework_id, lang)
    phase_ids = framework.phase_ids()
    title = _title(journey_id)
    touchpoint = next(iter(hb.touchpoints), "touchpoint-id")
    own_sources = [key for key, src in hb.sources.items() if not is_builtin(src)]
    source = (own_sources or sorted(hb.sources) or ["source-id"])[0]
    lines = [
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
        "kind: journey",
        f"id: {journey_id}",
        f"title: {_scalar(title)}",
    ]
    if len(personas) == 1:
        lines.append(f"persona: {personas[0]}")
    elif personas:
        lines.append(f"persona: [{', '.join(personas)}]")
    else:
        example = next(iter(hb.personas), "persona-id")
        lines.append(Msg(f"# persona: {example}              # a persona id, or a list of ids",
                        f"# persona: {example}              # een persona-id, of een lijst van id's").text(lang))  # fmt: skip
    lines.append(f"framework: {framework_id}")
    lines += Msg("# summary: What happens in this journey, in two or three sentences.\n"
        "# scenario: Where the customer is, and what just happened, when the journey starts.\n"
        "# expectations:\n"
        "#   - What the customer expects from us.\n"
        "# owner: The team responsible for this journey\n"
        "# tags: [a-tag]",
        "# summary: Wat er in deze journey gebeurt, in twee of drie zinnen.\n"
        "# scenario: Waar de klant is, en wat er net gebeurde, als de journey begint.\n"
        "# expectations:\n"
        "#   - Wat de klant van ons verwacht.\n"
        "# owner: Het team dat verantwoordelijk is voor deze journey\n"
        "# tags: [een-tag]",
    ).text(lang).split("\n")
    lines += ["", "phases:"]
    for n, phase in enumerate(framework.phases):
        name = _name(phase.name, phase.id, lang)
        if n == 0:
            lines += [f"  - phase: {phase.id}" + " " * max(1, 24 - len(phase.id)) + f"# {name}"]
            lines += [
                "    " + line
                for line in Msg("# goal: What we want to reach in this phase.\n"
                    "# steps:\n"
                    "#   - action: What the customer does.\n"
                    "#     thinking: \"What the customer thinks.\"\n"
                    "#     emotion: 0                # -2 (very negative) .. +2 (very positive)\n"
                    f"#     touchpoints:\n"
                    f"#       - {touchpoint}          # or: {{ref: {touchpoint}, sentiment: negative, note: ...}}\n"
                    "#     pain_points:\n"
                    "#       - What goes wrong.      # or: {text: ..., severity: high}\n"
                    "#     opportunities:\n"
                    "#       - What we could improve.   # or: {text: ..., owner: ..., priority: high, status: idea}\n"
                    "# checklist:\n"
                    "#   - A question the team asks in this phase.\n"
                    "# guidance:\n"
                    f"#   - Advice for this phase, with the source it rests on [@{source}].",
                    "# goal: Wat we in deze fase willen bereiken.\n"
                    "# steps:\n"
                    "#   - action: Wat de klant doet.\n"
                    "#     thinking: \"Wat de klant denkt.\"\n"
                    "#     emotion: 0                # -2 (zeer negatief) .. +2 (zeer positief)\n"
                    f"#     touchpoints:\n"
                    f"#       - {touchpoint}          # of: {{ref: {touchpoint}, sentiment: negative, note: ...}}\n"
                    "#     pain_points:\n"
                    "#       - Wat er misgaat.       # of: {text: ..., severity: high}\n"
                    "#     opportunities:\n"
                    "#       - Wat we kunnen verbeteren.   # of: {text: ..., owner: ..., priority: high, status: idea}\n"
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


def persona_text(hb: Handbook, persona_id: str, lang: str = "en") -> str:
    name = _title(persona_id, words=True)
    channel = next(iter(hb.touchpoints), "touchpoint-id")
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
""",
    ).text(lang)
    return body


def write_new_file(new: NewFile) -> None:
    """Write a file made by :func:`new_journey` / :func:`new_persona` (exclusively: never overwrites)."""
    new.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(new.path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(new.content)
    except FileExistsError:
        raise ScaffoldError(Text(M_NEW_EXISTS, {"path": new.path.as_posix()})) from None
