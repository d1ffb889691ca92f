# Enkel inloggning (single sign-on) och begränsning av inloggningsförsök.
login-sso = Logga in med { $provider }
login-or = eller med användarnamn och lösenord i Stig
login-throttled-account = För många misslyckade inloggningar för den här användaren. Försök igen om { $minutes } min (efter kl. { $time } UTC).
login-throttled-address = För många misslyckade inloggningar från din nätverksadress. Försök igen om { $minutes } min (efter kl. { $time } UTC).
login-password-off = Inloggning med lösenord är avstängd här: logga in med { $provider }.
sso-failed = Inloggningen med { $provider } misslyckades.
sso-no-role = Du loggade in med { $provider }, men ditt konto där har ingen roll i Stig: be en administratör om åtkomst.
