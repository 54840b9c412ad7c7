"""Issue 8: author text is shown, never executed, wherever it lands.

A handbook whose every free-text field is hostile (tests/hostile.py) is built with MkDocs,
Material and search in four ways:

- ``minimal``: the plugin with Material and search, nothing else (conftest's MINIMAL_MKDOCS);
- ``extensions``: a site that enables every extension that could interpret author text:
  attr_list, md_in_html, snippets (base_path = the project, check_paths off), superfences,
  arithmatex, abbr, footnotes, def_list, admonition/details, critic, magiclink, emoji, toc
  with permalinks, ..., Material's tags plugin and a tags index page, tooltips and tabs;
- ``render``: the standalone project ``journeybook render`` writes, built by plain MkDocs;
- ``errors``: a broken handbook under ``mkdocs serve`` (the error page quotes author text).

Every output file is parsed (lxml: .html as HTML, .svg as XML) and every HTML page is opened in
Debian's Chromium (1280x900, served from 127.0.0.1). Failures: a dialog; an ``on*`` attribute;
a ``javascript:``/``vbscript:``/``data:`` URL in any URL attribute (the clean reference site
has none at all, so no data: exception is needed); a script that is not the theme's own (own:
``src`` inside the site's ``assets/`` or ``search/``, MkDocs' livereload, Material's
``__config`` JSON, or an inline script whose text, with its relative base URL masked, occurs
in a clean build of the same configuration); an iframe, object, embed, form, style, meta,
base, link, button, ... inside the article; a meta refresh anywhere; the snippet secret in
any file; HTML in the search index beyond the tags Material's indexer keeps. And the other
half of the rule: sample payloads are *visible* as text (browser title, h1, navigation,
diagram), and typing into Material's search renders results without executing anything.

Each payload's ``JBX`` became a number (``alert(1042)``); failure messages name the field
that number came from (hostile-manifest.json), grouped by where it landed (nav, toc, header,
title, article, table, svg, search, ...: the nearest landmark of the Material page).

The checks are themselves checked: the clean format handbook, built the same ways, passes
them. Tests that need Chromium are marked ``browser``; the parser checks run without it. The
four sites (and their clean twins) are built once per module.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

import hostile
from conftest import FIXTURES, MINIMAL_MKDOCS, build, serve_folder

CONFIGS = ("minimal", "extensions", "render", "errors")

EXTENSIONS_MKDOCS = """\
site_name: Hostile handbook
theme:
  name: material
  features: [navigation.indexes, navigation.tabs, toc.follow, search.highlight, search.suggest, content.tooltips]
plugins:
  - search
  - tags
  - journeybook
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets:
      base_path: [{project}]
      check_paths: false
  - pymdownx.superfences
  - pymdownx.tabbed
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tilde
"""
TAGS_PAGE = "# Tags\n\n<!-- material/tags -->\n"

# What Material's search indexer keeps of the markup in a section (material/plugins/search/
# plugin.py, Parser.keep): text is HTML-escaped, these tags are re-emitted bare, script, style
# and object content is dropped. The theme's search UI inserts title and text with innerHTML
# (its JSX helper does ``el.innerHTML += child``), so anything else in the index would be live.
SEARCH_KEEPS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "ping", "cite", "longdesc", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "srcset"}  # fmt: skip
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):")
# Inside the article (author content lands there) none of these may exist at all.
FORBIDDEN_IN_ARTICLE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "style", "meta",
                        "base", "link", "textarea", "select", "button", "template", "portal", "foreignobject",
                        "noscript", "math"}  # fmt: skip
OWN_SCRIPT_DIRS = ("assets/", "search/")
# journeybook's own controls inside the article (read from a clean build): plain buttons with a
# jb- class (the checklists' "untick all", the diagram zoom buttons journeybook-figures.js adds)
# and the checkboxes of checklists and task lists. Anything else of FORBIDDEN_IN_ARTICLE is not ours.
OWN_CONTROL_CLASS = re.compile(r"(?:^|\s)jb-[\w-]+")
ALERT_NUMBER = re.compile(r"(?:alert|msgbox)\(\(?(\d{4,})")


# ----------------------------------------------------------------------------- building


@dataclass
class Built:
    name: str
    project: Path
    site: Path
    manifest: dict[int, dict[str, Any]]
    own_inline: set[str] = field(default_factory=set)  # masked texts of the theme's inline scripts
    config_keys: Optional[frozenset[str]] = None  # keys of Material's __config JSON
    reference: Optional[Path] = None  # the clean build of the same configuration

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def url_of(self, rel: str) -> str:
        return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _mask(script: str) -> str:
    """An inline script with its page-relative parts masked (``new URL("../..",location)``)."""
    return re.sub(r'new URL\("[^"]*",location\)', 'new URL("",location)', script.strip())


def _project(kind: str, root: Path, journeys: Optional[Path]) -> Path:
    """The project for config ``kind``; ``journeys=None``: the hostile handbook, else a copy of that folder."""
    root.mkdir(parents=True)
    if journeys is None:
        (hostile.hostile_broken_handbook if kind == "errors" else hostile.hostile_handbook)(root)
    else:
        shutil.copytree(journeys, root / "journeys")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nThe [playbook](playbook/index.md).\n", encoding="utf-8")
    if kind != "errors":  # every live view (issue 12) of the handbook's data, in a hand-written page
        (docs / "views.md").write_text(views_page(journeys is None), encoding="utf-8")
    if kind == "extensions":
        (docs / "tags.md").write_text(TAGS_PAGE, encoding="utf-8")
        (root / "mkdocs.yml").write_text(EXTENSIONS_MKDOCS.format(project=json.dumps(str(root))), encoding="utf-8")
    else:
        (root / "mkdocs.yml").write_text(textwrap.dedent(MINIMAL_MKDOCS), encoding="utf-8")
    return root


def views_page(hostile_data: bool) -> str:
    """A page with every view of journeybook blocks, for the hostile handbook or the clean one."""
    journey = "hostile-one" if hostile_data else "new-boots"
    views = ["opportunities", "pain-points", "moments-of-truth", "touchpoints", "journeys", "metrics"]
    blocks = [f"```journeybook\nview: {view}\n```\n" for view in views]
    one = ["checklist", "journey-map", "emotion-curve", *(["blueprint"] if hostile_data else [])]
    blocks += [f"```journeybook\nview: {view}\njourney: {journey}\n```\n" for view in one]
    return "# Views\n\n" + "\n".join(blocks)


def _render(source: Path, out: Path) -> Path:
    from click.testing import CliRunner

    from journeybook.cli import main

    args = ["render", str(source), "--out", str(out), "--site-name", "Hostile handbook", "--docs", str(source.parent / "docs")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


def _build(kind: str, root: Path, journeys: Optional[Path] = None) -> Path:
    project = _project(kind if kind != "render" else "minimal", root / "project", journeys)
    if kind == "render":
        out = _render(project / "journeys", root / "rendered")
        return build(out, strict=False)
    return build(project, strict=False, command="serve" if kind == "errors" else "build")


def _own_scripts(site: Path) -> tuple[set[str], Optional[frozenset[str]]]:
    inline: set[str] = set()
    keys: Optional[frozenset[str]] = None
    for path in site.rglob("*.html"):
        for script in lxml.html.parse(str(path)).getroot().iter("script"):
            if script.get("src"):
                continue
            if script.get("id") == "__config":
                keys = frozenset(json.loads(script.text or "{}"))
            else:
                inline.add(_mask(script.text or ""))
    return inline, keys


_BUILT: dict[str, Built] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """``built(kind)``: the hostile site for one configuration (built once per module)."""

    def get(kind: str) -> Built:
        if kind not in _BUILT:
            root = tmp_path_factory.mktemp(f"hostile-{kind}")
            site = _build(kind, root)
            project = root / "project"
            if kind == "errors":  # the same configuration as minimal
                reference = get("minimal").reference
            else:
                reference = _build(kind, root / "clean", FIXTURES / "format-handbook" / "journeys")
            inline, keys = _own_scripts(reference)
            _BUILT[kind] = Built(kind, project, site, hostile.load_manifest(project), inline, keys, reference)
        return _BUILT[kind]

    yield get
    _BUILT.clear()


# ----------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    page: str
    where: str  # title, head, nav, toc, header, article, svg, table, footer, search, page, file
    kind: str
    detail: str


def _summary(findings: list[Finding], manifest: dict[int, dict[str, Any]], limit: int = 40) -> str:
    """Grouped, with the fields the alert numbers came from."""
    counts = Counter((f.kind, f.where) for f in findings)
    lines = [f"{len(findings)} finding(s) on {len({f.page for f in findings})} page(s):"]
    lines += [f"  {n:4d} x {kind} in {where}" for (kind, where), n in counts.most_common()]
    fields: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        numbers = re.findall(r"\d{4,}", f.detail) if f.kind == "dialog" else ALERT_NUMBER.findall(f.detail)
        for number in numbers:
            fields[hostile.describe(int(number), manifest)].add(f"{f.kind}@{f.where}")
    if fields:
        lines.append("fields whose payloads got through:")
        lines += [f"  {desc}  [{', '.join(sorted(kinds))}]" for desc, kinds in sorted(fields.items())[:limit]]
        if len(fields) > limit:
            lines.append(f"  ... and {len(fields) - limit} more")
    lines.append("examples:")
    seen: set[tuple[str, str]] = set()
    for f in findings:
        if (f.kind, f.where) not in seen:
            seen.add((f.kind, f.where))
            lines.append(f"  {f.page} [{f.where}] {f.kind}: {' '.join(f.detail.split())[:200]}")
    return "\n".join(lines)


def _normalized_url(value: str) -> str:
    """A URL attribute as a browser reads its scheme: tabs and newlines removed, ends trimmed, lowercase."""
    return re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21)))).lower()


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _where(el: Any) -> str:
    """The part of a Material page an element is in: its nearest landmark (broken markup upstream can move it)."""
    inside_svg = inside_table = False
    for a in [el, *el.iterancestors()]:
        if not isinstance(a.tag, str):
            continue
        tag, classes = a.tag.split("}")[-1].lower(), _classes(a)
        if tag == "title":
            return "title"
        if tag == "head":
            return "head"
        if tag == "article" and "md-content__inner" in classes:
            return "svg" if inside_svg else "table" if inside_table else "article"
        if "md-search" in classes:
            return "search"
        if classes & {"md-sidebar--secondary", "md-nav--secondary"}:
            return "toc"
        if classes & {"md-sidebar--primary", "md-nav--primary", "md-tabs"}:
            return "nav"
        if "md-header" in classes:
            return "header"
        if "md-footer" in classes:
            return "footer"
        inside_svg = inside_svg or tag == "svg"
        inside_table = inside_table or tag == "table"
    return "page"


def _static_findings(b: Built, rel: str) -> list[Finding]:
    """Every check that needs no browser, on one .html file."""
    root = lxml.html.parse(str(b.site / rel)).getroot()
    out: list[Finding] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.split("}")[-1].lower()
        for name, value in el.attrib.items():
            lname = name.split("}")[-1].lower() if not name.startswith("xlink") else name.lower()
            if lname.startswith("on"):
                out.append(Finding(rel, _where(el), "on-attribute", f"<{tag} {name}={value!r}>"))
            if lname in URL_ATTRIBUTES or lname.endswith("href"):
                if BAD_SCHEME.match(_normalized_url(value)):
                    out.append(Finding(rel, _where(el), f"{lname}-scheme", f"<{tag} {name}={value[:120]!r}>"))
            if lname == "srcdoc":
                out.append(Finding(rel, _where(el), "srcdoc", f"<{tag} srcdoc={value[:120]!r}>"))
        if tag == "script" and not _own_script(b, rel, el):
            out.append(Finding(rel, _where(el), "foreign-script", lxml.html.tostring(el, encoding="unicode")[:200]))
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            out.append(Finding(rel, _where(el), "meta-refresh", lxml.html.tostring(el, encoding="unicode")[:200]))
        if tag == "base":
            out.append(Finding(rel, _where(el), "base", lxml.html.tostring(el, encoding="unicode")[:200]))
        if tag in FORBIDDEN_IN_ARTICLE - {"script", "meta", "base"} or tag == "input":
            if _where(el) in ("article", "svg", "table") and not _own_control(el):
                out.append(Finding(rel, _where(el), f"{tag}-element", lxml.html.tostring(el, encoding="unicode")[:200]))
    return out


def _own_control(el: Any) -> bool:
    """journeybook's own buttons and the checkboxes of checklists (see OWN_CONTROL_CLASS)."""
    kind = (el.get("type") or "").lower()
    if el.tag == "button":
        return kind == "button" and bool(OWN_CONTROL_CLASS.search(el.get("class") or ""))
    if el.tag == "input" and kind == "checkbox":
        return any(_classes(a) & {"task-list-item", "task-list-control", "jb-checklist"} for a in el.iterancestors())
    return False


def _own_script(b: Built, rel: str, el: Any) -> bool:
    src = el.get("src")
    if src:
        page_url = "http://site/" + rel
        path = urlsplit(urljoin(page_url, src)).path.lstrip("/")
        return (path.startswith(OWN_SCRIPT_DIRS) and (b.site / path).is_file()) or "livereload" in path
    if el.get("id") == "__config" and (el.get("type") or "") == "application/json":
        try:
            data = json.loads(el.text or "")
        except ValueError:
            return False
        return b.config_keys is None or frozenset(data) == b.config_keys
    return _mask(el.text or "") in b.own_inline


def _svg_findings(path: Path, rel: str) -> list[Finding]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    out: list[Finding] = []
    try:
        root = lxml.etree.parse(str(path), parser).getroot()
    except lxml.etree.XMLSyntaxError as exc:
        return [Finding(rel, "file", "svg-not-xml", str(exc))]
    for el in root.iter():
        if isinstance(el, lxml.etree._ProcessingInstruction):
            out.append(Finding(rel, "svg", "processing-instruction", repr(el)[:120]))
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.split("}")[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "handler", "listener"):
            out.append(Finding(rel, "svg", f"{tag}-element", lxml.etree.tostring(el, encoding="unicode")[:200]))
        for name, value in el.attrib.items():
            lname = name.split("}")[-1].lower()
            if lname.startswith("on"):
                out.append(Finding(rel, "svg", "on-attribute", f"<{tag} {lname}={value!r}>"))
            if lname in URL_ATTRIBUTES and BAD_SCHEME.match(_normalized_url(value)):
                out.append(Finding(rel, "svg", f"{lname}-scheme", f"<{tag} {lname}={value[:120]!r}>"))
    return out


class _Tags(html.parser.HTMLParser):
    """The start tags in an HTML fragment, as the theme's innerHTML would create them (text may hold NUL etc.)."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag not in SEARCH_KEEPS or attrs:
            self.found.append(self.get_starttag_text() or tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        self.found.append(self.get_starttag_text() or tag)


def _search_findings(b: Built) -> list[Finding]:
    index = json.loads((b.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    out: list[Finding] = []
    for doc in index["docs"]:
        where = doc.get("location", "?")
        for key in ("title", "text"):
            out += [Finding(where, "search", f"index-{key}-markup", tag) for tag in _Tags(doc.get(key) or "").found]
        for tag in doc.get("tags", []):  # shown with innerHTML too, and none of it may be markup
            if _Tags(str(tag)).found or re.search(r"<[a-zA-Z!/?]", str(tag)):
                out.append(Finding(where, "search", "index-tag-markup", str(tag)[:200]))
    return out


# ----------------------------------------------------------------------------- the handbook is valid


def test_the_hostile_handbook_is_valid(tmp_path: Path) -> None:
    """Every payload sits in a field where it is allowed: the handbook validates without errors."""
    from journeybook.diagnostics import has_errors
    from journeybook.handbook import build_handbook

    hostile.hostile_handbook(tmp_path)
    handbook, diagnostics = build_handbook(tmp_path / "journeys")
    assert not has_errors(diagnostics), "\n".join(d.format(tmp_path) for d in diagnostics if d.severity == "error")
    manifest = hostile.load_manifest(tmp_path)
    for kind in ("block", "item", "inline", "csl"):  # every payload in every sort of field
        used = {e["index"] for e in manifest.values() if e["kind"] == kind}
        assert used == set(range(len(hostile.CORPUS))), kind
    assert {e["index"] for e in manifest.values() if e["corpus"] == "visible"} == set(range(len(hostile.VISIBLE)))


# ----------------------------------------------------------------------------- static checks


@pytest.mark.parametrize("kind", CONFIGS)
def test_no_file_of_the_site_can_run_author_text(built, kind: str) -> None:
    b = built(kind)
    findings: list[Finding] = []
    for rel in b.pages():
        findings += _static_findings(b, rel)
    for path in sorted(b.site.rglob("*.svg")):
        findings += _svg_findings(path, path.relative_to(b.site).as_posix())
    assert not findings, _summary(findings, b.manifest)


@pytest.mark.parametrize("kind", CONFIGS)
def test_snippet_includes_never_pull_in_files(built, kind: str) -> None:
    b = built(kind)
    marker = hostile.SECRET_MARKER.encode()
    leaked = [p.relative_to(b.site).as_posix() for p in b.site.rglob("*") if p.is_file() and marker in p.read_bytes()]
    assert leaked == [], f"the contents of secret.txt are in {leaked}"


@pytest.mark.parametrize("kind", CONFIGS)
def test_the_search_index_holds_text_not_markup(built, kind: str) -> None:
    b = built(kind)
    findings = _search_findings(b)
    assert not findings, _summary(findings, b.manifest)


@pytest.mark.parametrize("kind", ("minimal", "extensions", "render"))
def test_the_clean_site_passes_the_same_checks(built, kind: str) -> None:
    """The checks themselves: the clean format handbook, built the same way, has no finding."""
    h = built(kind)
    assert h.reference is not None
    b = Built("clean", h.reference.parent, h.reference, {}, h.own_inline, h.config_keys)
    findings = [f for rel in b.pages() for f in _static_findings(b, rel)] + _search_findings(b)
    assert not findings, _summary(findings, {})
    scripts = [s.get("src") or "" for s in lxml.html.parse(str(b.site / "index.html")).getroot().iter("script")]
    assert any("bundle" in src for src in scripts) and h.own_inline and h.config_keys  # the theme's own were found


def test_a_long_word_cannot_stall_the_build(tmp_path: Path) -> None:
    """A 1,000-character word (a pasted URL, base64, a cat on the keyboard) must not take minutes to lay out."""
    word = "A" * 1000
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    (journeys / "j.yml").write_text(
        f"kind: journey\nid: j\ntitle: {word}\nphases:\n  - phase: awareness\n    steps:\n      - action: {word}\n        emotion: -1\n",
        encoding="utf-8",
    )
    code = "import sys; from pathlib import Path; from journeybook.pipeline import generate; generate(Path(sys.argv[1]))"
    try:
        subprocess.run([sys.executable, "-c", code, str(journeys)], timeout=10, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        pytest.fail("generating the pages of one journey with a 1,000-character word took over 10 s (diagram labels)")


# ----------------------------------------------------------------------------- in Chromium

CHECK_JS = r"""
([ownInline, configKeys, ownDirs, root, scope]) => {
  const findings = [];
  const base = scope ? document.querySelector(scope) : document;
  if (!base) return [['scope-missing', 'page', scope]];
  const LANDMARKS = 'title, head, article.md-content__inner, .md-search, .md-sidebar--secondary, .md-nav--secondary, '
      + '.md-sidebar--primary, .md-nav--primary, .md-tabs, .md-header, .md-footer';
  const where = (el) => {  // the nearest landmark (broken markup upstream can move an element)
    const lm = el.closest(LANDMARKS);
    if (!lm) return 'page';
    const c = lm.classList;
    if (lm.localName === 'title' || lm.localName === 'head') return lm.localName;
    if (lm.localName === 'article') {
      const svg = el.closest('svg'), table = el.closest('table');
      return svg && lm.contains(svg) ? 'svg' : table && lm.contains(table) ? 'table' : 'article';
    }
    if (c.contains('md-search')) return 'search';
    if (c.contains('md-sidebar--secondary') || c.contains('md-nav--secondary')) return 'toc';
    if (c.contains('md-header')) return 'header';
    if (c.contains('md-footer')) return 'footer';
    return 'nav';
  };
  const show = (el) => el.outerHTML.slice(0, 200);
  const norm = (v) => v.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').toLowerCase();
  const mask = (s) => s.trim().replace(/new URL\("[^"]*",location\)/g, 'new URL("",location)');
  const urlAttrs = new Set(%URL_ATTRIBUTES%);
  const forbidden = new Set(%FORBIDDEN%);
  const own = new Set(ownInline);
  const ownControl = (el) => {  // see OWN_CONTROL_CLASS
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.localName === 'button') return type === 'button' && /(^|\s)jb-[\w-]+/.test(el.className);
    return el.localName === 'input' && type === 'checkbox' && !!el.closest('.task-list-item, .task-list-control, .jb-checklist');
  };
  for (const el of base.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) findings.push(['on-attribute', where(el), show(el)]);
      if ((urlAttrs.has(name) || name.endsWith('href')) && /^(javascript|vbscript|data):/.test(norm(a.value)))
        findings.push([name + '-scheme', where(el), show(el)]);
      if (name === 'srcdoc') findings.push(['srcdoc', where(el), show(el)]);
    }
    if (tag === 'script') {
      let ok = false;
      if (el.hasAttribute('src')) {
        const path = new URL(el.src).pathname;
        ok = ownDirs.some((d) => path.startsWith(root + d)) || path.includes('livereload');
      } else if (el.id === '__config' && el.type === 'application/json') {
        try { ok = JSON.stringify(Object.keys(JSON.parse(el.textContent)).sort()) === JSON.stringify(configKeys); } catch (e) { ok = false; }
      } else {
        ok = own.has(mask(el.textContent));
      }
      if (!ok) findings.push(['foreign-script', where(el), show(el)]);
    }
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
      findings.push(['meta-refresh', where(el), show(el)]);
    if (tag === 'base') findings.push(['base', where(el), show(el)]);
    const w = where(el);
    if ((w === 'article' || w === 'svg' || w === 'table') && (forbidden.has(tag) || tag === 'input') && tag !== 'script' && !ownControl(el))
      findings.push([tag + '-element', w, show(el)]);
  }
  if (scope) return findings;
  // The page itself survived: the theme's scripts ran (they remove "no-js") and the content is there.
  if (document.documentElement.classList.contains('no-js'))
    findings.push(['theme-scripts-did-not-run', 'page', document.documentElement.className]);
  const articles = document.querySelectorAll('article.md-content__inner').length;
  if (articles !== 1) findings.push(['content-missing', 'page', articles + ' content articles']);
  return findings;
}
""".replace("%URL_ATTRIBUTES%", json.dumps(sorted(URL_ATTRIBUTES))).replace("%FORBIDDEN%", json.dumps(sorted(FORBIDDEN_IN_ARTICLE)))


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
    """``serve(site) -> base URL``: one local HTTP server per site folder."""
    urls: dict[Path, str] = {}
    with ExitStack() as servers:

        def start(site: Path) -> str:
            if site not in urls:
                urls[site] = servers.enter_context(serve_folder(site))
            return urls[site]

        yield start


class Visitor:
    """One browser page for one site (no network beyond it): records the dialogs that open."""

    def __init__(self, browser: Any, base: str, b: Built):
        self.base, self.b = base, b
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.context.set_default_timeout(5000)
        self.page = self.context.new_page()
        self.dialogs: list[tuple[str, str]] = []
        self.page.on("dialog", self._dialog)
        self.current = ""

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:  # no network: nothing leaves the machine (fonts, payload URLs)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append((self.current, f"{dialog.type}: {dialog.message}"))
        dialog.dismiss()

    def visit(self, rel: str) -> list[Finding]:
        url = self.base + self.b.url_of(rel)
        self.current = rel
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(60)  # ontoggle, onfocus and friends fire just after load
        findings = [Finding(rel, w, k, d) for k, w, d in self.page.evaluate(CHECK_JS, self._args())]
        if self.page.url.split("#")[0] != url:
            findings.append(Finding(rel, "page", "navigated-away", self.page.url))
        return findings

    def _args(self, scope: str = "") -> list[Any]:
        keys = sorted(self.b.config_keys) if self.b.config_keys is not None else None
        return [sorted(self.b.own_inline), keys, list(OWN_SCRIPT_DIRS), "/", scope]

    def dialog_findings(self) -> list[Finding]:
        return [Finding(rel, "dialog", "dialog", message) for rel, message in self.dialogs]

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("kind", CONFIGS)
@pytest.mark.browser
def test_no_page_runs_author_text_in_chromium(built, serve, browser, kind: str, tmp_path_factory) -> None:
    b = built(kind)
    visitor = Visitor(browser, serve(b.site), b)
    findings: list[Finding] = []
    zooms = 0
    try:
        for rel in b.pages():
            findings += visitor.visit(rel)
            if rel in SHOWN_PAGES or (kind == "errors" and rel == ERROR_PAGE):
                _SHOWN[kind, rel] = visitor.page.evaluate(SHOWN_JS)
            if zooms < 3 and visitor.page.locator("button.jb-zoom-open").count():  # the zoom copies an SVG into a dialog
                zooms += 1
                visitor.page.locator("button.jb-zoom-open").first.click()
                visitor.page.wait_for_timeout(60)
                zoomed = visitor.page.evaluate(CHECK_JS, visitor._args("dialog.jb-zoom"))
                findings += [Finding(rel + " (zoomed)", w, k, d) for k, w, d in zoomed]
        findings = visitor.dialog_findings() + findings
    finally:
        visitor.close()
    if findings:
        report = tmp_path_factory.mktemp("hostile-report") / f"{kind}.json"
        report.write_text(json.dumps([f.__dict__ for f in findings], indent=1, ensure_ascii=False), encoding="utf-8")
        pytest.fail(f"[{kind}] {_summary(findings, b.manifest)}\n(all findings: {report})", pytrace=False)


SHOWN_PAGES = (
    "playbook/journeys/hostile-one/index.html",
    "playbook/personas/hostile-persona/index.html",
    "playbook/touchpoints/index.html",
)
_SHOWN: dict[tuple[str, str], dict[str, str]] = {}  # filled by the page visits above, so they are not repeated
SHOWN_JS = """() => ({
  'url': location.pathname,
  'document.title': document.title,
  'h1': (document.querySelector('article.md-content__inner h1') || {}).innerText || '',
  'navigation': (document.querySelector('.md-nav--primary') || {}).textContent || '',
  'journey map and curve': [...document.querySelectorAll('article.md-content__inner svg text')].map((e) => e.textContent).join(' '),
  'article': (document.querySelector('article.md-content__inner') || {}).innerText || '',
})"""


def _visible(text: str) -> str:
    """What a reader sees: whitespace collapsed, invisible format characters (Unicode Cf: word
    joiners, zero-width spaces, bidi marks) left out. journeybook may put those into titles
    that MkDocs and Material print without escaping; the glyphs must still all be there."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())


def _squeeze(text: str) -> str:
    """Diagram labels are wrapped (and long words cut with '-'): compare without spaces and hyphens."""
    return re.sub(r"[\s\-…]", "", _visible(text))


@pytest.mark.parametrize("kind", ("minimal", "extensions", "render"))
@pytest.mark.browser
def test_hostile_names_are_visible_as_text(built, serve, browser, kind: str) -> None:
    """Shown, not executed: the words are in the browser title, the heading, the navigation and the diagrams."""
    b = built(kind)
    by_field = {e["field"]: e["text"] for e in b.manifest.values()}
    title = _visible(by_field["journeys/hostile-one.yml: title"])
    phase = _visible(by_field["journeys/framework.yml: phases[0].name"])
    persona = _visible(by_field["journeys/personas.yml (hostile-persona): name"])
    # the second: with navigation.indexes the first page of a section without a page of its own
    # stands in for the section (Material's behaviour), so the first persona's name is not in the nav
    other = _visible(by_field["journeys/personas.yml (second-persona): name"])
    touchpoint = _visible(by_field["journeys/touchpoints.yml: touchpoints[0].name"])
    shown: dict[str, dict[str, str]] = {rel: _SHOWN[kind, rel] for rel in SHOWN_PAGES if (kind, rel) in _SHOWN}
    if len(shown) < len(SHOWN_PAGES):  # this test ran on its own
        visitor = Visitor(browser, serve(b.site), b)
        try:
            for rel in SHOWN_PAGES:
                visitor.visit(rel)
                shown[rel] = visitor.page.evaluate(SHOWN_JS)
        finally:
            visitor.close()
    journey, persona_page, touchpoints = (shown[rel] for rel in SHOWN_PAGES)
    wanted = [
        (journey, "document.title", title), (journey, "h1", title), (journey, "navigation", title),
        (journey, "navigation", phase), (journey, "journey map and curve", phase), (journey, "article", phase),
        (persona_page, "document.title", persona), (persona_page, "h1", persona), (persona_page, "navigation", other),
        (touchpoints, "article", touchpoint),
    ]  # fmt: skip
    problems = []
    for page, where, text in wanted:
        if where == "journey map and curve":
            ok = _squeeze(text)[:24] in _squeeze(page[where])
        else:
            ok = text in _visible(page[where])
        if not ok:
            problems.append(f"{page['url']}: {where} does not show {text!r}; it shows {_visible(page[where])[:300]!r}")
    assert not problems, "\n".join(problems)


ERROR_PAGE = "playbook/index.html"


@pytest.mark.browser
def test_the_error_page_shows_the_problems_as_text(built, serve, browser) -> None:
    """``mkdocs serve`` with a broken handbook: the messages quote the hostile values, as text."""
    b = built("errors")
    if ("errors", ERROR_PAGE) not in _SHOWN:
        visitor = Visitor(browser, serve(b.site), b)
        try:
            visitor.visit(ERROR_PAGE)
            _SHOWN["errors", ERROR_PAGE] = visitor.page.evaluate(SHOWN_JS)
        finally:
            visitor.close()
    shown = _visible(_SHOWN["errors", ERROR_PAGE]["article"])
    quoted = {e["field"]: _visible(e["text"]) for e in b.manifest.values()}
    for problem in ("unknown key", "urgency value", "persona reference"):
        field_name = f"journeys/hostile-errors: {problem}"
        assert quoted[field_name] in shown, f"{field_name}: {quoted[field_name]!r} is not on the error page: {shown[:500]!r}"


QUERIES = ("onerror", "javascript")


@pytest.mark.browser
def test_search_results_show_payloads_without_running_them(built, serve, browser) -> None:
    """Material's search UI inserts titles and teasers with innerHTML, then highlights the terms
    on the page a result opens (search.highlight). One site is enough here: the index of every
    configuration is checked without a browser above (test_the_search_index_holds_text_not_markup)."""
    b = built("extensions")
    visitor = Visitor(browser, serve(b.site), b)
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    try:
        visitor.visit("index.html")
        page = visitor.page
        box = page.locator("input.md-search__input")
        try:
            box.wait_for(state="visible", timeout=5000)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            found = visitor.visit("index.html") + visitor.dialog_findings()
            pytest.fail("Material's search box is not usable on the start page:\n" + _summary(found, b.manifest), pytrace=False)
        visitor.dialogs.clear()  # the start page's own problems are the other test's; here: what searching does
        # Material splits on whitespace and hyphens only, and matches prefixes of those tokens.
        for query in QUERIES:
            visitor.current = f"search {query!r}"
            box.click()
            box.fill("")
            box.press_sequentially(query)  # the theme reacts to key events
            try:
                page.wait_for_selector(".md-search-result__item", timeout=2000)
            except Exception:  # noqa: BLE001 - playwright's TimeoutError; the count below says it
                pass
            page.wait_for_timeout(150)
            counts[query] = page.locator(".md-search-result__item").count()
            more = page.locator(".md-search-result__more summary")
            for i in range(more.count()):  # "N more on this page" shows the other sections
                more.nth(i).click()
            page.wait_for_timeout(100)
            findings += [Finding(f"search {query!r}", w, k, d) for k, w, d in page.evaluate(CHECK_JS, visitor._args(".md-search-result"))]
        visitor.current = "a search result, highlighted"
        page.locator(".md-search-result__link").first.click()
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        findings += [Finding(page.url, w, k, d) for k, w, d in page.evaluate(CHECK_JS, visitor._args())]
        findings = visitor.dialog_findings() + findings
    finally:
        visitor.close()
    assert not findings, _summary(findings, b.manifest)
    assert all(counts.values()), f"search found nothing for some queries: {counts}"
