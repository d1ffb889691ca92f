//! Text measuring without a font file: advance widths of DejaVu Sans (the font the web app and
//! the PDF export use), good to a few percent for Latin text, generous for everything else.

const ELLIPSIS: char = '…';

/// Advance width of `c` in em.
fn advance(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | '·' | ';' => 0.3179, // 651 / 2048
        ':' | '/' | '\\' => 0.337,
        '\'' | '|' => 0.275,
        '"' => 0.46,
        '(' | ')' | '[' | ']' | '{' | '}' => 0.39,
        '-' | '–' => 0.361,
        '—' => 0.75,
        '0'..='9' => 0.636,
        '%' => 0.95,
        '…' => 1.0,
        '&' => 0.78,
        '+' | '−' | '=' | '<' | '>' | '±' | '×' | '→' | '›' | '⚑' => 0.838,
        '#' | '$' | '€' | '£' => 0.636,
        '?' => 0.531,
        '!' => 0.4,
        'f' => 0.352,
        'i' | 'j' | 'l' => 0.278,
        'r' => 0.411,
        't' => 0.392,
        'm' => 0.974,
        'w' => 0.818,
        's' => 0.521,
        'z' => 0.525,
        'c' => 0.55,
        'a'..='z' => 0.615,
        'I' | 'J' => 0.295,
        'M' => 0.863,
        'W' => 0.989,
        'L' => 0.557,
        'F' => 0.575,
        'D' | 'G' | 'O' | 'Q' | 'H' | 'N' | 'U' => 0.77,
        'A'..='Z' => 0.68,
        c if c.is_alphabetic() && (c as u32) < 0x2E80 => 0.66,
        c if (c as u32) >= 0x2E80 => 1.0,
        _ => 0.7,
    }
}

/// Width of `s` at `size` px (DejaVu Sans advances, bold 9 % wider): what the charts, and
/// the PDF report's pages, lay text out by.
pub fn width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(advance).sum();
    em * size * if bold { 1.09 } else { 1.0 }
}

/// `s` shortened to fit `max` px, ending in "…" when shortened.
pub(crate) fn truncate(s: &str, size: f64, bold: bool, max: f64) -> String {
    if width(s, size, bold) <= max {
        return s.to_owned();
    }
    let budget = max - width("…", size, bold);
    let mut out = String::new();
    let mut used = 0.0;
    for c in s.chars() {
        let w = advance(c) * size * if bold { 1.09 } else { 1.0 };
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push(ELLIPSIS);
    out
}
