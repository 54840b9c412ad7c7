"""Issue 8, every mistake at once: independent mistakes are all reported in one run, sorted, without cascades.

A document with schema errors still takes part in the cross references (personas, touchpoints,
phases, frameworks, citations) with what is valid in it. Each case below starts from the valid
handbook ``BASE`` and makes several mistakes, each on one line (so no mistake moves another).
Independence is checked literally: every mistake alone gives exactly its own error, and all of a
case's mistakes together give exactly the union of those errors, sorted by file, line and column.
Lines and columns count from 1; the tables next to the base files make the places checkable.
"""

from __future__ import annotations

import logging
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from conftest import build, write_project
from journeybook.cli import main
from journeybook.handbook import build_handbook
from journeybook.loader import load_text
from journeybook.model import NO_ID, Journey, validate_document

P = "personas/daan.yml"
T = "touchpoints.yml"
S = "sources.yml"
F = "frameworks/three.yml"
J = "journeys/new-boots.yml"
Q = "journeys/quick.yml"

BASE = {
    P: """\
        kind: persona
        id: daan
        name: Daan
        summary: Plays twice a week [@visser2015].
        urgency: high
        channels: [webshop, store]
        """,
    # 2 id value col 5 | 3 name key col 1 | 4 text col 10, "Plays twice a week [" is 20: '@' col 30
    # 5 urgency value col 10 | 6 "channels: [": webshop col 12, store col 21
    T: """\
        kind: touchpoints
        touchpoints:
          - id: webshop
            name: Webshop
            channel: online
            description: Open day and night [@visser2015].
          - id: store
            name: Store
            channel: offline
            direct: true
          - id: search-engine
            name: Search engine
            type: supporting
        """,
    # 5 channel value col 14 | 6 text col 18, "Open day and night [" is 20: '@' col 38
    # 7 "  - id: " store col 9 | 10 direct value col 13 | 13 type key col 5
    S: """\
        kind: sources
        sources:
          - id: visser2015
            type: book
            author: [{family: Visser, given: M.}]
            issued: 2015
            title: Basisboek online marketing
        """,
    # 4 type value col 11 | 5 "    author: [{": family key col 15 | 7 title value col 12
    F: """\
        kind: framework
        id: three
        name: Three steps
        phases:
          - id: look
            guidance:
              - Ask around [@visser2015].
          - id: buy
          - id: use
        """,
    # 3 name value col 7 | 7 item col 9, "Ask around [" is 12: '@' col 21 | 9 "  - id: " use col 9
    J: """\
        kind: journey
        id: new-boots
        persona: daan
        summary: Daan needs boots [@visser2015].
        phases:
          - phase: awareness
            steps:
              - action: Notices the sole is loose
                emotion: -1
                touchpoints: [search-engine]
              - action: Searches for boots
                touchpoints: [webshop]
                pain_points:
                  - text: Delivery time unclear [@visser2015]
                    severity: high
                opportunities:
                  - text: Show stock per store [@visser2015]
                    priority: high
                    status: idea
          - phase: purchase
            steps:
              - action: Buys boots in the store
                emotion: 2
                touchpoints: [store]
        """,
    # line col  what
    #  2    5   id value                 |  3   10   persona value
    #  4   28   '@' (text col 10, "Daan needs boots [" is 18)
    #  6/20 12  phase value              |  9/23 18  emotion value
    # 10/12/24 23 first id in "        touchpoints: ["
    # 11    9   second step ("      - ") |  14   13  pain point's text key ("          - ")
    # 14   42   '@' (text col 19, "Delivery time unclear [" is 23)
    # 15   23   severity value           |  17   41  '@' (text col 19, "Show stock per store [" is 22)
    # 18   23   priority value           |  19   21  status value
    Q: """\
        kind: journey
        id: quick
        persona: daan
        framework: three
        phases:
          - phase: look
            steps:
              - action: Looks around
                touchpoints: [webshop]
          - phase: buy
            steps:
              - action: Buys
                touchpoints: [store]
        """,
    # 4 framework value col 12 | 6/10 phase value col 12 | 13 store col 23
}


@dataclass(frozen=True)
class Mistake:
    file: str
    old: str  # replaced by ``new`` once, on one line
    new: str
    line: int
    column: int
    code: str
    message: str  # the whole English message


Found = tuple[str, int, int, str, str]  # (path below journeys/, line, column, code, message)


# Mistakes of three kinds recur in many cases; each of these gives the one exact message of its kind.
def bad_id(file: str, old: str, new: str, line: int, column: int) -> Mistake:
    """``key: good-id`` becomes ``key: Not An Id``; the message proposes the id it was."""
    value, example = new.split(": ", 1)[1], old.split(": ", 1)[1]
    message = f"'{value}' is not a valid id: use lowercase letters, digits and hyphens (e.g. '{example}')"
    return Mistake(file, old, new, line, column, "bad-id", message)


def unknown_touchpoint(file: str, ref: str, typo: str, line: int, column: int) -> Mistake:
    """The reference to touchpoint ``ref`` (the last in its list) misspelled as ``typo``."""
    message = f"unknown touchpoint '{typo}' (did you mean '{ref}'?)"
    return Mistake(file, f"{ref}]", f"{typo}]", line, column, "unknown-touchpoint", message)


def visser2051(file: str, before: str, line: int, column: int) -> Mistake:
    """The citation after the word ``before`` gets the year wrong: a source that is not there."""
    message = "unknown source 'visser2051' in citation (did you mean 'visser2015'?)"
    return Mistake(file, f"{before} [@visser2015]", f"{before} [@visser2051]", line, column, "unknown-citation", message)


# The five mistakes of the issue, in one journey: the emotion and the touchpoint are in the same step.
FIVE = [
    Mistake(J, "persona: daan", "persona: daaan", 3, 10, "unknown-persona", "unknown persona 'daaan' (did you mean 'daan'?)"),
    Mistake(J, "boots [@visser2015]", "boots [@nope]", 4, 28, "unknown-citation",
            "unknown source 'nope' in citation; add it to a 'kind: sources' file"),
    Mistake(J, "emotion: -1", "emotion: 3", 9, 18, "bad-emotion", "emotion must be a whole number from -2 to +2, got 3"),
    unknown_touchpoint(J, "search-engine", "search-engin", 10, 23),
    Mistake(J, "- action: Searches", "- acton: Searches", 11, 9, "unknown-key", "unknown key 'acton' (did you mean 'action'?)"),
]  # fmt: skip
FIVE_DUTCH = [
    "onbekende persona 'daaan' (bedoelde je 'daan'?)",
    "onbekende bron 'nope' in citaat; voeg hem toe aan een bestand met 'kind: sources'",
    "emotion moet een heel getal van -2 tot +2 zijn, niet 3",
    "onbekende touchpoint 'search-engin' (bedoelde je 'search-engine'?)",
    "onbekende sleutel 'acton' (bedoelde je 'action'?)",
]

CASES: dict[str, list[Mistake]] = {
    "the-five-of-the-issue": FIVE,
    # a journey whose own id is broken is still checked, and nothing refers to it
    "journey-id-broken": [
        bad_id(J, "id: new-boots", "id: New Boots", 2, 5),
        *FIVE,
    ],
    # a persona with a broken id still has its channels and citations checked; the journeys that
    # refer to it as 'daan' (what its error message proposes) get no follow-up error
    "persona": [
        bad_id(P, "id: daan", "id: Daan", 2, 5),
        Mistake(P, "name: Daan", "nmae: Daan", 3, 1, "unknown-key", "unknown key 'nmae' (did you mean 'name'?)"),
        visser2051(P, "week", 4, 30),
        Mistake(P, "urgency: high", "urgency: hihg", 5, 10, "bad-choice",
                "'hihg' is not allowed for 'urgency' (did you mean 'high'?)"),
        unknown_touchpoint(P, "store", "stor", 6, 21),
    ],
    # a catalog with errors still defines its touchpoints: references to them (even to one with a
    # broken id) are not reported, a real typo in a journey is
    "touchpoints-file": [
        Mistake(T, "channel: online", "channel: onlin", 5, 14, "bad-choice",
                "'onlin' is not allowed for 'channel' (did you mean 'online'?)"),
        visser2051(T, "night", 6, 38),
        bad_id(T, "- id: store", "- id: Store", 7, 9),
        Mistake(T, "direct: true", "direct: maybe", 10, 13, "bad-type", "expected true or false, got 'maybe'"),
        Mistake(T, "type: supporting", "typ: supporting", 13, 5, "unknown-key", "unknown key 'typ' (did you mean 'type'?)"),
        unknown_touchpoint(J, "webshop", "webshp", 12, 23),
    ],
    # a phase with a broken id keeps its steps; a broken framework id does not make every phase unknown
    "phases": [
        bad_id(J, "- phase: awareness", "- phase: Awareness", 6, 12),
        unknown_touchpoint(J, "search-engine", "search-engin", 10, 23),
        Mistake(J, "- phase: purchase", "- phase: purchse", 20, 12, "unknown-phase",
                "phase 'purchse' is not part of framework 'five-phases' (did you mean 'purchase'?)"),
        bad_id(Q, "framework: three", "framework: Three", 4, 12),
        unknown_touchpoint(Q, "store", "stor", 13, 23),
    ],
    # a framework with errors still gives its phases to the journeys that use it
    "framework": [
        Mistake(F, "name: Three steps", "name: [Three, steps]", 3, 7, "bad-text",
                "expected text or a map of languages to text ({nl: ..., en: ...}), got a list"),
        visser2051(F, "around", 7, 21),
        Mistake(F, "- id: use", "- id: look", 9, 9, "duplicate-id",
                "phase id 'look' appears twice in this framework; each phase needs its own id"),
        Mistake(Q, "- phase: buy", "- phase: bye", 10, 12, "unknown-phase",
                "phase 'bye' is not part of framework 'three' (did you mean 'buy'?)"),
    ],
    # a step without its action, or with a bad emotion, still has everything in it checked
    "nested-steps": [
        Mistake(J, "- action: Searches for boots", "- thinking: Searches for boots", 11, 9, "missing-key",
                "missing required key 'action'"),
        unknown_touchpoint(J, "webshop", "webshp", 12, 23),
        visser2051(J, "unclear", 14, 42),
        Mistake(J, "severity: high", "severity: hihg", 15, 23, "bad-choice",
                "'hihg' is not allowed for 'severity' (did you mean 'high'?)"),
        Mistake(J, "emotion: 2", "emotion: -5", 23, 18, "bad-emotion", "emotion must be a whole number from -2 to +2, got -5"),
        unknown_touchpoint(J, "store", "stor", 24, 23),
    ],
    # a misspelled required key is one error (not also "missing"), and its object stays checked
    "opportunities": [
        Mistake(J, "- text: Delivery", "- txt: Delivery", 14, 13, "unknown-key", "unknown key 'txt' (did you mean 'text'?)"),
        visser2051(J, "store", 17, 41),
        Mistake(J, "priority: high", "priority: urgent", 18, 23, "bad-choice",
                "'urgent' is not allowed for 'priority'; expected one of: high, low, medium"),
        Mistake(J, "status: idea", "status: idee", 19, 21, "bad-choice", "'idee' is not allowed for 'status' (did you mean 'idea'?)"),
    ],
    # a source with errors is still defined: the texts that cite it get no follow-up error; a
    # value that fits no branch of a CSL field is one error, a misspelled name part too
    "sources": [
        Mistake(S, "type: book", "type: boek", 4, 11, "bad-choice", "'boek' is not allowed for 'type' (did you mean 'book'?)"),
        Mistake(S, "{family: Visser", "{famly: Visser", 5, 15, "unknown-key", "unknown key 'famly' (did you mean 'family'?)"),
        Mistake(S, "title: Basisboek online marketing", "title: [Basisboek, online marketing]", 7, 12, "bad-type",
                "expected text, got a list"),
        visser2051(J, "boots", 4, 28),
    ],
    # values the ids of others depend on: a wholly unusable id, an unknown kind, a value the YAML
    # reader could not read (one error, from the reader), a mapping where a word is expected
    "odd-values": [
        Mistake(P, "id: daan", "id: 3", 2, 5, "bad-id", "expected an id (text), got a number"),  # 'daan' from the file name
        Mistake(P, "urgency: high", "urgency: {x: 1}", 5, 10, "bad-choice",
                "{x: 1} is not allowed for 'urgency'; expected one of: high, low, medium"),
        Mistake(T, "kind: touchpoints", "kind: touchpoint", 1, 7, "unknown-kind",
                "unknown kind 'touchpoint' (did you mean 'touchpoints'?)"),
        Mistake(F, "- id: look", "- id: 3", 5, 9, "bad-id", "expected an id (text), got a number"),  # quick's 'look'?
        Mistake(J, "emotion: -1", "emotion: !!int two", 9, 18, "yaml-value",
                "'two' cannot be read as a whole number; if it is meant as text, put it in quotes"),
    ],
}  # fmt: skip


def apply(mistakes: list[Mistake]) -> dict[str, str]:
    """The base files with ``mistakes`` made, each exactly once and on one line."""
    files = {rel: textwrap.dedent(text) for rel, text in BASE.items()}
    for m in mistakes:
        assert files[m.file].count(m.old) == 1, f"{m.old!r} is not unique in {m.file}"
        assert "\n" not in m.old + m.new
        files[m.file] = files[m.file].replace(m.old, m.new)
    return files


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "journeys"


def problems(root: Path, mistakes: list[Mistake]) -> list[Found]:
    """Everything ``build_handbook`` reports for the base with ``mistakes``, in its order."""
    source = write(root, apply(mistakes))
    _, diags = build_handbook(source)
    assert all(d.location is not None for d in diags)
    return [
        (d.location.path.relative_to(source).as_posix(), d.location.line, d.location.column, d.code, d.message())
        for d in diags
    ]  # fmt: skip


def expected(mistakes: list[Mistake]) -> list[Found]:
    return sorted((m.file, m.line, m.column, m.code, m.message) for m in mistakes)


def test_base_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path, []) == []


ALONE = [  # the five again in "journey-id-broken" only once
    pytest.param(m, id=f"{case}-{i}")
    for case, ms in CASES.items()
    for i, m in enumerate(ms)
    if case != "journey-id-broken" or m not in FIVE
]


@pytest.mark.parametrize("mistake", ALONE)
def test_each_mistake_alone_gives_exactly_its_own_error(mistake: Mistake, tmp_path: Path) -> None:
    assert problems(tmp_path, [mistake]) == expected([mistake])


@pytest.mark.parametrize("case", list(CASES))
def test_all_mistakes_of_a_case_at_once_sorted_by_line(case: str, tmp_path: Path) -> None:
    """The union of the errors of each mistake alone: nothing lost, nothing added, sorted."""
    assert problems(tmp_path, CASES[case]) == expected(CASES[case])


def test_every_case_at_once(tmp_path: Path) -> None:
    """All cases whose mistakes do not overlap, together in one handbook: still one error each."""
    together = [m for case in ("persona", "touchpoints-file", "framework", "opportunities", "sources") for m in CASES[case]]
    assert problems(tmp_path, together) == expected(together)


# --- the two ways a user runs it ------------------------------------------------------------------

LOCATED = re.compile(r"^journeys/\S+:\d+:\d+: ")


def located(output: str) -> list[str]:
    return [line for line in output.splitlines() if LOCATED.match(line)]


def lines(mistakes: list[Mistake], messages: list[str], severity: str) -> list[str]:
    return [f"journeys/{m.file}:{m.line}:{m.column}: {severity}{text}" for m, text in zip(mistakes, messages)]


@pytest.mark.parametrize(
    ("lang", "messages", "severity", "summary"),
    [
        ("en", [m.message for m in FIVE], "error: ", "5 errors, 0 warnings in journeys"),
        ("nl", FIVE_DUTCH, "fout: ", "5 fouten, 0 waarschuwingen in journeys"),
    ],
)
def test_five_mistakes_in_one_run_of_validate(
    lang: str, messages: list[str], severity: str, summary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, apply(FIVE))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "journeys", "--lang", lang])
    assert result.exit_code == 1, result.output
    assert located(result.output) == lines(FIVE, messages, severity)
    assert summary in result.output


@pytest.mark.parametrize(("lang", "messages"), [("en", [m.message for m in FIVE]), ("nl", FIVE_DUTCH)])
def test_five_mistakes_in_one_mkdocs_build(
    lang: str, messages: list[str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mkdocs_yml = f"site_name: t\ntheme:\n  name: material\n  language: {lang}\nplugins:\n  - search\n  - journeybook\n"
    project = write_project(tmp_path / "project", apply(FIVE), mkdocs_yml)
    caplog.set_level(logging.ERROR, logger="mkdocs")
    with pytest.raises(Abort):
        build(project)
    log = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "Traceback" not in log
    assert located(log) == lines(FIVE, messages, "")
    assert not (project / "site" / "playbook").exists()


# --- the parts: editing a document, reading one leniently -------------------------------------------

STEPS = """\
kind: journey
phases:
  - phase: awareness
    steps:
      - Looks
      - action: Buys
        touchpoints: [[a], stor]
"""


def test_edited_document_keeps_the_places_of_what_is_kept() -> None:
    (doc,), _ = load_text(STEPS, Path("j.yml"))
    steps = ("phases", 0, "steps")
    edited = doc.edited([steps + (0,), steps + (1, "touchpoints", 0)], {steps + (1, "emotion"): 1})
    assert edited.data["phases"][0]["steps"] == [{"action": "Buys", "touchpoints": ["stor"], "emotion": 1}]
    assert doc.data["phases"][0]["steps"][0] == "Looks"  # the original is left as it was
    assert edited.locate(steps + (0, "action")) == doc.locate(steps + (1, "action"))
    # 'stor' moved up from index 1: "        touchpoints: [" is 22 characters, "[a], " 5
    assert edited.locate(steps + (0, "touchpoints", 0)).column == 28
    assert edited.locate(steps + (0, "touchpoints", 0)) == doc.locate(steps + (1, "touchpoints", 1))
    assert edited.edits == {steps, steps + (0,), steps + (0, "touchpoints")}


def test_a_document_with_errors_gives_its_valid_rest_only_when_read_leniently() -> None:
    text = textwrap.dedent(BASE[J])
    for old, new in [("id: new-boots", "id: New Boots"), ("emotion: -1", "emotion: 3"), ("- action: Searches", "- acton: Searches")]:
        text = text.replace(old, new)
    (doc,), _ = load_text(text, Path("new-boots.yml"))
    strict, strict_problems = validate_document(doc)
    journey, problems = validate_document(doc, lenient=True)
    assert strict is None
    assert [p.code for p in problems] == [p.code for p in strict_problems] == ["bad-id", "bad-emotion", "unknown-key"]
    assert isinstance(journey, Journey)
    assert journey.id is NO_ID  # neither defined nor looked up
    first, second = journey.phases[0].steps
    assert first.emotion is None and [t.ref for t in first.touchpoints] == ["search-engine"]
    assert second.action.get("en") == "" and [t.ref for t in second.touchpoints] == ["webshop"]
    assert second.loc("touchpoints", 0) == doc.locate(("phases", 0, "steps", 1, "touchpoints", 0))


def test_a_document_that_cannot_exist_without_what_is_invalid_gives_nothing() -> None:
    (doc,), _ = load_text("kind: framework\nid: three\nphases: look\n", Path("three.yml"))
    node, problems = validate_document(doc, lenient=True)
    assert node is None
    assert [(p.location.line, p.location.column, p.code) for p in problems] == [(3, 9, "bad-type")]
