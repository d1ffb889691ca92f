//! A tiny SVG writer: elements with escaped attributes and text, numbers rounded to 0.01.

use std::fmt::{self, Display, Write as _};

use crate::text::Font;

/// A number written with at most two decimals (`12`, `12.5`, `-3.25`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct N(pub f32);

impl Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = (self.0 * 100.0).round() / 100.0;
        let v = if v == 0.0 { 0.0 } else { v }; // no "-0"
        write!(f, "{v}")
    }
}

/// One attribute: name and value (escaped when written).
pub(crate) type Attr<'a> = (&'a str, &'a dyn Display);

/// Escapes `&`, `<`, `>`, `"` and `'` for use in XML text and attribute values, and drops
/// characters XML 1.0 forbids.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG document or fragment being written.
#[derive(Debug, Default)]
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    pub(crate) fn new() -> Svg {
        Svg::default()
    }

    fn start_tag(&mut self, name: &str, attrs: &[Attr<'_>]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            let value = value.to_string();
            let _ = write!(self.out, " {key}=\"{}\"", escape(&value));
        }
    }

    /// `<name attrs>`; close it with [`Svg::close`].
    pub(crate) fn open(&mut self, name: &str, attrs: &[Attr<'_>]) -> &mut Svg {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self
    }

    pub(crate) fn close(&mut self, name: &str) -> &mut Svg {
        let _ = writeln!(self.out, "</{name}>");
        self
    }

    /// `<g class="…">` holding a text that may be shown cut: its full text as `<title>` (a
    /// tooltip on hover); a cut one is also classed `cut` and focusable, so that the page's
    /// script can show the full text on keyboard focus too. Close it with `close("g")`.
    pub(crate) fn open_texted(
        &mut self,
        class: &str,
        attrs: &[Attr<'_>],
        full: &str,
        cut: bool,
    ) -> &mut Svg {
        let class = if cut {
            format!("{class} cut")
        } else {
            class.to_owned()
        };
        let mut all: Vec<Attr<'_>> = vec![("class", &class)];
        all.extend_from_slice(attrs);
        if cut {
            all.push(("tabindex", &"0"));
        }
        self.open("g", &all);
        self.element_text("title", &[], full.trim())
    }

    /// `<name attrs/>`.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[Attr<'_>]) -> &mut Svg {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn element_text(&mut self, name: &str, attrs: &[Attr<'_>], text: &str) -> &mut Svg {
        self.start_tag(name, attrs);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text));
        self
    }

    /// A single line of text with its baseline at `y`.
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        font: Font,
        fill: &str,
        anchor: Anchor,
        text: &str,
    ) -> &mut Svg {
        self.start_tag(
            "text",
            &[
                ("x", &N(x)),
                ("y", &N(y)),
                ("font-size", &N(font.size)),
                ("font-weight", &font.weight.svg()),
                ("fill", &fill),
            ],
        );
        if anchor != Anchor::Start {
            let _ = write!(self.out, " text-anchor=\"{}\"", anchor.svg());
        }
        let _ = writeln!(self.out, ">{}</text>", escape(text));
        self
    }

    /// Lines of text, the first baseline at `y`, as one `<text>` with a `<tspan>` per line.
    pub(crate) fn lines(
        &mut self,
        x: f32,
        y: f32,
        font: Font,
        fill: &str,
        lines: &[String],
    ) -> &mut Svg {
        if lines.is_empty() {
            return self;
        }
        self.start_tag(
            "text",
            &[
                ("font-size", &N(font.size)),
                ("font-weight", &font.weight.svg()),
                ("fill", &fill),
            ],
        );
        self.out.push('>');
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                self.out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                N(x),
                N(y + i as f32 * font.line_height()),
                escape(line)
            );
        }
        self.out.push_str("</text>\n");
        self
    }

    /// Appends trusted, already well-formed markup (the crate's own glyphs).
    pub(crate) fn raw(&mut self, markup: &str) -> &mut Svg {
        self.out.push_str(markup);
        self.out.push('\n');
        self
    }

    /// Appends another fragment as is.
    pub(crate) fn append(&mut self, other: &Svg) -> &mut Svg {
        self.out.push_str(&other.out);
        self
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Horizontal text alignment (`text-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(12.345).to_string(), "12.35");
        assert_eq!(N(-0.001).to_string(), "0");
    }

    #[test]
    fn attributes_and_text_are_escaped() {
        let mut svg = Svg::new();
        svg.element_text("text", &[("data-x", &"a\"<b>&'")], "Fish & <chips> æøå");
        let s = svg.finish();
        assert_eq!(
            s,
            "<text data-x=\"a&quot;&lt;b&gt;&amp;&apos;\">Fish &amp; &lt;chips&gt; æøå</text>\n"
        );
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(escape("a\u{1}b"), "ab");
    }
}
