//! Generated, valid workspaces of any size, for benchmarks and tests.

use std::collections::BTreeMap;

use crate::*;

const SENSES: [Sense; 5] = Sense::ALL;
const CHANNELS: [&str; 8] = [
    "web", "app", "email", "store", "phone", "print", "on-site", "invoice",
];

/// A deterministic workspace with one journey `generated` of `steps` steps spread over the
/// three default phases, five steps a stage, a touchpoint for every four steps, four personas.
pub fn workspace(steps: usize) -> Workspace {
    let personas: Vec<Persona> = (0..4)
        .map(|i| Persona {
            id: format!("persona-{i}"),
            name: format!("Persona {i}"),
            loves: vec![format!("love {i}")],
            hates: vec![format!("hate {i}")],
            ..Persona::default()
        })
        .collect();
    let actors = vec![
        Actor {
            id: "partner".into(),
            name: "Partner AS".into(),
            kind: ActorKind::Partner,
            description: String::new(),
        },
        Actor {
            id: "public".into(),
            name: "Kommunen".into(),
            kind: ActorKind::Public,
            description: String::new(),
        },
    ];
    let n_touchpoints = steps.div_ceil(4).max(3);
    let touchpoints: Vec<Touchpoint> = (0..n_touchpoints)
        .map(|i| {
            let owner = [Owner::Own, Owner::Partner, Owner::Public][i % 3];
            Touchpoint {
                id: format!("tp-{i}"),
                name: format!("Touchpoint {i} ({})", CHANNELS[i % CHANNELS.len()]),
                channel: Channel::from(CHANNELS[i % CHANNELS.len()].to_owned()),
                mode: if i % 2 == 0 {
                    Mode::Digital
                } else {
                    Mode::Physical
                },
                owner,
                actor: match owner {
                    Owner::Own => None,
                    Owner::Partner => Some("partner".into()),
                    Owner::Public => Some("public".into()),
                },
                discipline: [
                    Discipline::Create,
                    Discipline::Communicate,
                    Discipline::Deliver,
                ][i % 3],
                description: String::new(),
                signals: vec![Signal::event(format!("Touchpoint {i} Reached"))],
                survey: None,
            }
        })
        .collect();
    let phases = default_phases();
    let n_stages = steps.div_ceil(5).max(3);
    let stages: Vec<Stage> = (0..n_stages)
        .map(|i| Stage {
            id: format!("stage-{i}"),
            phase: phases[i * 3 / n_stages].id.clone(),
            name: format!("Stage {i}"),
        })
        .collect();
    let steps: Vec<Step> = (0..steps)
        .map(|i| Step {
            id: format!("step-{i}"),
            stage: format!("stage-{}", (i * n_stages / steps.max(1)).min(n_stages - 1)),
            action: format!("The customer does thing number {i} and thinks about what comes next"),
            sub_goal: format!("Sub-goal {i}"),
            touchpoints: vec![
                format!("tp-{}", i % n_touchpoints),
                format!("tp-{}", (i / 4) % n_touchpoints),
            ],
            actors: if i % 7 == 0 {
                vec!["partner".into()]
            } else {
                vec![]
            },
            functional: vec![format!("Works within {} minutes", i % 10 + 1)],
            emotions: vec![EmotionalElement {
                name: format!("Feeling {i}"),
                sense: Some(SENSES[i % SENSES.len()]),
                intangible: None,
                valence: ((i % 5) as i8) - 2,
                persona_valence: BTreeMap::from([(
                    "persona-1".to_owned(),
                    (((i + 2) % 5) as i8) - 2,
                )]),
            }],
            pain_points: if i % 3 == 0 {
                vec![format!("Pain point {i}")]
            } else {
                vec![]
            },
            opportunities: if i % 4 == 0 {
                vec![format!("Opportunity {i}")]
            } else {
                vec![]
            },
            evidence: vec![],
        })
        .collect();
    Workspace {
        settings: Settings {
            name: format!("Generated, {} steps", steps.len()),
            brand_promise: "Always there".into(),
            locale: "en".into(),
            currency: "EUR".into(),
            ..Settings::default()
        },
        personas,
        journeys: vec![Journey {
            id: "generated".into(),
            name: "Generated journey".into(),
            goal: "Benchmark".into(),
            state: JourneyState::AsIs,
            as_is: None,
            personas: vec!["persona-0".into(), "persona-1".into()],
            phases,
            stages,
            steps,
            ..Journey::default()
        }],
        touchpoints,
        actors,
        goals: vec![Goal {
            id: "root".into(),
            name: "Root goal".into(),
            parent: None,
            journeys: vec!["generated".into()],
            steps: vec!["generated/step-0".into()],
            actors: vec!["partner".into()],
            channels: vec![Channel::from("web".to_owned())],
            description: String::new(),
        }],
        dilemmas: vec![],
        moments: vec![],
    }
}
