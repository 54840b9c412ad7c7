"""What ``mkdocs serve --dirty`` does to a journeybook site, against plain ``mkdocs serve``.

    python bench/serve_dirty.py [--journeys N]

For each mode it writes the synthetic handbook of N journeys (default 10) with two more
hand-written pages, starts the server, and saves three changes one after the other: a
hand-written page, a journey's title, and the hand-written page again. After each it waits
until the changed page is served with the change, then reads ``search/search_index.json``
and reports how many entries the index has, how many of them are duplicates (the same
location twice), whether the journey pages and the hand-written pages are in it, and whether
the new text is found in it; after the journey's title, also whether another journey's page
(whose navigation lists the first journey: the same section, or past 30 journeys the same
group) shows the new title. Prints a table and writes JSON (``--json``); asserts
nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_bench  # noqa: E402
import synthetic  # noqa: E402

OTHER = "# Another page\n\nWritten by hand, next to the playbook.\n"


def _index(base: str) -> dict[str, Any]:
    status, body = build_bench.http_get(base + "search/search_index.json")
    docs = json.loads(body)["docs"] if status == 200 else []
    locations = [d["location"] for d in docs]
    counts = collections.Counter(locations)
    return {
        "entries": len(docs),
        "duplicates": sum(c - 1 for c in counts.values()),
        "playbook_pages": len({loc.split("#")[0] for loc in locations if loc.startswith("playbook/")}),
        "hand_written_pages": len({loc.split("#")[0] for loc in locations if not loc.startswith("playbook/")}),
        "text": body,
    }


def _wait_for(url: str, marker: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        status, body = build_bench.http_get(url, timeout=timeout)
        if status == 200 and marker in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {marker!r} within {timeout:.0f} s")


def run(mode: str, n: int, work: Path, timeout: float) -> list[dict[str, Any]]:
    project = work / mode
    synthetic.write(project, n)
    (project / "mkdocs.yml").write_text(build_bench.MKDOCS_YML.format(site_name="Dirty check", framework=synthetic.FRAMEWORK), encoding="utf-8")
    other = project / "docs" / "other.md"
    other.write_text(OTHER, encoding="utf-8")
    (project / "docs" / "third.md").write_text("# A third page\n\nAlso by hand.\n", encoding="utf-8")
    jid = synthetic.journey_id(0)
    journey_file = project / synthetic.SOURCE / "journeys" / f"{jid}.yml"
    doc = synthetic.journey(0, n)
    port = build_bench.free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if mode == "dirty" else [])]
    rows = []
    with (project / "serve.log").open("w") as log:
        server = subprocess.Popen(cmd, cwd=project, env=build_bench.child_env(), stdout=log, stderr=subprocess.STDOUT)
        try:
            first = _wait_for(base + "other/", "Written by hand", timeout)
            time.sleep(1)
            rows.append({"mode": mode, "step": "first build", "seconds": first, **_without_text(_index(base))})
            changes = [
                ("hand-written page saved", other, OTHER + "\nmarkerpageone\n", base + "other/", "markerpageone"),
                (
                    "journey title saved",
                    journey_file,
                    synthetic._dump(dict(doc, title=f"{doc['title']} markerjourney")),
                    base + f"playbook/journeys/{jid}/",
                    "markerjourney",
                ),
                ("hand-written page saved again", other, OTHER + "\nmarkerpagetwo\n", base + "other/", "markerpagetwo"),
            ]
            for step, path, text, url, marker in changes:
                time.sleep(1.5)
                path.write_text(text, encoding="utf-8")
                seconds = _wait_for(url, marker, timeout)
                time.sleep(0.5)
                index = _index(base)
                row = {"mode": mode, "step": step, "seconds": seconds, **_without_text(index), "change_in_index": marker in index["text"]}
                if path == journey_file:  # is the new title in the navigation of a page nobody touched?
                    other = f"playbook/journeys/{synthetic.journey_id(1)}/"  # its section (or group, past 30 journeys) lists journey 0, also with navigation.prune
                    row["unchanged_page_nav_current"] = marker in build_bench.http_get(base + other)[1]
                rows.append(row)
        finally:
            build_bench.stop(server)
    return rows


def _without_text(index: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in index.items() if k != "text"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journeys", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="journeybook-dirty-"))
    try:
        rows = run("default", args.journeys, work, args.timeout) + run("dirty", args.journeys, work, args.timeout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    head = f"{'mode':<8} {'after':<30} {'s':>6} {'entries':>8} {'dupes':>6} {'playbook':>9} {'by hand':>8} {'change found':>13} {'nav elsewhere':>14}"
    print(head)
    yes_no = {None: "-", True: "yes", False: "NO"}
    for r in rows:
        found, nav = yes_no[r.get("change_in_index")], yes_no[r.get("unchanged_page_nav_current")]
        print(f"{r['mode']:<8} {r['step']:<30} {r['seconds']:>6.1f} {r['entries']:>8} {r['duplicates']:>6} {r['playbook_pages']:>9} "
              f"{r['hand_written_pages']:>8} {found:>13} {nav:>14}")  # fmt: skip
    if args.json:
        args.json.write_text(
            json.dumps({"journeys": args.journeys, "machine": build_bench.machine_info(), "rows": rows}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
