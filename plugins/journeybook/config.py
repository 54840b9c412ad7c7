"""The options of ``plugins: - journeybook:`` in ``mkdocs.yml``, typed and checked where MkDocs checks options.

In the style of Material's own plugins: a :class:`~mkdocs.config.base.Config` per option group
with one option class per kind of value. A wrong value stops MkDocs with a configuration
error (the :class:`~mkdocs.config.base.ValidationError` of the option's ``run_validation``)
that reads ``mkdocs.yml:line:column: message``, in the site's language, with "did you mean"
for near misses. ``mkdocs.yml`` is read again (with journeybook's own YAML loader, which
knows where every value is written) only when there is something to report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from .diagnostics import DID_YOU_MEAN, Diagnostic, Location, Msg, Text, diagnostic, suggestion
from .diagrams import ENGINES
from .handbook import DEFAULT_FRAMEWORK
from .i18n import SUPPORTED, site_language
from .lint import DEFAULT_REVIEW_DAYS, parse_review_days, parse_settings
from .loader import Document, load_file
from .model import SLUG_RE, shown, slugify

T = TypeVar("T")

M_TYPE = Msg("'{option}' must be {expected}, got {value}", "'{option}' moet {expected} zijn, niet {value}")
EXPECTED = {
    "text": Msg("text", "tekst"),
    "flag": Msg("true or false", "true of false"),
    "group": Msg("a group of options (a mapping)", "een groep opties (een mapping)"),
}
M_CHOICE = Msg("'{option}' cannot be {value}{hint}", "'{option}' kan niet {value} zijn{hint}")
M_UNKNOWN_OPTION = Msg(
    "unknown option '{option}' of the journeybook plugin, ignored{hint}",
    "onbekende optie '{option}' van de journeybook-plugin, genegeerd{hint}",
)
M_URL = Msg(
    "'url' must be a folder inside the site, such as 'playbook' or 'docs/cx', not {value}: {reason}{hint}",
    "'url' moet een map binnen de site zijn, zoals 'playbook' of 'docs/cx', niet {value}: {reason}{hint}",
)
R_EMPTY = Msg("it is empty", "die is leeg")
R_ABSOLUTE = Msg("it starts with '/'", "die begint met '/'")
R_ADDRESS = Msg("that is a web address or a drive", "dat is een webadres of een schijf")
R_BACKSLASH = Msg("folders are separated by '/', not by '\\'", "mappen worden gescheiden door '/', niet door '\\'")
R_EMPTY_SEGMENT = Msg("it has an empty folder name ('//')", "die bevat een lege mapnaam ('//')")
R_DOTS = Msg("'.' and '..' would point outside the site or nowhere", "'.' en '..' wijzen buiten de site of nergens heen")
R_CHARACTER = Msg(
    "a folder name in a web address cannot hold {char}", "een mapnaam in een webadres kan geen {char} bevatten"
)
M_FOLDER_IS_FILE = Msg(
    "'{option}' must be a folder, but {path} is a file", "'{option}' moet een map zijn, maar {path} is een bestand"
)
M_EMPTY_FOLDER = Msg(
    "'{option}' must name a folder, got an empty value", "'{option}' moet een map noemen, niet een lege waarde"
)
M_FOLDER_CHARACTER = Msg(
    "'{option}' must name a folder, and a folder name cannot hold {char}",
    "'{option}' moet een map noemen, en een mapnaam kan geen {char} bevatten",
)
M_FRAMEWORK_ID = Msg(
    "'framework' {value} is not a framework id: ids are lowercase letters, digits and hyphens{hint}",
    "'framework' {value} is geen framework-id: id's bestaan uit kleine letters, cijfers en koppeltekens{hint}",
)

# Characters that cannot stand in a folder name of the site: not portable as a file name,
# or with a meaning in a URL (``%2e%2e`` is '..' to a browser).
_NOT_IN_URL = frozenset('\\:?#%<>"|*')
_SCHEME_OR_DRIVE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class _Problems(Exception):
    """Raised by an option's check; problems without a place are placed at the option in mkdocs.yml."""

    def __init__(self, *problems: Diagnostic) -> None:
        super().__init__()
        self.problems = problems


def _problem(code: str, msg: Msg, **args: object) -> _Problems:
    return _Problems(diagnostic(None, code, msg, **args))


class _MkdocsYml:
    """What messages about the options need from ``mkdocs.yml``: where an option is written, and
    the site's language (the plugin's ``language``, else ``theme.language``, else English)."""

    def __init__(self, config_file_path: str | None) -> None:
        self.path = Path(config_file_path) if config_file_path else None
        self.folder = self.path.parent if self.path else None

    @cached_property
    def _plugin(self) -> tuple[Document | None, tuple[Any, ...], Mapping[str, Any]]:
        """The file, the path of the plugin's options in it, and those options."""
        documents = load_file(self.path)[0] if self.path else []
        if not documents or not isinstance(documents[0].data, dict):
            return None, (), {}
        doc = documents[0]
        plugins = doc.data.get("plugins")
        if isinstance(plugins, dict) and isinstance(plugins.get("journeybook"), dict):
            return doc, ("plugins", "journeybook"), plugins["journeybook"]
        for i, item in enumerate(plugins if isinstance(plugins, list) else []):
            if isinstance(item, dict) and isinstance(item.get("journeybook"), dict):
                return doc, ("plugins", i, "journeybook"), item["journeybook"]
        return doc, ("plugins",), {}

    def locate(self, keys: tuple[Any, ...], key: bool = False) -> Location | None:
        """Where the option at ``keys`` (below the plugin's options) is written, else the nearest enclosing place."""
        doc, prefix, _options = self._plugin
        if doc is None:
            return Location(self.path) if self.path else None
        return doc.locate(prefix + keys, key=key)

    @cached_property
    def language(self) -> str:
        doc, _prefix, options = self._plugin
        theme = doc.data.get("theme") if doc is not None else None
        return site_language(options.get("language"), theme.get("language") if isinstance(theme, dict) else None)

    def explain(self, problems: tuple[Diagnostic, ...], keys: tuple[Any, ...], key: bool = False) -> str:
        """``mkdocs.yml:line:column: message`` per problem, one per line."""
        placed = (p if p.location is not None else replace(p, location=self.locate(keys, key)) for p in problems)
        return "\n".join(p.format(self.folder, self.language) for p in placed)


class _Options(Config):
    """A group of options; ``section`` is where it sits below the plugin's options (``diagrams``)."""

    section: ClassVar[tuple[str, ...]] = ()

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' checks, with an unknown option name placed in mkdocs.yml and a "did you mean"."""
        failed, warnings = super().validate()
        known = [name for name, _option in self._schema]
        yml = _MkdocsYml(self.config_file_path)
        for i, (name, _message) in enumerate(warnings):
            if name not in known:
                problem = _problem("unknown-option", M_UNKNOWN_OPTION, option=name, hint=suggestion(name, known))
                warnings[i] = (name, yml.explain(problem.problems, (*self.section, name), key=True))
        return failed, warnings


class _Option(c.OptionallyRequired[T]):
    """An option whose :meth:`check` raises :class:`_Problems`, reported as MkDocs configuration errors."""

    def __init__(self, default: T | None = None) -> None:
        super().__init__(default=default)
        self.keys: tuple[str, ...] = ()
        self.yml = _MkdocsYml(None)

    def pre_validation(self, config: Config, key_name: str) -> None:
        self.keys = (*getattr(config, "section", ()), key_name)
        self.yml = _MkdocsYml(config.config_file_path)

    def run_validation(self, value: object) -> T:
        try:
            return self.check(value)
        except _Problems as exc:
            raise ValidationError(self.yml.explain(exc.problems, self.keys)) from None

    def check(self, value: object) -> T:
        raise NotImplementedError

    def _text(self, value: object) -> str:
        if not isinstance(value, str):
            raise _problem("bad-option", M_TYPE, option=self.keys[-1], expected=EXPECTED["text"], value=shown(value))
        return value


class Flag(_Option[bool]):
    """``true`` or ``false``."""

    def check(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise _problem("bad-option", M_TYPE, option=self.keys[-1], expected=EXPECTED["flag"], value=shown(value))
        return value


class OneOf(_Option[str]):
    """One word from a fixed list."""

    def __init__(self, choices: tuple[str, ...], default: str | None = None) -> None:
        super().__init__(default)
        self.choices = choices

    def check(self, value: object) -> str:
        word = self._text(value)
        if word not in self.choices:
            hint = suggestion(word, self.choices)
            raise _problem("bad-option", M_CHOICE, option=self.keys[-1], value=shown(value), hint=hint)
        return word


class SiteFolder(_Option[str]):
    """A folder inside the site, as a relative URL path: ``playbook``, ``docs/cx`` (a trailing ``/`` is dropped).

    It becomes part of the paths the site is written to, so nothing may lead out of the site
    folder: no absolute path, no ``..``, no drive or web address, no backslash.
    """

    def check(self, value: object) -> str:
        text = self._text(value)
        reason = _url_problem(text)
        if reason is None:
            return text.rstrip("/")
        cleaned = "/".join(s for s in text.replace("\\", "/").split("/") if s not in ("", ".", ".."))
        cleaned = "".join(ch for ch in cleaned if ch not in _NOT_IN_URL and unicodedata.category(ch)[0] != "C")
        near = cleaned and reason.msg is not R_ADDRESS and _url_problem(cleaned) is None
        hint = Text(DID_YOU_MEAN, {"suggestion": cleaned}) if near else ""
        raise _problem("bad-url", M_URL, value=shown(value), reason=reason, hint=hint)


def _url_problem(text: str) -> Text | None:
    """Why ``text`` is not a folder inside the site (None: it is one)."""
    segments = [segment.strip() for segment in text.rstrip("/").split("/")]
    odd = next((ch for ch in text if ch in _NOT_IN_URL or (unicodedata.category(ch)[0] in "CZ" and ch != " ")), None)
    if not text.strip("/").strip():
        return Text(R_EMPTY)
    if _SCHEME_OR_DRIVE.match(text) or text.startswith("//"):
        return Text(R_ADDRESS)
    if text.startswith("/"):
        return Text(R_ABSOLUTE)
    if "\\" in text:
        return Text(R_BACKSLASH)
    if odd is not None:
        return Text(R_CHARACTER, {"char": ascii(odd)})
    if "" in segments:
        return Text(R_EMPTY_SEGMENT)
    if "." in segments or ".." in segments:
        return Text(R_DOTS)
    return None


class Folder(_Option[str]):
    """A folder, relative to ``mkdocs.yml`` (or absolute); it need not exist yet, but may not be a file.

    The value becomes the absolute path, as MkDocs' own ``docs_dir`` does.
    """

    def check(self, value: object) -> str:
        text = self._text(value)
        if not text.strip():
            raise _problem("bad-folder", M_EMPTY_FOLDER, option=self.keys[-1])
        control = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
        if control is not None:
            raise _problem("bad-folder", M_FOLDER_CHARACTER, option=self.keys[-1], char=ascii(control))
        path = Path(self.yml.folder or ".", text).absolute()
        if path.exists() and not path.is_dir():
            raise _problem("bad-folder", M_FOLDER_IS_FILE, option=self.keys[-1], path=shown(text))
        return str(path)


class FrameworkId(_Option[str]):
    """The id of a phase model.

    Only its form is checked here: a handbook may define its own frameworks in its YAML, so
    whether the id exists is known once the handbook is read (the build reports it then, at
    this option's place in mkdocs.yml).
    """

    def check(self, value: object) -> str:
        text = self._text(value)
        if not SLUG_RE.fullmatch(text):
            hint = Text(DID_YOU_MEAN, {"suggestion": slugify(text)}) if any(ch.isalnum() for ch in text) else ""
            raise _problem("bad-framework", M_FRAMEWORK_ID, value=shown(value), hint=hint)
        return text


class LintSettings(_Option[dict[str, str | None]]):
    """``false``, or rule ids mapped to ``off``/``info``/``warning``/``error``; becomes every rule's level (None: off)."""

    def check(self, value: object) -> dict[str, str | None]:
        def where(rule_id: str | None) -> Location | None:
            return self.yml.locate((*self.keys, rule_id), key=True) if rule_id else self.yml.locate(self.keys)

        settings, problems = parse_settings(value, where)  # type: ignore[arg-type]  # parse_settings reports any other type
        if problems:
            raise _Problems(*problems)
        return dict(settings)


class ReviewDays(_Option[int]):
    """A whole number of days, 1 or more (``review_days``)."""

    def check(self, value: object) -> int:
        days, problems = parse_review_days(value)
        if problems:
            raise _Problems(*problems)
        return days


class DiagramsConfig(_Options):
    """``diagrams:`` — how the pictures are made."""

    section = ("diagrams",)

    engine = OneOf(ENGINES, default="pygraphviz")
    """``pygraphviz``: the Graphviz bundled with journeybook (same output everywhere); ``dot``: the system's."""
    cache = Flag(default=True)
    """Keep rendered diagrams between builds, so unchanged ones are not drawn again."""
    cache_dir = Folder(default=".cache/journeybook")
    """Where, relative to ``mkdocs.yml``; safe to delete. The value is the absolute path."""


class DiagramsGroup(c.SubConfig[DiagramsConfig]):
    """``diagrams:`` itself: a mapping, or nothing (all defaults)."""

    def pre_validation(self, config: Config, key_name: str) -> None:
        super().pre_validation(config, key_name)
        self.key = key_name
        self.yml = _MkdocsYml(config.config_file_path)

    def run_validation(self, value: object) -> DiagramsConfig:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            problem = _problem("bad-option", M_TYPE, option=self.key, expected=EXPECTED["group"], value=shown(value))
            raise ValidationError(self.yml.explain(problem.problems, (self.key,)))
        return super().run_validation(value)


class JourneybookConfig(_Options):
    """The options of ``plugins: - journeybook:`` in ``mkdocs.yml`` (all optional)."""

    enabled = Flag(default=True)
    """Set to false to build the site without the playbook (e.g. for a quick draft)."""
    source = Folder(default="journeys")
    """Folder with the YAML files, relative to ``mkdocs.yml``. The value is the absolute path."""
    url = SiteFolder(default="playbook")
    """Where the generated section lives in the site (``/playbook/...``)."""
    framework = FrameworkId(default=DEFAULT_FRAMEWORK)
    """Phase model for journeys that do not name one."""
    language = c.Optional(OneOf(SUPPORTED))
    """Language of the generated pages; default: ``theme.language``, else English."""
    builtin_guidance = Flag(default=True)
    """Show the built-in summaries, checklists and guidance of the phase models."""
    strict = Flag(default=False)
    """Log journeybook's warnings as MkDocs warnings, so that ``mkdocs build --strict`` fails on them."""
    diagrams = DiagramsGroup()
    """How the diagrams are rendered and cached (see :class:`DiagramsConfig`)."""
    lint = LintSettings(default={})
    """Lint rules to switch off or change: ``{rule-id: off|info|warning|error}``; ``false`` = all off.
    The value is every rule's level (None: off)."""
    review_days = ReviewDays(default=DEFAULT_REVIEW_DAYS)
    """Lint rule ``stale-review``: a journey or persona whose ``reviewed`` date lies more days than
    this before the build date (today, or ``SOURCE_DATE_EPOCH``) is reported."""


def option_location(config_file_path: str | None, *keys: str) -> Location | None:
    """Where an option of the plugin is written in mkdocs.yml (for problems found at build time)."""
    return _MkdocsYml(config_file_path).locate(keys)
