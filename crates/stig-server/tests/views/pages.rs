//! Every page, for every example workspace, in every language.

use std::collections::BTreeMap;

use stig_model::{Dilemma, DilemmaOption, Owner, Workspace};
use stig_server::i18n::Locale;
use stig_server::views::touchpoints::{TouchpointFilter, filter_touchpoints};
use stig_server::views::{self, urlencode};

use crate::support::{assert_translated, ctx, examples, map_svg, text};

/// Runs `check` for every example in every locale, with an editor's context.
fn each(mut check: impl FnMut(&str, &Workspace, Locale, String)) {
    for (id, ws) in examples() {
        for locale in Locale::ALL {
            check(&id, &ws, locale, format!("{id} [{}]", locale.code()));
        }
    }
}

#[test]
fn overview_shows_the_workspace_its_personas_journeys_and_diagnostics() {
    each(|id, ws, locale, what| {
        let diagnostics = stig_model::validate(ws);
        let html =
            views::overview::overview(&ctx(locale, id, ws, true), ws, &diagnostics).into_string();
        assert_translated(&html, &what);
        let text = text(&html);
        assert!(text.contains(&ws.settings.name), "{what}: workspace name");
        assert!(
            text.contains(&ws.settings.brand_promise),
            "{what}: brand promise"
        );
        for p in &ws.personas {
            assert!(text.contains(&p.name), "{what}: persona {}", p.id);
        }
        for j in &ws.journeys {
            assert!(text.contains(&j.name), "{what}: journey {}", j.id);
            assert!(
                html.contains(&format!("/w/{id}/journeys/{}\"", urlencode(&j.id))),
                "{what}: link to journey {}",
                j.id
            );
        }
        // Every diagnostic in the page's language, written for it (no English fallback).
        let page_ctx = ctx(locale, id, ws, true);
        for d in &diagnostics {
            let shown = views::forms::checks::message(&page_ctx, d);
            assert!(
                text.contains(&shown),
                "{what}: diagnostic {} shown as {shown}",
                d.message
            );
            assert!(
                locale == Locale::En || shown != d.message,
                "{what}: `check-{}` is not translated",
                d.message_id
            );
        }
        // The matrix names every touchpoint used in a step, and no other.
        let matrix = match html.find("<table class=\"data matrix\"") {
            Some(at) => &html[at..],
            None => {
                assert!(ws.journeys.is_empty(), "{what}: the matrix");
                ""
            }
        };
        let matrix = &matrix[..matrix.find("</table>").unwrap_or(0)];
        for t in &ws.touchpoints {
            let used = ws
                .journeys
                .iter()
                .any(|j| j.steps.iter().any(|s| s.touchpoints.contains(&t.id)));
            assert_eq!(
                matrix.contains(&format!("#tp-{}\"", urlencode(&t.id))),
                used,
                "{what}: matrix and touchpoint {}",
                t.id
            );
        }
    });
}

#[test]
fn gallery_shows_every_persona_with_loves_and_hates() {
    each(|id, ws, locale, what| {
        let html = views::personas::personas(&ctx(locale, id, ws, false), ws, &Default::default())
            .into_string();
        assert_translated(&html, &what);
        let text = text(&html);
        for p in &ws.personas {
            assert!(text.contains(&p.name), "{what}: {}", p.name);
            assert!(text.contains(&p.quote), "{what}: quote of {}", p.id);
            for l in &p.loves {
                assert!(
                    html.contains(&format!(
                        "<span class=\"pill love\">{}</span>",
                        maud::html! { (l) }.into_string()
                    )),
                    "{what}: love {l}"
                );
            }
            for h in &p.hates {
                assert!(
                    html.contains(&format!(
                        "<span class=\"pill hate\">{}</span>",
                        maud::html! { (h) }.into_string()
                    )),
                    "{what}: hate {h}"
                );
            }
            assert!(
                html.contains(&format!("/w/{id}/personas/{}\"", urlencode(&p.id))),
                "{what}: link to {}",
                p.id
            );
        }
        assert!(
            !html.contains("/personas/new"),
            "{what}: no New button for a viewer"
        );
    });
}

#[test]
fn persona_page_shows_motives_apart_from_demographics_and_each_journey_curve() {
    each(|id, ws, locale, what| {
        for p in &ws.personas {
            let html = views::persona::persona_page(&ctx(locale, id, ws, true), ws, p, None, None)
                .into_string();
            let what = format!("{what} {}", p.id);
            assert_translated(&html, &what);
            let text = text(&html);
            for s in p
                .needs
                .iter()
                .chain(&p.dreams)
                .chain(&p.loves)
                .chain(&p.hates)
            {
                assert!(text.contains(s.as_str()), "{what}: {s}");
            }
            assert!(text.contains(&p.real_motive), "{what}: real motive");
            if let Some(home) = &p.demographics.home {
                let demo = &html[html
                    .find("class=\"card demographics\"")
                    .expect("a demographics card")..];
                assert!(
                    demo.contains(home.as_str()),
                    "{what}: home in the demographics card"
                );
            }
            let journeys: Vec<_> = ws
                .journeys
                .iter()
                .filter(|j| j.personas.is_empty() || j.personas.contains(&p.id))
                .collect();
            assert_eq!(
                html.matches("<svg class=\"sparkline\"").count(),
                journeys.len(),
                "{what}: one sparkline per journey"
            );
            for j in journeys {
                assert!(text.contains(&j.name), "{what}: journey {}", j.id);
            }
            assert!(
                html.contains(&format!("/personas/{}/edit", urlencode(&p.id))),
                "{what}: edit link"
            );
        }
    });
}

#[test]
fn journeys_list_links_every_journey() {
    each(|id, ws, locale, what| {
        let html = views::journeys::journeys(&ctx(locale, id, ws, true), ws).into_string();
        assert_translated(&html, &what);
        for j in &ws.journeys {
            assert!(text(&html).contains(&j.name), "{what}: {}", j.id);
            assert!(
                html.contains(&format!("/journeys/{}/edit", urlencode(&j.id))),
                "{what}: edit {}",
                j.id
            );
        }
        assert!(html.contains("/journeys/new"), "{what}: New button");
    });
}

#[test]
fn journey_page_lists_every_step_and_keeps_the_persona_selection() {
    each(|id, ws, locale, what| {
        let c = ctx(locale, id, ws, true);
        for j in &ws.journeys {
            let what = format!("{what} {}", j.id);
            let selected: Vec<String> = ws.personas.iter().take(2).map(|p| p.id.clone()).collect();
            let svg = map_svg(ws, &j.id, &selected, locale);
            let step = j
                .ordered_steps()
                .into_iter()
                .find(|s| !s.evidence.is_empty());
            let html =
                views::journey::journey_page(&c, ws, j, &selected, &svg, step, &Default::default())
                    .into_string();
            assert_translated(&html, &what);
            let pq: String = selected
                .iter()
                .map(|p| format!("persona={}", urlencode(p)))
                .collect::<Vec<_>>()
                .join("&amp;");
            for s in &j.steps {
                let link = format!(
                    "href=\"/w/{id}/journeys/{}?{pq}&amp;step={}#step-panel\" data-step=\"{}\"",
                    urlencode(&j.id),
                    urlencode(&s.id),
                    s.id
                );
                assert!(html.contains(&link), "{what}: step link {link}");
                assert!(
                    html.contains(&format!("<g class=\"step\" data-step=\"{}\"", s.id)),
                    "{what}: map step {}",
                    s.id
                );
            }
            for ext in ["svg", "png", "pdf"] {
                assert!(
                    html.contains(&format!("/journeys/{}/map.{ext}?{pq}\"", urlencode(&j.id))),
                    "{what}: export {ext}"
                );
            }
            for p in &ws.personas {
                let checked = selected.contains(&p.id);
                let input = format!(
                    "name=\"persona\" value=\"{}\"{}",
                    p.id,
                    if checked { " checked" } else { "" }
                );
                assert!(html.contains(&input), "{what}: picker {}", p.id);
            }
            // The click script (htmx) lives in the map canvas's script.
            assert!(
                html.contains("<script src=\"/assets/map.js\" defer>"),
                "{what}: the click script"
            );
            assert!(
                html.contains(&format!(
                    "data-steps-url=\"/w/{id}/journeys/{}/steps/\"",
                    urlencode(&j.id)
                )),
                "{what}: fragment URL"
            );
            if let Some(s) = step {
                let text = text(&html);
                assert!(
                    html.contains(&format!("data-step-detail=\"{}\"", s.id)),
                    "{what}: the panel shows the step"
                );
                for e in &s.evidence {
                    assert!(text.contains(&e.text), "{what}: evidence");
                    if let Some(d) = e.date {
                        assert!(text.contains(&c.tr.date(d)), "{what}: evidence date");
                    }
                }
            }
        }
    });
}

#[test]
fn step_panel_shows_everything_about_the_step() {
    each(|id, ws, locale, what| {
        let c = ctx(locale, id, ws, locale == Locale::En);
        for j in &ws.journeys {
            for s in &j.steps {
                let what = format!("{what} {}/{}", j.id, s.id);
                let html = views::journey::step_panel(&c, ws, j, s).into_string();
                assert_translated(&html, &what);
                assert!(!html.contains("<html"), "{what}: a fragment, not a page");
                let text = text(&html);
                assert!(text.contains(&s.action), "{what}: action");
                for t in s.touchpoints.iter().filter_map(|t| ws.touchpoint(t)) {
                    assert!(text.contains(&t.name), "{what}: touchpoint {}", t.id);
                    if let Some(survey) = &t.survey {
                        assert!(text.contains(&survey.question), "{what}: survey question");
                    }
                }
                for item in s
                    .functional
                    .iter()
                    .chain(&s.pain_points)
                    .chain(&s.opportunities)
                {
                    assert!(text.contains(item.as_str()), "{what}: {item}");
                }
                for e in &s.emotions {
                    assert!(text.contains(&e.name), "{what}: emotion {}", e.name);
                }
                for e in &s.evidence {
                    assert!(
                        text.contains(&e.text) && text.contains(&e.source),
                        "{what}: evidence"
                    );
                }
                let edit = format!(
                    "/journeys/{}/steps/{}/edit",
                    urlencode(&j.id),
                    urlencode(&s.id)
                );
                assert_eq!(
                    html.contains(&edit),
                    c.can_edit,
                    "{what}: edit link only for editors"
                );
            }
        }
    });
}

/// The ids of the rows of the inventory table, in order.
fn row_ids(html: &str) -> Vec<String> {
    html.match_indices("<tr id=\"tp-")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').expect("closing quote")].to_owned()
        })
        .collect()
}

#[test]
fn touchpoint_filter_narrows_the_table() {
    // Rows seen per owner over all examples: each filter must have been tried on real rows.
    let mut seen = [0usize; 3];
    each(|id, ws, locale, what| {
        let c = ctx(locale, id, ws, false);
        let all =
            views::touchpoints::touchpoints(&c, ws, &TouchpointFilter::default()).into_string();
        assert_translated(&all, &what);
        let all_ids: Vec<String> = ws.touchpoints.iter().map(|t| urlencode(&t.id)).collect();
        assert_eq!(
            row_ids(&all),
            all_ids,
            "{what}: every touchpoint without a filter"
        );

        for (k, owner) in [Owner::Own, Owner::Partner, Owner::Public]
            .into_iter()
            .enumerate()
        {
            let f = TouchpointFilter {
                owner: Some(owner.as_str().into()),
                ..Default::default()
            };
            let html = views::touchpoints::touchpoints(&c, ws, &f).into_string();
            let expected: Vec<String> = ws
                .touchpoints
                .iter()
                .filter(|t| t.owner == owner)
                .map(|t| urlencode(&t.id))
                .collect();
            seen[k] += expected.len();
            assert_eq!(row_ids(&html), expected, "{what}: owner={}", owner.as_str());
            assert!(
                html.contains(&format!("<option value=\"{}\" selected>", owner.as_str())),
                "{what}: the select keeps the choice"
            );
        }

        // Each phase: exactly the touchpoints used by a step of that phase.
        for j in &ws.journeys {
            for ph in &j.phases {
                let f = TouchpointFilter {
                    phase: Some(ph.id.clone()),
                    ..Default::default()
                };
                let html = views::touchpoints::touchpoints(&c, ws, &f).into_string();
                let expected: Vec<String> = ws
                    .touchpoints
                    .iter()
                    .filter(|t| {
                        ws.journeys.iter().any(|j| {
                            j.steps.iter().any(|s| {
                                s.touchpoints.contains(&t.id)
                                    && j.phase_of(s).is_some_and(|p| p.id == ph.id)
                            })
                        })
                    })
                    .map(|t| urlencode(&t.id))
                    .collect();
                assert_eq!(row_ids(&html), expected, "{what}: phase={}", ph.id);
            }
        }

        // Combined, through the query string as the handler receives it.
        let f: TouchpointFilter = serde_html_form::from_str(
            "phase=during&owner=partner&mode=physical&channel=&discipline=",
        )
        .expect("a query");
        let rows = filter_touchpoints(ws, &f);
        for r in &rows {
            assert_eq!(r.touchpoint.owner, Owner::Partner);
            assert_eq!(r.touchpoint.mode, stig_model::Mode::Physical);
            assert!(
                r.usages
                    .iter()
                    .all(|u| u.phase.is_some_and(|p| p.id == "during")),
                "{what}: only usages during"
            );
        }
        let html = views::touchpoints::touchpoints(&c, ws, &f).into_string();
        assert_eq!(row_ids(&html).len(), rows.len(), "{what}: combined filter");
    });
    assert!(
        seen.iter().all(|n| *n > 0),
        "the examples have touchpoints of every owner: {seen:?}"
    );
}

#[test]
fn goals_page_shows_the_tree_and_every_actor() {
    each(|id, ws, locale, what| {
        let html = views::goals::goals(&ctx(locale, id, ws, true), ws).into_string();
        assert_translated(&html, &what);
        let text = text(&html);
        for g in &ws.goals {
            assert!(text.contains(&g.name), "{what}: goal {}", g.id);
            assert!(
                html.contains(&format!("id=\"goal-{}\"", g.id)),
                "{what}: anchor of goal {}",
                g.id
            );
        }
        for a in &ws.actors {
            assert!(text.contains(&a.name), "{what}: actor {}", a.id);
            assert!(
                html.contains(&format!("id=\"actor-{}\"", a.id)),
                "{what}: anchor of actor {}",
                a.id
            );
        }
        assert!(
            html.contains("<svg class=\"network\""),
            "{what}: the network"
        );
        // Sub-goals are nested inside their parent's item.
        for g in ws.goals.iter().filter(|g| g.parent.is_some()) {
            let parent = g.parent.as_deref().expect("a parent");
            let p_at = html.find(&format!("id=\"goal-{parent}\"")).expect("parent");
            let g_at = html.find(&format!("id=\"goal-{}\"", g.id)).expect("goal");
            assert!(p_at < g_at, "{what}: {} after its parent", g.id);
        }
    });
}

/// The ids of the options the chart marks Pareto-optimal.
fn pareto_marked(html: &str) -> Vec<String> {
    html.match_indices("<g class=\"option pareto\" data-option=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').expect("quote")].to_owned()
        })
        .collect()
}

fn option(id: &str, sat: &[(&str, i8)], cost: f64, co2e_kg: f64) -> DilemmaOption {
    DilemmaOption {
        id: id.into(),
        name: format!("Option {id}"),
        satisfaction: sat
            .iter()
            .map(|(p, v)| ((*p).to_owned(), *v))
            .collect::<BTreeMap<_, _>>(),
        cost,
        co2e_kg,
        notes: String::new(),
    }
}

#[test]
fn dilemmas_mark_exactly_the_non_dominated_options() {
    // Champagne on business class: glass (loved, dearer, more CO2e), plastic (cheap, green,
    // disliked), a premium glass that costs and emits more than glass for the same joy
    // (dominated by glass), and a can that is worse than plastic on every count.
    let mut ws = Workspace::default();
    ws.settings.name = "Nordic Air".into();
    ws.settings.currency = "SEK".into();
    ws.dilemmas.push(Dilemma {
        id: "champagne".into(),
        question: "Champagne in a real glass or in plastic?".into(),
        journey: None,
        step: None,
        chosen: Some("glass".into()),
        rationale: "The glass is the moment.".into(),
        options: vec![
            option("glass", &[("business", 2), ("leisure", 1)], 14.0, 0.30),
            option("plastic", &[("business", -1), ("leisure", 0)], 3.0, 0.12),
            option("premium", &[("business", 2), ("leisure", 1)], 19.0, 0.45),
            option("can", &[("business", -2), ("leisure", -1)], 4.5, 0.20),
        ],
    });
    for locale in Locale::ALL {
        let html = views::dilemmas::dilemmas(&ctx(locale, "air", &ws, false), &ws).into_string();
        assert_translated(&html, locale.code());
        let mut marked = pareto_marked(&html);
        marked.sort();
        assert_eq!(marked, ["glass", "plastic"], "{}", locale.code());
        assert_eq!(html.matches("class=\"badge pareto\"").count(), 2);
        assert_eq!(html.matches("class=\"badge dominated\"").count(), 2);
        assert!(text(&html).contains("The glass is the moment."));
    }
}

#[test]
fn dilemmas_page_shows_every_option_and_formats_money() {
    each(|id, ws, locale, what| {
        let c = ctx(locale, id, ws, false);
        let html = views::dilemmas::dilemmas(&c, ws).into_string();
        assert_translated(&html, &what);
        let text = text(&html);
        for d in &ws.dilemmas {
            assert!(text.contains(&d.question), "{what}: {}", d.id);
            let marked = views::dilemmas::pareto_optimal(&d.options);
            for (o, p) in d.options.iter().zip(marked) {
                assert!(text.contains(&o.name), "{what}: option {}", o.id);
                let class = if p {
                    "option pareto"
                } else {
                    "option dominated"
                };
                assert!(
                    html.contains(&format!("<g class=\"{class}\" data-option=\"{}\"", o.id)),
                    "{what}: mark of {}",
                    o.id
                );
                let decimals = if o.cost.fract() == 0.0 { 0 } else { 2 };
                assert!(
                    text.contains(&c.tr.number(o.cost, decimals)),
                    "{what}: cost of {}",
                    o.id
                );
            }
        }
    });
}

#[test]
fn error_and_login_pages() {
    let ws = Workspace::default();
    for locale in Locale::ALL {
        let mut c = ctx(locale, "x", &ws, false);
        let html = views::error::error_page(&c, 404, "No journey `nope` here.").into_string();
        assert_translated(&html, locale.code());
        assert!(html.contains("404") && html.contains("No journey `nope` here."));

        c.user = None;
        c.workspace = None;
        let html =
            views::login::login_page(&c, Some("Wrong user name or password."), "/w/x/journeys")
                .into_string();
        assert_translated(&html, locale.code());
        for field in [
            "name=\"user\"",
            "name=\"password\"",
            "name=\"csrf\" value=\"csrf-token-123\"",
            "name=\"next\" value=\"/w/x/journeys\"",
            "action=\"/login\"",
            "method=\"post\"",
        ] {
            assert!(
                html.contains(field),
                "{}: login form has {field}",
                locale.code()
            );
        }
        assert!(html.contains("Wrong user name or password."));
    }
}
