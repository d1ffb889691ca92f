//! The SVG writer every chart shares: the frame (size, title, background), escaping, number
//! output that never writes NaN, and the empty state.

use crate::theme::{FONT, INK, MUTED, PAPER};
use crate::{Size, text};
use std::fmt::Write as _;

/// XML-escapes `s` for text content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if ((c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}') =>
            {
                out.push(' ')
            }
            c => out.push(c),
        }
    }
    out
}

/// A coordinate for output: two decimals at most, and never NaN or infinite.
pub(crate) fn n(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r }; // no "-0"
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// A finite size at least 1×1 (callers may pass anything).
pub(crate) fn sane(size: Size) -> Size {
    let fix = |v: f64, d: f64| if v.is_finite() && v >= 1.0 { v } else { d };
    Size {
        width: fix(size.width, 640.0),
        height: fix(size.height, 320.0),
    }
}

/// Text anchor.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Text style: size, weight, colour, anchor.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    pub size: f64,
    pub bold: bool,
    pub color: &'static str,
    pub anchor: Anchor,
}

impl Style {
    pub(crate) const fn new(size: f64, color: &'static str) -> Style {
        Style {
            size,
            bold: false,
            color,
            anchor: Anchor::Start,
        }
    }
    pub(crate) const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }
    pub(crate) const fn anchor(mut self, anchor: Anchor) -> Style {
        self.anchor = anchor;
        self
    }
    /// Width of `s` in this style.
    pub(crate) fn width(&self, s: &str) -> f64 {
        text::width(s, self.size, self.bold)
    }
}

/// An SVG document under construction.
pub(crate) struct Svg {
    out: String,
    pub size: Size,
}

/// Top of the plot area when the chart has a title line.
pub(crate) const TITLE_BOTTOM: f64 = 40.0;
/// Outer padding.
pub(crate) const PAD: f64 = 16.0;

impl Svg {
    /// Opens the document: root element, accessible title, background and the visible title.
    pub(crate) fn new(title: &str, size: Size) -> Svg {
        let size = sane(size);
        let mut out = String::with_capacity(8 * 1024);
        let (w, h) = (n(size.width), n(size.height));
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" style="max-width:100%;height:auto" role="img" font-family="{FONT}"><title>{}</title><rect data-mark="background" x="0" y="0" width="{w}" height="{h}" fill="{PAPER}"/>"#,
            esc(title)
        );
        let mut svg = Svg { out, size };
        if !title.trim().is_empty() {
            let style = Style::new(14.0, INK).bold();
            svg.label(PAD, 26.0, title, style, size.width - 2.0 * PAD);
        }
        svg
    }

    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A rectangle; `extra` is raw attributes (already escaped).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}{extra}/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            esc(fill),
            if extra.is_empty() { "" } else { " " },
        );
    }

    /// A rectangle with a hover title.
    pub(crate) fn rect_titled(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        fill: &str,
        extra: &str,
        tip: &str,
    ) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" {extra}><title>{}</title></rect>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            esc(fill),
            esc(tip)
        );
    }

    pub(crate) fn line(
        &mut self,
        (x1, y1): (f64, f64),
        (x2, y2): (f64, f64),
        stroke: &str,
        extra: &str,
    ) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"{}{extra}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            esc(stroke),
            if extra.is_empty() { "" } else { " " },
        );
    }

    pub(crate) fn circle(
        &mut self,
        (cx, cy): (f64, f64),
        r: f64,
        fill: &str,
        extra: &str,
        tip: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"{}{extra}"#,
            n(cx),
            n(cy),
            n(r),
            esc(fill),
            if extra.is_empty() { "" } else { " " },
        );
        match tip {
            Some(t) => {
                let _ = write!(self.out, "><title>{}</title></circle>", esc(t));
            }
            None => self.out.push_str("/>"),
        }
    }

    /// Text exactly as given (no truncation).
    pub(crate) fn text(&mut self, x: f64, y: f64, s: &str, style: Style) {
        self.text_full(x, y, s, style, None, "");
    }

    /// Text in a colour of the caller's (e.g. a series colour).
    pub(crate) fn text_color(&mut self, x: f64, y: f64, s: &str, style: Style, color: &str) {
        self.text_full(
            x,
            y,
            s,
            Style { color: "", ..style },
            None,
            &format!(r#"fill="{}""#, esc(color)),
        );
    }

    fn text_full(&mut self, x: f64, y: f64, s: &str, style: Style, tip: Option<&str>, extra: &str) {
        let weight = if style.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let anchor = match style.anchor {
            Anchor::Start => String::new(),
            a => format!(r#" text-anchor="{}""#, a.attr()),
        };
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}"{}{weight}{anchor}{}{extra}>"#,
            n(x),
            n(y),
            n(style.size),
            if style.color.is_empty() {
                String::new()
            } else {
                format!(r#" fill="{}""#, style.color)
            },
            if extra.is_empty() { "" } else { " " },
        );
        if let Some(t) = tip {
            let _ = write!(self.out, "<title>{}</title>", esc(t));
        }
        let _ = write!(self.out, "{}</text>", esc(s));
    }

    /// Text no wider than `max`: a longer one ends in "…" and carries the full text in a
    /// `<title>` child.
    pub(crate) fn label(&mut self, x: f64, y: f64, s: &str, style: Style, max: f64) {
        self.label_with(x, y, s, style, max, "");
    }

    pub(crate) fn label_with(
        &mut self,
        x: f64,
        y: f64,
        s: &str,
        style: Style,
        max: f64,
        extra: &str,
    ) {
        let shown = text::truncate(s, style.size, style.bold, max);
        if shown == s {
            self.text_full(x, y, s, style, None, extra);
        } else {
            self.text_full(x, y, &shown, style, Some(s), extra);
        }
    }

    /// The empty state: a short message centred in the chart box.
    pub(crate) fn empty(mut self, message: &str) -> String {
        let (w, h) = (self.size.width, self.size.height);
        let top = TITLE_BOTTOM.min(h / 2.0);
        let style = Style::new(13.0, MUTED).anchor(Anchor::Middle);
        self.raw(&format!(
            r#"<rect data-mark="empty" x="{}" y="{}" width="{}" height="{}" rx="8" fill="none" stroke="{}" stroke-dasharray="4 4"/>"#,
            n(PAD),
            n(top),
            n((w - 2.0 * PAD).max(0.0)),
            n((h - top - PAD).max(0.0)),
            crate::theme::LINE
        ));
        let cy = top + (h - top - PAD) / 2.0 + 4.5;
        self.label(w / 2.0, cy, message, style, w - 4.0 * PAD);
        self.finish()
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// A path's `d` from points, with `None` breaking the line.
pub(crate) fn polyline(points: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for p in points {
        match p {
            Some((x, y)) => {
                let _ = write!(d, "{}{} {}", if pen_down { "L" } else { "M" }, n(*x), n(*y));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}
