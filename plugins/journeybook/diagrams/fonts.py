"""The one font every diagram is measured and drawn with.

Text in a diagram must fit its box on every machine and in every browser. So journeybook
ships one font (DejaVu Sans, ``assets/DejaVuSans.ttf``, licence beside it) and uses it twice:

- Graphviz measures labels with it: :mod:`.engines` gives the bundled fontconfig a
  configuration that holds this file and nothing else, so no system font or system
  fontconfig rule can change a layout;
- the browser draws SVG text with it: ``assets/journeybook.css`` declares it with
  ``@font-face`` (family :data:`CSS_FAMILY`).

The diagrams journeybook draws itself (emotion curve, heatmap) measure text with
:func:`text_width`, which reads the advance widths straight from the font file.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import struct
from functools import lru_cache

from ..site_files import ASSETS_DIR

FONT_FILE = ASSETS_DIR / "DejaVuSans.ttf"  # shipped into every site (see journeybook.site_files)
FONT_LICENSE = ASSETS_DIR / "DejaVuSans-LICENSE.txt"
FONT_FAMILY = "DejaVu Sans"  # the family name inside the file: what Graphviz asks fontconfig for
CSS_FAMILY = "journeybook-dejavu-sans"  # the @font-face name in journeybook.css (no clash with installed fonts)
SVG_FONT = f"{FONT_FAMILY},sans-serif"  # font-family written into SVG text (the stylesheet overrides it)


@lru_cache(maxsize=1)
def font_hash() -> str:
    """sha256 of the shipped font file (part of every cache key: other font, other layout)."""
    return hashlib.sha256(FONT_FILE.read_bytes()).hexdigest()


class FontMetrics:
    """Advance widths of a TrueType font: the ``cmap`` (formats 4 and 12), ``hhea`` and ``hmtx`` tables.

    Kerning is not applied: it only ever narrows text, so widths are a safe upper bound.
    """

    def __init__(self, data: bytes):
        tables = self._tables(data)
        self.units_per_em = struct.unpack_from(">H", data, tables["head"] + 18)[0]
        metric_count = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
        hmtx = tables["hmtx"]
        self.advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metric_count)]
        ranges = self._cmap(data, tables["cmap"])
        self._firsts = [r[0] for r in ranges]
        self._ranges = ranges
        self.fallback = self.units_per_em // 2
        self.fallback = self.advance_of(ord("0"))  # characters the font lacks: a digit's width

    def glyph_of(self, code: int) -> int:
        """The glyph index of a character (0 when the font lacks it)."""
        i = bisect.bisect_right(self._firsts, code) - 1
        if i < 0:
            return 0
        first, last, glyph = self._ranges[i]
        return glyph + code - first if code <= last else 0

    @staticmethod
    def _tables(data: bytes) -> dict[str, int]:
        count = struct.unpack_from(">H", data, 4)[0]
        tables = {}
        for i in range(count):
            tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag.decode("latin-1")] = offset
        return tables

    @staticmethod
    def _cmap(data: bytes, cmap: int) -> list[tuple[int, int, int]]:
        """(first code, last code, glyph of first code) ranges from the format 12 subtable
        (all of Unicode), else from the format 4 one (the BMP)."""
        count = struct.unpack_from(">H", data, cmap + 2)[0]
        subtables = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            subtables[(platform, encoding)] = cmap + offset
        for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
            at = subtables.get(key)
            if at is None:
                continue
            form = struct.unpack_from(">H", data, at)[0]
            if form == 12:
                groups = struct.unpack_from(">I", data, at + 12)[0]
                return [struct.unpack_from(">III", data, at + 16 + 12 * g) for g in range(groups)]
            if form == 4:
                return FontMetrics._format4(data, at)
        return []

    @staticmethod
    def _format4(data: bytes, at: int) -> list[tuple[int, int, int]]:
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
        offsets_at = at + 16 + 6 * segments
        ranges = []
        for s in range(segments):
            start, end, delta = starts[s], min(ends[s], 0xFFFE), deltas[s]
            range_offset = struct.unpack_from(">H", data, offsets_at + 2 * s)[0]
            first_glyph = (start + delta) & 0xFFFF
            if range_offset == 0 and start <= end and first_glyph + end - start <= 0xFFFF:
                if first_glyph:
                    ranges.append((start, end, first_glyph))
                continue
            for code in range(start, end + 1):
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    glyph = struct.unpack_from(">H", data, offsets_at + 2 * s + range_offset + 2 * (code - start))[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    ranges.append((code, code, glyph))
        return ranges

    def advance_of(self, code: int) -> int:
        glyph = self.glyph_of(code)
        if not glyph:
            return self.fallback
        return self.advances[min(glyph, len(self.advances) - 1)]

    def width(self, text: str, size: float) -> float:
        """The advance width of ``text`` at font size ``size`` (in the same unit as ``size``)."""
        return sum(self.advance_of(ord(ch)) for ch in text) * size / self.units_per_em


@lru_cache(maxsize=1)
def metrics() -> FontMetrics:
    return FontMetrics(FONT_FILE.read_bytes())


def text_width(text: str, size: float) -> float:
    """How wide ``text`` is in the shipped font at ``size`` (SVG user units)."""
    return metrics().width(text, size)


def wrap_to_width(text: str, size: float, width: float, max_lines: int) -> list[str]:
    """Words in lines no wider than ``width``; a line may also break after a hyphen inside a
    word ("Huis-aan-" / "huisfolder"); a word too long for a line is cut with "-"; past
    ``max_lines`` the last line ends in "…". Always at least one line."""
    pieces: list[tuple[str, str]] = []  # (what joins it to the piece before, the piece)
    for word in text.split():
        parts = re.findall(r"[^-]+-+|[^-]+$|-+", word)
        pieces += [(" " if i == 0 else "", part) for i, part in enumerate(parts)]
    lines: list[str] = []
    current = ""
    for joiner, piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = piece
        while text_width(current, size) > width and len(current) > 1:  # cut a very long word
            cut = _fitting_prefix(current, size, width - text_width("-", size))
            lines.append(current[:cut] + "-")
            current = current[cut:]
            if len(lines) > max_lines:  # the rest is cut off anyway
                current = ""
                break
        if len(lines) > max_lines:
            break
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines


def _fitting_prefix(word: str, size: float, width: float) -> int:
    """How many characters of ``word`` fit in ``width`` (at least 1, at most all but the last):
    one pass over the characters, so a pasted 1,000-character word costs no more than a line."""
    font = metrics()
    scale = size / font.units_per_em
    total = 0.0
    for i, ch in enumerate(word):
        total += font.advance_of(ord(ch)) * scale
        if total > width:
            return max(i, 1)
    return max(len(word) - 1, 1)
