//! The engine on hand-made events: each trigger kind, conditions, caps and exactly-once keys.

use std::sync::Arc;

use jiff::Timestamp;
use serde_json::json;
use stig_model::Workspace;

use super::*;

fn ws() -> Workspace {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/arctic-winter");
    stig_model::code::load_dir(dir)
        .expect("test input")
        .workspace
}

fn moment(toml_text: &str) -> Moment {
    toml::from_str(toml_text).expect("test input")
}

fn ev(seq: i64, who: &str, at: &str, name: &str, props: serde_json::Value) -> Activity {
    Activity::from_segment(
        seq,
        &json!({"type": "track", "userId": who, "event": name, "timestamp": at, "properties": props}),
    )
    .expect("test input")
}

fn identify(seq: i64, who: &str, at: &str, traits: serde_json::Value) -> Activity {
    Activity::from_segment(
        seq,
        &json!({"type": "identify", "userId": who, "timestamp": at, "traits": traits}),
    )
    .expect("test input")
}

#[test]
fn an_event_trigger_fires_once_per_event_with_its_properties() {
    let m = moment(
        r#"id = "big-order"
           name = "Big order"
           trigger = { on = "event", event = "Order Completed", where = { currency = "NOK" } }"#,
    );
    let mut e = MomentEngine::new(Arc::new(ws()), vec![m]);
    let a = ev(
        1,
        "u1",
        "2026-11-01T10:00:00Z",
        "Order Completed",
        json!({"currency": "NOK", "revenue": 4000}),
    );
    let out = e.push(&a, true);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].key, "e1");
    assert_eq!(out[0].customer, "u1");
    assert_eq!(out[0].context["trigger"]["properties"]["revenue"], 4000);
    let other = ev(
        2,
        "u1",
        "2026-11-01T10:01:00Z",
        "Order Completed",
        json!({"currency": "SEK"}),
    );
    assert!(e.push(&other, true).is_empty());
    // A replay updates state only.
    assert!(
        e.push(
            &ev(
                3,
                "u1",
                "2026-11-01T10:02:00Z",
                "Order Completed",
                json!({"currency": "NOK"})
            ),
            false
        )
        .is_empty()
    );
}

#[test]
fn a_detractor_fires_and_a_promoter_does_not() {
    let m = moment(
        r#"id = "detractor"
           name = "Detractor"
           trigger = { on = "feedback", score = "nps", at_most = 6 }"#,
    );
    let mut e = MomentEngine::new(Arc::new(ws()), vec![m]);
    let low = ev(
        1,
        "u1",
        "2026-11-01T10:00:00Z",
        "Feedback Submitted",
        json!({"score_type": "nps", "score": 3, "comment": "kaldt"}),
    );
    let high = ev(
        2,
        "u2",
        "2026-11-01T10:00:00Z",
        "Feedback Submitted",
        json!({"score_type": "nps", "score": 9}),
    );
    let out = e.push(&low, true);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].context["trigger"]["score"], 3.0);
    assert_eq!(out[0].context["trigger"]["comment"], "kaldt");
    assert!(e.push(&high, true).is_empty());
}

#[test]
fn conditions_on_persona_and_traits_and_a_cap_per_customer() {
    let ws = ws();
    let persona = ws.personas[0].id.clone();
    let m = moment(&format!(
        r#"id = "vip"
           name = "VIP order"
           trigger = {{ on = "event", event = "Order Completed" }}
           conditions = {{ personas = ["{persona}"], trait = [{{ trait = "tier", equals = "gold" }}] }}
           limits = {{ max_per_customer = 1, period_days = 30 }}"#
    ));
    let mut e = MomentEngine::new(Arc::new(ws), vec![m]);
    let order = |seq, at: &str| ev(seq, "u1", at, "Order Completed", json!({}));
    e.push(
        &identify(1, "u1", "2026-10-01T00:00:00Z", json!({"tier": "gold"})),
        true,
    );
    assert!(
        e.push(&order(2, "2026-10-01T01:00:00Z"), true).is_empty(),
        "no persona yet"
    );
    e.push(
        &identify(3, "u1", "2026-10-01T02:00:00Z", json!({"persona": persona})),
        true,
    );
    assert_eq!(e.push(&order(4, "2026-10-01T03:00:00Z"), true).len(), 1);
    assert!(
        e.push(&order(5, "2026-10-10T03:00:00Z"), true).is_empty(),
        "capped within 30 days"
    );
    assert_eq!(
        e.push(&order(6, "2026-11-05T03:00:00Z"), true).len(),
        1,
        "a new period"
    );
}

#[test]
fn inactivity_fires_once_per_silence_and_history_is_not_fired() {
    let m = moment(
        r#"id = "win-back"
           name = "Win back"
           trigger = { on = "inactivity", days = 60 }"#,
    );
    let mut e = MomentEngine::new(Arc::new(ws()), vec![m]);
    e.set_live_since(0, Some("2026-03-01T00:00:00Z".parse().expect("test input")));
    e.push(
        &ev(1, "old", "2025-06-01T00:00:00Z", "Page Viewed", json!({})),
        true,
    );
    e.push(
        &ev(2, "u1", "2026-02-01T00:00:00Z", "Page Viewed", json!({})),
        true,
    );
    assert!(
        e.tick("2026-03-15T00:00:00Z".parse().expect("test input"))
            .is_empty()
    );
    let out = e.tick("2026-04-02T00:00:00Z".parse().expect("test input"));
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0].customer, "u1");
    assert_eq!(
        out[0].at,
        "2026-04-02T00:00:00Z"
            .parse::<Timestamp>()
            .expect("test input")
    );
    assert!(
        e.tick("2026-05-01T00:00:00Z".parse().expect("test input"))
            .is_empty(),
        "once per silence"
    );
    // Active again, then silent again: a new silence.
    e.push(
        &ev(3, "u1", "2026-05-02T00:00:00Z", "Page Viewed", json!({})),
        true,
    );
    assert_eq!(
        e.tick("2026-07-02T00:00:00Z".parse().expect("test input"))
            .len(),
        1
    );
}

/// The first as-is journey of arctic-winter, and per step with a touchpoint: its id, phase,
/// and the event (name, properties) that signals it.
fn journey_steps(ws: &Workspace) -> (String, Vec<(String, String, String, serde_json::Value)>) {
    let j = ws
        .journeys
        .iter()
        .find(|j| j.state == stig_model::JourneyState::AsIs)
        .expect("test input");
    let steps = j
        .ordered_steps()
        .iter()
        .filter_map(|s| {
            let tp = s.touchpoints.first()?;
            let signal = ws.touchpoint(tp)?.signals.first()?;
            let props: serde_json::Map<String, serde_json::Value> = signal
                .conditions
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::to_value(v).expect("test input")))
                .collect();
            let phase = j.phase_of(s).map(|p| p.id.clone()).unwrap_or_default();
            Some((s.id.clone(), phase, signal.event.clone()?, props.into()))
        })
        .collect();
    (j.id.clone(), steps)
}

#[test]
fn milestones_fire_on_entering_a_step_and_after_an_offset() {
    let ws = ws();
    let (journey, steps) = journey_steps(&ws);
    assert!(steps.len() >= 2, "arctic-winter has signalled steps");
    let (s0, _, e0, p0) = &steps[0];
    let enter = moment(&format!(
        r#"id = "enter"
           name = "Entered"
           trigger = {{ on = "milestone", journey = "{journey}", milestone = "enter", step = "{s0}" }}"#
    ));
    let later = moment(&format!(
        r#"id = "later"
           name = "Two days after"
           trigger = {{ on = "milestone", journey = "{journey}", milestone = "enter", step = "{s0}", offset = "2d" }}"#
    ));
    let mut e = MomentEngine::new(Arc::new(ws), vec![enter, later]);
    let out = e.push(&ev(1, "u1", "2026-11-01T10:00:00Z", e0, p0.clone()), true);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].moment_id, "enter");
    assert_eq!(out[0].key, format!("ju1/{journey}/1/enter/step/{s0}"));
    // Another customer's first run is another occurrence.
    let other = e.push(&ev(9, "u2", "2026-11-01T10:00:00Z", e0, p0.clone()), true);
    assert_eq!(other.len(), 1, "u2 enters too");
    assert_eq!(other[0].key, format!("ju2/{journey}/1/enter/step/{s0}"));
    // The same step again in the same run: not entered again.
    assert!(
        e.push(&ev(2, "u1", "2026-11-01T11:00:00Z", e0, p0.clone()), true)
            .is_empty()
    );
    assert!(
        e.tick("2026-11-02T10:00:00Z".parse().expect("test input"))
            .is_empty()
    );
    let due = e.tick("2026-11-03T10:00:01Z".parse().expect("test input"));
    assert_eq!(due.len(), 2, "u1's and u2's: {due:?}");
    assert!(due.iter().all(|d| d.moment_id == "later"));
    assert_eq!(
        due[0].at,
        "2026-11-03T10:00:00Z"
            .parse::<Timestamp>()
            .expect("test input")
    );
}

#[test]
fn an_abandoned_run_fires_when_it_times_out() {
    let ws = ws();
    let (journey, steps) = journey_steps(&ws);
    let timeout_days = ws
        .journey(&journey)
        .expect("test input")
        .abandon_after_days();
    let m = moment(&format!(
        r#"id = "abandoned"
           name = "Abandoned"
           trigger = {{ on = "milestone", journey = "{journey}", milestone = "abandon" }}"#
    ));
    let mut e = MomentEngine::new(Arc::new(ws), vec![m]);
    e.push(
        &ev(
            1,
            "u1",
            "2026-01-01T10:00:00Z",
            &steps[0].2,
            steps[0].3.clone(),
        ),
        true,
    );
    let before = Timestamp::from_second(
        "2026-01-01T10:00:00Z"
            .parse::<Timestamp>()
            .expect("test input")
            .as_second()
            + i64::from(timeout_days) * 86_400
            - 60,
    )
    .expect("test input");
    assert!(e.tick(before).is_empty());
    let after = Timestamp::from_second(before.as_second() + 120).expect("test input");
    let out = e.tick(after);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(
        out[0].key,
        format!("ju1/{journey}/1/abandon/journey/{journey}")
    );
    assert!(
        e.tick(Timestamp::from_second(after.as_second() + 86_400).expect("test input"))
            .is_empty()
    );
}

#[test]
fn once_per_run_makes_the_run_the_occurrence() {
    let ws = ws();
    let (_journey, steps) = journey_steps(&ws);
    let (event, props) = (&steps[0].2, &steps[0].3);
    let m = moment(&format!(
        r#"id = "once"
           name = "Once per run"
           trigger = {{ on = "event", event = "{event}" }}
           limits = {{ once_per_run = true }}"#
    ));
    let mut e = MomentEngine::new(Arc::new(ws), vec![m]);
    let first = e.push(
        &ev(1, "u1", "2026-11-01T10:00:00Z", event, props.clone()),
        true,
    );
    assert_eq!(first.len(), 1);
    assert!(first[0].key.starts_with('r'));
    assert!(
        e.push(
            &ev(2, "u1", "2026-11-01T10:05:00Z", event, props.clone()),
            true
        )
        .is_empty()
    );
}

#[test]
fn restored_firings_are_not_offered_again() {
    let m = moment(
        r#"id = "x"
           name = "X"
           trigger = { on = "event", event = "Order Completed" }"#,
    );
    let mut e = MomentEngine::new(Arc::new(ws()), vec![m]);
    e.restore_fired(
        "x",
        "u1",
        "e7",
        "2026-11-01T10:00:00Z".parse().expect("test input"),
    );
    assert!(
        e.push(
            &ev(
                7,
                "u1",
                "2026-11-01T10:00:00Z",
                "Order Completed",
                json!({})
            ),
            true
        )
        .is_empty()
    );
    assert_eq!(
        e.push(
            &ev(
                8,
                "u1",
                "2026-11-01T10:00:00Z",
                "Order Completed",
                json!({})
            ),
            true
        )
        .len(),
        1
    );
}

#[test]
fn a_backtest_counts_per_persona_and_week() {
    let ws = ws();
    let persona = ws.personas[1].id.clone();
    let m = moment(
        r#"id = "detractor"
           name = "Detractor"
           trigger = { on = "feedback", score = "nps", at_most = 6 }"#,
    );
    let mut events = vec![identify(
        1,
        "u1",
        "2026-11-02T08:00:00Z",
        json!({"persona": persona}),
    )];
    for (i, (who, at, score)) in [
        ("u1", "2026-11-02T09:00:00Z", 2),
        ("u2", "2026-11-03T09:00:00Z", 5),
        ("u1", "2026-11-10T09:00:00Z", 9),
    ]
    .into_iter()
    .enumerate()
    {
        events.push(ev(
            i as i64 + 2,
            who,
            at,
            "Feedback Submitted",
            json!({"score_type": "nps", "score": score}),
        ));
    }
    let b = backtest(
        Arc::new(ws),
        &m,
        events,
        "2026-11-24T00:00:00Z".parse().expect("test input"),
    );
    assert_eq!(b.fired, 2);
    assert_eq!(b.customers, 2);
    assert_eq!(b.per_persona.get(&persona), Some(&1));
    assert_eq!(b.per_persona.get(""), Some(&1));
    assert_eq!(b.per_week.len(), 1, "{:?}", b.per_week);
    assert_eq!(
        b.per_week.keys().next().expect("test input").to_string(),
        "2026-11-02"
    );
    assert_eq!(b.samples[0].customer, "u2");
}

/// The event (name, properties) that signals touchpoint `tp`.
fn signal(ws: &Workspace, tp: &str) -> (String, serde_json::Value) {
    let signal = &ws.touchpoint(tp).expect("test input").signals[0];
    let props: serde_json::Map<String, serde_json::Value> = signal
        .conditions
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::to_value(v).expect("test input")))
        .collect();
    (signal.event.clone().expect("test input"), props.into())
}

#[test]
fn completing_a_journey_fires_after_its_offset_once_per_customer_run() {
    let ws = ws();
    // arctic-winter: Instagram starts the trip, the hotel is mid-way, and the airport after
    // the hotel is the flight home, where the journey completes.
    let (start, start_p) = signal(&ws, "instagram");
    let (hotel, hotel_p) = signal(&ws, "hotellet");
    let (airport, airport_p) = signal(&ws, "flyreisen");
    let m = moment(
        r#"id = "done"
           name = "Two days after the trip"
           trigger = { on = "milestone", journey = "vintertur-i-dag", milestone = "complete", offset = "2d" }
           limits = { once_per_run = true }"#,
    );
    let mut e = MomentEngine::new(Arc::new(ws), vec![m]);
    let mut out = Vec::new();
    for (n, who) in ["u1", "u2"].into_iter().enumerate() {
        let seq = n as i64 * 10;
        out.extend(e.push(
            &ev(
                seq + 1,
                who,
                "2026-01-01T10:00:00Z",
                &start,
                start_p.clone(),
            ),
            true,
        ));
        out.extend(e.push(
            &ev(
                seq + 2,
                who,
                "2026-01-03T10:00:00Z",
                &hotel,
                hotel_p.clone(),
            ),
            true,
        ));
        out.extend(e.push(
            &ev(
                seq + 3,
                who,
                "2026-01-06T10:00:00Z",
                &airport,
                airport_p.clone(),
            ),
            true,
        ));
    }
    assert!(out.is_empty(), "not before its offset: {out:?}");
    let due = e.tick("2026-01-09T00:00:00Z".parse().expect("test input"));
    assert_eq!(due.len(), 2, "each customer's trip: {due:?}");
    assert_ne!(due[0].key, due[1].key);
    assert_eq!(
        due[0].at,
        "2026-01-08T10:00:00Z"
            .parse::<Timestamp>()
            .expect("test input")
    );
}

#[test]
fn an_engine_written_down_and_read_back_goes_on_as_the_one_that_was_not() {
    let mut ws = ws();
    // Every trigger kind: feedback with a cap, abandon, complete after an offset, silence.
    for m in &mut ws.moments {
        m.enabled = true;
    }
    let moments = ws.moments.clone();
    assert_eq!(moments.len(), 4);
    let ws = Arc::new(ws);
    let mut text = Vec::new();
    crate::generate::generate(
        &ws,
        &crate::generate::GenerateOptions {
            customers: 120,
            seed: 11,
            ..Default::default()
        },
        &mut text,
    )
    .expect("test input");
    let mut lines: Vec<(String, String)> = String::from_utf8(text)
        .expect("test input")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("test input");
            (
                v["timestamp"].as_str().unwrap_or_default().to_owned(),
                l.to_owned(),
            )
        })
        .collect();
    lines.sort();
    let feed = |e: &mut MomentEngine, from: usize, to: usize| {
        let mut out = Vec::new();
        for (i, (_, line)) in lines.iter().enumerate().take(to).skip(from) {
            let a = Activity::from_segment_text(i as i64 + 1, line, |n| e.wants_properties(n))
                .expect("test input");
            out.extend(e.push(&a, true));
            if i % 97 == 0
                && let Some(now) = e.clock()
            {
                out.extend(e.tick(now));
            }
        }
        out
    };
    let half = lines.len() / 2;
    let mut kept = MomentEngine::new(ws.clone(), moments.clone());
    let before = feed(&mut kept, 0, half);
    assert!(!before.is_empty());

    let written = serde_json::to_string(&kept).expect("serializes");
    let mut back: MomentEngine = serde_json::from_str(&written).expect("deserializes");
    back.restore(ws.clone(), moments.clone());
    // What fired is the outbox's to tell, as at any start.
    for o in &before {
        back.restore_fired(&o.moment_id, &o.customer, &o.key, o.at);
    }
    assert_eq!(back.customers(), kept.customers());
    assert_eq!(back.clock(), kept.clock());

    let after = feed(&mut kept, half, lines.len());
    let again = feed(&mut back, half, lines.len());
    let kinds: std::collections::BTreeSet<&str> =
        after.iter().map(|o| o.moment_id.as_str()).collect();
    assert_eq!(
        kinds.len(),
        4,
        "every trigger kind fires after the write: {kinds:?}"
    );
    assert_eq!(again, after);
    let end = kept.clock().expect("events") + SignedDuration::from_hours(24 * 400);
    assert_eq!(back.tick(end), kept.tick(end));
}
