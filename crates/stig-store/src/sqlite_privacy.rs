//! Erasure, suppression and retention on SQLite (see [`crate::privacy`]).
//!
//! Both files run with `secure_delete` (set on every connection when the pool opens), so
//! what a statement here deletes or shrinks is overwritten with zeros in the file; after the
//! commit each file's write-ahead log is checkpointed into it and truncated, so the old page
//! images that still held the person are gone from the `-wal` files too.

use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use jiff::Timestamp;

use crate::privacy::{
    self, COMMENT_PROPERTY, Erasure, ErasureCounts, ErasureReceipt, RetentionCounts,
    RetentionCutoffs,
};
use crate::sql::{now, parse_ts, ts};
use crate::sqlite::{SqliteStore, Tx};
use crate::{Result, StoreError};

/// How often a checkpoint that found readers in the way is tried again.
const CHECKPOINT_TRIES: u32 = 5;

/// What an erasure does to an outbox row that stays: the firing is still counted, nothing
/// about whom it was for is kept.
const SCRUB_FIRING: &str = "UPDATE moment_firings SET occurrence = 'erased-' || id, \
     customer = '', persona = NULL, context = '{}' WHERE id = $1";
/// A pending delivery is cancelled (dead, never sent); every one loses its payload.
const SCRUB_DELIVERY: &str = "UPDATE moment_deliveries SET payload = '{}', \
     status = CASE WHEN status = 'pending' THEN 'dead' ELSE status END, \
     last_error = 'cancelled: the person was erased' WHERE id = $1 RETURNING status";
const SCRUB_ATTEMPTS: &str = "UPDATE moment_attempts SET error = NULL WHERE delivery_id = $1";
const DELETE_TASK: &str = "DELETE FROM tasks WHERE delivery_id = $1";

impl SqliteStore {
    pub(crate) async fn erase_person_impl(
        &self,
        ws: &str,
        erasure: &Erasure,
    ) -> Result<ErasureReceipt> {
        privacy::check(erasure)?;
        self.ensure_workspace(ws).await?;
        let mut counts = self.erase_outbox(ws, erasure).await?;
        let receipt = {
            let mut tx = self.write().await?;
            for id in &erasure.ids {
                for column in [
                    "DELETE FROM events WHERE workspace_id = $1 AND user_id = $2",
                    "DELETE FROM events WHERE workspace_id = $1 AND anonymous_id = $2",
                ] {
                    let done = sqlx::query(column)
                        .bind(ws)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    counts.events += done.rows_affected();
                }
            }
            for term in erasure.ids.iter().chain(&erasure.terms) {
                let done = sqlx::query(
                    "DELETE FROM rejections WHERE workspace_id = $1 AND instr(excerpt, $2) > 0",
                )
                .bind(ws)
                .bind(term)
                .execute(&mut *tx)
                .await?;
                counts.rejections += done.rows_affected();
            }
            let at = now();
            if erasure.suppress {
                counts.suppressed = suppress(&mut tx, ws, &erasure.ids, at).await?;
            }
            let receipt = receipt(ws, erasure, at, counts);
            insert_receipt(&mut tx, &receipt).await?;
            tx.commit().await?;
            receipt
        };
        self.checkpoint_both().await;
        Ok(receipt)
    }

    /// Scrubs the outbox of a person: their firings (kept, counted, anonymous), deliveries
    /// for them or quoting them (payload gone, pending ones cancelled), attempts' errors and
    /// tasks. One transaction of the outbox file.
    async fn erase_outbox(&self, ws: &str, erasure: &Erasure) -> Result<ErasureCounts> {
        let mut counts = ErasureCounts::default();
        let mut tx = self.outbox_write().await?;
        let mut firings = BTreeSet::new();
        for id in &erasure.ids {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM moment_firings WHERE workspace_id = $1 AND customer = $2",
            )
            .bind(ws)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            firings.extend(ids);
        }
        let mut deliveries = BTreeSet::new();
        for firing in &firings {
            let ids: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM moment_deliveries WHERE firing_id = $1")
                    .bind(firing)
                    .fetch_all(&mut *tx)
                    .await?;
            deliveries.extend(ids);
        }
        for term in erasure.ids.iter().chain(&erasure.terms) {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM moment_deliveries WHERE workspace_id = $1 \
                 AND instr(payload, $2) > 0",
            )
            .bind(ws)
            .bind(term)
            .fetch_all(&mut *tx)
            .await?;
            deliveries.extend(ids);
        }
        for delivery in &deliveries {
            counts.tasks += sqlx::query(DELETE_TASK)
                .bind(delivery)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(SCRUB_ATTEMPTS)
                .bind(delivery)
                .execute(&mut *tx)
                .await?;
            let was: Option<String> =
                sqlx::query_scalar("SELECT status FROM moment_deliveries WHERE id = $1")
                    .bind(delivery)
                    .fetch_optional(&mut *tx)
                    .await?;
            sqlx::query(SCRUB_DELIVERY)
                .bind(delivery)
                .fetch_optional(&mut *tx)
                .await?;
            counts.deliveries += 1;
            counts.cancelled += u64::from(was.as_deref() == Some("pending"));
        }
        for firing in &firings {
            sqlx::query(SCRUB_FIRING)
                .bind(firing)
                .execute(&mut *tx)
                .await?;
        }
        counts.firings = firings.len() as u64;
        // Tasks of theirs whose delivery was not found above (made by hand).
        for id in &erasure.ids {
            counts.tasks +=
                sqlx::query("DELETE FROM tasks WHERE workspace_id = $1 AND customer = $2")
                    .bind(ws)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
        }
        tx.commit().await?;
        Ok(counts)
    }

    /// Moves both write-ahead logs into their files and truncates them, so no old page image
    /// of an erased row stays in a `-wal` file. Readers in the way are waited for (a few
    /// seconds); a log that stays busy is reported and checkpointed by SQLite later.
    async fn checkpoint_both(&self) {
        for (name, pool, writer) in [
            ("database", self.pool(), &self.writer),
            ("outbox", self.outbox_pool(), &self.outbox_writer),
        ] {
            let _turn = writer.lock().await;
            let mut done = false;
            for _ in 0..CHECKPOINT_TRIES {
                let row: std::result::Result<(i64, i64, i64), _> =
                    sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(pool)
                        .await;
                match row {
                    Ok((0, _, _)) => {
                        done = true;
                        break;
                    }
                    Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                    Err(e) => {
                        tracing::warn!(file = name, error = %e, "checkpointing after an erasure");
                        break;
                    }
                }
            }
            if !done {
                tracing::warn!(
                    file = name,
                    "readers kept the write-ahead log busy: erased rows stay in it until the next checkpoint"
                );
            }
        }
    }

    pub(crate) async fn erasures_impl(&self, ws: &str) -> Result<Vec<ErasureReceipt>> {
        self.ensure_workspace(ws).await?;
        let rows: Vec<ReceiptRow> = sqlx::query_as(RECEIPTS)
            .bind(ws)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(receipt_from_row).collect()
    }

    pub(crate) async fn suppressions_impl(&self, ws: &str) -> Result<HashSet<String>> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT hash FROM suppressions WHERE workspace_id = $1")
                .bind(ws)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().collect())
    }

    pub(crate) async fn apply_retention_impl(
        &self,
        ws: &str,
        cutoffs: &RetentionCutoffs,
    ) -> Result<RetentionCounts> {
        self.ensure_workspace(ws).await?;
        let mut counts = RetentionCounts::default();
        let mut tx = self.write().await?;
        let kept_apart =
            serde_json::to_string(&cutoffs.by_event.iter().map(|(n, _)| n).collect::<Vec<_>>())
                .map_err(|e| StoreError::Invalid(format!("retention overrides: {e}")))?;
        if let Some(before) = cutoffs.events_before {
            counts.events += sqlx::query(
                "DELETE FROM events WHERE workspace_id = $1 AND timestamp < $2 \
                 AND NOT (type = 'track' AND event IN (SELECT value FROM json_each($3)))",
            )
            .bind(ws)
            .bind(ts(before))
            .bind(&kept_apart)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        for (event, before) in &cutoffs.by_event {
            let Some(before) = before else { continue };
            counts.events += sqlx::query(
                "DELETE FROM events WHERE workspace_id = $1 AND type = 'track' AND event = $2 \
                 AND timestamp < $3",
            )
            .bind(ws)
            .bind(event)
            .bind(ts(*before))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        if let Some(before) = cutoffs.comments_before {
            let path = format!("$.properties.{COMMENT_PROPERTY}");
            counts.comments += sqlx::query(
                "UPDATE events SET body = json_remove(body, $3) WHERE workspace_id = $1 \
                 AND type = 'track' AND timestamp < $2 AND json_extract(body, $3) IS NOT NULL",
            )
            .bind(ws)
            .bind(ts(before))
            .bind(&path)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        if counts.changed() {
            self.checkpoint_both().await;
        }
        Ok(counts)
    }
}

/// Keeps the hashes of the ids; returns how many were new.
pub(crate) async fn suppress(tx: &mut Tx, ws: &str, ids: &[String], at: Timestamp) -> Result<u64> {
    let mut added = 0;
    for id in ids {
        added += sqlx::query(
            "INSERT INTO suppressions (workspace_id, hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(ws)
        .bind(privacy::suppression_hash(ws, id))
        .bind(ts(at))
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(added)
}

pub(crate) fn receipt(
    ws: &str,
    erasure: &Erasure,
    at: Timestamp,
    counts: ErasureCounts,
) -> ErasureReceipt {
    ErasureReceipt {
        id: crate::auth::generate_token()[..16].to_owned(),
        workspace: ws.to_owned(),
        at,
        by: erasure.by.clone(),
        ids_hash: privacy::ids_hash(&erasure.ids),
        ids: erasure.ids.len() as u64,
        counts,
    }
}

pub(crate) const RECEIPT_INSERT: &str = "INSERT INTO erasures \
     (id, workspace_id, at, by_name, ids_hash, ids, counts) VALUES ($1, $2, $3, $4, $5, $6, $7)";
pub(crate) const RECEIPTS: &str = "SELECT id, workspace_id, at, by_name, ids_hash, ids, counts \
     FROM erasures WHERE workspace_id = $1 ORDER BY at DESC, id";

async fn insert_receipt(tx: &mut Tx, r: &ErasureReceipt) -> Result<()> {
    sqlx::query(RECEIPT_INSERT)
        .bind(&r.id)
        .bind(&r.workspace)
        .bind(ts(r.at))
        .bind(&r.by)
        .bind(&r.ids_hash)
        .bind(i64::try_from(r.ids).unwrap_or(i64::MAX))
        .bind(counts_json(&r.counts)?)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) fn counts_json(c: &ErasureCounts) -> Result<String> {
    serde_json::to_string(c).map_err(|e| StoreError::Invalid(format!("erasure counts: {e}")))
}

pub(crate) type ReceiptRow = (String, String, String, String, String, i64, String);

pub(crate) fn receipt_from_row(
    (id, workspace, at, by, ids_hash, ids, counts): ReceiptRow,
) -> Result<ErasureReceipt> {
    let counts: serde_json::Value = serde_json::from_str(&counts)
        .map_err(|e| StoreError::Corrupt(format!("erasure `{id}` counts: {e}")))?;
    let n = |k: &str| {
        counts
            .get(k)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    };
    Ok(ErasureReceipt {
        at: parse_ts(&at)?,
        workspace,
        by,
        ids_hash,
        ids: u64::try_from(ids).unwrap_or(0),
        counts: ErasureCounts {
            events: n("events"),
            rejections: n("rejections"),
            firings: n("firings"),
            deliveries: n("deliveries"),
            cancelled: n("cancelled"),
            tasks: n("tasks"),
            suppressed: n("suppressed"),
        },
        id,
    })
}
