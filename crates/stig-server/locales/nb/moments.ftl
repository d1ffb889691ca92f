# Forretningsøyeblikk: listen, byggeren, et øyeblikks tilbaketest og aktivitetslogg,
# leveranser, oppgaver for ansatte og hemmeligheter i arbeidsområdet.

moments-nav = Øyeblikk
moments-title = Øyeblikk
moments-lead = Øyeblikkene som betyr noe, og hva Stig gjør når de skjer: en signert webhook, en e-post, en invitasjon til en undersøkelse eller en oppgave for de ansatte.
moments-new = Nytt øyeblikk
moments-none = Ingen øyeblikk ennå.
moments-none-hint = Lag et: velg hva som utløser det (en hendelse, en milepæl i en reise, inaktivitet eller en tilbakemeldingsscore), hvem det gjelder, og hva som skal skje. Tilbaketesten viser hvor ofte det ville ha slått til før du slår det på.
moments-col-moment = Øyeblikk
moments-col-when = Når
moments-col-actions = Så
moments-col-state = Status
moments-col-fired = Utløst
moments-col-last-fired = Sist utløst
moments-never = Aldri
moments-only-for = Bare for:
moments-enabled = På
moments-disabled = Av
moments-disabled-hint = Dette øyeblikket er slått av: det utløses ikke, men tilbaketesten viser hvor ofte det ville ha skjedd.
moments-all = Alle

moments-status-pending = Venter
moments-status-delivered = Levert
moments-status-dead = Mislyktes

moments-action-none = Ingen handling
moments-action-webhook = Webhook
moments-action-email = E-post
moments-action-survey = Undersøkelse
moments-action-task = Oppgave

moments-days = { $n ->
    [one] { $count } dag
   *[other] { $count } dager
}
moments-hours = { $n ->
    [one] { $count } time
   *[other] { $count } timer
}
moments-minutes = { $n ->
    [one] { $count } minutt
   *[other] { $count } minutter
}

moments-place-journey = { $journey }
moments-place-phase = fasen { $phase } i { $journey }
moments-place-step = steget { $step } i { $journey }

moments-sum-event = Når { $event } skjer
moments-sum-event-where = Når { $event } skjer med { $where }
moments-sum-enter = Når en kunde går inn i { $place }
moments-sum-complete = Når en kunde fullfører { $place }
moments-sum-abandon = Når en kunde forlater { $place }
moments-sum-enter-after = { $offset } etter inngang i { $place }
moments-sum-complete-after = { $offset } etter fullført { $place }
moments-sum-abandon-after = { $offset } etter at kunden forlot { $place }
moments-sum-enter-before = { $offset } før datoen i «{ $property }» ved inngang i { $place }
moments-sum-complete-before = { $offset } før datoen i «{ $property }» ved fullført { $place }
moments-sum-abandon-before = { $offset } før datoen i «{ $property }» når kunden forlot { $place }
moments-sum-inactivity = { $n ->
    [one] Etter { $days } dag uten aktivitet
   *[other] Etter { $days } dager uten aktivitet
}
moments-sum-feedback-at-most = Når en { $score }-score er { $value } eller lavere
moments-sum-feedback-at-least = Når en { $score }-score er { $value } eller høyere
moments-sum-feedback-between = Når en { $score }-score er mellom { $low } og { $high }
moments-sum-feedback-any = Når det kommer en { $score }-score
moments-sum-at-touchpoint = { $text } ved { $touchpoint }

moments-milestone-enter = Går inn i
moments-milestone-complete = Fullfører
moments-milestone-abandon = Forlater

moments-cond-personas = { $personas }
moments-cond-phases = i { $phases }
moments-cond-channels = via { $channels }

moments-limit-once-per-run = én gang per reise
moments-limit-max = { $n ->
    [one] høyst én gang per kunde
   *[other] høyst { $max } ganger per kunde
}
moments-limit-max-period = { $n ->
    [one] høyst én gang per kunde per { $days } dager
   *[other] høyst { $max } ganger per kunde per { $days } dager
}
moments-limit-quiet = stille fra { $from } til { $to } ({ $timezone })
moments-limit-workspace-tz = arbeidsområdets tidssone

moments-definition = Hva det gjør
moments-who = For hvem
moments-everyone = Alle kunder
moments-limits = Begrensninger
moments-no-limits = Ingen: det utløses hver gang
moments-no-actions = Ingen handling ennå: det gjør ingenting.
moments-signed-with = signert med hemmeligheten «{ $secret }»
moments-to-customer = kunden
moments-email-to = Til { $to }
moments-survey-of = Invitasjon til undersøkelsen for { $touchpoint }

moments-backtest = Tilbaketest
moments-backtest-running = Kjører øyeblikket over den lagrede historikken …
moments-backtest-open = Åpne tilbaketesten
moments-backtest-no-events = Ingen hendelser er lagret ennå, så det er ingenting å teste mot.
moments-backtest-summary = Over historikken fra { $from } til { $to } ({ $events } hendelser) ville dette øyeblikket ha slått til { $n ->
    [0] ingen ganger
    [one] én gang
   *[other] { $fired } ganger
}, for { $m ->
    [one] én kunde
   *[other] { $customers } kunder
}.
moments-backtest-per-week = Utløst per uke
moments-backtest-per-persona = Per kundetype
moments-backtest-samples = Siste kunder det ville ha slått til for
moments-persona = Kundetype
moments-no-persona = Ingen
moments-customer = Kunde
moments-when = Når
moments-occurrence = Forekomst

moments-activity = Aktivitet
moments-activity-hint = De nyeste utløsningene med leveransen av hver handling, oppdatert fortløpende. Mislykkede leveranser kan prøves på nytt.
moments-no-firings = Det har ikke slått til ennå.
moments-occurred = skjedde
moments-next-attempt = Neste forsøk
moments-delivered-at = Levert
moments-attempts = Forsøk
moments-attempts-count = { $n ->
    [one] 1 forsøk
   *[other] { $n } forsøk
}
moments-attempts-n = { $n ->
    [one] Vis 1 forsøk
   *[other] Vis { $n } forsøk
}
moments-attempt-ok = OK
moments-attempt-failed = Mislyktes
moments-retry = Prøv igjen nå
moments-replayed = Lagt i køen igjen: det prøves med en gang.

moments-deliveries-title = Leveranser
moments-deliveries-lead = Hver handling et øyeblikk har lagt i kø. Mislykkede leveranser ble gitt opp etter nye forsøk; prøv dem igjen når mottakeren er i orden.
moments-no-dead = Ingen mislykkede leveranser. Alt kom fram.
moments-no-deliveries = Ingen leveranser her.
moments-delivery = Handling
moments-details = Detaljer

moments-tasks-title = Oppgaver
moments-tasks-lead = { $n ->
    [0] Oppfølging for ansatte som øyeblikkene har laget. Ingen er åpne.
    [one] Oppfølging for ansatte som øyeblikkene har laget. Én er åpen.
   *[other] Oppfølging for ansatte som øyeblikkene har laget. { $n } er åpne.
}
moments-no-tasks = Ingen oppgaver ennå. Et øyeblikk med en oppgavehandling lager dem.
moments-task = Oppgave
moments-task-open = Åpen
moments-task-done = Ferdig
moments-assignee = Tildelt
moments-nobody = Ingen
moments-assign = Tildel
moments-mark-done = Ferdig
moments-reopen = Åpne igjen
moments-task-assigned = Oppgaven er tildelt.
moments-task-closed = Oppgaven er ferdig.
moments-task-reopened = Oppgaven er åpnet igjen.

moments-secrets-title = Hemmeligheter
moments-secrets-lead = Hemmelighetene i dette arbeidsområdet, som øyeblikkenes webhooker (til signering) og e-postoppsettet viser til. Her vises bare navnene.
moments-secrets-never-shown = Verdiene vises aldri. For å endre en, sett den på nytt under samme navn.
moments-secrets-missing = Øyeblikk viser til hemmeligheter som ikke er satt: { $names }. Webhookene deres feiler til du setter dem.
moments-no-secrets = Ingen hemmeligheter ennå.
moments-secret-name = Navn
moments-secret-value = Verdi
moments-secret-changed = Sist endret
moments-secret-used-by = Brukes av
moments-secret-generate = Lag en webhook-hemmelighet
moments-secret-generate-hint = Stig lager en tilfeldig signeringshemmelighet, lagrer den og viser den én gang, slik at mottakersystemet kan sjekke signaturene.
moments-secret-generated = Hemmeligheten «{ $name }» er laget
moments-secret-copy-now = Kopier den nå: den vises ikke igjen.
moments-secret-set = Sett en hemmelighet
moments-secret-set-hint = Oppgi en verdi du allerede har, for eksempel en delt hemmelighet fra mottakeren eller et passord til e-posttjeneren.
moments-secret-saved = Hemmeligheten «{ $name }» er lagret.
moments-secret-deleted = Hemmeligheten «{ $name }» er slettet.
moments-secret-delete-confirm = Slette hemmeligheten «{ $name }»? Webhooker som signeres med den, feiler til den settes på nytt.

moments-profile-title = Øyeblikk
moments-profile-none = Ingen øyeblikk har slått til for denne kunden.

moments-form-new = Nytt øyeblikk
moments-form-edit = Rediger øyeblikk
moments-form-enabled = På
moments-form-enabled-hint = (bare øyeblikk som er på, slår til)
moments-form-when = Når
moments-trigger-event = En hendelse skjer
moments-trigger-milestone = En milepæl i en reise
moments-trigger-inactivity = Kunden blir stille
moments-trigger-feedback = En tilbakemeldingsscore
moments-form-event = Hendelsesnavn
moments-form-where = Med disse egenskapene
moments-form-where-hint = (én per linje: plan = premium)
moments-form-milestone = Milepæl
moments-form-journey = Reise
moments-form-phase = Fase
moments-form-step = Steg
moments-form-whole-run = Hele reisen
moments-form-no-step = Ikke noe bestemt steg
moments-form-offset = Forskyvning
moments-form-offset-hint = (f.eks. 2d, 12h; -3d teller bakover fra en dato)
moments-form-date-property = Datoegenskap
moments-form-date-property-hint = (for en negativ forskyvning, f.eks. arrival)
moments-form-days = Dager uten aktivitet
moments-form-score = Score
moments-form-touchpoint = Kontaktpunkt
moments-form-at-most = Høyst
moments-form-at-least = Minst
moments-form-feedback-hint = NPS går fra 0 til 10 (kritikere: høyst 6), CSAT fra 1 til 5, CES fra 1 til 7.
moments-form-any = Alle
moments-form-choose = Velg …
moments-form-who = For hvem
moments-form-who-hint = La en liste stå tom for å gjelde alle; avkryssede valg i en liste er alternativer.
moments-form-personas = Kundetyper
moments-form-phases = Faser
moments-form-channels = Kanaler
moments-form-traits = Egenskaper
moments-form-traits-hint = (én per linje: tier = gold, age >= 30, email exists, phone missing)
moments-form-limits = Hvor ofte
moments-form-once-per-run = Høyst én gang per reise
moments-form-max-per-customer = Høyst per kunde
moments-form-period-days = Innen dager
moments-form-period-hint = (tomt: noensinne)
moments-form-quiet-hint = Stilletid: handlinger som faller innenfor, venter til den er over.
moments-form-quiet-from = Stille fra
moments-form-quiet-to = Stille til
moments-form-clock-hint = (TT:MM)
moments-form-timezone = Tidssone
moments-form-timezone-hint = (f.eks. Europe/Oslo; tomt: arbeidsområdets)
moments-form-then = Så
moments-form-then-hint = Opptil tre handlinger; la en blokk stå på «Ingen handling» for å hoppe over den.
moments-form-action-n = Handling { $n }
moments-form-action-kind = Type
moments-form-url = URL
moments-form-secret = Navn på hemmelighet
moments-form-secret-hint = (en hemmelighet i arbeidsområdet)
moments-form-to = Til
moments-form-to-hint = (customer, eller en e-postadresse)
moments-form-subject = Emne
moments-form-body = Tekst
moments-form-template-hint = Plassholdere som {"{{"} customer.first_name {"}}"} fylles ut for hver kunde.
moments-form-survey-touchpoint = Undersøkelse for kontaktpunkt
moments-form-task-title = Tittel
moments-form-task-body = Detaljer
moments-form-assignee = Tildel til

# Slå på et øyeblikk etter en tilbaketest; forhåndsvisning og testutsendelse av e-post; sporingsplanen.
moments-enable = Slå på
moments-disable = Slå av
moments-enable-without = Slå på uten tilbaketest …
moments-now-enabled = Øyeblikket er slått på: det reagerer på det som skjer fra nå av.
moments-now-disabled = Øyeblikket er slått av: det utløses ikke lenger.
moments-enable-found = { $n ->
    [one] Over den lagrede historikken ville dette øyeblikket ha slått til én gang
   *[other] Over den lagrede historikken ville dette øyeblikket ha slått til { $fired } ganger
}, for { $m ->
    [one] én kunde
   *[other] { $customers } kunder
}. Slå det på hvis det er det du venter.
moments-enable-found-none = Over den lagrede historikken ville dette øyeblikket aldri ha slått til. Sjekk utløseren og betingelsene før du slår det på.
moments-enable-confirm-title = Slå på uten tilbaketest?
moments-enable-confirm = «{ $name }» er ikke tilbaketestet. Tilbaketesten viser hvor ofte det ville ha slått til over de lagrede hendelsene, og for hvem, før det når ekte kunder.
moments-enable-see-backtest = Se tilbaketesten først
moments-enable-anyway = Slå på likevel
moments-form-starts-disabled = Nye øyeblikk er slått av til å begynne med. Lagre, se på tilbaketesten, og slå det så på fra siden til øyeblikket.
moments-form-event-hint = (velg en som arbeidsområdet har mottatt, eller skriv en ny)
moments-never-seen = Aldri sett: ingen hendelse med dette navnet har kommet inn i arbeidsområdet ennå.
moments-never-seen-property = Aldri sett på denne hendelsen:
moments-form-pick-property = Egenskap sett på denne hendelsen …
moments-form-pick-trait = Kjennetegn sett på kunder …
moments-form-add-condition = Legg til
moments-form-phases-hint = (gruppert etter reise; Ctrl eller ⌘ for å velge flere)
moments-tracking-plan = Sporingsplan
moments-preview-title = Forhåndsvisning av e-post
moments-preview-lead = Hver e-post slik den ville blitt sendt på hvert språk den er skrevet på, til { $customer }.
moments-preview-to = Til
moments-preview-no-address = (kunden har ingen e-postadresse)
moments-test-send = Send en test til meg
moments-test-hint = En test går til din egen adresse (brukernavnet ditt) gjennom arbeidsområdets e-postserver, merket [TEST]. Ingenting registreres som en leveranse.
moments-test-sent = Test-e-post sendt til { $to }.
moments-test-failed = Test-e-posten ble ikke sendt: { $why }
moments-task-no-contact = ingen telefon eller e-post i kjennetegnene
moments-task-touchpoint = Ved

moments-plan-title = Sporingsplan
moments-plan-lead = Alle slags hendelser dette arbeidsområdet har mottatt, med egenskapene sine: velg blant disse når du bygger øyeblikk og signaler for kontaktpunkter.
moments-plan-json = Som JSON
moments-plan-none = Ingen hendelser har kommet inn ennå.
moments-plan-none-hint = Koble til en kilde for å begynne å sende hendelser.
moments-plan-summary = { $n ->
    [one] Én hendelse
   *[other] { $events } hendelser
} av { $k ->
    [one] én type
   *[other] { $kinds } typer
}.
moments-plan-unlisted = { $count } hendelser til, av typer utover de første 500, er talt, men ikke listet.
moments-plan-col-event = Hendelse
moments-plan-col-type = Type
moments-plan-col-count = Antall
moments-plan-col-first = Først sett
moments-plan-col-last = Sist sett
moments-plan-col-properties = Egenskaper
moments-plan-col-property = Egenskap
moments-plan-properties-n = { $n ->
    [one] én egenskap
   *[other] { $n } egenskaper
}
moments-plan-unlisted-properties = { $n } egenskapsverdier til, utover de første 200 navnene, er talt, men ikke listet.
moments-plan-how = Talt etter hvert som hendelsene kommer inn (identify- og group-kall viser kjennetegnene sine). Tidene er hendelsenes egne.

# Samtykke: hver handlings formål, og handlinger stanset fordi samtykke mangler.
moments-status-suppressed = Stanset
moments-suppressed-hint = Handlinger som ikke ble sendt fordi kunden ikke hadde samtykket til formålet.
moments-suppressed-why = Mangler samtykke til { $purpose }: ikke sendt.
moments-backtest-consent = Det ville ha nådd { $reached } fullt ut; { $m ->
    [0] ingen utløsninger
    [one] én utløsning
   *[other] { $suppressed } utløsninger
} ville ha fått en handling stanset fordi samtykke manglet.
moments-form-purpose = Formål
moments-form-purpose-hint = Tjeneste (kvitteringer, endringer i bestillingen) går til alle; alle andre formål bare til kunder som har gitt det samtykket. Påkrevd for alt som når kunden.
moments-purpose-unset = Velg formål …
moments-purpose-missing = Mangler formål
moments-purpose-missing-hint = Denne handlingen når kunden, men sier ikke hva den er til: den sendes bare til kunder som har samtykket til markedsføring.
moments-purpose-service = Tjeneste
moments-purpose-marketing = Markedsføring
moments-purpose-analytics = Analyse
moments-purpose-advertising = Annonsering
moments-purpose-functional = Funksjonell
moments-purpose-personalization = Tilpasning
moments-purpose-data-sharing = Datadeling
