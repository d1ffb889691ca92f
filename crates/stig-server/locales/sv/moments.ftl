# Affärsögonblick: listan, byggaren, ett ögonblicks bakåttest och aktivitetslogg,
# leveranser, uppgifter för personalen och hemligheter i arbetsytan.

moments-nav = Ögonblick
moments-title = Ögonblick
moments-lead = Ögonblicken som betyder något, och vad Stig gör när de inträffar: en signerad webhook, ett mejl, en inbjudan till en enkät eller en uppgift för personalen.
moments-new = Nytt ögonblick
moments-none = Inga ögonblick ännu.
moments-none-hint = Skapa ett: välj vad som utlöser det (en händelse, en milstolpe i en resa, inaktivitet eller ett feedbackbetyg), vem det gäller och vad som ska hända. Bakåttestet visar hur ofta det skulle ha slagit till innan du aktiverar det.
moments-col-moment = Ögonblick
moments-col-when = När
moments-col-actions = Sedan
moments-col-state = Status
moments-col-fired = Utlöst
moments-col-last-fired = Senast utlöst
moments-never = Aldrig
moments-only-for = Bara för:
moments-enabled = Aktivt
moments-disabled = Inaktivt
moments-disabled-hint = Det här ögonblicket är inaktivt: det utlöses inte, men bakåttestet visar hur ofta det skulle ha hänt.
moments-all = Alla

moments-status-pending = Väntar
moments-status-delivered = Levererad
moments-status-dead = Misslyckades

moments-action-none = Ingen åtgärd
moments-action-webhook = Webhook
moments-action-email = Mejl
moments-action-survey = Enkät
moments-action-task = Uppgift

moments-days = { $n ->
    [one] { $count } dag
   *[other] { $count } dagar
}
moments-hours = { $n ->
    [one] { $count } timme
   *[other] { $count } timmar
}
moments-minutes = { $n ->
    [one] { $count } minut
   *[other] { $count } minuter
}

moments-place-journey = { $journey }
moments-place-phase = fasen { $phase } i { $journey }
moments-place-step = steget { $step } i { $journey }

moments-sum-event = När { $event } inträffar
moments-sum-event-where = När { $event } inträffar med { $where }
moments-sum-enter = När en kund går in i { $place }
moments-sum-complete = När en kund slutför { $place }
moments-sum-abandon = När en kund lämnar { $place }
moments-sum-enter-after = { $offset } efter att kunden gått in i { $place }
moments-sum-complete-after = { $offset } efter att kunden slutfört { $place }
moments-sum-abandon-after = { $offset } efter att kunden lämnat { $place }
moments-sum-enter-before = { $offset } före datumet i ”{ $property }” när kunden går in i { $place }
moments-sum-complete-before = { $offset } före datumet i ”{ $property }” när kunden slutför { $place }
moments-sum-abandon-before = { $offset } före datumet i ”{ $property }” när kunden lämnar { $place }
moments-sum-inactivity = { $n ->
    [one] Efter { $days } dag utan aktivitet
   *[other] Efter { $days } dagar utan aktivitet
}
moments-sum-feedback-at-most = När ett { $score }-betyg är { $value } eller lägre
moments-sum-feedback-at-least = När ett { $score }-betyg är { $value } eller högre
moments-sum-feedback-between = När ett { $score }-betyg är mellan { $low } och { $high }
moments-sum-feedback-any = När ett { $score }-betyg kommer in
moments-sum-at-touchpoint = { $text } vid { $touchpoint }

moments-milestone-enter = Går in i
moments-milestone-complete = Slutför
moments-milestone-abandon = Lämnar

moments-cond-personas = { $personas }
moments-cond-phases = i { $phases }
moments-cond-channels = via { $channels }

moments-limit-once-per-run = en gång per resa
moments-limit-max = { $n ->
    [one] högst en gång per kund
   *[other] högst { $max } gånger per kund
}
moments-limit-max-period = { $n ->
    [one] högst en gång per kund per { $days } dagar
   *[other] högst { $max } gånger per kund per { $days } dagar
}
moments-limit-quiet = tyst från { $from } till { $to } ({ $timezone })
moments-limit-workspace-tz = arbetsytans tidszon

moments-definition = Vad det gör
moments-who = För vem
moments-everyone = Alla kunder
moments-limits = Begränsningar
moments-no-limits = Inga: det utlöses varje gång
moments-no-actions = Ingen åtgärd ännu: det gör ingenting.
moments-signed-with = signerad med hemligheten ”{ $secret }”
moments-to-customer = kunden
moments-email-to = Till { $to }
moments-survey-of = Inbjudan till enkäten för { $touchpoint }

moments-backtest = Bakåttest
moments-backtest-running = Kör ögonblicket över den lagrade historiken …
moments-backtest-open = Öppna bakåttestet
moments-backtest-no-events = Inga händelser är lagrade ännu, så det finns inget att testa mot.
moments-backtest-summary = Över historiken från { $from } till { $to } ({ $events } händelser) skulle det här ögonblicket ha slagit till { $n ->
    [0] inte en enda gång
    [one] en gång
   *[other] { $fired } gånger
}, för { $m ->
    [one] en kund
   *[other] { $customers } kunder
}.
moments-backtest-per-week = Utlösta per vecka
moments-backtest-per-persona = Per kundtyp
moments-backtest-samples = Senaste kunder det skulle ha slagit till för
moments-persona = Kundtyp
moments-no-persona = Ingen
moments-customer = Kund
moments-when = När
moments-occurrence = Förekomst

moments-activity = Aktivitet
moments-activity-hint = De senaste utlösningarna med leveransen av varje åtgärd, uppdaterade löpande. Misslyckade leveranser kan försökas igen.
moments-no-firings = Det har inte slagit till ännu.
moments-occurred = inträffade
moments-next-attempt = Nästa försök
moments-delivered-at = Levererad
moments-attempts = Försök
moments-attempts-count = { $n ->
    [one] 1 försök
   *[other] { $n } försök
}
moments-attempts-n = { $n ->
    [one] Visa 1 försök
   *[other] Visa { $n } försök
}
moments-attempt-ok = OK
moments-attempt-failed = Misslyckades
moments-retry = Försök igen nu
moments-replayed = Köad igen: den försöks direkt.

moments-deliveries-title = Leveranser
moments-deliveries-lead = Varje åtgärd som ett ögonblick har köat. Misslyckade leveranser gavs upp efter nya försök; försök igen när mottagaren fungerar.
moments-no-dead = Inga misslyckade leveranser. Allt kom fram.
moments-no-deliveries = Inga leveranser här.
moments-delivery = Åtgärd
moments-details = Detaljer

moments-tasks-title = Uppgifter
moments-tasks-lead = { $n ->
    [0] Uppföljningar för personalen som ögonblicken har skapat. Ingen är öppen.
    [one] Uppföljningar för personalen som ögonblicken har skapat. En är öppen.
   *[other] Uppföljningar för personalen som ögonblicken har skapat. { $n } är öppna.
}
moments-no-tasks = Inga uppgifter ännu. Ett ögonblick med en uppgiftsåtgärd skapar dem.
moments-task = Uppgift
moments-task-open = Öppen
moments-task-done = Klar
moments-assignee = Tilldelad
moments-nobody = Ingen
moments-assign = Tilldela
moments-mark-done = Klar
moments-reopen = Öppna igen
moments-task-assigned = Uppgiften är tilldelad.
moments-task-closed = Uppgiften är klar.
moments-task-reopened = Uppgiften är öppnad igen.

moments-secrets-title = Hemligheter
moments-secrets-lead = Hemligheterna i den här arbetsytan, som ögonblickens webhooks (för signering) och mejlinställningarna hänvisar till. Här visas bara namnen.
moments-secrets-never-shown = Värdena visas aldrig. För att ändra ett, ange det igen under samma namn.
moments-secrets-missing = Ögonblick hänvisar till hemligheter som inte är angivna: { $names }. Deras webhooks misslyckas tills du anger dem.
moments-no-secrets = Inga hemligheter ännu.
moments-secret-name = Namn
moments-secret-value = Värde
moments-secret-changed = Senast ändrad
moments-secret-used-by = Används av
moments-secret-generate = Skapa en webhook-hemlighet
moments-secret-generate-hint = Stig skapar en slumpmässig signeringshemlighet, sparar den och visar den en gång, så att det mottagande systemet kan kontrollera signaturerna.
moments-secret-generated = Hemligheten ”{ $name }” är skapad
moments-secret-copy-now = Kopiera den nu: den visas inte igen.
moments-secret-set = Ange en hemlighet
moments-secret-set-hint = Ange ett värde du redan har, till exempel en delad hemlighet från mottagaren eller ett lösenord till e-postservern.
moments-secret-saved = Hemligheten ”{ $name }” är sparad.
moments-secret-deleted = Hemligheten ”{ $name }” är borttagen.
moments-secret-delete-confirm = Ta bort hemligheten ”{ $name }”? Webhooks som signeras med den misslyckas tills den anges igen.

moments-profile-title = Ögonblick
moments-profile-none = Inget ögonblick har slagit till för den här kunden.

moments-form-new = Nytt ögonblick
moments-form-edit = Redigera ögonblick
moments-form-enabled = Aktivt
moments-form-enabled-hint = (bara aktiva ögonblick slår till)
moments-form-when = När
moments-trigger-event = En händelse inträffar
moments-trigger-milestone = En milstolpe i en resa
moments-trigger-inactivity = Kunden blir tyst
moments-trigger-feedback = Ett feedbackbetyg
moments-form-event = Händelsenamn
moments-form-where = Med dessa egenskaper
moments-form-where-hint = (en per rad: plan = premium)
moments-form-milestone = Milstolpe
moments-form-journey = Resa
moments-form-phase = Fas
moments-form-step = Steg
moments-form-whole-run = Hela resan
moments-form-no-step = Inget särskilt steg
moments-form-offset = Förskjutning
moments-form-offset-hint = (t.ex. 2d, 12h; -3d räknar bakåt från ett datum)
moments-form-date-property = Datumegenskap
moments-form-date-property-hint = (för en negativ förskjutning, t.ex. arrival)
moments-form-days = Dagar utan aktivitet
moments-form-score = Betyg
moments-form-touchpoint = Kontaktpunkt
moments-form-at-most = Högst
moments-form-at-least = Minst
moments-form-feedback-hint = NPS går från 0 till 10 (kritiker: högst 6), CSAT från 1 till 5, CES från 1 till 7.
moments-form-any = Alla
moments-form-choose = Välj …
moments-form-who = För vem
moments-form-who-hint = Lämna en lista tom för att gälla alla; ikryssade val i en lista är alternativ.
moments-form-personas = Kundtyper
moments-form-phases = Faser
moments-form-channels = Kanaler
moments-form-traits = Egenskaper
moments-form-traits-hint = (en per rad: tier = gold, age >= 30, email exists, phone missing)
moments-form-limits = Hur ofta
moments-form-once-per-run = Högst en gång per resa
moments-form-max-per-customer = Högst per kund
moments-form-period-days = Inom dagar
moments-form-period-hint = (tomt: någonsin)
moments-form-quiet-hint = Tysta timmar: åtgärder som infaller då väntar tills de är över.
moments-form-quiet-from = Tyst från
moments-form-quiet-to = Tyst till
moments-form-clock-hint = (TT:MM)
moments-form-timezone = Tidszon
moments-form-timezone-hint = (t.ex. Europe/Stockholm; tomt: arbetsytans)
moments-form-then = Sedan
moments-form-then-hint = Upp till tre åtgärder; låt ett block stå på ”Ingen åtgärd” för att hoppa över det.
moments-form-action-n = Åtgärd { $n }
moments-form-action-kind = Typ
moments-form-url = URL
moments-form-secret = Hemlighetens namn
moments-form-secret-hint = (en hemlighet i arbetsytan)
moments-form-to = Till
moments-form-to-hint = (customer, eller en e-postadress)
moments-form-subject = Ämne
moments-form-body = Text
moments-form-template-hint = Platshållare som {"{{"} customer.first_name {"}}"} fylls i för varje kund.
moments-form-survey-touchpoint = Enkät för kontaktpunkt
moments-form-task-title = Rubrik
moments-form-task-body = Detaljer
moments-form-assignee = Tilldela till

# Aktivera ett ögonblick efter en bakåttest; förhandsvisning och testutskick av e-post; spårningsplanen.
moments-enable = Aktivera
moments-disable = Inaktivera
moments-enable-without = Aktivera utan bakåttest …
moments-now-enabled = Ögonblicket är aktivt: det reagerar på det som händer från och med nu.
moments-now-disabled = Ögonblicket är inaktiverat: det slår inte längre till.
moments-enable-found = { $n ->
    [one] Över den lagrade historiken skulle ögonblicket ha slagit till en gång
   *[other] Över den lagrade historiken skulle ögonblicket ha slagit till { $fired } gånger
}, för { $m ->
    [one] en kund
   *[other] { $customers } kunder
}. Aktivera det om det är vad du väntar dig.
moments-enable-found-none = Över den lagrade historiken skulle ögonblicket aldrig ha slagit till. Kontrollera utlösaren och villkoren innan du aktiverar det.
moments-enable-confirm-title = Aktivera utan bakåttest?
moments-enable-confirm = ”{ $name }” har inte bakåttestats. Bakåttestet visar hur ofta det skulle ha slagit till över de lagrade händelserna, och för vilka, innan det når riktiga kunder.
moments-enable-see-backtest = Se bakåttestet först
moments-enable-anyway = Aktivera ändå
moments-form-starts-disabled = Nya ögonblick börjar inaktiverade. Spara, titta på bakåttestet och aktivera det sedan på ögonblickets sida.
moments-form-event-hint = (välj en som arbetsytan har tagit emot, eller skriv en ny)
moments-never-seen = Aldrig sedd: ingen händelse med det här namnet har kommit in i arbetsytan än.
moments-never-seen-property = Aldrig sedd på den här händelsen:
moments-form-pick-property = Egenskap sedd på den här händelsen …
moments-form-pick-trait = Egenskap sedd hos kunder …
moments-form-add-condition = Lägg till
moments-form-phases-hint = (grupperade per resa; Ctrl eller ⌘ för att välja flera)
moments-tracking-plan = Spårningsplan
moments-preview-title = Förhandsvisning av e-post
moments-preview-lead = Varje e-postmeddelande som det skulle skickas på varje språk det är skrivet på, till { $customer }.
moments-preview-to = Till
moments-preview-no-address = (kunden har ingen e-postadress)
moments-test-send = Skicka ett test till mig
moments-test-hint = Ett test går till din egen adress (ditt användarnamn) via arbetsytans e-postserver, märkt [TEST]. Inget registreras som en leverans.
moments-test-sent = Testmejl skickat till { $to }.
moments-test-failed = Testmejlet skickades inte: { $why }
moments-task-no-contact = inget telefonnummer eller e-post bland egenskaperna
moments-task-touchpoint = Vid

moments-plan-title = Spårningsplan
moments-plan-lead = Alla slags händelser som arbetsytan har tagit emot, med sina egenskaper: välj bland dem när du bygger ögonblick och signaler för kontaktpunkter.
moments-plan-json = Som JSON
moments-plan-none = Inga händelser har kommit in än.
moments-plan-none-hint = Anslut en källa för att börja skicka händelser.
moments-plan-summary = { $n ->
    [one] En händelse
   *[other] { $events } händelser
} av { $k ->
    [one] en typ
   *[other] { $kinds } typer
}.
moments-plan-unlisted = { $count } händelser till, av typer utöver de första 500, är räknade men inte listade.
moments-plan-col-event = Händelse
moments-plan-col-type = Typ
moments-plan-col-count = Antal
moments-plan-col-first = Först sedd
moments-plan-col-last = Senast sedd
moments-plan-col-properties = Egenskaper
moments-plan-col-property = Egenskap
moments-plan-properties-n = { $n ->
    [one] en egenskap
   *[other] { $n } egenskaper
}
moments-plan-unlisted-properties = { $n } egenskapsvärden till, utöver de första 200 namnen, är räknade men inte listade.
moments-plan-how = Räknas allteftersom händelserna kommer in (identify- och group-anrop visar sina egenskaper). Tiderna är händelsernas egna.

# Samtycke: varje åtgärds syfte, och åtgärder som stoppats i brist på samtycke.
moments-status-suppressed = Stoppad
moments-suppressed-hint = Åtgärder som inte skickades eftersom kunden inte hade samtyckt till syftet.
moments-suppressed-why = Inget samtycke till { $purpose }: skickades inte.
moments-backtest-consent = Det skulle ha nått { $reached } fullt ut; { $m ->
    [0] ingen utlösning
    [one] en utlösning
   *[other] { $suppressed } utlösningar
} skulle ha fått en åtgärd stoppad i brist på samtycke.
moments-form-purpose = Syfte
moments-form-purpose-hint = Tjänst (kvitton, ändrade bokningar) går till alla; alla andra syften bara till kunder som har gett det samtycket. Krävs för allt som når kunden.
moments-purpose-unset = Välj syfte …
moments-purpose-missing = Syfte saknas
moments-purpose-missing-hint = Den här åtgärden når kunden men säger inte vad den är till för: den skickas bara till kunder som har samtyckt till marknadsföring.
moments-purpose-service = Tjänst
moments-purpose-marketing = Marknadsföring
moments-purpose-analytics = Analys
moments-purpose-advertising = Annonsering
moments-purpose-functional = Funktionell
moments-purpose-personalization = Anpassning
moments-purpose-data-sharing = Datadelning
