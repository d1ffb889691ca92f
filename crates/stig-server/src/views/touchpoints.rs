//! The touchpoint inventory: every touchpoint across all journeys, where it is used, and a
//! filter by phase, channel, owner, physical/digital and discipline (a plain GET form).

use maud::{Markup, html};
use serde::Deserialize;
use stig_model::{Discipline, Journey, Mode, Owner, Phase, Step, Touchpoint, Workspace};

use super::layout::{Nav, page};
use super::parts::{
    channel_label, discipline_label, mode_label, new_button, owner_label, owner_pill, page_head,
    state_badge, step_url, survey_label,
};
use super::{PageCtx, urlencode};

/// The query of `GET /w/{ws}/touchpoints?phase=during&owner=partner…`. Each field is a value
/// to match exactly (a phase id, a channel, `own|partner|public`, `physical|digital`,
/// `create|communicate|deliver`); absent or empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TouchpointFilter {
    pub phase: Option<String>,
    pub channel: Option<String>,
    pub owner: Option<String>,
    pub mode: Option<String>,
    pub discipline: Option<String>,
}

fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl TouchpointFilter {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        [
            &self.phase,
            &self.channel,
            &self.owner,
            &self.mode,
            &self.discipline,
        ]
        .into_iter()
        .all(|v| set(v).is_none())
    }

    /// Does the touchpoint itself (not where it is used) pass the filter?
    fn admits(&self, t: &Touchpoint) -> bool {
        set(&self.channel).is_none_or(|c| t.channel.as_str() == c)
            && set(&self.owner).is_none_or(|o| t.owner.as_str() == o)
            && set(&self.mode).is_none_or(|m| t.mode.as_str() == m)
            && set(&self.discipline).is_none_or(|d| t.discipline.as_str() == d)
    }
}

/// One place a touchpoint is used: a step of a journey (and the step's phase).
#[derive(Debug, Clone, Copy)]
pub struct Usage<'a> {
    pub journey: &'a Journey,
    pub phase: Option<&'a Phase>,
    pub step: &'a Step,
}

/// A row of the inventory: the touchpoint and the steps using it.
#[derive(Debug, Clone)]
pub struct TouchpointRow<'a> {
    pub touchpoint: &'a Touchpoint,
    pub usages: Vec<Usage<'a>>,
}

/// The touchpoints that pass `filter`, in workspace order, each with the steps using it.
/// A phase filter keeps only the usages in that phase and drops touchpoints left with none
/// (so an unused touchpoint shows only when no phase is asked for).
pub fn filter_touchpoints<'a>(
    ws: &'a Workspace,
    filter: &TouchpointFilter,
) -> Vec<TouchpointRow<'a>> {
    let phase = set(&filter.phase);
    ws.touchpoints
        .iter()
        .filter(|t| filter.admits(t))
        .filter_map(|t| {
            let usages: Vec<Usage<'a>> = ws
                .journeys
                .iter()
                .flat_map(|j| {
                    j.ordered_steps()
                        .into_iter()
                        .filter(|s| s.touchpoints.contains(&t.id))
                        .map(move |s| Usage {
                            journey: j,
                            phase: j.phase_of(s),
                            step: s,
                        })
                })
                .filter(|u| phase.is_none_or(|p| u.phase.is_some_and(|ph| ph.id == p)))
                .collect();
            (phase.is_none() || !usages.is_empty()).then_some(TouchpointRow {
                touchpoint: t,
                usages,
            })
        })
        .collect()
}

/// `GET /w/{ws}/touchpoints`: the inventory, filtered by `filter`.
pub fn touchpoints(ctx: &PageCtx<'_>, ws: &Workspace, filter: &TouchpointFilter) -> Markup {
    let rows = filter_touchpoints(ws, filter);
    let content = html! {
        (page_head(&ctx.t("nav-touchpoints"), Some(&ctx.t("page-touchpoints-lead")),
            new_button(ctx, &ctx.ws_url("/touchpoints/new"), "page-touchpoints-new")))
        (filter_form(ctx, ws, filter))
        p.result-count {
            (ctx.tr.ta("page-touchpoints-showing", &[("shown", rows.len().into()), ("total", ws.touchpoints.len().into())]))
        }
        @if rows.is_empty() {
            p.empty { (ctx.t("page-touchpoints-none")) }
        } @else {
            div.table-scroll {
                table.data.inventory {
                    thead {
                        tr {
                            th scope="col" { (ctx.t("page-touchpoint")) }
                            th scope="col" { (ctx.t("page-channel")) }
                            th scope="col" { (ctx.t("page-mode")) }
                            th scope="col" { (ctx.t("page-owner")) }
                            th scope="col" { (ctx.t("page-discipline")) }
                            th scope="col" { (ctx.t("page-survey")) }
                            th scope="col" { (ctx.t("page-used-in")) }
                            @if ctx.can_edit { th scope="col" { span.visually-hidden { (ctx.t("action-edit")) } } }
                        }
                    }
                    tbody {
                        @for row in &rows { (touchpoint_row(ctx, ws, row)) }
                    }
                }
            }
        }
    };
    page(ctx, &ctx.t("nav-touchpoints"), Nav::Touchpoints, content)
}

fn touchpoint_row(ctx: &PageCtx<'_>, ws: &Workspace, row: &TouchpointRow<'_>) -> Markup {
    let t = row.touchpoint;
    // Usages grouped by journey, in order.
    let mut groups: Vec<(&Journey, Vec<&Usage<'_>>)> = Vec::new();
    for u in &row.usages {
        match groups.last_mut() {
            Some((j, list)) if j.id == u.journey.id => list.push(u),
            _ => groups.push((u.journey, vec![u])),
        }
    }
    html! {
        tr #{"tp-" (t.id)} class={"owner-" (t.owner.as_str())} {
            td.tp-cell {
                strong { (t.name) }
                @if !t.description.is_empty() { p.small.muted { (t.description) } }
            }
            td { (channel_label(ctx, &t.channel)) }
            td { span class={"mode " (t.mode.as_str())} { (mode_label(ctx, t.mode)) } }
            td {
                (owner_pill(ctx, t.owner))
                @if let Some(a) = t.actor.as_deref() {
                    br;
                    a.small href={(ctx.ws_url("/goals")) "#actor-" (urlencode(a))} { (ws.actor(a).map(|a| a.name.as_str()).unwrap_or(a)) }
                }
            }
            td { (discipline_label(ctx, t.discipline)) }
            td {
                @if let Some(sv) = &t.survey {
                    span.badge.survey { (survey_label(ctx, sv.kind)) }
                    p.small { (sv.question) }
                } @else {
                    span.muted { "–" }
                }
            }
            td.used-in {
                @if groups.is_empty() { span.badge.warning { (ctx.t("page-touchpoints-unused")) } }
                @for (j, usages) in &groups {
                    div.usage {
                        div.usage-journey {
                            (state_badge(ctx, j.state))
                            " "
                            a.journey-link href=(super::parts::journey_url(ctx, &j.id)) title=(j.name) { (j.name) }
                        }
                        ul {
                            @for u in usages {
                                li title=(u.step.action) {
                                    @if let Some(ph) = u.phase { span.phase-tag { (ph.name) } " " }
                                    a href=(step_url(ctx, &j.id, &u.step.id)) { (u.step.action) }
                                }
                            }
                        }
                    }
                }
            }
            @if ctx.can_edit {
                td { a.btn.secondary.small href=(ctx.ws_url(&format!("/touchpoints/{}/edit", urlencode(&t.id)))) { (ctx.t("action-edit")) } }
            }
        }
    }
}

fn filter_form(ctx: &PageCtx<'_>, ws: &Workspace, f: &TouchpointFilter) -> Markup {
    let mut phases: Vec<(&str, &str)> = Vec::new();
    for j in &ws.journeys {
        for p in &j.phases {
            if !phases.iter().any(|(id, _)| *id == p.id) {
                phases.push((&p.id, &p.name));
            }
        }
    }
    let mut channels: Vec<&stig_model::Channel> =
        ws.touchpoints.iter().map(|t| &t.channel).collect();
    channels.sort();
    channels.dedup();
    let channel_opts: Vec<(String, String)> = channels
        .into_iter()
        .map(|c| (c.as_str().to_owned(), channel_label(ctx, c)))
        .collect();
    let phase_opts: Vec<(String, String)> = phases
        .iter()
        .map(|(id, name)| ((*id).to_owned(), (*name).to_owned()))
        .collect();
    let owner_opts: Vec<(String, String)> = [Owner::Own, Owner::Partner, Owner::Public]
        .into_iter()
        .map(|o| (o.as_str().to_owned(), owner_label(ctx, o)))
        .collect();
    let mode_opts: Vec<(String, String)> = [Mode::Physical, Mode::Digital]
        .into_iter()
        .map(|m| (m.as_str().to_owned(), mode_label(ctx, m)))
        .collect();
    let discipline_opts: Vec<(String, String)> = [
        Discipline::Create,
        Discipline::Communicate,
        Discipline::Deliver,
    ]
    .into_iter()
    .map(|d| (d.as_str().to_owned(), discipline_label(ctx, d)))
    .collect();
    html! {
        form.filters.card method="get" action=(ctx.ws_url("/touchpoints")) {
            (select(ctx, "phase", "page-phase", "page-filter-any-phase", &phase_opts, set(&f.phase)))
            (select(ctx, "channel", "page-channel", "page-filter-any-channel", &channel_opts, set(&f.channel)))
            (select(ctx, "owner", "page-owner", "page-filter-any-owner", &owner_opts, set(&f.owner)))
            (select(ctx, "mode", "page-mode", "page-filter-any-mode", &mode_opts, set(&f.mode)))
            (select(ctx, "discipline", "page-discipline", "page-filter-any-discipline", &discipline_opts, set(&f.discipline)))
            div.filter-actions {
                button.btn.small type="submit" { (ctx.t("page-filter-apply")) }
                @if !f.is_empty() {
                    a.btn.secondary.small href=(ctx.ws_url("/touchpoints")) { (ctx.t("page-filter-reset")) }
                }
            }
        }
    }
}

pub(crate) fn select(
    ctx: &PageCtx<'_>,
    name: &str,
    label: &str,
    any: &str,
    options: &[(String, String)],
    current: Option<&str>,
) -> Markup {
    let id = format!("filter-{name}");
    html! {
        div.filter {
            label for=(id) { (ctx.t(label)) }
            select #(id) name=(name) data-autosubmit {
                option value="" { (ctx.t(any)) }
                @for (value, text) in options {
                    option value=(value) selected[current == Some(value.as_str())] { (text) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stig_model::{Channel, KnownChannel, Stage};

    fn tp(
        id: &str,
        channel: KnownChannel,
        mode: Mode,
        owner: Owner,
        discipline: Discipline,
    ) -> Touchpoint {
        Touchpoint {
            id: id.into(),
            name: id.to_uppercase(),
            channel: Channel::Known(channel),
            mode,
            owner,
            actor: None,
            discipline,
            description: String::new(),
            signals: vec![],
            survey: None,
        }
    }

    fn step(id: &str, stage: &str, tps: &[&str]) -> Step {
        Step {
            id: id.into(),
            stage: stage.into(),
            action: id.into(),
            touchpoints: tps.iter().map(|s| (*s).to_owned()).collect(),
            ..Step::default()
        }
    }

    /// A hotel stay: web booking (own, before), airport bus (partner, during),
    /// hotel reception (own, during and after), road info (public, before), and a
    /// printed brochure nobody uses.
    fn ws() -> Workspace {
        use Discipline::*;
        use KnownChannel as C;
        Workspace {
            touchpoints: vec![
                tp("booking", C::Web, Mode::Digital, Owner::Own, Deliver),
                tp("bus", C::Transport, Mode::Physical, Owner::Partner, Deliver),
                tp("reception", C::OnSite, Mode::Physical, Owner::Own, Deliver),
                tp("roads", C::Web, Mode::Digital, Owner::Public, Communicate),
                tp(
                    "brochure",
                    C::Print,
                    Mode::Physical,
                    Owner::Own,
                    Communicate,
                ),
            ],
            journeys: vec![Journey {
                id: "stay".into(),
                name: "Stay".into(),
                phases: stig_model::default_phases(),
                stages: vec![
                    Stage {
                        id: "plan".into(),
                        phase: "before".into(),
                        name: "Plan".into(),
                    },
                    Stage {
                        id: "arrive".into(),
                        phase: "during".into(),
                        name: "Arrive".into(),
                    },
                    Stage {
                        id: "home".into(),
                        phase: "after".into(),
                        name: "Home".into(),
                    },
                ],
                steps: vec![
                    step("book", "plan", &["booking", "roads"]),
                    step("ride", "arrive", &["bus"]),
                    step("check-in", "arrive", &["reception"]),
                    step("invoice", "home", &["reception"]),
                ],
                ..Journey::default()
            }],
            ..Workspace::default()
        }
    }

    fn ids(rows: &[TouchpointRow<'_>]) -> Vec<String> {
        rows.iter().map(|r| r.touchpoint.id.clone()).collect()
    }

    fn filter(pairs: &[(&str, &str)]) -> TouchpointFilter {
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        serde_html_form::from_str(&query.join("&")).expect("a valid query")
    }

    #[test]
    fn no_filter_lists_every_touchpoint_with_its_usages() {
        let ws = ws();
        let rows = filter_touchpoints(&ws, &TouchpointFilter::default());
        assert_eq!(
            ids(&rows),
            ["booking", "bus", "reception", "roads", "brochure"]
        );
        let reception = &rows[2];
        let steps: Vec<&str> = reception
            .usages
            .iter()
            .map(|u| u.step.id.as_str())
            .collect();
        assert_eq!(steps, ["check-in", "invoice"]);
        assert!(rows[4].usages.is_empty(), "the brochure is unused");
    }

    #[test]
    fn owner_filter_keeps_only_that_owner() {
        let ws = ws();
        assert_eq!(
            ids(&filter_touchpoints(&ws, &filter(&[("owner", "partner")]))),
            ["bus"]
        );
        assert_eq!(
            ids(&filter_touchpoints(&ws, &filter(&[("owner", "public")]))),
            ["roads"]
        );
        assert_eq!(
            ids(&filter_touchpoints(&ws, &filter(&[("owner", "own")]))),
            ["booking", "reception", "brochure"]
        );
    }

    #[test]
    fn phase_filter_narrows_usages_and_drops_unused() {
        let ws = ws();
        let rows = filter_touchpoints(&ws, &filter(&[("phase", "after")]));
        assert_eq!(ids(&rows), ["reception"]);
        let steps: Vec<&str> = rows[0].usages.iter().map(|u| u.step.id.as_str()).collect();
        assert_eq!(steps, ["invoice"]);
        assert_eq!(
            ids(&filter_touchpoints(&ws, &filter(&[("phase", "during")]))),
            ["bus", "reception"]
        );
    }

    #[test]
    fn filters_combine() {
        let ws = ws();
        let f = filter(&[
            ("phase", "before"),
            ("channel", "web"),
            ("mode", "digital"),
            ("discipline", "communicate"),
        ]);
        assert_eq!(ids(&filter_touchpoints(&ws, &f)), ["roads"]);
        let f = filter(&[("mode", "physical"), ("owner", "own")]);
        assert_eq!(ids(&filter_touchpoints(&ws, &f)), ["reception", "brochure"]);
    }

    #[test]
    fn empty_values_mean_any_and_unknown_values_match_nothing() {
        let ws = ws();
        let f = filter(&[
            ("phase", ""),
            ("channel", ""),
            ("owner", ""),
            ("mode", ""),
            ("discipline", ""),
        ]);
        assert!(f.is_empty());
        assert_eq!(filter_touchpoints(&ws, &f).len(), 5);
        assert!(filter_touchpoints(&ws, &filter(&[("owner", "nobody")])).is_empty());
        assert!(filter_touchpoints(&ws, &filter(&[("phase", "someday")])).is_empty());
    }
}
