//! One person as the store holds them, found by any id: every id stitched to theirs and all
//! their stored events. Erasure ([`crate::erase`]) and the person export start here.
//!
//! Ids are stitched as the customer stages stitch them (`stig_pipeline::customers::identity`):
//! an event carrying a user id and an anonymous id joins them, and an `alias` joins
//! `previousId` to `userId`. The closure is walked through the id indexes (`events_for`) plus
//! one filtered read of the workspace's alias calls, never a scan of every event.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use stig_store::{EventFilter, Store, StoreError, StoredEvent};

use crate::events::EventStream;

/// Aliases read per page.
const PAGE: u32 = 5_000;
/// A person with more ids than this is refused (a shared device id stitching half the
/// customers together is a data problem to look at, not something to erase blindly).
pub const MAX_IDS: usize = 1_000;

/// Everything stored under one person's ids.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// The id asked for first, then the others in order.
    pub ids: Vec<String>,
    /// E-mail addresses found in their traits (looked for in kept refused requests).
    pub emails: Vec<String>,
    /// Their stored events, oldest first (by time, then arrival).
    pub events: Vec<StoredEvent>,
}

/// The person id `id` belongs to in workspace `ws`, with every id stitched to it; `None`
/// when no stored event names it. `Invalid` past [`MAX_IDS`] ids.
pub async fn resolve(store: &dyn Store, ws: &str, id: &str) -> Result<Option<Person>, StoreError> {
    let aliases = aliases(store, ws).await?;
    let mut ids: BTreeSet<String> = BTreeSet::from([id.to_owned()]);
    let mut order = vec![id.to_owned()];
    let mut frontier = vec![id.to_owned()];
    let mut events: HashMap<String, StoredEvent> = HashMap::new();
    while let Some(next) = frontier.pop() {
        let mut found: Vec<String> = aliases.get(&next).cloned().unwrap_or_default();
        for e in store.events_for(ws, &next).await? {
            found.extend(e.user_id.iter().chain(&e.anonymous_id).cloned());
            if let Some(previous) = e.body.get("previousId").and_then(Value::as_str) {
                found.push(previous.to_owned());
            }
            events.entry(e.message_id.clone()).or_insert(e);
        }
        for other in found {
            if !other.is_empty() && ids.insert(other.clone()) {
                order.push(other.clone());
                frontier.push(other);
            }
        }
        if ids.len() > MAX_IDS {
            return Err(StoreError::Invalid(format!(
                "`{id}` is stitched to more than {MAX_IDS} ids in `{ws}`: look at the identity data before erasing"
            )));
        }
    }
    if events.is_empty() {
        return Ok(None);
    }
    let mut events: Vec<StoredEvent> = events.into_values().collect();
    events.sort_by(|a, b| {
        a.timestamp
            .cmp(&b.timestamp)
            .then(a.received_at.cmp(&b.received_at))
    });
    let emails = emails(&events);
    Ok(Some(Person {
        ids: order,
        emails,
        events,
    }))
}

/// Both directions of every alias call in the workspace: id → the ids it was aliased with.
async fn aliases(store: &dyn Store, ws: &str) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let filter = EventFilter {
        types: vec!["alias".into()],
        ..EventFilter::default()
    };
    let mut stream = EventStream::new(ws, 0, PAGE).matching(filter);
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    while let Some(page) = stream.next_page(store).await? {
        for (_, text) in page {
            let Ok(v) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let (Some(user), Some(previous)) = (
                v.get("userId").and_then(Value::as_str),
                v.get("previousId").and_then(Value::as_str),
            ) else {
                continue;
            };
            out.entry(user.to_owned())
                .or_default()
                .push(previous.to_owned());
            out.entry(previous.to_owned())
                .or_default()
                .push(user.to_owned());
        }
    }
    Ok(out)
}

/// E-mail addresses among the traits their events carried (`traits`, `context.traits`).
fn emails(events: &[StoredEvent]) -> Vec<String> {
    let mut out = BTreeSet::new();
    for e in events {
        for traits in [e.body.get("traits"), e.body.pointer("/context/traits")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            for value in traits.values().filter_map(Value::as_str) {
                let value = value.trim();
                if value.len() > 3 && value.contains('@') && !value.contains(char::is_whitespace) {
                    out.insert(value.to_owned());
                }
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_traits_are_found_in_both_places() {
        let event = |body: Value| StoredEvent {
            message_id: "m".into(),
            kind: "identify".into(),
            user_id: Some("u".into()),
            anonymous_id: None,
            event: None,
            timestamp: jiff::Timestamp::UNIX_EPOCH,
            received_at: jiff::Timestamp::UNIX_EPOCH,
            body,
            source: None,
        };
        let found = emails(&[
            event(serde_json::json!({"traits": {"email": "kari@example.no", "name": "Kari"}})),
            event(serde_json::json!({"context": {"traits": {"mail": " ola@example.no "}}})),
        ]);
        assert_eq!(found, ["kari@example.no", "ola@example.no"]);
    }
}
