//! Every diagnostic kind, data-driven: break the valid fixture one way, expect one diagnostic
//! with its code, the offending text at the right line and column, and the suggestion.

use std::path::PathBuf;

use stig_model::code::{Located, load_files};
use stig_model::{Code, Severity};

use crate::fixture::{files, with_change};

struct Case {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: Code,
    /// The offending text the diagnostic points at.
    text: &'static str,
    suggestion: Option<&'static str>,
}

const fn case(
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: Code,
    text: &'static str,
    suggestion: Option<&'static str>,
) -> Case {
    Case {
        file,
        from,
        to,
        code,
        text,
        suggestion,
    }
}

const J: &str = "journeys/opphold.toml";
const TP: &str = "touchpoints.toml";

const CASES: &[Case] = &[
    // Errors.
    case(
        J,
        r#"touchpoints = ["web-booking"]"#,
        r#"touchpoints = ["web-bookng"]"#,
        Code::UnknownReference,
        r#""web-bookng""#,
        Some("web-booking"),
    ),
    case(
        TP,
        r#"id = "epost""#,
        r#"id = "resepsjon""#,
        Code::DuplicateId,
        r#""resepsjon""#,
        None,
    ),
    case(
        J,
        r#"phase = "during""#,
        r#"phase = "durin""#,
        Code::UnknownPhase,
        r#""durin""#,
        Some("during"),
    ),
    case(
        J,
        "valence = 2\n",
        "valence = 3\n",
        Code::ValenceOutOfRange,
        "3",
        Some("2"),
    ),
    case(
        J,
        "persona_valence = { eventyr-eva = 2 }",
        "persona_valence = { eventyr-evaa = 2 }",
        Code::UnknownPersona,
        "eventyr-evaa",
        Some("eventyr-eva"),
    ),
    case(
        J,
        "persona_valence = { eventyr-eva = 2 }",
        "persona_valence = { eventyr-eva = -5 }",
        Code::ValenceOutOfRange,
        "-5",
        Some("-2"),
    ),
    case(
        J,
        "goal = \"Lade batteriene\"\n",
        "goal = \"Lade batteriene\"\ncomplete_at = \"ankomstt\"\n",
        Code::UnknownReference,
        r#""ankomstt""#,
        Some("ankomst"),
    ),
    case(
        J,
        "goal = \"Lade batteriene\"\n",
        "goal = \"Lade batteriene\"\nabandon_after_days = 0\n",
        Code::OutOfRange,
        "0",
        None,
    ),
    case(
        "goals.toml",
        "name = \"Hvile ut\"\n",
        "name = \"Hvile ut\"\nparent = \"komme-fram\"\n",
        Code::GoalCycle,
        r#""komme-fram""#,
        None,
    ),
    case(
        J,
        "goal = \"Lade batteriene\"\n",
        "goal = \"Lade batteriene\"\nstate = \"to-be\"\nas_is = \"gammelt-opphold\"\n",
        Code::MissingAsIs,
        r#""gammelt-opphold""#,
        None,
    ),
    case(
        "personas/komfort-kari.toml",
        "loves =",
        "lovs =",
        Code::Schema,
        "lovs",
        Some("loves"),
    ),
    case(
        "stig.toml",
        "name = \"Fjordhotellet\"",
        "name = \"Fjordhotellet",
        Code::Syntax,
        "",
        None,
    ),
    case(
        J,
        "sense = \"see\"\n",
        "sense = \"see\"\nintangible = \"ro\"\n",
        Code::ElementKind,
        r#""ro""#,
        None,
    ),
    case(
        J,
        "name = \"Blir husket\"\nintangible = \"tilhørighet\"\n",
        "name = \"Blir husket\"\n",
        Code::ElementKind,
        r#""Blir husket""#,
        None,
    ),
    case(
        J,
        r#"id = "takk""#,
        r#"id = "Takk Du""#,
        Code::InvalidId,
        r#""Takk Du""#,
        Some("takk-du"),
    ),
    case(
        TP,
        r#"actor = "busselskapet""#,
        r#"actor = "bussselskapet""#,
        Code::UnknownReference,
        r#""bussselskapet""#,
        Some("busselskapet"),
    ),
    case(
        "goals.toml",
        r#"steps = ["opphold/ankomst"]"#,
        r#"steps = ["opphold/ankomt"]"#,
        Code::UnknownReference,
        r#""opphold/ankomt""#,
        Some("opphold/ankomst"),
    ),
    case(
        TP,
        "mode = \"digital\"\nowner = \"own\"\ndiscipline = \"create\"",
        "mode = \"digitl\"\nowner = \"own\"\ndiscipline = \"create\"",
        Code::Schema,
        r#""digitl""#,
        Some("digital"),
    ),
    case(
        "dilemmas.toml",
        r#"chosen = "glass""#,
        r#"chosen = "glas""#,
        Code::UnknownReference,
        r#""glas""#,
        Some("glass"),
    ),
    case(
        "dilemmas.toml",
        "komfort-kari = -1",
        "komfort-karii = -1",
        Code::UnknownPersona,
        "komfort-karii",
        Some("komfort-kari"),
    ),
    case(
        J,
        r#"action = "Bestiller rom på nett""#,
        r#"action = "  ""#,
        Code::EmptyField,
        r#""  ""#,
        None,
    ),
    case(
        J,
        "stage = \"bo\"\n",
        "stage = \"boo\"\n",
        Code::UnknownReference,
        r#""boo""#,
        Some("bo"),
    ),
    case(
        J,
        r#"personas = ["eventyr-eva", "komfort-kari"]"#,
        r#"personas = ["eventyr-eva", "komfort-kary"]"#,
        Code::UnknownReference,
        r#""komfort-kary""#,
        Some("komfort-kari"),
    ),
    case(
        "dilemmas.toml",
        "journey = \"opphold\"\n",
        "",
        Code::UnknownReference,
        r#""ankomst""#,
        None,
    ),
    case(
        "actors.toml",
        r#"name = "Busselskapet AS""#,
        r#"name = """#,
        Code::EmptyField,
        r#""""#,
        None,
    ),
    // Warnings: CX smells.
    case(
        "goals.toml",
        "actors = [\"busselskapet\"]\n",
        "actors = [\"busselskapet\"]\nchannels = [\"emial\"]\n",
        Code::ChannelLooksMisspelled,
        r#""emial""#,
        Some("email"),
    ),
    case(
        J,
        r#"touchpoints = ["epost"]"#,
        "touchpoints = []",
        Code::PhaseWithoutTouchpoint,
        r#""opphold""#,
        None,
    ),
    case(
        J,
        "stage = \"etterpå\"\naction = \"Får takk",
        "stage = \"bo\"\naction = \"Får takk",
        Code::NoFollowUp,
        r#""opphold""#,
        None,
    ),
    case(
        J,
        "[[step.emotion]]\nname = \"Utsikt på bildene\"\nsense = \"see\"\nvalence = 1\npersona_valence = { eventyr-eva = 2 }\n",
        "",
        Code::OnlyFunctional,
        r#"["Betaling på tre klikk"]"#,
        None,
    ),
    case(
        "personas/komfort-kari.toml",
        "hates = [\"kulde\", \"usikkerhet\"]\n",
        "",
        Code::PersonaWithoutLovesOrHates,
        r#""komfort-kari""#,
        None,
    ),
    case(
        "personas/eventyr-eva.toml",
        "loves = [\"villmark\", \"stillhet\"]\nhates = [\"køer\", \"turistfeller\"]\n",
        "",
        Code::DemographicsOnly,
        "demographics",
        None,
    ),
    case(
        "stig.toml",
        r#"locale = "nb""#,
        r#"locale = "no""#,
        Code::UnknownLocale,
        r#""no""#,
        Some("nb"),
    ),
    case(
        "stig.toml",
        r#"locale = "nb""#,
        "locale = \"nb\"\ndrivers_outcome = \"resepsjn\"",
        Code::UnknownReference,
        r#""resepsjn""#,
        Some("resepsjon"),
    ),
    case(
        "stig.toml",
        r#"locale = "nb""#,
        "locale = \"nb\"\ndrivers_outcome = \"resepsjon:stars\"",
        Code::InvalidValue,
        r#""resepsjon:stars""#,
        None,
    ),
    case(
        TP,
        r#"channel = "email""#,
        r#"channel = "emial""#,
        Code::ChannelLooksMisspelled,
        r#""emial""#,
        Some("email"),
    ),
    case(
        "actors.toml",
        r#"kind = "partner""#,
        r#"kind = "public""#,
        Code::OwnerActorMismatch,
        r#""partner""#,
        None,
    ),
    case(
        J,
        "stage = \"etterpå\"\naction = \"Får takk",
        "stage = \"bo\"\naction = \"Får takk",
        Code::StageWithoutSteps,
        r#""etterpå""#,
        None,
    ),
    case(
        J,
        "goal = \"Lade batteriene\"\n",
        "goal = \"Lade batteriene\"\nas_is = \"opphold\"\n",
        Code::AsIsOnAsIsJourney,
        r#""opphold""#,
        None,
    ),
    case(
        TP,
        "[[touchpoint]]\nid = \"web-booking\"",
        "[[touchpoint]]\nid = \"ubrukt\"\nname = \"Ubrukt\"\nchannel = \"app\"\nmode = \"digital\"\nowner = \"own\"\ndiscipline = \"create\"\n\n[[touchpoint]]\nid = \"web-booking\"",
        Code::UnusedTouchpoint,
        r#""ubrukt""#,
        None,
    ),
];

#[test]
fn the_fixture_is_clean() {
    let checked = load_files(files());
    let shown: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.message.clone())
        .collect();
    assert!(
        checked.diagnostics.is_empty(),
        "unexpected diagnostics: {shown:#?}"
    );
    assert_eq!(checked.workspace.personas.len(), 2);
    assert_eq!(checked.workspace.journeys[0].steps.len(), 3);
}

#[test]
fn every_diagnostic_kind_is_reported_where_the_problem_is() {
    let mut failures = Vec::new();
    for c in CASES {
        let checked = with_change(c.file, c.from, c.to);
        let Some(d) = checked
            .diagnostics
            .iter()
            .find(|d| d.diagnostic.code == c.code)
        else {
            let got: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.diagnostic.code, d.diagnostic.message))
                .collect();
            failures.push(format!("{:?}: no {} diagnostic; got {got:?}", c.to, c.code));
            continue;
        };
        if let Err(e) = check_place(c, d, &checked.files) {
            failures.push(format!("{} ({:?}): {e}", c.code, c.to));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_place(
    c: &Case,
    d: &Located,
    files: &[stig_model::code::SourceFile],
) -> Result<(), String> {
    if d.file != Some(PathBuf::from(c.file)) && c.code != Code::OwnerActorMismatch {
        return Err(format!("in file {:?}, expected {}", d.file, c.file));
    }
    if !c.text.is_empty() && d.text != c.text {
        return Err(format!(
            "points at {:?}, expected {:?} (message: {})",
            d.text, c.text, d.diagnostic.message
        ));
    }
    if d.diagnostic.suggestion.as_deref() != c.suggestion {
        return Err(format!(
            "suggests {:?}, expected {:?}",
            d.diagnostic.suggestion, c.suggestion
        ));
    }
    // The line and column must be those of the offending text in the file.
    let file = files
        .iter()
        .find(|f| Some(&f.path) == d.file.as_ref())
        .ok_or("file not loaded")?;
    let span = d.span.clone().ok_or("no span")?;
    let before = &file.text[..span.start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    if (d.line, d.column) != (line, column) {
        return Err(format!(
            "at {}:{}, span says {line}:{column}",
            d.line, d.column
        ));
    }
    let expected = c.code.severity();
    if d.severity() != expected {
        return Err(format!("severity {:?}", d.severity()));
    }
    Ok(())
}

#[test]
fn the_misspelled_touchpoint_names_file_line_column() {
    let checked = with_change(
        J,
        r#"touchpoints = ["web-booking"]"#,
        r#"touchpoints = ["web-bookng"]"#,
    );
    let errors: Vec<&Located> = checked.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert_eq!(e.file.as_deref(), Some(std::path::Path::new(J)));
    assert_eq!((e.line, e.column), (25, 16));
    assert_eq!(e.diagnostic.message, "unknown touchpoint `web-bookng`");
}

#[test]
fn all_errors_of_all_files_are_reported_at_once() {
    let mut files = files();
    for f in &mut files {
        if f.path.ends_with("stig.toml") {
            f.text = f.text.replace("locale", "lokale");
        }
        if f.path.ends_with("komfort-kari.toml") {
            f.text = f.text.replace("hates", "hater");
        }
    }
    let checked = load_files(files);
    let schema = checked
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == Code::Schema)
        .count();
    assert_eq!(schema, 2);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Error)
    );
}

#[test]
fn a_cycle_is_reported_once() {
    let checked = with_change(
        "goals.toml",
        "name = \"Hvile ut\"\n",
        "name = \"Hvile ut\"\nparent = \"komme-fram\"\n",
    );
    let cycles: Vec<&Located> = checked
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == Code::GoalCycle)
        .collect();
    assert_eq!(cycles.len(), 1);
    assert!(
        cycles[0]
            .diagnostic
            .message
            .contains("hvile → komme-fram → hvile"),
        "{}",
        cycles[0].diagnostic.message
    );
}

#[test]
fn synthetic_workspaces_are_valid() {
    for steps in [1, 7, 60, 500] {
        let ws = stig_model::synthetic::workspace(steps);
        let errors: Vec<_> = stig_model::validate(&ws)
            .into_iter()
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{steps} steps: {errors:#?}");
        assert_eq!(ws.journeys[0].steps.len(), steps);
    }
}

#[test]
fn a_bare_toml_date_reads_like_a_quoted_one() {
    let quoted = load_files(files());
    let bare = with_change(J, r#"date = "2026-02-14""#, "date = 2026-02-14");
    assert!(bare.diagnostics.is_empty(), "{:#?}", bare.diagnostics);
    assert_eq!(bare.workspace, quoted.workspace);
    let wrong = with_change(J, r#"date = "2026-02-14""#, "date = 2026-02-14T10:00:00");
    let d = wrong.errors().next().expect("a date-time is not a date");
    assert!(
        d.diagnostic.message.contains("not a plain date"),
        "{}",
        d.diagnostic.message
    );
}
