//! Touchpoint matching: which designed touchpoints an event is a sign of.
//!
//! Each touchpoint lists its signals in the journey model: an event name and property
//! conditions that must all hold (`{ event = "Order Completed", where = { channel = "web" } }`).
//! A track event matches by its event name, a page or screen by its name.

use std::collections::HashMap;

use serde_json::{Map, Value};
use stig_model::{PropertyValue, Signal, Workspace};

/// The signals of a workspace's touchpoints, by event name.
#[derive(Debug, Default)]
pub struct TouchpointMatcher {
    by_event: HashMap<String, Vec<(usize, Signal)>>,
    ids: Vec<String>,
}

impl TouchpointMatcher {
    pub fn new(ws: &Workspace) -> Self {
        let mut by_event: HashMap<String, Vec<(usize, Signal)>> = HashMap::new();
        for (i, tp) in ws.touchpoints.iter().enumerate() {
            for signal in &tp.signals {
                by_event
                    .entry(signal.event.clone())
                    .or_default()
                    .push((i, signal.clone()));
            }
        }
        TouchpointMatcher {
            by_event,
            ids: ws.touchpoints.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// The touchpoints (indices into the workspace's) an event named `name` with these
    /// properties is a sign of, each once, in workspace order.
    pub fn matches(&self, name: &str, properties: &Map<String, Value>) -> Vec<usize> {
        let mut hits: Vec<usize> = self
            .by_event
            .get(name)
            .into_iter()
            .flatten()
            .filter(|(_, signal)| {
                signal
                    .conditions
                    .iter()
                    .all(|(key, want)| properties.get(key).is_some_and(|v| holds(want, v)))
            })
            .map(|(i, _)| *i)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// Whether any signal is an event of this name.
    pub fn knows(&self, name: &str) -> bool {
        self.by_event.contains_key(name)
    }

    /// The id of a touchpoint by index.
    pub fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    /// The index of a touchpoint by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|t| t == id)
    }
}

/// Whether a property value satisfies a condition: equal, numbers compared as numbers.
pub fn holds(want: &PropertyValue, got: &Value) -> bool {
    match (want, got) {
        (PropertyValue::Bool(w), Value::Bool(g)) => w == g,
        (PropertyValue::Text(w), Value::String(g)) => w == g,
        (PropertyValue::Integer(w), Value::Number(g)) => g.as_f64() == Some(*w as f64),
        (PropertyValue::Float(w), Value::Number(g)) => g.as_f64() == Some(*w),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_signal_matches_its_event_when_every_condition_holds() {
        let touchpoints = serde_json::from_value(json!([
                {"id": "web", "name": "Web", "channel": "web", "mode": "digital", "owner": "own",
                 "discipline": "deliver",
                 "signal": [{"event": "Order Completed", "where": {"channel": "web", "step": 2}}]},
                {"id": "any", "name": "Any", "channel": "web", "mode": "digital", "owner": "own",
                 "discipline": "deliver", "signal": [{"event": "Order Completed"}]}
        ]))
        .expect("touchpoints");
        let ws = Workspace {
            touchpoints,
            ..Workspace::default()
        };
        let m = TouchpointMatcher::new(&ws);
        let props = |v: Value| v.as_object().cloned().unwrap_or_default();
        assert_eq!(
            m.matches(
                "Order Completed",
                &props(json!({"channel": "web", "step": 2.0}))
            ),
            [0, 1]
        );
        assert_eq!(
            m.matches(
                "Order Completed",
                &props(json!({"channel": "app", "step": 2}))
            ),
            [1]
        );
        assert!(m.matches("Order Viewed", &Map::new()).is_empty());
    }
}
