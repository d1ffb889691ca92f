# Människor, inte id: id skapade av namn, väljare och byggare i formulären, kunder med namn
# och e-post, en profils händelser sidvis och filtrerade.

form-id-from-name = Skapas av namnet medan du skriver; ändra det om du vill. Det kan inte ändras senare utan att länkar går sönder.
form-per-persona = Per persona ({ $count } satta)
form-as-for-all = som för alla
form-emotions-hint-pickers = Ett sinne eller något immateriellt, valens −2 till +2; öppna ”Per persona” där en persona upplever det annorlunda.
form-options-hint-pickers = Nöjdhet per persona från −2 till +2; lämna ”som för alla” där en persona inte har någon egen syn.
form-new-touchpoint-inline = Ny kontaktpunkt …
form-new-touchpoint-inline-hint = Finns den inte i listan? Namnge den här: den skapas och kopplas till det här steget när du sparar. Beskriv den närmare på sidan för kontaktpunkter.
form-signal-builder-hint = Händelserna som visar att en kund var här: ett händelsenamn (de som setts hittills föreslås), en sida och vid behov en egenskap och värdet den måste ha.
form-signal-event = Händelse
form-signal-page = Sida
form-signal-property = Egenskap
form-signal-operator = är lika med
form-signal-equals = =
form-signal-value = Värde
form-signals-advanced = Kampanjer och flera villkor
form-custom-channels = Egna kanaler

page-profile-email = E-post
page-profile-phone = Telefon
page-profile-no-events-match = Ingen händelse matchar filtret.
page-profile-events-shown = Händelse { $first }–{ $last } av { $total }, nyaste först.
page-profile-newer = Nyare
page-profile-older = Äldre
page-profile-filter-type = Typ
page-profile-filter-any = Alla
page-profile-filter-name = Händelsenamn
page-profile-filter-from = Från
page-profile-filter-to = Till
