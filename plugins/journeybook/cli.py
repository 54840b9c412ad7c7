"""The ``journeybook`` command: a thin adapter over the core, like the MkDocs plugin.

Exit codes: 0 = success, 1 = the handbook has errors or a file would be overwritten,
2 = wrong usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from . import __version__
from .diagnostics import Count, Diagnostic, Msg
from .handbook import DEFAULT_FRAMEWORK, build_handbook, is_builtin
from .i18n import SUPPORTED, count
from .model import METHODS

M_SUMMARY_BAD = Msg("{errors}, {warnings} in {source}", "{errors}, {warnings} in {source}")
M_SUMMARY_OK = Msg(
    "{source}: no errors, {warnings} ({files}: {personas}, {journeys}, {touchpoints}, {sources}{more})",
    "{source}: geen fouten, {warnings} ({files}: {personas}, {journeys}, {touchpoints}, {sources}{more})",
)
# What version 1.1 adds to the summary, counted only when a handbook has them (so a version-1
# handbook's summary reads as before): (English singular, plural), (Dutch singular, plural).
RESEARCH_NOUN = (("research document", "research documents"), ("onderzoek", "onderzoeken"))
METRIC_NOUN = (("metric", "metrics"), ("meetwaarde", "meetwaarden"))


def _lang_option(help_text: str, default: str | None = "en") -> Callable:
    """``--lang en|nl``: the language of a command's messages (and of what it writes, where it says so)."""
    return click.option("--lang", type=click.Choice(SUPPORTED), default=default, show_default=default is not None, help=help_text)


def _exit_on_errors(diagnostics: list[Diagnostic], lang: str, source: Path, strict: bool = False) -> None:
    """With errors (or, when ``strict``, warnings): the summary on standard error and exit code 1."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    if errors or (strict and warnings):
        click.echo(M_SUMMARY_BAD.format(lang, errors=count(errors, "error"), warnings=count(warnings, "warning"), source=source), err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeybook")
def main() -> None:
    """journeybook: customer-journey playbooks as code.

    Personas, touchpoints and journeys are written in YAML; journeybook checks them and
    turns them into a handbook site (as an MkDocs plugin, or from this command).

    Start with 'journeybook init', add files with 'journeybook new', check them with
    'journeybook validate'. 'journeybook COMMAND --help' explains each command.

    \b
    Exit codes (every command):
      0  success
      1  the handbook has errors, or a file or folder would be overwritten
      2  wrong usage: unknown command or option, bad value
    """


@main.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option(
    "--framework",
    default=None,
    help="Phase model for journeys that do not name one (as the plugin's 'framework' option; "
    f"default: from --config, else {DEFAULT_FRAMEWORK}).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="mkdocs.yml to take the plugin's options from (source, framework, builtin_guidance, lint, and the site's "
    "language for the translation check); default: ./mkdocs.yml if it exists.",
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'path:line:column: severity: message' per line; json: a list of "
              "{file, line, column, severity, rule, message}.")  # fmt: skip
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@_lang_option("Language of the messages.")
def validate(
    source: Path | None, framework: str | None, config_file: Path | None, output: str, strict: bool, lang: str
) -> None:
    """Check every YAML file under SOURCE, then apply the method's lint rules.

    SOURCE defaults to the plugin's 'source' option in mkdocs.yml, else 'journeys'. Prints
    each problem as 'path:line:column: severity: message' (lint findings end with their
    rule id), all at once, sorted by file and line. Exits with 1 when there are errors (or,
    with --strict, warnings), 0 otherwise; notes ('info') never fail.
    """
    from .lint import RULES, as_record
    from .pipeline import check
    from .project import read_project
    from .render import site_pages

    config_file = config_file or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else None)
    project = read_project(config_file)
    source = source if source is not None else project.source
    settings = replace(project.settings, framework=framework) if framework else project.settings
    # the views in the site's pages show the site's own handbook: checked when that is the one validated
    own_source = config_file is not None and Path(source).resolve() == Path(project.source).resolve()
    pages = site_pages(config_file) if config_file is not None and own_source else []
    handbook, diagnostics = check(source, settings, project.problems, pages)
    if output == "json":
        click.echo(json.dumps([as_record(d, Path.cwd(), lang) for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for d in diagnostics:
            rule = f" [{d.code}]" if d.code in RULES else ""
            click.echo(d.format(lang=lang, with_severity=True) + rule)
    sys.stdout.flush()  # the summary goes to stderr: keep it after the list
    _exit_on_errors(diagnostics, lang, source, strict)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    more = [Count(len(group), *noun) for group, noun in ((handbook.research, RESEARCH_NOUN), (handbook.metrics, METRIC_NOUN)) if group]
    click.echo(
        M_SUMMARY_OK.format(
            lang,
            source=source,
            files=count(len(handbook.files) + len(handbook.data_files), "file"),
            personas=count(len(handbook.personas), "persona"),
            journeys=count(len(handbook.journeys), "journey"),
            touchpoints=count(len(handbook.touchpoints), "touchpoint"),
            sources=count(sum(not is_builtin(s) for s in handbook.sources.values()), "source"),
            warnings=count(warnings, "warning"),
            more="".join(", " + c.render(lang) for c in more),
        ),
        err=True,
    )


# --------------------------------------------------------------------------- init, new, schema, render, export
# The modules behind these commands are imported when a command runs, so `journeybook
# validate` (and --help) start without them.

M_CREATED = Msg("created  {path}", "gemaakt  {path}")
M_SKIPPED = Msg("skipped  {path} (already there, left as it is)", "overgeslagen  {path} (bestaat al, blijft zoals het is)")
M_INIT_SUMMARY = Msg(
    "{folder}: {created} created, {skipped} skipped",
    "{folder}: {created} gemaakt, {skipped} overgeslagen",
)
M_INIT_NEXT = Msg(
    "next: {cd}pip install -r requirements.txt && mkdocs serve   (then open http://127.0.0.1:8000/)",
    "verder: {cd}pip install -r requirements.txt && mkdocs serve   (open dan http://127.0.0.1:8000/)",
)
M_INIT_NO_PIN = Msg(
    "note: the existing requirements.txt does not mention journeybook, but the Pages workflow installs "
    "from it; add the line: {requirement}",
    "let op: de bestaande requirements.txt noemt journeybook niet, maar de Pages-workflow installeert "
    "daaruit; voeg deze regel toe: {requirement}",
)
M_NEW_NEXT = Msg(
    "fill it in, then check the handbook with: journeybook validate {source}",
    "vul het in en controleer het handboek met: journeybook validate {source}",
)
M_HANDBOOK_HAS_ERRORS = Msg(
    "note: {source} already has {errors}; see journeybook validate {source}",
    "let op: {source} heeft al {errors}; zie journeybook validate {source}",
)
M_BAD_ID = Msg(
    "{value!r} is not a valid id: use lowercase letters, digits and hyphens (e.g. {hint!r})",
    "{value!r} is geen geldige id: gebruik kleine letters, cijfers en streepjes (bijv. {hint!r})",
)
M_WROTE = Msg("wrote {path}", "{path} geschreven")
M_RENDERED = Msg(
    "wrote {files} to {out}; build it with: cd {out} && mkdocs build --strict",
    "{files} geschreven naar {out}; bouw het met: cd {out} && mkdocs build --strict",
)
M_OUT_IN_SOURCE = Msg(
    "{out} is inside the source folder {source}; journeybook would read the output as handbook files",
    "{out} ligt in de bronmap {source}; journeybook zou de uitvoer als handboekbestanden lezen",
)
M_BAD_URL = Msg(
    "{url!r} must be a folder inside docs/, such as 'playbook' or 'guide/journeys'",
    "{url!r} moet een map binnen docs/ zijn, zoals 'playbook' of 'gids/journeys'",
)
M_UNKNOWN_JOURNEY = Msg("unknown journey {id!r}{hint}", "onbekende journey {id!r}{hint}")
M_NEED_JOURNEY = Msg(
    "the mermaid format draws one journey; choose one with --journey: {ids}",
    "het mermaid-formaat tekent één journey; kies er een met --journey: {ids}",
)
M_NO_JOURNEYS = Msg("{source} has no journeys to draw", "{source} heeft geen journeys om te tekenen")
M_CANNOT_WRITE = Msg("could not write {path}: {reason}", "kon {path} niet schrijven: {reason}")


def _write_out(path: Path, data: bytes, lang: str) -> None:
    """Write a --out file (replacing it); a failure is a message and exit code 1, not a traceback."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        click.echo(M_CANNOT_WRITE.format(lang, path=path, reason=exc.strerror or exc), err=True)
        sys.exit(1)
    click.echo(M_WROTE.format(lang, path=path), err=True)


def _report_problems(diagnostics: list[Diagnostic], lang: str, source: Path, err: bool = False) -> None:
    """Every diagnostic as validate prints it; with errors, the summary and exit code 1."""
    for d in diagnostics:
        click.echo(d.format(lang=lang, with_severity=True), err=err)
    sys.stdout.flush()
    _exit_on_errors(diagnostics, lang, source)


def _check_id(value: str, lang: str, param_hint: str) -> str:
    from .scaffold import check_id

    hint = check_id(value)
    if hint is not None:
        raise click.BadParameter(M_BAD_ID.format(lang, value=value, hint=hint), param_hint=param_hint)
    return value


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--language",
    type=click.Choice(SUPPORTED),
    default="en",
    show_default=True,
    help="Language of the new handbook (example texts, start page, site's theme.language, editor hints) and of the messages.",
)
@click.option("--site-name", metavar="TEXT", help="Title of the site (default: 'Customer journeys', in Dutch 'Klantreizen').")
def init(directory: Path, language: str, site_name: str | None) -> None:
    """Start a new handbook in DIRECTORY (default: the current folder).

    \b
    Writes:
      mkdocs.yml                     Material theme with the journeybook plugin
      docs/index.md                  the start page
      journeys/                      a persona, the touchpoint catalog, sources, a
                                     journey with a service blueprint and its future
                                     state (to-be), research with findings and metrics
                                     with a CSV file, that together show every field
      requirements.txt               pins the journeybook that wrote it (journeybook==VERSION)
      .github/workflows/pages.yml    installs requirements.txt, builds with --strict
                                     and publishes on GitHub Pages
      .gitignore                     site/ and .cache/
      journeybook.schema.json        the JSON Schema of the YAML files
      .vscode/settings.json          VS Code checks journeys/**/*.yml against it
      .vscode/extensions.json        recommends the YAML extension (redhat.vscode-yaml)

    A file that already exists is never overwritten: it is listed as skipped. The new
    handbook builds at once with 'mkdocs build --strict'. Messages are in the language
    of --language.
    """
    from .scaffold import REQUIREMENTS_FILE, init_handbook

    lang = language
    report = init_handbook(directory, language, site_name)
    for rel in sorted(report.created + report.skipped):
        msg = M_CREATED if rel in report.created else M_SKIPPED
        click.echo(msg.format(lang, path=rel))
    for problem in report.failed:
        click.echo(problem.render(lang), err=True)
    sys.stdout.flush()
    click.echo(
        M_INIT_SUMMARY.format(lang, folder=directory, created=count(len(report.created), "file"), skipped=len(report.skipped)),
        err=True,
    )
    if REQUIREMENTS_FILE in report.skipped and not _pins_journeybook(Path(directory) / REQUIREMENTS_FILE):
        click.echo(M_INIT_NO_PIN.format(lang, requirement=f"journeybook=={__version__}"), err=True)
    if report.failed:
        sys.exit(1)
    cd = "" if Path(directory) == Path(".") else f"cd {directory} && "
    click.echo(M_INIT_NEXT.format(lang, cd=cd), err=True)


def _pins_journeybook(requirements: Path) -> bool:
    """True when a requirements file names journeybook on a line of its own (pinned or not)."""
    import re

    try:
        text = requirements.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # not readable: nothing useful to say about it
    return any(re.match(r"\s*journeybook\s*(?:[\[=<>~!;@]|$)", line, re.IGNORECASE) for line in text.splitlines())


@main.group(name="new")
def new_group() -> None:
    """Add a journey, a persona, a research document or metrics: new files, valid at once.

    \b
    Files go where 'journeybook init' puts them:
      journeybook new journey ID    ->  SOURCE/journeys/ID.yml
        (--to-be AS_IS_ID: a future state of that journey)
      journeybook new persona ID    ->  SOURCE/personas/ID.yml
      journeybook new research ID   ->  SOURCE/research/ID.yml
      journeybook new metrics [ID]  ->  SOURCE/metrics/ID.yml and SOURCE/metrics/ID.csv
    An existing file is never overwritten (exit code 1).
    """


_SOURCE_OPTION = click.option(
    "--source",
    default="journeys",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The handbook's source folder (as the plugin's 'source').",
)
_NEW_LANG_OPTION = _lang_option("Language of the comments in the new file, and of the messages.")


@new_group.command(name="journey")
@click.argument("journey_id", metavar="ID")
@click.option(
    "--persona",
    "personas",
    multiple=True,
    metavar="ID",
    help="The persona whose journey this is (repeat for more); it must exist already.",
)
@click.option(
    "--framework",
    metavar="ID",
    default=None,
    help=f"Phase model: built in or one of SOURCE's own (default: {DEFAULT_FRAMEWORK}).",
)
@click.option(
    "--to-be",
    "to_be",
    metavar="AS_IS_ID",
    default=None,
    help="Make a future state (state: to-be) of the as-is journey AS_IS_ID: a copy of its phases and steps "
    "to change into the design, with its framework and (without --persona) its personas.",
)
@_SOURCE_OPTION
@_NEW_LANG_OPTION
def new_journey_command(
    journey_id: str, personas: tuple[str, ...], framework: str | None, to_be: str | None, source: Path, lang: str
) -> None:
    """Add a journey: SOURCE/journeys/ID.yml.

    The file lists every phase of the framework, in order: the first phase ready to fill
    in, the others as comments to uncomment. With --to-be AS_IS_ID it is a future state of
    that journey instead, starting as a copy of its steps. It is valid at once.
    """
    from .scaffold import new_journey

    _check_id(journey_id, lang, "'ID'")
    for persona in personas:
        _check_id(persona, lang, "'--persona'")
    if framework is not None:
        _check_id(framework, lang, "'--framework'")
    if to_be is not None:
        _check_id(to_be, lang, "'--to-be'")
    handbook, diagnostics = build_handbook(source, framework or DEFAULT_FRAMEWORK)
    unique = list(dict.fromkeys(personas))
    _write_new(lambda: new_journey(source, handbook, journey_id, unique, framework, lang, to_be), source, diagnostics, lang)


@new_group.command(name="persona")
@click.argument("persona_id", metavar="ID")
@_SOURCE_OPTION
@_NEW_LANG_OPTION
def new_persona_command(persona_id: str, source: Path, lang: str) -> None:
    """Add a persona: SOURCE/personas/ID.yml.

    Kind, id and name are filled in; every other field is there as a comment. The file
    is valid at once.
    """
    from .scaffold import new_persona

    _check_id(persona_id, lang, "'ID'")
    handbook, diagnostics = build_handbook(source)
    _write_new(lambda: new_persona(source, handbook, persona_id, lang), source, diagnostics, lang)


@new_group.command(name="research")
@click.argument("research_id", metavar="ID")
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="interview",
    show_default=True,
    help="How the research was done. observation, analytics, usability-test and support-tickets give "
    "observed evidence; interview, survey and desk-research reported evidence.",
)
@_SOURCE_OPTION
@_NEW_LANG_OPTION
def new_research_command(research_id: str, method: str, source: Path, lang: str) -> None:
    """Add a research document: SOURCE/research/ID.yml.

    Kind, id, title and method are filled in; date, source, summary and a finding are
    there as comments. Steps, pain points and opportunities rest on its findings with
    'evidence: [FINDING-ID]'. The file is valid at once.
    """
    from .scaffold import new_research

    _check_id(research_id, lang, "'ID'")
    handbook, diagnostics = build_handbook(source)
    _write_new(lambda: new_research(source, handbook, research_id, method, lang), source, diagnostics, lang)


@new_group.command(name="metrics")
@click.argument("metric_id", metavar="[ID]", default="csat")
@_SOURCE_OPTION
@_NEW_LANG_OPTION
def new_metrics_command(metric_id: str, source: Path, lang: str) -> None:
    """Add metrics: SOURCE/metrics/ID.yml and SOURCE/metrics/ID.csv.

    The YAML file defines the metric ID (default: csat, customer satisfaction), with its
    unit, scale, target and owner as comments, and shows measurements written inline or
    in the CSV file. The CSV file has only its header, metric,at,value,date,target: add
    one measurement per row. Both are valid at once.
    """
    from .scaffold import new_metrics

    _check_id(metric_id, lang, "'ID'")
    handbook, diagnostics = build_handbook(source)
    _write_new(lambda: new_metrics(source, handbook, metric_id, lang), source, diagnostics, lang)


def _write_new(make: Callable[[], Any], source: Path, diagnostics: list, lang: str) -> None:
    """Make the new file or files (``make`` returns them), write them, and report; refusals exit with 1."""
    from .scaffold import ScaffoldError, write_new_files

    try:
        made = make()
        files = made if isinstance(made, list) else [made]
        write_new_files(files)
    except ScaffoldError as exc:
        click.echo(exc.text.render(lang), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(M_CANNOT_WRITE.format(lang, path=exc.filename or source, reason=exc.strerror or exc), err=True)
        sys.exit(1)
    _created([new.path for new in files], source, diagnostics, lang)


def _created(paths: list[Path], source: Path, diagnostics: list, lang: str) -> None:
    for path in paths:
        click.echo(M_CREATED.format(lang, path=path.as_posix()))
    sys.stdout.flush()
    # An empty or missing source folder is not a problem here: the new file fills it.
    errors = [d for d in diagnostics if d.severity == "error" and d.code not in ("source-empty", "source-missing")]
    if errors:
        click.echo(M_HANDBOOK_HAS_ERRORS.format(lang, source=source, errors=count(len(errors), "error")), err=True)
    click.echo(M_NEW_NEXT.format(lang, source=source), err=True)


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the schema to FILE (replacing it) instead of printing it.",
)
@_lang_option("Language of the descriptions editors show, and of the messages.")
def schema(out: Path | None, lang: str) -> None:
    """Print the JSON Schema (draft 2020-12) of the YAML files.

    One schema for all kinds of document (persona, journey, touchpoints, sources,
    framework, research, metrics), made from journeybook's own model: with it, an editor such as VS Code
    (with the YAML extension) suggests keys and values, explains them on hover and
    underlines unknown keys and wrong values while you type. 'journeybook init' writes
    it as journeybook.schema.json; run 'journeybook schema --out journeybook.schema.json'
    again after upgrading journeybook.
    """
    from .schema import schema_json

    text = schema_json(lang)
    if out is None:
        click.echo(text, nl=False)
        return
    _write_out(out, text.encode("utf-8"), lang)


@main.command()
@click.argument("source", default="journeys", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), metavar="DIR", help="Folder for the MkDocs project; new or empty unless --force.")
@click.option("--site-name", default="Playbook", show_default=True, help="Title of the site.")
@click.option("--url", default="playbook", show_default=True, help="Folder of the playbook inside docs/ (as the plugin's 'url').")
@click.option("--framework", default=DEFAULT_FRAMEWORK, show_default=True, help="Phase model for journeys that do not name one.")
@click.option(
    "--builtin-guidance/--no-builtin-guidance",
    default=True,
    show_default=True,
    help="Include the built-in summaries, checklists and guidance of the phase models.",
)
@_lang_option("Language of the pages, the site and the messages.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty, replacing only the files render writes (nothing is deleted).")
@click.option(
    "--docs",
    "docs",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    metavar="DIR",
    help="The site's own docs folder: its files are copied, with every ```journeybook view in its pages written out.",
)
def render(
    source: Path, out: Path, site_name: str, url: str, framework: str, builtin_guidance: bool, lang: str, force: bool, docs: Path | None
) -> None:
    """Write the handbook as a standalone MkDocs project in DIR.

    \b
    DIR/mkdocs.yml        Material theme and exactly the Markdown extensions the pages
                          need, the navigation in the plugin's order; no plugin needed
    DIR/docs/index.md     a start page linking to the playbook
    DIR/docs/<url>/...    every generated page
    DIR/docs/assets/journeybook/...   journeybook's stylesheets and other assets

    Build it with plain MkDocs ('mkdocs build --strict'), or hand it to another tool
    that reads mkdocs.yml. Problems in the handbook are printed like 'validate' does and
    nothing is written (exit code 1).
    """
    from .pages.views import expand
    from .pipeline import generate
    from .render import RenderError, hand_written, is_empty_folder, own_files, render_project

    if ".." in url.replace("\\", "/").split("/") or ":" in url:
        raise click.BadParameter(M_BAD_URL.format(lang, url=url), param_hint="'--url'")
    source_real, out_real = source.resolve(), out.resolve()
    if out_real == source_real or source_real in out_real.parents:
        raise click.BadParameter(M_OUT_IN_SOURCE.format(lang, out=out, source=source), param_hint="'--out'")
    if not force and not is_empty_folder(out):
        from .render import M_NOT_EMPTY

        click.echo(M_NOT_EMPTY.format(lang, folder=out), err=True)
        sys.exit(1)
    own = own_files(docs) if docs is not None else {}
    pages = hand_written(docs, own) if docs is not None else []
    result = generate(source, url=url, framework=framework, lang=lang, builtin_guidance=builtin_guidance, pages=pages)
    _report_problems(result.diagnostics, lang, source)
    assert result.site is not None  # no errors
    for rel, (page, views) in result.views.items():
        own[rel] = expand(own[rel].decode("utf-8"), page, views).encode("utf-8")
    try:
        written = render_project(result.site, out, site_name=site_name, lang=lang, force=force, own=own)
    except RenderError as exc:
        click.echo(exc.text.render(lang), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(M_CANNOT_WRITE.format(lang, path=exc.filename or out, reason=exc.strerror or exc), err=True)
        sys.exit(1)
    click.echo(M_RENDERED.format(lang, files=count(len(written), "file"), out=out), err=True)


@main.command()
@click.argument("source", default="journeys", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(("json", "csv", "mermaid")), default="json", show_default=True, help="What to write.")
@click.option("--journey", "journey_id", metavar="ID", help="Only this journey (required for mermaid when there are several).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="Write to FILE (replacing it) instead of printing.")
@click.option("--framework", default=DEFAULT_FRAMEWORK, show_default=True, help="Phase model for journeys that do not name one.")
@_lang_option("Language of the texts (csv, mermaid) and of the messages.")
def export(source: Path, fmt: str, journey_id: str | None, out: Path | None, framework: str, lang: str) -> None:
    """Write the handbook's data for other tools.

    \b
    json     the validated model: {format, default_framework, builtin, personas,
             touchpoints, sources, frameworks, journeys}, every list sorted by id;
             with research and metrics also research, metrics and measurements
             (inline and from CSV files, each with the file it came from)
    csv      one row per step: journey, persona, phase, step, action, emotion,
             touchpoints, pain_points, opportunities (lists joined with "; ");
             a handbook that uses step ids, research, metrics or rated
             opportunities adds step_id, evidence (observed, reported or
             assumed), findings and one metric:ID column per metric (the latest
             value at the step)
    mermaid  one journey as a Mermaid 'journey' diagram (emotion -2..+2 as score 1..5)

    Problems in the handbook go to standard error and nothing is written (exit code 1).
    """
    from .diagnostics import suggestion
    from .export import export_csv, export_json, export_mermaid

    handbook, diagnostics = build_handbook(source, framework)
    _report_problems(diagnostics, lang, source, err=True)
    if journey_id is not None and journey_id not in handbook.journeys:
        hint = suggestion(journey_id, handbook.journeys).render(lang)
        raise click.BadParameter(M_UNKNOWN_JOURNEY.format(lang, id=journey_id, hint=hint), param_hint="'--journey'")
    if fmt == "json":
        text = export_json(handbook, journey_id)
    elif fmt == "csv":
        text = export_csv(handbook, lang, journey_id)
    else:
        if journey_id is None:
            if not handbook.journeys:
                click.echo(M_NO_JOURNEYS.format(lang, source=source), err=True)
                sys.exit(1)
            if len(handbook.journeys) > 1:
                raise click.UsageError(M_NEED_JOURNEY.format(lang, ids=", ".join(handbook.journeys)))
            journey_id = next(iter(handbook.journeys))
        text = export_mermaid(handbook, handbook.journeys[journey_id], lang)
    if out is None:
        click.echo(text, nl=False)
        return
    _write_out(out, text.encode("utf-8"), lang)


if __name__ == "__main__":  # pragma: no cover
    main()
