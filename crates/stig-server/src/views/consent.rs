//! Consent as the pages show it: a customer's consent per category with its history (the
//! profile), a moment action's purpose, the actions suppressed for lack of consent (the
//! activity log) and what the backtest found would be suppressed.

use maud::{Markup, html};
use stig_model::Action;
use stig_pipeline::customers::consent::{Change, by_category};
use stig_pipeline::moments::Backtest;
use stig_store::Suppressed;

use super::PageCtx;
use super::customers::when;
use super::parts::empty;

/// A purpose's name in the page's language.
pub fn purpose_name(ctx: &PageCtx<'_>, purpose: &str) -> String {
    ctx.t(&format!("moments-purpose-{purpose}"))
}

/// What an action is for; marked when it reaches a customer without saying (it is then held
/// to `marketing`).
pub fn purpose_pill(ctx: &PageCtx<'_>, a: &Action) -> Markup {
    match a.declared_purpose() {
        Some(p) => {
            html! { span.pill title=(ctx.t("moments-form-purpose")) { (purpose_name(ctx, p.as_str())) } }
        }
        None if a.reaches_customer() => {
            html! { span.badge.warning title=(ctx.t("moments-purpose-missing-hint")) { (ctx.t("moments-purpose-missing")) } }
        }
        None => html! {},
    }
}

/// The actions of a firing that were not sent: the customer had not consented to their
/// purpose.
pub fn suppressed_rows(ctx: &PageCtx<'_>, suppressed: &[Suppressed]) -> Markup {
    html! {
        @if !suppressed.is_empty() {
            table.mo-deliveries {
                tbody {
                    @for s in suppressed {
                        tr {
                            td { (super::moments::action_badge(ctx, &s.kind)) }
                            td { span.badge { (ctx.t("moments-status-suppressed")) } }
                            td.small {
                                (ctx.tr.ta("moments-suppressed-why", &[("purpose", purpose_name(ctx, &s.purpose).into())]))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The backtest's word on consent: how many of the firings would have had an action
/// suppressed.
pub fn backtest_line(ctx: &PageCtx<'_>, b: &Backtest) -> Markup {
    html! {
        @if b.fired > 0 {
            p {
                (ctx.tr.ta("moments-backtest-consent", &[
                    ("n", ((b.fired - b.suppressed.min(b.fired)) as f64).into()),
                    ("reached", ctx.tr.number((b.fired - b.suppressed.min(b.fired)) as f64, 0).into()),
                    ("m", (b.suppressed as f64).into()),
                    ("suppressed", ctx.tr.number(b.suppressed as f64, 0).into()),
                ]))
            }
        }
    }
}

/// The profile's consent card: per category its state, since when, and its history.
pub fn profile_section(ctx: &PageCtx<'_>, history: &[Change]) -> Markup {
    let categories = by_category(history);
    html! {
        section.card #consent {
            h2 { (ctx.t("page-profile-consent")) }
            @if categories.is_empty() {
                (empty(ctx, "page-profile-no-consent"))
            } @else {
                table.traits {
                    thead { tr {
                        th scope="col" { (ctx.t("page-profile-consent-category")) }
                        th scope="col" { (ctx.t("page-profile-consent-state")) }
                        th scope="col" { (ctx.t("page-profile-consent-since")) }
                    } }
                    tbody {
                        @for c in &categories {
                            tr {
                                th scope="row" { (c.category) }
                                td { (state(ctx, c.granted)) }
                                td.small { (when(ctx, c.since)) }
                            }
                        }
                    }
                }
                {
                    details {
                        summary { (ctx.t("page-profile-consent-history")) }
                        ol.history {
                            @for h in history.iter().rev() {
                                li {
                                    span.muted.small { (when(ctx, h.at)) } " "
                                    strong { (h.category) } " " (state(ctx, h.granted)) " "
                                    span.muted.small { (ctx.tr.ta(&format!("page-profile-consent-via-{}", h.source.as_str()), &[("event", h.event.clone().into())])) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn state(ctx: &PageCtx<'_>, granted: bool) -> Markup {
    if granted {
        html! { span.badge.run-completed { (ctx.t("page-profile-consent-granted")) } }
    } else {
        html! { span.badge.error { (ctx.t("page-profile-consent-denied")) } }
    }
}
