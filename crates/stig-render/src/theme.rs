//! Colours, sizes and fonts of the map, in one place.

use stig_model::{ActorKind, Owner};

use crate::text::Font;

// Ink.
pub(crate) const INK: &str = "#1F2933";
pub(crate) const INK_2: &str = "#52606D";
pub(crate) const MUTED: &str = "#7B8794";
pub(crate) const RULE: &str = "#E4E7EB";
pub(crate) const RULE_STRONG: &str = "#CBD2D9";
pub(crate) const PAPER: &str = "#FFFFFF";
pub(crate) const LANE_ALT: &str = "#FAFBFC";
pub(crate) const HEAD_BG: &str = "#F3F5F8";
pub(crate) const BRAND: &str = "#2F5D8A";

// One customer's run over the design (see `path.rs`): a dark teal no persona curve uses,
// a faint tint of it behind the steps they reached, a grey veil over the rest.
pub(crate) const PATH: &str = "#0B4F45";
pub(crate) const PATH_TINT: &str = "#0B4F45";
pub(crate) const PATH_TINT_OPACITY: &str = "0.07";
pub(crate) const PATH_VEIL: &str = "#E9ECF0";
pub(crate) const PATH_VEIL_OPACITY: &str = "0.72";

// Measured emotion curves (see `measured.rs`): the curve of all customers in a neutral dark
// ink, and a warning red for points measured well below design.
pub(crate) const MEASURED_ALL: &str = "#1F2933";
pub(crate) const GAP: &str = "#D7263D";
/// The dash of a designed curve drawn solid (the first persona's) once a measured curve of
/// its persona is beside it.
pub(crate) const DESIGNED_DASH: &str = "6 4";

// Geometry (px).
pub(crate) const MARGIN: f32 = 40.0;
pub(crate) const HEAD_W: f32 = 180.0;
pub(crate) const COL_W: f32 = 200.0;
pub(crate) const MAX_COL_W: f32 = 300.0;
/// The grid is widened (up to [`MAX_COL_W`] per column) to at least this width.
pub(crate) const MIN_GRID_W: f32 = 1100.0;
pub(crate) const CELL_PAD: f32 = 10.0;
pub(crate) const LANE_PAD: f32 = 12.0;
pub(crate) const MIN_LANE_H: f32 = 64.0;
pub(crate) const PHASE_H: f32 = 40.0;
pub(crate) const STAGE_H: f32 = 30.0;
pub(crate) const CURVE_H: f32 = 200.0;

// Type.
pub(crate) const F_WORKSPACE: Font = Font::bold(12.0);
pub(crate) const F_TITLE: Font = Font::bold(28.0);
pub(crate) const F_BODY: Font = Font::regular(12.0);
pub(crate) const F_BODY_BOLD: Font = Font::bold(12.0);
pub(crate) const F_SMALL: Font = Font::regular(10.5);
pub(crate) const F_SMALL_BOLD: Font = Font::bold(10.5);
pub(crate) const F_ACTION: Font = Font::bold(13.5);
pub(crate) const F_LANE: Font = Font::bold(13.0);
pub(crate) const F_PHASE: Font = Font::bold(15.0);
pub(crate) const F_STAGE: Font = Font::bold(12.0);
pub(crate) const F_LEAD: Font = Font::regular(14.0);
pub(crate) const F_LEAD_BOLD: Font = Font::bold(14.0);

/// A soft phase band: fill, accent (top rule) and text colour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhaseColours {
    pub fill: &'static str,
    pub accent: &'static str,
    pub text: &'static str,
}

const PHASES: [PhaseColours; 6] = [
    PhaseColours {
        fill: "#E4EEFA",
        accent: "#3B7DD8",
        text: "#1D4E89",
    },
    PhaseColours {
        fill: "#DDF2EC",
        accent: "#2A9D8F",
        text: "#1B6158",
    },
    PhaseColours {
        fill: "#FCEFDA",
        accent: "#E09F3E",
        text: "#82540F",
    },
    PhaseColours {
        fill: "#FBE5E8",
        accent: "#D0637C",
        text: "#8C2F45",
    },
    PhaseColours {
        fill: "#ECE7FA",
        accent: "#7C5CC4",
        text: "#4B3486",
    },
    PhaseColours {
        fill: "#E7F2DF",
        accent: "#6A9F4B",
        text: "#3E6629",
    },
];

/// Colours of the `index`th phase; steps without a phase get grey.
pub(crate) fn phase_colours(index: Option<usize>) -> PhaseColours {
    match index {
        Some(i) => PHASES[i % PHASES.len()],
        None => PhaseColours {
            fill: "#EEF0F3",
            accent: "#9AA5B1",
            text: INK_2,
        },
    }
}

/// Strong and light colour of an owner (touchpoints) or actor kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OwnerColours {
    pub strong: &'static str,
    pub light: &'static str,
}

pub(crate) const OWN: OwnerColours = OwnerColours {
    strong: "#2563A6",
    light: "#E8F0FA",
};
pub(crate) const PARTNER: OwnerColours = OwnerColours {
    strong: "#C25E0A",
    light: "#FDF1E4",
};
pub(crate) const PUBLIC: OwnerColours = OwnerColours {
    strong: "#6B46C1",
    light: "#F1ECFB",
};
pub(crate) const UNKNOWN: OwnerColours = OwnerColours {
    strong: "#7B8794",
    light: "#F3F5F8",
};

pub(crate) fn owner_colours(owner: Owner) -> OwnerColours {
    match owner {
        Owner::Own => OWN,
        Owner::Partner => PARTNER,
        Owner::Public => PUBLIC,
    }
}

pub(crate) fn actor_colours(kind: Option<ActorKind>) -> OwnerColours {
    match kind {
        Some(ActorKind::Own) => OWN,
        Some(ActorKind::Partner) => PARTNER,
        Some(ActorKind::Public) => PUBLIC,
        None => UNKNOWN,
    }
}

/// Colour of a valence −2..+2 (rounded; clamped).
pub(crate) fn valence_colour(v: f64) -> &'static str {
    match v.round().clamp(-2.0, 2.0) as i8 {
        -2 => "#C0392B",
        -1 => "#E67E22",
        0 => "#8F9BA8",
        1 => "#6AAE3B",
        _ => "#23895A",
    }
}

/// `+2`, `+1`, `0`, `−1`, `−2` (with a real minus sign).
pub(crate) fn valence_label(v: i8) -> String {
    match v {
        0 => "0".to_owned(),
        v if v > 0 => format!("+{v}"),
        v => format!("\u{2212}{}", v.unsigned_abs()),
    }
}

/// Marker shape of a persona's curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// How a persona's curve is told apart: colour, dash pattern and marker shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CurveStyle {
    pub colour: &'static str,
    pub dash: Option<&'static str>,
    pub marker: Marker,
}

const CURVE_COLOURS: [&str; 6] = [
    "#C2185B", "#00838F", "#5E35B1", "#E65100", "#2E7D32", "#37474F",
];
const DASHES: [Option<&str>; 4] = [None, Some("9 5"), Some("2.5 4"), Some("12 4 3 4")];
const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Diamond,
    Marker::Triangle,
];

pub(crate) fn curve_style(index: usize) -> CurveStyle {
    CurveStyle {
        colour: CURVE_COLOURS[index % CURVE_COLOURS.len()],
        dash: DASHES[index % DASHES.len()],
        marker: MARKERS[index % MARKERS.len()],
    }
}
