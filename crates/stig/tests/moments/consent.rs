//! Consent end to end: a real `stig serve` fed Segment events with consent (the consent
//! object of Segment's Consent Management, and a `consent` trait) sends a marketing email
//! only to the customer who granted marketing, records the others as suppressed (never sent,
//! counted in the activity log and the metrics), while a service email reaches everyone.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{
    PyServer, Stig, WS, ago, free_port, python_or_skip, stig, wait_for, workspace,
};

const MOMENTS: &str = r#"
[[moment]]
id = "offer"
name = "Winter offer"
enabled = true
trigger = { on = "event", event = "Trip Completed" }

[[moment.action]]
kind = "email"
to = "customer"
purpose = "marketing"
subject = { en = "An offer for you, {{ customer.first_name }}" }
body = { en = "Come back this winter." }

[[moment]]
id = "receipt"
name = "Receipt"
enabled = true
trigger = { on = "event", event = "Trip Completed" }

[[moment.action]]
kind = "email"
to = "customer"
purpose = "service"
subject = { en = "Your receipt, {{ customer.first_name }}" }
body = { en = "Thank you for travelling with us." }
"#;

fn identify(who: &str, secs_ago: i64, traits: Value, consent: Option<Value>) -> Value {
    let mut e =
        json!({"type": "identify", "userId": who, "timestamp": ago(secs_ago), "traits": traits});
    if let Some(c) = consent {
        e["context"] = json!({"consent": {"categoryPreferences": c}});
    }
    e
}

#[test]
fn a_marketing_moment_reaches_only_customers_who_consented_and_counts_the_rest() {
    let Some(python) = python_or_skip("a_marketing_moment_reaches_only_customers_who_consented")
    else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let smtp = PyServer::start(
        &python,
        "smtp_server.py",
        tmp.path().join("mail.jsonl"),
        &[],
    );
    let (db, key) = workspace(tmp.path(), MOMENTS, smtp.port);
    let metrics_port = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let server = Stig::serve(
        &db,
        &[
            "--allow-targets",
            "127.0.0.1",
            "--metrics-addr",
            &metrics_addr,
        ],
    );
    // Let the evaluator see the moments go live before the events come.
    std::thread::sleep(Duration::from_millis(1_500));

    let mail = |who: &str| json!({"first_name": who, "email": format!("{who}@example.no")});
    server.send(
        &key,
        &[
            // Granted through the consent manager.
            identify(
                "kari",
                9,
                mail("kari"),
                Some(json!({"Marketing": true, "Analytics": false})),
            ),
            // Never asked.
            identify("ola", 9, mail("ola"), None),
            // Granted, then withdrawn with the consent trait.
            identify("nils", 9, mail("nils"), Some(json!({"Marketing": true}))),
            identify("nils", 8, json!({"consent": {"marketing": false}}), None),
        ],
    );
    server.send(
        &key,
        &["kari", "ola", "nils"].map(|who| {
            json!({"type": "track", "userId": who, "event": "Trip Completed", "timestamp": ago(5)})
        }),
    );

    // Three receipts and one offer; nothing more arrives.
    wait_for("four emails", Duration::from_secs(30), || {
        (smtp.records().len() >= 4).then_some(())
    });
    std::thread::sleep(Duration::from_millis(1_500));
    let mails = smtp.records();
    assert_eq!(mails.len(), 4, "{mails:#?}");
    let to = |m: &Value| m["rcpt_tos"][0].as_str().unwrap_or_default().to_owned();
    let subject = |m: &Value| {
        m["headers"]["subject"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let offers: Vec<String> = mails
        .iter()
        .filter(|m| subject(m).starts_with("An offer"))
        .map(to)
        .collect();
    assert_eq!(offers, ["kari@example.no"], "only kari consented");
    let mut receipts: Vec<String> = mails
        .iter()
        .filter(|m| subject(m).starts_with("Your receipt"))
        .map(to)
        .collect();
    receipts.sort();
    assert_eq!(
        receipts,
        ["kari@example.no", "nils@example.no", "ola@example.no"],
        "service reaches everyone"
    );

    // The activity log: the offer fired for all three, two of them suppressed and never
    // queued.
    let token = stig(&[
        "token",
        "create",
        "--user",
        "admin",
        "--db",
        db.to_str().expect("utf-8"),
    ])
    .trim()
    .to_owned();
    let firings = server.api(
        &token,
        &format!("/api/workspaces/{WS}/firings?moment=offer"),
    );
    let firings = firings.as_array().expect("a list");
    assert_eq!(firings.len(), 3, "{firings:#?}");
    for f in firings {
        let who = f["customer"].as_str().expect("customer");
        let deliveries = f["deliveries"].as_array().expect("deliveries");
        let suppressed = f["suppressed"].as_array().expect("suppressed");
        if who == "kari" {
            assert_eq!((deliveries.len(), suppressed.len()), (1, 0), "{f:#?}");
            assert_eq!(deliveries[0]["status"], "delivered");
        } else {
            assert_eq!((deliveries.len(), suppressed.len()), (0, 1), "{f:#?}");
            assert_eq!(suppressed[0]["purpose"], "marketing");
            assert_eq!(suppressed[0]["kind"], "email");
        }
    }
    let receipts = server.api(
        &token,
        &format!("/api/workspaces/{WS}/firings?moment=receipt"),
    );
    assert!(
        receipts
            .as_array()
            .expect("a list")
            .iter()
            .all(|f| f["suppressed"].as_array().is_some_and(Vec::is_empty)),
        "{receipts:#?}"
    );

    // Counted beside the sender's outcomes.
    let metrics = ureq::get(&format!("http://{metrics_addr}/metrics"))
        .call()
        .expect("metrics")
        .body_mut()
        .read_to_string()
        .expect("text");
    let suppressed = metrics
        .lines()
        .find(|l| l.starts_with("stig_deliveries_total") && l.contains("outcome=\"suppressed\""))
        .unwrap_or_else(|| panic!("no suppressed count in\n{metrics}"));
    assert!(suppressed.ends_with(" 2"), "{suppressed}");

    // The backtest says the same of the history.
    let backtest = server.api(
        &token,
        &format!("/api/workspaces/{WS}/moments/offer/backtest"),
    );
    assert_eq!(
        (backtest["fired"].as_u64(), backtest["suppressed"].as_u64()),
        (Some(3), Some(2))
    );
}
