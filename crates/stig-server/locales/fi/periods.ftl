# Jaksovalinnat, vertailut ja keskeneräiset jaksot oivallussivuilla.
insight-period = Jakso
insight-period-all = Koko aika
insight-period-30d = Viimeiset 30 päivää
insight-period-quarter = Edellinen vuosineljännes
insight-period-ytd = Vuoden alusta
insight-period-custom = Oma (alkaen – asti)
insight-period-range-compared = { $period }, verrattuna jaksoon { $compared }
insight-compare = Vertaa
insight-compare-previous = Edelliseen jaksoon
insight-compare-year = Samaan jaksoon viime vuonna
insight-change-previous = { $change } edelliseen jaksoon verrattuna
insight-change-year = { $change } viime vuoden samaan jaksoon verrattuna
insight-change-before = Silloin: { $value }
insight-partial = kesken
insight-partial-how = Kuukausi ei ole vielä päättynyt: luvut ovat tähänastisia.
insight-total = Yhteensä
insight-net-12 = Nettokasvu, viimeiset 12 kuukautta
insight-acquired-churned-period = hankittu / menetetty jaksolla
insight-net-how = Nettokasvu = hankitut + palasivat − menetetyt. Sivun kaikki luvut lasketaan samoin: ruudut ovat taulukon summia, ja kaavio näyttää taulukon jokaisen kuukauden.
insight-paths-others = Muut: { $paths } polkua, { $runs } kulkua
