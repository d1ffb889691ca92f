//! Parse → validate → serialize round-trips without loss, for any workspace (property test).

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use std::collections::BTreeMap;

use stig_model::code::{load_files, to_files};
use stig_model::*;

fn id() -> impl Strategy<Value = String> {
    "[a-zø][a-z0-9æøå_-]{0,10}"
}

fn text() -> impl Strategy<Value = String> {
    // Any printable text, plus quotes, backslashes, newlines and Nordic letters.
    prop_oneof!["\\PC{0,24}", "[a-zA-ZæøåÆØÅäöÄÖ \"\\\\\n\t'#=\\[\\]]{0,24}"]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

fn per_persona() -> impl Strategy<Value = BTreeMap<String, i8>> {
    btree_map(id(), any::<i8>(), 0..3)
}

fn channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        proptest::sample::select(KnownChannel::ALL).prop_map(Channel::Known),
        "[a-z]{1,8}-custom".prop_map(Channel::Custom),
    ]
}

fn date() -> impl Strategy<Value = jiff::civil::Date> {
    (1900i16..2100, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        (text(), text(), "[a-z]{2}", "[A-Z]{3}"),
        proptest::option::of(1u32..2000),
        vec(text(), 0..3),
        vec(text(), 0..2),
        vec((text(), text(), -3i8..4), 0..2),
        proptest::option::of(1u32..1000),
    )
        .prop_map(
            |(
                (name, brand_promise, locale, currency),
                churn_after_days,
                churn,
                purchase,
                preferences,
                preference_half_life_days,
            )| {
                Settings {
                    name,
                    brand_promise,
                    locale,
                    currency,
                    churn_after_days,
                    churn_events: churn,
                    purchase_events: purchase,
                    preferences: preferences
                        .into_iter()
                        .map(|(event, property, weight)| stig_model::PreferenceRule {
                            event,
                            property,
                            weight: f64::from(weight),
                        })
                        .collect(),
                    preference_half_life_days,
                    timezone: None,
                    smtp: None,
                    drivers_outcome: None,
                    retention: None,
                }
            },
        )
}

fn persona(id: String) -> impl Strategy<Value = Persona> {
    let demographics = (
        option::of(any::<u16>()),
        option::of(text()),
        option::of(text()),
        option::of(text()),
        option::of(text()),
        option::of(text()),
    )
        .prop_map(
            |(age, gender, home, income, household, occupation)| Demographics {
                age,
                gender,
                home,
                income,
                household,
                occupation,
            },
        );
    (
        text(),
        text(),
        text(),
        text(),
        texts(),
        texts(),
        texts(),
        texts(),
        texts(),
        demographics,
    )
        .prop_map(
            move |(
                name,
                quote,
                motivation,
                real_motive,
                needs,
                dreams,
                companions,
                loves,
                hates,
                demographics,
            )| Persona {
                id: id.clone(),
                name,
                quote,
                motivation,
                real_motive,
                needs,
                dreams,
                companions,
                loves,
                hates,
                demographics,
            },
        )
}

fn emotion() -> impl Strategy<Value = EmotionalElement> {
    (
        text(),
        option::of(proptest::sample::select(Sense::ALL.to_vec())),
        option::of(text()),
        any::<i8>(),
        per_persona(),
    )
        .prop_map(
            |(name, sense, intangible, valence, persona_valence)| EmotionalElement {
                name,
                sense,
                intangible,
                valence,
                persona_valence,
            },
        )
}

fn evidence() -> impl Strategy<Value = Evidence> {
    let kind = prop_oneof![
        Just(EvidenceKind::Quote),
        Just(EvidenceKind::Observation),
        Just(EvidenceKind::Interview)
    ];
    (kind, text(), text(), option::of(date())).prop_map(|(kind, text, source, date)| Evidence {
        kind,
        text,
        source,
        date,
    })
}

fn step() -> impl Strategy<Value = Step> {
    (
        id(),
        id(),
        text(),
        text(),
        vec(id(), 0..3),
        vec(id(), 0..2),
        texts(),
        vec(emotion(), 0..3),
        texts(),
        texts(),
        vec(evidence(), 0..2),
    )
        .prop_map(
            |(
                id,
                stage,
                action,
                sub_goal,
                touchpoints,
                actors,
                functional,
                emotions,
                pain_points,
                opportunities,
                evidence,
            )| Step {
                id,
                stage,
                action,
                sub_goal,
                touchpoints,
                actors,
                functional,
                emotions,
                pain_points,
                opportunities,
                evidence,
            },
        )
}

fn journey(id: String) -> impl Strategy<Value = Journey> {
    let state = prop_oneof![Just(JourneyState::AsIs), Just(JourneyState::ToBe)];
    let phases = vec(
        (id_(), text()).prop_map(|(id, name)| Phase { id, name }),
        0..4,
    );
    let stages = vec(
        (id_(), id_(), text()).prop_map(|(id, phase, name)| Stage { id, phase, name }),
        0..4,
    );
    (
        text(),
        text(),
        state,
        option::of(id_()),
        vec(id_(), 0..3),
        phases,
        stages,
        vec(step(), 0..5),
    )
        .prop_map(
            move |(name, goal, state, as_is, personas, phases, stages, steps)| Journey {
                id: id.clone(),
                name,
                goal,
                state,
                as_is,
                personas,
                abandon_after_days: steps.len().checked_sub(1).map(|n| n as u32 + 1),
                complete_at: steps.first().map(|s| s.id.clone()),
                phases,
                stages,
                steps,
            },
        )
}

fn id_() -> impl Strategy<Value = String> {
    id()
}

fn property() -> impl Strategy<Value = PropertyValue> {
    prop_oneof![
        any::<bool>().prop_map(PropertyValue::Bool),
        any::<i64>().prop_map(PropertyValue::Integer),
        (-1e9f64..1e9).prop_map(PropertyValue::Float),
        text().prop_map(PropertyValue::Text),
    ]
}

fn touchpoint() -> impl Strategy<Value = Touchpoint> {
    let mode = prop_oneof![Just(Mode::Physical), Just(Mode::Digital)];
    let owner = prop_oneof![Just(Owner::Own), Just(Owner::Partner), Just(Owner::Public)];
    let discipline = prop_oneof![
        Just(Discipline::Create),
        Just(Discipline::Communicate),
        Just(Discipline::Deliver)
    ];
    let kind = prop_oneof![
        Just(SurveyKind::Nps),
        Just(SurveyKind::Csat),
        Just(SurveyKind::Ces)
    ];
    let survey = option::of((kind, text()).prop_map(|(kind, question)| Survey { kind, question }));
    let signals = vec(
        (
            option::of(text()),
            option::of(prop_oneof![
                "/[a-z*/]{0,12}",
                "https://[a-z.]{1,8}/[a-z*?]{0,8}"
            ]),
            [option::of(text()), option::of(text()), option::of(text())],
            btree_map("[a-z_]{1,8}", property(), 0..3),
        )
            .prop_map(
                |(event, page, [utm_source, utm_medium, utm_campaign], conditions)| Signal {
                    event,
                    page,
                    utm_source,
                    utm_medium,
                    utm_campaign,
                    conditions,
                },
            ),
        0..3,
    );
    (
        id(),
        text(),
        channel(),
        mode,
        owner,
        option::of(id()),
        discipline,
        text(),
        signals,
        survey,
    )
        .prop_map(
            |(id, name, channel, mode, owner, actor, discipline, description, signals, survey)| {
                Touchpoint {
                    id,
                    name,
                    channel,
                    mode,
                    owner,
                    actor,
                    discipline,
                    description,
                    signals,
                    survey,
                }
            },
        )
}

fn actor() -> impl Strategy<Value = Actor> {
    let kind = prop_oneof![
        Just(ActorKind::Own),
        Just(ActorKind::Partner),
        Just(ActorKind::Public)
    ];
    (id(), text(), kind, text()).prop_map(|(id, name, kind, description)| Actor {
        id,
        name,
        kind,
        description,
    })
}

fn goal() -> impl Strategy<Value = Goal> {
    (
        id(),
        text(),
        option::of(id()),
        vec(id(), 0..2),
        vec("[a-z]{1,5}/[a-z]{1,5}", 0..2),
        vec(id(), 0..2),
        vec(channel(), 0..3),
        text(),
    )
        .prop_map(
            |(id, name, parent, journeys, steps, actors, channels, description)| Goal {
                id,
                name,
                parent,
                journeys,
                steps,
                actors,
                channels,
                description,
            },
        )
}

fn dilemma() -> impl Strategy<Value = Dilemma> {
    let option = (id(), text(), per_persona(), -1e6f64..1e6, 0f64..1e4, text()).prop_map(
        |(id, name, satisfaction, cost, co2e_kg, notes)| DilemmaOption {
            id,
            name,
            satisfaction,
            cost,
            co2e_kg,
            notes,
        },
    );
    (
        id(),
        text(),
        option::of(id()),
        option::of(id()),
        option::of(id()),
        text(),
        vec(option, 0..3),
    )
        .prop_map(
            |(id, question, journey, step, chosen, rationale, options)| Dilemma {
                id,
                question,
                journey,
                step,
                chosen,
                rationale,
                options,
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    // Personas and journeys are keyed (and kept in order) by id, as files are named after them.
    let personas = proptest::collection::btree_set(id(), 0..4)
        .prop_flat_map(|ids| ids.into_iter().map(persona).collect::<Vec<_>>());
    let journeys = proptest::collection::btree_set(id(), 0..3)
        .prop_flat_map(|ids| ids.into_iter().map(journey).collect::<Vec<_>>());
    (
        settings(),
        personas,
        journeys,
        vec(touchpoint(), 0..4),
        vec(actor(), 0..3),
        vec(goal(), 0..3),
        vec(dilemma(), 0..2),
        vec(moment(), 0..3),
    )
        .prop_map(
            |(settings, personas, journeys, touchpoints, actors, goals, dilemmas, moments)| {
                Workspace {
                    settings,
                    personas,
                    journeys,
                    touchpoints,
                    actors,
                    goals,
                    dilemmas,
                    moments,
                }
            },
        )
}

/// Moments of every trigger and action kind, with free text where people write it.
fn moment() -> impl Strategy<Value = stig_model::Moment> {
    use stig_model::{Action, Conditions, Limits, MilestoneKind, QuietHours, SurveyKind, Trigger};
    (id(), text(), 0..4usize, any::<bool>(), text(), 0..4usize).prop_map(
        |(id, name, trigger_kind, enabled, free, action_kind)| {
            let trigger = match trigger_kind {
                0 => Trigger::Event {
                    event: free.clone(),
                    conditions: Default::default(),
                },
                1 => Trigger::Milestone {
                    journey: id.clone(),
                    milestone: MilestoneKind::Complete,
                    phase: None,
                    step: Some(id.clone()),
                    offset: Some("2d".into()),
                    date_property: None,
                },
                2 => Trigger::Inactivity { days: 60 },
                _ => Trigger::Feedback {
                    score: SurveyKind::Nps,
                    touchpoint: None,
                    at_most: Some(6.0),
                    at_least: None,
                },
            };
            let action = match action_kind {
                0 => Action::Webhook {
                    url: "https://hooks.example.com/x".into(),
                    secret: id.clone(),
                    purpose: Some(stig_model::Purpose::DataSharing),
                },
                1 => Action::Email {
                    to: "customer".into(),
                    subject: [("en".to_owned(), free.clone())].into(),
                    body: [("nb".to_owned(), free.clone())].into(),
                    purpose: Some(stig_model::Purpose::Marketing),
                },
                2 => Action::Survey {
                    touchpoint: id.clone(),
                    purpose: Some(stig_model::Purpose::Service),
                },
                _ => Action::Task {
                    title: free.clone(),
                    body: String::new(),
                    assignee: Some(id.clone()),
                    purpose: None,
                },
            };
            stig_model::Moment {
                id,
                name,
                description: free,
                enabled,
                trigger,
                conditions: Conditions {
                    personas: vec!["p".into()],
                    ..Conditions::default()
                },
                limits: Limits {
                    once_per_run: enabled,
                    max_per_customer: Some(2),
                    period_days: Some(30),
                    quiet_hours: Some(QuietHours {
                        from: "21:00".into(),
                        to: "08:00".into(),
                        timezone: None,
                    }),
                },
                actions: vec![action],
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn serialize_then_parse_gives_back_the_same_workspace(ws in workspace()) {
        let files = to_files(&ws);
        let back = load_files(files.clone());
        let syntax: Vec<String> = back
            .diagnostics
            .iter()
            .filter(|d| matches!(d.diagnostic.code, Code::Syntax | Code::Schema | Code::Io))
            .map(|d| format!("{}:{}: {}", d.file_name(), d.line, d.diagnostic.message))
            .collect();
        prop_assert!(syntax.is_empty(), "{:?}\n{:#?}", syntax, files);
        prop_assert_eq!(&back.workspace, &ws);
        // And serializing again gives the same files, byte for byte.
        prop_assert_eq!(to_files(&back.workspace), files);
    }
}

#[test]
fn the_example_workspaces_round_trip() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let Ok(entries) = std::fs::read_dir(&root) else {
        return;
    };
    for dir in entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("stig.toml").is_file())
    {
        let checked = load_files_of(&dir);
        assert!(!checked.has_errors(), "{} has errors", dir.display());
        let again = load_files(to_files(&checked.workspace));
        assert_eq!(
            again.workspace,
            checked.workspace,
            "{} does not round-trip",
            dir.display()
        );
    }
}

fn load_files_of(dir: &std::path::Path) -> stig_model::code::Checked {
    stig_model::code::load_dir(dir).expect("example loads")
}
