# Valideringens fynd (stig_model::validate) i webbappen: `check-{meddelande-id}`, med
# argumenten varje fynd bär. Saker nämns vid namn, inte id.

check-form-warnings = Värt en extra titt
check-live-owner-without-actor = En kontaktpunkt som ägs av en partner eller det offentliga bör ange aktören bakom.
check-live-mode-channel-mismatch = Fysisk eller digital stämmer inte med kanalen: en kontaktpunkt på plats i en digital kanal, eller tvärtom.

check-did-you-mean = (menade du ”{ $suggestion }”?)

check-word-persona = persona
check-word-journey = resa
check-word-touchpoint = kontaktpunkt
check-word-actor = aktör
check-word-goal = mål
check-word-dilemma = dilemma
check-word-moment = ögonblick
check-word-phase = fas
check-word-stage = etapp
check-word-step = steg
check-word-option = alternativ
check-word-own = egenägd
check-word-partner = partnerägd
check-word-public = offentlig
check-word-physical = fysisk
check-word-digital = digital

check-unknown-reference = Okänd referens till { $what }: ”{ $value }”.
check-unknown-persona = Ett värde per persona nämner en persona som inte finns: ”{ $value }”.
check-empty-field = { $field ->
    [name] Namnet
    [question] Frågan
    [action] Det kunden gör
    [text] Texten i belägget
    [event] Händelsenamnet
    [secret] Hemlighetens namn
    [title] Titeln
    [trait] Egenskapens namn
   *[other] Fältet
} får inte vara tomt.
check-valence-out-of-range = Valensen { $value } ligger utanför skalan.
check-valence-out-of-range-help = Valens går från −2 (mycket negativt) via 0 (neutralt) till +2 (mycket positivt).
check-channel-looks-misspelled = Den egna kanalen ”{ $channel }” liknar den kända kanalen ”{ $known }”.
check-channel-looks-misspelled-help = Kända kanaler får en ikon på kartan och grupperas i rapporter.
check-unknown-locale = Språket ”{ $locale }” saknar översättning; engelska används.
check-invalid-id = ”{ $id }” är inte ett giltigt id för { $what }.
check-invalid-id-help = Ett id består av små bokstäver, siffror, ”-” och ”_” och börjar med en bokstav eller siffra.
check-duplicate-id = Id:t ”{ $id }” används redan ({ $what }).
check-duplicate-id-help = Id måste vara unika; ändra ett av dem.
check-persona-without-loves = { $name } har inget de älskar.
check-persona-without-hates = { $name } har inget de hatar.
check-persona-without-loves-or-hates = { $name } har inget de älskar eller hatar.
check-persona-without-loves-help = En kundtyp definieras av vad den älskar och hatar.
check-persona-without-hates-help = En kundtyp definieras av vad den älskar och hatar.
check-persona-without-loves-or-hates-help = En kundtyp definieras av vad den älskar och hatar.
check-demographics-only = { $name } beskrivs bara med demografi.
check-demographics-only-help = Demografiska tvillingar kan vara motsatta kundtyper: beskriv vad de älskar och hatar, motivation och behov.
check-owner-actor-mismatch = { $name } är { $owner }, men aktören { $actor } är { $kind }.
check-owner-actor-mismatch-help = Låt ägaren och aktörens typ stämma överens.
check-owner-without-actor = { $name } är { $owner } men anger ingen aktör bakom.
check-owner-without-actor-help = Välj aktören (partnern eller den offentliga myndigheten) som driver den.
check-mode-channel-mismatch = { $name } är { $mode }, men kanalen ({ $channel }) säger något annat.
check-mode-channel-mismatch-help = Ange fysisk eller digital efter det kunden möter, eller välj kanalen den går i.
check-unused-touchpoint = { $name } används inte av något steg.
check-unused-touchpoint-help = Lägg den på stegen där den förekommer, eller ta bort den.
check-empty-signal = En signal måste ange en händelse, en sida eller en kampanj.
check-bad-page-pattern = Sidmönstret ”{ $page }” fungerar inte: { $why }
check-bad-page-pattern-help = Ett sidmönster är en sökväg (/booking/*) eller en hel URL; * håller sig inom en del av sökvägen, ** går över flera.
check-missing-as-is = Den önskade resan { $name } nämner en nuvarande resa som inte finns: ”{ $value }”.
check-as-is-on-as-is-journey = { $name } är en nuvarande resa och kan inte själv hänvisa till en nuvarande resa.
check-completion-unseen = Genomföranden av { $journey } slutförs vid ”{ $step }”, som saknar kontaktpunkt, så livedata kan aldrig visa ett slutfört.
check-completion-unseen-help = Låt resan slutföras vid ett steg med kontaktpunkt, eller lägg en kontaktpunkt på steget.
check-abandon-after-zero = Genomföranden måste få minst 1 dag innan de räknas som avbrutna.
check-unknown-phase = Etappen ”{ $stage }” ligger i en fas som { $journey } inte har: ”{ $phase }”.
check-stage-without-steps = Etappen ”{ $stage }” i { $journey } har inga steg.
check-stage-without-steps-help = Lägg till stegen eller ta bort etappen.
check-element-both = Det emotionella elementet ”{ $name }” är antingen ett sinne eller något immateriellt, inte båda.
check-element-neither = Det emotionella elementet ”{ $name }” anger varken ett sinne eller något immateriellt.
check-only-functional = ”{ $step }” har bara funktionella element.
check-only-functional-help = Funktionella element är inträdesbiljetten; emotionella element (sinnen, det immateriella) vinner kunder.
check-no-follow-up = Inget händer i fasen { $phase } av { $journey }: ingen uppföljning.
check-no-follow-up-help = Kunder upprepar resor; ett tack, en enkät eller ett skäl att komma tillbaka behåller dem.
check-phase-without-touchpoint = Fasen { $phase } av { $journey } har ingen kontaktpunkt.
check-phase-without-touchpoint-help = Här är kunden på egen hand; är det en lucka eller en chans att finnas där?
check-bad-step-reference = ”{ $value }” anger inte en resa och ett steg.
check-goal-cycle = Målträdet går i cirkel: { $goals }.
check-goal-cycle-help = Ett mål kan inte vara sitt eget delmål; ta bort en koppling till ett överordnat mål.
check-dilemma-step-without-journey = Ett dilemmas steg behöver sin resa.
check-moment-without-action = Ögonblicket { $name } har ingen åtgärd och gör därför ingenting.
check-moment-without-action-help = Lägg till vad det ska göra: en webhook, ett mejl, en enkät eller en uppgift.
check-milestone-phase-and-step = En milstolpe gäller en fas eller ett steg, inte båda.
check-bad-offset = ”{ $value }” är ingen tidsförskjutning.
check-offset-before-milestone = ”{ $value }” ligger före milstolpen, som redan har inträffat.
check-inactivity-zero = Inaktivitet i 0 dagar tar aldrig slut.
check-score-out-of-scale = { $value } ligger utanför skalan { $low }–{ $high } för detta mått.
check-feedback-without-threshold = En utlösare på återkoppling behöver ett tröskelvärde.
check-condition-tests-nothing = Villkoret på egenskapen ”{ $trait }” testar ingenting.
check-cap-zero = Ett tak på 0 slår aldrig till.
check-cap-zero-help = Stäng hellre av ögonblicket.
check-period-without-cap = En period behöver ett maximum per kund.
check-bad-clock = ”{ $value }” är inget klockslag (TT:MM).
check-bad-timezone = ”{ $value }” är ingen tidszon.
check-bad-timezone-help = Använd ett namn som Europe/Stockholm eller UTC.
check-bad-url = ”{ $value }” är ingen http(s)-adress.
check-bad-recipient = ”{ $value }” är varken kunden eller en e-postadress.
check-survey-without-survey = { $name } har ingen enkät att bjuda in till.
check-no-text = Texten saknas på alla språk.
check-unknown-text-locale = Okänt språk ”{ $locale }”.
check-bad-template = Mallen fungerar inte: { $why }
check-missing-smtp = Den här åtgärden skickar e-post, men arbetsytan har ingen e-postserver.
check-missing-smtp-help = Ställ in e-postservern i arbetsytans inställningar.
check-action-without-purpose = Den här åtgärden når kunden men säger inte vad den är till för.
check-action-without-purpose-help = Välj syftet: ”tjänst” skickas till alla; marknadsföring, analys och de andra bara till kunder som har gett det samtycket.
