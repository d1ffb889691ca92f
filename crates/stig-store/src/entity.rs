//! The six kinds of entity a workspace holds, and the mapping between a kind's JSON body and
//! its `stig_model` type.

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use stig_model::{Actor, Dilemma, Goal, Journey, Moment, Persona, Touchpoint};

use crate::{Result, StoreError};

/// The kind of a stored entity; stored (and serialized) as its lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Persona,
    Journey,
    Touchpoint,
    Actor,
    Goal,
    Dilemma,
    Moment,
}

impl EntityKind {
    /// Every kind, in the order `Workspace` lists them.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Persona,
        EntityKind::Journey,
        EntityKind::Touchpoint,
        EntityKind::Actor,
        EntityKind::Goal,
        EntityKind::Dilemma,
        EntityKind::Moment,
    ];

    /// `"persona"`, `"journey"`, `"touchpoint"`, `"actor"`, `"goal"`, `"dilemma"` or `"moment"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Persona => "persona",
            EntityKind::Journey => "journey",
            EntityKind::Touchpoint => "touchpoint",
            EntityKind::Actor => "actor",
            EntityKind::Goal => "goal",
            EntityKind::Dilemma => "dilemma",
            EntityKind::Moment => "moment",
        }
    }

    /// Checks that `body` is a valid model value of this kind and returns its id and its
    /// canonical JSON (the model type serialized again, so defaults are filled in and stored
    /// bodies always read back).
    pub(crate) fn canonical(self, body: serde_json::Value) -> Result<(String, String)> {
        match self {
            EntityKind::Persona => canonical::<Persona>(body),
            EntityKind::Journey => canonical::<Journey>(body),
            EntityKind::Touchpoint => canonical::<Touchpoint>(body),
            EntityKind::Actor => canonical::<Actor>(body),
            EntityKind::Goal => canonical::<Goal>(body),
            EntityKind::Dilemma => canonical::<Dilemma>(body),
            EntityKind::Moment => canonical::<Moment>(body),
        }
    }
}

fn canonical<T: Entity>(body: serde_json::Value) -> Result<(String, String)> {
    let value: T = serde_path_to_error::deserialize(body).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(" at `{path}`")
        };
        StoreError::Invalid(format!("not a valid {}{at}: {}", T::KIND, e.into_inner()))
    })?;
    Ok((value.id().to_owned(), to_json(&value)?))
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "`{s}` is not an entity kind (persona, journey, touchpoint, actor, goal, dilemma, moment)"
                ))
            })
    }
}

/// A `stig_model` type stored as an entity: it knows its kind and its id. Implemented for
/// [`Persona`], [`Journey`], [`Touchpoint`], [`Actor`], [`Goal`] and [`Dilemma`]; it is what
/// the typed helpers of [`StoreExt`](crate::StoreExt) are generic over.
pub trait Entity: Serialize + DeserializeOwned + Send + Sync + 'static {
    const KIND: EntityKind;
    fn id(&self) -> &str;
}

macro_rules! entity {
    ($($ty:ident => $kind:ident),* $(,)?) => {$(
        impl Entity for $ty {
            const KIND: EntityKind = EntityKind::$kind;
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

entity! {
    Persona => Persona,
    Journey => Journey,
    Touchpoint => Touchpoint,
    Actor => Actor,
    Goal => Goal,
    Dilemma => Dilemma,
    Moment => Moment,
}
