"""`journeybook render`: a standalone MkDocs project that builds with plain MkDocs (no plugin)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import FIXTURES, build, read
from journeybook.cli import main
from journeybook.pages import MARKDOWN_EXTENSIONS
from journeybook.pipeline import generate
from journeybook.render import nav_item
from journeybook.site_files import assets

SOURCE = FIXTURES / "format-handbook" / "journeys"


def render(*args: str):
    return CliRunner().invoke(main, ["render", *args])


def config_of(out: Path) -> dict:
    return yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "site-project"
    result = render(str(SOURCE), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_render_writes_a_plain_mkdocs_project(rendered: Path) -> None:
    config = config_of(rendered)
    assert "plugins" not in config  # plain MkDocs: only its default search plugin
    assert config["site_name"] == "Playbook"
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "en"
    extensions = {}
    for item in config["markdown_extensions"]:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        extensions[name] = options
    assert extensions == MARKDOWN_EXTENSIONS  # exactly what the pages need
    site = generate(SOURCE).site
    for page in site.pages:
        assert (rendered / "docs" / page.path).read_text(encoding="utf-8") == page.content
    assert (rendered / "docs" / "index.md").is_file()


def test_navigation_keeps_the_plugins_order(rendered: Path) -> None:
    site = generate(SOURCE).site
    nav = config_of(rendered)["nav"]
    assert nav[0] == {"Home": "index.md"}
    assert nav[1] == nav_item(site.nav)

    def paths(items: list) -> list[str]:
        out: list[str] = []
        for item in items:
            value = next(iter(item.values()))
            out += paths(value) if isinstance(value, list) else [value]
        return out

    listed = paths(nav[1:])
    assert sorted(listed) == sorted(p.path for p in site.pages)  # every page once
    playbook = next(iter(nav[1].values()))
    titles = [next(iter(item)) for item in playbook]
    assert titles[:3] == ["Overview", "Journeys", "Personas"]
    assert titles[-1] == "Sources"
    journeys = next(iter(playbook[1].values()))
    new_boots = next(iter(journeys[0].values()))
    assert new_boots[0] == {"New football boots before Saturday": "playbook/journeys/new-boots/index.md"}
    assert [next(iter(i)) for i in new_boots[1:]] == ["Awareness", "Purchase"]


def test_assets_are_copied_and_stylesheets_and_scripts_listed(rendered: Path) -> None:
    config = config_of(rendered)
    shipped = assets()
    assert {"journeybook.css", "journeybook-reader.js", "DejaVuSans.ttf"} <= {a.path.name for a in shipped}
    for asset in shipped:
        assert (rendered / "docs" / asset.url).read_bytes() == asset.path.read_bytes()
    assert sorted(config.get("extra_css", [])) == sorted(a.url for a in shipped if a.is_stylesheet)
    assert sorted(config.get("extra_javascript", [])) == sorted(a.url for a in shipped if a.is_script)


def test_the_project_builds_with_plain_mkdocs_strict(rendered: Path, tmp_path: Path) -> None:
    project = tmp_path / "copy"
    shutil.copytree(rendered, project)
    site = build(project, strict=True)
    page = read(site, "playbook/journeys/new-boots/index.html")
    assert "New football boots before Saturday" in page
    assert "<svg" in page  # the journey map came along inline
    assert (site / "playbook" / "journeys" / "tractor" / "need" / "index.html").is_file()
    assert (site / "assets" / "journeybook").is_dir()
    assert 'href="playbook/"' in read(site, "index.html")
    # navigation.prune: a page's navigation holds its own journey's phases, not another journey's
    assert config_of(rendered)["theme"]["features"] == ["navigation.indexes", "navigation.prune"]
    assert 'href="need/"' not in page and "tractor/need/" not in page
    assert "tractor/need/" in read(site, "playbook/journeys/tractor/index.html") or 'href="need/"' in read(site, "playbook/journeys/tractor/index.html")


def test_same_input_same_bytes(rendered: Path, tmp_path: Path) -> None:
    other = tmp_path / "again"
    assert render(str(SOURCE), "--out", str(other)).exit_code == 0
    assert tree(other) == tree(rendered)


def test_dutch_site_name_and_url(tmp_path: Path) -> None:
    out = tmp_path / "nl"
    result = render(str(SOURCE), "--out", str(out), "--lang", "nl", "--site-name", "Klantreizen: test", "--url", "reizen")
    assert result.exit_code == 0, result.output
    config = config_of(out)
    assert config["site_name"] == "Klantreizen: test" and config["theme"]["language"] == "nl"
    assert config["nav"][0] == {"Start": "index.md"}
    assert next(iter(config["nav"][1])) == "Playbook"
    assert "Overzicht" in str(config["nav"]) and (out / "docs" / "reizen" / "index.md").is_file()
    assert "geschreven naar" in result.stderr


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    refused = render(str(SOURCE), "--out", str(out))
    assert refused.exit_code == 1
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    forced = render(str(SOURCE), "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # never deletes
    (out / "docs" / "playbook" / "index.md").write_text("stale", encoding="utf-8")
    assert render(str(SOURCE), "--out", str(out), "--force").exit_code == 0
    assert (out / "docs" / "playbook" / "index.md").read_text(encoding="utf-8") != "stale"  # replaced


def test_handbook_errors_are_reported_like_validate_and_nothing_is_written(tmp_path: Path) -> None:
    source = tmp_path / "journeys"
    shutil.copytree(SOURCE, source)
    path = source / "daan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("urgency: high", "urgency: hgih"), encoding="utf-8")
    out = tmp_path / "out"
    result = render(str(source), "--out", str(out), "--lang", "nl")
    assert result.exit_code == 1
    assert "daan.yml:6:10: fout: 'hgih' is niet toegestaan bij 'urgency'" in result.stdout
    assert "1 fout, 0 waarschuwingen" in result.stderr
    assert not out.exists()


def test_usage_errors(tmp_path: Path) -> None:
    assert render(str(SOURCE)).exit_code == 2  # --out is required
    inside = render(str(SOURCE), "--out", str(SOURCE / "site"))
    assert inside.exit_code == 2 and "inside the source folder" in inside.output
    assert not (SOURCE / "site").exists()
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    assert render(str(SOURCE), "--out", str(file)).exit_code == 2
    escape = render(str(SOURCE), "--out", str(tmp_path / "u"), "--url", "../up")
    assert escape.exit_code == 2 and "inside docs/" in escape.output
    assert not (tmp_path / "u").exists() and not (tmp_path / "up").exists()
    assert "Markdown extensions" in render("--help").output


def test_never_writes_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    try:
        os.symlink(outside, out / "docs", target_is_directory=True)
    except (OSError, NotImplementedError):  # pragma: no cover
        pytest.skip("symbolic links are not available")
    result = render(str(SOURCE), "--out", str(out), "--force")
    assert result.exit_code == 1
    assert "outside" in result.stderr
    assert list(outside.iterdir()) == []
