"""The whole core in one call: load → model → cross references → pages (+ diagrams).

Both adapters (the MkDocs plugin and the CLI) call :func:`generate` and do nothing but
configuration, output and error reporting around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .handbook import DEFAULT_FRAMEWORK, Handbook, build_handbook, check_translations
from .lint import lint
from .pages import DiagramMaker, Site, render_site


@dataclass
class Result:
    handbook: Handbook
    site: Optional[Site]  # None when the input has errors
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def generate(
    source: Path,
    *,
    url: str = "playbook",
    framework: str = DEFAULT_FRAMEWORK,
    lang: str = "en",
    diagrams: Optional[DiagramMaker] = None,
    builtin_guidance: bool = True,
    lint_settings: Optional[Mapping[str, Optional[str]]] = None,
    directory_urls: bool = True,
) -> Result:
    """Validate the handbook in ``source`` and, when it has no errors, lint and render it.

    ``directory_urls`` is MkDocs' ``use_directory_urls``. ``lint_settings`` comes from :func:`journeybook.lint.parse_settings`; a rule set to
    ``error`` stops the site like any other error.
    """
    handbook, diags = build_handbook(source, framework, builtin_guidance)
    if has_errors(diags):
        return Result(handbook, None, diags)
    diags = sort_diagnostics(diags + check_translations(handbook, lang) + lint(handbook, lint_settings))
    if has_errors(diags):
        return Result(handbook, None, diags)
    site = render_site(handbook, url=url, lang=lang, diagrams=diagrams, findings=diags, directory_urls=directory_urls)
    diags = sort_diagnostics(diags + site.diagnostics)
    return Result(handbook, site if not has_errors(diags) else None, diags)
