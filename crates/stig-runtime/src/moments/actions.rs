//! What an occurrence queues: one outbox delivery per action of its moment, with everything
//! the sender needs decided now (texts rendered in the customer's language, the webhook's
//! body, when quiet hours let it go), so a retry sends the very same thing. An action the
//! customer has not consented to is recorded as suppressed instead (see [`super::consent`]).

use std::sync::{LazyLock, Mutex};

use jiff::Timestamp;
use serde_json::{Value, json};
use stig_model::{Action, Localized, Moment, Workspace};
use stig_pipeline::moments::{Occurrence, quiet_until};
use stig_store::{NewDelivery, NewFiring};

/// The firing of `occurrence` with its deliveries.
pub fn firing(
    ws_id: &str,
    ws: &Workspace,
    moment: &Moment,
    o: Occurrence,
    now: Timestamp,
) -> NewFiring {
    let not_before = moment
        .limits
        .quiet_hours
        .as_ref()
        .and_then(|q| quiet_until(q, ws.settings.timezone.as_deref(), now))
        .unwrap_or(now);
    let mut context = o.context;
    enrich(ws, &mut context);
    context["workspace"] = json!({ "id": ws_id, "name": ws.settings.name });
    context["occurrence"] = json!(o.key);
    context["at"] = json!(o.at.to_string());
    let mut deliveries = Vec::new();
    let mut suppressed = Vec::new();
    for (i, action) in moment.actions.iter().enumerate() {
        match super::consent::suppressed(i, action, &o.consent) {
            Some(s) => suppressed.push(s),
            None => deliveries.push(NewDelivery {
                action: i as u32,
                kind: action.kind().to_owned(),
                payload: payload(ws, action, &context, o.locale.as_deref(), &o.customer),
                not_before,
            }),
        }
    }
    // The outbox keeps what happened and to whom. The customer's traits and the event's
    // properties went into the deliveries that needed them and stay in the events; the
    // moment, workspace, occurrence and time are the firing's own columns. None of them is
    // copied again.
    let mut trigger = context.get_mut("trigger").map(Value::take);
    if let Some(Value::Object(t)) = &mut trigger {
        t.remove("properties");
    }
    let context = json!({
        "trigger": trigger,
        "customer": { "id": o.customer, "persona": o.persona },
    });
    NewFiring {
        moment: o.moment_id,
        occurrence: o.key,
        customer: o.customer,
        persona: o.persona,
        at: o.at,
        context,
        deliveries,
        suppressed,
    }
}

fn payload(
    ws: &Workspace,
    action: &Action,
    context: &Value,
    locale: Option<&str>,
    customer: &str,
) -> Value {
    let traits = &context["customer"];
    let email_of_customer = traits.get("email").and_then(Value::as_str);
    match action {
        Action::Webhook { url, secret, .. } => json!({
            "url": url,
            "secret": secret,
            "body": {
                "type": "moment.fired",
                "timestamp": context["at"],
                "data": context,
            },
        }),
        Action::Email {
            to, subject, body, ..
        } => {
            let (lang, subject_t) = pick(subject, locale, &ws.settings.locale);
            let (_, body_t) = pick(body, Some(lang.as_str()), &ws.settings.locale);
            let to = if to == "customer" {
                email_of_customer.map(str::to_owned)
            } else {
                Some(to.clone())
            };
            json!({
                "to": to,
                "subject": render(&subject_t, context),
                "text": render(&body_t, context),
                "language": lang,
                "customer": customer,
            })
        }
        Action::Survey { touchpoint, .. } => json!({
            "touchpoint": touchpoint,
            "to": email_of_customer,
            "customer": customer,
            "language": locale.filter(|l| stig_model::LOCALES.contains(l)).unwrap_or(&ws.settings.locale),
            "run": context["trigger"]["run"],
        }),
        Action::Task {
            title,
            body,
            assignee,
            ..
        } => {
            // Whom to call and about what, for the task list: staff need a name and a
            // number, not an id.
            let c = &context["customer"];
            let t = &context["trigger"];
            let phone = ["phone", "phone_number", "phoneNumber", "mobile"]
                .iter()
                .find_map(|k| c.get(*k).and_then(Value::as_str));
            json!({
                "title": render(title, context),
                "body": render(body, context),
                "assignee": assignee,
                "customer": customer,
                "contact": {
                    "name": c.get("name"),
                    "email": email_of_customer,
                    "phone": phone,
                },
                "touchpoint": t.get("touchpoint_id"),
                "touchpoint_name": t.get("touchpoint_name"),
            })
        }
    }
}

/// Adds what templates and staff want to read and the engine leaves implicit:
/// `customer.first_name` / `last_name` from Segment's `firstName` / `lastName` when only
/// those are set, `customer.name` (a `name` trait, else first and last name) and
/// `trigger.touchpoint_id` / `trigger.touchpoint_name` (the touchpoint scored, hit, or of the
/// step reached).
fn enrich(ws: &Workspace, context: &mut Value) {
    if let Some(c) = context.get_mut("customer").and_then(Value::as_object_mut) {
        for (snake, camel) in [("first_name", "firstName"), ("last_name", "lastName")] {
            if c.get(snake).is_none()
                && let Some(v) = c.get(camel).cloned()
            {
                c.insert(snake.into(), v);
            }
        }
    }
    if let Some(c) = context.get_mut("customer").and_then(Value::as_object_mut)
        && c.get("name")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| c.get(*k).and_then(Value::as_str))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let name = match (
            text(&["first_name", "firstName"]),
            text(&["last_name", "lastName"]),
        ) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (f, l) => f.or(l),
        };
        if let Some(name) = name {
            c.insert("name".into(), json!(name));
        }
    }
    let Some(t) = context.get_mut("trigger").and_then(Value::as_object_mut) else {
        return;
    };
    let tp = t
        .get("touchpoint")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            t.get("touchpoints")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .or_else(|| {
            let journey = ws.journey(t.get("journey")?.as_str()?)?;
            let step = t.get("step")?.as_str()?;
            journey
                .steps
                .iter()
                .find(|s| s.id == step)?
                .touchpoints
                .first()
                .cloned()
        });
    if let Some(tp) = tp {
        let name = ws
            .touchpoint(&tp)
            .map_or_else(|| tp.clone(), |x| x.name.clone());
        t.insert("touchpoint_id".into(), json!(tp));
        t.insert("touchpoint_name".into(), json!(name));
    }
}

/// A context like a real firing's for previews: the moment, a trigger of its kind with
/// made-up values, and `customer` (their traits: a real customer's where the caller has one,
/// else an invented one), enriched the way firings are.
pub fn sample_context(
    ws_id: &str,
    ws: &Workspace,
    moment: &Moment,
    customer_id: &str,
    traits: Option<serde_json::Map<String, Value>>,
) -> Value {
    let trigger = match &moment.trigger {
        stig_model::Trigger::Event { event, .. } => {
            json!({ "kind": "event", "event": event, "properties": {} })
        }
        stig_model::Trigger::Milestone {
            journey,
            milestone,
            phase,
            step,
            ..
        } => {
            let step = step.clone().or_else(|| {
                ws.journey(journey)
                    .and_then(|j| j.steps.last())
                    .map(|s| s.id.clone())
            });
            json!({ "kind": "milestone", "milestone": milestone.as_str(), "journey": journey,
                    "phase": phase, "step": step, "run": format!("{journey}/1") })
        }
        stig_model::Trigger::Inactivity { days } => {
            json!({ "kind": "inactivity", "days": days })
        }
        stig_model::Trigger::Feedback {
            score, touchpoint, ..
        } => {
            let tp = touchpoint
                .clone()
                .or_else(|| ws.touchpoints.first().map(|t| t.id.clone()));
            json!({ "kind": "feedback", "score_type": score.as_str(), "score": 2,
                    "comment": "…", "touchpoint": tp })
        }
    };
    let mut customer = traits.unwrap_or_else(|| {
        json!({ "first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.com",
                "phone": "+47 900 00 000" })
        .as_object()
        .cloned()
        .unwrap_or_default()
    });
    customer.insert("id".into(), json!(customer_id));
    let mut context = json!({
        "moment": { "id": moment.id, "name": moment.name },
        "trigger": trigger,
        "customer": customer,
    });
    enrich(ws, &mut context);
    context["workspace"] = json!({ "id": ws_id, "name": ws.settings.name });
    context["occurrence"] = json!("preview");
    context["at"] = json!(Timestamp::now().to_string());
    context
}

/// One email action as it would go out in one language.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EmailPreview {
    pub language: String,
    /// The address it would go to (`None`: the customer has no `email` trait).
    pub to: Option<String>,
    pub subject: String,
    pub text: String,
    /// Why a text did not render (it would go out as written).
    pub errors: Vec<String>,
}

/// Email action `action` of `moment` rendered over `context` in every language it has a
/// subject or body in (the workspace's language first), the way the sender would.
pub fn preview_emails(
    ws: &Workspace,
    moment: &Moment,
    action: usize,
    context: &Value,
) -> Vec<EmailPreview> {
    let Some(Action::Email { subject, body, .. }) = moment.actions.get(action) else {
        return Vec::new();
    };
    let mut languages: Vec<&str> = subject
        .keys()
        .chain(body.keys())
        .map(String::as_str)
        .collect();
    languages.sort_by_key(|l| (*l != ws.settings.locale, *l));
    languages.dedup();
    languages
        .into_iter()
        .map(|lang| {
            let p = payload(ws, &moment.actions[action], context, Some(lang), "");
            let (_, s) = pick(subject, Some(lang), &ws.settings.locale);
            let (_, b) = pick(body, Some(lang), &ws.settings.locale);
            let errors = [s, b]
                .iter()
                .filter_map(|t| render_checked(t, context).err())
                .collect();
            EmailPreview {
                language: p["language"].as_str().unwrap_or(lang).to_owned(),
                to: p["to"].as_str().map(str::to_owned),
                subject: p["subject"].as_str().unwrap_or_default().to_owned(),
                text: p["text"].as_str().unwrap_or_default().to_owned(),
                errors,
            }
        })
        .collect()
}

/// The text for `locale`, else the workspace's language, else English, else any.
fn pick(texts: &Localized, locale: Option<&str>, workspace_locale: &str) -> (String, String) {
    [locale, Some(workspace_locale), Some("en")]
        .into_iter()
        .flatten()
        .find_map(|l| texts.get(l).map(|t| (l.to_owned(), t.clone())))
        .or_else(|| texts.iter().next().map(|(l, t)| (l.clone(), t.clone())))
        .unwrap_or_else(|| (workspace_locale.to_owned(), String::new()))
}

/// Renders a MiniJinja template over the context (`customer.first_name`,
/// `trigger.score`, `moment.name`, …). Templates are compiled once and kept (a moment's
/// texts are few and fire many times). A template that fails to render is sent as written,
/// with the reason logged: better an unpolished message than none.
pub fn render(template: &str, context: &Value) -> String {
    render_checked(template, context).unwrap_or_else(|e| {
        tracing::warn!("{e}");
        template.to_owned()
    })
}

/// [`render`], saying why a template does not parse or render.
pub fn render_checked(template: &str, context: &Value) -> Result<String, String> {
    static TEMPLATES: LazyLock<Mutex<minijinja::Environment<'static>>> =
        LazyLock::new(|| Mutex::new(minijinja::Environment::new()));
    if !template.contains("{{") && !template.contains("{%") {
        return Ok(template.to_owned());
    }
    let mut env = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
    if env.templates().count() > 1_000 {
        env.clear_templates(); // texts edited many times over: start afresh
    }
    if env.get_template(template).is_err()
        && let Err(e) = env.add_template_owned(template.to_owned(), template.to_owned())
    {
        return Err(format!("a moment template does not parse: {e}"));
    }
    env.get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|e| format!("a moment template did not render: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_the_customers_language() {
        let texts: Localized = [
            ("en".to_owned(), "Hi".to_owned()),
            ("nb".to_owned(), "Hei".to_owned()),
        ]
        .into();
        assert_eq!(pick(&texts, Some("nb"), "en").1, "Hei");
        assert_eq!(pick(&texts, Some("sv"), "nb").1, "Hei");
        assert_eq!(pick(&texts, Some("sv"), "da").1, "Hi");
        assert_eq!(
            render(
                "Hei {{ customer.first_name }}, {{ trigger.score }}",
                &json!({"customer": {"first_name": "Kari"}, "trigger": {"score": 3}})
            ),
            "Hei Kari, 3"
        );
    }

    fn workspace() -> Workspace {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
        stig_model::code::load_dir(&dir).expect("example").workspace
    }

    #[test]
    fn preview_renders_each_language_with_the_sample_customer() {
        let ws = workspace();
        let m = ws
            .moments
            .iter()
            .find(|m| m.id == "takk-etter-turen")
            .expect("the example's thank-you moment")
            .clone();
        let ctx = sample_context("arctic-winter", &ws, &m, "c1", None);
        let previews = preview_emails(&ws, &m, 0, &ctx);
        let langs: Vec<&str> = previews.iter().map(|p| p.language.as_str()).collect();
        // The workspace's language (nb) first, then the others written.
        assert_eq!(langs, ["nb", "en"]);
        assert_eq!(previews[0].subject, "Takk for turen, Kari!");
        assert!(
            previews[0].text.starts_with("Hei Kari,"),
            "{}",
            previews[0].text
        );
        assert_eq!(previews[1].subject, "Thank you for your trip, Kari!");
        assert_eq!(previews[1].to.as_deref(), Some("kari@example.com"));
        assert!(previews.iter().all(|p| p.errors.is_empty()));
        // A real customer's traits replace the invented ones.
        let traits = json!({"first_name": "Ola", "email": "ola@example.no"});
        let ctx = sample_context("arctic-winter", &ws, &m, "c2", traits.as_object().cloned());
        let previews = preview_emails(&ws, &m, 0, &ctx);
        assert_eq!(previews[1].subject, "Thank you for your trip, Ola!");
        assert_eq!(previews[1].to.as_deref(), Some("ola@example.no"));
        // Not an email action: nothing to preview.
        assert!(preview_emails(&ws, &m, 1, &ctx).is_empty());
    }

    #[test]
    fn a_broken_template_is_reported_and_sent_as_written() {
        let bad = "Hei {{ customer.first_name ";
        assert!(render_checked(bad, &json!({})).is_err());
        assert_eq!(render(bad, &json!({})), bad);
    }

    #[test]
    fn tasks_name_the_customer_and_the_touchpoint() {
        let ws = workspace();
        let tp = ws.touchpoints[0].clone();
        let mut context = json!({
            "moment": {"id": "m", "name": "M"},
            "trigger": {"kind": "feedback", "score": 2, "touchpoint": tp.id},
            "customer": {"id": "c7ea-0000016", "firstName": "Kari", "lastName": "Nordmann",
                         "email": "kari@example.no", "phone": "+47 912 34 567"},
        });
        enrich(&ws, &mut context);
        assert_eq!(context["customer"]["first_name"], "Kari");
        let task = Action::Task {
            title: "Ring {{ customer.name }} om {{ trigger.touchpoint_name }}".into(),
            body: String::new(),
            assignee: None,
            purpose: None,
        };
        let p = payload(&ws, &task, &context, None, "c7ea-0000016");
        assert_eq!(p["title"], format!("Ring Kari Nordmann om {}", tp.name));
        assert_eq!(p["contact"]["name"], "Kari Nordmann");
        assert_eq!(p["contact"]["phone"], "+47 912 34 567");
        assert_eq!(p["contact"]["email"], "kari@example.no");
        assert_eq!(p["touchpoint"], tp.id);
        assert_eq!(p["touchpoint_name"], tp.name);
    }
}
