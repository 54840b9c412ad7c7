"""The page ``mkdocs serve`` shows in place of every playbook page while the handbook has errors.

The problems quote author text (file names, values, ids), so they are shown as text and
nothing else: HTML-escaped, and every character that Markdown, its extensions or a template
engine could act on (attribute lists, snippet includes, macros, emphasis, tables) written as
a numeric character reference, all on one line of a raw HTML block, which Markdown passes
through untouched. The browser decodes the references, so the author reads exactly the
messages that ``mkdocs build`` prints. ``journeybook-errors.css`` wraps long lines.
"""

from __future__ import annotations

import html
import unicodedata

from .i18n import label
from .pages import Page

# Characters with a meaning to Markdown, its extensions (attribute lists, snippets, critic,
# tables, ...) or template engines. Unprintable ones (line breaks, which would end the raw
# HTML block, tabs, bidi controls) are written as references too.
_ACTIVE = frozenset("{}[]*_\\`~|#!-+=^$%")


def _char(ch: str) -> str:
    if ch in "<>&\"'":
        return html.escape(ch, quote=True)
    if ch in _ACTIVE or not ch.isprintable():
        return f"&#{ord(ch)};"
    return ch


def as_text(problems: str) -> str:
    """``problems`` as inert HTML text on one line (line breaks become ``&#10;``)."""
    text = problems.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters other than line breaks and tabs cannot be written as references; they go.
    return "".join(_char(ch) for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def error_page(path: str, lang: str, problems: str) -> Page:
    """The error page at ``path`` (a playbook page the author may have open), listing ``problems``."""
    content = "\n".join(
        [
            f"# {label('playbook', lang)}",
            "",
            label("errors_intro", lang),
            "",
            f'<pre class="jb-errors"><code>{as_text(problems)}</code></pre>',
            "",
        ]
    )
    return Page(path=path, title=label("playbook", lang), content=content)
