"""Author text, shown and never executed.

Every piece of author text reaches a page through one of three doors:

- :func:`render_block` and :func:`render_inline`: author Markdown is rendered by a fixed
  Python-Markdown setup of our own (never the site's extensions), raw HTML in it is kept as
  text, and the result is cleaned by an allowlist sanitiser (nh3, i.e. ammonia): only the
  tags Markdown itself makes survive, links keep only http(s), mailto, tel and relative URLs
  (checked after the HTML parser has decoded every entity), and no attribute can run script.
- :func:`escape_text`: plain text (titles, names, owners) escaped as text.
- :func:`plain`: the words a reader sees, for titles and diagram labels, which their own
  writers escape (MkDocs navigation, SVG).

What the first two return is then made *inert* (:func:`inert`): one line of HTML in which
every ASCII character that Markdown, its extensions or a template engine could act on is a
numeric character reference. The generated pages are Markdown that the *site's* Markdown
setup renders, so this keeps attribute lists (``{: onclick=...}``), snippet includes
(``--8<--``), Jinja or macro syntax (``{{ }}``, ``{% %}``), emphasis and tables in author
text literal, whatever extensions the site enables. Browsers decode the references, so the
reader sees exactly the text that was written.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from .citations import CiteItem, find_citations

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# What author Markdown may become. Everything else is dropped, keeping its text.
INLINE_TAGS = frozenset({"a", "abbr", "br", "code", "del", "em", "img", "s", "span", "strong", "sub", "sup"})
BLOCK_TAGS = INLINE_TAGS | frozenset(
    {"blockquote", "dd", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "ul",
     "table", "thead", "tbody", "tr", "th", "td"}
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}

# A citation group rendered for the page: the HTML that replaces ``[@key, p. 3]``.
Cite = Callable[[Sequence[CiteItem]], str]

# Characters that mean something to Markdown, its extensions (attr_list, snippets, critic,
# emoji, magiclink, arithmatex, smarty, tables, ...) or template engines (Jinja, macros).
_INERT = frozenset("!\"#$%'()*+-:<=>@[\\]^_`{|}~\n\r\t")
_TOKEN = re.compile(r"""(<[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>)|(&#?[A-Za-z0-9]+;)|([^<&]+|&)""")
_ATTR_VALUE = re.compile(r"""(=)("[^"]*"|'[^']*')""")


_ENCODED = {ord(ch): f"&#{ord(ch)};" for ch in _INERT}


def _encode(text: str) -> str:
    return text.translate(_ENCODED)


def inert(fragment: str) -> str:
    """Sanitised HTML as one line that no Markdown extension or template engine acts on."""
    out: list[str] = []
    for tag, entity, text in _TOKEN.findall(fragment):
        if tag:
            out.append(_ATTR_VALUE.sub(lambda m: m.group(1) + m.group(2)[0] + _encode(m.group(2)[1:-1]) + m.group(2)[0], tag))
        elif entity:
            out.append(entity)
        else:
            out.append(_encode(text))
    return "".join(out)


def escape_text(text: str) -> str:
    """Plain text shown as text: HTML-escaped and inert."""
    if type(text) is str:  # the same names come up on many pages (a str subclass is not kept)
        return _escape_text(text)
    return _escape_text.__wrapped__(text)


@lru_cache(maxsize=1 << 16)
def _escape_text(text: str) -> str:
    return inert(html.escape(_printable(text), quote=True))


def _printable(text: str) -> str:
    """Without control and format characters (bidi overrides, NUL, ...), which reorder or break text."""
    if text.isprintable():  # no character of another category than these can be unprintable
        return text
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _UNPRINTABLE)


# --------------------------------------------------------------------------- the fixed Markdown


class _CitationProcessor(InlineProcessor):
    """``[@key, p. 3]`` → the page's citation HTML (kept out of code spans by Markdown itself)."""

    PATTERN = r"(?<![!\]\\])\[([^\[\]\n]*@[^\[\]]*)\](?![(\[:])"

    def __init__(self, md: markdown.Markdown, hook: _CiteHook):
        super().__init__(self.PATTERN, md)
        self.hook = hook

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str | None, int | None, int | None]:  # type: ignore[override]
        cite = self.hook.cite
        found = next(find_citations(m.group(0)), None)
        if cite is None or found is None:
            return None, None, None
        return self.md.htmlStash.store(cite(found.items)), m.start(0), m.end(0)


class _CiteHook:
    cite: Cite | None = None


# Python-Markdown's block processors other than "empty" and "paragraph" (its registry names).
_BLOCK_SYNTAX = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")


class _AuthorMarkdown(Extension):
    """The one Markdown setup for author text: CommonMark-ish core, raw HTML shown as text."""

    def __init__(self, hook: _CiteHook, inline: bool):
        super().__init__()
        self.hook = hook
        self.inline = inline

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")  # raw HTML is text, not markup
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_CitationProcessor(md, self.hook), "journeybook-citation", 175)
        if self.inline:  # one line of text: no headings, lists, quotes or code blocks
            for name in _BLOCK_SYNTAX:
                md.parser.blockprocessors.deregister(name, strict=False)


class _Level:
    """The two Markdown instances (block, inline) of one nesting level, sharing one citation hook."""

    def __init__(self) -> None:
        self.hook = _CiteHook()
        self.block = markdown.Markdown(extensions=["sane_lists", "fenced_code", "tables", _AuthorMarkdown(self.hook, False)])
        self.inline = markdown.Markdown(extensions=[_AuthorMarkdown(self.hook, True)])


class _Renderers(threading.local):
    """Markdown instances per thread; a citation's own text is rendered while its sentence is
    (the hook calls back into this module), so every nesting level has instances of its own."""

    def __init__(self) -> None:
        self.levels: list[_Level] = []
        self.depth = 0

    def convert(self, inline: bool, text: str, cite: Cite | None) -> str:
        if self.depth == len(self.levels):
            self.levels.append(_Level())
        level = self.levels[self.depth]
        level.hook.cite = cite
        self.depth += 1
        try:
            return (level.inline if inline else level.block).reset().convert(_printable(text))
        finally:
            self.depth -= 1
            level.hook.cite = None


_RENDERERS = _Renderers()


def _clean(fragment: str, tags: frozenset[str]) -> str:
    return nh3.clean(
        fragment,
        tags=set(tags),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items() if tag in tags},
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


# The same author text is shown on many pages (a pain point on its step, its phase, the
# catalogs and the backlog): what it renders to is kept, unless it may hold a citation, whose
# HTML depends on the page it is on (a citation needs an "@").
_MEMO_SIZE = 1 << 16


def render_block(text: str, cite: Cite | None = None) -> str:
    """Author Markdown as safe, inert HTML blocks (paragraphs, lists, code, tables)."""
    if cite is None or "@" not in text:
        return _render_block(text, None)
    return _render_block.__wrapped__(text, cite)


def render_inline(text: str, cite: Cite | None = None) -> str:
    """Author Markdown as safe, inert inline HTML: for a heading, a table cell, a list item."""
    if cite is None or "@" not in text:
        return _render_inline(text, None)
    return _render_inline.__wrapped__(text, cite)


@lru_cache(maxsize=_MEMO_SIZE)
def _render_block(text: str, cite: Cite | None) -> str:
    return inert(_clean(_RENDERERS.convert(False, text, cite), BLOCK_TAGS).strip())


@lru_cache(maxsize=_MEMO_SIZE)
def _render_inline(text: str, cite: Cite | None) -> str:
    single = " ".join(text.split())
    rendered = _RENDERERS.convert(True, single, cite)
    return inert(_clean(rendered, INLINE_TAGS).strip())


def unwrap_paragraph(fragment: str) -> str:
    """The content of a fragment that is one paragraph (so it can sit in a list item)."""
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    return fragment


# --------------------------------------------------------------------------- plain words

_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}  # controls, format (bidi overrides), surrogates, private, unassigned
# Markdown syntax that plain() removes (see there).
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])")
_PLAIN_AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*)>", re.I)
_LINE_MARKER = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M)
# Emphasis, strike-through and code come in pairs; a lone '*' or '_' (24*7, snake_case) is text.
_EMPHASIS = (
    re.compile(r"(`+)(.+?)\1"),
    re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)\1"),
)
_PROTECTED = 0xF0000  # escaped characters hide here (a private-use plane) while markup is removed
_RESTORE = re.compile("[\U000F0021-\U000F007E]")


@lru_cache(maxsize=_MEMO_SIZE)
def plain(text: str) -> str:
    """Author Markdown as the words a reader sees, on one line.

    Citations (``[@key, p. 3]``) go; links and images keep their text; autolinks their URL;
    emphasis (pairs of ``*``, ``**``, ``_`` at word edges, ``~~``), code backticks and line markers
    (``#``, ``>``, list bullets) go; backslash escapes and entities are resolved. Anything
    else stays as written: ``<b>x</b>``, ``snake_case``, ``C#`` or ``a > b`` are shown
    literally. Control and format characters (which XML cannot hold, or which reorder the
    text) are dropped.
    """
    text = _ESCAPED.sub(lambda m: chr(_PROTECTED + ord(m.group(1))), text)
    for citation in reversed(list(find_citations(text))):
        text = text[: citation.start].rstrip() + text[citation.end :]
    text = _LINK.sub(r"\1", text)
    text = _PLAIN_AUTOLINK.sub(r"\1", text)
    text = _LINE_MARKER.sub("", text)
    for pattern in _EMPHASIS:
        for _ in range(3):  # nested: ***x***, **_x_**
            text = pattern.sub(r"\2", text)
    text = html.unescape(text)
    text = _RESTORE.sub(lambda m: chr(ord(m.group(0)) - _PROTECTED), text)
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _UNPRINTABLE)
    return " ".join(kept.split())
