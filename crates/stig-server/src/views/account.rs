//! One's own account: the password and the API tokens.

use maud::{Markup, PreEscaped, html};
use stig_store::{ApiTokenInfo, User};

use super::PageCtx;
use super::layout::{Nav, page};

/// What to show beside the account as it is: a refused form, or a token just created.
#[derive(Default)]
pub struct AccountView<'a> {
    /// `(field, message)` of a refused password change.
    pub password_error: Option<(&'static str, String)>,
    pub token_error: Option<String>,
    /// `(label, token)` just created: the only time the token is shown.
    pub created: Option<(&'a str, &'a str)>,
    /// Where this server is reached, for the example with a created token.
    pub base_url: &'a str,
}

const STYLE: &str = ".account pre.account-token{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all}\
.account .account-grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));align-items:start}\
.account td code{white-space:nowrap}";

pub fn account_page(
    ctx: &PageCtx<'_>,
    user: &User,
    tokens: &[ApiTokenInfo],
    v: &AccountView<'_>,
) -> Markup {
    let pw_error = |field: &str| {
        html! {
            @if let Some((f, m)) = &v.password_error && *f == field {
                p.field-error role="alert" id={"pw-" (field) "-error"} { (m) }
            }
        }
    };
    let role = ctx.t(&format!("admin-role-{}", user.role.as_str()));
    let date = |t: jiff::Timestamp| {
        ctx.tr
            .date(t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
    };
    let content = html! {
        style { (PreEscaped(STYLE)) }
        div.account {
        div.heading { div.heading-text {
            p.eyebrow { (ctx.t("account-eyebrow")) }
            h1 { (user.name) }
            p.lead { (ctx.tr.ta("account-lead", &[("role", role.clone().into())])) }
        } }
        @if let Some((label, token)) = v.created {
            section.card.created-key role="status" {
                h2 { (ctx.tr.ta("account-token-created", &[("label", label.to_owned().into())])) }
                p { (ctx.t("account-token-once")) }
                pre.key.account-token { code { (token) } }
                p.hint { (ctx.t("account-token-use")) }
                pre.snippet.account-token { code { "curl -H 'Authorization: Bearer " (token) "' \\\n  " (v.base_url) "/api/workspaces" } }
            }
        }
        div.account-grid {
            section.card #password {
                h2 { (ctx.t("account-password-title")) }
                p.muted { (ctx.t("account-password-lead")) }
                form.stack method="post" action="/account/password" {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    // For password managers: whose password this is.
                    input type="text" name="username" value=(user.name) autocomplete="username" hidden;
                    label { (ctx.t("account-password-current"))
                        input type="password" name="current" required autocomplete="current-password"; }
                    (pw_error("current"))
                    label { (ctx.t("account-password-new")) " " span.hint { (ctx.tr.ta("account-password-hint", &[("min", crate::ui::account::MIN_PASSWORD.into())])) }
                        input type="password" name="new" required minlength=(crate::ui::account::MIN_PASSWORD) autocomplete="new-password"; }
                    (pw_error("new"))
                    label { (ctx.t("account-password-repeat"))
                        input type="password" name="repeat" required minlength=(crate::ui::account::MIN_PASSWORD) autocomplete="new-password"; }
                    (pw_error("repeat"))
                    div.form-actions { button.btn type="submit" { (ctx.t("account-password-save")) } }
                }
            }
            section.card #tokens {
                h2 { (ctx.t("account-tokens-title")) }
                p.muted { (ctx.tr.ta("account-tokens-lead", &[("role", role.into())])) }
                @if tokens.is_empty() {
                    p.empty { (ctx.t("account-tokens-none")) }
                } @else {
                    div.table-scroll { table.data.compact {
                        thead { tr {
                            th { (ctx.t("account-token-label")) }
                            th { (ctx.t("account-token-fingerprint")) }
                            th { (ctx.t("account-token-created-at")) }
                            th { (ctx.t("account-token-last-used")) }
                            th { span.visually-hidden { (ctx.t("account-token-revoke")) } }
                        } }
                        tbody {
                            @for t in tokens {
                                tr {
                                    td { (t.label) }
                                    td { code { (t.fingerprint) } }
                                    td { (date(t.created_at)) }
                                    td { @match t.last_used_at { Some(u) => (date(u)), None => span.muted { (ctx.t("account-token-never")) } } }
                                    td {
                                        form.inline method="post" action="/account/tokens/revoke" {
                                            input type="hidden" name="csrf" value=(ctx.csrf);
                                            input type="hidden" name="fingerprint" value=(t.fingerprint);
                                            button.btn.small.secondary type="submit" aria-label={(ctx.t("account-token-revoke")) " " (t.label)} { (ctx.t("account-token-revoke")) }
                                        }
                                    }
                                }
                            }
                        }
                    } }
                }
                h3 { (ctx.t("account-token-new")) }
                form.stack method="post" action="/account/tokens" {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    label { (ctx.t("account-token-label")) " " span.hint { (ctx.t("account-token-label-hint")) }
                        input type="text" name="label" required maxlength="100" autocomplete="off"; }
                    @if let Some(e) = &v.token_error { p.field-error role="alert" { (e) } }
                    p.hint { (ctx.tr.ta("account-token-scope", &[("role", ctx.t(&format!("admin-role-{}", user.role.as_str())).into())])) }
                    div.form-actions { button.btn type="submit" { (ctx.t("account-token-create")) } }
                }
            }
        }
        }
    };
    page(ctx, &ctx.t("account-title"), Nav::None, content)
}
