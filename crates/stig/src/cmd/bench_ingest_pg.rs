//! `stig bench ingest --db postgres://…`: storing events in PostgreSQL, Stig's two ways (HTTP
//! `/v1/batch` through the collector, and the `stig events import` path, the store's append),
//! next to PostgreSQL's own fastest ways of loading the same rows in the same run: `COPY` and
//! multi-row `INSERT` (up to [`ROWS_PER_STATEMENT`] rows a statement) into an equivalent
//! plain table (the same columns, the unique key on `(workspace, messageId)` and the same
//! four indexes, unpartitioned), one transaction per request's rows (HTTP) or per import
//! chunk. Each measurement gets a fresh database made beside the one `--db` names (which
//! is only used to create and drop them); all are dropped at the end.

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

use stig_store::{PgStore, Store};

use super::bench::{Figure, Report, machine, plain, round};
use super::bench_ingest::{
    BATCH, Generated, ROWS_PER_STATEMENT, Row, WS, batch_bodies, multi_row_insert, send,
};
use super::events_import;
use crate::cli::ImportFormat;

/// Fresh databases made on the server `--db` names, dropped when done.
pub(super) struct Databases {
    admin: PgPool,
    base: PgConnectOptions,
    url: String,
    made: Vec<String>,
}

impl Databases {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let base = PgConnectOptions::from_str(url).with_context(|| {
            format!("--db {} is not a PostgreSQL URL", super::db::redacted(url))
        })?;
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone())
            .await
            .with_context(|| format!("cannot connect to {}", super::db::redacted(url)))?;
        Ok(Databases {
            admin,
            base,
            url: url.to_owned(),
            made: Vec::new(),
        })
    }

    /// A new empty database, `stig_bench_<pid>_<what>`: its connect options and URL.
    pub async fn fresh(&mut self, what: &str) -> anyhow::Result<(PgConnectOptions, String)> {
        let name = format!("stig_bench_{}_{what}", std::process::id());
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name}"
        )))
        .execute(&self.admin)
        .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&self.admin)
            .await
            .with_context(|| format!("cannot create the database {name} (CREATEDB needed)"))?;
        self.made.push(name.clone());
        Ok((
            self.base.clone().database(&name),
            with_database(&self.url, &name),
        ))
    }

    /// Drops every database made (their connections closed first by the caller).
    pub async fn drop_all(self) {
        for name in &self.made {
            let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&self.admin)
            .await;
            if let Err(e) = dropped {
                eprintln!("warning: could not drop the benchmark database {name}: {e}");
            }
        }
        self.admin.close().await;
    }
}

/// `url` with its database (the path) replaced by `name`, parameters kept.
pub(super) fn with_database(url: &str, name: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let (head, query) = match url[after_scheme..].find('?') {
        Some(q) => url.split_at(after_scheme + q),
        None => (url, ""),
    };
    let host_end = head[after_scheme..]
        .find('/')
        .map_or(head.len(), |i| after_scheme + i);
    format!("{}/{name}{query}", &head[..host_end])
}

pub(super) async fn bench(url: &str, data: &Generated) -> anyhow::Result<Report> {
    let mut dbs = Databases::connect(url).await?;
    let result = measure(&mut dbs, data).await;
    dbs.drop_all().await;
    result
}

/// A fresh Stig database on PostgreSQL with the workspace in it.
pub(super) async fn fresh_store(
    dbs: &mut Databases,
    what: &str,
    data: &Generated,
) -> anyhow::Result<(PgStore, String)> {
    let (options, url) = dbs.fresh(what).await?;
    let store = PgStore::open_with(options).await?;
    store.import_workspace(WS, &data.ws, "bench").await?;
    Ok((store, url))
}

async fn measure(dbs: &mut Databases, data: &Generated) -> anyhow::Result<Report> {
    let lines = data.lines();
    let events = lines.len();

    // (a) HTTP, the collector on PgStore.
    let (store, _) = fresh_store(dbs, "http", data).await?;
    let (_, key) = store.create_source(WS, "bench").await?;
    let pool = store.pool().clone();
    let store: Arc<dyn Store> = Arc::new(store);
    let state = stig_server::AppState::new(store.clone(), stig_server::Config::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move { axum::serve(listener, stig_server::app(state)).await });
    let bodies = batch_bodies(&lines);
    drop(lines);
    let http = send(&format!("http://{addr}/v1/batch"), &key, &bodies).await?;
    drop(bodies);
    let stored = store.count_events(WS).await?;
    anyhow::ensure!(
        stored as usize == events,
        "HTTP stored {stored} of {events} events"
    );
    server.abort();
    drop(store);
    pool.close().await;

    // (b) The `stig events import` path: the store's append, CHUNK events a transaction.
    let (store, _) = fresh_store(dbs, "import", data).await?;
    let start = Instant::now();
    let done = events_import::import(
        &store,
        WS,
        &data.file,
        ImportFormat::Ndjson,
        None,
        None,
        None,
    )
    .await?;
    let import_s = start.elapsed().as_secs_f64();
    anyhow::ensure!(
        done.outcome.stored as usize == events,
        "import stored {} of {events} events",
        done.outcome.stored
    );
    store.pool().close().await;

    // (c) PostgreSQL alone on the same rows.
    let rows = data.rows()?;
    let (options, _) = dbs.fresh("plain").await?;
    let plain_pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let copy_http = plain_load(&plain_pool, &rows, BATCH, Load::Copy).await?;
    let insert_http = plain_load(&plain_pool, &rows, BATCH, Load::Insert).await?;
    let copy_import = plain_load(&plain_pool, &rows, events_import::CHUNK, Load::Copy).await?;
    let insert_import = plain_load(&plain_pool, &rows, events_import::CHUNK, Load::Insert).await?;
    plain_pool.close().await;

    let rate = |s: f64| events as f64 / s;
    let mut figures = Vec::new();
    for (what, ours, copy, insert, per_tx) in [
        (
            format!("HTTP /v1/batch events/s ({events} events, {BATCH} a request)"),
            rate(http.seconds),
            rate(copy_http),
            rate(insert_http),
            BATCH,
        ),
        (
            format!("import NDJSON events/s ({events} events)"),
            rate(import_s),
            rate(copy_import),
            rate(insert_import),
            events_import::CHUNK,
        ),
    ] {
        let strongest = copy.max(insert);
        figures.push(Figure {
            metric: format!("{what}, PostgreSQL"),
            value: round(ours),
            unit: "events/s",
            reference: Some(format!(
                "the strongest of PostgreSQL COPY and multi-row INSERT ({ROWS_PER_STATEMENT} \
                 rows a statement) into a plain table with the same key and indexes, \
                 {per_tx} rows a transaction, same run"
            )),
            reference_value: Some(round(strongest)),
            ratio: Some(round(ours / strongest)),
        });
        figures.push(plain(
            format!("  reference COPY, {per_tx} rows a transaction"),
            copy,
            "events/s",
        ));
        figures.push(plain(
            format!("  reference multi-row INSERT, {per_tx} rows a transaction"),
            insert,
            "events/s",
        ));
    }
    figures.push(plain(
        "HTTP request latency p50, PostgreSQL".into(),
        http.p50_ms,
        "ms",
    ));
    figures.push(plain(
        "HTTP request latency p99, PostgreSQL".into(),
        http.p99_ms,
        "ms",
    ));
    Ok(Report {
        bench: "ingest (PostgreSQL)",
        machine: machine(),
        figures,
    })
}

#[derive(Clone, Copy)]
enum Load {
    Copy,
    Insert,
}

/// The plain table: Stig's event columns (text `COLLATE "C"`, as Stig's), an arrival
/// number, the unique key on `(workspace_id, message_id)` and Stig's four indexes.
const PLAIN_TABLE: &str = r#"
DROP TABLE IF EXISTS events;
CREATE TABLE events (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    workspace_id TEXT COLLATE "C" NOT NULL,
    message_id   TEXT COLLATE "C" NOT NULL,
    type         TEXT COLLATE "C" NOT NULL,
    user_id      TEXT COLLATE "C",
    anonymous_id TEXT COLLATE "C",
    event        TEXT COLLATE "C",
    timestamp    TEXT COLLATE "C" NOT NULL,
    received_at  TEXT COLLATE "C" NOT NULL,
    body         TEXT COLLATE "C" NOT NULL,
    source_id    TEXT COLLATE "C",
    PRIMARY KEY (workspace_id, message_id)
);
CREATE INDEX ON events (workspace_id, seq);
CREATE INDEX ON events (workspace_id, user_id, timestamp);
CREATE INDEX ON events (workspace_id, anonymous_id, timestamp);
CREATE INDEX ON events (workspace_id, source_id);
"#;

/// `rows` loaded into a fresh plain table, `per_tx` rows a transaction: the seconds taken.
async fn plain_load(pool: &PgPool, rows: &[Row], per_tx: usize, how: Load) -> anyhow::Result<f64> {
    let mut conn = pool.acquire().await?;
    sqlx::raw_sql(PLAIN_TABLE).execute(&mut *conn).await?;
    let start = Instant::now();
    for part in rows.chunks(per_tx) {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        match how {
            Load::Copy => {
                let mut text = String::new();
                for r in part {
                    copy_line(
                        &mut text,
                        &[
                            Some(WS),
                            Some(&r.message_id),
                            Some(&r.kind),
                            r.user_id.as_deref(),
                            r.anonymous_id.as_deref(),
                            r.event.as_deref(),
                            Some(&r.timestamp),
                            Some(&r.received_at),
                            Some(&r.body),
                        ],
                    );
                }
                let mut copy = tx
                    .copy_in_raw(
                        "COPY events (workspace_id, message_id, type, user_id, anonymous_id, \
                         event, timestamp, received_at, body) FROM STDIN",
                    )
                    .await?;
                copy.send(text.as_bytes()).await?;
                copy.finish().await?;
            }
            Load::Insert => {
                for statement in part.chunks(ROWS_PER_STATEMENT) {
                    let sql = multi_row_insert(statement.len(), |n| format!("${}", n + 1));
                    // Built from placeholders only: no value is spliced into the text.
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for r in statement {
                        query = query
                            .bind(WS)
                            .bind(&r.message_id)
                            .bind(&r.kind)
                            .bind(&r.user_id)
                            .bind(&r.anonymous_id)
                            .bind(&r.event)
                            .bind(&r.timestamp)
                            .bind(&r.received_at)
                            .bind(&r.body);
                    }
                    query.execute(&mut *tx).await?;
                }
            }
        }
        tx.commit().await?;
    }
    let seconds = start.elapsed().as_secs_f64();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events")
        .fetch_one(&mut *conn)
        .await?;
    anyhow::ensure!(n as usize == rows.len(), "the reference stored {n} rows");
    Ok(seconds)
}

/// One row of `COPY … FROM STDIN` text format: fields by tabs, `\N` for NULL, backslash,
/// newline, carriage return and tab escaped.
fn copy_line(out: &mut String, fields: &[Option<&str>]) {
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

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_url_is_replaced_keeping_parameters() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres", "x"),
            "postgres://u:p@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h1,h2/postgres?sslmode=disable", "x"),
            "postgres://u:p@h1,h2/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
