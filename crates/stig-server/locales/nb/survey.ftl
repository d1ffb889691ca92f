# Spørreundersøkelser (norsk bokmål): den åpne siden der en kunde svarer på et kontaktpunkts spørsmål.
survey-title = Din tilbakemelding
survey-powered-by = Undersøkelse fra Stig
survey-nps-low = Svært lite sannsynlig
survey-nps-high = Svært sannsynlig
survey-csat-low = Svært misfornøyd
survey-csat-high = Svært fornøyd
survey-ces-low = Svært vanskelig
survey-ces-high = Svært enkelt
survey-comment = Er det noe du vil legge til?
survey-optional = (valgfritt)
survey-submit = Send svaret mitt
survey-expires = Denne lenken virker til { $date }: lenker til undersøkelser utløper { $days } dager etter at de er sendt.
survey-error-score = Velg et tall fra { $low } til { $high }.
survey-error-comment = Kommentaren er for lang: høyst { $max } tegn, takk.
survey-thanks-title = Tusen takk!
survey-thanks-body = Vi har mottatt svaret ditt. Du kan lukke denne siden nå.
survey-answered-title = Allerede besvart
survey-answered-body = Denne undersøkelsen er allerede besvart – takk! Hver lenke kan besvares én gang.
survey-invalid-title = Denne lenken virker ikke
survey-invalid-body = Lenken til undersøkelsen er ufullstendig eller endret. Åpne den på nytt fra meldingen du fikk, nøyaktig slik den ble sendt.
survey-expired-title = Denne lenken er utløpt
survey-expired-body = Undersøkelser kan besvares i { $days } dager etter at lenken er sendt, og denne er eldre enn det.
survey-gone-title = Denne undersøkelsen er avsluttet
survey-gone-body = Spørsmålet denne lenken fører til, stilles ikke lenger. Takk for at du ville svare.
survey-busy-title = Et øyeblikk
survey-busy-body = Vi har fått mange forespørsler fra tilkoblingen din på kort tid. Vent et minutt og prøv igjen.
survey-failed-title = Noe gikk galt
survey-failed-body = Vi kunne ikke ta imot svaret ditt akkurat nå. Prøv igjen om litt.

# The invitation a business moment emails (plain text).
survey-invite-subject = Hvordan var { $touchpoint }?
survey-invite-body =
    Hei! Du møtte nylig { $touchpoint } hos { $workspace }. Vil du fortelle oss hvordan det gikk? Det tar et halvt minutt:

    { $link }

    Lenken er din alene og virker i 90 dager.
