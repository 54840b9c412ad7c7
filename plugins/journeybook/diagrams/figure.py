"""The last step of every diagram: SVG → an accessible, embeddable ``<figure>``.

:func:`figure` is shared by all diagrams, whether Graphviz drew them or journeybook built
the SVG itself. :func:`data_table` makes the text alternative every figure carries: the
data the picture shows, as a small HTML table in a ``<details>``.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .engines import DiagramError

# --------------------------------------------------------------------------- figure

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_CSS_CLASS = re.compile(r"[A-Za-z0-9_ -]*")
_SIZE = re.compile(r"(\d+(?:\.\d+)?)(pt|px)?")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SCALE = re.compile(r"scale\(\s*([-+]?[\d.]+)")
PX_PER = {"pt": 4 / 3, "px": 1.0, None: 1.0}  # CSS pixels per unit of an SVG's width
MIN_TEXT_PX = 9.0  # a diagram shrinks to fit the column until its smallest text is this size (CSS px)
DEFAULT_FONT_SIZE = 16.0  # SVG text without any font-size: the browser's medium
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_SAFE_LINK = re.compile(r"(?:#|https?:|mailto:)", re.I)
_HREFS = ("href", "xlink:href")
_DROPPED = ("script", "style", "foreignObject", "title")
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"  # xml:space="preserve" on Graphviz's text
_UNSAFE_STYLE = re.compile(r"javascript:|expression\(|url\((?!['\"]?#)|@import", re.I)


def figure(
    svg: str, *, title: str, description: str, caption: str, id_prefix: str, css_class: str, alternative: str = ""
) -> str:
    """Post-process SVG (Graphviz's or our own) into an accessible inline figure (reused by every diagram).

    - comments, the XML prolog and DOCTYPE go (they carry the Graphviz version and node names);
    - Graphviz's per-element ``<title>`` tooltips go: they hold internal node names (``s3``,
      ``s3->s3t0``) that mean nothing to readers, and the node text is visible anyway;
    - as defence in depth, scripts, ``foreignObject``, elements of other XML namespaces,
      ``on*`` attributes and links other than ``#...``, http(s) and mailto are removed;
    - every id becomes ``<id_prefix>-<id>``, with all ``url(#...)`` and ``#...`` references;
    - ``role="img"``, ``aria-labelledby`` and a first ``<title>``/``<desc>`` name the image;
    - the natural size, shrunk to the column until its smallest text is 9 CSS px (then it
      scrolls sideways), viewBox kept: see :func:`_fit_width`;
    - the picture sits in ``<div class="jb-diagram-picture">``, the figure's scroll container
      (so the scroll bar is right under the picture, not under the caption), and
      ``assets/journeybook-figures.js`` opens it full size when it is clicked;
    - ``alternative`` (HTML from :func:`data_table`) goes between the picture and the caption;
    - the result has no blank lines and no indented lines, and ``{`` is written as ``&#123;``
      (like the pages do) so template plugins do not read author text as template code.
    """
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be a letter followed by letters, digits, '-' or '_': {id_prefix!r}")
    if not _CSS_CLASS.fullmatch(css_class):
        raise ValueError(f"css_class must be class names separated by spaces: {css_class!r}")
    try:
        root = ET.fromstring(svg)  # drops comments and the prolog; Graphviz's DOCTYPE is external only
    except ET.ParseError as exc:
        raise DiagramError(f"the renderer wrote invalid SVG: {exc}") from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise DiagramError(f"the renderer wrote <{root.tag}> instead of <svg>")
    _unqualify(root)
    _sanitize(root)
    _prefix_ids(root, id_prefix)
    _name_image(root, id_prefix, _one_line(title), _one_line(description))
    _fit_width(root)
    _tidy_whitespace(root)
    body = ET.tostring(root, encoding="unicode").replace("{", "&#123;")
    classes = " ".join(["jb-diagram", *css_class.split()])
    return "\n".join(
        [
            f'<figure class="{classes}" id="{id_prefix}">',
            '<div class="jb-diagram-picture" style="overflow-x:auto">',
            body,
            "</div>",
            *_html_lines(alternative),
            f"<figcaption>{html.escape(_one_line(caption)).replace('{', '&#123;')}</figcaption>",
            "</figure>",
        ]
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unqualify(root: ET.Element) -> None:
    """SVG elements and xlink attributes by their plain names, namespaces declared on the root.

    (ElementTree would otherwise invent prefixes, ``<ns0:svg>``, which HTML does not read.)
    """
    svg, xlink = f"{{{SVG_NS}}}", f"{{{XLINK_NS}}}"
    for element in root.iter():
        if element.tag.startswith(svg):
            element.tag = element.tag[len(svg) :]
        for name in [n for n in element.attrib if n.startswith(xlink)]:
            element.set("xlink:" + name[len(xlink) :], element.attrib.pop(name))
    attributes = dict(root.attrib)
    root.attrib.clear()
    root.attrib.update({"xmlns": SVG_NS, "xmlns:xlink": XLINK_NS, **attributes})


def _sanitize(root: ET.Element) -> None:
    """Drop what could run code or leak out (see :func:`figure`); "{...}" names are not SVG's."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in _DROPPED or child.tag.startswith("{"):
                parent.remove(child)
    for element in root.iter():
        for name in list(element.attrib):
            if name.lower().startswith("on") or (name.startswith("{") and not name.startswith(_XML_NS)):
                del element.attrib[name]
        style = element.get("style")
        if style is not None and _UNSAFE_STYLE.search("".join(style.split())):
            del element.attrib["style"]  # only url(#...) may be referenced
        for name in _HREFS:
            link = element.get(name)
            if link is not None and not _SAFE_LINK.match("".join(link.split())):
                del element.attrib[name]


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    ids = {element.get("id") for element in root.iter() if element.get("id")}

    def rename(name: str) -> str:
        return f"{prefix}-{name}" if name in ids else name

    for element in root.iter():
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        for name, value in element.attrib.items():
            if name in _HREFS and value.startswith("#"):
                element.set(name, "#" + rename(value[1:]))
            elif "url(" in value:
                element.set(name, _URL_REF.sub(lambda m: f"url(#{rename(m.group(1))})", value))


def _name_image(root: ET.Element, prefix: str, title: str, description: str) -> None:
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    title_el = ET.Element("title", id=f"{prefix}-title")
    title_el.text = title
    desc_el = ET.Element("desc", id=f"{prefix}-desc")
    desc_el.text = description
    title_el.tail = desc_el.tail = "\n"
    root.insert(0, desc_el)
    root.insert(0, title_el)


def _fit_width(root: ET.Element) -> None:
    """Natural width, shrunk to fit the column but not below the width at which the smallest
    text is :data:`MIN_TEXT_PX` CSS pixels (text stays readable).

    Inline styles, so no stylesheet is needed: ``width`` (the attribute) is the natural size,
    ``max-width: 100%`` fits the column, ``min-width`` (which wins over max-width) keeps text
    readable and the picture's ``overflow-x: auto`` scrolls what is left. ``height: auto``
    follows the viewBox. A diagram whose smallest text is 9 pt (12 px) may shrink to 3/4.
    """
    root.attrib.pop("height", None)
    size = _SIZE.fullmatch(root.get("width", ""))
    if size is None:  # no usable natural size: fill the column
        root.set("width", "100%")
        root.set("style", "height:auto")
        return
    natural = float(size.group(1)) * PX_PER[size.group(2)]
    smallest = smallest_text_px(root)
    least = natural if smallest is None else natural * min(1.0, MIN_TEXT_PX / smallest)
    root.set("style", f"max-width:100%;min-width:{math.ceil(least)}px;height:auto")


def smallest_text_px(root: ET.Element) -> float | None:
    """The smallest font size of the SVG's text at its natural width, in CSS pixels (None without text).

    A text's size is its own ``font-size`` or the nearest ancestor's, in user units, times the
    ``scale(…)`` of the groups around it, times CSS pixels per user unit (width over viewBox).
    """
    size = _SIZE.fullmatch(root.get("width", ""))
    box = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if size is None:
        return None
    natural = float(size.group(1)) * PX_PER[size.group(2)]
    px_per_unit = natural / box[2] if len(box) == 4 and box[2] > 0 else PX_PER[size.group(2)]
    smallest: float | None = None

    def visit(element: ET.Element, font: float, scale: float) -> None:
        nonlocal smallest
        own = _NUMBER.match(element.get("font-size", "").strip())
        font = float(own.group(0)) if own else font
        transform = _SCALE.search(element.get("transform", ""))
        scale *= abs(float(transform.group(1))) if transform else 1.0
        if element.tag.rsplit("}", 1)[-1] == "text" and (element.text or "").strip():
            shown = font * scale * px_per_unit
            smallest = shown if smallest is None else min(smallest, shown)
        for child in element:
            visit(child, font, scale)

    visit(root, DEFAULT_FONT_SIZE, 1.0)
    return smallest


def _tidy_whitespace(root: ET.Element) -> None:
    """Layout whitespace with a line break becomes one newline, so every line starts with ``<``;
    line breaks inside text become spaces (SVG shows them as spaces anyway)."""

    def tidy(text: str | None) -> str | None:
        if text is None or ("\n" not in text and "\r" not in text):
            return text
        return "\n" if not text.strip() else " ".join(text.splitlines())

    for element in root.iter():
        element.text = tidy(element.text)
        element.tail = tidy(element.tail)


def _html_lines(block: str) -> list[str]:
    """A block of HTML as lines that are neither blank nor indented (Markdown keeps it raw)."""
    return [line.strip().replace("{", "&#123;") for line in block.splitlines() if line.strip()]


def data_table(summary: str, headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str | None = None) -> str:
    """The text alternative of a figure: ``<details>`` holding the data as an HTML table.

    All cells are plain text and escaped here. ``empty`` is shown instead of a table without rows.
    """
    esc = html.escape
    lines = ['<details class="jb-diagram-data abstract">', f"<summary>{esc(_one_line(summary))}</summary>"]
    if not rows:
        lines.append(f"<p>{esc(_one_line(empty or ''))}</p>")
    else:
        lines.append("<table>")
        lines.append("<thead><tr>" + "".join(f"<th>{esc(_one_line(h))}</th>" for h in headers) + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows:
            lines.append("<tr>" + "".join(f"<td>{esc(_one_line(cell))}</td>" for cell in row) + "</tr>")
        lines.append("</tbody>")
        lines.append("</table>")
    lines.append("</details>")
    return "\n".join(lines)
