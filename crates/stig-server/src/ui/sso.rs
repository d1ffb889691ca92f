//! Single sign-on pages: `GET /login/sso` sends the browser to the identity provider with a
//! fresh `state`, `nonce` and PKCE challenge (kept in a short-lived HttpOnly cookie);
//! `GET /login/sso/callback` checks the answer against that cookie, lets
//! [`Oidc::finish`](crate::auth::oidc::Oidc::finish) verify it with the provider, finds the
//! user linked to the provider's account (made at the first sign-in, with a name from
//! `preferred_username` or `email` and a random password nobody knows) and starts a session.
//! The role comes from the provider's claims at every sign-in. Anything wrong: the login page
//! with what went wrong, no session.

use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use serde_json::json;
use stig_store::{AuditAction, AuditActor, StoreError, User};

use crate::audit;
use crate::auth::oidc::{Oidc, Pending, SignedIn, SsoError};
use crate::auth::{constant_time_eq, request_locale, session_cookie};
use crate::error::AppError;
use crate::state::AppState;
use crate::ui::login::{NextQuery, SESSION_TTL, anonymous_ctx, login_options, safe_next};
use crate::views;

/// The cookie that carries a sign-in in progress from `/login/sso` to its callback.
const PENDING_COOKIE: &str = "stig_sso";
const PENDING_PATH: &str = "/login/sso";
/// How long a person may take at the provider.
const PENDING_TTL: Duration = Duration::from_secs(10 * 60);

fn oidc(state: &AppState) -> Result<&Oidc, AppError> {
    state
        .config
        .oidc
        .as_deref()
        .ok_or_else(|| AppError::NotFound("single sign-on is not configured here".into()))
}

/// `GET /login/sso?next=…`: to the provider.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    uri: Uri,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let oidc = oidc(&state)?;
    match oidc.begin(safe_next(&q.next)).await {
        Ok((url, pending)) => {
            let cookie = Cookie::build((PENDING_COOKIE, pending.encode()))
                .http_only(true)
                // Lax: the provider's redirect back is a top-level GET from another site.
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .path(PENDING_PATH)
                .build();
            Ok((jar.add(cookie), Redirect::to(&url)).into_response())
        }
        Err(e) => Ok(failed(&state, &headers, jar, &uri, oidc, &e, &q.next).await),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
    /// RFC 9207: the issuer that answered, where the provider says it (mix-up defence).
    #[serde(default)]
    iss: Option<String>,
}

/// `GET /login/sso/callback?code=…&state=…`: back from the provider.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    uri: Uri,
    Query(answer): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    let oidc = oidc(&state)?;
    let pending = jar
        .get(PENDING_COOKIE)
        .and_then(|c| Pending::decode(c.value()));
    // One answer per sign-in: the cookie goes whatever happens.
    let jar = jar.remove(Cookie::build(PENDING_COOKIE).path(PENDING_PATH));
    let next = pending.as_ref().map(|p| p.next.clone()).unwrap_or_default();
    let signed = match check_answer(oidc, pending, &answer).await {
        Ok(signed) => signed,
        Err(e) => return Ok(failed(&state, &headers, jar, &uri, oidc, &e, &next).await),
    };
    let (user, created) = user_for(&state, &signed).await?;
    tracing::info!(user = user.id, "signed in through single sign-on");
    audit::record(
        &state,
        &user,
        AuditAction::SsoLogin,
        None,
        audit::target("user", &user.name),
        json!({"issuer": signed.identity.issuer, "role": user.role.as_str(), "created": created}),
    )
    .await;
    let session = state.store.create_session(user.id, SESSION_TTL).await?;
    state
        .store
        .set_session_locale(&session.token, Some(request_locale(&headers, &jar).code()))
        .await?;
    let jar = jar.add(session_cookie(session.token, state.config.secure_cookies));
    Ok((jar, Redirect::to(&safe_next(&next))).into_response())
}

/// The provider's answer, checked against the sign-in this browser started, then finished.
async fn check_answer(
    oidc: &Oidc,
    pending: Option<Pending>,
    answer: &CallbackQuery,
) -> Result<SignedIn, SsoError> {
    let pending = pending.ok_or_else(|| {
        SsoError::Forged(
            "this browser has no sign-in in progress (it was finished already, or took longer \
             than 10 minutes): start again"
                .into(),
        )
    })?;
    let age = jiff::Timestamp::now().as_second() - pending.started;
    if !(0..=PENDING_TTL.as_secs() as i64).contains(&age) {
        return Err(SsoError::Forged(
            "the sign-in took longer than 10 minutes at the provider: start again".into(),
        ));
    }
    let state = answer.state.as_deref().unwrap_or_default();
    if !constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
        return Err(SsoError::Forged(
            "the answer's state is not the one of the sign-in this browser started (a forged \
             or replayed answer)"
                .into(),
        ));
    }
    if let Some(iss) = &answer.iss
        && iss != &oidc.settings().issuer
    {
        return Err(SsoError::Forged(format!(
            "the answer comes from another issuer (`{iss}`) than this sign-in's"
        )));
    }
    if let Some(error) = &answer.error {
        return Err(SsoError::Refused(crate::auth::oidc::describe_oauth_error(
            error,
            answer.error_description.as_deref().unwrap_or(""),
        )));
    }
    let code = answer
        .code
        .as_deref()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| SsoError::Provider("the provider's answer has no code".into()))?;
    oidc.finish(code, &pending).await
}

/// The user linked to the provider's account, its role set from the claims; made at the
/// first sign-in (then `true`).
async fn user_for(state: &AppState, signed: &SignedIn) -> Result<(User, bool), AppError> {
    if let Some(mut user) = state.store.user_for_identity(&signed.identity).await? {
        if user.role != signed.role {
            state.store.set_role(user.id, signed.role).await?;
            user.role = signed.role;
        }
        return Ok((user, false));
    }
    // A password nobody knows: the account signs in through the provider (an administrator
    // can still set one with `stig user`, the way in when the provider is down).
    let password = tokio::task::spawn_blocking(|| {
        stig_store::auth::hash_password(&stig_store::auth::generate_token())
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))??;
    for name in candidate_names(&signed.names) {
        match state
            .store
            .create_user_for_identity(&signed.identity, &name, &password, signed.role)
            .await
        {
            Ok(user) => return Ok((user, true)),
            Err(StoreError::AlreadyExists { kind: "user", .. }) => continue,
            // Signed in twice at once: the other request made the user.
            Err(StoreError::AlreadyExists { .. }) => {
                if let Some(user) = state.store.user_for_identity(&signed.identity).await? {
                    return Ok((user, false));
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::BadRequest(format!(
        "no free user name for this account: {} and numbered variants are all taken",
        signed.names.join(", ")
    )))
}

/// The names to try: each as the provider gave it, then the first with `-2` … `-20`.
fn candidate_names(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = names.to_vec();
    if let Some(first) = names.first() {
        out.extend((2..=20).map(|n| format!("{first}-{n}")));
    }
    out
}

/// The login page saying what went wrong, with the provider's button to try again; the
/// attempt is in the audit log.
async fn failed(
    state: &AppState,
    headers: &HeaderMap,
    jar: CookieJar,
    uri: &Uri,
    oidc: &Oidc,
    e: &SsoError,
    next: &str,
) -> Response {
    // The kind only: messages can carry the provider's words and claim values.
    tracing::warn!(kind = e.kind(), "single sign-on failed");
    audit::record(
        state,
        AuditActor::Anonymous {
            attempted: "(single sign-on)".into(),
        },
        AuditAction::LoginFailed,
        None,
        None,
        json!({"via": "sso", "issuer": oidc.settings().issuer, "reason": e.kind()}),
    )
    .await;
    let csrf = stig_store::auth::generate_token();
    let jar = jar.add(crate::ui::login::login_csrf_cookie(
        csrf.clone(),
        state.config.secure_cookies,
    ));
    let ctx = anonymous_ctx(state, request_locale(headers, &jar), csrf, uri);
    let provider = oidc.settings().name.as_str();
    let lead = if matches!(e, SsoError::NoRole { .. }) {
        "sso-no-role"
    } else {
        "sso-failed"
    };
    let message = format!(
        "{} ({e})",
        ctx.tr.ta(lead, &[("provider", provider.into())])
    );
    let page =
        views::login::login_page_with(&ctx, Some(&message), &safe_next(next), login_options(state));
    (e.status(), jar, page).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tried_then_numbered() {
        let names = candidate_names(&["kari".into(), "kari@example.no".into()]);
        assert_eq!(&names[..4], ["kari", "kari@example.no", "kari-2", "kari-3"]);
        assert_eq!(names.len(), 2 + 19);
    }
}
