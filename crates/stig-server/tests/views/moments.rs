//! Business moments in the web app: every page in every language, the builder round-tripping
//! each trigger kind through its form, errors landing on their fields, secrets never shown,
//! tasks assigned and closed, and a dead delivery replayed.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use fluent_bundle::FluentResource;
use http_body_util::BodyExt;
use tower::ServiceExt;

use stig_model::{
    Action, Channel, Conditions, KnownChannel, Limits, MilestoneKind, Moment, PropertyValue,
    Purpose, QuietHours, Smtp, SmtpSecurity, SurveyKind, TraitCondition, Trigger, Workspace,
};
use stig_pipeline::moments::{Backtest, Sample};
use stig_server::i18n::Locale;
use stig_server::views::forms::moment::{MomentForm, moment_form};
use stig_server::views::forms::{FormErrors, FormTarget};
use stig_server::views::moments::{
    ActivityView, EmailPreviews, SecretsView, TaskPeople, TaskPerson, activity_log, backtest_panel,
    deliveries_page, enable_confirm_page, moment_page, moments_page, profile_moments, secrets_page,
    tasks_page,
};
use stig_server::{AppState, Config, app};
use stig_store::{
    AfterAttempt, Attempt, Delivery, DeliveryStatus, EntityKind, Firing, MomentCommit,
    MomentCounts, NewDelivery, NewFiring, Role, SecretInfo, SqliteStore, Store, StoreExt, Task,
    TaskStatus,
};

use crate::support::{assert_translated, ctx, examples, text};

const WS: &str = "arctic-winter";
const LOCALES: [&str; 5] = ["en", "nb", "sv", "da", "fi"];

/// Each email action of `m` previewed for the invented sample customer.
fn previews(ws: &Workspace, m: &Moment) -> EmailPreviews {
    let context = stig_runtime::moments::sample_context(WS, ws, m, "preview", None);
    EmailPreviews {
        customer: "Kari Nordmann".into(),
        actions: m
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a, Action::Email { .. }))
            .map(|(i, _)| (i, stig_runtime::moments::preview_emails(ws, m, i, &context)))
            .collect(),
    }
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().expect("a timestamp")
}

/// One moment of each trigger kind, on the workspace's own journeys, personas and touchpoints.
fn sample_moments(ws: &Workspace) -> Vec<Moment> {
    let j = ws.journeys.first();
    let journey = j.map(|j| j.id.clone()).unwrap_or_default();
    let step = j.and_then(|j| j.steps.get(1)).map(|s| s.id.clone());
    let phase = j.and_then(|j| j.phases.first()).map(|p| p.id.clone());
    let persona: Vec<String> = ws.personas.iter().take(2).map(|p| p.id.clone()).collect();
    let survey_tp = ws
        .touchpoints
        .iter()
        .find(|t| t.survey.is_some())
        .map(|t| t.id.clone());
    let any_tp = ws.touchpoints.first().map(|t| t.id.clone());
    let webhook = Action::Webhook {
        url: "https://hooks.example.com/stig".into(),
        secret: "crm-hook".into(),
        purpose: Some(Purpose::DataSharing),
    };
    let task = Action::Task {
        title: "Call {{ customer.first_name }}".into(),
        body: "They said:\n{{ comment }}".into(),
        assignee: Some("duty-manager".into()),
        purpose: None,
    };
    let email = Action::Email {
        to: "customer".into(),
        subject: BTreeMap::from([
            ("en".into(), "Welcome back".into()),
            ("nb".into(), "Velkommen tilbake".into()),
        ]),
        body: BTreeMap::from([("en".into(), "Hello {{ customer.first_name }}".into())]),
        purpose: Some(Purpose::Marketing),
    };
    let mut out = vec![
        Moment {
            id: "premium-order".into(),
            name: "Premium order".into(),
            description: "A big order\nfrom a gold customer".into(),
            enabled: true,
            trigger: Trigger::Event {
                event: "Order Completed".into(),
                conditions: BTreeMap::from([
                    ("plan".into(), PropertyValue::Text("premium".into())),
                    ("items".into(), PropertyValue::Integer(3)),
                    ("gift".into(), PropertyValue::Bool(true)),
                    ("code".into(), PropertyValue::Text("42".into())),
                ]),
            },
            conditions: Conditions {
                personas: persona.clone(),
                phases: vec![],
                channels: vec![
                    Channel::Known(KnownChannel::Web),
                    Channel::Known(KnownChannel::App),
                ],
                traits: vec![
                    TraitCondition {
                        name: "tier".into(),
                        equals: Some(PropertyValue::Text("gold".into())),
                        not_equals: None,
                        at_least: None,
                        at_most: None,
                        exists: None,
                    },
                    TraitCondition {
                        name: "age".into(),
                        equals: None,
                        not_equals: None,
                        at_least: Some(30.0),
                        at_most: Some(65.5),
                        exists: None,
                    },
                    TraitCondition {
                        name: "email".into(),
                        equals: None,
                        not_equals: None,
                        at_least: None,
                        at_most: None,
                        exists: Some(true),
                    },
                ],
            },
            limits: Limits {
                once_per_run: false,
                max_per_customer: Some(2),
                period_days: Some(30),
                quiet_hours: Some(QuietHours {
                    from: "21:00".into(),
                    to: "08:00".into(),
                    timezone: Some("Europe/Oslo".into()),
                }),
            },
            actions: vec![webhook.clone(), task.clone()],
        },
        Moment {
            id: "after-step".into(),
            name: "Two days after the step".into(),
            description: String::new(),
            enabled: false,
            trigger: Trigger::Milestone {
                journey: journey.clone(),
                milestone: MilestoneKind::Enter,
                phase: None,
                step: step.clone(),
                offset: Some("2d".into()),
                date_property: None,
            },
            conditions: Conditions {
                phases: phase.iter().cloned().collect(),
                ..Default::default()
            },
            limits: Limits {
                once_per_run: true,
                ..Default::default()
            },
            actions: vec![email],
        },
        Moment {
            id: "gone-quiet".into(),
            name: "Gone quiet".into(),
            description: String::new(),
            enabled: true,
            trigger: Trigger::Inactivity { days: 60 },
            conditions: Conditions::default(),
            limits: Limits::default(),
            actions: vec![task],
        },
        Moment {
            id: "detractor".into(),
            name: "Detractor".into(),
            description: String::new(),
            enabled: true,
            trigger: Trigger::Feedback {
                score: SurveyKind::Nps,
                touchpoint: any_tp,
                at_most: Some(6.0),
                at_least: None,
            },
            conditions: Conditions::default(),
            limits: Limits::default(),
            actions: vec![webhook],
        },
    ];
    if let Some(tp) = survey_tp {
        out[3].actions.push(Action::Survey {
            touchpoint: tp,
            purpose: Some(Purpose::Service),
        });
    }
    if let (Some(p), Some(_)) = (&phase, &j) {
        out.push(Moment {
            id: "complete-phase".into(),
            name: "Phase done".into(),
            description: String::new(),
            enabled: true,
            trigger: Trigger::Milestone {
                journey,
                milestone: MilestoneKind::Complete,
                phase: Some(p.clone()),
                step: None,
                offset: Some("-3d".into()),
                date_property: Some("arrival".into()),
            },
            conditions: Conditions::default(),
            limits: Limits::default(),
            actions: vec![Action::Task {
                title: "Prepare".into(),
                body: String::new(),
                assignee: None,
                purpose: None,
            }],
        });
    }
    out
}

fn delivery(id: i64, kind: &str, status: DeliveryStatus, attempts: u32) -> Delivery {
    Delivery {
        id,
        workspace: WS.into(),
        firing: 1,
        moment: "premium-order".into(),
        customer: "kari".into(),
        occurrence: format!("occ-{id}"),
        action: 0,
        kind: kind.into(),
        payload: serde_json::json!({}),
        status,
        attempts,
        next_attempt_at: ts("2026-11-24T10:05:00Z"),
        last_error: (status == DeliveryStatus::Dead)
            .then(|| "HTTP 500 from hooks.example.com".to_owned()),
        created_at: ts("2026-11-24T10:00:00Z"),
        delivered_at: (status == DeliveryStatus::Delivered).then(|| ts("2026-11-24T10:00:02Z")),
    }
}

fn sample_firings() -> Vec<Firing> {
    vec![Firing {
        id: 1,
        moment: "premium-order".into(),
        occurrence: "event:abc".into(),
        customer: "kari".into(),
        persona: Some("unknown-persona".into()),
        at: ts("2026-11-24T09:59:00Z"),
        fired_at: ts("2026-11-24T10:00:00Z"),
        context: serde_json::json!({"trigger": {"event": "Order Completed"}}),
        deliveries: vec![
            delivery(1, "webhook", DeliveryStatus::Dead, 3),
            delivery(2, "task", DeliveryStatus::Delivered, 1),
            delivery(3, "email", DeliveryStatus::Pending, 0),
        ],
        suppressed: vec![stig_store::Suppressed {
            action: 3,
            kind: "email".into(),
            purpose: "marketing".into(),
        }],
    }]
}

fn sample_attempts() -> HashMap<i64, Vec<Attempt>> {
    HashMap::from([(
        1,
        vec![
            Attempt {
                at: ts("2026-11-24T10:00:01Z"),
                ok: false,
                status: Some(500),
                error: Some("HTTP 500".into()),
                duration_ms: 120,
            },
            Attempt {
                at: ts("2026-11-24T10:01:01Z"),
                ok: true,
                status: Some(200),
                error: None,
                duration_ms: 80,
            },
        ],
    )])
}

#[test]
fn every_moments_page_renders_in_every_language() {
    for (id, mut ws) in examples() {
        let moments = sample_moments(&ws);
        ws.moments = moments.clone();
        let counts: HashMap<String, MomentCounts> = HashMap::from([(
            "premium-order".to_owned(),
            MomentCounts {
                fired: 12,
                pending: 1,
                delivered: 20,
                dead: 3,
                suppressed: 4,
                last_fired: Some(ts("2026-11-24T10:00:00Z")),
            },
        )]);
        let firings = sample_firings();
        let attempts = sample_attempts();
        let backtest = Backtest {
            moment: "premium-order".into(),
            events: 12_345,
            from: Some(ts("2024-01-01T00:00:00Z")),
            to: Some(ts("2026-11-24T00:00:00Z")),
            fired: 42,
            suppressed: 5,
            customers: 17,
            per_persona: BTreeMap::from([
                (String::new(), 2),
                (
                    ws.personas
                        .first()
                        .map(|p| p.id.clone())
                        .unwrap_or_default(),
                    40,
                ),
            ]),
            per_week: BTreeMap::from([
                ("2026-10-05".parse().expect("date"), 3),
                ("2026-11-23".parse().expect("date"), 5),
            ]),
            samples: vec![Sample {
                customer: "kari".into(),
                persona: None,
                at: ts("2026-11-20T12:00:00Z"),
                occurrence: "event:xyz".into(),
            }],
        };
        let empty_backtest = Backtest {
            moment: "x".into(),
            events: 0,
            from: None,
            to: None,
            fired: 0,
            suppressed: 0,
            customers: 0,
            per_persona: BTreeMap::new(),
            per_week: BTreeMap::new(),
            samples: vec![],
        };
        let tasks = vec![
            Task {
                id: 1,
                workspace: id.clone(),
                delivery: 2,
                moment: "premium-order".into(),
                customer: "kari".into(),
                title: "Call Kari".into(),
                body: "About the order".into(),
                assignee: None,
                status: TaskStatus::Open,
                created_at: ts("2026-11-24T10:00:00Z"),
                done_at: None,
            },
            Task {
                id: 2,
                workspace: id.clone(),
                delivery: 4,
                moment: "gone-quiet".into(),
                customer: "ola".into(),
                title: "Win Ola back".into(),
                body: String::new(),
                assignee: Some("erik".into()),
                status: TaskStatus::Done,
                created_at: ts("2026-11-20T10:00:00Z"),
                done_at: Some(ts("2026-11-21T10:00:00Z")),
            },
        ];
        let tp = ws
            .touchpoints
            .first()
            .map(|t| (t.id.clone(), t.name.clone()));
        let people = TaskPeople::from([(
            1,
            TaskPerson {
                name: Some("Kari Nordmann".into()),
                email: Some("kari@example.no".into()),
                phone: Some("+47 912 34 567".into()),
                touchpoint: tp.as_ref().map(|t| t.0.clone()),
                touchpoint_name: None,
            },
        )]);
        let disabled = Moment {
            enabled: false,
            ..moments[0].clone()
        };
        let secrets = vec![SecretInfo {
            name: "crm-hook".into(),
            updated_at: ts("2026-11-24T10:00:00Z"),
        }];
        let dead: Vec<Delivery> = firings[0].deliveries.clone();
        for locale in Locale::ALL {
            for can_edit in [true, false] {
                let what = format!("{id} [{}] edit={can_edit}", locale.code());
                let c = ctx(locale, &id, &ws, can_edit);
                let back = format!("/w/{id}/moments/premium-order");
                let view = ActivityView {
                    firings: &firings,
                    attempts: &attempts,
                    back: &back,
                    show_moment: false,
                };
                let mut pages = vec![
                    ("list", moments_page(&c, &ws, &counts).into_string()),
                    (
                        "backtest",
                        backtest_panel(&c, &ws, &moments[0], &backtest).into_string(),
                    ),
                    (
                        "backtest of a disabled moment",
                        backtest_panel(&c, &ws, &disabled, &backtest).into_string(),
                    ),
                    (
                        "empty backtest",
                        backtest_panel(&c, &ws, &disabled, &empty_backtest).into_string(),
                    ),
                    ("enable?", enable_confirm_page(&c, &disabled).into_string()),
                    ("activity", activity_log(&c, &ws, &view).into_string()),
                    (
                        "deliveries",
                        deliveries_page(
                            &c,
                            &ws,
                            Some(DeliveryStatus::Dead),
                            &dead,
                            &attempts,
                            "/x",
                        )
                        .into_string(),
                    ),
                    (
                        "no deliveries",
                        deliveries_page(&c, &ws, None, &[], &attempts, "/x").into_string(),
                    ),
                    ("tasks", tasks_page(&c, &ws, &tasks, &people).into_string()),
                    (
                        "no tasks",
                        tasks_page(&c, &ws, &[], &TaskPeople::default()).into_string(),
                    ),
                    (
                        "secrets",
                        secrets_page(
                            &c,
                            &ws,
                            &SecretsView {
                                secrets: &secrets,
                                generated: Some(("new-hook", "whsec_abc")),
                                error: None,
                            },
                        )
                        .into_string(),
                    ),
                    (
                        "profile",
                        profile_moments(
                            &c,
                            &ws,
                            &ActivityView {
                                show_moment: true,
                                ..view
                            },
                        )
                        .into_string(),
                    ),
                    (
                        "new form",
                        moment_form(
                            &c,
                            &ws,
                            &MomentForm::new_default(),
                            &FormErrors::default(),
                            &FormTarget {
                                action: "/a",
                                cancel: "/c",
                                is_new: true,
                            },
                        )
                        .into_string(),
                    ),
                ];
                for m in &moments {
                    let counts = counts.get(&m.id).copied().unwrap_or_default();
                    pages.push((
                        "moment",
                        moment_page(&c, &ws, m, &counts, &view, &previews(&ws, m)).into_string(),
                    ));
                    pages.push((
                        "edit form",
                        moment_form(
                            &c,
                            &ws,
                            &MomentForm::from_model(m),
                            &FormErrors::default(),
                            &FormTarget {
                                action: "/a",
                                cancel: "/c",
                                is_new: false,
                            },
                        )
                        .into_string(),
                    ));
                }
                for (page, html) in &pages {
                    assert_translated(html, &format!("{what} {page}"));
                    let t = text(html);
                    assert!(!t.contains("moments-"), "{what} {page}: a key in {t}");
                }
                let list = text(&pages[0].1);
                for m in &moments {
                    assert!(list.contains(&m.name), "{what}: {} listed", m.name);
                }
                let page_of = |name: &str| {
                    pages
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, h)| h.as_str())
                        .expect("the page")
                };
                let secrets_html = page_of("secrets");
                // Only admins change secrets (editors see the names): no forms for these roles.
                assert!(
                    !secrets_html.contains("action=\"/w/"),
                    "{what}: only admins change secrets"
                );
                assert!(
                    page_of("activity").contains("/deliveries/1/replay") == can_edit
                        && !page_of("activity").contains("/deliveries/2/replay"),
                    "{what}: a retry for the failed delivery only, for editors"
                );
                // Tasks name the customer with a number to call and an address, and where.
                let tasks_html = page_of("tasks");
                assert!(text(tasks_html).contains("Kari Nordmann"), "{what}");
                assert!(tasks_html.contains("href=\"tel:+4791234567\""), "{what}");
                assert!(tasks_html.contains("mailto:kari@example.no"), "{what}");
                if let Some((_, name)) = &tp {
                    assert!(text(tasks_html).contains(name.as_str()), "{what}: {name}");
                }
                // The one without a name in its traits falls back to its id.
                assert!(text(tasks_html).contains("ola"), "{what}");
                // A disabled moment's backtest offers to enable it with what it found;
                // an enabled one's does not.
                assert_eq!(
                    page_of("backtest of a disabled moment")
                        .contains("name=\"backtested\" value=\"42/17\""),
                    can_edit,
                    "{what}"
                );
                assert!(
                    !page_of("backtest").contains("name=\"backtested\""),
                    "{what}"
                );
                // Phases come grouped under their journeys' names.
                if let Some(j) = ws.journeys.iter().find(|j| !j.phases.is_empty()) {
                    assert!(
                        page_of("new form").contains(&format!("<optgroup label=\"{}\">", j.name)),
                        "{what}"
                    );
                }
            }
        }
        // The summaries say what happens, in words.
        let c = ctx(Locale::En, &id, &ws, true);
        let list = text(&moments_page(&c, &ws, &counts).into_string());
        assert!(
            list.contains("After 60 days without activity"),
            "{id}: {list}"
        );
        assert!(
            list.contains("When a NPS score is 6 or lower")
                || list.contains("When a Net Promoter Score score is 6 or lower")
                || list.contains("score is 6 or lower"),
            "{id}: {list}"
        );
        if !ws.journeys.is_empty() {
            assert!(list.contains("2 days after entering"), "{id}: {list}");
        }
    }
}

/// The message ids of one locale's moments.ftl.
fn ftl(locale: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale)
        .join("moments.ftl");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn keys(src: &str) -> std::collections::BTreeSet<String> {
    src.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn moments_messages_exist_parse_and_are_translated_in_every_language() {
    let en = keys(&ftl("en"));
    assert!(en.len() > 100, "{}", en.len());
    let en_src = ftl("en");
    let en_lines: Vec<&str> = en_src.lines().filter(|l| l.contains(" = ")).collect();
    for locale in LOCALES {
        let src = ftl(locale);
        if let Err((_, errors)) = FluentResource::try_new(src.clone()) {
            panic!("{locale}/moments.ftl: {errors:?}");
        }
        let other = keys(&src);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{locale}/moments.ftl lacks {missing:?}");
        assert!(extra.is_empty(), "{locale}/moments.ftl has extra {extra:?}");
        for k in &other {
            assert!(k.starts_with("moments-"), "{locale}: `{k}`");
        }
        if locale != "en" {
            let same = en_lines
                .iter()
                .filter(|l| src.lines().any(|x| x == **l))
                .count();
            assert!(
                same * 8 < en_lines.len(),
                "{locale}: {same} of {} moments messages are English copies",
                en_lines.len()
            );
        }
    }
}

// ---- through the web app ----

struct App {
    router: Router,
    store: Arc<SqliteStore>,
    ws: Workspace,
    _dir: tempfile::TempDir,
}

impl App {
    async fn new() -> App {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Arc::new(
            SqliteStore::open(dir.path().join("t.db"))
                .await
                .expect("store"),
        );
        let example =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/arctic-winter");
        let mut ws = stig_model::code::load_dir(&example)
            .expect("example")
            .workspace;
        // Email and survey actions need a mail server.
        ws.settings.smtp = Some(Smtp {
            host: "smtp.example.com".into(),
            port: 587,
            from: "hello@example.com".into(),
            username: None,
            password_secret: None,
            security: SmtpSecurity::Starttls,
        });
        store
            .import_workspace(WS, &ws, "test")
            .await
            .expect("import");
        for (name, role) in [
            ("vera", Role::Viewer),
            ("erik", Role::Editor),
            ("ada", Role::Admin),
        ] {
            store
                .add_user(name, &format!("{name}-password"), role)
                .await
                .expect("user");
        }
        let state = AppState::new(store.clone(), Config::read_your_writes());
        App {
            router: app(state),
            store,
            ws,
            _dir: dir,
        }
    }

    async fn send(&self, req: Request<Body>) -> (u16, Option<String>, String) {
        let res = self.router.clone().oneshot(req).await.expect("a response");
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (
            status,
            location,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// Logs in; returns the session cookie and the CSRF token.
    async fn login(&self, user: &str) -> (String, String) {
        let res = self
            .router
            .clone()
            .oneshot(Request::get("/login").body(Body::empty()).expect("req"))
            .await
            .expect("res");
        let login_cookie = res.headers()[header::SET_COOKIE]
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_owned();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let csrf = value_of(&String::from_utf8_lossy(&bytes), "csrf");
        let body = format!("user={user}&password={user}-password&csrf={csrf}&next=/w/{WS}");
        let res = self
            .router
            .clone()
            .oneshot(
                Request::post("/login")
                    .header(header::COOKIE, &login_cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("req"),
            )
            .await
            .expect("res");
        assert_eq!(res.status(), 303, "login");
        let cookie = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("stig_session="))
            .expect("a session cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_owned();
        let page = self.get(&cookie, &format!("/w/{WS}")).await.1;
        (cookie, value_of(&page, "csrf"))
    }

    async fn get(&self, cookie: &str, path: &str) -> (u16, String) {
        let (status, _, body) = self
            .send(
                Request::get(path)
                    .header(header::COOKIE, cookie)
                    .body(Body::empty())
                    .expect("req"),
            )
            .await;
        (status, body)
    }

    async fn post(
        &self,
        cookie: &str,
        csrf: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (u16, Option<String>, String) {
        let mut body = format!("csrf={}", enc(csrf));
        for (k, v) in fields {
            body.push_str(&format!("&{}={}", enc(k), enc(v)));
        }
        self.send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("req"),
        )
        .await
    }

    async fn stored(&self, id: &str) -> Moment {
        let v = self
            .store
            .get_entity(WS, EntityKind::Moment, id)
            .await
            .expect("stored");
        serde_json::from_value(v.value).expect("a moment")
    }
}

fn enc(s: &str) -> String {
    stig_server::views::urlencode(s)
}

fn value_of(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} field"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').expect("end")].to_owned()
}

/// The form fields a person fills in for `m` (three action blocks, the unused ones empty).
fn fields_for(m: &Moment) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("id".into(), m.id.clone()),
        ("name".into(), m.name.clone()),
        ("description".into(), m.description.replace('\n', "\r\n")),
        ("trigger".into(), m.trigger.kind().into()),
    ];
    if m.enabled {
        f.push(("enabled".into(), "on".into()));
    }
    let mut push = |k: &str, v: String| f.push((k.to_owned(), v));
    match &m.trigger {
        Trigger::Event { event, conditions } => {
            push("event", event.clone());
            let lines: Vec<String> = conditions
                .iter()
                .map(|(k, v)| match v {
                    PropertyValue::Text(t) if t.parse::<f64>().is_ok() => format!("{k} = \"{t}\""),
                    PropertyValue::Text(t) => format!("{k} = {t}"),
                    PropertyValue::Integer(n) => format!("{k} = {n}"),
                    PropertyValue::Float(x) => format!("{k} = {x}"),
                    PropertyValue::Bool(b) => format!("{k} = {b}"),
                })
                .collect();
            push("event_where", lines.join("\r\n"));
        }
        Trigger::Milestone {
            journey,
            milestone,
            phase,
            step,
            offset,
            date_property,
        } => {
            push("ms_journey", journey.clone());
            push("ms_milestone", milestone.as_str().into());
            push(
                "ms_phase",
                phase
                    .as_ref()
                    .map(|p| format!("{journey}/{p}"))
                    .unwrap_or_default(),
            );
            push(
                "ms_step",
                step.as_ref()
                    .map(|s| format!("{journey}/{s}"))
                    .unwrap_or_default(),
            );
            push("ms_offset", offset.clone().unwrap_or_default());
            push(
                "ms_date_property",
                date_property.clone().unwrap_or_default(),
            );
        }
        Trigger::Inactivity { days } => push("inactivity_days", days.to_string()),
        Trigger::Feedback {
            score,
            touchpoint,
            at_most,
            at_least,
        } => {
            push("fb_score", score.as_str().into());
            push("fb_touchpoint", touchpoint.clone().unwrap_or_default());
            push(
                "fb_at_most",
                at_most
                    .map(|v| v.to_string().replace('.', ","))
                    .unwrap_or_default(),
            );
            push(
                "fb_at_least",
                at_least.map(|v| v.to_string()).unwrap_or_default(),
            );
        }
    }
    for p in &m.conditions.personas {
        push("personas", p.clone());
    }
    for p in &m.conditions.phases {
        push("phases", p.clone());
    }
    for c in &m.conditions.channels {
        push("channels", c.as_str().into());
    }
    let traits: Vec<String> = m
        .conditions
        .traits
        .iter()
        .flat_map(|t| {
            let mut l = Vec::new();
            if let Some(PropertyValue::Text(v)) = &t.equals {
                l.push(format!("{} = {v}", t.name));
            }
            if let Some(v) = t.at_least {
                l.push(format!("{} >= {v}", t.name));
            }
            if let Some(v) = t.at_most {
                l.push(format!("{} <= {}", t.name, v.to_string().replace('.', ",")));
            }
            if t.exists == Some(true) {
                l.push(format!("{} exists", t.name));
            }
            l
        })
        .collect();
    push("traits", traits.join("\r\n"));
    let l = &m.limits;
    if l.once_per_run {
        push("once_per_run", "on".into());
    }
    push(
        "max_per_customer",
        l.max_per_customer
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    push(
        "period_days",
        l.period_days.map(|n| n.to_string()).unwrap_or_default(),
    );
    let q = l.quiet_hours.as_ref();
    push("quiet_from", q.map(|q| q.from.clone()).unwrap_or_default());
    push("quiet_to", q.map(|q| q.to.clone()).unwrap_or_default());
    push(
        "quiet_timezone",
        q.and_then(|q| q.timezone.clone()).unwrap_or_default(),
    );
    // Three blocks; the first unused one sits between used ones to show empty blocks are skipped.
    let mut blocks: Vec<Option<&Action>> = m.actions.iter().map(Some).collect();
    blocks.insert(blocks.len().min(1), None);
    blocks.resize(3.max(blocks.len()), None);
    for a in blocks {
        let mut b: BTreeMap<&str, String> = BTreeMap::new();
        if let Some(p) = a.and_then(Action::declared_purpose) {
            b.insert("a_purpose", p.as_str().into());
        }
        match a {
            None => {}
            Some(Action::Webhook { url, secret, .. }) => {
                b.insert("a_kind", "webhook".into());
                b.insert("a_url", url.clone());
                b.insert("a_secret", secret.clone());
            }
            Some(Action::Email {
                to, subject, body, ..
            }) => {
                b.insert("a_kind", "email".into());
                b.insert("a_to", to.clone());
                for l in LOCALES {
                    let (sk, bk) = match l {
                        "en" => ("a_subject_en", "a_body_en"),
                        "nb" => ("a_subject_nb", "a_body_nb"),
                        "sv" => ("a_subject_sv", "a_body_sv"),
                        "da" => ("a_subject_da", "a_body_da"),
                        _ => ("a_subject_fi", "a_body_fi"),
                    };
                    b.insert(sk, subject.get(l).cloned().unwrap_or_default());
                    b.insert(bk, body.get(l).cloned().unwrap_or_default());
                }
            }
            Some(Action::Survey { touchpoint, .. }) => {
                b.insert("a_kind", "survey".into());
                b.insert("a_touchpoint", touchpoint.clone());
            }
            Some(Action::Task {
                title,
                body,
                assignee,
                ..
            }) => {
                b.insert("a_kind", "task".into());
                b.insert("a_title", title.clone());
                b.insert("a_task_body", body.replace('\n', "\r\n"));
                b.insert("a_assignee", assignee.clone().unwrap_or_default());
            }
        }
        for k in [
            "a_kind",
            "a_url",
            "a_secret",
            "a_to",
            "a_subject_en",
            "a_subject_nb",
            "a_subject_sv",
            "a_subject_da",
            "a_subject_fi",
            "a_body_en",
            "a_body_nb",
            "a_body_sv",
            "a_body_da",
            "a_body_fi",
            "a_touchpoint",
            "a_title",
            "a_task_body",
            "a_assignee",
            "a_purpose",
        ] {
            f.push((k.into(), b.get(k).cloned().unwrap_or_default()));
        }
    }
    f
}

#[tokio::test]
async fn the_builder_round_trips_every_trigger_kind() {
    let app = App::new().await;
    let (cookie, csrf) = app.login("erik").await;
    let (status, page) = app.get(&cookie, &format!("/w/{WS}/moments/new")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"trigger\" value=\"milestone\""),
        "{page}"
    );
    let moments = sample_moments(&app.ws);
    let kinds: std::collections::BTreeSet<&str> =
        moments.iter().map(|m| m.trigger.kind()).collect();
    assert_eq!(kinds.len(), 4, "every trigger kind");
    for m in &moments {
        let fields = fields_for(m);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, location, body) = app
            .post(&cookie, &csrf, &format!("/w/{WS}/moments"), &fields)
            .await;
        assert_eq!(status, 303, "{}: {}", m.id, crate::support::text(&body));
        assert_eq!(
            location.as_deref(),
            Some(format!("/w/{WS}/moments/{}", m.id).as_str())
        );
        // A new moment is stored switched off, even when "enabled" was posted.
        let off = Moment {
            enabled: false,
            ..m.clone()
        };
        assert_eq!(app.stored(&m.id).await, off, "{} as stored", m.id);
        if m.enabled {
            let enable = format!("/w/{WS}/moments/{}/enable", m.id);
            // Without a backtest: a page that asks, nothing switched on.
            let (status, _, body) = app.post(&cookie, &csrf, &enable, &[("do", "enable")]).await;
            assert_eq!(status, 200, "{}", text(&body));
            assert!(body.contains("name=\"confirmed\""), "{}", text(&body));
            assert!(!app.stored(&m.id).await.enabled);
            // From the backtest's button (or confirmed): switched on.
            let (status, _, _) = app
                .post(
                    &cookie,
                    &csrf,
                    &enable,
                    &[("do", "enable"), ("backtested", "3/2")],
                )
                .await;
            assert_eq!(status, 303);
            assert_eq!(&app.stored(&m.id).await, m, "{} enabled", m.id);
        }

        // The edit form shows it back, and saving it unchanged keeps it as it is.
        let (status, page) = app
            .get(&cookie, &format!("/w/{WS}/moments/{}/edit", m.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("value=\"{}\"", m.id)));
        let (status, page) = app.get(&cookie, &format!("/w/{WS}/moments/{}", m.id)).await;
        assert_eq!(status, 200, "{}", m.id);
        assert!(text(&page).contains(&m.name));
    }
    // Edit one: rename and disable, through the same form.
    let mut m = moments[0].clone();
    m.name = "Premium order, renamed".into();
    m.enabled = false;
    let fields = fields_for(&m);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/moments/{}/edit", m.id),
            &fields,
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(app.stored(&m.id).await, m);
    let (status, page) = app.get(&cookie, &format!("/w/{WS}/moments")).await;
    assert_eq!(status, 200);
    for m in &moments[1..] {
        assert!(text(&page).contains(&m.name));
    }
    // A viewer reads, but may not build.
    let (viewer, _) = app.login("vera").await;
    assert_eq!(app.get(&viewer, &format!("/w/{WS}/moments")).await.0, 200);
    assert_eq!(
        app.get(&viewer, &format!("/w/{WS}/moments/premium-order"))
            .await
            .0,
        200
    );
    assert_eq!(
        app.get(&viewer, &format!("/w/{WS}/moments/new")).await.0,
        403
    );
    let (vcookie, vcsrf) = app.login("vera").await;
    let (status, _, _) = app
        .post(
            &vcookie,
            &vcsrf,
            &format!("/w/{WS}/moments/{}/enable", moments[1].id),
            &[("do", "enable"), ("confirmed", "1")],
        )
        .await;
    assert_eq!(status, 403, "a viewer may not switch a moment on");
    // Disabling goes at once.
    let (status, _, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/moments/{}/enable", moments[1].id),
            &[("do", "disable")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(!app.stored(&moments[1].id).await.enabled);
}

/// The part of `page` from the input named `name` to the end of its label.
fn field_html<'a>(page: &'a str, needle: &str) -> &'a str {
    let at = page
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle} in the page"));
    let start = page[..at].rfind("<label").expect("a label");
    let end = at + page[at..].find("</label>").expect("the label's end");
    &page[start..end]
}

#[tokio::test]
async fn a_bad_form_comes_back_with_the_errors_on_their_fields() {
    let app = App::new().await;
    let (cookie, csrf) = app.login("erik").await;
    let (status, _, page) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/moments"),
            &[
                ("id", "broken"),
                ("name", "Broken"),
                ("trigger", "milestone"),
                ("ms_journey", "nope"),
                ("ms_milestone", "enter"),
                ("a_kind", ""),
                ("a_url", ""),
                ("a_secret", ""),
                ("a_kind", "webhook"),
                ("a_url", "ftp://x"),
                ("a_secret", "crm"),
                ("traits", "tier = gold"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{}", text(&page));
    let journey = field_html(&page, "name=\"ms_journey\"");
    assert!(
        journey.contains("has-error")
            && journey.contains("field-error")
            && journey.contains("nope"),
        "{journey}"
    );
    let url = field_html(&page, "name=\"a_url\" value=\"ftp://x\"");
    assert!(
        url.contains("has-error") && url.contains("field-error") && url.contains("ftp://x"),
        "{url}"
    );
    // The first (empty) block has no error; the user's input is kept.
    let first = field_html(&page, "name=\"a_url\" value=\"\"");
    assert!(!first.contains("field-error"), "{first}");
    assert!(page.contains("tier = gold"));
    assert!(page.contains("value=\"Broken\""));
    // A number that is not one, before the model sees it.
    let (status, _, page) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/moments"),
            &[
                ("id", "quiet"),
                ("name", "Quiet"),
                ("trigger", "inactivity"),
                ("inactivity_days", "sixty"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let days = field_html(&page, "name=\"inactivity_days\"");
    assert!(
        days.contains("field-error") && days.contains("sixty"),
        "{days}"
    );
    assert!(
        app.store
            .get_entity(WS, EntityKind::Moment, "broken")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn secrets_show_names_never_values() {
    let app = App::new().await;
    let (cookie, csrf) = app.login("ada").await;
    let (status, location, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/secrets"),
            &[("name", "crm-hook"), ("value", "s3cr3t-value-never-shown")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some(format!("/w/{WS}/secrets").as_str())
    );
    assert_eq!(
        app.store
            .workspace_secret(WS, "crm-hook")
            .await
            .expect("read")
            .as_deref(),
        Some("s3cr3t-value-never-shown")
    );
    let (status, page) = app.get(&cookie, &format!("/w/{WS}/secrets")).await;
    assert_eq!(status, 200);
    assert!(page.contains("crm-hook"));
    assert!(!page.contains("s3cr3t-value-never-shown"));

    // Generated: shown once, on the answer to the POST only.
    let (status, _, page) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/secrets/generate"),
            &[("name", "new-hook")],
        )
        .await;
    assert_eq!(status, 201);
    let value = app
        .store
        .workspace_secret(WS, "new-hook")
        .await
        .expect("read")
        .expect("generated");
    assert!(value.starts_with("whsec_"), "{value}");
    assert!(page.contains(&value));
    let (_, page) = app.get(&cookie, &format!("/w/{WS}/secrets")).await;
    assert!(page.contains("new-hook") && !page.contains(&value));
    assert!(!page.contains("whsec_"));

    // A bad name is refused on the page.
    let (status, _, page) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/secrets"),
            &[("name", "no spaces"), ("value", "x")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("field-error"));

    // An editor sees the names, never the values; a viewer does not see the page.
    let (editor, _) = app.login("erik").await;
    let (status, page) = app.get(&editor, &format!("/w/{WS}/secrets")).await;
    assert_eq!(status, 200);
    assert!(page.contains("crm-hook") && !page.contains("s3cr3t"));
    let (viewer, vcsrf) = app.login("vera").await;
    let (status, _) = app.get(&viewer, &format!("/w/{WS}/secrets")).await;
    assert_eq!(status, 403);
    let (status, _, _) = app
        .post(
            &viewer,
            &vcsrf,
            &format!("/w/{WS}/secrets/crm-hook/delete"),
            &[],
        )
        .await;
    assert_eq!(status, 403);

    let (status, _, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/secrets/crm-hook/delete"),
            &[],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        app.store
            .workspace_secret(WS, "crm-hook")
            .await
            .expect("read"),
        None
    );
}

/// Stores one firing of `premium-order` for `kari` with one delivery of `kind`; returns its id.
async fn fire(app: &App, kind: &str, occurrence: &str) -> i64 {
    app.store
        .commit_moments(
            WS,
            &MomentCommit {
                cursor: None,
                firings: vec![NewFiring {
                    moment: "premium-order".into(),
                    occurrence: occurrence.into(),
                    customer: "kari".into(),
                    persona: None,
                    at: jiff::Timestamp::now(),
                    context: serde_json::json!({"trigger": {"event": "Order Completed"}}),
                    deliveries: vec![NewDelivery {
                        action: 0,
                        kind: kind.into(),
                        // A task's payload carries its texts (the store may create the
                        // task as the firing commits).
                        payload: serde_json::json!({
                            "url": "https://hooks.example.com/x",
                            "title": "Call Kari",
                        }),
                        not_before: jiff::Timestamp::now(),
                    }],
                    suppressed: Vec::new(),
                }],
            },
        )
        .await
        .expect("commit");
    app.store
        .list_deliveries(WS, None, 100)
        .await
        .expect("deliveries")
        .into_iter()
        .find(|d| d.occurrence == occurrence)
        .expect("the delivery")
        .id
}

#[tokio::test]
async fn a_task_is_assigned_and_done() {
    let app = App::new().await;
    let delivery = fire(&app, "task", "occ-task").await;
    let task = app
        .store
        .create_task(WS, delivery, "premium-order", "kari", "Call Kari", "", None)
        .await
        .expect("task");
    let (cookie, csrf) = app.login("erik").await;
    let (status, page) = app.get(&cookie, &format!("/w/{WS}/tasks")).await;
    assert_eq!(status, 200);
    assert!(text(&page).contains("Call Kari"), "{}", text(&page));
    assert!(page.contains(&format!("/w/{WS}/customers/kari")));

    let path = format!("/w/{WS}/tasks/{task}");
    let (status, location, _) = app
        .post(
            &cookie,
            &csrf,
            &path,
            &[("do", "assign"), ("assignee", "erik")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(format!("/w/{WS}/tasks").as_str()));
    let t = &app.store.list_tasks(WS, None, 10).await.expect("tasks")[0];
    assert_eq!(
        (t.assignee.as_deref(), t.status),
        (Some("erik"), TaskStatus::Open)
    );

    app.post(&cookie, &csrf, &path, &[("do", "done")]).await;
    let t = &app.store.list_tasks(WS, None, 10).await.expect("tasks")[0];
    assert_eq!(
        (t.assignee.as_deref(), t.status),
        (Some("erik"), TaskStatus::Done)
    );
    assert!(t.done_at.is_some());

    app.post(&cookie, &csrf, &path, &[("do", "reopen")]).await;
    app.post(&cookie, &csrf, &path, &[("do", "assign"), ("assignee", "")])
        .await;
    let t = &app.store.list_tasks(WS, None, 10).await.expect("tasks")[0];
    assert_eq!((t.assignee.as_deref(), t.status), (None, TaskStatus::Open));

    let (viewer, vcsrf) = app.login("vera").await;
    assert_eq!(app.get(&viewer, &format!("/w/{WS}/tasks")).await.0, 200);
    let (status, _, _) = app.post(&viewer, &vcsrf, &path, &[("do", "done")]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn replay_moves_a_dead_delivery_back_to_pending() {
    let app = App::new().await;
    let id = fire(&app, "webhook", "occ-dead").await;
    app.store
        .record_attempt(
            id,
            &Attempt {
                at: jiff::Timestamp::now(),
                ok: false,
                status: Some(500),
                error: Some("HTTP 500 from the receiver".into()),
                duration_ms: 42,
            },
            AfterAttempt::Dead,
        )
        .await
        .expect("attempt");
    assert_eq!(
        app.store.delivery(WS, id).await.expect("d").status,
        DeliveryStatus::Dead
    );
    let (cookie, csrf) = app.login("erik").await;
    // The dead-letter list is the default of the deliveries page.
    let (status, page) = app.get(&cookie, &format!("/w/{WS}/deliveries")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("/deliveries/{id}/replay")),
        "a retry button"
    );
    assert!(text(&page).contains("HTTP 500 from the receiver"));

    let next = format!("/w/{WS}/deliveries?status=dead");
    let (status, location, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/deliveries/{id}/replay"),
            &[("next", &next)],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(next.as_str()));
    assert_eq!(
        app.store.delivery(WS, id).await.expect("d").status,
        DeliveryStatus::Pending
    );
    // Off-site `next` is not followed.
    let (_, location, _) = app
        .post(
            &cookie,
            &csrf,
            &format!("/w/{WS}/deliveries/{id}/replay"),
            &[("next", "https://evil.example.com/")],
        )
        .await;
    assert_eq!(
        location.as_deref(),
        Some(format!("/w/{WS}/deliveries").as_str())
    );

    // The customer's profile lists the firing (with the moment saved, by its name).
    let m = sample_moments(&app.ws).remove(0);
    let fields = fields_for(&m);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(&cookie, &csrf, &format!("/w/{WS}/moments"), &fields)
        .await;
    let (status, page) = app
        .get(&cookie, &format!("/w/{WS}/moments/{}/activity", m.id))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("/w/{WS}/customers/kari")), "{page}");
    let (status, page) = app
        .get(&cookie, &format!("/w/{WS}/deliveries?status=pending"))
        .await;
    assert_eq!(status, 200);
    assert!(text(&page).contains(&m.name));

    let (viewer, vcsrf) = app.login("vera").await;
    let (status, _, _) = app
        .post(
            &viewer,
            &vcsrf,
            &format!("/w/{WS}/deliveries/{id}/replay"),
            &[],
        )
        .await;
    assert_eq!(status, 403);
}
