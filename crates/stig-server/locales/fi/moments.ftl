# Liiketoiminnan hetket: luettelo, rakennustyökalu, hetken takautuva testi ja tapahtumaloki,
# toimitukset, henkilöstön tehtävät ja työtilan salaisuudet.

moments-nav = Hetket
moments-title = Hetket
moments-lead = Merkitykselliset hetket ja se, mitä Stig tekee niiden tapahtuessa: allekirjoitettu webhook, sähköposti, kyselykutsu tai tehtävä henkilöstölle.
moments-new = Uusi hetki
moments-none = Ei vielä hetkiä.
moments-none-hint = Luo hetki: valitse, mikä sen laukaisee (tapahtuma, polun virstanpylväs, passiivisuus tai palautepisteet), ketä se koskee ja mitä tapahtuu. Takautuva testi näyttää, kuinka usein se olisi lauennut, ennen kuin otat sen käyttöön.
moments-col-moment = Hetki
moments-col-when = Milloin
moments-col-actions = Sitten
moments-col-state = Tila
moments-col-fired = Lauennut
moments-col-last-fired = Viimeksi lauennut
moments-never = Ei koskaan
moments-only-for = Vain:
moments-enabled = Käytössä
moments-disabled = Pois käytöstä
moments-disabled-hint = Tämä hetki on pois käytöstä: se ei laukea, mutta takautuva testi näyttää, kuinka usein se olisi lauennut.
moments-all = Kaikki

moments-status-pending = Odottaa
moments-status-delivered = Toimitettu
moments-status-dead = Epäonnistui

moments-action-none = Ei toimintoa
moments-action-webhook = Webhook
moments-action-email = Sähköposti
moments-action-survey = Kysely
moments-action-task = Tehtävä

moments-days = { $n ->
    [one] { $count } päivä
   *[other] { $count } päivää
}
moments-hours = { $n ->
    [one] { $count } tunti
   *[other] { $count } tuntia
}
moments-minutes = { $n ->
    [one] { $count } minuutti
   *[other] { $count } minuuttia
}

moments-place-journey = { $journey }
moments-place-phase = vaihe { $phase } polulla { $journey }
moments-place-step = vaihe { $step } polulla { $journey }

moments-sum-event = Kun { $event } tapahtuu
moments-sum-event-where = Kun { $event } tapahtuu ehdoilla { $where }
moments-sum-enter = Kun asiakas aloittaa: { $place }
moments-sum-complete = Kun asiakas suorittaa loppuun: { $place }
moments-sum-abandon = Kun asiakas keskeyttää: { $place }
moments-sum-enter-after = { $offset } aloituksen jälkeen: { $place }
moments-sum-complete-after = { $offset } loppuun suorittamisen jälkeen: { $place }
moments-sum-abandon-after = { $offset } keskeyttämisen jälkeen: { $place }
moments-sum-enter-before = { $offset } ennen kentän ”{ $property }” päivämäärää, aloitus: { $place }
moments-sum-complete-before = { $offset } ennen kentän ”{ $property }” päivämäärää, loppuun suoritus: { $place }
moments-sum-abandon-before = { $offset } ennen kentän ”{ $property }” päivämäärää, keskeytys: { $place }
moments-sum-inactivity = { $n ->
    [one] Kun { $days } päivä on kulunut ilman toimintaa
   *[other] Kun { $days } päivää on kulunut ilman toimintaa
}
moments-sum-feedback-at-most = Kun { $score } -pisteet ovat { $value } tai alle
moments-sum-feedback-at-least = Kun { $score } -pisteet ovat { $value } tai yli
moments-sum-feedback-between = Kun { $score } -pisteet ovat välillä { $low }–{ $high }
moments-sum-feedback-any = Kun { $score } -pisteet saapuvat
moments-sum-at-touchpoint = { $text } kosketuspisteessä { $touchpoint }

moments-milestone-enter = Aloittaa
moments-milestone-complete = Suorittaa loppuun
moments-milestone-abandon = Keskeyttää

moments-cond-personas = { $personas }
moments-cond-phases = vaiheessa { $phases }
moments-cond-channels = kanavassa { $channels }

moments-limit-once-per-run = kerran polkua kohden
moments-limit-max = { $n ->
    [one] enintään kerran asiakasta kohden
   *[other] enintään { $max } kertaa asiakasta kohden
}
moments-limit-max-period = { $n ->
    [one] enintään kerran asiakasta kohden { $days } päivän aikana
   *[other] enintään { $max } kertaa asiakasta kohden { $days } päivän aikana
}
moments-limit-quiet = hiljaista { $from }–{ $to } ({ $timezone })
moments-limit-workspace-tz = työtilan aikavyöhyke

moments-definition = Mitä se tekee
moments-who = Ketä koskee
moments-everyone = Kaikkia asiakkaita
moments-limits = Rajoitukset
moments-no-limits = Ei rajoituksia: laukeaa joka kerta
moments-no-actions = Ei vielä toimintoja: se ei tee mitään.
moments-signed-with = allekirjoitettu salaisuudella ”{ $secret }”
moments-to-customer = asiakas
moments-email-to = Vastaanottaja: { $to }
moments-survey-of = Kyselykutsu kosketuspisteestä { $touchpoint }

moments-backtest = Takautuva testi
moments-backtest-running = Ajetaan hetkeä tallennetun historian yli …
moments-backtest-open = Avaa takautuva testi
moments-backtest-no-events = Tapahtumia ei ole vielä tallennettu, joten testattavaa ei ole.
moments-backtest-summary = Historiassa { $from } – { $to } ({ $events } tapahtumaa) tämä hetki olisi lauennut { $n ->
    [0] ei kertaakaan
    [one] kerran
   *[other] { $fired } kertaa
}, { $m ->
    [one] yhdelle asiakkaalle
   *[other] { $customers } asiakkaalle
}.
moments-backtest-per-week = Laukeamiset viikoittain
moments-backtest-per-persona = Asiakastyypeittäin
moments-backtest-samples = Viimeisimmät asiakkaat, joille se olisi lauennut
moments-persona = Asiakastyyppi
moments-no-persona = Ei mitään
moments-customer = Asiakas
moments-when = Milloin
moments-occurrence = Esiintymä

moments-activity = Toiminta
moments-activity-hint = Uusimmat laukeamiset ja kunkin toiminnon toimitus, päivittyy jatkuvasti. Epäonnistuneet toimitukset voi yrittää uudelleen.
moments-no-firings = Se ei ole vielä lauennut.
moments-occurred = tapahtui
moments-next-attempt = Seuraava yritys
moments-delivered-at = Toimitettu
moments-attempts = Yritykset
moments-attempts-count = { $n ->
    [one] 1 yritys
   *[other] { $n } yritystä
}
moments-attempts-n = { $n ->
    [one] Näytä 1 yritys
   *[other] Näytä { $n } yritystä
}
moments-attempt-ok = OK
moments-attempt-failed = Epäonnistui
moments-retry = Yritä nyt uudelleen
moments-replayed = Jonossa uudelleen: sitä yritetään heti.

moments-deliveries-title = Toimitukset
moments-deliveries-lead = Jokainen toiminto, jonka hetki on asettanut jonoon. Epäonnistuneista toimituksista luovuttiin uusintayritysten jälkeen; yritä uudelleen, kun vastaanottaja on kunnossa.
moments-no-dead = Ei epäonnistuneita toimituksia. Kaikki meni perille.
moments-no-deliveries = Ei toimituksia.
moments-delivery = Toiminto
moments-details = Tiedot

moments-tasks-title = Tehtävät
moments-tasks-lead = { $n ->
    [0] Hetkien luomat seurantatehtävät henkilöstölle. Yksikään ei ole avoinna.
    [one] Hetkien luomat seurantatehtävät henkilöstölle. Yksi on avoinna.
   *[other] Hetkien luomat seurantatehtävät henkilöstölle. { $n } on avoinna.
}
moments-no-tasks = Ei vielä tehtäviä. Hetki, jolla on tehtävätoiminto, luo niitä.
moments-task = Tehtävä
moments-task-open = Avoin
moments-task-done = Valmis
moments-assignee = Vastuuhenkilö
moments-nobody = Ei kukaan
moments-assign = Anna tehtävä
moments-mark-done = Valmis
moments-reopen = Avaa uudelleen
moments-task-assigned = Tehtävä annettu.
moments-task-closed = Tehtävä valmis.
moments-task-reopened = Tehtävä avattu uudelleen.

moments-secrets-title = Salaisuudet
moments-secrets-lead = Tämän työtilan salaisuudet, joihin hetkien webhookit (allekirjoitusta varten) ja sähköpostiasetukset viittaavat. Tässä näytetään vain nimet.
moments-secrets-never-shown = Arvoja ei koskaan näytetä. Muuttaaksesi arvoa aseta se uudelleen samalla nimellä.
moments-secrets-missing = Hetket viittaavat salaisuuksiin, joita ei ole asetettu: { $names }. Niiden webhookit epäonnistuvat, kunnes asetat ne.
moments-no-secrets = Ei vielä salaisuuksia.
moments-secret-name = Nimi
moments-secret-value = Arvo
moments-secret-changed = Viimeksi muutettu
moments-secret-used-by = Käyttäjät
moments-secret-generate = Luo webhook-salaisuus
moments-secret-generate-hint = Stig luo satunnaisen allekirjoitussalaisuuden, tallentaa sen ja näyttää sen kerran, jotta vastaanottava järjestelmä voi tarkistaa allekirjoitukset.
moments-secret-generated = Salaisuus ”{ $name }” luotu
moments-secret-copy-now = Kopioi se nyt: sitä ei näytetä uudelleen.
moments-secret-set = Aseta salaisuus
moments-secret-set-hint = Anna arvo, joka sinulla jo on, esimerkiksi vastaanottajan jaettu salaisuus tai sähköpostipalvelimen salasana.
moments-secret-saved = Salaisuus ”{ $name }” tallennettu.
moments-secret-deleted = Salaisuus ”{ $name }” poistettu.
moments-secret-delete-confirm = Poistetaanko salaisuus ”{ $name }”? Sillä allekirjoitetut webhookit epäonnistuvat, kunnes se asetetaan uudelleen.

moments-profile-title = Hetket
moments-profile-none = Yksikään hetki ei ole lauennut tälle asiakkaalle.

moments-form-new = Uusi hetki
moments-form-edit = Muokkaa hetkeä
moments-form-enabled = Käytössä
moments-form-enabled-hint = (vain käytössä olevat hetket laukeavat)
moments-form-when = Milloin
moments-trigger-event = Tapahtuma sattuu
moments-trigger-milestone = Polun virstanpylväs
moments-trigger-inactivity = Asiakas hiljenee
moments-trigger-feedback = Palautepisteet
moments-form-event = Tapahtuman nimi
moments-form-where = Näillä ominaisuuksilla
moments-form-where-hint = (yksi per rivi: plan = premium)
moments-form-milestone = Virstanpylväs
moments-form-journey = Polku
moments-form-phase = Vaihe
moments-form-step = Askel
moments-form-whole-run = Koko polku
moments-form-no-step = Ei tiettyä askelta
moments-form-offset = Siirtymä
moments-form-offset-hint = (esim. 2d, 12h; -3d laskee taaksepäin päivämäärästä)
moments-form-date-property = Päivämääräkenttä
moments-form-date-property-hint = (negatiiviselle siirtymälle, esim. arrival)
moments-form-days = Päiviä ilman toimintaa
moments-form-score = Pisteet
moments-form-touchpoint = Kosketuspiste
moments-form-at-most = Enintään
moments-form-at-least = Vähintään
moments-form-feedback-hint = NPS on 0–10 (arvostelijat: enintään 6), CSAT 1–5, CES 1–7.
moments-form-any = Mikä tahansa
moments-form-choose = Valitse …
moments-form-who = Ketä koskee
moments-form-who-hint = Jätä luettelo tyhjäksi, niin se koskee kaikkia; luettelossa valitut kohdat ovat vaihtoehtoja.
moments-form-personas = Asiakastyypit
moments-form-phases = Vaiheet
moments-form-channels = Kanavat
moments-form-traits = Ominaisuudet
moments-form-traits-hint = (yksi per rivi: tier = gold, age >= 30, email exists, phone missing)
moments-form-limits = Kuinka usein
moments-form-once-per-run = Enintään kerran polkua kohden
moments-form-max-per-customer = Enintään asiakasta kohden
moments-form-period-days = Päivien aikana
moments-form-period-hint = (tyhjä: koskaan)
moments-form-quiet-hint = Hiljaiset tunnit: niiden aikana osuvat toiminnot odottavat, kunnes ne päättyvät.
moments-form-quiet-from = Hiljaista alkaen
moments-form-quiet-to = Hiljaista asti
moments-form-clock-hint = (TT:MM)
moments-form-timezone = Aikavyöhyke
moments-form-timezone-hint = (esim. Europe/Helsinki; tyhjä: työtilan)
moments-form-then = Sitten
moments-form-then-hint = Enintään kolme toimintoa; jätä lohkoon ”Ei toimintoa” ohittaaksesi sen.
moments-form-action-n = Toiminto { $n }
moments-form-action-kind = Laji
moments-form-url = URL
moments-form-secret = Salaisuuden nimi
moments-form-secret-hint = (työtilan salaisuus)
moments-form-to = Vastaanottaja
moments-form-to-hint = (customer tai sähköpostiosoite)
moments-form-subject = Aihe
moments-form-body = Teksti
moments-form-template-hint = Paikkamerkit kuten {"{{"} customer.first_name {"}}"} täytetään kullekin asiakkaalle.
moments-form-survey-touchpoint = Kosketuspisteen kysely
moments-form-task-title = Otsikko
moments-form-task-body = Tiedot
moments-form-assignee = Vastuuhenkilö

# Hetken käyttöönotto takautuvan testin jälkeen; sähköpostin esikatselu ja testilähetys; seurantasuunnitelma.
moments-enable = Ota käyttöön
moments-disable = Poista käytöstä
moments-enable-without = Ota käyttöön ilman takautuvaa testiä …
moments-now-enabled = Hetki on käytössä: se reagoi siihen, mitä tästä eteenpäin tapahtuu.
moments-now-disabled = Hetki on poistettu käytöstä: se ei enää laukea.
moments-enable-found = { $n ->
    [one] Tallennetun historian aikana hetki olisi lauennut kerran
   *[other] Tallennetun historian aikana hetki olisi lauennut { $fired } kertaa
}, { $m ->
    [one] yhdelle asiakkaalle
   *[other] { $customers } asiakkaalle
}. Ota se käyttöön, jos odotit tätä.
moments-enable-found-none = Tallennetun historian aikana hetki ei olisi lauennut kertaakaan. Tarkista laukaisija ja ehdot ennen käyttöönottoa.
moments-enable-confirm-title = Otetaanko käyttöön ilman takautuvaa testiä?
moments-enable-confirm = Hetkeä ”{ $name }” ei ole testattu takautuvasti. Takautuva testi näyttää, kuinka usein se olisi lauennut tallennettujen tapahtumien aikana ja kenelle, ennen kuin se koskee oikeita asiakkaita.
moments-enable-see-backtest = Katso ensin takautuva testi
moments-enable-anyway = Ota silti käyttöön
moments-form-starts-disabled = Uudet hetket ovat aluksi pois käytöstä. Tallenna, katso takautuva testi ja ota hetki sitten käyttöön sen sivulla.
moments-form-event-hint = (valitse jokin työtilan vastaanottama tai kirjoita uusi)
moments-never-seen = Ei koskaan nähty: tämännimistä tapahtumaa ei ole vielä tullut tähän työtilaan.
moments-never-seen-property = Ei koskaan nähty tässä tapahtumassa:
moments-form-pick-property = Tässä tapahtumassa nähty ominaisuus …
moments-form-pick-trait = Asiakkailla nähty tieto …
moments-form-add-condition = Lisää
moments-form-phases-hint = (matkoittain ryhmiteltyinä; Ctrl tai ⌘ valitsee useita)
moments-tracking-plan = Seurantasuunnitelma
moments-preview-title = Sähköpostin esikatselu
moments-preview-lead = Jokainen sähköposti sellaisena kuin se lähtisi kullakin kielellä, jolla se on kirjoitettu, asiakkaalle { $customer }.
moments-preview-to = Vastaanottaja
moments-preview-no-address = (asiakkaalla ei ole sähköpostiosoitetta)
moments-test-send = Lähetä testi minulle
moments-test-hint = Testi lähtee omaan osoitteeseesi (käyttäjänimesi) työtilan sähköpostipalvelimen kautta merkinnällä [TEST]. Mitään ei kirjata toimitukseksi.
moments-test-sent = Testisähköposti lähetetty osoitteeseen { $to }.
moments-test-failed = Testisähköpostia ei lähetetty: { $why }
moments-task-no-contact = tiedoissa ei puhelinnumeroa eikä sähköpostia
moments-task-touchpoint = Kohtaamispiste

moments-plan-title = Seurantasuunnitelma
moments-plan-lead = Kaikki tapahtumatyypit, jotka tämä työtila on vastaanottanut, ominaisuuksineen: valitse niistä, kun rakennat hetkiä ja kohtaamispisteiden signaaleja.
moments-plan-json = JSON-muodossa
moments-plan-none = Tapahtumia ei ole vielä tullut.
moments-plan-none-hint = Yhdistä lähde, niin tapahtumia alkaa tulla.
moments-plan-summary = { $n ->
    [one] Yksi tapahtuma
   *[other] { $events } tapahtumaa
}, { $k ->
    [one] yksi tyyppi
   *[other] { $kinds } tyyppiä
}.
moments-plan-unlisted = { $count } tapahtumaa lisää, ensimmäisten 500 tyypin ulkopuolelta, on laskettu mutta ei listattu.
moments-plan-col-event = Tapahtuma
moments-plan-col-type = Tyyppi
moments-plan-col-count = Määrä
moments-plan-col-first = Ensi kerran
moments-plan-col-last = Viimeksi
moments-plan-col-properties = Ominaisuudet
moments-plan-col-property = Ominaisuus
moments-plan-properties-n = { $n ->
    [one] yksi ominaisuus
   *[other] { $n } ominaisuutta
}
moments-plan-unlisted-properties = { $n } ominaisuusarvoa lisää, ensimmäisten 200 nimen ulkopuolelta, on laskettu mutta ei listattu.
moments-plan-how = Lasketaan tapahtumien saapuessa (identify- ja group-kutsut näyttävät tietonsa). Ajat ovat tapahtumien omia.

# Suostumus: jokaisen toiminnon tarkoitus ja suostumuksen puuttuessa pysäytetyt toiminnot.
moments-status-suppressed = Pysäytetty
moments-suppressed-hint = Toiminnot, joita ei lähetetty, koska asiakas ei ollut antanut suostumusta niiden tarkoitukseen.
moments-suppressed-why = Ei suostumusta tarkoitukseen { $purpose }: ei lähetetty.
moments-backtest-consent = Se olisi tavoittanut kokonaan { $reached }; { $m ->
    [0] ei yhdessäkään laukaisussa
    [one] yhdessä laukaisussa
   *[other] { $suppressed } laukaisussa
} toiminto olisi pysäytetty suostumuksen puuttuessa.
moments-form-purpose = Tarkoitus
moments-form-purpose-hint = Palvelu (kuitit, varausmuutokset) lähtee kaikille; muut tarkoitukset vain asiakkaille, jotka ovat antaneet siihen suostumuksen. Pakollinen kaikelle, mikä tavoittaa asiakkaan.
moments-purpose-unset = Valitse tarkoitus…
moments-purpose-missing = Ei tarkoitusta
moments-purpose-missing-hint = Tämä toiminto tavoittaa asiakkaan, mutta ei kerro tarkoitustaan: se lähetetään vain asiakkaille, jotka ovat antaneet suostumuksen markkinointiin.
moments-purpose-service = Palvelu
moments-purpose-marketing = Markkinointi
moments-purpose-analytics = Analytiikka
moments-purpose-advertising = Mainonta
moments-purpose-functional = Toiminnallinen
moments-purpose-personalization = Personointi
moments-purpose-data-sharing = Tietojen jakaminen
