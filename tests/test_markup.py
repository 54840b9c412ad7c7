"""The one door for author text: citations inside author Markdown, nested rendering."""

from __future__ import annotations

import pytest

from journeybook import markup
from journeybook.citations import CiteItem
from journeybook.markup import render_block, render_inline


def _cite(items: tuple[CiteItem, ...] | list[CiteItem]) -> str:
    # the page's citation HTML renders the source's own words while the sentence is rendered
    return "".join(f'<a href="../sources/#{i.key}">{render_inline("*" + i.key + "*")}</a>' for i in items)


def test_every_citation_of_a_text_is_rendered_also_after_a_nested_render() -> None:
    inline = render_inline("a [@one] b [@two, p. 3] c [@three; @four]", _cite)
    assert "[@" not in inline and "&#91;&#64;" not in inline
    for key in ("one", "two", "three", "four"):
        assert f"<em>{key}</em></a>" in inline
    block = render_block("a [@one]\n\n- b [@two]\n- c `[@not-a-citation]` [@three]", _cite)
    assert block.count("</a>") == 3 and "<code>&#91;&#64;not&#45;a&#45;citation&#93;</code>" in block


def test_without_a_cite_hook_citations_stay_text() -> None:
    assert render_inline("see [@one]") == "see &#91;&#64;one&#93;"


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Chat 24*7 support", "Chat 24*7 support"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("a * b * c", "a * b * c"),
        ("**bold**, *it*, _u_, ~~gone~~ and `code`", "bold, it, u, gone and code"),
        ("***x*** and **_y_**", "x and y"),
    ],
)
def test_plain_drops_emphasis_pairs_but_keeps_a_lone_star(text: str, shown: str) -> None:
    assert markup.plain(text) == shown
