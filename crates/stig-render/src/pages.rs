//! A multi-page PDF from one SVG per page (e.g. a report laid out page by page), converted
//! with svg2pdf and the embedded fonts only, so the output is the same on every machine.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::RenderError;
use crate::export::{PT_PER_PX, parse};

/// One PDF page per SVG, each exactly the SVG's size (CSS px at 96 per inch, so an SVG of
/// 794 × 1123 px is an A4 page). Text is drawn with the embedded DejaVu Sans only; nested
/// `<svg>` elements (charts) are fine. `title` goes into the document information.
pub fn svg_pages_to_pdf(svgs: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    let trees = svgs
        .iter()
        .map(|s| parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let info_id = alloc.bump();
    let page_ids: Vec<Ref> = trees.iter().map(|_| alloc.bump()).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("Stig"));

    let svg_name = Name(b"S1");
    for (tree, &page_id) in trees.iter().zip(&page_ids) {
        let (chunk, svg_ref) = svg2pdf::to_chunk(tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| RenderError::Pdf(e.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = *map
            .get(&svg_ref)
            .ok_or_else(|| RenderError::Pdf("svg2pdf returned no drawing".to_owned()))?;
        let content_id = alloc.bump();
        let (w, h) = (
            tree.size().width() * PT_PER_PX,
            tree.size().height() * PT_PER_PX,
        );

        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w, h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(svg_name, svg_id);
        page.finish();

        let mut content = Content::new();
        content
            .transform([w, 0.0, 0.0, h, 0.0, 0.0])
            .x_object(svg_name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
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
