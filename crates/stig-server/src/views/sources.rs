//! Sources and their write keys, and the live event debugger (like Segment's): the newest
//! events each source sent, and the requests the collector refused with their reason.

use std::collections::HashMap;

use maud::{Markup, html};
use stig_store::{Rejection, SequencedEvent, Source, SourceCounts};

use super::customers::{customer_url, when};
use super::parts::{empty, page_head};
use super::{PageCtx, urlencode};

pub struct SourcesView<'a> {
    pub sources: &'a [Source],
    pub counts: &'a HashMap<String, SourceCounts>,
    /// Requests refused for a missing or unknown write key since the server started.
    pub unknown_keys: u64,
    /// A key just created: (source name, write key), shown once.
    pub created: Option<(&'a str, &'a str)>,
    /// Where the collector is reached, e.g. `http://127.0.0.1:8080`.
    pub base_url: &'a str,
    pub error: Option<&'a str>,
    /// Allowed origins that did not parse, shown again at their source's form.
    pub origins_error: Option<OriginsError<'a>>,
}

/// A source's allowed origins as typed, and why they were refused.
#[derive(Clone, Copy)]
pub struct OriginsError<'a> {
    pub source: &'a str,
    pub typed: &'a str,
    pub message: &'a str,
}

pub fn sources_page(ctx: &PageCtx<'_>, v: &SourcesView<'_>) -> Markup {
    let key_example = v.created.map_or("WRITE_KEY", |(_, k)| k);
    html! {
        (page_head(&ctx.t("page-sources-title"), Some(&ctx.t("page-sources-lead")), html! {
            a.btn.small href=(ctx.ws_url("/sources/debugger")) { (ctx.t("page-debugger-title")) }
        }))
        @if let Some((name, key)) = v.created {
            section.card.created-key role="status" {
                h2 { (ctx.tr.ta("page-sources-created", &[("name", name.to_owned().into())])) }
                p { (ctx.t("page-sources-key-once")) }
                pre.key { code { (key) } }
                @if let Some(s) = v.sources.iter().find(|s| s.name == name) {
                    form method="post" action=(super::connect::connect_url(ctx, &s.id)) {
                        input type="hidden" name="csrf" value=(ctx.csrf);
                        input type="hidden" name="key" value=(key);
                        button.btn.small type="submit" { (ctx.t("connect-created-open")) " →" }
                    }
                }
            }
        }
        section.card {
            @if v.sources.is_empty() {
                (empty(ctx, "page-sources-none"))
            } @else {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("page-sources-name")) }
                        th { (ctx.t("page-sources-created-at")) }
                        th.num { (ctx.t("page-sources-events")) }
                        th.num { (ctx.t("page-sources-refused")) }
                        th { (ctx.t("page-sources-last-event")) }
                        th {}
                    } }
                    tbody {
                        @for s in v.sources {
                            @let c = v.counts.get(&s.id).cloned().unwrap_or_default();
                            tr {
                                td { strong { (s.name) } br; code.small { (s.id) } }
                                td { (when(ctx, s.created_at)) }
                                td.num { (ctx.tr.number(c.events as f64, 0)) }
                                td.num class=[(c.refused > 0).then_some("bad")] { (ctx.tr.number(c.refused as f64, 0)) }
                                td { @if let Some(t) = c.last_event_at { (when(ctx, t)) } @else { span.muted { (ctx.t("page-sources-never")) } } }
                                td { a href={(ctx.ws_url("/sources/debugger")) "?source=" (urlencode(&s.id))} { (ctx.t("page-debugger-open")) }
                                    @if ctx.can_edit { " · " a href=(super::connect::connect_url(ctx, &s.id)) { (ctx.t("connect-open")) }
                                        " · " a href=(super::destinations::destinations_url(ctx, &s.id)) { (ctx.t("destinations-open")) }
                                        form.inline method="post" action=(ctx.ws_url(&format!("/sources/{}/delete", urlencode(&s.id))))
                                            data-confirm=(&ctx.tr.ta("source-delete-confirm", &[("name", s.name.clone().into())])) {
                                            input type="hidden" name="csrf" value=(ctx.csrf);
                                            " · " button.link type="submit" aria-label={(ctx.t("source-delete")) " " (s.name)} { (ctx.t("source-delete")) }
                                        } } }
                            }
                        }
                    }
                }
            }
            @if v.unknown_keys > 0 {
                p.hint.bad { (ctx.tr.ta("page-sources-unknown-keys", &[("count", (v.unknown_keys as f64).into())])) }
            }
        }
        @if !v.sources.is_empty() {
            (origins_card(ctx, v))
        }
        @if ctx.can_edit {
            section.card {
                h2 { (ctx.t("page-sources-new")) }
                form.inline-form method="post" action=(ctx.ws_url("/sources")) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label for="source-name" { (ctx.t("page-sources-name")) }
                    input #source-name type="text" name="name" required placeholder=(ctx.t("page-sources-name-example"));
                    button.btn.small type="submit" { (ctx.t("page-sources-create")) }
                }
                @if let Some(e) = v.error { p.field-error { (e) } }
            }
        }
        section.card {
            h2 { (ctx.t("page-sources-howto")) }
            p { (ctx.t("page-sources-howto-lead")) }
            pre.snippet { code {
                "curl " (v.base_url) "/v1/track \\\n  -u '" (key_example) ":' \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"userId\": \"kari\", \"event\": \"Order Completed\", \"properties\": {\"revenue\": 1290}}'"
            } }
            pre.snippet { code {
                "// npm install @segment/analytics-node\nimport { Analytics } from '@segment/analytics-node'\nconst analytics = new Analytics({ writeKey: '" (key_example) "', host: '" (v.base_url) "' })\nanalytics.track({ userId: 'kari', event: 'Order Completed' })"
            } }
        }
    }
}

/// Which websites may send to each source: a form per source for editors, the lists for
/// everyone else.
fn origins_card(ctx: &PageCtx<'_>, v: &SourcesView<'_>) -> Markup {
    html! {
        section.card #origins {
            h2 { (ctx.t("source-origins-title")) }
            p.hint { (ctx.t("source-origins-lead")) }
            @for s in v.sources {
                @let failed = v.origins_error.filter(|e| e.source == s.id);
                @let current = s.allowed_origins.as_ref().map(|o| o.join(", "));
                @if ctx.can_edit {
                    @let field = format!("origins-{}", s.id);
                    form.inline-form method="post"
                        action={(ctx.ws_url("/sources/")) (urlencode(&s.id)) "/origins"} {
                        input type="hidden" name="csrf" value=(ctx.csrf);
                        label for=(field) {
                            (ctx.tr.ta("source-origins-label", &[("name", s.name.clone().into())]))
                        }
                        input id=(field) type="text" name="origins" size="48"
                            value=(failed.map_or(current.clone().unwrap_or_default(), |e| e.typed.to_owned()))
                            placeholder=(ctx.t("source-origins-placeholder"))
                            aria-invalid=[failed.map(|_| "true")];
                        button.btn.small type="submit" { (ctx.t("action-save")) }
                    }
                    @if let Some(e) = failed { p.field-error role="alert" { (e.message) } }
                } @else {
                    p {
                        strong { (s.name) } ": "
                        @match &current {
                            Some(list) => code { (list) },
                            None => span.muted { (ctx.t("source-origins-any")) },
                        }
                    }
                }
            }
        }
    }
}

pub struct DebuggerView<'a> {
    pub sources: &'a [Source],
    pub source: Option<&'a str>,
    pub events: &'a [SequencedEvent],
    pub rejections: &'a [Rejection],
    /// Requests refused since the server started for a missing or unknown write key: they
    /// name no source, so they are counted, not listed.
    pub unknown_keys: u64,
}

pub fn debugger_page(ctx: &PageCtx<'_>, v: &DebuggerView<'_>) -> Markup {
    let live = match v.source {
        Some(s) => format!(
            "{}?source={}",
            ctx.ws_url("/sources/debugger/live"),
            urlencode(s)
        ),
        None => ctx.ws_url("/sources/debugger/live"),
    };
    html! {
        p.crumbs { a href=(ctx.ws_url("/sources")) { "← " (ctx.t("page-sources-title")) } }
        (page_head(&ctx.t("page-debugger-title"), Some(&ctx.t("page-debugger-lead")), html! {}))
        form.inline-form method="get" action=(ctx.ws_url("/sources/debugger")) {
            label for="source" { (ctx.t("page-debugger-source")) }
            select #source name="source" data-autosubmit {
                option value="" selected[v.source.is_none()] { (ctx.t("page-debugger-all-sources")) }
                @for s in v.sources {
                    option value=(s.id) selected[v.source == Some(s.id.as_str())] { (s.name) }
                }
            }
            noscript { button.btn.small type="submit" { (ctx.t("action-show")) } }
        }
        div #live hx-get=(live) hx-trigger="every 2s" hx-swap="innerHTML" {
            (debugger_live(ctx, v))
        }
    }
}

/// The part of the debugger that refreshes itself.
pub fn debugger_live(ctx: &PageCtx<'_>, v: &DebuggerView<'_>) -> Markup {
    let source_name = |id: Option<&str>| match id {
        Some(id) => v
            .sources
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_owned(), |s| s.name.clone()),
        None => ctx.t("page-debugger-imported"),
    };
    html! {
        div.debugger {
            section.card {
                h2 { (ctx.t("page-debugger-events")) " " span.live-dot title=(ctx.t("page-debugger-live")) {} }
                @if v.events.is_empty() {
                    (empty(ctx, "page-debugger-no-events"))
                } @else {
                    ol.events {
                        @for e in v.events {
                            @let ev = &e.event;
                            li {
                                details {
                                    summary {
                                        span.muted.small { (when(ctx, ev.received_at)) }
                                        " " span class={"badge type-" (ev.kind)} { (ev.kind) }
                                        " " strong { (ev.event.clone().or_else(|| ev.body.get("name").and_then(|n| n.as_str()).map(str::to_owned)).unwrap_or_default()) }
                                        " " a href=(customer_url(ctx, ev.user_id.as_deref().or(ev.anonymous_id.as_deref()).unwrap_or_default())) {
                                            (ev.user_id.as_deref().or(ev.anonymous_id.as_deref()).unwrap_or_default())
                                        }
                                        " " span.muted.small { (source_name(ev.source.as_deref())) }
                                    }
                                    pre.json { (serde_json::to_string_pretty(&ev.body).unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
            section.card {
                h2 { (ctx.t("page-debugger-refused")) }
                @if v.unknown_keys > 0 {
                    p.hint.bad { (ctx.tr.ta("page-sources-unknown-keys", &[("count", (v.unknown_keys as f64).into())])) }
                }
                @if v.rejections.is_empty() {
                    (empty(ctx, "page-debugger-no-refused"))
                } @else {
                    ol.events.refused {
                        @for r in v.rejections {
                            li {
                                details {
                                    summary {
                                        span.muted.small { (when(ctx, r.at)) }
                                        " " span.badge.error { (r.status) }
                                        " " (r.reason)
                                        " " span.muted.small { (source_name(Some(&r.source))) }
                                    }
                                    pre.json { (r.excerpt) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
