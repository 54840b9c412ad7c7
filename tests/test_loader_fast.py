"""The loader on libyaml's C parser reads every text exactly as on PyYAML's pure-Python parser (issue 13).

``journeybook.loader`` reads a file with libyaml's C parser when PyYAML has it
(``_load_fast``), and with PyYAML's own parser when it has not, and for every text the fast
path cannot vouch for (``_load_pure``): a syntax error, a fatal problem (alias bomb, nesting,
anchors), a tag, a tab and the other corners where the two parsers differ. These tests hold
the two paths to the same result: the same documents (data with exact types and key order,
``marks``, ``key_marks``, ``spans``, text) and the same diagnostics (code, place, message in
English and Dutch), for

- every YAML file in the repository: example handbooks, test fixtures, built-in and skeleton
  files (these must take the fast path, so the comparison is never empty);
- the hostile handbooks of tests/hostile.py;
- every string literal in the loader's and the error tests (their hand-made broken and tricky
  YAML), and a table of tricky cases here that also pins which path reads them;
- generated texts (Hypothesis, derandomized, no example database): documents of random
  shape and style (anchors, aliases, merge keys, duplicate keys, block scalars, flow
  collections, quoted escapes, unicode, CRLF and CR line ends, several documents), YAML
  tokens glued at random, and the repository's files with random edits.

With ``_C_PARSER`` at None (PyYAML without libyaml) everything is read by the pure path.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import hostile
from journeybook import loader
from journeybook.diagnostics import Diagnostic
from journeybook.loader import Document, load_source, load_text

ROOT = Path(__file__).resolve().parent.parent
PATH = Path("/handbook/journeys/x.yml")
HAS_LIBYAML = yaml.__with_libyaml__ and loader.CParser is not None

pytestmark = pytest.mark.skipif(not HAS_LIBYAML, reason="PyYAML without libyaml: there is no fast path to compare")

SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True, scope="module")
def _c_parser() -> Iterator[None]:
    """Compare with the C parser whatever libyaml's version: these tests are how a new one is checked."""
    kept = loader._C_PARSER
    loader._C_PARSER = loader.CParser
    yield
    loader._C_PARSER = kept


# --- comparing --------------------------------------------------------------------------------


def canon(value: Any) -> Any:
    """A value with its types and key order made part of it: True, 1 and 1.0 differ, nan equals nan."""
    if isinstance(value, dict):
        return ("dict", tuple((canon(k), canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(canon(item) for item in value))
    return (type(value).__name__, repr(value))


def snapshot(result: tuple[list[Document], list[Diagnostic]]) -> tuple[list, list]:
    """Everything a loader result says, in comparable form."""
    documents, diagnostics = result
    return (
        [
            (d.path, d.index, canon(d.data), list(d.marks.items()), list(d.key_marks.items()), list(d.spans.items()), d.text, d.edits)
            for d in documents
        ],
        [(d, d.message("en"), d.message("nl")) for d in diagnostics],
    )


def same(text: str | bytes) -> bool:
    """Assert that both paths, and ``load_text``, read ``text`` alike; True when the fast path read it."""
    decoded = loader._decode(text, PATH)
    if isinstance(decoded, Diagnostic):  # an encoding problem: no parser reads it
        return False
    pure = snapshot(loader._load_pure(decoded, PATH))
    assert snapshot(load_text(text, PATH)) == pure
    fast = loader._load_fast(decoded, PATH)
    if fast is None:
        return False
    assert snapshot(fast) == pure
    return True


# --- the repository's files and the hostile handbooks ------------------------------------------


def repository_files() -> list[Path]:
    found = [*ROOT.glob("*.yml"), *(ROOT / "docs").rglob("*.y*ml")]
    for folder in ("journeys", "tests/fixtures", "plugins/journeybook"):
        found += (ROOT / folder).rglob("*.y*ml")
    return sorted(found)


REPOSITORY_FILES = repository_files()
REPOSITORY_TEXTS = [path.read_text(encoding="utf-8") for path in REPOSITORY_FILES]


def test_the_repository_has_files_to_compare() -> None:
    assert len(REPOSITORY_FILES) > 50
    assert sum(map(len, REPOSITORY_TEXTS)) > 250_000


@pytest.mark.parametrize("path", REPOSITORY_FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_repository_files_are_read_alike_by_the_fast_path(path: Path) -> None:
    assert same(path.read_bytes()), "an ordinary handbook file should be read by the C parser"


@pytest.mark.parametrize("make", [hostile.hostile_handbook, hostile.hostile_broken_handbook])
def test_hostile_handbooks_are_read_alike(tmp_path: Path, make: Callable[[Path], None]) -> None:
    make(tmp_path)
    files = sorted(tmp_path.rglob("*.y*ml"))
    fast = [same(path.read_bytes()) for path in files]
    assert files and sum(fast) >= len(files) - 1  # the broken handbook has one file with a syntax error


def test_load_source_is_the_same_without_libyaml(tmp_path: Path) -> None:
    """The whole example handbook, and a folder of broken files, read with and without the C parser."""
    for name, text in [
        ("good.yml", "kind: persona\nid: x\nname: X\n"),
        ("tab.yml", "kind: persona\n\tid: x\n"),
        ("bomb.yml", "a: &a [1, *a]\n"),
        ("dup.yml", "kind: persona\nid: x\nid: y\n"),
        ("tag.yml", "kind: persona\nid: !Ref x\n"),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    for folder in (ROOT / "journeys", tmp_path):
        fast = snapshot(load_source(folder))
        loader._C_PARSER = None
        try:
            pure = snapshot(load_source(folder))
        finally:
            loader._C_PARSER = loader.CParser
        assert fast == pure
        assert pure[0]  # not an empty comparison


# --- every string in the loader's and the error tests ------------------------------------------


def string_literals() -> list[str]:
    texts: set[str] = set()
    for name in ("test_loader.py", "test_errors.py", "test_all_at_once.py"):
        tree = ast.parse((ROOT / "tests" / name).read_text(encoding="utf-8"))
        texts.update(node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str))
    return sorted(texts)


TEST_LITERALS = string_literals()


def test_every_string_of_the_loader_and_error_tests_is_read_alike() -> None:
    assert len(TEST_LITERALS) > 300
    fast = 0
    for text in TEST_LITERALS:
        for variant in (text, text + "\n", text.replace("\n", "\r\n")):
            fast += same(variant)
    assert fast > 300


# --- tricky cases, and which path reads them ----------------------------------------------------

JOURNEY = """\
kind: journey
id: new-boots
phases:
  - phase: awareness
    steps:
      - action: Notices the sole is coming loose
        emotion: -1
      - action: Searches
        touchpoints: [search-engine, {ref: leaflet, sentiment: negative}]
---
kind: persona
id: daan
"""

FAST = [  # read by the C parser, exactly as by PyYAML's
    JOURNEY,
    JOURNEY.replace("\n", "\r\n"),
    JOURNEY.replace("\n", "\r"),
    "defaults: &d {owner: Marketing, priority: low, status: idea}\nurgent: &u {priority: high}\n"
    "opportunity:\n  <<: [*u, *d]\n  status: planned\nsingle:\n  <<: *d\n  owner: Sales\n",
    "base: &b\n  a: 1\n  b: [x, y]\nother:\n  <<: *b\n  <<: *b\n",  # a duplicate merge key
    "step: &s {action: Search, emotion: 1}\ncopies:\n  - *s\n  - *s\nkey: &k name\nmap:\n  *k : Eva\n",
    "m: &m {x: 1}\nbad:\n  <<: 3\nworse:\n  <<: [*m, 2]\nlist:\n  <<: [*m]\n",
    "kind: persona\nname: Daan\nrole: Footballer\nname: Dana\nnested: {a: 1, a: 2}\n",
    "kind: persona\n2024: ran\nname: {no: Eva, en: Eve}\ntrue: 1\n~: 2\n1.50: 3\n2016-05-25: 4\n01: 5\n",
    "kind: persona\n? [a, b]\n: 1\n{x: 1}: 2\n? |\n  block key\n: 3\n",
    "issued: 2016-05-25\nwhen: 2018-06-07 10:30:00\nyear: 2015\nratio: 1.5\ndirect: false\nnote: ~\n"
    "page: '369'\nequals: =\nmerge: <<\nx: 0x1F\no: 0o17\ns: 1_000\nsexa: 190:20:30.15\nnan: .nan\ninf: -.inf\n",
    "emotion: " + "9" * 5000 + "\naccessed: 2024-02-30\nt: 2001-12-14t21:59:43.10-05:00\n",
    "text: |\n  line one\n\n  line two\n\n\nkeep: |+\n  kept\n\n\nstrip: >-\n  folded\n  text\n\n"
    "indented: |2\n    more\n  less\nlast: >\n\n  leading blank\n   more indented\n  back\n",
    "seq:\n- |\n  a\n- >-\n  b\n  c\n-\n  - |-\n    deep\nafter: x\n",
    'q: "a\\tb \\x41 \\u00e9 \\U0001F600 \\/ \\" \\\\ \\\n  continued"\ns: \'it\'\'s\n\n  folded\'\nplain: one\n  two\n\n  three\n',
    "flow: [a, [b, {c: d, e: [f]}], {g: h},]\nmulti: {a: 1,\n  b: 2,\n  c: [x,\n    y]}\nempty: [{}, [], '', \"\"]\n",
    "pairs: [a: 1, b: c]\nkey: {? x : y, z: w}\n",
    "---\n---\n# nothing\n---\nkind: persona\n---\n...\n---\nkind: journey\n...\n",
    "- kind: journey\n- kind: persona\n---\nJust some notes\n---\n42\n---\n2024-01-01\n---\ntrue\n",
    "naïve: café\n日本: 東京\nemoji: 😀 and 👩‍👩‍👧\nmixed: é😀x\n'😀': v\n",
    "kind: persona  # comment\n# full line\nname: Daan # another\n\n\n",
    "a: &a [lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n",
    "k: " + "x" * 2000 + "\n" + "y" * 1000 + ": long key\n",
    "a:\n  b:\n    c:\n      d: [[[[[1]]]]]\n",
    "a: " + "[" * 99 + "]" * 99 + "\n",
    "",
    "\n\n",
    "# only a comment\n",
    "key:\n",
    "- \n- a\n-\n",
    "why: Why? Because.\nq: [\"Do we know?\", 'Really?']\n",
    "url: http://x.y/z?q=1&r=2#frag\nc: a:b\nh: a#b\n",
    "a: b\x85c: d\nlist:\u2028- x\u2029- 'y\x85 z'\ntext: |\n  x\u2028  y\n",  # the line breaks NEL, LS and PS
]

PURE = [  # the fast path leaves these to PyYAML's parser
    "kind: persona\nname: Daan",  # no line break at the end: the C parser would count one more line
    "kind: persona\ngoals:\n\t- Play\n",  # tab
    "title: New football\tboots\n",  # tab inside a plain scalar: PyYAML fails, the C parser does not
    "kind: persona\nid: !Ref daan\n",  # tag
    "a: !!str 2015\nd: !!seq [1]\ne: !!map {x: 1}\n",  # standard tags
    "x: !\n",  # the non-specific tag: the parsers resolve it differently
    "--- !!python/object:__main__.Persona\nkind: persona\n",
    "%YAML 1.1\n---\na: 1\n",  # directive
    "a: |#comment\n  text\n",  # '#' right after the block indicator: PyYAML fails
    "goals: [Play? the derby]\n",  # '?' inside a plain scalar in a flow collection: PyYAML fails
    "m: {metric: , at: x}\n",  # a value left out in a flow mapping: PyYAML marks it elsewhere
    "a: \ufeffb\n",  # a byte order mark after the start
    "kind: persona\nname: Da\x00an\n",  # a character YAML does not allow
    "kind: persona\nname: \ud800\n",  # a lone surrogate (text given as str)
    "kind: journey\ntags: [webshop, sport\nowner: x\n",  # syntax error
    'kind: persona\nrole: "C:\\data"\n',  # bad escape
    "kind: persona\nsummary: *Important\n",  # undefined alias
    "a: &x 1\nb: &x 2\n",  # duplicate anchor
    "a: &a [1, *a]\n",  # recursive alias
    "[" * 10_000 + "]" * 10_000 + "\n",  # too deep
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),  # alias bomb
]


@pytest.mark.parametrize("text", FAST, ids=range(len(FAST)))
def test_tricky_cases_read_by_the_fast_path(text: str) -> None:
    assert same(text)
    assert same(text.replace("\n", "\r\n"))


@pytest.mark.parametrize("text", PURE, ids=range(len(PURE)))
def test_cases_left_to_pyyaml(text: str) -> None:
    assert not same(text)


def test_a_utf8_byte_order_mark_at_the_start_is_fine() -> None:
    assert same(b"\xef\xbb\xbf" + JOURNEY.encode("utf-8"))


# --- generated texts ----------------------------------------------------------------------------

WORDS = [
    "kind", "id", "name", "Daan", "a", "b", "é", "straße", "日本", "😀", "no", "yes", "on", "Off", "true", "False", "~", "null",
    "1", "-2", "0x1F", "0o17", "017", "1_000", "1.5", "-.5", "1e3", "6.02e+23", ".nan", ".inf", "-.Inf", "1:20", "190:20:30.15",
    "2016-05-25", "2024-02-30", "2001-12-14t21:59:43.10-05:00", "2018-06-07 10:30:00", "<<", "=", "9" * 30, "http://x.y/z?q=1",
    "50%", "C:\\data", "x y", "a:b", "a#b", "a -b", "what?", "Why? Because", "@home", "it's", 'say "hi"', "a, b", "[x]", "{y}",
    "- z", "*a", "&a", "!t", "|", ">", "#", "-", "?", ":",
]  # fmt: skip
RISKY = {"a:b", "a#b", "a -b", "what?", "Why? Because", "@home", "it's", 'say "hi"', "a, b", "[x]", "{y}", "- z", "*a", "&a", "!t", "|", ">", "#", "-", "?", ":"}
ESCAPES = ["\\n", "\\t", "\\x41", "\\u00e9", "\\U0001F600", "\\/", "\\ ", "\\0", "\\e", "\\_", "\\N", "\\L", "\\P", '\\"', "\\\\"]


class Writer:
    """YAML text of random shape and style, drawn from ``r``; ``careful`` keeps most of it valid."""

    def __init__(self, r: random.Random, careful: bool) -> None:
        self.r, self.careful = r, careful
        self.nl = r.choice(["\n"] * 6 + ["\r\n", "\r\n", "\r"])
        self.step = r.choice([2, 2, 4, 1, 3])
        self.anchors: list[str] = []
        self.count = 0

    def word(self) -> str:
        r = self.r
        word = r.choice(WORDS)
        if r.random() < 0.2:
            more = r.choice(WORDS)
            word = word if self.careful and (word in RISKY or more in RISKY) else f"{word} {more}"
        return word

    def scalar(self, level: int, inline: bool) -> str:
        """A scalar; ``inline`` (in a flow collection, or a key) leaves out block scalars and line breaks."""
        r, word = self.r, self.word()
        style = r.choice(["plain"] * 5 + ["single", "double"] + ([] if inline else ["block"]))
        if style == "plain" and not (self.careful and word in RISKY):
            return word
        if style == "single":
            return "'" + (word + ("'" if r.random() < 0.1 else "")).replace("'", "''") + "'"
        if style in ("double", "plain"):
            text = word.replace("\\", "\\\\").replace('"', '\\"')
            if r.random() < 0.3:
                text += r.choice(ESCAPES)
            if not inline and r.random() < 0.15:
                text += "\\" + self.nl + " " * (level * self.step + 1) + "continued"
            if not inline and r.random() < 0.15:
                text += self.nl + self.nl * r.randint(0, 1) + " " * (level * self.step + 1) + "folded"
            return '"' + text + '"'
        header = r.choice("|>") + r.choice(["", "-", "+"])
        indent = level * self.step + self.step
        if level and r.random() < 0.3:
            header += str(self.step)
        if r.random() < 0.2:
            header += " # comment"
        lines = []
        for _ in range(r.randint(1, 4)):
            roll = r.random()
            lines.append("" if roll < 0.15 else " " * indent + ("  more " if roll < 0.25 else "") + self.word())
        if r.random() < 0.3:
            lines.append("")
        return header + self.nl + self.nl.join(lines)

    def anchored(self, text: str) -> str:
        if self.r.random() < 0.12:
            self.count += 1
            self.anchors.append(f"a{self.count}")
            return f"&a{self.count} {text}".rstrip()
        return text

    def flow(self, level: int) -> str:
        r = self.r
        mapping = r.random() < 0.5
        items = []
        for _ in range(r.randint(0, 4)):
            value = self.inline(level + 1)
            if mapping:
                key = self.scalar(level, inline=True)
                items.append(f"{key}: {value}" if r.random() < 0.95 else f"{key}:")
            else:
                items.append(value)
        separator = ", " if r.random() < 0.8 else "," + self.nl + " " * ((level + 1) * self.step)
        body = separator.join(items) + ("," if items and r.random() < 0.1 else "")
        return "{" + body + "}" if mapping else "[" + body + "]"

    def inline(self, level: int) -> str:
        """A value inside a flow collection."""
        if self.anchors and self.r.random() < 0.1:
            return "*" + self.r.choice(self.anchors)
        if level < 6 and self.r.random() < 0.3:
            return self.anchored(self.flow(level))
        return self.anchored(self.scalar(level, inline=True))

    def block(self, level: int, mapping: bool) -> str:
        r = self.r
        pad = " " * (level * self.step)
        lines: list[str] = []
        keys: list[str] = []
        for _ in range(r.randint(1, 5)):
            if r.random() < 0.1:
                lines.append(pad + "# comment " + self.word())
            if r.random() < 0.05:
                lines.append("")
            if mapping and self.anchors and r.random() < 0.1:
                aliases = r.sample(self.anchors, min(len(self.anchors), r.randint(1, 3)))
                lines.append(pad + "<<: " + ("*" + aliases[0] if r.random() < 0.5 else "[" + ", ".join("*" + a for a in aliases) + "]"))
                continue
            if mapping:
                key = r.choice(keys) if keys and r.random() < 0.08 else self.scalar(level, inline=True)
                keys.append(key)
                head = pad + key + ":"
            else:
                head = pad + "-"
            roll = r.random()
            if level < 5 and roll < 0.3:  # a block collection below
                anchor = self.anchored("")
                lines.append(head + (" " + anchor if anchor else ""))
                if mapping and r.random() < 0.3:
                    lines.append(self.block(level, mapping=False))  # a list at the key's indentation
                else:
                    lines.append(self.block(level + 1, mapping=r.random() < 0.6))
            elif roll < 0.35:
                lines.append(head)  # no value
            elif self.anchors and roll < 0.42:
                lines.append(head + " *" + r.choice(self.anchors))
            elif level < 5 and roll < 0.55:
                lines.append(head + " " + self.anchored(self.flow(level)))
            else:
                value = self.anchored(self.scalar(level, inline=False))
                comment = "  # comment" if r.random() < 0.05 and "\n" not in value and "\r" not in value else ""
                lines.append(head + " " + value + comment)
        return self.nl.join(lines)

    def text(self) -> str:
        r = self.r
        out = ""
        for number in range(r.choice([1, 1, 1, 2, 3])):
            self.anchors = []
            if number or r.random() < 0.2:
                out += "---" + self.nl
            roll = r.random()
            body = self.block(0, mapping=True) if roll < 0.8 else self.block(0, mapping=False) if roll < 0.9 else self.inline(0)
            out += body + self.nl
            if r.random() < 0.1:
                out += "..." + self.nl
        return out


def test_the_writer_mostly_writes_what_the_fast_path_reads() -> None:
    """Otherwise the generated comparisons below would mostly compare PyYAML with itself."""
    r = random.Random(13)
    texts = [Writer(r, careful=True).text() for _ in range(200)]
    assert sum(loader._load_fast(text, PATH) is not None for text in texts) > 80


@SETTINGS
@given(st.randoms(use_true_random=False), st.booleans())
def test_generated_documents_are_read_alike(r: random.Random, careful: bool) -> None:
    same(Writer(r, careful).text())


TOKENS = [
    "a", "key", "x y", "1", "1.5", "true", "no", "~", "2024-02-30", "é", "😀", "<<", "=", "<<: *a\n", "<<: [*a, *b]\n",
    ":", ": ", "-", "- ", "? ", "?", ",", "[", "]", "{", "}", "#", " #c", "&a ", "*a", "&b ", "*b", "&a", "&", "*",
    "!x ", "!!str ", "!", "'", "''", '"', '\\"', "\\", "\\n", "\\x41", "\\q", "|", "|-", "|+", ">", ">-", "|2", ">1-",
    "---", "...", "--- ", "%YAML 1.1", "\n", "\n", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", "\r\n", "\r", " ", " ", "  ",
    "\t", "@", "`", ".nan", "0x1F", "1_000", "|#", ">-#", "|2#", "\x85", "\u2028", "\u2029", "\ufeff", "%TAG ! tag:x,2000:",
]  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join), st.sampled_from(["\n", "", "\r\n", " "]))
@example("? ", "")
@example("a: {b: , c}", "\n")
@example("{a: \ufeff1, b: 2}", "\n")
@example("a: |\n  x\u2028  y\n  z\nb: 'x\x85 y'\u2029c: >\n  x\x85  y\n\n  z", "\n")
def test_glued_tokens_are_read_alike(text: str, end: str) -> None:
    same(text + end)


EDITS = [
    "x", " ", "  ", "\n", "\n  ", "\r\n", "\r", ":", ": ", "- ", "#", "'", '"', "[", "]", "{", "}", ",", "?", "&a ", "*a", "|", ">", "|#",
    "\t", "é", "---\n", "\x85", "\u2028", "\ufeff", "!x ",
]  # fmt: skip


@SETTINGS
@given(st.data())
def test_edited_repository_files_are_read_alike(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(REPOSITORY_TEXTS))
    lines = text.splitlines(keepends=True)
    start = data.draw(st.integers(0, max(0, len(lines) - 1)))
    text = "".join(lines[start : start + data.draw(st.integers(1, 60))])
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 4))
        text = text[:at] + data.draw(st.sampled_from(EDITS)) + text[at + cut :]
    same(text)
