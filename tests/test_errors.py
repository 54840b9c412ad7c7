"""Broken input: every kind of mistake is reported at the right ``file:line:column``, all at once.

Acceptance criterion: thirty different kinds of broken input (syntax, tabs, unknown
kinds/keys/ids/enums, out-of-range emotion, duplicates, bad slugs, unknown citations,
bombs, tags, encodings) are each reported at the right file:line with a clear message,
without a traceback, in ``journeybook validate`` and in ``mkdocs build``.

Every case starts from the small valid handbook ``BASE`` and breaks one thing. The
expected places were worked out by reading the YAML text of the case (lines and columns
count from 1; the place is where the offending value starts, the key for unknown and
duplicate keys, the '@' of an unknown citation key). The line tables next to the base files
below are there to make that reasoning checkable. Cases marked xfail expose a known bug,
described in their reason.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeybook.cli import main
from journeybook.handbook import build_handbook

# --- the valid base handbook ------------------------------------------------------------------

P = "personas/daan.yml"
E = "personas/eva.yml"  # a persona no journey refers to: breaking it cannot hide anything else
T = "touchpoints.yml"
T2 = "more-touchpoints.yml"  # a second catalog, with touchpoints nothing refers to
S = "sources.yml"
S2 = "more-sources.yml"  # a second bibliography, nothing cites it
J = "journeys/new-boots.yml"
X = "extra.yml"

PERSONA = """\
kind: persona
id: daan
name: Daan
role: Amateur footballer, 24
summary: Plays twice a week [@visser2015].
urgency: high
channels: [webshop, store]
"""
# 2 id: value col 5 | 5 summary: value col 10 | 6 urgency: value col 10
# 7 "channels: [webshop, store]": '[' col 11, webshop col 12, store col 21

EVA = """\
kind: persona
id: eva
name: Eva
role: Runner
urgency: low
"""
# 2 id: value col 5 | 3 name: value col 7 | 4 role: value col 7 | 5 urgency: value col 10

TOUCHPOINTS = """\
kind: touchpoints
touchpoints:
  - id: webshop
    name: Webshop
    type: primary
    channel: online
    direct: false
  - id: store
    name: Store
    type: primary
    channel: offline
    direct: true
  - id: search-engine
    name: Search engine
    type: supporting
    channel: online
"""
# 3/8/13 "  - id: ...": id value col 9 | 6 channel: value col 14

MORE_TOUCHPOINTS = """\
kind: touchpoints
touchpoints:
  - id: leaflet
    name: Leaflet
    type: supporting
    channel: offline
    direct: false
"""
# 3 id value col 9 | 5 type: value col 11 | 6 channel: key col 5, value col 14 | 7 direct: value col 13

SOURCES = """\
kind: sources
sources:
  - id: visser2015
    type: book
    author: [{family: Visser, given: M.}]
    issued: 2015
    title: Basisboek online marketing
    publisher: Noordhoff Uitgevers
"""
# 7 "    title: ...": key col 5

MORE_SOURCES = """\
kind: sources
sources:
  - id: kotler2016
    type: book
    author: [{family: Kotler, given: P.}]
    issued: 2016
    title: Marketing management
"""
# 4 type: value col 11 | 7 title: key col 5

JOURNEY = """\
kind: journey
id: new-boots
title: New football boots before Saturday
persona: daan
framework: five-phases
summary: Daan needs new boots [@visser2015].
phases:
  - phase: awareness
    goal: Notice the problem
    steps:
      - action: Notices the sole is coming loose
        emotion: -1
        touchpoints:
          - search-engine
          - ref: webshop
            sentiment: negative
        pain_points:
          - text: Delivery time unclear
            severity: high
        opportunities:
          - text: Show stock per store
            priority: high
            status: idea
  - phase: purchase
    steps:
      - action: Buys boots in the store
        emotion: 2
        touchpoints: [store]
    guidance:
      - Make it easy [@visser2015].
"""
# line  col   what
#  1     7    kind value
#  2     5    id value
#  4    10    persona value
#  5    12    framework value
#  6    10    summary value
#  8/24 12    phase value ("  - phase: ")
#  9     5    goal key
# 11     9    first step mapping ("      - "), action value col 17
# 12     9/18 emotion key / value
# 14    13    "          - search-engine"
# 15    18    ref value ("          - ref: ")
# 16    24    sentiment value ("            sentiment: ")
# 19    23    severity value
# 22    23    priority value
# 23    21    status value
# 27    18    emotion value
# 28    23    store inside "        touchpoints: [store]"
# 30     9    guidance item ("      - ")

BASE: dict[str, str] = {P: PERSONA, E: EVA, T: TOUCHPOINTS, T2: MORE_TOUCHPOINTS, S: SOURCES, S2: MORE_SOURCES, J: JOURNEY}


def sub(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced (so every case breaks exactly one thing)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# The classic "billion laughs": 9 levels of 9 aliases each.
BOMB = "".join(
    f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9 if prev else ['"lol"'] * 9) + "]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi")
)
# Values built, counting the root mapping, each key and each list/scalar (limit 200 000):
# after a..e (5 keys + 10 + 91 + 820 + 7381 + 66430) 74738; key f, list f: 74740; the first
# *e of line 6 brings 141170; the second one (line 6, "f: &f [*e,*e" -> column 11) passes the limit.

DEEP = "kind: persona\nid: deep\nsummary: " + "[" * 5000 + "]" * 5000 + "\n"
# The document is level 1 and its values level 2, so the 100th '[' (line 3, column 10 + 99 = 109)
# is the first value deeper than the 100 levels allowed.


# --- the cases --------------------------------------------------------------------------------

Expected = tuple[str, int, int, str, str]  # (path below journeys/, line, column, code, message fragment)


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]  # replaces or adds files of BASE
    expected: list[Expected]
    xfail: dict[str, str] = field(default_factory=dict)  # runner ("cli", "mkdocs", "exact") -> reason


CASES = [
    # -- YAML syntax and reading ----------------------------------------------------------------
    Case("syntax-colon-in-text", {E: sub(EVA, "role: Runner", "role: Runner: marathon")},
         [(E, 4, 13, "yaml-syntax", "unexpected ': ' here")]),  # "role: Runner" is 12 characters
    Case("tab-indentation", {J: sub(JOURNEY, "    goal: Notice", "\tgoal: Notice")},
         [(J, 9, 1, "yaml-tab", "tab character used for indentation")]),
    Case("unclosed-quote", {E: sub(EVA, "role: Runner", 'role: "Runner')},
         [(E, 4, 7, "yaml-syntax", "the quote '\"' that starts here is not closed")]),
    Case("duplicate-key", {E: EVA + "name: Evi\n"},
         [(E, 6, 1, "yaml-duplicate-key", "duplicate key 'name' (first at line 3)")]),
    Case("python-tag", {J: sub(JOURNEY, "summary: Daan needs new boots [@visser2015].",
                               'summary: !!python/object/apply:os.system ["echo pwned"]')},
         [(J, 6, 10, "yaml-tag", "tags such as '!!python/object/apply:os.system' are not allowed")]),
    Case("custom-tag", {J: sub(JOURNEY, "summary: Daan", "summary: !include Daan")},
         [(J, 6, 10, "yaml-tag", "tags such as '!include' are not allowed")]),
    Case("billion-laughs", {X: BOMB},
         [(X, 6, 11, "yaml-bomb", "expands to more than 200000 values (anchor/alias bomb?)")]),
    Case("deep-nesting", {X: DEEP},
         [(X, 3, 109, "yaml-too-deep", "nested more than 100 levels deep")]),
    Case("latin-1-file", {E: sub(EVA, "name: Eva", "name: \u00c9va").encode("latin-1")},
         [(E, 3, 7, "yaml-encoding", "not saved as UTF-8: byte 0xC9")]),
    Case("nul-byte", {E: sub(EVA, "name: Eva", "name: Ev\x00a")},
         [(E, 3, 9, "yaml-encoding", "control character U+0000")]),
    Case("document-is-a-list", {X: "- kind: persona\n  id: zoe\n"},
         [(X, 1, 1, "not-a-mapping", "each document must be a mapping with `kind:`")]),
    # -- kinds and keys --------------------------------------------------------------------------
    Case("missing-kind", {X: "id: zoe\nname: Zoe\n"},
         [(X, 1, 1, "missing-kind", "missing 'kind:'")]),
    Case("unknown-kind-near-miss", {J: sub(JOURNEY, "kind: journey", "kind: jounrey")},
         [(J, 1, 7, "unknown-kind", "unknown kind 'jounrey' (did you mean 'journey'?)")]),
    Case("unknown-kind-far-off", {X: "kind: banana\nid: zoe\n"},
         [(X, 1, 7, "unknown-kind", "expected one of: framework, journey, metrics, persona, research, sources, touchpoints")]),
    Case("unknown-top-level-key", {J: sub(JOURNEY, "summary:", "sumary:")},
         [(J, 6, 1, "unknown-key", "unknown key 'sumary' (did you mean 'summary'?)")]),
    Case("unknown-key-in-step", {J: sub(JOURNEY, "emotion: -1", "emotions: -1")},
         [(J, 12, 9, "unknown-key", "unknown key 'emotions' (did you mean 'emotion'?)")]),
    Case("unknown-key-in-touchpoint", {T2: sub(MORE_TOUCHPOINTS, "channel:", "chanel:")},
         [(T2, 6, 5, "unknown-key", "unknown key 'chanel' (did you mean 'channel'?)")]),
    Case("missing-required-action", {J: sub(JOURNEY, "- action: Notices the sole is coming loose\n        emotion", "- emotion")},
         [(J, 11, 9, "missing-key", "missing required key 'action'")]),
    # -- enums -----------------------------------------------------------------------------------
    Case("urgency-typo", {E: sub(EVA, "urgency: low", "urgency: hihg")},
         [(E, 5, 10, "bad-choice", "'hihg' is not allowed for 'urgency' (did you mean 'high'?)")]),
    Case("sentiment-typo", {J: sub(JOURNEY, "sentiment: negative", "sentiment: negativ")},
         [(J, 16, 24, "bad-choice", "'negativ' is not allowed for 'sentiment' (did you mean 'negative'?)")]),
    Case("severity-unknown", {J: sub(JOURNEY, "severity: high", "severity: critical")},
         [(J, 19, 23, "bad-choice", "'critical' is not allowed for 'severity'; expected one of: high, low, medium")]),
    Case("priority-typo", {J: sub(JOURNEY, "priority: high", "priority: hi")},
         [(J, 22, 23, "bad-choice", "'hi' is not allowed for 'priority' (did you mean 'high'?)")]),
    Case("status-typo", {J: sub(JOURNEY, "status: idea", "status: planed")},
         [(J, 23, 21, "bad-choice", "'planed' is not allowed for 'status' (did you mean 'planned'?)")]),
    Case("touchpoint-type", {T2: sub(MORE_TOUCHPOINTS, "type: supporting", "type: suporting")},
         [(T2, 5, 11, "bad-choice", "'suporting' is not allowed for 'type' (did you mean 'supporting'?)")]),
    Case("touchpoint-channel", {T2: sub(MORE_TOUCHPOINTS, "channel: offline", "channel: ofline")},
         [(T2, 6, 14, "bad-choice", "'ofline' is not allowed for 'channel' (did you mean 'offline'?)")]),
    Case("source-type", {S2: sub(MORE_SOURCES, "type: book", "type: boek")},
         [(S2, 4, 11, "bad-choice", "'boek' is not allowed for 'type' (did you mean 'book'?)")]),
    # -- emotion ---------------------------------------------------------------------------------
    Case("emotion-3", {J: sub(JOURNEY, "emotion: -1", "emotion: 3")},
         [(J, 12, 18, "bad-emotion", "emotion must be a whole number from -2 to +2, got 3")]),
    Case("emotion-minus-5", {J: sub(JOURNEY, "emotion: 2", "emotion: -5")},
         [(J, 27, 18, "bad-emotion", "from -2 to +2, got -5")]),
    Case("emotion-1.5", {J: sub(JOURNEY, "emotion: -1", "emotion: 1.5")},
         [(J, 12, 18, "bad-emotion", "from -2 to +2, got 1.5")]),
    Case("emotion-quoted-yes", {J: sub(JOURNEY, "emotion: -1", 'emotion: "yes"')},
         [(J, 12, 18, "bad-emotion", "from -2 to +2, got 'yes'")]),
    Case("emotion-true", {J: sub(JOURNEY, "emotion: 2", "emotion: true")},
         [(J, 27, 18, "bad-emotion", "from -2 to +2, got true")]),
    # -- ids -------------------------------------------------------------------------------------
    Case("bad-slug", {J: sub(JOURNEY, "id: new-boots", "id: New Boots")},
         [(J, 2, 5, "bad-id", "'New Boots' is not a valid id: use lowercase letters, digits and hyphens (e.g. 'new-boots')")]),
    Case("duplicate-persona-across-files", {E: sub(EVA, "id: eva", "id: daan")},
         [(E, 2, 5, "duplicate-id", "duplicate persona id 'daan': also defined at journeys/personas/daan.yml:2:5")],
),
    Case("duplicate-touchpoint-in-catalog", {T: TOUCHPOINTS + "  - id: store\n    name: Store again\n"},
         [(T, 17, 9, "duplicate-id", "duplicate touchpoint id 'store': also defined at journeys/touchpoints.yml:8:9")],
),
    # -- references ------------------------------------------------------------------------------
    Case("unknown-persona", {J: sub(JOURNEY, "persona: daan", "persona: daaan")},
         [(J, 4, 10, "unknown-persona", "unknown persona 'daaan' (did you mean 'daan'?)")]),
    Case("unknown-touchpoint-plain", {J: sub(JOURNEY, "- search-engine", "- search-engin")},
         [(J, 14, 13, "unknown-touchpoint", "unknown touchpoint 'search-engin' (did you mean 'search-engine'?)")]),
    Case("unknown-touchpoint-ref", {J: sub(JOURNEY, "ref: webshop", "ref: webshp")},
         [(J, 15, 18, "unknown-touchpoint", "unknown touchpoint 'webshp' (did you mean 'webshop'?)")]),
    Case("unknown-touchpoint-flow", {J: sub(JOURNEY, "[store]", "[stor]")},
         [(J, 28, 23, "unknown-touchpoint", "unknown touchpoint 'stor' (did you mean 'store'?)")]),
    Case("unknown-framework", {J: sub(JOURNEY, "framework: five-phases", "framework: five-phase")},
         [(J, 5, 12, "unknown-framework", "unknown framework 'five-phase' (did you mean 'five-phases'?)")]),
    Case("phase-not-in-framework", {J: sub(JOURNEY, "phase: purchase", "phase: retension")},
         [(J, 24, 12, "unknown-phase", "phase 'retension' is not part of framework 'five-phases' (did you mean 'retention'?)")]),
    Case("repeated-phase", {J: sub(JOURNEY, "phase: purchase", "phase: awareness")},
         [(J, 24, 12, "repeated-phase", "phase 'awareness' appears twice in this journey (first at line 8)")]),
    Case("phases-out-of-order",
         {J: JOURNEY.replace("phase: awareness", "phase: @").replace("phase: purchase", "phase: awareness")
                    .replace("phase: @", "phase: purchase")},
         [(J, 24, 12, "phase-order", "phase 'awareness' comes before 'purchase' in framework 'five-phases'")]),
    # at the '@' of the key: the text starts at column 10, "Daan needs new boots [" is 22 characters
    Case("unknown-citation-summary", {J: sub(JOURNEY, "boots [@visser2015]", "boots [@visser2051]")},
         [(J, 6, 32, "unknown-citation", "unknown source 'visser2051' in citation (did you mean 'visser2015'?)")]),
    # the item starts at column 9, "Make it easy [" is 14 characters
    Case("unknown-citation-guidance", {J: sub(JOURNEY, "easy [@visser2015]", "easy [@visser2051]")},
         [(J, 30, 23, "unknown-citation", "unknown source 'visser2051' in citation (did you mean 'visser2015'?)")]),
    Case("persona-channel-unknown", {P: sub(PERSONA, "store]", "stor]")},
         [(P, 7, 21, "unknown-touchpoint", "unknown touchpoint 'stor' (did you mean 'store'?)")]),
    # -- types -----------------------------------------------------------------------------------
    Case("text-given-a-list", {E: sub(EVA, "role: Runner", "role: [Runner, Cyclist]")},
         [(E, 4, 7, "bad-text", "expected text or a map of languages to text ({nl: ..., en: ...}), got a list")]),
    Case("name-yes", {E: sub(EVA, "name: Eva", "name: yes")},
         [(E, 3, 7, "bad-text", "YAML reads this word as true/false (yes, no, on, off, true, false); put the text in quotes")]),
    Case("direct-maybe", {T2: sub(MORE_TOUCHPOINTS, "direct: false", "direct: maybe")},
         [(T2, 7, 13, "bad-type", "expected true or false, got 'maybe'")]),
    Case("source-unknown-csl-field", {S2: sub(MORE_SOURCES, "title:", "titel:")},
         [(S2, 7, 5, "unknown-key", "unknown key 'titel' (did you mean 'title'?)")]),
    # -- several documents in one file: lines count from the start of the file -----------------
    Case("second-document-enum", {X: "kind: persona\nid: anna\nname: Anna\n---\nkind: persona\nid: bob\nurgency: hihg\n"},
         [(X, 7, 10, "bad-choice", "'hihg' is not allowed for 'urgency' (did you mean 'high'?)")]),
    Case("second-document-tab", {X: "kind: persona\nid: anna\n---\nkind: persona\nid: bob\n\turgency: low\n"},
         [(X, 6, 1, "yaml-tab", "tab character used for indentation")]),
    Case("second-document-missing-kind", {X: "kind: persona\nid: anna\n---\n# bob\nid: bob\nname: Bob\n"},
         [(X, 5, 1, "missing-kind", "missing 'kind:'")]),
    # -- more reading and syntax problems ------------------------------------------------------
    Case("utf-16-file", {E: EVA.encode("utf-16")},
         [(E, 1, 1, "yaml-encoding", "the file is saved as UTF-16; save the file as UTF-8")]),
    Case("crlf-line-endings", {J: sub(JOURNEY, "emotion: -1", "emotion: 3").replace("\n", "\r\n")},
         [(J, 12, 18, "bad-emotion", "from -2 to +2, got 3")]),  # "\r\n" is one line break
    Case("utf-8-bom", {J: "\ufeff" + sub(JOURNEY, "kind: journey", "kind: jounrey")},
         [(J, 1, 7, "unknown-kind", "did you mean 'journey'?")]),  # a byte order mark takes no column
    Case("key-without-colon", {E: sub(EVA, "role: Runner", "role Runner")},
         [(E, 4, 1, "yaml-syntax", "this line has no ':' after its key")]),  # the line that lacks it
    Case("bad-indentation", {E: EVA + "goals:\n  - Run a marathon\n - Run faster\n"},
         [(E, 8, 2, "yaml-syntax", "the indentation of this line does not fit the lines above")]),  # ' - Run faster'
    Case("text-starting-with-star", {E: sub(EVA, "role: Runner", "role: *very* fast runner")},
         [(E, 4, 7, "yaml-syntax", "a value cannot start with '*'; put the text in quotes")]),
    Case("text-starting-with-at", {E: sub(EVA, "role: Runner", "role: @runner")},
         [(E, 4, 7, "yaml-syntax", "a value cannot start with '@'; put the text in quotes")]),
    Case("recursive-alias", {X: "x: &a [1, *a]\n"},
         [(X, 1, 11, "yaml-bomb", "the alias '*a' is used inside its own anchor '&a'")]),  # "x: &a [1, " is 10
    Case("file-too-large", {X: "kind: persona\nid: big\nsummary: " + "x" * (2 * 1024 * 1024) + "\n"},
         [(X, 1, 1, "file-too-large", "larger than 2 MiB")]),  # not read at all: the file itself
    Case("unknown-escape", {E: sub(EVA, "role: Runner", 'role: "C:\\data"')},  # the backslash: column 10
         [(E, 4, 10, "yaml-syntax", "a backslash inside \"...\" starts a special code")]),
    Case("unclosed-bracket", {E: EVA + "goals: [Run, Swim\n"},  # '[' at line 6, column 8
         [(E, 6, 8, "yaml-syntax", "is not closed properly")]),
    # -- more model problems ---------------------------------------------------------------------
    Case("unknown-key-in-flow-mapping", {J: sub(JOURNEY, "[store]", "[{ref: store, sentment: negative}]")},
         [(J, 28, 36, "unknown-key", "unknown key 'sentment' (did you mean 'sentiment'?)")]),
    Case("second-persona-in-list-unknown", {J: sub(JOURNEY, "persona: daan", "persona: [daan, evva]")},
         [(J, 4, 17, "unknown-persona", "unknown persona 'evva' (did you mean 'eva'?)")]),
    Case("step-is-text", {J: sub(JOURNEY, "- action: Buys boots in the store\n        emotion: 2\n        touchpoints: [store]",
                                 "- Buys boots in the store")},
         [(J, 26, 9, "bad-type", "expected a mapping (key: value), got text")]),
    Case("source-bad-date", {S2: sub(MORE_SOURCES, "issued: 2016", "issued: last year")},
         [(S2, 6, 13, "bad-date", "'last year' is not a date")]),
    Case("source-impossible-date", {S2: sub(MORE_SOURCES, "issued: 2016", "issued: 2016-02-30")},
         [(S2, 6, 13, "yaml-value", "'2016-02-30' cannot be read as a date")]),
    Case("list-item-with-colon", {E: EVA + "goals:\n  - Tip: run early\n"},  # YAML reads {Tip: run early}
         [(E, 7, 5, "bad-text", "the ': ' after 'Tip' turned this text into a key and a value; put the whole text in quotes")]),
    Case("text-bad-language-code", {E: sub(EVA, "name: Eva", "name:\n  english: Eva")},
         [(E, 4, 3, "bad-text", "'english' is not a language code")]),
    Case("kind-is-a-list", {X: "kind: [persona]\nid: zoe\n"},
         [(X, 1, 7, "unknown-kind", "unknown kind")],
),
    Case("number-as-key", {E: EVA + "2024: ran a marathon\n"},
         [(E, 6, 1, "unknown-key", "2024")]),
    Case("framework-duplicate-phase", {X: "kind: framework\nid: mine\nphases: [{id: a}, {id: a}]\n"},
         [(X, 3, 24, "duplicate-id", "'a'")],  # the second "{id: a}" starts at column 19, its value at 24
),
    # -- an error in a document others refer to must not make their references fail -----------
    Case("referenced-persona-broken", {P: sub(PERSONA, "urgency: high", "urgency: hihg")},
         [(P, 6, 10, "bad-choice", "'hihg' is not allowed for 'urgency' (did you mean 'high'?)")]),
    Case("referenced-catalog-broken", {T: sub(TOUCHPOINTS, "channel: offline", "channel: ofline")},
         [(T, 11, 14, "bad-choice", "'ofline' is not allowed for 'channel' (did you mean 'offline'?)")]),
    Case("referenced-sources-broken", {S: sub(SOURCES, "title:", "titel:")},
         [(S, 7, 5, "unknown-key", "unknown key 'titel' (did you mean 'title'?)")]),
    Case("referenced-catalog-broken-and-a-real-typo",  # the typo must still be reported
         {T: sub(TOUCHPOINTS, "channel: offline", "channel: ofline"), J: sub(JOURNEY, "- search-engine", "- search-engin")},
         [(J, 14, 13, "unknown-touchpoint", "unknown touchpoint 'search-engin' (did you mean 'search-engine'?)"),
          (T, 11, 14, "bad-choice", "'ofline' is not allowed for 'channel' (did you mean 'offline'?)")]),
    Case("referenced-persona-unreadable", {P: sub(PERSONA, "urgency: high", "\turgency: high")},
         [(P, 6, 1, "yaml-tab", "tab character used for indentation")]),
]


def params(runner: str) -> list:
    return [
        pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail[runner])])
        if runner in case.xfail
        else pytest.param(case, id=case.id)
        for case in CASES
    ]


# --- running a case ---------------------------------------------------------------------------


def write_handbook(root: Path, files: dict[str, str | bytes]) -> Path:
    """``root/journeys`` with BASE overridden by ``files``; also a minimal MkDocs project around it."""
    for rel, content in {**BASE, **files}.items():
        path = root / "journeys" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material}\nplugins: [search, journeybook]\n", encoding="utf-8"
    )
    return root


def where(rel: str, line: int, col: int) -> str:
    return f"journeys/{rel}:{line}:{col}: "


def find_line(lines: list[str], prefix: str, fragment: str) -> str | None:
    return next((ln for ln in lines if ln.startswith(prefix) and fragment in ln), None)


def assert_reported(output: str, expected: list[Expected], severity: str = "error: ") -> None:
    lines = output.splitlines()
    assert "Traceback" not in output
    for rel, line, col, _code, fragment in expected:
        prefix = where(rel, line, col) + severity
        assert find_line(lines, prefix, fragment), f"missing {prefix}…{fragment}… in:\n{output}"


def run_cli(root: Path, *args: str):
    result = CliRunner().invoke(main, ["validate", "journeys", *args])
    assert "Traceback" not in result.output
    return result


def run_mkdocs(root: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> str:
    """Build in-process from another folder than the project's (as ``mkdocs build -f``); the error log."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    elsewhere = root / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    monkeypatch.chdir(elsewhere)
    caplog.set_level(logging.ERROR, logger="mkdocs")
    cfg = load_config(str(root / "mkdocs.yml"))
    with pytest.raises(Abort):
        build(cfg)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


# --- the table, three ways --------------------------------------------------------------------


_API: dict[str, list[tuple[str, int, int, str, str]]] = {}


def api_errors(case: Case, factory: pytest.TempPathFactory) -> list[tuple[str, int, int, str, str]]:
    """The errors ``build_handbook`` finds for ``case``: (path below journeys/, line, column, code, message)."""
    if case.id not in _API:
        root = write_handbook(factory.mktemp("api"), case.files)
        _, diags = build_handbook(root / "journeys")
        assert all(d.location for d in diags if d.severity == "error")
        _API[case.id] = [
            (d.location.path.relative_to(root / "journeys").as_posix(), d.location.line, d.location.column,
             d.code, d.message())
            for d in diags
            if d.severity == "error" and d.location
        ]  # fmt: skip
    return _API[case.id]


@pytest.mark.parametrize("case", params("cli"))
def test_cli_reports(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    write_handbook(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path)
    assert result.exit_code == 1, result.output
    assert type(result.exception) is SystemExit
    assert_reported(result.output, case.expected)
    # the same through the API, with the stable diagnostic code
    found = {e[:4] for e in api_errors(case, tmp_path_factory)}
    for rel, line, col, code, _ in case.expected:
        assert (rel, line, col, code) in found, (code, found)


@pytest.mark.parametrize("case", params("mkdocs"))
def test_mkdocs_build_reports(
    case: Case, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_handbook(tmp_path, case.files)
    log = run_mkdocs(tmp_path, caplog, monkeypatch)
    assert_reported(log, case.expected, severity="")


@pytest.mark.parametrize("case", params("exact"))
def test_nothing_else_is_reported(case: Case, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each case breaks one thing; one problem is reported, not a cascade of false ones."""
    got = sorted(e[:4] for e in api_errors(case, tmp_path_factory))
    assert got == sorted(e[:4] for e in case.expected)


def test_base_handbook_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_handbook(tmp_path, {})
    _, diags = build_handbook(tmp_path / "journeys")
    assert [d.format() for d in diags] == []
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path)
    assert result.exit_code == 0, result.output
    assert "(7 files: 2 personas, 1 journey, 4 touchpoints, 2 sources)" in result.output


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 32
    assert len({c.id for c in CASES}) == len(CASES)


# --- all at once, sorted ----------------------------------------------------------------------

SEVERAL = {
    J: sub(sub(sub(JOURNEY, "persona: daan", "persona: daaan"), "- search-engine", "- search-engin"),
           "easy [@visser2015]", "easy [@visser2051]"),
    P: sub(PERSONA, "store]", "stor]"),
    T: TOUCHPOINTS + "  - id: store\n    name: Store again\n",
    "zz/broken.yml": "kind: persona\n\tid: x\n",
}
# Sorted by file, then line and column (journeys/ < personas/ < touchpoints.yml < zz/).
SEVERAL_EXPECTED = [
    (J, 4, 10, "unknown persona 'daaan' (did you mean 'daan'?)"),
    (J, 14, 13, "unknown touchpoint 'search-engin' (did you mean 'search-engine'?)"),
    (J, 30, 23, "unknown source 'visser2051' in citation (did you mean 'visser2015'?)"),
    (P, 7, 21, "unknown touchpoint 'stor' (did you mean 'store'?)"),
    (T, 17, 9, "duplicate touchpoint id 'store'"),
    ("zz/broken.yml", 2, 1, "tab character used for indentation"),
]
LOCATED = r"^journeys/\S+:\d+:\d+: "


def located_lines(output: str) -> list[str]:
    import re

    return [ln for ln in output.splitlines() if re.match(LOCATED, ln)]


def assert_in_order(lines: list[str], expected: list[tuple[str, int, int, str]], severity: str) -> None:
    assert len(lines) == len(expected), "\n".join(lines)
    for got, (rel, line, col, fragment) in zip(lines, expected):
        assert got.startswith(where(rel, line, col) + severity) and fragment in got, (got, rel, line, col)


def test_every_problem_in_every_file_at_once_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_handbook(tmp_path, SEVERAL)
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path)
    assert result.exit_code == 1
    assert_in_order(located_lines(result.output), SEVERAL_EXPECTED, "error: ")
    assert "6 errors, 0 warnings in journeys" in result.output


def test_every_problem_in_every_file_at_once_mkdocs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_handbook(tmp_path, SEVERAL)
    log = run_mkdocs(tmp_path, caplog, monkeypatch)
    assert "Traceback" not in log
    assert_in_order(located_lines(log), SEVERAL_EXPECTED, "")


# --- Dutch --------------------------------------------------------------------------------------

DUTCH_FILES = {E: sub(EVA, "urgency: low", "urgency: hihg"), X: "kind: persona\n\tid: x\n"}
DUTCH_EXPECTED = [
    (X, 2, 1, "tab-teken gebruikt om in te springen; YAML vereist spaties"),
    (E, 5, 10, "'hihg' is niet toegestaan bij 'urgency' (bedoelde je 'high'?)"),
]  # journeys/extra.yml sorts before journeys/personas/eva.yml


def test_dutch_messages_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_handbook(tmp_path, DUTCH_FILES)
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path, "--lang", "nl")
    assert result.exit_code == 1
    assert_in_order(located_lines(result.output), DUTCH_EXPECTED, "fout: ")
    assert "2 fouten, 0 waarschuwingen in journeys" in result.output


def test_dutch_messages_mkdocs(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    write_handbook(tmp_path, DUTCH_FILES)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material, language: nl}\nplugins: [search, journeybook]\n", encoding="utf-8"
    )
    assert_in_order(located_lines(run_mkdocs(tmp_path, caplog, monkeypatch)), DUTCH_EXPECTED, "")


# --- files with nothing in them are fine ------------------------------------------------------

EMPTY_FILES = {
    "empty.yml": "",
    "comments.yaml": "# nothing here yet\n",
    "bare.yml": "---\n",
    "blank.yml": "\n   \n\n",
    "two-empty-documents.yml": "---\n# first\n---\n",
}


def test_empty_files_are_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_handbook(tmp_path, EMPTY_FILES)
    _, diags = build_handbook(tmp_path / "journeys")
    assert [d.format() for d in diags] == []
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path)
    assert result.exit_code == 0, result.output
    assert "(7 files:" in result.output  # the files with documents
    build(load_config(str(tmp_path / "mkdocs.yml")))  # no Abort
    assert (tmp_path / "site" / "playbook" / "index.html").is_file()


# --- paths outside the current folder are printed in full -------------------------------------


def test_cli_prints_absolute_paths_outside_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_handbook(tmp_path, {E: sub(EVA, "urgency: low", "urgency: hihg")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "journeys")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'journeys' / 'personas' / 'eva.yml'}:5:10: error: 'hihg' is not allowed" in result.output


# --- an unknown citation is placed at its '@', whatever the style of the text -----------------

GOOD_SUMMARY = "summary: Daan needs new boots [@visser2015]."
CITATION_TEXTS = {
    # style: (the summary as written from line 6 on, [(line, column) of each '@'])
    "folded": ("summary: >\n  Daan needs new boots\n  before Saturday [@visser2051].", [(8, 20)]),
    "literal": ("summary: |\n  Daan needs new boots\n  before Saturday [@visser2051].", [(8, 20)]),
    "plain-two-lines": ("summary: Daan needs new boots\n  before Saturday [@visser2051].", [(7, 20)]),
    "double-quoted-two-lines": ('summary: "Daan needs new boots\n  before Saturday [@visser2051]."', [(7, 20)]),
    "per-language": ("summary:\n  en: Daan needs new boots [@visser2051].\n  nl: Daan heeft schoenen nodig.", [(7, 29)]),
    "twice-in-one-text": ("summary: Daan [@visser2051] and again [@visser2051].", [(6, 16), (6, 40)]),
}
# "  before Saturday [" is 19 characters; "  en: " 6 and "Daan needs new boots [" 22;
# "summary: " 9, "Daan [" 6, "@visser2051] and again [" 24.


@pytest.mark.parametrize("style", list(CITATION_TEXTS))
def test_unknown_citation_is_placed_at_its_key(style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, places = CITATION_TEXTS[style]
    write_handbook(tmp_path, {J: sub(JOURNEY, GOOD_SUMMARY, text)})
    monkeypatch.chdir(tmp_path)
    result = run_cli(tmp_path)
    assert result.exit_code == 1
    assert_in_order(
        located_lines(result.output),
        [(J, line, col, "unknown source 'visser2051' in citation (did you mean 'visser2015'?)") for line, col in places],
        "error: ",
    )


# --- the real commands, as subprocesses -------------------------------------------------------

BIN = Path(sys.executable).parent
SUBPROCESS_CASES = {"tab-indentation", "billion-laughs", "duplicate-persona-across-files", "list-item-with-colon"}


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SUBPROCESS_CASES], ids=lambda c: c.id)
def test_real_commands(case: Case, tmp_path: Path) -> None:
    write_handbook(tmp_path, case.files)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    runs = {
        "journeybook": [str(BIN / "journeybook"), "validate", "journeys"],
        "mkdocs": [str(BIN / "mkdocs"), "build", "--strict"],
    }
    for name, command in runs.items():
        proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        output = proc.stdout + proc.stderr
        assert "Traceback" not in output, (name, output)
        assert proc.returncode != 0, (name, output)
        if name == "journeybook":
            assert proc.returncode == 1, output
        assert_reported(output, case.expected, severity="error: " if name == "journeybook" else "")
