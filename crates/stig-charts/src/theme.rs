//! The Stig web app's colours (`stig-server/assets/style.css`), and the chart font.

/// Font stack: DejaVu Sans is what the web app and the PDF export use.
pub(crate) const FONT: &str = "DejaVu Sans, Verdana, sans-serif";

pub(crate) const INK: &str = "#1b2430";
pub(crate) const MUTED: &str = "#5b6675";
pub(crate) const LINE: &str = "#dde3ea";
/// Grid lines: lighter than `LINE`, so data stays in front.
pub(crate) const GRID: &str = "#edf0f4";
pub(crate) const PAPER: &str = "#ffffff";
pub(crate) const BG: &str = "#f5f7fa";
pub(crate) const BRAND: &str = "#1f5f99";
pub(crate) const OK: &str = "#1f7a4d";
pub(crate) const BAD: &str = "#b3261e";
pub(crate) const BAD_SOFT: &str = "#fbe9e7";
pub(crate) const STUB: &str = "#eef1f4";
pub(crate) const STUB_LINE: &str = "#c5ced9";

/// Series colours in order: brand blue, partner orange, public violet, then the avatar colours.
pub const PALETTE: [&str; 8] = [
    "#1f5f99", "#c8620a", "#6b4fbb", "#2a7f72", "#a8436a", "#5d7f1f", "#86653d", "#51607a",
];

/// `#rrggbb` → (r, g, b).
fn rgb(hex: &str) -> (f64, f64, f64) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64;
    (p(0), p(2), p(4))
}

/// The colour `t` (0..=1) of the way from `a` to `b`.
pub(crate) fn mix(a: &str, b: &str, t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (a, b) = (rgb(a), rgb(b));
    let c = |x: f64, y: f64| (x + (y - x) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
}
