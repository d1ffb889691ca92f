//! Experience scores: CSAT, NPS and CES per touchpoint × persona × period.
//!
//! - **CSAT** (1–5): the mean, and the top-2-box share (answers of 4 or 5).
//! - **NPS** (0–10): % promoters (9–10) − % detractors (0–6), with a 95% interval from the
//!   variance of the difference of two proportions of one sample:
//!   `Var = (p + d − (p − d)²) / n`, `NPS ± 1.96·√Var·100`.
//! - **CES** (1–7, higher = easier): the mean, and the share of 5–7 ("easy").
//!
//! CSAT and CES means carry a normal 95% interval (`± 1.96·s/√n`). A score from fewer
//! answers than the minimum (30 by default, [`ScoreOptions`]) is kept but marked
//! [`Score::enough`] = false, so views show "too few answers" instead of a number that
//! would move with the next answer.

use serde::Serialize;
use stig_model::SurveyKind;

use crate::filter::{Filter, Months};
use crate::index::{Index, NONE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreOptions {
    pub min_answers: u32,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions { min_answers: 30 }
    }
}

/// Answers of one kind, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub n: u32,
    pub sum: f64,
    pub sum_sq: f64,
    /// CSAT 4–5, CES 5–7, NPS promoters (9–10).
    pub high: u32,
    /// NPS detractors (0–6).
    pub low: u32,
}

impl Tally {
    pub fn add(&mut self, kind: SurveyKind, score: f64) {
        self.n += 1;
        self.sum += score;
        self.sum_sq += score * score;
        match kind {
            SurveyKind::Nps => {
                if score >= 9.0 {
                    self.high += 1;
                } else if score <= 6.0 {
                    self.low += 1;
                }
            }
            SurveyKind::Csat => self.high += u32::from(score >= 4.0),
            SurveyKind::Ces => self.high += u32::from(score >= 5.0),
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
        self.high += o.high;
        self.low += o.low;
    }

    pub fn score(&self, kind: SurveyKind, opts: ScoreOptions) -> Score {
        let n = f64::from(self.n);
        let mean = if self.n > 0 { self.sum / n } else { 0.0 };
        let (value, half) = match kind {
            SurveyKind::Nps => {
                let (p, d) = if self.n > 0 {
                    (f64::from(self.high) / n, f64::from(self.low) / n)
                } else {
                    (0.0, 0.0)
                };
                let var = if self.n > 0 {
                    (p + d - (p - d).powi(2)) / n
                } else {
                    0.0
                };
                (100.0 * (p - d), 196.0 * var.max(0.0).sqrt())
            }
            SurveyKind::Csat | SurveyKind::Ces => {
                let var = if self.n > 1 {
                    ((self.sum_sq - n * mean * mean) / (n - 1.0)).max(0.0)
                } else {
                    0.0
                };
                (mean, 1.96 * (var / n.max(1.0)).sqrt())
            }
        };
        Score {
            kind,
            n: self.n,
            value,
            low: value - half,
            high: value + half,
            mean,
            high_share: if self.n > 0 {
                f64::from(self.high) / n
            } else {
                0.0
            },
            low_share: if self.n > 0 {
                f64::from(self.low) / n
            } else {
                0.0
            },
            enough: self.n >= opts.min_answers.max(1),
        }
    }
}

/// One score with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    #[serde(serialize_with = "kind_str")]
    pub kind: SurveyKind,
    /// Answers.
    pub n: u32,
    /// NPS (−100…100), CSAT mean (1–5) or CES mean (1–7).
    pub value: f64,
    /// The 95% interval.
    pub low: f64,
    pub high: f64,
    /// The mean answer (for NPS, on 0–10).
    pub mean: f64,
    /// CSAT top-2-box, CES "easy" share, NPS promoters' share.
    pub high_share: f64,
    /// NPS detractors' share (0 for CSAT and CES).
    pub low_share: f64,
    /// Whether `n` reaches the minimum sample.
    pub enough: bool,
}

fn kind_str<S: serde::Serializer>(k: &SurveyKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

/// Scores of one touchpoint: all customers, and per persona (in `Index::personas` order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TouchpointScores {
    pub touchpoint: String,
    pub name: String,
    pub owner: &'static str,
    pub all: Score,
    pub by_persona: Vec<Score>,
}

/// Every touchpoint's score of `kind` (those with at least one answer), overall and per
/// persona. One pass over the answers.
pub fn by_touchpoint(
    ix: &Index,
    filter: &Filter,
    kind: SurveyKind,
    opts: ScoreOptions,
) -> Vec<TouchpointScores> {
    let personas = ix.personas.len();
    let width = personas + 1;
    let mut grid = vec![Tally::default(); ix.touchpoints.len() * width];
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        let t = fb.touchpoint[f];
        if fb.kind[f] != kind || t == NONE || !filter.feedback(ix, f) {
            continue;
        }
        let p = ix.customers.persona[fb.customer[f] as usize];
        let row = usize::from(t) * width;
        let col = if p == NONE { personas } else { usize::from(p) };
        grid[row + col].add(kind, f64::from(fb.score[f]));
    }
    (0..ix.touchpoints.len())
        .filter_map(|t| {
            let row = &grid[t * width..(t + 1) * width];
            let mut all = Tally::default();
            row.iter().for_each(|x| all.merge(x));
            (all.n > 0).then(|| TouchpointScores {
                touchpoint: ix.touchpoints[t].clone(),
                name: ix.touchpoint_names[t].clone(),
                owner: ix.touchpoint_owner[t],
                all: all.score(kind, opts),
                by_persona: row[..personas]
                    .iter()
                    .map(|x| x.score(kind, opts))
                    .collect(),
            })
        })
        .collect()
}

/// One month's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub month: String,
    pub score: Score,
}

/// A score of `kind` per month (of `touchpoint`, or of every answer), months without an
/// answer left out.
pub fn trend(
    ix: &Index,
    filter: &Filter,
    kind: SurveyKind,
    touchpoint: Option<u16>,
    opts: ScoreOptions,
) -> Vec<Point> {
    let months = Months::new(ix);
    let mut tallies = vec![Tally::default(); months.len()];
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if fb.kind[f] != kind
            || touchpoint.is_some_and(|t| fb.touchpoint[f] != t)
            || !filter.feedback(ix, f)
        {
            continue;
        }
        tallies[months.of(fb.at[f])].add(kind, f64::from(fb.score[f]));
    }
    tallies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.n > 0)
        .map(|(m, t)| Point {
            month: months.label(m),
            score: t.score(kind, opts),
        })
        .collect()
}

/// All answers of `kind` under the filter, as one score.
pub fn overall(ix: &Index, filter: &Filter, kind: SurveyKind, opts: ScoreOptions) -> Score {
    let mut t = Tally::default();
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if fb.kind[f] == kind && filter.feedback(ix, f) {
            t.add(kind, f64::from(fb.score[f]));
        }
    }
    t.score(kind, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_and_its_interval() {
        let mut t = Tally::default();
        // 50 promoters, 30 passives, 20 detractors: NPS 30.
        for (score, k) in [(10.0, 50), (7.0, 30), (3.0, 20)] {
            for _ in 0..k {
                t.add(SurveyKind::Nps, score);
            }
        }
        let s = t.score(SurveyKind::Nps, ScoreOptions::default());
        assert!((s.value - 30.0).abs() < 1e-9);
        // Var = (0.5 + 0.2 − 0.09) / 100 = 0.0061 → half-width 1.96·0.0781·100 = 15.31
        assert!((s.high - s.value - 15.308).abs() < 0.01, "{s:?}");
        assert!(s.enough);
    }

    #[test]
    fn csat_top_two_box_and_too_few_answers() {
        let mut t = Tally::default();
        for score in [5.0, 4.0, 3.0, 1.0] {
            t.add(SurveyKind::Csat, score);
        }
        let s = t.score(SurveyKind::Csat, ScoreOptions::default());
        assert_eq!(s.value, 3.25);
        assert_eq!(s.high_share, 0.5);
        assert!(!s.enough);
        assert!(s.low < s.value && s.value < s.high);
    }
}
