"""citeproc_compat: each upstream gap exists in plain citeproc-py, and the compat classes close it.

If one of the "plain" tests fails, citeproc-py has fixed that gap: the guard then skips
the fix (see test_a_fixed_gap_is_skipped), and the fix can be deleted.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc import model as csl_model
from citeproc.formatter import plain
from citeproc.source import Name
from citeproc.source.json import CiteProcJSON

from journeybook import citeproc_compat as compat
from journeybook.citeproc_compat import CiteprocChanged, CompatSource, CompatStyle


def style_xml(citation: str = "", bibliography: str = "") -> bytes:
    return (
        f'<style xmlns="{compat.CSL_NS}" version="1.0" class="in-text">'
        '<macro name="title"><text variable="title"/></macro>'
        f"<citation><layout>{citation}</layout></citation>"
        f"<bibliography><layout>{bibliography}</layout></bibliography></style>"
    ).encode()


def plain_style(xml: bytes) -> CitationStylesStyle:
    return CitationStylesStyle(io.BytesIO(xml), locale="en-US", validate=False)


def compat_style(xml: bytes) -> CitationStylesStyle:
    return CompatStyle(xml, "en-US")


def cite(style: CitationStylesStyle, source: CiteProcJSON, key: str, locator: Locator | None = None) -> str:
    bibliography = CitationStylesBibliography(style, source, plain)
    citation = Citation([CitationItem(key, locator=locator) if locator else CitationItem(key)])
    bibliography.register(citation)
    return str(style.render_citation(citation, [], lambda _item: ""))


def entries(style: CitationStylesStyle, source: CiteProcJSON) -> list[str]:
    bibliography = CitationStylesBibliography(style, source, plain)
    for key in source:
        bibliography.register(Citation([CitationItem(key)]))
    return [str(entry) for entry in bibliography.bibliography()]


# --------------------------------------------------------------------------- NAME_VARIABLES

FILM = {"id": "film", "type": "motion_picture", "director": [{"family": "Nolan", "given": "C."}],
        "author": [{"family": "Thomas", "given": "E."}], "title": "Inception"}  # fmt: skip
DIRECTOR = style_xml(bibliography='<names variable="director author" delimiter="; "/>')


def test_name_variables_gap_in_plain_citeproc() -> None:
    assert compat.NAME_VARIABLES.present()
    with pytest.warns(UserWarning, match="unsupported: director"):
        source = CiteProcJSON([FILM])
    with pytest.raises(AttributeError, match="'String' object has no attribute 'parts'"):
        entries(plain_style(DIRECTOR), source)


def test_name_variables_fixed_by_compat_source() -> None:
    source = CompatSource([FILM])
    assert entries(plain_style(DIRECTOR), source) == ["C. Nolan; E. Thomas"]
    # only the variables upstream does not parse are touched
    assert "director" in compat._unparsed_names() and "author" not in compat._unparsed_names()
    assert source["film"]["author"] == CiteProcJSON([{k: v for k, v in FILM.items() if k != "director"}])["film"]["author"]


# --------------------------------------------------------------------------- LOCATOR_IS_NUMERIC

IS_NUMERIC = style_xml('<choose><if is-numeric="locator"><text value="yes"/></if><else><text value="no"/></else></choose>')
ELSE_IF = style_xml(
    '<choose><if type="article"><text value="article"/></if>'
    '<else-if is-numeric="locator title"><text value="both"/></else-if>'
    '<else-if is-numeric="locator"><text value="locator"/></else-if>'
    '<else><text value="no"/></else></choose>'
)
BOOK = CiteProcJSON([{"id": "b", "type": "book", "title": "T"}])
NUMBERED = CiteProcJSON([{"id": "n", "type": "book", "title": "12"}])


@pytest.mark.parametrize("xml", [IS_NUMERIC, ELSE_IF])
def test_locator_is_numeric_gap_in_plain_citeproc(xml: bytes) -> None:
    assert compat.LOCATOR_IS_NUMERIC.present()
    assert cite(plain_style(xml), BOOK, "b", Locator("chapter", "3")) == "no"


@pytest.mark.parametrize("value, expected", [("3", "yes"), ("3-5", "yes"), ("3\u20135", "yes"), ("2a", "yes"),
                                             ("1, 4", "yes"), ("1 & 2", "yes"), ("iii", "no"), ("intro", "no")])  # fmt: skip
def test_locator_is_numeric_fixed_by_compat_style(value: str, expected: str) -> None:
    assert cite(compat_style(IS_NUMERIC), BOOK, "b", Locator("chapter", value)) == expected


def test_locator_is_numeric_in_else_if_and_with_other_variables() -> None:
    style = compat_style(ELSE_IF)
    assert cite(style, BOOK, "b", Locator("page", "4")) == "locator"  # the title "T" is not numeric
    assert cite(style, NUMBERED, "n", Locator("page", "4")) == "both"
    assert cite(style, NUMBERED, "n") == "no"  # no locator


# --------------------------------------------------------------------------- SUBSTITUTE

SUBSTITUTED = style_xml(
    bibliography='<group delimiter="|"><names variable="author"><substitute><names variable="editor"/>'
    '<text macro="title"/></substitute></names><text variable="title"/><names variable="editor"/></group>'
)
EDITED = [{"id": "edited", "type": "book", "title": "Book", "editor": [{"family": "Bakker"}]},
          {"id": "untitled", "type": "book", "title": "1984"}]  # fmt: skip


def test_substitute_gap_in_plain_citeproc() -> None:
    assert compat.SUBSTITUTE.present()
    # the editor (a cs:names child) and the title (through a macro) come back after the substitute
    assert entries(plain_style(SUBSTITUTED), CiteProcJSON(EDITED)) == ["Bakker|Book|Bakker", "1984|1984"]


def test_substitute_fixed_by_compat_style() -> None:
    style = compat_style(SUBSTITUTED)
    assert entries(style, CiteProcJSON(EDITED)) == ["Bakker|Book", "1984"]
    assert style.root.__dict__["journeybook_substituted"] == []  # nothing left over between entries


def test_nested_substitutes() -> None:
    xml = style_xml(
        bibliography='<group delimiter="|"><names variable="author"><substitute><text macro="who"/></substitute>'
        '</names><names variable="editor"/><text variable="title"/></group>'
    ).replace(
        b"<citation>",
        b'<macro name="who"><names variable="composer"><substitute><names variable="editor"/>'
        b'<text macro="title"/></substitute></names></macro><citation>',
    )
    source = CiteProcJSON(EDITED)
    assert entries(plain_style(xml), source) == ["Bakker|Bakker|Book", "1984|1984"]
    assert entries(compat_style(xml), source) == ["Bakker|Book", "1984"]


# --------------------------------------------------------------------------- the guard


def test_every_fix_applies_to_the_installed_citeproc() -> None:
    for fix in (compat.NAME_VARIABLES, compat.LOCATOR_IS_NUMERIC, compat.SUBSTITUTE):
        assert compat._applies(fix), fix.name


def test_a_fixed_gap_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    # a gap that is gone: the fix is not applied, and the code it overrode is not checked
    gone = compat._Fix("GONE", lambda: False, ((csl_model.If._is_numeric, "changed"),))
    assert compat._applies(gone) is False

    monkeypatch.setattr(compat, "_applies", lambda fix: False)
    style = compat_style(IS_NUMERIC)
    assert {type(element) for element in style.root.iter(f"{{{compat.CSL_NS}}}if")} == {csl_model.If}
    assert cite(style, BOOK, "b", Locator("chapter", "3")) == "no"  # plain citeproc-py
    with pytest.warns(UserWarning, match="unsupported: director"):
        source = CompatSource([FILM])
    assert not isinstance(source["film"]["director"][0], Name)  # read as text, as upstream does


def test_changed_upstream_code_is_reported() -> None:
    changed = compat._Fix("CHANGED", lambda: True, ((csl_model.If._is_numeric, "0" * 16),))
    with pytest.raises(CiteprocChanged) as error:
        compat._applies(changed)
    message = str(error.value)
    assert "CHANGED" in message and "citeproc.model.If._is_numeric" in message
    assert compat.WRITTEN_FOR in message and "citeproc_compat.py" in message


def test_compat_classes_only_in_compat_styles() -> None:
    compat_root = compat_style(SUBSTITUTED).root
    plain_root = plain_style(SUBSTITUTED).root
    tags = ("if", "text", "names", "substitute")
    for tag in tags:
        for element in plain_root.iter(f"{{{compat.CSL_NS}}}{tag}"):
            assert type(element).__module__ == "citeproc.model"
    assert {type(e).__module__ for e in compat_root.iter(f"{{{compat.CSL_NS}}}substitute")} == {compat.__name__}
    assert not any(cls.__module__ == compat.__name__ for cls in csl_model.CitationStylesElement.__subclasses__())


def test_importing_journeybook_leaves_citeproc_untouched() -> None:
    # In a fresh interpreter: every citeproc module attribute, class attribute and list is the
    # same object with the same contents before and after journeybook formats a bibliography.
    script = textwrap.dedent(
        """
        import inspect
        import citeproc, citeproc.frontend, citeproc.model, citeproc.source, citeproc.source.json

        MODULES = (citeproc, citeproc.frontend, citeproc.model, citeproc.source, citeproc.source.json)

        def snapshot():
            objects = {}
            for module in MODULES:
                for name, value in vars(module).items():
                    if name == "__warningregistry__":  # Python's record of warnings shown
                        continue
                    objects[module.__name__, name] = value
                    if inspect.isclass(value) and value.__module__.startswith("citeproc"):
                        for attribute, member in vars(value).items():
                            objects[module.__name__, name, attribute] = member
            lists = {name: list(getattr(citeproc, name)) for name in ("NAMES", "DATES", "NUMBERS", "VARIABLES")}
            return objects, lists, citeproc.model.CitationStylesElement.__subclasses__()

        before = snapshot()
        from journeybook.bibliography import Bibliography
        from journeybook.citations import CiteItem
        from journeybook.model import Source

        film = {"id": "film", "type": "motion_picture", "director": [{"family": "Nolan", "given": "C."}],
                "issued": 2010, "title": "Inception", "publisher": "Warner Bros."}
        bib = Bibliography({"film": Source.model_validate(film)}, "en")
        assert bib.entry("film") == "Nolan, C. (Director). (2010). *Inception* \\\\[Film\\\\]. Warner Bros.", bib.entry("film")
        assert bib.cite([CiteItem("film", locator="chapter 3")]) == "(Nolan, 2010, Chapter 3)"
        after = snapshot()

        assert before[0].keys() == after[0].keys(), set(before[0].keys()) ^ set(after[0].keys())
        changed = [key for key, value in before[0].items() if after[0][key] is not value]
        assert not changed, changed
        assert before[1] == after[1] and before[2] == after[2]
        print("untouched")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "untouched"
