//! `stig bench live`: the live runtime (`stig_runtime::Live`) on `--events` generated telekom
//! events in a fresh SQLite store, against today's full rebuild (`stig_runtime::build_once`,
//! what every restart, edit and new batch cost before), timed once in the same run.
//!
//! Measured: restart from a snapshot → first insight read; for three design edits (persona
//! rename, journey `abandon_after_days`, a touchpoint signal added) the time until a read
//! shows the new revision and the p95 of reads (every 20 ms) meanwhile; under a sustained
//! ingest of 5,000 events/s the read p95 and the freshness lag p95; resident and index bytes
//! per stored event. Targets: restart ≤ 2 s, reads ≤ 50 ms p95, lag ≤ 3 s, ≤ 100 B/event
//! resident, index ≤ 32 B/event.

use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use jiff::Timestamp;
use serde_json::{Map, Value};
use stig_insight::Filter;
use stig_model::code::load_files;
use stig_model::{Journey, Persona, Signal, Touchpoint, Workspace};
use stig_pipeline::event::{EventType, parse_call};
use stig_pipeline::generate::{GenerateOptions, generate};
use stig_runtime::{Freshness, Live, LiveConfig, Why};
use stig_store::{NewEvent, SqliteStore, Store, StoreExt};

use super::bench::{Figure, Report, machine, plain, round};

/// `stig bench live`'s options.
pub struct Options {
    pub events: usize,
    pub seed: u64,
    pub ingest_secs: u64,
}

const WS: &str = "telekom";
/// Events the generator makes per telekom customer, about.
const EVENTS_PER_CUSTOMER: usize = 52;
/// Events stored per transaction while loading.
const CHUNK: usize = 20_000;
/// Sustained ingest: `INGEST_BATCH` events every `INGEST_EVERY`.
const INGEST_BATCH: usize = 500;
const INGEST_EVERY: Duration = Duration::from_millis(100);
/// Reads while an edit is taken, and while events arrive.
const EDIT_READ_EVERY: Duration = Duration::from_millis(20);
const INGEST_READ_EVERY: Duration = Duration::from_millis(100);
/// Generated track events kept as templates for the ingest, and existing customers sampled.
const TEMPLATES: usize = 5_000;
const SAMPLED_IDS: usize = 10_000;
/// Targets.
const RESTART_S: f64 = 2.0;
const READ_MS: f64 = 50.0;
const LAG_MS: f64 = 3_000.0;
const RESIDENT_B: f64 = 100.0;
const INDEX_B: f64 = 32.0;

pub fn run(opts: &Options) -> anyhow::Result<Report> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/bench-live")
        .join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = super::db::runtime()?.block_on(bench(opts, &dir));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn bench(opts: &Options, dir: &Path) -> anyhow::Result<Report> {
    let ws = super::demo::examples()
        .into_iter()
        .find(|(id, _)| id == WS)
        .map(|(_, files)| load_files(files).workspace)
        .ok_or_else(|| anyhow::anyhow!("the {WS} example is missing"))?;
    let db = dir.join("live.db");
    let store = SqliteStore::open(&db)
        .await
        .with_context(|| format!("cannot open the database {}", db.display()))?;
    store
        .import_workspace(WS, &ws, "bench")
        .await
        .context("importing the telekom workspace")?;
    let store: Arc<dyn Store> = Arc::new(store);

    // 1. Generate and store.
    let customers = (opts.events / EVENTS_PER_CUSTOMER).max(1);
    eprintln!(
        "generating ~{} events ({customers} customers) for {WS} and storing them",
        opts.events
    );
    let began = Instant::now();
    let loaded = load(store.as_ref(), &ws, customers, opts.seed).await?;
    let load_s = began.elapsed().as_secs_f64();
    let stored = store
        .count_events(WS)
        .await
        .context("counting the events")?;
    eprintln!("  {stored} events stored in {load_s:.1} s");
    anyhow::ensure!(
        !loaded.templates.is_empty(),
        "the generator made no track events"
    );
    anyhow::ensure!(!loaded.ids.is_empty(), "the generator made no customers");

    // 2. The reference: a full rebuild from every stored event.
    eprintln!("full rebuild (build_once)");
    clear_peak_rss();
    let model = Arc::new(
        store
            .load_workspace(WS)
            .await
            .context("loading the workspace")?
            .value,
    );
    let began = Instant::now();
    let built = stig_runtime::build_once(store.as_ref(), WS, model)
        .await
        .context("the full rebuild")?;
    let rebuild_s = began.elapsed().as_secs_f64();
    let rebuild_peak_mb = super::bench::peak_rss_mb();
    let indexed = built.index().event_count();
    let people = built.index().customer_count();
    drop(built);
    eprintln!("  {rebuild_s:.2} s ({indexed} events indexed, {people} customers)");
    let rebuild_ms = rebuild_s * 1000.0;
    let vs_rebuild = format!("today's full rebuild (build_once) of {stored} events, same run");

    // 3. Restart: a first Live builds and writes its snapshot; a new Live starts from it.
    // Where `stig serve --db live.db` keeps them, so the server started at the end finds it.
    let snaps = super::db::snapshot_dir(&db);
    let config = LiveConfig {
        snapshot_dir: Some(snaps.clone()),
        ..Default::default()
    };
    let snap = stig_runtime::snapshot::path(&snaps, WS);
    eprintln!("cold start (no snapshot), then restart from the snapshot");
    let cold = Live::new(store.clone(), config.clone());
    let began = Instant::now();
    first_read(&cold, rebuild_s)
        .await
        .context("the cold start")?;
    let cold_s = began.elapsed().as_secs_f64();
    let deadline = Instant::now() + Duration::from_secs_f64(rebuild_s * 10.0 + 60.0);
    while !snap.exists() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "no snapshot written at {}",
            snap.display()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let snap_bytes = std::fs::metadata(&snap)
        .with_context(|| format!("reading {}", snap.display()))?
        .len();
    // Dropping a Live stops its workers after their round; their snapshots stay.
    drop(cold);
    tokio::time::sleep(Duration::from_millis(600)).await;

    let began = Instant::now();
    let live = Live::new(store.clone(), config);
    first_read(&live, rebuild_s).await.context("the restart")?;
    let restart_s = began.elapsed().as_secs_f64();
    let read = live
        .read(WS)
        .await
        .ok_or_else(|| anyhow::anyhow!("no view after the restart"))?;
    let began = Instant::now();
    let totals = stig_runtime::report::totals(&read.view.index, &Filter::default());
    let totals_ms = began.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        totals.events == indexed && totals.customers == people,
        "the restarted view has {} events and {} customers, the rebuild {indexed} and {people}",
        totals.events,
        totals.customers
    );
    drop(read);
    eprintln!("  cold {cold_s:.2} s, restart {restart_s:.3} s, totals {totals_ms:.2} ms");

    // 4. Edits against the running Live.
    let persona = store
        .list_typed::<Persona>(WS)
        .await
        .context("listing personas")?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("{WS} has no persona"))?;
    let journey = store
        .list_typed::<Journey>(WS)
        .await
        .context("listing journeys")?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("{WS} has no journey"))?;
    let touchpoint = store
        .list_typed::<Touchpoint>(WS)
        .await
        .context("listing touchpoints")?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("{WS} has no touchpoint"))?;
    let timeout = Duration::from_secs_f64(rebuild_s * 10.0 + 60.0);

    eprintln!("edit (a): rename persona {}", persona.value.id);
    let mut p = persona.value.clone();
    p.name = format!("{} (renamed)", p.name);
    let rename = edit(&live, store.as_ref(), timeout, async {
        store
            .update_typed(WS, &persona.value.id, &p, persona.version, "bench")
            .await
            .context("renaming the persona")
    })
    .await?;

    eprintln!(
        "edit (b): abandon_after_days of journey {}",
        journey.value.id
    );
    let mut j = journey.value.clone();
    j.abandon_after_days = Some(j.abandon_after_days() + 7);
    let abandon = edit(&live, store.as_ref(), timeout, async {
        store
            .update_typed(WS, &journey.value.id, &j, journey.version, "bench")
            .await
            .context("changing abandon_after_days")
    })
    .await?;

    eprintln!(
        "edit (c): a signal added to touchpoint {}",
        touchpoint.value.id
    );
    let mut t = touchpoint.value.clone();
    t.signals.push(Signal::event("Bench Signal Added"));
    let signal = edit(&live, store.as_ref(), timeout, async {
        store
            .update_typed(WS, &touchpoint.value.id, &t, touchpoint.version, "bench")
            .await
            .context("adding a signal")
    })
    .await?;

    // 5. Sustained ingest.
    eprintln!(
        "ingest: {INGEST_BATCH} events every {} ms for {} s",
        INGEST_EVERY.as_millis(),
        opts.ingest_secs
    );
    // The store calls a worker makes: the newest event (at each start, beside the snapshot)
    // and the events after its cursor (every round).
    let began = Instant::now();
    let newest = store
        .recent_events(WS, None, 1)
        .await
        .context("reading the newest event")?
        .first()
        .map_or(0, |e| e.seq);
    let newest_ms = began.elapsed().as_secs_f64() * 1000.0;
    let began = Instant::now();
    let after = store
        .scan_event_texts(WS, newest, 1)
        .await
        .context("scanning after the newest event")?;
    let scan_ms = began.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(after.is_empty(), "events after the newest one");
    let ingest = ingest(&live, &store, &loaded, opts, newest).await?;

    // 6. Memory, as the product lives: `stig serve` in a process of its own on this database,
    // started from the snapshot the runtime above leaves when it stops, then read.
    let events = store
        .count_events(WS)
        .await
        .context("counting the events")?;
    let read = live
        .read(WS)
        .await
        .ok_or_else(|| anyhow::anyhow!("no view after the ingest"))?;
    let index_bytes = read.view.index.bytes();
    let indexed = read.view.index.event_count();
    drop(read);
    let saved_before = std::fs::metadata(&snap).and_then(|m| m.modified()).ok();
    drop(live);
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::metadata(&snap).and_then(|m| m.modified()).ok() == saved_before
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("memory: stig serve on the database, started from the snapshot");
    let served = served_memory(&store, &db, indexed).await?;
    let resident = served.resident;
    let per_event = resident as f64 / events as f64;
    let index_per_event = index_bytes as f64 / events as f64;

    let vs = |metric: String, value: f64, unit: &'static str, reference: f64| Figure {
        metric,
        value: round(value),
        unit,
        reference: Some(vs_rebuild.clone()),
        reference_value: Some(round(reference)),
        ratio: Some(round(reference / value.max(1e-9))),
    };
    let budget = |metric: String, value: f64, limit: f64| Figure {
        metric,
        value: round(value),
        unit: "B",
        reference: Some(format!("budget {limit} bytes/stored event")),
        reference_value: Some(limit),
        ratio: Some(round(limit / value.max(1e-9))),
    };
    let mut figures = vec![
        plain(format!("events stored ({WS})"), stored as f64, "events"),
        plain("customers".into(), people as f64, "customers"),
        plain("load: generate + store".into(), load_s, "s"),
        plain("full rebuild (build_once)".into(), rebuild_s, "s"),
        plain(
            "full rebuild peak memory (VmHWM)".into(),
            rebuild_peak_mb,
            "MB",
        ),
        vs(
            "cold start, no snapshot → first read".into(),
            cold_s,
            "s",
            rebuild_s,
        ),
        plain("snapshot size".into(), snap_bytes as f64 / 1e6, "MB"),
        vs(
            format!(
                "restart → first insight read (≤{RESTART_S} s: {})",
                pass(restart_s <= RESTART_S)
            ),
            restart_s,
            "s",
            rebuild_s,
        ),
        plain("totals read after restart".into(), totals_ms, "ms"),
        plain(
            "store: newest event (recent_events 1; each worker start)".into(),
            newest_ms,
            "ms",
        ),
        plain(
            "store: events after the cursor, none (each worker round)".into(),
            scan_ms,
            "ms",
        ),
    ];
    for (name, e) in [
        ("(a) rename persona", &rename),
        ("(b) journey abandon_after_days", &abandon),
        ("(c) touchpoint signal added", &signal),
    ] {
        figures.push(vs(
            format!("edit {name} [{}] → first fresh read", e.path),
            e.fresh_s,
            "s",
            rebuild_s,
        ));
        figures.push(vs(
            format!(
                "edit {name}: read p95 meanwhile, {} reads (≤{READ_MS} ms: {})",
                e.reads,
                pass(e.p95_ms <= READ_MS)
            ),
            e.p95_ms,
            "ms",
            rebuild_ms,
        ));
    }
    figures.extend([
        plain(
            format!(
                "ingest rate achieved ({} events in {:.0} s)",
                ingest.events, ingest.secs
            ),
            ingest.events as f64 / ingest.secs,
            "events/s",
        ),
        vs(
            format!(
                "ingest: read p95, {} reads (≤{READ_MS} ms: {})",
                ingest.reads,
                pass(ingest.read_p95_ms <= READ_MS)
            ),
            ingest.read_p95_ms,
            "ms",
            rebuild_ms,
        ),
        {
            // A lag under a millisecond counts as one in the ratio (it can be 0).
            let mut f = vs(
                format!(
                    "ingest: freshness lag p95 (≤{LAG_MS} ms: {})",
                    pass(ingest.lag_p95_ms <= LAG_MS)
                ),
                ingest.lag_p95_ms,
                "ms",
                rebuild_ms,
            );
            f.ratio = Some(round(rebuild_ms / ingest.lag_p95_ms.max(1.0)));
            f
        },
        match ingest.catch_up_s {
            Some(s) => plain("ingest: caught up after the last batch".into(), s, "s"),
            None => plain(
                "ingest: NOT caught up 120 s after the last batch".into(),
                120.0,
                "s",
            ),
        },
        plain(
            "stig serve: restart from the snapshot → first insight read".into(),
            served.first_read_s,
            "s",
        ),
        budget(
            format!(
                "stig serve resident (VmRSS)/stored event (≤{RESIDENT_B}: {})",
                pass(per_event <= RESIDENT_B)
            ),
            per_event,
            RESIDENT_B,
        ),
        plain(
            "stig serve peak resident (VmHWM)/stored event".into(),
            served.peak as f64 / events as f64,
            "B",
        ),
        budget(
            format!(
                "index bytes/stored event (≤{INDEX_B}: {})",
                pass(index_per_event <= INDEX_B)
            ),
            index_per_event,
            INDEX_B,
        ),
    ]);
    Ok(Report {
        bench: "live",
        machine: machine(),
        figures,
    })
}

fn pass(ok: bool) -> &'static str {
    if ok { "pass" } else { "FAIL" }
}

/// What loading left for the ingest: generated track events (without ids and times) and
/// customer ids spread over the generated ones.
struct Loaded {
    templates: Vec<Map<String, Value>>,
    ids: Vec<String>,
}

/// Generates `customers` telekom customers on a thread and stores their events, [`CHUNK`] per
/// transaction, as the collector would store them.
async fn load(
    store: &dyn Store,
    ws: &Workspace,
    customers: usize,
    seed: u64,
) -> anyhow::Result<Loaded> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<NewEvent>>(2);
    let gen_opts = GenerateOptions {
        customers,
        seed,
        ..Default::default()
    };
    let ws = ws.clone();
    let every = (customers / SAMPLED_IDS).max(1);
    let generator = std::thread::spawn(move || -> anyhow::Result<Loaded> {
        let mut sink = Sink {
            tx,
            partial: Vec::new(),
            chunk: Vec::with_capacity(CHUNK),
            templates: Vec::new(),
            ids: Vec::new(),
            last_id: String::new(),
            seen: 0,
            every,
        };
        generate(&ws, &gen_opts, &mut sink).context("generating events")?;
        sink.end()?;
        Ok(Loaded {
            templates: sink.templates,
            ids: sink.ids,
        })
    });
    let mut stored = 0usize;
    let mut next_report = 1_000_000;
    let mut failed = None;
    while let Some(chunk) = rx.recv().await {
        match store.append_events(WS, &chunk).await {
            Ok(done) => stored += (done.stored + done.duplicates) as usize,
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
        if stored >= next_report {
            eprintln!("  {stored} events stored");
            next_report += 1_000_000;
        }
    }
    drop(rx);
    let loaded = generator
        .join()
        .map_err(|_| anyhow::anyhow!("the generator thread panicked"))?;
    if let Some(e) = failed {
        return Err(anyhow::Error::new(e).context("storing generated events"));
    }
    loaded
}

/// Takes the generator's NDJSON: each line parsed as the collector parses a call and sent to
/// be stored in chunks; keeps track templates and sampled customer ids.
struct Sink {
    tx: tokio::sync::mpsc::Sender<Vec<NewEvent>>,
    partial: Vec<u8>,
    chunk: Vec<NewEvent>,
    templates: Vec<Map<String, Value>>,
    ids: Vec<String>,
    last_id: String,
    seen: usize,
    every: usize,
}

impl Sink {
    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let body: Value = serde_json::from_slice(line)?;
        let kind = body["type"]
            .as_str()
            .and_then(|t| t.parse::<EventType>().ok())
            .ok_or_else(|| invalid("a generated event without a known `type`"))?;
        if let Some(id) = body["userId"].as_str()
            && id != self.last_id
        {
            if self.seen.is_multiple_of(self.every) && self.ids.len() < SAMPLED_IDS {
                self.ids.push(id.to_owned());
            }
            self.seen += 1;
            id.clone_into(&mut self.last_id);
        }
        if kind == EventType::Track
            && self.templates.len() < TEMPLATES
            && let Value::Object(m) = &body
        {
            let mut m = m.clone();
            for k in [
                "messageId",
                "userId",
                "anonymousId",
                "timestamp",
                "receivedAt",
            ] {
                m.remove(k);
            }
            self.templates.push(m);
        }
        let event =
            parse_call(kind, body, Timestamp::now()).map_err(|e| invalid(&e.to_string()))?;
        self.chunk
            .push(stig_server::collect::new_event(event, None));
        if self.chunk.len() == CHUNK {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> std::io::Result<()> {
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(chunk)
            .map_err(|_| std::io::Error::other("storing stopped"))
    }

    fn end(&mut self) -> anyhow::Result<()> {
        if !self.partial.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            self.line(&rest)?;
        }
        if !self.chunk.is_empty() {
            self.send()?;
        }
        Ok(())
    }
}

fn invalid(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned())
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            if self.partial.is_empty() {
                self.line(&rest[..i])?;
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.partial);
                self.line(&line)?;
            }
            rest = &rest[i + 1..];
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads until the workspace has a view (its first build, or a snapshot loaded).
async fn first_read(live: &Arc<Live>, rebuild_s: f64) -> anyhow::Result<()> {
    let limit = Duration::from_secs_f64(rebuild_s * 10.0 + 60.0);
    let deadline = Instant::now() + limit;
    while live.read(WS).await.is_none() {
        anyhow::ensure!(Instant::now() < deadline, "no view of {WS} after {limit:?}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok(())
}

/// One design edit, timed from the store write until a read shows its revision.
struct Edit {
    fresh_s: f64,
    p95_ms: f64,
    reads: usize,
    /// How the runtime took it, as reads saw it: relabel (never recomputing), re-derive or
    /// re-read.
    path: &'static str,
}

async fn edit(
    live: &Arc<Live>,
    store: &dyn Store,
    timeout: Duration,
    write: impl Future<Output = anyhow::Result<i64>>,
) -> anyhow::Result<Edit> {
    let began = Instant::now();
    write.await?;
    let revision = store
        .workspace_revision(WS)
        .await
        .context("reading the revision")?;
    let mut latencies = Vec::new();
    let mut path = "relabel";
    loop {
        let at = Instant::now();
        let read = live.read(WS).await;
        if let Some(r) = &read {
            std::hint::black_box(stig_runtime::report::totals(
                &r.view.index,
                &Filter::default(),
            ));
        }
        latencies.push(at.elapsed());
        match read {
            Some(r) if r.view.revision >= revision => break,
            Some(r) => {
                if let Freshness::Recomputing { why, .. } = r.freshness {
                    path = match why {
                        Why::Edit => "re-derive",
                        Why::Reread => "re-read",
                    };
                }
            }
            None => anyhow::bail!("the view of {WS} went away during an edit"),
        }
        anyhow::ensure!(
            began.elapsed() < timeout,
            "no read showed revision {revision} within {timeout:?}"
        );
        tokio::time::sleep(EDIT_READ_EVERY).await;
    }
    let fresh_s = began.elapsed().as_secs_f64();
    let reads = latencies.len();
    let p95_ms = p95(&mut latencies);
    eprintln!("  [{path}] fresh after {fresh_s:.3} s; read p95 {p95_ms:.2} ms over {reads} reads");
    Ok(Edit {
        fresh_s,
        p95_ms,
        reads,
        path,
    })
}

struct Ingest {
    events: usize,
    secs: f64,
    reads: usize,
    read_p95_ms: f64,
    lag_p95_ms: f64,
    /// Seconds from the last batch until the view held it (`None`: not within 120 s).
    catch_up_s: Option<f64>,
}

/// Stores [`INGEST_BATCH`] events every [`INGEST_EVERY`] for `--ingest-secs` while a reader
/// reads every [`INGEST_READ_EVERY`]: read latency and freshness lag.
async fn ingest(
    live: &Arc<Live>,
    store: &Arc<dyn Store>,
    loaded: &Loaded,
    opts: &Options,
    mut last_seq: i64,
) -> anyhow::Result<Ingest> {
    // (last arrival number, when stored) of each batch, in order.
    let batches: Arc<Mutex<Vec<(i64, Instant)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (live, batches, stop) = (live.clone(), batches.clone(), stop.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut lags = Vec::new();
            let mut tick = tokio::time::interval(INGEST_READ_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let at = Instant::now();
                let Some(read) = live.read(WS).await else {
                    continue;
                };
                std::hint::black_box(stig_runtime::report::totals(
                    &read.view.index,
                    &Filter::default(),
                ));
                latencies.push(at.elapsed());
                let cursor = read.view.cursor;
                let oldest_missing = batches
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .iter()
                    .find(|(last, _)| *last > cursor)
                    .map(|(_, stored)| *stored);
                lags.push(
                    oldest_missing.map_or(Duration::ZERO, |s| at.saturating_duration_since(s)),
                );
            }
            (latencies, lags)
        })
    };

    let mut rng = SplitMix(opts.seed ^ 0x5EED_11FE);
    let mut tick = tokio::time::interval(INGEST_EVERY);
    let began = Instant::now();
    let until = began + Duration::from_secs(opts.ingest_secs);
    let mut sent = 0usize;
    let mut batch_no = 0u64;
    let mut failed = None;
    while Instant::now() < until {
        tick.tick().await;
        let now = Timestamp::now();
        let mut events = Vec::with_capacity(INGEST_BATCH);
        for i in 0..INGEST_BATCH {
            let mut body = loaded.templates[rng.below(loaded.templates.len())].clone();
            // Four in five from existing customers, the rest from new ones (each a few times).
            let user = if rng.below(5) > 0 {
                loaded.ids[rng.below(loaded.ids.len())].clone()
            } else {
                format!("live-{}", (sent + i) / 4)
            };
            body.insert("messageId".into(), format!("live-{batch_no}-{i}").into());
            body.insert("userId".into(), user.into());
            body.insert("timestamp".into(), now.to_string().into());
            let event = parse_call(EventType::Track, Value::Object(body), now)
                .context("an ingest event is not valid")?;
            events.push(stig_server::collect::new_event(event, None));
        }
        match store.append_events(WS, &events).await {
            // Arrival numbers are the rowids: one writer, no deletes, so they follow on.
            Ok(done) => last_seq += done.stored as i64,
            Err(e) => {
                failed = Some(anyhow::Error::new(e).context("storing an ingest batch"));
                break;
            }
        }
        let stored_at = Instant::now();
        batches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((last_seq, stored_at));
        live.events_stored();
        sent += INGEST_BATCH;
        batch_no += 1;
    }
    let secs = began.elapsed().as_secs_f64();
    // How long the view takes to hold the last batch.
    let last_stored = Instant::now();
    let deadline = last_stored + Duration::from_secs(120);
    let mut caught_up = None;
    while failed.is_none() && Instant::now() < deadline {
        if live
            .read(WS)
            .await
            .is_some_and(|r| r.view.cursor >= last_seq)
        {
            caught_up = Some(last_stored.elapsed().as_secs_f64());
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let (mut latencies, mut lags) = reader.await.context("the reader task")?;
    if let Some(e) = failed {
        return Err(e);
    }
    let newest = store
        .recent_events(WS, None, 1)
        .await
        .context("reading the last arrival number")?
        .first()
        .map_or(0, |e| e.seq);
    anyhow::ensure!(
        newest == last_seq,
        "the last ingest batch ends at arrival number {newest}, not {last_seq} as counted"
    );
    eprintln!(
        "  {sent} events in {secs:.1} s; {} reads; {}",
        latencies.len(),
        caught_up.map_or(
            "not caught up 120 s after the last batch".into(),
            |s| format!("caught up {s:.3} s after the last batch")
        )
    );
    Ok(Ingest {
        events: sent,
        secs,
        reads: latencies.len(),
        read_p95_ms: p95(&mut latencies),
        lag_p95_ms: p95(&mut lags),
        catch_up_s: caught_up,
    })
}

/// The 95th percentile, in milliseconds (0 for none).
fn p95(v: &mut [Duration]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort();
    let i = ((v.len() as f64 * 0.95).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1000.0
}

/// A small seeded generator for the ingest's choices.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % n.max(1) as u64) as usize
    }
}

/// What `stig serve` holds once it has caught up.
struct Served {
    first_read_s: f64,
    /// `VmRSS` and `VmHWM`, bytes.
    resident: u64,
    peak: u64,
}

/// Starts `stig serve` (this binary) on `db`, reads insight until its index holds `indexed`
/// events, and reads its resident memory; the server is stopped again.
async fn served_memory(
    store: &Arc<dyn Store>,
    db: &Path,
    indexed: usize,
) -> anyhow::Result<Served> {
    let user = store
        .add_user("bench-live", "bench-live-password", stig_store::Role::Admin)
        .await
        .context("adding a user for the server")?;
    let token = store
        .create_api_token(user.id, "bench live")
        .await
        .context("making a token")?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let began = Instant::now();
    let mut child = std::process::Command::new(std::env::current_exe()?)
        .args(["serve", "--db"])
        .arg(db)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .env("STIG_ADMIN_PASSWORD", "bench-live-admin")
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("starting stig serve")?;
    let result = async {
        let mut first_read_s = None;
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            anyhow::ensure!(
                Instant::now() < deadline,
                "stig serve did not catch up in 600 s"
            );
            if let Some(body) = get_ok(port, "/api/workspaces/telekom/insight/totals", &token) {
                first_read_s.get_or_insert(began.elapsed().as_secs_f64());
                let totals: Value = serde_json::from_str(&body)?;
                if totals["events"].as_u64() >= Some(indexed as u64) {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Let the worker finish its round (a snapshot may follow a first build).
        tokio::time::sleep(Duration::from_secs(2)).await;
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
            .context("reading the server's memory")?;
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(0, |kb| kb * 1024)
        };
        Ok(Served {
            first_read_s: first_read_s.unwrap_or_default(),
            resident: kb("VmRSS:"),
            peak: kb("VmHWM:"),
        })
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// A GET on the local server: the body of a 200, else `None`.
fn get_ok(port: u16, path: &str, token: &str) -> Option<String> {
    use std::io::Read;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    (head.split_whitespace().nth(1) == Some("200")).then(|| body.to_owned())
}

/// Resets the peak resident memory (`VmHWM`) to the current one, where Linux allows it.
fn clear_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
