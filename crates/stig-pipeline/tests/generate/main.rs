//! `stig generate` on a real example workspace: deterministic, well-formed, twins, and
//! satisfaction that follows the designed emotions.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use stig_pipeline::generate::{GenerateOptions, generate};

fn example() -> stig_model::Workspace {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
    stig_model::code::load_dir(dir)
        .expect("the example loads")
        .workspace
}

fn run(seed: u64, customers: usize) -> (Vec<u8>, stig_pipeline::generate::GenerateSummary) {
    let mut out = Vec::new();
    let summary = generate(
        &example(),
        &GenerateOptions {
            customers,
            seed,
            ..Default::default()
        },
        &mut out,
    )
    .expect("generates");
    (out, summary)
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, sa) = run(7, 200);
    let (b, sb) = run(7, 200);
    let (c, _) = run(8, 200);
    assert_eq!(a, b);
    assert_eq!(sa, sb);
    assert_ne!(a, c);
    assert_eq!(sa.events as usize, lines(&a).len());
}

#[test]
fn every_event_is_a_well_formed_segment_message() {
    let (bytes, summary) = run(1, 300);
    let events = lines(&bytes);
    let mut ids = HashSet::new();
    let mut users = HashSet::new();
    for e in &events {
        assert!(
            matches!(e["type"].as_str(), Some("identify" | "track")),
            "{e}"
        );
        assert!(
            ids.insert(e["messageId"].as_str().expect("messageId").to_owned()),
            "messageIds are unique"
        );
        users.insert(e["userId"].as_str().expect("userId").to_owned());
        assert!(
            e["timestamp"]
                .as_str()
                .expect("timestamp")
                .parse::<jiff::Timestamp>()
                .is_ok()
        );
        if e["type"] == "track" {
            assert!(!e["event"].as_str().unwrap_or("").is_empty());
        }
    }
    assert_eq!(users.len(), 300);
    assert!(
        summary.journeys_started >= 300 && summary.feedback > 100 && summary.churned > 0,
        "{summary:?}"
    );
    // Events of one customer are in time order.
    let mut last: HashMap<&str, jiff::Timestamp> = HashMap::new();
    for e in &events {
        let t: jiff::Timestamp = e["timestamp"].as_str().expect("ts").parse().expect("ts");
        let u = e["userId"].as_str().expect("user");
        if let Some(prev) = last.insert(u, t) {
            assert!(t >= prev, "{u} goes back in time");
        }
    }
}

#[test]
fn demographic_twins_with_different_personas_exist() {
    let (bytes, _) = run(3, 400);
    let identifies: Vec<&Value> = lines(&bytes)
        .leak()
        .iter()
        .filter(|e| e["type"] == "identify")
        .collect();
    let key = |t: &Value| {
        format!(
            "{}|{}|{}|{}",
            t["age"], t["home"], t["income"], t["household"]
        )
    };
    let mut by_demographics: HashMap<String, HashSet<String>> = HashMap::new();
    for e in identifies {
        let t = &e["traits"];
        by_demographics
            .entry(key(t))
            .or_default()
            .insert(t["latent_persona"].as_str().expect("persona").to_owned());
    }
    let twins = by_demographics
        .values()
        .filter(|personas| personas.len() > 1)
        .count();
    assert!(
        twins >= 10,
        "only {twins} demographic groups hold more than one persona"
    );
}

#[test]
fn feedback_follows_the_designed_emotions_per_persona() {
    let ws = example();
    let (bytes, _) = run(11, 1_500);
    let events = lines(&bytes);
    let persona_of: HashMap<String, String> = events
        .iter()
        .filter(|e| e["type"] == "identify")
        .map(|e| {
            (
                e["userId"].as_str().unwrap_or("").to_owned(),
                e["traits"]["latent_persona"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        })
        .collect();
    // Mean normalized score per persona and touchpoint, next to the designed emotion there.
    let mut scores: HashMap<(String, String), (f64, f64)> = HashMap::new();
    for e in events.iter().filter(|e| e["event"] == "Feedback Submitted") {
        let p = persona_of[e["userId"].as_str().unwrap_or("")].clone();
        let tp = e["properties"]["touchpoint"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        let score = e["properties"]["score"].as_f64().unwrap_or(0.0);
        // Each scale onto 0…1.
        let normalized = match e["properties"]["score_type"].as_str() {
            Some("nps") => score / 10.0,
            Some("csat") => (score - 1.0) / 4.0,
            _ => (score - 1.0) / 6.0,
        };
        let s = scores.entry((p, tp)).or_default();
        s.0 += normalized;
        s.1 += 1.0;
    }
    let designed = |persona: &str, tp: &str| -> Option<f64> {
        let steps: Vec<f64> = ws
            .journeys
            .iter()
            .flat_map(|j| j.steps.iter())
            .filter(|s| s.touchpoints.iter().any(|t| t == tp))
            .filter_map(|s| s.designed_emotion(Some(persona)))
            .collect();
        (!steps.is_empty()).then(|| steps.iter().sum::<f64>() / steps.len() as f64)
    };
    let pairs: Vec<(f64, f64)> = scores
        .iter()
        .filter(|(_, (_, n))| *n >= 15.0)
        .filter_map(|((p, tp), (sum, n))| designed(p, tp).map(|d| (d, sum / n)))
        .collect();
    assert!(
        pairs.len() >= 4,
        "too few persona × touchpoint cells with feedback: {}",
        pairs.len()
    );
    let correlation = pearson(&pairs);
    assert!(
        correlation > 0.5,
        "measured satisfaction should follow the designed emotion (r = {correlation:.2}, {} cells)",
        pairs.len()
    );
}

#[test]
fn comments_are_in_the_customers_language() {
    let (bytes, _) = run(5, 600);
    let events = lines(&bytes);
    let mut seen = HashSet::new();
    for e in events.iter().filter(|e| e["event"] == "Feedback Submitted") {
        let comment = e["properties"]["comment"].as_str().unwrap_or("");
        if comment.is_empty() {
            continue;
        }
        let language = e["properties"]["language"].as_str().unwrap_or("");
        assert_eq!(language, e["context"]["locale"].as_str().unwrap_or(""));
        seen.insert(language.to_owned());
        let (good, bad) = stig_pipeline::generate::phrases::comments(language);
        assert!(
            good.contains(&comment) || bad.contains(&comment),
            "`{comment}` is not a {language} comment"
        );
    }
    assert!(
        seen.contains("nb") && seen.len() >= 3,
        "comments in several languages: {seen:?}"
    );
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let (vx, vy): (f64, f64) = (
        pairs.iter().map(|(x, _)| (x - mx).powi(2)).sum(),
        pairs.iter().map(|(_, y)| (y - my).powi(2)).sum(),
    );
    cov / (vx.sqrt() * vy.sqrt()).max(1e-12)
}
