//! The step form: what the customer does, where, and how it feels. Emotional elements and
//! evidence are rows (two empty rows to add more).

use maud::{Markup, html};
use serde::Deserialize;

use stig_model::{EmotionalElement, Evidence, EvidenceKind, Journey, Sense, Step, Workspace};

use super::{
    FormErrors, FormTarget, cell, checkboxes, id_field, lines, options, parse_pairs,
    read_persona_values, select, shell, split_lines, text,
};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    pub id: String,
    pub stage: String,
    pub action: String,
    pub sub_goal: String,
    pub touchpoints: Vec<String>,
    pub actors: Vec<String>,
    pub functional: String,
    pub pain_points: String,
    pub opportunities: String,
    pub em_name: Vec<String>,
    /// `see`, `hear`, `smell`, `taste`, `touch` or `intangible`.
    pub em_kind: Vec<String>,
    pub em_intangible: Vec<String>,
    pub em_valence: Vec<String>,
    /// Per-persona valence as `name = 2, other = -1` (still read; the form sends `em_pv`).
    pub em_personas: Vec<String>,
    /// Per-persona valence from the selects: `row|persona|value` (empty value: as for all).
    pub em_pv: Vec<String>,
    /// A touchpoint to create and link in the same save: its name, channel and mode.
    pub new_tp_name: String,
    pub new_tp_channel: String,
    pub new_tp_mode: String,
    pub ev_kind: Vec<String>,
    pub ev_text: Vec<String>,
    pub ev_source: Vec<String>,
    pub ev_date: Vec<String>,
    pub version: Option<i64>,
}

impl StepForm {
    pub fn from_model(s: &Step) -> Self {
        StepForm {
            id: s.id.clone(),
            stage: s.stage.clone(),
            action: s.action.clone(),
            sub_goal: s.sub_goal.clone(),
            touchpoints: s.touchpoints.clone(),
            actors: s.actors.clone(),
            functional: s.functional.join("\n"),
            pain_points: s.pain_points.join("\n"),
            opportunities: s.opportunities.join("\n"),
            em_name: s.emotions.iter().map(|e| e.name.clone()).collect(),
            em_kind: s
                .emotions
                .iter()
                .map(|e| {
                    e.sense
                        .map(|x| x.as_str().to_owned())
                        .unwrap_or_else(|| "intangible".into())
                })
                .collect(),
            em_intangible: s
                .emotions
                .iter()
                .map(|e| e.intangible.clone().unwrap_or_default())
                .collect(),
            em_valence: s.emotions.iter().map(|e| e.valence.to_string()).collect(),
            em_personas: Vec::new(),
            em_pv: s
                .emotions
                .iter()
                .enumerate()
                .flat_map(|(i, e)| {
                    e.persona_valence
                        .iter()
                        .map(move |(p, v)| format!("{i}|{p}|{v}"))
                })
                .collect(),
            ev_kind: s
                .evidence
                .iter()
                .map(|e| format!("{:?}", e.kind).to_lowercase())
                .collect(),
            ev_text: s.evidence.iter().map(|e| e.text.clone()).collect(),
            ev_source: s.evidence.iter().map(|e| e.source.clone()).collect(),
            ev_date: s
                .evidence
                .iter()
                .map(|e| e.date.map(|d| d.to_string()).unwrap_or_default())
                .collect(),
            version: None,
            ..Default::default()
        }
    }

    /// The per-persona valences of every row, from the selects and any typed pairs.
    fn persona_rows(
        &self,
        errors: &mut Vec<FieldError>,
    ) -> std::collections::BTreeMap<usize, std::collections::BTreeMap<String, i8>> {
        let mut rows = read_persona_values(&self.em_pv).unwrap_or_else(|e| {
            errors.push(FieldError {
                field: "emotion".into(),
                message: e,
            });
            Default::default()
        });
        for i in 0..self.em_personas.len() {
            match parse_pairs(cell(&self.em_personas, i)) {
                Ok(pairs) => rows.entry(i).or_default().extend(pairs),
                Err(e) => errors.push(FieldError {
                    field: format!("emotion[{i}].persona_valence"),
                    message: e,
                }),
            }
        }
        rows
    }

    pub fn to_model(&self) -> Result<Step, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut emotions = Vec::new();
        let mut per_persona = self.persona_rows(&mut errors);
        for i in 0..self.em_name.len() {
            let name = cell(&self.em_name, i);
            if name.is_empty() {
                continue;
            }
            let field = format!("emotion[{}]", emotions.len());
            let kind = cell(&self.em_kind, i);
            let sense = Sense::ALL.into_iter().find(|s| s.as_str() == kind);
            let intangible = if sense.is_none() {
                Some(cell(&self.em_intangible, i).to_owned()).filter(|s| !s.is_empty())
            } else {
                None
            };
            let valence = cell(&self.em_valence, i)
                .trim_start_matches('+')
                .parse::<i8>()
                .unwrap_or_else(|_| {
                    errors.push(FieldError {
                        field: format!("{field}.valence"),
                        message: format!(
                            "`{}` is not a whole number from -2 to 2",
                            cell(&self.em_valence, i)
                        ),
                    });
                    0
                });
            let persona_valence = per_persona.remove(&i).unwrap_or_default();
            emotions.push(EmotionalElement {
                name: name.into(),
                sense,
                intangible,
                valence,
                persona_valence,
            });
        }
        let mut evidence = Vec::new();
        for i in 0..self.ev_text.len() {
            let text = cell(&self.ev_text, i);
            if text.is_empty() {
                continue;
            }
            let kind = match cell(&self.ev_kind, i) {
                "observation" => EvidenceKind::Observation,
                "interview" => EvidenceKind::Interview,
                _ => EvidenceKind::Quote,
            };
            let date = match cell(&self.ev_date, i) {
                "" => None,
                d => match d.parse::<jiff::civil::Date>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        errors.push(FieldError {
                            field: format!("evidence[{}].date", evidence.len()),
                            message: format!("`{d}` is not a date (YYYY-MM-DD)"),
                        });
                        None
                    }
                },
            };
            evidence.push(Evidence {
                kind,
                text: text.into(),
                source: cell(&self.ev_source, i).into(),
                date,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Step {
            id: self.id.trim().into(),
            stage: self.stage.trim().into(),
            action: self.action.trim().into(),
            sub_goal: self.sub_goal.trim().into(),
            touchpoints: self.touchpoints.clone(),
            actors: self.actors.clone(),
            functional: split_lines(&self.functional),
            emotions,
            pain_points: split_lines(&self.pain_points),
            opportunities: split_lines(&self.opportunities),
            evidence,
        })
    }
}

impl StepForm {
    /// A new step left without an id gets one from its action, unique in the journey.
    pub fn derive_id(&mut self, journey: &Journey) {
        let action = self.action.clone();
        super::derive_id(&mut self.id, &action, |c| {
            journey.steps.iter().any(|s| s.id == c)
        });
    }

    /// The touchpoint to create with this step, if one was named: its id made from its
    /// name, unique among `ws`'s touchpoints; owned by the company, delivered.
    pub fn new_touchpoint(&self, ws: &Workspace) -> Option<stig_model::Touchpoint> {
        let name = self.new_tp_name.trim();
        if name.is_empty() {
            return None;
        }
        let mut id = String::new();
        super::derive_id(&mut id, name, |c| ws.touchpoints.iter().any(|t| t.id == c));
        if id.is_empty() {
            id = stig_model::unique_id("touchpoint", |c| ws.touchpoints.iter().any(|t| t.id == c));
        }
        let channel = match self.new_tp_channel.trim() {
            "" => "web".to_owned(),
            c => c.to_owned(),
        };
        Some(stig_model::Touchpoint {
            id,
            name: name.to_owned(),
            channel: stig_model::Channel::from(channel),
            mode: if self.new_tp_mode == "physical" {
                stig_model::Mode::Physical
            } else {
                stig_model::Mode::Digital
            },
            owner: stig_model::Owner::Own,
            actor: None,
            discipline: stig_model::Discipline::Deliver,
            description: String::new(),
            signals: Vec::new(),
            survey: None,
        })
    }
}

/// Puts `step` into `journey` in place of `original` (or at the end for a new step).
pub fn place_step(
    journey: &mut Journey,
    original: Option<&str>,
    step: Step,
) -> Result<(), FieldError> {
    match original {
        Some(id) => match journey.steps.iter_mut().find(|s| s.id == id) {
            Some(slot) => {
                *slot = step;
                Ok(())
            }
            None => Err(FieldError {
                field: String::new(),
                message: format!("step `{id}` no longer exists in this journey"),
            }),
        },
        None => {
            journey.steps.push(step);
            Ok(())
        }
    }
}

pub fn step_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    journey: &Journey,
    form: &StepForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = format!(
        "{} · {}",
        ctx.t(if target.is_new {
            "form-new-step"
        } else {
            "form-edit-step"
        }),
        journey.name
    );
    let stages: Vec<(String, String)> = journey
        .stages
        .iter()
        .map(|s| {
            let phase = journey
                .phases
                .iter()
                .find(|p| p.id == s.phase)
                .map(|p| p.name.as_str())
                .unwrap_or(&s.phase);
            (s.id.clone(), format!("{phase} › {}", s.name))
        })
        .collect();
    let touchpoints = options(
        ws.touchpoints
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str())),
    );
    let actors = options(ws.actors.iter().map(|a| (a.id.as_str(), a.name.as_str())));
    let mut kinds: Vec<(String, String)> = Sense::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.t(&format!("form-sense-{}", s.as_str())),
            )
        })
        .collect();
    kinds.push(("intangible".into(), ctx.t("form-intangible")));
    let ev_kinds: Vec<(String, String)> = ["quote", "observation", "interview"]
        .iter()
        .map(|k| (k.to_string(), ctx.t(&format!("form-evidence-{k}"))))
        .collect();
    let em_rows = form.em_name.len() + 2;
    let ev_rows = form.ev_text.len() + 1;
    let personas = options(ws.personas.iter().map(|p| (p.id.as_str(), p.name.as_str())));
    let per_persona = read_persona_values(&form.em_pv).unwrap_or_default();
    let no_values = std::collections::BTreeMap::new();
    let channels = super::touchpoint::channel_options(ctx);
    let modes = vec![
        ("digital".to_owned(), ctx.t("form-digital")),
        ("physical".to_owned(), ctx.t("form-physical")),
    ];
    let body = html! {
        div.form-grid {
            (text(ctx, errors, "action", "form-action", &form.action, true))
            (select(ctx, errors, "stage", "form-stage", &stages, &form.stage))
        }
        (id_field(ctx, errors, &form.id, "action", target.is_new))
        (text(ctx, errors, "sub_goal", "form-sub-goal", &form.sub_goal, false))
        div.form-grid {
            div {
                (checkboxes(ctx, errors, "touchpoints", "form-touchpoints", &touchpoints, &form.touchpoints))
                details.new-touchpoint open[!form.new_tp_name.is_empty()] {
                    summary { (ctx.t("form-new-touchpoint-inline")) }
                    p.hint { (ctx.t("form-new-touchpoint-inline-hint")) }
                    (text(ctx, errors, "new_tp_name", "form-name", &form.new_tp_name, false))
                    div.form-grid {
                        (select(ctx, errors, "new_tp_channel", "form-channel", &channels, if form.new_tp_channel.is_empty() { "web" } else { &form.new_tp_channel }))
                        (select(ctx, errors, "new_tp_mode", "form-mode", &modes, &form.new_tp_mode))
                    }
                }
            }
            (checkboxes(ctx, errors, "actors", "form-actors", &actors, &form.actors))
        }
        fieldset.rows.reflow-rows {
            legend { (ctx.t("form-emotions")) }
            p.hint { (ctx.t("form-emotions-hint-pickers")) }
            table.data.form-rows {
                thead { tr { th { (ctx.t("form-name")) } th { (ctx.t("form-element-kind")) } th { (ctx.t("form-intangible")) } th { (ctx.t("form-valence")) } th { (ctx.t("form-persona-valence")) } } }
                tbody { @for i in 0..em_rows { tr {
                    td data-label=(ctx.t("form-name")) { input type="text" name="em_name" value=(cell(&form.em_name, i)) aria-label=(ctx.t("form-name")); }
                    td data-label=(ctx.t("form-element-kind")) { select name="em_kind" aria-label=(ctx.t("form-element-kind")) {
                        @for (v, l) in &kinds { option value=(v) selected[v == cell(&form.em_kind, i)] { (l) } }
                    } }
                    td data-label=(ctx.t("form-intangible")) { input type="text" name="em_intangible" value=(cell(&form.em_intangible, i)) placeholder="koselig" aria-label=(ctx.t("form-intangible")); }
                    td data-label=(ctx.t("form-valence")) { input type="number" name="em_valence" min="-2" max="2" step="1" value=(if cell(&form.em_valence, i).is_empty() { "0" } else { cell(&form.em_valence, i) }) aria-label=(ctx.t("form-valence")); }
                    td.wide { (super::persona_values(ctx, "em_pv", i, &personas, per_persona.get(&i).unwrap_or(&no_values))) }
                } } }
            }
            @for e in errors.for_field("emotion") { span.field-error { (e) } }
        }
        (lines(ctx, errors, "functional", "form-functional", &split_lines(&form.functional)))
        div.form-grid {
            (lines(ctx, errors, "pain_points", "form-pain-points", &split_lines(&form.pain_points)))
            (lines(ctx, errors, "opportunities", "form-opportunities", &split_lines(&form.opportunities)))
        }
        fieldset.rows.reflow-rows {
            legend { (ctx.t("form-evidence")) }
            table.data.form-rows {
                thead { tr { th { (ctx.t("form-evidence-kind")) } th { (ctx.t("form-text")) } th { (ctx.t("form-source")) } th { (ctx.t("form-date")) } } }
                tbody { @for i in 0..ev_rows { tr {
                    td data-label=(ctx.t("form-evidence-kind")) { select name="ev_kind" aria-label=(ctx.t("form-evidence-kind")) {
                        @for (v, l) in &ev_kinds { option value=(v) selected[v == cell(&form.ev_kind, i)] { (l) } }
                    } }
                    td data-label=(ctx.t("form-text")) { input type="text" name="ev_text" value=(cell(&form.ev_text, i)) aria-label=(ctx.t("form-text")); }
                    td data-label=(ctx.t("form-source")) { input type="text" name="ev_source" value=(cell(&form.ev_source, i)) aria-label=(ctx.t("form-source")); }
                    td data-label=(ctx.t("form-date")) { input type="date" name="ev_date" value=(cell(&form.ev_date, i)) aria-label=(ctx.t("form-date")); }
                } } }
            }
            @for e in errors.for_field("evidence") { span.field-error { (e) } }
        }
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
