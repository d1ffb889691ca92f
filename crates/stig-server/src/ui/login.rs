//! `GET /login`, `POST /login`, `POST /logout`, `POST /locale`.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maud::Markup;
use serde::Deserialize;

use stig_store::StoreExt;

use crate::auth::{CsrfForm, LOCALE_COOKIE, SESSION_COOKIE, request_locale, session_cookie};
use crate::error::AppError;
use crate::i18n::{Locale, Tr};
use crate::state::AppState;
use crate::views::{self, PageCtx};

/// Login forms are protected by a double-submit token: a random cookie the form must echo.
const LOGIN_CSRF_COOKIE: &str = "stig_login_csrf";

/// How long a browser session lasts.
const SESSION_TTL: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn anonymous_ctx<'a>(state: &'a AppState, locale: Locale, csrf: String, uri: &Uri) -> PageCtx<'a> {
    PageCtx {
        tr: Tr {
            i18n: &state.i18n,
            locale,
        },
        user: None,
        can_edit: false,
        is_admin: false,
        csrf,
        workspace: None,
        workspaces: vec![],
        path: uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        flash: None,
    }
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    uri: Uri,
    Query(q): Query<NextQuery>,
) -> (CookieJar, Markup) {
    let csrf = stig_store::auth::generate_token();
    let jar = jar.add(login_csrf_cookie(csrf.clone(), state.config.secure_cookies));
    let ctx = anonymous_ctx(&state, request_locale(&headers, &jar), csrf, &uri);
    (
        jar,
        views::login::login_page(&ctx, None, &safe_next(&q.next)),
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    uri: Uri,
    axum::Form(form): axum::Form<LoginForm>,
) -> Result<Response, AppError> {
    let expected = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    if expected.is_empty()
        || !crate::auth::constant_time_eq(expected.as_bytes(), form.csrf.as_bytes())
    {
        return Err(AppError::Csrf);
    }
    let user = state.store.login(&form.user, &form.password).await?;
    let Some(user) = user else {
        let locale = request_locale(&headers, &jar);
        let ctx = anonymous_ctx(&state, locale, expected, &uri);
        let msg = ctx.t("login-failed");
        let page = views::login::login_page(&ctx, Some(&msg), &safe_next(&form.next));
        return Ok((axum::http::StatusCode::UNAUTHORIZED, page).into_response());
    };
    let session = state.store.create_session(user.id, SESSION_TTL).await?;
    state
        .store
        .set_session_locale(&session.token, Some(request_locale(&headers, &jar).code()))
        .await?;
    let token = session.token;
    let jar = jar
        .add(session_cookie(token, state.config.secure_cookies))
        .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/"));
    Ok((jar, Redirect::to(&safe_next(&form.next))).into_response())
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(user, _): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    state.store.delete_session(&user.token).await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[derive(Deserialize)]
pub struct LocaleForm {
    locale: String,
    #[serde(default)]
    next: String,
}

/// Switches the user's language: stored on the session, and in a cookie for the login page.
pub async fn switch_locale(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(user, form): CsrfForm<LocaleForm>,
) -> Result<Response, AppError> {
    let locale = Locale::parse(&form.locale)
        .ok_or_else(|| AppError::BadRequest(format!("unknown language `{}`", form.locale)))?;
    state
        .store
        .set_session_locale(&user.token, Some(locale.code()))
        .await?;
    let jar = jar.add(
        Cookie::build((LOCALE_COOKIE, locale.code()))
            .path("/")
            .same_site(SameSite::Lax)
            .build(),
    );
    Ok((jar, Redirect::to(&safe_next(&form.next))).into_response())
}

/// Only local paths: never redirect to another site after login (see [`crate::redirect`]).
pub fn safe_next(next: &str) -> String {
    crate::redirect::next_or_home(next)
}

fn login_csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((LOGIN_CSRF_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .build()
}
