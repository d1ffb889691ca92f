//! The login page: a centred card with user name and password.

use maud::{Markup, html};

use super::layout::{Nav, page};
use super::{PageCtx, urlencode};

/// What the login page offers besides the password form.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoginOptions<'a> {
    /// The identity provider's name: a "Sign in with …" link to `/login/sso`.
    pub sso: Option<&'a str>,
    /// No password form (`--sso-only`).
    pub sso_only: bool,
}

/// `GET /login?next=…`: posts `user`, `password`, `csrf` and `next` to `/login`.
/// `error` is shown above the form (after a failed attempt).
pub fn login_page(ctx: &PageCtx<'_>, error: Option<&str>, next: &str) -> Markup {
    login_page_with(ctx, error, next, LoginOptions::default())
}

/// [`login_page`] with single sign-on: the provider's button first, the password form below
/// it unless password sign-in is off.
pub fn login_page_with(
    ctx: &PageCtx<'_>,
    error: Option<&str>,
    next: &str,
    options: LoginOptions<'_>,
) -> Markup {
    let sso = options.sso;
    let password = !(options.sso_only && sso.is_some());
    let content = html! {
        div.login {
            section.card.login-card {
                div.login-brand aria-hidden="true" { span.logo { "◆" } " Stig" }
                h1 { (ctx.t("login-title")) }
                p.muted.center { (ctx.t("page-login-lead")) }
                @if let Some(error) = error {
                    p.flash.error role="alert" { (error) }
                }
                @if let Some(name) = sso {
                    a.btn.wide.sso-login href=(format!("/login/sso?next={}", urlencode(next))) {
                        (ctx.tr.ta("login-sso", &[("provider", name.into())]))
                    }
                    @if password {
                        p.muted.center { (ctx.t("login-or")) }
                    }
                }
                @if password {
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
        }
    };
    page(ctx, &ctx.t("login-title"), Nav::None, content)
}
