//! The actor form.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{Actor, ActorKind};

use super::{FormErrors, FormTarget, long_text, select, shell, text};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActorForm {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub version: Option<i64>,
}

impl ActorForm {
    pub fn from_model(a: &Actor) -> Self {
        ActorForm {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().into(),
            description: a.description.clone(),
            version: None,
        }
    }

    pub fn to_model(&self) -> Result<Actor, Vec<FieldError>> {
        let kind = match self.kind.as_str() {
            "own" => ActorKind::Own,
            "partner" => ActorKind::Partner,
            "public" => ActorKind::Public,
            other => {
                return Err(vec![FieldError {
                    field: "kind".into(),
                    message: format!("`{other}` is not own, partner or public"),
                }]);
            }
        };
        Ok(Actor {
            id: self.id.trim().into(),
            name: self.name.trim().into(),
            kind,
            description: self.description.trim().into(),
        })
    }
}

pub fn actor_form(
    ctx: &PageCtx<'_>,
    form: &ActorForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-actor"
    } else {
        "form-edit-actor"
    });
    let kinds: Vec<(String, String)> = ["partner", "public", "own"]
        .iter()
        .map(|k| (k.to_string(), ctx.t(&format!("form-owner-{k}"))))
        .collect();
    let body = html! {
        div.form-grid {
            (text(ctx, errors, "name", "form-name", &form.name, true))
            (super::id_field(ctx, errors, &form.id, "name", target.is_new))
        }
        (select(ctx, errors, "kind", "form-actor-kind", &kinds, &form.kind))
        (long_text(ctx, errors, "description", "form-description", &form.description))
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
