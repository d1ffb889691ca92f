//! The workspace settings form.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::Settings;

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
    pub version: Option<i64>,
}

impl SettingsForm {
    pub fn from_model(s: &Settings) -> Self {
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
            version: None,
        }
    }
    pub fn to_model(&self) -> Result<Settings, Vec<FieldError>> {
        Ok(Settings {
            name: self.name.trim().into(),
            brand_promise: self.brand_promise.trim().into(),
            locale: self.locale.trim().into(),
            currency: self.currency.trim().to_uppercase(),
            churn_after_days: days(&self.churn_after_days, "churn_after_days")?,
            churn_events: split_lines(&self.churn_events),
            purchase_events: split_lines(&self.purchase_events),
            ..Settings::default()
        })
    }
}

pub fn settings_form(
    ctx: &PageCtx<'_>,
    form: &SettingsForm,
    errors: &FormErrors,
    action: &str,
    cancel: &str,
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
