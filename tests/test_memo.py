"""What ``mkdocs serve`` keeps from one build to the next (journeybook.memo): only a changed
file is parsed again, figures are not post-processed again, and the pages are the same as
those of a process that keeps nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from journeybook import loader
from journeybook.diagram_cache import DiagramCache, DiagramMaker
from journeybook.memo import Memo
from journeybook.pipeline import generate

HANDBOOK = FIXTURES / "format12-handbook" / "journeys"


@pytest.fixture
def handbook_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    shutil.copytree(HANDBOOK, folder)
    return folder


def pages(result) -> list[tuple[str, str, str]]:
    assert result.site is not None
    return [(p.path, p.title, p.content) for p in result.site.pages]


def test_only_a_changed_file_is_parsed_again(handbook_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = loader.load_text

    def counting(text, path):
        parsed.append(Path(path).name)
        return real(text, path)

    monkeypatch.setattr(loader, "load_text", counting)
    memo = Memo()
    first, _ = loader.load_source(handbook_copy, memo)
    files = len(parsed)
    assert files >= 8
    parsed.clear()
    again, _ = loader.load_source(handbook_copy, memo)
    assert parsed == [] and [d.data for d in again] == [d.data for d in first]
    journey = handbook_copy / "new-boots.yml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("coming loose", "flapping"), encoding="utf-8")
    changed, _ = loader.load_source(handbook_copy, memo)
    assert parsed == ["new-boots.yml"]
    assert "flapping" in str([d.data for d in changed if d.path == journey])


def test_a_file_with_problems_keeps_them_and_a_fixed_one_loses_them(handbook_copy: Path) -> None:
    memo = Memo()
    journey = handbook_copy / "new-boots.yml"
    good = journey.read_text(encoding="utf-8")
    journey.write_text("kind: journey\nid: new-boots\ntitle: [unclosed\n", encoding="utf-8")
    problems = [p.format() for p in loader.load_source(handbook_copy, memo)[1]]
    assert any("new-boots.yml:3:8" in p for p in problems)
    assert [p.format() for p in loader.load_source(handbook_copy, memo)[1]] == problems
    journey.write_text(good, encoding="utf-8")
    assert loader.load_source(handbook_copy, memo)[1] == []


def test_builds_with_a_memo_make_the_pages_of_builds_without(handbook_copy: Path, tmp_path: Path) -> None:
    memo = Memo()
    for edit in (None, ("Notices the sole is coming loose", "Notices the sole is flapping"), ("title: New football", "title: Old football")):
        if edit:
            journey = handbook_copy / "new-boots.yml"
            journey.write_text(journey.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
        memo.start()
        kept = DiagramMaker(cache=DiagramCache(None), memo=memo)
        with_memo = generate(handbook_copy, diagrams=kept, memo=memo)
        memo.finish()
        fresh = DiagramMaker(cache=DiagramCache(None))
        without = generate(handbook_copy, diagrams=fresh)
        assert pages(with_memo) == pages(without)
        assert [d.format() for d in with_memo.diagnostics] == [d.format() for d in without.diagnostics]
        assert kept.total == fresh.total > 10 and kept.used == fresh.used
        if edit is None:
            assert kept.rendered == kept.total  # no cache folder: every figure drawn once…
        else:
            assert 0 < kept.rendered < kept.total  # …then only those that changed


def test_an_unchanged_handbook_makes_no_page_and_an_edit_only_the_pages_that_show_it(handbook_copy: Path) -> None:
    memo = Memo()
    for _ in range(2):
        memo.start()
        result = generate(handbook_copy, diagrams=DiagramMaker(cache=DiagramCache(None), memo=memo), memo=memo)
        memo.finish()
    total = len(pages(result))
    assert (memo.pages_made, memo.pages_kept) == (0, total)  # every page could be kept: none is unmemoisable
    journey = handbook_copy / "new-boots-2027.yml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("summary: The same need", "summary: Much the same need", 1), encoding="utf-8")
    memo.start()
    again = generate(handbook_copy, diagrams=DiagramMaker(cache=DiagramCache(None), memo=memo), memo=memo)
    memo.finish()
    changed = {path for (path, _t, content), (_p, _t2, before) in zip(pages(again), pages(result), strict=True) if content != before}
    assert "playbook/journeys/new-boots-2027/index.md" in changed
    assert len(changed) <= memo.pages_made < total and memo.pages_made + memo.pages_kept == total
    # what does not show the to-be journey is kept: the research pages, a phase of another journey
    assert again.site is not None and result.site is not None
    first = {page.path: page for page in result.site.pages}
    kept = {page.path for page in again.site.pages if page is first[page.path]}
    assert {"playbook/research/interviews-2026/index.md", "playbook/journeys/tractor/buy/index.md"} <= kept


def test_a_memo_lets_go_of_what_the_last_build_did_not_use(handbook_copy: Path) -> None:
    memo = Memo()
    memo.start()
    generate(handbook_copy, diagrams=DiagramMaker(cache=DiagramCache(None), memo=memo), memo=memo)
    memo.finish()
    full = len(memo)
    (handbook_copy / "new-boots-2027.yml").unlink()
    memo.start()
    result = generate(handbook_copy, diagrams=DiagramMaker(cache=DiagramCache(None), memo=memo), memo=memo)
    assert result.site is not None
    memo.finish()
    assert 0 < len(memo) < full


# --------------------------------------------------------------------------- every kind of edit

TEXT_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )([A-Za-z][^#\[\]{}&*|>'\"]*)$")
NUMBER_LINE = re.compile(r"^(\s*(?:- )?(?:target|value|emotion|impact|effort): )(-?\d+(?:\.\d+)?)$")


def edits_of(folder: Path, per_file: int = 3) -> list[tuple[Path, int, str]]:
    """Up to ``per_file`` edits per YAML file: a text value with a word added, or a number changed."""
    found = []
    for path in sorted(folder.rglob("*.y*ml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        picked = 0
        for n, line in enumerate(lines):
            if picked == per_file:
                break
            text, number = TEXT_LINE.match(line), NUMBER_LINE.match(line)
            if text and not re.match(r"\s*(?:- )?(id|kind|ref|persona|framework|phase|at|metric|state|improves|channel|severity|status|priority|better|unit|type|file|date|reviewed|direct|sentiment|language|lang)\b", line):
                found.append((path, n, f"{text.group(1)}{text.group(2)} edited"))
                picked += 1
            elif number:
                found.append((path, n, f"{number.group(1)}{float(number.group(2)) + 1 if '.' in number.group(2) else int(number.group(2)) - 1}"))
                picked += 1
    return found


def _same_pages_with_and_without_memo(folder: Path, memo: Memo, **options) -> bool:
    memo.start()
    with_memo = generate(folder, diagrams=DiagramMaker(cache=DiagramCache(None), memo=memo), memo=memo, **options)
    memo.finish()
    without = generate(folder, diagrams=DiagramMaker(cache=DiagramCache(None)), **options)
    if with_memo.site is None or without.site is None:  # an edit the handbook refuses: the same problems
        assert [d.format() for d in with_memo.diagnostics] == [d.format() for d in without.diagnostics]
        return False
    assert pages(with_memo) == pages(without)
    assert [d.format() for d in with_memo.diagnostics] == [d.format() for d in without.diagnostics]
    return True


@pytest.mark.parametrize(
    ("handbook", "options"),
    [(HANDBOOK, {}), (ROOT / "journeys", {"lang": "nl", "framework": "five-phases"})],
    ids=["format-1.2", "example"],
)
def test_after_any_edit_the_pages_kept_and_made_are_those_of_a_full_build(tmp_path: Path, handbook: Path, options) -> None:
    """Every kind of file, one edit after the other as under mkdocs serve, then all undone."""
    folder = tmp_path / "journeys"
    shutil.copytree(handbook, folder)
    memo = Memo()
    assert _same_pages_with_and_without_memo(folder, memo, **options)
    edits = edits_of(folder)
    assert len(edits) >= 15
    originals = {path: path.read_text(encoding="utf-8") for path, _n, _line in edits}
    built = 0
    for path, n, line in edits:
        before = path.read_text(encoding="utf-8")
        lines = before.splitlines()
        lines[n] = line
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if _same_pages_with_and_without_memo(folder, memo, **options):
            built += 1
        else:  # the edit broke the handbook (both builds said so alike): undo it
            path.write_text(before, encoding="utf-8")
    assert built >= len(edits) // 2, built
    for table in folder.rglob("*.csv"):  # a measurement changed
        text = table.read_text(encoding="utf-8")
        table.write_text(re.sub(r"(\d+)(\s*)$", lambda m: str(int(m.group(1)) + 3) + m.group(2), text, count=1, flags=re.M), encoding="utf-8")
        assert _same_pages_with_and_without_memo(folder, memo, **options)
    victim = sorted(folder.rglob("*.yml"))[-1]  # a file removed, then back
    kept = victim.read_text(encoding="utf-8")
    victim.unlink()
    _same_pages_with_and_without_memo(folder, memo, **options)
    victim.write_text(kept, encoding="utf-8")
    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")
    assert _same_pages_with_and_without_memo(folder, memo, **options)
