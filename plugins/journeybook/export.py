"""The handbook's data for other tools (``journeybook export``): JSON, CSV or a Mermaid journey diagram.

- **json**: the validated model, ``{"format": ..., "default_framework": ..., "builtin": {...},
  "personas": [...], "touchpoints": [...], "sources": [...], "frameworks": [...],
  "journeys": [...]}``. Every
  list is sorted by id; each item is the model as ``model_dump(mode="json", by_alias=True)``
  with unset fields (``null``) left out. Texts are written as in YAML: a string, or a map
  of language codes to strings. Built-in frameworks and sources are included (so every
  phase id and citation can be looked up); ``builtin`` lists their ids.
- **csv**: one row per step, columns :data:`CSV_COLUMNS`; lists are joined with ``"; "``.
- **mermaid**: one journey in Mermaid's ``journey`` syntax; emotion −2..+2 becomes a score
  1..5 (no emotion: 3), touchpoints are the "actors" of a task.

Same input, same output (nothing depends on time, locale or dictionary order).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from . import markup
from .handbook import Handbook, is_builtin
from .model import Journey, LocalizedText, Record

FORMAT_VERSION = 1
CSV_COLUMNS = (
    "journey", "persona", "phase", "step", "action", "emotion",
    "touchpoints", "pain_points", "opportunities",
)  # fmt: skip
LIST_SEPARATOR = "; "


def _text(value: LocalizedText | None, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def _dump(node: Record) -> dict[str, Any]:
    return node.model_dump(mode="json", by_alias=True, exclude_none=True)


def _by_id(nodes: Iterable[Any]) -> list[dict[str, Any]]:
    return [_dump(n) for n in sorted(nodes, key=lambda n: n.id)]


def _journeys(hb: Handbook, journey_id: str | None) -> list[Journey]:
    journeys = sorted(hb.journeys.values(), key=lambda j: j.id)
    return [j for j in journeys if j.id == journey_id] if journey_id else journeys


# --------------------------------------------------------------------------- json


def export_data(hb: Handbook, journey_id: str | None = None) -> dict[str, Any]:
    """The handbook as plain JSON data (``journey_id`` keeps one journey; the catalogs stay whole)."""
    return {
        "format": f"journeybook-export/{FORMAT_VERSION}",
        "default_framework": hb.default_framework,
        "builtin": {
            "frameworks": sorted(k for k, f in hb.frameworks.items() if is_builtin(f)),
            "sources": sorted(k for k, src in hb.sources.items() if is_builtin(src)),
        },
        "personas": _by_id(hb.personas.values()),
        "touchpoints": _by_id(hb.touchpoints.values()),
        "sources": _by_id(hb.sources.values()),
        "frameworks": _by_id(hb.frameworks.values()),
        "journeys": [_dump(j) for j in _journeys(hb, journey_id)],
    }


def export_json(hb: Handbook, journey_id: str | None = None) -> str:
    return json.dumps(export_data(hb, journey_id), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- csv


def csv_rows(hb: Handbook, lang: str = "en", journey_id: str | None = None) -> list[dict[str, str]]:
    """One row per step, in journey, phase and step order; texts as written, in ``lang``."""
    rows = []
    for journey in _journeys(hb, journey_id):
        for phase in journey.phases:
            for number, step in enumerate(phase.steps, 1):
                rows.append(
                    {
                        "journey": journey.id,
                        "persona": LIST_SEPARATOR.join(journey.persona),
                        "phase": phase.phase,
                        "step": str(number),
                        "action": _cell(_text(step.action, lang)),
                        "emotion": "" if step.emotion is None else str(step.emotion),
                        "touchpoints": LIST_SEPARATOR.join(use.ref for use in step.touchpoints),
                        "pain_points": _cell(LIST_SEPARATOR.join(_text(p.text, lang) for p in step.pain_points)),
                        "opportunities": _cell(LIST_SEPARATOR.join(_text(o.text, lang) for o in step.opportunities)),
                    }
                )
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Author text that a spreadsheet would run as a formula ("=HYPERLINK(...)") gets a leading
    apostrophe, so it is shown as text (the OWASP advice for CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(hb: Handbook, lang: str = "en", journey_id: str | None = None) -> str:
    """RFC 4180 CSV (comma separated, ``\\r\\n`` line ends, quotes where needed) with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(hb, lang, journey_id))
    return buffer.getvalue()


# --------------------------------------------------------------------------- mermaid

# Characters Mermaid's journey grammar reads as syntax, and what is written instead: a colon
# ends a task name, '#' starts an entity, ';' ends a statement, and a line break a line.
_MERMAID_SAFE = str.maketrans({":": "\u2236", "#": "\uff03", ";": ",", "\r": " ", "\n": " ", "\t": " "})
_KEYWORD_START = re.compile(r"(?i)^(?:title|section|journey|acctitle|accdescr)\b")


def mermaid_text(text: str, task: bool = False) -> str:
    """Author text as one safe line: plain words; ``:`` becomes ``∶``, ``#`` ``＃``, ``;`` a comma;
    no line breaks and no leading ``%%`` (a comment). A ``task`` name that starts like a
    statement (``title ...``, ``section ...``) is put in quotes."""
    text = markup.plain(text).translate(_MERMAID_SAFE)
    text = " ".join(text.split()).lstrip("%").strip()
    if task and _KEYWORD_START.match(text):
        text = f"“{text}”"
    return text


def score(emotion: int | None) -> int:
    """Emotion −2..+2 as Mermaid's score 1..5; a step without emotion counts as neutral (3)."""
    return 3 if emotion is None else emotion + 3


def export_mermaid(hb: Handbook, journey: Journey, lang: str = "en") -> str:
    """The journey in Mermaid's ``journey`` syntax: a section per phase with steps, a task per step."""
    framework = hb.framework_of(journey)
    lines = ["journey", f"  title {mermaid_text(_text(journey.title, lang)) or journey.id}"]
    for phase in journey.phases:
        if not phase.steps:
            continue
        fphase = framework.phase(phase.phase)
        name = mermaid_text(_text(fphase.name if fphase else None, lang)) or phase.phase
        lines.append(f"  section {name}")
        for number, step in enumerate(phase.steps, 1):
            task = mermaid_text(_text(step.action, lang), task=True) or f"{phase.phase} {number}"
            actors = []
            for use in step.touchpoints:
                tp = hb.touchpoints.get(use.ref)
                actor = mermaid_text(_text(tp.name if tp else None, lang)).replace(",", " ") or use.ref
                actor = " ".join(actor.split())
                if actor not in actors:
                    actors.append(actor)
            task_line = f"    {task}: {score(step.emotion)}"
            if actors:
                task_line += ": " + ", ".join(actors)
            lines.append(task_line)
    return "\n".join(lines) + "\n"
