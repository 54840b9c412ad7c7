"""Cross-journey insight pages, framework extension, built-in guidance switch, translations, tags."""

from __future__ import annotations

import html

import textwrap
from pathlib import Path

import yaml

from journeybook import insights
from journeybook.handbook import build_handbook, check_translations
from journeybook.pages import SiteBuilder

HANDBOOK = {
    "people.yml": """\
        kind: persona
        id: ann
        name: Ann
        """,
    "catalog.yml": """\
        kind: touchpoints
        touchpoints:
          - {id: web, name: Website, channel: online}
          - {id: shop, name: Shop, channel: offline, direct: true}
          - {id: fax, name: Fax}
        """,
    "one.yml": """\
        kind: journey
        id: one
        title: First
        persona: ann
        tags: [retail, "<b>bold</b>"]
        phases:
          - phase: awareness
            steps:
              - action: Searches
                emotion: -2
                touchpoints: [{ref: web, sentiment: negative}]
                pain_points: [{text: "Slow site.", severity: medium}]
                opportunities: [{text: Faster site, owner: Web team, priority: high, status: doing}]
              - action: Visits the shop
                emotion: 1
                touchpoints: [{ref: shop, sentiment: positive}, {ref: web, sentiment: positive}]
          - phase: purchase
            steps:
              - action: Pays
                emotion: -1
                pain_points: [{text: "slow site", severity: high}, Long queue]
                opportunities: [{text: More tills, priority: low, status: idea}]
        """,
    "two.yml": """\
        kind: journey
        id: two
        title: Second
        persona: ann
        phases:
          - phase: consideration
            steps:
              - action: Compares
                emotion: 0
                touchpoints: [web]
                pain_points: [Slow site]
                opportunities: [{text: Compare table, owner: Content, priority: high, status: done}]
        """,
}


def make(tmp_path: Path, files: dict[str, str], **options):
    for rel, text in files.items():
        path = tmp_path / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return build_handbook(tmp_path / "journeys", **options)


def page(site, suffix: str) -> str:
    return next(p.content for p in site.pages if p.path.endswith(suffix))


def test_touchpoint_stats_count_uses_sentiment_and_journeys(tmp_path: Path) -> None:
    hb, diags = make(tmp_path, HANDBOOK)
    assert diags == []
    stats = insights.touchpoint_stats(hb)
    assert list(stats) == ["web", "shop", "fax"]  # catalog order
    assert len(stats["web"].uses) == 3 and [j.id for j in stats["web"].journeys] == ["one", "two"]
    assert stats["web"].average_sentiment == 0.0  # one negative, one positive, one not given
    assert stats["shop"].average_sentiment == 1.0 and stats["fax"].average_sentiment is None
    text = page(SiteBuilder(hb).build(), "touchpoints/index.md")
    assert "| [Website](index.md#tp-web) | primary | online | no |  | 3 | neutral (+0.00) | 2 |" in text
    assert "| [Fax](index.md#tp-fax) | primary | not set | no |  | 0 | not set | 0 |" in text


def test_pain_point_register_groups_the_same_text_and_ranks_by_severity(tmp_path: Path) -> None:
    hb, _ = make(tmp_path, HANDBOOK)
    register = insights.pain_point_register(hb, "en")
    assert [(g.text.get("en"), g.severity, len(g.journeys), len(g.occurrences)) for g in register] == [
        ("Slow site.", "high", 2, 3),  # "Slow site." / "slow site" / "Slow site" are one pain point
        ("Long queue", None, 1, 1),
    ]
    text = page(SiteBuilder(hb).build(), "pain-points/index.md")
    assert "| Slow site. | high | 2 | 3 |" in text
    assert "[Awareness](../journeys/one/awareness/index.md#step-1), Step 1" in text


def test_opportunity_backlog_by_priority_status_and_owner(tmp_path: Path) -> None:
    hb, _ = make(tmp_path, HANDBOOK)
    items = insights.opportunities(hb)
    groups = insights.by_priority_and_status(items)
    assert [(p, [s for s, _ in by]) for p, by in groups] == [("high", ["doing", "done"]), ("low", ["idea"])]
    assert [o for o, _ in insights.by_owner(items)] == ["Content", "Web team", None]
    text = page(SiteBuilder(hb).build(), "opportunities/index.md")
    assert "[Web team](#owner-web-team)" in text and "{#owner-web-team}" in text
    assert "[No owner yet](#owner-none)" in text
    # the backlog row names the pain points of the same step and links the step
    assert "| doing | Faster site | Web team | Slow site. | [First](../journeys/one/index.md) → " in text


def test_moments_of_truth_lowest_first_with_touchpoints(tmp_path: Path) -> None:
    hb, _ = make(tmp_path, HANDBOOK)
    assert [ref.step.action.get("en") for ref in insights.moments_of_truth(hb)] == ["Searches", "Pays"]
    text = page(SiteBuilder(hb).build(), "moments-of-truth/index.md")
    first = text.index("| ▼▼ −2 | Searches | [Website](../touchpoints/index.md#tp-web) (negative)")
    assert first < text.index("| ▼ −1 | Pays |")


def test_title_and_tags_become_front_matter_without_markup(tmp_path: Path) -> None:
    hb, _ = make(tmp_path, HANDBOOK)
    text = page(SiteBuilder(hb).build(), "journeys/one/index.md")
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"title": "First", "tags": ["retail", "bbold/b"]}
    assert yaml.safe_load(page(SiteBuilder(hb).build(), "journeys/two/index.md").split("---\n")[1]) == {"title": "Second"}


def test_sources_page_lists_own_sources_and_cited_builtins_only(tmp_path: Path) -> None:
    files = {
        **HANDBOOK,
        "sources.yml": "kind: sources\nsources:\n  - {id: mine2020, title: Mine, issued: 2020}\n",
        "two.yml": HANDBOOK["two.yml"].replace("title: Second", "title: Second\n        summary: See [@visser2015]."),
    }
    hb, diags = make(tmp_path, files)
    assert diags == []
    site = SiteBuilder(hb, lang="en").build()
    sources = page(site, "sources/index.md")
    assert '<p id="mine2020">' in sources and '<p id="visser2015">' in sources
    # built-in sources appear only when a page cites them (the built-in guidance may cite some)
    cited = "".join(p.content for p in site.pages if not p.path.endswith("sources/index.md"))
    for key in ["petersen2016", "montix", "osterwalder2014", "uxmastery2014"]:
        assert (f'<p id="{key}">' in sources) == (f'sources/#{key}"' in html.unescape(cited)), key


def test_extends_adds_to_a_builtin_phase_and_guidance_can_be_switched_off(tmp_path: Path) -> None:
    files = {
        **HANDBOOK,
        "method.yml": """\
            kind: framework
            id: five-phases
            extends: five-phases
            phases:
              - id: awareness
                checklist: ["Is our own question here?"]
            """,
    }
    hb, diags = make(tmp_path, files)
    assert diags == []
    awareness = hb.frameworks["five-phases"].phase("awareness")
    assert hb.frameworks["five-phases"].phase_ids() == ["awareness", "consideration", "purchase", "retention", "loyalty"]
    assert awareness.checklist[-1].get("en") == "Is our own question here?"
    assert awareness.name.get("nl") == "Bekendheid"  # kept from the built-in
    bare, _ = make(tmp_path / "bare", HANDBOOK, builtin_guidance=False)
    assert all(not p.checklist and not p.guidance and not p.summary for p in bare.frameworks["five-phases"].phases)
    assert bare.frameworks["five-phases"].phase("awareness").name.get("en") == "Awareness"


def test_extends_of_an_unknown_framework_is_an_error(tmp_path: Path) -> None:
    _, diags = make(tmp_path, {"m.yml": "kind: framework\nid: mine\nextends: five-phase\nphases:\n  - id: x\n"})
    assert [(d.code, d.location.line) for d in diags] == [("unknown-framework", 3)]
    assert "did you mean 'five-phases'" in diags[0].message()


def test_missing_translations_are_warnings(tmp_path: Path) -> None:
    files = {
        "p.yml": "kind: persona\nid: p\nname: {nl: Piet, en: Pete}\nrole: {nl: Boer}\nsummary: Plain text is fine.\n",
    }
    hb, diags = make(tmp_path, files)
    assert diags == []
    warnings = check_translations(hb)
    assert [(d.code, d.severity, d.location.line) for d in warnings] == [("missing-translation", "warning", 4)]
    assert warnings[0].message() == "no en text here; pages in en show the nl text instead"
    assert [d.location.line for d in check_translations(hb, "de")] == [3, 4, 4]
