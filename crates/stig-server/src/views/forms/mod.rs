//! Edit forms for every design-time entity. Plain HTML forms (they work without JavaScript),
//! validated on the server by the same validator as `stig check`; errors are shown inline
//! and the user's input is kept.

pub mod actor;
pub mod checks;
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
            link rel="stylesheet" href="/assets/people.css";
            script src="/assets/forms.js" defer {}
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

/// The id field of a form: on a new entity it is filled from the `from` field as typed
/// (`forms.js`), stays editable, and may be left empty (the server makes it from the name).
pub fn id_field(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    value: &str,
    from: &str,
    is_new: bool,
) -> Markup {
    let errs = errors.for_field("id");
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t("form-id"))
            input type="text" name="id" value=(value) required[!is_new] data-slug-from=[is_new.then_some(from)]
                autocapitalize="none" spellcheck="false";
            @if is_new { span.hint { (ctx.t("form-id-from-name")) } }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// Fills an empty `id` from `name` (as [`stig_model::id_from_name`] spells it), made unique
/// against `taken`; an id the user gave is kept as it is.
pub fn derive_id(id: &mut String, name: &str, taken: impl Fn(&str) -> bool) {
    if id.trim().is_empty() {
        let base = stig_model::id_from_name(name);
        if !base.is_empty() {
            *id = stig_model::unique_id(&base, taken);
        }
    }
}

/// [`derive_id`] for repeated rows (phases, stages, options): each named row without an id
/// gets one, unique among the rows.
pub fn derive_row_ids(ids: &mut Vec<String>, names: &[String]) {
    if ids.len() < names.len() {
        ids.resize(names.len(), String::new());
    }
    for i in 0..names.len() {
        if ids[i].trim().is_empty() && !names[i].trim().is_empty() {
            let others: Vec<String> = ids.iter().map(|s| s.trim().to_owned()).collect();
            derive_id(&mut ids[i], &names[i], |c| others.iter().any(|o| o == c));
        }
    }
}

/// Per-persona values for row `row` (an emotional element, a dilemma option): one −2…+2
/// select per persona, `""` meaning "as for everyone". Each select sends `row|persona|value`
/// under `name`, read back by [`read_persona_values`].
pub fn persona_values(
    ctx: &PageCtx<'_>,
    name: &str,
    row: usize,
    personas: &[(String, String)],
    values: &std::collections::BTreeMap<String, i8>,
) -> Markup {
    let set = values.len();
    html! {
        @if personas.is_empty() {
            span.hint { (ctx.t("form-none-defined")) }
        } @else {
            details.persona-values open[set > 0] {
                summary { (ctx.tr.ta("form-per-persona", &[("count", set.into())])) }
                @for (id, label) in personas {
                    @let current = values.get(id).copied();
                    label.persona-value {
                        span { (label) }
                        select name=(name) {
                            option value={(row) "|" (id) "|"} selected[current.is_none()] { (ctx.t("form-as-for-all")) }
                            @for v in [2i8, 1, 0, -1, -2] {
                                option value={(row) "|" (id) "|" (v)} selected[current == Some(v)] { (valence_label(v)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A valence as people read it: `+2`, `0`, `−1`.
pub fn valence_label(v: i8) -> String {
    match v {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".into(),
    }
}

/// Reads what [`persona_values`] sent: per row, the personas given a value of their own.
pub fn read_persona_values(
    sent: &[String],
) -> Result<std::collections::BTreeMap<usize, std::collections::BTreeMap<String, i8>>, String> {
    let mut out: std::collections::BTreeMap<usize, std::collections::BTreeMap<String, i8>> =
        Default::default();
    for item in sent {
        let mut parts = item.splitn(3, '|');
        let (Some(row), Some(persona), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("`{item}` is not a per-persona value"));
        };
        let row: usize = row
            .parse()
            .map_err(|_| format!("`{item}` is not a per-persona value"))?;
        if value.is_empty() || persona.is_empty() {
            continue;
        }
        let v: i8 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a whole number from -2 to 2"))?;
        out.entry(row).or_default().insert(persona.to_owned(), v);
    }
    Ok(out)
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

/// A list of entities as (id, label) options, labelled by their names (an unnamed one by
/// its id).
pub fn options<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    items
        .map(|(id, name)| {
            let label = if name.trim().is_empty() { id } else { name };
            (id.to_owned(), label.to_owned())
        })
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
