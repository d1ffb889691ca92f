//! The touchpoint form. Signals are rows of a builder (event name picked from those seen,
//! page, one property and its value); what a row cannot say (campaigns, several conditions)
//! is written one per line as `Event Name | key = value; key = value` or as the TOML inline
//! table `touchpoints.toml` has (`{ utm_medium = "email" }`).

use maud::{Markup, html};
use serde::Deserialize;
use std::collections::BTreeMap;

use stig_model::{
    Channel, Discipline, KnownChannel, Mode, Owner, PropertyValue, Signal, Survey, SurveyKind,
    Touchpoint, Workspace,
};

use super::{FormErrors, FormTarget, cell, id_field, long_text, select, shell, text};
use crate::error::FieldError;
use crate::views::PageCtx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TouchpointForm {
    pub id: String,
    pub name: String,
    pub channel: String,
    pub custom_channel: String,
    pub mode: String,
    pub owner: String,
    pub actor: String,
    pub discipline: String,
    pub description: String,
    /// Signals the builder rows cannot hold, one per line.
    pub signals: String,
    pub sig_event: Vec<String>,
    pub sig_page: Vec<String>,
    pub sig_prop: Vec<String>,
    pub sig_value: Vec<String>,
    /// Event names the workspace has seen (for the builder's suggestions); not sent.
    #[serde(skip)]
    pub seen_events: Vec<String>,
    pub survey_kind: String,
    pub survey_question: String,
    pub version: Option<i64>,
}

impl TouchpointForm {
    pub fn new_default() -> Self {
        TouchpointForm {
            channel: "web".into(),
            mode: "digital".into(),
            owner: "own".into(),
            discipline: "deliver".into(),
            ..Default::default()
        }
    }

    pub fn from_model(t: &Touchpoint) -> Self {
        let (rows, lines): (Vec<&Signal>, Vec<&Signal>) = t.signals.iter().partition(|s| {
            s.campaign().next().is_none() && s.conditions.len() <= 1 && !s.is_empty()
        });
        let first = |s: &Signal| {
            s.conditions
                .iter()
                .next()
                .map(|(k, v)| (k.clone(), value_text(v)))
        };
        let (channel, custom_channel) = match &t.channel {
            Channel::Known(k) => (k.as_str().to_owned(), String::new()),
            Channel::Custom(c) => ("custom".to_owned(), c.clone()),
        };
        TouchpointForm {
            id: t.id.clone(),
            name: t.name.clone(),
            channel,
            custom_channel,
            mode: t.mode.as_str().into(),
            owner: t.owner.as_str().into(),
            actor: t.actor.clone().unwrap_or_default(),
            discipline: t.discipline.as_str().into(),
            description: t.description.clone(),
            signals: lines
                .iter()
                .map(|s| format_signal(s))
                .collect::<Vec<_>>()
                .join("\n"),
            sig_event: rows
                .iter()
                .map(|s| s.event.clone().unwrap_or_default())
                .collect(),
            sig_page: rows
                .iter()
                .map(|s| s.page.clone().unwrap_or_default())
                .collect(),
            sig_prop: rows
                .iter()
                .map(|s| first(s).map(|c| c.0).unwrap_or_default())
                .collect(),
            sig_value: rows
                .iter()
                .map(|s| first(s).map(|c| c.1).unwrap_or_default())
                .collect(),
            seen_events: Vec::new(),
            survey_kind: t
                .survey
                .as_ref()
                .map(|s| survey_str(s.kind).to_owned())
                .unwrap_or_default(),
            survey_question: t
                .survey
                .as_ref()
                .map(|s| s.question.clone())
                .unwrap_or_default(),
            version: None,
        }
    }

    pub fn to_model(&self) -> Result<Touchpoint, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let channel = if self.channel == "custom" {
            let c = self.custom_channel.trim();
            if c.is_empty() {
                bad("channel", "name the custom channel".into());
            }
            Channel::from(c.to_owned())
        } else {
            Channel::from(self.channel.clone())
        };
        let mode = match self.mode.as_str() {
            "physical" => Mode::Physical,
            _ => Mode::Digital,
        };
        let owner = match self.owner.as_str() {
            "partner" => Owner::Partner,
            "public" => Owner::Public,
            _ => Owner::Own,
        };
        let discipline = match self.discipline.as_str() {
            "create" => Discipline::Create,
            "communicate" => Discipline::Communicate,
            _ => Discipline::Deliver,
        };
        let survey_kind = match self.survey_kind.as_str() {
            "nps" => Some(SurveyKind::Nps),
            "csat" => Some(SurveyKind::Csat),
            "ces" => Some(SurveyKind::Ces),
            _ => None,
        };
        let mut signals = Vec::new();
        let rows = self
            .sig_event
            .len()
            .max(self.sig_page.len())
            .max(self.sig_prop.len());
        for i in 0..rows {
            let (event, page) = (cell(&self.sig_event, i), cell(&self.sig_page, i));
            let (prop, value) = (cell(&self.sig_prop, i), cell(&self.sig_value, i));
            if event.is_empty() && page.is_empty() && prop.is_empty() && value.is_empty() {
                continue; // an empty row left for adding
            }
            let field = format!("signal[{}]", signals.len());
            if event.is_empty() && page.is_empty() {
                bad(&field, "name the event or the page this signal is".into());
                continue;
            }
            if prop.is_empty() != value.is_empty() {
                bad(
                    &field,
                    if prop.is_empty() {
                        format!("name the property that should be `{value}`")
                    } else {
                        format!("give the value `{prop}` should have")
                    },
                );
                continue;
            }
            let mut conditions = BTreeMap::new();
            if !prop.is_empty() {
                conditions.insert(prop.to_owned(), parse_value(value));
            }
            signals.push(Signal {
                event: Some(event.to_owned()).filter(|e| !e.is_empty()),
                page: Some(page.to_owned()).filter(|p| !p.is_empty()),
                conditions,
                ..Signal::default()
            });
        }
        for (i, line) in self
            .signals
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            match parse_signal(line) {
                Ok(s) => signals.push(s),
                Err(e) => bad(&format!("signal[{}]", rows + i), e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Touchpoint {
            id: self.id.trim().into(),
            name: self.name.trim().into(),
            channel,
            mode,
            owner,
            actor: Some(self.actor.trim().to_owned()).filter(|a| !a.is_empty()),
            discipline,
            description: self.description.trim().into(),
            signals,
            survey: survey_kind.map(|kind| Survey {
                kind,
                question: self.survey_question.trim().into(),
            }),
        })
    }
}

fn survey_str(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => "nps",
        SurveyKind::Csat => "csat",
        SurveyKind::Ces => "ces",
    }
}

fn format_signal(s: &Signal) -> String {
    let Some(event) = s
        .event
        .as_deref()
        .filter(|_| s.page.is_none() && s.campaign().next().is_none())
    else {
        return s.to_inline();
    };
    if s.conditions.is_empty() {
        return event.to_owned();
    }
    let conds: Vec<String> = s
        .conditions
        .iter()
        .map(|(k, v)| match v {
            PropertyValue::Bool(b) => format!("{k} = {b}"),
            PropertyValue::Integer(i) => format!("{k} = {i}"),
            PropertyValue::Float(f) => format!("{k} = {f:?}"),
            PropertyValue::Text(t) => format!("{k} = \"{t}\""),
        })
        .collect();
    format!("{event} | {}", conds.join("; "))
}

/// A condition's value as the builder shows it: text bare, the rest as written.
fn value_text(v: &PropertyValue) -> String {
    match v {
        PropertyValue::Bool(b) => b.to_string(),
        PropertyValue::Integer(i) => i.to_string(),
        PropertyValue::Float(f) => format!("{f:?}"),
        PropertyValue::Text(t) => t.clone(),
    }
}

/// A typed value: `"quoted"` is text, then true/false, whole numbers, decimals, else text.
fn parse_value(v: &str) -> PropertyValue {
    let v = v.trim();
    if let Some(t) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        PropertyValue::Text(t.to_owned())
    } else if let Ok(b) = v.parse::<bool>() {
        PropertyValue::Bool(b)
    } else if let Ok(i) = v.parse::<i64>() {
        PropertyValue::Integer(i)
    } else if let Ok(f) = v.parse::<f64>() {
        PropertyValue::Float(f)
    } else {
        PropertyValue::Text(v.to_owned())
    }
}

/// The known channels by their names in the page's language, then "custom".
pub fn channel_options(ctx: &PageCtx<'_>) -> Vec<(String, String)> {
    let mut channels: Vec<(String, String)> = KnownChannel::ALL
        .iter()
        .map(|k| {
            let name = ctx.t(&format!("page-channel-{}", k.as_str()));
            (k.as_str().to_owned(), name)
        })
        .collect();
    channels.push(("custom".into(), ctx.t("form-custom-channel")));
    channels
}

/// `Order Completed | channel = "web"; total = 100` or `{ page = "/booking/*" }` → a signal.
pub fn parse_signal(line: &str) -> Result<Signal, String> {
    if line.trim_start().starts_with('{') {
        return Signal::from_inline(line);
    }
    let (event, rest) = line.split_once('|').unwrap_or((line, ""));
    let event = event.trim();
    if event.is_empty() {
        return Err(format!("`{line}` names no event"));
    }
    let mut conditions = BTreeMap::new();
    for cond in rest.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let (k, v) = cond
            .split_once('=')
            .ok_or_else(|| format!("`{cond}` is not `property = value`"))?;
        let v = v.trim();
        conditions.insert(k.trim().to_owned(), parse_value(v));
    }
    Ok(Signal {
        event: Some(event.to_owned()),
        conditions,
        ..Signal::default()
    })
}

pub fn touchpoint_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    form: &TouchpointForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "form-new-touchpoint"
    } else {
        "form-edit-touchpoint"
    });
    let channels = channel_options(ctx);
    let pair = |v: &str| (v.to_owned(), ctx.t(&format!("form-{}", v)));
    let modes = vec![pair("digital"), pair("physical")];
    let owners: Vec<(String, String)> = ["own", "partner", "public"]
        .iter()
        .map(|o| (o.to_string(), ctx.t(&format!("form-owner-{o}"))))
        .collect();
    let disciplines: Vec<(String, String)> = ["create", "communicate", "deliver"]
        .iter()
        .map(|d| (d.to_string(), ctx.t(&format!("form-discipline-{d}"))))
        .collect();
    let mut actors = vec![(String::new(), ctx.t("form-none"))];
    actors.extend(ws.actors.iter().map(|a| {
        (
            a.id.clone(),
            format!(
                "{} ({})",
                a.name,
                ctx.t(&format!("form-owner-{}", a.kind.as_str()))
            ),
        )
    }));
    let surveys = vec![
        (String::new(), ctx.t("form-none")),
        ("nps".into(), "NPS (0–10)".into()),
        ("csat".into(), "CSAT (1–5)".into()),
        ("ces".into(), "CES (1–7)".into()),
    ];
    let sig_rows = form.sig_event.len().max(form.sig_page.len()) + 2;
    let stored = ws
        .touchpoints
        .iter()
        .position(|t| t.id == form.id && !target.is_new);
    let body = html! {
        @if let Some(i) = stored {
            (super::checks::warnings_for(ctx, ws, stig_model::Origin::Touchpoint(i)))
        }
        div.form-grid {
            (text(ctx, errors, "name", "form-name", &form.name, true))
            (id_field(ctx, errors, &form.id, "name", target.is_new))
        }
        div.form-grid {
            (select(ctx, errors, "channel", "form-channel", &channels, &form.channel))
            (text(ctx, errors, "custom_channel", "form-custom-channel", &form.custom_channel, false))
            (select(ctx, errors, "mode", "form-mode", &modes, &form.mode))
            (select(ctx, errors, "discipline", "form-discipline", &disciplines, &form.discipline))
            (select(ctx, errors, "owner", "form-owner", &owners, &form.owner))
            (select(ctx, errors, "actor", "form-actor", &actors, &form.actor))
        }
        div.flash.warning.form-warnings data-live-warnings hidden role="status" {
            ul {
                li data-warn="owner-without-actor" hidden { (ctx.t("check-live-owner-without-actor")) }
                li data-warn="mode-channel-mismatch" hidden { (ctx.t("check-live-mode-channel-mismatch")) }
            }
        }
        (long_text(ctx, errors, "description", "form-description", &form.description))
        div.form-grid {
            (select(ctx, errors, "survey_kind", "form-survey-kind", &surveys, &form.survey_kind))
            (text(ctx, errors, "survey_question", "form-survey-question", &form.survey_question, false))
        }
        fieldset.rows.signal-rows.reflow-rows class=[(!errors.for_field("signal").is_empty()).then_some("has-error")] {
            legend { (ctx.t("form-signals")) }
            p.hint { (ctx.t("form-signal-builder-hint")) }
            datalist #seen-events {
                @for name in &form.seen_events { option value=(name) {} }
            }
            table.data.form-rows {
                thead { tr {
                    th { (ctx.t("form-signal-event")) }
                    th { (ctx.t("form-signal-page")) }
                    th { (ctx.t("form-signal-property")) }
                    th.op { span.visually-hidden { (ctx.t("form-signal-operator")) } }
                    th { (ctx.t("form-signal-value")) }
                } }
                tbody { @for i in 0..sig_rows { tr {
                    td data-label=(ctx.t("form-signal-event")) { input type="text" name="sig_event" list="seen-events" value=(cell(&form.sig_event, i)) placeholder=(ctx.t("form-signal-event")) aria-label=(ctx.t("form-signal-event")) autocomplete="off"; }
                    td data-label=(ctx.t("form-signal-page")) { input type="text" name="sig_page" value=(cell(&form.sig_page, i)) placeholder="/booking/*" aria-label=(ctx.t("form-signal-page")); }
                    td data-label=(ctx.t("form-signal-property")) { input type="text" name="sig_prop" value=(cell(&form.sig_prop, i)) placeholder=(ctx.t("form-signal-property")) aria-label=(ctx.t("form-signal-property")); }
                    td.op { span title=(ctx.t("form-signal-operator")) { (ctx.t("form-signal-equals")) } }
                    td data-label=(ctx.t("form-signal-value")) { input type="text" name="sig_value" value=(cell(&form.sig_value, i)) placeholder=(ctx.t("form-signal-value")) aria-label=(ctx.t("form-signal-value")); }
                } } }
            }
            @for e in errors.for_field("signal") { span.field-error { (e) } }
            details open[!form.signals.trim().is_empty()] {
                summary { (ctx.t("form-signals-advanced")) }
                label {
                    span.hint { (ctx.t("form-signals-hint")) }
                    textarea name="signals" rows="3" aria-label=(ctx.t("form-signals-advanced")) { (form.signals) }
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_lines_read_and_write_both_forms() {
        for line in [
            "Order Completed",
            "Order Completed | channel = \"web\"; total = 100",
            "{ page = \"/booking/*\" }",
            "{ utm_medium = \"email\", utm_source = \"newsletter\" }",
            "{ event = \"Order Completed\", page = \"https://shop.example.no/checkout*\", where = { total = 100 } }",
        ] {
            let s = parse_signal(line).expect(line);
            assert_eq!(parse_signal(&format_signal(&s)), Ok(s), "{line}");
        }
        let page = parse_signal("{ page = \"/booking/*\" }").expect("page");
        assert_eq!(page.page.as_deref(), Some("/booking/*"));
        assert_eq!(page.event, None);
        assert!(parse_signal("{ path = \"/booking\" }").is_err());
        assert!(
            parse_signal(" | x = 1").is_err(),
            "a plain line names its event"
        );
    }
}
