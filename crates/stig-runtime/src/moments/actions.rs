//! What an occurrence queues: one outbox delivery per action of its moment, with everything
//! the sender needs decided now (texts rendered in the customer's language, the webhook's
//! body, when quiet hours let it go), so a retry sends the very same thing.

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
    context["workspace"] = json!({ "id": ws_id, "name": ws.settings.name });
    context["occurrence"] = json!(o.key);
    context["at"] = json!(o.at.to_string());
    let deliveries = moment
        .actions
        .iter()
        .enumerate()
        .map(|(i, action)| NewDelivery {
            action: i as u32,
            kind: action.kind().to_owned(),
            payload: payload(ws, action, &context, o.locale.as_deref(), &o.customer),
            not_before,
        })
        .collect();
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
        Action::Webhook { url, secret } => json!({
            "url": url,
            "secret": secret,
            "body": {
                "type": "moment.fired",
                "timestamp": context["at"],
                "data": context,
            },
        }),
        Action::Email { to, subject, body } => {
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
        Action::Survey { touchpoint } => json!({
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
        } => json!({
            "title": render(title, context),
            "body": render(body, context),
            "assignee": assignee,
            "customer": customer,
        }),
    }
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
    static TEMPLATES: LazyLock<Mutex<minijinja::Environment<'static>>> =
        LazyLock::new(|| Mutex::new(minijinja::Environment::new()));
    if !template.contains("{{") && !template.contains("{%") {
        return template.to_owned();
    }
    let mut env = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
    if env.templates().count() > 1_000 {
        env.clear_templates(); // texts edited many times over: start afresh
    }
    if env.get_template(template).is_err()
        && let Err(e) = env.add_template_owned(template.to_owned(), template.to_owned())
    {
        tracing::warn!("a moment template does not parse: {e}");
        return template.to_owned();
    }
    match env.get_template(template).and_then(|t| t.render(context)) {
        Ok(text) => text,
        Err(e) => {
            tracing::warn!("a moment template did not render: {e}");
            template.to_owned()
        }
    }
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
}
