//! `GET /w/{ws}/insight/kpis`: acquisition against churn per month, retention cohorts, the
//! repeat-journey rate, and satisfaction, NPS and promoters per month.
//!
//! Every won, lost, came back and net number here is [`Growth`]'s: the tiles are
//! `Growth::over` the months in the table, the chart draws each month's `Month::growth`, so
//! tile = table total = sum of the chart's months = the API's `kpis.growth`.

use maud::{Markup, html};
use stig_charts::{LineOptions, Series, Size, line_chart};
use stig_insight::kpis::{Cohort, Growth, Month, Repeat};

use super::{Better, InsightCtx, change, chart, chart_pair, charts, frame};
use crate::views::PageCtx;

pub struct KpisView<'a> {
    pub months: &'a [Month],
    pub cohorts: &'a [Cohort],
    pub repeat: Repeat,
    /// The same numbers over the comparison period, when there is one.
    pub compared: Option<&'a Compared>,
}

/// The comparison period's months and repeat rate.
pub struct Compared {
    pub months: Vec<Month>,
    pub repeat: Repeat,
}

pub fn kpis_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &KpisView<'_>) -> Markup {
    let lead = ctx.t("insight-kpis-lead");
    let labels: Vec<String> = v.months.iter().map(|m| m.month.clone()).collect();
    let g = Growth::over(v.months);
    let promoters: u32 = v.months.iter().map(|m| m.promoters).sum();
    let before = v.compared.map(|c| Growth::over(&c.months));
    let promoters_before = v
        .compared
        .map(|c| f64::from(c.months.iter().map(|m| m.promoters).sum::<u32>()));
    let partial = v
        .months
        .last()
        .filter(|m| m.partial)
        .map(|_| ctx.t("insight-partial"));
    let n = |x: u32| Some(f64::from(x));
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
        ul.stats.growth-tiles {
            li data-growth="won" { strong data-value=(g.won) { (ctx.tr.number(f64::from(g.won), 0)) } span { (ctx.t("insight-acquired")) } (change(ctx, ic, n(g.won), before.and_then(|b| n(b.won)), 0, Better::Higher)) }
            li data-growth="lost" { strong data-value=(g.lost) { (ctx.tr.number(f64::from(g.lost), 0)) } span { (ctx.t("insight-churned")) } (change(ctx, ic, n(g.lost), before.and_then(|b| n(b.lost)), 0, Better::Lower)) }
            li data-growth="came-back" { strong data-value=(g.came_back) { (ctx.tr.number(f64::from(g.came_back), 0)) } span { (ctx.t("insight-reactivated")) } (change(ctx, ic, n(g.came_back), before.and_then(|b| n(b.came_back)), 0, Better::Higher)) }
            li data-growth="net" { strong data-value=(g.net) { (ctx.tr.number(g.net as f64, 0)) } span { (ctx.t("insight-net")) } (change(ctx, ic, Some(g.net as f64), before.map(|b| b.net as f64), 0, Better::Higher)) }
            li { strong { @if let Some(r) = g.ratio() { (ctx.tr.number(r, 2)) } @else { "–" } } span { (ctx.t("insight-ratio")) } (change(ctx, ic, g.ratio(), before.and_then(|b| b.ratio()), 2, Better::Higher)) }
            li { strong { (ctx.tr.number(100.0 * v.repeat.rate, 0)) " %" } span { (ctx.t("insight-repeat-rate")) } (change(ctx, ic, Some(100.0 * v.repeat.rate), v.compared.map(|c| 100.0 * c.repeat.rate), 0, Better::Higher)) }
            li { strong { (ctx.tr.number(f64::from(promoters), 0)) } span { (ctx.t("insight-promoters")) } (change(ctx, ic, n(promoters), promoters_before, 0, Better::Higher)) }
        }
        p.meta { (ctx.t("insight-net-how")) }
        section.card {
            h2 { (ctx.t("insight-growth")) }
            (chart_pair(charts::growth(&ctx.tr, v.months, Size::new(1200.0, 320.0)), charts::growth(&ctx.tr, &v.months[v.months.len().saturating_sub(12)..], Size::new(360.0, 300.0))))
        }
        @let has_nps = v.months.iter().any(|m| m.nps.is_some());
        @let has_csat = v.months.iter().any(|m| m.csat.is_some());
        @if has_nps || has_csat {
            div.insight-grid {
                @if has_nps {
                    section.card {
                        h2 { (ctx.t("insight-kind-name-nps")) }
                        (chart(line_chart(&ctx.t("insight-kind-name-nps"), &labels, &[nps], &LineOptions { size: Size::new(620.0, 280.0), reference: Some(0.0), bounds: Some((-100.0, 100.0)), partial: partial.clone(), numbers: charts::numbers(&ctx.tr), ..LineOptions::default() })))
                    }
                }
                @if has_csat {
                    section.card {
                        h2 { (ctx.t("insight-kind-name-csat")) }
                        (chart(line_chart(&ctx.t("insight-kind-name-csat"), &labels, &[csat], &LineOptions { size: Size::new(620.0, 280.0), bounds: Some((1.0, 5.0)), partial: partial.clone(), numbers: charts::numbers(&ctx.tr), ..LineOptions::default() })))
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
                            @let mg = m.growth();
                            tr.partial[m.partial] data-month=(m.month) {
                                td { (m.month) @if m.partial { " " span.badge title=(ctx.t("insight-partial-how")) { (ctx.t("insight-partial")) } } }
                                td.num { (ctx.tr.number(f64::from(mg.won), 0)) }
                                td.num { (ctx.tr.number(f64::from(mg.lost), 0)) }
                                td.num { (ctx.tr.number(f64::from(m.churned_by_event), 0)) }
                                td.num { (ctx.tr.number(f64::from(mg.came_back), 0)) }
                                td.num { @if let Some(r) = mg.ratio() { (ctx.tr.number(r, 2)) } @else { "–" } }
                                td.num.poor[mg.net < 0] data-net=(mg.net) { (ctx.tr.number(mg.net as f64, 0)) }
                                td.num { @if let Some(x) = m.nps { (ctx.tr.number(x, 0)) } @else { "–" } }
                                td.num { (m.promoters) }
                                td.num { @if let Some(x) = m.csat { (ctx.tr.number(x, 2)) } @else { "–" } }
                            }
                        }
                    }
                    tfoot {
                        tr data-month="total" {
                            th scope="row" { (ctx.t("insight-total")) }
                            td.num { (ctx.tr.number(f64::from(g.won), 0)) }
                            td.num { (ctx.tr.number(f64::from(g.lost), 0)) }
                            td.num { (ctx.tr.number(f64::from(v.months.iter().map(|m| m.churned_by_event).sum::<u32>()), 0)) }
                            td.num { (ctx.tr.number(f64::from(g.came_back), 0)) }
                            td.num { @if let Some(r) = g.ratio() { (ctx.tr.number(r, 2)) } @else { "–" } }
                            td.num.poor[g.net < 0] data-net=(g.net) { (ctx.tr.number(g.net as f64, 0)) }
                            td.num { "" }
                            td.num { (ctx.tr.number(f64::from(promoters), 0)) }
                            td.num { "" }
                        }
                    }
                }
            }
        }
    };
    frame(ctx, ic, "kpis", &lead, body)
}
