# Periodevalg, sammenligninger og uferdige perioder på innsiktssidene.
insight-period = Periode
insight-period-all = Hele tiden
insight-period-30d = Siste 30 dager
insight-period-quarter = Forrige kvartal
insight-period-ytd = Hittil i år
insight-period-custom = Egendefinert (fra – til)
insight-period-range-compared = { $period }, sammenlignet med { $compared }
insight-compare = Sammenlign med
insight-compare-previous = Forrige periode
insight-compare-year = Samme periode i fjor
insight-change-previous = { $change } mot forrige periode
insight-change-year = { $change } mot samme periode i fjor
insight-change-before = Da: { $value }
insight-partial = uferdig
insight-partial-how = Denne måneden er ikke over ennå: tallene gjelder så langt.
insight-total = Totalt
insight-net-12 = Netto vekst, siste 12 måneder
insight-acquired-churned-period = vunnet / tapt i perioden
insight-net-how = Netto vekst = vunnet + kom tilbake − tapt. Alle tall på siden telles likt: flisene er tabellens summer, og diagrammet viser hver måned i tabellen.
insight-paths-others = Andre: { $paths } veier, { $runs } gjennomløp
