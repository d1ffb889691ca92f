//! Stig's server-side charts for insight dashboards and PDF reports: data in, one
//! self-contained SVG string out.
//!
//! Every chart is a pure function (no I/O, no JavaScript, no CSS or font files): styles are
//! inline attributes and the font is `DejaVu Sans, Verdana, sans-serif`, so the same string
//! works inline in an HTML page, in a standalone HTML file, and through svg2pdf/resvg. Each
//! chart has the caller's width and height, a `viewBox` (and `style="max-width:100%;height:auto"`
//! so it shrinks in a narrow page), a `<title>`, the Stig web app's colours, a muted grid, and
//! labels that are measured and truncated with "…" (the full text in a `<title>` child) rather
//! than overlapped. Missing data is never a panic: NaN and infinite values count as missing,
//! and a chart with nothing to draw shows a short message centred in its box.
//!
//! ```
//! use stig_charts::{Bar, BarOptions, Size, bar_chart};
//!
//! let rows = vec![
//!     Bar::new("Check-in", Some(4.4)),
//!     Bar { note: Some("too few answers".into()), ..Bar::new("Spa", None) },
//! ];
//! let opts = BarOptions { size: Size::new(480.0, 160.0), ..BarOptions::default() };
//! let svg = bar_chart("CSAT by touchpoint", &rows, &opts);
//! assert!(svg.starts_with("<svg") && svg.contains("too few answers"));
//! ```
//!
//! Design decision: text is measured with a built-in table of DejaVu Sans advance widths, not
//! a font file, so the crate has no dependencies and layout is the same on every machine; the
//! table errs on the wide side so that a fallback font does not overlap either.

mod bar;
mod cohort;
mod funnel;
mod growth;
mod ipa;
mod line;
mod scale;
mod share;
mod svg;
mod text;
mod theme;

pub use bar::bar_chart;
pub use cohort::cohort_chart;
pub use funnel::funnel_chart;
pub use growth::{GrowthOptions, GrowthRow, growth_chart};
pub use ipa::ipa_chart;
pub use line::line_chart;
pub use scale::{default_format, percent};
pub use share::share_bar;
pub use text::width as text_width;
pub use theme::PALETTE;

/// The message of a chart without data.
pub const NO_DATA: &str = "No data";

/// A number formatter: a value in, its text out.
pub type Format = fn(f64) -> String;

/// How numbers are written in a chart: the decimal mark and the thousands separator. The
/// crate formats numbers the English way (`12,345.6`); a chart rewrites them with these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    pub decimal: char,
    pub group: char,
}

impl Numbers {
    /// `12,345.6`.
    pub const EN: Numbers = Numbers {
        decimal: '.',
        group: ',',
    };

    /// A number as the crate writes it (`−12,345.6`, `42%`) written this way.
    pub fn apply(&self, text: &str) -> String {
        if *self == Numbers::EN {
            return text.to_owned();
        }
        text.chars()
            .map(|c| match c {
                '.' => self.decimal,
                ',' => self.group,
                c => c,
            })
            .collect()
    }
}

impl Default for Numbers {
    fn default() -> Numbers {
        Numbers::EN
    }
}

/// A chart's size in px: its `width`/`height` attributes and its `viewBox`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub const fn new(width: f64, height: f64) -> Size {
        Size { width, height }
    }
}

impl Default for Size {
    fn default() -> Size {
        Size::new(640.0, 320.0)
    }
}

/// One line of a [`line_chart`].
#[derive(Debug, Clone, Default)]
pub struct Series {
    pub name: String,
    /// One value per x position; `None` (or NaN) breaks the line.
    pub values: Vec<Option<f64>>,
    /// An interval per x position (e.g. a 95% confidence interval), shaded behind the line.
    pub band: Option<Vec<Option<(f64, f64)>>>,
    /// `#rrggbb`; `None` takes the next colour of [`PALETTE`].
    pub color: Option<String>,
    pub dashed: bool,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            values,
            ..Series::default()
        }
    }
}

/// Options of a [`line_chart`].
#[derive(Debug, Clone, Default)]
pub struct LineOptions {
    pub size: Size,
    /// Formats axis ticks and the end-of-line values; default: [`default_format`]-like, with
    /// the decimals the ticks need.
    pub format: Option<Format>,
    /// A horizontal reference line (e.g. 0 for NPS).
    pub reference: Option<f64>,
    /// A y range to show at least (e.g. `(-100.0, 100.0)`); the data widens it if needed.
    pub y_range: Option<(f64, f64)>,
    /// The scale's minimum and maximum (e.g. `(1.0, 5.0)` for CSAT): the axis runs from one
    /// to the other and no further, values and interval bands are clipped to it.
    pub bounds: Option<(f64, f64)>,
    /// The last x position is a period not over yet: its stretch of line is dashed, its
    /// point hollow, its slot shaded, and this text (e.g. "partial") names it.
    pub partial: Option<String>,
    pub numbers: Numbers,
}

/// One row of a [`bar_chart`].
#[derive(Debug, Clone, Default)]
pub struct Bar {
    pub label: String,
    /// `None` (or NaN) draws no bar.
    pub value: Option<f64>,
    /// An interval drawn as a whisker across the bar end.
    pub interval: Option<(f64, f64)>,
    /// When set (e.g. "too few answers"), the row is a grey hatched stub with this text
    /// instead of a bar.
    pub note: Option<String>,
    /// `#rrggbb`; default the brand blue.
    pub color: Option<String>,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: Option<f64>) -> Bar {
        Bar {
            label: label.into(),
            value,
            ..Bar::default()
        }
    }
}

/// Options of a [`bar_chart`].
#[derive(Debug, Clone, Default)]
pub struct BarOptions {
    pub size: Size,
    /// Formats the value labels and the axis; default [`default_format`].
    pub format: Option<Format>,
    /// A value range to show at least (e.g. `(0.0, 5.0)` for CSAT); 0 is always in.
    pub range: Option<(f64, f64)>,
    /// The scale's minimum and maximum: intervals are clipped to it and the axis ends at
    /// its maximum (or minimum) rather than past it.
    pub bounds: Option<(f64, f64)>,
    pub numbers: Numbers,
}

/// One step of a [`funnel_chart`].
#[derive(Debug, Clone, Default)]
pub struct FunnelRow {
    pub label: String,
    /// How many reached this step: the bar length.
    pub reached: u64,
    /// `reached` as a share (0..=1) of the first step.
    pub share: f64,
    /// How many of those did not reach the next step (shown in red).
    pub dropped: u64,
    /// A stuck point: the row is tinted and its bar red.
    pub highlight: bool,
}

/// One item of an [`ipa_chart`].
#[derive(Debug, Clone, Default)]
pub struct IpaPoint {
    pub label: String,
    pub importance: f64,
    pub performance: f64,
}

/// One cohort (row) of a [`cohort_chart`].
#[derive(Debug, Clone, Default)]
pub struct CohortRow {
    /// E.g. "2025-03".
    pub label: String,
    /// Customers in the cohort.
    pub size: u32,
    /// Share (0..=1) still active 0, 1, 2, … months later; NaN leaves a cell empty.
    pub retained: Vec<f64>,
}
