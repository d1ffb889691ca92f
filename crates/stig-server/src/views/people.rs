//! The personal-data card on a customer's profile (admins only): download everything about
//! the person, or erase them after typing their id.

use maud::{Markup, html};

use super::{PageCtx, urlencode};

pub fn privacy_card(ctx: &PageCtx<'_>, id: &str) -> Markup {
    let base = ctx.ws_url(&format!("/customers/{}", urlencode(id)));
    html! {
        section.card #privacy {
            h2 { (ctx.t("page-profile-privacy")) }
            p { a.button href={(base) "/export"} download { (ctx.t("page-profile-export")) } }
            details {
                summary { (ctx.t("page-profile-erase")) }
                form method="post" action={(base) "/erase"} {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    p.muted.small { (ctx.t("page-profile-erase-help")) }
                    label for="erase-confirm" { (ctx.t("page-profile-erase-confirm")) " " code { (id) } }
                    input #erase-confirm type="text" name="confirm" required autocomplete="off" spellcheck="false";
                    label.check {
                        input type="checkbox" name="suppress" value="on";
                        " " (ctx.t("page-profile-erase-suppress"))
                    }
                    button.danger type="submit" { (ctx.t("page-profile-erase-button")) }
                }
            }
        }
    }
}
