//! `GET /w/{ws}/insight/emotions`: the measured emotion curve per persona drawn on the journey
//! map beside the designed one, and the steps where customers feel much worse than designed.

use maud::{Markup, PreEscaped, html};
use stig_insight::emotion::EmotionCurve;

use super::{InsightCtx, frame};
use crate::views::PageCtx;
use crate::views::parts::valence_chip;

pub struct EmotionsView<'a> {
    pub journey: &'a str,
    pub journey_name: &'a str,
    /// The map with the measured curves, as SVG (or an error text).
    pub map: Result<String, String>,
    pub curves: &'a [EmotionCurve],
    pub min_answers: u32,
}

pub fn emotions_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &EmotionsView<'_>) -> Markup {
    let lead = ctx.tr.ta(
        "insight-emotions-lead",
        &[("min", ctx.tr.number(f64::from(v.min_answers), 0).into())],
    );
    let persona_name = |c: &EmotionCurve| match &c.persona {
        Some(p) => ic
            .ix
            .persona_index(p)
            .map_or(p.clone(), |i| ic.ix.persona_name(i).to_owned()),
        None => ctx.t("insight-all-customers"),
    };
    let flagged: Vec<(&EmotionCurve, &stig_insight::emotion::StepEmotion)> = v
        .curves
        .iter()
        .flat_map(|c| c.flagged().map(move |s| (c, s)))
        .collect();
    let body = html! {
        section.card {
            h2 { (v.journey_name) }
            p.meta { (ctx.t("insight-emotions-how")) }
            div.map-frame.insight-map {
                @match &v.map {
                    Ok(svg) => (PreEscaped(svg)),
                    Err(e) => p.empty { (e) },
                }
            }
        }
        section.card {
            h2 { (ctx.t("insight-emotions-gaps")) }
            @if flagged.is_empty() {
                p.all-good { (ctx.t("insight-emotions-no-gaps")) }
            } @else {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("insight-persona")) }
                        th { (ctx.t("insight-step")) }
                        th.num { (ctx.t("insight-designed")) }
                        th.num { (ctx.t("insight-measured")) }
                        th.num { (ctx.t("insight-answers")) }
                    } }
                    tbody {
                        @for (c, s) in &flagged {
                            tr {
                                td { (persona_name(c)) }
                                td { a href=(ctx.ws_url(&format!("/journeys/{}?step={}", crate::views::urlencode(v.journey), crate::views::urlencode(&s.step)))) { (s.name) } }
                                td.num { @if let Some(d) = s.designed { (valence_chip(ctx, d, 1)) } }
                                td.num { @if let Some(m) = s.measured { (valence_chip(ctx, m, 1)) } }
                                td.num { (ctx.tr.number(f64::from(s.answers), 0)) }
                            }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { (ctx.t("insight-emotions-table")) }
            div.table-scroll {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("insight-step")) }
                        @for c in v.curves { th.num colspan="2" { (persona_name(c)) } }
                    } }
                    tbody {
                        @if let Some(first) = v.curves.first() {
                            @for (i, s) in first.steps.iter().enumerate() {
                                tr {
                                    td { (s.name) }
                                    @for c in v.curves {
                                        @let st = &c.steps[i];
                                        td.num.muted title=(ctx.t("insight-designed")) { @if let Some(d) = st.designed { (ctx.tr.number(d, 1)) } @else { "–" } }
                                        td.num.poor[st.flagged] title=(ctx.tr.ta("insight-n", &[("n", ctx.tr.number(f64::from(st.answers), 0).into())])) {
                                            @if let Some(m) = st.measured { strong { (ctx.tr.number(m, 1)) } } @else { span.muted { "·" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.meta { (ctx.t("insight-emotions-columns")) }
        }
    };
    frame(ctx, ic, "emotions", &lead, body)
}
