//! `GET /w/{ws}/insight/kpis`: acquisition against churn per month, retention cohorts, the
//! repeat-journey rate, and satisfaction, NPS and promoters per month.

use maud::{Markup, html};
use stig_charts::{LineOptions, Series, Size, line_chart};
use stig_insight::kpis::{Cohort, Month, Repeat};

use super::{InsightCtx, chart, charts, frame};
use crate::views::PageCtx;

pub struct KpisView<'a> {
    pub months: &'a [Month],
    pub cohorts: &'a [Cohort],
    pub repeat: Repeat,
}

pub fn kpis_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &KpisView<'_>) -> Markup {
    let lead = ctx.t("insight-kpis-lead");
    let labels: Vec<String> = v.months.iter().map(|m| m.month.clone()).collect();
    let acquired: u32 = v.months.iter().map(|m| m.acquired).sum();
    let churned: u32 = v.months.iter().map(|m| m.churned).sum();
    let promoters: u32 = v.months.iter().map(|m| m.promoters).sum();
    let nps = Series {
        name: ctx.t("insight-kind-name-nps"),
        values: v.months.iter().map(|m| m.nps).collect(),
        ..Series::default()
    };
    let csat = Series {
        name: ctx.t("insight-kind-name-csat"),
        values: v.months.iter().map(|m| m.csat).collect(),
        ..Series::default()
    };
    let body = html! {
        ul.stats {
            li { strong { (ctx.tr.number(f64::from(acquired), 0)) } span { (ctx.t("insight-acquired")) } }
            li { strong { (ctx.tr.number(f64::from(churned), 0)) } span { (ctx.t("insight-churned")) } }
            li { strong { @if churned > 0 { (ctx.tr.number(f64::from(acquired) / f64::from(churned), 2)) } @else { "–" } } span { (ctx.t("insight-ratio")) } }
            li { strong { (ctx.tr.number(f64::from(acquired) - f64::from(churned), 0)) } span { (ctx.t("insight-net")) } }
            li { strong { (ctx.tr.number(100.0 * v.repeat.rate, 0)) " %" } span { (ctx.t("insight-repeat-rate")) } }
            li { strong { (ctx.tr.number(f64::from(promoters), 0)) } span { (ctx.t("insight-promoters")) } }
        }
        section.card {
            h2 { (ctx.t("insight-growth")) }
            (chart(charts::growth(&ctx.tr, v.months, Size::new(1200.0, 320.0))))
        }
        @let has_nps = v.months.iter().any(|m| m.nps.is_some());
        @let has_csat = v.months.iter().any(|m| m.csat.is_some());
        @if has_nps || has_csat {
            div.insight-grid {
                @if has_nps {
                    section.card {
                        h2 { (ctx.t("insight-kind-name-nps")) }
                        (chart(line_chart(&ctx.t("insight-kind-name-nps"), &labels, &[nps], &LineOptions { size: Size::new(620.0, 280.0), reference: Some(0.0), y_range: Some((-100.0, 100.0)), ..LineOptions::default() })))
                    }
                }
                @if has_csat {
                    section.card {
                        h2 { (ctx.t("insight-kind-name-csat")) }
                        (chart(line_chart(&ctx.t("insight-kind-name-csat"), &labels, &[csat], &LineOptions { size: Size::new(620.0, 280.0), y_range: Some((1.0, 5.0)), ..LineOptions::default() })))
                    }
                }
            }
        }
        section.card {
            h2 { (ctx.t("insight-cohorts")) }
            p.meta { (ctx.t("insight-cohorts-how")) }
            (chart(charts::cohorts(&ctx.tr, v.cohorts, 1200.0, 26.0)))
        }
        section.card {
            h2 { (ctx.t("insight-months")) }
            div.table-scroll {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("insight-month")) }
                        th.num { (ctx.t("insight-acquired")) }
                        th.num { (ctx.t("insight-churned")) }
                        th.num { (ctx.t("insight-churned-by-event")) }
                        th.num { (ctx.t("insight-reactivated")) }
                        th.num { (ctx.t("insight-ratio")) }
                        th.num { (ctx.t("insight-net")) }
                        th.num { (ctx.t("insight-kind-name-nps")) }
                        th.num { (ctx.t("insight-promoters")) }
                        th.num { (ctx.t("insight-kind-name-csat")) }
                    } }
                    tbody {
                        @for m in v.months.iter().rev() {
                            tr {
                                td { (m.month) }
                                td.num { (m.acquired) }
                                td.num { (m.churned) }
                                td.num { (m.churned_by_event) }
                                td.num { (m.reactivated) }
                                td.num { @if let Some(r) = m.ratio { (ctx.tr.number(r, 2)) } @else { "–" } }
                                td.num.poor[m.net < 0] { (ctx.tr.number(m.net as f64, 0)) }
                                td.num { @if let Some(x) = m.nps { (ctx.tr.number(x, 0)) } @else { "–" } }
                                td.num { (m.promoters) }
                                td.num { @if let Some(x) = m.csat { (ctx.tr.number(x, 2)) } @else { "–" } }
                            }
                        }
                    }
                }
            }
        }
    };
    frame(ctx, ic, "kpis", &lead, body)
}
