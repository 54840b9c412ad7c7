"""Tests for journeybook.loader: YAML files to plain documents with marks, and every problem as a diagnostic."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from journeybook.diagnostics import Diagnostic, Location
from journeybook.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Document,
    discover,
    load_file,
    load_source,
    load_text,
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load(folder: Path, content: str | bytes, name: str = "x.yml") -> tuple[list[Document], list[Diagnostic]]:
    return load_file(write(folder, name, content))


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def where(diag: Diagnostic) -> tuple[int, int]:
    assert diag.location is not None
    return diag.location.line, diag.location.column


def problem(folder: Path, content: str | bytes) -> Diagnostic:
    """The one diagnostic loading ``content`` gives."""
    return only(load(folder, content)[1])


# --- good files -------------------------------------------------------------------------------

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


def test_good_multi_document_file(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, JOURNEY, "journeys/boots.yml")
    assert diags == []
    assert [d.index for d in docs] == [0, 1]
    assert docs[0].path == (tmp_path / "journeys" / "boots.yml").absolute()
    assert docs[0].data["phases"][0]["steps"][1]["touchpoints"][1] == {"ref": "leaflet", "sentiment": "negative"}
    assert docs[1].data == {"kind": "persona", "id": "daan"}
    assert type(docs[0].data) is dict and type(docs[0].data["phases"]) is list


def test_marks_of_values_list_items_and_keys(tmp_path: Path) -> None:
    doc = load(tmp_path, JOURNEY)[0][0]
    assert doc.marks[()] == (1, 1)
    assert doc.marks[("kind",)] == (1, 7)
    assert doc.marks[("phases",)] == (4, 3)  # a block list starts at its first "-"
    assert doc.marks[("phases", 0)] == (4, 5)
    assert doc.marks[("phases", 0, "steps", 0, "emotion")] == (7, 18)
    assert doc.marks[("phases", 0, "steps", 1)] == (8, 9)
    assert doc.marks[("phases", 0, "steps", 1, "touchpoints", 0)] == (9, 23)
    assert doc.marks[("phases", 0, "steps", 1, "touchpoints", 1, "sentiment")] == (9, 64)
    assert doc.key_marks[("phases",)] == (3, 1)
    assert doc.key_marks[("phases", 0, "steps", 0, "emotion")] == (7, 9)
    assert doc.key_marks[("phases", 0, "steps", 1, "touchpoints", 1, "sentiment")] == (9, 53)
    second = load(tmp_path, JOURNEY)[0][1]
    assert second.marks[("id",)] == (12, 5)
    assert second.key_marks[("id",)] == (12, 1)


def test_locate_falls_back_to_the_nearest_enclosing_node(tmp_path: Path) -> None:
    doc = load(tmp_path, JOURNEY)[0][0]
    path = doc.path
    assert doc.locate(("phases", 0, "steps", 0, "emotion")) == Location(path, 7, 18)
    assert doc.locate(("phases", 0, "steps", 0, "emotion"), key=True) == Location(path, 7, 9)
    assert doc.locate(("phases", 0, "steps", 0, "emotion", "deeper")) == Location(path, 7, 18)
    assert doc.locate(("phases", 0, "steps", 1, "missing"), key=True) == Location(path, 8, 9)
    assert doc.locate(("phases", 0), key=True) == Location(path, 4, 5)  # a list item has no key
    assert doc.locate(("nothing", "here")) == Location(path, 1, 1)
    assert doc.locate() == Location(path, 1, 1)


def test_crlf_line_endings_and_utf8_bom(tmp_path: Path) -> None:
    content = "\ufeffkind: persona\r\nname: Daan\r\ngoals:\r\n  - Play\r\n".encode("utf-8")
    docs, diags = load(tmp_path, content)
    assert diags == []
    assert docs[0].data == {"kind": "persona", "name": "Daan", "goals": ["Play"]}
    assert docs[0].key_marks[("kind",)] == (1, 1)
    assert docs[0].marks[("goals", 0)] == (4, 5)


def test_merge_keys_follow_the_yaml_merge_rule(tmp_path: Path) -> None:
    """The merge key type (yaml.org/type/merge): keys written in the mapping win over merged ones,
    and in a list of merged mappings an earlier one wins over a later one. Asserted against the
    rule itself, not against a PyYAML version (6.0.4 lets later mappings win)."""
    text = """\
defaults: &defaults {owner: Marketing, priority: low, status: idea}
urgent: &urgent {priority: high}
opportunity:
  <<: [*urgent, *defaults]
  status: planned
single:
  <<: *defaults
"""
    docs, diags = load(tmp_path, text)
    assert diags == []
    data = docs[0].data
    assert data["defaults"] == {"owner": "Marketing", "priority": "low", "status": "idea"}
    assert data["urgent"] == {"priority": "high"}
    assert data["opportunity"] == {"owner": "Marketing", "priority": "high", "status": "planned"}
    assert data["single"] == {"owner": "Marketing", "priority": "low", "status": "idea"}
    assert data["single"] is not data["defaults"]  # every alias is a fresh copy
    marks, key_marks = docs[0].marks, docs[0].key_marks
    assert marks[("opportunity", "status")] == (5, 11)
    assert key_marks[("opportunity", "status")] == (5, 3)
    assert marks[("opportunity", "owner")] == (4, 7)  # merged: where the merge value is written
    assert key_marks[("opportunity", "owner")] == (4, 3)  # ... and its '<<'
    assert marks[("single",)] == (7, 3)
    assert marks[("single", "owner")] == (7, 7)


def test_aliases_are_marked_at_the_alias(tmp_path: Path) -> None:
    text = "step: &s {action: Search, emotion: 1}\ncopies:\n  - *s\n  - *s\n"
    docs, diags = load(tmp_path, text)
    assert diags == []
    assert docs[0].data["copies"] == [{"action": "Search", "emotion": 1}] * 2
    assert docs[0].marks[("copies", 1)] == (4, 5)
    assert ("copies", 1, "emotion") not in docs[0].marks
    assert docs[0].locate(("copies", 1, "emotion")) == Location(docs[0].path, 4, 5)


def test_scalars_resolve_as_yaml_1_1_core_types_and_dates_stay_dates(tmp_path: Path) -> None:
    text = (
        "issued: 2016-05-25\nwhen: 2018-06-07 10:30:00\nyear: 2015\nratio: 1.5\ndirect: false\n"
        "note: ~\npage: '369'\nequals: =\nmerge: <<\n"
    )
    data = load(tmp_path, text)[0][0].data
    assert data["issued"] == datetime.date(2016, 5, 25) and type(data["issued"]) is datetime.date
    assert data["when"] == datetime.datetime(2018, 6, 7, 10, 30)
    assert (data["year"], data["ratio"], data["direct"], data["note"], data["page"]) == (2015, 1.5, False, None, "369")
    assert (data["equals"], data["merge"]) == ("=", "<<")  # safe_load would fail on these; they are text


# --- syntax errors ----------------------------------------------------------------------------


def test_syntax_error_keeps_earlier_documents_and_stops_the_file(tmp_path: Path) -> None:
    text = "kind: persona\nid: daan\n---\nkind: journey\ntags: [webshop, sport\nowner: x\n---\nbad: [\n"
    docs, diags = load(tmp_path, text)
    assert [d.data["id"] for d in docs] == ["daan"]
    diag = only(diags)  # the second error, in the last document, is not reached
    assert (diag.code, where(diag)) == ("yaml-syntax", (5, 7))  # the '[' left open
    assert "the list [ ] or mapping { } that starts here is not closed properly" in diag.message()
    assert "(YAML parser: expected ',' or ']', but got ':')" in diag.message()


def test_bracket_left_open_at_the_end_of_the_file(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\ngoals: [Run, Swim\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 8))
    assert "is not closed properly" in diag.message()


@pytest.mark.parametrize(
    ("value", "column"),
    [(r'"C:\data"', 10), (r'"C:\Users"', 10), (r'"x \x4g"', 10), (r'"a\tb \q"', 13)],
)
def test_bad_escape_points_at_the_backslash(tmp_path: Path, value: str, column: int) -> None:
    diag = problem(tmp_path, f"kind: persona\nrole: {value}\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, column))
    assert diag.message().startswith('a backslash inside "..." starts a special code, and this one is unknown')


def test_tab_indentation(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\ngoals:\n\t- Play\n")
    assert (diag.code, where(diag)) == ("yaml-tab", (3, 1))
    assert diag.message().startswith("tab character used for indentation; YAML needs spaces")


def test_unclosed_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    diag = problem(tmp_path, 'kind: persona\nquote: "If I can\'t play\nname: Daan\n')
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 8))
    assert "the quote '\"' that starts here is not closed" in diag.message()


def test_colon_in_unquoted_text(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: journey\ntitle: Sale: 50% off\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 12))
    assert "put the whole text in quotes" in diag.message()
    assert "mapping values are not allowed here" in diag.message()


def test_bad_indentation(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nvalue_map:\n  products: [boots]\n pains: []\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (4, 2))
    assert "indentation of this line does not fit" in diag.message()


def test_line_without_colon_points_at_that_line(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nsummary\nname: Daan\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 1))
    assert "this line has no ':'" in diag.message()


def test_markdown_emphasis_at_the_start_of_a_value(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nsummary: **Very** busy\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 10))
    assert "a value cannot start with '*'; put the text in quotes" in diag.message()


def test_undefined_alias(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nsummary: *Important\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 10))
    assert "the alias '*Important' refers to an anchor '&Important' that is not defined" in diag.message()


def test_duplicate_anchor(tmp_path: Path) -> None:
    diag = problem(tmp_path, "a: &x 1\nb: &x 2\n")
    assert (diag.code, where(diag)) == ("yaml-syntax", (2, 4))
    assert "the anchor '&x' is defined twice in this document (first at line 1)" in diag.message()


# --- structure problems -----------------------------------------------------------------------


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\nname: Daan\nrole: Footballer\nname: Dana\n")
    diag = only(diags)
    assert (diag.code, where(diag)) == ("yaml-duplicate-key", (4, 1))
    assert diag.message().startswith("duplicate key 'name' (first at line 2)")
    assert docs[0].data["name"] == "Daan"  # the document is still returned, with the first value


def test_duplicate_key_in_a_nested_mapping(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: touchpoints\ntouchpoints:\n  - id: shop\n    type: primary\n    id: store\n")
    assert (diag.code, where(diag)) == ("yaml-duplicate-key", (5, 5))
    assert "duplicate key 'id' (first at line 3)" in diag.message()


def test_keys_are_text_as_written(tmp_path: Path) -> None:
    text = "kind: persona\n2024: ran\nname: {no: Eva, en: Eve}\ntrue: 1\n~: 2\n1.50: 3\n2016-05-25: 4\n01: 5\n"
    docs, diags = load(tmp_path, text)
    assert diags == []
    data = docs[0].data
    assert list(data) == ["kind", "2024", "name", "true", "~", "1.50", "2016-05-25", "01"]
    assert data["name"] == {"no": "Eva", "en": "Eve"}  # YAML 1.1 would read the key 'no' as false
    assert docs[0].key_marks[("2024",)] == (2, 1)
    assert docs[0].marks[("name", "no")] == (3, 12)


def test_alias_as_key(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "label: &k name\nother:\n  *k : Eva\n")
    assert diags == []
    assert docs[0].data["other"] == {"name": "Eva"}
    assert docs[0].key_marks[("other", "name")] == (3, 3)


def test_list_or_mapping_as_key(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\n? [a, b]\n: 1\n{x: 1}: 2\n")
    assert [(d.code, where(d)) for d in diags] == [("yaml-key-type", (2, 3)), ("yaml-key-type", (4, 1))]
    assert "a key must be plain text" in diags[0].message()
    assert docs[0].data == {"kind": "persona"}


def test_non_mapping_root(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\n---\n- kind: journey\n- kind: persona\n")
    diag = only(diags)
    assert (diag.code, where(diag)) == ("not-a-mapping", (3, 1))
    assert "each document must be a mapping with `kind:`" in diag.message()
    assert diag.message().endswith("but this document is a list")
    assert [d.index for d in docs] == [0]


def test_text_root_is_not_a_mapping(tmp_path: Path) -> None:
    diag = problem(tmp_path, "Just some notes\n")
    assert (diag.code, where(diag)) == ("not-a-mapping", (1, 1))
    assert diag.message().endswith("but this document is a piece of text")


def test_empty_file_and_empty_documents_are_skipped(tmp_path: Path) -> None:
    assert load(tmp_path, "") == ([], [])
    assert load(tmp_path, "# only a comment\n") == ([], [])
    docs, diags = load(tmp_path, "---\n---\n# nothing\n---\nkind: persona\n---\n")
    assert diags == []
    assert [(d.index, d.data) for d in docs] == [(2, {"kind": "persona"})]


# --- tags -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!python/object:__main__.Thing {a: 1}", "!!python/object:__main__.Thing"),
        ("!include other.yml", "!include"),
        ("!Ref daan", "!Ref"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!map [a]", "!!map"),
    ],
)
def test_tags_are_not_allowed(tmp_path: Path, value: str, tag: str) -> None:
    docs, diags = load(tmp_path, f"kind: persona\nsummary: {value}\n")
    diag = only(diags)
    assert (diag.code, where(diag)) == ("yaml-tag", (2, 10))
    assert diag.message() == f"tags such as '{tag}' are not allowed; write the value without the tag"
    assert docs[0].data["kind"] == "persona"


def test_tagged_scalar_keeps_its_text(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\nid: !Ref daan\n")
    assert only(diags).code == "yaml-tag"
    assert docs[0].data["id"] == "daan"


def test_tagged_list_or_mapping_is_left_out(tmp_path: Path) -> None:
    text = "kind: persona\nsummary: !!python/object/apply:os.system [echo]\ngoals: [Run, !!set {a}, Swim]\nname: Eva\n"
    docs, diags = load(tmp_path, text)
    assert [(d.code, where(d)) for d in diags] == [("yaml-tag", (2, 10)), ("yaml-tag", (3, 14))]
    doc = docs[0]
    assert doc.data == {"kind": "persona", "goals": ["Run", "Swim"], "name": "Eva"}
    assert doc.marks[("goals", 1)] == (3, 25)  # indices count the items that are kept
    assert ("summary",) not in doc.marks and ("summary",) not in doc.key_marks


def test_tagged_document_is_left_out(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "--- !!python/object:__main__.Persona\nkind: persona\n")
    assert docs == []
    assert [(d.code, where(d)) for d in diags] == [("yaml-tag", (1, 5))]


def test_tagged_key(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\n!Ref name: Eva\n")
    assert [(d.code, where(d)) for d in diags] == [("yaml-tag", (2, 1))]
    assert docs[0].data == {"kind": "persona", "name": "Eva"}

def test_standard_tags_are_allowed(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "a: !!str 2015\nb: !!int '7'\nc: !!float 1\nd: !!seq [1]\ne: !!map {x: 1}\n")
    assert diags == []
    assert docs[0].data == {"a": "2015", "b": 7, "c": 1.0, "d": [1], "e": {"x": 1}}


# --- values -----------------------------------------------------------------------------------


def test_huge_int(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, "kind: persona\nemotion: " + "9" * 5000 + "\n")
    diag = only(diags)
    assert (diag.code, where(diag)) == ("yaml-value", (2, 10))
    assert "cannot be read as a whole number; if it is meant as text, put it in quotes" in diag.message()
    assert diag.message().startswith("'" + "9" * 40 + "…'")
    assert docs[0].data["emotion"] == "9" * 5000


def test_invalid_date(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: sources\naccessed: 2024-02-30\n")
    assert (diag.code, where(diag)) == ("yaml-value", (2, 11))
    assert diag.message().startswith("'2024-02-30' cannot be read as a date")


def test_merge_of_a_non_mapping(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nvalue_map:\n  <<: 3\n")
    assert (diag.code, where(diag)) == ("yaml-value", (3, 7))
    assert "'<<' (merge) needs an alias to a mapping" in diag.message()


# --- limits -----------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_billion_laughs_ends_with_one_diagnostic(tmp_path: Path) -> None:
    docs, diags = load(tmp_path, BILLION_LAUGHS)
    diag = only(diags)
    # a..e hold about 75_000 values; the 200_000 budget runs out in the second *e of line f
    assert (diag.code, where(diag)) == ("yaml-bomb", (6, 12))
    assert "expands to more than 200000 values (anchor/alias bomb?)" in diag.message()
    assert docs == []


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("a: &a [1, *a]\n", (1, 11)),
        ("a: &a {b: *a}\n", (1, 11)),
        ("a: &a {<<: *a}\n", (1, 12)),
        ("a: &a [[[*a]]]\n", (1, 10)),
    ],
)
def test_recursive_alias(tmp_path: Path, text: str, at: tuple[int, int]) -> None:
    diag = problem(tmp_path, text)
    assert (diag.code, where(diag)) == ("yaml-bomb", at)
    assert "the alias '*a' is used inside its own anchor '&a', so it would repeat forever" in diag.message()


def test_deep_flow_nesting(tmp_path: Path) -> None:
    diag = problem(tmp_path, "[" * 10_000 + "]" * 10_000 + "\n")
    assert (diag.code, where(diag)) == ("yaml-too-deep", (1, MAX_DEPTH + 1))
    assert "nested more than 100 levels deep" in diag.message()


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(1_000))  # 500 kB
    diag = problem(tmp_path, text)
    # the mapping on line 100 is level 100, so its key k99 is the first value on level 101
    assert (diag.code, where(diag)) == ("yaml-too-deep", (MAX_DEPTH, MAX_DEPTH))


def test_nesting_up_to_the_limit_is_fine(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # the document mapping is the first level
    docs, diags = load(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    assert diags == []
    assert docs[0].marks[("a",)] == (1, 4)


def test_deep_nesting_through_aliases(tmp_path: Path) -> None:
    text = "a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 50 + "*a" + "]" * 50 + "\n"
    diag = problem(tmp_path, text)
    assert (diag.code, where(diag)) == ("yaml-too-deep", (2, 54))


def test_file_too_large(tmp_path: Path) -> None:
    diag = problem(tmp_path, "# " + "x" * MAX_FILE_BYTES + "\n")
    assert (diag.code, where(diag)) == ("file-too-large", (1, 1))
    assert "larger than 2 MiB" in diag.message()


# --- encodings --------------------------------------------------------------------------------


def test_latin1_bytes(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nname: Ren\xe9e B\xfcttner\n".encode("latin-1"))
    assert (diag.code, where(diag)) == ("yaml-encoding", (2, 10))
    assert diag.message() == "the file is not saved as UTF-8: byte 0xE9 cannot be read here; save the file as UTF-8"


def test_bad_byte_column_counts_characters(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\r\nname: Ren\u00e9e ".encode("utf-8") + b"\xff\n")
    assert (diag.code, where(diag)) == ("yaml-encoding", (2, 13))


def test_nul_byte(tmp_path: Path) -> None:
    diag = problem(tmp_path, b"kind: persona\nname: Da\x00an\n")
    assert (diag.code, where(diag)) == ("yaml-encoding", (2, 9))
    assert "control character U+0000, which YAML does not allow" in diag.message()


def test_utf16_file(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\n".encode("utf-16"))
    assert (diag.code, where(diag)) == ("yaml-encoding", (1, 1))
    assert diag.message() == "the file is saved as UTF-16; save the file as UTF-8"


def test_load_text_accepts_str_and_bytes(tmp_path: Path) -> None:
    from_str = load_text("kind: persona\n", tmp_path / "a.yml")
    from_bytes = load_text(b"kind: persona\n", tmp_path / "a.yml")
    assert from_str[0][0].data == from_bytes[0][0].data == {"kind": "persona"}
    assert from_str[0][0].path.is_absolute()


# --- folders ----------------------------------------------------------------------------------


def test_discover_order_depth_and_hidden(tmp_path: Path) -> None:
    for name in [
        "b.yml",
        "a.yaml",
        "a/z.yml",
        "a/deeper/still/x.yml",
        "A.YML",
        "notes.txt",
        ".hidden.yml",
        ".git/config.yml",
        "a/.cache/y.yml",
        "yml",
    ]:
        write(tmp_path, name, "kind: persona\n")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["A.YML", "a.yaml", "a/deeper/still/x.yml", "a/z.yml", "b.yml"]
    assert all(p.is_absolute() for p in discover(tmp_path))


def test_load_source_reads_all_files_and_goes_on_after_errors(tmp_path: Path) -> None:
    write(tmp_path, "personas/daan.yml", "kind: persona\nid: daan\n")
    write(tmp_path, "broken.yml", "kind: journey\n\tid: x\n")
    write(tmp_path, "touchpoints.yaml", "kind: touchpoints\ntouchpoints: []\n")
    docs, diags = load_source(tmp_path)
    assert [d.data["kind"] for d in docs] == ["persona", "touchpoints"]
    diag = only(diags)
    assert diag.code == "yaml-tab"
    assert diag.location == Location((tmp_path / "broken.yml").absolute(), 2, 1)


def test_missing_folder(tmp_path: Path) -> None:
    docs, diags = load_source(tmp_path / "journeys")
    diag = only(diags)
    assert docs == []
    assert (diag.code, diag.location) == ("source-missing", Location(tmp_path / "journeys"))
    assert diag.message().endswith("journeys' does not exist")


def test_source_is_a_file(tmp_path: Path) -> None:
    diag = only(load_source(write(tmp_path, "journeys", "kind: persona\n"))[1])
    assert diag.code == "source-missing"
    assert "is not a folder" in diag.message()


def test_folder_without_yaml(tmp_path: Path) -> None:
    write(tmp_path, "journeys/readme.txt", "notes")
    write(tmp_path, "journeys/.draft.yml", "kind: persona\n")
    docs, diags = load_source(tmp_path / "journeys")
    diag = only(diags)
    assert docs == []
    assert (diag.code, diag.location) == ("source-empty", Location(tmp_path / "journeys"))
    assert "contains no .yml or .yaml files" in diag.message()


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "folder.yml").mkdir()
    diag = only(load_file(tmp_path / "folder.yml")[1])
    assert (diag.code, where(diag)) == ("file-unreadable", (1, 1))
    assert diag.message() == "the file cannot be read: it is not a regular file"
    missing = only(load_file(tmp_path / "missing.yml")[1])
    assert missing.code == "file-unreadable"
    assert missing.message().startswith("the file cannot be read: ")


# --- Dutch ------------------------------------------------------------------------------------


def test_dutch_messages(tmp_path: Path) -> None:
    diag = problem(tmp_path, "kind: persona\nname: Daan\nname: Dana\n")
    assert diag.message("nl") == (
        "dubbele sleutel 'name' (eerder op regel 2); een sleutel mag maar één keer voorkomen in hetzelfde blok"
    )
    assert diag.format(base=tmp_path, lang="nl", with_severity=True).startswith("x.yml:3:1: fout: dubbele sleutel")
    tab = problem(tmp_path, "a:\n\tb: 1\n")
    assert tab.message("nl").startswith("tab-teken gebruikt om in te springen; YAML vereist spaties")
    assert tab.message("nl").endswith("(YAML-parser: found character '\\t' that cannot start any token)")
