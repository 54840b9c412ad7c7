"""A few helpers for the diagrams journeybook draws itself (emotion curve, heatmap).

Coordinates are SVG user units that, like Graphviz's, are points (``width="…pt"``), so text
sizes match the Graphviz diagrams on the same page. Numbers are written with at most two
decimals and attributes in a fixed order: the same input gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .fonts import SVG_FONT, text_width, wrap_to_width
from .palette import BORDER, INK

SVG_NS = "http://www.w3.org/2000/svg"
Number = int | float


def num(value: Number) -> str:
    """``12``, ``12.5``, ``-3.25``: two decimals at most, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Canvas:
    """An ``<svg>`` being drawn: ``add(parent, tag, ...)`` and ``text(...)``; ``source()`` at the end."""

    def __init__(self, width: Number, height: Number, css_class: str, font_size: Number):
        self.width, self.height = width, height
        self.root = ET.Element("svg")
        for name, value in (
            ("xmlns", SVG_NS),
            ("width", f"{num(width)}pt"),
            ("height", f"{num(height)}pt"),
            ("viewBox", f"0 0 {num(width)} {num(height)}"),
            ("class", css_class),
            ("font-family", SVG_FONT),
            ("font-size", num(font_size)),
        ):
            self.root.set(name, value)

    def add(self, parent: ET.Element | None, tag: str, css_class: str = "", **attrs: Number | str) -> ET.Element:
        """A child element; ``stroke_width=1`` becomes ``stroke-width="1"``; numbers are formatted."""
        element = ET.SubElement(self.root if parent is None else parent, tag)
        if css_class:
            element.set("class", css_class)
        for name, value in attrs.items():
            element.set(name.replace("_", "-"), num(value) if isinstance(value, (int, float)) else value)
        return element

    def group(self, css_class: str, parent: ET.Element | None = None) -> ET.Element:
        return self.add(parent, "g", css_class)

    def text(
        self, parent: ET.Element | None, x: Number, y: Number, content: str, css_class: str = "", **attrs: Number | str
    ) -> ET.Element:
        element = self.add(parent, "text", css_class, x=x, y=y, **attrs)
        element.text = content
        return element

    def source(self) -> str:
        return ET.tostring(self.root, encoding="unicode")


EMPTY_SIZE = 12  # the message of an empty diagram: as large as the page's small print
EMPTY_TEXT = 320  # points: its widest line


def empty_panel(message: str, css_class: str) -> str:
    """An SVG that says, in a dashed frame, that there is nothing to draw yet (sized to the message)."""
    lines = wrap_to_width(message, EMPTY_SIZE, EMPTY_TEXT, 3)
    width = max(text_width(line, EMPTY_SIZE) for line in lines) + 48
    height = len(lines) * 16 + 34
    canvas = Canvas(width, height, css_class, EMPTY_SIZE)
    group = canvas.group("jb-empty")
    canvas.add(group, "rect", x=1, y=1, width=width - 2, height=height - 2, rx=8, fill="none", stroke=BORDER, stroke_dasharray="5 4")
    for i, line in enumerate(lines):
        canvas.text(group, width / 2, 29 + i * 16, line, text_anchor="middle", fill=INK)
    return canvas.source()
