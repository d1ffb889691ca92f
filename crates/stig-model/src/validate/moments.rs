//! The rules for business moments: what they name exists, what they parse parses, and what
//! they need (a mail server, a survey) is there.

use super::{Names, Validator};
use crate::diagnostic::{Code, Diagnostic, Location, Origin};
use crate::{
    Action, Conditions, Limits, Localized, SurveyKind, Trigger, parse_clock, parse_offset,
};

impl Validator<'_> {
    pub(super) fn moments(&mut self) {
        let ws = self.ws;
        if let Some(tz) = &ws.settings.timezone {
            self.timezone(tz, Location::new(Origin::Settings).at("timezone"));
        }
        for (mi, m) in ws.moments.iter().enumerate() {
            let at = Location::new(Origin::Moment(mi));
            self.non_empty(&m.name, at.at("name"), "a moment's name");
            self.trigger(&m.trigger, at.at("trigger"));
            self.conditions(&m.conditions, at.at("conditions"));
            self.limits(&m.limits, at.at("limits"));
            if m.actions.is_empty() {
                self.push(
                    Diagnostic::new(
                        Code::MomentWithoutAction,
                        at.at("id"),
                        format!("moment `{}` has no action, so it does nothing", m.id),
                    )
                    .with_args("moment-without-action", &[("name", &m.name)])
                    .with_help(
                        "add `[[moment.action]]` with `kind = \"webhook\"`, `\"email\"`, `\"survey\"` or `\"task\"`",
                    ),
                );
            }
            for (ai, a) in m.actions.iter().enumerate() {
                self.action(a, at.at("action").at(ai));
            }
        }
    }

    fn trigger(&mut self, t: &Trigger, at: Location) {
        let ws = self.ws;
        match t {
            Trigger::Event { event, .. } => self.non_empty(event, at.at("event"), "the event name"),
            Trigger::Milestone {
                journey,
                phase,
                step,
                offset,
                date_property,
                ..
            } => {
                let journeys = self.journey_ids();
                if self.reference("journey", journey, &journeys, at.at("journey"))
                    && let Some(j) = ws.journey(journey)
                {
                    if let Some(p) = phase {
                        let phases = Names::new(j.phases.iter().map(|p| p.id.as_str()));
                        self.reference("phase", p, &phases, at.at("phase"));
                    }
                    if let Some(s) = step {
                        let steps = Names::new(j.steps.iter().map(|s| s.id.as_str()));
                        self.reference("step", s, &steps, at.at("step"));
                    }
                }
                if phase.is_some() && step.is_some() {
                    self.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            at.at("step"),
                            "a milestone is of a phase or of a step, not both",
                        )
                        .with_args("milestone-phase-and-step", &[])
                        .with_help("remove `phase` or `step`"),
                    );
                }
                if let Some(o) = offset {
                    match parse_offset(o) {
                        Err(e) => self.push(
                            Diagnostic::new(Code::InvalidValue, at.at("offset"), e)
                                .with_args("bad-offset", &[("value", o)]),
                        ),
                        Ok(secs) if secs < 0 && date_property.is_none() => self.push(
                            Diagnostic::new(
                                Code::InvalidValue,
                                at.at("offset"),
                                format!("`{o}` is before the milestone, which has already happened"),
                            )
                            .with_args("offset-before-milestone", &[("value", o)])
                            .with_help(
                                "name the event property holding the date to count back from: `date_property = \"arrival\"`",
                            ),
                        ),
                        Ok(_) => {}
                    }
                }
            }
            Trigger::Inactivity { days } => {
                if *days == 0 {
                    self.push(
                        Diagnostic::new(Code::OutOfRange, at.at("days"), "inactivity of 0 days")
                            .with_args("inactivity-zero", &[])
                            .with_help("give the days of silence after which the moment fires, e.g. `days = 60`"),
                    );
                }
            }
            Trigger::Feedback {
                score,
                touchpoint,
                at_most,
                at_least,
            } => {
                if let Some(tp) = touchpoint {
                    let tps = self.touchpoint_ids();
                    self.reference("touchpoint", tp, &tps, at.at("touchpoint"));
                }
                let (lo, hi) = match score {
                    SurveyKind::Nps => (0.0, 10.0),
                    SurveyKind::Csat => (1.0, 5.0),
                    SurveyKind::Ces => (1.0, 7.0),
                };
                for (key, v) in [("at_most", at_most), ("at_least", at_least)] {
                    if let Some(v) = v
                        && !(lo..=hi).contains(v)
                    {
                        self.push(
                            Diagnostic::new(
                                Code::OutOfRange,
                                at.at(key),
                                format!("{v} is outside the {lo}–{hi} scale of this score"),
                            )
                            .with_args(
                                "score-out-of-scale",
                                &[
                                    ("value", &v.to_string()),
                                    ("low", &lo.to_string()),
                                    ("high", &hi.to_string()),
                                ],
                            ),
                        );
                    }
                }
                if at_most.is_none() && at_least.is_none() {
                    self.push(
                        Diagnostic::new(
                            Code::EmptyField,
                            at.at("score"),
                            "a feedback trigger needs a threshold",
                        )
                        .with_args("feedback-without-threshold", &[])
                        .with_help("add `at_most = 6` (NPS detractors) or `at_least = …`"),
                    );
                }
            }
        }
    }

    fn conditions(&mut self, c: &Conditions, at: Location) {
        let personas = self.persona_ids();
        for (i, p) in c.personas.iter().enumerate() {
            self.reference("persona", p, &personas, at.at("personas").at(i));
        }
        let phases = Names::new(
            self.ws
                .journeys
                .iter()
                .flat_map(|j| j.phases.iter().map(|p| p.id.as_str())),
        );
        for (i, p) in c.phases.iter().enumerate() {
            self.reference("phase", p, &phases, at.at("phases").at(i));
        }
        for (i, t) in c.traits.iter().enumerate() {
            let tat = at.at("trait").at(i);
            self.non_empty(&t.name, tat.at("trait"), "the trait name");
            if t.equals.is_none()
                && t.not_equals.is_none()
                && t.at_least.is_none()
                && t.at_most.is_none()
                && t.exists.is_none()
            {
                self.push(
                    Diagnostic::new(
                        Code::EmptyField,
                        tat.at("trait"),
                        format!("the condition on `{}` tests nothing", t.name),
                    )
                    .with_args("condition-tests-nothing", &[("trait", &t.name)])
                    .with_help("add `equals`, `not_equals`, `at_least`, `at_most` or `exists`"),
                );
            }
        }
    }

    fn limits(&mut self, l: &Limits, at: Location) {
        if l.max_per_customer == Some(0) {
            self.push(
                Diagnostic::new(
                    Code::OutOfRange,
                    at.at("max_per_customer"),
                    "a cap of 0 never fires",
                )
                .with_args("cap-zero", &[])
                .with_help("disable the moment instead (`enabled = false`)"),
            );
        }
        if l.period_days.is_some() && l.max_per_customer.is_none() {
            self.push(
                Diagnostic::new(
                    Code::EmptyField,
                    at.at("period_days"),
                    "`period_days` needs `max_per_customer`",
                )
                .with_args("period-without-cap", &[])
                .with_help("e.g. `max_per_customer = 1` and `period_days = 30`"),
            );
        }
        if let Some(q) = &l.quiet_hours {
            let qat = at.at("quiet_hours");
            for (key, v) in [("from", &q.from), ("to", &q.to)] {
                if let Err(e) = parse_clock(v) {
                    self.push(
                        Diagnostic::new(Code::InvalidValue, qat.at(key), e)
                            .with_args("bad-clock", &[("value", v)]),
                    );
                }
            }
            if let Some(tz) = &q.timezone {
                self.timezone(tz, qat.at("timezone"));
            }
        }
    }

    fn timezone(&mut self, tz: &str, at: Location) {
        if jiff::tz::TimeZone::get(tz).is_err() {
            self.push(
                Diagnostic::new(Code::InvalidValue, at, format!("`{tz}` is not a time zone"))
                    .with_args("bad-timezone", &[("value", tz)])
                    .with_help("use an IANA name such as `Europe/Oslo` or `UTC`"),
            );
        }
    }

    fn action(&mut self, a: &Action, at: Location) {
        let ws = self.ws;
        self.purpose(a, at.clone());
        match a {
            Action::Webhook { url, secret, .. } => {
                let host = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"));
                if host.is_none_or(|rest| rest.is_empty() || rest.starts_with('/')) {
                    self.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            at.at("url"),
                            format!("`{url}` is not an http(s) URL"),
                        )
                        .with_args("bad-url", &[("value", url)])
                        .with_help("e.g. `https://hooks.example.com/stig`"),
                    );
                }
                self.non_empty(secret, at.at("secret"), "the webhook's secret name");
            }
            Action::Email {
                to, subject, body, ..
            } => {
                if to != "customer" && !to.contains('@') {
                    self.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            at.at("to"),
                            format!("`{to}` is neither `customer` nor an email address"),
                        )
                        .with_args("bad-recipient", &[("value", to)])
                        .with_help(
                            "`to = \"customer\"` mails the customer's `email` trait; or give an address",
                        ),
                    );
                }
                self.localized(subject, at.at("subject"), "the subject");
                self.localized(body, at.at("body"), "the body");
                self.needs_smtp(at.at("kind"));
            }
            Action::Survey { touchpoint, .. } => {
                let tps = self.touchpoint_ids();
                if self.reference("touchpoint", touchpoint, &tps, at.at("touchpoint"))
                    && ws
                        .touchpoint(touchpoint)
                        .is_some_and(|t| t.survey.is_none())
                {
                    self.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            at.at("touchpoint"),
                            format!("touchpoint `{touchpoint}` has no survey to invite to"),
                        )
                        .with_args(
                            "survey-without-survey",
                            &[(
                                "name",
                                ws.touchpoint(touchpoint)
                                    .map_or(touchpoint.as_str(), |t| t.name.as_str()),
                            )],
                        )
                        .with_help(
                            "add `survey = { kind = \"nps\", question = \"…\" }` to the touchpoint",
                        ),
                    );
                }
                self.needs_smtp(at.at("kind"));
            }
            Action::Task { title, body, .. } => {
                self.non_empty(title, at.at("title"), "the task's title");
                self.template(title, at.at("title"));
                self.template(body, at.at("body"));
            }
        }
    }

    /// An action that reaches a customer (or carries their data out) must say what it is
    /// for: consent is checked against its purpose before it is sent.
    fn purpose(&mut self, a: &Action, at: Location) {
        if a.declared_purpose().is_some() || !a.reaches_customer() {
            return;
        }
        self.push(
            Diagnostic::new(
                Code::EmptyField,
                at.at("purpose"),
                format!(
                    "this {} reaches the customer but does not say what it is for",
                    a.kind()
                ),
            )
            .with_args("action-without-purpose", &[("kind", a.kind())])
            .with_help(format!(
                "add `purpose = \"service\"` (transactional: sent to everyone) or `\"marketing\"` (sent only to customers who agreed); purposes: {}",
                crate::Purpose::ALL.map(crate::Purpose::as_str).join(", ")
            )),
        );
    }

    fn localized(&mut self, texts: &Localized, at: Location, what: &str) {
        if texts.is_empty() {
            self.push(
                Diagnostic::new(Code::EmptyField, at.clone(), format!("{what} has no text"))
                    .with_args("no-text", &[])
                    .with_help("give it per locale: `{ en = \"…\", nb = \"…\" }`"),
            );
        }
        for (locale, text) in texts {
            if !crate::LOCALES.contains(&locale.as_str()) {
                self.push(
                    Diagnostic::new(
                        Code::UnknownLocale,
                        at.at(locale.as_str()),
                        format!("unknown locale `{locale}`"),
                    )
                    .with_args("unknown-text-locale", &[("locale", locale)])
                    .with_help(format!("known locales: {}", crate::LOCALES.join(", "))),
                );
            }
            self.template(text, at.at(locale.as_str()));
        }
    }

    fn template(&mut self, text: &str, at: Location) {
        let env = minijinja::Environment::new();
        if let Err(e) = env.template_from_str(text) {
            self.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    at,
                    format!(
                        "the template does not parse: {}",
                        e.detail().unwrap_or("syntax error")
                    ),
                )
                .with_args(
                    "bad-template",
                    &[("why", e.detail().unwrap_or("syntax error"))],
                )
                .with_help("placeholders look like `{{ customer.first_name }}`"),
            );
        }
    }

    fn needs_smtp(&mut self, at: Location) {
        if self.ws.settings.smtp.is_none() {
            self.push(
                Diagnostic::new(
                    Code::MissingSmtp,
                    at,
                    "this action sends email, but the workspace has no mail server",
                )
                .with_args("missing-smtp", &[])
                .with_help(
                    "add `smtp = { host = \"…\", from = \"…\" }` under `[workspace]` in stig.toml",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Action, Moment, Purpose, Trigger, Workspace, validate};

    fn with_actions(actions: Vec<Action>) -> Workspace {
        Workspace {
            moments: vec![Moment {
                id: "m".into(),
                name: "M".into(),
                description: String::new(),
                enabled: false,
                trigger: Trigger::Event {
                    event: "Trip Completed".into(),
                    conditions: Default::default(),
                },
                conditions: Default::default(),
                limits: Default::default(),
                actions,
            }],
            ..Workspace::default()
        }
    }

    fn purposeless(ws: &Workspace) -> Vec<String> {
        validate(ws)
            .into_iter()
            .filter(|d| d.message_id == "action-without-purpose")
            .map(|d| d.location.to_string())
            .collect()
    }

    #[test]
    fn actions_reaching_a_customer_must_say_what_they_are_for() {
        let webhook = |purpose| Action::Webhook {
            url: "https://hooks.example.com/x".into(),
            secret: "s".into(),
            purpose,
        };
        let task = Action::Task {
            title: "Call them".into(),
            body: String::new(),
            assignee: None,
            purpose: None,
        };
        let ws = with_actions(vec![task.clone(), webhook(None)]);
        let found = purposeless(&ws);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("action[1]"), "{found:?}");
        assert!(found[0].ends_with("purpose"), "{found:?}");
        let ws = with_actions(vec![task, webhook(Some(Purpose::Service))]);
        assert!(purposeless(&ws).is_empty());
    }
}
