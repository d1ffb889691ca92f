//! Validator findings in the page's language: each [`Diagnostic`] names its message
//! (`check-{message_id}` in `locales/*/checks.ftl`) and arguments, which name entities by
//! their names; the English text stays what `stig check` prints and is the fallback.

use fluent_bundle::FluentValue;
use maud::{Markup, html};
use stig_model::{Diagnostic, Origin, Severity, Workspace};

use crate::error::FieldError;
use crate::i18n::Tr;
use crate::views::PageCtx;

/// Arguments whose values are words the UI translates (`check-word-{value}`): kinds of
/// things, owners, modes, channels.
const WORDS: &[&str] = &["what", "owner", "kind", "mode"];

/// The diagnostic's message in the page's language (its English text if none is written).
pub fn message(ctx: &PageCtx<'_>, d: &Diagnostic) -> String {
    text(&ctx.tr, d)
}

/// [`message`] for a translator alone (before a page is built).
pub fn text(tr: &Tr<'_>, d: &Diagnostic) -> String {
    translated(tr, &format!("check-{}", d.message_id), d).unwrap_or_else(|| d.message.clone())
}

/// How to fix it or why it matters, in the page's language; the English help only where no
/// translation is written (it speaks of the TOML files).
pub fn help(ctx: &PageCtx<'_>, d: &Diagnostic) -> Option<String> {
    translated(&ctx.tr, &format!("check-{}-help", d.message_id), d).or_else(|| {
        translated(&ctx.tr, &format!("check-{}", d.message_id), d)
            .is_none()
            .then(|| d.help.clone())
            .flatten()
    })
}

fn translated(tr: &Tr<'_>, key: &str, d: &Diagnostic) -> Option<String> {
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    for (k, v) in &d.args {
        let value = if WORDS.contains(&k.as_str()) {
            let word = tr.t(&format!("check-word-{v}"));
            if word.starts_with("check-word-") {
                v.clone()
            } else {
                word
            }
        } else if k == "channel" {
            let name = tr.t(&format!("page-channel-{v}"));
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
    let text = tr.ta(key, &args);
    (text != key).then_some(text)
}

/// The errors `after` has that `before` did not (a change may not break the workspace, but
/// a problem elsewhere does not block it), in the page's language: on the changed entity's
/// fields where they are about it. The same rule as [`crate::edit::check`], which guards
/// the store; this one speaks to the person at the form.
pub fn new_errors(
    tr: &Tr<'_>,
    before: &Workspace,
    after: &Workspace,
    changed: Origin,
) -> Vec<FieldError> {
    let key = |d: &Diagnostic| (d.code, d.message.clone());
    let old: std::collections::HashSet<_> = stig_model::validate(before)
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(key)
        .collect();
    stig_model::validate(after)
        .into_iter()
        .filter(|d| d.severity() == Severity::Error && !old.contains(&key(d)))
        .map(|d| {
            let mut message = text(tr, &d);
            if let Some(s) = &d.suggestion {
                message.push(' ');
                message.push_str(&tr.ta("check-did-you-mean", &[("suggestion", s.clone().into())]));
            }
            FieldError {
                field: if d.location.origin == changed {
                    d.location.to_string()
                } else {
                    String::new()
                },
                message,
            }
        })
        .collect()
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
