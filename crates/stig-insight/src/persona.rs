//! Which designed persona a customer is, from their traits.
//!
//! A `persona` trait naming a persona (id or name) wins. Otherwise their `loves` and `hates`
//! traits are compared with each persona's: a shared love or hate counts for, a love the
//! persona hates (or the reverse) against, and the best positive score wins. A tie or no
//! signal leaves the customer without a persona rather than guessing.

use serde_json::{Map, Value};
use stig_model::Workspace;

/// The index of the customer's persona in `ws.personas`.
pub fn assign(ws: &Workspace, traits: &Map<String, Value>) -> Option<usize> {
    if let Some(named) = traits.get("persona").and_then(Value::as_str) {
        let named = named.trim();
        if let Some(i) = ws
            .personas
            .iter()
            .position(|p| p.id == named || p.name.eq_ignore_ascii_case(named))
        {
            return Some(i);
        }
    }
    let list = |key: &str| -> Vec<String> {
        traits
            .get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|s| s.trim().to_lowercase())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (loves, hates) = (list("loves"), list("hates"));
    if loves.is_empty() && hates.is_empty() {
        return None;
    }
    let count = |mine: &[String], theirs: &[String]| {
        mine.iter()
            .filter(|m| theirs.iter().any(|t| t.trim().to_lowercase() == **m))
            .count() as i64
    };
    let scores: Vec<i64> = ws
        .personas
        .iter()
        .map(|p| {
            count(&loves, &p.loves) + count(&hates, &p.hates)
                - count(&loves, &p.hates)
                - count(&hates, &p.loves)
        })
        .collect();
    let best = *scores.iter().max()?;
    (best > 0 && scores.iter().filter(|&&s| s == best).count() == 1)
        .then(|| scores.iter().position(|&s| s == best))
        .flatten()
}
