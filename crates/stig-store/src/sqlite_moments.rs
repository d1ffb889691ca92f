//! The SQLite implementation of the business-moment methods of [`Store`](crate::Store): the
//! transactional outbox (statements in `sql_moments.rs`).

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use crate::sql::{self, now, parse_ts, ts};
use crate::sql_moments as q;
use crate::sqlite::Tx;
use crate::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Firing, FiringQuery,
    MomentCommit, MomentCounts, NewFiring, Result, SecretInfo, SqliteStore, StoreError, Task,
    TaskStatus,
};

pub(crate) type DeliveryRow = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
);

pub(crate) type TaskRow = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
);

pub(crate) type AttemptRow = (String, i64, Option<i64>, Option<String>, i64);

pub(crate) type FiringRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
);

pub(crate) fn json_text(value: &serde_json::Value) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))
}

pub(crate) fn parse_json(what: &str, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(if n < 0 { 0 } else { u32::MAX })
}

pub(crate) fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(crate) fn delivery_from_row(row: DeliveryRow) -> Result<Delivery> {
    let (
        id,
        workspace,
        firing,
        moment,
        customer,
        occurrence,
        action,
        kind,
        payload,
        status,
        attempts,
        next_attempt_at,
        last_error,
        created_at,
        delivered_at,
    ) = row;
    Ok(Delivery {
        payload: parse_json(&format!("payload of delivery {id}"), &payload)?,
        id,
        workspace,
        firing,
        moment,
        customer,
        occurrence,
        action: to_u32(action),
        kind,
        status: status.parse()?,
        attempts: to_u32(attempts),
        next_attempt_at: parse_ts(&next_attempt_at)?,
        last_error,
        created_at: parse_ts(&created_at)?,
        delivered_at: delivered_at.as_deref().map(parse_ts).transpose()?,
    })
}

pub(crate) fn task_from_row(row: TaskRow) -> Result<Task> {
    let (
        id,
        workspace,
        delivery,
        moment,
        customer,
        title,
        body,
        assignee,
        status,
        created_at,
        done_at,
    ) = row;
    Ok(Task {
        id,
        workspace,
        delivery,
        moment,
        customer,
        title,
        body,
        assignee,
        status: status.parse()?,
        created_at: parse_ts(&created_at)?,
        done_at: done_at.as_deref().map(parse_ts).transpose()?,
    })
}

pub(crate) fn not_found(kind: &'static str, id: impl ToString, ws: &str) -> StoreError {
    StoreError::NotFound {
        kind,
        id: id.to_string(),
        workspace: Some(ws.to_owned()),
    }
}

/// `LIMIT` of a firing query: 0 means no limit.
pub(crate) fn firing_limit(limit: u32) -> i64 {
    if limit == 0 {
        i64::MAX
    } else {
        i64::from(limit)
    }
}

impl SqliteStore {
    /// Deletes a workspace's rows from the outbox, in one transaction.
    pub(crate) async fn delete_outbox_rows(&self, ws: &str) -> Result<()> {
        let mut tx = self.outbox_write().await?;
        for statement in q::WORKSPACE_DELETE {
            sqlx::query(statement).bind(ws).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn moment_cursor_impl(&self, ws: &str) -> Result<i64> {
        let seq: Option<i64> = sqlx::query_scalar(q::CURSOR_GET)
            .bind(ws)
            .fetch_optional(self.outbox_pool())
            .await?;
        Ok(seq.unwrap_or(0))
    }

    pub(crate) async fn commit_moments_impl(
        &self,
        ws: &str,
        commit: &MomentCommit,
    ) -> Result<CommitOutcome> {
        self.ensure_workspace(ws).await?;
        let mut tx = self.outbox_write().await?;
        let fired_at = ts(now());
        let outcome = insert_firings(&mut tx, ws, &commit.firings, &fired_at).await?;
        if let Some(seq) = commit.cursor {
            sqlx::query(q::CURSOR_SET)
                .bind(ws)
                .bind(seq)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    pub(crate) async fn moment_live_since_impl(
        &self,
        ws: &str,
        moment: &str,
        now: Timestamp,
    ) -> Result<Timestamp> {
        self.ensure_workspace(ws).await?;
        let mut tx = self.outbox_write().await?;
        sqlx::query(q::LIVE_PUT)
            .bind(ws)
            .bind(moment)
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        let since: String = sqlx::query_scalar(q::LIVE_GET)
            .bind(ws)
            .bind(moment)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        parse_ts(&since)
    }

    pub(crate) async fn forget_moment_live_since_impl(&self, ws: &str, moment: &str) -> Result<()> {
        sqlx::query(q::LIVE_DELETE)
            .bind(ws)
            .bind(moment)
            .execute(self.outbox_pool())
            .await?;
        Ok(())
    }

    pub(crate) async fn firings_since_impl(
        &self,
        ws: &str,
        since: Timestamp,
    ) -> Result<Vec<(String, String, String, Timestamp)>> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(q::FIRINGS_SINCE)
            .bind(ws)
            .bind(ts(since))
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter()
            .map(|(m, c, o, at)| Ok((m, c, o, parse_ts(&at)?)))
            .collect()
    }

    pub(crate) async fn due_deliveries_impl(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(q::DELIVERIES_DUE)
            .bind(ts(now))
            .bind(i64::from(limit))
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter().map(delivery_from_row).collect()
    }

    pub(crate) async fn record_attempt_impl(
        &self,
        delivery: i64,
        attempt: &Attempt,
        after: AfterAttempt,
    ) -> Result<()> {
        let (status, next, delivered) = match after {
            AfterAttempt::Delivered => (DeliveryStatus::Delivered, None, Some(ts(attempt.at))),
            AfterAttempt::RetryAt(t) => (DeliveryStatus::Pending, Some(ts(t)), None),
            AfterAttempt::Dead => (DeliveryStatus::Dead, None, None),
        };
        let mut tx = self.outbox_write().await?;
        let done = sqlx::query(q::DELIVERY_ATTEMPTED)
            .bind(delivery)
            .bind(attempt.error.as_deref())
            .bind(status.as_str())
            .bind(next)
            .bind(delivered)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "delivery",
                id: delivery.to_string(),
                workspace: None,
            });
        }
        sqlx::query(q::ATTEMPT_INSERT)
            .bind(delivery)
            .bind(ts(attempt.at))
            .bind(i64::from(attempt.ok))
            .bind(attempt.status.map(i64::from))
            .bind(attempt.error.as_deref())
            .bind(i64::from(attempt.duration_ms))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // After the commit, under the takers' lock: see `SqliteStore::taken`.
        self.taken.lock().await.remove(&delivery);
        Ok(())
    }

    pub(crate) async fn replay_delivery_impl(&self, ws: &str, delivery: i64) -> Result<()> {
        let mut tx = self.outbox_write().await?;
        let status: Option<String> = sqlx::query_scalar(q::DELIVERY_STATUS)
            .bind(ws)
            .bind(delivery)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(status) = status else {
            return Err(not_found("delivery", delivery, ws));
        };
        if status.parse::<DeliveryStatus>()? == DeliveryStatus::Delivered {
            return Err(StoreError::Invalid(format!(
                "delivery {delivery} was delivered already: there is nothing to replay"
            )));
        }
        sqlx::query(q::DELIVERY_REPLAY)
            .bind(ws)
            .bind(delivery)
            .bind(ts(now()))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn delivery_impl(&self, ws: &str, id: i64) -> Result<Delivery> {
        let row: Option<DeliveryRow> = sqlx::query_as(q::DELIVERY_GET)
            .bind(ws)
            .bind(id)
            .fetch_optional(self.outbox_pool())
            .await?;
        match row {
            Some(row) => delivery_from_row(row),
            None => Err(not_found("delivery", id, ws)),
        }
    }

    pub(crate) async fn delivery_attempts_impl(&self, delivery: i64) -> Result<Vec<Attempt>> {
        let rows: Vec<AttemptRow> = sqlx::query_as(q::ATTEMPTS_LIST)
            .bind(delivery)
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter()
            .map(|(at, ok, status, error, duration_ms)| {
                Ok(Attempt {
                    at: parse_ts(&at)?,
                    ok: ok != 0,
                    status: status.and_then(|s| u16::try_from(s).ok()),
                    error,
                    duration_ms: to_u32(duration_ms),
                })
            })
            .collect()
    }

    pub(crate) async fn list_deliveries_impl(
        &self,
        ws: &str,
        status: Option<DeliveryStatus>,
        limit: u32,
    ) -> Result<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(q::DELIVERIES_LIST)
            .bind(ws)
            .bind(status.map(DeliveryStatus::as_str))
            .bind(i64::from(limit))
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter().map(delivery_from_row).collect()
    }

    pub(crate) async fn list_firings_impl(
        &self,
        ws: &str,
        query: &FiringQuery,
    ) -> Result<Vec<Firing>> {
        let limit = firing_limit(query.limit);
        let mut tx = self.outbox_read().await?;
        let rows: Vec<FiringRow> = sqlx::query_as(q::FIRINGS_LIST)
            .bind(ws)
            .bind(query.moment.as_deref())
            .bind(query.customer.as_deref())
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        let deliveries: Vec<DeliveryRow> = if rows.is_empty() {
            Vec::new()
        } else {
            sqlx::query_as(q::DELIVERIES_OF_FIRINGS)
                .bind(ws)
                .bind(query.moment.as_deref())
                .bind(query.customer.as_deref())
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?
        };
        let suppressed: Vec<(i64, i64, String, String)> = if rows.is_empty() {
            Vec::new()
        } else {
            sqlx::query_as(q::SUPPRESSIONS_OF_FIRINGS)
                .bind(ws)
                .bind(query.moment.as_deref())
                .bind(query.customer.as_deref())
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?
        };
        tx.commit().await?;
        let mut by_firing: HashMap<i64, Vec<Delivery>> = HashMap::new();
        for row in deliveries {
            let d = delivery_from_row(row)?;
            by_firing.entry(d.firing).or_default().push(d);
        }
        let mut suppressed = crate::consent::by_firing(suppressed);
        rows.into_iter()
            .map(
                |(id, moment, occurrence, customer, persona, at, fired_at, context)| {
                    Ok(Firing {
                        context: parse_json(&format!("context of firing {id}"), &context)?,
                        deliveries: by_firing.remove(&id).unwrap_or_default(),
                        suppressed: suppressed.remove(&id).unwrap_or_default(),
                        id,
                        moment,
                        occurrence,
                        customer,
                        persona,
                        at: parse_ts(&at)?,
                        fired_at: parse_ts(&fired_at)?,
                    })
                },
            )
            .collect()
    }

    pub(crate) async fn moment_counts_impl(
        &self,
        ws: &str,
    ) -> Result<HashMap<String, MomentCounts>> {
        let mut tx = self.outbox_read().await?;
        let firings: Vec<(String, i64, Option<String>)> = sqlx::query_as(q::MOMENT_FIRING_COUNTS)
            .bind(ws)
            .fetch_all(&mut *tx)
            .await?;
        let deliveries: Vec<(String, String, i64)> = sqlx::query_as(q::MOMENT_DELIVERY_COUNTS)
            .bind(ws)
            .fetch_all(&mut *tx)
            .await?;
        let suppressed: Vec<(String, i64)> = sqlx::query_as(q::MOMENT_SUPPRESSION_COUNTS)
            .bind(ws)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut counts: HashMap<String, MomentCounts> = HashMap::new();
        for (moment, n, last) in firings {
            let c = counts.entry(moment).or_default();
            c.fired = to_u64(n);
            c.last_fired = last.as_deref().map(parse_ts).transpose()?;
        }
        for (moment, status, n) in deliveries {
            let c = counts.entry(moment).or_default();
            match status.parse()? {
                DeliveryStatus::Pending => c.pending = to_u64(n),
                DeliveryStatus::Delivered => c.delivered = to_u64(n),
                DeliveryStatus::Dead => c.dead = to_u64(n),
            }
        }
        for (moment, n) in suppressed {
            counts.entry(moment).or_default().suppressed = to_u64(n);
        }
        Ok(counts)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn create_task_impl(
        &self,
        ws: &str,
        delivery: i64,
        moment: &str,
        customer: &str,
        title: &str,
        body: &str,
        assignee: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.outbox_write().await?;
        let status: Option<String> = sqlx::query_scalar(q::DELIVERY_STATUS)
            .bind(ws)
            .bind(delivery)
            .fetch_optional(&mut *tx)
            .await?;
        if status.is_none() {
            drop(tx);
            self.ensure_workspace(ws).await?;
            return Err(not_found("delivery", delivery, ws));
        }
        sqlx::query(q::TASK_INSERT)
            .bind(ws)
            .bind(delivery)
            .bind(moment)
            .bind(customer)
            .bind(title)
            .bind(body)
            .bind(assignee)
            .bind(ts(now()))
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(q::TASK_ID_FOR_DELIVERY)
            .bind(ws)
            .bind(delivery)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn list_tasks_impl(
        &self,
        ws: &str,
        status: Option<TaskStatus>,
        limit: u32,
    ) -> Result<Vec<Task>> {
        let rows: Vec<TaskRow> = sqlx::query_as(q::TASKS_LIST)
            .bind(ws)
            .bind(status.map(TaskStatus::as_str))
            .bind(i64::from(limit))
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter().map(task_from_row).collect()
    }

    pub(crate) async fn update_task_impl(
        &self,
        ws: &str,
        id: i64,
        assignee: Option<Option<&str>>,
        status: Option<TaskStatus>,
    ) -> Result<Task> {
        let mut tx = self.outbox_write().await?;
        let row: Option<TaskRow> = sqlx::query_as(q::TASK_GET)
            .bind(ws)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Err(not_found("task", id, ws));
        };
        let mut task = task_from_row(row)?;
        if let Some(assignee) = assignee {
            task.assignee = assignee.map(str::to_owned);
        }
        if let Some(status) = status {
            match status {
                TaskStatus::Done if task.status != TaskStatus::Done => {
                    task.done_at = Some(now());
                }
                TaskStatus::Done => {}
                TaskStatus::Open => task.done_at = None,
            }
            task.status = status;
        }
        sqlx::query(q::TASK_UPDATE)
            .bind(ws)
            .bind(id)
            .bind(task.assignee.as_deref())
            .bind(task.status.as_str())
            .bind(task.done_at.map(ts))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(task)
    }

    pub(crate) async fn set_workspace_secret_impl(
        &self,
        ws: &str,
        name: &str,
        value: &str,
    ) -> Result<()> {
        if name.is_empty() {
            return Err(StoreError::Invalid("the secret's name is empty".into()));
        }
        if value.is_empty() {
            return Err(StoreError::Invalid(format!("secret `{name}` is empty")));
        }
        let put = sqlx::query(q::WS_SECRET_PUT)
            .bind(ws)
            .bind(name)
            .bind(value)
            .bind(ts(now()))
            .execute(self.pool())
            .await;
        match put {
            Ok(_) => Ok(()),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(StoreError::workspace_not_found(ws)),
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) async fn workspace_secret_impl(
        &self,
        ws: &str,
        name: &str,
    ) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(q::WS_SECRET_GET)
            .bind(ws)
            .bind(name)
            .fetch_optional(self.pool())
            .await?)
    }

    pub(crate) async fn list_workspace_secrets_impl(&self, ws: &str) -> Result<Vec<SecretInfo>> {
        let rows: Vec<(String, String)> = sqlx::query_as(q::WS_SECRET_LIST)
            .bind(ws)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter()
            .map(|(name, at)| {
                Ok(SecretInfo {
                    name,
                    updated_at: parse_ts(&at)?,
                })
            })
            .collect()
    }

    pub(crate) async fn delete_workspace_secret_impl(&self, ws: &str, name: &str) -> Result<()> {
        let done = sqlx::query(q::WS_SECRET_DELETE)
            .bind(ws)
            .bind(name)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found("secret", name, ws));
        }
        Ok(())
    }
}

/// Rows per multi-row INSERT at most: each statement is a round trip to SQLite's worker
/// thread, so many small firings are stored in few statements (as events are).
const ROWS_PER_STATEMENT: usize = 128;

/// The multi-row statements, built once per kind and row count (a power of two): `head`,
/// `rows` copies of `row` (positional `?` parameters: sqlx looks `$N` names up linearly),
/// `tail`.
fn many(kind: Many, rows: usize, head: &str, row: &str, tail: &str) -> &'static str {
    const SIZES: usize = ROWS_PER_STATEMENT.trailing_zeros() as usize + 1;
    static SQL: [[std::sync::OnceLock<String>; SIZES]; 4] =
        [const { [const { std::sync::OnceLock::new() }; SIZES] }; 4];
    debug_assert!(rows.is_power_of_two() && rows <= ROWS_PER_STATEMENT);
    SQL[kind as usize][rows.trailing_zeros() as usize]
        .get_or_init(|| format!("{head} {} {tail}", vec![row; rows].join(", ")))
}

#[derive(Clone, Copy)]
enum Many {
    Firings,
    Deliveries,
    TaskDeliveries,
    Tasks,
}

const DELIVERIES_HEAD: &str = "INSERT INTO moment_deliveries (id, workspace_id, firing_id, action, \
     kind, payload, status, attempts, next_attempt_at, last_error, created_at, delivered_at) VALUES";

/// Chunks of [`ROWS_PER_STATEMENT`], the last one split into powers of two, so few distinct
/// statements are prepared (and cached).
fn chunks<T>(mut rest: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let n = if rest.len() >= ROWS_PER_STATEMENT {
            ROWS_PER_STATEMENT
        } else {
            1 << (usize::BITS - 1 - rest.len().leading_zeros())
        };
        let (chunk, tail) = rest.split_at(n);
        out.push(chunk);
        rest = tail;
    }
    out
}

/// The firings not stored before (by moment and occurrence), their deliveries, and — for
/// task actions, which need no network — the tasks themselves, done at once: the delivery is
/// recorded as made and the task exists as soon as the firing does.
pub(crate) async fn insert_firings(
    tx: &mut Tx,
    ws: &str,
    firings: &[NewFiring],
    fired_at: &str,
) -> Result<CommitOutcome> {
    // Ids are given here, not returned by SQLite: this transaction holds the outbox's write
    // lock, and a statement that returns no rows is much cheaper to run.
    let first: i64 = sqlx::query_scalar(q::FIRING_NEXT_ID)
        .fetch_one(&mut **tx)
        .await?;
    let mut stored = 0;
    let mut next = first;
    for chunk in chunks(firings) {
        let sql = many(
            Many::Firings,
            chunk.len(),
            "INSERT INTO moment_firings (id, workspace_id, moment, occurrence, customer, persona, \
             at, fired_at, context) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "ON CONFLICT (workspace_id, moment, occurrence) DO NOTHING",
        );
        let mut query = sqlx::query(sql);
        for f in chunk {
            query = query
                .bind(next)
                .bind(ws)
                .bind(&f.moment)
                .bind(&f.occurrence)
                .bind(&f.customer)
                .bind(f.persona.as_deref())
                .bind(ts(f.at))
                .bind(fired_at)
                .bind(json_text(&f.context)?);
            next += 1;
        }
        stored += query.execute(&mut **tx).await?.rows_affected();
    }
    // Firing i was offered id first + i; it holds it unless its occurrence was stored
    // already (a replay after a crash), which only a look at the ids can tell.
    let kept: Option<HashSet<i64>> = if stored == firings.len() as u64 {
        None
    } else {
        let ids: Vec<i64> = sqlx::query_scalar(q::FIRING_IDS_FROM)
            .bind(first)
            .fetch_all(&mut **tx)
            .await?;
        Some(ids.into_iter().collect())
    };
    let outcome = CommitOutcome {
        fired: stored,
        duplicates: firings.len() as u64 - stored,
    };
    for (id, f) in (first..).zip(firings) {
        if kept.as_ref().is_none_or(|k| k.contains(&id)) {
            for s in &f.suppressed {
                sqlx::query(q::SUPPRESSION_INSERT)
                    .bind(ws)
                    .bind(id)
                    .bind(i64::from(s.action))
                    .bind(&s.kind)
                    .bind(&s.purpose)
                    .bind(fired_at)
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    // Each new firing's deliveries: tasks done, the rest pending.
    let mut sending = Vec::new();
    let mut tasks = Vec::new();
    let mut delivery: i64 = sqlx::query_scalar(q::DELIVERY_NEXT_ID)
        .fetch_one(&mut **tx)
        .await?;
    for (id, f) in (first..).zip(firings) {
        if kept.as_ref().is_some_and(|k| !k.contains(&id)) {
            continue;
        }
        for d in &f.deliveries {
            if d.kind == "task" {
                tasks.push((delivery, id, f, d));
            } else {
                sending.push((delivery, id, d));
            }
            delivery += 1;
        }
    }
    for chunk in chunks(&sending) {
        let sql = many(
            Many::Deliveries,
            chunk.len(),
            DELIVERIES_HEAD,
            "(?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, ?, NULL)",
            "",
        );
        let mut query = sqlx::query(sql);
        for (id, firing, d) in chunk {
            query = query
                .bind(id)
                .bind(ws)
                .bind(firing)
                .bind(i64::from(d.action))
                .bind(&d.kind)
                .bind(json_text(&d.payload)?)
                .bind(ts(d.not_before))
                .bind(fired_at);
        }
        query.execute(&mut **tx).await?;
    }
    for chunk in chunks(&tasks) {
        let sql = many(
            Many::TaskDeliveries,
            chunk.len(),
            DELIVERIES_HEAD,
            "(?, ?, ?, ?, ?, ?, 'delivered', 1, ?, NULL, ?, ?)",
            "",
        );
        let mut query = sqlx::query(sql);
        for (id, firing, _, d) in chunk {
            query = query
                .bind(id)
                .bind(ws)
                .bind(firing)
                .bind(i64::from(d.action))
                .bind(&d.kind)
                .bind(json_text(&d.payload)?)
                .bind(fired_at)
                .bind(fired_at)
                .bind(fired_at);
        }
        query.execute(&mut **tx).await?;
        let sql = many(
            Many::Tasks,
            chunk.len(),
            "INSERT INTO tasks (workspace_id, delivery_id, moment, customer, title, body, \
             assignee, status, created_at, done_at) VALUES",
            "(?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL)",
            "ON CONFLICT (delivery_id) DO NOTHING",
        );
        let mut query = sqlx::query(sql);
        for (delivery, _, f, d) in chunk {
            let text = |k: &str| d.payload.get(k).and_then(serde_json::Value::as_str);
            query = query
                .bind(ws)
                .bind(delivery)
                .bind(&f.moment)
                .bind(&f.customer)
                .bind(text("title").unwrap_or_default().to_owned())
                .bind(text("body").unwrap_or_default().to_owned())
                .bind(text("assignee").map(str::to_owned))
                .bind(fired_at);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(outcome)
}
