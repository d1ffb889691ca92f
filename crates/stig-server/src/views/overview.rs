//! The overview of a workspace: brand promise, counts, personas, journeys, where the
//! touchpoints sit (phase × owner) and what the validator found.

use std::collections::BTreeSet;

use maud::{Markup, html};
use stig_model::{Diagnostic, Origin, Owner, Seg, Severity, Workspace};

use super::layout::{Nav, page};
use super::parts::{
    avatar_class, empty, journey_url, owner_label, persona_url, short_name, state_badge, step_url,
};
use super::{PageCtx, urlencode};

/// `GET /w/{ws}`: the workspace at a glance. `diagnostics` are `stig_model::validate(ws)`.
pub fn overview(ctx: &PageCtx<'_>, ws: &Workspace, diagnostics: &[Diagnostic]) -> Markup {
    let steps: usize = ws.journeys.iter().map(|j| j.steps.len()).sum();
    let counts = [
        ("page-count-personas", ws.personas.len(), "/personas"),
        ("page-count-journeys", ws.journeys.len(), "/journeys"),
        ("page-count-steps", steps, "/journeys"),
        (
            "page-count-touchpoints",
            ws.touchpoints.len(),
            "/touchpoints",
        ),
        ("page-count-actors", ws.actors.len(), "/goals#actors"),
        ("page-count-goals", ws.goals.len(), "/goals"),
        ("page-count-dilemmas", ws.dilemmas.len(), "/dilemmas"),
    ];
    let content = html! {
        div.heading {
            div.heading-text {
                p.eyebrow { (ctx.t("page-overview-eyebrow")) }
                h1 { (ws.settings.name) }
            }
            div.heading-actions {
                a.btn.secondary.small href=(ctx.ws_url("/export.zip")) { (ctx.t("page-overview-export")) }
            }
        }
        // The first-run guide (views/guide.rs): empty once every step is done.
        @if ctx.can_edit { div hx-get=(ctx.ws_url("/guide")) hx-trigger="load" hx-swap="outerHTML" { noscript { a href=(ctx.ws_url("/guide")) { (ctx.t("guide-title")) } } } }
        @if !ws.settings.brand_promise.is_empty() {
            figure.promise {
                figcaption { (ctx.t("page-overview-brand-promise")) }
                blockquote { (ws.settings.brand_promise) }
            }
        }
        ul.stats aria-label=(ctx.t("page-overview-counts")) {
            @for (key, n, rest) in counts {
                li { a href=(ctx.ws_url(rest)) { strong { (n) } span { (ctx.t(key)) } } }
            }
        }
        div.overview-grid {
            section.card {
                div.section-head {
                    h2 { (ctx.t("nav-personas")) }
                    a href=(ctx.ws_url("/personas")) { (ctx.t("page-overview-all-personas")) }
                }
                @if ws.personas.is_empty() { (empty(ctx, "page-personas-empty")) }
                ul.mini-personas {
                    @for (i, p) in ws.personas.iter().enumerate() {
                        li {
                            span class=(avatar_class(i)) aria-hidden="true" { (super::parts::initials(short_name(&p.name))) }
                            div {
                                a.name href=(persona_url(ctx, &p.id)) { (p.name) }
                                @if !p.quote.is_empty() { q { (p.quote) } }
                            }
                        }
                    }
                }
            }
            section.card {
                div.section-head {
                    h2 { (ctx.t("nav-journeys")) }
                    a href=(ctx.ws_url("/journeys")) { (ctx.t("page-overview-all-journeys")) }
                }
                @if ws.journeys.is_empty() { (empty(ctx, "page-journeys-empty")) }
                ul.mini-journeys {
                    @for j in &ws.journeys {
                        li {
                            div.row {
                                a.name href=(journey_url(ctx, &j.id)) { (j.name) }
                                (state_badge(ctx, j.state))
                            }
                            @if !j.goal.is_empty() {
                                p.goal { span.muted { (ctx.t("page-journey-goal")) ": " } (j.goal) }
                            }
                            p.meta {
                                (ctx.tr.ta("page-steps-count", &[("count", j.steps.len().into())]))
                                @if let Some(as_is) = j.as_is.as_deref().and_then(|id| ws.journey(id)) {
                                    " · " (ctx.t("page-journey-improves-on")) " "
                                    a href=(journey_url(ctx, &as_is.id)) { (as_is.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (ctx.t("page-matrix-title")) }
            p.muted { (ctx.t("page-matrix-lead")) }
            (matrix(ctx, ws))
        }
        section.card #diagnostics {
            h2 { (ctx.t("page-diagnostics-title")) }
            (diagnostics_list(ctx, ws, diagnostics))
        }
    };
    page(ctx, &ctx.t("nav-overview"), Nav::Overview, content)
}

/// Touchpoints used in each phase (rows, by phase id across journeys) by owner (columns).
/// An empty cell is a gap worth a look: no one meets the customer there.
fn matrix(ctx: &PageCtx<'_>, ws: &Workspace) -> Markup {
    // Phases in first-seen order, named as their first journey names them.
    let mut phases: Vec<(&str, &str)> = Vec::new();
    for j in &ws.journeys {
        for p in &j.phases {
            if !phases.iter().any(|(id, _)| *id == p.id) {
                phases.push((&p.id, &p.name));
            }
        }
    }
    if phases.is_empty() {
        return empty(ctx, "page-journeys-empty");
    }
    let owners = [Owner::Own, Owner::Partner, Owner::Public];
    let cell = |phase: &str, owner: Owner| -> BTreeSet<(&str, &str)> {
        let mut out = BTreeSet::new();
        for j in &ws.journeys {
            for s in &j.steps {
                if j.phase_of(s).map(|p| p.id.as_str()) != Some(phase) {
                    continue;
                }
                for t in s.touchpoints.iter().filter_map(|id| ws.touchpoint(id)) {
                    if t.owner == owner {
                        out.insert((t.name.as_str(), t.id.as_str()));
                    }
                }
            }
        }
        out
    };
    html! {
        div.table-scroll {
            table.data.matrix {
                thead {
                    tr {
                        th scope="col" { (ctx.t("page-phase")) }
                        @for o in owners {
                            th scope="col" class=(o.as_str()) { (owner_label(ctx, o)) }
                        }
                    }
                }
                tbody {
                    @for (id, name) in &phases {
                        tr {
                            th scope="row" { (name) }
                            @for o in owners {
                                @let tps = cell(id, o);
                                @if tps.is_empty() {
                                    td.gap { span { (ctx.t("page-matrix-gap")) } }
                                } @else {
                                    td {
                                        @for (tname, tid) in &tps {
                                            a class={"pill " (o.as_str())} href={(ctx.ws_url("/touchpoints")) "#tp-" (urlencode(tid))} { (tname) }
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
}

fn diagnostics_list(ctx: &PageCtx<'_>, ws: &Workspace, diagnostics: &[Diagnostic]) -> Markup {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.severity()));
    html! {
        @if diagnostics.is_empty() {
            p.all-good { "✓ " (ctx.t("page-diagnostics-none")) }
        } @else {
            p.diag-summary {
                @if errors > 0 {
                    span.badge.error { (ctx.tr.ta("page-diagnostics-errors", &[("count", errors.into())])) }
                }
                @if warnings > 0 {
                    span.badge.warning { (ctx.tr.ta("page-diagnostics-warnings", &[("count", warnings.into())])) }
                }
            }
            ul.diagnostics {
                @for d in sorted {
                    @let (class, key) = match d.severity() {
                        Severity::Error => ("error", "page-diagnostic-error"),
                        Severity::Warning => ("warning", "page-diagnostic-warning"),
                    };
                    li class=(class) {
                        span class={"sev " (class)} { (ctx.t(key)) }
                        div {
                            p.msg { (super::forms::checks::message(ctx, d)) }
                            @if let Some(help) = super::forms::checks::help(ctx, d) { p.help { (help) } }
                            p.where {
                                code { (d.code.as_str()) }
                                @if let Some((label, url)) = entity_link(ctx, ws, d) {
                                    " · " a href=(url) { (label) }
                                    @if ctx.can_edit {
                                        @if let Some(edit) = edit_url(ctx, ws, d) {
                                            " · " a href=(edit) { (ctx.t("action-edit")) }
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
}

/// The page showing the entity a diagnostic is about, with a label naming it.
pub fn entity_link(ctx: &PageCtx<'_>, ws: &Workspace, d: &Diagnostic) -> Option<(String, String)> {
    let path = &d.location.path;
    match d.location.origin {
        Origin::Workspace | Origin::Settings => None,
        Origin::Persona(i) => {
            let p = ws.personas.get(i)?;
            Some((p.name.clone(), persona_url(ctx, &p.id)))
        }
        Origin::Journey(i) => {
            let j = ws.journeys.get(i)?;
            // `step[n]…` points at one step: open its details.
            if let [Seg::Key(k), Seg::Index(n), ..] = path.as_slice()
                && k == "step"
                && let Some(s) = j.steps.get(*n)
            {
                return Some((
                    format!("{} › {}", j.name, s.action),
                    step_url(ctx, &j.id, &s.id),
                ));
            }
            Some((j.name.clone(), journey_url(ctx, &j.id)))
        }
        Origin::Touchpoint(i) => {
            let t = ws.touchpoints.get(i)?;
            Some((
                t.name.clone(),
                format!("{}#tp-{}", ctx.ws_url("/touchpoints"), urlencode(&t.id)),
            ))
        }
        Origin::Actor(i) => {
            let a = ws.actors.get(i)?;
            Some((
                a.name.clone(),
                format!("{}#actor-{}", ctx.ws_url("/goals"), urlencode(&a.id)),
            ))
        }
        Origin::Goal(i) => {
            let g = ws.goals.get(i)?;
            Some((
                g.name.clone(),
                format!("{}#goal-{}", ctx.ws_url("/goals"), urlencode(&g.id)),
            ))
        }
        Origin::Dilemma(i) => {
            let d = ws.dilemmas.get(i)?;
            Some((
                d.question.clone(),
                format!("{}#dilemma-{}", ctx.ws_url("/dilemmas"), urlencode(&d.id)),
            ))
        }
        Origin::Moment(i) => {
            let m = ws.moments.get(i)?;
            Some((
                m.name.clone(),
                ctx.ws_url(&format!("/moments/{}", urlencode(&m.id))),
            ))
        }
    }
}

/// The edit form of the entity a diagnostic is about.
fn edit_url(ctx: &PageCtx<'_>, ws: &Workspace, d: &Diagnostic) -> Option<String> {
    let (kind, id) = match d.location.origin {
        Origin::Workspace | Origin::Settings => return None,
        Origin::Persona(i) => ("personas", &ws.personas.get(i)?.id),
        Origin::Journey(i) => {
            let j = ws.journeys.get(i)?;
            if let [Seg::Key(k), Seg::Index(n), ..] = d.location.path.as_slice()
                && k == "step"
                && let Some(s) = j.steps.get(*n)
            {
                return Some(ctx.ws_url(&format!(
                    "/journeys/{}/steps/{}/edit",
                    urlencode(&j.id),
                    urlencode(&s.id)
                )));
            }
            ("journeys", &j.id)
        }
        Origin::Touchpoint(i) => ("touchpoints", &ws.touchpoints.get(i)?.id),
        Origin::Actor(i) => ("actors", &ws.actors.get(i)?.id),
        Origin::Goal(i) => ("goals", &ws.goals.get(i)?.id),
        Origin::Dilemma(i) => ("dilemmas", &ws.dilemmas.get(i)?.id),
        Origin::Moment(i) => ("moments", &ws.moments.get(i)?.id),
    };
    Some(ctx.ws_url(&format!("/{kind}/{}/edit", urlencode(id))))
}
