//! Business moments: the list (what each moment does, in words, with its counts), one moment
//! (its definition, the backtest over the stored history and the live activity log with
//! retries), the deliveries (dead letters to replay), tasks for staff and workspace secrets.

use std::collections::{BTreeMap, HashMap};

use maud::{Markup, PreEscaped, html};
use stig_model::{Action, Conditions, Limits, MilestoneKind, Moment, Trigger, Workspace};
use stig_pipeline::moments::Backtest;
use stig_runtime::moments::EmailPreview;
use stig_store::{
    Attempt, Delivery, DeliveryStatus, Firing, MomentCounts, SecretInfo, Task, TaskStatus,
};

use super::customers::{customer_url, when};
use super::forms::moment::format_value;
use super::parts::{channel_label, edit_button, empty, new_button, page_head, survey_label};
use super::{PageCtx, urlencode};

/// A few rules the shared style sheets do not have, scoped to the moments pages.
const STYLE: &str = r#"
.mo-stats{display:flex;flex-wrap:wrap;gap:.75rem;margin:0 0 1rem}
.mo-stat{flex:1 1 8rem;background:#fff;border:1px solid #e3e7ec;border-radius:10px;padding:.6rem .9rem}
.mo-stat b{display:block;font-size:1.5rem;line-height:1.2}
.mo-stat span{color:#5b6573;font-size:.8rem}
.mo-stat.bad b{color:#b42318}
.mo-stat.ok b{color:#17613f}
.mo-badges{display:flex;flex-wrap:wrap;gap:.25rem}
.mo-sub{color:#5b6573;font-size:.85rem;margin-top:.15rem}
.mo-firings{list-style:none;margin:0;padding:0}
.mo-firings>li{border-top:1px solid #eef1f4;padding:.6rem 0}
.mo-firings>li:first-child{border-top:0}
.mo-firing-head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.mo-deliveries{width:100%;margin:.35rem 0 0;font-size:.88rem}
.mo-deliveries td{padding:.2rem .5rem .2rem 0;vertical-align:top}
.mo-error{color:#b42318;font-size:.82rem;word-break:break-word}
.mo-inline{display:inline-flex;gap:.35rem;align-items:center;margin:0}
.mo-inline input[type=text]{width:9rem;padding:.2rem .4rem}
.mo-defs dt{font-weight:600;margin-top:.5rem}
.mo-defs dd{margin:0 0 .25rem}
.mo-week{display:block;max-width:100%;height:auto}
.mo-once{border:2px solid #17613f}
.mo-kinds{display:flex;flex-wrap:wrap;gap:1rem;margin-bottom:.5rem}
fieldset.mo-kind,fieldset.mo-action{border:1px solid #e3e7ec;border-radius:8px;padding:.5rem .9rem .8rem;margin:.5rem 0}
.mo-filter{display:flex;gap:.35rem;flex-wrap:wrap;margin:0 0 1rem}
.mo-filter a.current{background:#14263b;color:#fff}
tr.mo-done td{opacity:.6}
td.mo-bad{color:#b42318;font-weight:700}
.mo-nowrap{white-space:nowrap}
[data-kind][hidden],[data-trigger][hidden]{display:none!important}
.form-page .form-grid{align-items:start}
.form-page .form-grid>*{min-width:0}
.form-page select{max-width:100%;width:100%}
.mo-enable{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0 0;padding:.75rem 1rem;border:1px solid #c7dccf;background:#f1f8f4;border-radius:10px}
.mo-enable p{margin:0;flex:1 1 16rem}
.mo-enable.none{border-color:#e8d9b5;background:#fdf8ec}
.mo-mail{border:1px solid #e3e7ec;border-radius:8px;padding:.6rem .9rem;margin:.5rem 0;background:#fff}
.mo-mail-head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;justify-content:space-between}
.mo-mail pre{white-space:pre-wrap;word-break:break-word;font:inherit;margin:.4rem 0 0;background:#f7f9fb;padding:.5rem .7rem;border-radius:6px}
.mo-mail dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:.3rem 0 0;font-size:.9rem}
.mo-mail dt{color:#5b6573}
.mo-mail dd{margin:0;word-break:break-word}
form.stack label.check>input{width:auto;flex:none}
.mo-warn{color:#8a5a00;font-size:.82rem}
.mo-warn[hidden]{display:none}
.mo-pick{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin:.3rem 0 0}
.mo-pick select{width:auto;max-width:100%;flex:1 1 12rem}
.mo-contact{display:flex;flex-wrap:wrap;gap:.15rem .6rem;font-size:.88rem}
.mo-contact a{white-space:nowrap}
.mo-tasks{list-style:none;margin:0;padding:0}
.mo-tasks>li{border-top:1px solid #eef1f4;padding:.75rem 0;display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.5rem 1rem;align-items:start}
.mo-tasks>li:first-child{border-top:0}
.mo-tasks>li.mo-done{opacity:.65}
.mo-task-main h3{font-size:1rem;margin:.15rem 0}
.mo-task-meta{color:#5b6573;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.15rem .75rem;margin-top:.25rem}
.mo-task-do{display:flex;flex-direction:column;gap:.4rem;align-items:stretch;min-width:9rem}
.mo-task-do .btn{text-align:center}
.mo-task-do form{margin:0}
.mo-task-do .mo-inline input[type=text]{flex:1 1 6rem;width:auto;min-width:0}
@media (max-width:640px){
 .mo-tasks>li{grid-template-columns:1fr}
 .mo-task-do{flex-direction:row;flex-wrap:wrap;min-width:0}
 .mo-task-do>form:first-child{flex:1 1 100%}
 .mo-task-do .btn{min-height:2.75rem;padding-left:1rem;padding-right:1rem}
 .mo-task-do form.mo-done-form{flex:1 1 100%}
 .mo-task-do form.mo-done-form .btn{width:100%}
}
"#;

/// The style block of the moments pages.
pub fn style() -> Markup {
    html! { style { (PreEscaped(STYLE)) } }
}

pub fn moment_url(ctx: &PageCtx<'_>, id: &str) -> String {
    ctx.ws_url(&format!("/moments/{}", urlencode(id)))
}

fn n(ctx: &PageCtx<'_>, v: u64) -> String {
    ctx.tr.number(v as f64, 0)
}

/// An offset as words: `2d` → "2 days", `-12h` → "12 hours" (the sign is for the sentence).
fn offset_words(ctx: &PageCtx<'_>, offset: &str) -> Option<(bool, String)> {
    let secs = stig_model::parse_offset(offset).ok()?;
    let before = secs < 0;
    let s = secs.unsigned_abs();
    let (key, count) = if s % 86_400 == 0 {
        ("moments-days", s / 86_400)
    } else if s % 3_600 == 0 {
        ("moments-hours", s / 3_600)
    } else {
        ("moments-minutes", s / 60)
    };
    Some((
        before,
        ctx.tr.ta(
            key,
            &[
                ("n", (count as f64).into()),
                ("count", n(ctx, count).into()),
            ],
        ),
    ))
}

/// What triggers a moment, as one sentence.
pub fn trigger_summary(ctx: &PageCtx<'_>, ws: &Workspace, t: &Trigger) -> String {
    match t {
        Trigger::Event { event, conditions } => {
            if conditions.is_empty() {
                ctx.tr
                    .ta("moments-sum-event", &[("event", event.clone().into())])
            } else {
                let with = conditions
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", format_value(v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                ctx.tr.ta(
                    "moments-sum-event-where",
                    &[("event", event.clone().into()), ("where", with.into())],
                )
            }
        }
        Trigger::Milestone {
            journey,
            milestone,
            phase,
            step,
            offset,
            date_property,
        } => {
            let j = ws.journey(journey);
            let jname = j.map_or_else(|| journey.clone(), |j| j.name.clone());
            let place = match (phase, step) {
                (_, Some(s)) => {
                    let sname = j
                        .and_then(|j| j.steps.iter().find(|x| x.id == *s))
                        .map_or_else(|| s.clone(), |x| x.action.clone());
                    ctx.tr.ta(
                        "moments-place-step",
                        &[("step", sname.into()), ("journey", jname.into())],
                    )
                }
                (Some(p), None) => {
                    let pname = j
                        .and_then(|j| j.phases.iter().find(|x| x.id == *p))
                        .map_or_else(|| p.clone(), |x| x.name.clone());
                    ctx.tr.ta(
                        "moments-place-phase",
                        &[("phase", pname.into()), ("journey", jname.into())],
                    )
                }
                (None, None) => ctx
                    .tr
                    .ta("moments-place-journey", &[("journey", jname.into())]),
            };
            let m = match milestone {
                MilestoneKind::Enter => "enter",
                MilestoneKind::Complete => "complete",
                MilestoneKind::Abandon => "abandon",
            };
            match offset.as_deref().and_then(|o| offset_words(ctx, o)) {
                Some((true, words)) => ctx.tr.ta(
                    &format!("moments-sum-{m}-before"),
                    &[
                        ("offset", words.into()),
                        ("place", place.into()),
                        ("property", date_property.clone().unwrap_or_default().into()),
                    ],
                ),
                Some((false, words)) => ctx.tr.ta(
                    &format!("moments-sum-{m}-after"),
                    &[("offset", words.into()), ("place", place.into())],
                ),
                None => ctx
                    .tr
                    .ta(&format!("moments-sum-{m}"), &[("place", place.into())]),
            }
        }
        Trigger::Inactivity { days } => ctx.tr.ta(
            "moments-sum-inactivity",
            &[
                ("n", f64::from(*days).into()),
                ("days", n(ctx, u64::from(*days)).into()),
            ],
        ),
        Trigger::Feedback {
            score,
            touchpoint,
            at_most,
            at_least,
        } => {
            let score_name = survey_label(ctx, *score);
            let num = |v: f64| {
                let d = if v.fract() == 0.0 { 0 } else { 1 };
                ctx.tr.number(v, d)
            };
            let text = match (at_least, at_most) {
                (Some(lo), Some(hi)) => ctx.tr.ta(
                    "moments-sum-feedback-between",
                    &[
                        ("score", score_name.into()),
                        ("low", num(*lo).into()),
                        ("high", num(*hi).into()),
                    ],
                ),
                (Some(lo), None) => ctx.tr.ta(
                    "moments-sum-feedback-at-least",
                    &[("score", score_name.into()), ("value", num(*lo).into())],
                ),
                (None, Some(hi)) => ctx.tr.ta(
                    "moments-sum-feedback-at-most",
                    &[("score", score_name.into()), ("value", num(*hi).into())],
                ),
                (None, None) => ctx
                    .tr
                    .ta("moments-sum-feedback-any", &[("score", score_name.into())]),
            };
            match touchpoint {
                Some(tp) => {
                    let name = ws
                        .touchpoint(tp)
                        .map_or_else(|| tp.clone(), |t| t.name.clone());
                    ctx.tr.ta(
                        "moments-sum-at-touchpoint",
                        &[("text", text.into()), ("touchpoint", name.into())],
                    )
                }
                None => text,
            }
        }
    }
}

/// Who a moment is for, as short parts ("Family travellers", "in Booking", "via web", "tier = gold").
pub fn conditions_summary(ctx: &PageCtx<'_>, ws: &Workspace, c: &Conditions) -> Vec<String> {
    let mut parts = Vec::new();
    if !c.personas.is_empty() {
        let names: Vec<String> = c
            .personas
            .iter()
            .map(|p| ws.persona(p).map_or_else(|| p.clone(), |x| x.name.clone()))
            .collect();
        parts.push(ctx.tr.ta(
            "moments-cond-personas",
            &[("personas", names.join(", ").into())],
        ));
    }
    if !c.phases.is_empty() {
        let names: Vec<String> = c
            .phases
            .iter()
            .map(|p| {
                ws.journeys
                    .iter()
                    .flat_map(|j| &j.phases)
                    .find(|x| x.id == *p)
                    .map_or_else(|| p.clone(), |x| x.name.clone())
            })
            .collect();
        parts.push(ctx.tr.ta(
            "moments-cond-phases",
            &[("phases", names.join(", ").into())],
        ));
    }
    if !c.channels.is_empty() {
        let names: Vec<String> = c.channels.iter().map(|ch| channel_label(ctx, ch)).collect();
        parts.push(ctx.tr.ta(
            "moments-cond-channels",
            &[("channels", names.join(", ").into())],
        ));
    }
    let traits = super::forms::moment::format_traits(&c.traits);
    if !traits.is_empty() {
        parts.push(traits.lines().collect::<Vec<_>>().join(", "));
    }
    parts
}

/// A moment's limits in words.
fn limits_summary(ctx: &PageCtx<'_>, l: &Limits) -> Vec<String> {
    let mut parts = Vec::new();
    if l.once_per_run {
        parts.push(ctx.t("moments-limit-once-per-run"));
    }
    if let Some(max) = l.max_per_customer {
        let args = [
            ("n", f64::from(max).into()),
            ("max", n(ctx, u64::from(max)).into()),
            (
                "days",
                l.period_days
                    .map(|d| n(ctx, u64::from(d)))
                    .unwrap_or_default()
                    .into(),
            ),
        ];
        parts.push(match l.period_days {
            Some(_) => ctx.tr.ta("moments-limit-max-period", &args),
            None => ctx.tr.ta("moments-limit-max", &args),
        });
    }
    if let Some(q) = &l.quiet_hours {
        parts.push(
            ctx.tr.ta(
                "moments-limit-quiet",
                &[
                    ("from", q.from.clone().into()),
                    ("to", q.to.clone().into()),
                    (
                        "timezone",
                        q.timezone
                            .clone()
                            .unwrap_or_else(|| ctx.t("moments-limit-workspace-tz"))
                            .into(),
                    ),
                ],
            ),
        );
    }
    parts
}

pub fn action_badge(ctx: &PageCtx<'_>, kind: &str) -> Markup {
    html! { span.badge.survey { (ctx.t(&format!("moments-action-{kind}"))) } }
}

pub fn status_badge(ctx: &PageCtx<'_>, status: DeliveryStatus) -> Markup {
    let class = match status {
        DeliveryStatus::Pending => "badge warning",
        DeliveryStatus::Delivered => "badge run-completed",
        DeliveryStatus::Dead => "badge error",
    };
    html! { span class=(class) { (ctx.t(&format!("moments-status-{}", status.as_str()))) } }
}

fn enabled_badge(ctx: &PageCtx<'_>, enabled: bool) -> Markup {
    html! {
        @if enabled { span.badge.life-active { (ctx.t("moments-enabled")) } }
        @else { span.badge.dominated { (ctx.t("moments-disabled")) } }
    }
}

/// The links to the moments' side pages.
fn side_links(ctx: &PageCtx<'_>) -> Markup {
    html! {
        a.btn.secondary.small href=(ctx.ws_url("/tasks")) { (ctx.t("moments-tasks-title")) }
        " "
        a.btn.secondary.small href=(ctx.ws_url("/deliveries")) { (ctx.t("moments-deliveries-title")) }
        " "
        @if ctx.can_edit {
            a.btn.secondary.small href=(ctx.ws_url("/secrets")) { (ctx.t("moments-secrets-title")) }
            " "
        }
        a.btn.secondary.small href=(ctx.ws_url("/tracking-plan")) { (ctx.t("moments-tracking-plan")) }
    }
}

pub fn moments_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    counts: &HashMap<String, MomentCounts>,
) -> Markup {
    html! {
        (style())
        (page_head(&ctx.t("moments-title"), Some(&ctx.t("moments-lead")), html! {
            (side_links(ctx))
            " "
            (new_button(ctx, &ctx.ws_url("/moments/new"), "moments-new"))
        }))
        section.card {
            @if ws.moments.is_empty() {
                (empty(ctx, "moments-none"))
                p.hint { (ctx.t("moments-none-hint")) }
            } @else {
                div.table-scroll {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("moments-col-moment")) }
                        th { (ctx.t("moments-col-when")) }
                        th { (ctx.t("moments-col-actions")) }
                        th { (ctx.t("moments-col-state")) }
                        th.num { (ctx.t("moments-col-fired")) }
                        th.num { (ctx.t("moments-status-delivered")) }
                        th.num { (ctx.t("moments-status-pending")) }
                        th.num { (ctx.t("moments-status-dead")) }
                        th.num { (ctx.t("moments-status-suppressed")) }
                        th { (ctx.t("moments-col-last-fired")) }
                    } }
                    tbody {
                        @for m in &ws.moments {
                            @let c = counts.get(&m.id).copied().unwrap_or_default();
                            @let conds = conditions_summary(ctx, ws, &m.conditions);
                            tr {
                                td {
                                    a href=(moment_url(ctx, &m.id)) { strong { (m.name) } }
                                    br; code.small { (m.id) }
                                    @if !m.description.is_empty() { div.mo-sub { (m.description) } }
                                }
                                td {
                                    (trigger_summary(ctx, ws, &m.trigger))
                                    @if !conds.is_empty() { div.mo-sub { (ctx.t("moments-only-for")) " " (conds.join(" · ")) } }
                                }
                                td { div.mo-badges { @for a in &m.actions { (action_badge(ctx, a.kind())) } } }
                                td { (enabled_badge(ctx, m.enabled)) }
                                td.num { (n(ctx, c.fired)) }
                                td.num { (n(ctx, c.delivered)) }
                                td.num { (n(ctx, c.pending)) }
                                td class=(if c.dead > 0 { "num mo-bad" } else { "num" }) { (n(ctx, c.dead)) }
                                td.num { (n(ctx, c.suppressed)) }
                                td.mo-nowrap { @match c.last_fired { Some(t) => (when(ctx, t)), None => span.muted { (ctx.t("moments-never")) } } }
                            }
                        }
                    }
                }
                }
            }
        }
    }
}

fn stats(ctx: &PageCtx<'_>, c: &MomentCounts) -> Markup {
    html! {
        div.mo-stats {
            div.mo-stat { b { (n(ctx, c.fired)) } span { (ctx.t("moments-col-fired")) } }
            div.mo-stat.ok { b { (n(ctx, c.delivered)) } span { (ctx.t("moments-status-delivered")) } }
            div.mo-stat { b { (n(ctx, c.pending)) } span { (ctx.t("moments-status-pending")) } }
            div class=(if c.dead > 0 { "mo-stat bad" } else { "mo-stat" }) { b { (n(ctx, c.dead)) } span { (ctx.t("moments-status-dead")) } }
            div.mo-stat title=(ctx.t("moments-suppressed-hint")) { b { (n(ctx, c.suppressed)) } span { (ctx.t("moments-status-suppressed")) } }
            div.mo-stat { b style="font-size:1rem;padding:.35rem 0" { @match c.last_fired { Some(t) => (when(ctx, t)), None => (ctx.t("moments-never")) } } span { (ctx.t("moments-col-last-fired")) } }
        }
    }
}

/// One action of a moment, described.
fn action_text(ctx: &PageCtx<'_>, ws: &Workspace, a: &Action) -> Markup {
    html! {
        (action_badge(ctx, a.kind())) " "
        (crate::views::consent::purpose_pill(ctx, a)) " "
        @match a {
            Action::Webhook { url, secret, .. } => {
                code { (url) } " " span.muted.small { (ctx.tr.ta("moments-signed-with", &[("secret", secret.clone().into())])) }
            }
            Action::Email { to, subject, .. } => {
                @let to = if to == "customer" { ctx.t("moments-to-customer") } else { to.clone() };
                (ctx.tr.ta("moments-email-to", &[("to", to.into())]))
                @if let Some(s) = subject.get(ctx.tr.locale.code()).or_else(|| subject.get("en")).or_else(|| subject.values().next()) {
                    ": " q { (s) }
                }
            }
            Action::Survey { touchpoint, .. } => {
                @let name = ws.touchpoint(touchpoint).map_or_else(|| touchpoint.clone(), |t| t.name.clone());
                (ctx.tr.ta("moments-survey-of", &[("touchpoint", name.into())]))
            }
            Action::Task { title, assignee, .. } => {
                q { (title) }
                @if let Some(a) = assignee { " " span.muted.small { "→ " (a) } }
            }
        }
    }
}

/// Each email action's texts rendered for a sample customer, per language.
#[derive(Default)]
pub struct EmailPreviews {
    /// Whom the sample is (a name, else an id).
    pub customer: String,
    /// (action number, its previews in each language).
    pub actions: Vec<(usize, Vec<EmailPreview>)>,
}

/// A switch button: enable (with what the backtest found, or none: the server asks first)
/// or disable.
fn enable_form(
    ctx: &PageCtx<'_>,
    m: &Moment,
    backtested: Option<&str>,
    label: &str,
    quiet: bool,
) -> Markup {
    html! {
        @if ctx.can_edit {
            form.mo-inline method="post" action={(moment_url(ctx, &m.id)) "/enable"} {
                input type="hidden" name="csrf" value=(ctx.csrf);
                @if m.enabled {
                    button.btn.small.secondary type="submit" name="do" value="disable" { (ctx.t("moments-disable")) }
                } @else {
                    @if let Some(b) = backtested { input type="hidden" name="backtested" value=(b); }
                    button.btn.small type="submit" name="do" value="enable" class=[quiet.then_some("secondary")] { (label) }
                }
            }
        }
    }
}

/// The email previews section.
fn email_section(ctx: &PageCtx<'_>, m: &Moment, previews: &EmailPreviews) -> Markup {
    let url = moment_url(ctx, &m.id);
    html! {
        section.card #emails {
            h2 { (ctx.t("moments-preview-title")) }
            p.hint { (ctx.tr.ta("moments-preview-lead", &[("customer", previews.customer.clone().into())])) }
            @for (i, langs) in &previews.actions {
                @if previews.actions.len() > 1 { h3 { (ctx.tr.ta("moments-form-action-n", &[("n", ((*i + 1) as f64).into())])) } }
                @for p in langs {
                    div.mo-mail lang=(p.language) {
                        div.mo-mail-head {
                            span.badge { (p.language) }
                            @if ctx.can_edit {
                                form.mo-inline method="post" action={(url) "/test-email"} {
                                    input type="hidden" name="csrf" value=(ctx.csrf);
                                    input type="hidden" name="action" value=(i);
                                    input type="hidden" name="lang" value=(p.language);
                                    button.btn.small.secondary type="submit" { "✉ " (ctx.t("moments-test-send")) }
                                }
                            }
                        }
                        dl {
                            dt { (ctx.t("moments-preview-to")) }
                            dd { @match &p.to { Some(to) => (to), None => span.mo-warn { (ctx.t("moments-preview-no-address")) } } }
                            dt { (ctx.t("moments-form-subject")) }
                            dd { strong { (p.subject) } }
                        }
                        pre { (p.text) }
                        @for e in &p.errors { p.mo-error { (e) } }
                    }
                }
            }
            p.hint { (ctx.t("moments-test-hint")) }
        }
    }
}

/// The page shown when a moment is switched on without a backtest: run one, or go ahead.
pub fn enable_confirm_page(ctx: &PageCtx<'_>, m: &Moment) -> Markup {
    let url = moment_url(ctx, &m.id);
    html! {
        (style())
        p.crumbs { a href=(url) { "← " (m.name) } }
        (page_head(&ctx.t("moments-enable-confirm-title"), None, html! {}))
        section.card {
            p { (ctx.tr.ta("moments-enable-confirm", &[("name", m.name.clone().into())])) }
            div.mo-enable.none {
                a.btn.small href={(url) "#backtest"} { (ctx.t("moments-enable-see-backtest")) }
                form.mo-inline method="post" action={(url) "/enable"} {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    input type="hidden" name="confirmed" value="1";
                    button.btn.small.secondary type="submit" name="do" value="enable" { (ctx.t("moments-enable-anyway")) }
                }
            }
        }
    }
}

/// The backtest as a page of its own (its URL opened directly).
pub fn backtest_standalone(ctx: &PageCtx<'_>, m: &Moment, panel: Markup) -> Markup {
    html! {
        (style())
        p.crumbs { a href=(moment_url(ctx, &m.id)) { "← " (m.name) } }
        (page_head(&ctx.t("moments-backtest"), Some(&m.name), html! {}))
        section.card #backtest { (panel) }
    }
}

pub fn moment_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    m: &Moment,
    counts: &MomentCounts,
    activity: &ActivityView<'_>,
    previews: &EmailPreviews,
) -> Markup {
    let url = moment_url(ctx, &m.id);
    let conds = conditions_summary(ctx, ws, &m.conditions);
    let limits = limits_summary(ctx, &m.limits);
    html! {
        (style())
        p.crumbs { a href=(ctx.ws_url("/moments")) { "← " (ctx.t("moments-title")) } }
        (page_head(&m.name, Some(&m.description), html! {
            (enabled_badge(ctx, m.enabled)) " "
            @if m.enabled { (enable_form(ctx, m, None, "", true)) " " }
            (edit_button(ctx, &format!("{url}/edit")))
        }))
        (stats(ctx, counts))
        section.card {
            h2 { (ctx.t("moments-definition")) }
            dl.mo-defs {
                dt { (ctx.t("moments-col-when")) }
                dd { (trigger_summary(ctx, ws, &m.trigger)) }
                dt { (ctx.t("moments-who")) }
                dd { @if conds.is_empty() { (ctx.t("moments-everyone")) } @else { (conds.join(" · ")) } }
                dt { (ctx.t("moments-limits")) }
                dd { @if limits.is_empty() { (ctx.t("moments-no-limits")) } @else { (limits.join(" · ")) } }
                dt { (ctx.t("moments-col-actions")) }
                dd {
                    @if m.actions.is_empty() { span.muted { (ctx.t("moments-no-actions")) } }
                    @else { ol { @for a in &m.actions { li { (action_text(ctx, ws, a)) } } } }
                }
            }
            @if !m.enabled {
                div.mo-enable.none {
                    p { (ctx.t("moments-disabled-hint")) }
                    (enable_form(ctx, m, None, &ctx.t("moments-enable-without"), true))
                }
            }
        }
        section.card #backtest {
            h2 { (ctx.t("moments-backtest")) }
            div hx-get={(url) "/backtest"} hx-trigger="load" hx-swap="innerHTML" {
                p.muted { (ctx.t("moments-backtest-running")) }
                noscript { a href={(url) "/backtest"} { (ctx.t("moments-backtest-open")) } }
            }
        }
        @if !previews.actions.is_empty() { (email_section(ctx, m, previews)) }
        section.card {
            h2 { (ctx.t("moments-activity")) " " span.live-dot title=(ctx.t("page-debugger-live")) {} }
            p.hint { (ctx.t("moments-activity-hint")) }
            div #activity hx-get={(url) "/activity"} hx-trigger="every 3s" data-hold-while-open hx-swap="innerHTML" {
                (activity_log(ctx, ws, activity))
            }
        }
    }
}

/// What the activity log shows: newest firings with their deliveries and attempts.
pub struct ActivityView<'a> {
    pub firings: &'a [Firing],
    /// Attempts per delivery id (only of deliveries tried at least once).
    pub attempts: &'a HashMap<i64, Vec<Attempt>>,
    /// Where a retry comes back to.
    pub back: &'a str,
    /// Show the moment's name on each firing (the customer profile, which mixes moments).
    pub show_moment: bool,
}

fn persona_name(ws: &Workspace, id: &str) -> String {
    ws.persona(id)
        .map_or_else(|| id.to_owned(), |p| p.name.clone())
}

fn moment_name(ws: &Workspace, id: &str) -> String {
    ws.moments
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| id.to_owned(), |m| m.name.clone())
}

/// A "Retry now" button for a dead or pending delivery (editors only).
fn retry_button(ctx: &PageCtx<'_>, d: &Delivery, back: &str) -> Markup {
    html! {
        @if ctx.can_edit && d.status != DeliveryStatus::Delivered {
            form.mo-inline method="post" action=(ctx.ws_url(&format!("/deliveries/{}/replay", d.id))) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                input type="hidden" name="next" value=(back);
                button.btn.small.secondary type="submit" { (ctx.t("moments-retry")) }
            }
        }
    }
}

fn attempts_list(ctx: &PageCtx<'_>, attempts: &[Attempt]) -> Markup {
    html! {
        details {
            summary { (ctx.tr.ta("moments-attempts-n", &[("n", (attempts.len() as f64).into())])) }
            ol.history {
                @for a in attempts {
                    li {
                        span.muted.small { (when(ctx, a.at)) } " "
                        @if a.ok { span.badge.run-completed { (ctx.t("moments-attempt-ok")) } }
                        @else { span.badge.error { (ctx.t("moments-attempt-failed")) } }
                        @if let Some(s) = a.status { " " code { (s) } }
                        " " span.muted.small { (a.duration_ms) " ms" }
                        @if let Some(e) = &a.error { " " span.mo-error { (e) } }
                    }
                }
            }
        }
    }
}

/// A table of deliveries (kind, status, attempts, error, next attempt, retry).
fn deliveries_rows(
    ctx: &PageCtx<'_>,
    deliveries: &[Delivery],
    attempts: &HashMap<i64, Vec<Attempt>>,
    back: &str,
) -> Markup {
    html! {
        table.mo-deliveries {
            tbody {
                @for d in deliveries {
                    tr {
                        td { (action_badge(ctx, &d.kind)) }
                        td { (status_badge(ctx, d.status)) }
                        td.small { (ctx.tr.ta("moments-attempts-count", &[("n", f64::from(d.attempts).into())])) }
                        td.small {
                            @match d.status {
                                DeliveryStatus::Pending => { (ctx.t("moments-next-attempt")) " " (when(ctx, d.next_attempt_at)) }
                                DeliveryStatus::Delivered => { @if let Some(t) = d.delivered_at { (ctx.t("moments-delivered-at")) " " (when(ctx, t)) } }
                                DeliveryStatus::Dead => {}
                            }
                            @if let Some(e) = &d.last_error { div.mo-error { (e) } }
                            @if let Some(list) = attempts.get(&d.id).filter(|l| !l.is_empty()) { (attempts_list(ctx, list)) }
                        }
                        td { (retry_button(ctx, d, back)) }
                    }
                }
            }
        }
    }
}

/// The part of a moment's page that refreshes itself (also the profile's moments section).
pub fn activity_log(ctx: &PageCtx<'_>, ws: &Workspace, v: &ActivityView<'_>) -> Markup {
    html! {
        @if v.firings.is_empty() {
            (empty(ctx, "moments-no-firings"))
        } @else {
            ol.mo-firings {
                @for f in v.firings {
                    li {
                        div.mo-firing-head {
                            span.muted.small { (when(ctx, f.fired_at)) }
                            @if v.show_moment {
                                a href=(moment_url(ctx, &f.moment)) { strong { (moment_name(ws, &f.moment)) } }
                            } @else {
                                a href=(customer_url(ctx, &f.customer)) { strong { (f.customer) } }
                            }
                            @if let Some(p) = &f.persona { span.pill { (persona_name(ws, p)) } }
                            @if when(ctx, f.at) != when(ctx, f.fired_at) { span.muted.small { (ctx.t("moments-occurred")) " " (when(ctx, f.at)) } }
                            @if let Some(s) = firing_summary(&f.context) { span.muted.small { (s) } }
                        }
                        (deliveries_rows(ctx, &f.deliveries, v.attempts, v.back))
                        (crate::views::consent::suppressed_rows(ctx, &f.suppressed))
                    }
                }
            }
        }
    }
}

/// A short line about what happened, from the firing's context (an event name, a score…).
fn firing_summary(context: &serde_json::Value) -> Option<String> {
    let trigger = context.get("trigger").unwrap_or(context);
    let pick = |k: &str| {
        trigger
            .get(k)
            .and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
    };
    let parts: Vec<String> = [
        "event",
        "journey",
        "step",
        "milestone",
        "score",
        "touchpoint",
    ]
    .iter()
    .filter_map(|k| pick(k))
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The backtest panel.
pub fn backtest_panel(ctx: &PageCtx<'_>, ws: &Workspace, m: &Moment, b: &Backtest) -> Markup {
    let span = match (b.from, b.to) {
        (Some(from), Some(to)) => Some((when(ctx, from), when(ctx, to))),
        _ => None,
    };
    let total: u64 = b.per_persona.values().sum();
    let found = format!("{}/{}", b.fired, b.customers);
    html! {
        @if !m.enabled && ctx.can_edit {
            div.mo-enable class=[(b.fired == 0).then_some("none")] {
                p {
                    @if b.fired == 0 { (ctx.t("moments-enable-found-none")) }
                    @else {
                        (ctx.tr.ta("moments-enable-found", &[
                            ("n", (b.fired as f64).into()),
                            ("fired", n(ctx, b.fired).into()),
                            ("m", (b.customers as f64).into()),
                            ("customers", n(ctx, b.customers).into()),
                        ]))
                    }
                }
                (enable_form(ctx, m, Some(&found), &ctx.t("moments-enable"), false))
            }
        }
        @match span {
            None => (empty(ctx, "moments-backtest-no-events")),
            Some((from, to)) => {
                p.lead {
                    (ctx.tr.ta("moments-backtest-summary", &[
                        ("from", from.into()),
                        ("to", to.into()),
                        ("events", n(ctx, b.events).into()),
                        ("n", (b.fired as f64).into()),
                        ("fired", n(ctx, b.fired).into()),
                        ("m", (b.customers as f64).into()),
                        ("customers", n(ctx, b.customers).into()),
                    ]))
                }
                (crate::views::consent::backtest_line(ctx, b))
                @if b.fired > 0 {
                    div.grid style="display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem" {
                        div {
                            h3 { (ctx.t("moments-backtest-per-week")) }
                            (week_chart(ctx, &b.per_week))
                        }
                        div {
                            h3 { (ctx.t("moments-backtest-per-persona")) }
                            table.data.compact {
                                thead { tr { th { (ctx.t("moments-persona")) } th.num { (ctx.t("moments-col-fired")) } th {} } }
                                tbody {
                                    @for (p, count) in by_count(&b.per_persona) {
                                        tr {
                                            td { @if p.is_empty() { span.muted { (ctx.t("moments-no-persona")) } } @else { (persona_name(ws, p)) } }
                                            td.num { (n(ctx, count)) }
                                            td style="width:40%" { span.severity { span.severity-bar.affinity style=(format!("width:{:.0}%", 100.0 * count as f64 / total.max(1) as f64)) {} } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    h3 { (ctx.t("moments-backtest-samples")) }
                    table.data.compact {
                        thead { tr { th { (ctx.t("moments-when")) } th { (ctx.t("moments-customer")) } th { (ctx.t("moments-persona")) } th { (ctx.t("moments-occurrence")) } } }
                        tbody {
                            @for s in &b.samples {
                                tr {
                                    td { (when(ctx, s.at)) }
                                    td { a href=(customer_url(ctx, &s.customer)) { (s.customer) } }
                                    td { @match &s.persona { Some(p) => (persona_name(ws, p)), None => span.muted { "–" } } }
                                    td { code.small { (s.occurrence) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Persona counts, most first (no persona last).
fn by_count(per_persona: &BTreeMap<String, u64>) -> Vec<(&str, u64)> {
    let mut rows: Vec<(&str, u64)> = per_persona.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    rows.sort_by_key(|(p, c)| (p.is_empty(), std::cmp::Reverse(*c)));
    rows
}

/// Firings per week as columns, with the first and last week and the highest count marked.
pub fn week_chart(ctx: &PageCtx<'_>, per_week: &BTreeMap<jiff::civil::Date, u64>) -> Markup {
    let (Some((first, _)), Some((last, _))) =
        (per_week.first_key_value(), per_week.last_key_value())
    else {
        return html! {};
    };
    // Every week from the first to the last, empty weeks included.
    let mut weeks = Vec::new();
    let mut d = *first;
    while d <= *last && weeks.len() < 1_000 {
        weeks.push((d, per_week.get(&d).copied().unwrap_or(0)));
        d = d.saturating_add(jiff::Span::new().days(7));
    }
    let max = weeks.iter().map(|w| w.1).max().unwrap_or(1).max(1);
    let (w, h, pad, foot) = (600.0, 160.0, 30.0, 20.0);
    let bw = (w - pad) / weeks.len() as f64;
    let plot = h - foot - 10.0;
    let title = ctx.t("moments-backtest-per-week");
    let mut bars = String::new();
    for (i, (day, count)) in weeks.iter().enumerate() {
        let bh = plot * *count as f64 / max as f64;
        bars.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2f6fb0\"><title>{} · {}</title></rect>",
            pad + i as f64 * bw + bw * 0.1,
            10.0 + plot - bh,
            (bw * 0.8).max(0.5),
            bh,
            super::parts::xml_escape(&ctx.tr.date(*day)),
            count
        ));
    }
    let svg = format!(
        "<svg class=\"mo-week\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\" style=\"font:11px system-ui,sans-serif\">\
<line x1=\"{pad}\" y1=\"{base:.1}\" x2=\"{w}\" y2=\"{base:.1}\" stroke=\"#c9d1da\"/>\
<text x=\"{tx}\" y=\"16\" text-anchor=\"end\" fill=\"#5b6573\">{max}</text>\
<text x=\"{tx}\" y=\"{base:.1}\" text-anchor=\"end\" fill=\"#5b6573\">0</text>\
{bars}\
<text x=\"{pad}\" y=\"{h}\" fill=\"#5b6573\">{a}</text>\
<text x=\"{w}\" y=\"{h}\" text-anchor=\"end\" fill=\"#5b6573\">{b}</text></svg>",
        t = super::parts::xml_escape(&title),
        base = 10.0 + plot,
        tx = pad - 4.0,
        a = super::parts::xml_escape(&ctx.tr.date(*first)),
        b = super::parts::xml_escape(&ctx.tr.date(*last)),
    );
    html! { div.chart { (PreEscaped(svg)) } }
}

/// The deliveries page: one status (dead by default: the dead letters) or all.
pub fn deliveries_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    status: Option<DeliveryStatus>,
    deliveries: &[Delivery],
    attempts: &HashMap<i64, Vec<Attempt>>,
    back: &str,
) -> Markup {
    let filters: [(&str, Option<DeliveryStatus>, &str); 4] = [
        ("dead", Some(DeliveryStatus::Dead), "moments-status-dead"),
        (
            "pending",
            Some(DeliveryStatus::Pending),
            "moments-status-pending",
        ),
        (
            "delivered",
            Some(DeliveryStatus::Delivered),
            "moments-status-delivered",
        ),
        ("all", None, "moments-all"),
    ];
    html! {
        (style())
        p.crumbs { a href=(ctx.ws_url("/moments")) { "← " (ctx.t("moments-title")) } }
        (page_head(&ctx.t("moments-deliveries-title"), Some(&ctx.t("moments-deliveries-lead")), html! {}))
        nav.mo-filter {
            @for (value, s, key) in filters {
                a.btn.small.secondary href={(ctx.ws_url("/deliveries")) "?status=" (value)} class=[(s == status).then_some("current")] { (ctx.t(key)) }
            }
        }
        section.card {
            @if deliveries.is_empty() {
                (empty(ctx, if status == Some(DeliveryStatus::Dead) { "moments-no-dead" } else { "moments-no-deliveries" }))
            } @else {
                div.table-scroll {
                table.data.compact {
                    thead { tr {
                        th { (ctx.t("moments-when")) }
                        th { (ctx.t("moments-col-moment")) }
                        th { (ctx.t("moments-customer")) }
                        th { (ctx.t("moments-delivery")) }
                        th { (ctx.t("moments-col-state")) }
                        th.num { (ctx.t("moments-attempts")) }
                        th { (ctx.t("moments-details")) }
                        th {}
                    } }
                    tbody {
                        @for d in deliveries {
                            tr {
                                td { (when(ctx, d.created_at)) }
                                td { a href=(moment_url(ctx, &d.moment)) { (moment_name(ws, &d.moment)) } }
                                td { a href=(customer_url(ctx, &d.customer)) { (d.customer) } }
                                td { (action_badge(ctx, &d.kind)) }
                                td { (status_badge(ctx, d.status)) }
                                td.num { (d.attempts) }
                                td.small {
                                    @if d.status == DeliveryStatus::Pending { (ctx.t("moments-next-attempt")) " " (when(ctx, d.next_attempt_at)) }
                                    @if let Some(t) = d.delivered_at { (ctx.t("moments-delivered-at")) " " (when(ctx, t)) }
                                    @if let Some(e) = &d.last_error { div.mo-error { (e) } }
                                    @if let Some(list) = attempts.get(&d.id).filter(|l| !l.is_empty()) { (attempts_list(ctx, list)) }
                                }
                                td { (retry_button(ctx, d, back)) }
                            }
                        }
                    }
                }
                }
            }
        }
    }
}

/// Who a task is about and where (from the customer's traits, else the task's delivery).
#[derive(Debug, Clone, Default)]
pub struct TaskPerson {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub touchpoint: Option<String>,
    pub touchpoint_name: Option<String>,
}

/// Per task id.
pub type TaskPeople = HashMap<i64, TaskPerson>;

/// A phone number as a `tel:` link target: digits and a leading `+` only.
fn tel(phone: &str) -> String {
    phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect()
}

/// Tasks for staff: open first, each naming the customer (with a number to call and an
/// address to write to) and the touchpoint, to assign and close; one card per task so the
/// "Done" button stays in reach on a phone.
pub fn tasks_page(
    ctx: &PageCtx<'_>,
    ws: &Workspace,
    tasks: &[Task],
    people: &TaskPeople,
) -> Markup {
    let open = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Open)
        .count();
    let none = TaskPerson::default();
    html! {
        (style())
        p.crumbs { a href=(ctx.ws_url("/moments")) { "← " (ctx.t("moments-title")) } }
        (page_head(&ctx.t("moments-tasks-title"), Some(&ctx.tr.ta("moments-tasks-lead", &[("n", (open as f64).into())])), html! {}))
        section.card {
            @if tasks.is_empty() {
                (empty(ctx, "moments-no-tasks"))
            } @else {
                ul.mo-tasks {
                    @for t in tasks {
                        @let action = ctx.ws_url(&format!("/tasks/{}", t.id));
                        @let who = people.get(&t.id).unwrap_or(&none);
                        @let tp_name = who.touchpoint.as_deref().and_then(|id| ws.touchpoint(id)).map(|x| x.name.clone()).or_else(|| who.touchpoint_name.clone());
                        li class=[(t.status == TaskStatus::Done).then_some("mo-done")] {
                            div.mo-task-main {
                                @if t.status == TaskStatus::Open { span.badge.warning { (ctx.t("moments-task-open")) } }
                                @else { span.badge.run-completed { (ctx.t("moments-task-done")) } }
                                h3 { (t.title) }
                                @if !t.body.is_empty() { div.mo-sub { (t.body) } }
                                div.mo-contact {
                                    a href=(customer_url(ctx, &t.customer)) { strong { (who.name.clone().unwrap_or_else(|| t.customer.clone())) } }
                                    @if let Some(p) = &who.phone { a href={"tel:" (tel(p))} { "☎ " (p) } }
                                    @if let Some(e) = &who.email { a href={"mailto:" (e)} { "✉ " (e) } }
                                    @if who.phone.is_none() && who.email.is_none() { span.muted { (ctx.t("moments-task-no-contact")) } }
                                }
                                div.mo-task-meta {
                                    @if let Some(tp) = &tp_name { span { (ctx.t("moments-task-touchpoint")) " " strong { (tp) } } }
                                    span { a href=(moment_url(ctx, &t.moment)) { (moment_name(ws, &t.moment)) } }
                                    span { (when(ctx, t.created_at)) }
                                    @if let Some(d) = t.done_at { span { (ctx.t("moments-task-done")) " " (when(ctx, d)) } }
                                    @if !ctx.can_edit { span { (ctx.t("moments-assignee")) ": " @match &t.assignee { Some(a) => (a), None => (ctx.t("moments-nobody")) } } }
                                }
                            }
                            @if ctx.can_edit {
                                div.mo-task-do {
                                    form.mo-inline.mo-done-form method="post" action=(action) {
                                        input type="hidden" name="csrf" value=(ctx.csrf);
                                        @if t.status == TaskStatus::Open {
                                            button.btn.small type="submit" name="do" value="done" { "✓ " (ctx.t("moments-mark-done")) }
                                        } @else {
                                            button.btn.small.secondary type="submit" name="do" value="reopen" { (ctx.t("moments-reopen")) }
                                        }
                                    }
                                    form.mo-inline method="post" action=(action) {
                                        input type="hidden" name="csrf" value=(ctx.csrf);
                                        input type="text" name="assignee" value=(t.assignee.clone().unwrap_or_default()) placeholder=(ctx.t("moments-nobody")) aria-label=(ctx.t("moments-assignee"));
                                        button.btn.small.secondary type="submit" name="do" value="assign" { (ctx.t("moments-assign")) }
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

pub struct SecretsView<'a> {
    pub secrets: &'a [SecretInfo],
    /// A secret just generated: (name, value), shown this once.
    pub generated: Option<(&'a str, &'a str)>,
    pub error: Option<&'a str>,
}

/// Workspace secrets: names and when they changed, never values (except a generated one,
/// once).
pub fn secrets_page(ctx: &PageCtx<'_>, ws: &Workspace, v: &SecretsView<'_>) -> Markup {
    let used_by = |name: &str| -> Vec<&str> {
        ws.moments
            .iter()
            .filter(|m| {
                m.actions
                    .iter()
                    .any(|a| matches!(a, Action::Webhook { secret, .. } if secret == name))
            })
            .map(|m| m.name.as_str())
            .collect()
    };
    let missing: Vec<&str> = ws
        .moments
        .iter()
        .flat_map(|m| &m.actions)
        .filter_map(|a| match a {
            Action::Webhook { secret, .. } => Some(secret.as_str()),
            _ => None,
        })
        .filter(|s| !v.secrets.iter().any(|x| x.name == *s))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    html! {
        (style())
        p.crumbs { a href=(ctx.ws_url("/moments")) { "← " (ctx.t("moments-title")) } }
        (page_head(&ctx.t("moments-secrets-title"), Some(&ctx.t("moments-secrets-lead")), html! {}))
        @if let Some((name, value)) = v.generated {
            section.card.created-key role="status" {
                h2 { (ctx.tr.ta("moments-secret-generated", &[("name", name.to_owned().into())])) }
                p { strong { (ctx.t("moments-secret-copy-now")) } }
                pre.key { code { (value) } }
            }
        }
        @if !missing.is_empty() {
            div.flash.error role="alert" { (ctx.tr.ta("moments-secrets-missing", &[("names", missing.join(", ").into())])) }
        }
        section.card {
            @if v.secrets.is_empty() {
                (empty(ctx, "moments-no-secrets"))
            } @else {
                table.data.compact {
                    thead { tr { th { (ctx.t("moments-secret-name")) } th { (ctx.t("moments-secret-changed")) } th { (ctx.t("moments-secret-used-by")) } th {} } }
                    tbody {
                        @for s in v.secrets {
                            @let users = used_by(&s.name);
                            tr {
                                td { code { (s.name) } }
                                td { (when(ctx, s.updated_at)) }
                                td { @if users.is_empty() { span.muted { "–" } } @else { (users.join(", ")) } }
                                td {
                                    @if ctx.is_admin {
                                        @let confirm = ctx.tr.ta("moments-secret-delete-confirm", &[("name", s.name.clone().into())]);
                                        form.mo-inline method="post" action=(ctx.ws_url(&format!("/secrets/{}/delete", urlencode(&s.name)))) data-confirm=(&confirm) {
                                            input type="hidden" name="csrf" value=(ctx.csrf);
                                            button.btn.small.danger type="submit" { (ctx.t("action-delete")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { (ctx.t("moments-secrets-never-shown")) }
        }
        @if ctx.is_admin {
            section.card {
                h2 { (ctx.t("moments-secret-generate")) }
                p.hint { (ctx.t("moments-secret-generate-hint")) }
                form.inline-form method="post" action=(ctx.ws_url("/secrets/generate")) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label for="gen-name" { (ctx.t("moments-secret-name")) }
                    input #gen-name type="text" name="name" required placeholder="crm-webhook";
                    button.btn.small type="submit" { (ctx.t("moments-secret-generate")) }
                }
            }
            section.card {
                h2 { (ctx.t("moments-secret-set")) }
                p.hint { (ctx.t("moments-secret-set-hint")) }
                form.inline-form method="post" action=(ctx.ws_url("/secrets")) autocomplete="off" {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label for="set-name" { (ctx.t("moments-secret-name")) }
                    input #set-name type="text" name="name" required placeholder="smtp-password";
                    label for="set-value" { (ctx.t("moments-secret-value")) }
                    input #set-value type="password" name="value" required autocomplete="new-password";
                    button.btn.small type="submit" { (ctx.t("action-save")) }
                }
                @if let Some(e) = v.error { p.field-error { (e) } }
            }
        }
    }
}

/// The "Moments" section of a customer's profile: their firings, newest first.
pub fn profile_moments(ctx: &PageCtx<'_>, ws: &Workspace, v: &ActivityView<'_>) -> Markup {
    html! {
        section.card {
            h2 { (ctx.t("moments-profile-title")) }
            @if v.firings.is_empty() {
                (empty(ctx, "moments-profile-none"))
            } @else {
                (style())
                (activity_log(ctx, ws, v))
            }
        }
    }
}
