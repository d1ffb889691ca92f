//! Business moments (the outbox), backend-agnostic: every function runs against each
//! backend's fresh store.

use jiff::{Timestamp, ToSpan};
use serde_json::json;
use stig_model::Settings;
use stig_store::{
    AfterAttempt, Attempt, CommitOutcome, DeliveryStatus, FiringQuery, MomentCommit, NewDelivery,
    NewFiring, Store, StoreError, TaskStatus,
};

use crate::Backend;

const WS: &str = "arctic-winter";

fn t(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

async fn workspace(store: &dyn Store, id: &str) {
    let settings = Settings {
        name: id.into(),
        ..Settings::default()
    };
    store
        .create_workspace(id, &settings, "test")
        .await
        .expect("create workspace");
}

fn delivery(action: u32, kind: &str, not_before: Timestamp) -> NewDelivery {
    NewDelivery {
        action,
        kind: kind.into(),
        payload: json!({ "url": "https://example.com/hook", "action": action }),
        not_before,
    }
}

fn firing(moment: &str, occurrence: &str, customer: &str, at: Timestamp) -> NewFiring {
    NewFiring {
        moment: moment.into(),
        occurrence: occurrence.into(),
        customer: customer.into(),
        persona: Some("explorer".into()),
        at,
        context: json!({ "event": "Trip Booked", "customer": { "id": customer } }),
        deliveries: vec![delivery(0, "webhook", at), delivery(1, "survey", at)],
        suppressed: Vec::new(),
    }
}

fn commit(firings: Vec<NewFiring>) -> MomentCommit {
    MomentCommit {
        firings,
        ..MomentCommit::default()
    }
}

fn attempt(at: Timestamp, ok: bool, error: Option<&str>) -> Attempt {
    Attempt {
        at,
        ok,
        status: Some(if ok { 200 } else { 503 }),
        error: error.map(str::to_owned),
        duration_ms: 12,
    }
}

/// Everything pending and due by far in the future, of `WS` only.
async fn pending_ids(store: &dyn Store) -> Vec<i64> {
    store
        .due_deliveries(t("2100-01-01T00:00:00Z"), 1000)
        .await
        .expect("due")
        .into_iter()
        .filter(|d| d.workspace == WS)
        .map(|d| d.id)
        .collect()
}

pub async fn a_moment_fires_once_per_occurrence(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let at = t("2026-03-01T10:00:00Z");
    let out = store
        .commit_moments(WS, &commit(vec![firing("welcome", "msg-1", "kari", at)]))
        .await
        .expect("commit");
    assert_eq!(
        out,
        CommitOutcome {
            fired: 1,
            duplicates: 0
        }
    );
    let again = store
        .commit_moments(
            WS,
            &commit(vec![
                firing("welcome", "msg-1", "kari", at),
                firing("welcome", "msg-2", "kari", at),
                firing("upsell", "msg-1", "kari", at),
            ]),
        )
        .await
        .expect("commit again");
    assert_eq!(
        again,
        CommitOutcome {
            fired: 2,
            duplicates: 1
        },
        "the same occurrence of the same moment is a duplicate; another moment may fire on it"
    );
    let deliveries = store
        .list_deliveries(WS, None, 100)
        .await
        .expect("deliveries");
    assert_eq!(deliveries.len(), 6, "no deliveries for the duplicate");
    let mut whose: Vec<(&str, &str)> = deliveries
        .iter()
        .map(|d| (d.moment.as_str(), d.occurrence.as_str()))
        .collect();
    whose.sort_unstable();
    assert_eq!(
        whose,
        [
            ("upsell", "msg-1"),
            ("upsell", "msg-1"),
            ("welcome", "msg-1"),
            ("welcome", "msg-1"),
            ("welcome", "msg-2"),
            ("welcome", "msg-2"),
        ],
        "each firing's deliveries hang off it, past the skipped duplicate"
    );
    let d = deliveries.last().expect("oldest");
    assert_eq!(d.status, DeliveryStatus::Pending);
    assert_eq!(d.attempts, 0);
    assert_eq!(d.next_attempt_at, at);
    assert_eq!(d.moment, "welcome");
    assert_eq!(d.occurrence, "msg-1");
    assert_eq!(d.customer, "kari");
    assert_eq!(d.kind, "webhook");
    assert_eq!(d.payload["url"], "https://example.com/hook");
    assert_eq!(d.idempotency_key(), format!("msg_{WS}_{}", d.id));
    assert_eq!(store.delivery(WS, d.id).await.expect("one delivery"), *d);

    let err = store
        .commit_moments("nowhere", &commit(vec![firing("welcome", "m", "kari", at)]))
        .await
        .expect_err("unknown workspace");
    assert!(err.is_not_found(), "{err}");
}

pub async fn the_cursor_advances_only_with_its_commit(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    assert_eq!(store.moment_cursor(WS).await.expect("cursor"), 0);
    let at = t("2026-03-01T10:00:00Z");
    let mut c = commit(vec![firing("welcome", "msg-1", "kari", at)]);
    c.cursor = Some(42);
    store.commit_moments(WS, &c).await.expect("commit");
    assert_eq!(store.moment_cursor(WS).await.expect("cursor"), 42);
    store
        .commit_moments(WS, &MomentCommit::default())
        .await
        .expect("commit nothing");
    assert_eq!(
        store.moment_cursor(WS).await.expect("cursor"),
        42,
        "None leaves it"
    );

    // A commit that fails writes nothing: not its firings, not its cursor.
    let mut bad = commit(vec![firing("welcome", "msg-9", "kari", at)]);
    bad.cursor = Some(99);
    let err = store
        .commit_moments("nowhere", &bad)
        .await
        .expect_err("fails");
    assert!(err.is_not_found());
    assert_eq!(store.moment_cursor(WS).await.expect("cursor"), 42);
    assert_eq!(store.moment_cursor("nowhere").await.expect("cursor"), 0);
    assert_eq!(
        b.raw_outbox_count("SELECT COUNT(*) FROM moment_firings WHERE occurrence = 'msg-9'")
            .await,
        0
    );
}

pub async fn a_moment_is_live_since_it_was_first_seen(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let first = t("2026-03-01T10:00:00Z");
    let later = t("2026-03-02T10:00:00Z");
    assert_eq!(
        store
            .moment_live_since(WS, "welcome", first)
            .await
            .expect("live"),
        first
    );
    assert_eq!(
        store
            .moment_live_since(WS, "welcome", later)
            .await
            .expect("live"),
        first,
        "the first time is kept"
    );
    store
        .forget_moment_live_since(WS, "welcome")
        .await
        .expect("forget");
    assert_eq!(
        store
            .moment_live_since(WS, "welcome", later)
            .await
            .expect("live"),
        later,
        "enabled again: starts fresh"
    );
    assert!(
        store
            .moment_live_since("nowhere", "welcome", later)
            .await
            .expect_err("no workspace")
            .is_not_found()
    );
}

pub async fn firings_since_restore_frequency_caps(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    store
        .commit_moments(
            WS,
            &commit(vec![
                firing("welcome", "a", "kari", t("2026-03-01T10:00:00Z")),
                firing("welcome", "b", "ola", t("2026-03-03T10:00:00Z")),
                firing("upsell", "c", "kari", t("2026-03-02T10:00:00Z")),
            ]),
        )
        .await
        .expect("commit");
    let since = store
        .firings_since(WS, t("2026-03-02T00:00:00Z"))
        .await
        .expect("since");
    assert_eq!(
        since,
        [
            (
                "upsell".to_owned(),
                "kari".to_owned(),
                "c".to_owned(),
                t("2026-03-02T10:00:00Z")
            ),
            (
                "welcome".to_owned(),
                "ola".to_owned(),
                "b".to_owned(),
                t("2026-03-03T10:00:00Z")
            ),
        ]
    );
}

pub async fn deliveries_are_due_until_delivered_retried_or_dead(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    workspace(store, "other").await;
    let at = t("2026-03-01T10:00:00Z");
    let mut quiet = firing("welcome", "msg-1", "kari", at);
    quiet.deliveries = vec![
        delivery(0, "webhook", at),
        delivery(1, "email", t("2026-03-01T12:00:00Z")),
        delivery(2, "survey", at + 1.minute()),
    ];
    store
        .commit_moments(WS, &commit(vec![quiet]))
        .await
        .expect("commit");
    store
        .commit_moments("other", &commit(vec![firing("welcome", "x", "ola", at)]))
        .await
        .expect("commit other");

    let due = store
        .due_deliveries(t("2026-03-01T11:00:00Z"), 100)
        .await
        .expect("due");
    assert_eq!(due.len(), 4, "across workspaces, not the quiet-hours one");
    assert!(due.iter().any(|d| d.workspace == "other"));
    assert!(due.iter().all(|d| d.kind != "email"));
    assert_eq!(
        due.iter()
            .filter(|d| d.workspace == WS)
            .map(|d| d.action)
            .collect::<Vec<_>>(),
        [0, 2],
        "oldest next attempt first"
    );
    assert_eq!(
        store
            .due_deliveries(t("2026-03-01T11:00:00Z"), 1)
            .await
            .expect("due")
            .len(),
        1
    );
    let ids = pending_ids(store).await;
    let (webhook, survey, email) = (ids[0], ids[1], ids[2]);

    // Delivered: gone from the due list.
    let ok_at = t("2026-03-01T10:00:05Z");
    store
        .record_attempt(
            webhook,
            &attempt(ok_at, true, None),
            AfterAttempt::Delivered,
        )
        .await
        .expect("delivered");
    let d = store.delivery(WS, webhook).await.expect("delivery");
    assert_eq!(d.status, DeliveryStatus::Delivered);
    assert_eq!(d.attempts, 1);
    assert_eq!(d.delivered_at, Some(ok_at));
    assert!(!pending_ids(store).await.contains(&webhook));

    // Retry: hidden until then, still pending.
    let retry_at = t("2026-03-01T10:30:00Z");
    store
        .record_attempt(
            survey,
            &attempt(
                t("2026-03-01T10:01:00Z"),
                false,
                Some("503 Service Unavailable"),
            ),
            AfterAttempt::RetryAt(retry_at),
        )
        .await
        .expect("retry");
    let d = store.delivery(WS, survey).await.expect("delivery");
    assert_eq!(d.status, DeliveryStatus::Pending);
    assert_eq!(d.attempts, 1);
    assert_eq!(d.next_attempt_at, retry_at);
    assert_eq!(d.last_error.as_deref(), Some("503 Service Unavailable"));
    let due_ids = |v: Vec<stig_store::Delivery>| v.into_iter().map(|d| d.id).collect::<Vec<_>>();
    assert!(
        !due_ids(
            store
                .due_deliveries(t("2026-03-01T10:29:59Z"), 100)
                .await
                .expect("due")
        )
        .contains(&survey)
    );
    assert!(due_ids(store.due_deliveries(retry_at, 100).await.expect("due")).contains(&survey));

    // Dead: listed as dead, replayed back to pending.
    store
        .record_attempt(
            survey,
            &attempt(retry_at, false, Some("gave up")),
            AfterAttempt::Dead,
        )
        .await
        .expect("dead");
    let dead = store
        .list_deliveries(WS, Some(DeliveryStatus::Dead), 10)
        .await
        .expect("dead");
    assert_eq!(dead.iter().map(|d| d.id).collect::<Vec<_>>(), [survey]);
    assert_eq!(dead[0].attempts, 2);
    assert!(!pending_ids(store).await.contains(&survey));
    store.replay_delivery(WS, survey).await.expect("replay");
    let d = store.delivery(WS, survey).await.expect("delivery");
    assert_eq!(d.status, DeliveryStatus::Pending);
    assert!(pending_ids(store).await.contains(&survey), "due now");
    assert!(
        store
            .list_deliveries(WS, Some(DeliveryStatus::Dead), 10)
            .await
            .expect("dead")
            .is_empty()
    );
    assert!(matches!(
        store.replay_delivery(WS, webhook).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(
        store
            .replay_delivery("other", survey)
            .await
            .expect_err("other workspace")
            .is_not_found()
    );
    assert!(
        store
            .delivery("other", email)
            .await
            .expect_err("wrong ws")
            .is_not_found()
    );

    // Attempts, oldest first.
    let attempts = store.delivery_attempts(survey).await.expect("attempts");
    assert_eq!(attempts.len(), 2);
    assert!(!attempts[0].ok);
    assert_eq!(attempts[0].status, Some(503));
    assert_eq!(
        attempts[0].error.as_deref(),
        Some("503 Service Unavailable")
    );
    assert_eq!(attempts[0].duration_ms, 12);
    assert_eq!(attempts[1].error.as_deref(), Some("gave up"));
    assert_eq!(store.delivery_attempts(email).await.expect("none"), []);

    // Listing by status, newest first.
    let all = store.list_deliveries(WS, None, 10).await.expect("all");
    assert_eq!(
        all.iter().map(|d| d.id).collect::<Vec<_>>(),
        [survey, email, webhook]
    );
    let delivered = store
        .list_deliveries(WS, Some(DeliveryStatus::Delivered), 10)
        .await
        .expect("delivered");
    assert_eq!(
        delivered.iter().map(|d| d.id).collect::<Vec<_>>(),
        [webhook]
    );
}

pub async fn firings_are_listed_with_their_deliveries_and_counted(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let at = t("2026-03-01T10:00:00Z");
    store
        .commit_moments(
            WS,
            &commit(vec![
                firing("welcome", "a", "kari", at),
                firing("welcome", "b", "ola", at + 1.hour()),
                firing("upsell", "c", "kari", at + 2.hours()),
            ]),
        )
        .await
        .expect("commit");

    let all = store
        .list_firings(
            WS,
            &FiringQuery {
                limit: 10,
                ..FiringQuery::default()
            },
        )
        .await
        .expect("firings");
    assert_eq!(
        all.iter()
            .map(|f| f.occurrence.as_str())
            .collect::<Vec<_>>(),
        ["c", "b", "a"],
        "newest first"
    );
    for f in &all {
        assert_eq!(f.deliveries.len(), 2);
        assert!(f.deliveries.iter().all(|d| d.firing == f.id));
        assert_eq!(f.deliveries[0].action, 0);
        assert_eq!(f.persona.as_deref(), Some("explorer"));
    }
    assert_eq!(all[2].at, at);
    assert_eq!(all[2].context["event"], "Trip Booked");

    let by_moment = store
        .list_firings(
            WS,
            &FiringQuery {
                moment: Some("welcome".into()),
                limit: 1,
                ..FiringQuery::default()
            },
        )
        .await
        .expect("by moment");
    assert_eq!(by_moment.len(), 1);
    assert_eq!(by_moment[0].occurrence, "b");
    assert_eq!(by_moment[0].deliveries.len(), 2);
    let by_customer = store
        .list_firings(
            WS,
            &FiringQuery {
                customer: Some("kari".into()),
                limit: 10,
                ..FiringQuery::default()
            },
        )
        .await
        .expect("by customer");
    assert_eq!(
        by_customer
            .iter()
            .map(|f| f.occurrence.as_str())
            .collect::<Vec<_>>(),
        ["c", "a"]
    );
    let both = store
        .list_firings(
            WS,
            &FiringQuery {
                moment: Some("welcome".into()),
                customer: Some("kari".into()),
                limit: 10,
            },
        )
        .await
        .expect("both");
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].occurrence, "a");

    // Counts.
    let welcome_a = all[2].deliveries[0].id;
    store
        .record_attempt(welcome_a, &attempt(at, true, None), AfterAttempt::Delivered)
        .await
        .expect("delivered");
    let welcome_b = all[1].deliveries[0].id;
    store
        .record_attempt(
            welcome_b,
            &attempt(at, false, Some("no")),
            AfterAttempt::Dead,
        )
        .await
        .expect("dead");
    let counts = store.moment_counts(WS).await.expect("counts");
    assert_eq!(counts.len(), 2);
    let w = counts["welcome"];
    assert_eq!((w.fired, w.pending, w.delivered, w.dead), (2, 2, 1, 1));
    assert!(w.last_fired.is_some());
    let u = counts["upsell"];
    assert_eq!((u.fired, u.pending, u.delivered, u.dead), (1, 2, 0, 0));
    assert!(
        store
            .moment_counts("nowhere")
            .await
            .expect("none")
            .is_empty()
    );
}

pub async fn tasks_are_made_once_per_delivery_and_assigned(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let at = t("2026-03-01T10:00:00Z");
    store
        .commit_moments(
            WS,
            &commit(vec![
                firing("welcome", "a", "kari", at),
                firing("welcome", "b", "ola", at),
            ]),
        )
        .await
        .expect("commit");
    let ids = pending_ids(store).await;
    let first = store
        .create_task(
            WS,
            ids[1],
            "welcome",
            "kari",
            "Call Kari",
            "She booked",
            Some("ola"),
        )
        .await
        .expect("task");
    let again = store
        .create_task(WS, ids[1], "welcome", "kari", "Other", "Other", None)
        .await
        .expect("task again");
    assert_eq!(first, again, "one task per delivery");
    let second = store
        .create_task(WS, ids[3], "welcome", "ola", "Call Ola", "", None)
        .await
        .expect("second task");
    assert!(
        store
            .create_task(WS, 999_999, "welcome", "ola", "x", "", None)
            .await
            .expect_err("no delivery")
            .is_not_found()
    );

    let tasks = store.list_tasks(WS, None, 10).await.expect("tasks");
    assert_eq!(
        tasks.iter().map(|t| t.id).collect::<Vec<_>>(),
        [second, first]
    );
    let task = &tasks[1];
    assert_eq!(task.title, "Call Kari");
    assert_eq!(task.body, "She booked");
    assert_eq!(task.assignee.as_deref(), Some("ola"));
    assert_eq!(task.status, TaskStatus::Open);
    assert_eq!(task.delivery, ids[1]);
    assert_eq!(task.customer, "kari");
    assert_eq!(task.done_at, None);

    let unassigned = store
        .update_task(WS, first, Some(None), None)
        .await
        .expect("unassign");
    assert_eq!(unassigned.assignee, None);
    assert_eq!(unassigned.status, TaskStatus::Open);
    let done = store
        .update_task(WS, second, Some(Some("kari")), Some(TaskStatus::Done))
        .await
        .expect("done");
    assert_eq!(done.assignee.as_deref(), Some("kari"));
    assert_eq!(done.status, TaskStatus::Done);
    assert!(done.done_at.is_some());
    let kept = store
        .update_task(WS, second, None, None)
        .await
        .expect("nothing");
    assert_eq!(kept, done, "None leaves every field");

    let tasks = store.list_tasks(WS, None, 10).await.expect("tasks");
    assert_eq!(
        tasks.iter().map(|t| t.id).collect::<Vec<_>>(),
        [first, second],
        "open first"
    );
    let open = store
        .list_tasks(WS, Some(TaskStatus::Open), 10)
        .await
        .expect("open");
    assert_eq!(open.iter().map(|t| t.id).collect::<Vec<_>>(), [first]);
    let reopened = store
        .update_task(WS, second, None, Some(TaskStatus::Open))
        .await
        .expect("reopen");
    assert_eq!(reopened.done_at, None);
    assert!(
        store
            .update_task(WS, 999_999, None, Some(TaskStatus::Done))
            .await
            .expect_err("absent")
            .is_not_found()
    );
    assert!(
        store
            .update_task("other", first, None, None)
            .await
            .expect_err("other workspace")
            .is_not_found()
    );
}

pub async fn workspace_secrets_are_set_listed_without_values_and_deleted(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    assert_eq!(store.workspace_secret(WS, "smtp").await.expect("get"), None);
    store
        .set_workspace_secret(WS, "webhook", "s3cret")
        .await
        .expect("set");
    store
        .set_workspace_secret(WS, "smtp", "pa55")
        .await
        .expect("set");
    store
        .set_workspace_secret(WS, "smtp", "new-pa55")
        .await
        .expect("replace");
    assert_eq!(
        store
            .workspace_secret(WS, "smtp")
            .await
            .expect("get")
            .as_deref(),
        Some("new-pa55")
    );
    let list = store.list_workspace_secrets(WS).await.expect("list");
    assert_eq!(
        list.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["smtp", "webhook"]
    );
    let shown = serde_json::to_string(&list).expect("json");
    assert!(
        !shown.contains("pa55") && !shown.contains("s3cret"),
        "{shown}"
    );
    assert!(matches!(
        store.set_workspace_secret(WS, "", "x").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.set_workspace_secret(WS, "x", "").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(
        store
            .set_workspace_secret("nowhere", "x", "y")
            .await
            .expect_err("no workspace")
            .is_not_found()
    );
    store
        .delete_workspace_secret(WS, "smtp")
        .await
        .expect("delete");
    assert_eq!(store.workspace_secret(WS, "smtp").await.expect("get"), None);
    assert!(
        store
            .delete_workspace_secret(WS, "smtp")
            .await
            .expect_err("gone")
            .is_not_found()
    );
    assert_eq!(
        store.list_workspace_secrets(WS).await.expect("list").len(),
        1
    );
}

pub async fn deleting_a_workspace_removes_its_moment_rows(b: &Backend) {
    let store = &*b.store;
    workspace(store, "gone").await;
    workspace(store, WS).await;
    let at = t("2026-03-01T10:00:00Z");
    for ws in ["gone", WS] {
        let mut c = commit(vec![firing("welcome", "a", "kari", at)]);
        c.cursor = Some(7);
        store.commit_moments(ws, &c).await.expect("commit");
        store
            .moment_live_since(ws, "welcome", at)
            .await
            .expect("live");
        store
            .set_workspace_secret(ws, "k", "v")
            .await
            .expect("secret");
        let d = store
            .list_deliveries(ws, None, 10)
            .await
            .expect("deliveries");
        store
            .record_attempt(d[0].id, &attempt(at, true, None), AfterAttempt::Delivered)
            .await
            .expect("attempt");
        store
            .create_task(ws, d[1].id, "welcome", "kari", "t", "b", None)
            .await
            .expect("task");
    }
    store.delete_workspace("gone").await.expect("delete");
    // Each firing has two deliveries: one attempted, one with a task.
    for (table, kept) in [
        ("SELECT COUNT(*) FROM moment_cursors", 1),
        ("SELECT COUNT(*) FROM moment_live", 1),
        ("SELECT COUNT(*) FROM moment_firings", 1),
        ("SELECT COUNT(*) FROM moment_deliveries", 2),
        ("SELECT COUNT(*) FROM moment_attempts", 1),
        ("SELECT COUNT(*) FROM tasks", 1),
    ] {
        assert_eq!(
            b.raw_outbox_count(table).await,
            kept,
            "{table}: only the kept workspace's rows"
        );
    }
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM workspace_secrets").await,
        1,
        "only the kept workspace's secrets"
    );
    assert!(
        store
            .delete_workspace("gone")
            .await
            .expect_err("gone already")
            .is_not_found()
    );
    assert_eq!(store.moment_cursor("gone").await.expect("cursor"), 0);
    assert_eq!(store.moment_cursor(WS).await.expect("cursor"), 7);
}

pub async fn moment_entities_are_stored(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let body = json!({
        "id": "welcome",
        "name": "Welcome",
        "enabled": true,
        "trigger": { "on": "event", "event": "Trip Booked" },
    });
    store
        .create_entity(WS, stig_store::EntityKind::Moment, "welcome", body, "test")
        .await
        .expect("a moment is an entity");
    let ws = store.load_workspace(WS).await.expect("load").value;
    assert_eq!(ws.moments.len(), 1);
    assert_eq!(ws.moments[0].id, "welcome");
}

/// A task action needs no network: its task exists as soon as the firing does, and its
/// delivery is done, never due.
pub async fn a_task_action_is_done_in_the_firings_commit(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let at = Timestamp::now();
    let mut f = firing("welcome", "o-task", "kari", at);
    f.deliveries = vec![NewDelivery {
        action: 0,
        kind: "task".into(),
        payload: json!({ "title": "Call Kari", "body": "She booked", "assignee": "ola" }),
        not_before: at,
    }];
    store
        .commit_moments(WS, &commit(vec![f.clone()]))
        .await
        .expect("commit");
    let tasks = store.list_tasks(WS, None, 10).await.expect("tasks");
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (tasks[0].title.as_str(), tasks[0].assignee.as_deref()),
        ("Call Kari", Some("ola"))
    );
    assert!(
        store.due_deliveries(at, 10).await.expect("due").is_empty(),
        "nothing to send"
    );
    let firings = store
        .list_firings(WS, &FiringQuery::default())
        .await
        .expect("firings");
    assert_eq!(firings[0].deliveries[0].status, DeliveryStatus::Delivered);
    // The same occurrence again: no second task.
    store
        .commit_moments(WS, &commit(vec![f]))
        .await
        .expect("commit again");
    assert_eq!(
        store.list_tasks(WS, None, 10).await.expect("tasks").len(),
        1
    );
}

pub async fn due_deliveries_are_taken_by_one_taker_at_a_time(b: &Backend) {
    let store = &*b.store;
    workspace(store, WS).await;
    let at = t("2026-03-01T10:00:00Z");
    let mut f = firing("welcome", "o-1", "kari", at);
    f.deliveries = (0..5).map(|a| delivery(a, "webhook", at)).collect();
    store
        .commit_moments(WS, &commit(vec![f]))
        .await
        .expect("commit");
    let now = t("2026-03-01T10:00:01Z");
    let lease = std::time::Duration::from_secs(60);
    // Two takers at once (two nodes on PostgreSQL): no delivery goes to both.
    let (x, y) = tokio::join!(
        store.take_due_deliveries(now, 3, lease),
        store.take_due_deliveries(now, 3, lease)
    );
    let (x, y) = (x.expect("take"), y.expect("take"));
    let mut ids: Vec<i64> = x.iter().chain(&y).map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), x.len() + y.len(), "no delivery taken twice");
    let rest = store
        .take_due_deliveries(now, 10, lease)
        .await
        .expect("take");
    assert_eq!(x.len() + y.len() + rest.len(), 5);
    assert!(
        store
            .take_due_deliveries(now, 10, lease)
            .await
            .expect("take")
            .is_empty(),
        "all taken"
    );
    // A retry recorded is due at its own time; the others once their lease ran out.
    let first = x.first().or(y.first()).expect("one taken").id;
    store
        .record_attempt(
            first,
            &attempt(now, false, Some("busy")),
            AfterAttempt::RetryAt(t("2026-03-01T10:00:30Z")),
        )
        .await
        .expect("attempt");
    let retried = store
        .take_due_deliveries(t("2026-03-01T10:00:31Z"), 10, lease)
        .await
        .expect("take");
    assert_eq!(retried.iter().map(|d| d.id).collect::<Vec<_>>(), [first]);
    let after_lease = store
        .take_due_deliveries(t("2026-03-01T10:01:02Z"), 10, lease)
        .await
        .expect("take");
    assert_eq!(
        after_lease.len(),
        4,
        "the taken ones come back; the retried one is taken"
    );
    assert!(after_lease.iter().all(|d| d.id != first));
}
