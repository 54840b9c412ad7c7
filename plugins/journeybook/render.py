"""A standalone MkDocs project from a handbook (``journeybook render``): the way out of the plugin.

The project builds with plain MkDocs and the Material theme, without journeybook: its
``mkdocs.yml`` enables exactly the Markdown extensions the pages need
(:data:`journeybook.pages.MARKDOWN_EXTENSIONS`), keeps the navigation order of the plugin,
and lists the stylesheets journeybook ships. Other generators that read ``mkdocs.yml``
(Zensical, for one) can take it from there; it is also the baseline for benchmarks.

Layout of the output folder::

    mkdocs.yml
    docs/index.md                       a start page that links to the playbook
    docs/<url>/...                      every generated page (default url: playbook)
    docs/assets/journeybook/...         every file of journeybook's assets/ folder

Same input, same bytes. Nothing is written outside the output folder and nothing is deleted.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import __version__, markup
from .diagnostics import Msg, Text
from .i18n import label
from .pages import MARKDOWN_EXTENSIONS, NavEntry, Site, nav_title
from .site_files import assets

DEFAULT_SITE_NAME = "Playbook"

M_NOT_EMPTY = Msg(
    "{folder} is not empty; render into a new or empty folder, or add --force to replace the files it writes (nothing is deleted)",
    "{folder} is niet leeg; render naar een nieuwe of lege map, of gebruik --force om de bestanden die het schrijft te vervangen (er wordt niets verwijderd)",
)
M_HOME = Msg("Home", "Start")
M_UNSAFE_PATH = Msg("{path} would end up outside {folder}; not written", "{path} zou buiten {folder} terechtkomen; niet geschreven")


class RenderError(Exception):
    def __init__(self, text: Text):
        super().__init__(text.render())
        self.text = text


def is_empty_folder(folder: Path) -> bool:
    """True for a folder that does not exist yet or holds nothing at all."""
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def project_files(
    site: Site, *, site_name: str = DEFAULT_SITE_NAME, lang: str = "en", own: dict[str, bytes] | None = None
) -> dict[str, bytes]:
    """Every file of the standalone project, by path relative to the output folder.

    ``own`` are the files of the site's own docs folder (docs-relative paths), their
    journeybook blocks already expanded; their pages come first in the navigation.
    """
    files: dict[str, bytes] = {}
    own = own or {}
    for rel, content in sorted(own.items()):
        files[_docs_path(rel)] = content
    for page in site.pages:
        files[_docs_path(page.path)] = page.content.encode("utf-8")
    nav: list[Any] = [rel for rel in sorted(own, key=lambda r: (r != "index.md", r)) if rel.endswith(".md")]
    if "index.md" not in {p.path for p in site.pages} | set(own):
        overview = site.nav.path or site.pages[0].path
        start = f"# {markup.escape_text(site_name)}\n\n[{label('playbook', lang)}]({overview})\n"
        files["docs/index.md"] = start.encode("utf-8")
        nav.append({M_HOME.format(lang): "index.md"})
    nav.append(nav_item(site.nav))
    css, js = [], []
    for asset in assets():
        files[f"docs/{asset.url}"] = asset.path.read_bytes()
        if asset.is_stylesheet:
            css.append(asset.url)
        elif asset.is_script:
            js.append(asset.url)
    files["mkdocs.yml"] = mkdocs_yml(site_name=site_name, lang=lang, nav=nav, extra_css=css, extra_javascript=js)
    return dict(sorted(files.items()))


def nav_item(entry: NavEntry) -> dict[str, Any]:
    """One ``nav`` entry of mkdocs.yml for our nav tree; a section's own page comes first (as in the plugin)."""
    title = nav_title(entry.title)
    if not entry.children:
        return {title: entry.path}
    items: list[Any] = []
    if entry.path is not None and all(child.path != entry.path for child in entry.children):
        items.append({title: entry.path})
    items += [nav_item(child) for child in entry.children if child.path is not None or child.children]
    return {title: items}


# Sections have index pages; the navigation of a page holds only what it shows (a handbook of
# hundreds of journeys would otherwise repeat every entry in every page: a site many times
# larger, and slower to build, see docs/reference/performance.md).
FEATURES = ["navigation.indexes", "navigation.prune"]


def mkdocs_yml(
    *, site_name: str, lang: str, nav: list[Any], extra_css: list[str], extra_javascript: list[str]
) -> bytes:
    config: dict[str, Any] = {
        "site_name": site_name,
        "theme": {"name": "material", "language": lang, "font": False, "features": FEATURES},
        "markdown_extensions": [
            {name: dict(options)} if options else name for name, options in MARKDOWN_EXTENSIONS.items()
        ],
    }
    if extra_css:
        config["extra_css"] = extra_css
    if extra_javascript:
        config["extra_javascript"] = extra_javascript
    config["nav"] = nav
    head = (
        f"# Made by `journeybook render` (journeybook {__version__}). It builds with plain MkDocs and the\n"
        "# Material theme, without the journeybook plugin: mkdocs build --strict\n"
    )
    body = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    return (head + body).encode("utf-8")


def _docs_path(page_path: str) -> str:
    path = PurePosixPath(page_path)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RenderError(Text(M_UNSAFE_PATH, {"path": page_path, "folder": "docs/"}))
    return f"docs/{path.as_posix()}"


def write_project(out: Path, files: dict[str, bytes], *, force: bool = False) -> list[str]:
    """Write ``files`` below ``out``; a non-empty ``out`` needs ``force``. Returns the paths written."""
    out = Path(out)
    if not force and not is_empty_folder(out):
        raise RenderError(Text(M_NOT_EMPTY, {"folder": out.as_posix()}))
    out.mkdir(parents=True, exist_ok=True)
    root = Path(os.path.realpath(out))
    for rel in files:
        target = root / rel
        folder = Path(os.path.realpath(target.parent))  # checked before creating anything
        if folder != root and root not in folder.parents:
            raise RenderError(Text(M_UNSAFE_PATH, {"path": rel, "folder": out.as_posix()}))
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / target.name
        if target.is_symlink():  # replace the link itself, never the file it points to
            target.unlink()
        target.write_bytes(files[rel])
    return list(files)


def render_project(
    site: Site, out: Path, *, site_name: str | None = None, lang: str = "en", force: bool = False, own: dict[str, bytes] | None = None
) -> list[str]:
    """The whole standalone project for ``site`` in ``out`` (with the site's ``own`` docs files)."""
    files = project_files(site, site_name=site_name or DEFAULT_SITE_NAME, lang=lang, own=own)
    return write_project(out, files, force=force)


def own_files(docs: Path) -> dict[str, bytes]:
    """Every file of a docs folder by docs-relative path (hidden files and folders skipped)."""
    found: dict[str, bytes] = {}
    root = Path(docs)
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(directory, name)
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def hand_written(docs: Path, files: dict[str, bytes]) -> list[tuple[str, Path, str]]:
    """The Markdown pages among ``files`` that may hold journeybook blocks, as the core takes them."""
    pages = []
    for rel, content in files.items():
        if rel.endswith(".md") and b"journeybook" in content:
            pages.append((rel, (Path(docs) / rel).absolute(), content.decode("utf-8", errors="replace")))
    return pages


def site_pages(mkdocs_yml: Path) -> list[tuple[str, Path, str]]:
    """The hand-written pages of the site ``mkdocs_yml`` builds (its ``docs_dir``, default docs/)
    that may hold journeybook blocks; none when that folder does not exist."""
    try:
        data = yaml.safe_load(Path(mkdocs_yml).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None  # reported by whoever reads it for the plugin's options
    docs_dir = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    docs = Path(mkdocs_yml).parent / str(docs_dir)
    if not docs.is_dir():
        return []
    pages = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "journeybook" in text:
            pages.append((rel.as_posix(), path.absolute(), text))
    return pages
