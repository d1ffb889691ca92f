//! The insight pages: experience scores, emotion curves, drivers, KPIs, observed journeys and
//! findings. Every page shows the same tabs and filter bar (persona, journey, channel, period)
//! and draws its charts with `stig-charts`, server-side. A period may be a preset (last 30
//! days, last quarter, year to date) or from/to; headline numbers then show their change
//! against the period before or the same period a year before ([`change`]).

pub mod charts;
pub mod drivers;
pub mod emotions;
pub mod findings;
pub mod journeys;
pub mod kpis;
pub mod overview;
pub mod personas;
pub mod scores;

use maud::{Markup, PreEscaped, html};
use stig_insight::filter::{Compare, PERIODS};
use stig_insight::findings::{Arg, Evidence, Finding};
use stig_insight::{Filter, FilterQuery, Index};

use super::touchpoints::select;
use super::{PageCtx, urlencode};
use crate::i18n::Tr;

/// The insight areas, as their URL segment and tab message.
pub const AREAS: [(&str, &str); 8] = [
    ("", "insight-tab-overview"),
    ("scores", "insight-tab-scores"),
    ("emotions", "insight-tab-emotions"),
    ("drivers", "insight-tab-drivers"),
    ("kpis", "insight-tab-kpis"),
    ("journeys", "insight-tab-journeys"),
    ("personas", "insight-tab-personas"),
    ("findings", "insight-tab-findings"),
];

/// What every insight page shows: the index and the filter as asked.
pub struct InsightCtx<'a> {
    pub ix: &'a Index,
    pub query: &'a FilterQuery,
    /// The filter as resolved (presets as days), for the period shown and the comparison.
    pub filter: Filter,
    /// Why the filter was not applied, if it was not.
    pub filter_error: Option<String>,
    /// Extra query parameters of the page (e.g. `kind=nps`), kept by the filter form.
    pub extra: Vec<(&'static str, String)>,
    /// When the numbers were computed, and whether newer ones are being made after an edit.
    pub as_of: Option<jiff::Timestamp>,
    pub recomputing: bool,
}

impl InsightCtx<'_> {
    /// The filter as a query string (`persona=x&from=2024-01`), empty values left out.
    pub fn query_string(&self) -> String {
        self.query_string_with(&self.extra)
    }

    fn query_string_with(&self, extra: &[(&str, String)]) -> String {
        let q = self.query;
        let mut parts: Vec<String> = [
            ("persona", &q.persona),
            ("journey", &q.journey),
            ("channel", &q.channel),
            ("from", &q.from),
            ("to", &q.to),
            ("period", &q.period),
            ("compare", &q.compare),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{k}={}", urlencode(v)))
        })
        .collect();
        parts.extend(extra.iter().map(|(k, v)| format!("{k}={}", urlencode(v))));
        parts.join("&")
    }

    /// A URL of an insight area with the current filter.
    pub fn url(&self, ctx: &PageCtx<'_>, area: &str) -> String {
        self.url_with(ctx, area, &self.extra)
    }

    /// A URL of an insight area with the current filter and `extra` parameters.
    pub fn url_with(&self, ctx: &PageCtx<'_>, area: &str, extra: &[(&str, String)]) -> String {
        let path = if area.is_empty() {
            "/insight".to_owned()
        } else {
            format!("/insight/{area}")
        };
        let qs = self.query_string_with(extra);
        if qs.is_empty() {
            ctx.ws_url(&path)
        } else {
            ctx.ws_url(&format!("{path}?{qs}"))
        }
    }
}

/// Tabs, heading and filter bar, then the page's own content.
pub fn frame(
    ctx: &PageCtx<'_>,
    ic: &InsightCtx<'_>,
    area: &str,
    lead: &str,
    body: Markup,
) -> Markup {
    let title = AREAS
        .iter()
        .find(|(a, _)| *a == area)
        .map_or_else(String::new, |(_, key)| ctx.t(key));
    html! {
        div.heading {
            div.heading-text {
                p.eyebrow { (ctx.t("nav-insight")) }
                h1 { (title) }
                p.lead { (lead) }
            }
        }
        nav.tabs aria-label=(ctx.t("nav-insight")) {
            @for (a, key) in AREAS {
                a.tab.active[a == area] href=(ic.url_with(ctx, a, &[])) { (ctx.t(key)) }
            }
        }
        style { (PreEscaped(NARROW_CHARTS)) }
        (filter_bar(ctx, ic, area))
        @if let Some(t) = ic.as_of {
            @let time = t.strftime("%H:%M:%S UTC").to_string();
            p.hint.freshness role="status" {
                (ctx.tr.ta("insight-as-of", &[("time", time.into())]))
                @if ic.recomputing { ", " (ctx.t("insight-recomputing")) }
            }
        }
        @if let Some(e) = &ic.filter_error {
            div.flash.error role="alert" { (ctx.t("insight-filter-error")) " " (e) }
        }
        @if ic.ix.customer_count() == 0 {
            section.card {
                p { (ctx.t("insight-no-data")) }
                p { a href=(ctx.ws_url("/sources")) { (ctx.t("page-customers-none-action")) } }
            }
        } @else {
            (body)
        }
    }
}

fn filter_bar(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, area: &str) -> Markup {
    let ix = ic.ix;
    let q = ic.query;
    let personas: Vec<(String, String)> = ix
        .personas
        .iter()
        .zip(&ix.persona_names)
        .map(|(id, name)| (id.clone(), name.clone()))
        .collect();
    let journeys: Vec<(String, String)> = ix
        .journeys
        .iter()
        .map(|j| (j.id.clone(), j.name.clone()))
        .collect();
    let channels: Vec<(String, String)> = ix
        .channels
        .iter()
        .map(|c| (c.clone(), channel_name(ctx, c)))
        .collect();
    let action = if area.is_empty() {
        ctx.ws_url("/insight")
    } else {
        ctx.ws_url(&format!("/insight/{area}"))
    };
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let period = q.period.as_deref().map(str::trim).unwrap_or_default();
    let preset = PERIODS.contains(&period);
    let periods: Vec<(String, String)> = PERIODS
        .iter()
        .chain(&["custom"])
        .map(|p| (p.to_string(), ctx.t(&format!("insight-period-{p}"))))
        .collect();
    let compares: Vec<(String, String)> = [Compare::Previous, Compare::Year]
        .iter()
        .map(|c| {
            (
                c.as_str().to_owned(),
                ctx.t(&format!("insight-compare-{}", c.as_str())),
            )
        })
        .collect();
    html! {
        form.filters.card method="get" action=(action) {
            @for (k, v) in &ic.extra {
                input type="hidden" name=(k) value=(v);
            }
            (select(ctx, "persona", "insight-filter-persona", "insight-filter-any-persona", &personas, q.persona.as_deref()))
            (select(ctx, "journey", "insight-filter-journey", "insight-filter-any-journey", &journeys, q.journey.as_deref()))
            (select(ctx, "channel", "insight-filter-channel", "insight-filter-any-channel", &channels, q.channel.as_deref()))
            (select(ctx, "period", "insight-period", "insight-period-all", &periods, Some(period)))
            @if !preset {
                div.filter {
                    label for="filter-from" { (ctx.t("insight-filter-from")) }
                    input #filter-from type="month" name="from" value=(value(&q.from)) placeholder="2024-01";
                }
                div.filter {
                    label for="filter-to" { (ctx.t("insight-filter-to")) }
                    input #filter-to type="month" name="to" value=(value(&q.to)) placeholder="2024-12";
                }
            }
            @if ic.filter.from.is_some() {
                div.filter {
                    label for="filter-compare" { (ctx.t("insight-compare")) }
                    select #filter-compare name="compare" data-autosubmit {
                        @for (v, text) in &compares {
                            option value=(v) selected[v == ic.filter.compare.as_str()] { (text) }
                        }
                    }
                }
            }
            div.filter-actions {
                button.btn.small type="submit" { (ctx.t("page-filter-apply")) }
                @if !q.is_empty() {
                    a.btn.secondary.small href=(action) { (ctx.t("page-filter-reset")) }
                }
            }
            @if let Some(range) = period_text(ctx, ic) {
                p.hint.period-range style="flex-basis:100%;margin:0" { (range) }
            }
        }
    }
}

/// The days a period covers, as the reader writes dates ("1 Sep 2026 – 30 Nov 2026"), and
/// those it is compared with.
fn period_text(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>) -> Option<String> {
    let ix = ic.ix;
    let from = ic.filter.from?;
    let days = |f: &Filter| {
        let first = ix.timestamp(f.from.unwrap_or(0));
        let end = ix.timestamp(f.to.unwrap_or(ix.now).max(1) - 1);
        let date = |t: jiff::Timestamp| ctx.tr.date(jiff::tz::TimeZone::UTC.to_datetime(t).date());
        format!("{} – {}", date(first), date(end))
    };
    let shown = days(&Filter {
        to: ic.filter.to.or(Some(ix.now.max(from) + 1)),
        ..ic.filter
    });
    Some(match ic.filter.compared(ix) {
        Some(before) => ctx.tr.ta(
            "insight-period-range-compared",
            &[("period", shown.into()), ("compared", days(&before).into())],
        ),
        None => shown,
    })
}

/// Which way a number is better, for colouring its change.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Neither (e.g. a count of answers).
    Neutral,
}

/// A headline number's change against the comparison period ("▲ 3 vs previous period"),
/// or nothing without a comparison or without a number then.
pub fn change(
    ctx: &PageCtx<'_>,
    ic: &InsightCtx<'_>,
    now: Option<f64>,
    before: Option<f64>,
    decimals: usize,
    better: Better,
) -> Markup {
    let (Some(now), Some(before)) = (now, before) else {
        return html! {};
    };
    if ic.filter.compared(ic.ix).is_none() || !now.is_finite() || !before.is_finite() {
        return html! {};
    }
    let delta = now - before;
    let shown = ctx.tr.number(delta.abs(), decimals);
    let zero = shown.chars().all(|c| !c.is_ascii_digit() || c == '0');
    let (arrow, sign) = match (zero, delta > 0.0) {
        (true, _) => ("", "±"),
        (false, true) => ("▲ ", "+"),
        (false, false) => ("▼ ", "−"),
    };
    let color = match (zero, better, delta > 0.0) {
        (true, _, _) | (_, Better::Neutral, _) => "var(--muted)",
        (_, Better::Higher, true) | (_, Better::Lower, false) => "var(--ok)",
        _ => "var(--bad)",
    };
    let key = format!("insight-change-{}", ic.filter.compare.as_str());
    let text = ctx
        .tr
        .ta(&key, &[("change", format!("{sign}{shown}").into())]);
    let before_text = ctx.tr.ta(
        "insight-change-before",
        &[("value", ctx.tr.number(before, decimals).into())],
    );
    html! {
        small.change data-change=(format!("{delta:.4}")) title=(before_text) style=(format!("display:block;font-size:.78rem;color:{color}")) {
            (arrow) (text)
        }
    }
}

/// A channel id as people read it (known channels are translated).
pub fn channel_name(ctx: &PageCtx<'_>, id: &str) -> String {
    let key = format!("page-channel-{id}");
    let t = ctx.t(&key);
    if t == key { id.to_owned() } else { t }
}

/// A chart's SVG, inline.
pub fn chart(svg: String) -> Markup {
    html! { div.chart { (PreEscaped(svg)) } }
}

/// A chart drawn twice: wide for screens, narrow (fewer px, so bigger text) for phones; the
/// page shows one (see [`NARROW_CHARTS`]).
pub fn chart_pair(wide: String, narrow: String) -> Markup {
    html! {
        div.chart.chart-wide { (PreEscaped(wide)) }
        div.chart.chart-narrow { (PreEscaped(narrow)) }
    }
}

/// Which of a [`chart_pair`] shows: the narrow one up to the phone layout's width.
const NARROW_CHARTS: &str = ".chart-narrow{display:none}@media (max-width:700px){.chart-wide{display:none}.chart-narrow{display:block}}";

/// A finding as a sentence in the reader's language.
pub fn finding_message(tr: &Tr<'_>, f: &Finding) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = f
        .args
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Arg::Text(s) if *k == "owner" => tr.t(&format!("insight-owner-{s}")),
                Arg::Text(s) => s.clone(),
                Arg::Number(n) if n.fract() == 0.0 => tr.number(*n, 0),
                Arg::Number(n) => tr.number(*n, if (n * 10.0).fract() == 0.0 { 1 } else { 2 }),
            };
            (*k, text.into())
        })
        .collect();
    let key = match (f.kind.as_str(), f.args.get("persona")) {
        ("phase-without-touchpoints", Some(Arg::Text(p))) if p.is_empty() => {
            "finding-phase-without-touchpoints-design".to_owned()
        }
        ("emotion-gap", Some(Arg::Text(p))) if p.is_empty() => "finding-emotion-gap-all".to_owned(),
        (kind, _) => format!("finding-{kind}"),
    };
    tr.ta(&key, &args)
}

/// Where a finding's evidence is shown.
pub fn finding_url(ctx: &PageCtx<'_>, f: &Finding) -> String {
    match &f.evidence {
        Evidence::Journey { journey } => ctx.ws_url(&format!("/journeys/{}", urlencode(journey))),
        Evidence::Scores { touchpoint } => ctx.ws_url(&format!(
            "/insight/scores?touchpoint={}",
            urlencode(touchpoint)
        )),
        Evidence::Emotion { journey, persona } => {
            let mut url = ctx.ws_url(&format!("/insight/emotions?journey={}", urlencode(journey)));
            if let Some(p) = persona {
                url.push_str(&format!("&persona={}", urlencode(p)));
            }
            url
        }
        Evidence::Drivers { outcome } => {
            ctx.ws_url(&format!("/insight/drivers?outcome={}", urlencode(outcome)))
        }
        Evidence::Funnel { journey } => {
            ctx.ws_url(&format!("/insight/journeys?journey={}", urlencode(journey)))
        }
        Evidence::Kpis => ctx.ws_url("/insight/kpis"),
    }
}

/// A list of findings with their severity.
pub fn finding_list(ctx: &PageCtx<'_>, found: &[Finding]) -> Markup {
    html! {
        ol.findings {
            @for f in found {
                li.finding {
                    span.severity title=(format!("{:.2}", f.severity)) {
                        span.severity-bar style=(format!("width:{:.0}%", f.severity * 100.0)) {}
                    }
                    div {
                        span.badge.finding-kind { (ctx.t(&format!("insight-kind-{}", f.kind.as_str()))) }
                        " " (finding_message(&ctx.tr, f))
                        " " a.evidence href=(finding_url(ctx, f)) { (ctx.t("insight-evidence")) " →" }
                    }
                }
            }
        }
    }
}

/// "Too few answers" or a number, for tables.
pub fn score_text(ctx: &PageCtx<'_>, s: &stig_insight::scores::Score) -> String {
    if s.n == 0 {
        "–".to_owned()
    } else {
        ctx.tr.number(
            s.value,
            if s.kind == stig_model::SurveyKind::Nps {
                0
            } else {
                2
            },
        )
    }
}

/// A duration in seconds as days or hours.
pub fn duration_text(ctx: &PageCtx<'_>, secs: Option<u64>) -> String {
    match secs {
        None => "–".to_owned(),
        Some(s) if s >= 86_400 => ctx.tr.ta(
            "insight-days",
            &[("n", ctx.tr.number(s as f64 / 86_400.0, 1).into())],
        ),
        Some(s) => ctx.tr.ta(
            "insight-hours",
            &[("n", ctx.tr.number(s as f64 / 3_600.0, 1).into())],
        ),
    }
}
