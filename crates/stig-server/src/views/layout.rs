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
                script src="/assets/page.js" defer {}
            }
            body hx-boost="false" {
                a.skip-link href="#main" { (ctx.t("skip-to-content")) }
                header.topbar {
                    div.top-left {
                    a.brand href="/" { span.logo aria-hidden="true" { "◆" } " Stig" }
                    @if let Some((ws_id, ws_name)) = &ctx.workspace {
                        details.switcher {
                            summary { (ws_name) }
                            ul {
                                @for (id, name) in &ctx.workspaces {
                                    li { a href={"/w/" (super::urlencode(id))} class=[(id == ws_id).then_some("current")] aria-current=[(id == ws_id).then_some("true")] { (name) } }
                                }
                                @if ctx.is_admin { li { a href="/workspaces/new" { (ctx.t("ws-new-link")) } } }
                            }
                        }
                    }
                    }
                    // On phones the navigation and the user's controls fold into one menu
                    // (no script needed); on wide screens the stylesheet keeps it open.
                    details.menu {
                    summary.menu-toggle { span.burger aria-hidden="true" {} (ctx.t("nav-menu")) }
                    div.menu-body {
                    @if ctx.workspace.is_some() {
                        nav.mainnav aria-label=(ctx.t("nav-main")) {
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
                    div.top-right {
                    @if ctx.user.is_some() {
                        (link_to(ctx, "/api/docs", nav == Nav::Api, "nav-api"))
                    }
                    form.lang method="post" action="/locale" {
                        input type="hidden" name="csrf" value=(ctx.csrf);
                        input type="hidden" name="next" value=(ctx.path);
                        label.visually-hidden for="locale" { (ctx.t("language")) }
                        select #locale name="locale" data-autosubmit {
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
                                (link_to(ctx, "/admin/users", ctx.path.starts_with("/admin/users"), "admin-users"))
                                (link_to(ctx, "/admin/audit", ctx.path.starts_with("/admin/audit"), "audit-title"))
                            }
                            a.user href="/account" title=(ctx.t("account-link")) aria-current=[ctx.path.starts_with("/account").then_some("page")] { (user) }
                            button.link type="submit" { (ctx.t("action-logout")) }
                        }
                    }
                    }
                    }
                    }
                }
                @if let Some(flash) = &ctx.flash {
                    div class={"flash " (if flash.kind == FlashKind::Success { "success" } else { "error" })} role="status" { (flash.text) }
                }
                main #main tabindex="-1" { (content) }
                footer.foot { "Stig · " (ctx.t("footer-tagline")) }
            }
        }
    }
}

fn nav_link(ctx: &PageCtx<'_>, rest: &str, this: Nav, active: Nav, key: &str) -> Markup {
    link_to(ctx, &ctx.ws_url(rest), this == active, key)
}

/// A top-bar link; the current section's is marked for screen readers and by its style.
fn link_to(ctx: &PageCtx<'_>, href: &str, current: bool, key: &str) -> Markup {
    html! {
        a href=(href) class=(if current { "navlink active" } else { "navlink" }) aria-current=[current.then_some("page")] { (ctx.t(key)) }
    }
}

/// The navigation section and its message id for the first path segment after `/w/{ws}/`
/// (a fragment opened on its own is shown in its section).
pub fn section_of(segment: &str) -> (Nav, &'static str) {
    match segment {
        "personas" => (Nav::Personas, "nav-personas"),
        "journeys" => (Nav::Journeys, "nav-journeys"),
        "touchpoints" => (Nav::Touchpoints, "nav-touchpoints"),
        "goals" | "actors" => (Nav::Goals, "nav-goals"),
        "dilemmas" => (Nav::Dilemmas, "nav-dilemmas"),
        "customers" => (Nav::Customers, "nav-customers"),
        "insight" => (Nav::Insight, "nav-insight"),
        "sources" => (Nav::Sources, "nav-sources"),
        "moments" | "tasks" | "deliveries" | "secrets" => (Nav::Moments, "moments-nav"),
        _ => (Nav::Overview, "nav-overview"),
    }
}

/// Inline SVG, trusted because we rendered it ourselves (stig-render escapes all text).
pub fn trusted_svg(svg: &str) -> Markup {
    let body = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(svg);
    PreEscaped(body.to_owned())
}

#[cfg(test)]
mod tests {
    //! Text contrast in the stylesheets: every rule that sets both a text colour and a
    //! background (pills, badges, chips, buttons, flashes) reaches WCAG's 4.5:1; a rule that sets
    //! only a dark text colour reaches it on white and on the page's grey; one that sets only a
    //! light text colour reaches it on the top bar's navy.

    use std::collections::HashMap;

    const SHEETS: [(&str, &str); 2] = [
        ("style.css", include_str!("../../assets/style.css")),
        ("forms.css", include_str!("../../assets/forms.css")),
    ];
    const TOPBAR: [f64; 3] = [0x14 as f64, 0x26 as f64, 0x3b as f64];

    fn hex(s: &str) -> Option<[f64; 3]> {
        let h = s.strip_prefix('#')?;
        let full: String = match h.len() {
            3 => h.chars().flat_map(|c| [c, c]).collect(),
            6 => h.to_owned(),
            _ => return None,
        };
        let n = u32::from_str_radix(&full, 16).ok()?;
        Some([
            (n >> 16) as f64,
            ((n >> 8) & 0xff) as f64,
            (n & 0xff) as f64,
        ])
    }

    fn luminance(c: [f64; 3]) -> f64 {
        let lin = |v: f64| {
            let v = v / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    }

    pub(super) fn ratio(a: [f64; 3], b: [f64; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// `(selector, declarations)` of every rule, media queries flattened.
    fn rules(css: &str) -> Vec<(String, HashMap<String, String>)> {
        let mut css = css.to_owned();
        while let Some(a) = css.find("/*") {
            let b = css[a..].find("*/").map_or(css.len(), |b| a + b + 2);
            css.replace_range(a..b, "");
        }
        css.split('}')
            .filter_map(|chunk| {
                let (head, body) = chunk.rsplit_once('{')?;
                let selector = head.rsplit('{').next().unwrap_or(head).trim().to_owned();
                let decls = body
                    .split(';')
                    .filter_map(|d| d.split_once(':'))
                    .map(|(k, v)| {
                        (
                            k.trim().to_owned(),
                            v.replace("!important", "").trim().to_owned(),
                        )
                    })
                    .collect();
                Some((selector, decls))
            })
            .collect()
    }

    /// A declared colour as RGB: a hex value or a `var(--x)` of one; `None` for anything
    /// else (gradients, transparency, inherit).
    fn colour(v: &str, vars: &HashMap<String, String>) -> Option<[f64; 3]> {
        let v = v.trim();
        if let Some(name) = v.strip_prefix("var(").and_then(|r| r.strip_suffix(')')) {
            return colour(vars.get(name.trim())?, vars);
        }
        hex(v)
    }

    fn render(i18n: &crate::i18n::I18n, nav: super::Nav, path: &str) -> String {
        let ctx = super::PageCtx {
            tr: crate::i18n::Tr {
                i18n,
                locale: crate::i18n::Locale::Nb,
            },
            user: Some("kari".into()),
            can_edit: true,
            is_admin: true,
            csrf: "t".into(),
            workspace: Some(("arctic".into(), "Arktisk".into())),
            workspaces: vec![("arctic".into(), "Arktisk".into())],
            path: path.into(),
            flash: None,
        };
        super::page(&ctx, "Innsikt", nav, maud::html! { p { "x" } }).into_string()
    }

    #[test]
    fn the_current_section_is_marked_once_and_the_menu_and_skip_link_are_there() {
        let i18n = crate::i18n::I18n::new();
        let html = render(&i18n, super::Nav::Insight, "/w/arctic/insight");
        assert!(
            html.contains(
                r#"<a href="/w/arctic/insight" class="navlink active" aria-current="page">Innsikt</a>"#
            ),
            "{html}"
        );
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
        assert!(
            html.contains(r##"<a class="skip-link" href="#main">Hopp til hovedinnholdet</a>"##)
        );
        assert!(html.contains(r#"<main id="main" tabindex="-1">"#));
        assert!(html.contains("<details class=\"menu\">"));
        assert!(html.contains("Meny</summary>"));
        // Admin pages mark their own link; no workspace section is current there.
        let html = render(&i18n, super::Nav::None, "/admin/users");
        assert!(
            html.contains(r#"<a href="/admin/users" class="navlink active" aria-current="page">"#)
        );
        assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
    }

    #[test]
    fn the_partner_pill_of_the_issue_was_below_and_is_now_above() {
        // The old pill: #c8620a on #fdeedd.
        let old = ratio(hex("#c8620a").expect("hex"), hex("#fdeedd").expect("hex"));
        assert!(old < 4.5, "{old}");
        assert!((ratio([0.0; 3], [255.0; 3]) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn text_colours_reach_4_5_to_1() {
        let mut vars = HashMap::new();
        for (_, css) in SHEETS {
            for (sel, decls) in rules(css) {
                if sel == ":root" {
                    vars.extend(decls.into_iter().filter(|(k, _)| k.starts_with("--")));
                }
            }
        }
        let white = [255.0; 3];
        let page = colour("var(--bg)", &vars).expect("--bg");
        let mut failures = Vec::new();
        let mut checked = 0;
        for (file, css) in SHEETS {
            for (sel, decls) in rules(css) {
                let Some(fg) = decls.get("color").and_then(|c| colour(c, &vars)) else {
                    continue;
                };
                let bg = decls
                    .get("background")
                    .or_else(|| decls.get("background-color"))
                    .and_then(|b| colour(b, &vars));
                let grounds = match bg {
                    Some(bg) => vec![bg],
                    None if luminance(fg) < 0.4 => vec![white, page],
                    None => vec![TOPBAR],
                };
                for ground in grounds {
                    checked += 1;
                    let r = ratio(fg, ground);
                    if r < 4.5 {
                        failures.push(format!("{file}: `{sel}` {r:.2}:1"));
                    }
                }
            }
        }
        assert!(checked > 60, "only {checked} colour pairs found");
        assert!(
            failures.is_empty(),
            "text below 4.5:1 contrast:\n{}",
            failures.join("\n")
        );
    }
}
