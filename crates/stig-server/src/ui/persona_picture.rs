//! A persona's picture: uploaded from the persona form (multipart), served to the cards, the
//! persona page and the journey map, removed. The bytes are checked by the store (PNG, JPEG or
//! WebP by their magic bytes, at most [`stig_store::MAX_PICTURE_BYTES`]); this file turns what
//! is wrong into a message in the user's language.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use stig_store::{MAX_PICTURE_BYTES, Role, Store};

use super::flash;
use crate::auth::{CsrfForm, SessionUser, constant_time_eq};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{FlashKind, urlencode};

/// Uploads larger than this are cut off while reading; between the picture limit and this,
/// the user is told the size and the limit.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/w/{ws}/personas/{id}/picture",
            get(show)
                .post(upload)
                .layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route("/w/{ws}/personas/{id}/picture/delete", post(remove))
}

/// The picture URLs of a workspace's personas that have one (persona id → URL); the URL
/// changes with each upload, so browsers may cache it.
pub async fn picture_urls(
    store: &dyn Store,
    ws_id: &str,
) -> Result<BTreeMap<String, String>, AppError> {
    Ok(store
        .persona_pictures(ws_id)
        .await?
        .into_iter()
        .map(|(p, at)| {
            let url = picture_url(ws_id, &p, at.as_second());
            (p, url)
        })
        .collect())
}

/// `/w/{ws}/personas/{id}/picture?v={version}`.
pub fn picture_url(ws_id: &str, persona: &str, version: i64) -> String {
    format!(
        "/w/{}/personas/{}/picture?v={version}",
        urlencode(ws_id),
        urlencode(persona)
    )
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    /// `initials`: answer a drawn placeholder with the persona's initials when there is no
    /// picture (the persona form shows it), instead of 404.
    #[serde(default)]
    or: Option<String>,
}

/// `GET /w/{ws}/personas/{id}/picture`: the picture as uploaded.
async fn show(
    State(state): State<AppState>,
    _user: SessionUser,
    Path((ws_id, id)): Path<(String, String)>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    match state.store.persona_picture(&ws_id, &id).await? {
        Some(p) => Ok((
            [
                (header::CONTENT_TYPE, p.mime),
                (header::CACHE_CONTROL, "private, max-age=86400".to_owned()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ],
            p.bytes,
        )
            .into_response()),
        None if q.or.as_deref() == Some("initials") => {
            let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
            let name = ws.persona(&id).map_or(id.as_str(), |p| p.name.as_str());
            let initials = crate::views::parts::initials(crate::views::parts::short_name(name));
            Ok((
                [
                    (header::CONTENT_TYPE, "image/svg+xml"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                placeholder(&initials),
            )
                .into_response())
        }
        None => Err(AppError::NotFound(format!(
            "persona `{id}` in `{ws_id}` has no picture"
        ))),
    }
}

/// A grey disc with the initials, for a persona without a picture.
fn placeholder(initials: &str) -> String {
    let text: String = initials
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">\
         <circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"#E4E9EF\"/>\
         <text x=\"48\" y=\"58\" font-family=\"sans-serif\" font-size=\"30\" font-weight=\"700\" \
         fill=\"#4A5868\" text-anchor=\"middle\">{text}</text></svg>"
    )
}

/// `POST /w/{ws}/personas/{id}/picture` (multipart: `csrf`, `picture`): stores the picture
/// and goes to the persona's page, which says what happened.
async fn upload(
    State(state): State<AppState>,
    user: SessionUser,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let back = back_to(&ws_id, &id);
    let mut csrf = String::new();
    let mut picture: Option<Vec<u8>> = None;
    let mut too_big = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            // A body over the limit stops the reading; anything else is a broken request.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                too_big = true;
                break;
            }
            Err(e) => return Err(AppError::BadRequest(format!("cannot read the upload: {e}"))),
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("picture") => match field.bytes().await {
                Ok(b) => picture = Some(b.to_vec()),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    too_big = true;
                    break;
                }
                Err(e) => {
                    return Err(AppError::BadRequest(format!(
                        "cannot read the picture: {e}"
                    )));
                }
            },
            _ => {}
        }
    }
    // The token comes before the file in the form; a body cut off before it is refused too.
    if !constant_time_eq(csrf.as_bytes(), user.csrf.as_bytes()) {
        return Err(AppError::Csrf);
    }
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    if ws.persona(&id).is_none() {
        return Err(AppError::NotFound(format!(
            "persona `{id}` is not in `{ws_id}`"
        )));
    }
    let max_kib = (MAX_PICTURE_BYTES / 1024).into();
    let problem = match &picture {
        _ if too_big => Some(tr.ta(
            "photo-too-big",
            &[("size", (BODY_LIMIT / 1024).into()), ("max", max_kib)],
        )),
        None => Some(tr.t("photo-missing")),
        Some(b) if b.is_empty() => Some(tr.t("photo-missing")),
        Some(b) if b.len() > MAX_PICTURE_BYTES => Some(tr.ta(
            "photo-too-big",
            &[("size", b.len().div_ceil(1024).into()), ("max", max_kib)],
        )),
        Some(b) if stig_store::picture_mime(b).is_none() => Some(tr.t("photo-not-image")),
        Some(_) => None,
    };
    if let Some(text) = problem {
        let jar = flash::set(jar, FlashKind::Error, &text);
        return Ok((jar, Redirect::to(&back)).into_response());
    }
    let bytes = picture.unwrap_or_default();
    state.store.set_persona_picture(&ws_id, &id, &bytes).await?;
    let jar = flash::set(jar, FlashKind::Success, &tr.t("photo-saved"));
    Ok((jar, Redirect::to(&back)).into_response())
}

/// The persona's page, which shows the picture and the message.
fn back_to(ws_id: &str, id: &str) -> String {
    format!("/w/{}/personas/{}#picture", urlencode(ws_id), urlencode(id))
}

#[derive(Deserialize)]
struct Empty {}

/// `POST /w/{ws}/personas/{id}/picture/delete`.
async fn remove(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    state.store.delete_persona_picture(&ws_id, &id).await?;
    let jar = flash::set(jar, FlashKind::Success, &tr.t("photo-removed"));
    let back = back_to(&ws_id, &id);
    Ok((jar, Redirect::to(&back)).into_response())
}
