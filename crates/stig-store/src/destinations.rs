//! Streaming destinations: a source's accepted events forwarded to a webhook, through the
//! moments' outbox.
//!
//! A [`Destination`] keeps a cursor over its workspace's events (their arrival numbers). The
//! runtime reads the events after it, and commits ONE transaction
//! ([`Store::commit_destination`](crate::Store::commit_destination)) holding the batches it
//! queues (each a firing of the pseudo-moment [`Destination::moment`] with one `webhook`
//! delivery) and the advanced cursor: a crash neither loses nor duplicates a queued batch.
//! The moments' sender then delivers them (signed, retried, dead letters), so their counts and
//! attempts are the moments' ones.

use jiff::Timestamp;
use rand::RngCore as _;
use serde::Serialize;

use crate::sql::{now, parse_ts, ts};
use crate::{NewFiring, Result, SqliteStore, StoreError};

/// What a destination's batches are filed under in the outbox: `destination:<id>` (a
/// moment's id never holds a `:`).
pub const DESTINATION_MOMENT_PREFIX: &str = "destination:";

/// A streaming destination of one source, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Destination {
    /// Random, e.g. `dst_3f09a1c2b4d5e6f7`.
    pub id: String,
    pub workspace: String,
    /// The source whose events are forwarded.
    pub source: String,
    /// Where batches are POSTed (checked against the SSRF guard when saved and when sent).
    pub url: String,
    /// The name of the workspace secret holding the `whsec_…` signing key (never its value).
    pub secret: String,
    /// Off: paused; the cursor waits, and once enabled again what came meanwhile follows.
    pub enabled: bool,
    /// Event types (`track`, `page`, …) or track event names forwarded; empty: every event.
    pub only: Vec<String>,
    /// Arrival number of the last event looked at.
    pub cursor: i64,
    pub created_at: Timestamp,
    pub created_by: String,
}

impl Destination {
    /// The pseudo-moment its batches are filed under in the outbox.
    pub fn moment(&self) -> String {
        format!("{DESTINATION_MOMENT_PREFIX}{}", self.id)
    }

    /// Whether an event of this `kind` (and track `event` name) passes the filter.
    pub fn accepts(&self, kind: &str, event: Option<&str>) -> bool {
        self.only.is_empty()
            || self
                .only
                .iter()
                .any(|o| o == kind || event.is_some_and(|e| e == o))
    }
}

/// A destination to create.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDestination {
    pub source: String,
    pub url: String,
    /// Event types or track event names; empty: every event.
    pub only: Vec<String>,
    pub enabled: bool,
}

/// A URL longer than this is refused.
pub(crate) const MAX_URL: usize = 2_000;

/// Every destination read selects these, in `DestinationRow` order.
macro_rules! dest_select {
    () => {
        "SELECT id, workspace_id, source_id, url, secret, enabled, only_events, cursor_seq, \
         created_at, created_by FROM destinations "
    };
}
pub(crate) const DEST_INSERT: &str = "INSERT INTO destinations (id, workspace_id, source_id, url, secret, \
     enabled, only_events, cursor_seq, created_at, created_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
pub(crate) const DEST_LIST: &str = concat!(
    dest_select!(),
    "WHERE ($1 IS NULL OR workspace_id = $1) AND ($2 IS NULL OR source_id = $2) \
     ORDER BY created_at, id"
);
pub(crate) const DEST_GET: &str = concat!(dest_select!(), "WHERE workspace_id = $1 AND id = $2");
pub(crate) const DEST_ENABLE: &str =
    "UPDATE destinations SET enabled = $3 WHERE workspace_id = $1 AND id = $2";
/// Compare and set: a cursor that moved meanwhile (another runner) is left alone.
pub(crate) const DEST_ADVANCE: &str = "UPDATE destinations SET cursor_seq = $4 \
     WHERE workspace_id = $1 AND id = $2 AND cursor_seq = $3";
pub(crate) const DEST_EXISTS: &str =
    "SELECT EXISTS (SELECT 1 FROM destinations WHERE workspace_id = $1 AND id = $2)";
/// A destination's batches with their attempts (`$2`: its pseudo-moment), then itself.
pub(crate) const DEST_DELETE: [&str; 4] = [
    "DELETE FROM moment_attempts WHERE delivery_id IN (SELECT d.id FROM moment_deliveries d \
     JOIN moment_firings f ON f.id = d.firing_id WHERE f.workspace_id = $1 AND f.moment = $2)",
    "DELETE FROM moment_deliveries WHERE firing_id IN \
     (SELECT id FROM moment_firings WHERE workspace_id = $1 AND moment = $2)",
    "DELETE FROM moment_firings WHERE workspace_id = $1 AND moment = $2",
    "DELETE FROM destinations WHERE workspace_id = $1 AND id = $3",
];
// In the main file.
pub(crate) const SOURCE_EXISTS: &str =
    "SELECT EXISTS (SELECT 1 FROM sources WHERE workspace_id = $1 AND id = $2)";
pub(crate) const EVENTS_LAST_SEQ: &str =
    "SELECT COALESCE(MAX(seq), 0) FROM events WHERE workspace_id = $1";

pub(crate) type DestinationRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    String,
);

pub(crate) fn from_row(row: DestinationRow) -> Result<Destination> {
    let (id, workspace, source, url, secret, enabled, only, cursor, created_at, created_by) = row;
    let only: Vec<String> = serde_json::from_str(&only)
        .map_err(|e| StoreError::Corrupt(format!("the filter of destination `{id}`: {e}")))?;
    Ok(Destination {
        created_at: parse_ts(&created_at)?,
        id,
        workspace,
        source,
        url,
        secret,
        enabled: enabled != 0,
        only,
        cursor,
        created_by,
    })
}

pub(crate) fn not_found(id: &str, ws: &str) -> StoreError {
    StoreError::NotFound {
        kind: "destination",
        id: id.to_owned(),
        workspace: Some(ws.to_owned()),
    }
}

/// `dst_` and 16 random hex digits: lower case, so `destination-<id>` is a valid secret name
/// everywhere.
pub(crate) fn new_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("dst_{hex}")
}

/// The filter's entries trimmed, without empties or repeats, in the order given.
pub(crate) fn clean_filter(only: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in only.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
        if !out.iter().any(|x| x == o) {
            out.push(o.to_owned());
        }
    }
    out
}

impl SqliteStore {
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
                Err(not_found(id, ws))
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
            return Err(not_found(id, ws));
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
            return Err(not_found(id, ws));
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
        crate::sqlite_moments::insert_firings(&mut tx, ws, batches, &ts(now())).await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeliveryStatus, NewDelivery, NewEvent, Store};

    fn event(i: i64, source: Option<&str>) -> NewEvent {
        NewEvent {
            message_id: format!("m{i}"),
            kind: "track".into(),
            user_id: Some("u".into()),
            anonymous_id: None,
            event: Some("Tested".into()),
            timestamp: Timestamp::from_second(1_700_000_000 + i).expect("time"),
            received_at: Timestamp::from_second(1_700_000_000 + i).expect("time"),
            source: source.map(str::to_owned),
            body: serde_json::json!({"type": "track", "event": "Tested", "messageId": format!("m{i}")}),
        }
    }

    fn batch(d: &Destination, occurrence: &str) -> NewFiring {
        NewFiring {
            moment: d.moment(),
            occurrence: occurrence.into(),
            customer: String::new(),
            persona: None,
            at: now(),
            context: serde_json::json!({}),
            deliveries: vec![NewDelivery {
                action: 0,
                kind: "webhook".into(),
                payload: serde_json::json!({"url": d.url, "secret": d.secret, "body": {}}),
                not_before: now(),
            }],
            suppressed: Vec::new(),
        }
    }

    #[tokio::test]
    async fn a_destination_commits_its_batches_with_its_cursor_and_goes_whole() {
        let store = SqliteStore::open_in_memory().await.expect("store");
        store
            .import_workspace("w", &stig_model::Workspace::default(), "test")
            .await
            .expect("import");
        let (src, _) = store.create_source("w", "Web").await.expect("source");
        store
            .append_events("w", &[event(1, Some(&src.id))])
            .await
            .expect("append");

        let new = NewDestination {
            source: src.id.clone(),
            url: " https://example.com/hook ".into(),
            only: vec![
                " track".into(),
                String::new(),
                "track".into(),
                "Order Completed".into(),
            ],
            enabled: true,
        };
        let unknown = NewDestination {
            source: "src_nope".into(),
            ..new.clone()
        };
        assert!(matches!(
            store
                .create_destination("w", &unknown, "whsec_x", "kari")
                .await,
            Err(StoreError::NotFound { kind: "source", .. })
        ));
        let empty = NewDestination {
            url: "  ".into(),
            ..new.clone()
        };
        assert!(matches!(
            store
                .create_destination("w", &empty, "whsec_x", "kari")
                .await,
            Err(StoreError::Invalid(_))
        ));

        let d = store
            .create_destination("w", &new, "whsec_x", "kari")
            .await
            .expect("create");
        assert_eq!(d.url, "https://example.com/hook");
        assert_eq!(d.only, ["track", "Order Completed"]);
        assert!(d.cursor > 0, "starts after the events stored before it");
        assert_eq!(
            store
                .workspace_secret("w", &d.secret)
                .await
                .expect("secret"),
            Some("whsec_x".into())
        );
        assert!(d.accepts("track", Some("Anything")));
        assert!(d.accepts("page", Some("Order Completed")));
        assert!(!d.accepts("identify", None));
        assert_eq!(store.destination("w", &d.id).await.expect("get"), d);

        // The batch and the cursor commit together; a stale cursor commits nothing.
        let to = d.cursor + 5;
        assert!(
            store
                .commit_destination("w", &d.id, Some((d.cursor, to)), &[batch(&d, "events:1-5")])
                .await
                .expect("commit")
        );
        assert!(
            !store
                .commit_destination("w", &d.id, Some((d.cursor, to + 1)), &[batch(&d, "x")])
                .await
                .expect("stale")
        );
        assert_eq!(store.destination("w", &d.id).await.expect("get").cursor, to);
        let due = store.due_deliveries(now(), 10).await.expect("due");
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(due[0].moment, d.moment());
        assert_eq!(due[0].status, DeliveryStatus::Pending);
        assert_eq!(due[0].payload["secret"], d.secret.as_str());

        store
            .set_destination_enabled("w", &d.id, false)
            .await
            .expect("pause");
        let listed = store
            .list_destinations(None, Some(&src.id))
            .await
            .expect("list");
        assert_eq!(listed.len(), 1);
        assert!(!listed[0].enabled);
        assert!(
            store
                .list_destinations(Some("w"), Some("src_other"))
                .await
                .expect("list")
                .is_empty()
        );

        // Deleting takes its queued batches and its key with it.
        store.delete_destination("w", &d.id).await.expect("delete");
        assert!(
            store
                .due_deliveries(now(), 10)
                .await
                .expect("due")
                .is_empty()
        );
        assert_eq!(
            store
                .workspace_secret("w", &d.secret)
                .await
                .expect("secret"),
            None
        );
        assert!(matches!(
            store.destination("w", &d.id).await,
            Err(StoreError::NotFound {
                kind: "destination",
                ..
            })
        ));
        assert!(matches!(
            store.commit_destination("w", &d.id, None, &[]).await,
            Err(StoreError::NotFound { .. })
        ));

        // A workspace deleted takes its destinations.
        let again = store
            .create_destination("w", &new, "whsec_y", "kari")
            .await
            .expect("create");
        store.delete_workspace("w").await.expect("delete workspace");
        assert!(
            store
                .list_destinations(None, None)
                .await
                .expect("list")
                .iter()
                .all(|x| x.id != again.id)
        );
    }
}
