# Enkäter (svenska): den öppna sidan där en kund svarar på en kontaktpunkts fråga.
survey-title = Din återkoppling
survey-powered-by = Enkät från Stig
survey-nps-low = Inte alls troligt
survey-nps-high = Mycket troligt
survey-csat-low = Mycket missnöjd
survey-csat-high = Mycket nöjd
survey-ces-low = Mycket svårt
survey-ces-high = Mycket enkelt
survey-comment = Vill du lägga till något?
survey-optional = (valfritt)
survey-submit = Skicka mitt svar
survey-expires = Den här länken fungerar till { $date }: enkätlänkar slutar gälla { $days } dagar efter att de skickats.
survey-error-score = Välj ett tal från { $low } till { $high }.
survey-error-comment = Kommentaren är för lång: högst { $max } tecken, tack.
survey-thanks-title = Tack så mycket!
survey-thanks-body = Vi har tagit emot ditt svar. Du kan stänga sidan nu.
survey-answered-title = Redan besvarad
survey-answered-body = Den här enkäten är redan besvarad – tack! Varje länk kan besvaras en gång.
survey-invalid-title = Den här länken fungerar inte
survey-invalid-body = Enkätlänken är ofullständig eller har ändrats. Öppna den igen från meddelandet du fick, precis som den skickades.
survey-expired-title = Den här länken har slutat gälla
survey-expired-body = Enkäter kan besvaras i { $days } dagar efter att länken skickats, och den här är äldre än så.
survey-gone-title = Den här enkäten är stängd
survey-gone-body = Frågan som länken leder till ställs inte längre. Tack för att du ville svara.
survey-busy-title = Ett ögonblick
survey-busy-body = Vi har fått många förfrågningar från din anslutning på kort tid. Vänta en minut och försök igen.
survey-failed-title = Något gick fel
survey-failed-body = Vi kunde inte ta emot ditt svar just nu. Försök igen om en stund.

# The invitation a business moment emails (plain text).
survey-invite-subject = Hur var { $touchpoint }?
survey-invite-body =
    Hej! Du mötte nyligen { $touchpoint } hos { $workspace }. Vill du berätta hur det gick? Det tar en halv minut:

    { $link }

    Länken är bara din och fungerar i 90 dagar.
