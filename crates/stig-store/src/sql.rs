//! The statements every SQL backend runs, and the conversions at their edge.
//!
//! Kept portable between SQLite and PostgreSQL: `$n` placeholders (SQLite accepts them too),
//! plain TEXT and BIGINT values, `COALESCE`, `COUNT`, `MAX`, `RETURNING`, no backend-only
//! functions. Timestamps are bound as fixed-width ISO-8601 text (see [`ts`]) so `<` and `>`
//! on them compare times in both databases. A PostgreSQL backend reuses these as they are.

use jiff::{Timestamp, Unit};

use crate::{Result, StoreError};

// ---- workspaces ----------------------------------------------------------------------

pub const WS_LIST: &str =
    "SELECT id, settings, revision, changed_at, changed_by FROM workspaces ORDER BY id";
pub const WS_COUNTS: &str =
    "SELECT workspace_id, kind, COUNT(*) FROM entities GROUP BY workspace_id, kind";
pub const WS_GET: &str =
    "SELECT settings, version, updated_at, updated_by FROM workspaces WHERE id = $1";
pub const WS_INSERT: &str = "INSERT INTO workspaces \
     (id, settings, version, updated_at, updated_by, revision, changed_at, changed_by) \
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7)";
/// Import over an existing workspace: settings with their (possibly kept) version.
pub const WS_REPLACE: &str = "UPDATE workspaces SET settings = $2, version = $3, \
     updated_at = $4, updated_by = $5, revision = revision + 1, changed_at = $6, \
     changed_by = $7 WHERE id = $1";
pub const WS_DELETE: &str = "DELETE FROM workspaces WHERE id = $1";
pub const WS_SAVE_SETTINGS: &str = "UPDATE workspaces SET settings = $2, version = version + 1, \
     updated_at = $3, updated_by = $4, revision = revision + 1, changed_at = $3, \
     changed_by = $4 WHERE id = $1 AND version = $5 RETURNING version";
/// First statement of every entity write: checks that the workspace exists, bumps its
/// revision and (in PostgreSQL) locks its row, so writers to one workspace go one at a time.
pub const WS_TOUCH: &str = "UPDATE workspaces SET revision = revision + 1, changed_at = $2, \
     changed_by = $3 WHERE id = $1";
pub const WS_REVISION: &str = "SELECT revision FROM workspaces WHERE id = $1";
pub const WS_EXISTS: &str = "SELECT COUNT(*) FROM workspaces WHERE id = $1";

// ---- entities ------------------------------------------------------------------------

pub const ENT_ALL: &str =
    "SELECT kind, id, body FROM entities WHERE workspace_id = $1 ORDER BY kind, position";
pub const ENT_ALL_META: &str = "SELECT kind, id, body, version, updated_at, updated_by \
     FROM entities WHERE workspace_id = $1";
pub const ENT_DELETE_ALL: &str = "DELETE FROM entities WHERE workspace_id = $1";
pub const ENT_INSERT: &str = "INSERT INTO entities \
     (workspace_id, kind, id, position, body, version, updated_at, updated_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
pub const ENT_GET: &str = "SELECT body, version, updated_at, updated_by FROM entities \
     WHERE workspace_id = $1 AND kind = $2 AND id = $3";
pub const ENT_LIST: &str = "SELECT body, version, updated_at, updated_by FROM entities \
     WHERE workspace_id = $1 AND kind = $2 ORDER BY position";
pub const ENT_META: &str = "SELECT version, updated_at, updated_by, position FROM entities \
     WHERE workspace_id = $1 AND kind = $2 AND id = $3";
pub const ENT_COUNT_ID: &str =
    "SELECT COUNT(*) FROM entities WHERE workspace_id = $1 AND kind = $2 AND id = $3";
pub const ENT_COUNT_KIND: &str =
    "SELECT COUNT(*) FROM entities WHERE workspace_id = $1 AND kind = $2";
pub const ENT_UPDATE: &str = "UPDATE entities SET id = $4, body = $5, version = version + 1, \
     updated_at = $6, updated_by = $7 WHERE workspace_id = $1 AND kind = $2 AND id = $3 \
     RETURNING version";
pub const ENT_DELETE: &str =
    "DELETE FROM entities WHERE workspace_id = $1 AND kind = $2 AND id = $3";
/// After deleting the entity at position $3: the ones after it move up.
pub const ENT_CLOSE_GAP: &str = "UPDATE entities SET position = position - 1 \
     WHERE workspace_id = $1 AND kind = $2 AND position > $3";
/// Moving an entity from $4 up to $3 (< $4): the ones in [$3, $4) move down one.
pub const ENT_SHIFT_DOWN: &str = "UPDATE entities SET position = position + 1 \
     WHERE workspace_id = $1 AND kind = $2 AND position >= $3 AND position < $4";
/// Moving an entity from $3 down to $4 (> $3): the ones in ($3, $4] move up one.
pub const ENT_SHIFT_UP: &str = "UPDATE entities SET position = position - 1 \
     WHERE workspace_id = $1 AND kind = $2 AND position > $3 AND position <= $4";
pub const ENT_SET_POSITION: &str =
    "UPDATE entities SET position = $4 WHERE workspace_id = $1 AND kind = $2 AND id = $3";

// ---- users ---------------------------------------------------------------------------

pub const USER_INSERT: &str = "INSERT INTO users (name, password_hash, role, created_at) \
     VALUES ($1, $2, $3, $4) RETURNING id";
pub const USER_BY_NAME: &str = "SELECT id, name, role, created_at FROM users WHERE name = $1";
pub const USER_BY_ID: &str = "SELECT id, name, role, created_at FROM users WHERE id = $1";
pub const USER_CREDENTIALS: &str =
    "SELECT id, name, role, created_at, password_hash FROM users WHERE name = $1";
pub const USER_LIST: &str = "SELECT id, name, role, created_at FROM users ORDER BY name";
pub const USER_COUNT: &str = "SELECT COUNT(*) FROM users";
pub const USER_SET_ROLE: &str = "UPDATE users SET role = $2 WHERE id = $1";
pub const USER_SET_PASSWORD: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
pub const USER_DELETE: &str = "DELETE FROM users WHERE id = $1";

// ---- sessions ------------------------------------------------------------------------

pub const SESSION_INSERT: &str = "INSERT INTO sessions \
     (token_hash, user_id, csrf_token, locale, created_at, expires_at) \
     VALUES ($1, $2, $3, NULL, $4, $5)";
pub const SESSION_GET: &str = "SELECT u.id, u.name, u.role, u.created_at, s.csrf_token, \
     s.locale, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $1 AND s.expires_at > $2";
pub const SESSION_SET_LOCALE: &str = "UPDATE sessions SET locale = $2 WHERE token_hash = $1";
pub const SESSION_DELETE: &str = "DELETE FROM sessions WHERE token_hash = $1";
pub const SESSION_DELETE_FOR_USER: &str = "DELETE FROM sessions WHERE user_id = $1";
pub const SESSION_DELETE_EXPIRED: &str = "DELETE FROM sessions WHERE expires_at <= $1";

// ---- API tokens ----------------------------------------------------------------------

pub const TOKEN_INSERT: &str = "INSERT INTO api_tokens \
     (token_hash, user_id, label, created_at, last_used_at) VALUES ($1, $2, $3, $4, NULL)";
pub const TOKEN_USER: &str = "SELECT u.id, u.name, u.role, u.created_at, t.last_used_at \
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1";
pub const TOKEN_TOUCH: &str = "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1";
pub const TOKEN_LIST: &str = "SELECT token_hash, label, created_at, last_used_at \
     FROM api_tokens WHERE user_id = $1 ORDER BY created_at, token_hash";
pub const TOKEN_DELETE: &str = "DELETE FROM api_tokens WHERE token_hash = $1 AND user_id = $2";

// ---- sources and events --------------------------------------------------------------

pub const SOURCE_INSERT: &str = "INSERT INTO sources \
     (id, workspace_id, name, write_key_hash, created_at) VALUES ($1, $2, $3, $4, $5)";
pub const SOURCE_BY_KEY: &str = "SELECT id, workspace_id, name, created_at, allowed_origins \
     FROM sources WHERE write_key_hash = $1";
pub const SOURCE_LIST: &str = "SELECT id, workspace_id, name, created_at, allowed_origins \
     FROM sources WHERE workspace_id = $1 ORDER BY name";
pub const SOURCE_SET_ORIGINS: &str =
    "UPDATE sources SET allowed_origins = $3 WHERE workspace_id = $1 AND id = $2";
/// Its events stay (their `source_id` becomes NULL), its refusals go (foreign keys).
pub const SOURCE_DELETE: &str = "DELETE FROM sources WHERE workspace_id = $1 AND id = $2";
/// De-duplication on the client's messageId: a message already stored is skipped (portable:
/// SQLite ≥ 3.24 and PostgreSQL ≥ 9.5).
pub const EVENT_INSERT: &str = "INSERT INTO events \
     (workspace_id, message_id, type, user_id, anonymous_id, event, timestamp, received_at, body, \
     source_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     ON CONFLICT (workspace_id, message_id) DO NOTHING";
/// [`EVENT_INSERT`] for many rows at once: this head, then `EVENT_INSERT_COLUMNS` parameters
/// per row as `(…), (…)` (`$1, …` in PostgreSQL; `?` in SQLite, where numbered names bind in
/// linear time each), then the tail.
pub const EVENT_INSERT_MANY_HEAD: &str = "INSERT INTO events \
     (workspace_id, message_id, type, user_id, anonymous_id, event, timestamp, received_at, body, \
     source_id) VALUES ";
pub const EVENT_INSERT_COLUMNS: usize = 10;
pub const EVENT_INSERT_MANY_TAIL: &str = " ON CONFLICT (workspace_id, message_id) DO NOTHING";
pub const EVENT_COUNT: &str = "SELECT COUNT(*) FROM events WHERE workspace_id = $1";
/// The columns every event read selects, in [`EventRow`](crate::sqlite) order.
macro_rules! event_columns {
    () => {
        "seq, message_id, type, user_id, anonymous_id, event, timestamp, received_at, body, \
         source_id"
    };
}
pub const EVENTS_FOR: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM events WHERE workspace_id = $1 AND (user_id = $2 OR anonymous_id = $2) \
     ORDER BY timestamp, seq"
);
pub const EVENTS_SCAN: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
);
pub const EVENT_TEXTS_SCAN: &str =
    "SELECT seq, body FROM events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
/// [`EVENT_TEXTS_SCAN`] with only the conditions `filter` sets, bound in this order after
/// `$1` workspace and `$2` cursor: from, to, types, event, ids (twice), then the limit. A
/// filter on ids reads their rows through the id indexes and picks them out by `seq`, so
/// one customer's events are found without reading everyone's.
pub fn event_texts_matching(filter: &crate::EventFilter) -> String {
    let mut q = String::from("SELECT seq, body FROM events WHERE workspace_id = $1 AND seq > $2");
    let mut n = 2;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if filter.from.is_some() {
        q += &format!(" AND timestamp >= {}", next());
    }
    if filter.to.is_some() {
        q += &format!(" AND timestamp < {}", next());
    }
    let mut list = |len: usize| (0..len).map(|_| next()).collect::<Vec<_>>().join(", ");
    if !filter.types.is_empty() {
        q += &format!(" AND type IN ({})", list(filter.types.len()));
    }
    if filter.event.is_some() {
        q += &format!(" AND event = {}", list(1));
    }
    if !filter.ids.is_empty() {
        let users = list(filter.ids.len());
        let anonymous = list(filter.ids.len());
        q += &format!(
            " AND seq IN (SELECT seq FROM events WHERE workspace_id = $1 AND user_id IN ({users}) \
             UNION SELECT seq FROM events WHERE workspace_id = $1 AND anonymous_id IN ({anonymous}))"
        );
    }
    q += &format!(" ORDER BY seq LIMIT {}", list(1));
    q
}
pub const EVENTS_RECENT: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM events WHERE workspace_id = $1 AND ($2 IS NULL OR source_id = $2) \
     ORDER BY seq DESC LIMIT $3"
);
pub const EVENT_EXISTS: &str =
    "SELECT EXISTS (SELECT 1 FROM events WHERE workspace_id = $1 AND message_id = $2)";
pub const EVENT_SOURCE_COUNTS: &str = "SELECT source_id, COUNT(*), MAX(timestamp) FROM events \
     WHERE workspace_id = $1 AND source_id IS NOT NULL GROUP BY source_id";
pub const REJECTION_INSERT: &str = "INSERT INTO rejections \
     (workspace_id, source_id, at, status, reason, excerpt) VALUES ($1, $2, $3, $4, $5, $6)";
pub const REJECTION_COUNT_BUMP: &str = "INSERT INTO rejection_counts (source_id, refused) \
     VALUES ($1, 1) ON CONFLICT (source_id) DO UPDATE SET refused = rejection_counts.refused + 1";
/// Keeps the newest `$3` rejections of a source.
pub const REJECTION_PRUNE: &str = "DELETE FROM rejections WHERE workspace_id = $1 \
     AND source_id = $2 AND seq <= (SELECT seq FROM rejections WHERE workspace_id = $1 \
     AND source_id = $2 ORDER BY seq DESC LIMIT 1 OFFSET $3)";
pub const REJECTIONS_RECENT: &str = "SELECT workspace_id, source_id, at, status, reason, excerpt \
     FROM rejections WHERE workspace_id = $1 AND ($2 IS NULL OR source_id = $2) \
     ORDER BY seq DESC LIMIT $3";
pub const REJECTION_COUNTS: &str = "SELECT c.source_id, c.refused FROM rejection_counts c \
     JOIN sources s ON s.id = c.source_id WHERE s.workspace_id = $1";
pub const SECRET_GET: &str = "SELECT value FROM secrets WHERE name = $1";
pub const SECRET_PUT: &str =
    "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";

// ---- conversions ---------------------------------------------------------------------

/// Now, to the millisecond (what the columns hold, so values read back compare equal).
pub fn now() -> Timestamp {
    let t = Timestamp::now();
    t.round(Unit::Millisecond).unwrap_or(t)
}

/// A timestamp as stored: UTC, ISO-8601, always three fractional digits
/// (`2026-01-31T12:00:00.000Z`), so text order is time order.
pub fn ts(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A stored timestamp back.
pub fn parse_ts(s: &str) -> Result<Timestamp> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("timestamp `{s}`: {e}")))
}

/// A count or position from the database as a `usize`.
pub fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// A position for the database.
pub fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// True when the error is a UNIQUE or PRIMARY KEY violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

/// True when the error is a FOREIGN KEY violation.
pub fn is_foreign_key_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_foreign_key_violation())
}
