# Ditt eget konto (views/account.rs), nya arbetsytor (views/workspaces.rs) och
# kom-igång-guiden (views/guide.rs).

account-title = Ditt konto
account-link = Konto
account-eyebrow = Ditt konto
account-lead = Du är inloggad med rollen { $role }.
account-password-title = Byt lösenord
account-password-lead = Efter bytet är du fortfarande inloggad här; alla andra webbläsare där du är inloggad loggas ut.
account-password-current = Nuvarande lösenord
account-password-new = Nytt lösenord
account-password-hint = (minst { $min } tecken)
account-password-repeat = Nytt lösenord igen
account-password-save = Byt lösenord
account-password-too-short = Det nya lösenordet är för kort: använd minst { $min } tecken.
account-password-mismatch = De två nya lösenorden är inte likadana. Skriv samma lösenord två gånger.
account-password-wrong = Det är inte ditt nuvarande lösenord. Ingenting ändrades.
account-password-changed = Lösenordet är bytt. Andra webbläsare loggades ut.
account-tokens-title = API-nycklar
account-tokens-lead = Med en API-nyckel kan ett skript använda REST-API:et som du, med din roll ({ $role }). En nyckel går inte ut: återkalla den när den inte längre behövs.
account-tokens-none = Du har inga API-nycklar.
account-token-label = Namn
account-token-label-hint = (vad den används till, t.ex. ”nattlig export”)
account-token-label-needed = Ge nyckeln ett namn på högst 100 tecken, så att du känner igen den senare.
account-token-fingerprint = Fingeravtryck
account-token-created-at = Skapad
account-token-last-used = Senast använd
account-token-never = aldrig
account-token-revoke = Återkalla
account-token-revoked = Nyckeln är återkallad; anrop med den avvisas från och med nu.
account-token-not-found = Du har ingen nyckel med det fingeravtrycket; den kan redan vara återkallad.
account-token-new = Ny nyckel
account-token-scope = Nyckeln agerar med din roll ({ $role }) och går inte ut.
account-token-create = Skapa nyckel
account-token-created = Nyckeln ”{ $label }” är skapad
account-token-once = Kopiera den nu: Stig sparar bara en hash av den, så det här är enda gången den visas.
account-token-use = Skicka den i Authorization-huvudet:

ws-new-link = Ny arbetsyta …
ws-new-eyebrow = Administration
ws-new-title = Ny arbetsyta
ws-new-lead = Börja tomt, från en mall eller från journey-as-code-filer du redan har.
ws-new-start = Börja från
ws-new-empty = En tom arbetsyta
ws-new-empty-hint = Inga personas eller resor ännu; guiden på översikten visar vägen.
ws-new-template = En mall
ws-new-template-hint = Ett exempel att anpassa: bara designen, inga kunder eller händelser.
ws-new-template-counts = { $personas ->
        [one] 1 persona
       *[other] { $personas } personas
    }, { $journeys ->
        [one] 1 resa
       *[other] { $journeys } resor
    }, { $touchpoints ->
        [one] 1 kontaktpunkt
       *[other] { $touchpoints } kontaktpunkter
    }
ws-new-zip = En journey-as-code-zip
ws-new-zip-hint = En zip som ”Exportera” eller stig export skriver den (stig.toml, personas/, journeys/ …), högst { $mb } MB. Den kontrolleras som med stig check.
ws-new-name = Namn
ws-new-name-hint = (för en mall eller zip: lämna tomt för att behålla dess eget)
ws-new-id = Id
ws-new-id-hint = (i adresser; skapas av namnet om du inte skriver ett själv)
ws-new-create = Skapa arbetsyta
ws-new-error-name = En tom arbetsyta behöver ett namn.
ws-new-error-template = Välj en av mallarna.
ws-new-error-zip-missing = Välj en zip-fil att ladda upp.
ws-new-error-zip-invalid = Filerna i zip-filen har fel; ingenting skapades. Rätta dessa och ladda upp igen:
ws-new-error-id = ”{ $id }” kan inte vara ett id: använd små bokstäver, siffror, - och _, och börja med en bokstav eller siffra.
ws-new-error-id-taken = Det finns redan en arbetsyta med id ”{ $id }”. Välj ett annat id.
ws-new-created = Arbetsytan ”{ $name }” är skapad.

guide-title = Kom igång
guide-lead = Från en tom arbetsyta till den första händelsen och det första enkätsvaret. Varje steg bockas av när arbetsytan visar att det är gjort.
guide-progress = { $done } av { $total } klara
guide-done = klart
guide-todo = att göra
guide-back = Tillbaka till översikten
guide-step-workspace = Skapa arbetsytan
guide-step-design = Beskriv en persona och en resa
guide-step-design-text = Vilka dina kunder är och resan de gör, steg för steg, med kontaktpunkterna där ni möts.
guide-new-persona = Ny persona
guide-new-journey = Ny resa
guide-or-template = eller börja från en mall
guide-step-source = Lägg till en källa för händelser
guide-step-source-text = En källa är en webbplats, en app eller ett bakomliggande system som skickar händelser med en egen skrivnyckel.
guide-new-source = Lägg till en källa
guide-step-event = Ta emot den första händelsen
guide-step-event-text = Skicka en händelse från din webbplats eller app; sidan Anslut har koden att klistra in.
guide-step-event-count = { $count ->
    [one] En händelse har kommit in.
   *[other] { $count } händelser har kommit in.
}
guide-open-connect = Öppna sidan Anslut
guide-waiting-event = Väntar på den första händelsen …
guide-step-survey = Ta emot det första enkätsvaret
guide-step-survey-text = Stig har en kort enkätsida för varje kontaktpunkt med en enkät. Skapa en länk, öppna den och svara, så ser du svaret komma in.
guide-add-survey = Lägg till en enkät på en kontaktpunkt
guide-survey-touchpoint = Kontaktpunkt
guide-survey-customer = Kund-id
guide-survey-customer-hint = (valfritt)
guide-survey-mint = Skapa en enkätlänk
guide-survey-minted = En enkätlänk för kunden ”{ $customer }”. Öppna den, svara och kontrollera igen:
guide-survey-no-touchpoint = Kontaktpunkten ”{ $id }” har ingen enkät.
guide-check-again = Kontrollera igen

# Deleting a source (views/sources.rs).
source-delete = Ta bort
source-delete-confirm = Ta bort källan ”{ $name }”? Skrivnyckeln slutar fungera direkt; händelserna den har skickat finns kvar.
source-deleted = Källan ”{ $name }” är borttagen; skrivnyckeln avvisas från och med nu.
