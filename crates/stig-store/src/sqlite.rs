//! The embedded backend: a SQLite file (WAL journal, foreign keys on, busy timeout),
//! migrated on open, with the business moments' outbox in a second file beside it.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use stig_model::{Settings, Workspace};

use crate::auth::{self, PasswordHash};
use crate::entity::to_json;
use crate::sql::{self, now, parse_ts, to_i64, to_usize, ts};
use crate::{
    AfterAttempt, Attempt, CommitOutcome, Delivery, DeliveryStatus, Firing, FiringQuery,
    MomentCommit, MomentCounts, SecretInfo, Task, TaskStatus,
};
use crate::{
    ApiTokenInfo, Entity, EntityCounts, EntityKind, NewSession, Result, Role, Session, Store,
    StoreError, User, Versioned, WorkspaceSummary,
};
use crate::{
    AppendOutcome, EventBatch, EventFilter, NewEvent, Rejection, SequencedEvent, Source,
    SourceCounts, StoredEvent,
};

/// The schema, embedded in the binary; applied on open, in order, each migration once.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");
/// The outbox's schema (its own file, its own migrations).
pub(crate) static OUTBOX_MIGRATOR: Migrator = sqlx::migrate!("./migrations/outbox");

/// How long a writer waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// API token use is recorded at most this often per token (so a busy collector does not
/// turn every request into a write).
pub(crate) const TOKEN_USE_RESOLUTION: Duration = Duration::from_secs(60);

type Db = Sqlite;

/// A transaction; a write one also holds the store's writer turn (see [`SqliteStore::write`]).
/// It derefs to the connection, so statements run on `&mut *tx`.
pub(crate) struct Tx {
    inner: Transaction<'static, Db>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for Tx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

impl Tx {
    pub(crate) async fn commit(self) -> std::result::Result<(), sqlx::Error> {
        self.inner.commit().await
    }

    pub(crate) async fn rollback(self) -> std::result::Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

/// The embedded [`Store`]: a SQLite file, and the business moments' outbox in a second
/// file beside it (`<path>-outbox`).
///
/// Opening creates the files if missing, switches them to WAL with `synchronous = FULL` (a
/// commit returns once it is on disk) (readers never block the writer
/// and vice versa), turns foreign keys on, waits up to 10 s on a busy database, and runs the
/// embedded migrations. Writes run in `BEGIN IMMEDIATE` transactions, so two writers queue
/// rather than fail half-way.
///
/// The outbox (firings, their deliveries and attempts, tasks, the evaluation cursor) has a
/// file of its own because SQLite has one writer per file: moments then commit beside the
/// collector instead of taking turns with it. Each outbox commit is still one transaction
/// (firings with the cursor that produced them), which is all its guarantees need.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Writers take turns here before SQLite's lock: a writer that finds the database busy
    /// sleeps in SQLite's busy handler (up to 100 ms a try) even after the lock is free, so
    /// queueing in process keeps writers' commits back to back.
    pub(crate) writer: Arc<tokio::sync::Mutex<()>>,
    outbox: SqlitePool,
    pub(crate) outbox_writer: Arc<tokio::sync::Mutex<()>>,
    /// Deliveries taken by [`Store::take_due_deliveries`] and until when: one process uses
    /// the file, so the leases live here (a restart forgets them, and nothing waits). Held
    /// across a take's read, so an attempt recorded meanwhile releases its lease only after
    /// that take: the take never hands out the row as it was before the attempt.
    pub(crate) taken: Arc<tokio::sync::Mutex<HashMap<i64, Timestamp>>>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path` and its outbox file
    /// (`<path>-outbox`), and migrates both.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let mut outbox_path = path.as_os_str().to_owned();
        outbox_path.push("-outbox");
        let pool = Self::file_pool(path).await?;
        let outbox = Self::file_pool(Path::new(&outbox_path)).await?;
        Self::migrated(pool, outbox).await
    }

    async fn file_pool(path: &Path) -> Result<SqlitePool> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // Every commit waits until the WAL is on disk: an event acknowledged to a client
            // survives a crash or power loss, not only a killed process.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // What is deleted (an erased person, retention) is overwritten with zeros, not
            // left in free space: see `sqlite_privacy.rs`.
            .pragma("secure_delete", "ON")
            .busy_timeout(BUSY_TIMEOUT);
        Ok(SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?)
    }

    /// A fresh, private database (and outbox) in memory, gone when the store is dropped:
    /// for tests. Each lives on a single connection that is never recycled.
    pub async fn open_in_memory() -> Result<Self> {
        Self::migrated(Self::memory_pool().await?, Self::memory_pool().await?).await
    }

    async fn memory_pool() -> Result<SqlitePool> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        Ok(SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?)
    }

    async fn migrated(pool: SqlitePool, outbox: SqlitePool) -> Result<Self> {
        MIGRATOR.run(&pool).await?;
        OUTBOX_MIGRATOR.run(&outbox).await?;
        Ok(SqliteStore {
            pool,
            writer: Arc::default(),
            outbox,
            outbox_writer: Arc::default(),
            taken: Arc::default(),
        })
    }

    /// The connection pool, for backups, diagnostics and tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The outbox file's connection pool, for backups, diagnostics and tests.
    pub fn outbox_pool(&self) -> &SqlitePool {
        &self.outbox
    }

    /// Closes every connection (checkpointing the WALs into the files).
    pub async fn close(&self) {
        self.pool.close().await;
        self.outbox.close().await;
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock up front, so a
    /// transaction never fails half-way because another connection wrote after it read.
    pub(crate) async fn write(&self) -> Result<Tx> {
        let turn = self.writer.clone().lock_owned().await;
        Ok(Tx {
            inner: self.pool.begin_with("BEGIN IMMEDIATE").await?,
            _turn: Some(turn),
        })
    }

    /// A read transaction: one consistent snapshot for several statements.
    pub(crate) async fn read(&self) -> Result<Tx> {
        Ok(Tx {
            inner: self.pool.begin().await?,
            _turn: None,
        })
    }

    /// A write transaction on the outbox file (its own writer turn).
    pub(crate) async fn outbox_write(&self) -> Result<Tx> {
        let turn = self.outbox_writer.clone().lock_owned().await;
        Ok(Tx {
            inner: self.outbox.begin_with("BEGIN IMMEDIATE").await?,
            _turn: Some(turn),
        })
    }

    /// A read transaction on the outbox file.
    pub(crate) async fn outbox_read(&self) -> Result<Tx> {
        Ok(Tx {
            inner: self.outbox.begin().await?,
            _turn: None,
        })
    }

    /// `NotFound` unless the workspace exists (outbox rows name it but cannot reference it).
    pub(crate) async fn ensure_workspace(&self, ws: &str) -> Result<()> {
        if workspace_exists(&self.pool, ws).await? {
            Ok(())
        } else {
            Err(StoreError::workspace_not_found(ws))
        }
    }
}

// ---- helpers -------------------------------------------------------------------------

/// Bumps the workspace's revision; `NotFound` if there is no such workspace.
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
async fn entity_not_found(pool: &SqlitePool, ws: &str, kind: EntityKind, id: &str) -> StoreError {
    match workspace_exists(pool, ws).await {
        Ok(true) => entity_missing(ws, kind, id),
        Ok(false) => StoreError::workspace_not_found(ws),
        Err(e) => e,
    }
}

/// The entity's position in its kind's order, inside a write transaction: `NotFound` if it
/// does not exist, `Conflict` (naming who changed it) if it is no longer at `expected_version`.
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

pub(crate) fn entity_missing(ws: &str, kind: EntityKind, id: &str) -> StoreError {
    StoreError::NotFound {
        kind: kind.as_str(),
        id: id.to_owned(),
        workspace: Some(ws.to_owned()),
    }
}

async fn workspace_exists(pool: &SqlitePool, ws: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(sql::WS_EXISTS)
        .bind(ws)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

pub(crate) fn check_workspace_id(id: &str) -> Result<()> {
    if stig_model::valid_id(id) {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "`{id}` is not a valid workspace id: use lowercase letters, digits, `-` and `_`, \
             starting with a letter or digit (e.g. `{}`)",
            stig_model::slug(id)
        )))
    }
}

pub(crate) fn check_entity_id(ws: &str, kind: EntityKind, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(StoreError::Invalid(format!(
            "a {kind} in workspace `{ws}` has an empty id"
        )));
    }
    Ok(())
}

pub(crate) fn versioned<T>(value: T, version: i64, at: &str, by: String) -> Result<Versioned<T>> {
    Ok(Versioned {
        value,
        version,
        updated_at: parse_ts(at)?,
        updated_by: by,
    })
}

pub(crate) fn parse_body<T: DeserializeOwned>(
    ws: &str,
    kind: &str,
    id: &str,
    body: &str,
) -> Result<T> {
    serde_json::from_str(body)
        .map_err(|e| StoreError::Corrupt(format!("{kind} `{id}` in workspace `{ws}`: {e}")))
}

pub(crate) fn parse_json_value(
    ws: &str,
    kind: EntityKind,
    body: &str,
) -> Result<serde_json::Value> {
    serde_json::from_str(body)
        .map_err(|e| StoreError::Corrupt(format!("a {kind} in workspace `{ws}`: {e}")))
}

pub(crate) fn parse_settings(ws: &str, settings: &str) -> Result<Settings> {
    serde_json::from_str(settings)
        .map_err(|e| StoreError::Corrupt(format!("settings of workspace `{ws}`: {e}")))
}

pub(crate) type UserRow = (i64, String, String, String);

pub(crate) fn user_from_row((id, name, role, created_at): UserRow) -> Result<User> {
    Ok(User {
        id,
        name,
        role: Role::from_str(&role)
            .map_err(|_| StoreError::Corrupt(format!("role `{role}` of user {id}")))?,
        created_at: parse_ts(&created_at)?,
    })
}

pub(crate) fn user_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        kind: "user",
        id: id.to_string(),
        workspace: None,
    }
}

/// The rows an import writes: per kind, in order, with duplicate and empty ids refused.
pub(crate) struct ImportRow {
    pub(crate) kind: EntityKind,
    pub(crate) id: String,
    pub(crate) position: i64,
    pub(crate) body: String,
}

pub(crate) fn import_rows(ws_id: &str, ws: &Workspace) -> Result<Vec<ImportRow>> {
    fn add<T: Entity>(ws_id: &str, items: &[T], out: &mut Vec<ImportRow>) -> Result<()> {
        let mut seen = HashSet::new();
        for (position, item) in items.iter().enumerate() {
            check_entity_id(ws_id, T::KIND, item.id())?;
            if !seen.insert(item.id()) {
                return Err(StoreError::Invalid(format!(
                    "workspace `{ws_id}` has two {}s with id `{}`",
                    T::KIND,
                    item.id()
                )));
            }
            out.push(ImportRow {
                kind: T::KIND,
                id: item.id().to_owned(),
                position: to_i64(position),
                body: to_json(item)?,
            });
        }
        Ok(())
    }
    let mut out = Vec::new();
    add(ws_id, &ws.personas, &mut out)?;
    add(ws_id, &ws.journeys, &mut out)?;
    add(ws_id, &ws.touchpoints, &mut out)?;
    add(ws_id, &ws.actors, &mut out)?;
    add(ws_id, &ws.goals, &mut out)?;
    add(ws_id, &ws.dilemmas, &mut out)?;
    add(ws_id, &ws.moments, &mut out)?;
    Ok(out)
}

// ---- events --------------------------------------------------------------------------

pub(crate) type SourceRow = (String, String, String, String, Option<String>);

pub(crate) fn source_from_row(
    (id, workspace, name, created_at, origins): SourceRow,
) -> Result<Source> {
    Ok(Source {
        id,
        workspace,
        name,
        created_at: parse_ts(&created_at)?,
        // One origin a line, as `set_source_origins` wrote them.
        allowed_origins: origins.map(|o| o.lines().map(str::to_owned).collect()),
    })
}

/// An event as selected by `sql::event_columns!`.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    seq: i64,
    message_id: String,
    #[sqlx(rename = "type")]
    kind: String,
    user_id: Option<String>,
    anonymous_id: Option<String>,
    event: Option<String>,
    timestamp: String,
    received_at: String,
    body: String,
    source_id: Option<String>,
}

pub(crate) fn event_from_row(ws: &str, row: EventRow) -> Result<SequencedEvent> {
    let EventRow {
        seq,
        message_id,
        kind,
        user_id,
        anonymous_id,
        event,
        timestamp,
        received_at,
        body,
        source_id,
    } = row;
    Ok(SequencedEvent {
        seq,
        event: StoredEvent {
            body: serde_json::from_str(&body).map_err(|e| {
                StoreError::Corrupt(format!("event `{message_id}` in workspace `{ws}`: {e}"))
            })?,
            message_id,
            kind,
            user_id,
            anonymous_id,
            event,
            timestamp: parse_ts(&timestamp)?,
            received_at: parse_ts(&received_at)?,
            source: source_id,
        },
    })
}

pub(crate) type RejectionRow = (String, String, String, i64, String, String);

pub(crate) fn rejection_from_row(row: RejectionRow) -> Result<Rejection> {
    let (workspace, source, at, status, reason, excerpt) = row;
    Ok(Rejection {
        workspace,
        source,
        at: parse_ts(&at)?,
        status: u16::try_from(status).unwrap_or(0),
        reason,
        excerpt,
    })
}

/// Inserts one request's events in the open transaction, skipping duplicates.
///
/// Many rows per statement ([`EVENT_INSERT_MAX_ROWS`] at most, then powers of two, so only a
/// few distinct statements are ever prepared and cached): a duplicate is a row the statement
/// did not insert, so `duplicates = rows − rows affected` (a messageId repeated inside one call
/// included, as `ON CONFLICT DO NOTHING` sees the rows in order). A statement that fails was
/// rolled back whole by SQLite, and its rows are inserted again one by one so that the error
/// names the event at fault, exactly as before.
async fn insert_events(tx: &mut Tx, ws: &str, events: &[NewEvent]) -> Result<AppendOutcome> {
    let mut outcome = AppendOutcome::default();
    let mut rest = events;
    while !rest.is_empty() {
        let rows = if rest.len() >= EVENT_INSERT_MAX_ROWS {
            EVENT_INSERT_MAX_ROWS
        } else {
            // The largest power of two that fits.
            1 << (usize::BITS - 1 - rest.len().leading_zeros())
        };
        let (chunk, tail) = rest.split_at(rows);
        rest = tail;
        let mut bodies = Vec::with_capacity(chunk.len());
        for e in chunk {
            bodies.push(
                serde_json::to_string(&e.body).map_err(|err| {
                    StoreError::Invalid(format!("event `{}`: {err}", e.message_id))
                })?,
            );
        }
        let mut query = sqlx::query(event_insert_sql(rows));
        for (e, body) in chunk.iter().zip(bodies) {
            query = query
                .bind(ws)
                .bind(&e.message_id)
                .bind(&e.kind)
                .bind(&e.user_id)
                .bind(&e.anonymous_id)
                .bind(&e.event)
                .bind(ts(e.timestamp))
                .bind(ts(e.received_at))
                .bind(body)
                .bind(&e.source);
        }
        match query.execute(&mut **tx).await {
            Ok(done) => {
                let stored = done.rows_affected();
                outcome.stored += stored;
                outcome.duplicates += chunk.len() as u64 - stored;
            }
            Err(_) => {
                let slow = insert_events_one_by_one(tx, ws, chunk).await?;
                outcome.stored += slow.stored;
                outcome.duplicates += slow.duplicates;
            }
        }
    }
    Ok(outcome)
}

/// Rows per multi-row event insert: 10 bound parameters each, far under SQLite's limit (32,766).
const EVENT_INSERT_MAX_ROWS: usize = 256;

/// The multi-row insert of `rows` events (a power of two up to [`EVENT_INSERT_MAX_ROWS`]),
/// built once per size, with positional `?` parameters (SQLite's own).
fn event_insert_sql(rows: usize) -> &'static str {
    const SIZES: usize = EVENT_INSERT_MAX_ROWS.trailing_zeros() as usize + 1;
    static SQL: [std::sync::OnceLock<String>; SIZES] =
        [const { std::sync::OnceLock::new() }; SIZES];
    debug_assert!(rows.is_power_of_two() && rows <= EVENT_INSERT_MAX_ROWS);
    SQL[rows.trailing_zeros() as usize].get_or_init(|| {
        let mut text = String::from(sql::EVENT_INSERT_MANY_HEAD);
        for row in 0..rows {
            if row > 0 {
                text.push_str(", ");
            }
            text.push('(');
            for column in 0..sql::EVENT_INSERT_COLUMNS {
                if column > 0 {
                    text.push_str(", ");
                }
                // `?`, not `$N`: sqlx binds a named parameter by looking its name up, and
                // SQLite's lookup is linear, so `$N` would make a large statement quadratic.
                text.push('?');
            }
            text.push(')');
        }
        text.push_str(sql::EVENT_INSERT_MANY_TAIL);
        text
    })
}

/// Inserts events one statement each, skipping duplicates: the slow path, run on a chunk whose
/// multi-row statement failed, to name the event at fault in the error.
async fn insert_events_one_by_one(
    tx: &mut Tx,
    ws: &str,
    events: &[NewEvent],
) -> Result<AppendOutcome> {
    let mut outcome = AppendOutcome::default();
    for e in events {
        let body = serde_json::to_string(&e.body)
            .map_err(|err| StoreError::Invalid(format!("event `{}`: {err}", e.message_id)))?;
        let result = sqlx::query(sql::EVENT_INSERT)
            .bind(ws)
            .bind(&e.message_id)
            .bind(&e.kind)
            .bind(&e.user_id)
            .bind(&e.anonymous_id)
            .bind(&e.event)
            .bind(ts(e.timestamp))
            .bind(ts(e.received_at))
            .bind(body)
            .bind(&e.source)
            .execute(&mut **tx)
            .await;
        match result {
            Ok(done) if done.rows_affected() == 0 => outcome.duplicates += 1,
            Ok(_) => outcome.stored += 1,
            Err(err) if sql::is_foreign_key_violation(&err) => {
                return Err(StoreError::workspace_not_found(ws));
            }
            Err(err)
                if err
                    .as_database_error()
                    .is_some_and(|d| d.is_check_violation()) =>
            {
                return Err(StoreError::Invalid(format!(
                    "event `{}`: `{}` is not an event type",
                    e.message_id, e.kind
                )));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(outcome)
}

// ---- the store -----------------------------------------------------------------------

#[async_trait]
impl Store for SqliteStore {
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
        let old: Option<(String, i64, String, String)> = sqlx::query_as(sql::WS_GET)
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
        self.ensure_workspace(id).await?;
        // The outbox first: should the second step not happen, the workspace is still there
        // and its moments start over, rather than leave rows behind for a later namesake.
        self.delete_outbox_rows(id).await?;
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
        let mut tx = self.write().await?;
        let outcome = insert_events(&mut tx, ws, events).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn append_event_batches(&self, batches: &[EventBatch]) -> Result<Vec<AppendOutcome>> {
        let mut tx = self.write().await?;
        let mut outcomes = Vec::with_capacity(batches.len());
        for batch in batches {
            outcomes.push(insert_events(&mut tx, &batch.workspace, &batch.events).await?);
        }
        tx.commit().await?;
        Ok(outcomes)
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
        let found: bool = sqlx::query_scalar(sql::EVENT_EXISTS)
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

    async fn take_due_deliveries(
        &self,
        now: Timestamp,
        limit: u32,
        lease: Duration,
    ) -> Result<Vec<Delivery>> {
        let until = jiff::SignedDuration::try_from(lease)
            .ok()
            .and_then(|l| now.checked_add(l).ok())
            .unwrap_or(Timestamp::MAX);
        let mut taken = self.taken.lock().await;
        taken.retain(|_, t| *t > now);
        let wanted = u32::try_from(taken.len())
            .unwrap_or(u32::MAX)
            .saturating_add(limit);
        let due = self.due_deliveries_impl(now, wanted).await?;
        let due: Vec<Delivery> = due
            .into_iter()
            .filter(|d| !taken.contains_key(&d.id))
            .take(limit as usize)
            .collect();
        for d in &due {
            taken.insert(d.id, until);
        }
        Ok(due)
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

    async fn set_persona_picture(&self, ws: &str, persona: &str, bytes: &[u8]) -> Result<()> {
        self.set_persona_picture_impl(ws, persona, bytes).await
    }

    async fn persona_picture(
        &self,
        ws: &str,
        persona: &str,
    ) -> Result<Option<crate::PersonaPicture>> {
        self.persona_picture_impl(ws, persona).await
    }

    async fn persona_pictures(&self, ws: &str) -> Result<Vec<(String, Timestamp)>> {
        self.persona_pictures_impl(ws).await
    }

    async fn delete_persona_picture(&self, ws: &str, persona: &str) -> Result<bool> {
        self.delete_persona_picture_impl(ws, persona).await
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

    // ---- single sign-on and login throttling (sso.rs, sqlite_sso.rs) ----

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

    // ---- audit log (audit.rs, sqlite_audit.rs) ----

    async fn append_audit(&self, entry: &crate::NewAuditEntry) -> Result<crate::AuditEntry> {
        self.append_audit_impl(entry).await
    }

    async fn list_audit(&self, q: &crate::AuditQuery) -> Result<Vec<crate::AuditEntry>> {
        self.list_audit_impl(q).await
    }

    async fn verify_audit(&self) -> Result<crate::AuditVerification> {
        self.verify_audit_impl().await
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
}
