//! Generated customers of arctic-winter: the index's numbers against the raw events.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;
use stig_insight::filter::{Filter, FilterQuery};
use stig_insight::{emotion, kpis, observed, scores};
use stig_model::SurveyKind;

use crate::support::{build, example, generated};

fn now() -> jiff::Timestamp {
    "2026-11-01T00:00:00Z".parse().expect("time")
}

#[test]
fn index_numbers_match_the_raw_events() {
    let ws = example("arctic-winter");
    let lines = generated(&ws, 1500, 11);
    let (customers, ix) = build(&ws, &lines, now());
    let raw: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(ix.customer_count(), customers.profiles.len());

    // Every track event is in the index, under its customer.
    let tracks = raw.iter().filter(|e| e["type"] == "track").count();
    assert_eq!(ix.event_count(), tracks);

    // Every score per touchpoint, recomputed from the raw feedback events.
    let mut raw_scores: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for e in raw.iter().filter(|e| e["event"] == "Feedback Submitted") {
        let p = &e["properties"];
        let kind = p["score_type"].as_str().expect("kind").to_owned();
        let t = p["touchpoint"].as_str().expect("touchpoint").to_owned();
        raw_scores
            .entry((kind, t))
            .or_default()
            .push(p["score"].as_f64().expect("score"));
    }
    let mut compared = 0;
    for kind in [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces] {
        let ours = scores::by_touchpoint(&ix, &Filter::default(), kind, Default::default());
        for t in &ours {
            let answers = &raw_scores[&(kind.as_str().to_owned(), t.touchpoint.clone())];
            let n = answers.len() as f64;
            let expected = match kind {
                SurveyKind::Nps => {
                    let p = answers.iter().filter(|&&s| s >= 9.0).count() as f64;
                    let d = answers.iter().filter(|&&s| s <= 6.0).count() as f64;
                    100.0 * (p - d) / n
                }
                _ => answers.iter().sum::<f64>() / n,
            };
            assert_eq!(t.all.n as usize, answers.len(), "{}", t.touchpoint);
            assert!(
                (t.all.value - expected).abs() < 1e-9,
                "{} {kind:?}",
                t.touchpoint
            );
            assert!(t.all.low <= t.all.value && t.all.value <= t.all.high);
            if kind == SurveyKind::Csat {
                let top2 = answers.iter().filter(|&&s| s >= 4.0).count() as f64 / n;
                assert!((t.all.high_share - top2).abs() < 1e-9);
            }
            let per_persona: u32 = t.by_persona.iter().map(|s| s.n).sum();
            assert!(per_persona <= t.all.n);
            compared += 1;
        }
    }
    assert_eq!(compared, raw_scores.len());

    // Personas: the loves and hates in the traits find the latent persona for most.
    let (mut right, mut assigned) = (0, 0);
    // The index numbers customers in the order they first appeared; its directory says who.
    for (c, card) in ix.directory.cards.iter().enumerate() {
        let p = customers.get(&card.id).expect("the same people");
        assert_eq!(p.id, card.id);
        let latent = p.traits.get("latent_persona").and_then(Value::as_str);
        let mine = ix.customers.persona[c];
        if mine != stig_insight::index::NONE {
            assigned += 1;
            right += usize::from(latent == Some(ix.personas[usize::from(mine)].as_str()));
        }
    }
    let accuracy = right as f64 / assigned as f64;
    eprintln!(
        "persona from loves/hates: {assigned} assigned, {accuracy:.3} match the latent persona"
    );
    assert!(accuracy > 0.9, "{accuracy}");
    assert!(assigned as f64 > 0.8 * customers.profiles.len() as f64);

    // Variants: distinct sequences of track event names per user, from the raw events.
    let mut seqs: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for e in raw.iter().filter(|e| e["type"] == "track") {
        seqs.entry(e["userId"].as_str().expect("user"))
            .or_default()
            .push((
                e["timestamp"].as_str().expect("ts"),
                e["event"].as_str().expect("name"),
            ));
    }
    let distinct: HashSet<Vec<&str>> = seqs
        .into_values()
        .map(|mut v| {
            v.sort_by(|a, b| a.0.cmp(b.0));
            v.into_iter().map(|x| x.1).collect()
        })
        .collect();
    let variants = observed::activity_variants(&ix, &Filter::default(), 20);
    assert_eq!(variants.distinct, distinct.len() as u64);
    assert!(variants.top.len() <= 20);

    // The funnel of each journey narrows, and its runs are the stages' runs.
    let counts = customers.instance_counts();
    for (j, info) in ix.journeys.iter().enumerate() {
        let f = observed::funnel(&ix, &Filter::default(), j as u16);
        let stages: u64 = counts.get(&info.id).map_or(0, |m| m.values().sum());
        assert_eq!(f.runs, stages, "{}", info.id);
        assert_eq!(f.runs, f.completed + f.abandoned + f.active);
        assert!(f.steps.windows(2).all(|w| w[0].reached >= w[1].reached));
        if f.runs > 0 {
            assert!(f.steps[0].reached > 0);
        }
    }

    // The filter narrows: one persona's answers are part of everyone's.
    let q = FilterQuery {
        persona: Some(ix.personas[0].clone()),
        ..Default::default()
    };
    let one = Filter::resolve(&ix, &q).expect("filter");
    let all = scores::overall(
        &ix,
        &Filter::default(),
        SurveyKind::Csat,
        Default::default(),
    );
    let some = scores::overall(&ix, &one, SurveyKind::Csat, Default::default());
    assert!(some.n > 0 && some.n < all.n);
    let bad = Filter::resolve(
        &ix,
        &FilterQuery {
            persona: Some("nobody".into()),
            ..Default::default()
        },
    );
    assert!(
        bad.expect_err("unknown persona")
            .to_string()
            .contains("nobody")
    );

    // Acquisitions per month add up to the customers acquired.
    let months = kpis::monthly(&ix, &Filter::default());
    let acquired: u32 = months.iter().map(|m| m.acquired).sum();
    let raw_acquired = customers
        .profiles
        .iter()
        .filter(|p| {
            p.lifecycle.iter().any(|l| {
                matches!(
                    l.kind,
                    stig_pipeline::customers::LifecycleKind::Acquired { .. }
                )
            })
        })
        .count();
    assert_eq!(acquired as usize, raw_acquired);
    let cohorts = kpis::cohorts(&ix, &Filter::default(), 12);
    assert!(cohorts.iter().all(|c| c.retained.first() == Some(&1.0)));

    // The measured emotion follows the designed one (the generator drives answers by it).
    let j = ix.journey_index("vintertur-i-dag").unwrap_or(0);
    let curves = emotion::curves(
        &ix,
        &Filter::default(),
        j,
        scores::ScoreOptions { min_answers: 10 },
    );
    let everyone = curves.last().expect("curve for all");
    let pairs: Vec<(f64, f64)> = everyone
        .steps
        .iter()
        .filter_map(|s| Some((s.designed?, s.measured?)))
        .collect();
    assert!(pairs.len() >= 3, "{pairs:?}");
    let r = correlation(&pairs);
    eprintln!(
        "designed vs measured emotion: r = {r:.3} over {} steps",
        pairs.len()
    );
    assert!(r > 0.5, "{r}");
}

fn correlation(p: &[(f64, f64)]) -> f64 {
    let n = p.len() as f64;
    let (mx, my) = (
        p.iter().map(|x| x.0).sum::<f64>() / n,
        p.iter().map(|x| x.1).sum::<f64>() / n,
    );
    let cov: f64 = p.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = p.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let vy: f64 = p.iter().map(|(_, y)| (y - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

#[test]
fn findings_are_ranked_and_point_at_real_things() {
    let ws = example("arctic-winter");
    let lines = generated(&ws, 1500, 5);
    let (_, ix) = build(&ws, &lines, now());
    let found = stig_insight::findings::findings(&ws, &ix, &Filter::default(), Default::default());
    for f in &found {
        eprintln!("{:.2} {:?} {:?}", f.severity, f.kind, f.args);
    }
    assert!(!found.is_empty());
    assert!(found.windows(2).all(|w| w[0].severity >= w[1].severity));
    assert!(found.iter().all(|f| (0.0..=1.0).contains(&f.severity)));
}

#[test]
fn customer_types_are_recovered_and_demographics_predict_little() {
    use stig_insight::clusters::adjusted_rand_index;
    use stig_insight::customer_types::{DiscoveryOptions, discover, twins_report};

    let ws = example("arctic-winter");
    let lines = generated(&ws, 2000, 3);
    let (customers, ix) = build(&ws, &lines, now());
    let latent: Vec<Option<u32>> = ix
        .directory
        .cards
        .iter()
        .map(|card| {
            let p = customers.get(&card.id)?;
            let id = p.traits.get("latent_persona")?.as_str()?;
            ix.persona_index(id).map(u32::from)
        })
        .collect();

    // Matching: the primary persona is the latent one.
    let (truth, matched): (Vec<u32>, Vec<u32>) = (0..ix.customer_count())
        .filter_map(|c| {
            let p = ix.customers.persona[c];
            Some((
                latent[c]?,
                (p != stig_insight::index::NONE).then_some(u32::from(p))?,
            ))
        })
        .unzip();
    let matching_ari = adjusted_rand_index(&truth, &matched);
    // Each match can be explained from the customer's own loves and hates.
    let c = (0..ix.customer_count())
        .find(|&c| ix.customers.persona[c] != stig_insight::index::NONE)
        .expect("a matched customer");
    let why = ix.explain(c, ix.customers.persona[c]);
    assert!(!why.loves.is_empty() || !why.hates.is_empty(), "{why:?}");

    // Discovery: clusters of preference vectors find the latent types without being told.
    let d = discover(&ix, &Filter::default(), &DiscoveryOptions::default()).expect("clusters");
    let (truth, found): (Vec<u32>, Vec<u32>) = d
        .labels
        .iter()
        .filter_map(|&(c, l)| Some((latent[c as usize]?, l)))
        .unzip();
    let discovery_ari = adjusted_rand_index(&truth, &found);
    eprintln!(
        "persona recovery (adjusted Rand index): matching {matching_ari:.3}, discovery {discovery_ari:.3} with k = {} ({} personas)",
        d.k,
        ix.personas.len()
    );
    assert!(matching_ari > 0.9, "{matching_ari}");
    assert!(discovery_ari > 0.5, "{discovery_ari}");
    assert!(d.clusters.iter().all(|c| c.size > 0 && !c.loves.is_empty()));
    assert!(
        d.clusters
            .iter()
            .any(|c| c.resembles.is_some() && !c.uncovered)
    );

    // Twins: identical demographics, different personas; demographics predict little.
    let t = twins_report(&ix, &Filter::default());
    eprintln!(
        "twins: {} pairs, {:.2} in different personas (random {:.2}); satisfaction R² demographics {:?} personas {:?}; churn AUC demographics {:?} personas {:?}",
        t.twin_pairs,
        t.share_different,
        t.share_different_if_random,
        t.satisfaction.demographics,
        t.satisfaction.personas,
        t.churn.demographics,
        t.churn.personas
    );
    assert!(t.twin_pairs > 0);
    assert!(t.share_different > 0.5);
    let (d_r2, p_r2) = (
        t.satisfaction.demographics.expect("r2"),
        t.satisfaction.personas.expect("r2"),
    );
    assert!(
        p_r2 > d_r2,
        "personas explain satisfaction better: {p_r2} vs {d_r2}"
    );
    assert!(!t.examples.is_empty());
}
