//! `GET /w/{ws}/insight/drivers`: which touchpoints drive the chosen outcome (Johnson's
//! relative weights with bootstrap intervals), whether that ranking may be acted on (R² and
//! sample size, the limits of [`stig_insight::drivers::limits`]), the importance–performance
//! matrix only when it may, the emotional vs functional share, and the same per persona.

use maud::{Markup, html};
use stig_charts::Size;
use stig_insight::drivers::{Limits, Quadrant};
use stig_insight::respondents::{DriverReport, OutcomeSource, PersonaDrivers};

use super::{InsightCtx, chart, charts, frame};
use crate::i18n::Tr;
use crate::views::PageCtx;

pub struct DriversView<'a> {
    /// `(key, label, answers)` of every possible outcome question.
    pub outcomes: &'a [(String, String, u32)],
    pub outcome: Option<&'a str>,
    pub source: Option<OutcomeSource>,
    pub report: Result<&'a DriverReport, String>,
    /// Touchpoint id → name.
    pub name: &'a dyn Fn(&str) -> String,
    /// Persona id → name.
    pub persona_name: &'a dyn Fn(&str) -> String,
}

pub fn drivers_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &DriversView<'_>) -> Markup {
    let lead = ctx.t("insight-drivers-lead");
    let body = html! {
        (outcome_form(ctx, ic, v))
        @match &v.report {
            Err(why) => section.card { p.empty { (why) } },
            Ok(r) => (report(ctx, r, v)),
        }
    };
    frame(ctx, ic, "drivers", &lead, body)
}

/// The outcome select: a plain GET form keeping the filter, so it works without script.
fn outcome_form(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, v: &DriversView<'_>) -> Markup {
    // The filter's fields as they are, whatever fields it has.
    let filter: Vec<(String, String)> = serde_json::to_value(ic.query)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| {
            v.as_str()
                .filter(|s| !s.trim().is_empty())
                .map(|s| (k, s.to_owned()))
        })
        .collect();
    let source = v.source.map(|s| match s {
        OutcomeSource::Chosen => "drivers-source-chosen",
        OutcomeSource::Setting => "drivers-source-setting",
        OutcomeSource::Overall => "drivers-source-overall",
        OutcomeSource::Nps => "drivers-source-nps",
    });
    html! {
        form.filters.card.drivers-outcome method="get" action=(ctx.ws_url("/insight/drivers")) {
            @for (k, val) in &filter {
                input type="hidden" name=(k) value=(val);
            }
            div.filter {
                label for="drivers-outcome" { (ctx.t("drivers-outcome-label")) }
                select #drivers-outcome name="outcome" {
                    @if v.outcome.is_none() {
                        option value="" selected { "–" }
                    }
                    @for (key, label, n) in v.outcomes {
                        option value=(key) selected[Some(key.as_str()) == v.outcome] {
                            (label) " · " (ctx.tr.ta("drivers-outcome-answers", &[("n", ctx.tr.number(f64::from(*n), 0).into())]))
                        }
                    }
                }
            }
            div.filter-actions {
                button.btn.small type="submit" { (ctx.t("drivers-outcome-submit")) }
            }
        }
        @if let Some(key) = source {
            p.meta { (ctx.t(key)) }
        } @else if v.outcome.is_none() {
            p.meta { (ctx.t("drivers-none-marked")) }
        }
    }
}

fn pct(ctx: &PageCtx<'_>, x: f64, places: usize) -> String {
    ctx.tr.number(100.0 * x, places)
}

/// The verdict on a ranking in words: why it may be acted on, or why not ("no fix first").
/// The web page, the HTML and the PDF report say the same.
pub fn limits_sentence(
    tr: &Tr<'_>,
    l: &Limits,
    d: &stig_insight::drivers::Drivers,
    name: &dyn Fn(&str) -> String,
) -> String {
    let pct = |x: f64, places| tr.number(100.0 * x, places);
    let threshold = pct(stig_insight::drivers::MIN_R_SQUARED, 0);
    match l {
        Limits::Ranked => tr.ta(
            "drivers-ranked",
            &[
                ("r2", pct(d.r_squared, 0).into()),
                ("threshold", threshold.into()),
                (
                    "first",
                    d.drivers
                        .first()
                        .map_or(String::new(), |x| name(&x.predictor))
                        .into(),
                ),
            ],
        ),
        Limits::WeakModel { .. } => tr.ta(
            "drivers-weak",
            &[
                ("r2", pct(d.r_squared, 1).into()),
                ("threshold", threshold.into()),
            ],
        ),
        Limits::TopOverlap {
            first,
            second,
            first_interval,
            second_interval,
        } => tr.ta(
            "drivers-overlap",
            &[
                ("first", name(first).into()),
                ("second", name(second).into()),
                ("first_low", pct(first_interval.0, 0).into()),
                ("first_high", pct(first_interval.1, 0).into()),
                ("second_low", pct(second_interval.0, 0).into()),
                ("second_high", pct(second_interval.1, 0).into()),
            ],
        ),
        Limits::NoIntervals => tr.t("drivers-no-intervals"),
    }
}

/// The verdict in two or three words (a badge).
pub fn verdict_key(l: &Limits) -> &'static str {
    match l {
        Limits::Ranked => "drivers-persona-ranked",
        Limits::WeakModel { .. } => "drivers-persona-weak",
        Limits::TopOverlap { .. } => "drivers-persona-overlap",
        Limits::NoIntervals => "drivers-persona-failed",
    }
}

/// What a persona's row says when it has no analysis: the answers it lacks, or that it failed.
pub fn persona_missing(tr: &Tr<'_>, p: &PersonaDrivers) -> String {
    if p.missing > 0 {
        tr.ta(
            "drivers-persona-missing",
            &[
                ("missing", tr.number(p.missing as f64, 0).into()),
                ("rows", tr.number(p.answers as f64, 0).into()),
                ("needed", tr.number(p.needed as f64, 0).into()),
            ],
        )
    } else {
        tr.t("drivers-persona-failed")
    }
}

/// The label of an outcome key (`airport:nps`, `overall:csat`): the touchpoint's name, or
/// "overall" in the reader's language, and the scale.
pub fn outcome_label(tr: &Tr<'_>, ix: &stig_insight::Index, key: &str) -> String {
    match stig_insight::respondents::Outcome::parse(ix, key) {
        Some(o) => format!(
            "{} · {}",
            o.touchpoint_name(ix)
                .map_or_else(|| tr.t("drivers-outcome-overall"), str::to_owned),
            o.kind.as_str().to_uppercase()
        ),
        None => key.to_owned(),
    }
}

fn report(ctx: &PageCtx<'_>, r: &DriverReport, v: &DriversView<'_>) -> Markup {
    let name = v.name;
    let d = &r.drivers;
    let ranked = r.limits.ranked();
    let quadrant = |p: &str| r.quadrants.iter().find(|(q, _)| q == p).map(|(_, q)| *q);
    html! {
        ul.stats {
            li { strong { (pct(ctx, d.r_squared, 0)) " %" } span { (ctx.t("insight-drivers-r2")) } }
            li { strong { (ctx.tr.number(d.rows as f64, 0)) } span { (ctx.t("insight-drivers-respondents")) } }
            @if let Some((e, f)) = r.emotional {
                li { strong { (ctx.tr.number(100.0 * e, 0)) " / " (ctx.tr.number(100.0 * f, 0)) } span { (ctx.t("insight-drivers-emotional-functional")) } }
            }
        }
        section.card.drivers-limits role="status" {
            h2 {
                (ctx.t("drivers-limits")) " "
                @if ranked {
                    span.badge.life-active { (ctx.t("drivers-persona-ranked")) }
                } @else {
                    span.badge.warning { (ctx.t(verdict_key(&r.limits))) }
                }
            }
            p { (limits_sentence(&ctx.tr, &r.limits, d, name)) }
            p.meta { (ctx.tr.ta("drivers-sample", &[("r2", pct(ctx, d.r_squared, 1).into()), ("n", ctx.tr.number(d.rows as f64, 0).into())])) }
        }
        div.insight-grid {
            section.card {
                h2 { (ctx.t("insight-drivers-importance")) }
                p.meta { (ctx.t("insight-drivers-importance-how")) }
                (chart(charts::driver_bars(&ctx.tr, d, name, 620.0, 30.0)))
            }
            // The matrix names a "fix first" corner: only for a ranking that may be acted on.
            @if ranked {
                section.card {
                    h2 { (ctx.t("insight-drivers-ipa")) }
                    p.meta { (ctx.t("insight-drivers-ipa-how")) }
                    (chart(charts::driver_ipa(&ctx.tr, d, name, Size::new(620.0, 420.0))))
                }
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
            div.table-wrap {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("page-touchpoint")) }
                        th.num { (ctx.t("insight-drivers-share")) }
                        th.num { (ctx.t("insight-drivers-interval")) }
                        th.num { (ctx.t("insight-drivers-performance")) }
                        th.num { (ctx.t("insight-answers")) }
                        @if ranked { th { (ctx.t("insight-drivers-quadrant")) } }
                    } }
                    tbody {
                        @for x in &d.drivers {
                            tr {
                                td { (name(&x.predictor)) }
                                td.num { (ctx.tr.number(100.0 * x.share, 1)) " %" }
                                td.num.muted { (ctx.tr.number(100.0 * x.share_low, 1)) "–" (ctx.tr.number(100.0 * x.share_high, 1)) }
                                td.num { (ctx.tr.number(x.performance, 2)) }
                                td.num { (ctx.tr.number(x.answered as f64, 0)) }
                                @if ranked {
                                    td { @if let Some(q) = quadrant(&x.predictor) {
                                        span.badge.bad[q == Quadrant::Fix] { (ctx.t(charts::quadrant_key(q))) }
                                    } }
                                }
                            }
                        }
                    }
                }
            }
            @if !d.dropped.is_empty() {
                p.meta { (ctx.t("insight-drivers-dropped")) " " (d.dropped.iter().map(|p| name(p)).collect::<Vec<_>>().join(", ")) }
            }
        }
        @if !r.by_persona.is_empty() {
            (by_persona(ctx, &r.by_persona, v))
        }
    }
}

fn by_persona(ctx: &PageCtx<'_>, rows: &[PersonaDrivers], v: &DriversView<'_>) -> Markup {
    let needed = rows.first().map_or(30, |p| p.needed);
    html! {
        section.card {
            h2 { (ctx.t("drivers-by-persona")) }
            p.meta { (ctx.tr.ta("drivers-by-persona-how", &[("needed", ctx.tr.number(needed as f64, 0).into())])) }
            div.table-wrap {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("drivers-persona")) }
                        th.num { (ctx.t("insight-drivers-respondents")) }
                        th.num { "R²" }
                        th { (ctx.t("drivers-persona-top")) }
                        th { (ctx.t("drivers-persona-verdict")) }
                    } }
                    tbody {
                        @for p in rows {
                            tr {
                                td { ((v.persona_name)(&p.persona)) }
                                td.num { (ctx.tr.number(p.rows as f64, 0)) }
                                @match (&p.drivers, &p.limits) {
                                    (Some(d), Some(l)) => {
                                        td.num { (pct(ctx, d.r_squared, 0)) " %" }
                                        td { @if let Some(top) = d.drivers.first() {
                                            ((v.name)(&top.predictor)) " (" (pct(ctx, top.share, 0)) " %)"
                                        } }
                                        td { span.badge.warning[!l.ranked()].life-active[l.ranked()] { (ctx.t(verdict_key(l))) } }
                                    }
                                    _ => {
                                        td.num.muted { "–" }
                                        td.muted { "–" }
                                        td.muted { (persona_missing(&ctx.tr, p)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
