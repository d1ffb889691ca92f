//! `stig report -o report.pdf`: the report laid out on A4-portrait pages, each page an SVG
//! (text wrapped to the measured width, the charts of [`super::report_html`] nested as
//! `<svg>`), turned into one PDF by [`stig_render::svg_pages_to_pdf`] with the embedded fonts
//! only. Every page has the workspace name and "page n of m" in its footer; tables that do not
//! fit go on with their header repeated on the next page.

use std::fmt::Write as _;

use stig_charts::Size;
use stig_insight::drivers::Quadrant;
use stig_insight::scores::Score;

use super::report::{Doc, TOP_FINDINGS, range};
use super::report_html::{self as charts, esc, quadrant_key, section_keys};

/// A4 portrait in CSS px (96 per inch).
const PAGE_W: f64 = 794.0;
const PAGE_H: f64 = 1123.0;
const MARGIN: f64 = 48.0;
/// Where content stops, above the footer.
const BOTTOM: f64 = PAGE_H - 64.0;
const CONTENT_W: f64 = PAGE_W - 2.0 * MARGIN;
const FONT: &str = "'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif";

const INK: &str = "#1d2733";
const HEAD: &str = "#10243a";
const MUTED: &str = "#5b6775";
const BLUE: &str = "#1f6fb2";
const RULE: &str = "#d9e0e7";
const RED_BG: &str = "#fbe3e1";
const WARN: &str = "#8a4b00";

/// Text is measured as the charts measure it (DejaVu Sans advances, a little wider than the
/// DejaVu Sans Condensed that is drawn, so measured text never runs past its box).
fn width(s: &str, size: f64, bold: bool) -> f64 {
    stig_charts::text_width(s, size, bold)
}

/// `text` broken into lines no wider than `max` px (a word longer than a line is cut).
fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line: cut it into pieces that fit.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if width(&piece, size, bold) > max && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

#[derive(Clone, Copy)]
struct Style {
    size: f64,
    bold: bool,
    color: &'static str,
}

const BODY: Style = Style {
    size: 11.5,
    bold: false,
    color: INK,
};
const META: Style = Style {
    size: 10.0,
    bold: false,
    color: MUTED,
};
const H3: Style = Style {
    size: 14.0,
    bold: true,
    color: HEAD,
};

/// One table cell.
#[derive(Clone, Default)]
struct Cell {
    text: String,
    fill: Option<&'static str>,
    bold: bool,
    muted: bool,
}

impl Cell {
    fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// A3 landscape in CSS px: the page a journey map is printed on.
const MAP_W: f64 = 1587.0;
const MAP_H: f64 = 1123.0;

/// A finished page: its body and its size (A4 portrait, or A3 landscape for a map).
struct Page {
    body: String,
    w: f64,
    h: f64,
}

/// The pages being laid out, top to bottom.
struct Layout {
    done: Vec<Page>,
    page: String,
    y: f64,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            done: Vec::new(),
            page: String::new(),
            y: MARGIN,
        }
    }

    fn new_page(&mut self) {
        let body = std::mem::take(&mut self.page);
        self.done.push(Page {
            body,
            w: PAGE_W,
            h: PAGE_H,
        });
        self.y = MARGIN;
    }

    /// A new page unless `h` px still fit on this one.
    fn room(&mut self, h: f64) {
        if self.y + h > BOTTOM && self.y > MARGIN + 1.0 {
            self.new_page();
        }
    }

    fn line(&mut self, x: f64, y: f64, text: &str, s: Style, anchor: &str) {
        let _ = write!(
            self.page,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{}" fill="{}"{}{}>{}</text>"#,
            s.size,
            s.color,
            if s.bold { r#" font-weight="bold""# } else { "" },
            if anchor.is_empty() {
                String::new()
            } else {
                format!(r#" text-anchor="{anchor}""#)
            },
            esc(text)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        let _ = write!(
            self.page,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"/>"#
        );
    }

    /// Wrapped text at `x`, `w` wide; breaks pages between lines.
    fn text_at(&mut self, x: f64, w: f64, text: &str, s: Style) {
        let lh = s.size * 1.4;
        for l in wrap(text, s.size, s.bold, w) {
            self.room(lh);
            self.line(x, self.y + s.size, &l, s, "");
            self.y += lh;
        }
    }

    fn text(&mut self, text: &str, s: Style) {
        self.text_at(MARGIN, CONTENT_W, text, s);
        self.y += s.size * 0.4;
    }

    /// A section heading on a fresh page.
    fn section(&mut self, title: &str, lead: Option<&str>) {
        if self.y > MARGIN + 1.0 || !self.page.is_empty() {
            self.new_page();
        }
        self.text(
            title,
            Style {
                size: 22.0,
                bold: true,
                color: HEAD,
            },
        );
        self.rect(MARGIN, self.y, CONTENT_W, 2.0, BLUE);
        self.y += 12.0;
        if let Some(l) = lead {
            self.text(
                l,
                Style {
                    size: 11.5,
                    bold: false,
                    color: MUTED,
                },
            );
        }
        self.y += 6.0;
    }

    /// A sub-heading, kept with at least `keep` px of what follows.
    fn h3(&mut self, title: &str, keep: f64) {
        self.y += 10.0;
        let lines = wrap(title, H3.size, true, CONTENT_W).len() as f64;
        self.room(lines * H3.size * 1.4 + keep);
        self.text(title, H3);
    }

    /// A chart (an SVG document of `size`), scaled down to the content width and page height
    /// if needed.
    fn chart(&mut self, svg: &str, size: Size) {
        let max_h = BOTTOM - MARGIN;
        let scale = (CONTENT_W / size.width).min(max_h / size.height).min(1.0);
        let (w, h) = (size.width * scale, size.height * scale);
        self.room(h);
        let _ = write!(
            self.page,
            r#"<svg x="{:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" viewBox="0 0 {} {}">{svg}</svg>"#,
            MARGIN, self.y, size.width, size.height
        );
        self.y += h + 8.0;
    }

    /// A table; `widths` are fractions of the content width (the first column takes what the
    /// others leave). Rows break across pages with the header repeated.
    fn table(&mut self, header: &[String], rows: &[Vec<Cell>], numeric_from: usize) {
        let n = header.len();
        if n == 0 {
            return;
        }
        let size = 9.5;
        let pad = 5.0;
        let lh = size * 1.35;
        // Natural widths of the columns after the first: their widest cell, headers wrapped at
        // most into three lines.
        let mut widths: Vec<f64> = (0..n)
            .map(|c| {
                let cells = rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|x| width(&x.text, size, x.bold))
                    .fold(0.0, f64::max);
                let head = width(&header[c], size, true);
                let word = header[c]
                    .split_whitespace()
                    .map(|w| width(w, size, true))
                    .fold(0.0, f64::max);
                cells.max(word).max(head.min(70.0)) + 2.0 * pad + 2.0
            })
            .collect();
        let first_min = 150.0_f64.min(CONTENT_W * 0.3);
        let rest: f64 = widths[1..].iter().sum();
        if rest > CONTENT_W - first_min {
            let k = (CONTENT_W - first_min) / rest;
            for w in &mut widths[1..] {
                *w *= k;
            }
        }
        widths[0] = CONTENT_W - widths[1..].iter().sum::<f64>();
        let xs: Vec<f64> = widths
            .iter()
            .scan(MARGIN, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let draw_header = |l: &mut Layout| {
            let lines: Vec<Vec<String>> = header
                .iter()
                .zip(&widths)
                .map(|(h, w)| wrap(h, size, true, w - 2.0 * pad))
                .collect();
            let count = lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
            let h = count * lh + 2.0 * pad;
            for (c, ls) in lines.iter().enumerate() {
                // Bottom-aligned header text.
                let top = l.y + pad + (count - ls.len() as f64) * lh;
                for (i, t) in ls.iter().enumerate() {
                    let (x, anchor) = if c >= numeric_from {
                        (xs[c] + widths[c] - pad, "end")
                    } else {
                        (xs[c] + pad, "")
                    };
                    l.line(
                        x,
                        top + size + i as f64 * lh,
                        t,
                        Style {
                            size,
                            bold: true,
                            color: MUTED,
                        },
                        anchor,
                    );
                }
            }
            l.y += h;
            l.rect(MARGIN, l.y - 1.2, CONTENT_W, 1.2, "#aab4bf");
        };
        self.room(3.0 * lh + 4.0 * pad);
        draw_header(self);
        for row in rows {
            let lines: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(&c.text, size, c.bold, w - 2.0 * pad))
                .collect();
            let count = lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
            let h = count * lh + 2.0 * pad - 2.0;
            if self.y + h > BOTTOM {
                self.new_page();
                draw_header(self);
            }
            for (c, (cell, ls)) in row.iter().zip(&lines).enumerate() {
                if let Some(fill) = cell.fill {
                    self.rect(xs[c], self.y, widths[c], h, fill);
                }
                for (i, t) in ls.iter().enumerate() {
                    let (x, anchor) = if c >= numeric_from {
                        (xs[c] + widths[c] - pad, "end")
                    } else {
                        (xs[c] + pad, "")
                    };
                    let style = Style {
                        size,
                        bold: cell.bold,
                        color: if cell.muted { MUTED } else { INK },
                    };
                    self.line(
                        x,
                        self.y + pad - 1.0 + size + i as f64 * lh,
                        t,
                        style,
                        anchor,
                    );
                }
            }
            self.y += h;
            self.rect(MARGIN, self.y - 0.6, CONTENT_W, 0.6, "#e4e9ee");
        }
        self.y += 10.0;
    }

    /// A journey map (an SVG document from `stig_render`) on A3-landscape pages of its own,
    /// `title` above it: as large as the page height allows, and a map wider than the page
    /// split between steps, its lane titles repeated on each page.
    fn map_pages(&mut self, title: &str, map: &str) {
        let Some((w, h)) = svg_size(map) else {
            return;
        };
        if !self.page.is_empty() {
            self.new_page();
        }
        let top = MARGIN + 34.0;
        let (avail_w, avail_h) = (MAP_W - 2.0 * MARGIN, MAP_H - top - 64.0);
        let scale = (avail_h / h).min(1.0);
        // Where each step's column starts (the map's step cells, left to right).
        let cols = step_columns(map);
        let slices: Vec<(f64, f64)> = if w * scale <= avail_w || cols.len() < 2 {
            vec![(0.0, w)]
        } else {
            let col_w = cols[1] - cols[0];
            let head = cols[0];
            let per_page = (((avail_w / scale - head) / col_w).floor() as usize).max(1);
            cols.chunks(per_page)
                .enumerate()
                .map(|(i, c)| {
                    // The first page starts at the map's left edge, lane titles included.
                    let from = if i == 0 { 0.0 } else { c[0] };
                    let to = if (i + 1) * per_page >= cols.len() {
                        w
                    } else {
                        c[0] + col_w * c.len() as f64
                    };
                    (from, to)
                })
                .collect()
        };
        let scale = if slices.len() == 1 {
            scale.min(avail_w / w)
        } else {
            scale
        };
        let head = cols.first().copied().unwrap_or(0.0);
        let count = slices.len();
        for (i, (from, to)) in slices.into_iter().enumerate() {
            let mut body = String::new();
            let heading = if count > 1 {
                format!("{title} ({}/{count})", i + 1)
            } else {
                title.to_owned()
            };
            let _ = write!(
                body,
                r#"<text x="{MARGIN}" y="{:.1}" font-size="{}" font-weight="bold" fill="{HEAD}">{}</text>"#,
                MARGIN + H3.size,
                H3.size,
                esc(&heading)
            );
            let mut x = MARGIN;
            // The lane titles again on every page after the first.
            if from > 0.0 && head > 0.0 {
                let _ = write!(
                    body,
                    r#"<svg x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" viewBox="0 0 {head:.1} {h:.1}">{map}</svg>"#,
                    head * scale,
                    h * scale
                );
                x += head * scale;
            }
            let _ = write!(
                body,
                r#"<svg x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" viewBox="{from:.1} 0 {:.1} {h:.1}">{map}</svg>"#,
                (to - from) * scale,
                h * scale,
                to - from
            );
            self.done.push(Page {
                body,
                w: MAP_W,
                h: MAP_H,
            });
        }
        self.y = MARGIN;
    }

    /// The pages as SVG documents, with footers.
    fn finish(mut self, name: &str, tr: &Doc<'_>) -> Vec<String> {
        if !self.page.is_empty() {
            self.new_page();
        }
        let count = self.done.len();
        self.done
            .iter()
            .enumerate()
            .map(|(i, Page { body, w, h })| {
                let (w, h) = (*w, *h);
                let mut l = Layout::new();
                l.rect(MARGIN, h - 44.0, w - 2.0 * MARGIN, 0.8, RULE);
                let left = format!("{name} · {}", tr.t("insight-report-title"));
                let right = tr.tr.ta(
                    "insight-report-page",
                    &[
                        ("page", tr.num((i + 1) as f64, 0).into()),
                        ("pages", tr.num(count as f64, 0).into()),
                    ],
                );
                let left = wrap(&left, META.size, false, w - 2.0 * MARGIN - 160.0)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                l.line(MARGIN, h - 28.0, &left, META, "");
                l.line(w - MARGIN, h - 28.0, &right, META, "end");
                format!(
                    r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}"><rect width="{w}" height="{h}" fill="#ffffff"/>{body}{}</svg>"##,
                    l.page
                )
            })
            .collect()
    }
}

/// The `width` and `height` of an SVG document's root element.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let root = &svg[svg.find("<svg")?..];
    let root = &root[..root.find('>')?];
    let attr = |name: &str| -> Option<f64> {
        let at = root.find(&format!(" {name}=\""))? + name.len() + 3;
        root[at..]
            .split('"')
            .next()?
            .trim_end_matches("px")
            .parse()
            .ok()
    };
    Some((attr("width")?, attr("height")?)).filter(|(w, h)| *w > 0.0 && *h > 0.0)
}

/// The left edge of each step column of a journey map: its step cells are groups
/// `class="step" … transform="translate(x y)"` placed a cell padding inside the column.
/// Empty when the map has no such cells (then it is not split).
fn step_columns(map: &str) -> Vec<f64> {
    const CELL_PAD: f64 = 10.0;
    let mut xs: Vec<f64> = map
        .match_indices(r#"class="step""#)
        .filter_map(|(at, _)| {
            let tag = &map[at..at + map[at..].find('>')?];
            let t = tag.find("translate(")? + "translate(".len();
            tag[t..].split([' ', ',', ')']).next()?.parse::<f64>().ok()
        })
        .map(|x| x - CELL_PAD)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    xs
}

fn score_cell(d: &Doc<'_>, s: &Score, kind: &str) -> Cell {
    let (lo, hi) = range(kind);
    let t = ((s.value - lo) / (hi - lo)).clamp(0.0, 1.0);
    let fill = if !s.enough {
        None
    } else if t >= 0.7 {
        Some("#e3f4e8")
    } else if t >= 0.5 {
        Some("#fbf3da")
    } else {
        Some(RED_BG)
    };
    Cell {
        text: if s.n == 0 {
            "–".to_owned()
        } else if !s.enough {
            format!("{} (n={})", d.score_text(s), s.n)
        } else {
            d.score_text(s)
        },
        fill,
        bold: false,
        muted: !s.enough,
    }
}

/// The report as PDF bytes.
pub(super) fn pdf(d: &Doc<'_>) -> anyhow::Result<Vec<u8>> {
    let r = d.report;
    let mut l = Layout::new();

    // Cover.
    l.y = MARGIN + 40.0;
    l.text(
        &d.t("insight-report-title").to_uppercase(),
        Style {
            size: 11.0,
            bold: true,
            color: BLUE,
        },
    );
    l.text(
        &r.name,
        Style {
            size: 30.0,
            bold: true,
            color: HEAD,
        },
    );
    l.text(
        &format!("{}: {}", d.t("insight-report-scope"), d.filter_text),
        Style {
            size: 13.0,
            bold: false,
            color: INK,
        },
    );
    l.text(
        &format!(
            "{} · {}",
            d.tr.ta("insight-report-built", &[("date", d.built.clone().into())]),
            d.tr.ta(
                "insight-overview-lead",
                &[("events", d.num(r.totals.events as f64, 0).into())]
            )
        ),
        META,
    );
    l.y += 14.0;
    let cards = d.headline();
    let gap = 12.0;
    let card_w = (CONTENT_W - 2.0 * gap) / 3.0;
    for row in cards.chunks(3) {
        let card_h = row
            .iter()
            .map(|(_, label, note)| {
                38.0 + 14.0 * wrap(label, 10.5, false, card_w - 24.0).len() as f64
                    + 12.0
                        * wrap(note, 9.0, false, card_w - 24.0).len() as f64
                        * f64::from(u8::from(!note.is_empty()))
            })
            .fold(0.0, f64::max)
            + 12.0;
        l.room(card_h);
        for (i, (value, label, note)) in row.iter().enumerate() {
            let x = MARGIN + i as f64 * (card_w + gap);
            let _ = write!(
                l.page,
                r##"<rect x="{x:.1}" y="{:.1}" width="{card_w:.1}" height="{card_h:.1}" rx="6" fill="#f6f8fa" stroke="{RULE}"/>"##,
                l.y
            );
            let top = l.y;
            let value = wrap(value, 22.0, true, card_w - 24.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            l.line(
                x + 12.0,
                top + 32.0,
                &value,
                Style {
                    size: 22.0,
                    bold: true,
                    color: HEAD,
                },
                "",
            );
            let mut y = top + 50.0;
            for t in wrap(label, 10.5, false, card_w - 24.0) {
                l.line(
                    x + 12.0,
                    y,
                    &t,
                    Style {
                        size: 10.5,
                        bold: false,
                        color: MUTED,
                    },
                    "",
                );
                y += 14.0;
            }
            if !note.is_empty() {
                for t in wrap(note, 9.0, false, card_w - 24.0) {
                    l.line(
                        x + 12.0,
                        y,
                        &t,
                        Style {
                            size: 9.0,
                            bold: false,
                            color: MUTED,
                        },
                        "",
                    );
                    y += 12.0;
                }
            }
        }
        l.y += card_h + gap;
    }
    l.y += 8.0;
    let size = Size::new(CONTENT_W, 260.0);
    l.chart(&charts::growth(d, size), size);
    l.h3(&d.t("insight-report-contents"), 60.0);
    for (i, key) in section_keys().iter().enumerate() {
        l.text(&format!("{}.  {}", i + 1, d.t(key)), BODY);
    }

    // What to fix first.
    l.section(
        &d.t("insight-findings-top"),
        Some(&d.t("insight-findings-lead")),
    );
    if r.findings.is_empty() {
        l.text(&d.t("insight-findings-none"), BODY);
    }
    for (i, f) in r.findings.iter().take(TOP_FINDINGS).enumerate() {
        let sev = f.finding.severity.clamp(0.0, 1.0);
        let text_x = MARGIN + 40.0;
        let text_w = CONTENT_W - 40.0;
        let msg_lines = wrap(&f.message, BODY.size, false, text_w).len() as f64;
        l.room(msg_lines * BODY.size * 1.4 + 34.0);
        let top = l.y;
        l.line(
            MARGIN,
            top + 22.0,
            &format!("{}", i + 1),
            Style {
                size: 22.0,
                bold: true,
                color: BLUE,
            },
            "",
        );
        let kind = d.t(&format!("insight-kind-{}", f.finding.kind.as_str()));
        let kw = width(&kind, 9.5, true) + 12.0;
        let _ = write!(
            l.page,
            r##"<rect x="{text_x:.1}" y="{:.1}" width="{kw:.1}" height="16" rx="8" fill="#e8eef5"/>"##,
            top + 2.0
        );
        l.line(
            text_x + 6.0,
            top + 14.0,
            &kind,
            Style {
                size: 9.5,
                bold: true,
                color: "#1f4f7d",
            },
            "",
        );
        let sev_text = format!(
            "{}: {} ({})",
            d.t("insight-report-severity"),
            d.severity(sev),
            d.num(sev, 2)
        );
        let sx = text_x + kw + 10.0;
        l.rect(sx, top + 7.0, 80.0, 6.0, "#e8ecf0");
        l.rect(sx, top + 7.0, 80.0 * sev, 6.0, "#c2410c");
        l.line(sx + 90.0, top + 14.0, &sev_text, META, "");
        l.y = top + 22.0;
        l.text_at(text_x, text_w, &f.message, BODY);
        l.y += 6.0;
        l.rect(MARGIN, l.y, CONTENT_W, 0.6, RULE);
        l.y += 8.0;
    }
    if r.findings.len() > TOP_FINDINGS {
        l.text(
            &format!("{}: {}", d.t("insight-findings-all"), r.findings.len()),
            META,
        );
    }

    // Scores.
    l.section(
        &d.t("insight-tab-scores"),
        Some(
            &d.tr
                .ta("insight-scores-lead", &[("min", d.num(30.0, 0).into())]),
        ),
    );
    if r.scores.is_empty() {
        l.text(&d.t("insight-scores-none"), BODY);
    }
    for (kind, k) in &r.scores {
        l.h3(
            &format!(
                "{} · {} {} ({})",
                d.kind_name(kind),
                d.t("insight-overall"),
                d.score_text(&k.overall),
                d.interval_text(&k.overall)
            ),
            200.0,
        );
        l.text(&d.t("insight-scores-partner-note"), META);
        let bars = charts::score_bars(d, kind, k, CONTENT_W);
        l.chart(
            &bars,
            Size::new(CONTENT_W, 60.0 + 26.0 * k.touchpoints.len() as f64),
        );
        let size = Size::new(CONTENT_W, 230.0);
        l.chart(&charts::score_trend(d, kind, k, size), size);
        l.text(&d.t("insight-trend-band"), META);
        let mut header = vec![d.t("page-touchpoint"), d.t("insight-all")];
        header.extend(k.personas.iter().map(|p| d.persona_name(Some(p))));
        let rows: Vec<Vec<Cell>> = k
            .touchpoints
            .iter()
            .map(|t| {
                let mut row = vec![Cell::new(t.name.clone()), score_cell(d, &t.all, kind)];
                row.extend(t.by_persona.iter().map(|s| score_cell(d, s, kind)));
                row
            })
            .collect();
        l.h3(&d.t("insight-scores-by-persona"), 80.0);
        l.table(&header, &rows, 1);
    }

    // Emotions.
    l.section(
        &d.t("insight-tab-emotions"),
        Some(
            &d.tr
                .ta("insight-emotions-lead", &[("min", d.num(30.0, 0).into())]),
        ),
    );
    for (id, curves) in &r.emotions {
        let name =
            d.ix.journeys
                .iter()
                .find(|j| &j.id == id)
                .map_or(id.clone(), |j| j.name.clone());
        l.h3(&name, 80.0);
        let Some(first) = curves.first() else {
            continue;
        };
        if curves.iter().all(|c| c.flagged().next().is_none()) {
            l.text(&d.t("insight-emotions-no-gaps"), META);
        }
        let mut header = vec![d.t("insight-step")];
        header.extend(curves.iter().map(|c| d.persona_name(c.persona.as_deref())));
        let rows: Vec<Vec<Cell>> = first
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let flagged = curves
                    .iter()
                    .any(|c| c.steps.get(i).is_some_and(|x| x.flagged));
                let mut row = vec![Cell {
                    text: if flagged {
                        format!("{} ⚑", s.name)
                    } else {
                        s.name.clone()
                    },
                    bold: flagged,
                    ..Cell::default()
                }];
                row.extend(curves.iter().map(|c| match c.steps.get(i) {
                    None => Cell::new(""),
                    Some(st) => Cell {
                        text: format!(
                            "{} → {}",
                            st.designed.map_or("–".to_owned(), |v| d.num(v, 1)),
                            st.measured.map_or("·".to_owned(), |v| d.num(v, 1))
                        ),
                        fill: st.flagged.then_some(RED_BG),
                        bold: st.flagged,
                        muted: st.measured.is_none(),
                    },
                }));
                row
            })
            .collect();
        l.table(&header, &rows, 1);
        l.text(
            &format!(
                "{} → {}. {}",
                d.t("insight-designed"),
                d.t("insight-measured"),
                d.t("insight-emotions-columns")
            ),
            META,
        );
        // The journey map with the measured curves beside the designed ones.
        if let Ok(map) = stig_render::render_svg(
            d.ws,
            id,
            &stig_render::MapOptions {
                locale: Some(d.tr.locale.code().to_owned()),
                measured: stig_server::ui::insight::measured_curves(curves),
                ..Default::default()
            },
        ) {
            l.map_pages(&format!("{name} · {}", d.t("insight-emotions-how")), &map);
        }
    }

    // Drivers.
    l.section(
        &d.t("insight-tab-drivers"),
        Some(&d.t("insight-drivers-lead")),
    );
    drivers(d, &mut l);

    // Growth & retention.
    l.section(&d.t("insight-tab-kpis"), Some(&d.t("insight-kpis-lead")));
    let k = &r.kpis;
    let acquired: u32 = k.months.iter().map(|m| m.acquired).sum();
    let churned: u32 = k.months.iter().map(|m| m.churned).sum();
    l.text(
        &format!(
            "{}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
            d.t("insight-acquired"),
            d.num(f64::from(acquired), 0),
            d.t("insight-churned"),
            d.num(f64::from(churned), 0),
            d.t("insight-ratio"),
            if churned > 0 {
                d.num(f64::from(acquired) / f64::from(churned), 2)
            } else {
                "–".to_owned()
            },
            d.t("insight-net"),
            d.num(k.growth.net as f64, 0),
            d.t("insight-repeat-rate"),
            d.pct(k.repeat.rate, 0)
        ),
        BODY,
    );
    let size = Size::new(CONTENT_W, 270.0);
    l.h3(&d.t("insight-growth"), size.height);
    l.chart(&charts::growth(d, size), size);
    let size = Size::new(CONTENT_W, 210.0);
    l.h3(
        &format!("{} · {}", d.kind_name("nps"), d.kind_name("csat")),
        size.height,
    );
    for kind in ["nps", "csat"] {
        if let Some(svg) = charts::kpi_trend(d, kind, size) {
            l.chart(&svg, size);
        }
    }
    let rows = k.cohorts.len().min(18) as f64;
    let size = Size::new(CONTENT_W, 70.0 + 24.0 * rows);
    l.h3(&d.t("insight-cohorts"), size.height.min(400.0) + 30.0);
    l.text(&d.t("insight-cohorts-how"), META);
    l.chart(&charts::cohorts(d, CONTENT_W), size);

    // Observed journeys.
    l.section(
        &d.t("insight-tab-journeys"),
        Some(&d.t("insight-journeys-lead")),
    );
    for (id, j) in &r.journeys {
        let f = &j.funnel;
        let stuck = charts::stuck(j);
        let size = Size::new(CONTENT_W, 50.0 + 30.0 * f.steps.len() as f64);
        l.h3(&j.name, size.height.min(500.0));
        l.text(
            &format!(
                "{} {} · {} {} · {} {} · {} {}",
                d.num(f.runs as f64, 0),
                d.t("insight-runs"),
                d.num(f.completed as f64, 0),
                d.t("page-run-completed"),
                d.num(f.abandoned as f64, 0),
                d.t("page-run-abandoned"),
                d.num(f.active as f64, 0),
                d.t("page-run-active")
            ),
            META,
        );
        l.chart(&charts::funnel(d, j, CONTENT_W), size);
        let header = vec![
            d.t("insight-step"),
            d.t("insight-reached"),
            d.t("insight-dropped"),
            d.t("insight-to-next-median"),
            d.t("insight-to-next-p90"),
            d.t("insight-abandoned-here"),
            d.t("insight-abandoned-wait"),
        ];
        let rows: Vec<Vec<Cell>> = f
            .steps
            .iter()
            .map(|s| {
                let is_stuck = stuck.contains(&s.step);
                let fill = is_stuck.then_some(RED_BG);
                let c = |t: String| Cell {
                    fill,
                    ..Cell::new(t)
                };
                vec![
                    Cell {
                        text: if is_stuck {
                            format!("{} · {}", s.name, d.t("insight-stuck"))
                        } else {
                            s.name.clone()
                        },
                        fill,
                        bold: is_stuck,
                        muted: false,
                    },
                    c(format!(
                        "{} · {}",
                        d.num(s.reached as f64, 0),
                        d.pct(s.share, 1)
                    )),
                    c(d.num(s.dropped as f64, 0)),
                    c(d.duration(s.to_next_median)),
                    c(d.duration(s.to_next_p90)),
                    c(d.num(s.abandoned_here as f64, 0)),
                    c(d.duration(s.abandoned_wait_median)),
                ]
            })
            .collect();
        l.table(&header, &rows, 1);
        let v = &j.step_variants;
        l.room(80.0);
        l.text(
            &format!(
                "{} · {}",
                d.t("insight-step-variants"),
                d.tr.ta(
                    "insight-variants-of",
                    &[
                        ("distinct", d.num(v.distinct as f64, 0).into()),
                        ("cases", d.num(v.cases as f64, 0).into())
                    ]
                )
            ),
            Style {
                size: 10.5,
                bold: true,
                color: INK,
            },
        );
        variants(d, &mut l, v, 5, &|s| d.step_name(id, s));
    }
    let v = &r.variants;
    l.h3(&d.t("insight-activity-variants"), 80.0);
    l.text(
        &d.tr.ta(
            "insight-variants-of",
            &[
                ("distinct", d.num(v.distinct as f64, 0).into()),
                ("cases", d.num(v.cases as f64, 0).into()),
            ],
        ),
        META,
    );
    variants(d, &mut l, v, 5, &|s| s.to_owned());

    // Appendix.
    l.section(&d.t("insight-report-method"), None);
    for s in d.method() {
        l.room(2.0 * BODY.size * 1.4);
        l.rect(MARGIN + 2.0, l.y + BODY.size * 0.55, 4.0, 4.0, BLUE);
        l.text_at(MARGIN + 14.0, CONTENT_W - 14.0, &s, BODY);
        l.y += 8.0;
    }

    let pages = l.finish(&r.name, d);
    let title = format!("{} · {}", d.t("insight-report-title"), r.name);
    Ok(stig_render::svg_pages_to_pdf(&pages, &title)?)
}

/// The driver analysis of the chosen outcome: whether it may be acted on first, then the
/// shares; the matrix and the priorities only for a ranking that may.
fn drivers(d: &Doc<'_>, l: &mut Layout) {
    use stig_server::views::insight::drivers as dv;
    let area = &d.report.drivers;
    let Some(rep) = &area.report else {
        let why = match (&area.outcome, &area.why_none) {
            (None, _) => d.t("drivers-none-marked"),
            (Some(_), Some(why)) => why.clone(),
            (Some(_), None) => d.t("insight-drivers-none"),
        };
        l.text(&why, BODY);
        return;
    };
    let dr = &rep.drivers;
    let ranked = rep.limits.ranked();
    let name = |p: &str| d.touchpoint_label(p);
    l.h3(
        &d.tr.ta(
            "insight-report-explaining",
            &[(
                "outcome",
                dv::outcome_label(d.tr, d.ix, &rep.outcome).into(),
            )],
        ),
        200.0,
    );
    let mut meta = format!(
        "{} % {} · {} {}",
        d.num(100.0 * dr.r_squared, 0),
        d.t("insight-drivers-r2"),
        d.num(dr.rows as f64, 0),
        d.t("insight-drivers-respondents")
    );
    if let Some((e, f)) = rep.emotional {
        let _ = write!(
            meta,
            " · {}: {} / {}",
            d.t("insight-drivers-emotional-functional"),
            d.pct(e, 0),
            d.pct(f, 0)
        );
    }
    l.text(&meta, META);
    l.text(
        &format!(
            "{} {}",
            d.t("drivers-limits"),
            dv::limits_sentence(d.tr, &rep.limits, dr, &name)
        ),
        Style {
            size: 11.0,
            bold: true,
            color: if ranked { INK } else { WARN },
        },
    );
    l.text(&d.t("insight-drivers-importance-how"), META);
    l.chart(
        &charts::driver_bars(d, rep, CONTENT_W),
        Size::new(CONTENT_W, 60.0 + 26.0 * dr.drivers.len() as f64),
    );
    if ranked {
        l.room(360.0);
        l.text(&d.t("insight-drivers-ipa-how"), META);
        let size = Size::new(CONTENT_W, 340.0);
        l.chart(&charts::driver_ipa(d, rep, size), size);
    }
    if let Some(svg) = charts::driver_share(d, rep, CONTENT_W) {
        l.room(130.0);
        l.text(&d.t("insight-drivers-emotional-how"), META);
        l.chart(&svg, Size::new(CONTENT_W, 110.0));
    }
    let mut header = vec![
        d.t("page-touchpoint"),
        d.t("insight-drivers-share"),
        d.t("insight-drivers-interval"),
        d.t("insight-drivers-performance"),
        d.t("insight-answers"),
    ];
    if ranked {
        header.push(d.t("insight-drivers-quadrant"));
    }
    let rows: Vec<Vec<Cell>> = dr
        .drivers
        .iter()
        .map(|x| {
            let mut row = vec![
                Cell::new(name(&x.predictor)),
                Cell::new(format!("{} %", d.num(100.0 * x.share, 1))),
                Cell {
                    muted: true,
                    ..Cell::new(format!(
                        "{}–{}",
                        d.num(100.0 * x.share_low, 1),
                        d.num(100.0 * x.share_high, 1)
                    ))
                },
                Cell::new(d.num(x.performance, 2)),
                Cell::new(d.num(x.answered as f64, 0)),
            ];
            if ranked {
                let q = rep
                    .quadrants
                    .iter()
                    .find(|(p, _)| *p == x.predictor)
                    .map(|(_, q)| *q);
                row.push(Cell {
                    fill: (q == Some(Quadrant::Fix)).then_some(RED_BG),
                    bold: q == Some(Quadrant::Fix),
                    ..Cell::new(q.map_or(String::new(), |q| d.t(quadrant_key(q))))
                });
            }
            row
        })
        .collect();
    l.table(&header, &rows, 1);
    if !dr.dropped.is_empty() {
        l.text(
            &format!(
                "{} {}",
                d.t("insight-drivers-dropped"),
                dr.dropped
                    .iter()
                    .map(|p| name(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            META,
        );
    }
    if !rep.by_persona.is_empty() {
        l.h3(&d.t("drivers-by-persona"), 80.0);
        let header = vec![
            d.t("drivers-persona"),
            d.t("insight-drivers-respondents"),
            "R²".to_owned(),
            d.t("drivers-persona-top"),
            d.t("drivers-persona-verdict"),
        ];
        let rows: Vec<Vec<Cell>> = rep
            .by_persona
            .iter()
            .map(|p| {
                let (r2, top, verdict) = charts::persona_cells(d, p);
                vec![
                    Cell::new(d.persona_name(Some(&p.persona))),
                    Cell::new(d.num(p.rows as f64, 0)),
                    Cell::new(r2),
                    Cell::new(top),
                    Cell {
                        muted: p.drivers.is_none(),
                        ..Cell::new(verdict)
                    },
                ]
            })
            .collect();
        l.table(&header, &rows, 1);
    }
}

fn variants(
    d: &Doc<'_>,
    l: &mut Layout,
    v: &stig_insight::observed::Variants,
    top: usize,
    name: &dyn Fn(&str) -> String,
) {
    if v.top.is_empty() {
        l.text(&d.t("insight-variants-none"), META);
        return;
    }
    for (i, x) in v.top.iter().take(top).enumerate() {
        let text = format!(
            "{}.  {} ({}) — {}",
            i + 1,
            d.num(x.count as f64, 0),
            d.pct(x.share, 1),
            charts::short_path(&x.path, name).join(" › ")
        );
        l.text_at(
            MARGIN + 8.0,
            CONTENT_W - 8.0,
            &text,
            Style {
                size: 10.0,
                bold: false,
                color: INK,
            },
        );
        l.y += 3.0;
    }
    l.y += 6.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map of `steps` columns as `stig_render` lays them out: lane titles 220 px wide, then
    /// 200 px per step, each step cell 10 px inside its column.
    fn map(steps: usize, height: f64) -> String {
        let w = 220.0 + 200.0 * steps as f64 + 40.0;
        let cells: String = (0..steps)
            .map(|i| {
                format!(
                    r#"<g class="step" data-step="s{i}" transform="translate({} 100)"><text>Step {i}</text></g>"#,
                    230 + 200 * i
                )
            })
            .collect();
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" viewBox="0 0 {w} {height}">{cells}</svg>"#
        )
    }

    #[test]
    fn a_map_reads_its_size_and_columns() {
        let m = map(3, 900.0);
        assert_eq!(svg_size(&m), Some((860.0, 900.0)));
        assert_eq!(step_columns(&m), vec![220.0, 420.0, 620.0]);
        assert_eq!(svg_size("<svg>"), None);
        assert!(step_columns("<svg/>").is_empty());
    }

    #[test]
    fn a_narrow_map_takes_one_landscape_page_and_a_wide_one_is_split_between_steps() {
        let mut l = Layout::new();
        l.text("Before", BODY);
        l.map_pages("Journey", &map(4, 900.0));
        // The A4 page before it is closed; the map is one A3-landscape page.
        assert_eq!(l.done.len(), 2);
        assert_eq!(
            (l.done[0].w, l.done[1].w, l.done[1].h),
            (PAGE_W, MAP_W, MAP_H)
        );

        let mut l = Layout::new();
        l.map_pages("Journey", &map(19, 1654.0));
        let pages: Vec<&Page> = l.done.iter().collect();
        assert!(pages.len() >= 2, "{} pages", pages.len());
        // Every step is on exactly one page: the slices tile the steps, from the first column.
        let slices: Vec<(f64, f64)> = pages
            .iter()
            .map(|p| {
                // The last placed map slice: a nested `<svg x=…>` and its viewBox.
                let tag = p.body.rsplit("<svg x=").next().expect("a slice");
                let vb = tag.split("viewBox=\"").nth(1).expect("a viewBox");
                let nums: Vec<f64> = vb
                    .split('"')
                    .next()
                    .expect("value")
                    .split(' ')
                    .map(|n| n.parse().expect("a number"))
                    .collect();
                (nums[0], nums[0] + nums[2])
            })
            .collect();
        assert_eq!(slices[0].0, 0.0);
        for pair in slices.windows(2) {
            assert!((pair[0].1 - pair[1].0).abs() < 0.1, "{slices:?}");
            assert_eq!(
                (pair[1].0 - 220.0) % 200.0,
                0.0,
                "cut between steps: {slices:?}"
            );
        }
        assert_eq!(
            slices.last().map(|s| s.1),
            Some(220.0 + 200.0 * 19.0 + 40.0)
        );
        // Later pages repeat the lane titles and say which part they are.
        assert!(pages[1].body.contains(r#"viewBox="0 0 220.0 1654.0""#));
        assert!(
            pages[1]
                .body
                .contains(&format!("Journey (2/{})", pages.len()))
        );
        // Every placed part lies within the page.
        for p in &pages {
            for tag in p.body.split("<svg x=\"").skip(1) {
                let attr = |name: &str| -> f64 {
                    let v = if name == "x" {
                        tag
                    } else {
                        tag.split(&format!(" {name}=\"")).nth(1).expect(name)
                    };
                    v.split('"').next().expect(name).parse().expect(name)
                };
                assert!(
                    attr("x") + attr("width") <= MAP_W - MARGIN + 0.5,
                    "{tag:.80}"
                );
            }
        }
    }
}
