"""Live views in hand-written pages: each ```journeybook block rendered with the helpers and the
sanitising of the generated pages (:mod:`journeybook.views` reads, checks and selects).

A view is Markdown for the page it stands in: links are relative to that page, author text
is inert HTML (see :mod:`journeybook.markup`), diagrams are figures with ids of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import markup, views
from ..diagnostics import Msg
from .backlog import BacklogContext, MetricsContext
from .checklists import ChecklistContext

if TYPE_CHECKING:
    from .site import SiteBuilder


class ViewContext(BacklogContext, MetricsContext, ChecklistContext):
    """Every helper a view may need: backlog items, metric series, checklists that can be ticked."""


def render(site: SiteBuilder, page: views.PageViews) -> list[str | None]:
    """The Markdown of each block of ``page``, in order; None for a block with errors."""
    out: list[str | None] = []
    for number, block in enumerate(page.blocks, 1):
        if block.spec is None:
            out.append(None)
            continue
        ctx = ViewContext(site, page.path)
        data = views.select(site.hb, block.spec)
        template = site.env.get_template(f"views/{block.spec.view}.md.j2")
        text = template.render(c=ctx, hb=site.hb, spec=block.spec, data=data, prefix=f"jbv{number}-")
        site.cited.update(ctx.cited)
        out.append('\n<div class="jb-view jb-compact-table" markdown>\n\n' + text.strip("\n") + "\n\n</div>\n")
    return out


def expand(text: str, page: views.PageViews, rendered: list[str | None]) -> str:
    """``text`` with each block that rendered replaced by its view (blocks with errors stay as written)."""
    blocks, _unclosed = views.find_blocks(text)
    if len(blocks) != len(rendered):  # the text is not the one that was read: leave it alone
        return text
    parts, last = [], 0
    for block, view in zip(blocks, rendered, strict=True):
        parts.append(text[last : block.start])
        parts.append(_indented(view, block.indent) if view is not None else text[block.start : block.end])
        last = block.end
    parts.append(text[last:])
    return "".join(parts)


M_NOT_SHOWN = Msg(
    "This journeybook view cannot be shown until these problems are fixed:",
    "Deze journeybook-weergave kan niet getoond worden tot deze problemen zijn opgelost:",
)


def show_problems(text: str, problems: list[str], lang: str) -> str:
    """``text`` with each block replaced by the page's problems (under ``mkdocs serve``, while they last)."""
    blocks, _unclosed = views.find_blocks(text)
    items = "".join(f"<li><code>{markup.escape_text(p)}</code></li>" for p in problems)
    box = f'\n<div class="jb-view jb-view-problems" role="alert"><p>{markup.escape_text(M_NOT_SHOWN.format(lang))}</p><ul>{items}</ul></div>\n'
    parts, last = [], 0
    for block in blocks:
        parts += [text[last : block.start], _indented(box, block.indent)]
        last = block.end
    return "".join([*parts, text[last:]])


def _indented(markdown: str, indent: int) -> str:
    """``markdown`` moved right by ``indent`` spaces (blank lines stay blank), to stay in its list item or admonition."""
    if not indent:
        return markdown
    return "".join(" " * indent + line if line.strip() else line for line in markdown.splitlines(keepends=True))
