//! The moment builder: what happens (one trigger kind, with the fields of each kind shown and
//! only the chosen kind's read), to whom and where (personas, phases, channels, traits), how
//! often and when (limits, quiet hours) and what Stig then does (up to three actions; empty
//! blocks are ignored). Plain HTML that works without JavaScript; a few lines of script hide
//! the fields of the kinds not chosen.

use std::collections::BTreeMap;

use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use stig_model::{
    Action, Channel, Conditions, KnownChannel, Limits, MilestoneKind, Moment, PropertyValue,
    Purpose, QuietHours, SurveyKind, TraitCondition, Trigger, Workspace,
};

use super::{FormErrors, FormTarget, checkboxes, long_text, shell, text};
use crate::error::FieldError;
use crate::views::PageCtx;
use crate::views::parts::{channel_label, survey_label};

/// Action blocks on the form.
pub const ACTION_BLOCKS: usize = 3;

/// The locales a localized text can be written in (the model's `LOCALES`).
const TEXT_LOCALES: [&str; 5] = ["en", "nb", "sv", "da", "fi"];

#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct MomentForm {
    pub id: String,
    pub name: String,
    pub description: String,
    /// A checkbox: non-empty when ticked.
    pub enabled: String,
    /// `event`, `milestone`, `inactivity` or `feedback`.
    pub trigger: String,
    pub event: String,
    /// `key = value` lines.
    pub event_where: String,
    pub ms_journey: String,
    /// `enter`, `complete` or `abandon`.
    pub ms_milestone: String,
    /// `journey/phase` or empty.
    pub ms_phase: String,
    /// `journey/step` or empty.
    pub ms_step: String,
    pub ms_offset: String,
    pub ms_date_property: String,
    pub inactivity_days: String,
    pub fb_score: String,
    pub fb_touchpoint: String,
    pub fb_at_most: String,
    pub fb_at_least: String,
    pub personas: Vec<String>,
    pub phases: Vec<String>,
    pub channels: Vec<String>,
    /// `tier = gold`, `age >= 30`, `email exists` lines.
    pub traits: String,
    pub once_per_run: String,
    pub max_per_customer: String,
    pub period_days: String,
    pub quiet_from: String,
    pub quiet_to: String,
    pub quiet_timezone: String,
    /// One entry per action block (empty: no action).
    pub a_kind: Vec<String>,
    pub a_url: Vec<String>,
    pub a_secret: Vec<String>,
    pub a_to: Vec<String>,
    pub a_subject_en: Vec<String>,
    pub a_subject_nb: Vec<String>,
    pub a_subject_sv: Vec<String>,
    pub a_subject_da: Vec<String>,
    pub a_subject_fi: Vec<String>,
    pub a_body_en: Vec<String>,
    pub a_body_nb: Vec<String>,
    pub a_body_sv: Vec<String>,
    pub a_body_da: Vec<String>,
    pub a_body_fi: Vec<String>,
    pub a_touchpoint: Vec<String>,
    pub a_title: Vec<String>,
    pub a_task_body: Vec<String>,
    pub a_assignee: Vec<String>,
    /// What each action is for (a [`Purpose`]; empty: not said).
    pub a_purpose: Vec<String>,
    pub version: Option<i64>,
}

/// Row `i` of a repeated field, untrimmed (texts keep their line breaks); empty past the end.
fn at(values: &[String], i: usize) -> &str {
    values.get(i).map(String::as_str).unwrap_or("")
}

fn set(values: &mut Vec<String>, i: usize, value: String) {
    if values.len() <= i {
        values.resize(i + 1, String::new());
    }
    values[i] = value;
}

impl MomentForm {
    /// A new moment's form: an event trigger, switched off (it is backtested and enabled on
    /// its page), no actions yet.
    pub fn new_default() -> Self {
        MomentForm {
            trigger: "event".into(),
            ms_milestone: "enter".into(),
            fb_score: "nps".into(),
            ..Default::default()
        }
    }

    fn subjects(&self, locale: &str) -> &Vec<String> {
        match locale {
            "nb" => &self.a_subject_nb,
            "sv" => &self.a_subject_sv,
            "da" => &self.a_subject_da,
            "fi" => &self.a_subject_fi,
            _ => &self.a_subject_en,
        }
    }

    fn subjects_mut(&mut self, locale: &str) -> &mut Vec<String> {
        match locale {
            "nb" => &mut self.a_subject_nb,
            "sv" => &mut self.a_subject_sv,
            "da" => &mut self.a_subject_da,
            "fi" => &mut self.a_subject_fi,
            _ => &mut self.a_subject_en,
        }
    }

    fn bodies(&self, locale: &str) -> &Vec<String> {
        match locale {
            "nb" => &self.a_body_nb,
            "sv" => &self.a_body_sv,
            "da" => &self.a_body_da,
            "fi" => &self.a_body_fi,
            _ => &self.a_body_en,
        }
    }

    fn bodies_mut(&mut self, locale: &str) -> &mut Vec<String> {
        match locale {
            "nb" => &mut self.a_body_nb,
            "sv" => &mut self.a_body_sv,
            "da" => &mut self.a_body_da,
            "fi" => &mut self.a_body_fi,
            _ => &mut self.a_body_en,
        }
    }

    pub fn from_model(m: &Moment) -> Self {
        let mut f = MomentForm::new_default();
        f.id = m.id.clone();
        f.name = m.name.clone();
        f.description = m.description.clone();
        f.enabled = if m.enabled {
            "on".into()
        } else {
            String::new()
        };
        f.trigger = m.trigger.kind().into();
        match &m.trigger {
            Trigger::Event { event, conditions } => {
                f.event = event.clone();
                f.event_where = conditions
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", format_value(v)))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            Trigger::Milestone {
                journey,
                milestone,
                phase,
                step,
                offset,
                date_property,
            } => {
                f.ms_journey = journey.clone();
                f.ms_milestone = milestone.as_str().into();
                f.ms_phase = phase
                    .as_ref()
                    .map(|p| format!("{journey}/{p}"))
                    .unwrap_or_default();
                f.ms_step = step
                    .as_ref()
                    .map(|s| format!("{journey}/{s}"))
                    .unwrap_or_default();
                f.ms_offset = offset.clone().unwrap_or_default();
                f.ms_date_property = date_property.clone().unwrap_or_default();
            }
            Trigger::Inactivity { days } => f.inactivity_days = days.to_string(),
            Trigger::Feedback {
                score,
                touchpoint,
                at_most,
                at_least,
            } => {
                f.fb_score = score.as_str().into();
                f.fb_touchpoint = touchpoint.clone().unwrap_or_default();
                f.fb_at_most = at_most.map(|v| v.to_string()).unwrap_or_default();
                f.fb_at_least = at_least.map(|v| v.to_string()).unwrap_or_default();
            }
        }
        let c = &m.conditions;
        f.personas = c.personas.clone();
        f.phases = c.phases.clone();
        f.channels = c.channels.iter().map(|c| c.as_str().to_owned()).collect();
        f.traits = format_traits(&c.traits);
        let l = &m.limits;
        f.once_per_run = if l.once_per_run {
            "on".into()
        } else {
            String::new()
        };
        f.max_per_customer = l
            .max_per_customer
            .map(|n| n.to_string())
            .unwrap_or_default();
        f.period_days = l.period_days.map(|n| n.to_string()).unwrap_or_default();
        if let Some(q) = &l.quiet_hours {
            f.quiet_from = q.from.clone();
            f.quiet_to = q.to.clone();
            f.quiet_timezone = q.timezone.clone().unwrap_or_default();
        }
        for (i, a) in m.actions.iter().enumerate() {
            set(&mut f.a_kind, i, a.kind().into());
            let purpose = a
                .declared_purpose()
                .map(Purpose::as_str)
                .unwrap_or_default();
            set(&mut f.a_purpose, i, purpose.to_owned());
            match a {
                Action::Webhook { url, secret, .. } => {
                    set(&mut f.a_url, i, url.clone());
                    set(&mut f.a_secret, i, secret.clone());
                }
                Action::Email {
                    to, subject, body, ..
                } => {
                    set(&mut f.a_to, i, to.clone());
                    for (locale, text) in subject {
                        set(f.subjects_mut(locale), i, text.clone());
                    }
                    for (locale, text) in body {
                        set(f.bodies_mut(locale), i, text.clone());
                    }
                }
                Action::Survey { touchpoint, .. } => {
                    set(&mut f.a_touchpoint, i, touchpoint.clone())
                }
                Action::Task {
                    title,
                    body,
                    assignee,
                    ..
                } => {
                    set(&mut f.a_title, i, title.clone());
                    set(&mut f.a_task_body, i, body.clone());
                    set(&mut f.a_assignee, i, assignee.clone().unwrap_or_default());
                }
            }
        }
        f
    }

    /// Which blocks hold an action, in order: block `i` is the model's action `n` for the
    /// `n`-th block with a kind.
    pub fn action_blocks(&self) -> Vec<usize> {
        (0..self.a_kind.len().max(ACTION_BLOCKS))
            .filter(|&i| !at(&self.a_kind, i).trim().is_empty())
            .collect()
    }

    pub fn to_model(&self) -> Result<Moment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let trigger = match self.trigger.as_str() {
            "milestone" => {
                let after_slash = |s: &str| {
                    opt(s).map(|s| match s.split_once('/') {
                        Some((_, id)) => id.to_owned(),
                        None => s,
                    })
                };
                let milestone = match self.ms_milestone.as_str() {
                    "complete" => MilestoneKind::Complete,
                    "abandon" => MilestoneKind::Abandon,
                    _ => MilestoneKind::Enter,
                };
                Trigger::Milestone {
                    journey: self.ms_journey.trim().into(),
                    milestone,
                    phase: after_slash(&self.ms_phase),
                    step: after_slash(&self.ms_step),
                    offset: opt(&self.ms_offset),
                    date_property: opt(&self.ms_date_property),
                }
            }
            "inactivity" => {
                let days = match self.inactivity_days.trim().parse::<u32>() {
                    Ok(n) => n,
                    Err(_) => {
                        err(
                            "trigger.days",
                            format!(
                                "`{}` is not a whole number of days",
                                self.inactivity_days.trim()
                            ),
                        );
                        0
                    }
                };
                Trigger::Inactivity { days }
            }
            "feedback" => {
                let score = match self.fb_score.as_str() {
                    "csat" => SurveyKind::Csat,
                    "ces" => SurveyKind::Ces,
                    _ => SurveyKind::Nps,
                };
                let mut number = |s: &str, field: &str| -> Option<f64> {
                    let s = s.trim().replace(',', ".");
                    if s.is_empty() {
                        return None;
                    }
                    match s.parse::<f64>() {
                        Ok(v) if v.is_finite() => Some(v),
                        _ => {
                            err(field, format!("`{s}` is not a number"));
                            None
                        }
                    }
                };
                let at_most = number(&self.fb_at_most, "trigger.at_most");
                let at_least = number(&self.fb_at_least, "trigger.at_least");
                Trigger::Feedback {
                    score,
                    touchpoint: opt(&self.fb_touchpoint),
                    at_most,
                    at_least,
                }
            }
            _ => {
                let conditions = match parse_where(&self.event_where) {
                    Ok(c) => c,
                    Err(e) => {
                        err("trigger.where", e);
                        BTreeMap::new()
                    }
                };
                Trigger::Event {
                    event: self.event.trim().into(),
                    conditions,
                }
            }
        };
        let traits = parse_traits(&self.traits).unwrap_or_else(|e| {
            err("conditions.trait", e);
            Vec::new()
        });
        let whole = |s: &str, field: &str, err: &mut dyn FnMut(&str, String)| -> Option<u32> {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            s.parse::<u32>().map(Some).unwrap_or_else(|_| {
                err(field, format!("`{s}` is not a whole number"));
                None
            })
        };
        let max_per_customer = whole(&self.max_per_customer, "limits.max_per_customer", &mut err);
        let period_days = whole(&self.period_days, "limits.period_days", &mut err);
        let quiet_hours = (!self.quiet_from.trim().is_empty() || !self.quiet_to.trim().is_empty())
            .then(|| QuietHours {
                from: self.quiet_from.trim().into(),
                to: self.quiet_to.trim().into(),
                timezone: opt(&self.quiet_timezone),
            });
        let mut actions = Vec::new();
        for i in self.action_blocks() {
            let cell = |v: &[String]| at(v, i).trim().to_owned();
            let localized = |subject: bool| -> BTreeMap<String, String> {
                TEXT_LOCALES
                    .iter()
                    .filter_map(|l| {
                        let texts = if subject {
                            self.subjects(l)
                        } else {
                            self.bodies(l)
                        };
                        let text = at(texts, i).trim().replace("\r\n", "\n");
                        (!text.is_empty()).then(|| ((*l).to_owned(), text))
                    })
                    .collect()
            };
            let purpose = match cell(&self.a_purpose).as_str() {
                "" => None,
                p => match p.parse::<Purpose>() {
                    Ok(p) => Some(p),
                    Err(e) => {
                        err(&format!("action[{}].purpose", actions.len()), e);
                        None
                    }
                },
            };
            let action = match at(&self.a_kind, i).trim() {
                "webhook" => Action::Webhook {
                    url: cell(&self.a_url),
                    secret: cell(&self.a_secret),
                    purpose,
                },
                "email" => Action::Email {
                    to: cell(&self.a_to),
                    subject: localized(true),
                    body: localized(false),
                    purpose,
                },
                "survey" => Action::Survey {
                    touchpoint: cell(&self.a_touchpoint),
                    purpose,
                },
                "task" => Action::Task {
                    title: cell(&self.a_title),
                    body: at(&self.a_task_body, i).trim().replace("\r\n", "\n"),
                    assignee: opt(at(&self.a_assignee, i)),
                    purpose,
                },
                other => {
                    err(
                        &format!("action[{}].kind", actions.len()),
                        format!("`{other}` is not an action (webhook, email, survey, task)"),
                    );
                    continue;
                }
            };
            actions.push(action);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Moment {
            id: self.id.trim().into(),
            name: self.name.trim().into(),
            description: self.description.trim().replace("\r\n", "\n"),
            // A new moment (no version yet) is stored switched off, whatever was posted: it
            // goes live from its page, after a backtest or a confirmation.
            enabled: self.version.is_some() && !self.enabled.is_empty(),
            trigger,
            conditions: Conditions {
                personas: self.personas.clone(),
                phases: self.phases.clone(),
                channels: self
                    .channels
                    .iter()
                    .map(|c| Channel::from(c.clone()))
                    .collect(),
                traits,
            },
            limits: Limits {
                once_per_run: !self.once_per_run.is_empty(),
                max_per_customer,
                period_days,
                quiet_hours,
            },
            actions,
        })
    }
}

/// A property or trait value as written in the form: text bare unless it would read as
/// something else (then quoted), numbers and booleans as they are.
pub fn format_value(v: &PropertyValue) -> String {
    match v {
        PropertyValue::Bool(b) => b.to_string(),
        PropertyValue::Integer(n) => n.to_string(),
        PropertyValue::Float(x) => {
            let s = x.to_string();
            if s.contains(['.', 'e', 'E']) || !x.is_finite() {
                s
            } else {
                format!("{s}.0")
            }
        }
        PropertyValue::Text(s) => {
            if matches!(parse_value(s), PropertyValue::Text(ref t) if t == s) {
                s.clone()
            } else {
                format!("\"{s}\"")
            }
        }
    }
}

/// Reads a value: `"quoted"` is text, `true`/`false` a boolean, digits a number, else text.
pub fn parse_value(s: &str) -> PropertyValue {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        return PropertyValue::Text(s[1..s.len() - 1].to_owned());
    }
    if let Ok(b) = s.parse::<bool>() {
        return PropertyValue::Bool(b);
    }
    if let Ok(n) = s.parse::<i64>() {
        return PropertyValue::Integer(n);
    }
    if s.contains('.')
        && let Ok(x) = s.parse::<f64>()
        && x.is_finite()
    {
        return PropertyValue::Float(x);
    }
    PropertyValue::Text(s.to_owned())
}

/// `plan = premium` lines into event property conditions.
pub fn parse_where(text: &str) -> Result<BTreeMap<String, PropertyValue>, String> {
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| format!("`{line}` is not `property = value`"))?;
        let k = k.trim();
        if k.is_empty() {
            return Err(format!("`{line}` names no property"));
        }
        out.insert(k.to_owned(), parse_value(v));
    }
    Ok(out)
}

/// Sets one test on a condition; false when that test was already set.
type TraitTest = Box<dyn Fn(&mut TraitCondition) -> bool>;

/// Trait tests as lines: `tier = gold`, `tier != basic`, `age >= 30`, `age <= 65`,
/// `email exists`, `phone missing`. Lines on the same trait join one condition.
pub fn parse_traits(text: &str) -> Result<Vec<TraitCondition>, String> {
    let mut out: Vec<TraitCondition> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bad = || {
            format!(
                "`{line}` is not a trait test; write `tier = gold`, `age >= 30` or `email exists`"
            )
        };
        let (name, test): (&str, TraitTest) = if let Some(name) = line.strip_suffix(" exists") {
            (name, Box::new(|c| c.exists.replace(true).is_none()))
        } else if let Some(name) = line.strip_suffix(" missing") {
            (name, Box::new(|c| c.exists.replace(false).is_none()))
        } else if let Some((name, v)) = line.split_once(">=") {
            let v = number(v).ok_or_else(bad)?;
            (name, Box::new(move |c| c.at_least.replace(v).is_none()))
        } else if let Some((name, v)) = line.split_once("<=") {
            let v = number(v).ok_or_else(bad)?;
            (name, Box::new(move |c| c.at_most.replace(v).is_none()))
        } else if let Some((name, v)) = line.split_once("!=") {
            let v = parse_value(v);
            (
                name,
                Box::new(move |c| c.not_equals.replace(v.clone()).is_none()),
            )
        } else if let Some((name, v)) = line.split_once('=') {
            let v = parse_value(v);
            (
                name,
                Box::new(move |c| c.equals.replace(v.clone()).is_none()),
            )
        } else {
            return Err(bad());
        };
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(bad());
        }
        // Join the last condition on this trait when the test is still free there.
        if let Some(c) = out.iter_mut().rev().find(|c| c.name == name) {
            let mut probe = c.clone();
            if test(&mut probe) {
                *c = probe;
                continue;
            }
        }
        let mut c = TraitCondition {
            name: name.to_owned(),
            equals: None,
            not_equals: None,
            at_least: None,
            at_most: None,
            exists: None,
        };
        test(&mut c);
        out.push(c);
    }
    Ok(out)
}

fn number(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn format_number(v: f64) -> String {
    v.to_string()
}

/// The inverse of [`parse_traits`].
pub fn format_traits(traits: &[TraitCondition]) -> String {
    let mut lines = Vec::new();
    for t in traits {
        let n = &t.name;
        if let Some(v) = &t.equals {
            lines.push(format!("{n} = {}", format_value(v)));
        }
        if let Some(v) = &t.not_equals {
            lines.push(format!("{n} != {}", format_value(v)));
        }
        if let Some(v) = t.at_least {
            lines.push(format!("{n} >= {}", format_number(v)));
        }
        if let Some(v) = t.at_most {
            lines.push(format!("{n} <= {}", format_number(v)));
        }
        match t.exists {
            Some(true) => lines.push(format!("{n} exists")),
            Some(false) => lines.push(format!("{n} missing")),
            None => {}
        }
    }
    lines.join("\n")
}

/// Hides the fields of the trigger and action kinds not chosen (everything shows without it).
const SWITCH_JS: &str = r#"(function(){function s(){var t=document.querySelector('input[name=trigger]:checked');document.querySelectorAll('[data-trigger]').forEach(function(e){e.hidden=!!t&&e.getAttribute('data-trigger')!==t.value;});document.querySelectorAll('[data-action-block]').forEach(function(b){var k=b.querySelector('select[name=a_kind]').value;b.querySelectorAll('[data-kind]').forEach(function(e){e.hidden=e.getAttribute('data-kind')!==k;});});}document.addEventListener('change',s);s();})();"#;

/// Offers what the workspace has seen (its tracking plan, read from the API with the
/// session): event names in a datalist, the chosen event's properties and the traits as
/// pickers that add a condition line, and "never seen" beside a name typed that was not.
/// Without it (or without events) the fields stay free text.
const PLAN_JS: &str = r#"(function(){var box=document.getElementById('mo-plan');if(!box||!window.fetch)return;fetch(box.getAttribute('data-plan'),{credentials:'same-origin'}).then(function(r){return r.ok?r.json():null}).then(function(plan){if(!plan||!plan.events||!plan.events.length)return;var byName={},traits=[],all={};plan.events.forEach(function(e){(e.properties||[]).forEach(function(p){all[p.name]=1});if(e.type==='identify'){e.properties.forEach(function(p){traits.push(p.name)});return}if(!e.name||['track','page','screen'].indexOf(e.type)<0)return;var x=byName[e.name]||(byName[e.name]={count:0,props:{}});x.count+=e.count;(e.properties||[]).forEach(function(p){x.props[p.name]=p.types.join('/')})});var names=Object.keys(byName).sort(function(a,b){return byName[b].count-byName[a].count});function fill(id,list){var d=document.getElementById(id);list.forEach(function(v){var o=document.createElement('option');o.value=v;d.appendChild(o)})}fill('mo-events',names);fill('mo-props',Object.keys(all).sort());var ev=document.querySelector('input[data-seen=event]'),wh=document.querySelector('textarea[data-seen=where]');function warn(k,text){var w=document.querySelector('[data-warn='+k+']');if(!w)return;w.textContent=text||'';w.hidden=!text}function fillPick(k,list,labels){var p=document.querySelector('[data-pick='+k+']');if(!p)return;var s=p.querySelector('select');while(s.options.length>1)s.remove(1);list.forEach(function(v){var o=document.createElement('option');o.value=v;o.textContent=labels&&labels[v]?v+' ('+labels[v]+')':v;s.appendChild(o)});p.hidden=!list.length}function check(){var n=ev.value.trim(),e=byName[n];warn('event',n&&!e?box.getAttribute('data-never'):'');var props=e?e.props:{};fillPick('where',Object.keys(props).sort(),props);var bad=[];wh.value.split('\n').forEach(function(l){var k=l.split('=')[0].trim();if(k&&e&&!(k in props))bad.push(k)});warn('where',bad.length?box.getAttribute('data-never-prop')+' '+bad.join(', '):'')}fillPick('traits',traits.sort());document.querySelectorAll('[data-pick]').forEach(function(p){p.querySelector('button').addEventListener('click',function(){var v=p.querySelector('select').value;if(!v)return;var t=p.getAttribute('data-pick')==='where'?wh:document.querySelector('textarea[name=traits]');t.value=(t.value.trim()?t.value.replace(/\s*$/,'\n'):'')+v+(p.getAttribute('data-pick')==='where'?' = ':' exists');t.focus();check()})});if(ev){ev.addEventListener('input',check);wh.addEventListener('input',check);check()}}).catch(function(){})})();"#;

/// A labelled text input named `name` showing the errors of the model path `path`.
fn input(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    path: &str,
    label: &str,
    value: &str,
    extra: Option<&str>,
) -> Markup {
    let errs = errors.for_field(path);
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            span { (ctx.t(label)) @if let Some(h) = extra { " " span.hint { (ctx.t(h)) } } }
            input type="text" name=(name) value=(value);
            @for e in errs { span.field-error { (e) } }
        }
    }
}

/// A labelled select named `name` showing the errors of `path`; `groups` are optgroups
/// (label, options), the first group's label empty for plain options.
#[allow(clippy::too_many_arguments)]
fn grouped_select(
    ctx: &PageCtx<'_>,
    errors: &FormErrors,
    name: &str,
    path: &str,
    label: &str,
    groups: &[(String, Vec<(String, String)>)],
    selected: &str,
) -> Markup {
    let errs = errors.for_field(path);
    let known = groups
        .iter()
        .any(|(_, options)| options.iter().any(|(v, _)| v == selected));
    html! {
        label class=[(!errs.is_empty()).then_some("has-error")] {
            (ctx.t(label))
            select name=(name) {
                @if !known { option value=(selected) selected { (selected) } }
                @for (group, options) in groups {
                    @if group.is_empty() {
                        @for (value, text) in options {
                            option value=(value) selected[value == selected] { (text) }
                        }
                    } @else {
                        optgroup label=(group) {
                            @for (value, text) in options {
                                option value=(value) selected[value == selected] { (text) }
                            }
                        }
                    }
                }
            }
            @for e in errs { span.field-error { (e) } }
        }
    }
}

fn plain(options: Vec<(String, String)>) -> Vec<(String, Vec<(String, String)>)> {
    vec![(String::new(), options)]
}

/// The locales shown for email texts: English, the workspace's, and any already written.
fn shown_locales(ws: &Workspace, form: &MomentForm) -> Vec<&'static str> {
    TEXT_LOCALES
        .iter()
        .copied()
        .filter(|l| {
            *l == "en"
                || *l == ws.settings.locale.as_str()
                || form.subjects(l).iter().any(|s| !s.trim().is_empty())
                || form.bodies(l).iter().any(|s| !s.trim().is_empty())
        })
        .collect()
}

pub fn moment_form(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    form: &MomentForm,
    errors: &FormErrors,
    target: &FormTarget<'_>,
) -> Markup {
    let title = ctx.t(if target.is_new {
        "moments-form-new"
    } else {
        "moments-form-edit"
    });
    let any = || (String::new(), ctx.t("moments-form-any"));
    let journeys: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t("moments-form-choose")))
            .chain(ws.journeys.iter().map(|j| (j.id.clone(), j.name.clone())))
            .collect();
    let mut phase_groups = plain(vec![(String::new(), ctx.t("moments-form-whole-run"))]);
    let mut step_groups = plain(vec![(String::new(), ctx.t("moments-form-no-step"))]);
    for j in &ws.journeys {
        phase_groups.push((
            j.name.clone(),
            j.phases
                .iter()
                .map(|p| (format!("{}/{}", j.id, p.id), p.name.clone()))
                .collect(),
        ));
        step_groups.push((
            j.name.clone(),
            j.steps
                .iter()
                .map(|s| (format!("{}/{}", j.id, s.id), s.action.clone()))
                .collect(),
        ));
    }
    let milestones: Vec<(String, String)> = ["enter", "complete", "abandon"]
        .iter()
        .map(|k| ((*k).to_owned(), ctx.t(&format!("moments-milestone-{k}"))))
        .collect();
    let scores: Vec<(String, String)> = [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces]
        .iter()
        .map(|k| (k.as_str().to_owned(), survey_label(ctx, *k)))
        .collect();
    let touchpoints: Vec<(String, String)> = ws
        .touchpoints
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let fb_touchpoints: Vec<(String, String)> = std::iter::once(any())
        .chain(touchpoints.iter().cloned())
        .collect();
    let survey_touchpoints: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t("moments-form-choose")))
            .chain(
                ws.touchpoints
                    .iter()
                    .filter(|t| t.survey.is_some())
                    .map(|t| (t.id.clone(), t.name.clone())),
            )
            .collect();
    let personas: Vec<(String, String)> = ws
        .personas
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    // Phases by journey: two journeys' phases may share names (and ids); the journey tells
    // them apart.
    let phases: Vec<(String, Vec<(String, String)>)> = ws
        .journeys
        .iter()
        .filter(|j| !j.phases.is_empty())
        .map(|j| {
            (
                j.name.clone(),
                j.phases
                    .iter()
                    .map(|p| (p.id.clone(), p.name.clone()))
                    .collect(),
            )
        })
        .collect();
    let mut channels: Vec<(String, String)> = KnownChannel::ALL
        .iter()
        .map(|k| {
            let c = Channel::Known(*k);
            (k.as_str().to_owned(), channel_label(ctx, &c))
        })
        .collect();
    for c in ws.touchpoints.iter().map(|t| &t.channel) {
        if let Channel::Custom(s) = c
            && !s.is_empty()
            && !channels.iter().any(|(id, _)| id == s)
        {
            channels.push((s.clone(), s.clone()));
        }
    }
    for c in &form.channels {
        if !channels.iter().any(|(id, _)| id == c) {
            channels.push((c.clone(), c.clone()));
        }
    }
    let kinds = [
        ("event", "moments-trigger-event"),
        ("milestone", "moments-trigger-milestone"),
        ("inactivity", "moments-trigger-inactivity"),
        ("feedback", "moments-trigger-feedback"),
    ];
    let action_kinds: Vec<(String, String)> = [
        ("", "moments-action-none"),
        ("webhook", "moments-action-webhook"),
        ("email", "moments-action-email"),
        ("survey", "moments-action-survey"),
        ("task", "moments-action-task"),
    ]
    .iter()
    .map(|(v, k)| ((*v).to_owned(), ctx.t(k)))
    .collect();
    // Every purpose, `service` first; "not said" only as the empty choice.
    let purposes: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t("moments-purpose-unset")))
            .chain(Purpose::ALL.iter().map(|p| {
                (
                    p.as_str().to_owned(),
                    ctx.t(&format!("moments-purpose-{}", p.as_str())),
                )
            }))
            .collect();
    let locales = shown_locales(ws, form);
    let filled = form.action_blocks();
    let blocks = form.a_kind.len().max(ACTION_BLOCKS);
    let chosen = if form.trigger.is_empty() {
        "event"
    } else {
        form.trigger.as_str()
    };
    let body = html! {
        (crate::views::moments::style())
        div.form-grid {
            (text(ctx, errors, "id", "form-id", &form.id, true))
            (text(ctx, errors, "name", "form-name", &form.name, true))
        }
        (long_text(ctx, errors, "description", "form-description", &form.description))
        @if target.is_new {
            p.hint { (ctx.t("moments-form-starts-disabled")) }
        } @else {
            label.check {
                input type="checkbox" name="enabled" value="on" checked[!form.enabled.is_empty()];
                " " (ctx.t("moments-form-enabled"))
                " " span.hint { (ctx.t("moments-form-enabled-hint")) }
            }
        }
        div #mo-plan data-plan=(format!("/api/workspaces/{}/tracking-plan", ctx.workspace.as_ref().map(|w| crate::views::urlencode(&w.0)).unwrap_or_default())) data-never=(ctx.t("moments-never-seen")) data-never-prop=(ctx.t("moments-never-seen-property")) hidden {}
        datalist #mo-events {}
        datalist #mo-props {}

        fieldset {
            legend { (ctx.t("moments-form-when")) }
            div.mo-kinds role="radiogroup" {
                @for (value, key) in kinds {
                    label.check {
                        input type="radio" name="trigger" value=(value) checked[chosen == value];
                        " " (ctx.t(key))
                    }
                }
            }
            fieldset.mo-kind data-trigger="event" {
                legend { (ctx.t("moments-trigger-event")) }
                @let eerrs = errors.for_field("trigger.event");
                label class=[(!eerrs.is_empty()).then_some("has-error")] {
                    span { (ctx.t("moments-form-event")) " " span.hint { (ctx.t("moments-form-event-hint")) } }
                    input type="text" name="event" value=(form.event) list="mo-events" autocomplete="off" data-seen="event";
                    span.mo-warn data-warn="event" hidden {}
                    @for e in eerrs { span.field-error { (e) } }
                }
                @let errs = errors.for_field("trigger.where");
                label class=[(!errs.is_empty()).then_some("has-error")] {
                    span { (ctx.t("moments-form-where")) " " span.hint { (ctx.t("moments-form-where-hint")) } }
                    textarea name="event_where" rows="3" placeholder="plan = premium" data-seen="where" { (form.event_where) }
                    span.mo-warn data-warn="where" hidden {}
                    @for e in errs { span.field-error { (e) } }
                }
                div.mo-pick data-pick="where" hidden {
                    select aria-label=(ctx.t("moments-form-pick-property")) { option value="" { (ctx.t("moments-form-pick-property")) } }
                    button.btn.small.secondary type="button" { "+ " (ctx.t("moments-form-add-condition")) }
                }
            }
            fieldset.mo-kind data-trigger="milestone" {
                legend { (ctx.t("moments-trigger-milestone")) }
                div.form-grid {
                    (grouped_select(ctx, errors, "ms_milestone", "trigger.milestone", "moments-form-milestone", &plain(milestones), &form.ms_milestone))
                    (grouped_select(ctx, errors, "ms_journey", "trigger.journey", "moments-form-journey", &plain(journeys), &form.ms_journey))
                }
                div.form-grid {
                    (grouped_select(ctx, errors, "ms_phase", "trigger.phase", "moments-form-phase", &phase_groups, &form.ms_phase))
                    (grouped_select(ctx, errors, "ms_step", "trigger.step", "moments-form-step", &step_groups, &form.ms_step))
                }
                div.form-grid {
                    (input(ctx, errors, "ms_offset", "trigger.offset", "moments-form-offset", &form.ms_offset, Some("moments-form-offset-hint")))
                    @let derrs = errors.for_field("trigger.date_property");
                    label class=[(!derrs.is_empty()).then_some("has-error")] {
                        span { (ctx.t("moments-form-date-property")) " " span.hint { (ctx.t("moments-form-date-property-hint")) } }
                        input type="text" name="ms_date_property" value=(form.ms_date_property) list="mo-props" autocomplete="off";
                        @for e in derrs { span.field-error { (e) } }
                    }
                }
            }
            fieldset.mo-kind data-trigger="inactivity" {
                legend { (ctx.t("moments-trigger-inactivity")) }
                (input(ctx, errors, "inactivity_days", "trigger.days", "moments-form-days", &form.inactivity_days, None))
            }
            fieldset.mo-kind data-trigger="feedback" {
                legend { (ctx.t("moments-trigger-feedback")) }
                div.form-grid {
                    (grouped_select(ctx, errors, "fb_score", "trigger.score", "moments-form-score", &plain(scores), &form.fb_score))
                    (grouped_select(ctx, errors, "fb_touchpoint", "trigger.touchpoint", "moments-form-touchpoint", &plain(fb_touchpoints), &form.fb_touchpoint))
                    (input(ctx, errors, "fb_at_most", "trigger.at_most", "moments-form-at-most", &form.fb_at_most, None))
                    (input(ctx, errors, "fb_at_least", "trigger.at_least", "moments-form-at-least", &form.fb_at_least, None))
                }
                p.hint { (ctx.t("moments-form-feedback-hint")) }
            }
        }

        fieldset {
            legend { (ctx.t("moments-form-who")) }
            p.hint { (ctx.t("moments-form-who-hint")) }
            (checkboxes(ctx, errors, "personas", "moments-form-personas", &personas, &form.personas))
            @let perr = errors.for_field("conditions.personas");
            @for e in perr { span.field-error { (e) } }
            @let pherr = errors.for_field("conditions.phases");
            label class=[(!pherr.is_empty()).then_some("has-error")] {
                span { (ctx.t("moments-form-phases")) " " span.hint { (ctx.t("moments-form-phases-hint")) } }
                @if phases.is_empty() { span.hint { (ctx.t("form-none-defined")) } }
                @else {
                    select name="phases" multiple size=((phases.iter().map(|g| g.1.len() + 1).sum::<usize>()).min(10)) {
                        @for (journey, options) in &phases {
                            optgroup label=(journey) {
                                @for (value, text) in options {
                                    option value=(value) selected[form.phases.contains(value)] { (text) }
                                }
                            }
                        }
                    }
                }
                @for e in pherr { span.field-error { (e) } }
            }
            (checkboxes(ctx, errors, "channels", "moments-form-channels", &channels, &form.channels))
            @let terr = errors.for_field("conditions.trait");
            label class=[(!terr.is_empty()).then_some("has-error")] {
                span { (ctx.t("moments-form-traits")) " " span.hint { (ctx.t("moments-form-traits-hint")) } }
                textarea name="traits" rows="3" placeholder="tier = gold\nage >= 30\nemail exists" { (form.traits) }
                @for e in terr { span.field-error { (e) } }
            }
            div.mo-pick data-pick="traits" hidden {
                select aria-label=(ctx.t("moments-form-pick-trait")) { option value="" { (ctx.t("moments-form-pick-trait")) } }
                button.btn.small.secondary type="button" { "+ " (ctx.t("moments-form-add-condition")) }
            }
        }

        fieldset {
            legend { (ctx.t("moments-form-limits")) }
            label.check {
                input type="checkbox" name="once_per_run" value="on" checked[!form.once_per_run.is_empty()];
                " " (ctx.t("moments-form-once-per-run"))
            }
            div.form-grid {
                (input(ctx, errors, "max_per_customer", "limits.max_per_customer", "moments-form-max-per-customer", &form.max_per_customer, None))
                (input(ctx, errors, "period_days", "limits.period_days", "moments-form-period-days", &form.period_days, Some("moments-form-period-hint")))
            }
            p.hint { (ctx.t("moments-form-quiet-hint")) }
            div.form-grid {
                (input(ctx, errors, "quiet_from", "limits.quiet_hours.from", "moments-form-quiet-from", &form.quiet_from, Some("moments-form-clock-hint")))
                (input(ctx, errors, "quiet_to", "limits.quiet_hours.to", "moments-form-quiet-to", &form.quiet_to, Some("moments-form-clock-hint")))
                (input(ctx, errors, "quiet_timezone", "limits.quiet_hours.timezone", "moments-form-timezone", &form.quiet_timezone, Some("moments-form-timezone-hint")))
            }
        }

        fieldset {
            legend { (ctx.t("moments-form-then")) }
            p.hint { (ctx.t("moments-form-then-hint")) }
            @for i in 0..blocks {
                @let n = filled.iter().position(|&b| b == i);
                @let path = |what: &str| match n { Some(n) => format!("action[{n}].{what}"), None => format!("-none-.{what}") };
                @let kind = at(&form.a_kind, i).trim();
                fieldset.mo-action data-action-block="" {
                    legend { (ctx.tr.ta("moments-form-action-n", &[("n", ((i + 1) as f64).into())])) }
                    (grouped_select(ctx, errors, "a_kind", &path("kind"), "moments-form-action-kind", &plain(action_kinds.clone()), kind))
                    (grouped_select(ctx, errors, "a_purpose", &path("purpose"), "moments-form-purpose", &plain(purposes.clone()), at(&form.a_purpose, i).trim()))
                    p.hint { (ctx.t("moments-form-purpose-hint")) }
                    div.form-grid data-kind="webhook" {
                        (input(ctx, errors, "a_url", &path("url"), "moments-form-url", at(&form.a_url, i), None))
                        (input(ctx, errors, "a_secret", &path("secret"), "moments-form-secret", at(&form.a_secret, i), Some("moments-form-secret-hint")))
                    }
                    div data-kind="email" {
                        (input(ctx, errors, "a_to", &path("to"), "moments-form-to", at(&form.a_to, i), Some("moments-form-to-hint")))
                        @for l in &locales {
                            div.form-grid {
                                @let serrs = errors.for_field(&path(&format!("subject.{l}")));
                                label class=[(!serrs.is_empty()).then_some("has-error")] {
                                    span { (ctx.t("moments-form-subject")) " " span.badge { (l) } }
                                    input type="text" name={"a_subject_" (l)} value=(at(form.subjects(l), i));
                                    @for e in serrs { span.field-error { (e) } }
                                }
                                @let berrs = errors.for_field(&path(&format!("body.{l}")));
                                label class=[(!berrs.is_empty()).then_some("has-error")] {
                                    span { (ctx.t("moments-form-body")) " " span.badge { (l) } }
                                    textarea name={"a_body_" (l)} rows="3" { (at(form.bodies(l), i)) }
                                    @for e in berrs { span.field-error { (e) } }
                                }
                            }
                        }
                        @for e in errors.fields.iter().filter(|f| kind == "email" && (f.field == path("subject") || f.field == path("body"))) { span.field-error { (e.message) } }
                        p.hint { (ctx.t("moments-form-template-hint")) }
                    }
                    div data-kind="survey" {
                        (grouped_select(ctx, errors, "a_touchpoint", &path("touchpoint"), "moments-form-survey-touchpoint", &plain(survey_touchpoints.clone()), at(&form.a_touchpoint, i)))
                    }
                    div data-kind="task" {
                        div.form-grid {
                            (input(ctx, errors, "a_title", &path("title"), "moments-form-task-title", at(&form.a_title, i), None))
                            (input(ctx, errors, "a_assignee", &path("assignee"), "moments-form-assignee", at(&form.a_assignee, i), None))
                        }
                        @let terrs = errors.for_field(&path("body"));
                        label class=[(!terrs.is_empty() && kind == "task").then_some("has-error")] {
                            (ctx.t("moments-form-task-body"))
                            textarea name="a_task_body" rows="2" { (at(&form.a_task_body, i)) }
                            @if kind == "task" { @for e in terrs { span.field-error { (e) } } }
                        }
                        p.hint { (ctx.t("moments-form-template-hint")) }
                    }
                }
            }
        }
        script { (PreEscaped(SWITCH_JS)) }
        script { (PreEscaped(PLAN_JS)) }
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
