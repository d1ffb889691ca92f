//! Backtest: a moment run over the stored history before it is enabled — how often it would
//! have fired, for whom, and when.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use serde::Serialize;
use stig_model::{Moment, Workspace};

use super::MomentEngine;
use crate::customers::Activity;

/// How often a moment would have fired over the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    pub moment: String,
    /// Events read.
    pub events: u64,
    /// The first and last event times read.
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub fired: u64,
    /// Firings in which at least one action would have been suppressed: the customer had not
    /// consented to its purpose (see [`crate::customers::consent`]).
    pub suppressed: u64,
    /// Different customers it would have fired for.
    pub customers: u64,
    /// Firings per persona id (`""` for customers matching none).
    pub per_persona: BTreeMap<String, u64>,
    /// Firings per ISO week, by the week's Monday.
    pub per_week: BTreeMap<Date, u64>,
    /// The latest firings (up to [`SAMPLES`]), newest first.
    pub samples: Vec<Sample>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    pub customer: String,
    pub persona: Option<String>,
    pub at: Timestamp,
    pub occurrence: String,
}

pub const SAMPLES: usize = 10;

/// Runs `moment` over `events` (any order: they are replayed in time order, the clock
/// following them), then up to `now` for what falls due later. Caps and conditions apply as
/// they would live; nothing counts as history.
pub fn backtest(
    ws: Arc<Workspace>,
    moment: &Moment,
    events: Vec<Activity>,
    now: Timestamp,
) -> Backtest {
    let mut events = events;
    events.sort_by_key(|a| (a.timestamp, a.seq));
    let mut engine = MomentEngine::new(ws, vec![moment.clone()]);
    let mut result = Backtest {
        moment: moment.id.clone(),
        events: events.len() as u64,
        from: events.first().map(|a| a.timestamp),
        to: events.last().map(|a| a.timestamp),
        fired: 0,
        suppressed: 0,
        customers: 0,
        per_persona: BTreeMap::new(),
        per_week: BTreeMap::new(),
        samples: Vec::new(),
    };
    let mut customers = std::collections::HashSet::new();
    let mut record = |occurrences: Vec<super::Occurrence>, result: &mut Backtest| {
        for o in occurrences {
            result.fired += 1;
            if moment
                .actions
                .iter()
                .any(|a| !o.consent.allows(a.purpose()))
            {
                result.suppressed += 1;
            }
            customers.insert(o.customer.clone());
            *result
                .per_persona
                .entry(o.persona.clone().unwrap_or_default())
                .or_default() += 1;
            *result.per_week.entry(monday(o.at)).or_default() += 1;
            result.samples.push(Sample {
                customer: o.customer,
                persona: o.persona,
                at: o.at,
                occurrence: o.key,
            });
            if result.samples.len() > SAMPLES * 4 {
                result.samples.drain(..SAMPLES * 3);
            }
        }
    };
    for a in &events {
        let due = engine.tick(a.timestamp);
        record(due, &mut result);
        let now_ = engine.push(a, true);
        record(now_, &mut result);
    }
    let rest = engine.tick(now);
    record(rest, &mut result);
    result.customers = customers.len() as u64;
    result.samples.reverse();
    result.samples.truncate(SAMPLES);
    result
}

/// The Monday of the (UTC) week `at` falls in.
fn monday(at: Timestamp) -> Date {
    let d = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let back = i64::from(d.weekday().since(Weekday::Monday));
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}
