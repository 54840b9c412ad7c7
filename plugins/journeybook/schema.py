"""The JSON Schema (draft 2020-12) of every kind of YAML document, for editors.

Generated from the pydantic models in :mod:`journeybook.model` (the one source of truth),
then post-processed where the models accept more than pydantic can describe:

- ``id`` may be left out for persona, journey and framework (it defaults to the file stem);
- the step shorthands: a touchpoint may be a bare id, a pain point or opportunity a bare text;
- ``persona:`` of a journey may be one id or a list; a CSL name may be a bare string, and a
  name variable one name or a list; ``evidence:`` may be one finding id or a list;
- a CSL name needs ``family`` or ``literal``;
- an opportunity has ``text``, or ``ref`` and nothing else (the rule the cross references
  check, see ``handbook._check_opportunity``: it needs no other document, so editors can
  check it too);
- a journey with ``improves`` has ``state: to-be`` (the same kind of rule, see
  ``handbook._check_improves``);
- a date (``Day``) is written as 2026-03-12, and a measurement file ends in ``.csv``.

What needs other documents (does a finding, a metric or a place exist; is an id unique) is
left to ``journeybook validate``.

It also adds what helps an editor: descriptions in English or Dutch, the built-in framework
and phase ids as ``examples`` (offered by autocompletion), a readable message for a bad id.
Titles pydantic derives from class and field names, and ``default: null``, are left out
(an editor would show or insert them). The result only uses keywords that mean the same in
draft 7, which is what the VS Code YAML extension (yaml-language-server) implements.

No MkDocs here; :func:`schema_json` is what ``journeybook schema`` prints.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from .handbook import BUILTIN_DIR
from .loader import load_file
from .model import (
    CSL_NAME_VARIABLES,
    ID_FROM_STEM,
    KINDS,
    SLUG_RE,
    Framework,
    Journey,
    MetricSet,
    Persona,
    Research,
    SourceList,
    TouchpointCatalog,
    validate_document,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = f"^{SLUG_RE.pattern}$"

Document = Annotated[
    Persona | Journey | TouchpointCatalog | SourceList | Framework | Research | MetricSet, Field(discriminator="kind")
]

# Which model each kind is, as named in $defs (pydantic uses the class names).
DEF_NAMES = {
    "persona": "Persona",
    "journey": "Journey",
    "touchpoints": "TouchpointCatalog",
    "sources": "SourceList",
    "framework": "Framework",
    "research": "Research",
    "metrics": "MetricSet",
}
# The shorthands Step accepts (see model.Step._expand_shorthands): field -> (item def, key a bare value fills).
SHORTHANDS = {"touchpoints": ("TouchpointUse", "ref"), "pain_points": ("PainPoint", "text"), "opportunities": ("Opportunity", "text")}

ROOT_TITLE = ("journeybook document", "journeybook-document")
ROOT_DESCRIPTION = (
    "One YAML document of a journeybook handbook. 'kind' says what it is: persona, journey, touchpoints, sources, framework, research or metrics.",
    "Eén YAML-document van een journeybook-handboek. 'kind' zegt wat het is: persona, journey, touchpoints, sources, framework, research of metrics.",
)
KIND_DESCRIPTION = (
    "What this document is: persona, journey, touchpoints, sources, framework, research or metrics.",
    "Wat dit document is: persona, journey, touchpoints, sources, framework, research of metrics.",
)
SLUG_MESSAGE = (
    "An id uses lowercase letters, digits and hyphens, and starts with a letter or digit (e.g. new-boots).",
    "Een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter of cijfer (bijv. nieuwe-schoenen).",
)

# Dutch for every English description the models give (keyed by the English text). A
# description without a Dutch entry stays English; tests/test_cli_schema.py lists any missing.
NL: dict[str, str] = {
    # documents
    "A customer archetype that journeys are told from.": "Een klanttype vanuit wie journeys verteld worden.",
    "The route one or more personas travel, phase by phase.": "De route die een of meer persona's afleggen, fase voor fase.",
    "The touchpoint catalog, shared by all journeys.": "De touchpointcatalogus, gedeeld door alle journeys.",
    "The bibliography: the sources that text cites as [@key].": "De bibliografie: de bronnen die tekst aanhaalt als [@key].",
    "A phase model (built in, or defined by the handbook; same id overrides a built-in).": "Een fasemodel (ingebouwd, of door het handboek gedefinieerd; dezelfde id vervangt een ingebouwd model).",
    # texts
    "Markdown text, or a map of language codes to Markdown text ({nl: ..., en: ...}).": "Markdown-tekst, of per taalcode een Markdown-tekst ({nl: ..., en: ...}).",
    "Display name (defaults to the id).": "Weergavenaam (standaard de id).",
    "Team or person responsible.": "Verantwoordelijk team of verantwoordelijke persoon.",
    "Slug; defaults to the file name.": "Slug; standaard de bestandsnaam.",
    # persona
    "One line: who this is.": "Eén regel: wie dit is.",
    "Who the persona is and what they need, in Markdown.": "Wie de persona is en wat die nodig heeft, in Markdown.",
    "How urgent the persona's need is.": "Hoe dringend de behoefte van de persona is.",
    "Something the persona typically says.": "Iets wat de persona typisch zegt.",
    "What the persona wants to achieve.": "Wat de persona wil bereiken.",
    "Jobs to be done: tasks the persona wants to get done.": "Jobs to be done: taken die de persona gedaan wil krijgen.",
    "What bothers or blocks the persona.": "Wat de persona hindert of tegenhoudt.",
    "What the persona would be glad to get.": "Waar de persona blij van zou worden.",
    "Touchpoint ids the persona prefers.": "Touchpoint-id's die de persona het liefst gebruikt.",
    "What the organisation offers this persona (Value Map).": "Wat de organisatie deze persona biedt (Value Map).",
    "Osterwalder's Value Map: what the company offers against the persona's pains and gains.": "De Value Map van Osterwalder: wat het bedrijf biedt tegenover de pijnen en winsten van de persona.",
    "Products and services offered.": "Aangeboden producten en diensten.",
    "How the offer relieves pains.": "Hoe het aanbod pijnen verzacht.",
    "How the offer creates gains.": "Hoe het aanbod winst oplevert.",
    # touchpoints
    "A moment of contact between customer and organisation, shared by all journeys.": "Een contactmoment tussen klant en organisatie, gedeeld door alle journeys.",
    "The touchpoints, shared by all journeys.": "De touchpoints, gedeeld door alle journeys.",
    "Slug that journeys use to refer to this touchpoint.": "Slug waarmee journeys naar dit touchpoint verwijzen.",
    "primary (website, webshop, store, social media) or supporting (leaflet, staff, invoice).": "primary (website, webshop, winkel, social media) of supporting (folder, medewerkers, factuur).",
    "online or offline.": "online of offline.",
    "True for direct human contact (phone, chat, store staff).": "true bij direct menselijk contact (telefoon, chat, winkelpersoneel).",
    "What this touchpoint is, in Markdown.": "Wat dit touchpoint is, in Markdown.",
    # sources
    "A bibliography entry in CSL form, as Zotero and pandoc write it.": "Een bron in CSL-vorm, zoals Zotero en pandoc die schrijven.",
    "Bibliography entries in CSL form.": "Bronnen in CSL-vorm.",
    "Citation key, used as [@key] in text.": "Citeersleutel, in tekst gebruikt als [@key].",
    "CSL item type, e.g. book, article-journal, webpage, motion_picture, report.": "CSL-brontype, bijv. book, article-journal, webpage, motion_picture, report.",
    "People or organisations: {family, given} or {literal}; one, or a list.": "Personen of organisaties: {family, given} of {literal}; één, of een lijst.",
    "A year (2015), a date (2016-05-25) or CSL date-parts.": "Een jaar (2015), een datum (2016-05-25) of CSL date-parts.",
    "A CSL name: `{family, given}` or `{literal}` for organisations.": "Een CSL-naam: `{family, given}`, of `{literal}` voor organisaties.",
    "Family name.": "Achternaam.",
    "Given name or initials.": "Voornaam of voorletters.",
    "A name as written, for organisations (e.g. UX Mastery).": "Een naam zoals geschreven, voor organisaties (bijv. UX Mastery).",
    # frameworks
    "One phase of a phase model, with the questions and guidance that belong to it.": "Eén fase van een fasemodel, met de vragen en richtlijnen die erbij horen.",
    "Slug; defaults to the file name. A built-in framework with the same id is replaced.": "Slug; standaard de bestandsnaam. Een ingebouwd framework met dezelfde id wordt vervangen.",
    "Id of a framework to build on: its phases come first; phases listed here with the same id add their checklist and guidance (and may rename or re-summarise the phase); new ids are appended.": "Id van een framework om op voort te bouwen: de fasen daarvan komen eerst; fasen hier met dezelfde id voegen hun checklist en richtlijnen toe (en mogen de naam of samenvatting wijzigen); nieuwe id's komen erachter.",
    "What this phase model is for, in Markdown.": "Waar dit fasemodel voor dient, in Markdown.",
    "The phases, in order.": "De fasen, op volgorde.",
    "Phase id that journeys use in 'phase:'.": "Fase-id die journeys gebruiken bij 'phase:'.",
    "What happens in this phase, in Markdown.": "Wat er in deze fase gebeurt, in Markdown.",
    "Questions a team asks in this phase.": "Vragen die een team zich in deze fase stelt.",
    "Markdown with [@key] citations.": "Markdown met citaten als [@key].",
    # journeys
    "Title of the journey (defaults to the id).": "Titel van de journey (standaard de id).",
    "A persona id, or a list of ids.": "Een persona-id, of een lijst van id's.",
    "Phase model; default: the site's framework.": "Fasemodel; standaard het framework van de site.",
    "A short description of the journey, in Markdown.": "Een korte beschrijving van de journey, in Markdown.",
    "The situation the journey starts from, in Markdown.": "De situatie waarin de journey begint, in Markdown.",
    "What the customer expects.": "Wat de klant verwacht.",
    "Free labels.": "Vrije labels.",
    "The phases the customer goes through; a phase may be left out, not repeated.": "De fasen die de klant doorloopt; een fase mag ontbreken, niet herhaald worden.",
    "What happens in one phase of the framework.": "Wat er in één fase van het framework gebeurt.",
    "A phase id of the journey's framework; keep the framework's order.": "Een fase-id van het framework van de journey; houd de volgorde van het framework aan.",
    "What the organisation wants to reach in this phase.": "Wat de organisatie in deze fase wil bereiken.",
    "The customer's steps in this phase, in order.": "De stappen van de klant in deze fase, op volgorde.",
    "Added to the framework's checklist.": "Komt bij de checklist van het framework.",
    "Added to the framework's guidance.": "Komt bij de richtlijnen van het framework.",
    "What the customer does at one moment, and what they think and feel.": "Wat de klant op één moment doet, denkt en voelt.",
    "What the customer does.": "Wat de klant doet.",
    "What the customer thinks.": "Wat de klant denkt.",
    "-2 (very negative) .. +2 (very positive).": "-2 (zeer negatief) .. +2 (zeer positief).",
    "Touchpoints at this step: a catalog id, or {ref, sentiment, note}.": "Touchpoints bij deze stap: een id uit de catalogus, of {ref, sentiment, note}.",
    "Pain points: a text, or {text, severity}.": "Pijnpunten: een tekst, of {text, severity}.",
    "A touchpoint at a step: a catalog id, optionally with how it felt and a note.": "Een touchpoint bij een stap: een id uit de catalogus, eventueel met hoe het voelde en een opmerking.",
    "A touchpoint id from the catalog.": "Een touchpoint-id uit de catalogus.",
    "How the contact felt: positive, neutral or negative.": "Hoe het contact voelde: positive, neutral of negative.",
    "A remark about this contact, in Markdown.": "Een opmerking over dit contact, in Markdown.",
    "A problem the customer runs into at a step.": "Een probleem waar de klant bij een stap tegenaan loopt.",
    "The problem, in Markdown.": "Het probleem, in Markdown.",
    "How bad it is: low, medium or high.": "Hoe erg het is: low, medium of high.",
    "low, medium or high.": "low, medium of high.",
    "idea, planned, doing or done.": "idea, planned, doing of done.",
    # journeys, version 1.1: step ids, evidence, shared opportunities
    "Optional; unique within the journey. Elsewhere the step is JOURNEY/STEP.": "Niet verplicht; uniek binnen de journey. Elders heet de stap JOURNEY/STAP.",
    "Finding ids (from research documents) this rests on; its evidence level is derived from them.": "Id's van bevindingen (uit onderzoeksdocumenten) waarop dit rust; het niveau van onderbouwing volgt daaruit.",
    "Opportunities: a text, {text, id, owner, priority, status, impact, effort, evidence}, or {ref} to one defined elsewhere.": "Kansen: een tekst, {text, id, owner, priority, status, impact, effort, evidence}, of {ref} naar een kans die elders staat.",
    "An improvement the organisation could make at a step; or, with `ref`, one defined at another step.": "Een verbetering die de organisatie bij een stap kan doorvoeren; of, met `ref`, een die bij een andere stap staat.",
    "Optional; unique across the handbook, so that other steps can use it with 'ref'.": "Niet verplicht; uniek in het hele handboek, zodat andere stappen de kans met 'ref' kunnen gebruiken.",
    "The id of an opportunity defined at another step: the same backlog item, serving this step too.": "De id van een kans die bij een andere stap staat: hetzelfde backlog-item, dat ook deze stap dient.",
    "The improvement, in Markdown (required unless 'ref' is given).": "De verbetering, in Markdown (verplicht, tenzij 'ref' er staat).",
    "Value for customer and business: low, medium or high.": "Waarde voor klant en organisatie: low, medium of high.",
    "Work it takes: low, medium or high.": "Hoeveel werk het kost: low, medium of high.",
    # journeys, version 1.1: service blueprint lanes, future states, review dates
    "Service blueprint: what employees do here that the customer sees.": "Service blueprint: wat medewerkers hier doen dat de klant ziet.",
    "Service blueprint: what employees do here out of the customer's sight.": "Service blueprint: wat medewerkers hier doen buiten het zicht van de klant.",
    "Service blueprint: the systems and processes that support this step.": "Service blueprint: de systemen en processen die deze stap ondersteunen.",
    "Service blueprint: what can go wrong here, in Markdown.": "Service blueprint: wat hier mis kan gaan, in Markdown.",
    "as-is (the journey as customers live it now, the default) or to-be (a designed future state).": "as-is (de journey zoals klanten haar nu beleven, de standaard) of to-be (een ontworpen toekomstbeeld).",
    "For a to-be journey: the id of the as-is journey it replaces.": "Bij een to-be-journey: de id van de as-is-journey die ze vervangt.",
    "When the journey was last checked against reality (e.g. 2026-10-01).": "Wanneer de journey voor het laatst aan de werkelijkheid is getoetst (bijv. 2026-10-01).",
    "When the persona was last checked against reality (e.g. 2026-10-01).": "Wanneer de persona voor het laatst aan de werkelijkheid is getoetst (bijv. 2026-10-01).",
    # research
    "A piece of research (interviews, a survey, analytics ...) and what it found.": "Een onderzoek (interviews, een enquête, analytics ...) en wat het opleverde.",
    "Title of the research (defaults to the id).": "Titel van het onderzoek (standaard de id).",
    "interview, survey, analytics, observation, usability-test, support-tickets or desk-research; observation, analytics, usability-test and support-tickets give observed evidence, the others reported evidence.": "interview, survey, analytics, observation, usability-test, support-tickets of desk-research; observation, analytics, usability-test en support-tickets geven waargenomen onderbouwing, de andere gerapporteerde.",
    "When the research was done (e.g. 2026-03-12).": "Wanneer het onderzoek is gedaan (bijv. 2026-03-12).",
    "A sources id for the report of this research.": "Een bron-id voor het rapport van dit onderzoek.",
    "What was done and with whom, in Markdown.": "Wat er is gedaan en met wie, in Markdown.",
    "What the research found.": "Wat het onderzoek heeft opgeleverd.",
    "One thing a piece of research found, which steps, pain points and opportunities can rest on.": "Eén bevinding van een onderzoek, waarop stappen, pijnpunten en kansen kunnen rusten.",
    "Unique across all research documents; steps refer to it in 'evidence'.": "Uniek in alle onderzoeksdocumenten samen; stappen verwijzen ernaar bij 'evidence'.",
    "What was found, in Markdown.": "Wat er is gevonden, in Markdown.",
    "Something a participant said, verbatim.": "Iets wat een deelnemer zei, letterlijk.",
    "How many participants this applies to.": "Voor hoeveel deelnemers dit geldt.",
    # metrics
    "Metrics, and their measurements: written here, or in CSV files next to this file.": "Meetwaarden en hun metingen: hier geschreven, of in CSV-bestanden naast dit bestand.",
    "The metrics defined here.": "De meetwaarden die hier worden gedefinieerd.",
    "Measurements: {metric, at, value, date, target}.": "Metingen: {metric, at, value, date, target}.",
    "CSV files with measurements, relative to this file; header metric,at,value,date (and optionally target).": "CSV-bestanden met metingen, gezien vanaf dit bestand; kopregel metric,at,value,date (en eventueel target).",
    "A number the organisation tracks per step, phase or journey.": "Een getal dat de organisatie per stap, fase of journey volgt.",
    "Slug that measurements use in 'metric'.": "Slug die metingen gebruiken bij 'metric'.",
    "What is measured and how, in Markdown.": "Wat er wordt gemeten en hoe, in Markdown.",
    "Shown after values, e.g. '/5', '%' or ' min'.": "Staat achter de waarden, bijv. '/5', '%' of ' min'.",
    "Lowest possible value, if the scale has one.": "Laagst mogelijke waarde, als de schaal er een heeft.",
    "Highest possible value, if the scale has one.": "Hoogst mogelijke waarde, als de schaal er een heeft.",
    "Which way is better: higher or lower.": "Welke kant beter is: higher (hoger) of lower (lager).",
    "The target every measurement is held against, unless it sets its own.": "Het doel waaraan elke meting wordt afgemeten, tenzij die een eigen doel heeft.",
    "One value of a metric, at one place, on one date.": "Eén meting van een meetwaarde: een getal, op één plek, op één datum.",
    "A metric id.": "Een id van een meetwaarde.",
    "Where: a journey id, JOURNEY/STEP or JOURNEY#PHASE.": "Waar: een journey-id, JOURNEY/STAP of JOURNEY#FASE.",
    "The measured value.": "De gemeten waarde.",
    "When it was measured (e.g. 2026-09-30).": "Wanneer er is gemeten (bijv. 2026-09-30).",
    "The target at that date (default: the metric's target).": "Het doel op die datum (standaard het doel van de meetwaarde).",
}


def json_schema(lang: str = "en") -> dict[str, Any]:
    """The schema as a dict (a fresh copy; ``lang`` picks the language of the descriptions)."""
    schema = copy.deepcopy(_english())
    if lang == "nl":
        _translate(schema)
        schema["title"], schema["description"] = ROOT_TITLE[1], ROOT_DESCRIPTION[1]
        for kind in KINDS:
            schema["$defs"][DEF_NAMES[kind]]["properties"]["kind"]["description"] = KIND_DESCRIPTION[1]
        for node in _schemas(schema):
            if "patternErrorMessage" in node:
                node["patternErrorMessage"] = SLUG_MESSAGE[1]
    return schema


def schema_json(lang: str = "en") -> str:
    """The schema as the text ``journeybook schema`` writes: stable, indented, ending in a newline."""
    return json.dumps(json_schema(lang), indent=2, ensure_ascii=False) + "\n"


def missing_translations() -> list[str]:
    """English descriptions in the schema that have no Dutch in :data:`NL` (for the tests)."""
    found = {node.get("description") for node in _schemas(_english())}
    own = {ROOT_DESCRIPTION[0], KIND_DESCRIPTION[0]}
    return sorted(d for d in found if isinstance(d, str) and d not in NL and d not in own)


# --------------------------------------------------------------------------- generation


@lru_cache(maxsize=1)
def _english() -> dict[str, Any]:
    schema = TypeAdapter(Document).json_schema(mode="validation")
    defs = schema["$defs"]
    _tidy(schema)
    for kind in KINDS:
        model = defs[DEF_NAMES[kind]]
        model["properties"]["kind"]["description"] = KIND_DESCRIPTION[0]
        if kind in ID_FROM_STEM:  # the loader fills in the file stem
            model["required"] = [key for key in model.get("required", []) if key != "id"]
    _shorthands(defs)
    _persona_ids(defs["Journey"])
    _csl_names(defs)
    _evidence(defs)
    _text_or_ref(defs["Opportunity"])
    _improves_needs_to_be(defs["Journey"])
    _dates_and_files(schema)
    _examples(defs)
    for node in _schemas(schema):
        if node.get("pattern") == SLUG_PATTERN:
            node["patternErrorMessage"] = SLUG_MESSAGE[0]
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "title": ROOT_TITLE[0],
        "description": ROOT_DESCRIPTION[0],
        "type": "object",
        "required": ["kind"],
    }
    out.update((k, v) for k, v in schema.items() if k != "$defs")
    out["$defs"] = dict(sorted(defs.items()))
    return out


def _shorthands(defs: dict[str, Any]) -> None:
    """``touchpoints: [webshop]``, ``pain_points: [Too slow]``: a bare value for the item's main key."""
    steps = defs["Step"]["properties"]
    for field, (item_def, key) in SHORTHANDS.items():
        bare = copy.deepcopy(defs[item_def]["properties"][key])
        bare.pop("description", None)
        item = steps[field]["items"]
        steps[field]["items"] = {"anyOf": [_non_object(bare), item]}


def _non_object(schema: dict[str, Any]) -> dict[str, Any]:
    """A text schema without its ``{nl: ..., en: ...}`` form and without null (a bare shorthand is one string)."""
    if "anyOf" in schema:
        kept = [s for s in schema["anyOf"] if s.get("type") not in ("object", "null")]
        return kept[0] if len(kept) == 1 else {"anyOf": kept}
    return schema


def _persona_ids(journey: dict[str, Any]) -> None:
    field = journey["properties"]["persona"]
    slug = field.pop("items")
    field.pop("type")
    field["anyOf"] = [slug, {"type": "array", "items": copy.deepcopy(slug)}]


def _csl_names(defs: dict[str, Any]) -> None:
    """A name may be a bare string (``UX Mastery``), a name variable one name or a list."""
    defs["Name"]["anyOf"] = [{"required": ["family"]}, {"required": ["literal"]}]
    one = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Name"}]}
    props = defs["Source"]["properties"]
    for name in CSL_NAME_VARIABLES:
        field = props[name]
        description = field.get("description")
        props[name] = {"anyOf": [one, {"type": "array", "items": copy.deepcopy(one)}]}
        if description:
            props[name]["description"] = description


# Where ``evidence:`` may be one finding id instead of a list (see model._one_or_list).
EVIDENCE_OWNERS = ("Step", "PainPoint", "Opportunity")


def _evidence(defs: dict[str, Any]) -> None:
    """``evidence: no-size-chart`` is read as ``[no-size-chart]``."""
    for name in EVIDENCE_OWNERS:
        field = defs[name]["properties"]["evidence"]
        slug = field.pop("items")
        field.pop("type")
        field["anyOf"] = [slug, {"type": "array", "items": copy.deepcopy(slug)}]


def _text_or_ref(opportunity: dict[str, Any]) -> None:
    """An opportunity has ``text`` (and no ``ref``), or ``ref`` alone: the same one, defined elsewhere.

    The handbook reports the other cases (``missing-key``, ``ref-with-fields``); they need
    no other document, so the editor can flag them too. A ``null`` counts as written, as it
    does for the model.
    """
    opportunity["anyOf"] = [
        {"required": ["text"], "properties": {"text": {"not": {"type": "null"}}, "ref": {"type": "null"}}},
        {"required": ["ref"], "properties": {"ref": {"type": "string"}}, "maxProperties": 1},
    ]


def _improves_needs_to_be(journey: dict[str, Any]) -> None:
    """``improves`` belongs to a future state: a journey that names one has ``state: to-be``.

    The handbook reports the other case (``improves-as-is``); it needs no other document.
    Whether the journey it names exists, is as-is and has the same framework is left to
    ``journeybook validate``. ``improves: null`` counts as left out, as it does for the model.
    """
    journey["if"] = {"required": ["improves"], "properties": {"improves": {"type": "string"}}}
    journey["then"] = {"required": ["state"], "properties": {"state": {"const": "to-be"}}}


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
CSV_PATTERN = r"\.[Cc][Ss][Vv]$"


def _dates_and_files(schema: dict[str, Any]) -> None:
    """A day is written 2026-03-12 (``format`` alone is not checked by every editor); CSV files end in .csv."""
    for node in _schemas(schema):
        if node.get("format") == "date":
            node["pattern"] = DATE_PATTERN
    files = schema["$defs"]["MetricSet"]["properties"]["files"]
    files["items"] = {"type": "string", "pattern": CSV_PATTERN}


def _examples(defs: dict[str, Any]) -> None:
    """The built-in framework and phase ids, which editors offer while typing."""
    frameworks = _builtin_frameworks()
    defs["Journey"]["properties"]["framework"]["examples"] = [f.id for f in frameworks]
    phase_ids: list[str] = []
    for framework in frameworks:
        phase_ids += [p for p in framework.phase_ids() if p not in phase_ids]
    defs["JourneyPhase"]["properties"]["phase"]["examples"] = phase_ids


def _builtin_frameworks() -> list[Framework]:
    found = []
    for path in sorted(BUILTIN_DIR.glob("*.yml")):
        documents, _problems = load_file(path)
        for doc in documents:
            node, _diags = validate_document(doc)
            if isinstance(node, Framework):
                found.append(node)
    return found


# --------------------------------------------------------------------------- tidying


def _tidy(schema: dict[str, Any]) -> None:
    """Drop derived titles and ``default: null``; flatten ``anyOf`` in ``anyOf``; plain backticks."""
    for node in _schemas(schema):
        if isinstance(node.get("title"), str):
            del node["title"]
        if "default" in node and node["default"] is None:
            del node["default"]
        if isinstance(node.get("description"), str):
            node["description"] = node["description"].replace("``", "`")
        if "anyOf" in node:
            flat: list[Any] = []
            for option in node["anyOf"]:
                if set(option) <= {"anyOf", "description"} and "anyOf" in option:
                    flat.extend(option["anyOf"])
                    node.setdefault("description", option.get("description"))
                    if node["description"] is None:
                        del node["description"]
                else:
                    flat.append(option)
            node["anyOf"] = flat


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every (sub)schema, never the name maps (``properties``, ``$defs``) themselves."""
    if not isinstance(node, dict):
        return
    yield node
    for key, value in list(node.items()):
        if key in ("properties", "$defs", "patternProperties"):
            for sub in list(value.values()):
                yield from _schemas(sub)
        elif key in ("anyOf", "oneOf", "allOf", "prefixItems") and isinstance(value, list):
            for sub in value:
                yield from _schemas(sub)
        elif key in ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else"):
            yield from _schemas(value)


def _translate(schema: dict[str, Any]) -> None:
    for node in _schemas(schema):
        text = node.get("description")
        if isinstance(text, str) and text in NL:
            node["description"] = NL[text]


__all__ = ["DRAFT", "json_schema", "missing_translations", "schema_json"]
