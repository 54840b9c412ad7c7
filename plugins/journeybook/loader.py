"""Loading: YAML source files become plain Python documents that remember where every value was written.

This is the first stage of the pipeline. It never raises on bad input: every problem becomes a
:class:`~journeybook.diagnostics.Diagnostic` pointing at ``file:line:column``.

How a file is read:

* bytes are decoded as strict UTF-8 (a UTF-8 byte order mark is fine); files over
  :data:`MAX_FILE_BYTES` are not read at all;
* the node graph is composed with limits on nesting depth and node count. When PyYAML has
  libyaml, its C parser makes the events and journeybook's own composer turns them into
  nodes, with the same checks and marks as PyYAML's pure-Python parser, which reads
  everything the C parser cannot vouch for (see :func:`_load_fast`): a syntax error or a
  fatal problem, a tag, a tab, a directive and the other cases where the two parsers differ.
  So what comes back never depends on which parser read the file, only how fast;
* this module then builds the Python values itself, walking the nodes: values are read as
  ``yaml.safe_load`` reads them, but keys are always text as written (``2024:`` is the key
  '2024', the language code ``no:`` stays 'no'); only the standard scalar, list and mapping
  tags are accepted; duplicate and non-scalar keys are reported; merge keys
  (``<<: *defaults``) follow the YAML merge key type (explicit keys win, then earlier merged
  mappings over later ones); alias expansion is bounded by
  :data:`MAX_VALUES` per file.

What comes back for a file:

* documents that hold nothing (an empty file, a bare ``---``, only comments) are skipped;
* a syntax error (or an encoding error, a too deep nesting, an alias bomb) ends the file:
  documents completed before it are still returned, the failing one and the rest are not;
* smaller problems (a tag, a duplicate key, a value that cannot be read) are reported, and
  the document is still returned with a best guess so that later stages can report their
  own findings: a tagged scalar keeps its text, a tagged list or mapping is left out (list
  indices then count the items kept), the first of two duplicate keys wins, a value that
  cannot be read keeps its text as written.

Marks are recorded for the text as written. Values that only exist through an alias
(``*name``) or a merge key get no marks of their own: :meth:`Document.locate` falls back to
the alias, or the merge value, that brought them in.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:  # libyaml's C parser, when PyYAML was built with it
    from yaml._yaml import CParser, get_version
except ImportError:  # pragma: no cover - PyYAML without libyaml
    CParser = None  # type: ignore[assignment,misc]

from .diagnostics import Diagnostic, Location, Msg, Text, diagnostic, display_path

if TYPE_CHECKING:
    from .memo import Memo

__all__ = [
    "Document",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "discover",
    "load_file",
    "load_source",
    "load_text",
]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this are not read."""
MAX_VALUES = 200_000
"""Most values one file may hold, as written and, separately, after expanding aliases."""
MAX_DEPTH = 100
"""Deepest nesting: the document is level 1, the values (and keys) in it level 2, and so on."""
YAML_SUFFIXES = (".yml", ".yaml")

Pos = tuple[int, int]

# --- messages ---------------------------------------------------------------------------------

SYNTAX = Msg("{problem} (YAML parser: {detail})", "{problem} (YAML-parser: {detail})")
SYNTAX_GENERIC = Msg(
    "the text here is not valid YAML",
    "de tekst is hier geen geldige YAML",
)
SYNTAX_TAB = Msg(
    "tab character used for indentation; YAML needs spaces, so replace the tab with spaces",
    "tab-teken gebruikt om in te springen; YAML vereist spaties, dus vervang de tab door spaties",
)
SYNTAX_UNCLOSED_QUOTE = Msg(
    "the quote {quote} that starts here is not closed; add the closing {quote} at the end of the text",
    "het aanhalingsteken {quote} dat hier begint wordt niet gesloten; zet de afsluitende {quote} aan het eind van de tekst",
)
SYNTAX_COLON = Msg(
    "unexpected ': ' here. If this is text that contains a colon followed by a space, put the whole "
    "text in quotes (\"...\"); otherwise check the indentation, and that the key before it has a space after its ':'",
    "onverwachte ': ' hier. Is dit tekst met een dubbele punt en een spatie erin, zet dan de hele tekst "
    "tussen aanhalingstekens (\"...\"); controleer anders de inspringing, en of er een spatie staat na de ':' van de sleutel ervoor",
)
SYNTAX_MISSING_COLON = Msg(
    "this line has no ':' after its key; write 'key: value', or, if it continues the text of the line "
    "above, indent it further than that line's key",
    "deze regel heeft geen ':' na de sleutel; schrijf 'sleutel: waarde', of, als de regel de tekst van "
    "de regel erboven voortzet, laat hem verder inspringen dan de sleutel van die regel",
)
SYNTAX_INDENTATION = Msg(
    "the indentation of this line does not fit the lines above; keys of the same mapping, and '-' items "
    "of the same list, must start at exactly the same column",
    "de inspringing van deze regel past niet bij de regels erboven; sleutels van hetzelfde blok, en "
    "'-'-items van dezelfde lijst, moeten precies in dezelfde kolom beginnen",
)
SYNTAX_TEXT_AFTER_VALUE = Msg(
    "unexpected text after a closing quote or bracket. If the quote or bracket belongs to the text, put "
    "the whole text in the other kind of quotes (\"...\" when it contains ', '...' when it contains \")",
    "onverwachte tekst na een afsluitend aanhalingsteken of haakje. Hoort het teken bij de tekst, zet dan "
    "de hele tekst tussen het andere soort aanhalingstekens (\"...\" als er ' in staat, '...' als er \" in staat)",
)
SYNTAX_BAD_START = Msg(
    "a value cannot start with {char}; put the text in quotes (\"...\")",
    "een waarde kan niet beginnen met {char}; zet de tekst tussen aanhalingstekens (\"...\")",
)
SYNTAX_BRACKETS = Msg(
    "the list [ ] or mapping {{ }} that starts here is not closed properly: a ',' or the closing "
    "bracket is missing. If the brackets belong to the text, put the whole text in quotes",
    "de lijst [ ] of het blok {{ }} dat hier begint is niet goed afgesloten: er ontbreekt een "
    "',' of het sluithaakje. Horen de haakjes bij de tekst, zet dan de hele tekst tussen aanhalingstekens",
)
SYNTAX_UNEXPECTED_END = Msg(
    "the file ends while a value is still open; check for a missing closing bracket ] or }}",
    "het bestand houdt op terwijl een waarde nog open is; controleer of er een sluithaakje ] of }} ontbreekt",
)
SYNTAX_ESCAPE = Msg(
    "a backslash inside \"...\" starts a special code, and this one is unknown; use '...' quotes "
    "instead, or write the backslash twice (\\\\)",
    "een backslash binnen \"...\" begint een speciale code, en deze is onbekend; gebruik '...' "
    "als aanhalingstekens, of schrijf de backslash dubbel (\\\\)",
)
UNDEFINED_ALIAS = Msg(
    "the alias '*{name}' refers to an anchor '&{name}' that is not defined earlier in this document; "
    "if this is text (like *emphasis*), put the whole text in quotes (\"...\")",
    "de alias '*{name}' verwijst naar een anker '&{name}' dat niet eerder in dit document staat; "
    "is dit tekst (zoals *nadruk*), zet dan de hele tekst tussen aanhalingstekens (\"...\")",
)
DUPLICATE_ANCHOR = Msg(
    "the anchor '&{name}' is defined twice in this document (first at line {line}); give each anchor its own name",
    "het anker '&{name}' staat twee keer in dit document (eerder op regel {line}); geef elk anker een eigen naam",
)
NOT_UTF8 = Msg(
    "the file is not saved as UTF-8: byte {byte} cannot be read here; save the file as UTF-8",
    "het bestand is niet als UTF-8 opgeslagen: byte {byte} is hier onleesbaar; sla het bestand op als UTF-8",
)
WRONG_ENCODING = Msg(
    "the file is saved as {encoding}; save the file as UTF-8",
    "het bestand is opgeslagen als {encoding}; sla het bestand op als UTF-8",
)
CONTROL_CHARACTER = Msg(
    "the file contains the control character {char}, which YAML does not allow; remove it (such "
    "characters come along when text is copied from another program, or when the file is not saved as UTF-8)",
    "het bestand bevat het stuurteken {char}, dat YAML niet toestaat; verwijder het (zulke tekens komen "
    "mee als tekst uit een ander programma wordt gekopieerd, of als het bestand niet als UTF-8 is opgeslagen)",
)
TAG = Msg(
    "tags such as '{tag}' are not allowed; write the value without the tag",
    "tags zoals '{tag}' zijn niet toegestaan; schrijf de waarde zonder de tag",
)
DUPLICATE_KEY = Msg(
    "duplicate key '{key}' (first at line {line}); a key may appear only once in the same mapping",
    "dubbele sleutel '{key}' (eerder op regel {line}); een sleutel mag maar één keer voorkomen in hetzelfde blok",
)
KEY_TYPE = Msg(
    "a key must be plain text (like 'name:'), not a list or a mapping",
    "een sleutel moet gewone tekst zijn (zoals 'name:'), geen lijst of blok",
)
BAD_VALUE = Msg(
    "'{value}' cannot be read as {kind}; if it is meant as text, put it in quotes",
    "'{value}' kan niet gelezen worden als {kind}; is het bedoeld als tekst, zet het dan tussen aanhalingstekens",
)
BAD_MERGE = Msg(
    "'<<' (merge) needs an alias to a mapping, like '<<: *defaults', or a list of such aliases",
    "'<<' (samenvoegen) verwacht een alias naar een blok, zoals '<<: *standaard', of een lijst van zulke aliassen",
)
BOMB = Msg(
    "this file expands to more than {limit} values (anchor/alias bomb?); use fewer aliases (*name)",
    "dit bestand groeit uit tot meer dan {limit} waarden (anker/alias-bom?); gebruik minder aliassen (*naam)",
)
RECURSIVE_ALIAS = Msg(
    "the alias '*{name}' is used inside its own anchor '&{name}', so it would repeat forever",
    "de alias '*{name}' staat binnen zijn eigen anker '&{name}' en zou zich dus eindeloos herhalen",
)
TOO_DEEP = Msg(
    "lists and mappings are nested more than {limit} levels deep here; a handbook never needs that many",
    "lijsten en blokken zijn hier meer dan {limit} niveaus diep genest; een handboek heeft er nooit zoveel nodig",
)
FILE_TOO_LARGE = Msg(
    "the file is larger than {limit} MiB, so it is not read; split it into smaller files",
    "het bestand is groter dan {limit} MiB en wordt daarom niet gelezen; verdeel het over kleinere bestanden",
)
TOO_MANY_VALUES = Msg(
    "the file holds more than {limit} values; split it into smaller files",
    "het bestand bevat meer dan {limit} waarden; verdeel het over kleinere bestanden",
)
NOT_A_MAPPING = Msg(
    "each document must be a mapping with `kind:` and its fields (for example `kind: journey`), "
    "but this document is {what}",
    "elk document moet een blok zijn met `kind:` en de bijbehorende velden (bijvoorbeeld `kind: journey`), "
    "maar dit document is {what}",
)
SOURCE_MISSING = Msg(
    "the source folder '{folder}' does not exist",
    "de bronmap '{folder}' bestaat niet",
)
SOURCE_NOT_A_FOLDER = Msg(
    "the source '{folder}' is not a folder",
    "de bron '{folder}' is geen map",
)
SOURCE_EMPTY = Msg(
    "the source folder '{folder}' contains no .yml or .yaml files",
    "de bronmap '{folder}' bevat geen .yml- of .yaml-bestanden",
)
UNREADABLE = Msg(
    "the file cannot be read: {reason}",
    "het bestand kan niet worden gelezen: {reason}",
)
NOT_A_FILE = Msg("it is not a regular file", "het is geen gewoon bestand")

_STANDARD = "tag:yaml.org,2002:"
SEQ_TAG = _STANDARD + "seq"
MAP_TAG = _STANDARD + "map"
MERGE_TAG = _STANDARD + "merge"
NULL_TAG = _STANDARD + "null"

_TRUE_OR_FALSE = Msg("true or false", "true of false")
_A_NUMBER = Msg("a number", "een getal")
_A_DATE = Msg("a date", "een datum")
_KINDS = {  # what a scalar with this tag should look like
    _STANDARD + "int": Msg("a whole number", "een geheel getal"),
    _STANDARD + "float": _A_NUMBER,
    _STANDARD + "bool": _TRUE_OR_FALSE,
    _STANDARD + "timestamp": _A_DATE,
}
_SHAPES: tuple[tuple[type | tuple[type, ...], Msg], ...] = (  # what a document is, when not a mapping
    (list, Msg("a list", "een lijst")),
    (bool, _TRUE_OR_FALSE),
    ((int, float), _A_NUMBER),
    (str, Msg("a piece of text", "een stuk tekst")),
)

# --- tags -------------------------------------------------------------------------------------

_SAFE = SafeConstructor()
_SCALAR_CONSTRUCTORS = {
    _STANDARD + name: getattr(_SAFE, "construct_yaml_" + name)
    for name in ("str", "int", "float", "bool", "null", "timestamp")
}
# '<<' and '=' get their own tags from the resolver even where they are plain text; read them as text.
_TEXT_TAGS = {MERGE_TAG, _STANDARD + "value"}
# The errors PyYAML's scalar constructors raise on bad text (e.g. !!int abc, a 5000 digit int, 2024-02-30).
_SCALAR_ERRORS = (ArithmeticError, AttributeError, LookupError, ValueError)

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what PyYAML counts as a new line


# --- public API -------------------------------------------------------------------------------


@dataclass
class Document:
    """One YAML document of a source file, as plain Python data with the place of every value.

    ``marks`` maps a path of mapping keys and list indices, like ``("phases", 0, "steps", 1,
    "emotion")``, to the 1-based (line, column) where that value starts (``()`` is the root);
    ``key_marks`` maps the path of a mapping entry to where its key starts. A document made
    by :meth:`edited` lists in ``edits`` the mappings and lists in which a value was left out,
    replaced or added.
    """

    path: Path
    index: int
    data: Any
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    spans: dict[tuple, tuple[int, int]] = field(default_factory=dict)  # scalar path -> (start, end) in text
    text: str = field(default="", repr=False)  # the whole file, shared by its documents
    edits: frozenset[tuple] = frozenset()

    def edited(self, drop: Iterable[tuple] = (), put: Mapping[tuple, Any] | None = None) -> Document:
        """A copy without the values at the paths in ``drop``, and with ``put``'s values at theirs.

        A value in ``put`` replaces the value at its path, or is added when the mapping above it
        has no such key. Paths below a dropped or replaced value are ignored. As when the loader
        leaves a value out, list indices then count the items kept: marks move along with their
        values, so every value kept still points at where it is written.
        """
        dropped, put = set(drop), dict(put or {})
        added: dict[tuple, list[tuple[Any, Any]]] = {}
        for path, value in put.items():
            if path:
                added.setdefault(path[:-1], []).append((path[-1], value))
        moved: dict[tuple, tuple] = {}  # old path -> new path, of every value kept

        def keep(value: Any, old: tuple, new: tuple) -> Any:
            moved[old] = new
            if old in put:
                return put[old]
            if isinstance(value, dict):
                out = {k: keep(v, old + (k,), new + (k,)) for k, v in value.items() if old + (k,) not in dropped}
                out.update((k, v) for k, v in added.get(old, ()) if k not in value)
                return out
            if isinstance(value, list):
                items: list = []
                for i, item in enumerate(value):
                    if old + (i,) not in dropped:
                        items.append(keep(item, old + (i,), new + (len(items),)))
                return items
            return value

        data = keep(self.data, (), ())

        def remap(table: dict[tuple, Any]) -> dict[tuple, Any]:
            return {moved[path]: value for path, value in table.items() if path in moved}

        changed = {path[:-1] for path in (*dropped, *put) if path}
        return replace(
            self,
            data=data,
            marks=remap(self.marks),
            key_marks=remap(self.key_marks),
            spans=remap(self.spans),
            edits=frozenset(moved[path] for path in (*self.edits, *changed) if path in moved),
        )

    def locate(self, path: tuple = (), key: bool = False) -> Location:
        """Location of the node at ``path``; if absent, of the longest existing prefix.

        So a path that pydantic reports below a scalar, or a missing key, falls back to the
        nearest enclosing node. ``key=True`` prefers where the key is written (``key_marks``).
        """
        path = tuple(path)
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            pos = (self.key_marks.get(prefix) if key else None) or self.marks.get(prefix)
            if pos is not None:
                return Location(self.path, *pos)
        return Location(self.path)

    def locate_text(self, path: tuple, needle: str, occurrence: int = 0) -> Location:
        """Where the ``occurrence``-th ``needle`` is written inside the scalar at ``path``.

        Exact for every scalar style (plain, quoted, ``|`` and ``>`` blocks), because it looks
        in the source text of the scalar itself; falls back to :meth:`locate` when the needle
        is not written literally there (escaped, or brought in by an alias).
        """
        span = self.spans.get(tuple(path))
        if span is not None and self.text:
            chunk = self.text[span[0] : span[1]]
            found = -1
            for _ in range(occurrence + 1):
                found = chunk.find(needle, found + 1)
                if found < 0:
                    break
            else:
                return Location(self.path, *_position(self.text[: span[0] + found]))
        return self.locate(path)


def load_text(text: str | bytes, path: Path) -> tuple[list[Document], list[Diagnostic]]:
    """The documents in ``text`` (the content of the file at ``path``), and the problems found."""
    path = Path(path).absolute()
    if len(text) > MAX_FILE_BYTES:
        return [], [diagnostic(Location(path), "file-too-large", FILE_TOO_LARGE, limit=MAX_FILE_BYTES // 2**20)]
    decoded = _decode(text, path)
    if isinstance(decoded, Diagnostic):
        return [], [decoded]
    return _load_documents(decoded, path)


def load_file(path: Path, memo: Memo | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """The documents in the file at ``path``, and the problems found; with a ``memo``, read
    again only when the file's bytes changed since the last time."""
    path = Path(path).absolute()
    raw = _read(path)
    if isinstance(raw, Diagnostic):
        return [], [raw]
    if memo is not None:
        return memo.loaded(path, raw, lambda: load_text(raw, path))
    return load_text(raw, path)


def discover(folder: Path) -> list[Path]:
    """Every ``*.yml`` / ``*.yaml`` file below ``folder``, at any depth, sorted by relative path.

    Hidden files and folders (starting with '.') are skipped; symlinked folders are not followed.
    """
    root = Path(folder).absolute()
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [name for name in subdirs if not name.startswith(".")]
        found.extend(Path(directory, name) for name in files if _is_source_name(name))
    return sorted(found, key=lambda file: file.relative_to(root).as_posix())


def load_source(folder: Path, memo: Memo | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """The documents of every YAML file below ``folder``, and the problems found (see :func:`load_file` for ``memo``)."""
    folder = Path(folder).absolute()
    if not folder.is_dir():
        msg = SOURCE_NOT_A_FOLDER if folder.exists() else SOURCE_MISSING
        return [], [diagnostic(Location(folder), "source-missing", msg, folder=display_path(folder))]
    files = discover(folder)
    if not files:
        return [], [diagnostic(Location(folder), "source-empty", SOURCE_EMPTY, folder=display_path(folder))]
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for file in files:
        found, problems = load_file(file, memo)
        documents.extend(found)
        diagnostics.extend(problems)
    return documents, diagnostics


# --- files and encodings ----------------------------------------------------------------------


def _is_source_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(YAML_SUFFIXES)


def _read(path: Path) -> bytes | Diagnostic:
    """The bytes of a regular file, at most one byte more than the size limit."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return diagnostic(Location(path), "file-unreadable", UNREADABLE, reason=NOT_A_FILE)
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return diagnostic(Location(path), "file-unreadable", UNREADABLE, reason=error.strerror or str(error))


def _decode(text: str | bytes, path: Path) -> str | Diagnostic:
    """Strict UTF-8 text without a byte order mark, or the diagnostic why it is not."""
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    for bom, encoding in _BOMS:
        if text.startswith(bom):
            return diagnostic(Location(path), "yaml-encoding", WRONG_ENCODING, encoding=encoding)
    raw = text.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw[: error.start].decode("utf-8"))
        return diagnostic(Location(path, line, column), "yaml-encoding", NOT_UTF8, byte=f"0x{raw[error.start]:02X}")


def _position(before: str) -> Pos:
    """1-based (line, column) of the character that follows ``before``, counting lines as PyYAML does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(before):
        line, start = line + 1, match.end()
    return line, len(before) - start + 1


# --- composing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    """An ``*alias`` as written: the anchored node it stands for, and where the alias itself is."""

    target: Node
    anchor: str
    start_mark: yaml.Mark


class _Abort(Exception):
    """Stops reading a file; carries what to report, and where."""

    def __init__(self, mark: yaml.Mark, code: str, msg: Msg, **args: object) -> None:
        super().__init__(code)
        self.mark, self.code, self.msg, self.fields = mark, code, msg, args

    def diagnostic(self, path: Path) -> Diagnostic:
        return diagnostic(_location(path, self.mark), self.code, self.msg, **self.fields)


class _Checks(Composer):
    """What both composers add to PyYAML's composer, on the events of either parser.

    Limits (nesting depth, number of nodes per file), anchors checked, and each alias kept as
    an :class:`_Alias`, so that problems found while expanding it can point at the alias.
    """

    depth = 0
    nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | _Alias:  # type: ignore[override]
        """The next node, checked against the limits; an alias as :class:`_Alias`."""
        event = self.peek_event()  # type: ignore[attr-defined]  # a parser's, see the subclasses
        if isinstance(event, yaml.AliasEvent):
            return self._compose_alias()
        if event.anchor is not None and event.anchor in self.anchors:
            first = self.anchors[event.anchor].start_mark.line + 1
            raise _Abort(event.start_mark, "yaml-syntax", DUPLICATE_ANCHOR, name=event.anchor, line=first)
        self.nodes += 1
        if self.nodes > MAX_VALUES:
            raise _Abort(event.start_mark, "file-too-large", TOO_MANY_VALUES, limit=MAX_VALUES)
        if self.depth >= MAX_DEPTH:
            raise _Abort(event.start_mark, "yaml-too-deep", TOO_DEEP, limit=MAX_DEPTH)
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[return-value]  # None only at the stream's end
        finally:
            self.depth -= 1

    def _compose_alias(self) -> _Alias:
        event = self.get_event()  # type: ignore[attr-defined]
        if event.anchor not in self.anchors:
            raise _Abort(event.start_mark, "yaml-syntax", UNDEFINED_ALIAS, name=event.anchor)
        return _Alias(self.anchors[event.anchor], event.anchor, event.start_mark)


class _Composer(_Checks, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, used to compose nodes only, with the checks of :class:`_Checks`."""


class _Fallback(Exception):
    """The C parser reads this text differently from PyYAML's pure-Python parser, or may."""


class _FastComposer(_Checks, Resolver):
    """The events of libyaml's C parser, composed by the same Python code as :class:`_Composer`'s.

    Both parsers make the same events, with the same marks, for what a handbook holds (the
    C parser gives plain scalars the style '' instead of None; nothing here reads it). Where
    they may not, this raises :class:`_Fallback`: at a tag (an error in a handbook anyway;
    the C parser reads some of them differently); at a '?' inside a plain scalar in a flow
    collection (``[Why? Because]``: the C parser reads it as text, PyYAML fails); and at a
    value left out in a flow collection (``{ref: , at: x}``: PyYAML marks the empty value
    right after the ':', the C parser at the ','). The other cases are found in the text
    before parsing, see :func:`_load_fast`.
    """

    def __init__(self, stream: str) -> None:
        assert _C_PARSER is not None
        parser = _C_PARSER(stream)
        self.check_event, self.peek_event, self.get_event = parser.check_event, parser.peek_event, parser.get_event
        Composer.__init__(self)
        Resolver.__init__(self)
        self.in_flow = False

    def dispose(self) -> None:
        """Nothing to release (``yaml.compose_all`` calls this)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | _Alias:  # type: ignore[override]
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return super().compose_node(parent, index)
        if event.tag is not None:
            raise _Fallback("tag")
        if isinstance(event, yaml.ScalarEvent):
            if self.in_flow and not event.style and ("?" in event.value or not event.value):
                raise _Fallback("a '?' in a plain scalar, or a value left out, in a flow collection")
            return super().compose_node(parent, index)
        if self.in_flow or not event.flow_style:
            return super().compose_node(parent, index)
        self.in_flow = True  # the outermost flow collection: everything inside it is flow too
        try:
            return super().compose_node(parent, index)
        finally:
            self.in_flow = False


_C_PARSER = CParser if yaml.__with_libyaml__ and CParser is not None and get_version() >= (0, 2, 5) else None
"""libyaml's C parser; None when PyYAML has no libyaml, or one older than 0.2.5: then PyYAML's
own parser reads every file. tests/test_loader_fast.py compares the two (it ran on 0.2.6; 0.2.5
differs from that only in ``[ ? ]``, a value left out in a flow collection, and in having no
nesting limit, and both end in PyYAML's parser here)."""

# What the C parser may read differently from PyYAML (found by comparing the two, see
# tests/test_loader_fast.py): characters PyYAML does not allow (it reports them before reading
# anything), tabs (PyYAML allows them only inside quotes, block scalars and comments), a byte
# order mark after the start (PyYAML does not count it in columns), a '#' right after a block
# scalar's '|' or '>' (PyYAML fails), and, to be safe, directives ('%YAML', '%TAG').
_UNSURE_CHARACTER = re.compile(r"[^\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_UNSURE_TEXT = re.compile(r"[|>][-+0-9]*#|(?:^|\r)%", re.MULTILINE)


def _load_documents(text: str, path: Path) -> tuple[list[Document], list[Diagnostic]]:
    """Compose and build every document of one file; the first fatal problem ends the file."""
    fast = _load_fast(text, path)
    return fast if fast is not None else _load_pure(text, path)


def _load_fast(text: str, path: Path) -> tuple[list[Document], list[Diagnostic]] | None:
    """What :func:`_load_pure` gives, read with libyaml's C parser; None when that one must read it.

    None when there is no C parser; when the text holds something the two parsers may read
    differently (:data:`_UNSURE_CHARACTER`, :data:`_UNSURE_TEXT`, an end without a line break,
    where the C parser would count one more line); and when anything stops the file (a syntax
    error, a fatal problem such as an alias bomb, a :class:`_Fallback`): PyYAML's own parser
    then reads it again, so every message and position is exactly its.
    """
    if _C_PARSER is None or (text and text[-1] not in "\r\n"):
        return None
    if _UNSURE_CHARACTER.search(text) or _UNSURE_TEXT.search(text):
        return None
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    builder = _Builder(path, diagnostics, text)
    try:
        for index, root in enumerate(yaml.compose_all(text, Loader=_FastComposer)):  # type: ignore[arg-type]
            document = builder.document(root, index)
            if document is not None:
                documents.append(document)
    except Exception:  # whatever it is, the pure-Python path decides what to report
        return None
    return documents, diagnostics


def _load_pure(text: str, path: Path) -> tuple[list[Document], list[Diagnostic]]:
    """The documents and problems of one file, read with PyYAML's pure-Python parser."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    builder = _Builder(path, diagnostics, text)
    try:
        for index, root in enumerate(yaml.compose_all(text, Loader=_Composer)):
            document = builder.document(root, index)
            if document is not None:
                documents.append(document)
    except _Abort as abort:
        diagnostics.append(abort.diagnostic(path))
    except yaml.reader.ReaderError as error:
        diagnostics.append(_reader_diagnostic(error, text, path))
    except yaml.MarkedYAMLError as error:
        diagnostics.append(_syntax_diagnostic(error, text, path))
    except RecursionError:  # only when the caller's own stack is already deep
        diagnostics.append(diagnostic(Location(path), "yaml-too-deep", TOO_DEEP, limit=MAX_DEPTH))
    return documents, diagnostics


def _reader_diagnostic(error: yaml.reader.ReaderError, text: str, path: Path) -> Diagnostic:
    """A character YAML does not allow (NUL, other control characters)."""
    line, column = _position(text[: error.position])
    char = f"U+{error.character:04X}"  # for text input PyYAML gives the code point
    return diagnostic(Location(path, line, column), "yaml-encoding", CONTROL_CHARACTER, char=char)


def _syntax_diagnostic(error: yaml.MarkedYAMLError, text: str, path: Path) -> Diagnostic:
    """A scanner or parser error, led by a plain explanation, with PyYAML's words as detail."""
    code, plain, mark = _explain(error, text)
    detail = error.problem or error.context or ""
    return diagnostic(_location(path, mark), code, SYNTAX, problem=plain, detail=detail)


def _explain(error: yaml.MarkedYAMLError, text: str) -> tuple[str, Text, yaml.Mark | None]:
    """Code, plain explanation and best place for a PyYAML error.

    The place is PyYAML's ``problem_mark``, except where the cause is where the construct
    started (an unclosed quote or bracket, a key without ':', a stray '*' or '&'): then
    ``context_mark``; and a bad escape code is placed at its backslash.
    """
    problem, context = error.problem or "", error.context or ""
    at_problem, at_start = error.problem_mark or error.context_mark, error.context_mark or error.problem_mark
    if problem.startswith("found character '\\t'"):
        return "yaml-tab", Text(SYNTAX_TAB), at_problem
    if context == "while scanning a quoted scalar" and problem.startswith("found unexpected"):
        return "yaml-syntax", Text(SYNTAX_UNCLOSED_QUOTE, {"quote": _char_at(text, at_start)}), at_start
    if context == "while scanning a double-quoted scalar" and at_problem is not None:
        return "yaml-syntax", Text(SYNTAX_ESCAPE), _backslash_before(text, at_problem)
    if context in ("while scanning an alias", "while scanning an anchor"):
        return "yaml-syntax", Text(SYNTAX_BAD_START, {"char": _char_at(text, at_start)}), at_start
    if problem.endswith("that cannot start any token"):
        return "yaml-syntax", Text(SYNTAX_BAD_START, {"char": problem.split()[2]}), at_problem
    if context == "while scanning a simple key":
        return "yaml-syntax", Text(SYNTAX_MISSING_COLON), at_start
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return "yaml-syntax", Text(SYNTAX_BRACKETS), at_start
    return "yaml-syntax", _explain_structure(problem), at_problem


def _explain_structure(problem: str) -> Text:
    """Plain words for the remaining errors in the structure: colons, indentation, an early end."""
    if problem == "mapping values are not allowed here":
        return Text(SYNTAX_COLON)
    if problem == "expected <block end>, but found '<scalar>'":
        return Text(SYNTAX_TEXT_AFTER_VALUE)
    if problem.startswith(("expected <block end>", "did not find expected")):
        return Text(SYNTAX_INDENTATION)
    if problem.endswith("'<stream end>'"):
        return Text(SYNTAX_UNEXPECTED_END)
    return Text(SYNTAX_GENERIC)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    """The character at ``mark``, quoted, as in PyYAML's own messages."""
    return repr(text[mark.index]) if mark is not None and mark.index < len(text) else "''"


def _backslash_before(text: str, mark: yaml.Mark) -> yaml.Mark:
    """The place of the backslash that starts the escape code PyYAML stopped in (same line)."""
    start = text.rfind("\\", 0, mark.index)
    if start < 0 or _LINE_BREAK.search(text, start, mark.index):
        return mark
    return yaml.Mark(mark.name, start, mark.line, mark.column - (mark.index - start), None, None)  # type: ignore[arg-type]


def _location(path: Path, mark: yaml.Mark | None) -> Location:
    return Location(path, *_pos(mark)) if mark is not None else Location(path)


def _pos(mark: yaml.Mark) -> Pos:
    return mark.line + 1, mark.column + 1


# --- building values --------------------------------------------------------------------------

_INVALID_KEY = object()
_MERGE_KEY = object()


class _Builder:
    """Builds plain Python values from composed nodes, recording marks and reporting problems.

    One builder reads one file: the value budget is shared by its documents. While building,
    ``record`` says whether marks are kept (only for text as written, at its own path), and
    ``report`` whether problems are reported (not inside an alias: they are reported where
    the anchored value is written, which is always built too, see :meth:`inspect`).
    """

    def __init__(self, path: Path, diagnostics: list[Diagnostic], text: str = "") -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.text = text
        self.values = 0
        self.active: set[int] = set()  # ids of the collections being built, to catch recursive aliases
        self.expanding: _Alias | None = None  # the outermost alias being expanded
        self.marks: dict[tuple, Pos] = {}
        self.key_marks: dict[tuple, Pos] = {}
        self.spans: dict[tuple, tuple[int, int]] = {}

    def document(self, root: Node, index: int) -> Document | None:
        """The document with root node ``root``; None when it is empty, tagged or not a mapping."""
        if isinstance(root, ScalarNode) and root.tag == NULL_TAG:
            return None
        if self.refused(root):
            self.inspect(root, (), 1, report=True)
            return None
        self.marks, self.key_marks, self.spans = {}, {}, {}
        data = self.build(root, (), 1, record=True, report=True)
        if not isinstance(data, dict):
            self.report(root, "not-a-mapping", NOT_A_MAPPING, what=_describe(data))
            return None
        return Document(self.path, index, data, self.marks, self.key_marks, self.spans, self.text)

    def report(self, node: Node | _Alias, code: str, msg: Msg, **args: object) -> None:
        self.diagnostics.append(diagnostic(_location(self.path, node.start_mark), code, msg, **args))

    def build(self, node: Node | _Alias, path: tuple, depth: int, record: bool, report: bool) -> Any:
        """The value of ``node``, which sits at ``path``, nested ``depth`` levels deep."""
        if isinstance(node, _Alias):
            return self.build_alias(node, path, depth, record)
        self.count(node, depth)
        if record:
            self.marks[path] = _pos(node.start_mark)
            if isinstance(node, ScalarNode):
                self.spans[path] = (node.start_mark.index, node.end_mark.index)
        if not self.tag_allowed(node):
            if report:
                self.report(node, "yaml-tag", TAG, tag=_tag_name(node.tag))
            if isinstance(node, ScalarNode):
                return node.value
        if isinstance(node, ScalarNode):
            return self.scalar(node, report)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, path, depth, record, report)
            assert isinstance(node, MappingNode)  # the composer makes no other kind of node
            return self.mapping(node, path, depth, record, report)
        finally:
            self.active.discard(id(node))

    def inspect(self, node: Node | _Alias, path: tuple, depth: int, report: bool) -> None:
        """Build a value that is left out of the data, only to report the problems inside it."""
        self.build(node, path, depth, record=False, report=report)

    def build_alias(self, alias: _Alias, path: tuple, depth: int, record: bool) -> Any:
        """A fresh copy of the anchored value, marked (if at all) at the alias."""
        if id(alias.target) in self.active:
            raise _Abort(alias.start_mark, "yaml-bomb", RECURSIVE_ALIAS, name=alias.anchor)
        if record:
            self.marks[path] = _pos(alias.start_mark)
        outer = self.expanding
        self.expanding = outer or alias
        try:
            return self.build(alias.target, path, depth, record=False, report=False)
        finally:
            self.expanding = outer

    def count(self, node: Node, depth: int) -> None:
        """Charge one value to the file's budget; enforce the depth limit after alias expansion."""
        self.values += 1
        culprit = self.expanding or node
        if self.values > MAX_VALUES:
            raise _Abort(culprit.start_mark, "yaml-bomb", BOMB, limit=MAX_VALUES)
        if depth > MAX_DEPTH:
            raise _Abort(culprit.start_mark, "yaml-too-deep", TOO_DEEP, limit=MAX_DEPTH)

    @staticmethod
    def tag_allowed(node: Node) -> bool:
        if isinstance(node, ScalarNode):
            return node.tag in _SCALAR_CONSTRUCTORS or node.tag in _TEXT_TAGS
        return node.tag == (SEQ_TAG if isinstance(node, SequenceNode) else MAP_TAG)

    def refused(self, node: Node | _Alias) -> bool:
        """A list or mapping with a tag (``!!set {a}``, ``!!python/object [..]``) is left out of the data.

        Its content is rarely what the field needs, so keeping it would only add a second,
        misleading error. A tagged scalar keeps its text instead.
        """
        target = node.target if isinstance(node, _Alias) else node
        return not isinstance(target, ScalarNode) and not self.tag_allowed(target)

    def scalar(self, node: ScalarNode, report: bool) -> Any:
        """The value of a scalar, as ``yaml.safe_load`` reads it; its text as written when that fails."""
        construct = _SCALAR_CONSTRUCTORS.get(node.tag, _SAFE.construct_yaml_str)
        try:
            return construct(node)
        except _SCALAR_ERRORS:
            if report:
                self.report(node, "yaml-value", BAD_VALUE, value=_short(node.value), kind=_KINDS[node.tag])
            return node.value

    def sequence(self, node: SequenceNode, path: tuple, depth: int, record: bool, report: bool) -> list:
        """A list of the items; an index in a path counts the items that are kept."""
        items: list = []
        for item in node.value:
            if self.refused(item):
                self.inspect(item, path, depth + 1, report)
            else:
                items.append(self.build(item, path + (len(items),), depth + 1, record, report))
        return items

    def mapping(self, node: MappingNode, path: tuple, depth: int, record: bool, report: bool) -> dict:
        """A dict of the mapping's entries: merged ones first, then explicit ones overriding them."""
        explicit: dict = {}
        seen: dict[Any, Pos] = {}
        merged: dict = {}
        merge_at: tuple[Pos, Pos] | None = None  # where '<<' and its value are written
        for key_node, value_node in node.value:
            key = self.key(key_node, report)
            if key is _INVALID_KEY or key in seen:
                if key in seen and report:
                    shown = "<<" if key is _MERGE_KEY else _short(key)
                    self.report(key_node, "yaml-duplicate-key", DUPLICATE_KEY, key=shown, line=seen[key][0])
                self.inspect(value_node, path, depth + 1, report)
                continue
            seen[key] = _pos(key_node.start_mark)
            if key is _MERGE_KEY:
                merged = self.merge(value_node, path, depth, report)
                merge_at = seen[key], _pos(value_node.start_mark)
                continue
            if self.refused(value_node):
                self.inspect(value_node, path, depth + 1, report)
                continue
            explicit[key] = self.build(value_node, path + (key,), depth + 1, record, report)
            if record:
                self.key_marks[path + (key,)] = seen[key]
        if record and merge_at is not None:
            for key in merged.keys() - explicit.keys():
                self.key_marks[path + (key,)], self.marks[path + (key,)] = merge_at
        return {**merged, **explicit}

    def key(self, node: Node | _Alias, report: bool) -> str | object:
        """The key's text as written; ``_MERGE_KEY`` for '<<'; ``_INVALID_KEY`` (reported) for a list or mapping.

        Keys are always text: every key in a handbook is a name, and this way ``2024:`` is an
        unknown key '2024' rather than the number 2024, and the language code ``no:`` stays 'no'
        (YAML 1.1 would read it as false).
        """
        target = node.target if isinstance(node, _Alias) else node
        if not isinstance(target, ScalarNode):
            if report:
                self.report(node, "yaml-key-type", KEY_TYPE)
            return _INVALID_KEY
        if target.tag == MERGE_TAG:
            return _MERGE_KEY
        if report and node is target and not self.tag_allowed(target):
            self.report(node, "yaml-tag", TAG, tag=_tag_name(target.tag))
        return target.value

    def merge(self, node: Node | _Alias, path: tuple, depth: int, report: bool) -> dict:
        """The entries a '<<' value brings in; in a list of mappings, earlier ones win (the YAML merge rule)."""
        value = self.build(node, path, depth + 1, record=False, report=report)  # not inspect(): the value is used
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            if report:
                self.report(node, "yaml-value", BAD_MERGE)
            return {}
        merged: dict = {}
        for source in reversed(sources):
            merged.update(source)
        return merged


def _tag_name(tag: str) -> str:
    """A tag as it is written: ``!!binary`` for the standard ones, ``!include`` for local ones."""
    return "!!" + tag[len(_STANDARD) :] if tag.startswith(_STANDARD) else tag


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _describe(value: object) -> Msg:
    """What a (non-mapping) value is, in words."""
    for types, msg in _SHAPES:
        if isinstance(value, types):
            return msg
    return _A_DATE  # all that is left: datetime.date and datetime.datetime
