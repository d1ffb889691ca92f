//! PostgreSQL end to end: `stig db copy` moves a whole SQLite installation (every table, the
//! outbox's included) into an empty PostgreSQL database losslessly, checked by exporting the
//! workspace and its events from both and comparing; and `stig serve --db postgres://…`
//! serves it.
//!
//! PostgreSQL is found through `STIG_TEST_PG` (a URL to a database the role may
//! `CREATE DATABASE` from); without it these tests say so and pass, unless `STIG_REQUIRE_PG=1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;
use std::time::Duration;

use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use stig_store::{
    AfterAttempt, Attempt, MomentCommit, NewDelivery, NewDestination, NewEvent, NewFiring,
    Rejection, Role, SqliteStore, Store, StoreExt,
};

const WS: &str = "arctic-winter";

fn stig(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stig"))
        .args(args)
        .env_remove("STIG_DB")
        .output()
        .expect("stig runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stig failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A new, empty database on the `STIG_TEST_PG` server, dropped when this goes; `None` (having
/// said why) when there is no server and none is required.
struct Database {
    admin: PgConnectOptions,
    name: String,
    url: String,
}

impl Database {
    async fn new() -> Option<Database> {
        let required = std::env::var("STIG_REQUIRE_PG").is_ok_and(|v| v == "1");
        let url = match std::env::var("STIG_TEST_PG") {
            Ok(url) if !url.trim().is_empty() => url,
            _ if required => panic!("STIG_REQUIRE_PG=1 but STIG_TEST_PG is not set"),
            _ => {
                eprintln!("skipped: needs PostgreSQL at STIG_TEST_PG");
                return None;
            }
        };
        let admin = PgConnectOptions::from_str(&url).expect("STIG_TEST_PG is a URL");
        let pool = match PgPoolOptions::new()
            .max_connections(1)
            .connect_with(admin.clone())
            .await
        {
            Ok(pool) => pool,
            Err(e) if !required => {
                eprintln!("skipped: no PostgreSQL at STIG_TEST_PG ({e})");
                return None;
            }
            Err(e) => panic!("STIG_REQUIRE_PG=1 but PostgreSQL answers: {e}"),
        };
        let name = format!("stig_t_{:016x}", rand_u64());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .expect("create database");
        pool.close().await;
        // The same server and role, the new database.
        let base = url.split('?').next().unwrap_or(&url);
        let cut = base.rfind('/').expect("a URL with a path");
        let url = format!("{}/{name}", &base[..cut]);
        Some(Database { admin, name, url })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok(pool) = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(admin)
                    .await
                {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&pool).await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter")
}

fn event(i: u32, source: Option<&str>, month: u32) -> NewEvent {
    let at: jiff::Timestamp = format!("2026-{month:02}-1{}T10:00:0{}Z", i % 10, i % 10)
        .parse()
        .expect("time");
    let id = format!("msg-{i}");
    NewEvent {
        message_id: id.clone(),
        kind: if i.is_multiple_of(3) {
            "identify"
        } else {
            "track"
        }
        .into(),
        user_id: Some(format!("customer-{}", i % 4)),
        anonymous_id: i.is_multiple_of(2).then(|| format!("anon-{i}")),
        event: (!i.is_multiple_of(3)).then(|| "Trip Booked".to_owned()),
        timestamp: at,
        received_at: at,
        source: source.map(str::to_owned),
        body: json!({
            "type": if i.is_multiple_of(3) { "identify" } else { "track" },
            "messageId": id,
            "userId": format!("customer-{}", i % 4),
            "event": "Trip Booked",
            "properties": {"note": "tab\tnewline\n\\backslash æøå", "n": i},
            "timestamp": at.to_string(),
        }),
    }
}

/// A SQLite installation with a row in every table.
async fn installation(db: &Path) {
    assert!(
        ok(&stig(&[
            "import",
            &example().display().to_string(),
            "--id",
            WS,
            "--db",
            &db.display().to_string()
        ]))
        .contains("imported")
    );
    let store = SqliteStore::open(db).await.expect("open");
    let kari = store
        .add_user("kari", "nordlys-2026", Role::Admin)
        .await
        .expect("user");
    store
        .add_user("ola", "nordlys-2027", Role::Viewer)
        .await
        .expect("user");
    store
        .create_session(kari.id, Duration::from_secs(3600))
        .await
        .expect("session");
    store.create_api_token(kari.id, "ci").await.expect("token");
    let (source, _) = store.create_source(WS, "Web").await.expect("source");
    store
        .set_source_origins(
            WS,
            &source.id,
            Some(&["https://shop.example.com".to_owned()]),
        )
        .await
        .expect("origins");
    let events: Vec<NewEvent> = (0..40)
        .map(|i| {
            event(
                i,
                i.is_multiple_of(2).then_some(source.id.as_str()),
                1 + i % 3,
            )
        })
        .collect();
    store.append_events(WS, &events).await.expect("events");
    store
        .record_rejection(&Rejection {
            workspace: WS.into(),
            source: source.id.clone(),
            at: jiff::Timestamp::now(),
            status: 400,
            reason: "not JSON".into(),
            excerpt: "{oops".into(),
        })
        .await
        .expect("rejection");
    store.secret("survey-links").await.expect("secret");
    store
        .set_workspace_secret(WS, "smtp", "hunter2")
        .await
        .expect("ws secret");
    store
        .set_persona_picture(WS, "kari", b"\x89PNG\r\n\x1a\n\0\x01\xfe")
        .await
        .ok();
    let at: jiff::Timestamp = "2026-02-01T12:00:00Z".parse().expect("time");
    let commit = MomentCommit {
        firings: vec![NewFiring {
            moment: "welcome".into(),
            occurrence: "msg-1".into(),
            customer: "customer-1".into(),
            persona: Some("kari".into()),
            at,
            context: json!({"why": "first trip"}),
            deliveries: vec![
                NewDelivery {
                    action: 0,
                    kind: "webhook".into(),
                    payload: json!({"url": "https://example.com/hook"}),
                    not_before: at,
                },
                NewDelivery {
                    action: 1,
                    kind: "task".into(),
                    payload: json!({"title": "Call", "body": "Say hello", "assignee": "ola"}),
                    not_before: at,
                },
            ],
        }],
        cursor: Some(40),
    };
    store.commit_moments(WS, &commit).await.expect("moments");
    store
        .moment_live_since(WS, "welcome", at)
        .await
        .expect("live");
    let due = store
        .due_deliveries(jiff::Timestamp::now(), 10)
        .await
        .expect("due");
    store
        .record_attempt(
            due[0].id,
            &Attempt {
                at,
                ok: false,
                status: Some(503),
                error: Some("busy".into()),
                duration_ms: 12,
            },
            AfterAttempt::Dead,
        )
        .await
        .expect("attempt");
    store
        .create_destination(
            WS,
            &NewDestination {
                source: source.id.clone(),
                url: "https://example.com/warehouse".into(),
                only: vec!["track".into()],
                enabled: true,
            },
            "whsec_abc",
            "kari",
        )
        .await
        .expect("destination");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn db_copy_moves_a_whole_installation_losslessly() {
    let Some(pg) = Database::new().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("stig.db");
    installation(&db).await;
    let db_arg = db.display().to_string();

    let out = ok(&stig(&["db", "copy", "--from", &db_arg, "--to", &pg.url]));
    assert!(out.contains("compared every table: identical"), "{out}");
    assert!(out.contains("events") && out.contains("40 rows"), "{out}");
    let password = pg
        .url
        .split('@')
        .next()
        .and_then(|userinfo| userinfo.rsplit(':').next())
        .unwrap_or_default();
    assert!(
        !out.contains(&format!(":{password}@")),
        "the password is not printed: {out}"
    );

    // The workspace as files, and its events, exported from both: the same.
    let (a, b) = (dir.path().join("from-sqlite"), dir.path().join("from-pg"));
    ok(&stig(&[
        "export",
        WS,
        &a.display().to_string(),
        "--db",
        &db_arg,
    ]));
    ok(&stig(&[
        "export",
        WS,
        &b.display().to_string(),
        "--db",
        &pg.url,
    ]));
    let files = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = walk(d)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(d).expect("inside").display().to_string(),
                    std::fs::read(&p).expect("read"),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert!(!files(&a).is_empty());
    assert_eq!(files(&a), files(&b), "`stig export` gives the same files");
    for format in ["ndjson", "csv"] {
        let from_sqlite = ok(&stig(&[
            "events",
            "export",
            "--workspace",
            WS,
            "--db",
            &db_arg,
            "--format",
            format,
        ]));
        let from_pg = ok(&stig(&[
            "events",
            "export",
            "--workspace",
            WS,
            "--db",
            &pg.url,
            "--format",
            format,
        ]));
        assert_eq!(
            from_sqlite.lines().count(),
            if format == "csv" { 41 } else { 40 }
        );
        assert_eq!(
            from_sqlite, from_pg,
            "`stig events export` ({format}) gives the same"
        );
    }
    // Users and their passwords came along; a second copy into the same database is refused.
    let users = ok(&stig(&["user", "list", "--db", &pg.url]));
    assert!(users.contains("kari") && users.contains("ola"), "{users}");
    let again = stig(&["db", "copy", "--from", &db_arg, "--to", &pg.url]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
