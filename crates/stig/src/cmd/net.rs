//! The server's network settings from `HttpOptions`, shared by `serve` and `demo`.

use std::net::SocketAddr;
use std::time::Duration;

use crate::cli::HttpOptions;

/// What `HttpOptions` decide of the server's `Config`.
pub struct Net {
    pub public_url: String,
    pub secure_cookies: bool,
    pub trusted_proxies: stig_server::client_addr::TrustedProxies,
    pub limits: stig_server::listen::Limits,
}

/// Checks the options: a public URL must be `http(s)://…`, proxies addresses or networks.
/// Cookies are `Secure` when the public URL is `https` or `--secure-cookies` says so.
pub fn net(http: &HttpOptions, addr: SocketAddr) -> anyhow::Result<Net> {
    let public_url = match http.public_url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => {
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                anyhow::bail!("--public-url {url:?}: must start with https:// or http://");
            }
            url.trim_end_matches('/').to_owned()
        }
        _ => format!("http://{addr}"),
    };
    let https = public_url.to_ascii_lowercase().starts_with("https://");
    let trusted_proxies = match http.trusted_proxies.as_deref() {
        Some(list) => list
            .parse()
            .map_err(|e| anyhow::anyhow!("--trusted-proxies: {e}"))?,
        None => Default::default(),
    };
    if http.max_connections == 0 {
        anyhow::bail!("--max-connections must be at least 1");
    }
    if http.header_timeout == 0 {
        anyhow::bail!("--header-timeout must be at least 1 second");
    }
    Ok(Net {
        public_url,
        secure_cookies: https || http.secure_cookies,
        trusted_proxies,
        limits: stig_server::listen::Limits {
            max_connections: http.max_connections,
            header_timeout: Duration::from_secs(http.header_timeout),
            ..Default::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser as _;

    fn http(args: &[&str]) -> HttpOptions {
        let argv = ["stig", "demo"].iter().chain(args).copied();
        match Cli::try_parse_from(argv).expect("arguments").command {
            Command::Demo { http, .. } => http,
            _ => unreachable!("demo"),
        }
    }

    fn addr() -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], 8080))
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure_and_the_flag_still_can() {
        let n = net(&http(&[]), addr()).expect("defaults");
        assert_eq!(n.public_url, "http://127.0.0.1:8080");
        assert!(!n.secure_cookies);
        assert!(n.trusted_proxies.is_empty());
        assert_eq!(n.limits, stig_server::listen::Limits::default());
        let n = net(
            &http(&["--public-url", "https://stig.example.com/"]),
            addr(),
        )
        .expect("https");
        assert_eq!(n.public_url, "https://stig.example.com");
        assert!(n.secure_cookies);
        let n = net(&http(&["--secure-cookies"]), addr()).expect("flag");
        assert!(n.secure_cookies);
    }

    #[test]
    fn bad_values_are_named() {
        let e = |args: &[&str]| match net(&http(args), addr()) {
            Ok(_) => panic!("{args:?} accepted"),
            Err(e) => e.to_string(),
        };
        assert!(e(&["--public-url", "stig.example.com"]).contains("--public-url"));
        assert!(e(&["--trusted-proxies", "10.0.0.0/40"]).contains("--trusted-proxies"));
        assert!(e(&["--max-connections", "0"]).contains("--max-connections"));
        assert!(e(&["--header-timeout", "0"]).contains("--header-timeout"));
        let n = net(
            &http(&[
                "--trusted-proxies",
                "127.0.0.1,10.0.0.0/8",
                "--max-connections",
                "50",
                "--header-timeout",
                "3",
            ]),
            addr(),
        )
        .expect("options");
        assert!(n.trusted_proxies.contains("10.1.2.3".parse().expect("ip")));
        assert_eq!(n.limits.max_connections, 50);
        assert_eq!(n.limits.header_timeout, Duration::from_secs(3));
    }
}
