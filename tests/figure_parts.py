"""Reading a diagram figure in the tests: its SVG, classes, texts and data table, and the
accessibility every figure must have (shared by the diagram tests of format 1.1 and 1.2)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)


def svg_of(root: ET.Element) -> ET.Element:
    return root.find(f".//{SVG}svg")


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(SVG + "text")]


def table(root: ET.Element) -> list[list[str]]:
    """The text alternative's rows (header first)."""
    return [[cell.text or "" for cell in tr] for tr in root.find("details").find("table").iter("tr")]


def assert_accessible_figure(html: str) -> None:
    root = parse(html)
    assert root.tag == "figure" and classes(root)[0] == "jb-diagram"
    _picture, details, caption = list(root)
    svg = svg_of(root)
    prefix = root.get("id")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    title, desc = list(svg)[:2]
    assert title.text and len(desc.text) > 40
    assert details.tag == "details" and caption.tag == "figcaption" and caption.text
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i == prefix or i.startswith(prefix + "-") for i in ids)
    lines = html.split("\n")
    assert all(line.strip() for line in lines) and not [line for line in lines if line[:1].isspace()]
    assert "<script" not in html.lower()
