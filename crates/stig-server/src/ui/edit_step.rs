//! Steps are edited one at a time, inside their journey: new, edit, move up/down, delete.
//! Each change saves the whole journey against the version the editor started from.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;

use stig_model::Journey;
use stig_store::{EntityKind, Role};

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser};
use crate::edit;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::forms::step::{StepForm, place_step, step_form};
use crate::views::forms::{FormErrors, FormTarget};
use crate::views::layout::{Nav, page};
use crate::views::{FlashKind, urlencode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/w/{ws}/journeys/{journey}/steps/new", get(new))
        .route("/w/{ws}/journeys/{journey}/steps", post(create))
        .route(
            "/w/{ws}/journeys/{journey}/steps/{step}/edit",
            get(edit_page).post(save),
        )
        .route(
            "/w/{ws}/journeys/{journey}/steps/{step}/move",
            post(move_step),
        )
        .route(
            "/w/{ws}/journeys/{journey}/steps/{step}/delete",
            post(delete),
        )
        .route(
            "/w/{ws}/journeys/{journey}/stages/{stage}/move",
            post(move_stage),
        )
}

async fn load_journey(state: &AppState, ws: &str, id: &str) -> Result<(Journey, i64), AppError> {
    let stored = state.store.get_entity(ws, EntityKind::Journey, id).await?;
    let journey =
        serde_json::from_value(stored.value).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((journey, stored.version))
}

fn journey_url(ws: &str, journey: &str) -> String {
    format!("/w/{}/journeys/{}", urlencode(ws), urlencode(journey))
}

async fn new(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, jid)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    user.require(Role::Editor)?;
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let (journey, version) = load_journey(&state, &ws_id, &jid).await?;
    let form = StepForm {
        stage: journey
            .stages
            .last()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        version: Some(version),
        ..Default::default()
    };
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let action = format!("{}/steps", journey_url(&ws_id, &jid));
    let body = step_form(
        &ctx,
        &ws,
        &journey,
        &form,
        &FormErrors::default(),
        &FormTarget {
            action: &action,
            cancel: &journey_url(&ws_id, &jid),
            is_new: true,
        },
    );
    Ok(page(&ctx, &ctx.t("form-new-step"), Nav::Journeys, body))
}

async fn edit_page(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, jid, sid)): Path<(String, String, String)>,
) -> Result<Markup, AppError> {
    user.require(Role::Editor)?;
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let (journey, version) = load_journey(&state, &ws_id, &jid).await?;
    let step = journey
        .steps
        .iter()
        .find(|s| s.id == sid)
        .ok_or_else(|| AppError::NotFound(format!("step `{sid}` is not in journey `{jid}`")))?;
    let mut form = StepForm::from_model(step);
    form.version = Some(version);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let action = format!(
        "{}/steps/{}/edit",
        journey_url(&ws_id, &jid),
        urlencode(&sid)
    );
    let cancel = format!("{}?step={}", journey_url(&ws_id, &jid), urlencode(&sid));
    let body = step_form(
        &ctx,
        &ws,
        &journey,
        &form,
        &FormErrors::default(),
        &FormTarget {
            action: &action,
            cancel: &cancel,
            is_new: false,
        },
    );
    Ok(page(&ctx, &step.action, Nav::Journeys, body))
}

async fn create(
    State(state): State<AppState>,
    jar: CookieJar,
    uri: Uri,
    Path((ws_id, jid)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<StepForm>,
) -> Result<Response, AppError> {
    submit(state, jar, uri, ws_id, jid, None, user, form).await
}

async fn save(
    State(state): State<AppState>,
    jar: CookieJar,
    uri: Uri,
    Path((ws_id, jid, sid)): Path<(String, String, String)>,
    CsrfForm(user, form): CsrfForm<StepForm>,
) -> Result<Response, AppError> {
    submit(state, jar, uri, ws_id, jid, Some(sid), user, form).await
}

#[allow(clippy::too_many_arguments)]
async fn submit(
    state: AppState,
    jar: CookieJar,
    uri: Uri,
    ws_id: String,
    jid: String,
    sid: Option<String>,
    user: SessionUser,
    mut form: StepForm,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (mut journey, current) = load_journey(&state, &ws_id, &jid).await?;
    if sid.is_none() {
        form.derive_id(&journey);
    }
    let result = match form.to_model() {
        Ok(mut step) => {
            // A touchpoint named in the form is created first and linked to the step; if the
            // step is then refused, the form comes back with it ticked, so nothing is lost.
            if let Some(tp) = form.new_touchpoint(&state.store.load_workspace(&ws_id).await?.value)
            {
                let tp_id = tp.id.clone();
                match edit::save(&state, &ws_id, None, tp, None, &user.user.name).await {
                    Ok(_) => {
                        form.new_tp_name.clear();
                        form.touchpoints.push(tp_id.clone());
                        step.touchpoints.push(tp_id);
                    }
                    Err(AppError::Invalid(mut fields)) => {
                        for f in &mut fields {
                            f.field = "new_tp_name".into();
                        }
                        return render_errors(
                            &state,
                            uri,
                            &ws_id,
                            &jid,
                            sid.as_deref(),
                            &user,
                            &form,
                            AppError::Invalid(fields),
                        )
                        .await;
                    }
                    Err(e) => return Err(e),
                }
            }
            let new_id = step.id.clone();
            match place_step(&mut journey, sid.as_deref(), step) {
                Ok(()) => {
                    let errors = refused(&state, &user, &ws_id, &journey).await?;
                    if errors.is_empty() {
                        edit::save(
                            &state,
                            &ws_id,
                            Some(&jid),
                            journey.clone(),
                            Some(form.version.unwrap_or(current)),
                            &user.user.name,
                        )
                        .await
                        .map(|_| new_id)
                    } else {
                        Err(AppError::Invalid(errors))
                    }
                }
                Err(e) => Err(AppError::Invalid(vec![e])),
            }
        }
        Err(fields) => Err(AppError::Invalid(fields)),
    };
    match result {
        Ok(new_id) => {
            let jar = super::saved(&state, &user, jar);
            Ok((
                jar,
                Redirect::to(&format!(
                    "{}?step={}",
                    journey_url(&ws_id, &jid),
                    urlencode(&new_id)
                )),
            )
                .into_response())
        }
        Err(e) => render_errors(&state, uri, &ws_id, &jid, sid.as_deref(), &user, &form, e).await,
    }
}

/// The errors the changed `journey` would add, in the user's language (the store refuses
/// the same in English for every other way in).
async fn refused(
    state: &AppState,
    user: &SessionUser,
    ws_id: &str,
    journey: &Journey,
) -> Result<Vec<crate::error::FieldError>, AppError> {
    let before = state.store.load_workspace(ws_id).await?.value;
    let mut after = before.clone();
    let Some(at) = after.journeys.iter().position(|j| j.id == journey.id) else {
        return Ok(Vec::new());
    };
    after.journeys[at] = journey.clone();
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    Ok(crate::views::forms::checks::new_errors(
        &tr,
        &before,
        &after,
        stig_model::Origin::Journey(at),
    ))
}

/// The step form again, with the user's input and what went wrong.
#[allow(clippy::too_many_arguments)]
async fn render_errors(
    state: &AppState,
    uri: Uri,
    ws_id: &str,
    jid: &str,
    sid: Option<&str>,
    user: &SessionUser,
    form: &StepForm,
    error: AppError,
) -> Result<Response, AppError> {
    let (status, mut errors) = super::form_errors(error)?;
    errors.fields = strip_step_prefix(errors.fields);
    let ws = state.store.load_workspace(ws_id).await?.value;
    let (journey, _) = load_journey(state, ws_id, jid).await?;
    let ctx = page_ctx(state, user, Some(&ws), Some(ws_id), &uri, None).await?;
    let body = step_form(
        &ctx,
        &ws,
        &journey,
        form,
        &errors,
        &FormTarget {
            action: uri.path(),
            cancel: &journey_url(ws_id, jid),
            is_new: sid.is_none(),
        },
    );
    Ok((
        status,
        page(&ctx, &ctx.t("form-invalid"), Nav::Journeys, body),
    )
        .into_response())
}

/// Validator paths inside a journey read `step[3].touchpoints[0]`; the form's fields are
/// the step's own (`touchpoints`), so drop the `step[n].` prefix.
fn strip_step_prefix(fields: Vec<crate::error::FieldError>) -> Vec<crate::error::FieldError> {
    fields
        .into_iter()
        .map(|mut f| {
            if f.field.starts_with("step[")
                && let Some(i) = f.field.find("].")
            {
                f.field = f.field[i + 2..].to_owned();
            }
            f
        })
        .collect()
}

#[derive(Deserialize)]
pub struct MoveForm {
    direction: String,
}

async fn move_step(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, jid, sid)): Path<(String, String, String)>,
    CsrfForm(user, form): CsrfForm<MoveForm>,
) -> Result<Response, AppError> {
    move_in_journey(state, jar, ws_id, jid, user, &form.direction, |j| {
        let i = j.steps.iter().position(|s| s.id == sid);
        i.map(|i| (&mut j.steps, i))
            .ok_or_else(|| format!("step `{sid}`"))
    })
    .await
}

/// Moves a stage up or down within the journey's stage order (steps follow their stage).
async fn move_stage(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, jid, stage)): Path<(String, String, String)>,
    CsrfForm(user, form): CsrfForm<MoveForm>,
) -> Result<Response, AppError> {
    move_in_journey(state, jar, ws_id, jid, user, &form.direction, |j| {
        let i = j.stages.iter().position(|s| s.id == stage);
        i.map(|i| (&mut j.stages, i))
            .ok_or_else(|| format!("stage `{stage}`"))
    })
    .await
}

/// Swaps the item `find` locates with its neighbour above or below, saves the journey
/// against the version it was loaded at, and goes back to the journey's edit page.
async fn move_in_journey<T>(
    state: AppState,
    jar: CookieJar,
    ws_id: String,
    jid: String,
    user: SessionUser,
    direction: &str,
    find: impl FnOnce(&mut Journey) -> Result<(&mut Vec<T>, usize), String>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (mut journey, version) = load_journey(&state, &ws_id, &jid).await?;
    let (items, i) = find(&mut journey)
        .map_err(|what| AppError::NotFound(format!("{what} is not in journey `{jid}`")))?;
    let j = match direction {
        "up" if i > 0 => i - 1,
        "down" if i + 1 < items.len() => i + 1,
        _ => i,
    };
    if i != j {
        items.swap(i, j);
        edit::save(
            &state,
            &ws_id,
            Some(&jid),
            journey,
            Some(version),
            &user.user.name,
        )
        .await?;
    }
    Ok((
        jar,
        Redirect::to(&format!("{}/edit", journey_url(&ws_id, &jid))),
    )
        .into_response())
}

async fn delete(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, jid, sid)): Path<(String, String, String)>,
    CsrfForm(user, _): CsrfForm<super::login::Empty>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (mut journey, version) = load_journey(&state, &ws_id, &jid).await?;
    journey.steps.retain(|s| s.id != sid);
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let jar = match edit::save(
        &state,
        &ws_id,
        Some(&jid),
        journey,
        Some(version),
        &user.user.name,
    )
    .await
    {
        Ok(_) => flash::set(jar, FlashKind::Success, &tr.t("form-deleted")),
        Err(AppError::Invalid(fields)) => flash::set(
            jar,
            FlashKind::Error,
            &fields
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Err(e) => return Err(e),
    };
    Ok((
        jar,
        Redirect::to(&format!("{}/edit", journey_url(&ws_id, &jid))),
    )
        .into_response())
}
