//! The embedded font (DejaVu Sans Condensed, regular and bold) and text measurement with its
//! real glyph advance widths, so that wrapping in the SVG matches what resvg and svg2pdf draw.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// DejaVu Sans Condensed, regular weight (Bitstream Vera licence, see `fonts/LICENSE`).
pub const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed.ttf");
/// DejaVu Sans Condensed, bold weight.
pub const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed-Bold.ttf");

/// The family the map is drawn in. In the font's own tables the typographic family is
/// "DejaVu Sans" with a condensed width, so the SVG names both (plus `font-stretch`).
pub const FONT_FAMILY: &str = "DejaVu Sans Condensed";

/// The `font-family` attribute value written on the SVG root.
pub(crate) const SVG_FONT_FAMILY: &str = "'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif";

/// Font weight used by the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub(crate) fn svg(self) -> &'static str {
        match self {
            Weight::Regular => "normal",
            Weight::Bold => "bold",
        }
    }
}

struct Metrics {
    units_per_em: f32,
    /// Advances of U+0000..U+2FFF, indexed by code point (covers Latin, Nordic and symbols).
    advances: Vec<u16>,
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        // The font is compiled into the binary; failing to parse it is a build defect.
        #[allow(clippy::expect_used)]
        let face = ttf_parser::Face::parse(data, 0).expect("embedded font parses");
        let advances = (0u32..0x3000)
            .map(|cp| char::from_u32(cp).map_or(0, |c| advance_of(&face, c)))
            .collect();
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            advances,
            face,
        }
    }

    fn advance(&self, c: char) -> u16 {
        match self.advances.get(c as usize) {
            Some(&a) => a,
            None => advance_of(&self.face, c),
        }
    }
}

fn advance_of(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(glyph).unwrap_or(0)
}

fn metrics(weight: Weight) -> &'static Metrics {
    static REG: OnceLock<Metrics> = OnceLock::new();
    static BLD: OnceLock<Metrics> = OnceLock::new();
    match weight {
        Weight::Regular => REG.get_or_init(|| Metrics::load(REGULAR)),
        Weight::Bold => BLD.get_or_init(|| Metrics::load(BOLD)),
    }
}

/// Width in px of `text` set in the embedded font at `size` px (no kerning, which only
/// ever makes the drawn text a little narrower than measured).
pub(crate) fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    let m = metrics(weight);
    let units: u32 = text.chars().map(|c| u32::from(m.advance(c))).sum();
    units as f32 * size / m.units_per_em
}

/// A font database holding only the embedded fonts (no system fonts), shared by the PNG and
/// PDF exports so that output is the same on every machine.
pub(crate) fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        db.set_cursive_family("DejaVu Sans");
        db.set_fantasy_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_is_wider_and_width_scales_with_size() {
        let r = text_width("Tromsø", 12.0, Weight::Regular);
        let b = text_width("Tromsø", 12.0, Weight::Bold);
        assert!(r > 20.0 && r < 60.0, "{r}");
        assert!(b > r);
        assert!((text_width("Tromsø", 24.0, Weight::Regular) - 2.0 * r).abs() < 0.01);
    }

    #[test]
    fn database_has_only_the_embedded_faces() {
        let db = database();
        assert_eq!(db.len(), 2);
        assert!(
            db.faces()
                .all(|f| f.families.iter().any(|(n, _)| n == "DejaVu Sans"))
        );
    }
}
