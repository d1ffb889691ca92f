//! The persona form.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{Demographics, Persona};

use super::{FormErrors, FormTarget, lines, long_text, shell, split_lines, text};
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PersonaForm {
    pub id: String,
    pub name: String,
    pub quote: String,
    pub motivation: String,
    pub real_motive: String,
    pub needs: String,
    pub dreams: String,
    pub companions: String,
    pub loves: String,
    pub hates: String,
    pub age: String,
    pub gender: String,
    pub home: String,
    pub income: String,
    pub household: String,
    pub occupation: String,
    pub version: Option<i64>,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl PersonaForm {
    pub fn from_model(p: &Persona) -> Self {
        let d = &p.demographics;
        PersonaForm {
            id: p.id.clone(),
            name: p.name.clone(),
            quote: p.quote.clone(),
            motivation: p.motivation.clone(),
            real_motive: p.real_motive.clone(),
            needs: p.needs.join("\n"),
            dreams: p.dreams.join("\n"),
            companions: p.companions.join("\n"),
            loves: p.loves.join("\n"),
            hates: p.hates.join("\n"),
            age: d.age.map(|a| a.to_string()).unwrap_or_default(),
            gender: d.gender.clone().unwrap_or_default(),
            home: d.home.clone().unwrap_or_default(),
            income: d.income.clone().unwrap_or_default(),
            household: d.household.clone().unwrap_or_default(),
            occupation: d.occupation.clone().unwrap_or_default(),
            version: None,
        }
    }

    /// The persona this form describes, or the fields that cannot be read.
    pub fn to_model(&self) -> Result<Persona, Vec<crate::error::FieldError>> {
        let age = match self.age.trim() {
            "" => None,
            a => Some(a.parse::<u16>().map_err(|_| {
                vec![crate::error::FieldError {
                    field: "demographics.age".into(),
                    message: format!("`{a}` is not an age in whole years"),
                }]
            })?),
        };
        Ok(Persona {
            id: self.id.trim().to_owned(),
            name: self.name.trim().to_owned(),
            quote: self.quote.trim().to_owned(),
            motivation: self.motivation.trim().to_owned(),
            real_motive: self.real_motive.trim().to_owned(),
            needs: split_lines(&self.needs),
            dreams: split_lines(&self.dreams),
            companions: split_lines(&self.companions),
            loves: split_lines(&self.loves),
            hates: split_lines(&self.hates),
            demographics: Demographics {
                age,
                gender: opt(&self.gender),
                home: opt(&self.home),
                income: opt(&self.income),
                household: opt(&self.household),
                occupation: opt(&self.occupation),
            },
        })
    }
}

pub fn persona_form(
    ctx: &PageCtx<'_>,
    form: &PersonaForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-persona"
    } else {
        "form-edit-persona"
    });
    let ln =
        |name: &str, label: &str, value: &str| lines(ctx, errors, name, label, &split_lines(value));
    let body = html! {
        div.form-grid {
            (text(ctx, errors, "name", "form-name", &form.name, true))
            (super::id_field(ctx, errors, &form.id, "name", target.is_new))
        }
        (text(ctx, errors, "quote", "form-quote", &form.quote, false))
        div.form-grid {
            div.love-box { (ln("loves", "form-loves", &form.loves)) }
            div.hate-box { (ln("hates", "form-hates", &form.hates)) }
        }
        (long_text(ctx, errors, "motivation", "form-motivation", &form.motivation))
        (long_text(ctx, errors, "real_motive", "form-real-motive", &form.real_motive))
        div.form-grid {
            (ln("needs", "form-needs", &form.needs))
            (ln("dreams", "form-dreams", &form.dreams))
        }
        (ln("companions", "form-companions", &form.companions))
        fieldset.demographics {
            legend { (ctx.t("form-demographics")) }
            p.hint { (ctx.t("form-demographics-hint")) }
            div.form-grid {
                (text(ctx, errors, "age", "form-age", &form.age, false))
                (text(ctx, errors, "gender", "form-gender", &form.gender, false))
                (text(ctx, errors, "home", "form-home", &form.home, false))
                (text(ctx, errors, "income", "form-income", &form.income, false))
                (text(ctx, errors, "household", "form-household", &form.household, false))
                (text(ctx, errors, "occupation", "form-occupation", &form.occupation, false))
            }
        }
    };
    let form_markup = shell(
        ctx,
        &title,
        target.action,
        form.version,
        target.cancel,
        errors,
        body,
    );
    // An existing persona's picture has its own form (a file upload is multipart), after
    // this one; a new persona gets a picture once saved.
    let picture = match target.action.strip_suffix("/edit") {
        Some(base) if !target.is_new => picture_form(ctx, base, &form.name),
        _ => html! { p.hint.picture-later { (ctx.t("photo-save-first")) } },
    };
    html! { (form_markup) div.form-page { (picture) } }
}

/// Upload, replace or remove a persona's picture; `base` is the persona's URL
/// (`/w/{ws}/personas/{id}`), `name` its name (for the picture's text alternative).
pub fn picture_form(ctx: &PageCtx<'_>, base: &str, name: &str) -> Markup {
    let alt = ctx.tr.ta("photo-alt", &[("name", name.to_owned().into())]);
    html! {
        section.card.picture-box #picture aria-labelledby="picture-title" style="margin-top: 1rem" {
            h2 #picture-title { (ctx.t("photo-heading")) }
            div style="display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start" {
                img.avatar.large src={(base) "/picture?or=initials"} alt=(alt) width="64" height="64"
                    style="object-fit: cover; background: #e4e9ef";
                form.stack method="post" action={(base) "/picture"} enctype="multipart/form-data" style="flex: 1 1 16rem" {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label for="picture-file" { (ctx.t("photo-choose")) }
                    input #picture-file type="file" name="picture" accept="image/png,image/jpeg,image/webp" required aria-describedby="picture-hint";
                    p.hint #picture-hint { (ctx.t("photo-hint")) }
                    div.form-actions {
                        button.btn.small type="submit" { (ctx.t("photo-upload")) }
                    }
                }
                form method="post" action={(base) "/picture/delete"} {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    button.btn.secondary.small type="submit" { (ctx.t("photo-remove")) }
                }
            }
        }
    }
}
