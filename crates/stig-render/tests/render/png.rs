/// Reads width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

use stig_render::{MapOptions, PNG_SCALE, render_png, render_svg, svg_to_png};

use crate::fixture::{JOURNEY, workspace};

fn svg_size(svg: &str) -> (f32, f32) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let num = |a: &str| root.attribute(a).unwrap().parse::<f32>().unwrap();
    (num("width"), num("height"))
}

#[test]
fn png_is_the_svg_at_twice_the_size() {
    let ws = workspace();
    let opts = MapOptions::default();
    let svg = render_svg(&ws, JOURNEY, &opts).unwrap();
    let (w, h) = svg_size(&svg);
    let png = render_png(&ws, JOURNEY, &opts).unwrap();
    let (pw, ph) = png_size(&png);
    assert_eq!(PNG_SCALE, 2.0);
    assert_eq!(pw, (w * 2.0).ceil() as u32);
    assert_eq!(ph, (h * 2.0).ceil() as u32);
    assert!(
        png.len() > 50_000,
        "a real picture, not an empty image ({} bytes)",
        png.len()
    );
}

#[test]
fn svg_to_png_scales_and_draws_text() {
    // A black text on white: at least some pixels must be dark, which needs the embedded font
    // (no system fonts are loaded).
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">
        <rect width="120" height="40" fill="#fff"/>
        <text x="4" y="28" font-size="24" font-family="DejaVu Sans Condensed">Æøå</text></svg>"##;
    let png = svg_to_png(svg, 1.5).unwrap();
    assert_eq!(png_size(&png), (180, 60));
    let blank = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">
        <rect width="120" height="40" fill="#fff"/></svg>"##;
    let empty = svg_to_png(blank, 1.5).unwrap();
    assert!(
        png.len() > empty.len() + 200,
        "text was drawn: {} vs {} bytes",
        png.len(),
        empty.len()
    );
}

#[test]
fn huge_images_are_scaled_down_to_the_limit() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="100"/>"#;
    let png = svg_to_png(svg, 2.0).unwrap();
    assert_eq!(png_size(&png), (stig_render::MAX_PNG_SIDE as u32, 160));
}
