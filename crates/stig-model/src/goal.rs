//! The customer's goal tree: goals and sub-goals, linked to journeys, steps, actors and channels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Channel;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub name: String,
    /// The goal this one serves; `None` for a root goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journeys: Vec<String>,
    /// Steps as `journey-id/step-id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Channels customers use to pursue this goal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}
