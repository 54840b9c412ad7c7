"""Docs pages generated from journeybook's own data (the format reference, the lint rules).

Each generator has a ``markdown(lang)`` function and a ``PAGES`` mapping (language → path
in the repository); :func:`write_pages` writes them, and a test compares the committed
files with a fresh run, so the pages cannot drift from the code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from .bibliography import Bibliography
from .citations import CiteItem
from .diagnostics import Msg
from .model import Source

SOURCE_COLUMNS = (Msg("Source id", "Bron-id"), Msg("Cited as", "Aangehaald als"), Msg("Where to find it", "Vindplaats"))


def write_pages(root: Path | str, pages: Mapping[str, Path | str], markdown: Callable[[str], str]) -> list[Path]:
    """Write each language's page below ``root`` (the repository, with ``mkdocs.yml``); the files written."""
    base = Path(root)
    if not (base / "mkdocs.yml").is_file():
        raise FileNotFoundError(f"{base.resolve()} has no mkdocs.yml: run this in the repository's root")
    written = []
    for lang, rel in pages.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown(lang), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(pages: Mapping[str, Path | str], markdown: Callable[[str], str], argv: Sequence[str] | None = None) -> int:
    """``python -m journeybook.<generator> [ROOT]``: write the pages below ROOT (default: here)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in write_pages(args[0] if args else ".", pages, markdown):
        print(path)
    return 0


def source_table(sources: Mapping[str, Source], keys: Iterable[str], lang: str) -> str:
    """The given sources as a table: id, in-text citation (APA 7) and a link.

    The docs list sources this short way; the full reference-list entries are on the Sources
    page of every handbook that cites them (and the data in ``builtin/sources.yml``).
    """
    bibliography = Bibliography(sources, lang)
    wanted = set(keys)
    rows = [
        "| " + " | ".join(column.text(lang) for column in SOURCE_COLUMNS) + " |",
        "| --- | --- | --- |",
    ]
    for key in bibliography.keys_sorted():
        if key in wanted:
            rows.append(f"| `{key}` | {bibliography.cite([CiteItem(key)])} | {_link(sources[key])} |")
    return "\n".join(rows)


def _link(source: Source) -> str:
    data = source.model_dump(by_alias=True, exclude_none=True)
    url = str(data.get("URL") or (f"https://doi.org/{data['DOI']}" if data.get("DOI") else ""))
    return f"[{urlsplit(url).netloc.removeprefix('www.')}]({url})" if url.startswith(("http://", "https://")) else "—"
