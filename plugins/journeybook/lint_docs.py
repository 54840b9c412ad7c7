"""The reference pages of the lint rules, made from the rules' data.

``docs/reference/lint-rules.md`` (English) and ``docs/naslag/lintregels.md`` (Dutch) are
:func:`rules_markdown` of :data:`journeybook.lint.RULES`: a fixed introduction, a table of
the rules, one section per rule (title, default level, where a finding points, what the rule
checks, why — its citations in APA style from the built-in bibliography —, how to fix it,
how to switch it off) and the references. Both pages are committed, and the tests fail
when one differs from this output. After changing a rule (``builtin/lint/rules.yml``) or this
module, run in the repository::

    python -m journeybook.lint_docs
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .bibliography import Bibliography
from .citations import find_citations
from .diagnostics import Msg, Text
from .generated_docs import main as generated_main
from .generated_docs import source_table, write_pages
from .handbook import BUILTIN_DIR
from .i18n import Words
from .lint import DEFAULT_REVIEW_DAYS, HELP_WORDS, PURCHASE_PHASES, RULES, Rule, phases_after_purchase, purchase_phase
from .loader import load_file
from .model import Framework, Record, Source, SourceList, validate_document

PAGES: dict[str, str] = {"en": "docs/reference/lint-rules.md", "nl": "docs/naslag/lintregels.md"}
"""Where each language's page is, relative to the repository."""

REGENERATE = "python -m journeybook.lint_docs"
"""The command that writes :data:`PAGES` again (run in the repository's root)."""

TITLE = Msg("Lint rules", "Lintregels")
GENERATED = Msg(
    f"Generated from journeybook's lint rules (builtin/lint/rules.yml) by journeybook.lint_docs; do not edit. "
    f"Write it again with: {REGENERATE}",
    f"Gemaakt uit de lintregels van journeybook (builtin/lint/rules.yml) door journeybook.lint_docs; niet met de "
    f"hand wijzigen. Opnieuw schrijven: {REGENERATE}",
)
INTRO = Msg(
    """\
Validation tells you whether journeybook can read your handbook at all: a typo in
a key, an unknown touchpoint or a phase that does not belong to the framework is an
**error**, and the site is not built until it is fixed.

Lint looks one level further. Your YAML may be perfectly valid and still leave
holes in the map: a bad moment with nobody planning to do anything about it, a
journey in which the customer never reaches a person, two channels that contradict
each other. Each of these checks is a **rule** with a fixed id. A finding is shown
like any other problem:

```text
journeys/journeys/nieuwe-voetbalschoenen.yml:71:18: warning: Huis-aan-huisfolder (offline) and Webshop (online) do not match at this step: …
```

## How findings are reported

Every rule has a default severity:

| Severity | Meaning |
| --- | --- |
| `warning` | Probably a gap in the map. Shown, but the site is still built. |
| `info` | A note: worth a look, often fine on purpose. |
| `error` | Only when you raise a rule to `error` yourself; then it stops the build like any validation error. |

`journeybook validate` lists validation errors and lint findings together, sorted by
file and line, with the rule id at the end of each finding. It takes the plugin's
options from `mkdocs.yml` (or the file given with `--config`), so it reports what
`mkdocs build` would. Warnings only make it fail when you add `--strict`; notes never
do. With `--format json` you get a list of objects with the keys `file`, `line`,
`column`, `severity`, `rule` and `message`; `rule` is the id used on this page.

The generated site has a page `playbook/health/` that lists the findings per
journey, so a team can see at a glance what is still open in its own journey.

## Switching rules off or changing their severity

Set a rule to `off`, `info`, `warning` or `error` in the `lint` option of the plugin
in `mkdocs.yml`:

```yaml
plugins:
  - journeybook:
      lint:
        missing-phase: off          # we leave phases out on purpose
        channel-mismatch: error     # this one must never reach the site
        unused-touchpoint: warning  # make it more visible than info
```

Rules you do not mention keep their default. A misspelled rule id or value is an
error with a suggestion (`unknown lint rule 'no-direct-contacts' (did you mean
'no-direct-contact'?)`). Writing `off` without quotes is fine: YAML reads it as
`false`, which journeybook also takes as off. `lint: false` switches all rules off.

Under `mkdocs build --strict`, lint warnings only fail the build when the plugin is
told so (option `strict: true`); otherwise they are logged for information and
strict mode keeps guarding the rest of your site. Notes never fail a build.

## How old a review may be

The rule `stale-review` reports a journey or persona whose `reviewed:` date lies more
than 365 days before the build date. The plugin's option `review_days` (a whole number,
1 or more) changes that limit; `journeybook validate` reads it from `mkdocs.yml` too:

```yaml
plugins:
  - journeybook:
      review_days: 180              # we review every half year
```

The build date is today (UTC). When the environment variable `SOURCE_DATE_EPOCH` is set
(seconds since 1970-01-01 UTC, as reproducible builds use it; `git log -1 --format=%ct`
gives the date of the last commit), its day is the build date instead, so the same
sources give the same findings on any day. A value that is not a whole number is an
error.

## The rules

The rules are listed in a fixed order, the same as on the health page.""",
    """\
De validatie zegt of journeybook je handboek kan lezen. Een verkeerd gespelde
sleutel, een onbekend touchpoint of een fase die niet bij het framework hoort, is
een **fout**: de site wordt pas gebouwd als die is opgelost.

Lint kijkt een stap verder. De YAML kan kloppen en de map toch gaten hebben: een
slecht moment waar niemand iets mee gaat doen, een journey waarin de klant nooit
een mens spreekt, twee kanalen die elkaar tegenspreken. Elke controle is een
**regel** met een vaste id. Een bevinding ziet eruit als elke andere melding:

```text
journeys/journeys/nieuwe-voetbalschoenen.yml:71:18: waarschuwing: Huis-aan-huisfolder (offline) en Webshop (online) sluiten bij deze stap niet op elkaar aan: …
```

## Zo worden bevindingen gemeld

Elke regel heeft een standaardniveau:

| Niveau | Betekenis |
| --- | --- |
| `warning` (waarschuwing) | Waarschijnlijk een gat in de map. Wordt getoond, de site wordt wel gebouwd. |
| `info` (opmerking) | Het bekijken waard; vaak bewust zo. |
| `error` (fout) | Alleen als je een regel zelf op `error` zet; dan stopt de build, net als bij een validatiefout. |

`journeybook validate` toont validatiefouten en lintbevindingen samen, gesorteerd op
bestand en regel, met de id van de regel aan het eind van elke bevinding. De opdracht
neemt de opties van de plugin uit `mkdocs.yml` (of uit het bestand dat je met
`--config` opgeeft), en meldt dus wat `mkdocs build` zou melden. Waarschuwingen laten
de controle alleen mislukken met `--strict`; opmerkingen nooit. Met `--format json`
krijg je een lijst objecten met de sleutels `file`, `line`, `column`, `severity`,
`rule` en `message`; `rule` is de id die op deze pagina staat.

De gegenereerde site heeft een pagina `playbook/health/` met de bevindingen per
journey. Zo ziet elk team in één oogopslag wat er in zijn eigen journey nog openstaat.

## Regels uitzetten of strenger maken

Zet een regel op `off`, `info`, `warning` of `error` onder de optie `lint` van de
plugin in `mkdocs.yml`:

```yaml
plugins:
  - journeybook:
      lint:
        missing-phase: off          # wij laten bewust fasen weg
        channel-mismatch: error     # dit mag nooit op de site komen
        unused-touchpoint: warning  # opvallender dan info
```

Regels die je niet noemt, houden hun standaardniveau. Een verkeerd gespelde regel
of waarde is een fout met een suggestie (`onbekende lintregel 'no-direct-contacts'
(bedoelde je 'no-direct-contact'?)`). Je mag `off` zonder aanhalingstekens
schrijven: YAML leest het als `false`, en dat betekent voor journeybook ook uit.
Met `lint: false` gaan alle regels uit.

Bij `mkdocs build --strict` laten lintwaarschuwingen de build alleen mislukken als
je de plugin dat vraagt (optie `strict: true`). Anders worden ze als informatie
gelogd en blijft de strikte modus de rest van je site bewaken. Opmerkingen laten een
build nooit mislukken.

## Hoe oud een beoordeling mag zijn

De regel `stale-review` meldt een journey of persona waarvan de datum bij `reviewed:`
meer dan 365 dagen voor de builddatum ligt. Met de optie `review_days` van de plugin
(een geheel getal, 1 of meer) verander je die grens; ook `journeybook validate` leest
hem uit `mkdocs.yml`:

```yaml
plugins:
  - journeybook:
      review_days: 180              # wij beoordelen elk half jaar
```

De builddatum is vandaag (UTC). Is de omgevingsvariabele `SOURCE_DATE_EPOCH` gezet
(seconden sinds 1970-01-01 UTC, zoals reproduceerbare builds die gebruiken;
`git log -1 --format=%ct` geeft de datum van de laatste commit), dan is de dag daarvan
de builddatum, zodat dezelfde bronnen op elke dag dezelfde bevindingen geven. Een
waarde die geen geheel getal is, is een fout.

## De regels

De regels staan in een vaste volgorde, dezelfde als op de gezondheidspagina.""",
)

LABELS: dict[str, Msg] = {
    "rule": Msg("Rule", "Regel"),
    "default": Msg("Default", "Standaard"),
    "means": Msg("A finding means", "Een bevinding betekent"),
    "where": Msg("Where", "Waar"),
    "checks": Msg("What it checks.", "Wat de regel controleert."),
    "why": Msg("Why.", "Waarom."),
    "fix": Msg("How to fix.", "Oplossen."),
    "off": Msg("Switch off:", "Uitzetten:"),
    "framework": Msg("Framework", "Framework"),
    "purchase": Msg("Purchase phase", "Aankoopfase"),
    "after": Msg("Phases checked", "Gecontroleerde fasen"),
    "or": Msg("or", "of"),
    "references": Msg("References", "Bronnen"),
    "references_intro": Msg("The citations above follow APA 7. journeybook ships these sources as its built-in\nbibliography, so the health page of every handbook can cite them; the full entries are\non the Sources page of a handbook that cites them. A source of your own with the same id\ntakes the place of the built-in entry.", "De verwijzingen hierboven volgen APA 7. journeybook levert deze bronnen mee als\ningebouwde bibliografie, zodat de gezondheidspagina van elk handboek ze kan\naanhalen; de volledige vermeldingen staan op de bronnenpagina van een handboek dat ze\naanhaalt. Een eigen bron met dezelfde id neemt de plaats van de ingebouwde in."),
}


def rules_markdown(lang: str) -> str:
    """The reference page of the lint rules in ``lang`` (``en`` or ``nl``), as committed under docs/."""
    label = Words(LABELS, lang)
    bibliography = Bibliography(builtin_sources(), lang)
    values = facts(lang)
    parts = [f"# {TITLE.text(lang)}", f"<!-- {GENERATED.text(lang)} -->", INTRO.text(lang), _overview(lang)]
    parts += [_section(rule, lang, bibliography, values) for rule in RULES.values()]
    cited = {key for rule in RULES.values() for key in rule.source_keys}
    parts.append(f"## {label['references']}\n\n{label['references_intro']}\n\n" + source_table(builtin_sources(), cited, lang))
    return "\n\n".join(parts) + "\n"


def facts(lang: str) -> dict[str, str]:
    """What a rule's ``checks`` text may name by ``{field}``: the word lists and built-in frameworks lint.py uses."""
    label = Words(LABELS, lang)
    frameworks = [node for node in builtin_nodes() if isinstance(node, Framework)]
    table = [f"| {label['framework']} | {label['purchase']} | {label['after']} |", "| --- | --- | --- |"]
    table += [
        f"| `{fw.id}` | {purchase_phase(fw) or '—'} | {', '.join(phases_after_purchase(fw)) or '—'} |" for fw in frameworks
    ]
    return {
        "purchase_phases": _words(PURCHASE_PHASES, label["or"]),
        "help_words": _words(HELP_WORDS, label["or"]),
        "purchase_table": "\n".join(table),
        "review_days": str(DEFAULT_REVIEW_DAYS),
    }


def builtin_nodes() -> list[Record]:
    """The built-in frameworks and source lists, as journeybook ships them in ``builtin/``."""
    nodes: list[Record] = []
    for path in sorted(BUILTIN_DIR.glob("*.yml")):
        documents, _problems = load_file(path)  # the shipped files are checked by the tests
        for doc in documents:
            node, _invalid = validate_document(doc)
            if node is not None:
                nodes.append(node)
    return nodes


def builtin_sources() -> dict[str, Source]:
    return {source.id: source for node in builtin_nodes() if isinstance(node, SourceList) for source in node.sources}


def _overview(lang: str) -> str:
    label = Words(LABELS, lang)
    rows = [f"| {label['rule']} | {label['default']} | {label['means']} |", "| --- | --- | --- |"]
    rows += [f"| [`{rule.id}`](#{rule.id}) | `{rule.severity}` | {rule.title.format(lang)} |" for rule in RULES.values()]
    return "\n".join(rows)


def _section(rule: Rule, lang: str, bibliography: Bibliography, values: dict[str, str]) -> str:
    label = Words(LABELS, lang)
    return "\n\n".join(
        [
            f"## {rule.id}",
            f"*{rule.title.format(lang)}.*",
            f"**{label['default']}:** `{rule.severity}` · **{label['where']}:** {rule.where.format(lang)}",
            f"**{label['checks']}** {Text(rule.checks, values).render(lang)}",
            f"**{label['why']}** {_cited(rule.reason.format(lang), bibliography)}",
            f"**{label['fix']}** {rule.fix.format(lang)}",
            f"**{label['off']}** `lint: {{{rule.id}: off}}`",
        ]
    )


def _cited(text: str, bibliography: Bibliography) -> str:
    """``text`` with each pandoc citation as its APA in-text citation: ``[@visser2015, p. 369]`` → ``(Visser & Sikkenga, 2015, p. 369)``."""
    out, end = [], 0
    for citation in find_citations(text):
        out += [text[end : citation.start], bibliography.cite(citation.items)]
        end = citation.end
    return "".join(out) + text[end:]


def _words(words: Iterable[str], last_joiner: str) -> str:
    """The words as code spans in a sentence: `a`, `b` or `c` (``last_joiner`` is "or", in Dutch "of")."""
    quoted = [f"`{word}`" for word in words]
    return f"{', '.join(quoted[:-1])} {last_joiner} {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def write_docs(root: Path | str = ".") -> list[Path]:
    """Write :data:`PAGES` below ``root`` (the repository, with ``mkdocs.yml``); the files written."""
    return write_pages(root, PAGES, rules_markdown)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m journeybook.lint_docs [ROOT]``: write the pages below ROOT (default: here)."""
    return generated_main(PAGES, rules_markdown, argv)


if __name__ == "__main__":
    raise SystemExit(main())
