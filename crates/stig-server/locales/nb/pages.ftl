# pages messages (nb). Keys of this file start with `page-`.

## Felles ord
page-breadcrumbs = Brødsmuler
page-phase = Fase
page-step = Steg
page-steps = Steg
page-touchpoint = Kontaktpunkt
page-touchpoints = Kontaktpunkter
page-channel = Kanal
page-channels = Kanaler
page-mode = Fysisk eller digitalt
page-owner = Eier
page-discipline = Disiplin
page-survey = Undersøkelse
page-actor = Aktør
page-actors = Aktører
page-actor-kind = Type
page-goals = Mål
page-used-in = Brukes i
page-pain-points = Smertepunkter
page-opportunities = Muligheter
page-evidence = Innsikt
page-emotional-elements = Emosjonelle elementer
page-functional-elements = Funksjonelle elementer
page-designed-emotion = Designet følelse
page-sense = Sans
page-intangible = Immateriell
page-steps-count = { $count ->
    [one] { $count } steg
   *[other] { $count } steg
}
page-state-as-is = Nåsituasjon
page-state-to-be = Ønsket situasjon

page-owner-own = Egen
page-owner-partner = Partner
page-owner-public = Offentlig
page-mode-physical = Fysisk
page-mode-digital = Digitalt
page-discipline-create = Skape
page-discipline-communicate = Kommunisere
page-discipline-deliver = Levere
page-survey-nps = NPS
page-survey-csat = CSAT
page-survey-ces = CES
page-sense-see = Syn
page-sense-hear = Hørsel
page-sense-smell = Lukt
page-sense-taste = Smak
page-sense-touch = Berøring
page-evidence-quote = Sitat
page-evidence-observation = Observasjon
page-evidence-interview = Intervju

page-channel-web = Nett
page-channel-app = App
page-channel-email = E-post
page-channel-sms = SMS
page-channel-chat = Chat
page-channel-phone = Telefon
page-channel-social = Sosiale medier
page-channel-advertising = Reklame
page-channel-print = Trykksak
page-channel-letter = Brev
page-channel-invoice = Faktura
page-channel-store = Butikk
page-channel-on-site = På stedet
page-channel-event = Arrangement
page-channel-kiosk = Kiosk
page-channel-signage = Skilting
page-channel-transport = Transport
page-channel-word-of-mouth = Muntlig omtale

## Oversikt
page-overview-eyebrow = Oversikt over arbeidsområdet
page-overview-brand-promise = Merkevareløfte
page-overview-counts = Arbeidsområdet i tall
page-overview-export = Last ned som filer
page-overview-all-personas = Alle personas
page-overview-all-journeys = Alle reiser
page-count-personas = Personas
page-count-journeys = Reiser
page-count-steps = Steg
page-count-touchpoints = Kontaktpunkter
page-count-actors = Aktører
page-count-goals = Mål
page-count-dilemmas = Dilemmaer
page-matrix-title = Kontaktpunkter etter fase og eier
page-matrix-lead = Hvem som møter kunden i hver fase, på tvers av alle reiser. En tom rute er et hull verdt å se nærmere på.
page-matrix-gap = Ingen kontaktpunkter
page-diagnostics-title = Kontroller
page-diagnostics-none = Ingen advarsler eller feil: arbeidsområdet henger sammen.
page-diagnostics-errors = { $count ->
    [one] { $count } feil
   *[other] { $count } feil
}
page-diagnostics-warnings = { $count ->
    [one] { $count } advarsel
   *[other] { $count } advarsler
}
page-diagnostic-error = Feil
page-diagnostic-warning = Advarsel

## Personas
page-personas-lead = Kundetyper, definert av hva de elsker og hater – ikke av alder eller postnummer.
page-personas-new = Ny persona
page-personas-empty = Ingen personas ennå.
page-persona-loves = Elsker
page-persona-hates = Hater
page-persona-motivation = Motivasjon
page-persona-real-motive = Egentlig motiv
page-persona-companions = Reiser med
page-persona-needs = Behov
page-persona-dreams = Drømmer
page-persona-none = Ingenting registrert ennå.
page-persona-open = Se persona
page-persona-journeys-count = { $count ->
    [0] Ikke med i noen reise ennå
    [one] Med i { $count } reise
   *[other] Med i { $count } reiser
}
page-persona-demographics = Demografi
page-persona-demographics-note = Ikke det som definerer dem: to kunder med samme alder, bosted og inntekt kan være helt motsatte kundetyper. Vises bare til orientering.
page-persona-demographics-none = Ingen demografi registrert.
page-demo-age = Alder
page-demo-gender = Kjønn
page-demo-home = Bosted
page-demo-household = Husstand
page-demo-occupation = Yrke
page-demo-income = Inntekt
page-persona-journeys = Reiser tegnet for denne personaen
page-persona-no-journeys = Ingen reise er tegnet for denne personaen ennå.
page-persona-open-map = Åpne kartet
page-persona-step-table = Steg for steg
page-persona-dilemmas = Slik treffer dilemmaene våre
page-sparkline-title = Designet følelse per steg for { $persona } i { $journey }

## Reiser
page-journeys-lead = Hver reise fra før til etter, slik den er i dag eller slik den bør bli.
page-journeys-new = Ny reise
page-journeys-empty = Ingen reiser ennå.
page-journey-goal = Mål
page-journey-improves-on = Forbedrer:
page-journey-improved-in = Forbedret i:
page-journey-phases = Faser
page-journey-open-map = Åpne kartet
page-journey-new-step = Nytt steg
page-journey-curves-for = Følelseskurver for
page-journey-show = Vis
page-journey-download = Last ned kartet:
page-journey-map-label = Reisekart – rull sidelengs for å se alle stegene
page-journey-steps = Alle steg
page-journey-no-steps = Denne reisen har ingen steg ennå.
page-step-details = Detaljer om steget
page-step-panel-empty-title = Velg et steg
page-step-panel-empty = Klikk på et steg i kartet eller i listen under for å se kontaktpunkter, følelser, smertepunkter og innsikt her.
page-step-close = Lukk detaljene
page-step-sub-goal = Delmål
page-step-no-touchpoints = Ingen kontaktpunkter i dette steget.
page-step-no-emotions = Ingen emosjonelle elementer ennå: steget dekker behov, men vinner ingen hjerter.

## Kontaktpunkter
page-touchpoints-lead = Alle stedene kunden møter oss, en partner eller en offentlig aktør – og hvor de brukes.
page-touchpoints-new = Nytt kontaktpunkt
page-touchpoints-showing = Viser { $shown } av { $total } kontaktpunkter
page-touchpoints-none = Ingen kontaktpunkter passer til filteret.
page-touchpoints-unused = Ikke brukt i noe steg
page-filter-any-phase = Alle faser
page-filter-any-channel = Alle kanaler
page-filter-any-owner = Alle eiere
page-filter-any-mode = Fysisk og digitalt
page-filter-any-discipline = Alle disipliner
page-filter-apply = Filtrer
page-filter-reset = Nullstill filtre

## Mål og aktører
page-goals-lead = Hva kunden egentlig prøver å oppnå, hvem andre som er involvert, og hvor kundene blir sittende fast.
page-goals-new = Nytt mål
page-goals-tree = Kundens mål
page-goals-empty = Ingen mål ennå.
page-actors-new = Ny aktør
page-actors-network = Aktørene rundt kunden
page-actors-network-lead = Våre egne enheter, partnere og offentlige aktører kunden møter på reisene, med kontaktpunktene og stegene de deler.
page-actors-empty = Ingen aktører ennå.
page-network-customer = Kunden
page-network-personas = { $count ->
    [one] { $count } persona
   *[other] { $count } personas
}
page-network-touchpoints = { $count ->
    [0] ingen kontaktpunkter
    [one] { $count } kontaktpunkt
   *[other] { $count } kontaktpunkter
}
page-network-steps = { $count ->
    [one] { $count } steg
   *[other] { $count } steg
}
page-network-own-channels = Våre egne kanaler
page-network-own-channels-note = Våre kontaktpunkter som ikke nevner noen aktør.
page-network-legend-width = Tykkere linje: flere felles steg
page-network-legend-dashed = Stiplet: involvert, uten eget kontaktpunkt

## Dilemmaer
page-dilemmas-lead = Valg der kundetilfredshet veies mot kostnad og klima.
page-dilemmas-new = Nytt dilemma
page-dilemmas-empty = Ingen dilemmaer ennå.
page-dilemma-option = Alternativ
page-dilemma-satisfaction = Effekt på tilfredshet (−2 til +2)
page-dilemma-mean = Gjennomsnittlig tilfredshet
page-dilemma-cost = Kostnad
page-dilemma-co2e = CO₂e
page-dilemma-notes = Merknader
page-dilemma-chosen = Valgt
page-dilemma-pareto = Pareto-optimalt
page-dilemma-pareto-help = Ingen andre alternativer er minst like gode på tilfredshet, kostnad og CO₂e og bedre på ett av dem.
page-dilemma-dominated = Dominert
page-dilemma-dominated-help = Et annet alternativ er minst like godt på tilfredshet, kostnad og CO₂e, og bedre på ett av dem.
page-dilemma-decision = Beslutning
page-dilemma-open = Ikke avgjort ennå
page-dilemma-no-options = Ingen alternativer ennå.
page-dilemma-better = bedre: mer fornøyd, billigere
page-dilemma-bubble = Boblestørrelse: CO₂e
page-dilemma-chart-title = Avveining: { $question }
page-dilemma-chart-caption = Hvert alternativ etter kostnad (bortover) og gjennomsnittlig tilfredshet (oppover); jo større boble, desto mer CO₂e.

## Feil og innlogging
page-error-400 = Forespørselen kunne ikke forstås
page-error-401 = Logg inn først
page-error-403 = Ikke tillatt
page-error-404 = Fant ikke siden
page-error-409 = Endret av noen andre
page-error-500 = Noe gikk galt
page-error-other = Noe gikk galt
page-error-home = Tilbake til start
page-login-lead = Kartlegg, mål og forbedre kundenes reiser.

## Live data: customers, profiles, sources, the event debugger
page-customers-title = Kunder
page-customers-lead = Hvem hendelsene viser, og hvordan reisene deres går. Bygget fra { $events } hendelser, oppdatert etter hvert som nye kommer.
page-customers-none = Ingen hendelser ennå, altså ingen kunder.
page-customers-none-action = Opprett en kilde og send hendelser til den →
page-customers-total = kunder
page-customers-identified = identifisert
page-customers-feedback = svar
page-customers-runs = Gjennomføringer av reiser
page-customers-journey = Reise
page-customers-runs-total = Gjennomføringer
page-customers-completion-rate = Andel fullført
page-customers-runs-hint = En gjennomføring er én kundes vei gjennom en nå-reise, fra kontaktpunktene hendelsene treffer. Den er avbrutt etter reisens antall dager uten kontaktpunkt, og fullført når den når reisens fullføringssteg.
page-customers-search = Id, navn eller e-post
page-customers-no-match = Ingen kunder passer.
page-customers-customer = Kunde
page-customers-status = Status
page-customers-first-seen = Først sett
page-customers-last-seen = Sist sett
page-customers-events = Hendelser
page-customers-page = Side { $page } av { $pages }
page-life-active = Aktiv
page-life-churned = Tapt
page-life-prospect = Potensiell
page-life-active-plural = aktive
page-life-churned-plural = tapte
page-life-prospect-plural = potensielle
page-run-active = Pågår
page-run-completed = Fullført
page-run-abandoned = Avbrutt
page-profile-identity = Identitet
page-profile-user-ids = Bruker-id-er
page-profile-anonymous = anonym
page-profile-anonymous-ids = Anonyme id-er
page-profile-traits = Egenskaper
page-profile-no-traits = Ingen egenskaper ennå.
page-profile-trait-history = Endringshistorikk
page-profile-lifecycle = Livsløp
page-profile-no-lifecycle = Ikke vunnet ennå: ingen reise og ikke noe kjøp.
page-profile-runs = Gjennomføringer av reiser
page-profile-no-runs = Ingen hendelser fra denne kunden treffer et kontaktpunkt i en nå-reise ennå.
page-profile-run = Gjennomføring
page-profile-started = Startet
page-profile-last = Siste kontaktpunkt
page-profile-where = Hvor
page-profile-hits = Kontaktpunkter
page-profile-map-hint = Gjennomføringen tegnet på reisekartet: kontaktpunktene kunden var innom, i rekkefølge.
page-profile-feedback = Tilbakemeldinger
page-profile-no-feedback = Ingen tilbakemeldinger ennå.
page-profile-when = Når
page-profile-touchpoint = Kontaktpunkt
page-profile-score = Score
page-profile-comment = Kommentar
page-profile-timeline = Hendelser
page-profile-no-events = Ingen hendelser.
page-profile-timeline-hint = De { $shown } nyeste hendelsene, nyeste først.
page-profile-acquired = Vunnet gjennom { $via }
page-profile-churned-event = Tapt: { $event }
page-profile-churned-silent = Tapt: ingen hendelser på for lenge
page-profile-reactivated = Kom tilbake
page-sources-title = Kilder
page-sources-lead = Hver nettside, app eller hvert baksystem som sender hendelser, har sin egen skrivenøkkel. Send Segment-kall (identify, track, page, screen, group, alias, batch) til /v1/ med nøkkelen.
page-sources-created = Kilden «{ $name }» er opprettet
page-sources-key-once = Skrivenøkkelen vises bare nå (Stig lagrer bare en hash). Kopier den inn i SDK-ens oppsett.
page-sources-none = Ingen kilder ennå.
page-sources-name = Navn
page-sources-name-example = f.eks. Nettside
page-sources-created-at = Opprettet
page-sources-events = Hendelser
page-sources-refused = Avvist
page-sources-last-event = Siste hendelse
page-sources-never = aldri
page-sources-unknown-keys = { $count } forespørsler siden serveren startet hadde ingen eller ukjent skrivenøkkel.
page-sources-new = Ny kilde
page-sources-create = Opprett kilde
page-sources-howto = Slik sender du hendelser
page-sources-howto-lead = Alle Segment-SDK-er virker: pek vertsadressen mot denne serveren. Eller kall HTTP-API-et direkte:
page-debugger-title = Hendelsesfeilsøker
page-debugger-open = Feilsøker
page-debugger-lead = De nyeste hendelsene når de kommer, og forespørslene som ble avvist, med grunnen. Oppdateres hvert andre sekund.
page-debugger-source = Kilde
page-debugger-all-sources = Alle kilder
page-debugger-imported = importert
page-debugger-events = Hendelser
page-debugger-live = direkte
page-debugger-no-events = Ingen hendelser ennå.
page-debugger-refused = Avviste forespørsler
page-debugger-no-refused = Ingenting avvist.

page-profile-consent = Samtykke
page-profile-no-consent = Ingen samtykke oppgitt ennå: bare tjenestemeldinger når denne kunden.
page-profile-consent-category = Kategori
page-profile-consent-state = Status
page-profile-consent-since = Siden
page-profile-consent-history = Samtykkehistorikk
page-profile-consent-granted = Gitt
page-profile-consent-denied = Ikke gitt
page-profile-consent-via-context = samtykkeverktøy, { $event }
page-profile-consent-via-trait = samtykke-egenskap, { $event }

## Personopplysninger på en kundeprofil (administratorer)
page-profile-privacy = Personopplysninger
page-profile-export = Last ned alt om denne personen (JSON)
page-profile-erase = Slett denne personen…
page-profile-erase-help = Sletter alle hendelser, svar, egenskaper, utløste øyeblikk og oppgaver for denne personen og alle id-er koblet til dem, for godt, og visker dem ut av databasefilene. En kvittering uten opplysningene lagres i revisjonsloggen.
page-profile-erase-confirm = Skriv id-en for å bekrefte:
page-profile-erase-suppress = Avvis også hendelser som nevner dem senere
page-profile-erase-button = Slett for godt
page-profile-erase-mismatch = Id-en du skrev passer ikke med denne personen; ingenting ble slettet.
page-profile-erased = Personen er slettet. Kvitteringen ligger i revisjonsloggen.
