# Validoinnin havainnot (stig_model::validate) verkkosovelluksessa: `check-{viestin tunnus}`,
# ja kunkin havainnon argumentit. Asiat mainitaan nimeltä, ei tunnukselta.

check-form-warnings = Katsomisen arvoista
check-live-owner-without-actor = Kumppanin tai julkisen tahon kosketuspisteen pitäisi nimetä sen takana oleva toimija.
check-live-mode-channel-mismatch = Fyysinen tai digitaalinen ei sovi kanavaan: paikan päällä oleva kosketuspiste digitaalisessa kanavassa tai päinvastoin.

check-did-you-mean = (tarkoititko ”{ $suggestion }”?)

check-word-persona = persoona
check-word-journey = polku
check-word-touchpoint = kosketuspiste
check-word-actor = toimija
check-word-goal = tavoite
check-word-dilemma = dilemma
check-word-moment = hetki
check-word-phase = vaihe
check-word-stage = osavaihe
check-word-step = askel
check-word-option = vaihtoehto
check-word-own = oma
check-word-partner = kumppanin
check-word-public = julkinen
check-word-physical = fyysinen
check-word-digital = digitaalinen

check-unknown-reference = Tuntematon viittaus ({ $what }): ”{ $value }”.
check-unknown-persona = Persoonakohtainen arvo viittaa persoonaan, jota ei ole: ”{ $value }”.
check-empty-field = { $field ->
    [name] Nimi
    [question] Kysymys
    [action] Asiakkaan toiminta
    [text] Näytön teksti
    [event] Tapahtuman nimi
    [secret] Salaisuuden nimi
    [title] Otsikko
    [trait] Ominaisuuden nimi
   *[other] Kenttä
} ei voi olla tyhjä.
check-valence-out-of-range = Arvo { $value } on asteikon ulkopuolella.
check-valence-out-of-range-help = Arvo kulkee −2:sta (hyvin kielteinen) 0:n (neutraali) kautta +2:een (hyvin myönteinen).
check-channel-looks-misspelled = Oma kanava ”{ $channel }” muistuttaa tunnettua kanavaa ”{ $known }”.
check-channel-looks-misspelled-help = Tunnetut kanavat saavat kartalla kuvakkeen ja ryhmitellään raporteissa.
check-unknown-locale = Kielelle ”{ $locale }” ei ole käännöstä; käytetään englantia.
check-invalid-id = ”{ $id }” ei kelpaa tunnukseksi ({ $what }).
check-invalid-id-help = Tunnus koostuu pienistä kirjaimista, numeroista sekä merkeistä ”-” ja ”_”, ja se alkaa kirjaimella tai numerolla.
check-duplicate-id = Tunnus ”{ $id }” on jo käytössä ({ $what }).
check-duplicate-id-help = Tunnusten on oltava yksilöllisiä; muuta jompaakumpaa.
check-persona-without-loves = Persoonalla { $name } ei ole mitään, mitä se rakastaa.
check-persona-without-hates = Persoonalla { $name } ei ole mitään, mitä se vihaa.
check-persona-without-loves-or-hates = Persoonalla { $name } ei ole mitään, mitä se rakastaa tai vihaa.
check-persona-without-loves-help = Asiakastyypin määrittää se, mitä se rakastaa ja vihaa.
check-persona-without-hates-help = Asiakastyypin määrittää se, mitä se rakastaa ja vihaa.
check-persona-without-loves-or-hates-help = Asiakastyypin määrittää se, mitä se rakastaa ja vihaa.
check-demographics-only = Persoona { $name } on kuvattu pelkillä taustatiedoilla.
check-demographics-only-help = Taustatiedoiltaan samanlaiset voivat olla vastakkaisia asiakastyyppejä: kuvaa mitä he rakastavat ja vihaavat, motiivit ja tarpeet.
check-owner-actor-mismatch = Kosketuspisteen { $name } omistaja on { $owner }, mutta sen toimija { $actor } on { $kind }.
check-owner-actor-mismatch-help = Sovita omistaja ja toimijan tyyppi yhteen.
check-owner-without-actor = Kosketuspisteen { $name } omistaja on { $owner }, mutta sen takana olevaa toimijaa ei ole nimetty.
check-owner-without-actor-help = Valitse toimija (kumppani tai viranomainen), joka sitä pyörittää.
check-mode-channel-mismatch = { $name } on { $mode }, mutta sen kanava ({ $channel }) kertoo muuta.
check-mode-channel-mismatch-help = Valitse fyysinen tai digitaalinen sen mukaan, mitä asiakas kohtaa, tai valitse kanava, jossa se toimii.
check-unused-touchpoint = Kosketuspistettä { $name } ei käytetä yhdessäkään askeleessa.
check-unused-touchpoint-help = Lisää se askeliin, joissa se esiintyy, tai poista se.
check-empty-signal = Signaalin on nimettävä tapahtuma, sivu tai kampanja.
check-bad-page-pattern = Sivukuvio ”{ $page }” ei toimi: { $why }
check-bad-page-pattern-help = Sivukuvio on polku (/booking/*) tai koko URL; * pysyy polun yhden osan sisällä, ** ylittää osien rajat.
check-missing-as-is = Tavoitepolku { $name } viittaa nykypolkuun, jota ei ole: ”{ $value }”.
check-as-is-on-as-is-journey = { $name } on nykypolku, joten se ei voi itse viitata nykypolkuun.
check-completion-unseen = Polun { $journey } kulut päättyvät askeleeseen ”{ $step }”, jolla ei ole kosketuspistettä, joten live-data ei voi koskaan näyttää valmistunutta.
check-completion-unseen-help = Päätä polku askeleeseen, jolla on kosketuspiste, tai lisää askeleelle kosketuspiste.
check-abandon-after-zero = Kuluille on annettava vähintään 1 päivä, ennen kuin ne katsotaan keskeytyneiksi.
check-unknown-phase = Osavaihe ”{ $stage }” on vaiheessa, jota polulla { $journey } ei ole: ”{ $phase }”.
check-stage-without-steps = Polun { $journey } osavaiheessa ”{ $stage }” ei ole askelia.
check-stage-without-steps-help = Lisää sen askeleet tai poista osavaihe.
check-element-both = Tunne-elementti ”{ $name }” on joko aisti tai aineeton kokemus, ei molempia.
check-element-neither = Tunne-elementti ”{ $name }” ei nimeä aistia eikä aineetonta kokemusta.
check-only-functional = Askeleella ”{ $step }” on vain toiminnallisia elementtejä.
check-only-functional-help = Toiminnalliset elementit ovat pääsylippu; tunne-elementit (aistit, aineeton) voittavat asiakkaat.
check-no-follow-up = Polun { $journey } vaiheessa { $phase } ei tapahdu mitään: ei jatkoa.
check-no-follow-up-help = Asiakkaat kulkevat polkuja uudelleen; kiitos, kysely tai syy palata pitää heidät.
check-phase-without-touchpoint = Polun { $journey } vaiheessa { $phase } ei ole kosketuspistettä.
check-phase-without-touchpoint-help = Asiakas on tässä omillaan; onko se aukko vai tilaisuus olla läsnä?
check-bad-step-reference = ”{ $value }” ei nimeä polkua ja askelta.
check-goal-cycle = Tavoitepuu kiertää kehää: { $goals }.
check-goal-cycle-help = Tavoite ei voi olla oma alatavoitteensa; poista yksi yläviittaus.
check-dilemma-step-without-journey = Dilemman askel tarvitsee polkunsa.
check-moment-without-action = Hetkellä { $name } ei ole toimintoa, joten se ei tee mitään.
check-moment-without-action-help = Lisää, mitä sen pitää tehdä: webhook, sähköposti, kysely tai tehtävä.
check-milestone-phase-and-step = Virstanpylväs koskee vaihetta tai askelta, ei molempia.
check-bad-offset = ”{ $value }” ei ole aikasiirtymä.
check-offset-before-milestone = ”{ $value }” on ennen virstanpylvästä, joka on jo tapahtunut.
check-inactivity-zero = 0 päivän passiivisuus ei pääty koskaan.
check-score-out-of-scale = { $value } on tämän mittarin asteikon { $low }–{ $high } ulkopuolella.
check-feedback-without-threshold = Palautteeseen perustuva laukaisin tarvitsee kynnysarvon.
check-condition-tests-nothing = Ehto ominaisuudelle ”{ $trait }” ei testaa mitään.
check-cap-zero = Enimmäismäärä 0 ei laukea koskaan.
check-cap-zero-help = Poista hetki mieluummin käytöstä.
check-period-without-cap = Jakso tarvitsee enimmäismäärän asiakasta kohden.
check-bad-clock = ”{ $value }” ei ole kellonaika (TT:MM).
check-bad-timezone = ”{ $value }” ei ole aikavyöhyke.
check-bad-timezone-help = Käytä nimeä kuten Europe/Helsinki tai UTC.
check-bad-url = ”{ $value }” ei ole http(s)-osoite.
check-bad-recipient = ”{ $value }” ei ole asiakas eikä sähköpostiosoite.
check-survey-without-survey = Kosketuspisteellä { $name } ei ole kyselyä, johon kutsua.
check-no-text = Teksti puuttuu kaikilla kielillä.
check-unknown-text-locale = Tuntematon kieli ”{ $locale }”.
check-bad-template = Pohja ei toimi: { $why }
check-missing-smtp = Tämä toiminto lähettää sähköpostia, mutta työtilalla ei ole sähköpostipalvelinta.
check-missing-smtp-help = Määritä sähköpostipalvelin työtilan asetuksissa.
check-action-without-purpose = Tämä toiminto tavoittaa asiakkaan, mutta ei kerro, mihin se on tarkoitettu.
check-action-without-purpose-help = Valitse tarkoitus: ”palvelu” lähetetään kaikille; markkinointi, analytiikka ja muut vain asiakkaille, jotka ovat antaneet siihen suostumuksen.
