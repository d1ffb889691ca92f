# pages messages (da). Keys of this file start with `page-`.

## Fælles ord
page-breadcrumbs = Brødkrummer
page-phase = Fase
page-step = Trin
page-steps = Trin
page-touchpoint = Kontaktpunkt
page-touchpoints = Kontaktpunkter
page-channel = Kanal
page-channels = Kanaler
page-mode = Fysisk eller digitalt
page-owner = Ejer
page-discipline = Disciplin
page-survey = Spørgeskema
page-actor = Aktør
page-actors = Aktører
page-actor-kind = Type
page-goals = Mål
page-used-in = Bruges i
page-pain-points = Smertepunkter
page-opportunities = Muligheder
page-evidence = Indsigt
page-emotional-elements = Emotionelle elementer
page-functional-elements = Funktionelle elementer
page-designed-emotion = Designet følelse
page-sense = Sans
page-intangible = Immateriel
page-steps-count = { $count ->
    [one] { $count } trin
   *[other] { $count } trin
}
page-state-as-is = Nuværende
page-state-to-be = Fremtidig

page-owner-own = Egen
page-owner-partner = Partner
page-owner-public = Offentlig
page-mode-physical = Fysisk
page-mode-digital = Digitalt
page-discipline-create = Skabe
page-discipline-communicate = Kommunikere
page-discipline-deliver = Levere
page-survey-nps = NPS
page-survey-csat = CSAT
page-survey-ces = CES
page-sense-see = Syn
page-sense-hear = Hørelse
page-sense-smell = Lugt
page-sense-taste = Smag
page-sense-touch = Berøring
page-evidence-quote = Citat
page-evidence-observation = Observation
page-evidence-interview = Interview

page-channel-web = Web
page-channel-app = App
page-channel-email = E-mail
page-channel-sms = SMS
page-channel-chat = Chat
page-channel-phone = Telefon
page-channel-social = Sociale medier
page-channel-advertising = Reklame
page-channel-print = Tryksag
page-channel-letter = Brev
page-channel-invoice = Faktura
page-channel-store = Butik
page-channel-on-site = På stedet
page-channel-event = Arrangement
page-channel-kiosk = Kiosk
page-channel-signage = Skiltning
page-channel-transport = Transport
page-channel-word-of-mouth = Mund til mund

## Overblik
page-overview-eyebrow = Overblik over arbejdsområdet
page-overview-brand-promise = Brandløfte
page-overview-counts = Arbejdsområdet i tal
page-overview-export = Download som filer
page-overview-all-personas = Alle personas
page-overview-all-journeys = Alle rejser
page-count-personas = Personas
page-count-journeys = Rejser
page-count-steps = Trin
page-count-touchpoints = Kontaktpunkter
page-count-actors = Aktører
page-count-goals = Mål
page-count-dilemmas = Dilemmaer
page-matrix-title = Kontaktpunkter efter fase og ejer
page-matrix-lead = Hvem der møder kunden i hver fase, på tværs af alle rejser. Et tomt felt er et hul, der er værd at se nærmere på.
page-matrix-gap = Intet kontaktpunkt
page-diagnostics-title = Kontroller
page-diagnostics-none = Ingen advarsler eller fejl: arbejdsområdet hænger sammen.
page-diagnostics-errors = { $count ->
    [one] { $count } fejl
   *[other] { $count } fejl
}
page-diagnostics-warnings = { $count ->
    [one] { $count } advarsel
   *[other] { $count } advarsler
}
page-diagnostic-error = Fejl
page-diagnostic-warning = Advarsel

## Personas
page-personas-lead = Kundetyper, defineret af hvad de elsker og hader – ikke af alder eller postnummer.
page-personas-new = Ny persona
page-personas-empty = Ingen personas endnu.
page-persona-loves = Elsker
page-persona-hates = Hader
page-persona-motivation = Motivation
page-persona-real-motive = Egentligt motiv
page-persona-companions = Rejser med
page-persona-needs = Behov
page-persona-dreams = Drømme
page-persona-none = Intet registreret endnu.
page-persona-open = Se persona
page-persona-journeys-count = { $count ->
    [0] Ikke med i nogen rejse endnu
    [one] Med i { $count } rejse
   *[other] Med i { $count } rejser
}
page-persona-demographics = Demografi
page-persona-demographics-note = Ikke det, der definerer dem: to kunder med samme alder, bopæl og indkomst kan være helt modsatte kundetyper. Vises kun til orientering.
page-persona-demographics-none = Ingen demografi registreret.
page-demo-age = Alder
page-demo-gender = Køn
page-demo-home = Bopæl
page-demo-household = Husstand
page-demo-occupation = Erhverv
page-demo-income = Indkomst
page-persona-journeys = Rejser tegnet for denne persona
page-persona-no-journeys = Der er endnu ikke tegnet nogen rejse for denne persona.
page-persona-open-map = Åbn kortet
page-persona-step-table = Trin for trin
page-persona-dilemmas = Sådan rammer vores dilemmaer
page-sparkline-title = Designet følelse pr. trin for { $persona } i { $journey }

## Rejser
page-journeys-lead = Hver rejse fra før til efter, som den er i dag, eller som den bør blive.
page-journeys-new = Ny rejse
page-journeys-empty = Ingen rejser endnu.
page-journey-goal = Mål
page-journey-improves-on = Forbedrer:
page-journey-improved-in = Forbedret i:
page-journey-phases = Faser
page-journey-open-map = Åbn kortet
page-journey-new-step = Nyt trin
page-journey-curves-for = Følelseskurver for
page-journey-show = Vis
page-journey-download = Download kortet:
page-journey-map-label = Rejsekort – rul sidelæns for at se alle trin
page-journey-steps = Alle trin
page-journey-no-steps = Denne rejse har ingen trin endnu.
page-step-details = Detaljer om trinnet
page-step-panel-empty-title = Vælg et trin
page-step-panel-empty = Klik på et trin i kortet eller i listen nedenfor for at se kontaktpunkter, følelser, smertepunkter og indsigt her.
page-step-close = Luk detaljerne
page-step-sub-goal = Delmål
page-step-no-touchpoints = Intet kontaktpunkt i dette trin.
page-step-no-emotions = Ingen emotionelle elementer endnu: trinnet dækker behov, men vinder ingen hjerter.

## Kontaktpunkter
page-touchpoints-lead = Alle steder, hvor kunden møder os, en partner eller en offentlig aktør – og hvor de bruges.
page-touchpoints-new = Nyt kontaktpunkt
page-touchpoints-showing = Viser { $shown } af { $total } kontaktpunkter
page-touchpoints-none = Intet kontaktpunkt passer til filteret.
page-touchpoints-unused = Bruges ikke i noget trin
page-filter-any-phase = Alle faser
page-filter-any-channel = Alle kanaler
page-filter-any-owner = Alle ejere
page-filter-any-mode = Fysiske og digitale
page-filter-any-discipline = Alle discipliner
page-filter-apply = Filtrér
page-filter-reset = Nulstil filtre

## Mål og aktører
page-goals-lead = Hvad kunden i virkeligheden prøver at nå, hvem der ellers er involveret, og hvor kunderne går i stå.
page-goals-new = Nyt mål
page-goals-tree = Kundens mål
page-goals-empty = Ingen mål endnu.
page-actors-new = Ny aktør
page-actors-network = Aktørerne omkring kunden
page-actors-network-lead = Vores egne enheder, partnere og offentlige aktører, som kunden møder på rejserne, med de kontaktpunkter og trin, de deler.
page-actors-empty = Ingen aktører endnu.
page-network-customer = Kunden
page-network-personas = { $count ->
    [one] { $count } persona
   *[other] { $count } personas
}
page-network-touchpoints = { $count ->
    [0] intet kontaktpunkt
    [one] { $count } kontaktpunkt
   *[other] { $count } kontaktpunkter
}
page-network-steps = { $count ->
    [one] { $count } trin
   *[other] { $count } trin
}
page-network-own-channels = Vores egne kanaler
page-network-own-channels-note = Vores kontaktpunkter, der ikke nævner nogen aktør.
page-network-legend-width = Tykkere linje: flere fælles trin
page-network-legend-dashed = Stiplet: involveret, uden eget kontaktpunkt

## Dilemmaer
page-dilemmas-lead = Valg, hvor kundetilfredshed vejes op mod omkostninger og klima.
page-dilemmas-new = Nyt dilemma
page-dilemmas-empty = Ingen dilemmaer endnu.
page-dilemma-option = Mulighed
page-dilemma-satisfaction = Effekt på tilfredshed (−2 til +2)
page-dilemma-mean = Gennemsnitlig tilfredshed
page-dilemma-cost = Omkostning
page-dilemma-co2e = CO₂e
page-dilemma-notes = Noter
page-dilemma-chosen = Valgt
page-dilemma-pareto = Pareto-optimal
page-dilemma-pareto-help = Ingen anden mulighed er mindst lige så god på tilfredshed, omkostning og CO₂e og bedre på én af dem.
page-dilemma-dominated = Domineret
page-dilemma-dominated-help = En anden mulighed er mindst lige så god på tilfredshed, omkostning og CO₂e og bedre på én af dem.
page-dilemma-decision = Beslutning
page-dilemma-open = Ikke besluttet endnu
page-dilemma-no-options = Ingen muligheder endnu.
page-dilemma-better = bedre: mere tilfreds, billigere
page-dilemma-bubble = Boblens størrelse: CO₂e
page-dilemma-chart-title = Afvejning: { $question }
page-dilemma-chart-caption = Hver mulighed efter omkostning (vandret) og gennemsnitlig tilfredshed (lodret); jo større boble, desto mere CO₂e.

## Fejl og login
page-error-400 = Forespørgslen kunne ikke forstås
page-error-401 = Log ind først
page-error-403 = Ikke tilladt
page-error-404 = Siden blev ikke fundet
page-error-409 = Ændret af en anden
page-error-500 = Noget gik galt
page-error-other = Noget gik galt
page-error-home = Tilbage til start
page-login-lead = Kortlæg, mål og forbedr kundernes rejser.

## Live data: customers, profiles, sources, the event debugger
page-customers-title = Kunder
page-customers-lead = Hvem hændelserne viser, og hvordan deres rejser går. Bygget af { $events } hændelser, opdateret efterhånden som nye kommer.
page-customers-none = Ingen hændelser endnu, altså ingen kunder.
page-customers-none-action = Opret en kilde og send hændelser til den →
page-customers-total = kunder
page-customers-identified = identificeret
page-customers-feedback = svar
page-customers-runs = Gennemløb af rejser
page-customers-journey = Rejse
page-customers-runs-total = Gennemløb
page-customers-completion-rate = Andel gennemført
page-customers-runs-hint = Et gennemløb er én kundes vej gennem en nu-rejse, ud fra de kontaktpunkter hændelserne rammer. Det er afbrudt efter rejsens antal dage uden kontaktpunkt og gennemført, når det når rejsens sluttrin.
page-customers-search = Id, navn eller e-mail
page-customers-no-match = Ingen kunder passer.
page-customers-customer = Kunde
page-customers-status = Status
page-customers-first-seen = Først set
page-customers-last-seen = Sidst set
page-customers-events = Hændelser
page-customers-page = Side { $page } af { $pages }
page-life-active = Aktiv
page-life-churned = Tabt
page-life-prospect = Potentiel
page-life-active-plural = aktive
page-life-churned-plural = tabte
page-life-prospect-plural = potentielle
page-run-active = I gang
page-run-completed = Gennemført
page-run-abandoned = Afbrudt
page-profile-identity = Identitet
page-profile-user-ids = Bruger-id'er
page-profile-anonymous = anonym
page-profile-anonymous-ids = Anonyme id'er
page-profile-traits = Egenskaber
page-profile-no-traits = Ingen egenskaber endnu.
page-profile-trait-history = Ændringshistorik
page-profile-lifecycle = Livsforløb
page-profile-no-lifecycle = Ikke vundet endnu: ingen rejse og intet køb.
page-profile-runs = Gennemløb af rejser
page-profile-no-runs = Ingen hændelser fra denne kunde rammer et kontaktpunkt i en nu-rejse endnu.
page-profile-run = Gennemløb
page-profile-started = Startet
page-profile-last = Seneste kontaktpunkt
page-profile-where = Hvor
page-profile-hits = Kontaktpunkter
page-profile-map-hint = Gennemløbet tegnet på rejsekortet: kontaktpunkterne kunden var forbi, i rækkefølge.
page-profile-feedback = Feedback
page-profile-no-feedback = Ingen feedback endnu.
page-profile-when = Hvornår
page-profile-touchpoint = Kontaktpunkt
page-profile-score = Score
page-profile-comment = Kommentar
page-profile-timeline = Hændelser
page-profile-no-events = Ingen hændelser.
page-profile-timeline-hint = De { $shown } nyeste hændelser, nyeste først.
page-profile-acquired = Vundet gennem { $via }
page-profile-churned-event = Tabt: { $event }
page-profile-churned-silent = Tabt: ingen hændelser i for lang tid
page-profile-reactivated = Kom tilbage
page-sources-title = Kilder
page-sources-lead = Hver hjemmeside, app eller hvert bagvedliggende system, der sender hændelser, har sin egen skrivenøgle. Send Segment-kald (identify, track, page, screen, group, alias, batch) til /v1/ med nøglen.
page-sources-created = Kilden »{ $name }« er oprettet
page-sources-key-once = Skrivenøglen vises kun nu (Stig gemmer kun en hash). Kopiér den ind i SDK'ens opsætning.
page-sources-none = Ingen kilder endnu.
page-sources-name = Navn
page-sources-name-example = f.eks. Hjemmeside
page-sources-created-at = Oprettet
page-sources-events = Hændelser
page-sources-refused = Afvist
page-sources-last-event = Seneste hændelse
page-sources-never = aldrig
page-sources-unknown-keys = { $count } forespørgsler siden serveren startede havde ingen eller ukendt skrivenøgle.
page-sources-new = Ny kilde
page-sources-create = Opret kilde
page-sources-howto = Sådan sender du hændelser
page-sources-howto-lead = Alle Segment-SDK'er virker: peg værtsadressen mod denne server. Eller kald HTTP-API'et direkte:
page-debugger-title = Hændelsesfejlfinder
page-debugger-open = Fejlfinder
page-debugger-lead = De nyeste hændelser, når de kommer, og forespørgslerne der blev afvist, med årsagen. Opdateres hvert andet sekund.
page-debugger-source = Kilde
page-debugger-all-sources = Alle kilder
page-debugger-imported = importeret
page-debugger-events = Hændelser
page-debugger-live = direkte
page-debugger-no-events = Ingen hændelser endnu.
page-debugger-refused = Afviste forespørgsler
page-debugger-no-refused = Intet afvist.

page-profile-consent = Samtykke
page-profile-no-consent = Intet samtykke angivet endnu: kun servicebeskeder når denne kunde.
page-profile-consent-category = Kategori
page-profile-consent-state = Status
page-profile-consent-since = Siden
page-profile-consent-history = Samtykkehistorik
page-profile-consent-granted = Givet
page-profile-consent-denied = Ikke givet
page-profile-consent-via-context = samtykkeværktøj, { $event }
page-profile-consent-via-trait = samtykke-egenskab, { $event }

## Personoplysninger på en kundeprofil (administratorer)
page-profile-privacy = Personoplysninger
page-profile-export = Hent alt om denne person (JSON)
page-profile-erase = Slet denne person…
page-profile-erase-help = Sletter alle hændelser, svar, egenskaber, udløste øjeblikke og opgaver for denne person og alle id'er koblet til dem, for altid, og overskriver dem i databasefilerne. En kvittering uden oplysningerne gemmes i revisionsloggen.
page-profile-erase-confirm = Skriv id'et for at bekræfte:
page-profile-erase-suppress = Afvis også hændelser, der nævner dem senere
page-profile-erase-button = Slet for altid
page-profile-erase-mismatch = Det id, du skrev, passer ikke med denne person; intet blev slettet.
page-profile-erased = Personen er slettet. Kvitteringen ligger i revisionsloggen.
