//! Erasure, suppression and retention on PostgreSQL (see [`crate::privacy`]).
//!
//! One transaction: the person's events with their `event_ids` keys, kept refusals quoting
//! them, and the outbox rows (firings kept, counted and anonymous; deliveries without their
//! payload, pending ones cancelled; tasks deleted). Afterwards the touched tables are
//! `VACUUM`ed, so the dead row versions are pruned from their pages and the space reused.
//! The write-ahead log and base backups still hold them until they age out with the
//! operator's archive retention (documented in the README); `VACUUM FULL` in a maintenance
//! window rewrites the table files as well.

use std::collections::{BTreeSet, HashSet};

use crate::Result;
use crate::postgres::{PgStore, Tx};
use crate::privacy::{
    self, COMMENT_PROPERTY, Erasure, ErasureCounts, ErasureReceipt, RetentionCounts,
    RetentionCutoffs,
};
use crate::sql::{now, ts};
use crate::sqlite_privacy::{
    RECEIPT_INSERT, RECEIPTS, ReceiptRow, counts_json, receipt, receipt_from_row,
};

/// The tables an erasure or retention pass deletes from or shrinks rows of.
const VACUUMED: &[&str] = &[
    "VACUUM events",
    "VACUUM event_ids",
    "VACUUM rejections",
    "VACUUM moment_firings",
    "VACUUM moment_deliveries",
    "VACUUM moment_attempts",
    "VACUUM tasks",
];

impl PgStore {
    pub(crate) async fn erase_person_impl(
        &self,
        ws: &str,
        erasure: &Erasure,
    ) -> Result<ErasureReceipt> {
        privacy::check(erasure)?;
        self.ensure_workspace(ws).await?;
        let mut tx = self.write().await?;
        // Appends to this workspace wait (they take the same lock), so no event of theirs
        // lands between the delete and the commit.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('stig.events:' || $1, 0))")
            .bind(ws)
            .execute(&mut *tx)
            .await?;
        let mut counts = erase_outbox(&mut tx, ws, erasure).await?;
        for id in &erasure.ids {
            for statement in [
                "DELETE FROM events WHERE workspace_id = $1 AND user_id = $2 RETURNING message_id",
                "DELETE FROM events WHERE workspace_id = $1 AND anonymous_id = $2 RETURNING message_id",
            ] {
                let gone: Vec<String> = sqlx::query_scalar(statement)
                    .bind(ws)
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
                counts.events += gone.len() as u64;
                sqlx::query(
                    "DELETE FROM event_ids WHERE workspace_id = $1 AND message_id = ANY($2)",
                )
                .bind(ws)
                .bind(&gone)
                .execute(&mut *tx)
                .await?;
            }
        }
        for term in erasure.ids.iter().chain(&erasure.terms) {
            counts.rejections += sqlx::query(
                "DELETE FROM rejections WHERE workspace_id = $1 AND strpos(excerpt, $2) > 0",
            )
            .bind(ws)
            .bind(term)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        let at = now();
        if erasure.suppress {
            for id in &erasure.ids {
                counts.suppressed += sqlx::query(
                    "INSERT INTO suppressions (workspace_id, hash, created_at) \
                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                )
                .bind(ws)
                .bind(privacy::suppression_hash(ws, id))
                .bind(ts(at))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
        }
        let receipt = receipt(ws, erasure, at, counts);
        sqlx::query(RECEIPT_INSERT)
            .bind(&receipt.id)
            .bind(&receipt.workspace)
            .bind(ts(receipt.at))
            .bind(&receipt.by)
            .bind(&receipt.ids_hash)
            .bind(i64::try_from(receipt.ids).unwrap_or(i64::MAX))
            .bind(counts_json(&receipt.counts)?)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.vacuum().await;
        Ok(receipt)
    }

    /// Prunes dead row versions from the touched tables (outside any transaction). A failure
    /// is logged: autovacuum gets there later.
    async fn vacuum(&self) {
        for statement in VACUUMED {
            if let Err(e) = sqlx::query(*statement).execute(self.pool()).await {
                tracing::warn!(statement, error = %e, "vacuuming after an erasure or retention");
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
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('stig.events:' || $1, 0))")
            .bind(ws)
            .execute(&mut *tx)
            .await?;
        let kept_apart: Vec<String> = cutoffs.by_event.iter().map(|(n, _)| n.clone()).collect();
        let mut gone: Vec<String> = Vec::new();
        if let Some(before) = cutoffs.events_before {
            let ids: Vec<String> = sqlx::query_scalar(
                "DELETE FROM events WHERE workspace_id = $1 AND timestamp < $2 \
                 AND NOT (type = 'track' AND event IS NOT NULL AND event = ANY($3)) \
                 RETURNING message_id",
            )
            .bind(ws)
            .bind(ts(before))
            .bind(&kept_apart)
            .fetch_all(&mut *tx)
            .await?;
            gone.extend(ids);
        }
        for (event, before) in &cutoffs.by_event {
            let Some(before) = before else { continue };
            let ids: Vec<String> = sqlx::query_scalar(
                "DELETE FROM events WHERE workspace_id = $1 AND type = 'track' AND event = $2 \
                 AND timestamp < $3 RETURNING message_id",
            )
            .bind(ws)
            .bind(event)
            .bind(ts(*before))
            .fetch_all(&mut *tx)
            .await?;
            gone.extend(ids);
        }
        counts.events = gone.len() as u64;
        for chunk in gone.chunks(10_000) {
            sqlx::query("DELETE FROM event_ids WHERE workspace_id = $1 AND message_id = ANY($2)")
                .bind(ws)
                .bind(chunk)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(before) = cutoffs.comments_before {
            counts.comments += sqlx::query(
                "UPDATE events SET body = ((body::jsonb) #- ARRAY['properties', $3])::text \
                 WHERE workspace_id = $1 AND type = 'track' AND timestamp < $2 \
                 AND jsonb_typeof((body::jsonb) -> 'properties') = 'object' \
                 AND ((body::jsonb) -> 'properties') ? $3",
            )
            .bind(ws)
            .bind(ts(before))
            .bind(COMMENT_PROPERTY)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        if counts.changed() {
            self.vacuum().await;
        }
        Ok(counts)
    }
}

/// The outbox part of an erasure, in the caller's transaction (one database holds both).
async fn erase_outbox(tx: &mut Tx, ws: &str, erasure: &Erasure) -> Result<ErasureCounts> {
    let mut counts = ErasureCounts::default();
    let firings: BTreeSet<i64> = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM moment_firings WHERE workspace_id = $1 AND customer = ANY($2)",
    )
    .bind(ws)
    .bind(&erasure.ids)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let firing_list: Vec<i64> = firings.iter().copied().collect();
    let terms: Vec<String> = erasure.ids.iter().chain(&erasure.terms).cloned().collect();
    let deliveries: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, status FROM moment_deliveries WHERE workspace_id = $1 \
         AND (firing_id = ANY($2) OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS t(term) \
         WHERE strpos(payload, t.term) > 0)) FOR UPDATE",
    )
    .bind(ws)
    .bind(&firing_list)
    .bind(&terms)
    .fetch_all(&mut **tx)
    .await?;
    let ids: Vec<i64> = deliveries.iter().map(|(id, _)| *id).collect();
    counts.deliveries = ids.len() as u64;
    counts.cancelled = deliveries.iter().filter(|(_, s)| s == "pending").count() as u64;
    counts.tasks += sqlx::query(
        "DELETE FROM tasks WHERE delivery_id = ANY($1) \
         OR (workspace_id = $2 AND customer = ANY($3))",
    )
    .bind(&ids)
    .bind(ws)
    .bind(&erasure.ids)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE moment_attempts SET error = NULL WHERE delivery_id = ANY($1)")
        .bind(&ids)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE moment_deliveries SET payload = '{}', \
         status = CASE WHEN status = 'pending' THEN 'dead' ELSE status END, \
         last_error = 'cancelled: the person was erased' WHERE id = ANY($1)",
    )
    .bind(&ids)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE moment_firings SET occurrence = 'erased-' || id, customer = '', \
         persona = NULL, context = '{}' WHERE id = ANY($1)",
    )
    .bind(&firing_list)
    .execute(&mut **tx)
    .await?;
    counts.firings = firings.len() as u64;
    Ok(counts)
}
