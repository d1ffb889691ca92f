//! The respondent table driver analysis needs, from the index's answers.
//!
//! A *respondent* is one customer in one journey run, or the customer when the outcome is
//! mostly answered outside runs (a relationship NPS, a survey import). Their predictors are their ratings of every other
//! touchpoint (the mean if they rated it more than once), their outcome their answer to the
//! outcome question — e.g. the NPS question, or an "overall" CSAT — on its own scale.
//!
//! Which question is the outcome is chosen, never guessed from answer counts (the most
//! answered question is usually a touchpoint, and explaining it by the overall judgement
//! turns the analysis upside down). [`default_outcome`] takes, in order: the workspace's
//! `drivers_outcome` setting; the *overall* answers — answers about a whole journey rather
//! than a touchpoint, as a survey mapping's `journey = …` question without `touchpoint`
//! gives; the one touchpoint whose survey is an NPS question (likelihood to recommend judges
//! the whole). When none applies, the reader picks one.

use std::collections::HashMap;

use serde::Serialize;
use stig_model::{SurveyKind, Workspace};

use crate::drivers::{
    DriverError, DriverInput, DriverOptions, DriverRow, Drivers, Limits, emotional_share, limits,
    quadrants, relative_weights,
};
use crate::filter::Filter;
use crate::index::{Index, NONE};

/// How the outcome of answers about no touchpoint (a whole journey) is named.
pub const OVERALL: &str = "overall";

/// The question whose answers are explained: a touchpoint's answers of one kind, or with
/// `touchpoint` = [`NONE`] the overall answers (about a whole journey, not a touchpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Outcome {
    pub touchpoint: u16,
    pub kind: SurveyKind,
}

impl Outcome {
    pub fn is_overall(&self) -> bool {
        self.touchpoint == NONE
    }

    /// `airport:nps` or `overall:csat`, as URLs and the API name it.
    pub fn key(&self, ix: &Index) -> String {
        let id = if self.is_overall() {
            OVERALL
        } else {
            ix.touchpoints[usize::from(self.touchpoint)].as_str()
        };
        format!("{id}:{}", self.kind.as_str())
    }

    /// The touchpoint's name (`None` for the overall answers: the caller says "overall" in
    /// its language).
    pub fn touchpoint_name<'a>(&self, ix: &'a Index) -> Option<&'a str> {
        (!self.is_overall()).then(|| ix.touchpoint_names[usize::from(self.touchpoint)].as_str())
    }

    /// A key as [`Outcome::key`] writes it (scale required); see [`resolve`] for what people
    /// write.
    pub fn parse(ix: &Index, key: &str) -> Option<Outcome> {
        let (t, k) = key.rsplit_once(':')?;
        let kind = parse_kind(k)?;
        let touchpoint = match ix.touchpoint_index(t) {
            Some(t) => t,
            None if t == OVERALL => NONE,
            None => return None,
        };
        Some(Outcome { touchpoint, kind })
    }
}

fn parse_kind(k: &str) -> Option<SurveyKind> {
    match k.trim() {
        "nps" => Some(SurveyKind::Nps),
        "csat" => Some(SurveyKind::Csat),
        "ces" => Some(SurveyKind::Ces),
        _ => None,
    }
}

/// An outcome that names nothing answered, with the reason for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeError {
    /// What was asked for, as written.
    pub outcome: String,
    pub message: String,
}

impl std::fmt::Display for OutcomeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "outcome `{}`: {}", self.outcome, self.message)
    }
}

impl std::error::Error for OutcomeError {}

/// The kinds answered about touchpoint `t` (any filter), most answered first (ties: NPS, CSAT,
/// CES): a touchpoint's main scale is the one most of its answers are on.
fn kinds_answered(ix: &Index, t: u16) -> Vec<SurveyKind> {
    let fb = &ix.feedback;
    let mut counts = [0usize; 3];
    let order = [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces];
    for f in 0..fb.at.len() {
        if fb.touchpoint[f] == t
            && let Some(k) = order.iter().position(|&k| k == fb.kind[f])
        {
            counts[k] += 1;
        }
    }
    let mut kinds: Vec<(usize, SurveyKind)> = order
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| counts[i] > 0)
        .collect();
    kinds.sort_by_key(|&(i, _)| std::cmp::Reverse(counts[i]));
    kinds.into_iter().map(|(_, k)| k).collect()
}

/// An outcome as people write it: a touchpoint id or `overall`, optionally with `:nps`,
/// `:csat` or `:ces`. Without a scale: the touchpoint's main scale (most of its answers). It must have
/// answers (under any filter): an outcome nobody answered is an error naming what exists.
pub fn resolve(ix: &Index, text: &str) -> Result<Outcome, OutcomeError> {
    let text = text.trim();
    let err = |message: String| OutcomeError {
        outcome: text.to_owned(),
        message,
    };
    let (id, kind) = match text.rsplit_once(':') {
        Some((id, k)) => {
            let kind = parse_kind(k)
                .ok_or_else(|| err(format!("scale `{k}` is not one of nps, csat, ces")))?;
            (id.trim(), Some(kind))
        }
        None => (text, None),
    };
    let known = || {
        let all = outcomes(ix, &Filter::default());
        if all.is_empty() {
            "none: this workspace has no answers yet".to_owned()
        } else {
            all.iter()
                .map(|(o, _)| o.key(ix))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let touchpoint = match ix.touchpoint_index(id) {
        Some(t) => t,
        None if id == OVERALL => NONE,
        None => {
            return Err(err(format!(
                "no touchpoint `{id}` in this workspace (outcomes with answers: {})",
                known()
            )));
        }
    };
    let answered = kinds_answered(ix, touchpoint);
    let kind = match kind {
        Some(k) if answered.contains(&k) => k,
        Some(k) => {
            return Err(err(format!(
                "nobody has answered `{id}` on the {} scale (outcomes with answers: {})",
                k.as_str(),
                known()
            )));
        }
        None => *answered.first().ok_or_else(|| {
            err(format!(
                "nobody has answered `{id}` yet (outcomes with answers: {})",
                known()
            ))
        })?,
    };
    Ok(Outcome { touchpoint, kind })
}

/// Why an outcome is the one explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeSource {
    /// Asked for (`?outcome=`, `--outcome`, the page's select).
    Chosen,
    /// The workspace's `drivers_outcome` setting.
    Setting,
    /// The answers about a whole journey.
    Overall,
    /// The one touchpoint with an NPS survey.
    Nps,
}

/// The outcome explained when none is asked for (see the module documentation), or `None`
/// when nothing marks one. A `drivers_outcome` setting that names nothing answered is an
/// error, so a typo is not silently replaced by another question.
pub fn default_outcome(
    ws: &Workspace,
    ix: &Index,
) -> Result<Option<(Outcome, OutcomeSource)>, OutcomeError> {
    if let Some(setting) = ws.settings.drivers_outcome.as_deref() {
        return resolve(ix, setting)
            .map(|o| Some((o, OutcomeSource::Setting)))
            .map_err(|e| OutcomeError {
                message: format!("the `drivers_outcome` setting: {}", e.message),
                ..e
            });
    }
    if let Some(&kind) = kinds_answered(ix, NONE).first() {
        return Ok(Some((
            Outcome {
                touchpoint: NONE,
                kind,
            },
            OutcomeSource::Overall,
        )));
    }
    let nps: Vec<u16> = ws
        .touchpoints
        .iter()
        .filter(|t| t.survey.as_ref().is_some_and(|s| s.kind == SurveyKind::Nps))
        .filter_map(|t| ix.touchpoint_index(&t.id))
        .filter(|&t| kinds_answered(ix, t).contains(&SurveyKind::Nps))
        .collect();
    Ok(match nps.as_slice() {
        [t] => Some((
            Outcome {
                touchpoint: *t,
                kind: SurveyKind::Nps,
            },
            OutcomeSource::Nps,
        )),
        _ => None,
    })
}

/// The outcome asked for (`Some(text)`), else the default: what the drivers page, the API,
/// `stig report` and the findings all explain.
pub fn choose_outcome(
    ws: &Workspace,
    ix: &Index,
    asked: Option<&str>,
) -> Result<Option<(Outcome, OutcomeSource)>, OutcomeError> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => resolve(ix, text).map(|o| Some((o, OutcomeSource::Chosen))),
        None => default_outcome(ws, ix),
    }
}

/// The questions that can serve as outcome, with their answers: overall answers first, then
/// NPS questions, then by answers (an order for a list to pick from, not a choice).
pub fn outcomes(ix: &Index, filter: &Filter) -> Vec<(Outcome, u32)> {
    let mut counts: HashMap<Outcome, u32> = HashMap::new();
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if filter.feedback(ix, f) {
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
            !o.is_overall(),
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
    // An outcome mostly answered outside journey runs (a relationship NPS, a survey import's
    // overall question) is about the customer: then a respondent is the customer, with their
    // ratings from every run, else the runs' ratings would never meet the outcome's.
    let (mut in_runs, mut outside) = (0usize, 0usize);
    for f in 0..fb.at.len() {
        if fb.touchpoint[f] == outcome.touchpoint && fb.kind[f] == outcome.kind {
            if fb.instance[f] == u32::MAX {
                outside += 1;
            } else {
                in_runs += 1;
            }
        }
    }
    let per_customer = outside > in_runs;
    for f in 0..fb.at.len() {
        let t = fb.touchpoint[f];
        // Overall answers are an outcome only, never a predictor.
        if (t == NONE && !outcome.is_overall()) || !filter.feedback(ix, f) {
            continue;
        }
        let key = if per_customer {
            (fb.customer[f], u32::MAX)
        } else {
            (fb.customer[f], fb.instance[f])
        };
        let next = rows.len();
        let row = *rows.entry(key).or_insert(next);
        if row == sums.len() {
            sums.push(Vec::new());
            outcome_sums.push((0.0, 0));
        }
        let score = f64::from(fb.score[f]);
        if t == outcome.touchpoint || t == NONE {
            if t == outcome.touchpoint && fb.kind[f] == outcome.kind {
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

/// Driver analysis with its importance–performance quadrants, the emotional share, whether
/// it may rank ([`Limits`]) and the same per persona.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverReport {
    /// The outcome's key (`airport:nps`, `overall:csat`).
    pub outcome: String,
    /// Why this outcome.
    pub outcome_source: OutcomeSource,
    pub drivers: Drivers,
    /// Positions on the importance–performance matrix; a `Fix` means "fix first" only when
    /// `limits` is `ranked`.
    pub quadrants: Vec<(String, crate::drivers::Quadrant)>,
    /// (emotional, functional) shares of the explained satisfaction.
    pub emotional: Option<(f64, f64)>,
    pub limits: Limits,
    /// Per persona (under the same filter), in the index's persona order; empty unless asked
    /// for ([`driver_report_by_persona`]).
    pub by_persona: Vec<PersonaDrivers>,
}

/// One persona's driver analysis, or how many answers it lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonaDrivers {
    pub persona: String,
    /// Respondents of this persona with an outcome answer.
    pub rows: usize,
    /// Of them, how many rated the touchpoint rated most often: an analysis needs `needed`
    /// of both.
    pub answers: usize,
    pub needed: usize,
    /// `needed − answers` when no analysis could be made, else 0.
    pub missing: usize,
    /// The analysis when there were enough rows and it could be run.
    pub drivers: Option<Drivers>,
    pub limits: Option<Limits>,
}

pub fn driver_report(
    ix: &Index,
    filter: &Filter,
    outcome: Outcome,
    source: OutcomeSource,
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
        outcome_source: source,
        quadrants: quadrants(&drivers),
        limits: limits(&drivers, opts.bootstrap > 0),
        drivers,
        emotional,
        by_persona: Vec::new(),
    })
}

/// [`driver_report`] with its per-persona breakdown (empty when the filter already picks a
/// persona: the report is that persona's).
pub fn driver_report_by_persona(
    ix: &Index,
    filter: &Filter,
    outcome: Outcome,
    source: OutcomeSource,
    opts: &DriverOptions,
) -> Result<DriverReport, DriverError> {
    let mut report = driver_report(ix, filter, outcome, source, opts)?;
    if filter.persona.is_none() {
        report.by_persona = (0..ix.personas.len() as u16)
            .map(|p| persona_drivers(ix, filter, outcome, p, opts))
            .collect();
    }
    Ok(report)
}

fn persona_drivers(
    ix: &Index,
    filter: &Filter,
    outcome: Outcome,
    p: u16,
    opts: &DriverOptions,
) -> PersonaDrivers {
    let filter = Filter {
        persona: Some(p),
        ..*filter
    };
    let input = driver_input(ix, &filter, outcome);
    let needed = opts.min_answers.max(3);
    let rows = input.rows.len();
    let drivers = (rows >= needed)
        .then(|| relative_weights(&input, opts).ok())
        .flatten();
    // Enough respondents but no touchpoint rated by enough of them: what is missing then is
    // ratings of the best-rated touchpoint.
    let best_rated = (0..input.predictors.len())
        .map(|j| input.rows.iter().filter(|r| r.values[j].is_some()).count())
        .max()
        .unwrap_or(0);
    let answers = rows.min(best_rated);
    let missing = if drivers.is_some() {
        0
    } else {
        needed.saturating_sub(answers)
    };
    PersonaDrivers {
        persona: ix.personas[usize::from(p)].clone(),
        rows,
        answers,
        needed,
        missing,
        limits: drivers.as_ref().map(|d| limits(d, opts.bootstrap > 0)),
        drivers,
    }
}
