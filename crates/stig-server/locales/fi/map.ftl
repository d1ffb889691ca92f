# Asiakaspolun kartta kankaana ja persoonien kuvat.
map-hint = Siirrä vetämällä · zoomaa nipistämällä tai Ctrl + rullalla · näppäimet + − 0 ja nuolet · napsauta vaihetta nähdäksesi sen tiedot
map-controls = Karttanäkymä
map-zoom-out = Loitonna
map-zoom-in = Lähennä
map-zoom-level = Zoomaustaso
map-fit = Sovita
map-fit-title = Sovita kartta leveyteen (näppäin 0)
map-actual-title = Todellinen koko (näppäin 1)
map-fullscreen = Koko näyttö
map-exit-fullscreen = Poistu koko näytöstä

persona-picture = Kuva
persona-picture-alt = Kuva: { $name }
persona-picture-choose = Valitse kuva
persona-picture-hint = PNG, JPEG tai WebP, enintään 1 Mt. Näkyy persoonakortissa, tunnekäyrien vieressä ja kartan selitteessä.
persona-picture-upload = Lataa kuva
persona-picture-remove = Poista kuva
persona-picture-save-first = Tallenna persoona ensin; sen jälkeen voit lisätä kuvan.
persona-picture-too-big = Kuva on { $size } kt; enintään { $max } kt hyväksytään.
persona-picture-not-image = Tiedosto ei ole PNG-, JPEG- tai WebP-kuva.
persona-picture-missing = Valitse ladattava kuvatiedosto.
persona-picture-saved = Kuva tallennettu.
persona-picture-removed = Kuva poistettu.
