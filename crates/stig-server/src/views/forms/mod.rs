//! Edit forms for every design-time entity. Plain HTML forms (they work without JavaScript),
//! validated on the server by the same validator as `stig check`; errors are shown inline
//! and the user's input is kept.

pub mod actor;
pub mod dilemma;
pub mod goal;
pub mod journey;
pub mod moment;
pub mod persona;
pub mod settings;
pub mod step;
pub mod touchpoint;

use maud::{Markup, html};

use super::PageCtx;
use crate::error::FieldError;

/// What went wrong on the last submit: field errors (by model path) and/or a conflict.
#[derive(Default)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    pub conflict: Option<String>,
}

impl FormErrors {
    /// Messages for a field: those whose path is `field` or starts with `field[` / `field.`.
    pub fn for_field(&self, field: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|e| {
                e.field == field
                    || e.field.starts_with(&format!("{field}["))
                    || e.field.starts_with(&format!("{field}."))
            })
            .map(|e| e.message.as_str())
            .collect()
    }
}

/// Where a form posts to, where Cancel leads, and whether it creates something new.
pub struct FormTarget<'a> {
    pub action: &'a str,
    pub cancel: &'a str,
    pub is_new: bool,
}

/// The frame of every form: heading, errors, CSRF and version fields, submit and cancel.
pub fn shell(
    ctx: &PageCtx<'_>,
    title: &str,
    action: &str,
    version: Option<i64>,
    cancel: &str,
    errors: &FormErrors,
    body: Markup,
) -> Markup {
    html! {
        div.form-page {
            h1 { (title) }
            @if let Some(conflict) = &errors.conflict {
                div.flash.error role="alert" {
                    strong { (ctx.t("error-conflict")) } " " (conflict) " " (ctx.t("form-conflict-hint"))
                }
            }
            @if !errors.fields.is_empty() {
                div.flash.error role="alert" {
                    strong { (ctx.t("form-invalid")) }
                    ul { @for e in &errors.fields { li { @if !e.field.is_empty() { code { (e.field) } ": " } (e.message) } } }
                }
            }
            form.stack.card method="post" action=(action) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                @if let Some(v) = version { input type="hidden" name="version" value=(v); }
                (body)
                div.form-actions {
                    button.btn type="submit" { (ctx.t("action-save")) }
                    a.btn.secondary href=(cancel) { (ctx.t("action-cancel")) }
                }
            }
        }
    }
}

/// A labelled one-line text input.
pub fn text(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    label: &str,
    value: &str,
    required: bool,
) -> Markup {
    let errs = errors.for_field(name);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label))
            input type="text" name=(name) value=(value) required[required];
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// A labelled textarea holding a list, one item per line.
pub fn lines(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    label: &str,
    values: &[String],
) -> Markup {
    let errs = errors.for_field(name);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label)) " " span.hint { (ctx.t("form-one-per-line")) }
            textarea name=(name) rows=(values.len().clamp(2, 8) + 1) { (values.join("\n")) }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// A labelled multi-line free text.
pub fn long_text(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    label: &str,
    value: &str,
) -> Markup {
    let errs = errors.for_field(name);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label))
            textarea name=(name) rows="3" { (value) }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// A labelled select; `options` are (value, label) pairs.
pub fn select(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
) -> Markup {
    let errs = errors.for_field(name);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label))
            select name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// A group of checkboxes sharing `name`; `options` are (value, label) pairs.
pub fn checkboxes(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    label: &str,
    options: &[(String, String)],
    checked: &[String],
) -> Markup {
    let errs = errors.for_field(name);
    html! {
        fieldset.checks class=[(!errs.is_empty()).then_some("has-error")] {
            legend { (ctx.t(label)) }
            @if options.is_empty() { span.hint { (ctx.t("form-none-defined")) } }
            @for (value, text) in options {
                label.check {
                    input type="checkbox" name=(name) value=(value) checked[checked.contains(value)];
                    " " (text)
                }
            }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// Row `i` of a repeated form field (`opt_name`, `em_valence`…), trimmed; empty past the end.
pub fn cell(values: &[String], i: usize) -> &str {
    values.get(i).map(String::as_str).unwrap_or("").trim()
}

/// Splits a textarea into trimmed, non-empty lines.
pub fn split_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses `persona = 2, other = -1` into a map; reports what could not be read.
pub fn parse_pairs(s: &str) -> Result<std::collections::BTreeMap<String, i8>, String> {
    let mut out = std::collections::BTreeMap::new();
    for part in s
        .split([',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (k, v) = part
            .split_once(['=', ':'])
            .ok_or_else(|| format!("`{part}` is not `persona = value`"))?;
        let v: i8 = v
            .trim()
            .trim_start_matches('+')
            .parse()
            .map_err(|_| format!("`{}` in `{part}` is not a whole number", v.trim()))?;
        out.insert(k.trim().to_owned(), v);
    }
    Ok(out)
}

/// The inverse of [`parse_pairs`].
pub fn format_pairs(map: &std::collections::BTreeMap<String, i8>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ids of a list of entities as (value, label) options.
pub fn options<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    items
        .map(|(id, name)| (id.to_owned(), format!("{name} ({id})")))
        .collect()
}

/// An optional whole number of days (empty: the default), or why not.
pub fn days(value: &str, field: &str) -> Result<Option<u32>, Vec<crate::error::FieldError>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(vec![crate::error::FieldError {
            field: field.into(),
            message: format!("`{value}` is not a whole number of days (1 or more)"),
        }]),
    }
}
