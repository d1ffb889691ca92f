# Din egen konto (views/account.rs), nye arbejdsområder (views/workspaces.rs) og
# kom-i-gang-guiden (views/guide.rs).

account-title = Din konto
account-link = Konto
account-eyebrow = Din konto
account-lead = Du er logget ind med rollen { $role }.
account-password-title = Skift adgangskode
account-password-lead = Efter skiftet er du stadig logget ind her; alle andre browsere, hvor du er logget ind, bliver logget ud.
account-password-current = Nuværende adgangskode
account-password-new = Ny adgangskode
account-password-hint = (mindst { $min } tegn)
account-password-repeat = Ny adgangskode igen
account-password-save = Skift adgangskode
account-password-too-short = Den nye adgangskode er for kort: brug mindst { $min } tegn.
account-password-mismatch = De to nye adgangskoder er ikke ens. Skriv den samme adgangskode to gange.
account-password-wrong = Det er ikke din nuværende adgangskode. Intet blev ændret.
account-password-changed = Din adgangskode er skiftet. Andre browsere blev logget ud.
account-tokens-title = API-nøgler
account-tokens-lead = Med en API-nøgle kan et script bruge REST-API'et som dig, med din rolle ({ $role }). En nøgle udløber ikke: tilbagekald den, når den ikke længere skal bruges.
account-tokens-none = Du har ingen API-nøgler.
account-token-label = Navn
account-token-label-hint = (hvad den bruges til, f.eks. "natlig eksport")
account-token-label-needed = Giv nøglen et navn på højst 100 tegn, så du kan kende den igen senere.
account-token-fingerprint = Fingeraftryk
account-token-created-at = Oprettet
account-token-last-used = Sidst brugt
account-token-never = aldrig
account-token-revoke = Tilbagekald
account-token-revoked = Nøglen er tilbagekaldt; kald med den afvises fra nu af.
account-token-not-found = Du har ingen nøgle med det fingeraftryk; den er måske allerede tilbagekaldt.
account-token-new = Ny nøgle
account-token-scope = Nøglen handler med din rolle ({ $role }) og udløber ikke.
account-token-create = Opret nøgle
account-token-created = Nøglen "{ $label }" er oprettet
account-token-once = Kopiér den nu: Stig gemmer kun en hash af den, så det er den eneste gang, den vises.
account-token-use = Send den i Authorization-headeren:

ws-new-link = Nyt arbejdsområde …
ws-new-eyebrow = Administration
ws-new-title = Nyt arbejdsområde
ws-new-lead = Start tomt, fra en skabelon eller fra journey-as-code-filer, du allerede har.
ws-new-start = Start fra
ws-new-empty = Et tomt arbejdsområde
ws-new-empty-hint = Ingen personas eller rejser endnu; guiden på oversigten viser vejen.
ws-new-template = En skabelon
ws-new-template-hint = Et eksempel at tilpasse: kun designet, ingen kunder eller hændelser.
ws-new-template-counts = { $personas ->
        [one] 1 persona
       *[other] { $personas } personas
    }, { $journeys ->
        [one] 1 rejse
       *[other] { $journeys } rejser
    }, { $touchpoints ->
        [one] 1 kontaktpunkt
       *[other] { $touchpoints } kontaktpunkter
    }
ws-new-zip = En journey-as-code-zip
ws-new-zip-hint = En zip, som "Eksportér" eller stig export skriver den (stig.toml, personas/, journeys/ …), højst { $mb } MB. Den tjekkes som med stig check.
ws-new-name = Navn
ws-new-name-hint = (for en skabelon eller zip: lad feltet stå tomt for at beholde dens eget)
ws-new-id = Id
ws-new-id-hint = (i adresser; dannes af navnet, medmindre du selv skriver et)
ws-new-create = Opret arbejdsområde
ws-new-error-name = Et tomt arbejdsområde skal have et navn.
ws-new-error-template = Vælg en af skabelonerne.
ws-new-error-zip-missing = Vælg en zip-fil at uploade.
ws-new-error-zip-invalid = Filerne i zip-filen har fejl; intet blev oprettet. Ret disse, og upload igen:
ws-new-error-id = "{ $id }" kan ikke være et id: brug små bogstaver, cifre, - og _, og start med et bogstav eller et ciffer.
ws-new-error-id-taken = Der findes allerede et arbejdsområde med id'et "{ $id }". Vælg et andet id.
ws-new-created = Arbejdsområdet "{ $name }" er oprettet.

guide-title = Kom i gang
guide-lead = Fra et tomt arbejdsområde til den første hændelse og det første svar på en undersøgelse. Hvert trin krydses af, når arbejdsområdet viser, at det er gjort.
guide-progress = { $done } af { $total } gjort
guide-done = gjort
guide-todo = mangler
guide-back = Tilbage til oversigten
guide-step-workspace = Opret arbejdsområdet
guide-step-design = Beskriv en persona og en rejse
guide-step-design-text = Hvem dine kunder er, og den rejse de tager, trin for trin, med de kontaktpunkter, hvor I mødes.
guide-new-persona = Ny persona
guide-new-journey = Ny rejse
guide-or-template = eller start fra en skabelon
guide-step-source = Tilføj en kilde til hændelser
guide-step-source-text = En kilde er et websted, en app eller et backoffice-system, der sender hændelser med sin egen skrivenøgle.
guide-new-source = Tilføj en kilde
guide-step-event = Modtag den første hændelse
guide-step-event-text = Send én hændelse fra dit websted eller din app; siden Forbind har koden, du skal indsætte.
guide-step-event-count = { $count ->
    [one] Én hændelse er kommet ind.
   *[other] { $count } hændelser er kommet ind.
}
guide-open-connect = Åbn siden Forbind
guide-waiting-event = Venter på den første hændelse …
guide-step-survey = Modtag det første svar på en undersøgelse
guide-step-survey-text = Stig har en kort undersøgelsesside for hvert kontaktpunkt med en undersøgelse. Lav et link, åbn det og svar, så ser du svaret komme ind.
guide-add-survey = Tilføj en undersøgelse til et kontaktpunkt
guide-survey-touchpoint = Kontaktpunkt
guide-survey-customer = Kunde-id
guide-survey-customer-hint = (valgfrit)
guide-survey-mint = Lav et undersøgelseslink
guide-survey-minted = Et undersøgelseslink til kunden "{ $customer }". Åbn det, svar, og tjek igen:
guide-survey-no-touchpoint = Kontaktpunktet "{ $id }" har ingen undersøgelse.
guide-check-again = Tjek igen

# Deleting a source (views/sources.rs).
source-delete = Slet
source-delete-confirm = Slet kilden "{ $name }"? Skrivenøglen holder op med at virke med det samme; de hændelser, den har sendt, bliver.
source-deleted = Kilden "{ $name }" er slettet; skrivenøglen afvises fra nu af.
