"""Diagrams of FORMAT 1.1 (issue 11): the metric trend, the impact × effort matrix, and a metric
beside the emotion curve.

What each one shows (dots by date, the dashed target with its value, the latest value with
✓/✗; items in their cells, quick wins marked with ★ and the words; the metric's row under the
curve only when asked for), the text alternative, both languages, same bytes every time,
the cache, hostile author text kept as text, and (in Chromium) text inside the picture in
both colour schemes on a desktop and a phone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import serve_folder
from figure_page import MKDOCS_YML, TEXT_JS
from figure_parts import SVG, assert_accessible_figure, by_class, classes, parse, svg_of, table, texts
from journeybook import diagrams, site_files
from journeybook.diagram_cache import DiagramCache, DiagramMaker
from journeybook.diagrams.common import MAX_WIDTH
from journeybook.diagrams.impact_effort import MAX_ITEMS, matrix_items
from journeybook.diagrams.metric_trend import WIDTH, ticks, value_range
from journeybook.handbook import Handbook, build_handbook

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "format11-handbook" / "journeys"
EVIL = '<script>alert(1)</script> {{ x }} \\N "q" & <b>'


@pytest.fixture(scope="module")
def hb() -> Handbook:
    handbook, diags = build_handbook(FIXTURE)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def with_extra(tmp_path: Path, **files: object) -> Handbook:
    """The fixture handbook plus some YAML documents (file name → document or list of documents)."""
    folder = tmp_path / "journeys"
    shutil.copytree(FIXTURE, folder)
    for name, docs in files.items():
        docs = docs if isinstance(docs, list) else [docs]
        (folder / f"{name}.yml").write_text(yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False), "utf-8")
    handbook, diags = build_handbook(folder)
    assert not [d.format() for d in diags if d.severity == "error"]
    return handbook


def trend(hb: Handbook, metric: str, place: str, lang: str = "en") -> str:
    return diagrams.draw("metric_trend", hb, hb.metrics[metric], lang=lang, place=place)


# --------------------------------------------------------------------------- metric trend


def test_new_kinds_are_registered() -> None:
    assert {"metric_trend", "impact_effort"} <= set(diagrams.KINDS)


def test_trend_puts_each_measurement_at_its_date(hb: Handbook) -> None:
    html = trend(hb, "drop-off", "new-boots/checkout")
    assert_accessible_figure(html)
    svg = svg_of(parse(html))
    dots = [c for c in svg.iter(SVG + "circle") if "jb-dot" in classes(c)]
    assert len(dots) == 3  # 22 (04-30), 18 (06-30), 14.5 (09-30) from the CSV
    xs = [float(d.get("cx")) for d in dots]
    ys = [float(d.get("cy")) for d in dots]
    assert ys[0] < ys[1] < ys[2]  # falling values lower on the chart
    days = [dt.date(2026, 4, 30), dt.date(2026, 6, 30), dt.date(2026, 9, 30)]
    # time-proportional: 61 days, then 92 days
    assert (xs[1] - xs[0]) / (xs[2] - xs[1]) == pytest.approx((days[1] - days[0]).days / (days[2] - days[1]).days, rel=0.01)
    assert float(dots[-1].get("r")) > float(dots[0].get("r"))  # the latest stands out
    line = by_class(svg, "jb-curve-line")
    assert len(line) == 1 and len(line[0].get("points").split()) == 3
    assert {"2026-04-30", "2026-09-30"} <= set(texts(svg))  # the first and last date are named
    assert float(svg.get("width").removesuffix("pt")) == WIDTH


def test_trend_shows_the_target_dashed_with_its_value_and_the_latest_with_a_mark(hb: Handbook) -> None:
    svg = svg_of(parse(trend(hb, "csat", "new-boots/checkout")))
    (target,) = by_class(svg, "jb-target")
    assert target.get("stroke-dasharray")
    ys = {p.split(",")[1] for p in target.get("points").split()}
    assert len(ys) == 1  # one target all along: a straight line
    shown = texts(svg)
    assert "Target 4.2/5" in shown and "3.4/5" in shown and "✗ off target" in shown
    assert "Customer satisfaction" in shown and "↑ higher is better" in shown
    # the dashed line is at 4.2 on the 1–5 scale the metric declares
    grid = {t.text: float(t.get("y")) for t in svg.iter(SVG + "text") if "jb-axis-label" in classes(t) and t.text in "12345"}
    assert list(grid) == ["1", "2", "3", "4", "5"]
    y4, y5 = grid["4"] - 3.2, grid["5"] - 3.2
    assert float(ys.pop()) == pytest.approx(y4 + 0.2 * (y5 - y4), abs=0.02)


def test_a_target_that_changes_steps_with_the_measurements(hb: Handbook) -> None:
    svg = svg_of(parse(trend(hb, "drop-off", "new-boots/checkout")))
    (target,) = by_class(svg, "jb-target")
    heights = [float(p.split(",")[1]) for p in target.get("points").split()]
    assert len(set(heights)) == 2 and heights[0] > heights[-1]  # 10 %, then 12 % (higher up)
    assert "Target 12%" in texts(svg) and "↓ lower is better" in texts(svg)


def test_one_measurement_is_one_dot_in_the_middle(hb: Handbook) -> None:
    html = trend(hb, "csat", "new-boots#purchase")
    assert_accessible_figure(html)
    svg = svg_of(parse(html))
    (dot,) = [c for c in svg.iter(SVG + "circle") if "jb-dot" in classes(c)]
    assert not by_class(svg, "jb-curve-line")
    assert texts(svg).count("2026-06-30") == 1 and "Target 4.5/5" in texts(svg)  # the measurement's own target
    grid = [float(line.get("x1")) for line in svg.iter(SVG + "line") if "jb-zero" in classes(line)]
    right = float(by_class(svg, "jb-target")[0].get("points").split()[-1].split(",")[0])
    assert float(dot.get("cx")) == pytest.approx((grid[0] + right) / 2, abs=0.01)


def test_the_value_axis_follows_the_scale_or_zooms_in_on_a_small_part_of_it() -> None:
    assert value_range([3.1, 3.4, 4.2], 1, 5) == (1, 5)  # a fair part of the scale: all of it
    assert value_range([22, 18, 14.5, 10, 12], 0, 100) == (0, 30)  # 0–100 %: zoomed, from the near bound
    assert ticks(0, 30) == [0, 10, 20, 30]
    low, high = value_range([5], None, None)
    assert low < 5 < high
    for values, bottom, top in (([3.9, 4.5], 1, 5), ([120, 340], 0, None), ([-5, -3], None, 0)):
        low, high = value_range(values, bottom, top)
        assert low <= min(values) and high >= max(values)
        assert (bottom is None or low >= bottom) and (top is None or high <= top)


def test_trend_words_and_data_table_in_both_languages(hb: Handbook) -> None:
    en, nl = parse(trend(hb, "csat", "new-boots/checkout")), parse(trend(hb, "csat", "new-boots/checkout", "nl"))
    assert table(en) == [
        ["Date", "Value", "Target", "On target"],
        ["2026-03-31", "3.1/5", "4.2/5", "✗ no"],
        ["2026-09-30", "3.4/5", "4.2/5", "✗ no"],
    ]
    assert table(nl)[0] == ["Datum", "Waarde", "Doel", "Op doel"] and table(nl)[2] == ["2026-09-30", "3,4/5", "4,2/5", "✗ nee"]
    desc = svg_of(en).find(SVG + "desc").text
    assert "Higher is better" in desc and "on a scale of 1 to 5" in desc and "off target" in desc
    assert "Pays in the webshop" in svg_of(en).find(SVG + "title").text
    assert "Klanttevredenheid" in texts(svg_of(nl)) and "✗ niet op doel" in texts(svg_of(nl))
    assert "Hoger is beter" in svg_of(nl).find(SVG + "desc").text
    assert "gestreepte lijn is het doel" in nl.find("figcaption").text


def test_a_metric_on_target_gets_a_tick(tmp_path: Path) -> None:
    hb = with_extra(tmp_path, more={"kind": "metrics", "measurements": [{"metric": "csat", "at": "tractor", "value": 4.6, "date": "2026-05-01"}]})
    svg = svg_of(parse(trend(hb, "csat", "tractor")))
    assert "✓ on target" in texts(svg)
    assert [g for g in by_class(svg, "jb-point") if "jb-emo-p2" in classes(g)]  # the on-target colour, with the word


def test_trend_without_measurements_says_so(hb: Handbook) -> None:
    html = trend(hb, "drop-off", "tractor")
    svg = svg_of(parse(html))
    assert by_class(svg, "jb-empty") and "No measurements of Drop-off at payment here yet." in texts(svg)


def test_trend_of_a_metric_given_by_id_and_of_an_unknown_one(hb: Handbook) -> None:
    by_id = diagrams.draw("metric_trend", hb, "csat", lang="en", place="new-boots/checkout")
    assert by_id == trend(hb, "csat", "new-boots/checkout")
    with pytest.raises(diagrams.DiagramError):
        diagrams.draw("metric_trend", hb, "nope", lang="en", place="new-boots")


def test_trends_on_one_page_have_their_own_ids(hb: Handbook) -> None:
    prefixes = {parse(trend(hb, m, p)).get("id") for m, p in (("csat", "new-boots/checkout"), ("drop-off", "new-boots/checkout"), ("csat", "new-boots#purchase"), ("csat", "new-boots"))}
    assert len(prefixes) == 4


# --------------------------------------------------------------------------- impact × effort


def matrix(hb: Handbook, lang: str = "en") -> str:
    return diagrams.draw("impact_effort", hb, lang=lang)


def cell_texts(svg: ET.Element) -> list[tuple[bool, list[str]]]:
    """Each cell in reading order: (marked as quick win, its texts)."""
    return [("jb-quick-win" in classes(g), texts(g)) for g in by_class(svg, "jb-matrix-cell")]


def test_matrix_puts_each_rated_item_in_its_cell_and_marks_quick_wins(hb: Handbook) -> None:
    html = matrix(hb)
    assert_accessible_figure(html)
    svg = svg_of(parse(html))
    cells = cell_texts(svg)
    assert len(cells) == 9
    # rows impact high → low, columns effort low → high; quick wins: impact above effort
    assert [quick for quick, _t in cells] == [True, True, False, True, False, False, False, False, False]
    assert cells[0][1] == ["★ Quick win", "1", "Show stock per store in", "search ads"]  # high impact, low effort
    assert cells[2][1] == ["2", "A spare-part hotline"]  # high impact, high effort: no mark
    assert cells[4][1][0] == "3" and "Put the size chart" in cells[4][1][1]
    assert all(quick == ("★ Quick win" in t) for quick, t in cells)  # the mark is a symbol and words
    quick_rects = [r for g in by_class(svg, "jb-quick-win") for r in g.iter(SVG + "rect")]
    assert quick_rects and all("jb-current" in classes(r) for r in quick_rects)
    assert "Not drawn, not yet rated: 1" in texts(svg)  # "Offer pickup in store at checkout"
    assert "Offer pickup" not in " ".join(texts(svg))


def test_matrix_numbers_match_the_data_table_and_matrix_items(hb: Handbook) -> None:
    root = parse(matrix(hb))
    assert table(root) == [
        ["No.", "Opportunity", "Impact", "Effort", "Quick win", "Status"],
        ["1", "Show stock per store in search ads", "high", "low", "★ yes", "idea"],
        ["2", "A spare-part hotline", "high", "high", "no", "idea"],
        ["3", "Put the size chart next to the size picker", "medium", "medium", "no", "doing"],
    ]
    numbered = matrix_items(hb)
    assert [(n, i.opportunity.id) for n, i in numbered] == [(1, "stock-per-store"), (2, None), (3, "size-chart-on-page")]
    assert numbered[0][1].shared and numbered[0][1].quick_win  # one item for the opportunity used at three steps


def test_matrix_in_dutch(hb: Handbook) -> None:
    root = parse(matrix(hb, "nl"))
    svg = svg_of(root)
    assert "★ Snel resultaat" in texts(svg) and {"Inspanning", "Impact", "hoog", "laag", "middel"} <= set(texts(svg))
    assert table(root)[0] == ["Nr.", "Kans", "Impact", "Inspanning", "Snel resultaat", "Status"]
    assert table(root)[1][4:] == ["★ ja", "idee"]
    assert svg.find(SVG + "title").text == "Impact × inspanning"


def test_a_full_cell_shows_the_first_items_and_counts_the_rest(tmp_path: Path) -> None:
    opportunities = [{"text": f"Idea {i}", "impact": "high", "effort": "low"} for i in range(MAX_ITEMS + 3)]
    busy = {"kind": "journey", "id": "busy", "title": "Busy", "persona": "daan", "framework": "three-steps",
            "phases": [{"phase": "need", "steps": [{"action": "Does", "opportunities": opportunities}]}]}  # fmt: skip
    hb = with_extra(tmp_path, busy=busy)
    root = parse(matrix(hb))
    svg = svg_of(root)
    first = cell_texts(svg)[0][1]
    assert first.count("★ Quick win") == 1
    shown = [t for t in first if t.startswith("Idea ")]
    assert shown == [f"Idea {i}" for i in range(MAX_ITEMS)]  # journey "busy" comes before "new-boots"
    assert "+4 more (7–10)" in first
    assert len(table(root)) == 1 + 3 + len(opportunities)  # the table has them all
    assert float(svg.get("width").removesuffix("pt")) <= MAX_WIDTH


def test_matrix_without_rated_items_says_so(tmp_path: Path) -> None:
    journey = {"kind": "journey", "id": "j", "title": "J", "framework": "three-steps",
               "phases": [{"phase": "need", "steps": [{"action": "Does", "opportunities": ["Unrated idea"]}]}]}  # fmt: skip
    folder = tmp_path / "journeys"
    folder.mkdir()
    shutil.copy(FIXTURE / "framework.yml", folder / "framework.yml")
    (folder / "j.yml").write_text(yaml.safe_dump(journey), "utf-8")
    hb, diags = build_handbook(folder)
    assert not [d for d in diags if d.severity == "error"]
    html = matrix(hb)
    svg = svg_of(parse(html))
    assert by_class(svg, "jb-empty") and "No opportunity is rated for impact and effort yet." in texts(svg)
    assert "not yet rated: 1" in svg.find(SVG + "desc").text


# --------------------------------------------------------------------------- the curve with a metric


def curve(hb: Handbook, lang: str = "en", **options: object) -> str:
    journey = hb.journeys["new-boots"]
    return diagrams.draw("emotion_curve", hb, journey, lang=lang, id_prefix="jb-new-boots-curve", **options)


def test_the_curve_shows_a_metric_only_when_asked(hb: Handbook) -> None:
    plain = curve(hb)
    assert curve(hb, metric=None) == plain  # the option's default changes nothing
    assert "jb-metric" not in plain and "◆" not in plain
    html = curve(hb, metric="csat")
    assert_accessible_figure(html)
    root = parse(html)
    svg = svg_of(root)
    (row,) = by_class(svg, "jb-metric-row")
    values = [t.text for t in row.iter(SVG + "text") if "jb-metric-value" in classes(t)]
    assert values == ["◆ 3.4/5"]  # only "checkout" is measured at step level; the latest value
    assert "✗ off target" in texts(row)
    # under the checkout step's dot: the third column
    dots = [float(c.get("cx")) for c in svg.iter(SVG + "circle") if "jb-dot" in classes(c)]
    (value,) = [t for t in row.iter(SVG + "text") if "jb-metric-value" in classes(t)]
    assert float(value.get("x")) == dots[2]
    assert any("◆ Customer satisfaction" in t for t in texts(svg))  # the legend names the metric
    assert "◆ Customer satisfaction" in root.find("figcaption").text
    rows = table(root)
    assert rows[0][-1] == "◆ Customer satisfaction" and rows[-1][-1] == "3.4/5 (target 4.2/5, ✗ off target)" and rows[1][-1] == "—"
    assert "Customer satisfaction, latest value per step: Pays in the webshop 3.4/5" in svg.find(SVG + "desc").text
    # the plain curve's shapes are all still there, the row only adds to it
    assert len([c for c in svg.iter(SVG + "circle")]) == len([c for c in svg_of(parse(plain)).iter(SVG + "circle")])


def test_a_metric_without_step_measurements_adds_nothing(hb: Handbook, tmp_path: Path) -> None:
    plain = curve(hb)
    assert curve(hb, metric="no-such-metric") == plain
    extra = with_extra(tmp_path, more={"kind": "metrics", "metrics": [{"id": "nps"}], "measurements": [{"metric": "nps", "at": "new-boots", "value": 12, "date": "2026-01-31"}]})
    assert curve(extra, metric="nps") == curve(extra)  # measured for the whole journey only


def test_the_curve_with_a_metric_in_dutch_and_on_a_phase_page(hb: Handbook) -> None:
    html = curve(hb, "nl", metric="drop-off", highlight_phase="purchase")
    svg = svg_of(parse(html))
    assert "◆ 14,5%" in texts(svg) and "✗ niet op doel" in texts(svg)
    assert "de laatste waarde bij elke stap" in parse(html).find("figcaption").text
    assert by_class(svg, "jb-current")


# --------------------------------------------------------------------------- all three


def every_new_figure(hb: Handbook, lang: str = "en", maker: DiagramMaker | None = None) -> list[str]:
    draw = (maker or DiagramMaker()).draw
    out = [draw("impact_effort", hb, lang=lang), draw("emotion_curve", hb, hb.journeys["new-boots"], lang=lang, metric="csat")]
    for metric, place in (("csat", "new-boots/checkout"), ("drop-off", "new-boots/checkout"), ("csat", "new-boots#purchase")):
        out.append(draw("metric_trend", hb, hb.metrics[metric], lang=lang, place=place))
    return out


def test_same_bytes_every_time_and_from_the_cache(hb: Handbook, tmp_path: Path) -> None:
    first = DiagramMaker(cache=DiagramCache(tmp_path / "cache"))
    drawn = every_new_figure(hb, maker=first)
    assert first.rendered == len(drawn)
    again, _ = build_handbook(FIXTURE)
    second = DiagramMaker(cache=DiagramCache(tmp_path / "cache"))
    assert every_new_figure(again, maker=second) == drawn
    assert second.rendered == 0 and second.from_cache == len(drawn)


def test_hostile_metric_and_opportunity_text_stays_text(tmp_path: Path) -> None:
    metrics = {
        "kind": "metrics",
        "metrics": [{"id": "evil", "name": EVIL, "unit": ' <i>"&\u202e', "min": 0, "max": 10, "target": 5}],
        "measurements": [
            {"metric": "evil", "at": "new-boots/checkout", "value": 3, "date": "2026-01-31"},
            {"metric": "evil", "at": "new-boots/checkout", "value": 6, "date": "2026-02-28"},
        ],
    }
    journey = {"kind": "journey", "id": "evil-j", "title": EVIL, "framework": "three-steps",
               "phases": [{"phase": "need", "steps": [{"id": "s", "action": EVIL, "emotion": -1, "opportunities": [
                   {"text": EVIL, "impact": "high", "effort": "low"}, {"text": "[link](javascript:alert(1)) **bold**", "impact": "low", "effort": "high"}]}]}]}  # fmt: skip
    hb = with_extra(tmp_path, evil_metrics=metrics, evil_journey=journey)
    figures = [
        diagrams.draw("metric_trend", hb, hb.metrics["evil"], lang="en", place="new-boots/checkout"),
        diagrams.draw("impact_effort", hb, lang="en"),
        diagrams.draw("emotion_curve", hb, hb.journeys["new-boots"], lang="en", metric="evil"),
    ]
    for html in figures:
        root = parse(html)  # still well-formed
        low = html.lower()
        assert "<script" not in low and "<b>" not in html and "<i>" not in html and "{{" not in html
        assert "javascript:" not in low and "\u202e" not in html
        shown = " ".join(texts(root)) + " ".join(e.text or "" for e in root.iter() if e.tag in ("td", "th", "figcaption"))
        shown += " ".join(e.text or "" for e in root.iter() if e.tag in (SVG + "title", SVG + "desc"))
        assert "<script>" in shown or "<script…" in shown, html[:300]
    assert any("link bold" in t for t in texts(parse(figures[1])))  # Markdown reduced to its words


# --------------------------------------------------------------------------- in the browser

@pytest.mark.browser
def test_the_new_diagrams_in_chromium(tmp_path: Path, hb: Handbook, new_page) -> None:  # type: ignore[no-untyped-def]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "site-src"
    assets = project / "docs" / "assets" / "journeybook"
    assets.mkdir(parents=True)
    for asset in site_files.assets():
        shutil.copy(asset.path, assets / asset.path.name)
    figures = every_new_figure(hb) + every_new_figure(hb, "nl")
    body = "\n\n".join(f"## Figure {i}\n\n{html}" for i, html in enumerate(figures))
    (project / "docs" / "index.md").write_text(f"# Diagrams\n\n{body}\n", "utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent(MKDOCS_YML))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    artifacts = Path(__file__).resolve().parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    with serve_folder(project / "site") as url:
        for scheme in ("light", "dark"):
            for width, height in ((1280, 900), (390, 844)):
                page = new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.goto(url)
                page.evaluate("document.fonts.ready")
                assert page.evaluate("[...document.fonts].every(f => f.status === 'loaded')")
                assert page.locator("figure.jb-diagram").count() == len(figures)
                assert page.evaluate(TEXT_JS) == [], (scheme, width)
                # the page never scrolls sideways; a wide picture scrolls in its own box
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
                trend_width = page.locator("figure.jb-metric-trend svg").first.evaluate("s => s.getBoundingClientRect().width")
                assert trend_width <= min(width - 30, 420)  # small, beside a step; it fits a phone
                if scheme == "dark":  # the shapes follow the scheme: a cell of the matrix is not the light grey
                    fill = page.evaluate("getComputedStyle(document.querySelector('.jb-matrix-cell > rect')).fill")
                    assert fill != "rgb(242, 242, 242)"
                page.screenshot(path=str(artifacts / f"diagrams-11-{scheme}-{width}.png"), full_page=True)
                page.close()
    assert re.search(r"jb-metric-row", "".join(figures))


def test_matrix_numbers_follow_the_backlog_ranking_quick_wins_first(hb: Handbook) -> None:
    from journeybook.backlog import backlog, ranked

    numbered = diagrams.impact_effort.matrix_items(hb)
    assert [item for _n, item in numbered] == ranked(backlog(hb))
    quick = [n for n, item in numbered if item.quick_win]
    assert quick == list(range(1, len(quick) + 1))  # the table of quick wins first reads 1, 2, 3 …
