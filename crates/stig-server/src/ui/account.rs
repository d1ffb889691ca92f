//! `GET /account`: one's own account: change the password (`POST /account/password`), and
//! one's API tokens (`POST /account/tokens` creates one and shows it once,
//! `POST /account/tokens/revoke` revokes one).

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser, session_cookie};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::FlashKind;
use crate::views::account::{AccountView, account_page};

/// As long as a login's session (`ui/login.rs`).
const SESSION_TTL: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);
/// The shortest password accepted (as for users an admin adds).
pub const MIN_PASSWORD: usize = 10;
const MAX_LABEL: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        .route("/account/password", post(change_password))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/revoke", post(revoke_token))
}

async fn render(
    state: &AppState,
    user: &SessionUser,
    uri: &Uri,
    flash: Option<crate::views::Flash>,
    view: AccountView<'_>,
) -> Result<Markup, AppError> {
    let ctx = page_ctx(state, user, None, None, uri, flash).await?;
    let tokens = state.store.list_api_tokens(user.user.id).await?;
    Ok(account_page(&ctx, &user.user, &tokens, &view))
}

async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
) -> Result<(CookieJar, Markup), AppError> {
    let (jar, flash) = flash::take(jar);
    let page = render(&state, &user, &uri, flash, AccountView::default()).await?;
    Ok((jar, page))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

/// Checks the current password, stores the new one (Argon2id) and ends every other session
/// of this user; this browser gets a fresh session so it stays signed in.
async fn change_password(
    State(state): State<AppState>,
    uri: Uri,
    jar: CookieJar,
    CsrfForm(user, form): CsrfForm<PasswordForm>,
) -> Result<Response, AppError> {
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let refuse = |field: &'static str, key: &str| (field, tr.t(key));
    let problem = if form.new.chars().count() < MIN_PASSWORD {
        Some((
            "new",
            tr.ta(
                "account-password-too-short",
                &[("min", MIN_PASSWORD.into())],
            ),
        ))
    } else if form.new != form.repeat {
        Some(refuse("repeat", "account-password-mismatch"))
    } else if !current_password_ok(&state, &user, &form.current).await? {
        Some(refuse("current", "account-password-wrong"))
    } else {
        None
    };
    if let Some((field, message)) = problem {
        let view = AccountView {
            password_error: Some((field, message)),
            ..AccountView::default()
        };
        let page = render(&state, &user, &uri, None, view).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || stig_store::auth::hash_password(&new))
        .await
        .map_err(|e| AppError::Internal(format!("hashing the password: {e}")))??;
    // Ends every session of the user, this one too ...
    state.store.set_password(user.user.id, &hash).await?;
    // ... so this browser gets a new one, in the same language.
    let session = state
        .store
        .create_session(user.user.id, SESSION_TTL)
        .await?;
    state
        .store
        .set_session_locale(&session.token, Some(user.locale.code()))
        .await?;
    let jar = jar.add(session_cookie(session.token, state.config.secure_cookies));
    let jar = flash::set(jar, FlashKind::Success, &tr.t("account-password-changed"));
    Ok((jar, Redirect::to("/account")).into_response())
}

async fn current_password_ok(
    state: &AppState,
    user: &SessionUser,
    password: &str,
) -> Result<bool, AppError> {
    let Some((_, hash)) = state.store.credentials(&user.user.name).await? else {
        return Ok(false);
    };
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || stig_store::auth::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(format!("checking the password: {e}")))
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    label: String,
}

/// Creates a token and shows it on the page this once (never through a cookie or a redirect).
async fn create_token(
    State(state): State<AppState>,
    uri: Uri,
    headers: axum::http::HeaderMap,
    CsrfForm(user, form): CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    let label = form.label.trim();
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    if label.is_empty() || label.chars().count() > MAX_LABEL {
        let view = AccountView {
            token_error: Some(tr.t("account-token-label-needed")),
            ..AccountView::default()
        };
        let page = render(&state, &user, &uri, None, view).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let token = state.store.create_api_token(user.user.id, label).await?;
    crate::audit::did(
        &state,
        &user.user,
        stig_store::AuditAction::TokenCreated,
        None,
        ("token", label),
    )
    .await;
    let base = crate::api::survey_links::base_url(&state, &headers);
    let view = AccountView {
        created: Some((label, &token)),
        base_url: &base,
        ..AccountView::default()
    };
    let page = render(&state, &user, &uri, None, view).await?;
    Ok(page.into_response())
}

#[derive(Deserialize)]
struct RevokeForm {
    fingerprint: String,
}

async fn revoke_token(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(user, form): CsrfForm<RevokeForm>,
) -> Result<Response, AppError> {
    let tr = Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let jar = match state
        .store
        .revoke_api_token(user.user.id, form.fingerprint.trim())
        .await
    {
        Ok(()) => {
            let fingerprint = form.fingerprint.trim();
            crate::audit::did(
                &state,
                &user.user,
                stig_store::AuditAction::TokenRevoked,
                None,
                ("token", fingerprint),
            )
            .await;
            flash::set(jar, FlashKind::Success, &tr.t("account-token-revoked"))
        }
        Err(e) if e.is_not_found() => {
            flash::set(jar, FlashKind::Error, &tr.t("account-token-not-found"))
        }
        Err(e) => return Err(e.into()),
    };
    Ok((jar, Redirect::to("/account")).into_response())
}
