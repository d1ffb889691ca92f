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
/// derives it the same way when it is left empty); picking a template or a file selects
/// that way to start. The form works without it.
const SCRIPT: &str = r#"(function(){var n=document.getElementById('ws-name'),i=document.getElementById('ws-id');if(n&&i){var own=i.value!=='';i.addEventListener('input',function(){own=i.value!=='';});n.addEventListener('input',function(){if(own)return;i.value=n.value.trim().toLowerCase().replace(/[^\p{L}\p{N}_]+/gu,'-').replace(/^-+|-+$/g,'');});}
function pick(v){var r=document.querySelector('input[name=from][value='+v+']');if(r)r.checked=true;}
document.querySelectorAll('input[name=template]').forEach(function(t){t.addEventListener('change',function(){pick('template');});});
var f=document.querySelector('input[name=zip]');if(f)f.addEventListener('change',function(){pick('zip');});})();"#;

/// Scoped to this page's own classes.
const STYLE: &str = ".ws-new fieldset.ws-from{display:grid;gap:.6rem;min-width:0}\
.ws-new label.ws-choice,.ws-new label.ws-template{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:0}\
.ws-new label.ws-choice input,.ws-new label.ws-template input{width:auto;flex:none;margin:.2rem 0 0}\
.ws-new .ws-templates{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,17rem),1fr));gap:.5rem;margin:0 0 .4rem 1.7rem}\
.ws-new label.ws-template{border:1px solid #cbd5e1;border-radius:6px;padding:.5rem .6rem;background:#fff;min-width:0}\
.ws-new label.ws-template:has(input:checked){border-color:#1e40af;box-shadow:0 0 0 1px #1e40af}\
.ws-new .ws-file{margin:0 0 0 1.7rem;min-width:0}\
.ws-new .ws-file input{max-width:100%}\
.ws-new ul.ws-diagnostics{margin:0 0 0 1.7rem;padding-left:1rem;color:#991b1b}\
.ws-new ul.ws-diagnostics code{overflow-wrap:anywhere;color:#1f2937}\
@media (max-width:600px){.ws-new .ws-templates,.ws-new .ws-file,.ws-new ul.ws-diagnostics{margin-left:0}}";

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
        style { (PreEscaped(STYLE)) }
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
                                        " · " (crate::i18n::Locale::parse(&t.locale).map_or(t.locale.as_str(), |l| l.native_name()))
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
        script { (PreEscaped(SCRIPT)) }
    };
    page(ctx, &ctx.t("ws-new-title"), Nav::None, content)
}
