"""Issue 13: no level of the playbook's navigation lists more than ``LIMIT`` entries.

A journey page shows the entries of every section it lies in; a flat section of a thousand
journeys made each page carry a thousand links. Larger levels are folded into groups, in the
entries' own order, labelled with their first and last entry; small handbooks are unchanged.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build, read, write_project
from journeybook.pages.base import NavEntry
from journeybook.pages.navigation import LIMIT, bounded
from journeybook.pipeline import generate
from journeybook.render import project_files


def flat(n: int, title: str = "Journey {:04d}") -> NavEntry:
    return NavEntry("Journeys", None, [NavEntry(title.format(i), f"j/{i}", [NavEntry("Phase", f"j/{i}/p")]) for i in range(n)])


def pages(entry: NavEntry) -> list[str]:
    return [*([entry.path] if entry.path else []), *(p for child in entry.children for p in pages(child))]


def widest(entry: NavEntry) -> int:
    return max([len(entry.children), *(widest(child) for child in entry.children)])


def depth(entry: NavEntry) -> int:
    return 1 + max((depth(child) for child in entry.children), default=0)


def journeys_below(entry: NavEntry) -> list[NavEntry]:
    """The journeys of a (possibly grouped) section: the entries with a page."""
    return [e for child in entry.children for e in ([child] if child.path else journeys_below(child))]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2500), st.integers(min_value=2, max_value=40))
def test_every_page_keeps_its_place_and_no_level_is_longer_than_the_limit(n: int, limit: int) -> None:
    tree = flat(n)
    folded = bounded(tree, limit)
    assert pages(folded) == pages(tree)  # the same pages, in the same order (previous / next unchanged)
    assert widest(folded) <= max(limit, 1)
    # as few levels as will do: groups only where a level is longer than the limit
    levels = max(1, math.ceil(math.log(n, limit) - 1e-9)) if n > 1 else 1
    assert depth(folded) == depth(tree) + levels - 1
    sizes = [len(group.children) for group in folded.children if group.path is None]
    assert not sizes or max(sizes) - min(sizes) <= 1  # groups of a level are about equally long


def test_a_level_up_to_the_limit_is_unchanged() -> None:
    tree = flat(LIMIT)
    assert bounded(tree) == tree
    assert bounded(flat(LIMIT + 1)) != flat(LIMIT + 1)


def test_a_group_is_labelled_with_its_first_and_last_entry() -> None:
    folded = bounded(flat(100))
    assert [g.title for g in folded.children] == [
        "Journey 0000 – Journey 0024", "Journey 0025 – Journey 0049",
        "Journey 0050 – Journey 0074", "Journey 0075 – Journey 0099",
    ]  # fmt: skip
    big = bounded(flat(1000))
    assert [g.title for g in big.children] == ["Journey 0000 – Journey 0506", "Journey 0507 – Journey 0999"]
    assert big.children[0].children[0].title == "Journey 0000 – Journey 0029"


def test_long_titles_are_cut_between_words() -> None:
    folded = bounded(flat(31, "Customer {:02d} renews the home insurance policy online"))
    first, second = (g.title for g in folded.children)
    assert first == "Customer 00 renews the home… – Customer 15 renews the home…"
    assert second.startswith("Customer 16 renews the home…")
    unbroken = bounded(flat(31, "X{:02d}" + "y" * 60)).children[0].title
    assert unbroken == "X00" + "y" * 24 + "… – X15" + "y" * 24 + "…"


# --------------------------------------------------------------------------- a real site

JOURNEY = """\
kind: journey
id: j{i:02d}
title: {title}
phases:
  - phase: awareness
    steps:
      - action: Looks around
  - phase: purchase
    steps:
      - action: Buys
"""

MKDOCS = """\
site_name: Many journeys
theme:
  name: material
  features: [navigation.indexes, navigation.prune]
plugins:
  - search
  - journeybook
"""

HOSTILE = '<img src=x onerror=alert(1)> & "quoted"'


def many_journeys(n: int) -> dict[str, str]:
    titles = {i: (HOSTILE if i == 0 else f"Journey {i:02d}") for i in range(n)}
    return {f"j{i:02d}.yml": JOURNEY.format(i=i, title=yaml.safe_dump(titles[i]).strip().removesuffix("...").strip()) for i in range(n)}


def sidebar(html: str) -> str:
    start = html.index("md-nav--primary")
    return html[start : html.index("md-sidebar--secondary", start)]


def test_a_site_of_many_journeys_lists_a_bounded_navigation(tmp_path: Path) -> None:
    n = 2 * LIMIT + 5  # three groups
    site = build(write_project(tmp_path / "p", many_journeys(n), MKDOCS))
    page = read(site, "playbook/journeys/j40/index.html")
    nav = sidebar(page)
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
    assert len(links) < 2 * LIMIT  # was every one of the 65 journeys
    labels = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]
    first = "&lt;img src=x onerror=alert(1)…"  # a group label made of author text is escaped (and shortened)
    assert f"{first} – Journey 21" in labels
    assert "Journey 22 – Journey 43" in labels and "Journey 44 – Journey 64" in labels
    assert "<img src=x" not in nav
    # the page's own group is open (its journeys listed), the others are single links
    assert "Journey 39" in labels and "Journey 43" in labels and "Journey 21" not in labels and "Journey 50" not in labels
    # every journey and phase page is still built, and reachable from its group's first page
    for i in range(n):
        assert (site / f"playbook/journeys/j{i:02d}/purchase/index.html").is_file()
    other = sidebar(read(site, "playbook/journeys/j05/index.html"))
    assert "Journey 21" in other and "Journey 40" not in other


def test_render_writes_the_same_groups_into_mkdocs_yml(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", many_journeys(LIMIT + 1), MKDOCS)
    result = generate(project / "journeys")
    assert result.site is not None
    files = project_files(result.site, site_name="Many journeys", lang="en")
    config = yaml.safe_load(files["mkdocs.yml"])
    playbook = next(item["Playbook"] for item in config["nav"] if isinstance(item, dict) and "Playbook" in item)
    journeys = next(item["Journeys"] for item in playbook if "Journeys" in item)
    assert [next(iter(group)) for group in journeys] == [
        "&lt;img src=x onerror=alert(1)… – Journey 15", "Journey 16 – Journey 30",
    ]  # fmt: skip
    assert len(next(iter(journeys[0].values()))) == 16
