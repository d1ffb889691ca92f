//! The statements of business moments (the outbox), portable like those in `sql.rs`.

// ---- cursor, live-since, deleting ---------------------------------------------------

pub const CURSOR_GET: &str = "SELECT seq FROM moment_cursors WHERE workspace_id = $1";
pub const CURSOR_SET: &str = "INSERT INTO moment_cursors (workspace_id, seq) VALUES ($1, $2) \
     ON CONFLICT (workspace_id) DO UPDATE SET seq = excluded.seq";
pub const LIVE_PUT: &str = "INSERT INTO moment_live (workspace_id, moment, since) \
     VALUES ($1, $2, $3) ON CONFLICT (workspace_id, moment) DO NOTHING";
pub const LIVE_GET: &str = "SELECT since FROM moment_live WHERE workspace_id = $1 AND moment = $2";
pub const LIVE_DELETE: &str = "DELETE FROM moment_live WHERE workspace_id = $1 AND moment = $2";
/// A workspace's outbox rows, children first (the outbox cannot cascade from `workspaces`,
/// which is in the other file).
pub const WORKSPACE_DELETE: [&str; 8] = [
    "DELETE FROM moment_attempts WHERE delivery_id IN \
     (SELECT id FROM moment_deliveries WHERE workspace_id = $1)",
    "DELETE FROM moment_suppressions WHERE workspace_id = $1",
    "DELETE FROM tasks WHERE workspace_id = $1",
    "DELETE FROM moment_deliveries WHERE workspace_id = $1",
    "DELETE FROM moment_firings WHERE workspace_id = $1",
    "DELETE FROM moment_live WHERE workspace_id = $1",
    "DELETE FROM moment_cursors WHERE workspace_id = $1",
    "DELETE FROM destinations WHERE workspace_id = $1",
];

// ---- firings -------------------------------------------------------------------------

pub const FIRING_NEXT_ID: &str = "SELECT COALESCE(MAX(id), 0) + 1 FROM moment_firings";
/// The ids a commit's firings were given from `$1` on and kept.
pub const FIRING_IDS_FROM: &str = "SELECT id FROM moment_firings WHERE id >= $1";
pub const DELIVERY_NEXT_ID: &str = "SELECT COALESCE(MAX(id), 0) + 1 FROM moment_deliveries";
pub const FIRINGS_SINCE: &str = "SELECT moment, customer, occurrence, at FROM moment_firings \
     WHERE workspace_id = $1 AND at >= $2 ORDER BY at, id";
/// The firings a [`FiringQuery`](crate::FiringQuery) selects: `$2` moment, `$3` customer
/// (NULL: any), `$4` at most.
macro_rules! firings_selected {
    () => {
        "FROM moment_firings WHERE workspace_id = $1 AND ($2 IS NULL OR moment = $2) \
         AND ($3 IS NULL OR customer = $3) ORDER BY id DESC LIMIT $4"
    };
}
pub const FIRINGS_LIST: &str = concat!(
    "SELECT id, moment, occurrence, customer, persona, at, fired_at, context ",
    firings_selected!()
);
pub const MOMENT_FIRING_COUNTS: &str = "SELECT moment, COUNT(*), MAX(fired_at) \
     FROM moment_firings WHERE workspace_id = $1 GROUP BY moment";
pub const MOMENT_DELIVERY_COUNTS: &str = "SELECT f.moment, d.status, COUNT(*) \
     FROM moment_deliveries d JOIN moment_firings f ON f.id = d.firing_id \
     WHERE d.workspace_id = $1 GROUP BY f.moment, d.status";

/// An action suppressed for lack of consent (`$2` its firing).
pub const SUPPRESSION_INSERT: &str = "INSERT INTO moment_suppressions \
     (workspace_id, firing_id, action, kind, purpose, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
pub const MOMENT_SUPPRESSION_COUNTS: &str = "SELECT f.moment, COUNT(*) \
     FROM moment_suppressions s JOIN moment_firings f ON f.id = s.firing_id \
     WHERE s.workspace_id = $1 GROUP BY f.moment";
/// The suppressed actions of the firings [`FIRINGS_LIST`] selects (same parameters).
pub const SUPPRESSIONS_OF_FIRINGS: &str = concat!(
    "SELECT firing_id, action, kind, purpose FROM moment_suppressions WHERE firing_id IN \
     (SELECT id ",
    firings_selected!(),
    ") ORDER BY firing_id, action"
);

// ---- deliveries ----------------------------------------------------------------------

/// Every delivery read selects these, in `DeliveryRow` order.
macro_rules! delivery_select {
    () => {
        "SELECT d.id, d.workspace_id, d.firing_id, f.moment, f.customer, f.occurrence, d.action, \
         d.kind, d.payload, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, \
         d.delivered_at FROM moment_deliveries d JOIN moment_firings f ON f.id = d.firing_id "
    };
}
pub const DELIVERIES_DUE: &str = concat!(
    delivery_select!(),
    "WHERE d.status = 'pending' AND d.next_attempt_at <= $1 \
     ORDER BY d.next_attempt_at, d.id LIMIT $2"
);
pub const DELIVERY_GET: &str = concat!(
    delivery_select!(),
    "WHERE d.workspace_id = $1 AND d.id = $2"
);
pub const DELIVERIES_LIST: &str = concat!(
    delivery_select!(),
    "WHERE d.workspace_id = $1 AND ($2 IS NULL OR d.status = $2) ORDER BY d.id DESC LIMIT $3"
);
/// The deliveries of the firings [`FIRINGS_LIST`] selects (same parameters).
pub const DELIVERIES_OF_FIRINGS: &str = concat!(
    delivery_select!(),
    "WHERE d.firing_id IN (SELECT id ",
    firings_selected!(),
    ") ORDER BY d.firing_id, d.action, d.id"
);
/// After an attempt: `$3` the new status, `$4` the next attempt (NULL: unchanged), `$5` when
/// delivered (NULL: unchanged).
pub const DELIVERY_ATTEMPTED: &str = "UPDATE moment_deliveries SET attempts = attempts + 1, \
     last_error = $2, status = $3, next_attempt_at = COALESCE($4, next_attempt_at), \
     delivered_at = COALESCE($5, delivered_at) WHERE id = $1";
pub const ATTEMPT_INSERT: &str = "INSERT INTO moment_attempts \
     (delivery_id, at, ok, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)";
pub const ATTEMPTS_LIST: &str = "SELECT at, ok, status, error, duration_ms FROM moment_attempts \
     WHERE delivery_id = $1 ORDER BY id";
pub const DELIVERY_STATUS: &str =
    "SELECT status FROM moment_deliveries WHERE workspace_id = $1 AND id = $2";
pub const DELIVERY_REPLAY: &str = "UPDATE moment_deliveries SET status = 'pending', \
     next_attempt_at = $3 WHERE workspace_id = $1 AND id = $2";

// ---- tasks ---------------------------------------------------------------------------

/// One task per delivery: a second insert for the same delivery does nothing.
pub const TASK_INSERT: &str = "INSERT INTO tasks \
     (workspace_id, delivery_id, moment, customer, title, body, assignee, status, created_at, \
     done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, NULL) \
     ON CONFLICT (delivery_id) DO NOTHING";
pub const TASK_ID_FOR_DELIVERY: &str =
    "SELECT id FROM tasks WHERE workspace_id = $1 AND delivery_id = $2";
macro_rules! task_select {
    () => {
        "SELECT id, workspace_id, delivery_id, moment, customer, title, body, assignee, status, \
         created_at, done_at FROM tasks "
    };
}
pub const TASK_GET: &str = concat!(task_select!(), "WHERE workspace_id = $1 AND id = $2");
pub const TASKS_LIST: &str = concat!(
    task_select!(),
    "WHERE workspace_id = $1 AND ($2 IS NULL OR status = $2) \
     ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, id DESC LIMIT $3"
);
pub const TASK_UPDATE: &str = "UPDATE tasks SET assignee = $3, status = $4, done_at = $5 \
     WHERE workspace_id = $1 AND id = $2";

// ---- workspace secrets ---------------------------------------------------------------

pub const WS_SECRET_PUT: &str = "INSERT INTO workspace_secrets \
     (workspace_id, name, value, updated_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (workspace_id, name) DO UPDATE SET value = excluded.value, \
     updated_at = excluded.updated_at";
pub const WS_SECRET_GET: &str =
    "SELECT value FROM workspace_secrets WHERE workspace_id = $1 AND name = $2";
pub const WS_SECRET_LIST: &str =
    "SELECT name, updated_at FROM workspace_secrets WHERE workspace_id = $1 ORDER BY name";
pub const WS_SECRET_DELETE: &str =
    "DELETE FROM workspace_secrets WHERE workspace_id = $1 AND name = $2";
