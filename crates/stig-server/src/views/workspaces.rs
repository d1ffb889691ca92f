//! The "new workspace" page: empty, from a template, or from a journey-as-code zip.

use maud::{Markup, PreEscaped, html};

use super::PageCtx;
use super::layout::{Nav, page};
use crate::ui::workspaces::{MAX_ZIP_BYTES, Template};

/// The form as typed (shown again after a refusal).
#[derive(Debug, Clone, Default)]
pub struct NewWorkspaceForm {
    pub name: String,
    pub id: String,
    /// `empty`, `template` or `zip`.
    pub from: String,
    pub template: String,
}

/// Why a workspace was not created: per field, for the form as a whole, and the zip's
/// diagnostics as `(file:line:column, message)`.
#[derive(Debug, Clone, Default)]
pub struct NewWorkspaceProblems {
    pub fields: Vec<(&'static str, String)>,
    pub general: Vec<String>,
    pub diagnostics: Vec<(String, String)>,
}

impl NewWorkspaceProblems {
    pub fn field(&mut self, name: &'static str, message: String) {
        self.fields.push((name, message));
    }
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty() && self.diagnostics.is_empty()
    }
    fn of(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, m)| m.as_str())
    }
}

/// Fills the id from the name as it is typed, until the id is typed itself (the server
/// derives it the same way when it is left empty).
const DERIVE_ID: &str = r#"(function(){var n=document.getElementById('ws-name'),i=document.getElementById('ws-id');if(!n||!i)return;var own=i.value!=='';i.addEventListener('input',function(){own=i.value!=='';});n.addEventListener('input',function(){if(own)return;i.value=n.value.trim().toLowerCase().replace(/[^\p{L}\p{N}_]+/gu,'-').replace(/^-+|-+$/g,'');});})();"#;

pub fn new_workspace_page(
    ctx: &PageCtx<'_>,
    templates: &[Template],
    form: &NewWorkspaceForm,
    problems: &NewWorkspaceProblems,
) -> Markup {
    let from = if form.from.is_empty() {
        "empty"
    } else {
        form.from.as_str()
    };
    let error = |name: &str| {
        html! { @if let Some(m) = problems.of(name) { p.field-error role="alert" { (m) } } }
    };
    let content = html! {
        div.heading { div.heading-text {
            p.eyebrow { (ctx.t("ws-new-eyebrow")) }
            h1 { (ctx.t("ws-new-title")) }
            p.lead { (ctx.t("ws-new-lead")) }
        } }
        @for m in &problems.general { div.flash.error role="alert" { (m) } }
        form.stack.card.ws-new method="post" action="/workspaces" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            fieldset.ws-from {
                legend { (ctx.t("ws-new-start")) }
                label.ws-choice {
                    input type="radio" name="from" value="empty" checked[from == "empty"];
                    span { strong { (ctx.t("ws-new-empty")) } br; span.hint { (ctx.t("ws-new-empty-hint")) } }
                }
                @if !templates.is_empty() {
                    label.ws-choice {
                        input type="radio" name="from" value="template" checked[from == "template"];
                        span { strong { (ctx.t("ws-new-template")) } br; span.hint { (ctx.t("ws-new-template-hint")) } }
                    }
                    div.ws-templates role="radiogroup" aria-label=(ctx.t("ws-new-template")) {
                        @for (i, t) in templates.iter().enumerate() {
                            @let checked = form.template == t.id || (form.template.is_empty() && i == 0);
                            label.ws-template {
                                input type="radio" name="template" value=(t.id) checked[checked];
                                span {
                                    strong { (t.name) }
                                    br;
                                    span.hint {
                                        (ctx.tr.ta("ws-new-template-counts", &[
                                            ("personas", t.personas.into()),
                                            ("journeys", t.journeys.into()),
                                            ("touchpoints", t.touchpoints.into()),
                                        ]))
                                        " · " (t.locale)
                                    }
                                }
                            }
                        }
                    }
                    (error("template"))
                }
                label.ws-choice {
                    input type="radio" name="from" value="zip" checked[from == "zip"];
                    span { strong { (ctx.t("ws-new-zip")) } br; span.hint {
                        (ctx.tr.ta("ws-new-zip-hint", &[("mb", (MAX_ZIP_BYTES / (1024 * 1024)).into())]))
                    } }
                }
                label.ws-file {
                    span.visually-hidden { (ctx.t("ws-new-zip")) }
                    input type="file" name="zip" accept=".zip,application/zip";
                }
                (error("zip"))
                @if !problems.diagnostics.is_empty() {
                    ul.ws-diagnostics {
                        @for (place, message) in &problems.diagnostics {
                            li { @if !place.is_empty() { code { (place) } " " } (message) }
                        }
                    }
                }
            }
            label {
                (ctx.t("ws-new-name")) " " span.hint { (ctx.t("ws-new-name-hint")) }
                input #ws-name type="text" name="name" value=(form.name) autocomplete="off";
            }
            (error("name"))
            label {
                (ctx.t("ws-new-id")) " " span.hint { (ctx.t("ws-new-id-hint")) }
                input #ws-id type="text" name="id" value=(form.id) autocomplete="off" spellcheck="false";
            }
            (error("id"))
            div.form-actions { button.btn type="submit" { (ctx.t("ws-new-create")) } }
        }
        script { (PreEscaped(DERIVE_ID)) }
    };
    page(ctx, &ctx.t("ws-new-title"), Nav::None, content)
}
