"""The handbook's data for other tools (``journeybook export``): JSON, CSV or a Mermaid journey diagram.

- **json**: the validated model, ``{"format": ..., "default_framework": ..., "builtin": {...},
  "personas": [...], "touchpoints": [...], "sources": [...], "frameworks": [...],
  "research": [...], "metrics": [...], "journeys": [...], "measurements": [...]}``. Every
  list but ``measurements`` is sorted by id; each item is the model as
  ``model_dump(mode="json", by_alias=True)`` with unset fields (``null``) left out. Texts are
  written as in YAML: a string, or a map of language codes to strings. Built-in frameworks
  and sources are included (so every phase id and citation can be looked up); ``builtin``
  lists their ids.

  What version 1.1 of the format adds is written only where a handbook uses it, so a
  version-1 handbook exports exactly what it did before: ``research`` (each document with
  its findings) only when there are research documents; ``metrics`` (the metric
  definitions) and ``measurements`` only when there are metrics; an empty ``evidence`` list
  is left out like an unset field. An opportunity used through ``ref`` is written as
  ``{"ref": ID}`` alone (its fields are those of the definition). ``measurements`` holds every
  valid measurement, inline ones and CSV rows alike, in the order they were read (files in
  path order; in a metrics file its inline measurements, then its CSV files in the order of
  ``files``, rows in order), each with ``file``: the file it was written in, relative to the
  source folder (``metrics.yml``, ``data/csat-2026.csv``). With a journey given, only the
  measurements in that journey. The service-blueprint lanes of a step (``frontstage``,
  ``backstage``, ``support``: lists; ``fail_point``), a journey's ``state`` (only when it is
  ``to-be``; as-is is the default), ``improves`` and ``reviewed`` (also on personas; dates
  as ``YYYY-MM-DD``) are written only where they are given.
- **csv**: one row per step, columns :func:`csv_columns`: :data:`CSV_COLUMNS`, and for a
  handbook that uses version 1.1 (step ids, research, metrics or opportunity ids, refs,
  impact or effort) also :data:`CSV_COLUMNS_11` (the step's id, its derived evidence level,
  the ids of the findings it rests on) and one ``metric:ID`` column per metric, sorted by id,
  with the latest value measured at that step (empty when none). A handbook with a
  service-blueprint lane or fail point at any step also gets :data:`LANE_COLUMNS`, and one
  with a future state (``state: to-be``) :data:`STATE_COLUMNS` (the journey's state and the
  journey it improves). Lists are joined with ``"; "``; numbers are written with a decimal
  point, without a trailing ``.0``.
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

from . import evidence, markup
from .handbook import Handbook, is_builtin
from .metrics import all_series
from .model import Journey, LocalizedText, Record, parse_place

FORMAT_VERSION = 1
CSV_COLUMNS = (
    "journey", "persona", "phase", "step", "action", "emotion",
    "touchpoints", "pain_points", "opportunities",
)  # fmt: skip
CSV_COLUMNS_11 = ("step_id", "evidence", "findings")  # for a handbook that uses version 1.1
LANE_COLUMNS = ("frontstage", "backstage", "support", "fail_point")  # when any step has a lane or fail point
STATE_COLUMNS = ("state", "improves")  # when any journey is a future state
LANES = ("frontstage", "backstage", "support")  # the lists of a step's blueprint, left out of JSON when empty
METRIC_COLUMN = "metric:{id}"
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
    data: dict[str, Any] = {
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
    }
    if hb.research:
        data["research"] = _by_id(hb.research.values())
    if hb.metrics:
        data["metrics"] = _by_id(hb.metrics.values())
    data["journeys"] = [_journey(j) for j in _journeys(hb, journey_id)]
    if hb.metrics:
        data["measurements"] = _measurements(hb, journey_id)
    return data


def _journey(journey: Journey) -> dict[str, Any]:
    """A journey as dumped, with empty ``evidence`` and lane lists and the default ``state`` (as-is)
    left out, and a ``ref`` opportunity as ``{"ref": ID}``."""
    data = _dump(journey)
    if data.get("state") == "as-is":
        del data["state"]
    for phase, phase_data in zip(journey.phases, data.get("phases", []), strict=True):
        for step, step_data in zip(phase.steps, phase_data.get("steps", []), strict=True):
            _drop_empty_evidence(step_data)
            for lane in LANES:
                if step_data.get(lane) == []:
                    del step_data[lane]
            for pain_data in step_data.get("pain_points", []):
                _drop_empty_evidence(pain_data)
            opportunities = step_data.get("opportunities", [])
            for i, opp in enumerate(step.opportunities):
                if opp.ref:
                    opportunities[i] = {"ref": opp.ref}
                else:
                    _drop_empty_evidence(opportunities[i])
    return data


def _drop_empty_evidence(item: dict[str, Any]) -> None:
    if item.get("evidence") == []:
        del item["evidence"]


def _measurements(hb: Handbook, journey_id: str | None) -> list[dict[str, Any]]:
    out = []
    for m in hb.measurements:
        if journey_id is not None and parse_place(m.at)[0] != journey_id:
            continue
        item = _dump(m)
        path = m.doc.path if m.doc is not None else None
        if path is not None:
            item["file"] = path.relative_to(hb.source_dir).as_posix() if path.is_relative_to(hb.source_dir) else path.name
        out.append(item)
    return out


def export_json(hb: Handbook, journey_id: str | None = None) -> str:
    return json.dumps(export_data(hb, journey_id), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- csv


def uses_format_11(hb: Handbook) -> bool:
    """True when the handbook uses anything of version 1.1 that the CSV export shows."""
    if hb.research or hb.metrics:
        return True
    for _journey, _phase, step in hb.steps():
        if step.id or any(o.id or o.ref or o.impact or o.effort for o in step.opportunities):
            return True
    return False


def uses_lanes(hb: Handbook) -> bool:
    """True when any step has a service-blueprint lane or a fail point."""
    return any(step.has_lanes() for _journey, _phase, step in hb.steps())


def uses_future_states(hb: Handbook) -> bool:
    """True when any journey is a future state (``state: to-be``)."""
    return any(journey.state == "to-be" for journey in hb.journeys.values())


def csv_columns(hb: Handbook) -> tuple[str, ...]:
    """The header of :func:`export_csv`: the version-1 columns; for a handbook that uses version 1.1
    the step id, evidence level, findings and one ``metric:ID`` column per metric (sorted by id);
    the lane columns when a step has a lane or fail point; the state columns when a journey is to-be."""
    columns: tuple[str, ...] = CSV_COLUMNS
    if uses_format_11(hb):
        columns += (*CSV_COLUMNS_11, *(METRIC_COLUMN.format(id=m) for m in sorted(hb.metrics)))
    if uses_lanes(hb):
        columns += LANE_COLUMNS
    if uses_future_states(hb):
        columns += STATE_COLUMNS
    return columns


def csv_rows(hb: Handbook, lang: str = "en", journey_id: str | None = None) -> list[dict[str, str]]:
    """One row per step, in journey, phase and step order; texts as written, in ``lang``."""
    extended, lanes, states = uses_format_11(hb), uses_lanes(hb), uses_future_states(hb)
    latest: dict[tuple[str, str], dict[str, float]] = {}  # (journey, step id) → metric id → latest value
    for series in all_series(hb):
        if series.step is not None and series.phase is None:
            latest.setdefault((series.journey, series.step), {})[series.metric.id] = series.latest.value
    rows = []
    for journey in _journeys(hb, journey_id):
        for phase in journey.phases:
            for number, step in enumerate(phase.steps, 1):
                opportunities = [hb.opportunity(o) for o in step.opportunities]
                row = {
                    "journey": journey.id,
                    "persona": LIST_SEPARATOR.join(journey.persona),
                    "phase": phase.phase,
                    "step": str(number),
                    "action": _cell(_text(step.action, lang)),
                    "emotion": "" if step.emotion is None else str(step.emotion),
                    "touchpoints": LIST_SEPARATOR.join(use.ref for use in step.touchpoints),
                    "pain_points": _cell(LIST_SEPARATOR.join(_text(p.text, lang) for p in step.pain_points)),
                    "opportunities": _cell(LIST_SEPARATOR.join(_text(o.text, lang) or (o.ref or "") for o in opportunities)),
                }
                if extended:
                    values = latest.get((journey.id, step.id), {}) if step.id else {}
                    row["step_id"] = step.id or ""
                    row["evidence"] = evidence.step_level(hb, step)
                    row["findings"] = LIST_SEPARATOR.join(evidence.step_findings(step))
                    for metric_id in sorted(hb.metrics):
                        value = values.get(metric_id)
                        row[METRIC_COLUMN.format(id=metric_id)] = "" if value is None else data_number(value)
                if lanes:
                    for lane in LANES:
                        row[lane] = _cell(LIST_SEPARATOR.join(_text(t, lang) for t in getattr(step, lane)))
                    row["fail_point"] = _cell(_text(step.fail_point, lang))
                if states:
                    row["state"] = journey.state
                    row["improves"] = journey.improves or ""
                rows.append(row)
    return rows


def data_number(value: float) -> str:
    """A number as data: a decimal point, no trailing ``.0``, no exponent (``3.4``, ``22``, ``0.0005``)."""
    value = round(float(value), 6)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.10g}"
    return f"{value:f}".rstrip("0").rstrip(".") if "e" in text else text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Author text that a spreadsheet would run as a formula ("=HYPERLINK(...)") gets a leading
    apostrophe, so it is shown as text (the OWASP advice for CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(hb: Handbook, lang: str = "en", journey_id: str | None = None) -> str:
    """RFC 4180 CSV (comma separated, ``\\r\\n`` line ends, quotes where needed) with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(hb), lineterminator="\r\n")
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
