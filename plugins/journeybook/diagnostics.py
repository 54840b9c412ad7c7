"""Diagnostics: every problem found in a handbook, with its place and a message in English and Dutch.

Nothing in journeybook raises on bad input. Each stage (load, model, cross references,
lint) appends :class:`Diagnostic` objects to a list; the adapters (MkDocs plugin, CLI)
print them all at once, sorted by file and line, and then fail.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]
LANGUAGES = ("en", "nl")  # every user-facing word exists in these; the first is the default


@dataclass(frozen=True)
class Msg:
    """A message template in English and Dutch; ``{name}`` fields are filled from arguments.

    An argument that is itself a :class:`Msg` or :class:`Text` is rendered in the same
    language, so hints like "did you mean" translate along with the message.
    """

    en: str
    nl: str

    def text(self, lang: str = "en") -> str:
        """The words in ``lang`` as written (Dutch for 'nl', English otherwise), nothing filled in."""
        return self.nl if lang == "nl" else self.en

    def format(self, lang: str = "en", /, base: Path | None = None, **args: object) -> str:
        return self.text(lang).format(**{k: _render(v, lang, base) for k, v in args.items()})


@dataclass(frozen=True)
class Text:
    """A message with its arguments bound, rendered later in the reader's language."""

    msg: Msg
    args: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str = "en", base: Path | None = None) -> str:
        return self.msg.format(lang, base, **self.args)


@dataclass(frozen=True)
class Count:
    """A number with its noun, singular or plural as the language wants: "1 error", "2 fouten"."""

    n: int
    en: tuple[str, str]  # (singular, plural)
    nl: tuple[str, str]

    def render(self, lang: str = "en") -> str:
        singular, plural = self.nl if lang == "nl" else self.en
        return f"{self.n} {singular if self.n == 1 else plural}"


def _render(value: object, lang: str, base: Path | None = None) -> object:
    """Nested messages in the same language; places relative to the same folder."""
    if isinstance(value, Count):
        return value.render(lang)
    if isinstance(value, Text):
        return value.render(lang, base)
    if isinstance(value, Msg):
        return value.format(lang)
    if isinstance(value, Location):
        return value.display(base)
    return value


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; ``line`` and ``column`` count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def display(self, base: Path | None = None) -> str:
        return f"{display_path(self.path, base)}:{self.line}:{self.column}"


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as a user wants to read it: relative to ``base`` (or the cwd) when below it."""
    base = Path(base) if base is not None else Path.cwd()
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return str(path)
    if rel.startswith(".."):
        return str(path)
    return Path(rel).as_posix()


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, how bad, what (``code`` is stable, for tests, JSON and lint settings)."""

    location: Location | None
    code: str
    text: Text
    severity: Severity = "error"

    def message(self, lang: str = "en", base: Path | None = None) -> str:
        return self.text.render(lang, base)

    def sort_key(self) -> tuple:
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.code, self.message())
        return (loc.path.as_posix(), loc.line, loc.column, self.code, self.message())

    def format(self, base: Path | None = None, lang: str = "en", with_severity: bool = False) -> str:
        """``path:line:column: message`` (or ``path:line:column: error: message``)."""
        where = self.location.display(base) if self.location else "journeybook"
        level = f"{SEVERITY_NAMES[self.severity].format(lang)}: " if with_severity else ""
        return f"{where}: {level}{self.message(lang, base)}"


SEVERITY_NAMES = {
    "error": Msg("error", "fout"),
    "warning": Msg("warning", "waarschuwing"),
    "info": Msg("info", "info"),
}


def diagnostic(
    location: Location | None, code: str, msg: Msg, severity: Severity = "error", /, **args: object
) -> Diagnostic:
    return Diagnostic(location, code, Text(msg, args), severity)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column; exact repeats removed."""
    seen: set[tuple] = set()
    out = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.sort_key(), d.severity)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


DID_YOU_MEAN = Msg(" (did you mean {suggestion!r}?)", " (bedoelde je {suggestion!r}?)")
EXPECTED_ONE_OF = Msg("; expected one of: {choices}", "; verwacht een van: {choices}")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest choice to ``word`` (case-insensitive), or None when nothing is close."""
    options = sorted(set(choices))
    lowered = {c.lower(): c for c in options}
    hits = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[hits[0]] if hits else None


def suggestion(word: object, choices: Iterable[str], list_choices: bool = True, limit: int = 12) -> Text:
    """" (did you mean 'x'?)" for a near miss, else "; expected one of: a, b, c" (or nothing)."""
    options = sorted(set(choices))
    near = closest(str(word), options)
    if near is not None:
        return Text(DID_YOU_MEAN, {"suggestion": near})
    if list_choices and options:
        shown = ", ".join(options[:limit]) + (", …" if len(options) > limit else "")
        return Text(EXPECTED_ONE_OF, {"choices": shown})
    return Text(Msg("", ""))
