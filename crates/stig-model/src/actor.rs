//! Actors around the customer: partners and public bodies (and units of the company itself).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A unit of the company itself.
    Own,
    /// A commercial partner (airline, safari operator, estate agent).
    Partner,
    /// A public actor (airport, roads authority, national park, municipality).
    Public,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Own => "own",
            ActorKind::Partner => "partner",
            ActorKind::Public => "public",
        }
    }
}
