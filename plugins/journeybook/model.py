"""The validated model of a handbook: one pydantic class per kind of FORMAT.md.

Each document from the loader is validated by :func:`validate_document`. Every model
object remembers the document and key path it came from (``obj.loc("field")``), so the
later stages (cross references, lint, pages) can point at ``file:line:column`` too.
Pydantic's errors are translated into bilingual diagnostics with "did you mean" hints,
one per mistake. Read leniently, a document with errors still gives an object, made of
what is valid in it, so that the cross references of one run cover every document.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .diagnostics import Diagnostic, Location, Msg, closest, diagnostic, suggestion
from .loader import Document

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
LANG_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*")
KINDS = ("persona", "journey", "touchpoints", "sources", "framework", "research", "metrics")
YAML_BOOL_WORDS = "yes, no, on, off, true, false"
_BUILTIN_PATH = Path("<built-in>")


# --------------------------------------------------------------------------- values


class LocalizedText:
    """Author text: one string, or strings per language (``{nl: ..., en: ...}``), in YAML order.

    ``get(lang)`` picks the site language and falls back to the first language given.
    """

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str] | str):
        self.values: dict[str, str] | str = values

    def get(self, lang: str) -> str:
        if isinstance(self.values, str):
            return self.values
        if lang in self.values:
            return self.values[lang]
        return next(iter(self.values.values()), "")

    def languages(self) -> tuple[str, ...]:
        return () if isinstance(self.values, str) else tuple(self.values)

    def all(self) -> list[str]:
        return [self.values] if isinstance(self.values, str) else list(self.values.values())

    def variants(self) -> list[tuple[tuple, str]]:
        """(path below the field, text) per language: ``[((), text)]`` or ``[(("nl",), ...), ...]``."""
        if isinstance(self.values, str):
            return [((), self.values)]
        return [((lang,), text) for lang, text in self.values.items()]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalizedText) and self.values == other.values

    def __hash__(self) -> int:
        return hash(repr(self.values))

    def __repr__(self) -> str:
        return f"LocalizedText({self.values!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.values),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": ["string", "number"]},
                {
                    "type": "object",
                    "propertyNames": {"pattern": f"^{LANG_RE.pattern}$"},
                    "additionalProperties": {"type": ["string", "number"]},
                    "minProperties": 1,
                },
            ],
            "description": "Markdown text, or a map of language codes to Markdown text ({nl: ..., en: ...}).",
        }

    @classmethod
    def _validate(cls, value: Any) -> LocalizedText:
        if isinstance(value, LocalizedText):
            return value
        if isinstance(value, bool):
            raise PydanticCustomError("jb_text_bool", "yes/no word read as true/false", {"value": value})
        if isinstance(value, (str, int, float)):
            return cls(str(value))
        if isinstance(value, (dt.date, dt.datetime)):
            return cls(value.isoformat())
        if isinstance(value, dict) and value:
            out: dict[str, str] = {}
            for lang, text in value.items():
                if not isinstance(lang, str) or not LANG_RE.fullmatch(lang):
                    sentence_like = isinstance(lang, str) and (lang[:1].isupper() or " " in lang)
                    if len(value) == 1 and sentence_like:  # "- Tip: run early": the ': ' made a mapping
                        raise PydanticCustomError("jb_text_colon", "colon in text", {"word": str(lang)})
                    raise PydanticCustomError("jb_text_lang", "bad language code", {"code": str(lang)})
                if isinstance(text, bool) or not isinstance(text, (str, int, float)):
                    raise PydanticCustomError("jb_text_type", "expected text", {"got": _type_name(text)})
                out[lang] = str(text)
            return cls(out)
        raise PydanticCustomError("jb_text_type", "expected text", {"got": _type_name(value)})


class _StandIn(str):
    """The type of :data:`NO_ID`."""


NO_ID: str = _StandIn()
"""Stands in for an id that is missing or invalid in a document read despite its errors
(see :func:`validate_document`): it is empty, so the later stages never register it as a
definition nor look it up as a reference."""


def _validate_slug(value: Any) -> str:
    if value is NO_ID:
        return value
    if not isinstance(value, str) or isinstance(value, bool):
        raise PydanticCustomError("jb_slug_type", "expected an id", {"got": _type_name(value)})
    if not SLUG_RE.fullmatch(value):
        raise PydanticCustomError("jb_slug", "bad id", {"value": value, "hint": slugify(value)})
    return value


class Slug(str):
    """An id: lowercase letters, digits and hyphens, starting with a letter or digit."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_slug)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "pattern": f"^{SLUG_RE.pattern}$"}


def _validate_emotion(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
        raise PydanticCustomError("jb_emotion", "emotion out of range", {"value": shown(value)})
    return value


class Emotion(int):
    """How the customer feels at a step: a whole number from -2 (very negative) to +2 (very positive)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_emotion)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "integer", "minimum": -2, "maximum": 2}


def _validate_number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        comma = isinstance(value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value) is not None
        raise PydanticCustomError("jb_number", "expected a number", {"value": shown(value), "comma": comma})
    return value


class Number(float):
    """A number: a whole number or one with a decimal point (3.4)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_number)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "number"}


def _validate_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError("jb_count", "expected a count", {"value": shown(value)})
    return value


class Amount(int):
    """A count: a whole number, 0 or more."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_count)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "integer", "minimum": 0}


def _validate_day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("jb_day", "expected a date", {"value": shown(value)})


class Day(dt.date):
    """A calendar date, written as YAML writes one: 2026-03-12."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_day, serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.isoformat())
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "format": "date"}


PLACE_RE = re.compile(rf"({SLUG_RE.pattern})(?:/({SLUG_RE.pattern})|#({SLUG_RE.pattern}))?")


def _validate_place(value: Any) -> str:
    if not isinstance(value, str) or isinstance(value, bool) or not PLACE_RE.fullmatch(value.strip()):
        raise PydanticCustomError("jb_place", "not a place", {"value": shown(value)})
    return value.strip()


class Place(str):
    """Where in the handbook: a journey id, ``JOURNEY/STEP`` (a step id) or ``JOURNEY#PHASE`` (a phase id)."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_place)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "pattern": f"^{PLACE_RE.pattern}$"}


def parse_place(place: str) -> tuple[str, str | None, str | None]:
    """``new-boots/checkout`` → (journey, step, None); ``new-boots#purchase`` → (journey, None, phase)."""
    match = PLACE_RE.fullmatch(place)
    if match is None:  # pragma: no cover - validated by Place
        return place, None, None
    return match.group(1), match.group(2), match.group(3)


def shown(value: Any, limit: int = 40) -> str:
    """A value as the author wrote it in YAML: 'text' (quoted), true, 5, 2016-05-25; shortened."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        text = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=10**6).strip()
    else:
        text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def slugify(text: str) -> str:
    """A best-effort slug: lowercase, accents dropped, runs of other characters become '-'."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def _validate_plain(value: Any) -> str:
    if isinstance(value, bool):
        raise PydanticCustomError("jb_text_bool", "yes/no word read as true/false", {"value": value})
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise PydanticCustomError("jb_text_type", "expected text", {"got": _type_name(value)})


def _validate_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise PydanticCustomError("jb_bool", "expected true or false", {"value": shown(value)})
    return value


# One line of plain text (a team name, a tag): numbers and dates are taken as written,
# yes/no words get the same hint as in Markdown text.
PlainText = Annotated[str, PlainValidator(_validate_plain), WithJsonSchema({"type": ["string", "number"]})]
StrictBool = Annotated[bool, PlainValidator(_validate_bool), WithJsonSchema({"type": "boolean"})]
Level = Literal["low", "medium", "high"]


# --------------------------------------------------------------------------- base


class LocatedDict(dict):
    """A mapping from a document, tagged with its document and key path (see :func:`locate_data`)."""

    doc: Document | None = None
    path: tuple = ()


class _Dumper(yaml.SafeDumper):
    """Writes values back as YAML for messages; located mappings (and stand-ins) as plain ones."""


_Dumper.add_representer(LocatedDict, yaml.representer.SafeRepresenter.represent_dict)
_Dumper.add_representer(_StandIn, yaml.representer.SafeRepresenter.represent_str)


def locate_data(data: Any, doc: Document, path: tuple = ()) -> Any:
    """Copy ``data`` with every mapping turned into a :class:`LocatedDict` that knows its place."""
    if isinstance(data, dict):
        out = LocatedDict((k, locate_data(v, doc, path + (k,))) for k, v in data.items())
        out.doc, out.path = doc, path
        return out
    if isinstance(data, list):
        return [locate_data(v, doc, path + (i,)) for i, v in enumerate(data)]
    return data


def _shorthand(value: Any, key: str, parent: Any, path: tuple) -> Any:
    """``"text"`` → ``{key: "text"}``, keeping the place of the string for later errors."""
    if isinstance(value, dict) or value is None or isinstance(value, list):
        return value
    out = LocatedDict({key: value})
    if isinstance(parent, LocatedDict):
        out.doc, out.path = parent.doc, parent.path + path
    return out


class Record(BaseModel):
    """Base of all models: unknown keys are errors, and every object knows where it came from."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    _doc: Document | None = PrivateAttr(default=None)
    _path: tuple = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _remember_origin(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, LocatedDict) and data.doc is not None:
            obj._doc, obj._path = data.doc, data.path
        return obj

    def loc(self, *sub: Any, key: bool = False) -> Location:
        """Where this object (or one of its fields / list items) stands in its file."""
        if self._doc is None:
            return Location(_BUILTIN_PATH)
        return self._doc.locate(self._path + sub, key=key)

    def loc_text(self, path: tuple, needle: str, occurrence: int = 0) -> Location:
        """Where ``needle`` is written in the text at ``path`` below this object."""
        if self._doc is None:
            return Location(_BUILTIN_PATH)
        return self._doc.locate_text(self._path + path, needle, occurrence)

    @property
    def doc(self) -> Document | None:
        return self._doc


# --------------------------------------------------------------------------- persona


class ValueMap(Record):
    """Osterwalder's Value Map: what the company offers against the persona's pains and gains."""

    products: list[LocalizedText] = Field(default_factory=list, description="Products and services offered.")
    pain_relievers: list[LocalizedText] = Field(default_factory=list, description="How the offer relieves pains.")
    gain_creators: list[LocalizedText] = Field(default_factory=list, description="How the offer creates gains.")


class Persona(Record):
    """A customer archetype that journeys are told from."""

    kind: Literal["persona"]
    id: Slug = Field(description="Slug; defaults to the file name.")
    name: LocalizedText | None = Field(None, description="Display name (defaults to the id).")
    role: LocalizedText | None = Field(None, description="One line: who this is.")
    summary: LocalizedText | None = Field(None, description="Who the persona is and what they need, in Markdown.")
    urgency: Level | None = Field(None, description="How urgent the persona's need is.")
    quote: LocalizedText | None = Field(None, description="Something the persona typically says.")
    goals: list[LocalizedText] = Field(default_factory=list, description="What the persona wants to achieve.")
    jobs: list[LocalizedText] = Field(default_factory=list, description="Jobs to be done: tasks the persona wants to get done.")
    pains: list[LocalizedText] = Field(default_factory=list, description="What bothers or blocks the persona.")
    gains: list[LocalizedText] = Field(default_factory=list, description="What the persona would be glad to get.")
    channels: list[Slug] = Field(default_factory=list, description="Touchpoint ids the persona prefers.")
    value_map: ValueMap | None = Field(None, description="What the organisation offers this persona (Value Map).")
    reviewed: Day | None = Field(None, description="When the persona was last checked against reality (e.g. 2026-10-01).")


# --------------------------------------------------------------------------- touchpoints


class Touchpoint(Record):
    """A moment of contact between customer and organisation, shared by all journeys."""

    id: Slug = Field(description="Slug that journeys use to refer to this touchpoint.")
    name: LocalizedText | None = Field(None, description="Display name (defaults to the id).")
    type: Literal["primary", "supporting"] = Field(
        "primary", description="primary (website, webshop, store, social media) or supporting (leaflet, staff, invoice)."
    )
    channel: Literal["online", "offline"] | None = Field(None, description="online or offline.")
    direct: StrictBool = Field(False, description="True for direct human contact (phone, chat, store staff).")
    owner: PlainText | None = Field(None, description="Team or person responsible.")
    description: LocalizedText | None = Field(None, description="What this touchpoint is, in Markdown.")


class TouchpointCatalog(Record):
    """The touchpoint catalog, shared by all journeys."""

    kind: Literal["touchpoints"]
    touchpoints: list[Touchpoint] = Field(default_factory=list, description="The touchpoints, shared by all journeys.")


# --------------------------------------------------------------------------- sources

CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)  # fmt: skip
CSL_NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator",
)  # fmt: skip
CSL_DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
CSL_TEXT_VARIABLES = (
    "abstract", "annote", "archive", "archive_location", "archive-place", "authority",
    "call-number", "chapter-number", "citation-label", "collection-number", "collection-title",
    "container-title", "container-title-short", "dimensions", "division", "DOI", "edition",
    "event-place", "event-title", "genre", "ISBN", "ISSN", "issue", "jurisdiction", "keyword",
    "language", "license", "medium", "note", "number", "number-of-pages", "number-of-volumes",
    "original-publisher", "original-publisher-place", "original-title", "page", "page-first",
    "part-number", "part-title", "PMCID", "PMID", "publisher", "publisher-place", "references",
    "reviewed-title", "scale", "section", "source", "status", "supplement-number", "title",
    "title-short", "URL", "version", "volume", "volume-title", "year-suffix",
)  # fmt: skip


class Name(Record):
    """A CSL name: ``{family, given}`` or ``{literal}`` for organisations."""

    family: str | None = Field(None, description="Family name.")
    given: str | None = Field(None, description="Given name or initials.")
    literal: str | None = Field(None, description="A name as written, for organisations (e.g. UX Mastery).")
    suffix: str | None = None
    dropping_particle: str | None = Field(None, alias="dropping-particle")
    non_dropping_particle: str | None = Field(None, alias="non-dropping-particle")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"literal": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _needs_a_name(self) -> Name:
        if not (self.family or self.literal):
            raise PydanticCustomError("jb_name", "a name needs family or literal", {})
        return self

    def sort_key(self) -> str:
        return (self.family or self.literal or "").lower()


def _validate_csl_date(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("jb_date", "bad date", {"value": value})
    if isinstance(value, (int, dt.date)):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        return value.strip()
    if isinstance(value, dict) and set(value) <= {"date-parts", "literal", "raw", "season", "circa"}:
        return dict(value)
    raise PydanticCustomError("jb_date", "bad date", {"value": value})


class CslDate:
    """A CSL date: a year (2015), a date (2016-05-25), "2016-05" or CSL's ``{date-parts: [[2016, 5]]}``."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_csl_date)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "integer"},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "object"},
            ]
        }


_CSL_NAMES_HELP = "People or organisations: {family, given} or {literal}; one, or a list."
_CSL_DATE_HELP = "A year (2015), a date (2016-05-25) or CSL date-parts."


def _csl_field(name: str) -> tuple[Any, Any]:
    if name in CSL_NAME_VARIABLES:
        return (list[Name], Field(default_factory=list, alias=name, description=_CSL_NAMES_HELP))
    if name in CSL_DATE_VARIABLES:
        return (CslDate | None, Field(None, alias=name, description=_CSL_DATE_HELP))
    return (str | int | None, Field(None, alias=name))


def _py_name(csl: str) -> str:
    return csl.replace("-", "_")


class _SourceBase(Record):
    id: Slug = Field(description="Citation key, used as [@key] in text.")
    type: Literal[CSL_TYPES] = Field(  # type: ignore[valid-type]
        "document", description="CSL item type, e.g. book, article-journal, webpage, motion_picture, report."
    )

    @field_validator(*[_py_name(n) for n in CSL_NAME_VARIABLES], mode="before", check_fields=False)
    @classmethod
    def _one_name(cls, value: Any) -> Any:
        return [value] if isinstance(value, (str, dict)) else value

    def csl(self) -> dict[str, Any]:
        """The entry as CSL-JSON (hyphenated keys, names as dicts, dates as date-parts)."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if name in ("id", "type") or value in (None, []):
                continue
            key = field.alias or name
            if key in CSL_NAME_VARIABLES:
                value = [n.model_dump(by_alias=True, exclude_none=True) for n in value]
            elif key in CSL_DATE_VARIABLES:
                value = csl_date_parts(value)
            out[key] = value
        return out


def csl_date_parts(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, int):
        return {"date-parts": [[value]]}
    if isinstance(value, dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    return {"date-parts": [[int(p) for p in str(value).split("-")]]}


Source = create_model(  # type: ignore[call-overload]
    "Source",
    __base__=_SourceBase,
    __doc__="A bibliography entry in CSL form, as Zotero and pandoc write it.",
    **{_py_name(n): _csl_field(n) for n in CSL_NAME_VARIABLES + CSL_DATE_VARIABLES + CSL_TEXT_VARIABLES},
)


class SourceList(Record):
    """The bibliography: the sources that text cites as [@key]."""

    kind: Literal["sources"]
    sources: list[Source] = Field(default_factory=list, description="Bibliography entries in CSL form.")


# --------------------------------------------------------------------------- framework


class FrameworkPhase(Record):
    """One phase of a phase model, with the questions and guidance that belong to it."""

    id: Slug = Field(description="Phase id that journeys use in 'phase:'.")
    name: LocalizedText | None = Field(None, description="Display name (defaults to the id).")
    summary: LocalizedText | None = Field(None, description="What happens in this phase, in Markdown.")
    checklist: list[LocalizedText] = Field(default_factory=list, description="Questions a team asks in this phase.")
    guidance: list[LocalizedText] = Field(default_factory=list, description="Markdown with [@key] citations.")


class Framework(Record):
    """A phase model (built in, or defined by the handbook; same id overrides a built-in)."""

    kind: Literal["framework"]
    id: Slug = Field(description="Slug; defaults to the file name. A built-in framework with the same id is replaced.")
    extends: Slug | None = Field(
        None,
        description="Id of a framework to build on: its phases come first; phases listed here with the same id "
        "add their checklist and guidance (and may rename or re-summarise the phase); new ids are appended.",
    )
    name: LocalizedText | None = Field(None, description="Display name (defaults to the id).")
    summary: LocalizedText | None = Field(None, description="What this phase model is for, in Markdown.")
    phases: list[FrameworkPhase] = Field(min_length=1, description="The phases, in order.")
    # Each phase id once: checked with the cross references (handbook.py), like every id.

    def phase(self, phase_id: str) -> FrameworkPhase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def phase_ids(self) -> list[str]:
        return [p.id for p in self.phases]


# --------------------------------------------------------------------------- journey


class TouchpointUse(Record):
    """A touchpoint at a step: a catalog id, optionally with how it felt and a note."""

    ref: Slug = Field(description="A touchpoint id from the catalog.")
    sentiment: Literal["positive", "neutral", "negative"] | None = Field(
        None, description="How the contact felt: positive, neutral or negative."
    )
    note: LocalizedText | None = Field(None, description="A remark about this contact, in Markdown.")


_EVIDENCE_HELP = "Finding ids (from research documents) this rests on; its evidence level is derived from them."


def _one_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class PainPoint(Record):
    """A problem the customer runs into at a step."""

    text: LocalizedText = Field(description="The problem, in Markdown.")
    severity: Level | None = Field(None, description="How bad it is: low, medium or high.")
    evidence: list[Slug] = Field(default_factory=list, description=_EVIDENCE_HELP)

    _evidence_list = field_validator("evidence", mode="before")(_one_or_list)


class Opportunity(Record):
    """An improvement the organisation could make at a step; or, with ``ref``, one defined at another step."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["ref"]}]})

    id: Slug | None = Field(None, description="Optional; unique across the handbook, so that other steps can use it with 'ref'.")
    ref: Slug | None = Field(None, description="The id of an opportunity defined at another step: the same backlog item, serving this step too.")
    text: LocalizedText | None = Field(None, description="The improvement, in Markdown (required unless 'ref' is given).")
    owner: PlainText | None = Field(None, description="Team or person responsible.")
    priority: Level | None = Field(None, description="low, medium or high.")
    status: Literal["idea", "planned", "doing", "done"] = Field("idea", description="idea, planned, doing or done.")
    impact: Level | None = Field(None, description="Value for customer and business: low, medium or high.")
    effort: Level | None = Field(None, description="Work it takes: low, medium or high.")
    evidence: list[Slug] = Field(default_factory=list, description=_EVIDENCE_HELP)

    _evidence_list = field_validator("evidence", mode="before")(_one_or_list)


class Step(Record):
    """What the customer does at one moment, and what they think and feel."""

    id: Slug | None = Field(None, description="Optional; unique within the journey. Elsewhere the step is JOURNEY/STEP.")
    action: LocalizedText = Field(description="What the customer does.")
    thinking: LocalizedText | None = Field(None, description="What the customer thinks.")
    emotion: Emotion | None = Field(None, description="-2 (very negative) .. +2 (very positive).")
    touchpoints: list[TouchpointUse] = Field(
        default_factory=list, description="Touchpoints at this step: a catalog id, or {ref, sentiment, note}."
    )
    pain_points: list[PainPoint] = Field(default_factory=list, description="Pain points: a text, or {text, severity}.")
    opportunities: list[Opportunity] = Field(
        default_factory=list,
        description="Opportunities: a text, {text, id, owner, priority, status, impact, effort, evidence}, or {ref} to one defined elsewhere.",
    )
    evidence: list[Slug] = Field(default_factory=list, description=_EVIDENCE_HELP)
    frontstage: list[LocalizedText] = Field(
        default_factory=list, description="Service blueprint: what employees do here that the customer sees."
    )
    backstage: list[LocalizedText] = Field(
        default_factory=list, description="Service blueprint: what employees do here out of the customer's sight."
    )
    support: list[LocalizedText] = Field(
        default_factory=list, description="Service blueprint: the systems and processes that support this step."
    )
    fail_point: LocalizedText | None = Field(None, description="Service blueprint: what can go wrong here, in Markdown.")

    _evidence_list = field_validator("evidence", mode="before")(_one_or_list)

    def has_lanes(self) -> bool:
        return bool(self.frontstage or self.backstage or self.support or self.fail_point)

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthands(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        shorthand = {"touchpoints": "ref", "pain_points": "text", "opportunities": "text"}
        for field_name, key in shorthand.items():
            items = data.get(field_name)
            if isinstance(items, list):
                data[field_name] = [
                    _shorthand(item, key, data, (field_name, i)) for i, item in enumerate(items)
                ]
        return data


class JourneyPhase(Record):
    """What happens in one phase of the framework."""

    phase: Slug = Field(description="A phase id of the journey's framework; keep the framework's order.")
    goal: LocalizedText | None = Field(None, description="What the organisation wants to reach in this phase.")
    steps: list[Step] = Field(default_factory=list, description="The customer's steps in this phase, in order.")
    checklist: list[LocalizedText] = Field(default_factory=list, description="Added to the framework's checklist.")
    guidance: list[LocalizedText] = Field(default_factory=list, description="Added to the framework's guidance.")


class Journey(Record):
    """The route one or more personas travel, phase by phase."""

    kind: Literal["journey"]
    id: Slug = Field(description="Slug; defaults to the file name.")
    title: LocalizedText | None = Field(None, description="Title of the journey (defaults to the id).")
    persona: list[Slug] = Field(default_factory=list, description="A persona id, or a list of ids.")
    framework: Slug | None = Field(None, description="Phase model; default: the site's framework.")
    summary: LocalizedText | None = Field(None, description="A short description of the journey, in Markdown.")
    scenario: LocalizedText | None = Field(None, description="The situation the journey starts from, in Markdown.")
    expectations: list[LocalizedText] = Field(default_factory=list, description="What the customer expects.")
    owner: PlainText | None = Field(None, description="Team or person responsible.")
    tags: list[PlainText] = Field(default_factory=list, description="Free labels.")
    phases: list[JourneyPhase] = Field(
        default_factory=list, description="The phases the customer goes through; a phase may be left out, not repeated."
    )
    state: Literal["as-is", "to-be"] = Field(
        "as-is", description="as-is (the journey as customers live it now, the default) or to-be (a designed future state)."
    )
    improves: Slug | None = Field(None, description="For a to-be journey: the id of the as-is journey it replaces.")
    reviewed: Day | None = Field(None, description="When the journey was last checked against reality (e.g. 2026-10-01).")

    @field_validator("persona", mode="before")
    @classmethod
    def _one_persona(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise PydanticCustomError("jb_persona_type", "expected persona ids", {"got": _type_name(value)})
        return value

    def steps(self) -> Iterator[tuple[JourneyPhase, Step]]:
        for phase in self.phases:
            for step in phase.steps:
                yield phase, step

    def lowest_emotion(self, phase: JourneyPhase | None = None) -> int | None:
        """The worst feeling of the journey (or of one of its phases); None when none is recorded."""
        steps = phase.steps if phase is not None else [step for _phase, step in self.steps()]
        scores = [step.emotion for step in steps if step.emotion is not None]
        return min(scores) if scores else None

    def has_lanes(self) -> bool:
        """Whether any step has a service-blueprint lane or a fail point."""
        return any(step.has_lanes() for _phase, step in self.steps())

    def step(self, step_id: str) -> tuple[JourneyPhase, Step] | None:
        """The step with id ``step_id`` and its phase (the first, should the id be repeated)."""
        return next(((phase, step) for phase, step in self.steps() if step.id == step_id), None)

    def phase(self, phase_id: str) -> JourneyPhase | None:
        return next((p for p in self.phases if p.phase == phase_id), None)


# --------------------------------------------------------------------------- research

METHODS = ("interview", "survey", "analytics", "observation", "usability-test", "support-tickets", "desk-research")
OBSERVING_METHODS = ("observation", "analytics", "usability-test", "support-tickets")  # what people do
# The others (interview, survey, desk-research) give what people say, or what others wrote.


class Finding(Record):
    """One thing a piece of research found, which steps, pain points and opportunities can rest on."""

    id: Slug = Field(description="Unique across all research documents; steps refer to it in 'evidence'.")
    text: LocalizedText = Field(description="What was found, in Markdown.")
    quote: LocalizedText | None = Field(None, description="Something a participant said, verbatim.")
    participants: Amount | None = Field(None, description="How many participants this applies to.")


class Research(Record):
    """A piece of research (interviews, a survey, analytics ...) and what it found."""

    kind: Literal["research"]
    id: Slug = Field(description="Slug; defaults to the file name.")
    title: LocalizedText | None = Field(None, description="Title of the research (defaults to the id).")
    method: Literal[METHODS] = Field(  # type: ignore[valid-type]
        description="interview, survey, analytics, observation, usability-test, support-tickets or desk-research; "
        "observation, analytics, usability-test and support-tickets give observed evidence, the others reported evidence."
    )
    date: Day | None = Field(None, description="When the research was done (e.g. 2026-03-12).")
    source: Slug | None = Field(None, description="A sources id for the report of this research.")
    summary: LocalizedText | None = Field(None, description="What was done and with whom, in Markdown.")
    findings: list[Finding] = Field(default_factory=list, description="What the research found.")


# --------------------------------------------------------------------------- metrics


class Metric(Record):
    """A number the organisation tracks per step, phase or journey."""

    id: Slug = Field(description="Slug that measurements use in 'metric'.")
    name: LocalizedText | None = Field(None, description="Display name (defaults to the id).")
    description: LocalizedText | None = Field(None, description="What is measured and how, in Markdown.")
    unit: PlainText | None = Field(None, description="Shown after values, e.g. '/5', '%' or ' min'.")
    min: Number | None = Field(None, description="Lowest possible value, if the scale has one.")
    max: Number | None = Field(None, description="Highest possible value, if the scale has one.")
    better: Literal["higher", "lower"] = Field("higher", description="Which way is better: higher or lower.")
    target: Number | None = Field(None, description="The target every measurement is held against, unless it sets its own.")
    owner: PlainText | None = Field(None, description="Team or person responsible.")


class Measurement(Record):
    """One value of a metric, at one place, on one date."""

    metric: Slug = Field(description="A metric id.")
    at: Place = Field(description="Where: a journey id, JOURNEY/STEP or JOURNEY#PHASE.")
    value: Number = Field(description="The measured value.")
    date: Day = Field(description="When it was measured (e.g. 2026-09-30).")
    target: Number | None = Field(None, description="The target at that date (default: the metric's target).")


class MetricSet(Record):
    """Metrics, and their measurements: written here, or in CSV files next to this file."""

    kind: Literal["metrics"]
    metrics: list[Metric] = Field(default_factory=list, description="The metrics defined here.")
    measurements: list[Measurement] = Field(
        default_factory=list, description="Measurements: {metric, at, value, date, target}."
    )
    files: list[PlainText] = Field(
        default_factory=list,
        description="CSV files with measurements, relative to this file; header metric,at,value,date (and optionally target).",
    )


MODELS: dict[str, type[Record]] = {
    "persona": Persona,
    "journey": Journey,
    "touchpoints": TouchpointCatalog,
    "sources": SourceList,
    "framework": Framework,
    "research": Research,
    "metrics": MetricSet,
}
ID_FROM_STEM = ("persona", "journey", "framework", "research")


# --------------------------------------------------------------------------- validation

M_MISSING_KIND = Msg(
    "missing 'kind:'; every document says what it is: one of {kinds}",
    "'kind:' ontbreekt; elk document zegt wat het is: een van {kinds}",
)
M_UNKNOWN_KIND = Msg("unknown kind {kind}{hint}", "onbekende kind {kind}{hint}")
M_UNKNOWN_KEY = Msg("unknown key {key!r}{hint}", "onbekende sleutel {key!r}{hint}")
M_MISSING = Msg("missing required key {key!r}", "verplichte sleutel {key!r} ontbreekt")
M_CHOICE = Msg("{value} is not allowed for '{key}'{hint}", "{value} is niet toegestaan bij '{key}'{hint}")
M_EMOTION = Msg(
    "emotion must be a whole number from -2 to +2, got {value}",
    "emotion moet een heel getal van -2 tot +2 zijn, niet {value}",
)
M_SLUG = Msg(
    "{value!r} is not a valid id: use lowercase letters, digits and hyphens (e.g. {hint!r})",
    "{value!r} is geen geldige id: gebruik kleine letters, cijfers en streepjes (bijv. {hint!r})",
)
M_SLUG_TYPE = Msg("expected an id (text), got {got}", "verwacht een id (tekst), niet {got}")
M_TEXT_TYPE = Msg(
    "expected text or a map of languages to text ({{nl: ..., en: ...}}), got {got}",
    "verwacht tekst of per taal een tekst ({{nl: ..., en: ...}}), niet {got}",
)
M_TEXT_BOOL = Msg(
    "YAML reads this word as true/false ({words}); put the text in quotes",
    "YAML leest dit woord als true/false ({words}); zet de tekst tussen aanhalingstekens",
)
M_TEXT_LANG = Msg(
    "'{code}' is not a language code; use codes like 'nl' or 'en'",
    "'{code}' is geen taalcode; gebruik codes als 'nl' of 'en'",
)
M_TEXT_COLON = Msg(
    "the ': ' after '{word}' turned this text into a key and a value; put the whole text in quotes (\"...\")",
    "door de ': ' na '{word}' werd deze tekst een sleutel met een waarde; zet de hele tekst tussen aanhalingstekens (\"...\")",
)
M_PERSONA_TYPE = Msg("expected a persona id or a list of ids, got {got}", "verwacht een persona-id of een lijst van id's, niet {got}")
M_BOOL = Msg("expected true or false, got {value}", "verwacht true of false, niet {value}")
M_TYPE = Msg("expected {expected}, got {got}", "verwacht {expected}, niet {got}")
M_TOO_SHORT = Msg("{key!r} needs at least one item", "{key!r} moet minstens één item hebben")
M_DATE = Msg(
    "{value!r} is not a date; write a year (2015) or a date (2016-05-25)",
    "{value!r} is geen datum; schrijf een jaar (2015) of een datum (2016-05-25)",
)
M_NAME = Msg(
    "a name needs 'family' (and 'given') or 'literal'",
    "een naam heeft 'family' (en 'given') of 'literal' nodig",
)
M_NUMBER = Msg("expected a number, got {value}", "verwacht een getal, niet {value}")
M_NUMBER_COMMA = Msg(
    "expected a number, got {value}; write the decimal with a point (3.4)",
    "verwacht een getal, niet {value}; schrijf decimalen met een punt (3.4)",
)
M_COUNT = Msg("expected a whole number, 0 or more, got {value}", "verwacht een heel getal, 0 of meer, niet {value}")
M_DAY = Msg("{value} is not a date; write it as 2026-03-12", "{value} is geen datum; schrijf hem als 2026-03-12")
M_PLACE = Msg(
    "{value} is not a place in the handbook; write a journey id, JOURNEY/STEP (a step id) or JOURNEY#PHASE",
    "{value} is geen plek in het handboek; schrijf een journey-id, JOURNEY/STAP (een stap-id) of JOURNEY#FASE",
)
M_OTHER = Msg("{detail}", "{detail}")

EXPECTED = {
    "string_type": Msg("text", "tekst"),
    "int_type": Msg("a whole number", "een heel getal"),
    "int_parsing": Msg("a whole number", "een heel getal"),
    "bool_type": Msg("true or false", "true of false"),
    "bool_parsing": Msg("true or false", "true of false"),
    "list_type": Msg("a list", "een lijst"),
    "dict_type": Msg("a mapping (key: value)", "een mapping (sleutel: waarde)"),
    "model_type": Msg("a mapping (key: value)", "een mapping (sleutel: waarde)"),
    "model_attributes_type": Msg("a mapping (key: value)", "een mapping (sleutel: waarde)"),
}


def validate_document(doc: Document, lenient: bool = False) -> tuple[Record | None, list[Diagnostic]]:
    """Validate one loaded document against the model of its ``kind``; one diagnostic per mistake.

    A document with problems gives no object, unless ``lenient``: then it gives what is left
    once its invalid values are set aside (see :func:`_salvage`), so that the cross
    references of everything valid in it can still be checked. That object is None only
    when not even that can be made: no kind, an unknown kind, or an object that cannot exist
    without what is invalid (a framework without phases).
    """
    data = doc.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind is None:
        return None, [diagnostic(doc.locate(), "missing-kind", M_MISSING_KIND, kinds=", ".join(KINDS))]
    if not isinstance(kind, str) or kind not in MODELS:
        hint = suggestion(str(kind), KINDS)
        return None, [diagnostic(doc.locate(("kind",)), "unknown-kind", M_UNKNOWN_KIND, kind=shown(kind), hint=hint)]
    node, errors = _validate(kind, doc)
    model = MODELS[kind]
    errors = _one_per_mistake(errors, doc.data, model)
    problems = [_translate(err, doc, model) for err in errors]
    if node is not None or not lenient:
        return node, problems
    node, more = _salvage(kind, doc, errors)
    return node, problems + more


def validate_as(model: type[Record], doc: Document) -> tuple[Record | None, list[Diagnostic]]:
    """A document (not one of the handbook's kinds: a view block of a page) as a ``model``."""
    try:
        return model.model_validate(locate_data(doc.data, doc)), []
    except ValidationError as exc:
        errors = _one_per_mistake(exc.errors(), doc.data, model)
        return None, [_translate(err, doc, model) for err in errors]


def validate_rows(model: type[Record], doc: Document) -> tuple[list[Record], list[Diagnostic]]:
    """Each item of a document that is a list of mappings (a CSV file's rows), as a ``model``.

    A row with a mistake is reported, one diagnostic per mistake, and left out.
    """
    objects: list[Record] = []
    problems: list[Diagnostic] = []
    for index, item in enumerate(doc.data if isinstance(doc.data, list) else []):
        try:
            objects.append(model.model_validate(locate_data(item, doc, (index,))))
        except ValidationError as exc:
            errors = [{**err, "loc": (index, *err["loc"])} for err in exc.errors()]
            problems += [_translate(err, doc, model) for err in _one_per_mistake(errors, doc.data, model)]
    return objects, problems


def _validate(kind: str, doc: Document) -> tuple[Record | None, list[Any]]:
    """The object of ``doc``, or pydantic's errors."""
    located = locate_data(doc.data, doc)
    if kind in ID_FROM_STEM and "id" not in located:
        located["id"] = slugify(doc.path.stem)
    try:
        return MODELS[kind].model_validate(located), []
    except ValidationError as exc:
        return None, exc.errors()


_MAX_ROUNDS = 25  # far more than the nesting of the models; each round changes the document


def _salvage(kind: str, doc: Document, errors: list[Any]) -> tuple[Record | None, list[Diagnostic]]:
    """The valid rest of a document whose ``errors`` are reported, and the problems only that rest shows.

    Each round sets aside what the errors point at (:func:`_set_aside`) and validates again.
    An error of a later round in a mapping or list that an earlier round changed follows from
    that change (a required key left out is missing, a list lost its only item) and is not
    reported; any other one is (a check pydantic only runs on an otherwise valid object).
    """
    model = MODELS[kind]
    problems: list[Diagnostic] = []
    for _ in range(_MAX_ROUNDS):
        edits = _set_aside(errors, doc.data, model)
        if edits is None:
            return None, problems
        doc = doc.edited(*edits)
        node, errors = _validate(kind, doc)
        if node is not None:
            return node, problems
        errors = _one_per_mistake(errors, doc.data, model)
        problems += [_translate(e, doc, model) for e in errors if _data_path(doc.data, e["loc"]) not in doc.edits]
    return None, problems


_ID_ERRORS = {"jb_slug", "jb_slug_type"}
_TEXT_ERRORS = {"jb_text_type", "jb_text_bool", "jb_text_lang", "jb_text_colon"}


def _set_aside(errors: list[Any], data: Any, model: type[Record]) -> tuple[list[tuple], dict[tuple, Any]] | None:
    """What to leave out and what to put in place for ``errors``: (paths, {path: value}).

    An id or a text that is missing where one is required, or that is invalid, gets a stand-in
    (:data:`NO_ID`, empty text), so the object around it is kept with everything else in it: a
    step without an action still has its touchpoints checked. Any other invalid value is left
    out (an optional field falls back to its default, a list loses the item), and so is an
    object that lacks another required key. None when that would leave out the document itself.
    """
    drop: list[tuple] = []
    put: dict[tuple, Any] = {}
    for err in errors:
        loc = tuple(err["loc"])
        at = _data_path(data, loc)
        stand_in = None
        if err["type"] == "missing" and at == loc[:-1]:
            stand_in = _stand_in(_field_at(model, loc))
            if stand_in is not None:
                at = loc  # added; otherwise the object that lacks it is left out
        elif err["type"] in _ID_ERRORS:
            stand_in = NO_ID
        elif err["type"] in _TEXT_ERRORS:
            stand_in = ""
        if not at:
            return None
        if stand_in is None:
            drop.append(at)
        else:
            put[at] = stand_in
    return drop, put


def _stand_in(field: FieldInfo | None) -> str | None:
    """What stands in for a missing required field: the empty id or empty text; None for other types."""
    annotation = field.annotation if field is not None else None
    if annotation is Slug:
        return NO_ID
    if annotation is LocalizedText:
        return ""
    return None


def _one_per_mistake(errors: list[Any], data: Any, model: type[Record]) -> list[Any]:
    """``errors`` without the ones that only follow from another mistake.

    A misspelled key is an unknown key with "did you mean": the required key it was meant
    to be is not reported missing as well. A value that fits no branch of a union (a CSL
    field takes text or a number) is reported once, not once per branch.
    """
    meant = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            meant.add(loc[:-1] + (closest(str(loc[-1]), _allowed_keys(model, loc[:-1])),))
    kept, seen = [], set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in meant:
            continue
        place = loc if err["type"] in ("missing", "extra_forbidden") else _data_path(data, loc)
        if place not in seen:
            seen.add(place)
            kept.append(err)
    return kept


def _data_path(data: Any, loc: tuple) -> tuple:
    """The longest start of pydantic's ``loc`` that is a path in ``data``.

    A location can go on below what is written: into a shorthand (``touchpoints: [web]`` is
    checked as ``{ref: web}``), to a missing key, or into a branch of a union.
    """
    path: tuple = ()
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            break
        path += (part,)
    return path


def _translate(err: Any, doc: Document, model: type[Record]) -> Diagnostic:
    """One pydantic error → one diagnostic at the right place, in plain words."""
    loc = tuple(err["loc"])
    typ = err["type"]
    ctx = err.get("ctx") or {}
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    where = doc.locate(loc)
    if typ == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return diagnostic(
            doc.locate(loc, key=True), "unknown-key", M_UNKNOWN_KEY, key=loc[-1], hint=suggestion(loc[-1], allowed)
        )
    if typ == "missing":
        return diagnostic(where, "missing-key", M_MISSING, key=key)
    if typ == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        value = err["input"]
        if key == "kind":
            return diagnostic(where, "unknown-kind", M_UNKNOWN_KIND, kind=shown(value), hint=suggestion(str(value), KINDS))
        hint = suggestion(str(value), choices)
        return diagnostic(where, "bad-choice", M_CHOICE, value=shown(value), key=key, hint=hint)
    custom = {
        "jb_emotion": ("bad-emotion", M_EMOTION),
        "jb_slug": ("bad-id", M_SLUG),
        "jb_slug_type": ("bad-id", M_SLUG_TYPE),
        "jb_text_type": ("bad-text", M_TEXT_TYPE),
        "jb_text_lang": ("bad-text", M_TEXT_LANG),
        "jb_text_colon": ("bad-text", M_TEXT_COLON),
        "jb_persona_type": ("bad-type", M_PERSONA_TYPE),
        "jb_bool": ("bad-type", M_BOOL),
        "jb_date": ("bad-date", M_DATE),
        "jb_name": ("bad-name", M_NAME),
        "jb_count": ("bad-type", M_COUNT),
        "jb_day": ("bad-date", M_DAY),
        "jb_place": ("bad-place", M_PLACE),
    }
    if typ == "jb_number":
        return diagnostic(where, "bad-type", M_NUMBER_COMMA if ctx.get("comma") else M_NUMBER, value=ctx.get("value"))
    if typ in custom:
        code, msg = custom[typ]
        return diagnostic(where, code, msg, **ctx)
    if typ == "jb_text_bool":
        return diagnostic(where, "bad-text", M_TEXT_BOOL, words=YAML_BOOL_WORDS)
    if typ in EXPECTED:
        return diagnostic(where, "bad-type", M_TYPE, expected=EXPECTED[typ], got=_type_name(err["input"]))
    if typ == "too_short":
        return diagnostic(where, "too-short", M_TOO_SHORT, key=key)
    return diagnostic(where, "invalid", M_OTHER, detail=err["msg"])


def _allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The keys the model accepts at ``path`` (for "did you mean")."""
    current = _model_at(model, path)
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model of the object at ``path`` (list indices skipped), or None when it is not an object."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = _field(current, part)
        current = _model_in(field.annotation) if field is not None else None
    return current if _is_model(current) else None


def _field_at(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The field that the last key of ``loc`` names, or None."""
    return _field(_model_at(model, loc[:-1]), loc[-1]) if loc else None


def _field(model: Any, key: object) -> FieldInfo | None:
    """The field of ``model`` for ``key`` (a field name or its alias)."""
    if not _is_model(model) or not isinstance(key, str):
        return None
    fields = model.model_fields
    return fields.get(key) or next((f for f in fields.values() if f.alias == key), None)


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _model_in(annotation: Any) -> Any:
    """The model class inside ``Optional[list[Model]]`` and the like."""
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def iter_texts(node: Any, path: tuple = ()) -> Iterator[tuple[Record, tuple, LocalizedText]]:
    """Every piece of author text below ``node``: (owning model, path from it, text)."""
    if not isinstance(node, Record):
        return
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, LocalizedText):
            yield node, (_field_key(node, name),), value
        elif isinstance(value, Record):
            yield from iter_texts(value)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, LocalizedText):
                    yield node, (_field_key(node, name), i), item
                elif isinstance(item, Record):
                    yield from iter_texts(item)


def _field_key(node: Record, name: str) -> str:
    return type(node).model_fields[name].alias or name
