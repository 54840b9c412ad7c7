"""APA 7 citations and reference entries (citeproc-py + apa.csl), in English and Dutch."""

from __future__ import annotations

import datetime as dt
import re
import socket
from pathlib import Path

import markdown
import pytest
import yaml

from journeybook.bibliography import STYLE_PATH, Bibliography, escape, parse_locator
from journeybook.citations import CiteItem, find_citations
from journeybook.model import Source

# The sources named in the seeds (DOMAIN.md) and their expected APA entries live in a
# bibliography fixture, so that this file holds no titles of the source articles.
_FIXTURE = yaml.safe_load((Path(__file__).parent / "fixtures" / "sources_domain.yml").read_text(encoding="utf-8"))
DOMAIN_SOURCES: list[dict] = _FIXTURE["sources"]
EN_ENTRIES: dict[str, str] = _FIXTURE["entries"]["en"]
NL_ENTRIES: dict[str, str] = _FIXTURE["entries"]["nl"]

HOSTILE = {
    "id": "hostile",
    "type": "book",
    "author": [
        {"family": "<script>alert(1)</script>", "given": "[x](javascript:alert(1))"},
        {"literal": "{{ config.site_name }} {% include 'x' %}"},
    ],
    "issued": 2020,
    "title": "*bold* _u_ `code` | cell | ![img](javascript:alert(2)) <img src=x onerror=alert(3)> {: onclick=x}",
    "publisher": "&lt;b&gt; &#60;i&#62; [click](javascript:alert(4))\n\n# Heading",
    "URL": "javascript:alert(5)",
}


def sources(*extra: dict) -> dict[str, Source]:
    data = DOMAIN_SOURCES + list(extra)
    return {d["id"]: Source.model_validate(d) for d in data}


@pytest.fixture(scope="module")
def en() -> Bibliography:
    return Bibliography(sources(), "en")


@pytest.fixture(scope="module")
def nl() -> Bibliography:
    return Bibliography(sources(), "nl")


def cite(bib: Bibliography, text: str) -> str:
    """Cite the first pandoc citation group in ``text``, as the page renderer does."""
    return bib.cite(next(find_citations(text)).items)


# --------------------------------------------------------------------------- in-text citations


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[@petersen2016]", "(Petersen, 2016)"),  # single author
        ("[@visser2015]", "(Visser & Sikkenga, 2015)"),  # two authors: &
        ("[@osterwalder2014]", "(Osterwalder et al., 2014)"),  # 3+ authors: et al.
        ("[@b2bmarketeers2018]", "(B2bmarketeers, 2018)"),  # organisation (literal)
        ("[@uxmastery2014]", "(UX Mastery, 2014)"),
        ("[@visser2015, p. 369]", "(Visser & Sikkenga, 2015, p. 369)"),
        ("[@petersen2016, pp. 65-69]", "(Petersen, 2016, pp. 65\u201369)"),
        ("[@petersen2016, 65-69]", "(Petersen, 2016, pp. 65\u201369)"),  # bare number = page
        ("[@petersen2016, chapter 3]", "(Petersen, 2016, Chapter 3)"),
        ("[@petersen2016, para. 4]", "(Petersen, 2016, para. 4)"),
        ("[@petersen2016, especially the intro]", "(Petersen, 2016, especially the intro)"),
        ("[@visser2015, p. 369, emphasis added]", "(Visser & Sikkenga, 2015, p. 369, emphasis added)"),
        ("[see @visser2015, p. 369]", "(see Visser & Sikkenga, 2015, p. 369)"),
        ("[-@visser2015, p. 369]", "(2015, p. 369)"),  # suppress author
        # several items: reference-list order, joined with ";"
        ("[@petersen2016; @nijhuis2016]", "(Nijhuis, 2016; Petersen, 2016)"),
        (
            "[@visser2015, p. 369; @b2bmarketeers2018; @osterwalder2014]",
            "(B2bmarketeers, 2018; Osterwalder et al., 2014; Visser & Sikkenga, 2015, p. 369)",
        ),
    ],
)
def test_cite_en(en: Bibliography, text: str, expected: str) -> None:
    assert cite(en, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[@visser2015, p. 369]", "(Visser & Sikkenga, 2015, p. 369)"),  # APA keeps "&" and "p." in Dutch
        ("[@osterwalder2014]", "(Osterwalder et al., 2014)"),  # not "e.a."
        ("[@petersen2016, blz. 65-69]", "(Petersen, 2016, pp. 65\u201369)"),
        ("[@petersen2016, hoofdstuk 3]", "(Petersen, 2016, Hoofdstuk 3)"),
        ("[zie @nijhuis2016; @petersen2016]", "(zie Nijhuis, 2016; Petersen, 2016)"),
    ],
)
def test_cite_nl(nl: Bibliography, text: str, expected: str) -> None:
    assert cite(nl, text) == expected


def test_no_date_in_both_languages() -> None:
    undated = {"id": "montix", "type": "webpage", "author": "Montix", "title": "Wat is een customer journey?"}
    assert Bibliography(sources(undated), "en").cite([CiteItem("montix")]) == "(Montix, n.d.)"
    assert Bibliography(sources(undated), "nl").cite([CiteItem("montix")]) == "(Montix, z.d.)"


def test_same_author_and_year_get_letters() -> None:
    second = {"id": "petersen2016b", "type": "book", "author": [{"family": "Petersen", "given": "P."}],
              "issued": 2016, "title": "Adverteren met zoekmachines", "publisher": "Van Duuren Media"}  # fmt: skip
    bib = Bibliography(sources(second), "en")
    # a, b follow the reference-list order: by title
    assert bib.cite([CiteItem("petersen2016b")]) == "(Petersen, 2016a)"
    assert bib.cite([CiteItem("petersen2016")]) == "(Petersen, 2016b)"
    assert bib.entry("petersen2016b") == (
        "Petersen, P. (2016a). *Adverteren met zoekmachines*. Van Duuren Media."
    )
    assert bib.keys_sorted().index("petersen2016b") + 1 == bib.keys_sorted().index("petersen2016")


def test_unknown_keys_come_back_as_the_key(en: Bibliography) -> None:
    assert en.cite([CiteItem("nosuchkey")]) == "nosuchkey"
    assert en.cite([CiteItem("petersen2016"), CiteItem("nosuchkey")]) == "(Petersen, 2016; nosuchkey)"
    assert en.entry("nosuchkey") == "nosuchkey"
    assert en.entry("no_such*key") == "no\\_such\\*key"


# --------------------------------------------------------------------------- reference entries




@pytest.mark.parametrize("key", sorted(EN_ENTRIES))
def test_entry_en(en: Bibliography, key: str) -> None:
    assert en.entry(key) == EN_ENTRIES[key]


@pytest.mark.parametrize("key", sorted(NL_ENTRIES))
def test_entry_nl(nl: Bibliography, key: str) -> None:
    assert nl.entry(key) == NL_ENTRIES[key]


def test_retrieved_date_only_for_undated_pages() -> None:
    # APA 7 (9.16): a retrieval date only for pages without a date that change over time.
    undated = [
        {"id": "montix", "type": "webpage", "author": "Montix", "title": "Wat is een customer journey?",
         "container-title": "Montix", "URL": "https://www.montix.nl/", "accessed": dt.date(2018, 5, 29)},
        {"id": "hooren", "type": "webpage", "author": "Koen van Hooren Marketing", "title": "Customer journey",
         "URL": "https://koenvanhooren.nl/customer-journey/"},
    ]  # fmt: skip
    en, nl = Bibliography(sources(*undated), "en"), Bibliography(sources(*undated), "nl")
    assert en.entry("montix") == (
        "Montix. (n.d.). *Wat is een customer journey?* Montix. "
        "Retrieved May 29, 2018, from [https://www.montix.nl/](https://www.montix.nl/)"
    )
    assert nl.entry("montix") == (
        "Montix. (z.d.). *Wat is een customer journey?* Montix. "
        "Geraadpleegd op 29 mei 2018, van [https://www.montix.nl/](https://www.montix.nl/)"
    )
    # without an access date there is no dangling "Retrieved"
    assert en.entry("hooren") == (
        "Koen van Hooren Marketing. (n.d.). *Customer journey*. "
        "[https://koenvanhooren.nl/customer-journey/](https://koenvanhooren.nl/customer-journey/)"
    )
    assert "Retrieved" not in en.entry("hooren") and "Geraadpleegd" not in nl.entry("hooren")
    # a dated page with an access date: no retrieval date (en: nijhuis2016 above)
    assert "Retrieved" not in en.entry("nijhuis2016")


def test_other_source_kinds() -> None:
    extra = [
        {"id": "lemon2016", "type": "article-journal",
         "author": [{"family": "Lemon", "given": "Katherine N."}, {"family": "Verhoef", "given": "Peter C."}],
         "issued": 2016, "title": "Understanding customer experience throughout the customer journey",
         "container-title": "Journal of Marketing", "volume": 80, "issue": "6", "page": "69-96",
         "DOI": "https://doi.org/10.1509/jm.15.0420"},
        {"id": "bakker2018", "type": "book", "editor": [{"family": "Bakker", "given": "B."}], "issued": 2018,
         "title": "Handboek klantreis", "publisher": "Boom"},
        {"id": "jansen2018", "type": "chapter", "author": [{"family": "Jansen", "given": "J."}],
         "editor": [{"family": "Bakker", "given": "B."}, {"family": "Smit", "given": "S."}], "issued": 2018,
         "title": "Touchpoints", "container-title": "Handboek klantreis", "publisher": "Boom", "page": "10-20"},
        {"id": "strategie", "type": "webpage", "issued": dt.date(2019, 7, 30),
         "title": "Digitale strategie deel 2 \u2013 Customer Journey", "container-title": "Frankwatching",
         "URL": "https://www.frankwatching.com/x"},
    ]  # fmt: skip
    en, nl = Bibliography(sources(*extra), "en"), Bibliography(sources(*extra), "nl")
    assert en.entry("lemon2016") == (
        "Lemon, K. N., & Verhoef, P. C. (2016). Understanding customer experience throughout the customer "
        "journey. *Journal of Marketing*, *80*(6), 69\u201396. "
        "[https://doi.org/10.1509/jm.15.0420](https://doi.org/10.1509/jm.15.0420)"
    )
    # an editor in the author place is not repeated after the title
    assert en.entry("bakker2018") == "Bakker, B. (Ed.). (2018). *Handboek klantreis*. Boom."
    assert nl.entry("bakker2018") == "Bakker, B. (Red.). (2018). *Handboek klantreis*. Boom."
    assert en.entry("jansen2018") == (
        "Jansen, J. (2018). Touchpoints. In B. Bakker & S. Smit (Eds.), *Handboek klantreis* (pp. 10\u201320). Boom."
    )
    # no author: the title moves to the author place, once
    assert en.entry("strategie") == (
        "*Digitale strategie deel 2 \u2013 Customer Journey*. (2019, July 30). Frankwatching. "
        "[https://www.frankwatching.com/x](https://www.frankwatching.com/x)"
    )
    assert en.cite([CiteItem("strategie")]) == "(*Digitale Strategie Deel 2 \u2013 Customer Journey*, 2019)"
    assert nl.cite([CiteItem("strategie")]) == "(*Digitale strategie deel 2 \u2013 Customer Journey*, 2019)"


def test_csl_1_0_2_name_variables() -> None:
    # director, host …: names citeproc-py 0.11 reads as text (citeproc_compat.NAME_VARIABLES)
    extra: list[dict] = [
        {"id": "nolan2010", "type": "motion_picture", "director": [{"family": "Nolan", "given": "C."}],
         "issued": 2010, "title": "Inception", "publisher": "Warner Bros."},
        {"id": "podcast2021", "type": "broadcast", "host": [{"family": "Host", "given": "H."}], "issued": 2021,
         "title": "Episode 1", "container-title": "The Podcast", "URL": "https://pod.example/1"},
    ]  # fmt: skip
    en, nl = Bibliography(sources(*extra), "en"), Bibliography(sources(*extra), "nl")
    assert en.entry("nolan2010") == "Nolan, C. (Director). (2010). *Inception* \\[Film\\]. Warner Bros."
    assert nl.entry("nolan2010") == "Nolan, C. (Regisseur). (2010). *Inception* \\[Film\\]. Warner Bros."
    assert en.cite([CiteItem("nolan2010")]) == "(Nolan, 2010)"
    assert en.entry("podcast2021") == (
        "Host, H. (Host). (2021). Episode 1 \\[Broadcast\\]. In *The Podcast*. "
        "[https://pod.example/1](https://pod.example/1)"
    )
    assert en.cite([CiteItem("podcast2021")]) == "(Host, 2021)"


def test_every_citation_is_rendered_as_a_first_one(en: Bibliography) -> None:
    # citeproc-py's position tests (ibid, subsequent) never see earlier citations
    for page in range(1, 20):
        assert en.cite([CiteItem("osterwalder2014", locator=f"p. {page}")]) == f"(Osterwalder et al., 2014, p. {page})"


# --------------------------------------------------------------------------- order, determinism

EXPECTED_ORDER = ["b2bmarketeers2018", "nijhuis2016", "osterwalder2014", "petersen2016", "uxmastery2014", "visser2015"]


def test_keys_sorted_in_reference_list_order(en: Bibliography, nl: Bibliography) -> None:
    assert en.keys_sorted() == EXPECTED_ORDER
    assert nl.keys_sorted() == EXPECTED_ORDER


def test_order_by_author_then_year_then_title() -> None:
    extra = [
        {"id": "a-2017", "type": "book", "author": [{"family": "Aa", "given": "A."}], "issued": 2017, "title": "A"},
        {"id": "a-2015-z", "type": "book", "author": [{"family": "Aa", "given": "A."}], "issued": 2015, "title": "Z"},
        {"id": "a-2015-b", "type": "book", "author": [{"family": "Aa", "given": "A."}], "issued": 2015, "title": "B"},
        {"id": "a-and-b", "type": "book", "author": [{"family": "Aa", "given": "A."}, {"family": "Bee", "given": "B."}],
         "issued": 2010, "title": "C"},
    ]  # fmt: skip
    bib = Bibliography(sources(*extra), "en")
    assert bib.keys_sorted()[:4] == ["a-2015-b", "a-2015-z", "a-2017", "a-and-b"]
    assert bib.cite([CiteItem("a-2015-z")]) == "(Aa, 2015b)"


def test_output_does_not_depend_on_dict_order() -> None:
    forward = sources()
    backward = dict(reversed(list(forward.items())))
    a, b = Bibliography(forward, "en"), Bibliography(backward, "en")
    assert a.keys_sorted() == b.keys_sorted() == EXPECTED_ORDER
    assert [a.entry(k) for k in EXPECTED_ORDER] == [b.entry(k) for k in EXPECTED_ORDER]
    items = [CiteItem("visser2015"), CiteItem("nijhuis2016")]
    assert a.cite(items) == b.cite(items) == a.cite(list(reversed(items))) == "(Nijhuis, 2016; Visser & Sikkenga, 2015)"


def test_builds_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    assert STYLE_PATH.is_file() and (STYLE_PATH.parent / "README.md").is_file()

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    bib = Bibliography(sources(), "nl")
    assert bib.cite([CiteItem("visser2015", locator="p. 369")]) == "(Visser & Sikkenga, 2015, p. 369)"
    assert bib.entry("visser2015") == NL_ENTRIES["visser2015"]


# --------------------------------------------------------------------------- locators


@pytest.mark.parametrize(
    "text, expected",
    [
        ("p. 369", ("page", "369", "")),
        ("pp. 65-69", ("page", "65-69", "")),
        ("p.369", ("page", "369", "")),
        ("369", ("page", "369", "")),
        ("blz. 12", ("page", "12", "")),
        ("chap. 3-5", ("chapter", "3-5", "")),
        ("§ 4", ("section", "4", "")),
        ("p. 369, emphasis added", ("page", "369", ", emphasis added")),
        ("especially the intro", ("", "", "especially the intro")),
        ("hoofdstuk drie", ("", "", "hoofdstuk drie")),  # a label without a number is just text
    ],
)
def test_parse_locator(text: str, expected: tuple[str, str, str]) -> None:
    assert parse_locator(text) == expected


# --------------------------------------------------------------------------- hostile data

MD_EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc"]


def html_of(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=MD_EXTENSIONS)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_hostile_author_data_is_inert(lang: str) -> None:
    bib = Bibliography(sources(HOSTILE), lang)
    entry = bib.entry("hostile")
    citation = bib.cite([CiteItem("hostile", prefix="<b>see</b>", locator="p. 3 <i>x</i>")])

    for text in (entry, citation):
        assert "\n" not in text
        assert "<" not in text  # no raw HTML at all
        assert "{{" not in text and "{%" not in text and "{:" not in text  # no template / attr_list syntax
        assert not re.search(r"(?<!\\)\]\(", text) and "|" not in text  # no link syntax, no table cells
    # the author's own markup is shown, not applied
    assert "\\*bold\\* \\_u\\_ &#96;code&#96;" in entry
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry
    # entities the author typed are shown as typed, not decoded into markup
    assert "&amp;lt;b&amp;gt; &amp;#60;i&amp;#62;" in entry
    # a javascript: URL is plain text, never a link
    assert entry.endswith("javascript:alert(5)")

    # Through Markdown (the extensions the pages use), in a paragraph, a list item and a link
    # as the page renderer builds them: only the generated emphasis and links survive.
    for md_text in (entry, f"- {entry}", f"[{citation[1:-1]}](sources.md#hostile)"):
        out = html_of(md_text)
        assert not re.search(r"<(?!/?(p|em|a|ul|li)\b)", out), out
        assert "javascript" not in "".join(re.findall(r'href="([^"]*)"', out))
        assert not re.search(r"<[^>]*(onclick|onerror)", out)  # no attributes from attr_list
        assert "<h1" not in out and "<table" not in out and "<code" not in out and "<img" not in out
    assert html_of(entry).count("<em>") == 1  # the title, from the style


def test_entry_cannot_start_a_list_or_heading() -> None:
    odd = [
        {"id": "orwell", "type": "book", "title": "1984", "issued": 1949, "publisher": "Secker & Warburg"},
        {"id": "dash", "type": "book", "author": "- Dash", "issued": 2000, "title": "T", "publisher": "P"},
        {"id": "hash", "type": "book", "author": "# Hash", "issued": 2000, "title": "T", "publisher": "P"},
    ]  # fmt: skip
    bib = Bibliography(sources(*odd), "en")
    assert bib.entry("orwell") == "*1984*. (1949). Secker & Warburg."  # title once, APA 9.12
    assert bib.entry("dash").startswith("\\- Dash.")
    assert bib.entry("hash").startswith("\\# Hash.")
    for key in ("orwell", "dash", "hash"):
        assert html_of(bib.entry(key)).startswith("<p>")


def test_links_are_encoded() -> None:
    odd = {"id": "odd", "type": "webpage", "author": "X", "issued": 2020, "title": "T",
           "URL": "https://example.org/a b(c)_d?q=<x>"}  # fmt: skip
    entry = Bibliography(sources(odd), "en").entry("odd")
    assert entry.endswith("[https://example.org/a b(c)\\_d?q=&lt;x&gt;](https://example.org/a%20b%28c%29_d?q=%3Cx%3E)")
    assert 'href="https://example.org/a%20b%28c%29_d?q=%3Cx%3E"' in html_of(entry)


def test_escape() -> None:
    assert escape("a*b_c[d]e`f<g>h{i}j|k~l^m\\n") == (
        "a\\*b\\_c\\[d\\]e&#96;f&lt;g&gt;h&#123;i&#125;j&#124;k&#126;l&#94;m\\\\n"
    )
    assert escape("Visser & Sikkenga") == "Visser & Sikkenga"
    assert escape("&lt;") == "&amp;lt;"
