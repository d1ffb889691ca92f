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

/// Events per page of a profile's timeline, newest first.
const TIMELINE_PAGE: usize = 25;
/// Events read from the store per query while building a profile's timeline.
const STREAM_PAGE: u32 = 500;
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
    /// Timeline filters: the event's type, its name, and a date range (`YYYY-MM-DD`).
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// The timeline's page (1: the newest events).
    #[serde(default)]
    page: Option<usize>,
}

/// A date from a filter field as the start of that day (UTC), or what is wrong with it.
fn day_start(value: &str, field: &str) -> Result<Option<jiff::Timestamp>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let date: jiff::civil::Date = value.parse().map_err(|_| {
        AppError::BadRequest(format!("`{field}`: `{value}` is not a date (YYYY-MM-DD)"))
    })?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .map(Some)
        .map_err(|e| AppError::BadRequest(format!("`{field}`: {e}")))
}

/// One customer's events as the filter asks, newest first, a page at a time: read with the
/// runtime's [`stig_runtime::EventStream`], the store doing the filtering.
async fn timeline(
    state: &AppState,
    ws_id: &str,
    ids: Vec<String>,
    params: &ProfileParams,
) -> Result<views::profile::Timeline, AppError> {
    const TYPES: &[&str] = &["track", "page", "screen", "identify", "group", "alias"];
    let kind = params.kind.trim();
    if !kind.is_empty() && !TYPES.contains(&kind) {
        return Err(AppError::BadRequest(format!(
            "`type`: `{kind}` is not one of {}",
            TYPES.join(", ")
        )));
    }
    let from = day_start(&params.from, "from")?;
    let to = day_start(&params.to, "to")?.map(|t| t + jiff::SignedDuration::from_hours(24));
    let filter = stig_store::EventFilter {
        from,
        to,
        types: if kind.is_empty() {
            Vec::new()
        } else {
            vec![kind.to_owned()]
        },
        event: Some(params.name.trim().to_owned()).filter(|n| !n.is_empty()),
        ids,
    };
    let mut stream = stig_runtime::EventStream::new(ws_id, 0, STREAM_PAGE).matching(filter);
    let mut events = Vec::new();
    while let Some(page) = stream.next_page(state.store.as_ref()).await? {
        events.extend(
            page.iter()
                .filter_map(|(_, text)| views::profile::TimelineEvent::parse(text)),
        );
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    let total = events.len();
    let pages = total.div_ceil(TIMELINE_PAGE).max(1);
    let page = params.page.unwrap_or(1).clamp(1, pages);
    let events = events
        .into_iter()
        .skip((page - 1) * TIMELINE_PAGE)
        .take(TIMELINE_PAGE)
        .collect();
    Ok(views::profile::Timeline {
        events,
        total,
        page,
        pages,
        first: (page - 1) * TIMELINE_PAGE + 1,
        kind: kind.to_owned(),
        name: params.name.trim().to_owned(),
        from: params.from.trim().to_owned(),
        to: params.to.trim().to_owned(),
        seen_names: Vec::new(),
    })
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

    // The timeline: every id's events, filtered and paged.
    let ids: Vec<String> = p.all_ids().map(str::to_owned).collect();
    let mut timeline = timeline(&state, &ws_id, ids, &params).await?;
    timeline.seen_names = ix.names.iter().filter(|n| !n.is_empty()).cloned().collect();

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
