//! `stig bench ingest --nodes N --db postgres://…`: the same HTTP collection load (generated
//! events as `/v1/batch` requests from 32 connections) against one `stig serve` process and
//! then against N, each run on a fresh database on the same PostgreSQL, the connections
//! spread evenly over the nodes. The nodes are this binary (`std::env::current_exe`), each
//! with its own state directory, on loopback ports; they are stopped when done.

use anyhow::Context;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use stig_store::Store;

use super::bench::{Figure, Report, machine, plain, round};
use super::bench_ingest::{BATCH, Generated, WS, batch_bodies, send_to};
use super::bench_ingest_pg::{Databases, fresh_store};

/// A node's wait for `/readyz` at start.
const READY_WITHIN: Duration = Duration::from_secs(120);

/// `stig serve` children, killed (and reaped) when dropped.
struct Nodes(Vec<Child>);

impl Drop for Nodes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub(super) async fn bench(url: &str, nodes: usize, data: &Generated) -> anyhow::Result<Report> {
    let mut dbs = Databases::connect(url).await?;
    let result = measure(&mut dbs, nodes, data).await;
    dbs.drop_all().await;
    result
}

async fn measure(dbs: &mut Databases, nodes: usize, data: &Generated) -> anyhow::Result<Report> {
    let lines = data.lines();
    let events = lines.len();
    let bodies = batch_bodies(&lines);
    drop(lines);
    let one = run(dbs, 1, data, &bodies, events).await?;
    let many = run(dbs, nodes, data, &bodies, events).await?;
    let rate = |s: f64| events as f64 / s;
    let figures = vec![
        Figure {
            metric: format!(
                "HTTP /v1/batch events/s, {nodes} nodes ({events} events, {BATCH} a request)"
            ),
            value: round(rate(many.seconds)),
            unit: "events/s",
            reference: Some(
                "the same load on 1 node, same PostgreSQL, fresh database, same run".into(),
            ),
            reference_value: Some(round(rate(one.seconds))),
            ratio: Some(round(one.seconds / many.seconds)),
        },
        plain("HTTP request latency p50, 1 node".into(), one.p50_ms, "ms"),
        plain(
            format!("HTTP request latency p50, {nodes} nodes"),
            many.p50_ms,
            "ms",
        ),
        plain("HTTP request latency p99, 1 node".into(), one.p99_ms, "ms"),
        plain(
            format!("HTTP request latency p99, {nodes} nodes"),
            many.p99_ms,
            "ms",
        ),
    ];
    Ok(Report {
        bench: "ingest (nodes on PostgreSQL)",
        machine: machine(),
        figures,
    })
}

/// One run: a fresh database with the workspace and a source, `nodes` servers on it, every
/// body sent once; checks every event was stored.
async fn run(
    dbs: &mut Databases,
    nodes: usize,
    data: &Generated,
    bodies: &[Bytes],
    events: usize,
) -> anyhow::Result<super::bench_ingest::Sent> {
    let (store, url) = fresh_store(dbs, &format!("nodes{nodes}"), data).await?;
    let (_, key) = store.create_source(WS, "bench").await?;
    let exe = std::env::current_exe().context("cannot find this stig binary")?;
    let state = std::env::temp_dir().join(format!("stig-bench-nodes-{}", std::process::id()));
    let mut children = Nodes(Vec::new());
    let mut urls = Vec::new();
    for n in 0..nodes {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(&exe)
            .args([
                "serve",
                "--db",
                &url,
                "--addr",
                &format!("127.0.0.1:{port}"),
            ])
            .arg("--state-dir")
            .arg(state.join(format!("{nodes}-{n}")))
            .env("STIG_ADMIN_PASSWORD", "bench-nodes-password")
            .env("STIG_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start stig serve")?;
        children.0.push(child);
        let base = format!("http://127.0.0.1:{port}");
        // One at a time: nodes started together race to create the first admin.
        wait_ready(&base, &mut children.0[n]).await?;
        urls.push(base);
    }
    let batch_urls: Vec<String> = urls.iter().map(|u| format!("{u}/v1/batch")).collect();
    let sent = send_to(&batch_urls, &key, bodies).await?;
    let stored = store.count_events(WS).await?;
    drop(children);
    store.pool().close().await;
    let _ = std::fs::remove_dir_all(&state);
    anyhow::ensure!(
        stored as usize == events,
        "{nodes} node(s) stored {stored} of {events} events"
    );
    Ok(sent)
}

/// Waits until the node at `base` answers `/readyz` with 200.
async fn wait_ready(base: &str, child: &mut Child) -> anyhow::Result<()> {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let uri: hyper::Uri = format!("{base}/readyz").parse()?;
    let deadline = Instant::now() + READY_WITHIN;
    loop {
        if let Ok(res) = client.get(uri.clone()).await {
            let ok = res.status() == 200;
            let _ = res.into_body().collect().await;
            if ok {
                return Ok(());
            }
        }
        if let Some(status) = child.try_wait()? {
            anyhow::bail!("the node at {base} exited ({status}) before it was ready");
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the node at {base} was not ready within {} s",
            READY_WITHIN.as_secs()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
