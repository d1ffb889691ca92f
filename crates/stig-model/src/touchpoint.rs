//! Touchpoints: where the company (or a partner, or a public actor) meets the customer.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    pub mode: Mode,
    pub owner: Owner,
    /// The actor behind a partner- or public-owned touchpoint (optional for own ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    pub discipline: Discipline,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Events that signal the customer was here (matched by the collect pipeline).
    #[serde(rename = "signal", default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    /// The survey question asked at this touchpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<Survey>,
}

/// A channel: one of the known vocabulary, or a custom one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Channel {
    Known(KnownChannel),
    Custom(String),
}

macro_rules! known_channels {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// The channel vocabulary Stig knows (each has an icon on the map).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum KnownChannel { $($variant),* }
        impl KnownChannel {
            pub const ALL: &'static [KnownChannel] = &[$(KnownChannel::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $(KnownChannel::$variant => $name),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($name => Some(KnownChannel::$variant),)* _ => None }
            }
        }
    };
}

known_channels! {
    Web => "web",
    App => "app",
    Email => "email",
    Sms => "sms",
    Chat => "chat",
    Phone => "phone",
    Social => "social",
    Advertising => "advertising",
    Print => "print",
    Letter => "letter",
    Invoice => "invoice",
    Store => "store",
    OnSite => "on-site",
    Event => "event",
    Kiosk => "kiosk",
    Signage => "signage",
    Transport => "transport",
    WordOfMouth => "word-of-mouth",
}

impl Channel {
    pub fn as_str(&self) -> &str {
        match self {
            Channel::Known(k) => k.as_str(),
            Channel::Custom(s) => s,
        }
    }
}

impl From<String> for Channel {
    fn from(s: String) -> Self {
        match KnownChannel::parse(&s) {
            Some(k) => Channel::Known(k),
            None => Channel::Custom(s),
        }
    }
}

impl From<Channel> for String {
    fn from(c: Channel) -> Self {
        c.as_str().to_owned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Physical,
    Digital,
}

/// Who owns the touchpoint: the company itself, a partner, or a public actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Own,
    Partner,
    Public,
}

/// Which value discipline the touchpoint serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Discipline {
    Create,
    Communicate,
    Deliver,
}

/// An event that signals the touchpoint: its name and property conditions that must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub event: String,
    #[serde(rename = "where", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, PropertyValue>,
}

/// A property value an event must carry for a signal to match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PropertyValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    pub kind: SurveyKind,
    pub question: String,
}

/// The three standard experience scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SurveyKind {
    /// Net Promoter Score, 0–10.
    Nps,
    /// Customer satisfaction, 1–5.
    Csat,
    /// Customer effort score, 1–7.
    Ces,
}

impl SurveyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Nps => "nps",
            SurveyKind::Csat => "csat",
            SurveyKind::Ces => "ces",
        }
    }
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Own => "own",
            Owner::Partner => "partner",
            Owner::Public => "public",
        }
    }
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Physical => "physical",
            Mode::Digital => "digital",
        }
    }
}

impl Discipline {
    pub fn as_str(self) -> &'static str {
        match self {
            Discipline::Create => "create",
            Discipline::Communicate => "communicate",
            Discipline::Deliver => "deliver",
        }
    }
}

impl JsonSchema for Channel {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Channel".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known: Vec<&str> = KnownChannel::ALL.iter().map(|k| k.as_str()).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "A channel: one of the known vocabulary (drawn with its icon) or any custom word.",
            "examples": known,
        })
    }
}
