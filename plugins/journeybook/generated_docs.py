"""Docs pages generated from journeybook's own data (the format reference, the lint rules).

Each generator has a ``markdown(lang)`` function and a ``PAGES`` mapping (language → path
in the repository); :func:`write_pages` writes them, and a test compares the committed
files with a fresh run, so the pages cannot drift from the code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path


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
