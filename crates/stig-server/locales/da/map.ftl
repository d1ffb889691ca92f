# Rejsekortet som lærred, og billeder af personaer.
map-hint = Træk for at flytte · knib eller Ctrl + hjul for at zoome · tasterne + − 0 og pile · klik på et trin for detaljer
map-controls = Kortvisning
map-zoom-out = Zoom ud
map-zoom-in = Zoom ind
map-zoom-level = Zoomniveau
map-fit = Tilpas
map-fit-title = Tilpas kortet til bredden (tast 0)
map-actual-title = Faktisk størrelse (tast 1)
map-fullscreen = Fuld skærm
map-exit-fullscreen = Afslut fuld skærm

persona-picture = Billede
persona-picture-alt = Billede af { $name }
persona-picture-choose = Vælg et billede
persona-picture-hint = PNG, JPEG eller WebP, højst 1 MB. Vises på personakortet, ved følelseskurverne og i kortets signaturforklaring.
persona-picture-upload = Upload billede
persona-picture-remove = Fjern billedet
persona-picture-save-first = Gem personaen først; så kan du tilføje et billede.
persona-picture-too-big = Billedet er { $size } KB; højst { $max } KB accepteres.
persona-picture-not-image = Filen er ikke et PNG-, JPEG- eller WebP-billede.
persona-picture-missing = Vælg en billedfil at uploade.
persona-picture-saved = Billedet er gemt.
persona-picture-removed = Billedet er fjernet.
