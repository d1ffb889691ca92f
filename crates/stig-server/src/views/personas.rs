//! The persona gallery: one card per customer type, defined by what they love and hate.

use maud::{Markup, html};
use stig_model::{Persona, Workspace};

use super::PageCtx;
use super::layout::{Nav, page};
use super::parts::{avatar_class, empty, initials, new_button, page_head, persona_url, short_name};

/// `GET /w/{ws}/personas`: every persona as a card linking to its page.
/// `pictures`: persona id → picture URL, for those that have one.
pub fn personas(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    pictures: &std::collections::BTreeMap<String, String>,
) -> Markup {
    let content = html! {
        (page_head(&ctx.t("nav-personas"), Some(&ctx.t("page-personas-lead")),
            new_button(ctx, &ctx.ws_url("/personas/new"), "page-personas-new")))
        @if ws.personas.is_empty() {
            (empty(ctx, "page-personas-empty"))
        }
        div.grid.persona-grid {
            @for (i, p) in ws.personas.iter().enumerate() {
                (persona_card(ctx, ws, i, p, pictures.get(&p.id).map(String::as_str)))
            }
        }
    };
    page(ctx, &ctx.t("nav-personas"), Nav::Personas, content)
}

fn persona_card(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    index: usize,
    p: &Persona,
    picture: Option<&str>,
) -> Markup {
    let journeys = ws
        .journeys
        .iter()
        .filter(|j| j.personas.is_empty() || j.personas.contains(&p.id))
        .count();
    html! {
        article.card.persona-card #{"persona-" (p.id)} {
            header {
                @if picture.is_some() {
                    (super::persona::persona_avatar(ctx, ws, p, picture, "large"))
                } @else {
                    span class=(avatar_class(index)) aria-hidden="true" { (initials(short_name(&p.name))) }
                }
                h2 { a href=(persona_url(ctx, &p.id)) { (p.name) } }
            }
            @if !p.quote.is_empty() {
                blockquote.quote { (p.quote) }
            }
            @if !p.loves.is_empty() {
                h3.love-head { (ctx.t("page-persona-loves")) }
                p.pills { @for l in &p.loves { span.pill.love { (l) } } }
            }
            @if !p.hates.is_empty() {
                h3.hate-head { (ctx.t("page-persona-hates")) }
                p.pills { @for h in &p.hates { span.pill.hate { (h) } } }
            }
            @if !p.motivation.is_empty() {
                h3 { (ctx.t("page-persona-motivation")) }
                p { (p.motivation) }
            }
            @if !p.companions.is_empty() {
                h3 { (ctx.t("page-persona-companions")) }
                p { (p.companions.join(", ")) }
            }
            footer {
                span.muted { (ctx.tr.ta("page-persona-journeys-count", &[("count", journeys.into())])) }
                a href=(persona_url(ctx, &p.id)) { (ctx.t("page-persona-open")) " →" }
            }
        }
    }
}
