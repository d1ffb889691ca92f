# Kertakirjautuminen (single sign-on) ja kirjautumisyritysten rajoitus.
login-sso = Kirjaudu palvelulla { $provider }
login-or = tai Stigin käyttäjänimellä ja salasanalla
login-throttled-account = Liian monta epäonnistunutta kirjautumista tälle käyttäjälle. Yritä uudelleen { $minutes } min kuluttua (klo { $time } UTC jälkeen).
login-throttled-address = Liian monta epäonnistunutta kirjautumista verkko-osoitteestasi. Yritä uudelleen { $minutes } min kuluttua (klo { $time } UTC jälkeen).
login-password-off = Salasanalla kirjautuminen on poistettu käytöstä: kirjaudu palvelulla { $provider }.
sso-failed = Kirjautuminen palvelulla { $provider } epäonnistui.
sso-no-role = Kirjauduit palvelulla { $provider }, mutta tililläsi ei ole roolia Stigissä: pyydä ylläpitäjältä käyttöoikeus.
