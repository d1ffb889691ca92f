//! Business moments: the events that matter and what Stig does when they happen, per
//! customer type. A moment is a trigger, conditions on who and where the customer is, limits
//! on how often and when, and actions (a signed webhook, an email, a survey invitation, a task
//! for staff).
//!
//! ```toml
//! [[moment]]
//! id = "detractor-alert"
//! name = "Detractor to the duty manager"
//! enabled = true
//! trigger = { on = "feedback", score = "nps", at_most = 6 }
//!
//! [[moment.action]]
//! kind = "webhook"
//! url = "https://hooks.example.com/stig"
//! secret = "duty-manager"   # the name of a workspace secret, never the secret itself
//! purpose = "service"       # what it is for: consent is checked against it (see `Purpose`)
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Channel, PropertyValue, SurveyKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Only enabled moments fire; any moment can be backtested over the stored history.
    #[serde(default, skip_serializing_if = "is_false")]
    pub enabled: bool,
    pub trigger: Trigger,
    #[serde(default, skip_serializing_if = "Conditions::is_empty")]
    pub conditions: Conditions,
    #[serde(default, skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    #[serde(rename = "action", default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What makes a moment happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "on", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Trigger {
    /// A track, page or screen event of this name, with these property values.
    Event {
        event: String,
        #[serde(rename = "where", default, skip_serializing_if = "BTreeMap::is_empty")]
        conditions: BTreeMap<String, PropertyValue>,
    },
    /// Entering, completing or abandoning a run of a journey, or one of its phases or steps;
    /// with `offset`, that long after it ("2d"), or before a date the milestone's event carries
    /// ("-3d" with `date_property = "arrival"`).
    Milestone {
        journey: String,
        milestone: MilestoneKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date_property: Option<String>,
    },
    /// No event from the customer for this many days.
    Inactivity { days: u32 },
    /// A score at or below `at_most` (or at or above `at_least`), e.g. an NPS detractor (≤ 6).
    Feedback {
        score: SurveyKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        touchpoint: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_most: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_least: Option<f64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MilestoneKind {
    Enter,
    Complete,
    Abandon,
}

impl MilestoneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneKind::Enter => "enter",
            MilestoneKind::Complete => "complete",
            MilestoneKind::Abandon => "abandon",
        }
    }
}

impl Trigger {
    /// `event`, `milestone`, `inactivity` or `feedback`.
    pub fn kind(&self) -> &'static str {
        match self {
            Trigger::Event { .. } => "event",
            Trigger::Milestone { .. } => "milestone",
            Trigger::Inactivity { .. } => "inactivity",
            Trigger::Feedback { .. } => "feedback",
        }
    }
}

/// Who the customer must be, and where, for the moment to fire. Every list given must match
/// (each by any of its entries).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Persona ids: the customer's persona (their `persona` trait, else the persona their
    /// stated loves and hates match best).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
    /// Phase ids: the phase the customer is in (of the trigger's journey, else of their most
    /// recent run of any journey).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<String>,
    /// The channel of the touchpoint the triggering event hit (else the customer's `channel`
    /// trait).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    #[serde(rename = "trait", default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<TraitCondition>,
}

impl Conditions {
    pub fn is_empty(&self) -> bool {
        self.personas.is_empty()
            && self.phases.is_empty()
            && self.channels.is_empty()
            && self.traits.is_empty()
    }
}

/// A test on one customer trait: `{ trait = "tier", equals = "gold" }`,
/// `{ trait = "age", at_least = 30 }`, `{ trait = "email", exists = true }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraitCondition {
    #[serde(rename = "trait")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<PropertyValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_equals: Option<PropertyValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exists: Option<bool>,
}

/// How often and when a moment may act.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// At most once per journey run (for triggers tied to a run).
    #[serde(default, skip_serializing_if = "is_false")]
    pub once_per_run: bool,
    /// At most this many times per customer within `period_days` (ever, without a period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_customer: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_days: Option<u32>,
    /// Actions that fall inside these hours wait until they end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHours>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }
}

/// `{ from = "21:00", to = "08:00", timezone = "Europe/Oslo" }`: may span midnight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    pub from: String,
    pub to: String,
    /// An IANA time zone (default: the workspace's `timezone`, else UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// Text per locale (`{ nb = "Takk!", en = "Thank you!" }`), a MiniJinja template: the
/// customer's locale picks it, else the workspace's, else English, else the first.
pub type Localized = BTreeMap<String, String>;

/// What a moment does. Every action says what it is for (`purpose`): an action for any
/// purpose but `service` reaches a customer only with their consent for it (see
/// [`Purpose`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Action {
    /// POST the moment as JSON, signed the Standard Webhooks way with the named workspace
    /// secret; retried with exponential backoff, then kept as a dead letter to replay.
    Webhook {
        url: String,
        secret: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purpose: Option<Purpose>,
    },
    /// An email over the workspace's SMTP server, to `customer` (their `email` trait) or to
    /// an address.
    Email {
        to: String,
        subject: Localized,
        body: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purpose: Option<Purpose>,
    },
    /// Email the customer a link to the hosted micro-survey of a touchpoint, in their language.
    Survey {
        touchpoint: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purpose: Option<Purpose>,
    },
    /// A task for staff in the web app.
    Task {
        title: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        body: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assignee: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purpose: Option<Purpose>,
    },
}

impl Action {
    /// `webhook`, `email`, `survey` or `task`.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Webhook { .. } => "webhook",
            Action::Email { .. } => "email",
            Action::Survey { .. } => "survey",
            Action::Task { .. } => "task",
        }
    }

    /// The purpose as written, if it is.
    pub fn declared_purpose(&self) -> Option<Purpose> {
        match self {
            Action::Webhook { purpose, .. }
            | Action::Email { purpose, .. }
            | Action::Survey { purpose, .. }
            | Action::Task { purpose, .. } => *purpose,
        }
    }

    /// Sets the purpose (the moment builder's picker).
    pub fn set_purpose(&mut self, to: Option<Purpose>) {
        match self {
            Action::Webhook { purpose, .. }
            | Action::Email { purpose, .. }
            | Action::Survey { purpose, .. }
            | Action::Task { purpose, .. } => *purpose = to,
        }
    }

    /// Whether the action can reach a customer or carry their data out of Stig: an email to
    /// the customer, a survey invitation, a webhook (it posts the customer's traits to
    /// another system). These must say what they are for. A task, or an email to a fixed
    /// address, reaches only staff.
    pub fn reaches_customer(&self) -> bool {
        match self {
            Action::Webhook { .. } | Action::Survey { .. } => true,
            Action::Email { to, .. } => to == "customer",
            Action::Task { .. } => false,
        }
    }

    /// The purpose consent is checked against: the one written; else `service` for an
    /// action that reaches only staff; else `marketing`, the strictest (an explicit grant
    /// needed), so an action the validator flags as missing its purpose never reaches a
    /// customer who did not agree.
    pub fn purpose(&self) -> Purpose {
        self.declared_purpose()
            .unwrap_or(if self.reaches_customer() {
                Purpose::Marketing
            } else {
                Purpose::Service
            })
    }
}

/// What an action is for, in the consent categories of Segment's Consent Management
/// (`context.consent.categoryPreferences`: Advertising, Analytics, Functional, DataSharing,
/// …) plus `service`: what the customer asked for or must be told (a receipt, a booking
/// change), sent without asking. Any other purpose needs the customer's explicit grant of
/// the consent category of the same name (compared without case, spaces, `-` or `_`, so
/// `DataSharing` and `data-sharing` are one).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    Service,
    Marketing,
    Analytics,
    Advertising,
    Functional,
    Personalization,
    DataSharing,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::Service,
        Purpose::Marketing,
        Purpose::Analytics,
        Purpose::Advertising,
        Purpose::Functional,
        Purpose::Personalization,
        Purpose::DataSharing,
    ];

    /// Its name in files and forms: `service`, `marketing`, `data-sharing`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Service => "service",
            Purpose::Marketing => "marketing",
            Purpose::Analytics => "analytics",
            Purpose::Advertising => "advertising",
            Purpose::Functional => "functional",
            Purpose::Personalization => "personalization",
            Purpose::DataSharing => "data-sharing",
        }
    }

    /// Whether it needs the customer's consent (all but `service`).
    pub fn needs_consent(self) -> bool {
        self != Purpose::Service
    }

    /// The consent category it is checked against, normalized as [`consent_key`] does.
    pub fn category(self) -> String {
        consent_key(self.as_str())
    }
}

impl std::str::FromStr for Purpose {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key = consent_key(s);
        Purpose::ALL
            .into_iter()
            .find(|p| p.category() == key)
            .ok_or_else(|| {
                format!(
                    "`{s}` is not a purpose; use one of {}",
                    Purpose::ALL.map(Purpose::as_str).join(", ")
                )
            })
    }
}

/// A consent category as compared: lowercase, without spaces, `-` or `_` (`DataSharing`,
/// `data_sharing` and `Data sharing` are one category).
pub fn consent_key(category: &str) -> String {
    category
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parses an offset as people write it: `2d`, `-3d`, `12h`, `90m` (a sign, digits, a unit).
/// Returns seconds.
pub fn parse_offset(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let unit_at = rest
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` has no unit; write e.g. `2d`, `-3d`, `12h` or `30m`"))?;
    let (digits, unit) = rest.split_at(unit_at);
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("`{text}` does not start with a number; write e.g. `2d`"))?;
    let per = match unit.trim() {
        "d" | "day" | "days" => 86_400,
        "h" | "hour" | "hours" => 3_600,
        "m" | "min" | "minutes" => 60,
        other => {
            return Err(format!(
                "`{other}` is not a unit; use `d` (days), `h` (hours) or `m` (minutes)"
            ));
        }
    };
    if n > 3_650 * 86_400 / per {
        return Err(format!("`{text}` is more than ten years"));
    }
    Ok(sign * n * per)
}

/// Parses `HH:MM` into minutes after midnight.
pub fn parse_clock(text: &str) -> Result<u32, String> {
    let bad = || format!("`{text}` is not a time of day; write `HH:MM`, e.g. `21:00`");
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_people_write_them() {
        assert_eq!(parse_offset("2d"), Ok(172_800));
        assert_eq!(parse_offset("-3d"), Ok(-259_200));
        assert_eq!(parse_offset("12h"), Ok(43_200));
        assert_eq!(parse_offset("90m"), Ok(5_400));
        assert!(parse_offset("2").expect_err("an error").contains("no unit"));
        assert!(
            parse_offset("2w")
                .expect_err("an error")
                .contains("not a unit")
        );
        assert!(parse_offset("d").is_err());
    }

    #[test]
    fn purposes_default_to_the_strictest_where_a_customer_is_reached() {
        let email = |to: &str, purpose| Action::Email {
            to: to.into(),
            subject: Localized::new(),
            body: Localized::new(),
            purpose,
        };
        assert_eq!(email("customer", None).purpose(), Purpose::Marketing);
        assert_eq!(email("desk@example.com", None).purpose(), Purpose::Service);
        assert_eq!(
            email("customer", Some(Purpose::Service)).purpose(),
            Purpose::Service
        );
        let survey = Action::Survey {
            touchpoint: "t".into(),
            purpose: None,
        };
        assert!(survey.reaches_customer());
        assert_eq!("DataSharing".parse::<Purpose>(), Ok(Purpose::DataSharing));
        assert_eq!(" Marketing ".parse::<Purpose>(), Ok(Purpose::Marketing));
        assert!(
            "spam"
                .parse::<Purpose>()
                .is_err_and(|e| e.contains("service, marketing"))
        );
        assert_eq!(Purpose::DataSharing.category(), consent_key("Data Sharing"));
    }

    #[test]
    fn clocks_read_as_hh_mm() {
        assert_eq!(parse_clock("21:00"), Ok(1260));
        assert_eq!(parse_clock("08:30"), Ok(510));
        assert!(parse_clock("24:00").is_err());
        assert!(parse_clock("9").is_err());
    }

    #[test]
    fn a_moment_reads_from_toml() {
        let text = r#"
            id = "detractor"
            name = "Detractor alert"
            enabled = true
            trigger = { on = "feedback", score = "nps", at_most = 6 }
            conditions = { personas = ["family"] }
            limits = { max_per_customer = 1, period_days = 30, quiet_hours = { from = "21:00", to = "08:00" } }
            [[action]]
            kind = "webhook"
            url = "https://hooks.example.com/x"
            secret = "duty"
            purpose = "service"
            [[action]]
            kind = "email"
            to = "customer"
            purpose = "marketing"
            subject = { en = "Sorry, {{ customer.first_name }}" }
            body = { en = "We hear you." }
        "#;
        let m: Moment = toml::from_str(text).expect("test input");
        assert!(matches!(
            m.trigger,
            Trigger::Feedback {
                score: SurveyKind::Nps,
                at_most: Some(6.0),
                ..
            }
        ));
        assert_eq!(m.actions.len(), 2);
        assert_eq!(m.actions[1].kind(), "email");
        assert_eq!(m.actions[1].purpose(), Purpose::Marketing);
        let back: Moment =
            toml::from_str(&toml::to_string(&m).expect("test input")).expect("test input");
        assert_eq!(back, m);
    }
}
