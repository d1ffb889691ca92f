//! Personas: customer types defined by what they love and hate, not by demographics.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A customer type. `loves` and `hates` are what define it; `demographics` is kept apart on
/// purpose, so that reports can show how little it predicts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub motivation: String,
    /// The motive behind the stated motivation ("wants to be seen as adventurous").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub real_motive: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dreams: Vec<String>,
    /// Who they travel or buy with ("partner", "two teenagers").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loves: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hates: Vec<String>,
    #[serde(default, skip_serializing_if = "Demographics::is_empty")]
    pub demographics: Demographics,
}

/// Optional demographic description, deliberately separate from what defines the persona.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Demographics {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
}

impl Demographics {
    pub fn is_empty(&self) -> bool {
        self == &Demographics::default()
    }
}

impl Persona {
    /// True when the persona says something about who they are beyond demographics.
    pub fn has_psychographics(&self) -> bool {
        !(self.loves.is_empty()
            && self.hates.is_empty()
            && self.motivation.is_empty()
            && self.real_motive.is_empty()
            && self.needs.is_empty()
            && self.dreams.is_empty())
    }
}
