//! Journeys: phases → stages → steps, with the emotional and functional elements of each step.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One designed journey of a customer towards a goal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    pub id: String,
    pub name: String,
    /// The customer's goal in this journey ("see the northern lights, safely").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    #[serde(default)]
    pub state: JourneyState,
    /// For a to-be journey: the as-is journey it improves on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_is: Option<String>,
    /// Personas this journey is drawn for (the default overlay on the map).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
    /// Ordered phases. Left out in a file, they default to before / during / after.
    #[serde(rename = "phase", default = "default_phases")]
    pub phases: Vec<Phase>,
    #[serde(rename = "stage", default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(rename = "step", default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// A customer's run of this journey (a journey instance) is abandoned after this many
    /// days without a touchpoint of it (default [`Journey::DEFAULT_ABANDON_AFTER_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_after_days: Option<u32>,
    /// The step whose reaching completes a run of this journey (default: the last step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_at: Option<String>,
}

impl Journey {
    pub const DEFAULT_ABANDON_AFTER_DAYS: u32 = 30;

    /// Days of inactivity after which a run of this journey is abandoned.
    pub fn abandon_after_days(&self) -> u32 {
        self.abandon_after_days
            .unwrap_or(Self::DEFAULT_ABANDON_AFTER_DAYS)
    }

    /// The step that completes a run (`None` for a journey without steps): `complete_at`,
    /// else the last step in display order.
    pub fn completion_step(&self) -> Option<&Step> {
        match &self.complete_at {
            Some(id) => self.steps.iter().find(|s| &s.id == id),
            None => self.ordered_steps().last().copied(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum JourneyState {
    #[default]
    AsIs,
    ToBe,
}

/// A phase of the journey; ids `before`, `during` and `after` carry the method's meaning
/// (the after phase is where follow-up lives) whatever the phase is named.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub name: String,
}

/// A stage groups consecutive steps inside one phase.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub phase: String,
    pub name: String,
}

/// One step of the customer: what they do, where (touchpoints) and how it feels.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub stage: String,
    /// What the customer does ("books the flight").
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sub_goal: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<String>,
    /// Actors involved in this step besides the touchpoints' owners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Functional elements: entry criteria the step must meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functional: Vec<String>,
    /// Emotional elements: the winning criteria.
    #[serde(rename = "emotion", default, skip_serializing_if = "Vec::is_empty")]
    pub emotions: Vec<EmotionalElement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// An emotional element: felt through a sense or an intangible, with a designed valence
/// from −2 (very negative) to +2 (very positive) that may differ per persona.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmotionalElement {
    pub name: String,
    /// Exactly one of `sense` and `intangible` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sense: Option<Sense>,
    /// An intangible such as safety, cosiness (hygge, koselig) or freedom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intangible: Option<String>,
    pub valence: i8,
    /// Per-persona valence, overriding `valence` for those personas.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub persona_valence: BTreeMap<String, i8>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Sense {
    See,
    Hear,
    Smell,
    Taste,
    Touch,
}

impl Sense {
    pub const ALL: [Sense; 5] = [
        Sense::See,
        Sense::Hear,
        Sense::Smell,
        Sense::Taste,
        Sense::Touch,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Sense::See => "see",
            Sense::Hear => "hear",
            Sense::Smell => "smell",
            Sense::Taste => "taste",
            Sense::Touch => "touch",
        }
    }
}

/// Qualitative evidence attached to a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The date, `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_string"
    )]
    // A day or absent: `null` is not taken.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    Quote,
    Observation,
    Interview,
}

/// The method's default phases.
pub fn default_phases() -> Vec<Phase> {
    [
        ("before", "Before"),
        ("during", "During"),
        ("after", "After"),
    ]
    .into_iter()
    .map(|(id, name)| Phase {
        id: id.into(),
        name: name.into(),
    })
    .collect()
}

impl EmotionalElement {
    /// The designed valence for `persona` (its variant if it has one).
    pub fn valence_for(&self, persona: Option<&str>) -> i8 {
        persona
            .and_then(|p| self.persona_valence.get(p).copied())
            .unwrap_or(self.valence)
    }
}

impl Step {
    /// The designed emotion of this step for `persona`: the mean valence of its emotional
    /// elements, or `None` when it has none.
    pub fn designed_emotion(&self, persona: Option<&str>) -> Option<f64> {
        if self.emotions.is_empty() {
            return None;
        }
        let sum: f64 = self
            .emotions
            .iter()
            .map(|e| f64::from(e.valence_for(persona)))
            .sum();
        Some(sum / self.emotions.len() as f64)
    }
}

impl Journey {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
    /// The phase a step belongs to, through its stage.
    pub fn phase_of(&self, step: &Step) -> Option<&Phase> {
        let stage = self.stage(&step.stage)?;
        self.phases.iter().find(|p| p.id == stage.phase)
    }
    /// Steps in display order: phase order first, then stage order, then file order.
    pub fn ordered_steps(&self) -> Vec<&Step> {
        let phase_ix: HashMap<&str, usize> = self
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let stage_ix: HashMap<&str, (usize, usize)> = self
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.id.as_str(),
                    (
                        phase_ix
                            .get(s.phase.as_str())
                            .copied()
                            .unwrap_or(usize::MAX),
                        i,
                    ),
                )
            })
            .collect();
        let mut steps: Vec<(usize, usize, usize, &Step)> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (p, st) = stage_ix
                    .get(s.stage.as_str())
                    .copied()
                    .unwrap_or((usize::MAX, usize::MAX));
                (p, st, i, s)
            })
            .collect();
        steps.sort_by_key(|&(p, st, i, _)| (p, st, i));
        steps.into_iter().map(|(_, _, _, s)| s).collect()
    }
}

/// Accepts a date as a string (`"2025-02-13"`, JSON and TOML) or as a bare TOML date
/// (`2025-02-13`), which people naturally write in TOML.
fn date_or_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<jiff::civil::Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Text(s) => s,
        Raw::Toml(dt) => match (dt.date, dt.time) {
            (Some(date), None) => date.to_string(),
            _ => {
                return Err(serde::de::Error::custom(format!(
                    "`{dt}` is not a plain date; write YYYY-MM-DD"
                )));
            }
        },
    };
    text.parse()
        .map(Some)
        .map_err(|e| serde::de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD): {e}")))
}
