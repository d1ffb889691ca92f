//! The first-run guide: from an empty workspace to its first event and first survey answer,
//! each step ticked when the workspace shows it done. On the overview (loaded by htmx) and
//! as a page of its own.

use maud::{Markup, PreEscaped, html};

use super::PageCtx;
use super::connect::connect_url;
use super::layout::{Nav, page};

/// What the workspace already has.
#[derive(Debug, Clone, Default)]
pub struct GuideState {
    /// At least one persona and one journey.
    pub has_design: bool,
    /// The first source, if there is one (its Connect page is the next step).
    pub first_source: Option<String>,
    pub events: u64,
    /// Touchpoints with a survey: `(id, name)`.
    pub survey_touchpoints: Vec<(String, String)>,
    /// A survey answer (`Feedback Submitted`) has arrived.
    pub answered: bool,
}

impl GuideState {
    pub fn done(&self) -> bool {
        self.has_design && self.first_source.is_some() && self.events > 0 && self.answered
    }
}

/// A survey link just minted to try the survey page, or why none was.
pub struct MintedLink {
    pub url: String,
    pub customer: String,
}

/// Scoped to the guide's own classes.
const STYLE: &str = ".guide ol.guide-steps{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}\
.guide .guide-step{display:grid;grid-template-columns:1.75rem minmax(0,1fr);gap:.5rem;align-items:start}\
.guide .guide-step>div{min-width:0}\
.guide .guide-mark{width:1.5rem;height:1.5rem;border-radius:50%;display:inline-grid;place-items:center;font-weight:700;border:2px solid #6b7280;color:#374151;font-size:.8rem}\
.guide .guide-step.done .guide-mark{background:#166534;border-color:#166534;color:#fff}\
.guide .guide-step.done .guide-title{text-decoration:line-through;color:#4b5563}\
.guide .guide-step p{margin:.2rem 0}\
.guide .guide-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.35rem}\
.guide form.guide-survey{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}\
.guide form.guide-survey label{display:grid;gap:.2rem;min-width:0;max-width:100%;margin:0}\
.guide form.guide-survey label{flex:1 1 14rem}\
.guide form.guide-survey select,.guide form.guide-survey input{width:100%;max-width:100%;min-width:0}\
.guide .guide-link{overflow-wrap:anywhere;word-break:break-all}";

/// The guide card, or nothing once every step is done (the overview then shows no guide).
pub fn guide_fragment(
    ctx: &PageCtx<'_>,
    g: &GuideState,
    link: Option<&Result<MintedLink, String>>,
) -> Markup {
    if g.done() && link.is_none() {
        return html! {};
    }
    guide_card(ctx, g, link)
}

/// `GET /w/{ws}/guide` opened directly.
pub fn guide_page(
    ctx: &PageCtx<'_>,
    g: &GuideState,
    link: Option<&Result<MintedLink, String>>,
) -> Markup {
    let content = html! {
        (guide_card(ctx, g, link))
        @if g.done() {
            p.muted { a href=(ctx.ws_url("")) { (ctx.t("guide-back")) } }
        }
    };
    page(ctx, &ctx.t("guide-title"), Nav::Overview, content)
}

fn guide_card(
    ctx: &PageCtx<'_>,
    g: &GuideState,
    link: Option<&Result<MintedLink, String>>,
) -> Markup {
    let waiting_for_event = g.first_source.is_some() && g.events == 0;
    let done_count = 1
        + usize::from(g.has_design)
        + usize::from(g.first_source.is_some())
        + usize::from(g.events > 0)
        + usize::from(g.answered);
    let self_url = ctx.ws_url("/guide");
    html! {
        style { (PreEscaped(STYLE)) }
        // While the first event is awaited the card checks again by itself (the live check).
        section.card.guide #guide aria-labelledby="guide-title"
            hx-get=[waiting_for_event.then_some(self_url.as_str())]
            hx-trigger=[waiting_for_event.then_some("every 3s")]
            hx-swap=[waiting_for_event.then_some("outerHTML")] {
            div.section-head {
                h2 #guide-title { (ctx.t("guide-title")) }
                span.muted { (ctx.tr.ta("guide-progress", &[("done", done_count.into()), ("total", 5.into())])) }
            }
            p.muted { (ctx.t("guide-lead")) }
            ol.guide-steps {
                (step(ctx, true, "guide-step-workspace", html! {}))
                (step(ctx, g.has_design, "guide-step-design", html! {
                    p { (ctx.t("guide-step-design-text")) }
                    @if !g.has_design && ctx.can_edit {
                        div.guide-actions {
                            a.btn.small href=(ctx.ws_url("/personas/new")) { (ctx.t("guide-new-persona")) }
                            a.btn.small.secondary href=(ctx.ws_url("/journeys/new")) { (ctx.t("guide-new-journey")) }
                            @if ctx.is_admin {
                                a href="/workspaces/new" { (ctx.t("guide-or-template")) }
                            }
                        }
                    }
                }))
                (step(ctx, g.first_source.is_some(), "guide-step-source", html! {
                    p { (ctx.t("guide-step-source-text")) }
                    @if g.first_source.is_none() {
                        div.guide-actions { a.btn.small href=(ctx.ws_url("/sources")) { (ctx.t("guide-new-source")) } }
                    }
                }))
                (step(ctx, g.events > 0, "guide-step-event", html! {
                    @if g.events > 0 {
                        p { (ctx.tr.ta("guide-step-event-count", &[("count", (g.events as f64).into())])) }
                    } @else {
                        p { (ctx.t("guide-step-event-text")) }
                        @if let Some(source) = &g.first_source {
                            div.guide-actions {
                                a.btn.small href=(connect_url(ctx, source)) { (ctx.t("guide-open-connect")) }
                                span.muted role="status" { (ctx.t("guide-waiting-event")) }
                            }
                        }
                    }
                }))
                (step(ctx, g.answered, "guide-step-survey", html! {
                    p { (ctx.t("guide-step-survey-text")) }
                    @if !g.answered {
                        @if g.survey_touchpoints.is_empty() {
                            div.guide-actions { a.btn.small.secondary href=(ctx.ws_url("/touchpoints")) { (ctx.t("guide-add-survey")) } }
                        } @else if ctx.can_edit {
                            form.guide-survey method="post" action=(ctx.ws_url("/guide/survey-link"))
                                hx-post=(ctx.ws_url("/guide/survey-link")) hx-target="#guide" hx-swap="outerHTML" {
                                input type="hidden" name="csrf" value=(ctx.csrf);
                                label { (ctx.t("guide-survey-touchpoint"))
                                    select name="touchpoint" {
                                        @for (id, name) in &g.survey_touchpoints { option value=(id) { (name) } }
                                    }
                                }
                                label { (ctx.t("guide-survey-customer")) " " span.hint { (ctx.t("guide-survey-customer-hint")) }
                                    input type="text" name="customer" autocomplete="off";
                                }
                                button.btn.small type="submit" { (ctx.t("guide-survey-mint")) }
                            }
                        }
                        @match link {
                            Some(Ok(l)) => {
                                div.guide-minted role="status" {
                                    p { (ctx.tr.ta("guide-survey-minted", &[("customer", l.customer.clone().into())])) }
                                    p.guide-link { a href=(l.url) target="_blank" rel="noopener" { (l.url) } }
                                    div.guide-actions {
                                        a.btn.small.secondary href=(self_url) hx-get=(self_url) hx-target="#guide" hx-swap="outerHTML" { (ctx.t("guide-check-again")) }
                                    }
                                }
                            }
                            Some(Err(e)) => { p.field-error role="alert" { (e) } }
                            None => {}
                        }
                    }
                }))
            }
        }
    }
}

fn step(ctx: &PageCtx<'_>, done: bool, key: &str, body: Markup) -> Markup {
    html! {
        li.guide-step.done[done] {
            span.guide-mark aria-hidden="true" { @if done { "✓" } @else { "" } }
            div {
                strong.guide-title { (ctx.t(key)) }
                " "
                span.visually-hidden { "(" (ctx.t(if done { "guide-done" } else { "guide-todo" })) ")" }
                (body)
            }
        }
    }
}
