//! One persona's page: what defines them (loves, hates, motives, needs, dreams), their
//! demographics kept apart, and how each journey drawn for them is designed to feel.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};
use stig_model::{Journey, Persona, Workspace};

use super::layout::{Nav, page};
use super::parts::{
    avatar_class, edit_button, initials, journey_url, persona_index, short_name, state_badge,
    step_url, valence_chip, xml_escape as esc,
};
use super::{PageCtx, urlencode};

/// `GET /w/{ws}/personas/{id}`.
/// The persona in the data: its members (customers whose primary persona it is) and what
/// they report along its journeys.
pub struct LivePersona {
    pub members: usize,
    pub customers: usize,
    /// The members matching it best: (customer id, affinity, why).
    pub top: Vec<(String, f32, stig_insight::persona::Explanation)>,
    /// Per journey: its name and the members' measured emotion per step.
    pub journeys: Vec<(String, Vec<stig_insight::emotion::StepEmotion>)>,
}

/// A persona's avatar: its picture when it has one (`picture`: the URL), else its initials on
/// its colour. `size`: "", "large" or "tiny" (classes of `.avatar`).
pub fn persona_avatar(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    persona: &Persona,
    picture: Option<&str>,
    size: &str,
) -> Markup {
    let class = format!("{} {size}", avatar_class(persona_index(ws, &persona.id)));
    html! {
        @match picture {
            Some(url) => img class={(class) " picture"} src=(url) style="object-fit: cover"
                alt=(ctx.tr.ta("photo-alt", &[("name", persona.name.clone().into())]));
            None => span class=(class) aria-hidden="true" { (initials(short_name(&persona.name))) },
        }
    }
}

pub fn persona_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    persona: &Persona,
    live: Option<&LivePersona>,
    picture: Option<&str>,
) -> Markup {
    let p = persona;
    let journeys: Vec<&Journey> = ws
        .journeys
        .iter()
        .filter(|j| j.personas.is_empty() || j.personas.contains(&p.id))
        .collect();
    let edit = ctx.ws_url(&format!("/personas/{}/edit", urlencode(&p.id)));
    let content = html! {
        nav.crumbs aria-label=(ctx.t("page-breadcrumbs")) {
            a href=(ctx.ws_url("/personas")) { (ctx.t("nav-personas")) } " › "
        }
        div.heading.persona-head {
            (persona_avatar(ctx, ws, p, picture, "large"))
            div.heading-text {
                h1 { (p.name) }
                @if !p.quote.is_empty() { p.lead { q { (p.quote) } } }
            }
            div.heading-actions { (edit_button(ctx, &edit)) }
        }
        div.persona-layout {
            div.persona-main {
                div.love-hate {
                    section.card.love-card {
                        h2 { (ctx.t("page-persona-loves")) }
                        @if p.loves.is_empty() { p.empty { (ctx.t("page-persona-none")) } }
                        ul.plain { @for l in &p.loves { li { span.dot.love aria-hidden="true" {} (l) } } }
                    }
                    section.card.hate-card {
                        h2 { (ctx.t("page-persona-hates")) }
                        @if p.hates.is_empty() { p.empty { (ctx.t("page-persona-none")) } }
                        ul.plain { @for h in &p.hates { li { span.dot.hate aria-hidden="true" {} (h) } } }
                    }
                }
                section.card.motives {
                    dl.facts {
                        @if !p.motivation.is_empty() {
                            dt { (ctx.t("page-persona-motivation")) }
                            dd { (p.motivation) }
                        }
                        @if !p.real_motive.is_empty() {
                            dt { (ctx.t("page-persona-real-motive")) }
                            dd.real-motive { (p.real_motive) }
                        }
                        @if !p.companions.is_empty() {
                            dt { (ctx.t("page-persona-companions")) }
                            dd { (p.companions.join(", ")) }
                        }
                    }
                    div.two-lists {
                        @if !p.needs.is_empty() {
                            div {
                                h3 { (ctx.t("page-persona-needs")) }
                                ul { @for n in &p.needs { li { (n) } } }
                            }
                        }
                        @if !p.dreams.is_empty() {
                            div {
                                h3 { (ctx.t("page-persona-dreams")) }
                                ul { @for d in &p.dreams { li { (d) } } }
                            }
                        }
                    }
                }
            }
            aside.persona-side {
                section.card.demographics aria-labelledby="demographics-title" {
                    h2 #demographics-title { (ctx.t("page-persona-demographics")) }
                    p.note { (ctx.t("page-persona-demographics-note")) }
                    @let d = &p.demographics;
                    @if d.is_empty() {
                        p.empty { (ctx.t("page-persona-demographics-none")) }
                    } @else {
                        dl.facts.compact {
                            @if let Some(age) = d.age { dt { (ctx.t("page-demo-age")) } dd { (age) } }
                            @if let Some(v) = &d.gender { dt { (ctx.t("page-demo-gender")) } dd { (v) } }
                            @if let Some(v) = &d.home { dt { (ctx.t("page-demo-home")) } dd { (v) } }
                            @if let Some(v) = &d.household { dt { (ctx.t("page-demo-household")) } dd { (v) } }
                            @if let Some(v) = &d.occupation { dt { (ctx.t("page-demo-occupation")) } dd { (v) } }
                            @if let Some(v) = &d.income { dt { (ctx.t("page-demo-income")) } dd { (v) } }
                        }
                    }
                }
                (dilemma_effects(ctx, ws, p))
            }
        }
        @if let Some(l) = live { (live_section(ctx, p, l)) }
        section.persona-journeys {
            h2 { (ctx.t("page-persona-journeys")) }
            @if journeys.is_empty() { p.empty { (ctx.t("page-persona-no-journeys")) } }
            @for j in &journeys {
                (journey_emotion(ctx, j, p))
            }
        }
        @if ctx.can_edit {
            (super::forms::persona::picture_form(ctx, &ctx.ws_url(&format!("/personas/{}", urlencode(&p.id))), &p.name))
        }
    };
    page(ctx, &p.name, Nav::Personas, content)
}

fn live_section(ctx: &PageCtx<'_>, p: &Persona, l: &LivePersona) -> Markup {
    let share = if l.customers > 0 {
        100.0 * l.members as f64 / l.customers as f64
    } else {
        0.0
    };
    html! {
        section.card.live-persona {
            div.section-head {
                h2 { (ctx.t("insight-persona-live")) }
                a href=(ctx.ws_url(&format!("/insight?persona={}", urlencode(&p.id)))) { (ctx.t("nav-insight")) " →" }
            }
            p.lead { (ctx.tr.ta("insight-persona-members", &[("n", ctx.tr.number(l.members as f64, 0).into()), ("share", ctx.tr.number(share, 0).into())])) }
            @if !l.top.is_empty() {
                table.data.compact {
                    thead { tr { th { (ctx.t("page-customers-title")) } th.num { (ctx.t("insight-profile-affinity-short")) } th { (ctx.t("insight-loves")) } th { (ctx.t("insight-hates")) } } }
                    tbody {
                        @for (id, a, why) in &l.top {
                            tr {
                                td { a href=(ctx.ws_url(&format!("/customers/{}", urlencode(id)))) { (id) } }
                                td.num { (ctx.tr.number(f64::from(*a), 2)) }
                                td { @for t in &why.loves { span.pill.love { (t) } } }
                                td { @for t in &why.hates { span.pill.hate { (t) } } }
                            }
                        }
                    }
                }
            }
            @for (name, steps) in &l.journeys {
                @if steps.iter().any(|s| s.measured.is_some()) {
                    h3 { (ctx.tr.ta("insight-persona-along", &[("journey", name.clone().into())])) }
                    div.table-scroll {
                        table.data.compact {
                            thead { tr { th { (ctx.t("insight-step")) } th.num { (ctx.t("insight-designed")) } th.num { (ctx.t("insight-measured")) } th.num { (ctx.t("insight-answers")) } } }
                            tbody {
                                @for s in steps.iter().filter(|s| s.answers > 0) {
                                    tr.stuck[s.flagged] {
                                        td { (s.name) }
                                        td.num { @if let Some(d) = s.designed { (valence_chip(ctx, d, 1)) } @else { "–" } }
                                        td.num { @if let Some(m) = s.measured { (valence_chip(ctx, m, 1)) } @else { span.muted { (ctx.t("insight-too-few")) } } }
                                        td.num { (ctx.tr.number(f64::from(s.answers), 0)) }
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

/// One journey's designed emotion for the persona: a sparkline and, folded, a table per step.
fn journey_emotion(ctx: &PageCtx<'_>, j: &Journey, p: &Persona) -> Markup {
    let steps = j.ordered_steps();
    let map = format!("{}?persona={}", journey_url(ctx, &j.id), urlencode(&p.id));
    html! {
        article.card.journey-emotion {
            div.section-head {
                h3 { a href=(map) { (j.name) } " " (state_badge(ctx, j.state)) }
                a href=(map) { (ctx.t("page-persona-open-map")) " →" }
            }
            (emotion_sparkline(ctx, j, &p.id, &p.name))
            details {
                summary { (ctx.t("page-persona-step-table")) }
                table.data.compact {
                    thead { tr {
                        th scope="col" { (ctx.t("page-phase")) }
                        th scope="col" { (ctx.t("page-step")) }
                        th scope="col" { (ctx.t("page-designed-emotion")) }
                    } }
                    tbody {
                        @for s in &steps {
                            tr {
                                td.muted { (j.phase_of(s).map(|ph| ph.name.as_str()).unwrap_or("")) }
                                td { a href=(step_url(ctx, &j.id, &s.id)) { (s.action) } }
                                td {
                                    @match s.designed_emotion(Some(&p.id)) {
                                        Some(v) => (valence_chip(ctx, v, 1)),
                                        None => span.muted { "–" },
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

/// Hex colour of a valence, the same scale as on the journey map.
pub fn valence_hex(v: f64) -> &'static str {
    match v.round().clamp(-2.0, 2.0) as i8 {
        -2 => "#C0392B",
        -1 => "#D35400",
        0 => "#8F9BA8",
        1 => "#5E9E34",
        _ => "#23895A",
    }
}

/// A sparkline of the designed emotion (−2…+2) per step for one persona, with the phases
/// as bands behind it. Steps without emotional elements leave a gap in the line.
pub fn emotion_sparkline(
    ctx: &PageCtx<'_>,
    j: &Journey,
    persona_id: &str,
    persona_name: &str,
) -> Markup {
    let steps = j.ordered_steps();
    let n = steps.len().max(1);
    let step_w = 62.0_f64;
    let left = 30.0;
    let width = left + step_w * n as f64 + 10.0;
    let (top, unit) = (30.0, 19.0); // y of +2, pixels per valence unit
    let y = |v: f64| top + (2.0 - v) * unit;
    let x = |i: usize| left + step_w * (i as f64 + 0.5);
    let height = y(-2.0) + 26.0;
    let title = ctx.tr.ta(
        "page-sparkline-title",
        &[
            ("persona", persona_name.into()),
            ("journey", j.name.as_str().into()),
        ],
    );
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="sparkline" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        esc(&title)
    );
    let _ = write!(svg, "<title>{}</title>", esc(&title));
    // Phase bands.
    let mut i = 0;
    let mut band = 0;
    while i < steps.len() {
        let phase = j.phase_of(steps[i]).map(|p| p.id.as_str());
        let start = i;
        while i < steps.len() && j.phase_of(steps[i]).map(|p| p.id.as_str()) == phase {
            i += 1;
        }
        let x0 = left + step_w * start as f64;
        let w = step_w * (i - start) as f64;
        let fill = if band % 2 == 0 { "#f3f6fa" } else { "#ffffff" };
        let _ = write!(
            svg,
            r##"<rect x="{x0:.1}" y="0" width="{w:.1}" height="{height:.1}" fill="{fill}"/>"##
        );
        let name = j
            .phase_of(steps[start])
            .map(|p| p.name.as_str())
            .unwrap_or("");
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="15" font-size="11.5" fill="#5b6675" font-weight="600">{}</text>"##,
            x0 + 6.0,
            esc(name)
        );
        band += 1;
    }
    // Axis: +2, 0, −2.
    for v in [2.0, 0.0, -2.0] {
        let yy = y(v);
        let dash = if v == 0.0 {
            ""
        } else {
            r#" stroke-dasharray="2 3""#
        };
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#c5ced9"{dash}/>"##,
            width - 10.0
        );
        let label = if v > 0.0 {
            "+2".to_owned()
        } else if v < 0.0 {
            "−2".to_owned()
        } else {
            "0".to_owned()
        };
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#5b6675" text-anchor="end">{label}</text>"##,
            left - 6.0,
            yy + 3.5
        );
    }
    // The line, broken where a step has no emotional elements.
    let values: Vec<Option<f64>> = steps
        .iter()
        .map(|s| s.designed_emotion(Some(persona_id)))
        .collect();
    let mut d = String::new();
    let mut pen_down = false;
    for (k, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = write!(
                    d,
                    "{}{:.1} {:.1}",
                    if pen_down { " L" } else { " M" },
                    x(k),
                    y(*v)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !d.is_empty() {
        let _ = write!(
            svg,
            r##"<path d="{}" fill="none" stroke="#1f5f99" stroke-width="2" stroke-linejoin="round"/>"##,
            d.trim()
        );
    }
    for (k, (v, s)) in values.iter().zip(&steps).enumerate() {
        if let Some(v) = v {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{}" stroke="#fff" stroke-width="1.5"><title>{}: {}</title></circle>"##,
                x(k),
                y(*v),
                valence_hex(*v),
                esc(&s.action),
                esc(&super::parts::valence_text(*v, 1, ctx))
            );
        }
    }
    // Step numbers under the line, as on the map.
    for k in 0..steps.len() {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#7b8794" text-anchor="middle">{}</text>"##,
            x(k),
            height - 7.0,
            k + 1
        );
    }
    svg.push_str("</svg>");
    html! { div.sparkline-frame { (PreEscaped(svg)) } }
}

/// How the workspace's dilemmas land for this persona: each option's effect, the chosen one marked.
fn dilemma_effects(ctx: &PageCtx<'_>, ws: &Workspace, p: &Persona) -> Markup {
    let relevant: Vec<_> = ws
        .dilemmas
        .iter()
        .filter(|d| d.options.iter().any(|o| o.satisfaction.contains_key(&p.id)))
        .collect();
    html! {
        @if !relevant.is_empty() {
            section.card.persona-dilemmas {
                h2 { (ctx.t("page-persona-dilemmas")) }
                @for d in relevant {
                    h3 { a href={(ctx.ws_url("/dilemmas")) "#dilemma-" (urlencode(&d.id))} { (d.question) } }
                    ul.plain.effects {
                        @for o in &d.options {
                            @if let Some(v) = o.satisfaction.get(&p.id) {
                                li class=[(d.chosen.as_deref() == Some(o.id.as_str())).then_some("chosen")] {
                                    (valence_chip(ctx, f64::from(*v), 0))
                                    " " (o.name)
                                    @if d.chosen.as_deref() == Some(o.id.as_str()) {
                                        " " span.badge.chosen { (ctx.t("page-dilemma-chosen")) }
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
