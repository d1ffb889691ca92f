//! The goal form: a node of the customer's goal tree.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{Channel, Goal, Workspace};

use super::{
    FormErrors, FormTarget, checkboxes, lines, long_text, options, select, shell, split_lines, text,
};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GoalForm {
    pub id: String,
    pub name: String,
    pub parent: String,
    pub journeys: Vec<String>,
    pub steps: Vec<String>,
    pub actors: Vec<String>,
    /// Known channels ticked (by name in the form).
    pub channels: Vec<String>,
    /// Channels of the workspace's own, one per line.
    pub custom_channels: String,
    pub description: String,
    pub version: Option<i64>,
}

impl GoalForm {
    pub fn from_model(g: &Goal) -> Self {
        GoalForm {
            id: g.id.clone(),
            name: g.name.clone(),
            parent: g.parent.clone().unwrap_or_default(),
            journeys: g.journeys.clone(),
            steps: g.steps.clone(),
            actors: g.actors.clone(),
            channels: g
                .channels
                .iter()
                .filter(|c| matches!(c, Channel::Known(_)))
                .map(|c| c.as_str().to_owned())
                .collect(),
            custom_channels: g
                .channels
                .iter()
                .filter(|c| matches!(c, Channel::Custom(_)))
                .map(|c| c.as_str().to_owned())
                .collect::<Vec<_>>()
                .join("\n"),
            description: g.description.clone(),
            version: None,
        }
    }

    pub fn to_model(&self) -> Result<Goal, Vec<FieldError>> {
        Ok(Goal {
            id: self.id.trim().into(),
            name: self.name.trim().into(),
            parent: Some(self.parent.trim().to_owned()).filter(|p| !p.is_empty()),
            journeys: self.journeys.clone(),
            steps: self.steps.clone(),
            actors: self.actors.clone(),
            channels: self
                .channels
                .iter()
                .flat_map(|c| split_lines(c))
                .chain(split_lines(&self.custom_channels))
                .map(Channel::from)
                .collect(),
            description: self.description.trim().into(),
        })
    }
}

pub fn goal_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    form: &GoalForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-goal"
    } else {
        "form-edit-goal"
    });
    let mut parents = vec![(String::new(), ctx.t("form-root-goal"))];
    parents.extend(options(
        ws.goals
            .iter()
            .filter(|g| g.id != form.id)
            .map(|g| (g.id.as_str(), g.name.as_str())),
    ));
    let journeys = options(ws.journeys.iter().map(|j| (j.id.as_str(), j.name.as_str())));
    let steps: Vec<(String, String)> = ws
        .journeys
        .iter()
        .flat_map(|j| {
            j.steps.iter().map(move |s| {
                (
                    format!("{}/{}", j.id, s.id),
                    format!("{} › {}", j.name, s.action),
                )
            })
        })
        .collect();
    let actors = options(ws.actors.iter().map(|a| (a.id.as_str(), a.name.as_str())));
    let mut known_channels = super::touchpoint::channel_options(ctx);
    known_channels.retain(|(v, _)| v != "custom");
    let body = html! {
        div.form-grid {
            (text(ctx, errors, "name", "form-name", &form.name, true))
            (super::id_field(ctx, errors, &form.id, "name", target.is_new))
        }
        (select(ctx, errors, "parent", "form-parent-goal", &parents, &form.parent))
        (long_text(ctx, errors, "description", "form-description", &form.description))
        (checkboxes(ctx, errors, "journeys", "form-journeys", &journeys, &form.journeys))
        (checkboxes(ctx, errors, "actors", "form-actors", &actors, &form.actors))
        (checkboxes(ctx, errors, "channels", "form-channels", &known_channels, &form.channels))
        (lines(ctx, errors, "custom_channels", "form-custom-channels", &split_lines(&form.custom_channels)))
        details { summary { (ctx.t("form-steps")) } (checkboxes(ctx, errors, "steps", "form-steps", &steps, &form.steps)) }
    };
    shell(
        ctx,
        &title,
        target.action,
        form.version,
        target.cancel,
        errors,
        body,
    )
}
