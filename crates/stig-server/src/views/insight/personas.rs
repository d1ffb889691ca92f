//! `GET /w/{ws}/insight/personas`: customer types from data — how many customers each persona
//! has and how that grows, the types the data itself falls into (and which persona each
//! resembles, or none), and the demographic-twins report.

use maud::{Markup, html};
use stig_charts::{Bar, BarOptions, LineOptions, Series, Size, bar_chart, line_chart};
use stig_insight::customer_types::Discovery;
use stig_insight::twins::TwinsReport;

use super::{InsightCtx, chart, frame};
use crate::views::{PageCtx, urlencode};

/// A customer's (by id) strongest loves and hates.
pub type TastesOf<'a> = dyn Fn(&str) -> (Vec<String>, Vec<String>) + 'a;

pub struct PersonasView<'a> {
    pub sizes: &'a [usize],
    pub unmatched: usize,
    pub months: &'a [String],
    pub over_time: &'a [Vec<u32>],
    pub discovery: Option<&'a Discovery>,
    pub twins: &'a TwinsReport,
    pub tastes: &'a TastesOf<'a>,
}

pub fn personas_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &PersonasView<'_>) -> Markup {
    let ix = ic.ix;
    let lead = ctx.t("insight-personas-lead");
    let matched: usize = v.sizes.iter().sum();
    let name_of = |id: &str| {
        ix.persona_index(id)
            .map_or(id.to_owned(), |p| ix.persona_name(p).to_owned())
    };
    let bars: Vec<Bar> = v
        .sizes
        .iter()
        .enumerate()
        .map(|(p, &n)| Bar::new(ix.persona_name(p as u16), Some(n as f64)))
        .collect();
    let series: Vec<Series> = v
        .over_time
        .iter()
        .enumerate()
        .map(|(p, row)| {
            Series::new(
                ix.persona_name(p as u16),
                row.iter().map(|&x| Some(f64::from(x))).collect(),
            )
        })
        .collect();
    let pct = |x: f64| format!("{} %", ctx.tr.number(100.0 * x, 0));
    let t = v.twins;
    let opt = |x: Option<f64>, d: usize| x.map_or("–".to_owned(), |x| ctx.tr.number(x, d));
    let body = html! {
        ul.stats {
            li { strong { (ctx.tr.number(matched as f64, 0)) } span { (ctx.t("insight-personas-matched")) } }
            li { strong { (ctx.tr.number(v.unmatched as f64, 0)) } span { (ctx.t("insight-personas-unmatched")) } }
            @if let Some(d) = v.discovery {
                li { strong { (d.k) } span { (ctx.t("insight-personas-types-found")) } }
            }
            li { strong { (pct(t.share_different)) } span { (ctx.t("insight-twins-different")) } }
        }
        div.insight-grid {
            section.card {
                h2 { (ctx.t("insight-personas-sizes")) }
                p.meta { (ctx.t("insight-personas-sizes-how")) }
                (chart(bar_chart(&ctx.t("insight-personas-sizes"), &bars, &BarOptions { size: Size::new(620.0, 60.0 + 34.0 * bars.len() as f64), format: Some(|v| format!("{v:.0}")), numbers: super::charts::numbers(&ctx.tr), ..BarOptions::default() })))
            }
            section.card {
                h2 { (ctx.t("insight-personas-over-time")) }
                (chart(line_chart(&ctx.t("insight-personas-over-time"), v.months, &series, &LineOptions { size: Size::new(620.0, 300.0), partial: (v.months.last() == Some(&stig_insight::filter::current_month(ic.ix))).then(|| ctx.t("insight-partial")), numbers: super::charts::numbers(&ctx.tr), ..LineOptions::default() })))
            }
        }
        section.card {
            h2 { (ctx.t("insight-discovery")) }
            p.meta { (ctx.t("insight-discovery-how")) }
            @match v.discovery {
                None => p.empty { (ctx.t("insight-discovery-none")) },
                Some(d) => {
                    div.cluster-grid {
                        @for (i, c) in d.clusters.iter().enumerate() {
                            article.cluster.uncovered[c.uncovered] {
                                div.section-head {
                                    h3 { (ctx.tr.ta("insight-cluster", &[("n", (i + 1).to_string().into())])) }
                                    span.muted { (ctx.tr.number(c.size as f64, 0)) " · " (pct(c.share)) }
                                }
                                p { span.tag-label { (ctx.t("insight-loves")) } @for (tag, _) in &c.loves { span.pill.love { (tag) } } }
                                p { span.tag-label { (ctx.t("insight-hates")) } @for (tag, _) in &c.hates { span.pill.hate { (tag) } } }
                                @if c.uncovered {
                                    p { span.badge.bad { (ctx.t("insight-cluster-uncovered")) } }
                                } @else if let Some(p) = &c.resembles {
                                    p.meta { (ctx.tr.ta("insight-cluster-resembles", &[("persona", name_of(p).into()), ("score", ctx.tr.number(c.resemblance, 2).into())])) }
                                }
                                @if ctx.can_edit {
                                    @let loves = c.loves.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join("\n");
                                    @let hates = c.hates.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join("\n");
                                    a.btn.small.secondary href=(ctx.ws_url(&format!("/personas/new?loves={}&hates={}", urlencode(&loves), urlencode(&hates)))) { (ctx.t("insight-cluster-create")) }
                                }
                            }
                        }
                    }
                    @if !d.unfit_personas.is_empty() {
                        p { strong { (ctx.t("insight-personas-unfit")) } " " (d.unfit_personas.iter().map(|p| name_of(p)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
        section.card {
            h2 { (ctx.t("insight-twins")) }
            p.lead { (ctx.tr.ta("insight-twins-summary", &[
                ("pairs", ctx.tr.number(t.twin_pairs as f64, 0).into()),
                ("share", pct(t.share_different).into()),
                ("random", pct(t.share_different_if_random).into()),
            ])) }
            table.data.compact {
                thead { tr { th { (ctx.t("insight-twins-predictor")) } th.num { (ctx.t("insight-twins-satisfaction")) } th.num { (ctx.t("insight-twins-churn")) } } }
                tbody {
                    tr { td { (ctx.t("insight-twins-demographics")) } td.num { (opt(t.satisfaction.demographics, 2)) } td.num { (opt(t.churn.demographics, 2)) } }
                    tr { td { strong { (ctx.t("insight-twins-personas")) } } td.num { strong { (opt(t.satisfaction.personas, 2)) } } td.num { strong { (opt(t.churn.personas, 2)) } } }
                }
            }
            p.meta { (ctx.t("insight-twins-how")) }
            @if !t.examples.is_empty() {
                h3 { (ctx.t("insight-twins-examples")) }
                div.table-scroll {
                    table.data.compact {
                        thead { tr { th { (ctx.t("insight-twins-same")) } th { (ctx.t("insight-twins-one")) } th { (ctx.t("insight-twins-other")) } } }
                        tbody {
                            @for e in &t.examples {
                                tr {
                                    td { (e.demographics) }
                                    td {
                                        a href=(ctx.ws_url(&format!("/customers/{}", urlencode(&e.a)))) { (e.a) }
                                        " · " (ix.persona_name(e.persona_a))
                                        (tastes(ctx, (v.tastes)(&e.a)))
                                    }
                                    td {
                                        a href=(ctx.ws_url(&format!("/customers/{}", urlencode(&e.b)))) { (e.b) }
                                        " · " (ix.persona_name(e.persona_b))
                                        (tastes(ctx, (v.tastes)(&e.b)))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    frame(ctx, ic, "personas", &lead, body)
}

/// A customer's loves and hates as pills.
fn tastes(ctx: &PageCtx<'_>, (loves, hates): (Vec<String>, Vec<String>)) -> Markup {
    html! {
        div.twin-tastes {
            @for tag in &loves { span.pill.love title=(ctx.t("insight-loves")) { (tag) } }
            @for tag in &hates { span.pill.hate title=(ctx.t("insight-hates")) { (tag) } }
        }
    }
}
