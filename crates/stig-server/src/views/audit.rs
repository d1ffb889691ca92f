//! The audit log page: filters, the chain's state, a table that becomes one card per entry
//! on a phone, paging and downloads.

use maud::{Markup, PreEscaped, html};
use stig_store::{AuditAction, AuditEntry, AuditVerification};

use super::PageCtx;
use super::customers::when;
use super::parts::{empty, page_head};
use crate::api::audit::AuditParams;

/// Scoped rules: the filter row wraps; on a phone each entry is a card of labelled lines.
const STYLE: &str = r#"
.audit-filters{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:flex-end}
.audit-filters label{display:flex;flex-direction:column;font-size:.85rem;min-width:9rem;flex:1 1 9rem}
.audit-filters .form-actions{flex:0 0 auto}
.audit-ok{color:#1a6b3a}
.audit-broken{color:#a01c1c;font-weight:600}
.audit-detail{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-word;max-width:28rem}
.audit-hash{font-family:ui-monospace,monospace;font-size:.75rem;color:#5b6573}
@media (max-width:640px){
 table.audit thead{display:none}
 table.audit,table.audit tbody,table.audit tr,table.audit td{display:block;width:100%}
 table.audit tr{border-top:1px solid #e3e7ec;padding:.5rem 0}
 table.audit td{border:0;padding:.1rem 0}
 table.audit td:empty{display:none}
 table.audit td[data-label]::before{content:attr(data-label) ": ";color:#5b6573;font-size:.82rem}
 .audit-detail{max-width:none}
}
"#;

/// What the page shows.
pub struct AuditView<'a> {
    pub params: &'a AuditParams,
    pub entries: &'a [AuditEntry],
    pub verification: &'a AuditVerification,
    /// The `seq` the next (older) page starts below, when there is one.
    pub next_before: Option<i64>,
    /// A filter that could not be read.
    pub error: Option<&'a str>,
}

pub fn audit_page(ctx: &PageCtx<'_>, v: &AuditView<'_>) -> Markup {
    let filters = v.params.filter_query();
    let with = |extra: &str| {
        if filters.is_empty() {
            extra.to_owned()
        } else {
            format!("{filters}&{extra}")
        }
    };
    html! {
        style { (PreEscaped(STYLE)) }
        (page_head(&ctx.t("audit-title"), Some(&ctx.t("audit-lead")), html! {
            a.btn.secondary.small href=(format!("/api/audit?{}", with("format=csv"))) download { (ctx.t("audit-download-csv")) }
            " "
            a.btn.secondary.small href=(format!("/api/audit?{}", with("format=jsonl"))) download { (ctx.t("audit-download-jsonl")) }
        }))
        (status(ctx, v.verification))
        form.card.audit-filters method="get" action="/admin/audit" {
            label { (ctx.t("audit-actor")) input type="text" name="actor" value=(v.params.actor); }
            label { (ctx.t("audit-action"))
                select name="action" {
                    option value="" { (ctx.t("audit-any")) }
                    @for a in AuditAction::ALL {
                        option value=(a.as_str()) selected[v.params.action == a.as_str()] { (action_label(ctx, a.as_str())) }
                    }
                }
            }
            label { (ctx.t("audit-workspace"))
                select name="workspace" {
                    option value="" { (ctx.t("audit-any")) }
                    @for (id, name) in &ctx.workspaces {
                        option value=(id) selected[&v.params.workspace == id] { (name) }
                    }
                }
            }
            label { (ctx.t("audit-from")) input type="date" name="from" value=(v.params.from); }
            label { (ctx.t("audit-to")) input type="date" name="to" value=(v.params.to); }
            div.form-actions { button.btn.small type="submit" { (ctx.t("audit-filter")) } }
        }
        @if let Some(error) = v.error {
            p.flash.error role="alert" { (error) }
        }
        section.card {
            @if v.entries.is_empty() {
                (empty(ctx, "audit-none"))
            } @else {
                div.table-scroll {
                    table.data.compact.audit {
                        thead { tr {
                            th.num { "#" }
                            th { (ctx.t("audit-when")) }
                            th { (ctx.t("audit-actor")) }
                            th { (ctx.t("audit-action")) }
                            th { (ctx.t("audit-target")) }
                            th { (ctx.t("audit-detail")) }
                            th { (ctx.t("audit-client")) }
                        } }
                        tbody {
                            @for e in v.entries {
                                tr {
                                    td.num data-label="#" { (e.seq) }
                                    td.small data-label=(ctx.t("audit-when")) { (when(ctx, e.at)) }
                                    td data-label=(ctx.t("audit-actor")) { (e.actor) }
                                    td data-label=(ctx.t("audit-action")) { span.badge { (action_label(ctx, &e.action)) } }
                                    td data-label=(ctx.t("audit-target")) {
                                        @if let Some(ws) = &e.workspace { span.muted { (ws) } " " }
                                        @if let (Some(kind), Some(id)) = (&e.target_kind, &e.target_id) { (kind) " " code { (id) } }
                                    }
                                    td.audit-detail data-label=(ctx.t("audit-detail")) { @if e.detail != "null" { (e.detail) } }
                                    td.small data-label=(ctx.t("audit-client")) { (e.client.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
                @if let Some(before) = v.next_before {
                    p { a.btn.secondary.small href=(format!("/admin/audit?{}", with(&format!("before={before}")))) { (ctx.t("audit-older")) } }
                }
            }
        }
    }
}

/// The chain's state in one line.
fn status(ctx: &PageCtx<'_>, v: &AuditVerification) -> Markup {
    let count = (v.count as f64).into();
    html! {
        @match v.broken {
            None => p.audit-ok role="status" {
                "✓ " (ctx.tr.ta("audit-verified", &[("n", count)]))
                @if let Some(hash) = &v.last_hash { " " span.audit-hash title=(hash) { (hash.get(..12).unwrap_or(hash)) "…" } }
            },
            Some((seq, why)) => p.audit-broken role="alert" {
                "✗ " (ctx.tr.ta("audit-broken", &[("seq", (seq as f64).into()), ("why", why.as_str().into())]))
            },
        }
    }
}

/// An action's name in the reader's language (the code itself when it has none).
fn action_label(ctx: &PageCtx<'_>, code: &str) -> String {
    let key = format!("audit-action-{code}");
    let text = ctx.t(&key);
    if text == key { code.to_owned() } else { text }
}
