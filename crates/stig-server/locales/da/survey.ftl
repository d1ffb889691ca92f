# Spørgeskemaer (dansk): den åbne side, hvor en kunde svarer på et kontaktpunkts spørgsmål.
survey-title = Din feedback
survey-powered-by = Undersøgelse fra Stig
survey-nps-low = Slet ikke sandsynligt
survey-nps-high = Meget sandsynligt
survey-csat-low = Meget utilfreds
survey-csat-high = Meget tilfreds
survey-ces-low = Meget svært
survey-ces-high = Meget nemt
survey-comment = Er der noget, du vil tilføje?
survey-optional = (valgfrit)
survey-submit = Send mit svar
survey-expires = Dette link virker indtil { $date }: links til undersøgelser udløber { $days } dage efter, at de er sendt.
survey-error-score = Vælg et tal fra { $low } til { $high }.
survey-error-comment = Kommentaren er for lang: højst { $max } tegn, tak.
survey-thanks-title = Mange tak!
survey-thanks-body = Vi har modtaget dit svar. Du kan lukke siden nu.
survey-answered-title = Allerede besvaret
survey-answered-body = Denne undersøgelse er allerede besvaret – tak! Hvert link kan besvares én gang.
survey-invalid-title = Dette link virker ikke
survey-invalid-body = Linket til undersøgelsen er ufuldstændigt eller ændret. Åbn det igen fra den besked, du fik, præcis som det blev sendt.
survey-expired-title = Dette link er udløbet
survey-expired-body = Undersøgelser kan besvares i { $days } dage efter, at linket er sendt, og dette er ældre end det.
survey-gone-title = Denne undersøgelse er lukket
survey-gone-body = Spørgsmålet, som linket fører til, stilles ikke længere. Tak, fordi du ville svare.
survey-busy-title = Et øjeblik
survey-busy-body = Vi har fået mange forespørgsler fra din forbindelse på kort tid. Vent et minut, og prøv igen.
survey-failed-title = Noget gik galt
survey-failed-body = Vi kunne ikke modtage dit svar lige nu. Prøv igen om lidt.

# The invitation a business moment emails (plain text).
survey-invite-subject = Hvordan var { $touchpoint }?
survey-invite-body =
    Hej! Du mødte for nylig { $touchpoint } hos { $workspace }. Vil du fortælle os, hvordan det gik? Det tager et halvt minut:

    { $link }

    Linket er kun dit og virker i 90 dage.
