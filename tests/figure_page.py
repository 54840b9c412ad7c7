"""A page of diagram figures for the browser tests: the site configuration, and the check that
every text stays inside its picture (and its box) without overlapping another."""

MKDOCS_YML = """\
site_name: Diagrams
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
extra_css: [assets/journeybook/journeybook.css]
extra_javascript: [assets/journeybook/journeybook-figures.js]
markdown_extensions: [tables, attr_list, md_in_html]
"""

# Every text inside its picture, no two texts of a picture on top of each other, and every
# text of a card (or of a ⚠ circle) inside its shape.
TEXT_JS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure.jb-diagram svg')) {
    const s = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => [t, t.getBoundingClientRect()]);
    for (const [t, r] of boxes) {
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5)
        out.push('outside: ' + t.textContent);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left), dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 1 && dy > 2) out.push('overlap: ' + boxes[i][0].textContent + ' / ' + boxes[j][0].textContent);
    }
    for (const g of svg.querySelectorAll('g.jb-tp, g.jb-bp-fail-mark')) {
      const shape = g.querySelector(':scope > path, :scope > circle').getBoundingClientRect();
      for (const t of g.querySelectorAll(':scope > text')) {
        const r = t.getBoundingClientRect();
        if (r.left < shape.left - 0.5 || r.right > shape.right + 0.5 || r.top < shape.top - 0.5 || r.bottom > shape.bottom + 0.5)
          out.push('out of its box: ' + t.textContent);
      }
    }
  }
  return out;
}"""
