"""A deterministic synthetic handbook of N journeys that uses every field of FORMAT 1.1.

No randomness: every choice is arithmetic on the journey, phase and step numbers, so the
same N gives the same files, byte for byte (``files(n)`` is a pure function). The files are
YAML as an author writes them (block style), dumped by PyYAML's safe dumper.

What grows with N (about 8 KB of YAML per journey, close to the handbook of issue 13):

- N journeys of 5 phases and 2 or 3 steps per phase, with step ids, thinking, emotion,
  touchpoints (by id and with ``ref``/``sentiment``/``note``), pain points (text, severity,
  evidence), opportunities (``id``, ``ref`` to one defined in another journey, owner,
  priority, status, impact, effort, evidence), evidence, service-blueprint lanes and a fail
  point, phase goals, checklists and guidance with citations, ``expectations``, ``owner``,
  ``tags`` and ``reviewed``; every fiftieth journey (and the last one of a handbook under
  fifty) is a ``state: to-be`` journey that ``improves`` the one before it, keeping its step
  ids (see :func:`is_to_be` for why not more);
- ceil(N / 5) personas (at least 2) with every field, ``value_map`` and ``reviewed``;
- ceil(N / 4) research documents (at least 7, one per method) with four findings each;
- inline measurements (journey, phase and step) and a CSV file with a series per journey.

Fixed: a touchpoint catalog of 14, six sources of five CSL types, one framework of five
phases (a third of the journeys use the built-in ``five-phases`` instead), four metrics, and
``docs/index.md`` with ``journeybook`` views (FORMAT 1.1, "Views in your own pages").
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import yaml

SOURCE = "journeys"  # the handbook's folder in the project (the plugin's default 'source')
FRAMEWORK = "bench-flow"
METHODS = ("interview", "survey", "analytics", "observation", "usability-test", "support-tickets", "desk-research")
LEVELS = ("low", "medium", "high")
STATUSES = ("idea", "planned", "doing", "done")
SENTIMENTS = ("positive", "neutral", "negative")

# -- fixed parts ------------------------------------------------------------------------------

TOUCHPOINTS = [
    # id, name, type, channel, direct, owner
    ("webshop", "Webshop", "primary", "online", False, "E-commerce team"),
    ("app", "Mobile app", "primary", "online", False, "App team"),
    ("search-engine", "Search engine", "primary", "online", False, "Marketing"),
    ("social", "Social media", "supporting", "online", False, "Marketing"),
    ("newsletter", "Newsletter", "supporting", "online", False, "CRM team"),
    ("review-site", "Review site", "supporting", "online", False, None),
    ("chat", "Live chat", "primary", "online", True, "Customer service"),
    ("phone", "Phone line", "primary", "offline", True, "Customer service"),
    ("store", "Store staff", "primary", "offline", True, "Retail"),
    ("leaflet", "Door-to-door leaflet", "supporting", "offline", False, "Marketing"),
    ("parcel", "Parcel delivery", "supporting", "offline", False, "Logistics"),
    ("invoice", "Invoice", "supporting", "offline", False, "Finance"),
    ("email", "Order e-mail", "supporting", "online", False, "CRM team"),
    ("pickup-point", "Pickup point", "supporting", "offline", False, "Logistics"),
]
ONLINE = [t[0] for t in TOUCHPOINTS if t[3] == "online" and not t[4]]
DIRECT = [t[0] for t in TOUCHPOINTS if t[4]]

SOURCES: list[dict[str, Any]] = [
    {
        "id": "visser2015",
        "type": "book",
        "author": [{"family": "Visser", "given": "M."}, {"family": "Sikkenga", "given": "B."}],
        "issued": 2015,
        "title": "Basisboek online marketing",
        "publisher": "Noordhoff Uitgevers",
        "page": "369",
    },
    {
        "id": "lemon2016",
        "type": "article-journal",
        "author": [{"family": "Lemon", "given": "K. N."}, {"family": "Verhoef", "given": "P. C."}],
        "issued": 2016,
        "title": "Understanding customer experience throughout the customer journey",
        "container-title": "Journal of Marketing",
        "volume": "80",
        "issue": "6",
        "page": "69-96",
    },
    {
        "id": "bitner2008",
        "type": "article-journal",
        "author": [{"family": "Bitner", "given": "M. J."}, {"family": "Ostrom", "given": "A. L."}, {"family": "Morgan", "given": "F. N."}],
        "issued": 2008,
        "title": "Service blueprinting: A practical technique for service innovation",
        "container-title": "California Management Review",
        "volume": "50",
        "issue": "3",
        "page": "66-94",
    },
    {
        "id": "uxmastery2014",
        "type": "motion_picture",
        "author": [{"literal": "UX Mastery"}],
        "issued": dt.date(2014, 9, 15),
        "title": "How to create a customer journey map",
        "URL": "https://www.youtube.com/watch?v=example",
        "accessed": dt.date(2018, 5, 29),
    },
    {
        "id": "nngroup2016",
        "type": "webpage",
        "author": [{"family": "Kaplan", "given": "K."}],
        "issued": dt.date(2016, 12, 9),
        "title": "When and how to create customer journey maps",
        "container-title": "Nielsen Norman Group",
        "URL": "https://www.nngroup.com/articles/customer-journey-mapping/",
        "accessed": dt.date(2026, 3, 1),
    },
    {
        "id": "cxreport2025",
        "type": "report",
        "author": [{"literal": "Customer Experience Council"}],
        "issued": 2025,
        "title": "Benchmark of service journeys in retail",
        "publisher": "CX Council",
    },
]
SOURCE_IDS = [s["id"] for s in SOURCES]

PHASES = [  # (id, English name, Dutch name)
    ("discover", "Discover", "Ontdekken"),
    ("compare", "Compare", "Vergelijken"),
    ("buy", "Buy", "Kopen"),
    ("use", "Use", "Gebruiken"),
    ("return", "Come back", "Terugkomen"),
]
BUILTIN_PHASES = ["awareness", "consideration", "purchase", "retention", "loyalty"]  # five-phases

METRICS: list[dict[str, Any]] = [
    {
        "id": "csat",
        "name": {"en": "Customer satisfaction", "nl": "Klanttevredenheid"},
        "description": "Asked after the step, on a scale of 1 to 5.",
        "unit": "/5",
        "min": 1,
        "max": 5,
        "better": "higher",
        "target": 4.2,
        "owner": "CX team",
    },
    {"id": "drop-off", "name": "Drop-off", "unit": "%", "min": 0, "max": 100, "better": "lower", "target": 10, "owner": "E-commerce team"},
    {"id": "effort", "name": "Customer effort score", "unit": "/7", "min": 1, "max": 7, "better": "lower", "target": 2.5},
    {"id": "wait-time", "name": "Waiting time", "unit": " min", "min": 0, "better": "lower"},
]

# word lists the texts are made from (picked by index, never at random)
PRODUCTS = [
    "football boots", "a sports watch", "a tractor part", "nail polish", "a winter coat", "a coffee machine",
    "running shoes", "a bicycle lock", "a garden hose", "a phone case", "a desk lamp", "a rain jacket",
]  # fmt: skip
NEEDS = [
    "before the weekend", "for a birthday", "after a breakdown", "for a new season", "to replace a broken one",
    "for a trip abroad", "for the first time", "as a repeat order",
]  # fmt: skip
VERBS = {
    "discover": ["Notices the need", "Searches online", "Sees an advertisement"],
    "compare": ["Compares two offers", "Reads reviews", "Asks a friend"],
    "buy": ["Picks a size", "Pays in the webshop", "Chooses delivery"],
    "use": ["Unpacks the order", "Uses it for the first time", "Contacts support"],
    "return": ["Gets a follow-up e-mail", "Writes a review", "Orders again"],
}
TEAMS = ["Marketing", "Webshop team", "Customer service", "Logistics", "Retail", "CX team"]
FIRST = ["Daan", "Eva", "Henk", "Sanne", "Joris", "Fatima", "Lotte", "Mehmet", "Noor", "Pieter", "Yara", "Bram"]


def _date(i: int, year: int = 2026) -> dt.date:
    return dt.date(year, 1 + i % 12, 1 + (i * 7) % 28)


def _cite(i: int) -> str:
    key = SOURCE_IDS[i % len(SOURCE_IDS)]
    return f"[@{key}, p. {10 + i % 90}]" if i % 3 == 0 else f"[@{key}]"


# -- sizes ------------------------------------------------------------------------------------


def persona_count(n: int) -> int:
    return max(2, math.ceil(n / 5))


def research_count(n: int) -> int:
    return max(len(METHODS), math.ceil(n / 4))


def journey_id(i: int) -> str:
    return f"journey-{i:04d}"


TO_BE_EVERY = 50


def is_to_be(i: int, n: int) -> bool:
    """Every fiftieth journey is the future state of the one before it; a handbook under fifty gets one too (its last).

    Not every tenth, as planned: with journeybook e11338c and the Graphviz 14.1.5 of
    pygraphviz 2.0.4, the overview map of a handbook with a to-be journey every tenth aborts
    the whole process at N = 98, 99, 100, 150, 300, 500 and 1,000 (``mincross.c:275:
    fixLabelOrder: Assertion ... failed``, from its labelled ``constraint=false`` "improves"
    edges). One in fifty builds at 2-60, 99-101, 200, 500 and 1,000.
    """
    return i > 0 and (i % TO_BE_EVERY == TO_BE_EVERY - 1 or (n < TO_BE_EVERY and i == n - 1))


def _framework_of(i: int, n: int) -> str:
    base = i - 1 if is_to_be(i, n) else i
    return "five-phases" if base % 3 == 2 else FRAMEWORK


def _finding(n: int, k: int) -> str:
    """The id of a finding, spread over every research document."""
    r = k % research_count(n)
    return f"f-{r:04d}-{(k // research_count(n)) % 4}"


# -- documents --------------------------------------------------------------------------------


def framework() -> dict[str, Any]:
    return {
        "kind": "framework",
        "id": FRAMEWORK,
        "name": {"en": "Benchmark flow", "nl": "Benchmarkstroom"},
        "summary": f"Five phases from the first spark to coming back {_cite(1)}.",
        "phases": [
            {
                "id": pid,
                "name": {"en": en, "nl": nl},
                "summary": f"In **{en.lower()}** the customer decides whether to go on {_cite(k)}.",
                "checklist": [f"Do we know what the customer needs to {en.lower()}?", "Which touchpoints carry this phase?"],
                "guidance": [f"Direct contact weighs most for emotion {_cite(k + 2)}.", f"Keep the promise of the last phase {_cite(k + 3)}."],
            }
            for k, (pid, en, nl) in enumerate(PHASES)
        ],
    }


def touchpoints() -> dict[str, Any]:
    entries = []
    for tid, name, kind, channel, direct, owner in TOUCHPOINTS:
        entry: dict[str, Any] = {"id": tid, "name": name, "type": kind, "channel": channel, "direct": direct}
        if owner:
            entry["owner"] = owner
        entry["description"] = f"The {name.lower()}, where customers meet us {channel}."
        entries.append(entry)
    return {"kind": "touchpoints", "touchpoints": entries}


def sources() -> dict[str, Any]:
    return {"kind": "sources", "sources": SOURCES}


def persona(p: int) -> dict[str, Any]:
    name = f"{FIRST[p % len(FIRST)]} {p:03d}"
    product = PRODUCTS[p % len(PRODUCTS)]
    return {
        "kind": "persona",
        "id": f"persona-{p:03d}",
        "name": name,
        "role": f"Buys {product}, {20 + p % 50}",
        "summary": f"{name} buys **{product}** {NEEDS[p % len(NEEDS)]} and wants it to just work {_cite(p)}.",
        "urgency": LEVELS[p % 3],
        "quote": {
            "en": f"If the {product} isn't here on time, I go elsewhere.",
            "nl": f"Als de {product} niet op tijd is, ga ik ergens anders heen.",
        },
        "goals": [f"Get {product} without a second trip", "Know the delivery date up front"],
        "jobs": [f"Replace {product} fast", "Compare prices in one evening"],
        "pains": ["Sizes that do not fit", "Waiting on the phone"],
        "gains": ["Advice from someone who knows", "Free returns"],
        "channels": [ONLINE[p % len(ONLINE)], DIRECT[p % len(DIRECT)]],
        "value_map": {
            "products": [product.capitalize()],
            "pain_relievers": ["Stock per store in the webshop"],
            "gain_creators": ["Size advice by chat"],
        },
        "reviewed": _date(p, 2026 if p % 4 else 2024),
    }


def research(r: int) -> dict[str, Any]:
    method = METHODS[r % len(METHODS)]
    doc: dict[str, Any] = {
        "kind": "research",
        "id": f"research-{r:04d}",
        "title": {"en": f"{method.replace('-', ' ').capitalize()} round {r}", "nl": f"{method} ronde {r}"},
        "method": method,
        "date": _date(r),
    }
    if r % 2 == 0:
        doc["source"] = SOURCE_IDS[r % len(SOURCE_IDS)]
    doc["summary"] = f"Round {r} of our {method.replace('-', ' ')} research, with {6 + r % 10} participants."
    findings = []
    for k in range(4):
        finding: dict[str, Any] = {
            "id": f"f-{r:04d}-{k}",
            "text": f"Finding {k} of round {r}: {PRODUCTS[(r + k) % len(PRODUCTS)]} buyers stall at step {k}.",
        }
        if k % 2 == 0:
            finding["quote"] = f"Where do I see if the {PRODUCTS[(r + k) % len(PRODUCTS)]} fits?"
            finding["participants"] = 1 + (r + k) % 8
        findings.append(finding)
    doc["findings"] = findings
    return doc


def _steps_in(base: int, p: int) -> int:
    """How many steps phase ``p`` of as-is journey ``base`` has."""
    return 3 if (base + p) % 2 == 0 else 2


def _emotion(base: int, p: int, s: int) -> int:
    return ((base + p * 2 + s) % 5) - 2


def _defines_opportunity(base: int, p: int, s: int) -> bool:
    return _emotion(base, p, s) < 0 or (p + s) % 3 == 0


def _step(n: int, i: int, p: int, s: int, phase: str) -> dict[str, Any]:
    """Step ``s`` of phase ``p`` of journey ``i``; a to-be journey keeps the step ids of its as-is
    journey, feels better, and uses (``ref``) the opportunities defined there."""
    k = i * 17 + p * 3 + s  # the step's number, for picking
    to_be = is_to_be(i, n)
    base = i - 1 if to_be else i
    added = to_be and s >= _steps_in(base, p)  # a step the future state adds
    emotion = _emotion(base, p, s)
    if to_be:
        emotion = min(2, emotion + 1 + (s % 2))
    step: dict[str, Any] = {
        "id": f"{phase}-{s + 1}",
        "action": f"{VERBS[PHASES[p][0]][s % 3]} ({PRODUCTS[base % len(PRODUCTS)]})" + (" in one go" if added else ""),
        "thinking": f"“Will this still work {NEEDS[(base + s) % len(NEEDS)]}?”",
        "emotion": emotion,
    }
    uses: list[Any] = [ONLINE[k % len(ONLINE)]]
    if s == 0:
        uses.append({"ref": DIRECT[k % len(DIRECT)], "sentiment": SENTIMENTS[(k + 1) % 3], "note": "Staff could *not* tell the delivery date"})
    step["touchpoints"] = uses
    if emotion < 0 or s == 1:
        step["evidence"] = [_finding(n, k)]
    if emotion < 0:
        pains: list[Any] = [
            {"text": f"Cannot see whether {PRODUCTS[base % len(PRODUCTS)]} is in stock", "severity": LEVELS[k % 3], "evidence": [_finding(n, k + 1)]}
        ]
        if p == 0 and s == 0:
            pains.append("Delivery time unclear")  # the short form (and an assumed pain point)
        step["pain_points"] = pains
    opportunities: list[dict[str, Any]] = []
    if to_be and not added:
        if _defines_opportunity(base, p, s):
            opportunities.append({"ref": f"o-{base:04d}-{p}-{s}"})
    elif _defines_opportunity(base, p, s) or added:
        opportunities.append(
            {
                "id": f"o-{i:04d}-{p}-{s}",
                "text": f"Show stock per store for {PRODUCTS[base % len(PRODUCTS)]} at {phase}",
                "owner": TEAMS[k % len(TEAMS)],
                "priority": LEVELS[(k + 2) % 3],
                "status": STATUSES[k % 4],
                "impact": LEVELS[k % 3],
                "effort": LEVELS[(k // 3) % 3],
                "evidence": [_finding(n, k + 2)],
            }
        )
    if not to_be and p == 2 and s == 0 and i > 0:  # the same backlog item, defined in the as-is journey before
        before = i - 2 if is_to_be(i - 1, n) else i - 1
        opportunities.append({"ref": f"o-{before:04d}-0-0"})
    if opportunities:
        step["opportunities"] = opportunities
    if p in (2, 3):  # service-blueprint lanes in the buy and use phases
        step["frontstage"] = [f"{TEAMS[k % len(TEAMS)]} answers questions about delivery"]
        step["backstage"] = ["Warehouse reserves the item"]
        step["support"] = ["Order management system", "Payment provider"]
        if s == 0:
            step["fail_point"] = f"Payment provider times out at peak hours {_cite(2)}"
    return step


def journey(i: int, n: int) -> dict[str, Any]:
    to_be = is_to_be(i, n)
    base = i - 1 if to_be else i
    fw = _framework_of(i, n)
    phase_ids = [p[0] for p in PHASES] if fw == FRAMEWORK else BUILTIN_PHASES
    product = PRODUCTS[base % len(PRODUCTS)]
    personas = persona_count(n)
    doc: dict[str, Any] = {"kind": "journey", "id": journey_id(i)}
    doc["title"] = f"Journey {i:04d}: {product} {NEEDS[base % len(NEEDS)]}" + (" (to be)" if to_be else "")
    doc["persona"] = f"persona-{base % personas:03d}" if base % 7 else [f"persona-{base % personas:03d}", f"persona-{(base + 1) % personas:03d}"]
    doc["framework"] = fw
    if to_be:
        doc["state"] = "to-be"
        doc["improves"] = journey_id(base)
    doc["summary"] = f"A customer needs **{product}** {NEEDS[base % len(NEEDS)]} {_cite(i)}."
    doc["scenario"] = f"On a weekday evening the old {product} breaks; the customer has two days {_cite(i + 1)}."
    doc["expectations"] = ["Stock is visible before the trip", "Someone answers within a minute"]
    doc["owner"] = TEAMS[base % len(TEAMS)]
    doc["tags"] = [product.split()[-1], "synthetic", "to-be" if to_be else "as-is"]
    doc["reviewed"] = _date(i, 2026 if i % 5 else 2025)
    phases = []
    for p, phase in enumerate(phase_ids):
        steps = _steps_in(base, p)
        if to_be and p == 1:
            steps += 1  # a step the future state adds
        if to_be and p == 3 and steps == 3:
            steps -= 1  # and one it removes
        entry: dict[str, Any] = {"phase": phase}
        if p % 2 == 0:
            entry["goal"] = f"Be there when the customer needs {product}"
        entry["steps"] = [_step(n, i, p, s, phase) for s in range(steps)]
        if p == 0:
            entry["checklist"] = [f"Do we know what triggers the need for {product}?"]
            entry["guidance"] = [f"Start where the customer is {_cite(i + p)}."]
        phases.append(entry)
    doc["phases"] = phases
    return doc


def metrics(n: int) -> dict[str, Any]:
    """The metrics, inline measurements (a journey, a phase and a step of each as-is journey) and the CSV file."""
    measurements = []
    for i in range(n):
        if is_to_be(i, n):
            continue
        jid = journey_id(i)
        first_phase = PHASES[0][0] if _framework_of(i, n) == FRAMEWORK else BUILTIN_PHASES[0]
        measurements.append({"metric": "csat", "at": jid, "value": round(3 + (i % 10) / 10, 1), "date": dt.date(2026, 6, 30)})
        measurements.append(
            {"metric": "csat", "at": f"{jid}#{first_phase}", "value": round(3.5 + (i % 5) / 10, 1), "date": dt.date(2026, 6, 30), "target": 4.5}
        )
        measurements.append({"metric": "wait-time", "at": f"{jid}/{first_phase}-1", "value": 2 + i % 7, "date": dt.date(2026, 9, 30)})
    return {"kind": "metrics", "metrics": METRICS, "measurements": measurements, "files": ["data/measurements.csv"]}


def measurements_csv(n: int) -> str:
    rows = ["metric,at,value,date,target"]
    for i in range(n):
        if is_to_be(i, n):
            continue
        buy = PHASES[2][0] if _framework_of(i, n) == FRAMEWORK else BUILTIN_PHASES[2]
        at = f"{journey_id(i)}/{buy}-1"
        for q, (month, day) in enumerate(((3, 31), (6, 30), (9, 30))):
            target = "12" if q == 2 else ""
            rows.append(f"drop-off,{at},{20 - q * 3 - i % 4},2026-{month:02d}-{day:02d},{target}")
        rows.append(f"effort,{at},{3 + i % 3}.5,2026-09-30,")
    return "\n".join(rows) + "\n"


INDEX_MD = """\
# Synthetic handbook

A handbook written by `bench/synthetic.py` for the benchmark of issue 13.

## Planned work

```journeybook
view: opportunities
status: [planned, doing]
priority: high
```

## The first journey

```journeybook
view: emotion-curve
journey: journey-0000
```
"""


def _dump(*docs: dict[str, Any]) -> str:
    return "---\n".join(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=False, width=120) for doc in docs)


def files(n: int) -> dict[str, str]:
    """Every file of the handbook of ``n`` journeys (``n`` >= 1), by path relative to the project folder."""
    if n < 1:
        raise ValueError("a handbook needs at least one journey")
    out: dict[str, str] = {}
    src = SOURCE
    out[f"{src}/framework.yml"] = _dump(framework())
    out[f"{src}/touchpoints.yml"] = _dump(touchpoints())
    out[f"{src}/sources.yml"] = _dump(sources())
    for p in range(persona_count(n)):
        out[f"{src}/personas/persona-{p:03d}.yml"] = _dump(persona(p))
    for r in range(research_count(n)):
        out[f"{src}/research/research-{r:04d}.yml"] = _dump(research(r))
    for i in range(n):
        out[f"{src}/journeys/{journey_id(i)}.yml"] = _dump(journey(i, n))
    out[f"{src}/metrics.yml"] = _dump(metrics(n))
    out[f"{src}/data/measurements.csv"] = measurements_csv(n)
    out["docs/index.md"] = INDEX_MD
    return dict(sorted(out.items()))


def digest(n: int) -> str:
    """sha256 over every file of the handbook of ``n`` journeys (paths and bytes): the same N, the same digest."""
    import hashlib

    h = hashlib.sha256()
    for rel, text in files(n).items():
        h.update(rel.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return h.hexdigest()


def write(project: Path, n: int) -> list[Path]:
    """Write the handbook of ``n`` journeys into ``project`` (the YAML and docs/; not mkdocs.yml)."""
    written = []
    for rel, text in files(n).items():
        path = Path(project) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
