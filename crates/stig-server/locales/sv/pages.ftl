# pages messages (sv). Keys of this file start with `page-`.

## Gemensamma ord
page-breadcrumbs = Brödsmulor
page-phase = Fas
page-step = Steg
page-steps = Steg
page-touchpoint = Kontaktpunkt
page-touchpoints = Kontaktpunkter
page-channel = Kanal
page-channels = Kanaler
page-mode = Fysisk eller digital
page-owner = Ägare
page-discipline = Disciplin
page-survey = Enkät
page-actor = Aktör
page-actors = Aktörer
page-actor-kind = Typ
page-goals = Mål
page-used-in = Används i
page-pain-points = Smärtpunkter
page-opportunities = Möjligheter
page-evidence = Underlag
page-emotional-elements = Emotionella element
page-functional-elements = Funktionella element
page-designed-emotion = Designad känsla
page-sense = Sinne
page-intangible = Immateriell
page-steps-count = { $count ->
    [one] { $count } steg
   *[other] { $count } steg
}
page-state-as-is = Nuläge
page-state-to-be = Önskat läge

page-owner-own = Egen
page-owner-partner = Partner
page-owner-public = Offentlig
page-mode-physical = Fysisk
page-mode-digital = Digital
page-discipline-create = Skapa
page-discipline-communicate = Kommunicera
page-discipline-deliver = Leverera
page-survey-nps = NPS
page-survey-csat = CSAT
page-survey-ces = CES
page-sense-see = Syn
page-sense-hear = Hörsel
page-sense-smell = Lukt
page-sense-taste = Smak
page-sense-touch = Känsel
page-evidence-quote = Citat
page-evidence-observation = Observation
page-evidence-interview = Intervju

page-channel-web = Webb
page-channel-app = App
page-channel-email = E-post
page-channel-sms = SMS
page-channel-chat = Chatt
page-channel-phone = Telefon
page-channel-social = Sociala medier
page-channel-advertising = Reklam
page-channel-print = Trycksak
page-channel-letter = Brev
page-channel-invoice = Faktura
page-channel-store = Butik
page-channel-on-site = På plats
page-channel-event = Evenemang
page-channel-kiosk = Kiosk
page-channel-signage = Skyltning
page-channel-transport = Transport
page-channel-word-of-mouth = Mun till mun

## Översikt
page-overview-eyebrow = Översikt över arbetsytan
page-overview-brand-promise = Varumärkeslöfte
page-overview-counts = Arbetsytan i siffror
page-overview-export = Ladda ner som filer
page-overview-all-personas = Alla personas
page-overview-all-journeys = Alla resor
page-count-personas = Personas
page-count-journeys = Resor
page-count-steps = Steg
page-count-touchpoints = Kontaktpunkter
page-count-actors = Aktörer
page-count-goals = Mål
page-count-dilemmas = Dilemman
page-matrix-title = Kontaktpunkter per fas och ägare
page-matrix-lead = Vem som möter kunden i varje fas, över alla resor. En tom ruta är en lucka värd att titta närmare på.
page-matrix-gap = Ingen kontaktpunkt
page-diagnostics-title = Kontroller
page-diagnostics-none = Inga varningar eller fel: arbetsytan hänger ihop.
page-diagnostics-errors = { $count ->
    [one] { $count } fel
   *[other] { $count } fel
}
page-diagnostics-warnings = { $count ->
    [one] { $count } varning
   *[other] { $count } varningar
}
page-diagnostic-error = Fel
page-diagnostic-warning = Varning

## Personas
page-personas-lead = Kundtyper, definierade av vad de älskar och hatar – inte av ålder eller postnummer.
page-personas-new = Ny persona
page-personas-empty = Inga personas ännu.
page-persona-loves = Älskar
page-persona-hates = Hatar
page-persona-motivation = Motivation
page-persona-real-motive = Egentligt motiv
page-persona-companions = Reser med
page-persona-needs = Behov
page-persona-dreams = Drömmar
page-persona-none = Inget registrerat ännu.
page-persona-open = Visa persona
page-persona-journeys-count = { $count ->
    [0] Inte med i någon resa ännu
    [one] Med i { $count } resa
   *[other] Med i { $count } resor
}
page-persona-demographics = Demografi
page-persona-demographics-note = Inte det som definierar dem: två kunder med samma ålder, bostadsort och inkomst kan vara helt motsatta kundtyper. Visas bara som referens.
page-persona-demographics-none = Ingen demografi registrerad.
page-demo-age = Ålder
page-demo-gender = Kön
page-demo-home = Bostadsort
page-demo-household = Hushåll
page-demo-occupation = Yrke
page-demo-income = Inkomst
page-persona-journeys = Resor ritade för den här personan
page-persona-no-journeys = Ingen resa är ritad för den här personan ännu.
page-persona-open-map = Öppna kartan
page-persona-step-table = Steg för steg
page-persona-dilemmas = Så landar våra dilemman
page-sparkline-title = Designad känsla per steg för { $persona } i { $journey }

## Resor
page-journeys-lead = Varje resa från före till efter, som den är i dag eller som den borde bli.
page-journeys-new = Ny resa
page-journeys-empty = Inga resor ännu.
page-journey-goal = Mål
page-journey-improves-on = Förbättrar:
page-journey-improved-in = Förbättrad i:
page-journey-phases = Faser
page-journey-open-map = Öppna kartan
page-journey-new-step = Nytt steg
page-journey-curves-for = Känslokurvor för
page-journey-show = Visa
page-journey-download = Ladda ner kartan:
page-journey-map-label = Resekarta – skrolla i sidled för att se alla steg
page-journey-steps = Alla steg
page-journey-no-steps = Den här resan har inga steg ännu.
page-step-details = Detaljer om steget
page-step-panel-empty-title = Välj ett steg
page-step-panel-empty = Klicka på ett steg i kartan eller i listan nedan för att se kontaktpunkter, känslor, smärtpunkter och underlag här.
page-step-close = Stäng detaljerna
page-step-sub-goal = Delmål
page-step-no-touchpoints = Ingen kontaktpunkt i det här steget.
page-step-no-emotions = Inga emotionella element ännu: steget uppfyller behov men vinner inga hjärtan.

## Kontaktpunkter
page-touchpoints-lead = Alla ställen där kunden möter oss, en partner eller en offentlig aktör – och var de används.
page-touchpoints-new = Ny kontaktpunkt
page-touchpoints-showing = Visar { $shown } av { $total } kontaktpunkter
page-touchpoints-none = Ingen kontaktpunkt matchar filtret.
page-touchpoints-unused = Används inte i något steg
page-filter-any-phase = Alla faser
page-filter-any-channel = Alla kanaler
page-filter-any-owner = Alla ägare
page-filter-any-mode = Fysiska och digitala
page-filter-any-discipline = Alla discipliner
page-filter-apply = Filtrera
page-filter-reset = Rensa filter

## Mål och aktörer
page-goals-lead = Vad kunden egentligen försöker nå, vilka andra som är inblandade och var kunderna fastnar.
page-goals-new = Nytt mål
page-goals-tree = Kundens mål
page-goals-empty = Inga mål ännu.
page-actors-new = Ny aktör
page-actors-network = Aktörerna runt kunden
page-actors-network-lead = Våra egna enheter, partner och offentliga aktörer som kunden möter på resorna, med de kontaktpunkter och steg de delar.
page-actors-empty = Inga aktörer ännu.
page-network-customer = Kunden
page-network-personas = { $count ->
    [one] { $count } persona
   *[other] { $count } personas
}
page-network-touchpoints = { $count ->
    [0] ingen kontaktpunkt
    [one] { $count } kontaktpunkt
   *[other] { $count } kontaktpunkter
}
page-network-steps = { $count ->
    [one] { $count } steg
   *[other] { $count } steg
}
page-network-own-channels = Våra egna kanaler
page-network-own-channels-note = Våra kontaktpunkter som inte anger någon aktör.
page-network-legend-width = Tjockare linje: fler gemensamma steg
page-network-legend-dashed = Streckad: inblandad, utan egen kontaktpunkt

## Dilemman
page-dilemmas-lead = Val där kundnöjdhet vägs mot kostnad och klimat.
page-dilemmas-new = Nytt dilemma
page-dilemmas-empty = Inga dilemman ännu.
page-dilemma-option = Alternativ
page-dilemma-satisfaction = Effekt på nöjdhet (−2 till +2)
page-dilemma-mean = Genomsnittlig nöjdhet
page-dilemma-cost = Kostnad
page-dilemma-co2e = CO₂e
page-dilemma-notes = Anteckningar
page-dilemma-chosen = Valt
page-dilemma-pareto = Paretooptimalt
page-dilemma-pareto-help = Inget annat alternativ är minst lika bra på nöjdhet, kostnad och CO₂e och bättre på något av dem.
page-dilemma-dominated = Dominerat
page-dilemma-dominated-help = Ett annat alternativ är minst lika bra på nöjdhet, kostnad och CO₂e, och bättre på något av dem.
page-dilemma-decision = Beslut
page-dilemma-open = Inte beslutat ännu
page-dilemma-no-options = Inga alternativ ännu.
page-dilemma-better = bättre: nöjdare, billigare
page-dilemma-bubble = Bubblans storlek: CO₂e
page-dilemma-chart-title = Avvägning: { $question }
page-dilemma-chart-caption = Varje alternativ efter kostnad (i sidled) och genomsnittlig nöjdhet (uppåt); ju större bubbla, desto mer CO₂e.

## Fel och inloggning
page-error-400 = Begäran kunde inte förstås
page-error-401 = Logga in först
page-error-403 = Inte tillåtet
page-error-404 = Sidan hittades inte
page-error-409 = Ändrat av någon annan
page-error-500 = Något gick fel
page-error-other = Något gick fel
page-error-home = Tillbaka till start
page-login-lead = Kartlägg, mät och förbättra kundernas resor.

## Live data: customers, profiles, sources, the event debugger
page-customers-title = Kunder
page-customers-lead = Vilka händelserna visar, och hur deras resor går. Byggt av { $events } händelser, uppdaterat när nya kommer.
page-customers-none = Inga händelser ännu, alltså inga kunder.
page-customers-none-action = Skapa en källa och skicka händelser till den →
page-customers-total = kunder
page-customers-identified = identifierade
page-customers-feedback = svar
page-customers-runs = Genomförda resor
page-customers-journey = Resa
page-customers-runs-total = Genomföranden
page-customers-completion-rate = Andel slutförda
page-customers-runs-hint = Ett genomförande är en kunds väg genom en nulägesresa, utifrån de kontaktpunkter händelserna träffar. Det är avbrutet efter resans antal dagar utan kontaktpunkt och slutfört när det når resans slutsteg.
page-customers-search = Id, namn eller e-post
page-customers-no-match = Ingen kund matchar.
page-customers-customer = Kund
page-customers-status = Status
page-customers-first-seen = Först sedd
page-customers-last-seen = Senast sedd
page-customers-events = Händelser
page-customers-page = Sida { $page } av { $pages }
page-life-active = Aktiv
page-life-churned = Förlorad
page-life-prospect = Potentiell
page-life-active-plural = aktiva
page-life-churned-plural = förlorade
page-life-prospect-plural = potentiella
page-run-active = Pågår
page-run-completed = Slutförd
page-run-abandoned = Avbruten
page-profile-identity = Identitet
page-profile-user-ids = Användar-id
page-profile-anonymous = anonym
page-profile-anonymous-ids = Anonyma id
page-profile-traits = Egenskaper
page-profile-no-traits = Inga egenskaper ännu.
page-profile-trait-history = Ändringshistorik
page-profile-lifecycle = Livscykel
page-profile-no-lifecycle = Inte vunnen ännu: ingen resa och inget köp.
page-profile-runs = Genomförda resor
page-profile-no-runs = Inga händelser från den här kunden träffar en kontaktpunkt i en nulägesresa ännu.
page-profile-run = Genomförande
page-profile-started = Började
page-profile-last = Senaste kontaktpunkt
page-profile-where = Var
page-profile-hits = Kontaktpunkter
page-profile-map-hint = Genomförandet ritat på resekartan: kontaktpunkterna kunden passerade, i ordning.
page-profile-feedback = Återkoppling
page-profile-no-feedback = Ingen återkoppling ännu.
page-profile-when = När
page-profile-touchpoint = Kontaktpunkt
page-profile-score = Poäng
page-profile-comment = Kommentar
page-profile-timeline = Händelser
page-profile-no-events = Inga händelser.
page-profile-timeline-hint = De { $shown } senaste händelserna, senaste först.
page-profile-acquired = Vunnen genom { $via }
page-profile-churned-event = Förlorad: { $event }
page-profile-churned-silent = Förlorad: inga händelser på för länge
page-profile-reactivated = Kom tillbaka
page-sources-title = Källor
page-sources-lead = Varje webbplats, app eller bakomliggande system som skickar händelser har en egen skrivnyckel. Skicka Segment-anrop (identify, track, page, screen, group, alias, batch) till /v1/ med nyckeln.
page-sources-created = Källan ”{ $name }” har skapats
page-sources-key-once = Skrivnyckeln visas bara nu (Stig sparar bara en hash). Kopiera den till SDK:ns inställningar.
page-sources-none = Inga källor ännu.
page-sources-name = Namn
page-sources-name-example = t.ex. Webbplats
page-sources-created-at = Skapad
page-sources-events = Händelser
page-sources-refused = Avvisade
page-sources-last-event = Senaste händelse
page-sources-never = aldrig
page-sources-unknown-keys = { $count } anrop sedan servern startade hade ingen eller okänd skrivnyckel.
page-sources-new = Ny källa
page-sources-create = Skapa källa
page-sources-howto = Så skickar du händelser
page-sources-howto-lead = Alla Segment-SDK:er fungerar: peka värdadressen mot den här servern. Eller anropa HTTP-API:et direkt:
page-debugger-title = Händelsefelsökare
page-debugger-open = Felsökare
page-debugger-lead = De senaste händelserna när de kommer, och anropen som avvisades, med orsak. Uppdateras varannan sekund.
page-debugger-source = Källa
page-debugger-all-sources = Alla källor
page-debugger-imported = importerad
page-debugger-events = Händelser
page-debugger-live = direkt
page-debugger-no-events = Inga händelser ännu.
page-debugger-refused = Avvisade anrop
page-debugger-no-refused = Inget avvisat.

page-profile-consent = Samtycke
page-profile-no-consent = Inget samtycke angivet än: bara tjänstemeddelanden når den här kunden.
page-profile-consent-category = Kategori
page-profile-consent-state = Status
page-profile-consent-since = Sedan
page-profile-consent-history = Samtyckeshistorik
page-profile-consent-granted = Givet
page-profile-consent-denied = Inte givet
page-profile-consent-via-context = samtyckesverktyg, { $event }
page-profile-consent-via-trait = samtyckesegenskap, { $event }

## Personuppgifter på en kundprofil (administratörer)
page-profile-privacy = Personuppgifter
page-profile-export = Ladda ner allt om den här personen (JSON)
page-profile-erase = Radera den här personen…
page-profile-erase-help = Raderar alla händelser, svar, egenskaper, utlösta ögonblick och uppgifter för den här personen och alla id:n som kopplats till dem, för gott, och skriver över dem i databasfilerna. Ett kvitto utan uppgifterna sparas i granskningsloggen.
page-profile-erase-confirm = Skriv id:t för att bekräfta:
page-profile-erase-suppress = Avvisa även händelser som nämner dem senare
page-profile-erase-button = Radera för gott
page-profile-erase-mismatch = Id:t du skrev stämmer inte med den här personen; inget raderades.
page-profile-erased = Personen är raderad. Kvittot finns i granskningsloggen.
