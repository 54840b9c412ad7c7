"""citeproc-py compatibility: fixes for three upstream gaps, applied per style and source.

Nothing in citeproc-py is changed: importing this module (or journeybook) leaves citeproc's
modules, classes and lists as they are for every other user in the process. The fixes live
in subclasses that only :class:`CompatStyle` (a style's own XML parser maps CSL elements
to them) and :class:`CompatSource` use.

The gaps, each with the upstream code that misbehaves (citeproc-py 0.11.1):

``NAME_VARIABLES``
    ``citeproc.source.json.CiteProcJSON.__init__`` parses a variable as names only if it is
    in ``citeproc.NAMES``, which lacks the CSL 1.0.2 name variables (``director``, ``host``,
    ``producer`` …). Those become strings, and ``citeproc.model.Name.render`` then fails
    with "'String' object has no attribute 'parts'". Fix: :class:`CompatSource` parses them
    as names itself.
``LOCATOR_IS_NUMERIC``
    ``citeproc.model.If._is_numeric`` only looks in ``item.reference``, so
    ``is-numeric="locator"`` is never true (the locator belongs to the citation item):
    APA's "Chapter 3" lost its label. Fix: ``cs:if``/``cs:else-if`` also test the locator,
    as CSL defines "numeric" (numbers with optional letter affixes, joined by "-", "–",
    "&" or ",").
``SUBSTITUTE``
    CSL suppresses every variable a ``cs:substitute`` rendered in the rest of the entry.
    ``citeproc.model.Substitute.render`` records only the ``variable`` attribute of its
    direct child (nothing for ``<text macro="title"/>``), and ``citeproc.model.Names.process``
    never reads that record. So "*1984*. (1949). *1984*. Publisher." and "Bakker, B. (Ed.).
    (2018). *Book* (B. Bakker, Ed.)." Fix: the substitute records what its child rendered,
    through macros too (``Text._variable`` and ``Names.process`` report it), and ``cs:names``
    skips the suppressed roles.

Version guard: each gap is detected with a small probe against plain citeproc-py, the first
time a :class:`CompatStyle` or :class:`CompatSource` is made. A fix applies only while its gap
exists. A fix that applies also checks that the upstream code it overrides or copies is the
code of citeproc-py 0.11.1 (a hash of its source): if a newer citeproc-py changed that code
but still has the gap, :class:`CiteprocChanged` says which function to re-check.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc import frontend as csl_frontend
from citeproc import model as csl_model
from citeproc.formatter import plain
from citeproc.source import Name
from citeproc.source.json import CiteProcJSON
from lxml import etree

from .model import CSL_NAME_VARIABLES

CSL_NS = "http://purl.org/net/xbiblio/csl"
WRITTEN_FOR = "0.11.1"  # the citeproc-py whose code the fixes override (see the hashes below)

# The CSL variables (underscored) a CompatSource gives citeproc-py: its own and all name variables.
VARIABLES = frozenset(citeproc.VARIABLES) | {name.replace("-", "_") for name in CSL_NAME_VARIABLES}


class CiteprocChanged(RuntimeError):
    """The installed citeproc-py still has a gap, but changed the code its fix builds on."""


@dataclass(frozen=True)
class _Fix:
    name: str
    present: Callable[[], bool]  # the probe: plain citeproc-py still has the gap
    upstream: tuple[tuple[Callable[..., Any], str], ...]  # code the fix overrides or copies, its hash in 0.11.1


@functools.cache
def _applies(fix: _Fix) -> bool:
    """Whether ``fix`` is needed; raises :class:`CiteprocChanged` if it is but may no longer fit."""
    if not fix.present():
        return False
    for function, digest in fix.upstream:
        name = f"{function.__module__}.{function.__qualname__}"
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError) as error:
            raise CiteprocChanged(f"cannot read the source of {name} to check the {fix.name} fix: {error}") from error
        if hashlib.sha256(source.encode()).hexdigest()[:16] != digest:
            raise CiteprocChanged(
                f"citeproc-py {citeproc.__version__} still has the gap that "
                f"journeybook's {fix.name} fix covers, but changed {name}, which the fix overrides or "
                f"copies (written for citeproc-py {WRITTEN_FOR}). Re-check the fix in "
                f"journeybook/citeproc_compat.py against the new code, then update its hash."
            )
    return True


# --------------------------------------------------------------------------- probes


def _probe_style(citation_layout: str, bibliography_layout: str) -> CitationStylesStyle:
    xml = (
        f'<style xmlns="{CSL_NS}" version="1.0" class="in-text">'
        '<macro name="title"><text variable="title"/></macro>'
        f"<citation><layout>{citation_layout}</layout></citation>"
        f"<bibliography><layout>{bibliography_layout}</layout></bibliography></style>"
    )
    return CitationStylesStyle(io.BytesIO(xml.encode()), locale="en-US", validate=False)


@functools.cache
def _unparsed_names() -> frozenset[str]:
    """The CSL name variables (underscored) that CiteProcJSON reads as text, not as names."""
    names = [name.replace("-", "_") for name in CSL_NAME_VARIABLES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Reference warns about the variables it does not know
        reference = CiteProcJSON([{"id": "x", "type": "book", **{n: [{"family": "F"}] for n in names}}])["x"]
    return frozenset(name for name in names if not all(isinstance(part, Name) for part in reference[name]))


def _locator_never_numeric() -> bool:
    style = _probe_style('<choose><if is-numeric="locator"><text value="yes"/></if></choose>', "")
    bibliography = CitationStylesBibliography(style, CiteProcJSON([{"id": "x", "type": "book"}]), plain)
    citation = Citation([CitationItem("x", locator=Locator("chapter", "3"))])
    bibliography.register(citation)
    return str(style.render_citation(citation, [], lambda _item: "")) != "yes"


def _substitute_repeats() -> bool:
    style = _probe_style(
        "",
        '<group delimiter="|"><names variable="author"><substitute><names variable="editor"/>'
        '<text macro="title"/></substitute></names><text variable="title"/><names variable="editor"/></group>',
    )
    source = CiteProcJSON([{"id": "e", "type": "book", "title": "T", "editor": [{"family": "E"}]},
                           {"id": "t", "type": "book", "title": "T"}])  # fmt: skip
    bibliography = CitationStylesBibliography(style, source, plain)
    for key in ("e", "t"):
        bibliography.register(Citation([CitationItem(key)]))
    return [str(entry) for entry in bibliography.bibliography()] != ["E|T", "T"]


# --------------------------------------------------------------------------- the fixes

_STYLE_PARSER = (  # CompatStyle copies how these parse a style
    (csl_frontend.CitationStylesXML.__init__, "324369245a4472c1"),
    (CitationStylesStyle.__init__, "9df6a0941181ba8c"),
)
NAME_VARIABLES = _Fix("NAME_VARIABLES", lambda: bool(_unparsed_names()), ((CiteProcJSON.__init__, "efe84ce4dc79792b"),))
LOCATOR_IS_NUMERIC = _Fix(
    "LOCATOR_IS_NUMERIC",
    _locator_never_numeric,
    ((csl_model.If.render, "127a05cb693c07a3"), (csl_model.If._is_numeric, "cea1201a9d6681d7"), *_STYLE_PARSER),
)
SUBSTITUTE = _Fix(
    "SUBSTITUTE",
    _substitute_repeats,
    (
        (csl_model.Substitute.render, "32332cf4b31c2c1a"),
        (csl_model.Names.process, "f59024eb4814ae45"),
        (csl_model.Text._variable, "6c60676c7c731cf3"),
        *_STYLE_PARSER,
    ),
)

# CSL: numeric = numbers with optional letter affixes, separated by "-", "–", "&" or ",".
_NUMERIC = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*(?:\s*[-\u2013&,]\s*[A-Za-z]*\d+[A-Za-z]*)*\s*$")


class _If(csl_model.If):
    def _is_numeric(self, item: Any) -> list[Any]:
        # LOCATOR_IS_NUMERIC: upstream's answer for "locator" is replaced by a test of the locator.
        results = csl_model.If._is_numeric(self, item)
        return [
            bool(item.has_locator and _NUMERIC.match(str(item.locator.identifier))) if name == "locator" else result
            for name, result in zip(self.get("is-numeric").split(), results, strict=True)
        ]


class _ElseIf(csl_model.Else_If):
    _is_numeric = _If._is_numeric


def _substituted(element: Any) -> list[list[tuple[str, str]]]:
    """SUBSTITUTE: the (tag, variable) pairs rendered by each cs:substitute child now rendering.

    A stack (substitutes nest), kept on the style's root element: the style references it,
    and lxml keeps one Python object per element while it is referenced.
    """
    stack: list[list[tuple[str, str]]] = element.get_root().__dict__.setdefault("journeybook_substituted", [])
    return stack


class _Text(csl_model.Text):
    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        if text and (stack := _substituted(self)):
            stack[-1].append((self.tag, self.get("variable")))
        return text


class _Names(csl_model.Names):
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        # Roles a substitute rendered earlier (e.g. the editor in the author place) are skipped.
        roles = self.get("variable").split()
        layout = (self if context is None else context).get_layout()
        hidden = {role for variable in layout.repressed.get(self.tag, ()) for role in (variable or "").split()}
        shown = [role for role in roles if role not in hidden]
        if shown != roles:
            self.set("variable", " ".join(shown))
        try:
            text = super().process(item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", " ".join(roles))
        if text and (stack := _substituted(self)):
            stack[-1].extend((self.tag, role) for role in shown if role.replace("-", "_") in item.reference)
        return text


class _Substitute(csl_model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # As upstream, but every variable the rendered child rendered, through macros too, is suppressed.
        layout = context.get_layout()
        stack = _substituted(self)
        for child in self.getchildren():
            stack.append([])
            try:
                if isinstance(child, csl_model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except csl_model.VariableError:
                continue
            finally:
                rendered = stack.pop()
            if text:
                self.add_to_repressed_list(child, context)
                for tag, variable in rendered:
                    layout.repressed.setdefault(tag, []).append(variable)
                return text
        return None


def _element_classes() -> dict[str, type]:
    """The CSL elements (by name) whose compat classes a style needs for the gaps present."""
    classes: dict[str, type] = {}
    if _applies(LOCATOR_IS_NUMERIC):
        classes.update({"if": _If, "else-if": _ElseIf})
    if _applies(SUBSTITUTE):
        classes.update({"text": _Text, "names": _Names, "substitute": _Substitute})
    return classes


class CompatStyle(CitationStylesStyle):
    """A CSL style (XML, not validated) whose elements carry the fixes for the gaps present."""

    def __init__(self, xml: bytes, locale: str) -> None:
        classes = _element_classes()
        if not classes:
            super().__init__(io.BytesIO(xml), locale=locale, validate=False)
            return
        # As CitationStylesXML.__init__ and CitationStylesStyle.__init__, but with this
        # parser's own lookup mapping the patched elements to the compat classes.
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = csl_model.CitationStylesElement
        for cls in csl_model.CitationStylesElement.__subclasses__():
            namespace[cls.__name__.replace("_", "-").lower()] = cls
        namespace.update(classes)
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(io.BytesIO(xml), self.parser)
        root: Any = self.xml.getroot()  # a csl_model.Style
        root.set_locale_list(locale, validate=False)
        self.root = root


class CompatSource(CiteProcJSON):
    """CSL-JSON items for citeproc-py, with every CSL name variable read as names."""

    def __init__(self, items: Iterable[Mapping[str, Any]]) -> None:
        data = list(items)
        unparsed = _unparsed_names() if _applies(NAME_VARIABLES) else frozenset()
        super().__init__([{k: v for k, v in item.items() if k.replace("-", "_") not in unparsed} for item in data])
        for item in data:
            reference = self[str(item["id"]).lower()]
            for key, value in item.items():
                if key.replace("-", "_") in unparsed:
                    reference[key.replace("-", "_")] = self.parse_names(value)
