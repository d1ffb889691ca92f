//! Writes the fixture's map as SVG, PNG and PDF for looking at by eye:
//! `STIG_RENDER_OUT=/tmp cargo test -p stig-render --test render -- --ignored write_samples`.

use stig_render::{MapOptions, render_pdf, render_png, render_svg};

use crate::fixture::{JOURNEY, long_workspace, workspace};

#[test]
#[ignore = "writes files; run by hand to look at the output"]
fn write_samples() {
    let dir = std::path::PathBuf::from(
        std::env::var("STIG_RENDER_OUT").unwrap_or_else(|_| "/tmp".into()),
    );
    let ws = workspace();
    let opts = MapOptions::default();
    std::fs::write(
        dir.join("render-check.svg"),
        render_svg(&ws, JOURNEY, &opts).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("render-check.png"),
        render_png(&ws, JOURNEY, &opts).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("render-check.pdf"),
        render_pdf(&ws, JOURNEY, &opts).unwrap(),
    )
    .unwrap();
    // Close-ups at 2x: (x, y, width, height) in SVG pixels.
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let head = format!(
        r#"width="{}" height="{}" viewBox="0 0 {} {}""#,
        root.attribute("width").unwrap(),
        root.attribute("height").unwrap(),
        root.attribute("width").unwrap(),
        root.attribute("height").unwrap()
    );
    for (i, (x, y, w, h)) in [
        (0, 0, 1000, 700),
        (1000, 300, 1060, 700),
        (0, 900, 1000, 700),
        (1000, 900, 1060, 700),
    ]
    .into_iter()
    .enumerate()
    {
        let crop = svg.replacen(
            &head,
            &format!(r#"width="{w}" height="{h}" viewBox="{x} {y} {w} {h}""#),
            1,
        );
        assert_ne!(crop, svg);
        let png = stig_render::svg_to_png(&crop, 2.0).unwrap();
        std::fs::write(dir.join(format!("render-crop-{i}.png")), png).unwrap();
    }
    let fi = MapOptions {
        personas: vec!["familie".into()],
        locale: Some("fi".into()),
        ..Default::default()
    };
    let svg = render_svg(&ws, JOURNEY, &fi).unwrap();
    let png = stig_render::svg_to_png(&svg, 1.0).unwrap();
    std::fs::write(dir.join("render-check-fi.png"), png).unwrap();
    let long = long_workspace(60);
    std::fs::write(
        dir.join("render-check-60.pdf"),
        render_pdf(&long, "lang", &opts).unwrap(),
    )
    .unwrap();
}

#[test]
#[ignore = "prints timings; run by hand (best with --release)"]
fn timings() {
    for n in [50, 500, 5000] {
        let ws = long_workspace(n);
        let t = std::time::Instant::now();
        let svg = render_svg(&ws, "lang", &MapOptions::default()).unwrap();
        println!("svg {n} steps: {:?} ({} bytes)", t.elapsed(), svg.len());
    }
    let ws = long_workspace(60);
    let t = std::time::Instant::now();
    let pdf = render_pdf(&ws, "lang", &MapOptions::default()).unwrap();
    println!("pdf 60 steps: {:?} ({} bytes)", t.elapsed(), pdf.len());
}
