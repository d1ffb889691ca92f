# pages messages (fi). Keys of this file start with `page-`.
# Sanasto kuten kartalla: step = vaihe, phase = jakso (ennen, aikana, jälkeen).

## Yhteiset sanat
page-breadcrumbs = Murupolku
page-phase = Jakso
page-step = Vaihe
page-steps = Vaiheet
page-touchpoint = Kosketuspiste
page-touchpoints = Kosketuspisteet
page-channel = Kanava
page-channels = Kanavat
page-mode = Fyysinen vai digitaalinen
page-owner = Omistaja
page-discipline = Tehtävä
page-survey = Kysely
page-actor = Toimija
page-actors = Toimijat
page-actor-kind = Tyyppi
page-goals = Tavoitteet
page-used-in = Käytössä
page-pain-points = Kipupisteet
page-opportunities = Mahdollisuudet
page-evidence = Näyttö
page-emotional-elements = Tunne-elementit
page-functional-elements = Toiminnalliset elementit
page-designed-emotion = Suunniteltu tunne
page-sense = Aisti
page-intangible = Aineeton
page-steps-count = { $count ->
    [one] { $count } vaihe
   *[other] { $count } vaihetta
}
page-state-as-is = Nykytila
page-state-to-be = Tavoitetila

page-owner-own = Oma
page-owner-partner = Kumppani
page-owner-public = Julkinen
page-mode-physical = Fyysinen
page-mode-digital = Digitaalinen
page-discipline-create = Luoda
page-discipline-communicate = Viestiä
page-discipline-deliver = Toimittaa
page-survey-nps = NPS
page-survey-csat = CSAT
page-survey-ces = CES
page-sense-see = Näkö
page-sense-hear = Kuulo
page-sense-smell = Haju
page-sense-taste = Maku
page-sense-touch = Kosketus
page-evidence-quote = Lainaus
page-evidence-observation = Havainto
page-evidence-interview = Haastattelu

page-channel-web = Verkko
page-channel-app = Sovellus
page-channel-email = Sähköposti
page-channel-sms = Tekstiviesti
page-channel-chat = Chat
page-channel-phone = Puhelin
page-channel-social = Sosiaalinen media
page-channel-advertising = Mainonta
page-channel-print = Painotuote
page-channel-letter = Kirje
page-channel-invoice = Lasku
page-channel-store = Myymälä
page-channel-on-site = Paikan päällä
page-channel-event = Tapahtuma
page-channel-kiosk = Kioski
page-channel-signage = Opasteet
page-channel-transport = Kuljetus
page-channel-word-of-mouth = Suusanallinen

## Yleiskatsaus
page-overview-eyebrow = Työtilan yleiskatsaus
page-overview-brand-promise = Brändilupaus
page-overview-counts = Työtila lukuina
page-overview-export = Lataa tiedostoina
page-overview-all-personas = Kaikki persoonat
page-overview-all-journeys = Kaikki polut
page-count-personas = Persoonat
page-count-journeys = Polut
page-count-steps = Vaiheet
page-count-touchpoints = Kosketuspisteet
page-count-actors = Toimijat
page-count-goals = Tavoitteet
page-count-dilemmas = Dilemmat
page-matrix-title = Kosketuspisteet jakson ja omistajan mukaan
page-matrix-lead = Kuka kohtaa asiakkaan missäkin jaksossa, kaikilla poluilla. Tyhjä ruutu on aukko, johon kannattaa tarttua.
page-matrix-gap = Ei kosketuspistettä
page-diagnostics-title = Tarkistukset
page-diagnostics-none = Ei varoituksia eikä virheitä: työtila on eheä.
page-diagnostics-errors = { $count ->
    [one] { $count } virhe
   *[other] { $count } virhettä
}
page-diagnostics-warnings = { $count ->
    [one] { $count } varoitus
   *[other] { $count } varoitusta
}
page-diagnostic-error = Virhe
page-diagnostic-warning = Varoitus

## Persoonat
page-personas-lead = Asiakastyypit sen mukaan, mitä he rakastavat ja inhoavat – ei iän tai postinumeron.
page-personas-new = Uusi persoona
page-personas-empty = Ei vielä persoonia.
page-persona-loves = Rakastaa
page-persona-hates = Inhoaa
page-persona-motivation = Motivaatio
page-persona-real-motive = Todellinen motiivi
page-persona-companions = Matkaseura
page-persona-needs = Tarpeet
page-persona-dreams = Unelmat
page-persona-none = Ei vielä kirjattu mitään.
page-persona-open = Näytä persoona
page-persona-journeys-count = { $count ->
    [0] Ei vielä yhdelläkään polulla
    [one] Mukana { $count } polulla
   *[other] Mukana { $count } polulla
}
page-persona-demographics = Taustatiedot
page-persona-demographics-note = Eivät määritä heitä: kaksi asiakasta, joilla on sama ikä, kotipaikka ja tulot, voivat olla täysin vastakkaisia asiakastyyppejä. Näytetään vain tiedoksi.
page-persona-demographics-none = Taustatietoja ei ole kirjattu.
page-demo-age = Ikä
page-demo-gender = Sukupuoli
page-demo-home = Kotipaikka
page-demo-household = Kotitalous
page-demo-occupation = Ammatti
page-demo-income = Tulot
page-persona-journeys = Tälle persoonalle piirretyt polut
page-persona-no-journeys = Tälle persoonalle ei ole vielä piirretty polkua.
page-persona-open-map = Avaa kartta
page-persona-step-table = Vaihe vaiheelta
page-persona-dilemmas = Miten dilemmamme osuvat
page-sparkline-title = Suunniteltu tunne vaiheittain: { $persona }, { $journey }

## Polut
page-journeys-lead = Jokainen polku ennen, aikana ja jälkeen – sellaisena kuin se on nyt tai kuin sen pitäisi olla.
page-journeys-new = Uusi polku
page-journeys-empty = Ei vielä polkuja.
page-journey-goal = Tavoite
page-journey-improves-on = Parantaa polkua:
page-journey-improved-in = Parannettu polussa:
page-journey-phases = Jaksot
page-journey-open-map = Avaa kartta
page-journey-new-step = Uusi vaihe
page-journey-curves-for = Tunnekäyrät:
page-journey-show = Näytä
page-journey-download = Lataa kartta:
page-journey-map-label = Polkukartta – vieritä sivusuunnassa nähdäksesi kaikki vaiheet
page-journey-steps = Kaikki vaiheet
page-journey-no-steps = Tällä polulla ei ole vielä vaiheita.
page-step-details = Vaiheen tiedot
page-step-panel-empty-title = Valitse vaihe
page-step-panel-empty = Napsauta vaihetta kartalla tai alla olevassa luettelossa, niin näet sen kosketuspisteet, tunteet, kipupisteet ja näytön tässä.
page-step-close = Sulje vaiheen tiedot
page-step-sub-goal = Välitavoite
page-step-no-touchpoints = Tässä vaiheessa ei ole kosketuspisteitä.
page-step-no-emotions = Ei vielä tunne-elementtejä: vaihe täyttää tarpeet mutta ei voita sydämiä.

## Kosketuspisteet
page-touchpoints-lead = Kaikki paikat, joissa asiakas kohtaa meidät, kumppanin tai julkisen toimijan – ja missä niitä käytetään.
page-touchpoints-new = Uusi kosketuspiste
page-touchpoints-showing = Näkyvissä { $shown } / { $total } kosketuspistettä
page-touchpoints-none = Mikään kosketuspiste ei vastaa suodatinta.
page-touchpoints-unused = Ei käytössä missään vaiheessa
page-filter-any-phase = Kaikki jaksot
page-filter-any-channel = Kaikki kanavat
page-filter-any-owner = Kaikki omistajat
page-filter-any-mode = Fyysiset ja digitaaliset
page-filter-any-discipline = Kaikki tehtävät
page-filter-apply = Suodata
page-filter-reset = Tyhjennä suodattimet

## Tavoitteet ja toimijat
page-goals-lead = Mitä asiakas todella yrittää saavuttaa, ketkä muut ovat mukana ja missä asiakkaat jäävät jumiin.
page-goals-new = Uusi tavoite
page-goals-tree = Asiakkaan tavoitteet
page-goals-empty = Ei vielä tavoitteita.
page-actors-new = Uusi toimija
page-actors-network = Toimijat asiakkaan ympärillä
page-actors-network-lead = Omat yksikkömme, kumppanit ja julkiset toimijat, jotka asiakas kohtaa poluilla, sekä niiden yhteiset kosketuspisteet ja vaiheet.
page-actors-empty = Ei vielä toimijoita.
page-network-customer = Asiakas
page-network-personas = { $count ->
    [one] { $count } persoona
   *[other] { $count } persoonaa
}
page-network-touchpoints = { $count ->
    [0] ei kosketuspisteitä
    [one] { $count } kosketuspiste
   *[other] { $count } kosketuspistettä
}
page-network-steps = { $count ->
    [one] { $count } vaihe
   *[other] { $count } vaihetta
}
page-network-own-channels = Omat kanavamme
page-network-own-channels-note = Kosketuspisteemme, joille ei ole nimetty toimijaa.
page-network-legend-width = Paksumpi viiva: enemmän yhteisiä vaiheita
page-network-legend-dashed = Katkoviiva: mukana ilman omaa kosketuspistettä

## Dilemmat
page-dilemmas-lead = Valinnat, joissa asiakastyytyväisyys punnitaan kustannuksia ja ilmastoa vastaan.
page-dilemmas-new = Uusi dilemma
page-dilemmas-empty = Ei vielä dilemmoja.
page-dilemma-option = Vaihtoehto
page-dilemma-satisfaction = Vaikutus tyytyväisyyteen (−2…+2)
page-dilemma-mean = Keskimääräinen tyytyväisyys
page-dilemma-cost = Kustannus
page-dilemma-co2e = CO₂e
page-dilemma-notes = Huomiot
page-dilemma-chosen = Valittu
page-dilemma-pareto = Pareto-optimaalinen
page-dilemma-pareto-help = Mikään muu vaihtoehto ei ole vähintään yhtä hyvä tyytyväisyydessä, kustannuksessa ja CO₂e-päästöissä ja parempi jossakin niistä.
page-dilemma-dominated = Dominoitu
page-dilemma-dominated-help = Jokin toinen vaihtoehto on vähintään yhtä hyvä tyytyväisyydessä, kustannuksessa ja CO₂e-päästöissä ja parempi jossakin niistä.
page-dilemma-decision = Päätös
page-dilemma-open = Ei vielä päätetty
page-dilemma-no-options = Ei vielä vaihtoehtoja.
page-dilemma-better = parempi: tyytyväisempi, halvempi
page-dilemma-bubble = Kuplan koko: CO₂e
page-dilemma-chart-title = Punninta: { $question }
page-dilemma-chart-caption = Jokainen vaihtoehto kustannuksen (vaakasuunta) ja keskimääräisen tyytyväisyyden (pystysuunta) mukaan; mitä suurempi kupla, sitä enemmän CO₂e-päästöjä.

## Virheet ja kirjautuminen
page-error-400 = Pyyntöä ei voitu ymmärtää
page-error-401 = Kirjaudu ensin sisään
page-error-403 = Ei sallittu
page-error-404 = Sivua ei löytynyt
page-error-409 = Joku muu muutti tätä
page-error-500 = Jotain meni vikaan
page-error-other = Jotain meni vikaan
page-error-home = Takaisin alkuun
page-login-lead = Kartoita, mittaa ja paranna asiakkaidesi polkuja.

## Live data: customers, profiles, sources, the event debugger
page-customers-title = Asiakkaat
page-customers-lead = Ketä tapahtumat näyttävät ja miten heidän polkunsa etenevät. Koottu { $events } tapahtumasta, päivittyy uusien saapuessa.
page-customers-none = Ei vielä tapahtumia, joten ei asiakkaita.
page-customers-none-action = Luo lähde ja lähetä sille tapahtumia →
page-customers-total = asiakasta
page-customers-identified = tunnistettu
page-customers-feedback = vastausta
page-customers-runs = Polkujen läpikäynnit
page-customers-journey = Polku
page-customers-runs-total = Läpikäynnit
page-customers-completion-rate = Valmistumisaste
page-customers-runs-hint = Läpikäynti on yhden asiakkaan kulku nykytilan polun läpi niiden kosketuspisteiden mukaan, joihin hänen tapahtumansa osuvat. Se keskeytyy, kun kosketuspistettä ei ole ollut polun määräämään päivään, ja valmistuu, kun se saavuttaa polun päätösvaiheen.
page-customers-search = Tunnus, nimi tai sähköposti
page-customers-no-match = Yksikään asiakas ei täsmää.
page-customers-customer = Asiakas
page-customers-status = Tila
page-customers-first-seen = Ensi kerran
page-customers-last-seen = Viimeksi
page-customers-events = Tapahtumat
page-customers-page = Sivu { $page } / { $pages }
page-life-active = Aktiivinen
page-life-churned = Menetetty
page-life-prospect = Potentiaalinen
page-life-active-plural = aktiivista
page-life-churned-plural = menetettyä
page-life-prospect-plural = potentiaalista
page-run-active = Käynnissä
page-run-completed = Valmis
page-run-abandoned = Keskeytynyt
page-profile-identity = Tunnisteet
page-profile-user-ids = Käyttäjätunnukset
page-profile-anonymous = anonyymi
page-profile-anonymous-ids = Anonyymit tunnukset
page-profile-traits = Ominaisuudet
page-profile-no-traits = Ei vielä ominaisuuksia.
page-profile-trait-history = Muutoshistoria
page-profile-lifecycle = Elinkaari
page-profile-no-lifecycle = Ei vielä hankittu: ei polkua eikä ostoa.
page-profile-runs = Polkujen läpikäynnit
page-profile-no-runs = Tämän asiakkaan tapahtumat eivät vielä osu minkään nykytilan polun kosketuspisteeseen.
page-profile-run = Läpikäynti
page-profile-started = Alkoi
page-profile-last = Viimeisin kosketuspiste
page-profile-where = Missä
page-profile-hits = Kosketuspisteet
page-profile-map-hint = Läpikäynti piirrettynä polkukartalle: kosketuspisteet, joissa asiakas kävi, järjestyksessä.
page-profile-feedback = Palaute
page-profile-no-feedback = Ei vielä palautetta.
page-profile-when = Milloin
page-profile-touchpoint = Kosketuspiste
page-profile-score = Pisteet
page-profile-comment = Kommentti
page-profile-timeline = Tapahtumat
page-profile-no-events = Ei tapahtumia.
page-profile-timeline-hint = { $shown } uusinta tapahtumaa, uusin ensin.
page-profile-acquired = Hankittu: { $via }
page-profile-churned-event = Menetetty: { $event }
page-profile-churned-silent = Menetetty: ei tapahtumia liian pitkään aikaan
page-profile-reactivated = Palasi
page-sources-title = Lähteet
page-sources-lead = Jokaisella tapahtumia lähettävällä verkkosivulla, sovelluksella tai taustajärjestelmällä on oma kirjoitusavain. Lähetä Segment-kutsut (identify, track, page, screen, group, alias, batch) osoitteeseen /v1/ avaimen kanssa.
page-sources-created = Lähde ”{ $name }” luotu
page-sources-key-once = Kirjoitusavain näytetään vain nyt (Stig tallentaa vain tiivisteen). Kopioi se SDK:n asetuksiin.
page-sources-none = Ei vielä lähteitä.
page-sources-name = Nimi
page-sources-name-example = esim. Verkkosivu
page-sources-created-at = Luotu
page-sources-events = Tapahtumat
page-sources-refused = Hylätyt
page-sources-last-event = Viimeisin tapahtuma
page-sources-never = ei koskaan
page-sources-unknown-keys = { $count } pyynnössä palvelimen käynnistymisen jälkeen ei ollut kirjoitusavainta tai se oli tuntematon.
page-sources-new = Uusi lähde
page-sources-create = Luo lähde
page-sources-howto = Tapahtumien lähettäminen
page-sources-howto-lead = Mikä tahansa Segment-SDK toimii: ohjaa sen palvelinosoite tähän palvelimeen. Tai kutsu HTTP-rajapintaa suoraan:
page-debugger-title = Tapahtumien vianetsintä
page-debugger-open = Vianetsintä
page-debugger-lead = Uusimmat tapahtumat niiden saapuessa sekä hylätyt pyynnöt syineen. Päivittyy kahden sekunnin välein.
page-debugger-source = Lähde
page-debugger-all-sources = Kaikki lähteet
page-debugger-imported = tuotu
page-debugger-events = Tapahtumat
page-debugger-live = suora
page-debugger-no-events = Ei vielä tapahtumia.
page-debugger-refused = Hylätyt pyynnöt
page-debugger-no-refused = Mitään ei ole hylätty.

page-profile-consent = Suostumus
page-profile-no-consent = Suostumusta ei ole vielä annettu: vain palveluviestit tavoittavat tämän asiakkaan.
page-profile-consent-category = Luokka
page-profile-consent-state = Tila
page-profile-consent-since = Alkaen
page-profile-consent-history = Suostumushistoria
page-profile-consent-granted = Annettu
page-profile-consent-denied = Ei annettu
page-profile-consent-via-context = suostumustyökalu, { $event }
page-profile-consent-via-trait = suostumusominaisuus, { $event }

## Asiakasprofiilin henkilötiedot (ylläpitäjät)
page-profile-privacy = Henkilötiedot
page-profile-export = Lataa kaikki tästä henkilöstä (JSON)
page-profile-erase = Poista tämä henkilö…
page-profile-erase-help = Poistaa pysyvästi kaikki tämän henkilön ja häneen liitettyjen tunnisteiden tapahtumat, vastaukset, ominaisuudet, laukaistut hetket ja tehtävät sekä pyyhkii ne tietokantatiedostoista. Kuitti ilman henkilötietoja tallennetaan lokiin.
page-profile-erase-confirm = Vahvista kirjoittamalla tunniste:
page-profile-erase-suppress = Hylkää myös myöhemmät tapahtumat, joissa hänet mainitaan
page-profile-erase-button = Poista pysyvästi
page-profile-erase-mismatch = Kirjoittamasi tunniste ei vastaa tätä henkilöä; mitään ei poistettu.
page-profile-erased = Henkilö on poistettu. Kuitti on lokissa.
