# Periodevalg, sammenligninger og ufærdige perioder på indsigtssiderne.
insight-period = Periode
insight-period-all = Hele perioden
insight-period-30d = Seneste 30 dage
insight-period-quarter = Sidste kvartal
insight-period-ytd = År til dato
insight-period-custom = Tilpasset (fra – til)
insight-period-range-compared = { $period }, sammenlignet med { $compared }
insight-compare = Sammenlign med
insight-compare-previous = Forrige periode
insight-compare-year = Samme periode sidste år
insight-change-previous = { $change } i forhold til forrige periode
insight-change-year = { $change } i forhold til samme periode sidste år
insight-change-before = Dengang: { $value }
insight-partial = ufærdig
insight-partial-how = Måneden er ikke slut endnu: tallene gælder indtil nu.
insight-total = I alt
insight-net-12 = Nettovækst, seneste 12 måneder
insight-acquired-churned-period = vundet / tabt i perioden
insight-net-how = Nettovækst = vundet + kom tilbage − tabt. Alle tal på siden tælles ens: felterne er tabellens summer, og diagrammet viser hver måned i tabellen.
insight-paths-others = Øvrige: { $paths } veje, { $runs } forløb
