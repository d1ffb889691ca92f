//! The incrementally kept index equals a build from scratch: the same events fed in random
//! batches, with identity merges, design edits (labels, journeys, personas) and time passing
//! in between, end in the same customers, runs, answers, lifecycles, persona matches and path
//! variants as one build of everything at the end.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use stig_insight::{Index, IndexBuilder};
use stig_model::Workspace;

use crate::support::{example, generated};

/// What the index says of each customer, in words: ids and names as strings (interned
/// numbers may differ between builds), times absolute, scores rounded.
fn described(ix: &Index) -> Vec<String> {
    let t = |s: u32| ix.timestamp(s).as_second();
    let name = |v: &Vec<String>, i: u16| v.get(usize::from(i)).cloned().unwrap_or_default();
    (0..ix.customer_count())
        .map(|c| {
            let card = &ix.directory.cards[c];
            let cc = &ix.customers;
            let mut s = format!(
                "{} {:?} persona={} channel={} seen={}..{} {:?} variant={} traits={:?}\n",
                card.id,
                card.all_ids().collect::<Vec<_>>(),
                name(&ix.personas, cc.persona[c]),
                name(&ix.channels, cc.channel[c]),
                t(cc.first_seen[c]),
                t(cc.last_seen[c]),
                cc.status[c],
                cc.variant[c],
                card.traits(),
            );
            for e in ix.events_of(c) {
                s += &format!(
                    " e {} {}\n",
                    t(ix.events.at[e]),
                    name(&ix.names, ix.events.name[e])
                );
            }
            let runs = cc.run_start[c] as usize..cc.run_start[c + 1] as usize;
            for i in runs.clone() {
                let ic = &ix.instances;
                s += &format!(
                    " run {} {:?} {}..{} ch={}\n",
                    ix.journeys[usize::from(ic.journey[i])].id,
                    ic.status[i],
                    t(ic.started[i]),
                    t(ic.last[i]),
                    name(&ix.channels, ic.channel[i]),
                );
                for h in ix.hits_of(i) {
                    s += &format!(
                        "  hit {} {} {}\n",
                        t(ix.hits.at[h]),
                        ix.hits.step[h],
                        name(&ix.touchpoints, ix.hits.touchpoint[h])
                    );
                }
            }
            for f in cc.answer_start[c] as usize..cc.answer_start[c + 1] as usize {
                let fb = &ix.feedback;
                assert_eq!(fb.customer[f] as usize, c);
                let run = fb.instance[f];
                s += &format!(
                    " answer {} {:?} {} {} run={}\n",
                    t(fb.at[f]),
                    fb.kind[f],
                    fb.score[f],
                    name(&ix.touchpoints, fb.touchpoint[f]),
                    if run == u32::MAX {
                        "-".to_owned()
                    } else {
                        assert!(
                            runs.contains(&(run as usize)),
                            "an answer's run is its customer's"
                        );
                        (run as usize - runs.start).to_string()
                    }
                );
            }
            for l in cc.change_start[c] as usize..cc.change_start[c + 1] as usize {
                s += &format!(
                    " life {} {:?}\n",
                    t(ix.lifecycle.at[l]),
                    ix.lifecycle.kind[l]
                );
            }
            // Tags are numbered as met, which differs between builds: compare them by name.
            let mut prefs: Vec<String> = ix
                .preferences_of(c)
                .into_iter()
                .map(|(tag, score)| format!(" pref {} {:.4}\n", ix.tags[usize::from(tag)], score))
                .collect();
            prefs.sort();
            s += &prefs.concat();
            for a in ix.affinities_of(c) {
                s += &format!(" aff {a:.4}\n");
            }
            s
        })
        .collect()
}

/// The design edits the test makes between batches.
fn edits(base: &Workspace) -> Vec<(Workspace, &'static str)> {
    let mut renamed = base.clone();
    renamed.personas[0].name = format!("{} (renamed)", renamed.personas[0].name);
    let mut journey = base.clone();
    journey.journeys[0].abandon_after_days = Some(3);
    let mut tastes = base.clone();
    tastes.personas[1].loves.push("quiet".to_owned());
    tastes.personas[1].hates.clear();
    vec![
        (renamed, "label"),
        (journey, "journey"),
        (tastes, "personas"),
    ]
}

/// Feeds `lines` in random batches with edits and time in between; returns the builder.
fn incremental(
    base: &Workspace,
    lines: &[String],
    rng: &mut ChaCha8Rng,
    start: Timestamp,
) -> (IndexBuilder, Workspace, Timestamp) {
    let mut b = IndexBuilder::new(Arc::new(base.clone()));
    let mut ws = base.clone();
    let mut now = start;
    let edits = edits(base);
    let mut at = 0;
    while at < lines.len() {
        let n = rng
            .random_range(1..=lines.len() / 4 + 1)
            .min(lines.len() - at);
        for (i, line) in lines[at..at + n].iter().enumerate() {
            b.push_text((at + i) as i64, line);
        }
        at += n;
        now += SignedDuration::from_hours(rng.random_range(0..24 * 30));
        if rng.random_bool(0.4) {
            let (next, _) = &edits[rng.random_range(0..edits.len())];
            ws = next.clone();
            let keys = (b.keys(&ws), b.keys(b.workspace()));
            if keys.0.deriving == keys.1.deriving {
                b.relabel(Arc::new(ws.clone()));
            } else {
                b.rederive(Arc::new(ws.clone()));
            }
        }
        b.refresh(now);
    }
    (b, ws, now)
}

#[test]
fn incremental_state_equals_a_build_from_scratch() {
    let base = example("arctic-winter");
    let mut lines = generated(&base, 120, 11);
    // Identity merges across batches: an anonymous visitor who later logs in as a known
    // customer, and an alias joining two user ids.
    let user = lines
        .iter()
        .find_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            v["userId"].as_str().map(str::to_owned)
        })
        .expect("a user");
    lines.insert(
        3,
        r#"{"type":"page","anonymousId":"anon-merge","name":"Forside","timestamp":"2024-02-01T10:00:00Z","messageId":"m-a1"}"#.to_owned(),
    );
    lines.push(format!(
        r#"{{"type":"identify","anonymousId":"anon-merge","userId":"{user}","timestamp":"2024-02-02T10:00:00Z","messageId":"m-a2","traits":{{"name":"Kari"}}}}"#
    ));
    lines.push(format!(
        r#"{{"type":"alias","previousId":"old-account-7","userId":"{user}","timestamp":"2024-02-03T10:00:00Z","messageId":"m-a3"}}"#
    ));
    lines.insert(
        10,
        r#"{"type":"track","userId":"old-account-7","event":"Order Completed","timestamp":"2023-06-01T10:00:00Z","messageId":"m-a4"}"#.to_owned(),
    );
    let start: Timestamp = "2025-01-01T00:00:00Z".parse().expect("time");
    let fresh = IndexBuilder::new(Arc::new(base.clone()));
    for (ws, kind) in edits(&base) {
        let same = fresh.keys(&ws).deriving == fresh.keys(&base).deriving;
        assert_eq!(same, kind == "label", "{kind}: only a rename is a label");
    }
    for seed in 0..6 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut live, ws, now) = incremental(&base, &lines, &mut rng, start);
        live.refresh(now);
        let mut scratch = IndexBuilder::new(Arc::new(ws));
        for (seq, line) in lines.iter().enumerate() {
            scratch.push_text(seq as i64, line);
        }
        scratch.refresh(now);
        let (a, b) = (described(live.index()), described(scratch.index()));
        assert_eq!(a.len(), b.len(), "seed {seed}: customers");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "seed {seed}");
        }
        assert_eq!(live.index().persona_names, scratch.index().persona_names);
        let merged = live.index().directory.get("anon-merge").expect("merged");
        assert_eq!(
            Some(merged.id.as_str()),
            live.index()
                .directory
                .get("old-account-7")
                .map(|c| c.id.as_str()),
            "both merges end in one person"
        );
    }
}

#[test]
fn a_forgotten_person_leaves_without_a_rebuild() {
    let ws = example("arctic-winter");
    let lines = generated(&ws, 80, 4);
    let now: Timestamp = "2025-06-01T00:00:00Z".parse().expect("time");
    let mut live = IndexBuilder::new(Arc::new(ws.clone()));
    for (seq, line) in lines.iter().enumerate() {
        live.push_text(seq as i64, line);
    }
    live.refresh(now);
    let gone = live.index().directory.cards[7].id.clone();
    assert!(live.forget(&gone));
    assert_eq!(live.refresh(now), 0, "no one else is derived again");
    assert!(live.index().directory.get(&gone).is_none());
    assert!(!live.forget(&gone), "forgotten for good");

    let mut scratch = IndexBuilder::new(Arc::new(ws));
    for (seq, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        if v["userId"].as_str() != Some(gone.as_str()) {
            scratch.push_text(seq as i64, line);
        }
    }
    scratch.refresh(now);
    assert_eq!(described(live.index()), described(scratch.index()));
}
