//! Minting survey links: `POST /api/workspaces/{ws}/survey-links` signs an invitation for one
//! customer to answer one touchpoint's survey on the public page `/s/{token}`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use stig_store::Role;

use super::entities::json_error;
use crate::auth::ApiUser;
use crate::error::{ApiError, AppError, FieldError};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::surveys::link::{self, Invitation};

/// Who is invited to answer which touchpoint's survey.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyLinkRequest {
    /// The customer's user id; the answer is stored as their event.
    pub customer: String,
    /// A touchpoint with a survey.
    pub touchpoint: String,
    /// The journey the customer was on, if known (kept with the answer).
    #[serde(default)]
    pub journey: Option<String>,
    /// Which run of that journey (kept with the answer).
    #[serde(default)]
    pub run: Option<u32>,
    /// The page's language: `en`, `nb`, `sv`, `da` or `fi` (default: the workspace's).
    #[serde(default)]
    pub locale: Option<String>,
}

/// A signed link, to send to the customer.
#[derive(Serialize, schemars::JsonSchema)]
pub struct SurveyLink {
    /// The page to open: `<base>/s/<token>`.
    pub url: String,
    /// The signed token (the capability to answer once).
    pub token: String,
    /// The invitation id; the answer's event has `messageId` `survey-<invitation>`.
    pub invitation: String,
    /// After this the link is refused (90 days after minting).
    pub expires_at: String,
}

pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    Path(ws_id): Path<String>,
    body: Result<Json<SurveyLinkRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<SurveyLink>, ApiError> {
    user.require(Role::Editor)?;
    let Json(req) = body.map_err(json_error)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let mut errors = Vec::new();
    let mut invalid = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.into(),
            message,
        })
    };
    let customer = req.customer.trim();
    if customer.is_empty() {
        invalid("customer", "the customer's user id is empty".into());
    }
    match ws.touchpoints.iter().find(|t| t.id == req.touchpoint) {
        None => invalid(
            "touchpoint",
            format!("no touchpoint `{}` in `{ws_id}`", req.touchpoint),
        ),
        Some(tp) if tp.survey.is_none() => invalid(
            "touchpoint",
            format!(
                "touchpoint `{}` has no survey (add one with [touchpoint.survey])",
                tp.id
            ),
        ),
        Some(_) => {}
    }
    if let Some(j) = &req.journey
        && !ws.journeys.iter().any(|x| &x.id == j)
    {
        invalid("journey", format!("no journey `{j}` in `{ws_id}`"));
    }
    let locale = match req.locale.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(l) => match Locale::parse(l) {
            Some(locale) => Some(locale.code().to_owned()),
            None => {
                invalid("locale", format!("`{l}` is not one of en, nb, sv, da, fi"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let invitation = Invitation {
        workspace: ws_id,
        touchpoint: req.touchpoint,
        customer: customer.to_owned(),
        journey: req.journey,
        run: req.run,
        locale,
        issued_at: Timestamp::now().as_second(),
    };
    let secret = state.store.secret(link::SECRET_NAME).await?;
    let (token, id) = invitation.sign(&secret);
    Ok(Json(SurveyLink {
        url: format!("{}/s/{token}", base_url(&state, &headers)),
        token,
        invitation: id,
        expires_at: invitation.expires_at().to_string(),
    }))
}

/// `STIG_PUBLIC_URL` when set, else the scheme and `Host` the request came with.
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = crate::state::Config::public_url_from_env() {
        return url;
    }
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(',').next().unwrap_or(v).trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let host = text(header::HOST.as_str()).unwrap_or_else(|| "localhost".into());
    let scheme = text("x-forwarded-proto").unwrap_or_else(|| {
        if state.config.secure_cookies {
            "https".into()
        } else {
            "http".into()
        }
    });
    format!("{scheme}://{host}")
}
