//! The tracking plan: every kind of event the workspace has received (track events by name,
//! page and screen views, identify, group and alias calls) with counts, first and last seen,
//! and the properties (traits) each carried with their types, as the live worker counts them.

use maud::{Markup, html};
use stig_runtime::tracking::TrackingPlan;

use super::PageCtx;
use super::customers::when;
use super::parts::{empty, page_head};

/// A few rules the shared style sheets do not have, scoped to this page.
const STYLE: &str = r#"
.tp-types{display:flex;flex-wrap:wrap;gap:.2rem}
.tp-props{margin:.35rem 0 0;width:100%;font-size:.88rem}
.tp-props td,.tp-props th{padding:.15rem .5rem .15rem 0;text-align:left;vertical-align:top}
.tp-name{word-break:break-word}
@media (max-width:640px){
 table.tp-events thead{display:none}
 table.tp-events,table.tp-events tbody,table.tp-events tr,table.tp-events td{display:block;width:100%}
 table.tp-events tr{border-top:1px solid #e3e7ec;padding:.5rem 0}
 table.tp-events td{border:0;padding:.1rem 0}
 table.tp-events td[data-label]::before{content:attr(data-label) ": ";color:#5b6573;font-size:.82rem}
 table.tp-events td.num{text-align:left}
}
"#;

fn n(ctx: &PageCtx<'_>, v: u64) -> String {
    ctx.tr.number(v as f64, 0)
}

pub fn tracking_page(ctx: &PageCtx<'_>, plan: &TrackingPlan) -> Markup {
    let total = plan.total();
    html! {
        style { (maud::PreEscaped(STYLE)) }
        p.crumbs { a href=(ctx.ws_url("/sources")) { "← " (ctx.t("nav-sources")) } }
        (page_head(&ctx.t("moments-plan-title"), Some(&ctx.t("moments-plan-lead")), html! {
            a.btn.secondary.small href=(format!("/api/workspaces/{}/tracking-plan", ctx.workspace.as_ref().map(|w| super::urlencode(&w.0)).unwrap_or_default())) { (ctx.t("moments-plan-json")) }
        }))
        section.card {
            @if plan.events.is_empty() {
                (empty(ctx, "moments-plan-none"))
                p.hint { a href=(ctx.ws_url("/sources")) { (ctx.t("moments-plan-none-hint")) } }
            } @else {
                p {
                    (ctx.tr.ta("moments-plan-summary", &[
                        ("n", (total as f64).into()),
                        ("events", n(ctx, total).into()),
                        ("k", (plan.events.len() as f64).into()),
                        ("kinds", n(ctx, plan.events.len() as u64).into()),
                    ]))
                }
                @if plan.unlisted > 0 {
                    p.hint { (ctx.tr.ta("moments-plan-unlisted", &[("n", (plan.unlisted as f64).into()), ("count", n(ctx, plan.unlisted).into())])) }
                }
                div.table-scroll {
                table.data.compact.tp-events {
                    thead { tr {
                        th { (ctx.t("moments-plan-col-event")) }
                        th { (ctx.t("moments-plan-col-type")) }
                        th.num { (ctx.t("moments-plan-col-count")) }
                        th { (ctx.t("moments-plan-col-first")) }
                        th { (ctx.t("moments-plan-col-last")) }
                        th { (ctx.t("moments-plan-col-properties")) }
                    } }
                    tbody {
                        @for ((kind, name), e) in &plan.events {
                            tr id=(format!("ev-{kind}-{name}")) {
                                td.tp-name { @if name.is_empty() { span.muted { "(" (kind) ")" } } @else { strong { (name) } } }
                                td data-label=(ctx.t("moments-plan-col-type")) { span.badge { (kind) } }
                                td.num data-label=(ctx.t("moments-plan-col-count")) { (n(ctx, e.count)) }
                                td.small data-label=(ctx.t("moments-plan-col-first")) { (when(ctx, e.first_seen)) }
                                td.small data-label=(ctx.t("moments-plan-col-last")) { (when(ctx, e.last_seen)) }
                                td {
                                    @if e.properties.is_empty() {
                                        span.muted { "–" }
                                    } @else {
                                        details {
                                            summary { (ctx.tr.ta("moments-plan-properties-n", &[("n", (e.properties.len() as f64).into())])) }
                                            table.tp-props {
                                                thead { tr { th { (ctx.t("moments-plan-col-property")) } th { (ctx.t("moments-plan-col-type")) } th.num { (ctx.t("moments-plan-col-count")) } th { (ctx.t("moments-plan-col-last")) } } }
                                                tbody {
                                                    @for (p, seen) in &e.properties {
                                                        tr {
                                                            td.tp-name { code { (p) } }
                                                            td { span.tp-types { @for t in seen.type_names() { span.badge { (t) } } } }
                                                            td.num { (n(ctx, seen.count)) }
                                                            td.small { (when(ctx, seen.last_seen)) }
                                                        }
                                                    }
                                                }
                                            }
                                            @if e.unlisted_properties > 0 {
                                                p.hint { (ctx.tr.ta("moments-plan-unlisted-properties", &[("n", (e.unlisted_properties as f64).into())])) }
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
            p.hint { (ctx.t("moments-plan-how")) }
        }
    }
}
