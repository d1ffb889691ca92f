//! Validator findings in the page's language: each [`Diagnostic`] names its message
//! (`check-{message_id}` in `locales/*/checks.ftl`) and arguments, which name entities by
//! their names; the English text stays what `stig check` prints and is the fallback.

use fluent_bundle::FluentValue;
use maud::{Markup, html};
use stig_model::{Diagnostic, Origin, Severity, Workspace};

use crate::views::PageCtx;

/// Arguments whose values are words the UI translates (`check-word-{value}`): kinds of
/// things, owners, modes, channels.
const WORDS: &[&str] = &["what", "owner", "kind", "mode"];

/// The diagnostic's message in the page's language (its English text if none is written).
pub fn message(ctx: &PageCtx<'_>, d: &Diagnostic) -> String {
    translated(ctx, &format!("check-{}", d.message_id), d).unwrap_or_else(|| d.message.clone())
}

/// How to fix it or why it matters, in the page's language; the English help only where no
/// translation is written (it speaks of the TOML files).
pub fn help(ctx: &PageCtx<'_>, d: &Diagnostic) -> Option<String> {
    translated(ctx, &format!("check-{}-help", d.message_id), d).or_else(|| {
        translated(ctx, &format!("check-{}", d.message_id), d)
            .is_none()
            .then(|| d.help.clone())
            .flatten()
    })
}

fn translated(ctx: &PageCtx<'_>, key: &str, d: &Diagnostic) -> Option<String> {
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    for (k, v) in &d.args {
        let value = if WORDS.contains(&k.as_str()) {
            let word = ctx.t(&format!("check-word-{v}"));
            if word.starts_with("check-word-") {
                v.clone()
            } else {
                word
            }
        } else if k == "channel" {
            let name = ctx.t(&format!("page-channel-{v}"));
            if name.starts_with("page-channel-") {
                v.clone()
            } else {
                name
            }
        } else {
            v.clone()
        };
        args.push((k.as_str(), value.into()));
    }
    let text = ctx.tr.ta(key, &args);
    (text != key).then_some(text)
}

/// The warnings the validator has about one stored entity, shown on its edit form.
pub fn warnings_for(ctx: &PageCtx<'_>, ws: &Workspace, origin: Origin) -> Markup {
    let found: Vec<Diagnostic> = stig_model::validate(ws)
        .into_iter()
        .filter(|d| d.location.origin == origin && d.severity() == Severity::Warning)
        .collect();
    warnings(ctx, &found)
}

/// A list of warnings with their codes, or nothing.
pub fn warnings(ctx: &PageCtx<'_>, found: &[Diagnostic]) -> Markup {
    html! {
        @if !found.is_empty() {
            div.flash.warning.form-warnings role="status" {
                strong { (ctx.t("check-form-warnings")) }
                ul {
                    @for d in found {
                        li {
                            (message(ctx, d))
                            @if let Some(h) = help(ctx, d) { " " span.hint { (h) } }
                            " " code.muted { (d.code.as_str()) }
                        }
                    }
                }
            }
        }
    }
}
