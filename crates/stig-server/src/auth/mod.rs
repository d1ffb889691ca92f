//! Who is asking: session cookies for the web app, bearer API tokens for scripts, roles, CSRF.
//!
//! Everything but login, static assets and `GET /healthz` requires one of the two. Forms are
//! protected by a per-session CSRF token ([`CsrfForm`]); the API, authenticated by a header a
//! browser never sends on its own, needs none.

mod csrf_form;
pub mod oidc;
pub mod throttle;

pub use csrf_form::CsrfForm;
pub(crate) use csrf_form::constant_time_eq;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use stig_store::{Role, User};

use crate::error::{ApiError, AppError};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::urlencode;

pub const SESSION_COOKIE: &str = "stig_session";
pub const LOCALE_COOKIE: &str = "stig_locale";

/// A signed-in user of the web app.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub csrf: String,
    pub locale: Locale,
    pub token: String,
}

impl SessionUser {
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        require(&self.user, role)
    }
}

pub fn require(user: &User, role: Role) -> Result<(), AppError> {
    if user.role >= role {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "this needs the {} role; {} is {}",
            role.as_str(),
            user.name,
            user.role.as_str()
        )))
    }
}

/// The locale for a request without a session: the cookie, else `Accept-Language`, else English.
pub fn request_locale(headers: &HeaderMap, jar: &CookieJar) -> Locale {
    jar.get(LOCALE_COOKIE)
        .and_then(|c| Locale::parse(c.value()))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

impl FromRequestParts<AppState> for SessionUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let login = || {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            Redirect::to(&format!("/login?next={}", urlencode(next))).into_response()
        };
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
            return Err(login());
        };
        match state.store.session(&token).await {
            Ok(Some(session)) => {
                let locale = session
                    .locale
                    .as_deref()
                    .and_then(Locale::parse)
                    .unwrap_or_else(|| request_locale(&parts.headers, &jar));
                Ok(SessionUser {
                    user: session.user,
                    csrf: session.csrf_token,
                    locale,
                    token,
                })
            }
            Ok(None) => Err(login()),
            Err(e) => Err(AppError::from(e).into_response()),
        }
    }
}

/// A user of the REST API: `Authorization: Bearer <token>` (from `stig token create`), or a
/// browser session for read-only requests.
#[derive(Debug, Clone)]
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(|| {
                    ApiError(AppError::BadRequest(
                        "Authorization must be `Bearer <token>`".into(),
                    ))
                })?;
            return match state.store.user_for_api_token(token.trim()).await? {
                Some(user) => Ok(ApiUser(user)),
                None => Err(ApiError(AppError::Unauthorized)),
            };
        }
        // A browser session may read the API (handy for exploring it), never write: writes
        // through a cookie would need CSRF protection the API does not have.
        if parts.method.is_safe() {
            let jar = CookieJar::from_headers(&parts.headers);
            if let Some(c) = jar.get(SESSION_COOKIE)
                && let Some(session) = state.store.session(c.value()).await?
            {
                return Ok(ApiUser(session.user));
            }
        }
        Err(ApiError(AppError::Unauthorized))
    }
}

impl ApiUser {
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        require(&self.0, role).map_err(ApiError)
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure when configured, path /.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .build()
}
