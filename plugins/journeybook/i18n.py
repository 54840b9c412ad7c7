"""Every label the generated site shows, in English and Dutch."""

from __future__ import annotations

from collections.abc import Mapping

from .diagnostics import LANGUAGES, Count, Msg

SUPPORTED = LANGUAGES

_LABELS: dict[str, tuple[str, str]] = {
    # sections and pages
    "playbook": ("Playbook", "Playbook"),
    "overview": ("Overview", "Overzicht"),
    "journeys": ("Journeys", "Journeys"),
    "journey": ("Journey", "Journey"),
    "personas": ("Personas", "Persona's"),
    "persona": ("Persona", "Persona"),
    "touchpoints": ("Touchpoints", "Touchpoints"),
    "touchpoint": ("Touchpoint", "Touchpoint"),
    "opportunities": ("Opportunities", "Kansen"),
    "checklists": ("Checklists", "Checklists"),
    "checklist": ("Checklist", "Checklist"),
    "aspect": ("Aspect", "Aspect"),
    "progress_phase": ("This phase: {done} of {total} ticked", "Deze fase: {done} van {total} afgevinkt"),
    "progress_journey": ("Whole journey: {done} of {total} ticked", "Hele journey: {done} van {total} afgevinkt"),
    "reset_ticks": ("Untick all", "Alles uitvinken"),
    "sources": ("Sources", "Bronnen"),
    "catalogs": ("Across all journeys", "Over alle journeys heen"),
    "pain-points": ("Pain points", "Pijnpunten"),
    "moments-of-truth": ("Moments of truth", "Momenten van de waarheid"),
    # insight pages
    "touchpoints_intro": (
        "Every touchpoint of the catalog: how often journeys use it, how it felt on average, and in which journeys.",
        "Alle touchpoints uit de catalogus: hoe vaak journeys ze gebruiken, hoe ze gemiddeld voelden en in welke journeys.",
    ),
    "opportunities_intro": (
        "The improvement backlog across all journeys: what to pick up first, and who owns it.",
        "De verbeterlijst over alle journeys heen: wat het eerst moet, en wie het oppakt.",
    ),
    "pain_points_intro": (
        "Pain points from all journeys, most severe first, then the ones that occur in the most journeys and steps.",
        "Pijnpunten uit alle journeys: de ernstigste eerst, daarna de pijnpunten die in de meeste journeys en stappen terugkomen.",
    ),
    "moments_intro": (
        "The steps where customers feel worst (feeling −1 or lower), lowest first, with the touchpoints involved.",
        "De stappen waar klanten zich het slechtst voelen (gevoel −1 of lager), de laagste eerst, met de touchpoints die erbij horen.",
    ),
    "checklists_intro": (
        "Every checklist, by journey and phase. Print this page to work through it on paper: each journey starts on a new page.",
        "Alle checklists per journey en fase. Druk deze pagina af om er op papier mee te werken: elke journey begint op een nieuwe pagina.",
    ),
    "uses": ("Uses", "Gebruik"),
    "average_sentiment": ("Average sentiment", "Gemiddeld sentiment"),
    "by_priority": ("By priority", "Per prioriteit"),
    "by_owner": ("By owner", "Per eigenaar"),
    "no_owner": ("No owner yet", "Nog geen eigenaar"),
    "opportunity": ("Opportunity", "Kans"),
    "addresses": ("Answers to", "Antwoord op"),
    "where": ("Where", "Waar"),
    "pain_point": ("Pain point", "Pijnpunt"),
    "health": ("Health", "Gezondheid"),
    "health_intro": (
        "What the method's rules notice in this handbook: gaps and contradictions worth a look. "
        "Each rule is explained at the end of the page, with the source it rests on.",
        "Wat de regels van de methode in dit handboek opvalt: gaten en tegenstrijdigheden om naar te kijken. "
        "Elke regel staat onderaan de pagina uitgelegd, met de bron waarop hij steunt.",
    ),
    "health_counts": ("{warnings}, {notes}.", "{warnings}, {notes}."),
    "health_clean": ("Nothing to report.", "Niets te melden."),
    "health_handbook": ("The handbook as a whole", "Het handboek als geheel"),
    "rules": ("Rules", "Regels"),
    "rule": ("Rule", "Regel"),
    "finding": ("Finding", "Bevinding"),
    "warning": ("warning", "waarschuwing"),
    "info": ("note", "opmerking"),
    "error": ("error", "fout"),
    "references": ("References", "Bronnen"),
    "guidance": ("Guidance", "Richtlijnen"),
    "framework": ("Phase model", "Fasemodel"),
    "phases": ("Phases", "Fasen"),
    "phase": ("Phase", "Fase"),
    # journey
    "summary": ("Summary", "Samenvatting"),
    "scenario": ("Scenario", "Scenario"),
    "expectations": ("Expectations", "Verwachtingen"),
    "owner": ("Owner", "Eigenaar"),
    "tags": ("Tags", "Tags"),
    "goal": ("Goal", "Doel"),
    "steps": ("Steps", "Stappen"),
    "step": ("Step", "Stap"),
    "action": ("Doing", "Doen"),
    "thinking": ("Thinking", "Denken"),
    "emotion": ("Feeling", "Voelen"),
    "pain_points": ("Pain points", "Pijnpunten"),
    "journey_grid": ("Journey at a glance", "Journey in één oogopslag"),
    "journey_map": ("Journey map", "Journeymap"),
    "emotion_curve": ("Emotion curve", "Emotiecurve"),
    "phase_pages": ("Phase by phase", "Fase voor fase"),
    "previous_phase": ("Previous phase", "Vorige fase"),
    "next_phase": ("Next phase", "Volgende fase"),
    "lowest_emotion": ("Lowest feeling", "Laagste gevoel"),
    "no_steps": ("No steps described yet.", "Nog geen stappen beschreven."),
    "note": ("Note", "Opmerking"),
    "sentiment": ("Sentiment", "Sentiment"),
    "severity": ("Severity", "Ernst"),
    "priority": ("Priority", "Prioriteit"),
    "status": ("Status", "Status"),
    "in_journey": ("Journey", "Journey"),
    # persona
    "role": ("Role", "Rol"),
    "urgency": ("Urgency", "Urgentie"),
    "quote": ("Quote", "Citaat"),
    "goals": ("Goals", "Doelen"),
    "jobs": ("Jobs to be done", "Taken"),
    "pains": ("Pains", "Pijnen"),
    "gains": ("Gains", "Winsten"),
    "channels": ("Preferred channels", "Voorkeurskanalen"),
    "value_map": ("Value map", "Waardekaart"),
    "products": ("Products and services", "Producten en diensten"),
    "pain_relievers": ("Pain relievers", "Pijnverzachters"),
    "gain_creators": ("Gain creators", "Winstmakers"),
    "appears_in": ("Journeys of this persona", "Journeys van deze persona"),
    "none": ("None yet.", "Nog geen."),
    # touchpoints
    "type": ("Type", "Type"),
    "channel": ("Channel", "Kanaal"),
    "direct": ("Direct contact", "Direct contact"),
    "used_in": ("Used in", "Gebruikt in"),
    "description": ("Description", "Beschrijving"),
    "unused": ("not used in any journey", "in geen enkele journey gebruikt"),
    # values
    "low": ("low", "laag"),
    "medium": ("medium", "middel"),
    "high": ("high", "hoog"),
    "positive": ("positive", "positief"),
    "neutral": ("neutral", "neutraal"),
    "negative": ("negative", "negatief"),
    "primary": ("primary", "primair"),
    "supporting": ("supporting", "ondersteunend"),
    "online": ("online", "online"),
    "offline": ("offline", "offline"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "idea": ("idea", "idee"),
    "planned": ("planned", "gepland"),
    "doing": ("doing", "bezig"),
    "done": ("done", "klaar"),
    "unset": ("not set", "niet ingevuld"),
    # sources
    "cited_on": ("Cited on", "Geciteerd op"),
    "all_sources": ("All sources cited in this handbook.", "Alle bronnen die dit handboek aanhaalt."),
    # serve error page
    "errors_intro": (
        "The playbook cannot be built until these problems in the handbook's files (YAML, CSV and pages) are fixed. "
        "This page updates by itself when you save a file.",
        "Het playbook kan niet worden gebouwd tot deze problemen in de bestanden van het handboek (YAML, CSV en pagina's) zijn opgelost. "
        "Deze pagina werkt zichzelf bij zodra je een bestand opslaat.",
    ),
    # diagrams
    "diagram_of": ("Journey map of {title}", "Journeymap van {title}"),
    "diagram_desc": (
        "Phases from left to right with the customer's steps in order; colour shows the feeling at each step.",
        "Fasen van links naar rechts met de stappen van de klant op volgorde; de kleur toont het gevoel bij elke stap.",
    ),
    # diagrams (helper)
    "map_legend": (
        "Each box is a step, coloured by how the customer feels: ▼▼ −2 very negative to ▲▲ +2 very positive, "
        "? not recorded. ⚠ counts pain points, ★ opportunities. Touchpoints hang below their step: "
        "rounded box online, house offline, oval channel not set, double border direct contact; "
        "a red dashed line marks a negative experience, a green line a positive one.",
        "Elk vak is een stap, gekleurd naar hoe de klant zich voelt: ▼▼ −2 zeer negatief tot ▲▲ +2 zeer positief, "
        "? niet ingevuld. ⚠ telt de pijnpunten, ★ de kansen. Onder elke stap hangen de touchpoints: "
        "afgeronde rechthoek online, huisje offline, ovaal kanaal niet ingevuld, dubbele rand direct contact; "
        "een rode gestreepte lijn is een negatieve ervaring, een groene lijn een positieve.",
    ),
    "dg_data": ("The data in this figure", "De gegevens in deze figuur"),
    "dg_touchpoint_uses": ("Touchpoints (sentiment)", "Touchpoints (sentiment)"),
    "dg_curve_of": ("Emotion curve of {title}", "Emotiecurve van {title}"),
    "dg_curve_desc": (
        "How the customer feels at each step, from −2 (very negative) to +2 (very positive), phase by phase.",
        "Hoe de klant zich voelt bij elke stap, van −2 (zeer negatief) tot +2 (zeer positief), fase voor fase.",
    ),
    "dg_curve_legend": (
        "Each dot is a step, as high as the customer feels: ▼▼ −2 very negative to ▲▲ +2 very positive; "
        "the solid line is 0 (neutral). The bands are the phases. A dashed ring with ? is a step whose feeling "
        "is not recorded. The lowest points are marked as moments of truth.",
        "Elke stip is een stap, zo hoog als de klant zich voelt: ▼▼ −2 zeer negatief tot ▲▲ +2 zeer positief; "
        "de doorgetrokken lijn is 0 (neutraal). De banen zijn de fasen. Een gestippelde ring met ? is een stap "
        "waarvan het gevoel niet is ingevuld. De laagste punten zijn gemarkeerd als moment van de waarheid.",
    ),
    "dg_curve_highlight": (
        "The framed band is the phase of this page.",
        "De omlijnde baan is de fase van deze pagina.",
    ),
    "dg_moment": ("Moment of truth", "Moment van de waarheid"),
    "dg_lowest_at": ("Lowest point: {steps}", "Laagste punt: {steps}"),
    "dg_not_recorded": ("not recorded", "niet ingevuld"),
    "dg_this_phase": ("this page", "deze pagina"),
    "dg_persona_map_of": ("Persona map of {name}", "Personakaart van {name}"),
    "dg_persona_desc": (
        "What the offer does for {name} (the value map) against the customer profile, and the journeys {name} takes.",
        "Wat het aanbod doet voor {name} (de waardekaart) tegenover het klantprofiel, en de journeys van {name}.",
    ),
    "dg_persona_legend": (
        "After Osterwalder's Value Proposition Canvas: on the left what the offer does (products and services, "
        "pain relievers, gain creators), linked to the customer profile it answers (jobs, pains, gains); on the "
        "right the journeys of this persona, coloured by their lowest feeling (▼▼ −2 to ▲▲ +2).",
        "Naar het Value Proposition Canvas van Osterwalder: links wat het aanbod doet (producten en diensten, "
        "pijnverzachters, winstmakers), verbonden met het klantprofiel waarop het antwoordt (taken, pijnen, winsten); "
        "rechts de journeys van deze persona, gekleurd naar hun laagste gevoel (▼▼ −2 tot ▲▲ +2).",
    ),
    "dg_profile": ("Customer profile", "Klantprofiel"),
    "dg_more": ("+{n} more", "+{n} meer"),
    "dg_part": ("Part", "Onderdeel"),
    "dg_items": ("Items", "Onderdelen"),
    "dg_overview_title": ("Personas, journeys and phases", "Persona's, journeys en fasen"),
    "dg_overview_desc": (
        "Which persona takes which journey, and the lowest feeling in every phase of each journey.",
        "Welke persona welke journey aflegt, en het laagste gevoel in elke fase van elke journey.",
    ),
    "dg_overview_legend": (
        "Personas on the left lead to their journeys; each journey is followed by its phases in order, "
        "coloured by the lowest feeling in that phase (▼▼ −2 very negative to ▲▲ +2 very positive, ? not recorded).",
        "Links de persona's met pijlen naar hun journeys; na elke journey volgen de fasen op volgorde, "
        "gekleurd naar het laagste gevoel in die fase (▼▼ −2 zeer negatief tot ▲▲ +2 zeer positief, ? niet ingevuld).",
    ),
    "dg_no_persona": ("no persona", "geen persona"),
    "dg_heatmap_title": ("Touchpoints per phase", "Touchpoints per fase"),
    "dg_heatmap_desc": (
        "How often each touchpoint is used in each phase across all journeys, and how it felt on average.",
        "Hoe vaak elke touchpoint in elke fase wordt gebruikt over alle journeys heen, en hoe die gemiddeld voelde.",
    ),
    "dg_heatmap_legend": (
        "Rows are touchpoints, columns phases. A cell counts the steps that use the touchpoint in that phase "
        "(a darker cell: more steps). Its colour is the average sentiment: red ▼ negative, grey ● neutral, "
        "green ▲ positive, blue when no sentiment was recorded. (direct) marks direct human contact.",
        "Rijen zijn touchpoints, kolommen fasen. Een cel telt de stappen die de touchpoint in die fase gebruiken "
        "(hoe donkerder, hoe meer stappen). De kleur is het gemiddelde sentiment: rood ▼ negatief, grijs ● neutraal, "
        "groen ▲ positief, blauw als er geen sentiment is ingevuld. (direct) staat voor direct menselijk contact.",
    ),
    "dg_direct_mark": ("(direct)", "(direct)"),
    "dg_uses": ("Steps", "Stappen"),
    "dg_average": ("Average sentiment", "Gemiddeld sentiment"),
    "dg_no_touchpoints": ("No touchpoints used yet.", "Nog geen touchpoints gebruikt."),
    # ---- evidence (FORMAT 1.1): the derived level, shown as symbol and word
    "ev_observed": ("observed", "waargenomen"),
    "ev_reported": ("reported", "gerapporteerd"),
    "ev_assumed": ("assumed", "aangenomen"),
    "evidence": ("Evidence", "Onderbouwing"),
    "findings": ("Findings", "Bevindingen"),
    "research": ("Research", "Onderzoek"),
    "evidence_coverage": ("Evidence coverage", "Dekking door onderzoek"),
    # ---- evidence and research pages (journey, phase, overview, research pages)
    "method": ("Method", "Methode"),
    "method_interview": ("interviews", "interviews"),
    "method_survey": ("survey", "enquête"),
    "method_analytics": ("analytics", "data-analyse"),
    "method_observation": ("observation", "observatie"),
    "method_usability-test": ("usability test", "usabilitytest"),
    "method_support-tickets": ("support tickets", "klantvragen (supporttickets)"),
    "method_desk-research": ("desk research", "deskresearch"),
    "date": ("Date", "Datum"),
    "research_source": ("Report", "Rapport"),
    "participants": ("Participants", "Deelnemers"),
    "used_at": ("Used at", "Gebruikt bij"),
    "use_step": ("step", "stap"),
    "use_pain-point": ("pain point", "pijnpunt"),
    "use_opportunity": ("opportunity", "kans"),
    "finding_unused": (
        "No step, pain point or opportunity rests on this finding yet.",
        "Nog geen stap, pijnpunt of kans steunt op deze bevinding.",
    ),
    "no_findings": ("No findings recorded yet.", "Nog geen bevindingen vastgelegd."),
    "coverage_text": (
        "{covered} of {total} steps and pain points rest on a finding ({percent}%)",
        "{covered} van {total} stappen en pijnpunten steunen op een bevinding ({percent}%)",
    ),
    "coverage_empty": ("no steps yet", "nog geen stappen"),
    "coverage_short": ("{covered} of {total} ({percent}%)", "{covered} van {total} ({percent}%)"),
    "evidence_legend": (
        "The level is derived from the findings a step, pain point or opportunity lists: "
        "● observed when one comes from observation, analytics, a usability test or support tickets (what people do); "
        "◐ reported when they only come from interviews, a survey or desk research (what people say); "
        "○ assumed when there is none yet.",
        "Het niveau volgt uit de bevindingen die een stap, pijnpunt of kans noemt: "
        "● waargenomen als er een komt uit observatie, data-analyse, een usabilitytest of supporttickets (wat mensen doen); "
        "◐ gerapporteerd als ze alleen uit interviews, een enquête of deskresearch komen (wat mensen zeggen); "
        "○ aangenomen als er nog geen is.",
    ),
    "coverage_intro": (
        "Journeys ranked by how much of them rests on research: the share of their steps and pain points "
        "that rest on a finding.",
        "Journeys gerangschikt naar hoeveel ervan op onderzoek steunt: het aandeel van hun stappen en pijnpunten "
        "dat op een bevinding steunt.",
    ),
    "research_behind": ("Research behind this journey", "Onderzoek achter deze journey"),
    "evidence_for": ("Rests on", "Steunt op"),
    "shared_with": ("Shared, also serves", "Gedeeld, helpt ook bij"),
    "shared_opportunity": ("shared opportunity", "gedeelde kans"),
    "unknown_opportunity": ("unknown opportunity", "onbekende kans"),
    "whole_journey": ("whole journey", "hele journey"),
    "no_target": ("no target", "geen doel"),
    "metric_latest": ("{value} on {date}", "{value} op {date}"),
    "metric_change": ("{change} since {date}", "{change} sinds {date}"),
    "metrics_in_journey": ("Metrics in this journey", "Meetwaarden in deze journey"),
    # ---- metrics page and metric values
    "metrics": ("Metrics", "Meetwaarden"),
    "metric": ("Metric", "Meetwaarde"),
    "latest": ("Latest", "Laatste"),
    "target": ("Target", "Doel"),
    "on_target": ("on target", "op doel"),
    "off_target": ("off target", "niet op doel"),
    "metrics_intro": (
        "Every metric across all journeys: per journey the latest value against its target. Where a journey "
        "is not measured as a whole, the phases and steps that are measured are listed instead.",
        "Alle meetwaarden over alle journeys heen: per journey de laatste waarde tegenover het doel. Waar een "
        "journey niet als geheel is gemeten, staan de gemeten fasen en stappen er in plaats daarvan.",
    ),
    "metrics_by_journey": ("By journey", "Per journey"),
    "metrics_defined": ("The metrics", "De meetwaarden"),
    "no_measurements": ("No measurements yet.", "Nog geen metingen."),
    "not_measured": ("not measured", "niet gemeten"),
    "scale": ("Scale", "Schaal"),
    "scale_range": ("{min} to {max}", "{min} tot {max}"),
    "scale_min": ("at least {min}", "minimaal {min}"),
    "scale_max": ("at most {max}", "maximaal {max}"),
    "better_higher": ("higher is better", "hoger is beter"),
    "better_lower": ("lower is better", "lager is beter"),
    "target_of": ("target {value}", "doel {value}"),
    "on_target_q": ("On target?", "Op doel?"),
    "change": ("Change", "Verandering"),
    "improved": ("better", "beter"),
    "worsened": ("worse", "slechter"),
    "unchanged": ("unchanged", "gelijk"),
    # ---- backlog: shared opportunities, impact and effort
    "impact": ("Impact", "Impact"),
    "effort": ("Effort", "Inspanning"),
    "quick_win": ("Quick win", "Snel resultaat"),
    "unrated": ("Not yet rated for impact and effort", "Nog niet beoordeeld op impact en inspanning"),
    "impact_effort": ("Impact and effort", "Impact en inspanning"),
    "impact_slash_effort": ("Impact / effort", "Impact / inspanning"),
    "impact_effort_intro": (
        "What each opportunity is worth to customer and business (impact) against the work it takes (effort). "
        "Quick wins, with more impact than effort, come first.",
        "Wat elke kans waard is voor klant en organisatie (impact) tegenover het werk dat ze kost (inspanning). "
        "Snelle resultaten, met meer impact dan inspanning, staan bovenaan.",
    ),
    "quick_wins_first": ("Quick wins first", "Snelle resultaten eerst"),
    "unrated_intro": (
        "Give these an impact and an effort to place them in the matrix.",
        "Geef deze een impact en een inspanning om ze in de matrix te plaatsen.",
    ),
    "serves": ("{steps} in {journeys}", "{steps} in {journeys}"),
    # ---- diagrams: metric trend, impact x effort matrix, metric beside the emotion curve
    "dg_trend_of": ("{metric} over time: {place}", "{metric} door de tijd: {place}"),
    "dg_trend_legend": (
        "Each dot is a measurement, placed by its date; the dashed line is the target. "
        "Beside the latest value: ✓ on target or ✗ off target.",
        "Elke stip is een meting, op de plaats van haar datum; de gestreepte lijn is het doel. "
        "Naast de laatste waarde: ✓ op doel of ✗ niet op doel.",
    ),
    "dg_trend_values": ("Measured: {values}", "Gemeten: {values}"),
    "dg_trend_latest": ("Latest {value} against a target of {target}", "Laatste {value} tegenover een doel van {target}"),
    "dg_trend_latest_only": ("Latest {value}; no target set", "Laatste {value}; geen doel ingesteld"),
    "dg_better_higher": ("↑ higher is better", "↑ hoger is beter"),
    "dg_better_lower": ("↓ lower is better", "↓ lager is beter"),
    "dg_scale": ("on a scale of {low} to {high}", "op een schaal van {low} tot {high}"),
    "dg_no_measurements": ("No measurements of {metric} here yet.", "Hier nog geen metingen van {metric}."),
    "dg_date": ("Date", "Datum"),
    "dg_value": ("Value", "Waarde"),
    "dg_on_target": ("On target", "Op doel"),
    "dg_matrix_title": ("Impact × effort", "Impact × inspanning"),
    "dg_matrix_desc": (
        "Opportunities rated for impact and effort: impact from high (top) to low, effort from low (left) to high.",
        "Kansen beoordeeld op impact en inspanning: impact van hoog (boven) naar laag, inspanning van laag (links) naar hoog.",
    ),
    "dg_matrix_legend": (
        "Each numbered opportunity sits in the cell of its impact (rows, high at the top) and its effort "
        "(columns, low on the left). ★ Quick win marks the cells where the impact is higher than the effort. "
        "Opportunities without impact or effort are not drawn; they are listed as not yet rated.",
        "Elke genummerde kans staat in de cel van haar impact (rijen, hoog bovenaan) en haar inspanning "
        "(kolommen, laag links). ★ Snel resultaat markeert de cellen waar de impact hoger is dan de inspanning. "
        "Kansen zonder impact of inspanning zijn niet getekend; ze staan in de lijst van nog niet beoordeelde kansen.",
    ),
    "dg_matrix_cell": ("Impact {impact}, effort {effort}: {items}", "Impact {impact}, inspanning {effort}: {items}"),
    "dg_matrix_unrated": ("Not drawn, not yet rated: {count}", "Niet getekend, nog niet beoordeeld: {count}"),
    "dg_no_rated": (
        "No opportunity is rated for impact and effort yet.",
        "Nog geen kans is beoordeeld op impact en inspanning.",
    ),
    "dg_number": ("No.", "Nr."),
    "dg_curve_metric": (
        "◆ {metric}: the latest value at each step where it is measured (✓ on target, ✗ off target).",
        "◆ {metric}: de laatste waarde bij elke stap waar die gemeten is (✓ op doel, ✗ niet op doel).",
    ),
    "dg_curve_metric_desc": ("{metric}, latest value per step: {values}", "{metric}, laatste waarde per stap: {values}"),
    # ---- issue 12: blueprint, future states and review dates on pages
    "blueprint": ("Service blueprint", "Service blueprint"),
    "blueprint_intro": (
        "What the organisation does behind each step, and where it can fail. Each phase page lists the lanes of its steps.",
        "Wat de organisatie achter elke stap doet, en waar het mis kan gaan. Elke fasepagina toont per stap wat er in elke baan gebeurt.",
    ),
    "frontstage": ("Frontstage (seen by the customer)", "Frontstage (zichtbaar voor de klant)"),
    "backstage": ("Backstage (out of the customer's sight)", "Backstage (buiten het zicht van de klant)"),
    "support": ("Support (systems and processes)", "Ondersteuning (systemen en processen)"),
    "fail_point": ("Fail point", "Faalpunt"),
    "fail_points": ("Fail points", "Faalpunten"),
    "to_be": ("to-be", "to-be"),
    "future_state": ("Future state (to-be)", "Toekomstbeeld (to-be)"),
    "future_states": ("Future states (to-be)", "Toekomstbeelden (to-be)"),
    "improves": ("improves", "verbetert"),
    "improved_by": ("Future states (to-be)", "Toekomstbeelden (to-be)"),
    "what_changes": ("What changes", "Wat er verandert"),
    "compared_with": ("Compared with", "Vergeleken met"),
    "as_is_now": ("the journey as customers live it now", "de journey zoals klanten die nu beleven"),
    "what_changes_intro": (
        "Steps are matched by their id. The feeling of a phase is the mean feeling of its steps (−2 to +2).",
        "Stappen worden gekoppeld op hun id. Het gevoel van een fase is het gemiddelde gevoel van de stappen erin (−2 tot +2).",
    ),
    "feeling_per_phase": ("Feeling per phase", "Gevoel per fase"),
    "as_is_column": ("As-is (now)", "As-is (nu)"),
    "to_be_column": ("To-be", "To-be"),
    "not_comparable": ("cannot compare", "niet te vergelijken"),
    "not_in_journey": ("not in this journey", "niet in deze journey"),
    "step_changes": ("Steps added, removed or changed", "Stappen erbij, eraf of gewijzigd"),
    "step_added": ("Added", "Nieuw"),
    "step_removed": ("Removed", "Vervallen"),
    "step_changed": ("Changed", "Gewijzigd"),
    "changed_aspects": ("what changes", "wat verandert"),
    "aspect_phase": ("phase", "fase"),
    "aspect_action": ("action", "actie"),
    "aspect_emotion": ("feeling", "gevoel"),
    "aspect_touchpoints": ("touchpoints", "touchpoints"),
    "aspect_pain_points": ("pain points", "pijnpunten"),
    "aspect_fail_point": ("fail point", "faalpunt"),
    "aspect_thinking": ("thinking", "denken"),
    "aspect_opportunities": ("opportunities", "kansen"),
    "aspect_frontstage": ("frontstage", "frontstage"),
    "aspect_backstage": ("backstage", "backstage"),
    "aspect_support": ("support", "ondersteuning"),
    "no_step_changes": ("No step is added, removed or changed.", "Er komt geen stap bij, gaat er geen af en verandert er geen."),
    "making_the_difference": ("Opportunities that make the difference", "Kansen die het verschil maken"),
    "making_intro": (
        "The opportunities at the steps of this future state: what has to be done to get there.",
        "De kansen bij de stappen van dit toekomstbeeld: wat er moet gebeuren om er te komen.",
    ),
    "no_making": ("No opportunity is named at its steps yet.", "Bij de stappen staat nog geen kans."),
    "future_states_intro": (
        "Each journey as customers live it now, beside the future states designed to improve it.",
        "Elke journey zoals klanten die nu beleven, naast de toekomstbeelden die haar moeten verbeteren.",
    ),
    "no_as_is": ("no as-is journey named", "geen as-is-journey genoemd"),
    "last_reviewed": ("Last reviewed", "Laatst beoordeeld"),
    "was": ("was", "eerst"),
    "months": (
        "January February March April May June July August September October November December",
        "januari februari maart april mei juni juli augustus september oktober november december",
    ),
    # ---- issue 12: diagrams (blueprint, curve over the as-is curve)
    "dg_blueprint_of": ("Service blueprint of {title}", "Service blueprint van {title}"),
    "dg_blueprint_desc": (
        "What the organisation does at each step, lane by lane: the customer's actions and touchpoints, then, under the "
        "line of interaction, what employees do in sight of the customer (frontstage), under the line of visibility "
        "what they do out of sight (backstage), and under the line of internal interaction the supporting systems and "
        "processes.",
        "Wat de organisatie bij elke stap doet, baan voor baan: de acties en touchpoints van de klant, dan onder de lijn "
        "van interactie wat medewerkers doen waar de klant bij is (frontstage), onder de lijn van zichtbaarheid wat zij "
        "buiten zicht doen (backstage), en onder de lijn van interne interactie de ondersteunende systemen en processen.",
    ),
    "dg_blueprint_legend": (
        "A service blueprint (Shostack; Bitner, Ostrom & Morgan): each column is a step, grouped by phase. Top to "
        "bottom: the touchpoints the customer meets (physical evidence) and the customer's actions; under the line of "
        "interaction (solid) what employees do in sight of the customer; under the line of visibility (dashed) what "
        "they do out of sight; under the line of internal interaction (dotted) the supporting systems and processes. "
        "⚠ in a circle marks a fail point; the table lists every text in full.",
        "Een service blueprint (Shostack; Bitner, Ostrom & Morgan): elke kolom is een stap, gegroepeerd per fase. Van "
        "boven naar beneden: de touchpoints die de klant tegenkomt (fysiek bewijs) en de acties van de klant; onder de "
        "lijn van interactie (doorgetrokken) wat medewerkers doen waar de klant bij is; onder de lijn van zichtbaarheid "
        "(gestreept) wat zij buiten zicht doen; onder de lijn van interne interactie (gestippeld) de ondersteunende "
        "systemen en processen. ⚠ in een cirkel markeert een faalpunt; de tabel geeft elke tekst volledig.",
    ),
    "dg_lane_touchpoints": ("Touchpoints", "Touchpoints"),
    "dg_lane_customer": ("Customer actions", "Klantacties"),
    "dg_lane_frontstage": ("Frontstage", "Frontstage"),
    "dg_lane_backstage": ("Backstage", "Backstage"),
    "dg_lane_support": ("Support processes", "Ondersteuning"),
    "dg_lane_fail": ("Fail points", "Faalpunten"),
    "dg_line_interaction": ("Line of interaction", "Lijn van interactie"),
    "dg_line_visibility": ("Line of visibility", "Lijn van zichtbaarheid"),
    "dg_line_internal": ("Line of internal interaction", "Lijn van interne interactie"),
    "dg_customer_action": ("Customer action", "Klantactie"),
    "dg_fail_point": ("Fail point", "Faalpunt"),
    "dg_fail_at": ("Fail point: {text}", "Faalpunt: {text}"),
    "dg_to_be": ("to-be", "to-be"),
    "dg_as_is": ("as-is", "as-is"),
    "dg_to_be_mark": ("(to-be)", "(to-be)"),
    "dg_curve_to_be": ("to-be (designed): {title}", "to-be (ontworpen): {title}"),
    "dg_curve_as_is": ("as-is (today): {title}", "as-is (nu): {title}"),
    "dg_curve_compare_legend": (
        "Drawn over the as-is journey: its feelings are the hollow diamonds on the dashed line, those of the to-be "
        "journey the dots on the solid line. Steps are matched by id within a phase; “new” marks a step only "
        "the to-be journey has, “removed” one only the as-is journey has. Under each phase's name: the change "
        "in its mean feeling (▲ higher, ▼ lower, ● the same).",
        "Getekend over de as-is-journey: de gevoelens daarvan zijn de open ruiten op de gestreepte lijn, die van de "
        "to-be-journey de stippen op de doorgetrokken lijn. Stappen worden binnen een fase op id gekoppeld; "
        "“nieuw” markeert een stap die alleen de to-be-journey heeft, “vervallen” een die alleen de "
        "as-is-journey heeft. Onder de naam van elke fase: de verandering van het gemiddelde gevoel (▲ hoger, ▼ lager, "
        "● gelijk).",
    ),
    "dg_curve_compare_desc": (
        "Drawn over the as-is journey {title}. Change in the mean feeling per phase: {changes}",
        "Getekend over de as-is-journey {title}. Verandering van het gemiddelde gevoel per fase: {changes}",
    ),
    "dg_step_new": ("new", "nieuw"),
    "dg_step_removed": ("removed", "vervallen"),
    "dg_phase_mean": ("Mean of the phase", "Gemiddelde van de fase"),
    "dg_change": ("Change", "Verandering"),
    "dg_improves": ("improves", "verbetert"),
    "dg_overview_to_be": (
        "A dashed box marked (to-be) is a designed future state; its dashed arrow “improves” points to the "
        "as-is journey it replaces.",
        "Een gestreept vak met (to-be) is een ontworpen toekomstbeeld; de gestreepte pijl “verbetert” wijst "
        "naar de as-is-journey die het vervangt.",
    ),
    "personas_intro": (
        "The customers the journeys are told from: who they are, and which journeys they take.",
        "De klanten vanuit wie de journeys verteld worden: wie ze zijn, en welke journeys ze afleggen.",
    ),
    "research_intro": (
        "The research the journeys rest on. Findings from observation, analytics, usability tests and support "
        "tickets count as observed; from interviews, surveys and desk research as reported.",
        "Het onderzoek waarop de journeys rusten. Bevindingen uit observatie, data-analyse, gebruikstests en "
        "klantcontacten tellen als waargenomen; uit interviews, enquêtes en bureauonderzoek als gerapporteerd.",
    ),
    "finding_id": ("Id for 'evidence:'", "Id voor 'evidence:'"),
    # ---- issue 12: live views in any page
    "view_empty": ("Nothing in the handbook matches this view.", "Niets in het handboek past bij deze weergave."),
    "view_state": ("State", "Stand"),
    "view_state_as-is": ("as-is", "huidig (as-is)"),
    "view_state_to-be": ("to-be", "toekomst (to-be)"),
    "view_lowest": ("Lowest feeling", "Laagste gevoel"),
}


LABELS: dict[str, Msg] = {key: Msg(en, nl) for key, (en, nl) in _LABELS.items()}

# Nouns that are counted: (English singular, plural), (Dutch singular, plural).
NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "error": (("error", "errors"), ("fout", "fouten")),
    "warning": (("warning", "warnings"), ("waarschuwing", "waarschuwingen")),
    "note": (("note", "notes"), ("opmerking", "opmerkingen")),
    "problem": (("problem", "problems"), ("probleem", "problemen")),
    "file": (("file", "files"), ("bestand", "bestanden")),
    "persona": (("persona", "personas"), ("persona", "persona's")),
    "journey": (("journey", "journeys"), ("journey", "journeys")),
    "touchpoint": (("touchpoint", "touchpoints"), ("touchpoint", "touchpoints")),
    "source": (("source", "sources"), ("bron", "bronnen")),
    "pain_point": (("pain point", "pain points"), ("pijnpunt", "pijnpunten")),
}


def count(n: int, noun: str) -> Count:
    """``n`` with the noun in the right number, rendered in the reader's language later."""
    en, nl = NOUNS[noun]
    return Count(n, en, nl)


EMOTION_ICON: dict[int | None, str] = {-2: "▼▼", -1: "▼", 0: "●", 1: "▲", 2: "▲▲", None: ""}


def emotion_number(emotion: int | None) -> str:
    """−2, −1, 0, +1, +2 (with a real minus sign), or "?" when not given."""
    if emotion is None:
        return "?"
    return f"{emotion:+d}".replace("-", "−") if emotion else "0"


def emotion_text(emotion: int | None) -> str:
    """The feeling as the map and the pages show it: "▼ −1", "▲▲ +2", "?"."""
    return f"{EMOTION_ICON[emotion]} {emotion_number(emotion)}".strip()


def label(key: str, lang: str, **args: object) -> str:
    """The label ``key`` in ``lang`` (Dutch for 'nl', English otherwise), with ``{args}`` filled in."""
    return LABELS[key].format(lang, None, **args) if args else LABELS[key].text(lang)


class Words:
    """A table of :class:`Msg` read in one language: ``Words(table, "nl")["key"]``."""

    def __init__(self, table: Mapping[str, Msg], lang: str) -> None:
        self.table = table
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return self.table[key].text(self.lang)


def site_language(plugin_language: object, theme_language: object) -> str:
    """The language of the generated pages: the plugin's ``language`` option when it is one we
    have, else ``theme.language`` (normalised: 'nl_NL' → 'nl'), else English."""
    if plugin_language in SUPPORTED:
        return str(plugin_language)
    return normalize_language(str(theme_language) if theme_language else None)


def normalize_language(lang: str | None) -> str:
    """'nl', 'nl_NL', 'nl-BE' → 'nl'; anything unsupported → 'en'."""
    base = (lang or "en").replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else "en"
