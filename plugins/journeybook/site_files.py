"""The files journeybook ships into every site: stylesheets, scripts and the diagram font.

One list for both ways out: the MkDocs plugin adds them as generated files (and the
stylesheets and scripts to ``extra_css`` / ``extra_javascript``); ``journeybook render``
writes them into the standalone project and lists them in its ``mkdocs.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
SITE_DIR = "assets/journeybook"  # where they land in the site


@dataclass(frozen=True)
class Asset:
    path: Path  # the file in the package
    url: str  # site-relative, e.g. "assets/journeybook/journeybook.css"

    @property
    def is_stylesheet(self) -> bool:
        return self.path.suffix == ".css"

    @property
    def is_script(self) -> bool:
        return self.path.suffix == ".js"


def assets() -> list[Asset]:
    """Every shipped file (hidden ones left out), in a stable order."""
    if not ASSETS_DIR.is_dir():
        return []
    found = []
    for path in ASSETS_DIR.rglob("*"):
        rel = path.relative_to(ASSETS_DIR)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(Asset(path, f"{SITE_DIR}/{rel.as_posix()}"))
    return sorted(found, key=lambda asset: asset.url)
