# Resekartan som duk, och bilder på personas.
map-hint = Dra för att flytta · nyp eller Ctrl + hjul för att zooma · tangenterna + − 0 och pilar · klicka på ett steg för detaljer
map-controls = Kartvy
map-zoom-out = Zooma ut
map-zoom-in = Zooma in
map-zoom-level = Zoomnivå
map-fit = Anpassa
map-fit-title = Anpassa kartan till bredden (tangent 0)
map-actual-title = Verklig storlek (tangent 1)
map-fullscreen = Helskärm
map-exit-fullscreen = Avsluta helskärm

persona-picture = Bild
persona-picture-alt = Bild på { $name }
persona-picture-choose = Välj en bild
persona-picture-hint = PNG, JPEG eller WebP, högst 1 MB. Visas på personakortet, vid känslokurvorna och i kartans teckenförklaring.
persona-picture-upload = Ladda upp bild
persona-picture-remove = Ta bort bilden
persona-picture-save-first = Spara personan först; sedan kan du lägga till en bild.
persona-picture-too-big = Bilden är { $size } KB; högst { $max } KB godtas.
persona-picture-not-image = Filen är inte en PNG-, JPEG- eller WebP-bild.
persona-picture-missing = Välj en bildfil att ladda upp.
persona-picture-saved = Bilden är sparad.
persona-picture-removed = Bilden är borttagen.
