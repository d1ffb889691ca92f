//! KPIs over time: acquisition, churn, their ratio and net growth per month, retention
//! cohorts, the repeat-journey rate, and satisfaction, NPS and promoters per month.
//!
//! Acquisition, churn and reactivation are the lifecycle changes of the customer stages
//! (`stig_pipeline::customers::lifecycle`), counted in the month they happened. A retention
//! cohort is the customers acquired in one month; a cell is the share of them with any
//! activity `k` months later.
//!
//! Won, lost, came back and net growth have one definition, [`Growth`]: a month's numbers
//! and any total over months (a tile, the API's `growth`, `stig report`) are made by it, so
//! a total is always the sum of the months shown.

use serde::Serialize;
use stig_model::SurveyKind;

use crate::filter::{Filter, Months};
use crate::index::{Change, Index};
use crate::scores::{ScoreOptions, Tally};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    pub month: String,
    pub acquired: u32,
    pub churned: u32,
    /// Of `churned`, by an explicit event (a cancellation).
    pub churned_by_event: u32,
    pub reactivated: u32,
    /// `acquired ÷ churned` (`None` without churn).
    pub ratio: Option<f64>,
    /// `acquired + reactivated − churned`.
    pub net: i64,
    pub nps: Option<f64>,
    pub nps_answers: u32,
    pub csat: Option<f64>,
    pub csat_answers: u32,
    /// Promoters (NPS 9–10) that month: the word-of-mouth signal.
    pub promoters: u32,
    /// The month is not over yet (it holds the index's "now"): its numbers are so far.
    pub partial: bool,
}

impl Month {
    /// This month's won, lost, came back and net.
    pub fn growth(&self) -> Growth {
        Growth::new(self.acquired, self.churned, self.reactivated)
    }
}

/// Won, lost, came back and net growth: the one definition of each.
///
/// - **won**: customers acquired (their first purchase or sign-up);
/// - **lost**: customers churned, by a cancellation or by going inactive;
/// - **came back**: churned customers active again (reactivated);
/// - **net** = won + came back − lost: the change in active customers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Growth {
    pub won: u32,
    pub lost: u32,
    pub came_back: u32,
    pub net: i64,
}

impl Growth {
    pub fn new(won: u32, lost: u32, came_back: u32) -> Growth {
        Growth {
            won,
            lost,
            came_back,
            net: i64::from(won) + i64::from(came_back) - i64::from(lost),
        }
    }

    /// The total over `months`: each number the sum of the months' numbers.
    pub fn over(months: &[Month]) -> Growth {
        let sum = |f: fn(&Month) -> u32| months.iter().map(f).sum::<u32>();
        Growth::new(
            sum(|m| m.acquired),
            sum(|m| m.churned),
            sum(|m| m.reactivated),
        )
    }

    /// `won ÷ lost` (`None` without anyone lost).
    pub fn ratio(&self) -> Option<f64> {
        (self.lost > 0).then(|| f64::from(self.won) / f64::from(self.lost))
    }
}

/// Per month, from the first month with data to the last. The filter's period limits which
/// changes count; persona and channel which customers.
pub fn monthly(ix: &Index, filter: &Filter) -> Vec<Month> {
    let months = Months::new(ix);
    let mut rows: Vec<Month> = (0..months.len())
        .map(|m| Month {
            month: months.label(m),
            acquired: 0,
            churned: 0,
            churned_by_event: 0,
            reactivated: 0,
            ratio: None,
            net: 0,
            nps: None,
            nps_answers: 0,
            csat: None,
            csat_answers: 0,
            promoters: 0,
            partial: false,
        })
        .collect();
    let now_month = months.of(ix.now);
    let lc = &ix.lifecycle;
    for i in 0..lc.at.len() {
        let at = lc.at[i];
        if !filter.in_period(at) || !filter.customer(ix, lc.customer[i] as usize) {
            continue;
        }
        let row = &mut rows[months.of(at)];
        match lc.kind[i] {
            Change::Acquired => row.acquired += 1,
            Change::ChurnedByEvent => {
                row.churned += 1;
                row.churned_by_event += 1;
            }
            Change::ChurnedInactive => row.churned += 1,
            Change::Reactivated => row.reactivated += 1,
        }
    }
    let mut nps = vec![Tally::default(); months.len()];
    let mut csat = vec![Tally::default(); months.len()];
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if !filter.feedback(ix, f) {
            continue;
        }
        let m = months.of(fb.at[f]);
        match fb.kind[f] {
            SurveyKind::Nps => nps[m].add(SurveyKind::Nps, f64::from(fb.score[f])),
            SurveyKind::Csat => csat[m].add(SurveyKind::Csat, f64::from(fb.score[f])),
            SurveyKind::Ces => {}
        }
    }
    let opts = ScoreOptions { min_answers: 1 };
    for (m, row) in rows.iter_mut().enumerate() {
        let g = row.growth();
        row.ratio = g.ratio();
        row.net = g.net;
        row.partial = m == now_month;
        row.nps_answers = nps[m].n;
        row.nps = (nps[m].n > 0).then(|| nps[m].score(SurveyKind::Nps, opts).value);
        row.promoters = nps[m].high;
        row.csat_answers = csat[m].n;
        row.csat = (csat[m].n > 0).then(|| csat[m].score(SurveyKind::Csat, opts).value);
    }
    // Leading and trailing months with nothing at all are not part of the story.
    let busy =
        |r: &Month| r.acquired + r.churned + r.reactivated + r.nps_answers + r.csat_answers > 0;
    let first = rows.iter().position(busy).unwrap_or(rows.len());
    let last = rows.iter().rposition(busy).map_or(first, |l| l + 1);
    rows.drain(last..);
    rows.drain(..first);
    rows
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    pub month: String,
    pub size: u32,
    /// Share of the cohort active 0, 1, 2, … months after acquisition (up to now).
    pub retained: Vec<f64>,
}

/// Retention cohorts by month of acquisition, at most `max_months` wide.
pub fn cohorts(ix: &Index, filter: &Filter, max_months: usize) -> Vec<Cohort> {
    let months = Months::new(ix);
    let now = months.of(ix.now).min(months.len().saturating_sub(1));
    let mut size = vec![0u32; months.len()];
    let mut active = vec![vec![0u32; max_months]; months.len()];
    let lc = &ix.lifecycle;
    let mut seen_month = vec![false; max_months];
    for i in 0..lc.at.len() {
        if lc.kind[i] != Change::Acquired || !filter.in_period(lc.at[i]) {
            continue;
        }
        let c = lc.customer[i] as usize;
        if !filter.customer(ix, c) {
            continue;
        }
        let m0 = months.of(lc.at[i]);
        size[m0] += 1;
        seen_month.iter_mut().for_each(|s| *s = false);
        for e in ix.events_of(c) {
            let at = ix.events.at[e];
            if at < lc.at[i] {
                continue;
            }
            let k = months.of(at) - m0;
            if k < max_months {
                seen_month[k] = true;
            }
        }
        // Acquisition itself is activity in month 0.
        seen_month[0] = true;
        for (k, &s) in seen_month.iter().enumerate() {
            active[m0][k] += u32::from(s);
        }
    }
    (0..months.len())
        .filter(|&m| size[m] > 0)
        .map(|m| Cohort {
            month: months.label(m),
            size: size[m],
            retained: (0..max_months.min(now.saturating_sub(m) + 1))
                .map(|k| f64::from(active[m][k]) / f64::from(size[m]))
                .collect(),
        })
        .collect()
}

/// Customers with at least one run, and those with two or more runs of the same journey.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Repeat {
    pub customers: u32,
    pub repeaters: u32,
    pub rate: f64,
}

pub fn repeat_rate(ix: &Index, filter: &Filter) -> Repeat {
    let ins = &ix.instances;
    let (mut customers, mut repeaters) = (0u32, 0u32);
    let mut i = 0;
    while i < ins.customer.len() {
        let c = ins.customer[i];
        let mut runs: Vec<u16> = Vec::new();
        while i < ins.customer.len() && ins.customer[i] == c {
            if filter.instance(ix, i) {
                runs.push(ins.journey[i]);
            }
            i += 1;
        }
        if runs.is_empty() {
            continue;
        }
        customers += 1;
        runs.sort_unstable();
        repeaters += u32::from(runs.windows(2).any(|w| w[0] == w[1]));
    }
    Repeat {
        customers,
        repeaters,
        rate: if customers > 0 {
            f64::from(repeaters) / f64::from(customers)
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(acquired: u32, churned: u32, reactivated: u32) -> Month {
        let g = Growth::new(acquired, churned, reactivated);
        Month {
            month: "2026-01".into(),
            acquired,
            churned,
            churned_by_event: 0,
            reactivated,
            ratio: g.ratio(),
            net: g.net,
            nps: None,
            nps_answers: 0,
            csat: None,
            csat_answers: 0,
            promoters: 0,
            partial: false,
        }
    }

    #[test]
    fn net_counts_those_who_came_back_and_totals_are_sums() {
        // The numbers the Growth page once showed three ways.
        let months = [month(3, 6, 1), month(2, 5, 1), month(4, 6, 1)];
        let nets: Vec<i64> = months.iter().map(|m| m.growth().net).collect();
        assert_eq!(nets, [-2, -2, -1]);
        let total = Growth::over(&months);
        assert_eq!(
            total,
            Growth {
                won: 9,
                lost: 17,
                came_back: 3,
                net: -5
            }
        );
        assert_eq!(total.net, nets.iter().sum::<i64>());
        assert_eq!(Growth::over(&[]).ratio(), None);
        assert_eq!(Growth::new(3, 2, 0).ratio(), Some(1.5));
    }
}
