"""Author Markdown made safe to embed in generated pages.

Author text is shown, never executed. Markdown formatting (emphasis, lists, links, code)
keeps working, but:

- raw HTML is escaped (``<`` becomes ``&lt;``), so ``<script>`` shows as text;
- links and images may only use http, https, mailto or tel, or be relative; any other
  scheme (``javascript:``, ``data:``, also when entity-encoded) keeps the text, drops the link;
- ``{`` is escaped so attribute lists (``{: onclick=...}``) and template syntax
  (``{{ ... }}``, ``{% ... %}``) stay literal, also for plugins like mkdocs-macros;
- snippet includes (``--8<--``) cannot pull files into the page.

Code spans and fenced code are left as written (Markdown escapes them itself).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Callable

from .citations import find_citations

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^\s<>]*)>", re.I)
_REF_DEF = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)(.*)$", re.M)
_SNIPPET = re.compile(r"(-+8)(<-)")

Transform = Callable[[str], str]
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}  # controls, format (bidi overrides), surrogates, private, unassigned


def safe_url(url: str) -> str | None:
    """The URL if its scheme is allowed (or it is relative), else None."""
    decoded = _CONTROL.sub("", html.unescape(url.strip("<> \t\n")))
    match = _SCHEME.match(decoded)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return url


def _outside_code(text: str, transform: Transform) -> str:
    """Apply ``transform`` to the parts of ``text`` that are not fenced code or code spans."""
    out: list[str] = []
    pos = 0
    for fence in _FENCE.finditer(text):
        out.append(_outside_spans(text[pos : fence.start()], transform))
        out.append(_SNIPPET.sub("\\1\u200b\\2", fence.group(0)))
        pos = fence.end()
    out.append(_outside_spans(text[pos:], transform))
    return "".join(out)


def _outside_spans(text: str, transform: Transform) -> str:
    out: list[str] = []
    pos = 0
    for span in _CODE_SPAN.finditer(text):
        out.append(transform(text[pos : span.start()]))
        out.append(span.group(0))
        pos = span.end()
    out.append(transform(text[pos:]))
    return "".join(out)


def _link_end(text: str, start: int) -> int:
    """Index just past the ``)`` closing an inline link destination that opens at ``start`` (a ``(``)."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n" and text[i - 1 : i] == "\n":
            break
        i += 1
    return -1


def _strip_unsafe_links(text: str) -> str:
    """``[label](javascript:...)`` → ``label``; safe links are left alone."""
    out: list[str] = []
    pos = 0
    for match in re.finditer(r"\]\(", text):
        if match.start() < pos:
            continue
        end = _link_end(text, match.start() + 1)
        if end < 0:
            continue
        inner = text[match.start() + 2 : end - 1].strip()
        url = inner.split()[0] if inner else ""
        if safe_url(url) is not None:
            continue
        opening = _label_start(text, match.start())
        if opening < 0:
            continue
        bang = 1 if opening > 0 and text[opening - 1] == "!" else 0
        out.append(text[pos : opening - bang])
        out.append(text[opening + 1 : match.start()])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _label_start(text: str, close: int) -> int:
    """Index of the ``[`` that matches the ``]`` at ``close``."""
    depth = 0
    for i in range(close, -1, -1):
        if text[i] == "]":
            depth += 1
        elif text[i] == "[":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _ref_definition(match: re.Match[str]) -> str:
    return match.group(0) if safe_url(match.group(2)) is not None else ""


def _autolink(match: re.Match[str]) -> str:
    url = match.group(1)
    return f"[{url}]({url})" if safe_url(url) is not None else match.group(0)


def _neutralize(text: str) -> str:
    text = _AUTOLINK.sub(_autolink, text)
    text = _strip_unsafe_links(text)
    text = _REF_DEF.sub(_ref_definition, text)
    return text.replace("<", "&lt;").replace("{", "&#123;")



def sanitize(text: str, cite: Transform | None = None) -> str:
    """Author Markdown, safe to embed: see the module docstring.

    ``cite`` (optional) rewrites citations in the sanitized text outside code, e.g. into links.
    """
    if cite is None:
        return _outside_code(text, _neutralize)
    return _outside_code(text, lambda part: cite(_neutralize(part)))


def inline(text: str, cite: Transform | None = None) -> str:
    """Sanitized Markdown for one line: a table cell, a heading, a list item's first line."""
    single = " ".join(sanitize(text, cite).split())
    return _outside_spans(single, lambda part: part.replace("|", "&#124;"))


def block(text: str, indent: int = 0, cite: Transform | None = None) -> str:
    """Sanitized Markdown for a block; continuation lines indented (for list items)."""
    safe = sanitize(text, cite).strip("\n")
    if not indent:
        return safe
    pad = " " * indent
    return "\n".join(line if i == 0 or not line else pad + line for i, line in enumerate(safe.split("\n")))


# Markdown syntax that plain() removes (see there).
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])")
_PLAIN_AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*)>", re.I)
_LINE_MARKER = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M)
_EMPHASIS = re.compile(r"\*+(?=\S)|(?<=\S)\*+|(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)|~~|`+")
_PROTECTED = 0xF0000  # escaped characters hide here (a private-use plane) while markup is removed
_RESTORE = re.compile("[\U000F0021-\U000F007E]")


def plain(text: str) -> str:
    """Author Markdown as the words a reader sees, on one line.

    Citations (``[@key, p. 3]``) go; links and images keep their text; autolinks their URL;
    emphasis (``*``, ``**``, ``_`` at word edges, ``~~``), backticks and line markers
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
    text = html.unescape(_EMPHASIS.sub("", text))
    text = _RESTORE.sub(lambda m: chr(ord(m.group(0)) - _PROTECTED), text)
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _UNPRINTABLE)
    return " ".join(kept.split())


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)
