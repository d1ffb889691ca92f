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
