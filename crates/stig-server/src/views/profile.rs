//! A customer's profile: who they are (ids, traits and their history), where they stand
//! (lifecycle), their runs of the designed journeys (one drawn on the journey map), what
//! they said (feedback), the business moments that fired for them, and what they did (the
//! event timeline).

use maud::{Markup, html};
use serde_json::Value;
use stig_model::Workspace;
use stig_pipeline::customers::{JourneyInstance, LifecycleKind, Profile};
use stig_store::StoredEvent;

use super::customers::{display_name, run_badge, status_badge, when};
use super::layout::trusted_svg;
use super::parts::{empty, journey_url, page_head};
use super::{PageCtx, urlencode};

/// The run drawn on the map, with the map itself.
pub struct DrawnRun<'a> {
    pub instance: &'a JourneyInstance,
    pub svg: String,
}

/// Which customer type someone is: their affinity to every persona (best first), the
/// primary one if any, and why.
pub struct CustomerType {
    pub affinities: Vec<(String, f32)>,
    pub primary: Option<String>,
    pub explanation: stig_insight::persona::Explanation,
}

pub fn profile_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    p: &Profile,
    drawn: Option<DrawnRun<'_>>,
    timeline: &[StoredEvent],
    kind: Option<&CustomerType>,
    moments: &super::moments::ActivityView<'_>,
) -> Markup {
    let journey_name = |id: &str| {
        ws.journey(id)
            .map_or_else(|| id.to_owned(), |j| j.name.clone())
    };
    let touchpoint_name = |id: &str| {
        ws.touchpoint(id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    };
    let self_url = ctx.ws_url(&format!("/customers/{}", urlencode(&p.id)));
    let name = display_name(p);
    html! {
        p.crumbs { a href=(ctx.ws_url("/customers")) { "← " (ctx.t("page-customers-title")) } }
        (page_head(&name, None, html! { (status_badge(ctx, p.status)) }))
        div.profile-layout {
            aside {
                section.card {
                    h2 { (ctx.t("page-profile-identity")) }
                    dl.facts.compact {
                        dt { (ctx.t("page-profile-user-ids")) }
                        dd { @for id in &p.user_ids { code { (id) } " " } @if p.user_ids.is_empty() { span.muted { (ctx.t("page-profile-anonymous")) } } }
                        dt { (ctx.t("page-profile-anonymous-ids")) }
                        dd { @for id in &p.anonymous_ids { code { (id) } " " } @if p.anonymous_ids.is_empty() { "–" } }
                        dt { (ctx.t("page-customers-first-seen")) } dd { (when(ctx, p.first_seen)) }
                        dt { (ctx.t("page-customers-last-seen")) } dd { (when(ctx, p.last_seen)) }
                        dt { (ctx.t("page-customers-events")) } dd { (ctx.tr.number(p.events as f64, 0)) }
                    }
                }
                @if let Some(k) = kind {
                    section.card {
                        h2 { (ctx.t("insight-profile-type")) }
                        @match &k.primary {
                            Some(name) => p { strong { (name) } },
                            None => p.muted { (ctx.t("insight-profile-no-type")) },
                        }
                        @if !k.explanation.loves.is_empty() {
                            p { span.tag-label { (ctx.t("insight-loves")) } @for t in &k.explanation.loves { span.pill.love { (t) } } }
                        }
                        @if !k.explanation.hates.is_empty() {
                            p { span.tag-label { (ctx.t("insight-hates")) } @for t in &k.explanation.hates { span.pill.hate { (t) } } }
                        }
                        dl.facts.compact {
                            @for (name, a) in &k.affinities {
                                dt { (name) }
                                dd { span.severity title=(ctx.t("insight-profile-affinity")) { span.severity-bar.affinity style=(format!("width:{:.0}%", 100.0 * a.max(0.0))) {} } " " (ctx.tr.number(f64::from(*a), 2)) }
                            }
                        }
                    }
                }
                section.card {
                    h2 { (ctx.t("page-profile-traits")) }
                    @if p.traits.is_empty() {
                        (empty(ctx, "page-profile-no-traits"))
                    } @else {
                        dl.facts.compact {
                            @for (k, v) in &p.traits { dt { (k) } dd { (value_text(v)) } }
                        }
                        @if p.trait_history.len() > p.traits.len() {
                            details {
                                summary { (ctx.t("page-profile-trait-history")) }
                                ol.history {
                                    @for t in p.trait_history.iter().rev() {
                                        li { span.muted.small { (when(ctx, t.at)) } " " strong { (t.key) } " = " (value_text(&t.value)) }
                                    }
                                }
                            }
                        }
                    }
                }
                section.card {
                    h2 { (ctx.t("page-profile-lifecycle")) }
                    @if p.lifecycle.is_empty() {
                        (empty(ctx, "page-profile-no-lifecycle"))
                    } @else {
                        ol.lifecycle {
                            @for l in &p.lifecycle {
                                li class=(lifecycle_class(&l.kind)) {
                                    span.muted.small { (when(ctx, l.at)) } br;
                                    (lifecycle_text(ctx, &l.kind, &journey_name))
                                }
                            }
                        }
                    }
                }
            }
            div.profile-main {
                section.card {
                    h2 { (ctx.t("page-profile-runs")) }
                    @if p.instances.is_empty() {
                        (empty(ctx, "page-profile-no-runs"))
                    } @else {
                        table.data.compact {
                            thead { tr {
                                th { (ctx.t("page-customers-journey")) }
                                th { (ctx.t("page-profile-run")) }
                                th { (ctx.t("page-customers-status")) }
                                th { (ctx.t("page-profile-started")) }
                                th { (ctx.t("page-profile-last")) }
                                th { (ctx.t("page-profile-where")) }
                                th.num { (ctx.t("page-profile-hits")) }
                            } }
                            tbody {
                                @for i in p.instances.iter().rev() {
                                    @let selected = drawn.as_ref().is_some_and(|d| std::ptr::eq(d.instance, i));
                                    tr class=[selected.then_some("selected")] {
                                        td { a href=(journey_url(ctx, &i.journey)) { (journey_name(&i.journey)) } }
                                        td { a href={(self_url) "?run=" (urlencode(&i.journey)) ":" (i.run) "#map"} { "#" (i.run) } }
                                        td { (run_badge(ctx, i.status)) }
                                        td { (when(ctx, i.started_at)) }
                                        td { (when(ctx, i.last_at)) }
                                        td { (step_text(ws, i)) }
                                        td.num { (i.hits.len()) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(d) = &drawn {
                    section.card #map {
                        h2 { (journey_name(&d.instance.journey)) " #" (d.instance.run) " " (run_badge(ctx, d.instance.status)) }
                        p.hint { (ctx.t("page-profile-map-hint")) }
                        ol.path {
                            @for (n, h) in d.instance.hits.iter().enumerate() {
                                li { span.path-n { (n + 1) } " " (touchpoint_name(&h.touchpoint)) " " span.muted.small { (when(ctx, h.at)) } }
                            }
                        }
                        div.map-frame { (trusted_svg(&d.svg)) }
                    }
                }
                section.card {
                    h2 { (ctx.t("page-profile-feedback")) }
                    @if p.feedback.is_empty() {
                        (empty(ctx, "page-profile-no-feedback"))
                    } @else {
                        table.data.compact {
                            thead { tr {
                                th { (ctx.t("page-profile-when")) }
                                th { (ctx.t("page-profile-touchpoint")) }
                                th { (ctx.t("page-profile-score")) }
                                th { (ctx.t("page-profile-comment")) }
                                th { (ctx.t("page-profile-run")) }
                            } }
                            tbody {
                                @for f in p.feedback.iter().rev() {
                                    tr {
                                        td { (when(ctx, f.at)) }
                                        td { @if let Some(t) = &f.touchpoint { (touchpoint_name(t)) } @else { "–" } }
                                        td { span.badge { (f.kind.as_str().to_uppercase()) " " (ctx.tr.number(f.score, 0)) } }
                                        td { @if let Some(c) = &f.comment { q { (c) } } }
                                        td { @if let Some((j, run)) = &f.instance { (journey_name(j)) " #" (run) } }
                                    }
                                }
                            }
                        }
                    }
                }
                (super::moments::profile_moments(ctx, ws, moments))
                section.card {
                    h2 { (ctx.t("page-profile-timeline")) }
                    @if timeline.is_empty() {
                        (empty(ctx, "page-profile-no-events"))
                    } @else {
                        ol.timeline {
                            @for e in timeline {
                                li {
                                    span.muted.small { (when(ctx, e.timestamp)) }
                                    " " span class={"badge type-" (e.kind)} { (e.kind) }
                                    " " strong { (event_title(e)) }
                                    @if let Some(props) = e.body.get("properties").and_then(Value::as_object).filter(|m| !m.is_empty()) {
                                        " " span.props { @for (k, v) in props.iter().take(6) { span.prop { (k) "=" (value_text(v)) } " " } }
                                    }
                                }
                            }
                        }
                        p.hint { (ctx.tr.ta("page-profile-timeline-hint", &[("shown", (timeline.len() as f64).into())])) }
                    }
                }
            }
        }
    }
}

fn step_text(ws: &Workspace, i: &JourneyInstance) -> String {
    let j = ws.journey(&i.journey);
    let step = j
        .and_then(|j| j.steps.iter().find(|s| s.id == i.step))
        .map_or(i.step.as_str(), |s| s.action.as_str());
    let phase = j
        .and_then(|j| j.phases.iter().find(|p| p.id == i.phase))
        .map_or(i.phase.as_str(), |p| p.name.as_str());
    format!("{phase} · {step}")
}

fn lifecycle_class(kind: &LifecycleKind) -> &'static str {
    match kind {
        LifecycleKind::Acquired { .. } => "acquired",
        LifecycleKind::Churned { .. } => "churned",
        LifecycleKind::Reactivated => "reactivated",
    }
}

fn lifecycle_text(
    ctx: &PageCtx<'_>,
    kind: &LifecycleKind,
    journey_name: &dyn Fn(&str) -> String,
) -> String {
    match kind {
        LifecycleKind::Acquired { via } => {
            let via = journey_name(via);
            ctx.tr.ta("page-profile-acquired", &[("via", via.into())])
        }
        LifecycleKind::Churned { event: Some(e) } => ctx
            .tr
            .ta("page-profile-churned-event", &[("event", e.clone().into())]),
        LifecycleKind::Churned { event: None } => ctx.t("page-profile-churned-silent"),
        LifecycleKind::Reactivated => ctx.t("page-profile-reactivated"),
    }
}

/// What an event is called in the timeline: a track's event name, a page's name, else its type.
fn event_title(e: &StoredEvent) -> String {
    e.event
        .clone()
        .or_else(|| {
            e.body
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| e.kind.clone())
}

/// A JSON value as short text: strings bare, the rest as JSON, cut at 80 characters.
pub fn value_text(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(79).collect();
        format!("{cut}…")
    } else {
        s
    }
}
