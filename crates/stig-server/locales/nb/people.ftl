# Folk, ikke id-er: id-er laget av navn, velgere og byggere i skjemaene, kunder med navn og
# e-post, en profils hendelser sidevis og filtrert.

form-id-from-name = Lages av navnet mens du skriver; endre den om du vil. Den kan ikke endres senere uten å bryte lenker.
form-per-persona = Per persona ({ $count } satt)
form-as-for-all = som for alle
form-emotions-hint-pickers = En sans eller noe immaterielt, valens −2 til +2; åpne «Per persona» der en persona opplever det annerledes.
form-options-hint-pickers = Tilfredshet per persona fra −2 til +2; la stå «som for alle» der en persona ikke har noe eget syn.
form-new-touchpoint-inline = Nytt kontaktpunkt …
form-new-touchpoint-inline-hint = Ikke i listen? Gi det et navn her: det opprettes og kobles til dette steget når du lagrer. Beskriv det nærmere på siden for kontaktpunkter.
form-signal-builder-hint = Hendelsene som viser at en kunde var her: et hendelsesnavn (de som er sett hittil, foreslås), en side, og om nødvendig én egenskap og verdien den må ha.
form-signal-event = Hendelse
form-signal-page = Side
form-signal-property = Egenskap
form-signal-operator = er lik
form-signal-equals = =
form-signal-value = Verdi
form-signals-advanced = Kampanjer og flere betingelser
form-custom-channels = Egne kanaler

page-profile-email = E-post
page-profile-phone = Telefon
page-profile-no-events-match = Ingen hendelse passer med filteret.
page-profile-events-shown = Hendelse { $first }–{ $last } av { $total }, nyeste først.
page-profile-newer = Nyere
page-profile-older = Eldre
page-profile-filter-type = Type
page-profile-filter-any = Alle
page-profile-filter-name = Hendelsesnavn
page-profile-filter-from = Fra
page-profile-filter-to = Til
