//! Small vector glyphs drawn on a 24 × 24 grid: one per known channel (and a generic one for
//! custom channels), the five senses and intangibles, and the lane symbols.
//!
//! Glyphs are stroked outlines in the colour of their group (`currentColor` marks the few
//! filled dots), so one glyph serves on light cards and on coloured badges alike.

use stig_model::{Channel, KnownChannel, Sense};

use crate::svg::{N, Svg};

/// A glyph: SVG elements in a 24 × 24 box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph(&'static str);

/// Draws `glyph` with its top-left corner at (`x`, `y`), `size` px square.
pub(crate) fn draw(svg: &mut Svg, glyph: Glyph, x: f32, y: f32, size: f32, colour: &str) {
    let transform = format!("translate({} {}) scale({})", N(x), N(y), N(size / 24.0));
    svg.open(
        "g",
        &[
            ("class", &"icon"),
            ("transform", &transform),
            ("color", &colour),
            ("fill", &"none"),
            ("stroke", &colour),
            ("stroke-width", &"2"),
            ("stroke-linecap", &"round"),
            ("stroke-linejoin", &"round"),
        ],
    );
    svg.raw(glyph.0);
    svg.close("g");
}

/// The glyph of a channel: a known channel's own, or the generic one for custom channels.
pub(crate) fn channel(channel: &Channel) -> Glyph {
    match channel {
        Channel::Known(k) => known_channel(*k),
        Channel::Custom(_) => CUSTOM,
    }
}

pub(crate) fn known_channel(k: KnownChannel) -> Glyph {
    match k {
        KnownChannel::Web => WEB,
        KnownChannel::App => APP,
        KnownChannel::Email => EMAIL,
        KnownChannel::Sms => SMS,
        KnownChannel::Chat => CHAT,
        KnownChannel::Phone => PHONE,
        KnownChannel::Social => SOCIAL,
        KnownChannel::Advertising => ADVERTISING,
        KnownChannel::Print => PRINT,
        KnownChannel::Letter => LETTER,
        KnownChannel::Invoice => INVOICE,
        KnownChannel::Store => STORE,
        KnownChannel::OnSite => ON_SITE,
        KnownChannel::Event => EVENT,
        KnownChannel::Kiosk => KIOSK,
        KnownChannel::Signage => SIGNAGE,
        KnownChannel::Transport => TRANSPORT,
        KnownChannel::WordOfMouth => WORD_OF_MOUTH,
    }
}

pub(crate) fn sense(sense: Sense) -> Glyph {
    match sense {
        Sense::See => SEE,
        Sense::Hear => HEAR,
        Sense::Smell => SMELL,
        Sense::Taste => TASTE,
        Sense::Touch => TOUCH,
    }
}

// Channels.
const WEB: Glyph = Glyph(
    r#"<circle cx="12" cy="12" r="9"/><ellipse cx="12" cy="12" rx="4" ry="9"/><path d="M3 12h18M4.6 7.5h14.8M4.6 16.5h14.8"/>"#,
);
const APP: Glyph =
    Glyph(r#"<rect x="6.5" y="2.5" width="11" height="19" rx="2.2"/><path d="M10.5 18.5h3"/>"#);
const EMAIL: Glyph = Glyph(
    r#"<rect x="3" y="5.5" width="18" height="13" rx="1.8"/><path d="M3.5 6.5l8.5 6.5 8.5-6.5"/>"#,
);
const SMS: Glyph = Glyph(
    r#"<path d="M4.5 4.5h15a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5H10l-4.5 3.5v-3.5h-1A1.5 1.5 0 0 1 3 15V6a1.5 1.5 0 0 1 1.5-1.5z"/><circle cx="8" cy="10.5" r="1.1" fill="currentColor" stroke="none"/><circle cx="12" cy="10.5" r="1.1" fill="currentColor" stroke="none"/><circle cx="16" cy="10.5" r="1.1" fill="currentColor" stroke="none"/>"#,
);
const CHAT: Glyph =
    Glyph(r#"<path d="M3 4h12v8.5H8.5L5 15.5v-3H3z"/><path d="M18 8.5h3V17h-2v3l-3.5-3H10v-2"/>"#);
const PHONE: Glyph = Glyph(
    r#"<path d="M5.5 3h3.2l1.8 4.6-2.4 1.6a11.5 11.5 0 0 0 6.7 6.7l1.6-2.4 4.6 1.8v3.2a1.8 1.8 0 0 1-1.8 1.8A16.4 16.4 0 0 1 3.7 4.8 1.8 1.8 0 0 1 5.5 3z"/>"#,
);
const SOCIAL: Glyph = Glyph(
    r#"<circle cx="18" cy="5.5" r="2.6"/><circle cx="6" cy="12" r="2.6"/><circle cx="18" cy="18.5" r="2.6"/><path d="M8.3 10.8l7.4-4M8.3 13.2l7.4 4"/>"#,
);
const ADVERTISING: Glyph = Glyph(
    r#"<path d="M3 9.5v5h3.5l8.5 5V4.5l-8.5 5H3z"/><path d="M18 9a4 4 0 0 1 0 6"/><path d="M6.5 14.5l1.5 5.5h2.8l-1.4-5.5"/>"#,
);
const PRINT: Glyph = Glyph(
    r#"<path d="M3 5.5l6-2.5 6 2.5 6-2.5v15.5l-6 2.5-6-2.5-6 2.5z"/><path d="M9 3v15.5M15 5.5V21"/>"#,
);
const LETTER: Glyph = Glyph(
    r#"<path d="M6 2.5h8.5L19 7v14.5H6z"/><path d="M14.5 2.5V7H19"/><path d="M9 11.5h7M9 15h7M9 18.5h4"/>"#,
);
const INVOICE: Glyph = Glyph(
    r#"<path d="M5.5 2.5h13v19l-2.2-1.5-2.1 1.5-2.2-1.5-2.2 1.5-2.1-1.5-2.2 1.5z"/><path d="M9 7.5h6M9 11h6M9 14.5h3.5"/>"#,
);
const STORE: Glyph = Glyph(
    r#"<path d="M3 9l1.8-5.5h14.4L21 9"/><path d="M3 9a3 3 0 0 0 6 0a3 3 0 0 0 6 0a3 3 0 0 0 6 0"/><path d="M4.8 11.8v8.7h14.4v-8.7"/><path d="M10 20.5v-5h4v5"/>"#,
);
const ON_SITE: Glyph = Glyph(
    r#"<path d="M12 21.5s-7-6.1-7-11.5a7 7 0 0 1 14 0c0 5.4-7 11.5-7 11.5z"/><circle cx="12" cy="10" r="2.6"/>"#,
);
const EVENT: Glyph = Glyph(
    r#"<path d="M3 7h18v3.3a1.8 1.8 0 0 0 0 3.4V17H3v-3.3a1.8 1.8 0 0 0 0-3.4z"/><path d="M15 7.5v1.5M15 11.2v1.6M15 15v1.5"/>"#,
);
const KIOSK: Glyph = Glyph(
    r#"<rect x="5.5" y="2.5" width="13" height="10" rx="1.5"/><path d="M12 12.5v6M7.5 21.5h9M9.5 15.5h5"/><path d="M8.5 6h7M8.5 9h4"/>"#,
);
const SIGNAGE: Glyph = Glyph(
    r#"<path d="M12 21.5V2.5"/><path d="M12 4.5h6.5l2.5 2.8-2.5 2.7H12z"/><path d="M12 12.5H5.5L3 15.2l2.5 2.8H12"/>"#,
);
const TRANSPORT: Glyph = Glyph(
    r#"<rect x="4" y="3" width="16" height="15" rx="2.5"/><path d="M4 11h16M4 7h16"/><circle cx="8" cy="14.5" r="1" fill="currentColor" stroke="none"/><circle cx="16" cy="14.5" r="1" fill="currentColor" stroke="none"/><path d="M7 18v2.5M17 18v2.5"/>"#,
);
const WORD_OF_MOUTH: Glyph = Glyph(
    r#"<circle cx="8" cy="8" r="3.2"/><path d="M2.5 20.5a5.5 5.5 0 0 1 11 0"/><path d="M16.5 6.5a4 4 0 0 1 0 6"/><path d="M19.2 4a7.6 7.6 0 0 1 0 11"/>"#,
);
/// The generic glyph of a custom channel.
pub(crate) const CUSTOM: Glyph = Glyph(
    r#"<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="2.6" fill="currentColor" stroke="none"/>"#,
);

// Senses and intangibles.
const SEE: Glyph = Glyph(
    r#"<path d="M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>"#,
);
const HEAR: Glyph = Glyph(
    r#"<path d="M6 9.5a6 6 0 0 1 12 0c0 3.8-3.2 4.6-3.6 7.4a3.4 3.4 0 0 1-6.6 1.2"/><path d="M9.4 9.5a2.6 2.6 0 0 1 5.2 0c0 1.6-1.6 2.1-1.6 3.5"/>"#,
);
const SMELL: Glyph = Glyph(
    r#"<path d="M7 21c-2-3 2-5 0-8.5S9 7 7 3.5"/><path d="M12 21c-2-3 2-5 0-8.5S14 7 12 3.5"/><path d="M17 21c-2-3 2-5 0-8.5S19 7 17 3.5"/>"#,
);
const TASTE: Glyph = Glyph(
    r#"<path d="M3.5 9.5h13v5.5a5 5 0 0 1-5 5h-3a5 5 0 0 1-5-5z"/><path d="M16.5 11.5h1.5a2.6 2.6 0 0 1 0 5.2h-1.8"/><path d="M7.5 3.5v3M11.5 3.5v3"/>"#,
);
const TOUCH: Glyph = Glyph(
    r#"<path d="M8 13.5V5a1.5 1.5 0 0 1 3 0v6"/><path d="M11 10.5V3.8a1.5 1.5 0 0 1 3 0v6.7"/><path d="M14 10.5V5.3a1.5 1.5 0 0 1 3 0v5.7"/><path d="M17 11V8.8a1.5 1.5 0 0 1 3 0V14a7.5 7.5 0 0 1-7.5 7.5h-1a7 7 0 0 1-5.6-2.8L3.4 15.4a1.6 1.6 0 0 1 2.4-2L8 15.7"/>"#,
);
/// An intangible (safety, cosiness, freedom): a heart.
pub(crate) const INTANGIBLE: Glyph = Glyph(
    r#"<path d="M12 20.5s-8.5-4.9-8.5-11a4.6 4.6 0 0 1 8.5-2.5 4.6 4.6 0 0 1 8.5 2.5c0 6.1-8.5 11-8.5 11z"/>"#,
);

// Lane symbols.
pub(crate) const ACTION: Glyph =
    Glyph(r#"<circle cx="12" cy="12" r="9"/><path d="M7.5 12h8.5M12.5 8.5l3.5 3.5-3.5 3.5"/>"#);
pub(crate) const TOUCHPOINT: Glyph = Glyph(
    r#"<circle cx="12" cy="12" r="3"/><circle cx="12" cy="12" r="8.5"/><path d="M12 1.5v2.5M12 20v2.5M1.5 12H4M20 12h2.5"/>"#,
);
pub(crate) const CURVE: Glyph = Glyph(r#"<path d="M2.5 15.5c3-7 5.5-7 8 0s5.5 1 11-9.5"/>"#);
pub(crate) const FUNCTIONAL: Glyph = Glyph(
    r#"<rect x="3.5" y="3.5" width="17" height="17" rx="3.5"/><path d="M8 12.3l2.8 2.8 5.2-6"/>"#,
);
pub(crate) const PAIN: Glyph = Glyph(
    r#"<path d="M12 3.2l9.5 16.8h-19z"/><path d="M12 9.8v4.6"/><circle cx="12" cy="17.2" r="0.9" fill="currentColor" stroke="none"/>"#,
);
pub(crate) const OPPORTUNITY: Glyph = Glyph(
    r#"<path d="M9.2 17.5h5.6M10 20.8h4"/><path d="M12 2.8a6.3 6.3 0 0 0-3.8 11.3c.7.5 1 1.2 1 2v1.4h5.6v-1.4c0-.8.4-1.5 1-2A6.3 6.3 0 0 0 12 2.8z"/>"#,
);
pub(crate) const ACTOR: Glyph = Glyph(
    r#"<circle cx="9" cy="8" r="3.3"/><path d="M3 20.5a6 6 0 0 1 12 0"/><circle cx="17" cy="9" r="2.6"/><path d="M16 14.2a5 5 0 0 1 5.5 5.3"/>"#,
);
pub(crate) const TARGET: Glyph = Glyph(
    r#"<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4.6"/><circle cx="12" cy="12" r="1.2" fill="currentColor" stroke="none"/>"#,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_channel_has_its_own_glyph() {
        let glyphs: Vec<Glyph> = KnownChannel::ALL
            .iter()
            .map(|k| known_channel(*k))
            .collect();
        for (i, a) in glyphs.iter().enumerate() {
            assert_ne!(*a, CUSTOM);
            for b in &glyphs[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(channel(&Channel::Custom("drone".into())), CUSTOM);
    }

    #[test]
    fn glyphs_are_well_formed_xml() {
        let mut all: Vec<Glyph> = KnownChannel::ALL
            .iter()
            .map(|k| known_channel(*k))
            .collect();
        all.extend(Sense::ALL.iter().map(|s| sense(*s)));
        all.extend([
            INTANGIBLE,
            ACTION,
            TOUCHPOINT,
            CURVE,
            FUNCTIONAL,
            PAIN,
            OPPORTUNITY,
            ACTOR,
        ]);
        all.extend([TARGET, CUSTOM]);
        for g in all {
            let doc = format!("<g xmlns=\"http://www.w3.org/2000/svg\">{}</g>", g.0);
            assert!(roxmltree::Document::parse(&doc).is_ok(), "{}", g.0);
        }
    }
}
