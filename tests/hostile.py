"""Hostile author text (issue 8): a corpus of injection strings and a handbook that carries them everywhere.

"Author text is shown, never executed, wherever it lands": page, navigation, title, table of
contents, search index, SVG, data tables, tags/front matter, error page.

- :data:`CORPUS`: hostile strings. Every ``JBX`` in a string is replaced, per use, by a unique
  number, so ``alert(1042)`` firing in a browser names the field that carried it (see the
  manifest below).
- :func:`hostile_handbook`: a complete, *valid* ``journeys/`` folder in which every free-text
  field of every kind (FORMAT.md, field by field) carries payloads, cycling through the
  corpus (several per field, a blank line apart; see :data:`KINDS`: every payload meets
  every sort of field, Markdown block, list item, one line, plain text, bibliography). Ids,
  enums, numbers and dates stay valid (they are not free text); everything an author types
  as words is hostile. Names and titles (which end up in the navigation, the
  browser title and the diagrams) get :data:`VISIBLE` payloads, whose shown text is
  predictable, so tests can also check the text is *visible*.
- :func:`hostile_broken_handbook`: an invalid folder whose error messages quote hostile text
  (for the error page ``mkdocs serve`` shows).

Next to ``journeys/`` both write ``secret.txt`` files holding :data:`SECRET_MARKER`; snippet
includes in the corpus point at them, and the marker must never appear in a built site.
The manifest (``hostile-manifest.json``, next to ``journeys/``) maps every number to the
field (``file: path.to.field``) and the corpus entry it stands for.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml

PLACEHOLDER = "JBX"
FIRST_ID = 1001
SECRET_MARKER = "JB-SECRET-4f7c2e9a-do-not-include"
MANIFEST = "hostile-manifest.json"

# ----------------------------------------------------------------------------- the corpus

SCRIPT_AND_HTML = [
    "<script>alert(JBX)</script>",
    "<SCRIPT SRC=data:text/javascript,alert(JBX)></SCRIPT>",
    "<img src=x onerror=alert(JBX)>",
    "<IMG SRC=x OnErRoR=alert(JBX)>",
    "<img src=x onerror=\"alert(JBX)\"/>",
    "<svg onload=alert(JBX)>",
    "<svg><script>alert(JBX)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(JBX)\"><text y=\"20\">svg link</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(JBX)></style></mglyph></table></mtext></math>",
    "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(JBX)&gt;\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(JBX)>\">",
    "<details open ontoggle=alert(JBX)>details</details>",
    "<input autofocus onfocus=alert(JBX)>",
    "<video><source onerror=alert(JBX)></video>",
    "<body onload=alert(JBX)>",
    "<a href=\"javascript:alert(JBX)\">raw link</a>",
    "<a href=\"&#106;avascript:alert(JBX)\">entity link</a>",
    "<a href=\"jav&#x09;ascript:alert(JBX)\">tab link</a>",
    "<iframe src=\"javascript:alert(JBX)\"></iframe>",
    "<iframe srcdoc=\"<script>parent.alert(JBX)</script>\"></iframe>",
    "<object data=\"javascript:alert(JBX)\"></object>",
    "<embed src=\"javascript:alert(JBX)\">",
    "<form action=\"javascript:alert(JBX)\"><button>submit</button></form>",
    "<button formaction=\"javascript:alert(JBX)\">formaction</button>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(JBX)\">",
    "<style>body{display:none}</style>",
    "<style>@import 'javascript:alert(JBX)';</style>",
    "<base href=\"javascript:alert(JBX)//\">",
    "<link rel=stylesheet href=\"javascript:alert(JBX)\">",
    "<!--<img src=x onerror=alert(JBX)>-->",
    "<!-- --!><img src=x onerror=alert(JBX)>",
    "<div>\n<script>alert(JBX)</script>\n</div>",
    "<table><tr><td>\n\n<img src=x onerror=alert(JBX)>\n\n</td></tr></table>",
    "<p>\n\n<img src=x onerror=alert(JBX)>\n</p>",
    "<div markdown=\"1\"><img src=x onerror=alert(JBX)></div>",
    "<div markdown=\"1\">\n\n[md_in_html link](javascript:alert(JBX))\n\n</div>",
    "<span markdown=\"span\">*<img src=x onerror=alert(JBX)>*</span>",
    "<div markdown=\"block\" onclick=\"alert(JBX)\">\n\nblock\n\n</div>",
]

QUOTE_BREAKERS = [
    "\"><script>alert(JBX)</script>",
    "'><img src=x onerror=alert(JBX)>",
    "\" onmouseover=\"alert(JBX)\" x=\"",
    "' onmouseover='alert(JBX)' x='",
    "` onmouseover=alert(JBX) `",
    "</title><script>alert(JBX)</script>",
    "</textarea><script>alert(JBX)</script>",
    "</noscript><script>alert(JBX)</script>",
    "</style><script>alert(JBX)</script>",
    "</script><script>alert(JBX)</script>",
]

MARKDOWN_LINKS = [
    "[md link](javascript:alert(JBX))",
    "[mixed case](JaVaScRiPt:alert(JBX))",
    "[tab entity](jav&#x09;ascript:alert(JBX))",
    "[decimal entity](&#106;avascript:alert(JBX))",
    "[hex entity](&#x6A;&#x61;vascript:alert(JBX))",
    "[colon entity](javascript&colon;alert(JBX))",
    "[colon number](javascript&#58;alert(JBX))",
    "[real tab](java\tscript:alert(JBX))",
    "[leading space]( javascript:alert(JBX) \"title\")",
    "[angle destination](<javascript:alert(JBX)>)",
    "[nested parens](javascript:alert((JBX)))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[data html](data:text/html,<script>alert(JBX)</script>)",
    "[vbscript](vbscript:msgbox(JBX))",
    "![image](javascript:alert(JBX))",
    "![data image](data:image/svg+xml,<svg onload=alert(JBX)>)",
    "![alt\" onerror=\"alert(JBX)](x.png)",
    "[title breaker](https://example.com \"a\\\" onmouseover=\\\"alert(JBX)\")",
    "[quote in url](https://example.com/\"onmouseover=\"alert(JBX))",
    "<javascript:alert(JBX)>",
    "<JAVASCRIPT:alert(JBX)>",
    "<vbscript:msgbox(JBX)>",
    "<data:text/html,<script>alert(JBX)</script>>",
    "[reference link][evil]\n\n[evil]: javascript:alert(JBX)",
    "[reference entity][ev]\n\n[ev]: &#x6A;avascript:alert(JBX) \"t\"",
    "[collapsed reference][]\n\n[collapsed reference]: <javascript:alert(JBX)>",
    "![reference image][img]\n\n[img]: javascript:alert(JBX)",
    "[[inner](javascript:alert(JBX))](https://example.com)",
    "`a` [between code spans](javascript:alert(JBX)) `b`",
    "[safe](https://example.com) [unsafe](javascript:alert(JBX)) [mail](mailto:a@example.com)",
]

HIDDEN_BEHIND_CODE = [
    "`code span\n\n<img src=x onerror=alert(JBX)>\n\nstill open`",
    "\\`<img src=x onerror=alert(JBX)>\\`",
    "``<img src=x onerror=alert(JBX)>` ``",
    "`` ` ``<img src=x onerror=alert(JBX)>",
    "\\``<img src=x onerror=alert(JBX)>`",
    "```\n</code></pre><script>alert(JBX)</script>\n```",
    "```\n<script>alert(JBX)</script>",
    "~~~\n<img src=x onerror=alert(JBX)>\n~~~",
    "~~~html\n<img src=x onerror=alert(JBX)>\n~~~\n<img src=x onerror=alert(JBX)>",
    "```\" onmouseover=\"alert(JBX)\ncode\n```",
    "```{: onclick=alert(JBX) }\ncode\n```",
    "    <script>alert(JBX)</script>\n\nafter an indented block <img src=x onerror=alert(JBX)>",
    "- list\n\n        ```\n<img src=x onerror=alert(JBX)>",
]

ATTRIBUTE_LISTS = [
    "Paragraph with an attribute list\n{: onclick=\"alert(JBX)\" }",
    "Heading-like { #x onclick=alert(JBX) }",
    "# Heading { #jbx onclick=alert(JBX) }",
    "text{: .x onmouseover=alert(JBX) }",
    "[attr link](https://example.com){: onclick=alert(JBX) }",
    "![attr image](x.png){: onerror=alert(JBX) }",
    "*emphasis*{: style=\"position:fixed;inset:0\" onmouseover=alert(JBX) }",
    "{: #__config }\n\nclobbers Material's config element",
    "&#123;: onclick=alert(JBX) }",
]

TEMPLATES_AND_INCLUDES = [
    "{{ config }}",
    "{{ config.site_name }} {{ page.title }}",
    "{% include 'secret.txt' %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% raw %}{{ x }}{% endraw %} {# comment #}",
    "--8<-- \"secret.txt\"",
    ";--8<-- \"secret.txt\"",
    "-8<- secret.txt",
    "--8<-- \"journeys/secret.txt\"",
    "--8<-- \"../secret.txt\"",
    "--8<--\nsecret.txt\n--8<--",
    "list\n\n- item\n\n    --8<-- \"secret.txt\"",
    "`code span hides a snippet\n--8<-- \"secret.txt\"\n`",
    "```\n--8<-- \"secret.txt\"\n```",
    "${{ secrets.TOKEN }} <%= 7*7 %> #{7*7}",
]

EXTENSION_BAIT = [
    "$<img src=x onerror=alert(JBX)>$",
    "\\(<script>alert(JBX)</script>\\)",
    "$$\n<img src=x onerror=alert(JBX)>\n$$",
    "javascript:alert(JBX) www.example.com/\"><script>alert(JBX)</script>",
    ":smile: :<img src=x onerror=alert(JBX)>:",
    "HTML here\n\n*[HTML]: <img src=x onerror=alert(JBX)>",
    "Footnote[^jb]\n\n[^jb]: <img src=x onerror=alert(JBX)> [fn link](javascript:alert(JBX))",
    "Term\n:   <script>alert(JBX)</script>",
    "!!! note \"<img src=x onerror=alert(JBX)>\"\n    admonition body",
    "??? note \"<svg onload=alert(JBX)>\"\n    details body",
    "| a | b |\n|---|---|\n| <script>alert(JBX)</script> | [t](javascript:alert(JBX)) |",
    "{++<img src=x onerror=alert(JBX)>++} {--x--} {~~a~>b~~}",
    "==<mark onclick=alert(JBX)>==  ^^<u>x</u>^^  ~~<s>y</s>~~",
    "<!-- material/tags -->",
    "[TOC]",
    "- [ ] <img src=x onerror=alert(JBX)>\n- [x] task",
]

ENTITIES = [
    "&lt;script&gt;alert(JBX)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(JBX)&#62;",
    "&amp;lt;img src=x onerror=alert(JBX)&amp;gt;",
    "&LT;svg onload=alert(JBX)&GT;",
    "\\<script>alert(JBX)\\</script>",
    "<<script>alert(JBX)//<</script>",
    "<scr<script>ipt>alert(JBX)</scr</script>ipt>",
    "＜script＞alert(JBX)＜/script＞",
    "\ufe64img src=x onerror=alert(JBX)\ufe65",
]

SVG_AND_XML = [
    "]]><script>alert(JBX)</script>",
    "</text><script>alert(JBX)</script><text>",
    "</tspan></text></g></svg><img src=x onerror=alert(JBX)>",
    "\"/><script>alert(JBX)</script><x a=\"",
    "<![CDATA[<img src=x onerror=alert(JBX)>]]>",
    "<?xml-stylesheet href=\"javascript:alert(JBX)\"?>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
    "x\"] ; injected [URL=\"javascript:alert(JBX)\" label=\"dot injection",
    "x\\\"] ; injected2 [href=\"javascript:alert(JBX)\"",
    "<<b>html label</b>> \\N \\G \\L \\E \\T \\H",
    "trailing backslash \\",
    "{x|{y|z}} record|port <p> shape",
]

FRONT_MATTER_AND_LINES = [
    "---\ntitle: <script>alert(JBX)</script>\ntags: ['<img src=x onerror=alert(JBX)>']\n---",
    "---",
    "...\n---\nsearch: {exclude: true}\n---",
    "# H1 <img src=x onerror=alert(JBX)>\n\n## H2 <svg onload=alert(JBX)>",
    "Setext <script>alert(JBX)</script>\n===",
    "> quote <img src=x onerror=alert(JBX)>\n> > nested [q](javascript:alert(JBX))",
    "1. one\n2. <script>alert(JBX)</script>\n\n   * [sub](javascript:alert(JBX))",
]

CONTROL_AND_UNICODE = [
    "nul\x00<script>alert(JBX)</script>",
    "bidi \u202e<img src=x onerror=alert(JBX)>\u202c override",
    "zero\u200bwidth\u200d<scr\u200bipt>alert(JBX)</script>",
    "bom\ufeff<img src=x onerror=alert(JBX)>",
    "esc \x1b[31mred\x1b[0m bell\x07 vt\x0b ff\x0c del\x7f",
    "line\u2028separator\u2029<img src=x onerror=alert(JBX)>",
    "cr\rlf\r\n<img src=x onerror=alert(JBX)>",
    "emoji 🙂 and 𝕦𝕟𝕚𝕔𝕠𝕕𝕖, Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǒ̟̤ͫ, العربية, 中文, עברית",
    "private \ue010\ue011 use",
    # Long text (test_hostile_site.py checks separately that one long word cannot stall a build).
    "lorem ipsum " * 300 + "<img src=x onerror=alert(JBX)>",
    "A" * 3000 + "<img src=x onerror=alert(JBX)>",
    "[" * 300 + "x" + "](javascript:alert(JBX))" * 3,
    "<" * 500 + "img src=x onerror=alert(JBX)>",
    "word" * 30,
    "[ " * 300 + "x" + "](javascript:alert(JBX))" * 3,
    "[" * 40 + "x" + "](javascript:alert(JBX))" * 3,
    "`" * 60 + "<img src=x onerror=alert(JBX)>",
    "*_ " * 300 + "<svg onload=alert(JBX)>",
    "< " * 300 + "<" * 40 + "img src=x onerror=alert(JBX)>",
    "( " * 300 + "javascript:alert(JBX)" + " )" * 300,
]

CORPUS: list[str] = [
    *SCRIPT_AND_HTML,
    *QUOTE_BREAKERS,
    *MARKDOWN_LINKS,
    *HIDDEN_BEHIND_CODE,
    *ATTRIBUTE_LISTS,
    *TEMPLATES_AND_INCLUDES,
    *EXTENSION_BAIT,
    *ENTITIES,
    *SVG_AND_XML,
    *FRONT_MATTER_AND_LINES,
    *CONTROL_AND_UNICODE,
]

# Single-line hostile strings without Markdown syntax or entities: the text a reader sees is
# the string itself (whitespace collapsed). Names and titles carry these, so a test can
# check that they are shown in the page title, the heading, the navigation and the diagrams.
# Their elements are closed: names land in the navigation of every page, and an unclosed
# <iframe>, <style> or <svg> there would swallow the rest of each page, hiding what the body
# does with the other payloads (the corpus keeps unclosed forms for single fields).
VISIBLE: list[str] = [
    "</title><script>alert(JBX)</script> Boots \"before\" Saturday",
    "<img src=x onerror=alert(JBX)> Awareness",
    "\"><svg onload=alert(JBX)></svg> Purchase",
    "'><iframe src=javascript:alert(JBX)></iframe> Loyalty",
    "<b onmouseover=alert(JBX)>Daan</b> the <u>player</u>",
    "Webshop <script>alert(JBX)</script>",
    "{{ config.site_name }} {% include 'secret.txt' %} Store",
    "]]></text><script>alert(JBX)</script> Phone",
    "</a></li></ul><img src=x onerror=alert(JBX)> Leaflet",
    "<details open ontoggle=alert(JBX)></details> Second persona",
    "<style>*{color:red}</style><svg/onload=alert(JBX)></svg> Review",
    "</span></label><input autofocus onfocus=alert(JBX)> Other journey",
]


def fill(template: str, number: int) -> str:
    return template.replace(PLACEHOLDER, str(number))


# ----------------------------------------------------------------------------- the handbook


# How author text reaches a page differs per field, so each sort of field walks the corpus on
# its own (from its own starting point): every payload meets every sort of field.
#   block:  Markdown blocks (summaries, scenarios, descriptions)
#   item:   list items (goals, checklists, guidance, expectations, value map, lanes)
#   inline: one line or a table cell (actions, thoughts, notes, pain points, opportunities, goals)
#   plain:  plain one-line text (owners, tags)
#   csl:    bibliography data, formatted by citeproc
KINDS = {"block": 10, "item": 2, "inline": 2, "plain": 6, "csl": 3}


@dataclass
class _Cycle:
    """Hands out payloads in turn and remembers which field got which (the manifest)."""

    payloads: Sequence[str]
    visible: Sequence[str]
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    _next_id: Iterator[int] = field(default_factory=lambda: itertools.count(FIRST_ID))
    _counters: dict[str, Iterator[int]] = field(default_factory=dict)
    _next_visible: Iterator[int] = field(default_factory=itertools.count)
    file: str = ""

    def take(self, template: str, where: str, source: str = "fixed", index: int = 0, kind: str = "") -> str:
        number = next(self._next_id)
        text = fill(template, number)
        self.entries[number] = {"field": f"{self.file}: {where}", "corpus": source, "index": index, "kind": kind, "text": text}
        return text

    def text(self, where: str, kind: str) -> str:
        """``KINDS[kind]`` payloads, a blank line apart, the next ones of this kind's walk through the corpus."""
        n = len(self.payloads)
        if kind not in self._counters:
            self._counters[kind] = itertools.count(list(KINDS).index(kind) * n // len(KINDS))
        picks = [next(self._counters[kind]) % n for _ in range(min(KINDS[kind], n))]
        return "\n\n".join(self.take(self.payloads[i], where, "payloads", i, kind) for i in picks)

    def name(self, where: str) -> str:
        i = next(self._next_visible) % len(self.visible)
        return self.take(self.visible[i], where, "visible", i)

    def localized(self, where: str, kind: str) -> dict[str, str]:
        """The ``{en: ..., nl: ...}`` form of a text field, both hostile."""
        return {"en": self.text(where + ".en", kind), "nl": self.text(where + ".nl", kind)}

    def texts(self, where: str, kind: str = "item", n: int = 2) -> list[Any]:
        out: list[Any] = [self.text(f"{where}[{i}]", kind) for i in range(n - 1)]
        out.append(self.localized(f"{where}[{n - 1}]", kind))
        return out

    def sweep(self, group: Sequence[str], where: str) -> str:
        """A whole group of the corpus in one block field; payloads that open an unclosed fence go last."""
        ordered = sorted(group, key=lambda p: p.count("```") % 2 == 1 or p.count("~~~") % 2 == 1)
        return "\n\n".join(self.take(p, where, "sweep", CORPUS.index(p) if p in CORPUS else 0) for p in ordered)


def _model_fields() -> dict[str, set[str]]:
    """Field names the installed journeybook accepts, per model, and its kinds (FORMAT.md 1.1 fields and
    kinds are filled in once journeybook reads them, so the handbook stays valid before that)."""
    from journeybook import model

    names: dict[str, set[str]] = {}
    for name in ("Persona", "Touchpoint", "Journey", "JourneyPhase", "Step", "Opportunity", "PainPoint", "TouchpointUse"):
        cls = getattr(model, name, None)
        if cls is not None:
            names[name] = {f.alias or n for n, f in cls.model_fields.items()}
    names["kinds"] = set(getattr(model, "MODELS", {}))
    return names


def _dump(docs: list[dict[str, Any]]) -> str:
    return yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)


def _csl_text_variables() -> tuple[str, ...]:
    from journeybook import model

    return tuple(getattr(model, "CSL_TEXT_VARIABLES", ("title", "publisher", "page", "URL", "note")))


def _sources(c: _Cycle) -> dict[str, Any]:
    c.file = "journeys/sources.yml"
    book: dict[str, Any] = {"id": "hostile-src", "type": "book"}
    book["author"] = [
        {
            "family": c.name("sources[0].author[0].family"),
            "given": c.text("sources[0].author[0].given", "csl"),
            "suffix": c.text("sources[0].author[0].suffix", "csl"),
            "dropping-particle": c.text("sources[0].author[0].dropping-particle", "csl"),
            "non-dropping-particle": c.text("sources[0].author[0].non-dropping-particle", "csl"),
        },
        {"literal": c.text("sources[0].author[1].literal", "csl")},
    ]
    book["editor"] = [{"literal": c.text("sources[0].editor[0].literal", "csl")}]
    book["translator"] = [{"family": c.text("sources[0].translator[0].family", "csl"), "given": "T."}]
    book["issued"] = 2015
    book["accessed"] = "2020-01-02"
    for name in _csl_text_variables():
        book[name] = c.text(f"sources[0].{name}", "csl")
    web: dict[str, Any] = {
        "id": "hostile-web",
        "type": "webpage",
        "author": [{"literal": c.name("sources[1].author[0].literal")}],
        "issued": {"literal": c.text("sources[1].issued.literal", "csl")},
        "title": c.name("sources[1].title"),
        "container-title": c.text("sources[1].container-title", "csl"),
        "URL": c.take("javascript:alert(JBX)", "sources[1].URL", "fixed", 0),
        "DOI": c.take("javascript:alert(JBX)//10.1000/x", "sources[1].DOI", "fixed", 0),
        "accessed": "2021-03-04",
    }
    film: dict[str, Any] = {
        "id": "hostile-film",
        "type": "motion_picture",
        "author": [{"literal": c.text("sources[2].author[0].literal", "csl")}],
        "issued": 2014,
        "title": c.text("sources[2].title", "csl"),
        "URL": c.take("https://example.com/\"><img src=x onerror=alert(JBX)>", "sources[2].URL", "fixed", 0),
        "DOI": c.take("10.1000/<script>alert(JBX)</script>", "sources[2].DOI", "fixed", 0),
    }
    return {"kind": "sources", "sources": [book, web, film]}


def _touchpoints(c: _Cycle) -> dict[str, Any]:
    c.file = "journeys/touchpoints.yml"
    items = []
    shapes = [("web", "primary", "online", False), ("store", "primary", "offline", True),
              ("phone", "supporting", "offline", True), ("leaflet", "supporting", "offline", False)]  # fmt: skip
    for i, (tp_id, tp_type, channel, direct) in enumerate(shapes):
        where = f"touchpoints[{i}]"
        items.append(
            {
                "id": tp_id,
                "name": c.name(f"{where}.name"),
                "type": tp_type,
                "channel": channel,
                "direct": direct,
                "owner": c.text(f"{where}.owner", "plain"),
                "description": c.text(f"{where}.description", "block") if i % 2 else c.localized(f"{where}.description", "block"),
            }
        )
    return {"kind": "touchpoints", "touchpoints": items}


def _persona(c: _Cycle, persona_id: str, fields: dict[str, set[str]]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": "persona",
        "id": persona_id,
        "name": c.name("name"),
        "role": c.text("role", "inline"),
        "summary": c.text("summary", "block"),
        "urgency": "high",
        "quote": c.localized("quote", "inline"),
    }
    if persona_id == "hostile-persona":  # every snippet and template trick in one Markdown block
        doc["summary"] += "\n\n" + c.sweep(TEMPLATES_AND_INCLUDES, "summary")
    for key in ("goals", "jobs", "pains", "gains"):
        doc[key] = c.texts(key)
    doc["channels"] = ["web", "store"]
    doc["value_map"] = {key: c.texts(f"value_map.{key}") for key in ("products", "pain_relievers", "gain_creators")}
    if "reviewed" in fields.get("Persona", set()):
        doc["reviewed"] = "2026-10-01"
    return doc


def _framework(c: _Cycle) -> dict[str, Any]:
    c.file = "journeys/framework.yml"
    phases = []
    for i, phase_id in enumerate(("first", "second", "third")):
        where = f"phases[{i}]"
        guidance: list[Any] = c.texts(f"{where}.guidance")
        guidance.append(
            c.take(
                "Cited with a hostile locator [@hostile-src, p. <img src=x onerror=alert(JBX)>] and [@hostile-web; @hostile-film]",
                f"{where}.guidance[{len(guidance)}]", "fixed", 0,
            )
        )  # fmt: skip
        phases.append(
            {
                "id": phase_id,
                "name": c.name(f"{where}.name") if i != 1 else {"en": c.name(f"{where}.name.en"), "nl": c.name(f"{where}.name.nl")},
                "summary": c.text(f"{where}.summary", "block"),
                "checklist": c.texts(f"{where}.checklist"),
                "guidance": guidance,
            }
        )
    return {"kind": "framework", "id": "hostile-model", "name": c.name("name"), "summary": c.text("summary", "block"), "phases": phases}


def _step(c: _Cycle, where: str, n: int, fields: dict[str, set[str]], emotion: int) -> dict[str, Any]:
    step: dict[str, Any] = {
        "action": c.text(f"{where}.action", "inline") if n % 3 else c.localized(f"{where}.action", "inline"),
        "thinking": c.text(f"{where}.thinking", "inline"),
        "emotion": emotion,
        "touchpoints": [
            "web",
            {"ref": "store", "sentiment": "negative", "note": c.text(f"{where}.touchpoints[1].note", "inline")},
            {"ref": "phone", "note": c.localized(f"{where}.touchpoints[2].note", "inline")},
            {"ref": "leaflet", "sentiment": "positive"},
        ],
        "pain_points": [
            c.text(f"{where}.pain_points[0]", "inline"),
            {"text": c.text(f"{where}.pain_points[1].text", "inline"), "severity": "high"},
        ],
        "opportunities": [
            c.text(f"{where}.opportunities[0]", "inline"),
            {
                "text": c.text(f"{where}.opportunities[1].text", "inline"),
                "owner": c.text(f"{where}.opportunities[1].owner", "plain"),
                "priority": "high",
                "status": "planned",
            },
        ],
    }
    step_fields = fields.get("Step", set())
    if "id" in step_fields:
        step["id"] = f"step-{n}"
    for lane in ("frontstage", "backstage", "support"):
        if lane in step_fields:
            step[lane] = c.texts(f"{where}.{lane}")
    if "evidence" in step_fields and "research" in fields.get("kinds", set()):
        step["evidence"] = ["finding-0"]
    if "fail_point" in step_fields:
        step["fail_point"] = c.text(f"{where}.fail_point", "block")
    opportunity_fields = fields.get("Opportunity", set())
    if {"impact", "effort"} <= opportunity_fields:
        step["opportunities"][1].update({"impact": "high", "effort": "low"})
    return step


def _journey(c: _Cycle, journey_id: str, framework: str, phase_ids: Sequence[str], fields: dict[str, set[str]]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": "journey",
        "id": journey_id,
        "title": c.name("title"),
        "persona": ["hostile-persona", "second-persona"],
        "framework": framework,
        "summary": c.text("summary", "block"),
        "scenario": c.localized("scenario", "block"),
        "expectations": c.texts("expectations"),
        "owner": c.text("owner", "plain"),
        "tags": [
            c.text("tags[0]", "plain"),
            c.take("<img src=x onerror=alert(JBX)>", "tags[1]", "fixed", 0),
            c.take("\" onclick=\"alert(JBX)", "tags[2]", "fixed", 0),
            c.take("---\ntags: [x]\n<script>alert(JBX)</script>", "tags[3]", "fixed", 0),
            c.take("javascript:alert(JBX)", "tags[4]", "fixed", 0),
            c.take("{{ config }} `x` & y", "tags[5]", "fixed", 0),
        ],
    }
    if journey_id == "hostile-one":  # every way of hiding HTML behind code, in one Markdown block
        doc["scenario"]["en"] += "\n\n" + c.sweep(HIDDEN_BEHIND_CODE, "scenario.en")
    else:  # every attribute-list, extension and link trick
        doc["summary"] += "\n\n" + c.sweep([*ATTRIBUTE_LISTS, *EXTENSION_BAIT, *MARKDOWN_LINKS], "summary")
    phases = []
    n = 0
    for i, phase_id in enumerate(phase_ids):
        where = f"phases[{i}]"
        steps = []
        for s in range(2):
            n += 1
            steps.append(_step(c, f"{where}.steps[{s}]", n, fields, emotion=(-2, 1, -1, 2, 0, -1)[n % 6]))
        phases.append(
            {
                "phase": phase_id,
                "goal": c.text(f"{where}.goal", "inline"),
                "steps": steps,
                "checklist": c.texts(f"{where}.checklist"),
                "guidance": c.texts(f"{where}.guidance"),
            }
        )
    doc["phases"] = phases
    return doc


def _research(c: _Cycle) -> dict[str, Any]:
    """FORMAT.md 1.1 ``kind: research`` (evidence)."""
    findings = [
        {
            "id": f"finding-{i}",
            "text": c.text(f"findings[{i}].text", "block"),
            "quote": c.text(f"findings[{i}].quote", "inline"),
            "participants": 3,
        }
        for i in range(2)
    ]  # fmt: skip
    return {"kind": "research", "id": "hostile-research", "title": c.name("title"), "method": "interview",
            "date": "2026-03-12", "source": "hostile-src", "findings": findings}  # fmt: skip


def _metrics(c: _Cycle) -> dict[str, Any]:
    """FORMAT.md 1.1 ``kind: metrics`` (numbers per step)."""
    metric = {"id": "hostile-metric", "name": c.name("metrics[0].name"), "unit": c.text("metrics[0].unit", "plain"),
              "min": 1, "max": 5, "better": "higher", "target": 4.2, "owner": c.text("metrics[0].owner", "plain")}  # fmt: skip
    measurement = {"metric": "hostile-metric", "at": "hostile-one", "value": 3.4, "date": "2026-09-30"}
    return {"kind": "metrics", "metrics": [metric], "measurements": [measurement]}


def hostile_handbook(root: Path, payloads: Sequence[str] = CORPUS, visible: Sequence[str] = VISIBLE) -> None:
    """Write ``root/journeys/`` (a valid handbook full of ``payloads``), ``root/secret.txt`` and the manifest.

    ``root`` is the project folder (where ``mkdocs.yml`` goes). Journeys: ``hostile-one`` on
    the handbook's own framework ``hostile-model`` (phases first, second, third) and
    ``hostile-two`` on the built-in ``five-phases`` (awareness, purchase). Personas
    ``hostile-persona`` and ``second-persona``; touchpoints web, store, phone, leaflet;
    sources hostile-src (every CSL text variable), hostile-web, hostile-film.
    """
    if not payloads:
        raise ValueError("no payloads")
    fields = _model_fields()
    c = _Cycle(payloads=list(payloads), visible=list(visible))
    journeys = root / "journeys"
    journeys.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[dict[str, Any]]] = {}
    files["sources.yml"] = [_sources(c)]
    files["touchpoints.yml"] = [_touchpoints(c)]
    files["framework.yml"] = [_framework(c)]
    files["personas.yml"] = []
    for persona_id in ("hostile-persona", "second-persona"):
        c.file = f"journeys/personas.yml ({persona_id})"
        files["personas.yml"].append(_persona(c, persona_id, fields))
    c.file = "journeys/hostile-one.yml"
    files["hostile-one.yml"] = [_journey(c, "hostile-one", "hostile-model", ("first", "second", "third"), fields)]
    c.file = "journeys/hostile-two.yml"
    files["hostile-two.yml"] = [_journey(c, "hostile-two", "five-phases", ("awareness", "purchase"), fields)]
    if "research" in fields["kinds"]:
        c.file = "journeys/research.yml"
        files["research.yml"] = [_research(c)]
    if "metrics" in fields["kinds"]:
        c.file = "journeys/metrics.yml"
        files["metrics.yml"] = [_metrics(c)]
    for name, docs in files.items():
        (journeys / name).write_text(_dump(docs), encoding="utf-8")
    _write_secrets(root)
    (root / MANIFEST).write_text(json.dumps(c.entries, indent=1, ensure_ascii=False), encoding="utf-8")


def hostile_broken_handbook(root: Path) -> None:
    """An invalid ``root/journeys/`` whose error messages quote hostile text (for the serve error page)."""
    journeys = root / "journeys"
    journeys.mkdir(parents=True, exist_ok=True)
    entries: dict[int, dict[str, Any]] = {}
    counter = itertools.count(FIRST_ID)

    def take(template: str, where: str) -> str:
        number = next(counter)
        text = fill(template, number)
        entries[number] = {"field": f"journeys/hostile-errors: {where}", "corpus": "broken", "index": 0, "kind": "", "text": text}
        return entries[number]["text"]

    short = ["<img src=x onerror=alert(JBX)>", "<svg onload=alert(JBX)>", "\"><script>alert(JBX)</script>"]
    docs = {
        "unknown-key.yml": {"kind": "persona", "id": "p1", take(short[0], "unknown key"): "x"},
        "bad-choice.yml": {"kind": "persona", "id": "p2", "urgency": take(short[1], "urgency value")},
        "bad-kind.yml": {"kind": take(short[2], "kind value")},
        "bad-id.yml": {"kind": "journey", "id": "j1", "persona": [take(short[0], "persona reference")]},
        "bad-ref.yml": {
            "kind": "journey", "id": "j2", "persona": ["nobody"], "framework": "five-phases",
            "summary": take("Unknown citation [@no-such-key] and <img src=x onerror=alert(JBX)>", "summary with unknown citation"),
            "phases": [{"phase": "awareness", "steps": [{"action": "a", "emotion": 7, "touchpoints": ["missing-tp"]}]}],
        },  # fmt: skip
    }
    for name, doc in docs.items():
        (journeys / name).write_text(_dump([doc]), encoding="utf-8")
    fence_breaker = take("```\n\n<img src=x onerror=alert(JBX)>\n\n```", "yaml syntax error")
    (journeys / "syntax.yml").write_text(
        "kind: persona\nid: p3\nname: \"" + fence_breaker.replace("\n", "\\n") + "\"\n  bad: [indent\n<script>alert(1)</script>: x\n",
        encoding="utf-8",
    )
    _write_secrets(root)
    (root / MANIFEST).write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")


def _write_secrets(root: Path) -> None:
    for place in (root, root / "journeys"):
        (place / "secret.txt").write_text(f"{SECRET_MARKER}\n<script>alert(9999)</script>\n", encoding="utf-8")


def load_manifest(root: Path) -> dict[int, dict[str, Any]]:
    return {int(k): v for k, v in json.loads((root / MANIFEST).read_text(encoding="utf-8")).items()}


def describe(number: int, manifest: dict[int, dict[str, Any]]) -> str:
    """'journeys/hostile-one.yml: title ← payloads[12] '<img src=x onerror=alert(1012)>''."""
    entry = manifest.get(number)
    if entry is None:
        return f"#{number} (not in the manifest)"
    text = entry["text"]
    shown = text if len(text) <= 70 else text[:67] + "..."
    return f"{entry['field']} <- {entry['corpus']}[{entry['index']}] {shown!r}"
