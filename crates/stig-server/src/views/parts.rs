//! Small pieces shared by the read-only pages: labels for the model's vocabulary, pills and
//! chips in the map's colours, page headers with edit links, and the URLs of entities.

use maud::{Markup, html};
use stig_model::{
    ActorKind, Channel, Discipline, EvidenceKind, Journey, JourneyState, Mode, Owner, Persona,
    Sense, SurveyKind, Workspace,
};

use super::{PageCtx, urlencode};

/// The page's heading block: title, an optional line under it, and actions on the right.
pub fn page_head(title: &str, lead: Option<&str>, actions: Markup) -> Markup {
    html! {
        div.heading {
            div.heading-text {
                h1 { (title) }
                @if let Some(lead) = lead.filter(|l| !l.is_empty()) {
                    p.lead { (lead) }
                }
            }
            div.heading-actions { (actions) }
        }
    }
}

/// An "Edit" button to `url`, only for users who may edit.
pub fn edit_button(ctx: &PageCtx<'_>, url: &str) -> Markup {
    html! {
        @if ctx.can_edit {
            a.btn.secondary.small href=(url) { (ctx.t("action-edit")) }
        }
    }
}

/// A "New …" button to `url` labelled by the message `key`, only for users who may edit.
pub fn new_button(ctx: &PageCtx<'_>, url: &str, key: &str) -> Markup {
    html! {
        @if ctx.can_edit {
            a.btn.small href=(url) { "+ " (ctx.t(key)) }
        }
    }
}

/// A muted sentence for an empty list.
pub fn empty(ctx: &PageCtx<'_>, key: &str) -> Markup {
    html! { p.empty { (ctx.t(key)) } }
}

pub fn persona_url(ctx: &PageCtx<'_>, id: &str) -> String {
    ctx.ws_url(&format!("/personas/{}", urlencode(id)))
}

pub fn journey_url(ctx: &PageCtx<'_>, id: &str) -> String {
    ctx.ws_url(&format!("/journeys/{}", urlencode(id)))
}

/// The journey page with one step's details open.
pub fn step_url(ctx: &PageCtx<'_>, journey: &str, step: &str) -> String {
    format!(
        "{}?step={}#step-panel",
        journey_url(ctx, journey),
        urlencode(step)
    )
}

pub fn owner_label(ctx: &PageCtx<'_>, owner: Owner) -> String {
    ctx.t(&format!("page-owner-{}", owner.as_str()))
}

pub fn actor_kind_label(ctx: &PageCtx<'_>, kind: ActorKind) -> String {
    ctx.t(&format!("page-owner-{}", kind.as_str()))
}

pub fn mode_label(ctx: &PageCtx<'_>, mode: Mode) -> String {
    ctx.t(&format!("page-mode-{}", mode.as_str()))
}

pub fn discipline_label(ctx: &PageCtx<'_>, d: Discipline) -> String {
    ctx.t(&format!("page-discipline-{}", d.as_str()))
}

/// A known channel in the reader's language; a custom one as written.
pub fn channel_label(ctx: &PageCtx<'_>, channel: &Channel) -> String {
    match channel {
        Channel::Known(k) => ctx.t(&format!("page-channel-{}", k.as_str())),
        Channel::Custom(s) => s.clone(),
    }
}

pub fn survey_label(ctx: &PageCtx<'_>, kind: SurveyKind) -> String {
    ctx.t(match kind {
        SurveyKind::Nps => "page-survey-nps",
        SurveyKind::Csat => "page-survey-csat",
        SurveyKind::Ces => "page-survey-ces",
    })
}

pub fn sense_label(ctx: &PageCtx<'_>, sense: Sense) -> String {
    ctx.t(&format!("page-sense-{}", sense.as_str()))
}

pub fn evidence_label(ctx: &PageCtx<'_>, kind: EvidenceKind) -> String {
    ctx.t(match kind {
        EvidenceKind::Quote => "page-evidence-quote",
        EvidenceKind::Observation => "page-evidence-observation",
        EvidenceKind::Interview => "page-evidence-interview",
    })
}

/// A pill in the owner's colour (the same colours as on the journey map).
pub fn owner_pill(ctx: &PageCtx<'_>, owner: Owner) -> Markup {
    html! { span class={"pill " (owner.as_str())} { (owner_label(ctx, owner)) } }
}

/// The as-is / to-be badge of a journey.
pub fn state_badge(ctx: &PageCtx<'_>, state: JourneyState) -> Markup {
    let (class, key) = match state {
        JourneyState::AsIs => ("badge as-is", "page-state-as-is"),
        JourneyState::ToBe => ("badge to-be", "page-state-to-be"),
    };
    html! { span class=(class) { (ctx.t(key)) } }
}

/// `+2`, `+1`, `0`, `−1`, `−2` with a real minus sign.
pub fn valence_text(v: f64, decimals: usize, ctx: &PageCtx<'_>) -> String {
    let s = ctx.tr.number(v, decimals);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// The CSS class of a valence, rounded to −2…+2 (`v-m2` … `v-p2`).
pub fn valence_class(v: f64) -> &'static str {
    match v.round().clamp(-2.0, 2.0) as i8 {
        -2 => "v-m2",
        -1 => "v-m1",
        0 => "v-0",
        1 => "v-p1",
        _ => "v-p2",
    }
}

/// A chip showing a valence in the map's valence colours.
pub fn valence_chip(ctx: &PageCtx<'_>, v: f64, decimals: usize) -> Markup {
    html! { span class={"valence " (valence_class(v))} { (valence_text(v, decimals, ctx)) } }
}

/// The personas a journey is drawn for: its own list, or every persona when it names none.
pub fn journey_personas<'a>(ws: &'a Workspace, journey: &Journey) -> Vec<&'a Persona> {
    if journey.personas.is_empty() {
        ws.personas.iter().collect()
    } else {
        journey
            .personas
            .iter()
            .filter_map(|id| ws.persona(id))
            .collect()
    }
}

/// Up to two initials of a name, for avatars: of its capitalised words when it has any
/// ("Bent og Hanne" → "BH"), else of its first words.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let capitalised: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let pick = if capitalised.is_empty() {
        &words
    } else {
        &capitalised
    };
    pick.iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// One of a few calm avatar colours, chosen by the persona's place in the workspace.
pub fn avatar_class(index: usize) -> String {
    format!("avatar a{}", index % 6)
}

/// A name without the explanation after a dash: "Familien Becker – vinterferie" → "Familien Becker".
pub fn short_name(name: &str) -> &str {
    name.split(" – ").next().unwrap_or(name).trim()
}

/// A persona's position in the workspace (for a stable avatar colour).
pub fn persona_index(ws: &Workspace, id: &str) -> usize {
    ws.personas.iter().position(|p| p.id == id).unwrap_or(0)
}

/// Escapes text for SVG we write by hand (text content and attribute values).
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_persona_names() {
        assert_eq!(initials("Bent og Hanne"), "BH");
        assert_eq!(initials("Sarah og Tom"), "ST");
        assert_eq!(initials("Familien Becker"), "FB");
        assert_eq!(initials("Camilla"), "C");
        assert_eq!(initials("den nervøse flyver"), "DN");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn short_names_drop_the_explanation() {
        assert_eq!(short_name("Astrid – den nervøse flyver"), "Astrid");
        assert_eq!(short_name("Jonas"), "Jonas");
    }
}
