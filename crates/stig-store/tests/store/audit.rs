//! The audit log on every backend: entries are appended in a gapless, hash-chained order,
//! listed newest first through filters and pages, and a row edited behind the store's back is
//! found by verify at its number.

use jiff::{SignedDuration, Timestamp};
use stig_store::{AuditAction, AuditActor, AuditBreak, AuditQuery, AuditTarget, NewAuditEntry};

use crate::Backend;

fn kari() -> AuditActor {
    AuditActor::User {
        id: 7,
        name: "Kari".into(),
    }
}

fn entry(actor: AuditActor, action: AuditAction, ws: Option<&str>) -> NewAuditEntry {
    let mut e = NewAuditEntry::new(actor, action);
    e.workspace = ws.map(str::to_owned);
    e
}

pub async fn audit_entries_are_chained_listed_and_verified(b: &Backend) {
    let store = &*b.store;
    let empty = store.verify_audit().await.expect("verify empty");
    assert!(empty.is_ok());
    assert_eq!((empty.count, empty.last_hash), (0, None));

    let mut edit = entry(kari(), AuditAction::EntityUpdated, Some("arctic"));
    edit.target = Some(AuditTarget::new("journey", "aurora-trip"));
    edit.detail = serde_json::json!({"name": {"old": "Aurora", "new": "Aurora trip"}});
    edit.client = Some("10.0.0.8".into());
    let first = store.append_audit(&edit).await.expect("append");
    assert_eq!(first.seq, 1);
    assert_eq!(first.actor, "Kari");
    assert_eq!(first.actor_user, Some(7));
    assert_eq!(first.action, "entity-updated");
    assert_eq!(first.target_id.as_deref(), Some("aurora-trip"));
    assert_eq!(first.detail_json()["name"]["new"], "Aurora trip");

    let failed = entry(
        AuditActor::Anonymous {
            attempted: "ola".into(),
        },
        AuditAction::LoginFailed,
        None,
    );
    let second = store.append_audit(&failed).await.expect("append");
    assert_eq!(second.seq, 2);
    assert_eq!(second.prev_hash, first.hash);
    let third = store
        .append_audit(&entry(
            AuditActor::Cli,
            AuditAction::WorkspaceCreated,
            Some("retail"),
        ))
        .await
        .expect("append");
    store
        .append_audit(&entry(kari(), AuditAction::RoleChanged, None))
        .await
        .expect("append");

    // Newest first, whole entries as appended.
    let all = store
        .list_audit(&AuditQuery::default())
        .await
        .expect("list");
    assert_eq!(all.iter().map(|e| e.seq).collect::<Vec<_>>(), [4, 3, 2, 1]);
    assert_eq!(all[3], first);

    // Filters: actor (part, any case), action, workspace, time, and pages.
    let by = |q: AuditQuery| async move {
        store
            .list_audit(&q)
            .await
            .expect("list")
            .iter()
            .map(|e| e.seq)
            .collect::<Vec<_>>()
    };
    let q = AuditQuery::default;
    assert_eq!(
        by(AuditQuery {
            actor: Some("kar".into()),
            ..q()
        })
        .await,
        [4, 1]
    );
    assert_eq!(
        by(AuditQuery {
            actor: Some("%".into()),
            ..q()
        })
        .await,
        Vec::<i64>::new()
    );
    assert_eq!(
        by(AuditQuery {
            action: Some(AuditAction::LoginFailed),
            ..q()
        })
        .await,
        [2]
    );
    assert_eq!(
        by(AuditQuery {
            workspace: Some("retail".into()),
            ..q()
        })
        .await,
        [3]
    );
    let later = Timestamp::now() + SignedDuration::from_hours(1);
    assert_eq!(
        by(AuditQuery {
            from: Some(later),
            ..q()
        })
        .await,
        Vec::<i64>::new()
    );
    assert_eq!(
        by(AuditQuery {
            to: Some(later),
            ..q()
        })
        .await,
        [4, 3, 2, 1]
    );
    assert_eq!(
        by(AuditQuery {
            to: Some(first.at),
            ..q()
        })
        .await,
        Vec::<i64>::new()
    );
    assert_eq!(by(AuditQuery { limit: 2, ..q() }).await, [4, 3]);
    assert_eq!(
        by(AuditQuery {
            limit: 2,
            before_seq: Some(3),
            ..q()
        })
        .await,
        [2, 1]
    );

    let ok = store.verify_audit().await.expect("verify");
    assert!(ok.is_ok(), "{ok:?}");
    assert_eq!(ok.count, 4);
    assert_eq!(ok.last_hash.as_deref(), Some(all[0].hash.as_str()));
    assert_ne!(third.hash, second.hash);
}

pub async fn an_edited_audit_row_breaks_the_chain_at_its_number(b: &Backend) {
    let store = &*b.store;
    for action in [
        AuditAction::Login,
        AuditAction::RoleChanged,
        AuditAction::Logout,
    ] {
        let mut e = entry(kari(), action, None);
        e.detail = serde_json::json!({"role": "viewer"});
        store.append_audit(&e).await.expect("append");
    }
    assert!(store.verify_audit().await.expect("verify").is_ok());

    // Someone with database access makes the role change look harmless.
    let changed = b
        .raw_count(
            "UPDATE audit_log SET detail = '{\"role\":\"admin\"}' WHERE seq = 2 RETURNING seq",
        )
        .await;
    assert_eq!(changed, 2);
    let v = store.verify_audit().await.expect("verify");
    assert_eq!(v.broken, Some((2, AuditBreak::HashMismatch)));
    assert_eq!(v.count, 2);

    // Recomputing that row's hash does not help: the next row names the old one.
    let fixed = b
        .raw_count("UPDATE audit_log SET hash = 'f00d' WHERE seq = 2 RETURNING seq")
        .await;
    assert_eq!(fixed, 2);
    let v = store.verify_audit().await.expect("verify");
    assert_eq!(v.broken.map(|(seq, _)| seq), Some(2));

    // A removed row is a gap.
    let removed = b
        .raw_count("DELETE FROM audit_log WHERE seq = 1 RETURNING seq")
        .await;
    assert_eq!(removed, 1);
    let v = store.verify_audit().await.expect("verify");
    assert_eq!(v.broken, Some((2, AuditBreak::Gap)));
}

pub async fn concurrent_audit_appends_never_fork_the_chain(b: &Backend) {
    let store = &*b.store;
    let append = |i: i64| {
        let mut e = entry(kari(), AuditAction::EntityUpdated, Some("arctic"));
        e.detail = serde_json::json!({ "n": i });
        async move { store.append_audit(&e).await.expect("append").seq }
    };
    // Eight appends in flight at once (on PostgreSQL, on eight connections).
    let (s1, s2, s3, s4, s5, s6, s7, s8) = tokio::join!(
        append(1),
        append(2),
        append(3),
        append(4),
        append(5),
        append(6),
        append(7),
        append(8)
    );
    let mut seqs = vec![s1, s2, s3, s4, s5, s6, s7, s8];
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=8).collect::<Vec<_>>());
    let v = store.verify_audit().await.expect("verify");
    assert!(v.is_ok(), "{v:?}");
    assert_eq!(v.count, 8);
}
