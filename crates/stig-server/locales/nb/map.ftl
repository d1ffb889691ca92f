# Reisekartet som lerret, og bilder av personas.
map-hint = Dra for å flytte · knip eller Ctrl + hjul for å zoome · tastene + − 0 og piltaster · klikk på et steg for detaljer
map-controls = Kartvisning
map-zoom-out = Zoom ut
map-zoom-in = Zoom inn
map-zoom-level = Zoomnivå
map-fit = Tilpass
map-fit-title = Tilpass kartet til bredden (tast 0)
map-actual-title = Faktisk størrelse (tast 1)
map-fullscreen = Fullskjerm
map-exit-fullscreen = Avslutt fullskjerm

persona-picture = Bilde
persona-picture-alt = Bilde av { $name }
persona-picture-choose = Velg et bilde
persona-picture-hint = PNG, JPEG eller WebP, høyst 1 MB. Vises på personakortet, ved følelseskurvene og i kartets tegnforklaring.
persona-picture-upload = Last opp bilde
persona-picture-remove = Fjern bildet
persona-picture-save-first = Lagre personaen først; så kan du legge til et bilde.
persona-picture-too-big = Bildet er { $size } KB; høyst { $max } KB godtas.
persona-picture-not-image = Filen er ikke et PNG-, JPEG- eller WebP-bilde.
persona-picture-missing = Velg en bildefil å laste opp.
persona-picture-saved = Bildet er lagret.
persona-picture-removed = Bildet er fjernet.
