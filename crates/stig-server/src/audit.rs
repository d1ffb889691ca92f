//! Recording staff actions in the audit log (the store's `audit.rs` keeps the chain).
//!
//! The one call every handler makes, after the action succeeded:
//!
//! ```ignore
//! audit::record(&state, &user, AuditAction::RoleChanged, None,
//!     audit::target("user", &name), json!({"role": {"old": "viewer", "new": "editor"}})).await;
//! ```
//!
//! `record(state: &AppState, actor: impl Into<AuditActor>, action: AuditAction,
//! workspace: Option<&str>, target: Option<AuditTarget>, detail: serde_json::Value)`.
//! `actor` is a `&User` (a session or API user), or an [`AuditActor`] (`Cli`, `System`,
//! `Anonymous { attempted }` for a failed login). It never fails the request: an append that
//! fails is logged (without the detail) and the answer goes out. The client's address comes
//! from the request being handled ([`client_scope`]); nothing to pass.
//!
//! What goes in `detail`: what explains the action, never a secret's value, never a
//! customer's personal data (ids of people erased or exported are the eraser's business:
//! counts and hashes only). [`diff`] makes the compact before/after of a design edit.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};
use stig_store::{AuditAction, AuditActor, AuditTarget, NewAuditEntry};

use crate::client_addr::ClientAddr;
use crate::state::AppState;

tokio::task_local! {
    /// The client's address of the request being handled.
    static CLIENT: Option<String>;
}

/// Middleware (inside `forwarded_headers`): makes the request's client address available to
/// [`record`] for as long as the handler runs.
pub async fn client_scope(req: Request, next: Next) -> Response {
    let client = req
        .extensions()
        .get::<ClientAddr>()
        .map(|ClientAddr(ip)| ip.to_string());
    CLIENT.scope(client, next.run(req)).await
}

/// The client's address of the request being handled, if any.
fn current_client() -> Option<String> {
    CLIENT.try_with(Clone::clone).ok().flatten()
}

/// A target: an entity kind and its id.
pub fn target(kind: &str, id: &str) -> Option<AuditTarget> {
    Some(AuditTarget::new(kind, id))
}

/// Appends an entry; never fails (see the module docs).
pub async fn record(
    state: &AppState,
    actor: impl Into<AuditActor>,
    action: AuditAction,
    workspace: Option<&str>,
    target: Option<AuditTarget>,
    detail: Value,
) {
    let entry = NewAuditEntry {
        actor: actor.into(),
        action,
        workspace: workspace.map(str::to_owned),
        target,
        detail,
        client: current_client(),
    };
    if let Err(e) = state.store.append_audit(&entry).await {
        tracing::error!(action = action.as_str(), error = %e, "audit entry not recorded");
    }
}

/// A sign-in or sign-out (`Login`, `Logout`, `SsoLogin`) of `user`.
pub async fn signed(state: &AppState, user: &stig_store::User, action: AuditAction) {
    record(state, user, action, None, None, Value::Null).await;
}

/// A refused sign-in: the name that was typed (what a security team needs; never the
/// password) and why.
pub async fn login_failed(state: &AppState, attempted: &str, why: &str) {
    let actor = AuditActor::Anonymous {
        attempted: attempted.chars().take(100).collect(),
    };
    let detail = serde_json::json!({ "reason": why });
    record(state, actor, AuditAction::LoginFailed, None, None, detail).await;
}

/// A user made by `by` (`cli` from the command line), with the role it got.
pub async fn user_created(state: &AppState, by: impl Into<AuditActor>, user: &stig_store::User) {
    let detail = serde_json::json!({ "role": user.role.as_str() });
    let target = target("user", &user.name);
    record(state, by, AuditAction::UserCreated, None, target, detail).await;
}

/// `user`'s role changed from the one it had to `role`.
pub async fn role_changed(
    state: &AppState,
    by: impl Into<AuditActor>,
    user: &stig_store::User,
    role: stig_store::Role,
) {
    let detail = serde_json::json!({ "role": { "old": user.role.as_str(), "new": role.as_str() } });
    let target = target("user", &user.name);
    record(state, by, AuditAction::RoleChanged, None, target, detail).await;
}

/// `user` did `action` to `what` (a kind and an id) in workspace `ws`, if any; nothing more
/// to say than that.
pub async fn did(
    state: &AppState,
    user: &stig_store::User,
    action: AuditAction,
    ws: Option<&str>,
    what: (&str, &str),
) {
    let target = target(what.0, what.1);
    record(state, user, action, ws, target, Value::Null).await;
}

/// [`record`] for an action known by the user's name only (what the design edits carry):
/// the user's id is looked up; a name that is no user (an import's `cli`) is kept as it is.
pub async fn record_by_name(
    state: &AppState,
    name: &str,
    action: AuditAction,
    workspace: Option<&str>,
    target: Option<AuditTarget>,
    detail: Value,
) {
    let actor = match state.store.find_user_by_name(name).await {
        Ok(Some(user)) => AuditActor::from(&user),
        _ => AuditActor::Named {
            name: name.to_owned(),
        },
    };
    record(state, actor, action, workspace, target, detail).await;
}

/// The most changes one diff lists; more are counted, not listed.
const MAX_CHANGES: usize = 40;
/// Longer strings are cut in a diff (the entity itself has the whole text).
const MAX_TEXT: usize = 200;

/// A compact diff of two JSON values: `{"<path>": {"old": …, "new": …}}` for each changed
/// leaf (paths like `steps.2.action`; a value missing on one side is `null`), at most
/// [`MAX_CHANGES`] of them plus `"…": <how many more>`. Arrays of different lengths and
/// values of different types are one change at their path.
pub fn diff(before: &Value, after: &Value) -> Value {
    let mut changes = Map::new();
    let mut more = 0usize;
    walk("", before, after, &mut changes, &mut more);
    if more > 0 {
        changes.insert("…".into(), Value::from(more));
    }
    Value::Object(changes)
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Map<String, Value>, more: &mut usize) {
    if a == b {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let (va, vb) = (
                    x.get(k.as_str()).unwrap_or(&Value::Null),
                    y.get(k.as_str()).unwrap_or(&Value::Null),
                );
                walk(&join(k), va, vb, out, more);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                walk(&join(&i.to_string()), va, vb, out, more);
            }
        }
        _ => {
            if out.len() >= MAX_CHANGES {
                *more += 1;
                return;
            }
            let key = if path.is_empty() { "." } else { path };
            out.insert(
                key.to_owned(),
                serde_json::json!({"old": shorten(a), "new": shorten(b)}),
            );
        }
    }
}

/// A value as it goes into a diff: long strings cut, big structures summarized.
fn shorten(v: &Value) -> Value {
    match v {
        Value::String(s) if s.chars().count() > MAX_TEXT => {
            Value::String(format!("{}…", s.chars().take(MAX_TEXT).collect::<String>()))
        }
        Value::Array(items) if v.to_string().len() > MAX_TEXT => {
            Value::String(format!("[{} items]", items.len()))
        }
        Value::Object(fields) if v.to_string().len() > MAX_TEXT => {
            Value::String(format!("{{{} fields}}", fields.len()))
        }
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_diff_names_each_changed_leaf_with_old_and_new() {
        let before = json!({"name": "Aurora", "steps": [{"action": "a"}, {"action": "b"}], "x": 1});
        let after =
            json!({"name": "Aurora trip", "steps": [{"action": "a"}, {"action": "c"}], "y": 2});
        assert_eq!(
            diff(&before, &after),
            json!({
                "name": {"old": "Aurora", "new": "Aurora trip"},
                "steps.1.action": {"old": "b", "new": "c"},
                "x": {"old": 1, "new": null},
                "y": {"old": null, "new": 2},
            })
        );
        assert_eq!(diff(&before, &before), json!({}));
    }

    #[test]
    fn a_diff_stays_compact() {
        let long = "x".repeat(500);
        let d = diff(&json!({"a": "short"}), &json!({"a": long}));
        assert_eq!(d["a"]["new"].as_str().map(|s| s.chars().count()), Some(201));
        let before: Map<String, Value> = (0..100).map(|i| (format!("k{i:03}"), json!(i))).collect();
        let d = diff(&Value::Object(before), &json!({}));
        assert_eq!(d.as_object().map(Map::len), Some(MAX_CHANGES + 1));
        assert_eq!(d["…"], json!(60));
    }
}
