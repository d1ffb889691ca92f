//! The filter every view takes: persona, journey, channel and period, and the period the
//! headline numbers are compared with.
//!
//! A period is a preset (`period=30d`, `quarter`, `ytd`) counted back from the index's "now",
//! or `from`/`to` (`period=custom` or no preset). A preset wins over `from`/`to`, so a form
//! that sends both means the preset. The comparison is the period before, of the same length
//! (`compare=previous`, the default), or the same period a year before (`compare=year`,
//! the default for year to date).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::index::{Index, NONE};

/// A filter as people write it (query string, API, CLI): ids and dates. Empty means all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterQuery {
    pub persona: Option<String>,
    pub journey: Option<String>,
    pub channel: Option<String>,
    /// First day in the period: `2024-03-01` or `2024-03`.
    pub from: Option<String>,
    /// Last day in the period (inclusive): `2024-03-31` or `2024-03` (the whole month).
    pub to: Option<String>,
    /// A preset period: `30d` (the last 30 days), `quarter` (the last whole calendar
    /// quarter), `ytd` (this year to date), `custom` or empty (`from`/`to`).
    pub period: Option<String>,
    /// What the headline numbers are compared with: `previous` or `year` (default:
    /// `year` for `ytd`, else `previous`).
    pub compare: Option<String>,
}

/// The period presets, as `period=` takes them.
pub const PERIODS: [&str; 3] = ["30d", "quarter", "ytd"];

/// What a period is compared with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Compare {
    /// The period just before, of the same length.
    #[default]
    Previous,
    /// The same days a year before.
    Year,
}

impl Compare {
    pub fn as_str(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::Year => "year",
        }
    }
}

impl FilterQuery {
    pub fn is_empty(&self) -> bool {
        *self == FilterQuery::default()
    }
}

/// A [`FilterQuery`] resolved against an index: interned ids and index seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub persona: Option<u16>,
    pub journey: Option<u16>,
    pub channel: Option<u16>,
    /// Index seconds, `from` inclusive, `to` exclusive.
    pub from: Option<u32>,
    pub to: Option<u32>,
    pub compare: Compare,
}

/// Why a filter could not be resolved, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FilterError {}

impl FilterError {
    /// Whether the value is well-formed but names no persona, journey or channel of the
    /// workspace (an API answers that 422, a malformed date or period 400).
    pub fn names_nothing(&self) -> bool {
        matches!(self.field, "persona" | "journey" | "channel")
    }
}

impl Filter {
    pub fn resolve(ix: &Index, q: &FilterQuery) -> Result<Filter, FilterError> {
        let lookup = |field: &'static str, v: &Option<String>, known: &[String]| {
            nonempty(v)
                .map(|id| {
                    known
                        .iter()
                        .position(|k| k == id)
                        .map(|i| i as u16)
                        .ok_or_else(|| FilterError {
                            field,
                            message: format!(
                                "no {field} `{id}` in this workspace (known: {})",
                                if known.is_empty() {
                                    "none".to_owned()
                                } else {
                                    known.join(", ")
                                }
                            ),
                        })
                })
                .transpose()
        };
        let date = |field: &'static str, v: &Option<String>, end: bool| {
            nonempty(v)
                .map(|text| {
                    parse_day(text, end)
                        .map(|d| (day_start(d) - ix.base).clamp(0, i64::from(u32::MAX)) as u32)
                        .ok_or_else(|| FilterError {
                            field,
                            message: format!(
                                "`{text}` is not a date (2024-03-31) or a month (2024-03)"
                            ),
                        })
                })
                .transpose()
        };
        let compare = match nonempty(&q.compare) {
            // Year to date reads best against the same days last year.
            None if nonempty(&q.period) == Some("ytd") => Compare::Year,
            None | Some("previous") => Compare::Previous,
            Some("year") => Compare::Year,
            Some(other) => {
                return Err(FilterError {
                    field: "compare",
                    message: format!("`{other}` is not `previous` or `year`"),
                });
            }
        };
        let at = |d: Date| (day_start(d) - ix.base).clamp(0, i64::from(u32::MAX)) as u32;
        let (from, to) = match preset_days(ix, nonempty(&q.period))? {
            Some((first, end)) => (Some(at(first)), Some(at(end))),
            None => (date("from", &q.from, false)?, date("to", &q.to, true)?),
        };
        Ok(Filter {
            persona: lookup("persona", &q.persona, &ix.personas)?,
            journey: lookup("journey", &q.journey, &journey_ids(ix))?,
            channel: lookup("channel", &q.channel, &ix.channels)?,
            from,
            to,
            compare,
        })
    }

    /// The same filter over the period the headline numbers are compared with: the period
    /// before of the same length, or the same days a year before. `None` without a start
    /// (all time has nothing before it) or when the comparison lies wholly before the data.
    pub fn compared(&self, ix: &Index) -> Option<Filter> {
        let from = i64::from(self.from?);
        // An open end is today's end.
        let to = self
            .to
            .map_or_else(|| day_start(today(ix)) + 86_400 - ix.base, i64::from);
        if to <= from {
            return None;
        }
        let civil = |s: i64| {
            jiff::Timestamp::from_second(ix.base + s)
                .ok()
                .map(|t| TimeZone::UTC.to_datetime(t))
        };
        let back = |s: i64, span: jiff::Span| -> Option<i64> {
            let earlier = civil(s)?.checked_sub(span).ok()?;
            Some(TimeZone::UTC.to_timestamp(earlier).ok()?.as_second() - ix.base)
        };
        let (a, b) = match self.compare {
            Compare::Previous => {
                let (f, t) = (civil(from)?, civil(to)?);
                let month_start = |d: jiff::civil::DateTime| {
                    d.day() == 1 && d.time() == jiff::civil::Time::midnight()
                };
                if month_start(f) && month_start(t) {
                    // Whole months (a quarter): the months before, not the same seconds.
                    let months =
                        i64::from(t.year() - f.year()) * 12 + i64::from(t.month() - f.month());
                    let span = jiff::Span::new().months(months);
                    (back(from, span)?, from)
                } else {
                    (from - (to - from), from)
                }
            }
            Compare::Year => {
                let year = jiff::Span::new().years(1);
                (back(from, year)?, back(to, year)?)
            }
        };
        if b <= 0 {
            return None;
        }
        Some(Filter {
            from: Some(a.max(0) as u32),
            to: Some(b.min(i64::from(u32::MAX)) as u32),
            ..*self
        })
    }

    pub fn in_period(&self, at: u32) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at < t)
    }

    /// Whether customer `c` is in (persona and channel).
    pub fn customer(&self, ix: &Index, c: usize) -> bool {
        self.persona.is_none_or(|p| ix.customers.persona[c] == p)
            && self.channel.is_none_or(|ch| ix.customers.channel[c] == ch)
    }

    /// Whether run `i` is in: its journey, its customer's persona, its channel (else its
    /// customer's) and its start in the period.
    pub fn instance(&self, ix: &Index, i: usize) -> bool {
        let ins = &ix.instances;
        let c = ins.customer[i] as usize;
        self.journey.is_none_or(|j| ins.journey[i] == j)
            && self.persona.is_none_or(|p| ix.customers.persona[c] == p)
            && self.channel.is_none_or(|ch| {
                let own = ins.channel[i];
                (if own == NONE {
                    ix.customers.channel[c]
                } else {
                    own
                }) == ch
            })
            && self.in_period(ins.started[i])
    }

    /// Whether answer `f` is in: given in the period, by a customer in the persona, in a run
    /// of the journey (or about a touchpoint of it), on the channel.
    pub fn feedback(&self, ix: &Index, f: usize) -> bool {
        let fb = &ix.feedback;
        if !self.in_period(fb.at[f]) {
            return false;
        }
        let c = fb.customer[f] as usize;
        if self.persona.is_some_and(|p| ix.customers.persona[c] != p) {
            return false;
        }
        let run = fb.instance[f];
        let run = (run != u32::MAX).then_some(run as usize);
        if let Some(j) = self.journey {
            let ok = match run {
                Some(i) => ix.instances.journey[i] == j,
                None => ix.journey_has_touchpoint(j, fb.touchpoint[f]),
            };
            if !ok {
                return false;
            }
        }
        self.channel.is_none_or(|ch| {
            let own = run.map_or(NONE, |i| ix.instances.channel[i]);
            (if own == NONE {
                ix.customers.channel[c]
            } else {
                own
            }) == ch
        })
    }
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The month the index's "now" falls in, as months are labelled (`2024-03`): the one
/// period that is not over yet, so charts and tables mark it partial.
pub fn current_month(ix: &Index) -> String {
    let d = today(ix);
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The day the index's "now" falls on (UTC).
fn today(ix: &Index) -> Date {
    TimeZone::UTC.to_datetime(ix.timestamp(ix.now)).date()
}

/// A preset's first day and the day after its last, counted back from the index's "now";
/// `None` for no preset or `custom`.
fn preset_days(ix: &Index, period: Option<&str>) -> Result<Option<(Date, Date)>, FilterError> {
    let today = today(ix);
    let bad = |p: &str| FilterError {
        field: "period",
        message: format!(
            "`{p}` is not a period (one of {}, custom)",
            PERIODS.join(", ")
        ),
    };
    let days = |n: i64| today.checked_sub(jiff::Span::new().days(n)).ok();
    let end = today.tomorrow().ok();
    let range = match period {
        None | Some("custom") => return Ok(None),
        Some("30d") => days(29).zip(end),
        Some("ytd") => Date::new(today.year(), 1, 1).ok().zip(end),
        Some("quarter") => {
            let this = Date::new(today.year(), (today.month() - 1) / 3 * 3 + 1, 1).ok();
            this.and_then(|q| Some((q.checked_sub(jiff::Span::new().months(3)).ok()?, q)))
        }
        Some(p) => return Err(bad(p)),
    };
    range
        .map(Some)
        .ok_or_else(|| bad(period.unwrap_or_default()))
}

fn journey_ids(ix: &Index) -> Vec<String> {
    ix.journeys.iter().map(|j| j.id.clone()).collect()
}

/// `2024-03-31`, or `2024-03` (its first day, or with `end` the first day after it); `end`
/// days are exclusive bounds, so the day after (the last day jiff knows, 9999-12-31, ends
/// itself: a day early at the end of time, not an error).
fn parse_day(text: &str, end: bool) -> Option<Date> {
    let after = |d: Date| d.tomorrow().unwrap_or(d);
    if let Ok(d) = text.parse::<Date>() {
        return Some(if end { after(d) } else { d });
    }
    let (y, m) = text.split_once('-')?;
    let d = Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?;
    Some(if end { after(d.last_of_month()) } else { d })
}

/// Unix seconds at midnight UTC starting `d`.
fn day_start(d: Date) -> i64 {
    TimeZone::UTC
        .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        .map_or(i64::MAX, |t| t.as_second())
}

/// Calendar months over an index's time range, for bucketing index seconds fast.
#[derive(Debug, Clone)]
pub struct Months {
    /// Index seconds at which each month starts (the first is the month of time 0).
    starts: Vec<i64>,
    first: Date,
}

impl Months {
    pub fn new(ix: &Index) -> Months {
        let t0 = ix.timestamp(0);
        let first = TimeZone::UTC.to_datetime(t0).date().first_of_month();
        let last_at = ix
            .events
            .at
            .iter()
            .chain(&ix.feedback.at)
            .chain(&ix.lifecycle.at)
            .copied()
            .max()
            .unwrap_or(0)
            .max(ix.now);
        let mut starts = Vec::new();
        let mut d = first;
        loop {
            let s = day_start(d) - ix.base;
            if s > i64::from(last_at) && !starts.is_empty() {
                break;
            }
            starts.push(s);
            match d.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        Months { starts, first }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The month (0-based from the first) index seconds fall in.
    pub fn of(&self, at: u32) -> usize {
        self.starts
            .partition_point(|&s| s <= i64::from(at))
            .saturating_sub(1)
    }

    /// `2024-03`.
    pub fn label(&self, month: usize) -> String {
        let d = self
            .first
            .checked_add(jiff::Span::new().months(month as i64))
            .unwrap_or(self.first);
        format!("{:04}-{:02}", d.year(), d.month())
    }
}

impl Index {
    /// Whether journey `j` has touchpoint `t` on any step.
    pub fn journey_has_touchpoint(&self, j: u16, t: u16) -> bool {
        t != NONE
            && self
                .journey_touchpoints
                .get(usize::from(j))
                .is_some_and(|ts| ts.contains(&t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index whose "now" is 2026-12-05 10:00 UTC, its data from 2024-01-01.
    fn index() -> Index {
        let base = day_start(Date::constant(2024, 1, 1));
        let now = day_start(Date::constant(2026, 12, 5)) + 10 * 3_600;
        Index {
            base,
            now: (now - base) as u32,
            ..Index::default()
        }
    }

    fn days(ix: &Index, f: &Filter) -> (String, String) {
        let d = |s: Option<u32>| {
            TimeZone::UTC
                .to_datetime(ix.timestamp(s.unwrap_or(0)))
                .date()
                .to_string()
        };
        (d(f.from), d(f.to))
    }

    fn resolve(ix: &Index, period: &str, compare: &str) -> Result<Filter, FilterError> {
        Filter::resolve(
            ix,
            &FilterQuery {
                period: Some(period.into()),
                compare: Some(compare.into()),
                ..FilterQuery::default()
            },
        )
    }

    #[test]
    fn presets_count_back_from_now_and_compare_with_the_period_before() {
        let ix = index();
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let f = resolve(&ix, "30d", "").expect("30d");
        assert_eq!(days(&ix, &f), pair("2026-11-06", "2026-12-06"));
        let before = f.compared(&ix).expect("a comparison");
        assert_eq!(days(&ix, &before), pair("2026-10-07", "2026-11-06"));

        let q = resolve(&ix, "quarter", "previous").expect("quarter");
        assert_eq!(days(&ix, &q), pair("2026-07-01", "2026-10-01"));
        assert_eq!(
            days(&ix, &q.compared(&ix).expect("before")),
            pair("2026-04-01", "2026-07-01"),
            "the quarter before, not the same number of days"
        );
        let q = resolve(&ix, "quarter", "year").expect("quarter");
        assert_eq!(
            days(&ix, &q.compared(&ix).expect("a year before")),
            pair("2025-07-01", "2025-10-01")
        );
        let ytd = resolve(&ix, "ytd", "").expect("ytd");
        assert_eq!(ytd.compare, Compare::Year, "year to date against last year");
        assert_eq!(days(&ix, &ytd), pair("2026-01-01", "2026-12-06"));
        assert_eq!(
            days(&ix, &ytd.compared(&ix).expect("last year")),
            pair("2025-01-01", "2025-12-06")
        );
    }

    #[test]
    fn a_preset_wins_over_from_to_and_bad_ones_are_named() {
        let ix = index();
        let f = Filter::resolve(
            &ix,
            &FilterQuery {
                period: Some("30d".into()),
                from: Some("2024-02".into()),
                ..FilterQuery::default()
            },
        )
        .expect("resolves");
        assert_eq!(days(&ix, &f).0, "2026-11-06");
        // Custom: from/to as given; no start, no comparison.
        let all = resolve(&ix, "custom", "").expect("custom");
        assert_eq!((all.from, all.to), (None, None));
        assert!(all.compared(&ix).is_none());
        let e = resolve(&ix, "fortnight", "").expect_err("unknown preset");
        assert_eq!(e.field, "period");
        assert!(e.message.contains("fortnight") && e.message.contains("30d"));
        let e = resolve(&ix, "30d", "decade").expect_err("unknown comparison");
        assert_eq!(e.field, "compare");
        assert!(e.message.contains("decade"));
        // A comparison wholly before the data is none.
        let early = Filter::resolve(
            &ix,
            &FilterQuery {
                from: Some("2024-01".into()),
                to: Some("2024-03".into()),
                ..FilterQuery::default()
            },
        )
        .expect("resolves");
        assert!(early.compared(&ix).is_none());
        assert_eq!(current_month(&ix), "2026-12");
    }
}
