"""Issue 13's levers keep every byte: finished figures past Markdown, the page cache, memos.

Each lever is checked against the slow path it replaces: the same Markdown conversion, the
same pages, the same site files, the same messages.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, ROOT, build, write_project
from journeybook import backlog, markup, metrics, site_cache
from journeybook.diagram_cache import DiagramCache, DiagramMaker
from journeybook.handbook import build_handbook
from journeybook.pages import MARKDOWN_EXTENSIONS, SiteBuilder, finished
from journeybook.pipeline import generate
from journeybook.site_cache import SiteCache

HANDBOOK = FIXTURES / "format12-handbook" / "journeys"
TOKEN = "<!--journeybook:block:{}-->"


def convert(text: str) -> str:
    """What MkDocs' Markdown makes of a generated page (its extensions and the ones the pages need)."""
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


def example_pages() -> list[tuple[str, str]]:
    result = generate(ROOT / "journeys", lang="nl")
    other = generate(HANDBOOK, lang="en")
    assert result.site is not None and other.site is not None
    return [(p.path, p.content) for p in [*result.site.pages, *other.site.pages]]


# --------------------------------------------------------------------------- finished figures


def test_markdown_makes_the_same_html_of_every_page_with_its_figures_handed_past_it() -> None:
    split_any = 0
    for path, content in example_pages():
        text, blocks = finished.split(content)
        split_any += len(blocks)
        assert len(blocks) == content.count('<figure class="jb-diagram'), path  # every figure of our pages
        assert "<svg" not in text.replace('<svg class="jb-coverage"', ""), path
        assert finished.join(convert(text), blocks) == convert(content), path
    assert split_any >= 40


def test_only_blocks_markdown_keeps_raw_are_taken() -> None:
    figure = '<figure class="jb-diagram jb-x" id="x">\n<div>\n<svg></svg>\n</div>\n</figure>'
    text = f"# Page\n\n{figure}\n\nAfter.\n\n- item\n\n    {figure.replace(chr(10), chr(10) + '    ')}\n\nText\n{figure}\n\n{figure}\nglued\n"
    out, blocks = finished.split(text)
    assert blocks == [figure]  # the one between blank lines; not indented, not after a line, not before one
    assert out.count(TOKEN.format(0)) == 1 and out.count("<figure") == 3
    assert finished.split(f"{figure}\n")[1] == [figure]  # at the very start and end of a page
    assert finished.split('<figure class="jb-diagramx">\n</figure>\n')[1] == []  # another class


def test_join_refuses_a_lost_or_doubled_figure() -> None:
    assert finished.join("<p>a</p>", []) == "<p>a</p>"
    assert finished.join(f"x{TOKEN.format(0)}y", ["<figure>f</figure>"]) == "x<figure>f</figure>y"
    with pytest.raises(ValueError):
        finished.join("<p>a</p>", ["<figure>f</figure>"])
    with pytest.raises(ValueError):
        finished.join(TOKEN.format(0) * 2, ["<figure>f</figure>"])
    with pytest.raises(ValueError):
        finished.join(TOKEN.format(1), ["<figure>f</figure>"])


def test_a_token_in_author_text_stays_text(tmp_path: Path) -> None:
    token = TOKEN.format(0)
    project = write_project(tmp_path, HANDBOOK)
    path = project / "journeys" / "new-boots.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", f"title: '{token} `{token}`' #", 1), encoding="utf-8")
    site = build(project)
    page = (site / "playbook" / "journeys" / "new-boots" / "index.html").read_text(encoding="utf-8")
    assert "journeybook:block" in page and token not in page  # shown escaped, as written
    assert page.count('<figure class="jb-diagram') >= 2


# --------------------------------------------------------------------------- the page cache


def make(folder: Path, cache: Path, **options) -> tuple:
    maker = DiagramMaker(cache=DiagramCache(cache))
    pages_cache = SiteCache(cache)
    result = generate(folder, diagrams=maker, site_cache=pages_cache, **options)
    return result, pages_cache, maker


def contents(result) -> list[tuple[str, str, str, str]]:
    return [(p.path, p.title, p.content, str(p.source)) for p in result.site.pages]


@pytest.fixture
def handbook_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    shutil.copytree(HANDBOOK, folder)
    return folder


def test_unchanged_inputs_give_the_same_pages_without_making_them(handbook_copy: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first, pages_cache, maker = make(handbook_copy, cache)
    assert not pages_cache.hit and first.site is not None and maker.total > 10
    assert len(list(cache.glob("site-*.jsonl.gz"))) == 1

    def must_not_run(self):
        raise AssertionError("the pages were made again")

    monkeypatch.setattr(SiteBuilder, "build", must_not_run)
    second, pages_cache, again = make(handbook_copy, cache)
    assert pages_cache.hit
    assert contents(second) == contents(first)
    assert second.site.nav == first.site.nav
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    assert (again.total, again.rendered, again.from_cache) == (maker.total, 0, maker.total)
    assert again.used == maker.used and again.finish() == 0  # the diagram cache keeps what the pages hold


@pytest.mark.parametrize(
    "change",
    ["yaml", "csv", "new-file", "lang", "url", "directory_urls", "build_date", "lint", "review_days", "guidance"],
)
def test_any_changed_input_makes_the_pages_again(handbook_copy: Path, tmp_path: Path, change: str, monkeypatch) -> None:
    import datetime as dt

    cache = tmp_path / "cache"
    first, _c, _m = make(handbook_copy, cache)
    options: dict = {}
    if change == "yaml":
        path = handbook_copy / "new-boots.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Changed —", 1), encoding="utf-8")
    elif change == "csv":
        csv = next(handbook_copy.rglob("*.csv"))
        lines = csv.read_text(encoding="utf-8").splitlines()
        csv.write_text("\n".join([*lines, lines[-1].replace("2026", "2025", 1)]) + "\n", encoding="utf-8")
    elif change == "new-file":
        (handbook_copy / "extra.yml").write_text(
            "kind: persona\nid: extra\nname: Extra\nrole: Someone new\n", encoding="utf-8"
        )
    elif change == "lang":
        options["lang"] = "nl"
    elif change == "url":
        options["url"] = "handbook"
    elif change == "directory_urls":
        options["directory_urls"] = False
    elif change == "build_date":
        options["build_date"] = dt.date(2031, 1, 1)
    elif change == "lint":
        options["lint_settings"] = {"stale-review": None}
    elif change == "review_days":
        options["review_days"] = 30
    elif change == "guidance":
        options["builtin_guidance"] = False
    second, pages_cache, _m = make(handbook_copy, cache, **options)
    assert not pages_cache.hit
    fresh = generate(handbook_copy, **options)
    assert contents(second) == contents(fresh)
    assert contents(second) != contents(first)
    assert len(list(cache.glob("site-*.jsonl.gz"))) == 1  # only the newest is kept


def test_a_changed_view_page_makes_the_pages_again(handbook_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    page = tmp_path / "docs" / "team.md"
    page.parent.mkdir()
    for count, view in enumerate(["journeys", "pain-points"]):
        text = f"# Team\n\n```journeybook\nview: {view}\n```\n"
        page.write_text(text, encoding="utf-8")
        result, pages_cache, _m = make(handbook_copy, cache, pages=[("team.md", page, text)])
        assert pages_cache.hit is False, count
        again, pages_cache, _m = make(handbook_copy, cache, pages=[("team.md", page, text)])
        assert pages_cache.hit and again.views["team.md"][1] == result.views["team.md"][1]


def test_a_new_journeybook_version_makes_the_pages_again(handbook_copy: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    make(handbook_copy, cache)
    monkeypatch.setattr(site_cache, "code_digest", lambda: "0" * 64)
    _result, pages_cache, _m = make(handbook_copy, cache)
    assert not pages_cache.hit


def test_the_code_digest_covers_templates_and_data(tmp_path: Path) -> None:
    digest = site_cache.code_digest()
    assert len(digest) == 64 and digest == site_cache.code_digest()
    package = Path(site_cache.__file__).parent
    assert (package / "templates").is_dir() and (package / "builtin").is_dir()
    site_cache.code_digest.cache_clear()
    template = next((package / "templates").glob("*.j2"))
    original = template.read_bytes()
    try:
        template.write_bytes(original + b"\n")
        assert site_cache.code_digest() != digest
    finally:
        template.write_bytes(original)
        site_cache.code_digest.cache_clear()
    assert site_cache.code_digest() == digest


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "foreign-json", "pickle"])
def test_a_damaged_entry_is_deleted_and_the_pages_made_again(handbook_copy: Path, tmp_path: Path, damage: str) -> None:
    import pickle

    cache = tmp_path / "cache"
    first, _c, _m = make(handbook_copy, cache)
    (entry,) = cache.glob("site-*.jsonl.gz")
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "garbage":
        entry.write_bytes(b"not a cache entry")
    else:  # a valid header around other JSON, or around a pickle (never unpickled: it would run code)
        import gzip
        import hashlib
        import json

        class Boom:
            def __reduce__(self):
                return (exec, ("raise SystemExit('a cache file ran code')",))

        body = gzip.compress(b'{"pages": []}\n' if damage == "foreign-json" else pickle.dumps(Boom()))
        header = json.dumps({"length": len(body), "sha256": hashlib.sha256(body).hexdigest()}, sort_keys=True)
        entry.write_bytes(site_cache.MAGIC + b"\n" + header.encode() + b"\n" + body)
    second, pages_cache, _m = make(handbook_copy, cache)
    assert not pages_cache.hit and contents(second) == contents(first)
    third, pages_cache, _m = make(handbook_copy, cache)
    assert pages_cache.hit


def test_a_handbook_with_errors_is_never_stored(handbook_copy: Path, tmp_path: Path) -> None:
    (handbook_copy / "broken.yml").write_text("kind: persona\nid: broken\nname: [\n", encoding="utf-8")
    cache = tmp_path / "cache"
    result, pages_cache, _m = make(handbook_copy, cache)
    assert result.site is None and not pages_cache.hit
    assert not list(cache.glob("site-*"))


def test_an_unwritable_cache_folder_says_why_and_builds(handbook_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result, pages_cache, _m = make(handbook_copy, blocker / "inner")
    assert result.site is not None and pages_cache.problem and "cannot write the page cache" in pages_cache.problem


def test_a_rebuild_from_the_page_cache_writes_the_same_site(tmp_path: Path, mkdocs_log) -> None:
    project = write_project(tmp_path, HANDBOOK, docs={"index.md": "# Home\n\n```journeybook\nview: journeys\n```\n"})
    first = build(project)
    copy = tmp_path / "first-site"
    shutil.copytree(first, copy)
    (entry,) = (project / ".cache" / "journeybook").glob("site-*.jsonl.gz")
    second = build(project)
    files = sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (copy / rel).read_bytes() == (second / rel).read_bytes(), rel
    assert entry.exists()
    lines = [line for line in mkdocs_log().splitlines() if line.startswith("journeybook: diagrams:")]
    assert lines[1].endswith(" 0 rendered, " + lines[1].split()[2] + " from cache")


def test_no_cache_option_keeps_no_pages(tmp_path: Path) -> None:
    yml = textwrap.dedent(
        """\
        site_name: Test handbook
        theme:
          name: material
        plugins:
          - search
          - journeybook:
              diagrams:
                cache: false
        """
    )
    project = write_project(tmp_path, HANDBOOK, mkdocs_yml=yml)
    build(project)
    build(project)
    assert not list(project.rglob("site-*.jsonl.gz"))


# --------------------------------------------------------------------------- memos


def test_derived_views_of_a_handbook_are_worked_out_once_and_handed_out_as_copies() -> None:
    hb, _diags = build_handbook(HANDBOOK)
    first = metrics.all_series(hb)
    assert first and metrics.all_series(hb) == first and metrics.all_series(hb) is not first
    assert metrics._all_series(hb) == first  # the same as working it out again
    first.clear()
    assert metrics.all_series(hb)  # a caller changing its list changes nothing
    items = backlog.backlog(hb)
    assert items and [i.opportunity for i in backlog.backlog(hb)] == [i.opportunity for i in backlog._backlog(hb)]


def test_memoised_author_markdown_gives_what_rendering_it_again_gives() -> None:
    cited: list[str] = []

    def cite(items) -> str:
        cited.append(items[0].key)
        return f"<cite>{items[0].key}</cite>"

    for text in ["*a* [x](https://e.org)", "**b**\n\n- one\n- two", "see [@kotler, p. 3]", "<b>no</b> & `c`"]:
        assert markup.render_block(text) == markup._render_block.__wrapped__(text, None)
        assert markup.render_inline(text) == markup._render_inline.__wrapped__(text, None)
        assert markup.render_block(text, cite) == markup._render_block.__wrapped__(text, cite)
        assert markup.plain(text) == markup.plain.__wrapped__(text)
    # a citation's HTML depends on its page: rendered every time, calling the page's hook every time
    cited.clear()
    markup.render_inline("see [@kotler]", cite)
    markup.render_inline("see [@kotler]", cite)
    assert cited == ["kotler", "kotler"]


def test_mkdocs_still_knows_every_anchor_of_the_figures() -> None:
    from mkdocs.structure.pages import _HTMLHandler

    def ids(text: str) -> set[str]:
        handler = _HTMLHandler()
        handler.feed(text)
        handler.close()
        return handler.present_anchor_ids

    checked = 0
    for path, content in example_pages():
        text, blocks = finished.split(content)
        if blocks:
            checked += 1
            assert ids(text) | finished.anchor_ids(blocks) == ids(content), path
    assert checked >= 10
    tricky = '<figure class="jb-diagram" id="a&amp;b">\n<svg><text>id="evil" &lt;g id="x"&gt;</text><a name="n"/></svg>\n</figure>'
    assert finished.anchor_ids([tricky]) == ids(tricky) == {"a&b", "n"}


def test_a_build_whose_diagrams_failed_is_not_kept_so_its_problems_come_back(handbook_copy: Path, tmp_path: Path, monkeypatch) -> None:
    from journeybook.diagrams import DiagramError

    original = DiagramMaker.make

    def failing(self, drawing):
        if drawing.kind == "journey-map":
            raise DiagramError("no layout today")
        return original(self, drawing)

    monkeypatch.setattr(DiagramMaker, "make", failing)
    cache = tmp_path / "cache"
    for _ in range(2):
        result, pages_cache, _m = make(handbook_copy, cache)
        assert not pages_cache.hit
        assert any(d.code == "diagram-failed" and "no layout today" in d.message() for d in result.diagnostics)
    assert not list(cache.glob("site-*"))


def test_hit_says_what_the_last_build_did(handbook_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pages_cache = SiteCache(cache)
    for expected in (False, True):
        generate(handbook_copy, diagrams=DiagramMaker(cache=DiagramCache(cache)), site_cache=pages_cache)
        assert pages_cache.hit is expected
    generate(handbook_copy, site_cache=pages_cache)  # no diagram maker: no page cache either
    assert pages_cache.hit is False
