//! Observed journeys: how runs actually went through the designed steps.
//!
//! - **Funnel**: a run *reaches* a step when it hits that step or any later one (so a
//!   skipped step does not lose the run); drop-off at a step is the runs that reached it but
//!   not the next.
//! - **Time between steps**: from a run's first hit on a step to its first hit on the next
//!   step, median and 90th percentile over the runs that did both.
//! - **Stuck points**: the steps abandoned runs ended at, with how long they had waited
//!   there (from arriving at the step to their last activity); ranked by abandoned runs.
//! - **Variants** (process-mining style): customers (cases) with the same sequence of event
//!   names; and, per journey, runs with the same sequence of steps.
//! - **Deviations**: transitions against the designed order — skipping a step, or going
//!   back — counted over runs.

use std::collections::HashMap;

use serde::Serialize;

use crate::filter::Filter;
use crate::index::{Index, NONE};
use stig_pipeline::customers::InstanceStatus;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    pub step: String,
    pub name: String,
    pub phase: String,
    pub reached: u64,
    /// Reached this step but not the next.
    pub dropped: u64,
    /// `reached ÷ runs`.
    pub share: f64,
    /// Seconds from this step to the next: median and p90 (runs that did both).
    pub to_next_median: Option<u64>,
    pub to_next_p90: Option<u64>,
    /// Abandoned runs that ended here, and their median wait here (seconds).
    pub abandoned_here: u64,
    pub abandoned_wait_median: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub journey: String,
    pub runs: u64,
    pub completed: u64,
    pub abandoned: u64,
    pub active: u64,
    pub steps: Vec<FunnelStep>,
}

impl Funnel {
    /// Steps where abandoned runs stopped, most first.
    pub fn stuck_points(&self) -> Vec<&FunnelStep> {
        let mut s: Vec<&FunnelStep> = self.steps.iter().filter(|s| s.abandoned_here > 0).collect();
        s.sort_by(|a, b| {
            b.abandoned_here
                .cmp(&a.abandoned_here)
                .then(a.step.cmp(&b.step))
        });
        s
    }
}

/// The funnel of journey `j` over the runs the filter keeps.
pub fn funnel(ix: &Index, filter: &Filter, j: u16) -> Funnel {
    let journey = &ix.journeys[usize::from(j)];
    let n = journey.steps.len();
    let filter = Filter {
        journey: Some(j),
        ..*filter
    };
    let mut reached_max = vec![0u64; n + 1];
    let mut to_next: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut waits: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut abandoned_here = vec![0u64; n];
    let (mut runs, mut completed, mut abandoned, mut active) = (0, 0, 0, 0);
    let mut first_hit = vec![u32::MAX; n];
    for i in 0..ix.instances.customer.len() {
        if !filter.instance(ix, i) {
            continue;
        }
        runs += 1;
        let status = ix.instances.status[i];
        match status {
            InstanceStatus::Completed => completed += 1,
            InstanceStatus::Abandoned => abandoned += 1,
            InstanceStatus::Active => active += 1,
        }
        first_hit.iter_mut().for_each(|f| *f = u32::MAX);
        let mut max = None;
        let mut last = None;
        for h in ix.hits_of(i) {
            let s = ix.hits.step[h];
            if s == NONE {
                continue;
            }
            let s = usize::from(s);
            let at = ix.hits.at[h];
            if first_hit[s] == u32::MAX {
                first_hit[s] = at;
            }
            max = max.max(Some(s));
            last = Some(s);
        }
        let Some(max) = max else { continue };
        reached_max[max] += 1;
        for s in 0..n.saturating_sub(1) {
            let (a, b) = (first_hit[s], first_hit[s + 1]);
            if a != u32::MAX && b != u32::MAX && b >= a {
                to_next[s].push(b - a);
            }
        }
        if status == InstanceStatus::Abandoned
            && let Some(last) = last
        {
            abandoned_here[last] += 1;
            let arrived = first_hit[last];
            waits[last].push(ix.instances.last[i].saturating_sub(arrived));
        }
    }
    // reached(s) = runs whose furthest step is s or later.
    let mut reached = vec![0u64; n + 1];
    for s in (0..n).rev() {
        reached[s] = reached[s + 1] + reached_max[s];
    }
    let steps = journey
        .steps
        .iter()
        .enumerate()
        .map(|(s, info)| {
            let next = if s + 1 < n {
                reached[s + 1]
            } else {
                reached[s]
            };
            FunnelStep {
                step: info.id.clone(),
                name: info.name.clone(),
                phase: info.phase.clone(),
                reached: reached[s],
                dropped: reached[s] - next.min(reached[s]),
                share: if runs > 0 {
                    reached[s] as f64 / runs as f64
                } else {
                    0.0
                },
                to_next_median: quantile(&mut to_next[s], 0.5),
                to_next_p90: quantile(&mut to_next[s], 0.9),
                abandoned_here: abandoned_here[s],
                abandoned_wait_median: quantile(&mut waits[s], 0.5),
            }
        })
        .collect();
    Funnel {
        journey: journey.id.clone(),
        runs,
        completed,
        abandoned,
        active,
        steps,
    }
}

/// The `q` quantile (nearest rank: the smallest value with at least `q` of the values at or
/// below it), `None` for no values.
pub fn quantile(values: &mut [u32], q: f64) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1;
    let (_, v, _) = values.select_nth_unstable(rank);
    Some(u64::from(*v))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// Customers (cases) or runs that took it.
    pub count: u64,
    pub share: f64,
    pub path: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variants {
    /// Cases counted (customers with at least one event, or runs).
    pub cases: u64,
    /// Distinct variants among them.
    pub distinct: u64,
    pub top: Vec<Variant>,
    /// The variants not in `top`, as one "others" row: how many paths, and their cases.
    pub others: Others,
}

/// The variants left out of a top list, together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Others {
    pub paths: u64,
    pub cases: u64,
}

impl Variants {
    fn new(cases: u64, distinct: u64, top: Vec<Variant>) -> Variants {
        let shown: u64 = top.iter().map(|v| v.count).sum();
        Variants {
            others: Others {
                paths: distinct.saturating_sub(top.len() as u64),
                cases: cases.saturating_sub(shown),
            },
            cases,
            distinct,
            top,
        }
    }
}

/// The `k` most common sequences of event names, over the customers the filter keeps
/// (persona, channel; a period keeps customers first seen in it).
pub fn activity_variants(ix: &Index, filter: &Filter, k: usize) -> Variants {
    let mut counts = vec![0u32; ix.variant_example.len()];
    let mut cases = 0u64;
    let cc = &ix.customers;
    for c in 0..ix.customer_count() {
        if cc.event_start[c] == cc.event_start[c + 1]
            || !filter.customer(ix, c)
            || !filter.in_period(cc.first_seen[c])
        {
            continue;
        }
        counts[cc.variant[c] as usize] += 1;
        cases += 1;
    }
    let distinct = counts.iter().filter(|&&n| n > 0).count() as u64;
    let top = top_k(&counts, k)
        .into_iter()
        .map(|(v, n)| Variant {
            count: n,
            share: n as f64 / cases.max(1) as f64,
            path: ix
                .variant_names(v as u32)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    Variants::new(cases, distinct, top)
}

/// The indices and counts of the `k` largest counts, largest first (ties by index).
fn top_k(counts: &[u32], k: usize) -> Vec<(usize, u64)> {
    let mut nonzero: Vec<(usize, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, &n)| (i, n))
        .collect();
    let by = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if nonzero.len() > k && k > 0 {
        nonzero.select_nth_unstable_by(k - 1, by);
        nonzero.truncate(k);
    }
    nonzero.sort_by(by);
    nonzero.truncate(k);
    nonzero
        .into_iter()
        .map(|(i, n)| (i, u64::from(n)))
        .collect()
}

/// The `k` most common sequences of steps (repeats of a step in a row merged) among the runs
/// of journey `j` the filter keeps.
pub fn step_variants(ix: &Index, filter: &Filter, j: u16, k: usize) -> Variants {
    let filter = Filter {
        journey: Some(j),
        ..*filter
    };
    let mut ids: HashMap<Vec<u16>, usize> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut cases = 0;
    for i in 0..ix.instances.customer.len() {
        if !filter.instance(ix, i) {
            continue;
        }
        let mut path: Vec<u16> = Vec::new();
        for h in ix.hits_of(i) {
            let s = ix.hits.step[h];
            if s != NONE && path.last() != Some(&s) {
                path.push(s);
            }
        }
        cases += 1;
        let next = ids.len();
        let id = *ids.entry(path).or_insert(next);
        if id == counts.len() {
            counts.push(0);
        }
        counts[id] += 1;
    }
    let mut paths: Vec<Vec<u16>> = vec![Vec::new(); ids.len()];
    for (p, id) in ids {
        paths[id] = p;
    }
    let steps = &ix.journeys[usize::from(j)].steps;
    Variants::new(
        cases,
        paths.len() as u64,
        top_k(&counts, k)
            .into_iter()
            .map(|(v, n)| Variant {
                count: n,
                share: n as f64 / cases.max(1) as f64,
                path: paths[v]
                    .iter()
                    .map(|&s| steps[usize::from(s)].id.clone())
                    .collect(),
            })
            .collect(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviationKind {
    /// Forward past one or more designed steps.
    Skip,
    /// Back to an earlier step.
    Back,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deviation {
    pub from: String,
    pub to: String,
    pub kind: DeviationKind,
    /// Runs with this transition at least once.
    pub runs: u64,
    pub share: f64,
}

/// Transitions against the designed order in the runs of journey `j`, most common first.
pub fn deviations(ix: &Index, filter: &Filter, j: u16) -> Vec<Deviation> {
    let filter = Filter {
        journey: Some(j),
        ..*filter
    };
    let mut counts: HashMap<(u16, u16), u64> = HashMap::new();
    let mut runs = 0u64;
    let mut seen: Vec<(u16, u16)> = Vec::new();
    for i in 0..ix.instances.customer.len() {
        if !filter.instance(ix, i) {
            continue;
        }
        runs += 1;
        seen.clear();
        let mut prev: Option<u16> = None;
        for h in ix.hits_of(i) {
            let s = ix.hits.step[h];
            if s == NONE {
                continue;
            }
            if let Some(p) = prev
                && (s > p + 1 || s < p)
                && !seen.contains(&(p, s))
            {
                seen.push((p, s));
            }
            prev = Some(s);
        }
        for &t in &seen {
            *counts.entry(t).or_default() += 1;
        }
    }
    let steps = &ix.journeys[usize::from(j)].steps;
    let mut out: Vec<Deviation> = counts
        .into_iter()
        .map(|((a, b), n)| Deviation {
            from: steps[usize::from(a)].id.clone(),
            to: steps[usize::from(b)].id.clone(),
            kind: if b > a {
                DeviationKind::Skip
            } else {
                DeviationKind::Back
            },
            runs: n,
            share: n as f64 / runs.max(1) as f64,
        })
        .collect();
    out.sort_by(|a, b| {
        b.runs
            .cmp(&a.runs)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let mut v = vec![5, 1, 4, 2, 3];
        assert_eq!(quantile(&mut v, 0.5), Some(3));
        assert_eq!(quantile(&mut v, 0.9), Some(5));
        assert_eq!(quantile(&mut [], 0.5), None);
    }

    #[test]
    fn top_k_breaks_ties_by_index() {
        assert_eq!(top_k(&[3, 0, 5, 3, 1], 3), vec![(2, 5), (0, 3), (3, 3)]);
    }
}
