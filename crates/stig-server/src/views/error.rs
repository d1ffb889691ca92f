//! The error page: what went wrong, in plain words, and a way back.

use maud::{Markup, html};

use super::PageCtx;
use super::layout::{Nav, page};

/// An error page for HTTP `status` with a `message` the user may read (no internals).
pub fn error_page(ctx: &PageCtx<'_>, status: u16, message: &str) -> Markup {
    let title = ctx.t(match status {
        400 | 422 => "page-error-400",
        401 => "page-error-401",
        403 => "page-error-403",
        404 => "page-error-404",
        409 => "page-error-409",
        s if s >= 500 => "page-error-500",
        _ => "page-error-other",
    });
    let home = if ctx.workspace.is_some() {
        ctx.ws_url("")
    } else {
        "/".to_owned()
    };
    let content = html! {
        section.card.error-card role="alert" {
            p.status { (status) }
            h1 { (title) }
            @if !message.is_empty() && message != title {
                p.message { (message) }
            }
            p.actions {
                a.btn href=(home) { (ctx.t("page-error-home")) }
                " "
                @if ctx.user.is_none() {
                    a.btn.secondary href="/login" { (ctx.t("action-login")) }
                }
            }
        }
    };
    page(ctx, &title, Nav::None, content)
}
