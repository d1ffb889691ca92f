//! The workspace settings form.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::Settings;

use super::{FormErrors, long_text, select, shell, text};
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    pub name: String,
    pub brand_promise: String,
    pub locale: String,
    pub currency: String,
    pub version: Option<i64>,
}

impl SettingsForm {
    pub fn from_model(s: &Settings) -> Self {
        SettingsForm {
            name: s.name.clone(),
            brand_promise: s.brand_promise.clone(),
            locale: s.locale.clone(),
            currency: s.currency.clone(),
            version: None,
        }
    }
    pub fn to_model(&self) -> Settings {
        Settings {
            name: self.name.trim().into(),
            brand_promise: self.brand_promise.trim().into(),
            locale: self.locale.trim().into(),
            currency: self.currency.trim().to_uppercase(),
        }
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
