//! `GET /w/{ws}/insight/journeys`: the observed journey — funnel through the designed steps,
//! drop-off, time between steps, stuck points, path variants and deviations.

use maud::{Markup, html};
use stig_insight::observed::{Deviation, DeviationKind, Funnel, Variants};

use super::{InsightCtx, chart, charts, duration_text, frame};
use crate::views::PageCtx;

pub struct JourneysView<'a> {
    pub journey_name: &'a str,
    pub funnel: &'a Funnel,
    pub step_variants: &'a Variants,
    pub activity_variants: &'a Variants,
    pub deviations: &'a [Deviation],
    /// Step id → name.
    pub step_name: &'a dyn Fn(&str) -> String,
}

pub fn journeys_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &JourneysView<'_>) -> Markup {
    let lead = ctx.t("insight-journeys-lead");
    let f = v.funnel;
    let stuck = charts::stuck_steps(f);
    let pct = |x: f64| format!("{} %", ctx.tr.number(100.0 * x, 1));
    let body = html! {
        ul.stats {
            li { strong { (ctx.tr.number(f.runs as f64, 0)) } span { (ctx.t("insight-runs")) } }
            li { strong { (ctx.tr.number(f.completed as f64, 0)) } span { (ctx.t("page-run-completed")) } }
            li { strong { (ctx.tr.number(f.abandoned as f64, 0)) } span { (ctx.t("page-run-abandoned")) } }
            li { strong { (ctx.tr.number(f.active as f64, 0)) } span { (ctx.t("page-run-active")) } }
            li { strong { (ctx.tr.number(v.activity_variants.distinct as f64, 0)) } span { (ctx.t("insight-variants-distinct")) } }
        }
        section.card {
            h2 { (ctx.t("insight-funnel")) " · " (v.journey_name) }
            p.meta { (ctx.t("insight-funnel-how")) }
            (chart(charts::funnel(&ctx.t("insight-funnel"), f, 1200.0, 38.0)))
            div.table-scroll {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("insight-step")) }
                        th.num { (ctx.t("insight-reached")) }
                        th.num { (ctx.t("insight-dropped")) }
                        th.num { (ctx.t("insight-to-next-median")) }
                        th.num { (ctx.t("insight-to-next-p90")) }
                        th.num { (ctx.t("insight-abandoned-here")) }
                        th.num { (ctx.t("insight-abandoned-wait")) }
                    } }
                    tbody {
                        @for s in &f.steps {
                            tr class=[stuck.contains(&s.step.as_str()).then_some("stuck")] {
                                td { (s.name) @if stuck.contains(&s.step.as_str()) { " " span.badge.bad { (ctx.t("insight-stuck")) } } }
                                td.num { (ctx.tr.number(s.reached as f64, 0)) span.muted { " · " (pct(s.share)) } }
                                td.num { (ctx.tr.number(s.dropped as f64, 0)) }
                                td.num { (duration_text(ctx, s.to_next_median)) }
                                td.num { (duration_text(ctx, s.to_next_p90)) }
                                td.num { (ctx.tr.number(s.abandoned_here as f64, 0)) }
                                td.num { (duration_text(ctx, s.abandoned_wait_median)) }
                            }
                        }
                    }
                }
            }
        }
        div.insight-grid {
            section.card {
                h2 { (ctx.t("insight-step-variants")) }
                p.meta { (ctx.tr.ta("insight-variants-of", &[("distinct", ctx.tr.number(v.step_variants.distinct as f64, 0).into()), ("cases", ctx.tr.number(v.step_variants.cases as f64, 0).into())])) }
                (variant_table(ctx, v.step_variants, v.step_name))
            }
            section.card {
                h2 { (ctx.t("insight-deviations")) }
                p.meta { (ctx.t("insight-deviations-how")) }
                @if v.deviations.is_empty() {
                    p.all-good { (ctx.t("insight-deviations-none")) }
                } @else {
                    table.data.compact {
                        thead { tr { th { (ctx.t("insight-from")) } th { (ctx.t("insight-to")) } th { (ctx.t("insight-kind")) } th.num { (ctx.t("insight-runs")) } } }
                        tbody {
                            @for d in v.deviations.iter().take(15) {
                                tr {
                                    td { ((v.step_name)(&d.from)) }
                                    td { ((v.step_name)(&d.to)) }
                                    td { span.badge { (ctx.t(match d.kind { DeviationKind::Skip => "insight-deviation-skip", DeviationKind::Back => "insight-deviation-back" })) } }
                                    td.num { (ctx.tr.number(d.runs as f64, 0)) span.muted { " · " (pct(d.share)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (ctx.t("insight-activity-variants")) }
            p.meta { (ctx.tr.ta("insight-variants-of", &[("distinct", ctx.tr.number(v.activity_variants.distinct as f64, 0).into()), ("cases", ctx.tr.number(v.activity_variants.cases as f64, 0).into())])) }
            (variant_table(ctx, v.activity_variants, &|s: &str| s.to_owned()))
        }
    };
    frame(ctx, ic, "journeys", &lead, body)
}

fn variant_table(ctx: &PageCtx<'_>, v: &Variants, name: &dyn Fn(&str) -> String) -> Markup {
    html! {
        @if v.top.is_empty() {
            p.empty { (ctx.t("insight-variants-none")) }
        } @else {
            ol.variants {
                @for x in &v.top {
                    li {
                        span.variant-count { (ctx.tr.number(x.count as f64, 0)) " · " (ctx.tr.number(100.0 * x.share, 1)) " %" }
                        span.variant-path {
                            @for (i, s) in x.path.iter().enumerate() {
                                @if i > 0 { span.arrow { "›" } }
                                span.pill { (name(s)) }
                            }
                        }
                    }
                }
                // The long tail as one row, so the list stays a top list.
                @if v.others.paths > 0 {
                    li.variant-others data-paths=(v.others.paths) data-cases=(v.others.cases) style="list-style:none" {
                        span.variant-count { (ctx.tr.number(v.others.cases as f64, 0)) " · " (ctx.tr.number(100.0 * v.others.cases as f64 / v.cases.max(1) as f64, 1)) " %" }
                        span.variant-path.muted {
                            (ctx.tr.ta("insight-paths-others", &[("paths", ctx.tr.number(v.others.paths as f64, 0).into()), ("runs", ctx.tr.number(v.others.cases as f64, 0).into())]))
                        }
                    }
                }
            }
        }
    }
}
