//! `GET /w/{ws}/insight`: the headline numbers, the growth of the customer base and the
//! findings to act on first.

use maud::{Markup, html};
use stig_charts::Size;
use stig_insight::findings::Finding;
use stig_insight::kpis::{Growth, Month, Repeat};
use stig_insight::scores::Score;

use super::{Better, InsightCtx, change, chart_pair, charts, finding_list, frame};
use crate::views::PageCtx;

pub struct Overview<'a> {
    pub customers: usize,
    pub runs: u64,
    pub completed: u64,
    /// NPS, else CSAT, else CES: the first kind with answers.
    pub headline: Option<Score>,
    pub months: &'a [Month],
    pub repeat: Repeat,
    pub findings: &'a [Finding],
    /// A period was chosen: won and lost are over it, not the last 12 months.
    pub period: bool,
    /// The same numbers over the comparison period, when there is one.
    pub compared: Option<Compared>,
}

/// The headline numbers of the comparison period.
pub struct Compared {
    pub runs: u64,
    pub completed: u64,
    pub headline: Option<Score>,
    pub growth: Growth,
    pub repeat: Repeat,
}

fn share(completed: u64, runs: u64) -> Option<f64> {
    (runs > 0).then(|| 100.0 * completed as f64 / runs as f64)
}

pub fn overview_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, o: &Overview<'_>) -> Markup {
    let lead = ctx.tr.ta(
        "insight-overview-lead",
        &[(
            "events",
            ctx.tr.number(ic.ix.event_count() as f64, 0).into(),
        )],
    );
    // Over the period chosen, else the last 12 months; either way by Growth's definition.
    let recent = if o.period {
        o.months
    } else {
        &o.months[o.months.len().saturating_sub(12)..]
    };
    let g = Growth::over(recent);
    let c = o.compared.as_ref();
    let decimals = |s: &Score| {
        if s.kind == stig_model::SurveyKind::Nps {
            0
        } else {
            2
        }
    };
    let shown = &o.months[o.months.len().saturating_sub(36)..];
    let body = html! {
        ul.stats {
            li { strong { (ctx.tr.number(o.customers as f64, 0)) } span { (ctx.t("page-customers-total")) } }
            li { strong { (ctx.tr.number(o.runs as f64, 0)) } span { (ctx.t("insight-runs")) } (change(ctx, ic, Some(o.runs as f64), c.map(|c| c.runs as f64), 0, Better::Neutral)) }
            li { strong { (ctx.tr.number(share(o.completed, o.runs).unwrap_or(0.0), 0)) " %" } span { (ctx.t("insight-completed-share")) } (change(ctx, ic, share(o.completed, o.runs), c.and_then(|c| share(c.completed, c.runs)), 0, Better::Higher)) }
            @if let Some(s) = &o.headline {
                li title=(ctx.tr.ta("insight-interval", &[("low", ctx.tr.number(s.low, 1).into()), ("high", ctx.tr.number(s.high, 1).into()), ("n", ctx.tr.number(f64::from(s.n), 0).into())])) {
                    strong { (super::score_text(ctx, s)) }
                    span { (ctx.t(&format!("insight-kind-name-{}", s.kind.as_str()))) " ± " (ctx.tr.number((s.high - s.low) / 2.0, decimals(s))) }
                    (change(ctx, ic, (s.n > 0).then_some(s.value), c.and_then(|c| c.headline.as_ref()).filter(|b| b.n > 0).map(|b| b.value), decimals(s), Better::Higher))
                }
            }
            li { strong { (ctx.tr.number(f64::from(g.won), 0)) " / " (ctx.tr.number(f64::from(g.lost), 0)) } span { (ctx.t(if o.period { "insight-acquired-churned-period" } else { "insight-acquired-churned-12" })) } }
            li data-growth="net" { strong data-value=(g.net) { (ctx.tr.number(g.net as f64, 0)) } span { (ctx.t(if o.period { "insight-net" } else { "insight-net-12" })) } (change(ctx, ic, Some(g.net as f64), c.map(|c| c.growth.net as f64), 0, Better::Higher)) }
            li { strong { (ctx.tr.number(100.0 * o.repeat.rate, 0)) " %" } span { (ctx.t("insight-repeat-rate")) } (change(ctx, ic, Some(100.0 * o.repeat.rate), c.map(|c| 100.0 * c.repeat.rate), 0, Better::Higher)) }
        }
        div.insight-grid {
            section.card {
                div.section-head {
                    h2 { (ctx.t("insight-findings-top")) }
                    a href=(ic.url(ctx, "findings")) { (ctx.t("insight-findings-all")) " →" }
                }
                @if o.findings.is_empty() {
                    p.empty { (ctx.t("insight-findings-none")) }
                } @else {
                    (finding_list(ctx, &o.findings[..o.findings.len().min(5)]))
                }
            }
            section.card {
                div.section-head {
                    h2 { (ctx.t("insight-growth")) }
                    a href=(ic.url(ctx, "kpis")) { (ctx.t("insight-tab-kpis")) " →" }
                }
                (chart_pair(charts::growth(&ctx.tr, shown, Size::new(620.0, 280.0)), charts::growth(&ctx.tr, &shown[shown.len().saturating_sub(12)..], Size::new(360.0, 280.0))))
            }
        }
    };
    frame(ctx, ic, "", &lead, body)
}
