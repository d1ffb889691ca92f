//! The personal-data card on a customer's profile (admins only): download everything about
//! the person, or erase them after typing their id.

use maud::{Markup, html};

use super::{PageCtx, urlencode};

pub fn privacy_card(ctx: &PageCtx<'_>, id: &str) -> Markup {
    let base = ctx.ws_url(&format!("/customers/{}", urlencode(id)));
    html! {
        section.card #privacy {
            h2 { (ctx.t("page-profile-privacy")) }
            p { a.btn.secondary.small href={(base) "/export"} download { (ctx.t("page-profile-export")) } }
            details {
                summary { (ctx.t("page-profile-erase")) }
                // A stack: on a phone the id, its field, the choice and the button each get a line.
                form.stack.erase method="post" action={(base) "/erase"} {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    p.muted.small { (ctx.t("page-profile-erase-help")) }
                    label {
                        span { (ctx.t("page-profile-erase-confirm")) " " code { (id) } }
                        input #erase-confirm type="text" name="confirm" required autocomplete="off" spellcheck="false";
                    }
                    label.check {
                        input type="checkbox" name="suppress" value="on";
                        " " (ctx.t("page-profile-erase-suppress"))
                    }
                    div { button.btn.danger type="submit" { (ctx.t("page-profile-erase-button")) } }
                }
            }
        }
    }
}
