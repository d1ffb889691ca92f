//! A source's streaming destinations: each webhook its events are forwarded to, how its
//! batches stand (delivered, pending, failed, the last error, the newest batches with a
//! retry), and the forms to add, pause, resume, test and delete one.

use std::collections::HashMap;

use maud::{Markup, html};
use stig_runtime::destinations::DestinationStats;
use stig_store::{Delivery, DeliveryStatus, Destination, Source};

use super::customers::when;
use super::moments::{status_badge, style};
use super::parts::{empty, page_head};
use super::{PageCtx, urlencode};

pub struct DestinationsView<'a> {
    pub source: &'a Source,
    pub destinations: &'a [Destination],
    pub stats: &'a HashMap<String, DestinationStats>,
    /// A destination just created: (its secret's name, the signing secret), shown once.
    pub created: Option<(&'a str, &'a str)>,
    /// What the add form held when it was refused, and why.
    pub form: (&'a str, &'a str),
    pub error: Option<&'a str>,
}

/// The destinations page of a source.
pub fn destinations_url(ctx: &PageCtx<'_>, source_id: &str) -> String {
    ctx.ws_url(&format!("/sources/{}/destinations", urlencode(source_id)))
}

fn action_url(ctx: &PageCtx<'_>, d: &Destination, action: &str) -> String {
    format!(
        "{}/{}/{action}",
        destinations_url(ctx, &d.source),
        urlencode(&d.id)
    )
}

pub fn destinations_page(ctx: &PageCtx<'_>, v: &DestinationsView<'_>) -> Markup {
    let back = destinations_url(ctx, &v.source.id);
    html! {
        (style())
        p.crumbs { a href=(ctx.ws_url("/sources")) { "← " (ctx.t("page-sources-title")) } }
        (page_head(
            &ctx.tr.ta("destinations-title", &[("source", v.source.name.clone().into())]),
            Some(&ctx.t("destinations-lead")),
            html! {},
        ))
        @if let Some((name, secret)) = v.created {
            section.card.created-key role="status" {
                h2 { (ctx.t("destinations-created")) }
                p { strong { (ctx.t("destinations-secret-once")) } }
                pre.key { code { (secret) } }
                p.hint { (ctx.tr.ta("destinations-secret-hint", &[("name", name.to_owned().into())])) }
            }
        }
        @if v.destinations.is_empty() {
            section.card { (empty(ctx, "destinations-none")) }
        }
        @for d in v.destinations {
            @let s = v.stats.get(&d.id).cloned().unwrap_or_default();
            section.card.destination {
                h2 {
                    code { (d.url) } " "
                    @if d.enabled { span.badge.life-active { (ctx.t("moments-enabled")) } }
                    @else { span.badge.dominated { (ctx.t("destinations-paused")) } }
                }
                p.mo-sub {
                    (ctx.t("destinations-only")) ": "
                    @if d.only.is_empty() { (ctx.t("destinations-all-events")) } @else { (d.only.join(", ")) }
                    " · " (ctx.t("destinations-secret")) " " code { (d.secret) }
                }
                div.mo-stats {
                    div.mo-stat.ok { b { (ctx.tr.number(s.delivered as f64, 0)) } span { (ctx.t("destinations-delivered")) } }
                    div.mo-stat { b { (ctx.tr.number(s.pending as f64, 0)) } span { (ctx.t("destinations-pending")) } }
                    div.mo-stat class=[(s.failed > 0).then_some("bad")] { b { (ctx.tr.number(s.failed as f64, 0)) } span { (ctx.t("destinations-failed")) } }
                    div.mo-stat {
                        b { @if let Some(t) = s.last_batch_at { (when(ctx, t)) } @else { "–" } }
                        span { (ctx.t("destinations-last-batch")) }
                    }
                }
                @if let Some(e) = &s.last_error {
                    p { strong { (ctx.t("destinations-last-error")) ": " } span.mo-error { (e) } }
                }
                @if !s.recent.is_empty() {
                    details {
                        summary { (ctx.t("destinations-recent")) }
                        (recent(ctx, &s.recent, &back))
                    }
                }
                @if ctx.can_edit {
                    div.mo-badges {
                        form.mo-inline method="post" action=(action_url(ctx, d, "enabled")) {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            input type="hidden" name="enabled" value=(if d.enabled { "false" } else { "true" });
                            button.btn.small.secondary type="submit" {
                                (ctx.t(if d.enabled { "destinations-pause" } else { "destinations-resume" }))
                            }
                        }
                        form.mo-inline method="post" action=(action_url(ctx, d, "test")) {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            button.btn.small.secondary type="submit" { (ctx.t("destinations-test")) }
                        }
                        @let confirm = ctx.tr.ta("destinations-delete-confirm", &[("url", d.url.clone().into())]);
                        form.mo-inline method="post" action=(action_url(ctx, d, "delete")) data-confirm=(&confirm) {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            button.btn.small.danger type="submit" { (ctx.t("action-delete")) }
                        }
                    }
                }
            }
        }
        @if ctx.can_edit {
            section.card {
                h2 { (ctx.t("destinations-new")) }
                form.inline-form method="post" action=(back) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label for="destination-url" { (ctx.t("destinations-url")) }
                    input #destination-url type="url" name="url" required value=(v.form.0) placeholder="https://example.com/stig-events";
                    label for="destination-only" { (ctx.t("destinations-only")) }
                    input #destination-only type="text" name="only" value=(v.form.1) placeholder="track, page, Order Completed";
                    button.btn.small type="submit" { (ctx.t("destinations-add")) }
                }
                p.hint { (ctx.t("destinations-only-hint")) }
                @if let Some(e) = v.error { p.field-error { (e) } }
            }
        }
        section.card {
            h2 { (ctx.t("destinations-howto")) }
            p { (ctx.t("destinations-howto-lead")) }
            pre.snippet { code {
                "POST <url>\nwebhook-id: msg_<workspace>_<batch>\nwebhook-timestamp: <unix seconds>\nwebhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>\n\n{\"batch\": [<events as Segment JSON>], \"source\": \"" (v.source.id) "\", \"workspace\": \"…\", \"destination\": \"…\"}"
            } }
        }
    }
}

/// The newest batches: when, how they stand, their attempts and error, a retry for a
/// failed one.
fn recent(ctx: &PageCtx<'_>, deliveries: &[Delivery], back: &str) -> Markup {
    html! {
        table.data.compact {
            thead { tr {
                th { (ctx.t("moments-when")) }
                th.num { (ctx.t("destinations-events")) }
                th { (ctx.t("moments-col-state")) }
                th.num { (ctx.t("moments-attempts")) }
                th { (ctx.t("moments-details")) }
                th {}
            } }
            tbody {
                @for d in deliveries {
                    @let events = d.payload["body"]["batch"].as_array().map_or(0, Vec::len);
                    tr {
                        td { (when(ctx, d.created_at)) }
                        td.num { (events) }
                        td { (status_badge(ctx, d.status)) }
                        td.num { (d.attempts) }
                        td.small {
                            @if d.status == DeliveryStatus::Pending { (ctx.t("moments-next-attempt")) " " (when(ctx, d.next_attempt_at)) }
                            @if let Some(t) = d.delivered_at { (ctx.t("moments-delivered-at")) " " (when(ctx, t)) }
                            @if let Some(e) = &d.last_error { div.mo-error { (e) } }
                        }
                        td {
                            @if ctx.can_edit && d.status != DeliveryStatus::Delivered {
                                form.mo-inline method="post" action=(ctx.ws_url(&format!("/deliveries/{}/replay", d.id))) {
                                    input type="hidden" name="csrf" value=(ctx.csrf);
                                    input type="hidden" name="next" value=(back);
                                    button.btn.small.secondary type="submit" { (ctx.t("moments-retry")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
