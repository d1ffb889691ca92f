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

/// What signals the touchpoint: an event by name, a page view by path or URL, a campaign, or
/// these together; every part given must hold.
///
/// With `event`, events of that name match (a track call's event, a page or screen call's
/// name); without it, page views (page calls) do. `page` and the `utm_*` keys read the page
/// and campaign context browser SDKs send with every call (`context.page`,
/// `context.campaign`; a page call's own properties first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// The event name (`"Order Completed"`); none: any page view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// A pattern for the page the event happened on: a path (`/booking/*`) or a full URL
    /// (`https://shop.example.no/checkout*`); see [`PagePattern`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The campaign source (`utm_source`, `context.campaign.source`), compared without case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    /// The campaign medium (`utm_medium`, `context.campaign.medium`), compared without case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_medium: Option<String>,
    /// The campaign name (`utm_campaign`, `context.campaign.name`), compared without case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_campaign: Option<String>,
    #[serde(rename = "where", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, PropertyValue>,
}

impl Signal {
    /// A signal for events of this name, without conditions.
    pub fn event(name: impl Into<String>) -> Self {
        Signal {
            event: Some(name.into()),
            ..Signal::default()
        }
    }

    /// Whether the signal says anything at all (an empty one would match every page view).
    pub fn is_empty(&self) -> bool {
        self.event.is_none()
            && self.page.is_none()
            && self.utm_source.is_none()
            && self.utm_medium.is_none()
            && self.utm_campaign.is_none()
            && self.conditions.is_empty()
    }

    /// The campaign keys given, as (`utm_*` key, wanted value).
    pub fn campaign(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("utm_source", &self.utm_source),
            ("utm_medium", &self.utm_medium),
            ("utm_campaign", &self.utm_campaign),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }

    /// Reads a signal written as a TOML inline table, as in `touchpoints.toml`:
    /// `{ page = "/booking/*", utm_medium = "email" }` (for one-line editors).
    pub fn from_inline(text: &str) -> Result<Signal, String> {
        #[derive(Deserialize)]
        struct Line {
            signal: Signal,
        }
        toml::from_str::<Line>(&format!("signal = {}", text.trim()))
            .map(|l| l.signal)
            .map_err(|e| format!("`{}`: {}", text.trim(), e.message()))
    }

    /// The signal as a TOML inline table ([`from_inline`](Self::from_inline) reads it back).
    pub fn to_inline(&self) -> String {
        // A signal is strings, numbers and booleans in tables: always representable.
        toml::Value::try_from(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }
}

/// A page pattern of a signal, compiled.
///
/// The grammar (a glob, as in `.gitignore`): a pattern starting with `/` is matched against
/// the page's path, one starting with `http://` or `https://` against its whole URL; the
/// query (`?…`) and fragment (`#…`) are never part of what is matched. `*` matches any run of
/// characters within one path segment (not `/`), `**` any run across segments (`/booking/**`
/// is everything below `/booking/`), `?` one character other than `/`, `[abc]`, `[a-z]` and
/// `[!abc]` one character of (or not of) a set, `{a,b}` either alternative; `\` escapes the
/// next character. Everything else is itself, case and all.
#[derive(Debug, Clone)]
pub struct PagePattern {
    matcher: globset::GlobMatcher,
    url: bool,
}

impl PagePattern {
    /// Compiles a pattern, or says what is wrong with it.
    pub fn new(pattern: &str) -> Result<PagePattern, String> {
        if pattern.trim().is_empty() {
            return Err("an empty page pattern matches no page".into());
        }
        let url = pattern.starts_with("http://") || pattern.starts_with("https://");
        if !url && !pattern.starts_with('/') {
            return Err(format!(
                "page pattern `{pattern}` must start with `/` (a path, e.g. `/booking/*`) or \
                 `https://` (a whole URL)"
            ));
        }
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("page pattern `{pattern}` does not parse: {}", e.kind()))?;
        Ok(PagePattern {
            matcher: glob.compile_matcher(),
            url,
        })
    }

    /// Whether the pattern is for whole URLs (else for paths).
    pub fn is_url(&self) -> bool {
        self.url
    }

    /// Whether a page (its path and URL, as sent) matches.
    pub fn matches(&self, path: Option<&str>, url: Option<&str>) -> bool {
        let target = if self.url {
            url
        } else {
            path.or(url.and_then(path_of))
        };
        target.is_some_and(|t| self.matcher.is_match(strip_query(t)))
    }
}

/// A URL without its query and fragment.
fn strip_query(s: &str) -> &str {
    s.split(['?', '#']).next().unwrap_or(s)
}

/// The path of a full URL (`https://host/a/b?x` → `/a/b?x`).
fn path_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.find('/').map_or("/", |i| &rest[i..]))
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
