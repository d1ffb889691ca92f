# Oma tili (views/account.rs), uudet työtilat (views/workspaces.rs) ja
# aloitusopas (views/guide.rs).

account-title = Oma tili
account-link = Tili
account-eyebrow = Oma tili
account-lead = Olet kirjautunut roolilla { $role }.
account-password-title = Vaihda salasana
account-password-lead = Vaihdon jälkeen pysyt kirjautuneena tässä selaimessa; kaikki muut selaimet, joissa olet kirjautuneena, kirjataan ulos.
account-password-current = Nykyinen salasana
account-password-new = Uusi salasana
account-password-hint = (vähintään { $min } merkkiä)
account-password-repeat = Uusi salasana uudelleen
account-password-save = Vaihda salasana
account-password-too-short = Uusi salasana on liian lyhyt: käytä vähintään { $min } merkkiä.
account-password-mismatch = Uudet salasanat eivät ole samat. Kirjoita sama salasana kahdesti.
account-password-wrong = Tämä ei ole nykyinen salasanasi. Mitään ei muutettu.
account-password-changed = Salasana on vaihdettu. Muut selaimet kirjattiin ulos.
account-tokens-title = API-avaimet
account-tokens-lead = API-avaimella skripti voi käyttää REST-rajapintaa sinun nimissäsi ja sinun roolillasi ({ $role }). Avain ei vanhene: peru se, kun sitä ei enää tarvita.
account-tokens-none = Sinulla ei ole API-avaimia.
account-token-label = Nimi
account-token-label-hint = (mihin sitä käytetään, esim. ”yöllinen vienti”)
account-token-label-needed = Anna avaimelle enintään 100 merkin nimi, jotta tunnistat sen myöhemmin.
account-token-fingerprint = Sormenjälki
account-token-created-at = Luotu
account-token-last-used = Viimeksi käytetty
account-token-never = ei koskaan
account-token-revoke = Peru
account-token-revoked = Avain on peruttu; sitä käyttävät pyynnöt hylätään tästä lähtien.
account-token-not-found = Sinulla ei ole avainta tällä sormenjäljellä; se on ehkä jo peruttu.
account-token-new = Uusi avain
account-token-scope = Avain toimii sinun roolillasi ({ $role }) eikä vanhene.
account-token-create = Luo avain
account-token-created = Avain ”{ $label }” on luotu
account-token-once = Kopioi se nyt: Stig tallentaa siitä vain tiivisteen, joten se näytetään vain tämän kerran.
account-token-use = Lähetä se Authorization-otsakkeessa:

ws-new-link = Uusi työtila …
ws-new-eyebrow = Ylläpito
ws-new-title = Uusi työtila
ws-new-lead = Aloita tyhjästä, mallista tai jo olemassa olevista journey-as-code-tiedostoista.
ws-new-start = Aloita
ws-new-empty = Tyhjä työtila
ws-new-empty-hint = Ei vielä persoonia eikä polkuja; yleiskatsauksen opas näyttää tien.
ws-new-template = Mallista
ws-new-template-hint = Esimerkkityötila muokattavaksi: vain suunnitelma, ei asiakkaita eikä tapahtumia.
ws-new-template-counts = { $personas ->
        [one] 1 persoona
       *[other] { $personas } persoonaa
    }, { $journeys ->
        [one] 1 polku
       *[other] { $journeys } polkua
    }, { $touchpoints ->
        [one] 1 kosketuspiste
       *[other] { $touchpoints } kosketuspistettä
    }
ws-new-zip = Journey-as-code-zip-tiedostosta
ws-new-zip-hint = Zip sellaisena kuin ”Vie” tai stig export sen kirjoittaa (stig.toml, personas/, journeys/ …), enintään { $mb } Mt. Se tarkistetaan kuten stig check tekee.
ws-new-name = Nimi
ws-new-name-hint = (mallille tai zipille: jätä tyhjäksi, niin sen oma nimi säilyy)
ws-new-id = Tunnus
ws-new-id-hint = (osoitteissa; muodostetaan nimestä, ellet kirjoita omaa)
ws-new-create = Luo työtila
ws-new-error-name = Tyhjä työtila tarvitsee nimen.
ws-new-error-template = Valitse jokin malleista.
ws-new-error-zip-missing = Valitse ladattava zip-tiedosto.
ws-new-error-zip-invalid = Zip-tiedoston tiedostoissa on virheitä; mitään ei luotu. Korjaa nämä ja lataa uudelleen:
ws-new-error-id = ”{ $id }” ei kelpaa tunnukseksi: käytä pieniä kirjaimia, numeroita, - ja _, ja aloita kirjaimella tai numerolla.
ws-new-error-id-taken = Työtila tunnuksella ”{ $id }” on jo olemassa. Valitse toinen tunnus.
ws-new-created = Työtila ”{ $name }” on luotu.

guide-title = Aloitusopas
guide-lead = Tyhjästä työtilasta ensimmäiseen tapahtumaan ja ensimmäiseen kyselyvastaukseen. Jokainen vaihe merkitään tehdyksi, kun työtila näyttää sen valmiiksi.
guide-progress = { $done }/{ $total } tehty
guide-done = tehty
guide-todo = tekemättä
guide-back = Takaisin yleiskatsaukseen
guide-step-workspace = Luo työtila
guide-step-design = Kuvaa persoona ja polku
guide-step-design-text = Keitä asiakkaasi ovat ja minkä polun he kulkevat vaihe vaiheelta, ja kosketuspisteet, joissa kohtaatte.
guide-new-persona = Uusi persoona
guide-new-journey = Uusi polku
guide-or-template = tai aloita mallista
guide-step-source = Lisää tapahtumien lähde
guide-step-source-text = Lähde on verkkosivusto, sovellus tai taustajärjestelmä, joka lähettää tapahtumia omalla kirjoitusavaimellaan.
guide-new-source = Lisää lähde
guide-step-event = Vastaanota ensimmäinen tapahtuma
guide-step-event-text = Lähetä yksi tapahtuma verkkosivustoltasi tai sovelluksestasi; Yhdistä-sivulla on liitettävä koodi.
guide-step-event-count = { $count ->
    [one] Yksi tapahtuma on saapunut.
   *[other] { $count } tapahtumaa on saapunut.
}
guide-open-connect = Avaa Yhdistä-sivu
guide-waiting-event = Odotetaan ensimmäistä tapahtumaa …
guide-step-survey = Vastaanota ensimmäinen kyselyvastaus
guide-step-survey-text = Stig tarjoaa lyhyen kyselysivun jokaiselle kosketuspisteelle, jolla on kysely. Luo linkki, avaa se ja vastaa, niin näet vastauksen saapuvan.
guide-add-survey = Lisää kysely kosketuspisteeseen
guide-survey-touchpoint = Kosketuspiste
guide-survey-customer = Asiakastunnus
guide-survey-customer-hint = (valinnainen)
guide-survey-mint = Luo kyselylinkki
guide-survey-minted = Kyselylinkki asiakkaalle ”{ $customer }”. Avaa se, vastaa ja tarkista uudelleen:
guide-survey-no-touchpoint = Kosketuspisteellä ”{ $id }” ei ole kyselyä.
guide-check-again = Tarkista uudelleen

# Deleting a source (views/sources.rs).
source-delete = Poista
source-delete-confirm = Poistetaanko lähde ”{ $name }”? Sen kirjoitusavain lakkaa toimimasta heti; sen lähettämät tapahtumat säilyvät.
source-deleted = Lähde ”{ $name }” on poistettu; sen kirjoitusavain hylätään tästä lähtien.
