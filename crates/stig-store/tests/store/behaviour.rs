//! Backend-agnostic behaviour: every function here runs against each backend's fresh store.

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use stig_model::{Journey, Persona, Settings, Workspace, synthetic};
use stig_store::{
    AppendOutcome, EntityKind, EventBatch, EventFilter, NewEvent, Rejection, Role, Store,
    StoreError, StoreExt, auth,
};

use crate::Backend;

const WS: &str = "arctic-winter";
const HOUR: Duration = Duration::from_secs(3600);

fn persona(id: &str, name: &str) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        loves: vec!["northern lights".into()],
        hates: vec!["queues".into()],
        ..Persona::default()
    }
}

fn settings(name: &str) -> Settings {
    Settings {
        name: name.into(),
        brand_promise: "Warm in the cold".into(),
        locale: "nb".into(),
        currency: "NOK".into(),
        ..Settings::default()
    }
}

async fn empty_workspace(store: &dyn Store) {
    store
        .create_workspace(WS, &settings("Arctic Winter"), "test")
        .await
        .expect("create workspace");
}

/// Persona ids in position order.
async fn persona_ids(store: &dyn Store) -> Vec<String> {
    store
        .list_typed::<Persona>(WS)
        .await
        .expect("list personas")
        .into_iter()
        .map(|p| p.value.id)
        .collect()
}

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("stig.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

// ---- workspaces ----------------------------------------------------------------------

pub async fn import_then_load_gives_back_the_synthetic_workspace(b: &Backend) {
    let store = &*b.store;
    let ws = synthetic::workspace(60);
    store
        .import_workspace("generated", &ws, "test")
        .await
        .expect("import");
    let loaded = store.load_workspace("generated").await.expect("load");
    assert_eq!(loaded.value, ws);
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.updated_by, "test");
    // A journey with all its phases, stages and steps is one entity.
    let journeys = store
        .list_entities("generated", EntityKind::Journey)
        .await
        .expect("list");
    assert_eq!(journeys.len(), 1);
    assert_eq!(journeys[0].value["step"].as_array().map(Vec::len), Some(60));
}

pub async fn import_then_load_gives_back_every_example(b: &Backend) {
    let store = &*b.store;
    for dir in examples() {
        let checked = stig_model::code::load_dir(&dir).expect("example loads");
        let name = dir.file_name().and_then(|n| n.to_str()).expect("dir name");
        let id = stig_model::slug(name);
        store
            .import_workspace(&id, &checked.workspace, "test")
            .await
            .expect("import example");
        let loaded = store.load_workspace(&id).await.expect("load example");
        assert_eq!(
            loaded.value,
            checked.workspace,
            "round trip of {}",
            dir.display()
        );
    }
}

pub async fn reimport_replaces_everything_and_keeps_unchanged_versions(b: &Backend) {
    let store = &*b.store;
    let big = synthetic::workspace(30);
    store
        .import_workspace("w", &big, "first")
        .await
        .expect("import");

    // Change one touchpoint, drop the goals and a persona, reorder personas, keep the rest.
    let mut next = big.clone();
    next.touchpoints[0].name = "Renamed touchpoint".into();
    next.goals.clear();
    next.personas.remove(1);
    next.personas.reverse();
    store
        .import_workspace("w", &next, "second")
        .await
        .expect("reimport");

    let loaded = store.load_workspace("w").await.expect("load");
    assert_eq!(
        loaded.value, next,
        "nothing of the first import is left over"
    );
    assert_eq!(loaded.version, 1, "settings unchanged, version kept");

    let tp0 = store
        .get_entity("w", EntityKind::Touchpoint, "tp-0")
        .await
        .expect("tp-0");
    assert_eq!((tp0.version, tp0.updated_by.as_str()), (2, "second"));
    let tp1 = store
        .get_entity("w", EntityKind::Touchpoint, "tp-1")
        .await
        .expect("tp-1");
    assert_eq!((tp1.version, tp1.updated_by.as_str()), (1, "first"));
    let journey = store
        .get_typed::<Journey>("w", "generated")
        .await
        .expect("journey");
    assert_eq!(journey.version, 1, "an unchanged journey keeps its version");

    // Changed settings move on by one.
    let mut renamed = next.clone();
    renamed.settings.name = "Renamed".into();
    store
        .import_workspace("w", &renamed, "third")
        .await
        .expect("reimport");
    let loaded = store.load_workspace("w").await.expect("load");
    assert_eq!((loaded.version, loaded.updated_by.as_str()), (2, "third"));
    assert_eq!(loaded.value, renamed);
}

pub async fn import_refuses_bad_input_and_writes_nothing(b: &Backend) {
    let store = &*b.store;
    let good = synthetic::workspace(10);
    store
        .import_workspace("w", &good, "test")
        .await
        .expect("import");

    let mut dup = good.clone();
    let copy = dup.touchpoints[0].clone();
    dup.touchpoints.push(copy);
    dup.settings.name = "Should not be saved".into();
    let err = store
        .import_workspace("w", &dup, "test")
        .await
        .expect_err("duplicate ids are refused");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("touchpoint") && m.contains("tp-0")),
        "{err}"
    );
    assert_eq!(store.load_workspace("w").await.expect("load").value, good);

    let err = store
        .import_workspace("Not A Slug", &good, "test")
        .await
        .expect_err("bad workspace id");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("not-a-slug")),
        "the message suggests a slug: {err}"
    );
    assert_eq!(store.list_workspaces().await.expect("list").len(), 1);
}

pub async fn workspaces_are_listed_with_counts_and_revisions(b: &Backend) {
    let store = &*b.store;
    assert!(store.list_workspaces().await.expect("list").is_empty());
    store
        .import_workspace("zeta", &synthetic::workspace(20), "test")
        .await
        .expect("import");
    empty_workspace(store).await;
    store
        .create_workspace(WS, &settings("Again"), "test")
        .await
        .expect_err("exists");

    let list = store.list_workspaces().await.expect("list");
    let ids: Vec<&str> = list.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, [WS, "zeta"], "by id");
    assert_eq!(list[0].name, "Arctic Winter");
    assert_eq!(list[0].locale, "nb");
    assert_eq!(list[0].counts, Default::default());
    let z = &list[1].counts;
    assert_eq!(
        (
            z.personas,
            z.journeys,
            z.touchpoints,
            z.actors,
            z.goals,
            z.dilemmas
        ),
        (4, 1, 5, 2, 1, 0)
    );
    assert_eq!(z.get(EntityKind::Touchpoint), 5);

    let r0 = store.workspace_revision(WS).await.expect("revision");
    store
        .create_typed(WS, &persona("a", "A"), "kari")
        .await
        .expect("create");
    let r1 = store.workspace_revision(WS).await.expect("revision");
    assert!(r1 > r0, "a write moves the revision on");
    let list = store.list_workspaces().await.expect("list");
    assert_eq!(list[0].changed_by, "kari");
    assert_eq!(list[0].revision, r1);
}

// ---- entities ------------------------------------------------------------------------

pub async fn entities_are_created_updated_renamed_moved_and_deleted(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    for (id, name) in [("a", "Ada"), ("b", "Bo"), ("c", "Cai")] {
        let v = store
            .create_typed(WS, &persona(id, name), "kari")
            .await
            .expect("create");
        assert_eq!(v, 1);
    }
    assert_eq!(
        persona_ids(store).await,
        ["a", "b", "c"],
        "appended at the end"
    );

    // Generic create, with a JSON body.
    let v = store
        .create_entity(
            WS,
            EntityKind::Persona,
            "d",
            json!({"id": "d", "name": "Dag"}),
            "kari",
        )
        .await
        .expect("create from JSON");
    assert_eq!(v, 1);
    let d = store
        .get_entity(WS, EntityKind::Persona, "d")
        .await
        .expect("get d");
    assert_eq!(d.value, json!({"id": "d", "name": "Dag"}));
    assert_eq!(d.updated_by, "kari");

    let err = store
        .create_typed(WS, &persona("b", "Another Bo"), "kari")
        .await
        .expect_err("taken id");
    assert!(
        matches!(&err, StoreError::AlreadyExists { kind: "persona", id, workspace: Some(w) } if id == "b" && w == WS),
        "{err}"
    );

    // Update: new version, content saved, position kept.
    let mut a = store.get_typed::<Persona>(WS, "a").await.expect("get a");
    assert_eq!(a.version, 1);
    a.value.motivation = "See the aurora once".into();
    let v = store
        .update_typed(WS, "a", &a.value, a.version, "ola")
        .await
        .expect("update");
    assert_eq!(v, 2);
    let a2 = store.get_typed::<Persona>(WS, "a").await.expect("get a");
    assert_eq!(a2.value, a.value);
    assert_eq!((a2.version, a2.updated_by.as_str()), (2, "ola"));
    assert_eq!(persona_ids(store).await, ["a", "b", "c", "d"]);

    // Rename: the body's id differs from the id it is saved under.
    let mut renamed = a2.value.clone();
    renamed.id = "ada".into();
    let v = store
        .update_typed(WS, "a", &renamed, 2, "ola")
        .await
        .expect("rename");
    assert_eq!(v, 3);
    assert_eq!(
        persona_ids(store).await,
        ["ada", "b", "c", "d"],
        "keeps its place"
    );
    assert!(
        store
            .get_entity(WS, EntityKind::Persona, "a")
            .await
            .expect_err("old id gone")
            .is_not_found()
    );
    let mut clash = renamed.clone();
    clash.id = "b".into();
    let err = store
        .update_typed(WS, "ada", &clash, 3, "ola")
        .await
        .expect_err("rename onto a taken id");
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");

    // Move: up, down, past the end.
    store
        .move_entity(WS, EntityKind::Persona, "c", 0, "ola")
        .await
        .expect("move c first");
    assert_eq!(persona_ids(store).await, ["c", "ada", "b", "d"]);
    store
        .move_entity(WS, EntityKind::Persona, "ada", 2, "ola")
        .await
        .expect("move ada down");
    assert_eq!(persona_ids(store).await, ["c", "b", "ada", "d"]);
    store
        .move_entity(WS, EntityKind::Persona, "c", 99, "ola")
        .await
        .expect("move c past the end");
    assert_eq!(persona_ids(store).await, ["b", "ada", "d", "c"]);
    let c = store.get_typed::<Persona>(WS, "c").await.expect("c");
    assert_eq!(c.version, 1, "moving does not change the content's version");

    // Delete: needs the current version; the rest close up; new ones go at the end.
    let err = store
        .delete_entity(WS, EntityKind::Persona, "ada", 2, "ola")
        .await
        .expect_err("stale delete");
    assert!(err.is_conflict(), "{err}");
    store
        .delete_entity(WS, EntityKind::Persona, "ada", 3, "ola")
        .await
        .expect("delete");
    assert_eq!(persona_ids(store).await, ["b", "d", "c"]);
    store
        .create_typed(WS, &persona("e", "Eir"), "ola")
        .await
        .expect("create after delete");
    assert_eq!(persona_ids(store).await, ["b", "d", "c", "e"]);
    store
        .move_entity(WS, EntityKind::Persona, "e", 1, "ola")
        .await
        .expect("move e");

    // The whole workspace comes back in the same order.
    let ws = store.load_workspace(WS).await.expect("load").value;
    let ids: Vec<&str> = ws.personas.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["b", "e", "d", "c"]);
}

pub async fn bodies_that_are_not_the_model_are_refused(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let err = store
        .create_entity(
            WS,
            EntityKind::Persona,
            "p",
            json!({"id": "p", "name": "P", "lovs": ["typo"]}),
            "kari",
        )
        .await
        .expect_err("unknown field");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("persona") && m.contains("lovs")),
        "{err}"
    );
    let err = store
        .create_entity(
            WS,
            EntityKind::Journey,
            "j",
            json!({"id": "j", "name": "J", "step": [{"id": "s", "stage": "x", "action": "a",
                   "emotion": [{"name": "cold", "valence": "very"}]}]}),
            "kari",
        )
        .await
        .expect_err("wrong type deep inside");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("step[0].emotion[0].valence")),
        "says where: {err}"
    );
    let err = store
        .create_entity(
            WS,
            EntityKind::Persona,
            "p",
            json!({"id": "q", "name": "Q"}),
            "kari",
        )
        .await
        .expect_err("id mismatch");
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("`q`") && m.contains("`p`")),
        "{err}"
    );
    assert!(persona_ids(store).await.is_empty(), "nothing was stored");
}

pub async fn a_step_is_edited_through_its_journey(b: &Backend) {
    let store = &*b.store;
    let ws = synthetic::workspace(20);
    store
        .import_workspace(WS, &ws, "import")
        .await
        .expect("import");
    let mut journey = store
        .get_typed::<Journey>(WS, "generated")
        .await
        .expect("journey");
    journey.value.steps[7].action = "Checks the aurora forecast".into();
    journey.value.steps[7]
        .pain_points
        .push("Forecast app is in English only".into());
    let v = store
        .update_typed(WS, "generated", &journey.value, journey.version, "kari")
        .await
        .expect("save journey");
    assert_eq!(v, journey.version + 1);

    let mut expected = ws;
    expected.journeys[0] = journey.value;
    assert_eq!(
        store.load_workspace(WS).await.expect("load").value,
        expected
    );
}

pub async fn a_stale_save_is_a_conflict_naming_who_changed_it(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    store
        .create_typed(WS, &persona("p", "Polar"), "admin")
        .await
        .expect("create");

    // Two editors load version 1.
    let mut kari = store
        .get_typed::<Persona>(WS, "p")
        .await
        .expect("kari loads");
    let mut ola = store
        .get_typed::<Persona>(WS, "p")
        .await
        .expect("ola loads");
    assert_eq!((kari.version, ola.version), (1, 1));

    kari.value.name = "Polar explorer".into();
    let v = store
        .update_typed(WS, "p", &kari.value, kari.version, "kari")
        .await
        .expect("the first save wins");
    assert_eq!(v, 2);

    ola.value.name = "Polar bear".into();
    let err = store
        .update_typed(WS, "p", &ola.value, ola.version, "ola")
        .await
        .expect_err("the second save conflicts");
    match &err {
        StoreError::Conflict {
            kind,
            id,
            workspace,
            current_version,
            updated_by,
            ..
        } => {
            assert_eq!((*kind, id.as_str()), ("persona", "p"));
            assert_eq!(workspace.as_deref(), Some(WS));
            assert_eq!(*current_version, 2);
            assert_eq!(updated_by, "kari");
        }
        other => panic!("expected a conflict, got {other}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("kari") && message.contains("version 2"),
        "{message}"
    );

    let stored = store.get_typed::<Persona>(WS, "p").await.expect("get");
    assert_eq!(stored.value.name, "Polar explorer", "nothing overwritten");
    assert_eq!((stored.version, stored.updated_by.as_str()), (2, "kari"));

    // Reload, reapply, save: now it goes through.
    let mut again = stored;
    again.value.name = "Polar bear".into();
    store
        .update_typed(WS, "p", &again.value, again.version, "ola")
        .await
        .expect("save after reload");
}

pub async fn concurrent_saves_of_one_version_let_exactly_one_win(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    store
        .create_typed(WS, &persona("p", "Polar"), "admin")
        .await
        .expect("create");
    let one = persona("p", "One");
    let two = persona("p", "Two");
    let (r1, r2) = tokio::join!(
        store.update_typed(WS, "p", &one, 1, "one"),
        store.update_typed(WS, "p", &two, 1, "two"),
    );
    let wins = [&r1, &r2].iter().filter(|r| r.is_ok()).count();
    assert_eq!(wins, 1, "{r1:?} {r2:?}");
    let loser = if r1.is_ok() { &r2 } else { &r1 };
    assert!(
        matches!(loser, Err(StoreError::Conflict { .. })),
        "{loser:?}"
    );
    let stored = store.get_typed::<Persona>(WS, "p").await.expect("get");
    assert_eq!(stored.version, 2);
    assert_eq!(stored.value.name, if r1.is_ok() { "One" } else { "Two" });
}

pub async fn settings_are_versioned(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let ws = store.load_workspace(WS).await.expect("load");
    assert_eq!(ws.version, 1);
    let mut s = ws.value.settings.clone();
    s.brand_promise = "Safe and cosy".into();
    let v = store
        .save_settings(WS, &s, ws.version, "kari")
        .await
        .expect("save settings");
    assert_eq!(v, 2);
    let err = store
        .save_settings(WS, &settings("Stale"), 1, "ola")
        .await
        .expect_err("stale settings");
    assert!(
        matches!(&err, StoreError::Conflict { kind: "settings", current_version: 2, updated_by, .. } if updated_by == "kari"),
        "{err}"
    );
    let loaded = store.load_workspace(WS).await.expect("load");
    assert_eq!(loaded.value.settings, s);
    assert_eq!((loaded.version, loaded.updated_by.as_str()), (2, "kari"));
}

pub async fn missing_things_are_not_found(b: &Backend) {
    let store = &*b.store;
    let is_ws_missing = |e: &StoreError| matches!(e, StoreError::NotFound { kind: "workspace", id, workspace: None } if id == "nowhere");
    let err = store.load_workspace("nowhere").await.expect_err("load");
    assert!(is_ws_missing(&err), "{err}");
    assert_eq!(err.to_string(), "workspace `nowhere` not found");
    let err = store
        .get_entity("nowhere", EntityKind::Journey, "j")
        .await
        .expect_err("get in a missing workspace");
    assert!(is_ws_missing(&err), "{err}");
    let err = store
        .create_typed("nowhere", &persona("p", "P"), "x")
        .await
        .expect_err("create in a missing workspace");
    assert!(is_ws_missing(&err), "{err}");
    let err = store.delete_workspace("nowhere").await.expect_err("delete");
    assert!(is_ws_missing(&err), "{err}");
    let err = store
        .save_settings("nowhere", &settings("x"), 1, "x")
        .await
        .expect_err("settings");
    assert!(is_ws_missing(&err), "{err}");
    let err = store
        .list_entities("nowhere", EntityKind::Actor)
        .await
        .expect_err("list");
    assert!(is_ws_missing(&err), "{err}");

    empty_workspace(store).await;
    let err = store
        .get_entity(WS, EntityKind::Journey, "j")
        .await
        .expect_err("missing journey");
    assert!(
        matches!(&err, StoreError::NotFound { kind: "journey", id, workspace: Some(w) } if id == "j" && w == WS),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "journey `j` not found in workspace `arctic-winter`"
    );
    let body = serde_json::to_value(persona("p", "P")).expect("json");
    for err in [
        store
            .update_entity(WS, EntityKind::Persona, "p", body, 1, "x")
            .await
            .expect_err("update"),
        store
            .delete_entity(WS, EntityKind::Persona, "p", 1, "x")
            .await
            .expect_err("delete"),
        store
            .move_entity(WS, EntityKind::Persona, "p", 0, "x")
            .await
            .expect_err("move"),
    ] {
        assert!(
            matches!(
                &err,
                StoreError::NotFound {
                    kind: "persona",
                    ..
                }
            ),
            "{err}"
        );
    }
    assert!(
        store
            .list_entities(WS, EntityKind::Actor)
            .await
            .expect("list")
            .is_empty()
    );
    assert!(store.user(4242).await.expect_err("user").is_not_found());
    assert!(
        store
            .set_role(4242, Role::Admin)
            .await
            .expect_err("role")
            .is_not_found()
    );
    assert!(
        store
            .create_session(4242, HOUR)
            .await
            .expect_err("session for nobody")
            .is_not_found()
    );
    assert!(
        store
            .create_api_token(4242, "ci")
            .await
            .expect_err("token for nobody")
            .is_not_found()
    );
}

// ---- users, sessions, tokens ---------------------------------------------------------

pub async fn users_have_roles_and_passwords(b: &Backend) {
    let store = &*b.store;
    assert_eq!(store.user_count().await.expect("count"), 0);
    let admin = store
        .add_user("  kari  ", "nordlys", Role::Admin)
        .await
        .expect("add admin");
    assert_eq!(admin.name, "kari", "names are trimmed");
    let viewer = store
        .create_user(
            "ola",
            &auth::hash_password("midnattsol").expect("hash"),
            Role::Viewer,
        )
        .await
        .expect("add viewer");
    assert_eq!(store.user_count().await.expect("count"), 2);
    let err = store
        .add_user("kari", "other", Role::Viewer)
        .await
        .expect_err("taken name");
    assert!(
        matches!(&err, StoreError::AlreadyExists { kind: "user", id, .. } if id == "kari"),
        "{err}"
    );
    assert!(matches!(
        store.add_user(" ", "x", Role::Viewer).await,
        Err(StoreError::Invalid(_))
    ));

    let names: Vec<String> = store
        .list_users()
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, ["kari", "ola"]);

    assert_eq!(
        store.login("kari", "nordlys").await.expect("login"),
        Some(admin.clone())
    );
    assert_eq!(store.login("kari", "Nordlys").await.expect("login"), None);
    assert_eq!(store.login("nobody", "nordlys").await.expect("login"), None);
    let (found, hash) = store
        .credentials("ola")
        .await
        .expect("credentials")
        .expect("ola exists");
    assert_eq!(found, viewer);
    assert!(auth::verify_password("midnattsol", &hash));
    assert!(!auth::verify_password("midnatsol", &hash));
    let stored_hashes = b.raw_texts("SELECT password_hash FROM users").await;
    assert!(stored_hashes.iter().all(|h| h.starts_with("$argon2id$")));

    assert!(!viewer.role.can_edit());
    store.set_role(viewer.id, Role::Editor).await.expect("role");
    let ola = store
        .find_user_by_name("ola")
        .await
        .expect("find")
        .expect("ola");
    assert_eq!(ola.role, Role::Editor);
    assert!(ola.role.can_edit() && !ola.role.is_admin());
    assert_eq!(store.user(ola.id).await.expect("by id"), ola);
    assert_eq!(store.find_user_by_name("Ola").await.expect("find"), None);

    // A new password works, the old one does not, and sessions end.
    let session = store.create_session(ola.id, HOUR).await.expect("session");
    store
        .set_password(ola.id, &auth::hash_password("polarnatt").expect("hash"))
        .await
        .expect("set password");
    assert!(
        store
            .login("ola", "polarnatt")
            .await
            .expect("login")
            .is_some()
    );
    assert!(
        store
            .login("ola", "midnattsol")
            .await
            .expect("login")
            .is_none()
    );
    assert!(
        store
            .session(&session.token)
            .await
            .expect("session")
            .is_none()
    );
}

pub async fn sessions_work_by_token_and_store_only_hashes(b: &Backend) {
    let store = &*b.store;
    let user = store
        .add_user("kari", "nordlys", Role::Editor)
        .await
        .expect("user");
    let new = store.create_session(user.id, HOUR).await.expect("session");
    assert_ne!(new.token, new.csrf_token);

    let session = store
        .session(&new.token)
        .await
        .expect("lookup")
        .expect("the token works");
    assert_eq!(session.user, user);
    assert_eq!(session.csrf_token, new.csrf_token);
    assert_eq!(session.locale, None);
    assert_eq!(session.expires_at, new.expires_at);

    assert!(store.session("wrong").await.expect("lookup").is_none());
    assert!(
        store
            .session(&new.csrf_token)
            .await
            .expect("lookup")
            .is_none()
    );

    store
        .set_session_locale(&new.token, Some("nb"))
        .await
        .expect("locale");
    let session = store.session(&new.token).await.expect("lookup").expect("s");
    assert_eq!(session.locale.as_deref(), Some("nb"));
    assert!(matches!(
        store.set_session_locale(&new.token, Some("klingon")).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(
        store
            .set_session_locale("wrong", Some("sv"))
            .await
            .expect_err("no such session")
            .is_not_found()
    );

    // Only the SHA-256 of the token is stored.
    let hashes = b.raw_texts("SELECT token_hash FROM sessions").await;
    assert_eq!(hashes, [auth::hash_token(&new.token)]);
    let csrf = b.raw_texts("SELECT csrf_token FROM sessions").await;
    assert!(!csrf.contains(&new.token), "the plain token is not stored");

    // Expired sessions do not work and are cleaned up.
    let expired = store
        .create_session(user.id, Duration::ZERO)
        .await
        .expect("session");
    assert!(
        store
            .session(&expired.token)
            .await
            .expect("lookup")
            .is_none()
    );
    assert_eq!(store.delete_expired_sessions().await.expect("clean"), 1);
    assert!(store.session(&new.token).await.expect("lookup").is_some());

    store.delete_session(&new.token).await.expect("logout");
    assert!(store.session(&new.token).await.expect("lookup").is_none());
    store
        .delete_session(&new.token)
        .await
        .expect("logging out twice is fine");
}

pub async fn api_tokens_work_and_store_only_hashes(b: &Backend) {
    let store = &*b.store;
    let user = store
        .add_user("ci-bot", "not-used", Role::Editor)
        .await
        .expect("user");
    let token = store.create_api_token(user.id, "CI").await.expect("token");
    assert!(token.starts_with(auth::API_TOKEN_PREFIX));
    let other = store
        .create_api_token(user.id, "laptop")
        .await
        .expect("token");
    assert_ne!(token, other);

    assert_eq!(
        store.user_for_api_token(&token).await.expect("lookup"),
        Some(user.clone())
    );
    assert_eq!(
        store
            .user_for_api_token("stig_wrong")
            .await
            .expect("lookup"),
        None
    );
    let mut almost = token.clone();
    almost.pop();
    assert_eq!(
        store.user_for_api_token(&almost).await.expect("lookup"),
        None
    );

    let hashes = b.raw_texts("SELECT token_hash FROM api_tokens").await;
    assert_eq!(hashes.len(), 2);
    assert!(hashes.contains(&auth::hash_token(&token)));
    assert!(!hashes.iter().any(|h| h == &token || h == &other));
    let labels = b.raw_texts("SELECT label FROM api_tokens").await;
    assert!(!labels.iter().any(|l| l.contains(&token)));

    let list = store.list_api_tokens(user.id).await.expect("list");
    assert_eq!(list.len(), 2);
    let ci = list.iter().find(|t| t.label == "CI").expect("CI token");
    assert!(ci.last_used_at.is_some(), "use is recorded");
    assert!(auth::hash_token(&token).starts_with(&ci.fingerprint));
    let laptop = list.iter().find(|t| t.label == "laptop").expect("laptop");
    assert!(laptop.last_used_at.is_none());

    store
        .revoke_api_token(user.id, &ci.fingerprint)
        .await
        .expect("revoke");
    assert_eq!(
        store.user_for_api_token(&token).await.expect("lookup"),
        None
    );
    assert!(
        store
            .user_for_api_token(&other)
            .await
            .expect("lookup")
            .is_some()
    );
    assert!(
        store
            .revoke_api_token(user.id, &ci.fingerprint)
            .await
            .expect_err("already revoked")
            .is_not_found()
    );
}

pub async fn deleting_a_workspace_cascades_to_its_entities(b: &Backend) {
    let store = &*b.store;
    store
        .import_workspace("gone", &synthetic::workspace(20), "test")
        .await
        .expect("import");
    let kept = synthetic::workspace(5);
    store
        .import_workspace("kept", &kept, "test")
        .await
        .expect("import");
    let before = b
        .raw_count("SELECT COUNT(*) FROM entities WHERE workspace_id = 'gone'")
        .await;
    assert!(before > 0);

    store.delete_workspace("gone").await.expect("delete");
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM entities WHERE workspace_id = 'gone'")
            .await,
        0,
        "entities went with their workspace"
    );
    assert!(
        store
            .load_workspace("gone")
            .await
            .expect_err("gone")
            .is_not_found()
    );
    let ids: Vec<String> = store
        .list_workspaces()
        .await
        .expect("list")
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, ["kept"]);
    assert_eq!(
        store.load_workspace("kept").await.expect("load").value,
        kept
    );

    // The id can be used again, from scratch.
    store
        .import_workspace("gone", &Workspace::default(), "test")
        .await
        .expect("reuse the id");
    assert_eq!(
        store.load_workspace("gone").await.expect("load").value,
        Workspace::default()
    );
}

pub async fn deleting_a_user_ends_their_sessions_and_tokens(b: &Backend) {
    let store = &*b.store;
    let user = store
        .add_user("leaver", "farvel", Role::Editor)
        .await
        .expect("user");
    let stayer = store
        .add_user("stayer", "hei", Role::Viewer)
        .await
        .expect("user");
    let session = store.create_session(user.id, HOUR).await.expect("session");
    let token = store.create_api_token(user.id, "ci").await.expect("token");
    let kept = store
        .create_session(stayer.id, HOUR)
        .await
        .expect("session");

    store.delete_user(user.id).await.expect("delete user");
    assert!(
        store
            .session(&session.token)
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(
        store
            .user_for_api_token(&token)
            .await
            .expect("lookup")
            .is_none()
    );
    assert_eq!(b.raw_count("SELECT COUNT(*) FROM api_tokens").await, 0);
    assert_eq!(b.raw_count("SELECT COUNT(*) FROM sessions").await, 1);
    assert!(store.session(&kept.token).await.expect("lookup").is_some());
    assert!(
        store
            .delete_user(user.id)
            .await
            .expect_err("gone")
            .is_not_found()
    );
}

// ---- sources and events --------------------------------------------------------------

fn event(message_id: &str, user: &str, name: &str, at: &str) -> NewEvent {
    let timestamp: jiff::Timestamp = at.parse().expect("timestamp");
    NewEvent {
        message_id: message_id.into(),
        kind: "track".into(),
        user_id: Some(user.into()),
        anonymous_id: Some(format!("anon-{user}")),
        event: Some(name.into()),
        timestamp,
        received_at: timestamp,
        body: json!({"type": "track", "messageId": message_id, "userId": user, "event": name,
            "properties": {"revenue": 12.5, "currency": "NOK"}}),
        source: None,
    }
}

pub async fn sources_have_write_keys_stored_only_as_hashes(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let (source, key) = store.create_source(WS, " Website ").await.expect("source");
    assert_eq!(source.name, "Website");
    assert_eq!(source.workspace, WS);
    assert!(key.len() >= 32, "a long random key: {key}");
    let found = store.source_for_write_key(&key).await.expect("lookup");
    assert_eq!(found.as_ref(), Some(&source));
    assert_eq!(
        store.source_for_write_key("nope").await.expect("lookup"),
        None
    );
    assert_eq!(store.list_sources(WS).await.expect("list"), vec![source]);
    let stored = b.raw_texts("SELECT write_key_hash FROM sources").await;
    assert_eq!(stored, vec![auth::hash_token(&key)]);

    let again = store.create_source(WS, "Website").await.expect_err("taken");
    assert!(matches!(again, StoreError::AlreadyExists { .. }), "{again}");
    let empty = store.create_source(WS, "  ").await.expect_err("empty");
    assert!(matches!(empty, StoreError::Invalid(_)), "{empty}");
    let missing = store
        .create_source("nowhere", "App")
        .await
        .expect_err("no ws");
    assert!(missing.is_not_found(), "{missing}");
}

pub async fn events_are_appended_once_per_message_id(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let first = [
        event("m1", "kari", "Trip Booked", "2026-01-02T10:00:00Z"),
        event("m2", "kari", "Trip Paid", "2026-01-02T10:05:00Z"),
        event("m3", "ola", "Trip Booked", "2026-01-03T09:00:00Z"),
    ];
    let outcome = store.append_events(WS, &first).await.expect("append");
    assert_eq!(
        outcome,
        AppendOutcome {
            stored: 3,
            duplicates: 0
        }
    );
    // A client retrying sends m2 again, and m4 twice in one request.
    let second = [
        event("m2", "kari", "Trip Paid", "2026-01-02T10:05:00Z"),
        event("m4", "kari", "Trip Reviewed", "2026-01-01T08:00:00Z"),
        event("m4", "kari", "Trip Reviewed", "2026-01-01T08:00:00Z"),
    ];
    let outcome = store.append_events(WS, &second).await.expect("append");
    assert_eq!(
        outcome,
        AppendOutcome {
            stored: 1,
            duplicates: 2
        }
    );
    assert_eq!(store.count_events(WS).await.expect("count"), 4);

    let kari = store.events_for(WS, "kari").await.expect("events");
    let ids: Vec<_> = kari.iter().map(|e| e.message_id.as_str()).collect();
    assert_eq!(ids, ["m4", "m1", "m2"], "in time order");
    assert_eq!(kari[1], first[0], "read back whole");
    let by_anonymous = store.events_for(WS, "anon-ola").await.expect("events");
    assert_eq!(by_anonymous.len(), 1);
    assert_eq!(by_anonymous[0].body["properties"]["revenue"], json!(12.5));

    // The same messageId in another workspace is another event.
    store
        .create_workspace("other", &settings("Other"), "test")
        .await
        .expect("other");
    let outcome = store
        .append_events("other", &first[..1])
        .await
        .expect("append");
    assert_eq!(outcome.stored, 1);
    // Deleting a workspace takes its events along.
    store.delete_workspace("other").await.expect("delete");
    assert_eq!(
        b.raw_count("SELECT COUNT(*) FROM events WHERE workspace_id = 'other'")
            .await,
        0
    );
}

pub async fn a_failed_append_stores_nothing(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let mut bad = event("m2", "kari", "X", "2026-01-02T10:00:00Z");
    bad.kind = "click".into();
    let events = [
        event("m1", "kari", "Trip Booked", "2026-01-02T10:00:00Z"),
        bad,
    ];
    let err = store
        .append_events(WS, &events)
        .await
        .expect_err("bad type");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(
        store.count_events(WS).await.expect("count"),
        0,
        "all or nothing"
    );
    let err = store
        .append_events("nowhere", &events[..1])
        .await
        .expect_err("no workspace");
    assert!(err.is_not_found(), "{err}");
}

pub async fn group_commit_stores_several_requests_with_one_outcome_each(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    store
        .create_workspace("other", &settings("Other"), "test")
        .await
        .expect("other");
    let batches = vec![
        EventBatch {
            workspace: WS.into(),
            events: vec![event("m1", "kari", "A", "2026-01-02T10:00:00Z")],
        },
        EventBatch {
            workspace: "other".into(),
            events: vec![event("m1", "kari", "A", "2026-01-02T10:00:00Z")],
        },
        EventBatch {
            workspace: WS.into(),
            events: vec![
                event("m1", "kari", "A", "2026-01-02T10:00:00Z"),
                event("m2", "kari", "B", "2026-01-02T10:01:00Z"),
            ],
        },
    ];
    let outcomes = store.append_event_batches(&batches).await.expect("append");
    assert_eq!(
        outcomes,
        [
            AppendOutcome {
                stored: 1,
                duplicates: 0
            },
            AppendOutcome {
                stored: 1,
                duplicates: 0
            },
            AppendOutcome {
                stored: 1,
                duplicates: 1
            },
        ]
    );
    assert_eq!(store.count_events(WS).await.expect("count"), 2);
    assert_eq!(store.count_events("other").await.expect("count"), 1);
}

pub async fn events_are_scanned_in_pages_and_listed_newest_first_by_source(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let (web, _) = store.create_source(WS, "Web").await.expect("source");
    let mut events: Vec<NewEvent> = (0..5)
        .map(|i| event(&format!("m{i}"), "kari", "Viewed", "2026-01-02T10:00:00Z"))
        .collect();
    for e in &mut events[..3] {
        e.source = Some(web.id.clone());
    }
    store.append_events(WS, &events).await.expect("append");

    let first = store.scan_events(WS, 0, 2).await.expect("scan");
    let ids: Vec<&str> = first.iter().map(|e| e.event.message_id.as_str()).collect();
    assert_eq!(ids, ["m0", "m1"]);
    let rest = store
        .scan_events(WS, first[1].seq, 10)
        .await
        .expect("scan on");
    let ids: Vec<&str> = rest.iter().map(|e| e.event.message_id.as_str()).collect();
    assert_eq!(ids, ["m2", "m3", "m4"]);
    let texts = store
        .scan_event_texts(WS, first[1].seq, 10)
        .await
        .expect("texts");
    assert_eq!(texts.len(), 3);
    assert_eq!(texts[0].0, rest[0].seq);
    let body: serde_json::Value = serde_json::from_str(&texts[0].1).expect("JSON text");
    assert_eq!(body["messageId"], "m2");

    let recent = store
        .recent_events(WS, Some(&web.id), 2)
        .await
        .expect("recent");
    let ids: Vec<&str> = recent.iter().map(|e| e.event.message_id.as_str()).collect();
    assert_eq!(ids, ["m2", "m1"], "newest first, only the source's");
    assert_eq!(recent[0].event.source.as_deref(), Some(web.id.as_str()));
    assert_eq!(
        store.recent_events(WS, None, 10).await.expect("all").len(),
        5
    );

    assert!(store.has_event(WS, "m4").await.expect("has"));
    assert!(!store.has_event(WS, "m9").await.expect("has not"));
    let counts = store.source_counts(WS).await.expect("counts");
    assert_eq!(counts[&web.id].events, 3);
}

pub async fn events_are_read_through_a_filter_in_arrival_order(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let mut events = vec![
        event("a", "kari", "Viewed", "2026-01-02T10:00:00Z"),
        event("b", "ola", "Bought", "2026-01-03T10:00:00Z"),
        event("c", "kari", "Bought", "2026-01-04T10:00:00Z"),
        event("d", "per", "Viewed", "2026-01-05T10:00:00Z"),
    ];
    events[3].kind = "page".into();
    events[3].user_id = None;
    events[3].anonymous_id = Some("anon-x".into());
    store.append_events(WS, &events).await.expect("append");
    let ids = |f: EventFilter, after: i64, limit: u32| async move {
        let page = store
            .scan_event_texts_matching(WS, after, limit, &f)
            .await
            .expect("filtered scan");
        page.into_iter()
            .map(|(seq, text)| {
                let body: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                (seq, body["messageId"].as_str().unwrap_or("").to_owned())
            })
            .collect::<Vec<_>>()
    };
    let names = |v: &[(i64, String)]| v.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>();
    let all = ids(EventFilter::default(), 0, 10).await;
    assert_eq!(names(&all), ["a", "b", "c", "d"]);
    let t = |s: &str| s.parse::<jiff::Timestamp>().expect("time");
    let window = EventFilter {
        from: Some(t("2026-01-03T10:00:00Z")),
        to: Some(t("2026-01-05T10:00:00Z")),
        ..EventFilter::default()
    };
    assert_eq!(
        names(&ids(window, 0, 10).await),
        ["b", "c"],
        "from inclusive, to not"
    );
    let bought = EventFilter {
        types: vec!["track".into()],
        event: Some("Bought".into()),
        ..EventFilter::default()
    };
    assert_eq!(names(&ids(bought, 0, 10).await), ["b", "c"]);
    let pages = EventFilter {
        types: vec!["page".into(), "identify".into()],
        ..EventFilter::default()
    };
    assert_eq!(names(&ids(pages, 0, 10).await), ["d"]);
    // Any of a customer's ids, user or anonymous, a page at a time after a cursor.
    let kari = EventFilter {
        ids: vec!["kari".into(), "anon-x".into()],
        ..EventFilter::default()
    };
    let first = ids(kari.clone(), 0, 2).await;
    assert_eq!(names(&first), ["a", "c"]);
    assert_eq!(names(&ids(kari, first[1].0, 2).await), ["d"]);
}

pub async fn rejections_are_kept_newest_first_pruned_and_counted(b: &Backend) {
    let store = &*b.store;
    empty_workspace(store).await;
    let (web, _) = store.create_source(WS, "Web").await.expect("source");
    let total = Rejection::KEPT_PER_SOURCE + 5;
    for i in 0..total {
        let rejection = Rejection {
            workspace: WS.into(),
            source: web.id.clone(),
            at: jiff::Timestamp::now(),
            status: 400,
            reason: format!("bad {i}"),
            excerpt: "é".repeat(Rejection::EXCERPT_BYTES),
        };
        store.record_rejection(&rejection).await.expect("record");
    }
    let kept = store
        .recent_rejections(WS, None, 1000)
        .await
        .expect("recent");
    assert_eq!(kept.len() as i64, Rejection::KEPT_PER_SOURCE);
    assert_eq!(kept[0].reason, format!("bad {}", total - 1), "newest first");
    assert!(kept[0].excerpt.len() <= Rejection::EXCERPT_BYTES);
    assert!(
        kept[0].excerpt.starts_with('é'),
        "cut on a character boundary"
    );
    let counts = store.source_counts(WS).await.expect("counts");
    assert_eq!(
        counts[&web.id].refused as i64, total,
        "every refusal counted"
    );

    let unknown = Rejection {
        source: "src_nowhere".into(),
        ..kept[0].clone()
    };
    assert!(store.record_rejection(&unknown).await.is_err());
}

pub async fn secrets_are_made_once_and_kept(b: &Backend) {
    let store = &*b.store;
    let a = store.secret("survey-links").await.expect("secret");
    assert_eq!(a.len(), 32);
    assert_eq!(store.secret("survey-links").await.expect("again"), a);
    assert_ne!(store.secret("other").await.expect("other"), a);
}
