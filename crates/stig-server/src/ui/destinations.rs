//! `GET/POST /w/{ws}/sources/{id}/destinations`: a source's streaming destinations, and
//! `POST …/{dest}/enabled|test|delete`. Editors only, the role that manages sources and
//! secrets; forms carry the CSRF token. A new destination's signing secret is shown once.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use stig_runtime::destinations;
use stig_store::{NewDestination, Role};

use super::{flash, page_ctx};
use crate::api::destinations::{create as create_destination, destination, parse_only, source};
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::destinations::{DestinationsView, destinations_page};
use crate::views::layout::{Nav, page};
use crate::views::{FlashKind, urlencode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/sources/{id}/destinations", get(show).post(add))
        .route(
            "/w/{ws}/sources/{id}/destinations/{dest}/enabled",
            post(set_enabled),
        )
        .route("/w/{ws}/sources/{id}/destinations/{dest}/test", post(test))
        .route(
            "/w/{ws}/sources/{id}/destinations/{dest}/delete",
            post(delete),
        )
}

/// What the page shows besides the list: a secret just made, or a refused form.
#[derive(Default)]
struct Extra<'a> {
    created: Option<(&'a str, &'a str)>,
    form: (&'a str, &'a str),
    error: Option<&'a str>,
}

async fn render(
    state: &AppState,
    user: &SessionUser,
    uri: &Uri,
    jar: Option<CookieJar>,
    (ws_id, id): (&str, &str),
    extra: Extra<'_>,
) -> Result<(Option<CookieJar>, maud::Markup), AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), ws_id).await?;
    let (jar, flash) = match jar {
        Some(jar) => {
            let (jar, flash) = flash::take(jar);
            (Some(jar), flash)
        }
        None => (None, None),
    };
    let ctx = page_ctx(state, user, Some(&ws), Some(ws_id), uri, flash).await?;
    let source = source(state, ws_id, id).await?;
    let list = state.store.list_destinations(Some(ws_id), Some(id)).await?;
    let stats = destinations::stats(state.store.as_ref(), ws_id, &list).await?;
    let view = DestinationsView {
        source: &source,
        destinations: &list,
        stats: &stats,
        created: extra.created,
        form: extra.form,
        error: extra.error,
    };
    let title = ctx.tr.ta(
        "destinations-title",
        &[("source", source.name.clone().into())],
    );
    Ok((
        jar,
        page(&ctx, &title, Nav::Sources, destinations_page(&ctx, &view)),
    ))
}

async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (jar, body) = render(
        &state,
        &user,
        &uri,
        Some(jar),
        (&ws_id, &id),
        Extra::default(),
    )
    .await?;
    Ok((jar, body).into_response())
}

#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    only: String,
}

/// Creates a destination (its URL checked by the SSRF guard) and shows its signing secret,
/// once; a refused one comes back with the form as typed and the reason.
async fn add(
    State(state): State<AppState>,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<NewForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    source(&state, &ws_id, &id).await?;
    let new = NewDestination {
        source: id.clone(),
        url: form.url.clone(),
        only: parse_only(&form.only),
        enabled: true,
    };
    match create_destination(&state, &ws_id, &id, new, &user.user.name).await {
        Ok((d, secret)) => {
            let extra = Extra {
                created: Some((&d.secret, &secret)),
                ..Extra::default()
            };
            let (_, body) = render(&state, &user, &uri, None, (&ws_id, &id), extra).await?;
            Ok((
                StatusCode::CREATED,
                // The secret is on this page only: never cache it.
                [(header::CACHE_CONTROL, "no-store")],
                body,
            )
                .into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let message: Vec<String> = errors.into_iter().map(|e| e.message).collect();
            let message = message.join("; ");
            let extra = Extra {
                form: (&form.url, &form.only),
                error: Some(&message),
                ..Extra::default()
            };
            let (_, body) = render(&state, &user, &uri, None, (&ws_id, &id), extra).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct EnabledForm {
    #[serde(default)]
    enabled: String,
}

async fn set_enabled(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id, dest)): Path<(String, String, String)>,
    CsrfForm(user, form): CsrfForm<EnabledForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let d = destination(&state, &ws_id, &id, &dest).await?;
    let enabled = form.enabled == "true";
    state
        .store
        .set_destination_enabled(&ws_id, &d.id, enabled)
        .await?;
    // A resumed destination catches up at once.
    state.moments.events_stored();
    let key = if enabled {
        "destinations-resumed"
    } else {
        "destinations-paused-now"
    };
    done(&state, &user, jar, (&ws_id, &id), key)
}

#[derive(Deserialize, Default)]
pub struct EmptyForm {}

async fn test(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id, dest)): Path<(String, String, String)>,
    CsrfForm(user, _): CsrfForm<EmptyForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let d = destination(&state, &ws_id, &id, &dest).await?;
    destinations::send_test(&state.moments_context(), &d).await?;
    done(
        &state,
        &user,
        jar,
        (&ws_id, &id),
        "destinations-test-queued",
    )
}

async fn delete(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id, dest)): Path<(String, String, String)>,
    CsrfForm(user, _): CsrfForm<EmptyForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let d = destination(&state, &ws_id, &id, &dest).await?;
    state.store.delete_destination(&ws_id, &d.id).await?;
    done(&state, &user, jar, (&ws_id, &id), "destinations-deleted")
}

/// Back to the destinations page with a message.
fn done(
    state: &AppState,
    user: &SessionUser,
    jar: CookieJar,
    (ws_id, id): (&str, &str),
    key: &str,
) -> Result<Response, AppError> {
    let text = state.i18n.message(user.locale, key, None);
    let jar = flash::set(jar, FlashKind::Success, &text);
    let url = format!(
        "/w/{}/sources/{}/destinations",
        urlencode(ws_id),
        urlencode(id)
    );
    Ok((jar, Redirect::to(&url)).into_response())
}
