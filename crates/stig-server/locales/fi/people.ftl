# Ihmiset, ei tunnukset: tunnukset nimistä, valitsimet ja rakentimet lomakkeissa, asiakkaat
# nimellä ja sähköpostilla, profiilin tapahtumat sivuittain ja suodatettuina.

form-id-from-name = Muodostetaan nimestä kirjoittaessasi; voit muuttaa sitä. Myöhemmin sitä ei voi muuttaa rikkomatta linkkejä.
form-per-persona = Persoonittain ({ $count } asetettu)
form-as-for-all = kuten kaikilla
form-emotions-hint-pickers = Aisti tai aineeton kokemus, arvo −2…+2; avaa ”Persoonittain”, jos jokin persoona kokee sen toisin.
form-options-hint-pickers = Tyytyväisyys persoonittain −2…+2; jätä ”kuten kaikilla”, jos persoonalla ei ole omaa näkemystä.
form-new-touchpoint-inline = Uusi kosketuspiste…
form-new-touchpoint-inline-hint = Eikö se ole listalla? Nimeä se tässä: se luodaan ja liitetään tähän askeleeseen, kun tallennat. Kuvaa se tarkemmin kosketuspisteiden sivulla.
form-signal-builder-hint = Tapahtumat, jotka kertovat asiakkaan käyneen tässä: tapahtuman nimi (tähän asti nähtyjä ehdotetaan), sivu ja tarvittaessa yksi ominaisuus ja sen vaadittu arvo.
form-signal-event = Tapahtuma
form-signal-page = Sivu
form-signal-property = Ominaisuus
form-signal-operator = on yhtä kuin
form-signal-equals = =
form-signal-value = Arvo
form-signals-advanced = Kampanjat ja useat ehdot
form-custom-channels = Omat kanavat

page-profile-email = Sähköposti
page-profile-phone = Puhelin
page-profile-no-events-match = Mikään tapahtuma ei vastaa suodatinta.
page-profile-events-shown = Tapahtumat { $first }–{ $last } / { $total }, uusimmat ensin.
page-profile-newer = Uudemmat
page-profile-older = Vanhemmat
page-profile-filter-type = Tyyppi
page-profile-filter-any = Kaikki
page-profile-filter-name = Tapahtuman nimi
page-profile-filter-from = Alkaen
page-profile-filter-to = Asti
