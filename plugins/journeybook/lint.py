"""Lint: warnings about the content of a valid handbook, each with a stable rule id.

Validation (load → model → cross references) says whether a handbook *can* be read.
Lint says whether the map is doing its job as a customer journey map: does every bad
moment lead to an opportunity, does every opportunity have an owner, do the channels
agree, can the customer reach a person, and so on. Each rule rests on the method as the
sources describe it (see ``docs/reference/lint-rules.md``); each finding is a
:class:`~journeybook.diagnostics.Diagnostic` whose ``code`` is the rule id.

Usage::

    settings, problems = parse_settings({"no-direct-contact": "off"})   # from mkdocs.yml
    findings = lint(handbook, settings)                                  # sorted diagnostics

Rules never raise on an incomplete handbook (unknown ids, missing framework): what they
cannot resolve they skip, because validation reports it already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from .diagnostics import (
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
from .citations import cited_keys
from .handbook import Handbook
from .i18n import count
from .loader import load_file
from .model import Framework, Journey, LocalizedText, Node, Step, Touchpoint, shown

Subject = tuple[str, str]  # ("journey", id), ("persona", id), ("touchpoint", id), ("framework", id)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Finding:
    """What a rule's check yields: where, what (bilingual), and what it is about.

    ``anchor`` identifies the thing the finding is about (e.g. one step), so that a rule
    can stand back for another that already reports the same thing (:attr:`Rule.yields_to`).
    """

    location: Location
    text: Text
    subject: Optional[Subject] = None
    anchor: object = None


@dataclass(frozen=True)
class LintDiagnostic(Diagnostic):
    """A lint finding: a :class:`Diagnostic` that also knows which journey (or persona, …) it is about."""

    subject: Optional[Subject] = None

    @property
    def journey(self) -> Optional[str]:
        return self.subject[1] if self.subject and self.subject[0] == "journey" else None


@dataclass(frozen=True)
class Rule:
    id: str  # stable: used in settings, JSON output and the docs' anchors
    severity: Severity  # the default severity
    title: Msg  # one line
    reason: Msg  # why it matters
    source: str  # bibliography key(s) it rests on, "; "-separated ("" = a journeybook house rule)
    check: Callable[[Handbook], Iterable[Finding]]
    citation: str = ""  # the same in pandoc form, with page numbers: "[@visser2015, p. 369]"
    yields_to: tuple[str, ...] = ()  # skip a finding when one of these rules (if on) reports the same anchor

    @property
    def source_keys(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in self.source.split(";") if k.strip())


SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SETTING_VALUES: tuple[str, ...] = ("off", "info", "warning", "error")


# --------------------------------------------------------------------------- helpers


def _esc(text: str) -> str:
    """Author text as a message template: braces are literal."""
    return text.replace("{", "{{").replace("}", "}}")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_msg(text: Optional[LocalizedText], fallback: str, limit: int = 80) -> Msg:
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


def _framework_of(hb: Handbook, journey: Journey) -> Optional[Framework]:
    return hb.frameworks.get(journey.framework or hb.default_framework)


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


def check_opportunity_without_owner(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        for _phase, step in journey.steps():
            for opp in step.opportunities:
                if opp.owner is None or not str(opp.owner).strip():
                    if opp.status == "done":
                        continue  # finished work needs nobody to drive it
                    yield Finding(opp.loc(), Text(M_NO_OWNER, {"text": _text_msg(opp.text, "", 60)}), _subject(journey))


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
    low = text.lower()
    for term in _terms(tp):
        if re.search(r"(?<![\w-])" + re.escape(term) + r"(?:s|'s|en)?(?![\w-])", low):
            return True
    return False


def _named_touchpoints(hb: Handbook, text: Optional[LocalizedText]) -> list[Touchpoint]:
    if text is None:
        return []
    variants = text.all()
    return [tp for tp in hb.touchpoints.values() if any(_names(v, tp) for v in variants)]


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


def purchase_phase(framework: Framework) -> Optional[str]:
    """The id of the framework's purchase phase: one marked ``purchase: true``, else the first
    whose id is in :data:`PURCHASE_PHASES`; None when there is none."""
    for phase in framework.phases:
        if getattr(phase, "purchase", None) is True:
            return phase.id
    return next((p.id for p in framework.phases if p.id in PURCHASE_PHASES), None)


def phases_after_purchase(framework: Framework) -> list[str]:
    ids = framework.phase_ids()
    buy = purchase_phase(framework)
    return ids[ids.index(buy) + 1 :] if buy is not None else []


def offers_help(tp: Touchpoint) -> bool:
    """A touchpoint where the customer can get help or complain.

    ``help: true/false`` in the catalog decides when the model has that field; otherwise a
    direct-contact touchpoint, or one whose id or name contains a word of :data:`HELP_WORDS`.
    """
    explicit = getattr(tp, "help", None)
    if isinstance(explicit, bool):
        return explicit
    if tp.direct:
        return True
    texts = [tp.id.replace("-", " "), *(tp.name.all() if tp.name is not None else [])]
    return any(word in t.lower() for t in texts for word in HELP_WORDS)


def check_no_help_after_purchase(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        framework = _framework_of(hb, journey)
        if framework is None:
            continue
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


def _uncited(owner: Node, index: int, text: LocalizedText, subject: Subject) -> Optional[Finding]:
    cited = [(path, any(True for _ in cited_keys(v))) for path, v in text.variants()]
    missing = [path for path, ok in cited if not ok]
    if not missing:
        return None
    where = owner.loc("guidance", index, *missing[0])
    if len(missing) == len(cited):
        return Finding(where, Text(M_UNCITED), subject)
    lang = missing[0][0]
    return Finding(where, Text(M_UNCITED_LANG, {"lang": LANGUAGE_NAMES.get(lang, Msg(lang, lang))}), subject)


def check_uncited_guidance(hb: Handbook) -> Iterator[Finding]:
    for node in hb.nodes():  # the handbook's own files: built-in guidance is checked by its tests
        if isinstance(node, Framework):
            subject: Subject = ("framework", node.id)
            owners: list[Node] = list(node.phases)
        elif isinstance(node, Journey):
            subject = _subject(node)
            owners = list(node.phases)
        else:
            continue
        for owner in owners:
            for i, text in enumerate(getattr(owner, "guidance")):
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


def check_missing_phase(hb: Handbook) -> Iterator[Finding]:
    for journey in hb.journeys.values():
        framework = _framework_of(hb, journey)
        if framework is None:
            continue
        present = {p.phase for p in journey.phases}
        missing = [p for p in framework.phases if p.id not in present and getattr(p, "optional", None) is not True]
        if not missing:
            continue
        args = {
            "framework": _text_msg(framework.name, framework.id),
            "phases": _join([_text_msg(p.name, p.id) for p in missing]),
        }
        yield Finding(journey.loc("phases", key=True), Text(M_MISSING_PHASE, args), _subject(journey))


# --------------------------------------------------------------------------- the rules

_RULES: tuple[Rule, ...] = (
    Rule(
        id="negative-without-opportunity",
        severity="warning",
        title=Msg(
            "A step where the customer feels bad has no opportunity",
            "Een stap waar de klant zich slecht voelt, heeft geen kans",
        ),
        reason=Msg(
            "The bad moments on a map are the raw material for improving the website, the campaign or the "
            "service. A map that records a bad moment without saying what to do about it stops halfway: the "
            "making of a map goes from pain points to opportunities.",
            "De slechte momenten op een map zijn het materiaal om website, campagne of service te verbeteren. "
            "Een map die een slecht moment vastlegt zonder te zeggen wat we ermee doen, stopt halverwege: het "
            "maken van een map gaat van pijnpunten naar kansen.",
        ),
        source="b2bmarketeers2018; nijhuis2016",
        citation="[@b2bmarketeers2018; @nijhuis2016]",
        check=check_negative_without_opportunity,
    ),
    Rule(
        id="no-direct-contact",
        severity="warning",
        title=Msg(
            "A journey has no direct contact with a person",
            "Een journey heeft geen direct contact met een mens",
        ),
        reason=Msg(
            "Of all touchpoints, direct contact with an employee (by phone, in a chat, in the store) weighs "
            "most in how the customer feels about us, and many companies let that moment pass. A journey "
            "without it leaves the strongest lever unused.",
            "Van alle touchpoints weegt direct contact met een medewerker (aan de telefoon, in een chat, in "
            "de winkel) het zwaarst in hoe de klant over ons denkt, en veel bedrijven laten dat moment "
            "liggen. Een journey zonder zo'n moment laat het sterkste middel ongebruikt.",
        ),
        source="visser2015",
        citation="[@visser2015, p. 369]",
        check=check_no_direct_contact,
    ),
    Rule(
        id="no-help-after-purchase",
        severity="warning",
        title=Msg(
            "After the purchase, the customer has nowhere to get help or complain",
            "Na de aankoop kan de klant nergens terecht voor hulp of een klacht",
        ),
        reason=Msg(
            "Whether a customer stays depends on how well we help when service is needed or something goes "
            "wrong. Complaints should be solved fast, through more than one way of contact, and a journey "
            "that goes wrong can still end well when help comes quickly.",
            "Of een klant blijft, hangt af van hoe goed we bijspringen wanneer hij service nodig heeft of iets "
            "misloopt. "
            "Klachten horen snel opgelost te worden, via meer dan één manier van contact, en een reis die "
            "misloopt kan alsnog goed eindigen als de hulp snel komt.",
        ),
        source="petersen2016; vanhooren; seed-digitale-strategie",
        citation="[@petersen2016, pp. 65-69; @vanhooren; @seed-digitale-strategie]",
        check=check_no_help_after_purchase,
    ),
    Rule(
        id="channel-mismatch",
        severity="warning",
        title=Msg(
            "Two channels tell the customer different things",
            "Twee kanalen vertellen de klant iets anders",
        ),
        reason=Msg(
            "Channels have to agree. An offer in the door-to-door leaflet that the webshop does not show "
            "hurts the customer's trust, and so does a price that differs between the store and the site.",
            "Kanalen moeten met elkaar kloppen. Een aanbieding in de huis-aan-huisfolder die de webshop niet "
            "laat zien, kost vertrouwen, net als een prijs die in de winkel anders is dan op de site.",
        ),
        source="seed-digitale-strategie",
        citation="[@seed-digitale-strategie]",
        check=check_channel_mismatch,
    ),
    Rule(
        id="unused-touchpoint",
        severity="info",
        title=Msg(
            "A touchpoint of the catalog is used by no journey",
            "Een touchpoint uit de catalogus zit in geen enkele journey",
        ),
        reason=Msg(
            "Every touchpoint shifts how the customer sees us, and each one belongs to a phase. A catalog "
            "entry that no journey places anywhere is either a contact moment nobody has mapped yet or one "
            "that no longer exists.",
            "Elk touchpoint verschuift hoe de klant ons ziet, en elk hoort bij een fase. Een touchpoint dat "
            "geen enkele journey ergens plaatst, is een contactmoment dat nog niemand in kaart bracht, of een "
            "dat niet meer bestaat.",
        ),
        source="seed-digitale-strategie; montix",
        citation="[@seed-digitale-strategie; @montix]",
        check=check_unused_touchpoint,
    ),
    Rule(
        id="pain-without-opportunity",
        severity="warning",
        title=Msg("A step has pain points but no opportunity", "Een stap heeft pijnpunten maar geen kans"),
        reason=Msg(
            "Marking pain points is only half of the method; the next step is to derive opportunities from "
            "them. A pain point without an opportunity is a known problem nobody is going to fix.",
            "Pijnpunten markeren is maar de helft van de methode; de volgende stap is er kansen uit afleiden. "
            "Een pijnpunt zonder kans is een bekend probleem dat niemand gaat oplossen.",
        ),
        source="nijhuis2016; uxmastery2014; b2bmarketeers2018",
        citation="[@nijhuis2016; @uxmastery2014; @b2bmarketeers2018]",
        check=check_pain_without_opportunity,
        yields_to=("negative-without-opportunity",),
    ),
    Rule(
        id="opportunity-without-owner",
        severity="warning",
        title=Msg("An opportunity has no owner", "Een kans heeft geen eigenaar"),
        reason=Msg(
            "Assigning an owner to each opportunity is a step of making a map: without one, an improvement "
            "stays an idea on paper.",
            "Elke kans een eigenaar geven is een stap in het maken van een map: zonder eigenaar blijft een "
            "verbetering een idee op papier.",
        ),
        source="nijhuis2016; uxmastery2014",
        citation="[@nijhuis2016; @uxmastery2014]",
        check=check_opportunity_without_owner,
    ),
    Rule(
        id="persona-without-urgency",
        severity="info",
        title=Msg(
            "A persona does not say how urgent their need is",
            "Een persona zegt niet hoe dringend de behoefte is",
        ),
        reason=Msg(
            "How urgent the customer's problem is decides how fast they look for a solution and how the "
            "advertising should speak to them: a farmer with a broken tractor cannot wait, a nail stylist "
            "can manage for a while without a new lamp.",
            "Hoe dringend het probleem van de klant is, bepaalt hoe snel hij een oplossing zoekt en hoe de "
            "advertenties hem moeten aanspreken: een boer met een kapotte tractor kan niet wachten, een "
            "nagelstyliste redt het een tijd zonder nieuwe lamp.",
        ),
        source="vanhooren",
        citation="[@vanhooren]",
        check=check_persona_without_urgency,
    ),
    Rule(
        id="uncited-guidance",
        severity="warning",
        title=Msg("A piece of guidance names no source", "Een richtlijn noemt geen bron"),
        reason=Msg(
            "Guidance tells teams what to do. Without a source, a reader cannot check whether the advice "
            "rests on the method or on someone's habit, and nobody knows what to re-read when the map is "
            "revisited. This is a house rule of journeybook: its built-in guidance follows it too.",
            "Richtlijnen vertellen teams wat ze moeten doen. Zonder bron kan een lezer niet nagaan of het "
            "advies op de methode rust of op iemands gewoonte, en weet niemand wat hij moet nalezen als de "
            "map opnieuw wordt doorgelopen. Dit is een huisregel van journeybook: de ingebouwde richtlijnen "
            "volgen hem ook.",
        ),
        source="",
        citation="",
        check=check_uncited_guidance,
    ),
    Rule(
        id="missing-phase",
        severity="info",
        title=Msg("A journey leaves out phases of its framework", "Een journey laat fasen van zijn framework weg"),
        reason=Msg(
            "Each phase has its own questions, from how the customer finds us to whether they come back. A "
            "left-out phase is fine when the customer really skips it, but it is easy to forget the phases "
            "after the purchase, where repeat business and recommendations are won.",
            "Elke fase heeft haar eigen vragen, van hoe de klant ons vindt tot of hij terugkomt. Een fase "
            "weglaten mag als de klant haar echt overslaat, maar de fasen na de aankoop, waar herhaalaankopen "
            "en aanbevelingen worden gewonnen, zijn snel vergeten.",
        ),
        source="petersen2016; klantreis-vijf-fasen; montix; vanhooren",
        citation="[@petersen2016, pp. 65-69; @klantreis-vijf-fasen; @montix; @vanhooren]",
        check=check_missing_phase,
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""Every rule, in the documented order (the order of the reference page)."""


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

Where = Union[Location, Callable[[Optional[str]], Optional[Location]], None]


def _where(where: Where, key: Optional[str]) -> Optional[Location]:
    return where(key) if callable(where) else where


def default_settings() -> dict[str, Optional[Severity]]:
    return {rule.id: rule.severity for rule in RULES.values()}


def parse_settings(
    raw: Mapping[str, Any] | bool | None, where: Where = None
) -> tuple[dict[str, Optional[Severity]], list[Diagnostic]]:
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


# --------------------------------------------------------------------------- lint


def lint(hb: Handbook, settings: Mapping[str, Optional[Severity]] | None = None) -> list[Diagnostic]:
    """Every finding of every rule that is on, as sorted diagnostics (``code`` = rule id).

    ``settings`` comes from :func:`parse_settings`; rules it leaves out keep their default.
    """
    effective = default_settings()
    for rule_id, severity in (settings or {}).items():
        if rule_id not in RULES:
            raise ValueError(f"unknown lint rule {rule_id!r} (parse settings with parse_settings())")
        if severity is not None and severity not in SEVERITIES:
            raise ValueError(f"bad severity {severity!r} for lint rule {rule_id!r}")
        effective[rule_id] = severity
    findings = {rule.id: list(rule.check(hb)) for rule in RULES.values() if effective[rule.id] is not None}
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


def journey_of(d: Diagnostic, hb: Handbook) -> Optional[str]:
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
    id: Optional[str]
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def count(self, severity: Severity) -> int:
        return sum(d.severity == severity for d in self.diagnostics)


def health(hb: Handbook, diagnostics: Iterable[Diagnostic]) -> list[HealthGroup]:
    """Findings grouped for ``playbook/health/``: one group per journey (all journeys, in the
    handbook's order, also those without findings), then personas, touchpoints and frameworks
    with findings, then whatever belongs to none of them."""
    by_subject: dict[tuple[str, Optional[str]], list[Diagnostic]] = {}
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


def as_record(d: Diagnostic, base: Optional[Path] = None, lang: str = "en") -> dict[str, Any]:
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


# --------------------------------------------------------------------------- reading mkdocs.yml (for the CLI)

M_NO_CONFIG = Msg("cannot read {path}: {reason}", "kan {path} niet lezen: {reason}")
M_NOT_FOUND = Msg("the file does not exist", "het bestand bestaat niet")


def read_plugin_config(mkdocs_yml: Path) -> tuple[dict[str, Any], Where, list[Diagnostic]]:
    """The ``journeybook`` plugin's options from an ``mkdocs.yml``, without running MkDocs.

    Uses journeybook's own YAML loader, which accepts MkDocs' custom tags (``!ENV``,
    ``!!python/name:...``): a tagged value keeps its text, so the rest of the file still
    reads. Returns the options (``{}`` when the plugin is not listed), a ``where`` for
    :func:`parse_settings` pointing at ``lint.<rule>`` in the file, and problems that make
    the file unreadable (tag warnings are dropped: MkDocs itself accepts those tags).
    """
    path = Path(mkdocs_yml)
    if not path.is_file():
        where = Location(path.absolute())
        return {}, None, [diagnostic(where, "config-unreadable", M_NO_CONFIG, path=str(path), reason=M_NOT_FOUND)]
    documents, problems = load_file(path)
    fatal = [p for p in problems if p.code in _FATAL_YAML]
    if not documents:
        return {}, None, fatal
    doc = documents[0]
    data = doc.data if isinstance(doc.data, dict) else {}
    plugins = data.get("plugins")
    entries: list[tuple[tuple, Any]] = []
    if isinstance(plugins, list):
        for i, item in enumerate(plugins):
            if item == "journeybook":
                entries.append((("plugins", i), {}))
            elif isinstance(item, dict) and "journeybook" in item:
                entries.append((("plugins", i, "journeybook"), item["journeybook"]))
    elif isinstance(plugins, dict) and "journeybook" in plugins:
        entries.append((("plugins", "journeybook"), plugins["journeybook"]))
    if not entries:
        return {}, None, fatal
    prefix, options = entries[0]
    options = dict(options) if isinstance(options, dict) else {}

    def where(rule_id: Optional[str]) -> Location:
        lint_path = prefix + ("lint",)
        return doc.locate(lint_path + (rule_id,), key=True) if rule_id is not None else doc.locate(lint_path)

    return options, where, fatal


# Loader problems that leave mkdocs.yml unread (a tag or a duplicate key does not: MkDocs reads those too).
_FATAL_YAML = {
    "yaml-syntax", "yaml-tab", "yaml-encoding", "yaml-bomb", "yaml-too-deep", "file-too-large", "file-unreadable",
}  # fmt: skip
