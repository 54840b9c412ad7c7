"""Lint rules: each fires exactly where expected and stays quiet on the near case; settings; output."""

from __future__ import annotations

import html
import json
import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from journeybook.diagnostics import Diagnostic, Location, has_errors
from journeybook.handbook import build_handbook
from journeybook.lint import (
    CHECKS,
    RULES,
    RULES_FILE,
    LintContext,
    LintDiagnostic,
    as_record,
    health,
    journey_of,
    lint,
    load_rules,
    offers_help,
    parse_settings,
    phases_after_purchase,
)
from journeybook.lint_docs import PAGES, REGENERATE, builtin_sources, rules_markdown

ROOT = Path(__file__).resolve().parent.parent

CATALOG = """\
kind: touchpoints
touchpoints:
  - id: webshop
    name: Webshop
    channel: online
  - id: folder
    name: Leaflet
    type: supporting
    channel: offline
  - id: store
    name: Store
    channel: offline
  - id: phone
    name: Phone
    channel: offline
    direct: true
  - id: mail
    name: Newsletter
    channel: online
"""

SOURCES = """\
kind: sources
sources:
  - id: visser2015
    type: book
    author: [{family: Visser, given: M.}, {family: Sikkenga, given: B.}]
    issued: 2015
    title: Basisboek online marketing
"""

PERSONA = """\
kind: persona
id: daan
urgency: high
"""


def make(tmp_path: Path, journeys: dict[str, str], base: bool = True, framework: str = "five-phases"):
    """A handbook from inline YAML (plus a small catalog, a source and a persona); must be valid."""
    files = {"touchpoints.yml": CATALOG, "sources.yml": SOURCES, "daan.yml": PERSONA} if base else {}
    files.update(journeys)
    for rel, text in files.items():
        path = tmp_path / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    hb, diags = build_handbook(tmp_path / "journeys", framework)
    assert not has_errors(diags), [d.format() for d in diags]
    return hb


def found(hb, rule: str | None = None, settings=None) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, rule) of every finding (of one rule)."""
    return [
        (d.location.path.name, d.location.line, d.location.column, d.code)
        for d in lint(hb, settings)
        if rule is None or d.code == rule
    ]


def written_at(hb, rule: str) -> list[str]:
    """What the source file says at each finding of ``rule`` (the rest of that line)."""
    out = []
    for d in lint(hb):
        if d.code == rule:
            line = d.location.path.read_text(encoding="utf-8").splitlines()[d.location.line - 1]
            out.append(line[d.location.column - 1 :])
    return out


def messages(hb, rule: str, lang: str = "en") -> list[str]:
    return [d.message(lang) for d in lint(hb) if d.code == rule]


def journey(body: str, framework: str = "five-phases", id: str = "trip") -> str:
    """A journey file: header lines 1-4, then 'phases:' on line 5."""
    return f"kind: journey\nid: {id}\npersona: daan\nframework: {framework}\nphases:\n" + textwrap.dedent(body)


SAD = "  - phase: awareness\n    steps:\n      - action: Sad\n        emotion: -2\n"


# --------------------------------------------------------------------------- negative-without-opportunity


def test_negative_emotion_without_opportunity_points_at_the_emotion(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: awareness
                    steps:
                      - action: Sole breaks
                        emotion: -1
                      - action: Searches
                        emotion: -2
                        opportunities:
                          - text: Ads that name next-day delivery
                            owner: Marketing
                      - action: Happy
                        emotion: 0
                """
            )
        },
    )
    assert found(hb, "negative-without-opportunity") == [("trip.yml", 9, 16, "negative-without-opportunity")]
    assert written_at(hb, "negative-without-opportunity") == ["-1"]
    assert "Sole breaks" in messages(hb, "negative-without-opportunity")[0]
    assert "emotie -1" in messages(hb, "negative-without-opportunity", "nl")[0]


def test_negative_touchpoint_without_opportunity_points_at_the_sentiment(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: awareness
                    steps:
                      - action: Reads the leaflet
                        emotion: 0
                        touchpoints:
                          - ref: folder
                            sentiment: negative
                      - action: Reads the newsletter
                        touchpoints:
                          - ref: mail
                            sentiment: neutral
                """
            )
        },
    )
    assert found(hb, "negative-without-opportunity") == [("trip.yml", 12, 22, "negative-without-opportunity")]
    assert written_at(hb, "negative-without-opportunity") == ["negative"]
    assert "Leaflet" in messages(hb, "negative-without-opportunity")[0]


# --------------------------------------------------------------------------- pain-without-opportunity


PAIN_STEPS = """\
  - phase: consideration
    steps:
      - action: Compares
        emotion: 1
        pain_points:
          - Specs are hard to compare
      - action: Gives up
        emotion: -1
        pain_points:
          - text: Too expensive
      - action: Reads reviews
        pain_points:
          - Few reviews
        opportunities:
          - text: Ask buyers for reviews
            owner: CRM
"""


def test_pain_without_opportunity_and_no_double_report_with_negative(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(PAIN_STEPS)})
    assert found(hb, "pain-without-opportunity") == [("trip.yml", 11, 11, "pain-without-opportunity")]
    assert written_at(hb, "pain-without-opportunity") == ["Specs are hard to compare"]
    # The negative step is reported once, by the more specific rule.
    assert found(hb, "negative-without-opportunity") == [("trip.yml", 13, 16, "negative-without-opportunity")]
    assert "Specs are hard to compare" in messages(hb, "pain-without-opportunity")[0]


def test_pain_without_opportunity_takes_over_when_negative_rule_is_off(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(PAIN_STEPS)})
    settings, problems = parse_settings({"negative-without-opportunity": "off"})
    assert problems == []
    step_rules = {"pain-without-opportunity", "negative-without-opportunity"}
    assert [f for f in found(hb, settings=settings) if f[3] in step_rules] == [
        ("trip.yml", 11, 11, "pain-without-opportunity"),
        ("trip.yml", 15, 11, "pain-without-opportunity"),
    ]


# --------------------------------------------------------------------------- opportunity-without-owner


def test_opportunity_without_owner(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: purchase
                    steps:
                      - action: Pays
                        opportunities:
                          - Show stock per store
                          - text: Faster payment page
                            owner: E-commerce
                          - text: Old idea, already live
                            status: done
                          - text: Chat during checkout
                            priority: high
                """
            )
        },
    )
    assert found(hb, "opportunity-without-owner") == [
        ("trip.yml", 10, 11, "opportunity-without-owner"),
        ("trip.yml", 15, 11, "opportunity-without-owner"),
    ]
    assert written_at(hb, "opportunity-without-owner") == ["Show stock per store", "text: Chat during checkout"]
    assert "Show stock per store" in messages(hb, "opportunity-without-owner")[0]
    assert "eigenaar" in messages(hb, "opportunity-without-owner", "nl")[1]


# --------------------------------------------------------------------------- channel-mismatch


def test_channel_mismatch_leaflet_offer_missing_in_webshop(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: consideration
                    steps:
                      - action: Looks for the leaflet offer in the webshop
                        emotion: -1
                        touchpoints:
                          - ref: folder
                            sentiment: negative
                            note: The leaflet offer cannot be found in the webshop.
                          - ref: webshop
                            sentiment: negative
                            note: Full price, no offer page.
                        pain_points:
                          - The offer from the leaflet is missing in the webshop
                        opportunities:
                          - text: Publish every leaflet offer in the webshop
                            owner: E-commerce
                """
            )
        },
    )
    # One finding for the pair, at the first of the two touchpoints.
    assert found(hb, "channel-mismatch") == [("trip.yml", 11, 16, "channel-mismatch")]
    assert written_at(hb, "channel-mismatch") == ["folder"]
    message = messages(hb, "channel-mismatch")[0]
    assert "Leaflet (offline)" in message and "Webshop (online)" in message
    assert "cannot be found in the webshop" in message


def test_channel_mismatch_from_a_pain_point_naming_a_touchpoint_the_step_does_not_use(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: purchase
                    steps:
                      - action: Sees another price in the store
                        touchpoints:
                          - ref: store
                            sentiment: negative
                            note: The price tag was not updated.
                        pain_points:
                          - text: Price differs between store and webshop.
                        opportunities:
                          - text: Electronic price tags
                            owner: Stores
                """
            )
        },
    )
    assert found(hb, "channel-mismatch") == [("trip.yml", 10, 16, "channel-mismatch")]


def test_channel_mismatch_does_not_fire_on_unrelated_steps(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: consideration
                    steps:
                      # both channels, one negative, but the note names nothing on the other channel
                      - action: Invoice is wrong, calls
                        touchpoints:
                          - ref: mail
                            sentiment: negative
                            note: The amount is wrong.
                          - phone
                        pain_points:
                          - The invoice is late
                      # the note names a touchpoint on the same channel
                      - action: Newsletter links to a dead page
                        touchpoints:
                          - ref: mail
                            sentiment: negative
                            note: The link to the webshop is broken.
                          - webshop
                      # a word that merely starts like a touchpoint's name ("Storefront", "webshopper")
                      - action: Reads a blog
                        touchpoints:
                          - ref: webshop
                            sentiment: negative
                            note: The Storefront theme is slow for every webshopper.
                      # named, but nothing at the step is negative and no pain point names both
                      - action: Compares leaflet and webshop
                        touchpoints:
                          - ref: folder
                            note: Same offer as in the webshop.
                          - webshop
                """
            )
        },
    )
    assert found(hb, "channel-mismatch") == []


# --------------------------------------------------------------------------- no-direct-contact


def test_no_direct_contact_points_at_the_phases_key(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: awareness
                    steps:
                      - action: Searches
                        touchpoints: [webshop, folder]
                """
            ),
            "call.yml": journey(
                """\
                  - phase: awareness
                    steps:
                      - action: Calls
                        touchpoints: [phone]
                """,
                id="call",
            ),
            "draft.yml": "kind: journey\nid: draft\npersona: daan\nphases: []\n",
        },
    )
    assert found(hb, "no-direct-contact") == [("trip.yml", 5, 1, "no-direct-contact")]
    assert written_at(hb, "no-direct-contact") == ["phases:"]
    assert "direct: true" in messages(hb, "no-direct-contact")[0]


# --------------------------------------------------------------------------- no-help-after-purchase


def test_no_help_after_purchase(tmp_path: Path) -> None:
    after_without_help = """\
      - phase: purchase
        steps:
          - action: Buys
            touchpoints: [phone]
      - phase: retention
        steps:
          - action: Gets the newsletter
            touchpoints: [mail]
      - phase: loyalty
        steps:
          - action: Buys again
            touchpoints: [webshop]
    """
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(after_without_help),
            "helped.yml": journey(after_without_help.replace("[webshop]", "[webshop, phone]"), id="helped"),
            "stops.yml": journey(after_without_help.split("      - phase: retention")[0], id="stops"),
        },
    )
    # Help during the purchase does not count; the finding is at the first phase after it.
    assert found(hb, "no-help-after-purchase") == [("trip.yml", 10, 10, "no-help-after-purchase")]
    assert written_at(hb, "no-help-after-purchase") == ["retention"]
    message = messages(hb, "no-help-after-purchase")[0]
    assert "(Retention, Loyalty)" in message
    assert "(Retentie, Loyaliteit)" in messages(hb, "no-help-after-purchase", "nl")[0]


def test_phases_after_purchase_per_framework(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "fw.yml": """\
                kind: framework
                id: drie-stappen
                phases: [{id: behoefte}, {id: kennis}, {id: aankoop}, {id: gebruik}]
                ---
                kind: framework
                id: no-buy
                phases: [{id: see}, {id: think}, {id: do}, {id: care}]
            """,
        },
    )
    after = {fid: phases_after_purchase(fw) for fid, fw in hb.frameworks.items()}
    assert after == {
        "four-phases": ["loyalty"],
        "five-phases": ["retention", "loyalty"],
        "orientation": ["use", "loyalty"],
        "sales-funnel": ["service", "loyalty"],
        "drie-stappen": ["gebruik"],
        "no-buy": [],  # no phase that is recognisably the purchase: the rule stays quiet
    }


def test_help_touchpoints_by_direct_contact_or_by_name(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "more.yml": """\
                kind: touchpoints
                touchpoints:
                  - {id: klantenservice, channel: offline}
                  - {id: portal, name: {en: Support portal, nl: Supportportaal}, channel: online}
                  - {id: invoice, name: Invoice, channel: online}
            """,
            "trip.yml": journey(
                """\
                  - phase: purchase
                    steps:
                      - action: Buys
                        touchpoints: [webshop]
                  - phase: retention
                    steps:
                      - action: Asks a question
                        touchpoints: [portal]
                """
            ),
        },
    )
    help_ids = sorted(tp.id for tp in hb.touchpoints.values() if offers_help(tp))
    assert help_ids == ["klantenservice", "phone", "portal"]
    assert found(hb, "no-help-after-purchase") == []


# --------------------------------------------------------------------------- unused-touchpoint


def test_unused_touchpoint_points_at_its_id(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: awareness
                    steps:
                      - action: Everything but the store
                        touchpoints: [webshop, folder, phone, mail]
                """
            )
        },
    )
    assert found(hb, "unused-touchpoint") == [("touchpoints.yml", 10, 9, "unused-touchpoint")]
    assert written_at(hb, "unused-touchpoint") == ["store"]
    assert [d.severity for d in lint(hb) if d.code == "unused-touchpoint"] == ["info"]
    assert "no journey uses touchpoint store" in messages(hb, "unused-touchpoint")[0]


def test_unused_touchpoint_is_quiet_without_journeys(tmp_path: Path) -> None:
    hb = make(tmp_path, {})
    assert hb.touchpoints and not hb.journeys
    assert found(hb, "unused-touchpoint") == []


# --------------------------------------------------------------------------- persona-without-urgency


def test_persona_without_urgency(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "eva.yml": "kind: persona\nid: eva\nname: Eva\nrole: Runner\n",
            "people/no-id.yml": "# no id: from the file name\nkind: persona\nname: Sanne\n",
        },
    )
    assert found(hb, "persona-without-urgency") == [
        ("eva.yml", 2, 5, "persona-without-urgency"),
        ("no-id.yml", 2, 1, "persona-without-urgency"),
    ]
    assert written_at(hb, "persona-without-urgency") == ["eva", "kind: persona"]
    assert "persona Eva has no 'urgency:'" in messages(hb, "persona-without-urgency")[0]


# --------------------------------------------------------------------------- uncited-guidance


def test_uncited_guidance_in_journeys_and_frameworks(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(
                """\
                  - phase: awareness
                    guidance:
                      - Keep it simple [@visser2015, p. 369].
                      - Keep it simple.
                      - en: Cited [@visser2015].
                        nl: Zonder bron.
                """
            ),
            "fw.yml": """\
                kind: framework
                id: own
                phases:
                  - id: need
                    guidance:
                      - Advice without a source.
                      - "Not a citation: [see here](https://example.com), email@example.com"
            """,
        },
    )
    assert found(hb, "uncited-guidance") == [
        ("fw.yml", 6, 9, "uncited-guidance"),
        ("fw.yml", 7, 9, "uncited-guidance"),
        ("trip.yml", 9, 7, "uncited-guidance"),
        ("trip.yml", 11, 11, "uncited-guidance"),
    ]
    assert written_at(hb, "uncited-guidance") == [
        "Advice without a source.",
        '"Not a citation: [see here](https://example.com), email@example.com"',
        "Keep it simple.",
        "Zonder bron.",
    ]
    assert "Dutch text" in messages(hb, "uncited-guidance")[-1]


def test_uncited_guidance_skips_built_in_frameworks(tmp_path: Path) -> None:
    hb = make(tmp_path, {})
    assert "five-phases" in hb.frameworks
    assert all(d.location.path.name != "frameworks.yml" for d in lint(hb) if d.location)


# --------------------------------------------------------------------------- missing-phase


def test_missing_phase_lists_the_left_out_phases(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey("  - phase: awareness\n  - phase: purchase\n", framework="four-phases"),
            "full.yml": journey(
                "  - phase: awareness\n  - phase: consideration\n  - phase: purchase\n  - phase: loyalty\n",
                framework="four-phases",
                id="full",
            ),
        },
    )
    assert found(hb, "missing-phase") == [("trip.yml", 5, 1, "missing-phase")]
    assert written_at(hb, "missing-phase") == ["phases:"]
    assert "the framework Four phases: Consideration, Loyalty; add them" in messages(hb, "missing-phase")[0]
    assert "Overweging, Loyaliteit" in messages(hb, "missing-phase", "nl")[0]
    assert {d.severity for d in lint(hb) if d.code == "missing-phase"} == {"info"}


# --------------------------------------------------------------------------- no-persona


def test_no_persona_points_at_the_journey_id_or_the_start_of_the_file(tmp_path: Path) -> None:
    body = "phases:\n  - phase: awareness\n"
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(SAD),  # has persona: daan
            "alone.yml": "# for everyone?\nkind: journey\nid: alone\n" + body,
            "empty.yml": "kind: journey\nid: empty\npersona: []\n" + body,
            "journeys/from-stem.yml": "kind: journey\n" + body,
        },
    )
    assert found(hb, "no-persona") == [
        ("alone.yml", 3, 5, "no-persona"),
        ("empty.yml", 2, 5, "no-persona"),
        ("from-stem.yml", 1, 1, "no-persona"),
    ]
    assert written_at(hb, "no-persona") == ["alone", "empty", "kind: journey"]
    assert {d.severity for d in lint(hb) if d.code == "no-persona"} == {"info"}  # a note: never fails a strict build
    assert {d.journey for d in lint(hb) if d.code == "no-persona"} == {"alone", "empty", "from-stem"}
    assert messages(hb, "no-persona")[0].startswith("this journey names no persona; add 'persona:'")
    assert messages(hb, "no-persona", "nl")[0].startswith("deze journey noemt geen persona; voeg 'persona:'")
    settings, _ = parse_settings({"no-persona": "off"})
    assert found(hb, "no-persona", settings) == []


# --------------------------------------------------------------------------- settings


def test_settings_defaults_off_error_and_yaml_false() -> None:
    raw = {
        "no-direct-contact": False,
        "channel-mismatch": "error",
        "unused-touchpoint": "Warning",
        "missing-phase": "off",
        "uncited-guidance": True,
    }
    settings, problems = parse_settings(raw)
    assert problems == []
    assert settings["no-direct-contact"] is None
    assert settings["missing-phase"] is None
    assert settings["channel-mismatch"] == "error"
    assert settings["unused-touchpoint"] == "warning"
    assert settings["uncited-guidance"] == "warning"
    assert settings["negative-without-opportunity"] == "warning"  # untouched: its default
    assert set(settings) == set(RULES)
    assert parse_settings(None)[0] == {r.id: r.severity for r in RULES.values()}
    assert set(parse_settings(False)[0].values()) == {None}


def test_settings_unknown_rule_and_bad_value_suggest_the_fix() -> None:
    here = Location(Path("/p/mkdocs.yml"), 7, 9)
    settings, problems = parse_settings(
        {"no-direct-contacts": "off", "channel-mismatch": "warn", "missing-phase": 3}, where=here
    )
    assert [(p.code, p.severity, p.location) for p in problems] == [
        ("unknown-lint-rule", "error", here),
        ("bad-lint-setting", "error", here),
        ("bad-lint-setting", "error", here),
    ]
    assert problems[0].message() == "unknown lint rule 'no-direct-contacts' (did you mean 'no-direct-contact'?)"
    assert problems[0].message("nl") == "onbekende lintregel 'no-direct-contacts' (bedoelde je 'no-direct-contact'?)"
    assert problems[1].message() == "'warn' is not a setting for lint rule 'channel-mismatch' (did you mean 'warning'?)"
    assert problems[2].message().endswith("; expected one of: error, info, off, warning")
    assert settings["channel-mismatch"] == "warning"  # a bad value keeps the default


def test_settings_that_are_not_a_mapping() -> None:
    settings, problems = parse_settings(["no-direct-contact"])  # type: ignore[arg-type]
    assert [p.code for p in problems] == ["bad-lint-setting"] and problems[0].location is None
    assert settings == {r.id: r.severity for r in RULES.values()}


def test_settings_change_severity_and_switch_rules_off(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(SAD)})
    default = {d.code: d.severity for d in lint(hb)}
    assert default == {
        "negative-without-opportunity": "warning",
        "no-direct-contact": "warning",
        "missing-phase": "info",
        "unused-touchpoint": "info",
    }
    raw = {"negative-without-opportunity": "error", "missing-phase": False, "unused-touchpoint": "off"}
    settings, _ = parse_settings(raw)
    changed = {d.code: d.severity for d in lint(hb, settings)}
    assert changed == {"negative-without-opportunity": "error", "no-direct-contact": "warning"}
    assert has_errors(lint(hb, settings))
    with pytest.raises(ValueError, match="unknown lint rule"):
        lint(hb, {"no-such-rule": "warning"})


# --------------------------------------------------------------------------- order, sources, docs


def test_findings_are_sorted_and_stable(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(PAIN_STEPS), "z.yml": "kind: persona\nid: zed\n"})
    first = lint(hb)
    assert [d.sort_key() for d in first] == sorted(d.sort_key() for d in first)
    assert [(d.location, d.code, d.message()) for d in first] == [(d.location, d.code, d.message()) for d in lint(hb)]
    assert all(isinstance(d, LintDiagnostic) and d.code in RULES for d in first)


def test_rule_order_ids_and_sources() -> None:
    assert list(RULES) == [
        "negative-without-opportunity", "no-direct-contact", "no-help-after-purchase", "channel-mismatch",
        "unused-touchpoint", "pain-without-opportunity", "opportunity-without-owner", "assumed-pain-point",
        "off-target-without-opportunity", "fail-point-without-opportunity", "high-impact-idle", "to-be-not-better",
        "stale-review", "persona-without-urgency", "uncited-guidance", "missing-phase", "no-persona",
    ]  # fmt: skip
    example = set(re.findall(r"^  - id: (\S+)", (ROOT / "journeys" / "bronnen.yml").read_text(), re.M))
    builtin = set(builtin_sources())
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
        assert rule.severity in ("warning", "info")
        for text in (rule.title, rule.reason, rule.where, rule.checks, rule.fix):
            assert text.en.strip() and text.nl.strip() and text.en != text.nl, rule.id
        assert set(rule.source_keys) <= builtin & example, rule.id  # cited on every health page, and in the example
        assert rule.source_keys or rule.house_rule
    assert [rule.id for rule in RULES.values() if rule.house_rule] == ["uncited-guidance"]  # the one house rule


def test_every_rule_has_its_check_and_every_check_its_rule() -> None:
    assert set(CHECKS) == set(RULES)
    for rule in RULES.values():
        assert rule.check is CHECKS[rule.id].check and rule.yields_to == CHECKS[rule.id].yields_to
    assert RULES["pain-without-opportunity"].yields_to == ("negative-without-opportunity",)


RULE = """\
rules:
  - id: no-persona
    level: info
    title: {en: T, nl: T}
    reason: {en: "R [@visser2015].", nl: "R [@visser2015]."}
    where: {en: W, nl: W}
    checks: {en: C, nl: C}
    fix: {en: F, nl: F}
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("level: info", "level: error"), ":3:12: 'level' must be one of warning, info, not 'error'"),
        (("    fix: {en: F, nl: F}\n", ""), ":2:5: 'fix' needs a text in each of en, nl"),
        (("title: {en: T, nl: T}", "title: {en: T}"), ":4:12: 'title' needs a text in each of en, nl"),
        (("nl: \"R [@visser2015].\"", "nl: R."), ":5:13: the reason cites other sources in one language than in another"),
        (("R [@visser2015].", "R."), ":5:13: a rule either cites its sources in 'reason' or is marked 'house_rule: true'"),
        (("id: no-persona", "id: no-personas"), ":2:9: no check is registered for lint rule 'no-personas'"),
        (("    fix:", "    fixes:"), ":8:5: unknown key(s) fixes"),
    ],
)
def test_a_mistake_in_the_rules_file_says_where(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "rules.yml"
    path.write_text(RULE.replace(*change), encoding="utf-8")
    checks = {"no-persona": CHECKS["no-persona"]}
    with pytest.raises(ValueError) as failure:
        load_rules(path, checks)
    assert "rules.yml" + message in str(failure.value)
    path.write_text(RULE, encoding="utf-8")
    assert list(load_rules(path, checks)) == ["no-persona"]
    with pytest.raises(ValueError, match="no entry for the lint rule"):
        load_rules(path, CHECKS)  # a check without data


def test_the_shipped_rules_file_is_the_one_loaded() -> None:
    assert RULES_FILE.is_file() and list(load_rules(RULES_FILE, CHECKS)) == list(RULES)


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_docs_pages_are_generated_from_the_rules(lang: str) -> None:
    committed = (ROOT / PAGES[lang]).read_text(encoding="utf-8")
    assert committed == rules_markdown(lang), f"{PAGES[lang]} is out of date: run `{REGENERATE}` in the repository and commit it"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_docs_page_documents_every_rule_in_order(lang: str) -> None:
    text = rules_markdown(lang)
    headings = re.findall(r"^## `?([a-z-]+)`?\s*$", text, re.M)
    assert headings == list(RULES)
    for rule in RULES.values():
        section = text.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
        assert f"`{rule.severity}`" in section and f"{rule.id}: off" in section
        why = next(line for line in section.splitlines() if line.startswith(("**Why.**", "**Waarom.**")))
        assert "[@" not in why and ("(" in why or rule.house_rule)  # every citation rendered, APA style
    assert "`purchase`, `buy`," in text and "| `sales-funnel` | action | service, loyalty |" in text  # from lint.py's data
    assert "(Visser & Sikkenga, 2015, p. 369)" in text
    assert "| `visser2015` | (Visser & Sikkenga, 2015) | — |" in text  # the sources: id, citation, where to find it


# --------------------------------------------------------------------------- the example handbook


def test_example_handbook_findings() -> None:
    hb, diags = build_handbook(ROOT / "journeys", "five-phases")
    assert not has_errors(diags)
    findings = lint(hb, None, LintContext(build_date=date(2026, 12, 1)))  # review dates age: never the real clock
    for d in findings:
        print(d.format(ROOT, with_severity=True))
    places = [(d.location.path.name, d.location.line, d.code) for d in findings]
    # The leaflet offer that the webshop does not show (consideration phase), found once.
    boots = "nieuwe-voetbalschoenen.yml"
    leaflet = [d for d in findings if d.code == "channel-mismatch" and d.location.path.name == boots]
    assert len(leaflet) == 1
    at = leaflet[0].location
    assert at.path.read_text(encoding="utf-8").splitlines()[at.line - 1][at.column - 1 :] == "folder"  # its ref
    assert "Huis-aan-huisfolder" in leaflet[0].message("nl") and "Webshop" in leaflet[0].message("nl")
    assert leaflet[0].journey == "nieuwe-voetbalschoenen"
    # The example is complete where a handbook can be: every touchpoint used, every opportunity
    # owned, every persona with an urgency, every piece of guidance cited.
    quiet = {"unused-touchpoint", "opportunity-without-owner", "persona-without-urgency", "uncited-guidance"}
    assert not quiet & {p[2] for p in places}
    # Each journey has someone to talk to, also after the purchase.
    assert not {"no-direct-contact", "no-help-after-purchase"} & {p[2] for p in places}
    assert all(name.endswith(".yml") for name, _line, _code in places)
    assert len(findings) <= 10  # a handful, not a wall


# --------------------------------------------------------------------------- grouping and output


def test_health_groups_and_journey_of(tmp_path: Path) -> None:
    hb = make(
        tmp_path,
        {
            "trip.yml": journey(SAD),
            "clean.yml": "kind: journey\nid: clean\npersona: daan\nphases: []\n",
            "zed.yml": "kind: persona\nid: zed\n",
        },
    )
    findings = lint(hb)
    groups = health(hb, findings)
    assert [(g.kind, g.id, len(g.diagnostics)) for g in groups] == [
        ("journey", "clean", 1),  # missing-phase (info): every phase left out
        ("journey", "trip", 3),
        ("persona", "zed", 1),
        ("touchpoint", "folder", 1),
        ("touchpoint", "mail", 1),
        ("touchpoint", "phone", 1),
        ("touchpoint", "store", 1),
        ("touchpoint", "webshop", 1),
    ]
    assert groups[1].count("warning") == 2 and groups[1].count("info") == 1
    assert {journey_of(d, hb) for d in groups[1].diagnostics} == {"trip"}
    # A diagnostic from another stage: the journey of the file it points at.
    other = Diagnostic(Location(tmp_path / "journeys" / "trip.yml", 3, 1), "x", findings[0].text)
    assert journey_of(other, hb) == "trip"
    assert journey_of(Diagnostic(None, "x", findings[0].text), hb) is None


def test_health_page_explains_each_rule_with_its_sources_rendered(tmp_path: Path) -> None:
    from journeybook.pipeline import generate

    make(tmp_path, {"trip.yml": journey(SAD)})  # missing-phase: a reason with two citation groups
    site = generate(tmp_path / "journeys").site
    assert site is not None
    page = next(p.content for p in site.pages if p.path.endswith("health/index.md"))
    rules = page.split("{#rules}", 1)[1]
    assert "&#64;" not in rules and "[@" not in rules  # every citation of every reason rendered
    for rule_id in ("no-direct-contact", "missing-phase"):
        assert f"{{#rule-{rule_id}}}" in rules
        for key in RULES[rule_id].source_keys:
            assert f'sources/#{key}"' in html.unescape(rules), key  # linked to its entry


def test_json_record_shape(tmp_path: Path) -> None:
    hb = make(tmp_path, {"trip.yml": journey(SAD)})
    first = lint(hb)[0]
    record = as_record(first, base=tmp_path, lang="nl")
    assert list(record) == ["file", "line", "column", "severity", "rule", "message"]
    assert record == {
        "file": "journeys/touchpoints.yml",
        "line": 3,
        "column": 9,
        "severity": "info",
        "rule": "unused-touchpoint",
        "message": first.message("nl"),
    }
    assert json.loads(json.dumps(record)) == record
