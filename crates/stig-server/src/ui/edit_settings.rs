//! `GET/POST /w/{ws}/settings`: the workspace's name, brand promise, language, currency,
//! customer lifecycle and retention (how long events and comments are kept).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use maud::Markup;

use stig_model::Origin;
use stig_store::Role;

use super::page_ctx;
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::forms::FormErrors;
use crate::views::forms::settings::{SettingsForm, settings_form};
use crate::views::layout::{Nav, page};

pub async fn show(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path(ws_id): Path<String>,
) -> Result<Markup, AppError> {
    user.require(Role::Editor)?;
    let stored = state.store.load_workspace(&ws_id).await?;
    let mut form = SettingsForm::from_model(&stored.value.settings);
    form.version = Some(stored.version);
    let ctx = page_ctx(&state, &user, Some(&stored.value), Some(&ws_id), &uri, None).await?;
    let body = settings_form(
        &ctx,
        &form,
        &FormErrors::default(),
        uri.path(),
        &ctx.ws_url(""),
        &event_names(&state, &ws_id).await,
    );
    Ok(page(
        &ctx,
        &ctx.t("form-edit-settings"),
        Nav::Overview,
        body,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    jar: CookieJar,
    uri: Uri,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let stored = state.store.load_workspace(&ws_id).await?;
    // The form edits what people change by hand; the rest (preference rules, time zone, mail
    // server, drivers outcome: set in stig.toml or their own pages) is kept.
    let settings = form.to_model().map_err(AppError::Invalid).map(|mut s| {
        let kept = &stored.value.settings;
        s.preferences = kept.preferences.clone();
        s.preference_half_life_days = kept.preference_half_life_days;
        s.timezone = kept.timezone.clone();
        s.smtp = kept.smtp.clone();
        s.drivers_outcome = kept.drivers_outcome.clone();
        s
    });
    let checked = settings.and_then(|settings| {
        let mut after = stored.value.clone();
        after.settings = settings.clone();
        crate::edit::check(&stored.value, &after, Origin::Settings).map(|()| settings)
    });
    let result = match checked {
        Ok(settings) => state
            .store
            .save_settings(
                &ws_id,
                &settings,
                form.version.unwrap_or(stored.version),
                &user.user.name,
            )
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    let (status, errors) = match result {
        Ok(_) => {
            let saved = state.store.load_workspace(&ws_id).await?.value.settings;
            let detail = crate::audit::diff(
                &serde_json::to_value(&stored.value.settings).unwrap_or_default(),
                &serde_json::to_value(&saved).unwrap_or_default(),
            );
            let changed = stig_store::AuditAction::SettingsChanged;
            crate::audit::record(&state, &user.user, changed, Some(&ws_id), None, detail).await;
            let jar = super::saved(&state, &user, jar);
            return Ok((
                jar,
                Redirect::to(&format!("/w/{}", crate::views::urlencode(&ws_id))),
            )
                .into_response());
        }
        Err(e) => super::form_errors(e)?,
    };
    let ctx = page_ctx(&state, &user, Some(&stored.value), Some(&ws_id), &uri, None).await?;
    let events = event_names(&state, &ws_id).await;
    let body = settings_form(&ctx, &form, &errors, uri.path(), &ctx.ws_url(""), &events);
    Ok((
        status,
        page(&ctx, &ctx.t("form-edit-settings"), Nav::Overview, body),
    )
        .into_response())
}

/// The event names of the workspace's tracking plan, offered for per-event retention; none
/// while the plan is still being counted (the field takes any name typed).
async fn event_names(state: &AppState, ws_id: &str) -> Vec<String> {
    match super::tracking::plan(state, ws_id).await {
        Ok(plan) => plan.event_names().into_iter().map(str::to_owned).collect(),
        Err(_) => Vec::new(),
    }
}
