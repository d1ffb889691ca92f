//! The workspace settings form.

use maud::{Markup, html};
use serde::Deserialize;

use std::collections::BTreeMap;

use stig_model::{Retention, Settings};

use super::{FormErrors, days, lines, long_text, select, shell, split_lines, text};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    pub name: String,
    pub brand_promise: String,
    pub locale: String,
    pub currency: String,
    pub churn_after_days: String,
    /// One event name a line.
    pub churn_events: String,
    pub purchase_events: String,
    /// Retention: days events and comments are kept (empty: for good).
    pub events_days: String,
    pub comments_days: String,
    /// Per-event-type retention rows, read pairwise (an empty row is left for adding).
    pub keep_event: Vec<String>,
    pub keep_days: Vec<String>,
    pub version: Option<i64>,
}

impl SettingsForm {
    pub fn from_model(s: &Settings) -> Self {
        let retention = s.retention.as_ref();
        SettingsForm {
            name: s.name.clone(),
            brand_promise: s.brand_promise.clone(),
            locale: s.locale.clone(),
            currency: s.currency.clone(),
            churn_after_days: s
                .churn_after_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            churn_events: s.churn_events.join("\n"),
            purchase_events: s.purchase_events.join("\n"),
            events_days: opt_days(retention.and_then(|r| r.events_days)),
            comments_days: opt_days(retention.and_then(|r| r.comments_days)),
            keep_event: retention
                .map(|r| r.event_days.keys().cloned().collect())
                .unwrap_or_default(),
            keep_days: retention
                .map(|r| r.event_days.values().map(u32::to_string).collect())
                .unwrap_or_default(),
            version: None,
        }
    }
    pub fn to_model(&self) -> Result<Settings, Vec<FieldError>> {
        let retention = self.retention()?;
        Ok(Settings {
            name: self.name.trim().into(),
            brand_promise: self.brand_promise.trim().into(),
            locale: self.locale.trim().into(),
            currency: self.currency.trim().to_uppercase(),
            churn_after_days: days(&self.churn_after_days, "churn_after_days")?,
            churn_events: split_lines(&self.churn_events),
            purchase_events: split_lines(&self.purchase_events),
            retention,
            ..Settings::default()
        })
    }

    /// The retention the form asks for; `None` when it keeps everything. Every bad number is
    /// reported at once, each under its model path.
    fn retention(&self) -> Result<Option<Retention>, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut keep = |value: &str, path: &str| {
            days(value, path).unwrap_or_else(|e| {
                errors.extend(e);
                None
            })
        };
        let events_days = keep(&self.events_days, "retention.events_days");
        let comments_days = keep(&self.comments_days, "retention.comments_days");
        let mut event_days = BTreeMap::new();
        for i in 0..self.keep_event.len().max(self.keep_days.len()) {
            let name = cell(&self.keep_event, i).trim();
            let value = cell(&self.keep_days, i).trim();
            if name.is_empty() && value.is_empty() {
                continue;
            }
            let path = format!(
                "retention.event_days[{}]",
                if name.is_empty() { "?" } else { name }
            );
            if name.is_empty() {
                errors.push(field(
                    &path,
                    format!("`{value}` days for which event? Name the event"),
                ));
                continue;
            }
            match value.parse::<u32>() {
                Ok(n) if event_days.insert(name.to_owned(), n).is_none() => {}
                Ok(_) => errors.push(field(&path, format!("`{name}` is listed twice"))),
                Err(_) => errors.push(field(
                    &path,
                    format!("`{value}` is not a whole number of days (0 keeps `{name}` for good)"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let retention = Retention {
            events_days,
            event_days,
            comments_days,
        };
        Ok((retention != Retention::default()).then_some(retention))
    }
}

fn field(path: &str, message: String) -> FieldError {
    FieldError {
        field: path.into(),
        message,
    }
}

fn cell(values: &[String], i: usize) -> &str {
    values.get(i).map_or("", String::as_str)
}

fn opt_days(days: Option<u32>) -> String {
    days.map(|d| d.to_string()).unwrap_or_default()
}

pub fn settings_form(
    ctx: &PageCtx<'_>,
    form: &SettingsForm,
    errors: &FormErrors,
    action: &str,
    cancel: &str,
    events: &[String],
) -> Markup {
    let locales: Vec<(String, String)> = crate::i18n::Locale::ALL
        .iter()
        .map(|l| (l.code().to_owned(), l.native_name().to_owned()))
        .collect();
    let body = html! {
        (text(ctx, errors, "name", "form-name", &form.name, true))
        (long_text(ctx, errors, "brand_promise", "form-brand-promise", &form.brand_promise))
        div.form-grid {
            (select(ctx, errors, "locale", "form-locale", &locales, &form.locale))
            (text(ctx, errors, "currency", "form-currency", &form.currency, true))
        }
        fieldset {
            legend { (ctx.t("form-lifecycle")) }
            p.hint { (ctx.t("form-lifecycle-hint")) }
            (text(ctx, errors, "churn_after_days", "form-churn-after-days", &form.churn_after_days, false))
            div.form-grid {
                (lines(ctx, errors, "churn_events", "form-churn-events", &split_lines(&form.churn_events)))
                (lines(ctx, errors, "purchase_events", "form-purchase-events", &split_lines(&form.purchase_events)))
            }
        }
        (retention_fields(ctx, form, errors, events))
    };
    shell(
        ctx,
        &ctx.t("form-edit-settings"),
        action,
        form.version,
        cancel,
        errors,
        body,
    )
}

/// How long events and comments are kept, with per-event-type exceptions: two empty rows
/// below the ones saved (save to get more); names are offered from the tracking plan.
fn retention_fields(
    ctx: &PageCtx<'_>,
    form: &SettingsForm,
    errors: &FormErrors,
    events: &[String],
) -> Markup {
    let rows = form.keep_event.len().max(form.keep_days.len()) + 2;
    html! {
        fieldset.rows.reflow-rows.retention {
            legend { (ctx.t("form-retention")) }
            p.hint { (ctx.t("form-retention-hint")) }
            div.form-grid {
                (days_field(ctx, errors, "events_days", "retention.events_days", "form-retention-events-days", &form.events_days))
                (days_field(ctx, errors, "comments_days", "retention.comments_days", "form-retention-comments-days", &form.comments_days))
            }
            h3.retention-rows { (ctx.t("form-retention-per-event")) }
            p.hint { (ctx.t("form-retention-per-event-hint")) }
            table.data.form-rows {
                thead { tr { th { (ctx.t("form-retention-event")) } th { (ctx.t("form-retention-days")) } } }
                tbody {
                    @for i in 0..rows {
                        tr {
                            td data-label=(ctx.t("form-retention-event")) {
                                input type="text" name="keep_event" value=(cell(&form.keep_event, i))
                                    list="retention-events" aria-label=(ctx.t("form-retention-event"));
                            }
                            td data-label=(ctx.t("form-retention-days")) {
                                input type="text" name="keep_days" value=(cell(&form.keep_days, i))
                                    inputmode="numeric" aria-label=(ctx.t("form-retention-days"));
                            }
                        }
                    }
                }
            }
            @for e in errors.for_field("retention.event_days") { span.field-error { (e) } }
            datalist #retention-events { @for name in events { option value=(name) {} } }
        }
    }
}

/// A number-of-days input named `name` whose errors are reported under the model `path`.
fn days_field(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    path: &str,
    label: &str,
    value: &str,
) -> Markup {
    let errs = errors.for_field(path);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label))
            input type="text" name=(name) value=(value) inputmode="numeric" placeholder=(ctx.t("form-retention-forever"));
            @for e in errs { span.field-error { (e) } }
        }
    }
}
