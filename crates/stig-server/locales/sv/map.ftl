# Resekartan som duk, och bilder på personas.
canvas-hint = Dra för att flytta · nyp eller Ctrl + hjul för att zooma · tangenterna + − 0 och pilar · klicka på ett steg för detaljer
canvas-label = Resekarta – dra, nyp eller använd tangenterna för att flytta och zooma
canvas-controls = Kartvy
canvas-zoom-out = Zooma ut
canvas-zoom-in = Zooma in
canvas-zoom-level = Zoomnivå
canvas-fit = Anpassa
canvas-fit-title = Anpassa kartan till bredden (tangent 0)
canvas-actual-title = Verklig storlek (tangent 1)
canvas-fullscreen = Helskärm
canvas-exit-fullscreen = Avsluta helskärm

photo-heading = Bild
photo-alt = Bild på { $name }
photo-choose = Välj en bild
photo-hint = PNG, JPEG eller WebP, högst 1 MB. Visas på personakortet, vid känslokurvorna och i kartans teckenförklaring.
photo-upload = Ladda upp bild
photo-remove = Ta bort bilden
photo-save-first = Spara personan först; sedan kan du lägga till en bild.
photo-too-big = Bilden är { $size } KB; högst { $max } KB godtas.
photo-not-image = Filen är inte en PNG-, JPEG- eller WebP-bild.
photo-missing = Välj en bildfil att ladda upp.
photo-saved = Bilden är sparad.
photo-removed = Bilden är borttagen.
