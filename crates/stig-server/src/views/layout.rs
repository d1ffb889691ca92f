//! The one page layout: top bar (workspace switcher, navigation, language, user), flash
//! message, content.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{FlashKind, PageCtx};
use crate::i18n::Locale;

/// Which navigation entry is active.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    None,
    Overview,
    Personas,
    Journeys,
    Touchpoints,
    Goals,
    Dilemmas,
    Customers,
    Insight,
    Sources,
    Moments,
    Api,
}

pub fn page(ctx: &PageCtx<'_>, title: &str, nav: Nav, content: Markup) -> Markup {
    let full_title = match &ctx.workspace {
        Some((_, name)) => format!("{title} · {name} · Stig"),
        None => format!("{title} · Stig"),
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.tr.locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                link rel="stylesheet" href="/assets/style.css";
                link rel="stylesheet" href="/assets/forms.css";
                script src="/assets/htmx.min.js" defer {}
            }
            body hx-boost="false" {
                header.topbar {
                    div.top-left {
                    a.brand href="/" { span.logo { "◆" } " Stig" }
                    @if let Some((ws_id, ws_name)) = &ctx.workspace {
                        details.switcher {
                            summary { (ws_name) }
                            ul {
                                @for (id, name) in &ctx.workspaces {
                                    li { a href={"/w/" (super::urlencode(id))} class=[(id == ws_id).then_some("current")] { (name) } }
                                }
                            }
                        }
                        nav.mainnav {
                            (nav_link(ctx, "", Nav::Overview, nav, "nav-overview"))
                            (nav_link(ctx, "/personas", Nav::Personas, nav, "nav-personas"))
                            (nav_link(ctx, "/journeys", Nav::Journeys, nav, "nav-journeys"))
                            (nav_link(ctx, "/touchpoints", Nav::Touchpoints, nav, "nav-touchpoints"))
                            (nav_link(ctx, "/goals", Nav::Goals, nav, "nav-goals"))
                            (nav_link(ctx, "/dilemmas", Nav::Dilemmas, nav, "nav-dilemmas"))
                            span.navsep {}
                            (nav_link(ctx, "/customers", Nav::Customers, nav, "nav-customers"))
                            (nav_link(ctx, "/insight", Nav::Insight, nav, "nav-insight"))
                            (nav_link(ctx, "/sources", Nav::Sources, nav, "nav-sources"))
                            (nav_link(ctx, "/moments", Nav::Moments, nav, "moments-nav"))
                        }
                    }
                    }
                    div.top-right {
                    @if ctx.user.is_some() {
                        a.navlink.api href="/api/docs" class=[(nav == Nav::Api).then_some("active")] { (ctx.t("nav-api")) }
                    }
                    form.lang method="post" action="/locale" {
                        input type="hidden" name="csrf" value=(ctx.csrf);
                        input type="hidden" name="next" value=(ctx.path);
                        label.visually-hidden for="locale" { (ctx.t("language")) }
                        select #locale name="locale" onchange="this.form.submit()" {
                            @for l in Locale::ALL {
                                option value=(l.code()) selected[l == ctx.tr.locale] { (l.native_name()) }
                            }
                        }
                        noscript { button type="submit" { (ctx.t("action-switch")) } }
                    }
                    @if let Some(user) = &ctx.user {
                        form.logout method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            @if ctx.is_admin {
                                a.navlink href="/admin/users" { (ctx.t("admin-users")) }
                            }
                            span.user { (user) }
                            button.link type="submit" { (ctx.t("action-logout")) }
                        }
                    }
                    }
                }
                @if let Some(flash) = &ctx.flash {
                    div class={"flash " (if flash.kind == FlashKind::Success { "success" } else { "error" })} role="status" { (flash.text) }
                }
                main { (content) }
                footer.foot { "Stig · " (ctx.t("footer-tagline")) }
            }
        }
    }
}

fn nav_link(ctx: &PageCtx<'_>, rest: &str, this: Nav, active: Nav, key: &str) -> Markup {
    html! {
        a.navlink href=(ctx.ws_url(rest)) class=[(this == active).then_some("active")] { (ctx.t(key)) }
    }
}

/// Inline SVG, trusted because we rendered it ourselves (stig-render escapes all text).
pub fn trusted_svg(svg: &str) -> Markup {
    let body = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(svg);
    PreEscaped(body.to_owned())
}
