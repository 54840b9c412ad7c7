"""The ``journeybook`` command: a thin adapter over the core, like the MkDocs plugin.

Exit codes: 0 = no errors, 1 = the handbook has errors, 2 = wrong usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import Msg, has_errors
from .handbook import DEFAULT_FRAMEWORK, build_handbook, is_builtin
from .i18n import SUPPORTED

M_SUMMARY_BAD = Msg("{errors} error(s), {warnings} warning(s) in {source}", "{errors} fout(en), {warnings} waarschuwing(en) in {source}")
M_SUMMARY_OK = Msg(
    "{source}: no errors ({files} files: {personas} personas, {journeys} journeys, {touchpoints} touchpoints, {sources} sources)",
    "{source}: geen fouten ({files} bestanden: {personas} persona's, {journeys} journeys, {touchpoints} touchpoints, {sources} bronnen)",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeybook")
def main() -> None:
    """journeybook: customer-journey playbooks as code.

    Personas, touchpoints and journeys are written in YAML; journeybook checks them and
    turns them into a handbook site (as an MkDocs plugin, or from this command).
    """


@main.command()
@click.argument("source", default="journeys", type=click.Path(path_type=Path))
@click.option(
    "--framework",
    default=DEFAULT_FRAMEWORK,
    show_default=True,
    help="Phase model for journeys that do not name one (as the plugin's 'framework' option).",
)
@click.option(
    "--lang",
    type=click.Choice(SUPPORTED),
    default="en",
    show_default=True,
    help="Language of the messages.",
)
def validate(source: Path, framework: str, lang: str) -> None:
    """Check every YAML file under SOURCE (default: journeys).

    Prints each problem as 'path:line:column: error: message', all at once, sorted by
    file and line. Exits with 1 when there are errors, 0 when the handbook is clean.
    """
    handbook, diagnostics = build_handbook(source, framework)
    for d in diagnostics:
        click.echo(d.format(lang=lang, with_severity=True))
    sys.stdout.flush()  # the summary goes to stderr: keep it after the list
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    if has_errors(diagnostics):
        click.echo(M_SUMMARY_BAD.format(lang, errors=errors, warnings=warnings, source=source), err=True)
        sys.exit(1)
    click.echo(
        M_SUMMARY_OK.format(
            lang,
            source=source,
            files=len(handbook.files),
            personas=len(handbook.personas),
            journeys=len(handbook.journeys),
            touchpoints=len(handbook.touchpoints),
            sources=sum(not is_builtin(s) for s in handbook.sources.values()),
        ),
        err=True,
    )


if __name__ == "__main__":  # pragma: no cover
    main()
