"""The diagram cache: hits and misses, corrupt entries, pruning, and the build's count line."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from journeybook import diagrams
from journeybook.diagram_cache import DiagramCache, DiagramMaker, cache_key
from journeybook.diagrams import DiagramWarning
from journeybook.handbook import Handbook, build_handbook

FORMAT_HANDBOOK = Path(__file__).resolve().parent / "fixtures" / "format-handbook" / "journeys"
SUMMARY = "journeybook: diagrams: {} total, {} rendered, {} from cache"


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    hb, diags = build_handbook(FORMAT_HANDBOOK)
    assert not [d for d in diags if d.severity == "error"]
    return hb


def build_all(renderer: DiagramMaker, hb: Handbook) -> list[str]:
    """Every diagram the pages of this handbook show (journey and phase pages, persona, overview, touchpoints)."""
    out = [renderer.draw("overview_map", hb, lang="en", id_prefix="jb-overview"), renderer.draw("touchpoint_heatmap", hb, lang="en", id_prefix="jb-heatmap")]
    for journey in hb.journeys.values():
        out.append(renderer.draw("journey_map", hb, journey, lang="en", id_prefix=f"jb-{journey.id}-map"))
        out.append(renderer.draw("emotion_curve", hb, journey, lang="en", id_prefix=f"jb-{journey.id}-curve"))
        for phase in journey.phases:
            out.append(renderer.draw("emotion_curve", hb, journey, lang="en", id_prefix=f"jb-{journey.id}-{phase.phase}", highlight_phase=phase.phase))
    for persona in hb.personas.values():
        out.append(renderer.draw("persona_map", hb, persona, lang="en", id_prefix=f"jb-{persona.id}"))
    return out


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".svg")


def test_rebuild_with_unchanged_input_renders_nothing(tmp_path: Path, handbook: Handbook) -> None:
    cache_dir = tmp_path / ".cache" / "journeybook"
    first = DiagramMaker(cache=DiagramCache(cache_dir))
    pages = build_all(first, handbook)
    total = len(pages)
    assert first.summary() == SUMMARY.format(total, total, 0)
    assert first.finish() == 0
    assert len(entries(cache_dir)) == total
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")

    second = DiagramMaker(cache=DiagramCache(cache_dir))
    assert build_all(second, handbook) == pages  # same bytes from the cache
    assert second.summary() == SUMMARY.format(total, 0, total)
    assert second.finish() == 0


def test_no_cache_renders_everything(handbook: Handbook) -> None:
    renderer = DiagramMaker()
    build_all(renderer, handbook)
    assert renderer.rendered == renderer.total > 0 and renderer.from_cache == 0
    assert renderer.finish() == 0


def test_changed_input_renders_only_what_changed(tmp_path: Path, handbook: Handbook) -> None:
    cache = DiagramCache(tmp_path / "cache")
    journey = handbook.journeys["new-boots"]
    DiagramMaker(cache=cache).draw("journey_map", handbook, journey, lang="en", id_prefix="a")
    renderer = DiagramMaker(cache=cache)
    renderer.draw("journey_map", handbook, journey, lang="en", id_prefix="b")  # another id prefix: same picture, a hit
    renderer.draw("journey_map", handbook, journey, lang="nl", id_prefix="c")  # other words: a miss
    renderer.draw("emotion_curve", handbook, journey, lang="en", id_prefix="d", highlight_phase="awareness")
    renderer.draw("emotion_curve", handbook, journey, lang="en", id_prefix="e", highlight_phase="purchase")  # another highlight: another picture
    assert (renderer.total, renderer.rendered, renderer.from_cache) == (4, 3, 1)


def test_key_covers_engine_version_font_and_source(handbook: Handbook) -> None:
    class Other:
        name = "pygraphviz"

        def version(self) -> str:
            return "graphviz 99 (pygraphviz 9); font DejaVu Sans sha256:0"

        def render_svg(self, dot: str) -> str:  # pragma: no cover - never called
            raise AssertionError

    drawing = diagrams.plan_journey_map(handbook, handbook.journeys["new-boots"], "en")
    engine = diagrams.default_engine()
    key = cache_key(drawing, engine)
    assert key == cache_key(drawing, engine) and len(key) == 64
    assert key != cache_key(drawing, Other())
    assert "font DejaVu Sans sha256:" in drawing.renderer_id(engine)
    curve = diagrams.plan_emotion_curve(handbook, handbook.journeys["new-boots"], "en")
    assert "code sha256:" in curve.renderer_id(engine) and "font sha256:" in curve.renderer_id(engine)
    other = diagrams.plan_journey_map(handbook, handbook.journeys["tractor"], "en")
    assert cache_key(other, engine) != key


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data.replace(b"Notices", b"Noticez"),  # one byte changed in the SVG
        lambda data: b"",  # empty
        lambda data: b"garbage\n{}\n<svg/>",  # not our header
        lambda data: data.replace(b'"length": ', b'"length": 1'),  # header lies
    ],
    ids=["truncated", "flipped", "empty", "foreign", "bad-header"],
)
def test_corrupt_entry_is_rendered_again_never_shown(tmp_path: Path, handbook: Handbook, damage) -> None:
    cache_dir = tmp_path / "cache"
    journey = handbook.journeys["new-boots"]
    good = DiagramMaker(cache=DiagramCache(cache_dir)).draw("journey_map", handbook, journey, lang="en", id_prefix="m")
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    renderer = DiagramMaker(cache=DiagramCache(cache_dir))
    assert renderer.draw("journey_map", handbook, journey, lang="en", id_prefix="m") == good
    assert (renderer.rendered, renderer.from_cache) == (1, 0)
    again = DiagramMaker(cache=DiagramCache(cache_dir))  # and it was stored properly again
    assert again.draw("journey_map", handbook, journey, lang="en", id_prefix="m") == good and again.from_cache == 1


def test_entry_that_is_no_svg_despite_its_checksum_is_rendered_again(tmp_path: Path, handbook: Handbook) -> None:
    cache = DiagramCache(tmp_path / "cache")
    drawing = diagrams.plan_journey_map(handbook, handbook.journeys["new-boots"], "en", "m")
    cache.put(cache_key(drawing, diagrams.default_engine()), "<svg><unclosed></svg>")
    renderer = DiagramMaker(cache=cache)
    assert "Notices the sole" in renderer.make(drawing) and renderer.rendered == 1


def test_prune_removes_stale_entries_and_nothing_else(tmp_path: Path, handbook: Handbook) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    foreign = [cache_dir / "notes.txt", cache_dir / "abc.svg", cache_dir / ("f" * 64 + ".svg.bak")]
    for path in foreign:
        path.write_text("mine")
    (cache_dir / "sub").mkdir()
    (cache_dir / "sub" / ("0" * 64 + ".svg")).write_text("mine")
    stale = cache_dir / ("e" * 64 + ".svg")
    stale.write_text("an entry of an older build")
    leftover = cache_dir / f".{'d' * 64}.svg.abc123.tmp"  # a write that was interrupted
    leftover.write_text("half")
    outside = tmp_path / ("c" * 64 + ".svg")
    outside.write_text("not in the cache folder")

    renderer = DiagramMaker(cache=DiagramCache(cache_dir))
    build_all(renderer, handbook)
    assert renderer.finish() == 2  # the stale entry and the leftover temporary file
    assert not stale.exists() and not leftover.exists()
    assert all(p.read_text() == "mine" for p in foreign) and (cache_dir / "sub" / ("0" * 64 + ".svg")).exists()
    assert outside.exists()
    assert len(entries(cache_dir)) == len(renderer.used) + 1  # + abc.svg, which is not a cache name

    # a smaller build keeps only what it used: the folder never grows without bound
    smaller = DiagramMaker(cache=DiagramCache(cache_dir))
    smaller.draw("overview_map", handbook, lang="en", id_prefix="o")
    assert smaller.finish() == len(renderer.used) - 1
    assert {p.name for p in entries(cache_dir)} == {"abc.svg", f"{next(iter(smaller.used))}.svg"}


def test_writes_stay_inside_the_cache_folder(tmp_path: Path, handbook: Handbook) -> None:
    cache_dir = tmp_path / "project" / ".cache" / "journeybook"
    renderer = DiagramMaker(cache=DiagramCache(cache_dir))
    build_all(renderer, handbook)
    renderer.finish()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(cache_dir in p.parents for p in written)
    assert not [p for p in written if p.name.endswith(".tmp")]


def test_unwritable_cache_is_switched_off_and_the_build_goes_on(tmp_path: Path, handbook: Handbook) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    cache = DiagramCache(blocker)
    renderer = DiagramMaker(cache=cache)
    pages = build_all(renderer, handbook)
    assert all("<svg" in p for p in pages) and renderer.rendered == renderer.total
    assert cache.problem and "rendering without it" in cache.problem and not cache.enabled
    assert renderer.finish() == 0 and blocker.read_text().startswith("a file")


def test_graphviz_warnings_come_back_from_the_cache(tmp_path: Path, handbook: Handbook) -> None:
    class Warner:
        name = "warner"

        def version(self) -> str:
            return "1"

        def render_svg(self, dot: str) -> str:
            warnings.warn("Graphviz: Warning: something odd", DiagramWarning)
            return '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" viewBox="0 0 10 10"><g id="a"/></svg>'

    cache = DiagramCache(tmp_path / "cache")
    for expected_rendered in (1, 0):
        renderer = DiagramMaker(Warner(), cache)
        with pytest.warns(DiagramWarning, match="something odd"):
            renderer.draw("journey_map", handbook, handbook.journeys["new-boots"], lang="en", id_prefix="w")
        assert renderer.rendered == expected_rendered


def test_failed_render_is_not_cached(tmp_path: Path, handbook: Handbook) -> None:
    class Broken:
        name = "broken"

        def version(self) -> str:
            return "1"

        def render_svg(self, dot: str) -> str:
            raise diagrams.DiagramError("Graphviz failed")

    cache_dir = tmp_path / "cache"
    renderer = DiagramMaker(Broken(), DiagramCache(cache_dir))
    with pytest.raises(diagrams.DiagramError):
        renderer.draw("journey_map", handbook, handbook.journeys["new-boots"], lang="en", id_prefix="x")
    assert not cache_dir.exists() or not entries(cache_dir)
    assert renderer.summary() == SUMMARY.format(1, 0, 0)


def test_keys_are_the_only_file_names_used(tmp_path: Path) -> None:
    cache = DiagramCache(tmp_path)
    with pytest.raises(ValueError):
        cache.put("../../etc/passwd", "<svg/>")
    with pytest.raises(ValueError):
        cache.get("../x")
    assert os.listdir(tmp_path) == []
