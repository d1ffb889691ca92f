//! Contradictions (owner without actor, mode against channel), ids made from names, and the
//! message ids and arguments every diagnostic carries for translation.

use super::*;
use crate::{Actor, ActorKind, Discipline, Mode, Persona, Touchpoint};
use proptest::prelude::*;

fn touchpoint(id: &str, name: &str, channel: &str, mode: Mode, owner: Owner) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: name.into(),
        channel: Channel::from(channel.to_owned()),
        mode,
        owner,
        actor: None,
        discipline: Discipline::Deliver,
        description: String::new(),
        signals: Vec::new(),
        survey: None,
    }
}

fn codes_for(ws: &Workspace, tp: usize) -> Vec<Code> {
    validate(ws)
        .into_iter()
        .filter(|d| d.location.origin == Origin::Touchpoint(tp) && d.code != Code::UnusedTouchpoint)
        .map(|d| d.code)
        .collect()
}

#[test]
fn a_public_or_partner_touchpoint_without_actor_is_a_warning_naming_it() {
    let mut ws = Workspace::default();
    ws.touchpoints.push(touchpoint(
        "bomstasjon",
        "Bomstasjon på E6",
        "signage",
        Mode::Physical,
        Owner::Public,
    ));
    let d = validate(&ws)
        .into_iter()
        .find(|d| d.code == Code::OwnerWithoutActor)
        .expect("owner-without-actor");
    assert_eq!(d.severity(), crate::Severity::Warning);
    assert_eq!(d.location.to_string(), "actor");
    assert_eq!(d.message, "a public-owned touchpoint should name its actor");
    assert_eq!(d.message_id, "owner-without-actor");
    assert_eq!(d.arg("name"), Some("Bomstasjon på E6"));
    assert_eq!(d.arg("owner"), Some("public"));

    // Naming a public actor settles it; an own touchpoint needs none.
    ws.actors.push(Actor {
        id: "vegvesenet".into(),
        name: "Statens vegvesen".into(),
        kind: ActorKind::Public,
        description: String::new(),
    });
    ws.touchpoints[0].actor = Some("vegvesenet".into());
    ws.touchpoints.push(touchpoint(
        "resepsjon",
        "Resepsjon",
        "on-site",
        Mode::Physical,
        Owner::Own,
    ));
    assert_eq!(codes_for(&ws, 0), []);
    assert_eq!(codes_for(&ws, 1), []);

    // A partner actor on a public touchpoint is the other contradiction, named by names.
    ws.actors[0].kind = ActorKind::Partner;
    let d = validate(&ws)
        .into_iter()
        .find(|d| d.code == Code::OwnerActorMismatch)
        .expect("mismatch");
    assert_eq!(d.arg("actor"), Some("Statens vegvesen"));
    assert_eq!(d.arg("kind"), Some("partner"));
}

#[test]
fn on_site_yet_digital_channel_and_the_reverse_are_warnings() {
    let mut ws = Workspace::default();
    for (i, (channel, mode, expected)) in [
        ("web", Mode::Physical, true),
        ("email", Mode::Physical, true),
        ("on-site", Mode::Digital, true),
        ("store", Mode::Digital, true),
        ("on-site", Mode::Physical, false),
        ("web", Mode::Digital, false),
        // A kiosk or a phone call is either; a custom channel is the user's own word.
        ("kiosk", Mode::Physical, false),
        ("kiosk", Mode::Digital, false),
        ("phone", Mode::Physical, false),
        ("bålpanne", Mode::Digital, false),
    ]
    .into_iter()
    .enumerate()
    {
        ws.touchpoints = vec![touchpoint("t", "Innsjekk", channel, mode, Owner::Own)];
        let found: Vec<Diagnostic> = validate(&ws)
            .into_iter()
            .filter(|d| d.code == Code::ModeChannelMismatch)
            .collect();
        assert_eq!(found.len(), usize::from(expected), "case {i}: {channel}");
        if let Some(d) = found.first() {
            assert_eq!(d.severity(), crate::Severity::Warning);
            assert_eq!(d.location.to_string(), "mode");
            assert_eq!(d.arg("name"), Some("Innsjekk"));
            assert_eq!(d.arg("channel"), Some(channel));
            assert_eq!(d.arg("mode"), Some(mode.as_str()));
        }
    }
}

#[test]
fn ids_from_names_spell_nordic_letters_in_ascii() {
    for (name, id) in [
        ("Kjøre på fjellet", "kjore-pa-fjellet"),
        ("Ærlig frokost", "aerlig-frokost"),
        ("Bæreposer Å Ø Æ", "baereposer-a-o-ae"),
        ("Käyttäjä löytää", "kayttaja-loytaa"),
        ("  Web   Booking!  ", "web-booking"),
        ("Check-in 24/7", "check-in-24-7"),
        ("Crème brûlée", "creme-brulee"),
        ("snake_case stays?", "snake-case-stays"),
        ("日本", ""),
        ("", ""),
    ] {
        assert_eq!(id_from_name(name), id, "{name}");
    }
    assert_eq!(unique_id("frokost", |_| false), "frokost");
    let taken = ["frokost", "frokost-2"];
    assert_eq!(unique_id("frokost", |id| taken.contains(&id)), "frokost-3");
}

proptest! {
    #[test]
    fn an_id_from_any_name_is_a_valid_id_or_empty(name in "\\PC{0,40}") {
        let id = id_from_name(&name);
        prop_assert!(id.is_empty() || valid_id(&id), "{name:?} → {id:?}");
        prop_assert!(id.is_ascii());
        prop_assert!(!id.starts_with('-') && !id.ends_with('-') && !id.contains("--"));
        prop_assert_eq!(id_from_name(&id), id.clone(), "a slug is its own slug");
    }
}

#[test]
fn every_diagnostic_names_its_message_and_uses_names_not_ids() {
    let mut ws = Workspace::default();
    ws.personas.push(Persona {
        id: "eventyr-eva".into(),
        name: "Eventyr-Eva".into(),
        ..Default::default()
    });
    ws.touchpoints.push(touchpoint(
        "ubrukt-tp",
        "Ubrukt brosjyre",
        "prnt",
        Mode::Physical,
        Owner::Partner,
    ));
    let found = validate(&ws);
    assert!(found.len() >= 4, "{found:#?}");
    for d in &found {
        assert!(!d.message_id.is_empty());
        for (_, v) in &d.args {
            assert!(
                v != "eventyr-eva" && v != "ubrukt-tp",
                "{}: an id in the arguments: {:?}",
                d.message_id,
                d.args
            );
        }
    }
    let ids: Vec<&str> = found.iter().map(|d| d.message_id.as_str()).collect();
    for expected in [
        "persona-without-loves-or-hates",
        "unused-touchpoint",
        "owner-without-actor",
        "channel-looks-misspelled",
        "empty-field",
    ] {
        assert!(ids.contains(&expected), "{expected} not in {ids:?}");
    }
    let unused = found
        .iter()
        .find(|d| d.message_id == "unused-touchpoint")
        .expect("unused");
    assert_eq!(unused.arg("name"), Some("Ubrukt brosjyre"));
    // The English text for `stig check` is what it always was.
    assert_eq!(
        unused.message,
        "touchpoint `ubrukt-tp` is not used by any step"
    );
}
