//! The journey form: name, goal, as-is/to-be, personas, phases and stages. Steps are edited
//! one at a time (`step.rs`) and listed here to open, move or delete.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{Journey, JourneyState, Phase, Stage, Workspace};

use super::{FormErrors, FormTarget, cell, checkboxes, days, options, select, shell, text};
use crate::error::FieldError;
use crate::views::{PageCtx, urlencode};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct JourneyForm {
    pub id: String,
    pub name: String,
    pub goal: String,
    pub state: String,
    pub as_is: String,
    pub personas: Vec<String>,
    pub phase_id: Vec<String>,
    pub phase_name: Vec<String>,
    pub stage_id: Vec<String>,
    pub stage_phase: Vec<String>,
    pub stage_name: Vec<String>,
    pub abandon_after_days: String,
    pub complete_at: String,
    pub version: Option<i64>,
}

impl JourneyForm {
    pub fn from_model(j: &Journey) -> Self {
        JourneyForm {
            id: j.id.clone(),
            name: j.name.clone(),
            goal: j.goal.clone(),
            state: match j.state {
                JourneyState::AsIs => "as-is".into(),
                JourneyState::ToBe => "to-be".into(),
            },
            as_is: j.as_is.clone().unwrap_or_default(),
            personas: j.personas.clone(),
            phase_id: j.phases.iter().map(|p| p.id.clone()).collect(),
            phase_name: j.phases.iter().map(|p| p.name.clone()).collect(),
            stage_id: j.stages.iter().map(|s| s.id.clone()).collect(),
            stage_phase: j.stages.iter().map(|s| s.phase.clone()).collect(),
            stage_name: j.stages.iter().map(|s| s.name.clone()).collect(),
            abandon_after_days: j
                .abandon_after_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            complete_at: j.complete_at.clone().unwrap_or_default(),
            version: None,
        }
    }

    /// The journey with this form's fields on top of `base` (whose steps are kept).
    pub fn to_model(&self, base: Journey) -> Result<Journey, Vec<FieldError>> {
        let phases: Vec<Phase> = (0..self.phase_id.len().max(self.phase_name.len()))
            .filter(|&i| {
                !cell(&self.phase_id, i).is_empty() || !cell(&self.phase_name, i).is_empty()
            })
            .map(|i| Phase {
                id: cell(&self.phase_id, i).into(),
                name: cell(&self.phase_name, i).into(),
            })
            .collect();
        let stages: Vec<Stage> = (0..self.stage_id.len().max(self.stage_name.len()))
            .filter(|&i| {
                !cell(&self.stage_id, i).is_empty() || !cell(&self.stage_name, i).is_empty()
            })
            .map(|i| Stage {
                id: cell(&self.stage_id, i).into(),
                phase: cell(&self.stage_phase, i).into(),
                name: cell(&self.stage_name, i).into(),
            })
            .collect();
        if phases.is_empty() {
            return Err(vec![FieldError {
                field: "phase".into(),
                message: "a journey needs at least one phase".into(),
            }]);
        }
        Ok(Journey {
            id: self.id.trim().into(),
            name: self.name.trim().into(),
            goal: self.goal.trim().into(),
            state: if self.state == "to-be" {
                JourneyState::ToBe
            } else {
                JourneyState::AsIs
            },
            as_is: Some(self.as_is.trim().to_owned()).filter(|a| !a.is_empty()),
            personas: self.personas.clone(),
            phases,
            stages,
            steps: base.steps,
            abandon_after_days: days(&self.abandon_after_days, "abandon_after_days")?,
            complete_at: Some(self.complete_at.trim().to_owned()).filter(|s| !s.is_empty()),
        })
    }
}

pub fn journey_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    form: &JourneyForm,
    steps: &[stig_model::Step],
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-journey"
    } else {
        "form-edit-journey"
    });
    let states = vec![
        ("as-is".to_owned(), ctx.t("form-as-is")),
        ("to-be".to_owned(), ctx.t("form-to-be")),
    ];
    let mut as_is = vec![(String::new(), ctx.t("form-none"))];
    as_is.extend(options(
        ws.journeys
            .iter()
            .filter(|j| j.id != form.id)
            .map(|j| (j.id.as_str(), j.name.as_str())),
    ));
    let personas = options(ws.personas.iter().map(|p| (p.id.as_str(), p.name.as_str())));
    let mut complete_at = vec![(String::new(), ctx.t("form-last-step"))];
    complete_at.extend(options(
        steps.iter().map(|s| (s.id.as_str(), s.action.as_str())),
    ));
    let phase_options: Vec<(String, String)> = form
        .phase_id
        .iter()
        .zip(&form.phase_name)
        .map(|(i, n)| (i.clone(), n.clone()))
        .collect();
    let phase_rows = form.phase_id.len() + 1;
    let stage_rows = form.stage_id.len() + 2;
    let body = html! {
        div.form-grid {
            (super::id_field(ctx, errors, &form.id, "name", target.is_new))
            (text(ctx, errors, "name", "form-name", &form.name, true))
        }
        (text(ctx, errors, "goal", "form-goal", &form.goal, false))
        div.form-grid {
            (select(ctx, errors, "state", "form-state", &states, &form.state))
            (select(ctx, errors, "as_is", "form-as-is-journey", &as_is, &form.as_is))
        }
        (checkboxes(ctx, errors, "personas", "form-personas", &personas, &form.personas))
        div.form-grid {
            (text(ctx, errors, "abandon_after_days", "form-abandon-after-days", &form.abandon_after_days, false))
            (select(ctx, errors, "complete_at", "form-complete-at", &complete_at, &form.complete_at))
        }
        fieldset.rows {
            legend { (ctx.t("form-phases")) }
            p.hint { (ctx.t("form-phases-hint")) }
            table.data.form-rows {
                thead { tr { th { (ctx.t("form-id")) } th { (ctx.t("form-name")) } } }
                tbody { @for i in 0..phase_rows { tr {
                    td { input type="text" name="phase_id" value=(cell(&form.phase_id, i)) aria-label=(ctx.t("form-id")) data-slug-from="phase_name"; }
                    td { input type="text" name="phase_name" value=(cell(&form.phase_name, i)) aria-label=(ctx.t("form-name")); }
                } } }
            }
            @for e in errors.for_field("phase") { span.field-error { (e) } }
        }
        fieldset.rows {
            legend { (ctx.t("form-stages")) }
            p.hint { (ctx.t("form-stages-hint")) }
            table.data.form-rows {
                thead { tr { th { (ctx.t("form-id")) } th { (ctx.t("form-phase")) } th { (ctx.t("form-name")) } } }
                tbody { @for i in 0..stage_rows { tr {
                    td { input type="text" name="stage_id" value=(cell(&form.stage_id, i)) aria-label=(ctx.t("form-id")) data-slug-from="stage_name"; }
                    td { select name="stage_phase" aria-label=(ctx.t("form-phase")) {
                        @for (id, name) in &phase_options { option value=(id) selected[id == cell(&form.stage_phase, i)] { (name) } }
                    } }
                    td { input type="text" name="stage_name" value=(cell(&form.stage_name, i)) aria-label=(ctx.t("form-name")); }
                } } }
            }
            @for e in errors.for_field("stage") { span.field-error { (e) } }
        }
    };
    let form_markup = shell(
        ctx,
        &title,
        target.action,
        form.version,
        target.cancel,
        errors,
        body,
    );
    if target.is_new {
        return form_markup;
    }
    let base = format!("{}/journeys/{}", ctx.ws_url(""), urlencode(&form.id));
    html! {
        (form_markup)
        section.card.step-list {
            h2 { (ctx.t("form-steps")) }
            ol {
                @for (i, s) in steps.iter().enumerate() {
                    li {
                        span.step-stage { (s.stage) }
                        a href={(base) "/steps/" (urlencode(&s.id)) "/edit"} { (s.action) }
                        span.step-actions {
                            @for (dir, key, disabled) in [("up", "form-move-up", i == 0), ("down", "form-move-down", i + 1 == steps.len())] {
                                form.inline method="post" action={(base) "/steps/" (urlencode(&s.id)) "/move"} {
                                    input type="hidden" name="csrf" value=(ctx.csrf);
                                    input type="hidden" name="direction" value=(dir);
                                    button.btn.small.secondary type="submit" disabled[disabled] title=(ctx.t(key)) { @if dir == "up" { "↑" } @else { "↓" } }
                                }
                            }
                            form.inline method="post" action={(base) "/steps/" (urlencode(&s.id)) "/delete"} {
                                input type="hidden" name="csrf" value=(ctx.csrf);
                                button.btn.small.danger type="submit" { (ctx.t("action-delete")) }
                            }
                        }
                    }
                }
            }
            a.btn href={(base) "/steps/new"} { (ctx.t("form-new-step")) }
        }
        section.card.step-list {
            h2 { (ctx.t("form-stages")) }
            ol {
                @for (i, s) in form.stage_id.iter().enumerate() {
                    li {
                        span.step-stage { (form.stage_phase.get(i).map(String::as_str).unwrap_or_default()) }
                        span { (form.stage_name.get(i).map(String::as_str).unwrap_or_default()) }
                        span.step-actions {
                            @for (dir, key, disabled) in [("up", "form-move-up", i == 0), ("down", "form-move-down", i + 1 == form.stage_id.len())] {
                                form.inline method="post" action={(base) "/stages/" (urlencode(s)) "/move"} {
                                    input type="hidden" name="csrf" value=(ctx.csrf);
                                    input type="hidden" name="direction" value=(dir);
                                    button.btn.small.secondary type="submit" disabled[disabled] title=(ctx.t(key)) { @if dir == "up" { "↑" } @else { "↓" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
