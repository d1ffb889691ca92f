//! Dilemmas: choices that trade satisfaction against cost and the environment.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dilemma {
    pub id: String,
    /// The question ("Champagne in a real glass or in plastic?").
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey: Option<String>,
    /// A step of `journey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The chosen option's id, once decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
    /// Why it was chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(rename = "option", default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<DilemmaOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DilemmaOption {
    pub id: String,
    pub name: String,
    /// Effect on satisfaction per persona, −2…+2.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub satisfaction: BTreeMap<String, i8>,
    /// Cost per occurrence, in the workspace currency.
    pub cost: f64,
    /// Emissions per occurrence, kilograms CO2-equivalent.
    pub co2e_kg: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl DilemmaOption {
    /// Mean satisfaction effect across the personas it names (0 when none).
    pub fn mean_satisfaction(&self) -> f64 {
        if self.satisfaction.is_empty() {
            return 0.0;
        }
        self.satisfaction
            .values()
            .map(|&v| f64::from(v))
            .sum::<f64>()
            / self.satisfaction.len() as f64
    }
}
