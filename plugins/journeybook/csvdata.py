"""Measurements from CSV files (``kind: metrics``, ``files: [...]``), with the place of every cell.

A CSV file becomes a :class:`~journeybook.loader.Document` whose data is one mapping per
row (header name → cell) and whose marks point at each cell as ``file.csv:ROW:COLUMN``
(the line of the row and the column of the cell's first character, both from 1). So the
rows are validated by the same models, and reported by the same code, as measurements
written in YAML. Number and date cells are converted as YAML would read them; a cell that
does not convert is left as text, for the model to report.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from .diagnostics import Diagnostic, Location, Msg, diagnostic, suggestion
from .loader import MAX_FILE_BYTES, Document

COLUMNS = ("metric", "at", "value", "date", "target")
REQUIRED = ("metric", "at", "value", "date")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")

M_MISSING_FILE = Msg("CSV file {file!r} does not exist{hint}", "CSV-bestand {file!r} bestaat niet{hint}")
M_OUTSIDE = Msg(
    "CSV file {file!r} is outside the source folder; keep measurement files inside it",
    "CSV-bestand {file!r} staat buiten de bronmap; houd meetbestanden erbinnen",
)
M_NOT_CSV = Msg("{file!r} is not a .csv file", "{file!r} is geen .csv-bestand")
M_UNREADABLE = Msg("cannot read {file!r}: {reason}", "kan {file!r} niet lezen: {reason}")
M_TOO_LARGE = Msg("the file is larger than {limit} MB", "het bestand is groter dan {limit} MB")
M_ENCODING = Msg(
    "the file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8",
    "het bestand is geen UTF-8-tekst (byte {byte} is onleesbaar); sla het op als UTF-8",
)
M_EMPTY = Msg(
    "the CSV file is empty; its first line is the header: metric,at,value,date (and optionally target)",
    "het CSV-bestand is leeg; de eerste regel is de kop: metric,at,value,date (en eventueel target)",
)
M_UNKNOWN_COLUMN = Msg("unknown column {name!r}{hint}", "onbekende kolom {name!r}{hint}")
M_MISSING_COLUMN = Msg(
    "the header lacks column {name!r}; it is: metric,at,value,date (and optionally target)",
    "de kop mist kolom {name!r}; die is: metric,at,value,date (en eventueel target)",
)
M_REPEATED_COLUMN = Msg("column {name!r} appears twice in the header", "kolom {name!r} staat twee keer in de kop")
M_CELLS = Msg(
    "this row has {found} values where the header has {expected}",
    "deze rij heeft {found} waarden waar de kop er {expected} heeft",
)
M_SYNTAX = Msg("this row cannot be read as CSV: {detail}", "deze rij is geen geldige CSV: {detail}")


def load_csv(path: Path) -> tuple[Document | None, list[Diagnostic]]:
    """The rows of the CSV file at ``path`` as a document (a list of row mappings), and its problems.

    A row with problems of its own shape (too few or too many cells) is reported and left
    out; a bad value is left in, for the model to report at its cell.
    """
    path = Path(path).absolute()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [diagnostic(Location(path), "csv-unreadable", M_UNREADABLE, file=path.name, reason=exc.strerror or str(exc))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [diagnostic(Location(path), "file-too-large", M_TOO_LARGE, limit=MAX_FILE_BYTES // 2**20)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_at(path, raw[: exc.start], "csv-encoding", M_ENCODING, byte=exc.start + 1)]
    lines = text.splitlines()
    records = _records(lines)
    if not records:
        return None, [diagnostic(Location(path), "csv-empty", M_EMPTY)]
    problems: list[Diagnostic] = []
    (header_line, header, header_cols), rows = records[0], records[1:]
    names: list[str | None] = [None if n.strip().lower() not in COLUMNS else n.strip().lower() for n in header]
    missing = [c for c in REQUIRED if c not in names]
    unknown = 0
    for i, (name, col) in enumerate(zip(header, header_cols, strict=True)):
        clean = name.strip().lower()
        if clean not in COLUMNS:
            # an unknown column is taken to be meant for a missing one: said once, here
            hint = suggestion(clean, missing or [c for c in COLUMNS if c not in names])
            problems.append(diagnostic(Location(path, header_line, col), "csv-column", M_UNKNOWN_COLUMN, name=name, hint=hint))
            unknown += 1
        elif clean in names[:i]:
            problems.append(diagnostic(Location(path, header_line, col), "csv-column", M_REPEATED_COLUMN, name=clean))
            names[i] = None
    problems += [diagnostic(Location(path, header_line, 1), "csv-column", M_MISSING_COLUMN, name=c) for c in missing[unknown:]]
    if missing:
        return None, problems
    data: list[dict] = []
    marks: dict[tuple, tuple[int, int]] = {(): (1, 1)}
    key_marks: dict[tuple, tuple[int, int]] = {}
    for line, cells, cols in rows:
        if isinstance(cells, str):  # a syntax error
            problems.append(diagnostic(Location(path, line, cols[0]), "csv-syntax", M_SYNTAX, detail=cells))
            continue
        if len(cells) != len(names):
            # at the first value too many, or at the end of a row that is too short
            at = cols[len(names)] if len(cells) > len(names) else len(lines[line - 1].rstrip("\r\n")) + 1
            problems.append(diagnostic(Location(path, line, at), "csv-row", M_CELLS, found=len(cells), expected=len(names)))
            continue
        index = len(data)
        row: dict = {}
        marks[(index,)] = (line, 1)
        for column, cell, col in zip(names, cells, cols, strict=True):
            if column is None or (column == "target" and not cell.strip()):
                continue
            row[column] = _value(column, cell)
            marks[(index, column)] = key_marks[(index, column)] = (line, col)
        data.append(row)
    return Document(path=path, index=0, data=data, marks=marks, key_marks=key_marks, text=text), problems


def _records(lines: list[str]) -> list[tuple[int, list[str] | str, list[int]]]:
    """(line, cells, column of each cell) per non-empty line; cells is an error text for a bad line.

    Each line is one row: a quoted cell may hold commas, not line breaks.
    """
    out: list[tuple[int, list[str] | str, list[int]]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            cells = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            out.append((number, str(exc), [1]))
            continue
        out.append((number, cells, _columns(line)))
    return out


def _columns(line: str) -> list[int]:
    """The 1-based column where each cell of ``line`` starts (commas inside quotes do not count)."""
    columns, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(i + 2)
    return columns


def _value(name: str, cell: str) -> object:
    """A cell as YAML would read it: numbers for value and target, a date for date; else the text."""
    text = cell.strip()
    if name in ("value", "target") and _NUMBER.fullmatch(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if name == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _at(path: Path, before: bytes, code: str, msg: Msg, **args: object) -> Diagnostic:
    text = before.decode("utf-8", errors="replace")
    line = text.count("\n") + 1
    return diagnostic(Location(path, line, len(text) - text.rfind("\n")), code, msg, **args)
