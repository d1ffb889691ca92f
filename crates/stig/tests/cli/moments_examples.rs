//! The example workspace's moments fire on generated events: `stig moments backtest` over
//! `stig generate`d history, checked against a count made from the raw events.

use std::collections::HashSet;

use crate::stig;

/// Runs `stig ARGS`, which must succeed; its standard output.
fn ok(args: &[&str]) -> Vec<u8> {
    let out = stig(args);
    assert!(
        out.status.success(),
        "stig {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_example_moments_fire_on_generated_events() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("stig.db");
    let events = tmp.path().join("events.ndjson");
    let (db, events) = (db.to_str().expect("utf-8"), events.to_str().expect("utf-8"));
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/arctic-winter");
    ok(&["import", example, "--db", db]);
    ok(&["generate", example, "--customers", "300", "-o", events]);
    ok(&[
        "events",
        "import",
        events,
        "--workspace",
        "arctic-winter",
        "--db",
        db,
    ]);

    let backtest = |moment: &str| -> serde_json::Value {
        let out = ok(&[
            "moments",
            "backtest",
            "--workspace",
            "arctic-winter",
            moment,
            "--json",
            "--db",
            db,
        ]);
        serde_json::from_slice(&out).expect("JSON")
    };
    // The raw truth: CSAT answers of 1 or 2, and who gave them.
    let mut low = 0;
    let mut unhappy = HashSet::new();
    for line in std::fs::read_to_string(tmp.path().join("events.ndjson"))
        .expect("events")
        .lines()
    {
        let e: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let p = &e["properties"];
        if p["score_type"] == "csat" && p["score"].as_f64().is_some_and(|s| s <= 2.0) {
            low += 1;
            unhappy.insert(e["userId"].as_str().unwrap_or_default().to_owned());
        }
    }
    assert!(low > 0, "the generator gives some low CSAT answers");
    let alerts = backtest("misfornoyd-gjest");
    let fired = alerts["fired"].as_u64().expect("fired");
    // Capped at one a week per guest: every unhappy guest is called, never more often than
    // they answered low.
    assert_eq!(
        alerts["customers"].as_u64(),
        Some(unhappy.len() as u64),
        "{alerts}"
    );
    assert!(
        fired >= unhappy.len() as u64 && fired <= low,
        "{fired} alerts for {low} low answers"
    );
    let weeks: u64 = alerts["per_week"]
        .as_object()
        .expect("weeks")
        .values()
        .filter_map(|v| v.as_u64())
        .sum();
    let personas: u64 = alerts["per_persona"]
        .as_object()
        .expect("personas")
        .values()
        .filter_map(|v| v.as_u64())
        .sum();
    assert_eq!((weeks, personas), (fired, fired));
    assert!(!alerts["samples"].as_array().expect("samples").is_empty());

    // Journeys: every completed trip is thanked (once per run), families' abandoned bookings
    // are followed up, and quiet seekers are won back after 60 silent days.
    for moment in [
        "takk-etter-turen",
        "forlatt-booking-familie",
        "vinn-tilbake-stillhet",
    ] {
        let b = backtest(moment);
        assert!(b["fired"].as_u64().is_some_and(|n| n > 0), "{moment}: {b}");
    }
    let families = backtest("forlatt-booking-familie");
    let per_persona = families["per_persona"].as_object().expect("per persona");
    assert_eq!(
        per_persona.keys().collect::<Vec<_>>(),
        ["familien-becker"],
        "only families: {families}"
    );
}
