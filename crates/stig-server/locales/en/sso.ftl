# Single sign-on and login throttling.
login-sso = Sign in with { $provider }
login-or = or with your Stig user name and password
login-throttled-account = Too many failed sign-ins for this user. Try again in { $minutes } min (after { $time } UTC).
login-throttled-address = Too many failed sign-ins from your network address. Try again in { $minutes } min (after { $time } UTC).
login-password-off = Password sign-in is turned off here: sign in with { $provider }.
sso-failed = Signing in with { $provider } did not work.
sso-no-role = You signed in with { $provider }, but your account there has no role in Stig: ask an administrator to give you access.
