//! `GET /w/{ws}/insight/scores`: CSAT, NPS or CES per touchpoint, overall and per persona,
//! with intervals and a minimum sample, and the trend per month.

use maud::{Markup, html};
use stig_charts::{LineOptions, Series, Size, line_chart};
use stig_insight::scores::{Point, Score, TouchpointScores};
use stig_model::SurveyKind;

use super::{Better, InsightCtx, change, chart, charts, frame, score_text};
use crate::views::PageCtx;

pub struct ScoresView<'a> {
    pub kind: SurveyKind,
    /// The kinds with answers, for the switch.
    pub kinds: &'a [SurveyKind],
    pub overall: Score,
    /// The overall score over the comparison period, when there is one.
    pub overall_before: Option<Score>,
    pub rows: &'a [TouchpointScores],
    pub trend: &'a [Point],
    pub min_answers: u32,
    /// The touchpoint the trend is of, if one was picked.
    pub touchpoint: Option<(String, String)>,
}

pub fn scores_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &ScoresView<'_>) -> Markup {
    let kind_name = ctx.t(&format!("insight-kind-name-{}", v.kind.as_str()));
    let lead = ctx.tr.ta(
        "insight-scores-lead",
        &[("min", ctx.tr.number(f64::from(v.min_answers), 0).into())],
    );
    let months: Vec<String> = v.trend.iter().map(|p| p.month.clone()).collect();
    let trend = Series {
        name: kind_name.clone(),
        values: v.trend.iter().map(|p| Some(p.score.value)).collect(),
        band: Some(
            v.trend
                .iter()
                .map(|p| Some((p.score.low, p.score.high)))
                .collect(),
        ),
        ..Series::default()
    };
    let personas = &ic.ix.persona_names;
    // The month not over yet is drawn as partial, not as a drop.
    let current = stig_insight::filter::current_month(ic.ix);
    let partial = v
        .trend
        .last()
        .filter(|p| p.month == current)
        .map(|_| ctx.t("insight-partial"));
    let decimals = if v.kind == SurveyKind::Nps { 0 } else { 2 };
    let kind_url = |k: SurveyKind| ic.url_with(ctx, "scores", &[("kind", k.as_str().to_owned())]);
    let body = html! {
        div.row.kind-switch {
            @for k in v.kinds {
                a.btn.small.secondary[*k != v.kind] href=(kind_url(*k)) { (ctx.t(&format!("insight-kind-name-{}", k.as_str()))) }
            }
            span.muted.small {
                (kind_name) " " (ctx.t("insight-overall")) ": "
                strong { (score_text(ctx, &v.overall)) }
                " (" (ctx.tr.ta("insight-interval", &[("low", ctx.tr.number(v.overall.low, 1).into()), ("high", ctx.tr.number(v.overall.high, 1).into()), ("n", ctx.tr.number(f64::from(v.overall.n), 0).into())])) ")"
                (change(ctx, ic, (v.overall.n > 0).then_some(v.overall.value), v.overall_before.filter(|b| b.n > 0).map(|b| b.value), decimals, Better::Higher))
            }
        }
        @if v.rows.is_empty() {
            section.card { p.empty { (ctx.t("insight-scores-none")) } }
        } @else {
            div.insight-grid {
                section.card {
                    h2 { (ctx.tr.ta("insight-scores-by-touchpoint", &[("kind", kind_name.clone().into())])) }
                    p.meta { (ctx.t("insight-scores-partner-note")) }
                    (chart(charts::score_bars(&ctx.tr, v.kind, v.rows, 620.0, 30.0)))
                }
                section.card {
                    h2 {
                        (ctx.t("insight-trend"))
                        @if let Some((_, name)) = &v.touchpoint { " · " (name) }
                    }
                    (chart(line_chart(&kind_name, &months, &[trend], &LineOptions {
                        size: Size::new(620.0, 300.0),
                        reference: (v.kind == SurveyKind::Nps).then_some(0.0),
                        bounds: Some(charts::score_range(v.kind)),
                        partial: partial.clone(),
                        numbers: charts::numbers(&ctx.tr),
                        ..LineOptions::default()
                    })))
                    p.meta { (ctx.t("insight-trend-band")) }
                }
            }
            section.card {
                h2 { (ctx.t("insight-scores-by-persona")) }
                div.table-scroll {
                    table.data.compact.heat {
                        thead { tr {
                            th { (ctx.t("page-touchpoint")) }
                            th.num { (ctx.t("insight-all")) }
                            @for p in personas { th.num { (p) } }
                        } }
                        tbody {
                            @for t in v.rows {
                                tr {
                                    td { a href=(trend_url(ctx, ic, v.kind, &t.touchpoint)) { (t.name) } }
                                    (cell(ctx, &t.all, v.kind))
                                    @for s in &t.by_persona { (cell(ctx, s, v.kind)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    frame(ctx, ic, "scores", &lead, body)
}

fn trend_url(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, kind: SurveyKind, touchpoint: &str) -> String {
    ic.url_with(
        ctx,
        "scores",
        &[
            ("kind", kind.as_str().to_owned()),
            ("touchpoint", touchpoint.to_owned()),
        ],
    )
}

/// A table cell coloured by how good the score is on its scale.
fn cell(ctx: &PageCtx<'_>, s: &Score, kind: SurveyKind) -> Markup {
    let (lo, hi) = charts::score_range(kind);
    let t = ((s.value - lo) / (hi - lo)).clamp(0.0, 1.0);
    let class = if !s.enough {
        "few"
    } else if t >= 0.7 {
        "good"
    } else if t >= 0.5 {
        "fair"
    } else {
        "poor"
    };
    let title = ctx.tr.ta(
        "insight-interval",
        &[
            ("low", ctx.tr.number(s.low, 1).into()),
            ("high", ctx.tr.number(s.high, 1).into()),
            ("n", ctx.tr.number(f64::from(s.n), 0).into()),
        ],
    );
    html! {
        td class={"num " (class)} title=(title) {
            @if s.n == 0 { "–" }
            @else if !s.enough { span.muted { (score_text(ctx, s)) } sup { "n=" (s.n) } }
            @else { (score_text(ctx, s)) }
        }
    }
}
