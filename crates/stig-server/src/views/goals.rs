//! Goals and actors: the customer's goal tree (the extended path) and the network of actors
//! the customer meets on the journeys: our own units, partners and public actors.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};
use stig_model::{Actor, ActorKind, Goal, Journey, Owner, Step, Touchpoint, Workspace};

use super::layout::{Nav, page};
use super::parts::{
    actor_kind_label, channel_label, edit_button, empty, journey_url, new_button, page_head,
    state_badge, step_url, xml_escape as esc,
};
use super::{PageCtx, urlencode};

/// `GET /w/{ws}/goals`: the goal tree, then the actor network and the list of actors.
pub fn goals(ctx: &PageCtx<'_>, ws: &Workspace) -> Markup {
    let links = actor_links(ws);
    let content = html! {
        (page_head(&ctx.t("nav-goals"), Some(&ctx.t("page-goals-lead")), html! {
            (new_button(ctx, &ctx.ws_url("/goals/new"), "page-goals-new"))
            (new_button(ctx, &ctx.ws_url("/actors/new"), "page-actors-new"))
        }))
        section #goals {
            h2 { (ctx.t("page-goals-tree")) }
            @if ws.goals.is_empty() { (empty(ctx, "page-goals-empty")) }
            (goal_tree(ctx, ws))
        }
        section #actors {
            h2 { (ctx.t("page-actors-network")) }
            p.muted { (ctx.t("page-actors-network-lead")) }
            div.card.network-card {
                (network_svg(ctx, ws, &links))
                (network_legend(ctx))
            }
            h2 { (ctx.t("page-actors")) }
            @if ws.actors.is_empty() { (empty(ctx, "page-actors-empty")) }
            (actor_table(ctx, ws, &links))
        }
    };
    page(ctx, &ctx.t("nav-goals"), Nav::Goals, content)
}

// ----- Goal tree ---------------------------------------------------------------------------

fn goal_tree(ctx: &PageCtx<'_>, ws: &Workspace) -> Markup {
    let ids: HashSet<&str> = ws.goals.iter().map(|g| g.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<&Goal>> = HashMap::new();
    let mut roots: Vec<&Goal> = Vec::new();
    for g in &ws.goals {
        match g
            .parent
            .as_deref()
            .filter(|p| ids.contains(p) && *p != g.id)
        {
            Some(p) => children.entry(p).or_default().push(g),
            None => roots.push(g),
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = String::new();
    for r in &roots {
        out.push_str(&goal_node(ctx, ws, r, &children, &mut seen, 0).into_string());
    }
    // Goals in a cycle are never reached from a root: show them anyway, at the top level.
    for g in &ws.goals {
        if !seen.contains(g.id.as_str()) {
            out.push_str(&goal_node(ctx, ws, g, &children, &mut seen, 0).into_string());
        }
    }
    html! { ul.goal-tree { (PreEscaped(out)) } }
}

fn goal_node<'a>(
    ctx: &PageCtx<'_>,
    ws: &'a Workspace,
    g: &'a Goal,
    children: &HashMap<&str, Vec<&'a Goal>>,
    seen: &mut HashSet<&'a str>,
    depth: usize,
) -> Markup {
    if !seen.insert(&g.id) {
        return html! {};
    }
    let kids: Vec<Markup> = children
        .get(g.id.as_str())
        .map(|list| {
            list.iter()
                .map(|c| goal_node(ctx, ws, c, children, seen, depth + 1))
                .collect()
        })
        .unwrap_or_default();
    let steps: Vec<(&Journey, &Step)> = g
        .steps
        .iter()
        .filter_map(|s| {
            let (jid, sid) = s.split_once('/')?;
            let j = ws.journey(jid)?;
            Some((j, j.steps.iter().find(|st| st.id == sid)?))
        })
        .collect();
    html! {
        li #{"goal-" (g.id)} class={"goal depth-" (depth.min(3))} {
            div.goal-card {
                div.row {
                    h3 { (g.name) }
                    (edit_button(ctx, &ctx.ws_url(&format!("/goals/{}/edit", urlencode(&g.id)))))
                }
                @if !g.description.is_empty() { p.muted { (g.description) } }
                @if !g.journeys.is_empty() || !steps.is_empty() || !g.actors.is_empty() || !g.channels.is_empty() {
                    dl.goal-links {
                        @if !g.journeys.is_empty() {
                            div {
                                dt { (ctx.t("nav-journeys")) }
                                dd { @for id in &g.journeys {
                                    @match ws.journey(id) {
                                        Some(j) => a.pill href=(journey_url(ctx, &j.id)) { (j.name) },
                                        None => span.pill { (id) },
                                    }
                                } }
                            }
                        }
                        @if !steps.is_empty() {
                            div {
                                dt { (ctx.t("page-steps")) }
                                dd { ul.goal-steps { @for (j, s) in &steps {
                                    li title={(s.action) " — " (j.name)} { (state_badge(ctx, j.state)) " " a href=(step_url(ctx, &j.id, &s.id)) { (s.action) } }
                                } } }
                            }
                        }
                        @if !g.actors.is_empty() {
                            div {
                                dt { (ctx.t("page-actors")) }
                                dd { @for id in &g.actors {
                                    @match ws.actor(id) {
                                        Some(a) => a class={"pill " (a.kind.as_str())} href={"#actor-" (urlencode(&a.id))} { (a.name) },
                                        None => span.pill { (id) },
                                    }
                                } }
                            }
                        }
                        @if !g.channels.is_empty() {
                            div {
                                dt { (ctx.t("page-channels")) }
                                dd { @for c in &g.channels { span.pill.channel { (channel_label(ctx, c)) } } }
                            }
                        }
                    }
                }
            }
            @if !kids.is_empty() {
                ul { @for k in kids { (k) } }
            }
        }
    }
}

// ----- Actor network -------------------------------------------------------------------------

/// Who the customer meets besides the steps' own text: an actor, or our own touchpoints
/// that name no actor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node<'a> {
    Actor(&'a Actor),
    OwnUnassigned,
}

impl Node<'_> {
    fn kind(&self) -> ActorKind {
        match self {
            Node::Actor(a) => a.kind,
            Node::OwnUnassigned => ActorKind::Own,
        }
    }
}

/// An edge of the network: what the customer shares with one actor.
#[derive(Debug, Clone)]
pub struct ActorLink<'a> {
    pub node: Node<'a>,
    /// The actor's touchpoints used in some step.
    pub touchpoints: Vec<&'a Touchpoint>,
    /// Steps where the customer meets the actor (through a touchpoint or named in `actors`).
    pub steps: Vec<(&'a Journey, &'a Step)>,
    /// Goals naming the actor.
    pub goals: Vec<&'a Goal>,
}

/// Every actor (own units, then partners, then public actors) with the touchpoints and steps
/// it shares with the customer; plus, first, our own touchpoints without an actor, if used.
pub fn actor_links<'a>(ws: &'a Workspace) -> Vec<ActorLink<'a>> {
    let used = |t: &Touchpoint| {
        ws.journeys
            .iter()
            .any(|j| j.steps.iter().any(|s| s.touchpoints.contains(&t.id)))
    };
    let link = |node: Node<'a>| -> ActorLink<'a> {
        let owns = |t: &Touchpoint| match node {
            Node::Actor(a) => t.actor.as_deref() == Some(a.id.as_str()),
            Node::OwnUnassigned => {
                t.owner == Owner::Own && t.actor.as_deref().and_then(|a| ws.actor(a)).is_none()
            }
        };
        let touchpoints: Vec<&'a Touchpoint> = ws
            .touchpoints
            .iter()
            .filter(|t| owns(t) && used(t))
            .collect();
        let mut steps = Vec::new();
        for j in &ws.journeys {
            for s in j.ordered_steps() {
                let by_touchpoint = s
                    .touchpoints
                    .iter()
                    .any(|id| touchpoints.iter().any(|t| &t.id == id));
                let named = matches!(node, Node::Actor(a) if s.actors.contains(&a.id));
                if by_touchpoint || named {
                    steps.push((j, s));
                }
            }
        }
        let goals = match node {
            Node::Actor(a) => ws
                .goals
                .iter()
                .filter(|g| g.actors.contains(&a.id))
                .collect(),
            Node::OwnUnassigned => Vec::new(),
        };
        ActorLink {
            node,
            touchpoints,
            steps,
            goals,
        }
    };
    let mut out = Vec::new();
    let unassigned = link(Node::OwnUnassigned);
    if !unassigned.touchpoints.is_empty() {
        out.push(unassigned);
    }
    for kind in [ActorKind::Own, ActorKind::Partner, ActorKind::Public] {
        for a in ws.actors.iter().filter(|a| a.kind == kind) {
            out.push(link(Node::Actor(a)));
        }
    }
    out
}

fn kind_colour(kind: ActorKind) -> (&'static str, &'static str) {
    match kind {
        ActorKind::Own => ("#1f5f99", "#e6eef7"),
        ActorKind::Partner => ("#c8620a", "#fdeedd"),
        ActorKind::Public => ("#6b4fbb", "#efeafa"),
    }
}

/// Splits `text` into at most two lines of about `max` characters (the second one cut with …).
fn two_lines(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let cur = lines.last_mut().expect("one line at least");
        if cur.is_empty() || cur.chars().count() + 1 + word.chars().count() <= max {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else {
            lines.push(word.to_owned());
        }
    }
    if lines.len() > 2 {
        let mut second = lines[1..].join(" ");
        if second.chars().count() > max {
            second = second
                .chars()
                .take(max.saturating_sub(1))
                .collect::<String>()
                + "…";
        }
        lines.truncate(1);
        lines.push(second);
    }
    lines
}

/// The customer in the centre, each actor on an ellipse around (own, partners, public in
/// turn), an edge to each actor it meets: as thick as the steps they share, labelled with
/// the number of touchpoints and steps, dashed when the actor has no touchpoint of its own.
fn network_svg(ctx: &PageCtx<'_>, ws: &Workspace, links: &[ActorLink<'_>]) -> Markup {
    let (w, h) = (1180.0_f64, 700.0_f64);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let (rx, ry) = (455.0, 275.0);
    let (node_w, node_h) = (190.0, 50.0);
    let n = links.len().max(1);
    let title = ctx.t("page-actors-network");
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="network" viewBox="0 0 {w} {h}" role="img" aria-labelledby="network-title" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, system-ui, sans-serif"><title id="network-title">{}</title>"#,
        esc(&title)
    );
    let _ = write!(
        svg,
        r##"<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="none" stroke="#e3e8ee" stroke-dasharray="3 6"/>"##
    );
    let positions: Vec<(f64, f64)> = (0..links.len())
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            (cx + rx * a.cos(), cy + ry * a.sin())
        })
        .collect();
    // Edges first, under the nodes.
    for (l, &(x, y)) in links.iter().zip(&positions) {
        if l.steps.is_empty() && l.touchpoints.is_empty() {
            continue;
        }
        let (stroke, _) = kind_colour(l.node.kind());
        let width = 1.5 + (l.steps.len().min(10) as f64) * 0.45;
        let dash = if l.touchpoints.is_empty() {
            r#" stroke-dasharray="6 5""#
        } else {
            ""
        };
        let names: Vec<&str> = l.touchpoints.iter().map(|t| t.name.as_str()).collect();
        let _ = write!(
            svg,
            r#"<line class="edge" x1="{cx:.1}" y1="{cy:.1}" x2="{x:.1}" y2="{y:.1}" stroke="{stroke}" stroke-opacity="0.55" stroke-width="{width:.2}"{dash}><title>{}</title></line>"#,
            esc(&names.join(", "))
        );
    }
    // Edge labels, at a little past the middle of each edge.
    for (l, &(x, y)) in links.iter().zip(&positions) {
        if l.steps.is_empty() && l.touchpoints.is_empty() {
            continue;
        }
        let (stroke, _) = kind_colour(l.node.kind());
        let (lx, ly) = (cx + (x - cx) * 0.56, cy + (y - cy) * 0.56);
        let line1 = ctx.tr.ta(
            "page-network-touchpoints",
            &[("count", l.touchpoints.len().into())],
        );
        let line2 = ctx
            .tr
            .ta("page-network-steps", &[("count", l.steps.len().into())]);
        let chars = line1.chars().count().max(line2.chars().count()) as f64;
        let bw = chars * 6.1 + 14.0;
        let names: Vec<&str> = l.touchpoints.iter().map(|t| t.name.as_str()).collect();
        let _ = write!(
            svg,
            r##"<g class="edge-label"><title>{}</title><rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="32" rx="6" fill="#fff" stroke="{stroke}" stroke-opacity="0.35"/><text x="{lx:.1}" y="{:.1}" font-size="10.5" text-anchor="middle" fill="#1b2430">{}</text><text x="{lx:.1}" y="{:.1}" font-size="10.5" text-anchor="middle" fill="#5b6675">{}</text></g>"##,
            esc(&names.join(", ")),
            lx - bw / 2.0,
            ly - 16.0,
            ly - 3.0,
            esc(&line1),
            ly + 11.0,
            esc(&line2)
        );
    }
    // Actor nodes.
    for (l, &(x, y)) in links.iter().zip(&positions) {
        let (stroke, fill) = kind_colour(l.node.kind());
        let (name, href) = match l.node {
            Node::Actor(a) => (a.name.clone(), format!("#actor-{}", urlencode(&a.id))),
            Node::OwnUnassigned => (
                ctx.t("page-network-own-channels"),
                "#actor-own-channels".to_owned(),
            ),
        };
        let lines = two_lines(&name, 25);
        let _ = write!(
            svg,
            r#"<a href="{}" class="node"><title>{} ({})</title><rect x="{:.1}" y="{:.1}" width="{node_w}" height="{node_h}" rx="10" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            esc(&href),
            esc(&name),
            esc(&actor_kind_label(ctx, l.node.kind())),
            x - node_w / 2.0,
            y - node_h / 2.0
        );
        let first_y = if lines.len() == 1 { y + 4.5 } else { y - 3.0 };
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{:.1}" font-size="12.5" font-weight="600" text-anchor="middle" fill="#1b2430">{}</text>"##,
                first_y + i as f64 * 15.0,
                esc(line)
            );
        }
        svg.push_str("</a>");
    }
    // The customer.
    let customer = ctx.t("page-network-customer");
    let personas = ctx.tr.ta(
        "page-network-personas",
        &[("count", ws.personas.len().into())],
    );
    let _ = write!(
        svg,
        r##"<g class="customer"><circle cx="{cx}" cy="{cy}" r="62" fill="#14263b"/><circle cx="{cx}" cy="{cy}" r="70" fill="none" stroke="#14263b" stroke-opacity="0.15" stroke-width="6"/><text x="{cx}" y="{:.1}" font-size="16" font-weight="700" text-anchor="middle" fill="#fff">{}</text><text x="{cx}" y="{:.1}" font-size="11" text-anchor="middle" fill="#c9d8ea">{}</text></g>"##,
        cy + 1.0,
        esc(&customer),
        cy + 19.0,
        esc(&personas)
    );
    svg.push_str("</svg>");
    html! { div.network-frame { (PreEscaped(svg)) } }
}

fn network_legend(ctx: &PageCtx<'_>) -> Markup {
    html! {
        ul.legend {
            @for k in [ActorKind::Own, ActorKind::Partner, ActorKind::Public] {
                li { span class={"swatch " (k.as_str())} {} (actor_kind_label(ctx, k)) }
            }
            li { span.swatch.line {} (ctx.t("page-network-legend-width")) }
            li { span.swatch.dashed {} (ctx.t("page-network-legend-dashed")) }
        }
    }
}

fn actor_table(ctx: &PageCtx<'_>, ws: &Workspace, links: &[ActorLink<'_>]) -> Markup {
    let _ = ws;
    html! {
        div.table-scroll {
            table.data.actors {
                thead { tr {
                    th scope="col" { (ctx.t("page-actor")) }
                    th scope="col" { (ctx.t("page-actor-kind")) }
                    th scope="col" { (ctx.t("page-touchpoints")) }
                    th scope="col" { (ctx.t("page-steps")) }
                    th scope="col" { (ctx.t("page-goals")) }
                    @if ctx.can_edit { th scope="col" { span.visually-hidden { (ctx.t("action-edit")) } } }
                } }
                tbody {
                    @for l in links {
                        @let kind = l.node.kind();
                        tr #{"actor-" (match l.node { Node::Actor(a) => a.id.as_str(), Node::OwnUnassigned => "own-channels" })} {
                            td {
                                @match l.node {
                                    Node::Actor(a) => {
                                        strong { (a.name) }
                                        @if !a.description.is_empty() { p.small.muted { (a.description) } }
                                    },
                                    Node::OwnUnassigned => {
                                        strong { (ctx.t("page-network-own-channels")) }
                                        p.small.muted { (ctx.t("page-network-own-channels-note")) }
                                    },
                                }
                            }
                            td { span class={"pill " (kind.as_str())} { (actor_kind_label(ctx, kind)) } }
                            td {
                                @for t in &l.touchpoints {
                                    a class={"pill " (t.owner.as_str())} href={(ctx.ws_url("/touchpoints")) "#tp-" (urlencode(&t.id))} { (t.name) }
                                }
                                @if l.touchpoints.is_empty() { span.muted { "–" } }
                            }
                            td {
                                @if l.steps.is_empty() {
                                    span.muted { "–" }
                                } @else {
                                    details {
                                        summary { (ctx.tr.ta("page-network-steps", &[("count", l.steps.len().into())])) }
                                        ul.small { @for (j, s) in &l.steps {
                                            li { a href=(step_url(ctx, &j.id, &s.id)) { (s.action) } }
                                        } }
                                    }
                                }
                            }
                            td {
                                @for g in &l.goals {
                                    a.pill href={"#goal-" (urlencode(&g.id))} { (g.name) }
                                }
                            }
                            @if ctx.can_edit {
                                td {
                                    @if let Node::Actor(a) = l.node {
                                        a.btn.secondary.small href=(ctx.ws_url(&format!("/actors/{}/edit", urlencode(&a.id)))) { (ctx.t("action-edit")) }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_into_two_lines() {
        assert_eq!(two_lines("Norwegian", 25), ["Norwegian"]);
        assert_eq!(
            two_lines("Meteorologisk institutt (yr.no)", 25),
            ["Meteorologisk institutt", "(yr.no)"]
        );
        let l = two_lines(
            "a very long name of an actor that goes on and on and on",
            12,
        );
        assert_eq!(l.len(), 2);
        assert!(l[1].ends_with('…') && l[1].chars().count() <= 12);
    }
}
