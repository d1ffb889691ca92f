//! The insight charts, drawn from the insight numbers with `stig-charts` in the reader's
//! language: the web app's pages and `stig report` (HTML and PDF) draw the same charts from
//! here, each at its own size.

use stig_charts::{
    Bar, BarOptions, CohortRow, FunnelRow, GrowthOptions, GrowthRow, IpaPoint, Numbers, Size,
    bar_chart, cohort_chart, funnel_chart, growth_chart, ipa_chart, share_bar,
};
use stig_insight::drivers::{Drivers, Quadrant};
use stig_insight::kpis::{Cohort, Month};
use stig_insight::observed::Funnel;
use stig_insight::scores::TouchpointScores;
use stig_model::SurveyKind;

use crate::i18n::{Locale, Tr};

/// How the reader's language writes numbers, for the charts.
pub fn numbers(tr: &Tr<'_>) -> Numbers {
    match tr.locale {
        Locale::En => Numbers::EN,
        Locale::Da => Numbers {
            decimal: ',',
            group: '.',
        },
        Locale::Nb | Locale::Sv | Locale::Fi => Numbers {
            decimal: ',',
            group: '\u{a0}',
        },
    }
}

/// The scale a kind of score is drawn on.
pub fn score_range(kind: SurveyKind) -> (f64, f64) {
    match kind {
        SurveyKind::Nps => (-100.0, 100.0),
        SurveyKind::Csat => (1.0, 5.0),
        SurveyKind::Ces => (1.0, 7.0),
    }
}

/// Scores per touchpoint, best first, with intervals, "too few answers" stubs and partner- or
/// public-owned touchpoints in amber; `row` px a bar.
pub fn score_bars(
    tr: &Tr<'_>,
    kind: SurveyKind,
    rows: &[TouchpointScores],
    width: f64,
    row: f64,
) -> String {
    let too_few = tr.t("insight-too-few");
    let mut sorted: Vec<&TouchpointScores> = rows.iter().collect();
    sorted.sort_by(|a, b| b.all.value.total_cmp(&a.all.value));
    let bars: Vec<Bar> = sorted
        .iter()
        .map(|t| Bar {
            label: t.name.clone(),
            value: t.all.enough.then_some(t.all.value),
            interval: t.all.enough.then_some((t.all.low, t.all.high)),
            note: (!t.all.enough).then(|| too_few.clone()),
            color: (t.owner != "own").then(|| "#8a6d1f".to_owned()),
        })
        .collect();
    let name = tr.t(&format!("insight-kind-name-{}", kind.as_str()));
    bar_chart(
        &tr.ta("insight-scores-by-touchpoint", &[("kind", name.into())]),
        &bars,
        &BarOptions {
            size: Size::new(width, 60.0 + row * bars.len() as f64),
            range: Some(score_range(kind)),
            bounds: Some(score_range(kind)),
            numbers: numbers(tr),
            ..BarOptions::default()
        },
    )
}

/// Each driver's share of explained satisfaction with its bootstrap interval.
pub fn driver_bars(
    tr: &Tr<'_>,
    d: &Drivers,
    name: &dyn Fn(&str) -> String,
    width: f64,
    row: f64,
) -> String {
    let bars: Vec<Bar> = d
        .drivers
        .iter()
        .map(|x| Bar {
            label: name(&x.predictor),
            value: Some(100.0 * x.share),
            interval: Some((100.0 * x.share_low, 100.0 * x.share_high)),
            ..Bar::default()
        })
        .collect();
    bar_chart(
        &tr.t("insight-drivers-importance"),
        &bars,
        &BarOptions {
            size: Size::new(width, 60.0 + row * bars.len() as f64),
            format: Some(|v| format!("{v:.0} %")),
            numbers: numbers(tr),
            ..BarOptions::default()
        },
    )
}

/// The importance–performance matrix, split at the drivers' mean share and mean rating.
pub fn driver_ipa(tr: &Tr<'_>, d: &Drivers, name: &dyn Fn(&str) -> String, size: Size) -> String {
    let points: Vec<IpaPoint> = d
        .drivers
        .iter()
        .map(|x| IpaPoint {
            label: name(&x.predictor),
            importance: 100.0 * x.share,
            performance: x.performance,
        })
        .collect();
    let n = d.drivers.len().max(1) as f64;
    let split = (
        100.0 * d.drivers.iter().map(|x| x.share).sum::<f64>() / n,
        d.drivers.iter().map(|x| x.performance).sum::<f64>() / n,
    );
    ipa_chart(
        &tr.t("insight-drivers-ipa"),
        &points,
        split,
        [
            &tr.t("insight-quadrant-fix"),
            &tr.t("insight-quadrant-keep-up"),
            &tr.t("insight-quadrant-maintain"),
            &tr.t("insight-quadrant-overkill"),
        ],
        [
            &tr.t("insight-drivers-performance"),
            &tr.t("insight-drivers-share"),
        ],
        size,
    )
}

/// The emotional vs functional share of explained satisfaction, as one bar.
pub fn emotional_share(tr: &Tr<'_>, (emotional, functional): (f64, f64), size: Size) -> String {
    share_bar(
        &tr.t("insight-drivers-emotional-functional"),
        &[
            (tr.t("insight-emotional"), emotional, "#c2410c".to_owned()),
            (tr.t("insight-functional"), functional, "#1f6fb2".to_owned()),
        ],
        size,
    )
}

/// The message naming a quadrant of the importance–performance matrix.
pub fn quadrant_key(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Fix => "insight-quadrant-fix",
        Quadrant::KeepUp => "insight-quadrant-keep-up",
        Quadrant::Maintain => "insight-quadrant-maintain",
        Quadrant::Overkill => "insight-quadrant-overkill",
    }
}

/// Won, came back and lost customers per month and the net, each month's numbers as
/// [`Month::growth`] defines them; the month not over yet is marked partial.
pub fn growth(tr: &Tr<'_>, months: &[Month], size: Size) -> String {
    let rows: Vec<GrowthRow> = months
        .iter()
        .map(|m| {
            let g = m.growth();
            GrowthRow {
                label: m.month.clone(),
                won: g.won,
                came_back: g.came_back,
                lost: g.lost,
                net: g.net,
            }
        })
        .collect();
    growth_chart(
        &tr.t("insight-growth"),
        &rows,
        &GrowthOptions {
            size,
            names: [
                tr.t("insight-acquired"),
                tr.t("insight-reactivated"),
                tr.t("insight-churned"),
                tr.t("insight-net"),
            ],
            partial: months
                .last()
                .filter(|m| m.partial)
                .map(|_| tr.t("insight-partial")),
            numbers: numbers(tr),
        },
    )
}

/// The retention triangle of the latest 18 cohorts; `row` px a cohort.
pub fn cohorts(tr: &Tr<'_>, cohorts: &[Cohort], width: f64, row: f64) -> String {
    let rows: Vec<CohortRow> = cohorts[cohorts.len().saturating_sub(18)..]
        .iter()
        .map(|c| CohortRow {
            label: c.month.clone(),
            size: c.size,
            retained: c.retained.clone(),
        })
        .collect();
    cohort_chart(
        &tr.t("insight-cohorts"),
        &rows,
        Size::new(width, 70.0 + row * rows.len() as f64),
    )
}

/// The steps a funnel's abandoned runs stop at most (at most three).
pub fn stuck_steps(f: &Funnel) -> Vec<&str> {
    f.stuck_points()
        .into_iter()
        .take(3)
        .map(|s| s.step.as_str())
        .collect()
}

/// The funnel through the designed steps, stuck points in red; `row` px a step.
pub fn funnel(title: &str, f: &Funnel, width: f64, row: f64) -> String {
    let stuck = stuck_steps(f);
    let rows: Vec<FunnelRow> = f
        .steps
        .iter()
        .map(|s| FunnelRow {
            label: s.name.clone(),
            reached: s.reached,
            share: s.share,
            dropped: s.dropped,
            highlight: stuck.contains(&s.step.as_str()),
        })
        .collect();
    funnel_chart(
        title,
        &rows,
        Size::new(width, 50.0 + row * rows.len() as f64),
    )
}
