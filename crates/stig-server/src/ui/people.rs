//! A person's data rights from their profile page (admins only): download everything Stig
//! holds about them, and erase them after typing their id. The same functions as the API
//! (`api/people.rs`), so the receipt and the audit entry are the same.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use stig_store::Role;

use super::flash;
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{FlashKind, urlencode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/customers/{id}/export", get(export))
        .route("/w/{ws}/customers/{id}/erase", post(erase))
}

async fn export(
    State(state): State<AppState>,
    user: SessionUser,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let doc =
        crate::api::people::person_document(state.store.as_ref(), &state.live, &ws_id, ws, &id)
            .await?;
    crate::api::people::exported(&state, &user.user.name, &ws_id, &doc).await;
    Ok(crate::api::people::download(&ws_id, doc).into_response())
}

#[derive(Deserialize)]
struct EraseForm {
    /// The person's id typed again: a slip of the mouse erases nobody.
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    suppress: Option<String>,
}

async fn erase(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<EraseForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let profile = format!("/w/{}/customers/{}", urlencode(&ws_id), urlencode(&id));
    if form.confirm.trim() != id {
        let text = state
            .i18n
            .message(user.locale, "page-profile-erase-mismatch", None);
        let jar = flash::set(jar, FlashKind::Error, &text);
        return Ok((jar, Redirect::to(&format!("{profile}#privacy"))).into_response());
    }
    let suppress = form.suppress.is_some();
    crate::api::people::erase_person(&state, &ws_id, &id, suppress, &user.user.name).await?;
    let text = state.i18n.message(user.locale, "page-profile-erased", None);
    let jar = flash::set(jar, FlashKind::Success, &text);
    let list = format!("/w/{}/customers", urlencode(&ws_id));
    Ok((jar, Redirect::to(&list)).into_response())
}
