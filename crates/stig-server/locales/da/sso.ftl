# Single sign-on og begrænsning af loginforsøg.
login-sso = Log ind med { $provider }
login-or = eller med brugernavn og adgangskode i Stig
login-throttled-account = For mange mislykkede logins for denne bruger. Prøv igen om { $minutes } min (efter kl. { $time } UTC).
login-throttled-address = For mange mislykkede logins fra din netværksadresse. Prøv igen om { $minutes } min (efter kl. { $time } UTC).
login-password-off = Login med adgangskode er slået fra her: log ind med { $provider }.
sso-failed = Login med { $provider } mislykkedes.
sso-no-role = Du loggede ind med { $provider }, men din konto der har ingen rolle i Stig: bed en administrator om adgang.
