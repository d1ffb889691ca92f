//! The PostgreSQL backend: one database for everything SQLite keeps in two files, migrated
//! on open (`migrations/postgres`), with events in a table partitioned by month and appended
//! through `COPY`.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};
use stig_model::{Settings, Workspace};

use crate::auth::{self, PasswordHash};
use crate::entity::to_json;
use crate::sql::{self, now, parse_ts, to_i64, to_usize, ts};
use crate::sqlite::{
    EventRow, RejectionRow, SourceRow, TOKEN_USE_RESOLUTION, UserRow, check_entity_id,
    check_workspace_id, entity_missing, event_from_row, import_rows, parse_body, parse_json_value,
    parse_settings, rejection_from_row, source_from_row, user_from_row, user_not_found, versioned,
};
use crate::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Firing, FiringQuery,
    MomentCommit, MomentCounts, SecretInfo, Task, TaskStatus,
};
use crate::{
    ApiTokenInfo, EntityCounts, EntityKind, NewSession, Result, Role, Session, Store, StoreError,
    User, Versioned, WorkspaceSummary,
};
use crate::{
    AppendOutcome, EventBatch, EventFilter, NewEvent, Rejection, SequencedEvent, Source,
    SourceCounts, StoredEvent,
};

/// The schema, embedded in the binary; applied on open, in order, each migration once (sqlx
/// holds an advisory lock meanwhile, so nodes starting together migrate once).
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub(crate) type Tx = Transaction<'static, Postgres>;

/// The PostgreSQL [`Store`]: every table in one database (the moments' outbox included, so
/// its rows reference their workspace and a delete cascades).
///
/// Transactions run at PostgreSQL's default, READ COMMITTED; where SQLite relied on its one
/// writer, rows are locked instead: every entity write starts by updating its workspace's
/// row (`sql::WS_TOUCH`), and a workspace's event appends take turns on a transaction-scoped
/// advisory lock, so arrival numbers are handed out in commit order within a workspace
/// (readers by cursor never skip an event that commits late).
///
/// Events live in `events`, partitioned by the month they were received; a partition is
/// created (in its own short transaction) before an append needs it. The messageId
/// de-duplication holds across partitions through the `event_ids` key table, written in the
/// append's transaction. Appends copy the rows in with `COPY … FROM STDIN` into a temporary
/// table and move them over with one `INSERT … SELECT`.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    /// Partitions known to exist (`2026-01`), so an append checks the catalogue once a month.
    partitions: Arc<Mutex<HashSet<String>>>,
    /// The notifications of [`Store::changes`], listened for from the first call on.
    changes: Arc<std::sync::OnceLock<tokio::sync::broadcast::Sender<Changed>>>,
    /// Held by every clone; the failover follower of a multi-host URL stops when it goes.
    alive: Arc<()>,
}

/// A change another writer made, from [`Store::changes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub workspace: String,
    /// New events (else the design: settings or entities, or the workspace came or went).
    pub events: bool,
}

/// The channels the store notifies on (see `migrations/postgres/0004_notify.sql`).
const CHANNEL_WORKSPACE: &str = "stig_workspace";
const CHANNEL_EVENTS: &str = "stig_events";

/// How long a request waits for a connection before it is refused as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
/// The longest pause between two tries to listen again after the database went away.
const LISTEN_BACKOFF_MAX: Duration = Duration::from_secs(5);

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/db`) and
    /// migrates it. Several hosts (libpq's `postgres://u:p@h1:5432,h2:5433/db`, or URLs
    /// separated by commas): the first that is not in recovery, followed to another when it
    /// stops being the primary (see `postgres_hosts.rs`).
    pub async fn open(url: &str) -> Result<Self> {
        let mut targets = crate::postgres_hosts::parse(url)?;
        if targets.len() == 1 {
            return Self::open_with(targets.remove(0)).await;
        }
        let first = crate::postgres_hosts::primary(&targets).await?;
        let store = Self::open_with(targets[first].clone()).await?;
        crate::postgres_hosts::follow(
            store.pool.clone(),
            targets,
            first,
            Arc::downgrade(&store.alive),
        );
        Ok(store)
    }

    /// [`PgStore::open`] with options built in code.
    pub async fn open_with(options: PgConnectOptions) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // While the database is away a request fails in this time (a 503 with
            // `Retry-After`) rather than hanging; sqlx reconnects once it is back.
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(PgStore {
            pool,
            partitions: Arc::default(),
            changes: Arc::default(),
            alive: Arc::default(),
        })
    }

    /// The connection pool, for diagnostics, copies and tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether `url` names a PostgreSQL database rather than a SQLite file.
    pub fn is_url(url: &str) -> bool {
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }

    /// Starts listening for notifications, once, on a connection of its own; the task ends
    /// when the store (every clone) is gone.
    fn listen(&self) -> Option<tokio::sync::broadcast::Sender<Changed>> {
        if let Some(sender) = self.changes.get() {
            return Some(sender.clone());
        }
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let sender = self
            .changes
            .get_or_init(|| tokio::sync::broadcast::channel(1024).0)
            .clone();
        let (pool, tx, alive) = (
            self.pool.clone(),
            sender.clone(),
            Arc::downgrade(&self.changes),
        );
        runtime.spawn(async move {
            // While the database is away, tries again after a pause that doubles up to
            // `LISTEN_BACKOFF_MAX` (readers poll meanwhile); said once when lost and once
            // when back.
            let mut backoff = Duration::from_millis(250);
            let mut listener = loop {
                let listening = match sqlx::postgres::PgListener::connect_with(&pool).await {
                    Ok(mut l) => l
                        .listen_all([CHANNEL_WORKSPACE, CHANNEL_EVENTS])
                        .await
                        .map(|()| l),
                    Err(e) => Err(e),
                };
                match listening {
                    Ok(l) => break l,
                    Err(sqlx::Error::PoolClosed) => return,
                    Err(_) if alive.strong_count() == 0 => return,
                    Err(e) => {
                        tracing::warn!(message = "listening for changes: PostgreSQL does not answer; trying again", error = %e);
                    }
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(LISTEN_BACKOFF_MAX);
            };
            let mut lost = false;
            while alive.strong_count() > 0 {
                // Woken now and then to see whether the store is still there.
                match tokio::time::timeout(Duration::from_secs(5), listener.try_recv()).await {
                    Ok(Ok(Some(n))) => {
                        if lost {
                            tracing::info!(message = "listening for changes again");
                            lost = false;
                            backoff = Duration::from_millis(250);
                        }
                        let _ = tx.send(Changed {
                            workspace: n.payload().to_owned(),
                            events: n.channel() == CHANNEL_EVENTS,
                        });
                    }
                    // The connection was lost: the next call reconnects and listens again
                    // (what was sent meanwhile is not heard; readers poll too).
                    Ok(Ok(None)) => {
                        if !lost {
                            tracing::warn!(message = "listening for changes: the connection was lost; reconnecting");
                            lost = true;
                        }
                    }
                    Err(_) => {
                        if lost {
                            // A quiet five seconds after reconnecting: back.
                            tracing::info!(message = "listening for changes again");
                            lost = false;
                            backoff = Duration::from_millis(250);
                        }
                    }
                    Ok(Err(sqlx::Error::PoolClosed)) => return,
                    Ok(Err(e)) => {
                        if !lost {
                            tracing::warn!(message = "listening for changes: PostgreSQL does not answer; trying again", error = %e);
                            lost = true;
                        }
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(LISTEN_BACKOFF_MAX);
                    }
                }
            }
        });
        Some(sender)
    }

    pub(crate) async fn write(&self) -> Result<Tx> {
        Ok(self.pool.begin().await?)
    }

    pub(crate) async fn read(&self) -> Result<Tx> {
        Ok(self.pool.begin().await?)
    }

    pub(crate) fn outbox_pool(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) async fn outbox_write(&self) -> Result<Tx> {
        self.write().await
    }

    pub(crate) async fn outbox_read(&self) -> Result<Tx> {
        self.read().await
    }

    /// `NotFound` unless the workspace exists.
    pub(crate) async fn ensure_workspace(&self, ws: &str) -> Result<()> {
        if workspace_exists(&self.pool, ws).await? {
            Ok(())
        } else {
            Err(StoreError::workspace_not_found(ws))
        }
    }

    /// Creates the monthly partitions of `events` that `months` (`2026-01`) need and that
    /// are not known yet. Each in its own statement outside the append's transaction: the
    /// catalogue lock it takes is then held for an instant, not for a whole append.
    pub(crate) async fn ensure_partitions(&self, months: &HashSet<String>) -> Result<()> {
        let missing: Vec<&String> = {
            let known = self.partitions.lock().unwrap_or_else(|e| e.into_inner());
            months.iter().filter(|m| !known.contains(*m)).collect()
        };
        for month in missing {
            let (from, to, name) = partition_bounds(month)?;
            let exists: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = $1 \
                 AND relnamespace = current_schema()::regnamespace)",
            )
            .bind(&name)
            .fetch_one(&self.pool)
            .await?;
            if !exists {
                // Audited: `name`, `from` and `to` are made of digits and `-` only.
                let create = format!(
                    "CREATE TABLE IF NOT EXISTS {name} PARTITION OF events \
                     FOR VALUES FROM ('{from}') TO ('{to}')"
                );
                if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(create))
                    .execute(&self.pool)
                    .await
                {
                    // Another node created it at the same instant: fine if it is there now.
                    let there: bool = sqlx::query_scalar(
                        "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = $1)",
                    )
                    .bind(&name)
                    .fetch_one(&self.pool)
                    .await?;
                    if !there {
                        return Err(e.into());
                    }
                }
            }
            self.partitions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(month.clone());
        }
        Ok(())
    }
}

/// The month (`2026-01`) an event received at `received_at` (as stored) is filed under.
pub(crate) fn month_of(received_at: &str) -> String {
    received_at.chars().take(7).collect()
}

/// `('2026-01', '2026-02', "events_p2026_01")` for the month `2026-01`; `Invalid` for
/// anything else (a year before 0000 or after 9999 has no partition).
fn partition_bounds(month: &str) -> Result<(String, String, String)> {
    let bad = || StoreError::Invalid(format!("no event partition for the month `{month}`"));
    let (y, m) = month.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (year, mon): (u32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&mon) {
        return Err(bad());
    }
    let (ny, nm) = if mon == 12 {
        (year + 1, 1)
    } else {
        (year, mon + 1)
    };
    let to = if ny > 9999 {
        // Past the last month anything sorts before this.
        "9999-99".to_owned()
    } else {
        format!("{ny:04}-{nm:02}")
    };
    Ok((month.to_owned(), to, format!("events_p{year:04}_{mon:02}")))
}

// ---- helpers -------------------------------------------------------------------------

/// Bumps the workspace's revision (locking its row until the transaction ends, so writers
/// to one workspace go one at a time); `NotFound` if there is no such workspace.
async fn touch_workspace(tx: &mut Tx, ws: &str, by: &str) -> Result<()> {
    let done = sqlx::query(sql::WS_TOUCH)
        .bind(ws)
        .bind(ts(now()))
        .bind(by)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::workspace_not_found(ws));
    }
    Ok(())
}

/// `NotFound` for the workspace if it is missing, else for the entity.
async fn entity_not_found(pool: &PgPool, ws: &str, kind: EntityKind, id: &str) -> StoreError {
    match workspace_exists(pool, ws).await {
        Ok(true) => entity_missing(ws, kind, id),
        Ok(false) => StoreError::workspace_not_found(ws),
        Err(e) => e,
    }
}

/// The entity's position, inside a write transaction: `NotFound` if it does not exist,
/// `Conflict` if it is no longer at `expected_version`.
async fn entity_position(
    tx: &mut Tx,
    ws: &str,
    kind: EntityKind,
    id: &str,
    expected_version: Option<i64>,
) -> Result<i64> {
    let meta: Option<(i64, String, String, i64)> = sqlx::query_as(sql::ENT_META)
        .bind(ws)
        .bind(kind.as_str())
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((current_version, updated_at, updated_by, position)) = meta else {
        return Err(entity_missing(ws, kind, id));
    };
    if expected_version.is_some_and(|v| v != current_version) {
        return Err(StoreError::Conflict {
            kind: kind.as_str(),
            id: id.to_owned(),
            workspace: Some(ws.to_owned()),
            current_version,
            updated_by,
            updated_at: parse_ts(&updated_at)?,
        });
    }
    Ok(position)
}

async fn workspace_exists(pool: &PgPool, ws: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(sql::WS_EXISTS)
        .bind(ws)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// [`sql::WS_GET`], locking the row.
const WS_GET_FOR_UPDATE: &str =
    "SELECT settings, version, updated_at, updated_by FROM workspaces WHERE id = $1 FOR UPDATE";
/// Whether a messageId is stored, from the key table (one index, not one per partition).
const EVENT_ID_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM event_ids \
     WHERE workspace_id = $1 AND message_id = $2)";

/// The database's clock as stored text (UTC, milliseconds), `$3` milliseconds from now.
macro_rules! db_time_plus_ms {
    () => {
        "to_char((clock_timestamp() + make_interval(secs => $3::float8 / 1000)) \
         AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    };
}
/// Takes lease `$1` for `$2` for `$3` ms: inserted, or taken over when it is `$2`'s already or
/// has run out; no row back when another holder's lease still runs.
const LEASE_TAKE: &str = concat!(
    "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, ",
    db_time_plus_ms!(),
    ") ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
     expires_at = excluded.expires_at WHERE leases.holder = excluded.holder \
     OR leases.expires_at <= to_char(clock_timestamp() AT TIME ZONE 'UTC', \
     'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') RETURNING holder"
);

/// The event types `events.type` admits (checked before the copy, to name the event).
const EVENT_TYPES: [&str; 6] = ["identify", "track", "page", "screen", "group", "alias"];

/// Moves the rows copied into `stig_incoming` into `events`: the first of each messageId
/// (in copy order) that the key table does not hold yet, numbered in copy order; answers
/// how many each batch stored.
const EVENTS_FROM_INCOMING: &str = "WITH firsts AS ( \
       SELECT DISTINCT ON (workspace_id, message_id) * FROM stig_incoming \
       ORDER BY workspace_id, message_id, ord \
     ), fresh AS ( \
       INSERT INTO event_ids (workspace_id, message_id) \
       SELECT workspace_id, message_id FROM firsts ON CONFLICT DO NOTHING \
       RETURNING workspace_id, message_id \
     ), kept AS ( \
       SELECT f.* FROM firsts f JOIN fresh n \
       ON n.workspace_id = f.workspace_id AND n.message_id = f.message_id \
     ), stored AS ( \
       INSERT INTO events (seq, workspace_id, message_id, type, user_id, anonymous_id, event, \
       timestamp, received_at, body, source_id) \
       SELECT nextval('events_seq'), workspace_id, message_id, type, user_id, anonymous_id, \
       event, timestamp, received_at, body, source_id \
       FROM (SELECT * FROM kept ORDER BY ord) k \
       RETURNING 1 \
     ) \
     SELECT batch, COUNT(*) FROM kept GROUP BY batch";

/// One event as a line of `COPY … FROM STDIN` text: tab-separated, `\N` for NULL.
pub(crate) fn copy_line(out: &mut String, fields: &[Option<&str>]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        match f {
            None => out.push_str("\\N"),
            Some(text) => {
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c => out.push(c),
                    }
                }
            }
        }
    }
    out.push('\n');
}

/// `Invalid` for a text PostgreSQL cannot store (a NUL character), naming the event.
fn check_text(message_id: &str, what: &str, text: Option<&str>) -> Result<()> {
    if text.is_some_and(|t| t.contains('\0')) {
        return Err(StoreError::Invalid(format!(
            "event `{}`: its {what} holds a NUL character",
            message_id.replace('\0', "\\0")
        )));
    }
    Ok(())
}

impl PgStore {
    /// Stores the events of several requests in ONE transaction, one outcome per request.
    ///
    /// The rows are checked first (so an error names the event at fault), the partitions they
    /// need created, then each workspace's turn taken (in name order, so two group commits
    /// never wait on each other crosswise), the rows copied in and moved over.
    async fn append(&self, batches: &[(&str, &[NewEvent])]) -> Result<Vec<AppendOutcome>> {
        let mut text = String::new();
        let mut months = HashSet::new();
        let mut workspaces: Vec<&str> = Vec::new();
        let mut ord: i64 = 0;
        for (batch, (ws, events)) in batches.iter().enumerate() {
            if !workspaces.contains(ws) {
                workspaces.push(ws);
            }
            for e in events.iter() {
                if !EVENT_TYPES.contains(&e.kind.as_str()) {
                    return Err(StoreError::Invalid(format!(
                        "event `{}`: `{}` is not an event type",
                        e.message_id, e.kind
                    )));
                }
                let body = serde_json::to_string(&e.body).map_err(|err| {
                    StoreError::Invalid(format!("event `{}`: {err}", e.message_id))
                })?;
                for (what, value) in [
                    ("messageId", Some(e.message_id.as_str())),
                    ("userId", e.user_id.as_deref()),
                    ("anonymousId", e.anonymous_id.as_deref()),
                    ("event name", e.event.as_deref()),
                    ("source", e.source.as_deref()),
                ] {
                    check_text(&e.message_id, what, value)?;
                }
                let received_at = ts(e.received_at);
                months.insert(month_of(&received_at));
                ord += 1;
                let (ord_text, batch_text) = (ord.to_string(), batch.to_string());
                copy_line(
                    &mut text,
                    &[
                        Some(&ord_text),
                        Some(&batch_text),
                        Some(ws),
                        Some(&e.message_id),
                        Some(&e.kind),
                        e.user_id.as_deref(),
                        e.anonymous_id.as_deref(),
                        e.event.as_deref(),
                        Some(&ts(e.timestamp)),
                        Some(&received_at),
                        Some(&body),
                        e.source.as_deref(),
                    ],
                );
            }
        }
        workspaces.sort_unstable();
        self.ensure_partitions(&months).await?;

        let mut tx = self.write().await?;
        for ws in &workspaces {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('stig.events:' || $1, 0))")
                .bind(ws)
                .execute(&mut *tx)
                .await?;
        }
        let known: Vec<String> = sqlx::query_scalar("SELECT id FROM workspaces WHERE id = ANY($1)")
            .bind(&workspaces)
            .fetch_all(&mut *tx)
            .await?;
        if let Some(missing) = workspaces.iter().find(|w| !known.iter().any(|k| k == *w)) {
            return Err(StoreError::workspace_not_found(missing));
        }
        let mut outcomes: Vec<AppendOutcome> = batches
            .iter()
            .map(|(_, events)| AppendOutcome {
                stored: 0,
                duplicates: events.len() as u64,
            })
            .collect();
        if text.is_empty() {
            tx.commit().await?;
            return Ok(outcomes);
        }
        sqlx::query(
            "CREATE TEMPORARY TABLE IF NOT EXISTS stig_incoming (ord BIGINT, batch BIGINT, \
             workspace_id TEXT COLLATE \"C\", message_id TEXT COLLATE \"C\", type TEXT, \
             user_id TEXT, anonymous_id TEXT, event TEXT, timestamp TEXT, received_at TEXT, \
             body TEXT, source_id TEXT) ON COMMIT DELETE ROWS",
        )
        .execute(&mut *tx)
        .await?;
        let mut copy = tx.copy_in_raw("COPY stig_incoming FROM STDIN").await?;
        // In pieces of about a megabyte: the server is sent each as it comes.
        let bytes = text.as_bytes();
        for piece in bytes.chunks(1 << 20) {
            copy.send(piece).await?;
        }
        copy.finish().await?;
        let stored: std::result::Result<Vec<(i64, i64)>, sqlx::Error> =
            sqlx::query_as(EVENTS_FROM_INCOMING)
                .fetch_all(&mut *tx)
                .await;
        let stored = match stored {
            Ok(rows) => rows,
            Err(e) if sql::is_foreign_key_violation(&e) => {
                // A source deleted (or never there): the events name a source id it lacks.
                return Err(StoreError::Invalid(format!(
                    "the events name a source the workspace does not have: {e}"
                )));
            }
            Err(e) => return Err(e.into()),
        };
        // Other nodes hear of the new events when this commits.
        for ws in &workspaces {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL_EVENTS)
                .bind(ws)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        for (batch, n) in stored {
            if let Some(o) = usize::try_from(batch)
                .ok()
                .and_then(|b| outcomes.get_mut(b))
            {
                let n = u64::try_from(n).unwrap_or(0);
                o.stored = n;
                o.duplicates -= n.min(o.duplicates);
            }
        }
        Ok(outcomes)
    }
}

// ---- the store -----------------------------------------------------------------------

#[async_trait]
impl Store for PgStore {
    async fn list_workspaces(&self) -> Result<Vec<WorkspaceSummary>> {
        let mut tx = self.read().await?;
        let rows: Vec<(String, String, i64, String, String)> =
            sqlx::query_as(sql::WS_LIST).fetch_all(&mut *tx).await?;
        let counts: Vec<(String, String, i64)> =
            sqlx::query_as(sql::WS_COUNTS).fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let mut by_ws: HashMap<String, EntityCounts> = HashMap::new();
        for (ws, kind, n) in counts {
            let kind = EntityKind::from_str(&kind)
                .map_err(|_| StoreError::Corrupt(format!("entity kind `{kind}` in `{ws}`")))?;
            *by_ws.entry(ws).or_default().slot_mut(kind) = to_usize(n);
        }
        rows.into_iter()
            .map(|(id, settings, revision, changed_at, changed_by)| {
                let settings = parse_settings(&id, &settings)?;
                Ok(WorkspaceSummary {
                    counts: by_ws.get(&id).copied().unwrap_or_default(),
                    id,
                    name: settings.name,
                    locale: settings.locale,
                    revision,
                    changed_at: parse_ts(&changed_at)?,
                    changed_by,
                })
            })
            .collect()
    }

    async fn load_workspace(&self, id: &str) -> Result<Versioned<Workspace>> {
        let mut tx = self.read().await?;
        let row: Option<(String, i64, String, String)> = sqlx::query_as(sql::WS_GET)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((settings, version, updated_at, updated_by)) = row else {
            return Err(StoreError::workspace_not_found(id));
        };
        let entities: Vec<(String, String, String)> = sqlx::query_as(sql::ENT_ALL)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;

        let mut ws = Workspace {
            settings: parse_settings(id, &settings)?,
            ..Workspace::default()
        };
        for (kind, eid, body) in entities {
            let kind_ = EntityKind::from_str(&kind)
                .map_err(|_| StoreError::Corrupt(format!("entity kind `{kind}` in `{id}`")))?;
            match kind_ {
                EntityKind::Persona => ws.personas.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Journey => ws.journeys.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Touchpoint => ws.touchpoints.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Actor => ws.actors.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Goal => ws.goals.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Dilemma => ws.dilemmas.push(parse_body(id, &kind, &eid, &body)?),
                EntityKind::Moment => ws.moments.push(parse_body(id, &kind, &eid, &body)?),
            }
        }
        versioned(ws, version, &updated_at, updated_by)
    }

    async fn create_workspace(&self, id: &str, settings: &Settings, by: &str) -> Result<()> {
        check_workspace_id(id)?;
        let at = ts(now());
        let result = sqlx::query(sql::WS_INSERT)
            .bind(id)
            .bind(to_json(settings)?)
            .bind(1_i64)
            .bind(&at)
            .bind(by)
            .bind(&at)
            .bind(by)
            .execute(&self.pool)
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if sql::is_unique_violation(&e) => Err(StoreError::AlreadyExists {
                kind: "workspace",
                id: id.to_owned(),
                workspace: None,
            }),
            Err(e) => Err(e.into()),
        }
    }

    async fn import_workspace(&self, id: &str, ws: &Workspace, by: &str) -> Result<()> {
        check_workspace_id(id)?;
        let rows = import_rows(id, ws)?;
        let settings = to_json(&ws.settings)?;
        let at = ts(now());

        let mut tx = self.write().await?;
        // Locked: a concurrent import or edit of this workspace waits for this one.
        let old: Option<(String, i64, String, String)> = sqlx::query_as(WS_GET_FOR_UPDATE)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        match old {
            None => {
                sqlx::query(sql::WS_INSERT)
                    .bind(id)
                    .bind(&settings)
                    .bind(1_i64)
                    .bind(&at)
                    .bind(by)
                    .bind(&at)
                    .bind(by)
                    .execute(&mut *tx)
                    .await?;
            }
            Some((old_settings, version, updated_at, updated_by)) => {
                // Unchanged settings keep their version; changed ones move on by one.
                let (version, updated_at, updated_by) = if old_settings == settings {
                    (version, updated_at, updated_by)
                } else {
                    (version + 1, at.clone(), by.to_owned())
                };
                sqlx::query(sql::WS_REPLACE)
                    .bind(id)
                    .bind(&settings)
                    .bind(version)
                    .bind(updated_at)
                    .bind(updated_by)
                    .bind(&at)
                    .bind(by)
                    .execute(&mut *tx)
                    .await?;
            }
        }

        type Old = (String, i64, String, String);
        let mut previous: HashMap<(String, String), Old> = HashMap::new();
        let old_rows: Vec<(String, String, String, i64, String, String)> =
            sqlx::query_as(sql::ENT_ALL_META)
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        for (kind, eid, body, version, updated_at, updated_by) in old_rows {
            previous.insert((kind, eid), (body, version, updated_at, updated_by));
        }
        sqlx::query(sql::ENT_DELETE_ALL)
            .bind(id)
            .execute(&mut *tx)
            .await?;

        for row in rows {
            let key = (row.kind.as_str().to_owned(), row.id);
            let (version, updated_at, updated_by) = match previous.remove(&key) {
                Some((body, version, updated_at, updated_by)) if body == row.body => {
                    (version, updated_at, updated_by)
                }
                Some((_, version, _, _)) => (version + 1, at.clone(), by.to_owned()),
                None => (1, at.clone(), by.to_owned()),
            };
            sqlx::query(sql::ENT_INSERT)
                .bind(id)
                .bind(&key.0)
                .bind(&key.1)
                .bind(row.position)
                .bind(&row.body)
                .bind(version)
                .bind(updated_at)
                .bind(updated_by)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn delete_workspace(&self, id: &str) -> Result<()> {
        // One database: everything of the workspace, outbox included, goes by cascade.
        let done = sqlx::query(sql::WS_DELETE)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::workspace_not_found(id));
        }
        Ok(())
    }

    async fn save_settings(
        &self,
        ws: &str,
        settings: &Settings,
        expected_version: i64,
        by: &str,
    ) -> Result<i64> {
        let body = to_json(settings)?;
        let mut tx = self.write().await?;
        let saved: Option<i64> = sqlx::query_scalar(sql::WS_SAVE_SETTINGS)
            .bind(ws)
            .bind(&body)
            .bind(ts(now()))
            .bind(by)
            .bind(expected_version)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(version) = saved {
            tx.commit().await?;
            return Ok(version);
        }
        let current: Option<(String, i64, String, String)> = sqlx::query_as(sql::WS_GET)
            .bind(ws)
            .fetch_optional(&mut *tx)
            .await?;
        tx.rollback().await?;
        match current {
            None => Err(StoreError::workspace_not_found(ws)),
            Some((_, current_version, updated_at, updated_by)) => Err(StoreError::Conflict {
                kind: "settings",
                id: ws.to_owned(),
                workspace: None,
                current_version,
                updated_by,
                updated_at: parse_ts(&updated_at)?,
            }),
        }
    }

    async fn workspace_revision(&self, ws: &str) -> Result<i64> {
        let revision: Option<i64> = sqlx::query_scalar(sql::WS_REVISION)
            .bind(ws)
            .fetch_optional(&self.pool)
            .await?;
        revision.ok_or_else(|| StoreError::workspace_not_found(ws))
    }

    async fn get_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
    ) -> Result<Versioned<serde_json::Value>> {
        let row: Option<(String, i64, String, String)> = sqlx::query_as(sql::ENT_GET)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some((body, version, at, by)) => {
                versioned(parse_json_value(ws, kind, &body)?, version, &at, by)
            }
            None => Err(entity_not_found(&self.pool, ws, kind, id).await),
        }
    }

    async fn list_entities(
        &self,
        ws: &str,
        kind: EntityKind,
    ) -> Result<Vec<Versioned<serde_json::Value>>> {
        let mut tx = self.read().await?;
        let rows: Vec<(String, i64, String, String)> = sqlx::query_as(sql::ENT_LIST)
            .bind(ws)
            .bind(kind.as_str())
            .fetch_all(&mut *tx)
            .await?;
        let exists: i64 = sqlx::query_scalar(sql::WS_EXISTS)
            .bind(ws)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        if exists == 0 {
            return Err(StoreError::workspace_not_found(ws));
        }
        rows.into_iter()
            .map(|(body, version, at, by)| {
                versioned(parse_json_value(ws, kind, &body)?, version, &at, by)
            })
            .collect()
    }

    async fn create_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        body: serde_json::Value,
        by: &str,
    ) -> Result<i64> {
        let (body_id, body) = kind.canonical(body)?;
        check_entity_id(ws, kind, id)?;
        if body_id != id {
            return Err(StoreError::Invalid(format!(
                "the {kind} body has id `{body_id}` but is being created as `{id}`"
            )));
        }
        let mut tx = self.write().await?;
        touch_workspace(&mut tx, ws, by).await?;
        let taken: i64 = sqlx::query_scalar(sql::ENT_COUNT_ID)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            return Err(StoreError::AlreadyExists {
                kind: kind.as_str(),
                id: id.to_owned(),
                workspace: Some(ws.to_owned()),
            });
        }
        let position: i64 = sqlx::query_scalar(sql::ENT_COUNT_KIND)
            .bind(ws)
            .bind(kind.as_str())
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(sql::ENT_INSERT)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .bind(position)
            .bind(&body)
            .bind(1_i64)
            .bind(ts(now()))
            .bind(by)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(1)
    }

    async fn update_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        body: serde_json::Value,
        expected_version: i64,
        by: &str,
    ) -> Result<i64> {
        let (new_id, body) = kind.canonical(body)?;
        check_entity_id(ws, kind, &new_id)?;
        let mut tx = self.write().await?;
        touch_workspace(&mut tx, ws, by).await?;
        entity_position(&mut tx, ws, kind, id, Some(expected_version)).await?;
        if new_id != id {
            let taken: i64 = sqlx::query_scalar(sql::ENT_COUNT_ID)
                .bind(ws)
                .bind(kind.as_str())
                .bind(&new_id)
                .fetch_one(&mut *tx)
                .await?;
            if taken > 0 {
                return Err(StoreError::AlreadyExists {
                    kind: kind.as_str(),
                    id: new_id,
                    workspace: Some(ws.to_owned()),
                });
            }
        }
        let version: i64 = sqlx::query_scalar(sql::ENT_UPDATE)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .bind(&new_id)
            .bind(&body)
            .bind(ts(now()))
            .bind(by)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(version)
    }

    async fn delete_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        expected_version: i64,
        by: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        touch_workspace(&mut tx, ws, by).await?;
        let position = entity_position(&mut tx, ws, kind, id, Some(expected_version)).await?;
        sqlx::query(sql::ENT_DELETE)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(sql::ENT_CLOSE_GAP)
            .bind(ws)
            .bind(kind.as_str())
            .bind(position)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn move_entity(
        &self,
        ws: &str,
        kind: EntityKind,
        id: &str,
        new_position: usize,
        by: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        touch_workspace(&mut tx, ws, by).await?;
        let old = entity_position(&mut tx, ws, kind, id, None).await?;
        let count: i64 = sqlx::query_scalar(sql::ENT_COUNT_KIND)
            .bind(ws)
            .bind(kind.as_str())
            .fetch_one(&mut *tx)
            .await?;
        let new = to_i64(new_position).min(count - 1).max(0);
        if new == old {
            return Ok(()); // dropping the transaction rolls the revision bump back
        }
        let (shift, from, to) = if new < old {
            (sql::ENT_SHIFT_DOWN, new, old)
        } else {
            (sql::ENT_SHIFT_UP, old, new)
        };
        sqlx::query(shift)
            .bind(ws)
            .bind(kind.as_str())
            .bind(from)
            .bind(to)
            .execute(&mut *tx)
            .await?;
        sqlx::query(sql::ENT_SET_POSITION)
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .bind(new)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_user(&self, name: &str, password: &PasswordHash, role: Role) -> Result<User> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the user name is empty".into()));
        }
        let created_at = now();
        let result: std::result::Result<i64, sqlx::Error> = sqlx::query_scalar(sql::USER_INSERT)
            .bind(name)
            .bind(password.as_str())
            .bind(role.as_str())
            .bind(ts(created_at))
            .fetch_one(&self.pool)
            .await;
        match result {
            Ok(id) => Ok(User {
                id,
                name: name.to_owned(),
                role,
                created_at,
            }),
            Err(e) if sql::is_unique_violation(&e) => Err(StoreError::AlreadyExists {
                kind: "user",
                id: name.to_owned(),
                workspace: None,
            }),
            Err(e) => Err(e.into()),
        }
    }

    async fn find_user_by_name(&self, name: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(sql::USER_BY_NAME)
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(user_from_row).transpose()
    }

    async fn user(&self, id: i64) -> Result<User> {
        let row: Option<UserRow> = sqlx::query_as(sql::USER_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(user_from_row)
            .transpose()?
            .ok_or_else(|| user_not_found(id))
    }

    async fn credentials(&self, name: &str) -> Result<Option<(User, PasswordHash)>> {
        let row: Option<(i64, String, String, String, String)> =
            sqlx::query_as(sql::USER_CREDENTIALS)
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
        let Some((id, name, role, created_at, hash)) = row else {
            return Ok(None);
        };
        let hash = PasswordHash::from_phc(hash)
            .map_err(|e| StoreError::Corrupt(format!("password hash of user `{name}`: {e}")))?;
        Ok(Some((user_from_row((id, name, role, created_at))?, hash)))
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(sql::USER_LIST).fetch_all(&self.pool).await?;
        rows.into_iter().map(user_from_row).collect()
    }

    async fn user_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(sql::USER_COUNT)
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn set_role(&self, user_id: i64, role: Role) -> Result<()> {
        let done = sqlx::query(sql::USER_SET_ROLE)
            .bind(user_id)
            .bind(role.as_str())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(user_not_found(user_id));
        }
        Ok(())
    }

    async fn set_password(&self, user_id: i64, password: &PasswordHash) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query(sql::USER_SET_PASSWORD)
            .bind(user_id)
            .bind(password.as_str())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(user_not_found(user_id));
        }
        sqlx::query(sql::SESSION_DELETE_FOR_USER)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_user(&self, user_id: i64) -> Result<()> {
        let done = sqlx::query(sql::USER_DELETE)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(user_not_found(user_id));
        }
        Ok(())
    }

    async fn create_session(&self, user_id: i64, ttl: Duration) -> Result<NewSession> {
        let token = auth::generate_token();
        let csrf_token = auth::generate_token();
        let created_at = now();
        let ttl = jiff::SignedDuration::try_from(ttl)
            .map_err(|e| StoreError::Invalid(format!("session lifetime {ttl:?}: {e}")))?;
        let expires_at = created_at
            .checked_add(ttl)
            .map_err(|e| StoreError::Invalid(format!("session lifetime {ttl:?}: {e}")))?;
        let result = sqlx::query(sql::SESSION_INSERT)
            .bind(auth::hash_token(&token))
            .bind(user_id)
            .bind(&csrf_token)
            .bind(ts(created_at))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await;
        match result {
            Ok(_) => Ok(NewSession {
                token,
                csrf_token,
                expires_at,
            }),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(user_not_found(user_id)),
            Err(e) => Err(e.into()),
        }
    }

    async fn session(&self, token: &str) -> Result<Option<Session>> {
        type Row = (i64, String, String, String, String, Option<String>, String);
        let row: Option<Row> = sqlx::query_as(sql::SESSION_GET)
            .bind(auth::hash_token(token))
            .bind(ts(now()))
            .fetch_optional(&self.pool)
            .await?;
        let Some((id, name, role, created_at, csrf_token, locale, expires_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Session {
            user: user_from_row((id, name, role, created_at))?,
            csrf_token,
            locale,
            expires_at: parse_ts(&expires_at)?,
        }))
    }

    async fn set_session_locale(&self, token: &str, locale: Option<&str>) -> Result<()> {
        if let Some(locale) = locale
            && !stig_model::LOCALES.contains(&locale)
        {
            return Err(StoreError::Invalid(format!(
                "`{locale}` is not a locale Stig ships ({})",
                stig_model::LOCALES.join(", ")
            )));
        }
        let hash = auth::hash_token(token);
        let done = sqlx::query(sql::SESSION_SET_LOCALE)
            .bind(&hash)
            .bind(locale)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "session",
                id: hash[..12].to_owned(),
                workspace: None,
            });
        }
        Ok(())
    }

    async fn delete_session(&self, token: &str) -> Result<()> {
        sqlx::query(sql::SESSION_DELETE)
            .bind(auth::hash_token(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_expired_sessions(&self) -> Result<u64> {
        let done = sqlx::query(sql::SESSION_DELETE_EXPIRED)
            .bind(ts(now()))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn create_api_token(&self, user_id: i64, label: &str) -> Result<String> {
        let token = auth::generate_api_token();
        let result = sqlx::query(sql::TOKEN_INSERT)
            .bind(auth::hash_token(&token))
            .bind(user_id)
            .bind(label.trim())
            .bind(ts(now()))
            .execute(&self.pool)
            .await;
        match result {
            Ok(_) => Ok(token),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(user_not_found(user_id)),
            Err(e) => Err(e.into()),
        }
    }

    async fn user_for_api_token(&self, token: &str) -> Result<Option<User>> {
        let hash = auth::hash_token(token);
        let row: Option<(i64, String, String, String, Option<String>)> =
            sqlx::query_as(sql::TOKEN_USER)
                .bind(&hash)
                .fetch_optional(&self.pool)
                .await?;
        let Some((id, name, role, created_at, last_used_at)) = row else {
            return Ok(None);
        };
        let now = now();
        let stale = match last_used_at {
            None => true,
            Some(at) => parse_ts(&at)?.duration_until(now).unsigned_abs() >= TOKEN_USE_RESOLUTION,
        };
        if stale {
            sqlx::query(sql::TOKEN_TOUCH)
                .bind(&hash)
                .bind(ts(now))
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user_from_row((id, name, role, created_at))?))
    }

    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiTokenInfo>> {
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(sql::TOKEN_LIST)
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|(hash, label, created_at, last_used_at)| {
                Ok(ApiTokenInfo {
                    fingerprint: hash[..12.min(hash.len())].to_owned(),
                    label,
                    created_at: parse_ts(&created_at)?,
                    last_used_at: last_used_at.as_deref().map(parse_ts).transpose()?,
                })
            })
            .collect()
    }

    async fn revoke_api_token(&self, user_id: i64, fingerprint: &str) -> Result<()> {
        let not_found = || StoreError::NotFound {
            kind: "api token",
            id: fingerprint.to_owned(),
            workspace: None,
        };
        if fingerprint.len() < 8 {
            return Err(not_found());
        }
        let mut tx = self.write().await?;
        let hashes: Vec<(String, String, String, Option<String>)> = sqlx::query_as(sql::TOKEN_LIST)
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
        let matching: Vec<&String> = hashes
            .iter()
            .map(|(hash, ..)| hash)
            .filter(|hash| hash.starts_with(fingerprint))
            .collect();
        let [hash] = matching.as_slice() else {
            return Err(not_found());
        };
        sqlx::query(sql::TOKEN_DELETE)
            .bind(hash.as_str())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_source(&self, ws: &str, name: &str) -> Result<(Source, String)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the source name is empty".into()));
        }
        let key = auth::generate_token();
        let source = Source {
            id: format!("src_{}", &auth::generate_token()[..16]),
            workspace: ws.to_owned(),
            name: name.to_owned(),
            created_at: now(),
            allowed_origins: None,
        };
        let result = sqlx::query(sql::SOURCE_INSERT)
            .bind(&source.id)
            .bind(ws)
            .bind(name)
            .bind(auth::hash_token(&key))
            .bind(ts(source.created_at))
            .execute(&self.pool)
            .await;
        match result {
            Ok(_) => Ok((source, key)),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(StoreError::workspace_not_found(ws)),
            Err(e) if sql::is_unique_violation(&e) => Err(StoreError::AlreadyExists {
                kind: "source",
                id: name.to_owned(),
                workspace: Some(ws.to_owned()),
            }),
            Err(e) => Err(e.into()),
        }
    }

    async fn source_for_write_key(&self, key: &str) -> Result<Option<Source>> {
        let row: Option<SourceRow> = sqlx::query_as(sql::SOURCE_BY_KEY)
            .bind(auth::hash_token(key))
            .fetch_optional(&self.pool)
            .await?;
        row.map(source_from_row).transpose()
    }

    async fn list_sources(&self, ws: &str) -> Result<Vec<Source>> {
        let rows: Vec<SourceRow> = sqlx::query_as(sql::SOURCE_LIST)
            .bind(ws)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(source_from_row).collect()
    }

    async fn set_source_origins(
        &self,
        ws: &str,
        source: &str,
        origins: Option<&[String]>,
    ) -> Result<()> {
        let text = match origins {
            None => None,
            Some(list) => {
                // Normalized and checked here too, so that what is stored always matches.
                let joined = list.join("\n");
                crate::types::parse_origins(&joined)?.map(|o| o.join("\n"))
            }
        };
        let mut tx = self.write().await?;
        let done = sqlx::query(sql::SOURCE_SET_ORIGINS)
            .bind(ws)
            .bind(source)
            .bind(text)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "source",
                id: source.to_owned(),
                workspace: Some(ws.to_owned()),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    async fn delete_source(&self, ws: &str, id: &str) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query(sql::SOURCE_DELETE)
            .bind(ws)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "source",
                id: id.to_owned(),
                workspace: Some(ws.to_owned()),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    async fn append_events(&self, ws: &str, events: &[NewEvent]) -> Result<AppendOutcome> {
        let mut outcomes = self.append(&[(ws, events)]).await?;
        Ok(outcomes.pop().unwrap_or_default())
    }

    async fn append_event_batches(&self, batches: &[EventBatch]) -> Result<Vec<AppendOutcome>> {
        let batches: Vec<(&str, &[NewEvent])> = batches
            .iter()
            .map(|b| (b.workspace.as_str(), b.events.as_slice()))
            .collect();
        self.append(&batches).await
    }

    async fn count_events(&self, ws: &str) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(sql::EVENT_COUNT)
            .bind(ws)
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn events_for(&self, ws: &str, who: &str) -> Result<Vec<StoredEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(sql::EVENTS_FOR)
            .bind(ws)
            .bind(who)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| event_from_row(ws, r).map(|e| e.event))
            .collect()
    }

    async fn scan_events(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<SequencedEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(sql::EVENTS_SCAN)
            .bind(ws)
            .bind(after_seq)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(|r| event_from_row(ws, r)).collect()
    }

    async fn scan_event_texts(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(sql::EVENT_TEXTS_SCAN)
            .bind(ws)
            .bind(after_seq)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn scan_event_texts_matching(
        &self,
        ws: &str,
        after_seq: i64,
        limit: u32,
        filter: &EventFilter,
    ) -> Result<Vec<(i64, String)>> {
        // Audited: the text is made of fixed fragments and `$n` placeholders only; every
        // value is bound.
        let q = sqlx::AssertSqlSafe(sql::event_texts_matching(filter));
        let mut query = sqlx::query_as(q).bind(ws).bind(after_seq);
        for t in filter.from.iter().chain(&filter.to) {
            query = query.bind(ts(*t));
        }
        for v in filter.types.iter().chain(&filter.event) {
            query = query.bind(v.as_str());
        }
        for id in filter.ids.iter().chain(&filter.ids) {
            query = query.bind(id.as_str());
        }
        Ok(query.bind(i64::from(limit)).fetch_all(&self.pool).await?)
    }

    async fn recent_events(
        &self,
        ws: &str,
        source: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SequencedEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(sql::EVENTS_RECENT)
            .bind(ws)
            .bind(source)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(|r| event_from_row(ws, r)).collect()
    }

    async fn has_event(&self, ws: &str, message_id: &str) -> Result<bool> {
        let found: bool = sqlx::query_scalar(EVENT_ID_EXISTS)
            .bind(ws)
            .bind(message_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(found)
    }

    async fn record_rejection(&self, r: &Rejection) -> Result<()> {
        let mut excerpt = r.excerpt.as_str();
        if excerpt.len() > Rejection::EXCERPT_BYTES {
            let mut end = Rejection::EXCERPT_BYTES;
            while !excerpt.is_char_boundary(end) {
                end -= 1;
            }
            excerpt = &excerpt[..end];
        }
        let mut tx = self.write().await?;
        let inserted = sqlx::query(sql::REJECTION_INSERT)
            .bind(&r.workspace)
            .bind(&r.source)
            .bind(ts(r.at))
            .bind(i64::from(r.status))
            .bind(&r.reason)
            .bind(excerpt)
            .execute(&mut *tx)
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if sql::is_foreign_key_violation(&e) => {
                return Err(StoreError::NotFound {
                    kind: "source",
                    id: r.source.clone(),
                    workspace: Some(r.workspace.clone()),
                });
            }
            Err(e) => return Err(e.into()),
        }
        sqlx::query(sql::REJECTION_COUNT_BUMP)
            .bind(&r.source)
            .execute(&mut *tx)
            .await?;
        sqlx::query(sql::REJECTION_PRUNE)
            .bind(&r.workspace)
            .bind(&r.source)
            .bind(Rejection::KEPT_PER_SOURCE)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn recent_rejections(
        &self,
        ws: &str,
        source: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Rejection>> {
        let rows: Vec<RejectionRow> = sqlx::query_as(sql::REJECTIONS_RECENT)
            .bind(ws)
            .bind(source)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(rejection_from_row).collect()
    }

    async fn source_counts(&self, ws: &str) -> Result<HashMap<String, SourceCounts>> {
        let mut tx = self.read().await?;
        let events: Vec<(String, i64, Option<String>)> = sqlx::query_as(sql::EVENT_SOURCE_COUNTS)
            .bind(ws)
            .fetch_all(&mut *tx)
            .await?;
        let refused: Vec<(String, i64)> = sqlx::query_as(sql::REJECTION_COUNTS)
            .bind(ws)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut counts: HashMap<String, SourceCounts> = HashMap::new();
        for (source, n, last) in events {
            let c = counts.entry(source).or_default();
            c.events = u64::try_from(n).unwrap_or(0);
            c.last_event_at = last.as_deref().map(parse_ts).transpose()?;
        }
        for (source, n) in refused {
            counts.entry(source).or_default().refused = u64::try_from(n).unwrap_or(0);
        }
        Ok(counts)
    }

    async fn secret(&self, name: &str) -> Result<Vec<u8>> {
        let mut fresh = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut fresh);
        let mut tx = self.write().await?;
        // Insert-if-missing then read: two servers starting at once agree on one secret.
        sqlx::query(sql::SECRET_PUT)
            .bind(name)
            .bind(&fresh[..])
            .execute(&mut *tx)
            .await?;
        let value: Vec<u8> = sqlx::query_scalar(sql::SECRET_GET)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(value)
    }

    // ---- business moments ----

    async fn moment_cursor(&self, ws: &str) -> Result<i64> {
        self.moment_cursor_impl(ws).await
    }

    async fn commit_moments(&self, ws: &str, commit: &MomentCommit) -> Result<CommitOutcome> {
        self.commit_moments_impl(ws, commit).await
    }

    async fn moment_live_since(&self, ws: &str, moment: &str, now: Timestamp) -> Result<Timestamp> {
        self.moment_live_since_impl(ws, moment, now).await
    }

    async fn forget_moment_live_since(&self, ws: &str, moment: &str) -> Result<()> {
        self.forget_moment_live_since_impl(ws, moment).await
    }

    async fn firings_since(
        &self,
        ws: &str,
        since: Timestamp,
    ) -> Result<Vec<(String, String, String, Timestamp)>> {
        self.firings_since_impl(ws, since).await
    }

    async fn due_deliveries(&self, now: Timestamp, limit: u32) -> Result<Vec<Delivery>> {
        self.due_deliveries_impl(now, limit).await
    }

    async fn record_attempt(
        &self,
        delivery: i64,
        attempt: &Attempt,
        after: AfterAttempt,
    ) -> Result<()> {
        self.record_attempt_impl(delivery, attempt, after).await
    }

    async fn replay_delivery(&self, ws: &str, delivery: i64) -> Result<()> {
        self.replay_delivery_impl(ws, delivery).await
    }

    async fn delivery(&self, ws: &str, id: i64) -> Result<Delivery> {
        self.delivery_impl(ws, id).await
    }

    async fn delivery_attempts(&self, delivery: i64) -> Result<Vec<Attempt>> {
        self.delivery_attempts_impl(delivery).await
    }

    async fn list_deliveries(
        &self,
        ws: &str,
        status: Option<DeliveryStatus>,
        limit: u32,
    ) -> Result<Vec<Delivery>> {
        self.list_deliveries_impl(ws, status, limit).await
    }

    async fn list_firings(&self, ws: &str, q: &FiringQuery) -> Result<Vec<Firing>> {
        self.list_firings_impl(ws, q).await
    }

    async fn moment_counts(&self, ws: &str) -> Result<HashMap<String, MomentCounts>> {
        self.moment_counts_impl(ws).await
    }

    async fn create_task(
        &self,
        ws: &str,
        delivery: i64,
        moment: &str,
        customer: &str,
        title: &str,
        body: &str,
        assignee: Option<&str>,
    ) -> Result<i64> {
        self.create_task_impl(ws, delivery, moment, customer, title, body, assignee)
            .await
    }

    async fn list_tasks(
        &self,
        ws: &str,
        status: Option<TaskStatus>,
        limit: u32,
    ) -> Result<Vec<Task>> {
        self.list_tasks_impl(ws, status, limit).await
    }

    async fn update_task(
        &self,
        ws: &str,
        id: i64,
        assignee: Option<Option<&str>>,
        status: Option<TaskStatus>,
    ) -> Result<Task> {
        self.update_task_impl(ws, id, assignee, status).await
    }

    async fn set_workspace_secret(&self, ws: &str, name: &str, value: &str) -> Result<()> {
        self.set_workspace_secret_impl(ws, name, value).await
    }

    async fn workspace_secret(&self, ws: &str, name: &str) -> Result<Option<String>> {
        self.workspace_secret_impl(ws, name).await
    }

    async fn list_workspace_secrets(&self, ws: &str) -> Result<Vec<SecretInfo>> {
        self.list_workspace_secrets_impl(ws).await
    }

    async fn delete_workspace_secret(&self, ws: &str, name: &str) -> Result<()> {
        self.delete_workspace_secret_impl(ws, name).await
    }

    // ---- streaming destinations ----

    async fn create_destination(
        &self,
        ws: &str,
        new: &crate::NewDestination,
        secret_value: &str,
        by: &str,
    ) -> Result<crate::Destination> {
        self.create_destination_impl(ws, new, secret_value, by)
            .await
    }

    async fn list_destinations(
        &self,
        ws: Option<&str>,
        source: Option<&str>,
    ) -> Result<Vec<crate::Destination>> {
        self.list_destinations_impl(ws, source).await
    }

    async fn destination(&self, ws: &str, id: &str) -> Result<crate::Destination> {
        self.destination_impl(ws, id).await
    }

    async fn set_destination_enabled(&self, ws: &str, id: &str, enabled: bool) -> Result<()> {
        self.set_destination_enabled_impl(ws, id, enabled).await
    }

    async fn delete_destination(&self, ws: &str, id: &str) -> Result<()> {
        self.delete_destination_impl(ws, id).await
    }

    async fn commit_destination(
        &self,
        ws: &str,
        id: &str,
        advance: Option<(i64, i64)>,
        batches: &[crate::NewFiring],
    ) -> Result<bool> {
        self.commit_destination_impl(ws, id, advance, batches).await
    }

    // ---- persona pictures ----

    async fn set_persona_picture(&self, ws: &str, persona: &str, bytes: &[u8]) -> Result<()> {
        if persona.is_empty() {
            return Err(StoreError::Invalid("the persona id is empty".into()));
        }
        let mime = crate::check_picture(bytes)?;
        let put = sqlx::query(
            "INSERT INTO persona_pictures (workspace_id, persona, mime, bytes, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id, persona) DO UPDATE SET \
             mime = excluded.mime, bytes = excluded.bytes, updated_at = excluded.updated_at",
        )
        .bind(ws)
        .bind(persona)
        .bind(mime)
        .bind(bytes)
        .bind(ts(now()))
        .execute(&self.pool)
        .await;
        match put {
            Ok(_) => Ok(()),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(StoreError::workspace_not_found(ws)),
            Err(e) => Err(e.into()),
        }
    }

    async fn persona_picture(
        &self,
        ws: &str,
        persona: &str,
    ) -> Result<Option<crate::PersonaPicture>> {
        let row: Option<(String, Vec<u8>, String)> = sqlx::query_as(
            "SELECT mime, bytes, updated_at FROM persona_pictures \
             WHERE workspace_id = $1 AND persona = $2",
        )
        .bind(ws)
        .bind(persona)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(mime, bytes, at)| {
            Ok(crate::PersonaPicture {
                mime,
                bytes,
                updated_at: parse_ts(&at)?,
            })
        })
        .transpose()
    }

    async fn persona_pictures(&self, ws: &str) -> Result<Vec<(String, Timestamp)>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT persona, updated_at FROM persona_pictures WHERE workspace_id = $1 \
             ORDER BY persona",
        )
        .bind(ws)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(p, at)| Ok((p, parse_ts(&at)?)))
            .collect()
    }

    async fn delete_persona_picture(&self, ws: &str, persona: &str) -> Result<bool> {
        let done =
            sqlx::query("DELETE FROM persona_pictures WHERE workspace_id = $1 AND persona = $2")
                .bind(ws)
                .bind(persona)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn erase_person(
        &self,
        ws: &str,
        erasure: &crate::Erasure,
    ) -> Result<crate::ErasureReceipt> {
        self.erase_person_impl(ws, erasure).await
    }

    async fn erasures(&self, ws: &str) -> Result<Vec<crate::ErasureReceipt>> {
        self.erasures_impl(ws).await
    }

    async fn suppressions(&self, ws: &str) -> Result<HashSet<String>> {
        self.suppressions_impl(ws).await
    }

    async fn apply_retention(
        &self,
        ws: &str,
        cutoffs: &crate::RetentionCutoffs,
    ) -> Result<crate::RetentionCounts> {
        self.apply_retention_impl(ws, cutoffs).await
    }

    // ---- single sign-on and login throttling (sso.rs, postgres_sso.rs) ----

    async fn user_for_identity(&self, identity: &crate::ExternalIdentity) -> Result<Option<User>> {
        self.user_for_identity_impl(identity).await
    }

    async fn create_user_for_identity(
        &self,
        identity: &crate::ExternalIdentity,
        name: &str,
        password: &PasswordHash,
        role: Role,
    ) -> Result<User> {
        self.create_user_for_identity_impl(identity, name, password, role)
            .await
    }

    async fn record_login_failure(
        &self,
        scope: crate::ThrottleScope,
        key: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> Result<()> {
        self.record_login_failure_impl(scope, key, at, forget_before)
            .await
    }

    async fn login_failures(
        &self,
        scope: crate::ThrottleScope,
        key: &str,
        since: Timestamp,
        limit: u32,
    ) -> Result<Vec<Timestamp>> {
        self.login_failures_impl(scope, key, since, limit).await
    }

    async fn clear_login_failures(&self, scope: crate::ThrottleScope, key: &str) -> Result<()> {
        self.clear_login_failures_impl(scope, key).await
    }

    // ---- audit log (audit.rs, postgres_audit.rs) ----

    async fn append_audit(&self, entry: &crate::NewAuditEntry) -> Result<crate::AuditEntry> {
        self.append_audit_impl(entry).await
    }

    async fn list_audit(&self, q: &crate::AuditQuery) -> Result<Vec<crate::AuditEntry>> {
        self.list_audit_impl(q).await
    }

    async fn verify_audit(&self) -> Result<crate::AuditVerification> {
        self.verify_audit_impl().await
    }

    // ---- several nodes ----

    async fn take_due_deliveries(
        &self,
        now: Timestamp,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<Delivery>> {
        self.take_due_deliveries_impl(now, limit, lease).await
    }

    async fn take_lease(&self, name: &str, holder: &str, ttl: Duration) -> Result<bool> {
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let held: Option<String> = sqlx::query_scalar(LEASE_TAKE)
            .bind(name)
            .bind(holder)
            .bind(ttl_ms)
            .fetch_optional(&self.pool)
            .await?;
        Ok(held.is_some())
    }

    async fn release_lease(&self, name: &str, holder: &str) -> Result<()> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    fn changes(&self) -> Option<tokio::sync::broadcast::Receiver<Changed>> {
        self.listen().map(|sender| sender.subscribe())
    }
}
