//! `stig db copy`: a whole installation moved from SQLite (both files) into an empty
//! PostgreSQL database, row for row, with the ids, arrival numbers and timestamps it had, then
//! read back from both sides and compared.

use std::collections::HashSet;

use sqlx::Row as _;
use sqlx::sqlite::SqlitePool;

use crate::postgres::copy_line;
use crate::{PgStore, Result, SqliteStore, StoreError};

/// How a column is read from SQLite and written to PostgreSQL.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Bytes,
}
use Kind::{Bytes, Int, Text};

/// Which SQLite file a table is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum File {
    Main,
    Outbox,
}

/// A table, its columns and the key that orders it (for paging and for the comparison).
struct Table {
    name: &'static str,
    file: File,
    columns: &'static [(&'static str, Kind)],
    order: &'static str,
}

/// Every table, parents before children (PostgreSQL checks the references as rows arrive).
const TABLES: &[Table] = &[
    Table {
        name: "workspaces",
        file: File::Main,
        columns: &[
            ("id", Text),
            ("settings", Text),
            ("version", Int),
            ("updated_at", Text),
            ("updated_by", Text),
            ("revision", Int),
            ("changed_at", Text),
            ("changed_by", Text),
        ],
        order: "id",
    },
    Table {
        name: "entities",
        file: File::Main,
        columns: &[
            ("workspace_id", Text),
            ("kind", Text),
            ("id", Text),
            ("position", Int),
            ("body", Text),
            ("version", Int),
            ("updated_at", Text),
            ("updated_by", Text),
        ],
        order: "workspace_id, kind, id",
    },
    Table {
        name: "users",
        file: File::Main,
        columns: &[
            ("id", Int),
            ("name", Text),
            ("password_hash", Text),
            ("role", Text),
            ("created_at", Text),
        ],
        order: "id",
    },
    Table {
        name: "sessions",
        file: File::Main,
        columns: &[
            ("token_hash", Text),
            ("user_id", Int),
            ("csrf_token", Text),
            ("locale", Text),
            ("created_at", Text),
            ("expires_at", Text),
        ],
        order: "token_hash",
    },
    Table {
        name: "api_tokens",
        file: File::Main,
        columns: &[
            ("token_hash", Text),
            ("user_id", Int),
            ("label", Text),
            ("created_at", Text),
            ("last_used_at", Text),
        ],
        order: "token_hash",
    },
    Table {
        name: "sources",
        file: File::Main,
        columns: &[
            ("id", Text),
            ("workspace_id", Text),
            ("name", Text),
            ("write_key_hash", Text),
            ("created_at", Text),
            ("allowed_origins", Text),
        ],
        order: "id",
    },
    Table {
        name: "events",
        file: File::Main,
        columns: &[
            ("seq", Int),
            ("workspace_id", Text),
            ("message_id", Text),
            ("type", Text),
            ("user_id", Text),
            ("anonymous_id", Text),
            ("event", Text),
            ("timestamp", Text),
            ("received_at", Text),
            ("body", Text),
            ("source_id", Text),
        ],
        order: "seq",
    },
    Table {
        name: "rejections",
        file: File::Main,
        columns: &[
            ("seq", Int),
            ("workspace_id", Text),
            ("source_id", Text),
            ("at", Text),
            ("status", Int),
            ("reason", Text),
            ("excerpt", Text),
        ],
        order: "seq",
    },
    Table {
        name: "rejection_counts",
        file: File::Main,
        columns: &[("source_id", Text), ("refused", Int)],
        order: "source_id",
    },
    Table {
        name: "secrets",
        file: File::Main,
        columns: &[("name", Text), ("value", Bytes)],
        order: "name",
    },
    Table {
        name: "workspace_secrets",
        file: File::Main,
        columns: &[
            ("workspace_id", Text),
            ("name", Text),
            ("value", Text),
            ("updated_at", Text),
        ],
        order: "workspace_id, name",
    },
    Table {
        name: "persona_pictures",
        file: File::Main,
        columns: &[
            ("workspace_id", Text),
            ("persona", Text),
            ("mime", Text),
            ("bytes", Bytes),
            ("updated_at", Text),
        ],
        order: "workspace_id, persona",
    },
    Table {
        name: "suppressions",
        file: File::Main,
        columns: &[("workspace_id", Text), ("hash", Text), ("created_at", Text)],
        order: "workspace_id, hash",
    },
    Table {
        name: "erasures",
        file: File::Main,
        columns: &[
            ("id", Text),
            ("workspace_id", Text),
            ("at", Text),
            ("by_name", Text),
            ("ids_hash", Text),
            ("ids", Int),
            ("counts", Text),
        ],
        order: "id",
    },
    Table {
        name: "external_identities",
        file: File::Main,
        columns: &[
            ("issuer", Text),
            ("subject", Text),
            ("user_id", Int),
            ("created_at", Text),
        ],
        order: "issuer, subject",
    },
    Table {
        name: "login_failures",
        file: File::Main,
        columns: &[("scope", Text), ("key", Text), ("at", Text)],
        order: "scope, key, at",
    },
    Table {
        name: "audit_log",
        file: File::Main,
        columns: &[
            ("seq", Int),
            ("at", Text),
            ("actor", Text),
            ("actor_user", Int),
            ("action", Text),
            ("workspace", Text),
            ("target_kind", Text),
            ("target_id", Text),
            ("detail", Text),
            ("client", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
        order: "seq",
    },
    Table {
        name: "moment_cursors",
        file: File::Outbox,
        columns: &[("workspace_id", Text), ("seq", Int)],
        order: "workspace_id",
    },
    Table {
        name: "moment_live",
        file: File::Outbox,
        columns: &[("workspace_id", Text), ("moment", Text), ("since", Text)],
        order: "workspace_id, moment",
    },
    Table {
        name: "moment_firings",
        file: File::Outbox,
        columns: &[
            ("id", Int),
            ("workspace_id", Text),
            ("moment", Text),
            ("occurrence", Text),
            ("customer", Text),
            ("persona", Text),
            ("at", Text),
            ("fired_at", Text),
            ("context", Text),
        ],
        order: "id",
    },
    Table {
        name: "moment_deliveries",
        file: File::Outbox,
        columns: &[
            ("id", Int),
            ("workspace_id", Text),
            ("firing_id", Int),
            ("action", Int),
            ("kind", Text),
            ("payload", Text),
            ("status", Text),
            ("attempts", Int),
            ("next_attempt_at", Text),
            ("last_error", Text),
            ("created_at", Text),
            ("delivered_at", Text),
        ],
        order: "id",
    },
    Table {
        name: "moment_suppressions",
        file: File::Outbox,
        columns: &[
            ("id", Int),
            ("workspace_id", Text),
            ("firing_id", Int),
            ("action", Int),
            ("kind", Text),
            ("purpose", Text),
            ("created_at", Text),
        ],
        order: "id",
    },
    Table {
        name: "moment_attempts",
        file: File::Outbox,
        columns: &[
            ("id", Int),
            ("delivery_id", Int),
            ("at", Text),
            ("ok", Int),
            ("status", Int),
            ("error", Text),
            ("duration_ms", Int),
        ],
        order: "id",
    },
    Table {
        name: "tasks",
        file: File::Outbox,
        columns: &[
            ("id", Int),
            ("workspace_id", Text),
            ("delivery_id", Int),
            ("moment", Text),
            ("customer", Text),
            ("title", Text),
            ("body", Text),
            ("assignee", Text),
            ("status", Text),
            ("created_at", Text),
            ("done_at", Text),
        ],
        order: "id",
    },
    Table {
        name: "destinations",
        file: File::Outbox,
        columns: &[
            ("id", Text),
            ("workspace_id", Text),
            ("source_id", Text),
            ("url", Text),
            ("secret", Text),
            ("enabled", Int),
            ("only_events", Text),
            ("cursor_seq", Int),
            ("created_at", Text),
            ("created_by", Text),
        ],
        order: "id",
    },
];

/// The sequences behind PostgreSQL's generated ids, moved past the copied ones.
const IDENTITIES: &[(&str, &str)] = &[
    ("users", "id"),
    ("rejections", "seq"),
    ("moment_firings", "id"),
    ("moment_deliveries", "id"),
    ("moment_attempts", "id"),
    ("moment_suppressions", "id"),
    ("tasks", "id"),
];

/// Rows read (and compared) per page.
const PAGE: i64 = 5_000;

/// What a copy moved: rows per table, in copy order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(&'static str, u64)>,
}

/// A row as text, as COPY writes it (NULL as `None`, bytes as `\x…` hex).
type TextRow = Vec<Option<String>>;

fn select(table: &Table, keyed_after: bool, pg: bool) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|(c, _)| format!("\"{c}\""))
        .collect();
    // SQLite pages by rowid; PostgreSQL (and the comparison) by the table's key.
    if pg {
        format!(
            "SELECT {} FROM {} ORDER BY {} LIMIT $1 OFFSET $2",
            columns.join(", "),
            table.name,
            table.order
        )
    } else if keyed_after {
        format!(
            "SELECT rowid, {} FROM {} WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            columns.join(", "),
            table.name
        )
    } else {
        format!(
            "SELECT {} FROM {} ORDER BY {} LIMIT ?1 OFFSET ?2",
            columns.join(", "),
            table.name,
            table.order
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("\\x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Column `i` of a row of either database, as text.
fn cell<R: sqlx::Row>(
    row: &R,
    i: usize,
    kind: Kind,
) -> std::result::Result<Option<String>, sqlx::Error>
where
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<Vec<u8>>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    Ok(match kind {
        Text => row.try_get::<Option<String>, _>(i)?,
        Int => row.try_get::<Option<i64>, _>(i)?.map(|n| n.to_string()),
        Bytes => row.try_get::<Option<Vec<u8>>, _>(i)?.map(|b| hex(&b)),
    })
}

fn pool_of(from: &SqliteStore, file: File) -> &SqlitePool {
    match file {
        File::Main => from.pool(),
        File::Outbox => from.outbox_pool(),
    }
}

/// Copies everything `from` holds into `to`, which must be empty (no workspace, user or
/// secret), in ONE PostgreSQL transaction: all or nothing. Then reads every table back from
/// both and compares them row for row; `Corrupt` names the first difference. The SQLite
/// store should not be written meanwhile (stop the server first).
pub async fn copy_sqlite_to_postgres(from: &SqliteStore, to: &PgStore) -> Result<CopyReport> {
    let used: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM workspaces) + (SELECT COUNT(*) FROM users) \
         + (SELECT COUNT(*) FROM secrets)",
    )
    .fetch_one(to.pool())
    .await?;
    if used > 0 {
        return Err(StoreError::Invalid(
            "the PostgreSQL database is not empty (it holds workspaces, users or secrets): \
             copy into a new database"
                .into(),
        ));
    }
    // The event partitions the rows need, made before the transaction (as appends do).
    let months: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT substr(received_at, 1, 7) FROM events")
            .fetch_all(from.pool())
            .await?;
    to.ensure_partitions(&months.into_iter().collect::<HashSet<_>>())
        .await?;

    let mut report = CopyReport::default();
    let mut tx = to.pool().begin().await?;
    for table in TABLES {
        let source = pool_of(from, table.file);
        let names: Vec<String> = table
            .columns
            .iter()
            .map(|(c, _)| format!("\"{c}\""))
            .collect();
        let mut after: i64 = 0;
        let mut copied: u64 = 0;
        loop {
            // Audited: table and column names are the constants above.
            let rows = sqlx::query(sqlx::AssertSqlSafe(select(table, true, false)))
                .bind(after)
                .bind(PAGE)
                .fetch_all(source)
                .await?;
            if rows.is_empty() {
                break;
            }
            let mut text = String::new();
            for row in &rows {
                after = row.try_get::<i64, _>(0)?;
                let mut cells = Vec::with_capacity(table.columns.len());
                for (i, (_, kind)) in table.columns.iter().enumerate() {
                    cells.push(cell(row, i + 1, *kind)?);
                }
                let refs: Vec<Option<&str>> = cells.iter().map(|c| c.as_deref()).collect();
                copy_line(&mut text, &refs);
            }
            let mut copy = tx
                .copy_in_raw(&format!(
                    "COPY {} ({}) FROM STDIN",
                    table.name,
                    names.join(", ")
                ))
                .await?;
            copy.send(text.as_bytes()).await?;
            copied += copy.finish().await?;
        }
        report.tables.push((table.name, copied));
    }
    // The de-duplication keys of the copied events, and the generators past the copied ids.
    sqlx::query("INSERT INTO event_ids (workspace_id, message_id) SELECT workspace_id, message_id FROM events")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "SELECT setval('events_seq', COALESCE((SELECT MAX(seq) FROM events), 0) + 1, false)",
    )
    .execute(&mut *tx)
    .await?;
    for (table, column) in IDENTITIES {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
             COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
        )))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    compare(from, to).await?;
    Ok(report)
}

/// Reads every table from both stores in key order and compares them row for row.
pub async fn compare(from: &SqliteStore, to: &PgStore) -> Result<()> {
    for table in TABLES {
        let source = pool_of(from, table.file);
        let mut offset: i64 = 0;
        loop {
            let a: Vec<TextRow> = {
                let rows = sqlx::query(sqlx::AssertSqlSafe(select(table, false, false)))
                    .bind(PAGE)
                    .bind(offset)
                    .fetch_all(source)
                    .await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    let mut cells = Vec::new();
                    for (i, (_, kind)) in table.columns.iter().enumerate() {
                        cells.push(cell(row, i, *kind)?);
                    }
                    out.push(cells);
                }
                out
            };
            let b: Vec<TextRow> = {
                let rows = sqlx::query(sqlx::AssertSqlSafe(select(table, false, true)))
                    .bind(PAGE)
                    .bind(offset)
                    .fetch_all(to.pool())
                    .await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    let mut cells = Vec::new();
                    for (i, (_, kind)) in table.columns.iter().enumerate() {
                        cells.push(cell(row, i, *kind)?);
                    }
                    out.push(cells);
                }
                out
            };
            if a != b {
                let at = a
                    .iter()
                    .zip(&b)
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()));
                return Err(StoreError::Corrupt(format!(
                    "table `{}` differs after the copy at row {} (ordered by {})",
                    table.name,
                    offset + at as i64 + 1,
                    table.order
                )));
            }
            if a.len() < PAGE as usize {
                break;
            }
            offset += PAGE;
        }
    }
    Ok(())
}
