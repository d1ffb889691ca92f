//! `GET /w/{ws}/insight/drivers`: which touchpoints drive overall satisfaction or NPS
//! (Johnson's relative weights with bootstrap intervals), the importance–performance matrix
//! and the emotional vs functional share of what is explained.

use maud::{Markup, html};
use stig_charts::Size;
use stig_insight::drivers::Quadrant;
use stig_insight::respondents::DriverReport;

use super::{InsightCtx, chart, charts, frame};
use crate::views::PageCtx;

pub struct DriversView<'a> {
    /// `(key, label, answers)` of every possible outcome question.
    pub outcomes: &'a [(String, String, u32)],
    pub outcome: Option<&'a str>,
    pub report: Result<&'a DriverReport, String>,
    /// Touchpoint id → name.
    pub name: &'a dyn Fn(&str) -> String,
}

pub fn drivers_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &DriversView<'_>) -> Markup {
    let lead = ctx.t("insight-drivers-lead");
    let outcome_url = |key: &str| ic.url_with(ctx, "drivers", &[("outcome", key.to_owned())]);
    let body = html! {
        div.row.kind-switch {
            span.muted.small { (ctx.t("insight-drivers-outcome")) }
            @for (key, label, n) in v.outcomes {
                a.btn.small.secondary[Some(key.as_str()) != v.outcome] href=(outcome_url(key)) title=(ctx.tr.ta("insight-n", &[("n", ctx.tr.number(f64::from(*n), 0).into())])) { (label) }
            }
        }
        @match &v.report {
            Err(why) => section.card { p.empty { (why) } },
            Ok(r) => (report(ctx, r, v.name)),
        }
    };
    frame(ctx, ic, "drivers", &lead, body)
}

fn report(ctx: &PageCtx<'_>, r: &DriverReport, name: &dyn Fn(&str) -> String) -> Markup {
    let d = &r.drivers;
    let quadrant = |p: &str| r.quadrants.iter().find(|(q, _)| q == p).map(|(_, q)| *q);
    html! {
        ul.stats {
            li { strong { (ctx.tr.number(100.0 * d.r_squared, 0)) " %" } span { (ctx.t("insight-drivers-r2")) } }
            li { strong { (ctx.tr.number(d.rows as f64, 0)) } span { (ctx.t("insight-drivers-respondents")) } }
            @if let Some((e, f)) = r.emotional {
                li { strong { (ctx.tr.number(100.0 * e, 0)) " / " (ctx.tr.number(100.0 * f, 0)) } span { (ctx.t("insight-drivers-emotional-functional")) } }
            }
        }
        div.insight-grid {
            section.card {
                h2 { (ctx.t("insight-drivers-importance")) }
                p.meta { (ctx.t("insight-drivers-importance-how")) }
                (chart(charts::driver_bars(&ctx.tr, d, name, 620.0, 30.0)))
            }
            section.card {
                h2 { (ctx.t("insight-drivers-ipa")) }
                p.meta { (ctx.t("insight-drivers-ipa-how")) }
                (chart(charts::driver_ipa(&ctx.tr, d, name, Size::new(620.0, 420.0))))
            }
        }
        @if let Some((e, f)) = r.emotional {
            section.card {
                h2 { (ctx.t("insight-drivers-emotional-functional")) }
                p.meta { (ctx.t("insight-drivers-emotional-how")) }
                (chart(charts::emotional_share(&ctx.tr, (e, f), Size::new(900.0, 120.0))))
            }
        }
        section.card {
            table.data.compact {
                thead { tr {
                    th { (ctx.t("page-touchpoint")) }
                    th.num { (ctx.t("insight-drivers-share")) }
                    th.num { (ctx.t("insight-drivers-interval")) }
                    th.num { (ctx.t("insight-drivers-performance")) }
                    th.num { (ctx.t("insight-answers")) }
                    th { (ctx.t("insight-drivers-quadrant")) }
                } }
                tbody {
                    @for x in &d.drivers {
                        tr {
                            td { (name(&x.predictor)) }
                            td.num { (ctx.tr.number(100.0 * x.share, 1)) " %" }
                            td.num.muted { (ctx.tr.number(100.0 * x.share_low, 1)) "–" (ctx.tr.number(100.0 * x.share_high, 1)) }
                            td.num { (ctx.tr.number(x.performance, 2)) }
                            td.num { (ctx.tr.number(x.answered as f64, 0)) }
                            td { @if let Some(q) = quadrant(&x.predictor) {
                                span.badge.bad[q == Quadrant::Fix] { (ctx.t(charts::quadrant_key(q))) }
                            } }
                        }
                    }
                }
            }
            @if !d.dropped.is_empty() {
                p.meta { (ctx.t("insight-drivers-dropped")) " " (d.dropped.iter().map(|p| name(p)).collect::<Vec<_>>().join(", ")) }
            }
        }
    }
}
