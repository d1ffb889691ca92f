//! Email over SMTP (lettre), to the checked address of the relay.

use std::time::{Duration, Instant};

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::target::TargetPolicy;
use crate::webhook::{Failed, Sent, elapsed_ms, ensure_crypto_provider, target_failed};

/// Each SMTP command, and the whole conversation, may take this long.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// The SMTP relay emails go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// The relay's host name (or IP address).
    pub host: String,
    /// Usually 587 (STARTTLS), 465 (TLS) or 25.
    pub port: u16,
    /// The sender, `name@example.com` or `Name <name@example.com>`.
    pub from: String,
    /// Login, when the relay wants one (both must be set).
    pub username: Option<String>,
    pub password: Option<String>,
    pub security: Security,
}

/// How the connection to the relay is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a test server.
    None,
}

/// One email to send (plain text).
#[derive(Debug, Clone, Copy)]
pub struct Email<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    /// The delivery's idempotency key: sent as `Message-ID: <{message_id}@stig>` and as
    /// `X-Stig-Idempotency-Key`, the same on every retry.
    pub message_id: &'a str,
    /// `Content-Language`, such as `nb` or `en`.
    pub language: &'a str,
}

/// A header lettre has no type for.
#[derive(Clone)]
struct Raw<const N: u8>(String);

const CONTENT_LANGUAGE: u8 = 0;
const IDEMPOTENCY_KEY: u8 = 1;

impl<const N: u8> Header for Raw<N> {
    fn name() -> HeaderName {
        match N {
            CONTENT_LANGUAGE => HeaderName::new_from_ascii_str("Content-Language"),
            _ => HeaderName::new_from_ascii_str("X-Stig-Idempotency-Key"),
        }
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The idempotency key as the left part of a Message-ID: characters a Message-ID may not
/// hold become `-` (the exact key travels in `X-Stig-Idempotency-Key`).
fn message_id_local(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Sends one email through the relay, after resolving and checking the relay's host and
/// connecting to the checked address (TLS still verifies the certificate for the host name).
pub async fn send_email(
    policy: &TargetPolicy,
    smtp: &SmtpConfig,
    email: &Email<'_>,
) -> Result<Sent, Failed> {
    let start = Instant::now();
    let failed = |status: Option<u16>, message: String, retryable: bool| Failed {
        status,
        message,
        retryable,
        duration_ms: elapsed_ms(start),
    };

    let from: Mailbox = smtp.from.parse().map_err(|e| {
        failed(
            None,
            format!("the sender address `{}` is not valid: {e}", smtp.from),
            false,
        )
    })?;
    let to: Mailbox = email.to.parse().map_err(|e| {
        failed(
            None,
            format!("the recipient address `{}` is not valid: {e}", email.to),
            false,
        )
    })?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject)
        .message_id(Some(format!(
            "<{}@stig>",
            message_id_local(email.message_id)
        )))
        .header(Raw::<IDEMPOTENCY_KEY>(email.message_id.to_string()))
        .header(Raw::<CONTENT_LANGUAGE>(email.language.to_string()))
        .user_agent(concat!("Stig/", env!("CARGO_PKG_VERSION")).to_string())
        .header(ContentType::TEXT_PLAIN)
        .body(email.text.to_string())
        .map_err(|e| failed(None, format!("could not build the email: {e}"), false))?;

    let addrs = policy
        .resolve(&smtp.host, smtp.port)
        .await
        .map_err(|e| target_failed(&e, start))?;
    let host = smtp
        .host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let tls = match smtp.security {
        Security::None => Tls::None,
        Security::StartTls | Security::Tls => {
            ensure_crypto_provider();
            let params = TlsParameters::new(host.clone()).map_err(|e| {
                failed(None, format!("could not set up TLS for {host}: {e}"), false)
            })?;
            if smtp.security == Security::Tls {
                Tls::Wrapper(params)
            } else {
                Tls::Required(params)
            }
        }
    };

    let mut last = None;
    for addr in &addrs {
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(addr.ip().to_string())
                .port(addr.port())
                .timeout(Some(SMTP_TIMEOUT))
                .tls(tls.clone());
        if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let transport = builder.build();
        let outcome = tokio::time::timeout(SMTP_TIMEOUT, transport.send(message.clone())).await;
        match outcome {
            Ok(Ok(response)) => {
                return Ok(Sent {
                    status: u16::from(response.code()),
                    duration_ms: elapsed_ms(start),
                });
            }
            Ok(Err(e)) => {
                let status = e.status().map(u16::from);
                if e.is_permanent() {
                    return Err(failed(
                        status,
                        format!("{host} refused the email: {e}"),
                        false,
                    ));
                }
                let got_answer = e.is_transient() || e.is_response();
                last = Some(failed(
                    status,
                    format!("sending through {host} ({addr}) failed: {e}"),
                    true,
                ));
                // A relay that answered is the relay; only a connection that failed tries
                // the host's next address.
                if got_answer {
                    break;
                }
            }
            Err(_) => {
                // The relay may have the message already; the Message-ID lets it tell.
                return Err(failed(
                    None,
                    format!(
                        "{host} ({addr}) did not finish within {} s",
                        SMTP_TIMEOUT.as_secs()
                    ),
                    true,
                ));
            }
        }
    }
    Err(last.unwrap_or_else(|| failed(None, format!("{host} has no addresses"), true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_id_keeps_safe_characters() {
        assert_eq!(message_id_local("moment-42.a_b"), "moment-42.a_b");
        assert_eq!(message_id_local("a b<c>@d"), "a-b-c--d");
    }
}
