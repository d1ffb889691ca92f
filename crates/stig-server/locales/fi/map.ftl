# Asiakaspolun kartta kankaana ja persoonien kuvat.
canvas-hint = Siirrä vetämällä · zoomaa nipistämällä tai Ctrl + rullalla · näppäimet + − 0 ja nuolet · napsauta vaihetta nähdäksesi sen tiedot
canvas-label = Asiakaspolun kartta – siirrä ja zoomaa vetämällä, nipistämällä tai näppäimillä
canvas-controls = Karttanäkymä
canvas-zoom-out = Loitonna
canvas-zoom-in = Lähennä
canvas-zoom-level = Zoomaustaso
canvas-fit = Sovita
canvas-fit-title = Sovita kartta leveyteen (näppäin 0)
canvas-actual-title = Todellinen koko (näppäin 1)
canvas-fullscreen = Koko näyttö
canvas-exit-fullscreen = Poistu koko näytöstä

photo-heading = Kuva
photo-alt = Kuva: { $name }
photo-choose = Valitse kuva
photo-hint = PNG, JPEG tai WebP, enintään 1 Mt. Näkyy persoonakortissa, tunnekäyrien vieressä ja kartan selitteessä.
photo-upload = Lataa kuva
photo-remove = Poista kuva
photo-save-first = Tallenna persoona ensin; sen jälkeen voit lisätä kuvan.
photo-too-big = Kuva on { $size } kt; enintään { $max } kt hyväksytään.
photo-not-image = Tiedosto ei ole PNG-, JPEG- tai WebP-kuva.
photo-missing = Valitse ladattava kuvatiedosto.
photo-saved = Kuva tallennettu.
photo-removed = Kuva poistettu.
