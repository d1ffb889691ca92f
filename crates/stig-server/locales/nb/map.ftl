# Reisekartet som lerret, og bilder av personas.
canvas-hint = Dra for å flytte · knip eller Ctrl + hjul for å zoome · tastene + − 0 og piltaster · klikk på et steg for detaljer
canvas-label = Reisekart – dra, knip eller bruk tastene for å flytte og zoome
canvas-controls = Kartvisning
canvas-zoom-out = Zoom ut
canvas-zoom-in = Zoom inn
canvas-zoom-level = Zoomnivå
canvas-fit = Tilpass
canvas-fit-title = Tilpass kartet til bredden (tast 0)
canvas-actual-title = Faktisk størrelse (tast 1)
canvas-fullscreen = Fullskjerm
canvas-exit-fullscreen = Avslutt fullskjerm

photo-heading = Bilde
photo-alt = Bilde av { $name }
photo-choose = Velg et bilde
photo-hint = PNG, JPEG eller WebP, høyst 1 MB. Vises på personakortet, ved følelseskurvene og i kartets tegnforklaring.
photo-upload = Last opp bilde
photo-remove = Fjern bildet
photo-save-first = Lagre personaen først; så kan du legge til et bilde.
photo-too-big = Bildet er { $size } KB; høyst { $max } KB godtas.
photo-not-image = Filen er ikke et PNG-, JPEG- eller WebP-bilde.
photo-missing = Velg en bildefil å laste opp.
photo-saved = Bildet er lagret.
photo-removed = Bildet er fjernet.
