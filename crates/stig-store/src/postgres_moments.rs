//! The PostgreSQL implementation of the business-moment and destination methods of
//! [`Store`](crate::Store): the transactional outbox, in the same database as the events.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use crate::destinations::{
    DEST_ADVANCE, DEST_DELETE, DEST_ENABLE, DEST_EXISTS, DEST_GET, DEST_INSERT, DEST_LIST,
    DestinationRow, EVENTS_LAST_SEQ, MAX_URL, SOURCE_EXISTS, clean_filter, from_row, new_id,
    not_found as dest_not_found,
};
use crate::postgres::Tx;
use crate::sql::{self, now, parse_ts, ts};
use crate::sql_moments as q;
use crate::sqlite_moments::{
    AttemptRow, DeliveryRow, FiringRow, TaskRow, delivery_from_row, firing_limit, json_text,
    not_found, parse_json, task_from_row, to_u32, to_u64,
};
use crate::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Destination, Firing,
    FiringQuery, MomentCommit, MomentCounts, NewDestination, NewFiring, PgStore, Result,
    SecretInfo, StoreError, Task, TaskStatus,
};

impl PgStore {
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

    /// Due deliveries taken for `lease`: chosen with `FOR UPDATE SKIP LOCKED` (rows another
    /// node is taking are passed over, not waited for), their next attempt moved to the end
    /// of the lease in the same transaction. The deliveries are returned as they were due.
    pub(crate) async fn take_due_deliveries_impl(
        &self,
        now: Timestamp,
        limit: u32,
        lease: std::time::Duration,
    ) -> Result<Vec<Delivery>> {
        let until = now
            .checked_add(jiff::SignedDuration::try_from(lease).unwrap_or(jiff::SignedDuration::MAX))
            .unwrap_or(Timestamp::MAX);
        let mut tx = self.write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM moment_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
             ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED",
        )
        .bind(ts(now))
        .bind(i64::from(limit))
        .fetch_all(&mut *tx)
        .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<DeliveryRow> = sqlx::query_as(DELIVERIES_BY_ID)
            .bind(&ids)
            .fetch_all(&mut *tx)
            .await?;
        sqlx::query("UPDATE moment_deliveries SET next_attempt_at = $2 WHERE id = ANY($1)")
            .bind(&ids)
            .bind(ts(until))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
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
        let row: Option<TaskRow> = sqlx::query_as(TASK_GET_FOR_UPDATE)
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

impl PgStore {
    pub(crate) async fn create_destination_impl(
        &self,
        ws: &str,
        new: &NewDestination,
        secret_value: &str,
        by: &str,
    ) -> Result<Destination> {
        let url = new.url.trim();
        if url.is_empty() {
            return Err(StoreError::Invalid("the destination's URL is empty".into()));
        }
        if url.len() > MAX_URL {
            return Err(StoreError::Invalid(format!(
                "the destination's URL is longer than {MAX_URL} characters"
            )));
        }
        self.ensure_workspace(ws).await?;
        let source_known: bool = sqlx::query_scalar(SOURCE_EXISTS)
            .bind(ws)
            .bind(&new.source)
            .fetch_one(self.pool())
            .await?;
        if !source_known {
            return Err(StoreError::NotFound {
                kind: "source",
                id: new.source.clone(),
                workspace: Some(ws.to_owned()),
            });
        }
        // Events stored from now on are forwarded, not the history.
        let last: i64 = sqlx::query_scalar(EVENTS_LAST_SEQ)
            .bind(ws)
            .fetch_one(self.pool())
            .await?;
        let id = new_id();
        let d = Destination {
            secret: format!("destination-{id}"),
            id,
            workspace: ws.to_owned(),
            source: new.source.clone(),
            url: url.to_owned(),
            enabled: new.enabled,
            only: clean_filter(&new.only),
            cursor: last,
            created_at: now(),
            created_by: by.to_owned(),
        };
        // The secret first: a destination never exists without its key (a key left without
        // its destination, should the second step fail, signs nothing).
        self.set_workspace_secret_impl(ws, &d.secret, secret_value)
            .await?;
        let only =
            serde_json::to_string(&d.only).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.outbox_write().await?;
        sqlx::query(DEST_INSERT)
            .bind(&d.id)
            .bind(ws)
            .bind(&d.source)
            .bind(&d.url)
            .bind(&d.secret)
            .bind(i64::from(d.enabled))
            .bind(only)
            .bind(d.cursor)
            .bind(ts(d.created_at))
            .bind(&d.created_by)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(d)
    }

    pub(crate) async fn list_destinations_impl(
        &self,
        ws: Option<&str>,
        source: Option<&str>,
    ) -> Result<Vec<Destination>> {
        let rows: Vec<DestinationRow> = sqlx::query_as(DEST_LIST)
            .bind(ws)
            .bind(source)
            .fetch_all(self.outbox_pool())
            .await?;
        rows.into_iter().map(from_row).collect()
    }

    pub(crate) async fn destination_impl(&self, ws: &str, id: &str) -> Result<Destination> {
        let row: Option<DestinationRow> = sqlx::query_as(DEST_GET)
            .bind(ws)
            .bind(id)
            .fetch_optional(self.outbox_pool())
            .await?;
        match row {
            Some(row) => from_row(row),
            None => {
                self.ensure_workspace(ws).await?;
                Err(dest_not_found(id, ws))
            }
        }
    }

    pub(crate) async fn set_destination_enabled_impl(
        &self,
        ws: &str,
        id: &str,
        enabled: bool,
    ) -> Result<()> {
        let done = sqlx::query(DEST_ENABLE)
            .bind(ws)
            .bind(id)
            .bind(i64::from(enabled))
            .execute(self.outbox_pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(dest_not_found(id, ws));
        }
        Ok(())
    }

    pub(crate) async fn delete_destination_impl(&self, ws: &str, id: &str) -> Result<()> {
        let d = self.destination_impl(ws, id).await?;
        let mut tx = self.outbox_write().await?;
        for statement in [DEST_DELETE[0], DEST_DELETE[1], DEST_DELETE[2]] {
            sqlx::query(statement)
                .bind(ws)
                .bind(d.moment())
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(DEST_DELETE[3])
            .bind(ws)
            .bind(d.moment())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // Its key goes with it (someone may have deleted it by hand already).
        match self.delete_workspace_secret_impl(ws, &d.secret).await {
            Ok(()) | Err(StoreError::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub(crate) async fn commit_destination_impl(
        &self,
        ws: &str,
        id: &str,
        advance: Option<(i64, i64)>,
        batches: &[NewFiring],
    ) -> Result<bool> {
        let mut tx = self.outbox_write().await?;
        let exists: bool = sqlx::query_scalar(DEST_EXISTS)
            .bind(ws)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if !exists {
            return Err(dest_not_found(id, ws));
        }
        if let Some((from, to)) = advance {
            let moved = sqlx::query(DEST_ADVANCE)
                .bind(ws)
                .bind(id)
                .bind(from)
                .bind(to)
                .execute(&mut *tx)
                .await?;
            if moved.rows_affected() == 0 {
                // Someone else advanced it: they queued these events.
                return Ok(false);
            }
        }
        insert_firings(&mut tx, ws, batches, &ts(now())).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// The firings not stored before (by moment and occurrence), their deliveries, and the tasks
/// of task actions, done at once: as `sqlite_moments::insert_firings`, with ids taken from the
/// tables' sequences (other nodes commit beside this one) and the rows sent as arrays.
/// Deliveries by id, as `q::DELIVERIES_DUE` selects them, in due order.
const DELIVERIES_BY_ID: &str = "SELECT d.id, d.workspace_id, d.firing_id, f.moment, f.customer, \
     f.occurrence, d.action, d.kind, d.payload, d.status, d.attempts, d.next_attempt_at, \
     d.last_error, d.created_at, d.delivered_at FROM moment_deliveries d \
     JOIN moment_firings f ON f.id = d.firing_id WHERE d.id = ANY($1) \
     ORDER BY d.next_attempt_at, d.id";

/// [`q::TASK_GET`], locking the row (two edits of one task go one at a time).
const TASK_GET_FOR_UPDATE: &str = concat!(
    "SELECT id, workspace_id, delivery_id, moment, customer, title, body, assignee, status, \
     created_at, done_at FROM tasks ",
    "WHERE workspace_id = $1 AND id = $2 FOR UPDATE"
);

pub(crate) async fn insert_firings(
    tx: &mut Tx,
    ws: &str,
    firings: &[NewFiring],
    fired_at: &str,
) -> Result<CommitOutcome> {
    if firings.is_empty() {
        return Ok(CommitOutcome::default());
    }
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('moment_firings', 'id')) \
         FROM generate_series(1, $1)",
    )
    .bind(firings.len() as i64)
    .fetch_all(&mut **tx)
    .await?;
    let mut contexts = Vec::with_capacity(firings.len());
    for f in firings {
        contexts.push(json_text(&f.context)?);
    }
    let kept: Vec<i64> = sqlx::query_scalar(
        "INSERT INTO moment_firings (id, workspace_id, moment, occurrence, customer, persona, \
         at, fired_at, context) \
         SELECT id, $2, moment, occurrence, customer, persona, at, $3, context \
         FROM UNNEST($1::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], \
         $9::text[]) AS f (id, moment, occurrence, customer, persona, at, context) ORDER BY id \
         ON CONFLICT (workspace_id, moment, occurrence) DO NOTHING RETURNING id",
    )
    .bind(&ids)
    .bind(ws)
    .bind(fired_at)
    .bind(firings.iter().map(|f| f.moment.clone()).collect::<Vec<_>>())
    .bind(
        firings
            .iter()
            .map(|f| f.occurrence.clone())
            .collect::<Vec<_>>(),
    )
    .bind(
        firings
            .iter()
            .map(|f| f.customer.clone())
            .collect::<Vec<_>>(),
    )
    .bind(
        firings
            .iter()
            .map(|f| f.persona.clone())
            .collect::<Vec<_>>(),
    )
    .bind(firings.iter().map(|f| ts(f.at)).collect::<Vec<_>>())
    .bind(contexts)
    .fetch_all(&mut **tx)
    .await?;
    let outcome = CommitOutcome {
        fired: kept.len() as u64,
        duplicates: (firings.len() - kept.len()) as u64,
    };
    let kept: HashSet<i64> = kept.into_iter().collect();
    for (id, f) in ids.iter().zip(firings) {
        if kept.contains(id) {
            for s in &f.suppressed {
                sqlx::query(q::SUPPRESSION_INSERT)
                    .bind(ws)
                    .bind(*id)
                    .bind(i64::from(s.action))
                    .bind(&s.kind)
                    .bind(&s.purpose)
                    .bind(fired_at)
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    let count: usize = ids
        .iter()
        .zip(firings)
        .filter(|(id, _)| kept.contains(id))
        .map(|(_, f)| f.deliveries.len())
        .sum();
    if count == 0 {
        return Ok(outcome);
    }
    let delivery_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('moment_deliveries', 'id')) \
         FROM generate_series(1, $1)",
    )
    .bind(count as i64)
    .fetch_all(&mut **tx)
    .await?;
    // One row per delivery: tasks are done as they are made, the rest pending.
    let mut rows = DeliveryRows::default();
    let mut tasks = TaskRows::default();
    let mut next = delivery_ids.into_iter();
    for (firing, f) in ids.iter().zip(firings) {
        if !kept.contains(firing) {
            continue;
        }
        for d in &f.deliveries {
            let Some(id) = next.next() else { break };
            let task = d.kind == "task";
            rows.id.push(id);
            rows.firing.push(*firing);
            rows.action.push(i64::from(d.action));
            rows.kind.push(d.kind.clone());
            rows.payload.push(json_text(&d.payload)?);
            rows.status
                .push(if task { "delivered" } else { "pending" }.to_owned());
            rows.attempts.push(i64::from(task));
            rows.next_attempt_at.push(if task {
                fired_at.to_owned()
            } else {
                ts(d.not_before)
            });
            rows.delivered_at.push(task.then(|| fired_at.to_owned()));
            if task {
                let text = |k: &str| d.payload.get(k).and_then(serde_json::Value::as_str);
                tasks.delivery.push(id);
                tasks.moment.push(f.moment.clone());
                tasks.customer.push(f.customer.clone());
                tasks
                    .title
                    .push(text("title").unwrap_or_default().to_owned());
                tasks.body.push(text("body").unwrap_or_default().to_owned());
                tasks.assignee.push(text("assignee").map(str::to_owned));
            }
        }
    }
    sqlx::query(
        "INSERT INTO moment_deliveries (id, workspace_id, firing_id, action, kind, payload, \
         status, attempts, next_attempt_at, last_error, created_at, delivered_at) \
         SELECT id, $2, firing, action, kind, payload, status, attempts, next_attempt_at, NULL, \
         $3, delivered_at FROM UNNEST($1::bigint[], $4::bigint[], $5::bigint[], $6::text[], \
         $7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[]) AS d (id, firing, \
         action, kind, payload, status, attempts, next_attempt_at, delivered_at) ORDER BY id",
    )
    .bind(rows.id)
    .bind(ws)
    .bind(fired_at)
    .bind(rows.firing)
    .bind(rows.action)
    .bind(rows.kind)
    .bind(rows.payload)
    .bind(rows.status)
    .bind(rows.attempts)
    .bind(rows.next_attempt_at)
    .bind(rows.delivered_at)
    .execute(&mut **tx)
    .await?;
    if !tasks.delivery.is_empty() {
        sqlx::query(
            "INSERT INTO tasks (workspace_id, delivery_id, moment, customer, title, body, \
             assignee, status, created_at, done_at) \
             SELECT $1, delivery, moment, customer, title, body, assignee, 'open', $2, NULL \
             FROM UNNEST($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], \
             $8::text[]) AS t (delivery, moment, customer, title, body, assignee) \
             ORDER BY delivery ON CONFLICT (delivery_id) DO NOTHING",
        )
        .bind(ws)
        .bind(fired_at)
        .bind(tasks.delivery)
        .bind(tasks.moment)
        .bind(tasks.customer)
        .bind(tasks.title)
        .bind(tasks.body)
        .bind(tasks.assignee)
        .execute(&mut **tx)
        .await?;
    }
    Ok(outcome)
}

/// The columns of the deliveries one commit inserts, as arrays.
#[derive(Default)]
struct DeliveryRows {
    id: Vec<i64>,
    firing: Vec<i64>,
    action: Vec<i64>,
    kind: Vec<String>,
    payload: Vec<String>,
    status: Vec<String>,
    attempts: Vec<i64>,
    next_attempt_at: Vec<String>,
    delivered_at: Vec<Option<String>>,
}

/// The columns of the tasks one commit inserts, as arrays.
#[derive(Default)]
struct TaskRows {
    delivery: Vec<i64>,
    moment: Vec<String>,
    customer: Vec<String>,
    title: Vec<String>,
    body: Vec<String>,
    assignee: Vec<Option<String>>,
}
