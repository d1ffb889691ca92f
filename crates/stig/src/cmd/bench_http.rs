//! `stig bench http`: the web app under load. A server on the demo data, in this process, is
//! hit with 32 concurrent connections on the journey map page, a JSON endpoint and a static
//! file (the reference: the cheapest thing the same server can answer, in the same run).

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::{Duration, Instant};

use stig_model::code::load_files;
use stig_store::{Role, SqliteStore, Store, StoreExt};

use super::bench::{Figure, Report, machine, round};

const CONNECTIONS: usize = 32;
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(5);

struct Load {
    requests_per_s: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
}

pub fn run() -> anyhow::Result<Report> {
    let rt = crate::cmd::db::runtime()?;
    rt.block_on(async {
        let dir = tempfile_dir()?;
        let store = SqliteStore::open(&dir.join("bench.db")).await?;
        let mut journey = String::new();
        for (id, files) in crate::cmd::demo::examples() {
            let ws = load_files(files).workspace;
            if id == "arctic-winter" {
                journey = ws
                    .journeys
                    .first()
                    .map(|j| j.id.clone())
                    .unwrap_or_default();
            }
            store.import_workspace(&id, &ws, "bench").await?;
        }
        let user = store
            .add_user("bench", "bench-password", Role::Viewer)
            .await?;
        let token = store
            .create_session(user.id, Duration::from_secs(3600))
            .await?
            .token;
        let state = stig_server::AppState::new(Arc::new(store), stig_server::Config::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move { axum::serve(listener, stig_server::app(state)).await });

        let cookie = format!("stig_session={token}");
        let base = format!("http://{addr}");
        let map = load(
            &format!("{base}/w/arctic-winter/journeys/{journey}"),
            &cookie,
        )
        .await?;
        let json = load(
            &format!("{base}/api/workspaces/arctic-winter/journeys"),
            &cookie,
        )
        .await?;
        let reference = load(&format!("{base}/assets/style.css"), &cookie).await?;
        let _ = std::fs::remove_dir_all(&dir);

        let mut figures = Vec::new();
        for (name, l) in [
            ("journey map page", &map),
            ("JSON journeys", &json),
            ("static file", &reference),
        ] {
            let is_ref = name == "static file";
            let r = |v: f64| if is_ref { None } else { Some(v) };
            figures.push(Figure {
                metric: format!("{name} requests/s"),
                value: round(l.requests_per_s),
                unit: "req/s",
                reference: (!is_ref).then(|| "static file, same server, same run".to_owned()),
                reference_value: r(round(reference.requests_per_s)),
                ratio: r(round(l.requests_per_s / reference.requests_per_s)),
            });
            for (q, v, rv) in [
                ("p50", l.p50_ms, reference.p50_ms),
                ("p95", l.p95_ms, reference.p95_ms),
                ("p99", l.p99_ms, reference.p99_ms),
            ] {
                figures.push(Figure {
                    metric: format!("{name} latency {q}"),
                    value: round(v),
                    unit: "ms",
                    reference: (!is_ref).then(|| "static file, same server, same run".to_owned()),
                    reference_value: r(round(rv)),
                    // Latency: lower is better, so the ratio is reference ÷ ours.
                    ratio: r(round(rv / v.max(1e-6))),
                });
            }
        }
        Ok(Report {
            bench: "http",
            machine: machine(),
            figures,
        })
    })
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("stig-bench-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// `CONNECTIONS` clients in a closed loop on `url` for `MEASURE`, after a warm-up.
async fn load(url: &str, cookie: &str) -> anyhow::Result<Load> {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CONNECTIONS)
        .build_http();
    let uri: hyper::Uri = url.parse()?;
    // One request first: a failure here is a broken benchmark, not a slow server.
    let status = get(&client, &uri, cookie).await?;
    anyhow::ensure!(status == 200, "GET {url} answered {status}");
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (client, uri, cookie) = (client.clone(), uri.clone(), cookie.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let t = Instant::now();
                let status = get(&client, &uri, &cookie).await?;
                anyhow::ensure!(status == 200, "status {status}");
                let elapsed = start.elapsed();
                if elapsed > WARM_UP {
                    latencies.push(t.elapsed());
                }
                if elapsed > WARM_UP + MEASURE {
                    return anyhow::Ok(latencies);
                }
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Load {
        requests_per_s: all.len() as f64 / MEASURE.as_secs_f64(),
        p50_ms: pct(0.50),
        p95_ms: pct(0.95),
        p99_ms: pct(0.99),
    })
}

async fn get(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>,
    uri: &hyper::Uri,
    cookie: &str,
) -> anyhow::Result<u16> {
    let req = hyper::Request::get(uri.clone())
        .header("cookie", cookie)
        .body(Empty::new())?;
    let res = client.request(req).await?;
    let status = res.status().as_u16();
    res.into_body().collect().await?;
    Ok(status)
}
