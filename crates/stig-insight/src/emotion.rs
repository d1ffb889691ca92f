//! The measured emotion curve: what customers said at each step, on the designed curve's
//! scale (−2…+2), per persona, beside the designed emotion.
//!
//! Every answer is normalized — NPS `(s − 5) / 2.5`, CSAT `s − 3`, CES `(s − 4) · 2/3` — and
//! placed on a step: the step its run was at when it hit the touchpoint answered about (the
//! latest such hit up to the answer), else the first step of the journey with that
//! touchpoint. A step is *flagged* when it has enough answers and the measured mean lies more
//! than [`GAP`] below the designed emotion: the experience falls short of the design there.

use serde::Serialize;
use stig_model::SurveyKind;

use crate::filter::Filter;
use crate::index::{Index, NONE};
use crate::scores::ScoreOptions;

/// How far below design (on −2…+2) a step's measured emotion must be to be flagged.
pub const GAP: f64 = 0.75;

/// An answer on the −2…+2 scale.
pub fn normalize(kind: SurveyKind, score: f64) -> f64 {
    let v = match kind {
        SurveyKind::Nps => (score - 5.0) / 2.5,
        SurveyKind::Csat => score - 3.0,
        SurveyKind::Ces => (score - 4.0) * 2.0 / 3.0,
    };
    v.clamp(-2.0, 2.0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepEmotion {
    pub step: String,
    pub name: String,
    pub designed: Option<f64>,
    /// `None` when there are fewer answers than the minimum.
    pub measured: Option<f64>,
    pub answers: u32,
    pub flagged: bool,
}

/// One persona's curve (or everyone's, `persona: None`) along a journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmotionCurve {
    pub persona: Option<String>,
    pub steps: Vec<StepEmotion>,
}

impl EmotionCurve {
    pub fn flagged(&self) -> impl Iterator<Item = &StepEmotion> {
        self.steps.iter().filter(|s| s.flagged)
    }
}

/// The measured curve of journey `j` for every persona (in `Index::personas` order) and
/// then for all customers. The filter's persona, if any, narrows all of them.
pub fn curves(ix: &Index, filter: &Filter, j: u16, opts: ScoreOptions) -> Vec<EmotionCurve> {
    let journey = &ix.journeys[usize::from(j)];
    let steps = journey.steps.len();
    let personas = ix.personas.len();
    // (sum, n) per persona row (+ one for everyone) × step.
    let mut sums = vec![(0.0f64, 0u32); (personas + 1) * steps];
    let fb = &ix.feedback;
    let filter = Filter {
        journey: Some(j),
        ..*filter
    };
    for f in 0..fb.at.len() {
        if !filter.feedback(ix, f) {
            continue;
        }
        let Some(step) = step_of(ix, j, f) else {
            continue;
        };
        let v = normalize(fb.kind[f], f64::from(fb.score[f]));
        let p = ix.customers.persona[fb.customer[f] as usize];
        for row in [
            Some(p).filter(|&p| p != NONE).map(usize::from),
            Some(personas),
        ]
        .into_iter()
        .flatten()
        {
            let cell = &mut sums[row * steps + step];
            cell.0 += v;
            cell.1 += 1;
        }
    }
    (0..=personas)
        .map(|row| EmotionCurve {
            persona: ix.personas.get(row).cloned(),
            steps: journey
                .steps
                .iter()
                .enumerate()
                .map(|(s, info)| {
                    let (sum, n) = sums[row * steps + s];
                    let designed = if row < personas {
                        info.designed[row]
                    } else {
                        info.designed_all
                    };
                    let measured = (n >= opts.min_answers.max(1)).then(|| sum / f64::from(n));
                    StepEmotion {
                        step: info.id.clone(),
                        name: info.name.clone(),
                        designed,
                        measured,
                        answers: n,
                        flagged: matches!((measured, designed), (Some(m), Some(d)) if m < d - GAP),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The step (index in journey `j`) answer `f` is about.
fn step_of(ix: &Index, j: u16, f: usize) -> Option<usize> {
    let fb = &ix.feedback;
    let t = fb.touchpoint[f];
    if t == NONE {
        return None;
    }
    let run = fb.instance[f];
    if run != u32::MAX && ix.instances.journey[run as usize] == j {
        let hits = ix.hits_of(run as usize);
        let at = fb.at[f];
        if let Some(h) = hits
            .rev()
            .find(|&h| ix.hits.touchpoint[h] == t && ix.hits.at[h] <= at)
        {
            let s = ix.hits.step[h];
            if s != NONE {
                return Some(usize::from(s));
            }
        }
    }
    ix.journeys[usize::from(j)]
        .steps
        .iter()
        .position(|s| s.touchpoints.contains(&t))
}
