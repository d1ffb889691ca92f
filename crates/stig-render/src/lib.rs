//! Stig's journey-map renderer: draws one journey of a [`Workspace`] as a wall-sized map in
//! SVG, and turns that SVG into PNG and multi-page A3 PDF, in pure Rust with the font built
//! into the binary. Values in, bytes out: no file, network or system-font access.
//!
//! The map has phases as coloured bands across the top, stages under them and a column per
//! step; its lanes are customer actions and sub-goals, touchpoints (channel icon, owner colour,
//! physical or digital), emotional elements (sense or intangible, valence), the designed
//! emotion curve with one line per persona, functional elements, pain points, opportunities
//! and actors, followed by a legend.
//!
//! Key items: [`render_svg`], [`render_png`], [`render_pdf`], [`svg_to_png`], [`MapOptions`]
//! (with [`PathHit`] and [`MeasuredCurve`] overlays) and [`RenderError`].
//!
//! ```
//! use stig_model::{Journey, Phase, Stage, Step, Workspace};
//! use stig_render::{MapOptions, render_svg};
//!
//! let mut ws = Workspace::default();
//! ws.settings.name = "Arctic Winter Tromsø".into();
//! ws.journeys.push(Journey {
//!     id: "northern-lights".into(),
//!     name: "Nordlys-safari".into(),
//!     phases: vec![Phase { id: "before".into(), name: "Før".into() }],
//!     stages: vec![Stage { id: "plan".into(), phase: "before".into(), name: "Planlegge".into() }],
//!     steps: vec![Step { id: "book".into(), stage: "plan".into(), action: "Bestiller tur".into(), ..Step::default() }],
//!     ..Journey::default()
//! });
//! let svg = render_svg(&ws, "northern-lights", &MapOptions::default()).unwrap();
//! assert!(svg.contains(r#"data-lane="curve""#) && svg.contains("Bestiller tur"));
//! assert!(render_svg(&ws, "nope", &MapOptions::default()).is_err());
//! ```
//!
//! Design decision: the SVG is the single source of every format. Layout happens once, in
//! SVG pixels, with text wrapped by measuring the embedded DejaVu Sans Condensed's real glyph
//! advances; PNG and PDF then render that SVG through usvg with a font database holding only
//! the embedded faces, so what is measured is what is drawn, on every machine. The PDF is the
//! same map sliced into runs of at most [`STEPS_PER_PAGE`] steps, each slice its own SVG with
//! the lane header column repeated, placed on A3-landscape pages.

mod curve;
mod error;
mod export;
mod fonts;
mod header;
mod icons;
mod labels;
mod lanes;
mod layout;
mod legend;
mod map;
mod marks;
mod measured;
mod pages;
mod path;
mod svg;
mod text;
mod theme;
mod view;

use stig_model::Workspace;

pub use error::RenderError;
pub use export::{MAX_PNG_PIXELS, MAX_PNG_SIDE, svg_to_png};
pub use fonts::{BOLD as FONT_BOLD, FONT_FAMILY, REGULAR as FONT_REGULAR};
pub use pages::svg_pages_to_pdf;

/// At most this many steps go on one PDF page; a journey is split into as few pages as
/// possible with the steps spread evenly (60 steps: 8 pages of 7 or 8).
pub const STEPS_PER_PAGE: usize = 8;

/// Scale of [`render_png`] (2 = twice the SVG's pixel size).
pub const PNG_SCALE: f32 = 2.0;

/// What to draw on a map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapOptions {
    /// Ids of the personas whose emotion curves are overlaid. Empty: the journey's own
    /// `personas` list, and if that is empty too, every persona of the workspace.
    pub personas: Vec<String>,
    /// Language of the map's fixed words (`en`, `nb`, `sv`, `da`, `fi`); `None`: the
    /// workspace's `settings.locale`. Unknown languages fall back to English.
    pub locale: Option<String>,
    /// One customer's run to draw over the design, in the order it happened (empty: none).
    pub path: Vec<PathHit>,
    /// Measured emotion curves drawn beside the designed ones (empty: none). A curve of a
    /// persona not on the map adds that persona (so its designed curve is there to compare
    /// with); one of a persona the workspace does not have is left out.
    pub measured: Vec<MeasuredCurve>,
    /// A step to highlight (its column is tinted and classed `selected`), e.g. the one a page
    /// was opened at; `None` or an id not in the journey: none.
    pub highlight: Option<String>,
    /// Persona id → the URL of the persona's picture (a web path or a `data:` URL), drawn
    /// beside its curve and in the legend; personas without one keep their marker only.
    pub pictures: std::collections::BTreeMap<String, String>,
}

/// What customers reported at a step, on the designed curve's scale (−2…+2).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredPoint {
    /// The mean reported emotion, −2…+2 (drawn clamped to that range).
    pub value: f64,
    /// How many answers the value is the mean of (shown as "n=…" beside the point).
    pub answers: u32,
    /// Measured well below designed: drawn as a warning.
    pub flagged: bool,
}

/// One persona's measured curve (persona `None` = all customers): step id → point; steps
/// without enough answers are absent (the line breaks there). Drawn in the colour of the
/// persona's designed curve (all customers: a neutral dark colour), solid and thicker, with
/// round markers; keyed by step id, so each PDF page draws its own steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeasuredCurve {
    pub persona: Option<String>,
    pub points: std::collections::BTreeMap<String, MeasuredPoint>,
}

/// One touchpoint hit of a customer's run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathHit {
    /// The step the hit stands for (hits on steps not in the journey are left out).
    pub step: String,
    pub touchpoint: String,
    /// Shown beside the last hit, e.g. its time.
    pub label: String,
}

/// The journey map as an SVG document, as wide as its steps need.
pub fn render_svg(
    ws: &Workspace,
    journey_id: &str,
    opts: &MapOptions,
) -> Result<String, RenderError> {
    let view = view::resolve(ws, journey_id, opts)?;
    Ok(map::compose(&view, 0..view.steps.len(), None, None).svg)
}

/// The whole journey map as a PNG at [`PNG_SCALE`] (see [`svg_to_png`] for the size limit).
pub fn render_png(
    ws: &Workspace,
    journey_id: &str,
    opts: &MapOptions,
) -> Result<Vec<u8>, RenderError> {
    svg_to_png(&render_svg(ws, journey_id, opts)?, PNG_SCALE)
}

/// The journey map as a PDF of A3-landscape pages, each holding a run of at most
/// [`STEPS_PER_PAGE`] consecutive steps with the lane titles, legend and "page n/m".
pub fn render_pdf(
    ws: &Workspace,
    journey_id: &str,
    opts: &MapOptions,
) -> Result<Vec<u8>, RenderError> {
    let view = view::resolve(ws, journey_id, opts)?;
    let ranges = layout::paginate(view.steps.len(), STEPS_PER_PAGE);
    let count = ranges.len();
    let pages = |col_w: f32| -> Vec<map::Composed> {
        ranges
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let page = map::Page {
                    number: i + 1,
                    count,
                };
                map::compose(&view, r.clone(), Some(page), Some(col_w))
            })
            .collect()
    };
    // Content taller than the page is wide: wider columns wrap text into fewer lines, so
    // try a few widths and keep the one that prints largest.
    let mut best = pages(theme::COL_W);
    let mut best_scale = export::page_scale(&best);
    for col_w in [225.0, 250.0, 275.0, 300.0] {
        if best_scale >= export::page_scale_limit() {
            break;
        }
        let candidate = pages(col_w);
        let scale = export::page_scale(&candidate);
        if scale > best_scale * 1.01 {
            (best, best_scale) = (candidate, scale);
        }
    }
    let svgs: Vec<String> = best.into_iter().map(|c| c.svg).collect();
    let title = format!("{} — {}", view.journey.name, ws.settings.name);
    export::pdf_pages(&svgs, &title)
}
