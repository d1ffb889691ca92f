//! The workspace: the root of everything a CX team designs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Actor, Dilemma, Goal, Journey, Moment, Persona, Touchpoint};

/// A whole design-time workspace: settings plus every persona, journey, touchpoint, actor,
/// goal and dilemma. This is the value that journey-as-code files parse into and serialize from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    pub settings: Settings,
    pub personas: Vec<Persona>,
    pub journeys: Vec<Journey>,
    pub touchpoints: Vec<Touchpoint>,
    pub actors: Vec<Actor>,
    pub goals: Vec<Goal>,
    pub dilemmas: Vec<Dilemma>,
    pub moments: Vec<Moment>,
}

/// Workspace-wide settings (the `[workspace]` table of `stig.toml`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Display name, e.g. "Arctic Winter Tromsø".
    pub name: String,
    /// The brand promise every phase of every journey must keep.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub brand_promise: String,
    /// Default locale for UI and generated text: `en`, `nb`, `sv`, `da` or `fi`.
    #[serde(default = "default_locale")]
    pub locale: String,
    /// Currency used by dilemma costs, ISO 4217 (e.g. `NOK`).
    #[serde(default = "default_currency")]
    pub currency: String,
    /// A customer with no event for this many days is counted as churned (default
    /// [`Settings::DEFAULT_CHURN_AFTER_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn_after_days: Option<u32>,
    /// Track events that mean the customer left (default [`Settings::DEFAULT_CHURN_EVENTS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub churn_events: Vec<String>,
    /// Track events that are a purchase: the first one acquires a customer, as does the first
    /// journey (default [`Settings::DEFAULT_PURCHASE_EVENTS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purchase_events: Vec<String>,
    /// How events become love and hate signals for tags, matched against the personas' loves
    /// and hates (default [`Settings::DEFAULT_PREFERENCES`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferences: Vec<PreferenceRule>,
    /// A signal counts half after this many days (default
    /// [`Settings::DEFAULT_PREFERENCE_HALF_LIFE_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preference_half_life_days: Option<u32>,
    /// The IANA time zone of the business (`Europe/Oslo`): quiet hours of moments are read in
    /// it unless a moment names its own (default UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The mail server moments send email through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<Smtp>,
    /// What driver analysis explains by default: a touchpoint id (`airport`, or `airport:nps`
    /// for one of its scales) or `overall` (answers about a whole journey, not a touchpoint).
    /// Unset: the overall answers, else the one touchpoint with an NPS survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers_outcome: Option<String>,
    /// How long collected data is kept: `{ events_days = 730, comments_days = 180,
    /// event_days = { "Order Completed" = 0 } }` (unset: everything, for good).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
}

/// What retention removes, applied by the server every hour: events older than
/// `events_days` (a track event named in `event_days` after its own number of days, 0: kept
/// for good), and the free-text comment of feedback older than `comments_days` (the score
/// stays). Days are counted from when the event happened.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events_days: Option<u32>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub event_days: std::collections::BTreeMap<String, u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments_days: Option<u32>,
}

/// An SMTP server: `{ host = "smtp.example.com", port = 587, from = "Hotel <hi@example.com>",
/// username = "stig", password_secret = "smtp" }`. The password is a workspace secret, named
/// here and set in the web app or API, never written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_secret: Option<String>,
    /// `starttls` (default), `tls` or `none` (a relay on a trusted network).
    #[serde(default)]
    pub security: SmtpSecurity,
}

fn default_smtp_port() -> u16 {
    587
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    #[default]
    Starttls,
    Tls,
    None,
}

/// A track event whose property names tags the customer loves (weight > 0) or hates (< 0):
/// `{ event = "Product Dismissed", property = "tags", weight = -2.0 }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferenceRule {
    pub event: String,
    /// The property holding a tag or a list of tags (default `tags`).
    #[serde(default = "default_tags_property")]
    pub property: String,
    pub weight: f64,
}

fn default_tags_property() -> String {
    "tags".to_owned()
}

impl Settings {
    pub const DEFAULT_CHURN_AFTER_DAYS: u32 = 365;
    pub const DEFAULT_CHURN_EVENTS: &[&str] = &[
        "Customer Churned",
        "Subscription Cancelled",
        "Account Deleted",
    ];
    pub const DEFAULT_PURCHASE_EVENTS: &[&str] = &["Order Completed"];
    /// Event → weight of the tags in its `tags` property, when a workspace names none.
    pub const DEFAULT_PREFERENCES: &[(&str, f64)] = &[
        ("Product Viewed", 1.0),
        ("Product Added", 2.0),
        ("Order Completed", 3.0),
        ("Product Liked", 3.0),
        ("Product Dismissed", -2.0),
        ("Product Disliked", -3.0),
    ];
    pub const DEFAULT_PREFERENCE_HALF_LIFE_DAYS: u32 = 365;

    /// The preference rules in force (the workspace's, else the defaults).
    pub fn preference_rules(&self) -> Vec<PreferenceRule> {
        if !self.preferences.is_empty() {
            return self.preferences.clone();
        }
        Self::DEFAULT_PREFERENCES
            .iter()
            .map(|&(event, weight)| PreferenceRule {
                event: event.to_owned(),
                property: default_tags_property(),
                weight,
            })
            .collect()
    }

    pub fn preference_half_life_days(&self) -> u32 {
        self.preference_half_life_days
            .unwrap_or(Self::DEFAULT_PREFERENCE_HALF_LIFE_DAYS)
            .max(1)
    }

    pub fn churn_after_days(&self) -> u32 {
        self.churn_after_days
            .unwrap_or(Self::DEFAULT_CHURN_AFTER_DAYS)
    }

    /// Whether a track event of this name means the customer left.
    pub fn is_churn_event(&self, name: &str) -> bool {
        named(&self.churn_events, Self::DEFAULT_CHURN_EVENTS, name)
    }

    /// Whether a track event of this name is a purchase.
    pub fn is_purchase_event(&self, name: &str) -> bool {
        named(&self.purchase_events, Self::DEFAULT_PURCHASE_EVENTS, name)
    }
}

/// `name` is in `list`, or in `defaults` when `list` is empty.
fn named(list: &[String], defaults: &[&str], name: &str) -> bool {
    if list.is_empty() {
        defaults.contains(&name)
    } else {
        list.iter().any(|n| n == name)
    }
}

/// Locales the UI ships messages for.
pub const LOCALES: &[&str] = &["en", "nb", "sv", "da", "fi"];

fn default_locale() -> String {
    "en".to_owned()
}

fn default_currency() -> String {
    "EUR".to_owned()
}

impl Workspace {
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }
    pub fn journey(&self, id: &str) -> Option<&Journey> {
        self.journeys.iter().find(|j| j.id == id)
    }
    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.touchpoints.iter().find(|t| t.id == id)
    }
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
}
