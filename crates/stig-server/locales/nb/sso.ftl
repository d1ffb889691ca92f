# Enkel pålogging (single sign-on) og begrensning av innloggingsforsøk.
login-sso = Logg inn med { $provider }
login-or = eller med brukernavn og passord i Stig
login-throttled-account = For mange mislykkede innlogginger for denne brukeren. Prøv igjen om { $minutes } min (etter kl. { $time } UTC).
login-throttled-address = For mange mislykkede innlogginger fra nettverksadressen din. Prøv igjen om { $minutes } min (etter kl. { $time } UTC).
login-password-off = Innlogging med passord er slått av her: logg inn med { $provider }.
sso-failed = Innloggingen med { $provider } mislyktes.
sso-no-role = Du logget inn med { $provider }, men kontoen din der har ingen rolle i Stig: be en administrator om tilgang.
