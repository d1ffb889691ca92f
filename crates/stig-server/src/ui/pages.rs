//! The read pages of a workspace: overview, personas, journeys and the map, touchpoints,
//! goals and actors, dilemmas. Each handler loads the workspace and hands it to its view.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::{CookieJar, Query};
use maud::Markup;
use serde::Deserialize;
use std::sync::Arc;

use stig_model::Workspace;

use super::{export, flash, page_ctx};
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{self, PageCtx};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}", get(overview))
        .route("/w/{ws}/personas", get(personas))
        .route("/w/{ws}/personas/{id}", get(persona))
        .route("/w/{ws}/journeys", get(journeys))
        .route("/w/{ws}/journeys/{id}", get(journey))
        .route("/w/{ws}/journeys/{id}/steps/{step}", get(step_panel))
        .route("/w/{ws}/journeys/{id}/{file}", get(export::map))
        .route("/w/{ws}/touchpoints", get(touchpoints))
        .route("/w/{ws}/goals", get(goals))
        .route("/w/{ws}/dilemmas", get(dilemmas))
        .route("/w/{ws}/export.zip", get(export::zip))
        .merge(super::persona_picture::routes())
}

/// `GET /`: the first workspace (the switcher reaches the others).
pub async fn home(State(state): State<AppState>, user: SessionUser) -> Result<Response, AppError> {
    let workspaces = state.store.list_workspaces().await?;
    match workspaces.first() {
        Some(w) => Ok(Redirect::to(&format!("/w/{}", views::urlencode(&w.id))).into_response()),
        // An admin makes the first one in the browser.
        None if user.user.role >= stig_store::Role::Admin => {
            Ok(Redirect::to("/workspaces/new").into_response())
        }
        None => Err(AppError::NotFound(
            "there is no workspace yet: ask an admin to create one".into(),
        )),
    }
}

/// Loads the workspace and builds the page context, taking any flash message.
async fn load<'a>(
    state: &'a AppState,
    user: &SessionUser,
    ws_id: &str,
    uri: &Uri,
    jar: CookieJar,
) -> Result<(i64, Arc<Workspace>, PageCtx<'a>, CookieJar), AppError> {
    let (revision, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(state, user, Some(&ws), Some(ws_id), uri, flash).await?;
    Ok((revision, ws, ctx, jar))
}

async fn overview(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    let diagnostics = stig_model::validate(&ws);
    Ok((jar, views::overview::overview(&ctx, &ws, &diagnostics)))
}

async fn personas(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    let pictures = super::persona_picture::picture_urls(state.store.as_ref(), &ws_id).await?;
    Ok((jar, views::personas::personas(&ctx, &ws, &pictures)))
}

async fn persona(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    let p = ws
        .persona(&id)
        .ok_or_else(|| AppError::NotFound(format!("persona `{id}` is not in `{ws_id}`")))?;
    let live = match crate::customers::load_index(&state, &ws_id).await {
        Ok((_, ix)) => live_persona(&ix, &id),
        Err(_) => None,
    };
    Ok((
        jar,
        views::persona::persona_page(
            &ctx,
            &ws,
            p,
            live.as_ref(),
            super::persona_picture::picture_urls(state.store.as_ref(), &ws_id)
                .await?
                .get(&id)
                .map(String::as_str),
        ),
    ))
}

async fn journeys(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    Ok((jar, views::journeys::journeys(&ctx, &ws)))
}

#[derive(Deserialize, Default)]
pub struct JourneyQuery {
    #[serde(default)]
    persona: Vec<String>,
    #[serde(default)]
    step: Option<String>,
}

async fn journey(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    Query(q): Query<JourneyQuery>,
) -> Result<(CookieJar, Markup), AppError> {
    let (revision, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    let j = ws
        .journey(&id)
        .ok_or_else(|| AppError::NotFound(format!("journey `{id}` is not in `{ws_id}`")))?;
    // Unknown personas in the query are dropped rather than failing the page.
    let personas: Vec<String> = q
        .persona
        .into_iter()
        .filter(|p| ws.persona(p).is_some())
        .collect();
    let step = q
        .step
        .as_deref()
        .and_then(|s| j.steps.iter().find(|st| st.id == s));
    let pictures = super::persona_picture::picture_urls(state.store.as_ref(), &ws_id).await?;
    // The measured curves beside the designed ones, for the map's personas; none while the
    // index is still being built (the page does not wait for it).
    let shown: Vec<String> = if !personas.is_empty() {
        personas.clone()
    } else if !j.personas.is_empty() {
        j.personas.clone()
    } else {
        ws.personas.iter().map(|p| p.id.clone()).collect()
    };
    let measured = match crate::customers::load_index(&state, &ws_id).await {
        Ok((_, ix)) => journey_measured(&ix, &id, &shown),
        Err(_) => Vec::new(),
    };
    let opts = stig_render::MapOptions {
        personas: personas.clone(),
        locale: Some(ctx.tr.locale.code().to_owned()),
        measured,
        highlight: step.map(|s| s.id.clone()),
        pictures: pictures.clone(),
        ..Default::default()
    };
    // The cache keeps maps by design only; one with measured curves, pictures or a
    // highlight is drawn for this request.
    let svg = if opts.measured.is_empty() && opts.pictures.is_empty() && opts.highlight.is_none() {
        state.cache.map_svg(&ws_id, revision, &ws, &id, &opts)?
    } else {
        Arc::new(stig_render::render_svg(&ws, &id, &opts)?)
    };
    Ok((
        jar,
        views::journey::journey_page(&ctx, &ws, j, &personas, &svg, step, &pictures),
    ))
}

/// The measured emotion curves of `journey` for the personas the map draws (`shown`); only
/// curves with a measured point.
fn journey_measured(
    ix: &stig_insight::Index,
    journey: &str,
    shown: &[String],
) -> Vec<stig_render::MeasuredCurve> {
    let Some(j) = ix.journeys.iter().position(|info| info.id == journey) else {
        return Vec::new();
    };
    let Ok(j) = u16::try_from(j) else {
        return Vec::new();
    };
    let curves =
        stig_insight::emotion::curves(ix, &stig_insight::Filter::default(), j, Default::default());
    super::insight::measured_curves(&curves)
        .into_iter()
        .filter(|c| {
            c.persona
                .as_ref()
                .is_some_and(|p| shown.iter().any(|s| s == p))
        })
        .collect()
}

/// The step details fragment (htmx), or the whole journey page without JavaScript.
async fn step_panel(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    headers: axum::http::HeaderMap,
    Path((ws_id, id, step)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    if headers.get("hx-request").is_none() {
        let url = format!(
            "/w/{}/journeys/{}?step={}",
            views::urlencode(&ws_id),
            views::urlencode(&id),
            views::urlencode(&step)
        );
        return Ok(Redirect::to(&url).into_response());
    }
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let j = ws
        .journey(&id)
        .ok_or_else(|| AppError::NotFound(format!("journey `{id}` is not in `{ws_id}`")))?;
    let s = j
        .steps
        .iter()
        .find(|s| s.id == step)
        .ok_or_else(|| AppError::NotFound(format!("step `{step}` is not in journey `{id}`")))?;
    Ok(views::journey::step_panel(&ctx, &ws, j, s).into_response())
}

async fn touchpoints(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    Query(filter): Query<views::touchpoints::TouchpointFilter>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    Ok((jar, views::touchpoints::touchpoints(&ctx, &ws, &filter)))
}

async fn goals(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    Ok((jar, views::goals::goals(&ctx, &ws)))
}

async fn dilemmas(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<(CookieJar, Markup), AppError> {
    let (_, ws, ctx, jar) = load(&state, &user, &ws_id, &uri, jar).await?;
    Ok((jar, views::dilemmas::dilemmas(&ctx, &ws)))
}

/// A persona's members and what they report, from the insight index.
fn live_persona(ix: &stig_insight::Index, id: &str) -> Option<views::persona::LivePersona> {
    let p = ix.persona_index(id)?;
    let members: Vec<usize> = (0..ix.customer_count())
        .filter(|&c| ix.customers.persona[c] == p)
        .collect();
    let mut top: Vec<(usize, f32)> = members
        .iter()
        .map(|&c| (c, ix.affinities_of(c)[usize::from(p)]))
        .collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    top.truncate(8);
    let filter = stig_insight::Filter {
        persona: Some(p),
        ..Default::default()
    };
    let journeys = (0..ix.journeys.len() as u16)
        .filter_map(|j| {
            let curves = stig_insight::emotion::curves(ix, &filter, j, Default::default());
            let steps = curves.into_iter().nth(usize::from(p))?.steps;
            Some((ix.journeys[usize::from(j)].name.clone(), steps))
        })
        .collect();
    Some(views::persona::LivePersona {
        members: members.len(),
        customers: ix.customer_count(),
        top: top
            .into_iter()
            .map(|(c, a)| (ix.directory.cards[c].id.clone(), a, ix.explain(c, p)))
            .collect(),
        journeys,
    })
}
