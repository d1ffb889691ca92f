//! `GET /w/{ws}/insight[/{area}]`: the insight pages. Each handler resolves the filter against
//! the workspace's analytics index ([`crate::customers::load_index`]), runs the analyses of
//! its area and hands the results to the view.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use stig_insight::drivers::DriverOptions;
use stig_insight::respondents::{self, Outcome};
use stig_insight::scores::ScoreOptions;
use stig_insight::{
    Filter, FilterQuery, Index, customer_types, emotion, findings, kpis, observed, scores,
};
use stig_model::SurveyKind;

use super::{flash, page_ctx};
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::insight::{self as v, InsightCtx};
use crate::views::layout::{Nav, page};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/insight", get(overview))
        .route("/w/{ws}/insight/{area}", get(area))
}

#[derive(Deserialize, Default, Clone)]
pub struct Params {
    #[serde(flatten)]
    pub filter: FilterQuery,
    pub kind: Option<String>,
    pub touchpoint: Option<String>,
    pub outcome: Option<String>,
}

pub fn parse_kind(s: Option<&str>) -> Option<SurveyKind> {
    match s? {
        "nps" => Some(SurveyKind::Nps),
        "csat" => Some(SurveyKind::Csat),
        "ces" => Some(SurveyKind::Ces),
        _ => None,
    }
}

/// The kinds of answers present, NPS first.
pub fn kinds(ix: &Index) -> Vec<SurveyKind> {
    [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces]
        .into_iter()
        .filter(|k| ix.feedback.kind.contains(k))
        .collect()
}

/// The filter of a request, or the reason it cannot be applied (then nothing is filtered).
fn resolve(ix: &Index, q: &FilterQuery) -> (Filter, Option<String>) {
    match Filter::resolve(ix, q) {
        Ok(f) => (f, None),
        Err(e) => (Filter::default(), Some(e.to_string())),
    }
}

async fn overview(
    state: State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    show(state, user, uri, jar, ws_id, String::new(), params).await
}

async fn area(
    state: State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, area)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    show(state, user, uri, jar, ws_id, area, params).await
}

async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    ws_id: String,
    area: String,
    params: Params,
) -> Result<Response, AppError> {
    if !v::AREAS.iter().any(|(a, _)| *a == area) {
        return Err(AppError::NotFound(format!("no insight page `{area}`")));
    }
    let loaded = crate::customers::load(&state, &ws_id).await?;
    let recomputing = loaded.freshness != stig_runtime::Freshness::Current;
    let (ws, ix, as_of) = (loaded.workspace, loaded.index, loaded.as_of);
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let (filter, filter_error) = resolve(&ix, &params.filter);
    // The same filter over the comparison period (none for all time).
    let before = filter.compared(&ix);
    let mut ic = InsightCtx {
        ix: &ix,
        query: &params.filter,
        filter,
        filter_error,
        extra: Vec::new(),
        as_of: Some(as_of),
        recomputing,
    };
    let opts = ScoreOptions::default();
    let body = match area.as_str() {
        "" => {
            let f = observed_totals(&ix, &filter);
            let headline = kinds(&ix)
                .first()
                .map(|&k| scores::overall(&ix, &filter, k, opts));
            let months = kpis::monthly(&ix, &filter);
            let found = findings::findings(&ws, &ix, &filter, opts);
            let compared = before.map(|b| {
                let f = observed_totals(&ix, &b);
                v::overview::Compared {
                    runs: f.0,
                    completed: f.1,
                    headline: headline
                        .as_ref()
                        .map(|h| scores::overall(&ix, &b, h.kind, opts)),
                    growth: kpis::Growth::over(&kpis::monthly(&ix, &b)),
                    repeat: kpis::repeat_rate(&ix, &b),
                }
            });
            v::overview::overview_page(
                &ctx,
                &ic,
                &v::overview::Overview {
                    customers: (0..ix.customer_count())
                        .filter(|&c| filter.customer(&ix, c))
                        .count(),
                    runs: f.0,
                    completed: f.1,
                    headline,
                    months: &months,
                    repeat: kpis::repeat_rate(&ix, &filter),
                    findings: &found,
                    period: filter.from.is_some() || filter.to.is_some(),
                    compared,
                },
            )
        }
        "scores" => {
            let present = kinds(&ix);
            let kind = parse_kind(params.kind.as_deref())
                .or(present.first().copied())
                .unwrap_or(SurveyKind::Csat);
            ic.extra.push(("kind", kind.as_str().to_owned()));
            let rows = scores::by_touchpoint(&ix, &filter, kind, opts);
            let touchpoint = params
                .touchpoint
                .as_deref()
                .and_then(|t| ix.touchpoint_index(t));
            if let Some(t) = touchpoint {
                ic.extra
                    .push(("touchpoint", ix.touchpoints[usize::from(t)].clone()));
            }
            let trend = scores::trend(&ix, &filter, kind, touchpoint, opts);
            v::scores::scores_page(
                &ctx,
                &ic,
                &v::scores::ScoresView {
                    kind,
                    kinds: &present,
                    overall: scores::overall(&ix, &filter, kind, opts),
                    overall_before: before.map(|b| scores::overall(&ix, &b, kind, opts)),
                    rows: &rows,
                    trend: &trend,
                    min_answers: opts.min_answers,
                    touchpoint: touchpoint.map(|t| {
                        (
                            ix.touchpoints[usize::from(t)].clone(),
                            ix.touchpoint_names[usize::from(t)].clone(),
                        )
                    }),
                },
            )
        }
        "emotions" => {
            let Some(j) = filter.journey.or((!ix.journeys.is_empty()).then_some(0)) else {
                return Err(AppError::NotFound(ctx.t("insight-no-journeys")));
            };
            let info = &ix.journeys[usize::from(j)];
            let curves = emotion::curves(&ix, &filter, j, opts);
            let measured = measured_curves(&curves);
            let map = stig_render::render_svg(
                &ws,
                &info.id,
                &stig_render::MapOptions {
                    locale: Some(ctx.tr.locale.code().to_owned()),
                    personas: filter
                        .persona
                        .map(|p| vec![ix.personas[usize::from(p)].clone()])
                        .unwrap_or_default(),
                    measured,
                    ..Default::default()
                },
            )
            .map_err(|e| e.to_string());
            v::emotions::emotions_page(
                &ctx,
                &ic,
                &v::emotions::EmotionsView {
                    journey: &info.id,
                    journey_name: &info.name,
                    map,
                    curves: &curves,
                    min_answers: opts.min_answers,
                },
            )
        }
        "drivers" => {
            let candidates = respondents::outcomes(&ix, &filter);
            // The outcome asked for, else the workspace's default; never the most answered.
            let chosen = respondents::choose_outcome(&ws, &ix, params.outcome.as_deref());
            let outcome = chosen.as_ref().ok().copied().flatten();
            if let Some((o, _)) = outcome {
                ic.extra.push(("outcome", o.key(&ix)));
            }
            let report = match (&chosen, outcome) {
                (Err(e), _) => Err(e.to_string()),
                (Ok(_), None) => Err(ctx.t("drivers-none-marked")),
                (Ok(_), Some((o, source))) => respondents::driver_report_by_persona(
                    &ix,
                    &filter,
                    o,
                    source,
                    &DriverOptions::default(),
                )
                .map_err(|e| e.to_string()),
            };
            let label = |o: &Outcome| {
                format!(
                    "{} · {}",
                    o.touchpoint_name(&ix)
                        .map_or_else(|| ctx.t("drivers-outcome-overall"), str::to_owned),
                    o.kind.as_str().to_uppercase()
                )
            };
            let outcomes: Vec<(String, String, u32)> = candidates
                .iter()
                .map(|(o, n)| (o.key(&ix), label(o), *n))
                .collect();
            let key = outcome.map(|(o, _)| o.key(&ix));
            let name = |p: &str| -> String {
                let (id, kind) = p.split_once(':').unwrap_or((p, ""));
                let base = ix.touchpoint_index(id).map_or(id.to_owned(), |t| {
                    ix.touchpoint_names[usize::from(t)].clone()
                });
                if kind.is_empty() {
                    base
                } else {
                    format!("{base} ({})", kind.to_uppercase())
                }
            };
            let persona_name = |id: &str| -> String {
                ix.persona_index(id)
                    .map_or(id.to_owned(), |p| ix.persona_name(p).to_owned())
            };
            v::drivers::drivers_page(
                &ctx,
                &ic,
                &v::drivers::DriversView {
                    outcomes: &outcomes,
                    outcome: key.as_deref(),
                    source: outcome.map(|(_, s)| s),
                    report: report.as_ref().map_err(Clone::clone),
                    name: &name,
                    persona_name: &persona_name,
                },
            )
        }
        "kpis" => {
            let months = kpis::monthly(&ix, &filter);
            let cohorts = kpis::cohorts(&ix, &filter, 12);
            let compared = before.map(|b| v::kpis::Compared {
                months: kpis::monthly(&ix, &b),
                repeat: kpis::repeat_rate(&ix, &b),
            });
            v::kpis::kpis_page(
                &ctx,
                &ic,
                &v::kpis::KpisView {
                    months: &months,
                    cohorts: &cohorts,
                    repeat: kpis::repeat_rate(&ix, &filter),
                    compared: compared.as_ref(),
                },
            )
        }
        "journeys" => {
            let Some(j) = filter.journey.or((!ix.journeys.is_empty()).then_some(0)) else {
                return Err(AppError::NotFound(ctx.t("insight-no-journeys")));
            };
            let info = &ix.journeys[usize::from(j)];
            let funnel = observed::funnel(&ix, &filter, j);
            let step_variants = observed::step_variants(&ix, &filter, j, 10);
            let activity_variants = observed::activity_variants(&ix, &filter, 10);
            let deviations = observed::deviations(&ix, &filter, j);
            let step_name = |id: &str| -> String {
                info.steps
                    .iter()
                    .find(|s| s.id == id)
                    .map_or(id.to_owned(), |s| s.name.clone())
            };
            v::journeys::journeys_page(
                &ctx,
                &ic,
                &v::journeys::JourneysView {
                    journey_name: &info.name,
                    funnel: &funnel,
                    step_variants: &step_variants,
                    activity_variants: &activity_variants,
                    deviations: &deviations,
                    step_name: &step_name,
                },
            )
        }
        "personas" => {
            // Clustering is heavy on a large workspace: off the async workers.
            let (index, f) = (ix.clone(), filter);
            let area =
                tokio::task::spawn_blocking(move || stig_runtime::report::persona_area(&index, &f))
                    .await
                    .map_err(|e| AppError::Internal(format!("customer types failed: {e}")))?;
            let sizes: Vec<usize> = ix.personas.iter().map(|p| area.sizes[p]).collect();
            let (months, over_time) = customer_types::persona_sizes_over_time(&ix);
            let tastes = |id: &str| -> (Vec<String>, Vec<String>) {
                let Some(c) = ix.directory.position(id) else {
                    return (Vec::new(), Vec::new());
                };
                let mut prefs = ix.preferences_of(c);
                prefs.sort_by(|a, b| b.1.total_cmp(&a.1));
                let name = |t: u16| ix.tags[usize::from(t)].clone();
                let loves = prefs
                    .iter()
                    .filter(|p| p.1 > 0.0)
                    .take(3)
                    .map(|p| name(p.0))
                    .collect();
                let hates = prefs
                    .iter()
                    .rev()
                    .filter(|p| p.1 < 0.0)
                    .take(2)
                    .map(|p| name(p.0))
                    .collect();
                (loves, hates)
            };
            v::personas::personas_page(
                &ctx,
                &ic,
                &v::personas::PersonasView {
                    sizes: &sizes,
                    unmatched: area.unmatched,
                    months: &months,
                    over_time: &over_time,
                    discovery: area.discovery.as_ref(),
                    twins: &area.twins,
                    tastes: &tastes,
                },
            )
        }
        _ => {
            let found = findings::findings(&ws, &ix, &filter, opts);
            v::findings::findings_page(&ctx, &ic, &found)
        }
    };
    let title = v::AREAS
        .iter()
        .find(|(a, _)| *a == area)
        .map_or_else(String::new, |(_, k)| ctx.t(k));
    Ok((jar, page(&ctx, &title, Nav::Insight, body)).into_response())
}

/// Runs and completed runs under the filter.
fn observed_totals(ix: &Index, filter: &Filter) -> (u64, u64) {
    let mut runs = 0;
    let mut completed = 0;
    for i in 0..ix.instances.customer.len() {
        if filter.instance(ix, i) {
            runs += 1;
            completed += u64::from(
                ix.instances.status[i] == stig_pipeline::customers::InstanceStatus::Completed,
            );
        }
    }
    (runs, completed)
}

/// The emotion curves as the journey map draws them.
pub fn measured_curves(curves: &[emotion::EmotionCurve]) -> Vec<stig_render::MeasuredCurve> {
    curves
        .iter()
        .map(|c| stig_render::MeasuredCurve {
            persona: c.persona.clone(),
            points: c
                .steps
                .iter()
                .filter_map(|s| {
                    s.measured.map(|m| {
                        (
                            s.step.clone(),
                            stig_render::MeasuredPoint {
                                value: m,
                                answers: s.answers,
                                flagged: s.flagged,
                            },
                        )
                    })
                })
                .collect(),
        })
        .filter(|c| !c.points.is_empty())
        .collect()
}
