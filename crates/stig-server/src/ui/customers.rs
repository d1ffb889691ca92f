//! `GET /w/{ws}/customers` and `/w/{ws}/customers/{id}`: customers as the events show them
//! (built by [`crate::customers`]), and one customer's profile.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use stig_pipeline::customers::{JourneyInstance, LifecycleStatus};

use super::{flash, page_ctx};
use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::views;
use crate::views::customers::ListQuery;
use crate::views::layout::{Nav, page};
use crate::views::profile::DrawnRun;

/// Events shown on a profile's timeline, newest first.
const TIMELINE: usize = 100;
/// Moment firings shown on a profile, newest first.
const MOMENTS: u32 = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/customers", get(list))
        .route("/w/{ws}/customers/{id}", get(profile))
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    status: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path(ws_id): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Response, AppError> {
    let (ws, ix) = crate::customers::load_index(&state, &ws_id).await?;
    // A search for an exact id goes straight to that customer.
    if let Some(p) = ix.directory.get(params.q.trim()) {
        return Ok(to_profile(&ws_id, &p.id));
    }
    let customers = crate::customers::list(&ix);
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let status = params.status.as_deref().and_then(LifecycleStatus::parse);
    let query = ListQuery {
        q: &params.q,
        page: params.page.unwrap_or(1),
        status,
    };
    let body = views::customers::customers_page(&ctx, &ws, &customers, &query);
    Ok((
        jar,
        page(&ctx, &ctx.t("page-customers-title"), Nav::Customers, body),
    )
        .into_response())
}

/// The customer's persona match, from the insight index.
fn customer_type(ix: &stig_insight::Index, id: &str) -> Option<views::profile::CustomerType> {
    let c = ix.directory.position(id)?;
    if ix.personas.is_empty() || c >= ix.customer_count() {
        return None;
    }
    let mut affinities: Vec<(u16, f32)> = ix
        .affinities_of(c)
        .iter()
        .enumerate()
        .map(|(p, &a)| (p as u16, a))
        .collect();
    affinities.sort_by(|a, b| b.1.total_cmp(&a.1));
    let primary = ix.customers.persona[c];
    let explained = if primary == stig_insight::index::NONE {
        affinities[0].0
    } else {
        primary
    };
    Some(views::profile::CustomerType {
        primary: (primary != stig_insight::index::NONE)
            .then(|| ix.persona_name(primary).to_owned()),
        explanation: ix.explain(c, explained),
        affinities: affinities
            .into_iter()
            .map(|(p, a)| (ix.persona_name(p).to_owned(), a))
            .collect(),
    })
}

/// A redirect to a customer's profile under their own id.
fn to_profile(ws_id: &str, id: &str) -> Response {
    let url = format!(
        "/w/{}/customers/{}",
        views::urlencode(ws_id),
        views::urlencode(id)
    );
    Redirect::to(&url).into_response()
}

#[derive(Deserialize, Default)]
pub struct ProfileParams {
    /// `journey:run` of the run to draw on the map (default: the latest).
    #[serde(default)]
    run: Option<String>,
}

async fn profile(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    Query(params): Query<ProfileParams>,
) -> Result<Response, AppError> {
    let (ws, ix) = crate::customers::load_index(&state, &ws_id).await?;
    let p = crate::customers::profile(&state, &ws_id, &ws, &ix, &id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no customer `{id}` in `{ws_id}`")))?;
    let p = &p;
    if p.id != id {
        // A merged id: show the profile under its own id.
        return Ok(to_profile(&ws_id, &p.id));
    }
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;

    let chosen: Option<&JourneyInstance> =
        match params.run.as_deref().and_then(|r| r.rsplit_once(':')) {
            Some((journey, run)) => p
                .instances
                .iter()
                .find(|i| i.journey == journey && i.run.to_string() == run),
            None => p.instances.iter().max_by_key(|i| i.last_at),
        };
    let drawn = match chosen {
        Some(instance) => Some(DrawnRun {
            instance,
            svg: path_map(&ctx, &ws, instance)?,
        }),
        None => None,
    };

    // The timeline: every id's events, newest first.
    let mut timeline = Vec::new();
    for who in p.all_ids() {
        timeline.extend(state.store.events_for(&ws_id, who).await?);
    }
    timeline.sort_by_key(|e| std::cmp::Reverse(e.timestamp));
    timeline.dedup_by(|a, b| a.message_id == b.message_id);
    timeline.truncate(TIMELINE);

    let kind = customer_type(&ix, &p.id);
    // The business moments that fired for them, with their deliveries.
    let firings = state
        .store
        .list_firings(
            &ws_id,
            &stig_store::FiringQuery {
                moment: None,
                customer: Some(p.id.clone()),
                limit: MOMENTS,
            },
        )
        .await?;
    let no_attempts = std::collections::HashMap::new();
    let back = uri.path().to_owned();
    let moments = views::moments::ActivityView {
        firings: &firings,
        attempts: &no_attempts,
        back: &back,
        show_moment: true,
    };
    let body =
        views::profile::profile_page(&ctx, &ws, p, drawn, &timeline, kind.as_ref(), &moments);
    let title = views::customers::display_name(p);
    Ok((jar, page(&ctx, &title, Nav::Customers, body)).into_response())
}

/// The journey map with one run's path drawn on it.
fn path_map(
    ctx: &views::PageCtx<'_>,
    ws: &stig_model::Workspace,
    instance: &JourneyInstance,
) -> Result<String, AppError> {
    let opts = stig_render::MapOptions {
        locale: Some(ctx.tr.locale.code().to_owned()),
        path: instance
            .hits
            .iter()
            .map(|h| stig_render::PathHit {
                step: h.step.clone(),
                touchpoint: h.touchpoint.clone(),
                label: views::customers::when(ctx, h.at),
            })
            .collect(),
        ..Default::default()
    };
    Ok(stig_render::render_svg(ws, &instance.journey, &opts)?)
}
