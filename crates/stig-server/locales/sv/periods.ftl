# Periodval, jämförelser och ofullständiga perioder på insiktssidorna.
insight-period = Period
insight-period-all = Hela tiden
insight-period-30d = Senaste 30 dagarna
insight-period-quarter = Förra kvartalet
insight-period-ytd = Hittills i år
insight-period-custom = Eget (från – till)
insight-period-range-compared = { $period }, jämfört med { $compared }
insight-compare = Jämför med
insight-compare-previous = Föregående period
insight-compare-year = Samma period i fjol
insight-change-previous = { $change } mot föregående period
insight-change-year = { $change } mot samma period i fjol
insight-change-before = Då: { $value }
insight-partial = ofullständig
insight-partial-how = Månaden är inte slut än: siffrorna gäller hittills.
insight-total = Totalt
insight-net-12 = Nettotillväxt, senaste 12 månaderna
insight-acquired-churned-period = vunna / förlorade under perioden
insight-net-how = Nettotillväxt = vunna + kom tillbaka − förlorade. Alla siffror på sidan räknas likadant: rutorna är tabellens summor och diagrammet visar varje månad i tabellen.
insight-paths-others = Övriga: { $paths } vägar, { $runs } genomgångar
