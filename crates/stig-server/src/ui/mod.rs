//! Web-app handlers, one file per page or action, all of the same shape (Miniflux's):
//! who is asking → load → (parse form → validate → store) → page or redirect.

pub mod account;
pub mod audit;
pub mod connect;
pub mod customers;
pub mod destinations;
pub mod edit;
pub mod edit_settings;
pub mod edit_step;
pub mod export;
pub mod flash;
pub mod insight;
pub mod login;
pub mod moments;
pub mod pages;
pub mod people;
pub mod persona_picture;
pub mod sources;
pub mod sso;
pub mod standalone;
pub mod tracking;
pub mod users;
pub mod workspaces;

use axum::http::Uri;

use stig_store::Role;

use crate::auth::SessionUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Flash, PageCtx};

/// Builds the context every page needs for `user` looking at workspace `ws` (if any).
pub async fn page_ctx<'a>(
    state: &'a AppState,
    user: &SessionUser,
    ws: Option<&stig_model::Workspace>,
    ws_id: Option<&str>,
    uri: &Uri,
    flash: Option<Flash>,
) -> Result<PageCtx<'a>, AppError> {
    let workspaces = state
        .cache
        .list(state.store.as_ref())
        .await?
        .iter()
        .map(|w| (w.id.clone(), w.name.clone()))
        .collect();
    Ok(PageCtx {
        tr: Tr {
            i18n: &state.i18n,
            locale: user.locale,
        },
        user: Some(user.user.name.clone()),
        can_edit: user.user.role >= Role::Editor,
        is_admin: user.user.role >= Role::Admin,
        csrf: user.csrf.clone(),
        workspace: ws
            .zip(ws_id)
            .map(|(w, id)| (id.to_owned(), w.settings.name.clone())),
        workspaces,
        path: uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into()),
        flash,
    })
}

/// What a failed save shows on its form: field errors (422) or a conflict (409); any other
/// error is not the form's to show.
pub fn form_errors(
    e: AppError,
) -> Result<(axum::http::StatusCode, crate::views::forms::FormErrors), AppError> {
    use crate::views::forms::FormErrors;
    match e {
        AppError::Invalid(fields) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors {
                fields,
                conflict: None,
            },
        )),
        AppError::Conflict(message) => Ok((
            axum::http::StatusCode::CONFLICT,
            FormErrors {
                fields: vec![],
                conflict: Some(message),
            },
        )),
        other => Err(other),
    }
}

/// The "Saved." flash, in the user's language.
pub fn saved(
    state: &AppState,
    user: &SessionUser,
    jar: axum_extra::extract::CookieJar,
) -> axum_extra::extract::CookieJar {
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    flash::set(jar, crate::views::FlashKind::Success, &tr.t("form-saved"))
}
