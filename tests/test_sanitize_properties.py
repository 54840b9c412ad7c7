"""Properties of the sanitiser (issue 8): whatever an author types, ``markup`` returns HTML that can
only show it.

The contract (journeybook.markup):

- ``render_block(text)`` / ``render_inline(text)``: author Markdown rendered by one fixed
  Python-Markdown setup and cleaned by nh3. Whatever the text, the output parses to elements of
  a small allowlist (what a Markdown renderer makes; below), with no ``on*`` or ``style``
  attribute and no link or image whose scheme (after the HTML parser has decoded it, as a
  browser does) is anything but http, https, mailto or tel. Inline output holds no blocks.
- Plain words (letters, digits, spaces, punctuation that is not Markdown syntax) are shown:
  the text of the output holds every word of the input.
- Pages embed that output in Markdown that the *site's* Markdown setup renders again, with
  whatever extensions the site enables; there it must stay as safe and say the same words.
- ``plain(text)``: the words a reader sees, for titles; one line, nothing unprintable; escaped
  with ``html.escape`` it is text and nothing else.

Examples are drawn from arbitrary text and from text glued together out of the hostile corpus
(tests/hostile.py). Runs are derandomized (the same examples every time, in CI too) and use no
example database.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable

import lxml.html
import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import hostile
from journeybook import markup

# ----------------------------------------------------------------------------- what may come out

# Everything a Markdown renderer makes of text, minus what carries style or identity.
INLINE_ALLOWED = {"a", "abbr", "br", "code", "del", "em", "img", "s", "span", "strong", "sub", "sup"}
BLOCK_ALLOWED = INLINE_ALLOWED | {
    "p", "pre", "blockquote", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# Attributes per element; no id or class (author text must not clobber or mimic the page's own).
ATTRIBUTES_ALLOWED: dict[str, set[str]] = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# After the site's Markdown: never these, anywhere.
NEVER = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
         "textarea", "select", "meta", "base", "link", "svg", "math", "template", "noscript", "foreignobject"}  # fmt: skip

SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _fragment(output: str) -> Any:
    """``output`` parsed as an HTML fragment (lxml decodes every character reference, as a browser does).

    Raw control characters cannot form markup; libxml2 refuses them, so they are left out first.
    """
    return lxml.html.fragment_fromstring(_NOT_XML.sub("", output), create_parent="div")


def _scheme(url: str) -> str | None:
    """The scheme a browser sees: tabs and newlines removed anywhere, C0 controls and spaces trimmed."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def problems(output: str, allowed: set[str]) -> list[str]:
    """Everything in ``output`` that breaks the contract (empty: fine)."""
    found = []
    for el in _fragment(output).iterdescendants():
        if not isinstance(el.tag, str):  # comments, processing instructions
            found.append(f"non-element node {el!r}")
            continue
        if el.tag not in allowed:
            found.append(f"element <{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"<{el.tag} {name}={value!r}>")
            elif name not in ATTRIBUTES_ALLOWED.get(el.tag, set()):
                found.append(f"attribute {name} on <{el.tag}>")
            if name in URL_ATTRIBUTES:
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"<{el.tag} {name}={value!r}> (scheme {scheme})")
    return found


def text_of(output: str) -> str:
    """The words a reader sees in ``output``, whitespace collapsed."""
    return " ".join(_fragment(output).text_content().split())


def render_block(text: str) -> str:
    return markup.render_block(text)  # AttributeError until the new sanitiser lands


def render_inline(text: str) -> str:
    return markup.render_inline(text)


# ----------------------------------------------------------------------------- examples

CORPUS = [hostile.fill(p, 4242) for p in hostile.CORPUS]
VISIBLE = [hostile.fill(p, 4242) for p in hostile.VISIBLE]
# Pieces that start, end or disguise markup; glued in any order they make new attacks.
TOKENS = [
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<?", "&", "&#", "&#x", ";", "&lt;", "&#60;", "&#x3C;",
    "\"", "'", "`", "``", "```", "~~~", "    ", "\t", "\n", "\n\n", "\r", "\x00", "\u202e", "\u200b", "\ufeff",
    "[", "]", "(", ")", "](", "![", "[^1]", "[@", "<a href=", "<img src=x ", "onerror=", "onload=", " on", "=",
    "alert(1)", "javascript:", "JaVaScRiPt:", "jav&#x09;ascript:", "&#106;", "java\tscript:", "data:text/html,",
    "vbscript:", "script", "<script>", "</script>", "<svg", "<style>", "{:", "{", "}", "{{", "}}", "{%", "%}",
    "--8<--", "-8<-", " \"secret.txt\"", "*", "_", "**", "|", "#", "> ", "- ", "1. ", ":", "!", "\\", "$", "^^",
    "==", "~~", "{++", "++}", "*[", "]:", "markdown=\"1\"", " style=", "x", " ", "http://example.com", "mailto:a@b.c",
]  # fmt: skip

hostile_text = st.lists(
    st.one_of(st.sampled_from(CORPUS), st.sampled_from(TOKENS), st.text(max_size=4)), min_size=1, max_size=12
).map("".join)
any_text = st.one_of(st.text(max_size=200), hostile_text)

WORD = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=10)
GAP = st.sampled_from([" ", "  ", ", ", "; ", "? ", "\n", "\n\n"])


@st.composite
def words_and_text(draw: Callable[..., Any]) -> tuple[list[str], str]:
    """Words joined by spaces, line breaks and punctuation that is not Markdown syntax."""
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    text = words[0]
    for word in words[1:]:
        text += draw(GAP) + word
    return words, text


# ----------------------------------------------------------------------------- render_block / render_inline


@SETTINGS
@given(any_text)
@example("<script>alert(1)</script>")
@example("`code span\n\n<img src=x onerror=alert(1)>\n\nstill open`")
@example("\\`<img src=x onerror=alert(1)>\\`")
@example("[x](jav&#x09;ascript:alert(1))")
def test_render_block_makes_only_allowed_html(text: str) -> None:
    output = render_block(text)
    assert problems(output, BLOCK_ALLOWED) == [], output


@SETTINGS
@given(any_text)
@example("<img src=x onerror=alert(1)>")
@example("[x](&#106;avascript:alert(1))")
@example("<javascript:alert(1)>")
def test_render_inline_makes_only_allowed_inline_html(text: str) -> None:
    output = render_inline(text)
    assert problems(output, INLINE_ALLOWED) == [], output
    assert "\n" not in output  # one line: a table cell or a heading stays one


@pytest.mark.parametrize("i", range(len(CORPUS)), ids=lambda i: f"corpus{i}")
def test_every_corpus_entry_is_made_harmless(i: int) -> None:
    """The whole corpus, every entry as it is (cheap; names the entry when one fails)."""
    text = CORPUS[i]
    for render, allowed in ((render_block, BLOCK_ALLOWED), (render_inline, INLINE_ALLOWED)):
        output = render(text)
        assert problems(output, allowed) == [], (render.__name__, text, output)
        assert hostile.SECRET_MARKER not in output


# Corpus entries without Markdown syntax, entities or line breaks: their text is exactly what
# a reader must see (raw HTML included, as text).
LITERAL = [p for p in CORPUS + VISIBLE if re.fullmatch(r"[\w \t<>\"'=/;,?():.]+", p)]


@pytest.mark.parametrize("text", LITERAL)
def test_raw_html_is_shown_as_written(text: str) -> None:
    assert text_of(render_inline(text)) == " ".join(text.split())
    assert text_of(render_block(text)) == " ".join(text.split())


@SETTINGS
@given(words_and_text())
def test_plain_words_stay_visible(sample: tuple[list[str], str]) -> None:
    words, text = sample
    for render in (render_block, render_inline):
        shown = text_of(render(text))
        missing = [w for w in words if w not in shown]
        assert not missing, (render.__name__, text, shown)


# ----------------------------------------------------------------------------- embedded in the site's Markdown

SITE_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.inlinehilite", "pymdownx.magiclink", "pymdownx.mark", "pymdownx.smartsymbols",
    "pymdownx.snippets", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.tilde",
]  # fmt: skip
# Places a template may put a fragment (a page line, a list item, a table cell, a heading,
# a quote, a definition), next to an abbreviation definition that matches common words.
CONTEXTS = [
    "{f}",
    "- {f}",
    "1. {f}",
    "| a | b |\n| --- | --- |\n| {f} | x |",
    "## {f}",
    "> {f}",
    "Term\n:   {f}",
    "Before {f} after",
]
ABBREVIATIONS = "\n\n*[alert]: <img src=x onerror=alert(7)>\n*[script]: abbreviation\n"


@pytest.fixture(scope="module")
def site_markdown(tmp_path_factory: pytest.TempPathFactory) -> markdown.Markdown:
    """A site's Markdown with every extension that could act on text; snippets may read secret.txt."""
    base = tmp_path_factory.mktemp("snippets")
    for place in (base, base / "journeys"):
        place.mkdir(exist_ok=True)
        (place / "secret.txt").write_text(hostile.SECRET_MARKER + "\n<script>alert(9)</script>\n", encoding="utf-8")
    config = {"pymdownx.snippets": {"base_path": [str(base)], "check_paths": False}, "toc": {"permalink": True}}
    return markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=config)


def _site_problems(page_html: str) -> list[str]:
    found = []
    if hostile.SECRET_MARKER in page_html:
        found.append("secret.txt was included")
    for el in _fragment(page_html).iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in NEVER:
            found.append(f"element <{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"<{el.tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and _scheme(value) not in (None, *SAFE_SCHEMES):
                found.append(f"<{el.tag} {name}={value!r}>")
    return found


@settings(SETTINGS, max_examples=120)
@given(any_text, st.sampled_from(CONTEXTS))
@example("--8<-- \"secret.txt\"", "{f}")
@example("Paragraph\n{: onclick=\"alert(1)\" }", "{f}")
@example("{{ config }} {% include 'secret.txt' %}", "- {f}")
def test_output_stays_text_in_the_sites_markdown(site_markdown: markdown.Markdown, text: str, context: str) -> None:
    """The site's own extensions (attr_list, snippets, md_in_html, abbr, ...) find nothing to act on.

    Safe, and the same words: the site's Markdown may wrap the fragment, never change its text.
    """
    for render in (render_inline, render_block):
        fragment = render(text)
        page = site_markdown.reset().convert(context.format(f=fragment) + ABBREVIATIONS)
        assert _site_problems(page) == [], (render.__name__, fragment, page)
        assert text_of(fragment) in text_of(page), (render.__name__, fragment, page)


# ----------------------------------------------------------------------------- plain()

UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


@SETTINGS
@given(any_text)
def test_plain_is_one_line_of_printable_text(text: str) -> None:
    words = markup.plain(text)
    assert "\n" not in words and "\r" not in words
    assert not [ch for ch in words if unicodedata.category(ch) in UNPRINTABLE and ch != " "], repr(words)
    assert words == words.strip()


@SETTINGS
@given(any_text)
def test_plain_escaped_is_only_text(text: str) -> None:
    escaped = html.escape(markup.plain(text), quote=True)
    assert len(_fragment(escaped)) == 0, escaped  # no element at all
    assert text_of(escaped) == " ".join(markup.plain(text).split())


@SETTINGS
@given(words_and_text())
def test_plain_keeps_the_words(sample: tuple[list[str], str]) -> None:
    words, text = sample
    shown = markup.plain(text)
    assert [w for w in words if w not in shown] == [], (text, shown)


def test_the_corpus_is_what_the_site_tests_use() -> None:
    """These properties and tests/test_hostile_site.py draw from the same corpus."""
    assert Path(hostile.__file__).name == "hostile.py" and len(CORPUS) == len(hostile.CORPUS) > 100
