//! The login page: a centred card with user name and password.

use maud::{Markup, html};

use super::PageCtx;
use super::layout::{Nav, page};

/// `GET /login?next=…`: posts `user`, `password`, `csrf` and `next` to `/login`.
/// `error` is shown above the form (after a failed attempt).
pub fn login_page(ctx: &PageCtx<'_>, error: Option<&str>, next: &str) -> Markup {
    let content = html! {
        div.login {
            section.card.login-card {
                div.login-brand aria-hidden="true" { span.logo { "◆" } " Stig" }
                h1 { (ctx.t("login-title")) }
                p.muted.center { (ctx.t("page-login-lead")) }
                @if let Some(error) = error {
                    p.flash.error role="alert" { (error) }
                }
                form.stack method="post" action="/login" {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    input type="hidden" name="next" value=(next);
                    label for="username" {
                        (ctx.t("login-user"))
                        input #username type="text" name="user" autocomplete="username" required autofocus;
                    }
                    label for="password" {
                        (ctx.t("login-password"))
                        input #password type="password" name="password" autocomplete="current-password" required;
                    }
                    button.btn.wide type="submit" { (ctx.t("action-login")) }
                }
            }
        }
    };
    page(ctx, &ctx.t("login-title"), Nav::None, content)
}
