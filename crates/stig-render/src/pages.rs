//! A multi-page PDF from one SVG per page (e.g. a report laid out page by page), converted
//! with svg2pdf and the embedded fonts only, so the output is the same on every machine.

use crate::RenderError;
use crate::export::{PT_PER_PX, assemble, parse};

/// One PDF page per SVG, each exactly the SVG's size (CSS px at 96 per inch, so an SVG of
/// 794 × 1123 px is an A4 page). Text is drawn with the embedded DejaVu Sans only; nested
/// `<svg>` elements (charts) are fine. `title` goes into the document information.
pub fn svg_pages_to_pdf(svgs: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    let trees = svgs
        .iter()
        .map(|s| parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    assemble(&trees, title, |tree| {
        let (w, h) = (
            tree.size().width() * PT_PER_PX,
            tree.size().height() * PT_PER_PX,
        );
        ((w, h), [w, 0.0, 0.0, h, 0.0, 0.0])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_svg_with_nested_svgs() -> Result<(), RenderError> {
        let page = r##"<svg xmlns="http://www.w3.org/2000/svg" width="794" height="1123" viewBox="0 0 794 1123"><text x="40" y="60" font-size="20">Tromsø</text><svg x="40" y="100" width="300" height="100" viewBox="0 0 600 200"><rect width="600" height="200" fill="#1f6fb2"/></svg></svg>"##;
        let pdf = svg_pages_to_pdf(&[page.to_owned(), page.to_owned()], "t")?;
        assert!(pdf.starts_with(b"%PDF"));
        let text = String::from_utf8_lossy(&pdf);
        let pages = text
            .match_indices("/Type /Page")
            .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
            .count();
        assert_eq!(pages, 2);
        Ok(())
    }
}
