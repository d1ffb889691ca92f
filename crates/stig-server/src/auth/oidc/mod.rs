//! Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256), `state`
//! and `nonce`, the provider found by discovery, the ID token verified against its keys
//! (`id_token.rs`), the person's claims completed from userinfo, and the Stig role taken from
//! a claim through a mapping (`roles.rs`). The pages (`/login/sso`, its callback) and the
//! users made at a first sign-in are `ui/sso.rs`'s.
//!
//! Nothing of a sign-in in progress is kept on the server: `state`, `nonce` and the PKCE
//! verifier travel in an HttpOnly cookie of the browser that started it ([`Pending`]), so any
//! node of an installation can finish it. The client secret is never logged or shown.

mod id_token;
mod provider;
pub mod roles;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::Jwk;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};
use stig_store::{ExternalIdentity, Role};

pub use roles::{BadMapping, RoleMapping};

use provider::Metadata;

/// How long discovery and keys are trusted before they are read again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// `stig serve`'s single sign-on settings.
#[derive(Clone)]
pub struct OidcSettings {
    /// The provider's issuer URL, exactly as its discovery document names itself.
    pub issuer: String,
    pub client_id: String,
    /// `STIG_OIDC_CLIENT_SECRET`; `None` for a public client (PKCE alone).
    pub client_secret: Option<String>,
    /// Space-separated scopes asked for; `openid` is always among them.
    pub scopes: String,
    /// The claim whose values map to roles (a dotted path reaches into objects).
    pub role_claim: String,
    pub roles: RoleMapping,
    /// The provider's name on the login page's button ("Sign in with …").
    pub name: String,
    /// `<public URL>/login/sso/callback`, registered at the provider.
    pub redirect_uri: String,
}

impl fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "(hidden)"),
            )
            .field("scopes", &self.scopes)
            .field("role_claim", &self.role_claim)
            .field("roles", &self.roles)
            .field("name", &self.name)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// The callback path, under the public URL.
pub const CALLBACK_PATH: &str = "/login/sso/callback";

/// The redirect URI for a public URL (`https://stig.example.com` →
/// `https://stig.example.com/login/sso/callback`).
pub fn redirect_uri(public_url: &str) -> String {
    format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/'))
}

/// Why a sign-in through the provider failed; every message names what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SsoError {
    /// The provider could not be reached or answered something unusable.
    #[error("{0}")]
    Provider(String),
    /// The provider said no (the person cancelled, the code was used already, …).
    #[error("the provider refused: {0}")]
    Refused(String),
    /// The answer does not belong to a sign-in this browser started.
    #[error("{0}")]
    Forged(String),
    /// The ID token failed verification.
    #[error("the ID token was refused: {0}")]
    IdToken(String),
    /// Signed in at the provider, but no claim value maps to a Stig role.
    #[error(
        "the `{claim}` claim has {}; none of them gives a role in Stig{}",
        if values.is_empty() { "no values".to_owned() } else { format!("the values {}", quoted(values)) },
        if known.is_empty() { String::new() } else { format!(" (mapped: {})", quoted(known)) }
    )]
    NoRole {
        claim: String,
        values: Vec<String>,
        known: Vec<String>,
    },
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An OAuth error answer (`error`, `error_description`) as one printable line.
pub fn describe_oauth_error(error: &str, description: &str) -> String {
    provider::oauth_error(error, description)
}

impl SsoError {
    /// Which kind of failure, for logs (the message may hold the provider's words).
    pub fn kind(&self) -> &'static str {
        match self {
            SsoError::Provider(_) => "provider",
            SsoError::Refused(_) => "refused",
            SsoError::Forged(_) => "forged",
            SsoError::IdToken(_) => "id-token",
            SsoError::NoRole { .. } => "no-role",
        }
    }

    /// The HTTP status of the page that says so.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            SsoError::Provider(_) => StatusCode::BAD_GATEWAY,
            SsoError::Refused(_) => StatusCode::UNAUTHORIZED,
            SsoError::Forged(_) | SsoError::IdToken(_) => StatusCode::BAD_REQUEST,
            SsoError::NoRole { .. } => StatusCode::FORBIDDEN,
        }
    }
}

/// A sign-in begun, kept in the browser until the provider sends it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    /// Where to go once signed in (a local path).
    pub next: String,
    /// When it began (Unix seconds): an answer much later is refused.
    pub started: i64,
}

impl Pending {
    /// As a cookie value: base64url of its JSON.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(value: &str) -> Option<Pending> {
        let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Who signed in, as the provider vouches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub identity: ExternalIdentity,
    /// User names to try for a first sign-in, best first (`preferred_username`, `email`, …).
    pub names: Vec<String>,
    pub role: Role,
}

/// The configured provider: settings, one HTTP client, discovery and keys cached.
pub struct Oidc {
    settings: OidcSettings,
    http: reqwest::Client,
    cached: tokio::sync::Mutex<Option<Cached>>,
}

impl fmt::Debug for Oidc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Oidc")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
struct Cached {
    meta: Arc<Metadata>,
    keys: Arc<Vec<Jwk>>,
    fetched: Instant,
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, String> {
        Ok(Oidc {
            settings,
            http: provider::client()?,
            cached: tokio::sync::Mutex::new(None),
        })
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    /// Reads discovery and keys now, so that a wrong issuer shows at start (`serve` logs it).
    pub async fn check(&self) -> Result<(), SsoError> {
        self.provider(false).await.map(|_| ())
    }

    /// Starts a sign-in: the provider's authorization URL to send the browser to, and what
    /// the browser keeps meanwhile.
    pub async fn begin(&self, next: String) -> Result<(String, Pending), SsoError> {
        let cached = self.provider(false).await?;
        if let Some(methods) = &cached.meta.code_challenge_methods_supported
            && !methods.iter().any(|m| m == "S256")
        {
            return Err(SsoError::Provider(
                "the provider does not offer PKCE with S256 (code_challenge_methods_supported)"
                    .into(),
            ));
        }
        let pending = Pending {
            state: stig_store::auth::generate_token(),
            nonce: stig_store::auth::generate_token(),
            verifier: stig_store::auth::generate_token(),
            next,
            started: jiff::Timestamp::now().as_second(),
        };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(pending.verifier.as_bytes()));
        let s = &self.settings;
        let query = [
            ("response_type", "code"),
            ("client_id", s.client_id.as_str()),
            ("redirect_uri", s.redirect_uri.as_str()),
            ("scope", &scopes(&s.scopes)),
            ("state", &pending.state),
            ("nonce", &pending.nonce),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={}", provider::form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
        let endpoint = &cached.meta.authorization_endpoint;
        let sep = if endpoint.contains('?') { '&' } else { '?' };
        Ok((format!("{endpoint}{sep}{query}"), pending))
    }

    /// Finishes a sign-in with the code the provider sent back: trades it for tokens, verifies
    /// the ID token, completes the claims from userinfo and maps the role.
    pub async fn finish(&self, code: &str, pending: &Pending) -> Result<SignedIn, SsoError> {
        let s = &self.settings;
        let cached = self.provider(false).await?;
        let tokens = provider::exchange(
            &self.http,
            &cached.meta.token_endpoint,
            &provider::CodeExchange {
                code,
                redirect_uri: &s.redirect_uri,
                verifier: &pending.verifier,
                client_id: &s.client_id,
                secret: s.client_secret.as_deref(),
                auth: provider::client_auth(&cached.meta, s.client_secret.is_some()),
            },
        )
        .await?;
        let token = tokens.id_token.ok_or_else(|| {
            SsoError::Provider(
                "the token endpoint sent no ID token (is `openid` among the scopes?)".into(),
            )
        })?;
        let expected = id_token::Expected {
            issuer: &s.issuer,
            client_id: &s.client_id,
            nonce: &pending.nonce,
        };
        let mut claims = match id_token::verify(&token, &cached.keys, &expected) {
            Ok(claims) => claims,
            // The provider may have rotated its keys since they were read: read them again.
            Err(id_token::Refused::UnknownKey(_)) => {
                let fresh = self.provider(true).await?;
                id_token::verify(&token, &fresh.keys, &expected).map_err(|e| match e {
                    id_token::Refused::UnknownKey(why) | id_token::Refused::Invalid(why) => {
                        SsoError::IdToken(why)
                    }
                })?
            }
            Err(id_token::Refused::Invalid(why)) => return Err(SsoError::IdToken(why)),
        };
        let subject = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let (Some(endpoint), Some(access)) =
            (&cached.meta.userinfo_endpoint, &tokens.access_token)
        {
            let info = provider::userinfo(&self.http, endpoint, access).await?;
            // OpenID Connect Core §5.3.2: userinfo is about the token's subject, or ignored.
            if info.get("sub").and_then(Value::as_str) != Some(subject.as_str()) {
                return Err(SsoError::Provider(
                    "the userinfo endpoint answered for another subject than the ID token".into(),
                ));
            }
            for (k, v) in info {
                claims.entry(k).or_insert(v);
            }
        }
        let values = roles::claim_values(&claims, &s.role_claim);
        let role = s.roles.role_for(&values).ok_or_else(|| SsoError::NoRole {
            claim: s.role_claim.clone(),
            values: values.clone(),
            known: s
                .roles
                .known_values()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        })?;
        Ok(SignedIn {
            identity: ExternalIdentity {
                issuer: s.issuer.clone(),
                subject,
            },
            names: names(&claims),
            role,
        })
    }

    /// Discovery and keys, read again when older than an hour or when `refresh` says.
    async fn provider(&self, refresh: bool) -> Result<Cached, SsoError> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref()
            && !refresh
            && c.fetched.elapsed() < METADATA_TTL
        {
            return Ok(c.clone());
        }
        let meta = provider::discover(&self.http, &self.settings.issuer).await?;
        let keys = provider::keys(&self.http, &meta.jwks_uri).await?;
        let fresh = Cached {
            meta: Arc::new(meta),
            keys: Arc::new(keys),
            fetched: Instant::now(),
        };
        *cached = Some(fresh.clone());
        Ok(fresh)
    }
}

/// The scopes asked for, `openid` first and always.
fn scopes(configured: &str) -> String {
    let mut out = vec!["openid"];
    out.extend(configured.split_whitespace().filter(|s| *s != "openid"));
    out.join(" ")
}

/// User names to try for a first sign-in: `preferred_username`, `email`, then one made from
/// the subject; printable, trimmed, at most 64 characters.
fn names(claims: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for claim in ["preferred_username", "email"] {
        if let Some(v) = claims.get(claim).and_then(Value::as_str) {
            let clean: String = v
                .chars()
                .filter(|c| !c.is_control())
                .take(64)
                .collect::<String>()
                .trim()
                .to_owned();
            if !clean.is_empty() && !out.contains(&clean) {
                out.push(clean);
            }
        }
    }
    let sub: String = claims
        .get("sub")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    out.push(format!("sso-{sub}"));
    out
}

#[cfg(test)]
mod tests;
