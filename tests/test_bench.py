"""bench/: the synthetic handbook is deterministic, uses every FORMAT 1.1 field, validates and builds,
and build_bench.py writes well-formed JSON with every key. No timing is asserted anywhere: the
benchmark reports numbers, it does not judge them (issue 13)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT, build
from journeybook.diagnostics import has_errors
from journeybook.pipeline import Settings, check

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import build_bench  # noqa: E402
import synthetic  # noqa: E402

RUN_KEYS = {
    "journeys", "pages", "html_pages", "files", "handbook_sha256", "yaml_kib", "lint", "diagrams", "seconds", "ratios", "core_share",
    "per_page_seconds", "diagrams_per_second", "peak_rss_mib", "cpu_seconds", "mkdocs_reported_seconds",
    "d_core_process_seconds", "pages_share", "serve", "render_seconds", "check_seconds", "samples",
}  # fmt: skip
MACHINE_KEYS = {"cpu_count", "python", "mkdocs", "mkdocs_material", "journeybook", "git_commit", "rss_method"}
SECONDS = {"a_cold", "b_warm", "c_plain", "d_core", "d_pages", "e_serve", "e_title"}


def _digest(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for rel, text in files.items():
        digest.update(f"{rel}\0{text}\0".encode())
    return digest.hexdigest()


def test_the_handbook_is_the_same_for_the_same_n(tmp_path: Path) -> None:
    assert synthetic.files(12) == synthetic.files(12)
    assert synthetic.files(12) != synthetic.files(13)
    # another interpreter, another hash seed: the same bytes
    code = f"import sys; sys.path.insert(0, {str(BENCH)!r}); import hashlib, synthetic; " \
           "d = hashlib.sha256(); [d.update(f'{r}\\0{t}\\0'.encode()) for r, t in synthetic.files(12).items()]; print(d.hexdigest())"  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert other == _digest(synthetic.files(12))
    # written twice: the same bytes on disk
    first, second = tmp_path / "one", tmp_path / "two"
    synthetic.write(first, 3)
    synthetic.write(second, 3)
    assert {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()} == {
        p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()
    }


def _keys(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(str(key))
            _keys(value, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)
    return found


def test_the_tiny_handbook_uses_every_field_of_format_1_1() -> None:
    files = synthetic.files(2)
    docs = [doc for rel, text in files.items() if rel.endswith(".yml") for doc in yaml.safe_load_all(text)]
    kinds = {doc["kind"] for doc in docs}
    assert kinds == {"persona", "journey", "touchpoints", "sources", "framework", "research", "metrics"}
    keys = _keys(docs, set())
    every = {
        # version 1
        "name", "role", "summary", "urgency", "quote", "goals", "jobs", "pains", "gains", "channels", "value_map",
        "products", "pain_relievers", "gain_creators", "type", "channel", "direct", "owner", "description",
        "author", "issued", "title", "publisher", "page", "URL", "accessed", "phases", "checklist", "guidance",
        "persona", "framework", "scenario", "expectations", "tags", "phase", "goal", "steps", "action", "thinking",
        "emotion", "touchpoints", "ref", "sentiment", "note", "pain_points", "text", "severity", "opportunities",
        "priority", "status",
        # version 1.1
        "id", "evidence", "method", "date", "source", "findings", "participants", "metrics", "unit", "min", "max",
        "better", "target", "measurements", "metric", "at", "value", "files", "impact", "effort", "frontstage",
        "backstage", "support", "fail_point", "state", "improves", "reviewed",
    }  # fmt: skip
    assert every <= keys, sorted(every - keys)
    methods = {doc["method"] for doc in docs if doc["kind"] == "research"}
    assert methods == set(synthetic.METHODS)
    assert {"as-is", "to-be"} <= {doc.get("state", "as-is") for doc in docs if doc["kind"] == "journey"}
    assert files["journeys/data/measurements.csv"].startswith("metric,at,value,date,target\n")
    assert "```journeybook" in files["docs/index.md"]


def test_the_tiny_handbook_validates_and_builds(tmp_path: Path) -> None:
    synthetic.write(tmp_path, 2)
    (tmp_path / "mkdocs.yml").write_text(build_bench.MKDOCS_YML.format(site_name="Tiny", framework=synthetic.FRAMEWORK), encoding="utf-8")
    _handbook, diagnostics = check(tmp_path / "journeys", Settings(framework=synthetic.FRAMEWORK))
    assert not has_errors(diagnostics), [d.format(tmp_path) for d in diagnostics if d.severity == "error"]
    site = build(tmp_path, strict=False)
    assert (site / "playbook" / "index.html").is_file()
    assert (site / "playbook" / "journeys" / "journey-0001" / "index.html").is_file()  # the to-be journey


def _run_bench(tmp_path: Path, *args: str, log: list[str] | None = None) -> dict[str, Any]:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "build_bench.py"), *args, "--json", str(out), "--workdir", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    if log is not None:
        log.extend(done.stderr.splitlines())
    return json.loads(out.read_text(encoding="utf-8"))


def _has_every_key(results: dict[str, Any]) -> None:
    assert results["schema"] == "journeybook-bench 1"
    assert MACHINE_KEYS <= set(results["machine"])
    assert {t["id"] for t in results["targets"]} == {
        "warm-vs-plain", "cold-vs-plain", "core-share", "per-page-growth", "memory-vs-plain", "serve",
    }  # fmt: skip
    assert results["runs"]
    for run in results["runs"]:
        assert RUN_KEYS <= set(run), sorted(RUN_KEYS - set(run))
        assert set(run["seconds"]) == SECONDS
        assert {"b_over_c", "a_over_c"} <= set(run["ratios"])
        assert {"b_warm", "c_plain", "b_over_c"} <= set(run["peak_rss_mib"])


def test_the_dry_run_writes_every_key(tmp_path: Path) -> None:
    results = _run_bench(tmp_path, "--dry-run", "--journeys", "2")
    _has_every_key(results)
    assert results["dry_run"] is True
    assert all(value is None for value in results["runs"][0]["seconds"].values())


def test_one_round_of_two_journeys_measures_a_to_d(tmp_path: Path) -> None:
    """The real path, as small as it gets: one round, no warm-up, no serve (well under a minute),
    for two sizes, whose rounds alternate (the per-page target compares sizes)."""
    log: list[str] = []
    results = _run_bench(tmp_path, "--journeys", "2", "--journeys", "3", "--repeat", "2", "--warmup", "0", "--no-serve", log=log)
    _has_every_key(results)
    rounds = [line.split(":")[0].strip() for line in log if " round " in line]
    assert rounds == ["N=2 round 1/2", "N=3 round 1/2", "N=2 round 2/2", "N=3 round 2/2"]
    assert [r["journeys"] for r in results["runs"]] == [2, 3]
    run = results["runs"][0]
    assert all(run["seconds"][kind] is not None for kind in ("a_cold", "b_warm", "c_plain", "d_core", "d_pages"))
    assert run["seconds"]["e_serve"] is None and run["seconds"]["e_title"] is None
    assert run["pages"] == run["html_pages"]["b_warm"] == run["html_pages"]["c_plain"]  # the same pages both ways
    diagrams = run["diagrams"]  # the cold build drew every diagram (one drawn twice in a build comes from the cache)
    assert diagrams["rendered"] > 0 and diagrams["rendered"] + diagrams["from_cache"] == diagrams["total"]
    assert all(len(r["samples"][kind]) == 2 for r in results["runs"] for kind in ("a_cold", "b_warm", "c_plain", "d_core", "d_pages"))
