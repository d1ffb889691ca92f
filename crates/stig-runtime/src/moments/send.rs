//! The sender: takes due deliveries from the outbox, makes one attempt each (several at a
//! time), and records how it went: delivered, a retry at the time the backoff says, or a dead
//! letter to replay by hand. A delivery is marked delivered only after the receiver accepted
//! it, so a crash in between sends it again with the same idempotency key: at least once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use serde_json::Value;
use stig_deliver::TargetPolicy;
use stig_deliver::{
    Email, Failed, Security, Sent, SmtpConfig, WebhookRequest, send_email, send_webhook,
};
use stig_model::{SmtpSecurity, Workspace};
use stig_store::{AfterAttempt, Attempt, Delivery, Store};
use tokio::task::JoinSet;

use super::MomentsContext;
use crate::survey_link::{self as link, Invitation};

/// Deliveries in flight at once at most.
const PARALLEL: usize = 16;

/// The attempts running now, by delivery id and how many attempts it had when taken.
///
/// The outbox leases what it hands out, so a delivery comes back while its attempt runs only
/// once the lease ran out (a receiver slower than the lease): that one is skipped. A delivery
/// whose attempt was recorded (its count moved on) but whose task was not yet joined is a new
/// attempt and goes: skipping it would leave it leased, and untried, for a whole lease.
#[derive(Default)]
struct InFlight(HashMap<i64, u32>);

impl InFlight {
    /// Whether delivery `id`, taken with `attempts` made, should be attempted now.
    fn fresh(&self, id: i64, attempts: u32) -> bool {
        self.0.get(&id) != Some(&attempts)
    }

    fn start(&mut self, id: i64, attempts: u32) {
        self.0.insert(id, attempts);
    }

    /// The attempt of delivery `id` taken with `attempts` made has ended.
    fn done(&mut self, id: i64, attempts: u32) {
        if self.0.get(&id) == Some(&attempts) {
            self.0.remove(&id);
        }
    }
}

pub async fn run(ctx: Arc<MomentsContext>) {
    let mut in_flight = InFlight::default();
    let mut running: JoinSet<(i64, u32)> = JoinSet::new();
    // The outbox could not be read last time (the database is away): said once, then a
    // second between tries until it answers.
    let mut failing = false;
    loop {
        let free = PARALLEL.saturating_sub(running.len());
        if free > 0 {
            match ctx
                .store
                .take_due_deliveries(Timestamp::now(), free as u32, Duration::from_secs(60))
                .await
            {
                Ok(due) => {
                    if failing {
                        tracing::info!(message = "reading the outbox again");
                        failing = false;
                    }
                    let fresh: Vec<Delivery> = due
                        .into_iter()
                        .filter(|d| in_flight.fresh(d.id, d.attempts))
                        .take(free)
                        .collect();
                    for d in fresh {
                        in_flight.start(d.id, d.attempts);
                        let ctx = ctx.clone();
                        running.spawn(async move {
                            let taken = (d.id, d.attempts);
                            deliver(&ctx, d).await;
                            taken
                        });
                    }
                }
                Err(e) => {
                    if !failing {
                        tracing::warn!(message = "reading the outbox; trying again every second", error = %e);
                        failing = true;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
        let runtime = &ctx.runtime;
        tokio::select! {
            Some(done) = running.join_next(), if !running.is_empty() => {
                if let Ok((id, attempts)) = done {
                    in_flight.done(id, attempts);
                }
            }
            _ = runtime.queued.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(250)) => {}
        }
    }
}

/// One attempt at one delivery, recorded.
async fn deliver(ctx: &MomentsContext, d: Delivery) {
    let started = Timestamp::now();
    let result = attempt(ctx, &d).await;
    let (ok, status, error, duration_ms, after) = match result {
        Ok(sent) => (
            true,
            Some(sent.status),
            None,
            sent.duration_ms,
            AfterAttempt::Delivered,
        ),
        Err(failed) => {
            let after = if failed.retryable {
                match ctx.runtime.retry.delay_after(d.attempts + 1) {
                    Some(delay) => AfterAttempt::RetryAt(
                        Timestamp::now()
                            + jiff::SignedDuration::try_from(delay).unwrap_or_default(),
                    ),
                    None => AfterAttempt::Dead,
                }
            } else {
                AfterAttempt::Dead
            };
            (
                false,
                failed.status,
                Some(failed.message),
                failed.duration_ms,
                after,
            )
        }
    };
    let record = Attempt {
        at: started,
        ok,
        status,
        error,
        duration_ms,
    };
    let outcome = match after {
        AfterAttempt::Delivered => "delivered",
        AfterAttempt::RetryAt(_) => "retry",
        AfterAttempt::Dead => "dead",
    };
    metrics::counter!("stig_deliveries_total", "outcome" => outcome).increment(1);
    if let Err(e) = ctx.store.record_attempt(d.id, &record, after).await {
        // Not recorded: it stays due and is tried again (at least once).
        tracing::warn!(message = "recording a delivery attempt", delivery = d.id, error = %e);
    }
}

async fn attempt(ctx: &MomentsContext, d: &Delivery) -> Result<Sent, Failed> {
    let ws = match ctx.workspaces.get(ctx.store.as_ref(), &d.workspace).await {
        Ok((_, ws)) => ws,
        // The database is away (a restart, a failover): tried again later, not a dead letter.
        Err(e) if e.is_unavailable() => {
            return Err(retryable(format!("the workspace could not be read: {e}")));
        }
        Err(e) => {
            return Err(final_failure(format!(
                "the workspace could not be read: {e:?}"
            )));
        }
    };
    let p = &d.payload;
    let text = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default();
    match d.kind.as_str() {
        "webhook" => {
            let secret = secret(ctx.store.as_ref(), &d.workspace, text("secret")).await?;
            let body = serde_json::to_vec(&p["body"]).unwrap_or_default();
            let id = d.idempotency_key();
            send_webhook(
                &ctx.runtime.targets,
                &WebhookRequest {
                    url: text("url"),
                    secret: &secret,
                    id: &id,
                    body: &body,
                    timestamp: Timestamp::now().as_second(),
                },
            )
            .await
        }
        "email" => {
            let to = p.get("to").and_then(Value::as_str).ok_or_else(|| {
                final_failure(format!(
                    "customer `{}` has no `email` trait to write to",
                    text("customer")
                ))
            })?;
            email(
                ctx,
                d,
                &ws,
                to,
                text("subject"),
                text("text"),
                text("language"),
            )
            .await
        }
        "survey" => {
            let to = p.get("to").and_then(Value::as_str).ok_or_else(|| {
                final_failure(format!(
                    "customer `{}` has no `email` trait to invite",
                    text("customer")
                ))
            })?;
            let touchpoint = ws.touchpoint(text("touchpoint")).ok_or_else(|| {
                final_failure(format!("the touchpoint `{}` is gone", text("touchpoint")))
            })?;
            let language = ctx.texts.language(text("language"));
            let (journey, run) = match text("run").split_once('/') {
                Some((j, r)) => (Some(j.to_owned()), r.parse().ok()),
                None => (None, None),
            };
            let invitation = Invitation {
                workspace: d.workspace.clone(),
                touchpoint: touchpoint.id.clone(),
                customer: text("customer").to_owned(),
                journey,
                run,
                locale: Some(language.clone()),
                issued_at: Timestamp::now().as_second(),
            };
            let key = ctx
                .store
                .secret(link::SECRET_NAME)
                .await
                .map_err(|e| retryable(format!("the survey key could not be read: {e}")))?;
            let (token, _) = invitation.sign(&key);
            let url = format!("{}/s/{token}", ctx.public_url());
            let args = [
                ("touchpoint", touchpoint.name.clone()),
                ("workspace", ws.settings.name.clone()),
                ("link", url),
            ];
            let subject = ctx.texts.message(&language, "survey-invite-subject", &args);
            let body = ctx.texts.message(&language, "survey-invite-body", &args);
            email(ctx, d, &ws, to, &subject, &body, &language).await
        }
        "task" => {
            let assignee = p.get("assignee").and_then(Value::as_str);
            ctx.store
                .create_task(
                    &d.workspace,
                    d.id,
                    &d.moment,
                    &d.customer,
                    text("title"),
                    text("body"),
                    assignee,
                )
                .await
                .map(|_| Sent {
                    status: 201,
                    duration_ms: 0,
                })
                .map_err(|e| retryable(format!("the task could not be stored: {e}")))
        }
        other => Err(final_failure(format!("unknown action kind `{other}`"))),
    }
}

#[allow(clippy::too_many_arguments)]
async fn email(
    ctx: &MomentsContext,
    d: &Delivery,
    ws: &Workspace,
    to: &str,
    subject: &str,
    text: &str,
    language: &str,
) -> Result<Sent, Failed> {
    let id = d.idempotency_key();
    smtp(
        ctx.store.as_ref(),
        &ctx.runtime.targets,
        &d.workspace,
        ws,
        &Email {
            to,
            subject,
            text,
            message_id: &id,
            language,
        },
    )
    .await
}

/// A test of an email action, sent now to `to` through the workspace's mail server the way
/// the sender sends (same settings, secret and target checks), outside the outbox.
#[allow(clippy::too_many_arguments)]
pub async fn send_test_email(
    store: &dyn Store,
    targets: &TargetPolicy,
    ws_id: &str,
    ws: &Workspace,
    to: &str,
    subject: &str,
    text: &str,
    language: &str,
) -> Result<Sent, Failed> {
    let id = format!("test_{ws_id}_{}", Timestamp::now().as_nanosecond());
    smtp(
        store,
        targets,
        ws_id,
        ws,
        &Email {
            to,
            subject,
            text,
            message_id: &id,
            language,
        },
    )
    .await
}

async fn smtp(
    store: &dyn Store,
    targets: &TargetPolicy,
    ws_id: &str,
    ws: &Workspace,
    email: &Email<'_>,
) -> Result<Sent, Failed> {
    let smtp = ws.settings.smtp.as_ref().ok_or_else(|| {
        final_failure("the workspace has no mail server (`smtp` in its settings)".into())
    })?;
    let password = match &smtp.password_secret {
        Some(name) => Some(secret(store, ws_id, name).await?),
        None => None,
    };
    let config = SmtpConfig {
        host: smtp.host.clone(),
        port: smtp.port,
        from: smtp.from.clone(),
        username: smtp.username.clone(),
        password,
        security: match smtp.security {
            SmtpSecurity::Starttls => Security::StartTls,
            SmtpSecurity::Tls => Security::Tls,
            SmtpSecurity::None => Security::None,
        },
    };
    send_email(targets, &config, email).await
}

/// A workspace secret by name; missing is final (someone must set it, then replay).
async fn secret(store: &dyn Store, ws_id: &str, name: &str) -> Result<String, Failed> {
    match store.workspace_secret(ws_id, name).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(final_failure(format!(
            "the workspace secret `{name}` is not set; set it under Moments → Secrets, then retry"
        ))),
        Err(e) => Err(retryable(format!(
            "the secret `{name}` could not be read: {e}"
        ))),
    }
}

fn final_failure(message: String) -> Failed {
    Failed {
        status: None,
        message,
        retryable: false,
        duration_ms: 0,
    }
}

fn retryable(message: String) -> Failed {
    Failed {
        status: None,
        message,
        retryable: true,
        duration_ms: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::InFlight;

    #[test]
    fn a_delivery_whose_attempt_was_recorded_goes_again_before_its_task_is_joined() {
        let mut f = InFlight::default();
        f.start(7, 0);
        // The lease ran out while the first attempt runs: not twice at once.
        assert!(!f.fresh(7, 0));
        // The attempt was recorded (a retry, now due) though its task is not joined yet.
        assert!(f.fresh(7, 1));
        f.start(7, 1);
        // The first task is joined after the second started: the second stays in flight.
        f.done(7, 0);
        assert!(!f.fresh(7, 1));
        f.done(7, 1);
        assert!(f.fresh(7, 1));
    }
}
