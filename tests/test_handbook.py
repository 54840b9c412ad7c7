"""Model and cross references: defaults, shorthands, built-ins, overrides, exact places of problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journeybook.diagnostics import Diagnostic
from journeybook.handbook import BUILTIN_DIR, build_handbook
from journeybook.loader import load_file
from journeybook.model import LocalizedText, Opportunity, PainPoint, TouchpointUse, validate_document


def handbook(tmp_path: Path, files: dict[str, str], framework: str = "five-phases"):
    for rel, text in files.items():
        path = tmp_path / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return build_handbook(tmp_path / "journeys", framework)


def places(diags: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.location.path.name, d.location.line, d.location.column, d.code) for d in diags if d.location]


def test_builtin_frameworks_are_valid_and_bilingual() -> None:
    documents, problems = load_file(BUILTIN_DIR / "frameworks.yml")
    assert problems == []
    frameworks = {}
    for doc in documents:
        node, problems = validate_document(doc)
        assert problems == [] and node is not None
        frameworks[node.id] = node
    assert {k: v.phase_ids() for k, v in frameworks.items()} == {
        "four-phases": ["awareness", "consideration", "purchase", "loyalty"],
        "five-phases": ["awareness", "consideration", "purchase", "retention", "loyalty"],
        "orientation": ["orientation", "consideration", "purchase", "use", "loyalty"],
        "sales-funnel": ["awareness", "consideration", "action", "service", "loyalty"],
    }
    for framework in frameworks.values():
        for item in [framework, *framework.phases]:
            assert set(item.name.languages()) == {"en", "nl"}, item.id


def test_defaults_shorthands_and_ids_from_file_names(tmp_path: Path) -> None:
    hb, diags = handbook(
        tmp_path,
        {
            "Daan Persona.yml": "kind: persona\n",
            "t.yml": "kind: touchpoints\ntouchpoints:\n  - id: web\n",
            "trip.yml": """\
                kind: journey
                persona: daan-persona
                phases:
                  - phase: purchase
                    steps:
                      - action: Buys
                        touchpoints: [web]
                        pain_points: [Slow]
                        opportunities: [Make it fast]
                """,
        },
    )
    assert diags == []
    assert list(hb.personas) == ["daan-persona"] and list(hb.journeys) == ["trip"]
    journey = hb.journeys["trip"]
    assert journey.persona == ["daan-persona"]
    assert hb.framework_of(journey).id == "five-phases"
    step = journey.phases[0].steps[0]
    assert [u.model_dump() for u in step.touchpoints] == [TouchpointUse(ref="web").model_dump()]
    assert [p.model_dump() for p in step.pain_points] == [PainPoint(text=LocalizedText("Slow")).model_dump()]
    assert step.opportunities[0].model_dump() == Opportunity(text=LocalizedText("Make it fast")).model_dump()
    assert step.opportunities[0].status == "idea"
    assert hb.touchpoints["web"].type == "primary" and hb.touchpoints["web"].direct is False
    # the shorthand remembers where the string was written
    assert step.touchpoints[0].loc("ref").line == 7


def test_text_picks_the_language_and_falls_back_to_the_first() -> None:
    text = LocalizedText({"nl": "Hallo", "en": "Hello"})
    assert text.get("en") == "Hello" and text.get("nl") == "Hallo" and text.get("de") == "Hallo"


def test_a_handbook_framework_overrides_a_builtin_one(tmp_path: Path) -> None:
    hb, diags = handbook(
        tmp_path,
        {
            "f.yml": "kind: framework\nid: five-phases\nphases:\n  - id: one\n  - id: two\n",
            "j.yml": "kind: journey\nphases:\n  - phase: two\n",
        },
    )
    assert diags == []
    assert hb.framework_of(hb.journeys["j"]).phase_ids() == ["one", "two"]


def test_unknown_default_framework_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    _, diags = handbook(tmp_path, {"p.yml": "kind: persona\n"}, framework="five-phase")
    assert [d.code for d in diags] == ["unknown-framework"]
    assert "did you mean 'five-phases'" in diags[0].message()


def test_citation_problems_point_at_the_citation_itself(tmp_path: Path) -> None:
    _, diags = handbook(
        tmp_path,
        {
            "a.yml": """\
                kind: sources
                sources:
                  - {id: visser2015, title: B}
                ---
                kind: persona
                id: p
                summary: >
                  Some text here
                  and then [@vissr2015, p. 3] there.
                quote: "x [@a] y [@a]"
                goals:
                  - |
                    line one
                    line [@zz]
                name: {nl: "Naam [@nn]", en: Name}
                """
        },
    )
    assert places(diags) == [
        ("a.yml", 9, 13, "unknown-citation"),
        ("a.yml", 10, 12, "unknown-citation"),
        ("a.yml", 10, 19, "unknown-citation"),
        ("a.yml", 14, 11, "unknown-citation"),
        ("a.yml", 15, 19, "unknown-citation"),
    ]
    assert "did you mean 'visser2015'" in diags[0].message()


def test_one_broken_document_does_not_cascade_into_its_users(tmp_path: Path) -> None:
    _, diags = handbook(
        tmp_path,
        {
            "p.yml": "kind: persona\nid: daan\nurgency: hihg\n",  # invalid, but its id is known
            "t.yml": "kind: touchpoints\ntouchpoints:\n  - id: web\n    type: primray\n",
            "s.yml": 'kind: sources\nsources:\n  - id: visser2015\n    titel: "x"\n',
            "j.yml": "kind: journey\npersona: daan\nsummary: See [@visser2015].\nphases:\n"
            "  - phase: purchase\n    steps:\n      - action: x\n        touchpoints: [web]\n",
        },
    )
    assert sorted(d.code for d in diags) == ["bad-choice", "bad-choice", "unknown-key"]


def test_an_unreadable_file_does_not_cascade_either(tmp_path: Path) -> None:
    _, diags = handbook(
        tmp_path,
        {
            "p.yml": "kind: persona\nid: daan\n\tname: x\n",  # a tab: the file cannot be read
            "t.yml": 'kind: touchpoints\ntouchpoints:\n  - id: web\n    name: "unclosed\n',
            "j.yml": "kind: journey\npersona: daan\nphases:\n  - phase: purchase\n    steps:\n"
            "      - action: x\n        touchpoints: [web, webb]\n",
        },
    )
    assert places(diags) == [
        ("j.yml", 7, 28, "unknown-touchpoint"),
        ("p.yml", 3, 1, "yaml-tab"),
        ("t.yml", 4, 11, "yaml-syntax"),
    ]
    assert "did you mean 'web'" in diags[0].message()


@pytest.mark.parametrize("lang, expected", [("en", "unknown persona 'dann'"), ("nl", "onbekende persona 'dann'")])
def test_messages_exist_in_english_and_dutch(tmp_path: Path, lang: str, expected: str) -> None:
    _, diags = handbook(tmp_path, {"p.yml": "kind: persona\nid: daan\n", "j.yml": "kind: journey\npersona: dann\n"})
    assert diags[0].message(lang).startswith(expected)


def test_builtin_guidance_cites_known_sources_in_both_languages() -> None:
    from journeybook.citations import cited_keys
    from journeybook.markup import plain
    from journeybook.model import iter_texts

    hb, diags = build_handbook(Path(__file__).parent / "fixtures" / "format-handbook" / "journeys")
    assert diags == []
    builtin = [f for f in hb.frameworks.values() if f.doc is not None and f.doc.path.parent == BUILTIN_DIR]
    assert len(builtin) == 4
    for framework in builtin:
        for phase in framework.phases:
            assert phase.summary and phase.checklist and phase.guidance, (framework.id, phase.id)
            for item in phase.checklist:
                assert plain(item.get("en")).endswith("?") and plain(item.get("nl")).endswith("?"), item
            for item in phase.guidance:
                keys = {lang: {k for k, _ in cited_keys(item.get(lang))} for lang in ("en", "nl")}
                assert keys["en"] and keys["en"] == keys["nl"], (framework.id, phase.id, item)
        for _owner, _path, text in iter_texts(framework):
            assert set(text.languages()) == {"en", "nl"}
            for variant in text.all():
                assert all(key in hb.sources for key, _ in cited_keys(variant)), variant
