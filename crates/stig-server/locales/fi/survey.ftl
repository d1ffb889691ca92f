# Kyselyt (suomi): julkinen sivu, jolla asiakas vastaa kohtaamispisteen kysymykseen.
survey-title = Palautteesi
survey-powered-by = Kysely: Stig
survey-nps-low = En lainkaan todennäköisesti
survey-nps-high = Erittäin todennäköisesti
survey-csat-low = Erittäin tyytymätön
survey-csat-high = Erittäin tyytyväinen
survey-ces-low = Erittäin vaikeaa
survey-ces-high = Erittäin helppoa
survey-comment = Haluatko lisätä jotain?
survey-optional = (vapaaehtoinen)
survey-submit = Lähetä vastaukseni
survey-expires = Tämä linkki toimii { $date } asti: kyselylinkit vanhenevat { $days } päivän kuluttua lähettämisestä.
survey-error-score = Valitse luku väliltä { $low }–{ $high }.
survey-error-comment = Kommentti on liian pitkä: enintään { $max } merkkiä, kiitos.
survey-thanks-title = Kiitos!
survey-thanks-body = Vastauksesi on vastaanotettu. Voit nyt sulkea tämän sivun.
survey-answered-title = Jo vastattu
survey-answered-body = Tähän kyselyyn on jo vastattu – kiitos! Kuhunkin linkkiin voi vastata kerran.
survey-invalid-title = Tämä linkki ei toimi
survey-invalid-body = Kyselyn linkki on vajaa tai sitä on muutettu. Avaa se uudelleen saamastasi viestistä täsmälleen sellaisena kuin se lähetettiin.
survey-expired-title = Tämä linkki on vanhentunut
survey-expired-body = Kyselyihin voi vastata { $days } päivän ajan linkin lähettämisestä, ja tämä linkki on sitä vanhempi.
survey-gone-title = Tämä kysely on päättynyt
survey-gone-body = Kysymystä, johon linkki johtaa, ei enää kysytä. Kiitos, että halusit vastata.
survey-busy-title = Hetkinen
survey-busy-body = Yhteydestäsi on tullut lyhyessä ajassa paljon pyyntöjä. Odota hetki ja yritä uudelleen.
survey-failed-title = Jotain meni vikaan
survey-failed-body = Emme pystyneet vastaanottamaan vastaustasi juuri nyt. Yritä hetken kuluttua uudelleen.

# The invitation a business moment emails (plain text).
survey-invite-subject = Millainen oli { $touchpoint }?
survey-invite-body =
    Hei! Kohtasit hiljattain kohteen { $touchpoint } ({ $workspace }). Kertoisitko, miten meni? Se vie puoli minuuttia:

    { $link }

    Linkki on vain sinun ja toimii 90 päivää.
