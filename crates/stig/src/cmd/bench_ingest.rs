//! `stig bench ingest`: storing events, durably (WAL, `synchronous = FULL`), two ways.
//!
//! - HTTP: a server in this process, on a fresh database holding the arctic-winter workspace
//!   and a source; generated events sent as `/v1/batch` requests of [`BATCH`] events from
//!   [`CONNECTIONS`] keep-alive connections with the source's write key (HTTP Basic). Each
//!   request is answered only after the commit that holds its events.
//! - Import: the code path of `stig events import` (read a generated NDJSON file, turn it into
//!   events, store [`events_import::CHUNK`] per transaction) into a fresh database.
//!
//! The reference for each, measured in the same run: plain SQLite through sqlx, no Stig code,
//! on the same schema and pragmas, the same rows inserted the fastest plain way: multi-row
//! INSERT statements of up to [`ROWS_PER_STATEMENT`] rows, one transaction per request
//! (HTTP) or per chunk (import).
//!
//! With `--db postgres://…` the same is measured on PostgreSQL (`bench_ingest_pg.rs`), and
//! with `--nodes N` one against N `stig serve` processes (`bench_ingest_nodes.rs`).

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use stig_model::code::load_files;
use stig_pipeline::generate::{GenerateOptions, generate};
use stig_store::{NewEvent, SqliteStore, Store};

use super::bench::{Figure, Report, machine, round};
use super::events_import;
use crate::cli::ImportFormat;

/// Concurrent HTTP connections.
const CONNECTIONS: usize = 32;
/// Events per `/v1/batch` request.
pub(super) const BATCH: usize = 100;
/// Rows per multi-row INSERT in the references (10 parameters a row, far below SQLite's and
/// PostgreSQL's limits).
pub(super) const ROWS_PER_STATEMENT: usize = 500;
/// Generated events per customer, about (to turn `--ingest-events` into customers).
const EVENTS_PER_CUSTOMER: usize = 72;
pub(super) const WS: &str = "arctic-winter";

/// What `stig bench ingest` is asked for.
pub struct Options {
    /// About how many events to generate.
    pub events: usize,
    /// A PostgreSQL URL (a maintenance database such as `/postgres`; fresh databases are made
    /// beside it and dropped): measure there instead of SQLite.
    pub db: Option<String>,
    /// With `db`: 1 and then this many `stig serve` nodes.
    pub nodes: usize,
}

pub fn run(options: &Options) -> anyhow::Result<Report> {
    let dir = std::env::temp_dir().join(format!("stig-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = crate::cmd::db::runtime()?.block_on(async {
        let data = Generated::new(&dir, options.events)?;
        match &options.db {
            None => bench(&dir, &data).await,
            Some(url) if options.nodes > 1 => {
                super::bench_ingest_nodes::bench(url, options.nodes, &data).await
            }
            Some(url) => super::bench_ingest_pg::bench(url, &data).await,
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// The events every measurement stores: generated once, kept as the NDJSON file to import.
pub(super) struct Generated {
    pub ws: stig_model::Workspace,
    pub ndjson: Vec<u8>,
    pub file: PathBuf,
}

impl Generated {
    fn new(dir: &Path, events: usize) -> anyhow::Result<Self> {
        let ws = crate::cmd::demo::examples()
            .into_iter()
            .find(|(id, _)| id == WS)
            .map(|(_, files)| load_files(files).workspace)
            .ok_or_else(|| anyhow::anyhow!("the {WS} example is missing"))?;
        let mut ndjson = Vec::new();
        let opts = GenerateOptions {
            customers: (events / EVENTS_PER_CUSTOMER).max(1),
            ..Default::default()
        };
        generate(&ws, &opts, &mut ndjson)?;
        let file = dir.join("events.ndjson");
        std::fs::write(&file, &ndjson)?;
        Ok(Generated { ws, ndjson, file })
    }

    /// The NDJSON lines.
    pub fn lines(&self) -> Vec<&[u8]> {
        self.ndjson
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The events as the import makes them, as the references bind them.
    pub fn rows(&self) -> anyhow::Result<Vec<Row>> {
        let mut rows = Vec::new();
        events_import::read_file(
            &self.file,
            ImportFormat::Ndjson,
            None,
            None,
            &mut |_| {},
            &mut |part| {
                rows.extend(part.events.iter().map(Row::from));
                Ok(())
            },
        )?;
        Ok(rows)
    }
}

async fn bench(dir: &Path, data: &Generated) -> anyhow::Result<Report> {
    let (ws, file) = (&data.ws, &data.file);
    let lines = data.lines();
    let events = lines.len();

    // (a) HTTP.
    let store = fresh_store(&dir.join("http.db"), ws).await?;
    let (_, key) = store.create_source(WS, "bench").await?;
    let store: Arc<dyn Store> = Arc::new(store);
    let state = stig_server::AppState::new(store.clone(), stig_server::Config::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, stig_server::app(state)).await });
    let bodies = batch_bodies(&lines);
    let ndjson_mb = data.ndjson.len() / 1_000_000;
    drop(lines);
    let http = send(&format!("http://{addr}/v1/batch"), &key, &bodies).await?;
    drop(bodies);
    let http_stored = store.count_events(WS).await?;
    anyhow::ensure!(
        http_stored as usize == events,
        "HTTP stored {http_stored} of {events} events"
    );

    // (b) Import, the `stig events import` path.
    let import_store = fresh_store(&dir.join("import.db"), ws).await?;
    let start = Instant::now();
    let done = events_import::import(
        &import_store,
        WS,
        file,
        ImportFormat::Ndjson,
        None,
        None,
        None,
    )
    .await?;
    let import_s = start.elapsed().as_secs_f64();
    anyhow::ensure!(
        done.outcome.stored as usize == events && done.rejected.is_empty(),
        "import stored {} of {events} events ({} rejected)",
        done.outcome.stored,
        done.rejected.len()
    );
    drop(import_store);

    // (c) The references: plain SQLite, the same rows (as the import made them).
    let rows = data.rows()?;
    let ref_http = plain_sqlite(&dir.join("ref-http.db"), ws, &rows, BATCH).await?;
    let ref_import =
        plain_sqlite(&dir.join("ref-import.db"), ws, &rows, events_import::CHUNK).await?;

    let http_rate = events as f64 / http.seconds;
    let import_rate = events as f64 / import_s;
    let per_s = |s: f64| events as f64 / s;
    let reference = |what: &str| Some(what.to_owned());
    let both = format!(
        "plain SQLite (sqlx alone, same schema, WAL + synchronous=FULL), multi-row INSERTs \
         of up to {ROWS_PER_STATEMENT} rows, one transaction per {BATCH} rows (HTTP) or {} \
         rows (import), same run",
        events_import::CHUNK
    );
    let figures = vec![
        Figure {
            metric: format!(
                "HTTP /v1/batch events/s ({events} events, {BATCH} a request, {CONNECTIONS} connections)"
            ),
            value: round(http_rate),
            unit: "events/s",
            reference: reference(&both),
            reference_value: Some(round(per_s(ref_http))),
            ratio: Some(round(http_rate / per_s(ref_http))),
        },
        Figure {
            metric: "HTTP request latency p50".into(),
            value: round(http.p50_ms),
            unit: "ms",
            reference: None,
            reference_value: None,
            ratio: None,
        },
        Figure {
            metric: "HTTP request latency p99".into(),
            value: round(http.p99_ms),
            unit: "ms",
            reference: None,
            reference_value: None,
            ratio: None,
        },
        Figure {
            metric: format!(
                "import NDJSON events/s ({events} events, {} MB, {} a transaction)",
                ndjson_mb,
                events_import::CHUNK,
            ),
            value: round(import_rate),
            unit: "events/s",
            reference: reference(&both),
            reference_value: Some(round(per_s(ref_import))),
            ratio: Some(round(import_rate / per_s(ref_import))),
        },
        Figure {
            metric: "peak memory (VmHWM)".into(),
            value: round(super::bench::peak_rss_mb()),
            unit: "MB",
            reference: None,
            reference_value: None,
            ratio: None,
        },
    ];
    Ok(Report {
        bench: "ingest",
        machine: machine(),
        figures,
    })
}

/// NDJSON lines as `/v1/batch` bodies of [`BATCH`] events.
pub(super) fn batch_bodies(lines: &[&[u8]]) -> Vec<Bytes> {
    lines
        .chunks(BATCH)
        .map(|chunk| {
            let mut body = b"{\"batch\":[".to_vec();
            for (i, line) in chunk.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(line);
            }
            body.extend_from_slice(b"]}");
            Bytes::from(body)
        })
        .collect()
}

/// A fresh database with the workspace in it.
pub(super) async fn fresh_store(
    path: &Path,
    ws: &stig_model::Workspace,
) -> anyhow::Result<SqliteStore> {
    let store = SqliteStore::open(path).await?;
    store.import_workspace(WS, ws, "bench").await?;
    Ok(store)
}

pub(super) struct Sent {
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Every body sent once to `url`, from `CONNECTIONS` connections taking the next in turn.
pub(super) async fn send(url: &str, key: &str, bodies: &[Bytes]) -> anyhow::Result<Sent> {
    send_to(&[url.to_owned()], key, bodies).await
}

/// [`send`] to several servers: connection `i` talks to `urls[i % urls.len()]`.
pub(super) async fn send_to(urls: &[String], key: &str, bodies: &[Bytes]) -> anyhow::Result<Sent> {
    let client: Client<HttpConnector, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CONNECTIONS)
        .build_http();
    let uris = urls
        .iter()
        .map(|u| u.parse::<hyper::Uri>())
        .collect::<Result<Vec<_>, _>>()?;
    anyhow::ensure!(!uris.is_empty(), "no server to send to");
    let auth = format!("Basic {}", base64(format!("{key}:").as_bytes()));
    let bodies: Arc<Vec<Bytes>> = Arc::new(bodies.to_vec()); // Bytes: shared, not copied
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CONNECTIONS {
        let uri = uris[c % uris.len()].clone();
        let (client, auth) = (client.clone(), auth.clone());
        let (bodies, next) = (bodies.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(body) = bodies.get(i) else {
                    return anyhow::Ok(latencies);
                };
                let t = Instant::now();
                let req = hyper::Request::post(uri.clone())
                    .header("authorization", &auth)
                    .header("content-type", "application/json")
                    .body(Full::new(body.clone()))?;
                let res = client.request(req).await?;
                let status = res.status().as_u16();
                let answer = res.into_body().collect().await?.to_bytes();
                anyhow::ensure!(
                    status == 200,
                    "/v1/batch answered {status}: {}",
                    String::from_utf8_lossy(&answer)
                );
                latencies.push(t.elapsed());
            }
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let seconds = start.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Sent {
        seconds,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    })
}

/// One event's columns, as the reference binds them.
pub(super) struct Row {
    pub message_id: String,
    pub kind: String,
    pub user_id: Option<String>,
    pub anonymous_id: Option<String>,
    pub event: Option<String>,
    pub timestamp: String,
    pub received_at: String,
    pub body: String,
}

impl From<&NewEvent> for Row {
    fn from(e: &NewEvent) -> Self {
        Row {
            message_id: e.message_id.clone(),
            kind: e.kind.clone(),
            user_id: e.user_id.clone(),
            anonymous_id: e.anonymous_id.clone(),
            event: e.event.clone(),
            timestamp: e.timestamp.to_string(),
            received_at: e.received_at.to_string(),
            body: e.body.to_string(),
        }
    }
}

/// The reference: `rows` inserted with sqlx alone, multi-row INSERTs of up to
/// [`ROWS_PER_STATEMENT`] rows, `chunk` rows a transaction, on the same schema (made by opening a store, then closed) and the same
/// pragmas (WAL, `synchronous = FULL`, foreign keys). Returns the seconds taken.
async fn plain_sqlite(
    path: &PathBuf,
    ws: &stig_model::Workspace,
    rows: &[Row],
    chunk: usize,
) -> anyhow::Result<f64> {
    drop(fresh_store(path, ws).await?);
    let options = SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true);
    let pool = SqlitePool::connect_with(options).await?;
    let mut conn = pool.acquire().await?;
    let start = Instant::now();
    for part in rows.chunks(chunk) {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for statement in part.chunks(ROWS_PER_STATEMENT) {
            let sql = multi_row_insert(statement.len(), |_| "?".to_owned());
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
        tx.commit().await?;
    }
    let seconds = start.elapsed().as_secs_f64();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events")
        .fetch_one(&mut *conn)
        .await?;
    anyhow::ensure!(n as usize == rows.len(), "the reference stored {n} rows");
    drop(conn);
    pool.close().await;
    Ok(seconds)
}

/// `INSERT INTO events (…) VALUES (…), (…) ON CONFLICT DO NOTHING` for `rows` rows of 9
/// parameters each (source_id NULL), written by `param(n)` for the n-th (0-based) parameter.
pub(super) fn multi_row_insert(rows: usize, param: impl Fn(usize) -> String) -> String {
    let mut sql = String::from(
        "INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, event, \
         timestamp, received_at, body, source_id) VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..9 {
            sql.push_str(&param(r * 9 + c));
            sql.push_str(", ");
        }
        sql.push_str("NULL)");
    }
    sql.push_str(" ON CONFLICT (workspace_id, message_id) DO NOTHING");
    sql
}

pub(super) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
