//! `GET /w/{ws}/insight/findings`: every finding, most severe first, each with its evidence.

use maud::{Markup, html};
use stig_insight::findings::Finding;

use super::{InsightCtx, finding_list, frame};
use crate::views::PageCtx;

pub fn findings_page(ctx: &PageCtx<'_>, ic: &InsightCtx<'_>, found: &[Finding]) -> Markup {
    let lead = ctx.t("insight-findings-lead");
    let body = html! {
        section.card {
            @if found.is_empty() {
                p.all-good { (ctx.t("insight-findings-none")) }
            } @else {
                (finding_list(ctx, found))
            }
        }
    };
    frame(ctx, ic, "findings", &lead, body)
}
