//! Live data for `stig demo`: generated customers (see `stig generate`) stored as if a
//! "Demo website" source had sent them, so the customer pages show runs, feedback and churn
//! from the first click; and that source's write key, printed so events can be sent at once.

use std::str::FromStr;

use anyhow::Context;
use stig_model::Workspace;
use stig_pipeline::event::{EventType, parse_call};
use stig_pipeline::generate::{GenerateOptions, generate};
use stig_store::{NewEvent, Store};

/// Customers generated per example workspace: enough for every page to have something to
/// show, few enough that the demo starts in a few seconds.
pub const CUSTOMERS: usize = 250;
/// Events stored per transaction.
const CHUNK: usize = 5_000;

/// What was loaded into one workspace.
pub struct Loaded {
    pub events: u64,
    pub write_key: String,
}

/// Generates customers for `ws` over the three years up to today and stores their events
/// under a new "Demo website" source of workspace `id`.
pub async fn load(store: &dyn Store, id: &str, ws: &Workspace) -> anyhow::Result<Loaded> {
    let (source, write_key) = store.create_source(id, "Demo website").await?;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let opts = GenerateOptions {
        customers: CUSTOMERS,
        // One seed per workspace, so their customers do not arrive on the same days.
        seed: id.bytes().fold(2026u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        }),
        start: today
            .checked_sub(jiff::Span::new().years(3))
            .context("computing the demo period")?,
        years: 3,
    };
    let mut ndjson = Vec::new();
    generate(ws, &opts, &mut ndjson).with_context(|| format!("generating events for `{id}`"))?;
    let received_at = jiff::Timestamp::now();
    let mut chunk: Vec<NewEvent> = Vec::with_capacity(CHUNK);
    let mut events = 0;
    for line in ndjson.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let json: serde_json::Value = serde_json::from_slice(line)?;
        let kind = json["type"]
            .as_str()
            .and_then(|t| EventType::from_str(t).ok())
            .context("a generated event without a type")?;
        // Runs started near the end of the period would go on past today: stop at today.
        let at: Option<jiff::Timestamp> = json["timestamp"].as_str().and_then(|t| t.parse().ok());
        if at.is_some_and(|at| at > received_at) {
            continue;
        }
        let event = parse_call(kind, json, received_at)?;
        chunk.push(stig_server::collect::new_event(event, Some(&source.id)));
        if chunk.len() == CHUNK {
            events += store.append_events(id, &chunk).await?.stored;
            chunk.clear();
        }
    }
    events += store.append_events(id, &chunk).await?.stored;
    Ok(Loaded { events, write_key })
}
