//! The respondent table driver analysis needs, from the index's answers.
//!
//! A *respondent* is one customer in one journey run (or the customer, for answers given
//! outside any run, as survey imports are). Their predictors are their ratings of every other
//! touchpoint (the mean if they rated it more than once), their outcome their answer to the
//! outcome question — e.g. the NPS question, or an "overall" CSAT — on its own scale.

use std::collections::HashMap;

use serde::Serialize;
use stig_model::SurveyKind;

use crate::drivers::{
    DriverError, DriverInput, DriverOptions, DriverRow, Drivers, emotional_share, quadrants,
    relative_weights,
};
use crate::filter::Filter;
use crate::index::{Index, NONE};

/// The question whose answers are explained: a touchpoint's answers of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Outcome {
    pub touchpoint: u16,
    pub kind: SurveyKind,
}

impl Outcome {
    /// `airport:nps`, as URLs and the API name it.
    pub fn key(&self, ix: &Index) -> String {
        format!(
            "{}:{}",
            ix.touchpoints[usize::from(self.touchpoint)],
            self.kind.as_str()
        )
    }

    pub fn parse(ix: &Index, key: &str) -> Option<Outcome> {
        let (t, k) = key.rsplit_once(':')?;
        let kind = match k {
            "nps" => SurveyKind::Nps,
            "csat" => SurveyKind::Csat,
            "ces" => SurveyKind::Ces,
            _ => return None,
        };
        Some(Outcome {
            touchpoint: ix.touchpoint_index(t)?,
            kind,
        })
    }
}

/// The questions that can serve as outcome, with their answers: NPS questions first, then
/// by answers.
pub fn outcomes(ix: &Index, filter: &Filter) -> Vec<(Outcome, u32)> {
    let mut counts: HashMap<Outcome, u32> = HashMap::new();
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if fb.touchpoint[f] != NONE && filter.feedback(ix, f) {
            *counts
                .entry(Outcome {
                    touchpoint: fb.touchpoint[f],
                    kind: fb.kind[f],
                })
                .or_default() += 1;
        }
    }
    let mut out: Vec<(Outcome, u32)> = counts.into_iter().collect();
    out.sort_by_key(|(o, n)| {
        (
            o.kind != SurveyKind::Nps,
            std::cmp::Reverse(*n),
            o.touchpoint,
        )
    });
    out
}

/// Predictor names are `touchpoint` ids (with `:kind` when a touchpoint is rated on two
/// scales).
pub fn driver_input(ix: &Index, filter: &Filter, outcome: Outcome) -> DriverInput {
    let fb = &ix.feedback;
    // Predictor columns: every (touchpoint, kind) answered, but the outcome's touchpoint.
    let mut columns: Vec<(u16, SurveyKind)> = Vec::new();
    let mut column_of: HashMap<(u16, SurveyKind), usize> = HashMap::new();
    let mut rows: HashMap<(u32, u32), usize> = HashMap::new();
    let mut sums: Vec<Vec<(f64, u32)>> = Vec::new();
    let mut outcome_sums: Vec<(f64, u32)> = Vec::new();
    for f in 0..fb.at.len() {
        let t = fb.touchpoint[f];
        if t == NONE || !filter.feedback(ix, f) {
            continue;
        }
        let key = (fb.customer[f], fb.instance[f]);
        let next = rows.len();
        let row = *rows.entry(key).or_insert(next);
        if row == sums.len() {
            sums.push(Vec::new());
            outcome_sums.push((0.0, 0));
        }
        let score = f64::from(fb.score[f]);
        if t == outcome.touchpoint {
            if fb.kind[f] == outcome.kind {
                outcome_sums[row].0 += score;
                outcome_sums[row].1 += 1;
            }
            continue;
        }
        let col_key = (t, fb.kind[f]);
        let next = columns.len();
        let col = *column_of.entry(col_key).or_insert(next);
        if col == columns.len() {
            columns.push(col_key);
        }
        let cells = &mut sums[row];
        if cells.len() <= col {
            cells.resize(col + 1, (0.0, 0));
        }
        cells[col].0 += score;
        cells[col].1 += 1;
    }
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&c| (columns[c].0, columns[c].1.as_str()));
    let two_scales = |t: u16| columns.iter().filter(|c| c.0 == t).count() > 1;
    let predictors = order
        .iter()
        .map(|&c| {
            let (t, kind) = columns[c];
            let id = &ix.touchpoints[usize::from(t)];
            if two_scales(t) {
                format!("{id}:{}", kind.as_str())
            } else {
                id.clone()
            }
        })
        .collect();
    // Respondents in the order first seen, so the table is the same run to run.
    let mut by_row: Vec<((u32, u32), usize)> = rows.into_iter().collect();
    by_row.sort_by_key(|&(_, r)| r);
    let rows = by_row
        .into_iter()
        .filter(|&(_, r)| outcome_sums[r].1 > 0)
        .map(|(_, r)| DriverRow {
            values: order
                .iter()
                .map(|&c| {
                    sums[r]
                        .get(c)
                        .filter(|(_, n)| *n > 0)
                        .map(|(s, n)| s / f64::from(*n))
                })
                .collect(),
            outcome: outcome_sums[r].0 / f64::from(outcome_sums[r].1),
        })
        .collect();
    DriverInput { predictors, rows }
}

/// Driver analysis with its importance–performance quadrants and the emotional share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverReport {
    pub outcome: String,
    pub drivers: Drivers,
    pub quadrants: Vec<(String, crate::drivers::Quadrant)>,
    /// (emotional, functional) shares of the explained satisfaction.
    pub emotional: Option<(f64, f64)>,
}

pub fn driver_report(
    ix: &Index,
    filter: &Filter,
    outcome: Outcome,
    opts: &DriverOptions,
) -> Result<DriverReport, DriverError> {
    let input = driver_input(ix, filter, outcome);
    let drivers = relative_weights(&input, opts)?;
    let emotional = emotional_share(&drivers, |p| {
        let id = p.split(':').next().unwrap_or(p);
        ix.touchpoint_index(id)
            .and_then(|t| ix.touchpoint_emotional[usize::from(t)])
    });
    Ok(DriverReport {
        outcome: outcome.key(ix),
        quadrants: quadrants(&drivers),
        drivers,
        emotional,
    })
}
