//! A customer's profile: who they are (ids, traits and their history), where they stand
//! (lifecycle), their runs of the designed journeys (one drawn on the journey map), what
//! they said (feedback), the business moments that fired for them, and what they did (the
//! event timeline).

use super::customers::{contact, display_name, run_badge, status_badge, when};
use super::layout::trusted_svg;
use super::parts::{empty, journey_url, page_head};
use super::{PageCtx, urlencode};
use maud::{Markup, html};
use serde_json::Value;
use stig_model::Workspace;
use stig_pipeline::customers::{JourneyInstance, LifecycleKind, Profile};

/// The run drawn on the map, with the map itself.
pub struct DrawnRun<'a> {
    pub instance: &'a JourneyInstance,
    pub svg: String,
}

/// One event on a profile's timeline, read from its stored JSON.
pub struct TimelineEvent {
    pub at: jiff::Timestamp,
    /// `track`, `page`, `identify`…
    pub kind: String,
    /// A track's event name, a page's or screen's name, else the type.
    pub title: String,
    /// Its properties (traits for identify), as short text.
    pub props: Vec<(String, String)>,
}

impl TimelineEvent {
    /// The event in a stored JSON text, or `None` if it has no readable time.
    pub fn parse(text: &str) -> Option<Self> {
        let body: Value = serde_json::from_str(text).ok()?;
        let at = ["timestamp", "receivedAt", "originalTimestamp"]
            .iter()
            .find_map(|k| body.get(*k)?.as_str()?.parse::<jiff::Timestamp>().ok())?;
        let kind = body
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("track")
            .to_owned();
        let title = body
            .get("event")
            .or_else(|| body.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| kind.clone(), str::to_owned);
        let props = ["properties", "traits"]
            .iter()
            .filter_map(|k| body.get(*k).and_then(Value::as_object))
            .flat_map(|m| m.iter())
            .map(|(k, v)| (k.clone(), value_text(v)))
            .collect();
        Some(TimelineEvent {
            at,
            kind,
            title,
            props,
        })
    }
}

/// A page of a profile's timeline and the filter that chose it.
#[derive(Default)]
pub struct Timeline {
    pub events: Vec<TimelineEvent>,
    /// Events the filter takes, on every page.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// The number of the first event shown (1-based).
    pub first: usize,
    pub kind: String,
    pub name: String,
    pub from: String,
    pub to: String,
    /// Event names the workspace has seen, suggested in the name filter.
    pub seen_names: Vec<String>,
}

impl Timeline {
    fn filtered(&self) -> bool {
        !(self.kind.is_empty()
            && self.name.is_empty()
            && self.from.is_empty()
            && self.to.is_empty())
    }

    /// The profile's URL for `page` of this filter, at the timeline.
    fn url(&self, base: &str, page: usize) -> String {
        let mut q = Vec::new();
        for (k, v) in [
            ("type", &self.kind),
            ("name", &self.name),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !v.is_empty() {
                q.push(format!("{k}={}", urlencode(v)));
            }
        }
        q.push(format!("page={page}"));
        format!("{base}?{}#timeline", q.join("&"))
    }
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
    timeline: &Timeline,
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
    let (email, phone) = contact(&p.traits);
    html! {
        link rel="stylesheet" href="/assets/people.css";
        p.crumbs { a href=(ctx.ws_url("/customers")) { "← " (ctx.t("page-customers-title")) } }
        (page_head(&name, None, html! { (status_badge(ctx, p.status)) }))
        div.profile-layout {
            aside {
                section.card {
                    h2 { (ctx.t("page-profile-identity")) }
                    dl.facts.compact {
                        @if let Some(e) = &email {
                            dt { (ctx.t("page-profile-email")) } dd { a href={"mailto:" (e)} { (e) } }
                        }
                        @if let Some(ph) = &phone {
                            dt { (ctx.t("page-profile-phone")) } dd { a href={"tel:" (ph.replace(' ', ""))} { (ph) } }
                        }
                        dt { (ctx.t("page-profile-user-ids")) }
                        dd { @for id in &p.user_ids { code { (id) } " " } @if p.user_ids.is_empty() { span.muted { (ctx.t("page-profile-anonymous")) } } }
                        dt { (ctx.t("page-profile-anonymous-ids")) }
                        dd { @for id in &p.anonymous_ids { code { (id) } " " } @if p.anonymous_ids.is_empty() { "–" } }
                        dt { (ctx.t("page-customers-first-seen")) } dd { (when(ctx, p.first_seen)) }
                        dt { (ctx.t("page-customers-last-seen")) } dd { (when(ctx, p.last_seen)) }
                        dt { (ctx.t("page-customers-events")) } dd { (ctx.tr.number(p.events as f64, 0)) }
                    }
                }
                @if ctx.is_admin {
                    (super::people::privacy_card(ctx, &p.id))
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
                        table.traits {
                            tbody {
                                @for (k, v) in trait_rows(&p.traits) {
                                    tr { th scope="row" { (k) } td { (v) } }
                                }
                            }
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
                (super::consent::profile_section(ctx, &p.consent))
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
                section.card #timeline {
                    h2 { (ctx.t("page-profile-timeline")) }
                    (timeline_filters(ctx, &self_url, timeline))
                    @if timeline.events.is_empty() {
                        (empty(ctx, if timeline.filtered() { "page-profile-no-events-match" } else { "page-profile-no-events" }))
                    } @else {
                        p.hint { (ctx.tr.ta("page-profile-events-shown", &[
                            ("first", (timeline.first as f64).into()),
                            ("last", ((timeline.first + timeline.events.len() - 1) as f64).into()),
                            ("total", (timeline.total as f64).into()),
                        ])) }
                        ol.timeline {
                            @for e in &timeline.events {
                                li {
                                    span.muted.small { (when(ctx, e.at)) }
                                    " " span class={"badge type-" (e.kind)} { (e.kind) }
                                    " " strong { (e.title) }
                                    @if !e.props.is_empty() {
                                        " " span.props { @for (k, v) in e.props.iter().take(6) { span.prop { (k) "=" (v) } " " } }
                                    }
                                }
                            }
                        }
                        @if timeline.pages > 1 {
                            nav.pager aria-label=(ctx.t("page-profile-timeline")) {
                                @if timeline.page > 1 { a.btn.small.secondary href=(timeline.url(&self_url, timeline.page - 1)) { "← " (ctx.t("page-profile-newer")) } }
                                span { (ctx.tr.ta("page-customers-page", &[("page", (timeline.page as f64).into()), ("pages", (timeline.pages as f64).into())])) }
                                @if timeline.page < timeline.pages { a.btn.small.secondary href=(timeline.url(&self_url, timeline.page + 1)) { (ctx.t("page-profile-older")) " →" } }
                            }
                        }
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

/// The timeline's filter: type, event name (suggesting those seen), from and to dates.
fn timeline_filters(ctx: &PageCtx<'_>, action: &str, t: &Timeline) -> Markup {
    const TYPES: &[&str] = &["track", "page", "screen", "identify", "group", "alias"];
    html! {
        form.event-filters method="get" action={(action) "#timeline"} {
            label {
                (ctx.t("page-profile-filter-type"))
                select name="type" {
                    option value="" selected[t.kind.is_empty()] { (ctx.t("page-profile-filter-any")) }
                    @for k in TYPES { option value=(k) selected[t.kind == *k] { (k) } }
                }
            }
            label {
                (ctx.t("page-profile-filter-name"))
                input type="text" name="name" value=(t.name) list="timeline-names" autocomplete="off";
            }
            datalist #timeline-names { @for n in &t.seen_names { option value=(n) {} } }
            label { (ctx.t("page-profile-filter-from")) input type="date" name="from" value=(t.from); }
            label { (ctx.t("page-profile-filter-to")) input type="date" name="to" value=(t.to); }
            button.btn.small type="submit" { (ctx.t("action-search")) }
            @if t.filtered() {
                a.btn.small.secondary href={(action) "#timeline"} { (ctx.t("action-clear")) }
            }
        }
    }
}

/// Traits as rows of a table: nested objects spelt out as `address.city`, lists joined, the
/// person's name and contact first.
pub fn trait_rows(traits: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) if !m.is_empty() => {
                for (k, v) in m {
                    walk(&format!("{prefix}.{k}"), v, out);
                }
            }
            Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
                let joined: Vec<String> = items.iter().map(value_text).collect();
                out.push((prefix.to_owned(), joined.join(", ")));
            }
            other => out.push((prefix.to_owned(), value_text(other))),
        }
    }
    const FIRST: &[&str] = &[
        "name",
        "firstName",
        "first_name",
        "lastName",
        "last_name",
        "email",
        "phone",
    ];
    let mut out = Vec::new();
    for k in FIRST {
        if let Some(v) = traits.get(*k) {
            walk(k, v, &mut out);
        }
    }
    for (k, v) in traits {
        if !FIRST.contains(&k.as_str()) {
            walk(k, v, &mut out);
        }
    }
    out
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
