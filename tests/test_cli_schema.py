"""`journeybook schema`: the JSON Schema editors use, checked against journeybook's own model.

Editors read YAML 1.2, where a date like 2016-05-25 is a string; documents are turned into
JSON data the same way before they are validated here.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from journeybook.cli import main
from journeybook.handbook import build_handbook
from journeybook.loader import load_source, load_text
from journeybook.model import KINDS, validate_document
from journeybook.scaffold import SKELETON_DIR
from journeybook.schema import DRAFT, json_schema, missing_translations, schema_json

HANDBOOKS = [
    FIXTURES / "format-handbook" / "journeys",
    FIXTURES / "format11-handbook" / "journeys",
    FIXTURES / "format12-handbook" / "journeys",
    ROOT / "journeys",
    SKELETON_DIR / "en" / "journeys",
    SKELETON_DIR / "nl" / "journeys",
]


def as_json(value: Any) -> Any:
    """YAML data as an editor (YAML 1.2) hands it to the schema: dates stay text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def editor_validator() -> jsonschema.Draft7Validator:
    """The VS Code YAML extension implements draft 7: it must reach the same verdicts."""
    return jsonschema.Draft7Validator(json_schema())


def documents(folder: Path) -> list:
    docs, problems = load_source(folder)
    assert not [p for p in problems if p.severity == "error"], problems
    return docs


def one(yaml_text: str) -> Any:
    docs, problems = load_text(textwrap.dedent(yaml_text), Path("/tmp/doc-name.yml"))
    assert not problems and len(docs) == 1, problems
    return docs[0]


# --------------------------------------------------------------------------- the command


def test_schema_command_prints_a_2020_12_schema_over_the_seven_kinds() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["kind"]
    assert schema["discriminator"]["propertyName"] == "kind"
    refs = [branch["$ref"] for branch in schema["oneOf"]]
    kinds = {schema["$defs"][ref.rsplit("/", 1)[1]]["properties"]["kind"]["const"] for ref in refs}
    assert kinds == {"persona", "journey", "touchpoints", "sources", "framework", "research", "metrics"} == set(KINDS)
    for ref in refs:
        model = schema["$defs"][ref.rsplit("/", 1)[1]]
        assert model["additionalProperties"] is False and model["description"]


def test_schema_out_writes_the_same_text_every_time(tmp_path: Path) -> None:
    out = tmp_path / "journeybook.schema.json"
    runner = CliRunner()
    first = runner.invoke(main, ["schema", "--out", str(out)])
    assert first.exit_code == 0 and first.stdout == ""
    assert "journeybook.schema.json" in first.stderr
    text = out.read_text(encoding="utf-8")
    assert text == schema_json() == runner.invoke(main, ["schema"]).stdout
    assert runner.invoke(main, ["schema", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == text  # replaced, identical


def test_descriptions_enums_and_examples_for_the_editor() -> None:
    defs = json_schema()["$defs"]
    urgency = defs["Persona"]["properties"]["urgency"]
    assert {"enum": ["low", "medium", "high"], "type": "string"} in urgency["anyOf"]
    assert urgency["description"]
    assert defs["Opportunity"]["properties"]["status"]["enum"] == ["idea", "planned", "doing", "done"]
    assert defs["Opportunity"]["properties"]["status"]["default"] == "idea"
    assert defs["Touchpoint"]["properties"]["type"]["enum"] == ["primary", "supporting"]
    assert {"enum": ["positive", "neutral", "negative"], "type": "string"} in defs["TouchpointUse"]["properties"]["sentiment"]["anyOf"]
    assert "book" in defs["Source"]["properties"]["type"]["enum"]
    emotion = defs["Step"]["properties"]["emotion"]
    assert {"type": "integer", "minimum": -2, "maximum": 2} in emotion["anyOf"]
    # every property of every model is explained (CSL's many text variables aside)
    for name, model in defs.items():
        for key, prop in model.get("properties", {}).items():
            if name in ("Source", "Name") and key not in ("id", "type", "author", "issued", "family", "given", "literal"):
                continue
            assert prop.get("description"), f"{name}.{key} has no description"
    # autocompletion offers the built-in ids
    assert "five-phases" in defs["Journey"]["properties"]["framework"]["examples"]
    assert {"awareness", "purchase", "loyalty"} <= set(defs["JourneyPhase"]["properties"]["phase"]["examples"])
    # no titles derived from names (an editor would show them), no "default: null"
    text = schema_json()
    assert '"title": "Pain Points"' not in text and '"default": null' not in text
    assert "title" in defs["Journey"]["properties"]  # ... but the field called title is there


def test_dutch_descriptions(tmp_path: Path) -> None:
    assert missing_translations() == [], "add Dutch for these descriptions to schema.NL"
    result = CliRunner().invoke(main, ["schema", "--lang", "nl"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$defs"]["Step"]["properties"]["action"]["description"] == "Wat de klant doet."
    assert "kleine letters" in json.dumps(schema, ensure_ascii=False)
    assert json.loads(result.stdout)["oneOf"] == json_schema()["oneOf"]  # only the words differ


def test_bad_language_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["schema", "--lang", "fr"]).exit_code == 2


# --------------------------------------------------------------------------- valid documents pass


@pytest.mark.parametrize("folder", HANDBOOKS, ids=lambda p: "/".join(p.parts[-3:]))
def test_every_document_of_the_known_handbooks_passes(folder: Path, validator, editor_validator) -> None:
    docs = documents(folder)
    assert docs
    for doc in docs:
        data = as_json(doc.data)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{doc.path}: {errors[:3]}"
        assert not list(editor_validator.iter_errors(data)), doc.path


# --------------------------------------------------------------------------- schema and model agree

CASES = {
    # name: (YAML document, valid?)
    "persona without id (from the file name)": ("kind: persona\nname: Daan\n", True),
    "persona with every field": (
        """\
        kind: persona
        id: daan
        name: {nl: Daan, en: Dan}
        role: Footballer
        summary: Plays
        urgency: high
        quote: Hi
        goals: [a]
        jobs: [b]
        pains: [c]
        gains: [d]
        channels: [webshop]
        value_map: {products: [x], pain_relievers: [y], gain_creators: [z]}
        """,
        True,
    ),
    "numbers and empty values are text the model accepts": ("kind: journey\ntitle: 2024\nsummary:\ntags: [2024, web]\n", True),
    "journey with one persona id": ("kind: journey\npersona: daan\n", True),
    "journey with a list of personas": ("kind: journey\npersona: [daan, eva]\n", True),
    "step shorthands and full forms": (
        """\
        kind: journey
        phases:
          - phase: awareness
            steps:
              - action: Looks
                emotion: -2
                touchpoints: [webshop, {ref: store, sentiment: negative, note: Closed}]
                pain_points: [Slow, {text: Slower, severity: high}]
                opportunities: [Faster, {text: Fastest, owner: Team, priority: low, status: done}]
        """,
        True,
    ),
    "sources with literal, one name and dates": (
        """\
        kind: sources
        sources:
          - {id: ux, type: motion_picture, author: [{literal: UX Mastery}], issued: 2014-09-15, URL: "https://x.org", accessed: 2018-05-29}
          - {id: a, author: {family: A, given: B}, issued: 2015, page: 369}
          - {id: b, author: Some Organisation, editor: [Someone], issued: "2016-05"}
        """,
        True,
    ),
    "framework": ("kind: framework\nname: {en: Three}\nphases: [{id: need, checklist: [q], guidance: [g]}]\n", True),
    # invalid ones
    "unknown key": ("kind: persona\nnmae: Daan\n", False),
    "unknown key in a step": ("kind: journey\nphases: [{phase: a, steps: [{action: x, feeling: 1}]}]\n", False),
    "bad enum": ("kind: persona\nurgency: urgent\n", False),
    "bad touchpoint type": ("kind: touchpoints\ntouchpoints: [{id: web, type: main}]\n", False),
    "bad sentiment": ("kind: journey\nphases: [{phase: a, steps: [{action: x, touchpoints: [{ref: w, sentiment: sad}]}]}]\n", False),
    "bad status": ("kind: journey\nphases: [{phase: a, steps: [{action: x, opportunities: [{text: y, status: later}]}]}]\n", False),
    "emotion 3": ("kind: journey\nphases: [{phase: a, steps: [{action: x, emotion: 3}]}]\n", False),
    "emotion -3": ("kind: journey\nphases: [{phase: a, steps: [{action: x, emotion: -3}]}]\n", False),
    "emotion 1.5": ("kind: journey\nphases: [{phase: a, steps: [{action: x, emotion: 1.5}]}]\n", False),
    "emotion as text": ("kind: journey\nphases: [{phase: a, steps: [{action: x, emotion: bad}]}]\n", False),
    "step without action": ("kind: journey\nphases: [{phase: a, steps: [{emotion: 1}]}]\n", False),
    "unknown kind": ("kind: personna\nname: Daan\n", False),
    "missing kind": ("name: Daan\n", False),
    "bad id": ("kind: persona\nid: Daan Smit\n", False),
    "touchpoint without id": ("kind: touchpoints\ntouchpoints: [{name: Web}]\n", False),
    "source without id": ("kind: sources\nsources: [{title: T}]\n", False),
    "bad CSL type": ("kind: sources\nsources: [{id: a, type: blog}]\n", False),
    "name without family or literal": ("kind: sources\nsources: [{id: a, author: [{given: B}]}]\n", False),
    "framework without phases": ("kind: framework\nphases: []\n", False),
    "direct as text": ("kind: touchpoints\ntouchpoints: [{id: web, direct: yes please}]\n", False),
    "bad language code": ("kind: persona\nname: {Dutch: Daan}\n", False),
    "pain point in two languages needs text:": ("kind: journey\nphases: [{phase: a, steps: [{action: x, pain_points: [{nl: a, en: b}]}]}]\n", False),
    # ---- FORMAT 1.1: step ids, evidence, research, metrics, shared opportunities
    "research with every field": (
        """\
        kind: research
        id: interviews-2026
        title: {en: Interviews, nl: Interviews}
        method: usability-test
        date: 2026-03-12
        source: visser2015
        summary: Eight players, one hour each.
        findings:
          - {id: no-size-chart, text: Could not find the size chart., quote: "Where is it?", participants: 3}
          - {id: late, text: Buys late}
        """,
        True,
    ),
    "research without id (from the file name)": ("kind: research\nmethod: survey\n", True),
    "metrics with every field": (
        """\
        kind: metrics
        metrics:
          - {id: csat, name: {en: Satisfaction, nl: Tevredenheid}, description: Asked after paying., unit: "/5", min: 1, max: 5, better: higher, target: 4.2, owner: CX team}
          - {id: drop-off, better: lower}
        measurements:
          - {metric: csat, at: new-boots/checkout, value: 3.4, date: 2026-09-30}
          - {metric: csat, at: new-boots#purchase, value: 4, date: 2026-06-30, target: 4.5}
          - {metric: drop-off, at: new-boots, value: -5, date: 2026-06-30}
        files: [data/csat-2026.csv, more.CSV]
        """,
        True,
    ),
    "step id, evidence as one id or a list, shared opportunities": (
        """\
        kind: journey
        phases:
          - phase: awareness
            steps:
              - id: notice
                action: Looks
                evidence: derby-deadline
                pain_points: [Slow, {text: Slower, severity: high, evidence: [size-unknown, late]}]
                opportunities:
                  - {id: stock-per-store, text: Show stock, owner: M, priority: high, status: idea, impact: high, effort: low, evidence: size-unknown}
                  - ref: faster-refunds
                  - Just a text
        """,
        True,
    ),
    "unknown method": ("kind: research\nmethod: focus-group\n", False),
    "research without method": ("kind: research\nfindings: [{id: a, text: b}]\n", False),
    "finding without text": ("kind: research\nmethod: survey\nfindings: [{id: a}]\n", False),
    "finding without id": ("kind: research\nmethod: survey\nfindings: [{text: a}]\n", False),
    "finding with a misspelt key": ("kind: research\nmethod: survey\nfindings: [{id: a, text: b, qoute: c}]\n", False),
    "negative participants": ("kind: research\nmethod: survey\nfindings: [{id: a, text: b, participants: -1}]\n", False),
    "participants as a fraction": ("kind: research\nmethod: survey\nfindings: [{id: a, text: b, participants: 2.5}]\n", False),
    "research date as a year": ("kind: research\nmethod: survey\ndate: 2026\n", False),
    "research date written day first": ("kind: research\nmethod: survey\ndate: 12-03-2026\n", False),
    "metric without id": ("kind: metrics\nmetrics: [{name: Satisfaction}]\n", False),
    "better upwards": ("kind: metrics\nmetrics: [{id: csat, better: up}]\n", False),
    "target as text": ("kind: metrics\nmetrics: [{id: csat, target: high}]\n", False),
    "measurement without date": ("kind: metrics\nmeasurements: [{metric: csat, at: j, value: 1}]\n", False),
    "measurement value with a decimal comma": ('kind: metrics\nmeasurements: [{metric: csat, at: j, value: "3,4", date: 2026-01-01}]\n', False),
    "measurement value true": ("kind: metrics\nmeasurements: [{metric: csat, at: j, value: true, date: 2026-01-01}]\n", False),
    "place with two slashes": ("kind: metrics\nmeasurements: [{metric: csat, at: j/a/b, value: 1, date: 2026-01-01}]\n", False),
    "place with a step and a phase": ("kind: metrics\nmeasurements: [{metric: csat, at: j/a#b, value: 1, date: 2026-01-01}]\n", False),
    "place in capitals": ("kind: metrics\nmeasurements: [{metric: csat, at: New-Boots, value: 1, date: 2026-01-01}]\n", False),
    "unknown key in metrics": ("kind: metrics\nfile: [a.csv]\n", False),
    "step id with a space": ("kind: journey\nphases: [{phase: a, steps: [{id: check out, action: x}]}]\n", False),
    "evidence that is not an id": ("kind: journey\nphases: [{phase: a, steps: [{action: x, evidence: [Size Unknown]}]}]\n", False),
    "evidence as a mapping": ("kind: journey\nphases: [{phase: a, steps: [{action: x, pain_points: [{text: y, evidence: {id: a}}]}]}]\n", False),
    "impact huge": ("kind: journey\nphases: [{phase: a, steps: [{action: x, opportunities: [{text: y, impact: huge}]}]}]\n", False),
    "effort as a number": ("kind: journey\nphases: [{phase: a, steps: [{action: x, opportunities: [{text: y, effort: 3}]}]}]\n", False),
    "empty opportunity in the list": ("kind: journey\nphases: [{phase: a, steps: [{action: x, opportunities: [null]}]}]\n", False),
    # ---- FORMAT 1.1: service blueprint lanes, future states, review dates
    "blueprint lanes and a fail point": (
        """\
        kind: journey
        phases:
          - phase: purchase
            steps:
              - id: checkout
                action: Pays in the webshop
                frontstage: [Chat agent answers questions about delivery]
                backstage: [Warehouse reserves the pair, {en: Packs it, nl: Pakt het in}]
                support: [Order management system, Payment provider]
                fail_point: {en: Payment provider times out at peak hours, nl: De betaalprovider valt uit}
        """,
        True,
    ),
    "a future state with its as-is journey and review dates": (
        "kind: journey\nid: new-boots-2027\nstate: to-be\nimproves: new-boots\nreviewed: 2026-10-01\n",
        True,
    ),
    "a to-be journey without improves": ("kind: journey\nstate: to-be\n", True),
    "state as-is written out, improves left empty": ("kind: journey\nstate: as-is\nimproves:\n", True),
    "persona with a review date": ("kind: persona\nname: Daan\nreviewed: 2026-10-01\n", True),
    "lane as one text, not a list": ("kind: journey\nphases: [{phase: a, steps: [{action: x, backstage: Packs it}]}]\n", False),
    "lane with a mapping that is not a text": ("kind: journey\nphases: [{phase: a, steps: [{action: x, support: [{system: ERP}]}]}]\n", False),
    "fail point as a list": ("kind: journey\nphases: [{phase: a, steps: [{action: x, fail_point: [a, b]}]}]\n", False),
    "misspelt lane": ("kind: journey\nphases: [{phase: a, steps: [{action: x, front_stage: [y]}]}]\n", False),
    "state future": ("kind: journey\nstate: future\n", False),
    "state written as_is": ("kind: journey\nstate: as_is\n", False),
    "improves that is not an id": ("kind: journey\nstate: to-be\nimproves: New Boots\n", False),
    "improves with a list": ("kind: journey\nstate: to-be\nimproves: [a, b]\n", False),
    "reviewed as a year": ("kind: journey\nreviewed: 2026\n", False),
    "reviewed written day first": ("kind: persona\nreviewed: 01-10-2026\n", False),
    "reviewed as a word": ("kind: persona\nreviewed: yesterday\n", False),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_schema_and_model_agree(case: str, validator, editor_validator) -> None:
    text, valid = CASES[case]
    doc = one(text)
    node, problems = validate_document(doc)
    assert (node is not None and not problems) is valid, f"model: {problems}"
    data = as_json(doc.data)
    assert validator.is_valid(data) is valid, [e.message for e in validator.iter_errors(data)]
    assert editor_validator.is_valid(data) is valid


# --------------------------------------------------------------------------- rules of one document the handbook checks

JOURNEY_WITH = """\
kind: journey
id: j
phases:
  - phase: awareness
    steps:
      - action: Looks
        opportunities:
          - {{id: shared, text: Defined here}}
          - {opportunity}
"""

HANDBOOK_CASES = {
    # name: (YAML of one file, valid?); the schema reaches the handbook's verdict without other files
    "opportunity with text": (JOURNEY_WITH.format(opportunity="{text: Another, owner: Team}"), True),
    "opportunity with ref alone": (JOURNEY_WITH.format(opportunity="{ref: shared}"), True),
    "opportunity with text and ref: null": (JOURNEY_WITH.format(opportunity="{text: Another, ref: null}"), True),
    "opportunity with neither text nor ref": (JOURNEY_WITH.format(opportunity="{owner: Team, priority: high}"), False),
    "opportunity with text: null": (JOURNEY_WITH.format(opportunity="{text: null, owner: Team}"), False),
    "opportunity with ref: null only": (JOURNEY_WITH.format(opportunity="{ref: null}"), False),
    "ref with its own text": (JOURNEY_WITH.format(opportunity="{ref: shared, text: Again}"), False),
    "ref with a status": (JOURNEY_WITH.format(opportunity="{ref: shared, status: doing}"), False),
    "ref with an id": (JOURNEY_WITH.format(opportunity="{ref: shared, id: other}"), False),
    "measurements in a file that is not CSV": ("kind: metrics\nfiles: [data/measurements.xlsx]\n", False),
    "a to-be journey that improves nothing yet": ("kind: journey\nid: j\nstate: to-be\n", True),
    "improves: null on an as-is journey": ("kind: journey\nid: j\nimproves: null\n", True),
    "improves on a journey without state": ("kind: journey\nid: j\nimproves: other\n", False),
    "improves on an as-is journey": ("kind: journey\nid: j\nstate: as-is\nimproves: other\n", False),
}


@pytest.mark.parametrize("case", HANDBOOK_CASES, ids=list(HANDBOOK_CASES))
def test_schema_and_handbook_agree_on_rules_within_one_document(case: str, tmp_path: Path, validator, editor_validator) -> None:
    text, valid = HANDBOOK_CASES[case]
    (tmp_path / "doc.yml").write_text(text, encoding="utf-8")
    _hb, diagnostics = build_handbook(tmp_path)
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    assert (not errors) is valid, errors
    data = as_json(one(text).data)
    assert validator.is_valid(data) is valid, [e.message for e in validator.iter_errors(data)]
    assert editor_validator.is_valid(data) is valid


def test_opportunity_rule_and_evidence_shorthand_in_the_schema() -> None:
    defs = json_schema()["$defs"]
    branches = defs["Opportunity"]["anyOf"]
    assert [b["required"] for b in branches] == [["text"], ["ref"]]
    assert branches[1]["maxProperties"] == 1  # a ref stands alone
    for name in ("Step", "PainPoint", "Opportunity"):
        evidence = defs[name]["properties"]["evidence"]
        assert [o.get("type") for o in evidence["anyOf"]] == ["string", "array"], name
    assert json_schema("nl")["$defs"]["Finding"]["properties"]["quote"]["description"] == "Iets wat een deelnemer zei, letterlijk."


def test_blueprint_lanes_future_states_and_review_dates_in_the_schema() -> None:
    defs = json_schema()["$defs"]
    step, journey = defs["Step"]["properties"], defs["Journey"]
    for lane in ("frontstage", "backstage", "support"):
        assert step[lane]["type"] == "array" and step[lane]["description"].startswith("Service blueprint:")
    assert journey["properties"]["state"]["enum"] == ["as-is", "to-be"]
    assert journey["properties"]["state"]["default"] == "as-is"
    assert journey["properties"]["improves"]["anyOf"][0]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert journey["then"] == {"required": ["state"], "properties": {"state": {"const": "to-be"}}}
    for owner in ("Journey", "Persona"):
        reviewed = defs[owner]["properties"]["reviewed"]
        assert any(o.get("pattern") == r"^\d{4}-\d{2}-\d{2}$" for o in reviewed["anyOf"]), owner
    nl = json_schema("nl")["$defs"]
    assert nl["Step"]["properties"]["backstage"]["description"] == "Service blueprint: wat medewerkers hier doen buiten het zicht van de klant."
    assert "to-be" in nl["Journey"]["properties"]["state"]["description"]
