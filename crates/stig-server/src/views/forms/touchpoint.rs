//! The touchpoint form, signals written one per line as `Event Name | key = value; key = value`,
//! or, for page and campaign signals, as the TOML inline table `touchpoints.toml` has
//! (`{ page = "/booking/*" }`).

use maud::{Markup, html};
use serde::Deserialize;
use std::collections::BTreeMap;

use stig_model::{
    Channel, Discipline, KnownChannel, Mode, Owner, PropertyValue, Signal, Survey, SurveyKind,
    Touchpoint, Workspace,
};

use super::{FormErrors, FormTarget, long_text, select, shell, text};
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
    pub signals: String,
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
            signals: t
                .signals
                .iter()
                .map(format_signal)
                .collect::<Vec<_>>()
                .join("\n"),
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
        for (i, line) in self
            .signals
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            match parse_signal(line) {
                Ok(s) => signals.push(s),
                Err(e) => bad(&format!("signal[{i}]"), e),
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
        let value = if let Some(t) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            PropertyValue::Text(t.to_owned())
        } else if let Ok(b) = v.parse::<bool>() {
            PropertyValue::Bool(b)
        } else if let Ok(i) = v.parse::<i64>() {
            PropertyValue::Integer(i)
        } else if let Ok(f) = v.parse::<f64>() {
            PropertyValue::Float(f)
        } else {
            PropertyValue::Text(v.to_owned())
        };
        conditions.insert(k.trim().to_owned(), value);
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
    let mut channels: Vec<(String, String)> = KnownChannel::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.as_str().to_owned()))
        .collect();
    channels.push(("custom".into(), ctx.t("form-custom-channel")));
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
    let body = html! {
        div.form-grid {
            (text(ctx, errors, "id", "form-id", &form.id, true))
            (text(ctx, errors, "name", "form-name", &form.name, true))
        }
        div.form-grid {
            (select(ctx, errors, "channel", "form-channel", &channels, &form.channel))
            (text(ctx, errors, "custom_channel", "form-custom-channel", &form.custom_channel, false))
            (select(ctx, errors, "mode", "form-mode", &modes, &form.mode))
            (select(ctx, errors, "discipline", "form-discipline", &disciplines, &form.discipline))
            (select(ctx, errors, "owner", "form-owner", &owners, &form.owner))
            (select(ctx, errors, "actor", "form-actor", &actors, &form.actor))
        }
        (long_text(ctx, errors, "description", "form-description", &form.description))
        div.form-grid {
            (select(ctx, errors, "survey_kind", "form-survey-kind", &surveys, &form.survey_kind))
            (text(ctx, errors, "survey_question", "form-survey-question", &form.survey_question, false))
        }
        label class=[(!errors.for_field("signal").is_empty()).then_some("has-error")] {
            (ctx.t("form-signals")) " " span.hint { (ctx.t("form-signals-hint")) }
            textarea name="signals" rows="3" { (form.signals) }
            @for e in errors.for_field("signal") { span.field-error { (e) } }
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
