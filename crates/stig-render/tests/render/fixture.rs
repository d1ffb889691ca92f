//! A realistic workspace: a northern-lights journey in Tromsø, with Nordic text, touchpoints
//! of every owner and both modes, three personas with their own valences.

use std::collections::BTreeMap;

use stig_model::{
    Actor, ActorKind, Channel, Discipline, EmotionalElement, Journey, JourneyState, Mode, Owner,
    Persona, Phase, Sense, Settings, Stage, Step, Touchpoint, Workspace,
};

pub const JOURNEY: &str = "nordlys";
pub const PERSONAS: [&str; 3] = ["eventyrer", "familie", "trygghet"];

fn tp(
    id: &str,
    name: &str,
    channel: &str,
    mode: Mode,
    owner: Owner,
    actor: Option<&str>,
) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: name.into(),
        channel: Channel::from(channel.to_owned()),
        mode,
        owner,
        actor: actor.map(Into::into),
        discipline: Discipline::Deliver,
        description: String::new(),
        signals: Vec::new(),
        survey: None,
    }
}

fn actor(id: &str, name: &str, kind: ActorKind) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        kind,
        description: String::new(),
    }
}

fn persona(id: &str, name: &str) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        ..Persona::default()
    }
}

/// An emotional element felt through `sense` (or, with `None`, the intangible `intangible`).
pub fn emotion(
    name: &str,
    sense: Option<Sense>,
    intangible: Option<&str>,
    valence: i8,
    per_persona: &[(&str, i8)],
) -> EmotionalElement {
    EmotionalElement {
        name: name.into(),
        sense,
        intangible: intangible.map(Into::into),
        valence,
        persona_valence: per_persona
            .iter()
            .map(|(p, v)| ((*p).to_owned(), *v))
            .collect::<BTreeMap<_, _>>(),
    }
}

pub fn step(id: &str, stage: &str, action: &str) -> Step {
    Step {
        id: id.into(),
        stage: stage.into(),
        action: action.into(),
        ..Step::default()
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

pub fn workspace() -> Workspace {
    let touchpoints = vec![
        tp(
            "nettside",
            "Nettsiden arcticwinter.no",
            "web",
            Mode::Digital,
            Owner::Own,
            None,
        ),
        tp(
            "app",
            "Nordlysvarsel-appen",
            "app",
            Mode::Digital,
            Owner::Own,
            None,
        ),
        tp(
            "bekreftelse",
            "Bekreftelse på e-post",
            "email",
            Mode::Digital,
            Owner::Own,
            None,
        ),
        tp(
            "instagram",
            "Bilder fra andre reisende på Instagram",
            "social",
            Mode::Digital,
            Owner::Public,
            Some("instagram"),
        ),
        tp(
            "flyplass",
            "Ankomsthallen på Tromsø lufthavn",
            "on-site",
            Mode::Physical,
            Owner::Public,
            Some("avinor"),
        ),
        tp(
            "skilt",
            "Skilt til bussholdeplassen",
            "signage",
            Mode::Physical,
            Owner::Public,
            Some("avinor"),
        ),
        tp(
            "flybuss",
            "Flybussen til sentrum",
            "transport",
            Mode::Physical,
            Owner::Partner,
            Some("tromso-buss"),
        ),
        tp(
            "resepsjon",
            "Resepsjonen på hotellet",
            "store",
            Mode::Physical,
            Owner::Partner,
            Some("hotell"),
        ),
        tp(
            "guide",
            "Guiden på nordlysjakten",
            "on-site",
            Mode::Physical,
            Owner::Own,
            Some("guider"),
        ),
        tp(
            "hundeslede",
            "Hundeslede i Kvaløya",
            "hundeslede",
            Mode::Physical,
            Owner::Partner,
            Some("kvaloya-husky"),
        ),
        tp(
            "sms",
            "Påminnelse om oppmøte",
            "sms",
            Mode::Digital,
            Owner::Own,
            None,
        ),
        tp(
            "faktura",
            "Kvittering og faktura",
            "invoice",
            Mode::Digital,
            Owner::Own,
            None,
        ),
        tp(
            "telefon",
            "Kundeservice på telefon",
            "phone",
            Mode::Digital,
            Owner::Own,
            Some("kundeservice"),
        ),
    ];
    let actors = vec![
        actor("avinor", "Avinor Tromsø lufthavn", ActorKind::Public),
        actor("instagram", "Instagram", ActorKind::Public),
        actor("tromso-buss", "Flybussen Tromsø", ActorKind::Partner),
        actor("hotell", "Hotell Ishavet", ActorKind::Partner),
        actor("kvaloya-husky", "Kvaløya Husky", ActorKind::Partner),
        actor("guider", "Guideteamet", ActorKind::Own),
        actor("kundeservice", "Kundeservice", ActorKind::Own),
        actor("vegvesen", "Statens vegvesen", ActorKind::Public),
    ];
    let personas = vec![
        persona("eventyrer", "Eventyreren Åsa"),
        persona("familie", "Familien Øberg"),
        persona("trygghet", "Trygghetssøkeren Jørgen"),
    ];

    let mut s1 = step(
        "inspirert",
        "inspirasjon",
        "Ser nordlysbilder og drømmer om å reise nordover",
    );
    s1.sub_goal = "Finne ut om nordlyset er verdt turen".into();
    s1.touchpoints = strings(&["instagram", "nettside"]);
    s1.emotions = vec![
        emotion(
            "Grønne bølger over fjellene",
            Some(Sense::See),
            None,
            2,
            &[("trygghet", 1)],
        ),
        emotion(
            "Lengsel etter eventyr",
            None,
            Some("frihet"),
            1,
            &[("eventyrer", 2)],
        ),
    ];
    s1.opportunities = strings(&["Vis ekte bilder tatt av våre guider, ikke redigerte"]);

    let mut s2 = step(
        "bestiller",
        "bestilling",
        "Bestiller nordlysjakt med hundeslede for hele familien",
    );
    s2.sub_goal = "Være sikker på at turen passer barna".into();
    s2.touchpoints = strings(&["nettside", "bekreftelse", "faktura"]);
    s2.functional = strings(&[
        "Pris per person og hva som er inkludert",
        "Betaling med Vipps eller kort",
        "Avbestilling uten kostnad ved skydekke",
    ]);
    s2.emotions = vec![emotion(
        "Usikkerhet om klær og kulde",
        None,
        Some("trygghet"),
        -1,
        &[("familie", -2), ("eventyrer", 0)],
    )];
    s2.pain_points = strings(&[
        "Uklart hvilke klær som er inkludert i prisen",
        "Bestillingsskjemaet glemmer barnas alder",
    ]);
    s2.opportunities = strings(&["Pakkeliste tilpasset barnas alder i bekreftelsen"]);

    let mut s3 = step("ankommer", "ankomst", "Lander i Tromsø og finner flybussen");
    s3.touchpoints = strings(&["flyplass", "skilt", "flybuss"]);
    s3.actors = strings(&["vegvesen"]);
    s3.emotions = vec![
        emotion("Kald, frisk luft", Some(Sense::Touch), None, 1, &[]),
        emotion(
            "Lang kø i mørket",
            Some(Sense::See),
            None,
            -1,
            &[("trygghet", -2)],
        ),
    ];
    s3.pain_points = strings(&["Skiltingen til bussen er bare på norsk"]);

    let mut s4 = step(
        "sjekker-inn",
        "ankomst",
        "Sjekker inn på hotellet og får påminnelse om henting",
    );
    s4.touchpoints = strings(&["resepsjon", "sms", "app"]);
    s4.functional = strings(&["Hentetid og møtested på SMS"]);

    let mut s5 = step(
        "hentes",
        "jakt",
        "Blir hentet ved hotellet og kjører ut av byen",
    );
    s5.touchpoints = strings(&["guide"]);
    s5.emotions = vec![emotion(
        "Guiden forteller sagn om nordlyset",
        Some(Sense::Hear),
        None,
        2,
        &[("familie", 1)],
    )];

    let mut s6 = step(
        "hundeslede",
        "jakt",
        "Kjører hundeslede gjennom snøen på Kvaløya",
    );
    s6.touchpoints = strings(&["hundeslede"]);
    s6.emotions = vec![
        emotion(
            "Lukten av hunder og bål",
            Some(Sense::Smell),
            None,
            1,
            &[("trygghet", -1)],
        ),
        emotion("Varm kakao ved bålet", Some(Sense::Taste), None, 2, &[]),
        emotion(
            "Hygge rundt bålet",
            None,
            Some("koselig"),
            2,
            &[("eventyrer", 1)],
        ),
    ];
    s6.functional = strings(&["Varmedresser i alle størrelser"]);
    s6.pain_points = strings(&["Barna fryser på føttene etter en time"]);
    s6.opportunities = strings(&["Varmesåler til barna", "Kortere rute for familier"]);

    let mut s7 = step("ser-nordlys", "jakt", "Ser nordlyset danse over himmelen");
    s7.touchpoints = strings(&["guide"]);
    s7.emotions = vec![emotion(
        "Himmelen eksploderer i grønt og lilla",
        Some(Sense::See),
        None,
        2,
        &[],
    )];

    let mut s8 = step("deler", "deling", "Deler bildene med venner og familie");
    s8.touchpoints = strings(&["instagram", "app"]);
    s8.sub_goal = "Få gode bilder uten å stå med stativ i kulden".into();
    s8.opportunities = strings(&["Guiden tar portretter med nordlyset i bakgrunnen"]);

    let mut s9 = step(
        "anbefaler",
        "deling",
        "Anbefaler turen til naboen eller ringer kundeservice ved problemer",
    );
    s9.touchpoints = strings(&["telefon"]);
    s9.emotions = vec![emotion(
        "Stolthet over å ha sett nordlyset",
        None,
        Some("mestring"),
        1,
        &[("familie", 2)],
    )];

    let journey = Journey {
        id: JOURNEY.into(),
        name: "Nordlysjakt med Arctic Winter".into(),
        goal: "Se nordlyset trygt, varmt og uten stress — også med barn".into(),
        state: JourneyState::ToBe,
        as_is: Some("nordlys-naa".into()),
        personas: PERSONAS.iter().map(|p| (*p).to_owned()).collect(),
        phases: vec![
            Phase {
                id: "before".into(),
                name: "Før reisen".into(),
            },
            Phase {
                id: "during".into(),
                name: "Under oppholdet".into(),
            },
            Phase {
                id: "after".into(),
                name: "Etter hjemkomst".into(),
            },
        ],
        stages: vec![
            Stage {
                id: "inspirasjon".into(),
                phase: "before".into(),
                name: "Inspirasjon".into(),
            },
            Stage {
                id: "bestilling".into(),
                phase: "before".into(),
                name: "Bestilling".into(),
            },
            Stage {
                id: "ankomst".into(),
                phase: "during".into(),
                name: "Ankomst".into(),
            },
            Stage {
                id: "jakt".into(),
                phase: "during".into(),
                name: "Nordlysjakten".into(),
            },
            Stage {
                id: "deling".into(),
                phase: "after".into(),
                name: "Minner og deling".into(),
            },
        ],
        // File order differs from display order on purpose: the `deling` step comes first.
        steps: vec![s8, s1, s2, s3, s4, s5, s6, s7, s9],
        ..Journey::default()
    };
    let as_is = Journey {
        id: "nordlys-naa".into(),
        name: "Nordlysjakt i dag".into(),
        ..Journey::default()
    };

    Workspace {
        settings: Settings {
            name: "Arctic Winter Tromsø".into(),
            brand_promise:
                "Vi tar deg trygt ut i det arktiske mørket — og hjem igjen med et minne for livet"
                    .into(),
            locale: "en".into(),
            currency: "NOK".into(),
            ..Settings::default()
        },
        personas,
        journeys: vec![journey, as_is],
        touchpoints,
        actors,
        goals: Vec::new(),
        dilemmas: Vec::new(),
        moments: vec![],
    }
}

/// A workspace whose journey has `n` steps in three phases (for pagination).
pub fn long_workspace(n: usize) -> Workspace {
    let mut ws = workspace();
    let phases = ["before", "during", "after"];
    let mut journey = Journey {
        id: "lang".into(),
        name: "Hele vinteren".into(),
        phases: ws.journeys[0].phases.clone(),
        ..Journey::default()
    };
    for (i, phase) in phases.iter().enumerate() {
        for k in 0..3 {
            journey.stages.push(Stage {
                id: format!("s{i}{k}"),
                phase: (*phase).to_owned(),
                name: format!("Etappe {}.{}", i + 1, k + 1),
            });
        }
    }
    for i in 0..n {
        let stage = format!("s{}{}", i * 3 / n, (i * 9 / n) % 3);
        let mut s = step(
            &format!("steg-{i:02}"),
            &stage,
            &format!("Steg {i} på turen nordover"),
        );
        s.touchpoints = vec!["nettside".into()];
        if i % 3 != 0 {
            s.emotions = vec![emotion(
                "Spenning",
                Some(Sense::See),
                None,
                (i % 5) as i8 - 2,
                &[],
            )];
        }
        journey.steps.push(s);
    }
    ws.journeys.push(journey);
    ws
}
