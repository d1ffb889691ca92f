//! The list of journeys: what each is for, as-is or to-be, and how much is mapped in it.

use std::collections::BTreeSet;

use maud::{Markup, html};
use stig_model::{Journey, JourneyState, Workspace};

use super::PageCtx;
use super::layout::{Nav, page};
use super::parts::{
    empty, journey_personas, journey_url, new_button, page_head, persona_url, short_name,
    state_badge,
};

/// `GET /w/{ws}/journeys`.
pub fn journeys(ctx: &PageCtx<'_>, ws: &Workspace) -> Markup {
    let content = html! {
        (page_head(&ctx.t("nav-journeys"), Some(&ctx.t("page-journeys-lead")),
            new_button(ctx, &ctx.ws_url("/journeys/new"), "page-journeys-new")))
        @if ws.journeys.is_empty() { (empty(ctx, "page-journeys-empty")) }
        div.journey-list {
            @for j in &ws.journeys { (journey_card(ctx, ws, j)) }
        }
    };
    page(ctx, &ctx.t("nav-journeys"), Nav::Journeys, content)
}

fn journey_card(ctx: &PageCtx<'_>, ws: &Workspace, j: &Journey) -> Markup {
    let touchpoints: BTreeSet<&str> = j
        .steps
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(String::as_str))
        .collect();
    let pains: usize = j.steps.iter().map(|s| s.pain_points.len()).sum();
    let opportunities: usize = j.steps.iter().map(|s| s.opportunities.len()).sum();
    let to_be: Vec<&Journey> = ws
        .journeys
        .iter()
        .filter(|o| o.state == JourneyState::ToBe && o.as_is.as_deref() == Some(j.id.as_str()))
        .collect();
    let url = journey_url(ctx, &j.id);
    html! {
        article.card.journey-card #{"journey-" (j.id)} {
            div.journey-card-main {
                div.row {
                    (state_badge(ctx, j.state))
                    h2 { a href=(url) { (j.name) } }
                }
                @if !j.goal.is_empty() {
                    p.goal { span.muted { (ctx.t("page-journey-goal")) ": " } (j.goal) }
                }
                @if let Some(as_is) = j.as_is.as_deref().and_then(|id| ws.journey(id)) {
                    p.meta { (ctx.t("page-journey-improves-on")) " " a href=(journey_url(ctx, &as_is.id)) { (as_is.name) } }
                }
                @for tb in &to_be {
                    p.meta { (ctx.t("page-journey-improved-in")) " " a href=(journey_url(ctx, &tb.id)) { (tb.name) } }
                }
                ol.phase-strip aria-label=(ctx.t("page-journey-phases")) {
                    @for ph in &j.phases {
                        @let n = j.steps.iter().filter(|s| j.phase_of(s).map(|p| &p.id) == Some(&ph.id)).count();
                        li { strong { (ph.name) } span { (ctx.tr.ta("page-steps-count", &[("count", n.into())])) } }
                    }
                }
                p.pills {
                    @for p in journey_personas(ws, j) {
                        a.pill href=(persona_url(ctx, &p.id)) { (short_name(&p.name)) }
                    }
                }
            }
            dl.journey-figures {
                div { dt { (ctx.t("page-count-steps")) } dd { (j.steps.len()) } }
                div { dt { (ctx.t("page-count-touchpoints")) } dd { (touchpoints.len()) } }
                div.pain { dt { (ctx.t("page-pain-points")) } dd.zero[pains == 0] { (pains) } }
                div.opportunity { dt { (ctx.t("page-opportunities")) } dd.zero[opportunities == 0] { (opportunities) } }
            }
            div.journey-card-actions {
                a.btn.small href=(url) { (ctx.t("page-journey-open-map")) }
                @if ctx.can_edit {
                    a.btn.secondary.small href=(ctx.ws_url(&format!("/journeys/{}/edit", super::urlencode(&j.id)))) { (ctx.t("action-edit")) }
                }
            }
        }
    }
}
