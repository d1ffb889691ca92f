//! The channel a visit came through, read off its campaign tags and referrer.
//!
//! When nothing else says how a customer came (no `channel` trait), the first event that
//! carries campaign tags (`context.campaign`, from the page's `utm_*` parameters) or an
//! outside referrer does. The table, in the order it is read:
//!
//! | what the event says | channel |
//! |---|---|
//! | `utm_medium` `email`, `e-mail`, `newsletter` | `email` |
//! | `utm_medium` `sms` | `sms` |
//! | `utm_medium` `cpc`, `ppc`, `cpm`, `display`, `banner`, `paid…` | `advertising` |
//! | `utm_medium` `social`, `social-media`, `social-network`, `organic-social` | `social` |
//! | `utm_medium` `print`, `qr` | `print` |
//! | `utm_medium` `organic` | `search` |
//! | `utm_medium` `referral`, `affiliate` | `referral` |
//! | `utm_source` a social network (Facebook, Instagram, LinkedIn, …) | `social` |
//! | `utm_source` a search engine (Google, Bing, DuckDuckGo, …) | `search` |
//! | referrer a webmail (Gmail, Outlook, Yahoo Mail, Proton) | `email` |
//! | referrer a search engine | `search` |
//! | referrer a social network | `social` |
//! | referrer any other site than the page's own | `referral` |
//!
//! Mediums are compared without case, with `_` and spaces read as `-`. No tags and no
//! referrer (or one from the same site) say nothing: a direct visit.

use super::activity::Web;

/// The channels the table gives, numbered from 1 as kept with an event (0: none).
pub const CHANNELS: [&str; 7] = [
    "email",
    "sms",
    "advertising",
    "social",
    "print",
    "search",
    "referral",
];

const SEARCH: &[&str] = &[
    "google",
    "bing",
    "duckduckgo",
    "yahoo",
    "ecosia",
    "yandex",
    "baidu",
    "kvasir",
    "startpage",
    "qwant",
    "search.brave.com",
];

const SOCIAL: &[&str] = &[
    "facebook",
    "fb.com",
    "instagram",
    "linkedin",
    "lnkd.in",
    "twitter",
    "t.co",
    "x.com",
    "tiktok",
    "pinterest",
    "youtube",
    "youtu.be",
    "reddit",
    "snapchat",
    "threads.net",
];

const WEBMAIL: &[&str] = &[
    "mail.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "outlook.office365.com",
    "mail.yahoo.com",
    "mail.proton.me",
];

/// The channel a visit's campaign tags or referrer say it came through, if they say one.
pub fn of(web: &Web) -> Option<&'static str> {
    web.medium
        .as_deref()
        .and_then(by_medium)
        .or_else(|| web.source.as_deref().and_then(by_source))
        .or_else(|| by_referrer(web.referrer.as_deref()?, web.url.as_deref()))
}

/// [`of`] as kept with an event: its number in [`CHANNELS`] from 1, or 0.
pub fn code(web: &Web) -> u8 {
    of(web)
        .and_then(|c| CHANNELS.iter().position(|&x| x == c))
        .map_or(0, |i| i as u8 + 1)
}

/// The channel of a number from [`code`].
pub fn name(code: u8) -> Option<&'static str> {
    CHANNELS.get(usize::from(code).checked_sub(1)?).copied()
}

fn by_medium(medium: &str) -> Option<&'static str> {
    let m = medium.trim().to_lowercase().replace(['_', ' '], "-");
    Some(match m.as_str() {
        "email" | "e-mail" | "newsletter" => "email",
        "sms" => "sms",
        "cpc" | "ppc" | "cpm" | "display" | "banner" => "advertising",
        m if m.starts_with("paid") => "advertising",
        "social" | "social-media" | "social-network" | "organic-social" => "social",
        "print" | "qr" => "print",
        "organic" => "search",
        "referral" | "affiliate" => "referral",
        _ => return None,
    })
}

fn by_source(source: &str) -> Option<&'static str> {
    let s = source.trim().to_lowercase();
    let is = |list: &[&str]| {
        list.iter()
            .any(|x| s == *x || s.split('.').next() == Some(x))
    };
    if is(SOCIAL) {
        Some("social")
    } else if is(SEARCH) {
        Some("search")
    } else {
        None
    }
}

/// An outside referrer's channel; `None` for none, a non-web one, or the page's own site.
fn by_referrer(referrer: &str, page_url: Option<&str>) -> Option<&'static str> {
    let referrer = host(referrer)?;
    if page_url.and_then(host).is_some_and(|own| own == referrer) {
        return None;
    }
    let on = |list: &[&str]| list.iter().any(|site| is_site(&referrer, site));
    Some(if on(WEBMAIL) {
        "email"
    } else if on(SEARCH) {
        "search"
    } else if on(SOCIAL) {
        "social"
    } else {
        "referral"
    })
}

/// The host of a web URL, lower case and without `www.`.
fn host(url: &str) -> Option<String> {
    let url = url::Url::parse(url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// Whether `host` is `site`: a domain (`t.co`) and its subdomains, or a brand (`google`) under
/// any top-level domain (`google.no`, `news.google.co.uk`).
fn is_site(host: &str, site: &str) -> bool {
    if site.contains('.') {
        host == site || host.ends_with(&format!(".{site}"))
    } else {
        let labels: Vec<&str> = host.split('.').collect();
        labels[..labels.len().saturating_sub(1)].contains(&site)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web(medium: &str, source: &str, referrer: &str, url: &str) -> Web {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Web {
            medium: some(medium),
            source: some(source),
            referrer: some(referrer),
            url: some(url),
            ..Web::default()
        }
    }

    const PAGE: &str = "https://www.fjordnett.no/familie?utm_source=x";

    #[test]
    fn campaign_tags_and_referrers_give_a_channel_from_the_table() {
        for (medium, source, referrer, want) in [
            ("email", "newsletter", "", Some("email")),
            ("E-Mail", "", "", Some("email")),
            (
                "cpc",
                "google",
                "https://www.google.com/",
                Some("advertising"),
            ),
            ("paid_social", "facebook", "", Some("advertising")),
            ("Social", "", "", Some("social")),
            ("qr", "brosjyre", "", Some("print")),
            ("", "facebook", "", Some("social")),
            ("", "Google", "", Some("search")),
            ("whatever", "brosjyre", "", None),
            (
                "",
                "",
                "https://www.google.no/search?q=fjordnett",
                Some("search"),
            ),
            ("", "", "https://news.google.co.uk/", Some("search")),
            ("", "", "https://mail.google.com/mail/u/0/", Some("email")),
            ("", "", "https://l.facebook.com/l.php?u=x", Some("social")),
            ("", "", "https://t.co/abc", Some("social")),
            ("", "", "https://www.yr.no/nb", Some("referral")),
            ("", "", "https://fjordnett.no/start", None),
            ("", "", "android-app://com.google.android.gm", None),
            ("", "", "not a url", None),
            ("", "", "", None),
            // An unknown medium leaves the referrer to say.
            ("brosjyre", "", "https://www.bing.com/", Some("search")),
        ] {
            assert_eq!(
                of(&web(medium, source, referrer, PAGE)),
                want,
                "{medium:?} {source:?} {referrer:?}"
            );
        }
        // Without the page's URL any referrer is from outside.
        assert_eq!(
            of(&web("", "", "https://fjordnett.no/start", "")),
            Some("referral")
        );
        // Not a brand as a top-level domain, nor a brand inside another word.
        assert_eq!(
            of(&web("", "", "https://googleblog.example/", PAGE)),
            Some("referral")
        );
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(code(&Web::default()), 0);
        assert_eq!(name(0), None);
        for (i, c) in CHANNELS.iter().enumerate() {
            assert_eq!(name(i as u8 + 1), Some(*c));
        }
        assert_eq!(name(code(&web("sms", "", "", ""))), Some("sms"));
    }
}
