//! Where a user-given URL may send a browser after a form (`next=` on the login page,
//! the language switch, …): only back into this site.

/// `next` when it is a path on this site, else `None` (callers go to `/`).
///
/// Only a path that starts with one `/`: not `//host` or `/\host` (browsers read both as
/// another site), no scheme, and no control characters or whitespace anywhere, which
/// browsers strip before parsing (`/<TAB>/evil.example` is `//evil.example` to them) and
/// which a `Location` header could not carry at all.
pub fn safe_next(next: &str) -> Option<String> {
    let mut chars = next.chars();
    let ok = chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !next
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    ok.then(|| next.to_owned())
}

/// [`safe_next`], or the home page.
pub fn next_or_home(next: &str) -> String {
    safe_next(next).unwrap_or_else(|| "/".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site() {
        for ok in [
            "/",
            "/w/arctic",
            "/w/a?step=x&b=%20c",
            "/w/a#top",
            "/ørland",
        ] {
            assert_eq!(safe_next(ok).as_deref(), Some(ok), "{ok:?}");
        }
        for bad in [
            "",
            "w/a",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x",
            "/a\u{0}b",
            "/a b",
            "/a\u{a0}b",
            "/a\u{2028}b",
            "/w/x\\y",
            "https://evil.example",
            "javascript:alert(1)",
            " /w",
            "\t//evil.example",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
            assert_eq!(next_or_home(bad), "/");
        }
    }
}
