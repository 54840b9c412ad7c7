"""The whole core in two calls: :func:`check` (load → model → cross references → lint) and
:func:`generate` (the same, then pages + diagrams).

Both adapters call the core and do nothing but configuration, output and error reporting
around it: the MkDocs plugin calls :func:`generate`; the CLI calls :func:`check` for
``validate`` (with :class:`Settings` read from ``mkdocs.yml`` by :mod:`journeybook.project`)
and :func:`generate` for ``render``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .handbook import DEFAULT_FRAMEWORK, Handbook, build_handbook, check_translations
from .lint import lint

if TYPE_CHECKING:  # the pages (and what they import) are loaded by generate() only: `journeybook validate` starts without them
    from .diagram_cache import DiagramMaker
    from .pages import Site

LintSettings = Mapping[str, str | None]  # rule id → error, warning, info or None (off)


@dataclass(frozen=True)
class Settings:
    """How the core reads and checks a handbook: the plugin's options of the same names."""

    framework: str = DEFAULT_FRAMEWORK  # for journeys that do not name one
    lang: str = "en"  # the site's language: a text given per language should have it
    builtin_guidance: bool = True
    lint: LintSettings | None = None  # from journeybook.lint.parse_settings; None: every rule's default


@dataclass
class Result:
    handbook: Handbook
    site: Site | None  # None when the input has errors
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check(source: Path, settings: Settings = Settings(), config_problems: Sequence[Diagnostic] = ()) -> tuple[Handbook, list[Diagnostic]]:
    """Validate the handbook in ``source`` and, when nothing has errors, check its translations and lint it.

    ``config_problems`` are problems of the configuration ``settings`` come from (the CLI
    reads ``mkdocs.yml`` itself). They are reported with the handbook's own, and errors among
    them stop before lint as those do: lint with a misread ``lint`` option would report what
    the author switched off. A lint rule set to ``error`` makes its findings errors. Returns
    the handbook and every diagnostic, sorted.
    """
    handbook, diags = build_handbook(source, settings.framework, settings.builtin_guidance)
    diags = sort_diagnostics([*config_problems, *diags])
    if has_errors(diags):
        return handbook, diags
    return handbook, sort_diagnostics([*diags, *check_translations(handbook, settings.lang), *lint(handbook, settings.lint)])


def generate(
    source: Path,
    *,
    url: str = "playbook",
    framework: str = DEFAULT_FRAMEWORK,
    lang: str = "en",
    diagrams: DiagramMaker | None = None,
    builtin_guidance: bool = True,
    lint_settings: LintSettings | None = None,
    directory_urls: bool = True,
) -> Result:
    """:func:`check` the handbook in ``source`` and, when it has no errors, render its pages.

    ``framework``, ``lang``, ``builtin_guidance`` and ``lint_settings`` are the
    :class:`Settings`; ``lang`` is also the language of the pages. ``directory_urls`` is
    MkDocs' ``use_directory_urls``.
    """
    from .pages import SiteBuilder

    handbook, diags = check(source, Settings(framework, lang, builtin_guidance, lint_settings))
    if has_errors(diags):
        return Result(handbook, None, diags)
    builder = SiteBuilder(handbook, url=url, lang=lang, diagrams=diagrams, findings=diags, directory_urls=directory_urls)
    site = builder.build()
    diags = sort_diagnostics(diags + site.diagnostics)
    return Result(handbook, site if not has_errors(diags) else None, diags)
