//! One-time messages carried across a redirect in a short-lived cookie.

use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;

use crate::views::{Flash, FlashKind};

const FLASH_COOKIE: &str = "stig_flash";

/// Sets a flash message for the next page.
pub fn set(jar: CookieJar, kind: FlashKind, text: &str) -> CookieJar {
    let prefix = if kind == FlashKind::Success {
        "ok:"
    } else {
        "err:"
    };
    let value = format!("{prefix}{}", crate::views::urlencode(text));
    jar.add(
        Cookie::build((FLASH_COOKIE, value))
            .path("/")
            .http_only(true)
            .build(),
    )
}

/// Takes the flash message, if any, and clears it.
pub fn take(jar: CookieJar) -> (CookieJar, Option<Flash>) {
    let Some(c) = jar.get(FLASH_COOKIE) else {
        return (jar, None);
    };
    let value = percent_encoding::percent_decode_str(c.value())
        .decode_utf8_lossy()
        .into_owned();
    let flash = if let Some(text) = value.strip_prefix("ok:") {
        Flash {
            kind: FlashKind::Success,
            text: text.to_owned(),
        }
    } else {
        Flash {
            kind: FlashKind::Error,
            text: value.trim_start_matches("err:").to_owned(),
        }
    };
    (
        jar.remove(Cookie::build(FLASH_COOKIE).path("/")),
        Some(flash),
    )
}
