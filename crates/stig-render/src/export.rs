//! PNG (resvg) and PDF (svg2pdf + pdf-writer) from the map's SVG, with only the embedded
//! fonts loaded, so the output is the same with or without fonts installed.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use resvg::tiny_skia;
use resvg::usvg;

use crate::{RenderError, fonts};

/// A3 landscape, in PDF points.
pub(crate) const A3_LANDSCAPE: (f32, f32) = (420.0 / 25.4 * 72.0, 297.0 / 25.4 * 72.0);
/// Page margin in points.
const PDF_MARGIN: f32 = 20.0;
/// Points per CSS pixel.
pub(crate) const PT_PER_PX: f32 = 72.0 / 96.0;
/// The PNG's longest side is kept under this many pixels (by lowering the scale).
pub const MAX_PNG_SIDE: f32 = 32_000.0;
/// And its area under this many pixels (1 GiB of RGBA while drawing).
pub const MAX_PNG_PIXELS: f32 = 256.0 * 1024.0 * 1024.0;

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts::database(),
        // Pure: never read files named by an <image href>.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

pub(crate) fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| RenderError::Svg(e.to_string()))
}

/// Rasterises an SVG at `scale` (2.0 = twice its pixel size) on a transparent background and
/// encodes it as PNG. The scale is lowered if the image would be more than
/// [`MAX_PNG_SIDE`] pixels on a side or [`MAX_PNG_PIXELS`] in all (at 2x, journeys of more than
/// about 75 steps); [`render_pdf`](crate::render_pdf) suits those better.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::Png(format!(
            "scale must be a positive number, not {scale}"
        )));
    }
    let tree = parse(svg)?;
    let size = tree.size();
    let scale = scale
        .min(MAX_PNG_SIDE / size.width().max(size.height()))
        .min((MAX_PNG_PIXELS / (size.width() * size.height())).sqrt());
    let (w, h) = (
        (size.width() * scale).ceil(),
        (size.height() * scale).ceil(),
    );
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32).ok_or_else(|| {
        RenderError::Png(format!(
            "cannot allocate a {w} × {h} image; try a smaller scale"
        ))
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// Points per px at which all `pages` fit their A3 page (capped at natural size).
pub(crate) fn page_scale(pages: &[crate::map::Composed]) -> f32 {
    let (page_w, page_h) = A3_LANDSCAPE;
    let (avail_w, avail_h) = (page_w - 2.0 * PDF_MARGIN, page_h - 2.0 * PDF_MARGIN);
    pages
        .iter()
        .map(|p| (avail_w / p.width).min(avail_h / p.height))
        .fold(PT_PER_PX, f32::min)
}

/// The largest scale [`page_scale`] gives (natural size).
pub(crate) fn page_scale_limit() -> f32 {
    PT_PER_PX
}

/// One A3-landscape page per SVG, each scaled to fit (all with the same scale, so type is
/// the same size on every page), top-aligned and horizontally centred.
pub(crate) fn pdf_pages(svgs: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    let trees = svgs
        .iter()
        .map(|s| parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let (page_w, page_h) = A3_LANDSCAPE;
    let (avail_w, avail_h) = (page_w - 2.0 * PDF_MARGIN, page_h - 2.0 * PDF_MARGIN);
    let widest = trees.iter().map(|t| t.size().width()).fold(1.0, f32::max);
    let scale = trees
        .iter()
        .map(|t| (avail_w / t.size().width()).min(avail_h / t.size().height()))
        .fold(PT_PER_PX, f32::min);

    assemble(&trees, title, |tree| {
        let (w, h) = (tree.size().width() * scale, tree.size().height() * scale);
        let x = (page_w - widest * scale) / 2.0;
        let y = page_h - PDF_MARGIN - h;
        ((page_w, page_h), [w, 0.0, 0.0, h, x, y])
    })
}

/// A PDF of one page per SVG tree: `place` gives each tree its page size (points) and the
/// transform that puts the drawing (a unit square) on the page. The one place PDF files are
/// put together: the journey map's pages and the report's both go through it.
pub(crate) fn assemble(
    trees: &[usvg::Tree],
    title: &str,
    place: impl Fn(&usvg::Tree) -> ((f32, f32), [f32; 6]),
) -> Result<Vec<u8>, RenderError> {
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
        let ((page_w, page_h), transform) = place(tree);

        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, page_w, page_h));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(svg_name, svg_id);
        page.finish();

        let mut content = Content::new();
        content.transform(transform).x_object(svg_name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}
