//! Webhooks, signed as [Standard Webhooks](https://www.standardwebhooks.com/) specifies, so
//! receivers can check them with any of its official libraries.

use std::fmt;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore as _;
use sha2::Sha256;

use crate::target::{TargetError, TargetPolicy, check_url};

/// Connecting may take this long.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole delivery (connect, send, answer) may take this long.
pub(crate) const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
/// How much of a refusing receiver's answer is kept in the message.
const BODY_EXCERPT_CHARS: usize = 200;
/// How much of an answer's body is read at most.
const BODY_READ_LIMIT: usize = 16 * 1024;

const SECRET_PREFIX: &str = "whsec_";

/// A new signing secret: `whsec_` and the base64 of 24 random bytes.
pub fn new_secret() -> String {
    let mut key = [0u8; 24];
    rand::rng().fill_bytes(&mut key);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(key))
}

/// The key a secret stands for: the base64-decoded part after `whsec_`, or the raw bytes of a
/// secret without the prefix.
fn secret_key(secret: &str) -> Result<Vec<u8>, String> {
    match secret.strip_prefix(SECRET_PREFIX) {
        Some(b64) => STANDARD
            .decode(b64)
            .map_err(|e| format!("the webhook secret is not whsec_ followed by base64: {e}")),
        None => Ok(secret.as_bytes().to_vec()),
    }
}

fn mac(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> Result<Hmac<Sha256>, String> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|e| format!("the webhook secret cannot key HMAC-SHA256: {e}"))?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(mac)
}

/// The `webhook-signature` value: `v1,` and the base64 of
/// HMAC-SHA256(key, `"{id}.{timestamp}.{body}"`).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, String> {
    let key = secret_key(secret)?;
    let tag = mac(&key, id, timestamp, body)?.finalize().into_bytes();
    Ok(format!("v1,{}", STANDARD.encode(tag)))
}

/// Whether any `v1,…` entry of a `webhook-signature` header (entries are space-separated)
/// signs this message; compared in constant time. The timestamp's freshness is the caller's
/// to check.
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &[u8], signature_header: &str) -> bool {
    let Ok(key) = secret_key(secret) else {
        return false;
    };
    signature_header.split_whitespace().any(|entry| {
        let Some(b64) = entry.strip_prefix("v1,") else {
            return false;
        };
        let Ok(tag) = STANDARD.decode(b64) else {
            return false;
        };
        mac(&key, id, timestamp, body).is_ok_and(|m| m.verify_slice(&tag).is_ok())
    })
}

/// One webhook to send.
#[derive(Debug, Clone, Copy)]
pub struct WebhookRequest<'a> {
    /// Where to POST (http or https).
    pub url: &'a str,
    /// The endpoint's signing secret (`whsec_…`).
    pub secret: &'a str,
    /// `webhook-id`: the delivery's idempotency key, the same on every retry.
    pub id: &'a str,
    /// The JSON body.
    pub body: &'a [u8],
    /// `webhook-timestamp`: unix seconds, now (each attempt signs afresh).
    pub timestamp: i64,
}

/// A delivery the receiver accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// The answer's status (a webhook's 2xx; 250 for an email).
    pub status: u16,
    /// How long the attempt took.
    pub duration_ms: u32,
}

/// A delivery that did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    /// The receiver's status (HTTP or SMTP), when it answered.
    pub status: Option<u16>,
    /// What happened, for the delivery log.
    pub message: String,
    /// Whether trying again later may succeed; `false` sends it to the dead letters at once.
    pub retryable: bool,
    /// How long the attempt took.
    pub duration_ms: u32,
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        f.write_str(if self.retryable {
            " (will retry)"
        } else {
            " (will not retry)"
        })
    }
}

impl std::error::Error for Failed {}

pub(crate) fn elapsed_ms(start: Instant) -> u32 {
    u32::try_from(start.elapsed().as_millis()).unwrap_or(u32::MAX)
}

/// How a refused, unresolvable or malformed target fails a delivery.
pub(crate) fn target_failed(e: &TargetError, start: Instant) -> Failed {
    Failed {
        status: None,
        message: e.to_string(),
        // A name that does not resolve now may resolve later; the rest will not change.
        retryable: matches!(e, TargetError::Resolve(_)),
        duration_ms: elapsed_ms(start),
    }
}

/// Whether an HTTP status is worth retrying: server errors, and the client errors that mean
/// "not now" (408 Request Timeout, 409 Conflict, 425 Too Early, 429 Too Many Requests).
fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 425 | 429) || (500..600).contains(&status)
}

/// Installs ring as rustls's crypto provider for this process unless one is installed already.
pub(crate) fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing the race to another thread installing one is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// POSTs a signed webhook, connecting only to the checked addresses of the URL's host, with
/// redirects off, no proxy, and a 5 s connect and 10 s total timeout.
pub async fn send_webhook(policy: &TargetPolicy, req: &WebhookRequest<'_>) -> Result<Sent, Failed> {
    let start = Instant::now();
    let failed = |status: Option<u16>, message: String, retryable: bool| Failed {
        status,
        message,
        retryable,
        duration_ms: elapsed_ms(start),
    };
    let signature =
        sign(req.secret, req.id, req.timestamp, req.body).map_err(|e| failed(None, e, false))?;
    let (url, addrs) = check_url(policy, req.url)
        .await
        .map_err(|e| target_failed(&e, start))?;

    ensure_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .user_agent(concat!("Stig/", env!("CARGO_PKG_VERSION")));
    if let Some(url::Host::Domain(domain)) = url.host() {
        builder = builder.resolve_to_addrs(domain, &addrs);
    }
    let client = builder
        .build()
        .map_err(|e| failed(None, format!("could not set up the HTTP client: {e}"), true))?;

    let response = client
        .post(url.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("webhook-id", req.id)
        .header("webhook-timestamp", req.timestamp.to_string())
        .header("webhook-signature", signature)
        .body(req.body.to_vec())
        .send()
        .await
        .map_err(|e| failed(None, describe(&e, url.as_str()), true))?;

    let status = response.status().as_u16();
    if response.status().is_success() {
        return Ok(Sent {
            status,
            duration_ms: elapsed_ms(start),
        });
    }
    let excerpt = body_excerpt(response).await;
    let mut message = format!("{url} answered {status}");
    if !excerpt.is_empty() {
        message.push_str(": ");
        message.push_str(&excerpt);
    }
    if (300..400).contains(&status) {
        message.push_str(" (redirects are not followed: configure the final URL)");
    }
    Err(failed(Some(status), message, retryable_status(status)))
}

/// A sentence for a request that got no answer.
fn describe(e: &reqwest::Error, url: &str) -> String {
    if e.is_timeout() {
        format!("{url} did not answer within {} s", TOTAL_TIMEOUT.as_secs())
    } else if e.is_connect() {
        format!("could not connect to {url}: {}", source_chain(e))
    } else {
        format!("sending to {url} failed: {}", source_chain(e))
    }
}

fn source_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// The start of an answer's body (at most 200 characters, whitespace collapsed), reading no
/// more than 16 KiB of it.
async fn body_excerpt(mut response: reqwest::Response) -> String {
    let mut bytes = Vec::new();
    while bytes.len() < BODY_READ_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut excerpt: String = collapsed.chars().take(BODY_EXCERPT_CHARS).collect();
    if collapsed.chars().count() > BODY_EXCERPT_CHARS {
        excerpt.push('…');
    }
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_statuses() {
        for s in [408, 409, 425, 429, 500, 502, 503, 504, 599] {
            assert!(retryable_status(s), "{s}");
        }
        for s in [300, 301, 302, 400, 401, 403, 404, 410, 422] {
            assert!(!retryable_status(s), "{s}");
        }
    }

    #[test]
    fn secrets_round_trip() {
        let s = new_secret();
        assert!(s.starts_with("whsec_"));
        assert_eq!(secret_key(&s).map(|k| k.len()), Ok(24));
        assert_ne!(s, new_secret());
        let sig = sign(&s, "msg_1", 1, b"{}").unwrap_or_default();
        assert!(verify(&s, "msg_1", 1, b"{}", &format!("v1,bad {sig}")));
        assert!(!verify(&s, "msg_1", 2, b"{}", &sig));
        assert!(!verify("whsec_!!", "msg_1", 1, b"{}", &sig));
    }
}
