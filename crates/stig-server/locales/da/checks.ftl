# Validatorens fund (stig_model::validate) i webappen: `check-{meddelelses-id}`, med de
# argumenter hvert fund har. Ting nævnes ved navn, ikke id.

check-form-warnings = Værd at se på en gang til
check-live-owner-without-actor = Et kontaktpunkt, der ejes af en partner eller det offentlige, bør nævne aktøren bag.
check-live-mode-channel-mismatch = Fysisk eller digitalt passer ikke med kanalen: et kontaktpunkt på stedet i en digital kanal, eller omvendt.

check-did-you-mean = (mente du »{ $suggestion }«?)

check-word-persona = persona
check-word-journey = rejse
check-word-touchpoint = kontaktpunkt
check-word-actor = aktør
check-word-goal = mål
check-word-dilemma = dilemma
check-word-moment = øjeblik
check-word-phase = fase
check-word-stage = etape
check-word-step = trin
check-word-option = mulighed
check-word-own = egetejet
check-word-partner = partnerejet
check-word-public = offentligt
check-word-physical = fysisk
check-word-digital = digitalt

check-unknown-reference = Ukendt { $what }: »{ $value }«.
check-unknown-persona = En værdi pr. persona nævner en persona, der ikke findes: »{ $value }«.
check-empty-field = { $field ->
    [name] Navnet
    [question] Spørgsmålet
    [action] Det, kunden gør
    [text] Teksten i belægget
    [event] Hændelsesnavnet
    [secret] Hemmelighedens navn
    [title] Titlen
    [trait] Egenskabens navn
   *[other] Feltet
} må ikke være tomt.
check-valence-out-of-range = Valensen { $value } ligger uden for skalaen.
check-valence-out-of-range-help = Valens går fra −2 (meget negativt) over 0 (neutralt) til +2 (meget positivt).
check-channel-looks-misspelled = Den egne kanal »{ $channel }« ligner den kendte kanal »{ $known }«.
check-channel-looks-misspelled-help = Kendte kanaler får et ikon på kortet og grupperes i rapporter.
check-unknown-locale = Sproget »{ $locale }« har ingen oversættelse; engelsk bruges.
check-invalid-id = »{ $id }« er ikke et gyldigt id for { $what }.
check-invalid-id-help = Et id består af små bogstaver, cifre, »-« og »_« og begynder med et bogstav eller et ciffer.
check-duplicate-id = Id'et »{ $id }« er allerede i brug ({ $what }).
check-duplicate-id-help = Id'er skal være unikke; ret et af dem.
check-persona-without-loves = { $name } har intet, de elsker.
check-persona-without-hates = { $name } har intet, de hader.
check-persona-without-loves-or-hates = { $name } har intet, de elsker eller hader.
check-persona-without-loves-help = En kundetype defineres af, hvad den elsker og hader.
check-persona-without-hates-help = En kundetype defineres af, hvad den elsker og hader.
check-persona-without-loves-or-hates-help = En kundetype defineres af, hvad den elsker og hader.
check-demographics-only = { $name } er kun beskrevet med demografi.
check-demographics-only-help = Demografiske tvillinger kan være modsatte kundetyper: beskriv, hvad de elsker og hader, motivation og behov.
check-owner-actor-mismatch = { $name } er { $owner }, men aktøren { $actor } er { $kind }.
check-owner-actor-mismatch-help = Lad ejeren og aktørens type stemme overens.
check-owner-without-actor = { $name } er { $owner }, men nævner ingen aktør bag.
check-owner-without-actor-help = Vælg aktøren (partneren eller den offentlige myndighed), der driver det.
check-mode-channel-mismatch = { $name } er { $mode }, men kanalen ({ $channel }) siger noget andet.
check-mode-channel-mismatch-help = Sæt fysisk eller digitalt efter det, kunden møder, eller vælg den kanal, det kører i.
check-unused-touchpoint = { $name } bruges ikke af noget trin.
check-unused-touchpoint-help = Sæt det på de trin, hvor det forekommer, eller fjern det.
check-empty-signal = Et signal skal nævne en hændelse, en side eller en kampagne.
check-bad-page-pattern = Sidemønsteret »{ $page }« virker ikke: { $why }
check-bad-page-pattern-help = Et sidemønster er en sti (/booking/*) eller en hel URL; * holder sig inden for én del af stien, ** går på tværs.
check-missing-as-is = Den ønskede rejse { $name } nævner en nuværende rejse, der ikke findes: »{ $value }«.
check-as-is-on-as-is-journey = { $name } er en nuværende rejse og kan ikke selv henvise til en nuværende rejse.
check-completion-unseen = Gennemførelser af { $journey } afsluttes ved »{ $step }«, som ikke har noget kontaktpunkt, så live-data kan aldrig vise en afsluttet.
check-completion-unseen-help = Lad rejsen afsluttes ved et trin med kontaktpunkt, eller sæt et kontaktpunkt på trinnet.
check-abandon-after-zero = Gennemførelser skal have mindst 1 dag, før de regnes som afbrudt.
check-unknown-phase = Etapen »{ $stage }« ligger i en fase, { $journey } ikke har: »{ $phase }«.
check-stage-without-steps = Etapen »{ $stage }« i { $journey } har ingen trin.
check-stage-without-steps-help = Tilføj dens trin, eller fjern etapen.
check-element-both = Det emotionelle element »{ $name }« er enten en sans eller noget immaterielt, ikke begge dele.
check-element-neither = Det emotionelle element »{ $name }« nævner hverken en sans eller noget immaterielt.
check-only-functional = »{ $step }« har kun funktionelle elementer.
check-only-functional-help = Funktionelle elementer er adgangsbilletten; emotionelle elementer (sanser, det immaterielle) vinder kunder.
check-no-follow-up = Intet sker i fasen { $phase } af { $journey }: ingen opfølgning.
check-no-follow-up-help = Kunder gentager rejser; et tak, en undersøgelse eller en grund til at komme igen holder på dem.
check-phase-without-touchpoint = Fasen { $phase } af { $journey } har intet kontaktpunkt.
check-phase-without-touchpoint-help = Her er kunden overladt til sig selv; er det et hul eller en chance for at være der?
check-bad-step-reference = »{ $value }« nævner ikke en rejse og et trin.
check-goal-cycle = Målhierarkiet går i ring: { $goals }.
check-goal-cycle-help = Et mål kan ikke være sit eget delmål; fjern én kobling til et overordnet mål.
check-dilemma-step-without-journey = Et dilemmas trin skal have sin rejse.
check-moment-without-action = Øjeblikket { $name } har ingen handling og gør derfor intet.
check-moment-without-action-help = Tilføj, hvad det skal gøre: en webhook, en e-mail, en undersøgelse eller en opgave.
check-milestone-phase-and-step = En milepæl gælder en fase eller et trin, ikke begge.
check-bad-offset = »{ $value }« er ikke en tidsforskydning.
check-offset-before-milestone = »{ $value }« ligger før milepælen, som allerede er sket.
check-inactivity-zero = Inaktivitet i 0 dage slutter aldrig.
check-score-out-of-scale = { $value } ligger uden for skalaen { $low }–{ $high } for denne måling.
check-feedback-without-threshold = En udløser på feedback skal have en tærskel.
check-condition-tests-nothing = Betingelsen på egenskaben »{ $trait }« tester intet.
check-cap-zero = Et loft på 0 slår aldrig til.
check-cap-zero-help = Slå hellere øjeblikket fra.
check-period-without-cap = En periode skal have et maksimum pr. kunde.
check-bad-clock = »{ $value }« er ikke et klokkeslæt (TT:MM).
check-bad-timezone = »{ $value }« er ikke en tidszone.
check-bad-timezone-help = Brug et navn som Europe/Copenhagen eller UTC.
check-bad-url = »{ $value }« er ikke en http(s)-adresse.
check-bad-recipient = »{ $value }« er hverken kunden eller en e-mailadresse.
check-survey-without-survey = { $name } har ingen undersøgelse at invitere til.
check-no-text = Teksten mangler på alle sprog.
check-unknown-text-locale = Ukendt sprog »{ $locale }«.
check-bad-template = Skabelonen virker ikke: { $why }
check-missing-smtp = Denne handling sender e-mail, men arbejdsområdet har ingen mailserver.
check-missing-smtp-help = Sæt mailserveren op i arbejdsområdets indstillinger.
check-action-without-purpose = Denne handling når kunden, men siger ikke, hvad den er til.
check-action-without-purpose-help = Vælg formålet: »service« sendes til alle; markedsføring, analyse og de andre kun til kunder, der har givet det samtykke.
