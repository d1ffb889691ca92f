use stig_render::{MapOptions, RenderError, render_pdf, render_png, render_svg};

use crate::fixture::{JOURNEY, workspace};

#[test]
fn unknown_journey_names_the_journeys_and_a_suggestion() {
    let ws = workspace();
    let err = render_svg(&ws, "nordlyss", &MapOptions::default()).unwrap_err();
    match &err {
        RenderError::UnknownJourney {
            id,
            suggestion,
            available,
        } => {
            assert_eq!(id, "nordlyss");
            assert_eq!(suggestion.as_deref(), Some("nordlys"));
            assert_eq!(available, &["nordlys", "nordlys-naa"]);
        }
        other => panic!("wrong error: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "journey `nordlyss` not found (did you mean `nordlys`?); journeys: nordlys, nordlys-naa"
    );
    assert!(matches!(
        render_png(&ws, "x", &MapOptions::default()),
        Err(RenderError::UnknownJourney { .. })
    ));
    assert!(matches!(
        render_pdf(&ws, "x", &MapOptions::default()),
        Err(RenderError::UnknownJourney { .. })
    ));
}

#[test]
fn unknown_journey_in_an_empty_workspace_says_none_exist() {
    let err = render_svg(
        &stig_model::Workspace::default(),
        "a",
        &MapOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "journey `a` not found; journeys: none defined yet"
    );
}

#[test]
fn unknown_persona_is_an_error() {
    let ws = workspace();
    let opts = MapOptions {
        personas: vec!["familie".into(), "familien".into()],
        locale: None,
        ..Default::default()
    };
    let err = render_svg(&ws, JOURNEY, &opts).unwrap_err();
    match &err {
        RenderError::UnknownPersona {
            id,
            suggestion,
            available,
        } => {
            assert_eq!(id, "familien");
            assert_eq!(suggestion.as_deref(), Some("familie"));
            assert_eq!(available.len(), 3);
        }
        other => panic!("wrong error: {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.starts_with("persona `familien` not found (did you mean `familie`?); personas: "),
        "{msg}"
    );
    assert!(msg.contains("eventyrer, familie, trygghet"), "{msg}");
}

#[test]
fn bad_svg_and_bad_scale_are_errors() {
    assert!(matches!(
        stig_render::svg_to_png("<svg", 1.0),
        Err(RenderError::Svg(_))
    ));
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
    assert!(matches!(
        stig_render::svg_to_png(svg, 0.0),
        Err(RenderError::Png(_))
    ));
    assert!(matches!(
        stig_render::svg_to_png(svg, f32::NAN),
        Err(RenderError::Png(_))
    ));
}
