//! Findings: a ranked list of gaps, weaknesses and opportunities, each with its evidence.
//!
//! Every rule reads the design (the workspace) and what customers did and said (the index)
//! and yields findings with a severity (0…1, how much it matters: size of the gap times how
//! many customers it touches), the numbers behind it as named arguments, and what to link to.
//! Sentences are not made here: views put the arguments into a localized message per kind
//! (`finding-<kind>` in the server's locales), so the web app, the API and the report say the
//! same thing in the reader's language.

use std::collections::BTreeMap;

use serde::Serialize;
use stig_model::Workspace;

use crate::drivers::{DriverOptions, Quadrant};
use crate::emotion::{self, normalize};
use crate::filter::Filter;
use crate::index::{Index, NONE};
use crate::observed;
use crate::respondents::{self, Outcome};
use crate::scores::ScoreOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A phase of a journey where no touchpoint exists, or where a persona leaves no trace.
    PhaseWithoutTouchpoints,
    /// Nothing reaches customers after the journey's main event.
    NoFollowUp,
    /// A touchpoint that matters much for overall satisfaction and scores low.
    FixFirst,
    /// Measured emotion far below the designed one at a step.
    EmotionGap,
    /// Where abandoned runs stop.
    StuckPoint,
    /// A partner- or public-owned touchpoint scoring well below the rest.
    PartnerDrag,
    /// A persona unhappy in one phase.
    UnhappyPhase,
    /// Churn concentrated after one step.
    ChurnAfterStep,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::PhaseWithoutTouchpoints => "phase-without-touchpoints",
            FindingKind::NoFollowUp => "no-follow-up",
            FindingKind::FixFirst => "fix-first",
            FindingKind::EmotionGap => "emotion-gap",
            FindingKind::StuckPoint => "stuck-point",
            FindingKind::PartnerDrag => "partner-drag",
            FindingKind::UnhappyPhase => "unhappy-phase",
            FindingKind::ChurnAfterStep => "churn-after-step",
        }
    }
}

/// A value a finding's message refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Number(f64),
}

/// Which view holds the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "view", rename_all = "kebab-case")]
pub enum Evidence {
    Journey {
        journey: String,
    },
    Scores {
        touchpoint: String,
    },
    Emotion {
        journey: String,
        persona: Option<String>,
    },
    Drivers {
        outcome: String,
    },
    Funnel {
        journey: String,
    },
    Kpis,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// 0…1: how much it matters.
    pub severity: f64,
    /// Named values for the message (names of things, numbers).
    pub args: BTreeMap<&'static str, Arg>,
    pub evidence: Evidence,
}

fn text(s: &str) -> Arg {
    Arg::Text(s.to_owned())
}

fn round(x: f64, places: i32) -> Arg {
    let f = 10f64.powi(places);
    Arg::Number((x * f).round() / f)
}

/// Every finding under the filter, most severe first; "fix first" of the workspace's default
/// driver outcome ([`respondents::default_outcome`]).
pub fn findings(ws: &Workspace, ix: &Index, filter: &Filter, opts: ScoreOptions) -> Vec<Finding> {
    let outcome = respondents::default_outcome(ws, ix).ok().flatten();
    findings_for(ws, ix, filter, opts, outcome)
}

/// [`findings`] with "fix first" of `outcome` (`None`: no driver analysis, so no "fix first").
pub fn findings_for(
    ws: &Workspace,
    ix: &Index,
    filter: &Filter,
    opts: ScoreOptions,
    outcome: Option<(Outcome, respondents::OutcomeSource)>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let journeys: Vec<u16> = match filter.journey {
        Some(j) => vec![j],
        None => (0..ix.journeys.len() as u16).collect(),
    };
    for &j in &journeys {
        design_gaps(ws, ix, filter, j, &mut out);
        emotion_gaps(ix, filter, j, opts, &mut out);
        stuck_points(ix, filter, j, &mut out);
    }
    if let Some((outcome, source)) = outcome {
        fix_first(ix, filter, outcome, source, &mut out);
    }
    partner_drag(ix, filter, opts, &mut out);
    unhappy_phases(ws, ix, filter, opts, &mut out);
    churn_after_step(ix, filter, &mut out);
    out.sort_by(|a, b| b.severity.total_cmp(&a.severity).then(a.kind.cmp(&b.kind)));
    out
}

fn phase_name(ws: &Workspace, journey: &str, phase: &str) -> String {
    ws.journey(journey)
        .and_then(|j| j.phases.iter().find(|p| p.id == phase))
        .map_or_else(|| phase.to_owned(), |p| p.name.clone())
}

/// Phases without touchpoints (in the design, or for a persona in the data), and journeys
/// with no follow-up after their main event.
fn design_gaps(ws: &Workspace, ix: &Index, filter: &Filter, j: u16, out: &mut Vec<Finding>) {
    let info = &ix.journeys[usize::from(j)];
    let Some(journey) = ws.journey(&info.id) else {
        return;
    };
    let evidence = Evidence::Journey {
        journey: info.id.clone(),
    };
    // Hits per persona (+ unknown) and phase, from the runs.
    let phases: Vec<&str> = journey.phases.iter().map(|p| p.id.as_str()).collect();
    let personas = ix.personas.len();
    let mut hits = vec![0u64; (personas + 1) * phases.len()];
    let mut runs = vec![0u64; personas + 1];
    let run_filter = Filter {
        journey: Some(j),
        ..*filter
    };
    let (mut completed, mut completed_with_after) = (0u64, 0u64);
    let after = phases.last().copied();
    for i in 0..ix.instances.customer.len() {
        if !run_filter.instance(ix, i) {
            continue;
        }
        let p = ix.customers.persona[ix.instances.customer[i] as usize];
        let row = if p == NONE { personas } else { usize::from(p) };
        runs[row] += 1;
        let mut any_after = false;
        for h in ix.hits_of(i) {
            let s = ix.hits.step[h];
            if s == NONE {
                continue;
            }
            let phase = info.steps[usize::from(s)].phase.as_str();
            if let Some(k) = phases.iter().position(|&x| x == phase) {
                hits[row * phases.len() + k] += 1;
            }
            any_after |= Some(phase) == after;
        }
        if ix.instances.status[i] == stig_pipeline::customers::InstanceStatus::Completed {
            completed += 1;
            completed_with_after += u64::from(any_after);
        }
    }
    for (k, phase) in phases.iter().enumerate() {
        let touchpoints = info
            .steps
            .iter()
            .filter(|s| s.phase == *phase)
            .map(|s| s.touchpoints.len())
            .sum::<usize>();
        // An empty last phase is the missing follow-up, said once below.
        if touchpoints == 0 && k + 1 == phases.len() && phases.len() > 1 {
            continue;
        }
        if touchpoints == 0 {
            out.push(Finding {
                kind: FindingKind::PhaseWithoutTouchpoints,
                severity: 0.55,
                args: BTreeMap::from([
                    ("journey", text(&info.name)),
                    ("phase", text(&phase_name(ws, &info.id, phase))),
                    ("persona", text("")),
                ]),
                evidence: evidence.clone(),
            });
            continue;
        }
        for p in 0..personas {
            if filter.persona.is_some_and(|f| usize::from(f) != p) {
                continue;
            }
            let others: u64 = (0..personas)
                .filter(|&q| q != p)
                .map(|q| hits[q * phases.len() + k])
                .sum();
            if runs[p] >= 20 && hits[p * phases.len() + k] == 0 && others > 0 {
                out.push(Finding {
                    kind: FindingKind::PhaseWithoutTouchpoints,
                    severity: 0.5,
                    args: BTreeMap::from([
                        ("journey", text(&info.name)),
                        ("phase", text(&phase_name(ws, &info.id, phase))),
                        ("persona", text(ix.persona_name(p as u16))),
                        ("runs", Arg::Number(runs[p] as f64)),
                    ]),
                    evidence: evidence.clone(),
                });
            }
        }
    }
    // Follow-up: the last phase (after) needs touchpoints, and customers reaching them.
    if let Some(after) = after.filter(|_| phases.len() > 1) {
        let designed = info
            .steps
            .iter()
            .filter(|s| s.phase == after)
            .any(|s| !s.touchpoints.is_empty());
        let share = if completed > 0 {
            completed_with_after as f64 / completed as f64
        } else {
            0.0
        };
        if !designed || (completed >= 30 && share < 0.2) {
            out.push(Finding {
                kind: FindingKind::NoFollowUp,
                severity: if designed {
                    0.5 * (1.0 - share) + 0.1
                } else {
                    0.6
                },
                args: BTreeMap::from([
                    ("journey", text(&info.name)),
                    ("phase", text(&phase_name(ws, &info.id, after))),
                    ("share", round(share * 100.0, 0)),
                    ("completed", Arg::Number(completed as f64)),
                ]),
                evidence,
            });
        }
    }
}

fn emotion_gaps(ix: &Index, filter: &Filter, j: u16, opts: ScoreOptions, out: &mut Vec<Finding>) {
    let info = &ix.journeys[usize::from(j)];
    for curve in emotion::curves(ix, filter, j, opts) {
        for s in curve.flagged() {
            let (Some(m), Some(d)) = (s.measured, s.designed) else {
                continue;
            };
            let persona_name = curve
                .persona
                .as_deref()
                .and_then(|p| ix.persona_index(p))
                .map_or(String::new(), |p| ix.persona_name(p).to_owned());
            out.push(Finding {
                kind: FindingKind::EmotionGap,
                severity: (0.4 + (d - m) / 4.0).min(1.0),
                args: BTreeMap::from([
                    ("journey", text(&info.name)),
                    ("step", text(&s.name)),
                    ("persona", text(&persona_name)),
                    ("designed", round(d, 1)),
                    ("measured", round(m, 1)),
                    ("answers", Arg::Number(f64::from(s.answers))),
                ]),
                evidence: Evidence::Emotion {
                    journey: info.id.clone(),
                    persona: curve.persona.clone(),
                },
            });
        }
    }
}

fn stuck_points(ix: &Index, filter: &Filter, j: u16, out: &mut Vec<Finding>) {
    let f = observed::funnel(ix, filter, j);
    if f.runs < 20 {
        return;
    }
    for s in f.stuck_points().into_iter().take(3) {
        let share = s.abandoned_here as f64 / f.runs as f64;
        if share < 0.05 {
            continue;
        }
        out.push(Finding {
            kind: FindingKind::StuckPoint,
            severity: (0.3 + share).min(1.0),
            args: BTreeMap::from([
                ("journey", text(&ix.journeys[usize::from(j)].name)),
                ("step", text(&s.name)),
                ("abandoned", Arg::Number(s.abandoned_here as f64)),
                ("share", round(share * 100.0, 0)),
                (
                    "days",
                    round(s.abandoned_wait_median.unwrap_or(0) as f64 / 86_400.0, 1),
                ),
            ]),
            evidence: Evidence::Funnel {
                journey: f.journey.clone(),
            },
        });
    }
}

/// "Fix first" only where the driver analysis may rank ([`crate::drivers::limits`]): of the
/// outcome chosen as the drivers page and the report choose it, with bootstrap intervals, a
/// model explaining at least [`crate::drivers::MIN_R_SQUARED`] and a top driver standing apart.
fn fix_first(
    ix: &Index,
    filter: &Filter,
    outcome: Outcome,
    source: respondents::OutcomeSource,
    out: &mut Vec<Finding>,
) {
    let Ok(report) =
        respondents::driver_report(ix, filter, outcome, source, &DriverOptions::default())
    else {
        return;
    };
    // Importance is relative: with one or two predictors every one "matters".
    if report.drivers.drivers.len() < 3 || !report.limits.ranked() {
        return;
    }
    for (name, q) in &report.quadrants {
        if *q != Quadrant::Fix {
            continue;
        }
        let Some(d) = report.drivers.drivers.iter().find(|d| &d.predictor == name) else {
            continue;
        };
        let id = name.split(':').next().unwrap_or(name);
        let label = ix
            .touchpoint_index(id)
            .map_or(id, |t| ix.touchpoint_names[usize::from(t)].as_str());
        out.push(Finding {
            kind: FindingKind::FixFirst,
            severity: (0.5 + d.share).min(1.0),
            args: BTreeMap::from([
                ("touchpoint", text(label)),
                ("share", round(d.share * 100.0, 0)),
                ("performance", round(d.performance, 2)),
                ("outcome", text(&outcome_label(ix, outcome))),
                ("r2", round(report.drivers.r_squared * 100.0, 0)),
                ("n", Arg::Number(report.drivers.rows as f64)),
            ]),
            evidence: Evidence::Drivers {
                outcome: report.outcome.clone(),
            },
        });
    }
}

fn outcome_label(ix: &Index, o: Outcome) -> String {
    format!(
        "{} ({})",
        o.touchpoint_name(ix).unwrap_or(respondents::OVERALL),
        o.kind.as_str().to_uppercase()
    )
}

/// Mean normalized answer per touchpoint, and over all.
fn normalized_means(ix: &Index, filter: &Filter) -> (Vec<(f64, u32)>, f64) {
    let mut per = vec![(0.0, 0u32); ix.touchpoints.len()];
    let (mut sum, mut n) = (0.0, 0u32);
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        let t = fb.touchpoint[f];
        if t == NONE || !filter.feedback(ix, f) {
            continue;
        }
        let v = normalize(fb.kind[f], f64::from(fb.score[f]));
        per[usize::from(t)].0 += v;
        per[usize::from(t)].1 += 1;
        sum += v;
        n += 1;
    }
    (per, if n > 0 { sum / f64::from(n) } else { 0.0 })
}

fn partner_drag(ix: &Index, filter: &Filter, opts: ScoreOptions, out: &mut Vec<Finding>) {
    let (per, overall) = normalized_means(ix, filter);
    for (t, &(sum, n)) in per.iter().enumerate() {
        let owner = ix.touchpoint_owner[t];
        if owner == "own" || n < opts.min_answers.max(1) {
            continue;
        }
        let mean = sum / f64::from(n);
        if mean < overall - 0.3 {
            out.push(Finding {
                kind: FindingKind::PartnerDrag,
                severity: (0.3 + (overall - mean) / 2.0).min(1.0),
                args: BTreeMap::from([
                    ("touchpoint", text(&ix.touchpoint_names[t])),
                    ("owner", text(owner)),
                    ("score", round(mean, 2)),
                    ("overall", round(overall, 2)),
                    ("answers", Arg::Number(f64::from(n))),
                ]),
                evidence: Evidence::Scores {
                    touchpoint: ix.touchpoints[t].clone(),
                },
            });
        }
    }
}

fn unhappy_phases(
    ws: &Workspace,
    ix: &Index,
    filter: &Filter,
    opts: ScoreOptions,
    out: &mut Vec<Finding>,
) {
    // (persona, journey, phase) → (sum, n), and per persona overall.
    let mut cells: BTreeMap<(u16, u16, String), (f64, u32)> = BTreeMap::new();
    let mut per_persona: BTreeMap<u16, (f64, u32)> = BTreeMap::new();
    let fb = &ix.feedback;
    for f in 0..fb.at.len() {
        if !filter.feedback(ix, f) {
            continue;
        }
        let p = ix.customers.persona[fb.customer[f] as usize];
        let t = fb.touchpoint[f];
        if p == NONE || t == NONE {
            continue;
        }
        let v = normalize(fb.kind[f], f64::from(fb.score[f]));
        let e = per_persona.entry(p).or_default();
        e.0 += v;
        e.1 += 1;
        for (j, info) in ix.journeys.iter().enumerate() {
            if filter.journey.is_some_and(|fj| usize::from(fj) != j) {
                continue;
            }
            if let Some(step) = info.steps.iter().find(|s| s.touchpoints.contains(&t)) {
                let c = cells.entry((p, j as u16, step.phase.clone())).or_default();
                c.0 += v;
                c.1 += 1;
            }
        }
    }
    for ((p, j, phase), (sum, n)) in cells {
        if n < opts.min_answers.max(1) {
            continue;
        }
        let mean = sum / f64::from(n);
        let (psum, pn) = per_persona[&p];
        let pmean = psum / f64::from(pn);
        if mean < -0.25 && mean < pmean - 0.5 {
            let info = &ix.journeys[usize::from(j)];
            out.push(Finding {
                kind: FindingKind::UnhappyPhase,
                severity: (0.3 + (pmean - mean) / 3.0).min(1.0),
                args: BTreeMap::from([
                    ("persona", text(ix.persona_name(p))),
                    ("journey", text(&info.name)),
                    ("phase", text(&phase_name(ws, &info.id, &phase))),
                    ("score", round(mean, 2)),
                    ("elsewhere", round(pmean, 2)),
                    ("answers", Arg::Number(f64::from(n))),
                ]),
                evidence: Evidence::Emotion {
                    journey: info.id.clone(),
                    persona: Some(ix.personas[usize::from(p)].clone()),
                },
            });
        }
    }
}

/// Churned customers by the last step they reached before churning.
fn churn_after_step(ix: &Index, filter: &Filter, out: &mut Vec<Finding>) {
    use crate::index::Change;
    let mut last_step: BTreeMap<(u16, u16), u64> = BTreeMap::new();
    let mut churners = 0u64;
    let lc = &ix.lifecycle;
    // Each customer's runs are contiguous; find them by a cursor per customer.
    let mut first_run = vec![u32::MAX; ix.customer_count()];
    for i in (0..ix.instances.customer.len()).rev() {
        first_run[ix.instances.customer[i] as usize] = i as u32;
    }
    for k in 0..lc.at.len() {
        if !matches!(lc.kind[k], Change::ChurnedByEvent | Change::ChurnedInactive)
            || !filter.in_period(lc.at[k])
        {
            continue;
        }
        let c = lc.customer[k] as usize;
        if !filter.customer(ix, c) {
            continue;
        }
        churners += 1;
        let churn_at = lc.at[k];
        let mut best: Option<(u32, u16, u16)> = None;
        let mut i = first_run[c] as usize;
        while i < ix.instances.customer.len() && ix.instances.customer[i] as usize == c {
            let j = ix.instances.journey[i];
            if filter.journey.is_none_or(|fj| fj == j) {
                for h in ix.hits_of(i) {
                    let at = ix.hits.at[h];
                    let s = ix.hits.step[h];
                    if s != NONE && at <= churn_at && best.is_none_or(|b| at >= b.0) {
                        best = Some((at, j, s));
                    }
                }
            }
            i += 1;
        }
        if let Some((_, j, s)) = best {
            *last_step.entry((j, s)).or_default() += 1;
        }
    }
    if churners < 20 {
        return;
    }
    if let Some((&(j, s), &n)) = last_step
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
    {
        let share = n as f64 / churners as f64;
        if share >= 0.3 {
            let info = &ix.journeys[usize::from(j)];
            out.push(Finding {
                kind: FindingKind::ChurnAfterStep,
                severity: (0.2 + 0.7 * share).min(1.0),
                args: BTreeMap::from([
                    ("journey", text(&info.name)),
                    ("step", text(&info.steps[usize::from(s)].name)),
                    ("share", round(share * 100.0, 0)),
                    ("churned", Arg::Number(churners as f64)),
                ]),
                evidence: Evidence::Kpis,
            });
        }
    }
}
