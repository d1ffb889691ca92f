# Rejsekortet som lærred, og billeder af personaer.
canvas-hint = Træk for at flytte · knib eller Ctrl + hjul for at zoome · tasterne + − 0 og pile · klik på et trin for detaljer
canvas-label = Rejsekort – træk, knib eller brug tasterne for at flytte og zoome
canvas-controls = Kortvisning
canvas-zoom-out = Zoom ud
canvas-zoom-in = Zoom ind
canvas-zoom-level = Zoomniveau
canvas-fit = Tilpas
canvas-fit-title = Tilpas kortet til bredden (tast 0)
canvas-actual-title = Faktisk størrelse (tast 1)
canvas-fullscreen = Fuld skærm
canvas-exit-fullscreen = Afslut fuld skærm

photo-heading = Billede
photo-alt = Billede af { $name }
photo-choose = Vælg et billede
photo-hint = PNG, JPEG eller WebP, højst 1 MB. Vises på personakortet, ved følelseskurverne og i kortets signaturforklaring.
photo-upload = Upload billede
photo-remove = Fjern billedet
photo-save-first = Gem personaen først; så kan du tilføje et billede.
photo-too-big = Billedet er { $size } KB; højst { $max } KB accepteres.
photo-not-image = Filen er ikke et PNG-, JPEG- eller WebP-billede.
photo-missing = Vælg en billedfil at uploade.
photo-saved = Billedet er gemt.
photo-removed = Billedet er fjernet.
