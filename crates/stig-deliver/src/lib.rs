//! Delivers the actions of business moments to the outside world, safely.
//!
//! Where it sits: `stig-pipeline` recognizes *business moments* (a customer churned, a run got
//! stuck, a detractor answered) and writes each action they trigger to a durable *outbox*
//! together with an idempotency key; a worker takes due rows from the outbox and hands each
//! one to this crate, which makes **one attempt** and says how it went ([`Sent`], or
//! [`Failed`] with `retryable`); the worker records the attempt and, with [`RetryPolicy`],
//! schedules the next one or moves the row to the dead letters.
//!
//! ```text
//! moments ──▶ outbox (store) ──worker──▶ stig-deliver ──▶ webhook receivers, SMTP relays
//!                  ▲                         │
//!                  └── attempt log, next try (RetryPolicy) or dead letter
//! ```
//!
//! This crate knows nothing of the database, the outbox's schema or the workspace: values in,
//! one network attempt, a value out.
//!
//! Safety rules, each held here so no caller can forget them:
//! - **No SSRF.** Every host is resolved once and every address checked by [`TargetPolicy`]:
//!   loopback, private, link-local, CGNAT, documentation, multicast, unique-local and the
//!   like are refused (IPv4-mapped and other IPv6 forms of them too) unless the operator's
//!   allow-list holds them. The connection then goes to exactly the checked addresses (no
//!   second DNS lookup to rebind), redirects are not followed, and no proxy is used.
//! - **Bounded.** A webhook gets 5 s to connect and 10 s in all; SMTP 10 s; at most 16 KiB of
//!   an error answer is read.
//! - **Authentic and idempotent.** Webhooks are signed per [Standard Webhooks]; the
//!   idempotency key is the `webhook-id` (and an email's `Message-ID` and
//!   `X-Stig-Idempotency-Key`), the same on every retry, so receivers can drop duplicates:
//!   delivery is at least once.
//! - **Honest about retrying.** Only failures that may pass (timeouts, connection errors, 5xx,
//!   408/409/425/429, SMTP 4xx) are retryable; a refused target, a bad address, a 4xx or an
//!   SMTP 5xx is final.
//!
//! [Standard Webhooks]: https://www.standardwebhooks.com/

pub mod backoff;
pub mod email;
pub mod target;
pub mod webhook;

pub use backoff::RetryPolicy;
pub use email::{Email, Security, SmtpConfig, send_email};
pub use target::{TargetError, TargetPolicy, check_url};
pub use webhook::{Failed, Sent, WebhookRequest, new_secret, send_webhook, sign, verify};
