//! `stig report -o report.html`: one self-contained, printable HTML file — inline CSS, inline
//! SVG charts, no JavaScript, no external requests — with a page break before each section.
//! The chart builders here are shared with the PDF ([`super::report_pdf`]).

use std::fmt::Write as _;

use stig_charts::{LineOptions, Series, Size, line_chart};
use stig_insight::drivers::Quadrant;
use stig_insight::respondents::DriverReport;
use stig_insight::scores::Score;
use stig_runtime::report::{KindScores, ObservedJourney};
use stig_server::views::insight::charts;

use super::report::{Doc, TOP_FINDINGS, range, survey_kind};

/// The content width of an A4 page in CSS px (about 180 mm).
const WIDTH: f64 = 680.0;

/// `s` with `& < > " '` escaped for HTML text and attributes (and the PDF's SVG), and the
/// characters XML 1.0 forbids dropped: a stored event name may hold a NUL from before the
/// collector refused them, and one would make the whole PDF unreadable.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

// ---- charts, shared with the PDF -------------------------------------------------------------

/// Scores per touchpoint, best first, with intervals and "too few answers" stubs.
pub(super) fn score_bars(d: &Doc<'_>, kind: &str, k: &KindScores, width: f64) -> String {
    charts::score_bars(d.tr, survey_kind(kind), &k.touchpoints, width, 26.0)
}

/// A kind's score per month with its 95% band.
pub(super) fn score_trend(d: &Doc<'_>, kind: &str, k: &KindScores, size: Size) -> String {
    let name = d.kind_name(kind);
    let months: Vec<String> = k.trend.iter().map(|p| p.month.clone()).collect();
    let series = Series {
        name: name.clone(),
        values: k.trend.iter().map(|p| Some(p.score.value)).collect(),
        band: Some(
            k.trend
                .iter()
                .map(|p| Some((p.score.low, p.score.high)))
                .collect(),
        ),
        ..Series::default()
    };
    line_chart(
        &format!("{} · {name}", d.t("insight-trend")),
        &months,
        &[series],
        &LineOptions {
            size,
            reference: (kind == "nps").then_some(0.0),
            y_range: Some(range(kind)),
            ..LineOptions::default()
        },
    )
}

pub(super) fn driver_bars(d: &Doc<'_>, r: &DriverReport, width: f64) -> String {
    charts::driver_bars(d.tr, &r.drivers, &|p| d.touchpoint_label(p), width, 26.0)
}

pub(super) fn driver_ipa(d: &Doc<'_>, r: &DriverReport, size: Size) -> String {
    charts::driver_ipa(d.tr, &r.drivers, &|p| d.touchpoint_label(p), size)
}

pub(super) fn driver_share(d: &Doc<'_>, r: &DriverReport, width: f64) -> Option<String> {
    Some(charts::emotional_share(
        d.tr,
        r.emotional?,
        Size::new(width, 110.0),
    ))
}

pub(super) use stig_server::views::insight::charts::quadrant_key;

pub(super) fn growth(d: &Doc<'_>, size: Size) -> String {
    let m = &d.report.kpis.months;
    charts::growth(d.tr, &m[m.len().saturating_sub(36)..], size)
}

/// NPS (`nps`) or CSAT (`csat`) per month, from the KPI months; `None` without any answers.
pub(super) fn kpi_trend(d: &Doc<'_>, kind: &str, size: Size) -> Option<String> {
    let m = &d.report.kpis.months;
    let shown = &m[m.len().saturating_sub(36)..];
    if shown.iter().all(|m| {
        if kind == "nps" {
            m.nps.is_none()
        } else {
            m.csat.is_none()
        }
    }) {
        return None;
    }
    let name = d.kind_name(kind);
    let series = Series {
        name: name.clone(),
        values: shown
            .iter()
            .map(|m| if kind == "nps" { m.nps } else { m.csat })
            .collect(),
        ..Series::default()
    };
    Some(line_chart(
        &name,
        &shown.iter().map(|m| m.month.clone()).collect::<Vec<_>>(),
        &[series],
        &LineOptions {
            size,
            reference: (kind == "nps").then_some(0.0),
            y_range: Some(range(kind)),
            ..LineOptions::default()
        },
    ))
}

/// A variant's path as names, repeats folded ("Page Viewed ×3") and cut after
/// [`PATH_ITEMS`] items ("… +12").
pub(super) fn short_path(path: &[String], name: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut folded: Vec<(String, usize)> = Vec::new();
    for s in path {
        match folded.last_mut() {
            Some((last, n)) if last == s => *n += 1,
            _ => folded.push((s.clone(), 1)),
        }
    }
    let mut out: Vec<String> = folded
        .iter()
        .take(PATH_ITEMS)
        .map(|(s, n)| {
            if *n > 1 {
                format!("{} ×{n}", name(s))
            } else {
                name(s)
            }
        })
        .collect();
    if folded.len() > PATH_ITEMS {
        out.push(format!("… +{}", folded.len() - PATH_ITEMS));
    }
    out
}

/// How many items of a variant's path are shown.
const PATH_ITEMS: usize = 12;

pub(super) fn cohorts(d: &Doc<'_>, width: f64) -> String {
    charts::cohorts(d.tr, &d.report.kpis.cohorts, width, 24.0)
}

pub(super) fn stuck(j: &ObservedJourney) -> Vec<String> {
    charts::stuck_steps(&j.funnel)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

pub(super) fn funnel(d: &Doc<'_>, j: &ObservedJourney, width: f64) -> String {
    let title = format!("{} · {}", d.t("insight-funnel"), j.name);
    charts::funnel(&title, &j.funnel, width, 30.0)
}

// ---- the page --------------------------------------------------------------------------------

const CSS: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
html { background: #eef1f4; }
body { font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; color: #1d2733; font-size: 13px; line-height: 1.5; margin: 0; }
main { max-width: 760px; margin: 24px auto; }
section.sheet { background: #fff; padding: 36px 40px; margin: 0 0 24px; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
section.sheet + section.sheet { break-before: page; page-break-before: always; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 8px; color: #10243a; }
h2 { font-size: 21px; margin: 0 0 6px; color: #10243a; border-bottom: 2px solid #1f6fb2; padding-bottom: 6px; }
h3 { font-size: 15px; margin: 26px 0 6px; color: #10243a; break-after: avoid; }
p { margin: 6px 0; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: #1f6fb2; font-weight: bold; margin: 0; }
.lead { color: #4a5868; margin: 0 0 12px; }
.meta { color: #5b6775; font-size: 11.5px; }
.cover { min-height: 250mm; }
.cover .scope { font-size: 14px; color: #4a5868; }
.stats { list-style: none; padding: 0; margin: 22px 0; display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.stats li { border: 1px solid #d9e0e7; border-radius: 6px; padding: 12px 14px; break-inside: avoid; }
.stats strong { display: block; font-size: 24px; color: #10243a; }
.stats span { color: #4a5868; font-size: 12px; }
.stats small { display: block; color: #6b7785; font-size: 10.5px; margin-top: 2px; }
.contents { columns: 2; padding-left: 20px; color: #4a5868; }
.chart { margin: 8px 0 4px; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 11.5px; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-weight: bold; color: #4a5868; border-bottom: 1.5px solid #aab4bf; padding: 4px 6px; vertical-align: bottom; }
td { border-bottom: 1px solid #e4e9ee; padding: 3px 6px; vertical-align: top; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
.muted { color: #7b8794; }
.good { background: #e3f4e8; } .fair { background: #fbf3da; } .poor { background: #fbe3e1; } .few { color: #8a96a3; }
tr.flagged td, td.flagged { background: #fbe3e1; }
.badge { display: inline-block; font-size: 10.5px; padding: 0 6px; border-radius: 8px; background: #e8eef5; color: #1f4f7d; font-weight: bold; white-space: nowrap; }
.badge.bad { background: #fbe3e1; color: #a1261b; }
p.warning { background: #fdf1dc; color: #6b4300; padding: 8px 12px; border-radius: 6px; }
p.ok { background: #e3f4e8; color: #17613f; padding: 8px 12px; border-radius: 6px; }
ol.findings { padding: 0; margin: 14px 0; list-style: none; counter-reset: f; }
ol.findings li { counter-increment: f; display: grid; grid-template-columns: 34px 1fr 120px; gap: 10px; padding: 10px 0; border-bottom: 1px solid #e4e9ee; break-inside: avoid; }
ol.findings li::before { content: counter(f); font-size: 20px; font-weight: bold; color: #1f6fb2; }
.sev { font-size: 11px; color: #4a5868; }
.sev .track { height: 6px; background: #e8ecf0; border-radius: 3px; margin-top: 4px; }
.sev .fill { height: 6px; background: #c2410c; border-radius: 3px; }
.variants { padding-left: 20px; font-size: 11.5px; }
.variants li { margin: 3px 0; break-inside: avoid; }
.arrow { color: #9aa5b1; padding: 0 3px; }
.map { overflow-x: auto; max-height: 640px; overflow-y: auto; border: 1px solid #e4e9ee; border-radius: 4px; margin: 8px 0; }
.map svg { display: block; max-width: none; }
.method li { margin: 6px 0; }
footer { color: #7b8794; font-size: 11px; text-align: center; margin: 0 0 24px; }
@media print {
  html { background: #fff; }
  main { margin: 0; max-width: none; }
  section.sheet { box-shadow: none; padding: 0; margin: 0; border-radius: 0; }
  .cover { min-height: auto; }
  footer { display: none; }
  .map, .map + .meta { display: none; }
}
"#;

/// The report as one HTML document.
pub(super) fn html(d: &Doc<'_>) -> String {
    let r = d.report;
    let mut h = String::new();
    let title = format!("{} · {}", d.t("insight-report-title"), r.name);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        d.tr.locale.code(),
        esc(&title)
    );
    cover(d, &mut h);
    findings(d, &mut h);
    scores(d, &mut h);
    emotions(d, &mut h);
    drivers(d, &mut h);
    growth_section(d, &mut h);
    journeys(d, &mut h);
    method(d, &mut h);
    let _ = writeln!(
        h,
        "</main>\n<footer>{} · {}</footer>\n</body>\n</html>",
        esc(&r.name),
        esc(&d
            .tr
            .ta("insight-report-built", &[("date", d.built.clone().into())]))
    );
    h
}

/// The section headings, in order (the cover's contents and the tests).
pub(super) fn section_keys() -> [&'static str; 7] {
    [
        "insight-findings-top",
        "insight-tab-scores",
        "insight-tab-emotions",
        "insight-tab-drivers",
        "insight-tab-kpis",
        "insight-tab-journeys",
        "insight-report-method",
    ]
}

fn open(h: &mut String, id: &str, class: &str) {
    let _ = writeln!(h, "<section class=\"sheet {class}\" id=\"{id}\">");
}

fn heading(d: &Doc<'_>, h: &mut String, key: &str, lead: Option<String>) {
    let _ = writeln!(h, "<h2>{}</h2>", esc(&d.t(key)));
    if let Some(l) = lead {
        let _ = writeln!(h, "<p class=\"lead\">{}</p>", esc(&l));
    }
}

fn chart(h: &mut String, svg: &str) {
    let _ = writeln!(h, "<div class=\"chart\">{svg}</div>");
}

fn cover(d: &Doc<'_>, h: &mut String) {
    let r = d.report;
    open(h, "cover", "cover");
    let _ = writeln!(
        h,
        "<p class=\"eyebrow\">{}</p>\n<h1>{}</h1>\n<p class=\"scope\"><strong>{}:</strong> {}</p>\n<p class=\"meta\">{} · {}</p>",
        esc(&d.t("insight-report-title")),
        esc(&r.name),
        esc(&d.t("insight-report-scope")),
        esc(&d.filter_text),
        esc(&d
            .tr
            .ta("insight-report-built", &[("date", d.built.clone().into())])),
        esc(&d.tr.ta(
            "insight-overview-lead",
            &[("events", d.num(r.totals.events as f64, 0).into())]
        )),
    );
    h.push_str("<ul class=\"stats\">\n");
    for (value, label, note) in d.headline() {
        let _ = writeln!(
            h,
            "<li><strong>{}</strong><span>{}</span>{}</li>",
            esc(&value),
            esc(&label),
            if note.is_empty() {
                String::new()
            } else {
                format!("<small>{}</small>", esc(&note))
            }
        );
    }
    h.push_str("</ul>\n");
    chart(h, &growth(d, Size::new(WIDTH, 260.0)));
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<ol class=\"contents\">",
        esc(&d.t("insight-report-contents"))
    );
    for key in section_keys() {
        let _ = writeln!(h, "<li>{}</li>", esc(&d.t(key)));
    }
    h.push_str("</ol>\n</section>\n");
}

fn findings(d: &Doc<'_>, h: &mut String) {
    open(h, "findings", "");
    heading(
        d,
        h,
        "insight-findings-top",
        Some(d.t("insight-findings-lead")),
    );
    let found = &d.report.findings;
    if found.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(&d.t("insight-findings-none")));
    } else {
        h.push_str("<ol class=\"findings\">\n");
        for f in found.iter().take(TOP_FINDINGS) {
            let sev = f.finding.severity.clamp(0.0, 1.0);
            let _ = writeln!(
                h,
                "<li><div><span class=\"badge\">{}</span><br>{}</div><div class=\"sev\">{}: {} ({})<div class=\"track\"><div class=\"fill\" style=\"width:{:.0}%\"></div></div></div></li>",
                esc(&d.t(&format!("insight-kind-{}", f.finding.kind.as_str()))),
                esc(&f.message),
                esc(&d.t("insight-report-severity")),
                esc(&d.severity(sev)),
                esc(&d.num(sev, 2)),
                sev * 100.0
            );
        }
        h.push_str("</ol>\n");
        if found.len() > TOP_FINDINGS {
            let _ = writeln!(
                h,
                "<p class=\"meta\">{} {}</p>",
                esc(&d.t("insight-findings-all")),
                found.len()
            );
        }
    }
    h.push_str("</section>\n");
}

fn score_cell(d: &Doc<'_>, s: &Score, kind: &str) -> String {
    let (lo, hi) = range(kind);
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
    let text = if s.n == 0 {
        "–".to_owned()
    } else if !s.enough {
        format!("{} <sup>n={}</sup>", esc(&d.score_text(s)), s.n)
    } else {
        esc(&d.score_text(s))
    };
    format!(
        "<td class=\"num {class}\" title=\"{}\">{text}</td>",
        esc(&d.interval_text(s))
    )
}

fn scores(d: &Doc<'_>, h: &mut String) {
    open(h, "scores", "");
    heading(
        d,
        h,
        "insight-tab-scores",
        Some(d.tr.ta("insight-scores-lead", &[("min", d.num(30.0, 0).into())])),
    );
    if d.report.scores.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(&d.t("insight-scores-none")));
    }
    for (kind, k) in &d.report.scores {
        let _ = writeln!(
            h,
            "<h3>{} · {} {} <span class=\"muted\">({})</span></h3>",
            esc(&d.kind_name(kind)),
            esc(&d.t("insight-overall")),
            esc(&d.score_text(&k.overall)),
            esc(&d.interval_text(&k.overall))
        );
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-scores-partner-note"))
        );
        chart(h, &score_bars(d, kind, k, WIDTH));
        chart(h, &score_trend(d, kind, k, Size::new(WIDTH, 240.0)));
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-trend-band"))
        );
        let _ = write!(
            h,
            "<table><thead><tr><th>{}</th><th class=\"num\">{}</th>",
            esc(&d.t("page-touchpoint")),
            esc(&d.t("insight-all"))
        );
        for p in &k.personas {
            let _ = write!(
                h,
                "<th class=\"num\">{}</th>",
                esc(&d.persona_name(Some(p)))
            );
        }
        h.push_str("</tr></thead><tbody>\n");
        for t in &k.touchpoints {
            let _ = write!(
                h,
                "<tr><td>{}</td>{}",
                esc(&t.name),
                score_cell(d, &t.all, kind)
            );
            for s in &t.by_persona {
                h.push_str(&score_cell(d, s, kind));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

fn emotions(d: &Doc<'_>, h: &mut String) {
    open(h, "emotions", "");
    heading(
        d,
        h,
        "insight-tab-emotions",
        Some(d.tr.ta("insight-emotions-lead", &[("min", d.num(30.0, 0).into())])),
    );
    for (id, curves) in &d.report.emotions {
        let name =
            d.ix.journeys
                .iter()
                .find(|j| &j.id == id)
                .map_or(id.clone(), |j| j.name.clone());
        let _ = writeln!(h, "<h3>{}</h3>", esc(&name));
        let map = stig_render::render_svg(
            d.ws,
            id,
            &stig_render::MapOptions {
                locale: Some(d.tr.locale.code().to_owned()),
                measured: stig_server::ui::insight::measured_curves(curves),
                ..Default::default()
            },
        );
        if let Ok(svg) = map {
            let _ = writeln!(
                h,
                "<div class=\"map\">{svg}</div>\n<p class=\"meta\">{}</p>",
                esc(&d.t("insight-emotions-how"))
            );
        }
        let Some(first) = curves.first() else {
            continue;
        };
        let flagged = curves.iter().flat_map(|c| c.flagged()).count();
        if flagged == 0 {
            let _ = writeln!(
                h,
                "<p class=\"meta\">{}</p>",
                esc(&d.t("insight-emotions-no-gaps"))
            );
        }
        let _ = write!(
            h,
            "<table><thead><tr><th>{}</th>",
            esc(&d.t("insight-step"))
        );
        for c in curves {
            let _ = write!(
                h,
                "<th class=\"num\">{}</th>",
                esc(&d.persona_name(c.persona.as_deref()))
            );
        }
        h.push_str("</tr></thead><tbody>\n");
        for (i, s) in first.steps.iter().enumerate() {
            let row_flag = curves
                .iter()
                .any(|c| c.steps.get(i).is_some_and(|x| x.flagged));
            let _ = write!(
                h,
                "<tr><td>{}{}</td>",
                esc(&s.name),
                if row_flag {
                    format!(
                        " <span class=\"badge bad\">{}</span>",
                        esc(&d.t("insight-emotions-gaps"))
                    )
                } else {
                    String::new()
                }
            );
            for c in curves {
                let Some(st) = c.steps.get(i) else {
                    h.push_str("<td></td>");
                    continue;
                };
                let designed = st.designed.map_or("–".to_owned(), |v| d.num(v, 1));
                let measured = st
                    .measured
                    .map_or("<span class=\"muted\">·</span>".to_owned(), |v| {
                        format!("<strong>{}</strong>", esc(&d.num(v, 1)))
                    });
                let _ = write!(
                    h,
                    "<td class=\"num{}\" title=\"{}\"><span class=\"muted\">{}</span> → {}</td>",
                    if st.flagged { " flagged" } else { "" },
                    esc(&d.tr.ta(
                        "insight-n",
                        &[("n", d.num(f64::from(st.answers), 0).into())]
                    )),
                    esc(&designed),
                    measured
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table>\n");
        let _ = writeln!(
            h,
            "<p class=\"meta\">{} → {}. {}</p>",
            esc(&d.t("insight-designed")),
            esc(&d.t("insight-measured")),
            esc(&d.t("insight-emotions-columns"))
        );
    }
    h.push_str("</section>\n");
}

fn drivers(d: &Doc<'_>, h: &mut String) {
    use stig_server::views::insight::drivers as dv;
    open(h, "drivers", "");
    heading(
        d,
        h,
        "insight-tab-drivers",
        Some(d.t("insight-drivers-lead")),
    );
    let area = &d.report.drivers;
    let Some(r) = &area.report else {
        let why = match (&area.outcome, &area.why_none) {
            (None, _) => d.t("drivers-none-marked"),
            (Some(_), Some(why)) => why.clone(),
            (Some(_), None) => d.t("insight-drivers-none"),
        };
        let _ = writeln!(h, "<p>{}</p>", esc(&why));
        h.push_str("</section>\n");
        return;
    };
    let dr = &r.drivers;
    let ranked = r.limits.ranked();
    let name = |p: &str| d.touchpoint_label(p);
    let _ = write!(
        h,
        "<h3>{}</h3>\n<p class=\"meta\">{} % {} · {} {}",
        esc(&d.tr.ta(
            "insight-report-explaining",
            &[("outcome", dv::outcome_label(d.tr, d.ix, &r.outcome).into())]
        )),
        esc(&d.num(100.0 * dr.r_squared, 0)),
        esc(&d.t("insight-drivers-r2")),
        esc(&d.num(dr.rows as f64, 0)),
        esc(&d.t("insight-drivers-respondents")),
    );
    if let Some((e, f)) = r.emotional {
        let _ = write!(
            h,
            " · {}: {} / {}",
            esc(&d.t("insight-drivers-emotional-functional")),
            esc(&d.pct(e, 0)),
            esc(&d.pct(f, 0))
        );
    }
    h.push_str("</p>\n");
    // Whether the ranking may be acted on, before any ranking is shown.
    let _ = writeln!(
        h,
        "<p class=\"{}\"><strong>{}</strong> {}</p>",
        if ranked { "ok" } else { "warning" },
        esc(&d.t("drivers-limits")),
        esc(&dv::limits_sentence(d.tr, &r.limits, dr, &name))
    );
    let _ = writeln!(
        h,
        "<p class=\"meta\">{}</p>",
        esc(&d.t("insight-drivers-importance-how"))
    );
    chart(h, &driver_bars(d, r, WIDTH));
    if ranked {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-drivers-ipa-how"))
        );
        chart(h, &driver_ipa(d, r, Size::new(WIDTH, 380.0)));
    }
    if let Some(svg) = driver_share(d, r, WIDTH) {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-drivers-emotional-how"))
        );
        chart(h, &svg);
    }
    let _ = write!(
        h,
        "<table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>",
        esc(&d.t("page-touchpoint")),
        esc(&d.t("insight-drivers-share")),
        esc(&d.t("insight-drivers-interval")),
        esc(&d.t("insight-drivers-performance")),
        esc(&d.t("insight-answers")),
    );
    if ranked {
        let _ = write!(h, "<th>{}</th>", esc(&d.t("insight-drivers-quadrant")));
    }
    h.push_str("</tr></thead><tbody>\n");
    for x in &dr.drivers {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{} %</td><td class=\"num muted\">{}–{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(&name(&x.predictor)),
            esc(&d.num(100.0 * x.share, 1)),
            esc(&d.num(100.0 * x.share_low, 1)),
            esc(&d.num(100.0 * x.share_high, 1)),
            esc(&d.num(x.performance, 2)),
            esc(&d.num(x.answered as f64, 0)),
        );
        if ranked {
            let q = r
                .quadrants
                .iter()
                .find(|(p, _)| *p == x.predictor)
                .map(|(_, q)| *q);
            let _ = write!(
                h,
                "<td>{}</td>",
                q.map_or(String::new(), |q| format!(
                    "<span class=\"badge{}\">{}</span>",
                    if q == Quadrant::Fix { " bad" } else { "" },
                    esc(&d.t(quadrant_key(q)))
                ))
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");
    if !dr.dropped.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{} {}</p>",
            esc(&d.t("insight-drivers-dropped")),
            esc(&dr
                .dropped
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(", "))
        );
    }
    if !r.by_persona.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">R²</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&d.t("drivers-by-persona")),
            esc(&d.t("drivers-persona")),
            esc(&d.t("insight-drivers-respondents")),
            esc(&d.t("drivers-persona-top")),
            esc(&d.t("drivers-persona-verdict")),
        );
        for p in &r.by_persona {
            let (r2, top, verdict) = persona_cells(d, p);
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&d.persona_name(Some(&p.persona))),
                esc(&d.num(p.rows as f64, 0)),
                esc(&r2),
                esc(&top),
                esc(&verdict),
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

/// A persona's R², largest driver and verdict (or the answers it lacks), as text.
pub(super) fn persona_cells(
    d: &Doc<'_>,
    p: &stig_insight::respondents::PersonaDrivers,
) -> (String, String, String) {
    use stig_server::views::insight::drivers as dv;
    match (&p.drivers, &p.limits) {
        (Some(x), Some(l)) => (
            format!("{} %", d.num(100.0 * x.r_squared, 0)),
            x.drivers.first().map_or(String::new(), |t| {
                format!(
                    "{} ({} %)",
                    d.touchpoint_label(&t.predictor),
                    d.num(100.0 * t.share, 0)
                )
            }),
            d.t(dv::verdict_key(l)),
        ),
        _ => ("–".into(), "–".into(), dv::persona_missing(d.tr, p)),
    }
}

fn growth_section(d: &Doc<'_>, h: &mut String) {
    let k = &d.report.kpis;
    open(h, "kpis", "");
    heading(d, h, "insight-tab-kpis", Some(d.t("insight-kpis-lead")));
    let acquired: u32 = k.months.iter().map(|m| m.acquired).sum();
    let churned: u32 = k.months.iter().map(|m| m.churned).sum();
    let promoters: u32 = k.months.iter().map(|m| m.promoters).sum();
    h.push_str("<ul class=\"stats\">\n");
    for (v, l) in [
        (d.num(f64::from(acquired), 0), d.t("insight-acquired")),
        (d.num(f64::from(churned), 0), d.t("insight-churned")),
        (
            if churned > 0 {
                d.num(f64::from(acquired) / f64::from(churned), 2)
            } else {
                "–".to_owned()
            },
            d.t("insight-ratio"),
        ),
        (d.num(k.growth.net as f64, 0), d.t("insight-net")),
        (d.pct(k.repeat.rate, 0), d.t("insight-repeat-rate")),
        (d.num(f64::from(promoters), 0), d.t("insight-promoters")),
    ] {
        let _ = writeln!(
            h,
            "<li><strong>{}</strong><span>{}</span></li>",
            esc(&v),
            esc(&l)
        );
    }
    h.push_str("</ul>\n");
    let _ = writeln!(h, "<h3>{}</h3>", esc(&d.t("insight-growth")));
    chart(h, &growth(d, Size::new(WIDTH, 280.0)));
    let _ = writeln!(
        h,
        "<h3>{} · {}</h3>",
        esc(&d.kind_name("nps")),
        esc(&d.kind_name("csat"))
    );
    for kind in ["nps", "csat"] {
        if let Some(svg) = kpi_trend(d, kind, Size::new(WIDTH, 220.0)) {
            chart(h, &svg);
        }
    }
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<p class=\"meta\">{}</p>",
        esc(&d.t("insight-cohorts")),
        esc(&d.t("insight-cohorts-how"))
    );
    chart(h, &cohorts(d, WIDTH));
    h.push_str("</section>\n");
}

fn journeys(d: &Doc<'_>, h: &mut String) {
    open(h, "journeys", "");
    heading(
        d,
        h,
        "insight-tab-journeys",
        Some(d.t("insight-journeys-lead")),
    );
    for (id, j) in &d.report.journeys {
        let f = &j.funnel;
        let stuck = stuck(j);
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<p class=\"meta\">{} {} · {} {} · {} {} · {} {}</p>",
            esc(&j.name),
            esc(&d.num(f.runs as f64, 0)),
            esc(&d.t("insight-runs")),
            esc(&d.num(f.completed as f64, 0)),
            esc(&d.t("page-run-completed")),
            esc(&d.num(f.abandoned as f64, 0)),
            esc(&d.t("page-run-abandoned")),
            esc(&d.num(f.active as f64, 0)),
            esc(&d.t("page-run-active")),
        );
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-funnel-how"))
        );
        chart(h, &funnel(d, j, WIDTH));
        let _ = writeln!(
            h,
            "<table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            esc(&d.t("insight-step")),
            esc(&d.t("insight-reached")),
            esc(&d.t("insight-dropped")),
            esc(&d.t("insight-to-next-median")),
            esc(&d.t("insight-to-next-p90")),
            esc(&d.t("insight-abandoned-here")),
            esc(&d.t("insight-abandoned-wait")),
        );
        for s in &f.steps {
            let is_stuck = stuck.contains(&s.step);
            let _ = writeln!(
                h,
                "<tr{}><td>{}{}</td><td class=\"num\">{} <span class=\"muted\">· {}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                if is_stuck { " class=\"flagged\"" } else { "" },
                esc(&s.name),
                if is_stuck {
                    format!(
                        " <span class=\"badge bad\">{}</span>",
                        esc(&d.t("insight-stuck"))
                    )
                } else {
                    String::new()
                },
                esc(&d.num(s.reached as f64, 0)),
                esc(&d.pct(s.share, 1)),
                esc(&d.num(s.dropped as f64, 0)),
                esc(&d.duration(s.to_next_median)),
                esc(&d.duration(s.to_next_p90)),
                esc(&d.num(s.abandoned_here as f64, 0)),
                esc(&d.duration(s.abandoned_wait_median)),
            );
        }
        h.push_str("</tbody></table>\n");
        let v = &j.step_variants;
        let _ = writeln!(
            h,
            "<p class=\"meta\"><strong>{}</strong> · {}</p>",
            esc(&d.t("insight-step-variants")),
            esc(&d.tr.ta(
                "insight-variants-of",
                &[
                    ("distinct", d.num(v.distinct as f64, 0).into()),
                    ("cases", d.num(v.cases as f64, 0).into())
                ]
            ))
        );
        variants(d, h, v, 5, &|s| d.step_name(id, s));
    }
    let v = &d.report.variants;
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<p class=\"meta\">{}</p>",
        esc(&d.t("insight-activity-variants")),
        esc(&d.tr.ta(
            "insight-variants-of",
            &[
                ("distinct", d.num(v.distinct as f64, 0).into()),
                ("cases", d.num(v.cases as f64, 0).into())
            ]
        ))
    );
    variants(d, h, v, 5, &|s| s.to_owned());
    h.push_str("</section>\n");
}

fn variants(
    d: &Doc<'_>,
    h: &mut String,
    v: &stig_insight::observed::Variants,
    top: usize,
    name: &dyn Fn(&str) -> String,
) {
    if v.top.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            esc(&d.t("insight-variants-none"))
        );
        return;
    }
    h.push_str("<ol class=\"variants\">\n");
    for x in v.top.iter().take(top) {
        let path: Vec<String> = short_path(&x.path, name).iter().map(|s| esc(s)).collect();
        let _ = writeln!(
            h,
            "<li><strong>{}</strong> <span class=\"muted\">({})</span> — {}</li>",
            esc(&d.num(x.count as f64, 0)),
            esc(&d.pct(x.share, 1)),
            path.join("<span class=\"arrow\">›</span>")
        );
    }
    h.push_str("</ol>\n");
}

fn method(d: &Doc<'_>, h: &mut String) {
    open(h, "method", "");
    heading(d, h, "insight-report-method", None);
    h.push_str("<ul class=\"method\">\n");
    for s in d.method() {
        let _ = writeln!(h, "<li>{}</li>", esc(&s));
    }
    h.push_str("</ul>\n</section>\n");
}
