"""APA 7 in-text citations and reference lists, in English and Dutch.

The formatting is done by citeproc-py (a maintained CSL processor, 0.11.1) with the
official APA 7th edition CSL style, shipped in ``csl/apa.csl`` (CC BY-SA 3.0, see
``csl/README.md``) so a build never needs the network. Locales come from citeproc-py
itself (``en-US``, ``nl-NL``). The output is Markdown source: italics as ``*Title*``,
URLs and DOIs as ``[url](url)`` (http and https only), and every character of author data
that could start HTML, Markdown or template syntax is escaped (after formatting, so the
processor's case changes cannot break an escape).

What citeproc-py does right with ``apa.csl``: author-date citations with "&", "et al."
from three authors on, organisations as literal names, page locators ("p. 369",
"pp. 65–69"), "n.d."/"z.d.", italics, URLs and DOIs, "Retrieved <date>, from <url>" for
undated pages, reference-list sorting (author, date, title), and the Dutch terms of
``nl-NL`` ("z.d.", "geraadpleegd", "van", "Red.", month names).

What it gets wrong, and the smallest fix applied here for each (nothing else is touched;
fixes 2–4 are in ``citeproc_compat``, in the style and source classes used here only,
never in citeproc-py itself):

1. **No disambiguation.** citeproc-py ignores ``disambiguate-add-year-suffix`` (and
   add-names / add-givenname): two 2016 works by Petersen both cite as "(Petersen, 2016)".
   Fix: sources whose in-text citation renders the same get the CSL ``year-suffix``
   variable (a, b, c … in reference-list order), which the style prints ("2016a",
   "n.d.-a") in citations and entries. Not done: adding names or initials instead
   (APA 8.18–8.20), so two works of "Jansen et al., 2017" with different co-authors get
   2017a/2017b; two different Jansens of 2017 get a suffix instead of their initials.
2. **``is-numeric="locator"`` is never true** (citeproc-py only tests reference
   variables), so "chapter 3" lost its label. Fix: ``cs:if`` and ``cs:else-if`` also test
   the citation's locator.
3. **Substituted variables are repeated.** CSL suppresses a variable once it has stood in
   for a missing author; citeproc-py only records a direct child of ``cs:substitute`` (not
   what a macro rendered), and ``cs:names`` ignores even that, so "*1984*. (1949).
   *1984*. Publisher." and "Bakker, B. (Ed.). (2018). *Book* (B. Bakker, Ed.)." Fix: ``cs:substitute`` records what it rendered
   through macros, and ``cs:names`` honours the suppression.
4. **CSL 1.0.2 name variables** (``director``, ``host``, ``producer`` …) crash citeproc-py
   ("'String' object has no attribute 'parts'"). Fix: the source reads every name
   variable the model accepts as names. Other variables citeproc-py does not know are
   left out of the data it sees.
5. **Title case.** citeproc-py decides "is this English?" from the style's
   ``default-locale`` (APA has none, so "en"), not from the output locale, so Dutch output
   got title-cased website names; and it never title-cases labels ("(ed.)",
   "(director)"). Fix, in the style as loaded: ``default-locale`` is the output locale (so
   only English items are title-cased, as CSL says), labels use ``capitalize-all``.
6. **Style details** (patched in memory when the style is loaded; the file stays as
   published): "Retrieved" was printed without a date when an undated page has no
   ``accessed`` date (now dropped with the date); Dutch dates read "(2016, 25 mei)", not
   "(2016, mei 25)", and "Geraadpleegd op <datum>, van <url>" (Dutch APA usage).
7. **``suppress-author``** (pandoc ``[-@key]``) is not supported by citeproc-py; a second
   copy of the style, without the author in the citation layout, renders those items.
8. **Videos.** For ``type: motion_picture`` APA 7 wants "*Title* [Video]. YouTube.";
   the style prints "[Video recording]" (untranslated in Dutch), and a platform given as
   ``container-title`` becomes a containing work ("In *YouTube*"). Fix, in the data: a
   missing ``genre`` becomes "Video" (with a URL or DOI) or "Film", and a
   ``container-title`` without ``publisher`` is used as the publisher.
9. **Punctuation clashes.** citeproc-py writes "*Wat is een customer journey?*. Montix."
   and "Acme Inc.. (2018)". Fix: a "." right after "?", "!" or "." (not an ellipsis) and
   before a space or the end is dropped from the output.

Known and left alone: items of one citation are not collapsed ("Petersen, 2016, 2017");
literal dates (``{literal: Spring 2016}``) are repeated in entries of dated types; in
Dutch, page ranges in entries use the hyphen of ``nl-NL`` ("65-69") while locators always
get an en dash ("65–69"). A source citeproc-py cannot render comes out as its key.

Several items in one citation are rendered one by one and joined with "; " in
reference-list order (APA 8.12). Everything is deterministic: sources are registered
sorted by key, so ties keep a fixed order.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlsplit

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator
from lxml import etree

from .citations import CiteItem
from .citeproc_compat import CSL_NS, VARIABLES, CompatSource, CompatStyle
from .model import CSL_DATE_VARIABLES, CSL_NAME_VARIABLES, Source

STYLE_PATH = Path(__file__).parent / "csl" / "apa.csl"
LOCALES = {"en": "en-US", "nl": "nl-NL"}
_NS = {"cs": CSL_NS}

# Private-use characters mark formatting and links in citeproc's output until the text is
# escaped; author data never contains them (they are stripped from it).
_ITALIC_ON, _ITALIC_OFF = "\ue001", "\ue002"
_BOLD_ON, _BOLD_OFF = "\ue003", "\ue004"
_URL_TOKEN, _DOI_TOKEN = "\ue010", "\ue011"
_PRIVATE = re.compile("[\ue000-\ue0ff]")


@cache
def _style_xml(lang: str, suppress_author: bool) -> bytes:
    """``apa.csl`` as citeproc-py should read it: fixes 5–7 of the module docstring."""
    tree = etree.parse(str(STYLE_PATH), etree.XMLParser(remove_comments=True, no_network=True))
    root = tree.getroot()
    root.set("default-locale", LOCALES[lang])
    # citeproc-py never title-cases labels; APA wants "(Ed.)", "(Director)".
    for label in root.xpath("//cs:label[@text-case='title']", namespaces=_NS):
        label.set("text-case", "capitalize-all")

    # We add the parentheses ourselves, around all items of a citation.
    for layout in root.xpath("cs:citation/cs:layout", namespaces=_NS):
        layout.attrib.pop("prefix", None)
        layout.attrib.pop("suffix", None)
        if suppress_author:
            for author in layout.xpath(".//cs:text[@macro='author-short']", namespaces=_NS):
                author.getparent().remove(author)

    # "Retrieved" only together with an access date.
    for term in root.xpath("cs:macro[@name='source-DOI-URL']//cs:text[@term='retrieved']", namespaces=_NS):
        dates = term.getnext()
        if dates is not None and dates.tag == f"{{{CSL_NS}}}group":
            wrapper = etree.Element(f"{{{CSL_NS}}}group", delimiter=" ")
            term.addprevious(wrapper)
            wrapper.append(term)
            wrapper.append(dates)

    if lang == "nl":
        for date in root.xpath("cs:macro[@name='date-issued-month-day']/cs:date", namespaces=_NS):
            for part in list(date):
                date.remove(part)
            etree.SubElement(date, f"{{{CSL_NS}}}date-part", name="day")
            etree.SubElement(date, f"{{{CSL_NS}}}date-part", name="month", prefix=" ")
        for terms in root.xpath("cs:locale[@xml:lang='nl']/cs:terms", namespaces=_NS):
            etree.SubElement(terms, f"{{{CSL_NS}}}term", name="retrieved").text = "geraadpleegd op"
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


# --------------------------------------------------------------------------- Markdown output


def _wrap(on: str, off: str) -> Any:
    def wrap(text: Any) -> str:
        text = str(text)
        core = text.strip()
        if not core:
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        return f"{lead}{on}{core}{off}{trail}"

    return wrap


# A citeproc formatter: plain text, with markers for italics and bold.
_FORMATTER = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_wrap(_ITALIC_ON, _ITALIC_OFF),
    Oblique=_wrap(_ITALIC_ON, _ITALIC_OFF),
    Bold=_wrap(_BOLD_ON, _BOLD_OFF),
    Light=str,
    Underline=str,
    Superscript=str,
    Subscript=str,
    SmallCaps=str,
)

_ESCAPES = {
    "\\": "\\\\",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "`": "&#96;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
}
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# CSL: a "." after "?", "!" or "." is dropped ("*Why?* Publisher.", "Acme Inc. (2018)").
_PUNCT_CLASH = re.compile(f"(?<!\\.)([?!.])([{_ITALIC_OFF}{_BOLD_OFF}]*)\\.(?=\\s|$)")


def escape(text: str) -> str:
    """Text shown literally in Markdown: no HTML, links, emphasis, code, tables or ``{{ }}``."""
    text = _ENTITY_LIKE.sub("&amp;", text)
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _href(url: str) -> str | None:
    """A safe link destination for an http(s) URL, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe="/:?#@!$&'*+,;=%-._~")


def _link(url: str) -> str:
    href = _href(url)
    return f"[{escape(url)}]({href})" if href else escape(url)


def _markdown(text: Any, url: str = "", doi: str = "") -> str:
    """citeproc output (plain text with markers) → escaped Markdown."""
    out: list[str] = []
    italic = bold = 0
    text = _PUNCT_CLASH.sub(r"\1\2", re.sub(r"\s+", " ", str(text)).strip())
    for ch in escape(text):
        if ch in (_ITALIC_ON, _ITALIC_OFF):
            before = italic
            italic += 1 if ch == _ITALIC_ON else -1
            if (before == 0) != (italic == 0):
                out.append("*")
        elif ch in (_BOLD_ON, _BOLD_OFF):
            before = bold
            bold += 1 if ch == _BOLD_ON else -1
            if (before == 0) != (bold == 0):
                out.append("**")
        else:
            out.append(ch)
    result = "".join(out)
    result = result.replace("https://doi.org/" + _DOI_TOKEN, _link("https://doi.org/" + doi))
    result = result.replace(_DOI_TOKEN, _link("https://doi.org/" + doi))
    return _PRIVATE.sub("", result.replace(_URL_TOKEN, _link(url)))


def _block_safe(text: str) -> str:
    """Escape what would start a heading, list or rule at the beginning of a line."""
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^([-+#=])", r"\\\1", text)


# --------------------------------------------------------------------------- data for citeproc


def _clean(value: Any) -> str:
    return re.sub(r"\s+", " ", _PRIVATE.sub("", str(value))).strip()


def _clean_name(name: Mapping[str, Any]) -> dict[str, str] | None:
    if name.get("literal"):
        return {"literal": _clean(name["literal"])}
    parts = {k: _clean(v) for k, v in name.items() if k != "literal" and v not in (None, "")}
    return parts if parts.get("family") else None


_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def _clean_date(value: Mapping[str, Any]) -> dict[str, Any] | None:
    """A CSL date citeproc-py can render: date-parts of ints, else a literal."""
    out: dict[str, Any] = {}
    parts = []
    for part in value.get("date-parts") or []:
        try:
            ints = [int(p) for p in part][:3]
        except (TypeError, ValueError):
            continue
        if ints:
            parts.append(ints)
    if not parts and value.get("raw"):
        match = _ISO_DATE.match(str(value["raw"]))
        if match:
            parts.append([int(p) for p in match.groups() if p])
        else:
            out["literal"] = _clean(value["raw"])
    if parts:
        out["date-parts"] = parts[:2]
    elif value.get("literal") and "literal" not in out:
        out["literal"] = _clean(value["literal"])
    if not out:
        return None
    for key in ("season", "circa"):
        if value.get(key):
            out[key] = value[key]
    return out


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def _csl_item(source: Source) -> tuple[dict[str, Any], str, str]:
    """The source as CSL-JSON for citeproc-py, with its URL and DOI (replaced by tokens)."""
    data = source.csl()
    item: dict[str, Any] = {"id": data["id"], "type": data["type"]}
    for key, value in data.items():
        if key in ("id", "type") or key.replace("-", "_") not in VARIABLES:
            continue
        if key in CSL_NAME_VARIABLES:
            names = [n for n in (_clean_name(v) for v in value if isinstance(v, Mapping)) if n]
            if names:
                item[key] = names
        elif key in CSL_DATE_VARIABLES:
            date = _clean_date(value) if isinstance(value, Mapping) else None
            if date:
                item[key] = date
        elif _clean(value):
            item[key] = _clean(value)
    url = item.pop("URL", "")
    doi = _DOI_PREFIX.sub("", item.pop("DOI", ""))
    if url:
        item["URL"] = _URL_TOKEN
    if doi:
        item["DOI"] = _DOI_TOKEN
    if item["type"] == "motion_picture":
        if "publisher" not in item and "container-title" in item:
            item["publisher"] = item.pop("container-title")
        if "genre" not in item and "medium" not in item:
            item["genre"] = "Video" if url or doi else "Film"
    return item, url, doi


# --------------------------------------------------------------------------- locators

_LABELS = {
    "page": "p pp page pages pag blz bladzijde bladzijden pagina pagina's",
    "chapter": "ch chap chaps chapter chapters hfst hfdst hoofdstuk hoofdstukken",
    "section": "§ §§ sec secs section sections sectie paragraaf",
    "paragraph": "¶ ¶¶ para paras paragraph paragraphs par alinea",
    "figure": "fig figs figure figures figuur figuren",
    "table": "table tables tabel tabellen",
    "volume": "vol vols volume volumes deel dl",
    "part": "pt pts part parts",
    "line": "l ll line lines regel regels",
    "note": "n nn note notes noot noten",
    "verse": "v vv verse verses",
    "column": "col cols column columns kolom",
    "book": "bk bks book books boek",
    "number": "no nos number numbers nr",
    "timestamp": "timestamp tijd",
}
_LABEL_OF = {word: label for label, words in _LABELS.items() for word in words.split()}
_LOCATOR = re.compile(r"^(?P<label>§§?|¶¶?|[^\W\d_][\w']*\.?)\s*(?P<value>\S.*)$", re.S)
_VALUE = re.compile(r"^(?P<value>.*?\d.*?)(?P<rest>,\s*(?=[^\d\s]).*)?$", re.S)


def parse_locator(text: str) -> tuple[str, str, str]:
    """``"p. 369"`` → ``("page", "369", "")``; free text → ``("", "", text)`` (a suffix).

    Like pandoc: a known label (English or Dutch, abbreviated or not) followed by a value
    with a digit; a bare number is a page; anything after ``", "`` + a word is a suffix.
    """
    text = _clean(text)
    match = _LOCATOR.match(text)
    label = _LABEL_OF.get(match["label"].lower().rstrip(".")) if match else None
    rest = match["value"] if match and label else text
    value = _VALUE.match(rest)
    if value is None or (label is None and not rest[:1].isdigit()):
        return "", "", text
    return label or "page", value["value"].strip(), (value["rest"] or "").strip()


# --------------------------------------------------------------------------- the bibliography


class _Engine:
    """citeproc-py set up for one language (and author suppression), all sources registered."""

    def __init__(self, source: CompatSource, keys: Sequence[str], lang: str, suppress_author: bool = False):
        style = CompatStyle(_style_xml(lang, suppress_author), LOCALES[lang])
        self.bib = CitationStylesBibliography(style, source, _FORMATTER)
        for key in keys:
            self.bib.register(Citation([CitationItem(key)]))
        self.bib.sort()

    def cite(self, key: str, label: str = "", value: str = "") -> str:
        """One item without parentheses: citeproc's plain text with markers ('' if it fails)."""
        item = CitationItem(key, locator=Locator(label, value)) if label else CitationItem(key)
        citation = Citation([item])
        self.bib.register(citation)
        try:
            # Always as a first citation: bib.cite() would add every cite to a list that only
            # position tests ("ibid", "subsequent") read, and APA has none.
            return str(self.bib.style.render_citation(citation, [], lambda _item: "") or "")
        except Exception:  # a citeproc-py bug on odd data must not stop the build
            return ""

    def entry(self, item: CitationItem) -> str:
        try:
            return "".join(str(text) for text in self.bib.style.render_bibliography([item]))
        except Exception:  # as in cite()
            return ""


class Bibliography:
    """APA 7 citations and reference-list entries for the sources of a handbook, in one language."""

    def __init__(self, sources: Mapping[str, Source], lang: str):
        self.lang = "nl" if str(lang).lower().startswith("nl") else "en"
        self._links: dict[str, tuple[str, str]] = {}
        self._key_of: dict[str, str] = {}
        self._unreadable: list[str] = []
        items = []
        for key in sorted(sources):
            try:
                item, url, doi = _csl_item(sources[key])
            except Exception:  # a source the model let through but citeproc cannot be given
                self._unreadable.append(key)
                continue
            item["id"] = key
            items.append(item)
            self._links[key.lower()] = (url, doi)
            self._key_of[key.lower()] = key
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._source = CompatSource(items)
        self._keys = [item["id"].lower() for item in items]
        self._engine = _Engine(self._source, self._keys, self.lang)
        self._suppressed: _Engine | None = None
        self._add_year_suffixes()
        self._order = {key: i for i, key in enumerate(self._engine.bib.keys)}
        self._cites: dict[tuple[str, bool, str, str], str] = {}
        self._entries: dict[str, str] = {}

    def _add_year_suffixes(self) -> None:
        """Fix 1: the same in-text citation for different sources → 2016a, 2016b, … (APA 8.19)."""
        groups: dict[str, list[str]] = {}
        for key in self._engine.bib.keys:
            groups.setdefault(self._engine.cite(key), []).append(key)
        for text, keys in groups.items():
            if text and len(keys) > 1:
                for i, key in enumerate(keys):
                    self._source[key]["year_suffix"] = _letters(i)

    def keys_sorted(self) -> list[str]:
        """All keys in APA reference-list order (author, year, title)."""
        return [self._key_of[k] for k in self._engine.bib.keys] + self._unreadable

    def cite(self, items: Sequence[CiteItem]) -> str:
        """The in-text citation as Markdown, e.g. ``(Visser & Sikkenga, 2015, p. 369)``.

        Several items are put in reference-list order and joined with "; " (APA 8.12).
        Unknown keys come out as the (escaped) key; with no known key, without parentheses.
        """
        if not any(item.key.lower() in self._order for item in items):
            return "; ".join(escape(item.key) for item in items)
        ordered = sorted(items, key=lambda it: self._order.get(it.key.lower(), len(self._order)))
        return "(" + "; ".join(self._cite_one(item) for item in ordered) + ")"

    def _cite_one(self, item: CiteItem) -> str:
        key = item.key.lower()
        if key not in self._order:
            return escape(item.key)
        label, value, suffix = parse_locator(html.unescape(item.locator)) if item.locator else ("", "", "")
        cache_key = (key, item.suppress_author, label, value)
        if cache_key not in self._cites:
            engine = self._engine
            if item.suppress_author:
                if self._suppressed is None:
                    self._suppressed = _Engine(self._source, self._keys, self.lang, suppress_author=True)
                engine = self._suppressed
            self._cites[cache_key] = _markdown(engine.cite(key, label, value)) or escape(item.key)
        text = self._cites[cache_key]
        prefix = _clean(html.unescape(item.prefix))
        if prefix:
            text = f"{escape(prefix)} {text}"
        if suffix:
            text += ("" if suffix[0] in ",;.:" else ", ") + escape(suffix)
        return text

    def entry(self, key: str) -> str:
        """One reference-list entry as Markdown: ``*italics*``, ``[url](url)``, all author data escaped."""
        k = key.lower()
        if k not in self._order:
            return _block_safe(escape(key))
        if k not in self._entries:
            url, doi = self._links[k]
            text = _markdown(self._engine.entry(self._engine.bib.items[self._order[k]]), url, doi)
            self._entries[k] = _block_safe(text or escape(key))
        return self._entries[k]


def _letters(i: int) -> str:
    """0 → a, 25 → z, 26 → aa (CSL's year-suffix sequence)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(ord("a") + r) + out
    return out
