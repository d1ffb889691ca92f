use stig_render::{MapOptions, STEPS_PER_PAGE, render_pdf, render_svg};

use crate::fixture::{JOURNEY, long_workspace, workspace};

/// Number of page objects (`/Type /Page`, not `/Type /Pages`).
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// Every `/MediaBox [a b c d]` in the file.
fn media_boxes(pdf: &[u8]) -> Vec<Vec<f32>> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest.find(']').unwrap();
            rest[..end]
                .split_whitespace()
                .map(|n| n.parse::<f32>().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn sixty_steps_paginate_onto_a3_landscape_pages() {
    let ws = long_workspace(60);
    let pdf = render_pdf(&ws, "lang", &MapOptions::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let expected = 60usize.div_ceil(STEPS_PER_PAGE);
    assert_eq!(STEPS_PER_PAGE, 8);
    assert_eq!(page_count(&pdf), expected);
    let boxes = media_boxes(&pdf);
    assert_eq!(boxes.len(), expected);
    for b in boxes {
        assert_eq!(b.len(), 4);
        assert!(b[0].abs() < 0.01 && b[1].abs() < 0.01);
        assert!((b[2] - 1190.55).abs() < 0.5, "width {}", b[2]);
        assert!((b[3] - 841.89).abs() < 0.5, "height {}", b[3]);
    }
    // The whole 60-step map is one wide SVG with one point per step.
    let svg = render_svg(&ws, "lang", &MapOptions::default()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let curve = crate::by_class(&doc, "curve");
    assert_eq!(curve.len(), 3);
    for c in curve {
        assert_eq!(
            c.attribute("points").unwrap().split_whitespace().count(),
            60
        );
    }
}

#[test]
fn page_count_follows_the_step_count() {
    let pdf = render_pdf(&workspace(), JOURNEY, &MapOptions::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 2, "9 steps at 8 a page");
    let pdf = render_pdf(&long_workspace(5), "lang", &MapOptions::default()).unwrap();
    assert_eq!(page_count(&pdf), 1);
}

#[test]
fn pdf_embeds_the_font() {
    let pdf = render_pdf(&workspace(), JOURNEY, &MapOptions::default()).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("+DejaVuSansCondensed-Bold"),
        "bold face embedded as a subset"
    );
    assert!(
        text.contains("+DejaVuSansCondensed"),
        "regular face embedded as a subset"
    );
    assert!(
        text.contains("/FontFile2"),
        "font program embedded, not referenced"
    );
}
