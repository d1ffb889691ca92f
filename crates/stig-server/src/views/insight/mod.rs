//! The insight pages: experience scores, emotion curves, drivers, KPIs, observed journeys and
//! findings. Every page shows the same tabs and filter bar (persona, journey, channel, period)
//! and draws its charts with `stig-charts`, server-side.

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
use stig_insight::findings::{Arg, Evidence, Finding};
use stig_insight::{FilterQuery, Index};

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
    html! {
        form.filters.card method="get" action=(action) {
            @for (k, v) in &ic.extra {
                input type="hidden" name=(k) value=(v);
            }
            (select(ctx, "persona", "insight-filter-persona", "insight-filter-any-persona", &personas, q.persona.as_deref()))
            (select(ctx, "journey", "insight-filter-journey", "insight-filter-any-journey", &journeys, q.journey.as_deref()))
            (select(ctx, "channel", "insight-filter-channel", "insight-filter-any-channel", &channels, q.channel.as_deref()))
            div.filter {
                label for="filter-from" { (ctx.t("insight-filter-from")) }
                input #filter-from type="month" name="from" value=(value(&q.from)) placeholder="2024-01";
            }
            div.filter {
                label for="filter-to" { (ctx.t("insight-filter-to")) }
                input #filter-to type="month" name="to" value=(value(&q.to)) placeholder="2024-12";
            }
            div.filter-actions {
                button.btn.small type="submit" { (ctx.t("page-filter-apply")) }
                @if !q.is_empty() {
                    a.btn.secondary.small href=(action) { (ctx.t("page-filter-reset")) }
                }
            }
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
