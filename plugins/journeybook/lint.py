"""Lint: warnings about the content of a valid handbook, each with a stable rule id.

Validation (load → model → cross references) says whether a handbook *can* be read.
Lint says whether the map is doing its job as a customer journey map: does every bad
moment lead to an opportunity, does every opportunity have an owner, do the channels
agree, can the customer reach a person, and so on. Each finding is a
:class:`~journeybook.diagnostics.Diagnostic` whose ``code`` is the rule id.

A rule is data plus a check. The data (id, default level, and in English and Dutch the
title, the reason with the sources it rests on, and what the reference pages say about it)
is in ``builtin/lint/rules.yml``; the check is the function below registered for the id with
:func:`rule_check`. :data:`RULES` joins the two, in the order of the data file. The health
page and the reference pages (:mod:`journeybook.lint_docs`) are made from :data:`RULES`.

Usage::

    settings, problems = parse_settings({"no-direct-contact": "off"})   # from mkdocs.yml
    findings = lint(handbook, settings)                                  # sorted diagnostics
    findings = lint(handbook, settings, LintContext(review_days=180, build_date=date(2026, 12, 1)))

A few rules depend on more than the handbook: ``stale-review`` measures the age of a
``reviewed`` date against the build date (today, or ``SOURCE_DATE_EPOCH`` when set, see
:func:`build_date`) and the plugin's ``review_days``. They get a :class:`LintContext`.

Rules never raise on an incomplete handbook (unknown ids, missing framework): what they
cannot resolve they skip, because validation reports it already.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from . import backlog, future, metrics
from .citations import cited_keys
from .diagnostics import (
    LANGUAGES,
    Count,
    Diagnostic,
    Location,
    Msg,
    Severity,
    Text,
    diagnostic,
    display_path,
    sort_diagnostics,
    suggestion,
)
from .evidence import pain_level, step_level
from .handbook import Handbook
from .i18n import count
from .loader import Document, load_file
from .model import Framework, FrameworkPhase, Journey, JourneyPhase, LocalizedText, Record, Step, Touchpoint, shown

Subject = tuple[str, str]  # ("journey", id), ("persona", id), ("touchpoint", id), ("framework", id)

RULES_FILE = Path(__file__).parent / "builtin" / "lint" / "rules.yml"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Finding:
    """What a rule's check yields: where, what (bilingual), and what it is about.

    ``anchor`` identifies the thing the finding is about (e.g. one step), so that a rule
    can stand back for another that already reports the same thing (:attr:`Rule.yields_to`).
    """

    location: Location
    text: Text
    subject: Subject | None = None
    anchor: object = None


@dataclass(frozen=True)
class LintDiagnostic(Diagnostic):
    """A lint finding: a :class:`Diagnostic` that also knows which journey (or persona, …) it is about."""

    subject: Subject | None = None

    @property
    def journey(self) -> str | None:
        return self.subject[1] if self.subject and self.subject[0] == "journey" else None


DEFAULT_REVIEW_DAYS = 365
"""How many days a ``reviewed`` date may lie before the build date (the plugin's ``review_days``)."""


@dataclass(frozen=True)
class LintContext:
    """What some rules need besides the handbook: the plugin's ``review_days`` and the build date.

    ``build_date`` None means "when lint runs": today in UTC, or the day of
    ``SOURCE_DATE_EPOCH`` when that is set (:func:`build_date`).
    """

    review_days: int = DEFAULT_REVIEW_DAYS
    build_date: date | None = None

    def today(self) -> date:
        return self.build_date if self.build_date is not None else build_date()[0]


Check = Callable[[Handbook], Iterable[Finding]]
ContextCheck = Callable[[Handbook, LintContext], Iterable[Finding]]
C = TypeVar("C", bound=Callable[..., Iterable[Finding]])


@dataclass(frozen=True)
class RegisteredCheck:
    check: Check | ContextCheck
    yields_to: tuple[str, ...] = ()  # skip a finding when one of these rules (if on) reports the same anchor
    uses_context: bool = False  # the check is ``check(hb, context)``

    def run(self, hb: Handbook, context: LintContext) -> Iterable[Finding]:
        return self.check(hb, context) if self.uses_context else self.check(hb)  # type: ignore[call-arg]


CHECKS: dict[str, RegisteredCheck] = {}
"""Rule id → its check, filled by :func:`rule_check`."""


def rule_check(rule_id: str, *, yields_to: tuple[str, ...] = (), uses_context: bool = False) -> Callable[[C], C]:
    """Register the decorated function as the check of the rule ``rule_id`` (its data is in ``rules.yml``).

    With ``uses_context`` the check is called as ``check(hb, context)`` with a :class:`LintContext`.
    """

    def register(check: C) -> C:
        if rule_id in CHECKS:
            raise ValueError(f"lint rule {rule_id!r} has two checks")
        CHECKS[rule_id] = RegisteredCheck(check, yields_to, uses_context)
        return check

    return register


@dataclass(frozen=True)
class Rule:
    id: str  # stable: used in settings, JSON output and the docs' anchors
    severity: Severity  # the default severity
    title: Msg  # one line
    reason: Msg  # why it matters, citing its sources in pandoc form: "… [@visser2015, p. 369]."
    where: Msg  # where a finding points (reference pages)
    checks: Msg  # what exactly the rule looks at (reference pages; see lint_docs.facts)
    fix: Msg  # how to make a finding go away (reference pages)
    check: Check | ContextCheck
    house_rule: bool = False  # rests on no source: a rule of journeybook's own
    yields_to: tuple[str, ...] = ()  # skip a finding when one of these rules (if on) reports the same anchor
    uses_context: bool = False  # the check is ``check(hb, context)``

    def run(self, hb: Handbook, context: LintContext | None = None) -> list[Finding]:
        """The check's findings (before :attr:`yields_to` is applied)."""
        context = context or LintContext()
        return list(self.check(hb, context) if self.uses_context else self.check(hb))  # type: ignore[call-arg]

    @property
    def source_keys(self) -> tuple[str, ...]:
        """The bibliography keys the reason cites, in order of first citation."""
        return tuple(dict.fromkeys(key for key, _offset in cited_keys(self.reason.en)))


SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SETTING_VALUES: tuple[str, ...] = ("off", "info", "warning", "error")
DEFAULT_LEVELS: tuple[str, ...] = ("warning", "info")  # what rules.yml may give as a rule's level
TEXT_FIELDS: tuple[str, ...] = ("title", "reason", "where", "checks", "fix")


# --------------------------------------------------------------------------- helpers


def _esc(text: str) -> str:
    """Author text as a message template: braces are literal."""
    return text.replace("{", "{{").replace("}", "}}")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_msg(text: LocalizedText | None, fallback: str, limit: int = 80) -> Msg:
    """Author text as a :class:`Msg`, so that a message shows it in the reader's language."""
    if text is None:
        return Msg(_esc(fallback), _esc(fallback))
    return Msg(_esc(_short(text.get("en"), limit)), _esc(_short(text.get("nl"), limit)))


def _join(msgs: list[Msg]) -> Msg:
    return Msg(", ".join(m.en for m in msgs), ", ".join(m.nl for m in msgs))


def _tp_name(hb: Handbook, ref: str) -> Msg:
    tp = hb.touchpoints.get(ref)
    return _text_msg(tp.name if tp is not None else None, ref)


def _phase_name(framework: Framework, phase_id: str) -> Msg:
    phase = framework.phase(phase_id)
    return _text_msg(phase.name if phase is not None else None, phase_id)


def _subject(journey: Journey) -> Subject:
    return ("journey", journey.id)


CHANNELS = {"online": Msg("online", "online"), "offline": Msg("offline", "offline")}


# --------------------------------------------------------------------------- rule: negative-without-opportunity

M_NEGATIVE_EMOTION = Msg(
    "at “{step}” the customer feels bad (emotion {emotion}) and no opportunity says what we will do "
    "about it; add an opportunity to this step",
    "bij “{step}” voelt de klant zich slecht (emotie {emotion}) en geen kans zegt wat we eraan gaan "
    "doen; voeg een kans toe aan deze stap",
)
M_NEGATIVE_TOUCHPOINT = Msg(
    "at “{step}” touchpoint {touchpoint} works against us (sentiment: negative) and no opportunity says "
    "how to fix it; add an opportunity to this step",
    "bij “{step}” werkt touchpoint {touchpoint} tegen ons (sentiment: negative) en geen kans zegt hoe we "
    "dat oplossen; voeg een kans toe aan deze stap",
)


def _is_negative(step: Step) -> bool:
    return (step.emotion is not None and step.emotion <= -1) or any(u.sentiment == "negative" for u in step.touchpoints)


@rule_check("negative-without-opportunity")
def check_negative_without_opportunity(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            if step.opportunities or not _is_negative(step):
                continue
            action = _text_msg(step.action, "", 60)
            if step.emotion is not None and step.emotion <= -1:
                text = Text(M_NEGATIVE_EMOTION, {"step": action, "emotion": step.emotion})
                where = step.loc("emotion")
            else:
                use = next(u for u in step.touchpoints if u.sentiment == "negative")
                text = Text(M_NEGATIVE_TOUCHPOINT, {"step": action, "touchpoint": _tp_name(hb, use.ref)})
                where = use.loc("sentiment")
            yield Finding(where, text, _subject(journey), anchor=step.loc())


# --------------------------------------------------------------------------- rule: pain-without-opportunity

M_PAIN = Msg(
    "the step “{step}” has {count} and no opportunity; add an opportunity that answers “{pain}”",
    "de stap “{step}” heeft {count} en geen kans; voeg een kans toe die antwoord geeft op "
    "“{pain}”",
)


@rule_check("pain-without-opportunity", yields_to=("negative-without-opportunity",))
def check_pain_without_opportunity(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            if not step.pain_points or step.opportunities:
                continue
            first = step.pain_points[0]
            args = {
                "step": _text_msg(step.action, "", 60),
                "count": count(len(step.pain_points), "pain_point"),
                "pain": _text_msg(first.text, "", 60),
            }
            text = Text(M_PAIN, args)
            yield Finding(first.loc(), text, _subject(journey), anchor=step.loc())


# --------------------------------------------------------------------------- rule: opportunity-without-owner

M_NO_OWNER = Msg(
    "nobody owns the opportunity “{text}”; add 'owner:' with the team or person who will pick it up",
    "niemand is eigenaar van de kans “{text}”; voeg 'owner:' toe met het team of de persoon die hem oppakt",
)


@rule_check("opportunity-without-owner")
def check_opportunity_without_owner(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            for opp in step.opportunities:
                if opp.ref:
                    continue  # the same opportunity as its definition, which is judged where it stands
                if opp.owner is None or not str(opp.owner).strip():
                    if opp.status == "done":
                        continue  # finished work needs nobody to drive it
                    yield Finding(opp.loc(), Text(M_NO_OWNER, {"text": _text_msg(opp.text, "", 60)}), _subject(journey))


# --------------------------------------------------------------------------- rule: assumed-pain-point

M_ASSUMED_STEP = Msg(
    "at “{step}” the customer feels bad (emotion {emotion}), but neither the step nor its pain points cite a "
    "research finding (findings of an opportunity support the improvement, not the feeling); add 'evidence:' "
    "with the finding that shows it, or check this moment with customers",
    "bij “{step}” voelt de klant zich slecht (emotie {emotion}), maar de stap en haar pijnpunten verwijzen naar "
    "geen onderzoeksbevinding (bevindingen bij een kans onderbouwen de verbetering, niet het gevoel); voeg "
    "'evidence:' toe met de bevinding die het laat zien, of toets dit moment bij klanten",
)
M_ASSUMED_PAIN = Msg(
    "the pain point “{pain}” rests on no research finding (it is assumed); add 'evidence:' with the finding "
    "that shows it, or check it with customers",
    "het pijnpunt “{pain}” rust op geen enkele onderzoeksbevinding (het is aangenomen); voeg 'evidence:' toe "
    "met de bevinding die het laat zien, of toets het bij klanten",
)


@rule_check("assumed-pain-point")
def check_assumed_pain_point(hb: Handbook) -> Iterator[Finding]:
    """A negative step or a pain point whose derived evidence level is ``assumed``.

    Only in a handbook that has research documents: before a team records any research,
    everything on its map is assumed and saying so at every pain point tells it nothing.
    A negative step that rests on nothing is reported once, at its emotion (its pain points
    then rest on nothing either); otherwise each assumed pain point is reported.
    """
    if not hb.research:
        return
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            if step.emotion is not None and step.emotion < 0 and step_level(hb, step) == "assumed":
                args = {"step": _text_msg(step.action, "", 60), "emotion": step.emotion}
                yield Finding(step.loc("emotion"), Text(M_ASSUMED_STEP, args), _subject(journey), anchor=step.loc())
                continue
            for pain in step.pain_points:
                if pain_level(hb, pain) == "assumed":
                    text = Text(M_ASSUMED_PAIN, {"pain": _text_msg(pain.text, "", 60)})
                    yield Finding(pain.loc(), text, _subject(journey), anchor=pain.loc())


# --------------------------------------------------------------------------- rule: off-target-without-opportunity

M_OFF_TARGET_ONE = Msg(
    "at “{step}” {metric} misses its target ({value} on {date}, target {target}) and no opportunity says how "
    "to close the gap; add an opportunity to this step",
    "bij “{step}” haalt {metric} het doel niet ({value} op {date}, doel {target}) en geen kans zegt hoe we dat "
    "verschil goedmaken; voeg een kans toe aan deze stap",
)
M_OFF_TARGET_MANY = Msg(
    "at “{step}” {count} miss their target ({metrics}) and no opportunity says how to close the gap; add an "
    "opportunity to this step",
    "bij “{step}” halen {count} hun doel niet ({metrics}) en geen kans zegt hoe we dat verschil goedmaken; voeg "
    "een kans toe aan deze stap",
)
M_OFF_TARGET_ITEM = Msg("{metric} {value} on {date}, target {target}", "{metric} {value} op {date}, doel {target}")


def _number(value: float, unit: str | None = None) -> Msg:
    """A measured value as people write it (no trailing .0; a decimal comma in Dutch), with its unit."""
    value = round(float(value), 6)
    text = str(int(value)) if value.is_integer() else f"{value:.10g}"
    if "e" in text:  # very large or small: keep all digits
        text = f"{value:f}".rstrip("0").rstrip(".")
    suffix = _esc(unit or "")
    return Msg(_esc(text) + suffix, _esc(text.replace(".", ",")) + suffix)


@rule_check("off-target-without-opportunity")
def check_off_target_without_opportunity(hb: Handbook) -> Iterator[Finding]:
    """A step whose latest measurement of some metric misses its target, and that has no opportunity.

    One finding per step (at its ``id``), naming every metric that is off target there. A
    ``ref`` to an opportunity defined elsewhere counts: that work serves this step too.
    """
    off: dict[tuple[str, str], list[metrics.Series]] = {}
    for series in metrics.all_series(hb):
        if series.step is not None and series.phase is None and series.on_target is False:
            off.setdefault((series.journey, series.step), []).append(series)
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            found = off.get((journey.id, step.id or ""))
            if not found or step.opportunities:
                continue
            items = []
            for series in found:
                unit = series.metric.unit
                target = series.target if series.target is not None else 0.0  # on_target is False: never None
                items.append(
                    {
                        "metric": _text_msg(series.metric.name, series.metric.id),
                        "value": _number(series.latest.value, unit),
                        "date": series.latest.date.isoformat(),
                        "target": _number(target, unit),
                    }
                )
            step_name = _text_msg(step.action, "", 60)
            if len(items) == 1:
                text = Text(M_OFF_TARGET_ONE, {"step": step_name, **items[0]})
            else:
                listed = [Msg(*(_esc(Text(M_OFF_TARGET_ITEM, args).render(lang)) for lang in ("en", "nl"))) for args in items]
                args = {
                    "step": step_name,
                    "count": Count(len(items), ("metric", "metrics"), ("meetwaarde", "meetwaarden")),
                    "metrics": Msg("; ".join(m.en for m in listed), "; ".join(m.nl for m in listed)),
                }
                text = Text(M_OFF_TARGET_MANY, args)
            yield Finding(step.loc("id"), text, _subject(journey), anchor=step.loc())


# --------------------------------------------------------------------------- rule: fail-point-without-opportunity

M_FAIL_POINT = Msg(
    "at “{step}” the fail point “{fail}” has no opportunity that says how to prevent it or put it right for the "
    "customer; add an opportunity to this step",
    "bij “{step}” heeft het faalpunt “{fail}” geen kans die zegt hoe we het voorkomen of voor de klant herstellen; "
    "voeg een kans toe aan deze stap",
)


@rule_check("fail-point-without-opportunity", yields_to=("negative-without-opportunity", "pain-without-opportunity"))
def check_fail_point_without_opportunity(hb: Handbook) -> Iterator[Finding]:
    """A step with a ``fail_point`` (service blueprint) and no opportunity; a ``ref`` counts.

    Reported at the fail point, unless a rule that also asks for an opportunity at this
    step already reports it (one opportunity answers both).
    """
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            if step.fail_point is None or step.opportunities:
                continue
            args = {"step": _text_msg(step.action, "", 60), "fail": _text_msg(step.fail_point, "", 60)}
            yield Finding(step.loc("fail_point"), Text(M_FAIL_POINT, args), _subject(journey), anchor=step.loc())


# --------------------------------------------------------------------------- rule: high-impact-idle

M_IDLE = Msg(
    "the opportunity “{text}” has 'impact: high' but is still an idea, while “{other}” ('impact: {impact}') is "
    "being worked on{more}; plan or start it ('status: planned' or 'doing'), or lower its impact if it is worth "
    "less than thought",
    "de kans “{text}” heeft 'impact: high' maar is nog een idee, terwijl aan “{other}” ('impact: {impact}') al "
    "wordt gewerkt{more}; plan of start hem ('status: planned' of 'doing'), of verlaag de impact als hij minder "
    "oplevert dan gedacht",
)
M_IDLE_ONE_MORE = Msg(", as is one more of lower impact", ", net als aan nog één met minder impact")
M_IDLE_MORE = Msg(", as are {n} more of lower impact", ", net als aan nog {n} met minder impact")


@rule_check("high-impact-idle")
def check_high_impact_idle(hb: Handbook) -> Iterator[Finding]:
    """An opportunity with ``impact: high`` at ``status: idea`` while opportunities of lower impact
    are at ``status: doing``: reported once per opportunity (at its definition, whatever the
    number of steps that ``ref`` it), naming the doing one of lowest impact (the first of those)."""
    items = backlog.backlog(hb)
    doing = [i.opportunity for i in items if i.opportunity.status == "doing" and i.opportunity.impact in ("low", "medium")]
    if not doing:
        return
    doing.sort(key=lambda opp: backlog.RANK[opp.impact or "low"])  # stable: the first defined among equals
    other = doing[0]
    for item in items:
        opp = item.opportunity
        if opp.impact != "high" or opp.status != "idea":
            continue
        args = {
            "text": _text_msg(opp.text, opp.id or "", 60),
            "other": _text_msg(other.text, other.id or "", 60),
            "impact": other.impact,
            "more": _more(len(doing) - 1),
        }
        yield Finding(opp.loc("impact"), Text(M_IDLE, args), _subject(item.at.journey), anchor=opp.loc())


def _more(n: int) -> Text | str:
    if n == 0:
        return ""
    return Text(M_IDLE_ONE_MORE) if n == 1 else Text(M_IDLE_MORE, {"n": n})


# --------------------------------------------------------------------------- rule: to-be-not-better

M_NOT_BETTER = Msg(
    "this future state is not better than “{as_is}” in any phase (mean feeling per phase, now → designed: {phases}); "
    "raise 'emotion' at the steps the design improves, or rethink the design until the customer feels better "
    "somewhere",
    "dit toekomstbeeld is in geen enkele fase beter dan “{as_is}” (gemiddeld gevoel per fase, nu → ontwerp: {phases}); "
    "verhoog 'emotion' bij de stappen die het ontwerp verbetert, of herzie het ontwerp tot de klant zich ergens "
    "beter voelt",
)
M_NOT_BETTER_PHASE = Msg("{phase} {before} → {after}", "{phase} {before} → {after}")
M_NOTHING_TO_COMPARE = Msg(
    "this future state records no feeling in any phase where “{as_is}” records one, so nothing shows that it is "
    "better; add the 'emotion' the design aims for at its steps",
    "dit toekomstbeeld legt in geen enkele fase een gevoel vast waar “{as_is}” dat wel doet, dus niets laat zien dat "
    "het beter is; zet bij de stappen de 'emotion' waar het ontwerp op mikt",
)


@rule_check("to-be-not-better")
def check_to_be_not_better(hb: Handbook) -> Iterator[Finding]:
    """A to-be journey whose mean emotion is higher than its as-is journey's in no phase both record.

    Reported at ``improves``, listing each phase both record (before → after). A to-be
    journey with no phase to compare (no emotion where the as-is journey has one) is
    reported with its own message. ``improves`` that names no as-is journey is left to
    validation.
    """
    for journey in hb.journeys.values():
        comparison = future.compare(hb, journey)
        if comparison is None or comparison.better_somewhere:
            continue
        framework = hb.framework_of(journey)
        as_is = _text_msg(comparison.as_is.title, comparison.as_is.id, 60)
        both = [d for d in comparison.phases if d.before is not None and d.after is not None]
        if not both:
            text = Text(M_NOTHING_TO_COMPARE, {"as_is": as_is})
        else:
            items = []
            for d in both:
                args = {"phase": _phase_name(framework, d.phase), "before": _number(d.before or 0), "after": _number(d.after or 0)}
                items.append(Msg(*(_esc(Text(M_NOT_BETTER_PHASE, args).render(lang)) for lang in ("en", "nl"))))
            text = Text(M_NOT_BETTER, {"as_is": as_is, "phases": _join(items)})
        yield Finding(journey.loc("improves"), text, _subject(journey))


# --------------------------------------------------------------------------- rule: stale-review

M_STALE_JOURNEY = Msg(
    "this journey was last reviewed on {reviewed}, {age} before the build date ({today}), more than the {limit} "
    "allowed; walk it through again with what customers do now and update 'reviewed:'",
    "deze journey is voor het laatst beoordeeld op {reviewed}, {age} voor de builddatum ({today}), meer dan de "
    "toegestane {limit}; loop hem opnieuw door met wat klanten nu doen en werk 'reviewed:' bij",
)
M_STALE_PERSONA = Msg(
    "persona {persona} was last reviewed on {reviewed}, {age} before the build date ({today}), more than the {limit} "
    "allowed; check it against what customers do and say now and update 'reviewed:'",
    "persona {persona} is voor het laatst beoordeeld op {reviewed}, {age} voor de builddatum ({today}), meer dan de "
    "toegestane {limit}; toets de persona aan wat klanten nu doen en zeggen en werk 'reviewed:' bij",
)
DAYS = (("day", "days"), ("dag", "dagen"))


@rule_check("stale-review", uses_context=True)
def check_stale_review(hb: Handbook, context: LintContext) -> Iterator[Finding]:
    """A journey or persona whose ``reviewed`` date lies more than ``review_days`` before the build date.

    Reported at the date. Without ``reviewed`` nothing is reported: the rule judges the dates
    that are written down. A date after the build date is not reported either.
    """
    today = context.today()

    def args(reviewed: date) -> dict[str, object] | None:
        age = (today - reviewed).days
        if age <= context.review_days:
            return None
        return {
            "reviewed": reviewed.isoformat(),
            "age": Count(age, *DAYS),
            "today": today.isoformat(),
            "limit": Count(context.review_days, *DAYS),
        }

    for journey in hb.journeys.values():
        found = args(journey.reviewed) if journey.reviewed is not None else None
        if found is not None:
            yield Finding(journey.loc("reviewed"), Text(M_STALE_JOURNEY, found), _subject(journey))
    for persona in hb.personas.values():
        found = args(persona.reviewed) if persona.reviewed is not None else None
        if found is not None:
            found["persona"] = _text_msg(persona.name, persona.id)
            yield Finding(persona.loc("reviewed"), Text(M_STALE_PERSONA, found), ("persona", persona.id))


# --------------------------------------------------------------------------- rule: channel-mismatch

M_CHANNEL = Msg(
    "{a} ({channel_a}) and {b} ({channel_b}) do not match at this step: “{evidence}”; make sure that what "
    "one channel offers or promises can be found on the other one too",
    "{a} ({channel_a}) en {b} ({channel_b}) sluiten bij deze stap niet op elkaar aan: “{evidence}”; zorg dat "
    "wat het ene kanaal aanbiedt of belooft, ook via het andere te vinden is",
)


def _terms(tp: Touchpoint) -> list[str]:
    """The words a text may use for a touchpoint: its id (also with spaces) and its name(s)."""
    terms = {tp.id, tp.id.replace("-", " ")}
    if tp.name is not None:
        terms.update(n.strip() for n in tp.name.all() if n.strip())
    return sorted((t.lower() for t in terms if len(t) >= 3), key=len, reverse=True)


def _names(text: str, tp: Touchpoint) -> bool:
    """True when ``text`` names the touchpoint as a word (a plural or 's is fine: 'webshops')."""
    terms = tuple(_terms(tp))
    return bool(terms) and _naming(terms).search(text.lower()) is not None


@lru_cache(maxsize=4096)
def _naming(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of ``terms`` as a word (each may take a plural or 's)."""
    return re.compile("|".join(r"(?<![\w-])" + re.escape(term) + r"(?:s|'s|en)?(?![\w-])" for term in terms))


def _named_touchpoints(hb: Handbook, text: LocalizedText | None) -> list[Touchpoint]:
    if text is None:
        return []
    variants = text.all()
    return [tp for tp in hb.touchpoints.values() if any(_names(v, tp) for v in variants)]


@rule_check("channel-mismatch")
def check_channel_mismatch(hb: Handbook) -> Iterator[Finding]:
    """A touchpoint at a step and one on the other channel named in the step's problem text.

    Two triggers, both within one step:

    1. a touchpoint used with ``sentiment: negative`` whose ``note`` names a catalog
       touchpoint on the other channel (online vs offline);
    2. a pain point that names a touchpoint the step uses *and* a catalog touchpoint on
       the other channel.

    Reported once per step and pair, at the first of the pair the step uses.
    """
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            used = [(u, hb.touchpoints[u.ref]) for u in step.touchpoints if u.ref in hb.touchpoints]
            used = [(u, tp) for u, tp in used if tp.channel is not None]
            pairs: dict[frozenset[str], Msg] = {}  # the two touchpoint ids → the text that shows it
            for use, tp in used:
                if use.sentiment == "negative":
                    for other in _named_touchpoints(hb, use.note):
                        if other.channel not in (None, tp.channel):
                            pairs.setdefault(frozenset((tp.id, other.id)), _text_msg(use.note, "", 90))
            for pain in step.pain_points:
                named = _named_touchpoints(hb, pain.text)
                named_ids = {n.id for n in named}
                for _use, tp in used:
                    if tp.id not in named_ids:
                        continue
                    for other in named:
                        if other.channel not in (None, tp.channel):
                            pairs.setdefault(frozenset((tp.id, other.id)), _text_msg(pain.text, "", 90))
            for pair, evidence in pairs.items():
                use, a = next((u, tp) for u, tp in used if tp.id in pair)  # the first of the two in the step
                b = hb.touchpoints[next(i for i in pair if i != a.id)]
                args = {
                    "a": _text_msg(a.name, a.id),
                    "b": _text_msg(b.name, b.id),
                    "channel_a": CHANNELS[a.channel or "online"],
                    "channel_b": CHANNELS[b.channel or "online"],
                    "evidence": evidence,
                }
                yield Finding(use.loc("ref"), Text(M_CHANNEL, args), _subject(journey))


# --------------------------------------------------------------------------- rule: no-direct-contact

M_NO_DIRECT = Msg(
    "no step of this journey brings the customer in direct contact with a person (a touchpoint with "
    "'direct: true', such as the phone, a chat or store staff); add one where the customer would want "
    "to talk to someone",
    "geen enkele stap van deze journey brengt de klant in direct contact met een mens (een touchpoint met "
    "'direct: true', zoals de telefoon, een chat of winkelpersoneel); voeg er een toe waar de klant "
    "iemand zou willen spreken",
)


@rule_check("no-direct-contact")
def check_no_direct_contact(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        steps = [step for _phase, step in journey.steps()]
        if not steps:
            continue  # nothing mapped yet
        if any(hb.touchpoints[u.ref].direct for s in steps for u in s.touchpoints if u.ref in hb.touchpoints):
            continue
        yield Finding(journey.loc("phases", key=True), Text(M_NO_DIRECT), _subject(journey))


# --------------------------------------------------------------------------- rule: no-help-after-purchase

# Phase ids that mean "the customer buys" (an exact match; the first such phase counts).
PURCHASE_PHASES = (
    "purchase", "buy", "action", "order", "checkout", "conversion",
    "aankoop", "kopen", "koop", "actie", "bestellen", "afrekenen", "conversie",
)  # fmt: skip
# Words in a touchpoint's id or name that say the customer can ask for help or complain there.
HELP_WORDS = (
    "help", "hulp", "support", "service", "helpdesk", "servicedesk", "chat", "phone", "telefoon",
    "bellen", "call", "contact", "complaint", "klacht", "whatsapp",
)  # fmt: skip

M_NO_HELP = Msg(
    "after the purchase ({phases}) no step offers a way to get help or to complain; add a touchpoint such as "
    "the phone, a chat or customer service to one of these phases, or mark one in the catalog with "
    "'direct: true'",
    "na de aankoop ({phases}) biedt geen enkele stap een manier om hulp te krijgen of te klagen; voeg een "
    "touchpoint zoals de telefoon, een chat of de klantenservice toe aan een van deze fasen, of markeer er "
    "een in de catalogus met 'direct: true'",
)


def purchase_phase(framework: Framework) -> str | None:
    """The id of the framework's purchase phase: the first whose id is in :data:`PURCHASE_PHASES`;
    None when there is none."""
    return next((p.id for p in framework.phases if p.id in PURCHASE_PHASES), None)


def phases_after_purchase(framework: Framework) -> list[str]:
    ids = framework.phase_ids()
    buy = purchase_phase(framework)
    return ids[ids.index(buy) + 1 :] if buy is not None else []


def offers_help(tp: Touchpoint) -> bool:
    """A touchpoint where the customer can get help or complain.

    A direct-contact touchpoint, or one whose id or name contains a word of :data:`HELP_WORDS`.
    """
    if tp.direct:
        return True
    texts = [tp.id.replace("-", " "), *(tp.name.all() if tp.name is not None else [])]
    return any(word in t.lower() for t in texts for word in HELP_WORDS)


@rule_check("no-help-after-purchase")
def check_no_help_after_purchase(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        framework = hb.framework_of(journey)
        after = set(phases_after_purchase(framework))
        phases = [p for p in journey.phases if p.phase in after]
        if not phases or not any(p.steps for p in phases):
            continue  # the journey does not map the time after the purchase (missing-phase tells)
        refs = {u.ref for p in phases for s in p.steps for u in s.touchpoints}
        if any(offers_help(hb.touchpoints[r]) for r in refs if r in hb.touchpoints):
            continue
        names = _join([_phase_name(framework, p.phase) for p in phases])
        yield Finding(phases[0].loc("phase"), Text(M_NO_HELP, {"phases": names}), _subject(journey))


# --------------------------------------------------------------------------- rule: unused-touchpoint

M_UNUSED = Msg(
    "no journey uses touchpoint {touchpoint}; add it to the steps where customers meet it, or remove it "
    "from the catalog",
    "geen enkele journey gebruikt touchpoint {touchpoint}; voeg het toe aan de stappen waar klanten het "
    "tegenkomen, of haal het uit de catalogus",
)


@rule_check("unused-touchpoint")
def check_unused_touchpoint(hb: Handbook) -> Iterator[Finding]:
    if not hb.journeys:
        return  # a catalog written before the first journey is not "unused"
    used = {u.ref for _j, _p, step in hb.steps() for u in step.touchpoints}
    for tp in hb.touchpoints.values():
        if tp.id not in used:
            yield Finding(tp.loc("id"), Text(M_UNUSED, {"touchpoint": tp.id}), ("touchpoint", tp.id))


# --------------------------------------------------------------------------- rule: persona-without-urgency

M_URGENCY = Msg(
    "persona {persona} has no 'urgency:'; say how urgent their need is (low, medium or high), so that the "
    "first phase and the advertising can match it",
    "persona {persona} heeft geen 'urgency:'; geef aan hoe dringend de behoefte is (low, medium of high), "
    "zodat de eerste fase en de advertenties daarop aansluiten",
)


@rule_check("persona-without-urgency")
def check_persona_without_urgency(hb: Handbook) -> Iterator[Finding]:
    for persona in hb.personas.values():
        if persona.urgency is None:
            text = Text(M_URGENCY, {"persona": _text_msg(persona.name, persona.id)})
            yield Finding(persona.loc("id"), text, ("persona", persona.id))


# --------------------------------------------------------------------------- rule: uncited-guidance

M_UNCITED = Msg(
    "this guidance names no source; add a citation like `[@key]` from the bibliography, so readers can "
    "check where the advice comes from",
    "deze richtlijn noemt geen bron; voeg een verwijzing als `[@key]` uit de bibliografie toe, zodat lezers "
    "kunnen nagaan waar het advies vandaan komt",
)
M_UNCITED_LANG = Msg(
    "the {lang} text of this guidance names no source (another language does); add the citation here too",
    "de tekst in het {lang} van deze richtlijn noemt geen bron (een andere taal wel); zet de verwijzing ook hier",
)
LANGUAGE_NAMES = {"en": Msg("English", "Engels"), "nl": Msg("Dutch", "Nederlands")}


def _uncited(owner: Record, index: int, text: LocalizedText, subject: Subject) -> Finding | None:
    cited = [(path, any(True for _ in cited_keys(v))) for path, v in text.variants()]
    missing = [path for path, ok in cited if not ok]
    if not missing:
        return None
    where = owner.loc("guidance", index, *missing[0])
    if len(missing) == len(cited):
        return Finding(where, Text(M_UNCITED), subject)
    lang = missing[0][0]
    return Finding(where, Text(M_UNCITED_LANG, {"lang": LANGUAGE_NAMES.get(lang, Msg(lang, lang))}), subject)


@rule_check("uncited-guidance")
def check_uncited_guidance(hb: Handbook) -> Iterator[Finding]:
    for node in hb.nodes():  # the handbook's own files: built-in guidance is checked by its tests
        if isinstance(node, Framework):
            subject: Subject = ("framework", node.id)
            owners: list[FrameworkPhase | JourneyPhase] = list(node.phases)
        elif isinstance(node, Journey):
            subject = _subject(node)
            owners = list(node.phases)
        else:
            continue
        for owner in owners:
            for i, text in enumerate(owner.guidance):
                found = _uncited(owner, i, text, subject)
                if found is not None:
                    yield found


# --------------------------------------------------------------------------- rule: missing-phase

M_MISSING_PHASE = Msg(
    "this journey leaves out phases of the framework {framework}: {phases}; add them if this customer "
    "goes through them too",
    "deze journey laat fasen van het framework {framework} weg: {phases}; voeg ze toe als deze klant er "
    "ook doorheen gaat",
)


@rule_check("missing-phase")
def check_missing_phase(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        framework = hb.framework_of(journey)
        present = {p.phase for p in journey.phases}
        missing = [p for p in framework.phases if p.id not in present]
        if not missing:
            continue
        args = {
            "framework": _text_msg(framework.name, framework.id),
            "phases": _join([_text_msg(p.name, p.id) for p in missing]),
        }
        yield Finding(journey.loc("phases", key=True), Text(M_MISSING_PHASE, args), _subject(journey))


# --------------------------------------------------------------------------- rule: no-persona

M_NO_PERSONA = Msg(
    "this journey names no persona; add 'persona:' with the id of the customer who travels it, so that "
    "every step is read through that customer's eyes",
    "deze journey noemt geen persona; voeg 'persona:' toe met de id van de klant die hem aflegt, zodat "
    "elke stap door de ogen van die klant wordt gelezen",
)


@rule_check("no-persona")
def check_no_persona(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        if not journey.persona:
            yield Finding(journey.loc("id"), Text(M_NO_PERSONA), _subject(journey))


# --------------------------------------------------------------------------- the rules: data + checks


def load_rules(path: Path, checks: Mapping[str, RegisteredCheck]) -> dict[str, Rule]:
    """Every rule of the data file at ``path``, in its order, each with its check from ``checks``.

    The file is journeybook's own: a mistake in it (a missing text, a rule without a check,
    a check without a rule, a rule that cites no source and is not marked ``house_rule``)
    is a bug, raised as a :class:`ValueError` that says where it is.
    """
    documents, problems = load_file(path)
    if problems or len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise ValueError(f"{path}: not a readable rules file: {'; '.join(p.format() for p in problems)}")
    doc = documents[0]
    entries = doc.data.get("rules")
    if not isinstance(entries, list):
        raise ValueError(f"{doc.locate(('rules',)).display()}: 'rules' must be a list")
    rules: dict[str, Rule] = {}
    for index in range(len(entries)):
        rule = _rule(doc, index, checks)
        if rule.id in rules:
            raise ValueError(f"{doc.locate(('rules', index, 'id')).display()}: lint rule {rule.id!r} is listed twice")
        rules[rule.id] = rule
    unlisted = [rule_id for rule_id in checks if rule_id not in rules]
    if unlisted:
        raise ValueError(f"{path}: no entry for the lint rule(s) {', '.join(unlisted)}, which have a check")
    for rule in rules.values():
        unknown = [other for other in rule.yields_to if other not in rules]
        if unknown:
            raise ValueError(f"lint rule {rule.id!r} yields to unknown rule(s) {', '.join(unknown)}")
    return rules


def _rule(doc: Document, index: int, checks: Mapping[str, RegisteredCheck]) -> Rule:
    """Entry ``index`` of the rules file as a :class:`Rule`."""
    entry = doc.data["rules"][index]

    def bad(reason: str, *keys: str, key: bool = False) -> ValueError:
        return ValueError(f"{doc.locate(('rules', index, *keys), key=key).display()}: {reason}")

    if not isinstance(entry, dict):
        raise bad("each rule is a mapping")
    unknown = sorted(set(entry) - {"id", "level", "house_rule", *TEXT_FIELDS})
    if unknown:
        raise bad(f"unknown key(s) {', '.join(unknown)}", unknown[0], key=True)
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or rule_id not in checks:
        raise bad(f"no check is registered for lint rule {rule_id!r} (@rule_check in lint.py)", "id")
    level = entry.get("level")
    if level not in DEFAULT_LEVELS:
        raise bad(f"'level' must be one of {', '.join(DEFAULT_LEVELS)}, not {level!r}", "level")
    house_rule = entry.get("house_rule", False)
    if not isinstance(house_rule, bool):
        raise bad("'house_rule' must be true or false", "house_rule")
    texts: dict[str, Msg] = {}
    for name in TEXT_FIELDS:
        value = entry.get(name)
        if not (isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES)):
            raise bad(f"'{name}' needs a text in each of {', '.join(LANGUAGES)}", name)
        texts[name] = Msg(value["en"], value["nl"])
    cited = {lang: {key for key, _offset in cited_keys(getattr(texts["reason"], lang))} for lang in LANGUAGES}
    if len({frozenset(keys) for keys in cited.values()}) > 1:
        raise bad("the reason cites other sources in one language than in another", "reason")
    if house_rule == bool(cited["en"]):
        raise bad("a rule either cites its sources in 'reason' or is marked 'house_rule: true'", "reason")
    registered = checks[rule_id]
    return Rule(
        id=rule_id, severity=level, house_rule=house_rule, check=registered.check, yields_to=registered.yields_to,
        uses_context=registered.uses_context, **texts,
    )  # fmt: skip


RULES: dict[str, Rule] = load_rules(RULES_FILE, CHECKS)
"""Every rule, in the documented order (the order of ``rules.yml`` and of the reference pages)."""


# --------------------------------------------------------------------------- settings

M_UNKNOWN_RULE = Msg("unknown lint rule {rule!r}{hint}", "onbekende lintregel {rule!r}{hint}")
M_BAD_SETTING = Msg(
    "{value} is not a setting for lint rule {rule!r}{hint}",
    "{value} is geen instelling voor lintregel {rule!r}{hint}",
)
M_BAD_LINT = Msg(
    "'lint' must be a mapping of rule ids to off, info, warning or error (or false to switch lint off), got {value}",
    "'lint' moet een mapping zijn van regel-id's naar off, info, warning of error (of false om lint uit te zetten), "
    "niet {value}",
)

Where = Location | Callable[[str | None], Location | None] | None


def _where(where: Where, key: str | None) -> Location | None:
    return where(key) if callable(where) else where


def default_settings() -> dict[str, Severity | None]:
    return {rule.id: rule.severity for rule in RULES.values()}


def parse_settings(
    raw: Mapping[str, Any] | bool | None, where: Where = None
) -> tuple[dict[str, Severity | None], list[Diagnostic]]:
    """Rule id → effective severity (None = off) for every rule, from the ``lint`` option.

    ``raw`` maps rule ids to ``off``, ``info``, ``warning`` or ``error``; ``false`` means off
    (YAML reads an unquoted ``off`` as false) and ``true`` means the rule's default. ``raw``
    itself may be ``false`` (all rules off) or ``None``/``true`` (all defaults). Problems come
    back as error diagnostics with a "did you mean"; the rule then keeps its default.
    ``where`` is the place to report them: a :class:`Location`, or a function from a rule id
    (None for the option itself) to a location.
    """
    settings = default_settings()
    problems: list[Diagnostic] = []
    if raw is None or raw is True:
        return settings, problems
    if raw is False:
        return {rule_id: None for rule_id in settings}, problems
    if not isinstance(raw, Mapping):
        return settings, [diagnostic(_where(where, None), "bad-lint-setting", M_BAD_LINT, value=shown(raw))]
    for key, value in raw.items():
        rule_id = str(key)
        if rule_id not in RULES:
            problems.append(
                diagnostic(
                    _where(where, rule_id), "unknown-lint-rule", M_UNKNOWN_RULE, rule=rule_id,
                    hint=suggestion(rule_id, RULES, limit=len(RULES)),
                )
            )  # fmt: skip
            continue
        if value is False:
            settings[rule_id] = None
        elif value is True:
            settings[rule_id] = RULES[rule_id].severity
        elif isinstance(value, str) and value.strip().lower() in SETTING_VALUES:
            word = value.strip().lower()
            settings[rule_id] = None if word == "off" else word  # type: ignore[assignment]
        else:
            problems.append(
                diagnostic(
                    _where(where, rule_id), "bad-lint-setting", M_BAD_SETTING, value=shown(value), rule=rule_id,
                    hint=suggestion(str(value), SETTING_VALUES),
                )
            )  # fmt: skip
    return settings, problems


# --------------------------------------------------------------------------- review_days and the build date

M_BAD_REVIEW_DAYS = Msg(
    "'review_days' must be a whole number of days, 1 or more, got {value}",
    "'review_days' moet een geheel aantal dagen zijn, 1 of meer, niet {value}",
)
M_BAD_EPOCH = Msg(
    "the environment variable SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 00:00 UTC "
    "(as `git log -1 --format=%ct` prints it), got {value}; the build date decides which review dates are too old",
    "de omgevingsvariabele SOURCE_DATE_EPOCH moet een geheel aantal seconden sinds 1970-01-01 00:00 UTC zijn "
    "(zoals `git log -1 --format=%ct` het toont), niet {value}; de builddatum bepaalt welke reviewdatums te oud zijn",
)


def parse_review_days(raw: object, where: Location | None = None) -> tuple[int, list[Diagnostic]]:
    """The ``review_days`` option: a whole number ≥ 1 (None: the default, 365).

    A wrong value is an error diagnostic at ``where``; the default then applies.
    """
    if raw is None:
        return DEFAULT_REVIEW_DAYS, []
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
        return raw, []
    return DEFAULT_REVIEW_DAYS, [diagnostic(where, "bad-review-days", M_BAD_REVIEW_DAYS, value=shown(raw))]


def build_date(environ: Mapping[str, str] | None = None) -> tuple[date, list[Diagnostic]]:
    """The date of this build: the UTC day of ``SOURCE_DATE_EPOCH`` when it is set, else today (UTC).

    ``SOURCE_DATE_EPOCH`` is the reproducible-builds convention (seconds since the epoch, as
    MkDocs also reads it), so a build of the same sources says the same on any day. A value
    that is not a whole number is an error diagnostic, and today is used.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    today = datetime.now(timezone.utc).date()
    if not raw:
        return today, []
    try:
        return datetime.fromtimestamp(int(raw), timezone.utc).date(), []
    except (ValueError, OverflowError, OSError):
        return today, [diagnostic(None, "bad-source-date-epoch", M_BAD_EPOCH, value=shown(raw))]


# --------------------------------------------------------------------------- lint


def lint(
    hb: Handbook, settings: Mapping[str, str | None] | None = None, context: LintContext | None = None
) -> list[Diagnostic]:
    """Every finding of every rule that is on, as sorted diagnostics (``code`` = rule id).

    ``settings`` comes from :func:`parse_settings` (rule id → severity, None = off); rules
    it leaves out keep their default. Anything else is a bug of the caller: ValueError.
    ``context`` holds ``review_days`` and the build date (default: 365 days, and the date
    :func:`build_date` gives when lint runs).
    """
    effective: dict[str, str | None] = dict(default_settings())
    for rule_id, severity in (settings or {}).items():
        if rule_id not in RULES:
            raise ValueError(f"unknown lint rule {rule_id!r} (parse settings with parse_settings())")
        if severity is not None and severity not in SEVERITIES:
            raise ValueError(f"bad severity {severity!r} for lint rule {rule_id!r}")
        effective[rule_id] = severity
    context = context or LintContext()
    if context.build_date is None:
        context = LintContext(context.review_days, context.today())  # one date for the whole run
    findings = {rule.id: rule.run(hb, context) for rule in RULES.values() if effective[rule.id] is not None}
    out: list[Diagnostic] = []
    for rule in RULES.values():
        if rule.id not in findings:
            continue
        taken = {f.anchor for other in rule.yields_to for f in findings.get(other, []) if f.anchor is not None}
        for f in findings[rule.id]:
            if f.anchor is not None and f.anchor in taken:
                continue
            severity = effective[rule.id]
            out.append(LintDiagnostic(f.location, rule.id, f.text, severity, f.subject))  # type: ignore[arg-type]
    return sort_diagnostics(out)


# --------------------------------------------------------------------------- grouping and output


def journey_of(d: Diagnostic, hb: Handbook) -> str | None:
    """The journey a diagnostic is about: carried by lint findings; for other diagnostics, the
    journey defined in the file it points at (when that file defines exactly one)."""
    subject = getattr(d, "subject", None)
    if subject is not None:
        return subject[1] if subject[0] == "journey" else None
    if d.location is None:
        return None
    ids = [j.id for j in hb.journeys.values() if j.doc is not None and j.doc.path == d.location.path]
    return ids[0] if len(ids) == 1 else None


@dataclass(frozen=True)
class HealthGroup:
    """The findings about one journey (or persona, touchpoint, framework), for the health page."""

    kind: str  # "journey" | "persona" | "touchpoint" | "framework" | "handbook"
    id: str | None
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def count(self, severity: Severity) -> int:
        return sum(d.severity == severity for d in self.diagnostics)


def health(hb: Handbook, diagnostics: Iterable[Diagnostic]) -> list[HealthGroup]:
    """Findings grouped for ``playbook/health/``: one group per journey (all journeys, in the
    handbook's order, also those without findings), then personas, touchpoints and frameworks
    with findings, then whatever belongs to none of them."""
    by_subject: dict[tuple[str, str | None], list[Diagnostic]] = {}
    for d in sort_diagnostics(diagnostics):
        subject = getattr(d, "subject", None)
        if subject is None:
            journey = journey_of(d, hb)
            subject = ("journey", journey) if journey else ("handbook", None)
        by_subject.setdefault(subject, []).append(d)
    groups = [HealthGroup("journey", jid, tuple(by_subject.pop(("journey", jid), []))) for jid in hb.journeys]
    order = {"persona": 0, "touchpoint": 1, "framework": 2, "journey": 3, "handbook": 4}
    for (kind, sid), diags in sorted(by_subject.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1] or "")):
        groups.append(HealthGroup(kind, sid, tuple(diags)))
    return groups


def as_record(d: Diagnostic, base: Path | None = None, lang: str = "en") -> dict[str, Any]:
    """One diagnostic as a JSON object: ``{file, line, column, severity, rule, message}``."""
    loc = d.location
    return {
        "file": display_path(loc.path, base) if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "severity": d.severity,
        "rule": d.code,
        "message": d.message(lang, base),
    }
