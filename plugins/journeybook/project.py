"""What the ``journeybook`` command takes from ``mkdocs.yml``: the plugin's options as the core's settings.

``journeybook validate`` checks a handbook the way ``mkdocs build`` does, with the same
source folder, framework, built-in guidance, lint levels, ``review_days`` and site
language (the plugin's ``language``, else ``theme.language``, else English), so
:func:`read_project` turns the plugin's options into a :class:`~journeybook.pipeline.Settings`.

MkDocs is not imported. The file is read with journeybook's own safe YAML loader, which
accepts MkDocs' custom tags (``!ENV``, ``!!python/name:...``): a tagged value keeps its text,
so the rest of the file still reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, Msg, diagnostic
from .handbook import DEFAULT_FRAMEWORK
from .i18n import site_language
from .lint import parse_review_days, parse_settings
from .loader import load_file
from .pipeline import Settings

DEFAULT_SOURCE = "journeys"

M_NO_CONFIG = Msg("cannot read {path}: {reason}", "kan {path} niet lezen: {reason}")
M_NOT_FOUND = Msg("the file does not exist", "het bestand bestaat niet")

# Loader problems that leave mkdocs.yml unread (a tag or a duplicate key does not: MkDocs reads those too).
_FATAL_YAML = {
    "yaml-syntax", "yaml-tab", "yaml-encoding", "yaml-bomb", "yaml-too-deep", "file-too-large", "file-unreadable",
}  # fmt: skip


@dataclass(frozen=True)
class Project:
    """The handbook a project's ``mkdocs.yml`` builds, and how."""

    source: Path  # the plugin's ``source``, relative to the folder of mkdocs.yml
    settings: Settings = Settings()
    problems: tuple[Diagnostic, ...] = field(default=())  # what leaves mkdocs.yml unread, bad 'lint' and 'review_days'


def read_project(mkdocs_yml: Path | None) -> Project:
    """The journeybook plugin's source folder and settings from ``mkdocs_yml``, as the plugin would use them.

    ``None`` (no ``mkdocs.yml``), a file that does not list the plugin, and options left out
    give the plugin's defaults. A file that cannot be read is a problem (the defaults apply);
    so is a bad ``lint`` option, placed at the rule id in the file, and a bad ``review_days``
    (the default applies), placed at its value.
    """
    if mkdocs_yml is None:
        return Project(Path(DEFAULT_SOURCE))
    path = Path(mkdocs_yml)
    if not path.is_file():
        missing = diagnostic(Location(path.absolute()), "config-unreadable", M_NO_CONFIG, path=str(path), reason=M_NOT_FOUND)
        return Project(path.parent / DEFAULT_SOURCE, problems=(missing,))
    documents, loaded = load_file(path)
    problems = [p for p in loaded if p.code in _FATAL_YAML]
    doc = documents[0] if documents else None
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    prefix, options = _plugin_options(data)

    def where(rule_id: str | None) -> Location | None:
        """Where ``lint.<rule_id>`` (or ``lint`` itself) is written."""
        if doc is None:
            return None
        return doc.locate((*prefix, "lint", rule_id), key=True) if rule_id is not None else doc.locate((*prefix, "lint"))

    lint_settings, lint_problems = parse_settings(options.get("lint"), where)
    days_at = doc.locate((*prefix, "review_days")) if doc is not None else None
    review_days, days_problems = parse_review_days(options.get("review_days"), days_at)
    theme = data.get("theme")
    settings = Settings(
        framework=str(options.get("framework", DEFAULT_FRAMEWORK)),
        lang=site_language(options.get("language"), theme.get("language") if isinstance(theme, dict) else None),
        builtin_guidance=options.get("builtin_guidance", True) is not False,
        lint=lint_settings,
        review_days=review_days,
    )
    all_problems = (*problems, *lint_problems, *days_problems)
    return Project(path.parent / str(options.get("source", DEFAULT_SOURCE)), settings, all_problems)


def _plugin_options(data: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Where the journeybook plugin's options are in mkdocs.yml, and what they are (``{}`` when not listed).

    ``plugins`` may be a list (``- journeybook`` or ``- journeybook: {...}``) or a mapping.
    """
    plugins = data.get("plugins")
    if isinstance(plugins, dict) and "journeybook" in plugins:
        return ("plugins", "journeybook"), _mapping(plugins["journeybook"])
    for i, item in enumerate(plugins if isinstance(plugins, list) else []):
        if item == "journeybook":
            return ("plugins", i), {}
        if isinstance(item, dict) and "journeybook" in item:
            return ("plugins", i, "journeybook"), _mapping(item["journeybook"])
    return (), {}


def _mapping(options: object) -> dict[str, Any]:
    return dict(options) if isinstance(options, dict) else {}
