//! The identity provider's side, over HTTP: its discovery document
//! (`<issuer>/.well-known/openid-configuration`), its signing keys (JWKS), the token
//! endpoint (authorization code + PKCE verifier) and the userinfo endpoint. Redirects are not
//! followed, answers are capped at 1 MiB, every call times out.

use std::time::Duration;

use jsonwebtoken::jwk::Jwk;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::SsoError;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_ANSWER: usize = 1024 * 1024;

/// The parts of the discovery document Stig uses.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
}

/// The token endpoint's answer.
#[derive(Debug, Deserialize)]
pub(super) struct Tokens {
    pub id_token: Option<String>,
    pub access_token: Option<String>,
}

/// The one HTTP client for the provider.
pub(super) fn client() -> Result<reqwest::Client, String> {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing the race to another thread installing one is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .user_agent(concat!("Stig/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("could not set up the HTTP client: {e}"))
}

/// Reads the discovery document and checks that it is the configured issuer's.
pub(super) async fn discover(http: &reqwest::Client, issuer: &str) -> Result<Metadata, SsoError> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let body = get_json(http.get(&url), "the discovery document", &url).await?;
    let meta: Metadata = serde_json::from_value(Value::Object(body)).map_err(|e| {
        SsoError::Provider(format!(
            "the discovery document at {url} is not usable: {e}"
        ))
    })?;
    // OpenID Connect Discovery §4.3: the issuer in the document is exactly the one asked.
    if meta.issuer != issuer {
        return Err(SsoError::Provider(format!(
            "the provider at {url} calls itself `{}`, not `{issuer}`: set --oidc-issuer to \
             exactly that",
            meta.issuer
        )));
    }
    Ok(meta)
}

/// The provider's signing keys; keys of kinds Stig cannot read are left out.
pub(super) async fn keys(http: &reqwest::Client, jwks_uri: &str) -> Result<Vec<Jwk>, SsoError> {
    let body = get_json(http.get(jwks_uri), "the signing keys (JWKS)", jwks_uri).await?;
    let keys = body
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| SsoError::Provider(format!("the JWKS at {jwks_uri} has no `keys`")))?;
    Ok(keys
        .iter()
        .filter_map(|k| serde_json::from_value::<Jwk>(k.clone()).ok())
        .collect())
}

/// Where the client secret goes, as the provider says it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClientAuth {
    /// `Authorization: Basic` (the default of OAuth 2.0).
    Basic,
    /// `client_secret` in the form.
    Post,
    /// No secret: a public client, protected by PKCE alone.
    None,
}

pub(super) fn client_auth(meta: &Metadata, has_secret: bool) -> ClientAuth {
    if !has_secret {
        return ClientAuth::None;
    }
    match &meta.token_endpoint_auth_methods_supported {
        Some(methods)
            if !methods.iter().any(|m| m == "client_secret_basic")
                && methods.iter().any(|m| m == "client_secret_post") =>
        {
            ClientAuth::Post
        }
        _ => ClientAuth::Basic,
    }
}

/// The token request of an authorization code: what to send, already form-encoded.
pub(super) struct CodeExchange<'a> {
    pub code: &'a str,
    pub redirect_uri: &'a str,
    pub verifier: &'a str,
    pub client_id: &'a str,
    pub secret: Option<&'a str>,
    pub auth: ClientAuth,
}

/// Trades the code for tokens.
pub(super) async fn exchange(
    http: &reqwest::Client,
    token_endpoint: &str,
    req: &CodeExchange<'_>,
) -> Result<Tokens, SsoError> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", req.code),
        ("redirect_uri", req.redirect_uri),
        ("code_verifier", req.verifier),
    ];
    let mut request = http.post(token_endpoint).header(
        reqwest::header::CONTENT_TYPE,
        "application/x-www-form-urlencoded",
    );
    match (req.auth, req.secret) {
        (ClientAuth::Basic, Some(secret)) => {
            // RFC 6749 §2.3.1: both parts form-encoded before Basic's base64.
            let pair = format!("{}:{}", form_encode(req.client_id), form_encode(secret));
            request = request.header(
                reqwest::header::AUTHORIZATION,
                format!("Basic {}", base64_std(pair.as_bytes())),
            );
        }
        (ClientAuth::Post, Some(secret)) => {
            form.push(("client_id", req.client_id));
            form.push(("client_secret", secret));
        }
        _ => form.push(("client_id", req.client_id)),
    }
    let body = form
        .iter()
        .map(|(k, v)| format!("{k}={}", form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let answer = get_json(request.body(body), "the token endpoint", token_endpoint).await?;
    serde_json::from_value(Value::Object(answer))
        .map_err(|e| SsoError::Provider(format!("the token endpoint's answer is not usable: {e}")))
}

/// The person's claims from the userinfo endpoint.
pub(super) async fn userinfo(
    http: &reqwest::Client,
    endpoint: &str,
    access_token: &str,
) -> Result<Map<String, Value>, SsoError> {
    get_json(
        http.get(endpoint).bearer_auth(access_token),
        "the userinfo endpoint",
        endpoint,
    )
    .await
}

/// Sends `request` and reads a JSON object back; an OAuth error answer (`error`,
/// `error_description`) is [`SsoError::Refused`].
async fn get_json(
    request: reqwest::RequestBuilder,
    what: &str,
    url: &str,
) -> Result<Map<String, Value>, SsoError> {
    let response = request
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| SsoError::Provider(format!("{what} at {url} did not answer: {e}")))?;
    let status = response.status();
    let bytes = read_capped(response)
        .await
        .map_err(|e| SsoError::Provider(format!("{what} at {url}: {e}")))?;
    let body: Option<Map<String, Value>> = serde_json::from_slice(&bytes).ok();
    if !status.is_success() {
        if let Some(error) = body
            .as_ref()
            .and_then(|b| b.get("error"))
            .and_then(Value::as_str)
        {
            let description = body
                .as_ref()
                .and_then(|b| b.get("error_description"))
                .and_then(Value::as_str)
                .unwrap_or("");
            return Err(SsoError::Refused(oauth_error(error, description)));
        }
        return Err(SsoError::Provider(format!(
            "{what} at {url} answered HTTP {status}"
        )));
    }
    body.ok_or_else(|| SsoError::Provider(format!("{what} at {url} did not answer a JSON object")))
}

async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("reading the answer: {e}"))?
    {
        if out.len() + chunk.len() > MAX_ANSWER {
            return Err("the answer is larger than 1 MiB".into());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// An OAuth error code with its description, printable (control characters dropped, at most
/// 200 characters: it is shown on a page).
pub(super) fn oauth_error(error: &str, description: &str) -> String {
    let clean = |s: &str| -> String { s.chars().filter(|c| !c.is_control()).take(200).collect() };
    if description.is_empty() {
        clean(error)
    } else {
        format!("{} ({})", clean(error), clean(description))
    }
}

/// `application/x-www-form-urlencoded` for one value.
pub(super) fn form_encode(s: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const FORM: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(s, FORM).to_string()
}

fn base64_std(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
