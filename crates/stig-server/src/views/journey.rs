//! The journey map page: the map itself (drawn by `stig-render`), a persona picker, export
//! links, the list of steps and the details of one step.
//!
//! Without JavaScript, the map scrolls in its frame, the step list links to `?step=ID` and
//! the server renders the details into the panel. With JavaScript (`assets/map.js`), the map
//! is a canvas: fitted to the width on arrival, zoomed and panned by wheel, pinch, keys and
//! buttons, full screen, with the lane titles and the phase and stage headers kept in view; a
//! click on a step of the map (or of the list) loads the fragment `…/steps/{step}` into the
//! panel beside it with htmx, and `?step=` centres that step.

use std::collections::BTreeMap;

use maud::{Markup, PreEscaped, html};
use stig_model::{EvidenceKind, Journey, Step, Workspace};

use super::layout::{Nav, page, trusted_svg};
use super::parts::{
    actor_kind_label, avatar_class, channel_label, discipline_label, edit_button, evidence_label,
    initials, journey_personas, journey_url, mode_label, owner_pill, persona_index, persona_url,
    sense_label, short_name, state_badge, survey_label, valence_chip,
};
use super::{PageCtx, urlencode};

/// `persona=a&persona=b` for the selected personas (empty when none is selected).
fn persona_query(selected: &[String]) -> String {
    selected
        .iter()
        .map(|p| format!("persona={}", urlencode(p)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `GET /w/{ws}/journeys/{id}?persona=a&persona=b&step=s`.
///
/// `selected_personas` are the `persona` query values (empty: the journey's own personas,
/// as the map draws them); `map_svg` is `stig_render::render_svg` for those personas;
/// `selected_step` is the step named by `?step=`, if any.
/// `pictures`: persona id → picture URL, for the personas that have one.
pub fn journey_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    journey: &Journey,
    selected_personas: &[String],
    map_svg: &str,
    selected_step: Option<&Step>,
    pictures: &BTreeMap<String, String>,
) -> Markup {
    let j = journey;
    let url = journey_url(ctx, &j.id);
    let pq = persona_query(selected_personas);
    let with_pq = |prefix: &str| -> String {
        if pq.is_empty() {
            prefix.to_owned()
        } else {
            format!("{prefix}?{pq}")
        }
    };
    let step_href = |id: &str| -> String {
        if pq.is_empty() {
            format!("{url}?step={}#step-panel", urlencode(id))
        } else {
            format!("{url}?{pq}&step={}#step-panel", urlencode(id))
        }
    };
    // What the picker shows ticked: the selection, or what the map draws by default.
    let ticked: Vec<&str> = if selected_personas.is_empty() {
        journey_personas(ws, j)
            .iter()
            .map(|p| p.id.as_str())
            .collect()
    } else {
        selected_personas.iter().map(String::as_str).collect()
    };
    let to_be: Vec<&Journey> = ws
        .journeys
        .iter()
        .filter(|o| o.as_is.as_deref() == Some(j.id.as_str()))
        .collect();
    let edit = ctx.ws_url(&format!("/journeys/{}/edit", urlencode(&j.id)));
    let steps = j.ordered_steps();
    let content = html! {
        div.journey-page #journey data-steps-url={(url) "/steps/"} data-selected=[selected_step.map(|s| s.id.as_str())] {
            nav.crumbs aria-label=(ctx.t("page-breadcrumbs")) {
                a href=(ctx.ws_url("/journeys")) { (ctx.t("nav-journeys")) } " › "
            }
            div.heading {
                div.heading-text {
                    h1 { (j.name) " " (state_badge(ctx, j.state)) }
                    @if !j.goal.is_empty() {
                        p.lead { span.muted { (ctx.t("page-journey-goal")) ": " } (j.goal) }
                    }
                    @if let Some(as_is) = j.as_is.as_deref().and_then(|id| ws.journey(id)) {
                        p.meta { (ctx.t("page-journey-improves-on")) " " a href=(journey_url(ctx, &as_is.id)) { (as_is.name) } }
                    }
                    @for tb in &to_be {
                        p.meta { (ctx.t("page-journey-improved-in")) " " a href=(journey_url(ctx, &tb.id)) { (tb.name) } }
                    }
                }
                div.heading-actions {
                    @if ctx.can_edit {
                        a.btn.small href=(ctx.ws_url(&format!("/journeys/{}/steps/new", urlencode(&j.id)))) { "+ " (ctx.t("page-journey-new-step")) }
                    }
                    (edit_button(ctx, &edit))
                }
            }
            div.map-toolbar {
                form.persona-picker method="get" action=(url) {
                    fieldset {
                        legend { (ctx.t("page-journey-curves-for")) }
                        @for p in &ws.personas {
                            label.persona-check {
                                input type="checkbox" name="persona" value=(p.id) checked[ticked.contains(&p.id.as_str())];
                                @match pictures.get(&p.id) {
                                    Some(url) => img class={(avatar_class(persona_index(ws, &p.id))) " tiny"} src=(url) alt="" style="object-fit: cover";
                                    None => span class={(avatar_class(persona_index(ws, &p.id))) " tiny"} aria-hidden="true" { (initials(short_name(&p.name))) },
                                }
                                (short_name(&p.name))
                            }
                        }
                    }
                    button.btn.small type="submit" { (ctx.t("page-journey-show")) }
                }
                div.exports {
                    span.muted { (ctx.t("page-journey-download")) }
                    a.btn.secondary.small href=(with_pq(&format!("{url}/map.svg"))) download { "SVG" }
                    a.btn.secondary.small href=(with_pq(&format!("{url}/map.png"))) download { "PNG" }
                    a.btn.secondary.small href=(with_pq(&format!("{url}/map.pdf"))) download { "PDF" }
                }
            }
            link rel="stylesheet" href="/assets/map.css";
            div #map-canvas class={"map-shell" @if selected_step.is_some() { " has-step" }} {
                div.map-bar {
                    p.map-hint #map-hint { (ctx.t("canvas-hint")) }
                    div.map-controls role="toolbar" aria-label=(ctx.t("canvas-controls")) aria-controls="map-viewport" data-map-live hidden {
                        button.map-btn type="button" data-map="out" aria-label=(ctx.t("canvas-zoom-out")) title=(ctx.t("canvas-zoom-out")) { "−" }
                        output.map-zoom aria-label=(ctx.t("canvas-zoom-level")) { "100 %" }
                        button.map-btn type="button" data-map="in" aria-label=(ctx.t("canvas-zoom-in")) title=(ctx.t("canvas-zoom-in")) { "+" }
                        button.map-btn.wide type="button" data-map="fit" title=(ctx.t("canvas-fit-title")) { (ctx.t("canvas-fit")) }
                        button.map-btn.wide type="button" data-map="actual" title=(ctx.t("canvas-actual-title")) { "100 %" }
                        button.map-btn.wide type="button" data-map="full" aria-pressed="false"
                            data-on=(ctx.t("canvas-exit-fullscreen")) data-off=(ctx.t("canvas-fullscreen")) {
                            (PreEscaped(FULLSCREEN_ICON)) " " span.map-btn-text { (ctx.t("canvas-fullscreen")) }
                        }
                    }
                }
                div #map-viewport.map-frame tabindex="0" role="region" aria-label=(ctx.t("canvas-label")) aria-describedby="map-hint" {
                    div.map-stage { (trusted_svg(map_svg)) }
                }
                aside #step-panel.step-panel aria-live="polite" aria-label=(ctx.t("page-step-details")) {
                    @match selected_step {
                        Some(s) => (step_panel(ctx, ws, j, s)),
                        None => div.panel-hint {
                            p.hint-title { (ctx.t("page-step-panel-empty-title")) }
                            p { (ctx.t("page-step-panel-empty")) }
                        },
                    }
                }
            }
            section #steps.step-index {
                h2 { (ctx.t("page-journey-steps")) }
                @if steps.is_empty() { p.empty { (ctx.t("page-journey-no-steps")) } }
                div.step-columns {
                    @for ph in &j.phases {
                        @let stages: Vec<_> = j.stages.iter().filter(|st| st.phase == ph.id).collect();
                        div.step-column {
                            h3 { (ph.name) }
                            @for st in stages {
                                h4 { (st.name) }
                                @let first = steps.iter().position(|s| s.stage == st.id).map_or(1, |i| i + 1);
                                ol start=(first) {
                                    @for s in steps.iter().filter(|s| s.stage == st.id) {
                                        li {
                                            a href=(step_href(&s.id)) data-step=(s.id)
                                                class=[(selected_step.map(|x| &x.id) == Some(&s.id)).then_some("selected")]
                                                aria-current=[(selected_step.map(|x| &x.id) == Some(&s.id)).then_some("step")] {
                                                (s.action)
                                            }
                                            @if !s.pain_points.is_empty() || !s.opportunities.is_empty() {
                                                span.step-marks { (step_marks(ctx, s)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        script src="/assets/map.js" defer {}
    };
    page(ctx, &j.name, Nav::Journeys, content)
}

/// Four corners: the full-screen button's symbol (the UI font has no such glyph).
const FULLSCREEN_ICON: &str = r#"<svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" stroke-width="2" style="vertical-align: -2px"><path d="M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9"/></svg>"#;

/// Little counters after a step in the list: pain points and opportunities.
fn step_marks(ctx: &PageCtx<'_>, s: &Step) -> Markup {
    html! {
        @if !s.pain_points.is_empty() {
            span.mark.pain title=(ctx.t("page-pain-points")) { "▲ " (s.pain_points.len()) }
        }
        @if !s.opportunities.is_empty() {
            span.mark.opportunity title=(ctx.t("page-opportunities")) { "★ " (s.opportunities.len()) }
        }
    }
}

/// `GET /w/{ws}/journeys/{id}/steps/{step}`: the details of one step, as a fragment for the
/// panel (also embedded by [`journey_page`] when `?step=` is given).
pub fn step_panel(ctx: &PageCtx<'_>, ws: &Workspace, journey: &Journey, step: &Step) -> Markup {
    let j = journey;
    let s = step;
    let phase = j.phase_of(s).map(|p| p.name.as_str()).unwrap_or("");
    let stage = j.stage(&s.stage).map(|st| st.name.as_str()).unwrap_or("");
    let personas = journey_personas(ws, j);
    let edit = ctx.ws_url(&format!(
        "/journeys/{}/steps/{}/edit",
        urlencode(&j.id),
        urlencode(&s.id)
    ));
    let dilemmas: Vec<_> = ws
        .dilemmas
        .iter()
        .filter(|d| {
            d.journey.as_deref() == Some(j.id.as_str()) && d.step.as_deref() == Some(s.id.as_str())
        })
        .collect();
    html! {
        article.step-detail data-step-detail=(s.id) {
            header {
                div.row {
                    p.crumb { (phase) " › " (stage) }
                    a.close href={(journey_url(ctx, &j.id)) "#steps"} title=(ctx.t("page-step-close")) aria-label=(ctx.t("page-step-close")) { "×" }
                }
                h2 { (s.action) }
                @if !s.sub_goal.is_empty() {
                    p.sub-goal { span.muted { (ctx.t("page-step-sub-goal")) ": " } (s.sub_goal) }
                }
                (edit_button(ctx, &edit))
            }

            section {
                h3 { (ctx.t("page-touchpoints")) }
                @if s.touchpoints.is_empty() { p.empty { (ctx.t("page-step-no-touchpoints")) } }
                ul.tp-list {
                    @for id in &s.touchpoints {
                        @match ws.touchpoint(id) {
                            Some(t) => li class={"tp " (t.owner.as_str())} {
                                div.row {
                                    a.tp-name href={(ctx.ws_url("/touchpoints")) "#tp-" (urlencode(&t.id))} { (t.name) }
                                    (owner_pill(ctx, t.owner))
                                }
                                dl.tp-facts {
                                    dt { (ctx.t("page-channel")) } dd { (channel_label(ctx, &t.channel)) " · " (mode_label(ctx, t.mode)) }
                                    dt { (ctx.t("page-discipline")) } dd { (discipline_label(ctx, t.discipline)) }
                                    @if let Some(a) = t.actor.as_deref() {
                                        dt { (ctx.t("page-actor")) }
                                        dd { (ws.actor(a).map(|a| a.name.as_str()).unwrap_or(a)) }
                                    }
                                    @if let Some(sv) = &t.survey {
                                        dt { (ctx.t("page-survey")) }
                                        dd { span.badge.survey { (survey_label(ctx, sv.kind)) } " " q { (sv.question) } }
                                    }
                                }
                            },
                            None => li.tp.unknown { code { (id) } },
                        }
                    }
                }
            }

            section {
                h3 { (ctx.t("page-emotional-elements")) }
                @if s.emotions.is_empty() { p.empty { (ctx.t("page-step-no-emotions")) } }
                @if !s.emotions.is_empty() {
                    ul.emotions {
                        @for e in &s.emotions {
                            li {
                                div.row {
                                    span.emotion-name { (e.name) }
                                    @if let Some(sense) = e.sense {
                                        span.tag.sense { (ctx.t("page-sense")) ": " (sense_label(ctx, sense)) }
                                    }
                                    @if let Some(i) = &e.intangible {
                                        span.tag.intangible { (ctx.t("page-intangible")) ": " (i) }
                                    }
                                }
                                div.persona-valences {
                                    @for p in &personas {
                                        span.pv title=(p.name) {
                                            span class={(avatar_class(persona_index(ws, &p.id))) " tiny"} aria-hidden="true" { (initials(short_name(&p.name))) }
                                            span.visually-hidden { (p.name) ": " }
                                            (valence_chip(ctx, f64::from(e.valence_for(Some(&p.id))), 0))
                                        }
                                    }
                                    @if personas.is_empty() {
                                        (valence_chip(ctx, f64::from(e.valence), 0))
                                    }
                                }
                            }
                        }
                    }
                    table.data.compact.designed {
                        caption { (ctx.t("page-designed-emotion")) }
                        tbody {
                            @for p in &personas {
                                tr {
                                    th scope="row" { a href=(persona_url(ctx, &p.id)) { (short_name(&p.name)) } }
                                    td { @if let Some(v) = s.designed_emotion(Some(&p.id)) { (valence_chip(ctx, v, 1)) } }
                                }
                            }
                        }
                    }
                }
            }

            @if !s.functional.is_empty() {
                section {
                    h3 { (ctx.t("page-functional-elements")) }
                    ul.checklist { @for f in &s.functional { li { (f) } } }
                }
            }
            @if !s.pain_points.is_empty() {
                section {
                    h3 { (ctx.t("page-pain-points")) }
                    ul.pains { @for p in &s.pain_points { li { (p) } } }
                }
            }
            @if !s.opportunities.is_empty() {
                section {
                    h3 { (ctx.t("page-opportunities")) }
                    ul.opportunities { @for o in &s.opportunities { li { (o) } } }
                }
            }
            @if !s.actors.is_empty() {
                section {
                    h3 { (ctx.t("page-actors")) }
                    p.pills {
                        @for id in &s.actors {
                            @match ws.actor(id) {
                                Some(a) => a class={"pill " (a.kind.as_str())} href={(ctx.ws_url("/goals")) "#actor-" (urlencode(&a.id))} title=(actor_kind_label(ctx, a.kind)) { (a.name) },
                                None => span.pill { (id) },
                            }
                        }
                    }
                }
            }
            @if !s.evidence.is_empty() {
                section {
                    h3 { (ctx.t("page-evidence")) }
                    @for e in &s.evidence {
                        figure class={"evidence " (match e.kind { EvidenceKind::Quote => "quote", EvidenceKind::Observation => "observation", EvidenceKind::Interview => "interview" })} {
                            span.badge { (evidence_label(ctx, e.kind)) }
                            blockquote { (e.text) }
                            @if !e.source.is_empty() || e.date.is_some() {
                                figcaption {
                                    (e.source)
                                    @if let Some(d) = e.date {
                                        @if !e.source.is_empty() { " · " }
                                        time datetime=(d.to_string()) { (ctx.tr.date(d)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !dilemmas.is_empty() {
                section {
                    h3 { (ctx.t("nav-dilemmas")) }
                    ul.plain {
                        @for d in dilemmas {
                            li { a href={(ctx.ws_url("/dilemmas")) "#dilemma-" (urlencode(&d.id))} { (d.question) } }
                        }
                    }
                }
            }
        }
    }
}
