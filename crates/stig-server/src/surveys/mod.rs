//! Stig-hosted micro-surveys: a touchpoint's one question, answered by a customer on a public
//! page reached through a signed per-customer link (`GET /s/{token}`), no login needed.
//!
//! The token ([`link`]) is the capability: it names workspace, touchpoint, customer (and
//! optionally journey, run and locale) and is signed with a server secret, so it cannot be
//! changed or forged; it works for [`link::VALID_DAYS`] days. `POST /s/{token}` stores the
//! answer as a Segment track event `Feedback Submitted` whose `messageId` is
//! `survey-<invitation id>`, so the store keeps one answer per invitation whatever the
//! number of submits. The pages ([`page`]) are plain HTML forms (no JavaScript), localized in
//! the invitation's locale, else the workspace's, else the browser's, and rate limited per
//! client ([`limit`]).

pub mod limit;
pub mod page;

/// The signed links, shared with the runtime's sender (which mints them for moments).
pub use stig_runtime::survey_link as link;

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Form, Router};
use jiff::Timestamp;
use maud::Markup;
use serde::Deserialize;
use serde_json::{Map, Value};

use stig_model::{Survey, SurveyKind, Touchpoint, Workspace};
use stig_pipeline::event::{Event, EventType};

use crate::i18n::{Locale, Tr};
use crate::state::AppState;
use limit::RateLimiter;
use link::{Invitation, LinkError, Verified};
use page::{Notice, SurveyView};

/// The longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// The public survey routes, each router with a rate limiter of its own.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/s/{token}", get(show).post(submit))
        .layer(Extension(Arc::new(RateLimiter::default())))
}

/// The answer form as posted.
#[derive(Debug, Deserialize, Default)]
pub struct Answer {
    #[serde(default)]
    pub score: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// Everything a valid link leads to.
struct Target {
    verified: Verified,
    workspace: Arc<Workspace>,
    locale: Locale,
}

impl Target {
    fn touchpoint(&self) -> Option<(&Touchpoint, &Survey)> {
        let tp = self
            .workspace
            .touchpoints
            .iter()
            .find(|t| t.id == self.verified.invitation.touchpoint)?;
        Some((tp, tp.survey.as_ref()?))
    }

    fn message_id(&self) -> String {
        format!("survey-{}", self.verified.id)
    }
}

/// `GET /s/{token}`: the question, or why it cannot be answered.
pub async fn show(
    State(state): State<AppState>,
    Extension(limiter): Extension<Arc<RateLimiter>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    extensions: Extensions,
) -> Response {
    if let Some(busy) = limited(&state, &limiter, &headers, &extensions) {
        return busy;
    }
    let target = match open(&state, &token, &headers).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let tr = tr(&state, target.locale);
    let Some((tp, survey)) = target.touchpoint() else {
        return notice(tr, StatusCode::NOT_FOUND, Notice::Gone);
    };
    match state
        .store
        .has_event(&target.verified.invitation.workspace, &target.message_id())
        .await
    {
        Ok(true) => notice(tr, StatusCode::OK, Notice::Answered),
        Ok(false) => {
            let view = view(&target, tp, survey, &token);
            html(StatusCode::OK, page::form(tr, &view, None, "", None))
        }
        Err(e) => store_failed(tr, e),
    }
}

/// `POST /s/{token}`: stores the answer once, as a `Feedback Submitted` event.
pub async fn submit(
    State(state): State<AppState>,
    Extension(limiter): Extension<Arc<RateLimiter>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    extensions: Extensions,
    form: Result<Form<Answer>, FormRejection>,
) -> Response {
    if let Some(busy) = limited(&state, &limiter, &headers, &extensions) {
        return busy;
    }
    let target = match open(&state, &token, &headers).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let tr = tr(&state, target.locale);
    let Some((tp, survey)) = target.touchpoint() else {
        return notice(tr, StatusCode::NOT_FOUND, Notice::Gone);
    };
    let ws_id = &target.verified.invitation.workspace;
    match state.store.has_event(ws_id, &target.message_id()).await {
        Ok(true) => return notice(tr, StatusCode::OK, Notice::Answered),
        Ok(false) => {}
        Err(e) => return store_failed(tr, e),
    }
    let Form(answer) = form.unwrap_or_default();
    let comment = answer
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let view = view(&target, tp, survey, &token);
    let score = match parse_score(survey.kind, answer.score.as_deref()) {
        Ok(s) => s,
        Err(()) => {
            let (lo, hi) = scale(survey.kind);
            let msg = tr.ta(
                "survey-error-score",
                &[("low", lo.into()), ("high", hi.into())],
            );
            let page = page::form(tr, &view, None, comment.unwrap_or(""), Some(&msg));
            return html(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        let msg = tr.ta(
            "survey-error-comment",
            &[("max", (MAX_COMMENT_CHARS as i64).into())],
        );
        let page = page::form(tr, &view, Some(score), comment.unwrap_or(""), Some(&msg));
        return html(StatusCode::UNPROCESSABLE_ENTITY, page);
    }
    let event = answer_event(&target, survey.kind, score, comment, Timestamp::now());
    match state.store.append_events(ws_id, &[event]).await {
        Ok(outcome) if outcome.stored == 0 => notice(tr, StatusCode::OK, Notice::Answered),
        Ok(_) => notice(tr, StatusCode::OK, Notice::Thanks),
        Err(e) => store_failed(tr, e),
    }
}

/// The lowest and highest score of a scale.
pub fn scale(kind: SurveyKind) -> (i64, i64) {
    match kind {
        SurveyKind::Nps => (0, 10),
        SurveyKind::Csat => (1, 5),
        SurveyKind::Ces => (1, 7),
    }
}

/// A whole number on the survey's scale.
fn parse_score(kind: SurveyKind, text: Option<&str>) -> Result<i64, ()> {
    let (lo, hi) = scale(kind);
    text.and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|s| (lo..=hi).contains(s))
        .ok_or(())
}

/// The answer as the event the collector would have stored for it.
fn answer_event(
    target: &Target,
    kind: SurveyKind,
    score: i64,
    comment: Option<&str>,
    now: Timestamp,
) -> stig_store::NewEvent {
    let inv = &target.verified.invitation;
    let mut properties = Map::new();
    properties.insert("score_type".into(), kind.as_str().into());
    properties.insert("score".into(), score.into());
    if let Some(c) = comment {
        properties.insert("comment".into(), c.into());
    }
    properties.insert("touchpoint".into(), inv.touchpoint.clone().into());
    if let Some(j) = &inv.journey {
        properties.insert("journey".into(), j.clone().into());
    }
    if let Some(r) = inv.run {
        properties.insert("run".into(), r.into());
    }
    properties.insert("invitation".into(), target.verified.id.clone().into());
    properties.insert("channel".into(), "stig-survey".into());
    properties.insert("language".into(), target.locale.code().into());
    let event = Event {
        kind: EventType::Track,
        message_id: target.message_id(),
        anonymous_id: None,
        user_id: Some(inv.customer.clone()),
        timestamp: now,
        original_timestamp: None,
        sent_at: None,
        received_at: now,
        context: Map::from_iter([("locale".to_owned(), Value::from(target.locale.code()))]),
        integrations: Map::new(),
        properties,
        traits: Map::new(),
        event: Some("Feedback Submitted".into()),
        name: None,
        group_id: None,
        previous_id: None,
        extra: Map::new(),
    };
    crate::collect::new_event(event, None)
}

/// Checks the token and loads its workspace; the refusal page otherwise.
async fn open(state: &AppState, token: &str, headers: &HeaderMap) -> Result<Target, Response> {
    let fallback = tr(state, browser_locale(headers));
    let secret = match state.store.secret(link::SECRET_NAME).await {
        Ok(s) => s,
        Err(e) => return Err(store_failed(fallback, e)),
    };
    let verified = link::verify(token, &secret, Timestamp::now()).map_err(|e| match e {
        LinkError::Garbled => notice(fallback, StatusCode::BAD_REQUEST, Notice::Invalid),
        LinkError::BadSignature => notice(fallback, StatusCode::NOT_FOUND, Notice::Invalid),
        LinkError::Expired => notice(fallback, StatusCode::GONE, Notice::Expired),
    })?;
    let workspace = match state
        .cache
        .workspace(state.store.as_ref(), &verified.invitation.workspace)
        .await
    {
        Ok((_, ws)) => ws,
        Err(crate::error::AppError::NotFound(_)) => {
            return Err(notice(fallback, StatusCode::NOT_FOUND, Notice::Gone));
        }
        Err(e) => {
            tracing::error!(message = "survey: cannot load workspace", error = %e);
            return Err(notice(
                fallback,
                StatusCode::INTERNAL_SERVER_ERROR,
                Notice::Failed,
            ));
        }
    };
    let locale = page_locale(&verified.invitation, &workspace, headers);
    Ok(Target {
        verified,
        workspace,
        locale,
    })
}

/// The invitation's locale, else the workspace's, else the browser's, else English.
fn page_locale(inv: &Invitation, ws: &Workspace, headers: &HeaderMap) -> Locale {
    inv.locale
        .as_deref()
        .and_then(Locale::parse)
        .or_else(|| Locale::parse(&ws.settings.locale))
        .unwrap_or_else(|| browser_locale(headers))
}

fn browser_locale(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or_default()
}

fn view<'a>(
    target: &'a Target,
    tp: &'a Touchpoint,
    survey: &'a Survey,
    token: &'a str,
) -> SurveyView<'a> {
    SurveyView {
        workspace: &target.workspace.settings.name,
        touchpoint: &tp.name,
        survey,
        action: format!("/s/{token}"),
        expires: target.verified.invitation.expires_at(),
    }
}

fn tr(state: &AppState, locale: Locale) -> Tr<'_> {
    Tr {
        i18n: &state.i18n,
        locale,
    }
}

/// The 429 page when the client has used up its requests.
fn limited(
    state: &AppState,
    limiter: &RateLimiter,
    headers: &HeaderMap,
    extensions: &Extensions,
) -> Option<Response> {
    let peer = crate::client_addr::peer(extensions);
    let key =
        crate::client_addr::client_addr(peer, headers, &state.config.trusted_proxies).to_string();
    let retry_after = limiter.check(&key).err()?;
    let mut res = notice(
        tr(state, browser_locale(headers)),
        StatusCode::TOO_MANY_REQUESTS,
        Notice::Busy,
    );
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    Some(res)
}

fn store_failed(tr: Tr<'_>, e: stig_store::StoreError) -> Response {
    tracing::error!(message = "survey: store error", error = %e);
    notice(tr, StatusCode::INTERNAL_SERVER_ERROR, Notice::Failed)
}

fn notice(tr: Tr<'_>, status: StatusCode, what: Notice) -> Response {
    html(status, page::notice(tr, what))
}

fn html(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_FRAME_OPTIONS, "DENY"),
        ],
        markup,
    )
        .into_response()
}
