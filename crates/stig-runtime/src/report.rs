//! Every insight number of a workspace in one value: what the REST API serves (whole, or one
//! area), what `stig report` writes as JSON, HTML or PDF, and what the web app's pages show one
//! area at a time. The one assembler: every area is made here, from an index and a filter.
//! Finding sentences are the caller's (they are localized by the web app's messages).

use std::collections::BTreeMap;

use serde::Serialize;
use stig_insight::customer_types::{self, Discovery};
use stig_insight::drivers::DriverOptions;
use stig_insight::emotion::EmotionCurve;
use stig_insight::findings::Finding;
use stig_insight::kpis::{Cohort, Growth, Month, Repeat};
use stig_insight::observed::{Deviation, Funnel, Variants};
use stig_insight::respondents::{self, DriverReport, Outcome, OutcomeError, OutcomeSource};
use stig_insight::scores::{Point, Score, ScoreOptions, TouchpointScores};
use stig_insight::twins::TwinsReport;
use stig_insight::{Filter, FilterQuery, Index, emotion, findings, kpis, observed, scores};
use stig_model::{SurveyKind, Workspace};

/// Every insight area of a workspace under one filter.
#[derive(Debug, Serialize)]
pub struct Report {
    pub workspace: String,
    pub name: String,
    /// When the index was built (RFC 3339).
    pub built_at: String,
    /// How fresh the state is (set by whoever read it from the live runtime).
    pub freshness: Freshness,
    pub filter: FilterQuery,
    pub totals: Totals,
    /// Per answer kind (`nps`, `csat`, `ces`) present.
    pub scores: BTreeMap<String, KindScores>,
    /// Per journey id: the measured emotion curves (each persona, then all customers).
    pub emotions: BTreeMap<String, Vec<EmotionCurve>>,
    /// What drives the chosen outcome (or why nothing is explained).
    pub drivers: DriverArea,
    pub kpis: Kpis,
    /// Per journey id.
    pub journeys: BTreeMap<String, ObservedJourney>,
    /// Top 20 sequences of event names, over customers.
    pub variants: Variants,
    pub personas: PersonaArea,
    pub findings: Vec<LocalizedFinding>,
}

/// Customer types: persona sizes, the types found in the data, the demographic twins.
#[derive(Debug, Serialize)]
pub struct PersonaArea {
    /// Customers per primary persona (id → customers).
    pub sizes: BTreeMap<String, usize>,
    /// Customers without a clear persona.
    pub unmatched: usize,
    pub discovery: Option<Discovery>,
    pub twins: TwinsReport,
}

pub fn persona_area(ix: &Index, filter: &Filter) -> PersonaArea {
    let sizes = customer_types::persona_sizes(ix, filter);
    PersonaArea {
        sizes: ix.personas.iter().cloned().zip(sizes).collect(),
        unmatched: (0..ix.customer_count())
            .filter(|&c| {
                filter.customer(ix, c) && ix.customers.persona[c] == stig_insight::index::NONE
            })
            .count(),
        discovery: customer_types::discover(ix, filter, &Default::default()),
        twins: customer_types::twins_report(ix, filter),
    }
}

#[derive(Debug, Serialize)]
pub struct Totals {
    pub customers: usize,
    pub events: usize,
    pub runs: usize,
    pub answers: usize,
    /// The index's memory, bytes.
    pub index_bytes: usize,
}

/// How fresh the numbers are: the time of the state they were computed on, and whether a
/// newer one is being made (after a design edit).
#[derive(Debug, Clone, Serialize)]
pub struct Freshness {
    /// RFC 3339.
    pub as_of: String,
    /// `None` when current; else why a newer state is being made (`edit`, `reread`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recomputing: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct KindScores {
    pub overall: Score,
    pub touchpoints: Vec<TouchpointScores>,
    pub trend: Vec<Point>,
    /// Persona ids, in the order of `TouchpointScores::by_persona`.
    pub personas: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Kpis {
    pub months: Vec<Month>,
    /// Won, lost, came back and net over `months` (their sums, as the web app's tiles).
    pub growth: Growth,
    /// The same over the comparison period (`compare=`), when the period has a start.
    pub growth_compared: Option<Growth>,
    pub cohorts: Vec<Cohort>,
    pub repeat: Repeat,
}

#[derive(Debug, Serialize)]
pub struct ObservedJourney {
    pub name: String,
    pub funnel: Funnel,
    pub step_variants: Variants,
    pub deviations: Vec<Deviation>,
}

/// A finding with its sentence in the report's language.
#[derive(Debug, Serialize)]
pub struct LocalizedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub message: String,
}

/// The driver analysis of one outcome: the one asked for, else the workspace's default
/// ([`respondents::default_outcome`]: the `drivers_outcome` setting, the overall answers, the
/// NPS touchpoint), never the most answered question.
#[derive(Debug, Serialize)]
pub struct DriverArea {
    /// The outcome explained (`airport:nps`, `overall:csat`), `None` when none is chosen.
    pub outcome: Option<String>,
    pub outcome_source: Option<OutcomeSource>,
    pub report: Option<DriverReport>,
    /// Why there is no report: no outcome marked, a bad setting, too few answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_none: Option<String>,
    /// Every question that can be explained, with its answers under the filter (what
    /// `?outcome=` and `--outcome` take).
    pub outcomes: Vec<OutcomeAnswers>,
}

#[derive(Debug, Serialize)]
pub struct OutcomeAnswers {
    pub outcome: String,
    pub answers: u32,
}

/// Why a report could not be made: the filter or the outcome asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportError {
    Filter(stig_insight::filter::FilterError),
    Outcome(OutcomeError),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Filter(e) => e.fmt(f),
            ReportError::Outcome(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReportError {}

/// The outcome to explain: `asked` (an error when it names nothing answered), else the
/// workspace's default; `Err(why)` inside when there is none (told, not failed).
pub type Chosen = Result<(Outcome, OutcomeSource), String>;

pub fn choose(ws: &Workspace, ix: &Index, asked: Option<&str>) -> Result<Chosen, OutcomeError> {
    match respondents::choose_outcome(ws, ix, asked) {
        Ok(Some(o)) => Ok(Ok(o)),
        Ok(None) => Ok(Err(
            "no outcome is marked: choose one (a touchpoint id or `overall`), or set \
             `drivers_outcome` in stig.toml"
                .to_owned(),
        )),
        // A bad default is told in the area; a bad request is the caller's error.
        Err(e) if asked.is_none_or(|a| a.trim().is_empty()) => Ok(Err(e.to_string())),
        Err(e) => Err(e),
    }
}

/// The areas, as the API names them.
pub const AREAS: [&str; 7] = [
    "totals", "scores", "emotions", "drivers", "kpis", "journeys", "findings",
];

/// Makes a finding's sentence in the reader's language.
pub type Sentence<'a> = &'a dyn Fn(&Finding) -> String;

/// One area of the report as JSON (`Ok(None)` for an unknown area); `outcome` is what the
/// drivers (and findings' "fix first") explain, as [`choose`] takes it.
pub fn area(
    ws: &Workspace,
    ix: &Index,
    filter: &Filter,
    area: &str,
    outcome: Option<&str>,
    sentence: Sentence<'_>,
) -> Result<Option<serde_json::Value>, OutcomeError> {
    let chosen = choose(ws, ix, outcome)?;
    let value = match area {
        "totals" => serde_json::to_value(totals(ix, filter)),
        "scores" => serde_json::to_value(score_area(ix, filter)),
        "emotions" => serde_json::to_value(emotion_area(ix, filter)),
        "drivers" => serde_json::to_value(driver_area(ix, filter, &chosen)),
        "kpis" => serde_json::to_value(kpi_area(ix, filter)),
        "journeys" => serde_json::to_value(journey_area(ix, filter)),
        "variants" => serde_json::to_value(observed::activity_variants(ix, filter, 20)),
        "personas" => serde_json::to_value(persona_area(ix, filter)),
        "findings" => serde_json::to_value(finding_area(ws, ix, filter, &chosen, sentence)),
        _ => return Ok(None),
    };
    Ok(value.ok())
}

/// The whole report of workspace `ws_id` under the filter `q`, its drivers explaining
/// `outcome` (see [`choose`]).
pub fn report(
    ws_id: &str,
    ws: &Workspace,
    ix: &Index,
    q: &FilterQuery,
    outcome: Option<&str>,
    sentence: Sentence<'_>,
) -> Result<Report, ReportError> {
    let filter = Filter::resolve(ix, q).map_err(ReportError::Filter)?;
    let chosen = choose(ws, ix, outcome).map_err(ReportError::Outcome)?;
    Ok(Report {
        workspace: ws_id.to_owned(),
        name: ws.settings.name.clone(),
        built_at: ix.timestamp(ix.now).to_string(),
        freshness: Freshness {
            as_of: ix.timestamp(ix.now).to_string(),
            recomputing: None,
        },
        filter: q.clone(),
        totals: totals(ix, &filter),
        scores: score_area(ix, &filter),
        emotions: emotion_area(ix, &filter),
        drivers: driver_area(ix, &filter, &chosen),
        kpis: kpi_area(ix, &filter),
        journeys: journey_area(ix, &filter),
        variants: observed::activity_variants(ix, &filter, 20),
        personas: persona_area(ix, &filter),
        findings: finding_area(ws, ix, &filter, &chosen, sentence),
    })
}

fn opts() -> ScoreOptions {
    ScoreOptions::default()
}

pub fn totals(ix: &Index, filter: &Filter) -> Totals {
    Totals {
        customers: (0..ix.customer_count())
            .filter(|&c| filter.customer(ix, c))
            .count(),
        events: ix.event_count(),
        runs: (0..ix.instances.customer.len())
            .filter(|&i| filter.instance(ix, i))
            .count(),
        answers: (0..ix.feedback.at.len())
            .filter(|&f| filter.feedback(ix, f))
            .count(),
        index_bytes: ix.bytes(),
    }
}

pub fn score_area(ix: &Index, filter: &Filter) -> BTreeMap<String, KindScores> {
    [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces]
        .into_iter()
        .filter(|k| ix.feedback.kind.contains(k))
        .map(|k| {
            (
                k.as_str().to_owned(),
                KindScores {
                    overall: scores::overall(ix, filter, k, opts()),
                    touchpoints: scores::by_touchpoint(ix, filter, k, opts()),
                    trend: scores::trend(ix, filter, k, None, opts()),
                    personas: ix.personas.clone(),
                },
            )
        })
        .collect()
}

fn journeys_of(ix: &Index, filter: &Filter) -> Vec<u16> {
    match filter.journey {
        Some(j) => vec![j],
        None => (0..ix.journeys.len() as u16).collect(),
    }
}

pub fn emotion_area(ix: &Index, filter: &Filter) -> BTreeMap<String, Vec<EmotionCurve>> {
    journeys_of(ix, filter)
        .into_iter()
        .map(|j| {
            (
                ix.journeys[usize::from(j)].id.clone(),
                emotion::curves(ix, filter, j, opts()),
            )
        })
        .collect()
}

/// The drivers of the chosen outcome, per persona too.
pub fn driver_area(ix: &Index, filter: &Filter, chosen: &Chosen) -> DriverArea {
    let outcomes = respondents::outcomes(ix, filter)
        .into_iter()
        .map(|(o, answers)| OutcomeAnswers {
            outcome: o.key(ix),
            answers,
        })
        .collect();
    let (outcome, source) = match chosen {
        Ok(o) => *o,
        Err(why) => {
            return DriverArea {
                outcome: None,
                outcome_source: None,
                report: None,
                why_none: Some(why.clone()),
                outcomes,
            };
        }
    };
    let report = respondents::driver_report_by_persona(
        ix,
        filter,
        outcome,
        source,
        &DriverOptions::default(),
    );
    DriverArea {
        outcome: Some(outcome.key(ix)),
        outcome_source: Some(source),
        why_none: report.as_ref().err().map(ToString::to_string),
        report: report.ok(),
        outcomes,
    }
}

pub fn kpi_area(ix: &Index, filter: &Filter) -> Kpis {
    let months = kpis::monthly(ix, filter);
    Kpis {
        growth: Growth::over(&months),
        growth_compared: filter
            .compared(ix)
            .map(|b| Growth::over(&kpis::monthly(ix, &b))),
        months,
        cohorts: kpis::cohorts(ix, filter, 12),
        repeat: kpis::repeat_rate(ix, filter),
    }
}

pub fn journey_area(ix: &Index, filter: &Filter) -> BTreeMap<String, ObservedJourney> {
    journeys_of(ix, filter)
        .into_iter()
        .map(|j| {
            let info = &ix.journeys[usize::from(j)];
            (
                info.id.clone(),
                ObservedJourney {
                    name: info.name.clone(),
                    funnel: observed::funnel(ix, filter, j),
                    step_variants: observed::step_variants(ix, filter, j, 10),
                    deviations: observed::deviations(ix, filter, j),
                },
            )
        })
        .collect()
}

pub fn finding_area(
    ws: &Workspace,
    ix: &Index,
    filter: &Filter,
    chosen: &Chosen,
    sentence: Sentence<'_>,
) -> Vec<LocalizedFinding> {
    findings::findings_for(ws, ix, filter, opts(), chosen.as_ref().ok().copied())
        .into_iter()
        .map(|f| LocalizedFinding {
            message: sentence(&f),
            finding: f,
        })
        .collect()
}
