//! `GET /w/{ws}/insight`: the headline numbers, the growth of the customer base and the
//! findings to act on first.

use maud::{Markup, html};
use stig_charts::Size;
use stig_insight::findings::Finding;
use stig_insight::kpis::{Month, Repeat};
use stig_insight::scores::Score;

use super::{InsightCtx, chart, charts, finding_list, frame};
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
}

pub fn overview_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, o: &Overview<'_>) -> Markup {
    let lead = ctx.tr.ta(
        "insight-overview-lead",
        &[(
            "events",
            ctx.tr.number(ic.ix.event_count() as f64, 0).into(),
        )],
    );
    let recent = &o.months[o.months.len().saturating_sub(12)..];
    let acquired: u32 = recent.iter().map(|m| m.acquired).sum();
    let churned: u32 = recent.iter().map(|m| m.churned).sum();
    let shown = &o.months[o.months.len().saturating_sub(36)..];
    let body = html! {
        ul.stats {
            li { strong { (ctx.tr.number(o.customers as f64, 0)) } span { (ctx.t("page-customers-total")) } }
            li { strong { (ctx.tr.number(o.runs as f64, 0)) } span { (ctx.t("insight-runs")) } }
            li { strong { (ctx.tr.number(if o.runs > 0 { 100.0 * o.completed as f64 / o.runs as f64 } else { 0.0 }, 0)) " %" } span { (ctx.t("insight-completed-share")) } }
            @if let Some(s) = &o.headline {
                li title=(ctx.tr.ta("insight-interval", &[("low", ctx.tr.number(s.low, 1).into()), ("high", ctx.tr.number(s.high, 1).into()), ("n", ctx.tr.number(f64::from(s.n), 0).into())])) {
                    strong { (super::score_text(ctx, s)) }
                    span { (ctx.t(&format!("insight-kind-name-{}", s.kind.as_str()))) " ± " (ctx.tr.number((s.high - s.low) / 2.0, if s.kind == stig_model::SurveyKind::Nps { 0 } else { 2 })) }
                }
            }
            li { strong { (ctx.tr.number(f64::from(acquired), 0)) " / " (ctx.tr.number(f64::from(churned), 0)) } span { (ctx.t("insight-acquired-churned-12")) } }
            li { strong { (ctx.tr.number(100.0 * o.repeat.rate, 0)) " %" } span { (ctx.t("insight-repeat-rate")) } }
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
                (chart(charts::growth(&ctx.tr, shown, Size::new(620.0, 280.0))))
            }
        }
    };
    frame(ctx, ic, "", &lead, body)
}
