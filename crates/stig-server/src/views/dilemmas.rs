//! Dilemmas: choices that trade satisfaction against cost and CO2e. Each dilemma shows its
//! options side by side, a trade-off chart, the Pareto-optimal options and the decision.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};
use stig_model::{Dilemma, DilemmaOption, Workspace};

use super::layout::{Nav, page};
use super::parts::{
    edit_button, empty, journey_url, new_button, page_head, persona_url, short_name, step_url,
    valence_chip, xml_escape as esc,
};
use super::{PageCtx, urlencode};

/// Does `a` dominate `b`: at least as good on mean satisfaction (higher), cost (lower) and
/// CO2e (lower), and strictly better on one of them?
pub fn dominates(a: &DilemmaOption, b: &DilemmaOption) -> bool {
    let (sa, sb) = (a.mean_satisfaction(), b.mean_satisfaction());
    let no_worse = sa >= sb && a.cost <= b.cost && a.co2e_kg <= b.co2e_kg;
    let better = sa > sb || a.cost < b.cost || a.co2e_kg < b.co2e_kg;
    no_worse && better
}

/// For each option, whether it is Pareto-optimal: no other option dominates it.
pub fn pareto_optimal(options: &[DilemmaOption]) -> Vec<bool> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            !options
                .iter()
                .enumerate()
                .any(|(k, other)| k != i && dominates(other, o))
        })
        .collect()
}

/// `GET /w/{ws}/dilemmas`.
pub fn dilemmas(ctx: &PageCtx<'_>, ws: &Workspace) -> Markup {
    let content = html! {
        (page_head(&ctx.t("nav-dilemmas"), Some(&ctx.t("page-dilemmas-lead")),
            new_button(ctx, &ctx.ws_url("/dilemmas/new"), "page-dilemmas-new")))
        @if ws.dilemmas.is_empty() { (empty(ctx, "page-dilemmas-empty")) }
        @for d in &ws.dilemmas { (dilemma_card(ctx, ws, d)) }
    };
    page(ctx, &ctx.t("nav-dilemmas"), Nav::Dilemmas, content)
}

/// Persona ids rated by any option: the workspace's order first, then unknown ones.
fn rated_personas(ws: &Workspace, d: &Dilemma) -> Vec<String> {
    let mut ids: Vec<String> = ws
        .personas
        .iter()
        .filter(|p| d.options.iter().any(|o| o.satisfaction.contains_key(&p.id)))
        .map(|p| p.id.clone())
        .collect();
    for o in &d.options {
        for id in o.satisfaction.keys() {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

/// Kilograms with the precision small amounts need: 0.032, 0.47, 2.4, 12.
fn kilograms(ctx: &PageCtx<'_>, v: f64) -> String {
    let a = v.abs();
    let decimals = if a == 0.0 || a >= 10.0 {
        0
    } else if a >= 1.0 {
        1
    } else if a >= 0.1 {
        2
    } else {
        3
    };
    ctx.tr.number(v, decimals)
}

fn money(ctx: &PageCtx<'_>, v: f64) -> String {
    let decimals = if v.fract().abs() < 1e-9 { 0 } else { 2 };
    ctx.tr.number(v, decimals)
}

fn dilemma_card(ctx: &PageCtx<'_>, ws: &Workspace, d: &Dilemma) -> Markup {
    let pareto = pareto_optimal(&d.options);
    let personas = rated_personas(ws, d);
    let currency = &ws.settings.currency;
    let chosen = d
        .chosen
        .as_deref()
        .and_then(|c| d.options.iter().find(|o| o.id == c));
    let journey = d.journey.as_deref().and_then(|id| ws.journey(id));
    let step = journey.and_then(|j| {
        d.step
            .as_deref()
            .and_then(|s| j.steps.iter().find(|st| st.id == s))
    });
    html! {
        article.card.dilemma #{"dilemma-" (d.id)} {
            div.section-head {
                div {
                    h2 { (d.question) }
                    @if let Some(j) = journey {
                        p.meta {
                            a href=(journey_url(ctx, &j.id)) { (j.name) }
                            @if let Some(s) = step { " › " a href=(step_url(ctx, &j.id, &s.id)) { (s.action) } }
                        }
                    }
                }
                (edit_button(ctx, &ctx.ws_url(&format!("/dilemmas/{}/edit", urlencode(&d.id)))))
            }
            @if d.options.is_empty() {
                (empty(ctx, "page-dilemma-no-options"))
            } @else {
                div.dilemma-body {
                    div.table-scroll {
                        table.data.options {
                            thead {
                                tr {
                                    th scope="col" { span.visually-hidden { (ctx.t("page-dilemma-option")) } }
                                    @for (o, p) in d.options.iter().zip(&pareto) {
                                        th scope="col" class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] {
                                            span.option-name { (o.name) }
                                            span.badges {
                                                @if Some(o.id.as_str()) == d.chosen.as_deref() {
                                                    span.badge.chosen { "✓ " (ctx.t("page-dilemma-chosen")) }
                                                }
                                                @if *p {
                                                    span.badge.pareto title=(ctx.t("page-dilemma-pareto-help")) { (ctx.t("page-dilemma-pareto")) }
                                                } @else {
                                                    span.badge.dominated title=(ctx.t("page-dilemma-dominated-help")) { (ctx.t("page-dilemma-dominated")) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            tbody {
                                tr.group { th colspan=(d.options.len() + 1) scope="colgroup" { (ctx.t("page-dilemma-satisfaction")) } }
                                @for pid in &personas {
                                    tr {
                                        th scope="row" {
                                            @match ws.persona(pid) {
                                                Some(p) => a href=(persona_url(ctx, &p.id)) { (short_name(&p.name)) },
                                                None => (pid),
                                            }
                                        }
                                        @for o in &d.options {
                                            td class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] {
                                                @match o.satisfaction.get(pid) {
                                                    Some(v) => (valence_chip(ctx, f64::from(*v), 0)),
                                                    None => span.muted { "–" },
                                                }
                                            }
                                        }
                                    }
                                }
                                tr.total {
                                    th scope="row" { (ctx.t("page-dilemma-mean")) }
                                    @for o in &d.options {
                                        td class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] { (valence_chip(ctx, o.mean_satisfaction(), 2)) }
                                    }
                                }
                                tr.total {
                                    th scope="row" { (ctx.t("page-dilemma-cost")) " (" (currency) ")" }
                                    @for o in &d.options {
                                        td.num class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] { (money(ctx, o.cost)) }
                                    }
                                }
                                tr.total {
                                    th scope="row" { (ctx.t("page-dilemma-co2e")) }
                                    @for o in &d.options {
                                        td.num class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] { (kilograms(ctx, o.co2e_kg)) " kg" }
                                    }
                                }
                                tr.notes {
                                    th scope="row" { (ctx.t("page-dilemma-notes")) }
                                    @for o in &d.options {
                                        td.small class=[(Some(o.id.as_str()) == d.chosen.as_deref()).then_some("chosen")] { (o.notes) }
                                    }
                                }
                            }
                        }
                    }
                    figure.tradeoff {
                        (tradeoff_chart(ctx, d, &pareto, currency))
                        figcaption { (ctx.t("page-dilemma-chart-caption")) }
                    }
                }
            }
            @match chosen {
                Some(o) => div.decision {
                    p.decision-title { span.badge.chosen { "✓ " (ctx.t("page-dilemma-decision")) } " " strong { (o.name) } }
                    @for para in paragraphs(&d.rationale) { p.rationale { (para) } }
                },
                None => div.decision.open {
                    p.decision-title { span.badge.warning { (ctx.t("page-dilemma-open")) } }
                    @for para in paragraphs(&d.rationale) { p.rationale { (para) } }
                },
            }
        }
    }
}

/// Round numbers for an axis from `lo` to `hi`: a step of 1, 2 or 5 × 10ⁿ, about four steps.
fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = start;
    loop {
        ticks.push(t);
        if t >= hi - 1e-9 || ticks.len() >= 12 {
            break ticks;
        }
        t += step;
    }
}

/// A box in chart coordinates, for placing labels.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    /// Area shared with `other`.
    fn overlap(&self, other: &Rect) -> f64 {
        let dx = (self.x + self.w).min(other.x + other.w) - self.x.max(other.x);
        let dy = (self.y + self.h).min(other.y + other.h) - self.y.max(other.y);
        dx.max(0.0) * dy.max(0.0)
    }
}

/// An option's name as its chart label: at most 26 characters.
fn short_label(name: &str) -> String {
    if name.chars().count() > 26 {
        name.chars().take(25).collect::<String>() + "…"
    } else {
        name.to_owned()
    }
}

/// About how wide a label is at 11.5 px (DejaVu Sans averages 0.6 em a character).
fn label_width(label: &str, chosen: bool) -> f64 {
    (label.chars().count() + if chosen { 2 } else { 0 }) as f64 * 6.9
}

/// Text split at blank lines into paragraphs, single line breaks joined by spaces.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// x = cost, y = mean satisfaction, bubble area = CO2e; Pareto-optimal options filled, the
/// others hollow, the chosen one ringed.
fn tradeoff_chart(ctx: &PageCtx<'_>, d: &Dilemma, pareto: &[bool], currency: &str) -> Markup {
    let (w, h) = (540.0_f64, 340.0_f64);
    let (left, right, top, bottom) = (58.0, 24.0, 22.0, 52.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let min_cost = d
        .options
        .iter()
        .map(|o| o.cost)
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let max_cost = d
        .options
        .iter()
        .map(|o| o.cost)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(min_cost + 1.0);
    let ticks = nice_ticks(min_cost, max_cost);
    let (x0, x1) = (
        ticks.first().copied().unwrap_or(min_cost),
        ticks.last().copied().unwrap_or(max_cost).max(max_cost),
    );
    let x = |c: f64| left + (c - x0) / (x1 - x0).max(1e-9) * pw;
    let y = |s: f64| top + (2.0 - s.clamp(-2.0, 2.0)) / 4.0 * ph;
    let max_co2 = d.options.iter().map(|o| o.co2e_kg).fold(0.0, f64::max);
    let radius = |co2: f64| {
        if max_co2 <= 0.0 {
            7.0
        } else {
            7.0 + 15.0 * (co2.max(0.0) / max_co2).sqrt()
        }
    };
    let title = ctx.tr.ta(
        "page-dilemma-chart-title",
        &[("question", d.question.as_str().into())],
    );
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, system-ui, sans-serif">"#,
        esc(&title)
    );
    let _ = write!(s, "<title>{}</title>", esc(&title));
    // The better corner: high satisfaction, low cost.
    let _ = write!(
        s,
        r##"<rect x="{left}" y="{top}" width="{:.1}" height="{:.1}" fill="#f1f8f4"/>"##,
        pw * 0.5,
        ph * 0.5
    );
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="10.5" fill="#1f7a4d">↖ {}</text>"##,
        left + 6.0,
        top + 14.0,
        esc(&ctx.t("page-dilemma-better"))
    );
    // Grid and axes.
    for v in [-2.0, -1.0, 0.0, 1.0, 2.0] {
        let yy = y(v);
        let stroke = if v == 0.0 { "#9aa5b1" } else { "#e3e8ee" };
        let _ = write!(
            s,
            r#"<line x1="{left}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="{stroke}"/>"#,
            left + pw
        );
        let label = super::parts::valence_text(v, 0, ctx);
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#5b6675">{}</text>"##,
            left - 8.0,
            yy + 4.0,
            esc(&label)
        );
    }
    for t in &ticks {
        let xx = x(*t);
        let _ = write!(
            s,
            r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{top}" y2="{:.1}" stroke="#eef1f4"/><text x="{xx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#5b6675">{}</text>"##,
            top + ph,
            top + ph + 16.0,
            esc(&money(ctx, *t))
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#9aa5b1"/>"##,
        left + pw,
        top + ph,
        top + ph
    );
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="11.5" text-anchor="middle" fill="#1b2430">{} ({})</text>"##,
        left + pw / 2.0,
        h - 12.0,
        esc(&ctx.t("page-dilemma-cost")),
        esc(currency)
    );
    let _ = write!(
        s,
        r##"<text transform="translate(14 {:.1}) rotate(-90)" font-size="11.5" text-anchor="middle" fill="#1b2430">{}</text>"##,
        top + ph / 2.0,
        esc(&ctx.t("page-dilemma-mean"))
    );
    // Where each bubble sits, and where its label goes: beside, then above or below,
    // wherever it hits no bubble, no other label and stays inside the chart.
    let bubbles: Vec<(f64, f64, f64)> = d
        .options
        .iter()
        .map(|o| (x(o.cost), y(o.mean_satisfaction()), radius(o.co2e_kg)))
        .collect();
    let better = format!("↖ {}", ctx.t("page-dilemma-better"));
    let mut placed: Vec<Rect> = vec![Rect {
        x: left,
        y: top,
        w: better.chars().count() as f64 * 6.3 + 8.0,
        h: 18.0,
    }];
    let mut labels: Vec<(f64, f64, &str)> = Vec::new(); // text x, first baseline y, anchor
    for (i, o) in d.options.iter().enumerate() {
        let (cx, cy, r) = bubbles[i];
        let chosen = d.chosen.as_deref() == Some(o.id.as_str());
        let lw = label_width(&short_label(&o.name), chosen).max(60.0);
        let lh = 26.0;
        let candidates = [
            (cx + r + 6.0, cy - 13.0, "start"),
            (cx - r - 6.0 - lw, cy - 13.0, "end"),
            (cx - lw / 2.0, cy - r - 6.0 - lh, "middle"),
            (cx - lw / 2.0, cy + r + 6.0, "middle"),
        ];
        let score = |&(rx, ry, _): &(f64, f64, &str)| -> f64 {
            let rect = Rect {
                x: rx,
                y: ry,
                w: lw,
                h: lh,
            };
            let outside = (0.0 - rx).max(0.0)
                + (rx + lw - w).max(0.0)
                + (0.0 - ry).max(0.0)
                + (ry + lh - (top + ph)).max(0.0);
            let on_bubbles: f64 = bubbles
                .iter()
                .map(|&(bx, by, br)| {
                    rect.overlap(&Rect {
                        x: bx - br,
                        y: by - br,
                        w: 2.0 * br,
                        h: 2.0 * br,
                    })
                })
                .sum();
            let on_labels: f64 = placed.iter().map(|p| rect.overlap(p)).sum();
            outside * 1000.0 + on_bubbles + on_labels * 2.0
        };
        let best = candidates
            .iter()
            .min_by(|a, b| score(a).total_cmp(&score(b)))
            .copied()
            .unwrap_or(candidates[0]);
        placed.push(Rect {
            x: best.0,
            y: best.1,
            w: lw,
            h: lh,
        });
        let tx = match best.2 {
            "start" => best.0,
            "end" => best.0 + lw,
            _ => best.0 + lw / 2.0,
        };
        labels.push((tx, best.1 + 11.0, best.2));
    }
    // Bubbles, biggest first so small ones stay visible; labels on top.
    let mut order: Vec<usize> = (0..d.options.len()).collect();
    order.sort_by(|a, b| d.options[*b].co2e_kg.total_cmp(&d.options[*a].co2e_kg));
    for i in order {
        let o = &d.options[i];
        let (cx, cy, r) = bubbles[i];
        let chosen = d.chosen.as_deref() == Some(o.id.as_str());
        let (fill, stroke, opacity) = if pareto[i] {
            ("#1f5f99", "#1f5f99", "0.72")
        } else {
            ("#ffffff", "#8a96a3", "0.9")
        };
        let co2 = format!("{} kg CO₂e", kilograms(ctx, o.co2e_kg));
        let tip = format!(
            "{}: {} {}, {}, {}",
            o.name,
            money(ctx, o.cost),
            currency,
            super::parts::valence_text(o.mean_satisfaction(), 2, ctx),
            co2
        );
        let class = if pareto[i] {
            "option pareto"
        } else {
            "option dominated"
        };
        let _ = write!(
            s,
            r#"<g class="{class}" data-option="{}"><title>{}</title>"#,
            esc(&o.id),
            esc(&tip)
        );
        if chosen {
            let _ = write!(
                s,
                r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{:.1}" fill="none" stroke="#1b2430" stroke-width="2.5"/>"##,
                r + 4.5
            );
        }
        let _ = write!(
            s,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="2"/>"#
        );
        s.push_str("</g>");
    }
    for (i, o) in d.options.iter().enumerate() {
        let (lx, ly, anchor) = labels[i];
        let chosen = d.chosen.as_deref() == Some(o.id.as_str());
        let co2 = format!("{} kg CO₂e", kilograms(ctx, o.co2e_kg));
        let _ = write!(
            s,
            r##"<g class="option-label" aria-hidden="true"><text x="{lx:.1}" y="{ly:.1}" font-size="11.5" font-weight="600" text-anchor="{anchor}" fill="#1b2430" stroke="#fff" stroke-width="3" paint-order="stroke">{}{}</text><text x="{lx:.1}" y="{:.1}" font-size="10.5" text-anchor="{anchor}" fill="#5b6675" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text></g>"##,
            if chosen { "✓ " } else { "" },
            esc(&short_label(&o.name)),
            ly + 13.0,
            esc(&co2)
        );
    }
    s.push_str("</svg>");
    html! {
        (PreEscaped(s))
        ul.legend.chart-legend {
            li { span.swatch.pareto {} (ctx.t("page-dilemma-pareto")) }
            li { span.swatch.dominated {} (ctx.t("page-dilemma-dominated")) }
            li { span.swatch.chosen-ring {} (ctx.t("page-dilemma-chosen")) }
            li { span.swatch.bubble {} (ctx.t("page-dilemma-bubble")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn opt(id: &str, sat: &[i8], cost: f64, co2e_kg: f64) -> DilemmaOption {
        DilemmaOption {
            id: id.into(),
            name: id.into(),
            satisfaction: sat
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("p{i}"), *v))
                .collect::<BTreeMap<_, _>>(),
            cost,
            co2e_kg,
            notes: String::new(),
        }
    }

    fn optimal(options: &[DilemmaOption]) -> Vec<&str> {
        options
            .iter()
            .zip(pareto_optimal(options))
            .filter(|(_, p)| *p)
            .map(|(o, _)| o.id.as_str())
            .collect()
    }

    #[test]
    fn champagne_glass_or_plastic() {
        // Glass: loved, costs more, more CO2e; plastic: cheap and low CO2e but disliked;
        // "both" costs and emits more than glass and pleases no more: dominated.
        let options = [
            opt("glass", &[2, 1], 12.0, 0.3),
            opt("plastic", &[-1, 0], 2.0, 0.1),
            opt("both", &[1, 1], 14.0, 0.4),
        ];
        assert_eq!(optimal(&options), ["glass", "plastic"]);
        assert!(dominates(&options[0], &options[2]));
        assert!(!dominates(&options[0], &options[1]) && !dominates(&options[1], &options[0]));
    }

    #[test]
    fn equal_options_do_not_dominate_each_other() {
        let options = [opt("a", &[1], 10.0, 1.0), opt("b", &[1], 10.0, 1.0)];
        assert_eq!(optimal(&options), ["a", "b"]);
    }

    #[test]
    fn better_on_one_axis_and_equal_on_the_rest_dominates() {
        let options = [
            opt("a", &[1], 10.0, 1.0),
            opt("cheaper", &[1], 9.0, 1.0),
            opt("greener", &[1], 10.0, 0.5),
        ];
        assert_eq!(optimal(&options), ["cheaper", "greener"]);
    }

    #[test]
    fn arctic_lavvo_heating() {
        // The arctic-winter example: open fire, wood stove, gas heater.
        let options = [
            opt("apent-bal", &[2, -1, 2, 1], 220.0, 2.0),
            opt("vedovn", &[1, 1, 1, 2], 150.0, 1.0),
            opt("gassvarmer", &[-2, 1, -1, 0], 60.0, 3.4),
        ];
        // The stove beats the open fire on every axis (equal mean, cheaper, greener).
        assert_eq!(optimal(&options), ["vedovn", "gassvarmer"]);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(0.0, 296.0), [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(nice_ticks(0.0, 220.0), [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(nice_ticks(0.0, 14.0), [0.0, 5.0, 10.0, 15.0]);
    }
}
