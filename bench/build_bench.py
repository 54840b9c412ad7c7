"""The build benchmark of issue 13: journeybook against plain MkDocs on the same pages.

    python bench/build_bench.py                    # N = 10 and 100
    python bench/build_bench.py --journeys 1000    # or --large: 10, 100 and 1,000
    python bench/build_bench.py --journeys 2 --repeat 1 --no-serve --json /tmp/out.json
    python bench/build_bench.py --dry-run          # write and check the handbooks, measure nothing

For every N it writes the deterministic synthetic handbook of ``bench/synthetic.py`` (every
field of FORMAT 1.1) into a project, checks that it has no errors, writes the same pages as a
standalone MkDocs project with ``journeybook render``, and then measures, in one run:

    a  mkdocs build with the plugin, diagram cache emptied first
    b  mkdocs build with the plugin, diagram cache warm
    c  mkdocs build of the ``journeybook render`` project (plain MkDocs, same theme and extensions)
    d  the core alone, as the warm build runs it: journeybook.pipeline.generate with the diagram
       and page caches warm (so the handbook is loaded, checked and linted; the pages are reused)
    d_pages  the core alone making every page again (diagrams cached, no page cache): what the
       core costs when a file has changed
    e  ``mkdocs serve --dirty`` (as the docs tell authors to run it): seconds from saving a new
       text for one step of a journey to the journey's page being served with it
    e_title  the same server, saving a new title for the journey: the navigation of every page
       changes, so every page is rendered again

a-d run as rounds: one warm-up round, then ``--repeat`` rounds (default 3), each round one
run of every kind in turn, the order rotated every round, for every N one after the other
(so the sizes are measured alternately, not one hour after the other); the median of the
rounds counts.
Every run is a fresh interpreter (``sys.executable``) with ``SOURCE_DATE_EPOCH`` set; its wall
time is taken around the process, its peak RSS and CPU time from GNU ``/usr/bin/time -v``
(else ``os.wait4``, exact for that one child; else psutil's peak working set, where there is
no wait4). For d, the time is the ``generate`` call inside the process
(imports excluded); its process's wall time is kept as well. e: one ``mkdocs serve`` per N on a
free port; after its first build, ``--warmup`` + ``--repeat`` edits of a step, then as many of the
title, one at a time.

The plugin project gets the theme and Markdown extensions of the ``mkdocs.yml`` that
``journeybook render`` writes, so b and c differ only in the plugin.

Nothing here asserts a time: the script reports, and the targets of issue 13 are shown as
"holds" or "does not hold". It prints a table and writes JSON (``--json``, default
``bench/results.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

SCHEMA = "journeybook-bench 1"
DEFAULT_SIZES = [10, 100]
LARGE = 1000
SOURCE_DATE_EPOCH = "1796126400"  # 2026-12-01 UTC, as the test suite: review dates are judged against it
SITE_NAME = "Synthetic handbook"
KINDS = ("a_cold", "b_warm", "c_plain", "d_core", "d_pages")
ALL_KINDS = (*KINDS, "e_serve", "e_title")
KIND_NAMES = {
    "a_cold": "plugin build, empty diagram cache",
    "b_warm": "plugin build, warm diagram cache",
    "c_plain": "plain MkDocs on the pages of journeybook render",
    "d_core": "core alone, as the warm build runs it (pipeline.generate, diagram and page caches warm)",
    "d_pages": "core alone, making every page again (diagrams from the cache, no page cache): an edited handbook",
    "e_serve": "mkdocs serve --dirty: save a step's new text -> the journey's page served with it",
    "e_title": "mkdocs serve --dirty: save a journey's new title (every page's navigation) -> its page served with it",
}
# What the plugin project adds to the mkdocs.yml journeybook render writes: only the plugins.
MKDOCS_YML = """\
# Written by bench/build_bench.py: the theme and Markdown extensions of the mkdocs.yml that
# `journeybook render` writes (see plain/mkdocs.yml), with the plugin instead of the pages.
site_name: {site_name}
theme:
  name: material
  language: en
  font: false
  features:
  - navigation.indexes
  - navigation.prune
plugins:
- search
- journeybook:
    framework: {framework}
markdown_extensions:
- tables
- attr_list
- md_in_html
- toc:
    permalink: true
"""
CORE_SCRIPT = """\
import json, sys, time
from pathlib import Path
project, framework, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
from journeybook.diagram_cache import DiagramCache, DiagramMaker
from journeybook.diagrams import engine_for
from journeybook.pipeline import generate
from journeybook.site_cache import SiteCache
import journeybook.pages, journeybook.pages.views  # imported by the plugin module, not by generate's first call
docs = project / "docs"
# the hand-written pages the plugin hands to the core: those that mention journeybook
pages = [(p.relative_to(docs).as_posix(), p.absolute(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]
pages = [page for page in pages if "journeybook" in page[2]]
cache = project / ".cache" / "journeybook"
maker = DiagramMaker(engine_for("pygraphviz"), DiagramCache(cache))
site_cache = SiteCache(cache) if mode == "cached" else None
start = time.perf_counter()
result = generate(project / "journeys", diagrams=maker, url="playbook", framework=framework, lang="en",
                  directory_urls=True, pages=pages, site_cache=site_cache)
seconds = time.perf_counter() - start
assert result.site is not None, [d.format(project) for d in result.diagnostics if d.severity == "error"]
hit = site_cache.hit if site_cache is not None else None
assert mode != "cached" or hit, "the page cache of the warm plugin build was not used: its key differs"
print(json.dumps({"seconds": seconds, "pages": len(result.site.pages), "diagrams": maker.total,
                  "rendered": maker.rendered, "from_cache": maker.from_cache, "page_cache_hit": hit}))
"""
DIAGRAMS_LINE = re.compile(r"journeybook: diagrams: (\d+) total, (\d+) rendered, (\d+) from cache")
BUILT_LINE = re.compile(r"Documentation built in ([0-9.]+) seconds")

# The targets of issue 13, as ratios: (id, text, N it is judged at, measured value, limit).
TARGETS = [
    ("warm-vs-plain", "warm plugin build <= 1.00 x plain MkDocs (b/c)", 100, 1.00),
    ("cold-vs-plain", "cold plugin build <= 1.5 x plain MkDocs (a/c)", 100, 1.5),
    ("core-share", "core alone <= 5 % of the warm build (d/b)", 100, 0.05),
    ("per-page-growth", "per-page time at N = 1,000 <= 1.2 x that at N = 100", 1000, 1.2),
    ("memory-vs-plain", "peak memory <= 1.2 x plain MkDocs (RSS b/c)", 100, 1.2),
    ("serve", "mkdocs serve: save to reloaded page <= 3 s (e)", 100, 3.0),
]


# -- measuring one process ----------------------------------------------------------------------


def _gnu_time() -> str | None:
    """GNU time, if /usr/bin/time is it (BSD time has no -v/-o)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    try:
        probe = subprocess.run([path, "-v", "-o", os.devnull, "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if probe.returncode == 0 else None


def rss_method() -> str:
    if _gnu_time():
        return "/usr/bin/time -v"
    if hasattr(os, "wait4"):
        return "os.wait4"
    try:
        import psutil  # noqa: F401
    except ImportError:
        return "none"
    return "psutil"


class Run:
    """One measured process: wall seconds, peak RSS (MiB), CPU seconds, exit code, its output."""

    def __init__(self, wall: float, rss_mib: float | None, cpu: float | None, returncode: int, log: str) -> None:
        self.wall, self.rss_mib, self.cpu, self.returncode, self.log = wall, rss_mib, cpu, returncode, log


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str], log_path: Path) -> Run:
    """Run ``cmd`` to its end; wall time around the process, peak RSS and CPU time of that process alone."""
    gnu = _gnu_time()
    with log_path.open("w", encoding="utf-8") as log:
        if gnu:
            stats = log_path.with_suffix(".time")
            start = time.perf_counter()
            code = subprocess.call([gnu, "-v", "-o", str(stats), *cmd], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
            wall = time.perf_counter() - start
            text = stats.read_text(encoding="utf-8", errors="replace")
            rss = _field(text, r"Maximum resident set size \(kbytes\): (\d+)")
            user = _field(text, r"User time \(seconds\): ([0-9.]+)")
            system = _field(text, r"System time \(seconds\): ([0-9.]+)")
            rss_mib = rss / 1024 if rss is not None else None
            cpu = user + system if user is not None and system is not None else None
        elif hasattr(os, "wait4"):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code
            scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
            rss_mib = usage.ru_maxrss / scale
            cpu = usage.ru_utime + usage.ru_stime
        else:  # no wait4 (Windows): psutil's peak working set, if psutil is there
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
            rss_mib = cpu = None
            try:
                import psutil

                handle = psutil.Process(proc.pid)
                peak = 0
                while proc.poll() is None:
                    try:
                        info = handle.memory_info()
                        peak = max(peak, getattr(info, "peak_wset", 0) or info.rss)
                        times = handle.cpu_times()
                        cpu = times.user + times.system
                    except psutil.Error:
                        break
                    time.sleep(0.02)
                rss_mib = peak / (1024 * 1024) or None
            except ImportError:
                pass
            code = proc.wait()
            wall = time.perf_counter() - start
    return Run(wall, rss_mib, cpu, code, log_path.read_text(encoding="utf-8", errors="replace"))


def _field(text: str, pattern: str) -> float | None:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else None


# -- the projects ---------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice about MkDocs 2, once per process
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def jb_cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from journeybook.cli import main; sys.exit(main())", *args]


def prepare(root: Path, n: int, log: Any) -> dict[str, Any]:
    """Write the handbook of ``n`` journeys into root/plugin, check it, and render root/plain from it."""
    from journeybook.diagnostics import has_errors
    from journeybook.pipeline import Settings, check

    project, plain = root / "plugin", root / "plain"
    for folder in (project, plain):
        if folder.exists():
            shutil.rmtree(folder)
    written = synthetic.write(project, n)
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(site_name=SITE_NAME, framework=synthetic.FRAMEWORK), encoding="utf-8")
    yaml_bytes = sum(p.stat().st_size for p in written if p.suffix in (".yml", ".yaml"))
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    started = time.perf_counter()
    handbook, diagnostics = check(project / synthetic.SOURCE, Settings(framework=synthetic.FRAMEWORK, lang="en"))
    check_seconds = time.perf_counter() - started
    if has_errors(diagnostics):
        problems = "\n".join(d.format(project) for d in diagnostics if d.severity == "error")
        raise SystemExit(f"the synthetic handbook of {n} journeys has errors:\n{problems}")
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in ("warning", "info")}
    print(f"  N={n}: {len(written)} files, {yaml_bytes / 1024:.0f} KiB of YAML, no errors "
          f"({counts['warning']} warnings, {counts['info']} infos), checked in {check_seconds:.1f} s", file=log)  # fmt: skip
    return {
        "project": project,
        "plain": plain,
        "logs": root / "logs",
        "files": len(written),
        "yaml_bytes": yaml_bytes,
        "journeys": len(handbook.journeys),
        "lint": counts,
        "check_seconds": check_seconds,
    }


def render(prep: dict[str, Any], env: dict[str, str]) -> float:
    project, plain = prep["project"], prep["plain"]
    cmd = jb_cli(
        "render", "journeys", "--out", str(plain), "--docs", "docs", "--site-name", SITE_NAME, "--framework", synthetic.FRAMEWORK, "--lang", "en"
    )
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"journeybook render failed:\n{done.stderr[-4000:]}")
    match_plain_config(project / "mkdocs.yml", plain / "mkdocs.yml")
    return seconds


def match_plain_config(plugin_yml: Path, plain_yml: Path) -> None:
    """Give the plugin project the theme and Markdown extensions of the mkdocs.yml render wrote
    (whatever render writes now), keeping only the plugins as the difference."""
    import yaml

    plain = yaml.safe_load(plain_yml.read_text(encoding="utf-8"))
    config = {
        "site_name": plain["site_name"],
        "theme": plain["theme"],
        "plugins": ["search", {"journeybook": {"framework": synthetic.FRAMEWORK}}],
        "markdown_extensions": plain.get("markdown_extensions", []),
    }
    head = "# Written by bench/build_bench.py: the theme and Markdown extensions of plain/mkdocs.yml (journeybook render), with the plugin.\n"
    plugin_yml.write_text(head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, default_flow_style=False), encoding="utf-8")


def count_pages(plain: Path) -> int:
    return sum(1 for _ in (plain / "docs").rglob("*.md"))


def count_html(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


# -- a-d ------------------------------------------------------------------------------------------


def measure_once(kind: str, prep: dict[str, Any], env: dict[str, str], logs: Path) -> dict[str, Any]:
    project, plain = prep["project"], prep["plain"]
    if kind == "a_cold":
        shutil.rmtree(project / ".cache" / "journeybook", ignore_errors=True)
    if kind in ("a_cold", "b_warm"):
        cwd, site = project, project / f"site-{kind[0]}"
    elif kind == "c_plain":
        cwd, site = plain, plain / "site"
    else:
        cwd, site = project, None
    if site is not None:
        shutil.rmtree(site, ignore_errors=True)
        cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    else:
        mode = "cached" if kind == "d_core" else "pages"
        cmd = [sys.executable, "-c", CORE_SCRIPT, str(project), synthetic.FRAMEWORK, mode]
    run = run_measured(cmd, cwd, env, logs / f"{kind}.log")
    if run.returncode != 0:
        raise SystemExit(f"{KIND_NAMES[kind]} failed (exit {run.returncode}):\n{run.log[-4000:]}")
    out: dict[str, Any] = {"wall": run.wall, "rss_mib": run.rss_mib, "cpu": run.cpu}
    if site is not None:
        built = BUILT_LINE.search(run.log)
        out["mkdocs_reported"] = float(built.group(1)) if built else None
        out["html_pages"] = count_html(site)
        found = DIAGRAMS_LINE.search(run.log)
        if found:
            out["diagrams"] = {"total": int(found[1]), "rendered": int(found[2]), "from_cache": int(found[3])}
    else:
        core = json.loads(run.log.strip().splitlines()[-1])
        out["process_wall"] = run.wall
        out["wall"] = core["seconds"]
        out["diagrams"] = {"total": core["diagrams"], "rendered": core["rendered"], "from_cache": core["from_cache"]}
        out["pages"] = core["pages"]
    return out


def measure_builds(
    preps: dict[int, dict[str, Any]], env: dict[str, str], repeat: int, warmup: int, log: Any
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """a-d for every N, by rounds: each round runs every kind of every N, the sizes one after
    the other, so that a slower or faster hour of the machine weighs on every N alike (the
    per-page target compares N = 1,000 with N = 100)."""
    samples: dict[int, dict[str, list[dict[str, Any]]]] = {n: {kind: [] for kind in KINDS} for n in preps}
    for r in range(warmup + repeat):
        measured = r >= warmup
        shift = (r - warmup) % len(KINDS) if measured else 0
        order = KINDS[shift:] + KINDS[:shift]
        for n, prep in preps.items():
            parts = []
            for kind in order:
                result = measure_once(kind, prep, env, prep["logs"])
                if measured:
                    samples[n][kind].append(result)
                parts.append(f"{kind.split('_')[0] if kind != 'd_pages' else 'd_pages'} {result['wall']:.2f}s")
            label = f"round {r - warmup + 1}/{repeat}" if measured else f"warm-up {r + 1}/{warmup}"
            print(f"    N={n} {label}: " + ", ".join(parts), file=log, flush=True)
    return samples


# -- e: mkdocs serve --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(url: str, timeout: float = 600) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def _peak_rss_of(pid: int) -> float | None:
    """VmHWM (the peak RSS so far) of a running process, in MiB; Linux only."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(found.group(1)) / 1024 if found else None


def measure_serve(
    prep: dict[str, Any], n: int, env: dict[str, str], repeat: int, warmup: int, logs: Path, log: Any, timeout: float
) -> dict[str, Any]:
    """Start ``mkdocs serve --dirty``, wait for its first build, then save a new text for one
    step of a journey ``warmup + repeat`` times, then a new title for the journey as often, and
    time each save until the journey's page is served with it."""
    project = prep["project"]
    target = n // 2
    while synthetic.is_to_be(target, n) and target > 0:
        target -= 1
    jid = synthetic.journey_id(target)
    path = project / synthetic.SOURCE / "journeys" / f"{jid}.yml"
    original = path.read_bytes()
    doc = synthetic.journey(target, n)
    port = free_port()
    url = f"http://127.0.0.1:{port}/playbook/journeys/{jid}/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    samples: dict[str, list[float]] = {"step": [], "title": []}
    result: dict[str, Any] = {"page": f"/playbook/journeys/{jid}/", "edited": f"{synthetic.SOURCE}/journeys/{jid}.yml", "command": "mkdocs serve --dirty"}
    with (logs / "e_serve.log").open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        server = subprocess.Popen(cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            title = str(doc["title"]).split(":")[0]
            deadline = start + timeout
            while time.perf_counter() < deadline:
                status, body = http_get(url, timeout=timeout)
                if status == 200 and title in body:
                    break
                if server.poll() is not None:
                    raise SystemExit(f"mkdocs serve stopped:\n{(logs / 'e_serve.log').read_text()[-4000:]}")
                time.sleep(0.2)
            else:
                raise SystemExit(f"mkdocs serve did not serve {url} within {timeout:.0f} s")
            result["first_build_seconds"] = time.perf_counter() - start
            edits = [("step", k) for k in range(warmup + repeat)] + [("title", k) for k in range(warmup + repeat)]
            for what, k in edits:
                time.sleep(1.5)  # let the watcher (polling every 0.5 s) settle after the last build
                marker = f"bench{what}{k + 1}x{n}"
                text = synthetic._dump(_edited(doc, what, marker)).encode("utf-8")
                with path.open("wb") as f:
                    f.write(text)
                saved = time.perf_counter()
                while True:
                    status, body = http_get(url, timeout=timeout)
                    if status == 200 and marker in body:
                        break
                    if time.perf_counter() - saved > timeout:
                        raise SystemExit(f"the edit of {path} did not reach {url} within {timeout:.0f} s")
                    if server.poll() is not None:
                        raise SystemExit(f"mkdocs serve stopped:\n{(logs / 'e_serve.log').read_text()[-4000:]}")
                    time.sleep(0.05)
                seconds = time.perf_counter() - saved
                if k >= warmup:
                    samples[what].append(seconds)
                label = f"{what} edit {k - warmup + 1}/{repeat}" if k >= warmup else f"warm-up {what} edit {k + 1}/{warmup}"
                print(f"    N={n} serve {label}: {seconds:.2f}s", file=log, flush=True)
            result["peak_rss_mib"] = _peak_rss_of(server.pid)
        finally:
            stop(server)
            path.write_bytes(original)
    result["samples"] = samples["step"]
    result["title_samples"] = samples["title"]
    return result


def _edited(doc: dict[str, Any], what: str, marker: str) -> dict[str, Any]:
    """The journey ``doc`` with ``marker`` added to its first step's action, or to its title."""
    if what == "title":
        return dict(doc, title=f"{doc['title']} {marker}")
    phases = [dict(phase) for phase in doc["phases"]]
    steps = [dict(step) for step in phases[0]["steps"]]
    steps[0]["action"] = f"{steps[0]['action']} {marker}"
    phases[0]["steps"] = steps
    return dict(doc, phases=phases)


# -- results ----------------------------------------------------------------------------------------


def stop(server: subprocess.Popen[Any]) -> None:
    """End a ``mkdocs serve`` process: politely, then for good after 30 s."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def summarise(
    n: int,
    prep: dict[str, Any],
    samples: dict[str, list[dict[str, Any]]] | None,
    serve: dict[str, Any] | None,
    render_seconds: float | None,
    pages: int | None,
) -> dict[str, Any]:
    """One entry of ``runs`` in the JSON; every key is there, measurements are None when not taken."""
    samples = samples or {kind: [] for kind in KINDS}
    seconds: dict[str, float | None] = {kind: _median([s["wall"] for s in samples[kind]]) for kind in KINDS}
    seconds["e_serve"] = _median(list(serve["samples"])) if serve else None
    seconds["e_title"] = _median(list(serve.get("title_samples", []))) if serve else None
    cpu = {kind: _median([s.get("cpu") for s in samples[kind]]) for kind in KINDS}
    rss = {kind: _median([s.get("rss_mib") for s in samples[kind]]) for kind in KINDS}
    rss["e_serve"] = rss["e_title"] = serve.get("peak_rss_mib") if serve else None
    cold = samples["a_cold"]
    diagrams = cold[0].get("diagrams") if cold else None
    rendered = diagrams["rendered"] if diagrams else None
    html = {kind: samples[kind][0].get("html_pages") if samples[kind] else None for kind in ("a_cold", "b_warm", "c_plain")}
    return {
        "journeys": n,
        "pages": pages,
        "html_pages": html,
        "files": prep["files"],
        "handbook_sha256": synthetic.digest(n),
        "yaml_kib": round(prep["yaml_bytes"] / 1024, 1),
        "lint": prep["lint"],
        "diagrams": diagrams,
        "seconds": seconds,
        "ratios": {"b_over_c": _ratio(seconds["b_warm"], seconds["c_plain"]), "a_over_c": _ratio(seconds["a_cold"], seconds["c_plain"])},
        "core_share": _ratio(seconds["d_core"], seconds["b_warm"]),
        "per_page_seconds": _ratio(seconds["b_warm"], pages),
        "diagrams_per_second": _ratio(rendered, seconds["a_cold"]),
        # what drawing adds: the diagrams rendered over the seconds the cold build takes beyond the warm one
        "diagrams_per_extra_second": _ratio(rendered, seconds["a_cold"] - seconds["b_warm"])
        if seconds["a_cold"] is not None and seconds["b_warm"] is not None and seconds["a_cold"] > seconds["b_warm"]
        else None,
        "peak_rss_mib": {**rss, "b_over_c": _ratio(rss["b_warm"], rss["c_plain"])},
        # CPU seconds of each whole process (user + system; for d too, imports included)
        "cpu_seconds": {**cpu, "b_over_c": _ratio(cpu["b_warm"], cpu["c_plain"]), "a_over_c": _ratio(cpu["a_cold"], cpu["c_plain"])},
        "mkdocs_reported_seconds": {kind: _median([s.get("mkdocs_reported") for s in samples[kind]]) for kind in ("a_cold", "b_warm", "c_plain")},
        "d_core_process_seconds": _median([s.get("process_wall") for s in samples["d_core"]]),
        # the core when a file changed: its share of the warm build
        "pages_share": _ratio(seconds["d_pages"], seconds["b_warm"]),
        "serve": {
            "first_build_seconds": serve.get("first_build_seconds") if serve else None,
            "page": serve.get("page") if serve else None,
            "command": serve.get("command") if serve else None,
        },
        "render_seconds": render_seconds,
        "check_seconds": prep["check_seconds"],
        "samples": {kind: [s["wall"] for s in samples[kind]] for kind in KINDS} | {
            "e_serve": list(serve["samples"]) if serve else [],
            "e_title": list(serve.get("title_samples", [])) if serve else [],
        },
    }


def evaluate_targets(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_n = {run["journeys"]: run for run in runs}
    out = []
    for target_id, text, at_n, limit in TARGETS:
        run = by_n.get(at_n)
        value: float | None = None
        if run is not None:
            if target_id == "warm-vs-plain":
                value = run["ratios"]["b_over_c"]
            elif target_id == "cold-vs-plain":
                value = run["ratios"]["a_over_c"]
            elif target_id == "core-share":
                value = run["core_share"]
            elif target_id == "memory-vs-plain":
                value = run["peak_rss_mib"]["b_over_c"]
            elif target_id == "serve":
                value = run["seconds"]["e_serve"]
            elif target_id == "per-page-growth" and 100 in by_n:
                value = _ratio(run["per_page_seconds"], by_n[100]["per_page_seconds"])
        out.append(
            {"id": target_id, "target": text, "at_journeys": at_n, "limit": limit, "value": value, "holds": None if value is None else value <= limit}
        )
    return out


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def _git(*args: str, cwd: Path = HERE.parent) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def machine_info(commit: str | None = None) -> dict[str, Any]:
    import yaml

    import journeybook

    package = Path(journeybook.__file__).resolve().parent
    # The commit of the journeybook the builds imported: its own repository's, when it lies in one
    # (an editable install); else this repository's, and journeybook_in_repo says it is not that code.
    top = _git("rev-parse", "--show-toplevel", cwd=package)
    in_repo = top is not None and Path(top).resolve() == HERE.parent.resolve()
    status = _git("status", "--porcelain", "--", "plugins") if in_repo else None
    return {
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "journeybook": journeybook.__version__,
        "journeybook_path": str(package),
        "journeybook_in_repo": in_repo,
        "markdown": _version("Markdown"),
        "pymdown_extensions": _version("pymdown-extensions"),
        "pyyaml": _version("PyYAML"),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "pygraphviz": _version("pygraphviz"),
        "git_commit": commit or _git("rev-parse", "HEAD"),
        "repository_commit": _git("rev-parse", "HEAD"),  # this repository's HEAD when the run started
        "git_dirty": bool(status) if status is not None else None,  # uncommitted changes under plugins/ (None: not that code)
        "rss_method": rss_method(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,  # 1, 5 and 15 minutes, at the start
    }


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(runs: list[dict[str, Any]]) -> str:
    head = ["N", "pages", "a cold", "b warm", "c plain", "d core", "d pages", "e serve", "e title", "b/c", "a/c", "d/b", "ms/page", "diag/s", "RSS b", "RSS c", "RSS b/c"]
    rows = [head]
    for r in runs:
        s, rss = r["seconds"], r["peak_rss_mib"]
        rows.append([
            str(r["journeys"]), _fmt(r["pages"], "d"),
            *(_fmt(s[k], ".2f") for k in ALL_KINDS),
            _fmt(r["ratios"]["b_over_c"], ".2f"), _fmt(r["ratios"]["a_over_c"], ".2f"),
            _fmt(None if r["core_share"] is None else r["core_share"] * 100, ".0f") + ("%" if r["core_share"] is not None else ""),
            _fmt(None if r["per_page_seconds"] is None else r["per_page_seconds"] * 1000, ".1f"),
            _fmt(r["diagrams_per_second"], ".1f"),
            _fmt(rss["b_warm"], ".0f"), _fmt(rss["c_plain"], ".0f"), _fmt(rss["b_over_c"], ".2f"),
        ])  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- main ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=int, action="append", metavar="N", help="handbook size; repeat for several (default: 10 and 100)")
    parser.add_argument("--large", action="store_true", help="also N = 1,000 (with the defaults: 10, 100 and 1,000)")
    parser.add_argument("--repeat", type=int, default=3, help="measured rounds per N; the median counts (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up rounds (and serve edits) before measuring (default 1)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the results (default bench/results.json)")
    parser.add_argument("--workdir", type=Path, help="where the projects go (default: a new temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the projects, build logs and sites")
    parser.add_argument("--no-serve", action="store_true", help="leave out e (mkdocs serve)")
    parser.add_argument("--serve-timeout", type=float, default=1800, help="seconds to wait for a serve build (default 1800)")
    parser.add_argument("--dry-run", action="store_true", help="write and check the handbooks and the JSON's shape; measure nothing")
    parser.add_argument("--note", default="", help="free text kept in the JSON (what was measured, and why)")
    parser.add_argument(
        "--commit",
        help="the commit of the journeybook measured, when it is not this repository's working tree "
        "(e.g. a 'git archive' of it on PYTHONPATH); default: this repository's HEAD",
    )
    args = parser.parse_args(argv)
    sizes = list(args.journeys or DEFAULT_SIZES)
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)
    if any(n < 1 for n in sizes):
        parser.error("--journeys must be at least 1")
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")
    args.sizes = list(dict.fromkeys(sizes))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    log = sys.stderr
    env = child_env()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="journeybook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.timezone.utc)
    machine = machine_info(args.commit)  # before the run: the commit measured is the one at the start
    print(f"journeybook build benchmark: N = {', '.join(map(str, args.sizes))}; "
          f"{'dry run' if args.dry_run else f'{args.warmup} warm-up + {args.repeat} rounds'}; work in {work}", file=log)  # fmt: skip
    runs = []
    try:
        preps: dict[int, dict[str, Any]] = {}
        rendered: dict[int, tuple[float, int]] = {}
        for n in args.sizes:
            root = work / f"n{n:04d}"
            (root / "logs").mkdir(parents=True, exist_ok=True)
            prep = prepare(root, n, log)
            if args.dry_run:
                runs.append(summarise(n, prep, None, None, None, None))
                continue
            render_seconds = render(prep, env)
            pages = count_pages(prep["plain"])
            print(f"    journeybook render: {pages} pages in {render_seconds:.1f} s", file=log, flush=True)
            preps[n], rendered[n] = prep, (render_seconds, pages)
        samples = measure_builds(preps, env, args.repeat, args.warmup, log) if preps else {}
        for n, prep in preps.items():
            serve = None
            if not args.no_serve:
                serve = measure_serve(prep, n, env, args.repeat, args.warmup, prep["logs"], log, args.serve_timeout)
            runs.append(summarise(n, prep, samples[n], serve, *rendered[n]))
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    finished = dt.datetime.now(dt.timezone.utc)
    results = {
        "schema": SCHEMA,
        "date": started.isoformat(timespec="seconds"),
        "duration_seconds": round((finished - started).total_seconds(), 1),
        "dry_run": args.dry_run,
        "note": args.note,
        "machine": {**machine, "load_average_at_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None},
        "settings": {
            "repeat": args.repeat,
            "warmup": args.warmup,
            "serve": not args.no_serve,
            "source_date_epoch": env["SOURCE_DATE_EPOCH"],
            "python_executable": sys.executable,
        },
        "kinds": KIND_NAMES,
        "runs": runs,
        "targets": evaluate_targets(runs),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(file=log)
    print(table(runs))
    print()
    for target in results["targets"]:
        verdict = {True: "holds", False: "does not hold", None: "not measured"}[target["holds"]]
        value = "-" if target["value"] is None else f"{target['value']:.2f}"
        print(f"  {target['target']:<55} at N = {target['at_journeys']:<5} {value:>6}  {verdict}")
    print(f"\n{machine['cpu_count']} CPUs, Python {machine['python']}, MkDocs {machine['mkdocs']}, Material {machine['mkdocs_material']}, "
          f"journeybook {machine['journeybook']} at {(machine['git_commit'] or '?')[:10]}{' (uncommitted changes)' if machine['git_dirty'] else ''}; "
          f"peak RSS by {machine['rss_method']}; JSON in {args.json}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
