# Egen konto (views/account.rs), nye arbeidsområder (views/workspaces.rs) og
# kom-i-gang-veiviseren (views/guide.rs).

account-title = Kontoen din
account-link = Konto
account-eyebrow = Kontoen din
account-lead = Du er logget inn med rollen { $role }.
account-password-title = Bytt passord
account-password-lead = Etter byttet er du fortsatt logget inn her; alle andre nettlesere der du er logget inn, blir logget ut.
account-password-current = Nåværende passord
account-password-new = Nytt passord
account-password-hint = (minst { $min } tegn)
account-password-repeat = Nytt passord en gang til
account-password-save = Bytt passord
account-password-too-short = Det nye passordet er for kort: bruk minst { $min } tegn.
account-password-mismatch = De to nye passordene er ikke like. Skriv det samme passordet to ganger.
account-password-wrong = Det er ikke det nåværende passordet ditt. Ingenting ble endret.
account-password-changed = Passordet er byttet. Andre nettlesere ble logget ut.
account-tokens-title = API-nøkler
account-tokens-lead = Med en API-nøkkel kan et skript bruke REST-API-et som deg, med rollen din ({ $role }). En nøkkel utløper ikke: trekk den tilbake når den ikke lenger trengs.
account-tokens-none = Du har ingen API-nøkler.
account-token-label = Navn
account-token-label-hint = (hva den brukes til, f.eks. «nattlig eksport»)
account-token-label-needed = Gi nøkkelen et navn på høyst 100 tegn, så du kjenner den igjen senere.
account-token-fingerprint = Fingeravtrykk
account-token-created-at = Opprettet
account-token-last-used = Sist brukt
account-token-never = aldri
account-token-revoke = Trekk tilbake
account-token-revoked = Nøkkelen er trukket tilbake; forespørsler med den blir avvist fra nå av.
account-token-not-found = Du har ingen nøkkel med det fingeravtrykket; den kan allerede være trukket tilbake.
account-token-new = Ny nøkkel
account-token-scope = Nøkkelen handler med rollen din ({ $role }) og utløper ikke.
account-token-create = Opprett nøkkel
account-token-created = Nøkkelen «{ $label }» er opprettet
account-token-once = Kopier den nå: Stig lagrer bare en hash av den, så dette er eneste gang den vises.
account-token-use = Send den i Authorization-headeren:

ws-new-link = Nytt arbeidsområde …
ws-new-eyebrow = Administrasjon
ws-new-title = Nytt arbeidsområde
ws-new-lead = Start tomt, fra en mal eller fra journey-as-code-filer du allerede har.
ws-new-start = Start fra
ws-new-empty = Et tomt arbeidsområde
ws-new-empty-hint = Ingen personas eller reiser ennå; veiviseren på oversikten viser veien.
ws-new-template = En mal
ws-new-template-hint = Et eksempel å tilpasse: bare designet, ingen kunder eller hendelser.
ws-new-template-counts = { $personas ->
        [one] 1 persona
       *[other] { $personas } personas
    }, { $journeys ->
        [one] 1 reise
       *[other] { $journeys } reiser
    }, { $touchpoints ->
        [one] 1 kontaktpunkt
       *[other] { $touchpoints } kontaktpunkter
    }
ws-new-zip = En journey-as-code-zip
ws-new-zip-hint = En zip slik «Eksporter» eller stig export lager den (stig.toml, personas/, journeys/ …), høyst { $mb } MB. Den sjekkes som med stig check.
ws-new-name = Navn
ws-new-name-hint = (for en mal eller zip: la stå tomt for å beholde navnet den har)
ws-new-id = Id
ws-new-id-hint = (i adresser; lages av navnet med mindre du skriver en selv)
ws-new-create = Opprett arbeidsområde
ws-new-error-name = Et tomt arbeidsområde trenger et navn.
ws-new-error-template = Velg en av malene.
ws-new-error-zip-missing = Velg en zip-fil å laste opp.
ws-new-error-zip-invalid = Filene i zip-en har feil; ingenting ble opprettet. Rett disse og last opp igjen:
ws-new-error-id = «{ $id }» kan ikke være en id: bruk små bokstaver, sifre, - og _, og start med en bokstav eller et siffer.
ws-new-error-id-taken = Det finnes allerede et arbeidsområde med id-en «{ $id }». Velg en annen id.
ws-new-created = Arbeidsområdet «{ $name }» er opprettet.

guide-title = Kom i gang
guide-lead = Fra et tomt arbeidsområde til den første hendelsen og det første svaret på en undersøkelse. Hvert steg hakes av når arbeidsområdet viser at det er gjort.
guide-progress = { $done } av { $total } gjort
guide-done = gjort
guide-todo = gjenstår
guide-back = Tilbake til oversikten
guide-step-workspace = Opprett arbeidsområdet
guide-step-design = Beskriv en persona og en reise
guide-step-design-text = Hvem kundene dine er og reisen de tar, steg for steg, med kontaktpunktene der dere møtes.
guide-new-persona = Ny persona
guide-new-journey = Ny reise
guide-or-template = eller start fra en mal
guide-step-source = Legg til en kilde for hendelser
guide-step-source-text = En kilde er et nettsted, en app eller et baksystem som sender hendelser med sin egen skrivenøkkel.
guide-new-source = Legg til en kilde
guide-step-event = Motta den første hendelsen
guide-step-event-text = Send én hendelse fra nettstedet eller appen din; Koble til-siden har koden du limer inn.
guide-step-event-count = { $count ->
    [one] Én hendelse har kommet inn.
   *[other] { $count } hendelser har kommet inn.
}
guide-open-connect = Åpne Koble til-siden
guide-waiting-event = Venter på den første hendelsen …
guide-step-survey = Motta det første svaret på en undersøkelse
guide-step-survey-text = Stig har en kort undersøkelsesside for hvert kontaktpunkt med en undersøkelse. Lag en lenke, åpne den og svar, så ser du svaret komme inn.
guide-add-survey = Legg en undersøkelse til et kontaktpunkt
guide-survey-touchpoint = Kontaktpunkt
guide-survey-customer = Kunde-id
guide-survey-customer-hint = (valgfritt)
guide-survey-mint = Lag en undersøkelseslenke
guide-survey-minted = En undersøkelseslenke for kunden «{ $customer }». Åpne den, svar og sjekk igjen:
guide-survey-no-touchpoint = Kontaktpunktet «{ $id }» har ingen undersøkelse.
guide-check-again = Sjekk igjen

# Deleting a source (views/sources.rs).
source-delete = Slett
source-delete-confirm = Slette kilden «{ $name }»? Skrivenøkkelen slutter å virke med en gang; hendelsene den har sendt, blir liggende.
source-deleted = Kilden «{ $name }» er slettet; skrivenøkkelen blir avvist fra nå av.
