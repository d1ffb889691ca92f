//! `stig bench moments`: what business moments cost ingestion, and how fast they act.
//!
//! - Throughput: generated events sent as `/v1/batch` requests (the `bench ingest` load) to a
//!   server in this process, on a fresh database, twice each way, alternating: with no
//!   moments (the reference, same run) and with [`MOMENTS`] enabled moments of every trigger
//!   kind. With moments the clock stops only when the evaluator has also looked at the last
//!   event and committed what fired, so the figure is "stored *and* evaluated".
//! - Latency: with the moments still live, single probe events are sent one at a time; a
//!   moment on them POSTs a signed webhook to a receiver in this process; the time from
//!   sending the event to the webhook arriving, p50 and p99.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use stig_model::code::load_files;
use stig_model::{
    Action, Conditions, Limits, MilestoneKind, Moment, SurveyKind, Trigger, Workspace,
};
use stig_pipeline::generate::{GenerateOptions, generate};
use stig_store::{SqliteStore, Store};

use super::bench::{Figure, Report, machine, plain, round};
use super::bench_ingest::{batch_bodies, send};

const WS: &str = "arctic-winter";
/// Enabled moments in the measured runs.
const MOMENTS: usize = 100;
/// Generated customers (about 72 events each).
const CUSTOMERS: usize = 2_000;
/// Probe events for the latency.
const PROBES: usize = 200;
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

pub fn run() -> anyhow::Result<Report> {
    let dir = std::env::temp_dir().join(format!("stig-bench-moments-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = crate::cmd::db::runtime()?.block_on(bench(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn bench(dir: &Path) -> anyhow::Result<Report> {
    let ws = crate::cmd::demo::examples()
        .into_iter()
        .find(|(id, _)| id == WS)
        .map(|(_, files)| load_files(files).workspace)
        .ok_or_else(|| anyhow::anyhow!("the {WS} example is missing"))?;
    let mut ndjson = Vec::new();
    let opts = GenerateOptions {
        customers: CUSTOMERS,
        ..Default::default()
    };
    generate(&ws, &opts, &mut ndjson)?;
    // As a live stream: in time order across customers (the generator writes customer by
    // customer).
    let mut lines: Vec<(String, &[u8])> = ndjson
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let at = serde_json::from_slice::<serde_json::Value>(l)
                .ok()
                .and_then(|v| v["timestamp"].as_str().map(str::to_owned))
                .unwrap_or_default();
            (at, l)
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let lines: Vec<&[u8]> = lines.into_iter().map(|(_, l)| l).collect();
    let events = lines.len();
    let bodies = batch_bodies(&lines);

    // The webhook receiver: when each probe's webhook arrived.
    let arrived: Arc<Mutex<HashMap<u64, Instant>>> = Arc::default();
    let receiver = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let receiver_addr = receiver.local_addr()?;
    let seen = arrived.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |body: Bytes| {
            let seen = seen.clone();
            async move {
                let at = Instant::now();
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body)
                    && let Some(p) = v["data"]["trigger"]["properties"]["probe"].as_u64()
                {
                    seen.lock().expect("arrivals").entry(p).or_insert(at);
                }
                "ok"
            }
        }),
    );
    tokio::spawn(async move { axum::serve(receiver, app).await });

    let moments = moments(&ws, &format!("http://{receiver_addr}/hook"));
    let fired_kinds = {
        let mut k: HashMap<&str, usize> = HashMap::new();
        for m in &moments {
            *k.entry(m.trigger.kind()).or_default() += 1;
        }
        let mut k: Vec<_> = k.into_iter().collect();
        k.sort();
        k.iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    };

    let mut without = Vec::new();
    let mut with = Vec::new();
    let mut fired = 0;
    let mut latencies = Vec::new();
    for round_no in 0..2 {
        let none = run_once(
            &dir.join(format!("none-{round_no}.db")),
            &ws,
            &[],
            &bodies,
            events,
        )
        .await?;
        without.push(none.seconds);
        let some = run_once(
            &dir.join(format!("with-{round_no}.db")),
            &ws,
            &moments,
            &bodies,
            events,
        )
        .await?;
        with.push(some.seconds);
        fired = some.fired;
        if round_no == 1 {
            latencies = probe(&some, &arrived).await?;
        }
    }
    let rate = |s: &[f64]| events as f64 / (s.iter().sum::<f64>() / s.len() as f64);
    let (with_rate, without_rate) = (rate(&with), rate(&without));
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let figures = vec![
        Figure {
            metric: format!(
                "HTTP /v1/batch events/s stored and evaluated, {MOMENTS} moments live ({fired_kinds}; {fired} fired) — {events} events, mean of 2 runs"
            ),
            value: round(with_rate),
            unit: "events/s",
            reference: Some(
                "the same load on the same server with no moments, same run, alternating".into(),
            ),
            reference_value: Some(round(without_rate)),
            ratio: Some(round(with_rate / without_rate)),
        },
        plain(
            format!(
                "event → webhook received, p50 ({} probes, one at a time)",
                latencies.len()
            ),
            pct(0.50),
            "ms",
        ),
        plain("event → webhook received, p99".into(), pct(0.99), "ms"),
    ];
    Ok(Report {
        bench: "moments",
        machine: machine(),
        figures,
    })
}

struct Run {
    seconds: f64,
    fired: u64,
    base: String,
    key: String,
    store: Arc<dyn Store>,
}

/// One server on a fresh database with `moments`, loaded with every body; timed until every
/// event is stored and (with moments) evaluated.
async fn run_once(
    path: &Path,
    ws: &Workspace,
    moments: &[Moment],
    bodies: &[Bytes],
    events: usize,
) -> anyhow::Result<Run> {
    let mut ws = ws.clone();
    ws.moments = moments.to_vec();
    let store = SqliteStore::open(path).await?;
    store.import_workspace(WS, &ws, "bench").await?;
    store.set_workspace_secret(WS, "bench", SECRET).await?;
    let (_, key) = store.create_source(WS, "bench").await?;
    let store: Arc<dyn Store> = Arc::new(store);
    let mut state = stig_server::AppState::new(store.clone(), stig_server::Config::default());
    let mut runtime = stig_runtime::MomentsRuntime::new(
        stig_deliver::TargetPolicy::parse_allow_list("127.0.0.1").map_err(anyhow::Error::msg)?,
        stig_deliver::RetryPolicy::quick(),
    );
    runtime.fire_history = true;
    state.moments = Arc::new(runtime);
    stig_runtime::moments::start(state.moments_context());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, stig_server::app(state)).await });
    // Let the evaluator take the moments live before the clock starts.
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    let start = Instant::now();
    send(&format!("http://{addr}/v1/batch"), &key, bodies).await?;
    let sent = start.elapsed().as_secs_f64();
    let stored = store.count_events(WS).await?;
    anyhow::ensure!(
        stored as usize == events,
        "stored {stored} of {events} events"
    );
    if !moments.is_empty() {
        let last = store
            .recent_events(WS, None, 1)
            .await?
            .first()
            .map_or(0, |e| e.seq);
        while store.moment_cursor(WS).await? < last {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let counts = store.moment_counts(WS).await?;
    let pending: u64 = counts.values().map(|c| c.pending).sum();
    eprintln!(
        "  {} moments: {events} events stored in {sent:.2} s{}; {} fired, {pending} deliveries pending",
        moments.len(),
        if moments.is_empty() {
            String::new()
        } else {
            format!(", evaluated {:.2} s later", seconds - sent)
        },
        counts.values().map(|c| c.fired).sum::<u64>(),
    );
    let fired = store
        .moment_counts(WS)
        .await?
        .values()
        .map(|c| c.fired)
        .sum();
    Ok(Run {
        seconds,
        fired,
        base: format!("http://{addr}"),
        key,
        store,
    })
}

/// Probe events one at a time; the time from sending each to its webhook arriving.
async fn probe(
    run: &Run,
    arrived: &Arc<Mutex<HashMap<u64, Instant>>>,
) -> anyhow::Result<Vec<Duration>> {
    let mut sent: HashMap<u64, Instant> = HashMap::new();
    for i in 0..PROBES as u64 {
        let body = serde_json::json!({"batch": [{
            "type": "track", "userId": format!("probe-{}", i % 17), "event": "Bench Probe",
            "messageId": format!("probe-{i}"), "timestamp": jiff::Timestamp::now().to_string(),
            "properties": {"probe": i},
        }]})
        .to_string();
        sent.insert(i, Instant::now());
        send(
            &format!("{}/v1/batch", run.base),
            &run.key,
            &[Bytes::from(body)],
        )
        .await?;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while arrived.lock().expect("arrivals").len() < PROBES && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let arrived = arrived.lock().expect("arrivals").clone();
    if arrived.len() < PROBES {
        let dead = run
            .store
            .list_deliveries(WS, Some(stig_store::DeliveryStatus::Dead), 1000)
            .await?
            .len();
        anyhow::bail!(
            "only {} of {PROBES} probe webhooks arrived ({dead} deliveries dead)",
            arrived.len()
        );
    }
    Ok(sent
        .iter()
        .filter_map(|(i, t)| arrived.get(i).map(|a| a.duration_since(*t)))
        .collect())
}

/// [`MOMENTS`] moments of every trigger kind over the workspace's own events, touchpoints,
/// journeys and personas, as a CX team would write them: each for one persona; detractors and
/// low scores as they come, a journey's steps once per run, silences once each, and events
/// once per customer a year (a first purchase, a churn, a dismissal of what they hate); tasks
/// for staff, and the probe's webhook.
fn moments(ws: &Workspace, hook: &str) -> Vec<Moment> {
    let personas: Vec<String> = ws.personas.iter().map(|p| p.id.clone()).collect();
    let events = [
        "Order Completed",
        "Customer Churned",
        "Product Dismissed",
        "Checked In",
        "Email Opened",
    ];
    let journey = ws
        .journeys
        .iter()
        .find(|j| j.state == stig_model::JourneyState::AsIs)
        .expect("an as-is journey");
    let steps: Vec<String> = journey
        .ordered_steps()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let task = |title: &str| Action::Task {
        title: format!("{title}: {{{{ customer.id }}}}"),
        body: String::new(),
        assignee: None,
        purpose: None,
    };
    let yearly = Limits {
        max_per_customer: Some(1),
        period_days: Some(365),
        ..Limits::default()
    };
    let per_run = Limits {
        once_per_run: true,
        ..Limits::default()
    };
    let mut out = vec![Moment {
        id: "probe".into(),
        name: "Latency probe".into(),
        description: String::new(),
        enabled: true,
        trigger: Trigger::Event {
            event: "Bench Probe".into(),
            conditions: Default::default(),
        },
        conditions: Conditions::default(),
        limits: Limits::default(),
        actions: vec![Action::Webhook {
            url: hook.into(),
            secret: "bench".into(),
            // The probe measures delivery: sent to every customer, consent or not.
            purpose: Some(stig_model::Purpose::Service),
        }],
    }];
    let mut n = 0;
    while out.len() < MOMENTS {
        let persona = personas[n % personas.len()].clone();
        let (trigger, limits) = match n % 5 {
            0 | 1 => (
                Trigger::Event {
                    event: events[n % events.len()].into(),
                    conditions: Default::default(),
                },
                yearly.clone(),
            ),
            2 => (
                Trigger::Feedback {
                    score: [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces][n % 3],
                    touchpoint: None,
                    at_most: [Some(6.0), Some(2.0), None][n % 3],
                    at_least: [None, None, Some(6.0)][n % 3],
                },
                Limits::default(),
            ),
            3 => (
                Trigger::Milestone {
                    journey: journey.id.clone(),
                    milestone: [
                        MilestoneKind::Enter,
                        MilestoneKind::Complete,
                        MilestoneKind::Abandon,
                    ][n % 3],
                    phase: None,
                    step: (n % 3 != 2).then(|| steps[n % steps.len()].clone()),
                    offset: (n % 2 == 0).then(|| "2d".into()),
                    date_property: None,
                },
                per_run.clone(),
            ),
            _ => (
                Trigger::Inactivity {
                    days: [30, 60, 90][n % 3],
                },
                Limits::default(),
            ),
        };
        out.push(Moment {
            id: format!("m{n}"),
            name: format!("Moment {n}"),
            description: String::new(),
            enabled: true,
            trigger,
            conditions: Conditions {
                personas: vec![persona],
                ..Conditions::default()
            },
            limits,
            actions: vec![task(&format!("Moment {n}"))],
        });
        n += 1;
    }
    out
}
