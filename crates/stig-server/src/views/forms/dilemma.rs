//! The dilemma form: the question, where it arises, its options (one row each, two empty rows
//! to add more) and the decision with its rationale.

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{Dilemma, DilemmaOption, Workspace};

use super::{
    FormErrors, FormTarget, cell, long_text, options, parse_pairs, persona_values,
    read_persona_values, select, shell, text,
};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DilemmaForm {
    pub id: String,
    pub question: String,
    /// `journey-id/step-id`, `journey-id/` or empty.
    pub place: String,
    pub chosen: String,
    pub rationale: String,
    pub opt_id: Vec<String>,
    pub opt_name: Vec<String>,
    /// Per-persona satisfaction as `name = 1, other = -1` (still read; the form sends `opt_pv`).
    pub opt_satisfaction: Vec<String>,
    /// Per-persona satisfaction from the selects: `row|persona|value`.
    pub opt_pv: Vec<String>,
    pub opt_cost: Vec<String>,
    pub opt_co2e: Vec<String>,
    pub opt_notes: Vec<String>,
    pub version: Option<i64>,
}

impl DilemmaForm {
    pub fn from_model(d: &Dilemma) -> Self {
        let place = match (&d.journey, &d.step) {
            (Some(j), Some(s)) => format!("{j}/{s}"),
            (Some(j), None) => format!("{j}/"),
            _ => String::new(),
        };
        DilemmaForm {
            id: d.id.clone(),
            question: d.question.clone(),
            place,
            chosen: d.chosen.clone().unwrap_or_default(),
            rationale: d.rationale.clone(),
            opt_id: d.options.iter().map(|o| o.id.clone()).collect(),
            opt_name: d.options.iter().map(|o| o.name.clone()).collect(),
            opt_satisfaction: Vec::new(),
            opt_pv: d
                .options
                .iter()
                .enumerate()
                .flat_map(|(i, o)| {
                    o.satisfaction
                        .iter()
                        .map(move |(p, v)| format!("{i}|{p}|{v}"))
                })
                .collect(),
            opt_cost: d.options.iter().map(|o| o.cost.to_string()).collect(),
            opt_co2e: d.options.iter().map(|o| o.co2e_kg.to_string()).collect(),
            opt_notes: d.options.iter().map(|o| o.notes.clone()).collect(),
            version: None,
        }
    }

    pub fn to_model(&self) -> Result<Dilemma, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut options = Vec::new();
        let mut per_persona = read_persona_values(&self.opt_pv).unwrap_or_else(|e| {
            errors.push(FieldError {
                field: "option".into(),
                message: e,
            });
            Default::default()
        });
        let rows = self.opt_id.len().max(self.opt_name.len());
        for i in 0..rows {
            let (id, name) = (cell(&self.opt_id, i), cell(&self.opt_name, i));
            if id.is_empty() && name.is_empty() {
                continue; // an empty row left for adding
            }
            let field = format!("option[{}]", options.len());
            let number = |s: &str, what: &str, errors: &mut Vec<FieldError>| -> f64 {
                let s = s.replace(',', ".").replace(' ', "");
                if s.is_empty() {
                    return 0.0;
                }
                s.parse().unwrap_or_else(|_| {
                    errors.push(FieldError {
                        field: format!("{field}.{what}"),
                        message: format!("`{s}` is not a number"),
                    });
                    0.0
                })
            };
            let cost = number(cell(&self.opt_cost, i), "cost", &mut errors);
            let co2e_kg = number(cell(&self.opt_co2e, i), "co2e_kg", &mut errors);
            let mut satisfaction = per_persona.remove(&i).unwrap_or_default();
            match parse_pairs(cell(&self.opt_satisfaction, i)) {
                Ok(typed) => satisfaction.extend(typed),
                Err(e) => errors.push(FieldError {
                    field: format!("{field}.satisfaction"),
                    message: e,
                }),
            }
            options.push(DilemmaOption {
                id: id.into(),
                name: name.into(),
                satisfaction,
                cost,
                co2e_kg,
                notes: cell(&self.opt_notes, i).into(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (journey, step) = match self.place.split_once('/') {
            Some((j, s)) => (
                Some(j.to_owned()),
                Some(s.to_owned()).filter(|s| !s.is_empty()),
            ),
            None => (None, None),
        };
        Ok(Dilemma {
            id: self.id.trim().into(),
            question: self.question.trim().into(),
            journey,
            step,
            chosen: Some(self.chosen.trim().to_owned()).filter(|c| !c.is_empty()),
            rationale: self.rationale.trim().into(),
            options,
        })
    }
}

pub fn dilemma_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    form: &DilemmaForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-dilemma"
    } else {
        "form-edit-dilemma"
    });
    let mut places = vec![(String::new(), ctx.t("form-none"))];
    for j in &ws.journeys {
        places.push((format!("{}/", j.id), j.name.clone()));
        places.extend(j.steps.iter().map(|s| {
            (
                format!("{}/{}", j.id, s.id),
                format!("{} › {}", j.name, s.action),
            )
        }));
    }
    let mut chosen = vec![(String::new(), ctx.t("form-not-decided"))];
    chosen.extend(
        form.opt_id
            .iter()
            .zip(&form.opt_name)
            .filter(|(id, _)| !id.is_empty())
            .map(|(id, n)| (id.clone(), n.clone())),
    );
    let rows = form.opt_id.len() + 2;
    let personas = options(ws.personas.iter().map(|p| (p.id.as_str(), p.name.as_str())));
    let per_persona = read_persona_values(&form.opt_pv).unwrap_or_default();
    let no_values = std::collections::BTreeMap::new();
    let body = html! {
        (text(ctx, errors, "question", "form-question", &form.question, true))
        div.form-grid {
            (super::id_field(ctx, errors, &form.id, "question", target.is_new))
            (select(ctx, errors, "place", "form-dilemma-place", &places, &form.place))
        }
        fieldset.rows.reflow-rows {
            legend { (ctx.t("form-options")) }
            p.hint { (ctx.t("form-options-hint-pickers")) }
            table.data.form-rows {
                thead { tr {
                    th { (ctx.t("form-id")) } th { (ctx.t("form-name")) } th { (ctx.t("form-satisfaction")) }
                    th { (ctx.t("form-cost")) " (" (ws.settings.currency) ")" } th { (ctx.t("form-co2e")) } th { (ctx.t("form-notes")) }
                } }
                tbody {
                    @for i in 0..rows {
                        tr {
                            td data-label=(ctx.t("form-id")) { input type="text" name="opt_id" value=(cell(&form.opt_id, i)) aria-label=(ctx.t("form-id")) data-slug-from="opt_name"; }
                            td data-label=(ctx.t("form-name")) { input type="text" name="opt_name" value=(cell(&form.opt_name, i)) aria-label=(ctx.t("form-name")); }
                            td.wide { (persona_values(ctx, "opt_pv", i, &personas, per_persona.get(&i).unwrap_or(&no_values))) }
                            td data-label=(ctx.t("form-cost")) { input type="text" name="opt_cost" value=(cell(&form.opt_cost, i)) inputmode="decimal" aria-label=(ctx.t("form-cost")); }
                            td data-label=(ctx.t("form-co2e")) { input type="text" name="opt_co2e" value=(cell(&form.opt_co2e, i)) inputmode="decimal" aria-label=(ctx.t("form-co2e")); }
                            td data-label=(ctx.t("form-notes")) { input type="text" name="opt_notes" value=(cell(&form.opt_notes, i)) aria-label=(ctx.t("form-notes")); }
                        }
                    }
                }
            }
            @for e in errors.for_field("option") { span.field-error { (e) } }
        }
        (select(ctx, errors, "chosen", "form-chosen", &chosen, &form.chosen))
        (long_text(ctx, errors, "rationale", "form-rationale", &form.rationale))
    };
    shell(
        ctx,
        &title,
        target.action,
        form.version,
        target.cancel,
        errors,
        body,
    )
}
