//! A small, valid workspace as in-memory files, and helpers to break it one way at a time.

use std::path::PathBuf;
use stig_model::code::{Checked, SourceFile, load_files};

pub const FILES: &[(&str, &str)] = &[
    (
        "stig.toml",
        r#"[workspace]
name = "Fjordhotellet"
brand_promise = "Koselig fra første klikk"
locale = "nb"
currency = "NOK"
"#,
    ),
    (
        "personas/eventyr-eva.toml",
        r#"id = "eventyr-eva"
name = "Eventyr-Eva"
loves = ["villmark", "stillhet"]
hates = ["køer", "turistfeller"]

[demographics]
age = 41
home = "Tromsø"
"#,
    ),
    (
        "personas/komfort-kari.toml",
        r#"id = "komfort-kari"
name = "Komfort-Kari"
loves = ["spa", "god seng"]
hates = ["kulde", "usikkerhet"]
"#,
    ),
    (
        "journeys/opphold.toml",
        r#"id = "opphold"
name = "Et opphold på fjordhotellet"
goal = "Lade batteriene"
personas = ["eventyr-eva", "komfort-kari"]

[[stage]]
id = "planlegge"
phase = "before"
name = "Planlegge"

[[stage]]
id = "bo"
phase = "during"
name = "Bo"

[[stage]]
id = "etterpå"
phase = "after"
name = "Etterpå"

[[step]]
id = "bestille"
stage = "planlegge"
action = "Bestiller rom på nett"
touchpoints = ["web-booking"]
functional = ["Betaling på tre klikk"]

[[step.emotion]]
name = "Utsikt på bildene"
sense = "see"
valence = 1
persona_valence = { eventyr-eva = 2 }

[[step]]
id = "ankomst"
stage = "bo"
action = "Kommer fram og sjekker inn"
touchpoints = ["resepsjon", "flybuss"]

[[step.emotion]]
name = "Varm velkomst"
intangible = "koselig"
valence = 2

[[step.evidence]]
kind = "observation"
text = "Gjestene ventet lenge på bussen."
source = "Feltbesøk"
date = "2026-02-14"

[[step]]
id = "takk"
stage = "etterpå"
action = "Får takk og en kort undersøkelse"
touchpoints = ["epost"]

[[step.emotion]]
name = "Blir husket"
intangible = "tilhørighet"
valence = 1
"#,
    ),
    (
        "touchpoints.toml",
        r#"[[touchpoint]]
id = "web-booking"
name = "Booking på nett"
channel = "web"
mode = "digital"
owner = "own"
discipline = "create"

[[touchpoint]]
id = "resepsjon"
name = "Resepsjonen"
channel = "on-site"
mode = "physical"
owner = "own"
discipline = "deliver"
survey = { kind = "nps", question = "Hvor sannsynlig er det at du anbefaler oss?" }

[[touchpoint]]
id = "flybuss"
name = "Flybussen"
channel = "transport"
mode = "physical"
owner = "partner"
actor = "busselskapet"
discipline = "deliver"

[[touchpoint]]
id = "epost"
name = "Takke-e-post"
channel = "email"
mode = "digital"
owner = "own"
discipline = "communicate"
"#,
    ),
    (
        "actors.toml",
        r#"[[actor]]
id = "busselskapet"
name = "Busselskapet AS"
kind = "partner"
"#,
    ),
    (
        "goals.toml",
        r#"[[goal]]
id = "hvile"
name = "Hvile ut"
journeys = ["opphold"]

[[goal]]
id = "komme-fram"
name = "Komme fram uten stress"
parent = "hvile"
steps = ["opphold/ankomst"]
actors = ["busselskapet"]
"#,
    ),
    (
        "dilemmas.toml",
        r#"[[dilemma]]
id = "velkomstdrink"
question = "Velkomstdrink i glass eller papp?"
journey = "opphold"
step = "ankomst"
chosen = "glass"

[[dilemma.option]]
id = "glass"
name = "Glass"
satisfaction = { eventyr-eva = 1, komfort-kari = 2 }
cost = 4.0
co2e_kg = 0.02

[[dilemma.option]]
id = "papp"
name = "Pappkopp"
satisfaction = { komfort-kari = -1 }
cost = 1.5
co2e_kg = 0.03
"#,
    ),
];

pub fn files() -> Vec<SourceFile> {
    FILES
        .iter()
        .map(|(p, t)| SourceFile {
            path: PathBuf::from(p),
            text: (*t).to_owned(),
        })
        .collect()
}

/// The fixture with `from` replaced by `to` in `file` (which must contain it).
pub fn with_change(file: &str, from: &str, to: &str) -> Checked {
    let mut files = files();
    let f = files
        .iter_mut()
        .find(|f| f.path == std::path::Path::new(file))
        .expect("fixture file");
    assert!(
        f.text.contains(from),
        "fixture {file} does not contain {from:?}"
    );
    f.text = f.text.replacen(from, to, 1);
    load_files(files)
}
