"""The repository's own documentation: the generated format reference is current, the README's
links lead somewhere, and the README and the navigation keep up with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from journeybook.format_reference import PAGES, REGENERATE, markdown, write_docs
from journeybook.schema import DEF_NAMES, json_schema

README = ROOT / "README.md"


def _links(markdown_text: str) -> list[str]:
    """The targets of every inline link and image, ``[text](target)`` and ``![alt](target)``,
    outside fenced code blocks and code spans."""
    text = re.sub(r"^```.*?^```", "", markdown_text, flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)
    return [m.group(1) for m in re.finditer(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", text)]


def _nav_files(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    return []


# --------------------------------------------------------------------------- format reference


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_committed_format_reference_is_current(lang: str) -> None:
    path = ROOT / PAGES[lang]
    expected = markdown(lang)
    committed = path.read_text(encoding="utf-8") if path.exists() else ""
    assert committed == expected, (
        f"{PAGES[lang]} is not what the model makes of it (a model or description changed). "
        f"Write it again, in the repository's root: {REGENERATE}  "
        f'(or: python -c "from journeybook.format_reference import write_docs; write_docs()")'
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_format_reference_lists_every_kind_and_key(lang: str) -> None:
    page = markdown(lang)
    defs = json_schema(lang)["$defs"]
    for kind in DEF_NAMES:
        assert f"## kind: {kind} {{#{kind}}}" in page
    for name, model in defs.items():
        for key in model.get("properties", {}):
            assert f"`{key}`" in page, f"{name}.{key} is missing from the {lang} format reference"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_format_reference_rows_are_complete(lang: str) -> None:
    """Every row of every key table has a type, a required flag, a default and a description."""
    page = markdown(lang)
    rows = [line for line in page.splitlines() if line.startswith("| `") and line.count(" | ") >= 4]
    assert len(rows) > 40
    for row in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row.strip("|"))]
        if len(cells) != 5:
            continue  # the table of built-in phase models
        assert all(cells), row


def test_format_reference_takes_dutch_descriptions_from_the_schema() -> None:
    nl = markdown("nl")
    journey = json_schema("nl")["$defs"]["Journey"]
    assert journey["description"] in nl
    assert journey["properties"]["phases"]["description"] in nl
    assert "| Sleutel | Type | Verplicht | Standaard | Beschrijving |" in nl
    en = markdown("en")
    assert json_schema("en")["$defs"]["Journey"]["description"] in en
    assert "| Key | Type | Required | Default | Description |" in en


def test_format_reference_shows_required_defaults_and_allowed_values() -> None:
    page = markdown("en")
    assert "| `action` | [text](#text) | yes | — |" in page
    assert "| `status` | `idea`, `planned`, `doing` or `done` | no | `idea` |" in page
    assert "| `emotion` | whole number from -2 to 2 | no | — |" in page
    assert "| `id` | [id](#ids) | no | the file's name |" in page
    assert "| `direct` | `true` or `false` | no | `false` |" in page
    assert "`motion_picture`" in page  # the CSL types, listed under the sources table
    assert "`sales-funnel`" in page and "`petersen2016`" in page  # what journeybook ships


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_format_reference_explains_places_evidence_levels_and_csv_files(lang: str) -> None:
    """What FORMAT 1.1 adds beyond keys: places, derived evidence levels, the CSV format, the rule of ref."""
    page = markdown(lang)
    for anchor in ("places", "dates", "evidence-levels", "csv-files"):
        assert f"{{#{anchor}}}" in page, anchor
    places = ("`JOURNEY/STEP`", "`JOURNEY#PHASE`") if lang == "en" else ("`JOURNEY/STAP`", "`JOURNEY#FASE`")
    assert all(place in page for place in places)
    # every method counts as observed or reported, with the symbol the site shows
    levels = page.split("{#evidence-levels}")[1].split("\n## ")[0]
    for method in ("interview", "survey", "analytics", "observation", "usability-test", "support-tickets", "desk-research"):
        assert f"`{method}`" in levels, method
    for symbol in ("●", "◐", "○"):
        assert symbol in levels
    csv = page.split("{#csv-files}")[1].split("\n## ")[0]
    assert "metric,at,value,date,target" in csv and "`target`" in csv
    assert ("file.csv:ROW:COLUMN" if lang == "en" else "bestand.csv:RIJ:KOLOM") in csv
    # types that say what an id names, and where a place or a date goes
    if lang == "en":
        assert "| `evidence` | [finding](#finding) id, or a list of them | no |" in page
        assert "| `ref` | [opportunity](#opportunity) id | no |" in page
        assert "| `at` | [place](#places) | yes |" in page
        assert "| `date` | [date](#dates) | yes |" in page
        assert "| `files` | list of [CSV file name](#csv-files) | no |" in page
        assert "Needs `text`; or `ref` and no other key" in page
    else:
        assert "| `evidence` | [bevinding](#finding)-id, of een lijst daarvan | nee |" in page
        assert "Heeft `text` nodig; of `ref` en verder geen sleutel" in page


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_format_reference_explains_blueprints_future_states_and_review_dates(lang: str) -> None:
    """What the second half of FORMAT 1.1 adds: lanes and fail points, to-be journeys and `improves`, `reviewed`."""
    page = markdown(lang)
    journey = page.split("## kind: journey {#journey}")[1].split("\n## kind: ")[0]
    for anchor in ("blueprint", "future-states", "review-dates"):
        assert f"{{#{anchor}}}" in journey, anchor  # under the journey, where the keys are
    blueprint = page.split("{#blueprint}")[1].split("\n### ")[0]
    for key in ("frontstage", "backstage", "support", "fail_point"):
        assert f"{key}:" in blueprint and (key == "fail_point" or f"| `{key}` |" in blueprint), key
    lines = ("interaction", "visibility", "internal interaction") if lang == "en" else ("interactielijn", "zichtbaarheidslijn", "interne interactie")
    assert all(line in blueprint for line in lines)
    future = page.split("{#future-states}")[1].split("\n### ")[0]
    assert "state: to-be" in future and "improves:" in future and "`as-is`" in future
    for aspect in ("`action`", "`emotion`", "`touchpoints`", "`pain_points`", "`fail_point`"):
        assert aspect in future  # what makes a step changed, from journeybook.future
    reviews = page.split("{#review-dates}")[1].split("\n## ")[0]
    assert "SOURCE_DATE_EPOCH" in reviews and "`review_days`" in reviews and "365" in reviews
    assert "(#persona)" in reviews and "(#journey)" in reviews
    rules = "lint-rules.md" if lang == "en" else "lintregels.md"
    for rule in ("fail-point-without-opportunity", "to-be-not-better", "stale-review"):
        assert f"]({rules}#{rule})" in page, rule
    if lang == "en":
        assert "| `improves` | [journey](#journey) id | no | — |" in page
        assert "| `state` | `as-is` or `to-be` | no | `as-is` |" in page
        assert "| `reviewed` | [date](#dates) | no | — |" in page
    else:
        assert "| `improves` | [journey](#journey)-id | nee | — |" in page


def test_format_reference_links_stay_on_the_page() -> None:
    """Every ``#anchor`` the page links to is an id the page defines."""
    for lang in PAGES:
        page = markdown(lang)
        ids = set(re.findall(r"\{#([a-z0-9-]+)\}", page))
        for target in re.findall(r"\]\(#([^)]+)\)", page):
            assert target in ids, f"{lang}: #{target}"


def test_write_docs(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="mkdocs.yml"):
        write_docs(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    written = write_docs(tmp_path)
    assert written == [tmp_path / PAGES["en"], tmp_path / PAGES["nl"]]
    assert (tmp_path / PAGES["nl"]).read_text(encoding="utf-8") == markdown("nl")


# --------------------------------------------------------------------------- README


def test_readme_links_resolve() -> None:
    targets = _links(README.read_text(encoding="utf-8"))
    assert targets, "no links found in README.md"
    broken = []
    for target in targets:
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path = target.split("#", 1)[0]
        if path and not (ROOT / path).exists():
            broken.append(target)
    assert not broken, f"README.md links to files that are not in the repository: {broken}"


def test_readme_links_to_the_format_reference_and_guides() -> None:
    targets = _links(README.read_text(encoding="utf-8"))
    for page in ["docs/reference/format.md", "docs/naslag/formaat.md", "docs/writing-a-journey.md",
                 "docs/journey-schrijven.md", "docs/reference/printing.md"]:  # fmt: skip
        assert page in targets, page
    assert "FORMAT.md" not in README.read_text(encoding="utf-8")


def test_readme_names_every_plugin_option_and_added_extension() -> None:
    from journeybook.config import JourneybookConfig
    from journeybook.pages import MARKDOWN_EXTENSIONS

    text = README.read_text(encoding="utf-8")
    table = re.findall(r"^\| `([a-z_]+)` \|", text, re.M)
    options = [name for name, _option in JourneybookConfig._schema]
    assert sorted(set(options) - set(table)) == [], "options missing from the README's table"
    added = re.search(r"adds\s+the\s+Markdown\s+extensions[^(]*\(([^)]*)\)", text)
    assert added is not None
    assert set(re.findall(r"`([\w.]+)`", added.group(1))) == set(MARKDOWN_EXTENSIONS)


# --------------------------------------------------------------------------- the site's navigation


def test_navigation_has_the_guides_and_references() -> None:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name: and the like
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    nav = set(_nav_files(config["nav"]))
    for page in ["writing-a-journey.md", "journey-schrijven.md", "reference/format.md", "naslag/formaat.md",
                 "reference/printing.md", "naslag/afdrukken.md"]:  # fmt: skip
        assert page in nav, page
    for page in nav:
        assert page.startswith("playbook/") or (ROOT / "docs" / page).is_file(), page
