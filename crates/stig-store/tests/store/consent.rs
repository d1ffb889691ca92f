//! Actions suppressed for lack of consent: stored with their firing in its transaction,
//! never queued for a sender, read back with the firing, counted per moment, not stored again
//! when the firing is replayed, and gone with their workspace.

use jiff::Timestamp;
use serde_json::json;
use stig_model::Settings;
use stig_store::{FiringQuery, MomentCommit, NewDelivery, NewFiring, Suppressed};

use crate::Backend;

fn firing(occurrence: &str, customer: &str, consented: bool, at: Timestamp) -> NewFiring {
    let email = NewDelivery {
        action: 0,
        kind: "email".into(),
        payload: json!({ "to": format!("{customer}@example.no") }),
        not_before: at,
    };
    let task = NewDelivery {
        action: 1,
        kind: "task".into(),
        payload: json!({ "title": "Call" }),
        not_before: at,
    };
    let (deliveries, suppressed) = if consented {
        (vec![email, task], vec![])
    } else {
        let s = Suppressed {
            action: 0,
            kind: "email".into(),
            purpose: "marketing".into(),
        };
        (vec![task], vec![s])
    };
    NewFiring {
        moment: "offer".into(),
        occurrence: occurrence.into(),
        customer: customer.into(),
        persona: None,
        at,
        context: json!({}),
        deliveries,
        suppressed,
    }
}

pub async fn suppressed_actions_are_kept_with_their_firing_and_never_sent(b: &Backend) {
    let store = b.store.as_ref();
    let settings = Settings {
        name: "ws".into(),
        ..Settings::default()
    };
    store
        .create_workspace("ws", &settings, "test")
        .await
        .expect("workspace");
    let at: Timestamp = "2026-05-01T10:00:00Z".parse().expect("time");
    let commit = MomentCommit {
        cursor: Some(3),
        firings: vec![
            firing("e1", "kari", true, at),
            firing("e2", "ola", false, at),
            firing("e3", "nils", false, at),
        ],
    };
    store.commit_moments("ws", &commit).await.expect("commit");
    // Replayed after a crash: nothing is stored twice.
    let again = store.commit_moments("ws", &commit).await.expect("replay");
    assert_eq!(again.fired, 0);

    let counts = store.moment_counts("ws").await.expect("counts");
    assert_eq!(counts["offer"].fired, 3);
    assert_eq!(counts["offer"].suppressed, 2);
    // Only kari's email waits for a sender (tasks are done as they are made).
    let due = store
        .due_deliveries("2026-06-01T00:00:00Z".parse().expect("time"), 100)
        .await
        .expect("due");
    let to: Vec<&str> = due
        .iter()
        .filter_map(|d| d.payload["to"].as_str())
        .collect();
    assert_eq!(to, ["kari@example.no"]);

    let firings = store
        .list_firings(
            "ws",
            &FiringQuery {
                moment: Some("offer".into()),
                customer: Some("ola".into()),
                limit: 10,
            },
        )
        .await
        .expect("firings");
    assert_eq!(firings.len(), 1);
    assert_eq!(
        firings[0].suppressed,
        [Suppressed {
            action: 0,
            kind: "email".into(),
            purpose: "marketing".into(),
        }]
    );
    assert_eq!(firings[0].deliveries.len(), 1, "the task still went");

    store.delete_workspace("ws").await.expect("delete");
    assert_eq!(
        b.raw_outbox_count("SELECT COUNT(*) FROM moment_suppressions")
            .await,
        0
    );
}
