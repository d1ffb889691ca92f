# Funn fra validatoren (stig_model::validate) i webappen: `check-{meldings-id}`, med
# argumentene hver melding har. Ting nevnes ved navn, ikke id.

check-form-warnings = Verdt en ekstra titt
check-live-owner-without-actor = Et kontaktpunkt som eies av en partner eller det offentlige, bør nevne aktøren bak.
check-live-mode-channel-mismatch = Fysisk eller digitalt stemmer ikke med kanalen: et kontaktpunkt på stedet i en digital kanal, eller omvendt.

check-did-you-mean = (mente du «{ $suggestion }»?)

check-word-persona = persona
check-word-journey = reise
check-word-touchpoint = kontaktpunkt
check-word-actor = aktør
check-word-goal = mål
check-word-dilemma = dilemma
check-word-moment = øyeblikk
check-word-phase = fase
check-word-stage = etappe
check-word-step = steg
check-word-option = alternativ
check-word-own = egeneid
check-word-partner = partnereid
check-word-public = offentlig
check-word-physical = fysisk
check-word-digital = digitalt

check-unknown-reference = Ukjent { $what }: «{ $value }».
check-unknown-persona = En verdi per persona nevner en persona som ikke finnes: «{ $value }».
check-empty-field = { $field ->
    [name] Navnet
    [question] Spørsmålet
    [action] Det kunden gjør
    [text] Teksten i belegget
    [event] Hendelsesnavnet
    [secret] Navnet på hemmeligheten
    [title] Tittelen
    [trait] Navnet på egenskapen
   *[other] Feltet
} kan ikke være tomt.
check-valence-out-of-range = Valensen { $value } er utenfor skalaen.
check-valence-out-of-range-help = Valens går fra −2 (svært negativt) via 0 (nøytralt) til +2 (svært positivt).
check-channel-looks-misspelled = Den egne kanalen «{ $channel }» ligner den kjente kanalen «{ $known }».
check-channel-looks-misspelled-help = Kjente kanaler får et ikon på kartet og grupperes i rapporter.
check-unknown-locale = Språket «{ $locale }» har ingen oversettelse; engelsk brukes.
check-invalid-id = «{ $id }» er ikke en gyldig id for { $what }.
check-invalid-id-help = En id består av små bokstaver, sifre, «-» og «_», og begynner med en bokstav eller et siffer.
check-duplicate-id = Id-en «{ $id }» er allerede i bruk ({ $what }).
check-duplicate-id-help = Id-er må være unike; endre en av dem.
check-persona-without-loves = { $name } har ingenting de elsker.
check-persona-without-hates = { $name } har ingenting de hater.
check-persona-without-loves-or-hates = { $name } har ingenting de elsker eller hater.
check-persona-without-loves-help = En kundetype defineres av hva den elsker og hater.
check-persona-without-hates-help = En kundetype defineres av hva den elsker og hater.
check-persona-without-loves-or-hates-help = En kundetype defineres av hva den elsker og hater.
check-demographics-only = { $name } er beskrevet bare med demografi.
check-demographics-only-help = Demografiske tvillinger kan være motsatte kundetyper: beskriv hva de elsker og hater, motivasjon og behov.
check-owner-actor-mismatch = { $name } er { $owner }, men aktøren { $actor } er { $kind }.
check-owner-actor-mismatch-help = La eieren og aktørens type stemme overens.
check-owner-without-actor = { $name } er { $owner }, men nevner ingen aktør bak.
check-owner-without-actor-help = Velg aktøren (partneren eller den offentlige etaten) som driver det.
check-mode-channel-mismatch = { $name } er { $mode }, men kanalen ({ $channel }) sier noe annet.
check-mode-channel-mismatch-help = Sett fysisk eller digitalt etter det kunden møter, eller velg kanalen det går i.
check-unused-touchpoint = { $name } brukes ikke av noe steg.
check-unused-touchpoint-help = Legg det på stegene der det forekommer, eller fjern det.
check-empty-signal = Et signal må nevne en hendelse, en side eller en kampanje.
check-bad-page-pattern = Sidemønsteret «{ $page }» virker ikke: { $why }
check-bad-page-pattern-help = Et sidemønster er en sti (/booking/*) eller en hel URL; * holder seg innenfor én del av stien, ** går på tvers.
check-missing-as-is = Den ønskede reisen { $name } nevner en nåværende reise som ikke finnes: «{ $value }».
check-as-is-on-as-is-journey = { $name } er en nåværende reise og kan ikke selv vise til en nåværende reise.
check-completion-unseen = Gjennomføringer av { $journey } fullføres ved «{ $step }», som ikke har noe kontaktpunkt, så live-data kan aldri vise en fullført.
check-completion-unseen-help = La reisen fullføres ved et steg med kontaktpunkt, eller legg et kontaktpunkt på steget.
check-abandon-after-zero = Gjennomføringer må få minst 1 dag før de regnes som avbrutt.
check-unknown-phase = Etappen «{ $stage }» ligger i en fase { $journey } ikke har: «{ $phase }».
check-stage-without-steps = Etappen «{ $stage }» i { $journey } har ingen steg.
check-stage-without-steps-help = Legg til stegene eller fjern etappen.
check-element-both = Det emosjonelle elementet «{ $name }» er enten en sans eller noe immaterielt, ikke begge deler.
check-element-neither = Det emosjonelle elementet «{ $name }» nevner verken en sans eller noe immaterielt.
check-only-functional = «{ $step }» har bare funksjonelle elementer.
check-only-functional-help = Funksjonelle elementer er inngangsbilletten; emosjonelle elementer (sanser, det immaterielle) vinner kunder.
check-no-follow-up = Ingenting skjer i fasen { $phase } av { $journey }: ingen oppfølging.
check-no-follow-up-help = Kunder gjentar reiser; en takk, en undersøkelse eller en grunn til å komme tilbake holder på dem.
check-phase-without-touchpoint = Fasen { $phase } av { $journey } har ikke noe kontaktpunkt.
check-phase-without-touchpoint-help = Her er kunden på egen hånd; er det et hull eller en sjanse til å være der?
check-bad-step-reference = «{ $value }» nevner ikke en reise og et steg.
check-goal-cycle = Målhierarkiet går i ring: { $goals }.
check-goal-cycle-help = Et mål kan ikke være sitt eget delmål; fjern én kobling til et overordnet mål.
check-dilemma-step-without-journey = Steget til et dilemma trenger reisen sin.
check-moment-without-action = Øyeblikket { $name } har ingen handling og gjør derfor ingenting.
check-moment-without-action-help = Legg til hva det skal gjøre: en webhook, en e-post, en undersøkelse eller en oppgave.
check-milestone-phase-and-step = En milepæl gjelder en fase eller et steg, ikke begge.
check-bad-offset = «{ $value }» er ikke en tidsforskyvning.
check-offset-before-milestone = «{ $value }» er før milepælen, som allerede har skjedd.
check-inactivity-zero = Inaktivitet i 0 dager tar aldri slutt.
check-score-out-of-scale = { $value } er utenfor skalaen { $low }–{ $high } for denne målingen.
check-feedback-without-threshold = En utløser på tilbakemelding trenger en terskel.
check-condition-tests-nothing = Betingelsen på egenskapen «{ $trait }» tester ingenting.
check-cap-zero = Et tak på 0 slår aldri til.
check-cap-zero-help = Slå heller av øyeblikket.
check-period-without-cap = En periode trenger et maksimum per kunde.
check-bad-clock = «{ $value }» er ikke et klokkeslett (TT:MM).
check-bad-timezone = «{ $value }» er ikke en tidssone.
check-bad-timezone-help = Bruk et navn som Europe/Oslo eller UTC.
check-bad-url = «{ $value }» er ikke en http(s)-adresse.
check-bad-recipient = «{ $value }» er verken kunden eller en e-postadresse.
check-survey-without-survey = { $name } har ingen undersøkelse å invitere til.
check-no-text = Teksten mangler på alle språk.
check-unknown-text-locale = Ukjent språk «{ $locale }».
check-bad-template = Malen virker ikke: { $why }
check-missing-smtp = Denne handlingen sender e-post, men arbeidsområdet har ingen e-posttjener.
check-missing-smtp-help = Sett opp e-posttjeneren i innstillingene for arbeidsområdet.
check-action-without-purpose = Denne handlingen når kunden, men sier ikke hva den er til.
check-action-without-purpose-help = Velg formålet: «tjeneste» sendes til alle; markedsføring, analyse og de andre bare til kunder som har gitt det samtykket.
