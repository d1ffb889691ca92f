//! Create, edit and delete every top-level entity through forms, with one set of generic
//! handlers: load → (parse form → validate → store) → redirect, or re-render the form with
//! the errors and the user's input kept.

use axum::Router;
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use stig_model::{Actor, Dilemma, Goal, Journey, Moment, Persona, Touchpoint, Workspace};
use stig_store::Role;

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser};
use crate::edit::{self, Entity};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::views::forms::{self, FormErrors, FormTarget};
use crate::views::layout::{Nav, page};
use crate::views::{FlashKind, PageCtx, urlencode};

/// How one kind of entity is edited through a form.
pub trait Editable: Entity {
    type Form: DeserializeOwned + Send + 'static;
    /// The URL segment (`personas`).
    const PLURAL: &'static str;
    const NAV: Nav;
    fn new_form() -> Self::Form;
    /// Fills a new form from query parameters (e.g. a persona from a discovered cluster);
    /// by default nothing is.
    fn prefill(_form: &mut Self::Form, _query: &HashMap<String, String>) {}
    fn to_form(&self) -> Self::Form;
    /// Fills ids left empty from the names typed (a new entity's own id only when
    /// `is_new`), unique among `ws`'s.
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool);
    /// Gives the form the event names the workspace has seen, for its suggestions.
    fn seen_events(_form: &mut Self::Form, _names: &[String]) {}
    /// Whether the form suggests event names (loading them costs a look at the live index).
    const SUGGESTS_EVENTS: bool = false;
    /// The entity from the form; `base` is the stored one when editing.
    fn from_form(form: &Self::Form, base: Option<Self>) -> Result<Self, Vec<FieldError>>;
    fn version(form: &mut Self::Form) -> &mut Option<i64>;
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup;
    /// Where to go after saving: the page that shows it.
    fn shown_at(ws: &str, id: &str) -> String;
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(kind_routes::<Persona>())
        .merge(kind_routes::<Journey>())
        .merge(kind_routes::<Touchpoint>())
        .merge(kind_routes::<Actor>())
        .merge(kind_routes::<Goal>())
        .merge(kind_routes::<Dilemma>())
        .merge(kind_routes::<Moment>())
        .route(
            "/w/{ws}/settings",
            get(super::edit_settings::show).post(super::edit_settings::save),
        )
        .merge(super::edit_step::routes())
}

fn kind_routes<T: Editable>() -> Router<AppState> {
    let p = T::PLURAL;
    Router::new()
        .route(&format!("/w/{{ws}}/{p}/new"), get(new::<T>))
        .route(&format!("/w/{{ws}}/{p}"), post(create::<T>))
        .route(
            &format!("/w/{{ws}}/{p}/{{id}}/edit"),
            get(edit_page::<T>).post(save::<T>),
        )
        .route(&format!("/w/{{ws}}/{p}/{{id}}/delete"), post(delete::<T>))
}

async fn new<T: Editable>(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path(ws_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Markup, AppError> {
    user.require(Role::Editor)?;
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let action = format!("/w/{}/{}", urlencode(&ws_id), T::PLURAL);
    let cancel = ctx.ws_url(&format!("/{}", T::PLURAL));
    let mut form = T::new_form();
    T::prefill(&mut form, &query);
    T::seen_events(&mut form, &seen_events::<T>(&state, &ws_id).await);
    Ok(page(
        &ctx,
        &ctx.t("action-new"),
        T::NAV,
        T::render(
            &ctx,
            &ws,
            &form,
            &FormErrors::default(),
            &action,
            &cancel,
            true,
        ),
    ))
}

async fn edit_page<T: Editable>(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Markup, AppError> {
    user.require(Role::Editor)?;
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let stored = state.store.get_entity(&ws_id, T::KIND, &id).await?;
    let entity: T =
        serde_json::from_value(stored.value).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut form = entity.to_form();
    *T::version(&mut form) = Some(stored.version);
    T::seen_events(&mut form, &seen_events::<T>(&state, &ws_id).await);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let action = format!(
        "/w/{}/{}/{}/edit",
        urlencode(&ws_id),
        T::PLURAL,
        urlencode(&id)
    );
    let cancel = T::shown_at(&ws_id, &id);
    Ok(page(
        &ctx,
        entity.id(),
        T::NAV,
        T::render(
            &ctx,
            &ws,
            &form,
            &FormErrors::default(),
            &action,
            &cancel,
            false,
        ),
    ))
}

async fn create<T: Editable>(
    State(state): State<AppState>,
    jar: CookieJar,
    uri: Uri,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<T::Form>,
) -> Result<Response, AppError> {
    submit::<T>(state, jar, uri, ws_id, None, user, form).await
}

async fn save<T: Editable>(
    State(state): State<AppState>,
    jar: CookieJar,
    uri: Uri,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<T::Form>,
) -> Result<Response, AppError> {
    submit::<T>(state, jar, uri, ws_id, Some(id), user, form).await
}

async fn submit<T: Editable>(
    state: AppState,
    jar: CookieJar,
    uri: Uri,
    ws_id: String,
    id: Option<String>,
    user: SessionUser,
    mut form: T::Form,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let base = match &id {
        Some(id) => Some(
            serde_json::from_value::<T>(state.store.get_entity(&ws_id, T::KIND, id).await?.value)
                .map_err(|e| AppError::Internal(e.to_string()))?,
        ),
        None => None,
    };
    let version = *T::version(&mut form);
    let current = state.store.load_workspace(&ws_id).await?.value;
    T::derive_ids(&mut form, &current, id.is_none());
    let result = match T::from_form(&form, base) {
        Ok(entity) => {
            let new_id = entity.id().to_owned();
            // What the validator refuses, said in the user's language before the store is
            // asked (which refuses the same, in English, for every other way in).
            let mut after = current.clone();
            let list = T::all(&mut after);
            let at = match id
                .as_deref()
                .and_then(|i| list.iter().position(|e| e.id() == i))
            {
                Some(i) => {
                    list[i] = entity.clone();
                    i
                }
                None => {
                    list.push(entity.clone());
                    list.len() - 1
                }
            };
            let tr = crate::i18n::Tr {
                i18n: &state.i18n,
                locale: user.locale,
            };
            let refused = forms::checks::new_errors(&tr, &current, &after, T::origin(at));
            if refused.is_empty() {
                edit::save(
                    &state,
                    &ws_id,
                    id.as_deref(),
                    entity,
                    version,
                    &user.user.name,
                )
                .await
                .map(|_| new_id)
            } else {
                Err(AppError::Invalid(refused))
            }
        }
        Err(fields) => Err(AppError::Invalid(fields)),
    };
    let (status, errors) = match result {
        Ok(new_id) => {
            let jar = super::saved(&state, &user, jar);
            return Ok((jar, Redirect::to(&T::shown_at(&ws_id, &new_id))).into_response());
        }
        Err(e) => super::form_errors(e)?,
    };
    // Re-render with the user's input and what went wrong.
    let ws = state.store.load_workspace(&ws_id).await?.value;
    T::seen_events(&mut form, &seen_events::<T>(&state, &ws_id).await);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let cancel = match &id {
        Some(id) => T::shown_at(&ws_id, id),
        None => ctx.ws_url(&format!("/{}", T::PLURAL)),
    };
    let action = uri.path().to_owned();
    let markup = page(
        &ctx,
        &ctx.t("form-invalid"),
        T::NAV,
        T::render(&ctx, &ws, &form, &errors, &action, &cancel, id.is_none()),
    );
    Ok((status, markup).into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    version: Option<i64>,
}

async fn delete<T: Editable>(
    State(state): State<AppState>,
    jar: CookieJar,
    Path((ws_id, id)): Path<(String, String)>,
    CsrfForm(user, form): CsrfForm<DeleteForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let back = format!("/w/{}/{}", urlencode(&ws_id), T::PLURAL);
    let jar = match edit::delete::<T>(&state, &ws_id, &id, form.version, &user.user.name).await {
        Ok(()) => flash::set(jar, FlashKind::Success, &tr.t("form-deleted")),
        Err(AppError::Invalid(fields)) => {
            let text = fields
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            return Ok((
                flash::set(jar, FlashKind::Error, &text),
                Redirect::to(&T::shown_at(&ws_id, &id)),
            )
                .into_response());
        }
        Err(e) => return Err(e),
    };
    Ok((jar, Redirect::to(&back)).into_response())
}

/// The event names the workspace's events carry, most common first as the index keeps
/// them; none while the index is still being built (the form works without).
async fn seen_events<T: Editable>(state: &AppState, ws_id: &str) -> Vec<String> {
    if !T::SUGGESTS_EVENTS {
        return Vec::new();
    }
    match crate::customers::load_index(state, ws_id).await {
        Ok((_, ix)) => {
            let mut names: Vec<String> = ix
                .names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .collect();
            names.sort();
            names.dedup();
            names
        }
        Err(_) => Vec::new(),
    }
}

fn ws_url(ws: &str, rest: &str) -> String {
    format!("/w/{}{rest}", urlencode(ws))
}

macro_rules! version_of {
    () => {
        fn version(form: &mut Self::Form) -> &mut Option<i64> {
            &mut form.version
        }
    };
}

impl Editable for Persona {
    type Form = forms::persona::PersonaForm;
    const PLURAL: &'static str = "personas";
    const NAV: Nav = Nav::Personas;
    fn new_form() -> Self::Form {
        Default::default()
    }
    fn prefill(form: &mut Self::Form, query: &HashMap<String, String>) {
        let get = |k: &str| query.get(k).cloned().unwrap_or_default();
        form.name = get("name");
        form.loves = get("loves");
        form.hates = get("hates");
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| {
                ws.personas.iter().any(|e| e.id == c)
            });
        }
    }
    fn to_form(&self) -> Self::Form {
        forms::persona::PersonaForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        _: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::persona::persona_form(
            ctx,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, id: &str) -> String {
        ws_url(ws, &format!("/personas/{}", urlencode(id)))
    }
}

impl Editable for Touchpoint {
    type Form = forms::touchpoint::TouchpointForm;
    const PLURAL: &'static str = "touchpoints";
    const NAV: Nav = Nav::Touchpoints;
    fn new_form() -> Self::Form {
        forms::touchpoint::TouchpointForm::new_default()
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| {
                ws.touchpoints.iter().any(|e| e.id == c)
            });
        }
    }
    const SUGGESTS_EVENTS: bool = true;
    fn seen_events(form: &mut Self::Form, names: &[String]) {
        form.seen_events = names.to_vec();
    }
    fn to_form(&self) -> Self::Form {
        forms::touchpoint::TouchpointForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::touchpoint::touchpoint_form(
            ctx,
            ws,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, _: &str) -> String {
        ws_url(ws, "/touchpoints")
    }
}

impl Editable for Actor {
    type Form = forms::actor::ActorForm;
    const PLURAL: &'static str = "actors";
    const NAV: Nav = Nav::Goals;
    fn new_form() -> Self::Form {
        forms::actor::ActorForm {
            kind: "partner".into(),
            ..Default::default()
        }
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| ws.actors.iter().any(|e| e.id == c));
        }
    }
    fn to_form(&self) -> Self::Form {
        forms::actor::ActorForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        _: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::actor::actor_form(
            ctx,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, _: &str) -> String {
        ws_url(ws, "/goals")
    }
}

impl Editable for Goal {
    type Form = forms::goal::GoalForm;
    const PLURAL: &'static str = "goals";
    const NAV: Nav = Nav::Goals;
    fn new_form() -> Self::Form {
        Default::default()
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| ws.goals.iter().any(|e| e.id == c));
        }
    }
    fn to_form(&self) -> Self::Form {
        forms::goal::GoalForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::goal::goal_form(
            ctx,
            ws,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, _: &str) -> String {
        ws_url(ws, "/goals")
    }
}

impl Editable for Dilemma {
    type Form = forms::dilemma::DilemmaForm;
    const PLURAL: &'static str = "dilemmas";
    const NAV: Nav = Nav::Dilemmas;
    fn new_form() -> Self::Form {
        Default::default()
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let question = form.question.clone();
            forms::derive_id(&mut form.id, &question, |c| {
                ws.dilemmas.iter().any(|e| e.id == c)
            });
        }
        forms::derive_row_ids(&mut form.opt_id, &form.opt_name);
    }
    fn to_form(&self) -> Self::Form {
        forms::dilemma::DilemmaForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::dilemma::dilemma_form(
            ctx,
            ws,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, _: &str) -> String {
        ws_url(ws, "/dilemmas")
    }
}

impl Editable for Journey {
    type Form = forms::journey::JourneyForm;
    const PLURAL: &'static str = "journeys";
    const NAV: Nav = Nav::Journeys;
    fn new_form() -> Self::Form {
        forms::journey::JourneyForm::from_model(&Journey {
            phases: stig_model::default_phases(),
            ..Default::default()
        })
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| {
                ws.journeys.iter().any(|e| e.id == c)
            });
        }
        forms::derive_row_ids(&mut form.phase_id, &form.phase_name);
        forms::derive_row_ids(&mut form.stage_id, &form.stage_name);
    }
    fn to_form(&self) -> Self::Form {
        forms::journey::JourneyForm::from_model(self)
    }
    fn from_form(form: &Self::Form, base: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model(base.unwrap_or_default())
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        let steps = ws
            .journey(&form.id)
            .map(|j| j.steps.clone())
            .unwrap_or_default();
        forms::journey::journey_form(
            ctx,
            ws,
            form,
            &steps,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, id: &str) -> String {
        ws_url(ws, &format!("/journeys/{}", urlencode(id)))
    }
}

impl Editable for Moment {
    type Form = forms::moment::MomentForm;
    const PLURAL: &'static str = "moments";
    const NAV: Nav = Nav::Moments;
    fn new_form() -> Self::Form {
        forms::moment::MomentForm::new_default()
    }
    fn derive_ids(form: &mut Self::Form, ws: &Workspace, is_new: bool) {
        if is_new {
            let name = form.name.clone();
            forms::derive_id(&mut form.id, &name, |c| {
                ws.moments.iter().any(|e| e.id == c)
            });
        }
    }
    fn to_form(&self) -> Self::Form {
        forms::moment::MomentForm::from_model(self)
    }
    fn from_form(form: &Self::Form, _: Option<Self>) -> Result<Self, Vec<FieldError>> {
        form.to_model()
    }
    version_of!();
    fn render(
        ctx: &PageCtx<'_>,
        ws: &Workspace,
        form: &Self::Form,
        errors: &FormErrors,
        action: &str,
        cancel: &str,
        is_new: bool,
    ) -> Markup {
        forms::moment::moment_form(
            ctx,
            ws,
            form,
            errors,
            &FormTarget {
                action,
                cancel,
                is_new,
            },
        )
    }
    fn shown_at(ws: &str, id: &str) -> String {
        ws_url(ws, &format!("/moments/{}", urlencode(id)))
    }
}
