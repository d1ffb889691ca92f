//! Preference signals and persona matching.
//!
//! **Signals.** Events named by the workspace's preference rules (`settings.preferences`,
//! e.g. "Product Viewed" +1, "Product Dismissed" −2) carry tags in a property; each adds its
//! weight to every tag, fading with time (half as much after the half-life). A customer's own
//! `loves` and `hates` traits count ±[`STATED`], unfaded: what people say about themselves
//! holds until they say otherwise. The result is one love (> 0) or hate (< 0) score per
//! customer per tag.
//!
//! **Matching.** A persona is a vector over the same tags: +1 for what it loves, −1 for what it
//! hates. A customer's affinity to a persona is the cosine between the two vectors (−1…1):
//! loving what the persona loves and hating what it hates both count for it. The primary
//! persona is the best affinity of at least [`MIN_AFFINITY`] — or a `persona` trait naming one,
//! which wins. The explanation lists the tags that make the match, strongest first.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};
use stig_model::Workspace;

/// The weight of a stated love or hate (a `loves` / `hates` trait).
pub const STATED: f32 = 3.0;
/// Below this affinity a customer has no primary persona: the match is too weak to name.
pub const MIN_AFFINITY: f32 = 0.15;

/// Tags as people write them are matched case- and space-insensitively.
pub fn tag_key(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// The persona a `persona` trait names (by id or name).
pub fn stated(ws: &Workspace, traits: &Map<String, Value>) -> Option<usize> {
    let named = traits.get("persona").and_then(Value::as_str)?.trim();
    ws.personas
        .iter()
        .position(|p| p.id == named || p.name.eq_ignore_ascii_case(named))
}

/// A tag list trait (`loves`, `hates`): strings, or one comma-separated string.
pub fn trait_tags(traits: &Map<String, Value>, key: &str) -> Vec<String> {
    match traits.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(tag_key).collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(tag_key)
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// The personas as vectors over a tag vocabulary.
#[derive(Debug, Clone, Default)]
pub struct PersonaVectors {
    /// Per persona: (tag, +1 or −1), and the vector's length.
    pub vectors: Vec<(Vec<(u16, f32)>, f32)>,
}

impl PersonaVectors {
    /// `intern` maps a tag key to its id in the vocabulary.
    pub fn new(ws: &Workspace, mut intern: impl FnMut(&str) -> u16) -> Self {
        let vectors = ws
            .personas
            .iter()
            .map(|p| {
                let mut v: HashMap<u16, f32> = HashMap::new();
                for l in &p.loves {
                    v.insert(intern(&tag_key(l)), 1.0);
                }
                for h in &p.hates {
                    v.insert(intern(&tag_key(h)), -1.0);
                }
                let mut v: Vec<(u16, f32)> = v.into_iter().collect();
                v.sort_unstable_by_key(|x| x.0);
                let norm = (v.len() as f32).sqrt();
                (v, norm)
            })
            .collect();
        PersonaVectors { vectors }
    }

    /// Cosine affinity of a customer's sparse preferences (sorted by tag) to every persona.
    pub fn affinities(&self, prefs: &[(u16, f32)]) -> Vec<f32> {
        let norm = prefs.iter().map(|(_, s)| s * s).sum::<f32>().sqrt();
        self.vectors
            .iter()
            .map(|(v, vnorm)| {
                if norm == 0.0 || *vnorm == 0.0 {
                    return 0.0;
                }
                let dot: f32 = v
                    .iter()
                    .filter_map(|(t, w)| {
                        prefs
                            .binary_search_by_key(t, |p| p.0)
                            .ok()
                            .map(|i| prefs[i].1 * w)
                    })
                    .sum();
                dot / (norm * vnorm)
            })
            .collect()
    }
}

/// The best persona of `affinities`, if strong enough.
pub fn primary(affinities: &[f32]) -> Option<usize> {
    let (best, &a) = affinities
        .iter()
        .enumerate()
        .max_by(|x, y| x.1.total_cmp(y.1))?;
    (a >= MIN_AFFINITY).then_some(best)
}

/// Why a customer matches a persona: the tags they love that it loves, and hate that it
/// hates, strongest first; and what they love that it hates (the mismatch).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    pub loves: Vec<String>,
    pub hates: Vec<String>,
    pub against: Vec<String>,
}

pub fn explain(
    prefs: &[(u16, f32)],
    persona: &[(u16, f32)],
    tags: &[String],
    max: usize,
) -> Explanation {
    let mut loves = Vec::new();
    let mut hates = Vec::new();
    let mut against = Vec::new();
    for &(t, w) in persona {
        let Ok(i) = prefs.binary_search_by_key(&t, |p| p.0) else {
            continue;
        };
        let s = prefs[i].1;
        let name = tags[usize::from(t)].clone();
        match (w > 0.0, s > 0.0) {
            (true, true) => loves.push((s, name)),
            (false, false) => hates.push((-s, name)),
            _ => against.push((s.abs(), name)),
        }
    }
    let top = |mut v: Vec<(f32, String)>| {
        v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        v.into_iter().take(max).map(|x| x.1).collect()
    };
    Explanation {
        loves: top(loves),
        hates: top(hates),
        against: top(against),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loving_what_it_loves_and_hating_what_it_hates_both_match() {
        // Persona 0 loves tag 0, hates tag 1; persona 1 the reverse.
        let pv = PersonaVectors {
            vectors: vec![
                (vec![(0, 1.0), (1, -1.0)], 2f32.sqrt()),
                (vec![(0, -1.0), (1, 1.0)], 2f32.sqrt()),
            ],
        };
        let a = pv.affinities(&[(0, 2.0), (1, -2.0)]);
        assert!((a[0] - 1.0).abs() < 1e-6 && (a[1] + 1.0).abs() < 1e-6);
        assert_eq!(primary(&a), Some(0));
        assert_eq!(primary(&pv.affinities(&[])), None);
        let tags = vec!["nordlys".to_owned(), "folkemengder".to_owned()];
        let e = explain(&[(0, 2.0), (1, -2.0)], &pv.vectors[0].0, &tags, 3);
        assert_eq!(e.loves, vec!["nordlys"]);
        assert_eq!(e.hates, vec!["folkemengder"]);
        assert!(e.against.is_empty());
    }
}
