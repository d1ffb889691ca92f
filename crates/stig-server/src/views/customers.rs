//! The customers page: who the events show, how their journey runs end, and the list of
//! customers to open a profile from.

use maud::{Markup, html};
use std::collections::BTreeMap;
use stig_model::Workspace;

use stig_insight::index::Card;
use stig_pipeline::customers::{InstanceStatus, LifecycleStatus, Profile};

use super::parts::{empty, journey_url, page_head};
use super::{PageCtx, urlencode};

/// Customers shown per page of the list.
pub const PAGE_SIZE: usize = 50;

pub fn customer_url(ctx: &PageCtx<'_>, id: &str) -> String {
    ctx.ws_url(&format!("/customers/{}", urlencode(id)))
}

/// A timestamp as date and minute, in UTC (events carry no time zone of their own).
pub fn when(ctx: &PageCtx<'_>, t: jiff::Timestamp) -> String {
    let dt = t.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    format!(
        "{} {:02}:{:02}",
        ctx.tr.date(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

pub fn status_badge(ctx: &PageCtx<'_>, status: LifecycleStatus) -> Markup {
    html! { span class={"badge life-" (status.as_str())} { (ctx.t(&format!("page-life-{}", status.as_str()))) } }
}

pub fn run_badge(ctx: &PageCtx<'_>, status: InstanceStatus) -> Markup {
    html! { span class={"badge run-" (status.as_str())} { (ctx.t(&format!("page-run-{}", status.as_str()))) } }
}

/// A person's display name: a `name` trait, else first and last name, else their e-mail,
/// else their id.
pub fn display_name(p: &Profile) -> String {
    person_name(&p.traits)
        .or_else(|| contact(&p.traits).0)
        .unwrap_or_else(|| p.id.clone())
}

/// The name the traits give: `name`, else first and last name (camelCase or snake_case).
pub fn person_name(traits: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    let text = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| traits.get(*k)?.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    match (
        text(&["name"]),
        text(&["firstName", "first_name"]),
        text(&["lastName", "last_name"]),
    ) {
        (Some(n), _, _) => Some(n.to_owned()),
        (_, Some(f), Some(l)) => Some(format!("{f} {l}")),
        (_, Some(f), None) => Some(f.to_owned()),
        (_, None, Some(l)) => Some(l.to_owned()),
        _ => None,
    }
}

/// The e-mail address and phone number the traits hold, if any.
pub fn contact(
    traits: &serde_json::Map<String, serde_json::Value>,
) -> (Option<String>, Option<String>) {
    let text = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| traits.get(*k)?.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    (
        text(&["email", "e-mail", "Email", "mail"]).filter(|e| e.contains('@')),
        text(&["phone", "phoneNumber", "phone_number", "mobile", "Phone"]),
    )
}

/// How a customer of the list is shown: their name (or e-mail), and what else tells who
/// they are (their e-mail under a name, else their id under an e-mail).
pub fn card_label(card: &Card) -> (String, Option<String>) {
    let traits = card.traits();
    let (email, phone) = contact(&traits);
    let name = person_name(&traits);
    match (name, email) {
        (Some(n), Some(e)) => (n, Some(e)),
        (Some(n), None) => (n, phone),
        (None, Some(e)) => (e, phone),
        (None, None) => (card.name.clone(), phone),
    }
}

pub struct ListQuery<'a> {
    pub q: &'a str,
    pub page: usize,
    pub status: Option<LifecycleStatus>,
}

/// Every customer of a workspace and what the customers page counts of them.
pub struct CustomerList<'a> {
    /// Most recently seen first.
    pub cards: Vec<&'a Card>,
    pub statuses: BTreeMap<LifecycleStatus, u64>,
    /// Runs per journey id, by status.
    pub runs: BTreeMap<String, BTreeMap<InstanceStatus, u64>>,
    pub answers: usize,
    /// Stored events of these customers.
    pub events: u64,
}

pub fn customers_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    customers: &CustomerList<'_>,
    query: &ListQuery<'_>,
) -> Markup {
    let statuses = &customers.statuses;
    let count = |s| statuses.get(&s).copied().unwrap_or(0);
    let total = customers.cards.len();
    let identified = customers
        .cards
        .iter()
        .filter(|p| !p.user_ids.is_empty())
        .count();
    let feedback = customers.answers;
    let runs = &customers.runs;
    let needle = query.q.trim().to_lowercase();
    let shown: Vec<&Card> = customers
        .cards
        .iter()
        .copied()
        .filter(|p| query.status.is_none_or(|s| p.status == s))
        .filter(|p| {
            needle.is_empty()
                || p.all_ids().any(|id| id.to_lowercase().contains(&needle))
                || p.name.to_lowercase().contains(&needle)
                || needle.contains('@')
                    && contact(&p.traits())
                        .0
                        .is_some_and(|e| e.to_lowercase().contains(&needle))
        })
        .collect();
    let pages = shown.len().div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let lead = ctx.tr.ta(
        "page-customers-lead",
        &[("events", ctx.tr.number(customers.events as f64, 0).into())],
    );
    let list_url = |status: Option<LifecycleStatus>, page: usize| {
        let mut url = ctx.ws_url("/customers?");
        if let Some(s) = status {
            url.push_str(&format!("status={}&", s.as_str()));
        }
        if !query.q.is_empty() {
            url.push_str(&format!("q={}&", urlencode(query.q)));
        }
        url.push_str(&format!("page={page}"));
        url
    };
    html! {
        link rel="stylesheet" href="/assets/people.css";
        (page_head(&ctx.t("page-customers-title"), Some(&lead), html! {
            a.btn.secondary.small href=(ctx.ws_url("/sources")) { (ctx.t("nav-sources")) }
        }))
        @if total == 0 {
            section.card {
                p { (ctx.t("page-customers-none")) }
                p { a href=(ctx.ws_url("/sources")) { (ctx.t("page-customers-none-action")) } }
            }
        } @else {
            ul.stats {
                li { a href=(list_url(None, 1)) { strong { (ctx.tr.number(total as f64, 0)) } span { (ctx.t("page-customers-total")) } } }
                li { a href=(list_url(None, 1)) { strong { (ctx.tr.number(100.0 * identified as f64 / total as f64, 0)) " %" } span { (ctx.t("page-customers-identified")) } } }
                @for s in [LifecycleStatus::Active, LifecycleStatus::Churned, LifecycleStatus::Prospect] {
                    li { a href=(list_url(Some(s), 1)) { strong { (ctx.tr.number(count(s) as f64, 0)) } span { (ctx.t(&format!("page-life-{}-plural", s.as_str()))) } } }
                }
                li { a href="#runs" { strong { (ctx.tr.number(feedback as f64, 0)) } span { (ctx.t("page-customers-feedback")) } } }
            }
            section.card #runs {
                h2 { (ctx.t("page-customers-runs")) }
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("page-customers-journey")) }
                        th.num { (ctx.t("page-customers-runs-total")) }
                        th.num { (ctx.t("page-run-active")) }
                        th.num { (ctx.t("page-run-completed")) }
                        th.num { (ctx.t("page-run-abandoned")) }
                        th.num { (ctx.t("page-customers-completion-rate")) }
                    } }
                    tbody {
                        @for j in ws.journeys.iter().filter(|j| j.state == stig_model::JourneyState::AsIs) {
                            @let by = runs.get(&j.id);
                            @let n = |s: InstanceStatus| by.and_then(|b| b.get(&s)).copied().unwrap_or(0);
                            @let all = n(InstanceStatus::Active) + n(InstanceStatus::Completed) + n(InstanceStatus::Abandoned);
                            @let ended = n(InstanceStatus::Completed) + n(InstanceStatus::Abandoned);
                            tr {
                                td { a href=(journey_url(ctx, &j.id)) { (j.name) } }
                                td.num { (ctx.tr.number(all as f64, 0)) }
                                td.num { (ctx.tr.number(n(InstanceStatus::Active) as f64, 0)) }
                                td.num { (ctx.tr.number(n(InstanceStatus::Completed) as f64, 0)) }
                                td.num { (ctx.tr.number(n(InstanceStatus::Abandoned) as f64, 0)) }
                                td.num {
                                    @if ended > 0 {
                                        (ctx.tr.number(100.0 * n(InstanceStatus::Completed) as f64 / ended as f64, 0)) " %"
                                    } @else { "–" }
                                }
                            }
                        }
                    }
                }
                p.hint { (ctx.t("page-customers-runs-hint")) }
            }
            section.card {
                form.search method="get" action=(ctx.ws_url("/customers")) {
                    @if let Some(s) = query.status { input type="hidden" name="status" value=(s.as_str()); }
                    label.visually-hidden for="q" { (ctx.t("page-customers-search")) }
                    input #q type="search" name="q" value=(query.q) placeholder=(ctx.t("page-customers-search"));
                    button.btn.small type="submit" { (ctx.t("action-search")) }
                    @if query.status.is_some() || !query.q.is_empty() {
                        a.btn.small.secondary href=(ctx.ws_url("/customers")) { (ctx.t("action-clear")) }
                    }
                }
                @if shown.is_empty() {
                    (empty(ctx, "page-customers-no-match"))
                } @else {
                    table.data.compact.customers {
                        thead { tr {
                            th { (ctx.t("page-customers-customer")) }
                            th { (ctx.t("page-customers-status")) }
                            th { (ctx.t("page-customers-first-seen")) }
                            th { (ctx.t("page-customers-last-seen")) }
                            th.num { (ctx.t("page-customers-events")) }
                            th.num { (ctx.t("page-customers-runs-total")) }
                            th.num { (ctx.t("page-profile-feedback")) }
                        } }
                        tbody {
                            @for p in shown.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE) {
                                tr {
                                    @let (label, detail) = card_label(p);
                                    td {
                                        a.who-name href=(customer_url(ctx, &p.id)) { (label) }
                                        @if let Some(d) = detail { span.who-contact { (d) } }
                                        @else if label != p.id { span.who-contact { (p.id) } }
                                    }
                                    td { (status_badge(ctx, p.status)) }
                                    td { (when(ctx, p.first_seen)) }
                                    td { (when(ctx, p.last_seen)) }
                                    td.num { (ctx.tr.number(p.events as f64, 0)) }
                                    td.num { (p.runs) }
                                    td.num { (p.answers) }
                                }
                            }
                        }
                    }
                    @if pages > 1 {
                        nav.pager {
                            @if page > 1 { a.btn.small.secondary href=(list_url(query.status, page - 1)) { "← " (ctx.t("action-previous")) } }
                            span { (ctx.tr.ta("page-customers-page", &[("page", (page as f64).into()), ("pages", (pages as f64).into())])) }
                            @if page < pages { a.btn.small.secondary href=(list_url(query.status, page + 1)) { (ctx.t("action-next")) " →" } }
                        }
                    }
                }
            }
        }
    }
}
