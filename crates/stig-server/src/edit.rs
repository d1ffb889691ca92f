//! Every change to the design model goes through here, from forms and the API alike:
//! apply it to the workspace in memory → validate with `stig_model::validate` (the same rules
//! as `stig check`) → refuse if it adds an error → one store call, guarded by the version
//! the editor started from (a concurrent edit gets a conflict, never a silent overwrite).

use std::collections::HashSet;

use stig_model::{
    Actor, Dilemma, Goal, Journey, Moment, Origin, Persona, Severity, Touchpoint, Workspace,
};

use stig_store::AuditAction;

use crate::audit;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// A top-level entity of a workspace (the store's [`stig_store::Entity`]: its kind and id),
/// and where it sits in a [`Workspace`] for validation.
pub trait Entity: stig_store::Entity + Clone {
    fn all(ws: &mut Workspace) -> &mut Vec<Self>;
    fn list(ws: &Workspace) -> &[Self];
    fn origin(index: usize) -> Origin;
}

macro_rules! entity {
    ($t:ty, $field:ident, $origin:ident) => {
        impl Entity for $t {
            fn all(ws: &mut Workspace) -> &mut Vec<Self> {
                &mut ws.$field
            }
            fn list(ws: &Workspace) -> &[Self] {
                &ws.$field
            }
            fn origin(index: usize) -> Origin {
                Origin::$origin(index)
            }
        }
    };
}

entity!(Persona, personas, Persona);
entity!(Journey, journeys, Journey);
entity!(Touchpoint, touchpoints, Touchpoint);
entity!(Actor, actors, Actor);
entity!(Goal, goals, Goal);
entity!(Dilemma, dilemmas, Dilemma);
entity!(Moment, moments, Moment);

/// Creates (`original_id = None`) or replaces (possibly renaming) an entity. Returns its new version.
pub async fn save<T: Entity>(
    state: &AppState,
    ws_id: &str,
    original_id: Option<&str>,
    value: T,
    expected_version: Option<i64>,
    by: &str,
) -> Result<i64, AppError> {
    let before = state.store.load_workspace(ws_id).await?.value;
    let mut after = before.clone();
    let list = T::all(&mut after);
    let index = match original_id {
        Some(id) => {
            let i = list.iter().position(|e| e.id() == id).ok_or_else(|| {
                AppError::NotFound(format!(
                    "{} `{id}` does not exist in `{ws_id}`",
                    T::KIND.as_str()
                ))
            })?;
            list[i] = value.clone();
            i
        }
        None => {
            if list.iter().any(|e| e.id() == value.id()) {
                return Err(AppError::Conflict(format!(
                    "{} `{}` already exists in `{ws_id}`: choose another id",
                    T::KIND.as_str(),
                    value.id()
                )));
            }
            list.push(value.clone());
            list.len() - 1
        }
    };
    check(&before, &after, T::origin(index))?;
    let body = serde_json::to_value(&value).map_err(|e| AppError::Internal(e.to_string()))?;
    // The audit entry's diff: the entity as it was (a new one has none).
    let (action, detail) = match original_id.and_then(|_| T::list(&before).get(index)) {
        Some(old) => {
            let old = serde_json::to_value(old).unwrap_or_default();
            (AuditAction::EntityUpdated, audit::diff(&old, &body))
        }
        None => (AuditAction::EntityCreated, serde_json::Value::Null),
    };
    let version = match (original_id, expected_version) {
        (Some(id), Some(v)) => {
            state
                .store
                .update_entity(ws_id, T::KIND, id, body, v, by)
                .await?
        }
        (Some(id), None) => {
            let current = state.store.get_entity(ws_id, T::KIND, id).await?.version;
            state
                .store
                .update_entity(ws_id, T::KIND, id, body, current, by)
                .await?
        }
        (None, _) => {
            state
                .store
                .create_entity(ws_id, T::KIND, value.id(), body, by)
                .await?
        }
    };
    let target = audit::target(T::KIND.as_str(), value.id());
    audit::record_by_name(state, by, action, Some(ws_id), target, detail).await;
    Ok(version)
}

/// Deletes an entity, unless something still refers to it.
pub async fn delete<T: Entity>(
    state: &AppState,
    ws_id: &str,
    id: &str,
    expected_version: Option<i64>,
    by: &str,
) -> Result<(), AppError> {
    let before = state.store.load_workspace(ws_id).await?.value;
    let mut after = before.clone();
    let list = T::all(&mut after);
    let Some(i) = list.iter().position(|e| e.id() == id) else {
        return Err(AppError::NotFound(format!(
            "{} `{id}` does not exist in `{ws_id}`",
            T::KIND.as_str()
        )));
    };
    list.remove(i);
    check(&before, &after, Origin::Workspace)?;
    let version = match expected_version {
        Some(v) => v,
        None => state.store.get_entity(ws_id, T::KIND, id).await?.version,
    };
    state
        .store
        .delete_entity(ws_id, T::KIND, id, version, by)
        .await?;
    let target = audit::target(T::KIND.as_str(), id);
    let (deleted, none) = (AuditAction::EntityDeleted, serde_json::Value::Null);
    audit::record_by_name(state, by, deleted, Some(ws_id), target, none).await;
    Ok(())
}

/// Refuses `after` if it has errors `before` did not: a change may not break the workspace,
/// but an existing problem elsewhere does not block unrelated edits.
pub fn check(before: &Workspace, after: &Workspace, changed: Origin) -> Result<(), AppError> {
    let key = |d: &stig_model::Diagnostic| (d.code, d.message.clone());
    let old: HashSet<_> = stig_model::validate(before)
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(key)
        .collect();
    let new: Vec<FieldError> = stig_model::validate(after)
        .into_iter()
        .filter(|d| d.severity() == Severity::Error && !old.contains(&key(d)))
        .map(|d| {
            let field = if d.location.origin == changed {
                d.location.to_string()
            } else {
                String::new()
            };
            let mut message = d.message.clone();
            if let Some(s) = &d.suggestion {
                message.push_str(&format!(" (did you mean `{s}`?)"));
            }
            FieldError { field, message }
        })
        .collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(new))
    }
}
