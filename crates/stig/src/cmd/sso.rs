//! `stig serve`'s sign-in settings: single sign-on through an OpenID Connect provider
//! (`--oidc-*`, the client secret from `STIG_OIDC_CLIENT_SECRET` only, never logged) and the
//! login throttle (`--login-*`), checked and put into the server's `Config`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use stig_server::auth::oidc::{Oidc, OidcSettings, RoleMapping, redirect_uri};
use stig_server::auth::throttle::ThrottleConfig;

use crate::cli::SignInOptions;

/// Puts the sign-in settings into `state`'s config. The redirect URI is derived from the
/// public URL the config already holds. A provider that cannot be reached now is logged, not
/// fatal: it may come up after Stig; sign-ins fail with a clear page meanwhile.
pub async fn apply(state: &mut stig_server::AppState, o: &SignInOptions) -> anyhow::Result<()> {
    let mut config = (*state.config).clone();
    config.login_throttle = ThrottleConfig {
        max_per_account: o.login_max_failures,
        max_per_address: o.login_max_failures_per_address,
        window: Duration::from_secs(o.login_window_secs.max(1)),
    };
    let public_url = config
        .public_url
        .clone()
        .context("single sign-on needs the server's public URL")?;
    config.oidc = settings(o, &public_url)?
        .map(|s| Oidc::new(s).map(Arc::new).map_err(anyhow::Error::msg))
        .transpose()?;
    config.sso_only = o.sso_only;
    if let Some(oidc) = &config.oidc {
        let s = oidc.settings();
        match oidc.check().await {
            Ok(()) => println!(
                "Single sign-on with {} ({}); register the redirect URI {} there{}",
                s.name,
                s.issuer,
                s.redirect_uri,
                if o.sso_only {
                    "; password sign-in is off"
                } else {
                    ""
                }
            ),
            Err(e) => tracing::warn!(
                issuer = %s.issuer,
                error = %e,
                "the single sign-on provider cannot be read now; sign-ins through it fail until it can"
            ),
        }
    }
    state.config = Arc::new(config);
    Ok(())
}

/// The provider settings, or `None` without `--oidc-issuer`; every flag checked here.
fn settings(o: &SignInOptions, public_url: &str) -> anyhow::Result<Option<OidcSettings>> {
    let Some(issuer) = o
        .oidc_issuer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        if o.sso_only {
            bail!("--sso-only needs a provider to sign in with: set --oidc-issuer");
        }
        return Ok(None);
    };
    let lower = issuer.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        bail!("--oidc-issuer {issuer:?}: must start with https:// (or http:// on a test bench)");
    }
    let client_id = o
        .oidc_client_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .context("--oidc-client-id is needed with --oidc-issuer")?;
    let roles: RoleMapping = o
        .oidc_roles
        .as_deref()
        .context(
            "--oidc-roles is needed with --oidc-issuer, e.g. `stig-admins=admin,stig-editors=editor` \
             (add `*=viewer` to let every account of the provider in as a viewer)",
        )?
        .parse()
        .map_err(|e| anyhow::anyhow!("--oidc-roles: {e}"))?;
    let secret = std::env::var("STIG_OIDC_CLIENT_SECRET")
        .ok()
        .filter(|s| !s.is_empty());
    let name = o
        .oidc_name
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| host_of(issuer));
    Ok(Some(OidcSettings {
        issuer: issuer.to_owned(),
        client_id: client_id.to_owned(),
        client_secret: secret,
        scopes: o.oidc_scopes.clone(),
        role_claim: o.oidc_role_claim.clone(),
        roles,
        name,
        redirect_uri: redirect_uri(public_url),
    }))
}

/// `https://login.example.com/realms/x` → `login.example.com`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> SignInOptions {
        SignInOptions {
            oidc_issuer: Some("https://login.example.com/realms/cx".into()),
            oidc_client_id: Some("stig".into()),
            oidc_scopes: "openid profile email".into(),
            oidc_role_claim: "groups".into(),
            oidc_roles: Some("stig-editors=editor,*=viewer".into()),
            oidc_name: None,
            sso_only: false,
            login_max_failures: 5,
            login_max_failures_per_address: 20,
            login_window_secs: 900,
        }
    }

    #[test]
    fn settings_are_checked_and_the_redirect_uri_follows_the_public_url() {
        let s = settings(&options(), "https://stig.example.com")
            .expect("valid")
            .expect("configured");
        assert_eq!(
            s.redirect_uri,
            "https://stig.example.com/login/sso/callback"
        );
        assert_eq!(s.name, "login.example.com");
        let err = |o: SignInOptions| {
            settings(&o, "https://stig.example.com")
                .expect_err("bad")
                .to_string()
        };
        assert!(
            err(SignInOptions {
                oidc_roles: None,
                ..options()
            })
            .contains("--oidc-roles is needed")
        );
        assert!(
            err(SignInOptions {
                oidc_client_id: None,
                ..options()
            })
            .contains("--oidc-client-id")
        );
        assert!(
            err(SignInOptions {
                oidc_roles: Some("x=boss".into()),
                ..options()
            })
            .contains("`boss` is not a role")
        );
        assert!(
            err(SignInOptions {
                oidc_issuer: Some("login.example.com".into()),
                ..options()
            })
            .contains("https://")
        );
        assert!(
            err(SignInOptions {
                oidc_issuer: None,
                sso_only: true,
                ..options()
            })
            .contains("--sso-only needs a provider")
        );
        assert!(
            settings(
                &SignInOptions {
                    oidc_issuer: None,
                    ..options()
                },
                "http://x"
            )
            .expect("ok")
            .is_none()
        );
    }
}
