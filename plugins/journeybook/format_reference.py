"""The format reference: every kind of YAML document, every key, its type, whether it is
required, its default and what it is for, as a Markdown page in English or Dutch.

The page is made from the JSON Schema of :mod:`journeybook.schema`, which is made from the
pydantic models of :mod:`journeybook.model`: what the page lists is what journeybook reads,
and a key the models do not have cannot appear on it. The descriptions are the models' Field
descriptions; the Dutch ones come from :data:`journeybook.schema.NL`, exactly as
``journeybook schema --lang nl`` shows them to editors. The built-in phase models and sources
are read from the files journeybook ships.

The repository keeps the output as ``docs/reference/format.md`` and ``docs/naslag/formaat.md``
(see :data:`PAGES`); ``tests/test_docs.py`` fails when they are not what :func:`markdown`
makes. After changing a model, write them again from the repository's root::

    python -m journeybook.format_reference

(the same as ``python -c "from journeybook.format_reference import write_docs; write_docs()"``).

No MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .csvdata import COLUMNS, REQUIRED
from .diagnostics import Msg
from .evidence import LEVELS, SYMBOLS
from .future import ASPECTS
from .generated_docs import main as generated_main
from .generated_docs import source_table, write_pages
from .handbook import BUILTIN_DIR
from .i18n import label
from .lint import DEFAULT_REVIEW_DAYS
from .loader import load_file
from .model import (
    ID_FROM_STEM,
    KINDS,
    METHODS,
    OBSERVING_METHODS,
    PLACE_RE,
    SLUG_RE,
    YAML_BOOL_WORDS,
    Framework,
    SourceList,
    validate_document,
)
from .schema import CSV_PATTERN, DATE_PATTERN, DEF_NAMES, SHORTHANDS, SLUG_PATTERN, json_schema

PAGES: dict[str, Path] = {"en": Path("docs/reference/format.md"), "nl": Path("docs/naslag/formaat.md")}
"""Where the repository keeps the page, per language, relative to its root."""

REGENERATE = "python -m journeybook.format_reference"
"""The command that writes :data:`PAGES` again (run in the repository's root)."""

# The lint rules page, next to the format reference (docs/reference/ and docs/naslag/).
RULES_PAGES = {"en": "lint-rules.md", "nl": "lintregels.md"}
# The lanes of a service blueprint below the customer's actions, top down, and the line above each.
BLUEPRINT_LANES = (("frontstage", "line_interaction"), ("backstage", "line_visibility"), ("support", "line_internal"))

BLUEPRINT_EXAMPLE = Msg(
    "      - id: checkout\n"
    "        action: Pays in the webshop\n"
    "        frontstage: [Chat agent answers questions about delivery]   # seen by the customer\n"
    "        backstage: [Warehouse reserves the pair]                    # out of sight\n"
    "        support: [Order management system, Payment provider]        # systems and processes\n"
    "        fail_point: The payment provider times out at peak hours",
    "      - id: afrekenen\n"
    "        action: Betaalt in de webshop\n"
    "        frontstage: [Chatmedewerker beantwoordt vragen over de levering]   # zichtbaar voor de klant\n"
    "        backstage: [Magazijn legt het paar apart]                          # buiten het zicht\n"
    "        support: [Ordersysteem, Betaalprovider]                            # systemen en processen\n"
    "        fail_point: De betaalprovider valt uit op drukke momenten",
)
FUTURE_EXAMPLE = Msg(
    "kind: journey\n"
    "id: new-boots-2027\n"
    "title: New football boots before Saturday, in 2027\n"
    "persona: daan\n"
    "framework: five-phases          # the same as new-boots\n"
    "state: to-be                    # as-is (the default) | to-be\n"
    "improves: new-boots             # the as-is journey this one replaces\n"
    "reviewed: 2026-10-01            # see review dates, below",
    "kind: journey\n"
    "id: nieuwe-schoenen-2027\n"
    "title: Nieuwe voetbalschoenen vóór zaterdag, in 2027\n"
    "persona: daan\n"
    "framework: five-phases          # hetzelfde als bij nieuwe-schoenen\n"
    "state: to-be                    # as-is (de standaard) | to-be\n"
    "improves: nieuwe-schoenen       # de as-is-journey die deze vervangt\n"
    "reviewed: 2026-10-01            # zie reviewdatums, hieronder",
)

MANY_CHOICES = 8  # more allowed values than this are listed under the table, not in it
MIN_GROUP = 3  # this many keys in a row that read the same share one row of the table
MAX_PLACES = 3  # keys named where an object is used ("author, chair, editor and 23 more")

# Words of the page: (English, Dutch).
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Format reference", "Formaatreferentie"),
    "generated": (
        f"Generated from journeybook's model by journeybook.format_reference; do not edit. Write it again with: {REGENERATE}",
        f"Gemaakt uit het model van journeybook door journeybook.format_reference; niet met de hand wijzigen. Opnieuw schrijven: {REGENERATE}",
    ),
    "intro": (
        "Every key journeybook reads, kind by kind: its type, whether you must give it, what applies when "
        "you leave it out, and what it is for. The page is generated from the same model that checks your "
        "files (and that the [JSON Schema](schema.md) for editors is made from), so it lists exactly what "
        "this version of journeybook accepts. A key that is not on this page is an unknown key, and an "
        "error. For an introduction with examples, read [Writing a journey](../writing-a-journey.md).",
        "Elke sleutel die journeybook leest, per soort document: het type, of je hem moet invullen, wat "
        "geldt als je hem weglaat en waarvoor hij dient. Deze pagina is gemaakt uit hetzelfde model dat je "
        "bestanden controleert (en waaruit ook het [JSON Schema](schema.md) voor editors komt), en noemt dus "
        "precies wat deze versie van journeybook accepteert. Een sleutel die hier niet staat, is een "
        "onbekende sleutel en dus een fout. Een inleiding met voorbeelden staat in "
        "[Zo schrijf je een journey](../journey-schrijven.md).",
    ),
    "common": ("Every document", "Elk document"),
    "common_body": (
        "- journeybook reads every `*.yml` and `*.yaml` file in the source folder (`journeys/`, or the "
        "plugin's `source` option), at any depth. A file may hold several documents, separated by a "
        "line `---`.\n"
        "- Every document starts with `kind:`, one of {kinds}. The sections below list the keys of each.\n"
        '- An unknown key is an error, with a suggestion when it looks like a known one ("did you mean '
        '…"). So is a key written twice in one mapping.\n'
        "- Every problem is reported as `file:line:column: message`, all of them at once.",
        "- journeybook leest elk `*.yml`- en `*.yaml`-bestand in de bronmap (`journeys/`, of de optie "
        "`source` van de plugin), hoe diep ook. Een bestand mag meerdere documenten bevatten, gescheiden "
        "door een regel `---`.\n"
        "- Elk document begint met `kind:`, een van {kinds}. De secties hieronder noemen de sleutels van "
        "elke soort.\n"
        '- Een onbekende sleutel is een fout, met een suggestie als hij op een bekende lijkt ("bedoelde '
        'je …"). Een sleutel die twee keer in één mapping staat ook.\n'
        "- Elk probleem wordt gemeld als `bestand:regel:kolom: melding`, allemaal tegelijk.",
    ),
    "ids": ("Ids", "Ids"),
    "ids_body": (
        "An id matches `{pattern}`: lowercase letters, digits and hyphens, starting with a letter or a "
        "digit (`new-boots`). Ids are unique per kind across the whole source folder: a finding's id across "
        "all research documents, an opportunity's across all journeys. Only a step's id is unique within its "
        "journey alone. A document of kind {stem} may leave `id` out: the file's name then becomes the id "
        "(`personas/daan.yml` gets `daan`).",
        "Een id voldoet aan `{pattern}`: kleine letters, cijfers en streepjes, beginnend met een letter of "
        "cijfer (`nieuwe-schoenen`). Ids zijn per soort uniek in de hele bronmap: de id van een bevinding in "
        "alle onderzoeksdocumenten samen, die van een kans in alle journeys samen. Alleen de id van een stap "
        "is uniek binnen zijn eigen journey. In een document van soort {stem} mag je `id` weglaten: dan "
        "wordt de bestandsnaam de id (`personas/daan.yml` krijgt `daan`).",
    ),
    "places": ("Places", "Plekken"),
    "places_body": (
        "A measurement says where it was measured with a *place* (`at:`), written in one of three ways:\n\n"
        "| Place | Means | Example |\n"
        "| --- | --- | --- |\n"
        "| `JOURNEY` | a whole journey | `new-boots` |\n"
        "| `JOURNEY/STEP` | a step of that journey, by the step's `id` | `new-boots/checkout` |\n"
        "| `JOURNEY#PHASE` | a phase of that journey, by its `phase` id | `new-boots#purchase` |\n\n"
        "The journey, the step and the phase must exist; an unknown one is an error with a suggestion. "
        "Only a step with an `id` can be named, so give an id to every step you measure.",
        "Een meting zegt waar ze is gedaan met een *plek* (`at:`), op een van drie manieren geschreven:\n\n"
        "| Plek | Betekent | Voorbeeld |\n"
        "| --- | --- | --- |\n"
        "| `JOURNEY` | een hele journey | `nieuwe-schoenen` |\n"
        "| `JOURNEY/STAP` | een stap van die journey, met de `id` van de stap | `nieuwe-schoenen/afrekenen` |\n"
        "| `JOURNEY#FASE` | een fase van die journey, met de id bij `phase` | `nieuwe-schoenen#purchase` |\n\n"
        "De journey, de stap en de fase moeten bestaan; een onbekende is een fout, met een suggestie. "
        "Alleen een stap met een `id` kun je noemen, dus geef elke stap die je meet een id.",
    ),
    "day": ("Dates", "Datums"),
    "day_body": (
        "A *date* is written as YAML writes one, year-month-day: `2026-03-12`. (Sources take CSL dates, "
        "which may also be a year or a year and a month.)",
        "Een *datum* schrijf je zoals YAML dat doet, jaar-maand-dag: `2026-03-12`. (Bronnen hebben "
        "CSL-datums, die ook een jaar of een jaar en een maand mogen zijn.)",
    ),
    "evidence": ("Evidence levels", "Onderbouwing"),
    "evidence_body": (
        "A step, pain point or opportunity names the findings it rests on in `evidence:` (one finding id, or a "
        "list). Its *evidence level* is derived from them, never written; the site shows it with a symbol and "
        "a word on every step, pain point and opportunity, and links each finding to its research page.",
        "Een stap, pijnpunt of kans noemt bij `evidence:` de bevindingen waarop hij rust (één bevinding-id, of "
        "een lijst). De *onderbouwing* volgt daaruit en schrijf je nooit zelf; de site toont haar met een "
        "symbool en een woord bij elke stap, elk pijnpunt en elke kans, en linkt elke bevinding naar de "
        "pagina van haar onderzoek.",
    ),
    "level": ("Level", "Onderbouwing"),
    "symbol": ("Symbol", "Symbool"),
    "when": ("When", "Wanneer"),
    "level_observed": (
        "at least one finding comes from research that watched what people do: {methods}",
        "minstens één bevinding komt uit onderzoek dat keek naar wat mensen doen: {methods}",
    ),
    "level_reported": (
        "the findings only come from what people said, or others wrote: {methods}",
        "de bevindingen komen alleen uit wat mensen zeiden, of anderen schreven: {methods}",
    ),
    "level_assumed": ("no finding at all", "geen enkele bevinding"),
    "evidence_after": (
        "A step rests on its own findings and on those of its pain points. An opportunity with `ref` has the "
        "level of the one it names. A journey's *evidence coverage* is the share of its steps and pain points "
        "that are not assumed.",
        "Een stap rust op zijn eigen bevindingen en op die van zijn pijnpunten. Een kans met `ref` heeft de "
        "onderbouwing van de kans die hij noemt. Per journey toont de site de *dekking*: het deel van haar "
        "stappen en pijnpunten dat niet aangenomen is.",
    ),
    "csv": ("Measurements in CSV files", "Metingen in CSV-bestanden"),
    "csv_body": (
        "`files:` names CSV files with more measurements, relative to the metrics document; they must lie "
        "inside the source folder and end in `.csv`. A CSV file is UTF-8 text, one measurement per line, "
        "values separated by commas. Its first line is the header: the columns {required}, and optionally "
        "{optional}, in any order. Every row follows the rules of [Measurement](#measurement): decimals "
        "with a point (`3.4`), dates as `2026-09-30`, a place in `at`; an empty `target` cell means the "
        "metric's own target. Empty lines are skipped; a cell with a comma goes in double quotes.\n\n"
        "```text\n{example}\n```\n\n"
        "A problem is reported as `file.csv:ROW:COLUMN: message`: ROW is the line of the file (the header "
        "is line 1), COLUMN the character where the cell starts. Where a place has two measurements of a "
        "metric on one date, the last one written counts.",
        "`files:` noemt CSV-bestanden met meer metingen, gezien vanaf het metrics-document; ze moeten in de "
        "bronmap liggen en eindigen op `.csv`. Een CSV-bestand is UTF-8-tekst, één meting per regel, waarden "
        "gescheiden door komma's. De eerste regel is de kop: de kolommen {required}, en eventueel "
        "{optional}, in elke volgorde. Elke rij volgt de regels van [Meting](#measurement): decimalen met een "
        "punt (`3.4`), datums als `2026-09-30`, een plek bij `at`; een lege cel bij `target` betekent het "
        "eigen doel van de meetwaarde. Lege regels worden overgeslagen; een cel met een komma erin staat "
        "tussen dubbele aanhalingstekens.\n\n"
        "```text\n{example}\n```\n\n"
        "Een probleem wordt gemeld als `bestand.csv:RIJ:KOLOM: melding`: RIJ is de regel van het bestand (de "
        "kop is regel 1), KOLOM het teken waar de cel begint. Heeft een plek op één datum twee metingen van "
        "een meetwaarde, dan telt de laatste.",
    ),
    "blueprint": ("Service blueprint", "Service blueprint"),
    "blueprint_body": (
        "A step may say what the organisation does behind it, each in a lane of its own: a list of texts "
        "for every lane, and at most one fail point. A journey in which any step has a lane or a fail point "
        "gets a *service blueprint* on its page, below the journey map: the customer's actions with their "
        "touchpoints on top, then one row per lane, divided by three lines; the steps line up in columns by "
        "phase, and each fail point is marked with its text. The phase pages list the lanes of each step.",
        "Een stap mag zeggen wat de organisatie erachter doet, elk in een eigen baan: een lijst teksten per "
        "baan, en hooguit één faalpunt. Een journey waarin een stap een baan of een faalpunt heeft, krijgt op "
        "haar pagina een *service blueprint*, onder de journey map: bovenaan de acties van de klant met hun "
        "touchpoints, dan één rij per baan, gescheiden door drie lijnen; de stappen staan in kolommen per "
        "fase, en elk faalpunt is gemarkeerd met zijn tekst. De fasepagina's noemen de banen van elke stap.",
    ),
    "lane": ("Key", "Sleutel"),
    "below": ("Below the line of", "Onder"),
    "holds": ("What it holds", "Wat erin staat"),
    "line_interaction": ("interaction: where customer and staff meet", "de interactielijn: waar klant en medewerker elkaar treffen"),
    "line_visibility": ("visibility: what the customer can see ends here", "de zichtbaarheidslijn: hier eindigt wat de klant kan zien"),
    "line_internal": ("internal interaction: where staff rely on systems and other teams", "de lijn van interne interactie: waar medewerkers op systemen en andere teams steunen"),
    "blueprint_after": (
        "The lanes are optional, also within one journey: give them where they explain a step, leave them out "
        "elsewhere. The lint rule [`fail-point-without-opportunity`]({rules}#fail-point-without-opportunity) "
        "warns about a fail point at a step without an opportunity (a `ref` counts).",
        "De banen zijn niet verplicht, ook niet binnen één journey: geef ze waar ze een stap verklaren, laat "
        "ze elders weg. De lintregel [`fail-point-without-opportunity`]({rules}#fail-point-without-opportunity) "
        "waarschuwt bij een faalpunt bij een stap zonder kans (een `ref` telt mee).",
    ),
    "future": ("Future states", "Toekomstbeelden"),
    "future_body": (
        "Every journey has a `state`: {as_is} (the default) is the journey as customers live it now, {to_be} "
        "a future state the team designs. A to-be journey names the as-is journey it replaces in `improves`.",
        "Elke journey heeft een `state`: {as_is} (de standaard) is de journey zoals klanten haar nu beleven, "
        "{to_be} een toekomstbeeld dat het team ontwerpt. Een to-be-journey noemt bij `improves` de "
        "as-is-journey die ze vervangt.",
    ),
    "future_rules": (
        "Each of these is an error at `improves`, with a suggestion for an unknown id:\n\n"
        "- `improves` on a journey that is not `state: to-be`;\n"
        "- a journey that improves itself, or a journey that does not exist;\n"
        "- a journey that is itself to-be: a future state replaces what customers live now;\n"
        "- a journey with another phase model (`framework`, or the site's default when it is left out): both "
        "must be comparable phase by phase.",
        "Elk van deze gevallen is een fout bij `improves`, met een suggestie bij een onbekende id:\n\n"
        "- `improves` bij een journey die niet `state: to-be` is;\n"
        "- een journey die zichzelf verbetert, of een journey die niet bestaat;\n"
        "- een journey die zelf to-be is: een toekomstbeeld vervangt wat klanten nu beleven;\n"
        "- een journey met een ander fasemodel (`framework`, of dat van de site als het ontbreekt): beide "
        "moeten fase voor fase te vergelijken zijn.",
    ),
    "future_after": (
        "A to-be journey without `improves` is allowed; it is shown as a future state, compared with nothing.\n\n"
        "The site marks a future state as such wherever it appears, links it and its as-is journey both ways "
        "and pairs them on the overview. Its page draws its emotion curve over that of the as-is journey and "
        "lists what changes:\n\n"
        "- the steps added, removed or changed, matched by step `id` (a step without an id cannot be matched, "
        "so it counts as added or removed); a step is changed when {aspects} differs;\n"
        "- the feeling gained or lost per phase: the mean `emotion` of the phase's steps, before and after;\n"
        "- the opportunities that make the difference: those at the steps of the to-be journey, `ref`s "
        "included, each once.\n\n"
        "The lint rule [`to-be-not-better`]({rules}#to-be-not-better) warns when a future state feels better "
        "than its as-is journey in no phase.",
        "Een to-be-journey zonder `improves` mag; ze wordt getoond als toekomstbeeld, met niets vergeleken.\n\n"
        "De site markeert een toekomstbeeld overal waar het verschijnt als zodanig, linkt het en zijn "
        "as-is-journey over en weer en zet ze op het overzicht naast elkaar. Op zijn pagina staat zijn "
        "emotiecurve over die van de as-is-journey getekend, en een lijst van wat er verandert:\n\n"
        "- de stappen die erbij komen, wegvallen of veranderen, gekoppeld op de `id` van de stap (een stap "
        "zonder id is niet te koppelen en telt als nieuw of vervallen); een stap is gewijzigd als {aspects} "
        "verschilt;\n"
        "- het gevoel dat per fase wint of verliest: de gemiddelde `emotion` van de stappen van de fase, "
        "ervoor en erna;\n"
        "- de kansen die het verschil maken: die bij de stappen van de to-be-journey, `ref`s meegeteld, elk "
        "één keer.\n\n"
        "De lintregel [`to-be-not-better`]({rules}#to-be-not-better) waarschuwt als een toekomstbeeld in geen "
        "enkele fase beter voelt dan zijn as-is-journey.",
    ),
    "any_of": ("any of", "een van"),
    "a": ("a ", "een "),
    "reviews": ("Review dates", "Reviewdatums"),
    "reviews_body": (
        "`reviewed` on {owners} is the [date](#dates) the team last checked it against what customers do "
        "now. The page of the persona or journey shows it. The lint rule "
        "[`stale-review`]({rules}#stale-review) warns when it lies more than `review_days` days (a plugin "
        "option, default {days}) before the build date. The build date is today, or the day of the "
        "environment variable `SOURCE_DATE_EPOCH` when it is set (seconds since 1970-01-01 UTC, as "
        "`git log -1 --format=%ct` prints them), so that building the same sources again gives the same "
        "warnings. A persona or journey without `reviewed` is not reported.",
        "`reviewed` bij {owners} is de [datum](#dates) waarop het team die voor het laatst toetste aan "
        "wat klanten nu doen. De pagina van de persona of journey toont hem. De lintregel "
        "[`stale-review`]({rules}#stale-review) waarschuwt als hij meer dan `review_days` dagen (een optie "
        "van de plugin, standaard {days}) voor de builddatum ligt. De builddatum is vandaag, of de dag van de "
        "omgevingsvariabele `SOURCE_DATE_EPOCH` als die gezet is (seconden sinds 1970-01-01 UTC, zoals "
        "`git log -1 --format=%ct` ze toont), zodat dezelfde bronnen opnieuw bouwen dezelfde waarschuwingen "
        "geeft. Een persona of journey zonder `reviewed` wordt niet gemeld.",
    ),
    "csv_file": ("CSV file name", "naam van een CSV-bestand"),
    "place": ("place", "plek"),
    "date_only": ("date", "datum"),
    "needs_text_or_ref": (
        "Needs {text}; or {ref} and no other key: the opportunity defined at another step, the same backlog item.",
        "Heeft {text} nodig; of {ref} en verder geen sleutel: de kans die bij een andere stap staat, hetzelfde backlog-item.",
    ),
    "id_of": ("{link} id", "{link}-id"),
    "text": ("Text", "Tekst"),
    "text_body": (
        "{description} The site shows the text in its own language, and otherwise the first language "
        "given. A language code is two or three lowercase letters, optionally followed by a region "
        "(`nl`, `en`, `pt-br`).\n\n"
        "```yaml\n"
        "name: Daan                  # one text for every language\n"
        "title:                      # or a text per language\n"
        "  nl: Nieuwe voetbalschoenen vóór zaterdag\n"
        "  en: New football boots before Saturday\n"
        "```\n\n"
        "Numbers and dates are taken as written. YAML reads the bare words {bools} as true or false, "
        "which is an error in a text: put such a text in quotes. A text that contains `: ` needs quotes "
        'too (`"Tip: order early"`).\n\n'
        "**Short text** ({short}) is one plain line such as a team name, not per language.\n\n"
        "Text is shown, never executed: raw HTML shows as text, and only `http`, `https`, `mailto`, "
        "`tel` and relative links are kept (see the [threat model](threat-model.md)).",
        "{description} De site toont de tekst in haar eigen taal, en anders de eerste taal die er staat. "
        "Een taalcode bestaat uit twee of drie kleine letters, eventueel gevolgd door een regio (`nl`, "
        "`en`, `pt-br`).\n\n"
        "```yaml\n"
        "name: Daan                  # één tekst voor elke taal\n"
        "title:                      # of een tekst per taal\n"
        "  nl: Nieuwe voetbalschoenen vóór zaterdag\n"
        "  en: New football boots before Saturday\n"
        "```\n\n"
        "Getallen en datums worden genomen zoals ze er staan. YAML leest de losse woorden {bools} als "
        "true of false, en dat is in een tekst een fout: zet zo'n tekst tussen aanhalingstekens. Een tekst "
        'met `: ` erin heeft ook aanhalingstekens nodig (`"Tip: bestel op tijd"`).\n\n'
        "**Korte tekst** ({short}) is één gewone regel, zoals de naam van een team, niet per taal.\n\n"
        "Tekst wordt getoond, nooit uitgevoerd: HTML verschijnt als tekst, en alleen links met `http`, "
        "`https`, `mailto`, `tel` en relatieve links blijven bestaan (zie het "
        "[dreigingsmodel](dreigingsmodel.md)).",
    ),
    "citations": ("Citations", "Bronvermelding"),
    "citations_body": (
        "Any Markdown text may cite a source in pandoc's form: `[@visser2015]`, with a page "
        "`[@visser2015, p. 369]`, several at once `[@petersen2016; @nijhuis2016]`. The key is the `id` "
        "of a source in a `kind: sources` document or of a [built-in source](#builtin-sources); any other "
        "key is an error. The bibliography page lists every cited source in APA style.",
        "Elke Markdown-tekst mag een bron aanhalen in de vorm van pandoc: `[@visser2015]`, met een pagina "
        "`[@visser2015, p. 369]`, meerdere tegelijk `[@petersen2016; @nijhuis2016]`. De sleutel is de `id` "
        "van een bron in een document met `kind: sources`, of van een [ingebouwde bron](#builtin-sources); "
        "elke andere sleutel is een fout. De bronnenpagina noemt elke aangehaalde bron in APA-stijl.",
    ),
    "reading": ("How to read the tables", "Zo lees je de tabellen"),
    "reading_body": (
        "*Required*: whether a document without the key is an error. *Default*: what applies when you "
        "leave the key out; \u2014 means nothing (the key is simply absent). A type in a link leads to the "
        "section that explains it.",
        "*Verplicht*: of een document zonder deze sleutel een fout is. *Standaard*: wat geldt als je de "
        "sleutel weglaat; \u2014 betekent niets (de sleutel ontbreekt gewoon). Een type met een link leidt "
        "naar de sectie die het uitlegt.",
    ),
    "key": ("Key", "Sleutel"),
    "type": ("Type", "Type"),
    "required": ("Required", "Verplicht"),
    "default": ("Default", "Standaard"),
    "description": ("Description", "Beschrijving"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "none": ("\u2014", "\u2014"),
    "empty_list": ("empty list", "lege lijst"),
    "file_name": ("the file's name", "de bestandsnaam"),
    "in": ("In", "In"),
    "and_more": ("and {n} more", "en nog {n}"),
    "needs_one_of": ("Needs at least one of {keys}.", "Heeft minstens een van {keys} nodig."),
    "allowed": ("Allowed values of `{key}`", "Toegestane waarden van `{key}`"),
    "values_below": ("one of the [values below](#{anchor})", "een van de [waarden hieronder](#{anchor})"),
    "or": ("or", "of"),
    "and": ("and", "en"),
    "list_of": ("list of {item}", "lijst van {item}"),
    "at_least": (" (at least {n})", " (minstens {n})"),
    "one_or_list": ("{item}, or a list of them", "{item}, of een lijst daarvan"),
    "shorthand": ("{item}, or just its `{key}`", "{item}, of alleen de `{key}`"),
    "id": ("id", "id"),
    "text_type": ("text", "tekst"),
    "short_text": ("short text", "korte tekst"),
    "plain": ("plain text", "platte tekst"),
    "whole_number": ("whole number", "heel getal"),
    "range": ("whole number from {min} to {max}", "heel getal van {min} tot en met {max}"),
    "number": ("number", "getal"),
    "boolean": ("`true` or `false`", "`true` of `false`"),
    "mapping": ("mapping", "mapping"),
    "date": ("year or date", "jaar of datum"),
    "builtin_frameworks": ("Built-in phase models", "Ingebouwde fasemodellen"),
    "builtin_frameworks_body": (
        "A journey names one of these in `framework:` (or one of your own). A `kind: framework` with the "
        "same `id` replaces a built-in model; one with `extends:` builds on it.",
        "Een journey noemt er een van bij `framework:` (of een eigen model). Een `kind: framework` met "
        "dezelfde `id` vervangt een ingebouwd model; een met `extends:` bouwt erop voort.",
    ),
    "framework": ("Framework", "Fasemodel"),
    "name": ("Name", "Naam"),
    "phases": ("Phases (`phase:` ids)", "Fasen (ids voor `phase:`)"),
    "builtin_sources": ("Built-in sources", "Ingebouwde bronnen"),
    "builtin_sources_body": (
        "The sources of the built-in guidance. Text may cite them without a `kind: sources` document; a "
        "source of your own with the same `id` replaces the built-in one. The full APA entries appear on the "
        "Sources page of every handbook that cites them.",
        "De bronnen van de ingebouwde richtlijnen. Tekst mag ze aanhalen zonder document met "
        "`kind: sources`; een eigen bron met dezelfde `id` vervangt de ingebouwde. De volledige APA-vermeldingen "
        "staan op de bronnenpagina van elk handboek dat ze aanhaalt.",
    ),
}

# What each object of the model is called on the page; an object without an entry is called by
# its model's name (a model added later still gets its section).
_TITLES: dict[str, tuple[str, str]] = {
    "ValueMap": ("Value map", "Value map"),
    "Touchpoint": ("Touchpoint", "Touchpoint"),
    "Source": ("Source", "Bron"),
    "Name": ("Name", "Naam"),
    "FrameworkPhase": ("Phase of a phase model", "Fase van een fasemodel"),
    "JourneyPhase": ("Phase of a journey", "Fase van een journey"),
    "Step": ("Step", "Stap"),
    "TouchpointUse": ("Touchpoint at a step", "Touchpoint bij een stap"),
    "PainPoint": ("Pain point", "Pijnpunt"),
    "Opportunity": ("Opportunity", "Kans"),
    "Finding": ("Finding", "Bevinding"),
    "Metric": ("Metric", "Meetwaarde"),
    "Measurement": ("Measurement", "Meting"),
}

# The ids a key refers to: ``(model, key)`` → the object (name in $defs) the id names. The type
# column then says what kind of id it is, with a link to that object.
_REFERS: dict[tuple[str, str], str] = {
    ("Persona", "channels"): "Touchpoint",
    ("Journey", "persona"): "Persona",
    ("Journey", "framework"): "Framework",
    ("Framework", "extends"): "Framework",
    ("JourneyPhase", "phase"): "FrameworkPhase",
    ("TouchpointUse", "ref"): "Touchpoint",
    ("Step", "evidence"): "Finding",
    ("PainPoint", "evidence"): "Finding",
    ("Opportunity", "evidence"): "Finding",
    ("Opportunity", "ref"): "Opportunity",
    ("Research", "source"): "Source",
    ("Measurement", "metric"): "Metric",
    ("Journey", "improves"): "Journey",
}
# What such an id is called in the type column (lower case, inside a sentence).
_NOUNS: dict[str, tuple[str, str]] = {
    "Persona": ("persona", "persona"),
    "Journey": ("journey", "journey"),
    "Framework": ("framework", "framework"),
    "FrameworkPhase": ("phase", "fase"),
    "Touchpoint": ("touchpoint", "touchpoint"),
    "Finding": ("finding", "bevinding"),
    "Opportunity": ("opportunity", "kans"),
    "Source": ("source", "bron"),
    "Metric": ("metric", "meetwaarde"),
}

# Descriptions for keys the models leave undescribed: ``(model, key)``, or ``(model, "*")`` for
# every other key of that model. A description in the model wins over these.
_FALLBACK: dict[tuple[str, str], tuple[str, str]] = {
    ("Name", "suffix"): ("Suffix after the name, e.g. Jr.", "Achtervoegsel na de naam, bijv. Jr."),
    ("Name", "dropping-particle"): (
        "A particle left out when only the family name is shown (`von` in Alexander von Humboldt).",
        "Een tussenvoegsel dat wegvalt als alleen de achternaam wordt getoond (`von` in Alexander von Humboldt).",
    ),
    ("Name", "non-dropping-particle"): (
        "A particle that stays with the family name (`van` in Vincent van Gogh).",
        "Een tussenvoegsel dat bij de achternaam blijft (`van` in Vincent van Gogh).",
    ),
    ("Source", "*"): (
        "CSL variables, as text or a number: `title`, `publisher`, `page`, `URL` and the others of the CSL specification.",
        "CSL-variabelen, als tekst of getal: `title`, `publisher`, `page`, `URL` en de andere uit de CSL-specificatie.",
    ),
}


WORDS: dict[str, Msg] = {key: Msg(en, nl) for key, (en, nl) in _WORDS.items()}
TITLES: dict[str, Msg] = {key: Msg(en, nl) for key, (en, nl) in _TITLES.items()}
NOUNS: dict[str, Msg] = {key: Msg(en, nl) for key, (en, nl) in _NOUNS.items()}
REFERS = _REFERS
FALLBACK: dict[tuple[str, str], Msg] = {key: Msg(en, nl) for key, (en, nl) in _FALLBACK.items()}


def markdown(lang: str = "en") -> str:
    """The format reference as a Markdown page, in ``lang`` (``en`` or ``nl``)."""
    if lang not in ("en", "nl"):
        raise ValueError(f"language must be 'en' or 'nl', not {lang!r}")
    return _Page(lang).render()


def write_docs(root: Path | str = ".") -> list[Path]:
    """Write :data:`PAGES` below ``root`` (the repository, with ``mkdocs.yml``); the files written."""
    return write_pages(root, PAGES, markdown)


# --------------------------------------------------------------------------- the page


class _Page:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.schema = json_schema(lang)
        self.defs: dict[str, Any] = self.schema["$defs"]
        self.parents = _parents(self.defs)
        self.lines: list[str] = []
        self.after_table: list[str] = []
        self.done = {DEF_NAMES[k] for k in KINDS}  # objects that have their section
        self.rules_page = RULES_PAGES[lang]

    def w(self, word: str, /, **args: Any) -> str:
        return WORDS[word].format(self.lang, None, **args) if args else WORDS[word].text(self.lang)

    def out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def render(self) -> str:
        kinds = ", ".join(f"`{k}`" for k in KINDS)
        self.out(f"# {self.w('title')}", "", f"<!-- {self.w('generated')} -->", "", self.w("intro"), "")
        self.out(f"## {self.w('common')} {{#every-document}}", "", self.w("common_body", kinds=kinds), "")
        stem = _join([f"`{k}`" for k in ID_FROM_STEM], self.w("or"))
        self.out(f"### {self.w('ids')} {{#ids}}", "", self.w("ids_body", pattern=SLUG_RE.pattern, stem=stem), "")
        self.out(f"### {self.w('places')} {{#places}}", "", self.w("places_body"), "")
        self.out(f"### {self.w('day')} {{#dates}}", "", self.w("day_body"), "")
        text = self._text_description()
        short = _join([f"`{k}`" for k in self._short_text_keys()], self.w("and"))
        body = self.w("text_body", description=text, bools=_bools(), short=short)
        self.out(f"### {self.w('text')} {{#text}}", "", body, "")
        self.out(f"### {self.w('citations')} {{#citations}}", "", self.w("citations_body"), "")
        self.out(f"### {self.w('reading')} {{#reading}}", "", self.w("reading_body"), "")
        for kind in KINDS:
            self._kind(kind)
            if kind == "journey":
                self._blueprint()
                self._future_states()
                self._review_dates()
            elif kind == "research":
                self._evidence_levels()
            elif kind == "metrics":
                self._csv_files()
        self._frameworks()
        self._sources()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def _short_text_keys(self) -> list[str]:
        """The keys that take short text (one line, not per language), in the order of the page."""
        keys: list[str] = []
        seen: set[str] = set()
        names = [n for k in KINDS for n in [DEF_NAMES[k], *_refs_in_order(self.defs, DEF_NAMES[k], seen)]]
        for name in _unique(names):
            for key, node in self.defs[name].get("properties", {}).items():
                node = _without_null(node)
                short = ["string", "number"]
                if (node.get("type") == short or node.get("items", {}).get("type") == short) and key not in keys:
                    keys.append(key)
        return keys

    def _text_description(self) -> str:
        """The schema's own description of a text (the items of a list of texts carry it)."""
        for model in self.defs.values():
            for node in model.get("properties", {}).values():
                items = node.get("items")
                if isinstance(items, dict) and _is_text(items) and items.get("description"):
                    return str(items["description"])
        return ""

    # -- kinds and their objects --------------------------------------------------------------

    def _kind(self, kind: str) -> None:
        name = DEF_NAMES[kind]
        model = self.defs[name]
        self.out(f"## kind: {kind} {{#{_anchor(name)}}}", "")
        if model.get("description"):
            self.out(model["description"], "")
        self._table(name, model, kind)
        for child in _refs_in_order(self.defs, name, seen=self.done):
            self._object(child)

    def _object(self, name: str) -> None:
        model = self.defs[name]
        self.out(f"### {self._title(name)} {{#{_anchor(name)}}}", "")
        if model.get("description"):
            self.out(model["description"], "")
        places = []
        for parent, keys in self.parents.get(name, {}).items():
            shown = [f"`{k}`" for k in keys[:MAX_PLACES]]
            if len(keys) > MAX_PLACES:
                shown.append(self.w("and_more", n=len(keys) - MAX_PLACES))
            places.append(f"[{self._link_title(parent)}](#{_anchor(parent)}): {', '.join(shown)}")
        if places:
            self.out(f"*{self.w('in')}:* " + "; ".join(places), "")
        self._table(name, model, None)

    def _table(self, name: str, model: dict[str, Any], kind: str | None) -> None:
        required = set(model.get("required", []))
        rows: list[tuple[list[str], tuple[str, str, str, str]]] = []
        self.after_table = []
        for key, node in model.get("properties", {}).items():
            cells = (
                self._type(node, name, key),
                self.w("yes") if key in required else self.w("no"),
                self._default(node, key, kind, key in required),
                _cell(node.get("description") or self._fallback(name, key)),
            )
            if rows and rows[-1][1] == cells:
                rows[-1][0].append(key)
            else:
                rows.append(([key], cells))
        self.out(
            f"| {self.w('key')} | {self.w('type')} | {self.w('required')} | {self.w('default')} | {self.w('description')} |",
            "| --- | --- | --- | --- | --- |",
        )
        for keys, cells in rows:
            split = [[k] for k in keys] if len(keys) < MIN_GROUP else [keys]
            for group in split:
                self.out("| " + " | ".join([", ".join(f"`{k}`" for k in group), *cells]) + " |")
        self.out("")
        branches = [r for r in model.get("anyOf", []) if isinstance(r, dict) and "required" in r]
        alone = [r["required"][0] for r in branches if r.get("maxProperties") == 1 and len(r["required"]) == 1]
        if alone and len(branches) == 2:  # the opportunity: its text, or a ref that stands alone
            other = next(r for r in branches if r.get("maxProperties") != 1)["required"]
            text = _join([f"`{k}`" for k in other], self.w("and"))
            self.out(self.w("needs_text_or_ref", text=text, ref=f"`{alone[0]}`"), "")
        elif branches:
            either = _join([f"`{k}`" for group in branches for k in group["required"]], self.w("or"))
            self.out(self.w("needs_one_of", keys=either), "")
        self.out(*self.after_table)

    def _fallback(self, name: str, key: str) -> str:
        text = FALLBACK.get((name, key)) or FALLBACK.get((name, "*"))
        return text.text(self.lang) if text else ""

    def _default(self, node: dict[str, Any], key: str, kind: str | None, required: bool) -> str:
        if required:
            return self.w("none")
        if kind in ID_FROM_STEM and key == "id":
            return self.w("file_name")
        if "default" in node:
            return f"`{_yaml(node['default'])}`"
        if node.get("type") == "array":
            return self.w("empty_list")
        return self.w("none")

    # -- types ---------------------------------------------------------------------------------

    def _type(self, node: dict[str, Any], owner: str, key: str) -> str:
        node = _without_null(node)
        if node.get("format") == "date" or node.get("pattern") == DATE_PATTERN:
            return f"[{self.w('date_only')}](#dates)"
        if node.get("pattern") == f"^{PLACE_RE.pattern}$":
            return f"[{self.w('place')}](#places)"
        if node.get("pattern") == CSV_PATTERN:
            return f"[{self.w('csv_file')}](#csv-files)"
        if node.get("pattern") == SLUG_PATTERN and (owner, key) in REFERS:
            target = REFERS[(owner, key)]
            return self.w("id_of", link=f"[{NOUNS[target].text(self.lang)}](#{_anchor(target)})")
        if "$ref" in node:
            return self._link(node["$ref"].rsplit("/", 1)[-1])
        if "const" in node:
            return f"`{_yaml(node['const'])}`"
        if "enum" in node:
            return self._choices(node["enum"], owner, key)
        if _is_text(node):
            return f"[{self.w('text_type')}](#text)"
        if "anyOf" in node:
            options = [_without_null(o) for o in node["anyOf"] if o.get("type") != "null"]
            if len(options) == 2 and options[1].get("type") == "array" and _same(options[1].get("items"), options[0]):
                return self.w("one_or_list", item=self._type(options[0], owner, key))
            if any(_is_date(o) for o in options):
                return self.w("date")
            return _join(_unique(self._type(o, owner, key) for o in options), self.w("or"))
        kind = node.get("type")
        if kind == "array":
            items = node.get("items", {})
            shorthand = SHORTHANDS.get(key) if owner == "Step" else None
            if shorthand is not None:
                item = self.w("shorthand", item=self._link(shorthand[0]), key=shorthand[1])
            else:
                item = self._type(items, owner, key)
            text = self.w("list_of", item=item)
            if node.get("minItems"):
                text += self.w("at_least", n=node["minItems"])
            return text
        if kind == "string":
            return f"[{self.w('id')}](#ids)" if node.get("pattern") == SLUG_PATTERN else self.w("plain")
        if kind == ["string", "number"]:
            return self.w("short_text")
        if kind == "integer":
            if "minimum" in node and "maximum" in node:
                return self.w("range", min=node["minimum"], max=node["maximum"])
            return self.w("whole_number")
        if kind == "number":
            return self.w("number")
        if kind == "boolean":
            return self.w("boolean")
        if kind == "object":
            return self.w("mapping")
        return self.w("none")

    def _choices(self, values: Sequence[Any], owner: str, key: str) -> str:
        shown = [f"`{_yaml(v)}`" for v in values]
        if len(shown) <= MANY_CHOICES:
            return _join(shown, self.w("or"))
        anchor = f"{_anchor(owner)}-{_anchor(key)}"
        self.after_table += [f"**{self.w('allowed', key=key)}**", f"{{#{anchor}}}", "", ", ".join(shown), ""]
        return self.w("values_below", anchor=anchor)

    def _title(self, name: str) -> str:
        if name in TITLES:
            return TITLES[name].text(self.lang)
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()

    def _link_title(self, name: str) -> str:
        kind = next((k for k, d in DEF_NAMES.items() if d == name), None)
        return f"kind: {kind}" if kind else self._title(name)

    def _link(self, name: str) -> str:
        return f"[{self._link_title(name)}](#{_anchor(name)})"

    # -- what the kinds of version 1.1 add ----------------------------------------------------

    def _evidence_levels(self) -> None:
        self.out(f"### {self.w('evidence')} {{#evidence-levels}}", "", self.w("evidence_body"), "")
        self.out(f"| {self.w('level')} | {self.w('symbol')} | {self.w('when')} |", "| --- | --- | --- |")
        observing = [m for m in METHODS if m in OBSERVING_METHODS]
        reporting = [m for m in METHODS if m not in OBSERVING_METHODS]
        when = {
            "observed": self.w("level_observed", methods=_join([f"`{m}`" for m in observing], self.w("or"))),
            "reported": self.w("level_reported", methods=_join([f"`{m}`" for m in reporting], self.w("or"))),
            "assumed": self.w("level_assumed"),
        }
        for level in LEVELS:
            word = label("ev_" + level, self.lang)
            name = f"`{level}`" if word == level else f"{word} (`{level}`)"
            self.out(f"| {name} | {SYMBOLS[level]} | {when[level]} |")
        self.out("", self.w("evidence_after"), "")

    def _blueprint(self) -> None:
        self.out(f"### {self.w('blueprint')} {{#blueprint}}", "", self.w("blueprint_body"), "")
        self.out("```yaml", BLUEPRINT_EXAMPLE.text(self.lang), "```", "")
        step = self.defs["Step"]["properties"]
        self.out(f"| {self.w('lane')} | {self.w('below')} | {self.w('holds')} |", "| --- | --- | --- |")
        for key, line in BLUEPRINT_LANES:
            self.out(f"| `{key}` | {self.w(line)} | {_cell(step[key].get('description', ''))} |")
        self.out("", self.w("blueprint_after", rules=self.rules_page), "")

    def _future_states(self) -> None:
        state = _without_null(self.defs["Journey"]["properties"]["state"])
        as_is, to_be = (f"`{v}`" for v in state["enum"])
        self.out(f"### {self.w('future')} {{#future-states}}", "", self.w("future_body", as_is=as_is, to_be=to_be), "")
        self.out("```yaml", FUTURE_EXAMPLE.text(self.lang), "```", "", self.w("future_rules"), "")
        aspects = self.w("any_of") + " " + _join([f"`{a}`" for a in ASPECTS], self.w("or"))
        self.out(self.w("future_after", aspects=aspects, rules=self.rules_page), "")

    def _review_dates(self) -> None:
        owners = [DEF_NAMES[k] for k in KINDS if "reviewed" in self.defs[DEF_NAMES[k]]["properties"]]
        owners_text = _join([f"{self.w('a')}[{NOUNS[o].text(self.lang)}](#{_anchor(o)})" for o in owners], self.w("or"))
        body = self.w("reviews_body", owners=owners_text, rules=self.rules_page, days=DEFAULT_REVIEW_DAYS)
        self.out(f"### {self.w('reviews')} {{#review-dates}}", "", body, "")

    def _csv_files(self) -> None:
        required = _join([f"`{c}`" for c in REQUIRED], self.w("and"))
        optional = _join([f"`{c}`" for c in COLUMNS if c not in REQUIRED], self.w("and"))
        example = "\n".join([
            ",".join(COLUMNS),
            "csat,new-boots/checkout,3.4,2026-09-30,",
            "csat,new-boots#purchase,3.9,2026-06-30,4.5",
            "csat,new-boots,3.7,2026-06-30,",
        ])  # fmt: skip
        body = self.w("csv_body", required=required, optional=optional, example=example)
        self.out(f"### {self.w('csv')} {{#csv-files}}", "", body, "")

    # -- what journeybook ships ----------------------------------------------------------------

    def _frameworks(self) -> None:
        self.out(f"## {self.w('builtin_frameworks')} {{#builtin-frameworks}}", "", self.w("builtin_frameworks_body"), "")
        self.out(f"| `framework:` | {self.w('name')} | {self.w('phases')} |", "| --- | --- | --- |")
        for framework in _builtin(Framework):
            phases = ", ".join(f"`{p.id}` ({_cell(p.name.get(self.lang)) if p.name else p.id})" for p in framework.phases)
            name = _cell(framework.name.get(self.lang)) if framework.name else framework.id
            self.out(f"| `{framework.id}` | {name} | {phases} |")
        self.out("")

    def _sources(self) -> None:
        self.out(f"## {self.w('builtin_sources')} {{#builtin-sources}}", "", self.w("builtin_sources_body"), "")
        sources = {s.id: s for found in _builtin(SourceList) for s in found.sources}
        self.out(source_table(sources, sources, self.lang), "")


# --------------------------------------------------------------------------- helpers


def _refs(node: Any) -> Iterator[str]:
    """The names of the objects a (sub)schema refers to, in the order they are written."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _refs_in_order(defs: dict[str, Any], name: str, seen: set[str]) -> Iterator[str]:
    """The objects below ``name``, depth first, each once (``seen`` grows)."""
    for child in _refs(defs[name].get("properties", {})):
        if child not in seen:
            seen.add(child)
            yield child
            yield from _refs_in_order(defs, child, seen)


def _parents(defs: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """For each object: the objects whose keys hold it, and those keys."""
    out: dict[str, dict[str, list[str]]] = {}
    for parent, model in defs.items():
        for key, node in model.get("properties", {}).items():
            for child in _unique(_refs(node)):
                out.setdefault(child, {}).setdefault(parent, []).append(key)
    return out


def _builtin(model: type) -> list[Any]:
    found = []
    for path in sorted(BUILTIN_DIR.glob("*.yml")):
        documents, _problems = load_file(path)
        for doc in documents:
            node, _diags = validate_document(doc)
            if isinstance(node, model):
                found.append(node)
    return found


def _is_text(node: dict[str, Any]) -> bool:
    """Author text: a string, or a mapping of language codes (see ``LocalizedText``)."""
    return any(o.get("type") == "object" and "propertyNames" in o for o in node.get("anyOf", []))


def _is_date(node: dict[str, Any]) -> bool:
    return node.get("type") == "string" and str(node.get("pattern", "")).startswith(r"^\d{4}")


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    options = node.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o.get("type") != "null"]
        if len(kept) == 1 and not _is_text(node):
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            merged.update(kept[0])
            return merged
    return node


def _same(a: Any, b: Any) -> bool:
    strip = lambda n: {k: v for k, v in n.items() if k != "description"} if isinstance(n, dict) else n  # noqa: E731
    return strip(a) == strip(b)


def _unique(items: Any) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _join(items: Sequence[str], word: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def _cell(text: str) -> str:
    """Text fit for one table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _anchor(name: str) -> str:
    """The id of a section: the kind for a document (``journey``), else the model's name (``step``)."""
    kind = next((k for k, d in DEF_NAMES.items() if d == name), None)
    if kind is not None:
        return kind
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _bools() -> str:
    return ", ".join(f"`{w.strip()}`" for w in YAML_BOOL_WORDS.split(","))


def main(argv: list[str] | None = None) -> int:
    """``python -m journeybook.format_reference [ROOT]``: write the pages below ROOT (default: here)."""
    return generated_main(PAGES, markdown, argv)


if __name__ == "__main__":
    raise SystemExit(main())
