//! Text wrapping measured with the embedded font, with an ellipsis after `max_lines`.

use crate::fonts::{Weight, text_width};

const ELLIPSIS: char = '…';

/// Font settings of a run of text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub size: f32,
    pub weight: Weight,
}

impl Font {
    pub(crate) const fn regular(size: f32) -> Font {
        Font {
            size,
            weight: Weight::Regular,
        }
    }
    pub(crate) const fn bold(size: f32) -> Font {
        Font {
            size,
            weight: Weight::Bold,
        }
    }
    pub(crate) fn width(self, text: &str) -> f32 {
        text_width(text, self.size, self.weight)
    }
    /// Distance between baselines.
    pub(crate) fn line_height(self) -> f32 {
        (self.size * 1.28).round()
    }
    /// Distance from the top of a line box to its baseline.
    pub(crate) fn ascent(self) -> f32 {
        self.size * 0.93
    }
}

/// Breaks `text` into lines no wider than `max_width`, at most `max_lines` of them; the last
/// line ends in an ellipsis when text was left out. Words wider than a line are broken.
pub(crate) fn wrap(text: &str, font: Font, max_width: f32, max_lines: usize) -> Vec<String> {
    wrap_cut(text, font, max_width, max_lines).0
}

/// [`wrap`], and whether text was left out (then the map adds the full text as a tooltip).
pub(crate) fn wrap_cut(
    text: &str,
    font: Font,
    max_width: f32,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut truncated = false;
    'paragraphs: for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if font.width(&candidate) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                if lines.len() == max_lines {
                    truncated = true;
                    break 'paragraphs;
                }
            }
            // The word alone: break it if it is wider than a whole line.
            let mut rest = word;
            while font.width(rest) > max_width {
                let cut = fitting_prefix(rest, font, max_width);
                lines.push(rest[..cut].to_owned());
                rest = &rest[cut..];
                if lines.len() == max_lines {
                    truncated = true;
                    break 'paragraphs;
                }
            }
            line = rest.to_owned();
        }
        if !line.is_empty() {
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
            lines.push(line);
        }
    }
    if truncated && let Some(last) = lines.last_mut() {
        *last = with_ellipsis(last, font, max_width);
    }
    (lines, truncated)
}

/// One line, cut with an ellipsis if it does not fit.
pub(crate) fn fit(text: &str, font: Font, max_width: f32) -> String {
    fit_cut(text, font, max_width).0
}

/// [`fit`], and whether the line was cut.
pub(crate) fn fit_cut(text: &str, font: Font, max_width: f32) -> (String, bool) {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if font.width(&one) <= max_width {
        (one, false)
    } else {
        (with_ellipsis(&one, font, max_width), true)
    }
}

/// Byte length of the longest prefix (at least one char) that fits in `max_width`, ending
/// after a hyphen or slash when the fitting part has one.
fn fitting_prefix(s: &str, font: Font, max_width: f32) -> usize {
    let mut end = 0;
    let mut soft = 0;
    for (i, c) in s.char_indices() {
        let next = i + c.len_utf8();
        if font.width(&s[..next]) > max_width && end > 0 {
            break;
        }
        end = next;
        if matches!(c, '-' | '/' | '\u{2010}' | '\u{2013}') && next < s.len() {
            soft = next;
        }
    }
    if soft > 0 { soft } else { end }
}

fn with_ellipsis(line: &str, font: Font, max_width: f32) -> String {
    let mut s: String = line.trim_end().to_owned();
    while !s.is_empty() && font.width(&format!("{s}{ELLIPSIS}")) > max_width {
        s.pop();
        let trimmed = s.trim_end().len();
        s.truncate(trimmed);
    }
    s.push(ELLIPSIS);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(12.0);

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(
            wrap("Bestiller nordlys", F, 300.0, 3),
            vec!["Bestiller nordlys"]
        );
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text = "Kunden bestiller en nordlyssafari på nettsiden og får en bekreftelse på e-post";
        let lines = wrap(text, F, 120.0, 10);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| F.width(l) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn overflow_ends_in_ellipsis() {
        let text = "én to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten";
        let lines = wrap(text, F, 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| F.width(l) <= 60.0));
    }

    #[test]
    fn long_words_are_broken() {
        let lines = wrap("Snøscooterutleieselskapsadministrasjonen", F, 50.0, 10);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| F.width(l) <= 50.0));
        assert_eq!(lines.concat(), "Snøscooterutleieselskapsadministrasjonen");
    }

    #[test]
    fn long_words_break_after_a_hyphen() {
        let lines = wrap("Nordlysvarsel-appen", F, 95.0, 3);
        assert_eq!(lines, vec!["Nordlysvarsel-", "appen"]);
    }

    #[test]
    fn cuts_are_reported() {
        let long = "én to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten";
        assert!(wrap_cut(long, F, 60.0, 2).1);
        assert!(!wrap_cut("Bestiller nordlys", F, 300.0, 3).1);
        assert!(!wrap_cut(long, F, 60.0, 40).1);
        assert!(fit_cut("Hurtigruten Kystreiser", F, 50.0).1);
        assert!(!fit_cut("Hurtigruten", F, 500.0).1);
    }

    #[test]
    fn fit_cuts_one_line() {
        let s = fit("Hurtigruten Kystreiser", F, 50.0);
        assert!(s.ends_with('…') && F.width(&s) <= 50.0);
    }
}
