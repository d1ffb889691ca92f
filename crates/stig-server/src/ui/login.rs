//! `GET /login`, `POST /login`, `POST /logout`, `POST /locale`.

use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maud::Markup;
use serde::Deserialize;

use stig_store::{StoreExt, ThrottleScope};

use crate::auth::{
    CsrfForm, LOCALE_COOKIE, SESSION_COOKIE, request_locale, session_cookie, throttle,
};
use crate::error::AppError;
use crate::i18n::{Locale, Tr};
use crate::state::AppState;
use crate::views::login::LoginOptions;
use crate::views::{self, PageCtx};

/// Login forms are protected by a double-submit token: a random cookie the form must echo.
const LOGIN_CSRF_COOKIE: &str = "stig_login_csrf";

/// How long a browser session lasts.
pub(crate) const SESSION_TTL: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    pub(crate) next: String,
}

pub(crate) fn anonymous_ctx<'a>(
    state: &'a AppState,
    locale: Locale,
    csrf: String,
    uri: &Uri,
) -> PageCtx<'a> {
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

/// What the login page offers: the provider's button when single sign-on is configured, the
/// password form unless `--sso-only`.
pub(crate) fn login_options(state: &AppState) -> LoginOptions<'_> {
    LoginOptions {
        sso: state
            .config
            .oidc
            .as_ref()
            .map(|o| o.settings().name.as_str()),
        sso_only: state.config.sso_only,
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
        views::login::login_page_with(&ctx, None, &safe_next(&q.next), login_options(&state)),
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
    extensions: Extensions,
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
    let refuse = |status: StatusCode, msg: &dyn Fn(&PageCtx<'_>) -> String| {
        let ctx = anonymous_ctx(
            &state,
            request_locale(&headers, &jar),
            expected.clone(),
            &uri,
        );
        let msg = msg(&ctx);
        let page = views::login::login_page_with(
            &ctx,
            Some(&msg),
            &safe_next(&form.next),
            login_options(&state),
        );
        (status, page).into_response()
    };
    if let Some(oidc) = state.config.oidc.as_ref().filter(|_| state.config.sso_only) {
        let provider = oidc.settings().name.as_str();
        return Ok(refuse(StatusCode::FORBIDDEN, &|ctx| {
            ctx.tr
                .ta("login-password-off", &[("provider", provider.into())])
        }));
    }
    // Guessing is refused before the password is even checked.
    let throttle = &state.config.login_throttle;
    let address = throttle::client_key(&extensions);
    let now = jiff::Timestamp::now();
    if let Some(blocked) =
        throttle::check(&*state.store, throttle, &form.user, &address, now).await?
    {
        throttle::refused(&*state.store, throttle, &address, now).await?;
        crate::audit::login_failed(&state, &form.user, "throttled").await;
        let retry = blocked.retry_after_secs(now);
        let key = match blocked.scope {
            ThrottleScope::Account => "login-throttled-account",
            ThrottleScope::Address => "login-throttled-address",
        };
        let time = blocked.until.strftime("%H:%M").to_string();
        let mut res = refuse(StatusCode::TOO_MANY_REQUESTS, &|ctx| {
            ctx.tr.ta(
                key,
                &[
                    ("minutes", retry.div_ceil(60).into()),
                    ("time", time.as_str().into()),
                ],
            )
        });
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry));
        return Ok(res);
    }
    let user = state.store.login(&form.user, &form.password).await?;
    let Some(user) = user else {
        throttle::failed(&*state.store, throttle, &form.user, &address, now).await?;
        crate::audit::login_failed(&state, &form.user, "wrong name or password").await;
        return Ok(refuse(StatusCode::UNAUTHORIZED, &|ctx| {
            ctx.t("login-failed")
        }));
    };
    throttle::succeeded(&*state.store, &form.user).await?;
    crate::audit::signed(&state, &user, stig_store::AuditAction::Login).await;
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
    crate::audit::signed(&state, &user.user, stig_store::AuditAction::Logout).await;
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

pub(crate) fn login_csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((LOGIN_CSRF_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .build()
}
