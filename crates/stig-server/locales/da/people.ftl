# Mennesker, ikke id'er: id'er lavet af navne, vælgere og byggere i formularerne, kunder med
# navn og e-mail, en profils hændelser sidevis og filtreret.

form-id-from-name = Laves af navnet, mens du skriver; ret det, hvis du vil. Det kan ikke ændres senere uden at bryde links.
form-per-persona = Pr. persona ({ $count } sat)
form-as-for-all = som for alle
form-emotions-hint-pickers = En sans eller noget immaterielt, valens −2 til +2; åbn »Pr. persona«, hvor en persona oplever det anderledes.
form-options-hint-pickers = Tilfredshed pr. persona fra −2 til +2; lad »som for alle« stå, hvor en persona ikke har sit eget syn.
form-new-touchpoint-inline = Nyt kontaktpunkt …
form-new-touchpoint-inline-hint = Ikke på listen? Giv det et navn her: det oprettes og kobles til dette trin, når du gemmer. Beskriv det nærmere på siden for kontaktpunkter.
form-signal-builder-hint = Hændelserne, der viser, at en kunde var her: et hændelsesnavn (dem, der er set indtil nu, foreslås), en side og om nødvendigt én egenskab og den værdi, den skal have.
form-signal-event = Hændelse
form-signal-page = Side
form-signal-property = Egenskab
form-signal-operator = er lig med
form-signal-equals = =
form-signal-value = Værdi
form-signals-advanced = Kampagner og flere betingelser
form-custom-channels = Egne kanaler

page-profile-email = E-mail
page-profile-phone = Telefon
page-profile-no-events-match = Ingen hændelse passer til filteret.
page-profile-events-shown = Hændelse { $first }–{ $last } af { $total }, nyeste først.
page-profile-newer = Nyere
page-profile-older = Ældre
page-profile-filter-type = Type
page-profile-filter-any = Alle
page-profile-filter-name = Hændelsesnavn
page-profile-filter-from = Fra
page-profile-filter-to = Til
