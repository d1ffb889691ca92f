# Forretningsøjeblikke: listen, byggeren, et øjebliks baglæns test og aktivitetslog,
# leveringer, opgaver til medarbejderne og hemmeligheder i arbejdsområdet.

moments-nav = Øjeblikke
moments-title = Øjeblikke
moments-lead = Øjeblikkene, der betyder noget, og hvad Stig gør, når de sker: en signeret webhook, en e-mail, en invitation til en undersøgelse eller en opgave til medarbejderne.
moments-new = Nyt øjeblik
moments-none = Ingen øjeblikke endnu.
moments-none-hint = Opret et: vælg, hvad der udløser det (en hændelse, en milepæl på en rejse, inaktivitet eller en feedbackscore), hvem det gælder, og hvad der skal ske. Den baglæns test viser, hvor ofte det ville være sket, før du slår det til.
moments-col-moment = Øjeblik
moments-col-when = Hvornår
moments-col-actions = Så
moments-col-state = Status
moments-col-fired = Udløst
moments-col-last-fired = Sidst udløst
moments-never = Aldrig
moments-only-for = Kun for:
moments-enabled = Slået til
moments-disabled = Slået fra
moments-disabled-hint = Dette øjeblik er slået fra: det udløses ikke, men den baglæns test viser, hvor ofte det ville være sket.
moments-all = Alle

moments-status-pending = Venter
moments-status-delivered = Leveret
moments-status-dead = Mislykkedes

moments-action-none = Ingen handling
moments-action-webhook = Webhook
moments-action-email = E-mail
moments-action-survey = Undersøgelse
moments-action-task = Opgave

moments-days = { $n ->
    [one] { $count } dag
   *[other] { $count } dage
}
moments-hours = { $n ->
    [one] { $count } time
   *[other] { $count } timer
}
moments-minutes = { $n ->
    [one] { $count } minut
   *[other] { $count } minutter
}

moments-place-journey = { $journey }
moments-place-phase = fasen { $phase } i { $journey }
moments-place-step = trinnet { $step } i { $journey }

moments-sum-event = Når { $event } sker
moments-sum-event-where = Når { $event } sker med { $where }
moments-sum-enter = Når en kunde går ind i { $place }
moments-sum-complete = Når en kunde gennemfører { $place }
moments-sum-abandon = Når en kunde forlader { $place }
moments-sum-enter-after = { $offset } efter at kunden er gået ind i { $place }
moments-sum-complete-after = { $offset } efter at kunden har gennemført { $place }
moments-sum-abandon-after = { $offset } efter at kunden har forladt { $place }
moments-sum-enter-before = { $offset } før datoen i “{ $property }”, når kunden går ind i { $place }
moments-sum-complete-before = { $offset } før datoen i “{ $property }”, når kunden gennemfører { $place }
moments-sum-abandon-before = { $offset } før datoen i “{ $property }”, når kunden forlader { $place }
moments-sum-inactivity = { $n ->
    [one] Efter { $days } dag uden aktivitet
   *[other] Efter { $days } dage uden aktivitet
}
moments-sum-feedback-at-most = Når en { $score }-score er { $value } eller lavere
moments-sum-feedback-at-least = Når en { $score }-score er { $value } eller højere
moments-sum-feedback-between = Når en { $score }-score er mellem { $low } og { $high }
moments-sum-feedback-any = Når der kommer en { $score }-score
moments-sum-at-touchpoint = { $text } ved { $touchpoint }

moments-milestone-enter = Går ind i
moments-milestone-complete = Gennemfører
moments-milestone-abandon = Forlader

moments-cond-personas = { $personas }
moments-cond-phases = i { $phases }
moments-cond-channels = via { $channels }

moments-limit-once-per-run = én gang pr. rejse
moments-limit-max = { $n ->
    [one] højst én gang pr. kunde
   *[other] højst { $max } gange pr. kunde
}
moments-limit-max-period = { $n ->
    [one] højst én gang pr. kunde pr. { $days } dage
   *[other] højst { $max } gange pr. kunde pr. { $days } dage
}
moments-limit-quiet = stille fra { $from } til { $to } ({ $timezone })
moments-limit-workspace-tz = arbejdsområdets tidszone

moments-definition = Hvad det gør
moments-who = For hvem
moments-everyone = Alle kunder
moments-limits = Begrænsninger
moments-no-limits = Ingen: det udløses hver gang
moments-no-actions = Ingen handling endnu: det gør ingenting.
moments-signed-with = signeret med hemmeligheden “{ $secret }”
moments-to-customer = kunden
moments-email-to = Til { $to }
moments-survey-of = Invitation til undersøgelsen for { $touchpoint }

moments-backtest = Baglæns test
moments-backtest-running = Kører øjeblikket over den gemte historik …
moments-backtest-open = Åbn den baglæns test
moments-backtest-no-events = Der er ingen gemte hændelser endnu, så der er intet at teste imod.
moments-backtest-summary = Over historikken fra { $from } til { $to } ({ $events } hændelser) ville dette øjeblik være udløst { $n ->
    [0] ingen gange
    [one] én gang
   *[other] { $fired } gange
}, for { $m ->
    [one] én kunde
   *[other] { $customers } kunder
}.
moments-backtest-per-week = Udløst pr. uge
moments-backtest-per-persona = Pr. kundetype
moments-backtest-samples = Seneste kunder, det ville være udløst for
moments-persona = Kundetype
moments-no-persona = Ingen
moments-customer = Kunde
moments-when = Hvornår
moments-occurrence = Forekomst

moments-activity = Aktivitet
moments-activity-hint = De nyeste udløsninger med leveringen af hver handling, opdateret løbende. Mislykkede leveringer kan prøves igen.
moments-no-firings = Det er ikke udløst endnu.
moments-occurred = skete
moments-next-attempt = Næste forsøg
moments-delivered-at = Leveret
moments-attempts = Forsøg
moments-attempts-count = { $n ->
    [one] 1 forsøg
   *[other] { $n } forsøg
}
moments-attempts-n = { $n ->
    [one] Vis 1 forsøg
   *[other] Vis { $n } forsøg
}
moments-attempt-ok = OK
moments-attempt-failed = Mislykkedes
moments-retry = Prøv igen nu
moments-replayed = Sat i kø igen: den prøves med det samme.

moments-deliveries-title = Leveringer
moments-deliveries-lead = Hver handling, et øjeblik har sat i kø. Mislykkede leveringer blev opgivet efter nye forsøg; prøv dem igen, når modtageren virker.
moments-no-dead = Ingen mislykkede leveringer. Alt kom frem.
moments-no-deliveries = Ingen leveringer her.
moments-delivery = Handling
moments-details = Detaljer

moments-tasks-title = Opgaver
moments-tasks-lead = { $n ->
    [0] Opfølgning til medarbejderne, som øjeblikkene har oprettet. Ingen er åbne.
    [one] Opfølgning til medarbejderne, som øjeblikkene har oprettet. Én er åben.
   *[other] Opfølgning til medarbejderne, som øjeblikkene har oprettet. { $n } er åbne.
}
moments-no-tasks = Ingen opgaver endnu. Et øjeblik med en opgavehandling opretter dem.
moments-task = Opgave
moments-task-open = Åben
moments-task-done = Færdig
moments-assignee = Tildelt
moments-nobody = Ingen
moments-assign = Tildel
moments-mark-done = Færdig
moments-reopen = Genåbn
moments-task-assigned = Opgaven er tildelt.
moments-task-closed = Opgaven er færdig.
moments-task-reopened = Opgaven er genåbnet.

moments-secrets-title = Hemmeligheder
moments-secrets-lead = Hemmelighederne i dette arbejdsområde, som øjeblikkenes webhooks (til signering) og mailopsætningen henviser til. Her vises kun navnene.
moments-secrets-never-shown = Værdierne vises aldrig. For at ændre en skal du angive den igen under samme navn.
moments-secrets-missing = Øjeblikke henviser til hemmeligheder, der ikke er angivet: { $names }. Deres webhooks fejler, indtil du angiver dem.
moments-no-secrets = Ingen hemmeligheder endnu.
moments-secret-name = Navn
moments-secret-value = Værdi
moments-secret-changed = Sidst ændret
moments-secret-used-by = Bruges af
moments-secret-generate = Opret en webhook-hemmelighed
moments-secret-generate-hint = Stig laver en tilfældig signeringshemmelighed, gemmer den og viser den én gang, så det modtagende system kan kontrollere signaturerne.
moments-secret-generated = Hemmeligheden “{ $name }” er oprettet
moments-secret-copy-now = Kopiér den nu: den vises ikke igen.
moments-secret-set = Angiv en hemmelighed
moments-secret-set-hint = Angiv en værdi, du allerede har, for eksempel en delt hemmelighed fra modtageren eller en adgangskode til mailserveren.
moments-secret-saved = Hemmeligheden “{ $name }” er gemt.
moments-secret-deleted = Hemmeligheden “{ $name }” er slettet.
moments-secret-delete-confirm = Slet hemmeligheden “{ $name }”? Webhooks, der signeres med den, fejler, indtil den angives igen.

moments-profile-title = Øjeblikke
moments-profile-none = Intet øjeblik er udløst for denne kunde.

moments-form-new = Nyt øjeblik
moments-form-edit = Redigér øjeblik
moments-form-enabled = Slået til
moments-form-enabled-hint = (kun øjeblikke, der er slået til, udløses)
moments-form-when = Hvornår
moments-trigger-event = En hændelse sker
moments-trigger-milestone = En milepæl på en rejse
moments-trigger-inactivity = Kunden bliver stille
moments-trigger-feedback = En feedbackscore
moments-form-event = Hændelsens navn
moments-form-where = Med disse egenskaber
moments-form-where-hint = (én pr. linje: plan = premium)
moments-form-milestone = Milepæl
moments-form-journey = Rejse
moments-form-phase = Fase
moments-form-step = Trin
moments-form-whole-run = Hele rejsen
moments-form-no-step = Intet bestemt trin
moments-form-offset = Forskydning
moments-form-offset-hint = (f.eks. 2d, 12h; -3d tæller baglæns fra en dato)
moments-form-date-property = Datoegenskab
moments-form-date-property-hint = (til en negativ forskydning, f.eks. arrival)
moments-form-days = Dage uden aktivitet
moments-form-score = Score
moments-form-touchpoint = Kontaktpunkt
moments-form-at-most = Højst
moments-form-at-least = Mindst
moments-form-feedback-hint = NPS går fra 0 til 10 (kritikere: højst 6), CSAT fra 1 til 5, CES fra 1 til 7.
moments-form-any = Alle
moments-form-choose = Vælg …
moments-form-who = For hvem
moments-form-who-hint = Lad en liste være tom for at gælde alle; afkrydsede valg i en liste er alternativer.
moments-form-personas = Kundetyper
moments-form-phases = Faser
moments-form-channels = Kanaler
moments-form-traits = Egenskaber
moments-form-traits-hint = (én pr. linje: tier = gold, age >= 30, email exists, phone missing)
moments-form-limits = Hvor ofte
moments-form-once-per-run = Højst én gang pr. rejse
moments-form-max-per-customer = Højst pr. kunde
moments-form-period-days = Inden for dage
moments-form-period-hint = (tomt: nogensinde)
moments-form-quiet-hint = Stille timer: handlinger, der falder inden for dem, venter, til de er forbi.
moments-form-quiet-from = Stille fra
moments-form-quiet-to = Stille til
moments-form-clock-hint = (TT:MM)
moments-form-timezone = Tidszone
moments-form-timezone-hint = (f.eks. Europe/Copenhagen; tomt: arbejdsområdets)
moments-form-then = Så
moments-form-then-hint = Op til tre handlinger; lad en blok stå på “Ingen handling” for at springe den over.
moments-form-action-n = Handling { $n }
moments-form-action-kind = Type
moments-form-url = URL
moments-form-secret = Hemmelighedens navn
moments-form-secret-hint = (en hemmelighed i arbejdsområdet)
moments-form-to = Til
moments-form-to-hint = (customer eller en e-mailadresse)
moments-form-subject = Emne
moments-form-body = Tekst
moments-form-template-hint = Pladsholdere som {"{{"} customer.first_name {"}}"} udfyldes for hver kunde.
moments-form-survey-touchpoint = Undersøgelse for kontaktpunkt
moments-form-task-title = Titel
moments-form-task-body = Detaljer
moments-form-assignee = Tildel til

# Slå et øjeblik til efter en baglæns test; forhåndsvisning og testudsendelse af e-mail; sporingsplanen.
moments-enable = Slå til
moments-disable = Slå fra
moments-enable-without = Slå til uden baglæns test …
moments-now-enabled = Øjeblikket er slået til: det reagerer på det, der sker fra nu af.
moments-now-disabled = Øjeblikket er slået fra: det udløses ikke længere.
moments-enable-found = { $n ->
    [one] Over den gemte historik ville øjeblikket være udløst én gang
   *[other] Over den gemte historik ville øjeblikket være udløst { $fired } gange
}, for { $m ->
    [one] én kunde
   *[other] { $customers } kunder
}. Slå det til, hvis det er, hvad du forventer.
moments-enable-found-none = Over den gemte historik ville øjeblikket aldrig være udløst. Tjek udløseren og betingelserne, før du slår det til.
moments-enable-confirm-title = Slå til uden baglæns test?
moments-enable-confirm = “{ $name }” er ikke testet baglæns. Den baglæns test viser, hvor ofte det ville være udløst over de gemte hændelser, og for hvem, før det når rigtige kunder.
moments-enable-see-backtest = Se den baglæns test først
moments-enable-anyway = Slå til alligevel
moments-form-starts-disabled = Nye øjeblikke starter slået fra. Gem, se den baglæns test, og slå det så til på øjeblikkets side.
moments-form-event-hint = (vælg en, som arbejdsområdet har modtaget, eller skriv en ny)
moments-never-seen = Aldrig set: ingen hændelse med dette navn er kommet ind i arbejdsområdet endnu.
moments-never-seen-property = Aldrig set på denne hændelse:
moments-form-pick-property = Egenskab set på denne hændelse …
moments-form-pick-trait = Kendetegn set hos kunder …
moments-form-add-condition = Tilføj
moments-form-phases-hint = (grupperet efter rejse; Ctrl eller ⌘ for at vælge flere)
moments-tracking-plan = Sporingsplan
moments-preview-title = Forhåndsvisning af e-mail
moments-preview-lead = Hver e-mail, som den ville blive sendt på hvert sprog, den er skrevet på, til { $customer }.
moments-preview-to = Til
moments-preview-no-address = (kunden har ingen e-mailadresse)
moments-test-send = Send en test til mig
moments-test-hint = En test går til din egen adresse (dit brugernavn) gennem arbejdsområdets mailserver, mærket [TEST]. Intet registreres som en levering.
moments-test-sent = Test-e-mail sendt til { $to }.
moments-test-failed = Test-e-mailen blev ikke sendt: { $why }
moments-task-no-contact = intet telefonnummer eller e-mail blandt kendetegnene
moments-task-touchpoint = Ved

moments-plan-title = Sporingsplan
moments-plan-lead = Alle slags hændelser, som arbejdsområdet har modtaget, med deres egenskaber: vælg blandt dem, når du bygger øjeblikke og signaler for kontaktpunkter.
moments-plan-json = Som JSON
moments-plan-none = Ingen hændelser er kommet ind endnu.
moments-plan-none-hint = Forbind en kilde for at begynde at sende hændelser.
moments-plan-summary = { $n ->
    [one] Én hændelse
   *[other] { $events } hændelser
} af { $k ->
    [one] én type
   *[other] { $kinds } typer
}.
moments-plan-unlisted = { $count } hændelser mere, af typer ud over de første 500, er talt, men ikke listet.
moments-plan-col-event = Hændelse
moments-plan-col-type = Type
moments-plan-col-count = Antal
moments-plan-col-first = Først set
moments-plan-col-last = Sidst set
moments-plan-col-properties = Egenskaber
moments-plan-col-property = Egenskab
moments-plan-properties-n = { $n ->
    [one] én egenskab
   *[other] { $n } egenskaber
}
moments-plan-unlisted-properties = { $n } egenskabsværdier mere, ud over de første 200 navne, er talt, men ikke listet.
moments-plan-how = Talt, efterhånden som hændelserne kommer ind (identify- og group-kald viser deres kendetegn). Tiderne er hændelsernes egne.

# Samtykke: hver handlings formål, og handlinger standset, fordi samtykke mangler.
moments-status-suppressed = Standset
moments-suppressed-hint = Handlinger, der ikke blev sendt, fordi kunden ikke havde givet samtykke til formålet.
moments-suppressed-why = Mangler samtykke til { $purpose }: ikke sendt.
moments-backtest-consent = Det ville have nået { $reached } fuldt ud; { $m ->
    [0] ingen udløsninger
    [one] én udløsning
   *[other] { $suppressed } udløsninger
} ville have fået en handling standset, fordi samtykke manglede.
moments-form-purpose = Formål
moments-form-purpose-hint = Service (kvitteringer, ændrede bookinger) går til alle; alle andre formål kun til kunder, der har givet det samtykke. Påkrævet for alt, der når kunden.
moments-purpose-unset = Vælg formål …
moments-purpose-missing = Mangler formål
moments-purpose-missing-hint = Denne handling når kunden, men siger ikke, hvad den er til: den sendes kun til kunder, der har givet samtykke til markedsføring.
moments-purpose-service = Service
moments-purpose-marketing = Markedsføring
moments-purpose-analytics = Analyse
moments-purpose-advertising = Annoncering
moments-purpose-functional = Funktionel
moments-purpose-personalization = Personalisering
moments-purpose-data-sharing = Datadeling
