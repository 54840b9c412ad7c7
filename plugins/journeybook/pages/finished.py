"""Finished HTML blocks: hand a generated page's figures to MkDocs past Python-Markdown.

A diagram figure (:func:`journeybook.diagrams.figure.figure`) is finished HTML: an inline
SVG with its data table and caption, a few hundred lines on a journey page. Python-Markdown
(with ``md_in_html``) would read it tag by tag only to stash it and write it out unchanged,
which is a large part of MkDocs' time on a handbook's pages.

:func:`split` takes those blocks out of a page's Markdown and leaves a one-line HTML comment
in their place, which Markdown stashes in the same way (a raw block between blank lines);
:func:`join` puts the blocks back into the HTML Markdown made. The page is then exactly what
Markdown would have made of the whole text, byte for byte (the test suite builds sites both
ways and compares them), in a fraction of the time.

Only blocks that Markdown would keep raw are taken: a line ``<figure class="jb-diagram…">``
at the start of a paragraph (after a blank line) through the next line ``</figure>``
followed by a blank line or the end of the page. :func:`~journeybook.diagrams.figure.figure`
writes no blank or indented lines and escapes every author character, so such a block holds
no other ``</figure>`` line. A block anywhere else (indented in a list or an admonition)
stays in the text. The comment can come from nowhere else: author text is sanitised (nh3
drops comments) and a comment written in a code span is escaped by Markdown.

MkDocs also reads the ids of raw HTML (to check links to anchors); :func:`anchor_ids` gives
the ids of the blocks it no longer sees, so the plugin can add them to the page.

``journeybook render`` does not split: plain MkDocs reads the figures as Markdown.
"""

from __future__ import annotations

import html
import re

_BLOCK = re.compile(r'(?:\A|(?<=\n\n))<figure class="jb-diagram[ "][^\n]*\n(?:[^\n]*\n)*?</figure>(?=\n\n|\n?\Z)')
_TOKEN = "<!--journeybook:block:{}-->"
_TOKENS = re.compile(r"<!--journeybook:block:(\d+)-->")
# A start tag of a block: its text and attribute values are escaped (no raw "<" or quote).
_START_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:\s+[^\s=/>]+(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"\s([^\s=/>]+)(?:=\"([^\"]*)\")?")


def split(markdown: str) -> tuple[str, list[str]]:
    """(``markdown`` with each finished block replaced by a comment token, the blocks in order)."""
    if '<figure class="jb-diagram' not in markdown:
        return markdown, []
    blocks: list[str] = []

    def take(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return _TOKEN.format(len(blocks) - 1)

    return _BLOCK.sub(take, markdown), blocks


def join(html: str, blocks: list[str]) -> str:
    """The HTML Markdown made of :func:`split`'s text, with the blocks back in place.

    Every token must be there once; anything else (which :func:`split` rules out) raises
    ``ValueError`` rather than losing or doubling a figure.
    """
    if not blocks:
        return html
    seen: set[int] = set()

    def put(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(blocks) or number in seen:
            raise ValueError(f"journeybook: a generated page has block {number} twice or out of range")
        seen.add(number)
        return blocks[number]

    joined = _TOKENS.sub(put, html)
    if len(seen) != len(blocks):
        raise ValueError("journeybook: Markdown did not keep every finished block of a generated page")
    return joined


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids (and ``<a name>``) of the blocks: what MkDocs collects from raw HTML it reads."""
    found: set[str] = set()
    for block in blocks:
        for tag in _START_TAG.finditer(block):
            for name, value in _ATTRIBUTE.findall(tag.group(2)):
                if name == "id" or (name == "name" and tag.group(1) == "a"):
                    found.add(html.unescape(value))
    return found
